"""`carestat.frames` over Apache Spark DataFrames (Databricks, a Spark cluster, or local mode):
rates, proportions, directly standardised rates and indirectly standardised ratios and rates,
grouped and per row, computed by carestat itself on Arrow batches (``mapInPandas`` and
``applyInPandas``), returned as Spark DataFrames with the columns `carestat.frames` gives
(grouped: the group keys as the first columns, then the frames' columns).

The numbers are those of `carestat.frames` on the same rows in pandas, to the bit:

- Per row (`rate`, `proportion`), each Arrow batch goes through `carestat.frames.rate` /
  `proportion`: a row's result depends on that row alone.
- Grouped rates and proportions sum each group's counts and denominators first. When both
  columns are integers (Spark's byte, short, int or long), Spark sums them where they lie,
  exactly, and only the sums travel to Python: a sum of integers below 2**53 is the same in
  every order, so the result is that of pandas. Other columns (doubles, decimals) travel whole
  by group (``applyInPandas``) so that carestat adds each group's values in the order
  `carestat.frames` does (by value). A missing (null) count or denominator makes its group's
  sums missing, as in `carestat.frames` and R.
- DSRs and ISRs take each group's rows (its age bands) together (``applyInPandas``), with the
  arguments of `carestat.frames.grouped_dsr` / `grouped_isr_ratio` / `grouped_isr_rate`.

pyspark is imported only when these functions run (``pip install pyspark``; Spark needs a Java
17 or later runtime). The results are lazy, as Spark's are: an error in the data (a negative
count, a population of 0) is raised when an action runs (``collect``, ``toPandas``, ``write``),
as Spark's ``PythonException`` carrying carestat's message, which names the column and the
group; a missing column or a wrong argument is raised at once.

>>> from carestat import spark as cs                                  # doctest: +SKIP
>>> cs.grouped_rate(sdf, "deaths", "pop", by="area").toPandas()       # doctest: +SKIP
"""

from __future__ import annotations

import importlib
from typing import Any, Callable, List, Mapping, Optional, Sequence, Tuple, Union

from carestat import frames
from carestat._carestat import InvalidInputError
from carestat._partitioned import exact_sums, flat, largest, nulls, result_fields
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

#: A Spark DataFrame (typed loosely: pyspark is optional).
SparkDataFrame = Any

_INTEGRAL = ("ByteType", "ShortType", "IntegerType", "LongType")


def _types() -> Any:
    try:
        return importlib.import_module("pyspark.sql.types")
    except ImportError as e:
        raise ImportError("carestat.spark needs pyspark, which is not installed: "
                          "pip install pyspark (and a Java 17+ runtime)") from e


def _functions() -> Any:
    return importlib.import_module("pyspark.sql.functions")


def _field(sdf: SparkDataFrame, column: Any, what: str) -> Any:
    """The schema field of `column`, or an error naming it and the DataFrame's columns."""
    if not hasattr(sdf, "schema") or not hasattr(sdf, "mapInPandas"):
        raise TypeError(f"sdf: expected a Spark DataFrame, got {type(sdf).__name__}")
    if not isinstance(column, str):
        error = InvalidInputError(f"{what}: expected a column name, got {type(column).__name__}")
        error.field = what
        raise error
    for f in sdf.schema.fields:
        if f.name == column:
            return f
    names = ", ".join(repr(f.name) for f in sdf.schema.fields[:20])
    error = InvalidInputError(f"{column}: no such column in the Spark DataFrame (its columns: "
                              f"{names})")
    error.field = column
    raise error


def _schema(fields: Sequence[Any], extra: Sequence[Tuple[str, str]]) -> Any:
    """A StructType of the `fields` (Spark fields, in place, an extra of the same name taking
    its place as pandas' column assignment does) and then the other `extra` columns."""
    t = _types()
    kinds = {"double": t.DoubleType(), "string": t.StringType()}
    names = {name for name, _ in extra}
    new = dict(extra)
    out = [t.StructField(f.name, kinds[new[f.name]], True) if f.name in names else f
           for f in fields]
    have = {f.name for f in fields}
    out += [t.StructField(name, kinds[kind], True) for name, kind in extra if name not in have]
    return t.StructType(out)


