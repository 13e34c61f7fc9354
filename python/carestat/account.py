"""Local Accounts: the report and the audit of a council's published figures.

A dataset is the JSON format of `carestat audit` (format_version 1 or 2): a path to a file,
the JSON text itself, or a dict. `audit` also takes a published document (a path to a
``.txt``/``.md``/``.html``/``.docx``/``.pdf``, its bytes, or an `Extraction`): it is read by its
content, extracted (`carestat.extract`) and audited, and each finding carries the ``quote``
and ``span`` of its sentence in the document's text. Results are pandas DataFrames when pandas is installed (one row
per finding or indicator), plain lists of dicts otherwise or with ``frame=False``.

>>> import carestat
>>> findings = carestat.audit("examples/data/worcestershire-2023-24.json", frame=False)
>>> [f["status"] for f in findings if f["claim"] == "long-term-change"]
['ambiguous']

Bad datasets raise a `CarestatError` subclass whose ``field`` is the JSON path
(``ratings.care_homes.good``).
"""

from __future__ import annotations

import importlib
import json
import os
from pathlib import Path
from typing import Any, Dict, List, Optional, Union

from carestat._carestat import _audit_document, _audit_json, _report_json
from carestat.documents import Extraction, read_source
from carestat.results import findings_frame

DatasetLike = Union[str, "os.PathLike[str]", Dict[str, Any]]
#: What `audit` accepts: a dataset, or a published document (path, bytes, `Extraction`).
AuditSource = Union[str, "os.PathLike[str]", Dict[str, Any], bytes, bytearray, memoryview, Extraction]

#: Columns of `audit`, in order.
FINDING_COLUMNS = [
    "claim", "kind", "status", "text", "stated", "decimals", "computed", "computed_lower",
    "computed_upper", "unit", "reading", "implied_what", "implied", "implied_lower",
    "implied_upper", "reason", "quote", "span", "combined", "wording", "readings",
]
#: Columns of `report`, in order.
INDICATOR_COLUMNS = [
    "id", "kind", "label", "value", "lower", "upper", "unit", "current", "previous",
    "direction", "judgement", "method", "note",
]


def _text(dataset: DatasetLike) -> str:
    """The dataset's JSON text, from a dict, JSON text, or a path."""
    if isinstance(dataset, dict):
        return json.dumps(dataset)
    if isinstance(dataset, os.PathLike):
        return Path(dataset).read_text(encoding="utf-8")
    if isinstance(dataset, str):
        if dataset.lstrip().startswith("{"):
            return dataset
        return Path(dataset).read_text(encoding="utf-8")
    raise TypeError(
        f"dataset: expected a path, JSON text or a dict, not {type(dataset).__name__}"
    )


def _rows_or_frame(rows: List[Dict[str, Any]], columns: List[str], frame: Optional[bool]) -> Any:
    if frame is False:
        return rows
    try:
        # Imported by name: pandas is optional and ships no type information.
        pd: Any = importlib.import_module("pandas")
    except ImportError:
        if frame:
            raise
        return rows
    return pd.DataFrame(rows, columns=columns)


def _is_json_object(data: bytes) -> bool:
    """Whether the bytes are a dataset (a JSON object), as the ``carestat`` command decides."""
    return data.lstrip(b"\xef\xbb\xbf").lstrip().startswith(b"{")


def _audit_text(source: AuditSource) -> str:
    """The findings of a dataset or a document, as JSON text."""
    if isinstance(source, Extraction):
        return _audit_json(json.dumps(source.dataset))
    if isinstance(source, dict) or (
        isinstance(source, str) and source.lstrip("\ufeff \t").startswith("{")
    ):
        return _audit_json(_text(source))
    data, name = read_source(source, "dataset or document")
    if _is_json_object(data):
        # A dataset file: the other dataset files its restatements name sit beside it.
        folder = _folder_of(source)
        return _audit_json(data.decode("utf-8-sig"), folder)
    return _audit_document(data, name)


def _folder_of(source: AuditSource) -> Optional[str]:
    """The folder of a source given as a path (None for bytes and text)."""
    if isinstance(source, os.PathLike) or (
        isinstance(source, str) and "\n" not in source and "\r" not in source
    ):
        return str(Path(os.fspath(source)).resolve().parent)
    return None


def audit(dataset: AuditSource, *, frame: Optional[bool] = None) -> Any:
    """Every claim of the dataset, or of a published document, recomputed from its own
    figures.

    ``dataset`` is a dataset (path, JSON text or dict) or a document: a path to a published
    Local Account (text, Markdown, HTML, ``.docx``, PDF: read by content, whatever the name),
    its bytes, its text (a ``str`` with line breaks) or an `Extraction`. A file whose content is
    a JSON object is a dataset.

    One row per claim: ``claim`` (id), ``status`` ("consistent", "inconsistent",
    "ambiguous": the text allows readings that disagree, each in ``readings``, or
    "unchecked": an input is missing), ``stated``, ``computed`` and the range the inputs' rounding allows
    (``computed_lower``, ``computed_upper``), ``reading``, the implied value when the claim
    cannot be checked (``implied*``), ``reason`` and ``quote``; ``combined`` lists the other
    claims whose figures the finding used (reasoning across claims), absent when none;
    ``wording`` the hedge or verbal figure applied; ``readings`` each reading the text allows
    (a "%" change between percentages: percent and points) with what it gives and whether
    the stated figure ``holds`` under it.

    The DataFrame is a `carestat.results.FindingsFrame`: in a notebook each row is coloured
    by its status.

    ``frame=None`` gives a DataFrame when pandas is installed, else a list of dicts;
    ``frame=False`` always a list; ``frame=True`` a DataFrame (ImportError without pandas).
    """
    rows: List[Dict[str, Any]] = json.loads(_audit_text(dataset))
    out = _rows_or_frame(rows, FINDING_COLUMNS, frame)
    if isinstance(out, list):
        return out
    return findings_frame(rows, FINDING_COLUMNS)


def report(dataset: DatasetLike, *, frame: Optional[bool] = None) -> Any:
    """Every indicator derived from the dataset: changes, implied previous values, rates
    per 100,000 and shares with 95% intervals, ASCOF comparisons.

    One row per indicator (see `INDICATOR_COLUMNS`). As a DataFrame, ``attrs`` holds the
    area and the period; as a list, each dict is one indicator. ``frame`` as in `audit`.
    """
    r: Dict[str, Any] = json.loads(_report_json(_text(dataset)))
    out = _rows_or_frame(r["indicators"], INDICATOR_COLUMNS, frame)
    if hasattr(out, "attrs"):
        out.attrs["area"] = r["area"]
        out.attrs["period"] = r["period"]
    return out
