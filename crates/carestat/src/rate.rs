//! Crude rates per population with confidence intervals, as PHEindicatormethods `phe_rate`.
//!
//! `value = count / population * multiplier`; exact Poisson limits for counts below 10 and
//! Byar's limits from 10, both divided by the population and scaled by the multiplier.
//! A count above the population is allowed (events can repeat).

use crate::error::{check_len, Result};
use crate::estimate::{
    check_count, check_denominator, check_multiplier, check_overflow, Confidence, Estimate,
    EstimatesMut, Method,
};
use crate::poisson::count_limits;

/// The usual multiplier for rates: per 100,000 population.
pub const PER_100K: f64 = 100_000.0;

/// A crude rate with its confidence interval.
///
/// `count` may be NaN (missing): the result is then [`Estimate::MISSING`]. Errors for a
/// negative or infinite count, a population that is not greater than zero, a multiplier that
/// is not positive, or a confidence level outside 0.9..1 / 90..100.
///
/// ```
/// use carestat::{crude_rate, Method};
/// // Worcestershire 2023/24: 4455 safeguarding concerns, adult population 485,737
/// let r = crude_rate(4455.0, 485_737.0, 100_000.0, 0.95).unwrap();
/// assert!((r.value - 917.162_991_495).abs() < 1e-6);
/// assert_eq!(r.method, Method::Byars);
/// assert!(r.lower < r.value && r.value < r.upper);
/// ```
pub fn crude_rate(
    count: f64,
    population: f64,
    multiplier: f64,
    confidence: f64,
) -> Result<Estimate> {
    let confidence = Confidence::new(confidence)?;
    check_multiplier(multiplier)?;
    crude_rate_checked(count, population, multiplier, confidence)
}

/// Validates one row and computes it; `confidence` and `multiplier` are already validated.
#[inline]
fn crude_rate_checked(
    count: f64,
    population: f64,
    multiplier: f64,
    confidence: Confidence,
) -> Result<Estimate> {
    check_count("count", count)?;
    check_denominator("population", population)?;
    if count.is_nan() || population.is_nan() {
        return Ok(Estimate::MISSING);
    }
    let scale = multiplier / population;
    let (lower, upper, exact) = count_limits(count, confidence);
    check_overflow(
        "count",
        Estimate {
            value: count * scale,
            lower: lower * scale,
            upper: upper * scale,
            method: if exact { Method::Exact } else { Method::Byars },
        },
    )
}

/// Crude rates for many rows at once, written into the caller's buffers.
///
/// Errors name the row (0-based) of the first bad value; on error the contents of the output
/// buffers are unspecified.
///
/// ```
/// use carestat::{crude_rate_many, Estimates};
/// let counts = [1.0, 20.0, f64::NAN];
/// let populations = [100.0, 100.0, 100.0];
/// let mut out = Estimates::with_len(3);
/// crude_rate_many(&counts, &populations, 100.0, 0.95, out.as_mut()).unwrap();
/// assert_eq!(out.value[1], 20.0);
/// assert!(out.value[2].is_nan());
///
/// let err = crude_rate_many(&[1.0, -2.0], &[10.0, 10.0], 100.0, 0.95,
///                           carestat::Estimates::with_len(2).as_mut()).unwrap_err();
/// assert_eq!(err.to_string(), "count at row 1: must not be negative (got -2)");
/// ```
pub fn crude_rate_many(
    counts: &[f64],
    populations: &[f64],
    multiplier: f64,
    confidence: f64,
    mut out: EstimatesMut<'_>,
) -> Result<()> {
    let confidence = Confidence::new(confidence)?;
    check_multiplier(multiplier)?;
    check_len("populations", populations.len(), "counts", counts.len())?;
    out.check_len(counts.len(), "counts")?;
    for (i, (&count, &population)) in counts.iter().zip(populations).enumerate() {
        let e = crude_rate_checked(count, population, multiplier, confidence)
            .map_err(|e| e.at_row(i))?;
        out.set(i, e);
    }
    Ok(())
}
