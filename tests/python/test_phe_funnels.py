"""Funnel plots against PHEindicatormethods v2.1.0's funnel fixtures (tests/data/phe/).

The same cases as crates/carestat/tests/phe_funnel.rs: proportion limits (both outputs),
proportion, ratio and rate significance (every column), ratio limits (count and ISR), rate
limits (DSR, crude with fewer than 10 events, crude with a zero-event area) and the rate chart
points. The fixtures were written by Excel: cells are matched within 1e-9 relative or half a
unit of their last printed decimal (`printed_close`).
"""

from __future__ import annotations

from typing import Dict, List, Mapping, Optional

import numpy as np
import pytest

import carestat
from helpers import Row, num, printed_close, read_excel_csv


def col(rows: List[Row], name: str) -> List[float]:
    return [num(r, name) for r in rows]


def check_lines(
    lines: Mapping[str, "np.typing.NDArray[np.float64]"],
    expected: List[Row],
    columns: Dict[str, str],
    what: str,
) -> None:
    """Every fixture column against the returned array it maps to, row by row."""
    assert len(expected) == 100, what
    for key, column in columns.items():
        assert len(lines[key]) == 100, f"{what} {key}"
        for i, row in enumerate(expected):
            assert printed_close(float(lines[key][i]), row[column]), (
                f"{what} {key} row {i}: got {lines[key][i]!r}, expected {row[column]}"
            )


PROPORTION_COLUMNS = {
    "population": "Population",
    "lower_2s_limit": "Lower2s0025limit",
    "upper_2s_limit": "Upper2s0025limit",
    "lower_3s_limit": "Lower3s0001limit",
    "upper_3s_limit": "Upper3s0001limit",
    "baseline": "Baseline",
}


def test_proportion_limits_with_axis_variation() -> None:
    # With denominators below 31,000 the range is narrow enough for a rounded axis minimum
    # (testdata_funnel_prop_outputs_with_axis_variation.csv).
    inputs = [r for r in read_excel_csv("testdata_funnel_prop_inputs.csv")
              if num(r, "denominator") < 31_000]
    lines = carestat.proportion_funnel_limits(
        col(inputs, "numerator"), col(inputs, "denominator"), 100
    )
    assert set(lines) == set(PROPORTION_COLUMNS)
    check_lines(lines, read_excel_csv("testdata_funnel_prop_outputs_with_axis_variation.csv"),
                PROPORTION_COLUMNS, "proportions, axis variation")


def test_proportion_significance_matches_every_area() -> None:
    inputs = read_excel_csv("testdata_funnel_prop_inputs.csv")
    assert len(inputs) == 303
    got = carestat.proportion_funnel_significance(
        np.array(col(inputs, "numerator")), np.array(col(inputs, "denominator"))
    )
    assert got.dtype.kind == "U"
    assert got.tolist() == [r["significance"] for r in inputs]


RATIO_COMMON = {
    "observed_events": "Observed_events",
    "lower_2s_exp_events": "lower_2s_exp_events",
    "upper_2s_exp_events": "upper_2s_exp_events",
    "lower_3s_exp_events": "lower_3s_exp_events",
    "upper_3s_exp_events": "upper_3s_exp_events",
}


@pytest.mark.parametrize("ratio_type", ["count", "isr"])
def test_ratio_limits_match_fixture(ratio_type: str) -> None:
    inputs = read_excel_csv("testdata_funnel_ratio_inputs.csv")
    expected = read_excel_csv("testdata_funnel_ratio_outputs.csv")
    lines = carestat.ratio_funnel_limits(
        col(inputs, "obs"), col(inputs, "expected"),
        ratio_type="count" if ratio_type == "count" else "isr",
    )
    limits = {
        f"{side}_{s}s_limit": f"{side}_{s}s_{ratio_type}"
        for side in ("lower", "upper") for s in (2, 3)
    }
    assert set(lines) == set(RATIO_COMMON) | set(limits)
    check_lines(lines, expected, {**RATIO_COMMON, **limits}, f"ratio ({ratio_type})")


def test_ratio_limits_default_to_isr() -> None:
    inputs = read_excel_csv("testdata_funnel_ratio_inputs.csv")
    a = carestat.ratio_funnel_limits(col(inputs, "obs"), col(inputs, "expected"))
    b = carestat.ratio_funnel_limits(col(inputs, "obs"), col(inputs, "expected"), "isr")
    assert all(np.array_equal(a[k], b[k]) for k in a)


