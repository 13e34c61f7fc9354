//! The few distribution functions carestat needs, implemented to double precision.
//!
//! * [`normal_quantile`]: Wichura's AS 241 (PPND16), relative error about 1e-16, the
//!   algorithm R's `qnorm` uses.
//! * [`ln_gamma`], [`gamma_p`], [`gamma_q`]: the log gamma function (Lanczos) and the
//!   regularised incomplete gamma functions (series and continued fraction).
//! * [`gamma_quantile`] and [`chi_squared_quantile`]: inverted by safeguarded Halley
//!   iteration to full double precision, as R's `qchisq` is.
//! * [`ln_beta`], [`beta_inc`]: the log beta function (with Stirling corrections for large
//!   arguments, as R's `lbeta`) and the regularised incomplete beta function (continued
//!   fraction).
//! * [`student_t_cdf`] and [`student_t_quantile`]: Student's t distribution from the
//!   incomplete beta function, the quantile by safeguarded Halley iteration (relative error
//!   about 1e-14; R's `qt`).
//!
//! Why our own and not a crate: PHEindicatormethods' exact Poisson limits need chi-squared
//! quantiles to about 1e-12 relative, and a short, tested implementation with known accuracy
//! is easier to trust than a general-purpose library's root finder with its own tolerances.

/// Quantile of the standard normal distribution (AS 241, PPND16).
///
/// Returns `-inf` at `p = 0`, `+inf` at `p = 1` and NaN outside `[0, 1]`.
///
/// ```
/// let z = carestat::dist::normal_quantile(0.975);
/// assert!((z - 1.959_963_984_540_054).abs() < 1e-15);
/// ```
#[must_use]
pub fn normal_quantile(p: f64) -> f64 {
    const A: [f64; 8] = [
        3.387_132_872_796_366_5,
        133.141_667_891_784_38,
        1_971.590_950_306_551_3,
        13_731.693_765_509_46,
        45_921.953_931_549_87,
        67_265.770_927_008_7,
        33_430.575_583_588_13,
        2_509.080_928_730_122_7,
    ];
    const B: [f64; 8] = [
        1.0,
        42.313_330_701_600_91,
        687.187_007_492_057_9,
        5_394.196_021_424_751,
        21_213.794_301_586_597,
        39_307.895_800_092_71,
        28_729.085_735_721_943,
        5_226.495_278_852_545,
    ];
    const C: [f64; 8] = [
        1.423_437_110_749_683_5,
        4.630_337_846_156_546,
        5.769_497_221_460_691,
        3.647_848_324_763_204_5,
        1.270_458_252_452_368_4,
        0.241_780_725_177_450_6,
        0.022_723_844_989_269_184,
        7.745_450_142_783_414e-4,
    ];
    const D: [f64; 8] = [
        1.0,
        2.053_191_626_637_759,
        1.676_384_830_183_803_8,
        0.689_767_334_985_1,
        0.148_103_976_427_480_08,
        0.015_198_666_563_616_457,
        5.475_938_084_995_345e-4,
        1.050_750_071_644_416_8e-9,
    ];
    const E: [f64; 8] = [
        6.657_904_643_501_103,
        5.463_784_911_164_114,
        1.784_826_539_917_291_3,
        0.296_560_571_828_504_9,
        0.026_532_189_526_576_124,
        0.001_242_660_947_388_078_4,
        2.711_555_568_743_487_6e-5,
        2.010_334_399_292_288_1e-7,
    ];
    const F: [f64; 8] = [
        1.0,
        0.599_832_206_555_887_9,
        0.136_929_880_922_735_8,
        0.014_875_361_290_850_615,
        7.868_691_311_456_133e-4,
        1.846_318_317_510_054_8e-5,
        1.421_511_758_316_446e-7,
        2.044_263_103_389_939_7e-15,
    ];
    fn poly(c: &[f64; 8], x: f64) -> f64 {
        c.iter().rev().fold(0.0, |acc, &k| acc * x + k)
    }

    if p.is_nan() || !(0.0..=1.0).contains(&p) {
        return f64::NAN;
    }
    if p == 0.0 {
        return f64::NEG_INFINITY;
    }
    if p == 1.0 {
        return f64::INFINITY;
    }
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        let r = 0.180_625 - q * q;
        return q * poly(&A, r) / poly(&B, r);
    }
    let tail = if q < 0.0 { p } else { 1.0 - p };
    let mut r = (-tail.ln()).sqrt();
    let value = if r <= 5.0 {
        r -= 1.6;
        poly(&C, r) / poly(&D, r)
    } else {
        r -= 5.0;
        poly(&E, r) / poly(&F, r)
    };
    if q < 0.0 {
        -value
    } else {
        value
    }
}

