"""One quantile numbering (issue 14): `assign_quintiles` and `assign_quantiles` both put the
lowest values in 1 unless told otherwise; `invert=True` puts the highest in 1; a polarity
numbers from the worst (1) to the best.

Expected values by hand: five distinct values fall one to each fifth under both methods
(Fingertips' PERCENTILE.INC bounds of {10, 20, 30, 40, 100} are 18, 26, 34, 52; ranked, each
value is its own fifth).
"""

from __future__ import annotations

import pytest

import carestat

VALUES = [10.0, 20.0, 30.0, 40.0, 100.0]
UP = [1, 2, 3, 4, 5]
DOWN = [5, 4, 3, 2, 1]


def quantiles(**kwargs: object) -> list:  # type: ignore[type-arg]
    return [int(q) for q in carestat.assign_quantiles(VALUES, 5, **kwargs)]  # type: ignore[arg-type]


def test_both_number_the_lowest_values_1_by_default() -> None:
    assert carestat.assign_quintiles(VALUES) == UP
    assert quantiles() == UP


def test_invert_and_polarity_mean_the_same_in_both() -> None:
    assert carestat.assign_quintiles(VALUES, invert=True) == DOWN == quantiles(invert=True)
    assert carestat.assign_quintiles(VALUES, invert=False) == UP == quantiles(invert=False)
    # Low is good: the highest values are the worst, so they are quintile 1.
    assert carestat.assign_quintiles(VALUES, polarity="low_is_good") == DOWN
    assert quantiles(polarity="low_is_good") == DOWN
    assert carestat.assign_quintiles(VALUES, polarity="high_is_good") == UP
    assert quantiles(polarity="high_is_good") == UP
    assert carestat.assign_quintiles(VALUES + [None], invert=True) == DOWN + [None]


def test_bad_numbering_options_are_errors() -> None:
    with pytest.raises(carestat.InvalidInputError, match="not both"):
        carestat.assign_quintiles(VALUES, invert=True, polarity="low_is_good")
    with pytest.raises(carestat.InvalidInputError, match="polarity"):
        carestat.assign_quintiles(VALUES, polarity="no_judgement")
    with pytest.raises(carestat.InvalidInputError, match="invert"):
        carestat.assign_quintiles(VALUES, invert=1)  # type: ignore[arg-type]


def test_the_docstrings_state_the_one_numbering() -> None:
    for f in (carestat.assign_quintiles, carestat.assign_quantiles):
        doc = " ".join((f.__doc__ or "").split())
        assert "1 holds the lowest values unless told otherwise" in doc
        assert "`invert=True` puts the highest values in" in doc


def test_series_keep_their_index_and_missing_values() -> None:
    # A notebook's table of councils: the quintiles line up with the councils, and the
    # council with no value has no quintile (not 0, not NaN in a float column).
    import pandas as pd
    s = pd.Series([10.0, None, 20.0, 30.0, 40.0, 100.0],
                  index=["Barnet", "Bury", "Dudley", "Halton", "Kent", "Leeds"])
    got = carestat.assign_quintiles(s)
    assert list(got.index) == list(s.index)
    assert str(got.dtype) == "Int64"
    assert got.isna().tolist() == [False, True, False, False, False, False]
    assert got.dropna().tolist() == UP
    # Sorting the input moves the numbers with their councils.
    shuffled = carestat.assign_quintiles(s.sort_values(ascending=False))
    assert shuffled.reindex(s.index).equals(got)
    q = carestat.assign_quantiles(s, 5)
    assert list(q.index) == list(s.index) and q.dropna().tolist() == UP
    # A list still gives a list, an array of floats still an array of floats.
    assert carestat.assign_quintiles(VALUES) == UP


def test_polars_series_give_polars_integers() -> None:
    import polars as pl
    got = carestat.assign_quintiles(pl.Series([10.0, 20.0, None, 30.0, 40.0, 100.0]))
    assert isinstance(got, pl.Series) and got.dtype == pl.Int64
    assert got.to_list() == [1, 2, None, 3, 4, 5]
