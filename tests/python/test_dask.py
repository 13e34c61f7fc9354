"""carestat.dask: on 300,000 generated person-level rows in 6 partitions, every result is that
of carestat.frames on the same rows in pandas, to the bit (distributed_data.assert_same)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest

import carestat
from carestat import dask as cd
from carestat import frames
from distributed_data import assert_same, bands, columns_of, people

dd = pytest.importorskip("dask.dataframe")


@pytest.fixture(scope="module")
def persons() -> Any:
    return people()


@pytest.fixture(scope="module")
def persons_ddf(persons: Any) -> Any:
    shuffled = persons.sample(frac=1.0, random_state=11).reset_index(drop=True)
    return dd.from_pandas(shuffled, npartitions=6)


def test_grouped_rate_integer_counts(persons: Any, persons_ddf: Any) -> None:
    expected = frames.grouped_rate(persons, "events", "person", by="area", multiplier=1000)
    result = cd.grouped_rate(persons_ddf, "events", "person", by="area", multiplier=1000)
    got = result.compute()
    assert list(got.columns) == columns_of(expected) == list(result.columns)
    assert len(got) == 153
    assert_same(got, expected, ["area"])


def test_grouped_rate_float_population_two_levels(persons: Any, persons_ddf: Any) -> None:
    expected = frames.grouped_rate(persons, "events", "years", by=["region", "sex"],
                                   confidence=(0.95, 0.998))
    got = cd.grouped_rate(persons_ddf, "events", "years", by=["region", "sex"],
                          confidence=(0.95, 0.998)).compute()
    assert len(got) == 18
    assert_same(got, expected, ["region", "sex"])


def test_grouped_whole_frame(persons: Any, persons_ddf: Any) -> None:
    for population in ("person", "years"):
        expected = frames.grouped_rate(persons, "events", population)
        got = cd.grouped_rate(persons_ddf, "events", population).compute()
        assert len(got) == 1
        assert_same(got, expected, [])


def test_grouped_proportion(persons: Any, persons_ddf: Any) -> None:
    expected = frames.grouped_proportion(persons, "satisfied", "asked", by="region",
                                         multiplier=100)
    got = cd.grouped_proportion(persons_ddf, "satisfied", "asked", by="region",
                                multiplier=100).compute()
    assert_same(got, expected, ["region"])


def test_per_row(persons: Any, persons_ddf: Any) -> None:
    expected = frames.rate(persons, "events", "years", multiplier=1000)
    result = cd.rate(persons_ddf, "events", "years", multiplier=1000)
    assert list(result.columns) == list(expected.columns)
    assert_same(result.compute(), expected, ["id"])
    expected = frames.proportion(persons, "satisfied", "asked", confidence=(0.95, 0.998))
    got = cd.proportion(persons_ddf, "satisfied", "asked", confidence=(0.95, 0.998)).compute()
    assert_same(got, expected, ["id"])


@pytest.fixture(scope="module")
def by_band(persons: Any, persons_ddf: Any) -> Any:
    sums = persons_ddf.groupby(["area", "age_band"])[["events", "person"]].sum().reset_index()
    return bands(persons), sums.repartition(npartitions=4)


def test_grouped_dsr_and_isr(by_band: Any) -> None:
    pdf, ddf = by_band
    expected = frames.grouped_dsr(pdf, "events", "person", by="area", age_band="age_band")
    got = cd.grouped_dsr(ddf, "events", "person", by="area", age_band="age_band").compute()
    assert_same(got, expected, ["area"])
    england = pdf.groupby("age_band")[["events", "person"]].sum()
    ref_counts = {b: float(england.loc[b, "events"]) for b in frames.ESP2013_BANDS}
    ref_pops = {b: float(england.loc[b, "person"]) for b in frames.ESP2013_BANDS}
    expected = frames.grouped_isr_ratio(pdf, "events", "person", ref_counts, ref_pops,
                                        by="area", age_band="age_band")
    got = cd.grouped_isr_ratio(ddf, "events", "person", ref_counts, ref_pops, by="area",
                               age_band="age_band").compute()
    assert_same(got, expected, ["area"])
    expected = frames.grouped_isr_rate(pdf, "events", "person", ref_counts, ref_pops,
                                       by="area", age_band="age_band")
    got = cd.grouped_isr_rate(ddf, "events", "person", ref_counts, ref_pops, by="area",
                              age_band="age_band").compute()
    assert_same(got, expected, ["area"])


def test_missing_counts_make_the_group_missing() -> None:
    pdf = pd.DataFrame({"g": ["a", "a", "b"], "x": pd.array([3, None, 20], dtype="Int64"),
                        "n": [100, 100, 1000]})
    got = cd.grouped_rate(dd.from_pandas(pdf, npartitions=2), "x", "n", by="g").compute()
    expected = frames.grouped_rate(pdf, "x", "n", by="g")
    assert np.isnan(got.loc[got["g"] == "a", "value"]).all()
    assert_same(got, expected, ["g"])


def test_errors(persons_ddf: Any) -> None:
    with pytest.raises(carestat.InvalidInputError, match="deaths: no such column"):
        cd.grouped_rate(persons_ddf, "deaths", "person", by="area")
    with pytest.raises(carestat.InvalidInputError, match="age_band: a Dask DataFrame"):
        cd.grouped_dsr(persons_ddf, "events", "person", by="area")
    with pytest.raises(TypeError, match="expected a Dask DataFrame"):
        cd.rate(pd.DataFrame({"x": [1]}), "x", "x")
    bad = dd.from_pandas(pd.DataFrame({"g": ["a", "b"], "x": [-1, 5], "n": [10, 10]}),
                         npartitions=1)
    with pytest.raises(carestat.NegativeValueError, match="x of group 'a': must not be"):
        cd.grouped_rate(bad, "x", "n", by="g").compute()
