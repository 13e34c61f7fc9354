//! The dataset format: malformed datasets give errors naming the JSON path; the audit's rules
//! on small constructed cases (expected values worked out by hand in the comments).

use carestat::account::{audit, audit_json, report, Dataset, IndicatorKind, Status};
use serde_json::json;

fn base() -> serde_json::Value {
    json!({
        "format_version": 1,
        "area": {"name": "Test Council"},
        "period": {"label": "2023/24", "start": "2023-04-01", "end": "2024-03-31"},
        "counts": {
            "concerns": {"label": "Concerns", "value": 4455, "quote": "4455 concerns"}
        },
        "ratings": {
            "care_homes": {"label": "Care homes", "outstanding": 13, "good": 432,
                           "requires_improvement": 123, "inadequate": 7, "not_rated": 1,
                           "quote": ""}
        }
    })
}

/// The error path and message for a dataset edited by `edit`.
fn error_of(edit: impl FnOnce(&mut serde_json::Value)) -> (String, String) {
    let mut v = base();
    edit(&mut v);
    let e = Dataset::from_json_str(&v.to_string()).unwrap_err();
    (e.field().unwrap().name.to_string(), e.to_string())
}

#[test]
fn base_is_valid() {
    assert!(Dataset::from_json_str(&base().to_string()).is_ok());
}

#[test]
fn unknown_field_names_its_path() {
    let (path, msg) = error_of(|v| v["ratings"]["care_homes"]["gold"] = json!(3));
    assert_eq!(path, "ratings.care_homes.gold");
    assert!(msg.contains("unknown field `gold`"), "{msg}");
    let (path, _) = error_of(|v| v["colour"] = json!("red"));
    assert_eq!(path, "colour");
}

#[test]
fn wrong_type_names_its_path() {
    let (path, msg) = error_of(|v| v["ratings"]["care_homes"]["good"] = json!("432"));
    assert_eq!(path, "ratings.care_homes.good");
    assert!(msg.contains("invalid type: string"), "{msg}");
    let (path, _) = error_of(|v| v["area"] = json!(3));
    assert_eq!(path, "area");
}

#[test]
fn negative_and_fractional_counts_name_their_path() {
    let (path, msg) = error_of(|v| v["ratings"]["care_homes"]["good"] = json!(-1));
    assert_eq!(path, "ratings.care_homes.good");
    assert!(msg.contains("must not be negative (got -1)"), "{msg}");
    let (path, _) = error_of(|v| v["counts"]["concerns"]["previous"] = json!(-3));
    assert_eq!(path, "counts.concerns.previous");
    let (path, msg) = error_of(|v| v["counts"]["concerns"]["value"] = json!(2.5));
    assert_eq!(path, "counts.concerns.value");
    assert!(msg.contains("whole number"), "{msg}");
    // A whole number written as 3912.0 is a count.
    let mut v = base();
    v["counts"]["concerns"]["value"] = json!(3912.0);
    assert!(Dataset::from_json_str(&v.to_string()).is_ok());
}

#[test]
fn inconsistent_periods_are_rejected() {
    let (path, msg) = error_of(|v| v["period"]["label"] = json!("2022/23"));
    assert_eq!(path, "period.label");
    assert!(msg.contains("does not match the dates"), "{msg}");
    let (path, _) = error_of(|v| v["period"]["end"] = json!("2023-03-31"));
    assert_eq!(path, "period.end");
    let (path, _) = error_of(|v| v["period"]["start"] = json!("2023-02-30"));
    assert_eq!(path, "period.start");
    let (path, _) = error_of(|v| v["period"]["label"] = json!("2023/25"));
    assert_eq!(path, "period.label");
    let (path, _) = error_of(|v| v["counts"]["concerns"]["period"] = json!("last year"));
    assert_eq!(path, "counts.concerns.period");
}

#[test]
fn malformed_json_is_an_error_with_a_location() {
    let e = Dataset::from_json_str("{\"format_version\": 1,").unwrap_err();
    assert!(e.to_string().contains("line 1"), "{e}");
    let e = audit_json("not json").unwrap_err();
    assert!(e.to_string().contains("expected"), "{e}");
}

