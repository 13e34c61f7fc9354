"""Inputs an adversarial pass found read wrongly (issue 16); each must be refused or read by the core's rules."""

from __future__ import annotations

import array
import math
from typing import Any

import numpy as np
import pytest

import carestat


@pytest.mark.parametrize(
    "bad",
    [b"\x05\x07", bytearray(b"\x05\x07"), memoryview(b"\x05\x07"), memoryview(array.array("d", [5.0, 7.0]))],
)
def test_bytes_like_objects_are_refused_like_bytes(bad: Any) -> None:
    # bytearray and memoryview were read by NumPy as uint8 numbers (5 and 7) while bytes was refused.
    with pytest.raises(carestat.InvalidInputError, match="count: expected a number, got .*bytes-like") as e:
        carestat.crude_rate(bad, [100.0, 100.0])
    assert e.value.field == "count"


def test_a_bytes_like_list_element_names_its_row() -> None:
    with pytest.raises(carestat.InvalidInputError) as e:
        carestat.crude_rate([1.0, bytearray(b"\x05")], [100.0, 100.0])
    assert (e.value.field, e.value.row) == ("count", 1)


def test_round_half_away_refuses_infinities_and_keeps_nan_missing() -> None:
    # The guarantees: an infinity is a NotFinite error naming the field; NaN is missing.
    with pytest.raises(carestat.NotFiniteError, match="x: must be finite"):
        carestat.round_half_away(math.inf, 0)
    with pytest.raises(carestat.NotFiniteError) as e:
        carestat.round_half_away(np.array([1.25, 2.5, -math.inf]), 1)
    assert (e.value.field, e.value.row) == ("x", 2)
    assert math.isnan(carestat.round_half_away(math.nan, 0))
    out = carestat.round_half_away(np.array([2.5, math.nan]), 0)
    assert out[0] == 3.0 and math.isnan(out[1])


def test_wilson_proportion_of_huge_counts_is_the_finite_share() -> None:
    # 1e308 of 1.7e308 = 10/17 = 58.82%; the interval is narrower than a double's resolution.
    e = carestat.wilson_proportion(1e308, 1.7e308, 100.0)
    assert e.value == pytest.approx(1000 / 17, rel=1e-12)
    assert e.lower == pytest.approx(1000 / 17, rel=1e-12) and e.upper == pytest.approx(1000 / 17, rel=1e-12)


def test_denominator_rules_matching_takes_decimals_from_the_stated_value() -> None:
    # Birmingham supported living: 3 + 199 = 202 of 278 = 72.66% -> 72.7 (all locations);
    # 202 of 267 rated = 75.66% -> 75.7. A stated 72.7 carries 1 decimal.
    assert carestat.denominator_rules_matching(3, 199, 64, 1, 11, 72.7) == ["all_locations"]
    assert carestat.denominator_rules_matching(3, 199, 64, 1, 11, 75.7) == ["rated_only"]
    assert carestat.denominator_rules_matching(3, 199, 64, 1, 11, 73) == ["all_locations"]
    # Given decimals still win: 72.7 at 0 decimals is not 73.
    assert carestat.denominator_rules_matching(3, 199, 64, 1, 11, 72.7, 0) == []


def test_a_misspelt_suppression_rule_key_is_an_error() -> None:
    # {"rond_to": 5} left round_to at 1: counts published unrounded.
    with pytest.raises(carestat.UnknownValueError, match="rule: unknown suppression rule key .*`rond_to`"):
        carestat.suppress([12, 3], rule={"suppress_min": 1, "suppress_max": 5, "rond_to": 5})
    assert carestat.suppress(12, rule={"suppress_min": 1, "suppress_max": 5, "round_to": 5}) == "10"
