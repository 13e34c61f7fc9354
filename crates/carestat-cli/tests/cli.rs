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
    assert_eq!(findings.len(), 34);
    for f in findings {
        for key in ["claim", "stated", "computed", "status", "reason"] {
            assert!(f.get(key).is_some(), "{key} missing in {f}");
        }
        let status = f["status"].as_str().unwrap();
        assert!(["consistent", "inconsistent", "ambiguous", "unchecked"].contains(&status));
    }
    let lt = findings
        .iter()
        .find(|f| f["claim"] == "long-term-change")
        .unwrap();
    assert_eq!(lt["status"], "ambiguous");
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
    assert_eq!(lines.count(), 34);
    assert!(s
        .lines()
        .next()
        .unwrap()
        .ends_with(",reason,quote,combined,wording,readings"));
    // "6% ... a 1% increase on last year's 5%": both readings in one cell, each with its
    // range over the rounding of 5% and 6% (relative 5.5 / 5.5 - 1 = 0 to 6.5 / 4.5 - 1 =
    // 44.4%; points 5.5 - 5.5 = 0 to 6.5 - 4.5 = 2).
    let lt = s
        .lines()
        .find(|l| l.starts_with("long-term-change,"))
        .unwrap();
    assert!(lt.starts_with("long-term-change,change,ambiguous,"), "{lt}");
    assert!(
        lt.ends_with(
            ",percent: 20.0 (0.0 to 44.44444444444444) within_rounding; points: 1.0 (0.0 to 2.0) at_face"
        ),
        "{lt}"
    );
    // Reasoning across claims: the claims a finding combined, in their own cell.
    let dols = s
        .lines()
        .find(|l| l.starts_with("dols-completed-rate-2022-23,"))
        .unwrap();
    assert!(dols.contains(",dols-completed-change,"), "{dols}");
}

