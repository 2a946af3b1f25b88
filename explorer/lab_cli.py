"""``softmax-explorer render --lab SCENE``: figures of the classifier lab without a display.

Loads a lab scene (a file, or the name of a preset in ``explorer/presets/lab``), trains it
``--steps`` minibatch steps, and draws the regions, the curves, both (``lab``), or the
whole lab window with its controls (``--interface``) to PNG, SVG or PDF.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .cli import OneLineParser, UsageError, _size, start_headless
from .preferences import DEFAULT_THEME, THEME_NAMES

#: Training steps ``render --lab`` takes at most (a few seconds of training).
MAX_LAB_STEPS = 100_000
LAB_VIEWS = ("regions", "curves", "lab")
PRESET_FOLDER = Path(__file__).with_name("presets") / "lab"


def lab_preset_paths() -> list[Path]:
    """The lab's preset scenes, by name."""
    return sorted(PRESET_FOLDER.glob("*.json")) if PRESET_FOLDER.is_dir() else []


def resolve_lab_scene(text: str) -> Path:
    """A lab scene file: ``text`` as a path, or the name of a preset (``blobs``)."""
    path = Path(text)
    if path.exists():
        return path
    for preset in lab_preset_paths():
        if text in (preset.stem, preset.name) or preset.stem.split("-", 1)[-1] == text:
            return preset
    return path  # (loading it then says it does not exist)


def _indices(text: str) -> tuple[int, ...]:
    try:
        indices = tuple(int(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"--select takes point indices separated by commas, like 3,40; got {text!r}"
        ) from None
    if any(index < 0 for index in indices):
        raise argparse.ArgumentTypeError("point indices start at 0")
    return indices


def build_lab_render_parser() -> argparse.ArgumentParser:
    """Arguments of ``render --lab``."""
    presets = ", ".join(p.stem for p in lab_preset_paths()) or "none"
    parser = OneLineParser(
        prog="softmax-explorer render --lab",
        description=(
            "Train a classifier-lab scene for --steps minibatch steps and draw it to PNG, SVG "
            "or PDF without a display."
        ),
    )
    parser.add_argument(
        "--lab",
        required=True,
        metavar="SCENE",
        help=f"lab scene file (.json), or a preset name ({presets})",
    )
    parser.add_argument(
        "--steps", type=int, default=0, help=f"training steps before drawing (0 to {MAX_LAB_STEPS})"
    )
    parser.add_argument(
        "--view",
        choices=LAB_VIEWS,
        default="lab",
        help="what to draw: the decision regions, the training curves, or both (lab)",
    )
    parser.add_argument(
        "--interface",
        action="store_true",
        help="draw the whole lab window with its controls (a screenshot); --view is ignored",
    )
    parser.add_argument(
        "--select",
        type=_indices,
        default=(),
        metavar="I,J,...",
        help="with --interface: points to select (the table shows their numbers)",
    )
    parser.add_argument("--size", type=_size, default=(1600, 900), help="figure size WxH in pixels")
    parser.add_argument("--scale", type=float, default=1.0, help="pixel scale for PNG, 0.25 to 8")
    parser.add_argument("--theme", choices=THEME_NAMES, default=DEFAULT_THEME, help="colour theme")
    parser.add_argument(
        "-o", "--output", type=Path, required=True, help="output file: .png, .svg or .pdf"
    )
    return parser


def _render(arguments: argparse.Namespace, scene) -> Path:
    from .ui.export import export_widget
    from .ui.lab.figure import LabFigure
    from .ui.lab.model import LabModel

    if arguments.interface:
        from .ui.lab.window import LabWindow

        window = LabWindow(scene=scene)
        window.set_theme(arguments.theme)
        try:
            if arguments.steps and not window.step(arguments.steps):
                raise UsageError(window.message_bar.toolTip())
            count = len(window.model.dataset)
            if any(index >= count for index in arguments.select):
                raise UsageError(f"--select: the scene has {count} points (0 to {count - 1})")
            window.model.select(arguments.select)
            return export_widget(window, arguments.output, arguments.size, arguments.scale)
        finally:
            window.close()
            window.deleteLater()
    model = LabModel(scene)
    if arguments.steps:
        from .core.lab import TrainingError
        from .i18n import translate_error

        try:
            model.step(arguments.steps)
        except TrainingError as error:
            raise UsageError(translate_error(error)) from None  # ("training stopped at ...")
    figure = LabFigure(model, arguments.view, theme=arguments.theme)
    try:
        return export_widget(figure, arguments.output, arguments.size, arguments.scale)
    finally:
        figure.close()
        figure.deleteLater()
        model.deleteLater()


def render_lab_command(argv: list[str]) -> int:
    """Run ``softmax-explorer render --lab ...``; returns the exit status."""
    try:
        arguments = build_lab_render_parser().parse_args(argv)
        if not 0 <= arguments.steps <= MAX_LAB_STEPS:
            raise UsageError(f"--steps must be between 0 and {MAX_LAB_STEPS}")
        from .core.lab import LabDataError, load_lab_scene
        from .i18n import translate_error

        try:
            scene = load_lab_scene(resolve_lab_scene(arguments.lab))
        except (LabDataError, OSError) as error:
            raise UsageError(f"cannot load the lab scene: {translate_error(error)}") from None
        start_headless(arguments.output, arguments.size, arguments.scale)
        from .app import delete_deferred
        from .ui.export import ExportError

        try:
            path = _render(arguments, scene)
        except (ExportError, OSError) as error:
            raise UsageError(str(error)) from None
        finally:
            delete_deferred()
    except UsageError as error:
        print(f"softmax-explorer render: error: {error}", file=sys.stderr)
        return 2
    print(path)
    return 0


def wants_lab(argv: list[str]) -> bool:
    """Whether ``render``'s arguments ask for the lab (``--lab`` or ``--lab=...``)."""
    return any(argument == "--lab" or argument.startswith("--lab=") for argument in argv)


def build_lab_parser() -> argparse.ArgumentParser:
    """Arguments of ``softmax-explorer lab``."""
    parser = OneLineParser(
        prog="softmax-explorer lab",
        description="Open the classifier lab: train a linear softmax classifier on 2-D points.",
    )
    parser.add_argument("scene", nargs="?", help="lab scene file (.json) or preset name to open")
    return parser


def lab_command(argv: list[str]) -> int:
    """Run ``softmax-explorer lab [SCENE]``: open the lab window; returns the exit status."""
    try:
        arguments = build_lab_parser().parse_args(argv)
    except UsageError as error:
        print(f"softmax-explorer lab: error: {error}", file=sys.stderr)
        return 2
    scene = None
    if arguments.scene:
        from .core.lab import LabDataError, load_lab_scene
        from .i18n import translate_error

        try:
            scene = load_lab_scene(resolve_lab_scene(arguments.scene))
        except (LabDataError, OSError) as error:
            print(f"softmax-explorer lab: error: {translate_error(error)}", file=sys.stderr)
            return 2
    from .app import ensure_application
    from .ui.lab import LabWindow

    app = ensure_application([sys.argv[0]])
    window = LabWindow(scene=scene)
    if arguments.scene:
        window.scene_path = resolve_lab_scene(arguments.scene)
    window.show()
    return app.exec()
