"""Change between periods, judgement with polarity, back-calculation, rounding.

Expected values are hand calculations written out in the comments, or figures published in
the seed documents.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import carestat
from helpers import assert_close


def test_percent_change_worcestershire_concerns() -> None:
    # Seed 004: 4455 concerns against 3912: (4455 - 3912) / 3912 * 100 = 543 / 39.12
    # = 13.88036809815951...
    assert_close(carestat.percent_change(3912, 4455), 13.880368098159509, "pct")


def test_points_versus_percent() -> None:
    # "6% ... a 1% increase on last year's 5%": +1 point, but (6 - 5) / 5 = +20%.
    assert carestat.point_change(5, 6) == 1.0
    assert_close(carestat.percent_change(5, 6), 20.0, "pct")


def test_array_changes() -> None:
    # 5 -> 6: +20%; 200 -> 150: -25%; 8 -> 8: 0%
    out = carestat.percent_change(np.array([5.0, 200.0, 8.0]), [6, 150, 8])
    assert isinstance(out, np.ndarray) and out.dtype == np.float64
    assert out.tolist() == [20.0, -25.0, 0.0]
    # 73% -> 82%: +9 points; 5% -> 6%: +1 point
    assert carestat.point_change([73, 5], [82, 6]).tolist() == [9.0, 1.0]


def test_percent_change_errors() -> None:
    with pytest.raises(carestat.ZeroPreviousError, match="previous: percentage change from zero is undefined"):
        carestat.percent_change(0, 5)
    with pytest.raises(carestat.NegativeValueError, match="previous: must not be negative"):
        carestat.percent_change(-1, 5)
    assert math.isnan(carestat.percent_change(math.nan, 5))


@pytest.mark.parametrize(
    "polarity,expected",
    [
        ("low_is_good", "worsened"),
        (0, "worsened"),
        ("high_is_good", "improved"),
        (1, "improved"),
        ("no_judgement", "not judged"),
        (99, "not judged"),
        (-1, "not judged"),
    ],
)
def test_judge_change(polarity: object, expected: str) -> None:
    # Seed 000, ASCOF 2A(2): 417.6 -> 587.2 admissions per 100,000 (a rise).
    assert carestat.judge_change(417.6, 587.2, polarity) == expected


def test_judge_change_arrays_and_edge_cases() -> None:
    out = carestat.judge_change([1, 2, 5, math.nan], [2, 1, 5, 3], "high_is_good")
    assert out.tolist() == ["improved", "worsened", "no change", "missing"]
    assert carestat.judge_change(5, 5, "no_judgement") == "no change"


@pytest.mark.parametrize("bad,kind", [("up", carestat.UnknownValueError), (7, carestat.OutOfRangeError), ("HIGH_IS_GOOD", carestat.UnknownValueError)])
def test_bad_polarity(bad: object, kind: type) -> None:
    with pytest.raises(kind) as e:
        carestat.judge_change(1, 2, bad)
    assert e.value.field == "polarity"


def test_previous_from_percent_change() -> None:
    # "22555 new requests, an increase of 4.4%" (1 dp): the change lies in [4.35, 4.45], so the
    # previous count lies in [22555 / 1.0445, 22555 / 1.0435] = [21594.06..., 21614.75...],
    # whole numbers 21595..21614.
    r = carestat.previous_from_percent_change(22555, 4.4, 1)
    assert_close(r.lower, 22555 / 1.0445, "lower")
    assert_close(r.upper, 22555 / 1.0435, "upper")
    assert_close(r.point, 22555 / 1.044, "point")
    assert r.whole_numbers() == (21595, 21614)
    assert r.contains(21600) and not r.contains(21590)
    assert repr(r).startswith("PreviousRange(lower=21594.06")
    # A decrease: "4240, a decrease of 1.5%": previous in [4240 / 0.9855, 4240 / 0.9845].
    d = carestat.previous_from_percent_change(4240, -1.5, 1)
    assert_close(d.lower, 4240 / 0.9855, "lower")
    assert_close(d.upper, 4240 / 0.9845, "upper")
    m = carestat.previous_from_percent_change(None, 2.0, 1)
    assert math.isnan(m.point) and m.whole_numbers() is None


def test_previous_from_percent_change_errors() -> None:
    with pytest.raises(carestat.OutOfRangeError, match="decimals: -1 is out of range"):
        carestat.previous_from_percent_change(100, 2.0, -1)
    with pytest.raises(carestat.OutOfRangeError, match="decimals: 16 is out of range"):
        carestat.previous_from_percent_change(100, 2.0, 16)
    with pytest.raises(carestat.OutOfRangeError, match="pct"):
        carestat.previous_from_percent_change(10, -99.96, 1)
    with pytest.raises(carestat.InvalidInputError, match="current: must be a single number"):
        carestat.previous_from_percent_change([1, 2], 2.0, 1)


def test_round_half_away() -> None:
    # Halves go away from zero on the decimal value: 2.675 (binary 2.67499999...) -> 2.68.
    assert carestat.round_half_away(2.675, 2) == 2.68
    assert carestat.round_half_away(-2.5, 0) == -3.0
    assert carestat.round_half_away(1234, -2) == 1200.0
    # 202 / 278 * 100 = 72.6618705... -> 72.66 (seed 000 supported living)
    assert carestat.round_half_away(202 / 278 * 100, 2) == 72.66
    out = carestat.round_half_away(np.array([0.5, 1.5, 2.5, -0.5, math.nan]), 0)
    assert out[:4].tolist() == [1.0, 2.0, 3.0, -1.0] and math.isnan(out[4])
    # Nothing to drop: more decimals than a double carries keep the value.
    assert carestat.round_half_away(1.5, 40) == 1.5
    assert carestat.round_half_away(1e300, 0) == 1e300


def test_version() -> None:
    parts = carestat.__version__.split(".")
    assert len(parts) == 3 and all(p.isdigit() for p in parts)


def test_reprs() -> None:
    r = carestat.crude_rate(20, 100, 100)
    assert repr(r).startswith("Estimate(value=20.0, lower=12.21") and repr(r).endswith("method='Byars')")
    assert "method='')" in repr(carestat.crude_rate(None, 100))
    many = carestat.crude_rate([20, 1], 100, 100)
    assert repr(many).startswith("Estimates(value=array([20.,  1.])")


def test_results_are_immutable() -> None:
    r = carestat.crude_rate(20, 100)
    with pytest.raises(AttributeError):
        r.value = 3.0
    with pytest.raises(TypeError):
        carestat.Estimate()
