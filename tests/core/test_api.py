"""``explorer.core``'s public names: every function is in the shared tables of cases and in
the stored references, and each row of those reaches the test file of its module."""

import fnmatch

import numpy as np

import explorer.core as core

from .cases import (
    DTYPE_CASES,
    TEMPERATURE_USERS,
    VALUE_ERROR_CASES,
    called_function,
    dtype_case_names,
    module_of,
    temperature_user_names,
    value_error_params,
)
from .reference import CASES, KINDS, KNOWN_DISCREPANCIES, reference_comparisons

#: The modules whose test files (``test_<module>.py``) run the rows of the shared tables.
MODULES_WITH_TABLES = ("softmax", "losses", "surface", "analysis", "classifier")


def test_dtype_cases_cover_every_public_function():
    # Not dtype-valued: the result dataclass and a threshold returned as a Python float.
    # Not dtype-valued functions: the analysis record, a limit, and the loss objects (their
    # dtypes are tested in tests/core/test_loss_objects.py).
    exempt = {
        "ExampleAnalysis",
        "overflow_threshold",
        "LOSS_KEYS",
        "SoftmaxLoss",
        "CrossEntropyLoss",
        "SquaredErrorLoss",
        "FocalLoss",
        "FormulaTerm",
        "FormulaParts",
        "make_loss",
    }
    assert set(core.__all__) - exempt == set(DTYPE_CASES)


def test_every_row_of_the_tables_reaches_a_module_test_file():
    assert sorted(
        name for module in MODULES_WITH_TABLES for name in dtype_case_names(module)
    ) == sorted(DTYPE_CASES)
    assert sum(len(value_error_params(module)) for module in MODULES_WITH_TABLES) == len(
        VALUE_ERROR_CASES
    )
    assert sorted(
        name for module in MODULES_WITH_TABLES for name in temperature_user_names(module)
    ) == sorted(TEMPERATURE_USERS)
    # A row's module is that of the function its call names first.
    assert {module_of(called_function(build)) for _, build, _ in VALUE_ERROR_CASES} == set(
        MODULES_WITH_TABLES
    )
    comparisons = sum(len(case.meta["outputs"]) for case in CASES)
    assert sum(len(reference_comparisons(module)) for module in MODULES_WITH_TABLES) == comparisons


def test_fixture_covers_every_reference_function():
    covered = {(case.func, case.dtype.name) for case in CASES}
    expected = {(func, dtype) for func, _ in KINDS for dtype in ("float32", "float64")}
    assert covered == expected
    # Every float64 output has an mpmath value, and every limit replacement is documented.
    for case in CASES:
        if case.dtype == np.float64:
            assert set(case.mpmath) == set(case.meta["outputs"]), case.name
        assert set(case.meta["limit"]) <= set(case.meta["outputs"]), case.name


def test_known_discrepancy_patterns_are_all_used():
    ids = [f"{case.name}::{output}" for case in CASES for output in case.meta["outputs"]]
    for pattern in KNOWN_DISCREPANCIES:
        assert any(fnmatch.fnmatchcase(test_id, pattern) for test_id in ids), pattern
