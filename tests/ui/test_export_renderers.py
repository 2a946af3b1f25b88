"""Vector figures read the same in independent renderers as in the PNG export (issue 24).

Each view's SVG is rasterised by resvg (``resvg-py``, a test dependency) and by librsvg
(``rsvg-convert``) where installed, its PDF by poppler (``pdftoppm``) where installed, and
compared with the PNG of the same figure. The measure: both images averaged over blocks
of 8 x 8 pixels; the share of blocks whose colour differs by more than 40 levels (of 255)
in a channel. Text drawn by another rasteriser moves by a pixel here and there and stays
under it; a missing element, a giant stroke or an unclipped image do not.
"""

import re
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree

import numpy as np
import pytest
from PySide6.QtGui import QImage

from explorer.panels import figure_views
from explorer.preferences import THEME_NAMES
from explorer.session import ExplorerSession
from explorer.state import ExplorerState
from explorer.ui.export import figure_bytes, make_figure

SIZE = (640, 400)
#: The figure of every plot needs a slide's size (at 640 x 400 its plots crowd).
WINDOW_SIZE = (1280, 720)
BLOCK = 8
LEVELS = 40
#: At most this share of the blocks may differ (measured: at most 2.6 % for the text of
#: the lessons, 0 % for the plots; a broken file: 4 % and more, see the tests below).
MAX_CHANGED = {"plots": 0.005, "lessons": 0.035}
PLOTS = ("window", "logits", "probabilities", "gradient", "surface", "simplex")

resvg_py = pytest.importorskip("resvg_py", reason="resvg-py (the [test] extra) renders SVG")


