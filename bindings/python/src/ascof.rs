//! The ASCOF catalogue for `carestat.ascof`: `Measure` objects, lookups, outcomes and
//! year-on-year comparisons. The package module `carestat/ascof.py` gives them their public
//! names (`measure`, `MEASURES`, `outcome`, `compare`).

use carestat::ascof::{self, Certainty, Formula, Framework, Mapping, Measure as CoreMeasure, Unit};
use carestat::{Error, Judgement, Polarity};
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};

use crate::arrays::describe;
use crate::errors::{invalid, to_py};
use crate::estimate::float_repr;
use crate::estimate_protocols::{float_key, hash_of, reduce_to, same};
use crate::params::real;

fn framework_name(f: Framework) -> &'static str {
    f.name()
}

fn certainty_name(c: Certainty) -> &'static str {
    match c {
        Certainty::Verified => "verified",
        Certainty::Uncertain => "uncertain",
    }
}

fn polarity_name(p: Polarity) -> &'static str {
    match p {
        Polarity::HighIsGood => "high_is_good",
        Polarity::LowIsGood => "low_is_good",
        Polarity::NoJudgement => "no_judgement",
    }
}

/// One ASCOF measure of the catalogue (read-only).
#[pyclass(frozen, module = "carestat.ascof", name = "Measure")]
pub struct Measure(&'static CoreMeasure);

#[pymethods]
impl Measure {
    /// Compact id: "2A2", "1C1A".
    #[getter]
    fn id(&self) -> &'static str {
        &self.0.id
    }
    /// The id as published: "2A(2)", "1C(1a)".
    #[getter]
    fn label(&self) -> &'static str {
        &self.0.label
    }
    /// "2022-23" (the framework used up to 2022-23) or "2023-24" (from 2023-24).
    #[getter]
    fn framework(&self) -> &'static str {
        framework_name(self.0.framework)
    }
    /// Its domain or objective.
    #[getter]
    fn objective(&self) -> &'static str {
        &self.0.objective
    }
    /// The measure's name.
    #[getter]
    fn name(&self) -> &'static str {
        &self.0.name
    }
    /// "percentage", `"per_population"` or "score".
    #[getter]
    fn unit(&self) -> &'static str {
        match self.0.unit {
            Unit::Percentage => "percentage",
            Unit::PerPopulation => "per_population",
            Unit::Score => "score",
        }
    }
    /// The unit in words: "%", "per 100,000 population aged 65+", "score out of 24".
    #[getter]
    fn unit_label(&self) -> String {
        self.0.unit_label()
    }
    /// The population's or cohort's age band ("18-64", "65+"), or None.
    #[getter]
    fn age_band(&self) -> Option<&'static str> {
        self.0.age_band.as_deref()
    }
    /// The largest possible score (24, 12), or None.
    #[getter]
    fn max_score(&self) -> Option<f64> {
        self.0.max_score
    }
    /// 100 for percentages, 100,000 for rates, 1 for scores.
    #[getter]
    fn multiplier(&self) -> f64 {
        self.0.multiplier
    }
    /// Decimal places of the published outcome.
    #[getter]
    fn decimals(&self) -> u32 {
        self.0.decimals
    }
    /// `"high_is_good"`, `"low_is_good"` or `"no_judgement"`.
    #[getter]
    fn polarity(&self) -> &'static str {
        polarity_name(self.0.polarity)
    }
    /// "ratio", `"mean_score"` or "modelled".
    #[getter]
    fn formula(&self) -> &'static str {
        match self.0.formula {
            Formula::Ratio => "ratio",
            Formula::MeanScore => "mean_score",
            Formula::Modelled => "modelled",
        }
    }
    /// The data collection(s) it comes from.
    #[getter]
    fn data_source(&self) -> &'static str {
        &self.0.data_source
    }
    /// True for survey measures, whose England and regional values are weighted.
    #[getter]
    fn weighted_aggregates(&self) -> bool {
        self.0.weighted_aggregates
    }
    /// "verified" or "uncertain": how sure the catalogue is of the id and name.
    #[getter]
    fn certainty(&self) -> &'static str {
        certainty_name(self.0.certainty)
    }
    /// "same", "changed", "discontinued" or "new": the relation to the other framework.
    #[getter]
    fn mapping(&self) -> &'static str {
        match self.0.mapping {
            Mapping::Same => "same",
            Mapping::Changed => "changed",
            Mapping::Discontinued => "discontinued",
            Mapping::New => "new",
        }
    }
    /// Its id in the other framework, or None.
    #[getter]
    fn counterpart(&self) -> Option<&'static str> {
        self.0.counterpart.as_deref()
    }
    /// "verified" or "uncertain": how sure the catalogue is of the mapping.
    #[getter]
    fn mapping_certainty(&self) -> &'static str {
        certainty_name(self.0.mapping_certainty)
    }
    /// Where the catalogue entry comes from.
    #[getter]
    fn source(&self) -> &'static str {
        &self.0.source
    }
    /// Anything else worth knowing, or None.
    #[getter]
    fn note(&self) -> Option<&'static str> {
        self.0.note.as_deref()
    }

    /// The same measure in the other framework, or None.
    fn counterpart_measure(&self) -> Option<Measure> {
        self.0.counterpart_measure().map(Measure)
    }

    /// The outcome from a numerator and a denominator, with the measure's multiplier and
    /// published rounding (half away from zero).
    fn outcome(
        &self,
        py: Python<'_>,
        numerator: &Bound<'_, PyAny>,
        denominator: &Bound<'_, PyAny>,
    ) -> PyResult<Outcome> {
        let n = real(Some(numerator), "numerator", f64::NAN)?;
        let d = real(Some(denominator), "denominator", f64::NAN)?;
        let o = self.0.outcome(n, d).map_err(|e| to_py(py, &e))?;
        Ok(Outcome {
            value: o.value,
            published: o.published,
            decimals: o.decimals,
        })
    }

    /// Compares two years' values with the measure's polarity.
    fn compare(
        &self,
        py: Python<'_>,
        previous: &Bound<'_, PyAny>,
        current: &Bound<'_, PyAny>,
    ) -> PyResult<YearComparison> {
        let p = real(Some(previous), "previous", f64::NAN)?;
        let c = real(Some(current), "current", f64::NAN)?;
        let r = self.0.compare(p, c).map_err(|e| to_py(py, &e))?;
        Ok(YearComparison::new(r, self.0.difference_unit()))
    }

    /// Equal when it is the same catalogue entry: the same framework and id.
    fn __eq__(&self, other: &Self) -> bool {
        (self.0.framework, &self.0.id) == (other.0.framework, &other.0.id)
    }

    fn __hash__(&self) -> u64 {
        hash_of((self.0.framework.name(), &self.0.id))
    }

    /// Pickle, `copy` and `deepcopy`: the catalogue entry looked up again,
    /// `_ascof_measure(id, framework)`.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        reduce_to(
            py,
            "_ascof_measure",
            (self.0.id.as_str(), self.0.framework.name()),
        )
    }

    fn __repr__(&self) -> String {
        format!(
            "Measure(id='{}', framework='{}', name='{}')",
            self.0.id,
            self.0.framework.name(),
            self.0.name.replace('\'', "\\'")
        )
    }
}