/// Upper-tail normal quantile: the `z` with `P(Z > z) = tail`, accurate for tiny tails.
#[must_use]
pub(crate) fn normal_upper_quantile(tail: f64) -> f64 {
    -normal_quantile(tail)
}

/// Natural logarithm of the gamma function for `x > 0` (Lanczos, g = 7, n = 9).
///
/// ```
/// // Γ(5) = 24
/// assert!((carestat::dist::ln_gamma(5.0) - 24f64.ln()).abs() < 1e-13);
/// ```
#[must_use]
pub fn ln_gamma(x: f64) -> f64 {
    const G: f64 = 7.0;
    const COEF: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        // Reflection: Γ(x) Γ(1 - x) = π / sin(πx).
        let pi = std::f64::consts::PI;
        return (pi / (pi * x).sin()).abs().ln() - ln_gamma(1.0 - x);
    }
    // Exact values at small integers keep the exact Poisson limits at full precision.
    if x == x.floor() && x <= 20.0 {
        let mut f = 1.0_f64;
        let mut k = 2.0;
        while k < x {
            f *= k;
            k += 1.0;
        }
        return f.ln();
    }
    let x = x - 1.0;
    let mut sum = COEF[0];
    for (i, &c) in COEF.iter().enumerate().skip(1) {
        sum += c / (x + i as f64);
    }
    let t = x + G + 0.5;
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + sum.ln()
}

const EPS: f64 = 1e-17;
const MAX_ITER: usize = 10_000;

/// Regularised lower incomplete gamma function `P(a, x)` for `a > 0`, `x >= 0`.
#[must_use]
pub fn gamma_p(a: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x < a + 1.0 {
        gamma_series(a, x)
    } else {
        1.0 - gamma_continued_fraction(a, x)
    }
}

/// Regularised upper incomplete gamma function `Q(a, x) = 1 - P(a, x)`.
#[must_use]
pub fn gamma_q(a: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 1.0;
    }
    if x < a + 1.0 {
        1.0 - gamma_series(a, x)
    } else {
        gamma_continued_fraction(a, x)
    }
}

/// `x^a e^-x / Γ(a)`: the gamma density times `x`, shared by both expansions.
fn gamma_prefactor(a: f64, x: f64) -> f64 {
    (a * x.ln() - x - ln_gamma(a)).exp()
}

fn gamma_series(a: f64, x: f64) -> f64 {
    let mut term = 1.0 / a;
    let mut sum = term;
    let mut n = a;
    for _ in 0..MAX_ITER {
        n += 1.0;
        term *= x / n;
        sum += term;
        if term.abs() < sum.abs() * EPS {
            break;
        }
    }
    sum * gamma_prefactor(a, x)
}

fn gamma_continued_fraction(a: f64, x: f64) -> f64 {
    // Modified Lentz evaluation of the continued fraction for Q(a, x).
    let tiny = 1e-300;
    let mut b = x + 1.0 - a;
    let mut c = 1.0 / tiny;
    let mut d = 1.0 / b;
    let mut h = d;
    for i in 1..MAX_ITER {
        let i = i as f64;
        let an = -i * (i - a);
        b += 2.0;
        d = an * d + b;
        if d.abs() < tiny {
            d = tiny;
        }
        c = b + an / c;
        if c.abs() < tiny {
            c = tiny;
        }
        d = 1.0 / d;
        let delta = d * c;
        h *= delta;
        if (delta - 1.0).abs() < EPS {
            break;
        }
    }
    h * gamma_prefactor(a, x)
}

