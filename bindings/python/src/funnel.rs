//! Funnel plots (PHEindicatormethods `calculate_funnel_limits`, `assign_funnel_significance`,
//! `calculate_funnel_points`): `carestat.proportion_funnel_limits`,
//! `carestat.ratio_funnel_limits`, `carestat.rate_funnel_limits` (dicts of 100-row float64
//! arrays), the three `*_funnel_significance` functions (arrays of the reference's labels) and
//! `carestat.rate_funnel_points`.
//!
//! Ctrl-C (issue 16): the calls that judge or place each area on its own
//! (`ratio_funnel_significance`, `rate_funnel_points`) run in chunks of rows ([`by_rows`]);
//! proportion and rate significance are judged against the average of every area, which the
//! core computes before judging any, so they run whole on a thread of their own
//! ([`in_background`]) while the caller keeps running the signal handlers. The funnel lines
//! take one pass over the areas and 100 points, and run as before.

use std::ops::Range;

use carestat::funnel::{self, FunnelPoint, RateType, RatioType, Significance};
use carestat::PER_100K;
use numpy::{PyArray1, PyFixedUnicode};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::arrays::{fixed_label, vector};
use crate::errors::to_py;
use crate::interrupt::{in_background, in_chunks_of, CHUNK};
use crate::params::{choice, real};

/// Areas per chunk for significance: each takes four exact Poisson or Byar's limits (about a
/// microsecond), so a chunk takes tens of milliseconds.
const SIGNIFICANCE_CHUNK: usize = 1 << 16;

/// A per-area result of a core call that treats every area on its own: `part` on chunks of
/// `chunk` areas with Ctrl-C checked between them, or `whole` on all of them in one call when
/// they fit in one chunk or the arguments' lengths differ (`lengths_agree` false).
///
/// A chunk's error is not the answer: the core checks one argument for every area before the
/// next, so a later chunk can hold the error the whole call reports. Then `whole` gives it (a
/// bad area fails the core's checks, made before any area is computed, so this is quick).
fn by_rows<T: Send>(
    py: Python<'_>,
    len: usize,
    lengths_agree: bool,
    chunk: usize,
    part: impl Fn(Range<usize>) -> carestat::Result<Vec<T>> + Sync,
    whole: impl FnOnce() -> carestat::Result<Vec<T>> + Send,
) -> PyResult<Vec<T>> {
    if !lengths_agree || len <= chunk {
        return whole().map_err(|e| to_py(py, &e));
    }
    let mut out = Vec::with_capacity(len);
    let mut failed = false;
    let chunked = in_chunks_of(py, len, chunk, |r| {
        let rows = part(r).inspect_err(|_| failed = true)?;
        out.extend(rows);
        Ok(())
    });
    match chunked {
        Ok(()) => Ok(out),
        Err(_) if failed => py.detach(whole).map_err(|e| to_py(py, &e)),
        // A signal's exception (KeyboardInterrupt).
        Err(e) => Err(e),
    }
}

/// A significance call that needs every area at once: on a thread of its own
/// ([`in_background`]) when it is longer than a chunk, so that Ctrl-C ends the wait.
fn judged_whole(
    py: Python<'_>,
    len: usize,
    work: impl FnOnce() -> carestat::Result<Vec<Significance>> + Send + 'static,
) -> PyResult<Vec<Significance>> {
    let result = if len <= SIGNIFICANCE_CHUNK {
        work()
    } else {
        in_background(py, work)?
    };
    result.map_err(|e| to_py(py, &e))
}

/// An argument holding one number per area.
fn areas(obj: &Bound<'_, PyAny>, field: &'static str) -> PyResult<Vec<f64>> {
    vector(obj, field, "one number per area (a list or array)")
}

/// An optional argument holding one number per area (`None` leaves it out).
fn optional_areas(
    obj: Option<&Bound<'_, PyAny>>,
    field: &'static str,
) -> PyResult<Option<Vec<f64>>> {
    obj.filter(|o| !o.is_none())
        .map(|o| areas(o, field))
        .transpose()
}

/// The arguments the three rate funnel functions share, read and checked.
struct RateArgs {
    numerators: Vec<f64>,
    rates: Vec<f64>,
    denominators: Option<Vec<f64>>,
    rate_type: RateType,
    multiplier: f64,
}

