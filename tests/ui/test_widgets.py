"""The shared widgets: typed numbers, and the number field's cached panel."""

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QProxyStyle, QVBoxLayout, QWidget

from explorer.ui.widgets import InvalidNumber, NumberEdit, _shared_panel_style, parse_number

from .mouse import type_into


def _fields_image(qtbot, cached: bool, palette: QPalette | None) -> np.ndarray:
    """Three fields (plain, focused, refused) drawn with or without the panel cache."""
    widget = QWidget()
    qtbot.addWidget(widget)
    if palette is not None:
        widget.setPalette(palette)
    layout = QVBoxLayout(widget)
    fields = [NumberEdit(-10.0, 10.0) for _ in range(3)]
    for field in fields:
        layout.addWidget(field)
        field.set_value(-1.2345)
        if not cached:
            field.setStyle(QApplication.style())
        assert isinstance(field.style(), QProxyStyle) == cached
    widget.resize(220, 130)
    widget.show()
    qtbot.waitExposed(widget)
    type_into(qtbot, fields[2], "abc")  # refused: the field is flagged
    assert fields[2].invalid and fields[2].text() == "-1.2345"
    fields[1].setFocus()
    for _ in range(3):
        QApplication.processEvents()
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    pixels = np.frombuffer(image.constBits(), dtype=np.uint8)
    return pixels.reshape(image.height(), image.bytesPerLine()).copy()


@pytest.mark.parametrize("dark", [False, True])
def test_number_fields_look_the_same_with_their_panel_blitted(qtbot, dark):
    """The panel (frame, focus ring, background) is drawn once per look and copied: the
    pixels equal the style's own drawing, focused, refused and in another palette (but for
    a level of rounding where antialiased corners are blended over a dark background)."""
    palette = None
    if dark:
        palette = QPalette(QApplication.palette())
        palette.setColor(QPalette.ColorRole.Base, QColor("#202225"))
        palette.setColor(QPalette.ColorRole.Text, QColor("#e8e8e8"))
        palette.setColor(QPalette.ColorRole.Window, QColor("#2b2d31"))
    cached = _fields_image(qtbot, True, palette)
    difference = np.abs(cached.astype(int) - _fields_image(qtbot, False, palette))
    assert difference.max() <= 1
    assert np.count_nonzero(difference) < 100


def test_the_panel_cache_stays_small(qtbot):
    style = _shared_panel_style()
    field = NumberEdit(-10.0, 10.0)
    qtbot.addWidget(field)
    field.show()
    for width in range(60, 60 + 2 * style.LIMIT):
        field.resize(width, 24)
        field.grab()  # painted now (a repaint() of a window not yet exposed paints nothing)
    assert 0 < len(style._panels) <= style.LIMIT


# Typed numbers: nothing silently becomes another number --------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1,000", "ambiguous: type 1000 or 1.0"),  # became 1.0
        ("-2,500", "ambiguous"),
        ("1 000", "spaces or _"),  # became 1000
        ("1_000", "spaces or _"),  # became 1000
        ("1\t0", "spaces or _"),
        ("1e-400", "too small: it would be stored as 0"),  # became exactly 0
        ("-1e-999", "too small"),
        ("1000000.5", "1000000.5 is out of range: use a value between -1e\\+06 and 1e\\+06"),
        ("abc", "not a number"),
        ("nan", "NaN"),
        ("1e999", "finite"),
        ("", "Please type a number"),
    ],
)
def test_typed_text_that_would_become_another_number_is_refused(text, message):
    with pytest.raises(InvalidNumber, match=message):
        parse_number(text, -1e6, 1e6)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2,5", 2.5),
        ("0,001", 0.001),
        ("12,3456", 12.3456),
        (" 3 ", 3.0),
        ("\u22123", -3.0),
        ("1e-310", 1e-310),
        ("0", 0.0),
        ("-0.0", 0.0),
        ("1e3", 1000.0),
    ],
)
def test_friendly_forms_are_read_as_meant(text, value):
    assert parse_number(text, -1e6, 1e6) == value


def test_a_refused_entry_in_a_field_keeps_the_value_and_says_why(qtbot):
    field = NumberEdit(-10.0, 10.0)
    qtbot.addWidget(field)
    field.set_value(2.0)
    messages, submitted = [], []
    field.invalidInput.connect(messages.append)
    field.valueSubmitted.connect(submitted.append)
    type_into(qtbot, field, "1,000")
    assert submitted == [] and "ambiguous" in messages[-1]
    assert field.value() == 2.0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("abc", "not a number"),
        ("nan", "NaN"),
        ("inf", "finite"),
        ("1e999", "finite"),
        ("7", "range"),
    ],
)
def test_parse_number_messages(text, message):
    with pytest.raises(InvalidNumber, match=message):
        parse_number(text, -5, 5)


def test_parse_number_accepts_friendly_forms():
    assert parse_number(" 2,5 ") == 2.5
    assert parse_number("\u22123") == -3.0
