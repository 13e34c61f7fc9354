"""How arguments are read: containers, dtypes, memory layout, copies, missing values.

The rules are in the README ("Arrays, dtypes and copies") and bindings/python/src/arrays.rs.
"""

from __future__ import annotations

import math
from typing import Any, List

import numpy as np
import pytest

import carestat
from carestat import _carestat
from helpers import same_bits

COUNTS = [1.0, 5.0, 20.0, 65.0, math.nan]
POPS = [100.0, 100.0, 100.0, 100.0, 100.0]


def expected_rates() -> carestat.Estimates:
    return carestat.crude_rate(np.array(COUNTS), np.array(POPS), 100.0)


def assert_same(out: carestat.Estimates, ref: carestat.Estimates) -> None:
    assert same_bits(out.value, ref.value)
    assert same_bits(out.lower, ref.lower)
    assert same_bits(out.upper, ref.upper)
    assert out.method.tolist() == ref.method.tolist()


# -- containers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        list,
        tuple,
        np.array,
        lambda v: np.array(v, dtype=np.float32),
        lambda v: np.array(v, dtype=">f8"),  # big-endian float64
        lambda v: np.array(v, dtype=np.float16),
    ],
    ids=["list", "tuple", "float64", "float32", "big-endian", "float16"],
)
def test_containers_and_float_dtypes_give_the_same_result(make: Any) -> None:
    # Every count and population here is exact in float16 too.
    out = carestat.crude_rate(make(COUNTS), make(POPS), 100.0)
    assert_same(out, expected_rates())


def test_pandas_series_and_nullable_dtypes() -> None:
    pd = pytest.importorskip("pandas")
    ref = expected_rates()
    assert_same(carestat.crude_rate(pd.Series(COUNTS), pd.Series(POPS), 100.0), ref)
    # A pandas Series with its own index: positions, not labels, are rows.
    s = pd.Series(COUNTS, index=[10, 20, 30, 40, 50])
    assert_same(carestat.crude_rate(s, np.array(POPS), 100.0), ref)
    nullable = pd.array([1, 5, 20, 65, None], dtype="Int64")
    if np.asarray(nullable).dtype == object:
        # pandas < 3 gives an object array for nullable integers: rejected, not guessed.
        with pytest.raises(carestat.InvalidInputError):
            carestat.crude_rate(nullable, POPS, 100.0)
    else:
        assert_same(carestat.crude_rate(nullable, POPS, 100.0), ref)


@pytest.mark.parametrize("dtype", [np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint32, np.uint64])
def test_integer_dtypes(dtype: Any) -> None:
    counts = np.array([1, 5, 20, 65], dtype=dtype)
    out = carestat.crude_rate(counts, np.array([100, 100, 100, 100], dtype=dtype), 100.0)
    ref = carestat.crude_rate([1.0, 5.0, 20.0, 65.0], [100.0] * 4, 100.0)
    assert_same(out, ref)


def test_integers_up_to_2_53_are_exact_and_above_are_rejected() -> None:
    big = 2**53
    r = carestat.crude_rate(np.array([big], dtype=np.int64), [float(big)], 1.0)
    assert r.value[0] == 1.0
    for bad in (np.array([1, -(big + 1)], dtype=np.int64), np.array([1, 2**64 - 1], dtype=np.uint64)):
        with pytest.raises(carestat.InvalidInputError, match=r"count at row 1: integer .* too large") as e:
            carestat.crude_rate(bad, 1e30)
        assert (e.value.field, e.value.row) == ("count", 1)
    with pytest.raises(carestat.InvalidInputError, match="too large") as e2:
        carestat.crude_rate([1, 2, 10**400], 1e30)
    assert e2.value.row == 2
    with pytest.raises(carestat.InvalidInputError, match="too large"):
        carestat.crude_rate(2**53 + 1, 1e30)


def test_scalars_numpy_scalars_and_zero_d_arrays_give_an_estimate() -> None:
    ref = carestat.crude_rate(20.0, 100.0, 100.0)
    for count in (20, 20.0, np.int64(20), np.float32(20), np.float64(20), np.array(20.0), np.array(20)):
        e = carestat.crude_rate(count, 100, 100)
        assert isinstance(e, carestat.Estimate)
        assert (e.value, e.lower, e.upper, e.method) == (ref.value, ref.lower, ref.upper, ref.method)


def test_a_scalar_is_repeated_against_an_array() -> None:
    out = carestat.crude_rate(np.array(COUNTS), 100.0, 100.0)
    assert_same(out, expected_rates())
    out = carestat.wilson_proportion(5, [10, 20, 40])
    assert out.value.tolist() == [0.5, 0.25, 0.125]


# -- memory layout and copies -----------------------------------------------------------


