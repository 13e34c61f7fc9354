//! Published documents from C (issue 13): a Local Account's bytes as published (text,
//! Markdown, HTML, Word `.docx`, PDF) in, the extracted draft or the audit as JSON text out,
//! freed with `carestat_string_free`.
//!
//! The format is found from the content, as `carestat audit FILE` does (`account::read::read`):
//! the name is only a hint (`.md`, `.html`) for text that could be either.

use std::ffi::{c_char, CString};

use carestat_core::account::extract::{extract, Extraction};
use carestat_core::account::{audit, read, Dataset, Finding};
use carestat_core::Error;

use crate::guard::{self, Failure};
use crate::slices;
use crate::status::carestat_status;
use crate::text;

/// What a document call gives back.
enum Wanted {
    Extraction,
    Findings,
}

/// The bytes without a UTF-8 byte order mark, and whether they hold a dataset (JSON object).
fn is_dataset(bytes: &[u8]) -> bool {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

/// A reader's error, with `CARESTAT_STATUS_INVALID_UTF8` for text that is not UTF-8 (the
/// message, from the core, gives the offset of the first bad byte).
fn read_failure(e: Error) -> Failure {
    match &e {
        Error::Invalid { reason, .. } if reason.starts_with("not UTF-8 text") => {
            Failure::Utf8Text(e.to_string())
        }
        _ => Failure::Core(e),
    }
}

/// Reads the document and returns the JSON text of what is wanted.
fn run(bytes: &[u8], name: &str, wanted: &Wanted) -> Result<String, Failure> {
    if is_dataset(bytes) {
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        return match wanted {
            Wanted::Extraction => Err(Failure::Core(Error::invalid(
                "document",
                "is a dataset (JSON) already; extraction reads a published document",
            ))),
            Wanted::Findings => {
                let text = std::str::from_utf8(body).map_err(|_| Failure::Utf8 { arg: "bytes" })?;
                let ds = Dataset::from_json_str(text).map_err(|e| {
                    match serde_json::from_str::<serde_json::Value>(text) {
                        Err(syntax) => Failure::Json {
                            arg: "bytes",
                            detail: syntax.to_string(),
                        },
                        Ok(_) => Failure::Core(e),
                    }
                })?;
                Ok(findings_json(&audit(&ds)?))
            }
        };
    }
    let doc = read::read(bytes, name).map_err(read_failure)?;
    let extraction: Extraction = extract(&doc);
    match wanted {
        Wanted::Extraction => {
            Ok(serde_json::to_string(&extraction).expect("extractions serialise"))
        }
        Wanted::Findings => Ok(findings_json(&audit(&extraction.dataset)?)),
    }
}

/// The findings as a JSON array.
fn findings_json(findings: &[Finding]) -> String {
    serde_json::to_string(findings).expect("findings always serialise")
}

/// Checks the arguments, runs the call and writes its JSON to `*out_json` on success.
///
/// # Safety
/// As [`carestat_extract_json`].
unsafe fn document_call(
    bytes: *const u8,
    len: usize,
    name: *const c_char,
    out_json: *mut *mut c_char,
    wanted: &Wanted,
) -> carestat_status {
    guard::call(|| {
        let out = slices::out("out_json", out_json)?;
        let input = slices::input("bytes", bytes, len)?;
        let name = if name.is_null() {
            ""
        } else {
            // SAFETY: non-NULL; NUL-terminated and valid for the call is the caller's promise.
            unsafe { text::str_arg("name", name) }?
        };
        // SAFETY: checked non-NULL (or empty) and of a possible length; `len` readable bytes
        // is the caller's promise.
        let bytes = unsafe { input.as_slice() };
        let result = run(bytes, name, wanted)?;
        // JSON text from serde_json never holds a NUL byte (it escapes U+0000 as \u0000).
        let c = CString::new(result).expect("JSON text has no NUL byte");
        // SAFETY: the caller's promise on `out_json`; written only on success.
        unsafe { out.write(c.into_raw()) };
        Ok(())
    })
}

/// Extracts the draft dataset from a published document.
///
/// `bytes`/`len` are the file's bytes as published: plain text, Markdown, HTML, Word `.docx`
/// or PDF (its text layer), recognised by their content. `name` is the file's name or NULL;
/// it only decides between plain text and Markdown (`.md`) or HTML (`.html`) for text that
/// does not show which it is. On success `*out_json` receives a JSON object
/// `{"dataset": {...}, "not_understood": [{"quote", "span", "why"}, ...]}`: the draft (the
/// format `carestat audit` reads, every figure and claim with its `quote` and byte `span`
/// into the document's text as read) and every number the extractor could not place. Free
/// it with `carestat_string_free`.
///
/// Errors: `CARESTAT_STATUS_NULL_POINTER` (`out_json` NULL, or `bytes` NULL with `len` > 0),
/// `CARESTAT_STATUS_INVALID_UTF8` (`name`, or a text document, not UTF-8: the detail gives the
/// offset of the first bad byte), `CARESTAT_STATUS_INVALID` for a file that cannot be read,
/// with the reason in the detail message: `document: corrupt PDF ...`, a scanned PDF with no
/// text layer, an encrypted file, an unknown format (`document: unknown format: a PNG image
/// ...`), more than 64 MiB, or a dataset (JSON) given where a document is expected.
/// `(NULL, 0)` is an empty document (an empty draft). `*out_json` is written only on success.
///
/// # Safety
/// `bytes` must be NULL or valid for reading `len` bytes; `name` must be NULL or a
/// NUL-terminated string; `out_json` must be NULL or valid for writing one pointer.
#[no_mangle]
pub unsafe extern "C" fn carestat_extract_json(
    bytes: *const u8,
    len: usize,
    name: *const c_char,
    out_json: *mut *mut c_char,
) -> carestat_status {
    // SAFETY: forwarded caller's promises.
    unsafe { document_call(bytes, len, name, out_json, &Wanted::Extraction) }
}

/// Audits a published document: extracts its draft (as `carestat_extract_json`) and checks
/// every claim in it. On success `*out_json` receives the JSON array of findings
/// (`claim`, `status`, `stated`, `computed`, `reason`, `quote`, `span`, ...), as
/// `carestat_audit_json` gives them; each finding's `span` is `{"start", "end"}`, byte offsets
/// into the document's text as read (for text and Markdown, into the bytes given). Free it
/// with `carestat_string_free`.
///
/// A dataset (a JSON object, as `carestat audit FILE` also accepts) is audited as it is;
/// its errors are those of `carestat_audit_json` (`CARESTAT_STATUS_INVALID_JSON`, or the
/// format's status with the JSON path in the detail). Other errors as
/// `carestat_extract_json`. Whether a claim is inconsistent is in the findings, not in the
/// status.
///
/// # Safety
/// As `carestat_extract_json`.
#[no_mangle]
pub unsafe extern "C" fn carestat_audit_document(
    bytes: *const u8,
    len: usize,
    name: *const c_char,
    out_json: *mut *mut c_char,
) -> carestat_status {
    // SAFETY: forwarded caller's promises.
    unsafe { document_call(bytes, len, name, out_json, &Wanted::Findings) }
}

#[cfg(test)]
#[path = "document_tests.rs"]
mod tests;
