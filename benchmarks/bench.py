"""carestat against numpy, scipy and statsmodels, on the same generated inputs, in one process.

Run with `make bench` (it builds the package into .venv/ and installs
benchmarks/requirements.txt). For each function it checks that carestat and the peer agree
(np.allclose with the rtol printed), then prints rows per second and the ratio of the peer's
time to carestat's. Timings are the best of several runs (the machine is shared, so the best
run is the one least disturbed). Nothing here is a test: a slow run prints "missed", it does
not fail; results that disagree do fail (exit status 1).

    python benchmarks/bench.py [--rows 5000000] [--repeat 15]
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from typing import Any, Callable

import numpy as np
import pandas as pd
import scipy
import scipy.stats
import statsmodels
from statsmodels.stats.proportion import proportion_confint

import carestat

try:  # optional: pyarrow arrays are accepted too when it is installed
    import pyarrow as pa
except ImportError:  # pragma: no cover - depends on the environment
    pa = None

CONFIDENCE = 0.95
PER_100K = 100_000.0


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def best(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The shortest of `repeat` runs (seconds) and the last run's result."""
    times = []
    result = None
    for _ in range(repeat):
        result = None  # free the previous output first: one run's memory at a time
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


# ------------------------------------------------------------------------------ the peers

Z = float(scipy.stats.norm.ppf(1 - (1 - CONFIDENCE) / 2))


def numpy_byars(x: np.ndarray, n: np.ndarray, multiplier: float) -> tuple[np.ndarray, ...]:
    """PHEindicatormethods' Byar's limits, written in numpy as an analyst would."""
    with np.errstate(divide="ignore", invalid="ignore"):
        lower = x * (1 - 1 / (9 * x) - Z / (3 * np.sqrt(x))) ** 3
        x1 = x + 1
        upper = x1 * (1 - 1 / (9 * x1) + Z / (3 * np.sqrt(x1))) ** 3
    scale = multiplier / n
    return x * scale, lower * scale, upper * scale


def scipy_exact(x: np.ndarray, n: np.ndarray, multiplier: float) -> tuple[np.ndarray, ...]:
    """Exact Poisson limits from chi-squared quantiles (scipy), as phe_rate computes them."""
    tail = (1 - CONFIDENCE) / 2
    with np.errstate(invalid="ignore"):
        lower = np.where(x == 0, 0.0, scipy.stats.chi2.ppf(tail, 2 * x) / 2)
    upper = scipy.stats.chi2.ppf(1 - tail, 2 * x + 2) / 2
    scale = multiplier / n
    return x * scale, lower * scale, upper * scale


def statsmodels_wilson(x: np.ndarray, n: np.ndarray) -> tuple[np.ndarray, ...]:
    lower, upper = proportion_confint(x, n, alpha=1 - CONFIDENCE, method="wilson")
    return x / n, lower, upper


def numpy_percent_change(previous: np.ndarray, current: np.ndarray) -> np.ndarray:
    return (current - previous) / previous * 100


# ------------------------------------------------------------------------------ the report

FAILURES: list[str] = []


def agree(
    name: str, ours: np.ndarray, theirs: np.ndarray, rows: np.ndarray, rtol: float, atol: float = 0.0
) -> str:
    ok = bool(np.allclose(ours[rows], theirs[rows], rtol=rtol, atol=atol, equal_nan=True))
    if not ok:
        worst = np.nanmax(np.abs(ours[rows] - theirs[rows]) - rtol * np.abs(theirs[rows]))
        FAILURES.append(f"{name}: results differ (by up to {worst:.3g} beyond rtol)")
    return "agree" if ok else "DIFFER"


