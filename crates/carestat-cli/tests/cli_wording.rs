//! `carestat audit` on hedged and verbal figures (issue 12): the finding names the wording
//! it applied, and an unknown hedge word is exit 2 with the JSON path on stderr.
//!
//! Figures: Torbay's Local Account Summary 2023/24
//! (<https://www.torbay.gov.uk/council/policies/asc-policies/las-2324/las-performance>): "The
//! number of people who receive direct payments has increased by 19% (73) in 2023/24 on the
//! previous year, from 392 in 2022/23 to 465"; Birmingham's CQC assessment 2023 (seed):
//! "663 complaints ... almost 8% about staff conduct".

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run_stdin(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_carestat"))
        .args(args)
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

fn dataset(claims: &str) -> String {
    format!(
        r#"{{"format_version": 2, "area": {{"name": "Torbay Council"}},
  "period": {{"label": "2023/24", "start": "2023-04-01", "end": "2024-03-31"}},
  "counts": {{"dp": {{"label": "People receiving direct payments", "value": 465, "previous": 392,
                      "quote": "from 392 in 2022/23 to 465"}},
             "complaints": {{"label": "Complaints", "value": 663, "quote": "663 complaints"}}}},
  "claims": [{claims}]}}"#
    )
}

const ALMOST: &str = r#"{"id": "dp-almost", "kind": "change", "subject": "counts.dp", "unit": "percent",
  "stated": 19, "decimals": 0, "hedge": "almost", "text": "almost 19%", "quote": "-"},
 {"id": "staff", "kind": "share", "denominator": "counts.complaints", "stated": 8, "decimals": 0,
  "hedge": "almost", "text": "almost 8% about staff conduct", "quote": "-"}"#;

#[test]
fn hedged_findings_name_their_wording() {
    // +18.6% is "almost 19%" (17.1% to below 19%): consistent; the share is unchecked.
    let out = run_stdin(&["audit", "-", "--format", "json"], &dataset(ALMOST));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["status"], "consistent");
    assert_eq!(v[0]["wording"], "almost");
    assert!(v[0]["reason"].as_str().unwrap().contains("read as almost"));
    assert_eq!(v[1]["status"], "unchecked");
    assert!(v[1]["reason"]
        .as_str()
        .unwrap()
        .contains("of 663 is 48 to 53"));
    // "over 19%": 18.6% rounds to 19 but is not over it: exit 1.
    let over = ALMOST.replacen("\"almost\"", "\"over\"", 1);
    let out = run_stdin(&["audit", "-"], &dataset(&over));
    assert_eq!(out.status.code(), Some(1));
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.contains("dp-almost"), "{table}");
}

#[test]
fn an_unknown_hedge_word_is_exit_2_naming_the_path() {
    let bad = ALMOST.replacen("\"almost\"", "\"roughlyish\"", 1);
    let out = run_stdin(&["audit", "-"], &dataset(&bad));
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("claims[0].hedge: `roughlyish` is not a hedge word"),
        "{err}"
    );
}

#[test]
fn a_padded_decimal_is_its_own_reading() {
    // UK Parliament written question 146902 (2023): residential care homes rated Good in
    // 2022, "8,376 (80.0%)" of 10,479: 79.93%, which is 80% but not 80.0%.
    let json = r#"{"format_version": 2, "area": {"name": "England"},
  "period": {"label": "2022", "start": "2022-01-01", "end": "2022-12-31"},
  "counts": {"good": {"label": "Rated Good", "value": 8376, "quote": "8,376 (80.0%)"},
             "all": {"label": "Rated", "value": 10479, "quote": "10,479 (100.0%)"}},
  "claims": [{"id": "good", "kind": "share", "numerator": "counts.good", "denominator": "counts.all",
              "stated": 80.0, "decimals": 1, "text": "80.0%", "quote": "8,376 (80.0%)"}]}"#;
    let out = run_stdin(&["audit", "-", "--format", "json"], json);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["reading"], "padded");
    assert!(v[0]["reason"]
        .as_str()
        .unwrap()
        .contains("read as 80% (0 decimals)"));
}

#[test]
fn a_change_from_a_named_period() {
    // Safeguarding Adults 2019-20 (NHS Digital, as reported by Care Appointments): 475,560
    // concerns, "up 14.6% from 2018-19" (415,050 in 2018-19, Community Care).
    let json = r#"{"format_version": 2, "area": {"name": "England"},
  "period": {"label": "2019/20", "start": "2019-04-01", "end": "2020-03-31"},
  "counts": {"concerns": {"label": "Safeguarding concerns", "value": 475560,
    "earlier": [{"period": "2018/19", "value": 415050}], "quote": "475,560 reports"}},
  "claims": [{"id": "up", "kind": "change", "subject": "counts.concerns", "unit": "percent",
    "base_period": "2018/19", "stated": 14.6, "decimals": 1, "text": "up 14.6% from 2018-19", "quote": "-"}]}"#;
    let out = run_stdin(&["audit", "-", "--format", "json"], json);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["status"], "consistent");
    assert!(v[0]["reason"]
        .as_str()
        .unwrap()
        .starts_with("compared with 2018/19: 475,560 from 415,050"));
}
