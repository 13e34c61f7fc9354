//! Funnel plots: control limits around the overall average (95%, "2 sigma", and 99.8%,
//! "3 sigma") and the significance of each area against them, as PHEindicatormethods
//! `calculate_funnel_limits`, `assign_funnel_significance` and `calculate_funnel_points`
//! (Fingertips technical guidance).
//!
//! * **Proportions**: the lines are where the Wilson score interval of a proportion just
//!   touches the average (closed form); areas are judged by the same rule.
//! * **Ratios** (observed / expected events) and **rates** (events / population, crude or
//!   directly standardised): the lines are exact Poisson limits, found as the reference finds
//!   them, by bisection on `v = z / (z + 1 + O)` to a step of `2^-24`; areas are judged by
//!   exact limits below 10 events and Byar's from 10.
//!
//! The plotted line has 100 points whose x values (population, observed events or events) are
//! spread geometrically over a rounded axis range, as in the reference, so a chart built from
//! either matches point for point.
//!
//! # Deliberate differences from the reference
//! * Proportion limits are clipped to `0..=multiplier` (0% to 100%). The reference clips to
//!   `0..=100` whatever the multiplier, which leaves limits above 100% when the multiplier
//!   is 1 and cuts them at 100 per 1,000 when it is 1,000. With a multiplier of 100 (every
//!   fixture) the two agree.
//! * For DSR significance the denominator is not needed for areas with no events (the
//!   reference asks for it but never uses it).
//!
//! Reference behaviour kept on purpose: ratio and rate significance uses Byar's limits from
//! 10 events while the lines are exact Poisson limits everywhere, so an area very close to a
//! line can be plotted on one side of it and classed on the other; and the line positions
//! come from the bisection above, which agrees with exact chi-squared quantiles to about
//! 1e-7 relative, not to full precision.

use crate::dist::{gamma_quantile, normal_quantile};
use crate::error::{check_len, Error, Field, Result};
use crate::poisson::{byars_lower_z, byars_upper_z, exact_lower, exact_upper};
use crate::Confidence;

/// Number of points on each funnel line.
pub const FUNNEL_POINTS: usize = 100;

/// Which ratio the lines are drawn for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RatioType {
    /// `observed / expected - 1` (an excess; 0 is the average).
    Count,
    /// Indirectly standardised ratio `observed / expected × 100`.
    Isr,
}

/// Which rate the lines are drawn for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateType {
    /// Directly standardised rates (the population is derived from events and rate).
    Dsr,
    /// Crude rates.
    Crude,
}

/// One point of the funnel lines.
///
/// `x` is the population (proportions), the observed events (ratios) or the events (rates).
/// The `*_denominator` fields are, for ratios, the expected events at which an area with
/// `x` observed events sits on the line, and for rates the population per year; they are
/// NaN for proportions. `baseline` is NaN for ratios (the reference gives none).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FunnelPoint {
    /// Population, observed events or events.
    pub x: f64,
    /// Lower 95% (2 sigma, 0.025) limit.
    pub lower_2s_limit: f64,
    /// Upper 95% limit.
    pub upper_2s_limit: f64,
    /// Lower 99.8% (3 sigma, 0.001) limit.
    pub lower_3s_limit: f64,
    /// Upper 99.8% limit.
    pub upper_3s_limit: f64,
    /// The average the funnel is drawn around, times the multiplier.
    pub baseline: f64,
    /// Expected events (ratios) or yearly population (rates) on the lower 95% line.
    pub lower_2s_denominator: f64,
    /// ... on the upper 95% line.
    pub upper_2s_denominator: f64,
    /// ... on the lower 99.8% line.
    pub lower_3s_denominator: f64,
    /// ... on the upper 99.8% line.
    pub upper_3s_denominator: f64,
}

/// Where an area sits against the funnel lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u32)]
pub enum Significance {
    /// Above the 99.8% line.
    High001 = 1,
    /// Above the 95% line only.
    High025 = 2,
    /// Below the 99.8% line.
    Low001 = 3,
    /// Below the 95% line only.
    Low025 = 4,
    /// Within the 95% lines.
    NotSignificant = 5,
    /// Not judged: a directly standardised rate from fewer than 10 events.
    NotApplicable = 6,
}

impl Significance {
    /// The label the reference prints, e.g. `"High (0.001)"`.
    ///
    /// ```
    /// use carestat::funnel::Significance;
    /// assert_eq!(Significance::Low025.label(), "Low (0.025)");
    /// ```
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::High001 => "High (0.001)",
            Self::High025 => "High (0.025)",
            Self::Low001 => "Low (0.001)",
            Self::Low025 => "Low (0.025)",
            Self::NotSignificant => "Not significant",
            Self::NotApplicable => "Not applicable for events less than 10 for dsrs",
        }
    }

    /// The stable numeric code (as in the C ABI).
    #[must_use]
    pub const fn code(self) -> u32 {
        self as u32
    }
}