def test_float64_contiguous_input_is_read_in_place() -> None:
    """How zero-copy is verified: `_reads_in_place` runs the same reader the functions use and
    says whether it borrowed the caller's float64 buffer (rust-numpy PyReadonlyArray1) or
    made a converted copy. The result of a call is then checked to be the same either way."""
    a = np.array(COUNTS)
    assert _carestat._reads_in_place(a)
    ro = a.copy()
    ro.flags.writeable = False
    assert _carestat._reads_in_place(ro)
    assert _carestat._reads_in_place(a[1:4])  # a contiguous slice is still in place
    pd = pytest.importorskip("pandas")
    series = pd.Series(COUNTS)
    assert _carestat._reads_in_place(series)
    assert np.shares_memory(np.asarray(series), series.to_numpy())


@pytest.mark.parametrize(
    "make",
    [
        lambda a: a[::2],
        lambda a: a[::-1],
        lambda a: a.astype(np.float32),
        lambda a: a.astype(">f8"),
        lambda a: a.astype(np.int64),
        lambda a: list(a),
    ],
    ids=["strided", "reversed", "float32", "big-endian", "int64", "list"],
)
def test_other_layouts_are_converted(make: Any) -> None:
    assert not _carestat._reads_in_place(make(np.arange(6.0)))


def test_unaligned_float64_is_converted_not_misread() -> None:
    buf = np.zeros(8 * 4 + 1, dtype=np.uint8)
    unaligned = np.frombuffer(buf.data, dtype=np.float64, count=4, offset=1)
    assert not unaligned.flags.aligned
    assert not _carestat._reads_in_place(unaligned)
    assert carestat.crude_rate(unaligned, 1.0, 1.0).value.tolist() == [0.0] * 4


def test_non_contiguous_and_read_only_inputs_give_the_same_numbers() -> None:
    wide = np.array([[c, -1.0] for c in COUNTS])  # column 0 is strided
    counts = wide[:, 0]
    assert not counts.flags.c_contiguous
    pops = np.array(POPS)
    pops.flags.writeable = False
    assert_same(carestat.crude_rate(counts, pops, 100.0), expected_rates())
    assert not pops.flags.writeable  # untouched


def test_the_same_array_for_both_arguments() -> None:
    a = np.array([1.0, 10.0, 100.0])
    assert carestat.wilson_proportion(a, a).value.tolist() == [1.0, 1.0, 1.0]


def test_inputs_are_not_modified() -> None:
    counts = np.array(COUNTS)
    before = counts.copy()
    carestat.crude_rate(counts, 100.0)
    assert same_bits(counts, before)


def test_outputs_are_new_float64_arrays_owned_by_the_result() -> None:
    counts = np.array(COUNTS)
    out = carestat.crude_rate(counts, 100.0)
    for arr in (out.value, out.lower, out.upper):
        assert arr.dtype == np.float64 and arr.flags.c_contiguous
        assert not np.shares_memory(arr, counts)


# -- sizes -------------------------------------------------------------------------------


def test_empty_arrays_give_empty_results() -> None:
    for empty in ([], (), np.array([]), np.array([], dtype=np.int64)):
        out = carestat.crude_rate(empty, empty)
        assert len(out) == 0 and out.value.shape == (0,) and out.method.shape == (0,)
    assert carestat.percent_change([], []).shape == (0,)
    assert carestat.crude_rate([], 100.0).value.shape == (0,)


def test_mismatched_lengths() -> None:
    with pytest.raises(carestat.LengthMismatchError, match="population: length 2 does not match count length 3") as e:
        carestat.crude_rate([1, 2, 3], np.array([10.0, 10.0]))
    assert (e.value.field, e.value.row) == ("population", None)
    with pytest.raises(carestat.LengthMismatchError):
        carestat.wilson_proportion([], [1])
    with pytest.raises(carestat.LengthMismatchError):
        carestat.percent_change([1, 2], [1])


@pytest.mark.parametrize("shape", [(2, 3), (3, 1), (1, 3)])
def test_two_dimensional_input_is_rejected(shape: Any) -> None:
    with pytest.raises(carestat.InvalidInputError, match=r"count: must be one-dimensional \(got an array of shape"):
        carestat.crude_rate(np.ones(shape), 10.0)


