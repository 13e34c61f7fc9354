"""`carestat.frames` over Dask DataFrames: rates, proportions, DSRs and ISRs, grouped and per
row, each partition computed by carestat through ``map_partitions``, returning Dask DataFrames
with the columns `carestat.frames` gives. As in `carestat.spark`, the numbers are those of
`carestat.frames` on the same rows in pandas, to the bit:

- Per row (`rate`, `proportion`): each partition through `carestat.frames.rate` /
  `proportion`; the partitions and their index are kept.
- Grouped rates and proportions: integer columns are summed by Dask where they lie (exact in
  any order below 2**53), then each group's sums go through carestat; other columns are
  shuffled so that each group lies whole in one partition, and carestat adds its values in its
  own order.
- DSRs and ISRs: shuffled by group, each group's rows (its age bands) together.

Grouped results have the group keys as their first columns (a Dask DataFrame has no
MultiIndex), as `carestat.spark` and polars results do. Errors in the data are raised when the
result is computed; a missing column or a wrong argument at once.

dask is imported only when these functions run (``pip install "dask[dataframe]"``).
"""

from __future__ import annotations

from typing import Any, Callable, List, Mapping, Optional, Sequence, Tuple, Union

from carestat import frames
from carestat._carestat import InvalidInputError
from carestat._partitioned import exact_sums, flat, largest, nulls, result_fields
from carestat.frame_io import pandas as _pandas
from carestat.frames import BandsArg, Keys, Levels, _keys, _levels

__all__ = [
    "grouped_dsr",
    "grouped_isr_rate",
    "grouped_isr_ratio",
    "grouped_proportion",
    "grouped_rate",
    "proportion",
    "rate",
]

#: A Dask DataFrame (typed loosely: dask is optional).
DaskDataFrame = Any

_ALL = "__carestat_all"


def _check(ddf: DaskDataFrame, columns: Sequence[Any]) -> None:
    if not hasattr(ddf, "map_partitions") or not hasattr(ddf, "_meta"):
        raise TypeError(f"ddf: expected a Dask DataFrame, got {type(ddf).__name__}")
    for column in columns:
        if not isinstance(column, str) or column not in ddf.columns:
            names = ", ".join(repr(c) for c in list(ddf.columns)[:20])
            error = InvalidInputError(f"{column}: no such column in the Dask DataFrame "
                                      f"(its columns: {names})")
            error.field = str(column)
            raise error


def _meta(base: Any, extra: Sequence[Any]) -> Any:
    """An empty pandas frame: `base`'s columns (an empty frame), then `extra` (name, kind)
    with the dtypes carestat.frames gives (float64; pandas' dtype for strings)."""
    pd = _pandas()
    text = pd.Series(["x"]).dtype
    out = base.copy()
    for name, kind in extra:
        out[name] = pd.Series([], dtype="float64" if kind == "double" else text,
                              index=out.index)
    return out


def _per_row(ddf: DaskDataFrame, numerator: str, denominator: str, levels: List[float],
             compute: Callable[[Any], Any]) -> DaskDataFrame:
    _check(ddf, [numerator, denominator])
    return ddf.map_partitions(compute, meta=_meta(ddf._meta, result_fields(levels)))


def rate(ddf: DaskDataFrame, count: str, population: str, multiplier: float = 100_000.0,
         confidence: Levels = 0.95) -> DaskDataFrame:
    """Crude rates of every row, as `carestat.frames.rate`."""
    levels = _levels(confidence)
    return _per_row(ddf, count, population, levels,
                    lambda pdf: frames.rate(pdf, count, population, multiplier, levels))


def proportion(ddf: DaskDataFrame, numerator: str, denominator: str,
               multiplier: float = 1.0, confidence: Levels = 0.95) -> DaskDataFrame:
    """Proportions with Wilson limits of every row, as `carestat.frames.proportion`."""
    levels = _levels(confidence)
    return _per_row(ddf, numerator, denominator, levels,
                    lambda pdf: frames.proportion(pdf, numerator, denominator, multiplier,
                                                  levels))


def _integral(ddf: DaskDataFrame, column: str) -> bool:
    dtype = ddf._meta[column].dtype
    pd = _pandas()
    return bool(pd.api.types.is_integer_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype))


def _keyed(ddf: DaskDataFrame, keys: List[str]) -> Tuple[Any, List[str]]:
    """`ddf` with a constant key for the whole frame when there are no keys."""
    if keys:
        return ddf, keys
    return ddf.assign(**{_ALL: 0}), [_ALL]


def _whole_groups(ddf: DaskDataFrame, keys: List[str], columns: Sequence[str]) -> DaskDataFrame:
    """The rows of `keys` and `columns`, each group's rows in one partition."""
    ddf = ddf[list(dict.fromkeys(keys + list(columns)))]
    if keys == [_ALL] or ddf.npartitions == 1:
        return ddf.repartition(npartitions=1)
    return ddf.shuffle(on=keys)


def _result(parts: DaskDataFrame, keys: List[str], totals: Sequence[str], levels: List[float],
            compute: Callable[[Any, Optional[List[str]]], Any]) -> DaskDataFrame:
    """`compute(pdf, keys or None)` (a frames function) over each partition, keys as
    columns."""
    base = parts._meta[keys].iloc[:0].reset_index(drop=True)
    for name in totals:
        base[name] = _pandas().Series([], dtype="float64", index=base.index)
    meta = _meta(base, result_fields(levels))

    def part(pdf: Any) -> Any:
        return flat(compute(pdf, keys or None), keys)

    return parts.map_partitions(part, meta=meta)


