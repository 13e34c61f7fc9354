//! Breakdowns: a total and the parts it is made of, of any figure kind.
//!
//! Format 1 had money and count breakdowns only, every part to one number of decimals.
//! Format 2 adds (all optional, so a version-1 breakdown reads as it did):
//! * `kind`: `count`, `percentage`, `money` or `rate`, when the total does not say it (a
//!   total given as a value, or no total at all for percentages of a whole);
//! * `total_value` with `total_decimals`: a total stated with the parts ("2.99% + 2% =
//!   4.99%"), instead of a reference to a figure (`total`), which may now also be a
//!   percentage; percentages with neither add up to 100;
//! * each part's own `decimals`;
//! * signed parts: `subtract: true` for a part printed as an amount taken away (income,
//!   savings: net = gross - income), and negative money values as printed in brackets
//!   ("(17)" is -17: an under-spend).
//!
//! A part that is not what its kind says (a count of 12.5, a percentage of 140, a negative
//! count) is an error naming the part's JSON path.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Field, Result};

use super::dataset::{Dataset, MoneyUnit};
use super::figures;

/// What the parts and the total of a breakdown are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartKind {
    /// Whole numbers of people, requests, ... (exact unless a part states its own decimals).
    Count,
    /// Percentages, each 0 to 100.
    Percentage,
    /// Money, in the breakdown's `unit` (or its total's); parts may be negative.
    Money,
    /// Rates on one population and multiplier (per 100,000, per 1,000).
    Rate,
}

impl PartKind {
    /// The kind's name as written in JSON.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Count => "count",
            Self::Percentage => "percentage",
            Self::Money => "money",
            Self::Rate => "rate",
        }
    }

    /// The kind of the figures of a dataset section (`counts`, `spend`, `percentages`).
    fn of_section(section: &str) -> Option<Self> {
        match section {
            "counts" => Some(Self::Count),
            "spend" => Some(Self::Money),
            "percentages" => Some(Self::Percentage),
            _ => None,
        }
    }
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_false(b: &bool) -> bool {
    !*b
}

/// One part of a breakdown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Part {
    /// What the part is.
    pub label: String,
    /// Its value, in the unit of the total, as printed: a bracketed "(17)" is `-17`.
    pub value: f64,
    /// Decimal places this part was stated to, when they differ from the breakdown's
    /// (format 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decimals: Option<i32>,
    /// The part is taken away from the others ("less income", "savings"), as a budget table
    /// prints it: net = gross - income (format 2).
    #[serde(default, skip_serializing_if = "is_false")]
    pub subtract: bool,
}

impl Part {
    /// A part with the breakdown's decimals, added.
    #[must_use]
    pub fn new(label: impl Into<String>, value: f64) -> Self {
        Self {
            label: label.into(),
            value,
            decimals: None,
            subtract: false,
        }
    }

    /// `value`, negated when the part is subtracted.
    #[must_use]
    pub fn signed_value(&self) -> f64 {
        if self.subtract {
            -self.value
        } else {
            self.value
        }
    }
}

/// A total broken down into parts ("GBP 101.1m for residential care, ...", "2.99% + 2% =
/// 4.99%", "Gross expenditure 491.5, less income ... = 278.8").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Breakdown {
    /// What is broken down, e.g. `Expenditure by service type`.
    pub label: String,
    /// What the parts are, when the total does not say (format 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<PartKind>,
    /// Reference to the total: `spend.<id>`, `counts.<id>` or (format 2) `percentages.<id>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<String>,
    /// The total as stated beside the parts, instead of `total` (format 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_value: Option<f64>,
    /// Decimal places `total_value` was stated to (default: exact) (format 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_decimals: Option<i32>,
    /// The unit of money parts given with `total_value` (format 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<MoneyUnit>,
    /// Decimal places each part was stated to, unless the part says otherwise; may be left
    /// out (format 2) when every part gives its own, or for counts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decimals: Option<i32>,
    /// The parts, in the document's order.
    pub parts: Vec<Part>,
    /// The sentence or list the parts were quoted from.
    pub quote: String,
}

impl Breakdown {
    /// A version-1 breakdown: parts of a referenced total, all to `decimals` places.
    #[must_use]
    pub fn new(
        label: impl Into<String>,
        total: impl Into<String>,
        decimals: i32,
        parts: Vec<Part>,
        quote: impl Into<String>,
    ) -> Self {
        Self {
            label: label.into(),
            kind: None,
            total: Some(total.into()),
            total_value: None,
            total_decimals: None,
            unit: None,
            decimals: Some(decimals),
            parts,
            quote: quote.into(),
        }
    }

