"""Provider rating shares on Birmingham's Local Account 2022/23 (seed 000)."""

from __future__ import annotations

import math

import pytest

import carestat


def test_supported_living_share_is_unrounded_72_66() -> None:
    # Seed 000: "3 providers rated Gold. 199 ... Silver. 64 ... Bronze. 1 ... inadequate,
    # 11 providers are not yet rated. This means that 73% ... are Outstanding or Good":
    # 202 / 278 = 72.6618...%
    share = carestat.rating_share(3, 199, 64, 1, 11)
    assert share == pytest.approx(202 / 278 * 100, rel=1e-15)
    assert carestat.round_half_away(share, 2) == 72.66
    assert carestat.round_half_away(share, 0) == 73.0
    # rated only: 202 / 267 = 75.66%
    rated = carestat.rating_share(3, 199, 64, 1, 11, include_unrated=False)
    assert carestat.round_half_away(rated, 1) == 75.7
    # not_rated defaults to 0
    assert carestat.rating_share(0, 70, 12, 1) == pytest.approx(70 / 83 * 100, rel=1e-15)


def test_care_homes_76_follows_from_no_rule() -> None:
    # "13 homes ... gold. 432 ... silver. 123 ... bronze. 7 ... inadequate. 1 home is not yet
    # rated. These means that 76% of Birmingham Care Homes are Outstanding or Good":
    # 445 / 576 = 77.26%, 445 / 575 = 77.39%
    assert carestat.denominator_rules_matching(13, 432, 123, 7, 1, 76) == []
    assert carestat.denominator_rules_matching(13, 432, 123, 7, 1, 77) == ["all_locations", "rated_only"]
    assert carestat.denominator_rules_matching(3, 199, 64, 1, 11, 73) == ["all_locations"]
    s = carestat.rating_shares(13, 432, 123, 7, 1)
    assert s.denominator == 576 and s.rule == "all_locations"
    assert carestat.round_half_away(s.outstanding_or_good, 1) == 77.3
    assert s.not_rated == pytest.approx(1 / 576 * 100)
    assert carestat.rating_shares(13, 432, 123, 7, 1, include_unrated=False).not_rated is None


def test_share_estimate_is_the_wilson_interval() -> None:
    e = carestat.rating_share_estimate(3, 199, 64, 1, 11)
    w = carestat.wilson_proportion(202, 278, 100)
    assert (e.value, e.lower, e.upper, e.method) == (w.value, w.lower, w.upper, "Wilson")


def test_birmingham_scheme_and_a_council_s_own() -> None:
    counts = carestat.local_rating_counts(
        {"gold": 13, "silver": 432, "bronze": 123, "inadequate": 7, "not yet rated": 1}
    )
    assert counts == {"outstanding": 13, "good": 432, "requires_improvement": 123, "inadequate": 7, "not_rated": 1}
    own = {"Excellent": "outstanding", "Fine": "Good", "Awaiting visit": "not_rated"}
    assert carestat.local_rating_counts([("Excellent", 2), ("fine", 10), ("Awaiting visit", 3)], scheme=own) == {
        "outstanding": 2,
        "good": 10,
        "requires_improvement": 0,
        "inadequate": 0,
        "not_rated": 3,
    }
    with pytest.raises(carestat.UnknownValueError, match="Platinum") as err:
        carestat.local_rating_counts({"Gold": 1, "Platinum": 2})
    assert err.value.row == 1


def test_bad_counts_are_errors() -> None:
    with pytest.raises(carestat.NegativeValueError) as err:
        carestat.rating_share(3, -1, 64, 1, 11)
    assert err.value.field == "good"
    with pytest.raises(carestat.InvalidInputError):
        carestat.rating_share(3, 1.5, 64, 1, 11)
    with pytest.raises(carestat.NotFiniteError):
        carestat.rating_share(3, math.nan, 64, 1, 11)
    with pytest.raises(carestat.NotPositiveError):
        carestat.rating_share(0, 0, 0, 0, 5, include_unrated=False)
