//! `carestat.dsr`, `carestat.isr_ratio`, `carestat.isr_rate`: standardised rates and ratios for
//! one area from its figures by age band (PHEindicatormethods `calculate_dsr`,
//! `calculate_ISRatio`, `calculate_ISRate`); `carestat.mean` (`phe_mean`). Funnel plots are
//! in [`crate::funnel`], quantiles in [`crate::quantile_groups`], the SII in [`crate::sii`].

use carestat::dsr::ESP2013;
use carestat::isr::Observed;
use carestat::PER_100K;
use pyo3::prelude::*;

use crate::arrays::{describe, vector, Numbers};
use crate::errors::{invalid, to_py};
use crate::estimate::Estimate;
use crate::params::real;

/// An argument that must be an array of numbers (one per age band).
fn bands(obj: &Bound<'_, PyAny>, field: &'static str) -> PyResult<Vec<f64>> {
    vector(obj, field, "one number per age band (a list or array)")
}

/// Directly standardised rate for one area, with Dobson limits, as PHEindicatormethods
/// `calculate_dsr`.
///
/// `counts`, `populations` and `standard_populations` hold one number per age band, matched by
/// position; `standard_populations=None` is the European Standard Population 2013 (19 bands,
/// `0-4` to `90+`). A missing count counts as zero. Fewer than 10 events in total give a
/// suppressed estimate (NaN, method "Suppressed").
#[pyfunction]
#[pyo3(
    signature = (counts, populations, standard_populations = None, multiplier = None, confidence = None),
    text_signature = "(counts, populations, standard_populations=None, multiplier=100000.0, confidence=0.95)"
)]
pub fn dsr(
    py: Python<'_>,
    counts: &Bound<'_, PyAny>,
    populations: &Bound<'_, PyAny>,
    standard_populations: Option<&Bound<'_, PyAny>>,
    multiplier: Option<&Bound<'_, PyAny>>,
    confidence: Option<&Bound<'_, PyAny>>,
) -> PyResult<Estimate> {
    let m = real(multiplier, "multiplier", PER_100K)?;
    let c = real(confidence, "confidence", 0.95)?;
    let counts = bands(counts, "counts")?;
    let populations = bands(populations, "populations")?;
    let standard = match standard_populations.filter(|o| !o.is_none()) {
        Some(obj) => bands(obj, "standard_populations")?,
        None => ESP2013.to_vec(),
    };
    carestat::dsr::dsr(&counts, &populations, &standard, m)
        .and_then(|d| d.estimate(c))
        .map(Estimate::from)
        .map_err(|e| to_py(py, &e))
}

/// Directly standardised rate for one area when a person can have several events
/// (PHEindicatormethods `calculate_dsr` with `independent_events = FALSE`): the Dobson
/// interval widened for the events' dependence.
///
/// `persons` has one row per age band and one column per entry of `frequencies`: how many
/// people in that band had that many events (a list of lists or a 2-D array). The rate counts
/// every event; `populations` and `standard_populations` (None: ESP2013) are as for `dsr`.
/// Fewer than 10 events in total give a suppressed estimate.
#[pyfunction]
#[pyo3(
    signature = (persons, frequencies, populations, standard_populations = None, multiplier = None, confidence = None),
    text_signature = "(persons, frequencies, populations, standard_populations=None, multiplier=100000.0, confidence=0.95)"
)]
pub fn dsr_non_independent(
    py: Python<'_>,
    persons: &Bound<'_, PyAny>,
    frequencies: &Bound<'_, PyAny>,
    populations: &Bound<'_, PyAny>,
    standard_populations: Option<&Bound<'_, PyAny>>,
    multiplier: Option<&Bound<'_, PyAny>>,
    confidence: Option<&Bound<'_, PyAny>>,
) -> PyResult<Estimate> {
    let m = real(multiplier, "multiplier", PER_100K)?;
    let c = real(confidence, "confidence", 0.95)?;
    let frequencies = vector(
        frequencies,
        "frequencies",
        "a list or array of event counts",
    )?;
    let populations = bands(populations, "populations")?;
    let standard = match standard_populations.filter(|o| !o.is_none()) {
        Some(obj) => bands(obj, "standard_populations")?,
        None => ESP2013.to_vec(),
    };
    let persons = person_table(py, persons, frequencies.len())?;
    carestat::dsr::dsr_non_independent(&persons, &frequencies, &populations, &standard, m)
        .and_then(|d| d.estimate(c))
        .map(Estimate::from)
        .map_err(|e| to_py(py, &e))
}

/// The rows of `persons` (one per band, one column per event frequency), band after band.
fn person_table(py: Python<'_>, persons: &Bound<'_, PyAny>, columns: usize) -> PyResult<Vec<f64>> {
    let shape_error = |band: Option<usize>, got: String| {
        invalid(
            py,
            "persons",
            band,
            format!("expected one row per age band with {columns} numbers (one per frequency), got {got}"),
        )
    };
    let rows = persons
        .try_iter()
        .map_err(|_| shape_error(None, describe(persons)))?;
    let mut flat = Vec::new();
    for (band, row) in rows.enumerate() {
        let row = row?;
        let numbers = Numbers::extract(&row, "persons")?;
        match numbers.len() {
            Some(len) if len == columns => flat.extend_from_slice(&numbers.column(len)),
            Some(len) => return Err(shape_error(Some(band), format!("{len} numbers"))),
            None => return Err(shape_error(Some(band), describe(&row))),
        }
    }
    Ok(flat)
}

