//! Restatements (issue 12): the same figure printed twice in one document, or a figure of
//! another dataset file, equal within the rounding of both printings, or not.
//!
//! Sources:
//! * Worcestershire County Council, Local Account 2023/24 (seed 004,
//!   `examples/data/sources/worcestershire-local-account-2023-24.txt`): "In 2023/24
//!   Worcestershire County Council spent £309m on services for adults" (the challenges page)
//!   and "The gross Adult Social Care spend (minus any income we receive) was £309m in
//!   2023/24" (the budget page); "Worcestershire has an adult population of 485,737" (twice);
//!   "73% ... received a service to promote independence (an increase of 19% from last
//!   year" (activity data) and "73% of people who were referred to ASC received a service to
//!   promote independence which is an increase of 19% from last year" (Celebrating Success).
//! * NHS England, Safeguarding Adults, England, 2022-23, Introduction and Key Points, update
//!   of 16 November 2023
//!   (<https://digital.nhs.uk/data-and-information/publications/statistical/safeguarding-adults/2022-23/introduction-and-key-points>):
//!   "the total number of Safeguarding concerns has changed from 587,965 to 587,970". A
//!   document that quotes the first release restates a figure the corrected tables no longer
//!   hold: the cross-document case.

use std::path::{Path, PathBuf};

use carestat::account::{audit, Dataset, Finding, Status};

fn worcestershire(claims: &str) -> String {
    format!(
        r#"{{"format_version": 2, "area": {{"name": "Worcestershire County Council"}},
  "period": {{"label": "2023/24", "start": "2023-04-01", "end": "2024-03-31"}},
  "populations": {{"adults": {{"label": "Adult population", "value": 485737, "age_band": "18+",
    "quote": "Worcestershire has an adult population of 485,737."}}}},
  "percentages": {{"promote": {{"label": "Referred people receiving a service to promote independence",
    "value": 73, "decimals": 0, "quote": "73% ... received a service to promote independence"}}}},
  "spend": {{"gross": {{"label": "Gross adult social care spend", "value": 309, "unit": "gbp_millions",
    "decimals": 0, "quote": "The gross Adult Social Care spend (minus any income we receive) was £309m in 2023/24"}}}},
  "claims": [
    {{"id": "promote-change", "kind": "change", "subject": "percentages.promote", "unit": "percent",
      "stated": 19, "decimals": 0, "text": "an increase of 19% from last year", "quote": "-"}}{claims}]}}"#
    )
}

fn restate(id: &str, subject: &str, stated: f64, decimals: i32, extra: &str) -> String {
    format!(
        r#", {{"id": "{id}", "kind": "restatement", "subject": "{subject}", "stated": {stated},
      "decimals": {decimals}{extra}, "text": "-", "quote": "-"}}"#
    )
}

fn findings(json: &str) -> Vec<Finding> {
    let ds = Dataset::from_json_str(json).unwrap_or_else(|e| panic!("{e}"));
    audit(&ds).unwrap()
}

fn finding<'a>(fs: &'a [Finding], id: &str) -> &'a Finding {
    fs.iter().find(|f| f.claim == id).unwrap()
}

fn error(json: &str) -> String {
    Dataset::from_json_str(json)
        .expect_err("expected an error")
        .to_string()
}

/// A fresh folder for dataset files of one test.
fn folder(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "carestat-restatement-{}-{test}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn the_same_figure_on_two_pages_is_consistent() {
    let fs = findings(&worcestershire(
        &[
            // "spent £309m on services for adults" restates the budget page's £309m.
            restate("gross-restated", "spend.gross", 309.0, 0, ""),
            restate(
                "population-restated",
                "populations.adults",
                485_737.0,
                0,
                "",
            ),
            // The 19% printed again on the Celebrating Success page: another claim's number.
            restate(
                "promote-change-restated",
                "claims.promote-change",
                19.0,
                0,
                "",
            ),
        ]
        .concat(),
    ));
    let gross = finding(&fs, "gross-restated");
    assert_eq!(gross.status, Status::Consistent, "{}", gross.reason);
    assert_eq!(
        gross.reason,
        "GBP 309m here and GBP 309m in spend.gross ('Gross adult social care spend'): the same, as stated"
    );
    assert_eq!(gross.unit, "GBP m");
    // The restated figure's rounding: 309 to 0 decimals is 308.5 to 309.5.
    assert_eq!(
        (gross.computed, gross.computed_lower, gross.computed_upper),
        (Some(309.0), Some(308.5), Some(309.5))
    );
    assert_eq!(
        finding(&fs, "population-restated").status,
        Status::Consistent
    );
    let again = finding(&fs, "promote-change-restated");
    assert_eq!(again.status, Status::Consistent, "{}", again.reason);
    assert_eq!(again.combined, vec!["promote-change".to_owned()]);
}

