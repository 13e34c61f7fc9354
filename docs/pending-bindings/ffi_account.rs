//! Local Accounts from C: a dataset as JSON text in, the report or the audit as JSON text
//! out (freed with `carestat_string_free`).

use std::ffi::{c_char, CString};

use carestat_core::account::{audit, report, Dataset};

use crate::guard::{self, Failure};
use crate::slices;
use crate::status::carestat_status;

/// Reads the dataset: UTF-8, then JSON syntax, then the format (errors name the JSON path).
///
/// # Safety
/// `json` must be NULL or valid for reading `len` bytes.
unsafe fn dataset(json: *const u8, len: usize) -> Result<Dataset, Failure> {
    let buf = slices::input("dataset_json", json, len)?;
    // SAFETY: the caller's promise on `json` and `len`.
    let bytes = unsafe { buf.as_slice() };
    let text = std::str::from_utf8(bytes).map_err(|e| Failure::Utf8 {
        arg: "dataset_json",
        detail: e.to_string(),
    })?;
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| Failure::Json {
        arg: "dataset_json",
        detail: e.to_string(),
    })?;
    Ok(Dataset::from_json_value(value)?)
}

/// Hands `text` to C as a NUL-terminated string the caller frees with
/// `carestat_string_free`.
fn into_c_string(text: String) -> *mut c_char {
    // JSON text from serde_json never holds a NUL byte (it escapes U+0000 as \u0000).
    CString::new(text)
        .expect("JSON text has no NUL byte")
        .into_raw()
}

/// Runs `body` on the dataset and writes its JSON to `*out_json` on success.
///
/// # Safety
/// As [`carestat_audit_json`].
unsafe fn json_call(
    json: *const u8,
    len: usize,
    out_json: *mut *mut c_char,
    body: impl FnOnce(&Dataset) -> Result<String, Failure>,
) -> carestat_status {
    guard::call(|| {
        let out = slices::out("out_json", out_json)?;
        // SAFETY: the caller's promise on `json` and `len`.
        let ds = unsafe { dataset(json, len) }?;
        let text = body(&ds)?;
        // SAFETY: the caller's promise on `out_json`; written only on success.
        unsafe { out.write(into_c_string(text)) };
        Ok(())
    })
}

/// Audits a Local Account dataset: `dataset_json` is the dataset's JSON text (UTF-8,
/// `dataset_len` bytes, no NUL needed); on success `*out_json` receives a JSON array of
/// findings (`claim`, `status`, `stated`, `computed`, `reason`, ...), a NUL-terminated string
/// to free with `carestat_string_free`.
///
/// Errors: `CARESTAT_STATUS_NULL_POINTER` (`dataset_json` NULL with a length, or `out_json`
/// NULL), `CARESTAT_STATUS_INVALID_UTF8`, `CARESTAT_STATUS_INVALID_JSON` (a syntax error; the
/// detail gives line and column), and the format's errors (`CARESTAT_STATUS_INVALID`,
/// `CARESTAT_STATUS_NEGATIVE`, `CARESTAT_STATUS_UNKNOWN_ID`, ...) whose detail message
/// (`carestat_last_error_message`) names the JSON path, e.g.
/// `ratings.care_homes.good: must not be negative (got -1)`. `*out_json` is written only on
/// success. Whether a claim is inconsistent is in the findings, not in the status.
///
/// # Safety
/// `dataset_json` must be NULL or valid for reading `dataset_len` bytes; `out_json` must be
/// NULL or valid for writing one pointer.
#[no_mangle]
pub unsafe extern "C" fn carestat_audit_json(
    dataset_json: *const u8,
    dataset_len: usize,
    out_json: *mut *mut c_char,
) -> carestat_status {
    // SAFETY: forwarded caller's promises.
    unsafe {
        json_call(dataset_json, dataset_len, out_json, |ds| {
            let findings = audit(ds)?;
            Ok(serde_json::to_string(&findings).expect("findings serialise"))
        })
    }
}

