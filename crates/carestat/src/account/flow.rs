//! Stock and flow (format 2): opening + inflows - outflows = closing, for waiting lists,
//! registers, caseloads (counts) and reserves (money). A `stock_flow` claim checks one
//! `flows.<id>` entry; each term is a value as printed with its decimals.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Field, Result};

use super::dataset::{Dataset, MoneyUnit};

/// One term of a stock and flow: a value as printed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlowTerm {
    /// What it is ("`DoLS` applications received").
    pub label: String,
    /// The value as printed; money may be negative ("(587)" is -587).
    pub value: f64,
    /// Decimal places it was stated to (negative for a count rounded to tens, hundreds);
    /// left out: exact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decimals: Option<i32>,
}

/// A stock at the start and the end of a period and the flows in and out between them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Flow {
    /// What the stock is ("People waiting for a `DoLS` assessment").
    pub label: String,
    /// The money unit for reserves and balances; left out: a count of people or cases.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<MoneyUnit>,
    /// The stock at the start; left out when the document does not give it (the audit
    /// reports the opening the others imply).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opening: Option<FlowTerm>,
    /// What came in (received, added, contributions).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inflows: Vec<FlowTerm>,
    /// What went out (completed, removed, withdrawn, drawn down).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outflows: Vec<FlowTerm>,
    /// The stock at the end; left out when not given (the implied closing is reported).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closing: Option<FlowTerm>,
    /// The sentences the figures were quoted from.
    pub quote: String,
}

impl Flow {
    /// Every term with its JSON path suffix and sign (+1 opening and inflows, -1 outflows;
    /// the closing is `0`).
    pub(crate) fn terms(&self) -> Vec<(String, &FlowTerm, i8)> {
        let mut out = Vec::new();
        if let Some(t) = &self.opening {
            out.push(("opening".to_owned(), t, 1));
        }
        for (i, t) in self.inflows.iter().enumerate() {
            out.push((format!("inflows[{i}]"), t, 1));
        }
        for (i, t) in self.outflows.iter().enumerate() {
            out.push((format!("outflows[{i}]"), t, -1));
        }
        if let Some(t) = &self.closing {
            out.push(("closing".to_owned(), t, 0));
        }
        out
    }
}

/// Checks flow `id`: at most one of opening and closing missing, at least one flow, and every
/// term a finite value of the flow's kind. Errors name the JSON path.
pub(crate) fn check(id: &str, f: &Flow) -> Result<()> {
    let path = format!("flows.{id}");
    if f.opening.is_none() && f.closing.is_none() {
        return Err(Error::invalid(
            Field::owned(format!("{path}.closing")),
            "is required when `opening` is not given (one of them may be left out, not both)",
        ));
    }
    if f.inflows.is_empty() && f.outflows.is_empty() {
        return Err(Error::TooFew {
            field: Field::owned(format!("{path}.inflows")),
            needed: 1,
            found: 0,
        });
    }
    let money = f.unit.is_some();
    for (name, t, _) in f.terms() {
        let p = format!("{path}.{name}");
        if !t.value.is_finite() {
            return Err(Error::NotFinite {
                field: Field::owned(format!("{p}.value")),
                value: t.value,
            });
        }
        let max = if money { 6 } else { 0 };
        if let Some(d) = t.decimals.filter(|d| !(-6..=max).contains(d)) {
            return Err(Error::OutOfRange {
                field: Field::owned(format!("{p}.decimals")),
                value: f64::from(d),
                expected: format!("-6 to {max} decimal places").into(),
            });
        }
        if !money {
            if t.value < 0.0 {
                return Err(Error::invalid(
                    Field::owned(format!("{p}.value")),
                    format!(
                        "a count in a stock and flow must not be negative (got {}): money flows give a `unit`",
                        t.value
                    ),
                ));
            }
            if t.value.fract() != 0.0 {
                return Err(Error::invalid(
                    Field::owned(format!("{p}.value")),
                    format!("a count must be a whole number (got {})", t.value),
                ));
            }
        }
    }
    Ok(())
}

/// The JSON path of the first flow (all of `flows` is new in format 2).
pub(crate) fn version_2_field(ds: &Dataset) -> Option<String> {
    ds.flows.keys().next().map(|id| format!("flows.{id}"))
}