    /// What the parts are: the declared `kind`, else the kind of the referenced total.
    #[must_use]
    pub fn part_kind(&self) -> Option<PartKind> {
        self.kind.or_else(|| {
            let r = figures::parse(self.total.as_deref()?)?;
            PartKind::of_section(r.section)
        })
    }

    /// The decimals part `i` was stated to (its own, else the breakdown's); `None` for an
    /// exact count.
    #[must_use]
    pub fn part_decimals(&self, i: usize) -> Option<i32> {
        let own = self.parts.get(i).and_then(|p| p.decimals);
        if self.part_kind() == Some(PartKind::Count) {
            own
        } else {
            own.or(self.decimals)
        }
    }

    /// The money unit: the referenced total's, else `unit`.
    pub(crate) fn money_unit(&self, ds: &Dataset) -> Option<MoneyUnit> {
        let total = self.total.as_deref().and_then(figures::parse);
        match total {
            Some(r) if r.section == "spend" => ds.spend.get(r.id).map(|m| m.unit),
            _ => self.unit,
        }
    }
}

fn at(path: impl Into<String>) -> Field {
    Field::owned(path)
}

fn invalid(path: impl Into<String>, reason: impl Into<std::borrow::Cow<'static, str>>) -> Error {
    Error::Invalid {
        field: at(path),
        reason: reason.into(),
    }
}

/// The JSON path of the first field of the dataset's breakdowns only format 2 has.
pub(crate) fn version_2_field(ds: &Dataset) -> Option<String> {
    for (id, b) in &ds.breakdowns {
        let path = format!("breakdowns.{id}");
        let fields = [
            ("kind", b.kind.is_some()),
            ("total_value", b.total_value.is_some()),
            ("total_decimals", b.total_decimals.is_some()),
            ("unit", b.unit.is_some()),
        ];
        if let Some((name, _)) = fields.iter().find(|f| f.1) {
            return Some(format!("{path}.{name}"));
        }
        if b.total
            .as_deref()
            .and_then(figures::parse)
            .is_some_and(|r| r.section == "percentages")
        {
            return Some(format!("{path}.total"));
        }
        for (i, p) in b.parts.iter().enumerate() {
            if p.decimals.is_some() {
                return Some(format!("{path}.parts[{i}].decimals"));
            }
            if p.subtract {
                return Some(format!("{path}.parts[{i}].subtract"));
            }
        }
    }
    None
}

/// Checks breakdown `id`: its total, its kind, and every part against the kind. Errors name
/// the JSON path.
pub(crate) fn check(ds: &Dataset, id: &str, b: &Breakdown) -> Result<()> {
    let path = format!("breakdowns.{id}");
    let kind = check_total(ds, &path, b)?;
    match (kind, b.unit) {
        (PartKind::Money, None) if b.total.is_none() => {
            return Err(invalid(
                format!("{path}.unit"),
                "is required for money parts with a `total_value` (gbp, gbp_thousands, ...)",
            ));
        }
        (PartKind::Money, Some(u)) => {
            if let Some(m) = b.total.as_deref().and_then(|t| {
                let r = figures::parse(t)?;
                ds.spend.get(r.id)
            }) {
                if m.unit != u {
                    return Err(invalid(
                        format!("{path}.unit"),
                        format!(
                            "is {} but the total {} is in {}",
                            u.label(),
                            b.total.as_deref().unwrap_or_default(),
                            m.unit.label()
                        ),
                    ));
                }
            }
        }
        (k, Some(_)) if k != PartKind::Money => {
            return Err(invalid(
                format!("{path}.unit"),
                format!("is for money parts, not {} parts", k.name()),
            ));
        }
        _ => {}
    }
    if let Some(d) = b.decimals {
        check_decimals_of(kind, &format!("{path}.decimals"), d)?;
    } else if kind != PartKind::Count && b.parts.iter().any(|p| p.decimals.is_none()) {
        let i = b
            .parts
            .iter()
            .position(|p| p.decimals.is_none())
            .unwrap_or(0);
        return Err(invalid(
            format!("{path}.decimals"),
            format!(
                "is required: part {i} gives no decimals of its own (give `decimals` here or on every part)"
            ),
        ));
    }
    if b.parts.is_empty() {
        return Err(Error::TooFew {
            field: at(format!("{path}.parts")),
            needed: 1,
            found: 0,
        });
    }
    for (i, part) in b.parts.iter().enumerate() {
        let p = format!("{path}.parts[{i}]");
        if let Some(d) = part.decimals {
            check_decimals_of(kind, &format!("{p}.decimals"), d)?;
        }
        check_value(
            ds.format_version,
            kind,
            &format!("{p}.value"),
            part.value,
            b.part_decimals(i),
        )?;
    }
    Ok(())
}

