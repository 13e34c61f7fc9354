//! `carestat.assign_quantiles`: areas assigned to quantiles (deciles, quintiles...) of their
//! values within groups, as PHEindicatormethods `phe_quantile`.

use std::ffi::CString;

use carestat::quantile_groups::{self, invert_for, TooFewAreas};
use carestat::{Error, Field};
use numpy::PyArray1;
use pyo3::exceptions::PyUserWarning;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyString};

use crate::arrays::{describe, vector};
use crate::errors::{invalid, to_py};
use crate::params::{choice, polarity, whole};

/// The rows of a per-row argument (`groups`, `invert`, `polarity`), checked against `len`.
fn per_row<'py>(
    obj: &Bound<'py, PyAny>,
    field: &'static str,
    len: usize,
) -> PyResult<Vec<Bound<'py, PyAny>>> {
    let py = obj.py();
    let not_rows = || {
        invalid(
            py,
            field,
            None,
            format!(
                "expected one value per row (a list, array or Series), got {}",
                describe(obj)
            ),
        )
    };
    if obj.is_instance_of::<PyString>() {
        return Err(not_rows());
    }
    let rows = obj
        .try_iter()
        .map_err(|_| not_rows())?
        .collect::<PyResult<Vec<_>>>()?;
    if rows.len() != len {
        return Err(to_py(
            py,
            &Error::LengthMismatch {
                field: field.into(),
                expected_from: "values".into(),
                expected: len,
                found: rows.len(),
            },
        ));
    }
    Ok(rows)
}

/// Group ids (in order of first appearance) of any hashable labels, and the labels.
fn group_ids<'py>(
    obj: Option<&Bound<'py, PyAny>>,
    len: usize,
) -> PyResult<(Vec<usize>, Vec<Bound<'py, PyAny>>)> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok((vec![0; len], Vec::new()));
    };
    let py = obj.py();
    let ids = PyDict::new(py);
    let mut labels = Vec::new();
    let mut groups = Vec::with_capacity(len);
    for (row, label) in per_row(obj, "groups", len)?.into_iter().enumerate() {
        let known = ids.get_item(&label).map_err(|e| {
            invalid(
                py,
                "groups",
                Some(row),
                format!("a group label must be hashable ({e})"),
            )
        })?;
        let id = if let Some(id) = known {
            id.extract::<usize>()?
        } else {
            ids.set_item(&label, labels.len())?;
            labels.push(label);
            labels.len() - 1
        };
        groups.push(id);
    }
    Ok((groups, labels))
}

/// One `invert` flag: `True` or `False` (NumPy booleans too), nothing else.
fn flag(obj: &Bound<'_, PyAny>, row: Option<usize>) -> PyResult<bool> {
    // NumPy's boolean scalar is `numpy.bool` (NumPy 2) or `numpy.bool_` (NumPy 1).
    let numpy_bool = matches!(obj.get_type().name()?.to_cow()?.as_ref(), "bool" | "bool_");
    if obj.is_instance_of::<PyBool>() || numpy_bool {
        return obj.extract::<bool>();
    }
    Err(invalid(
        obj.py(),
        "invert",
        row,
        format!("expected True or False, got {}", describe(obj)),
    ))
}

/// The invert flag of every row, from `invert` (one flag or one per row) or `polarity` (one
/// or one per row: low is good inverts).
fn inverts(
    invert: Option<&Bound<'_, PyAny>>,
    polarities: Option<&Bound<'_, PyAny>>,
    len: usize,
) -> PyResult<Vec<bool>> {
    let invert = invert.filter(|o| !o.is_none());
    let polarities = polarities.filter(|o| !o.is_none());
    match (invert, polarities) {
        (Some(_), Some(p)) => Err(invalid(
            p.py(),
            "polarity",
            None,
            "give invert or polarity, not both".to_owned(),
        )),
        // carestat's one numbering (as `assign_quintiles`): quantile 1 holds the lowest values.
        (None, None) => Ok(vec![false; len]),
        (Some(i), None) => {
            if i.is_instance_of::<PyBool>() || !i.hasattr("__iter__")? {
                return Ok(vec![flag(i, None)?; len]);
            }
            per_row(i, "invert", len)?
                .iter()
                .enumerate()
                .map(|(row, x)| flag(x, Some(row)))
                .collect()
        }
        (None, Some(p)) => {
            let one = |obj: &Bound<'_, PyAny>, row: Option<usize>| -> PyResult<bool> {
                let polarity = polarity(obj)?;
                invert_for(polarity).ok_or_else(|| {
                    let mut at = Field::new("polarity");
                    at.row = row;
                    to_py(
                        obj.py(),
                        &Error::invalid(
                            at,
                            "no_judgement does not say which end is worse: give invert instead",
                        ),
                    )
                })
            };
            if p.is_instance_of::<PyString>() || !p.hasattr("__iter__")? {
                return Ok(vec![one(p, None)?; len]);
            }
            per_row(p, "polarity", len)?
                .iter()
                .enumerate()
                .map(|(row, x)| one(x, Some(row)))
                .collect()
        }
    }
}