// ---------------------------------------------------------------------------------------
// Input checks

fn present(field: &'static str, row: usize, v: f64) -> Result<f64> {
    if v.is_nan() {
        return Err(Error::invalid(
            Field::new(field).at(row),
            "must not be missing (funnels need every area)",
        ));
    }
    if v.is_infinite() {
        return Err(Error::NotFinite {
            field: Field::new(field).at(row),
            value: v,
        });
    }
    Ok(v)
}

/// Checks the event counts, called `field` in messages (`numerators`, `observed`).
fn check_numerators(field: &'static str, numerators: &[f64]) -> Result<()> {
    for (i, &x) in numerators.iter().enumerate() {
        if present(field, i, x)? < 0.0 {
            return Err(Error::Negative {
                field: Field::new(field).at(i),
                value: x,
            });
        }
    }
    Ok(())
}

fn check_denominators(field: &'static str, denominators: &[f64]) -> Result<()> {
    for (i, &n) in denominators.iter().enumerate() {
        if present(field, i, n)? <= 0.0 {
            return Err(Error::NotPositive {
                field: Field::new(field).at(i),
                value: n,
            });
        }
    }
    Ok(())
}

fn check_not_empty(field: &'static str, numerators: &[f64]) -> Result<()> {
    if numerators.is_empty() {
        return Err(Error::TooFew {
            field: Field::new(field),
            needed: 1,
            found: 0,
        });
    }
    Ok(())
}

fn check_proportion_inputs(numerators: &[f64], denominators: &[f64]) -> Result<()> {
    check_len(
        "denominators",
        denominators.len(),
        "numerators",
        numerators.len(),
    )?;
    check_not_empty("numerators", numerators)?;
    check_numerators("numerators", numerators)?;
    check_denominators("denominators", denominators)?;
    for (i, (&x, &n)) in numerators.iter().zip(denominators).enumerate() {
        if x > n {
            return Err(Error::NumeratorAboveDenominator {
                field: Field::new("numerators").at(i),
                numerator: x,
                denominator: n,
            });
        }
    }
    Ok(())
}

fn check_multiplier(multiplier: f64) -> Result<()> {
    crate::estimate::check_multiplier(multiplier)
}

// ---------------------------------------------------------------------------------------
// The reference's helpers, reproduced

/// Number of characters R prints for a whole number `x >= 0` (`nchar(x)`), which switches to
/// scientific notation when that is shorter: `nchar(100000)` is 5 (`"1e+05"`).
fn r_nchar_whole(x: f64) -> i32 {
    if x < 1.0 {
        return 1;
    }
    let digits = x.log10().floor() as i32 + 1;
    // Correct floating log10 at exact powers of ten.
    let digits = if 10f64.powi(digits - 1) > x {
        digits - 1
    } else if 10f64.powi(digits) <= x {
        digits + 1
    } else {
        digits
    };
    // Significant digits (at most 15, R's default precision).
    let mut sig = digits.min(15);
    while sig > 1 {
        let scale = 10f64.powi(digits - sig + 1);
        if (x / scale).fract() != 0.0 {
            break;
        }
        sig -= 1;
    }
    let exponent_width = if digits > 100 { 5 } else { 4 };
    let sci = if sig == 1 { 1 } else { sig + 1 } + exponent_width;
    if digits <= sci {
        digits
    } else {
        sci
    }
}

/// The reference's `signif.floor`: rounds `0.95 x` down to its leading digit.
fn signif_floor(x: f64) -> f64 {
    if x == 0.0 {
        return 0.0;
    }
    let scaled = x * 0.95;
    if scaled.is_infinite() {
        // Beyond the doubles already (a population divided by a fraction of a year): no
        // axis, and the top of the axis is as infinite (the callers report it).
        return scaled;
    }
    let n = r_nchar_whole(scaled.floor()) - 1;
    let p = 10f64.powi(n);
    (scaled / p).floor() * p
}

/// The reference's `signif.ceiling`: rounds `1.05 x` up to its two leading digits.
fn signif_ceiling(x: f64) -> f64 {
    if x == 0.0 {
        return 0.0;
    }
    let scaled = x * 1.05;
    if scaled.is_infinite() {
        // Within 5% of the largest double: no axis (the callers report it).
        return scaled;
    }
    let n = r_nchar_whole(scaled.ceil()) - 2;
    let p = 10f64.powi(n);
    (scaled / p).ceil() * p
}

/// The top of the x axis, or an error naming `field` when it is beyond the doubles (a
/// denominator within 5% of the largest double).
fn finite_axis(field: &'static str, axis_max: f64) -> Result<f64> {
    if axis_max.is_finite() {
        Ok(axis_max)
    } else {
        Err(Error::invalid(
            field,
            "too large: the funnel's axis (5% above the largest value) overflows a double",
        ))
    }
}