impl RateArgs {
    fn read(
        numerators: &Bound<'_, PyAny>,
        rates: &Bound<'_, PyAny>,
        denominators: Option<&Bound<'_, PyAny>>,
        rate_type: Option<&Bound<'_, PyAny>>,
        multiplier: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        Ok(Self {
            rate_type: choice(rate_type, "rate_type", &RATE_TYPES, RateType::Dsr)?,
            multiplier: real(multiplier, "multiplier", PER_100K)?,
            numerators: areas(numerators, "numerators")?,
            rates: areas(rates, "rates")?,
            denominators: optional_areas(denominators, "denominators")?,
        })
    }
}

/// A returned funnel column: its key and the point field it holds.
type FunnelColumn = (&'static str, fn(&FunnelPoint) -> f64);

/// The four limit columns every funnel has.
const LIMITS: [FunnelColumn; 4] = [
    ("lower_2s_limit", |p| p.lower_2s_limit),
    ("upper_2s_limit", |p| p.upper_2s_limit),
    ("lower_3s_limit", |p| p.lower_3s_limit),
    ("upper_3s_limit", |p| p.upper_3s_limit),
];

/// A dict of float64 arrays, one per column, in the order given.
fn columns<'py>(
    py: Python<'py>,
    points: &[FunnelPoint],
    columns: &[FunnelColumn],
) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    for (name, field) in columns {
        let column: Vec<f64> = points.iter().map(field).collect();
        out.set_item(name, PyArray1::from_vec(py, column))?;
    }
    Ok(out)
}

/// Width of the significance labels: "Not applicable for events less than 10 for dsrs".
const LABEL_WIDTH: usize = 47;

/// Significance labels as a NumPy string array (`<U47`).
fn labels<'py>(
    py: Python<'py>,
    significance: &[Significance],
) -> Bound<'py, PyArray1<PyFixedUnicode<LABEL_WIDTH>>> {
    let column: Vec<PyFixedUnicode<LABEL_WIDTH>> = significance
        .iter()
        .map(|s| fixed_label(s.label()))
        .collect();
    PyArray1::from_vec(py, column)
}

const RATIO_TYPES: [(&str, RatioType); 2] = [("count", RatioType::Count), ("isr", RatioType::Isr)];
const RATE_TYPES: [(&str, RateType); 2] = [("dsr", RateType::Dsr), ("crude", RateType::Crude)];

/// Funnel lines for proportions: the overall average `sum(numerators) / sum(denominators)`
/// and, at 100 population sizes, the proportions (times `multiplier`) on the 95% (2 sigma)
/// and 99.8% (3 sigma) lines, as PHEindicatormethods `calculate_funnel_limits` with
/// `statistic = "proportion"`.
///
/// Returns a dict of float64 arrays of 100 rows: `population`, `lower_2s_limit`,
/// `upper_2s_limit`, `lower_3s_limit`, `upper_3s_limit`, `baseline`.
#[pyfunction]
#[pyo3(
    signature = (numerators, denominators, multiplier = None),
    text_signature = "(numerators, denominators, multiplier=100.0)"
)]
pub fn proportion_funnel_limits<'py>(
    py: Python<'py>,
    numerators: &Bound<'py, PyAny>,
    denominators: &Bound<'py, PyAny>,
    multiplier: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let m = real(multiplier, "multiplier", 100.0)?;
    let numerators = areas(numerators, "numerators")?;
    let denominators = areas(denominators, "denominators")?;
    let points = funnel::proportion_funnel_limits(&numerators, &denominators, m)
        .map_err(|e| to_py(py, &e))?;
    let [l2, u2, l3, u3] = LIMITS;
    columns(
        py,
        &points,
        &[
            ("population", |p| p.x),
            l2,
            u2,
            l3,
            u3,
            ("baseline", |p| p.baseline),
        ],
    )
}

/// Where each area's proportion `numerators / denominators` sits against the funnel around
/// the overall average: "High (0.001)" (above the 99.8% line), "High (0.025)", "Low (0.001)",
/// "Low (0.025)" or "Not significant", as PHEindicatormethods `assign_funnel_significance`
/// with `statistic = "proportion"`. Returns a NumPy string array, one label per area.
#[pyfunction]
pub fn proportion_funnel_significance<'py>(
    py: Python<'py>,
    numerators: &Bound<'py, PyAny>,
    denominators: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyArray1<PyFixedUnicode<LABEL_WIDTH>>>> {
    let numerators = areas(numerators, "numerators")?;
    let denominators = areas(denominators, "denominators")?;
    let s = judged_whole(py, numerators.len(), move || {
        funnel::proportion_funnel_significance(&numerators, &denominators)
    })?;
    Ok(labels(py, &s))
}

