"""Render the README's window screenshots into assets/screenshots/.

Usage: python scripts/make_screenshots.py [--out DIR]

Runs offscreen (no display needed). Three situations: the default scene; K = 3 with the
probability simplex and a descent path under label smoothing; a confidently wrong
prediction halfway through gradient descent.
"""

from __future__ import annotations

import argparse
import os
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from explorer.app import create_main_window, ensure_application  # noqa: E402
from explorer.state import ExplorerState  # noqa: E402

SIZE = (1280, 800)


def scenes():
    """(file name, state, number of descent steps) for each screenshot."""
    yield "default.png", ExplorerState(), 0
    yield (
        "simplex-k3.png",
        ExplorerState(
            logits=(-1.0, 2.5, 0.5),
            label=0,
            label_smoothing=0.1,
            class_names=("cat", "dog", "bird"),
            learning_rate=1.5,
            surface_range=(-4.0, 8.0, -4.0, 8.0),
        ),
        12,
    )
    yield (
        "confidently-wrong.png",
        ExplorerState(
            logits=(-2.0, 1.0, 6.0, 0.5, -1.0),
            label=0,
            class_names=("cat", "dog", "car", "ship", "frog"),
            surface_axes=(0, 2),
            surface_range=(-4.0, 10.0, -4.0, 10.0),
            learning_rate=2.0,
        ),
        6,
    )


def render(state: ExplorerState, steps: int, path: Path) -> None:
    """Open the window on ``state``, take ``steps`` descent steps and save a PNG."""
    app = ensure_application()
    window = create_main_window(state)
    window.resize(*SIZE)
    window.show()
    for _ in range(steps):
        window.session.step()
    for _ in range(10):
        app.processEvents()
    window.grab().save(str(path))
    window.close()
    window.deleteLater()
    app.processEvents()


def main() -> None:
    """Write every screenshot."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    root = Path(__file__).resolve().parent.parent
    parser.add_argument("--out", type=Path, default=root / "assets" / "screenshots")
    arguments = parser.parse_args()
    arguments.out.mkdir(parents=True, exist_ok=True)
    for name, state, steps in scenes():
        render(replace(state), steps, arguments.out / name)
        print(arguments.out / name)


if __name__ == "__main__":
    main()
