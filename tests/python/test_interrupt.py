"""Ctrl-C during long calls (issue 16): a signal that arrives while carestat computes is
handled within one chunk of work (2^20 rows, or 65,536 SII repetitions), not when the call
returns. Each call below takes several seconds uninterrupted (20,000,000 fractional counts go
through the exact Poisson limits; 10,000,000 SII repetitions). No test times anything: each
proves that the signal handlers ran during the call (see `CtrlC`)."""

from __future__ import annotations

import importlib
import os
import signal
import threading
import time
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

import numpy as np
import pytest

import carestat
from carestat import frames

# pandas ships no type information.
pd: Any = importlib.import_module("pandas")

ROWS = 20_000_000
# The SII of five quintiles of life expectancy (PHEindicatormethods' phe_sii example data).
POPS = [7291.0, 7997.0, 6105.0, 7666.0, 5790.0]
VALUES = [75.9, 78.3, 83.8, 83.6, 80.5]
SE = [1.64, 1.58, 1.51, 1.78, 1.70]


class Stopped(Exception):
    """Raised by the test's SIGINT handler (as KeyboardInterrupt is by Python's)."""


@pytest.fixture(scope="module")
def counts() -> Any:
    # Fractional counts: every row takes the exact (chi-squared) limits, the slow path.
    return np.random.default_rng(7).random(ROWS) * 100


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


# ---------------------------------------------------------------------------------------
# Funnels and carestat.frames. These tests time nothing: SIGINT is sent one signal at a time
# while the call runs, the next only once the handler has run for the last, and the handler
# raises at the third signal it sees during the call. Signals that arrive while Python code
# cannot run are taken together: a call that never runs the handlers sees one, when it
# returns, and completes. So `Stopped` out of the call shows that the handlers ran during it.

SIGNALS_TO_STOP = 3


class CtrlC:
    """Sends SIGINT to this process while `armed`, one signal at a time (see above).

    Plain attributes, no locks: the handler runs on the main thread between any two
    bytecodes, also inside a `threading.Event` method holding its lock."""

    def __init__(self) -> None:
        self.armed = False
        self.done = False
        self.sent = 0
        self.received = 0
        self.seen = 0  # signals handled while armed

    def handler(self, signum: int, frame: Any) -> None:
        self.received += 1
        if self.armed:
            self.seen += 1
            if self.seen >= SIGNALS_TO_STOP:
                self.armed = False
                raise Stopped()

    def send(self) -> None:
        while not self.done:
            if not self.armed or self.received < self.sent:
                time.sleep(0.001)
                continue
            self.sent += 1
            os.kill(os.getpid(), signal.SIGINT)

    def during(self, call: Callable[..., Any]) -> Callable[..., Any]:
        """`call`, with the signals sent while it runs."""

        def armed(*args: Any, **kwargs: Any) -> Any:
            self.armed = True
            try:
                return call(*args, **kwargs)
            finally:
                self.armed = False

        return armed


@pytest.fixture()
def ctrl_c() -> Iterator[CtrlC]:
    assert threading.current_thread() is threading.main_thread()
    c = CtrlC()
    old = signal.signal(signal.SIGINT, c.handler)
    sender = threading.Thread(target=c.send, daemon=True)
    sender.start()
    try:
        yield c
    finally:
        c.armed = False
        c.done = True
        sender.join()
        # A signal sent last is handled (by this handler, disarmed) before the old one is back.
        while c.received < c.sent:
            time.sleep(0.001)
        signal.signal(signal.SIGINT, old)


def stops(c: CtrlC, call: Callable[[], Any]) -> None:
    """`call()` is ended by the signals sent during it."""
    c.seen = 0
    with pytest.raises(Stopped):
        c.during(call)()
    assert c.seen == SIGNALS_TO_STOP


def areas(n: int, seed: int = 11) -> Dict[str, Any]:
    """Funnel inputs for `n` areas: whole counts from 0 (every limit's branch: none, exact
    below 10, Byar's from 10) with populations, expected counts and rates to match."""
    rng = np.random.default_rng(seed)
    events = np.floor(rng.random(n) * 40)
    population = np.floor(rng.random(n) * 4000) + 100
    expected = rng.random(n) * 40 + 0.5
    rates = (events + rng.random(n) * 3) / population * 100_000
    return {"events": events, "population": population, "expected": expected, "rates": rates}


def test_long_funnel_significance_stops_at_ctrl_c(ctrl_c: CtrlC) -> None:
    # Each takes a second or more: 2-4 microseconds an area, most of it exact Poisson limits.
    a = areas(4_000_000)
    stops(ctrl_c, lambda: carestat.ratio_funnel_significance(a["events"], a["expected"]))
    stops(ctrl_c, lambda: carestat.proportion_funnel_significance(a["events"], a["population"]))
    stops(ctrl_c, lambda: carestat.rate_funnel_significance(a["events"], a["rates"]))
    # Ten chunks of 2^20 areas.
    b = areas(10 * (1 << 20))
    stops(ctrl_c, lambda: carestat.rate_funnel_points(b["events"] + 1, b["rates"]))


