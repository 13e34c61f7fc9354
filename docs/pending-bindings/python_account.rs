//! Local Accounts: the report and the audit of a dataset, as JSON text. The package's
//! `carestat.account` helpers read files and dicts and return lists of dicts or pandas
//! DataFrames; errors are `CarestatError`s whose `field` is the JSON path.

use pyo3::prelude::*;

use crate::errors::to_py;

/// The audit of a Local Account dataset given as JSON text: a JSON array of findings.
#[pyfunction]
pub fn _audit_json(py: Python<'_>, dataset: &str) -> PyResult<String> {
    py.detach(|| carestat::account::audit_json(dataset))
        .map_err(|e| to_py(py, &e))
}

/// The report of a Local Account dataset given as JSON text: a JSON object.
#[pyfunction]
pub fn _report_json(py: Python<'_>, dataset: &str) -> PyResult<String> {
    py.detach(|| carestat::account::report_json(dataset))
        .map_err(|e| to_py(py, &e))
}
