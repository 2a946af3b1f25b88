"""Write the preset scenes in explorer/presets/ from validated states (run after changing them).

The presets ship inside the package (``importlib.resources``); each file is a scene of the
current version, written by ``save_scene`` so it is exactly what the application writes.
"""

from __future__ import annotations

from pathlib import Path

from explorer.scenes import save_scene
from explorer.state import ExplorerState

PRESETS = {
    "01-confident-correct": ExplorerState(
        logits=(6.0, 1.0, 0.5, -1.0), label=0, class_names=("cat", "dog", "fox", "owl")
    ),
    "02-confidently-wrong": ExplorerState(
        logits=(-2.0, 1.0, 6.0, 0.5),
        label=0,
        class_names=("cat", "dog", "car", "ship"),
        surface_axes=(0, 2),
        surface_range=(-4.0, 10.0, -4.0, 10.0),
        learning_rate=2.0,
    ),
    "03-uniform-logits": ExplorerState(logits=(0.0, 0.0, 0.0, 0.0, 0.0), label=2),
    "04-huge-logits": ExplorerState(
        logits=(1000.0, 998.0, 990.0),
        label=1,
        surface_range=(990.0, 1006.0, 990.0, 1006.0),
    ),
    "05-temperature-sharpening": ExplorerState(
        logits=(2.0, 1.5, 0.5, -0.5), label=1, temperature=0.25
    ),
    "06-temperature-flattening": ExplorerState(
        logits=(2.0, 1.5, 0.5, -0.5), label=1, temperature=5.0
    ),
    "07-label-smoothing-optimum": ExplorerState(
        logits=(0.5, 0.0, -0.5),
        label=0,
        label_smoothing=0.2,
        learning_rate=3.0,
        surface_range=(-3.0, 6.0, -3.0, 6.0),
    ),
    "08-simplex-soft-target": ExplorerState(
        logits=(1.0, -0.5, 2.0),
        label=0,
        soft_target=(0.6, 0.3, 0.1),
        class_names=("rain", "cloud", "sun"),
    ),
    "09-two-classes-sigmoid": ExplorerState(
        logits=(1.5, 0.0), label=0, class_names=("positive", "negative")
    ),
}


def main() -> None:
    """Write every preset."""
    folder = Path(__file__).resolve().parent.parent / "explorer" / "presets"
    folder.mkdir(parents=True, exist_ok=True)
    for name, state in PRESETS.items():
        print(save_scene(state, folder / f"{name}.json"))


if __name__ == "__main__":
    main()
