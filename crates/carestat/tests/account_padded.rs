//! Padded decimals (issue 12): a stated figure whose last printed digit is a 0 ("80.0%",
//! "35.10%") and that holds only at one fewer decimal gets the reading `padded`, with both
//! readings in its reason, not a plain inconsistency.
//!
//! Source: the UK Parliament written answer to question 146902 ("Care Homes", Department of
//! Health and Social Care, 2023), kept in tests/data/corpus/13-parliament-written-answer-care-
//! home-ratings.html: residential care homes rated Good, "8,376 (80.0%)" of "10,479 (100.0%)"
//! in 2022, "8,618 (80.8%)" of "10,667" in 2021, "8,137 (78.6%)" of "10,362" in 2023.

use carestat::account::{audit, Dataset, Finding, Status};

fn good_share(year: &str, good: u64, total: u64, stated: f64, decimals: i32) -> Finding {
    let json = format!(
        r#"{{"format_version": 2, "area": {{"name": "England"}},
  "period": {{"label": "{year}", "start": "{year}-01-01", "end": "{year}-12-31"}},
  "counts": {{"good": {{"label": "Residential care homes rated Good", "value": {good}, "quote": "-"}},
             "all": {{"label": "Residential care homes rated", "value": {total}, "quote": "-"}}}},
  "claims": [{{"id": "good-share", "kind": "share", "numerator": "counts.good",
    "denominator": "counts.all", "stated": {stated}, "decimals": {decimals},
    "text": "{stated}%", "quote": "-"}}]}}"#
    );
    let ds = Dataset::from_json_str(&json).unwrap();
    audit(&ds).unwrap().remove(0)
}

#[test]
fn eighty_point_zero_holds_only_as_eighty() {
    // 8,376 / 10,479 = 79.931%: 79.9 to 1 decimal, not 80.0; 80 as a whole per cent.
    let f = good_share("2022", 8376, 10479, 80.0, 1);
    assert_eq!(f.status, Status::Inconsistent, "{}", f.reason);
    assert_eq!(f.reading.as_deref(), Some("padded"));
    assert!(f.reason.starts_with("as printed, "), "{}", f.reason);
    assert!(
        f.reason.contains("read as 80% (0 decimals)"),
        "{}",
        f.reason
    );
    assert!(f.reason.contains("not the stated 80.0%"), "{}", f.reason);
    // The finding's numbers are those of the figure as printed (1 decimal).
    assert_eq!(f.decimals, Some(1));
    assert!((f.computed.unwrap() - 837_600.0 / 10_479.0).abs() < 1e-9);
}

#[test]
fn no_padded_reading_without_a_last_zero_or_when_it_does_not_help() {
    // 8,618 / 10,667 = 80.79%: "80.8%" holds as printed.
    let f = good_share("2021", 8618, 10667, 80.8, 1);
    assert_eq!(f.status, Status::Consistent);
    assert_eq!(f.reading, None);
    // 8,137 / 10,362 = 78.53%: "78.6%" is wrong and ends in a 6, not a 0: plain.
    let f = good_share("2023", 8137, 10362, 78.6, 1);
    assert_eq!(f.status, Status::Inconsistent);
    assert_eq!(f.reading, None);
    // Had 2021's 80.79% been printed "80.0%", it would not hold at 0 decimals either (81).
    let f = good_share("2021", 8618, 10667, 80.0, 1);
    assert_eq!(f.status, Status::Inconsistent);
    assert_eq!(f.reading, None, "{}", f.reason);
}
