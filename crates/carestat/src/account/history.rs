//! A figure's earlier values (format 2): `previous` with its own `previous_decimals` and
//! `previous_period`, values for other named periods (`earlier`), and the change claims that
//! compare with one of them (`base_period`: "50.7% higher than 2018/19").
//!
//! Every period is a label (`2018/19`, `2021`) before the figure's own period (its `period`,
//! or the dataset's); a figure has at most one value per period.

use crate::error::{Error, Field, Result};

use super::claims::{Claim, ClaimKind};
use super::dataset::Dataset;
use super::figures::{self, Figure, FigureKind};
use super::validate::{check_amount, check_decimals, check_label, check_percent};

fn invalid(path: impl Into<String>, reason: impl Into<String>) -> Error {
    Error::Invalid {
        field: Field::owned(path.into()),
        reason: reason.into().into(),
    }
}

/// What the checks need of one figure's history.
struct History<'a> {
    path: String,
    /// The figure's own period label.
    period: &'a str,
    has_previous: bool,
    previous_decimals: Option<i32>,
    previous_period: Option<&'a str>,
    /// (period, value, decimals) of each earlier value.
    earlier: Vec<(&'a str, f64, Option<i32>)>,
    /// `Some(min decimals)` for percentages and money; `None` for counts (no decimals).
    min_decimals: Option<i32>,
    percent: bool,
}

fn histories(ds: &Dataset) -> Vec<History<'_>> {
    let dataset_period = ds.period.label.as_str();
    let mut out = Vec::new();
    for (id, c) in &ds.counts {
        out.push(History {
            path: format!("counts.{id}"),
            period: c.period.as_deref().unwrap_or(dataset_period),
            has_previous: c.previous.is_some(),
            previous_decimals: None,
            previous_period: c.previous_period.as_deref(),
            #[allow(clippy::cast_precision_loss)] // counts far below 2^53
            earlier: c
                .earlier
                .iter()
                .map(|e| (e.period.as_str(), e.value as f64, None))
                .collect(),
            min_decimals: None,
            percent: false,
        });
    }
    for (id, p) in &ds.percentages {
        out.push(History {
            path: format!("percentages.{id}"),
            period: p.period.as_deref().unwrap_or(dataset_period),
            has_previous: p.previous.is_some(),
            previous_decimals: p.previous_decimals,
            previous_period: p.previous_period.as_deref(),
            earlier: p
                .earlier
                .iter()
                .map(|e| (e.period.as_str(), e.value, e.decimals))
                .collect(),
            min_decimals: Some(0),
            percent: true,
        });
    }
    for (id, m) in &ds.spend {
        out.push(History {
            path: format!("spend.{id}"),
            period: ds.period.label.as_str(),
            has_previous: m.previous.is_some(),
            previous_decimals: m.previous_decimals,
            previous_period: m.previous_period.as_deref(),
            earlier: m
                .earlier
                .iter()
                .map(|e| (e.period.as_str(), e.value, e.decimals))
                .collect(),
            min_decimals: Some(-6),
            percent: false,
        });
    }
    out
}

/// The JSON path of the first format-2 history field, if any.
pub(crate) fn version_2_field(ds: &Dataset) -> Option<String> {
    for h in histories(ds) {
        if h.previous_decimals.is_some() {
            return Some(format!("{}.previous_decimals", h.path));
        }
        if h.previous_period.is_some() {
            return Some(format!("{}.previous_period", h.path));
        }
        if !h.earlier.is_empty() {
            return Some(format!("{}.earlier", h.path));
        }
    }
    ds.claims
        .iter()
        .position(|c| c.base_period.is_some())
        .map(|i| format!("claims[{i}].base_period"))
}

/// `label` is a period before `own` (both valid labels): it starts earlier.
fn before(path: &str, label: &str, own: &str) -> Result<()> {
    let (start, _) = check_label(path, label)?;
    let own_start = check_label(path, own).map_or(i32::MAX, |(s, _)| s);
    if start < own_start {
        Ok(())
    } else {
        Err(invalid(
            path,
            format!("`{label}` is not before the figure's own period {own}"),
        ))
    }
}

