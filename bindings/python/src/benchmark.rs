//! Benchmarking as Fingertips does it: `compare_with_benchmark`, `compare_two_level`,
//! `percentile_inc`, `quintiles`, `assign_quintiles`, `rank`, `difference_from` and
//! `difference_from_average`.

use carestat::benchmark::{self, Level, RankOrder};
use carestat::{Error, Polarity};
use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::arrays::vector;
use crate::errors::{invalid, to_py};
use crate::params::{polarity as read_polarity, real, whole};

fn polarity(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Polarity> {
    match obj.filter(|o| !o.is_none()) {
        None => Ok(Polarity::NoJudgement),
        Some(o) => read_polarity(o),
    }
}

/// A group of values (a list, tuple, array or Series); a single number is an error.
fn values(obj: &Bound<'_, PyAny>, field: &'static str) -> PyResult<Vec<f64>> {
    vector(
        obj,
        field,
        "a group of values (a list, tuple, array or Series)",
    )
}

/// Compares an area's confidence interval `[lower, upper]` with a benchmark value:
/// "Better", "Similar", "Worse" with a polarity, "Higher", "Similar", "Lower" without
/// (`"no_judgement"`, the default), "Not compared" when a limit or the benchmark is missing.
/// A limit equal to the benchmark is similar.
#[pyfunction]
#[pyo3(signature = (lower, upper, benchmark, polarity = None))]
pub fn compare_with_benchmark(
    py: Python<'_>,
    lower: Option<&Bound<'_, PyAny>>,
    upper: Option<&Bound<'_, PyAny>>,
    benchmark: Option<&Bound<'_, PyAny>>,
    polarity: Option<&Bound<'_, PyAny>>,
) -> PyResult<&'static str> {
    let lower = real(lower, "lower", f64::NAN)?;
    let upper = real(upper, "upper", f64::NAN)?;
    let benchmark = real(benchmark, "benchmark", f64::NAN)?;
    let polarity = self::polarity(polarity)?;
    benchmark::compare(lower, upper, benchmark, polarity)
        .map(benchmark::Comparison::label)
        .map_err(|e| to_py(py, &e))
}

fn pair(obj: &Bound<'_, PyAny>, field: &'static str) -> PyResult<(f64, f64)> {
    let (a, b): (Bound<'_, PyAny>, Bound<'_, PyAny>) = obj.extract().map_err(|_| {
        invalid(
            obj.py(),
            field,
            None,
            "expected a (lower, upper) pair".to_owned(),
        )
    })?;
    Ok((
        real(Some(&a), field, f64::NAN)?,
        real(Some(&b), field, f64::NAN)?,
    ))
}

/// Compares with the 95% and 99.8% intervals together (Fingertips' two-level display):
/// returns `(comparison, level)` with level "99.8%", "95%" or None.
#[pyfunction]
#[pyo3(signature = (ci95, ci998, benchmark, polarity = None))]
pub fn compare_two_level(
    py: Python<'_>,
    ci95: &Bound<'_, PyAny>,
    ci998: &Bound<'_, PyAny>,
    benchmark: Option<&Bound<'_, PyAny>>,
    polarity: Option<&Bound<'_, PyAny>>,
) -> PyResult<(&'static str, Option<&'static str>)> {
    let ci95 = pair(ci95, "ci95")?;
    let ci998 = pair(ci998, "ci998")?;
    let benchmark = real(benchmark, "benchmark", f64::NAN)?;
    let polarity = self::polarity(polarity)?;
    let c = benchmark::compare_two_level(ci95, ci998, benchmark, polarity)
        .map_err(|e| to_py(py, &e))?;
    let level = match c.level {
        Level::None => None,
        Level::NinetyFive => Some("95%"),
        Level::NinetyNinePointEight => Some("99.8%"),
    };
    Ok((c.comparison.label(), level))
}

/// The `p`-th percentile (0 to 1) with linear interpolation, as Excel's PERCENTILE.INC;
/// missing values are left out.
#[pyfunction]
pub fn percentile_inc(
    py: Python<'_>,
    values: &Bound<'_, PyAny>,
    p: &Bound<'_, PyAny>,
) -> PyResult<f64> {
    let v = self::values(values, "values")?;
    let p = real(Some(p), "p", f64::NAN)?;
    benchmark::percentile_inc(&v, p).map_err(|e| to_py(py, &e))
}

/// Quintile bounds `(min, P20, P40, P60, P80, max)` of at least 5 non-missing values.
#[pyfunction]
pub fn quintiles(
    py: Python<'_>,
    values: &Bound<'_, PyAny>,
) -> PyResult<(f64, f64, f64, f64, f64, f64)> {
    let v = self::values(values, "values")?;
    let b = benchmark::quintiles(&v).map_err(|e| to_py(py, &e))?.bounds;
    Ok((b[0], b[1], b[2], b[3], b[4], b[5]))
}