#[test]
fn printed_to_other_decimals_agree_within_their_rounding() {
    // £309m (308.5 to 309.5) and £308.7m (308.65 to 308.75) can be one figure.
    let fs = findings(&worcestershire(&restate(
        "gross-to-1dp",
        "spend.gross",
        308.7,
        1,
        "",
    )));
    let f = finding(&fs, "gross-to-1dp");
    assert_eq!(f.status, Status::Consistent, "{}", f.reason);
    assert!(
        f.reason
            .contains("printed differently, but one figure can be both"),
        "{}",
        f.reason
    );
    assert!(
        f.reason.contains("GBP 308.5m to GBP 309.5m"),
        "{}",
        f.reason
    );
}

#[test]
fn a_figure_printed_two_ways_is_inconsistent() {
    // 485,737 and 485,773 (digits swapped) cannot be one count.
    let fs = findings(&worcestershire(&restate(
        "population-typo",
        "populations.adults",
        485_773.0,
        0,
        "",
    )));
    let f = finding(&fs, "population-typo");
    assert_eq!(f.status, Status::Inconsistent, "{}", f.reason);
    assert_eq!(
        f.reason,
        "485,773 here and 485,737 in populations.adults ('Adult population'): they differ by 36 \
         beyond the rounding of both: one figure cannot be printed both ways"
    );
    // £310m against £309m: 309.5 to 310.5 and 308.5 to 309.5 touch only at 309.5, which
    // rounds to 310, not to 309: the halves are open at the top.
    let fs = findings(&worcestershire(&restate(
        "gross-310",
        "spend.gross",
        310.0,
        0,
        "",
    )));
    assert_eq!(finding(&fs, "gross-310").status, Status::Inconsistent);
}

