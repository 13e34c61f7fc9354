//! The result classes `carestat.Estimate` (one row: floats and a method name) and
//! `carestat.Estimates` (many rows: NumPy arrays), and the shared driver of the
//! two-argument estimators (crude rate, Wilson proportion).

use carestat::{Estimate as CoreEstimate, EstimatesMut, Method};
use numpy::{PyArray1, PyArrayMethods, PyFixedUnicode};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyFloat, PyString};

use crate::arrays::{fixed_label, rows, Numbers};
use crate::errors::to_py;

/// Width of the method-name strings (`<U6`): fits "", "Exact", "Byars", "Wilson", "Dobson".
const METHOD_WIDTH: usize = 6;

/// The methods whose names fit [`METHOD_WIDTH`], looked up by their stable code.
const METHODS: [Method; 5] = [
    Method::Missing,
    Method::Exact,
    Method::Byars,
    Method::Wilson,
    Method::Dobson,
];

fn method_name(code: u32) -> &'static str {
    METHODS
        .iter()
        .find(|m| m.code() == code)
        .map_or("?", |m| m.name())
}

/// A point estimate with its confidence interval, for scalar input.
#[pyclass(frozen, module = "carestat", name = "Estimate")]
pub struct Estimate {
    /// The point estimate (NaN when an input was missing).
    #[pyo3(get)]
    value: f64,
    /// Lower confidence limit.
    #[pyo3(get)]
    lower: f64,
    /// Upper confidence limit.
    #[pyo3(get)]
    upper: f64,
    /// How the interval was computed: "Exact", "Byars", "Wilson", or "" when missing.
    #[pyo3(get)]
    method: &'static str,
}

impl From<CoreEstimate> for Estimate {
    fn from(e: CoreEstimate) -> Self {
        Self {
            value: e.value,
            lower: e.lower,
            upper: e.upper,
            method: e.method.name(),
        }
    }
}

/// Python's `repr` of a float (`nan`, `917.16...`).
pub fn float_repr(py: Python<'_>, x: f64) -> PyResult<String> {
    Ok(PyFloat::new(py, x).repr()?.to_cow()?.into_owned())
}

impl Estimate {
    /// An estimate from its fields (the method name as carestat gives it).
    pub(crate) fn from_parts(value: f64, lower: f64, upper: f64, method: &'static str) -> Self {
        Self {
            value,
            lower,
            upper,
            method,
        }
    }

    /// Its fields: value, lower, upper, method.
    pub(crate) fn parts(&self) -> (f64, f64, f64, &'static str) {
        (self.value, self.lower, self.upper, self.method)
    }
}

#[pymethods]
impl Estimate {
    #[new]
    fn __new__(py: Python<'_>, value: f64, lower: f64, upper: f64, method: &str) -> PyResult<Self> {
        Self::new_impl(py, value, lower, upper, method)
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> Py<PyAny> {
        self.eq_impl(other)
    }

    fn __hash__(&self) -> u64 {
        self.hash_impl()
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, pyo3::types::PyTuple>> {
        Self::reduce_impl(slf)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Estimate(value={}, lower={}, upper={}, method={})",
            float_repr(py, self.value)?,
            float_repr(py, self.lower)?,
            float_repr(py, self.upper)?,
            PyString::new(py, self.method).repr()?
        ))
    }
}

/// Point estimates with confidence intervals, one row per input row, for array input.
#[pyclass(frozen, module = "carestat", name = "Estimates")]
pub struct Estimates {
    /// Point estimates (float64; NaN where an input was missing).
    #[pyo3(get)]
    value: Py<PyArray1<f64>>,
    /// Lower confidence limits (float64).
    #[pyo3(get)]
    lower: Py<PyArray1<f64>>,
    /// Upper confidence limits (float64).
    #[pyo3(get)]
    upper: Py<PyArray1<f64>>,
    /// The core's method codes, one per row.
    codes: Py<PyArray1<u32>>,
    /// Method names, made from `codes` when first asked for (`<U6` strings are six times
    /// the size of the value column: a caller who never reads them never pays for them).
    method: PyOnceLock<Py<PyArray1<PyFixedUnicode<METHOD_WIDTH>>>>,
    /// The pandas index of the input Series (the first argument that is one), kept for
    /// `to_frame`; None for other input.
    index: Option<Py<PyAny>>,
}

/// The index of `obj` when it is a pandas Series (or `DataFrame`), else None.
fn pandas_index(obj: &Bound<'_, PyAny>) -> Option<Py<PyAny>> {
    let ty = obj.get_type();
    let module = ty.module().ok()?;
    if !module.to_cow().ok()?.starts_with("pandas") {
        return None;
    }
    obj.getattr("index").ok().map(Bound::unbind)
}

/// `carestat.results.<name>(obj)`: the pandas conveniences of the result classes are written
/// in Python (python/carestat/results.py).
fn call_results<'py>(obj: &Bound<'py, PyAny>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    obj.py()
        .import("carestat.results")?
        .getattr(name)?
        .call1((obj,))
}

