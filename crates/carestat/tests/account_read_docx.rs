//! The Word reader on `.docx` files made here with the `zip` writer: a seed's text read
//! back sentence for sentence, headings, lists and tables, and each error.

use std::io::Write;

use carestat::account::read::{docx, BlockKind, Document, MAX_INPUT_BYTES};
use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, data) in parts {
        zip.start_file(*name, opts).unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A minimal `.docx`: `body` is the XML inside `w:body`.
fn docx_of(body: &str) -> Vec<u8> {
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>"#
    );
    zip_of(&[("word/document.xml", xml.as_bytes())])
}

fn para(text: &str) -> String {
    format!(
        r#"<w:p><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
        escape(text)
    )
}

fn texts(doc: &Document) -> Vec<&str> {
    doc.blocks.iter().map(|b| doc.slice(b.span)).collect()
}

fn err(bytes: &[u8]) -> String {
    docx::read(bytes).unwrap_err().to_string()
}

#[test]
fn a_seed_written_as_docx_reads_back_sentence_for_sentence() {
    let seed = include_str!("../../../examples/data/sources/birmingham-local-account-2022-23.txt");
    let lines: Vec<&str> = seed
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let body: String = lines.iter().map(|l| para(l)).collect();
    let doc = docx::read(&docx_of(&body)).unwrap();
    // One paragraph per non-blank line of the seed, in order, with the same text.
    assert_eq!(texts(&doc), lines);
    assert!(doc.text.contains(
        "There was a total of 22555 new requests, an increase from the previous year by 4.4%"
    ));
}

#[test]
fn runs_join_and_tabs_breaks_and_entities_are_kept() {
    let body = r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>
        <w:r><w:t>£326</w:t></w:r><w:r><w:t>.4m</w:t></w:r><w:r><w:tab/><w:t>A &amp; B</w:t><w:br/><w:t>next</w:t></w:r>
        <w:del><w:r><w:delText>deleted 99%</w:delText></w:r></w:del></w:p>"#;
    let doc = docx::read(&docx_of(body)).unwrap();
    assert_eq!(texts(&doc), ["£326.4m\tA & B\nnext"]);
}