/// Quantile of the gamma distribution with shape `a` and scale 1.
///
/// `lower_tail = true` solves `P(a, x) = p`; `false` solves `Q(a, x) = p`, which keeps full
/// relative precision for upper-tail probabilities such as 0.001.
#[must_use]
pub fn gamma_quantile(a: f64, p: f64, lower_tail: bool) -> f64 {
    if a.is_nan() || p.is_nan() || a <= 0.0 || !(0.0..=1.0).contains(&p) {
        return f64::NAN;
    }
    let (p_lower, p_upper) = if lower_tail {
        (p, 1.0 - p)
    } else {
        (1.0 - p, p)
    };
    if p_lower == 0.0 {
        return 0.0;
    }
    if p_upper == 0.0 {
        return f64::INFINITY;
    }

    // Starting value: Wilson-Hilferty, or the small-x series when that is not usable.
    let z = if lower_tail {
        normal_quantile(p)
    } else {
        normal_upper_quantile(p)
    };
    let v = 1.0 / (9.0 * a);
    let wh = a * (1.0 - v + z * v.sqrt()).powi(3);
    let small = (p_lower * (ln_gamma(a + 1.0)).exp()).powf(1.0 / a);
    let mut x = if wh > 0.0 && a > 0.5 {
        wh
    } else if small < f64::MIN_POSITIVE {
        // P(a, x) = x^a / Γ(a + 1) (1 - a x / (a + 1) + ...): for a quantile this far below 1
        // the first term is the answer to the precision a double has there, subnormal or 0
        // (tiny shapes such as a fractional count of 0.005 at 95%: 2.18e-321). The iteration
        // cannot start below the smallest normal double; it stopped at 2.78e-309.
        return small;
    } else {
        small.max(f64::MIN_POSITIVE)
    };

    // Safeguarded Halley iteration on the tail that was asked for.
    let (mut lo, mut hi) = (0.0_f64, f64::INFINITY);
    for _ in 0..200 {
        let f = if lower_tail {
            gamma_p(a, x) - p
        } else {
            p - gamma_q(a, x)
        };
        if f == 0.0 {
            return x;
        }
        if f > 0.0 {
            hi = hi.min(x);
        } else {
            lo = lo.max(x);
        }
        let density = gamma_prefactor(a, x) / x;
        let mut next = if density > 0.0 && density.is_finite() {
            let newton = f / density;
            let halley = newton / (1.0 - 0.5 * newton * ((a - 1.0) / x - 1.0)).max(0.5);
            x - halley
        } else {
            f64::NAN
        };
        if (next - x).abs() <= 4.0 * f64::EPSILON * x.abs() {
            // Converged: the step is below the resolution of x. (Checked before the bracket,
            // which such a step may not leave: next == x == lo would read as outside it and
            // send the iteration off doubling, away from the root.)
            return next;
        }
        if !(next > lo && next < hi) || next.is_nan() {
            next = if hi.is_finite() {
                0.5 * (lo + hi)
            } else {
                2.0 * x.max(1.0)
            };
        }
        if (next - x).abs() <= 4.0 * f64::EPSILON * next.abs() {
            return next;
        }
        x = next;
    }
    x
}

/// Quantile of the chi-squared distribution with `df` degrees of freedom.
///
/// ```
/// // qchisq(0.975, 2) in R
/// let q = carestat::dist::chi_squared_quantile(0.975, 2.0, true);
/// assert!((q - 7.377_758_908_227_871).abs() < 1e-13);
/// ```
#[must_use]
pub fn chi_squared_quantile(p: f64, df: f64, lower_tail: bool) -> f64 {
    2.0 * gamma_quantile(0.5 * df, p, lower_tail)
}

/// `ln Γ(x) - ((x - 1/2) ln x - x + ln sqrt(2π))` for `x >= 10`: the Stirling series tail.
///
/// Eight terms of the series `Σ B_2k / (2k (2k-1) x^(2k-1))`; at `x = 10` the first omitted
/// term is below 3e-17.
fn stirling_correction(x: f64) -> f64 {
    // B_2k / (2k (2k - 1)) for k = 1..8
    const C: [f64; 8] = [
        1.0 / 12.0,
        -1.0 / 360.0,
        1.0 / 1260.0,
        -1.0 / 1680.0,
        1.0 / 1188.0,
        -691.0 / 360_360.0,
        1.0 / 156.0,
        -3617.0 / 122_400.0,
    ];
    let x2 = 1.0 / (x * x);
    C.iter().rev().fold(0.0, |acc, &c| acc * x2 + c) / x
}

/// `ln sqrt(2π)`.
const LN_SQRT_2PI: f64 = 0.918_938_533_204_672_7;

