"""The domain functions over many areas (issue 14): lists, arrays, pandas and polars Series
give, row by row, exactly what the scalar call gives; errors name the argument and the row.

Expected values: every row is checked against the core's scalar function called on that
row alone (`carestat._carestat`), and a few rows by hand (stated at each).
"""

from __future__ import annotations

import math
from typing import Any, Callable, List

import numpy as np
import pandas as pd  # type: ignore[import-untyped]
import pytest

import carestat
from carestat import _carestat, ascof

pl = pytest.importorskip("polars")

IDX = pd.Index(["Leeds", "York", "Hull", "Bury"], name="area")
LOWER = [700.0, 1290.0, 1400.0, math.nan]
UPPER = [900.0, 1490.0, 1600.0, 1000.0]


def forms(values: List[Any]) -> List[Any]:
    """One column of values as a list, a NumPy array, a pandas and a polars Series."""
    return [list(values), np.array(values, dtype=object if any(
        isinstance(v, str) for v in values) else float),
        pd.Series(values, index=IDX[: len(values)]), pl.Series(values)]


def as_list(x: Any) -> List[Any]:
    return list(x.to_list() if hasattr(x, "to_list") else x)


def test_compare_with_benchmark_row_by_row() -> None:
    # By hand: 700-900 is below 1313 (better, low is good); 1290-1490 contains it; 1400-1600
    # is above it (worse); a missing limit is not compared.
    expected = ["Better", "Similar", "Worse", "Not compared"]
    for lower, upper in zip(forms(LOWER), forms(UPPER)):
        got = carestat.compare_with_benchmark(lower, upper, 1313.0, "low_is_good")
        assert as_list(got) == expected
        assert as_list(got) == [
            _carestat.compare_with_benchmark(a, b, 1313.0, "low_is_good")
            for a, b in zip(LOWER, UPPER)]
    got = carestat.compare_with_benchmark(pd.Series(LOWER, index=IDX), UPPER, 1313.0)
    assert list(got.index) == list(IDX)
    assert got["Leeds"] == "Lower" and got["Hull"] == "Higher"
    assert isinstance(carestat.compare_with_benchmark(
        pl.Series(LOWER), UPPER, 1313.0), pl.Series)
    # One benchmark and polarity per area.
    per_area = carestat.compare_with_benchmark(
        LOWER, UPPER, [1313.0, 1000.0, 1500.0, 1.0], ["low_is_good", "high_is_good", None, None])
    assert list(per_area) == ["Better", "Better", "Similar", "Not compared"]
    assert carestat.compare_with_benchmark(700.0, 900.0, 1313.0, "low_is_good") == "Better"


def test_errors_name_the_argument_and_the_row() -> None:
    with pytest.raises(carestat.CarestatError, match=r"^polarity at row 1: ") as e:
        carestat.compare_with_benchmark(LOWER, UPPER, 1313.0, ["low_is_good", "lowisgood", None, None])
    assert (e.value.field, e.value.row) == ("polarity", 1)
    with pytest.raises(carestat.LengthMismatchError, match="upper") as m:
        carestat.compare_with_benchmark(LOWER, UPPER[:3], 1313.0)
    assert m.value.field == "upper"
    with pytest.raises(carestat.LengthMismatchError, match="ci998 upper"):
        carestat.compare_two_level((LOWER, UPPER), (LOWER, UPPER[:2]), 1313.0)
    with pytest.raises(carestat.NegativeValueError, match=r"good at row 2") as n:
        carestat.rating_share([1, 2, 3], [4, 5, -6], 0, 0)
    assert n.value.row == 2


