//! Crude rates per population with confidence intervals, as PHEindicatormethods `phe_rate`.
//!
//! `value = count / population * multiplier`; exact Poisson limits for counts below 10 and
//! Byar's limits from 10, both divided by the population and scaled by the multiplier.
//! A count above the population is allowed (events can repeat).

use crate::batch::{self, EstimateRows, Flags};
use crate::error::{check_len, Result};
use crate::estimate::{
    check_count, check_denominator, check_multiplier, check_overflow, Confidence, Estimate,
    EstimatesMut, Method,
};
use crate::poisson::{
    byars_lower_raw, byars_upper_z, count_limits, exact_table, ExactTable, EXACT_BELOW,
};

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
    check_row(count, population)?;
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

/// The validation of one row, in the order the errors are reported.
#[inline]
fn check_row(count: f64, population: f64) -> Result<()> {
    check_count("count", count)?;
    check_denominator("population", population)
}

/// Crude rates for many rows at once, written into the caller's buffers.
///
/// Each row is what [`crude_rate`] returns for it, to the bit. Errors name the row (0-based)
/// of the first bad value; on error the contents of the output buffers are unspecified.
///
/// Whole counts below 10 take their exact limits from a table computed once per confidence
/// level, so the exact branch costs no more than Byar's; with the `parallel` feature, calls
/// of [`batch::PARALLEL_MIN_ROWS`] rows or more run across cores.
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
    out: EstimatesMut<'_>,
) -> Result<()> {
    let confidence = Confidence::new(confidence)?;
    check_multiplier(multiplier)?;
    check_len("populations", populations.len(), "counts", counts.len())?;
    out.check_len(counts.len(), "counts")?;
    let params = Params {
        multiplier,
        confidence,
        z: confidence.z(),
        exact: exact_table(confidence),
    };
    let rows = EstimateRows::new(counts, populations, out);
    let flags = batch::run(rows, &|rows| {
        batch::for_each_block(rows, |b| kernel(b, &params))
    });
    if flags.bad {
        // The scalar's own checks, overflow included, find the first bad row.
        for (i, (&count, &population)) in counts.iter().zip(populations).enumerate() {
            crude_rate_checked(count, population, multiplier, confidence)
                .map_err(|e| e.at_row(i))?;
        }
    }
    Ok(())
}

/// What a batch of crude rates shares: validated once per call.
struct Params {
    multiplier: f64,
    confidence: Confidence,
    /// Byar's normal quantile.
    z: f64,
    /// Exact limits for the whole counts below 10.
    exact: ExactTable,
}

/// One block of rows: Byar's for every row in one branch-free pass (which the compiler
/// vectorises), then, if some count is below 10, a second pass that puts exact limits on
/// those rows: from the table for whole counts, from the scalar path otherwise. Returns
/// whether an invalid row was seen; the outputs of invalid rows are unspecified.
fn kernel(rows: EstimateRows<'_>, p: &Params) -> Flags {
    let EstimateRows {
        a: counts,
        b: populations,
        value,
        lower,
        upper,
        mut method,
    } = rows;
    let (bad, any_exact) = match method.as_deref_mut() {
        Some(m) => byars_pass::<true>(counts, populations, value, lower, upper, m, p),
        None => byars_pass::<false>(counts, populations, value, lower, upper, &mut [], p),
    };
    let mut bad = bad;
    if any_exact {
        bad |= match method {
            Some(m) => exact_pass::<true>(counts, populations, value, lower, upper, m, p),
            None => exact_pass::<false>(counts, populations, value, lower, upper, &mut [], p),
        };
    }
    Flags { bad }
}

