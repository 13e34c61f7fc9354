//! Shared helpers for the oracle tests: a small CSV reader for the PHEindicatormethods fixtures
//! in `tests/data/phe/` and a relative-tolerance comparison that treats missing as missing.
#![allow(dead_code)]

use std::collections::HashMap;
use std::path::PathBuf;

/// Path of a file under the repository's `tests/data/`.
pub fn data_path(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data")
        .join(relative)
}

/// One CSV row, by column name.
pub struct Row(pub HashMap<String, String>);

impl Row {
    /// The raw text of a column.
    pub fn text(&self, column: &str) -> &str {
        self.0
            .get(column)
            .unwrap_or_else(|| panic!("no column {column}"))
            .as_str()
    }

    /// A numeric column; an empty cell or `NA` is NaN (missing).
    pub fn num(&self, column: &str) -> f64 {
        let t = self.text(column).trim();
        if t.is_empty() || t == "NA" {
            f64::NAN
        } else {
            t.parse()
                .unwrap_or_else(|_| panic!("column {column}: not a number: {t}"))
        }
    }
}

/// Splits one CSV line, honouring double quotes.
fn split_line(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(std::mem::take(&mut field)),
            _ => field.push(c),
        }
    }
    fields.push(field);
    fields
}

/// Reads a fixture CSV (with a header row) from `tests/data/phe/`.
pub fn read_phe(name: &str) -> Vec<Row> {
    let path = data_path(&format!("phe/{name}"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let header = split_line(lines.next().expect("header row"));
    lines
        .map(|line| {
            let cells = split_line(line);
            Row(header
                .iter()
                .cloned()
                .zip(cells.into_iter().chain(std::iter::repeat(String::new())))
                .collect())
        })
        .collect()
}

/// Asserts `actual` agrees with `expected` within `rel` relative (absolute near zero);
/// both missing (NaN) counts as agreement.
#[track_caller]
pub fn assert_close(actual: f64, expected: f64, rel: f64, what: &str) {
    if expected.is_nan() {
        assert!(actual.is_nan(), "{what}: expected missing, got {actual}");
        return;
    }
    let scale = expected.abs().max(1e-300);
    let diff = (actual - expected).abs();
    assert!(
        diff <= rel * scale || diff <= 1e-15,
        "{what}: got {actual}, expected {expected} (relative difference {:e})",
        diff / scale
    );
}

/// Decimal places printed in a fixture cell (`"3.204264"` has 6).
pub fn printed_decimals(text: &str) -> i32 {
    let t = text.trim();
    let mantissa = t.split(['e', 'E']).next().unwrap_or(t);
    mantissa
        .split_once('.')
        .map_or(0, |(_, frac)| i32::try_from(frac.len()).unwrap_or(i32::MAX))
}

/// Like [`assert_close`] against a fixture cell, but a cell printed with few decimals (some
/// funnel fixtures keep 6) is matched to its printed precision: within `rel` relative or
/// within half a unit of its last printed decimal, whichever is wider.
#[track_caller]
pub fn assert_close_cell(actual: f64, row: &Row, column: &str, rel: f64, what: &str) {
    let text = row.text(column);
    let expected = row.num(column);
    if expected.is_nan() {
        assert!(
            actual.is_nan(),
            "{what} {column}: expected missing, got {actual}"
        );
        return;
    }
    let printed = 0.5 * 10f64.powi(-printed_decimals(text)) * (1.0 + 1e-9);
    let tol = (rel * expected.abs()).max(printed);
    assert!(
        (actual - expected).abs() <= tol,
        "{what} {column}: got {actual}, expected {text} (difference {:e}, tolerance {tol:e})",
        (actual - expected).abs()
    );
}

/// Like [`read_phe`] for the funnel fixtures written by Excel: strips a byte-order mark and
/// joins a header cell broken over two lines (`"Observed_events\n"`).
pub fn read_phe_excel(name: &str) -> Vec<Row> {
    let path = data_path(&format!("phe/{name}"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let text = text.trim_start_matches('\u{feff}').replace("\n\",", "\",");
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let header: Vec<String> = split_line(lines.next().expect("header row"))
        .into_iter()
        .map(|h| h.trim().to_string())
        .collect();
    lines
        .map(|line| {
            let cells = split_line(line);
            Row(header
                .iter()
                .cloned()
                .zip(cells.into_iter().chain(std::iter::repeat(String::new())))
                .collect())
        })
        .collect()
}