type Column<T> = Py<PyArray1<T>>;

/// The four columns of an `Estimates`, bound: value, lower, upper, method codes.
pub(crate) type BoundColumns<'py> = (
    Bound<'py, PyArray1<f64>>,
    Bound<'py, PyArray1<f64>>,
    Bound<'py, PyArray1<f64>>,
    Bound<'py, PyArray1<u32>>,
);

impl Estimates {
    /// Estimates from their parts (see `from_arrays` for fresh columns).
    pub(crate) fn from_parts(
        value: Column<f64>,
        lower: Column<f64>,
        upper: Column<f64>,
        codes: Column<u32>,
        method: PyOnceLock<Column<PyFixedUnicode<METHOD_WIDTH>>>,
        index: Option<Py<PyAny>>,
    ) -> Self {
        Self {
            value,
            lower,
            upper,
            codes,
            method,
            index,
        }
    }

    /// Its columns: value, lower, upper, method codes.
    pub(crate) fn columns<'py>(&self, py: Python<'py>) -> BoundColumns<'py> {
        (
            self.value.bind(py).clone(),
            self.lower.bind(py).clone(),
            self.upper.bind(py).clone(),
            self.codes.bind(py).clone(),
        )
    }

    /// The pandas index of the input, if any.
    pub(crate) fn index_ref(&self) -> Option<&Py<PyAny>> {
        self.index.as_ref()
    }
}

#[pymethods]
impl Estimates {
    #[new]
    #[pyo3(signature = (value, lower, upper, method, index=None))]
    fn __new__(
        value: &Bound<'_, PyAny>,
        lower: &Bound<'_, PyAny>,
        upper: &Bound<'_, PyAny>,
        method: &Bound<'_, PyAny>,
        index: Option<Py<PyAny>>,
    ) -> PyResult<Self> {
        Self::new_impl(value, lower, upper, method, index)
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        self.eq_impl(other)
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, pyo3::types::PyTuple>> {
        Self::reduce_impl(slf)
    }

    /// Method names (`<U6` strings), "" where an input was missing.
    #[getter]
    fn method(&self, py: Python<'_>) -> PyResult<Py<PyArray1<PyFixedUnicode<METHOD_WIDTH>>>> {
        self.method
            .get_or_try_init(py, || {
                let codes = self.codes.bind(py).readonly();
                let codes = codes.as_slice()?;
                let names: [PyFixedUnicode<METHOD_WIDTH>; 8] =
                    std::array::from_fn(|code| fixed_label(method_name(code as u32)));
                let unknown = fixed_label("?");
                let column: Vec<PyFixedUnicode<METHOD_WIDTH>> = py.detach(|| {
                    codes
                        .iter()
                        .map(|&code| *names.get(code as usize).unwrap_or(&unknown))
                        .collect()
                });
                let names = PyArray1::from_vec(py, column);
                crate::estimate_protocols::freeze(&names)?;
                Ok(names.unbind())
            })
            .map(|names| names.clone_ref(py))
    }

    fn __len__(&self, py: Python<'_>) -> usize {
        numpy::PyUntypedArrayMethods::len(self.value.bind(py))
    }

    /// The pandas index of the input Series, or None when the input was not a Series.
    #[getter]
    fn index(&self, py: Python<'_>) -> Option<Py<PyAny>> {
        self.index.as_ref().map(|i| i.clone_ref(py))
    }

    /// Row `i` (negative counts from the end) as an `Estimate`; a slice gives `Estimates`.
    fn __getitem__<'py>(
        slf: &Bound<'py, Self>,
        key: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let this = slf.get();
        if let Ok(slice) = key.cast::<pyo3::types::PySlice>() {
            let take = |a: &Bound<'py, PyAny>| -> PyResult<Bound<'py, PyAny>> {
                a.get_item(slice)?.call_method0("copy")
            };
            let index = match &this.index {
                Some(i) => Some(i.bind(py).get_item(slice)?.unbind()),
                None => None,
            };
            let estimates = Estimates::from_arrays(
                (
                    take(this.value.bind(py).as_any())?.cast_into()?,
                    take(this.lower.bind(py).as_any())?.cast_into()?,
                    take(this.upper.bind(py).as_any())?.cast_into()?,
                    take(this.codes.bind(py).as_any())?.cast_into()?,
                ),
                index,
            )?;
            return Ok(Bound::new(py, estimates)?.into_any());
        }
        let len = this.__len__(py);
        let i: isize = key.extract().map_err(|_| {
            pyo3::exceptions::PyTypeError::new_err(format!(
                "Estimates indices must be integers or slices, not {}",
                crate::arrays::describe(key)
            ))
        })?;
        let row = if i < 0 {
            len.checked_sub(i.unsigned_abs())
        } else {
            usize::try_from(i).ok().filter(|&r| r < len)
        };
        let row = row.ok_or_else(|| {
            pyo3::exceptions::PyIndexError::new_err(format!(
                "Estimates index {i} out of range for {len} rows"
            ))
        })?;
        let at = |a: &Py<PyArray1<f64>>| -> PyResult<f64> {
            Ok(*a
                .bind(py)
                .readonly()
                .as_slice()?
                .get(row)
                .unwrap_or(&f64::NAN))
        };
        let code = *this
            .codes
            .bind(py)
            .readonly()
            .as_slice()?
            .get(row)
            .unwrap_or(&0);
        let e = Estimate {
            value: at(&this.value)?,
            lower: at(&this.lower)?,
            upper: at(&this.upper)?,
            method: method_name(code),
        };
        Ok(Bound::new(py, e)?.into_any())
    }

