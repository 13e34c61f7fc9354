"""Published documents: a Local Account as it was published (text, Markdown, HTML, Word
``.docx``, PDF), read by its content, and the draft dataset extracted from it.

>>> import carestat
>>> x = carestat.extract("examples/data/sources/birmingham-local-account-2022-23.txt")
>>> [c["id"] for c in x.dataset["claims"]][:1]
['care-homes-rating-share']
>>> x.quote(x.dataset["claims"][0])[:20]
'These means that 76%'

A document is a path (``str`` or ``os.PathLike``), its bytes, or its text as a ``str`` that
holds a line break (a ``str`` without one is a path: a mistyped name is a FileNotFoundError,
never an empty draft). Files larger than `MAX_DOCUMENT_BYTES` are refused, as by the core.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
import json
from typing import Any, Dict, List, Tuple, Union

from carestat._carestat import InvalidInputError, _extract_document

__all__ = ["DocumentLike", "Extraction", "MAX_DOCUMENT_BYTES", "extract", "read_source"]

DocumentLike = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview]

#: The largest document read, in bytes (the core's limit: 64 MiB).
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024


def _read_capped(path: Union[str, "os.PathLike[str]"]) -> bytes:
    """The file's bytes; one byte over the limit is read so that the core refuses it
    (an endless file such as /dev/zero is never read to the end)."""
    with open(path, "rb") as f:
        return f.read(MAX_DOCUMENT_BYTES + 1)


def read_source(source: DocumentLike, what: str = "document") -> Tuple[bytes, str]:
    """The bytes of a document or dataset given as a path, bytes or text, and its name
    (the file's name, or "" for bytes and text)."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source), ""
    if isinstance(source, os.PathLike):
        return _read_capped(source), Path(source).name
    if isinstance(source, str):
        if "\n" in source or "\r" in source:
            return source.encode("utf-8"), ""
        if not os.path.exists(source):
            raise FileNotFoundError(
                2,
                f"{what}: no such file {source!r} (give a path, the bytes, or the text "
                "with its line breaks)",
                source,
            )
        return _read_capped(source), Path(source).name
    raise TypeError(
        f"{what}: expected a path, bytes or text, not {type(source).__name__}"
    )


@dataclass(frozen=True)
class Extraction:
    """What `extract` read from a document: a draft for an analyst to correct.

    ``dataset`` is the draft (a dict in the format `carestat.audit` reads; every figure and
    claim has its ``quote`` and byte ``span``); ``not_understood`` lists every number the
    extractor could not place (``quote``, ``span``, ``why``); ``text`` is the document's text
    as read, the text every span points into (for text and Markdown, the file itself).
    """

    dataset: Dict[str, Any]
    not_understood: List[Dict[str, Any]]
    text: str

    def quote(self, item: Dict[str, Any]) -> str:
        """The document's text at an item's ``span`` (a claim, a figure, a finding or an
        entry of ``not_understood``); "" when it has none."""
        span = item.get("span")
        if not span:
            return ""
        raw = self.text.encode("utf-8")
        return raw[span["start"]:span["end"]].decode("utf-8")

    def to_json(self) -> str:
        """The draft dataset as JSON text (what ``carestat audit`` reads once corrected)."""
        return json.dumps(self.dataset, ensure_ascii=False, indent=2)


def extract(document: DocumentLike) -> Extraction:
    """The draft dataset read from a published document (text, Markdown, HTML, ``.docx``,
    PDF, recognised by content; a file's name only tells Markdown or HTML from plain text).

    A file that cannot be read (a scanned PDF with no text layer, an encrypted or corrupt
    file, an unknown format, text that is not UTF-8, more than `MAX_DOCUMENT_BYTES`, a
    dataset given where a document is expected) raises `InvalidInputError` with
    ``field == "document"`` and the reason.
    """
    data, name = read_source(document)
    if data.lstrip(b"\xef\xbb\xbf").lstrip().startswith(b"{"):
        e = InvalidInputError(
            "document: is a dataset (JSON) already; extract reads a published document "
            "(audit the dataset with carestat.audit)"
        )
        e.field = "document"
        raise e
    text, payload = _extract_document(data, name)
    x: Dict[str, Any] = json.loads(payload)
    return Extraction(dataset=x["dataset"], not_understood=x["not_understood"], text=text)
