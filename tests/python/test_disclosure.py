"""Disclosure control on Worcestershire's safeguarding figures (seed 004)."""

from __future__ import annotations

import pytest

import carestat


def test_safeguarding_adults_rule() -> None:
    # "4455 safeguarding concerns received, an increase of 543"; "1305 completed safeguarding
    # enquiries ... compared to 1141 last year"; "1025 Section 42 enquiries commenced, a
    # decrease from 1309"
    assert carestat.suppress([4455, 543, 1305, 1141, 1025, 1309, 3, None]) == [
        "4455", "545", "1305", "1140", "1025", "1310", "[c]", "[x]",
    ]
    assert carestat.suppress(4, marker="*") == "*"
    # from unrounded figures: 543 / 3912 = 13.88% (545 / 3910 would be 13.94%)
    assert carestat.disclosure_percentage(543, 3912, decimals=2) == 13.88


def test_nhs_digital_and_own_rules() -> None:
    assert carestat.suppress([0, 1, 7, 8, 406], rule="nhs_digital") == ["0", "[c]", "[c]", "10", "405"]
    with pytest.raises(carestat.OutOfRangeError):
        carestat.disclosure_percentage(100, 3000, decimals=1, rule="nhs_digital")
    assert carestat.disclosure_percentage(100, 3000, decimals=0, rule="nhs_digital") == 3.0
    own = {"suppress_min": 1, "suppress_max": 9, "round_to": 1}
    assert carestat.suppress([9, 10], rule=own) == ["[c]", "10"]


def test_gss_symbols() -> None:
    symbols = carestat.gss_symbols()
    assert symbols["[c]"] == "confidential"
    assert list(symbols) == ["[c]", "[x]", "[z]", "[u]", "[e]", "[p]", "[r]", "[b]"]


def test_bad_counts() -> None:
    with pytest.raises(carestat.NegativeValueError) as err:
        carestat.suppress([1, 2, -3])
    assert err.value.row == 2
    with pytest.raises(carestat.InvalidInputError):
        carestat.suppress(5.5)
    with pytest.raises(carestat.UnknownValueError):
        carestat.suppress(5, rule="gdpr")
