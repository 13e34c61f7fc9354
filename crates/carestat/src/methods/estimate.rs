//! Point estimates with confidence intervals, and the confidence level they were computed at.

use crate::error::{Error, Result};

/// How an estimate's confidence interval was computed.
///
/// The numeric codes are stable: they are what the C ABI's `method` field carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[repr(u32)]
#[non_exhaustive]
pub enum Method {
    /// No estimate: an input was missing (NaN).
    Missing = 0,
    /// Exact Poisson limits from chi-squared quantiles (counts below 10).
    Exact = 1,
    /// Byar's approximation to the Poisson limits (counts of 10 or more).
    Byars = 2,
    /// Wilson score interval without continuity correction.
    Wilson = 3,
    /// Dobson's method for directly standardised rates.
    Dobson = 4,
    /// Student's t interval for a mean.
    StudentT = 5,
    /// No estimate: withheld because it would be unreliable (a directly standardised rate
    /// from fewer than 10 events).
    Suppressed = 6,
    /// Dobson's method with the variance adjusted for non-independent events (people with
    /// more than one event).
    DobsonNonIndependent = 7,
}

impl Method {
    /// The name PHEindicatormethods prints in its `method` column (`""` for missing).
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Missing => "",
            Self::Exact => "Exact",
            Self::Byars => "Byars",
            Self::Wilson => "Wilson",
            Self::Dobson => "Dobson",
            Self::StudentT => "Student's t-distribution",
            Self::Suppressed => "Suppressed",
            Self::DobsonNonIndependent => {
                "Dobson, with confidence adjusted for non-independent events"
            }
        }
    }

    /// The stable numeric code (as in the C ABI).
    #[must_use]
    pub const fn code(self) -> u32 {
        self as u32
    }

    /// The method with a numeric code, or `None` for a code no method has.
    ///
    /// ```
    /// use carestat::Method;
    /// assert_eq!(Method::from_code(2), Some(Method::Byars));
    /// assert_eq!(Method::from_code(42), None);
    /// ```
    #[must_use]
    pub const fn from_code(code: u32) -> Option<Self> {
        match code {
            0 => Some(Self::Missing),
            1 => Some(Self::Exact),
            2 => Some(Self::Byars),
            3 => Some(Self::Wilson),
            4 => Some(Self::Dobson),
            5 => Some(Self::StudentT),
            6 => Some(Self::Suppressed),
            7 => Some(Self::DobsonNonIndependent),
            _ => None,
        }
    }
}

/// A point estimate with the lower and upper limits of its confidence interval.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Estimate {
    /// The point estimate.
    pub value: f64,
    /// Lower confidence limit.
    pub lower: f64,
    /// Upper confidence limit.
    pub upper: f64,
    /// How the interval was computed.
    pub method: Method,
}

impl Estimate {
    /// The estimate of missing input: every number NaN, method [`Method::Missing`].
    pub const MISSING: Self = Self {
        value: f64::NAN,
        lower: f64::NAN,
        upper: f64::NAN,
        method: Method::Missing,
    };

    /// True when there is no estimate: missing input, or a suppressed value.
    #[must_use]
    pub fn is_missing(&self) -> bool {
        matches!(self.method, Method::Missing | Method::Suppressed)
    }

    /// A withheld estimate: every number NaN, method [`Method::Suppressed`].
    pub const SUPPRESSED: Self = Self {
        value: f64::NAN,
        lower: f64::NAN,
        upper: f64::NAN,
        method: Method::Suppressed,
    };
}

/// Output buffers for batch calls: one slice per column, all of the same length.
#[derive(Debug)]
pub struct EstimatesMut<'a> {
    /// Point estimates.
    pub value: &'a mut [f64],
    /// Lower limits.
    pub lower: &'a mut [f64],
    /// Upper limits.
    pub upper: &'a mut [f64],
    /// Method codes ([`Method::code`]), when the caller wants them.
    pub method: Option<&'a mut [u32]>,
}

impl EstimatesMut<'_> {
    /// Checks that every output buffer has `len` elements.
    pub(crate) fn check_len(&self, len: usize, input: &'static str) -> Result<()> {
        crate::error::check_len("value", self.value.len(), input, len)?;
        crate::error::check_len("lower", self.lower.len(), input, len)?;
        crate::error::check_len("upper", self.upper.len(), input, len)?;
        if let Some(method) = &self.method {
            crate::error::check_len("method", method.len(), input, len)?;
        }
        Ok(())
    }

    /// Writes one row (for batch functions that loop row by row rather than run a kernel).
    #[inline]
    #[allow(dead_code)]
    pub(crate) fn set(&mut self, i: usize, e: Estimate) {
        self.value[i] = e.value;
        self.lower[i] = e.lower;
        self.upper[i] = e.upper;
        if let Some(method) = self.method.as_deref_mut() {
            method[i] = e.method.code();
        }
    }
}

/// Owned columns of estimates, the result of a batch call in Rust.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Estimates {
    /// Point estimates.
    pub value: Vec<f64>,
    /// Lower limits.
    pub lower: Vec<f64>,
    /// Upper limits.
    pub upper: Vec<f64>,
    /// Method codes ([`Method::code`]).
    pub method: Vec<u32>,
}