#[test]
fn other_checks_name_their_path() {
    let (path, _) = error_of(|v| v["format_version"] = json!(3));
    assert_eq!(path, "format_version");
    let (path, _) = error_of(|v| {
        v["percentages"] = json!({"p": {"label": "p", "value": 101, "decimals": 0, "quote": ""}});
    });
    assert_eq!(path, "percentages.p.value");
    let (path, msg) = error_of(|v| {
        v["claims"] = json!([{"id": "a", "kind": "change", "subject": "counts.nope",
            "unit": "percent", "stated": 1, "decimals": 0, "text": "", "quote": ""}]);
    });
    assert_eq!(path, "claims[0].subject");
    assert!(msg.contains("unknown figure `counts.nope`"), "{msg}");
    let (path, msg) = error_of(|v| {
        v["claims"] = json!([{"id": "a", "kind": "change", "subject": "counts.concerns",
            "unit": "percent", "decimals": 0, "text": "", "quote": ""}]);
    });
    assert_eq!(path, "claims[0].stated");
    assert!(msg.contains("required for a change claim"), "{msg}");
    let (path, _) = error_of(|v| {
        v["claims"] = json!([{"id": "a", "kind": "sum", "breakdown": "x", "stated": 3,
            "text": "", "quote": ""}]);
    });
    assert_eq!(path, "claims[0].stated");
    let (path, _) = error_of(|v| {
        v["claims"] = json!([
            {"id": "a", "kind": "direction", "subject": "counts.concerns", "direction": "increase", "text": "", "quote": ""},
            {"id": "a", "kind": "direction", "subject": "counts.concerns", "direction": "increase", "text": "", "quote": ""}
        ]);
    });
    assert_eq!(path, "claims[1].id");
    let (path, _) = error_of(|v| v["claims"] = json!([{"id": "a", "kind": "guess"}]));
    assert_eq!(path, "claims[0].kind");
}

#[allow(clippy::needless_pass_by_value)] // the json! literals read better passed by value
fn with_claims(extra: serde_json::Value, claims: serde_json::Value) -> Dataset {
    let mut v = base();
    for (k, x) in extra.as_object().unwrap() {
        v[k] = x.clone();
    }
    v["claims"] = claims;
    Dataset::from_json_str(&v.to_string()).unwrap()
}

#[test]
fn percent_change_with_rounded_inputs_uses_their_intervals() {
    // GBP 39m to GBP 45m, stated "+15.3%": at face value 45 / 39 - 1 = 15.38% -> 15.4, but
    // within the rounding (38.5..39.5, 44.5..45.5) the change runs from 12.66% to 18.18%.
    let ds = with_claims(
        json!({"spend": {"s": {"label": "s", "value": 45, "previous": 39, "unit": "gbp_millions",
                               "decimals": 0, "quote": ""}}}),
        json!([{"id": "c", "kind": "change", "subject": "spend.s", "unit": "percent",
                "stated": 15.3, "decimals": 1, "text": "", "quote": ""}]),
    );
    let f = &audit(&ds).unwrap()[0];
    assert_eq!(f.status, Status::Consistent, "{}", f.reason);
    assert!((f.computed_lower.unwrap() - (44.5 / 39.5 - 1.0) * 100.0).abs() < 1e-9);
    assert!((f.computed_upper.unwrap() - (45.5 / 38.5 - 1.0) * 100.0).abs() < 1e-9);
    // Exact counts have no such room: 4455 from 3912 is +13.88%, so "+13.8%" is wrong.
    let ds = with_claims(
        json!({"counts": {"c": {"label": "c", "value": 4455, "previous": 3912, "quote": ""}}}),
        json!([{"id": "c", "kind": "change", "subject": "counts.c", "unit": "percent",
                "stated": 13.8, "decimals": 1, "text": "", "quote": ""}]),
    );
    assert_eq!(audit(&ds).unwrap()[0].status, Status::Inconsistent);
}

