//! Hedged and verbal figures (issue 12): "approximately 16%", "almost 8%", "more than 1 in
//! 4", "three quarters", "doubled". Each wording has one meaning (a direction and a
//! tolerance, `docs/local-accounts.md`); a hedge is never checked as a strict rounding, and
//! the finding names the wording it applied.
//!
//! Expected values are worked out by hand in the comments. Sources: the seeds in
//! examples/data/sources/ (Birmingham's CQC assessment 2023, Birmingham's and
//! Worcestershire's Local Accounts), and other councils' published pages:
//! * Gateshead, Adult Social Care Local Account 2023/24, "Who we have supported during
//!   2023/24" (<https://www.gateshead.gov.uk/article/29693/Who-we-have-supported-during-2023-24>):
//!   "3,750 people have been supported by adult social care - of those, 885 people were aged
//!   18 to 64 and 2,865 were aged 65+"; "1,364 people in residential or nursing care. Of those,
//!   1,031 are in long term residential care".
//! * Torbay, Local Account Summary 2023/24, "Performance in 2023/24"
//!   (<https://www.torbay.gov.uk/council/policies/asc-policies/las-2324/las-performance>):
//!   "The number of people who receive direct payments has increased by 19% (73) in 2023/24 on
//!   the previous year, from 392 in 2022/23 to 465."
//! * Bridgend, Social Services Annual Report 2017/18
//!   (<https://democratic.bridgend.gov.uk/mgAi.aspx?ID=7991>): "The number of people supported
//!   in residential / nursing care had reduced from 1493 to 986."
//!
//! Where a test gives a sentence another wording ("more than three quarters"), the figures are
//! the published ones and the comment says so: the point is what each wording allows.

use carestat::account::{audit, Dataset, Finding, Status};

fn dataset(sections: &str, claims: &str) -> String {
    format!(
        r#"{{"format_version": 2, "area": {{"name": "Test Council"}},
  "period": {{"label": "2023/24", "start": "2023-04-01", "end": "2024-03-31"}},
  {sections},
  "claims": [{claims}]}}"#
    )
}

fn audit_one(json: &str) -> Finding {
    let ds = Dataset::from_json_str(json).unwrap_or_else(|e| panic!("{e}\n{json}"));
    let f = audit(&ds).unwrap();
    assert_eq!(f.len(), 1);
    f.into_iter().next().unwrap()
}

fn implied(f: &Finding) -> (f64, f64) {
    (f.implied_lower.unwrap(), f.implied_upper.unwrap())
}

/// Birmingham CQC assessment 2023 (seed): "the local authority received 663 complaints ...
/// approximately 16% about communication and almost 8% about staff conduct."
const COMPLAINTS: &str = r#""counts": {"complaints": {"label": "Complaints about adult social care",
  "value": 663, "quote": "the local authority received 663 complaints directly about adult social care"}}"#;

fn complaint_share(stated: u32, hedge: Option<&str>) -> String {
    let hedge = hedge.map_or(String::new(), |h| format!(r#""hedge": "{h}", "#));
    dataset(
        COMPLAINTS,
        &format!(
            r#"{{"id": "share", "kind": "share", "denominator": "counts.complaints",
  "stated": {stated}, "decimals": 0, {hedge}"text": "{stated}% about staff conduct",
  "quote": "approximately 16% about communication and almost 8% about staff conduct"}}"#
        ),
    )
}

#[test]
fn almost_8_percent_of_663_is_48_to_53_complaints_not_a_rounding() {
    // "almost 8%": below 8%, by at most 10% of it: 7.2% <= p < 8%.
    // 0.072 x 663 = 47.736 -> 48; 0.08 x 663 = 53.04 -> 53 (53.04 itself excluded).
    let f = audit_one(&complaint_share(8, Some("almost")));
    assert_eq!(f.status, Status::Unchecked);
    assert_eq!(f.wording.as_deref(), Some("almost"));
    let (lo, hi) = implied(&f);
    assert!(
        (lo - 47.736).abs() < 1e-9 && (hi - 53.04).abs() < 1e-9,
        "{lo} {hi}"
    );
    assert!(f.reason.contains("is 48 to 53"), "{}", f.reason);
    assert!(f.reason.contains("read as almost"), "{}", f.reason);
    // Read as a plain "8%" (7.5% to 8.5%) it would be 49.725 to 56.355: 50 to 56.
    let plain = audit_one(&complaint_share(8, None));
    assert!(plain.wording.is_none());
    assert!(plain.reason.contains("is 50 to 56"), "{}", plain.reason);
}

