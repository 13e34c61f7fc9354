//! Stock and flow (issue 12, format 2): opening + in - out against closing, over the rounding
//! of every term; a closing figure the others make impossible is inconsistent.

use carestat::account::{audit, Dataset, Finding, Status};
use serde_json::{json, Value};

fn dataset(flow: &Value) -> Value {
    json!({
        "format_version": 2,
        "area": {"name": "Test Council"},
        "period": {"label": "2023/24", "start": "2023-04-01", "end": "2024-03-31"},
        "flows": {"f": flow},
        "claims": [{"id": "flow", "kind": "stock_flow", "flow": "f", "text": "", "quote": ""}]
    })
}

fn finding(flow: &Value) -> Finding {
    let ds = Dataset::from_json_str(&dataset(flow).to_string()).unwrap();
    assert_eq!(
        Dataset::from_json_str(&ds.to_json_string()).unwrap(),
        ds,
        "round trip"
    );
    audit(&ds).unwrap().remove(0)
}

fn term(label: &str, value: f64) -> Value {
    json!({"label": label, "value": value})
}

// Worcestershire Local Account 2023/24 (seed 004, examples/data/sources): "3963 DoLS
// applications were received ... 3933 DoLS applications were completed ... 1549 people are
// waiting for an assessment as of 31st March". The opening list is not printed: it would
// have been 1549 - 3963 + 3933 = 1519 (if nothing left the list but by completion).
fn dols() -> Value {
    json!({"label": "People waiting for a DoLS assessment",
        "inflows": [term("Applications received", 3963.0)],
        "outflows": [term("Applications completed", 3933.0)],
        "closing": term("Waiting as of 31st March", 1549.0),
        "quote": "3963 ... received ... 3933 ... completed ... 1549 people are waiting"})
}

#[test]
fn a_missing_opening_is_implied() {
    let f = finding(&dols());
    assert_eq!(f.status, Status::Unchecked, "{}", f.reason);
    assert_eq!(f.implied_what.as_deref(), Some("opening"));
    assert_eq!(
        (f.implied, f.implied_lower, f.implied_upper),
        (Some(1519.0), Some(1519.0), Some(1519.0))
    );
    assert!(f.reason.contains("an opening of 1,519"), "{}", f.reason);
}

#[test]
fn a_rounded_opening_allows_a_range_of_closings() {
    // Had the opening been printed as "about 1,500" (to hundreds: 1,450 to 1,549 people),
    // the closing could be 1,480 to 1,579, which includes 1,549; "1,400" (1,350 to 1,449)
    // allows 1,380 to 1,479 only: 1,549 waiting is then impossible.
    let mut v = dols();
    v["opening"] = json!({"label": "Waiting on 1 April", "value": 1500, "decimals": -2});
    let f = finding(&v);
    assert_eq!(f.status, Status::Consistent, "{}", f.reason);
    assert_eq!(
        (f.computed_lower, f.computed_upper),
        (Some(1480.0), Some(1579.0))
    );
    v["opening"]["value"] = json!(1400);
    let f = finding(&v);
    assert_eq!(f.status, Status::Inconsistent, "{}", f.reason);
    assert!(
        f.reason.contains(
            "the closing figure is impossible given the other figures (between 1,380 and 1,479"
        ),
        "{}",
        f.reason
    );
}

/// Nottinghamshire Fire and Rescue, Statement of Accounts 2020/21, Movement in Reserves
/// Statement (GBP'000). Earmarked reserves 2019/20: "4,763 ... Increase (Decrease) (2) ...
/// Balance at 31 March 2020 4,761". Total authority reserves 2020/21: opening (508,535),
/// "Increase (Decrease) in 2020/21 ... (11,594)", closing (620,129): the row's other cells
/// give (111,594), and (508,535) + (111,594) = (620,129); as printed, the closing is 100,000 off.
#[test]
fn reserves_with_bracketed_movements() {
    let reserves = |opening: f64, change: f64, closing: f64| {
        let t = |l: &str, v: f64| json!({"label": l, "value": v, "decimals": 0});
        json!({"label": "Reserves", "unit": "gbp_thousands",
            "opening": t("Balance at 31 March", opening),
            "inflows": [t("Increase (Decrease)", change)],
            "closing": t("Balance carried forward", closing), "quote": ""})
    };
    let f = finding(&reserves(4763.0, -2.0, 4761.0));
    assert_eq!(f.status, Status::Consistent, "{}", f.reason);
    let f = finding(&reserves(-508_535.0, -11_594.0, -620_129.0));
    assert_eq!(f.status, Status::Inconsistent, "{}", f.reason);
    assert_eq!(f.computed, Some(-520_129.0));
    assert_eq!(f.unit, "GBP k");
    assert_eq!(
        finding(&reserves(-508_535.0, -111_594.0, -620_129.0)).status,
        Status::Consistent
    );
}

#[test]
fn bad_flows_are_errors_naming_the_json_path() {
    let err = |v: &Value| {
        Dataset::from_json_str(&dataset(v).to_string())
            .unwrap_err()
            .to_string()
    };
    let mut v = dols();
    v["outflows"][0]["value"] = json!(-3933);
    assert!(
        err(&v).starts_with(
            "flows.f.outflows[0].value: a count in a stock and flow must not be negative"
        ),
        "{}",
        err(&v)
    );
    let mut v = dols();
    v["closing"]["value"] = json!(1549.5);
    assert!(err(&v).starts_with("flows.f.closing.value: a count must be a whole number"));
    let mut v = dols();
    v.as_object_mut().unwrap().remove("closing");
    assert!(err(&v).starts_with("flows.f.closing: is required when `opening` is not given"));
    let mut ds = dataset(&dols());
    ds["claims"][0]["flow"] = json!("nope");
    let e = Dataset::from_json_str(&ds.to_string())
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("claims[0].flow: unknown figure"), "{e}");
    ds["format_version"] = json!(1);
    let e = Dataset::from_json_str(&ds.to_string())
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("flows.f: is new in format version 2"), "{e}");
}
