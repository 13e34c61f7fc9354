"""Concurrent use from threads: the module keeps no hidden state, and array work runs with the
GIL released, so threads really overlap. Each thread checks its own results against the PHE
oracle and its own errors (field and row)."""

from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor
from typing import List

import numpy as np

import carestat
from helpers import Row, close, num

THREADS = 8
ROUNDS = 30
TILES = 200  # rows per call: fixture rows x TILES


def expected(rows: List[Row], column: str) -> "np.typing.NDArray[np.float64]":
    return np.tile(np.array([num(r, column) for r in rows]), TILES)


def agrees(got: "np.typing.NDArray[np.float64]", want: "np.typing.NDArray[np.float64]") -> bool:
    return bool(np.allclose(got, want, rtol=1e-9, atol=1e-15, equal_nan=True))


def work(thread: int, rate_rows: List[Row], prop_rows: List[Row]) -> int:
    """Runs ROUNDS calls; returns the number of rows checked. Raises on any wrong result."""
    confidence, lo, hi = (0.95, "lower95_0cl", "upper95_0cl") if thread % 2 else (0.998, "lower99_8cl", "upper99_8cl")
    rate100 = [r for r in rate_rows if num(r, "multiplier") == 100.0]
    prop100 = [r for r in prop_rows if num(r, "multiplier") == 100.0]
    checked = 0
    for round_ in range(ROUNDS):
        use_rates = (thread + round_) % 2 == 1
        rows = rate100 if use_rates else prop100
        f = carestat.crude_rate if use_rates else carestat.wilson_proportion
        out = f(expected(rows, "Numerator"), expected(rows, "Denominator"), 100.0, confidence)
        for got, column in ((out.value, "value"), (out.lower, lo), (out.upper, hi)):
            assert agrees(got, expected(rows, column)), (thread, round_, column)
        checked += len(out)
        # An error of this thread's own, at its own row.
        bad_row = thread + round_
        counts = np.ones(bad_row + 3)
        counts[bad_row] = -1.0
        try:
            carestat.crude_rate(counts, 100.0)
        except carestat.NegativeValueError as e:
            assert (e.field, e.row) == ("count", bad_row), (thread, e)
        else:
            raise AssertionError("no error")
        # And a scalar call.
        row = rate100[round_ % len(rate100)]
        e1 = carestat.crude_rate(num(row, "Numerator"), num(row, "Denominator"), 100.0, confidence)
        assert close(e1.upper, num(row, hi)), (thread, round_)
    return checked


def test_threads_get_their_own_correct_results(rate_rows: List[Row], prop_rows: List[Row]) -> None:
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        futures = [pool.submit(work, t, rate_rows, prop_rows) for t in range(THREADS)]
        totals = [f.result() for f in futures]
    assert all(t > 0 for t in totals)


def test_many_threads_share_one_input_array() -> None:
    # Shared read-only input, borrowed by every thread at once.
    counts = np.tile(np.array([1.0, 5.0, 20.0, 65.0, math.nan]), 2000)
    counts.flags.writeable = False
    ref = carestat.crude_rate([1.0, 5.0, 20.0, 65.0, math.nan], 100.0, 100.0)

    def one(_: int) -> bool:
        out = carestat.crude_rate(counts, 100.0, 100.0)
        return bool(
            np.array_equal(out.upper[-5:], ref.upper, equal_nan=True)
            and np.array_equal(out.value[:5], ref.value, equal_nan=True)
        )

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        assert all(pool.map(one, range(64)))