/// Funnel lines whose limits or denominators went beyond the doubles (populations of 1e-306,
/// say) are an error, never infinity.
fn finite_lines(lines: Vec<FunnelPoint>) -> Result<Vec<FunnelPoint>> {
    for p in &lines {
        let values = [
            p.x,
            p.lower_2s_limit,
            p.upper_2s_limit,
            p.lower_3s_limit,
            p.upper_3s_limit,
            p.baseline,
            p.lower_2s_denominator,
            p.upper_2s_denominator,
            p.lower_3s_denominator,
            p.upper_3s_denominator,
        ];
        if values.iter().any(|v| v.is_infinite()) {
            return Err(Error::invalid(
                "denominators",
                "out of scale: the funnel lines overflow a double",
            ));
        }
    }
    Ok(lines)
}

/// The 100 x values: geometric steps from `max(1, minimum)` to `maximum`, rounded (half to
/// even, as R's `round`), each at least one more than the last. `offset` is 0 for
/// proportions and rates and 1 for ratios (the reference's `j` and `j - 1`).
fn axis_points(minimum: f64, maximum: f64, offset: usize) -> Vec<f64> {
    let mut points = Vec::with_capacity(FUNNEL_POINTS);
    points.push(minimum.max(1.0));
    for j in 2..=FUNNEL_POINTS {
        let prev = points[j - 2];
        let exponent = 1.0 / (101 - (j - offset)) as f64;
        let next = ((maximum / prev).powf(exponent) * prev).round_ties_even();
        points.push(next.max(prev + 1.0));
    }
    points
}

/// The reference's `sigma_adjustment`: the proportion (times `multiplier`) at which the
/// Wilson limit of an area of size `population` touches `average`; `p` is 0.975 or 0.999.
fn sigma_adjustment(p: f64, population: f64, average: f64, high: bool, multiplier: f64) -> f64 {
    let z = normal_quantile(p);
    let z2 = z * z;
    let first = average * (population / z2 + 1.0);
    let adj = ((-8.0 * average * (population / z2 + 1.0)).powi(2)
        - 64.0
            * (1.0 / z2 + 1.0 / population)
            * average
            * (population * (average * (population / z2 + 2.0) - 1.0) + z2 * (average - 1.0)))
        .sqrt();
    let last = 1.0 / z2 + 1.0 / population;
    let side = if high {
        (first + adj / 8.0) / last
    } else {
        (first - adj / 8.0) / last
    };
    side / population * multiplier
}

/// `P(a <= X <= b)` for `X ~ Poisson(z)`, summed as the reference (and the Fingertips macro
/// before it) sums it, so that the bisection below takes the same steps.
fn poisson_cis(z: f64, a: f64, b: f64) -> f64 {
    let (mut q, mut tot, mut s, mut k) = (1.0_f64, 0.0_f64, 0.0_f64, 0.0_f64);
    while k <= z || q > tot * 1e-10 {
        tot += q;
        if k >= a && k <= b {
            s += q;
        }
        if tot > 1e30 {
            s /= 1e30;
            tot /= 1e30;
            q /= 1e30;
        }
        k += 1.0;
        q = q * z / k;
    }
    s / tot
}

/// Above this many events the bisection compares with the exact Poisson mean from the
/// regularised gamma function instead of summing the series (same decisions except within
/// about 1e-10 of a bisection point; the series would cost O(events) per step).
const SERIES_MAX_EVENTS: f64 = 10_000.0;

/// The reference's `poisson_funnel`: the Poisson mean `z` at which `obs` events sit on the
/// line with tail probability `p` (`high` for the line below the area, where
/// `P(X <= obs) = p`; low for `P(X >= obs) = p`).
fn poisson_funnel(obs: f64, p: f64, high: bool) -> f64 {
    let series = obs <= SERIES_MAX_EVENTS;
    let root = if series {
        f64::NAN
    } else if high {
        gamma_quantile(obs + 1.0, p, false)
    } else {
        gamma_quantile(obs, p, true)
    };
    let (mut v, mut dv) = (0.5_f64, 0.5_f64);
    while dv > 1e-7 {
        dv /= 2.0;
        let z = (1.0 + obs) * v / (1.0 - v);
        let go_down = if !series {
            z > root
        } else if high {
            poisson_cis(z, 0.0, obs) < p
        } else {
            poisson_cis(z, obs, 1e10) > p
        };
        if go_down {
            v -= dv;
        } else {
            v += dv;
        }
    }
    (1.0 + obs) * v / (1.0 - v)
}

/// The reference's `funnel_ratio_significance`: exact (below 10) or Byar's limit of `obs`
/// at confidence `c`, divided by `expected`.
fn count_limit(obs: f64, expected: f64, c: Confidence, high: bool) -> f64 {
    let limit = if !high && obs == 0.0 {
        0.0
    } else if obs < 10.0 {
        if high {
            exact_upper(obs, c)
        } else {
            exact_lower(obs, c)
        }
    } else if high {
        byars_upper_z(obs, c.z())
    } else {
        // Not clamped at zero (from 10 events it is positive anyway).
        let z = c.z();
        byars_lower_z(obs, z)
            .unwrap_or_else(|| obs * (1.0 - 1.0 / (9.0 * obs) - z / (3.0 * obs.sqrt())).powi(3))
    };
    limit / expected
}

