//! A Local Account's text written as a Word `.docx` and as a PDF (both made here: the docx
//! with the `zip` crate and `WordprocessingML` written by hand, one `w:p` per paragraph; the PDF
//! with lopdf's writer, `pdf::tests_support::pdf_of_text`) reads back to the same text as the
//! text itself, and the numbers found in it are the same, in the same order.
//!
//! The expected text is the seed's paragraphs (its non-blank lines, trimmed) separated by
//! blank lines: the layout every reader gives a run of paragraphs.

use std::io::Write;

use carestat::account::extract::numbers::scan;
use carestat::account::read::{self, pdf, Format};

/// Seeds 000, 001 and 003, as bundled (byte for byte) in `examples/data/sources`.
const SEEDS: [&str; 3] = [
    "birmingham-local-account-2022-23.txt",
    "birmingham-cqc-assessment-2023-summary.txt",
    "birmingham-cqc-assessment-2023-governance.txt",
];

/// A bundled seed's text: the test needs nothing outside the repository.
fn seed(name: &str) -> Option<String> {
    let root = env!("CARGO_MANIFEST_DIR");
    std::fs::read_to_string(format!("{root}/../../examples/data/sources/{name}")).ok()
}

fn paragraphs(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

fn docx_of(paragraphs: &[&str]) -> Vec<u8> {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut body = String::new();
    for p in paragraphs {
        body.push_str("<w:p><w:r><w:t xml:space=\"preserve\">");
        body.push_str(&esc(p));
        body.push_str("</w:t></w:r></w:p>");
    }
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document \
         xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:body>{body}</w:body></w:document>"
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    zip.start_file("word/document.xml", opts).unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

/// The first byte offset (on a character boundary of both) where `a` and `b` differ.
fn first_difference(a: &str, b: &str) -> Option<usize> {
    let i = a
        .char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i);
    (a.len() != b.len() || i < a.len()).then_some(i)
}

fn values(text: &str) -> Vec<(f64, i32)> {
    scan(text).iter().map(|n| (n.value, n.decimals)).collect()
}

#[test]
fn docx_and_pdf_of_a_seed_read_as_its_text() {
    let mut checked = 0;
    for name in SEEDS {
        let Some(text) = seed(name) else { continue };
        let paras = paragraphs(&text);
        // The docx has one paragraph a line; the PDF draws the lines one below the other, a
        // blank line as a gap, so its paragraphs are the text's (runs of non-blank lines),
        // and a tab is drawn as a space (no font metrics say where a tab stop would be).
        let want_docx = paras.join("\n\n");
        let runs: Vec<String> = text
            .split("\n\n")
            .map(|run| paragraphs(run).join("\n").replace('\t', " "))
            .filter(|run| !run.is_empty())
            .collect();
        let want_pdf = runs.join("\n\n");
        let docx = read::read(&docx_of(&paras), "account.docx").unwrap();
        let pdf = read::read(&pdf::tests_support::pdf_of_text(&text), "account.pdf").unwrap();
        assert_eq!((docx.format, pdf.format), (Format::Docx, Format::Pdf));
        for (format, doc, want, blocks) in [
            ("docx", &docx, &want_docx, paras.len()),
            ("pdf", &pdf, &want_pdf, runs.len()),
        ] {
            // The docx reader ends its text with a line break; a PDF's page break (every 50
            // lines) is a paragraph break too, so the PDF is compared line by line.
            let got = doc.text.trim_end();
            let (got, want) = if format == "pdf" {
                (paragraphs(got).join("\n"), paragraphs(want).join("\n"))
            } else {
                (got.to_owned(), want.clone())
            };
            let (got, want) = (got.as_str(), want.as_str());
            if let Some(i) = first_difference(got, want) {
                panic!(
                    "{name} as {format} differs at byte {i}: read {:?}, text {:?}",
                    &got[i.saturating_sub(40)..(i + 40).min(got.len())],
                    &want[i.saturating_sub(40)..(i + 40).min(want.len())]
                );
            }
            if format == "pdf" {
                let pages = doc.blocks.last().and_then(|b| b.page).unwrap_or(1) as usize;
                assert!(
                    (blocks..blocks + pages).contains(&doc.blocks.len()),
                    "{name}"
                );
            } else {
                assert_eq!(doc.blocks.len(), blocks, "{name} as {format}");
            }
            let nums = values(&doc.text);
            assert!(!nums.is_empty(), "{name}: no numbers");
            assert_eq!(nums, values(&text), "{name} as {format}: numbers differ");
        }
        checked += 1;
    }
    assert_eq!(checked, SEEDS.len(), "a bundled seed is missing");
}
