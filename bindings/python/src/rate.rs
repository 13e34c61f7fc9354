//! `carestat.crude_rate`: crude rates per population with exact / Byar's limits.

use carestat::PER_100K;
use pyo3::prelude::*;

use crate::estimate::estimate_pair;
use crate::params::real;

/// Crude rate `count / population * multiplier` with its confidence interval, as
/// PHEindicatormethods `phe_rate`: exact Poisson limits below a count of 10, Byar's from 10.
///
/// `count` and `population` are numbers or array-likes (a scalar is repeated to the other's
/// length). Scalars give an `Estimate`, arrays give `Estimates`. NaN or None is missing.
/// `confidence` is 0.9..1 or 90..100 (0.95 and 0.998 are usual).
#[pyfunction]
#[pyo3(
    signature = (count, population, multiplier = None, confidence = None),
    text_signature = "(count, population, multiplier=100000.0, confidence=0.95)"
)]
pub fn crude_rate<'py>(
    count: &Bound<'py, PyAny>,
    population: &Bound<'py, PyAny>,
    multiplier: Option<&Bound<'py, PyAny>>,
    confidence: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let m = real(multiplier, "multiplier", PER_100K)?;
    let c = real(confidence, "confidence", 0.95)?;
    estimate_pair(
        (count, "count"),
        (population, "population"),
        |x, n| carestat::crude_rate(x, n, m, c),
        |xs, ns, out| carestat::crude_rate_many(xs, ns, m, c, out),
    )
}
