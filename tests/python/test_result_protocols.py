"""Result types as Python values (issue 16): pickle, copy and deepcopy give equal results,
`Estimate` and `Estimates` compare with `==` (a missing value equals a missing value), result
arrays are read-only, and read-only input arrays are read like writeable ones. The other result
classes (`PreviousRange`, `SiiInterval`, `Sii`, `RatingShares`, `CqcRating`, `PossibleRating`,
`ascof.Measure`, `ascof.Outcome`, `ascof.YearComparison`) pickle, copy, compare and hash the
same way."""

from __future__ import annotations

import copy
import math
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable, Dict, List, NamedTuple, Sequence

import numpy as np
import pytest

import carestat
import carestat._carestat as _carestat
from carestat import ascof

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


# --- The other result classes -------------------------------------------------------------


def same_value(a: Any, b: Any) -> bool:
    """`a` and `b` alike, written without the classes' own `==`: NaN alike, floats by their
    value and type, tuples, lists and dicts element by element."""
    if isinstance(a, float) and isinstance(b, float):
        return type(a) is type(b) and (a == b or (math.isnan(a) and math.isnan(b)))
    if isinstance(a, (tuple, list)) and isinstance(b, (tuple, list)):
        return type(a) is type(b) and len(a) == len(b) and all(map(same_value, a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(same_value(a[k], b[k]) for k in a)
    return type(a) is type(b) and bool(a == b)


def fields_of(x: Any, names: Sequence[str]) -> List[Any]:
    """The named fields of `x`, results among them read field by field too."""
    out: List[Any] = []
    for name in names:
        value = getattr(x, name)
        if callable(value):  # a method without arguments: its answer is a field too
            value = value()
        if type(value).__module__.startswith("carestat"):
            value = fields_of(value, FIELDS[type(value).__name__])
        elif isinstance(value, tuple) and value and type(value[0]).__module__.startswith("carestat"):
            value = tuple(fields_of(v, FIELDS[type(v).__name__]) for v in value)
        out.append(value)
    return out


FIELDS: Dict[str, List[str]] = {
    "PreviousRange": ["lower", "point", "upper", "whole_numbers"],
    "SiiInterval": ["confidence", "sii_lower", "sii_upper", "rii_lower", "rii_upper"],
    "Sii": ["sii", "rii", "intercept", "intervals"],
    "RatingShares": ["rule", "denominator", "outstanding", "good", "requires_improvement",
                     "inadequate", "not_rated", "outstanding_or_good"],
    "CqcRating": ["percentage", "rating", "total", "assessed", "max_total", "band_rule",
                  "ambiguous", "rating_lower_band", "rating_upper_band", "theme_percentages"],
    "PossibleRating": ["rating", "min_total", "max_total", "min_percentage", "max_percentage"],
    "Measure": ["id", "label", "framework", "objective", "name", "unit", "unit_label",
                "age_band", "max_score", "multiplier", "decimals", "polarity", "formula",
                "data_source", "weighted_aggregates", "certainty", "mapping", "counterpart",
                "mapping_certainty", "source", "note"],
    "Outcome": ["value", "published", "decimals"],
    "YearComparison": ["previous", "current", "difference", "difference_unit",
                       "percent_change", "judgement"],
}


def _sii(values: List[float], se: List[float], **kw: Any) -> carestat.Sii:
    return carestat.sii([1200, 1500, 1100, 1300, 1000], values, standard_errors=se,
                        repetitions=2000, **kw)


SII = _sii([72.1, 74.0, 75.2, 77.9, 79.3], [0.4, 0.3, 0.5, 0.3, 0.4], confidence=(0.95, 0.998))
# Every value 0 with no uncertainty: the RII (and its limits) is 0/0, missing.
SII_MISSING = _sii([0.0] * 5, [0.0] * 5)
M_2023 = ascof.measure("1B", framework="2023-24")
M_2022 = ascof.measure("1B", framework="2022-23")
POSSIBLE = carestat.cqc_possible_ratings([3, 3])  # 7 statements unpublished: any band


class Case(NamedTuple):
    """A result, one with a missing (NaN or None) field, and one that differs from it."""

    result: Any
    missing: Any
    other: Any


CASES: Dict[str, Case] = {
    # 22,555 requests, "an increase of 4.4%" (1 decimal); a missing current value.
    "PreviousRange": Case(carestat.previous_from_percent_change(22555, 4.4, 1),
                          carestat.previous_from_percent_change(None, 4.4, 1),
                          carestat.previous_from_percent_change(22555, 4.5, 1)),
    "SiiInterval": Case(SII.intervals[0], SII_MISSING.intervals[0], SII.intervals[1]),
    "Sii": Case(SII, SII_MISSING, _sii([72.1, 74.0, 75.2, 77.9, 79.4], [0.4, 0.3, 0.5, 0.3, 0.4])),
    # Rated-only shares have no unrated share (None).
    "RatingShares": Case(carestat.rating_shares(3, 20, 5, 1, 4),
                         carestat.rating_shares(3, 20, 5, 1, 4, include_unrated=False),
                         carestat.rating_shares(3, 20, 5, 2, 4)),
    # Three statements assessed: three themes have no percentage (NaN).
    "CqcRating": Case(carestat.cqc_la_rating([3, 2, 3, 3, 4, 2, 3, 3, 3]),
                      carestat.cqc_la_rating([3, 3, 3]),
                      carestat.cqc_la_rating([3, 2, 3, 3, 4, 2, 3, 3, 4])),
    # PossibleRating has no field that can be missing (whole numbers and a band).
    "PossibleRating": Case(POSSIBLE[1], POSSIBLE[2], POSSIBLE[2]),
    # 1B has no age band, maximum score or note (None); the same id in the old framework.
    "Measure": Case(M_2023, M_2023, M_2022),
    "Outcome": Case(M_2023.outcome(417, 590), M_2023.outcome(None, 590), M_2023.outcome(418, 590)),
    "YearComparison": Case(M_2023.compare(70.6, 72.3), M_2023.compare(None, 72.3),
                           M_2023.compare(70.6, 72.4)),
}


def test_every_result_class_is_covered() -> None:
    # A result class added to the module without a case here fails this test.
    classes = {name for name in dir(_carestat)
               if isinstance(getattr(_carestat, name), type)
               and not issubclass(getattr(_carestat, name), BaseException)}
    assert classes - {"Estimate", "Estimates"} == set(CASES) == set(FIELDS)
    for name, case in CASES.items():
        for x in case:
            assert type(x).__name__ == name


@pytest.mark.parametrize("name", sorted(CASES))
def test_result_pickles_copies_and_compares(name: str) -> None:
    case = CASES[name]
    x = case.result
    fields = fields_of(x, FIELDS[name])
    assert not any(f is None or (isinstance(f, float) and math.isnan(f)) for f in fields[:3])
    for back in round_trips(x):
        assert type(back) is type(x) and back is not x
        assert back == x and not back != x and x == back
        assert same_value(fields_of(back, FIELDS[name]), fields)
        assert hash(back) == hash(x)
        assert repr(back) == repr(x)
    assert len({x, copy.copy(x), pickle.loads(pickle.dumps(x))}) == 1
    # Another result is not equal, and neither is a tuple of the fields.
    other = case.other
    assert not same_value(fields_of(other, FIELDS[name]), fields)
    assert x != other and not x == other and other != x
    assert len({x, other}) == 2
    assert x != tuple(fields) and x != None  # noqa: E711 (== of another type is False)


@pytest.mark.parametrize("name", sorted(CASES))
def test_result_with_a_missing_field_equals_its_round_trip(name: str) -> None:
    m = CASES[name].missing
    fields = fields_of(m, FIELDS[name])
    if name == "PossibleRating":  # nothing can be missing: a second band stands in
        assert m.rating == "Good"
    elif name == "Measure":
        assert m.age_band is None and m.max_score is None and m.note is None
    else:
        flat = [v for f in fields for v in (f.values() if isinstance(f, dict) else [f])]
        assert any(v is None or (isinstance(v, float) and math.isnan(v)) for v in flat)
    for back in round_trips(m):
        assert back == m and hash(back) == hash(m)
        assert same_value(fields_of(back, FIELDS[name]), fields)


def test_results_pickled_here_load_in_a_fresh_interpreter() -> None:
    # multiprocessing, Dask and Spark workers unpickle in a process that has made no result.
    results = [x for case in CASES.values() for x in case]
    script = (
        "import pickle, sys\n"
        "xs = pickle.loads(sys.stdin.buffer.read())\n"
        "sys.stdout.buffer.write(pickle.dumps([(x, repr(x)) for x in xs]))\n"
    )
    run = subprocess.run([sys.executable, "-c", script], input=pickle.dumps(results),
                         capture_output=True, check=True, cwd=ROOT, timeout=120)
    back = pickle.loads(run.stdout)
    assert [b for b, _ in back] == results
    assert [r for _, r in back] == [repr(x) for x in results]


def test_previous_range_keeps_its_statement() -> None:
    # contains() and whole_numbers() use the statement (not only the ends): a round trip
    # computes the range again from it.
    r = carestat.previous_from_percent_change(5118, 326, 0)
    for back in round_trips(r):
        assert back.whole_numbers() == (1201, 1202)
        assert back.contains(1201) and not back.contains(1200)
    # Two missing ranges from different statements are different results.
    a = carestat.previous_from_percent_change(None, 4.4, 1)
    b = carestat.previous_from_percent_change(None, 4.5, 1)
    assert math.isnan(a.lower) and math.isnan(b.lower) and a != b
    assert a == carestat.previous_from_percent_change(float("nan"), 4.4, 1)


def test_sii_compares_its_intervals() -> None:
    one = _sii([72.1, 74.0, 75.2, 77.9, 79.3], [0.4, 0.3, 0.5, 0.3, 0.4])
    # The same indices, other intervals: another level list, or another seed's simulation.
    assert (one.sii, one.rii, one.intercept) == (SII.sii, SII.rii, SII.intercept)
    assert one.intervals[0] == SII.intervals[0] and one != SII
    reseeded = _sii([72.1, 74.0, 75.2, 77.9, 79.3], [0.4, 0.3, 0.5, 0.3, 0.4], seed=2)
    assert (reseeded.sii, reseeded.rii) == (one.sii, one.rii) and reseeded != one
    for back in round_trips(SII):
        assert all(type(i) is carestat.SiiInterval for i in back.intervals)


def test_cqc_rating_round_trip_rates_the_same_scores() -> None:
    # A mapping with a statement left out; the band rule survives the round trip.
    r = carestat.cqc_la_rating({1: 2, 2: 2, 3: 2, 4: 2, 5: 1, 6: 1, 7: 1, 8: 1, 9: 2},
                               band_rule="upper_band")
    assert r.ambiguous and r.rating == "Requires improvement"
    for back in round_trips(r):
        assert back == r and back.band_rule == "upper_band" and back.rating == r.rating
    lower = carestat.cqc_la_rating([2, 2, 2, 2, 1, 1, 1, 1, 2])
    assert lower != r and lower.total == r.total
    # Equal by value: scores split differently within each theme give the same result.
    swapped = carestat.cqc_la_rating([2, 3, 3, 4, 3, 3, 2, 3, 3])
    assert swapped == CASES["CqcRating"].result
    assert hash(swapped) == hash(CASES["CqcRating"].result)


def test_every_ascof_measure_round_trips_to_its_catalogue_entry() -> None:
    for m in ascof.MEASURES:
        back = pickle.loads(pickle.dumps(m))
        assert back == m and (back.id, back.framework, back.name) == (m.id, m.framework, m.name)
    assert len(set(ascof.MEASURES)) == len(ascof.MEASURES)
    assert ascof.measure("2A(2)") == ascof.measure("2a2", framework="2022-23")


def test_restore_functions_refuse_unknown_names() -> None:
    with pytest.raises(carestat.UnknownValueError, match="sometimes"):
        _carestat._restore_rating_shares("sometimes", 1, 0.0, 0.0, 0.0, 0.0, None, 0.0)
    with pytest.raises(carestat.UnknownValueError, match="Not rated"):
        _carestat._restore_possible_rating("Not rated", 1, 2)
    with pytest.raises(carestat.InvalidInputError, match="36"):
        _carestat._restore_possible_rating("Good", 30, 37)
    with pytest.raises(carestat.UnknownValueError, match="furlongs"):
        _carestat._restore_year_comparison(1.0, 2.0, 1.0, "furlongs", 100.0, "improved")
    with pytest.raises(carestat.UnknownValueError, match="better"):
        _carestat._restore_year_comparison(1.0, 2.0, 1.0, "score points", 100.0, "better")
    with pytest.raises(TypeError):
        _carestat._restore_sii(1.0, 2.0, 3.0, [1])  # type: ignore[list-item]
