//! Tests of `document.rs`: the bundled Birmingham Local Account (the seed's text as
//! published), a `.docx` made here from its sentences, and the hostile inputs.

use std::ffi::{c_char, CStr, CString};
use std::fmt::Write as _;
use std::io::Write;

use super::*;
use crate::account::carestat_string_free;
use carestat_status as S;

type DocFn = unsafe extern "C" fn(*const u8, usize, *const c_char, *mut *mut c_char) -> S;

fn last() -> String {
    // SAFETY: carestat_last_error_message never returns NULL.
    unsafe { CStr::from_ptr(crate::guard::carestat_last_error_message()) }
        .to_string_lossy()
        .into_owned()
}

/// Calls `f` on `bytes` named `name`; the JSON text on success.
fn call(f: DocFn, bytes: &[u8], name: &str) -> (S, Option<serde_json::Value>) {
    let name = CString::new(name).unwrap();
    let mut out: *mut c_char = std::ptr::null_mut();
    // SAFETY: a valid buffer, C string and out-pointer.
    let status = unsafe { f(bytes.as_ptr(), bytes.len(), name.as_ptr(), &raw mut out) };
    if out.is_null() {
        return (status, None);
    }
    // SAFETY: a string from carestat, freed once.
    let text = unsafe { CStr::from_ptr(out) }.to_str().unwrap().to_owned();
    unsafe { carestat_string_free(out) };
    (status, Some(serde_json::from_str(&text).unwrap()))
}

fn birmingham() -> Vec<u8> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/data/sources/birmingham-local-account-2022-23.txt"
    );
    std::fs::read(path).unwrap()
}

fn finding<'a>(findings: &'a serde_json::Value, claim: &str) -> &'a serde_json::Value {
    findings
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["claim"] == claim)
        .unwrap_or_else(|| panic!("no finding {claim} in {findings}"))
}

#[test]
fn audits_the_birmingham_local_account_as_published() {
    let bytes = birmingham();
    let (status, findings) = call(carestat_audit_document, &bytes, "birmingham.txt");
    assert_eq!(status, S::CARESTAT_OK, "{}", last());
    let findings = findings.unwrap();
    // "These means that 76% of Birmingham Care Homes are Outstanding or Good": the
    // document's own counts give 445 of 576 = 77.3%.
    let care_homes = finding(&findings, "care-homes-rating-share");
    assert_eq!(care_homes["status"], "inconsistent");
    assert_eq!(care_homes["stated"], 76.0);
    // The span points into the bytes given (a text file is its own text).
    let (start, end) = (
        care_homes["span"]["start"].as_u64().unwrap() as usize,
        care_homes["span"]["end"].as_u64().unwrap() as usize,
    );
    let quoted = std::str::from_utf8(&bytes[start..end]).unwrap();
    assert!(quoted.contains("76% of Birmingham Care Homes"), "{quoted}");
    // The spend by service type adds to less than the £326.4m stated.
    assert_eq!(
        finding(&findings, "expenditure-by-service-type-sum")["status"],
        "inconsistent"
    );
    assert_eq!(
        finding(&findings, "home-support-rating-share")["status"],
        "consistent"
    );
}

#[test]
fn extracts_the_draft_and_what_it_could_not_place() {
    let (status, x) = call(carestat_extract_json, &birmingham(), "");
    assert_eq!(status, S::CARESTAT_OK, "{}", last());
    let x = x.unwrap();
    assert_eq!(x["dataset"]["format_version"], 2);
    let claims = x["dataset"]["claims"].as_array().unwrap();
    assert!(claims.iter().any(|c| c["id"] == "care-homes-rating-share"));
    let unplaced = x["not_understood"].as_array().unwrap();
    assert!(!unplaced.is_empty());
    assert!(unplaced[0]["why"].is_string() && unplaced[0]["span"]["start"].is_u64());
}

