//! Rounding as publications do it: half away from zero, on the decimal value.
//!
//! Binary floating point cannot hold most decimals exactly, so naive `(x * 100).round() / 100`
//! turns 1.005 into 1.0 and 0.145 × 100 = 14.499999999999998 into 14. carestat rounds the
//! value's decimal form, read to 15 significant digits (the precision a double carries), so
//! that decimal halves are treated as the halves they are meant to be.

use crate::error::{Error, Result};

/// Rounds half away from zero to `decimals` places (negative `decimals` round to tens,
/// hundreds, ...). NaN and infinities are returned unchanged; any finite `x` gives a finite
/// result (within about 1e-15 of `f64::MAX`, where the rounded decimal would exceed the
/// largest double, `x` itself is returned).
///
/// # Panics
/// Never: the internal decimal formatting always parses back.
///
/// ```
/// use carestat::round_half_away;
/// assert_eq!(round_half_away(2.5, 0), 3.0);
/// assert_eq!(round_half_away(-2.5, 0), -3.0);
/// assert_eq!(round_half_away(1.005, 2), 1.01);
/// assert_eq!(round_half_away(0.145 * 100.0, 0), 15.0);
/// assert_eq!(round_half_away(43.4965, 0), 43.0);
/// assert_eq!(round_half_away(1234.0, -2), 1200.0);
/// ```
#[must_use]
pub fn round_half_away(x: f64, decimals: i32) -> f64 {
    if !x.is_finite() || x == 0.0 {
        return x;
    }
    let rounded = round_decimal_digits(x, decimals);
    if rounded.is_infinite() {
        x
    } else {
        rounded
    }
}

/// The work of [`round_half_away`] for finite, non-zero `x`.
fn round_decimal_digits(x: f64, decimals: i32) -> f64 {
    // Scientific form with 15 significant digits (`digits` has 15 entries): d.dddddddddddddde±X
    let s = format!("{:.14e}", x.abs());
    let (mantissa, exp) = s
        .split_once('e')
        .expect("scientific format has an exponent");
    let exp: i32 = exp.parse().expect("exponent is an integer");
    let digits: Vec<u8> = mantissa
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
        .collect();
    // digits[k] has place value 10^(exp - k); keep places down to 10^-decimals.
    // Number of leading digits kept (in i64: `decimals` may be anything an i32 holds).
    let keep = i64::from(exp) + i64::from(decimals) + 1;
    let sign = x.signum();
    if keep < 0 {
        return 0.0 * sign;
    }
    if keep >= 15 {
        // Every significant digit is kept: nothing to round (and no integer to overflow).
        return sign * s.parse::<f64>().expect("valid float text");
    }
    let keep = keep as usize;
    let mut kept: Vec<u8> = digits.iter().copied().take(keep).collect();
    kept.resize(keep, 0);
    let round_up = digits.get(keep).is_some_and(|&d| d >= 5);
    // Integer of kept digits, then scale; carried as a decimal string to avoid drift.
    let mut value: u128 = kept.iter().fold(0u128, |acc, &d| acc * 10 + u128::from(d));
    if round_up {
        value += 1;
    }
    let text = if decimals > 0 {
        format!("{value}e-{decimals}")
    } else {
        format!("{value}e{}", -decimals)
    };
    sign * text.parse::<f64>().expect("valid float text")
}

/// [`round_half_away`] under carestat's input rules, as the Python binding's
/// `round_half_away` applies them: NaN is missing and stays NaN; an infinity is a
/// `NotFinite` error naming `x` (the primitive returns it unchanged, for callers that round
/// values they have already checked).
///
/// ```
/// use carestat::rounding::round_half_away_checked;
/// assert_eq!(round_half_away_checked(2.5, 0).unwrap(), 3.0);
/// assert!(round_half_away_checked(f64::NAN, 0).unwrap().is_nan());
/// let e = round_half_away_checked(f64::INFINITY, 0).unwrap_err();
/// assert_eq!(e.to_string(), "x: must be finite (got inf)");
/// ```
pub fn round_half_away_checked(x: f64, decimals: i32) -> Result<f64> {
    if x.is_infinite() {
        return Err(Error::NotFinite {
            field: "x".into(),
            value: x,
        });
    }
    Ok(round_half_away(x, decimals))
}

/// Rounds to the nearest multiple of `base` (e.g. 5 for disclosure control), halves away
/// from zero. NaN and infinities are returned unchanged, as [`round_half_away`] does; a
/// finite `x` whose nearest multiple would overflow a double is an error.
///
/// ```
/// use carestat::round_to_multiple;
/// assert_eq!(round_to_multiple(12.5, 5.0).unwrap(), 15.0);
/// assert_eq!(round_to_multiple(12.0, 5.0).unwrap(), 10.0);
/// ```
pub fn round_to_multiple(x: f64, base: f64) -> Result<f64> {
    if !(base.is_finite() && base > 0.0) {
        return Err(Error::NotPositive {
            field: "base".into(),
            value: base,
        });
    }
    let multiples = x / base;
    if !x.is_finite() || multiples.is_infinite() {
        // A base below the precision of `x` (x / base overflows): `x` is its own nearest
        // multiple at double precision.
        return Ok(x);
    }
    let rounded = round_half_away(multiples, 0) * base;
    if rounded.is_infinite() {
        return Err(Error::invalid(
            "x",
            "too large: the nearest multiple of base overflows a double",
        ));
    }
    Ok(rounded)
}

/// The interval `[low, high)` of true values that round to `stated` at `decimals` places:
/// "7.4%" means `[7.35, 7.45)`.
///
/// ```
/// let (lo, hi) = carestat::rounding::stated_interval(7.4, 1);
/// assert!((lo - 7.35).abs() < 1e-12 && (hi - 7.45).abs() < 1e-12);
/// ```
#[must_use]
pub fn stated_interval(stated: f64, decimals: i32) -> (f64, f64) {
    // saturating: -i32::MIN overflows (found by fuzzing); 10^i32::MAX is infinite either way.
    let half = 0.5 * 10f64.powi(decimals.saturating_neg());
    (stated - half, stated + half)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halves_go_away_from_zero_not_to_even() {
        for (x, d, want) in [
            (0.5, 0, 1.0),
            (1.5, 0, 2.0),
            (2.5, 0, 3.0),
            (-0.5, 0, -1.0),
            (72.655, 2, 72.66),
            (77.25, 1, 77.3),
            (0.125, 2, 0.13),
            (43.5, 0, 44.0),
            (43.49999, 0, 43.0),
            (2.675, 2, 2.68),
            (999.95, 1, 1000.0),
            (0.000_45, 4, 0.0005),
            (12.3, 5, 12.3),
            (0.04, 0, 0.0),
            (7.0, -1, 10.0),
        ] {
            assert_eq!(round_half_away(x, d), want, "{x} to {d}");
        }
    }

    #[test]
    fn computed_halves_are_halves() {
        // 3 + 199 of 278 as a percentage to 2 dp is 72.66 (72.6618...)
        assert_eq!(round_half_away(202.0 / 278.0 * 100.0, 2), 72.66);
        // 1.15 * 100 = 114.99999999999999 in binary
        assert_eq!(round_half_away(1.15 * 100.0, 0), 115.0);
    }
}
