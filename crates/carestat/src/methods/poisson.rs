//! Confidence limits for an observed number of events (a Poisson count).
//!
//! These are the building blocks of crude rates, standardised rates and ratios:
//! exact limits from chi-squared quantiles, and Byar's approximation.

use std::sync::{Mutex, PoisonError};

use crate::dist::gamma_quantile;
use crate::estimate::Confidence;

/// Byar's lower limit for `x` observed events: `x (1 - 1/(9x) - z/(3 sqrt x))^3`.
///
/// Returns `None` where the formula goes negative (very small counts at high confidence), as
/// PHEindicatormethods' `byars_lower` returns `NA` there.
///
/// ```
/// use carestat::{poisson::byars_lower, Confidence};
/// let lower = byars_lower(65.0, Confidence::NINETY_FIVE).unwrap();
/// assert!((lower - 50.163_187_710_459_454).abs() < 1e-9);
/// assert_eq!(byars_lower(1.0, Confidence::NINETY_NINE_POINT_EIGHT), None);
/// ```
#[must_use]
pub fn byars_lower(x: f64, confidence: Confidence) -> Option<f64> {
    byars_lower_z(x, confidence.z())
}

/// Byar's upper limit for `x` observed events: `(x+1) (1 - 1/(9(x+1)) + z/(3 sqrt(x+1)))^3`.
///
/// ```
/// use carestat::{poisson::byars_upper, Confidence};
/// let upper = byars_upper(65.0, Confidence::NINETY_FIVE);
/// assert!((upper - 82.849_138_545_939_84).abs() < 1e-9);
/// ```
#[must_use]
pub fn byars_upper(x: f64, confidence: Confidence) -> f64 {
    byars_upper_z(x, confidence.z())
}

#[inline]
pub(crate) fn byars_lower_z(x: f64, z: f64) -> Option<f64> {
    let lower = byars_lower_raw(x, z);
    (lower >= 0.0).then_some(lower)
}

/// Byar's lower formula as it stands, negative where [`byars_lower`] gives `None`.
#[inline]
pub(crate) fn byars_lower_raw(x: f64, z: f64) -> f64 {
    x * (1.0 - 1.0 / (9.0 * x) - z / (3.0 * x.sqrt())).powi(3)
}

#[inline]
pub(crate) fn byars_upper_z(x: f64, z: f64) -> f64 {
    let x1 = x + 1.0;
    x1 * (1.0 - 1.0 / (9.0 * x1) + z / (3.0 * x1.sqrt())).powi(3)
}

/// Exact lower limit for `x` observed events: `qchisq((1-c)/2, 2x) / 2` (0 when `x` is 0).
///
/// ```
/// use carestat::{poisson::exact_lower, Confidence};
/// // -ln(0.975): the lower limit for one event at 95%
/// assert!((exact_lower(1.0, Confidence::NINETY_FIVE) - 0.025_317_807_984_289_9).abs() < 1e-15);
/// ```
#[must_use]
pub fn exact_lower(x: f64, confidence: Confidence) -> f64 {
    if x <= 0.0 {
        0.0
    } else {
        gamma_quantile(x, confidence.tail(), true)
    }
}

/// Exact upper limit for `x` observed events: `qchisq(1-(1-c)/2, 2x+2) / 2`.
///
/// ```
/// use carestat::{poisson::exact_upper, Confidence};
/// // -ln(0.025) for zero events at 95%
/// assert!((exact_upper(0.0, Confidence::NINETY_FIVE) - 3.688_879_454_113_936).abs() < 1e-14);
/// ```
#[must_use]
pub fn exact_upper(x: f64, confidence: Confidence) -> f64 {
    gamma_quantile(x + 1.0, confidence.tail(), false)
}

/// Counts below this use exact limits; counts at or above it use Byar's (PHEindicatormethods).
pub const EXACT_BELOW: f64 = 10.0;

/// Lower and upper limits for `x` events: exact below 10, Byar's from 10, as `phe_rate` does.
///
/// Returns `(lower, upper, exact)`, where `exact` tells which method was used.
#[must_use]
pub fn count_limits(x: f64, confidence: Confidence) -> (f64, f64, bool) {
    if x < EXACT_BELOW {
        (exact_lower(x, confidence), exact_upper(x, confidence), true)
    } else {
        let z = confidence.z();
        // From 10 events Byar's lower limit is always positive.
        let lower = byars_lower_z(x, z).unwrap_or(0.0);
        (lower, byars_upper_z(x, z), false)
    }
}

/// Exact limits `[lower, upper]` for the whole counts `0..=9` at one confidence level,
/// indexed by the count: what [`exact_lower`] and [`exact_upper`] return for them.
pub(crate) type ExactTable = [[f64; 2]; 10];

/// The [`ExactTable`] for `confidence`, computed once per level and cached.
///
/// Batch calls look whole counts below 10 up here instead of searching for a quantile per
/// row; the entries are the scalar functions' own results, so both agree to the bit.
pub(crate) fn exact_table(confidence: Confidence) -> ExactTable {
    // Levels are few in practice (95%, 99.8%); the bound only stops a pathological caller
    // from growing the cache without end.
    const MAX_LEVELS: usize = 64;
    static CACHE: Mutex<Vec<(u64, ExactTable)>> = Mutex::new(Vec::new());
    let key = confidence.level().to_bits();
    let cached = CACHE
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, table)| *table);
    if let Some(table) = cached {
        return table;
    }
    let mut table = [[0.0; 2]; 10];
    for (count, limits) in (0_u32..).zip(table.iter_mut()) {
        let x = f64::from(count);
        *limits = [exact_lower(x, confidence), exact_upper(x, confidence)];
    }
    let mut cache = CACHE.lock().unwrap_or_else(PoisonError::into_inner);
    if cache.len() < MAX_LEVELS && !cache.iter().any(|(k, _)| *k == key) {
        cache.push((key, table));
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_table_holds_the_scalar_limits() {
        for level in [0.95, 0.998, 0.9, 0.999_999] {
            let confidence = Confidence::new(level).unwrap();
            // Twice: the second call is served from the cache.
            for _ in 0..2 {
                let table = exact_table(confidence);
                for (k, [lower, upper]) in table.iter().enumerate() {
                    let x = k as f64;
                    assert_eq!(lower.to_bits(), exact_lower(x, confidence).to_bits());
                    assert_eq!(upper.to_bits(), exact_upper(x, confidence).to_bits());
                }
            }
        }
    }

    #[test]
    fn byars_lower_raw_is_the_formula() {
        // x = 64, z = 2: 64 (1 - 1/576 - 2/24)^3 = 64 (0.9149305...)^3
        let inner: f64 = 1.0 - 1.0 / 576.0 - 2.0 / 24.0;
        let expected = 64.0 * inner * inner * inner;
        assert!((byars_lower_raw(64.0, 2.0) - expected).abs() < 1e-12);
        assert!(byars_lower_raw(1.0, 3.09) < 0.0);
    }
}
