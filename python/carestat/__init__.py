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

from carestat import ascof
from carestat._carestat import (
    CarestatError,
    ConfidenceError,
    CqcRating,
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
    RatingShares,
    TooFewError,
    UnknownValueError,
    ZeroPreviousError,
    __version__,
    assign_quintiles,
    compare_two_level,
    compare_with_benchmark,
    cqc_la_rating,
    cqc_quality_statements,
    crude_rate,
    dsr,
    isr_rate,
    isr_ratio,
    mean,
    proportion_funnel_limits,
    denominator_rules_matching,
    difference_from,
    difference_from_average,
    disclosure_percentage,
    gss_symbols,
    judge_change,
    local_rating_counts,
    percent_change,
    percentile_inc,
    point_change,
    previous_from_percent_change,
    quintiles,
    rank,
    rating_share,
    rating_share_estimate,
    rating_shares,
    round_half_away,
    suppress,
    wilson_proportion,
)
from carestat.account import audit, report

__all__ = [
    "CarestatError",
    "ConfidenceError",
    "CqcRating",
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
    "RatingShares",
    "TooFewError",
    "UnknownValueError",
    "ZeroPreviousError",
    "__version__",
    "ascof",
    "assign_quintiles",
    "audit",
    "compare_two_level",
    "compare_with_benchmark",
    "cqc_la_rating",
    "cqc_quality_statements",
    "crude_rate",
    "denominator_rules_matching",
    "difference_from",
    "difference_from_average",
    "disclosure_percentage",
    "dsr",
    "gss_symbols",
    "isr_rate",
    "isr_ratio",
    "judge_change",
    "local_rating_counts",
    "mean",
    "percent_change",
    "percentile_inc",
    "point_change",
    "previous_from_percent_change",
    "proportion_funnel_limits",
    "quintiles",
    "rank",
    "rating_share",
    "rating_share_estimate",
    "rating_shares",
    "report",
    "round_half_away",
    "suppress",
    "wilson_proportion",
]
