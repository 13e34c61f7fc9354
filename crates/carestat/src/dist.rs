//! The few distribution functions carestat needs, implemented to double precision.
//!
//! * [`normal_quantile`]: Wichura's AS 241 (PPND16), relative error about 1e-16, the
//!   algorithm R's `qnorm` uses.
//! * [`ln_gamma`], [`gamma_p`], [`gamma_q`]: the log gamma function (Lanczos) and the
//!   regularised incomplete gamma functions (series and continued fraction).
//! * [`gamma_quantile`] and [`chi_squared_quantile`]: inverted by safeguarded Halley
//!   iteration to full double precision, as R's `qchisq` is.
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
    } else if small == 0.0 {
        // P(a, x) ≈ x^a / Γ(a + 1) for small x, so the quantile is below the smallest
        // double (tiny shapes such as a subnormal count: the iteration would divide by a).
        return 0.0;
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

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

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
}