def row(label: str, rows: int, ours: float, peer: str, theirs: float, target: str, met: bool | None,
        check: str) -> None:
    ratio = theirs / ours
    verdict = "" if met is None else ("met" if met else "missed")
    print(
        f"{label:<34} {rows / ours / 1e6:>9.1f} {peer:<30} {rows / theirs / 1e6:>9.1f} "
        f"{ratio:>7.1f}x  {target:<16} {verdict:<6} {check}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=5_000_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    n_rows, repeat = args.rows, args.repeat

    rng = np.random.default_rng(20_240_601)
    population = rng.integers(1_000, 500_000, n_rows).astype(np.float64)
    counts_big = rng.integers(0, 2_000, n_rows).astype(np.float64)  # ~0.5% below 10
    counts_small = rng.integers(0, 12, n_rows).astype(np.float64)  # ~83% below 10
    numerator = np.floor(population * rng.random(n_rows))
    previous = rng.integers(1, 10_000, n_rows).astype(np.float64)
    current = rng.integers(0, 10_000, n_rows).astype(np.float64)

    print(
        f"carestat {getattr(carestat, '__version__', '?')} against numpy {np.__version__}, "
        f"scipy {scipy.__version__}, statsmodels {statsmodels.__version__}, "
        f"pandas {pd.__version__}" + (f", pyarrow {pa.__version__}" if pa else "")
    )
    print(
        f"machine: {cpu_model()}, {os.cpu_count()} cores (nproc), Python "
        f"{platform.python_version()}; {n_rows:,} rows, best of {repeat} runs "
        f"(scipy: best of {max(1, repeat // 7)})"
    )
    print()
    print(
        f"{'function':<34} {'carestat':>9} {'peer':<30} {'peer':>9} {'ratio':>8}  "
        f"{'target':<16} {'':<6} results"
    )
    print(f"{'':<34} {'M rows/s':>9} {'':<30} {'M rows/s':>9}")

    # Crude rates, counts mostly 10 or more: Byar's against numpy's formula.
    t_ours, ours = best(lambda: carestat.crude_rate(counts_big, population, PER_100K, CONFIDENCE), repeat)
    t_np, theirs = best(lambda: numpy_byars(counts_big, population, PER_100K), repeat)
    byars_rows = counts_big >= 10
    check = " ".join(
        agree(f"crude rate {col}", getattr(ours, col), theirs[i], byars_rows, 1e-12)
        for i, col in enumerate(("value", "lower", "upper"))
    )
    row("crude rate, counts mostly >= 10", n_rows, t_ours, "numpy Byar's formula", t_np,
        ">= 4x", t_np / t_ours >= 4, f"{check} (rtol 1e-12, Byar's rows)")

    # The same from a pandas Series and a pyarrow array (read without a Python-level loop).
    counts_series, population_series = pd.Series(counts_big), pd.Series(population)
    t_pd, ours_pd = best(lambda: carestat.crude_rate(counts_series, population_series, PER_100K, CONFIDENCE), repeat)
    same = np.array_equal(ours_pd.upper, ours.upper, equal_nan=True)
    if not same:
        FAILURES.append("crude rate from pandas Series differs from numpy input")
    row("  ... from pandas Series", n_rows, t_pd, "numpy Byar's formula", t_np, "", None,
        "same as numpy input" if same else "DIFFER")
    if pa is not None:
        counts_arrow, population_arrow = pa.array(counts_big), pa.array(population)
        t_pa, ours_pa = best(lambda: carestat.crude_rate(counts_arrow, population_arrow, PER_100K, CONFIDENCE), repeat)
        same = np.array_equal(ours_pa.upper, ours.upper, equal_nan=True)
        if not same:
            FAILURES.append("crude rate from pyarrow arrays differs from numpy input")
        row("  ... from pyarrow arrays", n_rows, t_pa, "numpy Byar's formula", t_np, "", None,
            "same as numpy input" if same else "DIFFER")

    # Crude rates, counts mostly below 10: exact limits against scipy's chi-squared quantiles.
    t_ours, ours = best(lambda: carestat.crude_rate(counts_small, population, PER_100K, CONFIDENCE), repeat)
    t_sp, theirs = best(lambda: scipy_exact(counts_small, population, PER_100K), max(1, repeat // 7))
    exact_rows = counts_small < 10
    check = " ".join(
        agree(f"exact rate {col}", getattr(ours, col), theirs[i], exact_rows, 1e-9)
        for i, col in enumerate(("value", "lower", "upper"))
    )
    row("crude rate, counts mostly < 10", n_rows, t_ours, "scipy chi2.ppf exact limits", t_sp,
        ">= 50x", t_sp / t_ours >= 50, f"{check} (rtol 1e-9, exact rows)")

    # Wilson proportions against statsmodels.
    t_ours, ours = best(lambda: carestat.wilson_proportion(numerator, population, 1.0, CONFIDENCE), repeat)
    t_sm, theirs = best(lambda: statsmodels_wilson(numerator, population), repeat)
    every_row = np.ones(n_rows, dtype=bool)
    check = " ".join(
        # atol: a lower limit of 0 (numerator 0) comes out as 0 or as about 1e-17
        agree(f"Wilson {col}", getattr(ours, col), theirs[i], every_row, 1e-9, 1e-15)
        for i, col in enumerate(("value", "lower", "upper"))
    )
    row("Wilson proportion", n_rows, t_ours, "statsmodels proportion_confint", t_sm,
        ">= 4x", t_sm / t_ours >= 4, f"{check} (rtol 1e-9, atol 1e-15)")

    # Percentage change against numpy's formula, and against a plain copy (memory bound).
    t_ours, ours = best(lambda: carestat.percent_change(previous, current), repeat)
    t_np, theirs = best(lambda: numpy_percent_change(previous, current), repeat)
    t_copy, _ = best(lambda: previous.copy(), repeat)
    check = agree("percent change", ours, theirs, every_row, 1e-15)
    row("percentage change", n_rows, t_ours, "numpy (c - p) / p * 100", t_np, "", None,
        f"{check} (rtol 1e-15)")
    row("percentage change vs a copy", n_rows, t_ours, "numpy array copy", t_copy,
        ">= 0.67x (1.5x)", t_ours <= 1.5 * t_copy, "")

    print()
    if FAILURES:
        for failure in FAILURES:
            print(f"FAILED: {failure}")
        return 1
    print("all results agree")
    return 0


if __name__ == "__main__":
    sys.exit(main())