/// Every row as if its count were 10 or more (missing rows as missing). Returns whether an
/// invalid row was seen and whether some count is below 10. The slices are separate
/// arguments so that the compiler knows they do not overlap; `method` is written only when
/// `METHOD` (it is empty otherwise).
// `|` rather than `||` on purpose: no branches, so the loop vectorises.
#[allow(clippy::too_many_arguments, clippy::needless_bitwise_bool)]
#[inline]
fn byars_pass<const METHOD: bool>(
    counts: &[f64],
    populations: &[f64],
    value: &mut [f64],
    lower: &mut [f64],
    upper: &mut [f64],
    method: &mut [u32],
    p: &Params,
) -> (bool, bool) {
    let n = counts.len();
    let (populations, value, lower, upper) = (
        &populations[..n],
        &mut value[..n],
        &mut lower[..n],
        &mut upper[..n],
    );
    let method = if METHOD { &mut method[..n] } else { method };
    let mut bad = false;
    let mut any_exact = false;
    for i in 0..n {
        let (count, population) = (counts[i], populations[i]);
        // The negation of check_row: NaN passes every comparison. Each pair compares two
        // different values: two tests of one value ORed together are folded by LLVM into a
        // bit-pattern test that it does not vectorise.
        bad |= ((count < 0.0) | (population == f64::INFINITY))
            | ((population <= 0.0) | (count == f64::INFINITY));
        any_exact |= count < EXACT_BELOW;
        let missing = count.is_nan() | population.is_nan();
        // count_limits' rule; from 10 events Byar's lower limit is positive anyway.
        let lo = byars_lower_raw(count, p.z);
        let lo = if lo >= 0.0 { lo } else { 0.0 };
        let hi = byars_upper_z(count, p.z);
        let scale = p.multiplier / population;
        // A limit beyond the doubles is an error in the scalar (check_overflow): flag the row.
        bad |= hi * scale == f64::INFINITY;
        value[i] = if missing { f64::NAN } else { count * scale };
        lower[i] = if missing { f64::NAN } else { lo * scale };
        upper[i] = if missing { f64::NAN } else { hi * scale };
        if METHOD {
            let code = if missing {
                Method::Missing
            } else {
                Method::Byars
            };
            method[i] = code.code();
        }
    }
    (bad, any_exact)
}

/// Rewrites the rows whose count is below 10 with exact limits (rows with a missing
/// population stay missing, invalid rows are left as they are).
// `|` rather than `||` on purpose: no branches, so the look at a group vectorises.
#[allow(clippy::too_many_arguments, clippy::needless_bitwise_bool)]
#[inline]
fn exact_pass<const METHOD: bool>(
    counts: &[f64],
    populations: &[f64],
    value: &mut [f64],
    lower: &mut [f64],
    upper: &mut [f64],
    method: &mut [u32],
    p: &Params,
) -> bool {
    let mut bad = false;
    let n = counts.len();
    let (populations, value, lower, upper) = (
        &populations[..n],
        &mut value[..n],
        &mut lower[..n],
        &mut upper[..n],
    );
    let method = if METHOD { &mut method[..n] } else { method };
    // Groups with no count below 10 (most of them, when counts are mostly 10 or more) are
    // skipped after one vectorised look.
    for start in (0..n).step_by(EXACT_GROUP) {
        let end = n.min(start + EXACT_GROUP);
        if !counts[start..end]
            .iter()
            .fold(false, |any, &count| any | (count < EXACT_BELOW))
        {
            continue;
        }
        for i in start..end {
            bad |= exact_row::<METHOD>(i, counts, populations, value, lower, upper, method, p);
        }
    }
    bad
}

/// Rows per group in [`exact_pass`].
const EXACT_GROUP: usize = 16;

/// One row of [`exact_pass`]; returns whether the row is invalid or overflows.
#[allow(clippy::too_many_arguments)]
#[inline]
fn exact_row<const METHOD: bool>(
    i: usize,
    counts: &[f64],
    populations: &[f64],
    value: &mut [f64],
    lower: &mut [f64],
    upper: &mut [f64],
    method: &mut [u32],
    p: &Params,
) -> bool {
    let (count, population) = (counts[i], populations[i]);
    // False for a missing count; a missing population leaves the row missing.
    let below_ten = count < EXACT_BELOW;
    if !below_ten || population.is_nan() {
        return false;
    }
    let whole = count as usize; // 0..=9 for counts in 0..10 (saturating: negatives give 0)
    if count >= 0.0 && whole as f64 == count {
        let [lo, hi] = p.exact[whole.min(9)];
        let scale = p.multiplier / population;
        lower[i] = lo * scale;
        upper[i] = hi * scale;
        if METHOD {
            method[i] = Method::Exact.code();
        }
        // A limit beyond the doubles is an error in the scalar (check_overflow).
        upper[i] == f64::INFINITY
    } else {
        // A count below 10 that is not whole: the quantile search, as the scalar does.
        match crude_rate_checked(count, population, p.multiplier, p.confidence) {
            Ok(e) => {
                value[i] = e.value;
                lower[i] = e.lower;
                upper[i] = e.upper;
                if METHOD {
                    method[i] = e.method.code();
                }
                false
            }
            Err(_) => true,
        }
    }
}
