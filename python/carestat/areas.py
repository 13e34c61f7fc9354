"""The councils with adult social services responsibilities (CASSRs) in England in 2023/24:
the 153 upper-tier authorities (21 county councils, 63 unitary authorities, 36 metropolitan
districts, 32 London boroughs and the City of London), with their ONS code, type and region,
and lookup by code or by name as documents write it.

>>> from carestat import areas
>>> len(areas.all())
153
>>> a = areas.lookup("Birmingham City Council")
>>> a.code, a.type, a.region
('E08000025', 'metropolitan district', 'West Midlands')
>>> areas.lookup("Royal Borough of Kensington and Chelsea").code
'E09000020'
>>> areas.lookup("E10000034").council
'Worcestershire County Council'

NHS England's *Adult Social Care Activity and Finance Report, England, 2023-24* (October 2024)
collects its figures from these 153 councils ("mandated to be collected from 153 local
authorities in England ... 1 April 2023 to 31 March 2024").

Sources (bundled as ``carestat/data/areas.csv`` and ``carestat/data/areas_former.csv``):

- Codes and names: ONS, *Lower Tier Local Authority to Upper Tier Local Authority (April 2023)
  Lookup in England and Wales* (Open Geography Portal, published 5 April 2023; its English
  upper-tier codes, 153, are this table). The code's prefix gives the type: E10 county, E06
  unitary authority, E08 metropolitan district, E09 London borough (ONS counts the City of
  London, E09000001, among them).
- Regions: ONS, *Local Authority District to Region (April 2023) Lookup in England*; a county's
  region is that of its districts (each county lies in one region).
- Councils' names as they style themselves: mySociety's *UK Local Authority Names and Codes*
  (github.com/mysociety/uk_local_authority_names_and_codes, version of 10 July 2025). Its
  regions for Derbyshire and Lincolnshire are wrong (ONS: East Midlands) and were not used.
- Boundary changes (``established`` and the former councils), each from its statutory
  instrument on legislation.gov.uk:
  Bournemouth, Christchurch and Poole, and Dorset, 1 April 2019 (The Bournemouth, Dorset and
  Poole (Structural Changes) Order 2018, SI 2018/648: Bournemouth and Poole unitaries and
  Dorset County Council abolished); Buckinghamshire, 1 April 2020 (The Buckinghamshire
  (Structural Changes) Order 2019, SI 2019/957); North Northamptonshire and West
  Northamptonshire, 1 April 2021 (The Northamptonshire (Structural Changes) Order 2020,
  SI 2020/156); Cumberland and Westmorland and Furness, 1 April 2023 (The Cumbria
  (Structural Changes) Order 2022, SI 2022/331); North Yorkshire, 1 April 2023 (SI 2022/328);
  Somerset, 1 April 2023 (SI 2022/329).

A name is matched after normalising it: case, ``&`` for "and", punctuation and hyphens,
a leading "The", and the words councils put around their area's name ("City Council",
"County Council", "Metropolitan Borough Council", "London Borough of", "Royal Borough of",
"City of", ", City of", ...) are ignored. A name no council has, a name of a council
abolished before 2023/24 (such as "Cumbria County Council" or "North Yorkshire County
Council", whose figures belong to an area that no longer exists), a region's name, or a name
that fits several councils is an error (`UnknownValueError`) that says why and suggests the
names that come close.
"""

from __future__ import annotations

import csv
import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterable, List, Sequence, Tuple

from carestat._carestat import UnknownValueError
from carestat.frame_io import accepts_polars

__all__ = [
    "Area",
    "FormerArea",
    "all",
    "codes",
    "former",
    "lookup",
    "regions",
    "table",
    "with_areas",
]

_DATA = Path(__file__).resolve().parent / "data"

#: The year the table describes.
YEAR = "2023/24"


