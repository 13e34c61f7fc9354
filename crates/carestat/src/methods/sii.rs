//! Slope and relative index of inequality (SII, RII), as PHEindicatormethods `phe_sii`.
//!
//! The quantiles (e.g. deprivation deciles, most deprived first) are placed on a 0..1 scale by
//! the midpoint of each one's share of the population (its *relative rank* `b`), and the
//! values are regressed on that rank weighted by the population share `a` (the regression
//! `y sqrt(a) = β0 sqrt(a) + β1 b sqrt(a)` of Low & Low 2004). The SII is the slope `β1`
//! (times the multiplier), the RII `(β0 + β1) / β0`, the intercept `β0`. With `transform`,
//! rates are regressed on the log scale and proportions on the logit scale and the fitted
//! values at 0 and 1 are transformed back.
//!
//! The point estimates are deterministic and agree with the reference to rounding. The
//! confidence limits, as in the reference, come from simulation: each quantile's value is
//! drawn from a normal distribution with its standard error (on the log or logit scale for
//! rates and proportions), the regression refitted, and the percentiles of the simulated
//! slopes taken. carestat uses its own seeded generator (xoshiro256**, normal deviates by
//! inversion), so the limits are reproducible for a given seed but are not R's random draws:
//! they agree with the reference's within simulation error (about 1% of the interval width at
//! 100,000 repetitions).
//!
//! # Deliberate difference from the reference
//! With `transform` and a multiplier other than 1 or -1 the reference multiplies the simulated
//! slopes by the multiplier *before* transforming back (so the multiplier acts on the log
//! scale as well); carestat applies it once, to the back-transformed limits. For 1 and -1
//! (the reference's tested cases) the results are the same.
//! The reference's reliability statistic (`reliability_stat`, mean absolute difference over
//! ten simulations) is not offered: run with another seed to see the simulation error.

use crate::dist::normal_quantile;
use crate::error::{check_len, Error, Field, Result};
use crate::estimate::Confidence;

/// What kind of indicator the values are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SiiValueType {
    /// Any indicator with symmetric errors (life expectancy, scores): code 0.
    #[default]
    Normal,
    /// A rate: simulated on the log scale (code 1).
    Rate,
    /// A proportion between 0 and 1: simulated on the logit scale (code 2).
    Proportion,
}

impl SiiValueType {
    /// From the reference's `value_type` code: 0 normal, 1 rate, 2 proportion.
    pub fn from_code(code: i64) -> Result<Self> {
        match code {
            0 => Ok(Self::Normal),
            1 => Ok(Self::Rate),
            2 => Ok(Self::Proportion),
            other => Err(Error::OutOfRange {
                field: "value_type".into(),
                value: other as f64,
                expected: "0 (normal), 1 (rate) or 2 (proportion)".into(),
            }),
        }
    }

    fn forward(self, v: f64) -> f64 {
        match self {
            Self::Normal => v,
            Self::Rate => v.ln(),
            Self::Proportion => (v / (1.0 - v)).ln(),
        }
    }

    fn back(self, t: f64) -> f64 {
        match self {
            Self::Normal => t,
            Self::Rate => t.exp(),
            Self::Proportion => t.exp() / (1.0 + t.exp()),
        }
    }
}

/// How the uncertainty of each quantile's value is given.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SiiUncertainty<'a> {
    /// Standard errors (on the log / logit scale for rates / proportions).
    StandardErrors(&'a [f64]),
    /// 95% confidence limits of the values; the standard error is
    /// `(upper - lower) / (2 × 1.959964)` after the log / logit transformation.
    Limits95 {
        /// Lower 95% limits.
        lower: &'a [f64],
        /// Upper 95% limits.
        upper: &'a [f64],
    },
}

/// The most simulations [`sii`] runs: its memory grows with the repetitions (16 bytes each
/// for every confidence level), so a mistyped count is an error rather than an allocation
/// that aborts the process.
pub const MAX_REPETITIONS: usize = 10_000_000;

/// Options for [`sii`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SiiOptions {
    /// Kind of indicator.
    pub value_type: SiiValueType,
    /// Multiplies the SII (100 for percentages); a negative multiplier also inverts the RII.
    pub multiplier: f64,
    /// Regress rates on the log scale and proportions on the logit scale.
    pub transform: bool,
    /// Number of simulations for the confidence limits (at least 1,000).
    pub repetitions: usize,
    /// Seed of the simulation.
    pub seed: u64,
}