def test_compare_two_level_row_by_row() -> None:
    # 99.8% limits wider than the 95% ones; each row against the scalar call.
    l998 = [650.0, 1200.0, 1350.0, math.nan]
    u998 = [950.0, 1600.0, 1700.0, 1100.0]
    for l95, u95, a, b in zip(forms(LOWER), forms(UPPER), forms(l998), forms(u998)):
        comparisons, levels = carestat.compare_two_level((l95, u95), (a, b), 1313.0, "low_is_good")
        want = [_carestat.compare_two_level((w, x), (y, z), 1313.0, "low_is_good")
                for w, x, y, z in zip(LOWER, UPPER, l998, u998)]
        assert as_list(comparisons) == [c for c, _ in want]
        assert as_list(levels) == [lv for _, lv in want]
    # By hand: 650-950 excludes 1313, so Leeds is better at 99.8%.
    assert want[0] == ("Better", "99.8%")
    est95 = carestat.crude_rate(pd.Series([40, 60], index=IDX[:2]), 10_000, 100_000)
    est998 = carestat.crude_rate(pd.Series([40, 60], index=IDX[:2]), 10_000, 100_000, 99.8)
    comparisons, levels = carestat.compare_two_level(est95, est998, 500.0, "high_is_good")
    assert list(comparisons.index) == ["Leeds", "York"]
    for i in range(2):
        assert (comparisons.iloc[i], levels.iloc[i]) == _carestat.compare_two_level(
            (est95[i].lower, est95[i].upper), (est998[i].lower, est998[i].upper), 500.0,
            "high_is_good")
    assert carestat.compare_two_level((700, 900), (650, 950), 1313, "low_is_good") == (
        "Better", "99.8%")


def test_judge_change_with_one_or_many_polarities() -> None:
    prev, cur = [417.6, 50.0, 10.0, math.nan], [587.2, 50.0, 5.0, 3.0]
    for a, b in zip(forms(prev), forms(cur)):
        got = as_list(carestat.judge_change(a, b, "low_is_good"))
        assert got == [_carestat.judge_change(x, y, "low_is_good") for x, y in zip(prev, cur)]
    # By hand: 417.6 -> 587.2 with low is good worsened; 10 -> 5 with high is good worsened.
    got = carestat.judge_change(pd.Series(prev, index=IDX), cur,
                                ["low_is_good", "low_is_good", "high_is_good", "low_is_good"])
    assert got["Leeds"] == "worsened" and got["Hull"] == "worsened"
    assert list(got) == [_carestat.judge_change(x, y, p) for x, y, p in zip(
        prev, cur, ["low_is_good", "low_is_good", "high_is_good", "low_is_good"])]


def test_rating_share_and_shares_row_by_row() -> None:
    counts = [[3, 199, 64, 1, 11], [0, 70, 12, 1, 0], [13, 432, 123, 7, 1]]
    cols = [list(c) for c in zip(*counts)]
    for form in (list, np.array, lambda c: pd.Series(c, index=IDX[:3]), pl.Series):
        args = [form(c) for c in cols]
        got = as_list(carestat.rating_share(*args))
        assert got == [_carestat.rating_share(*c) for c in counts]
    # By hand (seed): 3 + 199 of 278 locations = 72.66...%
    assert carestat.rating_share(*cols)[0] == pytest.approx(202 / 278 * 100, rel=1e-15)
    frame = carestat.rating_shares(*[pd.Series(c, index=IDX[:3]) for c in cols],
                                   include_unrated=False)
    for i, c in enumerate(counts):
        one = _carestat.rating_shares(*c, include_unrated=False)
        assert frame.iloc[i]["outstanding_or_good"] == one.outstanding_or_good
        assert frame.iloc[i]["rule"] == one.rule and frame.index[i] == IDX[i]
    listed = carestat.rating_shares(*cols)
    assert [s.good for s in listed] == [_carestat.rating_shares(*c).good for c in counts]
    polars = carestat.rating_shares(*[pl.Series(c) for c in cols])
    assert isinstance(polars, pl.DataFrame) and polars.height == 3


def test_rank_every_value_and_some() -> None:
    values = [10.0, 30.0, 30.0, math.nan]
    # By hand: 30 and 30 share rank 1 of 3 non-missing values, each tied with 1 other; 10 is
    # third, tied with none; NaN unranked.
    assert carestat.rank(values) == [(3, 3, 0), (1, 3, 1), (1, 3, 1), None]
    assert carestat.rank(values, [1, 0]) == [(1, 3, 1), (3, 3, 0)]
    assert carestat.rank(values, 0, "lowest_first") == (1, 3, 0)
    frame = carestat.rank(pd.Series(values, index=IDX))
    assert list(frame.columns) == ["rank", "of", "tied"]
    assert frame.loc["Leeds", "rank"] == 3 and math.isnan(frame.loc["Bury", "rank"])
    polars = carestat.rank(pl.Series(values))
    assert polars["rank"].to_list() == [3, 1, 1, None]


