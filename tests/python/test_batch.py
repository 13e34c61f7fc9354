"""Array calls large enough to take the core's parallel path (65,536 rows or more): every row
is what the scalar call gives for it, whatever the input container, and the results are NumPy
arrays written once by the core."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import carestat

ROWS = 70_001  # above the core's parallel threshold (carestat.batch::PARALLEL_MIN_ROWS)


def inputs() -> tuple["np.typing.NDArray[np.float64]", "np.typing.NDArray[np.float64]"]:
    rng = np.random.default_rng(6)
    counts = rng.integers(0, 40, ROWS).astype(np.float64)  # a quarter below 10: exact limits
    counts[::997] = np.nan
    counts[5::1009] = 9.5  # below 10, not whole: the quantile search
    populations = rng.integers(50, 100_000, ROWS).astype(np.float64)
    populations[7::1013] = np.nan
    return counts, populations


def same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == b


def test_rows_equal_scalar_calls() -> None:
    counts, populations = inputs()
    out = carestat.crude_rate(counts, populations, 1000.0, 0.95)
    assert len(out) == ROWS
    for i in list(range(0, ROWS, 331)) + [5, 7, 997, ROWS - 1]:
        e = carestat.crude_rate(float(counts[i]), float(populations[i]), 1000.0, 0.95)
        got = (float(out.value[i]), float(out.lower[i]), float(out.upper[i]))
        assert all(same(g, w) for g, w in zip(got, (e.value, e.lower, e.upper))), i
        assert out.method[i] == e.method, i


def test_containers_give_identical_arrays() -> None:
    counts, populations = inputs()
    ref = carestat.crude_rate(counts, populations)
    series = carestat.crude_rate(pd.Series(counts), pd.Series(populations))
    np.testing.assert_array_equal(series.upper, ref.upper)
    np.testing.assert_array_equal(series.method, ref.method)
    pa = pytest.importorskip("pyarrow")
    arrow = carestat.crude_rate(pa.array(counts), pa.array(populations))
    np.testing.assert_array_equal(arrow.upper, ref.upper)


def test_outputs_are_plain_float64_arrays_and_method_is_one_array() -> None:
    counts, populations = inputs()
    out = carestat.wilson_proportion(np.minimum(counts, populations), populations, 100.0)
    for column in (out.value, out.lower, out.upper):
        assert column.dtype == np.float64 and column.shape == (ROWS,)
        # A result is read-only (issue 16): `np.array(column)` gives a writeable copy.
        assert column.flags.c_contiguous and column.flags.owndata and not column.flags.writeable
    # The method names are made once, on first use, and the same array is returned after.
    assert out.method is out.method
    assert set(out.method.tolist()) == {"", "Wilson"}
    changes = carestat.percent_change(populations, counts)
    assert changes.dtype == np.float64 and changes.shape == (ROWS,)


def test_error_names_the_first_bad_row() -> None:
    counts, populations = inputs()
    counts[ROWS - 3] = -1.0
    populations[40_000] = 0.0
    with pytest.raises(carestat.CarestatError, match="row 40000"):
        carestat.crude_rate(counts, populations)