def _pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    width, height = image.width(), image.height()
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(height, image.bytesPerLine() // 4, 4)
    return rows[:, :width, :3].astype(float)


def _blocks(pixels: np.ndarray) -> np.ndarray:
    height, width = (pixels.shape[0] // BLOCK) * BLOCK, (pixels.shape[1] // BLOCK) * BLOCK
    cut = pixels[:height, :width]
    return cut.reshape(height // BLOCK, BLOCK, width // BLOCK, BLOCK, 3).mean(axis=(1, 3))


def changed_share(reference: QImage, other: QImage) -> float:
    """The share of 8 x 8 blocks whose mean colour differs by more than 40 levels."""
    assert (reference.width(), reference.height()) == (other.width(), other.height())
    difference = np.abs(_blocks(_pixels(reference)) - _blocks(_pixels(other))).max(axis=2)
    return float((difference > LEVELS).mean())


def resvg(svg: bytes) -> QImage:
    return QImage.fromData(resvg_py.svg_to_bytes(svg_string=svg.decode("utf-8")))


def rsvg(svg: bytes) -> QImage:
    result = subprocess.run(
        ["rsvg-convert"],
        input=svg,
        capture_output=True,
        check=True,
    )
    return QImage.fromData(result.stdout)


def pdftoppm(pdf: bytes, tmp_path) -> QImage:
    path = tmp_path / "figure.pdf"
    path.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "72", "-png", "-singlefile", str(path), str(tmp_path / "page")],
        check=True,
    )
    return QImage(str(tmp_path / "page.png"))


@pytest.fixture(scope="module")
def session(qapp):
    return ExplorerSession(ExplorerState(class_names=("cat", "dog", "bird")))


@pytest.fixture(scope="module")
def figures(session):
    """PNG, SVG and PDF of every view in every theme, made once."""
    made = {}

    def get(view, theme):
        if (view, theme) not in made:
            size = _size(view)
            figure = make_figure(session, view, size, theme=theme)
            try:
                made[view, theme] = {
                    suffix: figure_bytes(figure, suffix, size)
                    for suffix in (".png", ".svg", ".pdf")
                }
            finally:
                figure.close()
                figure.deleteLater()
        return made[view, theme]

    return get


def _size(view: str) -> tuple[int, int]:
    return WINDOW_SIZE if view == "window" else SIZE


def _limit(view: str) -> float:
    return MAX_CHANGED["plots" if view in PLOTS else "lessons"]


@pytest.mark.parametrize("theme", THEME_NAMES)
@pytest.mark.parametrize("view", figure_views())
def test_svg_renders_in_resvg_as_the_png(figures, view, theme):
    files = figures(view, theme)
    reference = QImage.fromData(files[".png"])
    share = changed_share(reference, resvg(files[".svg"]))
    assert share <= _limit(view), f"{view} in {theme}: {share:.1%} of the blocks differ"


@pytest.mark.skipif(shutil.which("rsvg-convert") is None, reason="rsvg-convert not installed")
@pytest.mark.parametrize("theme", THEME_NAMES)
@pytest.mark.parametrize("view", figure_views())
def test_svg_renders_in_librsvg_as_the_png(figures, view, theme):
    files = figures(view, theme)
    reference = QImage.fromData(files[".png"])
    share = changed_share(reference, rsvg(files[".svg"]))
    assert share <= _limit(view), f"{view} in {theme}: {share:.1%} of the blocks differ"


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm not installed")
@pytest.mark.parametrize("theme", THEME_NAMES)
@pytest.mark.parametrize("view", PLOTS)
def test_pdf_renders_in_poppler_as_the_png(figures, tmp_path, view, theme):
    files = figures(view, theme)
    reference = QImage.fromData(files[".png"])
    share = changed_share(reference, pdftoppm(files[".pdf"], tmp_path))
    assert share <= _limit(view), f"{view} in {theme}: {share:.1%} of the blocks differ"


def test_no_shape_keeps_a_non_scaling_stroke_or_grows_giant(figures):
    svg = figures("window", "light")[".svg"]
    assert b"non-scaling-stroke" not in svg
    root = ElementTree.fromstring(svg)
    assert (root.get("width"), root.get("height")) == tuple(str(side) for side in WINDOW_SIZE)
    # Shapes in page coordinates stay near the page (no 300-pixel strokes, no shapes
    # thousands of pixels across).
    for element in root.iter():
        width = element.get("stroke-width")
        if width is not None and element.get("transform") is None:
            assert float(width) < 20
    families = {element.get("font-family") for element in root.iter() if element.get("font-family")}
    assert families and all(family.endswith("sans-serif") for family in families)


def test_the_formula_keeps_its_subscript_beside_its_letter(figures):
    """Qt wrote text at 3/4 of the size it laid out: "L = −log p   0 = ..."."""
    root = ElementTree.fromstring(figures("window", "light")[".svg"])
    svg = "{http://www.w3.org/2000/svg}"
    texts = [node for node in root.iter(f"{svg}text") if (node.text or "").strip()]
    letter = next(node for node in texts if node.text.endswith("log p"))
    subscript = texts[texts.index(letter) + 1]
    size = float(letter.get("font-size"))
    # The letter run ends where its glyphs end: its text, at about 0.6 em a glyph.
    end = float(letter.get("x")) + 0.6 * size * len(letter.text)
    assert abs(float(subscript.get("x")) - end) < 1.5 * size
    assert float(subscript.get("font-size")) < size


def _without_largest_image(svg: bytes) -> bytes:
    images = re.findall(rb"<image [^>]*>", svg)
    largest = max(images, key=len)
    return svg.replace(largest, b"")


def _with_non_scaling_strokes(svg: bytes) -> bytes:
    """Put a shape of every scaled group back under its transform, as Qt wrote it."""
    root = ElementTree.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    for element in root.iter(f"{ns}polyline"):
        element.set("transform", "matrix(60,0,0,60,0,0)")
        values = [float(v) / 60 for v in re.findall(r"[-\d.e]+", element.get("points"))]
        pairs = [f"{values[i]},{values[i + 1]}" for i in range(0, len(values) - 1, 2)]
        element.set("points", " ".join(pairs))
        element.set("vector-effect", "non-scaling-stroke")
    return ElementTree.tostring(root)


@pytest.mark.parametrize("breakage", [_without_largest_image, _with_non_scaling_strokes])
def test_the_comparison_fails_a_broken_svg(figures, breakage):
    files = figures("window", "light")
    reference = QImage.fromData(files[".png"])
    assert changed_share(reference, resvg(files[".svg"])) <= _limit("window")
    broken = resvg(breakage(files[".svg"]))
    assert changed_share(reference, broken) > 2 * _limit("window")
