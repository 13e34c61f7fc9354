"""Grouped and per-row computation for pandas and polars DataFrames, as PHEindicatormethods
does it for grouped data frames: one row per group, with the group keys as the index and
columns ``value``, ``lower``, ``upper``, ``confidence``, ``statistic`` and ``method`` (the
reference's columns: ``confidence`` as "95%" or "95%, 99.8%", ``statistic`` as
"rate per 100000"). `rate` and `proportion` give one result per row instead (no grouping):
the input's columns with the result's after them.

A result never depends on the order of the rows: sums within a group are taken in an order
fixed by the values, a DSR's or ISR's age bands are matched by the ``age_band`` column when
one is given (each row carries its band label; without it, the rows of each group are the
bands in band order when the standard or reference figures are one array for every group).

polars DataFrames and LazyFrames are accepted wherever a pandas DataFrame is, and give polars
(see `carestat.frame_io`); without pandas installed, an ImportError names the extra
``carestat[pandas]``.

Grouped rates and proportions sum counts and denominators within each group first, as the
reference does (a missing count or denominator makes the group's sums missing, as R's ``sum``
does). Standardised rates and ratios and means are computed from each group's rows (one row
per age band, for DSRs and ISRs).

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

from carestat.frame_io import accepts_polars
from carestat.frame_io import pandas as _frame_pandas
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
    "proportion",
    "rate",
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
    return _frame_pandas()


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


def _number(x: float) -> str:
    """A multiplier as the reference prints it: 100000, 1000, 1.5."""
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _percent(level: float) -> str:
    """A confidence level as the reference's ``confidence`` column: "95%", "99.8%"."""
    return f"{(level * 100 if level <= 1 else level):.10g}%"


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
        """Sums by group; a missing value makes its group's sum missing (R's ``sum``). Each
        group's values are added in value order, so the sums never depend on row order."""
        order = np.lexsort((values, self.codes))
        return np.bincount(self.codes[order], weights=values[order],
                           minlength=self.n).astype(np.float64)

    def nansums(self, values: _Floats) -> _Floats:
        """Sums by group, missing values left out."""
        return self.sums(np.nan_to_num(values, nan=0.0))

    def positions(self) -> List[NDArray[np.intp]]:
        """The DataFrame positions of each group's rows, in frame order."""
        order = np.argsort(self.codes, kind="stable")
        bounds = np.cumsum(np.bincount(self.codes, minlength=self.n))[:-1]
        return list(np.split(order, bounds))


def _methods(e: Estimates) -> List[str]:
    """The method of each row as str (numpy converts the array in one step, not a loop)."""
    methods: List[str] = e.method.tolist()
    return methods


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
    statistic: str,
) -> DataFrame:
    """The result: summed inputs, value, limits at each level, confidence, statistic, method."""
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
    data["confidence"] = ", ".join(_percent(level) for level in levels)
    data["statistic"] = statistic
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
    statistic: str,
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
        return e.value, e.lower, e.upper, _methods(e)

    return _frame(groups, {numerator: x, denominator: n}, levels, compute, statistic)


def _proportion_statistic(multiplier: float) -> str:
    return "percentage" if multiplier == 100 else f"proportion of {_number(multiplier)}"


@accepts_polars
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
        ("count", "population"), f"rate per {_number(multiplier)}",
    )


@accepts_polars
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
        ("numerator", "denominator"), _proportion_statistic(multiplier),
    )


def _per_group(
    df: DataFrame,
    by: Keys,
    levels: List[float],
    inputs: Dict[str, _Floats],
    columns: Mapping[str, str],
    estimate: Callable[[NDArray[np.intp], float], Estimate],
    statistic: str,
    order: Callable[[NDArray[np.intp], str], NDArray[np.intp]],
) -> DataFrame:
    """Runs `estimate(rows, level)` for each group's DataFrame positions, put in the order
    `order(rows, where)` gives."""
    groups = _Groups(df, by)
    positions = [order(rows, f"group {groups.key(g)!r}")
                 for g, rows in enumerate(groups.positions())]

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
    return _frame(groups, totals, levels, compute, statistic)


#: The European Standard Population 2013's bands, as the ``age_band`` labels of `grouped_dsr`.
ESP2013_BANDS = ("0-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44",
                 "45-49", "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84",
                 "85-89", "90+")


