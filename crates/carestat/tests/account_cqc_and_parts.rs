//! CQC evidence in a dataset (the `cqc` section and `cqc_rating` claims), counts that are part
//! of other counts (`part_of`), and the scale checks: rates written with a per cent sign, and
//! money breakdowns a thousand times their total.
//! Expected values are worked out by hand in the comments.

use carestat::account::{audit, report, Dataset, Finding, IndicatorKind, Status};
use serde_json::{json, Value};

fn dataset(extra: &Value) -> Value {
    let mut v = json!({
        "format_version": 1,
        "area": {"name": "Test Council"},
        "period": {"label": "2023", "start": "2023-01-01", "end": "2023-12-31"},
    });
    for (k, x) in extra.as_object().unwrap() {
        v[k] = x.clone();
    }
    v
}

/// The findings of a dataset with these statement scores (key -> score) and one stated band.
fn rating_finding(scores: &[(&str, u8)], band: &str, band_rule: Option<&str>) -> Finding {
    let statements: serde_json::Map<String, Value> = scores
        .iter()
        .map(|(k, s)| ((*k).to_owned(), json!({"score": s, "quote": ""})))
        .collect();
    let mut cqc = json!({ "statements": statements });
    if let Some(rule) = band_rule {
        cqc["band_rule"] = json!(rule);
    }
    let v = dataset(&json!({
        "cqc": cqc,
        "claims": [{"id": "overall", "kind": "cqc_rating", "band": band, "text": "", "quote": ""}]
    }));
    let ds = Dataset::from_json_str(&v.to_string()).unwrap();
    audit(&ds).unwrap().remove(0)
}

const ALL_NINE: [&str; 9] = ["1", "2", "3", "4", "5", "6", "7", "8", "9"];

fn nine(scores: [u8; 9]) -> Vec<(&'static str, u8)> {
    ALL_NINE.iter().copied().zip(scores).collect()
}

#[test]
fn all_nine_published_are_recomputed() {
    // 3 x 9 = 27 of 36 = 75%: Good.
    let f = rating_finding(&nine([3; 9]), "good", None);
    assert_eq!(f.status, Status::Consistent, "{}", f.reason);
    assert_eq!(f.computed, Some(75.0));
    let f = rating_finding(&nine([3; 9]), "outstanding", None);
    assert_eq!(f.status, Status::Inconsistent, "{}", f.reason);
    assert!(
        f.reason.contains("27 of 36 (75.0%): Good, not Outstanding"),
        "{}",
        f.reason
    );
}

#[test]
fn a_total_between_bands_is_consistent_with_either_band() {
    // 2,2,2,2,1,1,1,1,2 = 14 of 36 = 38.89%: Inadequate where a band needs its lower bound
    // (39), Requires improvement where anything above 38 moves up.
    let scores = nine([2, 2, 2, 2, 1, 1, 1, 1, 2]);
    let f = rating_finding(&scores, "inadequate", None);
    assert_eq!(f.status, Status::Consistent, "{}", f.reason);
    assert_eq!(f.reading.as_deref(), Some("lower_band"));
    let f = rating_finding(&scores, "requires_improvement", None);
    assert_eq!(f.status, Status::Consistent, "{}", f.reason);
    assert_eq!(f.reading.as_deref(), Some("upper_band"));
    assert!(f.reason.contains("between two bands"), "{}", f.reason);
    let f = rating_finding(&scores, "good", None);
    assert_eq!(f.status, Status::Inconsistent, "{}", f.reason);
}