/// The quantile (1 to `nquantiles`) of each area's value within its group, as
/// PHEindicatormethods `phe_quantile`; a float64 array with NaN for missing values.
///
/// Numbering, the same as `assign_quintiles`: quantile 1 holds the lowest values unless told
/// otherwise. `invert=True` puts the highest values in quantile 1; `polarity` numbers from
/// the worst (1) to the best (`"low_is_good"` inverts, `"high_is_good"` does not; one or one
/// per row). PHEindicatormethods' `phe_quantile` inverts by default: pass `invert=True` to
/// reproduce a call that leaves `invert` out. `invert` may be one flag or one per row (the
/// same within a group). Areas with values are ranked within each group (ties take the
/// lowest rank). `groups` holds any hashable label per row (None: one group).
///
/// A group with fewer areas (with values) than quantiles gets no quantiles: with
/// `too_few="missing"` (default) its rows are NaN and a `UserWarning` names the groups, as the
/// reference warns; with `too_few="error"` it is a `TooFewError`.
#[pyfunction]
#[pyo3(
    signature = (values, nquantiles = None, groups = None, invert = None, polarity = None, too_few = None),
    text_signature = "(values, nquantiles=10, groups=None, invert=False, polarity=None, too_few='missing')"
)]
pub fn assign_quantiles<'py>(
    py: Python<'py>,
    values: &Bound<'py, PyAny>,
    nquantiles: Option<&Bound<'py, PyAny>>,
    groups: Option<&Bound<'py, PyAny>>,
    invert: Option<&Bound<'py, PyAny>>,
    polarity: Option<&Bound<'py, PyAny>>,
    too_few: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let nquantiles = match nquantiles.filter(|o| !o.is_none()) {
        None => 10,
        Some(n) => {
            let n = whole(n, "nquantiles")?;
            u32::try_from(n).map_err(|_| {
                to_py(
                    py,
                    &Error::OutOfRange {
                        field: "nquantiles".into(),
                        value: n as f64,
                        expected: "between 1 and 4294967295".into(),
                    },
                )
            })?
        }
    };
    let too_few = choice(
        too_few,
        "too_few",
        &[
            ("missing", TooFewAreas::Missing),
            ("error", TooFewAreas::Error),
        ],
        TooFewAreas::Missing,
    )?;
    let values = vector(values, "values", "one value per area (a list or array)")?;
    let (ids, labels) = group_ids(groups, values.len())?;
    let inverts = inverts(invert, polarity, values.len())?;
    // Too few areas is decided here, so that an error can name the group by its label.
    let result = quantile_groups::assign_quantiles(
        &values,
        &ids,
        &inverts,
        nquantiles,
        TooFewAreas::Missing,
    )
    .map_err(|e| to_py(py, &e))?;
    if let (TooFewAreas::Error, Some(&g)) = (too_few, result.too_few.first()) {
        let found = (0..values.len())
            .filter(|&i| ids[i] == g && !values[i].is_nan())
            .count();
        let field = if labels.is_empty() {
            Field::new("values")
        } else {
            Field::owned(format!("values of group {}", label_repr(&labels, g)))
        };
        return Err(to_py(
            py,
            &Error::TooFew {
                field,
                needed: nquantiles as usize,
                found,
            },
        ));
    }
    if !result.too_few.is_empty() {
        let names = result
            .too_few
            .iter()
            .map(|&g| label_repr(&labels, g))
            .collect::<Vec<_>>()
            .join(", ");
        let message = format!(
            "{} group(s) with fewer areas than quantiles ({nquantiles}) left without quantiles: {names}",
            result.too_few.len()
        );
        let message = CString::new(message.replace('\0', "")).unwrap_or_default();
        PyErr::warn(py, &py.get_type::<PyUserWarning>(), &message, 1)?;
    }
    let column: Vec<f64> = result
        .quantiles
        .iter()
        .map(|q| q.map_or(f64::NAN, f64::from))
        .collect();
    Ok(PyArray1::from_vec(py, column))
}

/// The `repr` of group `g`'s label ("all" when there are no groups).
fn label_repr(labels: &[Bound<'_, PyAny>], g: usize) -> String {
    labels.get(g).map_or_else(
        || "all".to_owned(),
        |l| l.repr().map(|r| r.to_string()).unwrap_or_default(),
    )
}