/// Natural logarithm of the beta function `B(a, b) = Γ(a) Γ(b) / Γ(a + b)` for `a, b > 0`.
///
/// For arguments of 10 or more the Stirling form is used with the large terms cancelled
/// algebraically (as R's `lbeta` does), so that `ln B(10^6, 1/2)` keeps full relative precision
/// instead of being the small difference of two numbers near 1.3e7.
///
/// ```
/// // B(2, 3) = 1! 2! / 4! = 1/12
/// assert!((carestat::dist::ln_beta(2.0, 3.0) - (1.0f64 / 12.0).ln()).abs() < 1e-14);
/// ```
#[must_use]
pub fn ln_beta(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() || a <= 0.0 || b <= 0.0 {
        return f64::NAN;
    }
    let (p, q) = if a < b { (a, b) } else { (b, a) };
    let sum = p + q;
    if p >= 10.0 {
        let corr = stirling_correction(p) + stirling_correction(q) - stirling_correction(sum);
        -0.5 * q.ln() + LN_SQRT_2PI + corr + (p - 0.5) * (p / sum).ln() + q * (-p / sum).ln_1p()
    } else if q >= 10.0 {
        let corr = stirling_correction(q) - stirling_correction(sum);
        ln_gamma(p) + corr + p - p * sum.ln() + (q - 0.5) * (-p / sum).ln_1p()
    } else {
        ln_gamma(p) + ln_gamma(q) - ln_gamma(sum)
    }
}

/// Continued fraction for the incomplete beta function (modified Lentz), converging fast for
/// `x < (a + 1) / (a + b + 2)`.
fn beta_continued_fraction(a: f64, b: f64, x: f64) -> f64 {
    let tiny = 1e-300;
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 - qab * x / qap;
    if d.abs() < tiny {
        d = tiny;
    }
    d = 1.0 / d;
    let mut h = d;
    for m in 1..MAX_ITER * 10 {
        let m = m as f64;
        let m2 = 2.0 * m;
        let aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        if d.abs() < tiny {
            d = tiny;
        }
        c = 1.0 + aa / c;
        if c.abs() < tiny {
            c = tiny;
        }
        d = 1.0 / d;
        h *= d * c;
        let aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        if d.abs() < tiny {
            d = tiny;
        }
        c = 1.0 + aa / c;
        if c.abs() < tiny {
            c = tiny;
        }
        d = 1.0 / d;
        let delta = d * c;
        h *= delta;
        if (delta - 1.0).abs() <= f64::EPSILON {
            break;
        }
    }
    h
}

/// `(I_x(a, b), 1 - I_x(a, b))`, each computed directly where it is the small one.
///
/// `x` and `y = 1 - x` are passed separately, with their logarithms, so that callers who know
/// them more precisely than `1 - x` (Student's t) keep that precision.
fn beta_inc_pair(a: f64, b: f64, x: f64, y: f64, ln_x: f64, ln_y: f64) -> (f64, f64) {
    if x <= 0.0 {
        return (0.0, 1.0);
    }
    if y <= 0.0 {
        return (1.0, 0.0);
    }
    let front = (a * ln_x + b * ln_y - ln_beta(a, b)).exp();
    if x < (a + 1.0) / (a + b + 2.0) {
        let lower = front * beta_continued_fraction(a, b, x) / a;
        (lower, 1.0 - lower)
    } else {
        let upper = front * beta_continued_fraction(b, a, y) / b;
        (1.0 - upper, upper)
    }
}

/// Regularised incomplete beta function `I_x(a, b)` for `a, b > 0` and `0 <= x <= 1`.
///
/// ```
/// use carestat::dist::beta_inc;
/// // I_x(1, 1) = x; I_x(2, 1) = x²
/// assert!((beta_inc(1.0, 1.0, 0.3) - 0.3).abs() < 1e-15);
/// assert!((beta_inc(2.0, 1.0, 0.3) - 0.09).abs() < 1e-15);
/// ```
#[must_use]
pub fn beta_inc(a: f64, b: f64, x: f64) -> f64 {
    if a.is_nan() || b.is_nan() || x.is_nan() || a <= 0.0 || b <= 0.0 || !(0.0..=1.0).contains(&x) {
        return f64::NAN;
    }
    let y = 1.0 - x;
    beta_inc_pair(a, b, x, y, x.ln(), (-x).ln_1p()).0
}

/// Upper tail `P(T > t)` of Student's t with `df` degrees of freedom, for `t >= 0`.
///
/// `P(T > t) = I_x(df/2, 1/2) / 2` with `x = df / (df + t²)`; `x`, `1 - x` and their logarithms
/// are formed from `t²/df` directly so that neither loses precision.
fn student_t_upper_nonneg(t: f64, df: f64) -> f64 {
    let r = t * t / df; // t²/ν
    if r.is_infinite() {
        return 0.0;
    }
    let x = 1.0 / (1.0 + r); // ν / (ν + t²)
    let y = r / (1.0 + r); // t² / (ν + t²)
    let ln_x = -r.ln_1p();
    let ln_y = r.ln() + ln_x;
    0.5 * beta_inc_pair(0.5 * df, 0.5, x, y, ln_x, ln_y).0
}

