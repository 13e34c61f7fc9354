"""Ctrl-C during long calls (issue 16): a signal that arrives while carestat computes is
handled within one chunk of work (2^20 rows, or 65,536 SII repetitions), not when the call
returns. Each call below takes several seconds uninterrupted (20,000,000 fractional counts go
through the exact Poisson limits; 10,000,000 SII repetitions); the signal comes 0.3 s in."""

from __future__ import annotations

import os
import signal
import threading
import time
from typing import Any, Callable, Iterator

import numpy as np
import pytest

import carestat

ROWS = 20_000_000
# The SII of five quintiles of life expectancy (PHEindicatormethods' phe_sii example data).
POPS = [7291.0, 7997.0, 6105.0, 7666.0, 5790.0]
VALUES = [75.9, 78.3, 83.8, 83.6, 80.5]
SE = [1.64, 1.58, 1.51, 1.78, 1.70]


class Stopped(Exception):
    """Raised by the test's SIGINT handler (as KeyboardInterrupt is by Python's)."""


@pytest.fixture()
def sigint_handler() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread() or not hasattr(os, "kill"):
        pytest.skip("signals are delivered to the main thread only")

    def handler(signum: int, frame: Any) -> None:
        raise Stopped()

    old = signal.signal(signal.SIGINT, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, old)


@pytest.fixture(scope="module")
def counts() -> Any:
    # Fractional counts: every row takes the exact (chi-squared) limits, the slow path.
    return np.random.default_rng(7).random(ROWS) * 100


def interrupted_after(call: Callable[[], Any], delay: float = 0.3) -> float:
    """Seconds from the call's start until the signal's exception came out of it."""
    timer = threading.Timer(delay, os.kill, (os.getpid(), signal.SIGINT))
    start = time.perf_counter()
    timer.start()
    try:
        with pytest.raises(Stopped):
            call()
    finally:
        timer.cancel()
    return time.perf_counter() - start


@pytest.mark.usefixtures("sigint_handler")
def test_a_long_array_call_stops_at_ctrl_c(counts: Any) -> None:
    calls: list[Callable[[], Any]] = [
        lambda: carestat.crude_rate(counts, counts + 1000),
        lambda: carestat.round_half_away(counts, 1),
    ]
    for call in calls:
        assert interrupted_after(call) < 2.0


@pytest.mark.usefixtures("sigint_handler")
def test_a_long_sii_simulation_stops_at_ctrl_c() -> None:
    elapsed = interrupted_after(
        lambda: carestat.sii(POPS, VALUES, standard_errors=SE, repetitions=10_000_000)
    )
    assert elapsed < 2.0


def test_chunked_calls_give_the_same_numbers_and_rows() -> None:
    # Across chunk boundaries (2^20 rows each) results equal the scalar ones, and a bad row
    # in a later chunk is named by its row from the start of the input.
    n = 3 * (1 << 20) + 5
    counts = np.arange(n, dtype=np.float64) % 50
    pops = np.full(n, 1000.0)
    r = carestat.crude_rate(counts, pops)
    for i in (0, (1 << 20) - 1, 1 << 20, n - 1):
        assert r[i] == carestat.crude_rate(counts[i], pops[i])
    counts[(1 << 21) + 3] = -1.0
    with pytest.raises(carestat.NegativeValueError) as e:
        carestat.crude_rate(counts, pops)
    assert e.value.row == (1 << 21) + 3
    x = np.full(n, 1.25)
    x[n - 2] = np.inf
    with pytest.raises(carestat.NotFiniteError) as inf:
        carestat.round_half_away(x, 1)
    assert inf.value.row == n - 2
