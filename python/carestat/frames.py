"""Grouped computation for pandas DataFrames, as PHEindicatormethods does it for grouped
data frames: one row per group, with the group keys as the index and columns ``value``,
``lower``, ``upper`` and ``method``.

Grouped rates and proportions sum counts and denominators within each group first, as the
reference does (a missing count or denominator makes the group's sums missing, as R's ``sum``
does). Standardised rates and ratios and means are computed from each group's rows (one row
per age band, in band order, for DSRs and ISRs).

``confidence`` is one level (columns ``lower``, ``upper``) or several, as the reference names
them: ``confidence=(0.95, 0.998)`` gives ``lower95_0cl``, ``upper95_0cl``, ``lower99_8cl``,
``upper99_8cl``. ``by=None`` treats the whole frame as one group.

An error names the DataFrame column and the group (and, for one row's value, its 0-based
position in the DataFrame as ``row``).

pandas is optional for carestat and is imported only when these functions run.

>>> import pandas as pd
>>> from carestat import frames
>>> df = pd.DataFrame({"area": ["A", "A", "B"], "deaths": [3, 4, 20], "pop": [500, 500, 2000]})
>>> r = frames.grouped_rate(df, "deaths", "pop", by="area", multiplier=1000)
>>> r.index.tolist(), r["value"].tolist(), r["method"].tolist()
(['A', 'B'], [7.0, 10.0], ['Exact', 'Byars'])
"""

from __future__ import annotations

import importlib
from typing import Any, Callable, Dict, List, Mapping, NoReturn, Optional, Sequence, Tuple, Union

import numpy as np
from numpy.typing import ArrayLike, NDArray

from carestat._carestat import (
    CarestatError,
    Estimate,
    Estimates,
    InvalidInputError,
    _as_floats,
    crude_rate,
    dsr,
    isr_rate,
    isr_ratio,
    mean,
    wilson_proportion,
)

__all__ = [
    "grouped_dsr",
    "grouped_isr_rate",
    "grouped_isr_ratio",
    "grouped_mean",
    "grouped_proportion",
    "grouped_rate",
]

#: A pandas DataFrame (pandas ships no type information, so it is typed loosely).
DataFrame = Any
#: Group keys: one column name, several, or None for the whole frame.
Keys = Union[str, Sequence[str], None]
#: One confidence level or several (fractions, or percentages such as 95).
Levels = Union[float, Sequence[float]]
#: Per-band figures given as a column of the frame (by name) or as one array for every group.
BandsArg = Union[str, ArrayLike]

_Floats = NDArray[np.float64]
# (value, lower, upper, method) of every group at one confidence level.
_Columns = Tuple[_Floats, _Floats, _Floats, List[str]]


def _pandas() -> Any:
    # Imported by name: pandas is optional and ships no type information.
    return importlib.import_module("pandas")


def _keys(by: Keys) -> List[str]:
    if by is None:
        return []
    if isinstance(by, str):
        return [by]
    return list(by)


def _levels(confidence: Levels) -> List[float]:
    if isinstance(confidence, (int, float)):
        return [float(confidence)]
    return [float(c) for c in confidence]


def _suffix(level: float) -> str:
    """The reference's column suffix of a level: 0.95 -> "95_0", 0.998 -> "99_8"."""
    percent = level * 100 if level <= 1 else level
    text = f"{percent:.10g}"
    if "." not in text:
        text += ".0"
    return text.replace(".", "_")


def _missing_column(df: DataFrame, column: Any, what: str) -> NoReturn:
    error = InvalidInputError(f"{column}: {what}")
    error.field = str(column)
    raise error


def _check_frame(df: DataFrame, columns: Sequence[Any]) -> None:
    """Every named column is a column of `df` (a pandas DataFrame), else an error naming it."""
    if not hasattr(df, "columns") or not hasattr(df, "groupby"):
        raise TypeError(f"df: expected a pandas DataFrame, got {type(df).__name__}")
    for column in columns:
        if not isinstance(column, (str, int, tuple)):
            _missing_column(df, column, f"expected a column name, got {type(column).__name__}")
        if column not in df.columns:
            names = ", ".join(repr(c) for c in list(df.columns)[:20])
            _missing_column(df, column, f"no such column in the DataFrame (its columns: {names})")


