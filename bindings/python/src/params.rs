//! Single-value parameters (`multiplier`, `confidence`, `decimals`, `polarity`). Like data
//! arguments, a value of the wrong type is a `CarestatError` (`InvalidInputError`) naming the
//! parameter, and a wrong value is the core's error.

use carestat::{Error, Polarity};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyFloat, PyInt, PyString};

use crate::arrays::{describe, Numbers};
use crate::errors::{invalid, to_py};

/// A real-number parameter; `None` (or leaving it out) gives `default`.
pub fn real(obj: Option<&Bound<'_, PyAny>>, field: &'static str, default: f64) -> PyResult<f64> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(default);
    };
    Numbers::extract(obj, field)?.scalar().ok_or_else(|| {
        invalid(
            obj.py(),
            field,
            None,
            format!("expected a single number, got {}", describe(obj)),
        )
    })
}

/// A whole-number parameter: an `int` or NumPy integer, not a bool or a float.
pub fn whole(obj: &Bound<'_, PyAny>, field: &'static str) -> PyResult<i64> {
    let py = obj.py();
    let is_int = obj.is_instance_of::<PyInt>()
        || (!obj.is_instance_of::<PyFloat>() && obj.hasattr("__index__")?);
    if obj.is_instance_of::<PyBool>() || !is_int || is_numpy_bool(obj) {
        return Err(invalid(
            py,
            field,
            None,
            format!("expected a whole number, got {}", describe(obj)),
        ));
    }
    obj.extract::<i64>().map_err(|_| {
        to_py(
            py,
            &Error::OutOfRange {
                field: field.into(),
                value: obj.extract::<f64>().unwrap_or(f64::INFINITY),
                expected: "a 64-bit integer".into(),
            },
        )
    })
}

fn is_numpy_bool(obj: &Bound<'_, PyAny>) -> bool {
    obj.getattr("dtype")
        .and_then(|d| d.getattr("kind"))
        .and_then(|k| k.extract::<String>())
        .is_ok_and(|k| k == "b")
}

/// A measure's polarity: `"high_is_good"`, `"low_is_good"`, `"no_judgement"`, or a
/// Fingertips code (1 high is good, 0 low is good, 99 or -1 no judgement).
pub fn polarity(obj: &Bound<'_, PyAny>) -> PyResult<Polarity> {
    let py = obj.py();
    if let Ok(name) = obj.cast::<PyString>() {
        return match name.to_cow()?.as_ref() {
            "high_is_good" => Ok(Polarity::HighIsGood),
            "low_is_good" => Ok(Polarity::LowIsGood),
            "no_judgement" => Ok(Polarity::NoJudgement),
            other => Err(to_py(
                py,
                &Error::Unknown {
                    field: "polarity".into(),
                    kind: "polarity (expected high_is_good, low_is_good, no_judgement or a Fingertips code 1, 0, 99, -1)".into(),
                    id: other.to_owned(),
                },
            )),
        };
    }
    let code = whole(obj, "polarity")?;
    Polarity::from_code(code).map_err(|e| to_py(py, &e))
}

/// A parameter that names one of a few choices (`"dsr"`, `"crude"`...); `None` (or leaving
/// it out) gives `default`. Another string is an `UnknownValueError` listing the choices,
/// anything else an `InvalidInputError`.
pub fn choice<T: Copy>(
    obj: Option<&Bound<'_, PyAny>>,
    field: &'static str,
    options: &[(&'static str, T)],
    default: T,
) -> PyResult<T> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(default);
    };
    let py = obj.py();
    let names: Vec<&str> = options.iter().map(|(name, _)| *name).collect();
    let Ok(text) = obj.cast::<PyString>() else {
        return Err(invalid(
            py,
            field,
            None,
            format!(
                "expected one of {}, got {}",
                names.join(", "),
                describe(obj)
            ),
        ));
    };
    let text = text.to_cow()?;
    options
        .iter()
        .find(|(name, _)| *name == text.as_ref())
        .map(|(_, value)| *value)
        .ok_or_else(|| {
            to_py(
                py,
                &Error::Unknown {
                    field: field.into(),
                    kind: format!("{field} (expected {})", names.join(", ")).into(),
                    id: text.into_owned(),
                },
            )
        })
}
