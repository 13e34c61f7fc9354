//! Change between periods: `percent_change`, `point_change`, `previous_from_percent_change`
//! (with its `PreviousRange` result) and `judge_change`.

use carestat::{Error, Judgement, PreviousRange as CorePreviousRange};
use numpy::{PyArray1, PyArrayMethods, PyFixedUnicode};
use pyo3::prelude::*;
use pyo3::types::{PyFloat, PyTuple};

use crate::arrays::{fixed_label, rows, Numbers};
use crate::errors::to_py;
use crate::estimate::{float_column, float_repr};
use crate::estimate_protocols::{float_key, hash_of, reduce_to};
use crate::params::{polarity as read_polarity, whole};

/// Width of judgement labels (`<U10`): "improved", "worsened", "no change", "not judged",
/// "missing".
const LABEL_WIDTH: usize = 10;

/// Runs a two-argument function giving one float per row: a float for two scalars, else a
/// float64 array computed over all rows in chunks, with the GIL released and Ctrl-C checked
/// between them.
fn float_pair<'py>(
    a: (&Bound<'py, PyAny>, &'static str),
    b: (&Bound<'py, PyAny>, &'static str),
    scalar: impl FnOnce(f64, f64) -> carestat::Result<f64>,
    many: impl Fn(&[f64], &[f64], &mut [f64]) -> carestat::Result<()> + Sync,
) -> PyResult<Bound<'py, PyAny>> {
    let py = a.0.py();
    let (a_name, b_name) = (a.1, b.1);
    let a = Numbers::extract(a.0, a_name)?;
    let b = Numbers::extract(b.0, b_name)?;
    let Some(len) = rows(py, &a, a_name, &b, b_name)? else {
        let (x, y) = (
            a.scalar().unwrap_or(f64::NAN),
            b.scalar().unwrap_or(f64::NAN),
        );
        let value = scalar(x, y).map_err(|e| to_py(py, &e))?;
        return Ok(PyFloat::new(py, value).into_any());
    };
    let (xs, ys) = (a.column(len), b.column(len));
    let out = float_column(py, len);
    {
        // A fresh array that nothing else can see yet: this borrow cannot fail.
        let mut column = out.readwrite();
        let column = column.as_slice_mut()?;
        crate::interrupt::in_chunks(py, len, |r| {
            many(&xs[r.clone()], &ys[r.clone()], &mut column[r])
        })?;
    }
    Ok(out.into_any())
}

/// Percentage change `(current - previous) / previous * 100`.
///
/// Numbers or array-likes; a previous value of zero, negatives and infinities are errors,
/// NaN or None is missing.
#[pyfunction]
pub fn percent_change<'py>(
    previous: &Bound<'py, PyAny>,
    current: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    float_pair(
        (previous, "previous"),
        (current, "current"),
        carestat::percent_change,
        carestat::percent_change_many,
    )
}

/// Change in percentage points between two percentages: `current_pct - previous_pct`.
#[pyfunction]
pub fn point_change<'py>(
    previous_pct: &Bound<'py, PyAny>,
    current_pct: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    float_pair(
        (previous_pct, "previous_pct"),
        (current_pct, "current_pct"),
        carestat::point_change,
        |previous, current, out| {
            for (i, ((&p, &c), o)) in previous.iter().zip(current).zip(out).enumerate() {
                *o = carestat::point_change(p, c).map_err(|e| e.at_row(i))?;
            }
            Ok(())
        },
    )
}

/// The interval of previous values consistent with a current value and a percentage change
/// stated to some decimals: "X, an increase of Y%".
///
/// It keeps the statement it came from (the core's range does too, privately, for `contains`):
/// pickle and `copy` compute the range again from it, and `==` compares it as well as the ends.
#[pyclass(frozen, module = "carestat", name = "PreviousRange")]
pub struct PreviousRange {
    range: CorePreviousRange,
    /// The statement: current value, stated change, its decimals.
    current: f64,
    pct: f64,
    decimals: u32,
}

impl PreviousRange {
    /// Every field, floats through [`float_key`] (so NaN equals NaN): what `==` compares and
    /// `hash` hashes.
    fn key(&self) -> ([u64; 5], u32) {
        let r = &self.range;
        (
            [r.lower, r.point, r.upper, self.current, self.pct].map(float_key),
            self.decimals,
        )
    }
}

