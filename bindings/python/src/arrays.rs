//! Reading Python input as numbers: a scalar `f64`, or a column of `f64` read in place when
//! it already is one.
//!
//! The rules (the README's "arrays, dtypes and copies" states them for users):
//! * `None`, NaN and `pandas.NA` are missing (NaN). `True`/`False` are not numbers.
//! * Python `int`s must be representable exactly as a float: magnitude at most 2**53.
//! * A one-dimensional, aligned, contiguous, native float64 array (or anything whose
//!   `__array__` gives one, such as a float64 pandas Series) is read **in place**, without
//!   copying, writeable or not.
//! * Other float arrays (float32, float16, byte-swapped, strided, unaligned) and integer arrays
//!   are converted once into a new float64 buffer; int64/uint64 values above 2**53 in
//!   magnitude are rejected with their row.
//! * bool, complex, object, string, bytes, datetime and structured dtypes are rejected, as are
//!   bytes-like objects (`bytes`, `bytearray`, `memoryview`), and
//!   arrays of two or more dimensions. Masked arrays: masked entries are missing.
//! * Lists and tuples are read element by element with the scalar rules; errors name the row.
//! * 0-d arrays and NumPy scalars are scalars.

use std::borrow::Cow;

use carestat::Error;
use numpy::{
    PyArray1, PyArrayDescrMethods, PyArrayMethods, PyFixedUnicode, PyReadonlyArray1,
    PyUntypedArray, PyUntypedArrayMethods,
};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyFloat, PyInt, PyList, PyMemoryView, PyString, PyTuple, PyType,
};

use crate::errors::{invalid, to_py};

/// The largest integer magnitude every float64 holds exactly (2**53).
const MAX_EXACT_INT: u64 = 1 << 53;

/// One argument read as numbers.
pub enum Numbers<'py> {
    /// A single number (NaN when missing).
    Scalar(f64),
    /// A float64 column held by NumPy, read in place. `converted` says whether NumPy had to
    /// convert the caller's input to make it (`false`: the caller's own memory is read).
    Array {
        /// The borrowed column; contiguous and aligned (checked when it was made).
        data: PyReadonlyArray1<'py, f64>,
        /// Whether the input was converted (copied) to get here.
        converted: bool,
    },
    /// A column converted element by element (lists, integer and masked arrays).
    Vec(Vec<f64>),
}

impl<'py> Numbers<'py> {
    /// Reads `obj`, the argument called `field`.
    pub fn extract(obj: &Bound<'py, PyAny>, field: &'static str) -> PyResult<Self> {
        let py = obj.py();
        if let Some(value) = plain_scalar(obj, field, None)? {
            return Ok(Self::Scalar(value));
        }
        if let Ok(list) = obj.cast::<PyList>() {
            return list
                .iter()
                .enumerate()
                .map(|(row, item)| element(&item, field, row))
                .collect::<PyResult<_>>()
                .map(Self::Vec);
        }
        if let Ok(tuple) = obj.cast::<PyTuple>() {
            return tuple
                .iter()
                .enumerate()
                .map(|(row, item)| element(&item, field, row))
                .collect::<PyResult<_>>()
                .map(Self::Vec);
        }
        let array = if let Ok(array) = obj.cast::<PyUntypedArray>() {
            array.clone()
        } else {
            let converted = numpy_asarray(py)?.call1((obj,)).map_err(|e| {
                invalid(
                    py,
                    field,
                    None,
                    format!("cannot be read as numbers ({}: {e})", describe(obj)),
                )
            })?;
            converted.cast_into::<PyUntypedArray>()?
        };
        from_array(&array, field, At::Rows)
    }

    /// Number of rows, or `None` for a scalar.
    pub fn len(&self) -> Option<usize> {
        match self {
            Self::Scalar(_) => None,
            Self::Array { data, .. } => Some(data.len()),
            Self::Vec(values) => Some(values.len()),
        }
    }

    /// The value of a scalar (`None` for a column).
    pub fn scalar(&self) -> Option<f64> {
        match self {
            Self::Scalar(value) => Some(*value),
            _ => None,
        }
    }

    /// True when the caller's own float64 memory is read, without any copy.
    pub fn is_in_place(&self) -> bool {
        matches!(
            self,
            Self::Array {
                converted: false,
                ..
            }
        )
    }

