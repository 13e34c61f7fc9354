//! `carestat audit` on format 2's arithmetic claims (issue 12): breakdowns of any kind with
//! signed parts, stock and flow, products and quotients. Same pattern as `cli.rs`: the
//! command as a user runs it, exit statuses, errors naming the JSON path on stderr.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run_stdin(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_carestat"))
        .args(args)
        .env("COLUMNS", "120")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A dataset around `sections` (JSON object members, without braces) and `claims`.
fn dataset(sections: &str, claims: &str) -> String {
    format!(
        r#"{{"format_version": 2, "area": {{"name": "Test Council"}},
  "period": {{"label": "2024/25", "start": "2024-04-01", "end": "2025-03-31"}},
  {sections},
  "claims": [{claims}]}}"#
    )
}

/// The findings of `audit --format json` with the exit status.
fn audit_json(input: &str) -> (Option<i32>, serde_json::Value, String) {
    let out = run_stdin(&["audit", "-", "--format", "json"], input);
    let v = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (out.status.code(), v, text(&out.stderr))
}

/// Suffolk County Council 2018/19 (Haverhill Echo, 24 January 2018): "a council tax rise of
/// 4.99 per cent ... a 2.99 per cent base tax increase with a two per cent adult social care
/// precept".
const COUNCIL_TAX: &str = r#""breakdowns": {"rise": {"label": "Council tax rise 2018/19",
    "kind": "percentage", "total_value": 4.99, "total_decimals": 2,
    "parts": [{"label": "Base tax", "value": 2.99, "decimals": 2},
              {"label": "Adult social care precept", "value": 2, "decimals": 0}],
    "quote": "a 2.99 per cent base tax increase with a two per cent adult social care precept"}}"#;

const SUM_CLAIM: &str = r#"{"id": "rise-sum", "kind": "sum", "breakdown": "rise", "text": "4.99 per cent", "quote": ""}"#;

#[test]
fn a_percentage_breakdown_with_its_own_decimals_is_consistent() {
    let (code, v, err) = audit_json(&dataset(COUNCIL_TAX, SUM_CLAIM));
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(v[0]["status"], "consistent");
    assert_eq!(v[0]["stated"], 4.99);
    assert_eq!(v[0]["unit"], "%");
    // The table format says the same.
    let out = run_stdin(&["audit", "-"], &dataset(COUNCIL_TAX, SUM_CLAIM));
    assert!(text(&out.stdout).contains("1 consistent, 0 inconsistent"));
}

#[test]
fn a_part_that_is_not_its_kind_exits_2_naming_the_part() {
    let bad = COUNCIL_TAX.replace("\"value\": 2.99", "\"value\": 299");
    let (code, _, err) = audit_json(&dataset(&bad, SUM_CLAIM));
    assert_eq!(code, Some(2));
    assert!(
        err.contains("breakdowns.rise.parts[0].value: 299 is out of range; expected a percentage from 0 to 100"),
        "{err}"
    );
}

/// Derbyshire County Council, "How is council tax calculated?" (GBP million): 491.5 less 7.0,
/// 48.5 and 157.2 is 278.8 to be financed by council tax. Printed with the table's "Less"
/// rows added instead, the audit finds the gap and exits 1.
#[test]
fn a_budget_table_with_subtracted_rows_audits_as_printed() {
    let table = r#""breakdowns": {"ct": {"label": "Amount to be financed by council tax",
    "kind": "money", "unit": "gbp_millions", "decimals": 1, "total_value": 278.8, "total_decimals": 1,
    "parts": [{"label": "Actual budget requirement", "value": 491.5},
              {"label": "Less council tax", "value": 7.0, "subtract": true},
              {"label": "Less revenue support grant", "value": 48.5, "subtract": true},
              {"label": "Less national non-domestic rates", "value": 157.2, "subtract": true}],
    "quote": "Amount to be financed by council tax 278.8"}}"#;
    let claim =
        r#"{"id": "ct-sum", "kind": "sum", "breakdown": "ct", "text": "278.8", "quote": ""}"#;
    let (code, v, err) = audit_json(&dataset(table, claim));
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(v[0]["status"], "consistent");
    assert_eq!(v[0]["computed"], 278.8);
    let added = table.replace(", \"subtract\": true", "");
    let (code, v, _) = audit_json(&dataset(&added, claim));
    assert_eq!(code, Some(1));
    assert_eq!(v[0]["status"], "inconsistent");
    assert_eq!(v[0]["computed"], 704.2);
}

/// Nottinghamshire Fire and Rescue, Movement in Reserves Statement 2020/21 (GBP'000): total
/// reserves (508,535), "Increase (Decrease) in 2020/21 ... (11,594)", closing (620,129). As
/// printed the closing is impossible: the audit exits 1 and says so.
#[test]
fn a_stock_and_flow_with_an_impossible_closing_exits_1() {
    let flows = r#""flows": {"reserves": {"label": "Total Authority Reserves", "unit": "gbp_thousands",
    "opening": {"label": "Balance at 31 March 2020", "value": -508535, "decimals": 0},
    "inflows": [{"label": "Increase (Decrease) in 2020/21", "value": -11594, "decimals": 0}],
    "closing": {"label": "Balance at 31 March 2021", "value": -620129, "decimals": 0},
    "quote": "Balance at 31 March 2021 carried forward ... (620,129)"}}"#;
    let claim = r#"{"id": "reserves-flow", "kind": "stock_flow", "flow": "reserves", "text": "(620,129)", "quote": ""}"#;
    let (code, v, err) = audit_json(&dataset(flows, claim));
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(v[0]["status"], "inconsistent");
    assert_eq!(v[0]["computed"], -520_129.0);
    assert!(v[0]["reason"].as_str().unwrap().contains("impossible"));
    let (code, _, err) = audit_json(&dataset(
        &flows.replace("\"value\": -11594", "\"value\": 1.5e400"),
        claim,
    ));
    assert_eq!(code, Some(2));
    assert!(err.contains("flows.reserves.inflows[0].value"), "{err}");
}

/// Wealden District Council, "How Council Tax is calculated": "GBP 7,000/870 = GBP 8.05".
#[test]
fn a_quotient_audits_and_a_zero_divisor_exits_2() {
    let calc = r#""calculations": {"band_d": {"label": "Band D council tax", "quote": "£7,000/870 = £8.05",
    "factors": [{"label": "Precept", "value": 7000, "unit": "gbp"}],
    "divisors": [{"label": "Tax base", "value": 870}],
    "result": {"label": "Band D", "value": 8.05, "decimals": 2, "unit": "gbp"}}}"#;
    let claim = r#"{"id": "band-d", "kind": "calculation", "calculation": "band_d", "text": "£8.05", "quote": ""}"#;
    let (code, v, err) = audit_json(&dataset(calc, claim));
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(v[0]["status"], "consistent");
    assert_eq!(v[0]["unit"], "GBP");
    let (code, v, _) = audit_json(&dataset(
        &calc.replace("\"value\": 8.05", "\"value\": 8.5"),
        claim,
    ));
    assert_eq!(code, Some(1));
    assert_eq!(v[0]["status"], "inconsistent");
    let (code, _, err) = audit_json(&dataset(
        &calc.replace("\"value\": 870", "\"value\": 0"),
        claim,
    ));
    assert_eq!(code, Some(2));
    assert!(
        err.contains("calculations.band_d.divisors[0].value: must be greater than zero"),
        "{err}"
    );
}