    /// The rows as `Estimate`s, in order.
    fn __iter__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let len = slf.get().__len__(py);
        let rows = (0..len)
            .map(|i| Self::__getitem__(slf, &i.into_pyobject(py)?.into_any()))
            .collect::<PyResult<Vec<_>>>()?;
        pyo3::types::PyList::new(py, rows)?
            .as_any()
            .try_iter()
            .map(Bound::into_any)
    }

    /// A pandas `DataFrame` with columns value, lower, upper, method, indexed as the input
    /// Series was (a `RangeIndex` otherwise). Needs pandas (`pip install carestat[pandas]`).
    fn to_frame<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        call_results(slf.as_any(), "estimates_frame")
    }

    /// The same as `to_frame`.
    fn to_pandas<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        call_results(slf.as_any(), "estimates_frame")
    }

    /// An HTML table for notebooks (the first and last rows of long results).
    fn _repr_html_<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        call_results(slf.as_any(), "estimates_html")
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let repr = |a: &Bound<'_, PyAny>| -> PyResult<String> {
            Ok(a.repr()?.to_cow()?.replace('\n', " "))
        };
        Ok(format!(
            "Estimates(value={}, lower={}, upper={}, method={})",
            repr(self.value.bind(py).as_any())?,
            repr(self.lower.bind(py).as_any())?,
            repr(self.upper.bind(py).as_any())?,
            repr(self.method(py)?.bind(py).as_any())?,
        ))
    }
}

/// A new float64 column of `len` rows, allocated by NumPy (which asks the kernel for huge
/// pages on large arrays: first-touching 40 MB in 4 KiB pages costs more than computing it).
pub fn float_column(py: Python<'_>, len: usize) -> Bound<'_, PyArray1<f64>> {
    PyArray1::zeros(py, len, false)
}

/// Runs a two-argument estimator: the scalar form for two scalars, else the batch form over
/// all rows, in chunks with the GIL released and Ctrl-C checked between them
/// ([`in_chunks`](crate::interrupt::in_chunks)), written straight into NumPy arrays allocated
/// once.
pub fn estimate_pair<'py>(
    a: (&Bound<'py, PyAny>, &'static str),
    b: (&Bound<'py, PyAny>, &'static str),
    scalar: impl FnOnce(f64, f64) -> carestat::Result<CoreEstimate>,
    many: impl Fn(&[f64], &[f64], EstimatesMut<'_>) -> carestat::Result<()> + Sync,
) -> PyResult<Bound<'py, PyAny>> {
    let py = a.0.py();
    let index = pandas_index(a.0).or_else(|| pandas_index(b.0));
    let (a_name, b_name) = (a.1, b.1);
    let a = Numbers::extract(a.0, a_name)?;
    let b = Numbers::extract(b.0, b_name)?;
    let Some(len) = rows(py, &a, a_name, &b, b_name)? else {
        let (x, y) = (
            a.scalar().unwrap_or(f64::NAN),
            b.scalar().unwrap_or(f64::NAN),
        );
        let e = scalar(x, y).map_err(|e| to_py(py, &e))?;
        return Ok(Bound::new(py, Estimate::from(e))?.into_any());
    };
    let (xs, ys) = (a.column(len), b.column(len));
    let (value, lower, upper) = (
        float_column(py, len),
        float_column(py, len),
        float_column(py, len),
    );
    let codes = PyArray1::<u32>::zeros(py, len, false);
    {
        // Fresh arrays that nothing else can see yet: these borrows cannot fail.
        let (mut v, mut l, mut u, mut m) = (
            value.readwrite(),
            lower.readwrite(),
            upper.readwrite(),
            codes.readwrite(),
        );
        let (v, l, u, m) = (
            v.as_slice_mut()?,
            l.as_slice_mut()?,
            u.as_slice_mut()?,
            m.as_slice_mut()?,
        );
        crate::interrupt::in_chunks(py, len, |r| {
            let out = EstimatesMut {
                value: &mut v[r.clone()],
                lower: &mut l[r.clone()],
                upper: &mut u[r.clone()],
                method: Some(&mut m[r.clone()]),
            };
            many(&xs[r.clone()], &ys[r], out)
        })?;
    }
    let estimates = Estimates::from_arrays((value, lower, upper, codes), index)?;
    Ok(Bound::new(py, estimates)?.into_any())
}
