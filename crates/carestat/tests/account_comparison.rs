//! Comparisons with England and with peers (issue 12): `comparison` claims checked from the
//! values as printed and the measure's polarity, and with the area's counts from its 95%
//! interval as Fingertips does.
//!
//! Source: Worcestershire County Council, Local Account 2023/24 (seed 004,
//! `examples/data/sources/worcestershire-local-account-2023-24.txt`): "Worcestershire has a
//! lower rate of concerns per 100,000 population in 2022/23 (803) compared to the national
//! rate in England in 2022/23 (1313)"; "lower rate of enquiries started in 2022/23 (269)
//! compared to England ... (387)"; "just below our neighbouring local authorities regarding
//! the average number of applications completed per 100,000 of the population (peers 625 and
//! WCC 618)". Expected values are worked by hand in the comments.

use carestat::account::{audit, Dataset, Finding, Status};

/// Worcestershire 2022/23 concerns (3,912) over the population the stated 803 implies
/// (487,173: 3,912 / 487,173 x 100,000 = 803.0).
fn worcestershire(claims: &str) -> String {
    format!(
        r#"{{"format_version": 2, "area": {{"name": "Worcestershire County Council"}},
  "period": {{"label": "2022/23", "start": "2022-04-01", "end": "2023-03-31"}},
  "populations": {{"adults": {{"label": "Adults (18+)", "value": 487173, "age_band": "18+", "quote": "-"}}}},
  "counts": {{"concerns": {{"label": "Safeguarding concerns", "value": 3912, "quote": "-"}}}},
  "percentages": {{"supported": {{"label": "Adults receiving support", "value": 1.5, "decimals": 1, "quote": "-"}},
                   "safe": {{"label": "Users who feel safe", "value": 71.2, "decimals": 1,
                             "polarity": "high_is_good", "quote": "-"}}}},
  "claims": [{claims}]}}"#
    )
}

fn findings(json: &str) -> Vec<Finding> {
    let ds = Dataset::from_json_str(json).unwrap_or_else(|e| panic!("{e}"));
    audit(&ds).unwrap()
}

fn error(json: &str) -> String {
    Dataset::from_json_str(json)
        .and_then(|ds| audit(&ds).map(|_| ()))
        .expect_err("expected an error")
        .to_string()
}

fn stated(id: &str, value: f64, relation: &str, bench: &str, extra: &str) -> String {
    format!(
        r#"{{"id": "{id}", "kind": "comparison", "stated": {value}, "decimals": 0,
    "relation": "{relation}", "benchmark": {bench}{extra},
    "text": "-", "quote": "-"}}"#
    )
}

#[test]
fn lower_than_england_as_printed() {
    let england = r#"{"label": "England", "value": 1313, "decimals": 0}"#;
    let f = findings(&worcestershire(
        &[
            stated("concerns", 803.0, "lower", england, ""),
            stated(
                "enquiries",
                269.0,
                "lower",
                r#"{"label": "England", "value": 387, "decimals": 0}"#,
                "",
            ),
            stated("wrong-way", 803.0, "higher", england, ""),
        ]
        .join(","),
    ));
    assert_eq!(f[0].status, Status::Consistent, "{}", f[0].reason);
    assert!(
        f[0].reason
            .starts_with("803 against 1,313 for England: lower, as stated"),
        "{}",
        f[0].reason
    );
    // The difference, over the rounding: 803 - 1313 = -510 (802.5 - 1313.5 to 803.5 - 1312.5).
    assert_eq!(f[0].computed, Some(-510.0));
    assert_eq!(f[0].computed_lower, Some(-511.0));
    assert_eq!(f[0].computed_upper, Some(-509.0));
    assert_eq!(f[1].status, Status::Consistent, "{}", f[1].reason);
    assert_eq!(f[2].status, Status::Inconsistent, "{}", f[2].reason);
    assert!(f[2].reason.contains("not higher"), "{}", f[2].reason);
}

