"""The domain functions over many areas at once: arrays, pandas and polars Series.

Each function here takes what its scalar form in the core takes, or, in any numeric argument,
an array-like (list, tuple, NumPy array, pandas or polars Series) with one value per area;
scalars are repeated for every row. Each row is computed by the core's scalar function, so a
row's result is exactly the scalar call's result.

Results: a scalar call gives what the core gives. Over rows, labels and numbers give a NumPy
array, or a Series (pandas: with the index of the first Series argument; polars) when an
argument is one; results that are objects (`RatingShares`, `CqcRating`, ranks, ASCOF outcomes)
give a list of them, or a DataFrame of their fields (pandas, indexed as the first pandas
argument; polars) when an argument is a Series or DataFrame. An error names the argument and
the 0-based row.

>>> import pandas as pd
>>> import carestat
>>> lower = pd.Series([700.0, 1290.0], index=["Worcestershire", "Birmingham"])
>>> carestat.compare_with_benchmark(lower, lower + 200, 1313.0, "low_is_good").tolist()
['Better', 'Similar']
"""

from __future__ import annotations

import importlib
from typing import (Any, Callable, Dict, List, Literal, Mapping, Optional, Sequence, Tuple, Union,
                    overload)

import numpy as np
import numpy.typing as npt

from carestat import _carestat
from carestat._carestat import CarestatError, LengthMismatchError

__all__ = [
    "assign_quantiles",
    "assign_quintiles",
    "compare_two_level",
    "compare_with_benchmark",
    "cqc_la_rating",
    "cqc_possible_ratings",
    "judge_change",
    "rank",
    "rating_share",
    "rating_shares",
    "many_outcomes",
    "many_year_comparisons",
]


def _kind(x: Any) -> Optional[str]:
    """"pandas", "polars" or "array" for a column of values; None for a scalar."""
    if x is None or isinstance(x, (str, bytes, int, float, complex, bool, np.generic)):
        return None
    module = type(x).__module__ or ""
    if module.startswith("pandas") and hasattr(x, "index"):
        return "pandas"
    if module.startswith("polars"):
        return "polars"
    if isinstance(x, np.ndarray):
        return None if x.ndim == 0 else "array"
    if isinstance(x, (list, tuple)) or hasattr(x, "__array__") or hasattr(x, "__arrow_c_array__"):
        return "array"
    return None


def _values(x: Any) -> List[Any]:
    """The rows of a column as Python objects (NumPy scalars kept: the core reads them)."""
    if _kind(x) == "pandas":
        return list(x.to_numpy(dtype=object, na_value=None))
    if _kind(x) == "polars":
        return list(x.to_list())
    if isinstance(x, (list, tuple)):
        return list(x)
    return list(np.asarray(x, dtype=object))


class _Rows:
    """The row-wise arguments of one call: their common length and the output's shape."""

    def __init__(self, args: Mapping[str, Any], names: Optional[Mapping[str, str]] = None) -> None:
        names = names or {}
        self.columns: Dict[str, List[Any]] = {}
        self.index: Any = None
        self.kind: Optional[str] = None
        first: Optional[str] = None
        for name, x in args.items():
            kind = _kind(x)
            if kind is None:
                continue
            values = _values(x)
            if first is None:
                first = name
            elif len(values) != len(self.columns[first]):
                shown = names.get(name, name)
                error = LengthMismatchError(
                    f"{shown}: expected {len(self.columns[first])} values "
                    f"(as {names.get(first, first)}), got {len(values)}")
                error.field = shown
                raise error
            self.columns[name] = values
            if kind == "pandas" and self.kind != "pandas":
                self.kind, self.index = "pandas", x.index
            elif kind == "polars" and self.kind is None:
                self.kind = "polars"
        self.n = len(self.columns[first]) if first is not None else None

    def row(self, args: Mapping[str, Any], i: int) -> Dict[str, Any]:
        return {k: (self.columns[k][i] if k in self.columns else v) for k, v in args.items()}

    def labels(self, out: List[Any]) -> Any:
        """Labels or numbers as an array, or a Series like the input."""
        if self.kind == "pandas":
            pd = importlib.import_module("pandas")
            # Object dtype keeps None as None (pandas would make it NaN in a string column).
            dtype = object if any(o is None for o in out) else None
            return pd.Series(out, index=self.index, dtype=dtype)
        if self.kind == "polars":
            return importlib.import_module("polars").Series(out)
        if any(o is None for o in out):
            return np.array(out, dtype=object)
        return np.array(out)

    def objects(self, out: List[Any], fields: Sequence[str]) -> Any:
        """Result objects as a list, or a DataFrame of their fields like the input."""
        return _frame(self.kind, self.index, out, fields)