/// A Word document holding the paragraphs, as Word writes them (one `w:p` each).
fn docx(paragraphs: &[&str]) -> Vec<u8> {
    let mut body = String::new();
    for p in paragraphs {
        write!(
            body,
            "<w:p><w:r><w:t xml:space=\"preserve\">{p}</w:t></w:r></w:p>"
        )
        .unwrap();
    }
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:body>{body}</w:body></w:document>"
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("[Content_Types].xml", options).unwrap();
    zip.write_all(b"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>").unwrap();
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

#[test]
fn reads_a_docx_by_its_content_whatever_its_name() {
    // The Birmingham Local Account's care home ratings (the seed's paragraphs), as a Word
    // document named like a text file: the same finding as from the text.
    let bytes = docx(&[
        "Adult Social Care Local Account 2022/23",
        "Care Homes",
        "There were 13 homes who were rated gold.",
        "432 homes were rated silver.",
        "123 homes rated bronze.",
        "7 homes were rated inadequate.",
        "1 home is not yet rated.",
        "These means that 76% of Birmingham Care Homes are Outstanding or Good",
    ]);
    let (status, findings) = call(carestat_audit_document, &bytes, "account.txt");
    assert_eq!(status, S::CARESTAT_OK, "{}", last());
    let findings = findings.unwrap();
    let f = &findings.as_array().unwrap()[0];
    // 13 + 432 = 445 of 576 = 77.3% (of the 575 rated: 77.4%), not 76%.
    assert_eq!(f["kind"], "rating_share", "{f}");
    assert_eq!(f["status"], "inconsistent", "{f}");
}

#[test]
fn a_dataset_is_audited_as_it_is_and_not_extracted() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/data/worcestershire-2023-24.json"
    );
    let bytes = std::fs::read(path).unwrap();
    let (status, findings) = call(carestat_audit_document, &bytes, "");
    assert_eq!(status, S::CARESTAT_OK, "{}", last());
    assert_eq!(
        finding(&findings.unwrap(), "long-term-change")["status"],
        "ambiguous"
    );
    let (status, out) = call(carestat_extract_json, &bytes, "");
    assert_eq!((status, out), (S::CARESTAT_STATUS_INVALID, None));
    assert!(last().starts_with("document: is a dataset"), "{}", last());
    let (status, _) = call(
        carestat_audit_document,
        b"\xEF\xBB\xBF {\"format_version\": ",
        "",
    );
    assert_eq!(status, S::CARESTAT_STATUS_INVALID_JSON);
    assert!(last().starts_with("bytes: EOF while parsing"), "{}", last());
}

#[test]
fn hostile_input_gives_statuses_and_reasons() {
    let cases: [(&[u8], S, &str); 6] = [
        (
            b"4.4% \xff more",
            S::CARESTAT_STATUS_INVALID_UTF8,
            "document: not UTF-8 text (invalid byte at offset 5)",
        ),
        (
            b"%PDF-1.7\n1 0 obj",
            S::CARESTAT_STATUS_INVALID,
            "document: corrupt PDF",
        ),
        (
            b"PK\x03\x04\x14\x00garbage",
            S::CARESTAT_STATUS_INVALID,
            "document: ",
        ),
        (
            b"\x89PNG\r\n\x1a\n",
            S::CARESTAT_STATUS_INVALID,
            "document: unknown format: a PNG image",
        ),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            S::CARESTAT_STATUS_INVALID,
            "document: encrypted or legacy Office",
        ),
        (
            b"a\0b",
            S::CARESTAT_STATUS_INVALID,
            "document: unknown format: a binary file",
        ),
    ];
    for (bytes, want, prefix) in cases {
        for f in [carestat_extract_json as DocFn, carestat_audit_document] {
            let (status, out) = call(f, bytes, "x.pdf");
            assert_eq!((status, out), (want, None), "{bytes:?}: {}", last());
            assert!(last().starts_with(prefix), "{bytes:?}: {}", last());
        }
    }
}

#[test]
fn pointers_are_checked() {
    let mut out: *mut c_char = std::ptr::null_mut();
    // SAFETY: NULL with a length is reported, not read.
    let s = unsafe { carestat_extract_json(std::ptr::null(), 3, std::ptr::null(), &raw mut out) };
    assert_eq!(s, S::CARESTAT_STATUS_NULL_POINTER);
    assert_eq!(
        last(),
        "bytes: must not be NULL when the length is 3 (NULL is only allowed with length 0)"
    );
    assert!(out.is_null());
    let s = unsafe {
        carestat_audit_document(b"x".as_ptr(), 1, std::ptr::null(), std::ptr::null_mut())
    };
    assert_eq!(s, S::CARESTAT_STATUS_NULL_POINTER);
    assert_eq!(last(), "out_json: must not be NULL");
    let bad_name = c"\xffname";
    let s = unsafe { carestat_extract_json(b"x".as_ptr(), 1, bad_name.as_ptr(), &raw mut out) };
    assert_eq!(s, S::CARESTAT_STATUS_INVALID_UTF8);
    assert_eq!(last(), "name: not valid UTF-8");
    // (NULL, 0) and a NULL name: an empty document, an empty draft and no findings.
    let s = unsafe { carestat_audit_document(std::ptr::null(), 0, std::ptr::null(), &raw mut out) };
    assert_eq!(s, S::CARESTAT_OK, "{}", last());
    // SAFETY: a string from carestat, freed once.
    assert_eq!(unsafe { CStr::from_ptr(out) }.to_str().unwrap(), "[]");
    unsafe { carestat_string_free(out) };
}
