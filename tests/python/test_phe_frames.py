"""carestat.frames (grouped computation for pandas) against PHEindicatormethods v2.1.0's
grouped fixtures: testdata_Rate_g and testdata_Prop_g (counts and denominators summed by Area
from testdata_Rate / testdata_Prop, 95%), the DSR and ISR results by area (95% and 99.8% in one
call, the reference's column names) and the means by area and overall. Within 1e-9 relative.

pandas is a test requirement (tests/python/requirements.txt): these tests do not skip.
"""

from __future__ import annotations

import math
from typing import Any, List

import numpy as np
import pandas as pd  # type: ignore[import-untyped]
import pytest

import carestat
from carestat import frames
from helpers import PHE, Row, assert_close, num, read_phe

BOTH = (0.95, 0.998)
LIMITS = ["lower95_0cl", "upper95_0cl", "lower99_8cl", "upper99_8cl"]


def phe_frame(name: str) -> Any:
    return pd.read_csv(PHE / name)


def check(got: Any, row: Row, columns: List[str], what: str) -> None:
    for column in columns:
        assert_close(float(got[column]), num(row, column), f"{what} {column}")


@pytest.mark.parametrize(
    ("kind", "data", "grouped", "multiplier"),
    [
        ("rate", "testdata_Rate__testdata_Rate.csv", "testdata_Rate__testdata_Rate_g.csv", 1e5),
        ("proportion", "testdata_Proportion__testdata_Prop.csv",
         "testdata_Proportion__testdata_Prop_g.csv", 1.0),
    ],
)
def test_grouped_rate_and_proportion_sum_first(
    kind: str, data: str, grouped: str, multiplier: float
) -> None:
    df = phe_frame(data)
    f = frames.grouped_rate if kind == "rate" else frames.grouped_proportion
    got = f(df, "Numerator", "Denominator", by="Area", multiplier=multiplier)
    assert list(got.columns) == ["Numerator", "Denominator", "value", "lower", "upper", "confidence", "statistic", "method"]
    assert got.index.name == "Area"
    expected = read_phe(grouped)
    assert sorted(got.index) == sorted(r["Area"] for r in expected)
    for row in expected:
        assert row["confidence"] == "95%"
        g = got.loc[row["Area"]]
        what = f"{kind} {row['Area']}"
        # The sums (missing when any summed cell is missing, as R's sum).
        assert_close(float(g["Numerator"]), num(row, "Numerator"), f"{what} numerator")
        assert_close(float(g["Denominator"]), num(row, "Denominator"), f"{what} denominator")
        assert_close(float(g["value"]), num(row, "value"), f"{what} value")
        assert_close(float(g["lower"]), num(row, "lowercl"), f"{what} lower")
        assert_close(float(g["upper"]), num(row, "uppercl"), f"{what} upper")
        # A missing result has method "" (as carestat's arrays; the fixture keeps Byars for
        # Area10, whose denominator is missing).
        assert g["method"] == ("" if math.isnan(g["value"]) else row["method"]), what
        # The reference's statistic and confidence columns.
        assert (g["statistic"], g["confidence"]) == (row["statistic"], row["confidence"]), what


def test_grouped_rate_two_levels_and_two_keys() -> None:
    df = phe_frame("testdata_Rate__testdata_Rate.csv")
    df["half"] = np.arange(len(df)) < 10
    got = frames.grouped_rate(df, "Numerator", "Denominator", by=["half", "Area"],
                              confidence=BOTH)
    assert list(got.columns) == ["Numerator", "Denominator", "value", *LIMITS, "confidence", "statistic", "method"]
    assert got.index.names == ["half", "Area"]
    # testdata_Rate rows 13-16 (per 100,000) are alone in their group in the second half:
    # e.g. Area5 (row 13) has 9856 / 12345, both levels.
    rate = read_phe("testdata_Rate__testdata_Rate.csv")
    for i in (12, 13, 14, 15):
        row = rate[i]
        check(got.loc[(False, row["Area"])], row, ["value", *LIMITS], f"row {i}")


def test_grouped_dsr_by_area_both_levels() -> None:
    df = phe_frame("testdata_DSR_ISR__testdata_multiarea.csv")
    expected = read_phe("testdata_DSR_ISR__testresults_DSR.csv")
    for first, multiplier in [(0, 1e4), (4, 1e5)]:
        got = frames.grouped_dsr(df, "count", "pop", by="area", multiplier=multiplier,
                                 confidence=BOTH)
        assert list(got.columns) == ["total_count", "total_pop", "value", *LIMITS, "confidence", "statistic", "method"]
        for row in expected[first:first + 3]:
            g = got.loc[row["area"]]
            check(g, row, ["total_count", "total_pop", "value", *LIMITS], row["area"])
            assert g["method"] == ("Suppressed" if math.isnan(g["value"]) else "Dobson")
            assert g["statistic"] == row["statistic"] and g["confidence"] == "95%, 99.8%"


