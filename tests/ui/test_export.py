import os
import xml.etree.ElementTree as ElementTree

import pytest
from PySide6.QtGui import QGuiApplication, QImage

from explorer.panels import figure_views
from explorer.session import ExplorerSession
from explorer.state import ExplorerState
from explorer.ui.export import ExportError, copy_figure, export_figure

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def session(qapp):
    return ExplorerSession(ExplorerState(class_names=("cat", "dog", "bird")))


@pytest.mark.parametrize("view", figure_views())
def test_png_has_the_requested_pixel_size(session, tmp_path, view):
    path = export_figure(session, tmp_path / f"{view}.png", view, (640, 400), scale=2.0)
    image = QImage(str(path))
    assert (image.width(), image.height()) == (1280, 800)
    # Not blank: a figure has many colours.
    colours = {image.pixel(x, y) for x in range(0, 1280, 37) for y in range(0, 800, 23)}
    assert len(colours) > 5


@pytest.mark.parametrize("view", figure_views())
def test_svg_is_xml_with_text_and_shapes(session, tmp_path, view):
    path = export_figure(session, tmp_path / f"{view}.svg", view, (800, 500))
    root = ElementTree.parse(path).getroot()
    assert root.tag == f"{SVG}svg"
    texts = " ".join("".join(node.itertext()) for node in root.iter(f"{SVG}text"))
    shapes = [
        node
        for node in root.iter()
        if node.tag in {f"{SVG}path", f"{SVG}polyline", f"{SVG}rect", f"{SVG}image"}
    ]
    assert len(shapes) > 5
    expected = {
        "window": "Loss surface",
        "logits": "Logits",
        "probabilities": "Probabilities",
        "gradient": "Gradient",
        "surface": "Loss surface",
        "simplex": "Probability simplex",
    }.get(view)
    assert expected in texts if expected else texts.strip()  # a lesson: its caption at least
    if view in ("logits", "probabilities", "gradient"):
        assert "dog" in texts
    # Markers are shapes in a vector figure, not the small pixmaps the screen stamps (the
    # only images are heatmaps and colour scales). (Lessons may show widgets whose style
    # draws small pixmaps, and small matrices as images.)
    plots = ("window", "logits", "probabilities", "gradient", "surface", "simplex")
    for image in root.iter(f"{SVG}image") if view in plots else ():
        assert max(float(image.get("width")), float(image.get("height"))) > 40
    if view in ("logits", "probabilities", "gradient"):
        assert not list(root.iter(f"{SVG}image"))


@pytest.mark.parametrize("view", figure_views())
def test_pdf_has_a_header_and_one_page(session, tmp_path, view):
    path = export_figure(session, tmp_path / f"{view}.pdf", view, (800, 500))
    data = path.read_bytes()
    assert data.startswith(b"%PDF-1.")
    assert (
        data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") + data.count(b"/Type/Page\n")
        >= 1
    )
    assert data.count(b"/Type /Pages") == 1
    assert b"/Count 1" in data


def test_export_in_another_theme_leaves_the_state(session, tmp_path):
    before = session.state
    light = QImage(str(export_figure(session, tmp_path / "l.png", "surface", (400, 300))))
    dark = QImage(
        str(export_figure(session, tmp_path / "d.png", "surface", (400, 300), theme="dark"))
    )
    assert session.state == before and not session.can_undo()
    assert light.pixel(2, 2) != dark.pixel(2, 2)


@pytest.mark.parametrize(
    ("name", "size", "scale", "message"),
    [
        ("figure.gif", (800, 600), 1.0, ".png, .svg or .pdf"),
        ("figure.png", (50, 600), 1.0, "at least"),
        ("figure.png", (800, 600), 20.0, "scale"),
        ("figure.png", (8000, 6000), 4.0, "exceed"),
    ],
)
def test_bad_exports_are_refused(session, tmp_path, name, size, scale, message):
    with pytest.raises(ExportError, match=message):
        export_figure(session, tmp_path / name, "window", size, scale)
    assert not (tmp_path / name).exists()


def test_figures_carry_no_ui_chrome(session, tmp_path):
    from explorer.ui.export import make_figure

    figure = make_figure(session, "window", (1200, 700))
    for view in figure.views:
        for widget in view.chrome:
            assert not widget.isVisible()
    editor = next(v for v in figure.views if v.objectName() == "logitEditor")
    assert not editor.handles.isVisible()
    figure.close()