def _field(o: Any, f: str) -> Any:
    if o is None:
        return None
    if isinstance(o, tuple):
        return o[_TUPLE_FIELDS.index(f)]
    return getattr(o, f)


#: The fields of a rank `(rank, of, tied)`.
_TUPLE_FIELDS = ("rank", "of", "tied")


def _frame(kind: Optional[str], index: Any, out: List[Any], fields: Sequence[str]) -> Any:
    """Result objects as a list, or a pandas / polars DataFrame of their fields (one row each,
    all missing for a missing result)."""
    records = [{f: _field(o, f) for f in fields} for o in out]
    if kind == "pandas":
        pd = importlib.import_module("pandas")
        return pd.DataFrame(records, index=index, columns=list(fields))
    if kind == "polars":
        pl = importlib.import_module("polars")
        return pl.DataFrame({f: [r[f] for r in records] for f in fields})
    return out


def _at_row(e: CarestatError, i: int) -> CarestatError:
    """`e` again, naming the row."""
    field = e.field
    text = str(e)
    prefix = f"{field}: "
    rest = text[len(prefix):] if field is not None and text.startswith(prefix) else text
    error = type(e)(f"{field} at row {i}: {rest}" if field is not None else f"row {i}: {rest}")
    error.field = field
    error.row = i
    return error


def _each(f: Callable[..., Any], args: Mapping[str, Any],
          names: Optional[Mapping[str, str]] = None) -> Tuple[Optional[_Rows], List[Any]]:
    """`f(**args)` once for a scalar call (rows None), else once per row."""
    rows = _Rows(args, names)
    if rows.n is None:
        return None, [f(**args)]
    out = []
    for i in range(rows.n):
        try:
            out.append(f(**rows.row(args, i)))
        except CarestatError as e:
            raise _at_row(e, i) from e
    return rows, out


#: One number (or missing) of a scalar call.
_Num = Union[int, float, np.integer[Any], np.floating[Any], None]
#: A column of a call over many areas that is neither pandas nor polars.
_Plain = Union[Sequence[Any], npt.NDArray[Any]]


@overload
def compare_with_benchmark(lower: _Num, upper: _Num, benchmark: _Num,
                           polarity: Optional[str] = None) -> str: ...
@overload
def compare_with_benchmark(lower: Any, upper: Any, benchmark: Any,
                           polarity: Any = None) -> Any: ...
def compare_with_benchmark(lower: Any, upper: Any, benchmark: Any, polarity: Any = None) -> Any:
    """Each area's interval ``[lower, upper]`` against the benchmark (one value, or one per
    area): "Better" / "Similar" / "Worse" with a polarity, "Higher" / "Similar" / "Lower"
    without, "Not compared" when a limit or the benchmark is missing. A limit equal to the
    benchmark is similar. `polarity` may also be given per area."""
    rows, out = _each(_carestat.compare_with_benchmark, dict(
        lower=lower, upper=upper, benchmark=benchmark, polarity=polarity))
    return out[0] if rows is None else rows.labels(out)