impl Estimates {
    /// Columns of `len` NaNs, ready to be filled.
    #[must_use]
    pub fn with_len(len: usize) -> Self {
        Self {
            value: vec![f64::NAN; len],
            lower: vec![f64::NAN; len],
            upper: vec![f64::NAN; len],
            method: vec![0; len],
        }
    }

    /// Borrows the columns as output buffers.
    pub fn as_mut(&mut self) -> EstimatesMut<'_> {
        EstimatesMut {
            value: &mut self.value,
            lower: &mut self.lower,
            upper: &mut self.upper,
            method: Some(&mut self.method),
        }
    }

    /// Number of rows.
    #[must_use]
    pub fn len(&self) -> usize {
        self.value.len()
    }

    /// True when there are no rows.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.value.is_empty()
    }
}

/// A validated two-sided confidence level, stored as a fraction (0.95, 0.998).
///
/// Accepts what PHEindicatormethods accepts: a fraction from 0.9 up to (not including) 1, or
/// a percentage from 90 up to (not including) 100. A level of exactly 1 or 100 would give
/// infinite limits and is rejected.
///
/// ```
/// use carestat::Confidence;
/// assert_eq!(Confidence::new(99.8).unwrap().level(), 0.998);
/// assert!(Confidence::new(0.5).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Confidence(f64);

impl Confidence {
    /// 95%.
    pub const NINETY_FIVE: Self = Self(0.95);
    /// 99.8%.
    pub const NINETY_NINE_POINT_EIGHT: Self = Self(0.998);

    /// Validates a level given as a fraction or a percentage.
    pub fn new(level: f64) -> Result<Self> {
        if (0.9..1.0).contains(&level) {
            Ok(Self(level))
        } else if (90.0..100.0).contains(&level) {
            Ok(Self(level / 100.0))
        } else {
            Err(Error::Confidence { value: level })
        }
    }

    /// The level as a fraction.
    #[must_use]
    pub const fn level(self) -> f64 {
        self.0
    }

    /// Probability in each tail, `(1 - level) / 2`.
    #[must_use]
    pub fn tail(self) -> f64 {
        (1.0 - self.0) / 2.0
    }

    /// The normal quantile `z` with `P(Z > z)` equal to the tail probability.
    #[must_use]
    pub fn z(self) -> f64 {
        crate::dist::normal_upper_quantile(self.tail())
    }
}

/// Validation shared by every method: a value that may be NaN (missing) but not infinite.
pub(crate) fn check_finite_or_nan(field: &'static str, value: f64) -> Result<()> {
    if value.is_infinite() {
        Err(Error::NotFinite {
            field: field.into(),
            value,
        })
    } else {
        Ok(())
    }
}

/// A count: NaN (missing) or finite and not negative.
pub(crate) fn check_count(field: &'static str, value: f64) -> Result<()> {
    check_finite_or_nan(field, value)?;
    if value < 0.0 {
        return Err(Error::Negative {
            field: field.into(),
            value,
        });
    }
    Ok(())
}

/// A count in row `row` of an array that reads a missing value (NaN) as zero, as the
/// standardisation methods do: finite and not negative, else an error naming field and row.
pub(crate) fn count_or_zero(field: &'static str, row: usize, value: f64) -> Result<f64> {
    check_count(field, value).map_err(|e| e.at_row(row))?;
    Ok(if value.is_nan() { 0.0 } else { value })
}

/// A denominator: NaN (missing) or finite and greater than zero.
pub(crate) fn check_denominator(field: &'static str, value: f64) -> Result<()> {
    check_finite_or_nan(field, value)?;
    if value <= 0.0 {
        return Err(Error::NotPositive {
            field: field.into(),
            value,
        });
    }
    Ok(())
}

/// An estimate from finite inputs whose limits overflow a double (a count of 1e300 per
/// population 1e-300, say) is an error naming `field`, never an infinite or NaN "estimate".
pub(crate) fn check_overflow(field: &'static str, e: Estimate) -> Result<Estimate> {
    if e.value.is_finite() && e.lower.is_finite() && e.upper.is_finite() {
        Ok(e)
    } else {
        Err(Error::invalid(
            field,
            "too large: the estimate or its limits overflow a double",
        ))
    }
}

/// A multiplier: finite and greater than zero (never missing).
pub(crate) fn check_multiplier(value: f64) -> Result<()> {
    if value.is_nan() || value.is_infinite() {
        return Err(Error::NotFinite {
            field: "multiplier".into(),
            value,
        });
    }
    if value <= 0.0 {
        return Err(Error::NotPositive {
            field: "multiplier".into(),
            value,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confidence_accepts_fractions_and_percentages() {
        assert_eq!(Confidence::new(0.95).unwrap().level(), 0.95);
        assert_eq!(Confidence::new(95.0).unwrap().level(), 0.95);
        assert_eq!(Confidence::new(0.9).unwrap().level(), 0.9);
        for bad in [0.89, 1.0, 50.0, 100.0, 101.0, f64::NAN, -0.95] {
            assert!(Confidence::new(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn multiplier_must_be_positive_and_finite() {
        assert!(check_multiplier(100_000.0).is_ok());
        assert!(check_multiplier(0.0).is_err());
        assert!(check_multiplier(f64::NAN).is_err());
        assert!(check_multiplier(f64::INFINITY).is_err());
    }
}
