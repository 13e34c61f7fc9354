//! Python exceptions: `carestat.CarestatError(ValueError)` and one subclass per kind of
//! [`carestat::Error`], mapped by [`to_py`] (the one place where core errors become Python
//! exceptions).
//!
//! Every exception carries `field` (the argument's name, or `None`) and `row` (the 0-based
//! row for array input, or `None`) as attributes besides its message.

use carestat::{Error, Field};
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyType;

create_exception!(
    carestat,
    CarestatError,
    PyValueError,
    "Base class of carestat's errors: input that has no answer. Attributes `field` (argument name) and `row` (0-based row of array input) locate the bad value."
);
create_exception!(
    carestat,
    NegativeValueError,
    CarestatError,
    "A count or other quantity that cannot be negative was negative."
);
create_exception!(
    carestat,
    NotPositiveError,
    CarestatError,
    "A denominator (population, total) or multiplier was zero or negative."
);
create_exception!(
    carestat,
    NotFiniteError,
    CarestatError,
    "An infinite value where a number (or NaN/None for missing) was expected."
);
create_exception!(
    carestat,
    NumeratorAboveDenominatorError,
    CarestatError,
    "A proportion's numerator was larger than its denominator."
);
create_exception!(
    carestat,
    ConfidenceError,
    CarestatError,
    "A confidence level outside 0.9..1 (or 90..100)."
);
create_exception!(
    carestat,
    LengthMismatchError,
    CarestatError,
    "Two array arguments that must have the same length do not."
);
create_exception!(
    carestat,
    ZeroPreviousError,
    CarestatError,
    "A percentage change from a previous value of zero (undefined)."
);
create_exception!(
    carestat,
    OutOfRangeError,
    CarestatError,
    "A value outside its documented range (decimals above 15, a polarity code of 7)."
);
create_exception!(
    carestat,
    TooFewError,
    CarestatError,
    "Too few values for a method that needs a minimum number."
);
create_exception!(
    carestat,
    UnknownValueError,
    CarestatError,
    "An identifier that is not known (a polarity name, say)."
);
create_exception!(
    carestat,
    InvalidInputError,
    CarestatError,
    "Input that cannot be read as numbers: strings, objects, booleans, 2-D arrays, integers too large for a float."
);

/// Converts a core error into the matching Python exception, with `field` and `row` set.
pub fn to_py(py: Python<'_>, err: &Error) -> PyErr {
    let message = err.to_string();
    let exception = match err {
        Error::Negative { .. } => NegativeValueError::new_err(message),
        Error::NotPositive { .. } => NotPositiveError::new_err(message),
        Error::NotFinite { .. } => NotFiniteError::new_err(message),
        Error::NumeratorAboveDenominator { .. } => NumeratorAboveDenominatorError::new_err(message),
        Error::Confidence { .. } => ConfidenceError::new_err(message),
        Error::LengthMismatch { .. } => LengthMismatchError::new_err(message),
        Error::ZeroPrevious { .. } => ZeroPreviousError::new_err(message),
        Error::OutOfRange { .. } => OutOfRangeError::new_err(message),
        Error::TooFew { .. } => TooFewError::new_err(message),
        Error::Unknown { .. } => UnknownValueError::new_err(message),
        Error::Invalid { .. } => InvalidInputError::new_err(message),
        // `Error` is non-exhaustive: a kind added to the core later is still a CarestatError.
        _ => CarestatError::new_err(message),
    };
    let (field, row) = match (err.field(), err) {
        (Some(field), _) => (Some(field.name.to_string()), field.row),
        (None, Error::LengthMismatch { field, .. }) => (Some(field.to_string()), None),
        (None, Error::Confidence { .. }) => (Some("confidence".to_owned()), None),
        (None, _) => (None, None),
    };
    let value = exception.value(py);
    // Setting attributes on a fresh exception instance cannot fail in practice; if it ever
    // did, the exception with its message is still the right thing to raise.
    let _ = value.setattr("field", field);
    let _ = value.setattr("row", row);
    exception
}

/// An [`Error::Invalid`] for input that cannot be read as numbers, as a Python exception.
pub fn invalid(py: Python<'_>, field: &'static str, row: Option<usize>, reason: String) -> PyErr {
    let mut at = Field::new(field);
    at.row = row;
    to_py(py, &Error::invalid(at, reason))
}

/// Gives the exception classes `field = None` and `row = None` class attributes, so the
/// attributes exist (and show in stubs) even on an exception raised by hand.
pub fn add_class_attributes(py: Python<'_>) -> PyResult<()> {
    let base: Bound<'_, PyType> = py.get_type::<CarestatError>();
    base.setattr("field", py.None())?;
    base.setattr("row", py.None())?;
    Ok(())
}