def _limits(ci: Any, name: str) -> Tuple[Any, Any]:
    if hasattr(ci, "lower") and hasattr(ci, "upper"):
        index = getattr(ci, "index", None)
        if index is not None and hasattr(ci, "to_frame"):
            # Estimates from pandas Series: the limits keep the Series' index.
            frame = ci.to_frame()
            return frame["lower"], frame["upper"]
        return ci.lower, ci.upper
    try:
        lower, upper = ci
    except (TypeError, ValueError):
        error = _carestat.InvalidInputError(
            f"{name}: expected a (lower, upper) pair or an Estimate(s)")
        error.field = name
        raise error from None
    return lower, upper


def compare_two_level(ci95: Any, ci998: Any, benchmark: Any, polarity: Any = None) -> Any:
    """Fingertips' two-level comparison: ``(comparison, level)`` with level "99.8%", "95%" or
    None. Each interval is a ``(lower, upper)`` pair of numbers or of columns, or an
    `Estimate` / `Estimates`; over many areas the result is a pair of columns
    ``(comparisons, levels)``."""
    l95, u95 = _limits(ci95, "ci95")
    l998, u998 = _limits(ci998, "ci998")

    def one(l95: Any, u95: Any, l998: Any, u998: Any, benchmark: Any, polarity: Any) -> Any:
        return _carestat.compare_two_level((l95, u95), (l998, u998), benchmark, polarity)

    rows, out = _each(one, dict(l95=l95, u95=u95, l998=l998, u998=u998,
                                benchmark=benchmark, polarity=polarity),
                      dict(l95="ci95 lower", u95="ci95 upper", l998="ci998 lower",
                           u998="ci998 upper"))
    if rows is None:
        return out[0]
    return rows.labels([c for c, _ in out]), rows.labels([level for _, level in out])


@overload
def judge_change(previous: _Num, current: _Num, polarity: Union[str, int]) -> str: ...
@overload
def judge_change(previous: _Plain, current: Union[_Plain, _Num],
                 polarity: Union[str, int]) -> npt.NDArray[np.str_]: ...
@overload
def judge_change(previous: Any, current: Any, polarity: Any) -> Any: ...
def judge_change(previous: Any, current: Any, polarity: Any) -> Any:
    """"improved" / "worsened" / "no change" (or "increased" / "decreased" without a
    judgement) for each pair of values; `polarity` may be given per area."""
    args = dict(previous=previous, current=current, polarity=polarity)
    if _kind(polarity) is None:
        # One polarity: the core judges every row at once (the same scalar rule per row).
        rows = _Rows(args)
        if rows.n is None:
            return _carestat.judge_change(previous, current, polarity)
        columns = [np.array([np.nan if v is None else v for v in rows.columns[k]], dtype=float)
                   if k in rows.columns else args[k] for k in ("previous", "current")]
        return rows.labels(list(_carestat.judge_change(columns[0], columns[1], polarity)))
    rows_, out = _each(_carestat.judge_change, args)
    return out[0] if rows_ is None else rows_.labels(out)


def rank(values: Any, index: Any = None, order: Any = None) -> Any:
    """The rank ``(rank, of, tied)`` of ``values[index]`` in the group (None when that value
    is missing; `tied` counts the other areas with the same value). `index` one position gives one rank; a list of positions a list of ranks;
    None ranks every value: a list, or for a pandas / polars Series of values a DataFrame with
    columns ``rank``, ``of``, ``tied`` (missing for a missing value), indexed as the values.
    Ties share the best rank; missing values are left out.

    >>> import carestat
    >>> carestat.rank([10.0, 30.0, 30.0, None], order="highest_first")
    [(3, 3, 0), (1, 3, 1), (1, 3, 1), None]
    """
    if index is not None and _kind(index) is None:
        return _carestat.rank(values, index, order)
    kind = _kind(values)
    group = _values(values) if kind is not None else values
    group = [np.nan if v is None else v for v in group] if kind is not None else group
    positions = range(len(group)) if index is None else _values(index)
    out = []
    for i, p in enumerate(positions):
        try:
            out.append(_carestat.rank(group, p, order))
        except CarestatError as e:
            raise _at_row(e, i) from e
    if index is None and kind in ("pandas", "polars"):
        return _frame(kind, values.index if kind == "pandas" else None, out, _TUPLE_FIELDS)
    return out


