"""carestat.spark against Spark's own column expressions, in Spark local mode.

Run with `make bench` (after benchmarks/bench.py). Crude rates per 100,000 with 95% limits on
generated rows (counts mostly 10 or more, so Byar's limits apply): carestat.spark.rate (Arrow
batches through carestat, exact Poisson limits below 10 and Byar's from 10) against Byar's
formula written as Spark column expressions (which have no exact limits: Spark has no
chi-squared quantile), per row and grouped by 153 areas. Each run writes the whole result to
Spark's "noop" sink, so every row is computed and nothing is collected; the time is the best
of several runs. It prints rows per second and the ratio of the expressions' time to
carestat's (above 1: carestat is faster), and checks that both agree on Byar's rows
(relative 1e-12). Nothing here is a test: timings never fail; results that disagree do.

    python benchmarks/bench_spark.py [--rows 2000000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import warnings
from typing import Any, Callable, Iterator, Tuple

import pyspark
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

import carestat
from carestat import spark as cs

PER_100K = 100_000.0
Z = statistics.NormalDist().inv_cdf(0.975)


def best(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def byars(x: Any, n: Any) -> Tuple[Any, Any, Any]:
    """Byar's limits (PHEindicatormethods' formula) as Spark column expressions, for counts of
    10 or more (null below: Spark 4's ANSI mode refuses the formula's 1 / (9 * 0))."""
    x1 = x + 1
    byars_rows = x >= 10
    lower = F.when(byars_rows, x * F.pow(1 - 1 / (9 * x) - Z / (3 * F.sqrt(x)), 3))
    upper = F.when(byars_rows, x1 * F.pow(1 - 1 / (9 * x1) + Z / (3 * F.sqrt(x1)), 3))
    scale = F.lit(PER_100K) / n
    return x * scale, lower * scale, upper * scale


def unchanged(batches: Iterator[Any]) -> Iterator[Any]:
    """A pandas UDF that does nothing: the cost of Arrow batches to pandas and back."""
    yield from batches


def run(df: Any) -> None:
    df.write.format("noop").mode("overwrite").save()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas")
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (SparkSession.builder.master("local[2]").appName("carestat-bench")
             .config("spark.ui.enabled", "false")
             .config("spark.ui.showConsoleProgress", "false")
             .config("spark.sql.shuffle.partitions", "4")
             .config("spark.driver.memory", "4g")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")

    # Counts 0..1999 (about 0.5% below 10), populations 1,000..500,000, 153 areas.
    rows = (spark.range(args.rows, numPartitions=4)
            .withColumn("count", F.floor(F.rand(1) * 2000).cast("long"))
            .withColumn("pop", (F.floor(F.rand(2) * 499_000) + 1000).cast("long"))
            .withColumn("area", (F.col("id") % 153).cast("int"))
            .cache())
    rows.count()

    print(f"carestat {carestat.__version__} on Spark {pyspark.__version__} local[2] "
          f"({os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}); {args.rows:,} rows, "
          f"best of {args.repeat} runs")

    print()
    print(f"{'':<28} {'carestat.spark':>15} {'Spark expressions':>18} {'ratio':>8}")
    print(f"{'':<28} {'M rows/s':>15} {'M rows/s':>18}")

    ours = cs.rate(rows, "count", "pop")
    value, lower, upper = byars(F.col("count").cast("double"), F.col("pop").cast("double"))
    theirs = rows.select("*", value.alias("value"), lower.alias("lower"), upper.alias("upper"))
    t_ours = best(lambda: run(ours), args.repeat)
    t_theirs = best(lambda: run(theirs), args.repeat)
    print(f"{'crude rate, per row':<28} {args.rows / t_ours / 1e6:>15.2f} "
          f"{args.rows / t_theirs / 1e6:>18.2f} {t_theirs / t_ours:>7.2f}x")

    # The floor of any pandas UDF: the same rows through mapInPandas, unchanged.
    t_floor = best(lambda: run(rows.mapInPandas(unchanged, rows.schema)), args.repeat)
    print(f"{'  mapInPandas doing nothing':<28} {args.rows / t_floor / 1e6:>15.2f} "
          f"{args.rows / t_theirs / 1e6:>18.2f} {t_theirs / t_floor:>7.2f}x")

    # Grouped: Spark sums the counts (integers) either way; then the rate of each sum.
    g_ours = cs.grouped_rate(rows, "count", "pop", by="area")
    sums = rows.groupBy("area").agg(F.sum("count").alias("count"), F.sum("pop").alias("pop"))
    gv, gl, gu = byars(F.col("count").cast("double"), F.col("pop").cast("double"))
    g_theirs = sums.select("*", gv.alias("value"), gl.alias("lower"), gu.alias("upper"))
    t_g_ours = best(lambda: run(g_ours), args.repeat)
    t_g_theirs = best(lambda: run(g_theirs), args.repeat)
    print(f"{'crude rate, by 153 areas':<28} {args.rows / t_g_ours / 1e6:>15.2f} "
          f"{args.rows / t_g_theirs / 1e6:>18.2f} {t_g_theirs / t_g_ours:>7.2f}x")

    # Agreement on Byar's rows: the largest relative difference of each column.
    check = ours.where(F.col("count") >= 10).select(
        *[F.max(F.abs(F.col(c) / e - 1)).alias(c) for c, e in
          (("value", value), ("lower", lower), ("upper", upper))]).first()
    g_check = g_ours.join(g_theirs.select("area", *[F.col(c).alias(f"s_{c}") for c in (
        "value", "lower", "upper")]), "area").select(
        *[F.max(F.abs(F.col(c) / F.col(f"s_{c}") - 1)).alias(c)
          for c in ("value", "lower", "upper")]).first()
    spark.stop()
    worst = max(max(check), max(g_check))
    print()
    print(f"largest relative difference on Byar's rows: per row {max(check):.2g}, "
          f"grouped {max(g_check):.2g} (bound 1e-12)")
    if not worst <= 1e-12:
        print("FAILED: carestat.spark and Spark's expressions differ")
        return 1
    print("all results agree")
    return 0


if __name__ == "__main__":
    sys.exit(main())
