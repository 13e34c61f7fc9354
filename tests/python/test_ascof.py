"""The ASCOF catalogue and Birmingham's 2022-23 against 2021-22 table (seed 000)."""

from __future__ import annotations

import math

import pytest

import carestat
from carestat import ascof

# Seed 000, "ASCOF Results and rankings (compared to last year)": measure, 2022-23, 2021-22,
# and the judgement worked out by hand from the polarity (2A1 and 2A2 lower is better).
BIRMINGHAM = [
    ("1C1A", 100, 100, "no change"),
    ("1C2A", 39.1, 38.2, "improved"),
    ("1E", 1, 1.4, "worsened"),
    ("1G", 66.8, 68.7, "worsened"),
    ("2A1", 15.9, 7.7, "worsened"),
    ("2A2", 587.2, 417.6, "worsened"),
    ("2B1", 80.8, 80.5, "improved"),
    ("2B2", 10, 7.4, "improved"),
    ("2D", 56.4, 41.4, "improved"),
    ("1C2B", 96.8, 94.1, "improved"),
    ("1A", 18.9, 18.2, "improved"),
    ("1B", 76.8, 69.8, "improved"),
    ("1I1", 47.3, 37.5, "improved"),
    ("1J", 0.41, 0.402, "improved"),
    ("3A", 60.8, 59.5, "improved"),
    ("3D1", 61.1, 55.8, "improved"),
    ("4A", 69.3, 68.8, "improved"),
    ("4B", 90.2, 86.6, "improved"),
]


@pytest.mark.parametrize("id,current,previous,judgement", BIRMINGHAM)
def test_birmingham_table(id: str, current: float, previous: float, judgement: str) -> None:
    c = ascof.compare(id, previous, current, framework="2022-23")
    assert c.judgement == judgement
    assert c.difference == pytest.approx(current - previous, abs=1e-12)


def test_2a2_is_worse_by_169_6_per_100000() -> None:
    m = ascof.measure("2A2")
    assert (m.id, m.label, m.framework, m.unit, m.polarity) == ("2A2", "2A(2)", "2022-23", "per_population", "low_is_good")
    assert m.unit_label == "per 100,000 population aged 65+"
    assert (m.multiplier, m.decimals, m.counterpart) == (100000.0, 1, "2C")
    c = m.compare(417.6, 587.2)
    # 169.6 / 417.6 = 0.406130...
    assert c.difference == pytest.approx(169.6)
    assert c.percent_change == pytest.approx(40.61302681992337, rel=1e-12)
    assert (c.difference_unit, c.judgement) == ("per 100,000", "worsened")
    new = m.counterpart_measure()
    assert new is not None and (new.id, new.framework) == ("2C", "2023-24")


def test_outcome_uses_published_rounding() -> None:
    # 15 of 94,340 aged 18-64: 15.8999... per 100,000 -> 15.9
    o = ascof.outcome("2A(1)", 15, 94340)
    assert o.published == 15.9 and o.decimals == 1
    assert o.value == pytest.approx(15.899936400254399, rel=1e-12)
    # 1 of 16 = 6.25% -> 6.3 (half away from zero)
    assert ascof.outcome("1C2A", 1, 16).published == 6.3
    assert math.isnan(ascof.outcome("1C2A", None, 16).published)


def test_catalogue() -> None:
    assert len(ascof.MEASURES) > 40
    ids_2023 = {m.id for m in ascof.measures("2023-24")}
    assert {"2A", "2B", "2C", "2D1", "2D2", "2E", "3D1A"} <= ids_2023
    assert all(m.source for m in ascof.MEASURES)
    assert {m.certainty for m in ascof.MEASURES} == {"verified", "uncertain"}
    assert ascof.measure("2D(1)", framework="2023-24").counterpart == "2B1"
    # issue 17: old 2B(2), coverage of reablement, maps to 2D part 2 (provision)
    assert ascof.measure("2B(2)").counterpart == "2D2"
    assert "attributable jointly to the NHS and social care" in ascof.measure("2C(3)").name
    assert "digital.nhs.uk" in ascof.measure("2C(3)").source
    assert ascof.measure("2d", "2022-23").counterpart == "2A"