def test_large_batch() -> None:
    n = 200_000
    counts = np.tile(np.array([1.0, 5.0, 20.0, 65.0]), n // 4)
    out = carestat.crude_rate(counts, 100.0, 100.0)
    ref = carestat.crude_rate([1.0, 5.0, 20.0, 65.0], 100.0, 100.0)
    assert len(out) == n
    assert same_bits(out.upper[-4:], ref.upper)
    assert out.method[-1] == "Byars"


# -- missing values ----------------------------------------------------------------------


def test_nan_and_none_are_missing() -> None:
    for missing in (math.nan, None, np.nan, np.float32("nan")):
        e = carestat.crude_rate(missing, 100)
        assert math.isnan(e.value) and math.isnan(e.lower) and math.isnan(e.upper)
        assert e.method == ""
        e = carestat.wilson_proportion(3, missing)
        assert math.isnan(e.value) and e.method == ""
    out = carestat.crude_rate([None, 3, math.nan], [100, None, 100])
    assert np.isnan(out.value).tolist() == [True, True, True]
    assert out.method.tolist() == ["", "", ""]
    assert math.isnan(carestat.percent_change(None, 3))
    assert carestat.judge_change(None, 3, "high_is_good") == "missing"


def test_pandas_na_in_a_list_is_missing() -> None:
    pd = pytest.importorskip("pandas")
    out = carestat.crude_rate([pd.NA, 20], [100, 100], 100)
    assert math.isnan(out.value[0]) and out.value[1] == 20.0


def test_masked_entries_are_missing() -> None:
    counts = np.ma.masked_array([1.0, -5.0, 20.0], mask=[False, True, False])
    out = carestat.crude_rate(counts, 100.0, 100.0)
    assert out.value[0] == 1.0 and math.isnan(out.value[1]) and out.value[2] == 20.0
    ints = np.ma.masked_array([1, 5], mask=[True, False])
    assert carestat.crude_rate(ints, 100.0, 100.0).method.tolist() == ["", "Exact"]


# -- wrong types -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad,message",
    [
        (np.array([1.0, 2.0], dtype=object), "dtype object cannot be read as numbers"),
        (np.array(["1", "2"]), "dtype <U1 cannot be read as numbers"),
        (np.array([b"1", b"2"]), "dtype |S1 cannot be read as numbers"),
        (np.array([True, False]), "dtype bool cannot be read as numbers"),
        (np.array([1 + 0j, 2]), "dtype complex128 cannot be read as numbers"),
        (np.array(["2024-01-01", "2024-01-02"], dtype="M8[D]"), "dtype datetime64"),
        ("12", "count: expected a number, got str '12'"),
        (b"12", "count: expected a number, got bytes"),
        (True, "count: expected a number, got bool True"),
        (np.bool_(True), "dtype bool cannot be read as numbers"),
        ({"a": 1}, "dtype object"),
        (object(), "dtype object"),
    ],
)
def test_wrong_dtypes_are_rejected_naming_the_argument(bad: Any, message: str) -> None:
    with pytest.raises(carestat.InvalidInputError, match=message.replace("|", r"\|").replace("(", r"\(")) as e:
        carestat.crude_rate(bad, [10.0, 10.0] if isinstance(bad, np.ndarray) and bad.ndim else 10.0)
    assert e.value.field == "count"
    assert e.value.row is None


@pytest.mark.parametrize(
    "bad,what",
    [("n/a", "str 'n/a'"), (True, "bool True"), ([1], "list [1]"), (np.bool_(False), "cannot be read"), (1 + 2j, "complex")],
)
def test_bad_list_elements_name_their_row(bad: Any, what: str) -> None:
    counts: List[Any] = [1, 2, bad, 4]
    with pytest.raises(carestat.InvalidInputError) as e:
        carestat.crude_rate(counts, 100)
    assert (e.value.field, e.value.row) == ("count", 2)
    assert str(e.value).startswith("count at row 2: ")
    assert what in str(e.value)


def test_parameters_of_the_wrong_type_are_rejected() -> None:
    with pytest.raises(carestat.InvalidInputError, match="multiplier: expected a number, got bool True"):
        carestat.crude_rate(1, 10, multiplier=True)
    with pytest.raises(carestat.InvalidInputError, match="confidence: expected a number, got str '95%'"):
        carestat.crude_rate(1, 10, confidence="95%")
    with pytest.raises(carestat.InvalidInputError, match="multiplier: expected a single number"):
        carestat.crude_rate(1, 10, multiplier=[1, 2])
    with pytest.raises(carestat.InvalidInputError, match="decimals: expected a whole number, got float 1.0"):
        carestat.round_half_away(1.25, 1.0)
    with pytest.raises(carestat.InvalidInputError, match="decimals: expected a whole number, got bool"):
        carestat.previous_from_percent_change(100, 2.5, True)
    # Leaving a parameter out, or passing None, gives its default.
    a = carestat.crude_rate(20, 100)
    b = carestat.crude_rate(20, 100, None, None)
    assert (a.value, a.upper) == (b.value, b.upper) == (20_000.0, a.upper)
    assert carestat.crude_rate(20, 100, np.int64(100), np.float64(95)).value == 20.0


def test_generators_are_not_silently_accepted() -> None:
    with pytest.raises(carestat.InvalidInputError, match="dtype object"):
        carestat.crude_rate((x for x in [1, 2]), 10.0)
