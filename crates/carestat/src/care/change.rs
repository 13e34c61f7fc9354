//! Change between two periods: percentage change, percentage-point change, the previous
//! value implied by a stated change, and whether a change is an improvement.
//!
//! ONS guidance: the difference between two percentages is a change in *percentage points*;
//! a *percentage change* is relative. "6%, a 1% increase on last year's 5%" is +1 point but
//! +20%.

use crate::batch::{self, Flags, PairRows};
use crate::error::{check_len, Error, Result};
use crate::estimate::check_finite_or_nan;

/// Percentage change from `previous` to `current`: `(current - previous) / previous * 100`.
///
/// Both values must be non-negative (counts, spend, percentages). A previous value of zero
/// is an error (the change is undefined, never infinity). NaN in either gives NaN.
///
/// ```
/// use carestat::percent_change;
/// // Worcestershire: 4455 safeguarding concerns against 3912 the year before
/// let pct = percent_change(3912.0, 4455.0).unwrap();
/// assert!((pct - 13.880_368).abs() < 1e-6);
/// assert!(percent_change(0.0, 5.0).is_err());
/// ```
pub fn percent_change(previous: f64, current: f64) -> Result<f64> {
    check_change_input("previous", previous)?;
    check_change_input("current", current)?;
    if previous == 0.0 {
        return Err(Error::ZeroPrevious {
            field: "previous".into(),
        });
    }
    finite_result("current", (current - previous) / previous * 100.0)
}

/// A result computed from finite inputs that overflowed (a change from 1e-300 to 1e300) is an
/// error naming `field`, never infinity. NaN (missing input) passes through.
fn finite_result(field: &'static str, value: f64) -> Result<f64> {
    if value.is_infinite() {
        Err(Error::invalid(
            field,
            "too large: the result overflows a double",
        ))
    } else {
        Ok(value)
    }
}

fn check_change_input(field: &'static str, value: f64) -> Result<()> {
    check_finite_or_nan(field, value)?;
    if value < 0.0 {
        return Err(Error::Negative {
            field: field.into(),
            value,
        });
    }
    Ok(())
}

/// Percentage changes for many rows at once, written into `out`.
///
/// Each row is what [`percent_change`] returns for it, to the bit. Errors name the row
/// (0-based) of the first bad value; on error the contents of `out` are unspecified. With
/// the `parallel` feature, calls of [`batch::PARALLEL_MIN_ROWS`] rows or more run across
/// cores.
///
/// ```
/// let mut out = [0.0; 2];
/// carestat::percent_change_many(&[5.0, 200.0], &[6.0, 150.0], &mut out).unwrap();
/// assert_eq!(out, [20.0, -25.0]);
/// ```
pub fn percent_change_many(previous: &[f64], current: &[f64], out: &mut [f64]) -> Result<()> {
    check_len("current", current.len(), "previous", previous.len())?;
    check_len("out", out.len(), "previous", previous.len())?;
    let rows = PairRows {
        a: previous,
        b: current,
        out,
    };
    let kernel = |r: PairRows<'_>| percent_change_kernel(r.a, r.b, r.out);
    if batch::run(rows, &kernel).bad {
        for (i, (&p, &c)) in previous.iter().zip(current).enumerate() {
            percent_change(p, c).map_err(|e| e.at_row(i))?;
        }
    }
    Ok(())
}

/// One branch-free pass (so the compiler vectorises it): the formula of [`percent_change`]
/// and whether an invalid row was seen. The slices are separate arguments so that the
/// compiler knows they do not overlap.
// `|` rather than `||` on purpose: no branches, so the loop vectorises.
#[allow(clippy::needless_bitwise_bool)]
fn percent_change_kernel(previous: &[f64], current: &[f64], out: &mut [f64]) -> Flags {
    let n = previous.len();
    let (current, out) = (&current[..n], &mut out[..n]);
    let mut bad = false;
    for i in 0..n {
        let (p, c) = (previous[i], current[i]);
        // The negation of percent_change's checks: NaN passes every comparison. Each pair
        // compares two different values: two tests of one value ORed together are folded
        // by LLVM into a bit-pattern test that it does not vectorise.
        bad |= ((p <= 0.0) | (c == f64::INFINITY)) | ((c < 0.0) | (p == f64::INFINITY));
        let pct = (c - p) / p * 100.0;
        // A change beyond the doubles is an error in the scalar (finite_result).
        bad |= pct.abs() == f64::INFINITY;
        out[i] = pct;
    }
    Flags { bad }
}

