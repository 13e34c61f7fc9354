//! Proportions with Wilson score intervals, as PHEindicatormethods `phe_proportion`.
//!
//! `value = numerator / denominator * multiplier`, limits
//! `(2x + z² ∓ z sqrt(z² + 4x(1 - x/n))) / (2(n + z²))` times the multiplier (no continuity
//! correction).

use crate::batch::{self, EstimateRows, Flags};
use crate::error::{check_len, Error, Result};
use crate::estimate::{
    check_count, check_denominator, check_multiplier, check_overflow, Confidence, Estimate,
    EstimatesMut, Method,
};

/// Wilson score limits `(lower, upper)` on the 0..1 scale for `x` successes out of `n`.
///
/// ```
/// use carestat::{proportion::wilson_limits, Confidence};
/// let (lo, hi) = wilson_limits(65.0, 100.0, Confidence::NINETY_FIVE);
/// assert!((lo - 0.552_544_432_968_879_7).abs() < 1e-12);
/// assert!((hi - 0.736_357_517_569_024_7).abs() < 1e-12);
/// ```
#[must_use]
pub fn wilson_limits(x: f64, n: f64, confidence: Confidence) -> (f64, f64) {
    wilson_limits_z(x, n, confidence.z())
}

#[inline]
pub(crate) fn wilson_limits_z(x: f64, n: f64, z: f64) -> (f64, f64) {
    let z2 = z * z;
    let p = x / n;
    // Half of (centre + spread), where centre = 2x + z² and spread = z √(z² + 4x(1 - p)):
    // h = x + z²/2 + z √(z²/4 + x(1 - p)). Halving by a power of two is exact, so this is
    // the textbook sum to the bit, but it cannot overflow for any x <= n <= f64::MAX
    // (2x did for x above f64::MAX / 2: 1e308 of 1.7e308 was an "overflow", not 58.8%).
    let h = (x + 0.5 * z2) + z * (0.25 * z2 + x * (1.0 - p)).sqrt();
    // The lower limit (centre - spread) / (2(n + z²)), multiplied through by centre + spread:
    // x p / h. The same number without the cancellation that made it -2e-16 for tiny x
    // (found by fuzzing), and exactly 0 at x = 0.
    let lower = x * p / h;
    // At x = n the formula is exactly 1; computed, rounding could leave 1 - 1e-16 below the
    // estimate 1 (found by the property tests). The upper limit is h / (n + z²).
    let upper = if x == n { 1.0 } else { h / (n + z2) };
    // Kept as a guard: h is finite for every finite input (`v * 0 == 0` is `v.is_finite()`
    // written so that the batch loop vectorises).
    let finite = h * 0.0 == 0.0;
    // Analytically lower < p < upper <= 1; rounding in the last place must not say otherwise
    // (x a hair below n gave 1 + 2e-16, found by the property tests). Selects rather than
    // f64::min/max, which pay for NaN handling in every lane: no NaN gets here unless
    // h is NaN, and then both limits are NaN below.
    let lower = if lower < p { lower } else { p };
    let upper = if upper < 1.0 { upper } else { 1.0 };
    let upper = if upper > p { upper } else { p };
    if finite {
        (lower, upper)
    } else {
        (f64::NAN, f64::NAN)
    }
}

/// A proportion with its Wilson score interval.
///
/// NaN inputs give [`Estimate::MISSING`]. Errors for a negative numerator, a denominator that
/// is not greater than zero, a numerator above the denominator, infinities, a multiplier that
/// is not positive, or a confidence level outside 0.9..1 / 90..100.
///
/// ```
/// use carestat::wilson_proportion;
/// // Birmingham home support: 70 of 83 providers rated Outstanding or Good
/// let p = wilson_proportion(70.0, 83.0, 100.0, 0.95).unwrap();
/// assert!((p.value - 84.337_349).abs() < 1e-6);
/// assert!(p.lower < p.value && p.value < p.upper);
/// assert!(wilson_proportion(84.0, 83.0, 100.0, 0.95).is_err());
/// ```
pub fn wilson_proportion(
    numerator: f64,
    denominator: f64,
    multiplier: f64,
    confidence: f64,
) -> Result<Estimate> {
    let confidence = Confidence::new(confidence)?;
    check_multiplier(multiplier)?;
    wilson_checked(numerator, denominator, multiplier, confidence.z())
}

#[inline]
fn wilson_checked(x: f64, n: f64, multiplier: f64, z: f64) -> Result<Estimate> {
    check_row(x, n)?;
    if x.is_nan() || n.is_nan() {
        return Ok(Estimate::MISSING);
    }
    let (lower, upper) = wilson_limits_z(x, n, z);
    check_overflow(
        "denominator",
        Estimate {
            value: x / n * multiplier,
            lower: lower * multiplier,
            upper: upper * multiplier,
            method: Method::Wilson,
        },
    )
}

