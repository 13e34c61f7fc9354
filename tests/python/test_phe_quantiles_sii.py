"""assign_quantiles and sii against PHEindicatormethods v2.1.0's fixtures.

* testdata_Quantiles: every "Good" row of the three grouping sets (deciles within regions,
  septiles within indicators, quartiles of everything), too few areas, and the BadPolarity
  error rows (as crates/carestat/tests/phe_mean_quantiles.rs).
* testdata_SII: the 22 cases of the reference's tests, as crates/carestat/tests/phe_sii.rs: the
  SII, RII and intercept within 1e-9 relative; the simulated limits within 2% of the fixture's
  interval width (SIM_TOL, the tolerance the Rust tests state; seeded, so it cannot flicker);
  and the error rows, naming field and row.
"""

from __future__ import annotations

import math
from typing import Dict, List, Literal, Sequence, Tuple

import numpy as np
import pytest

import carestat
from helpers import Row, assert_close, num, read_phe

QUANTILES = read_phe("testdata_Quantiles__testdata_Quantiles.csv")
NQUANTILES = {"Quartile": 4, "Septile": 7, "Decile": 10}


def invert(row: Row) -> bool:
    """The fixture's polarity column as the reference's `invert` flag."""
    return {"RAG - Low is good": True, "True": True,
            "RAG - High is good": False, "False": False}[row["Polarity"]]


def polarity(row: Row) -> Literal["low_is_good", "high_is_good"]:
    return "low_is_good" if invert(row) else "high_is_good"


def good_rows(group_set: str) -> List[Row]:
    rows = [r for r in QUANTILES if r["Test"].startswith("Good") and r["GroupSet"] == group_set]
    assert rows
    return rows


def check_quantiles(got: "np.typing.NDArray[np.float64]", rows: List[Row], what: str) -> int:
    """Compares every row; returns how many are expected without a quantile."""
    assert got.dtype == np.float64
    missing = 0
    for i, row in enumerate(rows):
        expected = num(row, "QuantileInGrp")
        if math.isnan(expected):
            missing += 1
            assert math.isnan(got[i]), f"{what} row {i}: expected none, got {got[i]}"
        else:
            assert got[i] == expected, f"{what} row {i} ({row['AreaCode']})"
    return missing


def test_deciles_within_regions_with_polarity() -> None:
    rows = good_rows("IndSexReg")
    values = [num(r, "Value") for r in rows]
    groups = [(r["IndSexRef"], r["ParentCode"]) for r in rows]
    # Two regions have only 9 areas: no deciles, and a warning naming them (as the reference).
    with pytest.warns(UserWarning, match=r"2 group\(s\) with fewer areas than quantiles \(10\)"):
        by_invert = carestat.assign_quantiles(values, 10, groups, [invert(r) for r in rows])
    assert check_quantiles(by_invert, rows, "IndSexReg") == 22  # and four rows have no value
    with pytest.warns(UserWarning):
        by_polarity = carestat.assign_quantiles(
            np.array(values), 10, groups, polarity=[polarity(r) for r in rows]
        )
    assert np.array_equal(by_invert, by_polarity, equal_nan=True)


def test_septiles_within_indicators_with_polarity() -> None:
    rows = good_rows("IndSex")
    got = carestat.assign_quantiles(
        [num(r, "Value") for r in rows], 7, [r["IndSexRef"] for r in rows],
        np.array([invert(r) for r in rows]),
    )
    check_quantiles(got, rows, "IndSex")


def test_quartiles_of_everything_inverted_as_the_reference_default() -> None:
    # phe_quantile's invert defaults to TRUE; carestat's numbering (1 = lowest) needs it said.
    rows = good_rows("None")
    got = carestat.assign_quantiles([num(r, "Value") for r in rows], nquantiles=4, invert=True)
    check_quantiles(got, rows, "None")