impl Default for SiiOptions {
    fn default() -> Self {
        Self {
            value_type: SiiValueType::Normal,
            multiplier: 1.0,
            transform: false,
            repetitions: 100_000,
            seed: 1,
        }
    }
}

/// Simulated confidence limits of the SII and RII at one level.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SiiInterval {
    /// The confidence level (a fraction).
    pub confidence: f64,
    /// Lower limit of the SII.
    pub sii_lower: f64,
    /// Upper limit of the SII.
    pub sii_upper: f64,
    /// Lower limit of the RII.
    pub rii_lower: f64,
    /// Upper limit of the RII.
    pub rii_upper: f64,
}

/// The slope and relative index of inequality with simulated intervals.
#[derive(Debug, Clone, PartialEq)]
pub struct Sii {
    /// Slope index of inequality (times the multiplier).
    pub sii: f64,
    /// Relative index of inequality (inverted for a negative multiplier).
    pub rii: f64,
    /// Fitted value at relative rank 0 (most deprived end).
    pub intercept: f64,
    /// One interval per requested confidence level, in the order asked.
    pub intervals: Vec<SiiInterval>,
}

/// Validated, transformed inputs of one area.
struct Prepared {
    /// Population share of each quantile.
    a: Vec<f64>,
    /// Relative rank (midpoint of the cumulative share).
    b: Vec<f64>,
    /// Values on the simulation scale (log / logit for rates / proportions).
    t: Vec<f64>,
    /// Standard errors on that scale.
    se: Vec<f64>,
}

fn finite_row(field: &'static str, i: usize, v: f64) -> Result<f64> {
    if v.is_nan() {
        return Err(Error::invalid(
            Field::new(field).at(i),
            "must not be missing",
        ));
    }
    if v.is_infinite() {
        return Err(Error::NotFinite {
            field: Field::new(field).at(i),
            value: v,
        });
    }
    Ok(v)
}

/// `open`: a proportion must lie strictly between 0 and 1, because it is used on the logit
/// scale (its 95% limits give the standard error there; with `transform` the values are
/// regressed there), where 0 and 1 are -inf and +inf and every result would be NaN.
fn check_scale(
    field: &'static str,
    i: usize,
    v: f64,
    value_type: SiiValueType,
    open: bool,
) -> Result<()> {
    match value_type {
        SiiValueType::Rate if v <= 0.0 => Err(Error::NotPositive {
            field: Field::new(field).at(i),
            value: v,
        }),
        SiiValueType::Proportion if !(0.0..=1.0).contains(&v) => Err(Error::OutOfRange {
            field: Field::new(field).at(i),
            value: v,
            expected: "a proportion between 0 and 1".into(),
        }),
        SiiValueType::Proportion if open && (v == 0.0 || v == 1.0) => Err(Error::OutOfRange {
            field: Field::new(field).at(i),
            value: v,
            expected: "a proportion strictly between 0 and 1 here (0 and 1 have no logit, the scale the limits and a transform use)".into(),
        }),
        _ => Ok(()),
    }
}