def _per_row(sdf: SparkDataFrame, numerator: str, denominator: str, levels: List[float],
             compute: Callable[[Any], Any]) -> SparkDataFrame:
    _field(sdf, numerator, "numerator")
    _field(sdf, denominator, "denominator")
    schema = _schema(sdf.schema.fields, result_fields(levels))

    def batches(frames_in: Any) -> Any:
        for pdf in frames_in:
            yield compute(pdf)

    return sdf.mapInPandas(batches, schema)


def rate(sdf: SparkDataFrame, count: str, population: str, multiplier: float = 100_000.0,
         confidence: Levels = 0.95) -> SparkDataFrame:
    """Crude rates of every row, as `carestat.frames.rate`: the DataFrame's columns, then
    ``value``, the limits, ``confidence``, ``statistic``, ``method``."""
    levels = _levels(confidence)
    return _per_row(sdf, count, population, levels,
                    lambda pdf: frames.rate(pdf, count, population, multiplier, levels))


def proportion(sdf: SparkDataFrame, numerator: str, denominator: str,
               multiplier: float = 1.0, confidence: Levels = 0.95) -> SparkDataFrame:
    """Proportions with Wilson limits of every row, as `carestat.frames.proportion`."""
    levels = _levels(confidence)
    return _per_row(sdf, numerator, denominator, levels,
                    lambda pdf: frames.proportion(pdf, numerator, denominator, multiplier,
                                                  levels))


def _key_fields(sdf: SparkDataFrame, keys: List[str]) -> List[Any]:
    return [_field(sdf, k, "by") for k in keys]


def _summed(sdf: SparkDataFrame, numerator: str, denominator: str, by: Keys,
            levels: List[float], grouped: Callable[[Any, List[str]], Any]) -> SparkDataFrame:
    keys = _keys(by)
    key_fields = _key_fields(sdf, keys)
    fields = [_field(sdf, numerator, "numerator"), _field(sdf, denominator, "denominator")]
    t = _types()
    schema = _schema(key_fields + [t.StructField(numerator, t.DoubleType(), True),
                                   t.StructField(denominator, t.DoubleType(), True)],
                     result_fields(levels))
    columns = [numerator, denominator]
    if all(type(f.dataType).__name__ in _INTEGRAL for f in fields):
        F = _functions()
        aggregates = []
        for c in columns:
            aggregates += [F.sum(F.col(c)).alias(c),
                           F.sum(F.when(F.col(c).isNull(), 1).otherwise(0)).alias(nulls(c)),
                           F.max(F.abs(F.col(c))).alias(largest(c))]
        sums = sdf.groupBy(*keys).agg(*aggregates)

        def batches(frames_in: Any) -> Any:
            for pdf in frames_in:
                yield flat(grouped(exact_sums(pdf, columns), keys), keys)

        return sums.mapInPandas(batches, schema)

    def group(pdf: Any) -> Any:
        return flat(grouped(pdf, keys), keys)

    return sdf.select(*keys, *columns).groupBy(*keys).applyInPandas(group, schema)


def grouped_rate(sdf: SparkDataFrame, count: str, population: str, by: Keys = None,
                 multiplier: float = 100_000.0, confidence: Levels = 0.95) -> SparkDataFrame:
    """Crude rates by group, as `carestat.frames.grouped_rate`: one row per group with the
    keys, the summed `count` and `population`, ``value``, the limits, ``confidence``,
    ``statistic``, ``method``. ``by=None`` is the whole DataFrame as one group."""
    levels = _levels(confidence)
    return _summed(sdf, count, population, by, levels,
                   lambda pdf, keys: frames.grouped_rate(pdf, count, population, keys or None,
                                                         multiplier, levels))


def grouped_proportion(sdf: SparkDataFrame, numerator: str, denominator: str, by: Keys = None,
                       multiplier: float = 1.0, confidence: Levels = 0.95) -> SparkDataFrame:
    """Proportions with Wilson limits by group, as `carestat.frames.grouped_proportion`."""
    levels = _levels(confidence)
    return _summed(sdf, numerator, denominator, by, levels,
                   lambda pdf, keys: frames.grouped_proportion(
                       pdf, numerator, denominator, keys or None, multiplier, levels))


