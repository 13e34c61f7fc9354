//! Local Accounts: the report and the audit of a dataset, as JSON text, and the reading of a
//! published document (issue 13). The package's `carestat.account` helpers read files, bytes
//! and dicts and return lists of dicts, pandas `DataFrame`s or an `Extraction`; errors are
//! `CarestatError`s whose `field` is the JSON path (or `document` for a file that cannot be
//! read).

use carestat::account::{audit, extract::extract, read};
use pyo3::prelude::*;

use crate::errors::to_py;

/// The audit of a Local Account dataset given as JSON text: a JSON array of findings. With
/// `folder` (the folder of the dataset's file), the other dataset files its restatements
/// name are read from there.
#[pyfunction]
#[pyo3(signature = (dataset, folder=None))]
pub fn _audit_json(py: Python<'_>, dataset: &str, folder: Option<&str>) -> PyResult<String> {
    py.detach(|| match folder {
        Some(f) => carestat::account::audit_json_in(dataset, std::path::Path::new(f)),
        None => carestat::account::audit_json(dataset),
    })
    .map_err(|e| to_py(py, &e))
}

/// The report of a Local Account dataset given as JSON text: a JSON object.
#[pyfunction]
pub fn _report_json(py: Python<'_>, dataset: &str) -> PyResult<String> {
    py.detach(|| carestat::account::report_json(dataset))
        .map_err(|e| to_py(py, &e))
}

/// A published document's bytes (text, Markdown, HTML, `.docx`, PDF, recognised by content;
/// `name` only decides `.md` / `.html` for text that does not show which it is) read and
/// extracted: `(text, extraction)`, the document's text as read (what spans point into) and
/// the JSON object `{"dataset", "not_understood"}`.
#[pyfunction]
pub fn _extract_document(py: Python<'_>, data: &[u8], name: &str) -> PyResult<(String, String)> {
    py.detach(|| {
        let doc = read::read(data, name)?;
        let x = extract(&doc);
        let json = serde_json::to_string(&x).expect("extractions serialise");
        Ok((doc.text, json))
    })
    .map_err(|e: carestat::Error| to_py(py, &e))
}

/// A published document's bytes read, extracted and audited: the JSON array of findings
/// (each with its `quote` and `span` into the document's text as read).
#[pyfunction]
pub fn _audit_document(py: Python<'_>, data: &[u8], name: &str) -> PyResult<String> {
    py.detach(|| {
        let doc = read::read(data, name)?;
        let findings = audit(&extract(&doc).dataset)?;
        Ok(serde_json::to_string(&findings).expect("findings always serialise"))
    })
    .map_err(|e: carestat::Error| to_py(py, &e))
}
