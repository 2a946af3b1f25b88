"""Translation helper for text produced outside widgets (state validation, the CLI).

Widgets use ``self.tr``; everything else calls :func:`translate` so that Qt Linguist's
``lupdate`` finds the source strings. Placeholders are filled *after* translation.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def translate(context: str, text: str, **values: object) -> str:
    """Translate ``text`` in ``context`` and fill its ``{placeholders}`` with ``values``."""
    translated = QCoreApplication.translate(context, text)
    return translated.format(**values) if values else translated
