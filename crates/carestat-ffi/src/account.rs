//! Local Accounts from C: a dataset as JSON text in, the report or the audit as JSON text
//! out (freed with `carestat_string_free`).

use std::ffi::{c_char, CStr, CString};

use carestat_core::account::{audit_json, audit_json_in, report_json};

use crate::guard::{self, Failure};
use crate::slices;
use crate::status::carestat_status;

/// Runs `body` on the dataset text and writes its JSON to `*out` on success.
///
/// The text must be non-NULL and UTF-8; a dataset the core rejects is
/// `CARESTAT_STATUS_INVALID_JSON` when the text is not JSON at all, else the core error (its
/// message names the JSON path).
///
/// # Safety
/// As [`carestat_audit_json`].
unsafe fn json_call(
    json: *const c_char,
    out: *mut *mut c_char,
    body: impl FnOnce(&str) -> Result<String, Failure>,
) -> carestat_status {
    guard::call(|| {
        let out = slices::out("out", out)?;
        let text = text_arg("json", json)?;
        let result = body(text)?;
        // JSON text from serde_json never holds a NUL byte (it escapes U+0000 as \u0000).
        let c = CString::new(result).expect("JSON text has no NUL byte");
        // SAFETY: the caller's promise on `out`; written only on success.
        unsafe { out.write(c.into_raw()) };
        Ok(())
    })
}

/// A NUL-terminated UTF-8 argument as text.
fn text_arg<'a>(arg: &'static str, p: *const c_char) -> Result<&'a str, Failure> {
    if p.is_null() {
        return Err(Failure::Null { arg, len: None });
    }
    // SAFETY: non-NULL (checked); NUL-terminated and valid is the caller's promise.
    unsafe { CStr::from_ptr(p) }
        .to_str()
        .map_err(|_| Failure::Utf8 { arg })
}

/// The core's error on the dataset `text`: syntax errors are `INVALID_JSON`; a well-formed
/// document of the wrong shape keeps the core's error (and status), whose message names
/// the JSON path.
fn dataset_failure(text: &str, e: carestat_core::Error) -> Failure {
    match serde_json::from_str::<serde_json::Value>(text) {
        Err(syntax) => Failure::Json {
            arg: "json",
            detail: syntax.to_string(),
        },
        Ok(_) => Failure::Core(e),
    }
}

/// `f` on the dataset text, its errors as [`dataset_failure`].
fn on_dataset(
    f: fn(&str) -> carestat_core::Result<String>,
) -> impl FnOnce(&str) -> Result<String, Failure> {
    move |text| f(text).map_err(|e| dataset_failure(text, e))
}

/// Audits a Local Account dataset: `json` is the dataset's JSON text (NUL-terminated UTF-8,
/// format of `carestat audit`); on success `*out` receives a JSON array of findings
/// (`claim`, `status`: `consistent`, `inconsistent`, `ambiguous` or `unchecked`, `stated`,
/// `computed`, `reason`, ...), a NUL-terminated string to free with `carestat_string_free`.
///
/// Errors: `CARESTAT_STATUS_NULL_POINTER` (`json` or `out` NULL),
/// `CARESTAT_STATUS_INVALID_UTF8`, `CARESTAT_STATUS_INVALID_JSON` (not JSON; the detail gives
/// line and column), and the format's errors (`CARESTAT_STATUS_INVALID`,
/// `CARESTAT_STATUS_NEGATIVE`, ...) whose detail message (`carestat_last_error_message`)
/// names the JSON path, e.g. `ratings.care_homes.good: ...`. `*out` is written only on
/// success. Whether a claim is inconsistent is in the findings, not in the status.
///
/// # Safety
/// `json` must be NULL or a NUL-terminated string; `out` must be NULL or valid for writing
/// one pointer.
#[no_mangle]
pub unsafe extern "C" fn carestat_audit_json(
    json: *const c_char,
    out: *mut *mut c_char,
) -> carestat_status {
    // SAFETY: forwarded caller's promises.
    unsafe { json_call(json, out, on_dataset(audit_json)) }
}

/// Audits a Local Account dataset whose file sits in `folder`: like `carestat_audit_json`,
/// but the other dataset files its `restatement` claims name (`"dataset": "last-year.json"`)
/// are read from `folder` first (a NUL-terminated UTF-8 path, e.g. the folder of the file the
/// caller read `json` from). A missing or invalid such file is `CARESTAT_STATUS_INVALID`
/// with a message naming the claim (`claims[3].dataset: cannot read ...`).
///
/// # Safety
/// As `carestat_audit_json`; `folder` must be NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn carestat_audit_json_in(
    json: *const c_char,
    folder: *const c_char,
    out: *mut *mut c_char,
) -> carestat_status {
    // SAFETY: forwarded caller's promises; `folder` is read inside the guard.
    unsafe {
        json_call(json, out, |text| {
            let folder = std::path::Path::new(text_arg("folder", folder)?);
            audit_json_in(text, folder).map_err(|e| dataset_failure(text, e))
        })
    }
}

