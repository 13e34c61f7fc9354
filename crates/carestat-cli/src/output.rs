//! The three output formats: JSON (the core's types as they serialise), CSV (one row per
//! finding or indicator, fixed columns), and terminal tables.

use carestat::account::{ClaimKind, Dataset, Finding, Indicator, Report, Status};
use carestat::round_half_away;
use serde::Serialize;

use crate::table::{render, Cell, Column};

/// Pretty JSON with a final newline.
pub fn json<T: Serialize + ?Sized>(value: &T) -> String {
    let mut s = serde_json::to_string_pretty(value).expect("carestat's types serialise");
    s.push('\n');
    s
}

const FINDING_COLUMNS: [&str; 20] = [
    "claim",
    "kind",
    "status",
    "text",
    "stated",
    "decimals",
    "computed",
    "computed_lower",
    "computed_upper",
    "unit",
    "reading",
    "implied_what",
    "implied",
    "implied_lower",
    "implied_upper",
    "reason",
    "quote",
    "combined",
    "wording",
    "readings",
];

const INDICATOR_COLUMNS: [&str; 13] = [
    "id",
    "kind",
    "label",
    "value",
    "lower",
    "upper",
    "unit",
    "current",
    "previous",
    "direction",
    "judgement",
    "method",
    "note",
];

