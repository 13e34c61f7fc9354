//! # carestat
//!
//! Adult social care indicators for English councils, computed exactly as the official
//! methods define them: changes between periods, crude rates with exact / Byar's limits,
//! proportions with Wilson intervals, directly and indirectly standardised rates and ratios,
//! means, quantile groups, the slope index of inequality and funnel plots (all the methods of
//! PHEindicatormethods, with its numbers), and the checks that published figures follow from
//! their own inputs.
//!
//! The adult social care domain: [`ratings`] (provider rating shares, local schemes), [`cqc`]
//! (local authority assessment scores and bands), [`ascof`] (the ASCOF catalogue, outcomes and
//! year-on-year comparison), [`benchmark`] (Fingertips-style comparison, quintiles, ranks) and
//! [`disclosure`] (suppression rules and GSS symbols).
//!
//! The source shows three layers, data flowing one way: [`methods`] (the statistics),
//! [`care`] (the adult social care domain) and [`account`] (documents: datasets, the audit and
//! the report).
//!
//! The core is pure Rust with no unsafe code and no FFI. The C ABI (`carestat-ffi`) and the
//! Python package (`bindings/python`) are thin layers over it, so every language gets the
//! same numbers.
//!
//! ## Policy on bad input
//! * NaN means *missing*: it propagates to a missing result, never an error.
//! * Infinities, negative counts, denominators of zero or below, numerators above their
//!   denominators and confidence levels outside 0.9..1 (or 90..100) are errors
//!   ([`Error`]) that name the field and, in batch calls, the 0-based row.
//!
//! ```
//! let rate = carestat::crude_rate(4455.0, 485_737.0, 100_000.0, 0.95)?;
//! println!("{:.1} per 100,000 ({:.1} to {:.1})", rate.value, rate.lower, rate.upper);
//! # Ok::<(), carestat::Error>(())
//! ```
#![forbid(unsafe_code)]

pub mod account;
pub mod care;
mod error;
pub mod methods;

// The short public paths: `carestat::rate`, `carestat::cqc`, ... name the modules of the
// two layers directly.
pub use care::{ascof, benchmark, change, cqc, disclosure, ratings, rounding};
use methods::estimate;
pub use methods::{
    batch, dist, dsr, funnel, isr, mean, poisson, proportion, quantile_groups, rate, sii,
};

pub use change::{
    change_rounds_to, judge_change, percent_change, percent_change_many, point_change,
    previous_from_percent_change, Judgement, Polarity, PreviousRange,
};
pub use dsr::{dsr, Dsr, ESP1976, ESP2013};
pub use error::{Error, Field, Result};
pub use estimate::{Confidence, Estimate, Estimates, EstimatesMut, Method};
pub use isr::{isr, Isr, Observed};
pub use mean::{mean, Mean};
pub use proportion::{wilson_proportion, wilson_proportion_many};
pub use rate::{crude_rate, crude_rate_many, PER_100K};
pub use rounding::{round_half_away, round_to_multiple};

/// The version of this crate, e.g. `"0.1.0"`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