#[test]
fn just_below_peers_and_the_edge_of_rounding() {
    // "peers 625 and WCC 618": 618 is below 625.
    let peers = |v: &str, d: u8| format!(r#"{{"label": "peers", "value": {v}, "decimals": {d}}}"#);
    let f = findings(&worcestershire(
        &[
            stated("dols", 618.0, "lower", &peers("625", 0), ""),
            stated("dols-above", 618.0, "higher", &peers("625", 0), ""),
            // 626 (625.5 to 626.5) against 625.6 (625.55 to 625.65): not lower at face value, but
            // 625.5 < 625.65, so the roundings allow it.
            stated("edge", 626.0, "lower", &peers("625.6", 1), ""),
            // 627 (626.5 to 627.5) is above every value 625.6 can stand for.
            stated("beyond", 627.0, "lower", &peers("625.6", 1), ""),
            // Equal as printed: "in line with".
            stated("same", 625.0, "same", &peers("625", 0), ""),
        ]
        .join(","),
    ));
    assert_eq!(f[0].status, Status::Consistent, "{}", f[0].reason);
    assert_eq!(f[1].status, Status::Inconsistent, "{}", f[1].reason);
    assert_eq!(f[2].status, Status::Consistent, "{}", f[2].reason);
    assert!(
        f[2].reason.contains("within the rounding"),
        "{}",
        f[2].reason
    );
    assert_eq!(f[3].status, Status::Inconsistent, "{}", f[3].reason);
    assert_eq!(f[4].status, Status::Consistent, "{}", f[4].reason);
}

#[test]
fn better_and_worse_follow_the_polarity() {
    let england = r#"{"label": "England", "value": 1313, "decimals": 0}"#;
    let f = findings(&worcestershire(
        &[
            stated("no-polarity", 803.0, "better", england, ""),
            stated(
                "low-good",
                803.0,
                "better",
                england,
                r#", "polarity": "low_is_good""#,
            ),
            stated(
                "low-good-worse",
                803.0,
                "worse",
                england,
                r#", "polarity": "low_is_good""#,
            ),
            stated(
                "high-good",
                803.0,
                "worse",
                england,
                r#", "polarity": "high_is_good""#,
            ),
        ]
        .join(","),
    ));
    assert_eq!(f[0].status, Status::Unchecked, "{}", f[0].reason);
    assert!(
        f[0].reason.contains("needs the measure's polarity"),
        "{}",
        f[0].reason
    );
    assert_eq!(f[1].status, Status::Consistent, "{}", f[1].reason);
    assert!(
        f[1].reason.contains("(lower by the measure's polarity)"),
        "{}",
        f[1].reason
    );
    assert_eq!(f[2].status, Status::Inconsistent, "{}", f[2].reason);
    assert_eq!(f[3].status, Status::Consistent, "{}", f[3].reason);
}

#[test]
fn subject_figures_bring_their_rounding_and_polarity() {
    // 71.2% of users feel safe (high is good) against England's 69.7%: better. 1.5% supported
    // against 1.5% nationally: "the same" holds; "lower" holds only within the rounding.
    let f = findings(&worcestershire(
        r#"{"id": "safe", "kind": "comparison", "subject": "percentages.safe", "relation": "better",
      "benchmark": {"label": "England", "value": 69.7, "decimals": 1}, "text": "-", "quote": "-"},
     {"id": "supported", "kind": "comparison", "subject": "percentages.supported", "relation": "lower",
      "benchmark": {"label": "England", "value": 1.5, "decimals": 1}, "text": "-", "quote": "-"}"#,
    ));
    assert_eq!(f[0].status, Status::Consistent, "{}", f[0].reason);
    assert!(
        f[0].reason.starts_with("71.2% against 69.7% for England"),
        "{}",
        f[0].reason
    );
    assert_eq!(f[0].unit, "%");
    assert_eq!(f[1].status, Status::Consistent, "{}", f[1].reason);
    assert!(
        f[1].reason.contains("within the rounding"),
        "{}",
        f[1].reason
    );
}