/// Which lines a value lies beyond: `(below 99.8%, below 95%, above 99.8%, above 95%)`.
type Beyond = (bool, bool, bool, bool);

/// Classifies a value against the two pairs of lines, low side first (the reference's order
/// for proportions).
fn classify((below_3s, below_2s, above_3s, above_2s): Beyond) -> Significance {
    if below_3s {
        Significance::Low001
    } else if below_2s {
        Significance::Low025
    } else if above_3s {
        Significance::High001
    } else if above_2s {
        Significance::High025
    } else {
        Significance::NotSignificant
    }
}

// ---------------------------------------------------------------------------------------
// Proportions

/// Funnel lines for proportions: the overall average `Σ numerators / Σ denominators` and, at
/// 100 population sizes, the proportions (times `multiplier`) on the 95% and 99.8% lines.
///
/// Errors name the row of the first negative or missing numerator, non-positive or missing
/// denominator, or numerator above its denominator.
///
/// ```
/// use carestat::funnel::proportion_funnel_limits;
/// let points = proportion_funnel_limits(&[80.0, 450.0, 700.0], &[100.0, 500.0, 1000.0], 100.0)?;
/// assert_eq!(points.len(), 100);
/// let p = points[50];
/// assert!(p.lower_3s_limit < p.lower_2s_limit && p.lower_2s_limit < p.baseline);
/// assert!(p.baseline < p.upper_2s_limit && p.upper_2s_limit < p.upper_3s_limit);
/// # Ok::<(), carestat::Error>(())
/// ```
pub fn proportion_funnel_limits(
    numerators: &[f64],
    denominators: &[f64],
    multiplier: f64,
) -> Result<Vec<FunnelPoint>> {
    check_multiplier(multiplier)?;
    check_proportion_inputs(numerators, denominators)?;
    let average = numerators.iter().sum::<f64>() / denominators.iter().sum::<f64>();
    let (min, max) = min_max(denominators.iter().copied());
    let axis_min = if max > 2.0 * min {
        0.0
    } else {
        signif_floor(min)
    };
    let axis_max = finite_axis("denominators", signif_ceiling(max))?;
    let clip = |v: f64, upper: bool| {
        if v.is_nan() {
            v
        } else if upper {
            v.min(multiplier)
        } else {
            v.max(0.0)
        }
    };
    finite_lines(
        axis_points(axis_min, axis_max, 0)
            .into_iter()
            .map(|pop| FunnelPoint {
                x: pop,
                lower_2s_limit: clip(
                    sigma_adjustment(0.975, pop, average, false, multiplier),
                    false,
                ),
                upper_2s_limit: clip(
                    sigma_adjustment(0.975, pop, average, true, multiplier),
                    true,
                ),
                lower_3s_limit: clip(
                    sigma_adjustment(0.999, pop, average, false, multiplier),
                    false,
                ),
                upper_3s_limit: clip(
                    sigma_adjustment(0.999, pop, average, true, multiplier),
                    true,
                ),
                baseline: average * multiplier,
                lower_2s_denominator: f64::NAN,
                upper_2s_denominator: f64::NAN,
                lower_3s_denominator: f64::NAN,
                upper_3s_denominator: f64::NAN,
            })
            .collect(),
    )
}

fn min_max(values: impl Iterator<Item = f64>) -> (f64, f64) {
    values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        if v.is_nan() {
            (lo, hi)
        } else {
            (lo.min(v), hi.max(v))
        }
    })
}

/// Significance of each area's proportion against the funnel around the overall average.
///
/// ```
/// use carestat::funnel::{proportion_funnel_significance, Significance};
/// let s = proportion_funnel_significance(&[10232.0, 12321.0, 15123.0, 13213.0],
///                                        &[15232.0, 16123.0, 17932.0, 18475.0])?;
/// assert_eq!(s[2], Significance::High001);
/// # Ok::<(), carestat::Error>(())
/// ```
pub fn proportion_funnel_significance(
    numerators: &[f64],
    denominators: &[f64],
) -> Result<Vec<Significance>> {
    check_proportion_inputs(numerators, denominators)?;
    let average = numerators.iter().sum::<f64>() / denominators.iter().sum::<f64>();
    Ok(numerators
        .iter()
        .zip(denominators)
        .map(|(&x, &n)| {
            let p = x / n;
            classify((
                p < sigma_adjustment(0.999, n, average, false, 1.0),
                p < sigma_adjustment(0.975, n, average, false, 1.0),
                p > sigma_adjustment(0.999, n, average, true, 1.0),
                p > sigma_adjustment(0.975, n, average, true, 1.0),
            ))
        })
        .collect())
}