def test_too_few_areas_can_be_an_error() -> None:
    rows = good_rows("IndSexReg")
    with pytest.raises(carestat.TooFewError) as info:
        carestat.assign_quantiles(
            [num(r, "Value") for r in rows], 10,
            [f"{r['IndSexRef']}/{r['ParentCode']}" for r in rows],
            [invert(r) for r in rows], too_few="error",
        )
    message = str(info.value)
    assert message.startswith("values of group '") and message.endswith(
        "needs at least 10 values (got 9)"), message
    with pytest.raises(carestat.TooFewError) as ungrouped:
        carestat.assign_quantiles([1.0, 2.0, math.nan], 3, too_few="error")
    assert str(ungrouped.value) == "values: needs at least 3 values (got 2)"


def test_bad_polarity_rows_are_an_error() -> None:
    rows = [r for r in QUANTILES if r["Test"] == "BadPolarity"]
    assert len(rows) == 35
    values = [num(r, "Value") for r in rows]
    groups = [r["IndSexRef"] for r in rows]
    for kwargs in ({"invert": [invert(r) for r in rows]},
                   {"polarity": [polarity(r) for r in rows]}):
        with pytest.raises(carestat.InvalidInputError) as info:
            carestat.assign_quantiles(values, 7, groups, **kwargs)
        message = str(info.value)
        assert message.startswith("invert at row ") and (
            "must take the same value for every row of a group" in message), message


def test_quantile_argument_errors() -> None:
    with pytest.raises(carestat.InvalidInputError, match="not both"):
        carestat.assign_quantiles([1, 2], 2, invert=True, polarity="low_is_good")
    with pytest.raises(carestat.InvalidInputError, match="no_judgement"):
        carestat.assign_quantiles([1, 2], 2, polarity="no_judgement")
    with pytest.raises(carestat.LengthMismatchError):
        carestat.assign_quantiles([1, 2, 3], 2, groups=["a", "b"])
    with pytest.raises(carestat.InvalidInputError):
        carestat.assign_quantiles([1, 2], 2, invert=1)  # type: ignore[arg-type]
    with pytest.raises(carestat.OutOfRangeError):
        carestat.assign_quantiles([1, 2], 0)
    with pytest.raises(carestat.NotFiniteError, match="values at row 1"):
        carestat.assign_quantiles([1, math.inf], 1)
    with pytest.raises(carestat.UnknownValueError):
        carestat.assign_quantiles([1, 2], 2, too_few="drop")  # type: ignore[arg-type]


# --- SII --------------------------------------------------------------------------------------

SII_ROWS = read_phe("testdata_SII__testdata_SII.csv")
REL = 1e-9
SIM_TOL = 0.02  # of the interval width, as crates/carestat/tests/phe_sii.rs
REPETITIONS = 20_000

# (fixture description, transform, multiplier, confidence levels, use standard errors)
CASES: List[Tuple[str, bool, float, Sequence[float], bool]] = [
    ("default (e.g. life expectancy) - default parameters", False, 1.0, [0.95], True),
    ("default - testing 99% confidence", False, 1.0, [0.99], False),
    ("default - testing 10,000 repetitions", False, 1.0, [0.95], True),
    ("default - testing quintiles", False, 1.0, [0.95], True),
    ("rate (e.g. infant mortality) - default parameters", False, 1.0, [0.95], False),
    ("proportion (e.g. child obesity) - default parameters", False, 1.0, [0.95], False),
    ("proportion - testing multiplier (x 100)", False, 100.0, [0.95], False),
    ("proportion - testing multiplier (x -100)", False, -100.0, [0.95], False),
    ("default (e.g. life expectancy) - multiple CIs", False, 1.0, [0.95, 0.99], True),
    ("default (e.g. life expectancy) - intercept", False, 1.0, [0.95], False),
    ("rate (e.g. infant mortality) - intercept", False, 1.0, [0.95], False),
    ("proportion (e.g. child obesity) - intercept", False, 1.0, [0.95], False),
    ("rate (e.g. infant mortality) - log transform with intercept", True, 1.0, [0.95], False),
    ("proportion (e.g. child obesity) - logit transform with intercept", True, 1.0, [0.95],
     False),
    ("proportion (e.g. child obesity) - logit transform with negative multiplier", True, -1.0,
     [0.95], False),
    ("rate (e.g. infant mortality) - log transform with multiple Cis (95 and 98)", True, 1.0,
     [0.95, 0.98], False),
    ("rate (e.g. infant mortality) - log transform with negative multiplier", True, -1.0,
     [0.95], False),
    ("rate (e.g. infant mortality) - log transform with 98% CI", True, 1.0, [0.98], False),
    ("rate (e.g. infant mortality) - log transform without rii", True, 1.0, [0.95], False),
    ("proportion (e.g. child obesity) - logit transform without rii", True, 1.0, [0.95], False),
    ("proportion (e.g. child obesity) - logit transform with 98% cis", True, 1.0, [0.98], False),
    ("proportion (e.g. child obesity) - logit transform with 95% and 98% cis", True, 1.0,
     [0.95, 0.98], False),
]


