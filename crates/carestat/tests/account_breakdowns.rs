//! Format 2 breakdowns (issue 12): parts of any figure kind, each with its own decimals,
//! totals given as a value or left out (percentages of a whole), signed parts (`subtract`,
//! bracketed negatives), and the errors for parts that are not what their kind says.
//!
//! Every breakdown is a real one, quoted from the council's (or the press's) page and worked
//! out by hand in the comments.

use carestat::account::{audit, Dataset, Finding, Status};
use serde_json::{json, Value};

fn dataset(version: u32, breakdown: &Value) -> Value {
    json!({
        "format_version": version,
        "area": {"name": "Test Council"},
        "period": {"label": "2023/24", "start": "2023-04-01", "end": "2024-03-31"},
        "breakdowns": {"b": breakdown},
        "claims": [{"id": "sum", "kind": "sum", "breakdown": "b", "text": "", "quote": ""}]
    })
}

fn finding(breakdown: &Value) -> Finding {
    let ds = Dataset::from_json_str(&dataset(2, breakdown).to_string()).unwrap();
    let back = Dataset::from_json_str(&ds.to_json_string()).unwrap();
    assert_eq!(back, ds, "round trip");
    audit(&ds).unwrap().remove(0)
}

fn error(version: u32, breakdown: &Value) -> String {
    Dataset::from_json_str(&dataset(version, breakdown).to_string())
        .unwrap_err()
        .to_string()
}

fn parts(values: &[(&str, f64)]) -> Value {
    values
        .iter()
        .map(|(l, v)| json!({"label": l, "value": v}))
        .collect()
}

/// Dudley, "How we have spent adult social care money" (dudleyadultsocialcare.org.uk/money-spent,
/// 2017/18): three lists of whole percentages, each of one whole.
#[test]
fn percentages_of_a_whole_add_up_to_100() {
    // "Mental health services spend 6% / over 65 spend 46% / working age adults spend 48%"
    let f = finding(&json!({"label": "Percentage spend for adult social care",
        "kind": "percentage", "decimals": 0,
        "parts": parts(&[("Mental health", 6.0), ("Over 65", 46.0), ("Working age", 48.0)]),
        "quote": "Mental health services spend 6% ..."}));
    assert_eq!(f.status, Status::Consistent, "{}", f.reason);
    assert_eq!(f.stated, Some(100.0));
    assert_eq!(f.computed, Some(100.0));
    assert_eq!(f.unit, "%");
    assert!(
        f.reason
            .contains("as shares of one whole they should make 100%"),
        "{}",
        f.reason
    );
    // Older adults: 16% + 38% + 18% + 28% = 100%. Had the page printed 18% as 13%, the four
    // parts (95%) would be further from 100 than four half-points (2%) allow.
    let older = [
        ("Staffing", 16.0),
        ("Residential and nursing", 38.0),
        ("Community", 18.0),
        ("Reablement", 28.0),
    ];
    let f = finding(
        &json!({"label": "Older adults expenditure", "kind": "percentage",
        "decimals": 0, "parts": parts(&older), "quote": ""}),
    );
    assert_eq!(f.status, Status::Consistent);
    let mut wrong = older;
    wrong[2].1 = 13.0;
    let f = finding(
        &json!({"label": "Older adults expenditure", "kind": "percentage",
        "decimals": 0, "parts": parts(&wrong), "quote": ""}),
    );
    assert_eq!(f.status, Status::Inconsistent, "{}", f.reason);
    assert!(
        f.reason.contains("a gap of 5%, more than the 2.0%"),
        "{}",
        f.reason
    );
    assert_eq!(
        (f.computed_lower, f.computed_upper),
        (Some(93.0), Some(97.0))
    );
}