def _band_error(message: str, column: str, row: Optional[int]) -> NoReturn:
    error = InvalidInputError(message)
    error.field = column
    error.row = row
    raise error


class _Bands:
    """How each group's rows are put in band order: by the ``age_band`` column against the
    known bands (`bands`, or any bands sorted by label when None), or, without a column, in
    frame order (`frame_order`) or in an order fixed by the row's own values."""

    def __init__(self, df: DataFrame, age_band: Optional[str], bands: Optional[Sequence[str]],
                 frame_order: bool, values: Sequence[_Floats]) -> None:
        self.column = age_band
        self.bands = None if bands is None else [str(b).strip() for b in bands]
        self.frame_order = frame_order
        self.values = values
        self.labels: Optional[List[str]] = None
        if age_band is not None:
            _check_frame(df, [age_band])
            self.labels = [str(v).strip() for v in df[age_band].tolist()]

    def order(self, rows: NDArray[np.intp], where: str) -> NDArray[np.intp]:
        if self.labels is None or self.column is None:
            if self.frame_order:
                return rows
            # Rows carry their own figures: any order gives the same result up to rounding;
            # an order fixed by the values makes it the same to the bit.
            keys = [v[rows] for v in reversed(self.values)]
            return rows[np.lexsort(keys)] if keys else rows
        labels = [self.labels[r] for r in rows]
        seen: Dict[str, int] = {}
        for r, label in zip(rows, labels):
            if label in seen:
                _band_error(f"{self.column} at DataFrame row {int(r)} ({where}): band "
                            f"{label!r} again (first at row {seen[label]})", self.column, int(r))
            seen[label] = int(r)
        if self.bands is None:
            return rows[np.argsort(np.array(labels, dtype=object), kind="stable")]
        rank = {b: k for k, b in enumerate(self.bands)}
        for r, label in zip(rows, labels):
            if label not in rank:
                known = ", ".join(self.bands[:4]) + ", ..."
                _band_error(f"{self.column} at DataFrame row {int(r)} ({where}): unknown band "
                            f"{label!r} (expected one of {known})", self.column, int(r))
        missing = [b for b in self.bands if b not in seen]
        if missing:
            _band_error(f"{self.column} ({where}): no row for band(s) "
                        f"{', '.join(missing[:5])}", self.column, None)
        return rows[np.argsort([rank[label] for label in labels], kind="stable")]


def _bands(df: DataFrame, arg: Optional[Union[BandsArg, Mapping[Any, float]]]
           ) -> Optional[Union[_Floats, ArrayLike]]:
    """A per-band argument: a column of the frame (by name), one array for every group, or a
    mapping from age band to value (its values, in its order)."""
    if isinstance(arg, str):
        return _floats(df, arg)
    if isinstance(arg, Mapping):
        return np.asarray([float(v) for v in arg.values()], dtype=np.float64)
    return arg


def _band_labels(*args: Any) -> Optional[List[str]]:
    """The band labels of the first mapping argument (all mappings must agree), else None."""
    labels: Optional[List[str]] = None
    for arg in args:
        if isinstance(arg, Mapping):
            these = [str(k).strip() for k in arg.keys()]
            if labels is not None and these != labels:
                _band_error("reference_populations: its bands differ from reference_counts'",
                            "reference_populations", None)
            labels = these
    return labels


def _take(values: Optional[Union[_Floats, ArrayLike]], rows: NDArray[np.intp],
          is_column: bool) -> Any:
    if values is None or not is_column:
        return values
    return np.asarray(values)[rows]


def _needs_band_column(age_band: Optional[str], *args: Any) -> None:
    if age_band is None:
        for arg in args:
            if isinstance(arg, Mapping):
                _band_error("age_band: a mapping from band to value needs the age_band column "
                            "that says each row's band", "age_band", None)


