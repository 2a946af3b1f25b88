"""Scene files: a versioned JSON document holding the whole state.

Writing is atomic (a temporary file in the same folder, then ``os.replace``), so a crash or
a full disk never leaves half a scene behind. Reading refuses anything that is not a valid
scene (corrupt or truncated JSON, a wrong version, wrong types, NaN, huge arrays or files)
with a :class:`SceneError` whose message says what is wrong; nothing is changed then.

The preset scenes ship inside the package (``explorer/presets``) and are read through
:mod:`importlib.resources`, so they are there in any installation, not only a checkout.
"""

from __future__ import annotations

import json
import os
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from .files import write_atomically
from .messages import QT_TRANSLATE_NOOP, MessageError
from .state import ExplorerState, StateError

MAX_SCENE_BYTES = 1_000_000
SCENE_SUFFIX = ".json"
#: The preset scenes, a folder of the installed package (a ``Path`` unless it is zipped).
PRESET_FOLDER: Traversable = resources.files("explorer") / "presets"
_CONTEXT = "Scenes"


class SceneError(MessageError):
    """A scene file that cannot be read or written; the message is for the user.

    ``SceneError(context, template, **values)`` like :class:`~explorer.state.StateError`;
    when a scene holds an invalid state, the ``StateError`` is the value ``reason``.
    """


def _error(template: str, **values: object) -> SceneError:
    return SceneError(_CONTEXT, template, **values)


def _check_name(path: object) -> None:
    """Refuse a path no file system can hold (a NUL byte) before any call trips on it."""
    if isinstance(path, str | os.PathLike) and "\0" in os.fsdecode(path):
        raise _error(QT_TRANSLATE_NOOP("Scenes", "a file name cannot contain a NUL character"))


def _reject_constant(name: str):
    raise ValueError(f"{name} is not allowed in a scene")


def scene_to_text(state: ExplorerState) -> str:
    """The scene document of ``state`` as pretty-printed JSON."""
    return json.dumps(state.to_dict(), indent=2, allow_nan=False) + "\n"


def scene_from_text(text: str, source: str = "scene") -> ExplorerState:
    """Parse and validate a scene document."""
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except (ValueError, RecursionError) as error:
        raise _error(
            QT_TRANSLATE_NOOP("Scenes", "{source} is not a valid scene file: {reason}"),
            source=source,
            reason=error,
        ) from None
    try:
        return ExplorerState.from_dict(data)
    except (StateError, TypeError) as error:
        raise _error(
            QT_TRANSLATE_NOOP("Scenes", "{source} is not a valid scene: {reason}"),
            source=source,
            reason=error,
        ) from None


def load_text(path: str | os.PathLike | Traversable) -> str:
    """The text of a scene file (bounded in size, UTF-8), or :class:`SceneError`.

    ``path`` is a file name or a packaged resource such as an item of :func:`preset_paths`.
    """
    _check_name(path)
    file = Path(path) if isinstance(path, str | os.PathLike) else path
    try:
        if isinstance(file, Path) and file.exists() and not file.is_file():
            raise _error(
                QT_TRANSLATE_NOOP("Scenes", "{name} is not a regular file"), name=file.name
            )
        with file.open("rb") as stream:
            raw = stream.read(MAX_SCENE_BYTES + 1)  # bounded even where stat says 0
        if len(raw) > MAX_SCENE_BYTES:
            raise _error(
                QT_TRANSLATE_NOOP(
                    "Scenes", "{name} is too large for a scene (more than {limit} bytes)"
                ),
                name=file.name,
                limit=MAX_SCENE_BYTES,
            )
    except (OSError, ValueError) as error:  # ValueError: a NUL in the path
        raise _error(
            QT_TRANSLATE_NOOP("Scenes", "cannot open {name}: {reason}"),
            name=file.name,
            reason=getattr(error, "strerror", None) or error,
        ) from None
    try:
        # utf-8-sig: a byte-order mark (Windows Notepad writes one) is not part of the JSON.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _error(
            QT_TRANSLATE_NOOP("Scenes", "{name} is not a text (UTF-8) scene file"), name=file.name
        ) from None
    return text