/// Funnel lines for ratios of observed to expected events (PHEindicatormethods
/// `calculate_funnel_limits` with `statistic = "ratio"`): at 100 observed counts spread over
/// the range of the expected counts, the expected counts and ratios on the 95% and 99.8%
/// lines (exact Poisson limits). `ratio_type` `"isr"` (default) gives `observed / expected
/// x 100`, `"count"` gives `observed / expected - 1`.
///
/// Returns a dict of float64 arrays of 100 rows: `observed_events`, `lower_2s_limit`,
/// `upper_2s_limit`, `lower_3s_limit`, `upper_3s_limit`, and the expected events on each
/// line, `lower_2s_exp_events`, `upper_2s_exp_events`, `lower_3s_exp_events`,
/// `upper_3s_exp_events`.
#[pyfunction]
#[pyo3(
    signature = (observed, expected, ratio_type = None),
    text_signature = "(observed, expected, ratio_type='isr')"
)]
pub fn ratio_funnel_limits<'py>(
    py: Python<'py>,
    observed: &Bound<'py, PyAny>,
    expected: &Bound<'py, PyAny>,
    ratio_type: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let ratio_type = choice(ratio_type, "ratio_type", &RATIO_TYPES, RatioType::Isr)?;
    let observed = areas(observed, "observed")?;
    let expected = areas(expected, "expected")?;
    let points =
        funnel::ratio_funnel_limits(&observed, &expected, ratio_type).map_err(|e| to_py(py, &e))?;
    let [l2, u2, l3, u3] = LIMITS;
    columns(
        py,
        &points,
        &[
            ("observed_events", |p| p.x),
            l2,
            u2,
            l3,
            u3,
            ("lower_2s_exp_events", |p| p.lower_2s_denominator),
            ("upper_2s_exp_events", |p| p.upper_2s_denominator),
            ("lower_3s_exp_events", |p| p.lower_3s_denominator),
            ("upper_3s_exp_events", |p| p.upper_3s_denominator),
        ],
    )
}

/// Where each area's ratio `observed / expected` sits against 1 (PHEindicatormethods
/// `assign_funnel_significance` with `statistic = "ratio"`): exact Poisson limits below 10
/// observed events, Byar's from 10. Labels as `proportion_funnel_significance`.
#[pyfunction]
pub fn ratio_funnel_significance<'py>(
    py: Python<'py>,
    observed: &Bound<'py, PyAny>,
    expected: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyArray1<PyFixedUnicode<LABEL_WIDTH>>>> {
    let observed = areas(observed, "observed")?;
    let expected = areas(expected, "expected")?;
    let s = by_rows(
        py,
        observed.len(),
        expected.len() == observed.len(),
        SIGNIFICANCE_CHUNK,
        |r| funnel::ratio_funnel_significance(&observed[r.clone()], &expected[r]),
        || funnel::ratio_funnel_significance(&observed, &expected),
    )?;
    Ok(labels(py, &s))
}

/// Funnel lines for rates (PHEindicatormethods `calculate_funnel_limits` with
/// `statistic = "rate"`): at 100 event counts, the yearly populations and the rates (per
/// `multiplier`) on the 95% and 99.8% lines around the overall average rate.
///
/// Each area's population is derived from its events and rate (`multiplier x events / rate`),
/// so directly standardised rates (`rate_type="dsr"`, the default) can be plotted;
/// `denominators` are needed only for crude rates (`rate_type="crude"`) of areas with no
/// events. `years_of_data` is how many years the counts cover.
///
/// Returns a dict of float64 arrays of 100 rows: `events`, `lower_2s_limit`,
/// `upper_2s_limit`, `lower_3s_limit`, `upper_3s_limit`, `baseline`, and the yearly
/// population on each line, `lower_2s_population_1_year`, `upper_2s_population_1_year`,
/// `lower_3s_population_1_year`, `upper_3s_population_1_year`.
#[pyfunction]
#[pyo3(
    signature = (numerators, rates, denominators = None, rate_type = None, multiplier = None, years_of_data = None),
    text_signature = "(numerators, rates, denominators=None, rate_type='dsr', multiplier=100000.0, years_of_data=1.0)"
)]
#[allow(clippy::too_many_arguments)]
pub fn rate_funnel_limits<'py>(
    py: Python<'py>,
    numerators: &Bound<'py, PyAny>,
    rates: &Bound<'py, PyAny>,
    denominators: Option<&Bound<'py, PyAny>>,
    rate_type: Option<&Bound<'py, PyAny>>,
    multiplier: Option<&Bound<'py, PyAny>>,
    years_of_data: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let a = RateArgs::read(numerators, rates, denominators, rate_type, multiplier)?;
    let years = real(years_of_data, "years_of_data", 1.0)?;
    let points = funnel::rate_funnel_limits(
        &a.numerators,
        &a.rates,
        a.denominators.as_deref(),
        a.rate_type,
        a.multiplier,
        years,
    )
    .map_err(|e| to_py(py, &e))?;
    let [l2, u2, l3, u3] = LIMITS;
    columns(
        py,
        &points,
        &[
            ("events", |p| p.x),
            l2,
            u2,
            l3,
            u3,
            ("baseline", |p| p.baseline),
            ("lower_2s_population_1_year", |p| p.lower_2s_denominator),
            ("upper_2s_population_1_year", |p| p.upper_2s_denominator),
            ("lower_3s_population_1_year", |p| p.lower_3s_denominator),
            ("upper_3s_population_1_year", |p| p.upper_3s_denominator),
        ],
    )
}