/// The validation of one row, in the order the errors are reported.
#[inline]
fn check_row(x: f64, n: f64) -> Result<()> {
    check_count("numerator", x)?;
    check_denominator("denominator", n)?;
    if x > n {
        return Err(Error::NumeratorAboveDenominator {
            field: "numerator".into(),
            numerator: x,
            denominator: n,
        });
    }
    Ok(())
}

/// Wilson proportions for many rows at once, written into the caller's buffers.
///
/// Each row is what [`wilson_proportion`] returns for it, to the bit. Errors name the row
/// (0-based) of the first bad value; on error the contents of the output buffers are
/// unspecified. With the `parallel` feature, calls of [`batch::PARALLEL_MIN_ROWS`] rows or
/// more run across cores.
///
/// ```
/// use carestat::{wilson_proportion_many, Estimates};
/// let mut out = Estimates::with_len(2);
/// wilson_proportion_many(&[1.0, 5.0], &[100.0, 100.0], 1.0, 0.95, out.as_mut()).unwrap();
/// assert_eq!(out.value, vec![0.01, 0.05]);
/// ```
pub fn wilson_proportion_many(
    numerators: &[f64],
    denominators: &[f64],
    multiplier: f64,
    confidence: f64,
    out: EstimatesMut<'_>,
) -> Result<()> {
    let z = Confidence::new(confidence)?.z();
    check_multiplier(multiplier)?;
    check_len(
        "denominators",
        denominators.len(),
        "numerators",
        numerators.len(),
    )?;
    out.check_len(numerators.len(), "numerators")?;
    let rows = EstimateRows::new(numerators, denominators, out);
    let flags = batch::run(rows, &|rows| kernel(rows, multiplier, z));
    if flags.bad {
        // The scalar's own checks, overflow included, find the first bad row.
        for (i, (&x, &n)) in numerators.iter().zip(denominators).enumerate() {
            wilson_checked(x, n, multiplier, z).map_err(|e| e.at_row(i))?;
        }
    }
    Ok(())
}

fn kernel(rows: EstimateRows<'_>, multiplier: f64, z: f64) -> Flags {
    let EstimateRows {
        a,
        b,
        value,
        lower,
        upper,
        method,
    } = rows;
    let bad = match method {
        Some(m) => wilson_pass::<true>(a, b, value, lower, upper, m, multiplier, z),
        None => wilson_pass::<false>(a, b, value, lower, upper, &mut [], multiplier, z),
    };
    Flags { bad }
}

/// One fused, branch-free pass over the rows (so the compiler vectorises it). Returns whether
/// an invalid row was seen; the outputs of invalid rows are unspecified. The slices are
/// separate arguments so that the compiler knows they do not overlap; `method` is written
/// only when `METHOD` (it is empty otherwise).
// `|` rather than `||` on purpose: no branches, so the loop vectorises.
#[allow(clippy::too_many_arguments, clippy::needless_bitwise_bool)]
#[inline]
fn wilson_pass<const METHOD: bool>(
    numerators: &[f64],
    denominators: &[f64],
    value: &mut [f64],
    lower: &mut [f64],
    upper: &mut [f64],
    method: &mut [u32],
    multiplier: f64,
    z: f64,
) -> bool {
    let len = numerators.len();
    let (denominators, value, lower, upper) = (
        &denominators[..len],
        &mut value[..len],
        &mut lower[..len],
        &mut upper[..len],
    );
    let method = if METHOD { &mut method[..len] } else { method };
    let mut bad = false;
    for i in 0..len {
        let (x, n) = (numerators[i], denominators[i]);
        // The negation of check_row: NaN passes every comparison. Each pair compares two
        // different values: two tests of one value ORed together are folded by LLVM into a
        // bit-pattern test that it does not vectorise.
        bad |= ((x < 0.0) | (n == f64::INFINITY)) | ((n <= 0.0) | (x == f64::INFINITY)) | (x > n);
        let missing = x.is_nan() | n.is_nan();
        let (lo, hi) = wilson_limits_z(x, n, z);
        value[i] = if missing {
            f64::NAN
        } else {
            x / n * multiplier
        };
        let (lo, hi) = (lo * multiplier, hi * multiplier);
        // Limits beyond the doubles (4x overflows for x near f64::MAX) are an error in the
        // scalar (check_overflow): flag the row. lo - hi is finite exactly when both are.
        bad |= !missing & !(lo - hi).is_finite();
        lower[i] = if missing { f64::NAN } else { lo };
        upper[i] = if missing { f64::NAN } else { hi };
        if METHOD {
            let code = if missing {
                Method::Missing
            } else {
                Method::Wilson
            };
            method[i] = code.code();
        }
    }
    bad
}
