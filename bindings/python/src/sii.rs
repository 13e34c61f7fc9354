//! `carestat.sii`: the slope and relative index of inequality with simulated confidence
//! limits, as PHEindicatormethods `phe_sii`; results `carestat.Sii` and `carestat.SiiInterval`.

use carestat::sii::{self as core, SiiOptions, SiiUncertainty, SiiValueType};
use carestat::Error;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyTuple};

use crate::arrays::{describe, vector, Numbers};
use crate::errors::{invalid, to_py};
use crate::estimate::float_repr;
use crate::estimate_protocols::{float_key, hash_of, reduce_to, same};
use crate::params::{choice, real, whole};

/// Simulated confidence limits of the SII and RII at one level.
#[pyclass(frozen, module = "carestat", name = "SiiInterval")]
pub struct SiiInterval {
    /// The confidence level (a fraction, e.g. 0.95).
    #[pyo3(get)]
    confidence: f64,
    /// Lower limit of the SII.
    #[pyo3(get)]
    sii_lower: f64,
    /// Upper limit of the SII.
    #[pyo3(get)]
    sii_upper: f64,
    /// Lower limit of the RII.
    #[pyo3(get)]
    rii_lower: f64,
    /// Upper limit of the RII.
    #[pyo3(get)]
    rii_upper: f64,
}

impl SiiInterval {
    fn fields(&self) -> [f64; 5] {
        [
            self.confidence,
            self.sii_lower,
            self.sii_upper,
            self.rii_lower,
            self.rii_upper,
        ]
    }

    fn same_as(&self, other: &Self) -> bool {
        self.fields()
            .iter()
            .zip(other.fields())
            .all(|(&a, b)| same(a, b))
    }
}

/// A `SiiInterval` from its fields, for pickle (`SiiInterval.__reduce__`).
#[pyfunction]
pub fn _restore_sii_interval(
    confidence: f64,
    sii_lower: f64,
    sii_upper: f64,
    rii_lower: f64,
    rii_upper: f64,
) -> SiiInterval {
    SiiInterval {
        confidence,
        sii_lower,
        sii_upper,
        rii_lower,
        rii_upper,
    }
}

#[pymethods]
impl SiiInterval {
    /// Equal when every field is (NaN equals NaN).
    fn __eq__(&self, other: &Self) -> bool {
        self.same_as(other)
    }

    fn __hash__(&self) -> u64 {
        hash_of(self.fields().map(float_key))
    }

    /// Pickle, `copy` and `deepcopy`: rebuilt from its five fields.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let [c, sl, su, rl, ru] = self.fields();
        reduce_to(py, "_restore_sii_interval", (c, sl, su, rl, ru))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "SiiInterval(confidence={}, sii_lower={}, sii_upper={}, rii_lower={}, rii_upper={})",
            float_repr(py, self.confidence)?,
            float_repr(py, self.sii_lower)?,
            float_repr(py, self.sii_upper)?,
            float_repr(py, self.rii_lower)?,
            float_repr(py, self.rii_upper)?,
        ))
    }
}

/// The slope and relative index of inequality of one area, with simulated intervals.
// The field `sii` is the Python attribute `Sii.sii`, as the reference's column is named.
#[allow(clippy::struct_field_names)]
#[pyclass(frozen, module = "carestat", name = "Sii")]
pub struct Sii {
    /// Slope index of inequality (times the multiplier).
    #[pyo3(get)]
    sii: f64,
    /// Relative index of inequality (inverted for a negative multiplier).
    #[pyo3(get)]
    rii: f64,
    /// Fitted value at relative rank 0 (the most deprived end).
    #[pyo3(get)]
    intercept: f64,
    /// One `SiiInterval` per confidence level, in the order asked.
    #[pyo3(get)]
    intervals: Py<PyTuple>,
}

/// A `Sii` from its fields, for pickle (`Sii.__reduce__`): `intervals` a sequence of
/// `SiiInterval`.
#[pyfunction]
pub fn _restore_sii(
    py: Python<'_>,
    sii: f64,
    rii: f64,
    intercept: f64,
    intervals: Vec<Py<SiiInterval>>,
) -> PyResult<Sii> {
    Ok(Sii {
        sii,
        rii,
        intercept,
        intervals: PyTuple::new(py, intervals)?.unbind(),
    })
}

impl Sii {
    /// The intervals, bound.
    fn interval_list<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, SiiInterval>>> {
        self.intervals
            .bind(py)
            .iter()
            .map(|i| i.cast_into::<SiiInterval>().map_err(PyErr::from))
            .collect()
    }
}