def test_ratio_significance_matches_every_area() -> None:
    inputs = read_excel_csv("testdata_funnel_ratio_inputs.csv")
    assert len(inputs) == 300
    got = carestat.ratio_funnel_significance(col(inputs, "obs"), col(inputs, "expected"))
    assert got.tolist() == [r["significance"] for r in inputs]


RATE_COLUMNS = {
    "events": "Events",
    "lower_2s_population_1_year": "lower_2s_population_1_year",
    "lower_2s_limit": "lower_2s_limit",
    "upper_2s_population_1_year": "upper_2s_population_1_year",
    "upper_2s_limit": "upper_2s_limit",
    "lower_3s_population_1_year": "lower_3s_population_1_year",
    "lower_3s_limit": "lower_3s_limit",
    "upper_3s_population_1_year": "upper_3s_population_1_year",
    "upper_3s_limit": "upper_3s_limit",
    "baseline": "baseline",
}


def max_replaced(events: List[float], replacement: float) -> List[float]:
    """The events with the largest count replaced (as the reference's tests do)."""
    top = max(events)
    return [replacement if e == top else e for e in events]


def test_rate_limits_dsr_over_three_years() -> None:
    inputs = read_excel_csv("testdata_funnel_rate_input_funnels.csv")
    expected = read_excel_csv("testdata_funnel_rate_outputs.csv")
    assert expected[0]["statistic"] == "rate (dsr per 100,000)"
    lines = carestat.rate_funnel_limits(
        col(inputs, "ev"), col(inputs, "rate"), rate_type="dsr", multiplier=100_000,
        years_of_data=3,
    )
    assert set(lines) == set(RATE_COLUMNS)
    check_lines(lines, expected, RATE_COLUMNS, "rate (dsr)")


def test_rate_limits_crude_with_fewer_than_ten_events() -> None:
    inputs = read_excel_csv("testdata_funnel_rate_input_funnels.csv")
    expected = read_excel_csv("testdata_funnel_rate_outputs_2.csv")
    assert expected[0]["statistic"] == "rate (crude per 100,000)"
    lines = carestat.rate_funnel_limits(
        max_replaced(col(inputs, "ev"), 5.0), col(inputs, "rate"), None, "crude", 100_000, 3
    )
    check_lines(lines, expected, RATE_COLUMNS, "rate (crude, < 10)")


def test_rate_limits_crude_with_a_zero_event_area_and_denominators() -> None:
    # pop = 1e5 ev / rate; the largest area set to 0 events (and rate 0); areas above half the
    # largest population kept (testdata_funnel_rate_outputs_3.csv).
    inputs = read_excel_csv("testdata_funnel_rate_input_funnels.csv")
    ev, rate = col(inputs, "ev"), col(inputs, "rate")
    pop = [1e5 * e / r for e, r in zip(ev, rate)]
    keep = [i for i in range(len(ev)) if pop[i] > max(pop) / 2]
    top = max(ev)
    ev0 = [0.0 if ev[i] == top else ev[i] for i in keep]
    rate0 = [0.0 if ev[i] == top else rate[i] for i in keep]
    assert 0.0 in ev0
    lines = carestat.rate_funnel_limits(
        ev0, rate0, [pop[i] for i in keep], "crude", 100_000, 3
    )
    check_lines(lines, read_excel_csv("testdata_funnel_rate_outputs_3.csv"), RATE_COLUMNS,
                "rate (crude, 0 events)")


@pytest.mark.parametrize(
    ("replacement", "with_pop", "rate_type", "years", "rate_col", "pop_col"),
    [
        (5.0, False, "dsr", 3, "rate_chart", "denominator_derived"),
        (None, False, "crude", 3, "rate_chart_crude", "denominator_derived_crude"),
        (0.0, True, "crude", 5, "rate_chart_crude_with_denom",
         "denominator_derived_crude_with_denom"),
    ],
)
def test_rate_points_match_the_chart_columns(
    replacement: Optional[float], with_pop: bool, rate_type: str, years: int, rate_col: str,
    pop_col: str,
) -> None:
    inputs = read_excel_csv("testdata_funnel_rate_input_funnels.csv")
    ev = col(inputs, "ev")
    if replacement is not None:
        ev = max_replaced(ev, replacement)
    points = carestat.rate_funnel_points(
        ev, col(inputs, "rate"), col(inputs, "pop") if with_pop else None,
        "dsr" if rate_type == "dsr" else "crude", 100_000, years,
    )
    assert set(points) == {"rate_chart", "denominator_derived"}
    for i, row in enumerate(inputs):
        assert printed_close(float(points["rate_chart"][i]), row[rate_col]), f"row {i}"
        assert printed_close(float(points["denominator_derived"][i]), row[pop_col]), f"row {i}"


