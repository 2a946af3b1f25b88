"""Regenerate the README's images from the preset scenes with ``softmax-explorer render``.

Usage: python scripts/make_screenshots.py [--review DIR]

Writes assets/screenshots/: three screenshots of the window (the default scene; K = 3 with
the simplex; a confidently wrong prediction mid-descent) and two slide figures. With
``--review DIR`` it also renders every preset in every theme into DIR, to look at before a
release. Runs without a display.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRESETS = ROOT / "explorer" / "presets"
OUT = ROOT / "assets" / "screenshots"

SCREENSHOTS = [
    ("default.png", [], ["--interface", "--size", "1280x800"]),
    (
        "simplex-k3.png",
        [PRESETS / "07-label-smoothing-optimum.json"],
        ["--interface", "--size", "1280x800", "--steps", "4"],
    ),
    (
        "confidently-wrong.png",
        [PRESETS / "02-confidently-wrong.json"],
        ["--interface", "--size", "1280x800", "--steps", "2"],
    ),
    (
        "figure-window.png",
        [PRESETS / "02-confidently-wrong.json"],
        ["--view", "window", "--size", "1600x900", "--steps", "3"],
    ),
    (
        "figure-simplex-dark.png",
        [PRESETS / "08-simplex-soft-target.json"],
        ["--view", "simplex", "--size", "900x700", "--theme", "dark", "--steps", "6"],
    ),
]


def render(scene: list[Path], options: list[str], output: Path) -> None:
    """Run the render command once; stop on failure."""
    command = [sys.executable, "-m", "explorer", "render", *map(str, scene), *options]
    subprocess.run([*command, "-o", str(output)], check=True)


def main() -> None:
    """Render every image."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--review", type=Path, help="also render every preset in every theme")
    arguments = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    for name, scene, options in SCREENSHOTS:
        render(scene, options, OUT / name)
    if arguments.review:
        arguments.review.mkdir(parents=True, exist_ok=True)
        for preset in sorted(PRESETS.glob("*.json")):
            for theme in ("light", "dark", "contrast"):
                output = arguments.review / f"{preset.stem}-{theme}.png"
                render([preset], ["--theme", theme, "--size", "1600x900", "--steps", "3"], output)


if __name__ == "__main__":
    main()
