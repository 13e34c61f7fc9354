//! The Python protocols of `Estimate` and `Estimates` (issue 16): construction from their
//! fields, `==` (a missing value equals a missing value, so a pickled result equals itself),
//! `hash` for `Estimate`, and `pickle` / `copy` / `deepcopy` through `__reduce__`; and the
//! helpers the other result classes use for the same protocols ([`same`], [`hash_of`],
//! [`reduce_to`]).
//!
//! `Estimates`' columns are read-only NumPy arrays ([`freeze`]): a result cannot be changed
//! behind the back of the `Estimate` rows and frames made from it.

use numpy::{PyArray1, PyArrayMethods, PyUntypedArrayMethods};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyTuple;
use pyo3::BoundObject;

use carestat::Method;

use crate::arrays::Numbers;
use crate::estimate::{BoundColumns, Estimate, Estimates};

/// Makes a NumPy array read-only (`arr.flags.writeable = False`).
pub fn freeze<T: numpy::Element>(arr: &Bound<'_, PyArray1<T>>) -> PyResult<()> {
    arr.getattr("flags")?.setattr("writeable", false)
}

/// The method with this name (`""` is missing), as its stable code.
fn method_code(name: &str) -> Option<u32> {
    (0..64)
        .filter_map(Method::from_code)
        .find(|m| m.name() == name)
        .map(Method::code)
}

fn unknown_method(py: Python<'_>, name: &str) -> PyErr {
    let e = carestat::Error::Unknown {
        field: carestat::Field::new("method"),
        kind: "method name".into(),
        id: name.to_owned(),
    };
    crate::errors::to_py(py, &e)
}

/// The same float, NaNs and signed zeros alike (`==` on results: missing equals missing).
pub(crate) fn same(a: f64, b: f64) -> bool {
    a == b || (a.is_nan() && b.is_nan())
}

/// The same optional float: both None, or both numbers that are [`same`].
pub(crate) fn same_option(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => same(x, y),
        _ => false,
    }
}

/// A float as the result classes hash it, consistent with [`same`]: every NaN alike, -0.0
/// as 0.0.
pub(crate) fn float_key(x: f64) -> u64 {
    if x.is_nan() {
        u64::MAX
    } else if x == 0.0 {
        0
    } else {
        x.to_bits()
    }
}

/// The `__hash__` of a result from its fields (floats through [`float_key`]).
pub(crate) fn hash_of(fields: impl std::hash::Hash) -> u64 {
    use std::hash::Hasher;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    fields.hash(&mut h);
    h.finish()
}

/// `__reduce__` of a result class without a public constructor: pickle, `copy` and
/// `deepcopy` call the module function `carestat._carestat.<function>` with `args` (a
/// private `_restore_*` function taking the fields, or the public function that computed the
/// result, given its inputs again). The function is looked up in the module, not wrapped
/// anew: pickle refuses a function that is not the module's own attribute.
pub(crate) fn reduce_to<'py, A>(
    py: Python<'py>,
    function: &str,
    args: A,
) -> PyResult<Bound<'py, PyTuple>>
where
    A: IntoPyObject<'py, Target = PyTuple>,
{
    let function = py.import("carestat._carestat")?.getattr(function)?;
    let args = args.into_pyobject(py).map_err(Into::into)?.into_bound();
    PyTuple::new(py, [function, args.into_any()])
}

impl Estimate {
    /// An estimate from its fields: `Estimate(value, lower, upper, method)`; `method` is one
    /// of the names carestat gives ("Exact", "Byars", "Wilson", "Dobson", ... or "").
    pub(crate) fn new_impl(
        py: Python<'_>,
        value: f64,
        lower: f64,
        upper: f64,
        method: &str,
    ) -> PyResult<Self> {
        let code = method_code(method).ok_or_else(|| unknown_method(py, method))?;
        let method = Method::from_code(code).map_or("", Method::name);
        Ok(Self::from_parts(value, lower, upper, method))
    }

    /// Equal when every field is (NaN equals NaN: a missing result equals itself).
    pub(crate) fn eq_impl(&self, other: &Bound<'_, PyAny>) -> Py<PyAny> {
        let py = other.py();
        let Ok(other) = other.cast::<Self>() else {
            return py.NotImplemented();
        };
        let o = other.get();
        let (a, b) = (self.parts(), o.parts());
        let eq = same(a.0, b.0) && same(a.1, b.1) && same(a.2, b.2) && a.3 == b.3;
        pyo3::types::PyBool::new(py, eq)
            .to_owned()
            .into_any()
            .unbind()
    }