// ---------------------------------------------------------------------------------------
// Ratios

/// Funnel lines for ratios of observed to expected events: at 100 observed counts spread
/// over the range of the expected counts, the expected counts (and ratios) on each line.
///
/// ```
/// use carestat::funnel::{ratio_funnel_limits, RatioType};
/// let points = ratio_funnel_limits(&[8.0, 151.0, 159.0], &[6.2, 106.4, 232.9], RatioType::Isr)?;
/// assert_eq!(points[0].x, 1.0);
/// assert!(points[99].lower_2s_limit < 100.0 && points[99].upper_2s_limit > 100.0);
/// # Ok::<(), carestat::Error>(())
/// ```
pub fn ratio_funnel_limits(
    observed: &[f64],
    expected: &[f64],
    ratio_type: RatioType,
) -> Result<Vec<FunnelPoint>> {
    check_len("expected", expected.len(), "observed", observed.len())?;
    check_not_empty("observed", observed)?;
    check_numerators("observed", observed)?;
    check_denominators("expected", expected)?;
    let (min, max) = min_max(expected.iter().copied());
    let axis_min = if max > 2.0 * min {
        0.0
    } else {
        signif_floor(min)
    };
    let axis_max = finite_axis("expected", signif_ceiling(max))?;
    let finish = |ratio: f64| match ratio_type {
        RatioType::Count => ratio - 1.0,
        RatioType::Isr => ratio * 100.0,
    };
    finite_lines(
        axis_points(axis_min, axis_max, 1)
            .into_iter()
            .map(|o| {
                let l2 = poisson_funnel(o, 0.025, true);
                let u2 = poisson_funnel(o, 0.025, false);
                let l3 = poisson_funnel(o, 0.001, true);
                let u3 = poisson_funnel(o, 0.001, false);
                FunnelPoint {
                    x: o,
                    lower_2s_limit: finish(o / l2),
                    upper_2s_limit: finish(o / u2),
                    lower_3s_limit: finish(o / l3),
                    upper_3s_limit: finish(o / u3),
                    baseline: f64::NAN,
                    lower_2s_denominator: l2,
                    upper_2s_denominator: u2,
                    lower_3s_denominator: l3,
                    upper_3s_denominator: u3,
                }
            })
            .collect(),
    )
}

/// Significance of each area's ratio of observed to expected events against 1.
///
/// ```
/// use carestat::funnel::{ratio_funnel_significance, Significance};
/// let s = ratio_funnel_significance(&[8.0, 151.0, 159.0], &[6.24, 106.44, 232.93])?;
/// assert_eq!(s, vec![Significance::NotSignificant, Significance::High001, Significance::Low001]);
/// # Ok::<(), carestat::Error>(())
/// ```
pub fn ratio_funnel_significance(observed: &[f64], expected: &[f64]) -> Result<Vec<Significance>> {
    check_len("expected", expected.len(), "observed", observed.len())?;
    check_numerators("observed", observed)?;
    check_denominators("expected", expected)?;
    Ok(observed
        .iter()
        .zip(expected)
        .map(|(&o, &e)| judge_counts(o, e, 1.0))
        .collect())
}

/// Judges `obs` events against `average × denominator` expected.
fn judge_counts(obs: f64, denominator: f64, average: f64) -> Significance {
    if denominator.is_nan() {
        return Significance::NotSignificant;
    }
    let c95 = Confidence::NINETY_FIVE;
    let c998 = Confidence::NINETY_NINE_POINT_EIGHT;
    // High: the lower limit of the ratio is above the average, and so on.
    let high_3s = average < count_limit(obs, denominator, c998, false);
    let high_2s = average < count_limit(obs, denominator, c95, false);
    let low_3s = average > count_limit(obs, denominator, c998, true);
    let low_2s = average > count_limit(obs, denominator, c95, true);
    // The reference tests High first for ratios and rates.
    if high_3s {
        Significance::High001
    } else if high_2s {
        Significance::High025
    } else if low_3s {
        Significance::Low001
    } else if low_2s {
        Significance::Low025
    } else {
        Significance::NotSignificant
    }
}

// ---------------------------------------------------------------------------------------
// Rates