/// Change in percentage points between two percentages: `current - previous`.
///
/// ```
/// // "82% of people were asked about their outcomes, up from 73%": +9 points
/// assert_eq!(carestat::point_change(73.0, 82.0).unwrap(), 9.0);
/// ```
pub fn point_change(previous_pct: f64, current_pct: f64) -> Result<f64> {
    check_finite_or_nan("previous_pct", previous_pct)?;
    check_finite_or_nan("current_pct", current_pct)?;
    finite_result("current_pct", current_pct - previous_pct)
}

/// The interval of previous values consistent with a current value and a percentage change
/// stated to `decimals` places.
///
/// A change stated as `Y` to `d` decimals means the true change lies in
/// `[Y - h, Y + h]` with `h = 0.5 × 10^-d`; the previous value `current / (1 + p/100)` then
/// lies between the values at the two ends. `point` is the value at the stated change.
///
/// `lower` and `upper` are computed in floating point, so at an end that is exactly a
/// rounding boundary (1,200 to 5,118 is exactly +326.5%) they may fall a rounding error
/// either side of it. [`contains`](Self::contains) and [`whole_numbers`](Self::whole_numbers)
/// do not use them for the decision: they apply [`change_rounds_to`], the rule the audit
/// uses, on the exact ratio.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PreviousRange {
    /// Smallest previous value consistent with the statement (to floating-point accuracy).
    pub lower: f64,
    /// The previous value at the stated change exactly.
    pub point: f64,
    /// Largest previous value consistent with the statement (to floating-point accuracy).
    pub upper: f64,
    /// The statement the range came from: current value, stated change, its decimals.
    current: f64,
    pct: f64,
    decimals: u32,
}

impl PreviousRange {
    /// Whole numbers in the range (for counts): `(first, last)`, or `None` when no whole
    /// number fits (or the range reaches beyond ±2^63). Each end is decided by
    /// [`change_rounds_to`], on exact integer arithmetic: 5,118 "an increase of 326%" is
    /// 1,201 to 1,202, because 1,200 to 5,118 is exactly +326.5%, which rounds to 327.
    ///
    /// ```
    /// // 22555 new requests, "an increase of 4.4%": last year's count was 21595..=21614
    /// let r = carestat::previous_from_percent_change(22555.0, 4.4, 1).unwrap();
    /// assert_eq!(r.whole_numbers(), Some((21_595, 21_614)));
    /// let r = carestat::previous_from_percent_change(5118.0, 326.0, 0).unwrap();
    /// assert_eq!(r.whole_numbers(), Some((1_201, 1_202)));
    /// ```
    #[must_use]
    pub fn whole_numbers(&self) -> Option<(i64, i64)> {
        // 2^63: beyond it whole numbers do not fit an i64.
        const LIMIT: f64 = 9_223_372_036_854_775_808.0;
        let (lo, hi) = (self.lower.ceil(), self.upper.floor());
        if !(lo.is_finite() && hi.is_finite()) || lo < -LIMIT || hi >= LIMIT - 4.0 {
            return None;
        }
        // The float ends are within a rounding error of the true ones, and the consistent
        // previous values form one interval (the change falls as the previous value rises),
        // so the true first and last whole numbers are within one of `lo` and `hi`.
        let (lo, hi) = (lo as i64, hi as i64);
        let fits = |n: i64| self.contains(n as f64);
        let first = (lo - 2..=lo + 2).find(|&n| fits(n))?;
        let last = (hi - 2..=hi + 2).rev().find(|&n| fits(n))?;
        (first <= last).then_some((first, last))
    }