    /// The values as a slice of `len` rows; a scalar is repeated `len` times.
    pub fn column(&self, len: usize) -> Cow<'_, [f64]> {
        match self {
            Self::Scalar(value) => Cow::Owned(vec![*value; len]),
            // Contiguity and alignment were checked when the array was accepted.
            Self::Array { data, .. } => Cow::Borrowed(data.as_slice().unwrap_or(&[])),
            Self::Vec(values) => Cow::Borrowed(values),
        }
    }
}

/// An argument that must be an array of numbers (a list, tuple, array or Series), copied
/// into a `Vec`; a single number is an [`Error::Invalid`] saying `expected` (e.g. "one
/// number per age band").
pub fn vector(obj: &Bound<'_, PyAny>, field: &'static str, expected: &str) -> PyResult<Vec<f64>> {
    let numbers = Numbers::extract(obj, field)?;
    match numbers.len() {
        Some(len) => Ok(numbers.column(len).into_owned()),
        None => Err(invalid(
            obj.py(),
            field,
            None,
            format!("expected {expected}, got {}", describe(obj)),
        )),
    }
}

/// Rows of two arguments taken together: `None` when both are scalars, else the common
/// length (a scalar broadcasts to the other's length).
pub fn rows(
    py: Python<'_>,
    a: &Numbers<'_>,
    a_name: &'static str,
    b: &Numbers<'_>,
    b_name: &'static str,
) -> PyResult<Option<usize>> {
    match (a.len(), b.len()) {
        (None, None) => Ok(None),
        (Some(n), None) | (None, Some(n)) => Ok(Some(n)),
        (Some(n), Some(m)) if n == m => Ok(Some(n)),
        (Some(n), Some(m)) => Err(to_py(
            py,
            &Error::LengthMismatch {
                field: Cow::Borrowed(b_name),
                expected_from: Cow::Borrowed(a_name),
                expected: n,
                found: m,
            },
        )),
    }
}

/// A number from a plain Python scalar (`None`, `bool`, `float`, `int`, `pandas.NA`), or
/// `None` when `obj` is not one of those.
fn plain_scalar(
    obj: &Bound<'_, PyAny>,
    field: &'static str,
    row: Option<usize>,
) -> PyResult<Option<f64>> {
    let py = obj.py();
    if obj.is_none() {
        return Ok(Some(f64::NAN));
    }
    if obj.is_instance_of::<PyBytes>()
        || obj.is_instance_of::<PyByteArray>()
        || obj.is_instance_of::<PyMemoryView>()
    {
        // Bytes-like objects are text or raw memory, not numbers: NumPy would read their
        // bytes as uint8 values. `numpy.frombuffer(x, dtype=...)` says what they hold.
        return Err(invalid(
            py,
            field,
            row,
            format!(
                "expected a number, got {} (bytes-like: use numpy.frombuffer(x, dtype=...) to say what it holds)",
                describe(obj)
            ),
        ));
    }
    if obj.is_instance_of::<PyBool>() || obj.is_instance_of::<PyString>() {
        return Err(invalid(
            py,
            field,
            row,
            format!("expected a number, got {}", describe(obj)),
        ));
    }
    if let Ok(float) = obj.cast::<PyFloat>() {
        return Ok(Some(float.value()));
    }
    if obj.is_instance_of::<PyInt>() {
        let exact = obj
            .extract::<i64>()
            .ok()
            .filter(|v| v.unsigned_abs() <= MAX_EXACT_INT);
        return match exact {
            Some(v) => Ok(Some(v as f64)),
            None => Err(invalid(
                py,
                field,
                row,
                "integer too large: magnitudes above 2**53 cannot be held exactly as a float"
                    .to_owned(),
            )),
        };
    }
    if is_pandas_na(obj)? {
        return Ok(Some(f64::NAN));
    }
    Ok(None)
}

/// One element of a list or tuple.
fn element(item: &Bound<'_, PyAny>, field: &'static str, row: usize) -> PyResult<f64> {
    let py = item.py();
    if let Some(value) = plain_scalar(item, field, Some(row))? {
        return Ok(value);
    }
    // NumPy scalars (np.int64(3), np.float32(0.5)) are numbers too.
    let not_a_number = || {
        invalid(
            py,
            field,
            Some(row),
            format!("expected a number or None, got {}", describe(item)),
        )
    };
    if !item.hasattr("dtype")? {
        return Err(not_a_number());
    }
    let array = numpy_asarray(py)?
        .call1((item,))?
        .cast_into::<PyUntypedArray>()?;
    if array.ndim() != 0 {
        return Err(not_a_number());
    }
    match from_array(&array, field, At::Fixed(Some(row)))? {
        Numbers::Scalar(value) => Ok(value),
        _ => Err(not_a_number()),
    }
}