/// Reports a Local Account dataset: like `carestat_audit_json`, but `*out` receives the
/// report, a JSON object `{"area", "period", "indicators": [...]}`.
///
/// # Safety
/// As `carestat_audit_json`.
#[no_mangle]
pub unsafe extern "C" fn carestat_report_json(
    json: *const c_char,
    out: *mut *mut c_char,
) -> carestat_status {
    // SAFETY: forwarded caller's promises.
    unsafe { json_call(json, out, on_dataset(report_json)) }
}

/// Frees a string returned by carestat (`carestat_audit_json`, `carestat_report_json`,
/// `carestat_extract_json`, `carestat_audit_document`).
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

    fn last() -> String {
        // SAFETY: carestat_last_error_message never returns NULL.
        unsafe { CStr::from_ptr(crate::guard::carestat_last_error_message()) }
            .to_string_lossy()
            .into_owned()
    }

    fn call_of(
        f: unsafe extern "C" fn(*const c_char, *mut *mut c_char) -> carestat_status,
        bytes: &[u8],
    ) -> (carestat_status, Option<String>) {
        let c = CString::new(bytes).unwrap();
        let mut out: *mut c_char = std::ptr::null_mut();
        // SAFETY: a valid C string and out-pointer.
        let status = unsafe { f(c.as_ptr(), &raw mut out) };
        if out.is_null() {
            return (status, None);
        }
        // SAFETY: a string from carestat, freed once.
        let text = unsafe { CStr::from_ptr(out) }.to_str().unwrap().to_owned();
        unsafe { carestat_string_free(out) };
        (status, Some(text))
    }

    #[test]
    fn audits_and_reports_the_bundled_local_account() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../examples/data/worcestershire-2023-24.json"
        );
        let bytes = std::fs::read(path).unwrap();
        let (status, text) = call_of(carestat_audit_json, &bytes);
        assert_eq!(status, carestat_status::CARESTAT_OK);
        let v: serde_json::Value = serde_json::from_str(&text.unwrap()).unwrap();
        let lt = v
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["claim"] == "long-term-change")
            .unwrap();
        // 6% from 5% is +1 point but +20% relative at face value (+1% only within the
        // rounding of 5% and 6%): "a 1% increase" is ambiguous.
        assert_eq!(lt["status"], "ambiguous");
        let (status, text) = call_of(carestat_report_json, &bytes);
        assert_eq!(status, carestat_status::CARESTAT_OK);
        let v: serde_json::Value = serde_json::from_str(&text.unwrap()).unwrap();
        assert_eq!(v["area"], "Worcestershire County Council");
    }

    #[test]
    fn bad_input_gives_statuses_and_paths() {
        let (s, out) = call_of(
            carestat_audit_json,
            b"{\"format_version\": 1, \"area\": {\"name\": 3}}",
        );
        assert_eq!((s, out), (carestat_status::CARESTAT_STATUS_INVALID, None));
        assert!(last().starts_with("area.name: invalid type"), "{}", last());
        let (s, _) = call_of(carestat_audit_json, b"{\"format_version\": ");
        assert_eq!(s, carestat_status::CARESTAT_STATUS_INVALID_JSON);
        assert!(last().starts_with("json: EOF while parsing"), "{}", last());
        let (s, _) = call_of(carestat_report_json, b"{\"a\": \"\xff\"}");
        assert_eq!(s, carestat_status::CARESTAT_STATUS_INVALID_UTF8);
        assert_eq!(last(), "json: not valid UTF-8");
        let mut out: *mut c_char = std::ptr::null_mut();
        // SAFETY: NULL is reported, not read.
        let s = unsafe { carestat_audit_json(std::ptr::null(), &raw mut out) };
        assert_eq!(s, carestat_status::CARESTAT_STATUS_NULL_POINTER);
        assert!(out.is_null());
        let s = unsafe { carestat_report_json(c"{}".as_ptr(), std::ptr::null_mut()) };
        assert_eq!(s, carestat_status::CARESTAT_STATUS_NULL_POINTER);
        assert_eq!(last(), "out: must not be NULL");
        unsafe { carestat_string_free(std::ptr::null_mut()) };
    }
}