@dataclass(frozen=True)
class Area:
    """A council with adult social services responsibilities."""

    #: ONS code (GSS), e.g. "E08000025".
    code: str
    #: ONS's name of the area, e.g. "Birmingham", "Kingston upon Hull, City of".
    name: str
    #: The council's own name, e.g. "Birmingham City Council".
    council: str
    #: "county", "unitary", "metropolitan district" or "London borough".
    type: str
    #: ONS region, e.g. "West Midlands".
    region: str
    #: ONS region code, e.g. "E12000005".
    region_code: str
    #: The date the council took on its present area (ISO), when that is 2019 or later; else "".
    established: str
    #: Other names documents use, e.g. "Hull" (beyond the forms derived from the two names).
    aliases: Tuple[str, ...]


@dataclass(frozen=True)
class FormerArea:
    """A council abolished by a boundary change: its code and names are no longer an area."""

    code: str
    name: str
    council: str
    #: The date it was abolished (the day its successors took over), ISO.
    abolished: str
    #: The codes of the councils that took over its area.
    successors: Tuple[str, ...]
    #: The statutory instrument that made the change.
    source: str


def _read(name: str) -> List[Dict[str, str]]:
    with (_DATA / name).open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _split(text: str) -> Tuple[str, ...]:
    return tuple(t.strip() for t in text.split(";") if t.strip())


_AREAS: Tuple[Area, ...] = tuple(
    Area(r["code"], r["name"], r["council"], r["type"], r["region"], r["region_code"],
         r["established"], _split(r["aliases"]))
    for r in _read("areas.csv")
)
_FORMER: Tuple[FormerArea, ...] = tuple(
    FormerArea(r["code"], r["name"], r["council"], r["abolished"], _split(r["successors"]),
               r["source"])
    for r in _read("areas_former.csv")
)
_BY_CODE: Dict[str, Area] = {a.code: a for a in _AREAS}
_FORMER_BY_CODE: Dict[str, FormerArea] = {f.code: f for f in _FORMER}
# Codes ONS replaced after a boundary change that kept the council (ONS 2013 changes).
_RECODED: Dict[str, str] = {"E08000020": "E08000037", "E06000048": "E06000057"}

_CODE = re.compile(r"^[ENSW]\d{8}$")
_PREFIXES = ("council of the ", "london borough of ", "royal borough of ",
             "metropolitan borough of ", "borough of ", "county of ", "city and county of ",
             "city of ", "the ", "county ")
_SUFFIXES = (" metropolitan borough council", " metropolitan district council",
             " metropolitan borough", " borough council", " county council", " city council",
             " district council", " council", " corporation", " city of", " county of",
             " london borough", " ua", " county", " city", " mbc", " mdc", " cc")


def _plain(text: str) -> str:
    """Lower case, "and" for "&", no punctuation, hyphens as spaces, single spaces."""
    t = text.lower().replace("&", " and ").replace("-", " ")
    t = re.sub(r"[.,'’()]", " ", t)
    return " ".join(t.split())


def _core(text: str) -> str:
    """The area's name inside a council's name: "London Borough of Camden" -> "camden"."""
    t = _plain(text)
    changed = True
    while changed:
        changed = False
        for p in _PREFIXES:
            if t.startswith(p) and len(t) > len(p):
                t, changed = t[len(p):], True
        for s in _SUFFIXES:
            if t.endswith(s) and len(t) > len(s):
                t, changed = t[: -len(s)], True
    return t


def _forms(area: Area) -> Iterable[str]:
    return (area.name, area.council) + area.aliases


def _index() -> Tuple[Dict[str, List[str]], Dict[str, List[str]], Dict[str, FormerArea]]:
    exact: Dict[str, List[str]] = {}
    core: Dict[str, List[str]] = {}
    for area in _AREAS:
        for form in _forms(area):
            for table, key in ((exact, _plain(form)), (core, _core(form))):
                if area.code not in table.setdefault(key, []):
                    table[key].append(area.code)
    former: Dict[str, FormerArea] = {}
    for f in _FORMER:
        former[_plain(f.council)] = f
        if _core(f.name) not in core:
            former[_core(f.name)] = f
            former[_core(f.council)] = f
    return exact, core, former