@accepts_polars
def grouped_dsr(
    df: DataFrame,
    count: str,
    population: str,
    by: Keys = None,
    standard_population: Optional[Union[BandsArg, Mapping[str, float]]] = None,
    multiplier: float = 100_000.0,
    confidence: Levels = 0.95,
    age_band: Optional[str] = None,
) -> DataFrame:
    """Directly standardised rates by group, as PHEindicatormethods `calculate_dsr` on grouped
    data: each group's rows are its age bands.

    `age_band` names the column saying each row's band; then the rows may come in any order.
    `standard_population` is a column of `df` (by name: each row carries its own, as
    PHEindicatormethods 2 takes it), a mapping from band label to population (needs
    `age_band`), one array for every group (rows in band order), or None for the European
    Standard Population 2013 (every group has the 19 bands `ESP2013_BANDS`, ``0-4`` to
    ``90+``: with `age_band`, matched by label). Columns: ``total_count``, ``total_pop``,
    ``value``, the limits, ``confidence``, ``statistic``, ``method``.
    """
    counts, pops = _floats(df, count), _floats(df, population)
    _needs_band_column(age_band, standard_population)
    standard = _bands(df, standard_population)
    is_column = isinstance(standard_population, str)
    labels = _band_labels(standard_population)
    if standard_population is None:
        labels = list(ESP2013_BANDS)
    frame_order = not is_column and age_band is None
    values = [counts, pops] + ([np.asarray(standard)] if is_column else [])
    bands = _Bands(df, age_band, labels, frame_order, values)
    columns = {"counts": count, "populations": population,
               "standard_populations": str(standard_population)}
    frame = _per_group(
        df, by, _levels(confidence), {"total_count": counts, "total_pop": pops}, columns,
        lambda rows, c: dsr(
            counts[rows], pops[rows], _take(standard, rows, is_column), multiplier, c),
        f"dsr per {_number(multiplier)}", bands.order,
    )
    # As the reference labels a group it suppresses (fewer than 10 events).
    frame.loc[frame["method"] == "Suppressed", "statistic"] = "dsr NA for total count < 10"
    return frame


def _grouped_isr(
    df: DataFrame,
    count: str,
    population: str,
    reference_counts: Union[BandsArg, Mapping[str, float]],
    reference_populations: Union[BandsArg, Mapping[str, float]],
    by: Keys,
    confidence: Levels,
    estimator: Callable[[Any, Any, Any, Any, float], Estimate],
    statistic: str,
    age_band: Optional[str],
) -> DataFrame:
    counts, pops = _floats(df, count), _floats(df, population)
    _needs_band_column(age_band, reference_counts, reference_populations)
    ref_counts = _bands(df, reference_counts)
    ref_pops = _bands(df, reference_populations)
    counts_column = isinstance(reference_counts, str)
    pops_column = isinstance(reference_populations, str)
    labels = _band_labels(reference_counts, reference_populations)
    frame_order = age_band is None and not (counts_column and pops_column)
    values = [counts, pops] + [np.asarray(v) for v, c in (
        (ref_counts, counts_column), (ref_pops, pops_column)) if c]
    bands = _Bands(df, age_band, labels, frame_order, values)
    columns = {"counts": count, "populations": population,
               "reference_counts": str(reference_counts),
               "reference_populations": str(reference_populations)}
    return _per_group(
        df, by, _levels(confidence), {"total_count": counts, "total_pop": pops}, columns,
        lambda rows, c: estimator(
            counts[rows], pops[rows], _take(ref_counts, rows, counts_column),
            _take(ref_pops, rows, pops_column), c),
        statistic, bands.order,
    )


@accepts_polars
def grouped_isr_ratio(
    df: DataFrame,
    count: str,
    population: str,
    reference_counts: Union[BandsArg, Mapping[str, float]],
    reference_populations: Union[BandsArg, Mapping[str, float]],
    by: Keys = None,
    refvalue: float = 1.0,
    confidence: Levels = 0.95,
    age_band: Optional[str] = None,
) -> DataFrame:
    """Indirectly standardised ratios by group, as PHEindicatormethods `calculate_ISRatio` on
    grouped data: each group's rows are its age bands; the reference counts and populations
    are columns of `df` (by name: rows in any order), mappings from band label to figure
    (with `age_band`, the column naming each row's band), or one array (by band, rows in band
    order) for every group.

    Columns: ``total_count``, ``total_pop``, ``value``, the limits, ``confidence``,
    ``statistic``, ``method``.
    """
    return _grouped_isr(
        df, count, population, reference_counts, reference_populations, by, confidence,
        lambda x, n, rx, rn, c: isr_ratio(x, n, rx, rn, refvalue=refvalue, confidence=c),
        f"indirectly standardised ratio x {_number(refvalue)}", age_band,
    )