def rating_share(outstanding: Any, good: Any, requires_improvement: Any, inadequate: Any,
                 not_rated: Any = None, include_unrated: Any = True) -> Any:
    """The percentage "Outstanding or Good" of each area's rated (or all) locations."""
    rows, out = _each(_carestat.rating_share, dict(
        outstanding=outstanding, good=good, requires_improvement=requires_improvement,
        inadequate=inadequate, not_rated=not_rated, include_unrated=include_unrated))
    return out[0] if rows is None else rows.labels(out)


#: The fields of `RatingShares` in a DataFrame of many areas.
RATING_SHARE_FIELDS = ("rule", "denominator", "outstanding", "good", "requires_improvement",
                       "inadequate", "not_rated", "outstanding_or_good")


def rating_shares(outstanding: Any, good: Any, requires_improvement: Any, inadequate: Any,
                  not_rated: Any = None, include_unrated: Any = True) -> Any:
    """Each rating's share of each area's locations (`RatingShares`)."""
    rows, out = _each(_carestat.rating_shares, dict(
        outstanding=outstanding, good=good, requires_improvement=requires_improvement,
        inadequate=inadequate, not_rated=not_rated, include_unrated=include_unrated))
    return out[0] if rows is None else rows.objects(out, RATING_SHARE_FIELDS)


#: The fields of `CqcRating` in a DataFrame of many councils.
CQC_FIELDS = ("percentage", "rating", "total", "assessed", "max_total", "band_rule",
              "ambiguous", "rating_lower_band", "rating_upper_band")


def _score(v: Any) -> Any:
    """A DataFrame cell as a score: NaN and missing are None (not scored); a whole float
    (a column with a missing score is float) is its integer, any other is left to the core."""
    if v is None or (isinstance(v, float) and v != v):
        return None
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def _councils(scores: Any) -> Optional[Tuple[Any, List[Any]]]:
    """(index, one score set per council) when `scores` holds many councils, else None."""
    module = type(scores).__module__ or ""
    if module.startswith("pandas") and hasattr(scores, "columns"):
        return scores.index, [
            {k: _score(v) for k, v in row.items()} for row in scores.to_dict(orient="records")]
    if module.startswith("polars") and hasattr(scores, "columns"):
        return None, [{k: _score(v) for k, v in row.items()} for row in scores.to_dicts()]
    if isinstance(scores, np.ndarray):
        return (None, list(scores)) if scores.ndim == 2 else None
    if isinstance(scores, (list, tuple)) and scores and all(
            isinstance(s, (list, tuple, dict, np.ndarray)) for s in scores):
        return None, list(scores)
    return None


def _cqc_many(f: Callable[[Any, Any], Any], scores: Any, band_rule: Any) -> Tuple[Any, Any]:
    many = _councils(scores)
    if many is None:
        return None, f(scores, band_rule)
    index, sets = many
    out = []
    for i, s in enumerate(sets):
        try:
            out.append(f(s, band_rule))
        except CarestatError as e:
            raise _at_row(e, i) from e
    return (index, type(scores).__module__ or ""), out


def cqc_la_rating(scores: Any, band_rule: Any = None) -> Any:
    """The CQC overall rating of one council's scores (a sequence of up to 9, or a mapping
    from statement to score) or of many: a 2-D array or list of score sets (a list of
    `CqcRating`), or a DataFrame with one council per row and one column per statement (a
    DataFrame of the ratings' fields, indexed as the input)."""
    many, out = _cqc_many(_carestat.cqc_la_rating, scores, band_rule)
    if many is None:
        return out
    index, module = many
    kind = "pandas" if module.startswith("pandas") else (
        "polars" if module.startswith("polars") else None)
    return _frame(kind, index, out, CQC_FIELDS)


def cqc_possible_ratings(scores: Any, band_rule: Any = None) -> Any:
    """The ratings still possible for one council's partial scores, or a list of them (one
    per council) for many councils' scores, given as for `cqc_la_rating`."""
    many, out = _cqc_many(_carestat.cqc_possible_ratings, scores, band_rule)
    return out