/// Council tax rises stated as a sum of two percentages, each with its own decimals.
#[test]
fn percentages_add_up_to_a_stated_percentage() {
    // Suffolk County Council's 2018/19 budget (Haverhill Echo, 24 January 2018): "a council tax
    // rise of 4.99 per cent ... a 2.99 per cent base tax increase with a two per cent adult
    // social care precept". Exactly 4.99 in decimals (in binary 2.99 + 2.0 is 4.990000000000000213).
    let suffolk = json!({"label": "Council tax rise 2018/19", "kind": "percentage",
        "parts": [{"label": "Base tax", "value": 2.99, "decimals": 2},
                  {"label": "Adult social care precept", "value": 2, "decimals": 0}],
        "total_value": 4.99, "total_decimals": 2,
        "quote": "a 2.99 per cent base tax increase with a two per cent adult social care precept"});
    let f = finding(&suffolk);
    assert_eq!(f.status, Status::Consistent, "{}", f.reason);
    assert_eq!(
        f.reason,
        "the 2 parts of 'Council tax rise 2018/19' add up to 4.99%; the stated total is 4.99%"
    );
    // 0.005 + 0.5 of slack from the parts: the true sum lies in 4.485 to 5.495.
    assert_eq!(f.computed_lower, Some(4.485));
    assert_eq!(f.computed_upper, Some(5.495));
    // Greater Manchester (2021): "up to 5 pc from April which is made up of a 2.99 pc increase
    // plus an additional 2 pc": 4.99 rounds to 5 at the total's 0 decimals.
    let mut gm = suffolk.clone();
    gm["total_value"] = json!(5);
    gm["total_decimals"] = json!(0);
    assert_eq!(finding(&gm).status, Status::Consistent);
    // "was planned to have a 1.99 per cent base tax rise with a three per cent adult care
    // precept": 4.99 as well; a 3.99 total would be 1.0 away where 0.505 + 0.005 is allowed.
    let mut planned = suffolk;
    planned["parts"][0]["value"] = json!(1.99);
    planned["parts"][1]["value"] = json!(3);
    assert_eq!(finding(&planned).status, Status::Consistent);
    planned["total_value"] = json!(3.99);
    assert_eq!(finding(&planned).status, Status::Inconsistent);
}

/// The Royal Borough of Windsor and Maidenhead 2017/18 (Maidenhead Advertiser): "a Band D
/// property will pay a total of GBP 961.46 - made up of core council tax of GBP 915.57 and an adult
/// social care levy of GBP 45.89". Pounds and pence: 915.57 + 45.89 = 961.46 exactly.
#[test]
fn money_with_a_stated_total_and_unit() {
    let b = json!({"label": "Band D council tax 2017/18", "kind": "money", "unit": "gbp",
        "decimals": 2, "parts": parts(&[("Core council tax", 915.57), ("Adult social care levy", 45.89)]),
        "total_value": 961.46, "total_decimals": 2, "quote": "a total of £961.46"});
    let f = finding(&b);
    assert_eq!(f.status, Status::Consistent, "{}", f.reason);
    assert!(f.reason.contains("add up to GBP 961.46"), "{}", f.reason);
    // A unit is needed to print and scale-check money given as a value.
    let mut no_unit = b;
    no_unit.as_object_mut().unwrap().remove("unit");
    assert!(error(2, &no_unit).starts_with("breakdowns.b.unit: is required for money parts"));
}

/// ADASS waiting-list survey (April 2022, reported by LaingBuisson): "294,449 people were
/// awaiting the first assessment ... A further 37,447 ... and 210,106 ... In all, 542,002".
#[test]
fn counts_with_a_stated_total_are_exact() {
    let b = json!({"label": "People waiting, 30 April 2022", "kind": "count",
        "parts": parts(&[("Awaiting assessment", 294_449.0), ("Awaiting a service", 37_447.0),
                         ("Overdue for a review", 210_106.0)]),
        "total_value": 542_002, "quote": "In all, 542,002 people were either awaiting ..."});
    let f = finding(&b);
    assert_eq!(f.status, Status::Consistent, "{}", f.reason);
    let mut off = b;
    off["total_value"] = json!(542_012);
    let f = finding(&off);
    assert_eq!(f.status, Status::Inconsistent);
    assert!(
        f.reason
            .ends_with("a gap of 10 (whole counts leave no room for rounding)"),
        "{}",
        f.reason
    );
}

