"""carestat.frames (issue 14): per-row mode, the reference's statistic / confidence columns,
DSR and ISR matched by an age-band column, results that never depend on row order (a
property test over random shuffles), polars DataFrames and LazyFrames, and the error
without pandas.

Expected values: per-row results equal the scalar call on that row; the DSR and ISR figures
are PHEindicatormethods' (tests/data/phe, as test_phe_frames); shuffled frames must give
the unshuffled result to the bit.
"""

from __future__ import annotations

import sys
from typing import Any, Callable, Dict, List

import numpy as np
import pandas as pd  # type: ignore[import-untyped]
import pytest

import carestat
from carestat import frames
from helpers import PHE, assert_close, num, read_phe

pl = pytest.importorskip("polars")

BOTH = (0.95, 0.998)


def test_rate_per_row_equals_the_scalar_calls() -> None:
    df = pd.DataFrame({"area": ["A", "B", "C"], "deaths": [7, 20, None],
                       "pop": [1000, 2000, 500]}, index=[10, 11, 12])
    got = frames.rate(df, "deaths", "pop", multiplier=1000, confidence=BOTH)
    assert list(got.columns) == ["area", "deaths", "pop", "value", "lower95_0cl", "upper95_0cl",
                                 "lower99_8cl", "upper99_8cl", "confidence", "statistic",
                                 "method"]
    assert list(got.index) == [10, 11, 12]
    for i, (x, n) in enumerate([(7, 1000), (20, 2000)]):
        for level, lo, up in [(0.95, "lower95_0cl", "upper95_0cl"),
                              (0.998, "lower99_8cl", "upper99_8cl")]:
            one = carestat.crude_rate(x, n, 1000, level)
            assert (got[lo].iloc[i], got[up].iloc[i]) == (one.lower, one.upper)
        assert got["value"].iloc[i] == carestat.crude_rate(x, n, 1000).value
    # By hand: 7 per 1,000 exact (below 10 events), 20 per 2,000 Byar's; a missing count
    # gives a missing rate.
    assert list(got["method"]) == ["Exact", "Byars", ""]
    assert np.isnan(got["value"].iloc[2])
    assert set(got["statistic"]) == {"rate per 1000"}
    assert set(got["confidence"]) == {"95%, 99.8%"}


def test_proportion_per_row_and_its_statistic() -> None:
    df = pd.DataFrame({"n": [202, 70], "d": [278, 83]})
    got = frames.proportion(df, "n", "d", multiplier=100)
    assert list(got["value"]) == [carestat.wilson_proportion(202, 278, 100).value,
                                  carestat.wilson_proportion(70, 83, 100).value]
    assert list(got["statistic"]) == ["percentage", "percentage"]
    assert list(frames.proportion(df, "n", "d")["statistic"]) == ["proportion of 1"] * 2
    assert list(got["confidence"]) == ["95%", "95%"]


def test_per_row_errors_name_the_column_and_the_row() -> None:
    df = pd.DataFrame({"deaths": [3, -1], "pop": [10, 10]})
    with pytest.raises(carestat.NegativeValueError, match=r"^deaths at DataFrame row 1") as e:
        frames.rate(df, "deaths", "pop")
    assert (e.value.field, e.value.row) == ("deaths", 1)


def dsr_frame() -> Any:
    """The reference's DSR input, whose twelfth band of each area is labelled "55-69" where
    "55-59" is meant (the reference takes the rows in order and never reads the label)."""
    df = pd.read_csv(PHE / "testdata_DSR_ISR__testdata_multiarea.csv")
    df["ageband"] = df["ageband"].replace("55-69", "55-59")
    return df


def test_the_band_column_catches_the_fixture_s_mislabelled_band() -> None:
    raw = pd.read_csv(PHE / "testdata_DSR_ISR__testdata_multiarea.csv")
    with pytest.raises(carestat.InvalidInputError, match=r"ageband at DataFrame row 11 .*'55-69'"):
        frames.grouped_dsr(raw, "count", "pop", by="area", age_band="ageband")


def test_dsr_by_age_band_in_any_order_matches_the_reference() -> None:
    df = dsr_frame()
    expected = read_phe("testdata_DSR_ISR__testresults_DSR.csv")
    shuffled = df.sample(frac=1.0, random_state=7)
    got = frames.grouped_dsr(shuffled, "count", "pop", by="area", multiplier=1e4,
                             confidence=BOTH, age_band="ageband")
    for row in expected[0:3]:
        g = got.loc[row["area"]]
        for column in ["value", "lower95_0cl", "upper99_8cl"]:
            assert_close(float(g[column]), num(row, column), f"{row['area']} {column}")
    # Without the band column, shuffled rows would be matched to the wrong ESP bands.
    unbanded = frames.grouped_dsr(shuffled, "count", "pop", by="area", multiplier=1e4)
    assert unbanded["value"].iloc[0] != got["value"].iloc[0]


def test_dsr_standard_population_as_a_mapping_by_band() -> None:
    df = pd.read_csv(PHE / "testdata_DSR_ISR__testdata_1976.csv")
    expected = read_phe("testdata_DSR_ISR__testresults_DSR.csv")[3]
    standard = dict(zip(df["Age Band"], df["esp1976"]))
    reversed_df = df.iloc[::-1].drop(columns="esp1976")
    got = frames.grouped_dsr(reversed_df, "count", "pop", standard_population=standard,
                             multiplier=1e4, age_band="Age Band")
    assert_close(float(got["value"].iloc[0]), num(expected, "value"), "ESP1976 by band")
    with pytest.raises(carestat.InvalidInputError, match="age_band"):
        frames.grouped_dsr(df, "count", "pop", standard_population=standard)


