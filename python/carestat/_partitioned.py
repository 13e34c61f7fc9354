"""What `carestat.spark` and `carestat.dask` share: the result columns of `carestat.frames`,
and the step from partial sums of integer columns (made by Spark or Dask where the rows lie)
to the frames functions.

Sums of integers below 2**53 are exact in float64 in every order of addition, so a group's
sums made by the engine are those `carestat.frames` makes on the whole frame; columns of other
types travel whole by group so that carestat adds them in its own (value) order.
"""

from __future__ import annotations

from typing import Any, List, Sequence, Tuple

from carestat._carestat import InvalidInputError
from carestat.frames import _suffix

#: Beyond this, float64 does not hold every integer.
EXACT = 2.0 ** 53


def result_fields(levels: List[float]) -> List[Tuple[str, str]]:
    """The columns `carestat.frames` puts after the inputs, as (name, "double" | "string")."""
    out = [("value", "double")]
    if len(levels) == 1:
        out += [("lower", "double"), ("upper", "double")]
    else:
        for level in levels:
            out += [(f"lower{_suffix(level)}cl", "double"), (f"upper{_suffix(level)}cl", "double")]
    return out + [("confidence", "string"), ("statistic", "string"), ("method", "string")]


def nulls(column: str) -> str:
    """The name of the partial-sum column counting `column`'s missing values."""
    return f"__nulls_{column}"


def largest(column: str) -> str:
    """The name of the partial-sum column holding `column`'s largest absolute value."""
    return f"__max_{column}"


def exact_sums(pdf: Any, columns: Sequence[str]) -> Any:
    """The engine's sums as float64, missing where a row was missing (as R's ``sum`` and
    `carestat.frames`); a value beyond 2**53 is an error, as `carestat.frames` makes it."""
    for c in columns:
        if bool((pdf[largest(c)].astype("float64") > EXACT).any()):
            error = InvalidInputError(f"{c}: an integer above 2**53 (9007199254740992): "
                                      "not exactly a float64")
            error.field = c
            raise error
        sums = pdf[c].astype("float64")
        pdf[c] = sums.where(pdf[nulls(c)] == 0)
    return pdf.drop(columns=[name for c in columns for name in (nulls(c), largest(c))])


def flat(result: Any, keys: List[str]) -> Any:
    """A grouped frames result with its keys as its first columns (none for the whole
    frame), as Spark and Dask keep them."""
    return result.reset_index() if keys else result.reset_index(drop=True)
