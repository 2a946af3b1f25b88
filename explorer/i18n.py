"""Translation for text produced outside widgets (the model's errors, the CLI, exports).

Widgets use ``self.tr``; everything else calls :func:`translate` so that Qt Linguist's
``lupdate`` finds the source strings. Placeholders are filled *after* translation.

The model layer (``explorer.state``, ``explorer.scenes``) imports no Qt: its errors carry an
English template, a context and values (:class:`explorer.messages.MessageError`), and the
UI shows them with :func:`translate_error`.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontInfo

from .messages import MessageError


def translate(context: str, text: str, **values: object) -> str:
    """Translate ``text`` in ``context`` and fill its ``{placeholders}`` with ``values``.

    ``pyside6-lupdate`` does not see a call with keyword arguments: write
    ``translate("Context", "text {name}").format(name=...)`` where the text is literal.
    """
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


#: The languages the interface speaks: English (the source text) and Simplified Chinese.
LANGUAGES = ("en", "zh_CN")
#: Overrides the system locale's language (``en`` or ``zh_CN``).
LANGUAGE_VARIABLE = "SOFTMAX_EXPLORER_LANG"
TRANSLATIONS_FOLDER = Path(__file__).parent / "translations"

#: The translators installed by :func:`install_language` (Qt does not own them).
_installed: list[QTranslator] = []
_language = ["en"]


def preferred_language() -> str:
    """The language to start in: ``$SOFTMAX_EXPLORER_LANG``, else the system locale's.

    Any Chinese locale written in simplified characters (``zh_CN``, ``zh_SG``,
    ``zh_Hans``) gives ``zh_CN``; every other locale, English.
    """
    wanted = os.environ.get(LANGUAGE_VARIABLE, "").strip()
    if wanted in LANGUAGES:
        return wanted
    locale = QLocale.system()
    if (
        locale.language() == QLocale.Language.Chinese
        and locale.script() == QLocale.Script.SimplifiedHanScript
    ):
        return "zh_CN"
    return "en"


def install_language(language: str) -> bool:
    """Speak ``language`` (one of :data:`LANGUAGES`) from now on; False if it cannot.

    Removes the translators installed before, then installs the explorer's catalogue and
    Qt's own (``qtbase``, for the standard dialogs' buttons). English needs none. Widgets
    receive ``QEvent.LanguageChange``.
    """
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}: use one of {', '.join(LANGUAGES)}")
    for translator in _installed:
        QCoreApplication.removeTranslator(translator)
    _installed.clear()
    _language[0] = "en"
    if language == "en":
        return True
    explorer = QTranslator()
    if not explorer.load(f"explorer_{language}", str(TRANSLATIONS_FOLDER)):
        return False
    _language[0] = language
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt = QTranslator()
    for translator in (explorer, qt) if qt.load(f"qtbase_{language}", qt_folder) else (explorer,):
        QCoreApplication.installTranslator(translator)
        _installed.append(translator)
    return True


def installed_language() -> str:
    """The language :func:`install_language` last installed (``en`` when none)."""
    return _language[0]


#: Faces for Han text after the interface's own, Simplified Chinese first: left to its
#: fallback, Qt picks "Noto Sans CJK JP" (Japanese glyph shapes) whatever the locale.
HAN_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "PingFang SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
)


def with_han_families(font: QFont) -> QFont:
    """``font`` with :data:`HAN_FAMILIES` after its own families (Latin text unchanged).

    The face ``font`` resolves to comes first: a generic family such as the default
    "Sans Serif" is no installed face, and Qt would otherwise skip it for the first
    installed Han face of the list, drawing every Latin letter in it.
    """
    chosen = QFont(font)
    own = [family for family in font.families() or [font.family()] if family]
    resolved = QFontInfo(font).family()
    if resolved and resolved not in own:
        own.insert(0, resolved)
    chosen.setFamilies([*own, *(family for family in HAN_FAMILIES if family not in own)])
    return chosen
