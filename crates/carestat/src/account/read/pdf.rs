//! The text layer of a PDF: each page's text, in the order the page draws it, as paragraphs.
//!
//! The file is parsed with `lopdf`; each page's content stream is walked here (not with
//! `lopdf`'s own `extract_text`, which ignores where text is placed): a string drawn lower on
//! the page than the last starts a new line, and one more than about two lines lower starts a
//! new paragraph, so a paragraph is what a reader sees as one. A move along the same line
//! that leaves a gap becomes a space. Pages are separated by a blank line and every block
//! carries its 1-based page. The text is what the PDF holds, so it has what real PDF text has:
//! columns interleaved, figures apart from their captions, OCR noise in an OCR'd scan.
//!
//! Bounds (a crafted file cannot make the reader allocate or work without limit): at most
//! [`MAX_PAGES`] pages; any one stream inflates to at most [`MAX_STREAM_BYTES`] while the file
//! loads; all pages' content streams together inflate to at most [`MAX_INPUT_BYTES`]; at most
//! [`MAX_FONTS`] font encodings are decoded, each from at most [`MAX_STREAM_BYTES`].
//!
//! ```
//! use carestat::account::read::{pdf, BlockKind};
//! // One page drawing two lines, then a third two lines lower: two paragraphs.
//! let content = "BT /F1 12 Tf 72 700 Td (We received 4,455) Tj 0 -14 Td (concerns.) Tj \
//!                0 -40 Td (Up 13.9%.) Tj ET";
//! let doc = pdf::read(&pdf::tests_support::one_page_pdf(content))?;
//! assert_eq!(doc.text, "We received 4,455\nconcerns.\n\nUp 13.9%.");
//! assert_eq!(doc.blocks[1].kind, BlockKind::Paragraph);
//! assert_eq!(doc.blocks[1].page, Some(1));
//! # Ok::<(), carestat::Error>(())
//! ```

use std::collections::HashMap;

use lopdf::content::Content;
use lopdf::{Dictionary, Encoding, Object};

use super::{paragraphs, Block, BlockKind, Document, Format, MAX_INPUT_BYTES};
use crate::error::{Error, Result};

/// The most pages a PDF may have (a Local Account has 20 to 80; a council's annual report
/// a few hundred).
pub const MAX_PAGES: usize = 5_000;

/// The most bytes any one stream (object stream, cross-reference stream, font map) may
/// inflate to: 16 MiB.
pub const MAX_STREAM_BYTES: usize = 16 * 1024 * 1024;

/// The most font encodings decoded in one document (a report uses a few dozen fonts).
pub const MAX_FONTS: usize = 2_000;

fn invalid(reason: String) -> Error {
    Error::invalid("document", reason)
}