    /// True when the change from `value` to the current value, rounded half away from zero
    /// to the stated decimals, is the stated change ([`change_rounds_to`]). A previous
    /// value of zero (change undefined), a negative value or NaN is never in the range.
    ///
    /// ```
    /// // 429, "a decrease of 68%": from 1,320 it is exactly -67.5%, which rounds to -68
    /// let r = carestat::previous_from_percent_change(429.0, -68.0, 0).unwrap();
    /// assert!(r.contains(1320.0) && !r.contains(1319.0));
    /// ```
    #[must_use]
    pub fn contains(&self, value: f64) -> bool {
        change_rounds_to(
            value,
            self.current,
            self.pct,
            i32::try_from(self.decimals).unwrap_or(15),
        )
    }
}

/// Whether the percentage change from `previous` to `current` is `stated` to `decimals`
/// places: the true change lies in `[stated - h, stated + h]` with `h = 0.5 × 10^-decimals`,
/// and an end that is exactly a half belongs to the side it rounds to, half away from zero
/// (`+326.5` rounds to 327, `-67.5` to -68). This is the one rule for a stated change: the
/// audit and [`PreviousRange`] both use it.
///
/// The decision is exact: both values and `stated` are read as the decimals they print as
/// (the shortest form that reads back as the same double, so `2664.05` is 266405 × 10^-2),
/// and the ratio is compared in 128-bit integer arithmetic. Only when that arithmetic would
/// overflow (values whose decimal forms span more than about 35 digits, e.g. 1e-30 against
/// 1e10) is the change compared in floating point instead. False for NaN, infinite or
/// negative values and for a previous value of zero (the change is undefined).
///
/// ```
/// use carestat::change_rounds_to;
/// assert!(!change_rounds_to(1200.0, 5118.0, 326.0, 0)); // exactly +326.5%: rounds to 327
/// assert!(change_rounds_to(1200.0, 5118.0, 327.0, 0));
/// assert!(change_rounds_to(1320.0, 429.0, -68.0, 0)); // exactly -67.5%: rounds to -68
/// assert!(change_rounds_to(21595.0, 22555.0, 4.4, 1));
/// ```
#[must_use]
pub fn change_rounds_to(previous: f64, current: f64, stated: f64, decimals: i32) -> bool {
    let ok = |x: f64| x.is_finite() && x >= 0.0;
    if !(ok(previous) && ok(current) && stated.is_finite()) || previous == 0.0 {
        return false;
    }
    // h = 5 × 10^(-decimals - 1)
    let half_exp = -i64::from(decimals) - 1;
    let exact = || -> Option<bool> {
        let p = decimal_parts(previous);
        let c = decimal_parts(current);
        let s = decimal_parts(stated);
        let half_exp = i32::try_from(half_exp).ok()?;
        // stated ± h as B × 10^k
        let k = s.1.min(half_exp);
        let s_scaled = s.0.checked_mul(pow10(s.1 - k)?)?;
        let h_scaled = 5i128.checked_mul(pow10(half_exp - k)?)?;
        let low = cmp_change(p, c, (s_scaled.checked_sub(h_scaled)?, k))?;
        let high = cmp_change(p, c, (s_scaled.checked_add(h_scaled)?, k))?;
        let low_in = low.is_gt() || (low.is_eq() && s_scaled - h_scaled > 0);
        let high_in = high.is_lt() || (high.is_eq() && s_scaled + h_scaled < 0);
        Some(low_in && high_in)
    };
    exact().unwrap_or_else(|| {
        let e = i32::try_from((half_exp + 1).clamp(i64::from(i32::MIN), i64::from(i32::MAX)));
        let half = 0.5 * 10f64.powi(e.unwrap_or(i32::MIN));
        let (low, high) = (stated - half, stated + half);
        let q = (current - previous) / previous * 100.0;
        (q > low || (q == low && low > 0.0)) && (q < high || (q == high && high < 0.0))
    })
}

