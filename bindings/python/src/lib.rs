//! `carestat._carestat`: the Python extension module of carestat, built on the Rust core
//! directly (not on the C ABI). The package `python/carestat` re-exports it.
//!
//! * [`arrays`] reads scalars, lists and array-likes as numbers (float64 arrays in place).
//! * [`errors`] maps the core's error to `carestat.CarestatError` and its subclasses.
//! * [`estimate`], [`rate`], [`proportion`], [`change`], [`rounding`]: one module per concept.
//!
//! Array work runs with the GIL released; the module keeps no state besides cached lookups of
//! `numpy.asarray` and `numpy.ma.MaskedArray`.

mod arrays;
mod change;
mod errors;
mod estimate;
mod params;
mod proportion;
mod rate;
mod rounding;

use pyo3::prelude::*;

/// True when `x` would be read in place (no copy): a one-dimensional, aligned, contiguous,
/// native float64 array or array-like. For tests and for users who want to check.
#[pyfunction]
fn _reads_in_place(x: &Bound<'_, PyAny>) -> PyResult<bool> {
    Ok(arrays::Numbers::extract(x, "x")?.is_in_place())
}

/// Adult social care indicators computed as the official methods define them (Rust core).
#[pymodule]
mod _carestat {
    #[pymodule_export]
    use super::_reads_in_place;
    #[pymodule_export]
    use super::change::{
        judge_change, percent_change, point_change, previous_from_percent_change, PreviousRange,
    };
    #[pymodule_export]
    use super::errors::{
        CarestatError, ConfidenceError, InvalidInputError, LengthMismatchError, NegativeValueError,
        NotFiniteError, NotPositiveError, NumeratorAboveDenominatorError, OutOfRangeError,
        TooFewError, UnknownValueError, ZeroPreviousError,
    };
    #[pymodule_export]
    use super::estimate::{Estimate, Estimates};
    #[pymodule_export]
    use super::proportion::wilson_proportion;
    #[pymodule_export]
    use super::rate::crude_rate;
    #[pymodule_export]
    use super::rounding::round_half_away;

    use pyo3::prelude::*;

    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        super::errors::add_class_attributes(m.py())?;
        m.add("__version__", carestat::VERSION)
    }
}
