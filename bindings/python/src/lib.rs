//! `carestat._carestat`: the Python extension module of carestat, built on the Rust core
//! directly (not on the C ABI). The package `python/carestat` re-exports it.
//!
//! * [`arrays`] reads scalars, lists and array-likes as numbers (float64 arrays in place).
//! * [`errors`] maps the core's error to `carestat.CarestatError` and its subclasses.
//! * [`estimate`], [`rate`], [`proportion`], [`change`], [`rounding`]: one module per concept;
//!   [`account`]: Local Account audit and report as JSON text.
//!   the adult social care domain: [`ratings`], [`cqc`], [`ascof`], [`benchmark`], [`disclosure`];
//!   PHEindicatormethods parity: [`phe`] (DSR, ISR, means), [`funnel`], [`quantile_groups`],
//!   [`sii`].
//!
//! Array work runs with the GIL released; the module keeps no state besides cached lookups of
//! `numpy.asarray` and `numpy.ma.MaskedArray`.

mod account;
mod arrays;
mod ascof;
mod benchmark;
mod change;
mod cqc;
mod disclosure;
mod errors;
mod estimate;
mod estimate_protocols;
mod funnel;
mod interrupt;
mod params;
mod phe;
mod proportion;
mod quantile_groups;
mod rate;
mod ratings;
mod rounding;
mod sii;

use pyo3::prelude::*;

/// True when `x` would be read in place (no copy): a one-dimensional, aligned, contiguous,
/// native float64 array or array-like. For tests and for users who want to check.
#[pyfunction]
fn _reads_in_place(x: &Bound<'_, PyAny>) -> PyResult<bool> {
    Ok(arrays::Numbers::extract(x, "x")?.is_in_place())
}

/// `x` read by the rules every function applies to its numeric arguments, as a float64 NumPy
/// array (a scalar gives a 0-d array): for `carestat.frames`, so a `DataFrame` column meets
/// exactly the checks `crude_rate` would make of it. Errors name the argument `x` and the row.
#[pyfunction]
fn _as_floats<'py>(x: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = x.py();
    let numbers = arrays::Numbers::extract(x, "x")?;
    match numbers.len() {
        None => Ok(numpy::PyArray0::from_owned_array(
            py,
            numpy::ndarray::arr0(numbers.scalar().unwrap_or(f64::NAN)),
        )
        .into_any()),
        Some(len) => match numbers {
            arrays::Numbers::Array { data, .. } => Ok((*data).clone().into_any()),
            other => Ok(numpy::PyArray1::from_slice(py, &other.column(len)).into_any()),
        },
    }
}

/// Adult social care indicators computed as the official methods define them (Rust core).
#[pymodule]
mod _carestat {
    #[pymodule_export]
    use super::_as_floats;
    #[pymodule_export]
    use super::_reads_in_place;
    #[pymodule_export]
    use super::account::{_audit_document, _audit_json, _extract_document, _report_json};
    #[pymodule_export]
    use super::ascof::{
        _ascof_compare, _ascof_framework, _ascof_measure, _ascof_measures, _restore_outcome,
        _restore_year_comparison, Measure, Outcome, YearComparison,
    };
    #[pymodule_export]
    use super::benchmark::{
        assign_quintiles, compare_two_level, compare_with_benchmark, difference_from,
        difference_from_average, percentile_inc, quintiles, rank,
    };
    #[pymodule_export]
    use super::change::{
        judge_change, percent_change, point_change, previous_from_percent_change, PreviousRange,
    };
    #[pymodule_export]
    use super::cqc::{
        _restore_possible_rating, cqc_la_rating, cqc_possible_ratings, cqc_quality_statements,
        CqcRating, PossibleRating,
    };
    #[pymodule_export]
    use super::disclosure::{disclosure_percentage, gss_symbols, protect_table_rows, suppress};
    #[pymodule_export]
    use super::errors::{
        CarestatError, ConfidenceError, InvalidInputError, LengthMismatchError, NegativeValueError,
        NotFiniteError, NotPositiveError, NumeratorAboveDenominatorError, OutOfRangeError,
        TooFewError, UnknownValueError, ZeroPreviousError,
    };
    #[pymodule_export]
    use super::estimate::{Estimate, Estimates};
    #[pymodule_export]
    use super::funnel::{
        proportion_funnel_limits, proportion_funnel_significance, rate_funnel_limits,
        rate_funnel_points, rate_funnel_significance, ratio_funnel_limits,
        ratio_funnel_significance,
    };
    #[pymodule_export]
    use super::phe::{dsr, dsr_non_independent, isr_rate, isr_ratio, mean};
    #[pymodule_export]
    use super::proportion::wilson_proportion;
    #[pymodule_export]
    use super::quantile_groups::assign_quantiles;
    #[pymodule_export]
    use super::rate::crude_rate;
    #[pymodule_export]
    use super::ratings::{
        _restore_rating_shares, denominator_rules_matching, local_rating_counts, rating_share,
        rating_share_estimate, rating_shares, RatingShares,
    };
    #[pymodule_export]
    use super::rounding::round_half_away;
    #[pymodule_export]
    use super::sii::{_restore_sii, _restore_sii_interval, sii, Sii, SiiInterval};

    use pyo3::prelude::*;

    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        super::errors::add_class_attributes(m.py())?;
        // Load NumPy's C API now, not in the first array call: rust-numpy runs Python code
        // to load it and panics if a signal handler raises meanwhile (a Ctrl-C during the
        // first call of a session).
        let _ = numpy::PyArray1::<f64>::zeros(m.py(), 0, false);
        m.add("__version__", carestat::VERSION)
    }
}
