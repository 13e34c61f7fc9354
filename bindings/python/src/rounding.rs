//! `carestat.round_half_away`: rounding as publications do it.

use numpy::PyArray1;
use pyo3::prelude::*;
use pyo3::types::PyFloat;

use carestat::rounding::round_half_away_checked;

use crate::arrays::Numbers;
use crate::errors::to_py;
use crate::params::whole;

/// Rounds half away from zero to `decimals` places, on the decimal value (2.675 -> 2.68,
/// 0.5 -> 1, -2.5 -> -3); negative `decimals` round to tens, hundreds. NaN stays NaN; an
/// infinity is a `NotFiniteError` naming `x` (and the row).
/// A number gives a float, an array-like a float64 array.
#[pyfunction]
pub fn round_half_away<'py>(
    x: &Bound<'py, PyAny>,
    decimals: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = x.py();
    let decimals_given = whole(decimals, "decimals")?;
    let decimals = i32::try_from(decimals_given).ok().ok_or_else(|| {
        to_py(
            py,
            &carestat::Error::OutOfRange {
                field: "decimals".into(),
                value: decimals_given as f64,
                expected: "a 32-bit integer".into(),
            },
        )
    })?;
    let numbers = Numbers::extract(x, "x")?;
    let Some(len) = numbers.len() else {
        let value = round_half_away_checked(numbers.scalar().unwrap_or(f64::NAN), decimals)
            .map_err(|e| to_py(py, &e))?;
        return Ok(PyFloat::new(py, value).into_any());
    };
    let xs = numbers.column(len);
    let mut out = vec![0.0; len];
    crate::interrupt::in_chunks(py, len, |r| {
        for (i, (o, &v)) in out[r.clone()].iter_mut().zip(&xs[r.clone()]).enumerate() {
            *o = round_half_away_checked(v, decimals).map_err(|e| e.at_row(i))?;
        }
        Ok(())
    })?;
    Ok(PyArray1::from_vec(py, out).into_any())
}