#[pymethods]
impl Sii {
    /// Equal when the indices and every interval are (NaN equals NaN).
    fn __eq__(&self, py: Python<'_>, other: &Self) -> PyResult<bool> {
        let (a, b) = (self.interval_list(py)?, other.interval_list(py)?);
        Ok(same(self.sii, other.sii)
            && same(self.rii, other.rii)
            && same(self.intercept, other.intercept)
            && a.len() == b.len()
            && a.iter().zip(&b).all(|(x, y)| x.get().same_as(y.get())))
    }

    fn __hash__(&self, py: Python<'_>) -> PyResult<u64> {
        let intervals: Vec<[u64; 5]> = self
            .interval_list(py)?
            .iter()
            .map(|i| i.get().fields().map(float_key))
            .collect();
        Ok(hash_of((
            [self.sii, self.rii, self.intercept].map(float_key),
            intervals,
        )))
    }

    /// Pickle, `copy` and `deepcopy`: rebuilt from its fields (the simulation is not run
    /// again).
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        reduce_to(
            py,
            "_restore_sii",
            (
                self.sii,
                self.rii,
                self.intercept,
                self.intervals.bind(py).clone(),
            ),
        )
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Sii(sii={}, rii={}, intercept={}, intervals={})",
            float_repr(py, self.sii)?,
            float_repr(py, self.rii)?,
            float_repr(py, self.intercept)?,
            self.intervals.bind(py).repr()?.to_cow()?,
        ))
    }
}

/// `value_type`: `"normal"`, `"rate"`, `"proportion"` or the reference's code 0, 1, 2.
fn read_value_type(obj: Option<&Bound<'_, PyAny>>) -> PyResult<SiiValueType> {
    let names = [
        ("normal", SiiValueType::Normal),
        ("rate", SiiValueType::Rate),
        ("proportion", SiiValueType::Proportion),
    ];
    match obj.filter(|o| !o.is_none()) {
        Some(code) if !code.is_instance_of::<pyo3::types::PyString>() => {
            SiiValueType::from_code(whole(code, "value_type")?).map_err(|e| to_py(code.py(), &e))
        }
        other => choice(other, "value_type", &names, SiiValueType::Normal),
    }
}

/// A flag: `True` or `False`; `None` gives `default`.
fn flag(obj: Option<&Bound<'_, PyAny>>, field: &'static str, default: bool) -> PyResult<bool> {
    match obj.filter(|o| !o.is_none()) {
        None => Ok(default),
        Some(o) if o.is_instance_of::<PyBool>() => o.extract(),
        Some(o) => Err(invalid(
            o.py(),
            field,
            None,
            format!("expected True or False, got {}", describe(o)),
        )),
    }
}

/// A non-negative whole number parameter.
fn count(obj: Option<&Bound<'_, PyAny>>, field: &'static str, default: u64) -> PyResult<u64> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(default);
    };
    let n = whole(obj, field)?;
    u64::try_from(n).map_err(|_| {
        to_py(
            obj.py(),
            &Error::Negative {
                field: field.into(),
                value: n as f64,
            },
        )
    })
}

/// Confidence levels: one number or a sequence of them.
fn read_levels(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<f64>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(vec![0.95]);
    };
    let numbers = Numbers::extract(obj, "confidence")?;
    Ok(match numbers.len() {
        None => vec![real(Some(obj), "confidence", 0.95)?],
        Some(len) => numbers.column(len).into_owned(),
    })
}