fn prepare(
    populations: &[f64],
    values: &[f64],
    uncertainty: SiiUncertainty<'_>,
    value_type: SiiValueType,
    transform: bool,
) -> Result<Prepared> {
    let k = populations.len();
    check_len("values", values.len(), "populations", k)?;
    if !(5..=100).contains(&k) {
        return Err(Error::OutOfRange {
            field: "populations".into(),
            value: k as f64,
            expected: "between 5 and 100 quantiles".into(),
        });
    }
    let mut total = 0.0;
    for (i, &n) in populations.iter().enumerate() {
        if finite_row("populations", i, n)? <= 0.0 {
            return Err(Error::NotPositive {
                field: Field::new("populations").at(i),
                value: n,
            });
        }
        total += n;
    }
    let mut t = Vec::with_capacity(k);
    for (i, &v) in values.iter().enumerate() {
        finite_row("values", i, v)?;
        check_scale("values", i, v, value_type, transform)?;
        t.push(value_type.forward(v));
    }
    let se = match uncertainty {
        SiiUncertainty::StandardErrors(se) => {
            check_len("standard_errors", se.len(), "populations", k)?;
            for (i, &s) in se.iter().enumerate() {
                if finite_row("standard_errors", i, s)? < 0.0 {
                    return Err(Error::Negative {
                        field: Field::new("standard_errors").at(i),
                        value: s,
                    });
                }
            }
            se.to_vec()
        }
        SiiUncertainty::Limits95 { lower, upper } => {
            check_len("lower", lower.len(), "populations", k)?;
            check_len("upper", upper.len(), "populations", k)?;
            // The reference hard-codes 95% here.
            let z = normal_quantile(0.975);
            let mut se = Vec::with_capacity(k);
            for i in 0..k {
                finite_row("lower", i, lower[i])?;
                finite_row("upper", i, upper[i])?;
                check_scale("lower", i, lower[i], value_type, true)?;
                check_scale("upper", i, upper[i], value_type, true)?;
                let (lo, hi) = (value_type.forward(lower[i]), value_type.forward(upper[i]));
                if hi < lo {
                    return Err(Error::invalid(
                        Field::new("upper").at(i),
                        format!(
                            "must not be below the lower limit ({} < {})",
                            upper[i], lower[i]
                        ),
                    ));
                }
                se.push((hi - lo) / z / 2.0);
            }
            se
        }
    };
    let a: Vec<f64> = populations.iter().map(|n| n / total).collect();
    let mut b = Vec::with_capacity(k);
    let mut cumulative = 0.0;
    for &share in &a {
        b.push(share / 2.0 + cumulative);
        cumulative += share;
    }
    Ok(Prepared { a, b, t, se })
}

/// Weighted least squares of `y` on `b` with weights `a` (summing to 1): the linear maps
/// `y -> β0` and `y -> β1` as coefficient vectors.
fn regression_maps(a: &[f64], b: &[f64]) -> (Vec<f64>, Vec<f64>) {
    let w: f64 = a.iter().sum();
    let b_bar = a.iter().zip(b).map(|(a, b)| a * b).sum::<f64>() / w;
    let sbb: f64 = a
        .iter()
        .zip(b)
        .map(|(a, b)| a * (b - b_bar) * (b - b_bar))
        .sum();
    let slope: Vec<f64> = a
        .iter()
        .zip(b)
        .map(|(a, b)| a * (b - b_bar) / sbb)
        .collect();
    let intercept: Vec<f64> = a
        .iter()
        .zip(&slope)
        .map(|(a, c)| a / w - b_bar * c)
        .collect();
    (intercept, slope)
}

fn dot(x: &[f64], y: &[f64]) -> f64 {
    x.iter().zip(y).map(|(x, y)| x * y).sum()
}

fn check_multiplier(multiplier: f64) -> Result<()> {
    if !multiplier.is_finite() || multiplier == 0.0 {
        return Err(Error::invalid(
            "multiplier",
            format!("must be a finite number other than zero (got {multiplier})"),
        ));
    }
    Ok(())
}

/// The point estimates `(sii, rii, intercept)` on the reported scale.
fn point(p: &Prepared, options: &SiiOptions) -> (f64, f64, f64) {
    let (ci, cs) = regression_maps(&p.a, &p.b);
    let m = options.multiplier;
    if options.transform {
        let y: Vec<f64> = p.t.clone();
        let (b0, b1) = (dot(&ci, &y), dot(&cs, &y));
        let (y0, y1) = (
            options.value_type.back(b0),
            options.value_type.back(b0 + b1),
        );
        let rii = y1 / y0;
        (
            (y1 - y0) * m,
            if m < 0.0 { 1.0 / rii } else { rii },
            y0 * m.abs(),
        )
    } else {
        let y: Vec<f64> = p.t.iter().map(|&t| options.value_type.back(t)).collect();
        let (b0, b1) = (dot(&ci, &y), dot(&cs, &y));
        let rii = (b0 + b1) / b0;
        (m * b1, if m < 0.0 { 1.0 / rii } else { rii }, b0)
    }
}

