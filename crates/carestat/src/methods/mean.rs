//! Means with Student's t confidence intervals, as PHEindicatormethods `phe_mean`.
//!
//! `value = Σ x / n`, limits `value ∓ t_{n-1, 1-(1-c)/2} × sd / sqrt(n)` with the sample
//! standard deviation `sd` (denominator `n - 1`).

use crate::dist::student_t_quantile;
use crate::error::{check_len, Error, Field, Result};
use crate::estimate::{Confidence, Estimate, Method};

/// The summary a mean's interval is computed from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mean {
    /// Sum of the values.
    pub value_sum: f64,
    /// Number of values.
    pub value_count: usize,
    /// Sample standard deviation (NaN for a single value).
    pub stdev: f64,
}

impl Mean {
    /// Summarises values; a missing (NaN) value makes the whole summary missing, as in the
    /// reference. Errors for no values or an infinite value (naming its row).
    ///
    /// ```
    /// use carestat::mean::Mean;
    /// let m = Mean::from_values(&[2.0, 4.0, 6.0])?;
    /// assert_eq!((m.value_sum, m.value_count, m.stdev), (12.0, 3, 2.0));
    /// let e = m.estimate(0.95)?;
    /// // t_{2, 0.975} = 4.302652729749464 (closed form for 2 df); se = 2 / sqrt(3)
    /// assert!((e.upper - (4.0 + 4.302_652_729_749_464 * 2.0 / 3f64.sqrt())).abs() < 1e-12);
    /// # Ok::<(), carestat::Error>(())
    /// ```
    pub fn from_values(values: &[f64]) -> Result<Self> {
        if values.is_empty() {
            return Err(Error::TooFew {
                field: Field::new("values"),
                needed: 1,
                found: 0,
            });
        }
        for (i, &x) in values.iter().enumerate() {
            if x.is_infinite() {
                return Err(Error::NotFinite {
                    field: Field::new("values").at(i),
                    value: x,
                });
            }
        }
        let n = values.len() as f64;
        let sum: f64 = values.iter().sum();
        // Two-pass variance with a correction term (the corrected two-pass algorithm).
        let mean = sum / n;
        let (mut ss, mut comp) = (0.0, 0.0);
        for &x in values {
            let d = x - mean;
            ss += d * d;
            comp += d;
        }
        let stdev = if values.len() > 1 {
            ((ss - comp * comp / n) / (n - 1.0)).sqrt()
        } else {
            f64::NAN
        };
        Ok(Self {
            value_sum: sum,
            value_count: values.len(),
            stdev,
        })
    }

    /// The mean.
    #[must_use]
    pub fn value(&self) -> f64 {
        self.value_sum / self.value_count as f64
    }

    /// The mean with its Student's t interval at `confidence`.
    ///
    /// Missing values give [`Estimate::MISSING`]; a single value gives the mean with missing
    /// (NaN) limits.
    pub fn estimate(&self, confidence: f64) -> Result<Estimate> {
        let confidence = Confidence::new(confidence)?;
        finite(self.estimate_at(confidence))
    }

    /// Estimates at 95% and 99.8%; errors as [`Mean::estimate`].
    pub fn estimates_95_998(&self) -> Result<(Estimate, Estimate)> {
        Ok((
            finite(self.estimate_at(Confidence::NINETY_FIVE))?,
            finite(self.estimate_at(Confidence::NINETY_NINE_POINT_EIGHT))?,
        ))
    }

    fn estimate_at(&self, confidence: Confidence) -> Estimate {
        let value = self.value();
        if value.is_nan() {
            return Estimate::MISSING;
        }
        let n = self.value_count as f64;
        let half = if self.value_count > 1 {
            student_t_quantile(confidence.tail(), n - 1.0, false) * self.stdev / n.sqrt()
        } else {
            f64::NAN
        };
        Estimate {
            value,
            lower: value - half,
            upper: value + half,
            method: Method::StudentT,
        }
    }
}

/// The mean of `values` with its Student's t interval.
///
/// ```
/// let e = carestat::mean::mean(&[10.0, 12.0, 14.0, 16.0], 0.95)?;
/// assert_eq!(e.value, 13.0);
/// assert!(e.lower < 13.0 && e.upper > 13.0);
/// # Ok::<(), carestat::Error>(())
/// ```
pub fn mean(values: &[f64], confidence: f64) -> Result<Estimate> {
    let confidence = Confidence::new(confidence)?;
    finite(Mean::from_values(values)?.estimate_at(confidence))
}