fn check_rate_inputs(
    numerators: &[f64],
    rates: &[f64],
    denominators: Option<&[f64]>,
    rate_type: RateType,
    multiplier: f64,
) -> Result<()> {
    check_multiplier(multiplier)?;
    check_len("rates", rates.len(), "numerators", numerators.len())?;
    check_not_empty("numerators", numerators)?;
    check_numerators("numerators", numerators)?;
    if let Some(d) = denominators {
        check_len("denominators", d.len(), "numerators", numerators.len())?;
        check_denominators("denominators", d)?;
    }
    for (i, (&x, &r)) in numerators.iter().zip(rates).enumerate() {
        if r.is_infinite() {
            // Also where there are no events: the rate is plotted as given.
            return Err(Error::NotFinite {
                field: Field::new("rates").at(i),
                value: r,
            });
        }
        if x > 0.0 && present("rates", i, r)? <= 0.0 {
            return Err(Error::NotPositive {
                field: Field::new("rates").at(i),
                value: r,
            });
        }
        if x > 0.0 && (multiplier * x / r).is_infinite() {
            return Err(overflow(Field::new("rates").at(i)));
        }
        if x == 0.0 && rate_type == RateType::Crude && denominators.is_none() {
            return Err(Error::invalid(
                Field::new("denominators").at(i),
                "needed for crude rates where an area has no events (the population cannot \
                 be derived from a rate of zero)",
            ));
        }
    }
    Ok(())
}

/// The error for a derived population beyond the doubles (1e300 events at a rate of 1e-300).
fn overflow(field: Field) -> Error {
    Error::invalid(
        field,
        "too small for its events: the derived population overflows a double",
    )
}

/// The population behind each rate: `multiplier × events / rate`; for areas with no events,
/// the given denominator (crude) or missing (DSR).
fn derived_denominators(
    numerators: &[f64],
    rates: &[f64],
    denominators: Option<&[f64]>,
    rate_type: RateType,
    multiplier: f64,
) -> Vec<f64> {
    numerators
        .iter()
        .zip(rates)
        .enumerate()
        .map(|(i, (&x, &r))| {
            if x == 0.0 {
                match (rate_type, denominators) {
                    (RateType::Crude, Some(d)) => d[i],
                    _ => f64::NAN,
                }
            } else {
                multiplier * x / r
            }
        })
        .collect()
}

/// Funnel lines for rates (events per population): at 100 event counts spread over the
/// range of the areas' yearly populations times the average rate, the yearly populations
/// and rates (per `multiplier`) on each line.
///
/// The population of each area is derived from its events and rate
/// (`multiplier × events / rate`), so DSRs can be plotted; `denominators` are needed only for
/// crude rates of areas with no events. `years_of_data` is how many years the counts cover.
///
/// ```
/// use carestat::funnel::{rate_funnel_limits, RateType};
/// let points = rate_funnel_limits(&[414.0, 462.0, 178.0], &[184.0, 102.0, 83.0], None,
///                                 RateType::Dsr, 100_000.0, 3.0)?;
/// assert!(points.iter().all(|p| p.lower_2s_limit < p.baseline && p.baseline < p.upper_2s_limit));
/// # Ok::<(), carestat::Error>(())
/// ```
pub fn rate_funnel_limits(
    numerators: &[f64],
    rates: &[f64],
    denominators: Option<&[f64]>,
    rate_type: RateType,
    multiplier: f64,
    years_of_data: f64,
) -> Result<Vec<FunnelPoint>> {
    check_rate_inputs(numerators, rates, denominators, rate_type, multiplier)?;
    if !years_of_data.is_finite() || years_of_data <= 0.0 {
        return Err(Error::NotPositive {
            field: "years_of_data".into(),
            value: years_of_data,
        });
    }
    let derived = derived_denominators(numerators, rates, denominators, rate_type, multiplier);
    let total: f64 = derived.iter().filter(|d| !d.is_nan()).sum();
    let average = numerators.iter().sum::<f64>() / total;
    let (min, max) = min_max(derived.iter().copied());
    if !min.is_finite() {
        return Err(Error::invalid(
            "numerators",
            "no area has events, so there is no population to draw the funnel over",
        ));
    }
    let axis_min = if max > 2.0 * min {
        0.0
    } else {
        signif_floor(min / years_of_data) * years_of_data
    };
    let axis_max = signif_ceiling(max / years_of_data) * years_of_data;
    let axis_min = (axis_min * average).floor();
    let axis_max = finite_axis("rates", (axis_max * average).ceil())?;
    finite_lines(
        axis_points(axis_min, axis_max, 0)
            .into_iter()
            .map(|events| {
                let pop = |p: f64, high: bool| poisson_funnel(events, p, high) / average;
                let (l2, u2, l3, u3) = (
                    pop(0.025, true),
                    pop(0.025, false),
                    pop(0.001, true),
                    pop(0.001, false),
                );
                FunnelPoint {
                    x: events,
                    lower_2s_limit: events / l2 * multiplier,
                    upper_2s_limit: events / u2 * multiplier,
                    lower_3s_limit: events / l3 * multiplier,
                    upper_3s_limit: events / u3 * multiplier,
                    baseline: average * multiplier,
                    lower_2s_denominator: l2 / years_of_data,
                    upper_2s_denominator: u2 / years_of_data,
                    lower_3s_denominator: l3 / years_of_data,
                    upper_3s_denominator: u3 / years_of_data,
                }
            })
            .collect(),
    )
}