#[test]
fn a_restatement_of_another_file_reads_it_beside_the_dataset() {
    let dir = folder("other-file");
    // The corrected national tables (NHS England, 16 November 2023).
    write(
        &dir,
        "nhs-england-sac-2022-23.json",
        r#"{"format_version": 2, "area": {"name": "England", "code": "E92000001"},
  "period": {"label": "2022/23", "start": "2022-04-01", "end": "2023-03-31"},
  "counts": {"concerns": {"label": "Safeguarding concerns, England", "value": 587970,
    "quote": "the total number of Safeguarding concerns has changed from 587,965 to 587,970"}}}"#,
    );
    // A document quoting the first release, and one quoting the corrected figure.
    let quoting = |value: u32| {
        format!(
            r#"{{"format_version": 2, "area": {{"name": "England"}},
  "period": {{"label": "2022/23", "start": "2022-04-01", "end": "2023-03-31"}},
  "claims": [{{"id": "national-concerns", "kind": "restatement", "subject": "counts.concerns",
    "dataset": "nhs-england-sac-2022-23.json", "stated": {value}, "decimals": 0,
    "text": "{value} safeguarding concerns in England", "quote": "-"}}]}}"#
        )
    };
    let first = write(&dir, "first-release.json", &quoting(587_965));
    let ds = Dataset::from_path(&first).unwrap();
    let f = &audit(&ds).unwrap()[0];
    assert_eq!(f.status, Status::Inconsistent, "{}", f.reason);
    assert!(
        f.reason.starts_with(
            "587,965 here and 587,970 in nhs-england-sac-2022-23.json (counts.concerns, \
             'Safeguarding concerns, England'): they differ by 5"
        ),
        "{}",
        f.reason
    );
    let corrected = write(&dir, "corrected.json", &quoting(587_970));
    let f = &audit(&Dataset::from_path(&corrected).unwrap()).unwrap()[0];
    assert_eq!(f.status, Status::Consistent, "{}", f.reason);

    // Read from its text alone, the other file is not there: unchecked, saying how to read it.
    let ds = Dataset::from_json_str(&quoting(587_965)).unwrap();
    let f = &audit(&ds).unwrap()[0];
    assert_eq!(f.status, Status::Unchecked);
    assert!(f.reason.contains("which was not read"), "{}", f.reason);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn files_that_restate_each_other_are_read_once_and_do_not_loop() {
    let dir = folder("cycle");
    let naming = |other: &str| {
        format!(
            r#"{{"format_version": 2, "area": {{"name": "X"}},
  "period": {{"label": "2023/24", "start": "2023-04-01", "end": "2024-03-31"}},
  "counts": {{"n": {{"label": "N", "value": 10, "quote": "-"}}}},
  "claims": [{{"id": "n-again", "kind": "restatement", "subject": "counts.n", "dataset": "{other}",
    "stated": 10, "decimals": 0, "text": "-", "quote": "-"}}]}}"#
        )
    };
    let a = write(&dir, "a.json", &naming("b.json"));
    write(&dir, "b.json", &naming("a.json"));
    let ds = Dataset::from_path(&a).unwrap();
    assert!(
        ds.restated["b.json"].restated.is_empty(),
        "b's own restatements are not followed"
    );
    assert_eq!(audit(&ds).unwrap()[0].status, Status::Consistent);
    // A file naming itself is read as any other.
    let own = write(&dir, "self.json", &naming("self.json"));
    assert_eq!(
        audit(&Dataset::from_path(&own).unwrap()).unwrap()[0].status,
        Status::Consistent
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_missing_or_bad_other_file_is_an_error_naming_the_claim() {
    let dir = folder("errors");
    let naming = |subject: &str| {
        format!(
            r#"{{"format_version": 2, "area": {{"name": "X"}},
  "period": {{"label": "2023/24", "start": "2023-04-01", "end": "2024-03-31"}},
  "claims": [{{"id": "x", "kind": "restatement", "subject": "{subject}", "dataset": "other.json",
    "stated": 10, "decimals": 0, "text": "-", "quote": "-"}}]}}"#
        )
    };
    let path = write(&dir, "main.json", &naming("counts.n"));
    let e = Dataset::from_path(&path).unwrap_err().to_string();
    assert!(e.starts_with("claims[0].dataset: cannot read "), "{e}");
    assert!(e.contains("other.json"), "{e}");

    write(&dir, "other.json", "{\"format_version\": 2}");
    let e = Dataset::from_path(&path).unwrap_err().to_string();
    assert!(
        e.starts_with("claims[0].dataset: other.json is not a valid dataset: "),
        "{e}"
    );

    write(
        &dir,
        "other.json",
        r#"{"format_version": 2, "area": {"name": "Y"},
  "period": {"label": "2022/23", "start": "2022-04-01", "end": "2023-03-31"},
  "counts": {"m": {"label": "M", "value": 3, "quote": "-"}}}"#,
    );
    let e = Dataset::from_path(&path).unwrap_err().to_string();
    assert_eq!(e, "claims[0].subject: other.json has no figure `counts.n`");

    let e = Dataset::from_path(dir.join("absent.json"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("absent.json: cannot read the dataset: "), "{e}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn bad_restatements_are_errors_naming_the_json_path() {
    let bad = |claim: &str| error(&worcestershire(claim));
    assert_eq!(
        bad(&restate("r", "counts.nothing", 1.0, 0, "")),
        "claims[1].subject: unknown figure `counts.nothing`"
    );
    assert_eq!(
        bad(&restate("r", "claims.nothing", 1.0, 0, "")),
        "claims[1].subject: unknown claim `nothing`"
    );
    assert_eq!(
        bad(&restate("r", "claims.r", 1.0, 0, "")),
        "claims[1].subject: a claim cannot restate itself"
    );
    assert!(bad(&restate(
        "r",
        "claims.promote-change",
        1.0,
        0,
        r#", "dataset": "x.json""#
    ))
    .starts_with("claims[1].subject: `claims.promote-change` is not a figure reference"));
    assert!(
        bad(&restate("r", "spend.gross", 1.0, 0, r#", "dataset": " ""#))
            .starts_with("claims[1].dataset: must name a dataset file")
    );
    assert_eq!(
        bad(
            r#", {"id": "r", "kind": "restatement", "stated": 1, "decimals": 0, "text": "-", "quote": "-"}"#
        ),
        "claims[1].subject: is required for a restatement claim"
    );
    assert_eq!(
        bad(
            r#", {"id": "r", "kind": "restatement", "subject": "spend.gross", "stated": 1, "text": "-", "quote": "-"}"#
        ),
        "claims[1].decimals: is required for a restatement claim"
    );
    assert_eq!(
        bad(
            r#", {"id": "r", "kind": "direction", "subject": "spend.gross", "direction": "increase", "dataset": "x.json", "text": "-", "quote": "-"}"#
        ),
        "claims[1].dataset: is not used by a direction claim"
    );
    // A restatement is a format-2 kind.
    let v1 = worcestershire("").replace("\"format_version\": 2", "\"format_version\": 1");
    let v1 = v1.replace(
        "\"claims\": [",
        "\"claims\": [{\"id\": \"r\", \"kind\": \"restatement\", \"subject\": \"spend.gross\", \"stated\": 309, \"decimals\": 0, \"text\": \"-\", \"quote\": \"-\"}, ",
    );
    assert!(error(&v1).contains("claims[0].kind"), "{}", error(&v1));
}

#[test]
fn a_restatement_round_trips_to_the_bit() {
    let json = worcestershire(&restate(
        "r",
        "spend.gross",
        309.0,
        0,
        r#", "dataset": "last-year.json""#,
    ));
    let ds = Dataset::from_json_str(&json).unwrap();
    assert_eq!(Dataset::from_json_str(&ds.to_json_string()).unwrap(), ds);
    assert!(ds
        .to_json_string()
        .contains("\"dataset\": \"last-year.json\""));
}