def _floats(df: DataFrame, column: str) -> _Floats:
    """A numeric column as float64 by the core's rules for every numeric argument (those of
    `crude_rate`): None, NaN and pandas.NA are missing; bool, string, complex, object and
    datetime columns and integers above 2**53 are refused with the column and the row."""
    _check_frame(df, [column])
    try:
        values: _Floats = _as_floats(df[column])
    except CarestatError as e:
        text = str(e)
        prefix = f"{e.field} at row {e.row}: " if e.row is not None else f"{e.field}: "
        rest = text[len(prefix):] if text.startswith(prefix) else text
        where = f"{column} at row {e.row}" if e.row is not None else f"{column}"
        error = type(e)(f"{where}: {rest}")
        error.field = column
        error.row = e.row
        raise error from e
    return values


class _Groups:
    """The groups of a frame: each row's group number and the result's index."""

    def __init__(self, df: DataFrame, by: Keys) -> None:
        pd = _pandas()
        keys = _keys(by)
        _check_frame(df, keys)
        if not keys:
            self.codes: NDArray[np.intp] = np.zeros(len(df), dtype=np.intp)
            self.index: Any = pd.RangeIndex(1)
        else:
            grouped = df.groupby(
                keys if len(keys) > 1 else keys[0], sort=True, dropna=False, observed=True
            )
            self.codes = grouped.ngroup().to_numpy(dtype=np.intp)
            self.index = grouped.size().index
        self.n = len(self.index)

    def key(self, group: int) -> Any:
        return self.index[group]

    def sums(self, values: _Floats) -> _Floats:
        """Sums by group; a missing value makes its group's sum missing (R's ``sum``)."""
        return np.bincount(self.codes, weights=values, minlength=self.n).astype(np.float64)

    def nansums(self, values: _Floats) -> _Floats:
        """Sums by group, missing values left out."""
        return self.sums(np.nan_to_num(values, nan=0.0))

    def positions(self) -> List[NDArray[np.intp]]:
        """The DataFrame positions of each group's rows, in frame order."""
        order = np.argsort(self.codes, kind="stable")
        bounds = np.cumsum(np.bincount(self.codes, minlength=self.n))[:-1]
        return list(np.split(order, bounds))


def _reraise(e: CarestatError, columns: Mapping[str, str], where: str, row: Optional[int]) -> NoReturn:
    """Raises `e` again, naming the DataFrame column (for the core's argument name), the group
    and, when given, the DataFrame row."""
    text = str(e)
    field = e.field
    prefix = f"{field} at row {e.row}: " if e.row is not None else f"{field}: "
    column: Optional[str] = field
    if field is not None and text.startswith(prefix):
        column = columns.get(field, field)
        message = f"{column} {where}: {text[len(prefix):]}"
    else:
        message = f"{text} ({where})"
    error = type(e)(message)
    error.field = column
    error.row = row
    raise error from e


def _frame(
    groups: _Groups,
    inputs: Dict[str, _Floats],
    levels: List[float],
    compute: Callable[[float], _Columns],
) -> DataFrame:
    """The result: summed inputs, value, limits at each level, method."""
    data: Dict[str, Any] = dict(inputs)
    method: List[str] = []
    for k, level in enumerate(levels):
        value, lower, upper, method = compute(level)
        if k == 0:
            data["value"] = value
        if len(levels) == 1:
            data["lower"], data["upper"] = lower, upper
        else:
            data[f"lower{_suffix(level)}cl"] = lower
            data[f"upper{_suffix(level)}cl"] = upper
    data["method"] = method
    return _pandas().DataFrame(data, index=groups.index)


