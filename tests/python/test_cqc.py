"""CQC local authority assessment scores (seeds 001 and 003: Birmingham's assessment)."""

from __future__ import annotations

import math

import pytest

import carestat


def test_nine_threes_are_75_good() -> None:
    r = carestat.cqc_la_rating([3] * 9)
    assert (r.percentage, r.rating) == (75.0, "Good")
    assert (r.total, r.assessed, r.max_total, r.ambiguous) == (27, 9, 36, False)
    assert r.band_rule == "lower_band"


def test_mapping_by_name_number_or_key() -> None:
    # Seed 003: "Governance, management and sustainability / Indicative score: 3 - Evidence
    # shows a good standard"
    r = carestat.cqc_la_rating({"Governance, management and sustainability": 3})
    assert (r.assessed, r.percentage, r.rating) == (1, 75.0, "Good")
    r = carestat.cqc_la_rating({1: 4, "safeguarding": 2, "8": 3, "learning_improvement_and_innovation": None})
    # 4 + 2 + 3 = 9 of 12 = 75%
    assert (r.assessed, r.total, r.percentage) == (3, 9, 75.0)
    with pytest.raises(carestat.UnknownValueError):
        carestat.cqc_la_rating({"Leadership": 3})


def test_between_bands_is_flagged_and_the_rule_decides() -> None:
    # 14 / 36 = 38.9%, between Inadequate (25-38) and Requires improvement (39-62)
    scores = [2, 2, 2, 2, 2, 1, 1, 1, 1]
    r = carestat.cqc_la_rating(scores)
    assert r.ambiguous and r.rating == "Inadequate"
    assert (r.rating_lower_band, r.rating_upper_band) == ("Inadequate", "Requires improvement")
    assert carestat.cqc_la_rating(scores, band_rule="nearest").rating == "Requires improvement"
    # 8 assessed, 28 / 32 = 87.5%
    r = carestat.cqc_la_rating([4, 4, 4, 4, None, 3, 3, 3, 3])
    assert (r.assessed, r.percentage, r.rating, r.ambiguous) == (8, 87.5, "Good", True)
    assert carestat.cqc_la_rating([4, 4, 4, 4, None, 3, 3, 3, 3], band_rule="upper_band").rating == "Outstanding"


@pytest.mark.parametrize("bad", [0, 5])
def test_scores_outside_one_to_four_name_the_statement(bad: int) -> None:
    with pytest.raises(carestat.OutOfRangeError) as err:
        carestat.cqc_la_rating([3, 3, 3, 3, 3, 3, bad])
    assert str(err.value) == (
        f"statement 7 (Safeguarding): {bad} is out of range; expected a score from 1 to 4, or not assessed"
    )
    assert err.value.field == "statement 7 (Safeguarding)"


def test_other_bad_input() -> None:
    with pytest.raises(carestat.OutOfRangeError):
        carestat.cqc_la_rating([3] * 10)
    with pytest.raises(carestat.InvalidInputError):
        carestat.cqc_la_rating([3, 2.5])
    with pytest.raises(carestat.InvalidInputError):
        carestat.cqc_la_rating([])
    with pytest.raises(carestat.InvalidInputError):
        carestat.cqc_la_rating("3333")
    with pytest.raises(carestat.UnknownValueError):
        carestat.cqc_la_rating([3], band_rule="round")


def test_theme_percentages_are_derived() -> None:
    # theme 1: 4 + 3 + 2 of 12 = 75%; theme 2: 6 of 8 = 75%; theme 3: 1 of 4 = 25%; theme 4: none
    r = carestat.cqc_la_rating([4, 3, 2, 3, 3, None, 1])
    t = r.theme_percentages
    assert t["Working with people"] == 75.0
    assert t["Providing support"] == 75.0
    assert t["Ensuring safety within the system"] == 25.0
    assert math.isnan(t["Leadership"])
    statements = carestat.cqc_quality_statements()
    assert statements[6] == (7, "safeguarding", "Safeguarding", "Ensuring safety within the system")
    assert len(statements) == 9


def test_possible_ratings_with_only_governance_published() -> None:
    # Seed 003: Birmingham's "Governance, management and sustainability ... 3 - Evidence shows
    # a good standard"; the other 8 scores unpublished, each 1-4. Totals of all 9 run from
    # 3 + 8 = 11 to 3 + 32 = 35, percentage 25 t / 9. Lower-band rule by hand: 14 -> 38.9%
    # Inadequate, 15 -> 41.7% Requires improvement, 22 -> 61.1%, 23 -> 63.9% Good,
    # 31 -> 86.1% Good, 32 -> 88.9% Outstanding.
    expected = [
        ("Inadequate", 11, 14),
        ("Requires improvement", 15, 22),
        ("Good", 23, 31),
        ("Outstanding", 32, 35),
    ]
    by_sequence = carestat.cqc_possible_ratings([None] * 7 + [3])
    by_mapping = carestat.cqc_possible_ratings({"Governance, management and sustainability": 3})
    for possible in (by_sequence, by_mapping):
        assert [(p.rating, p.min_total, p.max_total) for p in possible] == expected
    good = by_sequence[2]
    assert good.min_percentage == pytest.approx(2300 / 36, rel=1e-15)
    assert good.max_percentage == pytest.approx(3100 / 36, rel=1e-15)
    assert repr(good) == "PossibleRating(rating='Good', min_total=23, max_total=31)"
    # Under the upper-band rule 14 (38.9%) moves up to Requires improvement.
    up = carestat.cqc_possible_ratings({8: 3}, band_rule="upper_band")
    assert (up[0].max_total, up[1].min_total) == (13, 14)


def test_possible_ratings_when_all_or_all_but_one_are_published() -> None:
    # All nine at 3: 27 / 36 = 75%, one rating.
    (only,) = carestat.cqc_possible_ratings([3] * 9)
    assert (only.rating, only.min_total, only.max_total) == ("Good", 27, 27)
    assert (only.min_percentage, only.max_percentage) == (75.0, 75.0)
    # Eight 4s, statement 9 unpublished: 33..36 of 36 = 91.7% to 100%, Outstanding only.
    (only,) = carestat.cqc_possible_ratings([4] * 8)
    assert (only.rating, only.min_total, only.max_total, only.max_percentage) == ("Outstanding", 33, 36, 100.0)
    # Nothing published: every total from 9 to 36.
    none = carestat.cqc_possible_ratings([])
    assert (len(none), none[0].min_total, none[-1].max_total) == (4, 9, 36)


def test_possible_ratings_errors_name_the_statement() -> None:
    with pytest.raises(carestat.CarestatError) as err:
        carestat.cqc_possible_ratings({"governance_management_and_sustainability": 5})
    assert isinstance(err.value, carestat.OutOfRangeError)
    assert str(err.value) == (
        "statement 8 (Governance, management and sustainability): 5 is out of range; "
        "expected a score from 1 to 4, or not assessed"
    )
    with pytest.raises(carestat.OutOfRangeError):
        carestat.cqc_possible_ratings([3] * 10)
    with pytest.raises(carestat.UnknownValueError):
        carestat.cqc_possible_ratings([3], band_rule="round")
    with pytest.raises(carestat.InvalidInputError):
        carestat.cqc_possible_ratings("3333")