    /// A hash consistent with `==` (every NaN alike, -0.0 as 0.0).
    pub(crate) fn hash_impl(&self) -> u64 {
        let (v, l, u, m) = self.parts();
        hash_of((float_key(v), float_key(l), float_key(u), m))
    }

    /// Pickle, `copy` and `deepcopy`: rebuilt from its four fields.
    pub(crate) fn reduce_impl<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let (v, l, u, m) = slf.get().parts();
        let args = (v, l, u, m).into_pyobject(py)?;
        PyTuple::new(py, [slf.get_type().into_any(), args.into_any()])
    }
}

impl Estimates {
    /// Estimates from their columns: `Estimates(value, lower, upper, method, index=None)`,
    /// the columns of equal length, `method` the names carestat gives. The columns are
    /// copied into read-only float64 arrays.
    pub(crate) fn new_impl(
        value: &Bound<'_, PyAny>,
        lower: &Bound<'_, PyAny>,
        upper: &Bound<'_, PyAny>,
        method: &Bound<'_, PyAny>,
        index: Option<Py<PyAny>>,
    ) -> PyResult<Self> {
        let py = value.py();
        let column = |obj: &Bound<'_, PyAny>, name: &'static str| -> PyResult<Vec<f64>> {
            let n = Numbers::extract(obj, name)?;
            let len = n.len().ok_or_else(|| {
                PyValueError::new_err(format!("{name}: expected an array, not a scalar"))
            })?;
            Ok(n.column(len).into_owned())
        };
        let (v, l, u) = (
            column(value, "value")?,
            column(lower, "lower")?,
            column(upper, "upper")?,
        );
        let mut codes = Vec::with_capacity(v.len());
        for name in method.try_iter()? {
            let name: String = name?.extract()?;
            codes.push(method_code(&name).ok_or_else(|| unknown_method(py, &name))?);
        }
        if l.len() != v.len() || u.len() != v.len() || codes.len() != v.len() {
            return Err(PyValueError::new_err(format!(
                "Estimates: columns of different lengths (value {}, lower {}, upper {}, method {})",
                v.len(),
                l.len(),
                u.len(),
                codes.len()
            )));
        }
        let arrays = (
            PyArray1::from_vec(py, v),
            PyArray1::from_vec(py, l),
            PyArray1::from_vec(py, u),
            PyArray1::from_vec(py, codes),
        );
        Self::from_arrays(arrays, index)
    }

    /// Equal when every column is, row by row (NaN equals NaN), and the indexes are
    /// (both None, or pandas indexes that are `equals`).
    pub(crate) fn eq_impl(&self, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let py = other.py();
        let Ok(other) = other.cast::<Self>() else {
            return Ok(py.NotImplemented());
        };
        let o = other.get();
        let (a, b) = (self.columns(py), o.columns(py));
        let mut eq = true;
        for (x, y) in [(&a.0, &b.0), (&a.1, &b.1), (&a.2, &b.2)] {
            let (x, y) = (x.readonly(), y.readonly());
            let (x, y) = (x.as_slice()?, y.as_slice()?);
            eq &= x.len() == y.len() && x.iter().zip(y).all(|(&p, &q)| same(p, q));
        }
        eq &= a.3.readonly().as_slice()? == b.3.readonly().as_slice()?;
        eq &= match (self.index_ref(), o.index_ref()) {
            (None, None) => true,
            (Some(i), Some(j)) => i
                .bind(py)
                .call_method1("equals", (j.bind(py),))?
                .is_truthy()?,
            _ => false,
        };
        Ok(pyo3::types::PyBool::new(py, eq)
            .to_owned()
            .into_any()
            .unbind())
    }

    /// Pickle, `copy` and `deepcopy`: rebuilt from its columns and index.
    pub(crate) fn reduce_impl<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let this = slf.get();
        let (v, l, u, _) = this.columns(py);
        let method = slf.getattr("method")?;
        let index = this.index_ref().map(|i| i.clone_ref(py));
        let args = (v, l, u, method, index).into_pyobject(py)?;
        PyTuple::new(py, [slf.get_type().into_any(), args.into_any()])
    }

    /// Estimates from freshly made columns, frozen read-only.
    pub fn from_arrays(
        (value, lower, upper, codes): BoundColumns<'_>,
        index: Option<Py<PyAny>>,
    ) -> PyResult<Self> {
        for a in [&value, &lower, &upper] {
            freeze(a)?;
        }
        freeze(&codes)?;
        debug_assert_eq!(value.len(), codes.len());
        Ok(Self::from_parts(
            value.unbind(),
            lower.unbind(),
            upper.unbind(),
            codes.unbind(),
            PyOnceLock::new(),
            index,
        ))
    }
}