def _summed(ddf: DaskDataFrame, numerator: str, denominator: str, by: Keys, levels: List[float],
            grouped: Callable[[Any, Optional[List[str]]], Any]) -> DaskDataFrame:
    keys = _keys(by)
    _check(ddf, keys + [numerator, denominator])
    columns = [numerator, denominator]
    keyed, grouping = _keyed(ddf, keys)
    if all(_integral(ddf, c) for c in columns):
        parts = keyed.assign(**{name: value for c in columns for name, value in (
            (nulls(c), keyed[c].isna().astype("int64")), (largest(c), keyed[c].abs()))})
        aggregates = {}
        for c in columns:
            aggregates.update({c: "sum", nulls(c): "sum", largest(c): "max"})
        sums = parts[grouping + list(aggregates)].groupby(grouping, dropna=False).agg(
            aggregates, split_out=1).reset_index()
        return _result(sums, keys, columns, levels,
                       lambda pdf, k: grouped(exact_sums(pdf, columns), k))
    return _result(_whole_groups(keyed, grouping, columns), keys, columns, levels, grouped)


def grouped_rate(ddf: DaskDataFrame, count: str, population: str, by: Keys = None,
                 multiplier: float = 100_000.0, confidence: Levels = 0.95) -> DaskDataFrame:
    """Crude rates by group, as `carestat.frames.grouped_rate` (keys as columns)."""
    levels = _levels(confidence)
    return _summed(ddf, count, population, by, levels,
                   lambda pdf, keys: frames.grouped_rate(pdf, count, population, keys,
                                                         multiplier, levels))


def grouped_proportion(ddf: DaskDataFrame, numerator: str, denominator: str, by: Keys = None,
                       multiplier: float = 1.0, confidence: Levels = 0.95) -> DaskDataFrame:
    """Proportions with Wilson limits by group, as `carestat.frames.grouped_proportion`."""
    levels = _levels(confidence)
    return _summed(ddf, numerator, denominator, by, levels,
                   lambda pdf, keys: frames.grouped_proportion(pdf, numerator, denominator,
                                                               keys, multiplier, levels))


def _by_group(ddf: DaskDataFrame, by: Keys, columns: Sequence[Optional[str]],
              levels: List[float], compute: Callable[[Any, Optional[List[str]]], Any]
              ) -> DaskDataFrame:
    keys = _keys(by)
    needed = [c for c in columns if c is not None]
    _check(ddf, keys + needed)
    keyed, grouping = _keyed(ddf, keys)
    parts = _whole_groups(keyed, grouping, needed)
    return _result(parts, keys, ["total_count", "total_pop"], levels, compute)


def _column(arg: Any) -> Optional[str]:
    return arg if isinstance(arg, str) else None


def _need_bands(age_band: Optional[str], *columns: Any) -> None:
    if age_band is None and not all(isinstance(c, str) for c in columns):
        error = InvalidInputError("age_band: a Dask DataFrame's rows are shuffled by group, "
                                  "so the column naming each row's age band is needed")
        error.field = "age_band"
        raise error


def grouped_dsr(ddf: DaskDataFrame, count: str, population: str, by: Keys = None,
                standard_population: Optional[Union[BandsArg, Mapping[str, float]]] = None,
                multiplier: float = 100_000.0, confidence: Levels = 0.95,
                age_band: Optional[str] = None) -> DaskDataFrame:
    """Directly standardised rates by group, as `carestat.frames.grouped_dsr` (same
    arguments; `age_band` is needed unless the standard population is a column)."""
    _need_bands(age_band, standard_population)
    levels = _levels(confidence)
    return _by_group(ddf, by, [count, population, _column(standard_population), age_band],
                     levels, lambda pdf, keys: frames.grouped_dsr(
                         pdf, count, population, keys, standard_population, multiplier,
                         levels, age_band))


def grouped_isr_ratio(ddf: DaskDataFrame, count: str, population: str,
                      reference_counts: Union[BandsArg, Mapping[str, float]],
                      reference_populations: Union[BandsArg, Mapping[str, float]],
                      by: Keys = None, refvalue: float = 1.0, confidence: Levels = 0.95,
                      age_band: Optional[str] = None) -> DaskDataFrame:
    """Indirectly standardised ratios by group, as `carestat.frames.grouped_isr_ratio`."""
    _need_bands(age_band, reference_counts, reference_populations)
    levels = _levels(confidence)
    columns = [count, population, _column(reference_counts), _column(reference_populations),
               age_band]
    return _by_group(ddf, by, columns, levels, lambda pdf, keys: frames.grouped_isr_ratio(
        pdf, count, population, reference_counts, reference_populations, keys, refvalue,
        levels, age_band))


def grouped_isr_rate(ddf: DaskDataFrame, count: str, population: str,
                     reference_counts: Union[BandsArg, Mapping[str, float]],
                     reference_populations: Union[BandsArg, Mapping[str, float]],
                     by: Keys = None, multiplier: float = 100_000.0,
                     confidence: Levels = 0.95, age_band: Optional[str] = None
                     ) -> DaskDataFrame:
    """Indirectly standardised rates by group, as `carestat.frames.grouped_isr_rate`."""
    _need_bands(age_band, reference_counts, reference_populations)
    levels = _levels(confidence)
    columns = [count, population, _column(reference_counts), _column(reference_populations),
               age_band]
    return _by_group(ddf, by, columns, levels, lambda pdf, keys: frames.grouped_isr_rate(
        pdf, count, population, reference_counts, reference_populations, keys, multiplier,
        levels, age_band))
