"""Translation for text produced outside widgets (the model's errors, the CLI, exports).

Widgets use ``self.tr``; everything else calls :func:`translate` so that Qt Linguist's
``lupdate`` finds the source strings. Placeholders are filled *after* translation.

The model layer (``explorer.state``, ``explorer.scenes``) imports no Qt: its errors carry an
English template, a context and values (:class:`explorer.messages.MessageError`), and the
UI shows them with :func:`translate_error`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from .messages import MessageError


def translate(context: str, text: str, **values: object) -> str:
    """Translate ``text`` in ``context`` and fill its ``{placeholders}`` with ``values``."""
    translated = QCoreApplication.translate(context, text)
    return translated.format(**values) if values else translated


def translate_error(error: BaseException) -> str:
    """The message of ``error`` in the user's language.

    A :class:`~explorer.messages.MessageError` (``StateError``, ``SceneError``) has its
    template translated in its context, then filled with its values; a value that is itself
    such an error (the reason of a wrapping message) is translated the same way. Any other
    exception gives ``str(error)``; a translation whose placeholders do not match falls back
    to the English template.
    """
    if not isinstance(error, MessageError):
        return str(error)
    values = {
        name: translate_error(value) if isinstance(value, MessageError) else value
        for name, value in error.values.items()
    }
    translated = QCoreApplication.translate(error.context, error.template)
    if not values:
        return translated
    try:
        return translated.format(**values)
    except (KeyError, IndexError, ValueError):
        # A translation with a broken placeholder must not turn an error message into a
        # crash: say it in English instead.
        return error.template.format(**values)
