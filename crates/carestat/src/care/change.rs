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
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PreviousRange {
    /// Smallest previous value consistent with the statement.
    pub lower: f64,
    /// The previous value at the stated change exactly.
    pub point: f64,
    /// Largest previous value consistent with the statement.
    pub upper: f64,
}

impl PreviousRange {
    /// Whole numbers in the range (for counts): `(first, last)`, or `None` when no whole
    /// number fits.
    ///
    /// ```
    /// // 22555 new requests, "an increase of 4.4%": last year's count was 21595..=21614
    /// let r = carestat::previous_from_percent_change(22555.0, 4.4, 1).unwrap();
    /// assert_eq!(r.whole_numbers(), Some((21_595, 21_614)));
    /// ```
    #[must_use]
    pub fn whole_numbers(&self) -> Option<(i64, i64)> {
        let first = self.lower.ceil();
        let last = self.upper.floor();
        (first <= last && first.is_finite() && last.is_finite())
            .then_some((first as i64, last as i64))
    }

    /// True when `value` lies in the range (ends included).
    #[must_use]
    pub fn contains(&self, value: f64) -> bool {
        self.lower <= value && value <= self.upper
    }
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