/// Density of Student's t at `t >= 0`.
fn student_t_density(t: f64, df: f64) -> f64 {
    let r = t * t / df;
    (-0.5 * (df + 1.0) * r.ln_1p() - 0.5 * df.ln() - ln_beta(0.5 * df, 0.5)).exp()
}

/// Cumulative distribution function of Student's t with `df > 0` degrees of freedom.
///
/// `lower_tail = true` gives `P(T <= t)`, `false` gives `P(T > t)` (full relative precision in
/// either tail). NaN for NaN input or `df <= 0`. Relative error about 1e-14 up to `df = 1e5`,
/// growing to about 1e-11 at `df = 1e6` (the continued fraction converges slowly there).
///
/// ```
/// use carestat::dist::student_t_cdf;
/// // One degree of freedom is the Cauchy distribution: P(T <= 1) = 3/4.
/// assert!((student_t_cdf(1.0, 1.0, true) - 0.75).abs() < 1e-15);
/// ```
#[must_use]
pub fn student_t_cdf(t: f64, df: f64, lower_tail: bool) -> f64 {
    if t.is_nan() || df.is_nan() || df <= 0.0 {
        return f64::NAN;
    }
    let upper = student_t_upper_nonneg(t.abs(), df);
    // For t >= 0 the asked-for tail is the upper one unless lower_tail.
    match (t >= 0.0, lower_tail) {
        (true, false) | (false, true) => upper,
        (true, true) | (false, false) => 1.0 - upper,
    }
}

/// Quantile of Student's t distribution with `df > 0` degrees of freedom (R's `qt`).
///
/// `lower_tail = true` solves `P(T <= t) = p`, `false` solves `P(T > t) = p`. Returns `±inf` at
/// the ends of `[0, 1]` and NaN outside it or for `df <= 0`. The root is found on the smaller
/// tail by Halley's method, safeguarded by bisection, starting from the Cornish-Fisher
/// expansion (Abramowitz & Stegun 26.7.5), which for `df >= 1e4` is itself the answer to
/// double precision. The relative error is about 1e-14 (1e-13 in tails beyond 1e-10).
///
/// ```
/// use carestat::dist::student_t_quantile;
/// // With 2 degrees of freedom t_p = (2p - 1) / sqrt(2p(1 - p)): t_0.975 = 4.302652729749464
/// let t = student_t_quantile(0.975, 2.0, true);
/// assert!((t - 0.95 / (2.0f64 * 0.975 * 0.025).sqrt()).abs() < 1e-13);
/// ```
#[must_use]
pub fn student_t_quantile(p: f64, df: f64, lower_tail: bool) -> f64 {
    if p.is_nan() || df.is_nan() || df <= 0.0 || !(0.0..=1.0).contains(&p) {
        return f64::NAN;
    }
    // Upper-tail probability of the answer and its sign.
    let (tail, positive) = match (lower_tail, p > 0.5) {
        (true, true) => (1.0 - p, true),
        (true, false) => (p, false),
        (false, true) => (1.0 - p, false),
        (false, false) => (p, true),
    };
    if tail == 0.5 {
        return 0.0;
    }
    let t = if tail == 0.0 {
        f64::INFINITY
    } else {
        student_t_upper_quantile(tail, df)
    };
    if positive {
        t
    } else {
        -t
    }
}