/// A breakdown's total may be one of the dataset's percentages (format 2).
#[test]
fn a_total_may_be_a_percentage_figure() {
    let mut v = dataset(
        2,
        &json!({"label": "Council tax rise", "total": "percentages.rise",
        "parts": [{"label": "Base", "value": 2.99, "decimals": 2},
                  {"label": "Precept", "value": 2, "decimals": 0}], "quote": ""}),
    );
    v["percentages"] = json!({"rise": {"label": "Council tax rise", "value": 4.99, "decimals": 2,
        "quote": "Council tax in Hull is to rise by 4.99% ... The increase includes 2% to pay for adult social care."}});
    let ds = Dataset::from_json_str(&v.to_string()).unwrap();
    let f = audit(&ds).unwrap().remove(0);
    assert_eq!(f.status, Status::Consistent, "{}", f.reason);
    v["format_version"] = json!(1);
    let e = Dataset::from_json_str(&v.to_string())
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("breakdowns.b.total: is new in format version 2"),
        "{e}"
    );
}

#[test]
fn parts_that_are_not_their_kind_are_errors_naming_the_part() {
    let pct = |v: f64| {
        json!({"label": "Shares", "kind": "percentage", "decimals": 0,
        "parts": parts(&[("a", 40.0), ("b", v)]), "quote": ""})
    };
    assert_eq!(
        error(2, &pct(140.0)),
        "breakdowns.b.parts[1].value: 140 is out of range; expected a percentage from 0 to 100"
    );
    assert!(error(2, &pct(-4.0))
        .starts_with("breakdowns.b.parts[1].value: must not be negative: use `subtract: true`"));
    let count = json!({"label": "People", "kind": "count", "total_value": 20,
        "parts": parts(&[("a", 7.0), ("b", 12.5)]), "quote": ""});
    assert_eq!(
        error(2, &count),
        "breakdowns.b.parts[1].value: a count part must be a whole number (got 12.5)"
    );
    let mut count_decimals = count.clone();
    count_decimals["parts"][1] = json!({"label": "b", "value": 13, "decimals": 1});
    assert_eq!(error(2, &count_decimals), "breakdowns.b.parts[1].decimals: 1 is out of range; expected -6 to 0 decimal places for a count part");
    // A declared kind must agree with the referenced total.
    let mut v = dataset(
        2,
        &json!({"label": "Spend", "kind": "percentage", "total": "spend.total",
        "decimals": 1, "parts": parts(&[("a", 40.0)]), "quote": ""}),
    );
    v["spend"] = json!({"total": {"label": "Total", "value": 326.4, "unit": "gbp_millions",
        "decimals": 1, "quote": ""}});
    let e = Dataset::from_json_str(&v.to_string())
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        "breakdowns.b.kind: is percentage but the total spend.total is a money figure"
    );
    // Only percentages may leave the total out; a kind is needed when nothing else says it.
    let money = json!({"label": "Spend", "kind": "money", "unit": "gbp_millions", "decimals": 1,
        "parts": parts(&[("a", 40.0)]), "quote": ""});
    assert!(error(2, &money).starts_with("breakdowns.b.total: is required for money parts"));
    let unknown = json!({"label": "x", "total_value": 3, "decimals": 0, "parts": parts(&[("a", 3.0)]), "quote": ""});
    assert!(error(2, &unknown)
        .starts_with("breakdowns.b.kind: is required when the total is not a reference"));
    let both = json!({"label": "x", "kind": "percentage", "total": "percentages.p", "total_value": 3,
        "decimals": 0, "parts": parts(&[("a", 3.0)]), "quote": ""});
    assert!(
        error(2, &both).starts_with("breakdowns.b.total: unknown figure"),
        "{}",
        error(2, &both)
    );
    let no_decimals = json!({"label": "x", "kind": "percentage",
        "parts": [{"label": "a", "value": 60, "decimals": 0}, {"label": "b", "value": 40}], "quote": ""});
    assert!(error(2, &no_decimals).starts_with("breakdowns.b.decimals: is required: part 1"));
    // Format 1 had no `kind`.
    assert!(error(1, &pct(60.0)).starts_with("breakdowns.b.kind: is new in format version 2"));
}