#: The fields of an ASCOF `Outcome` in a DataFrame of many areas.
OUTCOME_FIELDS = ("value", "published", "decimals")
#: The fields of an ASCOF `YearComparison` in a DataFrame of many areas.
COMPARISON_FIELDS = ("previous", "current", "difference", "difference_unit", "percent_change",
                     "judgement")


def many_outcomes(one: Callable[..., Any], id: Any, numerator: Any, denominator: Any,
                  framework: Any) -> Any:
    """`one(id, numerator, denominator, framework)` for one area or each row."""
    rows, out = _each(one, dict(id=id, numerator=numerator, denominator=denominator,
                                framework=framework))
    return out[0] if rows is None else rows.objects(out, OUTCOME_FIELDS)


def many_year_comparisons(one: Callable[..., Any], id: Any, previous: Any, current: Any,
                          framework: Any) -> Any:
    """`one(id, previous, current, framework)` for one area or each row."""
    rows, out = _each(one, dict(id=id, previous=previous, current=current,
                                framework=framework))
    return out[0] if rows is None else rows.objects(out, COMPARISON_FIELDS)


def _numbers_like(args: Sequence[Any], out: Any) -> Any:
    """Quantile numbers shaped like the first Series argument: a pandas Series with its index
    (nullable ``Int64``, missing as ``<NA>``), a polars ``Int64`` Series (missing as null), or
    ``out`` unchanged for lists and arrays."""
    numbers = [None if q is None or q != q else int(q) for q in out]
    for x in args:
        kind = _kind(x)
        if kind == "pandas":
            pd = importlib.import_module("pandas")
            return pd.Series(pd.array(numbers, dtype="Int64"), index=x.index)
        if kind == "polars":
            pl = importlib.import_module("polars")
            return pl.Series(numbers, dtype=pl.Int64)
    return out


_SERIES_NOTE = """
A list or array gives what the core gives (a list with None, or a float array with NaN, where
missing); a pandas Series (``values``, or for `assign_quantiles` ``groups``) gives a Series
with its index, nullable ``Int64`` with ``<NA>`` where missing; a polars Series a polars
``Int64`` Series with nulls.

>>> import pandas as pd
>>> import carestat
>>> carestat.assign_quintiles(pd.Series([10.0, 100.0, 20.0, 30.0, 40.0], index=list("abcde"))).to_dict()
{'a': 1, 'b': 5, 'c': 2, 'd': 3, 'e': 4}
"""


# As the core's stubs: a polarity by name (or Fingertips' code); the core refuses "no_judgement".
_Polarity = Union[Literal["high_is_good", "low_is_good", "no_judgement"], int]


def _given(**options: Any) -> Dict[str, Any]:
    """The options given (not None): left out, the core's own defaults apply (``invert`` and
    ``polarity`` may not both be given)."""
    return {k: v for k, v in options.items() if v is not None}


def assign_quintiles(values: Any, invert: Optional[bool] = None,
                     polarity: Optional[_Polarity] = None) -> Any:
    out = _carestat.assign_quintiles(values, **_given(invert=invert, polarity=polarity))
    return _numbers_like([values], out)


def assign_quantiles(values: Any, nquantiles: int = 10, groups: Any = None,
                     invert: Optional[Union[bool, Sequence[bool], npt.NDArray[np.bool_]]] = None,
                     polarity: Optional[Union[_Polarity, Sequence[_Polarity]]] = None,
                     too_few: Literal["missing", "error"] = "missing") -> Any:
    out = _carestat.assign_quantiles(values, nquantiles, groups, too_few=too_few,
                                     **_given(invert=invert, polarity=polarity))
    return _numbers_like([values, groups], out)


assign_quintiles.__doc__ = (_carestat.assign_quintiles.__doc__ or "") + "\n" + _SERIES_NOTE
assign_quantiles.__doc__ = (_carestat.assign_quantiles.__doc__ or "") + "\n" + _SERIES_NOTE