_EXACT, _CORES, _FORMER_NAMES = _index()
_REGIONS: Dict[str, str] = {_plain(a.region): a.region for a in _AREAS}


def all() -> Tuple[Area, ...]:  # noqa: A001 - the module's table, as `areas.all()`
    """The 153 councils of 2023/24, in code order."""
    return _AREAS


def former() -> Tuple[FormerArea, ...]:
    """The upper-tier councils abolished since 2019, with their successors."""
    return _FORMER


def regions() -> Tuple[str, ...]:
    """The nine ONS regions of England, sorted."""
    return tuple(sorted(set(a.region for a in _AREAS)))


def _unknown(message: str, what: str) -> UnknownValueError:
    error = UnknownValueError(message)
    error.field = what
    return error


def _successors(f: FormerArea) -> str:
    return " and ".join(f"{_BY_CODE[c].council} ({c})" for c in f.successors)


def _abolished(f: FormerArea, given: str, what: str) -> UnknownValueError:
    return _unknown(
        f"{what}: {given!r} is {f.council} ({f.code}), abolished on {f.abolished} "
        f"({f.source}); its area is now {_successors(f)}", what)


def _named_within(core: str) -> List[str]:
    """The councils whose names appear as whole words inside `core` (a name no council has,
    such as "Birmingham and Solihull"), longest first, none inside another's. Only for the
    message: a name is never resolved by a part of it ("Sutton Coldfield" is in Birmingham,
    not the London Borough of Sutton)."""
    found: List[Tuple[int, int, str]] = []
    for key, found_codes in _CORES.items():
        if len(found_codes) != 1 or len(key) < 4:
            continue
        for m in re.finditer(r"(?<!\w)" + re.escape(key) + r"(?!\w)", core):
            found.append((m.start(), m.end(), found_codes[0]))
    found.sort(key=lambda t: (t[0] - t[1], t[0]))
    taken: List[Tuple[int, int]] = []
    codes_found: List[str] = []
    for start, end, code in found:
        if any(start < e and s < end for s, e in taken) or code in codes_found:
            continue
        taken.append((start, end))
        codes_found.append(code)
    return codes_found


def lookup(name_or_code: str, what: str = "area") -> Area:
    """The council a code ("E08000025") or a name ("Birmingham", "Birmingham City Council",
    "London Borough of Camden", "Royal Borough of Greenwich", "Bristol, City of") stands
    for. An unknown, abolished, regional or ambiguous name is an `UnknownValueError` whose
    message starts with `what` (the field name to report)."""
    if not isinstance(name_or_code, str):
        raise TypeError(f"{what}: expected a name or an ONS code (str), "
                        f"got {type(name_or_code).__name__}")
    given = name_or_code
    text = given.strip()
    code = text.upper()
    if _CODE.match(code):
        code = _RECODED.get(code, code)
        if code in _BY_CODE:
            return _BY_CODE[code]
        if code in _FORMER_BY_CODE:
            raise _abolished(_FORMER_BY_CODE[code], given, what)
        raise _unknown(f"{what}: {given!r} is not the ONS code of a council with adult "
                       f"social services responsibilities in {YEAR}", what)
    plain = _plain(text)
    if plain in _EXACT and len(_EXACT[plain]) == 1:
        return _BY_CODE[_EXACT[plain][0]]
    if plain in _FORMER_NAMES:
        raise _abolished(_FORMER_NAMES[plain], given, what)
    if plain in _REGIONS:
        raise _unknown(f"{what}: {given!r} is a region, not a council (group by the region "
                       "column of carestat.areas.with_areas instead)", what)
    core = _core(text)
    found = _CORES.get(core, [])
    if len(found) == 1:
        return _BY_CODE[found[0]]
    if len(found) > 1:
        names = ", ".join(f"{_BY_CODE[c].council} ({c})" for c in found)
        raise _unknown(f"{what}: {given!r} is ambiguous: it may be {names}", what)
    if core in _FORMER_NAMES:
        raise _abolished(_FORMER_NAMES[core], given, what)
    named = _named_within(core)
    if len(named) > 1:
        names = " and ".join(f"{_BY_CODE[c].council} ({c})" for c in named)
        raise _unknown(f"{what}: {given!r} is ambiguous: it names {names}", what)
    close = [_core(_BY_CODE[c].council) for c in named] or difflib.get_close_matches(
        core, list(_CORES), n=3, cutoff=0.75)
    hint = ""
    if close:
        hint = "; did you mean " + " or ".join(
            repr(_BY_CODE[_CORES[c][0]].council) for c in close) + "?"
    raise _unknown(f"{what}: {given!r} is not a council with adult social services "
                   f"responsibilities in {YEAR}{hint}", what)