def _by_group(sdf: SparkDataFrame, by: Keys, columns: Sequence[Optional[str]],
              levels: List[float], compute: Callable[[Any, Optional[List[str]]], Any]
              ) -> SparkDataFrame:
    """Each group's rows together through `compute(pdf, keys)` (a frames function)."""
    keys = _keys(by)
    key_fields = _key_fields(sdf, keys)
    needed = [c for c in columns if c is not None]
    for c in needed:
        _field(sdf, c, c)
    t = _types()
    totals = [t.StructField("total_count", t.DoubleType(), True),
              t.StructField("total_pop", t.DoubleType(), True)]
    schema = _schema(key_fields + totals, result_fields(levels))
    selected = list(dict.fromkeys(keys + needed))

    def group(pdf: Any) -> Any:
        return flat(compute(pdf, keys or None), keys)

    return sdf.select(*selected).groupBy(*keys).applyInPandas(group, schema)


def _column(arg: Any) -> Optional[str]:
    return arg if isinstance(arg, str) else None


def grouped_dsr(sdf: SparkDataFrame, count: str, population: str, by: Keys = None,
                standard_population: Optional[Union[BandsArg, Mapping[str, float]]] = None,
                multiplier: float = 100_000.0, confidence: Levels = 0.95,
                age_band: Optional[str] = None) -> SparkDataFrame:
    """Directly standardised rates by group, as `carestat.frames.grouped_dsr` (same
    arguments): each group's rows are its age bands; name them with `age_band` (Spark keeps
    no row order). Columns: the keys, ``total_count``, ``total_pop``, ``value``, the
    limits, ``confidence``, ``statistic``, ``method``."""
    if age_band is None and not isinstance(standard_population, str):
        error = InvalidInputError("age_band: a Spark DataFrame has no row order, so the "
                                  "column naming each row's age band is needed")
        error.field = "age_band"
        raise error
    levels = _levels(confidence)
    return _by_group(
        sdf, by, [count, population, _column(standard_population), age_band], levels,
        lambda pdf, keys: frames.grouped_dsr(pdf, count, population, keys,
                                             standard_population, multiplier, levels,
                                             age_band))


def _isr(sdf: SparkDataFrame, count: str, population: str, reference_counts: Any,
         reference_populations: Any, by: Keys, confidence: Levels,
         age_band: Optional[str], compute: Callable[..., Any]) -> SparkDataFrame:
    if age_band is None and not (isinstance(reference_counts, str)
                                 and isinstance(reference_populations, str)):
        error = InvalidInputError("age_band: a Spark DataFrame has no row order, so the "
                                  "column naming each row's age band is needed")
        error.field = "age_band"
        raise error
    levels = _levels(confidence)
    columns = [count, population, _column(reference_counts),
               _column(reference_populations), age_band]
    return _by_group(sdf, by, columns, levels,
                     lambda pdf, keys: compute(pdf, keys, levels))


def grouped_isr_ratio(sdf: SparkDataFrame, count: str, population: str,
                      reference_counts: Union[BandsArg, Mapping[str, float]],
                      reference_populations: Union[BandsArg, Mapping[str, float]],
                      by: Keys = None, refvalue: float = 1.0, confidence: Levels = 0.95,
                      age_band: Optional[str] = None) -> SparkDataFrame:
    """Indirectly standardised ratios by group, as `carestat.frames.grouped_isr_ratio`."""
    return _isr(sdf, count, population, reference_counts, reference_populations, by,
                confidence, age_band,
                lambda pdf, keys, levels: frames.grouped_isr_ratio(
                    pdf, count, population, reference_counts, reference_populations, keys,
                    refvalue, levels, age_band))


def grouped_isr_rate(sdf: SparkDataFrame, count: str, population: str,
                     reference_counts: Union[BandsArg, Mapping[str, float]],
                     reference_populations: Union[BandsArg, Mapping[str, float]],
                     by: Keys = None, multiplier: float = 100_000.0,
                     confidence: Levels = 0.95, age_band: Optional[str] = None
                     ) -> SparkDataFrame:
    """Indirectly standardised rates by group, as `carestat.frames.grouped_isr_rate`."""
    return _isr(sdf, count, population, reference_counts, reference_populations, by,
                confidence, age_band,
                lambda pdf, keys, levels: frames.grouped_isr_rate(
                    pdf, count, population, reference_counts, reference_populations, keys,
                    multiplier, levels, age_band))
