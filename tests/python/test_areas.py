"""carestat.areas: the 153 councils with adult social services responsibilities of 2023/24.

Expected figures come from the published sources, not from the table under test:
- ONS, Lower Tier Local Authority to Upper Tier Local Authority (April 2023) Lookup in England
  and Wales; ONS, Local Authority District to Region (April 2023) Lookup in England.
- NHS England's Adult Social Care Activity and Finance Report 2023-24 counts 153 councils.
- The structural changes orders on legislation.gov.uk: SI 2018/648 (Bournemouth, Dorset and
  Poole, 1 April 2019), SI 2019/957 (Buckinghamshire, 1 April 2020), SI 2020/156
  (Northamptonshire, 1 April 2021), SI 2022/331 (Cumbria, 1 April 2023), SI 2022/328 (North
  Yorkshire), SI 2022/329 (Somerset).
- Names as documents write them: the seeds in examples/data/sources (Birmingham's Local
  Account 2022/23: "Birmingham City Council"; Worcestershire's 2023/24: "Worcestershire County
  Council"), and councils' own names (camden.gov.uk "London Borough of Camden", rbkc.gov.uk
  "Royal Borough of Kensington and Chelsea").
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import List

import pytest

import carestat
from carestat import areas, frames

SOURCES = Path(__file__).resolve().parents[2] / "examples" / "data" / "sources"


def test_153_councils_of_four_kinds() -> None:
    every = areas.all()
    assert len(every) == 153
    assert len({a.code for a in every}) == 153
    # 21 county councils after Cumbria, North Yorkshire and Somerset (April 2023); 63
    # unitaries with the Isles of Scilly; 36 metropolitan districts; 32 boroughs + the City.
    assert Counter(a.type for a in every) == {
        "unitary": 63, "metropolitan district": 36, "London borough": 33, "county": 21}
    assert all(a.code[:3] == {"unitary": "E06", "metropolitan district": "E08",
                              "London borough": "E09", "county": "E10"}[a.type] for a in every)


def test_regions_are_onss_nine() -> None:
    assert areas.regions() == (
        "East Midlands", "East of England", "London", "North East", "North West",
        "South East", "South West", "West Midlands", "Yorkshire and The Humber")
    by_region = Counter(a.region for a in areas.all())
    assert by_region["London"] == 33
    # Derby, Leicester, Nottingham, Rutland, North and West Northamptonshire, Derbyshire,
    # Leicestershire, Lincolnshire, Nottinghamshire.
    assert by_region["East Midlands"] == 10
    assert areas.lookup("Derbyshire").region == "East Midlands"
    assert areas.lookup("Lincolnshire County Council").region_code == "E12000004"


@pytest.mark.parametrize("name, code", [
    ("Birmingham City Council", "E08000025"),
    ("Birmingham", "E08000025"),
    ("Worcestershire County Council", "E10000034"),
    ("Worcestershire", "E10000034"),
    ("London Borough of Camden", "E09000007"),
    ("Camden", "E09000007"),
    ("Royal Borough of Kensington and Chelsea", "E09000020"),
    ("The Royal Borough of Windsor and Maidenhead", "E06000040"),
    ("Royal Borough of Greenwich", "E09000011"),
    ("Kingston upon Hull, City of", "E06000010"),
    ("Hull City Council", "E06000010"),
    ("Bristol, City of", "E06000023"),
    ("Bristol City Council", "E06000023"),
    ("Herefordshire, County of", "E06000019"),
    ("Durham County Council", "E06000047"),
    ("County Durham", "E06000047"),
    ("St. Helens Council", "E08000013"),
    ("Telford & Wrekin Council", "E06000020"),
    ("Westminster City Council", "E09000033"),
    ("City of London Corporation", "E09000001"),
    ("Council of the Isles of Scilly", "E06000053"),
    ("Bradford Metropolitan District Council", "E08000032"),
    ("london borough of hammersmith and fulham", "E09000013"),
    ("  Stoke-on-Trent City Council ", "E06000021"),
    ("Cumberland Council", "E06000063"),
    ("Westmorland and Furness Council", "E06000064"),
    ("North Yorkshire Council", "E06000065"),
    ("Somerset Council", "E06000066"),
    ("North Northamptonshire Council", "E06000061"),
    ("West Northamptonshire", "E06000062"),
    ("Bournemouth, Christchurch and Poole Council", "E06000058"),
    ("BCP Council", "E06000058"),
    ("Dorset Council", "E06000059"),
])
def test_names_as_documents_write_them(name: str, code: str) -> None:
    assert areas.lookup(name).code == code


def test_the_seeds_name_their_councils() -> None:
    birmingham = (SOURCES / "birmingham-local-account-2022-23.txt").read_text(encoding="utf-8")
    worcestershire = (SOURCES / "worcestershire-local-account-2023-24.txt").read_text(
        encoding="utf-8")
    assert "Birmingham City Council" in birmingham
    assert "Worcestershire County Council spent" in worcestershire
    assert areas.lookup("Birmingham City Council").region == "West Midlands"
    assert areas.lookup("Worcestershire County Council").type == "county"


def test_lookup_by_code() -> None:
    a = areas.lookup("E08000025")
    assert (a.name, a.council, a.type) == ("Birmingham", "Birmingham City Council",
                                           "metropolitan district")
    assert areas.lookup("e10000034").council == "Worcestershire County Council"
    # Gateshead's code before ONS's 2013 boundary change still finds Gateshead.
    assert areas.lookup("E08000020").code == "E08000037"
    with pytest.raises(carestat.UnknownValueError, match="E07000001.*not the ONS code"):
        areas.lookup("E07000001")  # Allerdale: a district, never a social services council


@pytest.mark.parametrize("given, successors", [
    ("Cumbria County Council", ["E06000063", "E06000064"]),
    ("Cumbria", ["E06000063", "E06000064"]),
    ("E10000006", ["E06000063", "E06000064"]),
    ("North Yorkshire County Council", ["E06000065"]),
    ("E10000027", ["E06000066"]),
    ("Northamptonshire", ["E06000061", "E06000062"]),
    ("Buckinghamshire County Council", ["E06000060"]),
    ("Bournemouth", ["E06000058"]),
    ("Borough of Poole", ["E06000058"]),
])
def test_abolished_councils_name_their_successors(given: str, successors: List[str]) -> None:
    with pytest.raises(carestat.UnknownValueError, match="abolished on") as e:
        areas.lookup(given)
    for code in successors:
        assert code in str(e.value)
    assert e.value.field == "area"


def test_abolition_dates_and_orders() -> None:
    by_code = {f.code: f for f in areas.former()}
    assert (by_code["E10000006"].abolished, by_code["E10000006"].source[-11:]) == (
        "2023-04-01", "SI 2022/331")
    assert by_code["E10000021"].abolished == "2021-04-01"
    assert by_code["E06000028"].abolished == "2019-04-01"
    assert areas.lookup("Cumberland").established == "2023-04-01"
    assert areas.lookup("Birmingham").established == ""


@pytest.mark.parametrize("given, message", [
    ("Birmingham and Solihull", "ambiguous: it names Birmingham City Council"),
    ("Hull and East Riding", "ambiguous"),
    ("London", "is a region, not a council"),
    ("West Midlands", "is a region"),
    ("Birmingam", "did you mean 'Birmingham City Council'"),
    # A part of a name never resolves it: Sutton Coldfield is in Birmingham.
    ("Sutton Coldfield", "not a council"),
    ("Newcastle-under-Lyme Borough Council", "not a council"),
    ("", "not a council"),
])
def test_unknown_and_ambiguous_names_are_errors(given: str, message: str) -> None:
    with pytest.raises(carestat.UnknownValueError, match=message):
        areas.lookup(given)


def test_lookup_refuses_non_strings() -> None:
    with pytest.raises(TypeError, match="area: expected a name"):
        areas.lookup(8000025)  # type: ignore[arg-type]


def test_codes_names_the_row() -> None:
    assert areas.codes(["Birmingham", "E10000034"]) == ["E08000025", "E10000034"]
    with pytest.raises(carestat.UnknownValueError, match=r"la at row 1: 'Cumbria'") as e:
        areas.codes(["Birmingham", "Cumbria"], what="la")
    assert e.value.row == 1
    with pytest.raises(carestat.UnknownValueError, match="la at row 0: expected"):
        areas.codes([None], what="la")


def test_table_and_region_grouping() -> None:
    pd = pytest.importorskip("pandas")
    t = areas.table()
    assert len(t) == 153 and list(t.columns)[:3] == ["code", "name", "council"]
    df = pd.DataFrame({
        "la": ["Birmingham City Council", "Worcestershire", "London Borough of Camden",
               "Royal Borough of Greenwich", "Coventry"],
        "admissions": [900, 500, 100, 60, 40],
        "pop": [180000, 130000, 30000, 20000, 10000],
    })
    joined = areas.with_areas(df, "la")
    assert joined["area_code"].tolist() == [
        "E08000025", "E10000034", "E09000007", "E09000011", "E08000026"]
    assert joined["region"].tolist()[:3] == ["West Midlands", "West Midlands", "London"]
    r = frames.grouped_rate(joined, "admissions", "pop", by="region")
    # London: 160 / 50,000 = 320 per 100,000; West Midlands: 1440 / 320,000 = 450.
    assert r.loc["London", "value"] == pytest.approx(320.0, rel=1e-12)
    assert r.loc["West Midlands", "value"] == pytest.approx(450.0, rel=1e-12)
    assert df.columns.tolist() == ["la", "admissions", "pop"]  # the input is not changed


def test_with_areas_errors() -> None:
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"la": ["Leeds", "Cumbria"], "region": ["x", "y"]})
    with pytest.raises(carestat.UnknownValueError, match="la at row 1: 'Cumbria' is Cumbria"):
        areas.with_areas(df, "la")
    with pytest.raises(carestat.UnknownValueError, match="region: the DataFrame has"):
        areas.with_areas(df.iloc[:1], "la")
    assert areas.with_areas(df.iloc[:1], "la", prefix="la_")["la_region"].tolist() == [
        "Yorkshire and The Humber"]
    with pytest.raises(carestat.UnknownValueError, match="council: no such column"):
        areas.with_areas(df, "council")


def test_with_areas_polars() -> None:
    pl = pytest.importorskip("polars")
    out = areas.with_areas(pl.DataFrame({"la": ["Camden", "Somerset"]}), "la")
    assert isinstance(out, pl.DataFrame)
    assert out["area_type"].to_list() == ["London borough", "unitary"]