/// A measure's outcome: unrounded and as published.
#[pyclass(frozen, module = "carestat.ascof", name = "Outcome")]
pub struct Outcome {
    /// numerator / denominator × multiplier, unrounded (NaN for missing input).
    #[pyo3(get)]
    value: f64,
    /// Rounded half away from zero to `decimals` places, as published.
    #[pyo3(get)]
    published: f64,
    /// Decimal places of `published`.
    #[pyo3(get)]
    decimals: u32,
}

impl Outcome {
    fn same_as(&self, other: &Self) -> bool {
        same(self.value, other.value)
            && same(self.published, other.published)
            && self.decimals == other.decimals
    }
}

/// An `Outcome` from its fields, for pickle (`Outcome.__reduce__`).
#[pyfunction]
pub fn _restore_outcome(value: f64, published: f64, decimals: u32) -> Outcome {
    Outcome {
        value,
        published,
        decimals,
    }
}

#[pymethods]
impl Outcome {
    /// Equal when every field is (NaN equals NaN: a missing outcome equals itself).
    fn __eq__(&self, other: &Self) -> bool {
        self.same_as(other)
    }

    fn __hash__(&self) -> u64 {
        hash_of((
            float_key(self.value),
            float_key(self.published),
            self.decimals,
        ))
    }

