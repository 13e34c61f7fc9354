"""Published documents from Python (issue 13): carestat.extract and carestat.audit on a
Local Account as published (the Birmingham seed's text, examples/data/sources/), a council web
page (West Sussex, tests/data/corpus/), a Word document made here, and hostile input."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any, Dict, List

import pytest

import carestat

ROOT = Path(__file__).resolve().parents[2]
BHAM_TEXT = ROOT / "examples" / "data" / "sources" / "birmingham-local-account-2022-23.txt"
WORCS = ROOT / "examples" / "data" / "worcestershire-2023-24.json"
WEST_SUSSEX = ROOT / "tests" / "data" / "corpus" / "01-west-sussex-how-we-spent-your-money.html"

# The Birmingham Local Account's care home ratings, as the seed prints them.
CARE_HOMES = [
    "Adult Social Care Local Account 2022/23",
    "Care Homes",
    "There were 13 homes who were rated gold.",
    "432 homes were rated silver.",
    "123 homes rated bronze.",
    "7 homes were rated inadequate.",
    "1 home is not yet rated.",
    "These means that 76% of Birmingham Care Homes are Outstanding or Good",
]


def by_claim(findings: List[Dict[str, Any]]) -> Dict[str, Dict[str, Any]]:
    return {f["claim"]: f for f in findings}


def test_extract_reads_the_birmingham_local_account() -> None:
    x = carestat.extract(BHAM_TEXT)
    assert isinstance(x, carestat.Extraction)
    assert x.dataset["format_version"] == 2
    claims = {c["id"]: c for c in x.dataset["claims"]}
    assert "care-homes-rating-share" in claims
    # A text file is its own text: spans are byte offsets into the file.
    raw = BHAM_TEXT.read_bytes()
    assert x.text.encode("utf-8") == raw
    span = claims["care-homes-rating-share"]["span"]
    assert raw[span["start"]:span["end"]].startswith(b"These means that 76%")
    assert x.quote(claims["care-homes-rating-share"]).startswith("These means that 76%")
    # Numbers it could not place are listed with their sentence, never dropped.
    assert x.not_understood and {"quote", "span", "why"} <= set(x.not_understood[0])
    # The draft is a dataset: as JSON text it audits like the document.
    assert carestat.audit(x.to_json(), frame=False) == carestat.audit(x, frame=False)


def test_audit_takes_the_document_as_published() -> None:
    findings = by_claim(carestat.audit(BHAM_TEXT, frame=False))
    # 13 gold + 432 silver = 445 of 576 care homes = 77.3%, stated 76%.
    care_homes = findings["care-homes-rating-share"]
    assert care_homes["status"] == "inconsistent" and care_homes["stated"] == 76
    # The spend by service type does not add to the £326.4m stated.
    assert findings["expenditure-by-service-type-sum"]["status"] == "inconsistent"
    # 70 of 83 Home Support providers Silver: 84.3%, stated 84%.
    assert findings["home-support-rating-share"]["status"] == "consistent"
    raw = BHAM_TEXT.read_bytes()
    span = care_homes["span"]
    assert raw[span["start"]:span["end"]].decode() == care_homes["quote"]
    # The same from a str path, the bytes, the text and the extraction.
    same = [
        carestat.audit(str(BHAM_TEXT), frame=False),
        carestat.audit(raw, frame=False),
        carestat.audit(raw.decode("utf-8"), frame=False),
        carestat.audit(carestat.extract(BHAM_TEXT), frame=False),
    ]
    for other in same:
        assert by_claim(other) == findings


def test_audit_frame_has_the_span() -> None:
    pytest.importorskip("pandas")
    df = carestat.audit(BHAM_TEXT)
    row = df[df["claim"] == "care-homes-rating-share"].iloc[0]
    assert row["status"] == "inconsistent"
    assert set(row["span"]) == {"start", "end"}


def test_a_council_web_page_is_read_without_its_tags() -> None:
    # Named nothing: the content says HTML.
    x = carestat.extract(WEST_SUSSEX.read_bytes())
    assert "<p>" not in x.text
    assert "This is an increase of £39 million (+15.3%) from 2022-23." in x.text
    findings = carestat.audit(WEST_SUSSEX, frame=False)
    for f in findings:
        # Every quote is the document's text at the finding's span.
        assert x.quote(f) == f["quote"]


def docx(paragraphs: List[str]) -> bytes:
    """A Word document holding the paragraphs, one ``w:p`` each, as Word writes them."""
    body = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{p}</w:t></w:r></w:p>' for p in paragraphs
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types '
            'xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        z.writestr("word/document.xml", xml)
    return out.getvalue()


def test_a_docx_gives_the_findings_of_its_text(tmp_path: Path) -> None:
    path = tmp_path / "local-account.docx"
    path.write_bytes(docx(CARE_HOMES))
    from_docx = carestat.audit(path, frame=False)
    from_text = carestat.audit("\n\n".join(CARE_HOMES) + "\n", frame=False)
    assert [f["status"] for f in from_docx] == ["inconsistent"]
    assert [(f["claim"], f["status"], f["stated"]) for f in from_docx] == [
        (f["claim"], f["status"], f["stated"]) for f in from_text
    ]
    # Named .txt, it is still a Word document.
    misnamed = tmp_path / "local-account.txt"
    misnamed.write_bytes(path.read_bytes())
    assert carestat.audit(misnamed, frame=False) == from_docx


def test_datasets_are_still_datasets(tmp_path: Path) -> None:
    # A dataset file with any name is audited as a dataset (its content is a JSON object).
    renamed = tmp_path / "worcestershire.txt"
    renamed.write_bytes(b"\xef\xbb\xbf" + WORCS.read_bytes())
    assert carestat.audit(renamed, frame=False) == carestat.audit(WORCS, frame=False)
    with pytest.raises(carestat.InvalidInputError) as e:
        carestat.extract(WORCS)
    assert e.value.field == "document"
    assert "is a dataset (JSON) already" in str(e.value)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"Of 440 responses \xff 30.3%", "document: not UTF-8 text (invalid byte at offset 17)"),
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog", "document: corrupt PDF"),
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "document: unknown format: a PNG image"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "document: encrypted or legacy Office"),
        (b"4.4%\0 more", "document: unknown format: a binary"),
        (b"PK\x03\x04\x14\x00\x06\x00truncated", "document: "),
    ],
)
def test_unreadable_documents_name_the_reason(data: bytes, message: str) -> None:
    for call in (carestat.extract, carestat.audit):
        with pytest.raises(carestat.InvalidInputError) as e:
            call(data)
        assert str(e.value).startswith(message), str(e.value)
        assert e.value.field == "document"


def test_hostile_arguments() -> None:
    with pytest.raises(FileNotFoundError, match="no such file 'not json'"):
        carestat.audit("not json")
    with pytest.raises(FileNotFoundError, match="document: no such file"):
        carestat.extract("local-acount.pdf")
    with pytest.raises(TypeError, match="expected a path, bytes or text, not int"):
        carestat.extract(3)  # type: ignore[arg-type]
    # A bytearray or memoryview is the same document as its bytes.
    raw = "\n\n".join(CARE_HOMES).encode()
    assert carestat.audit(bytearray(raw), frame=False) == carestat.audit(memoryview(raw), frame=False)
    # Empty input is an empty draft, not an error.
    x = carestat.extract(b"")
    assert x.dataset.get("claims", []) == [] and x.not_understood == [] and x.text == ""


def test_an_endless_file_is_refused_not_read_to_the_end() -> None:
    zero = Path("/dev/zero")
    if not zero.exists():
        pytest.skip("no /dev/zero")
    with pytest.raises(carestat.InvalidInputError, match="more than the 64 MiB"):
        carestat.extract(zero)


def test_extraction_json_is_the_dataset() -> None:
    x = carestat.extract(BHAM_TEXT)
    assert json.loads(x.to_json()) == x.dataset


def test_module_examples(monkeypatch: pytest.MonkeyPatch) -> None:
    import doctest

    import carestat.account
    import carestat.documents

    monkeypatch.chdir(ROOT)
    for module in (carestat.documents, carestat.account):
        result = doctest.testmod(module)
        assert result.attempted > 0 and result.failed == 0, module.__name__
