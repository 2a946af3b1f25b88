"""Refresh the translation catalogue from the source, then compile it.

Runs ``pyside6-lupdate`` over every ``explorer/**/*.py`` into
``explorer/translations/explorer_zh_CN.ts`` (new strings are added unfinished, vanished
ones dropped, translations kept), then ``pyside6-lrelease`` into the ``.qm`` the app loads
and the wheel ships. Run it after changing any translatable string, translate the new
entries (Qt Linguist: ``pyside6-linguist explorer/translations/explorer_zh_CN.ts``), and
run it again; ``tests/test_translations.py`` fails while the two are out of step.

    python scripts/update_translations.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "explorer"
TRANSLATIONS = PACKAGE / "translations"
LANGUAGES = ("zh_CN",)


def tool(name: str) -> str:
    """The path of a PySide6 tool: beside this Python first, then on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 (pip install pyside6-essentials)")
    return found


def sources() -> list[str]:
    """Every Python file of the package, relative to the root, in a stable order."""
    return sorted(str(path.relative_to(ROOT)) for path in PACKAGE.rglob("*.py"))


def lupdate(ts_file: Path, *options: str) -> None:
    """Extract the package's strings into ``ts_file`` (merged with what it holds)."""
    with tempfile.NamedTemporaryFile("w", suffix=".lst", delete=False) as listing:
        listing.write("\n".join(sources()) + "\n")
    try:
        subprocess.run(
            [tool("pyside6-lupdate"), "-extensions", "py", "-no-obsolete", "-locations",
             "relative", *options, f"@{listing.name}", "-ts", str(ts_file)],
            cwd=ROOT, check=True,
        )  # fmt: skip
    finally:
        Path(listing.name).unlink()


def lrelease(ts_file: Path, qm_file: Path) -> None:
    """Compile ``ts_file`` into ``qm_file`` (unfinished entries stay English)."""
    subprocess.run(
        [tool("pyside6-lrelease"), "-silent", str(ts_file), "-qm", str(qm_file)], check=True
    )


def main() -> None:
    """Update and compile every language's catalogue."""
    for language in LANGUAGES:
        ts_file = TRANSLATIONS / f"explorer_{language}.ts"
        lupdate(ts_file, "-target-language", language)
        lrelease(ts_file, ts_file.with_suffix(".qm"))


if __name__ == "__main__":
    main()