# (column, rate column, rate type, multiplier, keep areas with no events)
RATE_SIGNIFICANCE = [
    ("dsr_per_100000_with_0", "rate_dsr", "dsr", 1e5, True),
    ("dsr_per_100_with_0", "rate_dsr", "dsr", 100.0, True),
    ("dsr_per_100000_without_0", "rate_dsr", "dsr", 1e5, False),
    ("dsr_per_100_without_0", "rate_dsr", "dsr", 100.0, False),
    ("crude_per_100000_with_0", "rate_crude_per_100000", "crude", 1e5, True),
    ("crude_per_100_with_0", "rate_crude_per_100", "crude", 100.0, True),
    ("crude_per_100000_without_0", "rate_crude_per_100000", "crude", 1e5, False),
    ("crude_per_100_without_0", "rate_crude_per_100", "crude", 100.0, False),
]


@pytest.mark.parametrize(("column", "rate_col", "rate_type", "multiplier", "with_zero"),
                         RATE_SIGNIFICANCE)
def test_rate_significance_matches_all_eight_columns(
    column: str, rate_col: str, rate_type: str, multiplier: float, with_zero: bool
) -> None:
    rows = [r for r in read_excel_csv("testdata_funnel_rate_dsr_inputs.csv")
            if with_zero or num(r, "count") != 0]
    got = carestat.rate_funnel_significance(
        col(rows, "count"), col(rows, rate_col), col(rows, "pop"),
        "dsr" if rate_type == "dsr" else "crude", multiplier,
    )
    assert got.tolist() == [r[column] for r in rows], column


def test_funnel_errors_name_field_and_row() -> None:
    # The reference's own error tests (as crates/carestat/tests/phe_funnel.rs).
    with pytest.raises(carestat.NotPositiveError) as info:
        carestat.proportion_funnel_significance([65, 80, 30], [100, 100, 0])
    assert str(info.value) == "denominators at row 2: must be greater than zero (got 0)"
    assert (info.value.field, info.value.row) == ("denominators", 2)
    with pytest.raises(carestat.NegativeValueError, match="numerators at row 1"):
        carestat.proportion_funnel_significance([65, -80, 30], [100, 100, 200])
    with pytest.raises(carestat.NumeratorAboveDenominatorError) as above:
        carestat.proportion_funnel_significance([65, 80, 30], [100, 100, 20])
    assert str(above.value) == "numerators at row 2: numerator 30 is greater than denominator 20"
    with pytest.raises(carestat.InvalidInputError) as crude:
        carestat.rate_funnel_limits([0, 20], [0, 10], None, "crude", 1e5, 3)
    assert str(crude.value).startswith("denominators at row 0: needed for crude rates")
    # DSRs do not need it.
    assert carestat.rate_funnel_significance([0, 20], [0, 10], None, "dsr").tolist() == [
        "Not applicable for events less than 10 for dsrs", "Not significant"]
    with pytest.raises(carestat.NotPositiveError) as years:
        carestat.rate_funnel_limits([5, 20], [1, 10], None, "crude", 1e5, 0)
    assert str(years.value) == "years_of_data: must be greater than zero (got 0)"
    with pytest.raises(carestat.InvalidInputError) as missing:
        carestat.proportion_funnel_limits([1.0, None], [10, 10])
    assert str(missing.value) == "numerators at row 1: must not be missing (funnels need every area)"
    with pytest.raises(carestat.LengthMismatchError):
        carestat.ratio_funnel_significance([1, 2, 3], [1, 2])
    with pytest.raises(carestat.NotPositiveError, match="expected at row 1"):
        carestat.ratio_funnel_limits([1, 2], [1, 0])
    with pytest.raises(carestat.TooFewError):
        carestat.ratio_funnel_limits([], [])
    with pytest.raises(carestat.InvalidInputError):
        carestat.ratio_funnel_significance(5, 5)  # scalars, not areas


def test_unknown_types_are_rejected() -> None:
    with pytest.raises(carestat.UnknownValueError) as info:
        carestat.ratio_funnel_limits([1, 2], [1, 2], "ratio")  # type: ignore[arg-type]
    assert info.value.field == "ratio_type"
    assert "count, isr" in str(info.value)
    with pytest.raises(carestat.UnknownValueError):
        carestat.rate_funnel_significance([1], [1], None, "standardised")  # type: ignore[arg-type]
    with pytest.raises(carestat.InvalidInputError):
        carestat.rate_funnel_points([1], [1], None, 1)  # type: ignore[arg-type]