/// Reads a PDF's text layer.
///
/// Errors ([`Error::Invalid`] on `document`, naming the page where there is one): a corrupt
/// file (`corrupt PDF: ...`); an encrypted file that needs a password to open (one encrypted
/// only against editing or printing opens with the empty password and is read); more than
/// [`MAX_PAGES`] pages or more content than the bounds above; no text on any page
/// (`no text layer: the PDF looks scanned; OCR it first`); text drawn in fonts whose
/// characters cannot be decoded to Unicode.
pub fn read(bytes: &[u8]) -> Result<Document> {
    let options = lopdf::LoadOptions {
        max_decompressed_size: Some(MAX_STREAM_BYTES),
        ..lopdf::LoadOptions::default()
    };
    let pdf = lopdf::Document::load_mem_with_options(bytes, options).map_err(|e| match e {
        lopdf::Error::InvalidPassword
        | lopdf::Error::Decryption(_)
        | lopdf::Error::UnsupportedSecurityHandler(_) => encrypted(),
        e => invalid(format!("corrupt PDF: {e}")),
    })?;
    if pdf.is_encrypted() && pdf.encryption_state.is_none() {
        return Err(encrypted());
    }
    let pages = pdf.get_pages();
    if pages.len() > MAX_PAGES {
        return Err(invalid(format!(
            "the PDF has {} pages, more than the {MAX_PAGES} a document may have",
            pages.len()
        )));
    }
    if pages.is_empty() {
        return Err(invalid("corrupt PDF: it has no pages".into()));
    }
    let mut reader = PageReader {
        pdf: &pdf,
        budget: MAX_INPUT_BYTES,
        fonts_decoded: 0,
        undecoded: 0,
    };
    let mut text = String::new();
    let mut blocks = Vec::new();
    for (&number, &id) in &pages {
        let page = reader.page(id).map_err(|e| match e {
            Error::Invalid { field, reason } => Error::Invalid {
                field,
                reason: format!("page {number}: {reason}").into(),
            },
            e => e,
        })?;
        let page = page.trim();
        if page.is_empty() {
            continue;
        }
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let base = text.len();
        text.push_str(page);
        blocks.extend(paragraphs(page, base).map(|span| Block {
            kind: BlockKind::Paragraph,
            span,
            page: Some(number),
        }));
    }
    if text.is_empty() {
        return Err(invalid(if reader.undecoded > 0 {
            format!(
                "the text layer cannot be read: {} strings are drawn in fonts without a \
                 Unicode mapping; export the PDF again with fonts embedded, or OCR it",
                reader.undecoded
            )
        } else {
            "no text layer: the PDF looks scanned; OCR it first".into()
        }));
    }
    Ok(Document {
        format: Format::Pdf,
        text,
        blocks,
    })
}

fn encrypted() -> Error {
    invalid(
        "encrypted: the PDF needs a password to open; save a copy without the password (or \
         export its text) first"
            .into(),
    )
}

/// Walks pages' content streams, sharing the document-wide bounds.
struct PageReader<'a> {
    pdf: &'a lopdf::Document,
    /// Bytes of page content still allowed to inflate.
    budget: usize,
    fonts_decoded: usize,
    /// Strings drawn in a font with no usable encoding.
    undecoded: usize,
}

/// Where text is being drawn: enough of the text state to tell lines and paragraphs apart.
#[derive(Clone, Copy)]
struct TextState {
    /// The line matrix's vertical scale and origin (`d` and `f` of `Tm`, moved by `Td`).
    scale: f64,
    line_y: f64,
    line_x: f64,
    font_size: f64,
    leading: f64,
}

impl Default for TextState {
    fn default() -> Self {
        Self {
            scale: 1.0,
            line_y: 0.0,
            line_x: 0.0,
            font_size: 12.0,
            leading: 0.0,
        }
    }
}