    /// Pickle, `copy` and `deepcopy`: rebuilt from its three fields.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        reduce_to(
            py,
            "_restore_outcome",
            (self.value, self.published, self.decimals),
        )
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Outcome(value={}, published={}, decimals={})",
            float_repr(py, self.value)?,
            float_repr(py, self.published)?,
            self.decimals
        ))
    }
}

/// Two years of a measure compared.
#[pyclass(frozen, module = "carestat.ascof", name = "YearComparison")]
pub struct YearComparison {
    /// The earlier value.
    #[pyo3(get)]
    previous: f64,
    /// The later value.
    #[pyo3(get)]
    current: f64,
    /// current - previous, in `difference_unit`.
    #[pyo3(get)]
    difference: f64,
    /// "percentage points", "per 100,000" or "score points".
    #[pyo3(get)]
    difference_unit: &'static str,
    /// (current - previous) / previous × 100; NaN when previous is 0 or a value is missing.
    #[pyo3(get)]
    percent_change: f64,
    /// "improved", "worsened", "no change", "not judged" or "missing".
    #[pyo3(get)]
    judgement: &'static str,
}

impl YearComparison {
    fn new(r: carestat::ascof::YearComparison, difference_unit: &'static str) -> Self {
        Self {
            previous: r.previous,
            current: r.current,
            difference: r.difference,
            difference_unit,
            percent_change: r.percent_change,
            judgement: r.judgement.label(),
        }
    }
}

/// The judgements a comparison can give, by label.
const JUDGEMENTS: [Judgement; 5] = [
    Judgement::Improved,
    Judgement::Worsened,
    Judgement::NoChange,
    Judgement::NotJudged,
    Judgement::Missing,
];

/// One of a fixed set of names, as the `&'static str` the result classes keep; an unknown one
/// is an `UnknownValueError` naming `field`.
fn known_name(
    py: Python<'_>,
    mut names: impl Iterator<Item = &'static str>,
    name: &str,
    field: &'static str,
    kind: &'static str,
) -> PyResult<&'static str> {
    names.find(|&n| n == name).ok_or_else(|| {
        to_py(
            py,
            &Error::Unknown {
                field: field.into(),
                kind: kind.into(),
                id: name.to_owned(),
            },
        )
    })
}

/// A `YearComparison` from its fields, for pickle (`YearComparison.__reduce__`):
/// `difference_unit` one of the catalogue's ("percentage points", "per 100,000", "score
/// points") and `judgement` a label of `judge_change`.
#[pyfunction]
pub fn _restore_year_comparison(
    py: Python<'_>,
    previous: f64,
    current: f64,
    difference: f64,
    difference_unit: &str,
    percent_change: f64,
    judgement: &str,
) -> PyResult<YearComparison> {
    let difference_unit = known_name(
        py,
        ascof::measures().iter().map(CoreMeasure::difference_unit),
        difference_unit,
        "difference_unit",
        "difference unit",
    )?;
    let judgement = known_name(
        py,
        JUDGEMENTS.iter().map(|j| j.label()),
        judgement,
        "judgement",
        "judgement",
    )?;
    Ok(YearComparison {
        previous,
        current,
        difference,
        difference_unit,
        percent_change,
        judgement,
    })
}

#[pymethods]
impl YearComparison {
    /// Equal when every field is (NaN equals NaN: a missing comparison equals itself).
    fn __eq__(&self, other: &Self) -> bool {
        same(self.previous, other.previous)
            && same(self.current, other.current)
            && same(self.difference, other.difference)
            && self.difference_unit == other.difference_unit
            && same(self.percent_change, other.percent_change)
            && self.judgement == other.judgement
    }