def test_a_funnel_call_after_an_interrupted_one_gives_its_result(ctrl_c: CtrlC) -> None:
    # The interrupted proportion significance finishes on its own thread; nothing is shared.
    a = areas(2_000_000)
    stops(ctrl_c, lambda: carestat.proportion_funnel_significance(a["events"], a["population"]))
    s = carestat.proportion_funnel_significance(a["events"][:1000], a["population"][:1000])
    assert len(s) == 1000


def test_chunked_funnel_calls_give_the_core_numbers() -> None:
    # Areas judged each on its own (ratio significance, rate points): a call over many chunks
    # equals calls over slices of at most one chunk (each one call of the core), across chunk
    # boundaries that are not the slices'.
    n = 5 * (1 << 16) + 123
    a = areas(n)
    big = carestat.ratio_funnel_significance(a["events"], a["expected"])
    step = 50_000
    parts = [carestat.ratio_funnel_significance(a["events"][i:i + step], a["expected"][i:i + step])
             for i in range(0, n, step)]
    assert big.dtype == parts[0].dtype
    assert np.array_equal(big, np.concatenate(parts))
    assert len(set(big.tolist())) == 5  # every label but "Not applicable..."
    m = 2 * (1 << 20) + 7
    b = areas(m)
    for rate_type in ("dsr", "crude"):
        kw: Dict[str, Any] = {"rate_type": rate_type, "denominators": b["population"],
                              "years_of_data": 3.0}
        whole = carestat.rate_funnel_points(b["events"], b["rates"], **kw)
        cut = 700_000
        pieces = [carestat.rate_funnel_points(b["events"][i:i + cut], b["rates"][i:i + cut],
                                              rate_type=rate_type,
                                              denominators=b["population"][i:i + cut],
                                              years_of_data=3.0)
                  for i in range(0, m, cut)]
        for key in ("rate_chart", "denominator_derived"):
            joined = np.concatenate([p[key] for p in pieces])
            assert np.array_equal(whole[key], joined, equal_nan=True), (rate_type, key)


def test_funnel_significance_of_every_area_at_once_is_unchanged() -> None:
    # Proportion and rate significance judge each area against the average of all of them.
    # Whole counts and populations sum exactly in any order, so k copies of some areas have
    # those areas' average to the bit, and k copies of their labels: a call of one chunk
    # (on the calling thread) against one of many (on a thread of its own).
    a = areas(30_000)
    k = 40
    tiled = {name: np.tile(v, k) for name, v in a.items()}
    small = carestat.proportion_funnel_significance(a["events"], a["population"])
    big = carestat.proportion_funnel_significance(tiled["events"], tiled["population"])
    assert np.array_equal(big, np.tile(small, k))
    assert len(set(small.tolist())) == 5
    # Rates of whole events in populations of powers of two per 100,000: the derived
    # populations are whole numbers too.
    pops = 2.0 ** np.floor(np.random.default_rng(5).random(30_000) * 8 + 6)
    rates = a["events"] / pops * 100_000
    for rate_type in ("dsr", "crude"):
        kw: Dict[str, Any] = {"rate_type": rate_type, "denominators": pops}
        small = carestat.rate_funnel_significance(a["events"], rates, **kw)
        big = carestat.rate_funnel_significance(
            np.tile(a["events"], k), np.tile(rates, k), denominators=np.tile(pops, k),
            rate_type=rate_type)
        assert np.array_equal(big, np.tile(small, k)), rate_type
        assert len(set(small.tolist())) >= 4, rate_type


def error_of(kind: type, call: Callable[[], Any]) -> Tuple[Optional[str], Optional[int], str]:
    """The field, row and message of the error of type `kind` that `call()` raises."""
    with pytest.raises(carestat.CarestatError) as e:
        call()
    assert type(e.value) is kind, repr(e.value)
    return e.value.field, e.value.row, str(e.value)


def test_chunked_funnel_calls_give_the_core_errors() -> None:
    # The core checks every area's events before any area's expected count or rate: an error
    # in a later chunk comes first when it is in the argument checked first, and is named
    # by its row from the start of the input, as from one call of the core.
    n = 3 * (1 << 16) + 9
    late = 2 * (1 << 16) + 5
    a = areas(n)
    observed, expected = a["events"].copy(), a["expected"].copy()
    expected[10] = 0.0
    observed[late] = -1.0
    assert error_of(carestat.NegativeValueError, lambda: carestat.ratio_funnel_significance(
        observed, expected)) == ("observed", late,
                                 f"observed at row {late}: must not be negative (got -1)")
    observed[late] = 1.0
    assert error_of(carestat.NotPositiveError, lambda: carestat.ratio_funnel_significance(
        observed, expected))[:2] == ("expected", 10)
    error_of(carestat.LengthMismatchError,
             lambda: carestat.ratio_funnel_significance(observed, expected[:-1]))
    m = 2 * (1 << 20) + 3
    b = areas(m)
    events, rates = b["events"] + 1, b["rates"].copy()
    rates[7] = -5.0
    events[(1 << 20) + 11] = np.nan
    assert error_of(carestat.InvalidInputError, lambda: carestat.rate_funnel_points(
        events, rates))[:2] == ("numerators", (1 << 20) + 11)
    events[(1 << 20) + 11] = 3.0
    assert error_of(carestat.NotPositiveError, lambda: carestat.rate_funnel_points(
        events, rates))[:2] == ("rates", 7)
    # An error of the whole call (years_of_data), met in its first chunk, is the core's too.
    assert error_of(carestat.NotPositiveError, lambda: carestat.rate_funnel_points(
        b["events"] + 1, b["rates"], years_of_data=0.0))[:2] == ("years_of_data", None)
    # Calls on a thread of their own raise the core's errors as before.
    denominators = np.where(expected > 0, 50.0, 0.0)
    assert error_of(carestat.NotPositiveError, lambda: carestat.proportion_funnel_significance(
        observed, denominators))[:2] == ("denominators", 10)