/// The SII, RII and intercept of one area, without confidence limits (no simulation).
///
/// Rows are the quantiles in order (e.g. decile 1, most deprived, first); 5 to 100 of them.
/// `uncertainty` is only validated here (the reference needs it even for the point
/// estimate), and is required to be limits when `transform` is on.
///
/// ```
/// use carestat::sii::{sii_point, SiiOptions, SiiUncertainty};
/// // A straight line in the relative rank: value = 70 + 10 b, equal populations.
/// let pops = [100.0; 5];
/// let values = [71.0, 73.0, 75.0, 77.0, 79.0];
/// let se = [1.0; 5];
/// let (sii, rii, intercept) = sii_point(&pops, &values, SiiUncertainty::StandardErrors(&se),
///                                       &SiiOptions::default())?;
/// assert!((sii - 10.0).abs() < 1e-12 && (intercept - 70.0).abs() < 1e-12);
/// assert!((rii - 80.0 / 70.0).abs() < 1e-12);
/// # Ok::<(), carestat::Error>(())
/// ```
pub fn sii_point(
    populations: &[f64],
    values: &[f64],
    uncertainty: SiiUncertainty<'_>,
    options: &SiiOptions,
) -> Result<(f64, f64, f64)> {
    check_options(uncertainty, options)?;
    let (vt, tr) = (options.value_type, options.transform);
    let p = prepare(populations, values, uncertainty, vt, tr)?;
    checked_point(&p, options)
}

/// A result from finite input that overflows (values near the largest double) is an error,
/// never infinity.
fn overflow_error() -> Error {
    Error::invalid(
        "values",
        "too large: the SII, RII, intercept or a limit overflows a double",
    )
}

/// [`point`], with an overflow an error.
fn checked_point(p: &Prepared, options: &SiiOptions) -> Result<(f64, f64, f64)> {
    let (sii, rii, intercept) = point(p, options);
    if [sii, rii, intercept].iter().any(|v| v.is_infinite()) {
        return Err(overflow_error());
    }
    Ok((sii, rii, intercept))
}

fn check_options(uncertainty: SiiUncertainty<'_>, options: &SiiOptions) -> Result<()> {
    check_multiplier(options.multiplier)?;
    if options.transform {
        if options.value_type == SiiValueType::Normal {
            return Err(Error::invalid(
                "transform",
                "needs a rate or proportion value type (there is nothing to transform)",
            ));
        }
        if matches!(uncertainty, SiiUncertainty::StandardErrors(_)) {
            return Err(Error::invalid(
                "transform",
                "needs 95% confidence limits, not standard errors",
            ));
        }
    }
    Ok(())
}

/// xoshiro256** seeded by splitmix64: small, fast and the same on every platform.
struct Rng([u64; 4]);