/// The slope index of inequality (SII) and relative index of inequality (RII) of one area,
/// with confidence limits from simulation, as PHEindicatormethods `phe_sii`.
///
/// Rows are the quantiles in order (e.g. deprivation decile 1, most deprived, first); 5 to
/// 100 of them. Give each value's uncertainty as `standard_errors`, or as 95% confidence
/// limits `lower` and `upper` (needed with `transform`). `value_type` is `"normal"` (life
/// expectancy, scores), `"rate"` or `"proportion"` (0 to 1), or the reference's code 0, 1, 2;
/// with `transform=True` rates are regressed on the log scale and proportions on the logit
/// scale. `confidence` is one level or several (e.g. `(0.95, 0.998)`).
///
/// The SII, RII and intercept are exact. The limits come from `repetitions` simulations
/// (at least 1,000) with carestat's own seeded generator: the same `seed` gives the same
/// limits, which agree with the reference's within simulation error (not R's random draws).
/// The simulation runs without the GIL.
#[pyfunction]
#[pyo3(
    signature = (populations, values, standard_errors = None, lower = None, upper = None, value_type = None, multiplier = None, transform = None, confidence = None, repetitions = None, seed = None),
    text_signature = "(populations, values, standard_errors=None, lower=None, upper=None, value_type='normal', multiplier=1.0, transform=False, confidence=0.95, repetitions=100000, seed=1)"
)]
#[allow(clippy::too_many_arguments)]
pub fn sii<'py>(
    py: Python<'py>,
    populations: &Bound<'py, PyAny>,
    values: &Bound<'py, PyAny>,
    standard_errors: Option<&Bound<'py, PyAny>>,
    lower: Option<&Bound<'py, PyAny>>,
    upper: Option<&Bound<'py, PyAny>>,
    value_type: Option<&Bound<'py, PyAny>>,
    multiplier: Option<&Bound<'py, PyAny>>,
    transform: Option<&Bound<'py, PyAny>>,
    confidence: Option<&Bound<'py, PyAny>>,
    repetitions: Option<&Bound<'py, PyAny>>,
    seed: Option<&Bound<'py, PyAny>>,
) -> PyResult<Sii> {
    const QUANTILES: &str = "one number per quantile (a list or array)";
    let repetitions = count(repetitions, "repetitions", 100_000)?;
    let options = SiiOptions {
        value_type: read_value_type(value_type)?,
        multiplier: real(multiplier, "multiplier", 1.0)?,
        transform: flag(transform, "transform", false)?,
        repetitions: usize::try_from(repetitions).unwrap_or(usize::MAX),
        seed: count(seed, "seed", 1)?,
    };
    let levels = read_levels(confidence)?;
    let populations = vector(populations, "populations", QUANTILES)?;
    let values = vector(values, "values", QUANTILES)?;
    let (se, limits) = match (
        standard_errors.filter(|o| !o.is_none()),
        lower.filter(|o| !o.is_none()),
        upper.filter(|o| !o.is_none()),
    ) {
        (Some(se), None, None) => (Some(vector(se, "standard_errors", QUANTILES)?), None),
        (None, Some(lo), Some(hi)) => (
            None,
            Some((
                vector(lo, "lower", QUANTILES)?,
                vector(hi, "upper", QUANTILES)?,
            )),
        ),
        (None, None, None) => {
            return Err(invalid(
                py,
                "standard_errors",
                None,
                "give standard_errors or the 95% limits lower and upper".to_owned(),
            ))
        }
        _ => {
            return Err(invalid(
                py,
                "standard_errors",
                None,
                "give either standard_errors or both lower and upper, not a mix".to_owned(),
            ))
        }
    };
    // Ctrl-C: the simulation asks every 65,536 repetitions; the GIL is taken back only for
    // Python's signal handlers, and a KeyboardInterrupt they raise ends the call.
    let mut interrupted: Option<PyErr> = None;
    let s = py
        .detach(|| {
            let uncertainty = match (&se, &limits) {
                (Some(se), _) => SiiUncertainty::StandardErrors(se),
                (None, Some((lower, upper))) => SiiUncertainty::Limits95 { lower, upper },
                (None, None) => SiiUncertainty::StandardErrors(&[]),
            };
            // Not `Python::check_signals` as clippy suggests: a method path is not general
            // over the GIL's lifetime, so `attach` refuses it.
            #[allow(clippy::redundant_closure_for_method_calls)]
            let mut stop = || match Python::attach(|py| py.check_signals()) {
                Ok(()) => false,
                Err(e) => {
                    interrupted = Some(e);
                    true
                }
            };
            core::sii_until(
                &populations,
                &values,
                uncertainty,
                &levels,
                &options,
                &mut stop,
            )
        })
        .map_err(|e| to_py(py, &e))?;
    let Some(s) = s else {
        return Err(interrupted.unwrap_or_else(|| {
            pyo3::exceptions::PyKeyboardInterrupt::new_err("the simulation was stopped")
        }));
    };
    let intervals = s
        .intervals
        .iter()
        .map(|i| {
            Py::new(
                py,
                SiiInterval {
                    confidence: i.confidence,
                    sii_lower: i.sii_lower,
                    sii_upper: i.sii_upper,
                    rii_lower: i.rii_lower,
                    rii_upper: i.rii_upper,
                },
            )
        })
        .collect::<PyResult<Vec<_>>>()?;
    Ok(Sii {
        sii: s.sii,
        rii: s.rii,
        intercept: s.intercept,
        intervals: PyTuple::new(py, intervals)?.unbind(),
    })
}
