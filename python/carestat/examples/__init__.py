"""The example data shipped inside the package: real councils' published figures as datasets
(the JSON format of `carestat.audit`), the text of the documents they come from, and the ASCOF
measure catalogue. Installed with the wheel, so no clone of the repository is needed.

>>> import carestat
>>> carestat.examples.names()
('birmingham-2022-23', 'birmingham-cabinet-2020', 'birmingham-cqc-2023', 'worcestershire-2023-24')
>>> findings = carestat.audit(carestat.examples.path("worcestershire-2023-24"), frame=False)
>>> [f["status"] for f in findings if f["claim"] == "long-term-change"]
['ambiguous']
"""

from __future__ import annotations

from pathlib import Path
from typing import Tuple

_HERE = Path(__file__).resolve().parent
_DATA = _HERE / "data"
_SOURCES = _DATA / "sources"

__all__ = ["ascof_catalogue_path", "document_path", "documents", "names", "path"]


def _stems(folder: Path, suffix: str) -> Tuple[str, ...]:
    return tuple(sorted(p.name[: -len(suffix)] for p in folder.glob("*" + suffix) if p.is_file()))


def _find(kind: str, folder: Path, suffix: str, name: str) -> Path:
    known = _stems(folder, suffix)
    stem = name[: -len(suffix)] if name.endswith(suffix) else name
    if stem not in known:
        raise ValueError(f"{kind} {name!r}: no such example (the examples are {', '.join(known)})")
    return folder / (stem + suffix)


def names() -> Tuple[str, ...]:
    """The bundled example datasets, by name (sorted): each one can be given to `path`."""
    return _stems(_DATA, ".json")


def path(name: str) -> Path:
    """The file of the example dataset ``name`` (one of `names`, with or without ``.json``),
    ready for `carestat.audit` or `carestat.report`. An unknown name raises ValueError
    listing the known ones."""
    return _find("dataset", _DATA, ".json", name)


def documents() -> Tuple[str, ...]:
    """The text of the published documents the datasets were taken from, by name (sorted)."""
    return _stems(_SOURCES, ".txt")


def document_path(name: str) -> Path:
    """The plain-text file of the published document ``name`` (one of `documents`, with or
    without ``.txt``). An unknown name raises ValueError listing the known ones."""
    return _find("document", _SOURCES, ".txt", name)


def ascof_catalogue_path() -> Path:
    """The ASCOF measure catalogue (JSON) that `carestat.ascof` is built from."""
    return _HERE / "ascof.json"