/// Checks every figure's history and every claim's `base_period`. Errors name the path.
pub(crate) fn check(ds: &Dataset) -> Result<()> {
    for h in histories(ds) {
        let p = &h.path;
        if let Some(d) = h.previous_decimals {
            if !h.has_previous {
                return Err(invalid(
                    format!("{p}.previous_decimals"),
                    "is given without a previous value",
                ));
            }
            check_decimals(
                &format!("{p}.previous_decimals"),
                d,
                h.min_decimals.unwrap_or(0),
            )?;
        }
        let mut seen: Vec<&str> = Vec::new();
        if let Some(label) = h.previous_period {
            if !h.has_previous {
                return Err(invalid(
                    format!("{p}.previous_period"),
                    "is given without a previous value",
                ));
            }
            before(&format!("{p}.previous_period"), label, h.period)?;
            seen.push(label);
        }
        for (i, (label, value, decimals)) in h.earlier.iter().enumerate() {
            let at = format!("{p}.earlier[{i}]");
            before(&format!("{at}.period"), label, h.period)?;
            if seen.contains(label) {
                return Err(invalid(
                    format!("{at}.period"),
                    format!("{p} has a value for {label} already"),
                ));
            }
            seen.push(label);
            if h.percent {
                check_percent(&format!("{at}.value"), *value)?;
            } else {
                check_amount(&format!("{at}.value"), *value)?;
            }
            if let Some(d) = decimals {
                let Some(min) = h.min_decimals else {
                    return Err(invalid(
                        format!("{at}.decimals"),
                        "a count is a whole number: it has no decimals",
                    ));
                };
                check_decimals(&format!("{at}.decimals"), *d, min)?;
            }
        }
    }
    for (i, c) in ds.claims.iter().enumerate() {
        let Some(label) = &c.base_period else {
            continue;
        };
        let path = format!("claims[{i}].base_period");
        if !matches!(c.kind, ClaimKind::Change | ClaimKind::Direction) {
            return Err(invalid(
                path,
                format!("is not used by a {} claim", c.kind.name()),
            ));
        }
        let own = c.period.as_deref().unwrap_or(ds.period.label.as_str());
        before(&path, label, own)?;
    }
    Ok(())
}

/// The value of the figure `reference` (this period's, `counts.x`) in `period`, as the
/// document publishes it: its `previous` when that is for `period`, or an `earlier` value.
pub(crate) fn value_in(ds: &Dataset, reference: &str, period: &str) -> Option<Figure> {
    let r = figures::parse(reference)?;
    let label = |l: &str| format!("{l} ({period})");
    match r.section {
        "counts" => {
            let c = ds.counts.get(r.id)?;
            let value = if c.previous_period.as_deref() == Some(period) {
                c.previous?
            } else {
                c.earlier.iter().find(|e| e.period == period)?.value
            };
            #[allow(clippy::cast_precision_loss)] // counts far below 2^53
            Some(Figure::exact(
                &label(&c.label),
                FigureKind::Count,
                value as f64,
            ))
        }
        "percentages" => {
            let p = ds.percentages.get(r.id)?;
            let (value, d) = if p.previous_period.as_deref() == Some(period) {
                (p.previous?, p.previous_decimals.unwrap_or(p.decimals))
            } else {
                let e = p.earlier.iter().find(|e| e.period == period)?;
                (e.value, e.decimals.unwrap_or(p.decimals))
            };
            Some(Figure::rounded(
                &label(&p.label),
                FigureKind::Percentage,
                value,
                d,
            ))
        }
        "spend" => {
            let m = ds.spend.get(r.id)?;
            let (value, d) = if m.previous_period.as_deref() == Some(period) {
                (m.previous?, m.previous_decimals.unwrap_or(m.decimals))
            } else {
                let e = m.earlier.iter().find(|e| e.period == period)?;
                (e.value, e.decimals.unwrap_or(m.decimals))
            };
            Some(Figure::rounded(
                &label(&m.label),
                FigureKind::Money(m.unit),
                value,
                d,
            ))
        }
        _ => None,
    }
}

/// The value a change or direction claim compares with: the subject's value in the claim's
/// `base_period`, or last year's (published, or implied by an absolute change claim).
pub(crate) fn base_of(ds: &Dataset, c: &Claim, subject: &str) -> Option<Figure> {
    match &c.base_period {
        Some(period) => value_in(ds, subject, period),
        None => figures::previous_of(ds, subject),
    }
}
