"""Generated person-level data for the Spark and Dask tests, and a bit-for-bit comparison of
their results with carestat.frames on pandas.

Each row is a person in one of the 153 councils of carestat.areas (with its region), an age
band of the European Standard Population 2013, a sex, a number of events (admissions, 0 to a
few), a fraction of a year at risk, and whether they were asked and satisfied (a survey).
"""

from __future__ import annotations

from typing import Any, List, Sequence

import numpy as np
import pandas as pd

from carestat import areas, frames

PEOPLE = 300_000


def people(n: int = PEOPLE, seed: int = 20240331) -> Any:
    """`n` generated people, the same for a given seed."""
    rng = np.random.default_rng(seed)
    councils = areas.all()
    which = rng.integers(0, len(councils), n)
    band = rng.integers(0, len(frames.ESP2013_BANDS), n)
    older = band / (len(frames.ESP2013_BANDS) - 1)
    return pd.DataFrame({
        "id": np.arange(n, dtype=np.int64),
        "area": np.array([a.code for a in councils])[which],
        "region": np.array([a.region for a in councils])[which],
        "age_band": np.array(frames.ESP2013_BANDS)[band],
        "sex": rng.choice(np.array(["F", "M"]), n),
        # Older people are admitted more often: 0.002 to 0.08 events a person.
        "events": rng.poisson(0.002 + 0.078 * older**3).astype(np.int64),
        "person": np.ones(n, dtype=np.int64),
        # Person-years at risk: not integers, so sums depend on the order of addition.
        "years": rng.uniform(0.05, 1.0, n),
        "satisfied": rng.integers(0, 2, n).astype(np.int64),
        "asked": np.ones(n, dtype=np.int64),
    })


def bands(df: Any) -> Any:
    """Counts and people by council and age band (integer sums: exact in any order)."""
    return (df.groupby(["area", "age_band"], as_index=False)[["events", "person"]].sum()
            .sort_values(["area", "age_band"]).reset_index(drop=True))


def _same_bits(a: Any, b: Any, column: str) -> None:
    x = np.asarray(a, dtype=np.float64)
    y = np.asarray(b, dtype=np.float64)
    assert x.shape == y.shape, column
    nan_x, nan_y = np.isnan(x), np.isnan(y)
    assert np.array_equal(nan_x, nan_y), f"{column}: missing values differ"
    bad = np.flatnonzero(x[~nan_x].view(np.int64) != y[~nan_y].view(np.int64))
    assert bad.size == 0, (f"{column}: {bad.size} values differ in their bits, first "
                           f"{x[~nan_x][bad[0]]!r} against {y[~nan_y][bad[0]]!r}")


def assert_same(got: Any, expected: Any, keys: Sequence[str]) -> None:
    """`got` (a pandas frame from Spark or Dask) has `expected`'s columns and, row by row in
    key order, the same values: floats to the bit, missing where expected is missing."""
    keys = list(keys)
    expected = expected.reset_index() if keys and keys[0] not in expected.columns else expected
    assert list(got.columns) == list(expected.columns)
    assert len(got) == len(expected)
    if keys:
        got = got.sort_values(keys, kind="stable").reset_index(drop=True)
        expected = expected.sort_values(keys, kind="stable").reset_index(drop=True)
    else:
        got, expected = got.reset_index(drop=True), expected.reset_index(drop=True)
    for column in expected.columns:
        e, g = expected[column], got[column]
        if pd.api.types.is_float_dtype(e) or pd.api.types.is_float_dtype(g):
            _same_bits(g, e, column)
        else:
            assert g.astype(object).tolist() == e.astype(object).tolist(), column


def columns_of(result: Any) -> List[str]:
    """A frames result's columns with its group keys first, as Spark and Dask give them."""
    names = [n for n in result.index.names if n is not None]
    return names + list(result.columns)