/// tests/data/restatement/README.md: a dataset quoting NHS England's first release (587,965
/// safeguarding concerns) against the corrected national dataset beside it (587,970).
#[test]
fn a_restatement_of_another_file_is_read_beside_the_dataset() {
    let restated = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/restatement");
    let quoting = restated.join("quotes-first-release.json");
    let out = run(&["audit", quoting.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["kind"], "restatement");
    assert_eq!(v[0]["status"], "inconsistent");
    assert_eq!(v[0]["computed"], 587_970.0);

    // Alone in a folder, the file it restates is missing: exit 2, naming the claim.
    let dir = std::env::temp_dir().join(format!("carestat-cli-restated-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let lone = dir.join("quoting.json");
    std::fs::copy(&quoting, &lone).unwrap();
    let out = run(&["audit", lone.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("claims[0].dataset: cannot read"), "{err}");
    assert!(err.contains("nhs-england-sac-2022-23.json"), "{err}");
    std::fs::remove_dir_all(dir).unwrap();
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
#[cfg(target_os = "linux")]
fn a_closed_stdout_is_exit_2_with_a_message() {
    // Issue 16: with descriptor 1 closed, Rust's stdout swallowed the output and the audit
    // exited 0 (or 1) having written nothing.
    for args in [
        vec!["--help".to_owned()],
        vec!["audit".to_owned(), data("birmingham-2022-23.json")],
        vec!["report".to_owned(), data("birmingham-2022-23.json")],
    ] {
        let out = Command::new("sh")
            .arg("-c")
            .arg(r#"exec "$0" "$@" >&-"#)
            .arg(env!("CARGO_BIN_EXE_carestat"))
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            text(&out.stderr).contains("cannot write the output: standard output is closed"),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
    // `> /dev/null` is a choice to discard the output, not an error: the exit status stands.
    let out = Command::new(env!("CARGO_BIN_EXE_carestat"))
        .arg("--help")
        .stdout(std::fs::File::create("/dev/null").unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
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

/// A small Local Account as a council writes it (Birmingham's care homes, seed 000).
const DOCUMENT: &str = "Adult Social Care Local Account 2022/23\n\nCare Homes\n\n- There were 13 homes who were rated gold.\n- 432 homes were rated silver.\n- 123 homes rated bronze.\n- 7 homes were rated inadequate.\n- 1 home is not yet rated.\n\nThese means that 76% of Birmingham Care Homes are Outstanding or Good\n\nThere were 1,305 enquiries, compared to 1,141 last year (+14.4%).\n";

fn temp_file(name: &str, body: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("carestat-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, body).unwrap();
    p
}

#[test]
fn audit_of_a_document_gives_findings_with_spans_into_the_file() {
    let p = temp_file("account.txt", DOCUMENT);
    let out = run(&["audit", p.to_str().unwrap(), "--format", "json"]);
    // 445 / 576 = 77.3% is not 76%: exit 1.
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = findings.as_array().unwrap();
    assert_eq!(findings.len(), 2);
    for f in findings {
        let (s, e) = (
            f["span"]["start"].as_u64().unwrap() as usize,
            f["span"]["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&DOCUMENT[s..e], f["quote"].as_str().unwrap());
    }
    assert_eq!(findings[0]["status"], "inconsistent");
    assert_eq!(findings[1]["status"], "consistent"); // 1305 / 1141 = +14.37%
}

#[test]
fn a_document_is_told_from_a_dataset_by_content_not_name() {
    // A document named .json, and a dataset named .txt.
    let doc = temp_file("really-a-document.json", DOCUMENT);
    assert_eq!(
        run(&["audit", doc.to_str().unwrap()]).status.code(),
        Some(1)
    );
    let ds = temp_file("really-a-dataset.txt", CONSISTENT);
    let out = run(&["audit", ds.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let f: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(f[0]["claim"], "up");
}

#[test]
fn extract_prints_the_draft_and_what_it_did_not_understand() {
    let body = format!("{DOCUMENT}\nWe also ran 12 workshops.\n");
    let out = run_stdin(&["extract", "-"], &body);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let x: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(x["dataset"]["format_version"], 2);
    assert_eq!(x["dataset"]["ratings"]["care_homes"]["good"], 432);
    let nu = x["not_understood"].as_array().unwrap();
    assert_eq!(nu.len(), 1);
    assert_eq!(nu[0]["quote"], "We also ran 12 workshops.");
    // A dataset is not a document to extract.
    let out = run_stdin(&["extract", "-"], CONSISTENT);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn audit_of_a_document_as_html_highlights_its_claims() {
    let p = temp_file("page.md", DOCUMENT);
    let out = run(&["audit", p.to_str().unwrap(), "--format", "html"]);
    let page = text(&out.stdout);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert_eq!(page.matches("<mark").count(), 2, "{page}");
}

#[test]
fn upgrade_writes_version_2_changing_nothing_else() {
    // The bundled datasets as they were in format 1 (the bundled ones are format 2 now).
    let v1_data = |name: &str| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/data/format-1")
            .join(name)
            .to_string_lossy()
            .into_owned()
    };
    for name in ["birmingham-2022-23.json", "worcestershire-2023-24.json"] {
        let v1 = std::fs::read_to_string(v1_data(name)).unwrap();
        assert!(v1.contains("\"format_version\": 1"));
        let out = run(&["upgrade", &v1_data(name)]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        assert_eq!(
            text(&out.stdout),
            v1.replacen("\"format_version\": 1", "\"format_version\": 2", 1)
        );
    }
    // -o FILE writes the file instead; the upgraded file audits like the original.
    let dir = std::env::temp_dir().join(format!("carestat-upgrade-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let target = dir.join("v2.json");
    let target = target.to_str().unwrap();
    let out = run(&["upgrade", &v1_data("birmingham-2022-23.json"), "-o", target]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty());
    let a = run(&[
        "audit",
        &v1_data("birmingham-2022-23.json"),
        "--format",
        "json",
    ]);
    let b = run(&["audit", target, "--format", "json"]);
    assert_eq!(text(&a.stdout), text(&b.stdout));
    std::fs::remove_dir_all(&dir).unwrap();
    // Bad input names the JSON path; --output belongs to upgrade only.
    let out = run_stdin(
        &["upgrade", "-"],
        &CONSISTENT.replacen("\"format_version\": 1", "\"format_version\": 9", 1),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("format_version"),
        "{}",
        text(&out.stderr)
    );
    let out = run(&["audit", &data("birmingham-2022-23.json"), "-o", "x.json"]);
    assert_eq!(out.status.code(), Some(2));
}

/// Reasoning across claims through the CLI (issue 12): Worcestershire 2023/24's "WCC 618"
/// `DoLS` applications completed per 100,000 last year, tested against the 3,319 to 3,347
/// completed applications its "+18%" implies (3933 / 1.185 to 3933 / 1.175): 683.3 to 689.1
/// per 100,000 of 485,737 adults, not 618.
#[test]
fn audit_json_names_the_claims_a_finding_combined() {
    let out = run(&[
        "audit",
        &data("worcestershire-2023-24.json"),
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let dols = v
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["claim"] == "dols-completed-rate-2022-23")
        .unwrap();
    assert_eq!(dols["status"], "inconsistent");
    assert_eq!(
        dols["combined"],
        serde_json::json!(["dols-completed-change"])
    );
    assert!(dols["reason"].as_str().unwrap().contains("3,319 to 3,347"));
    // A finding that combined nothing has no `combined` field.
    let lt = v
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["claim"] == "long-term-change")
        .unwrap();
    assert!(lt.get("combined").is_none());
}

/// Figures that only imply each other: exit 2, the claim's JSON path on stderr.
#[test]
fn a_cycle_of_implied_figures_exits_2_naming_the_claim() {
    let cycle = r#"{"format_version": 2, "area": {"name": "X"},
      "period": {"label": "2023/24", "start": "2023-04-01", "end": "2024-03-31"},
      "counts": {"a": {"label": "Alerts", "value": 1100, "previous": 1351, "quote": ""},
                 "b": {"label": "Concerns", "value": 1100, "previous": 1351, "quote": ""},
                 "n": {"label": "Investigations", "value": 238, "quote": ""}},
      "populations": {"p": {"label": "Adults", "value": 220000, "age_band": "18+", "quote": ""}},
      "percentages": {"s": {"label": "Investigated", "value": 22, "decimals": 0, "quote": ""}},
      "claims": [
        {"id": "of-a", "kind": "share", "subject": "percentages.s", "numerator": "counts.n",
         "denominator": "counts.a", "stated": 22, "decimals": 0, "text": "", "quote": ""},
        {"id": "of-b", "kind": "share", "subject": "percentages.s", "numerator": "counts.n",
         "denominator": "counts.b", "stated": 22, "decimals": 0, "text": "", "quote": ""},
        {"id": "r", "kind": "rate", "numerator": "counts.n.previous", "denominator": "populations.p",
         "stated": 200, "decimals": 0, "text": "", "quote": ""}]}"#;
    let out = run_stdin(&["audit", "-"], cycle);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("claims[1].numerator"), "{err}");
    assert!(err.contains("cycle"), "{err}");
}
