"""Local Accounts from Python: carestat.audit / carestat.report on the bundled datasets."""

import json
import sys
from pathlib import Path

import pytest

import carestat

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"
WORCS = DATA / "worcestershire-2023-24.json"
BHAM = DATA / "birmingham-2022-23.json"
BHAM_CQC = DATA / "birmingham-cqc-2023.json"


def test_audit_lists_findings_without_pandas() -> None:
    findings = carestat.audit(WORCS, frame=False)
    assert isinstance(findings, list) and len(findings) == 34
    by_id = {f["claim"]: f for f in findings}
    # "a lower rate of concerns ... (803) compared to the national rate in England ... (1313)":
    # a comparison claim (format 2), 803 - 1313 = -510.
    vs = by_id["concerns-rate-vs-england"]
    assert vs["kind"] == "comparison" and vs["status"] == "consistent"
    assert vs["computed"] == -510.0
    assert vs["reason"].startswith("803 against 1,313 for England: lower")
    # "6% ... a 1% increase on last year's 5%": +1 point, a 20% rise at face value; +1%
    # relative only within the rounding of 5% and 6%: ambiguous, read as points.
    lt = by_id["long-term-change"]
    assert lt["status"] == "ambiguous" and lt["reading"] == "points"
    assert lt["computed"] == pytest.approx(20.0)
    # 3912 / 485,737 x 100,000 = 805.4, not 803; 803 implies 487,173.
    assert by_id["concerns-rate-2022-23"]["status"] == "inconsistent"
    assert by_id["concerns-rate-2022-23"]["implied"] == pytest.approx(3912e5 / 803)


def test_audit_reasons_across_claims() -> None:
    # Worcestershire 2023/24, "3933 DoLS applications were completed, which is an increase of
    # 18%": last year 3933 / 1.185 = 3318.99 to 3933 / 1.175 = 3347.23, i.e. 3,319 to 3,347;
    # per 485,737 adults that is 683.3 to 689.1 per 100,000, not the "WCC 618" for last year.
    by_id = {f["claim"]: f for f in carestat.audit(WORCS, frame=False)}
    dols = by_id["dols-completed-rate-2022-23"]
    assert dols["status"] == "inconsistent"
    assert dols["combined"] == ["dols-completed-change"]
    assert dols["computed_lower"] == pytest.approx(3319e5 / 485737)
    assert dols["computed_upper"] == pytest.approx(3347e5 / 485737)
    # "down 11%": last year's 1309 (or 1141) of 3912 (4455 - 543) is 33.5% (or 29.2%).
    down = by_id["concerns-to-enquiry-change"]
    assert down["status"] == "inconsistent"
    assert down["combined"] == ["concerns-to-enquiry-share", "concerns-change"]


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


def test_cqc_evidence() -> None:
    by_id = {f["claim"]: f for f in carestat.audit(BHAM_CQC, frame=False)}
    # "3.2% per 100,000 residents": 37 / 1,144,919 x 100,000 = 3.23 per 100,000; as a
    # percentage it would be 0.0032%.
    rate = by_id["ombudsman-rate"]
    assert rate["status"] == "inconsistent"
    assert rate["computed"] == pytest.approx(37e5 / 1144919)
    # Only Governance (3) of the 9 statement scores is published: Good (23 to 31 of 36)
    # needs the other 8 to total 20 to 28.
    rating = by_id["overall-rating"]
    assert rating["status"] == "unchecked"
    assert (rating["implied_lower"], rating["implied_upper"]) == (20.0, 28.0)
    rows = {r["id"]: r for r in carestat.report(BHAM_CQC, frame=False)}
    share = rows["counts.transition_waiting_over_90_days.share"]
    assert share["value"] == pytest.approx(11400 / 217)  # 114 of 217
    assert share["lower"] < share["value"] < share["upper"]
    d = json.loads(BHAM_CQC.read_text(encoding="utf-8"))
    d["cqc"]["statements"]["governance_management_and_sustainability"]["score"] = 5
    with pytest.raises(carestat.CarestatError) as e:
        carestat.audit(d)
    assert e.value.field == "cqc.statements.governance_management_and_sustainability.score"


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


def test_lists_of_dicts_when_pandas_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    # A None entry in sys.modules makes `import pandas` raise ImportError.
    monkeypatch.setitem(sys.modules, "pandas", None)
    findings = carestat.audit(BHAM)
    assert isinstance(findings, list)
    assert {f["claim"]: f["status"] for f in findings}["care-homes-share"] == "inconsistent"
    assert isinstance(carestat.report(str(WORCS)), list)
    with pytest.raises(ImportError):
        carestat.audit(BHAM, frame=True)


def test_findings_list_their_readings() -> None:
    # Worcestershire 2023/24: "6% ... (a 1% increase on last year's 5%)": +1 point at face,
    # +20% relative.
    by_id = {f["claim"]: f for f in carestat.audit(WORCS, frame=False)}
    readings = {r["reading"]: r for r in by_id["long-term-change"]["readings"]}
    assert readings["points"]["holds"] == "at_face"
    assert readings["percent"]["computed"] == pytest.approx(20.0)
    assert "readings" not in by_id["concerns-rate-vs-england"]
    frame = carestat.audit(WORCS)
    assert list(frame.columns)[-2:] == ["wording", "readings"]


def test_a_rate_without_a_population_reports_the_one_it_implies() -> None:
    # CQC, Birmingham 2023 (seed 003): "37 applications ... only 3.2% per 100,000 residents",
    # no population in the document. 3.2 stands for 3.15 to 3.25: 37e5 / 3.25 = 1,138,461.5
    # to 37e5 / 3.15 = 1,174,603.2 residents; with the per cent sign, wrong whatever they are.
    def dataset(text: str) -> dict[str, object]:
        return {
            "format_version": 2,
            "area": {"name": "Birmingham City Council"},
            "period": {"label": "2023", "start": "2023-01-01", "end": "2023-12-31"},
            "counts": {"applications": {"label": "Applications", "value": 37, "quote": "-"}},
            "claims": [{"id": "rate", "kind": "rate", "numerator": "counts.applications",
                        "stated": 3.2, "decimals": 1, "text": text, "quote": "-"}],
        }

    [plain] = carestat.audit(dataset("3.2 per 100,000 residents"), frame=False)
    assert plain["status"] == "unchecked"
    assert plain["implied_what"] == "population"
    assert plain["implied_lower"] == pytest.approx(37e5 / 3.25)
    assert plain["implied_upper"] == pytest.approx(37e5 / 3.15)
    [percent] = carestat.audit(dataset("3.2% per 100,000 residents"), frame=False)
    assert percent["status"] == "inconsistent"
    assert "per cent sign" in percent["reason"]