def test_band_errors_name_the_row_and_group() -> None:
    df = dsr_frame()
    bad = df.copy()
    bad.loc[3, "ageband"] = "15 to 19"
    with pytest.raises(carestat.InvalidInputError,
                       match=r"ageband at DataFrame row 3 \(group 'testdata_big'\): unknown band"
                       ) as e:
        frames.grouped_dsr(bad, "count", "pop", by="area", age_band="ageband")
    assert e.value.row == 3
    twice = df.copy()
    twice.loc[3, "ageband"] = twice.loc[2, "ageband"]
    with pytest.raises(carestat.InvalidInputError, match="again"):
        frames.grouped_dsr(twice, "count", "pop", by="area", age_band="ageband")
    short = df.drop(index=[4])
    with pytest.raises(carestat.InvalidInputError, match="no row for band"):
        frames.grouped_dsr(short, "count", "pop", by="area", age_band="ageband")


def test_isr_with_reference_figures_by_band() -> None:
    df = pd.read_csv(PHE / "testdata_DSR_ISR__testdata_multiarea_isr.csv")
    ref = pd.read_csv(PHE / "testdata_DSR_ISR__refdata.csv")
    expected = read_phe("testdata_DSR_ISR__testresults_ISR.csv")
    counts = dict(zip(ref["Age Band"], ref["refcount"]))
    pops = dict(zip(ref["Age Band"], ref["refpop"]))
    shuffled = df.sample(frac=1.0, random_state=3).drop(columns=["refcount", "refpop"])
    got = frames.grouped_isr_rate(shuffled, "count", "pop", counts, pops, by="area",
                                  confidence=BOTH, age_band="ageband")
    for row in expected[0:3]:
        assert_close(float(got.loc[row["area"], "value"]), num(row, "value"), row["area"])
        assert got.loc[row["area"], "statistic"] == row["statistic"]


Call = Callable[[Any], Any]


def calls() -> Dict[str, Call]:
    return {
        "rate": lambda d: frames.grouped_rate(d, "count", "pop", by="area", confidence=BOTH),
        "proportion": lambda d: frames.grouped_proportion(d, "small", "pop", by=["area", "sex"]),
        "mean": lambda d: frames.grouped_mean(d, "score", by="area"),
        "dsr_bands": lambda d: frames.grouped_dsr(d, "count", "pop", by=["area", "sex"],
                                                  age_band="ageband"),
        "dsr_column": lambda d: frames.grouped_dsr(d, "count", "pop", by="area",
                                                   standard_population="std"),
        "isr_columns": lambda d: frames.grouped_isr_ratio(d, "count", "pop", "rc", "rp",
                                                          by="area"),
    }


def generated(seed: int) -> Any:
    """Three areas by two sexes by the 19 ESP bands, with non-integer populations and scores
    whose sums depend on the order of addition."""
    rng = np.random.default_rng(seed)
    rows: List[Dict[str, Any]] = []
    for area in ["A", "B", "C"]:
        for sex in ["F", "M"]:
            for band in frames.ESP2013_BANDS:
                pop = float(rng.uniform(100, 5000)) + 0.1
                rows.append({"area": area, "sex": sex, "ageband": band,
                             "count": int(rng.integers(0, 60)), "pop": pop,
                             "small": int(rng.integers(0, 50)),
                             "score": float(rng.normal(50, 10)) / 3,
                             "std": float(rng.uniform(1000, 9000)) / 7,
                             "rc": int(rng.integers(10, 900)),
                             "rp": float(rng.uniform(5000, 90000)) / 3})
    return pd.DataFrame(rows)


@pytest.mark.parametrize("name", list(calls()))
def test_shuffling_never_changes_a_grouped_result(name: str) -> None:
    call = calls()[name]
    for seed in range(3):
        df = generated(seed)
        want = call(df)
        rng = np.random.default_rng(100 + seed)
        for _ in range(5):
            shuffled = df.iloc[rng.permutation(len(df))]
            pd.testing.assert_frame_equal(call(shuffled), want, check_exact=True)
            pd.testing.assert_frame_equal(call(shuffled.reset_index(drop=True)), want,
                                          check_exact=True)


def test_polars_frames_and_lazy_frames_give_polars() -> None:
    df = generated(1)
    p = pl.from_pandas(df)
    want = frames.grouped_rate(df, "count", "pop", by="area")
    got = frames.grouped_rate(p, "count", "pop", by="area")
    assert isinstance(got, pl.DataFrame)
    assert got.columns == ["area", "count", "pop", "value", "lower", "upper", "confidence",
                           "statistic", "method"]
    assert got["value"].to_list() == want["value"].tolist()
    lazy = frames.grouped_dsr(p.lazy(), "count", "pop", by=["area", "sex"], age_band="ageband")
    assert isinstance(lazy, pl.LazyFrame)
    pandas_dsr = frames.grouped_dsr(df, "count", "pop", by=["area", "sex"], age_band="ageband")
    assert lazy.collect()["value"].to_list() == pandas_dsr["value"].tolist()
    whole = frames.grouped_mean(p, "score")
    assert whole.columns[0] == "value_count" and whole.height == 1
    per_row = frames.rate(p, "count", "pop")
    assert per_row.columns[:3] == ["area", "sex", "ageband"] and per_row.height == len(df)


def test_without_pandas_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"carestat\[pandas\]"):
        frames.grouped_rate(pl.DataFrame({"c": [1], "p": [10]}), "c", "p")
