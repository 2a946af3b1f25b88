"""Messages of the model layer: an English template, a translation context and values.

The model (``state``, ``scenes``) imports no Qt, so it cannot translate. Its errors keep
what a translator needs instead, and the UI translates them (``explorer.i18n``'s
``translate_error``); ``str(error)`` is the English message. Every template is written as
``QT_TRANSLATE_NOOP(context, text)`` where it is raised, so that ``pyside6-lupdate`` still
extracts it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation in ``context`` without translating it; returns ``text``."""
    return text  # the name and the positional arguments are what lupdate recognises


#: Characters of one quoted value in a message (a key, a file name, typed text): the
#: rest is cut, so no file can make an error message longer than a few lines.
QUOTED_LIMIT = 120


def quoted(text: str, limit: int = QUOTED_LIMIT) -> str:
    r"""``text`` fit to stand in a one-line message: control characters escaped, cut.

    Examples
    --------
    >>> quoted("two" + chr(10) + "lines")
    'two\\nlines'
    >>> len(quoted("k" * 1000))
    120
    """
    printable = "".join(
        character if character.isprintable() else repr(character)[1:-1] for character in text
    )
    return printable if len(printable) <= limit else printable[: limit - 1] + "…"


def fill(template: str, values: Mapping[str, Any]) -> str:
    """``template`` with its ``{placeholders}`` filled; nested messages in English."""
    if not values:
        return template
    return template.format(
        **{
            name: str(value) if isinstance(value, MessageError) else value
            for name, value in values.items()
        }
    )


class MessageError(ValueError):
    """A refused value, with a message the UI can translate.

    Parameters
    ----------
    context : str
        The Qt translation context of ``template`` (e.g. ``"ExplorerState"``).
    template : str
        The English message with ``{placeholders}`` (``str.format`` syntax).
    **values
        What fills the placeholders; a value may itself be a ``MessageError`` (the reason
        of a wrapping message), which is then translated too.
    """

    def __init__(self, context: str, template: str, **values: Any) -> None:
        super().__init__(context, template)
        self.context = context
        self.template = template
        # Values quoted from files or typed text are made one-line and short here, once,
        # for the English message and every translation alike.
        self.values = {
            name: value if isinstance(value, MessageError | int | float) else quoted(str(value))
            for name, value in values.items()
        }

    def __str__(self) -> str:
        return fill(self.template, self.values)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self)!r})"

    def __reduce__(self):
        # The values are keyword arguments, which the default exception pickling drops.
        return (_rebuild, (type(self), self.context, self.template, self.values))


def _rebuild(cls, context: str, template: str, values: dict[str, Any]) -> MessageError:
    return cls(context, template, **values)


__all__ = ["QT_TRANSLATE_NOOP", "MessageError", "fill", "quoted"]