def counting(calls: List[int], f: Callable[..., Any], c: CtrlC) -> Callable[..., Any]:
    """`f`, counting its calls in `calls[0]`; the first starts the signals (the handler stops
    them when it raises)."""

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        c.armed = True
        return f(*args, **kwargs)

    return counted


GROUPS = 200_000
REFERENCE_COUNTS = np.arange(19.0) * 10 + 5
REFERENCE_POPULATIONS = np.full(19, 100_000.0)


@pytest.fixture(scope="module")
def bands() -> Any:
    """200,000 areas of the 19 bands of the European Standard Population 2013, in band order."""
    rng = np.random.default_rng(3)
    pops = np.floor(rng.random(GROUPS * 19) * 5000) + 200
    return pd.DataFrame({
        "area": np.repeat(np.arange(GROUPS), 19),
        "deaths": np.floor(pops * rng.random(GROUPS * 19) * 0.01),
        "pop": pops,
    })


GROUPED: Dict[str, Callable[[Any], Any]] = {
    "dsr": lambda df: frames.grouped_dsr(df, "deaths", "pop", by="area"),
    "isr_ratio": lambda df: frames.grouped_isr_ratio(
        df, "deaths", "pop", REFERENCE_COUNTS, REFERENCE_POPULATIONS, by="area"),
    "isr_rate": lambda df: frames.grouped_isr_rate(
        df, "deaths", "pop", REFERENCE_COUNTS, REFERENCE_POPULATIONS, by="area"),
    "mean": lambda df: frames.grouped_mean(df, "deaths", by="area"),
}


@pytest.mark.parametrize("binding", sorted(GROUPED))
def test_grouped_frames_stop_at_ctrl_c(
    binding: str, bands: Any, ctrl_c: CtrlC, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Standardised rates and ratios and means are one call per group (a group is never
    # split), with Python's handlers run between them: the call ends long before the last
    # group. The signals start with the first group's call.
    calls = [0]
    monkeypatch.setattr(frames, binding, counting(calls, getattr(frames, binding), ctrl_c))
    with pytest.raises(Stopped):
        GROUPED[binding](bands)
    assert ctrl_c.seen == SIGNALS_TO_STOP
    assert 0 < calls[0] < GROUPS


def test_grouped_frames_still_give_their_results(bands: Any) -> None:
    # The same frame, uninterrupted, on a few of its areas: one row per area.
    few = bands[bands["area"] < 50]
    for binding, run in GROUPED.items():
        result = run(few)
        assert len(result) == 50, binding
        assert np.isfinite(result["value"].to_numpy()).all(), binding


def test_per_row_frames_stop_at_ctrl_c(
    counts: Any, ctrl_c: CtrlC, monkeypatch: pytest.MonkeyPatch
) -> None:
    # frames.rate and frames.proportion are one chunked call of crude_rate or
    # wilson_proportion over every row: the signals are sent only while that call runs, so
    # the handlers ran within it. 8,000,000 fractional counts: eight chunks of exact limits.
    n = 8_000_000
    df = pd.DataFrame({"deaths": counts[:n], "pop": counts[:n] + 1000})
    monkeypatch.setattr(frames, "crude_rate", ctrl_c.during(carestat.crude_rate))
    with pytest.raises(Stopped):
        frames.rate(df, "deaths", "pop")
    assert ctrl_c.seen == SIGNALS_TO_STOP


def test_a_long_array_call_stops_at_ctrl_c(ctrl_c: CtrlC, counts: Any) -> None:
    # 20,000,000 fractional counts through the exact Poisson limits take seconds; the
    # handlers run between chunks of 2^20 rows, so the signals end the call inside it.
    stops(ctrl_c, lambda: carestat.crude_rate(counts, counts + 1000))
    stops(ctrl_c, lambda: carestat.round_half_away(counts, 1))


def test_a_long_sii_simulation_stops_at_ctrl_c(ctrl_c: CtrlC) -> None:
    # 10,000,000 repetitions, with the handlers run every 65,536 of them.
    stops(
        ctrl_c,
        lambda: carestat.sii(POPS, VALUES, standard_errors=SE, repetitions=10_000_000),
    )
