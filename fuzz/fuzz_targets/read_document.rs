//! The document readers (`read::read`: text, Markdown, HTML, Word .docx, PDF) and the
//! extraction on arbitrary bytes. The first byte chooses the name hint ("", "x.txt", "x.md",
//! "x.html", "x.docx", "x.pdf"); the rest are the file. With the docx hint, bytes that are not
//! a zip are also read as the parts of a `.docx` made here (`word/document.xml`, then
//! `word/styles.xml` and `word/footnotes.xml` after NUL bytes; stored, so the zip's checksums
//! hold): a mutated zip rarely gets past its checksums to the XML reader.
//!
//! Checks: `read` returns Ok or an error with a message, never a panic, a hang or unbounded
//! memory (the fuzz flags: 10 s, 2 GiB); on Ok, every block's span lies within the text, on
//! character boundaries, and the blocks are in order without overlapping; then `extract`
//! ends with a draft that validates and round-trips through its JSON text, every claim's,
//! not-understood and placed number's span lies within the text on character boundaries (a
//! claim's quote is the text its span covers), the extraction serialises, and the draft
//! audits (one finding per claim, as the `audit` target checks them) and reports.
#![no_main]

use carestat::account::extract::extract;
use carestat::account::read::{read, Document, Span};
use carestat::account::Finding;
use libfuzzer_sys::fuzz_target;

const HINTS: [&str; 6] = ["", "x.txt", "x.md", "x.html", "x.docx", "x.pdf"];

/// `span` is inside the text and on character boundaries, so `doc.slice` gives its text.
fn check_span(doc: &Document, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= doc.text.len(),
        "{what}: span {span:?} outside a text of {} bytes",
        doc.text.len()
    );
    assert!(
        doc.text.is_char_boundary(span.start) && doc.text.is_char_boundary(span.end),
        "{what}: span {span:?} not on character boundaries"
    );
    assert_eq!(
        doc.slice(span).len(),
        span.len(),
        "{what}: slice of {span:?}"
    );
}

/// A `.docx` of up to three parts, `bytes` split at NUL bytes (which XML cannot hold).
fn docx_of(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let names = ["word/document.xml", "word/styles.xml", "word/footnotes.xml"];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, part) in names.iter().zip(bytes.splitn(3, |&b| b == 0)) {
        zip.start_file(*name, opts).expect("writing to a Vec");
        zip.write_all(part).expect("writing to a Vec");
    }
    zip.finish().expect("writing to a Vec").into_inner()
}

/// Reads `bytes` named `name`; on success checks the document, its extraction and audit.
fn check(bytes: &[u8], name: &str) {
    let doc = match read(bytes, name) {
        Ok(doc) => doc,
        Err(e) => {
            assert!(!e.to_string().is_empty(), "an error with no message");
            return;
        }
    };

    // The document: blocks inside the text, in order, not overlapping.
    let mut end = 0;
    for (i, b) in doc.blocks.iter().enumerate() {
        check_span(&doc, b.span, &format!("block {i}"));
        assert!(
            b.span.start >= end,
            "block {i} {:?} overlaps or precedes the one before (ending at {end})",
            b.span
        );
        end = b.span.end;
    }

    // The extraction.
    let x = extract(&doc);
    let ds = &x.dataset;
    ds.validate()
        .unwrap_or_else(|e| panic!("the draft does not validate: {e}"));
    for c in &ds.claims {
        if let Some(span) = c.span {
            check_span(&doc, span, &format!("claim {}", c.id));
            assert_eq!(doc.slice(span), c.quote, "claim {}: quote and span", c.id);
        }
    }
    for (i, u) in x.not_understood.iter().enumerate() {
        check_span(&doc, u.span, &format!("not understood {i}"));
    }
    for (i, p) in x.placed.iter().enumerate() {
        check_span(&doc, p.span, &format!("placed {i}"));
    }
    serde_json::to_string(&x).expect("an extraction serialises");

    // The draft audits (and round-trips: `check_account` checks it) and reports.
    let findings = carestat_fuzz::account::check_account(ds, false).expect("the draft audits");
    let findings: Vec<Finding> = serde_json::from_str(&findings).expect("findings read back");
    for f in &findings {
        if let Some(span) = f.span {
            check_span(&doc, span, &format!("finding {}", f.claim));
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&hint, bytes)) = data.split_first() else {
        return;
    };
    let name = HINTS[usize::from(hint) % HINTS.len()];
    check(bytes, name);
    if name == "x.docx" && !bytes.starts_with(b"PK") {
        check(&docx_of(bytes), name);
    }
});