def codes(names: Sequence[Any], what: str = "area") -> List[str]:
    """The ONS code of each name or code in `names` (a list, a pandas or polars Series); an
    error names the position of the first value that is not a council. Missing values
    (None, NaN) are refused too."""
    out: List[str] = []
    for i, value in enumerate(list(names)):
        if not isinstance(value, str):
            raise _unknown(f"{what} at row {i}: expected a council's name or code, got "
                           f"{value!r}", what)
        try:
            out.append(lookup(value, what).code)
        except UnknownValueError as e:
            text = str(e)
            error = _unknown(f"{what} at row {i}{text[len(what):]}", what)
            error.row = i
            raise error from e
    return out


_COLUMNS = ("code", "name", "council", "type", "region", "region_code", "established")


def table() -> Any:
    """The 153 councils as a pandas DataFrame: columns ``code``, ``name``, ``council``,
    ``type``, ``region``, ``region_code``, ``established``."""
    from carestat.frame_io import pandas

    return pandas().DataFrame([[getattr(a, c) for c in _COLUMNS] for a in _AREAS],
                              columns=list(_COLUMNS))


_ADDED = {"area_code": "code", "area_name": "name", "area_type": "type",
          "region": "region", "region_code": "region_code"}


@accepts_polars
def with_areas(df: Any, column: str, prefix: str = "") -> Any:
    """A copy of `df` with, for the council named (or coded) in `column`, the columns
    ``area_code``, ``area_name``, ``area_type``, ``region`` and ``region_code`` (each with
    `prefix` before it), ready for ``carestat.frames.grouped_rate(..., by="region")``. A
    value that is not a council is an error naming the column and the row; an existing
    column of the same name is an error, never overwritten. Polars in, polars out.

    >>> import pandas as pd
    >>> from carestat import areas, frames
    >>> df = pd.DataFrame({"la": ["Birmingham City Council", "Worcestershire", "Camden"],
    ...                    "admissions": [900, 500, 100], "pop": [180000, 130000, 30000]})
    >>> frames.grouped_rate(areas.with_areas(df, "la"), "admissions", "pop",
    ...                     by="region")["value"].round(1).to_dict()
    {'London': 333.3, 'West Midlands': 451.6}
    """
    if not hasattr(df, "columns") or not hasattr(df, "copy"):
        raise TypeError(f"df: expected a pandas or polars DataFrame, got {type(df).__name__}")
    if column not in df.columns:
        error = UnknownValueError(f"{column}: no such column in the DataFrame")
        error.field = column
        raise error
    found = codes(df[column].tolist(), what=column)
    out = df.copy()
    for name, attr in _ADDED.items():
        target = prefix + name
        if target in out.columns:
            error = UnknownValueError(f"{target}: the DataFrame has this column already "
                                      "(give with_areas a prefix)")
            error.field = target
            raise error
        out[target] = [getattr(_BY_CODE[c], attr) for c in found]
    return out