/// Where each area's rate sits against the funnel around the overall (population weighted)
/// average rate (PHEindicatormethods `assign_funnel_significance` with `statistic =
/// "rate"`). Directly standardised rates from fewer than 10 events are "Not applicable for
/// events less than 10 for dsrs"; other labels as `proportion_funnel_significance`.
/// Arguments as `rate_funnel_limits`.
#[pyfunction]
#[pyo3(
    signature = (numerators, rates, denominators = None, rate_type = None, multiplier = None),
    text_signature = "(numerators, rates, denominators=None, rate_type='dsr', multiplier=100000.0)"
)]
pub fn rate_funnel_significance<'py>(
    py: Python<'py>,
    numerators: &Bound<'py, PyAny>,
    rates: &Bound<'py, PyAny>,
    denominators: Option<&Bound<'py, PyAny>>,
    rate_type: Option<&Bound<'py, PyAny>>,
    multiplier: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyArray1<PyFixedUnicode<LABEL_WIDTH>>>> {
    let a = RateArgs::read(numerators, rates, denominators, rate_type, multiplier)?;
    let s = judged_whole(py, a.numerators.len(), move || {
        funnel::rate_funnel_significance(
            &a.numerators,
            &a.rates,
            a.denominators.as_deref(),
            a.rate_type,
            a.multiplier,
        )
    })?;
    Ok(labels(py, &s))
}

/// The points to plot on a rate funnel (PHEindicatormethods `calculate_funnel_points`): a
/// dict of float64 arrays, one row per area, `rate_chart` (the rate) and
/// `denominator_derived` (the yearly population). Directly standardised rates from fewer than
/// 10 events are not plotted (NaN). Arguments as `rate_funnel_limits`.
#[pyfunction]
#[pyo3(
    signature = (numerators, rates, denominators = None, rate_type = None, multiplier = None, years_of_data = None),
    text_signature = "(numerators, rates, denominators=None, rate_type='dsr', multiplier=100000.0, years_of_data=1.0)"
)]
#[allow(clippy::too_many_arguments)]
pub fn rate_funnel_points<'py>(
    py: Python<'py>,
    numerators: &Bound<'py, PyAny>,
    rates: &Bound<'py, PyAny>,
    denominators: Option<&Bound<'py, PyAny>>,
    rate_type: Option<&Bound<'py, PyAny>>,
    multiplier: Option<&Bound<'py, PyAny>>,
    years_of_data: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let a = RateArgs::read(numerators, rates, denominators, rate_type, multiplier)?;
    let years = real(years_of_data, "years_of_data", 1.0)?;
    let len = a.numerators.len();
    let lengths_agree =
        a.rates.len() == len && a.denominators.as_ref().is_none_or(|d| d.len() == len);
    let points = by_rows(
        py,
        len,
        lengths_agree,
        CHUNK,
        |r| {
            funnel::rate_funnel_points(
                &a.numerators[r.clone()],
                &a.rates[r.clone()],
                a.denominators.as_deref().map(|d| &d[r]),
                a.rate_type,
                a.multiplier,
                years,
            )
        },
        || {
            funnel::rate_funnel_points(
                &a.numerators,
                &a.rates,
                a.denominators.as_deref(),
                a.rate_type,
                a.multiplier,
                years,
            )
        },
    )?;
    let out = PyDict::new(py);
    let (rate, population): (Vec<f64>, Vec<f64>) = points.into_iter().unzip();
    out.set_item("rate_chart", PyArray1::from_vec(py, rate))?;
    out.set_item("denominator_derived", PyArray1::from_vec(py, population))?;
    Ok(out)
}