#[test]
fn unpublished_scores_give_a_range() {
    // Governance 3 only: the other 8 total 8..=32, all 9 total 11..=35 (30.6% to 97.2%).
    // Good is 23..=31 of 36 (63.9% to 86.1%), so the other 8 must total 20..=28.
    let f = rating_finding(
        &[("governance_management_and_sustainability", 3)],
        "good",
        None,
    );
    assert_eq!(f.status, Status::Unchecked, "{}", f.reason);
    assert_eq!(
        f.implied_what.as_deref(),
        Some("total of the unpublished scores")
    );
    assert_eq!((f.implied_lower, f.implied_upper), (Some(20.0), Some(28.0)));
    assert_eq!(f.computed, None);
    assert!((f.computed_lower.unwrap() - 1100.0 / 36.0).abs() < 1e-12);
    assert!((f.computed_upper.unwrap() - 3500.0 / 36.0).abs() < 1e-12);
    assert!(
        f.reason.contains("an average of 2.50 to 3.50"),
        "{}",
        f.reason
    );

    // Eight 4s published (statements 1-8): all 9 total 33..=36 (91.7% and up), always
    // Outstanding.
    let eight: Vec<(&str, u8)> = ALL_NINE[..8].iter().map(|k| (*k, 4)).collect();
    let f = rating_finding(&eight, "outstanding", None);
    assert_eq!(f.status, Status::Consistent, "{}", f.reason);
    let f = rating_finding(&eight, "good", None);
    assert_eq!(f.status, Status::Inconsistent, "{}", f.reason);
    assert!(f.reason.contains("never Good"), "{}", f.reason);

    // Eight 1s published: 9..=12 of 36 (25% to 33.3%), always Inadequate.
    let low: Vec<(&str, u8)> = ALL_NINE[..8].iter().map(|k| (*k, 1)).collect();
    assert_eq!(
        rating_finding(&low, "requires_improvement", None).status,
        Status::Inconsistent
    );
}

#[test]
fn the_band_rule_is_the_dataset_s() {
    // Seven 2s and one 1 published (15), one unpublished: 16..=19 of 36 (44.4%..52.8%), always
    // Requires improvement under any rule.
    let mut s: Vec<(&str, u8)> = ALL_NINE[..7].iter().map(|k| (*k, 2)).collect();
    s.push(("8", 1));
    let f = rating_finding(&s, "requires_improvement", Some("nearest"));
    assert_eq!(f.status, Status::Consistent, "{}", f.reason);
    assert_eq!(f.reading.as_deref(), Some("nearest"));
}

#[test]
fn no_cqc_section_is_unchecked() {
    let v = dataset(&json!({
        "claims": [{"id": "overall", "kind": "cqc_rating", "band": "good", "text": "", "quote": ""}]
    }));
    let f = audit(&Dataset::from_json_str(&v.to_string()).unwrap())
        .unwrap()
        .remove(0);
    assert_eq!(f.status, Status::Unchecked);
    assert!(
        f.reason.contains("no quality statement scores"),
        "{}",
        f.reason
    );
}

/// The error path and message of a dataset.
fn error_of(extra: &Value) -> (String, String) {
    let e = Dataset::from_json_str(&dataset(extra).to_string()).unwrap_err();
    (e.field().unwrap().name.to_string(), e.to_string())
}