def _summed(
    df: DataFrame,
    numerator: str,
    denominator: str,
    by: Keys,
    levels: List[float],
    estimator: Callable[[_Floats, _Floats, float], Estimates],
    names: Tuple[str, str],
) -> DataFrame:
    groups = _Groups(df, by)
    x = groups.sums(_floats(df, numerator))
    n = groups.sums(_floats(df, denominator))
    columns = {names[0]: numerator, names[1]: denominator}

    def compute(level: float) -> _Columns:
        try:
            e = estimator(x, n, level)
        except CarestatError as error:
            where = "of the whole frame" if error.row is None else f"of group {groups.key(error.row)!r}"
            _reraise(error, columns, where, None)
        return e.value, e.lower, e.upper, [str(m) for m in e.method]

    return _frame(groups, {numerator: x, denominator: n}, levels, compute)


def grouped_rate(
    df: DataFrame,
    count: str,
    population: str,
    by: Keys = None,
    multiplier: float = 100_000.0,
    confidence: Levels = 0.95,
) -> DataFrame:
    """Crude rates per `multiplier` by group, as PHEindicatormethods `phe_rate` on grouped
    data: counts and populations are summed within each group, then the rate of the sums is
    taken with exact Poisson limits below 10 events and Byar's from 10.

    Columns: the summed `count` and `population`, ``value``, the limits, ``method``.
    """
    return _summed(
        df, count, population, by, _levels(confidence),
        lambda x, n, c: crude_rate(x, n, multiplier, c),
        ("count", "population"),
    )


def grouped_proportion(
    df: DataFrame,
    numerator: str,
    denominator: str,
    by: Keys = None,
    multiplier: float = 1.0,
    confidence: Levels = 0.95,
) -> DataFrame:
    """Proportions (times `multiplier`) with Wilson score limits by group, as
    PHEindicatormethods `phe_proportion` on grouped data: numerators and denominators are
    summed within each group first.

    Columns: the summed `numerator` and `denominator`, ``value``, the limits, ``method``.
    """
    return _summed(
        df, numerator, denominator, by, _levels(confidence),
        lambda x, n, c: wilson_proportion(x, n, multiplier, c),
        ("numerator", "denominator"),
    )


def _per_group(
    df: DataFrame,
    by: Keys,
    levels: List[float],
    inputs: Dict[str, _Floats],
    columns: Mapping[str, str],
    estimate: Callable[[NDArray[np.intp], float], Estimate],
) -> DataFrame:
    """Runs `estimate(rows, level)` for each group's DataFrame positions."""
    groups = _Groups(df, by)
    positions = groups.positions()

    def compute(level: float) -> _Columns:
        value = np.full(groups.n, np.nan)
        lower = np.full(groups.n, np.nan)
        upper = np.full(groups.n, np.nan)
        method: List[str] = []
        for g, rows in enumerate(positions):
            try:
                e = estimate(rows, level)
            except CarestatError as error:
                row = None if error.row is None or error.row >= len(rows) else int(rows[error.row])
                group = f"group {groups.key(g)!r}"
                where = f"of {group}" if row is None else f"at DataFrame row {row} ({group})"
                _reraise(error, columns, where, row)
            value[g], lower[g], upper[g] = e.value, e.lower, e.upper
            method.append(e.method)
        return value, lower, upper, method

    totals = {name: groups.nansums(values) for name, values in inputs.items()}
    return _frame(groups, totals, levels, compute)


def _bands(df: DataFrame, arg: Optional[BandsArg]) -> Optional[Union[_Floats, ArrayLike]]:
    """A per-band argument: a column of the frame (by name), or one array for every group."""
    if isinstance(arg, str):
        return _floats(df, arg)
    return arg


def _take(values: Optional[Union[_Floats, ArrayLike]], rows: NDArray[np.intp],
          is_column: bool) -> Any:
    if values is None or not is_column:
        return values
    return np.asarray(values)[rows]