impl Rng {
    fn new(seed: u64) -> Self {
        let mut x = seed;
        let mut next = || {
            x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        Self([next(), next(), next(), next()])
    }

    fn next_u64(&mut self) -> u64 {
        let s = &mut self.0;
        let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// A standard normal deviate by inversion of a uniform in (0, 1).
    fn normal(&mut self) -> f64 {
        let u = ((self.next_u64() >> 11) as f64 + 0.5) * (1.0 / 9_007_199_254_740_992.0);
        normal_quantile(u)
    }
}

/// The simulated slopes (times the multiplier, or on the transformed scale) and RIIs of the
/// refitted regression, one per repetition; `None` when `stop` asked to end it.
fn simulate(
    p: &Prepared,
    (ci, cs): (&[f64], &[f64]),
    options: &SiiOptions,
    stop: &mut dyn FnMut() -> bool,
) -> Option<(Vec<f64>, Vec<f64>)> {
    let (reps, m, vt) = (options.repetitions, options.multiplier, options.value_type);
    let mut rng = Rng::new(options.seed);
    let mut y = vec![0.0; p.a.len()];
    let mut slopes = Vec::with_capacity(reps);
    let mut riis = Vec::with_capacity(reps);
    for rep in 0..reps {
        if rep % STOP_CHECK_REPETITIONS == 0 && rep > 0 && stop() {
            return None;
        }
        for ((yi, &t), &se) in y.iter_mut().zip(&p.t).zip(&p.se) {
            let draw = t + se * rng.normal();
            *yi = if options.transform {
                draw
            } else {
                vt.back(draw)
            };
        }
        let (b0, b1) = (dot(ci, &y), dot(cs, &y));
        if options.transform {
            slopes.push(b1);
        } else {
            slopes.push(m * b1);
            let rii = (b0 + b1) / b0;
            riis.push(if m < 0.0 { 1.0 / rii } else { rii });
        }
    }
    Some((slopes, riis))
}

/// R's `round` (half to even) of a position, as a 1-based index clamped to the data.
fn position(repetitions: usize, fraction: f64) -> usize {
    let pos = (repetitions as f64 * fraction).round_ties_even() as usize;
    pos.clamp(1, repetitions) - 1
}

/// The SII and RII of one area with simulated confidence limits at each level in
/// `confidence` (fractions or percentages, e.g. `[0.95, 0.998]`).
///
/// Rows are the quantiles in order (e.g. decile 1, most deprived, first); 5 to 100 of them.
/// Errors name the field and row: a missing, infinite or non-positive population, a missing
/// value, a negative or missing standard error or limit, a proportion outside 0..1 (and a
/// 95% limit, or with `transform` a value, of exactly 0 or 1, which have no logit), a rate
/// that is not positive, fewer than 1,000 or more than [`MAX_REPETITIONS`] repetitions.
///
/// ```
/// use carestat::sii::{sii, SiiOptions, SiiUncertainty};
/// let pops = [7291.0, 7997.0, 6105.0, 7666.0, 5790.0];
/// let values = [75.9, 78.3, 83.8, 83.6, 80.5];
/// let se = [1.64, 1.58, 1.51, 1.78, 1.70];
/// let options = SiiOptions { repetitions: 10_000, ..SiiOptions::default() };
/// let s = sii(&pops, &values, SiiUncertainty::StandardErrors(&se), &[0.95], &options)?;
/// let ci = s.intervals[0];
/// assert!(ci.sii_lower < s.sii && s.sii < ci.sii_upper);
/// # Ok::<(), carestat::Error>(())
/// ```
pub fn sii(
    populations: &[f64],
    values: &[f64],
    uncertainty: SiiUncertainty<'_>,
    confidence: &[f64],
    options: &SiiOptions,
) -> Result<Sii> {
    match sii_until(
        populations,
        values,
        uncertainty,
        confidence,
        options,
        &mut || false,
    )? {
        Some(s) => Ok(s),
        None => Err(Error::invalid("repetitions", "the simulation was stopped")),
    }
}

/// Repetitions simulated between two calls of the `stop` function of [`sii_until`].
pub const STOP_CHECK_REPETITIONS: usize = 1 << 16;

/// As [`sii`], for a caller that may have to stop a long simulation (a Ctrl-C in Python):
/// `stop` is called every [`STOP_CHECK_REPETITIONS`] repetitions, and when it returns true
/// the simulation ends at once with `Ok(None)`. Errors are those of [`sii`].
///
/// ```
/// use carestat::sii::{sii_until, SiiOptions, SiiUncertainty};
/// let pops = [7291.0, 7997.0, 6105.0, 7666.0, 5790.0];
/// let values = [75.9, 78.3, 83.8, 83.6, 80.5];
/// let se = [1.64, 1.58, 1.51, 1.78, 1.70];
/// let options = SiiOptions { repetitions: 1_000_000, ..SiiOptions::default() };
/// let mut calls = 0;
/// let s = sii_until(&pops, &values, SiiUncertainty::StandardErrors(&se), &[0.95], &options,
///     &mut || { calls += 1; calls == 2 })?;
/// assert!(s.is_none() && calls == 2);
/// # Ok::<(), carestat::Error>(())
/// ```
pub fn sii_until(
    populations: &[f64],
    values: &[f64],
    uncertainty: SiiUncertainty<'_>,
    confidence: &[f64],
    options: &SiiOptions,
    stop: &mut dyn FnMut() -> bool,
) -> Result<Option<Sii>> {
    check_options(uncertainty, options)?;
    let levels = confidence
        .iter()
        .map(|&c| Confidence::new(c))
        .collect::<Result<Vec<_>>>()?;
    if options.repetitions < 1000 {
        return Err(Error::TooFew {
            field: Field::new("repetitions"),
            needed: 1000,
            found: options.repetitions,
        });
    }
    if options.repetitions > MAX_REPETITIONS {
        return Err(Error::OutOfRange {
            field: Field::new("repetitions"),
            value: options.repetitions as f64,
            expected: "at most 10,000,000 (each repetition keeps two numbers per level)".into(),
        });
    }
    let (vt, tr) = (options.value_type, options.transform);
    let p = prepare(populations, values, uncertainty, vt, tr)?;
    let (sii_value, rii_value, intercept) = checked_point(&p, options)?;
    let (ci, cs) = regression_maps(&p.a, &p.b);
    let reps = options.repetitions;
    let m = options.multiplier;
    let vt = options.value_type;

    // Simulate: intercepts and slopes of the refitted regression.
    let Some((mut slopes, mut riis)) = simulate(&p, (&ci, &cs), options, stop) else {
        return Ok(None);
    };
    slopes.sort_unstable_by(f64::total_cmp);
    riis.sort_unstable_by(f64::total_cmp);

    let mid = if options.transform {
        let b0 = dot(&ci, &p.t);
        b0 + dot(&cs, &p.t) / 2.0
    } else {
        f64::NAN
    };
    let intervals = levels
        .iter()
        .map(|c| {
            let upper_fraction = c.level() + (1.0 - c.level()) / 2.0;
            let lo = position(reps, 1.0 - upper_fraction);
            let hi = position(reps, upper_fraction);
            if options.transform {
                // Back-transform the fitted values at 0 and 1 for each limiting slope.
                let at = |s: f64| {
                    let (y0, y1) = (vt.back(mid - s / 2.0), vt.back(mid + s / 2.0));
                    let rii = y1 / y0;
                    ((y1 - y0) * m, if m < 0.0 { 1.0 / rii } else { rii })
                };
                let (s_lo, r_lo) = at(slopes[lo]);
                let (s_hi, r_hi) = at(slopes[hi]);
                SiiInterval {
                    confidence: c.level(),
                    sii_lower: s_lo.min(s_hi),
                    sii_upper: s_lo.max(s_hi),
                    rii_lower: r_lo.min(r_hi),
                    rii_upper: r_lo.max(r_hi),
                }
            } else {
                SiiInterval {
                    confidence: c.level(),
                    sii_lower: slopes[lo],
                    sii_upper: slopes[hi],
                    rii_lower: riis[lo],
                    rii_upper: riis[hi],
                }
            }
        })
        .collect::<Vec<SiiInterval>>();
    let limits = intervals
        .iter()
        .flat_map(|i| [i.sii_lower, i.sii_upper, i.rii_lower, i.rii_upper]);
    if limits.into_iter().any(f64::is_infinite) {
        return Err(overflow_error());
    }
    Ok(Some(Sii {
        sii: sii_value,
        rii: rii_value,
        intercept,
        intervals,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn a_slope_beyond_the_doubles_is_an_error() {
        // Found by the ffi_abi fuzz target. Values from -1e308 to 1e308 across five equal
        // quintiles: the slope is about 5e308 / 0.8, beyond the doubles.
        let values = [-1e308, -5e307, 0.0, 5e307, 1e308];
        let u = SiiUncertainty::StandardErrors(&[1.0; 5]);
        let options = SiiOptions::default();
        assert!(sii_point(&[1.0; 5], &values, u, &options).is_err());
        // Values 1 to 5: the slope is 5 (4 over a rank range of 0.8).
        let values = [1.0, 2.0, 3.0, 4.0, 5.0];
        let (slope, _, _) = sii_point(&[1.0; 5], &values, u, &options).unwrap();
        assert_relative_eq!(slope, 5.0, max_relative = 1e-12);
    }

    #[test]
    fn proportion_limits_at_0_or_1_are_errors_not_nans() {
        // Issue 16: a 95% limit of exactly 0 or 1 is -inf / +inf on the logit scale, so the
        // standard error is infinite and every result (points too, with transform) was NaN.
        let pops = [100.0; 5];
        let values = [0.1, 0.2, 0.3, 0.4, 0.5];
        let lower = [0.0, 0.1, 0.2, 0.3, 0.4];
        let upper = [0.2, 0.3, 0.4, 0.5, 1.0];
        let limits = SiiUncertainty::Limits95 {
            lower: &lower,
            upper: &upper,
        };
        for transform in [false, true] {
            let options = SiiOptions {
                value_type: SiiValueType::Proportion,
                transform,
                repetitions: 1000,
                ..SiiOptions::default()
            };
            let e = sii(&pops, &values, limits, &[0.95], &options).unwrap_err();
            assert_eq!(e.field().unwrap().to_string(), "lower at row 0", "{e}");
            assert!(e.to_string().contains("strictly between 0 and 1"), "{e}");
            let e = sii_point(&pops, &values, limits, &options).unwrap_err();
            assert_eq!(e.field().unwrap().to_string(), "lower at row 0", "{e}");
        }
        let upper_only = [0.2, 0.3, 0.4, 0.5, 1.0];
        let inner_lower = [0.05, 0.1, 0.2, 0.3, 0.4];
        let options = SiiOptions {
            value_type: SiiValueType::Proportion,
            repetitions: 1000,
            ..SiiOptions::default()
        };
        let limits = SiiUncertainty::Limits95 {
            lower: &inner_lower,
            upper: &upper_only,
        };
        let e = sii(&pops, &values, limits, &[0.95], &options).unwrap_err();
        assert_eq!(e.field().unwrap().to_string(), "upper at row 4", "{e}");
        // A value of 0 with transform is -inf on the logit scale too.
        let zero_value = [0.0, 0.2, 0.3, 0.4, 0.5];
        let inner_upper = [0.2, 0.3, 0.4, 0.5, 0.6];
        let limits = SiiUncertainty::Limits95 {
            lower: &inner_lower,
            upper: &inner_upper,
        };
        let transformed = SiiOptions {
            transform: true,
            ..options
        };
        let e = sii_point(&pops, &zero_value, limits, &transformed).unwrap_err();
        assert_eq!(e.field().unwrap().to_string(), "values at row 0", "{e}");
        // Limits strictly inside (0, 1) still give finite results.
        let s = sii(&pops, &values, limits, &[0.95], &options).unwrap();
        assert!(s.sii.is_finite() && s.intervals[0].sii_lower.is_finite());
    }

    #[test]
    fn relative_ranks_are_cumulative_midpoints() {
        // Shares 0.1, 0.2, 0.3, 0.2, 0.2 -> midpoints 0.05, 0.2, 0.45, 0.7, 0.9
        let p = prepare(
            &[10.0, 20.0, 30.0, 20.0, 20.0],
            &[1.0; 5],
            SiiUncertainty::StandardErrors(&[0.0; 5]),
            SiiValueType::Normal,
            false,
        )
        .unwrap();
        for (got, want) in p.b.iter().zip([0.05, 0.2, 0.45, 0.7, 0.9]) {
            assert_relative_eq!(*got, want, max_relative = 1e-15);
        }
    }

    #[test]
    fn zero_standard_errors_give_a_degenerate_interval() {
        let s = sii(
            &[1.0; 5],
            &[1.0, 2.0, 3.0, 4.0, 5.0],
            SiiUncertainty::StandardErrors(&[0.0; 5]),
            &[0.95],
            &SiiOptions {
                repetitions: 1000,
                ..SiiOptions::default()
            },
        )
        .unwrap();
        // Equal shares: b = 0.1, 0.3, ..., 0.9; values = 0.5 + 5 b exactly.
        assert_relative_eq!(s.sii, 5.0, max_relative = 1e-12);
        assert_relative_eq!(s.intervals[0].sii_lower, 5.0, max_relative = 1e-12);
        assert_relative_eq!(s.intervals[0].sii_upper, 5.0, max_relative = 1e-12);
    }

    #[test]
    fn errors_name_field_and_row() {
        let se = SiiUncertainty::StandardErrors(&[1.0; 5]);
        let o = SiiOptions::default();
        let e = sii_point(&[1.0, 1.0, -1.0, 1.0, 1.0], &[1.0; 5], se, &o).unwrap_err();
        assert_eq!(
            e.to_string(),
            "populations at row 2: must be greater than zero (got -1)"
        );
        let e = sii_point(
            &[1.0; 4],
            &[1.0; 4],
            SiiUncertainty::StandardErrors(&[1.0; 4]),
            &o,
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "populations: 4 is out of range; expected between 5 and 100 quantiles"
        );
        let neg = [1.0, 1.0, 1.0, -0.5, 1.0];
        let e = sii_point(
            &[1.0; 5],
            &[1.0; 5],
            SiiUncertainty::StandardErrors(&neg),
            &o,
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "standard_errors at row 3: must not be negative (got -0.5)"
        );
        let o = SiiOptions {
            transform: true,
            ..SiiOptions::default()
        };
        assert!(sii_point(&[1.0; 5], &[1.0; 5], se, &o).is_err());
    }
}