/// The quintile of each value within the group itself, from Fingertips' PERCENTILE.INC
/// bounds (a value equal to a bound is in the lower quintile); None for a missing value.
///
/// Numbering, the same as `assign_quantiles`: quintile 1 holds the lowest values unless told
/// otherwise. `invert=True` puts the highest values in quintile 1; `polarity` numbers from the
/// worst (1) to the best (`"low_is_good"` inverts, `"high_is_good"` does not). Give one of
/// `invert` and `polarity`, not both.
#[pyfunction]
#[pyo3(signature = (values, invert = None, polarity = None))]
pub fn assign_quintiles(
    py: Python<'_>,
    values: &Bound<'_, PyAny>,
    invert: Option<&Bound<'_, PyAny>>,
    polarity: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<Option<u8>>> {
    let v = self::values(values, "values")?;
    let invert = match (
        invert.filter(|o| !o.is_none()),
        polarity.filter(|o| !o.is_none()),
    ) {
        (Some(_), Some(_)) => {
            return Err(invalid(
                py,
                "polarity",
                None,
                "give invert or polarity, not both".to_owned(),
            ))
        }
        (None, None) => false,
        (Some(i), None) => {
            if !i.is_instance_of::<pyo3::types::PyBool>() {
                return Err(invalid(
                    py,
                    "invert",
                    None,
                    "expected True or False".to_owned(),
                ));
            }
            i.extract::<bool>()?
        }
        (None, Some(p)) => {
            carestat::quantile_groups::invert_for(read_polarity(p)?).ok_or_else(|| {
                invalid(
                    py,
                    "polarity",
                    None,
                    "no_judgement does not say which end is worse: give invert instead".to_owned(),
                )
            })?
        }
    };
    let q = benchmark::quintiles(&v).map_err(|e| to_py(py, &e))?;
    Ok(v.iter()
        .map(|&x| q.quintile(x).map(|n| if invert { 6 - n } else { n }))
        .collect())
}

/// The rank of `values[index]` in the group as `(rank, of, tied)`, or None when that value is
/// missing. `order` `"highest_first"` (default) or `"lowest_first"`; ties share the best rank
/// ("1224"); missing values are left out.
#[pyfunction]
#[pyo3(signature = (values, index, order = None))]
pub fn rank(
    py: Python<'_>,
    values: &Bound<'_, PyAny>,
    index: &Bound<'_, PyAny>,
    order: Option<&Bound<'_, PyAny>>,
) -> PyResult<Option<(usize, usize, usize)>> {
    let v = self::values(values, "values")?;
    let index = whole(index, "index")?;
    let order = match order.filter(|o| !o.is_none()) {
        None => RankOrder::HighestFirst,
        Some(o) => {
            let name = o.cast::<PyString>().map_err(|_| {
                invalid(
                    py,
                    "order",
                    None,
                    "expected \"highest_first\" or \"lowest_first\"".to_owned(),
                )
            })?;
            match name.to_cow()?.as_ref() {
                "highest_first" => RankOrder::HighestFirst,
                "lowest_first" => RankOrder::LowestFirst,
                other => {
                    return Err(to_py(
                        py,
                        &Error::Unknown {
                            field: "order".into(),
                            kind: "rank order (highest_first, lowest_first)".into(),
                            id: other.to_owned(),
                        },
                    ))
                }
            }
        }
    };
    let index = usize::try_from(index).map_err(|_| {
        to_py(
            py,
            &Error::OutOfRange {
                field: "index".into(),
                value: index as f64,
                expected: "an index of the group, 0 or above".into(),
            },
        )
    })?;
    let r = benchmark::rank(&v, index, order).map_err(|e| to_py(py, &e))?;
    Ok(r.map(|r| (r.rank, r.of, r.tied)))
}

/// `(difference, percent_difference)` of `value` from `reference`; the percentage is NaN when
/// the reference is 0.
#[pyfunction]
pub fn difference_from(
    py: Python<'_>,
    value: &Bound<'_, PyAny>,
    reference: &Bound<'_, PyAny>,
) -> PyResult<(f64, f64)> {
    let value = real(Some(value), "value", f64::NAN)?;
    let reference = real(Some(reference), "reference", f64::NAN)?;
    let d = benchmark::difference_from(value, reference).map_err(|e| to_py(py, &e))?;
    Ok((d.difference, d.percent_difference))
}

/// `(average, difference, percent_difference)` of `value` from the mean of a comparator
/// group's non-missing values.
#[pyfunction]
pub fn difference_from_average(
    py: Python<'_>,
    value: &Bound<'_, PyAny>,
    group: &Bound<'_, PyAny>,
) -> PyResult<(f64, f64, f64)> {
    let value = real(Some(value), "value", f64::NAN)?;
    let group = self::values(group, "group")?;
    let d = benchmark::difference_from_average(value, &group).map_err(|e| to_py(py, &e))?;
    Ok((d.reference, d.difference, d.percent_difference))
}
