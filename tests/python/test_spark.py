"""carestat.spark in Spark local mode: on 300,000 generated person-level rows, every result is
that of carestat.frames on the same rows in pandas, to the bit (distributed_data.assert_same).

One SparkSession for the whole test session (local[2], few shuffle partitions, no UI), as
pyspark's own tests and chispa do; it needs a Java 17+ runtime (the Makefile installs
Debian's default-jre-headless when `java` is missing).
"""

from __future__ import annotations

import os
import sys
from typing import Any, Iterator

import numpy as np
import pandas as pd
import pytest

import carestat
from carestat import frames
from carestat import spark as cs
from distributed_data import assert_same, bands, columns_of, people

pyspark_sql = pytest.importorskip("pyspark.sql")

# pyspark 4.3 warns that it does not "fully support" pandas 3, and its Arrow conversion passes
# pandas 3's deprecated copy keyword; these tests check every figure that goes through it
# against pandas itself.
pytestmark = [
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning"),
    pytest.mark.filterwarnings("ignore:The copy keyword is deprecated"),
]


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # loopback only
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    session = (
        pyspark_sql.SparkSession.builder.master("local[2]")
        .appName("carestat-tests")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.default.parallelism", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.driver.memory", "2g")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def persons() -> Any:
    return people()


@pytest.fixture(scope="module")
def persons_sdf(spark: Any, persons: Any) -> Any:
    # Spread over several partitions, in a shuffled order: no result may depend on either.
    shuffled = persons.sample(frac=1.0, random_state=7).reset_index(drop=True)
    return spark.createDataFrame(shuffled).repartition(6).cache()


def _pandas(sdf: Any) -> Any:
    return sdf.toPandas()


def test_grouped_rate_integer_counts(persons: Any, persons_sdf: Any) -> None:
    expected = frames.grouped_rate(persons, "events", "person", by="area", multiplier=1000)
    got = _pandas(cs.grouped_rate(persons_sdf, "events", "person", by="area",
                                  multiplier=1000))
    assert list(got.columns) == columns_of(expected)
    assert len(got) == 153
    assert_same(got, expected, ["area"])


def test_grouped_rate_float_population_two_levels(persons: Any, persons_sdf: Any) -> None:
    # Person-years are not integers: sums depend on the order; carestat's order is the values'.
    expected = frames.grouped_rate(persons, "events", "years", by=["region", "sex"],
                                   confidence=(0.95, 0.998))
    got = _pandas(cs.grouped_rate(persons_sdf, "events", "years", by=["region", "sex"],
                                  confidence=(0.95, 0.998)))
    assert "lower99_8cl" in got.columns and len(got) == 18
    assert_same(got, expected, ["region", "sex"])


def test_grouped_rate_whole_frame(persons: Any, persons_sdf: Any) -> None:
    expected = frames.grouped_rate(persons, "events", "person")
    got = _pandas(cs.grouped_rate(persons_sdf, "events", "person"))
    assert len(got) == 1
    assert_same(got, expected, [])
    assert got["events"][0] == persons["events"].sum()


def test_grouped_proportion(persons: Any, persons_sdf: Any) -> None:
    expected = frames.grouped_proportion(persons, "satisfied", "asked", by=["region"],
                                         multiplier=100)
    got = _pandas(cs.grouped_proportion(persons_sdf, "satisfied", "asked", by="region",
                                        multiplier=100))
    assert got["statistic"].unique().tolist() == ["percentage"]
    assert_same(got, expected, ["region"])


def test_per_row_rate_and_proportion(persons: Any, persons_sdf: Any) -> None:
    expected = frames.rate(persons, "events", "years", multiplier=1000)
    got = _pandas(cs.rate(persons_sdf, "events", "years", multiplier=1000))
    assert_same(got, expected, ["id"])
    expected = frames.proportion(persons, "satisfied", "asked", confidence=(0.95, 0.998))
    got = _pandas(cs.proportion(persons_sdf, "satisfied", "asked", confidence=(0.95, 0.998)))
    assert_same(got, expected, ["id"])


