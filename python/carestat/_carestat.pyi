# Hand-written stubs for the Rust extension module carestat._carestat.
# Checked against the built module by `python -m mypy.stubtest carestat._carestat`.
from typing import Any, Dict, Iterator, List, Literal, Mapping, Optional, Sequence, Tuple, Union, final, overload

import numpy as np
from numpy.typing import ArrayLike, NDArray

__version__: str

__all__ = [
    "_audit_document",
    "_audit_json",
    "_extract_document",
    "_as_floats",
    "_protect_table",
    "_reads_in_place",
    "_report_json",
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
    "dsr",
    "dsr_non_independent",
    "isr_ratio",
    "isr_rate",
    "mean",
    "proportion_funnel_limits",
    "proportion_funnel_significance",
    "ratio_funnel_limits",
    "ratio_funnel_significance",
    "rate_funnel_limits",
    "rate_funnel_significance",
    "rate_funnel_points",
    "assign_quantiles",
    "sii",
    "Sii",
    "SiiInterval",
    "round_half_away",
    "__version__",
    "rating_share",
    "rating_shares",
    "rating_share_estimate",
    "denominator_rules_matching",
    "local_rating_counts",
    "RatingShares",
    "cqc_la_rating",
    "cqc_possible_ratings",
    "cqc_quality_statements",
    "CqcRating",
    "PossibleRating",
    "Measure",
    "Outcome",
    "YearComparison",
    "_ascof_compare",
    "_ascof_framework",
    "_ascof_measure",
    "_ascof_measures",
    "compare_with_benchmark",
    "compare_two_level",
    "percentile_inc",
    "quintiles",
    "assign_quintiles",
    "rank",
    "difference_from",
    "difference_from_average",
    "suppress",
    "disclosure_percentage",
    "gss_symbols",
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
    @property
    def index(self) -> Any: ...
    def __len__(self) -> int: ...
    @overload
    def __getitem__(self, key: int, /) -> Estimate: ...
    @overload
    def __getitem__(self, key: slice, /) -> Estimates: ...
    def __iter__(self) -> Iterator[Estimate]: ...
    def to_frame(self) -> Any: ...
    def to_pandas(self) -> Any: ...
    def _repr_html_(self) -> str: ...

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
def _as_floats(x: object) -> NDArray[np.float64]: ...
def _audit_json(dataset: str) -> str: ...
def _audit_document(data: bytes, name: str) -> str: ...
def _extract_document(data: bytes, name: str) -> Tuple[str, str]: ...
def _report_json(dataset: str) -> str: ...

def dsr(
    counts: _Array,
    populations: _Array,
    standard_populations: Optional[_Array] = None,
    multiplier: float = 100000.0,
    confidence: float = 0.95,
) -> Estimate: ...
def dsr_non_independent(
    persons: _Array,
    frequencies: _Array,
    populations: _Array,
    standard_populations: Optional[_Array] = None,
    multiplier: float = 100000.0,
    confidence: float = 0.95,
) -> Estimate: ...
def isr_ratio(
    counts: Optional[_Array],
    populations: _Array,
    reference_counts: _Array,
    reference_populations: _Array,
    observed: Optional[float] = None,
    refvalue: float = 1.0,
    confidence: float = 0.95,
) -> Estimate: ...
def isr_rate(
    counts: Optional[_Array],
    populations: _Array,
    reference_counts: _Array,
    reference_populations: _Array,
    observed: Optional[float] = None,
    multiplier: float = 100000.0,
    confidence: float = 0.95,
) -> Estimate: ...
def mean(values: _Array, confidence: float = 0.95) -> Estimate: ...
def proportion_funnel_limits(
    numerators: _Array, denominators: _Array, multiplier: float = 100.0
) -> dict[str, NDArray[np.float64]]: ...
def proportion_funnel_significance(
    numerators: _Array, denominators: _Array
) -> NDArray[np.str_]: ...
def ratio_funnel_limits(
    observed: _Array, expected: _Array, ratio_type: Literal["isr", "count"] = "isr"
) -> dict[str, NDArray[np.float64]]: ...
def ratio_funnel_significance(observed: _Array, expected: _Array) -> NDArray[np.str_]: ...
def rate_funnel_limits(
    numerators: _Array,
    rates: _Array,
    denominators: Optional[_Array] = None,
    rate_type: Literal["dsr", "crude"] = "dsr",
    multiplier: float = 100000.0,
    years_of_data: float = 1.0,
) -> dict[str, NDArray[np.float64]]: ...
def rate_funnel_significance(
    numerators: _Array,
    rates: _Array,
    denominators: Optional[_Array] = None,
    rate_type: Literal["dsr", "crude"] = "dsr",
    multiplier: float = 100000.0,
) -> NDArray[np.str_]: ...
def rate_funnel_points(
    numerators: _Array,
    rates: _Array,
    denominators: Optional[_Array] = None,
    rate_type: Literal["dsr", "crude"] = "dsr",
    multiplier: float = 100000.0,
    years_of_data: float = 1.0,
) -> dict[str, NDArray[np.float64]]: ...
def assign_quantiles(
    values: _Array,
    nquantiles: int = 10,
    groups: Optional[Union[ArrayLike, Sequence[Any]]] = None,
    invert: Optional[Union[bool, Sequence[bool], NDArray[np.bool_]]] = False,
    polarity: Optional[Union[_Polarity, Sequence[_Polarity]]] = None,
    too_few: Literal["missing", "error"] = "missing",
) -> NDArray[np.float64]: ...
@final
class SiiInterval:
    @property
    def confidence(self) -> float: ...
    @property
    def sii_lower(self) -> float: ...
    @property
    def sii_upper(self) -> float: ...
    @property
    def rii_lower(self) -> float: ...
    @property
    def rii_upper(self) -> float: ...

@final
class Sii:
    @property
    def sii(self) -> float: ...
    @property
    def rii(self) -> float: ...
    @property
    def intercept(self) -> float: ...
    @property
    def intervals(self) -> Tuple[SiiInterval, ...]: ...

def sii(
    populations: _Array,
    values: _Array,
    standard_errors: Optional[_Array] = None,
    lower: Optional[_Array] = None,
    upper: Optional[_Array] = None,
    value_type: Union[Literal["normal", "rate", "proportion"], int] = "normal",
    multiplier: float = 1.0,
    transform: bool = False,
    confidence: Union[float, Sequence[float]] = 0.95,
    repetitions: int = 100000,
    seed: int = 1,
) -> Sii: ...

# Adult social care domain: provider rating shares, CQC local authority assessment, ASCOF,
# benchmarking against comparators, disclosure control.
_Count = Union[int, float, np.integer[Any], np.floating[Any], None]

@final
class RatingShares:
    @property
    def rule(self) -> str: ...
    @property
    def denominator(self) -> int: ...
    @property
    def outstanding(self) -> float: ...
    @property
    def good(self) -> float: ...
    @property
    def requires_improvement(self) -> float: ...
    @property
    def inadequate(self) -> float: ...
    @property
    def not_rated(self) -> Optional[float]: ...
    @property
    def outstanding_or_good(self) -> float: ...

def rating_share(
    outstanding: _Count,
    good: _Count,
    requires_improvement: _Count,
    inadequate: _Count,
    not_rated: _Count = None,
    include_unrated: bool = True,
) -> float: ...
def rating_shares(
    outstanding: _Count,
    good: _Count,
    requires_improvement: _Count,
    inadequate: _Count,
    not_rated: _Count = None,
    include_unrated: bool = True,
) -> RatingShares: ...
def rating_share_estimate(
    outstanding: _Count,
    good: _Count,
    requires_improvement: _Count,
    inadequate: _Count,
    not_rated: _Count = None,
    include_unrated: bool = True,
    confidence: Optional[float] = None,
) -> Estimate: ...
def denominator_rules_matching(
    outstanding: _Count,
    good: _Count,
    requires_improvement: _Count,
    inadequate: _Count,
    not_rated: _Count,
    stated: _Count,
    decimals: Optional[int] = None,
) -> List[str]: ...
def local_rating_counts(counts: Mapping[str, _Count], scheme: Any = None) -> Dict[str, float]: ...
@final
class CqcRating:
    @property
    def percentage(self) -> float: ...
    @property
    def rating(self) -> str: ...
    @property
    def total(self) -> int: ...
    @property
    def assessed(self) -> int: ...
    @property
    def max_total(self) -> int: ...
    @property
    def band_rule(self) -> str: ...
    @property
    def ambiguous(self) -> bool: ...
    @property
    def rating_lower_band(self) -> str: ...
    @property
    def rating_upper_band(self) -> str: ...
    @property
    def theme_percentages(self) -> Dict[str, float]: ...

def cqc_la_rating(scores: Any, band_rule: Optional[str] = None) -> CqcRating: ...
@final
class PossibleRating:
    @property
    def rating(self) -> str: ...
    @property
    def min_total(self) -> int: ...
    @property
    def max_total(self) -> int: ...
    @property
    def min_percentage(self) -> float: ...
    @property
    def max_percentage(self) -> float: ...

def cqc_possible_ratings(scores: Any, band_rule: Optional[str] = None) -> List[PossibleRating]: ...
def cqc_quality_statements() -> List[Tuple[int, str, str, str]]: ...
@final
class Measure:
    @property
    def id(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def framework(self) -> str: ...
    @property
    def objective(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def unit(self) -> str: ...
    @property
    def unit_label(self) -> str: ...
    @property
    def age_band(self) -> Optional[str]: ...
    @property
    def max_score(self) -> Optional[float]: ...
    @property
    def multiplier(self) -> float: ...
    @property
    def decimals(self) -> int: ...
    @property
    def polarity(self) -> str: ...
    @property
    def formula(self) -> str: ...
    @property
    def data_source(self) -> str: ...
    @property
    def weighted_aggregates(self) -> bool: ...
    @property
    def certainty(self) -> str: ...
    @property
    def mapping(self) -> str: ...
    @property
    def counterpart(self) -> Optional[str]: ...
    @property
    def mapping_certainty(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def note(self) -> Optional[str]: ...
    def counterpart_measure(self) -> Optional[Measure]: ...
    def outcome(self, numerator: _Count, denominator: _Count) -> Outcome: ...
    def compare(self, previous: _Count, current: _Count) -> YearComparison: ...

@final
class Outcome:
    @property
    def value(self) -> float: ...
    @property
    def published(self) -> float: ...
    @property
    def decimals(self) -> int: ...

@final
class YearComparison:
    @property
    def previous(self) -> float: ...
    @property
    def current(self) -> float: ...
    @property
    def difference(self) -> float: ...
    @property
    def difference_unit(self) -> str: ...
    @property
    def percent_change(self) -> float: ...
    @property
    def judgement(self) -> str: ...

def _ascof_measures() -> List[Measure]: ...
def _ascof_measure(id: str, framework: Optional[str] = None) -> Measure: ...
def _ascof_compare(
    id: str, previous: _Count, current: _Count, framework: Optional[str] = None
) -> YearComparison: ...
def _ascof_framework(name: str) -> str: ...
def compare_with_benchmark(
    lower: _Count, upper: _Count, benchmark: _Count, polarity: Optional[_Polarity] = None
) -> str: ...
def compare_two_level(
    ci95: Tuple[_Count, _Count],
    ci998: Tuple[_Count, _Count],
    benchmark: _Count,
    polarity: Optional[_Polarity] = None,
) -> Tuple[str, Optional[str]]: ...
def percentile_inc(values: _Array, p: float) -> float: ...
def quintiles(values: _Array) -> Tuple[float, float, float, float, float, float]: ...
def assign_quintiles(
    values: _Array, invert: Optional[bool] = None, polarity: Optional[_Polarity] = None
) -> List[Optional[int]]: ...
def rank(
    values: _Array, index: int, order: Optional[Literal["highest_first", "lowest_first"]] = None
) -> Optional[Tuple[int, int, int]]: ...
def difference_from(value: _Count, reference: _Count) -> Tuple[float, float]: ...
def difference_from_average(value: _Count, group: _Array) -> Tuple[float, float, float]: ...
@overload
def suppress(counts: _Scalar, rule: Any = None, marker: Optional[str] = None) -> str: ...
@overload
def suppress(counts: _Array, rule: Any = None, marker: Optional[str] = None) -> List[str]: ...
def _protect_table(
    rows: Sequence[Sequence[float]], rule: Any = None, marker: Optional[str] = None
) -> Tuple[List[List[str]], List[List[float]], List[List[str]]]: ...
def disclosure_percentage(
    numerator: _Count, denominator: _Count, decimals: Optional[int] = None, rule: Any = None
) -> float: ...
def gss_symbols() -> Dict[str, str]: ...