/// Derbyshire County Council, "How is council tax calculated?" (derbyshire.gov.uk, GBP million):
/// "Actual budget requirement 491.5 / Less council tax 7.0 / Less revenue support grant 48.5 /
/// Less national non-domestic rates 157.2 / Amount to be financed by council tax 278.8".
/// Written as printed: 491.5 - 7.0 - 48.5 - 157.2 = 278.8.
#[test]
fn subtracted_parts_give_a_net_total() {
    let less = |l: &str, v: f64| json!({"label": l, "value": v, "subtract": true});
    let b = json!({"label": "Amount to be financed by council tax", "kind": "money",
        "unit": "gbp_millions", "decimals": 1, "total_value": 278.8, "total_decimals": 1,
        "parts": [{"label": "Actual budget requirement", "value": 491.5},
                  less("Less council tax", 7.0), less("Less revenue support grant", 48.5),
                  less("Less national non-domestic rates", 157.2)],
        "quote": "Amount to be financed by council tax 278.8"});
    let f = finding(&b);
    assert_eq!(f.status, Status::Consistent, "{}", f.reason);
    assert!(
        f.reason.starts_with("the 4 parts of 'Amount to be financed by council tax' come to (3 taken away) GBP 278.8m"),
        "{}",
        f.reason
    );
    // Added instead of taken away, the parts would come to GBP 704.2m: inconsistent.
    let mut unsigned = b.clone();
    for i in 1..4 {
        unsigned["parts"][i]
            .as_object_mut()
            .unwrap()
            .remove("subtract");
    }
    let f = finding(&unsigned);
    assert_eq!(f.status, Status::Inconsistent);
    assert_eq!(f.computed, Some(704.2));
    // A subtracted part is a format-2 field.
    let mut v = dataset(
        1,
        &json!({"label": "x", "total": "spend.t", "decimals": 1,
        "parts": [less("a", 1.0)], "quote": ""}),
    );
    v["spend"] =
        json!({"t": {"label": "t", "value": 1, "unit": "gbp", "decimals": 0, "quote": ""}});
    let e = Dataset::from_json_str(&v.to_string())
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("breakdowns.b.parts[0].subtract: is new in format version 2"),
        "{e}"
    );
}

/// Nottinghamshire Fire and Rescue, Statement of Accounts 2020/21, Movement in Reserves
/// Statement (GBP'000): "Balance at 31 March 2020 carried forward ... Total Usable Reserves
/// 10,097, Unusable Reserves (518,632), Total Authority Reserves (508,535)". Bracketed
/// amounts are negative: 10,097 + (518,632) = (508,535).
#[test]
fn bracketed_negative_money_parts_add_as_printed() {
    let b = json!({"label": "Total Authority Reserves, 31 March 2020", "kind": "money",
        "unit": "gbp_thousands", "decimals": 0, "total_value": -508_535, "total_decimals": 0,
        "parts": parts(&[("Total Usable Reserves", 10_097.0), ("Unusable Reserves", -518_632.0)]),
        "quote": "Balance at 31 March 2020 carried forward ... 10,097 (518,632) (508,535)"});
    let f = finding(&b);
    assert_eq!(f.status, Status::Consistent, "{}", f.reason);
    assert_eq!(f.stated, Some(-508_535.0));
    assert!(
        f.reason.contains("come to (1 taken away) -GBP 508,535k"),
        "{}",
        f.reason
    );
    // Format 1 read money parts as amounts spent: a negative one stays an error there.
    let mut v = dataset(
        1,
        &json!({"label": "x", "total": "spend.t", "decimals": 0,
        "parts": parts(&[("a", -1.0)]), "quote": ""}),
    );
    v["spend"] =
        json!({"t": {"label": "t", "value": 1, "unit": "gbp", "decimals": 0, "quote": ""}});
    let e = Dataset::from_json_str(&v.to_string())
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("breakdowns.b.parts[0].value: must not be negative in format version 1"),
        "{e}"
    );
    // A count or a percentage is never negative: taken away, it says `subtract`.
    let count = json!({"label": "x", "kind": "count", "total_value": 1,
        "parts": parts(&[("a", 2.0), ("b", -1.0)]), "quote": ""});
    assert!(error(2, &count)
        .starts_with("breakdowns.b.parts[1].value: must not be negative: use `subtract: true`"));
}