    fn __hash__(&self) -> u64 {
        hash_of((
            [
                self.previous,
                self.current,
                self.difference,
                self.percent_change,
            ]
            .map(float_key),
            self.difference_unit,
            self.judgement,
        ))
    }

    /// Pickle, `copy` and `deepcopy`: rebuilt from its six fields.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        reduce_to(
            py,
            "_restore_year_comparison",
            (
                self.previous,
                self.current,
                self.difference,
                self.difference_unit,
                self.percent_change,
                self.judgement,
            ),
        )
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "YearComparison(previous={}, current={}, difference={}, percent_change={}, judgement='{}')",
            float_repr(py, self.previous)?,
            float_repr(py, self.current)?,
            float_repr(py, self.difference)?,
            float_repr(py, self.percent_change)?,
            self.judgement
        ))
    }
}

/// Every measure of both frameworks, the old framework first.
#[pyfunction]
pub fn _ascof_measures() -> Vec<Measure> {
    ascof::measures().iter().map(Measure).collect()
}

/// A framework argument: None, or a name or year for `Framework::from_name`.
fn framework_arg(
    py: Python<'_>,
    framework: Option<&Bound<'_, PyAny>>,
) -> PyResult<Option<Framework>> {
    match framework.filter(|f| !f.is_none()) {
        None => Ok(None),
        Some(f) => Framework::from_name(&text(f, "framework")?)
            .map(Some)
            .map_err(|e| to_py(py, &e)),
    }
}

/// The measure with `id` ("2A(2)", "2A2", "2c"), in `framework` ("2022-23", "2023-24" or a
/// year such as "2024-25") or, when None, in whichever framework has it (an id that names
/// measures in both frameworks is an error).
#[pyfunction]
#[pyo3(signature = (id, framework = None))]
pub fn _ascof_measure(
    py: Python<'_>,
    id: &Bound<'_, PyAny>,
    framework: Option<&Bound<'_, PyAny>>,
) -> PyResult<Measure> {
    let id = text(id, "id")?;
    let found: Result<&'static CoreMeasure, Error> = match framework_arg(py, framework)? {
        None => ascof::measure(&id),
        Some(f) => ascof::measure_in(f, &id),
    };
    found.map(Measure).map_err(|e| to_py(py, &e))
}

/// Two years of the measure, or of the parts sharing a polarity (old "2A"), that `id` names.
#[pyfunction]
#[pyo3(signature = (id, previous, current, framework = None))]
pub fn _ascof_compare(
    py: Python<'_>,
    id: &Bound<'_, PyAny>,
    previous: &Bound<'_, PyAny>,
    current: &Bound<'_, PyAny>,
    framework: Option<&Bound<'_, PyAny>>,
) -> PyResult<YearComparison> {
    let id = text(id, "id")?;
    let framework = framework_arg(py, framework)?;
    let p = real(Some(previous), "previous", f64::NAN)?;
    let c = real(Some(current), "current", f64::NAN)?;
    let g = ascof::group(&id, framework).map_err(|e| to_py(py, &e))?;
    let unit = g.difference_unit().map_err(|e| to_py(py, &e))?;
    let r = g.compare(p, c).map_err(|e| to_py(py, &e))?;
    Ok(YearComparison::new(r, unit))
}

/// The framework a name or year means: "2022-23" (up to) or "2023-24" (from).
#[pyfunction]
pub fn _ascof_framework(py: Python<'_>, name: &Bound<'_, PyAny>) -> PyResult<&'static str> {
    Ok(framework_arg(py, Some(name))?.map_or("", Framework::name))
}

/// A string argument; anything else is an `InvalidInputError` naming it.
fn text(obj: &Bound<'_, PyAny>, field: &'static str) -> PyResult<String> {
    match obj.cast::<PyString>() {
        Ok(s) => Ok(s.to_cow()?.into_owned()),
        Err(_) => Err(invalid(
            obj.py(),
            field,
            None,
            format!("expected a string, got {}", describe(obj)),
        )),
    }
}