/// Observed and expected events from the arguments of `isr_ratio` / `isr_rate`.
fn isr(
    py: Python<'_>,
    counts: Option<&Bound<'_, PyAny>>,
    populations: &Bound<'_, PyAny>,
    reference_counts: &Bound<'_, PyAny>,
    reference_populations: &Bound<'_, PyAny>,
    observed: Option<&Bound<'_, PyAny>>,
) -> PyResult<carestat::isr::Isr> {
    let counts = counts.filter(|o| !o.is_none());
    let observed = observed.filter(|o| !o.is_none());
    let populations = bands(populations, "populations")?;
    let reference_counts = bands(reference_counts, "reference_counts")?;
    let reference_populations = bands(reference_populations, "reference_populations")?;
    let counts = counts.map(|c| bands(c, "counts")).transpose()?;
    let total = match (&counts, observed) {
        (Some(_), Some(_)) => {
            return Err(invalid(
                py,
                "observed",
                None,
                "give either counts by band or the observed total, not both".into(),
            ))
        }
        (None, None) => {
            return Err(invalid(
                py,
                "counts",
                None,
                "give counts by band or the observed total".into(),
            ))
        }
        (None, Some(obj)) => Some(real(Some(obj), "observed", f64::NAN)?),
        (Some(_), None) => None,
    };
    let observed = match (&counts, total) {
        (Some(c), _) => Observed::Bands(c),
        (None, t) => Observed::Total(t.unwrap_or(f64::NAN)),
    };
    carestat::isr::isr(
        observed,
        &populations,
        &reference_counts,
        &reference_populations,
    )
    .map_err(|e| to_py(py, &e))
}

/// Indirectly standardised ratio `observed / expected × refvalue` for one area, as
/// PHEindicatormethods `calculate_ISRatio`: exact Poisson limits below 10 events, Byar's from 10.
///
/// `populations`, `reference_counts` and `reference_populations` hold one number per age band.
/// Give the observed events either by band (`counts`) or as a total (`observed`, with
/// `counts=None`). Missing counts and populations count as zero.
#[pyfunction]
#[pyo3(
    signature = (counts, populations, reference_counts, reference_populations, observed = None, refvalue = None, confidence = None),
    text_signature = "(counts, populations, reference_counts, reference_populations, observed=None, refvalue=1.0, confidence=0.95)"
)]
pub fn isr_ratio(
    counts: Option<&Bound<'_, PyAny>>,
    populations: &Bound<'_, PyAny>,
    reference_counts: &Bound<'_, PyAny>,
    reference_populations: &Bound<'_, PyAny>,
    observed: Option<&Bound<'_, PyAny>>,
    refvalue: Option<&Bound<'_, PyAny>>,
    confidence: Option<&Bound<'_, PyAny>>,
) -> PyResult<Estimate> {
    let py = populations.py();
    let r = real(refvalue, "refvalue", 1.0)?;
    let c = real(confidence, "confidence", 0.95)?;
    let s = isr(
        py,
        counts,
        populations,
        reference_counts,
        reference_populations,
        observed,
    )?;
    s.ratio(c, r).map(Estimate::from).map_err(|e| to_py(py, &e))
}

/// Indirectly standardised rate `observed / expected × reference rate × multiplier` for one
/// area, as PHEindicatormethods `calculate_ISRate`. Arguments as for `isr_ratio`.
#[pyfunction]
#[pyo3(
    signature = (counts, populations, reference_counts, reference_populations, observed = None, multiplier = None, confidence = None),
    text_signature = "(counts, populations, reference_counts, reference_populations, observed=None, multiplier=100000.0, confidence=0.95)"
)]
pub fn isr_rate(
    counts: Option<&Bound<'_, PyAny>>,
    populations: &Bound<'_, PyAny>,
    reference_counts: &Bound<'_, PyAny>,
    reference_populations: &Bound<'_, PyAny>,
    observed: Option<&Bound<'_, PyAny>>,
    multiplier: Option<&Bound<'_, PyAny>>,
    confidence: Option<&Bound<'_, PyAny>>,
) -> PyResult<Estimate> {
    let py = populations.py();
    let m = real(multiplier, "multiplier", PER_100K)?;
    let c = real(confidence, "confidence", 0.95)?;
    let s = isr(
        py,
        counts,
        populations,
        reference_counts,
        reference_populations,
        observed,
    )?;
    s.rate(c, m).map(Estimate::from).map_err(|e| to_py(py, &e))
}

/// The mean of `values` with its Student's t interval, as PHEindicatormethods `phe_mean`.
///
/// A missing value makes the mean missing; a single value gives NaN limits.
#[pyfunction]
#[pyo3(
    signature = (values, confidence = None),
    text_signature = "(values, confidence=0.95)"
)]
pub fn mean(
    py: Python<'_>,
    values: &Bound<'_, PyAny>,
    confidence: Option<&Bound<'_, PyAny>>,
) -> PyResult<Estimate> {
    let c = real(confidence, "confidence", 0.95)?;
    let values = bands(values, "values")?;
    carestat::mean::mean(&values, c)
        .map(Estimate::from)
        .map_err(|e| to_py(py, &e))
}
