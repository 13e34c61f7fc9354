"""carestat.frames reads DataFrame columns by the core's input rules (issue 16): a column that
`crude_rate` refuses is refused by the grouped functions too, with the column and the
DataFrame row, never converted to numbers by pandas first (datetimes as nanoseconds, bools as
0/1, digit strings parsed, complex numbers losing their imaginary part, integers above 2**53
rounded). A missing column is an error naming it, not a KeyError or AttributeError.
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np
import pandas as pd  # type: ignore[import-untyped]
import pytest

import carestat
from carestat import frames

POPS = [1000, 1000, 2000]


def frame(count: Any) -> Any:
    return pd.DataFrame({"area": ["A", "A", "B"], "deaths": count, "pop": POPS})


BAD_COLUMNS = {
    "datetime": pd.to_datetime(["2020-05-01", "2021-01-01", "2022-02-02"]),
    "bool": [True, False, True],
    "digit strings": ["3", "4", "20"],
    "complex": np.array([3 + 1j, 4, 20]),
    "object": np.array([3, "x", 20], dtype=object),
}


@pytest.mark.parametrize("kind", sorted(BAD_COLUMNS))
def test_columns_the_core_refuses_are_refused(kind: str) -> None:
    df = frame(BAD_COLUMNS[kind])
    # The core refuses the same column...
    with pytest.raises(carestat.InvalidInputError):
        carestat.crude_rate(df["deaths"], df["pop"])
    # ...and so do the grouped functions, naming the column.
    for call in (
        lambda: frames.grouped_rate(df, "deaths", "pop", by="area"),
        lambda: frames.grouped_proportion(df, "deaths", "pop", by="area"),
    ):
        with pytest.raises(carestat.InvalidInputError) as e:
            call()
        assert e.value.field == "deaths"
        assert str(e.value).startswith("deaths"), str(e.value)


def test_integer_above_2_53_named_with_its_row() -> None:
    big = 2**53 + 1
    df = frame(np.array([3, 4, big], dtype=np.int64))
    with pytest.raises(carestat.InvalidInputError) as core:
        carestat.crude_rate(df["deaths"], df["pop"])
    assert core.value.row == 2
    with pytest.raises(carestat.InvalidInputError) as e:
        frames.grouped_rate(df, "deaths", "pop", by="area")
    assert (e.value.field, e.value.row) == ("deaths", 2)
    assert str(e.value).startswith("deaths at row 2: "), str(e.value)
    assert str(big) in str(e.value)


def test_a_bad_dsr_column_names_its_row() -> None:
    df = pd.DataFrame({"g": ["a"] * 3, "x": [1, 2, 3], "n": ["10", "20", "30"],
                       "std": [1.0, 1.0, 1.0]})
    with pytest.raises(carestat.InvalidInputError) as e:
        frames.grouped_dsr(df, "x", "n", by="g", standard_population="std")
    assert e.value.field == "n"


def test_numbers_the_core_accepts_still_work() -> None:
    # int, float with NaN, and pandas' nullable integers with a missing value. Group A sums
    # 3 + 4 = 7 per 2000 = 350 per 100,000 (by hand); B is missing.
    for count in ([3, 4, 20], [3.0, 4.0, np.nan], pd.array([3, 4, None], dtype="Int64")):
        got = frames.grouped_rate(frame(count), "deaths", "pop", by="area")
        assert got.loc["A", "value"] == pytest.approx(350.0, rel=1e-12)
    got = frames.grouped_rate(frame([3.0, 4.0, np.nan]), "deaths", "pop", by="area")
    assert np.isnan(got.loc["B", "value"])


@pytest.mark.parametrize(
    "call",
    [
        lambda df: frames.grouped_rate(df, "death", "pop", by="area"),
        lambda df: frames.grouped_rate(df, "deaths", "pop", by="region"),
        lambda df: frames.grouped_proportion(df, "deaths", "pop", by=["area", "region"]),
        lambda df: frames.grouped_dsr(df, "deaths", "pop", by="area", standard_population="esp"),
        lambda df: frames.grouped_isr_ratio(df, "deaths", "pop", "ref_x", "pop", by="area"),
        lambda df: frames.grouped_mean(df, "score", by="area"),
    ],
)
def test_missing_column_is_named(call: Callable[[Any], Any]) -> None:
    with pytest.raises(carestat.InvalidInputError) as e:
        call(frame([3, 4, 20]))
    assert e.value.field in {"death", "region", "esp", "ref_x", "score"}
    assert f"{e.value.field}: no such column" in str(e.value)
    assert not isinstance(e.value, KeyError)


def test_not_a_column_name_or_not_a_frame() -> None:
    df = frame([3, 4, 20])
    with pytest.raises(carestat.InvalidInputError, match="expected a column name"):
        frames.grouped_rate(df, df["deaths"], "pop")
    with pytest.raises(TypeError, match="expected a pandas DataFrame"):
        frames.grouped_rate({"deaths": [1]}, "deaths", "pop")
