"""The stubs describe what the functions return: checked by mypy (`make test-python` runs
`mypy --strict` on this file) and by running it."""

from __future__ import annotations

import sys

import numpy as np
import numpy.typing as npt

import carestat

if sys.version_info >= (3, 11):
    from typing import assert_type
else:  # pragma: no cover
    from typing_extensions import assert_type


def test_scalar_inputs_give_scalar_types() -> None:
    assert_type(carestat.crude_rate(4455, 485_737), carestat.Estimate)
    assert_type(carestat.wilson_proportion(202, 278, 100), carestat.Estimate)
    assert_type(carestat.crude_rate(np.int64(3), None), carestat.Estimate)
    assert_type(carestat.percent_change(3912, 4455), float)
    assert_type(carestat.point_change(5.0, 6.0), float)
    assert_type(carestat.judge_change(1, 2, "high_is_good"), str)
    assert_type(carestat.round_half_away(2.675, 2), float)
    r = carestat.previous_from_percent_change(22555, 4.4, 1)
    assert_type(r, carestat.PreviousRange)
    assert_type(r.whole_numbers(), "tuple[int, int] | None")
    e = carestat.crude_rate(1, 10)
    assert_type(e.value, float)
    assert_type(e.method, str)
    assert isinstance(e.value, float) and isinstance(e.method, str)


def test_array_inputs_give_array_types() -> None:
    out = carestat.crude_rate([1, 2], np.array([10.0, 20.0]))
    assert_type(out, carestat.Estimates)
    assert_type(out.value, npt.NDArray[np.float64])
    assert_type(out.method, npt.NDArray[np.str_])
    assert_type(carestat.percent_change([1.0], [2.0]), npt.NDArray[np.float64])
    assert_type(carestat.judge_change([1.0], [2.0], 0), npt.NDArray[np.str_])
    assert isinstance(out.value, np.ndarray)


def test_errors_carry_field_and_row() -> None:
    try:
        carestat.crude_rate([1, -1], 10)
    except carestat.CarestatError as e:
        assert_type(e.field, "str | None")
        assert_type(e.row, "int | None")
        assert e.row == 1
    else:
        raise AssertionError("no error")


def test_runtime_signatures_match_the_documented_defaults() -> None:
    import inspect

    params = inspect.signature(carestat.crude_rate).parameters
    assert [(p.name, p.default) for p in params.values()][2:] == [("multiplier", 100000.0), ("confidence", 0.95)]
    params = inspect.signature(carestat.wilson_proportion).parameters
    assert [(p.name, p.default) for p in params.values()][2:] == [("multiplier", 1.0), ("confidence", 0.95)]
