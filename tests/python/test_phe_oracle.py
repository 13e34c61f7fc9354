"""crude_rate and wilson_proportion against PHEindicatormethods v2.1.0's own fixtures.

Every row of the Rate, Proportion (plain and grouped) fixtures, at 95% and 99.8%, as scalars
and as arrays, within 1e-9 relative. Missing inputs give missing outputs (method "").
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Callable, Dict, List, Tuple

import numpy as np
import pytest

import carestat
from helpers import Row, assert_close, num, same_bits

LEVELS = [
    (0.95, "lower95_0cl", "upper95_0cl"),
    (0.998, "lower99_8cl", "upper99_8cl"),
]

Estimator = Callable[..., object]
FUNCTIONS: Dict[str, Estimator] = {
    "rate": carestat.crude_rate,
    "proportion": carestat.wilson_proportion,
}


def check_row(e: carestat.Estimate, row: Row, lo: str, hi: str, what: str) -> None:
    assert_close(e.value, num(row, "value"), f"{what} value")
    assert_close(e.lower, num(row, lo), f"{what} lower")
    assert_close(e.upper, num(row, hi), f"{what} upper")
    if math.isnan(e.value):
        assert e.method == ""
    else:
        assert e.method == row["method"], what


@pytest.mark.parametrize("confidence,lo,hi", LEVELS)
def test_crude_rate_every_fixture_row_as_scalars(
    rate_rows: List[Row], confidence: float, lo: str, hi: str
) -> None:
    for i, row in enumerate(rate_rows):
        e = carestat.crude_rate(
            num(row, "Numerator"), num(row, "Denominator"), num(row, "multiplier"), confidence
        )
        assert isinstance(e, carestat.Estimate)
        check_row(e, row, lo, hi, f"row {i} ({row['Area']}) at {confidence}")


@pytest.mark.parametrize("confidence,lo,hi", LEVELS)
def test_wilson_proportion_every_fixture_row_as_scalars(
    prop_rows: List[Row], confidence: float, lo: str, hi: str
) -> None:
    for i, row in enumerate(prop_rows):
        e = carestat.wilson_proportion(
            num(row, "Numerator"), num(row, "Denominator"), num(row, "multiplier"), confidence
        )
        check_row(e, row, lo, hi, f"row {i} ({row['Area']}) at {confidence}")


def by_multiplier(rows: List[Row]) -> Dict[float, List[Tuple[int, Row]]]:
    groups: Dict[float, List[Tuple[int, Row]]] = defaultdict(list)
    for i, row in enumerate(rows):
        groups[num(row, "multiplier")].append((i, row))
    return groups


@pytest.mark.parametrize("kind", ["rate", "proportion"])
@pytest.mark.parametrize("confidence,lo,hi", LEVELS)
@pytest.mark.parametrize("container", ["list", "numpy", "pandas"])
def test_every_fixture_row_as_arrays(
    rate_rows: List[Row],
    prop_rows: List[Row],
    kind: str,
    confidence: float,
    lo: str,
    hi: str,
    container: str,
) -> None:
    rows = rate_rows if kind == "rate" else prop_rows
    f = FUNCTIONS[kind]
    # One array call per multiplier (the fixtures mix per-100 and per-100,000 rows).
    for multiplier, group in by_multiplier(rows).items():
        x = [num(r, "Numerator") for _, r in group]
        n = [num(r, "Denominator") for _, r in group]
        if container == "numpy":
            args: Tuple[object, object] = (np.array(x), np.array(n))
        elif container == "pandas":
            pd = pytest.importorskip("pandas")
            args = (pd.Series(x), pd.Series(n))
        else:
            args = (x, n)
        out = f(*args, multiplier, confidence)
        assert isinstance(out, carestat.Estimates)
        assert len(out) == len(group)
        for arr in (out.value, out.lower, out.upper):
            assert isinstance(arr, np.ndarray) and arr.dtype == np.float64 and arr.shape == (len(group),)
        assert out.method.dtype.kind == "U"
        for k, (i, row) in enumerate(group):
            what = f"{kind} row {i} ({row['Area']}) at {confidence} from {container}"
            assert_close(float(out.value[k]), num(row, "value"), f"{what} value")
            assert_close(float(out.lower[k]), num(row, lo), f"{what} lower")
            assert_close(float(out.upper[k]), num(row, hi), f"{what} upper")
            expected_method = "" if math.isnan(num(row, "value")) else row["method"]
            assert out.method[k] == expected_method, what


@pytest.mark.parametrize("kind", ["rate", "proportion"])
def test_grouped_fixtures(
    rate_grouped_rows: List[Row], prop_grouped_rows: List[Row], kind: str
) -> None:
    rows = rate_grouped_rows if kind == "rate" else prop_grouped_rows
    f = FUNCTIONS[kind]
    for i, row in enumerate(rows):
        assert row["confidence"] == "95%"
        e = f(num(row, "Numerator"), num(row, "Denominator"), num(row, "multiplier"), 0.95)
        check_row(e, row, "lowercl", "uppercl", f"{kind} grouped row {i}")


def test_raw_wilson_and_byars_limits(byars_wilson_rows: List[Row]) -> None:
    """Wilson rows: wilson_proportion(x, n, 1). Byar's rows with x >= 10: crude_rate(x, 1, 1)
    (below 10 crude_rate uses exact limits by definition, so those raw Byar's rows do not apply)."""
    checked = 0
    for i, row in enumerate(byars_wilson_rows):
        confidence = float(row["confidence"].rstrip("%")) / 100
        x = num(row, "x")
        if row["method"] == "Wilson":
            e = carestat.wilson_proportion(x, num(row, "n"), 1, confidence)
        elif x >= 10:
            e = carestat.crude_rate(x, 1, 1, confidence)
            assert e.method == "Byars"
        else:
            continue
        assert_close(e.lower, num(row, "lowercl"), f"row {i} lower")
        assert_close(e.upper, num(row, "uppercl"), f"row {i} upper")
        checked += 1
    assert checked == 11


@pytest.mark.parametrize("kind", ["rate", "proportion"])
def test_scalar_and_array_results_are_identical(
    rate_rows: List[Row], prop_rows: List[Row], kind: str
) -> None:
    rows = rate_rows if kind == "rate" else prop_rows
    f = FUNCTIONS[kind]
    x = np.array([num(r, "Numerator") for r in rows])
    n = np.array([num(r, "Denominator") for r in rows])
    out = f(x, n, 100.0, 0.998)
    scalars = [f(a, b, 100.0, 0.998) for a, b in zip(x.tolist(), n.tolist())]
    assert same_bits(out.value, [s.value for s in scalars])
    assert same_bits(out.lower, [s.lower for s in scalars])
    assert same_bits(out.upper, [s.upper for s in scalars])
    assert out.method.tolist() == [s.method for s in scalars]


def test_worcestershire_concerns_rate_by_hand() -> None:
    # 4455 / 485737 * 100000 = 917.16299149539771... (long division)
    r = carestat.crude_rate(4455, 485_737)
    assert_close(r.value, 4455 / 485_737 * 100_000, "value")
    assert r.method == "Byars"
    assert r.lower < r.value < r.upper