/// Which row an error names.
#[derive(Clone, Copy)]
enum At {
    /// The row within the array being read (none for the whole array).
    Rows,
    /// A fixed row: that of a list element, or none for a 0-d array given on its own.
    Fixed(Option<usize>),
}

impl At {
    /// The row to name for a problem with the whole array.
    fn whole(self) -> Option<usize> {
        match self {
            Self::Rows => None,
            Self::Fixed(row) => row,
        }
    }

    /// The row to name for a problem at `row` of the array.
    fn row(self, row: usize) -> Option<usize> {
        match self {
            Self::Rows => Some(row),
            Self::Fixed(fixed) => fixed,
        }
    }
}

/// Reads a NumPy array of any dtype and dimension.
fn from_array<'py>(
    array: &Bound<'py, PyUntypedArray>,
    field: &'static str,
    at: At,
) -> PyResult<Numbers<'py>> {
    let py = array.py();
    if array.is_instance(masked_array_type(py)?)? {
        return from_masked(array, field, at);
    }
    let ndim = array.ndim();
    if ndim > 1 {
        return Err(invalid(
            py,
            field,
            at.whole(),
            format!(
                "must be one-dimensional (got an array of shape {})",
                shape(array.shape())
            ),
        ));
    }
    if ndim == 1 {
        return from_1d(array, field, at);
    }
    let flat = array.call_method0("ravel")?.cast_into::<PyUntypedArray>()?;
    let at = match at {
        At::Rows => At::Fixed(None),
        fixed @ At::Fixed(_) => fixed,
    };
    let value = from_1d(&flat, field, at)?
        .column(1)
        .first()
        .copied()
        .unwrap_or(f64::NAN);
    Ok(Numbers::Scalar(value))
}

/// Reads a one-dimensional array by its dtype.
fn from_1d<'py>(
    array: &Bound<'py, PyUntypedArray>,
    field: &'static str,
    at: At,
) -> PyResult<Numbers<'py>> {
    let py = array.py();
    let dtype = array.dtype();
    match dtype.kind() {
        b'f' => {
            if let Ok(floats) = array.cast::<PyArray1<f64>>() {
                let data = floats.try_readonly().map_err(|_| {
                    invalid(
                        py,
                        field,
                        at.whole(),
                        "the array is being written by other native code".to_owned(),
                    )
                })?;
                if data.as_slice().is_ok() {
                    return Ok(Numbers::Array {
                        data,
                        converted: false,
                    });
                }
            }
            // float32/float16/longdouble, byte-swapped, strided or unaligned: one conversion
            // by NumPy into a fresh, aligned, contiguous float64 array.
            let data = array
                .call_method1("astype", ("float64",))?
                .cast_into::<PyArray1<f64>>()?
                .readonly();
            if data.as_slice().is_err() {
                return Err(invalid(
                    py,
                    field,
                    at.whole(),
                    "NumPy gave a float64 copy that is not contiguous".to_owned(),
                ));
            }
            Ok(Numbers::Array {
                data,
                converted: true,
            })
        }
        b'i' => {
            let ints = array
                .call_method1("astype", ("int64",))?
                .cast_into::<PyArray1<i64>>()?
                .readonly();
            let ints = ints.as_array();
            let values = ints.iter().map(|&v| (v.unsigned_abs(), v as f64));
            ints_to_floats(py, values, field, at)
        }
        b'u' => {
            let ints = array
                .call_method1("astype", ("uint64",))?
                .cast_into::<PyArray1<u64>>()?
                .readonly();
            let ints = ints.as_array();
            ints_to_floats(py, ints.iter().map(|&v| (v, v as f64)), field, at)
        }
        kind => {
            let what = match kind {
                b'b' => "booleans are not numbers",
                b'O' => "an object array may hold anything; convert it with .astype(float), missing values as NaN",
                b'U' | b'S' | b'T' => "strings are not numbers; parse them first (pandas.to_numeric)",
                b'c' => "complex numbers are not accepted",
                b'M' | b'm' => "dates and durations are not accepted",
                _ => "not a numeric dtype",
            };
            Err(invalid(
                py,
                field,
                at.whole(),
                format!("dtype {} cannot be read as numbers: {what}", dtype.str()?),
            ))
        }
    }
}