@pytest.fixture(scope="module")
def by_band(persons: Any, persons_sdf: Any) -> Any:
    """Counts and people by council and band: in pandas, and summed by Spark."""
    F = pytest.importorskip("pyspark.sql.functions")
    sdf = persons_sdf.groupBy("area", "age_band").agg(
        F.sum("events").alias("events"), F.sum("person").alias("person"))
    return bands(persons), sdf


def test_grouped_dsr(by_band: Any) -> None:
    pdf, sdf = by_band
    assert len(pdf) == 153 * 19
    expected = frames.grouped_dsr(pdf, "events", "person", by="area", age_band="age_band")
    got = _pandas(cs.grouped_dsr(sdf, "events", "person", by="area", age_band="age_band"))
    assert_same(got, expected, ["area"])
    assert (got["method"] == "Dobson").sum() + (got["method"] == "Suppressed").sum() == 153


def test_grouped_isr(by_band: Any) -> None:
    pdf, sdf = by_band
    england = pdf.groupby("age_band")[["events", "person"]].sum()
    ref_counts = {b: float(england.loc[b, "events"]) for b in frames.ESP2013_BANDS}
    ref_pops = {b: float(england.loc[b, "person"]) for b in frames.ESP2013_BANDS}
    expected = frames.grouped_isr_ratio(pdf, "events", "person", ref_counts, ref_pops,
                                        by="area", age_band="age_band")
    got = _pandas(cs.grouped_isr_ratio(sdf, "events", "person", ref_counts, ref_pops,
                                       by="area", age_band="age_band"))
    assert_same(got, expected, ["area"])
    expected = frames.grouped_isr_rate(pdf, "events", "person", ref_counts, ref_pops,
                                       by="area", age_band="age_band", multiplier=1000)
    got = _pandas(cs.grouped_isr_rate(sdf, "events", "person", ref_counts, ref_pops,
                                      by="area", age_band="age_band", multiplier=1000))
    assert_same(got, expected, ["area"])


def test_missing_counts_make_the_group_missing(spark: Any) -> None:
    pdf = pd.DataFrame({"g": ["a", "a", "b"], "x": [3, None, 20], "n": [100, 100, 1000]},
                       ).astype({"x": "Int64"})
    sdf = spark.createDataFrame(pd.DataFrame({"g": ["a", "a", "b"], "x": [3, None, 20],
                                              "n": [100, 100, 1000]}),
                                schema="g string, x long, n long")
    got = _pandas(cs.grouped_rate(sdf, "x", "n", by="g"))
    expected = frames.grouped_rate(pdf.astype({"x": "float64"}), "x", "n", by="g")
    assert np.isnan(got.loc[got["g"] == "a", "value"]).all()
    assert_same(got, expected, ["g"])


def test_errors(spark: Any, persons_sdf: Any) -> None:
    with pytest.raises(carestat.InvalidInputError, match="deaths: no such column"):
        cs.grouped_rate(persons_sdf, "deaths", "person", by="area")
    with pytest.raises(carestat.InvalidInputError, match="council: no such column"):
        cs.grouped_rate(persons_sdf, "events", "person", by="council")
    with pytest.raises(carestat.InvalidInputError, match="age_band: a Spark DataFrame"):
        cs.grouped_dsr(persons_sdf, "events", "person", by="area")
    with pytest.raises(TypeError, match="expected a Spark DataFrame"):
        cs.rate(pd.DataFrame({"x": [1]}), "x", "x")
    bad = spark.createDataFrame(pd.DataFrame({"g": ["a", "b"], "x": [-1, 5], "n": [10, 10]}))
    # A negative count is found when Spark runs the job, with carestat's message.
    with pytest.raises(Exception,
                       match="NegativeValueError: x of group 'a': must not be negative"):
        cs.grouped_rate(bad, "x", "n", by="g").collect()


def test_the_comparison_sees_one_bit() -> None:
    expected = pd.DataFrame({"k": ["a", "b"], "value": [0.1 + 0.2, 1.0]})
    got = expected.copy()
    got.loc[0, "value"] = 0.3  # 0.1 + 0.2 is 0.30000000000000004: one unit in the last place
    with pytest.raises(AssertionError, match="value: 1 values differ in their bits"):
        assert_same(got, expected, ["k"])
    with pytest.raises(AssertionError):
        assert_same(got[["value", "k"]], expected, ["k"])
    assert_same(expected.iloc[::-1], expected, ["k"])