#[test]
fn approximately_16_percent_is_either_side_within_a_tenth() {
    // "approximately 16%": 14.4% to 17.6%; x 663 = 95.472 to 116.688: 96 to 116 complaints.
    let f = audit_one(&complaint_share(16, Some("approximately")));
    assert_eq!(f.wording.as_deref(), Some("about"));
    let (lo, hi) = implied(&f);
    assert!((lo - 95.472).abs() < 1e-9 && (hi - 116.688).abs() < 1e-9);
    assert!(f.reason.contains("is 96 to 116"), "{}", f.reason);
}

/// Gateshead 2023/24: 3,750 people supported, 885 aged 18 to 64, 2,865 aged 65+; 1,364 in
/// residential or nursing care, 1,031 of them in long term residential care.
const GATESHEAD: &str = r#""counts": {
  "supported": {"label": "People supported", "value": 3750, "quote": "3,750 people have been supported by adult social care"},
  "younger": {"label": "People supported aged 18 to 64", "value": 885, "quote": "885 people were aged 18 to 64"},
  "older": {"label": "People supported aged 65+", "value": 2865, "quote": "2,865 were aged 65+"},
  "res_nursing": {"label": "People in residential or nursing care", "value": 1364, "quote": "we have 1,364 people in residential or nursing care"},
  "residential": {"label": "Long term residential care", "value": 1031, "quote": "Of those, 1,031 are in long term residential care"}}"#;

fn gateshead(numerator: &str, denominator: &str, wording: &str) -> Finding {
    audit_one(&dataset(
        GATESHEAD,
        &format!(
            r#"{{"id": "share", "kind": "share", "numerator": "counts.{numerator}",
  "denominator": "counts.{denominator}", {wording}, "text": "-", "quote": "-"}}"#
        ),
    ))
}

