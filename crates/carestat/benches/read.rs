//! Reader and number-extraction throughput: MB of text per second for plain text, HTML,
//! `.docx` and the number scan, pages per second for PDF. `make bench-read` (part of
//! `make bench`), or `cargo bench -p carestat --bench read`.
//!
//! The input is the bundled Worcestershire extract (`tests/data/audit-page/`) repeated to
//! about 1 MB, as one document in each format (the `.docx` one `w:p` a line, the PDF 50 lines
//! a page, both made here as in `tests/read_formats_agree.rs`).
#![allow(missing_docs)]

use std::hint::black_box;
use std::io::Write;
use std::time::Duration;

use carestat::account::extract::numbers::scan;
use carestat::account::read::{self, pdf};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn text() -> String {
    let one = include_str!("../../../tests/data/audit-page/worcestershire-extract.txt");
    one.repeat(1_000_000 / one.len() + 1)
}

fn html_of(text: &str) -> String {
    let mut out = String::from("<!DOCTYPE html><html><body>");
    for p in text.lines().filter(|l| !l.trim().is_empty()) {
        out.push_str("<p>");
        out.push_str(&p.replace('&', "&amp;").replace('<', "&lt;"));
        out.push_str("</p>\n");
    }
    out + "</body></html>"
}

fn docx_of(text: &str) -> Vec<u8> {
    let mut xml = String::from(
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>",
    );
    for p in text.lines().filter(|l| !l.trim().is_empty()) {
        xml.push_str("<w:p><w:r><w:t>");
        xml.push_str(&p.replace('&', "&amp;").replace('<', "&lt;"));
        xml.push_str("</w:t></w:r></w:p>");
    }
    xml.push_str("</w:body></w:document>");
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

fn readers(c: &mut Criterion) {
    let text = text();
    let html = html_of(&text);
    let docx = docx_of(&text);
    let pdf_bytes = pdf::tests_support::pdf_of_text(&text);
    let pages = pdf::read(&pdf_bytes)
        .unwrap()
        .blocks
        .last()
        .unwrap()
        .page
        .unwrap();
    let mut g = c.benchmark_group("read");
    g.sample_size(10).measurement_time(Duration::from_secs(5));
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("text", |b| {
        b.iter(|| read::read(black_box(text.as_bytes()), "a.txt").unwrap());
    });
    g.bench_function("extract_numbers", |b| b.iter(|| scan(black_box(&text))));
    g.throughput(Throughput::Bytes(html.len() as u64));
    g.bench_function("html", |b| {
        b.iter(|| read::read(black_box(html.as_bytes()), "a.html").unwrap());
    });
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("docx (MB of text)", |b| {
        b.iter(|| read::read(black_box(&docx), "a.docx").unwrap());
    });
    g.throughput(Throughput::Elements(u64::from(pages)));
    g.bench_function(format!("pdf ({pages} pages)"), |b| {
        b.iter(|| read::read(black_box(&pdf_bytes), "a.pdf").unwrap());
    });
    g.finish();
}

criterion_group!(benches, readers);
criterion_main!(benches);
