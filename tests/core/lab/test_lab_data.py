"""Lab datasets: seeded generators, immutable edits, bounds, CSV import with row errors."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

from explorer.core.lab import (
    DATASET_KINDS,
    Dataset,
    LabDataError,
    dataset_bounds,
    dataset_from_csv_text,
    dataset_to_csv,
    empty_dataset,
    load_csv,
    make_dataset,
)
from explorer.messages import MessageError


@pytest.mark.parametrize("kind", DATASET_KINDS)
def test_generators_are_seeded_and_reproducible(kind):
    first = make_dataset(kind, classes=4, points=200, noise=0.2, seed=7)
    again = make_dataset(kind, classes=4, points=200, noise=0.2, seed=7)
    assert first == again
    assert first.points.dtype == np.float64 and first.labels.dtype == np.int64
    if kind == "empty":
        assert len(first) == 0 and first.classes == 4
        return
    assert len(first) == 200
    other = make_dataset(kind, classes=4, points=200, noise=0.2, seed=8)
    assert not np.array_equal(first.points, other.points)
    assert np.all(np.abs(first.points) < 2.0)  # roughly [-1, 1]^2
    expected_classes = 2 if kind == "xor" else 4
    assert first.classes == expected_classes
    assert set(first.labels.tolist()) == set(range(expected_classes))


@pytest.mark.parametrize("classes", range(2, 9))
def test_blobs_take_every_class_count_with_points_shared_evenly(classes):
    data = make_dataset("blobs", classes=classes, points=50)
    counts = data.class_counts()
    assert counts.sum() == 50 and counts.max() - counts.min() <= 1


def test_rings_are_concentric_by_class():
    data = make_dataset("rings", classes=3, points=600, noise=0.05)
    radii = np.hypot(*data.points.T)
    medians = [np.median(radii[data.labels == k]) for k in range(3)]
    np.testing.assert_allclose(medians, [0.3, 0.6, 0.9], atol=0.02)


def test_noise_zero_gives_clean_spirals_and_xor():
    xor = make_dataset("xor", points=400, noise=0.0)
    assert np.all((xor.points[:, 0] * xor.points[:, 1] < 0) == (xor.labels == 1))
    spirals = make_dataset("spirals", classes=3, points=300, noise=0.0)
    assert np.all(np.hypot(*spirals.points.T) <= 0.95 + 1e-12)


@pytest.mark.parametrize(
    ("arguments", "match"),
    [
        ({"kind": "moons"}, "unknown dataset 'moons'"),
        ({"kind": "blobs", "classes": 9}, "classes must be a whole number from 2 to 8"),
        ({"kind": "blobs", "classes": 1}, "from 2 to 8"),
        ({"kind": "rings", "classes": 2.5}, "from 2 to 8"),
        ({"kind": "blobs", "points": -1}, "number of points"),
        ({"kind": "blobs", "points": 10**6}, "number of points"),
        ({"kind": "blobs", "noise": float("nan")}, "noise"),
        ({"kind": "blobs", "noise": 2.0}, "noise"),
        ({"kind": "blobs", "seed": -3}, "seed"),
    ],
)
def test_bad_generator_parameters_are_lab_data_errors(arguments, match):
    kind = arguments.pop("kind")
    with pytest.raises(LabDataError, match=match) as caught:
        make_dataset(kind, **arguments)
    assert isinstance(caught.value, MessageError) and caught.value.context == "LabData"


def test_edits_return_new_datasets_and_never_mutate():
    data = make_dataset("blobs", classes=3, points=6)
    before = data.points.copy()
    added = data.with_point((0.25, -0.5), 2)
    moved = added.moved(6, (1.0, 1.0))
    removed = moved.without(0)
    assert len(added) == 7 and added.labels[-1] == 2 and added.points[-1].tolist() == [0.25, -0.5]
    assert moved.points[6].tolist() == [1.0, 1.0] and moved.labels[6] == 2
    assert len(removed) == 6 and np.array_equal(removed.points[:5], moved.points[1:6])
    assert len(moved.without([0, 1, 6])) == 4
    assert moved.relabelled(0, 1).labels[0] == 1
    np.testing.assert_array_equal(data.points, before)
    with pytest.raises(ValueError, match="read-only"):
        data.points[0, 0] = 5.0
    with pytest.raises(IndexError):
        data.moved(6, (0.0, 0.0))


def test_edits_are_validated():
    data = empty_dataset(3)
    with pytest.raises(LabDataError, match="label 3 is out of range"):
        data.with_point((0.0, 0.0), 3)
    with pytest.raises(LabDataError, match="finite"):
        data.with_point((np.nan, 0.0), 0)
    with pytest.raises(LabDataError, match="within"):
        data.with_point((1e9, 0.0), 0)


def test_with_classes_drops_points_of_removed_classes():
    data = make_dataset("blobs", classes=4, points=8)
    fewer = data.with_classes(2)
    assert fewer.classes == 2 and set(fewer.labels.tolist()) == {0, 1} and len(fewer) == 4


def test_bounds_are_square_and_hold_every_point():
    assert dataset_bounds(empty_dataset()) == (-1.2, 1.2, -1.2, 1.2)
    for kind in ("blobs", "rings", "spirals", "xor"):
        data = make_dataset(kind, points=300, noise=0.3)
        xmin, xmax, ymin, ymax = dataset_bounds(data)
        assert xmax - xmin == pytest.approx(ymax - ymin)
        assert xmin <= -1.2 and xmax >= 1.2 and ymin <= -1.2 and ymax >= 1.2
        assert np.all(data.points[:, 0] > xmin) and np.all(data.points[:, 0] < xmax)
        assert np.all(data.points[:, 1] > ymin) and np.all(data.points[:, 1] < ymax)
    far = empty_dataset().with_point((100.0, 50.0), 0).with_point((110.0, 52.0), 1)
    xmin, xmax, ymin, ymax = dataset_bounds(far)
    assert xmin > 90 and xmax < 120 and ymin < 50 < 52 < ymax


# ------------------------------------------------------------------------------- CSV


def test_csv_round_trips_exactly(tmp_path):
    data = make_dataset("spirals", classes=5, points=77, seed=3)
    text = dataset_to_csv(data)
    assert text.splitlines()[0] == "x,y,label"
    assert dataset_from_csv_text(text, classes=5) == data
    path = tmp_path / "points.csv"
    path.write_text(text, encoding="utf-8")
    assert load_csv(path, classes=5) == data
    assert load_csv(str(path)).classes == 5  # K from the largest label


def test_csv_accepts_headerless_blank_lines_comments_and_other_separators():
    text = "# my points\n0.5, 1, 0\n\n-1;2.5;1\n3 4 1\n"
    data = dataset_from_csv_text(text)
    assert data.points.tolist() == [[0.5, 1.0], [-1.0, 2.5], [3.0, 4.0]]
    assert data.labels.tolist() == [0, 1, 1] and data.classes == 2
    assert dataset_from_csv_text("1,2,1.0\n").labels.tolist() == [1]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x,y,label\n0,0,0\n1,oops,1\n", "points.csv, row 3: y ('oops') is not a number"),
        ("0,0,0\nnan,1,1\n", "points.csv, row 2: x is nan; it must be a finite number"),
        ("0,0,0\n1,inf,1\n", "row 2: y is inf; it must be a finite number"),
        ("0,0,0\n1,1,9\n", "row 2: the label 9 is out of range; with 8 classes labels are 0 to 7"),
        ("0,0,0\n1,1,-1\n", "row 2: the label -1 is negative"),
        ("0,0,0\n1,1,1.5\n", "row 2: the label 1.5 is not a whole number"),
        ("0,0,0\n1,1\n", "row 2: 2 columns; each row needs 3: x, y, label"),
        ("0,0,0\n1,1,1,1\n", "row 2: 4 columns"),
        ("0,0,0\n1e9,1,1\n", "row 2: x = 1e9 is beyond"),
        ("x,y,label\n\n", "points.csv has no data rows"),
        ("", "points.csv has no data rows"),
        ("0,0,0\nx,y,label\n", "row 2: x ('x') is not a number"),
    ],
)
def test_csv_errors_name_the_row_and_the_problem(text, message):
    with pytest.raises(LabDataError) as caught:
        dataset_from_csv_text(text, source="points.csv")
    assert message in str(caught.value)
    assert caught.value.context == "LabData"
    assert "{" in caught.value.template  # translated first, filled after


def test_csv_labels_checked_against_a_given_class_count(tmp_path):
    path = tmp_path / "three.csv"
    path.write_text("0,0,0\n1,1,3\n", encoding="utf-8")
    with pytest.raises(LabDataError, match="three.csv, row 2: the label 3 is out of range; with 3"):
        load_csv(path, classes=3)


def test_csv_files_that_cannot_be_read(tmp_path):
    with pytest.raises(LabDataError, match="cannot open missing.csv"):
        load_csv(tmp_path / "missing.csv")
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(LabDataError, match="not a text"):
        load_csv(binary)
    with pytest.raises(LabDataError, match="not a regular file"):
        load_csv(tmp_path)


def test_errors_pickle_with_their_values():
    with pytest.raises(LabDataError) as caught:
        dataset_from_csv_text("0,0,0\n1,x,1\n", source="a.csv")
    again = pickle.loads(pickle.dumps(caught.value))
    assert str(again) == str(caught.value) and again.values["row"] == 2


def test_datasets_compare_by_value_and_are_not_hashable():
    data = make_dataset("xor", points=10)
    assert data == Dataset(data.points.copy(), data.labels.copy(), 2)
    assert data != data.moved(0, (0.0, 0.0))
    with pytest.raises(TypeError):
        hash(data)


def test_csv_from_a_european_spreadsheet_semicolons_and_decimal_commas():
    # "1,5;2,5;0" was split at its commas: "row 2: y ('5;2') is not a number".
    data = dataset_from_csv_text("x;y;label\r\n1,5;-2,25;0\r\n3;4,0;1\r\n")
    assert data.points.tolist() == [[1.5, -2.25], [3.0, 4.0]]
    assert data.labels.tolist() == [0, 1]


def test_csv_with_quoted_fields():
    # Spreadsheets and pandas (quoting=ALL) quote every field: '"1"' is not a number was
    # the message.
    data = dataset_from_csv_text('"x","y","label"\n"0.5","-1","2"\n')
    assert data.points.tolist() == [[0.5, -1.0]] and data.labels.tolist() == [2]


def test_a_directory_is_named_once_in_the_message(tmp_path):
    with pytest.raises(LabDataError) as caught:
        load_csv(tmp_path)
    assert str(caught.value) == f"{tmp_path.name} is not a regular file"
