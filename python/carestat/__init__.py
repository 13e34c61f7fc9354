"""carestat: adult social care indicators for English councils.

Changes between periods, crude rates with exact / Byar's limits and proportions with Wilson
intervals, computed exactly as PHEindicatormethods and ONS guidance define them, by the same
Rust core as carestat's C library.

Every function takes numbers or array-likes (lists, NumPy arrays, pandas Series): numbers
give floats or an `Estimate`, arrays give NumPy arrays or an `Estimates`. NaN and None are
missing values and give missing results; input that has no answer raises a subclass of
`CarestatError` (a `ValueError`) naming the argument and, for arrays, the 0-based row.

>>> import carestat
>>> round(carestat.percent_change(3912, 4455), 6)
13.880368
>>> r = carestat.crude_rate(4455, 485_737)
>>> f"{r.value:.1f} per 100,000 ({r.lower:.1f} to {r.upper:.1f}, {r.method})"
'917.2 per 100,000 (890.4 to 944.5, Byars)'
"""

from carestat._carestat import (
    CarestatError,
    ConfidenceError,
    Estimate,
    Estimates,
    InvalidInputError,
    LengthMismatchError,
    NegativeValueError,
    NotFiniteError,
    NotPositiveError,
    NumeratorAboveDenominatorError,
    OutOfRangeError,
    PreviousRange,
    TooFewError,
    UnknownValueError,
    ZeroPreviousError,
    __version__,
    crude_rate,
    judge_change,
    percent_change,
    point_change,
    previous_from_percent_change,
    round_half_away,
    wilson_proportion,
)

__all__ = [
    "CarestatError",
    "ConfidenceError",
    "Estimate",
    "Estimates",
    "InvalidInputError",
    "LengthMismatchError",
    "NegativeValueError",
    "NotFiniteError",
    "NotPositiveError",
    "NumeratorAboveDenominatorError",
    "OutOfRangeError",
    "PreviousRange",
    "TooFewError",
    "UnknownValueError",
    "ZeroPreviousError",
    "__version__",
    "crude_rate",
    "judge_change",
    "percent_change",
    "point_change",
    "previous_from_percent_change",
    "round_half_away",
    "wilson_proportion",
]
