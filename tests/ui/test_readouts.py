"""The readouts: the formula's markup and its drawing against Qt's rich-text engine, what a
drag repaints, and the numbers as text."""

from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication

from explorer import core
from explorer.state import ExplorerState
from explorer.ui.readouts import FormulaLabel, formula_runs
from explorer.ui.theme import get_theme
from explorer.ui.widgets import format_number

from .mouse import drag, view_to_viewport

SHORT = "<b>L</b> = −log p<sub>2</sub> = −log 0.4750 = <b>0.7444</b>"
SOFT = (
    "<b>L</b> = −Σ t<sub>i</sub> log p<sub>i</sub> = − 0.700·log 0.475 − 0.100·log 0.175"
    " − 0.100·log 0.0645 − 0.100·log 0.286 − … = <b>1.234</b>"
)


def _formats():
    bold, subscript = QTextCharFormat(), QTextCharFormat()
    bold.setFontWeight(QFont.Weight.Bold)
    subscript.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSubScript)
    return {"b": bold, "sub": subscript}


def _runs(markup):
    text, ranges = formula_runs(markup, _formats())
    return text, [(run.start, run.length, run.format.fontWeight()) for run in ranges]


def test_markup_becomes_plain_text_and_runs():
    text, runs = _runs("<b>L</b> = p<sub>10</sub> < 1 & <b>x</b>")
    assert text == "L = p10 < 1 & x"
    bold = QFont.Weight.Bold
    assert sorted(runs) == [(0, 1, bold), (5, 2, QFont.Weight.Normal), (14, 1, bold)]


def test_unclosed_and_stray_tags():
    """An unclosed tag runs to the end; a stray closing tag and empty runs leave nothing."""
    text, runs = _runs("a</b>b<sub>cd")
    assert text == "abcd"
    assert runs == [(2, 2, QFont.Weight.Normal)]
    assert _runs("<b></b>x") == ("x", [])


def _label_image(qtbot, markup: str, width: int, font: QFont) -> QImage:
    label = FormulaLabel()
    qtbot.addWidget(label)
    label.setFont(font)
    label.resize(width, 90)
    label.setText(markup)
    return label.grab().toImage().convertToFormat(QImage.Format.Format_ARGB32), label


def _document_image(label: FormulaLabel, markup: str, font: QFont) -> QImage:
    """What a QTextDocument (Qt's rich-text engine) draws for the same markup and width."""
    document = QTextDocument()
    document.setDocumentMargin(0)
    document.setDefaultFont(font)
    document.setTextWidth(label.width())
    document.setHtml(markup)
    image = QImage(label.size(), QImage.Format.Format_ARGB32)
    image.fill(label.palette().color(QPalette.ColorRole.Window))
    painter = QPainter(image)
    context = QAbstractTextDocumentLayout.PaintContext()
    colour = label.palette().color(QPalette.ColorRole.WindowText)
    context.palette.setColor(QPalette.ColorRole.Text, colour)
    document.documentLayout().draw(painter, context)
    painter.end()
    return image


def _assert_same_picture(image: QImage, reference: QImage) -> None:
    """Equal but for glyph blending: at most 2 levels apart in any channel of any pixel.

    (Where the engines place a glyph at a fraction of a pixel, its antialiased edge may
    round one level apart; a misplaced run or line differs by far more.)
    """
    assert image.size() == reference.size()
    pixels, expected = (
        np.frombuffer(picture.constBits(), dtype=np.uint8).astype(int)
        for picture in (image, reference)
    )
    assert np.abs(pixels - expected).max() <= 2


