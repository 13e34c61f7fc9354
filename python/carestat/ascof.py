"""The Adult Social Care Outcomes Framework (ASCOF) catalogue.

Every measure of the framework used up to 2022-23 and of the refreshed framework from 2023-24,
with its unit, multiplier, polarity, published rounding, data source, the old <-> new mapping
and a source note. Entries marked ``certainty == "uncertain"`` are recalled, not checked:
confirm them before relying on them.

Some ids name different measures in the two frameworks (2D was the outcome of short-term
services; from 2023-24 it is reablement after hospital): ``measure("2D")`` refuses to guess,
``measure("2D", framework="2023-24")`` does not.

>>> from carestat import ascof
>>> m = ascof.measure("2A(2)")
>>> m.id, m.framework, m.polarity, m.counterpart
('2A2', '2022-23', 'low_is_good', '2C')
>>> ascof.compare("2A2", 417.6, 587.2).judgement
'worsened'
"""

from __future__ import annotations

from typing import Optional, Tuple, Union

from carestat._carestat import Measure, Outcome, YearComparison, _ascof_measure, _ascof_measures

__all__ = ["MEASURES", "Measure", "Outcome", "YearComparison", "compare", "measure", "measures", "outcome"]

_Number = Union[int, float, None]

#: Every measure of both frameworks, the old framework first.
MEASURES: Tuple[Measure, ...] = tuple(_ascof_measures())


def measure(id: str, framework: Optional[str] = None) -> Measure:
    """The measure with ``id`` ("2A(2)", "2A2", "2c"), in ``framework`` ("2022-23" or
    "2023-24") or, when None, in whichever framework has it; an id of both frameworks raises
    ``InvalidInputError`` and an unknown id ``UnknownValueError``."""
    return _ascof_measure(id, framework)


def measures(framework: Optional[str] = None) -> Tuple[Measure, ...]:
    """The measures of one framework ("2022-23" or "2023-24"), or of both when None."""
    if framework is None:
        return MEASURES
    wanted = {"2022-23": "2022-23", "2022/23": "2022-23", "old": "2022-23",
              "2023-24": "2023-24", "2023/24": "2023-24", "new": "2023-24"}.get(framework.strip().lower())
    if wanted is None:
        # Let the core name the bad framework with its usual error.
        _ascof_measure("1A", framework)
    return tuple(m for m in MEASURES if m.framework == wanted)


def outcome(id: str, numerator: _Number, denominator: _Number, framework: Optional[str] = None) -> Outcome:
    """A measure's outcome from a numerator and a denominator, with its multiplier and its
    published rounding (half away from zero)."""
    return measure(id, framework).outcome(numerator, denominator)


def compare(id: str, previous: _Number, current: _Number, framework: Optional[str] = None) -> YearComparison:
    """Two years of a measure compared with its polarity: the difference in its unit
    (percentage points for percentages), the percentage change, and the judgement."""
    return measure(id, framework).compare(previous, current)