#[test]
fn verbal_shares_three_quarters_and_1_in_4() {
    use Status::{Consistent as C, Inconsistent as I};
    // 1,031 / 1,364 = 75.59%. "three quarters" alone is about 75%: 67.5% to 82.5%.
    for (wording, want) in [
        (r#""verbal": "three quarters""#, C),
        // "more than three quarters": above 75%.
        (r#""hedge": "more than", "verbal": "three quarters""#, C),
        // "almost three quarters": 67.5% to below 75%; 75.59% is over it.
        (r#""hedge": "almost", "verbal": "three quarters""#, I),
        // "76%" as printed: 75.59 rounds to 76.
        (r#""stated": 76, "decimals": 0"#, C),
        // "over 76%": 75.59% is not over 76%, though it rounds to it.
        (r#""stated": 76, "decimals": 0, "hedge": "over""#, I),
    ] {
        let f = gateshead("residential", "res_nursing", wording);
        assert_eq!(f.status, want, "{wording}: {}", f.reason);
    }
    // 885 / 3,750 = 23.6%: "1 in 4" is about 25% (22.5% to 27.5%); "nearly 1 in 4" is
    // 22.5% to below 25%; "more than 1 in 4" is above 25%.
    for (wording, want) in [
        (r#""verbal": "1 in 4""#, C),
        (r#""hedge": "nearly", "verbal": "one in four""#, C),
        (r#""hedge": "more than", "verbal": "1 in 4""#, I),
        // "three out of four" of 3,750 aged 65+: 2,865 / 3,750 = 76.4%, 67.5% to 82.5%.
    ] {
        let f = gateshead("younger", "supported", wording);
        assert_eq!(f.status, want, "{wording}: {}", f.reason);
    }
    let f = gateshead("older", "supported", r#""verbal": "3 out of 4""#);
    assert_eq!(f.status, C, "{}", f.reason);
    assert_eq!(f.stated, Some(75.0));
    assert_eq!(f.wording.as_deref(), Some("about (verbal share)"));
    // "the majority" is over half: 76.4% is; 23.6% is not.
    let f = gateshead("older", "supported", r#""verbal": "the majority""#);
    assert_eq!(f.status, C, "{}", f.reason);
    let f = gateshead("younger", "supported", r#""verbal": "the majority""#);
    assert_eq!(f.status, I, "{}", f.reason);
    assert!(f.reason.contains("above 50%"), "{}", f.reason);
}

/// Torbay 2023/24: direct payments "increased by 19% (73) ... from 392 in 2022/23 to 465".
fn torbay(previous: bool, wording: &str) -> Finding {
    let prev = if previous { r#", "previous": 392"# } else { "" };
    audit_one(&dataset(
        &format!(
            r#""counts": {{"dp": {{"label": "People receiving direct payments", "value": 465{prev},
  "quote": "from 392 in 2022/23 to 465"}}}}"#
        ),
        &format!(
            r#"{{"id": "dp-change", "kind": "change", "subject": "counts.dp", "unit": "percent",
  {wording}, "text": "increased by 19%", "quote": "has increased by 19% (73) in 2023/24"}}"#
        ),
    ))
}

#[test]
fn hedged_changes_have_a_direction() {
    use Status::{Consistent as C, Inconsistent as I};
    // 465 / 392 = 1.18622: +18.62%.
    for (wording, want) in [
        (r#""stated": 19, "decimals": 0"#, C),
        // "almost 19%": 17.1% to below 19%.
        (r#""stated": 19, "decimals": 0, "hedge": "almost""#, C),
        // "over 19%": above 19%; 18.62% rounds to 19 but is not over it.
        (r#""stated": 19, "decimals": 0, "hedge": "over""#, I),
        // "just over 18%": above 18%, by at most 5% of it (18% to 18.9%).
        (r#""stated": 18, "decimals": 0, "hedge": "just over""#, C),
        // "doubled": a factor of about 2 (1.8 to 2.2): 1.19 is not.
        (r#""verbal": "doubled""#, I),
    ] {
        let f = torbay(true, wording);
        assert_eq!(f.status, want, "{wording}: {}", f.reason);
        if wording.contains("hedge") || wording.contains("verbal") {
            assert!(f.wording.is_some(), "{wording}");
        } else {
            assert!(f.wording.is_none(), "{wording}");
        }
    }
}

#[test]
fn a_hedged_change_implies_a_wider_previous_value() {
    // With 392 unpublished: "almost 19%" is a change of 17.1% to below 19%, so last year's
    // count was 465 / 1.19 = 390.76 (excluded) to 465 / 1.171 = 397.10: 391 to 397.
    let f = torbay(false, r#""stated": 19, "decimals": 0, "hedge": "almost""#);
    assert_eq!(f.status, Status::Unchecked);
    let (lo, hi) = implied(&f);
    assert!((lo - 465.0 / 1.19).abs() < 1e-9 && (hi - 465.0 / 1.171).abs() < 1e-9);
    assert!(f.reason.contains("391 to 397"), "{}", f.reason);
    // A plain "19%" (18.5% to 19.5%): 465 / 1.195 = 389.1 to 465 / 1.185 = 392.4: 390 to 392.
    let f = torbay(false, r#""stated": 19, "decimals": 0"#);
    assert!(f.reason.contains("390 to 392"), "{}", f.reason);
}

#[test]
fn halved_is_a_factor_of_change() {
    // Bridgend 2017/18: "reduced from 1493 to 986": 986 / 1493 = 0.660, a fall of 34.0%.
    // "halved" is a factor of 0.45 to 0.55 (a change of -55% to -45%): inconsistent.
    let f = audit_one(&dataset(
        r#""counts": {"res": {"label": "People supported in residential / nursing care",
  "value": 986, "previous": 1493, "quote": "had reduced from 1493 to 986"}}"#,
        r#"{"id": "res-change", "kind": "change", "subject": "counts.res", "unit": "percent",
  "verbal": "halved", "text": "reduced from 1493 to 986", "quote": "had reduced from 1493 to 986"}"#,
    ));
    assert_eq!(f.status, Status::Inconsistent, "{}", f.reason);
    assert_eq!(f.stated, Some(-50.0));
    assert!(f.reason.contains("-55% to -45%"), "{}", f.reason);
}

#[test]
fn hedged_rates_and_rating_shares() {
    // Worcestershire 2023/24 (seed): 4,455 concerns, an increase of 543 (so 3,912 in
    // 2022/23), adult population 485,737: 805.4 per 100,000, and the document says 803.
    let ds = |hedge: &str| {
        dataset(
            r#""populations": {"adults": {"label": "Adult population (18+)", "value": 485737,
     "age_band": "18+", "quote": "Worcestershire has an adult population of 485,737."}},
  "counts": {"concerns": {"label": "Safeguarding concerns", "value": 3912, "quote": "4455 - 543"}}"#,
            &format!(
                r#"{{"id": "rate", "kind": "rate", "numerator": "counts.concerns",
  "denominator": "populations.adults", "stated": 803, "decimals": 0{hedge},
  "text": "a lower rate of concerns per 100,000 population in 2022/23 (803)", "quote": "-"}}"#
            ),
        )
    };
    assert_eq!(audit_one(&ds("")).status, Status::Inconsistent);
    // "about 803": 722.7 to 883.3 per 100,000 holds 805.4.
    let f = audit_one(&ds(r#", "hedge": "about""#));
    assert_eq!(f.status, Status::Consistent, "{}", f.reason);
    assert!(f.reason.contains("read as about"), "{}", f.reason);
    // "under 803": 805.4 is not.
    assert_eq!(
        audit_one(&ds(r#", "hedge": "under""#)).status,
        Status::Inconsistent
    );

    // Birmingham 2022/23 (seed): care homes 13 + 432 of 576 = 77.3% (77.4% of rated).
    let ratings = r#""ratings": {"care_homes": {"label": "Care homes", "outstanding": 13, "good": 432,
    "requires_improvement": 123, "inadequate": 7, "not_rated": 1,
    "quote": "There were 13 homes who were rated gold."}}"#;
    let share = |wording: &str| {
        audit_one(&dataset(
            ratings,
            &format!(
                r#"{{"id": "homes", "kind": "rating_share", "ratings": "care_homes", {wording},
  "text": "76% of Birmingham Care Homes are Outstanding or Good", "quote": "-"}}"#
            ),
        ))
    };
    assert_eq!(
        share(r#""stated": 76, "decimals": 0"#).status,
        Status::Inconsistent
    );
    // "more than three quarters": 77.3% is.
    let f = share(r#""hedge": "more than", "verbal": "three quarters""#);
    assert_eq!(f.status, Status::Consistent, "{}", f.reason);
    assert_eq!(f.wording.as_deref(), Some("over (verbal share)"));
    // "almost 76%" (68.4% to below 76%): 77.3% is not; it would need 394 to 437 of 576.
    let f = share(r#""stated": 76, "decimals": 0, "hedge": "almost""#);
    assert_eq!(f.status, Status::Inconsistent, "{}", f.reason);
    assert!(f.reason.contains("394 to 437"), "{}", f.reason);
}

#[test]
fn bad_wordings_are_errors_naming_the_json_path() {
    let err = |claim: &str, version: u32| {
        let json = dataset(GATESHEAD, claim).replace(
            "\"format_version\": 2",
            &format!("\"format_version\": {version}"),
        );
        Dataset::from_json_str(&json).unwrap_err().to_string()
    };
    let base = r#""id": "s", "kind": "share", "numerator": "counts.older", "denominator": "counts.supported", "text": "-", "quote": "-""#;
    let e = err(
        &format!(r#"{{{base}, "stated": 76, "decimals": 0, "hedge": "roughlyish"}}"#),
        2,
    );
    assert!(
        e.starts_with("claims[0].hedge: `roughlyish` is not a hedge word"),
        "{e}"
    );
    assert!(e.contains("almost") && e.contains("just under"), "{e}");
    let e = err(&format!(r#"{{{base}, "verbal": "a lot"}}"#), 2);
    assert!(
        e.starts_with("claims[0].verbal: `a lot` is not a verbal figure"),
        "{e}"
    );
    let e = err(&format!(r#"{{{base}, "verbal": "doubled"}}"#), 2);
    assert!(
        e.starts_with("claims[0].verbal: `doubled` is a factor"),
        "{e}"
    );
    let e = err(
        &format!(r#"{{{base}, "verbal": "half", "stated": 50, "decimals": 0}}"#),
        2,
    );
    assert!(
        e.starts_with("claims[0].stated: is given by the verbal figure"),
        "{e}"
    );
    let e = err(
        &format!(r#"{{{base}, "verbal": "majority", "hedge": "over"}}"#),
        2,
    );
    assert!(e.starts_with("claims[0].hedge:"), "{e}");
    // A hedge on a claim kind without a stated figure.
    let e = err(
        r#"{"id": "d", "kind": "direction", "subject": "counts.older", "direction": "increase", "hedge": "about", "text": "-", "quote": "-"}"#,
        2,
    );
    assert!(
        e.starts_with("claims[0].hedge: is not used by a direction claim"),
        "{e}"
    );
    // Hedges are new in format 2.
    let e = err(
        &format!(r#"{{{base}, "stated": 76, "decimals": 0, "hedge": "almost"}}"#),
        1,
    );
    assert!(
        e.starts_with("claims[0].hedge: is new in format version 2"),
        "{e}"
    );
}

#[test]
fn worded_claims_round_trip_to_the_bit() {
    let json = dataset(
        GATESHEAD,
        r#"{"id": "a", "kind": "share", "numerator": "counts.older", "denominator": "counts.supported",
  "hedge": "Just_Under", "stated": 76.4, "decimals": 1, "text": "-", "quote": "-"},
 {"id": "b", "kind": "share", "numerator": "counts.younger", "denominator": "counts.supported",
  "hedge": "nearly", "verbal": "one in four", "text": "-", "quote": "-"}"#,
    );
    let ds = Dataset::from_json_str(&json).unwrap();
    let again = Dataset::from_json_str(&ds.to_json_string()).unwrap();
    assert_eq!(again, ds);
    assert_eq!(again.claims[0].hedge.as_deref(), Some("Just_Under"));
    assert_eq!(again.claims[1].verbal.as_deref(), Some("one in four"));
    assert_eq!(again.to_json_string(), ds.to_json_string());
    // "just under 76.4%" (76.4% minus at most 5%, 72.58% to below 76.4%): 2,865 / 3,750 is
    // exactly 76.4%, which is not under it.
    let f = audit(&ds).unwrap();
    assert_eq!(f[0].status, Status::Inconsistent, "{}", f[0].reason);
    assert_eq!(f[1].status, Status::Consistent, "{}", f[1].reason);
}

/// A sum whose total is hedged (format 2): Birmingham's Local Account 2022/23 (seed 000),
/// "There have been over 10 coproduction projects over the last 12 months across all
/// directorates these include Birmingham Faith Covenant Partnership, ..., Windrush 75": 11
/// named, and 11 is above 10.
fn coproduction(hedge: &str, named: usize) -> String {
    let parts: Vec<String> = (1..=named)
        .map(|i| format!(r#"{{"label": "Project {i}", "value": 1}}"#))
        .collect();
    dataset(
        &format!(
            r#""counts": {{"projects": {{"label": "Coproduction projects", "value": 10, "quote": "-"}}}},
  "breakdowns": {{"named": {{"label": "Projects named", "total": "counts.projects", "decimals": 0,
    "parts": [{}], "quote": "-"}}}}"#,
            parts.join(", ")
        ),
        &format!(
            r#"{{"id": "projects", "kind": "sum", "breakdown": "named", "hedge": "{hedge}",
    "text": "{hedge} 10 coproduction projects", "quote": "-"}}"#
        ),
    )
}

#[test]
fn a_hedged_total_is_checked_by_its_words() {
    let f = audit_one(&coproduction("over", 11));
    assert_eq!(f.status, Status::Consistent, "{}", f.reason);
    assert_eq!(f.wording.as_deref(), Some("over"));
    assert!(
        f.reason.ends_with(
            "the total is \"over 10\" (read as over: above it; above 10): 11, as the words allow"
        ),
        "{}",
        f.reason
    );
    // "over 10" and exactly 10 named: 10 is not above 10.
    assert_eq!(
        audit_one(&coproduction("over", 10)).status,
        Status::Inconsistent
    );
    // "almost 10" (below it, by at most 10%: 9 to 10, 10 excluded) and 11 named.
    let f = audit_one(&coproduction("almost", 11));
    assert_eq!(f.status, Status::Inconsistent, "{}", f.reason);
    assert!(
        f.reason.ends_with("11 is not what the words allow"),
        "{}",
        f.reason
    );
    // Without a hedge the same 11 against 10 is a plain gap.
    let plain = coproduction("over", 11).replace(r#", "hedge": "over""#, "");
    assert_eq!(audit_one(&plain).status, Status::Inconsistent);
    // An unknown hedge word, or a verbal figure, on a sum is an error naming the field.
    let e = Dataset::from_json_str(&coproduction("roughly-ish", 11))
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("claims[0].hedge: `roughly-ish` is not a hedge word"),
        "{e}"
    );
    let verbal = coproduction("over", 11).replace(r#""hedge": "over""#, r#""verbal": "half""#);
    let e = Dataset::from_json_str(&verbal).unwrap_err().to_string();
    assert!(
        e.starts_with("claims[0].verbal: is not used by a sum claim"),
        "{e}"
    );
}
