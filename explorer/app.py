"""Application entry points: ``softmax-explorer`` and :func:`create_main_window`."""

from __future__ import annotations

import argparse
import atexit
import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QGraphicsView

from . import _blas  # noqa: F401 (one BLAS thread, set before NumPy loads)
from .state import ExplorerState
from .ui import configure_pyqtgraph

if TYPE_CHECKING:
    from .session import ExplorerSession

APPLICATION_NAME = "Softmax Explorer"
ORGANIZATION_NAME = "softmax-explorer"


def ensure_application(argv: list[str] | None = None) -> QApplication:
    """The running QApplication, created (with the app's names and options) if needed."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
        app.setApplicationName(APPLICATION_NAME)
        app.setOrganizationName(ORGANIZATION_NAME)
        app.setApplicationDisplayName(APPLICATION_NAME)
        from .i18n import install_language, preferred_language, with_han_families

        # Only for an application made here: a test's or a host's QApplication keeps its
        # language and font, and render's --lang installs its own language.
        install_language(preferred_language())
        app.setFont(with_han_families(app.font()))
    configure_pyqtgraph()
    # Registered after PySide's own exit handler, so it runs before it (atexit is last
    # in, first out); unregistered first, so that it is registered once.
    atexit.unregister(delete_windows)
    atexit.register(delete_windows)
    return app


def delete_windows() -> None:
    """Delete every top-level widget that holds a graphics view, while Python is whole.

    At interpreter exit PySide deletes the QObjects Python owns in no particular order,
    and a pyqtgraph item deleted before its scene makes Qt call Python overrides of its
    neighbours half-way through: 15-20 % of scripts that showed a window died there with
    a segfault (plain pyqtgraph does it too). Deleted from the top, a window takes its
    scenes and items down in Qt's own order. :func:`ensure_application` registers this
    to run at exit, before PySide's own teardown.

    Only widgets with canvases: the parentless menus and widgets pyqtgraph keeps for its
    plots' context menus are its own, and deleting those under it crashes as well.
    Windows are deleted, not closed: closing one would save its layout.
    """
    if QApplication.instance() is None:
        return
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QGraphicsView) or widget.findChildren(QGraphicsView):
            widget.deleteLater()
    delete_deferred()


def delete_deferred() -> None:
    """Delete now what was left to ``deleteLater`` (an event loop that never runs again).

    ``render`` calls it when done: its window and figure go then, in Qt's order, and any
    other window of the process (a script's, a test's) stays.
    """
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def create_main_window(state: ExplorerState | None = None, session: ExplorerSession | None = None):
    """Build the main window without showing it (for tests and scripts).

    Pass ``session`` to share one live session between windows (the classifier lab, a
    second main window): every window then shows and edits the same state and undo
    history. With both, ``state`` becomes the session's state.
    """
    ensure_application()
    from .ui.main_window import MainWindow

    window = MainWindow(state, session=session)
    # The thousands of long-lived Qt/pyqtgraph wrappers need not be scanned by every
    # collection of the short-lived objects a mouse move creates.
    gc.freeze()
    return window


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface of the application (``render`` has its own)."""
    from .cli import OneLineParser

    parser = OneLineParser(
        prog="softmax-explorer",
        description=(
            "Drag logits and watch softmax, cross-entropy and its gradient live. "
            "'softmax-explorer render --help' describes headless figure rendering; "
            "'softmax-explorer lab [LAB_SCENE]' opens the classifier lab."
        ),
    )
    parser.add_argument("scene", nargs="?", help="scene file (.json) to open")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Open the explorer window (or run ``render``) and return the exit status."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    if arguments and arguments[0] == "render":
        from .lab_cli import render_lab_command, wants_lab

        if wants_lab(arguments[1:]):
            return render_lab_command(arguments[1:])
        from .cli import render_command

        return render_command(arguments[1:])
    if arguments and arguments[0] == "lab":
        from .lab_cli import lab_command

        return lab_command(arguments[1:])
    from .cli import UsageError

    try:
        options = build_parser().parse_args(arguments)
    except UsageError as error:
        print(f"softmax-explorer: error: {error}", file=sys.stderr)
        return 2
    state = None
    if options.scene:
        from .i18n import translate_error
        from .scenes import SceneError, load_scene

        try:
            state = load_scene(options.scene)
        except SceneError as error:
            print(f"softmax-explorer: error: {translate_error(error)}", file=sys.stderr)
            return 2
    app = ensure_application([sys.argv[0]])
    window = create_main_window(state)
    if options.scene:
        window.remember_scene(Path(options.scene))
    window.show()
    return app.exec()