def _ink_rows(image: QImage) -> int:
    """Rows with any pixel other than the top-left (background) one."""
    pixels = np.frombuffer(image.constBits(), dtype=np.uint32)
    pixels = pixels.reshape(image.height(), image.bytesPerLine() // 4)[:, : image.width()]
    return int(np.count_nonzero((pixels != pixels[0, 0]).any(axis=1)))


@pytest.mark.parametrize(("markup", "width"), [(SHORT, 600), (SOFT, 900), (SOFT, 330)])
@pytest.mark.parametrize("size", [13, 20])
def test_formula_draws_what_the_rich_text_engine_draws(qtbot, markup, width, size):
    """Bold, subscripts and word wrapping, pixel for pixel as QTextDocument lays them out."""
    font = QFont()
    font.setPointSize(size)
    image, label = _label_image(qtbot, markup, width, font)
    assert _ink_rows(image) > 0
    _assert_same_picture(image, _document_image(label, markup, font))


def test_formula_follows_font_width_and_text(qtbot):
    """A new font, width or text is laid out again before the next paint."""
    font = QFont()
    font.setPointSize(13)
    _, label = _label_image(qtbot, SOFT, 900, font)
    one_line = _ink_rows(label.grab().toImage())
    label.resize(330, 90)  # wraps
    wrapped = _ink_rows(label.grab().toImage())
    assert wrapped > one_line
    bigger = QFont(font)
    bigger.setPointSize(20)
    label.setFont(bigger)
    assert _ink_rows(label.grab().toImage()) > wrapped
    label.setText(SHORT)
    image = label.grab().toImage().convertToFormat(QImage.Format.Format_ARGB32)
    _assert_same_picture(image, _document_image(label, SHORT, bigger))
    assert label.text() == SHORT
    assert label.plain_text() == "L = −log p2 = −log 0.4750 = 0.7444"
    assert label.accessibleDescription() == label.plain_text()


def test_formula_uses_the_window_text_colour(qtbot):
    font = QFont()
    _, label = _label_image(qtbot, SHORT, 600, font)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#d62728"))
    label.setPalette(palette)
    image = label.grab().toImage().convertToFormat(QImage.Format.Format_ARGB32)
    _assert_same_picture(image, _document_image(label, SHORT, font))
    pixels = np.frombuffer(image.constBits(), dtype=np.uint32)
    assert np.any(pixels == QColor("#d62728").rgba())


class _PaintCounter(QObject):
    """Counts the paint events of the watched widgets."""

    def __init__(self, widgets):
        super().__init__()
        self.counts = dict.fromkeys(widgets, 0)
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched, event):  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint and watched in self.counts:
            self.counts[watched] += 1
        return False


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_drag_repaints_the_numbers_not_the_panel_behind_them(window, theme):
    """The numbers and the formula paint their own background, in the theme's colour (also
    after a change of theme), so a changed number leaves the panel itself alone."""
    window.set_theme(theme)
    QApplication.processEvents()
    panel = window.readouts
    labels = [panel.values[key] for key in ("loss", "entropy", "kl", "gradient")]
    counter = _PaintCounter([panel, panel.formula_box, panel.formula, *labels])
    editor = window.logit_editor
    start = view_to_viewport(editor.plot_widget, editor.view_box, 2, window.state.logits[2])
    drag(editor.plot_widget, start, start + QPoint(0, -60), steps=4)
    QApplication.processEvents()
    assert all(counter.counts[label] >= 4 for label in labels)
    assert counter.counts[panel.formula] >= 4
    assert counter.counts[panel] == 0
    assert counter.counts[panel.formula_box] == 0
    # The labels' own background is the panel's: the right end of a number's box (no
    # digits there) has the colour of the panel next to it.
    image = panel.grab().toImage()
    label = labels[0]
    inside = label.mapTo(panel, QPoint(label.width() - 2, label.height() // 2))
    beside = label.mapTo(panel, QPoint(label.width() + 3, label.height() // 2))
    assert image.pixelColor(inside) == image.pixelColor(beside)
    assert image.pixelColor(inside) == panel.palette().color(QPalette.ColorRole.Window)
    if theme == "dark":
        assert image.pixelColor(inside).name() == QColor(get_theme(theme).background).name()


def test_the_readouts_show_the_targets_entropy_beside_the_predictions(window):
    window.set_state(ExplorerState(logits=(2.0, 1.0, 0.1), soft_target=(0.7, 0.2, 0.1)))
    analysis = window.session.derived.analysis
    shown = float(window.readouts.values["target_entropy"].text())
    assert shown == pytest.approx(float(core.entropy(np.array([0.7, 0.2, 0.1]))), abs=1e-4)
    # H(t, p) = H(t) + KL(t || p), in the numbers shown.
    kl = float(window.readouts.values["kl"].text())
    assert float(window.readouts.values["loss"].text()) == pytest.approx(shown + kl, abs=2e-4)
    assert analysis.target_entropy == pytest.approx(shown, abs=1e-4)
    window.set_state(ExplorerState())
    assert window.readouts.values["target_entropy"].text() == "0"


def test_soft_formula_never_prints_log_0(window):
    window.set_state(replace(window.state, logits=(1000.0, 0.0, 0.0), soft_target=(0.5, 0.5, 0.0)))
    text = window.readouts.formula.text()
    assert "log 0 " not in text and "log 1 " not in text
    assert "(-1000)" in text


def test_readouts_copy_as_text(window, qtbot):
    readouts = window.readouts
    readouts.actions()[0].trigger()
    text = QGuiApplication.clipboard().text()
    loss = format_number(window.session.derived.analysis.loss, 4)
    assert f"{readouts.captions['loss']}: {loss}" in text.splitlines()
    assert "−log" in text.splitlines()[-1]