def test_ascof_outcome_and_compare_over_areas() -> None:
    nums, dens = [417, 587, 12], [100_000, 100_000, 3_000]
    for n, d in zip(forms(nums), forms(dens)):
        got = ascof.outcome("2A2", n, d)
        want = [ascof.measure("2A2").outcome(a, b) for a, b in zip(nums, dens)]
        if isinstance(got, list):
            assert [o.published for o in got] == [o.published for o in want]
        else:
            assert as_list(got["published"]) == [o.published for o in want]
            assert as_list(got["value"]) == [o.value for o in want]
    # By hand: 12 per 3,000 is 400 per 100,000.
    assert want[2].value == pytest.approx(400.0, rel=1e-15)
    frame = ascof.compare("2A2", pd.Series([417.6, 500.0], index=IDX[:2]), [587.2, 400.0])
    assert list(frame["judgement"]) == ["worsened", "improved"]
    assert frame.loc["York", "difference"] == ascof.compare("2A2", 500.0, 400.0).difference
    # An id per row, and an error naming the id's row.
    per_row = ascof.compare(["2A2", "1C(1a)"], [417.6, 80.0], [587.2, 90.0], framework="2022-23")
    assert [c.judgement for c in per_row] == ["worsened", "improved"]
    with pytest.raises(carestat.CarestatError, match="at row 1") as e:
        ascof.outcome(["2A2", "9Z"], [1, 2], [10, 10])
    assert e.value.row == 1
    assert ascof.compare("2A2", 417.6, 587.2).judgement == "worsened"


def scores_frame() -> pd.DataFrame:
    return pd.DataFrame(
        [[3] * 9, [2, 2, 2, 2, 2, 1, 1, 1, 1], [4, 4, 4, 4, None, 3, 3, 3, 3]],
        index=["Birmingham", "Leeds", "York"],
        columns=[str(i) for i in range(1, 10)],
    )


def test_cqc_over_many_councils() -> None:
    f = scores_frame()
    got = carestat.cqc_la_rating(f)
    # By hand: 27/36 = 75% Good; 14/36 = 38.9% Inadequate (lower band); 28/32 = 87.5% Good.
    assert list(got["rating"]) == ["Good", "Inadequate", "Good"]
    assert got.loc["York", "percentage"] == 87.5 and got.loc["York", "assessed"] == 8
    rows: List[List[Any]] = [[3] * 9, [2, 2, 2, 2, 2, 1, 1, 1, 1], [4, 4, 4, 4, None, 3, 3, 3, 3]]
    for many in (rows, carestat.cqc_la_rating(rows)):
        listed = many if many is not rows else carestat.cqc_la_rating(rows)
        assert [r.percentage for r in listed] == [
            _carestat.cqc_la_rating(s).percentage for s in rows]
    polars = carestat.cqc_la_rating(pl.from_pandas(f))
    assert polars["rating"].to_list() == ["Good", "Inadequate", "Good"]
    nearest = carestat.cqc_la_rating(f, band_rule="nearest")
    assert nearest.loc["Leeds", "rating"] == "Requires improvement"
    partial = carestat.cqc_possible_ratings([[3, 3, None], [1, 1]])
    assert [[p.rating for p in r] for r in partial] == [
        [p.rating for p in _carestat.cqc_possible_ratings(s)] for s in ([3, 3, None], [1, 1])]
    bad = f.rename(columns={"9": "Leadership"})
    with pytest.raises(carestat.UnknownValueError, match="at row 0"):
        carestat.cqc_la_rating(bad)


def test_scalars_are_unchanged() -> None:
    calls: List[Callable[[], Any]] = [
        lambda: carestat.rating_share(3, 199, 64, 1, 11),
        lambda: carestat.judge_change(1.0, 2.0, "high_is_good"),
        lambda: carestat.cqc_la_rating([3] * 9).rating,
    ]
    assert [c() for c in calls] == [
        _carestat.rating_share(3, 199, 64, 1, 11), "improved", "Good"]
