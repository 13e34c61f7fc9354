"""Result types as Python values (issue 16): pickle, copy and deepcopy give equal results,
`Estimate` and `Estimates` compare with `==` (a missing value equals a missing value), result
arrays are read-only, and read-only input arrays are read like writeable ones."""

from __future__ import annotations

import copy
import math
import pickle
from pathlib import Path
from typing import Any, Callable, List

import numpy as np
import pytest

import carestat

ROOT = Path(__file__).resolve().parents[2]
WORCS = ROOT / "examples" / "data" / "worcestershire-2023-24.json"


def round_trips(x: Any) -> List[Any]:
    return [
        pickle.loads(pickle.dumps(x, protocol=p)) for p in range(2, pickle.HIGHEST_PROTOCOL + 1)
    ] + [copy.copy(x), copy.deepcopy(x)]


def test_estimate_pickles_and_compares() -> None:
    # Worcestershire's 4,455 safeguarding concerns in 485,737 adults (Byar's).
    e = carestat.crude_rate(4455, 485_737)
    for other in round_trips(e):
        assert type(other) is carestat.Estimate and other == e and hash(other) == hash(e)
        assert (other.value, other.lower, other.upper, other.method) == (
            e.value, e.lower, e.upper, e.method)
    assert e != carestat.crude_rate(4456, 485_737)
    assert e != (e.value, e.lower, e.upper, e.method)  # not a tuple
    # A missing result equals itself after a round trip (NaN fields compare equal here).
    missing = carestat.crude_rate(float("nan"), 10.0)
    assert math.isnan(missing.value) and missing.method == ""
    assert all(other == missing for other in round_trips(missing))
    assert len({e, copy.copy(e), missing, copy.copy(missing)}) == 2
    # Built from its fields; an unknown method name is refused.
    assert carestat.Estimate(e.value, e.lower, e.upper, "Byars") == e
    with pytest.raises(carestat.UnknownValueError, match="Byar") as err:
        carestat.Estimate(1.0, 0.0, 2.0, "Byar")
    assert err.value.field == "method"


def test_estimates_pickle_compare_index_and_iterate() -> None:
    r = carestat.crude_rate([4, 20, np.nan], [1000, 2000, 10])
    for other in round_trips(r):
        assert type(other) is carestat.Estimates and other == r
        assert other.method.tolist() == ["Exact", "Byars", ""]
        assert not other.value.flags.writeable
    assert r != r[:2] and r[:2] == carestat.crude_rate([4, 20], [1000, 2000])
    assert [e.method for e in r] == ["Exact", "Byars", ""]
    assert r[-1] == carestat.Estimate(math.nan, math.nan, math.nan, "")
    rebuilt = carestat.Estimates(r.value, r.lower, r.upper, r.method)
    assert rebuilt == r
    with pytest.raises(ValueError, match="columns of different lengths"):
        carestat.Estimates(r.value, r.lower[:2], r.upper, r.method)


def test_estimates_keep_their_pandas_index_through_pickle() -> None:
    pd = pytest.importorskip("pandas")
    idx = ["Leeds", "York"]
    r = carestat.crude_rate(pd.Series([4, 20], index=idx), pd.Series([1000, 2000], index=idx))
    back = pickle.loads(pickle.dumps(r))
    assert back == r and list(back.index) == idx
    assert back.to_frame().loc["York", "value"] == 10.0 * 100_000 / 1000
    # The same numbers with another index are another result.
    assert back != carestat.crude_rate([4, 20], [1000, 2000])


def test_result_arrays_are_read_only() -> None:
    r = carestat.wilson_proportion([1, 2], [10, 10])
    for column in (r.value, r.lower, r.upper, r.method, r[:1].value):
        assert not column.flags.writeable
    with pytest.raises(ValueError, match="read-only"):
        r.value[0] = 0.5
    # A copy is the caller's to change.
    mine = np.array(r.value)
    mine[0] = 0.5
    assert r.value[0] == pytest.approx(0.1)


def test_findings_frame_pickles() -> None:
    pytest.importorskip("pandas")
    df = carestat.audit(WORCS)
    for other in round_trips(df):
        assert type(other) is type(df) and other.equals(df)
        assert "background-color" in other._repr_html_()


READ_ONLY_CALLS: List[Callable[[Any, Any], Any]] = [
    lambda c, p: carestat.crude_rate(c, p),
    lambda c, p: carestat.wilson_proportion(c, p),
    lambda c, p: carestat.percent_change(p, c + p),
    lambda c, p: carestat.point_change(c, p),
    lambda c, p: carestat.dsr(c, p, standard_populations=p),
    lambda c, p: carestat.isr_ratio(c, p, reference_counts=c, reference_populations=p),
    lambda c, p: carestat.rate_funnel_significance(c, p),
    lambda c, p: carestat.quintiles(c + p * 1e-3),
    lambda c, p: carestat.rank(c + p * 1e-3),
    lambda c, p: carestat.round_half_away(c / 3.0, 1),
]


@pytest.mark.parametrize("call", READ_ONLY_CALLS)
@pytest.mark.parametrize("dtype", [np.float64, np.int64, np.float32])
def test_read_only_inputs_are_read_like_writeable_ones(call: Callable[[Any, Any], Any], dtype: Any) -> None:
    counts = np.array([4, 20, 7, 0, 12], dtype=dtype)
    pops = np.array([1000, 2000, 900, 500, 1500], dtype=dtype)
    want = call(counts.copy(), pops.copy())
    counts.flags.writeable = False
    pops.flags.writeable = False
    got = call(counts, pops)
    assert not counts.flags.writeable and not pops.flags.writeable
    if isinstance(want, carestat.Estimates):
        assert got == want
    else:
        np.testing.assert_array_equal(np.asarray(got), np.asarray(want))