#[test]
fn points_and_percent_readings() {
    // 82% from 73%: +9 points, +12.3% relative. "up 9%" matches only as points.
    let pct = json!({"percentages": {"p": {"label": "p", "value": 82, "previous": 73,
                                            "decimals": 0, "quote": ""}}});
    let claim = |stated: f64, unit: &str| {
        json!([{"id": "c", "kind": "change", "subject": "percentages.p", "unit": unit,
                "stated": stated, "decimals": 0, "text": "", "quote": ""}])
    };
    let f = &audit(&with_claims(pct.clone(), claim(9.0, "percent"))).unwrap()[0];
    assert_eq!(
        (f.status, f.reading.as_deref()),
        (Status::Inconsistent, Some("points"))
    );
    let f = &audit(&with_claims(pct.clone(), claim(12.0, "percent"))).unwrap()[0];
    assert_eq!(
        (f.status, f.reading.as_deref()),
        (Status::Consistent, Some("percent"))
    );
    let f = &audit(&with_claims(pct.clone(), claim(9.0, "points"))).unwrap()[0];
    assert_eq!(f.status, Status::Consistent);
    let f = &audit(&with_claims(pct, claim(20.0, "percent"))).unwrap()[0];
    assert_eq!(f.status, Status::Inconsistent);
    // 2% from 1%: +1 point and +100% relative; "+1%" only as points. From 50% to 50.5%
    // (1 dp): +0.5 points and +1.0% relative: a stated "1%" is relative, consistent.
    let pct = json!({"percentages": {"p": {"label": "p", "value": 50.5, "previous": 50,
                                            "decimals": 1, "quote": ""}}});
    let f = &audit(&with_claims(
        pct,
        json!([{"id": "c", "kind": "change", "subject": "percentages.p", "unit": "percent",
                "stated": 1.0, "decimals": 1, "text": "", "quote": ""}]),
    ))
    .unwrap()[0];
    assert_eq!(
        (f.status, f.reading.as_deref()),
        (Status::Consistent, Some("percent"))
    );
}

#[test]
fn rating_share_says_which_rule_reproduces() {
    // 3 + 199 of 278 = 72.66% -> 73 (all); of 267 rated = 75.66% -> 76.
    let dist = json!({"ratings": {"sl": {"label": "sl", "outstanding": 3, "good": 199,
        "requires_improvement": 64, "inadequate": 1, "not_rated": 11, "quote": ""}}});
    let claim = |stated: f64| {
        json!([{"id": "c", "kind": "rating_share", "ratings": "sl", "stated": stated,
                "decimals": 0, "text": "", "quote": ""}])
    };
    let f = &audit(&with_claims(dist.clone(), claim(73.0))).unwrap()[0];
    assert_eq!(f.reading.as_deref(), Some("all_locations"));
    let f = &audit(&with_claims(dist.clone(), claim(76.0))).unwrap()[0];
    assert_eq!(
        (f.status, f.reading.as_deref()),
        (Status::Consistent, Some("rated_only"))
    );
    let f = &audit(&with_claims(dist, claim(74.0))).unwrap()[0];
    assert_eq!(f.status, Status::Inconsistent);
}

#[test]
fn parts_allow_for_their_rounding_but_whole_counts_do_not() {
    // Three parts 1.2 + 2.2 + 3.2 = 6.6 against a stated 6.9: gap 0.3 <= 3 x 0.05 + 0.05 = 0.2?
    // No: 0.3 > 0.2, inconsistent. Against 6.8: gap 0.2 <= 0.2, consistent.
    let ds = |total: f64| {
        with_claims(
            json!({"spend": {"t": {"label": "t", "value": total, "unit": "gbp_millions",
                                   "decimals": 1, "quote": ""}},
                   "breakdowns": {"b": {"label": "b", "total": "spend.t", "decimals": 1,
                       "parts": [{"label": "a", "value": 1.2}, {"label": "b", "value": 2.2},
                                 {"label": "c", "value": 3.2}], "quote": ""}}}),
            json!([{"id": "s", "kind": "sum", "breakdown": "b", "text": "", "quote": ""}]),
        )
    };
    assert_eq!(audit(&ds(6.9)).unwrap()[0].status, Status::Inconsistent);
    assert_eq!(audit(&ds(6.8)).unwrap()[0].status, Status::Consistent);
    // Counts: 51,754 + 981 is not 52,736.
    let ds = with_claims(
        json!({"counts": {"t": {"label": "t", "value": 52736, "quote": ""}},
               "breakdowns": {"b": {"label": "b", "total": "counts.t", "decimals": 0,
                   "parts": [{"label": "a", "value": 51754}, {"label": "b", "value": 981}],
                   "quote": ""}}}),
        json!([{"id": "s", "kind": "sum", "breakdown": "b", "text": "", "quote": ""}]),
    );
    assert_eq!(audit(&ds).unwrap()[0].status, Status::Inconsistent);
}

