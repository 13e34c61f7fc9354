"""carestat.examples: the example data shipped inside the package (wheel package data)."""

import json
from pathlib import Path

import pytest

import carestat

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "examples" / "data"


def test_names_are_every_bundled_dataset() -> None:
    # Expected from the repository's examples/data/: a dataset added there but not linked
    # from python/carestat/examples/data/ (so missing from the wheel) fails here.
    assert carestat.examples.names() == tuple(sorted(p.stem for p in DATA.glob("*.json")))
    assert "worcestershire-2023-24" in carestat.examples.names()


def test_path_gives_the_dataset_file() -> None:
    for name in carestat.examples.names():
        p = carestat.examples.path(name)
        assert p.is_file() and p.read_bytes() == (DATA / (name + ".json")).read_bytes()
    assert carestat.examples.path("birmingham-2022-23.json") == carestat.examples.path(
        "birmingham-2022-23"
    )


def test_audit_of_a_bundled_example() -> None:
    findings = carestat.audit(carestat.examples.path("worcestershire-2023-24"), frame=False)
    by_id = {f["claim"]: f for f in findings}
    # As tests/python/test_account.py: "a 1% increase on last year's 5%" to 6% is +1 point,
    # a rise of 20% (1 / 5) at face value; +1% relative only within the rounding of 5% and
    # 6% (0% to 44.4%): the two readings disagree, so the claim is ambiguous.
    assert by_id["long-term-change"]["status"] == "ambiguous"
    assert by_id["long-term-change"]["computed"] == pytest.approx(20.0)


def test_documents_and_ascof_catalogue() -> None:
    sources = DATA / "sources"
    assert carestat.examples.documents() == tuple(sorted(p.stem for p in sources.glob("*.txt")))
    for name in carestat.examples.documents():
        assert carestat.examples.document_path(name).read_bytes() == (
            sources / (name + ".txt")
        ).read_bytes()
    catalogue = carestat.examples.ascof_catalogue_path()
    assert catalogue.read_bytes() == (REPO / "crates/carestat/data/ascof.json").read_bytes()
    ids = {m["id"] for m in json.loads(catalogue.read_text(encoding="utf-8"))["measures"]}
    assert "2A2" in ids  # ASCOF 2A(2), written without brackets in the catalogue


def test_unknown_name_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match=r"dataset 'nowhere-2023': no such example .*worcestershire"):
        carestat.examples.path("nowhere-2023")
    with pytest.raises(ValueError, match=r"document 'x': no such example"):
        carestat.examples.document_path("x")