@accepts_polars
def grouped_isr_rate(
    df: DataFrame,
    count: str,
    population: str,
    reference_counts: Union[BandsArg, Mapping[str, float]],
    reference_populations: Union[BandsArg, Mapping[str, float]],
    by: Keys = None,
    multiplier: float = 100_000.0,
    confidence: Levels = 0.95,
    age_band: Optional[str] = None,
) -> DataFrame:
    """Indirectly standardised rates by group, as PHEindicatormethods `calculate_ISRate` on
    grouped data. Arguments and columns as `grouped_isr_ratio`."""
    return _grouped_isr(
        df, count, population, reference_counts, reference_populations, by, confidence,
        lambda x, n, rx, rn, c: isr_rate(x, n, rx, rn, multiplier=multiplier,
                                                  confidence=c),
        f"indirectly standardised rate per {_number(multiplier)}", age_band,
    )


@accepts_polars
def grouped_mean(
    df: DataFrame,
    values: str,
    by: Keys = None,
    confidence: Levels = 0.95,
) -> DataFrame:
    """Means with Student's t limits by group, as PHEindicatormethods `phe_mean` on grouped
    data (a missing value makes its group's mean missing).

    Columns: ``value_count`` (rows in the group), ``value``, the limits, ``confidence``,
    ``statistic``, ``method``.
    """
    x = _floats(df, values)
    frame = _per_group(
        df, by, _levels(confidence), {"value_count": np.ones(len(x))}, {"values": values},
        lambda rows, c: mean(x[rows], c), "mean",
        # Each group's values in value order: the mean never depends on row order.
        lambda rows, where: rows[np.argsort(x[rows], kind="stable")],
    )
    frame["value_count"] = frame["value_count"].astype(np.int64)
    return frame


def _per_row(df: DataFrame, numerator: str, denominator: str, levels: List[float],
             estimator: Callable[[_Floats, _Floats, float], Estimates],
             names: Tuple[str, str], statistic: str) -> DataFrame:
    x, n = _floats(df, numerator), _floats(df, denominator)
    out = df.copy()
    columns = {names[0]: numerator, names[1]: denominator}
    for k, level in enumerate(levels):
        try:
            e = estimator(x, n, level)
        except CarestatError as error:
            where = "" if error.row is None else f"at DataFrame row {error.row}"
            _reraise(error, columns, where, error.row)
        if k == 0:
            out["value"] = e.value
        lo, up = ("lower", "upper") if len(levels) == 1 else (
            f"lower{_suffix(level)}cl", f"upper{_suffix(level)}cl")
        out[lo], out[up] = e.lower, e.upper
        method = _methods(e)
    out["confidence"] = ", ".join(_percent(level) for level in levels)
    out["statistic"] = statistic
    out["method"] = method
    return out


@accepts_polars
def rate(
    df: DataFrame,
    count: str,
    population: str,
    multiplier: float = 100_000.0,
    confidence: Levels = 0.95,
) -> DataFrame:
    """Crude rates per `multiplier` of every row (no grouping), as PHEindicatormethods
    `phe_rate` on an ungrouped data frame: the frame with ``value``, the limits,
    ``confidence``, ``statistic`` and ``method`` added; each row is `crude_rate` of its count
    and population. An error names the column and the DataFrame row.

    >>> import pandas as pd
    >>> from carestat import frames
    >>> df = pd.DataFrame({"area": ["A", "B"], "deaths": [7, 20], "pop": [1000, 2000]})
    >>> frames.rate(df, "deaths", "pop", multiplier=1000)[["value", "method"]].values.tolist()
    [[7.0, 'Exact'], [10.0, 'Byars']]
    """
    return _per_row(df, count, population, _levels(confidence),
                    lambda x, n, c: crude_rate(x, n, multiplier, c),
                    ("count", "population"), f"rate per {_number(multiplier)}")


@accepts_polars
def proportion(
    df: DataFrame,
    numerator: str,
    denominator: str,
    multiplier: float = 1.0,
    confidence: Levels = 0.95,
) -> DataFrame:
    """Proportions (times `multiplier`) with Wilson score limits of every row, as
    PHEindicatormethods `phe_proportion` on an ungrouped data frame; columns as `rate`."""
    return _per_row(df, numerator, denominator, _levels(confidence),
                    lambda x, n, c: wilson_proportion(x, n, multiplier, c),
                    ("numerator", "denominator"), _proportion_statistic(multiplier))