/// `x` (finite, non-negative or not) as `m × 10^e` exactly, from the shortest decimal that
/// reads back as `x` (Rust's `{:e}` formatting): 2664.05 is (266405, -2).
fn decimal_parts(x: f64) -> (i128, i32) {
    let text = format!("{x:e}");
    let (mantissa, exp) = text.split_once('e').unwrap_or((&text, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (whole, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    // At most 17 significant digits: always fits an i128.
    let digits: i128 = format!("{whole}{frac}").parse().unwrap_or(0);
    let frac_len = i32::try_from(frac.len()).unwrap_or(0);
    (digits, exp - frac_len)
}

/// 10^n for 0 <= n, or None when it overflows an i128.
fn pow10(n: i32) -> Option<i128> {
    10i128.checked_pow(u32::try_from(n).ok()?)
}

/// How the exact percentage change from `p` to `c` compares with `b` (all `m × 10^e`, p > 0):
/// the sign of `(c - p) × 100 - b × p`, or None when the integers overflow.
fn cmp_change(p: (i128, i32), c: (i128, i32), b: (i128, i32)) -> Option<std::cmp::Ordering> {
    // p and c on a common exponent: the ratio does not depend on it.
    let e = p.1.min(c.1);
    let p = p.0.checked_mul(pow10(p.1 - e)?)?;
    let c = c.0.checked_mul(pow10(c.1 - e)?)?;
    let left = c.checked_sub(p)?.checked_mul(100)?;
    let right = b.0.checked_mul(p)?;
    let (left, right) = if b.1 >= 0 {
        (left, right.checked_mul(pow10(b.1)?)?)
    } else {
        (left.checked_mul(pow10(b.1.checked_neg()?)?)?, right)
    };
    Some(left.cmp(&right))
}

/// Back-calculates the previous value from "X, a change of Y%" with Y stated to `decimals`.
///
/// Use a negative `pct` for a decrease ("a decrease of 1.5%" is `-1.5`). Errors when the
/// stated change could be -100% or below (the previous value is then unbounded), for a
/// negative current value, or `decimals` above 15.
///
/// ```
/// use carestat::previous_from_percent_change;
/// // Birmingham: 2720 placements, "a 2.1% increase from the previous year"
/// let r = previous_from_percent_change(2720.0, 2.1, 1).unwrap();
/// assert!(r.lower < 2664.05 && 2664.05 < r.upper);
/// assert!((r.point - 2720.0 / 1.021).abs() < 1e-9);
/// ```
pub fn previous_from_percent_change(
    current: f64,
    pct: f64,
    decimals: u32,
) -> Result<PreviousRange> {
    check_change_input("current", current)?;
    check_finite_or_nan("pct", pct)?;
    if decimals > 15 {
        return Err(Error::OutOfRange {
            field: "decimals".into(),
            value: f64::from(decimals),
            expected: "0 to 15".into(),
        });
    }
    if current.is_nan() || pct.is_nan() {
        return Ok(PreviousRange {
            lower: f64::NAN,
            point: f64::NAN,
            upper: f64::NAN,
            current,
            pct,
            decimals,
        });
    }
    let half = 0.5 * 10f64.powi(-i32::try_from(decimals).unwrap_or(15));
    let (low_pct, high_pct) = (pct - half, pct + half);
    if low_pct <= -100.0 {
        return Err(Error::OutOfRange {
            field: "pct".into(),
            value: pct,
            expected: "a change above -100% once its rounding is allowed for".into(),
        });
    }
    let previous = |p: f64| current / (1.0 + p / 100.0);
    // The largest of the three; the others are finite when it is.
    finite_result("current", previous(low_pct))?;
    Ok(PreviousRange {
        lower: previous(high_pct),
        point: previous(pct),
        upper: previous(low_pct),
        current,
        pct,
        decimals,
    })
}

/// Which direction is good for a measure (Fingertips polarity).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[repr(u32)]
pub enum Polarity {
    /// Lower values are better (Fingertips code 0).
    LowIsGood = 0,
    /// Higher values are better (Fingertips code 1).
    HighIsGood = 1,
    /// No judgement of better or worse (Fingertips code 99, "BOB", and -1 not applicable).
    NoJudgement = 99,
}

impl Polarity {
    /// From a Fingertips polarity code: 0 low is good, 1 high is good, 99 or -1 no judgement.
    ///
    /// ```
    /// use carestat::Polarity;
    /// assert_eq!(Polarity::from_code(0).unwrap(), Polarity::LowIsGood);
    /// assert!(Polarity::from_code(7).is_err());
    /// ```
    pub fn from_code(code: i64) -> Result<Self> {
        match code {
            0 => Ok(Self::LowIsGood),
            1 => Ok(Self::HighIsGood),
            99 | -1 => Ok(Self::NoJudgement),
            other => Err(Error::OutOfRange {
                field: "polarity".into(),
                value: other as f64,
                expected: "0 (low is good), 1 (high is good), 99 or -1 (no judgement)".into(),
            }),
        }
    }
}

/// What a change means for a measure of a given polarity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[repr(u32)]
pub enum Judgement {
    /// The value moved in the good direction.
    Improved = 1,
    /// The value moved in the bad direction.
    Worsened = 2,
    /// The value did not change.
    NoChange = 3,
    /// The value changed but the measure carries no judgement.
    NotJudged = 4,
    /// A value was missing.
    Missing = 0,
}

impl Judgement {
    /// A lower-case label: `improved`, `worsened`, `no change`, `not judged`, `missing`.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::Improved => "improved",
            Self::Worsened => "worsened",
            Self::NoChange => "no change",
            Self::NotJudged => "not judged",
            Self::Missing => "missing",
        }
    }
}

/// Judges the change from `previous` to `current` for a measure of `polarity`.
///
/// ```
/// use carestat::{judge_change, Judgement, Polarity};
/// // ASCOF 2A(2), Birmingham: admissions per 100,000 rose from 417.6 to 587.2; lower is better
/// assert_eq!(judge_change(417.6, 587.2, Polarity::LowIsGood), Judgement::Worsened);
/// assert_eq!(judge_change(73.0, 82.0, Polarity::HighIsGood), Judgement::Improved);
/// assert_eq!(judge_change(5.0, 5.0, Polarity::HighIsGood), Judgement::NoChange);
/// ```
#[must_use]
pub fn judge_change(previous: f64, current: f64, polarity: Polarity) -> Judgement {
    if previous.is_nan() || current.is_nan() {
        return Judgement::Missing;
    }
    if current == previous {
        return Judgement::NoChange;
    }
    let rose = current > previous;
    match polarity {
        Polarity::HighIsGood if rose => Judgement::Improved,
        Polarity::LowIsGood if !rose => Judgement::Improved,
        Polarity::HighIsGood | Polarity::LowIsGood => Judgement::Worsened,
        Polarity::NoJudgement => Judgement::NotJudged,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worcestershire_one_percent_is_twenty_percent() {
        // "6% ... a 1% increase on last year's 5%"
        assert_eq!(point_change(5.0, 6.0).unwrap(), 1.0);
        assert!((percent_change(5.0, 6.0).unwrap() - 20.0).abs() < 1e-12);
    }

    #[test]
    fn negative_and_infinite_inputs_are_errors() {
        let e = percent_change(-1.0, 3.0).unwrap_err();
        assert_eq!(e.to_string(), "previous: must not be negative (got -1)");
        assert!(percent_change(1.0, f64::INFINITY).is_err());
        assert!(percent_change(f64::NAN, 3.0).unwrap().is_nan());
    }

    #[test]
    fn batch_names_the_row() {
        let mut out = [0.0; 3];
        let e = percent_change_many(&[1.0, 2.0, 0.0], &[1.0, 2.0, 3.0], &mut out).unwrap_err();
        assert_eq!(
            e.to_string(),
            "previous at row 2: percentage change from zero is undefined"
        );
    }

    #[test]
    fn previous_range_brackets_decrease() {
        // "4240 community services, a decrease of 1.5%": previous between 4240/0.9845 and 4240/0.9855
        let r = previous_from_percent_change(4240.0, -1.5, 1).unwrap();
        assert!((r.lower - 4240.0 / 0.9855).abs() < 1e-9);
        assert!((r.upper - 4240.0 / 0.9845).abs() < 1e-9);
        assert!(previous_from_percent_change(10.0, -99.96, 1).is_err());
    }
}
