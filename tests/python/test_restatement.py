"""Restatements from Python (issue 12): a figure printed again, in one document or in another
dataset file, audited through `carestat.audit`.

tests/data/restatement/README.md gives the source: NHS England's Safeguarding Adults, England,
2022-23 update note ("the total number of Safeguarding concerns has changed from 587,965 to
587,970"); the Worcestershire figures are from the bundled Local Account 2023/24 (seed 004).
"""

import json
import shutil
from pathlib import Path

import pytest

import carestat

ROOT = Path(__file__).resolve().parents[2]
RESTATED = ROOT / "tests" / "data" / "restatement"
QUOTING = RESTATED / "quotes-first-release.json"
WORCS = ROOT / "examples" / "data" / "worcestershire-2023-24.json"


def test_a_dataset_path_reads_the_file_it_restates() -> None:
    (f,) = carestat.audit(QUOTING, frame=False)
    assert f["kind"] == "restatement" and f["status"] == "inconsistent"
    assert f["stated"] == 587965 and f["computed"] == 587970
    assert f["reason"].startswith("587,965 here and 587,970 in nhs-england-sac-2022-23.json")
    # The same as a str path.
    (again,) = carestat.audit(str(QUOTING), frame=False)
    assert again == f


def test_text_alone_leaves_the_other_file_unread() -> None:
    (f,) = carestat.audit(QUOTING.read_text(encoding="utf-8"), frame=False)
    assert f["status"] == "unchecked"
    assert "which was not read" in f["reason"]


def test_a_missing_other_file_is_an_error_naming_the_claim(tmp_path: Path) -> None:
    lone = tmp_path / "quoting.json"
    shutil.copy(QUOTING, lone)
    with pytest.raises(carestat.InvalidInputError) as e:
        carestat.audit(lone, frame=False)
    assert e.value.field == "claims[0].dataset"
    assert "cannot read" in str(e.value)


def test_worcestershire_prints_its_figures_again_consistently() -> None:
    by_id = {f["claim"]: f for f in carestat.audit(WORCS, frame=False)}
    restated = {k: f for k, f in by_id.items() if f["kind"] == "restatement"}
    assert len(restated) >= 5
    assert all(f["status"] == "consistent" for f in restated.values()), restated
    # "spent £309m on services for adults" and "The gross Adult Social Care spend ... was
    # £309m in 2023/24".
    assert restated["gross-spend-restated"]["computed"] == 309.0


def test_a_restatement_of_itself_is_refused() -> None:
    ds = json.loads(QUOTING.read_text(encoding="utf-8"))
    claim = ds["claims"][0]
    del claim["dataset"]
    claim["subject"] = "claims.england-concerns"
    with pytest.raises(carestat.InvalidInputError) as e:
        carestat.audit(ds, frame=False)
    assert e.value.field == "claims[0].subject"
    assert "cannot restate itself" in str(e.value)