impl<'a> PageReader<'a> {
    fn page(&mut self, id: lopdf::ObjectId) -> Result<String> {
        let content = self
            .pdf
            .get_page_content_with_limit(id, self.budget)
            .map_err(|e| match e {
                lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                    ..
                }) => invalid(format!(
                    "the pages' content inflates to more than the {} MiB a document may have",
                    MAX_INPUT_BYTES / (1024 * 1024)
                )),
                e => invalid(format!("corrupt PDF: {e}")),
            })?;
        self.budget = self.budget.saturating_sub(content.len());
        let content =
            Content::decode(&content).map_err(|e| invalid(format!("corrupt PDF: {e}")))?;
        let fonts = self.pdf.get_page_fonts(id).unwrap_or_default();
        let mut encodings: HashMap<Vec<u8>, Option<Encoding<'a>>> = HashMap::new();
        let mut font: Option<Vec<u8>> = None;
        let mut state = TextState::default();
        // Where the last string was drawn, to tell a new line from more of the same line.
        let mut last: Option<(f64, f64)> = None;
        let mut out = String::new();
        for op in &content.operations {
            let num = |i: usize| op.operands.get(i).and_then(number);
            match op.operator.as_str() {
                // A text object starts from the identity matrix; font and leading carry on.
                "BT" => {
                    state.scale = 1.0;
                    state.line_x = 0.0;
                    state.line_y = 0.0;
                }
                "Tf" => {
                    font = op
                        .operands
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .map(<[u8]>::to_vec);
                    if let Some(size) = num(1) {
                        state.font_size = size.abs();
                    }
                }
                "TL" => state.leading = num(0).unwrap_or(0.0),
                "Td" | "TD" => {
                    let (tx, ty) = (num(0).unwrap_or(0.0), num(1).unwrap_or(0.0));
                    state.line_x += tx * state.scale;
                    state.line_y += ty * state.scale;
                    if op.operator == "TD" {
                        state.leading = -ty;
                    }
                }
                "Tm" => {
                    state.scale = num(3).filter(|d| *d != 0.0).unwrap_or(1.0).abs();
                    state.line_x = num(4).unwrap_or(0.0);
                    state.line_y = num(5).unwrap_or(0.0);
                }
                "T*" => state.line_y -= state.leading * state.scale,
                "Tj" | "TJ" | "'" | "\"" => {
                    if op.operator != "Tj" && op.operator != "TJ" {
                        state.line_y -= state.leading * state.scale;
                    }
                    let strings = match op.operator.as_str() {
                        "\"" => op.operands.get(2..).unwrap_or(&[]),
                        _ => &op.operands[..],
                    };
                    let Some(encoding) = self.encoding(&fonts, font.as_deref(), &mut encodings)?
                    else {
                        self.undecoded += 1;
                        continue;
                    };
                    let mut shown = String::new();
                    show(encoding, strings, &mut shown);
                    if shown.trim().is_empty() {
                        continue;
                    }
                    separate(&mut out, last, &state);
                    out.push_str(&shown);
                    last = Some((state.line_x, state.line_y));
                    if out.len() > MAX_INPUT_BYTES {
                        return Err(invalid(format!(
                            "the text is more than the {} MiB a document may have",
                            MAX_INPUT_BYTES / (1024 * 1024)
                        )));
                    }
                }
                _ => {}
            }
        }
        Ok(out)
    }

    /// The encoding of the current font, decoded once per page and at most [`MAX_FONTS`]
    /// times per document.
    fn encoding<'m>(
        &mut self,
        fonts: &std::collections::BTreeMap<Vec<u8>, &'a Dictionary>,
        font: Option<&[u8]>,
        cache: &'m mut HashMap<Vec<u8>, Option<Encoding<'a>>>,
    ) -> Result<Option<&'m Encoding<'a>>> {
        let Some(name) = font else {
            return Ok(None);
        };
        if !cache.contains_key(name) {
            let encoding = match fonts.get(name) {
                Some(dict) => {
                    self.fonts_decoded += 1;
                    if self.fonts_decoded > MAX_FONTS {
                        return Err(invalid(format!(
                            "more than {MAX_FONTS} font encodings to decode"
                        )));
                    }
                    match dict.get_font_encoding_with_limit(self.pdf, MAX_STREAM_BYTES) {
                        Ok(e) => Some(e),
                        Err(lopdf::Error::Decompress(_)) => {
                            return Err(invalid(format!(
                                "a font's character map inflates to more than {} MiB",
                                MAX_STREAM_BYTES / (1024 * 1024)
                            )))
                        }
                        Err(_) => None,
                    }
                }
                None => None,
            };
            cache.insert(name.to_vec(), encoding);
        }
        Ok(cache.get(name).and_then(Option::as_ref))
    }
}

/// A number operand.
fn number(o: &Object) -> Option<f64> {
    match *o {
        Object::Integer(i) => Some(i as f64),
        Object::Real(r) => Some(f64::from(r)),
        _ => None,
    }
    .filter(|x| x.is_finite())
}