#[test]
fn bad_cqc_and_part_of_name_their_path() {
    let (path, msg) =
        error_of(&json!({"cqc": {"statements": {"safety": {"score": 3, "quote": ""}}}}));
    assert_eq!(path, "cqc.statements.safety");
    assert!(msg.contains("unknown CQC quality statement"), "{msg}");
    let (path, msg) = error_of(&json!({"cqc": {"statements": {"8": {"score": 5, "quote": ""}}}}));
    assert_eq!(path, "cqc.statements.8.score");
    assert!(msg.contains("expected a score from 1 to 4"), "{msg}");
    let (path, _) = error_of(&json!({"cqc": {"statements": {"8": {"score": 0, "quote": ""}}}}));
    assert_eq!(path, "cqc.statements.8.score");
    let (path, msg) = error_of(&json!({"cqc": {"statements": {
        "8": {"score": 3, "quote": ""},
        "governance_management_and_sustainability": {"score": 3, "quote": ""}}}}));
    assert!(path.starts_with("cqc.statements."), "{path}");
    assert!(msg.contains("listed twice"), "{msg}");
    let (path, _) = error_of(&json!({"cqc": {"statements": {"8": {"score": -1, "quote": ""}}}}));
    assert_eq!(path, "cqc.statements.8.score");
    let (path, _) = error_of(&json!({"cqc": {"statements": {}, "band_rule": "rounded"}}));
    assert_eq!(path, "cqc.band_rule");

    let claim = |c: Value| json!({"claims": [c]});
    let (path, msg) = error_of(&claim(
        json!({"id": "a", "kind": "cqc_rating", "text": "", "quote": ""}),
    ));
    assert_eq!(path, "claims[0].band");
    assert!(msg.contains("required for a cqc_rating claim"), "{msg}");
    let (path, _) = error_of(&claim(
        json!({"id": "a", "kind": "cqc_rating", "band": "not_rated", "text": "", "quote": ""}),
    ));
    assert_eq!(path, "claims[0].band");
    let (path, _) = error_of(&claim(
        json!({"id": "a", "kind": "cqc_rating", "band": "good", "stated": 75, "decimals": 0, "text": "", "quote": ""}),
    ));
    assert_eq!(path, "claims[0].stated");
    let (path, msg) = error_of(&claim(
        json!({"id": "a", "kind": "sum", "breakdown": "b", "band": "good", "text": "", "quote": ""}),
    ));
    assert_eq!(path, "claims[0].band");
    assert!(msg.contains("not used by a sum claim"), "{msg}");

    let counts = |whole: &str| {
        json!({"counts": {
            "all": {"label": "All", "value": 217, "quote": ""},
            "some": {"label": "Some", "value": 114, "part_of": whole, "quote": ""}}})
    };
    let (path, msg) = error_of(&counts("counts.nope"));
    assert_eq!(path, "counts.some.part_of");
    assert!(msg.contains("counts.nope"), "{msg}");
    let (path, _) = error_of(&counts("counts.some"));
    assert_eq!(path, "counts.some.part_of");
    let (path, _) = error_of(&counts("counts.all.previous"));
    assert_eq!(path, "counts.some.part_of");
}

#[test]
fn part_of_gives_a_share_with_its_wilson_interval() {
    let v = dataset(&json!({"counts": {
        "waiting": {"label": "Waiting", "value": 217, "quote": ""},
        "long": {"label": "Waiting over 90 days", "value": 114, "part_of": "counts.waiting", "quote": ""},
        "wrong": {"label": "Impossible", "value": 300, "part_of": "counts.waiting", "quote": ""}}}));
    let r = report(&Dataset::from_json_str(&v.to_string()).unwrap()).unwrap();
    let share = r
        .indicators
        .iter()
        .find(|i| i.id == "counts.long.share")
        .unwrap();
    assert_eq!(share.kind, IndicatorKind::Share);
    // 114 / 217 = 52.5346%; Wilson 95% (z = 1.959963984540054), evaluated separately with
    // Python's math module: centre (p + z^2/2n) / (1 + z^2/n) = 0.5249047,
    // half z sqrt(p(1-p)/n + z^2/4n^2) / (1 + z^2/n) = 0.0658611 -> 45.90437% to 59.07658%.
    assert!((share.value.unwrap() - 11_400.0 / 217.0).abs() < 1e-9);
    assert!((share.lower.unwrap() - 45.904_37).abs() < 1e-4, "{share:?}");
    assert!((share.upper.unwrap() - 59.076_58).abs() < 1e-4, "{share:?}");
    let wrong = r
        .indicators
        .iter()
        .find(|i| i.id == "counts.wrong.share")
        .unwrap();
    assert_eq!(wrong.value, None);
    assert!(wrong.note.contains("contradict"), "{}", wrong.note);
}