#[test]
fn report_derives_rates_shares_and_changes() {
    let mut v = base();
    v["populations"] = json!({"adults": {"label": "Adults", "value": 485_737, "age_band": "18+",
                                          "year": 2021, "quote": ""}});
    v["counts"]["concerns"]["population"] = json!("populations.adults");
    v["counts"]["concerns"]["previous"] = json!(3912);
    let ds = Dataset::from_json_str(&v.to_string()).unwrap();
    let r = report(&ds).unwrap();
    let change = r
        .indicators
        .iter()
        .find(|i| i.id == "counts.concerns" && i.kind == IndicatorKind::PercentChange)
        .unwrap();
    // (4455 - 3912) / 3912 = 13.8804%.
    assert!((change.value.unwrap() - 543.0 / 3912.0 * 100.0).abs() < 1e-9);
    assert_eq!(change.direction.as_deref(), Some("up"));
    let rate = r
        .indicators
        .iter()
        .find(|i| i.id == "counts.concerns.rate")
        .unwrap();
    // 4455 / 485,737 x 100,000 = 917.163; Byar's interval around it.
    assert!((rate.value.unwrap() - 4455e5 / 485_737.0).abs() < 1e-9);
    assert!(rate.lower.unwrap() < rate.value.unwrap() && rate.value.unwrap() < rate.upper.unwrap());
    let share = r
        .indicators
        .iter()
        .find(|i| i.id == "ratings.care_homes.all_locations")
        .unwrap();
    assert!((share.value.unwrap() - 445.0 / 576.0 * 100.0).abs() < 1e-9);
}

/// Issue 17: a 2022-23 Local Account labelling permanent admissions of people aged 65+ "2A"
/// (seed 000: 417.6 in 2021-22, 587.2 in 2022-23). "2A" names measures in both ASCOF
/// frameworks, so the dataset must say which: without `framework` it is an error naming the
/// JSON path; with "2022-23" the catalogue's old 2A (2A(1), 2A(2), lower is better) agrees with
/// the dataset's polarity and the rise is worse.
#[test]
fn an_ascof_id_of_both_frameworks_needs_its_framework() {
    use carestat::Judgement;
    let admissions = |framework: Option<&str>, polarity: &str| {
        let mut v = base();
        v["period"] = json!({"label": "2022/23", "start": "2022-04-01", "end": "2023-03-31"});
        v["ascof"] = json!([{
            "measure": "2A", "name": "Permanent admissions, 65+", "value": 587.2,
            "previous": 417.6, "unit": "per100k", "polarity": polarity, "quote": "2A 587.2 417.6"
        }]);
        if let Some(f) = framework {
            v["ascof"][0]["framework"] = json!(f);
        }
        v
    };
    let e = Dataset::from_json_str(&admissions(None, "low_is_good").to_string()).unwrap_err();
    assert_eq!(e.field().unwrap().name, "ascof[0].measure");
    let msg = e.to_string();
    assert!(
        msg.contains("both frameworks") && msg.contains("set ascof[0].framework"),
        "{msg}"
    );
    for framework in ["2022-23", "2021/22", "old"] {
        let v = admissions(Some(framework), "low_is_good");
        let ds = Dataset::from_json_str(&v.to_string()).unwrap();
        let r = report(&ds).unwrap();
        let i = r.indicators.iter().find(|i| i.id == "ascof.2A").unwrap();
        assert_eq!(i.judgement, Some(Judgement::Worsened), "{framework}");
        assert!(
            i.note
                .contains("catalogue (ASCOF up to 2022-23): 2A(1), 2A(2)"),
            "{}",
            i.note
        );
    }
    // A dataset that says higher is better for old 2A is told to check its polarity.
    let ds =
        Dataset::from_json_str(&admissions(Some("2022-23"), "high_is_good").to_string()).unwrap();
    let r = report(&ds).unwrap();
    let i = r.indicators.iter().find(|i| i.id == "ascof.2A").unwrap();
    assert!(i.note.contains("check the polarity"), "{}", i.note);
    // A framework that is not one names its own path.
    let e =
        Dataset::from_json_str(&admissions(Some("2019"), "low_is_good").to_string()).unwrap_err();
    assert_eq!(e.field().unwrap().name, "ascof[0].framework");
}

/// Issue 16: ASCOF ids outside the grammar ("2A\u0002", "2)A(2") are errors naming the path.
#[test]
fn an_ascof_id_outside_the_grammar_names_its_path() {
    for id in ["2A\u{0}2", "2)A(2", "2A(2", "\u{1b}[2J"] {
        let (path, msg) = error_of(|v| {
            v["ascof"] = json!([{
                "measure": id, "name": "n", "value": 5.0, "unit": "percent",
                "polarity": "high_is_good", "quote": ""
            }]);
        });
        assert_eq!(path, "ascof[0].measure", "{id:?}");
        assert!(msg.contains("is not an ASCOF id"), "{id:?}: {msg}");
        assert!(!msg.contains('\u{0}') && !msg.contains('\u{1b}'), "{msg}");
    }
}
