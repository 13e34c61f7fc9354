//! Each figure's previous value with its own decimals and period, values for earlier named
//! periods, and changes measured from a named period (`base_period`, issue 12).
//!
//! Sources (figures as published; expected values worked out by hand in the comments):
//! * NHS Digital's Safeguarding Adults 2019-20 as reported by Care Appointments
//!   (<https://careappointments.com/care-news/england/151182/>): "Almost half a million
//!   safeguarding concerns ... during 2019-20 - a rise of almost 15% from the previous year
//!   ... 475,560 reports ... This is more than double the number of concerns reported over
//!   2015-16 ... and is up 14.6% from 2018-19."
//! * Safeguarding Adults 2018-19 as reported by Community Care
//!   (<https://www.communitycare.co.uk/2019/12/16/care-act-safeguarding-cases-reach-record-levels-following-sharp-rise-reported-concerns/>):
//!   "415,050 safeguarding concerns in 2018-19, up 5.2% on the 2017-18 figure (394,655), which
//!   was itself a significant rise on 2016-17 (364,605)".
//! * Coventry, Adult Social Care Annual Report 2020/21
//!   (<https://www.coventry.gov.uk/adult-social-care-strategies-policies-plans/coventry-adult-social-care-annual-report-key-areas-improvement-202021-local-account/7>):
//!   "2020/21 Adult Social Care spend £103.2m. This compares to a spend of £95m in 2019/20."

use carestat::account::{audit, Dataset, Finding, Status};

fn england_2019_20(claims: &str) -> String {
    format!(
        r#"{{"format_version": 2, "area": {{"name": "England"}},
  "period": {{"label": "2019/20", "start": "2019-04-01", "end": "2020-03-31"}},
  "counts": {{"concerns": {{"label": "Safeguarding concerns", "value": 475560,
    "previous": 415050, "previous_period": "2018/19",
    "earlier": [{{"period": "2017/18", "value": 394655, "quote": "the 2017-18 figure (394,655)"}},
                {{"period": "2016/17", "value": 364605, "quote": "2016-17 (364,605)"}}],
    "quote": "There were 475,560 reports raised to or by councils in England"}}}},
  "claims": [{claims}]}}"#
    )
}

fn findings(json: &str) -> Vec<Finding> {
    let ds = Dataset::from_json_str(json).unwrap_or_else(|e| panic!("{e}"));
    audit(&ds).unwrap()
}

#[test]
fn changes_from_named_periods() {
    let f = findings(&england_2019_20(
        r#"{"id": "up-2018-19", "kind": "change", "subject": "counts.concerns", "unit": "percent",
    "base_period": "2018/19", "stated": 14.6, "decimals": 1, "text": "up 14.6% from 2018-19", "quote": "-"},
   {"id": "almost-15", "kind": "change", "subject": "counts.concerns", "unit": "percent",
    "stated": 15, "decimals": 0, "hedge": "almost", "text": "a rise of almost 15%", "quote": "-"},
   {"id": "since-2017-18", "kind": "change", "subject": "counts.concerns", "unit": "percent",
    "base_period": "2017/18", "stated": 20.5, "decimals": 1, "text": "20.5% higher than 2017/18", "quote": "-"},
   {"id": "since-2016-17", "kind": "direction", "subject": "counts.concerns", "direction": "increase",
    "base_period": "2016/17", "text": "a rise on 2016-17", "quote": "-"}"#,
    ));
    // 475,560 / 415,050 = 1.14579: +14.6%.
    assert_eq!(f[0].status, Status::Consistent, "{}", f[0].reason);
    assert!(
        f[0].reason.starts_with("compared with 2018/19: "),
        "{}",
        f[0].reason
    );
    assert!((f[0].computed.unwrap() - (475_560.0 / 415_050.0 - 1.0) * 100.0).abs() < 1e-9);
    // Without base_period the previous value (2018/19 here) is the base: +14.58% is "almost
    // 15%" (13.5% to under 15%).
    assert_eq!(f[1].status, Status::Consistent, "{}", f[1].reason);
    // 475,560 / 394,655 = 1.20500: +20.5% on 2017/18 (the figures are the two sources'; the
    // sentence is the test's).
    assert_eq!(f[2].status, Status::Consistent, "{}", f[2].reason);
    assert!((f[2].computed.unwrap() - (475_560.0 / 394_655.0 - 1.0) * 100.0).abs() < 1e-9);
    // 475,560 against 364,605: an increase.
    assert_eq!(f[3].status, Status::Consistent, "{}", f[3].reason);
    assert!((f[3].computed.unwrap() - 110_955.0).abs() < 1e-9);
}