/// Significance of each area's rate against the funnel around the overall (population
/// weighted) average rate. DSRs from fewer than 10 events are
/// [`Significance::NotApplicable`].
///
/// ```
/// use carestat::funnel::{rate_funnel_significance, RateType, Significance};
/// let s = rate_funnel_significance(&[2419.0, 5.0, 2000.0], &[907.6, 800.0, 700.0], None,
///                                  RateType::Dsr, 100_000.0)?;
/// assert_eq!(s[1], Significance::NotApplicable);
/// # Ok::<(), carestat::Error>(())
/// ```
pub fn rate_funnel_significance(
    numerators: &[f64],
    rates: &[f64],
    denominators: Option<&[f64]>,
    rate_type: RateType,
    multiplier: f64,
) -> Result<Vec<Significance>> {
    check_rate_inputs(numerators, rates, denominators, rate_type, multiplier)?;
    let derived = derived_denominators(numerators, rates, denominators, rate_type, multiplier);
    let total: f64 = derived.iter().filter(|d| !d.is_nan()).sum();
    let average = numerators.iter().sum::<f64>() / total;
    Ok(numerators
        .iter()
        .zip(&derived)
        .map(|(&x, &d)| {
            if rate_type == RateType::Dsr && x < 10.0 {
                Significance::NotApplicable
            } else {
                judge_counts(x, d, average)
            }
        })
        .collect())
}

