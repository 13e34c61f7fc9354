//! Products and quotients (issue 12, format 2): each input with its own decimals and unit,
//! the printed result checked by interval arithmetic on exact decimals.

use carestat::account::{audit, Dataset, Finding, Status};
use serde_json::{json, Value};

fn dataset(calc: &Value) -> Value {
    json!({
        "format_version": 2,
        "area": {"name": "Test Council"},
        "period": {"label": "2024/25", "start": "2024-04-01", "end": "2025-03-31"},
        "calculations": {"k": calc},
        "claims": [{"id": "calc", "kind": "calculation", "calculation": "k", "text": "", "quote": ""}]
    })
}

fn finding(calc: &Value) -> Finding {
    let ds = Dataset::from_json_str(&dataset(calc).to_string()).unwrap();
    assert_eq!(
        Dataset::from_json_str(&ds.to_json_string()).unwrap(),
        ds,
        "round trip"
    );
    audit(&ds).unwrap().remove(0)
}

/// Wealden District Council, "How Council Tax is calculated": "if the parish has a precept of
/// GBP 7,000 the Council Tax will be: GBP 7,000/870 = GBP 8.05" (8.0459...).
fn wealden() -> Value {
    json!({"label": "Band D council tax", "quote": "£7,000/870 = £8.05",
        "factors": [{"label": "Precept", "value": 7000, "unit": "gbp"}],
        "divisors": [{"label": "Tax base", "value": 870}],
        "result": {"label": "Band D", "value": 8.05, "decimals": 2, "unit": "gbp"}})
}

#[test]
fn a_quotient_rounds_to_the_printed_result() {
    let f = finding(&wealden());
    assert_eq!(f.status, Status::Consistent, "{}", f.reason);
    assert!(f.reason.starts_with("'Band D council tax': GBP 7,000 / 870 = GBP 8.046, which rounds to the stated GBP 8.05"), "{}", f.reason);
    let mut wrong = wealden();
    wrong["result"]["value"] = json!(8.5);
    let f = finding(&wrong);
    assert_eq!(f.status, Status::Inconsistent, "{}", f.reason);
}

/// Cheshire West and Chester, adult social care precept 2024-25: "an increase of GBP 35.89
/// (calculated as 2% of the 2023-24 average Band D charge of GBP 1,794.52)": 35.8904 exactly
/// (in binary 0.02 x 1794.52 is 35.890400000000007).
#[test]
fn a_product_with_a_percentage_factor() {
    let f = finding(
        &json!({"label": "Adult social care precept increase", "quote": "",
        "factors": [{"label": "Precept", "value": 2, "unit": "percent"},
                    {"label": "Average Band D 2023-24", "value": 1794.52, "decimals": 2, "unit": "gbp"}],
        "result": {"label": "Increase", "value": 35.89, "decimals": 2, "unit": "gbp"}}),
    );
    assert_eq!(f.status, Status::Consistent, "{}", f.reason);
    assert_eq!(f.unit, "GBP");
}

/// Community Care (27 October 2017) on NHS Digital's 2016-17 report: "In total there were 1.8
/// million requests for adult social care support, equivalent to 5,000 requests a day". 1.8
/// million is 1,750,000 to 1,850,000 requests: 4,795 to 5,068 a day; 1,800,000 / 365 is 4,932.
#[test]
fn a_per_day_figure_from_a_rounded_annual_count() {
    let per_day = |stated: f64, decimals: i32| {
        json!({"label": "Requests a day", "quote": "",
        "factors": [{"label": "Requests", "value": 1_800_000, "decimals": -5}],
        "divisors": [{"label": "Days", "value": 365}],
        "result": {"label": "a day", "value": stated, "decimals": decimals}})
    };
    let f = finding(&per_day(5000.0, -3));
    assert_eq!(f.status, Status::Consistent, "{}", f.reason);
    assert!((f.computed_lower.unwrap() - 4794.52).abs() < 0.01);
    assert!((f.computed_upper.unwrap() - 5068.49).abs() < 0.01);
    // "5,100 a day" (to hundreds: 5,050 to 5,150) is not the face value but the rounding of
    // 1.8 million allows it; "5,200" it does not.
    let f = finding(&per_day(5100.0, -2));
    assert_eq!(f.status, Status::Consistent);
    assert!(
        f.reason.contains("within the rounding of the inputs"),
        "{}",
        f.reason
    );
    assert_eq!(finding(&per_day(5200.0, -2)).status, Status::Inconsistent);
}

