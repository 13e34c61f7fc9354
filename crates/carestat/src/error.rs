//! The one error type of carestat.
//!
//! Every message names the offending field and, for batch calls, the row (0-based), so that an
//! analyst can find the bad cell: `counts at row 3: must not be negative (got -1)`.

use std::borrow::Cow;
use std::fmt;

/// Where a bad value sits: the field's name and, for arrays, the 0-based row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// Name of the argument or JSON path, e.g. `count` or `ratings.care_homes.good`.
    pub name: Cow<'static, str>,
    /// 0-based row for batch calls; `None` for scalars.
    pub row: Option<usize>,
}

impl Field {
    /// A scalar field.
    #[must_use]
    pub const fn new(name: &'static str) -> Self {
        Self {
            name: Cow::Borrowed(name),
            row: None,
        }
    }

    /// A field whose name is built at run time (a JSON path, say).
    #[must_use]
    pub fn owned(name: impl Into<String>) -> Self {
        Self {
            name: Cow::Owned(name.into()),
            row: None,
        }
    }

    /// The same field at a row of a batch.
    #[must_use]
    pub fn at(mut self, row: usize) -> Self {
        self.row = Some(row);
        self
    }
}

impl From<&'static str> for Field {
    fn from(name: &'static str) -> Self {
        Self::new(name)
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.row {
            Some(row) => write!(f, "{} at row {row}", self.name),
            None => f.write_str(&self.name),
        }
    }
}

/// Everything that can go wrong in carestat.
///
/// Missing values (NaN) are *not* errors: they propagate as missing results. Errors are for
/// values that have no answer: negative counts, zero denominators, infinities, and so on.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A count or other quantity that cannot be negative was negative.
    #[error("{field}: must not be negative (got {value})")]
    Negative {
        /// The offending field.
        field: Field,
        /// The value given.
        value: f64,
    },
    /// A denominator (population, total) was zero or negative.
    #[error("{field}: must be greater than zero (got {value})")]
    NotPositive {
        /// The offending field.
        field: Field,
        /// The value given.
        value: f64,
    },
    /// An infinite value where a finite number (or NaN for missing) was expected.
    #[error("{field}: must be finite (got {value})")]
    NotFinite {
        /// The offending field.
        field: Field,
        /// The value given.
        value: f64,
    },
    /// A proportion's numerator was larger than its denominator.
    #[error("{field}: numerator {numerator} is greater than denominator {denominator}")]
    NumeratorAboveDenominator {
        /// The numerator field (with the row in batch calls).
        field: Field,
        /// The numerator given.
        numerator: f64,
        /// The denominator given.
        denominator: f64,
    },
    /// A confidence level outside 0.9..1 (or 90..100).
    #[error("confidence: must be between 0.9 and 1 (or 90 and 100), exclusive of 1 and 100 (got {value})")]
    Confidence {
        /// The value given.
        value: f64,
    },
    /// Two arrays that must have the same length do not.
    #[error("{field}: length {found} does not match {expected_from} length {expected}")]
    LengthMismatch {
        /// The array whose length is wrong.
        field: Cow<'static, str>,
        /// The array that sets the length.
        expected_from: Cow<'static, str>,
        /// The expected length.
        expected: usize,
        /// The length found.
        found: usize,
    },
    /// A percentage change from a previous value of zero (undefined).
    #[error("{field}: percentage change from zero is undefined")]
    ZeroPrevious {
        /// The previous-value field.
        field: Field,
    },
    /// A value outside its documented range (a CQC score of 5, say).
    #[error("{field}: {value} is out of range; expected {expected}")]
    OutOfRange {
        /// The offending field.
        field: Field,
        /// The value given.
        value: f64,
        /// The accepted range in words.
        expected: Cow<'static, str>,
    },
    /// Too few values for a method that needs a minimum number (quintiles need 5).
    #[error("{field}: needs at least {needed} values (got {found})")]
    TooFew {
        /// The offending field.
        field: Field,
        /// The minimum needed.
        needed: usize,
        /// The number given.
        found: usize,
    },
    /// An identifier that is not known (an ASCOF measure id, a rating category).
    #[error("{field}: unknown {kind} `{id}`")]
    Unknown {
        /// The offending field.
        field: Field,
        /// What kind of identifier.
        kind: Cow<'static, str>,
        /// The identifier given.
        id: String,
    },
    /// Any other invalid input, with a reason.
    #[error("{field}: {reason}")]
    Invalid {
        /// The offending field.
        field: Field,
        /// Why it is invalid.
        reason: Cow<'static, str>,
    },
}

impl Error {
    /// The field the error is about, when it is about one field.
    #[must_use]
    pub fn field(&self) -> Option<&Field> {
        match self {
            Self::Negative { field, .. }
            | Self::NotPositive { field, .. }
            | Self::NotFinite { field, .. }
            | Self::NumeratorAboveDenominator { field, .. }
            | Self::ZeroPrevious { field }
            | Self::OutOfRange { field, .. }
            | Self::TooFew { field, .. }
            | Self::Unknown { field, .. }
            | Self::Invalid { field, .. } => Some(field),
            Self::Confidence { .. } | Self::LengthMismatch { .. } => None,
        }
    }

    /// The same error, placed at a row of a batch call.
    #[must_use]
    pub fn at_row(mut self, row: usize) -> Self {
        match &mut self {
            Self::Negative { field, .. }
            | Self::NotPositive { field, .. }
            | Self::NotFinite { field, .. }
            | Self::NumeratorAboveDenominator { field, .. }
            | Self::ZeroPrevious { field }
            | Self::OutOfRange { field, .. }
            | Self::TooFew { field, .. }
            | Self::Unknown { field, .. }
            | Self::Invalid { field, .. } => field.row = Some(row),
            Self::Confidence { .. } | Self::LengthMismatch { .. } => {}
        }
        self
    }

    /// Shorthand for [`Error::Invalid`].
    #[must_use]
    pub fn invalid(field: impl Into<Field>, reason: impl Into<Cow<'static, str>>) -> Self {
        Self::Invalid {
            field: field.into(),
            reason: reason.into(),
        }
    }
}

/// `Result` with carestat's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Checks that two batch arrays have the same length.
pub(crate) fn check_len(
    field: &'static str,
    found: usize,
    expected_from: &'static str,
    expected: usize,
) -> Result<()> {
    if found == expected {
        Ok(())
    } else {
        Err(Error::LengthMismatch {
            field: Cow::Borrowed(field),
            expected_from: Cow::Borrowed(expected_from),
            expected,
            found,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_field_and_row() {
        let e = Error::Negative {
            field: Field::new("counts").at(3),
            value: -1.0,
        };
        assert_eq!(
            e.to_string(),
            "counts at row 3: must not be negative (got -1)"
        );
        let e = Error::NotPositive {
            field: Field::new("population"),
            value: 0.0,
        }
        .at_row(7);
        assert_eq!(
            e.to_string(),
            "population at row 7: must be greater than zero (got 0)"
        );
    }

    #[test]
    fn length_mismatch_names_both_arrays() {
        let e = check_len("populations", 2, "counts", 3).unwrap_err();
        assert_eq!(
            e.to_string(),
            "populations: length 2 does not match counts length 3"
        );
    }
}
