"""explorer.preferences: a theme read from settings is taken only when it is a real name."""

import pytest

from explorer.preferences import DEFAULT_THEME, THEME_NAMES, valid_theme


@pytest.mark.parametrize("name", THEME_NAMES)
def test_every_theme_name_is_taken(name):
    assert valid_theme(name) == name


@pytest.mark.parametrize(
    "value", [None, "", "neon", "Dark", b"dark", bytearray(b"dark"), 42, ["dark"]]
)
def test_anything_else_gives_the_default(value):
    assert valid_theme(value) == DEFAULT_THEME


def test_a_byte_array_equal_to_a_name_is_not_a_name():
    from PySide6.QtCore import QByteArray

    assert QByteArray(b"dark") == "dark"  # why the check is on the exact type
    assert valid_theme(QByteArray(b"dark")) == DEFAULT_THEME