/// Derbyshire County Council: "Amount to be financed by council tax 278.8 [GBP million] ...
/// Number of band D properties 258492": no Band D charge printed beside them, so the finding
/// reports it (GBP 1,078.56) unchecked.
#[test]
fn no_printed_result_reports_the_value() {
    let f = finding(&json!({"label": "Band D", "quote": "",
        "factors": [{"label": "To be financed by council tax", "value": 278.8, "decimals": 1, "unit": "gbp_millions"}],
        "divisors": [{"label": "Band D properties", "value": 258_492}]}));
    assert_eq!(f.status, Status::Unchecked);
    assert_eq!(f.implied_what.as_deref(), Some("result"));
    assert!(
        (f.implied.unwrap() - 1078.56).abs() < 0.005,
        "{:?}",
        f.implied
    );
}

#[test]
fn bad_calculations_are_errors_naming_the_json_path() {
    let err = |v: &Value| {
        Dataset::from_json_str(&dataset(v).to_string())
            .unwrap_err()
            .to_string()
    };
    let mut v = wealden();
    v["divisors"][0]["value"] = json!(0);
    assert!(
        err(&v).starts_with("calculations.k.divisors[0].value: must be greater than zero"),
        "{}",
        err(&v)
    );
    let mut v = wealden();
    v["factors"] = json!([]);
    assert!(err(&v).starts_with("calculations.k.factors"), "{}", err(&v));
    let mut v = wealden();
    v["result"]["unit"] = json!("euros");
    assert!(
        err(&v).starts_with("calculations.k.result.unit"),
        "{}",
        err(&v)
    );
    let mut ds = dataset(&wealden());
    ds["format_version"] = json!(1);
    let e = Dataset::from_json_str(&ds.to_string())
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("calculations.k: is new in format version 2"),
        "{e}"
    );
}

/// CQC's Birmingham assessment (2023, seed 003): "Birmingham had 37 applications (in
/// relation to adult social care), but this was only 3.2% per 100,000 residents". The
/// document states no population: the rate's denominator is left out.
fn ombudsman(text: &str) -> Finding {
    let ds = Dataset::from_json_str(&format!(
        r#"{{"format_version": 2, "area": {{"name": "Birmingham City Council"}},
        "period": {{"label": "2023", "start": "2023-01-01", "end": "2023-12-31"}},
        "counts": {{"applications": {{"label": "Applications to the Ombudsman", "value": 37,
          "quote": "Birmingham had 37 applications"}}}},
        "claims": [{{"id": "rate", "kind": "rate", "numerator": "counts.applications",
          "stated": 3.2, "decimals": 1, "text": "{text}", "quote": "-"}}]}}"#
    ))
    .unwrap();
    audit(&ds).unwrap().remove(0)
}

#[test]
fn a_rate_without_a_population_reports_the_population_it_implies() {
    // 3.2 stands for 3.15 to 3.25: 37 x 100,000 / 3.25 = 1,138,461.5 to 37 x 100,000 / 3.15
    // = 1,174,603.2 people (face 37e5 / 3.2 = 1,156,250).
    let f = ombudsman("3.2 per 100,000 residents");
    assert_eq!(f.status, Status::Unchecked, "{}", f.reason);
    assert_eq!(f.implied_what.as_deref(), Some("population"));
    assert!((f.implied.unwrap() - 1_156_250.0).abs() < 1e-6);
    assert!((f.implied_lower.unwrap() - 37e5 / 3.25).abs() < 1e-6);
    assert!((f.implied_upper.unwrap() - 37e5 / 3.15).abs() < 1e-6);
    assert!(f.reason.contains("states no population"), "{}", f.reason);
    assert!(f.reason.contains("1,156,250"), "{}", f.reason);
}

#[test]
fn a_rate_per_100000_with_a_per_cent_sign_is_inconsistent_without_its_population() {
    // As a percentage, 37 would be 3.2% of 37 / 3.2 x 100 = 1,156 people.
    let f = ombudsman("3.2% per 100,000 residents");
    assert_eq!(f.status, Status::Inconsistent, "{}", f.reason);
    assert!(
        f.reason.contains("written with a per cent sign"),
        "{}",
        f.reason
    );
    assert!(
        f.reason.contains("3.2% of about 1,156 people"),
        "{}",
        f.reason
    );
    assert!((f.implied.unwrap() - 1_156_250.0).abs() < 1e-6);
}