/// Reports a Local Account dataset: like [`carestat_audit_json`], but `*out_json` receives
/// the report, a JSON object `{"area", "period", "indicators": [...]}`.
///
/// # Safety
/// As [`carestat_audit_json`].
#[no_mangle]
pub unsafe extern "C" fn carestat_report_json(
    dataset_json: *const u8,
    dataset_len: usize,
    out_json: *mut *mut c_char,
) -> carestat_status {
    // SAFETY: forwarded caller's promises.
    unsafe {
        json_call(dataset_json, dataset_len, out_json, |ds| {
            let r = report(ds)?;
            Ok(serde_json::to_string(&r).expect("a report serialises"))
        })
    }
}

/// Frees a string returned by carestat (`carestat_audit_json`, `carestat_report_json`).
/// NULL is allowed and does nothing. Never free such a string with `free()`, and never free
/// it twice.
///
/// # Safety
/// `s` must be NULL or a string returned by carestat and not yet freed.
#[no_mangle]
pub unsafe extern "C" fn carestat_string_free(s: *mut c_char) {
    guard::infallible((), || {
        if !s.is_null() {
            // SAFETY: the caller's promise: `s` came from CString::into_raw in this crate.
            drop(unsafe { CString::from_raw(s) });
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    fn last() -> String {
        // SAFETY: carestat_last_error_message never returns NULL.
        unsafe { CStr::from_ptr(crate::guard::carestat_last_error_message()) }
            .to_string_lossy()
            .into_owned()
    }

    fn audit_of(bytes: &[u8]) -> (carestat_status, Option<String>) {
        let mut out: *mut c_char = std::ptr::null_mut();
        // SAFETY: valid buffers.
        let status = unsafe { carestat_audit_json(bytes.as_ptr(), bytes.len(), &mut out) };
        if out.is_null() {
            return (status, None);
        }
        // SAFETY: a string from carestat, freed once.
        let text = unsafe { CStr::from_ptr(out) }.to_str().unwrap().to_owned();
        unsafe { carestat_string_free(out) };
        (status, Some(text))
    }

    #[test]
    fn audits_the_bundled_local_account() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/worcestershire-2023-24.json");
        let (status, text) = audit_of(&std::fs::read(path).unwrap());
        assert_eq!(status, carestat_status::CARESTAT_OK);
        let v: serde_json::Value = serde_json::from_str(&text.unwrap()).unwrap();
        let lt = v.as_array().unwrap().iter().find(|f| f["claim"] == "long-term-change").unwrap();
        // 6% from 5% is +1 point but +20%: "a 1% increase" is inconsistent as written.
        assert_eq!(lt["status"], "inconsistent");
    }

    #[test]
    fn bad_input_gives_statuses_and_paths() {
        let (s, out) = audit_of(b"{\"format_version\": 1, \"area\": {\"name\": 3}}");
        assert_eq!((s, out), (carestat_status::CARESTAT_STATUS_INVALID, None));
        assert!(last().starts_with("area.name: invalid type"), "{}", last());
        let (s, _) = audit_of(b"{\"format_version\": ");
        assert_eq!(s, carestat_status::CARESTAT_STATUS_INVALID_JSON);
        let (s, _) = audit_of(b"{\"a\": \"\xff\"}");
        assert_eq!(s, carestat_status::CARESTAT_STATUS_INVALID_UTF8);
        let mut out: *mut c_char = std::ptr::null_mut();
        // SAFETY: NULL with a length is reported, not read.
        let s = unsafe { carestat_audit_json(std::ptr::null(), 3, &mut out) };
        assert_eq!(s, carestat_status::CARESTAT_STATUS_NULL_POINTER);
        let s = unsafe { carestat_report_json(b"{}".as_ptr(), 2, std::ptr::null_mut()) };
        assert_eq!(s, carestat_status::CARESTAT_STATUS_NULL_POINTER);
        unsafe { carestat_string_free(std::ptr::null_mut()) };
    }
}