def test_bad_ids_and_inputs() -> None:
    with pytest.raises(carestat.UnknownValueError, match="9Z"):
        ascof.measure("9Z")
    with pytest.raises(carestat.InvalidInputError, match="both frameworks"):
        ascof.measure("2D")
    with pytest.raises(carestat.UnknownValueError):
        ascof.measure("2A2", framework="2019")
    with pytest.raises(carestat.UnknownValueError):
        ascof.measure("2A2", framework="2019-21")
    assert ascof.measure("2A2", framework="2019-20").framework == "2022-23"
    with pytest.raises(carestat.NumeratorAboveDenominatorError):
        ascof.outcome("1C2A", 17, 16)
    with pytest.raises(carestat.InvalidInputError):
        ascof.outcome("1J", 1, 2)
    with pytest.raises(carestat.NegativeValueError):
        ascof.compare("2A2", -1, 5)
    with pytest.raises(carestat.InvalidInputError):
        ascof.measure(22)  # type: ignore[arg-type]


def test_a_2022_23_report_s_2a_is_not_silently_improved() -> None:
    # Issue 17: permanent admissions of people aged 65+ labelled "2A" (seed 000: 417.6 -> 587.2).
    # "2A" is old 2A(1)/2A(2) (lower is better) or new 2A (short-term support, higher is better).
    with pytest.raises(carestat.InvalidInputError, match="name the framework"):
        ascof.compare("2A", 417.6, 587.2)
    for framework in ("2022-23", "2022/23", "2021-22", "old"):
        c = ascof.compare("2A", 417.6, 587.2, framework=framework)
        assert (c.judgement, c.difference_unit) == ("worsened", "per 100,000")
        assert c.difference == pytest.approx(169.6)
    assert ascof.compare("2A", 41.4, 56.4, framework="2024-25").judgement == "improved"
    # old 2A is two measures: a measure lookup asks for the part
    with pytest.raises(carestat.InvalidInputError, match=r"2A\(1\), 2A\(2\); name the part"):
        ascof.measure("2A", framework="2022-23")


@pytest.mark.parametrize("id", ["2A", "2B", "2C", "1C", "2D", "1E", "3A", "3D", "3D(1)", "1A", "4B", "ascof 2c"])
def test_ids_of_both_frameworks_need_the_framework(id: str) -> None:
    with pytest.raises(carestat.InvalidInputError, match="both frameworks"):
        ascof.measure(id)
    with pytest.raises(carestat.InvalidInputError, match="name the framework"):
        ascof.outcome(id, 1, 2)


@pytest.mark.parametrize(
    "id,why",
    [
        ("2A\x002", "control character U\\+0000"),
        ("2)A(2", "misplaced brackets"),
        ("2A(2", "unbalanced brackets"),
        ("2A\x1b[2J", "control character U\\+001B"),
        ("2A-2", "the part must be"),
    ],
)
def test_ids_outside_the_grammar_are_refused(id: str, why: str) -> None:
    # Issue 16: "2A\x002" and "2)A(2" were read as 2A2.
    with pytest.raises(carestat.InvalidInputError, match=why) as e:
        ascof.measure(id)
    assert "\x00" not in str(e.value) and "\x1b" not in str(e.value)
    with pytest.raises(carestat.InvalidInputError):
        ascof.compare(id, 1, 2, framework="2022-23")


def test_framework_years() -> None:
    assert {m.framework for m in ascof.measures("2024-25")} == {"2023-24"}
    assert {m.framework for m in ascof.measures("2015/16")} == {"2022-23"}
    with pytest.raises(carestat.UnknownValueError):
        ascof.measures("2019")