def areas(description: str) -> List[List[Row]]:
    """Rows of one test description, split by area in order of appearance."""
    out: Dict[str, List[Row]] = {}
    for row in SII_ROWS:
        if row["TestDescription"] == description:
            out.setdefault(row["Area"], []).append(row)
    assert out, description
    return list(out.values())


def col(rows: List[Row], name: str) -> List[float]:
    return [num(r, name) for r in rows]


def check_limit(actual: float, row: Row, column: str, width: float, what: str) -> None:
    expected = num(row, column)
    if math.isnan(expected):
        return  # not in the fixture (e.g. "without rii")
    assert abs(actual - expected) <= SIM_TOL * width, (
        f"{what} {column}: got {actual}, expected {expected} (width {width})")


@pytest.mark.parametrize(("description", "transform", "multiplier", "levels", "use_se"), CASES)
def test_sii_matches_fixture(
    description: str, transform: bool, multiplier: float, levels: Sequence[float], use_se: bool
) -> None:
    for rows in areas(description):
        first = rows[0]
        what = f"{description} / {first['Area']}"
        uncertainty = (
            {"standard_errors": col(rows, "StandardError")} if use_se
            else {"lower": col(rows, "LowerCL"), "upper": col(rows, "UpperCL")})
        s = carestat.sii(
            col(rows, "Population"), col(rows, "Value"),
            value_type=int(num(first, "ValueType")), multiplier=multiplier,
            transform=transform, confidence=levels, repetitions=REPETITIONS, seed=2024,
            **uncertainty,
        )
        assert_close(s.sii, num(first, "sii"), f"{what} sii", REL)
        if not math.isnan(num(first, "rii")):
            assert_close(s.rii, num(first, "rii"), f"{what} rii", REL)
        if not math.isnan(num(first, "Intercept")):
            assert_close(s.intercept, num(first, "Intercept"), f"{what} intercept", REL)
        assert [i.confidence for i in s.intervals] == list(levels)
        for n, ci in enumerate(s.intervals, start=1):
            sii_width = num(first, f"sii_uppercl_{n}") - num(first, f"sii_lowercl_{n}")
            rii_width = num(first, f"rii_uppercl_{n}") - num(first, f"rii_lowercl_{n}")
            check_limit(ci.sii_lower, first, f"sii_lowercl_{n}", sii_width, what)
            check_limit(ci.sii_upper, first, f"sii_uppercl_{n}", sii_width, what)
            check_limit(ci.rii_lower, first, f"rii_lowercl_{n}", rii_width, what)
            check_limit(ci.rii_upper, first, f"rii_uppercl_{n}", rii_width, what)


def test_sii_is_reproducible_for_a_seed_and_accepts_names() -> None:
    rows = areas("rate (e.g. infant mortality) - default parameters")[0]
    args = (col(rows, "Population"), col(rows, "Value"))
    lower, upper = col(rows, "LowerCL"), col(rows, "UpperCL")
    a = carestat.sii(*args, lower=lower, upper=upper, value_type="rate", repetitions=1000, seed=7)
    b = carestat.sii(*args, lower=lower, upper=upper, value_type=1, repetitions=1000, seed=7)
    assert (a.sii, a.rii, a.intervals[0].sii_lower) == (b.sii, b.rii, b.intervals[0].sii_lower)
    assert repr(a).startswith("Sii(sii=")


