//! Local Accounts: a council's published figures for a period, the indicators they give,
//! and the audit of every figure the document states.
//!
//! * [`Dataset`]: the versioned JSON format ([`FORMAT_VERSION`]); errors name the JSON path.
//! * [`report`]: every derived indicator (changes, implied previous values, rates with
//!   intervals, shares, ASCOF comparisons).
//! * [`audit_page`]: the findings as one self-contained HTML page, highlighted in the
//!   document's text.
//! * [`audit`]: each [`Claim`] recomputed from the document's own inputs, with a tolerance
//!   that follows from its stated decimals: consistent, inconsistent, ambiguous or
//!   unchecked, and why.
//!
//! [`audit_json`] and [`report_json`] take and give JSON text, for the C and Python layers.
//!
//! ```
//! use carestat::account::{audit, Dataset, Status};
//! let ds = Dataset::from_json_str(r#"{
//!   "format_version": 1,
//!   "area": {"name": "Worcestershire County Council"},
//!   "period": {"label": "2023/24", "start": "2023-04-01", "end": "2024-03-31"},
//!   "percentages": {"long_term": {"label": "Requests resulting in a long-term service",
//!     "value": 6, "decimals": 0, "previous": 5, "quote": "6% of these requests ..."}},
//!   "claims": [{"id": "long-term-change", "kind": "change", "subject": "percentages.long_term",
//!     "unit": "percent", "stated": 1, "decimals": 0, "text": "a 1% increase on last year's 5%",
//!     "quote": "6% ... (a 1% increase on last year's 5%)."}]
//! }"#)?;
//! let f = &audit(&ds)?[0];
//! // 1 percentage point at face value, but a 20% rise; +1% relative only within the
//! // rounding of 5% and 6% (0% to 44.4%): the two readings of "%" disagree.
//! assert_eq!(f.status, Status::Ambiguous);
//! assert_eq!(f.reading.as_deref(), Some("points"));
//! assert!((f.computed.unwrap() - 20.0).abs() < 1e-9);
//! assert_eq!(f.readings[0].holds, "within_rounding"); // percent
//! assert_eq!(f.readings[1].holds, "at_face"); // points
//! # Ok::<(), carestat::Error>(())
//! ```

mod audit;
mod breakdown;
mod calculation;
mod claims;
mod dataset;
mod exact;
pub mod extract;
mod figures;
mod flow;
mod hedge;
mod history;
pub mod read;
mod report;
mod restatement;
mod text;
mod unique_keys;
mod validate;
mod version;

pub use audit::{audit, Finding, Reading, Status};
pub use calculation::{CalcUnit, CalcValue, Calculation};
pub use claims::{Benchmark, ChangeUnit, Claim, ClaimKind, Direction, Relation};
pub use dataset::{
    Area, AscofScore, AscofUnit, Breakdown, Count, CqcAssessment, Dataset, Earlier, EarlierCount,
    Money, MoneyUnit, Part, PartKind, Percentage, Period, Population, Publication,
    RatingDistribution, StatementScore, FORMAT_VERSION, OLDEST_FORMAT_VERSION,
};
pub use flow::{Flow, FlowTerm};
pub use report::html::audit_page;
pub use report::{report, Indicator, IndicatorKind, Report, REPORT_CONFIDENCE};
pub use version::upgrade_json;

use crate::error::Result;

/// Audits a dataset given as JSON text; returns the findings as a JSON array.
///
/// # Panics
/// Never: findings always serialise.
///
/// ```
/// let e = carestat::account::audit_json("{\"format_version\": 1, \"area\": 3}").unwrap_err();
/// assert!(e.to_string().starts_with("area: invalid type"));
/// ```
pub fn audit_json(dataset: &str) -> Result<String> {
    let ds = Dataset::from_json_str(dataset)?;
    let findings = audit(&ds)?;
    Ok(serde_json::to_string(&findings).expect("findings always serialise"))
}

/// Audits a dataset given as JSON text whose file sits in `folder`: as [`audit_json`], but
/// the other dataset files its `restatement` claims name are read from `folder` first
/// ([`Dataset::read_restated`]); a missing or bad one is an error naming the claim.
///
/// # Panics
/// Never: findings always serialise.
///
/// ```
/// let e = carestat::account::audit_json_in(r#"{"format_version": 2, "area": {"name": "X"},
///   "period": {"label": "2023/24", "start": "2023-04-01", "end": "2024-03-31"},
///   "claims": [{"id": "r", "kind": "restatement", "subject": "counts.n", "dataset": "gone.json",
///     "stated": 1, "decimals": 0, "text": "-", "quote": "-"}]}"#, std::path::Path::new("."))
///   .unwrap_err();
/// assert!(e.to_string().starts_with("claims[0].dataset: cannot read"));
/// ```
pub fn audit_json_in(dataset: &str, folder: &std::path::Path) -> Result<String> {
    let mut ds = Dataset::from_json_str(dataset)?;
    ds.read_restated(folder)?;
    let findings = audit(&ds)?;
    Ok(serde_json::to_string(&findings).expect("findings always serialise"))
}

/// Reports a dataset given as JSON text; returns the [`Report`] as a JSON object.
///
/// # Panics
/// Never: a report always serialises.
pub fn report_json(dataset: &str) -> Result<String> {
    let ds = Dataset::from_json_str(dataset)?;
    let r = report(&ds)?;
    Ok(serde_json::to_string(&r).expect("a report always serialises"))
}

/// True when any finding is inconsistent (what the `carestat` command's exit status 1 means).
#[must_use]
pub fn any_inconsistent(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.status == Status::Inconsistent)
}