/// The total's reference or value against the kind; returns the parts' kind.
fn check_total(ds: &Dataset, path: &str, b: &Breakdown) -> Result<PartKind> {
    let tpath = format!("{path}.total");
    let referenced = match &b.total {
        Some(t) => {
            let r = figures::parse(t)
                .filter(|r| !r.previous && PartKind::of_section(r.section).is_some())
                .filter(|_| figures::exists(ds, t));
            let Some(r) = r else {
                return Err(Error::Unknown {
                    field: at(tpath),
                    kind: "figure".into(),
                    id: t.clone(),
                });
            };
            PartKind::of_section(r.section)
        }
        None => None,
    };
    if b.total.is_some() && b.total_value.is_some() {
        return Err(invalid(
            format!("{path}.total_value"),
            "give the total as a reference (`total`) or as a value (`total_value`), not both",
        ));
    }
    if b.total_decimals.is_some() && b.total_value.is_none() {
        return Err(invalid(
            format!("{path}.total_decimals"),
            "is the decimals of `total_value`, which is not given",
        ));
    }
    let kind = match (b.kind, referenced) {
        (Some(k), Some(r)) if k != r => {
            return Err(invalid(
                format!("{path}.kind"),
                format!(
                    "is {} but the total {} is a {} figure",
                    k.name(),
                    b.total.as_deref().unwrap_or_default(),
                    r.name()
                ),
            ));
        }
        (Some(k), _) | (None, Some(k)) => k,
        (None, None) => {
            return Err(invalid(
                format!("{path}.kind"),
                "is required when the total is not a reference (count, percentage, money or rate)",
            ));
        }
    };
    if b.total.is_none() && b.total_value.is_none() && kind != PartKind::Percentage {
        return Err(invalid(
            tpath,
            format!(
                "is required for {} parts (a reference, or `total_value`); only percentages of a whole may leave it out (they add up to 100)",
                kind.name()
            ),
        ));
    }
    if let Some(v) = b.total_value {
        if let Some(d) = b.total_decimals {
            check_decimals_of(kind, &format!("{path}.total_decimals"), d)?;
        }
        check_value(
            ds.format_version,
            kind,
            &format!("{path}.total_value"),
            v,
            b.total_decimals,
        )?;
    }
    Ok(kind)
}

fn check_decimals_of(kind: PartKind, path: &str, d: i32) -> Result<()> {
    let max = if kind == PartKind::Count { 0 } else { 6 };
    if (-6..=max).contains(&d) {
        Ok(())
    } else {
        Err(Error::OutOfRange {
            field: at(path),
            value: f64::from(d),
            expected: format!("-6 to {max} decimal places for a {} part", kind.name()).into(),
        })
    }
}

/// A part's (or a stated total's) value against the kind.
fn check_value(version: u32, kind: PartKind, path: &str, x: f64, d: Option<i32>) -> Result<()> {
    if !x.is_finite() {
        return Err(Error::NotFinite {
            field: at(path),
            value: x,
        });
    }
    let negative_ok = kind == PartKind::Money && version >= 2;
    if x < 0.0 && !negative_ok {
        let reason = match kind {
            PartKind::Money => {
                "must not be negative in format version 1 (format 2 takes bracketed money as negative)"
            }
            _ => "must not be negative: use `subtract: true` for a part taken away",
        };
        return Err(invalid(path, format!("{reason} (got {x})")));
    }
    match kind {
        PartKind::Count if x.fract() != 0.0 => Err(invalid(
            path,
            format!("a count part must be a whole number (got {x})"),
        )),
        PartKind::Count if d.is_some_and(|d| d < 0) && x % 10f64.powi(-d.unwrap_or(0)) != 0.0 => {
            Err(invalid(
                path,
                format!(
                    "is not a count rounded to {} decimal places (got {x})",
                    d.unwrap_or(0)
                ),
            ))
        }
        PartKind::Percentage if x > 100.0 => Err(Error::OutOfRange {
            field: at(path),
            value: x,
            expected: "a percentage from 0 to 100".into(),
        }),
        _ => Ok(()),
    }
}