def test_sii_accepts_many_quantiles() -> None:
    # "warning handling - large number of quantiles (>10)": 15 quantiles, no expected values
    # in the fixture; the reference only warns, so carestat computes it.
    rows = areas("warning handling - large number of quantiles (>10)")[0]
    assert len(rows) == 15
    s = carestat.sii(col(rows, "Population"), col(rows, "Value"),
                     col(rows, "StandardError"), repetitions=1000)
    assert s.intervals[0].sii_lower <= s.sii <= s.intervals[0].sii_upper


def one(description: str) -> List[Row]:
    return areas(description)[0]


def test_sii_error_rows_name_field_and_row() -> None:
    rows = one("error handling - negative populations")
    with pytest.raises(carestat.NotPositiveError) as info:
        carestat.sii(col(rows, "Population"), col(rows, "Value"), col(rows, "StandardError"))
    assert str(info.value) == "populations at row 1: must be greater than zero (got -200)"
    assert (info.value.field, info.value.row) == ("populations", 1)

    rows = one("error handling - negative counts/standard error")
    with pytest.raises(carestat.NegativeValueError) as neg:
        carestat.sii(col(rows, "Population"), col(rows, "Value"), col(rows, "StandardError"))
    assert str(neg.value) == "standard_errors at row 2: must not be negative (got -5)"

    rows = one("error handling - invalid proportion in CLs")
    with pytest.raises(carestat.OutOfRangeError) as prop:
        carestat.sii(col(rows, "Population"), col(rows, "Value"), lower=col(rows, "LowerCL"),
                     upper=col(rows, "UpperCL"), value_type="proportion")
    assert str(prop.value) == (
        "upper at row 3: 11 is out of range; expected a proportion between 0 and 1")

    rows = one("error handling - missing value field")
    with pytest.raises(carestat.CarestatError) as missing:
        carestat.sii(col(rows, "Population"), col(rows, "Value"), col(rows, "StandardError"))
    assert str(missing.value) == "values at row 0: must not be missing"

    rows = one("error handling - missing confidence limits and se")
    with pytest.raises(carestat.CarestatError) as no_limits:
        carestat.sii(col(rows, "Population"), col(rows, "Value"), lower=col(rows, "LowerCL"),
                     upper=col(rows, "UpperCL"))
    assert str(no_limits.value) == "lower at row 0: must not be missing"
    with pytest.raises(carestat.CarestatError) as no_se:
        carestat.sii(col(rows, "Population"), col(rows, "Value"), col(rows, "StandardError"))
    assert str(no_se.value) == "standard_errors at row 0: must not be missing"

    rows = one("warning handling - missing populations, counts or values")
    with pytest.raises(carestat.CarestatError) as no_pop:
        carestat.sii(col(rows, "Population"), col(rows, "Value"), col(rows, "StandardError"))
    assert str(no_pop.value) == "populations at row 4: must not be missing"


def test_sii_argument_errors() -> None:
    pops, values, se = [1.0] * 5, [1.0, 2.0, 3.0, 4.0, 5.0], [0.1] * 5
    with pytest.raises(carestat.OutOfRangeError, match="between 5 and 100 quantiles"):
        carestat.sii(pops[:3], values[:3], se[:3])
    with pytest.raises(carestat.TooFewError):
        carestat.sii(pops, values, se, repetitions=999)
    with pytest.raises(carestat.InvalidInputError, match="give standard_errors"):
        carestat.sii(pops, values)
    with pytest.raises(carestat.InvalidInputError, match="not a mix"):
        carestat.sii(pops, values, se, lower=values)
    with pytest.raises(carestat.InvalidInputError, match="transform"):
        carestat.sii(pops, values, se, value_type="rate", transform=True)
    with pytest.raises(carestat.OutOfRangeError):
        carestat.sii(pops, values, se, value_type=3)
    with pytest.raises(carestat.UnknownValueError):
        carestat.sii(pops, values, se, value_type="count")  # type: ignore[arg-type]
    with pytest.raises(carestat.ConfidenceError):
        carestat.sii(pops, values, se, confidence=0.35)
    with pytest.raises(carestat.NegativeValueError):
        carestat.sii(pops, values, se, seed=-1)
    with pytest.raises(carestat.InvalidInputError):
        carestat.sii(pops, values, se, transform=1)  # type: ignore[arg-type]
