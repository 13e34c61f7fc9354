"""Benchmarking with Worcestershire's Local Account 2023/24 (seed 004)."""

from __future__ import annotations

import pytest

import carestat

# 4455 concerns in 2023/24, "an increase of 543": 3912 in 2022/23; "803 per 100,000" implies
# 3912 / 803 * 100,000 = 487,173 adults.
ADULTS = 487_173


def test_concerns_lower_than_england() -> None:
    # "a lower rate of concerns per 100,000 population in 2022/23 (803) compared to the
    # national rate in England in 2022/23 (1313)"
    r = carestat.crude_rate(3912, ADULTS)
    assert carestat.round_half_away(r.value, 0) == 803.0
    assert carestat.compare_with_benchmark(r.lower, r.upper, 1313) == "Lower"
    r998 = carestat.crude_rate(3912, ADULTS, confidence=0.998)
    assert carestat.compare_two_level((r.lower, r.upper), (r998.lower, r998.upper), 1313) == ("Lower", "99.8%")


def test_dols_completed_against_peers() -> None:
    # "peers 625 and WCC 618": no interval published
    assert carestat.compare_with_benchmark(None, None, 625) == "Not compared"
    diff, pct = carestat.difference_from(618, 625)
    assert diff == -7.0 and pct == pytest.approx(-1.12)
    assert carestat.difference_from_average(618, [600, None, 650]) == (625.0, -7.0, pytest.approx(-1.12))
    # 618 per 100,000 of the stated 485,737 adults is about 3002 applications; its 95%
    # interval (596.1 to 640.5) contains 625
    r = carestat.crude_rate(3002, 485_737)
    assert carestat.compare_with_benchmark(r.lower, r.upper, 625) == "Similar"


def test_polarity_and_touching_limits() -> None:
    assert carestat.compare_with_benchmark(10, 12, 9, polarity="high_is_good") == "Better"
    assert carestat.compare_with_benchmark(10, 12, 9, polarity="low_is_good") == "Worse"
    assert carestat.compare_with_benchmark(10, 12, 10, polarity=1) == "Similar"
    with pytest.raises(carestat.InvalidInputError):
        carestat.compare_with_benchmark(12, 10, 9)


def test_quintiles_as_percentile_inc() -> None:
    # PERCENTILE.INC({1..10}, k/5) = 1 + 9k/5: 2.8, 4.6, 6.4, 8.2
    q = carestat.quintiles(list(range(1, 11)))
    assert q == pytest.approx((1.0, 2.8, 4.6, 6.4, 8.2, 10.0), rel=1e-12)
    assert carestat.percentile_inc([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.2) == pytest.approx(2.8)
    # {10, 20, 30, 40, 100}: bounds 18, 26, 34, 52
    assert carestat.assign_quintiles([10, 20, 30, 40, 100, None]) == [1, 2, 3, 4, 5, None]
    with pytest.raises(carestat.TooFewError, match="needs at least 5 values"):
        carestat.quintiles([1, 2, 3, 4])
    with pytest.raises(carestat.InvalidInputError):
        carestat.quintiles(5)


def test_ranks_share_the_best_place() -> None:
    group = [5, 7, 7, 9]
    assert [carestat.rank(group, i)[0] for i in range(4)] == [4, 2, 2, 1]  # type: ignore[index]
    assert carestat.rank(group, 1, order="lowest_first") == (2, 4, 1)
    assert carestat.rank([1, None], 1) is None
    with pytest.raises(carestat.OutOfRangeError):
        carestat.rank(group, 4)
