"""``softmax-explorer render``: figures without a display, for slides and the README."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from .panels import PANELS, WINDOW_FIGURE, figure_views
from .preferences import DEFAULT_THEME, THEME_NAMES
from .state import ExplorerState, StateError

MAX_STEPS = 10_000
#: A PNG's limit in pixels, as --help states it (explorer.ui.export.MAX_RASTER_PIXELS).
RASTER_LIMIT = "8192 x 8192 (64 Mpx)"
#: explorer.i18n.LANGUAGES, without importing Qt before the arguments are read.
LANGUAGES = ("en", "zh_CN")


class UsageError(Exception):
    """A bad argument or scene: reported in one line, exit status 2."""


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose errors are one line (raised as :class:`UsageError`)."""

    def error(self, message: str):  # noqa: D102 (argparse override): no usage dump
        raise UsageError(message)


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"size must look like 1920x1080, got {text!r}") from None
    return width, height


def _logits(text: str) -> tuple[float, ...]:
    try:
        return tuple(float(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"logits must be numbers separated by commas, like 2,1,0.1; got {text!r}"
        ) from None


def build_render_parser() -> argparse.ArgumentParser:
    """Arguments of the render command."""
    parser = OneLineParser(
        prog="softmax-explorer render",
        description=(
            "Render a figure of a scene to PNG, SVG or PDF without a display. Options given "
            "here override the scene file; without a scene the default scene is used."
        ),
        epilog=(
            "The classifier lab: 'softmax-explorer render --lab LAB_SCENE [--steps N] "
            "[--view regions|curves|lab] -o OUT' ('render --lab x --help' lists its options)."
        ),
    )
    parser.add_argument("scene", nargs="?", type=Path, help="scene file (.json) to start from")
    parser.add_argument("--logits", type=_logits, help="comma-separated logits, e.g. 2,1,0.1")
    parser.add_argument("--label", type=int, help="true class (0-based index)")
    parser.add_argument("--temperature", type=float, help="softmax temperature T > 0")
    parser.add_argument("--label-smoothing", type=float, help="label smoothing in [0, 1]")
    parser.add_argument(
        "--steps", type=int, default=0, help="gradient-descent steps to take before rendering"
    )
    views = figure_views()
    parser.add_argument(
        "--view",
        choices=views,
        default=WINDOW_FIGURE,
        help=f"what to draw: {', '.join(views)} ('window': every plot together)",
    )
    # (The limits are explorer.ui.export's; not imported here, so that --help needs no Qt.)
    parser.add_argument(
        "--size",
        type=_size,
        default=(1920, 1080),
        help="figure size WxH in pixels (at most 16384 per side); a PNG may have at most "
        f"{RASTER_LIMIT} pixels in all, after --scale",
    )
    parser.add_argument(
        "--scale",
        type=float,
        default=1.0,
        help="pixel scale for PNG, 0.25 to 8 (2 for retina projectors)",
    )
    parser.add_argument(
        "--theme",
        choices=THEME_NAMES,
        default=DEFAULT_THEME,
        help=f"colour theme (default: {DEFAULT_THEME})",
    )
    parser.add_argument(
        "--interface",
        action="store_true",
        help="draw the whole application window with its controls (a screenshot) instead of "
        "a clean figure; --view is then ignored",
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        help="language of the figure's text (default: $SOFTMAX_EXPLORER_LANG or the system's)",
    )
    parser.add_argument(
        "-o", "--output", type=Path, required=True, help="output file: .png, .svg or .pdf"
    )
    return parser


def _state_from(arguments: argparse.Namespace) -> ExplorerState:
    from .scenes import SceneError, load_scene

    try:
        state = load_scene(arguments.scene) if arguments.scene else ExplorerState()
    except SceneError as error:
        raise UsageError(str(error)) from None
    changes = {}
    for name in ("label", "temperature", "label_smoothing"):
        value = getattr(arguments, name)
        if value is not None:
            changes[name] = value
    try:
        if arguments.logits is not None:
            state = state.with_num_classes(len(arguments.logits))
            changes["logits"] = arguments.logits
        return replace(state, **changes)
    except StateError as error:
        raise UsageError(str(error)) from None


def _render_interface(state: ExplorerState, arguments: argparse.Namespace) -> Path:
    from PySide6.QtCore import QSettings

    from .app import create_main_window
    from .ui.export import export_widget

    # A screenshot shows the default layout, and must neither read nor write the user's
    # preferences: every QSettings() of this process goes to a throw-away INI folder.
    with tempfile.TemporaryDirectory(prefix="softmax-render-") as folder:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
        window = create_main_window(state)
        window.set_theme(arguments.theme)
        try:
            for _ in range(arguments.steps):
                window.session.step()
            return export_widget(window, arguments.output, arguments.size, arguments.scale)
        finally:
            window.close()  # (its layout is saved into the throw-away folder)
            # Written now: written when the window's settings object goes, they would
            # make the folder again after it has been removed, and leave it behind.
            window.settings.sync()
            window.deleteLater()


#: What Qt's offscreen platform says about every window it shows, which a figure needs no
#: word about: the only line ``render`` prints must be the path, or the one error.
OFFSCREEN_NOTICES = ("This plugin does not support propagateSizeHints()",)


def _quiet_offscreen_notices() -> None:
    """Drop Qt's offscreen notices from stderr; every other Qt message still shows."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    previous = None

    def handler(kind, context, message: str) -> None:
        if message in OFFSCREEN_NOTICES:
            return
        if previous is not None:
            previous(kind, context, message)
        elif kind != QtMsgType.QtDebugMsg:
            print(message, file=sys.stderr)

    previous = qInstallMessageHandler(handler)


def start_headless(output: Path, size: tuple[int, int], scale: float) -> None:
    """Start Qt with no display for a figure at ``output``, ``size`` pixels times ``scale``.

    Raises :class:`UsageError` (one line) for a format, size or folder the figure cannot
    have, before any Qt starts; Qt's notices about the offscreen platform are kept quiet.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no X server needed
    from .app import ensure_application
    from .ui.export import ExportError, check_export

    try:
        check_export(output, size, scale)
    except ExportError as error:
        raise UsageError(str(error)) from None
    if not output.parent.exists():
        raise UsageError(f"the folder {output.parent} does not exist")
    ensure_application()
    _quiet_offscreen_notices()


def render_command(argv: list[str]) -> int:
    """Run ``softmax-explorer render``; returns the exit status."""
    parser = build_render_parser()
    try:
        arguments = parser.parse_args(argv)
        state = _state_from(arguments)
        if not 0 <= arguments.steps <= MAX_STEPS:
            raise UsageError(f"--steps must be between 0 and {MAX_STEPS}")
        panel = PANELS.get(arguments.view)
        if not arguments.interface and panel is not None and not panel.is_available(state):
            raise UsageError(
                f"{panel.requirement or arguments.view + ' does not apply'}; "
                f"this scene has {state.num_classes} classes"
            )
        start_headless(arguments.output, arguments.size, arguments.scale)
        from .app import delete_deferred
        from .i18n import install_language, installed_language
        from .session import ExplorerSession
        from .ui.export import ExportError, export_figure

        language = installed_language()
        install_language(arguments.lang or language)
        try:
            if arguments.interface:
                path = _render_interface(state, arguments)
            else:
                session = ExplorerSession(state)
                for _ in range(arguments.steps):
                    session.step()
                path = export_figure(
                    session,
                    arguments.output,
                    arguments.view,
                    arguments.size,
                    arguments.scale,
                    arguments.theme,
                )
        except (ExportError, OSError) as error:
            raise UsageError(str(error)) from None
        finally:
            delete_deferred()  # its window or figure, now, in Qt's order, not at exit
            install_language(language)  # a script's or a test's process speaks as before
    except UsageError as error:
        print(f"softmax-explorer render: error: {error}", file=sys.stderr)
        return 2
    print(path)
    return 0
