"""Preferences of the person, not of the scene: kept in QSettings, never in undo or files.

Qt-free, so the command line can offer the same choices before any Qt module loads.
"""

from __future__ import annotations

#: The colour themes, by name (``explorer.ui.theme`` defines their colours).
THEME_NAMES = ("light", "dark", "contrast")
#: The theme of a new user, of figures and of ``render`` unless another is chosen.
DEFAULT_THEME = "light"


def valid_theme(value: object) -> str:
    """``value`` if it names a theme (a real ``str``), else :data:`DEFAULT_THEME`.

    Settings files can hold anything (a byte array compares equal to a string in Qt), so
    only an exact string is taken.
    """
    return value if type(value) is str and value in THEME_NAMES else DEFAULT_THEME