#[test]
fn an_unpublished_named_period_is_implied() {
    // "more than double the number of concerns reported over 2015-16": 2015-16 is not in the
    // sources, so the claim implies it was below 475,560 / 2 = 237,780.
    let f = findings(&england_2019_20(
        r#"{"id": "double", "kind": "change", "subject": "counts.concerns", "unit": "percent",
    "base_period": "2015/16", "hedge": "more than", "verbal": "doubled",
    "text": "more than double the number of concerns reported over 2015-16", "quote": "-"}"#,
    ));
    assert_eq!(f[0].status, Status::Unchecked, "{}", f[0].reason);
    assert!(
        f[0].reason.starts_with("no 2015/16 value published"),
        "{}",
        f[0].reason
    );
    assert!(
        f[0].reason
            .contains("imply the 2015/16 value was below 237,780"),
        "{}",
        f[0].reason
    );
    assert!((f[0].implied_upper.unwrap() - 237_780.0).abs() < 1e-9);
    assert_eq!(f[0].wording.as_deref(), Some("over (verbal factor)"));
}

#[test]
fn the_previous_value_keeps_its_own_decimals() {
    // Coventry: GBP 103.2m in 2020/21 against GBP 95m in 2019/20. Printed to 0 decimals,
    // 95 is 94.5 to 95.5, so the rise is 103.15 - 95.5 = 7.65 to 103.25 - 94.5 = 8.75; read
    // to the current figure's 1 decimal it would be 8.1 to 8.3.
    let json = |prev_decimals: &str| {
        format!(
            r#"{{"format_version": 2, "area": {{"name": "Coventry City Council"}},
  "period": {{"label": "2020/21", "start": "2020-04-01", "end": "2021-03-31"}},
  "spend": {{"asc": {{"label": "Adult Social Care spend", "value": 103.2, "unit": "gbp_millions",
    "decimals": 1, "previous": 95{prev_decimals}, "previous_period": "2019/20",
    "quote": "2020/21 Adult Social Care spend £103.2m. This compares to a spend of £95m in 2019/20."}}}},
  "claims": [{{"id": "asc-up", "kind": "direction", "subject": "spend.asc", "direction": "increase",
    "text": "the increase", "quote": "The largest element of the increase relates to spend on people"}}]}}"#
        )
    };
    let f = &findings(&json(r#", "previous_decimals": 0"#))[0];
    assert_eq!(f.status, Status::Consistent);
    assert!((f.computed_lower.unwrap() - 7.65).abs() < 1e-9, "{f:?}");
    assert!((f.computed_upper.unwrap() - 8.75).abs() < 1e-9, "{f:?}");
    let f = &findings(&json(""))[0];
    assert!((f.computed_lower.unwrap() - 8.1).abs() < 1e-9, "{f:?}");
    assert!((f.computed_upper.unwrap() - 8.3).abs() < 1e-9, "{f:?}");
}

#[test]
fn bad_histories_are_errors_naming_the_json_path() {
    let err = |json: String| Dataset::from_json_str(&json).unwrap_err().to_string();
    let base = england_2019_20("");
    // A period that is not before the figure's own.
    let e = err(base.replace("\"period\": \"2016/17\"", "\"period\": \"2020/21\""));
    assert!(
        e.starts_with("counts.concerns.earlier[1].period: `2020/21` is not before"),
        "{e}"
    );
    // Two values for one period.
    let e = err(base.replace("\"period\": \"2016/17\"", "\"period\": \"2018/19\""));
    assert!(
        e.starts_with("counts.concerns.earlier[1].period: counts.concerns has a value for 2018/19"),
        "{e}"
    );
    // Not a period.
    let e = err(base.replace(
        "\"previous_period\": \"2018/19\"",
        "\"previous_period\": \"last year\"",
    ));
    assert!(
        e.starts_with("counts.concerns.previous_period: `last year` is not a period"),
        "{e}"
    );
    // base_period on a claim kind that has none.
    let e = err(england_2019_20(
        r#"{"id": "s", "kind": "share", "numerator": "counts.concerns", "denominator": "counts.concerns",
    "stated": 100, "decimals": 0, "base_period": "2018/19", "text": "-", "quote": "-"}"#,
    ));
    assert!(
        e.starts_with("claims[0].base_period: is not used by a share claim"),
        "{e}"
    );
    // Format 1 does not have these fields.
    let e = err(base.replace("\"format_version\": 2", "\"format_version\": 1"));
    assert!(
        e.starts_with("counts.concerns.previous_period: is new in format version 2"),
        "{e}"
    );
}

#[test]
fn histories_round_trip_to_the_bit() {
    let ds = Dataset::from_json_str(&england_2019_20(
        r#"{"id": "up", "kind": "change", "subject": "counts.concerns", "unit": "percent",
    "base_period": "2018/19", "stated": 14.6, "decimals": 1, "text": "-", "quote": "-"}"#,
    ))
    .unwrap();
    let text = ds.to_json_string();
    let again = Dataset::from_json_str(&text).unwrap();
    assert_eq!(again, ds);
    assert_eq!(again.to_json_string(), text);
    assert_eq!(again.counts["concerns"].earlier[1].value, 364_605);
}