def test_copy_figure_puts_an_image_on_the_clipboard(session):
    image = copy_figure(session, "probabilities", (400, 300))
    clipboard = QGuiApplication.clipboard().image()
    assert not image.isNull()
    assert (clipboard.width(), clipboard.height()) == (400, 300)


def test_window_exports_and_reports_errors(window, tmp_path):
    assert window.export_to(tmp_path / "all.pdf", "window", (900, 600), 1.0, "light")
    assert (tmp_path / "all.pdf").exists()
    before = window.state
    assert not window.export_to(tmp_path / "all.bmp")
    assert window.message_bar.isVisible() and ".png" in window.message_bar.text()
    assert window.state == before


@pytest.fixture
def full_disk(tmp_path):
    """A tiny tmpfs with a previous figure on it and only a few KiB free (root only)."""
    import subprocess

    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount_point)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip("no tmpfs can be mounted here (needs root)")
    try:
        for suffix in ("png", "svg", "pdf"):
            (mount_point / f"previous.{suffix}").write_bytes(b"the lecturer's figure")
        status = os.statvfs(mount_point)
        free = status.f_bavail * status.f_frsize
        (mount_point / "filler").write_bytes(b"\0" * (free - 8192))  # a few KiB stay free
        yield mount_point
    finally:
        subprocess.run(["umount", str(mount_point)], check=False)


@pytest.mark.parametrize("suffix", ["png", "svg", "pdf"])
def test_a_full_disk_leaves_the_previous_figure_and_says_so(session, full_disk, suffix):
    target = full_disk / f"previous.{suffix}"
    with pytest.raises(ExportError, match="No space left on device"):
        export_figure(session, target, "window", (1600, 1000), scale=2.0)
    assert target.read_bytes() == b"the lecturer's figure"
    assert sorted(path.name for path in full_disk.iterdir()) == [
        "filler",
        "previous.pdf",
        "previous.png",
        "previous.svg",
    ]


def test_a_full_disk_fails_render_in_one_line(full_disk, qapp, capsys):
    from explorer.cli import render_command

    target = full_disk / "previous.svg"
    assert render_command(["--size", "1600x1000", "-o", str(target)]) == 2
    error = capsys.readouterr().err.strip()
    assert "\n" not in error and "No space left on device" in error
    assert target.read_bytes() == b"the lecturer's figure"


# Sizes (issue 27): a 16384 x 16384 PNG took 2.3 GB and 15 s. Raster figures have a stated
# limit in pixels; vector figures are drawn without any raster of their size.
@pytest.mark.parametrize(
    ("size", "scale"), [((16384, 16384), 1.0), ((5000, 5000), 2.0), ((8193, 8192), 1.0)]
)
def test_a_png_beyond_the_pixel_limit_is_refused_in_one_line(session, tmp_path, size, scale):
    from explorer.ui.export import MAX_RASTER_PIXELS, check_export

    assert size[0] * size[1] * scale * scale > MAX_RASTER_PIXELS
    with pytest.raises(ExportError, match="8192 × 8192") as refusal:
        check_export(tmp_path / "big.png", size, scale)
    assert "\n" not in str(refusal.value) and "SVG" in str(refusal.value)


@pytest.mark.parametrize(
    ("name", "size", "scale"),
    [
        ("slide.png", (3840, 2160), 2.0),  # 33 megapixels
        ("square.png", (8192, 8192), 1.0),  # the limit itself
        ("huge.svg", (16384, 16384), 1.0),  # vector: no pixels to count
        ("huge.pdf", (16384, 16384), 1.0),
    ],
)
def test_sizes_within_the_limits_are_accepted(tmp_path, name, size, scale):
    from explorer.ui.export import check_export

    assert check_export(tmp_path / name, size, scale) == tmp_path / name


@pytest.mark.parametrize("suffix", [".svg", ".pdf", ".png"])
def test_a_figure_is_painted_into_no_screen_buffer(session, suffix):
    """Shown to lay out, a figure was painted into a backing store of its size (4 bytes
    a pixel: 1 GB at 16384 x 16384) before the export drew it into the file."""
    from explorer.ui.export import figure_bytes, make_figure

    figure = make_figure(session, "window", (1200, 700))
    try:
        data = figure_bytes(figure, suffix, (1200, 700))
        assert figure.isVisible() and figure.size().width() == 1200  # laid out as shown
        store = figure.backingStore()
        assert store is None or store.size().isEmpty(), store.size()
        assert len(data) > 10_000
    finally:
        figure.close()
        figure.deleteLater()