#[test]
fn counts_give_the_fingertips_interval() {
    // 3,912 per 487,173 is 803.0 per 100,000; Byar's 95% interval is about 778 to 829
    // (+-1.96 x sqrt(3912) / 487,173 x 100,000 = +-25.2): well below England's 1313, and it
    // includes 810, so "similar" to 810 holds and "similar" to 1313 does not.
    let counts = r#""numerator": "counts.concerns", "denominator": "populations.adults""#;
    let claim = |id: &str, rel: &str, v: u32| {
        format!(
            r#"{{"id": "{id}", "kind": "comparison", {counts}, "relation": "{rel}",
      "benchmark": {{"label": "England", "value": {v}, "decimals": 0}}, "text": "-", "quote": "-"}}"#
        )
    };
    let f = findings(&worcestershire(
        &[
            claim("lower", "lower", 1313),
            claim("similar", "similar", 810),
            claim("not-similar", "similar", 1313),
        ]
        .join(","),
    ));
    assert_eq!(f[0].status, Status::Consistent, "{}", f[0].reason);
    assert!(f[0].reason.contains("per 100,000"), "{}", f[0].reason);
    assert!(
        f[0].reason.contains("significantly lower"),
        "{}",
        f[0].reason
    );
    let value = 3912.0 / 487_173.0 * 100_000.0;
    assert!((f[0].stated.unwrap() - value).abs() < 1e-9);
    assert_eq!(f[1].status, Status::Consistent, "{}", f[1].reason);
    assert!(
        f[1].reason.contains("not significantly different"),
        "{}",
        f[1].reason
    );
    assert_eq!(f[2].status, Status::Inconsistent, "{}", f[2].reason);
    // Without counts, "similar" cannot be judged.
    let f = findings(&worcestershire(&stated(
        "no-counts",
        803.0,
        "similar",
        r#"{"label": "England", "value": 810, "decimals": 0}"#,
        "",
    )));
    assert_eq!(f[0].status, Status::Unchecked, "{}", f[0].reason);
}

#[test]
fn a_comparator_with_no_value_is_unchecked() {
    // "better than the national average": the average is not printed.
    let f = findings(&worcestershire(&stated(
        "national",
        803.0,
        "better",
        r#"{"label": "the national average"}"#,
        r#", "polarity": "low_is_good""#,
    )));
    assert_eq!(f[0].status, Status::Unchecked, "{}", f[0].reason);
    assert!(
        f[0].reason
            .contains("the value for the national average is not stated"),
        "{}",
        f[0].reason
    );
}

#[test]
fn errors_name_the_field() {
    let england = r#"{"label": "England", "value": 1313, "decimals": 0}"#;
    let e = error(&worcestershire(
        r#"{"id": "c", "kind": "comparison", "stated": 803, "decimals": 0,
      "benchmark": {"label": "England", "value": 1313}, "text": "-", "quote": "-"}"#,
    ));
    assert!(
        e.starts_with("claims[0].relation: is required for a comparison claim"),
        "{e}"
    );
    let e = error(&worcestershire(&format!(
        r#"{{"id": "c", "kind": "comparison", "relation": "lower", "benchmark": {england}, "text": "-", "quote": "-"}}"#
    )));
    assert!(
        e.starts_with("claims[0].stated: a comparison needs the area's figure"),
        "{e}"
    );
    let e = error(&worcestershire(&format!(
        r#"{{"id": "c", "kind": "comparison", "stated": 803, "relation": "lower", "benchmark": {england}, "text": "-", "quote": "-"}}"#
    )));
    assert!(e.starts_with("claims[0].decimals:"), "{e}");
    let e = error(&worcestershire(
        r#"{"id": "c", "kind": "comparison", "stated": 803, "decimals": 0, "relation": "lower",
      "benchmark": {"label": "England", "decimals": 0}, "text": "-", "quote": "-"}"#,
    ));
    assert!(
        e.starts_with("claims[0].benchmark.decimals: is given without a value"),
        "{e}"
    );
    let e = error(&worcestershire(
        r#"{"id": "c", "kind": "comparison", "stated": 803, "decimals": 0, "relation": "lower",
      "benchmark": {"label": "England", "value": 1313, "colour": "red"}, "text": "-", "quote": "-"}"#,
    ));
    assert!(e.contains("colour"), "{e}");
    let e = error(&worcestershire(&format!(
        r#"{{"id": "c", "kind": "rate", "numerator": "counts.concerns", "denominator": "populations.adults",
      "stated": 803, "decimals": 0, "relation": "lower", "benchmark": {england}, "text": "-", "quote": "-"}}"#
    )));
    assert!(
        e.starts_with("claims[0].relation: is not used by a rate claim"),
        "{e}"
    );
    // A format-1 file cannot hold a comparison.
    let v1 = worcestershire(&stated("c", 803.0, "lower", england, ""))
        .replace(r#""format_version": 2"#, r#""format_version": 1"#);
    let e = error(&v1);
    assert!(e.contains("is new in format version 2"), "{e}");
}
