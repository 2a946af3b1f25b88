"""explorer.ui.lessons.layout: a scrolling body that keeps its minimum never scrolls."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from explorer.ui.lessons.layout import BodyScroll


def test_a_body_that_needs_more_room_asks_its_parent_for_it(qapp):
    """A wider number in the body grows what the scroll area asks of its parent's layout."""
    parent = QWidget()
    outer = QVBoxLayout(parent)
    scroll = BodyScroll(keep_minimum=True)
    scroll.setWidgetResizable(True)
    body = QWidget()
    inner = QVBoxLayout(body)
    label = QLabel("0.5")
    inner.addWidget(label)
    scroll.setWidget(body)
    outer.addWidget(scroll)
    try:
        parent.show()
        for _ in range(3):
            QApplication.processEvents()
        before = outer.minimumSize().width()
        label.setText("−0.000123456789 and a much longer line of numbers")
        for _ in range(3):
            QApplication.processEvents()
        assert outer.minimumSize().width() >= before + label.sizeHint().width() // 2
    finally:
        parent.close()
        parent.deleteLater()


def test_a_body_that_may_scroll_asks_nothing(qapp):
    """Without keep_minimum the area asks for its own small minimum whatever the body needs."""
    scroll = BodyScroll(keep_minimum=False)
    body = QLabel("a very long line " * 20)
    scroll.setWidget(body)
    assert scroll.minimumSizeHint().width() < body.sizeHint().width()