fn rate_finding(text: &str, stated: f64) -> Finding {
    let v = dataset(&json!({
        "populations": {"residents": {"label": "Residents", "value": 1_144_919, "age_band": "all ages", "quote": ""}},
        "counts": {"applications": {"label": "Applications", "value": 37, "quote": ""}},
        "claims": [{"id": "r", "kind": "rate", "numerator": "counts.applications",
                    "denominator": "populations.residents", "stated": stated, "decimals": 1,
                    "text": text, "quote": ""}]
    }));
    audit(&Dataset::from_json_str(&v.to_string()).unwrap())
        .unwrap()
        .remove(0)
}

#[test]
fn a_rate_written_with_a_per_cent_sign_is_inconsistent() {
    // 37 / 1,144,919 x 100,000 = 3.2317 -> 3.2 per 100,000; as a percentage 0.0032%.
    let f = rate_finding("3.2 per 100,000 residents", 3.2);
    assert_eq!(f.status, Status::Consistent, "{}", f.reason);
    for text in [
        "3.2% per 100,000 residents",
        "3.2 per cent per 100,000",
        "3.2 percent",
    ] {
        let f = rate_finding(text, 3.2);
        assert_eq!(f.status, Status::Inconsistent, "{text}: {}", f.reason);
        assert!(f.reason.contains("is 0.0032%, not 3.2%"), "{}", f.reason);
        assert!(
            f.reason.contains("which rounds to the stated 3.2"),
            "{}",
            f.reason
        );
    }
    // Wrong both ways: the rate is not 4.0 either, and the reason says both.
    let f = rate_finding("4.0% per 100,000", 4.0);
    assert_eq!(f.status, Status::Inconsistent);
    assert!(f.reason.contains("not the stated 4.0"), "{}", f.reason);
}

#[test]
fn a_dataset_with_cqc_and_part_of_round_trips() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../examples/data/birmingham-cqc-2023.json"),
    )
    .unwrap();
    let ds = Dataset::from_json_str(&text).unwrap();
    assert!(ds.cqc.is_some());
    assert_eq!(Dataset::from_json_str(&ds.to_json_string()).unwrap(), ds);
}

fn sum_finding(total: f64, parts: &[f64]) -> Finding {
    let parts: Vec<Value> = parts
        .iter()
        .map(|v| json!({"label": "part", "value": v}))
        .collect();
    let v = dataset(&json!({
        "spend": {"total": {"label": "Gross spend", "value": total, "unit": "gbp_millions",
                             "decimals": 1, "quote": ""}},
        "breakdowns": {"by_service": {"label": "By service", "total": "spend.total",
                                       "decimals": 1, "parts": parts, "quote": ""}},
        "claims": [{"id": "s", "kind": "sum", "breakdown": "by_service", "text": "", "quote": ""}]
    }));
    audit(&Dataset::from_json_str(&v.to_string()).unwrap())
        .unwrap()
        .remove(0)
}

#[test]
fn a_breakdown_a_thousand_times_its_total_is_named_a_unit_slip() {
    // GBP'000 parts 400,000.0 + 343,382.0 = 743,382 against a total of GBP 743.4m: 1000.0 times.
    let f = sum_finding(743.4, &[400_000.0, 343_382.0]);
    assert_eq!(f.status, Status::Inconsistent);
    assert!(
        f.reason.contains("a thousand times the total"),
        "{}",
        f.reason
    );
    // The reverse: GBP 743,382m stated, parts in GBP m adding to 743.4: a thousandth.
    let f = sum_finding(743_382.0, &[400.0, 343.4]);
    assert!(
        f.reason.contains("a thousandth of the total"),
        "{}",
        f.reason
    );
    // An ordinary gap (321.2 against 326.4, Birmingham) is not a unit slip.
    let f = sum_finding(326.4, &[101.1, 86.8, 8.2, 43.7, 81.4]);
    assert_eq!(f.status, Status::Inconsistent);
    assert!(!f.reason.contains("unit slip"), "{}", f.reason);
    // Parts that add up: no slip, consistent.
    let f = sum_finding(743.4, &[400.0, 343.4]);
    assert_eq!(f.status, Status::Consistent, "{}", f.reason);
}
