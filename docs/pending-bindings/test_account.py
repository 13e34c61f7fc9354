"""Local Accounts from Python: carestat.audit / carestat.report on the bundled datasets."""

import json
from pathlib import Path

import pytest

import carestat

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"
WORCS = DATA / "worcestershire-2023-24.json"
BHAM = DATA / "birmingham-2022-23.json"


def test_audit_lists_findings_without_pandas() -> None:
    findings = carestat.audit(WORCS, frame=False)
    assert isinstance(findings, list) and len(findings) == 17
    by_id = {f["claim"]: f for f in findings}
    # "6% ... a 1% increase on last year's 5%": +1 point, a 20% rise.
    lt = by_id["long-term-change"]
    assert lt["status"] == "inconsistent" and lt["reading"] == "points"
    assert lt["computed"] == pytest.approx(20.0)
    # 3912 / 485,737 x 100,000 = 805.4, not 803; 803 implies 487,173.
    assert by_id["concerns-rate-2022-23"]["status"] == "inconsistent"
    assert by_id["concerns-rate-2022-23"]["implied"] == pytest.approx(3912e5 / 803)


def test_audit_dataframe_and_inputs() -> None:
    pd = pytest.importorskip("pandas")
    df = carestat.audit(str(BHAM))
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns[:3]) == ["claim", "kind", "status"]
    status = dict(zip(df["claim"], df["status"]))
    # 445 of 576 = 77.3%, stated 76%; service types add to 321.2, stated 326.4.
    assert status["care-homes-share"] == "inconsistent"
    assert status["spend-by-service-sum"] == "inconsistent"
    # The same from JSON text and from a dict.
    text = BHAM.read_text(encoding="utf-8")
    assert carestat.audit(text, frame=False) == carestat.audit(json.loads(text), frame=False)


def test_report() -> None:
    rows = carestat.report(WORCS, frame=False)
    rate = next(r for r in rows if r["id"] == "counts.safeguarding_concerns.rate")
    # 4455 / 485,737 x 100,000 = 917.16
    assert rate["value"] == pytest.approx(4455e5 / 485737)
    assert rate["lower"] < rate["value"] < rate["upper"]
    pd = pytest.importorskip("pandas")
    df = carestat.report(WORCS)
    assert df.attrs["area"] == "Worcestershire County Council"


def test_bad_datasets_name_the_json_path() -> None:
    d = json.loads(BHAM.read_text(encoding="utf-8"))
    d["ratings"]["care_homes"]["good"] = -1
    with pytest.raises(carestat.CarestatError) as e:
        carestat.audit(d)
    assert e.value.field == "ratings.care_homes.good"
    assert "must not be negative" in str(e.value)
    with pytest.raises(carestat.InvalidInputError):
        carestat.report("{not json")
    d = json.loads(BHAM.read_text(encoding="utf-8"))
    d["surprise"] = 1
    with pytest.raises(carestat.InvalidInputError) as e:
        carestat.audit(d)
    assert e.value.field == "surprise"
    with pytest.raises(TypeError):
        carestat.audit(3)  # type: ignore[arg-type]