/// The `t > 0` with `P(T > t) = q`, for `0 < q < 1/2`.
fn student_t_upper_quantile(q: f64, df: f64) -> f64 {
    // Cornish-Fisher expansion about the normal quantile (Abramowitz & Stegun 26.7.5).
    let z = normal_upper_quantile(q);
    let z2 = z * z;
    let g1 = (z2 + 1.0) * z / 4.0;
    let g2 = ((5.0 * z2 + 16.0) * z2 + 3.0) * z / 96.0;
    let g3 = (((3.0 * z2 + 19.0) * z2 + 17.0) * z2 - 15.0) * z / 384.0;
    let g4 = ((((79.0 * z2 + 776.0) * z2 + 1482.0) * z2 - 1920.0) * z2 - 945.0) * z / 92160.0;
    let mut t = z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df;
    // For large df the expansion itself is exact to double precision (the first omitted term
    // is below 1e-15 relative for df >= 1e4 and q >= 1e-12), and more accurate than inverting
    // the incomplete beta function, whose continued fraction converges slowly there.
    if df >= 1e4 && q >= 1e-12 {
        return t;
    }
    if !(t.is_finite() && t > 0.0) {
        t = z.max(1.0);
    }
    // Safeguarded Halley iteration on f(t) = P(T > t) - q, decreasing in t.
    let (mut lo, mut hi) = (0.0_f64, f64::INFINITY);
    for _ in 0..1000 {
        let f = student_t_upper_nonneg(t, df) - q;
        if f == 0.0 {
            return t;
        }
        if f > 0.0 {
            lo = lo.max(t);
        } else {
            hi = hi.min(t);
        }
        let density = student_t_density(t, df);
        let mut next = f64::NAN;
        if density > 0.0 && density.is_finite() {
            // f' = -density, f'' = density (ν + 1) t / (ν + t²)
            let newton = f / density;
            let curvature = (df + 1.0) * t / (df + t * t);
            let halley = newton / (1.0 - 0.5 * newton * curvature).max(0.5);
            next = t + halley;
        }
        if next.is_nan() || next <= lo || next >= hi {
            next = if hi.is_finite() {
                0.5 * (lo + hi)
            } else {
                2.0 * t.max(1.0)
            };
        }
        if (next - t).abs() <= 2.0 * f64::EPSILON * next.abs() {
            return next;
        }
        t = next;
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn a_halley_step_below_the_resolution_of_x_ends_the_iteration() {
        // Found by the ffi_abi fuzz target (a rate funnel at 85,151 events). Wilson-Hilferty
        // by hand, z = -1.959964, v = 1 / (9 × 85151) = 1.30489e-6:
        // 85151 × (1 - v + z √v)³ = 85151 × 0.99775979³ = 84580.0 (good to about 0.01 at
        // this shape). The iteration used to converge there, then double away to 90405.
        let q = gamma_quantile(85_151.0, 0.025, true);
        assert!((q - 84_580.0).abs() < 0.1, "{q}");
        assert!((gamma_p(85_151.0, q) - 0.025).abs() < 1e-12);
    }

    #[test]
    fn normal_quantile_matches_r() {
        // Values from R 4.x qnorm().
        assert_relative_eq!(
            normal_quantile(0.975),
            1.959_963_984_540_054,
            max_relative = 1e-15
        );
        assert_relative_eq!(
            normal_quantile(0.999),
            3.090_232_306_167_813_6,
            max_relative = 1e-15
        );
        assert_relative_eq!(
            normal_quantile(0.95),
            1.644_853_626_951_472_2,
            max_relative = 1e-15
        );
        assert_relative_eq!(
            normal_quantile(1e-10),
            -6.361_340_902_404_056,
            max_relative = 1e-14
        );
        assert_eq!(normal_quantile(0.5), 0.0);
        assert!(normal_quantile(1.5).is_nan());
    }

    #[test]
    fn gamma_functions_agree_with_closed_forms() {
        // For a = 1 the gamma distribution is exponential: P(1, x) = 1 - e^-x.
        for &x in &[0.01, 0.5, 1.0, 3.0, 20.0] {
            assert_relative_eq!(gamma_p(1.0, x), 1.0 - (-x).exp(), max_relative = 1e-14);
            assert_relative_eq!(gamma_q(1.0, x), (-x).exp(), max_relative = 1e-13);
        }
        // For integer a, Q(a, x) is a Poisson cdf: Q(3, 2) = e^-2 (1 + 2 + 2).
        assert_relative_eq!(
            gamma_q(3.0, 2.0),
            (-2.0f64).exp() * 5.0,
            max_relative = 1e-14
        );
        assert_relative_eq!(
            ln_gamma(0.5),
            std::f64::consts::PI.sqrt().ln(),
            max_relative = 1e-14
        );
        assert_relative_eq!(ln_gamma(10.5), 13.940_625_219_403_763, max_relative = 1e-14);
    }

    #[test]
    fn chi_squared_quantiles_match_r() {
        // R: qchisq(0.025, 2) = 0.05063561596857975 ; qchisq(0.975, 4) = 11.14328678
        assert_relative_eq!(
            chi_squared_quantile(0.025, 2.0, true),
            0.050_635_615_968_579_75,
            max_relative = 1e-13
        );
        assert_relative_eq!(
            chi_squared_quantile(0.025, 4.0, false),
            11.143_286_781_877_79,
            max_relative = 1e-13
        );
        // Exponential: the 0.999 quantile of chi-squared(2) is -2 ln(0.001).
        assert_relative_eq!(
            chi_squared_quantile(0.001, 2.0, false),
            -2.0 * 0.001f64.ln(),
            max_relative = 1e-14
        );
        // Round trip at awkward shapes and tails.
        for &a in &[0.05, 0.5, 1.0, 2.5, 9.0, 10.0, 150.0] {
            for &p in &[1e-6, 0.001, 0.025, 0.5, 0.975, 0.999] {
                let x = gamma_quantile(a, p, true);
                assert_relative_eq!(gamma_p(a, x), p, max_relative = 1e-12);
                let y = gamma_quantile(a, p, false);
                assert_relative_eq!(gamma_q(a, y), p, max_relative = 1e-12);
            }
        }
    }

    /// `P(|T| <= t)` for integer `df` by the finite series of Abramowitz & Stegun 26.7.3-4,
    /// an independent route to the t distribution for checking the incomplete-beta one.
    fn t_two_sided_series(t: f64, df: u32) -> f64 {
        let theta = (t / f64::from(df).sqrt()).atan();
        let (s, c) = theta.sin_cos();
        if df % 2 == 1 {
            let mut sum = 0.0;
            if df > 1 {
                let mut term = c;
                sum = term;
                let mut k = 3;
                while k <= df - 2 {
                    term *= c * c * f64::from(k - 1) / f64::from(k);
                    sum += term;
                    k += 2;
                }
            }
            2.0 / std::f64::consts::PI * (theta + s * sum)
        } else {
            let mut term = 1.0;
            let mut sum = 1.0;
            let mut k = 2;
            while k <= df - 2 {
                term *= c * c * f64::from(k - 1) / f64::from(k);
                sum += term;
                k += 2;
            }
            s * sum
        }
    }

    #[test]
    fn ln_beta_large_arguments_keep_precision() {
        // B(a, 1/2) Γ-ratio: ln B(a, 1/2) = ln Γ(1/2) + ln Γ(a) - ln Γ(a + 1/2); for a = n + 1/2
        // ... use the exact B(n, 1/2) = 2^(2n) (n!)² / ((2n)! n) instead, here at n = 12.
        let n = 12.0_f64;
        let fact = |k: u32| (1..=k).map(f64::from).product::<f64>();
        let exact = (4.0f64.powf(n) * fact(12) * fact(12) / (fact(24) * n)).ln();
        assert_relative_eq!(ln_beta(n, 0.5), exact, max_relative = 1e-14);
        // Symmetric, and B(a, 1) = 1/a for large a.
        assert_relative_eq!(ln_beta(0.5, n), exact, max_relative = 1e-14);
        assert_relative_eq!(ln_beta(1e6, 1.0), -(1e6f64.ln()), max_relative = 1e-14);
        assert_relative_eq!(ln_beta(30.0, 1.0), -(30f64.ln()), max_relative = 1e-14);
        // Both large: B(a, a) vs B(a, a+1) = B(a, a) a / (2a): ratio 1/2.
        assert_relative_eq!(
            ln_beta(40.0, 41.0) - ln_beta(40.0, 40.0),
            0.5f64.ln(),
            max_relative = 1e-13
        );
    }

    #[test]
    fn beta_inc_closed_forms() {
        // I_x(a, 1) = x^a ; I_x(1, b) = 1 - (1-x)^b
        for &x in &[1e-5, 0.1, 0.5, 0.9, 0.999] {
            assert_relative_eq!(beta_inc(3.5, 1.0, x), x.powf(3.5), max_relative = 1e-13);
            assert_relative_eq!(
                beta_inc(1.0, 2.5, x),
                1.0 - (1.0 - x).powf(2.5),
                max_relative = 1e-13
            );
        }
        assert!(beta_inc(1.0, 1.0, 1.5).is_nan());
        assert_eq!(beta_inc(2.0, 2.0, 0.0), 0.0);
        assert_eq!(beta_inc(2.0, 2.0, 1.0), 1.0);
    }

    #[test]
    fn student_t_cdf_matches_the_finite_series() {
        for df in [1_u32, 2, 3, 4, 5, 7, 10, 17, 25, 60] {
            for &t in &[0.01, 0.5, 1.0, 2.0, 2.5, 4.0, 10.0] {
                let two_sided = t_two_sided_series(t, df);
                let upper = 0.5 * (1.0 - two_sided);
                let what = format!("df {df} t {t}");
                let got = student_t_cdf(t, f64::from(df), false);
                // The series gives P(|T| <= t), so 1 - series carries an absolute error of
                // a few 1e-16.
                let tol = 1e-13 * upper + 1e-15;
                assert!((got - upper).abs() <= tol, "{what}: {got} vs {upper}");
                let lower = student_t_cdf(-t, f64::from(df), true);
                assert!((lower - upper).abs() <= tol, "{what} symmetric");
            }
        }
        // Cauchy: P(T > t) = 1/2 - atan(t)/π
        assert_relative_eq!(
            student_t_cdf(3.0, 1.0, false),
            0.5 - 3f64.atan() / std::f64::consts::PI,
            max_relative = 1e-14
        );
    }

    #[test]
    fn student_t_quantile_one_and_two_degrees_of_freedom_closed_forms() {
        let pi = std::f64::consts::PI;
        for &q in &[
            1e-12, 1e-6, 0.001, 0.0025, 0.01, 0.025, 0.05, 0.1, 0.25, 0.4, 0.49,
        ] {
            // df = 1 (Cauchy): upper-tail quantile 1 / tan(π q)
            let cauchy = 1.0 / (pi * q).tan();
            assert_relative_eq!(
                student_t_quantile(q, 1.0, false),
                cauchy,
                max_relative = 1e-13
            );
            assert_relative_eq!(
                student_t_quantile(q, 1.0, true),
                -cauchy,
                max_relative = 1e-13
            );
            // df = 2: (1 - 2q) / sqrt(2 q (1 - q))
            let two = |q: f64| (1.0 - 2.0 * q) / (2.0 * q * (1.0 - q)).sqrt();
            assert_relative_eq!(
                student_t_quantile(q, 2.0, false),
                two(q),
                max_relative = 1e-13
            );
            // As a lower-tail probability: 1 - q is rounded, so compare with the tail it holds.
            let p = 1.0 - q;
            assert_relative_eq!(
                student_t_quantile(p, 2.0, true),
                two(1.0 - p),
                max_relative = 1e-12
            );
            // df = 4: with a = 4 q' (1 - q') (q' the lower-tail p), t = 2 sqrt(cos(acos(sqrt a)/3) / sqrt a - 1)
            let a = 4.0 * q * (1.0 - q);
            let four = 2.0 * ((a.sqrt().acos() / 3.0).cos() / a.sqrt() - 1.0).sqrt();
            assert_relative_eq!(
                student_t_quantile(q, 4.0, false),
                four,
                max_relative = 1e-12
            );
        }
        assert_eq!(student_t_quantile(0.5, 3.0, true), 0.0);
        assert_eq!(student_t_quantile(1.0, 3.0, true), f64::INFINITY);
        assert_eq!(student_t_quantile(0.0, 3.0, true), f64::NEG_INFINITY);
        assert!(student_t_quantile(0.5, 0.0, true).is_nan());
        assert!(student_t_quantile(1.5, 3.0, true).is_nan());
    }

    #[test]
    fn student_t_quantile_matches_r_and_the_normal_limit() {
        // R 4.x: qt(0.975, 10), qt(0.975, 30)
        assert_relative_eq!(
            student_t_quantile(0.975, 10.0, true),
            2.228_138_851_986_274,
            max_relative = 1e-14
        );
        assert_relative_eq!(
            student_t_quantile(0.975, 30.0, true),
            2.042_272_456_301_238,
            max_relative = 1e-14
        );
        // Large df: the Cornish-Fisher series to 1/ν³ is exact to ~1e-20 at ν = 1e6 and
        // ~1e-16 at ν = 1e4 (just below 1e4 the root is found by iteration).
        for &(nu, q) in &[(1e6, 0.025), (1e6, 0.001), (1e4, 0.025), (9999.0, 0.025)] {
            let z = normal_upper_quantile(q);
            let z2 = z * z;
            let cf = z
                + (z2 + 1.0) * z / 4.0 / nu
                + ((5.0 * z2 + 16.0) * z2 + 3.0) * z / 96.0 / (nu * nu)
                + (((3.0 * z2 + 19.0) * z2 + 17.0) * z2 - 15.0) * z / 384.0 / (nu * nu * nu);
            assert_relative_eq!(student_t_quantile(q, nu, false), cf, max_relative = 1e-13);
        }
        // Round trips, including fractional df.
        for &df in &[0.3, 1.5, 3.0, 7.0, 17.0, 25.0, 120.5, 5000.0] {
            for &p in &[1e-10, 1e-4, 0.001, 0.025, 0.2, 0.5, 0.7, 0.975, 0.999] {
                let t = student_t_quantile(p, df, true);
                assert_relative_eq!(student_t_cdf(t, df, true), p, max_relative = 1e-12);
            }
        }
    }
}
