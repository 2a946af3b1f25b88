"""``softmax-explorer render --lab`` and ``softmax-explorer lab``: arguments and figures."""

import json
import os
import subprocess
import sys
from dataclasses import replace

import pytest
from PySide6.QtGui import QImage

from explorer.app import main
from explorer.lab_cli import lab_preset_paths, resolve_lab_scene


def run(*arguments):
    environment = {**os.environ}
    environment.pop("DISPLAY", None)
    environment.pop("QT_QPA_PLATFORM", None)  # the command must choose offscreen by itself
    return subprocess.run(
        [sys.executable, "-m", "explorer", "render", *arguments],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


def test_the_presets_are_found_by_name():
    names = {path.stem for path in lab_preset_paths()}
    assert {"blobs", "rings", "spirals", "xor"} <= names
    assert resolve_lab_scene("spirals").name == "spirals.json"


def test_render_lab_without_display_prints_the_path(tmp_path):
    out = tmp_path / "lab.png"
    result = run("--lab", "blobs", "--steps", "40", "--size", "800x450", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(out)
    image = QImage(str(out))
    assert (image.width(), image.height()) == (800, 450)


@pytest.mark.parametrize("view", ["regions", "curves", "lab"])
def test_render_lab_writes_each_view(qapp, tmp_path, capsys, view):
    out = tmp_path / f"{view}.png"
    status = main(
        [
            "render",
            "--lab",
            "blobs",
            "--steps",
            "30",
            "--view",
            view,
            "--size",
            "640x400",
            "-o",
            str(out),
        ]
    )
    assert status == 0, capsys.readouterr().err
    image = QImage(str(out))
    assert (image.width(), image.height()) == (640, 400)
    # Not a blank page: the regions' class colours (or the curves) are drawn.
    colours = {image.pixel(x, y) for x in range(0, 640, 16) for y in range(0, 400, 16)}
    assert len(colours) > 8


def test_render_lab_interface_and_vector_formats(qapp, tmp_path, capsys):
    for name, extra in (
        ("window.png", ["--interface"]),
        ("regions.svg", ["--view", "regions"]),
        ("curves.pdf", ["--view", "curves"]),
    ):
        out = tmp_path / name
        status = main(
            [
                "render",
                "--lab",
                "spirals",
                "--steps",
                "20",
                *extra,
                "--size",
                "1280x800",
                "-o",
                str(out),
            ]
        )
        assert status == 0, capsys.readouterr().err
        assert out.stat().st_size > 2000


def test_a_scene_file_renders(qapp, tmp_path, capsys):
    from explorer.core.lab import LabScene, load_lab_scene, save_lab_scene

    scene = load_lab_scene(resolve_lab_scene("rings"))
    path = tmp_path / "mine.json"
    save_lab_scene(path, LabScene(scene.dataset, scene.features, scene.config))
    out = tmp_path / "mine.png"
    assert main(["render", f"--lab={path}", "--view", "regions", "-o", str(out)]) == 0
    assert out.exists()


@pytest.mark.parametrize(
    "arguments",
    [
        ["--lab", "blobs", "--view", "simplex", "-o", "out.png"],
        ["--lab", "blobs", "--steps", "-1", "-o", "out.png"],
        ["--lab", "blobs", "--steps", "many", "-o", "out.png"],
        ["--lab", "blobs", "-o", "out.gif"],
        ["--lab", "blobs", "--size", "big", "-o", "out.png"],
        ["--lab", "blobs", "--bogus", "-o", "out.png"],
        ["--lab", "blobs"],
        ["--lab", "missing-scene.json", "-o", "out.png"],
        ["--lab", "-o", "out.png"],
        ["--lab", "blobs", "--steps", "1000000000", "-o", "out.png"],
        ["--lab", "blobs", "--size", "0x0", "-o", "out.png"],
        ["--lab", "blobs", "--scale", "0", "-o", "out.png"],
        ["--lab", "blobs", "--scale", "nan", "-o", "out.png"],
        ["--lab", "blobs", "--interface", "--select", "99999", "-o", "out.png"],
    ],
)
def test_bad_lab_arguments_exit_2_with_one_line(qapp, tmp_path, capsys, arguments):
    arguments = [str(tmp_path / a) if a.startswith("out.") else a for a in arguments]
    assert main(["render", *arguments]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("softmax-explorer render: error:"), lines
    assert not list(tmp_path.iterdir())


def test_a_corrupt_lab_scene_exits_2(qapp, tmp_path, capsys):
    scene = tmp_path / "bad.json"
    scene.write_text('{"format": "softmax-explorer-lab", "version": 1, "dataset": 3}')
    assert main(["render", "--lab", str(scene), "-o", str(tmp_path / "x.png")]) == 2
    assert "bad.json" in capsys.readouterr().err


def test_a_rate_that_overflows_exits_2(qapp, tmp_path, capsys):
    from explorer.core.lab import TrainConfig, load_lab_scene, save_lab_scene

    scene = replace(
        load_lab_scene(resolve_lab_scene("blobs")), config=TrainConfig(learning_rate=1e250)
    )
    path = tmp_path / "hot.json"
    save_lab_scene(path, scene)
    assert main(["render", "--lab", str(path), "--steps", "50", "-o", str(tmp_path / "x.png")]) == 2
    error = capsys.readouterr().err
    assert "learning rate" in error
    # One "training stopped", not "training stopped: training stopped at step ...".
    assert error.lower().count("training stopped") == 1


def test_a_scene_with_numbers_beyond_a_float_exits_2(qapp, tmp_path, capsys):
    # json reads 10**400 as an int; float() of it raised OverflowError: a traceback.
    document = json.loads((resolve_lab_scene("blobs")).read_text(encoding="utf-8"))
    document["training"]["learning_rate"] = 10**400
    path = tmp_path / "big.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert main(["render", "--lab", str(path), "-o", str(tmp_path / "x.png")]) == 2
    error = capsys.readouterr().err
    assert error.startswith("softmax-explorer render: error:") and "learning rate" in error
    assert main(["lab", str(path)]) == 2
    assert "learning rate" in capsys.readouterr().err


def test_a_directory_as_the_scene_exits_2(qapp, tmp_path, capsys):
    assert main(["render", "--lab", str(tmp_path), "-o", str(tmp_path / "x.png")]) == 2
    assert "is not a regular file" in capsys.readouterr().err


def test_lab_command_refuses_a_bad_scene_before_opening(capsys):
    assert main(["lab", "no-such-lab-scene.json"]) == 2
    assert "softmax-explorer lab: error:" in capsys.readouterr().err
    assert main(["lab", "--bogus"]) == 2


def test_render_help_mentions_the_lab(capsys):
    with pytest.raises(SystemExit):
        main(["render", "--lab", "x", "--help"])
    text = capsys.readouterr().out
    for flag in ("--lab", "--steps", "--view", "--interface", "--size", "--theme", "--output"):
        assert flag in text


def test_render_help_points_at_the_lab(capsys):
    with pytest.raises(SystemExit):
        main(["render", "--help"])
    assert "render --lab LAB_SCENE" in capsys.readouterr().out