def load_scene(path: str | os.PathLike | Traversable) -> ExplorerState:
    """Read a scene file; raises :class:`SceneError` for anything that is not a valid scene.

    ``path`` is a file name or a packaged resource such as an item of :func:`preset_paths`.
    """
    file = Path(path) if isinstance(path, str | os.PathLike) else path
    return scene_from_text(load_text(file), file.name)


def scene_panels(path: str | os.PathLike | Traversable) -> tuple[str, ...]:
    """The panels a scene file asks to show (its optional ``"panels"`` list), else ().

    A preset for a lesson names its panel there; it is layout, not state, so it is read
    apart from :func:`load_scene` and anything unexpected in it is ignored.
    """
    try:
        data = json.loads(load_text(path), parse_constant=_reject_constant)
    except (SceneError, ValueError, RecursionError):
        return ()
    panels = data.get("panels") if isinstance(data, dict) else None
    if not isinstance(panels, list):
        return ()
    return tuple(item for item in panels[:20] if isinstance(item, str))


def save_scene(state: ExplorerState, path: str | os.PathLike) -> Path:
    """Write ``state`` to ``path`` atomically (:func:`explorer.files.write_atomically`).

    Returns the path written; raises :class:`SceneError` with the reason, leaving any
    previous file as it was.
    """
    _check_name(path)
    file = Path(path)
    data = scene_to_text(state).encode("utf-8")
    try:
        return write_atomically(file, data)
    except (OSError, ValueError) as error:
        raise _error(
            QT_TRANSLATE_NOOP("Scenes", "cannot save {name}: {reason}"),
            name=file.name,
            reason=getattr(error, "strerror", None) or error,
        ) from None


def preset_paths() -> list[Traversable]:
    """The bundled preset scenes, sorted by file name.

    Each is a :class:`pathlib.Path` when the package is installed as files (always, short
    of a zip import); :func:`load_scene` reads either kind. A package without its presets
    (a broken build; CI checks the wheel) gives none rather than a window that fails to open.
    """
    if not PRESET_FOLDER.is_dir():
        return []
    presets = (
        item
        for item in PRESET_FOLDER.iterdir()
        if item.name.endswith(SCENE_SUFFIX) and item.is_file()
    )
    return sorted(presets, key=lambda item: item.name)


#: The bundled presets' titles, marked for lupdate: the UI shows ``preset_title(path)``
#: translated in the "Presets" context (a test checks that every preset is listed).
PRESET_TITLES = (
    QT_TRANSLATE_NOOP("Presets", "Confident correct"),
    QT_TRANSLATE_NOOP("Presets", "Confidently wrong"),
    QT_TRANSLATE_NOOP("Presets", "Uniform logits"),
    QT_TRANSLATE_NOOP("Presets", "Huge logits"),
    QT_TRANSLATE_NOOP("Presets", "Temperature sharpening"),
    QT_TRANSLATE_NOOP("Presets", "Temperature flattening"),
    QT_TRANSLATE_NOOP("Presets", "Label smoothing optimum"),
    QT_TRANSLATE_NOOP("Presets", "Simplex soft target"),
    QT_TRANSLATE_NOOP("Presets", "Two classes sigmoid"),
    QT_TRANSLATE_NOOP("Presets", "Numerical stability"),
    QT_TRANSLATE_NOOP("Presets", "Losses compared"),
    QT_TRANSLATE_NOOP("Presets", "Distillation"),
    QT_TRANSLATE_NOOP("Presets", "Binary case"),
    QT_TRANSLATE_NOOP("Presets", "Information"),
    QT_TRANSLATE_NOOP("Presets", "The jacobian"),
    QT_TRANSLATE_NOOP("Presets", "Batches"),
)


def preset_title(path: Traversable) -> str:
    """A readable title for a preset file (its ``title`` is not part of the state)."""
    stem = path.name.removesuffix(SCENE_SUFFIX)
    stem = stem.split("-", 1)[-1] if stem[:2].isdigit() else stem
    return stem.replace("-", " ").capitalize()


__all__ = [
    "SceneError",
    "load_scene",
    "load_text",
    "preset_paths",
    "preset_title",
    "save_scene",
    "scene_from_text",
    "scene_panels",
    "scene_to_text",
]
