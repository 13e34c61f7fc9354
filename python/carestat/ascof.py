"""The Adult Social Care Outcomes Framework (ASCOF) catalogue.

Every measure of the framework used up to 2022-23 and of the refreshed framework from 2023-24,
with its unit, multiplier, polarity, published rounding, data source, the old <-> new mapping
and a source note. Entries marked ``certainty == "uncertain"`` are recalled, not checked:
confirm them before relying on them.

Many ids name different measures in the two frameworks: a 2022-23 report's "2A" is permanent
admissions (old 2A(1) and 2A(2), lower is better), a 2023-24 report's "2A" is short-term
support (higher is better). ``measure``, ``compare`` and ``outcome`` refuse to guess
(``InvalidInputError``: "name the framework") until ``framework`` is given, as "2022-23",
"2023-24" or a year such as "2024-25". Ids follow a grammar: a digit and a letter with an
optional part ("2A", "2A(2)", "2A2", "1C(1a)"), any case, plain spaces only around it;
control characters and unbalanced brackets are refused.

>>> from carestat import ascof
>>> m = ascof.measure("2A(2)")
>>> m.id, m.framework, m.polarity, m.counterpart
('2A2', '2022-23', 'low_is_good', '2C')
>>> ascof.compare("2A2", 417.6, 587.2).judgement
'worsened'
>>> ascof.compare("2A", 417.6, 587.2, framework="2022-23").judgement
'worsened'
"""

from __future__ import annotations

from typing import Any, Optional, Tuple, Union

from carestat._carestat import (
    Measure,
    Outcome,
    YearComparison,
    _ascof_compare,
    _ascof_framework,
    _ascof_measure,
    _ascof_measures,
)
from carestat.elementwise import many_outcomes, many_year_comparisons

__all__ = ["MEASURES", "Measure", "Outcome", "YearComparison", "compare", "measure", "measures", "outcome"]

_Number = Union[int, float, None]

#: Every measure of both frameworks, the old framework first.
MEASURES: Tuple[Measure, ...] = tuple(_ascof_measures())


def measure(id: str, framework: Optional[str] = None) -> Measure:
    """The measure with ``id`` ("2A(2)", "2A2", "2c"), in ``framework`` ("2022-23", "2023-24"
    or a year such as "2024-25") or, when None, in whichever framework has it. An id that
    names measures in both frameworks ("2A", "2C", "1C", "2D", "1A"...), an id that names
    several parts ("2A" in 2022-23) or one outside the id grammar raises ``InvalidInputError``;
    an unknown id ``UnknownValueError``."""
    return _ascof_measure(id, framework)


def measures(framework: Optional[str] = None) -> Tuple[Measure, ...]:
    """The measures of one framework ("2022-23" or "2023-24"), or of both when None."""
    if framework is None:
        return MEASURES
    wanted = _ascof_framework(framework)
    return tuple(m for m in MEASURES if m.framework == wanted)


def _outcome(id: str, numerator: _Number, denominator: _Number,
             framework: Optional[str] = None) -> Outcome:
    return measure(id, framework).outcome(numerator, denominator)


def outcome(id: Any, numerator: Any, denominator: Any, framework: Any = None) -> Any:
    """A measure's outcome from a numerator and a denominator, with its multiplier and its
    published rounding (half away from zero). Any argument may instead hold one value per
    area (list, array, pandas or polars Series): the result is then a list of `Outcome`, or a
    DataFrame with columns ``value``, ``published``, ``decimals`` (pandas: indexed as the
    Series), each row exactly the scalar call's; an error names the argument and the row.

    >>> import pandas as pd
    >>> from carestat import ascof
    >>> n = pd.Series([417, 587], index=["Leeds", "York"])
    >>> ascof.outcome("2A2", n, 100_000)["published"].tolist()
    [417.0, 587.0]
    """
    return many_outcomes(_outcome, id, numerator, denominator, framework)


def compare(id: Any, previous: Any, current: Any, framework: Any = None) -> Any:
    """Two years of a measure compared with its polarity: the difference in its unit
    (percentage points for percentages), the percentage change, and the judgement. An id that
    names parts sharing unit and polarity compares too ("2A" with ``framework="2022-23"``:
    2A(1) and 2A(2), lower is better). Over many areas (any argument a list, array or Series)
    a list of `YearComparison`, or a DataFrame of their fields for a Series, as `outcome`."""
    return many_year_comparisons(_ascof_compare, id, previous, current, framework)
