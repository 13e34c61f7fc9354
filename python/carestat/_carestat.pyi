# Hand-written stubs for the Rust extension module carestat._carestat.
# Checked against the built module by `python -m mypy.stubtest carestat._carestat`.
from typing import Any, Literal, Optional, Sequence, Tuple, Union, final, overload

import numpy as np
from numpy.typing import ArrayLike, NDArray

__version__: str

__all__ = [
    "_reads_in_place",
    "judge_change",
    "percent_change",
    "point_change",
    "previous_from_percent_change",
    "PreviousRange",
    "CarestatError",
    "ConfidenceError",
    "InvalidInputError",
    "LengthMismatchError",
    "NegativeValueError",
    "NotFiniteError",
    "NotPositiveError",
    "NumeratorAboveDenominatorError",
    "OutOfRangeError",
    "TooFewError",
    "UnknownValueError",
    "ZeroPreviousError",
    "Estimate",
    "Estimates",
    "wilson_proportion",
    "crude_rate",
    "round_half_away",
    "__version__",
]

# Numbers that give scalar results; anything else array-like gives arrays.
_Scalar = Union[float, np.floating[Any], np.integer[Any], None]
# Array-likes: NumPy arrays, pandas Series, lists and tuples (None in a list is missing).
_Array = Union[ArrayLike, Sequence[Optional[float]]]
_Polarity = Union[Literal["high_is_good", "low_is_good", "no_judgement"], int]

class CarestatError(ValueError):
    field: Optional[str]
    row: Optional[int]

class NegativeValueError(CarestatError): ...
class NotPositiveError(CarestatError): ...
class NotFiniteError(CarestatError): ...
class NumeratorAboveDenominatorError(CarestatError): ...
class ConfidenceError(CarestatError): ...
class LengthMismatchError(CarestatError): ...
class ZeroPreviousError(CarestatError): ...
class OutOfRangeError(CarestatError): ...
class TooFewError(CarestatError): ...
class UnknownValueError(CarestatError): ...
class InvalidInputError(CarestatError): ...

@final
class Estimate:
    @property
    def value(self) -> float: ...
    @property
    def lower(self) -> float: ...
    @property
    def upper(self) -> float: ...
    @property
    def method(self) -> str: ...

@final
class Estimates:
    @property
    def value(self) -> NDArray[np.float64]: ...
    @property
    def lower(self) -> NDArray[np.float64]: ...
    @property
    def upper(self) -> NDArray[np.float64]: ...
    @property
    def method(self) -> NDArray[np.str_]: ...
    def __len__(self) -> int: ...

@final
class PreviousRange:
    @property
    def lower(self) -> float: ...
    @property
    def point(self) -> float: ...
    @property
    def upper(self) -> float: ...
    def whole_numbers(self) -> Optional[Tuple[int, int]]: ...
    def contains(self, value: float) -> bool: ...

@overload
def crude_rate(
    count: _Scalar,
    population: _Scalar,
    multiplier: float = 100000.0,
    confidence: float = 0.95,
) -> Estimate: ...
@overload
def crude_rate(
    count: _Array,
    population: _Array,
    multiplier: float = 100000.0,
    confidence: float = 0.95,
) -> Estimates: ...
@overload
def wilson_proportion(
    numerator: _Scalar,
    denominator: _Scalar,
    multiplier: float = 1.0,
    confidence: float = 0.95,
) -> Estimate: ...
@overload
def wilson_proportion(
    numerator: _Array,
    denominator: _Array,
    multiplier: float = 1.0,
    confidence: float = 0.95,
) -> Estimates: ...
@overload
def percent_change(previous: _Scalar, current: _Scalar) -> float: ...
@overload
def percent_change(previous: _Array, current: _Array) -> NDArray[np.float64]: ...
@overload
def point_change(previous_pct: _Scalar, current_pct: _Scalar) -> float: ...
@overload
def point_change(previous_pct: _Array, current_pct: _Array) -> NDArray[np.float64]: ...
def previous_from_percent_change(current: _Scalar, pct: _Scalar, decimals: int) -> PreviousRange: ...
@overload
def judge_change(previous: _Scalar, current: _Scalar, polarity: _Polarity) -> str: ...
@overload
def judge_change(previous: _Array, current: _Array, polarity: _Polarity) -> NDArray[np.str_]: ...
@overload
def round_half_away(x: _Scalar, decimals: int) -> float: ...
@overload
def round_half_away(x: _Array, decimals: int) -> NDArray[np.float64]: ...
def _reads_in_place(x: object) -> bool: ...