/// One CSV field, quoted when it holds a comma, quote or line break (RFC 4180). A text cell
/// beginning with `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'` so that a
/// spreadsheet shows it rather than running it as a formula (OWASP CSV injection); numbers
/// are never changed.
fn csv_field(v: &serde_json::Value) -> String {
    let text = match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::Array(items) => {
            items.iter().map(list_item).collect::<Vec<_>>().join("; ")
        }
        serde_json::Value::String(s) if s.starts_with(['=', '+', '-', '@', '\t', '\r']) => {
            format!("'{s}")
        }
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// One item of a list cell: a claim id as it is; a reading as
/// `percent: 20 (0 to 44.44) within_rounding`.
fn list_item(item: &serde_json::Value) -> String {
    let number = |k: &str| match item.get(k) {
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => "none".to_owned(),
    };
    match item {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Object(o) if o.contains_key("reading") => format!(
            "{}: {} ({} to {}) {}",
            o["reading"].as_str().unwrap_or_default(),
            number("computed"),
            number("computed_lower"),
            number("computed_upper"),
            o.get("holds").and_then(|h| h.as_str()).unwrap_or_default()
        ),
        other => other.to_string(),
    }
}

fn csv<T: Serialize>(columns: &[&str], rows: &[T]) -> String {
    let mut out = columns.join(",");
    out.push_str("\r\n");
    for row in rows {
        let value = serde_json::to_value(row).expect("carestat's types serialise");
        let fields: Vec<String> = columns
            .iter()
            .map(|c| csv_field(value.get(*c).unwrap_or(&serde_json::Value::Null)))
            .collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}

/// Findings as CSV.
pub fn findings_csv(findings: &[Finding]) -> String {
    csv(&FINDING_COLUMNS, findings)
}

/// Indicators as CSV.
pub fn indicators_csv(indicators: &[Indicator]) -> String {
    csv(&INDICATOR_COLUMNS, indicators)
}

/// A number to `d` decimals, rounded half away from zero.
fn fixed(x: f64, d: i32) -> String {
    let d = d.clamp(0, 6);
    format!("{:.*}", d as usize, round_half_away(x, d))
}

/// Decimals to show a computed value next to a figure stated to `d` places: one more, or
/// more while the shown value would round differently (269.488 shows as 269.49, not 269.5).
fn detail_decimals(x: f64, d: i32) -> i32 {
    let target = round_half_away(x, d);
    let mut k = d + 1;
    while k < d + 4 && round_half_away(round_half_away(x, k), d) != target {
        k += 1;
    }
    k
}

/// Decimals that show a value sensibly: fewer for large values.
fn auto_decimals(x: f64) -> i32 {
    match x.abs() {
        a if a >= 1000.0 => 0,
        a if a >= 10.0 => 1,
        _ => 2,
    }
}

fn with_unit(value: String, unit: &str) -> String {
    match unit {
        "" => value,
        "%" => format!("{value}%"),
        u => format!("{value} {u}"),
    }
}

/// The audit as a table: a heading line with the counts, then one row per claim.
pub fn findings_table(ds: &Dataset, findings: &[Finding], width: usize, color: bool) -> String {
    let count = |s: Status| findings.iter().filter(|f| f.status == s).count();
    let mut out = format!(
        "Audit of {} {} ({} {}: {} consistent, {} inconsistent, {} ambiguous, {} unchecked)\n\n",
        crate::table::escape_controls(&ds.area.name),
        crate::table::escape_controls(&ds.period.label),
        findings.len(),
        if findings.len() == 1 {
            "claim"
        } else {
            "claims"
        },
        count(Status::Consistent),
        count(Status::Inconsistent),
        count(Status::Ambiguous),
        count(Status::Unchecked)
    );
    let columns = [
        Column {
            header: "CLAIM",
            wrap: false,
            right: false,
        },
        Column {
            header: "STATUS",
            wrap: false,
            right: false,
        },
        Column {
            header: "STATED",
            wrap: false,
            right: true,
        },
        Column {
            header: "COMPUTED",
            wrap: false,
            right: true,
        },
        Column {
            header: "REASON",
            wrap: true,
            right: false,
        },
    ];
    let rows: Vec<Vec<Cell>> = findings
        .iter()
        .map(|f| {
            let d = f.decimals.unwrap_or(0);
            let unit = if f.unit == "points" {
                "pts"
            } else {
                f.unit.as_str()
            };
            let unit = if unit.starts_with("per ") { "" } else { unit };
            let stated = f
                .stated
                .map_or_else(String::new, |s| with_unit(fixed(s, d), unit));
            let exact = matches!(f.kind, ClaimKind::Direction | ClaimKind::Sum);
            let computed = f
                .computed
                .filter(|c| c.is_finite())
                .map_or_else(String::new, |c| {
                    with_unit(
                        fixed(c, if exact { d } else { detail_decimals(c, d) }),
                        unit,
                    )
                });
            let status_color = match f.status {
                Status::Consistent => "32",
                Status::Inconsistent => "1;31",
                Status::Ambiguous => "35",
                Status::Unchecked => "33",
            };
            vec![
                Cell::from(f.claim.clone()),
                Cell {
                    text: f.status.label().to_owned(),
                    color: color.then_some(status_color),
                },
                Cell::from(stated),
                Cell::from(computed),
                Cell::from(f.reason.clone()),
            ]
        })
        .collect();
    out.push_str(&render(&columns, &rows, width));
    out
}

/// The report as a table.
pub fn report_table(r: &Report, width: usize) -> String {
    let mut out = format!(
        "Report of {} {} ({} indicators; intervals are 95% confidence intervals, or the range the stated rounding allows)\n\n",
        crate::table::escape_controls(&r.area),
        crate::table::escape_controls(&r.period),
        r.indicators.len()
    );
    let columns = [
        Column {
            header: "INDICATOR",
            wrap: true,
            right: false,
        },
        Column {
            header: "KIND",
            wrap: false,
            right: false,
        },
        Column {
            header: "VALUE",
            wrap: false,
            right: true,
        },
        Column {
            header: "INTERVAL",
            wrap: false,
            right: false,
        },
        Column {
            header: "JUDGEMENT",
            wrap: false,
            right: false,
        },
        Column {
            header: "NOTE",
            wrap: true,
            right: false,
        },
    ];
    let rows: Vec<Vec<Cell>> = r
        .indicators
        .iter()
        .map(|i| {
            let d = i.value.map_or(1, auto_decimals);
            let unit = if i.unit == "points" {
                "pts"
            } else {
                i.unit.as_str()
            };
            let unit_short = if unit.starts_with("per ") { "" } else { unit };
            let value = i
                .value
                .map_or_else(String::new, |v| with_unit(fixed(v, d), unit_short));
            let interval = match (i.lower, i.upper) {
                (Some(lo), Some(hi)) => format!("{} to {}", fixed(lo, d), fixed(hi, d)),
                _ => String::new(),
            };
            let judgement = match (&i.direction, i.judgement) {
                (Some(dir), Some(j)) => format!("{dir}, {}", j.label()),
                (Some(dir), None) => dir.clone(),
                _ => String::new(),
            };
            let kind = serde_json::to_value(i.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default()
                .replace('_', " ");
            let mut note = i.note.clone();
            if unit.starts_with("per ") {
                note = format!("{unit}; {note}");
            }
            vec![
                Cell::from(format!("{} [{}]", i.label, i.id)),
                Cell::from(kind),
                Cell::from(value),
                Cell::from(interval),
                Cell::from(judgement),
                Cell::from(note),
            ]
        })
        .collect();
    out.push_str(&render(&columns, &rows, width));
    out
}
