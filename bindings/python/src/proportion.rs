//! `carestat.wilson_proportion`: proportions with Wilson score intervals.

use pyo3::prelude::*;

use crate::estimate::estimate_pair;
use crate::params::real;

/// Proportion `numerator / denominator * multiplier` with its Wilson score interval (no
/// continuity correction), as PHEindicatormethods `phe_proportion`.
///
/// `numerator` and `denominator` are numbers or array-likes (a scalar is repeated to the
/// other's length). Scalars give an `Estimate`, arrays give `Estimates`. NaN or None is
/// missing. Use `multiplier=100` for percentages.
#[pyfunction]
#[pyo3(
    signature = (numerator, denominator, multiplier = None, confidence = None),
    text_signature = "(numerator, denominator, multiplier=1.0, confidence=0.95)"
)]
pub fn wilson_proportion<'py>(
    numerator: &Bound<'py, PyAny>,
    denominator: &Bound<'py, PyAny>,
    multiplier: Option<&Bound<'py, PyAny>>,
    confidence: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let m = real(multiplier, "multiplier", 1.0)?;
    let c = real(confidence, "confidence", 0.95)?;
    estimate_pair(
        (numerator, "numerator"),
        (denominator, "denominator"),
        |x, n| carestat::wilson_proportion(x, n, m, c),
        |xs, ns, out| carestat::wilson_proportion_many(xs, ns, m, c, out),
    )
}
