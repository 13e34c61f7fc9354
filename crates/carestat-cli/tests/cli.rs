//! The `carestat` command as a user runs it: exit statuses, formats, errors on stderr.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn data(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/data")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_carestat"))
        .args(args)
        .env("COLUMNS", "120")
        .output()
        .unwrap()
}

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

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

const CONSISTENT: &str = r#"{"format_version": 1, "area": {"name": "X"},
  "period": {"label": "2023/24", "start": "2023-04-01", "end": "2024-03-31"},
  "counts": {"c": {"label": "c", "value": 1305, "previous": 1141, "quote": ""}},
  "claims": [{"id": "up", "kind": "direction", "subject": "counts.c", "direction": "increase",
              "text": "1305 compared to 1141", "quote": ""}]}"#;

#[test]
fn audit_of_a_real_local_account_exits_1_and_names_the_findings() {
    let out = run(&["audit", &data("birmingham-2022-23.json")]);
    assert_eq!(out.status.code(), Some(1));
    let s = text(&out.stdout);
    assert!(
        s.contains("Audit of Birmingham City Council 2022/23"),
        "{s}"
    );
    for id in ["care-homes-share", "spend-by-service-sum"] {
        let line = s.lines().find(|l| l.starts_with(id)).unwrap();
        assert!(line.contains("inconsistent"), "{line}");
    }
    assert!(s.lines().all(|l| l.chars().count() <= 120));
}

#[test]
fn audit_of_cqc_evidence_finds_the_unit_error() {
    let out = run(&[
        "audit",
        &data("birmingham-cqc-2023.json"),
        "--format",
        "json",
    ]);
    // "3.2% per 100,000 residents": a rate of 3.23 per 100,000, not a percentage.
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let by_id = |id: &str| {
        v.as_array()
            .unwrap()
            .iter()
            .find(|f| f["claim"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(by_id("ombudsman-rate")["status"], "inconsistent");
    let rating = by_id("overall-rating");
    assert_eq!(rating["status"], "unchecked");
    assert_eq!(rating["kind"], "cqc_rating");
    // Good is 23..=31 of 36; Governance scored 3, so the other 8 must total 20..=28.
    assert_eq!(rating["implied_lower"], 20.0);
    assert_eq!(rating["implied_upper"], 28.0);
}

#[test]
fn audit_json_has_the_documented_fields() {
    let out = run(&[
        "audit",
        &data("worcestershire-2023-24.json"),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = v.as_array().unwrap();
    assert_eq!(findings.len(), 17);
    for f in findings {
        for key in ["claim", "stated", "computed", "status", "reason"] {
            assert!(f.get(key).is_some(), "{key} missing in {f}");
        }
        let status = f["status"].as_str().unwrap();
        assert!(["consistent", "inconsistent", "unchecked"].contains(&status));
    }
    let lt = findings
        .iter()
        .find(|f| f["claim"] == "long-term-change")
        .unwrap();
    assert_eq!(lt["status"], "inconsistent");
    assert_eq!(lt["stated"], 1.0);
    assert_eq!(lt["computed"], 20.0);
}

#[test]
fn audit_csv_has_a_header_and_a_row_per_claim() {
    let out = run(&[
        "audit",
        &data("worcestershire-2023-24.json"),
        "--format=csv",
    ]);
    let s = text(&out.stdout);
    let mut lines = s.lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("claim,kind,status,text,stated"));
    // Quoted fields may hold commas but not line breaks here: one line per claim.
    assert_eq!(lines.count(), 17);
}

#[test]
fn all_consistent_exits_0() {
    let out = run_stdin(&["audit", "-"], CONSISTENT);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("1 consistent, 0 inconsistent"));
}

#[test]
fn report_exits_0_in_every_format() {
    for format in ["table", "json", "csv"] {
        let out = run(&[
            "report",
            &data("birmingham-2022-23.json"),
            "--format",
            format,
        ]);
        assert_eq!(out.status.code(), Some(0), "{format}");
        assert!(!out.stdout.is_empty());
    }
    let out = run(&[
        "report",
        &data("worcestershire-2023-24.json"),
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["area"], "Worcestershire County Council");
    assert!(v["indicators"].as_array().unwrap().len() > 10);
}

#[test]
fn bad_input_exits_2_with_the_json_path_on_stderr() {
    let bad = CONSISTENT.replace("\"value\": 1305", "\"value\": -1305");
    let out = run_stdin(&["audit", "-"], &bad);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = text(&out.stderr);
    assert!(
        err.contains("counts.c.value: must not be negative"),
        "{err}"
    );

    let out = run_stdin(&["audit", "-"], "{not json");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("line 1"));

    let out = run(&["audit", "/nonexistent/dataset.json"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    assert_eq!(run(&[]).status.code(), Some(2));
    assert_eq!(run(&["audit"]).status.code(), Some(2));
    assert_eq!(
        run(&["audit", "x", "--format", "xml"]).status.code(),
        Some(2)
    );
    let out = run(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("usage: carestat"));
    assert!(text(&run(&["--version"]).stdout).starts_with("carestat "));
}

#[test]
fn non_utf8_arguments_exit_2_without_a_panic() {
    use std::os::unix::ffi::OsStrExt;
    let bad = std::ffi::OsStr::from_bytes(b"\xff\xfe.json");
    for args in [
        vec![std::ffi::OsStr::new("audit"), bad],
        vec![bad],
        vec![
            std::ffi::OsStr::new("audit"),
            std::ffi::OsStr::new("x"),
            std::ffi::OsStr::new("--format"),
            bad,
        ],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_carestat"))
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(text(&out.stderr).starts_with("carestat: "), "{args:?}");
    }
}

#[test]
fn a_full_stdout_is_exit_2_with_a_message() {
    for args in [
        vec!["--help".to_owned()],
        vec!["audit".to_owned(), data("birmingham-2022-23.json")],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_carestat"))
            .args(&args)
            .stdout(std::fs::File::create("/dev/full").unwrap())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(text(&out.stderr).contains("cannot write"), "{args:?}");
        // stderr full too: still exit 2, no panic.
        let out = Command::new(env!("CARGO_BIN_EXE_carestat"))
            .args(&args)
            .stdout(std::fs::File::create("/dev/full").unwrap())
            .stderr(std::fs::File::create("/dev/full").unwrap())
            .status()
            .unwrap();
        assert_eq!(out.code(), Some(2), "{args:?}");
    }
}

#[test]
fn endless_input_is_refused_at_the_limit() {
    let out = run(&["audit", "/dev/zero"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("/dev/zero: larger than the limit"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_utf8_bom_is_accepted() {
    let out = run_stdin(&["audit", "-"], &format!("\u{feff}{CONSISTENT}"));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn csv_text_cells_that_look_like_formulas_are_neutralised() {
    let ds = CONSISTENT.replace(r#""label": "c""#, r#""label": "=HYPERLINK(\"x\")""#);
    let out = run_stdin(&["report", "-", "--format", "csv"], &ds);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    assert!(s.contains(r#""'=HYPERLINK(""x"")""#), "{s}");
    assert!(
        !s.contains(",=HYPERLINK") && !s.contains("\"=HYPERLINK"),
        "{s}"
    );
}

#[test]
fn escape_sequences_in_dataset_strings_are_shown_escaped() {
    let ds = CONSISTENT.replace(r#""name": "X""#, r#""name": "X\u001b[2J""#);
    let out = run_stdin(&["audit", "-"], &ds);
    let s = text(&out.stdout);
    assert!(!s.contains('\u{1b}'), "{s:?}");
    assert!(s.contains(r"X\u{1b}[2J"), "{s}");
}