/// The points to plot for rates (the reference's `calculate_funnel_points`): each area's rate
/// and yearly population, `(rate, population per year)`. DSRs from fewer than 10 events are
/// not plotted (both NaN); crude rates of areas with no events use the given denominator.
///
/// ```
/// use carestat::funnel::{rate_funnel_points, RateType};
/// let pts = rate_funnel_points(&[414.0, 5.0], &[184.0, 100.0], None, RateType::Dsr, 100_000.0, 3.0)?;
/// assert!((pts[0].1 - 75_000.0).abs() < 1e-9);
/// assert!(pts[1].0.is_nan());
/// # Ok::<(), carestat::Error>(())
/// ```
pub fn rate_funnel_points(
    numerators: &[f64],
    rates: &[f64],
    denominators: Option<&[f64]>,
    rate_type: RateType,
    multiplier: f64,
    years_of_data: f64,
) -> Result<Vec<(f64, f64)>> {
    check_rate_inputs(numerators, rates, denominators, rate_type, multiplier)?;
    if !years_of_data.is_finite() || years_of_data <= 0.0 {
        return Err(Error::NotPositive {
            field: "years_of_data".into(),
            value: years_of_data,
        });
    }
    numerators
        .iter()
        .zip(rates)
        .enumerate()
        .map(|(i, (&x, &r))| {
            let point = match rate_type {
                RateType::Dsr if x < 10.0 => (f64::NAN, f64::NAN),
                RateType::Dsr => (r, multiplier * x / r / years_of_data),
                RateType::Crude => {
                    let pop = if x == 0.0 {
                        denominators.map_or(f64::NAN, |d| d[i]) / years_of_data
                    } else {
                        multiplier * x / r / years_of_data
                    };
                    (r, pop)
                }
            };
            if point.1.is_infinite() {
                // Divided by a years_of_data below 1, a population can still overflow.
                return Err(overflow(Field::new("rates").at(i)));
            }
            Ok(point)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_crude_area_without_events_keeps_its_population_when_its_rate_is_missing() {
        // Found by the ffi_abi fuzz target, whose own check was too strict. The reference
        // (calculate_funnel_points): denominator_derived = denominator when the numerator is
        // 0, whatever the rate, and rate_chart = rate. So a missing rate with 0 events plots
        // no rate but keeps its population, and a DSR point is all or nothing.
        let p = rate_funnel_points(
            &[0.0],
            &[f64::NAN],
            Some(&[2000.0]),
            RateType::Crude,
            1e5,
            2.0,
        )
        .unwrap();
        assert!(p[0].0.is_nan());
        assert_eq!(p[0].1, 1000.0); // 2000 people over 2 years of data
    }

    #[test]
    fn a_derived_population_beyond_the_doubles_is_an_error() {
        // Found by the ffi_abi fuzz target. 20 events at a rate of 1e-300 per 100,000:
        // 100,000 × 20 / 1e-300 = 2e306 people; over 1e-3 years, 2e309, beyond the doubles.
        let points =
            |years| rate_funnel_points(&[20.0], &[1e-300], None, RateType::Dsr, 100_000.0, years);
        assert!(points(1e-3).is_err());
        assert_eq!(points(1.0).unwrap(), vec![(1e-300, 2e306)]);
        // A rate of 1e-305: 2e311 people already before the years.
        let huge = [1e-305];
        assert!(rate_funnel_points(&[20.0], &huge, None, RateType::Dsr, 1e5, 1.0).is_err());
        assert!(rate_funnel_limits(&[20.0], &huge, None, RateType::Dsr, 1e5, 1.0).is_err());
        // An infinite rate is an error even for an area with no events (whose rate the
        // points would otherwise carry through).
        let crude = |rate: f64| {
            rate_funnel_points(&[0.0], &[rate], Some(&[100.0]), RateType::Crude, 1e5, 1.0)
        };
        assert!(crude(f64::NEG_INFINITY).is_err());
        assert_eq!(crude(0.0).unwrap(), vec![(0.0, 100.0)]);
    }

    #[test]
    fn an_axis_beyond_the_doubles_is_an_error_not_a_panic() {
        // Found by the ffi_abi fuzz target: 1.05 × 1.75e308 overflows, and counting its
        // digits overflowed an integer.
        let big = [1.75e308];
        assert!(proportion_funnel_limits(&[1.0], &big, 100.0).is_err());
        assert!(ratio_funnel_limits(&[1.0], &big, RatioType::Isr).is_err());
        // 1.6e308 × 1.05 = 1.68e308 is still a double.
        assert!(proportion_funnel_limits(&[1.0], &[1.6e308], 100.0).is_ok());
        // 20 events at a rate of 1 per 1e5 are 2e6 people; over 1e-303 years, 2e309 a year.
        let rates = rate_funnel_limits(&[20.0], &[1.0], None, RateType::Dsr, 1e5, 1e-303);
        assert!(rates.is_err());
        // A population of 1.6e-306 a year (a crude rate of 3.4e7 per 5.4e-299 from 1 event):
        // the 99.8% line's rate at one event overflows.
        let lines = rate_funnel_limits(
            &[1.0],
            &[33_686_018.0],
            None,
            RateType::Crude,
            5.4e-299,
            1.09e99,
        );
        assert!(lines.is_err());
    }

    #[test]
    fn r_nchar_switches_to_scientific_when_shorter() {
        assert_eq!(r_nchar_whole(0.0), 1);
        assert_eq!(r_nchar_whole(9.0), 1);
        assert_eq!(r_nchar_whole(1000.0), 4);
        assert_eq!(r_nchar_whole(10000.0), 5); // "10000" and "1e+04" are both 5
        assert_eq!(r_nchar_whole(100_000.0), 5); // "1e+05"
        assert_eq!(r_nchar_whole(120_000.0), 6); // "120000" beats "1.2e+05"
        assert_eq!(r_nchar_whole(123_456.0), 6);
        assert_eq!(r_nchar_whole(3_000_000.0), 5); // "3e+06"
    }

    #[test]
    fn signif_rounding() {
        // floor(0.95 * 41980) = 39881 -> 5 chars -> floor(39881 / 1e4) * 1e4 = 30000
        assert_eq!(signif_floor(41980.0), 30000.0);
        // ceil(1.05 * 61921) = 65018 -> 5 chars -> n = 3 -> ceil(65.01705) * 1000 = 66000
        assert_eq!(signif_ceiling(61921.0), 66000.0);
    }

    #[test]
    fn bisection_agrees_with_exact_poisson_limits_to_its_step() {
        // The bisection works on v = z / (z + 1 + obs) and stops at a step of 2^-24.
        let v = |z: f64, obs: f64| z / (z + 1.0 + obs);
        for &obs in &[1.0, 5.0, 30.0, 400.0, 9000.0, 20000.0] {
            let exact = gamma_quantile(obs + 1.0, 0.025, false);
            let got = poisson_funnel(obs, 0.025, true);
            assert!(
                (v(got, obs) - v(exact, obs)).abs() <= 2f64.powi(-23),
                "{obs}"
            );
            let exact = gamma_quantile(obs, 0.001, true);
            let got = poisson_funnel(obs, 0.001, false);
            assert!(
                (v(got, obs) - v(exact, obs)).abs() <= 2f64.powi(-23),
                "{obs}"
            );
        }
    }

    #[test]
    fn errors_name_field_and_row() {
        let e =
            proportion_funnel_significance(&[65.0, 80.0, 30.0], &[100.0, 100.0, 0.0]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "denominators at row 2: must be greater than zero (got 0)"
        );
        let e = proportion_funnel_significance(&[65.0, -80.0, 30.0], &[100.0, 100.0, 200.0])
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "numerators at row 1: must not be negative (got -80)"
        );
        let e =
            proportion_funnel_significance(&[65.0, 80.0, 30.0], &[100.0, 100.0, 20.0]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "numerators at row 2: numerator 30 is greater than denominator 20"
        );
        let e = rate_funnel_significance(&[0.0, 20.0], &[0.0, 10.0], None, RateType::Crude, 1e5)
            .unwrap_err();
        assert!(e
            .to_string()
            .starts_with("denominators at row 0: needed for crude rates"));
        // DSRs do not need it.
        assert!(
            rate_funnel_significance(&[0.0, 20.0], &[0.0, 10.0], None, RateType::Dsr, 1e5).is_ok()
        );
    }
}
