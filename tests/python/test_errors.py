"""Bad input: every error is a CarestatError (a ValueError) of the right kind, naming the
field and, for arrays, the 0-based row, with the same message as the Rust core."""

from __future__ import annotations

import math
from typing import Any, Callable, Optional, Type

import numpy as np
import pytest

import carestat
from helpers import assert_close

KINDS = [
    carestat.NegativeValueError,
    carestat.NotPositiveError,
    carestat.NotFiniteError,
    carestat.NumeratorAboveDenominatorError,
    carestat.ConfidenceError,
    carestat.LengthMismatchError,
    carestat.ZeroPreviousError,
    carestat.OutOfRangeError,
    carestat.TooFewError,
    carestat.UnknownValueError,
    carestat.InvalidInputError,
]


def test_hierarchy() -> None:
    assert issubclass(carestat.CarestatError, ValueError)
    for kind in KINDS:
        assert issubclass(kind, carestat.CarestatError)
        assert kind.__module__ == "carestat"
        assert kind.__doc__
    e = carestat.CarestatError("raised by hand")
    assert e.field is None and e.row is None


def raises(
    kind: Type[carestat.CarestatError],
    message: str,
    field: Optional[str],
    row: Optional[int],
    call: Callable[[], Any],
) -> None:
    with pytest.raises(kind) as info:
        call()
    assert str(info.value) == message
    assert (info.value.field, info.value.row) == (field, row)


def test_phe_error_cases_for_scalars() -> None:
    raises(carestat.NegativeValueError, "count: must not be negative (got -1)", "count", None,
           lambda: carestat.crude_rate(-1, 100))
    raises(carestat.NotPositiveError, "population: must be greater than zero (got 0)", "population", None,
           lambda: carestat.crude_rate(1, 0))
    raises(carestat.NotPositiveError, "denominator: must be greater than zero (got -5)", "denominator", None,
           lambda: carestat.wilson_proportion(1, -5))
    raises(carestat.NumeratorAboveDenominatorError,
           "numerator: numerator 101 is greater than denominator 100", "numerator", None,
           lambda: carestat.wilson_proportion(101, 100))
    raises(carestat.NotFiniteError, "count: must be finite (got inf)", "count", None,
           lambda: carestat.crude_rate(math.inf, 100))
    raises(carestat.NotFiniteError, "population: must be finite (got -inf)", "population", None,
           lambda: carestat.crude_rate(1, -math.inf))
    raises(carestat.NotPositiveError, "multiplier: must be greater than zero (got 0)", "multiplier", None,
           lambda: carestat.crude_rate(1, 10, multiplier=0))


def test_count_above_population_is_allowed_for_rates() -> None:
    # PHE fixture Area12: 250 events in a population of 220 (events can repeat).
    r = carestat.crude_rate(250, 220)
    assert r.value > 100_000


@pytest.mark.parametrize("confidence", [0.5, 0.89, 1, 1.0, 100, 101, -0.95, math.nan, math.inf])
def test_bad_confidence(confidence: float) -> None:
    with pytest.raises(carestat.ConfidenceError, match="confidence: must be between 0.9 and 1") as e:
        carestat.crude_rate(1, 10, confidence=confidence)
    assert e.value.field == "confidence"
    with pytest.raises(carestat.ConfidenceError):
        carestat.wilson_proportion([1], [10], confidence=confidence)


@pytest.mark.parametrize("confidence", [0.9, 0.95, 0.998, 90, 95, 99.8])
def test_confidence_as_fraction_or_percentage(confidence: float) -> None:
    level = confidence / 100 if confidence > 1 else confidence
    a = carestat.crude_rate(20, 100, confidence=confidence)
    b = carestat.crude_rate(20, 100, confidence=level)
    assert (a.lower, a.upper) == (b.lower, b.upper)


def test_array_errors_name_the_row() -> None:
    counts = np.array([1.0, 2.0, -3.0, 4.0])
    raises(carestat.NegativeValueError, "count at row 2: must not be negative (got -3)", "count", 2,
           lambda: carestat.crude_rate(counts, 100.0))
    raises(carestat.NotPositiveError, "population at row 1: must be greater than zero (got 0)", "population", 1,
           lambda: carestat.crude_rate([1, 2], [10, 0]))
    raises(carestat.NumeratorAboveDenominatorError,
           "numerator at row 3: numerator 11 is greater than denominator 10", "numerator", 3,
           lambda: carestat.wilson_proportion([1, 2, 3, 11], 10))
    raises(carestat.NotFiniteError, "count at row 1: must be finite (got inf)", "count", 1,
           lambda: carestat.crude_rate([1, math.inf], [10, 10]))
    raises(carestat.ZeroPreviousError, "previous at row 1: percentage change from zero is undefined",
           "previous", 1, lambda: carestat.percent_change([5, 0], [6, 7]))
    raises(carestat.NotFiniteError, "current_pct at row 0: must be finite (got inf)", "current_pct", 0,
           lambda: carestat.point_change([5], [math.inf]))


def test_first_bad_row_is_reported() -> None:
    with pytest.raises(carestat.CarestatError) as e:
        carestat.crude_rate([1, -1, -2], [10, 0, 10])
    # Row 1 has two problems; the count is checked first, as in PHEindicatormethods.
    assert (e.value.field, e.value.row) == ("count", 1)


def test_errors_are_catchable_as_value_error() -> None:
    with pytest.raises(ValueError):
        carestat.crude_rate(-1, 10)


def test_huge_and_tiny_inputs_within_range() -> None:
    # 1e15 / 1e16 and 1e300 / 1e301 are both 0.1 (per 1).
    r = carestat.crude_rate(np.array([1e15, 1e300]), np.array([1e16, 1e301]), 1.0)
    assert_close(float(r.value[0]), 0.1, "value 0")
    assert_close(float(r.value[1]), 0.1, "value 1")
    assert np.all(r.lower <= r.value) and np.all(r.value <= r.upper)
    # 1e300 events per 1e-5 people: 1e305, still a double.
    assert_close(carestat.crude_rate(1e300, 1e-5, 1.0).value, 1e305, "1e305")


# Regression cases for core limits these tests once found: a result beyond the range of a
# double, or an intermediate that overflows, must be an error (never inf/NaN), and an exact
# interval for a subnormal count must contain its estimate.
@pytest.mark.parametrize(
    "call",
    [
        lambda: carestat.crude_rate(1e308, 0.5, 1.0),
        lambda: carestat.wilson_proportion(1e308, 1.5e308, 1.0),
        lambda: carestat.crude_rate(5e-324, 1.0, 1.0),
    ],
    ids=["rate-overflow", "wilson-overflow", "subnormal-count"],
)
def test_finite_input_gives_a_finite_interval_around_the_value_or_an_error(call: Callable[[], Any]) -> None:
    try:
        e = call()
    except carestat.CarestatError:
        return
    assert math.isfinite(e.value) and math.isfinite(e.lower) and math.isfinite(e.upper)
    assert e.lower <= e.value <= e.upper
