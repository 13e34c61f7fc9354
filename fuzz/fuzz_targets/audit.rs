//! The Local Account audit and report on arbitrary bytes, through the Rust API, the JSON
//! functions (`audit_json`, `report_json`) and the C ABI (`carestat_audit_json`,
//! `carestat_report_json`: the bytes up to the first NUL, as C passes them, including invalid
//! UTF-8).
//!
//! Checks: no panic; every finding has one of the three statuses, finite numbers (or none)
//! and ordered intervals; the findings' and the report's JSON parse back to the same values;
//! the JSON functions and the C ABI give exactly the Rust API's results, a status other than
//! OK with a detail message on failure, and `*out` left untouched on failure.
#![no_main]

use std::ffi::{c_char, CStr, CString};

use carestat::account::{audit_json, report_json};
use carestat_ffi::account::{carestat_audit_json, carestat_report_json, carestat_string_free};
use carestat_ffi::status::carestat_status;
use libfuzzer_sys::fuzz_target;

type JsonCall = unsafe extern "C" fn(*const c_char, *mut *mut c_char) -> carestat_status;

/// Calls the C function on `bytes` (no NUL inside) and checks it against `expected`, the Rust
/// result for the same text (`None`: the bytes are not UTF-8).
fn c_call(f: JsonCall, bytes: &[u8], expected: Option<&carestat::Result<String>>) {
    let c = CString::new(bytes).expect("no NUL inside");
    let mut out: *mut c_char = std::ptr::null_mut();
    // SAFETY: a NUL-terminated string and a valid out-pointer.
    let status = unsafe { f(c.as_ptr(), &mut out) };
    assert_ne!(status, carestat_status::CARESTAT_STATUS_PANIC);
    match expected {
        Some(Ok(text)) => {
            assert_eq!(status, carestat_status::CARESTAT_OK);
            assert!(!out.is_null());
            // SAFETY: a string carestat returned, read then freed once.
            let got = unsafe { CStr::from_ptr(out) }.to_str().expect("UTF-8 out");
            assert_eq!(got, text);
            unsafe { carestat_string_free(out) };
        }
        other => {
            if other.is_none() {
                assert_eq!(status, carestat_status::CARESTAT_STATUS_INVALID_UTF8);
            }
            assert_ne!(status, carestat_status::CARESTAT_OK);
            assert!(out.is_null(), "out written on failure");
            // SAFETY: never NULL, NUL-terminated.
            let detail =
                unsafe { CStr::from_ptr(carestat_ffi::guard::carestat_last_error_message()) };
            assert!(!detail.to_bytes().is_empty(), "{status:?} without detail");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    // The C ABI sees the bytes up to the first NUL.
    let end = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let prefix = &data[..end];
    let rust = std::str::from_utf8(prefix)
        .ok()
        .map(|s| (audit_json(s), report_json(s)));
    c_call(carestat_audit_json, prefix, rust.as_ref().map(|r| &r.0));
    c_call(carestat_report_json, prefix, rust.as_ref().map(|r| &r.1));

    // The Rust API on the whole input.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let findings = carestat_fuzz::account::check_read(text)
        .and_then(|ds| carestat_fuzz::account::check_account(&ds, true));
    assert_eq!(
        audit_json(text).ok(),
        findings,
        "audit_json differs from audit"
    );
});
