//! A count left between Inadequate and not rated (`inadequate_or_not_rated`) is tried at
//! every split, in one pass: issue 16 found `inadequate_or_not_rated: 1000` cost O(1000^2)
//! per claim (a linear search per split) and wrote one text per split into the reason (a
//! 1.66 MB dataset took 52 s and wrote 1.39 GB). These tests hold the answer and the size of
//! the output; they do not time anything.

use carestat::account::{audit, report, Dataset, Status};

/// Outstanding 1, Good 70, Requires improvement 12, Inadequate 0, and `amb` inadequate or not
/// rated; one rating-share claim stating `stated`% at 0 decimals.
fn dataset(amb: u64, stated: f64) -> Dataset {
    let json = format!(
        r#"{{"format_version": 1, "area": {{"name": "X"}},
          "period": {{"label": "2023/24", "start": "2023-04-01", "end": "2024-03-31"}},
          "ratings": {{"r": {{"label": "R", "outstanding": 1, "good": 70,
            "requires_improvement": 12, "inadequate": 0,
            "inadequate_or_not_rated": {amb}, "quote": ""}}}},
          "claims": [{{"id": "s", "kind": "rating_share", "ratings": "r", "stated": {stated},
            "decimals": 0, "text": "", "quote": ""}}]}}"#
    );
    Dataset::from_json_str(&json).unwrap()
}

#[test]
fn a_thousand_ambiguous_locations_give_the_hand_worked_split() {
    // Outstanding or Good = 1 + 70 = 71 at every split. All locations: 71 / 1083 = 6.56%,
    // the same at every split. Rated only: 71 / (83 + 1000 - j) with j counted as not rated;
    // 85% at 0 decimals needs 71/n in [0.845, 0.855), n in (83.04, 84.02], so n = 84: the
    // split j = 999 (71 / 84 = 84.52%), not either end (71 / 1083, 71 / 83 = 85.54%).
    let ds = dataset(1000, 85.0);
    let f = &audit(&ds).unwrap()[0];
    assert_eq!(f.status, Status::Consistent, "{}", f.reason);
    assert_eq!(f.reading.as_deref(), Some("rated_only"));
    assert!((f.computed.unwrap() - 7100.0 / 84.0).abs() < 1e-9);
    assert!((f.computed_lower.unwrap() - 7100.0 / 1083.0).abs() < 1e-9);
    assert!((f.computed_upper.unwrap() - 7100.0 / 83.0).abs() < 1e-9);
    // The reason names the ends and summarises the 999 splits between, with the match.
    assert!(f.reason.contains("71 of 1083 = 6.6%"), "{}", f.reason);
    assert!(f.reason.contains("999 splits between"), "{}", f.reason);
    assert!(
        f.reason
            .contains("the first 71 of 84 = 84.5% with 999 of them not rated"),
        "{}",
        f.reason
    );
    assert!(f.reason.len() < 800, "{} bytes", f.reason.len());
}

#[test]
fn no_split_matching_is_inconsistent_and_the_reason_stays_short() {
    // 90% needs 71/n in [0.895, 0.905): n in (78.45, 79.33], below the 83 rated at the least.
    let ds = dataset(1000, 90.0);
    let f = &audit(&ds).unwrap()[0];
    assert_eq!(f.status, Status::Inconsistent, "{}", f.reason);
    assert!(f.reason.len() < 800, "{} bytes", f.reason.len());
}

#[test]
fn few_splits_are_each_listed() {
    // Two ambiguous: rated only 71/85 = 83.5% (both inadequate), 71/84 = 84.5% (split),
    // 71/83 = 85.5% (both not rated). 85% matches the split only.
    let f = &audit(&dataset(2, 85.0)).unwrap()[0];
    assert_eq!(f.status, Status::Consistent);
    assert!(
        f.reason
            .contains("71 of 84 = 84.5% if the 2 'inadequate or not rated' are split (matches)"),
        "{}",
        f.reason
    );
    assert!(f
        .reason
        .contains("71 of 85 = 83.5% if the 2 'inadequate or not rated' are inadequate"));
    assert!(f
        .reason
        .contains("71 of 83 = 85.5% if the 2 'inadequate or not rated' are not rated"));
}

#[test]
fn the_report_gives_the_two_ends_once_each() {
    // Before, the report made an indicator per split (1001 per rule), all but the first
    // with the same id `.as_not_rated`.
    let r = report(&dataset(1000, 85.0)).unwrap();
    let ids: Vec<&str> = r
        .indicators
        .iter()
        .map(|i| i.id.as_str())
        .filter(|id| id.starts_with("ratings."))
        .collect();
    assert_eq!(
        ids,
        [
            "ratings.r.all_locations.as_inadequate",
            "ratings.r.all_locations.as_not_rated",
            "ratings.r.rated_only.as_inadequate",
            "ratings.r.rated_only.as_not_rated",
        ]
    );
    let last = r.indicators.iter().find(|i| i.id == ids[3]).unwrap();
    // All not rated: 71 of 83 rated.
    assert!((last.value.unwrap() - 7100.0 / 83.0).abs() < 1e-9);
}