/// A mean or limit from finite values that overflows (values near the largest double, whose
/// sum or squared deviations are beyond the doubles) is an error, never infinity.
fn finite(e: Estimate) -> Result<Estimate> {
    if [e.value, e.lower, e.upper].iter().any(|v| v.is_infinite()) {
        return Err(Error::invalid(
            "values",
            "too large: the mean or its limits overflow a double",
        ));
    }
    Ok(e)
}

/// Means of groups: `groups[i]` is the 0-based group of `values[i]` (groups need not be
/// contiguous). Returns one [`Mean`] per group `0..=max(groups)`; an empty group is an error
/// naming it.
///
/// ```
/// use carestat::mean::mean_by_group;
/// let means = mean_by_group(&[1.0, 10.0, 3.0, 30.0], &[0, 1, 0, 1])?;
/// assert_eq!(means[0].value(), 2.0);
/// assert_eq!(means[1].value(), 20.0);
/// # Ok::<(), carestat::Error>(())
/// ```
pub fn mean_by_group(values: &[f64], groups: &[usize]) -> Result<Vec<Mean>> {
    check_len("groups", groups.len(), "values", values.len())?;
    let n_groups = groups.iter().max().map_or(0, |&g| g + 1);
    let mut members: Vec<Vec<f64>> = vec![Vec::new(); n_groups];
    for (&x, &g) in values.iter().zip(groups) {
        members[g].push(x);
    }
    members
        .iter()
        .enumerate()
        .map(|(g, xs)| {
            Mean::from_values(xs).map_err(|e| match e {
                Error::TooFew { needed, found, .. } => Error::TooFew {
                    field: Field::owned(format!("values of group {g}")),
                    needed,
                    found,
                },
                other => other,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mean_or_interval_beyond_the_doubles_is_an_error() {
        // Found by the ffi_abi fuzz target. {-1e200, 1e200}: the mean is 0 but each squared
        // deviation is 1e400, so the standard deviation overflows.
        assert!(mean(&[-1e200, 1e200], 0.95).is_err());
        // {1e308, 1e308}: the sum overflows.
        assert!(mean(&[1e308, 1e308], 0.95).is_err());
        // The two-level form checks the same way (the Rust-only path the fuzzer cannot reach).
        let m = Mean::from_values(&[-1e200, 1e200]).unwrap();
        assert!(m.estimates_95_998().is_err());
        let m = Mean::from_values(&[1.0, 3.0]).unwrap();
        let (e95, e998) = m.estimates_95_998().unwrap();
        assert_eq!(e95, m.estimate(0.95).unwrap());
        assert_eq!(e998, m.estimate(0.998).unwrap());
        // {1, 3}: mean 2, sd sqrt(2), half-width t(0.975, 1) * sqrt(2) / sqrt(2) = 12.706...
        let e = mean(&[1.0, 3.0], 0.95).unwrap();
        assert_eq!(e.value, 2.0);
        assert!((e.upper - 2.0 - 12.706_204_736).abs() < 1e-6, "{e:?}");
    }

    #[test]
    fn single_value_has_no_interval_and_nan_is_missing() {
        let e = mean(&[5.0], 0.95).unwrap();
        assert_eq!(e.value, 5.0);
        assert!(e.lower.is_nan() && e.upper.is_nan());
        assert!(mean(&[5.0, f64::NAN], 0.95).unwrap().is_missing());
        assert_eq!(
            mean(&[], 0.95).unwrap_err().to_string(),
            "values: needs at least 1 values (got 0)"
        );
        assert_eq!(
            mean(&[1.0, f64::INFINITY], 0.95).unwrap_err().to_string(),
            "values at row 1: must be finite (got inf)"
        );
    }

    #[test]
    fn stdev_by_hand() {
        // 1, 2, 3, 4: mean 2.5, squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5, var 5/3
        let m = Mean::from_values(&[1.0, 2.0, 3.0, 4.0]).unwrap();
        assert!((m.stdev - (5.0f64 / 3.0).sqrt()).abs() < 1e-15);
    }
}
