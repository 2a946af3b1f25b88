"""Preferences of the person, not of the scene: kept in QSettings, never in undo or files.

Qt-free, so the command line can offer the same choices before any Qt module loads.
"""

from __future__ import annotations

import base64
import os

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


#: A recent file whose name is not valid UTF-8 is stored as this prefix and the base64 of
#: its bytes (entries are absolute paths, so no real one starts with it).
_BYTES_PREFIX = "bytes:"


def encode_recent_path(path: str) -> str:
    """``path`` as text a settings file keeps exactly, even when it is not UTF-8.

    On Linux a file name is bytes; Python hands undecodable ones over as lone surrogates,
    which a settings file cannot store (they come back as other characters, and the file
    cannot be reopened). Those names are kept as their bytes in base64.

    Examples
    --------
    >>> encode_recent_path("/tmp/lecture.json")
    '/tmp/lecture.json'
    >>> odd = "/tmp/" + chr(0xDCFF) + ".json"  # the byte 0xff, not UTF-8
    >>> encode_recent_path(odd)
    'bytes:L3RtcC//Lmpzb24='
    >>> decode_recent_path(encode_recent_path(odd)) == odd
    True
    """
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        raw = os.fsencode(path)
        return _BYTES_PREFIX + base64.b64encode(raw).decode("ascii")
    return path


def decode_recent_path(entry: object) -> str | None:
    """The path :func:`encode_recent_path` stored as ``entry``; None if it is not one."""
    if type(entry) is not str or not entry:
        return None
    if entry.startswith(_BYTES_PREFIX):
        try:
            return os.fsdecode(base64.b64decode(entry[len(_BYTES_PREFIX) :], validate=True))
        except ValueError:
            return None
    return entry


def display_name(path: str) -> str:
    """A file name to show: undecodable bytes become U+FFFD (Qt cannot show surrogates)."""
    name = os.path.basename(path)
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