def grouped_dsr(
    df: DataFrame,
    count: str,
    population: str,
    by: Keys = None,
    standard_population: Optional[BandsArg] = None,
    multiplier: float = 100_000.0,
    confidence: Levels = 0.95,
) -> DataFrame:
    """Directly standardised rates by group, as PHEindicatormethods `calculate_dsr` on grouped
    data: each group's rows are its age bands, in band order.

    `standard_population` is a column of `df` (by name), one array for every group, or None
    for the European Standard Population 2013 (then every group has 19 rows, ``0-4`` to
    ``90+``). Columns: ``total_count``, ``total_pop``, ``value``, the limits, ``method``.
    """
    counts, pops = _floats(df, count), _floats(df, population)
    standard = _bands(df, standard_population)
    is_column = isinstance(standard_population, str)
    columns = {"counts": count, "populations": population,
               "standard_populations": str(standard_population)}
    return _per_group(
        df, by, _levels(confidence), {"total_count": counts, "total_pop": pops}, columns,
        lambda rows, c: dsr(
            counts[rows], pops[rows], _take(standard, rows, is_column), multiplier, c),
    )


def _grouped_isr(
    df: DataFrame,
    count: str,
    population: str,
    reference_counts: BandsArg,
    reference_populations: BandsArg,
    by: Keys,
    confidence: Levels,
    estimator: Callable[[Any, Any, Any, Any, float], Estimate],
) -> DataFrame:
    counts, pops = _floats(df, count), _floats(df, population)
    ref_counts = _bands(df, reference_counts)
    ref_pops = _bands(df, reference_populations)
    counts_column = isinstance(reference_counts, str)
    pops_column = isinstance(reference_populations, str)
    columns = {"counts": count, "populations": population,
               "reference_counts": str(reference_counts),
               "reference_populations": str(reference_populations)}
    return _per_group(
        df, by, _levels(confidence), {"total_count": counts, "total_pop": pops}, columns,
        lambda rows, c: estimator(
            counts[rows], pops[rows], _take(ref_counts, rows, counts_column),
            _take(ref_pops, rows, pops_column), c),
    )


def grouped_isr_ratio(
    df: DataFrame,
    count: str,
    population: str,
    reference_counts: BandsArg,
    reference_populations: BandsArg,
    by: Keys = None,
    refvalue: float = 1.0,
    confidence: Levels = 0.95,
) -> DataFrame:
    """Indirectly standardised ratios by group, as PHEindicatormethods `calculate_ISRatio` on
    grouped data: each group's rows are its age bands; the reference counts and populations
    are columns of `df` (by name) or one array (by band) for every group.

    Columns: ``total_count``, ``total_pop``, ``value``, the limits, ``method``.
    """
    return _grouped_isr(
        df, count, population, reference_counts, reference_populations, by, confidence,
        lambda x, n, rx, rn, c: isr_ratio(x, n, rx, rn, refvalue=refvalue, confidence=c),
    )


def grouped_isr_rate(
    df: DataFrame,
    count: str,
    population: str,
    reference_counts: BandsArg,
    reference_populations: BandsArg,
    by: Keys = None,
    multiplier: float = 100_000.0,
    confidence: Levels = 0.95,
) -> DataFrame:
    """Indirectly standardised rates by group, as PHEindicatormethods `calculate_ISRate` on
    grouped data. Arguments and columns as `grouped_isr_ratio`."""
    return _grouped_isr(
        df, count, population, reference_counts, reference_populations, by, confidence,
        lambda x, n, rx, rn, c: isr_rate(x, n, rx, rn, multiplier=multiplier,
                                                  confidence=c),
    )


def grouped_mean(
    df: DataFrame,
    values: str,
    by: Keys = None,
    confidence: Levels = 0.95,
) -> DataFrame:
    """Means with Student's t limits by group, as PHEindicatormethods `phe_mean` on grouped
    data (a missing value makes its group's mean missing).

    Columns: ``value_count`` (rows in the group), ``value``, the limits, ``method``.
    """
    x = _floats(df, values)
    frame = _per_group(
        df, by, _levels(confidence), {"value_count": np.ones(len(x))}, {"values": values},
        lambda rows, c: mean(x[rows], c),
    )
    frame["value_count"] = frame["value_count"].astype(np.int64)
    return frame
