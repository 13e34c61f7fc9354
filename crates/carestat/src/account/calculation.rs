//! Products and quotients publications print (format 2): tax base x Band D charge, spend per
//! head, per-day figures from annual counts. A `calculations.<id>` entry multiplies its
//! `factors`, divides by its `divisors`, times `multiplier`, in the result's `unit`; each
//! input is a value as printed with its own decimals and unit. A `calculation` claim checks
//! the printed `result`.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Field, Result};

use super::dataset::Dataset;
use super::exact::Dec;

/// The unit of a calculation's input or result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CalcUnit {
    /// Pounds.
    Gbp,
    /// Thousands of pounds.
    GbpThousands,
    /// Millions of pounds.
    GbpMillions,
    /// Billions of pounds.
    GbpBillions,
    /// A percentage: 2% is 0.02 as a factor.
    Percent,
}

impl CalcUnit {
    /// What one of the unit is worth: 10^6 for `gbp_millions`, 0.01 for `percent`.
    pub(crate) const fn scale(self) -> Dec {
        match self {
            Self::Gbp => Dec::new(1, 0),
            Self::GbpThousands => Dec::new(1, 3),
            Self::GbpMillions => Dec::new(1, 6),
            Self::GbpBillions => Dec::new(1, 9),
            Self::Percent => Dec::new(1, -2),
        }
    }

    /// How a value in the unit prints: (prefix, suffix).
    pub(crate) const fn affixes(u: Option<Self>) -> (&'static str, &'static str) {
        match u {
            None => ("", ""),
            Some(Self::Gbp) => ("GBP ", ""),
            Some(Self::GbpThousands) => ("GBP ", "k"),
            Some(Self::GbpMillions) => ("GBP ", "m"),
            Some(Self::GbpBillions) => ("GBP ", "bn"),
            Some(Self::Percent) => ("", "%"),
        }
    }
}

/// One input or the result of a calculation, as printed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalcValue {
    /// What it is ("Council tax base", "Band D charge").
    pub label: String,
    /// The value as printed (not negative).
    pub value: f64,
    /// Decimal places it was stated to; left out: exact (a count, 365 days).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decimals: Option<i32>,
    /// Its unit; left out: a plain number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<CalcUnit>,
}

/// A product or quotient: `factors` multiplied, divided by `divisors`, times `multiplier`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Calculation {
    /// What is computed ("Band D council tax", "Spend per head").
    pub label: String,
    /// The values multiplied together (at least one).
    pub factors: Vec<CalcValue>,
    /// The values divided by (population, days in the year).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub divisors: Vec<CalcValue>,
    /// An exact multiplier (1,000 for "per 1,000 people"); default 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multiplier: Option<f64>,
    /// The result as printed, with its unit; left out: the audit reports what it would be.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<CalcValue>,
    /// The sentences the figures were quoted from.
    pub quote: String,
}

/// Checks calculation `id`. Errors name the JSON path.
pub(crate) fn check(id: &str, c: &Calculation) -> Result<()> {
    let path = format!("calculations.{id}");
    if c.factors.is_empty() {
        return Err(Error::TooFew {
            field: Field::owned(format!("{path}.factors")),
            needed: 1,
            found: 0,
        });
    }
    let inputs = c
        .factors
        .iter()
        .enumerate()
        .map(|(i, v)| (format!("{path}.factors[{i}]"), v, false))
        .chain(
            c.divisors
                .iter()
                .enumerate()
                .map(|(i, v)| (format!("{path}.divisors[{i}]"), v, true)),
        )
        .chain(
            c.result
                .iter()
                .map(|v| (format!("{path}.result"), v, false)),
        );
    for (p, v, divisor) in inputs {
        if !v.value.is_finite() {
            return Err(Error::NotFinite {
                field: Field::owned(format!("{p}.value")),
                value: v.value,
            });
        }
        if v.value < 0.0 || (divisor && v.value == 0.0) {
            return Err(Error::invalid(
                Field::owned(format!("{p}.value")),
                format!(
                    "must be {} (got {}): products and quotients are of amounts, counts and rates",
                    if divisor {
                        "greater than zero"
                    } else {
                        "zero or more"
                    },
                    v.value
                ),
            ));
        }
        if let Some(d) = v.decimals.filter(|d| !(-6..=6).contains(d)) {
            return Err(Error::OutOfRange {
                field: Field::owned(format!("{p}.decimals")),
                value: f64::from(d),
                expected: "-6 to 6 decimal places".into(),
            });
        }
    }
    if let Some(m) = c.multiplier.filter(|m| !(m.is_finite() && *m > 0.0)) {
        return Err(Error::NotPositive {
            field: Field::owned(format!("{path}.multiplier")),
            value: m,
        });
    }
    Ok(())
}

/// The JSON path of the first calculation (all of `calculations` is new in format 2).
pub(crate) fn version_2_field(ds: &Dataset) -> Option<String> {
    ds.calculations
        .keys()
        .next()
        .map(|id| format!("calculations.{id}"))
}