/// Converts integers (given as magnitude and value) to floats, rejecting magnitudes above
/// 2**53 with their row.
fn ints_to_floats<'py>(
    py: Python<'py>,
    ints: impl ExactSizeIterator<Item = (u64, f64)>,
    field: &'static str,
    at: At,
) -> PyResult<Numbers<'py>> {
    let mut values = Vec::with_capacity(ints.len());
    for (row, (magnitude, value)) in ints.enumerate() {
        if magnitude > MAX_EXACT_INT {
            let sign = if value < 0.0 { "-" } else { "" };
            return Err(invalid(
                py,
                field,
                at.row(row),
                format!(
                    "integer {sign}{magnitude} too large: magnitudes above 2**53 cannot be held exactly as a float"
                ),
            ));
        }
        values.push(value);
    }
    Ok(Numbers::Vec(values))
}

/// A masked array: its data read by the usual rules, masked entries missing.
fn from_masked<'py>(
    array: &Bound<'py, PyUntypedArray>,
    field: &'static str,
    at: At,
) -> PyResult<Numbers<'py>> {
    let py = array.py();
    let ma = py.import("numpy.ma")?;
    let data = ma
        .call_method1("getdata", (array,))?
        .cast_into::<PyUntypedArray>()?;
    let numbers = from_array(&data, field, at)?;
    let mask = ma
        .call_method1("getmaskarray", (array,))?
        .call_method0("ravel")?
        .cast_into::<PyArray1<bool>>()?
        .readonly();
    let mask = mask.as_array();
    let Some(len) = numbers.len() else {
        let masked = mask.iter().any(|&m| m);
        return Ok(if masked {
            Numbers::Scalar(f64::NAN)
        } else {
            numbers
        });
    };
    let mut values = numbers.column(len).into_owned();
    for (value, &masked) in values.iter_mut().zip(mask.iter()) {
        if masked {
            *value = f64::NAN;
        }
    }
    Ok(Numbers::Vec(values))
}

/// `numpy.asarray`, looked up once.
fn numpy_asarray(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    static ASARRAY: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    ASARRAY
        .get_or_try_init(py, || {
            Ok::<_, PyErr>(py.import("numpy")?.getattr("asarray")?.unbind())
        })
        .map(|f| f.bind(py))
}

/// `numpy.ma.MaskedArray`, looked up once.
fn masked_array_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static MASKED: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    MASKED.import(py, "numpy.ma", "MaskedArray")
}

/// True for `pandas.NA` (pandas' missing value), without importing pandas.
fn is_pandas_na(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    let ty = obj.get_type();
    Ok(ty.name()?.to_cow()? == "NAType" && ty.module()?.to_cow()?.starts_with("pandas"))
}

/// An object's type and a short `repr`, for messages: `str 'n/a'`.
pub fn describe(obj: &Bound<'_, PyAny>) -> String {
    let name = obj
        .get_type()
        .name()
        .map_or_else(|_| "object".to_owned(), |n| n.to_string());
    let repr = obj.repr().map(|r| r.to_string()).unwrap_or_default();
    let repr = if repr.chars().count() > 40 {
        format!("{}...", repr.chars().take(37).collect::<String>())
    } else {
        repr
    };
    format!("{name} {repr}")
}

/// A shape as Python writes it: `(2, 3)`.
fn shape(dims: &[usize]) -> String {
    let dims: Vec<String> = dims.iter().map(ToString::to_string).collect();
    format!("({})", dims.join(", "))
}

/// A fixed-width NumPy unicode string (`<U{N}`), from a label of at most `N` characters.
pub fn fixed_label<const N: usize>(label: &str) -> PyFixedUnicode<N> {
    debug_assert!(label.chars().count() <= N, "label {label:?} wider than {N}");
    let mut chars = [0u32; N];
    for (slot, c) in chars.iter_mut().zip(label.chars()) {
        *slot = u32::from(c);
    }
    PyFixedUnicode(chars)
}