/// Appends the text of a `Tj`/`TJ` operand list: strings decoded, a kerning gap of more than
/// a fifth of an em as a space.
fn show(encoding: &Encoding<'_>, operands: &[Object], out: &mut String) {
    for o in operands {
        match o {
            Object::String(bytes, _) => {
                if let Ok(s) = encoding.bytes_to_string(bytes) {
                    out.extend(s.chars().filter(|c| *c != '\0'));
                }
            }
            Object::Array(items) => {
                for item in items {
                    match item {
                        Object::String(..) => show(encoding, std::slice::from_ref(item), out),
                        _ if number(item).is_some_and(|k| k < -200.0) && !out.ends_with(' ') => {
                            out.push(' ');
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
}

/// What goes between the text drawn so far and a string drawn at `state`: nothing on the
/// same spot, a space on the same line, a line break on the next, a blank line further down.
fn separate(out: &mut String, last: Option<(f64, f64)>, state: &TextState) {
    let Some((x, y)) = last else {
        if !out.is_empty() {
            out.push('\n');
        }
        return;
    };
    let size = (state.font_size * state.scale).max(1.0);
    let dy = (y - state.line_y).abs();
    if dy > size * 0.5 {
        out.push('\n');
        if dy > size * 2.2 {
            out.push('\n');
        }
    } else if (state.line_x - x).abs() > 0.01
        && !out.ends_with(char::is_whitespace)
        && !out.is_empty()
    {
        out.push(' ');
    }
}

/// A minimal PDF writer for examples and tests: one page with the given content stream and a
/// standard Helvetica font named `/F1`.
#[doc(hidden)]
pub mod tests_support {
    use lopdf::{dictionary, Object, Stream};

    /// A PDF of pages, each drawn by its content stream, with Helvetica as `/F1`.
    #[must_use]
    pub fn pdf_of_pages(contents: &[&str]) -> Vec<u8> {
        let mut doc = lopdf::Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let font_id = doc.add_object(dictionary! {
            "Type" => "Font",
            "Subtype" => "Type1",
            "BaseFont" => "Helvetica",
            "Encoding" => "WinAnsiEncoding",
        });
        let resources_id = doc.add_object(dictionary! {
            "Font" => dictionary! { "F1" => font_id },
        });
        let kids: Vec<Object> = contents
            .iter()
            .map(|content| {
                let content_id =
                    doc.add_object(Stream::new(dictionary! {}, content.as_bytes().to_vec()));
                doc.add_object(dictionary! {
                    "Type" => "Page",
                    "Parent" => pages_id,
                    "Contents" => content_id,
                    "Resources" => resources_id,
                    "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
                })
                .into()
            })
            .collect();
        let count = i64::try_from(kids.len()).unwrap_or(i64::MAX);
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
        );
        let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog_id);
        let mut out = Vec::new();
        doc.save_to(&mut out).expect("writing to a Vec cannot fail");
        out
    }

    /// A PDF of `text` as a word processor would print it: each line drawn in Helvetica 10
    /// pt 14 pt below the last, a blank line as a 28 pt gap, 50 lines a page. Characters are
    /// written in `WinAnsiEncoding` (so `£`, `–`, `’`, `•` survive); any other is a `?`.
    #[must_use]
    pub fn pdf_of_text(text: &str) -> Vec<u8> {
        use std::fmt::Write as _;
        let mut pages = Vec::new();
        let mut page = String::new();
        let mut lines = 0;
        let mut gap = false;
        for line in text.lines() {
            if line.trim().is_empty() {
                gap = true;
                continue;
            }
            if lines == 50 {
                page.push_str("ET");
                pages.push(std::mem::take(&mut page));
                lines = 0;
            }
            if lines == 0 {
                page.push_str("BT /F1 10 Tf 14 TL 56 780 Td\n");
            } else {
                page.push_str(if gap { "0 -28 Td\n" } else { "T*\n" });
            }
            gap = false;
            page.push('(');
            for c in line.trim().chars() {
                match c {
                    '(' | ')' | '\\' => {
                        page.push('\\');
                        page.push(c);
                    }
                    ' '..='~' => page.push(c),
                    _ => {
                        let code = win_ansi(c).unwrap_or(b'?');
                        let _ = write!(page, "\\{code:03o}");
                    }
                }
            }
            page.push_str(") Tj\n");
            lines += 1;
        }
        if !page.is_empty() {
            page.push_str("ET");
            pages.push(page);
        }
        let contents: Vec<&str> = pages.iter().map(String::as_str).collect();
        pdf_of_pages(&contents)
    }

    /// The `WinAnsiEncoding` byte of a character outside ASCII, where it has one.
    fn win_ansi(c: char) -> Option<u8> {
        const HIGH: [(char, u8); 12] = [
            ('€', 0x80),
            ('‘', 0x91),
            ('’', 0x92),
            ('“', 0x93),
            ('”', 0x94),
            ('•', 0x95),
            ('–', 0x96),
            ('—', 0x97),
            ('…', 0x85),
            ('\u{a0}', 0xA0),
            ('\t', b' '),
            ('\u{2212}', b'-'),
        ];
        match u32::from(c) {
            0xA1..=0xFF => u8::try_from(u32::from(c)).ok(),
            _ => HIGH.iter().find(|(h, _)| *h == c).map(|&(_, b)| b),
        }
    }

    /// A PDF of one page drawn by `content`.
    #[must_use]
    pub fn one_page_pdf(content: &str) -> Vec<u8> {
        pdf_of_pages(&[content])
    }
}

#[cfg(test)]
mod tests {
    use super::tests_support::{one_page_pdf, pdf_of_pages, pdf_of_text};
    use super::*;
    use crate::account::read::{read as read_any, texts};

    fn err(bytes: &[u8]) -> String {
        read_any(bytes, "account.pdf").unwrap_err().to_string()
    }

    #[test]
    fn a_seed_like_text_comes_back_line_for_line() {
        // Lines written one per `T*`, paragraphs 28 pt apart: the reader must give back the
        // lines and paragraphs as written (WinAnsi £ and – round-trip).
        let text = "Adult Social Care Local Account 2023–24\n\n\
                    We spent £326.4m on adult social care,\nan increase of 4.4% from the previous year.\n\n\
                    4,455 safeguarding concerns (up from 3,912).";
        let doc = read_any(&pdf_of_text(text), "x").unwrap();
        assert_eq!(doc.format, Format::Pdf);
        assert_eq!(doc.text, text);
        assert_eq!(
            texts(&doc),
            [
                "Adult Social Care Local Account 2023–24",
                "We spent £326.4m on adult social care,\nan increase of 4.4% from the previous year.",
                "4,455 safeguarding concerns (up from 3,912).",
            ]
        );
    }

    #[test]
    fn pages_are_numbered_and_separated_by_a_blank_line() {
        let text: String = (1..=60).fold(String::new(), |t, i| t + &format!("line {i}\n"));
        let doc = read_any(&pdf_of_text(&text), "x").unwrap();
        // 50 lines a page: lines 1-50 on page 1, 51-60 on page 2.
        assert_eq!(doc.blocks.len(), 2);
        assert_eq!(doc.blocks[0].page, Some(1));
        assert_eq!(doc.blocks[1].page, Some(2));
        assert!(doc.slice(doc.blocks[1].span).starts_with("line 51\n"));
        assert!(doc.text.contains("line 50\n\nline 51"));
    }

    #[test]
    fn a_gap_along_the_line_is_a_space_and_kerning_joins() {
        // Two strings on one line (the second moved right), and a TJ whose -50 kerning
        // must not split "4,455" while -500 is a word space.
        let doc = read(&one_page_pdf(
            "BT /F1 10 Tf 72 700 Td (Concerns) Tj 60 0 Td (rose) Tj ET \
             BT /F1 10 Tf 72 686 Td [(4,4) -50 (55) -500 (in total)] TJ ET",
        ))
        .unwrap();
        assert_eq!(doc.text, "Concerns rose\n4,455 in total");
    }

    #[test]
    fn no_text_on_any_page_is_called_scanned() {
        // An image-only page: a scan.
        let e = err(&pdf_of_pages(&["q 595 0 0 842 0 0 cm /Im0 Do Q", ""]));
        assert_eq!(
            e,
            "document: no text layer: the PDF looks scanned; OCR it first"
        );
    }

    #[test]
    fn text_in_an_unknown_font_is_not_called_scanned() {
        let e = err(&one_page_pdf("BT /F9 10 Tf 72 700 Td (4,455) Tj ET"));
        assert!(
            e.starts_with("document: the text layer cannot be read"),
            "{e}"
        );
    }

    /// The PDF of `text` encrypted (RC4, 128 bits) with these passwords.
    fn encrypted_pdf(text: &str, user_password: &str) -> Vec<u8> {
        use lopdf::{EncryptionState, EncryptionVersion, Permissions};
        let mut doc = lopdf::Document::load_mem(&pdf_of_text(text)).unwrap();
        // Encryption keys are derived from the file identifier.
        doc.trailer.set(
            "ID",
            Object::Array(vec![
                Object::string_literal(b"0123456789abcdef"),
                Object::string_literal(b"fedcba9876543210"),
            ]),
        );
        let state = EncryptionState::try_from(EncryptionVersion::V2 {
            document: &doc,
            owner_password: "owner",
            user_password,
            key_length: 128,
            permissions: Permissions::PRINTABLE,
        })
        .unwrap();
        doc.encrypt(&state).unwrap();
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap();
        bytes
    }

    #[test]
    fn an_encrypted_pdf_that_needs_a_password_is_refused() {
        let e = err(&encrypted_pdf("4,455 concerns", "secret"));
        assert!(
            e.starts_with("document: encrypted: the PDF needs a password"),
            "{e}"
        );
    }

    #[test]
    fn an_encrypted_pdf_with_an_empty_user_password_is_read() {
        // Encrypted only against editing: it opens without a password, as in any viewer.
        let bytes = encrypted_pdf("4,455 concerns", "");
        assert!(!bytes.windows(14).any(|w| w == b"4,455 concerns"));
        assert_eq!(read_any(&bytes, "x").unwrap().text, "4,455 concerns");
    }

    #[test]
    fn corrupt_and_truncated_files_are_called_corrupt() {
        let whole = pdf_of_text("4,455 concerns");
        for bytes in [
            &b"%PDF-1.7\n"[..],
            &b"%PDF-garbage"[..],
            &whole[..whole.len() / 3],
        ] {
            let e = err(bytes);
            assert!(e.starts_with("document: corrupt PDF"), "{e}");
        }
    }

    #[test]
    fn a_content_bomb_stops_at_the_cap() {
        use std::io::Write;
        // 80 MiB of spaces (more than the 64 MiB cap on all pages' content) deflated to a
        // stream of about 80 KB.
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        let chunk = vec![b' '; 1 << 20];
        for _ in 0..80 {
            z.write_all(&chunk).unwrap();
        }
        let mut doc = lopdf::Document::load_mem(&one_page_pdf("BT ET")).unwrap();
        let page = *doc.get_pages().get(&1).unwrap();
        let content = doc.get_page_contents(page)[0];
        let mut stream = lopdf::Stream::new(
            lopdf::dictionary! { "Filter" => "FlateDecode" },
            z.finish().unwrap(),
        );
        stream.allows_compression = false;
        doc.objects.insert(content, Object::Stream(stream));
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap();
        let e = err(&bytes);
        assert!(
            e.starts_with("document: page 1: the pages' content inflates to more than the 64 MiB"),
            "{e}"
        );
    }
}