#[test]
fn headings_by_style_lists_by_numbering_and_tables_by_cell() {
    let styles = format!(
        r#"<w:styles xmlns:w="{W}"><w:style w:type="paragraph" w:styleId="berschrift2"><w:name w:val="heading 2"/></w:style></w:styles>"#
    );
    let body = format!(
        r#"<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Local Account</w:t></w:r></w:p>
        <w:p><w:pPr><w:pStyle w:val="berschrift2"/></w:pPr><w:r><w:t>Safeguarding</w:t></w:r></w:p>
        <w:p><w:pPr><w:pStyle w:val="Heading3"/></w:pPr><w:r><w:t>Concerns</w:t></w:r></w:p>
        <w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>4,455 concerns</w:t></w:r></w:p>
        <w:tbl><w:tr><w:tc><w:p><w:r><w:t>Rating</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Homes</w:t></w:r></w:p></w:tc></w:tr>
        <w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>Good</w:t></w:r></w:p><w:p><w:r><w:t>(rated)</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>432</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
        {}"#,
        para("After the table.")
    );
    let xml = format!(r#"<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>"#);
    let bytes = zip_of(&[
        ("word/document.xml", xml.as_bytes()),
        ("word/styles.xml", styles.as_bytes()),
    ]);
    let doc = docx::read(&bytes).unwrap();
    let got: Vec<(BlockKind, &str)> = doc
        .blocks
        .iter()
        .map(|b| (b.kind, doc.slice(b.span)))
        .collect();
    let cell = |row, column| BlockKind::TableCell {
        table: 0,
        row,
        column,
    };
    assert_eq!(
        got,
        [
            (BlockKind::Heading { level: 1 }, "Local Account"),
            (BlockKind::Heading { level: 2 }, "Safeguarding"),
            (BlockKind::Heading { level: 3 }, "Concerns"),
            (BlockKind::ListItem, "4,455 concerns"),
            (cell(0, 0), "Rating"),
            (cell(0, 1), "Homes"),
            // The merged cell spans columns 0 and 1, so 432 is in column 2.
            (cell(1, 0), "Good\n(rated)"),
            (cell(1, 2), "432"),
            (BlockKind::Paragraph, "After the table."),
        ]
    );
    assert!(doc.text.contains("Rating\tHomes\n\nGood\n(rated)\t432"));
}

#[test]
fn footnotes_follow_the_body_and_the_main_part_comes_from_rels() {
    let rels = br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document2.xml"/></Relationships>"#;
    let xml = format!(
        r#"<w:document xmlns:w="{W}"><w:body>{}</w:body></w:document>"#,
        para("Body 76%.")
    );
    let notes = format!(
        r#"<w:footnotes xmlns:w="{W}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1">{}</w:footnote></w:footnotes>"#,
        para("Source: ASCOF 2023.")
    );
    let bytes = zip_of(&[
        ("_rels/.rels", rels),
        ("word/document2.xml", xml.as_bytes()),
        ("word/footnotes.xml", notes.as_bytes()),
    ]);
    let doc = docx::read(&bytes).unwrap();
    assert_eq!(texts(&doc), ["Body 76%.", "Source: ASCOF 2023."]);
}

#[test]
fn corrupt_truncated_and_malformed_files_are_refused() {
    let good = docx_of(&para("x"));
    assert!(
        err(&good[..good.len() / 2]).starts_with("document: corrupt Word file: not a readable zip")
    );
    assert!(err(b"PK\x03\x04garbage").starts_with("document: corrupt Word file"));
    let bad_xml = zip_of(&[("word/document.xml", b"<w:document><w:body><w:p></w:body>")]);
    assert!(
        err(&bad_xml).contains("word/document.xml is not well-formed XML"),
        "{}",
        err(&bad_xml)
    );
}

#[test]
fn a_zip_that_is_not_a_docx_says_what_it_is() {
    type Parts<'a> = &'a [(&'a str, &'a [u8])];
    let cases: [(Parts, &str); 3] = [
        (
            &[("readme.txt", b"hello")],
            "a zip file that is not a Word document (it has no word/document.xml)",
        ),
        (
            &[
                ("mimetype", b"application/vnd.oasis.opendocument.text"),
                ("content.xml", b"<x/>"),
            ],
            "an OpenDocument file",
        ),
        (&[("xl/workbook.xml", b"<x/>")], "an Excel workbook"),
    ];
    for (parts, want) in cases {
        let e = err(&zip_of(parts));
        assert!(e.starts_with(&format!("document: {want}")), "{e}");
    }
}

#[test]
fn macro_enabled_files_are_refused() {
    let bytes = zip_of(&[
        ("word/document.xml", docx_xml().as_bytes()),
        ("word/vbaProject.bin", b"\xD0\xCF\x11\xE0"),
    ]);
    assert!(err(&bytes).contains("macro-enabled Word file (.docm"));
}

fn docx_xml() -> String {
    format!(
        r#"<w:document xmlns:w="{W}"><w:body>{}</w:body></w:document>"#,
        para("x")
    )
}

#[test]
fn a_zip_bomb_stops_at_the_size_cap() {
    // 65 MiB of spaces inflate from about 65 KiB: more than MAX_INPUT_BYTES (64 MiB) once
    // inflated, so the reader stops counting at the cap and refuses.
    let mut xml = docx_xml().into_bytes();
    xml.resize(MAX_INPUT_BYTES + (1 << 20), b' ');
    let bytes = zip_of(&[("word/document.xml", &xml)]);
    drop(xml);
    assert!(bytes.len() < 1 << 20, "{}", bytes.len());
    let e = err(&bytes);
    assert!(e.contains("inflates to more than the 64 MiB"), "{e}");
}

#[test]
fn a_zip_claiming_too_many_entries_is_refused_before_reading() {
    // A zip64 end-of-central-directory record claiming 2^40 entries.
    let mut bytes = docx_of(&para("x"));
    let mut record = b"PK\x06\x06".to_vec();
    record.extend_from_slice(&44u64.to_le_bytes());
    record.extend_from_slice(&[45, 0, 45, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    record.extend_from_slice(&(1u64 << 40).to_le_bytes());
    record.extend_from_slice(&(1u64 << 40).to_le_bytes());
    bytes.splice(0..0, record);
    let e = err(&bytes);
    assert!(
        e.contains("claims 1099511627776 entries, more than the 10000"),
        "{e}"
    );
}

#[test]
fn read_takes_a_docx_by_content_whatever_its_name() {
    let doc =
        carestat::account::read::read(&docx_of(&para("22555 new requests")), "download").unwrap();
    assert_eq!(doc.format, carestat::account::read::Format::Docx);
    assert_eq!(texts(&doc), ["22555 new requests"]);
}