def test_grouped_dsr_with_a_standard_population_column() -> None:
    # testresults_DSR rows 4 and 8: ESP1976 from the frame's own column, 95% only (their 99.8%
    # columns are a fixture error, see the oracle README).
    df = phe_frame("testdata_DSR_ISR__testdata_1976.csv")
    expected = read_phe("testdata_DSR_ISR__testresults_DSR.csv")
    for index, multiplier in [(3, 1e4), (7, 1e5)]:
        got = frames.grouped_dsr(df, "count", "pop", standard_population="esp1976",
                                 multiplier=multiplier)
        assert len(got) == 1
        row = expected[index]
        assert_close(float(got["value"].iloc[0]), num(row, "value"), f"row {index}")
        assert_close(float(got["lower"].iloc[0]), num(row, "lower95_0cl"), f"row {index}")
        assert_close(float(got["upper"].iloc[0]), num(row, "upper95_0cl"), f"row {index}")
        # The same standard given as an array for every group.
        same = frames.grouped_dsr(df, "count", "pop", standard_population=df["esp1976"],
                                  multiplier=multiplier)
        assert same["value"].iloc[0] == got["value"].iloc[0]


@pytest.mark.parametrize(("first", "scale", "is_rate"),
                         [(0, 1e5, True), (3, 1e3, True), (6, 1.0, False), (9, 100.0, False)])
def test_grouped_isr_by_area(first: int, scale: float, is_rate: bool) -> None:
    df = phe_frame("testdata_DSR_ISR__testdata_multiarea_isr.csv")
    ref = phe_frame("testdata_DSR_ISR__refdata.csv")
    expected = read_phe("testdata_DSR_ISR__testresults_ISR.csv")
    # The reference figures as the frame's own columns, and as arrays for every group.
    for rc, rp in (("refcount", "refpop"), (ref["refcount"], ref["refpop"].to_numpy())):
        if is_rate:
            got = frames.grouped_isr_rate(df, "count", "pop", rc, rp, by="area",
                                          multiplier=scale, confidence=BOTH)
        else:
            got = frames.grouped_isr_ratio(df, "count", "pop", rc, rp, by="area",
                                           refvalue=scale, confidence=BOTH)
        for row in expected[first:first + 3]:
            g = got.loc[row["area"]]
            check(g, row, ["value", *LIMITS], f"ISR {row['area']}")
            assert_close(float(g["total_count"]), num(row, "observed"), "observed")
            assert g["method"] == row["method"] and g["statistic"] == row["statistic"]


def test_grouped_mean_by_area_and_overall() -> None:
    df = phe_frame("testdata_Mean__testdata_Mean.csv")
    expected = {r["area"]: r for r in read_phe("testdata_Mean__testdata_Mean_results.csv")}
    by_area = frames.grouped_mean(df, "values", by="area", confidence=BOTH)
    overall = frames.grouped_mean(df, "values", confidence=BOTH)
    assert len(overall) == 1
    for name, g in [*by_area.iterrows(), ("No grouping", overall.iloc[0])]:
        row = expected[name]
        check(g, row, ["value", *LIMITS], name)
        assert g["value_count"] == num(row, "value_count")
        assert g["method"] == row["method"] and g["statistic"] == row["statistic"]


def test_errors_name_the_column_and_the_group() -> None:
    df = pd.DataFrame({"area": ["A", "A", "B"], "n": [3.0, 4.0, -1.0], "pop": [10.0, 10.0, 5.0]})
    with pytest.raises(carestat.NegativeValueError) as info:
        frames.grouped_rate(df, "n", "pop", by="area")
    assert str(info.value) == "n of group 'B': must not be negative (got -1)"
    assert (info.value.field, info.value.row) == ("n", None)
    with pytest.raises(carestat.NumeratorAboveDenominatorError, match="n of group 'B'"):
        frames.grouped_proportion(df.assign(n=[3.0, 4.0, 6.0]), "n", "pop", by="area")
    with pytest.raises(carestat.NotFiniteError) as row:
        frames.grouped_mean(df.assign(n=[1.0, math.inf, 2.0]), "n", by="area")
    assert str(row.value) == "n at DataFrame row 1 (group 'A'): must be finite (got inf)"
    assert (row.value.field, row.value.row) == ("n", 1)
    with pytest.raises(carestat.LengthMismatchError):
        frames.grouped_dsr(df, "n", "pop", by="area")  # 2 bands, not ESP2013's 19
    with pytest.raises(carestat.InvalidInputError) as text:
        frames.grouped_rate(df.assign(n=["a", "b", "c"]), "n", "pop")
    assert text.value.field == "n"
    with pytest.raises(carestat.ConfidenceError):
        frames.grouped_rate(df.assign(n=[1.0, 2.0, 3.0]), "n", "pop", confidence=0.5)