#[pymethods]
impl PreviousRange {
    /// Smallest previous value consistent with the statement.
    #[getter]
    fn lower(&self) -> f64 {
        self.range.lower
    }

    /// The previous value at the stated change exactly.
    #[getter]
    fn point(&self) -> f64 {
        self.range.point
    }

    /// Largest previous value consistent with the statement.
    #[getter]
    fn upper(&self) -> f64 {
        self.range.upper
    }

    /// Whole numbers in the range (for counts) as `(first, last)`, or None when none fits.
    fn whole_numbers(&self) -> Option<(i64, i64)> {
        self.range.whole_numbers()
    }

    /// True when `value` lies in the range (ends included).
    fn contains(&self, value: f64) -> bool {
        self.range.contains(value)
    }

    /// Equal when the ends and the statement are (NaN equals NaN: a missing range equals
    /// itself).
    fn __eq__(&self, other: &Self) -> bool {
        self.key() == other.key()
    }

    fn __hash__(&self) -> u64 {
        hash_of(self.key())
    }

    /// Pickle, `copy` and `deepcopy`: `previous_from_percent_change(current, pct, decimals)`
    /// again (the same statement gives the same range).
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        reduce_to(
            py,
            "previous_from_percent_change",
            (self.current, self.pct, self.decimals),
        )
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let r = &self.range;
        Ok(format!(
            "PreviousRange(lower={}, point={}, upper={})",
            float_repr(py, r.lower)?,
            float_repr(py, r.point)?,
            float_repr(py, r.upper)?
        ))
    }
}

/// Back-calculates the previous value from "`current`, a change of `pct`%" with `pct` stated
/// to `decimals` places (a decrease is a negative `pct`).
#[pyfunction]
pub fn previous_from_percent_change(
    py: Python<'_>,
    current: &Bound<'_, PyAny>,
    pct: &Bound<'_, PyAny>,
    decimals: &Bound<'_, PyAny>,
) -> PyResult<PreviousRange> {
    let decimals = whole(decimals, "decimals")?;
    let current = scalar_only(current, "current")?;
    let pct = scalar_only(pct, "pct")?;
    let decimals_u32 = u32::try_from(decimals).map_err(|_| {
        to_py(
            py,
            &Error::OutOfRange {
                field: "decimals".into(),
                value: decimals as f64,
                expected: "0 to 15".into(),
            },
        )
    })?;
    carestat::previous_from_percent_change(current, pct, decimals_u32)
        .map(|range| PreviousRange {
            range,
            current,
            pct,
            decimals: decimals_u32,
        })
        .map_err(|e| to_py(py, &e))
}

/// Reads a number that must be a single value.
fn scalar_only(obj: &Bound<'_, PyAny>, field: &'static str) -> PyResult<f64> {
    Numbers::extract(obj, field)?.scalar().ok_or_else(|| {
        crate::errors::invalid(obj.py(), field, None, "must be a single number".to_owned())
    })
}

/// Judges the change from `previous` to `current` for a measure of `polarity`:
/// "improved", "worsened", "no change", "not judged" (no-judgement polarity) or "missing".
///
/// `polarity` is `"high_is_good"`, `"low_is_good"`, `"no_judgement"`, or a Fingertips code (1, 0,
/// 99 or -1). Array input gives an array of labels.
#[pyfunction]
pub fn judge_change<'py>(
    previous: &Bound<'py, PyAny>,
    current: &Bound<'py, PyAny>,
    polarity: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = previous.py();
    let polarity = read_polarity(polarity)?;
    let a = Numbers::extract(previous, "previous")?;
    let b = Numbers::extract(current, "current")?;
    let Some(len) = rows(py, &a, "previous", &b, "current")? else {
        let (x, y) = (
            a.scalar().unwrap_or(f64::NAN),
            b.scalar().unwrap_or(f64::NAN),
        );
        let label: Judgement = carestat::judge_change(x, y, polarity);
        return Ok(label.label().into_pyobject(py)?.into_any());
    };
    let (xs, ys) = (a.column(len), b.column(len));
    let labels: Vec<PyFixedUnicode<LABEL_WIDTH>> = py.detach(|| {
        xs.iter()
            .zip(ys.iter())
            .map(|(&x, &y)| fixed_label(carestat::judge_change(x, y, polarity).label()))
            .collect()
    });
    Ok(PyArray1::from_vec(py, labels).into_any())
}
