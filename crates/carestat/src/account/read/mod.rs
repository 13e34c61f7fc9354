//! Reading published documents: one [`Document`] whatever the file was.
//!
//! A reader turns a file's bytes into the document's text and the blocks it is made of
//! (headings, paragraphs, list items, table cells), each with its byte [`Span`] in that text and,
//! for paged formats, its page. Extraction reads only a [`Document`], never a file format, so a
//! new reader costs one module here and nothing downstream.
//!
//! Offsets are bytes into [`Document::text`]; for plain text and Markdown the text is the file
//! itself, so a span is also an offset into the file.
//!
//! ```
//! use carestat::account::read::{BlockKind, Document};
//! let doc = Document::from_plain_text("Safeguarding\n\n4455 concerns, an increase of 543.\n");
//! assert_eq!(doc.blocks.len(), 2);
//! assert_eq!(doc.blocks[1].kind, BlockKind::Paragraph);
//! assert_eq!(doc.slice(doc.blocks[1].span), "4455 concerns, an increase of 543.");
//! ```

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

pub mod docx;
pub mod html;
pub mod markdown;
pub mod pdf;

/// The largest input any reader accepts, in bytes (64 MiB): a Local Account is a few MB of
/// text at most; anything larger (or an endless stream) is refused with a clear error rather
/// than read until memory runs out.
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// A byte range `start..end` into a document's text, written `{"start": s, "end": e}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// The span `start..end`.
    #[must_use]
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    /// Its length in bytes.
    #[must_use]
    pub const fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether it covers no bytes.
    #[must_use]
    pub const fn is_empty(self) -> bool {
        self.end <= self.start
    }

    /// Whether `other` lies within this span.
    #[must_use]
    pub const fn contains(self, other: Self) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// The file format a document was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Plain text.
    Text,
    /// Markdown.
    Markdown,
    /// An HTML page.
    Html,
    /// A Word `.docx` file.
    Docx,
    /// The text layer of a PDF.
    Pdf,
}

/// What a block of the document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum BlockKind {
    /// A heading; `level` 1 is the highest.
    Heading {
        /// 1 to 6.
        level: u8,
    },
    /// A paragraph of running text (for PDFs: a run of lines between blank lines).
    Paragraph,
    /// One item of a bulleted or numbered list.
    ListItem,
    /// One cell of a table; tables, rows and columns are numbered from 0 in document order.
    TableCell {
        /// Which table of the document.
        table: u32,
        /// The row within the table.
        row: u32,
        /// The column within the row.
        column: u32,
    },
}

/// A part of the document and where it sits in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// Its bytes in [`Document::text`] (no leading or trailing whitespace).
    pub span: Span,
    /// The 1-based page it is on, for paged formats (PDF).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

/// A published document as text, with the blocks it is made of.
///
/// Blocks are in text order and do not overlap; text between blocks (blank lines, the
/// separators a reader inserts between table cells) belongs to no block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// The format it was read from.
    pub format: Format,
    /// The document's text as read (for HTML, docx and PDF: the text the reader produced).
    pub text: String,
    /// Its blocks, in order.
    pub blocks: Vec<Block>,
}

impl Document {
    /// Reads plain text: each run of non-blank lines is a paragraph (lines within it are kept
    /// as they are, since PDF text often breaks sentences across lines).
    #[must_use]
    pub fn from_plain_text(text: &str) -> Self {
        Self {
            format: Format::Text,
            text: text.to_owned(),
            blocks: paragraphs(text, 0)
                .map(|span| Block {
                    kind: BlockKind::Paragraph,
                    span,
                    page: None,
                })
                .collect(),
        }
    }

    /// The text a span covers; empty when the span is outside the text or not on character
    /// boundaries.
    #[must_use]
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }

    /// The blocks of one table, in row then column order.
    pub fn table_cells(&self, table: u32) -> impl Iterator<Item = &Block> + '_ {
        self.blocks
            .iter()
            .filter(move |b| matches!(b.kind, BlockKind::TableCell { table: t, .. } if t == table))
    }
}

/// Reads a document's bytes, choosing the reader by content (and by `name_hint`, the file
/// name, only where the content cannot tell: Markdown and plain text look alike).
///
/// * HTML: the content starts (after a BOM and whitespace) with `<!doctype html`, `<html`,
///   or another tag, or the name ends in `.html` / `.htm`;
/// * Markdown: the name ends in `.md` or `.markdown`;
/// * anything else that is UTF-8 text: plain text.
///
/// A zip (magic `PK\x03\x04`) is read as a Word `.docx` ([`docx::read`], whatever its name),
/// and a file starting `%PDF` as a PDF ([`pdf::read`]).
/// A UTF-8 byte order mark is dropped. Errors (all [`Error::Invalid`] on the field `document`):
/// more than [`MAX_INPUT_BYTES`]; the errors of [`docx::read`] and [`pdf::read`]; an OLE
/// compound file ("encrypted or legacy Office": a password-protected `.docx` or a `.doc`);
/// another binary format (RTF, an image, anything with a NUL byte: "unknown format"); text
/// that is not UTF-8 (the byte offset of the first bad byte is given).
///
/// ```
/// use carestat::account::read::{read, Format};
/// assert_eq!(read(b"<p>4.4%</p>", "page")?.format, Format::Html);
/// assert_eq!(read(b"# 4.4%", "account.md")?.format, Format::Markdown);
/// assert_eq!(read(b"4.4%", "account.txt")?.format, Format::Text);
/// let e = read(b"%PDF-1.7\n...", "account.pdf").unwrap_err();
/// assert!(e.to_string().starts_with("document: corrupt PDF"), "{e}");
/// let e = read(b"\x89PNG\r\n", "chart.png").unwrap_err();
/// assert!(e.to_string().starts_with("document: unknown format: a PNG image"), "{e}");
/// # Ok::<(), carestat::Error>(())
/// ```
pub fn read(bytes: &[u8], name_hint: &str) -> Result<Document> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(Error::invalid(
            "document",
            format!(
                "{} bytes is more than the {} MiB a document may have",
                bytes.len(),
                MAX_INPUT_BYTES / (1024 * 1024)
            ),
        ));
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return docx::read(bytes);
    }
    if bytes.starts_with(b"%PDF") {
        return pdf::read(bytes);
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return Err(Error::invalid("document", ole_reason(bytes)));
    }
    if let Some(kind) = binary_format(bytes) {
        return Err(Error::invalid(
            "document",
            format!("unknown format: a {kind} file; only text, Markdown, HTML, Word .docx and PDF are read"),
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        Error::invalid(
            "document",
            format!(
                "not UTF-8 text (invalid byte at offset {})",
                e.valid_up_to()
            ),
        )
    })?;
    let name = name_hint.to_ascii_lowercase();
    let has = |ext: &[&str]| ext.iter().any(|x| name.ends_with(x));
    Ok(
        if has(&[".html", ".htm", ".xhtml"]) || looks_like_html(text) {
            html::read(text)
        } else if has(&[".md", ".markdown"]) {
            markdown::read(text)
        } else {
            Document::from_plain_text(text)
        },
    )
}

/// Why an OLE compound file (magic `D0 CF 11 E0`) is not read: Office keeps a
/// password-protected `.docx` in one, as an `EncryptedPackage` stream, and so are the legacy
/// binary formats (`.doc`, `.xls`, `.ppt`).
fn ole_reason(bytes: &[u8]) -> String {
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    if bytes.windows(name.len()).any(|w| w == name.as_slice()) {
        "encrypted: a password-protected Office file (it holds an EncryptedPackage); remove \
         the password in Word and save it again as .docx"
            .to_owned()
    } else {
        "encrypted or legacy Office file (an OLE compound file: .doc, .xls, .ppt, or a \
         password-protected .docx): save it as a Word Document (.docx) without a password"
            .to_owned()
    }
}

/// The name of a binary format recognised by its magic bytes.
fn binary_format(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: [(&[u8], &str); 3] = [
        (b"{\\rtf", "RTF"),
        (b"\x89PNG", "PNG image"),
        (b"\xFF\xD8\xFF", "JPEG image"),
    ];
    MAGIC
        .iter()
        .find(|(m, _)| bytes.starts_with(m))
        .map(|&(_, kind)| kind)
        .or_else(|| bytes.iter().take(8192).any(|&b| b == 0).then_some("binary"))
}

fn looks_like_html(text: &str) -> bool {
    let head = text.trim_start_matches('\u{feff}').trim_start();
    let lower: String = head
        .chars()
        .take(15)
        .collect::<String>()
        .to_ascii_lowercase();
    lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || lower.starts_with("<!--")
        || (lower.starts_with('<')
            && lower[1..].starts_with(|c: char| c.is_ascii_alphabetic())
            && head.contains("</"))
}

/// Appends one block's `content` to a reader's `text`: cells of one table row are separated
/// by a tab, everything else by a blank line (the layout every structured reader shares).
pub(crate) fn push_block(
    text: &mut String,
    blocks: &mut Vec<Block>,
    kind: BlockKind,
    content: &str,
) {
    if !text.is_empty() {
        let same_row = matches!(
            (kind, blocks.last().map(|b| b.kind)),
            (BlockKind::TableCell { table, row, .. },
             Some(BlockKind::TableCell { table: t, row: r, .. })) if table == t && row == r
        );
        text.push_str(if same_row { "\t" } else { "\n\n" });
    }
    let start = text.len();
    text.push_str(content);
    blocks.push(Block {
        kind,
        span: Span::new(start, text.len()),
        page: None,
    });
}

/// Each block's text, for the readers' tests.
#[cfg(test)]
pub(crate) fn texts(doc: &Document) -> Vec<&str> {
    doc.blocks.iter().map(|b| doc.slice(b.span)).collect()
}

/// Each block's kind and text, for the readers' tests.
#[cfg(test)]
pub(crate) fn kinds_and_texts(doc: &Document) -> Vec<(BlockKind, &str)> {
    doc.blocks
        .iter()
        .map(|b| (b.kind, doc.slice(b.span)))
        .collect()
}

/// The spans of the runs of non-blank lines of `text`, trimmed, offset by `base`.
pub(crate) fn paragraphs(text: &str, base: usize) -> impl Iterator<Item = Span> + '_ {
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut offset = 0;
    let mut lines = text.split_inclusive('\n');
    std::iter::from_fn(move || {
        for line in lines.by_ref() {
            let line_start = offset;
            offset += line.len();
            let trimmed = line.trim();
            if trimmed.is_empty() {
                if let Some(s) = start.take() {
                    return Some(Span::new(base + s, base + end));
                }
            } else {
                let lead = line.len() - line.trim_start().len();
                if start.is_none() {
                    start = Some(line_start + lead);
                }
                end = line_start + lead + trimmed.len();
            }
        }
        start.take().map(|s| Span::new(base + s, base + end))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_runs_of_non_blank_lines() {
        let text = "  Title  \n\nline one\nline two\n \n\tlast";
        let doc = Document::from_plain_text(text);
        let got: Vec<&str> = doc.blocks.iter().map(|b| doc.slice(b.span)).collect();
        assert_eq!(got, ["Title", "line one\nline two", "last"]);
    }

    #[test]
    fn empty_text_has_no_blocks() {
        assert!(Document::from_plain_text("").blocks.is_empty());
        assert!(Document::from_plain_text("\n \n").blocks.is_empty());
    }

    #[test]
    fn crlf_line_ends_stay_outside_blocks() {
        let doc = Document::from_plain_text("a\r\n\r\nb\r\n");
        let got: Vec<&str> = doc.blocks.iter().map(|b| doc.slice(b.span)).collect();
        assert_eq!(got, ["a", "b"]);
    }

    #[test]
    fn read_refuses_binary_formats_and_bad_utf8() {
        let cases: [(&[u8], &str); 4] = [
            (
                b"PK\x03\x04rest",
                "document: corrupt Word file: not a readable zip",
            ),
            (
                b"\xD0\xCF\x11\xE0",
                "document: encrypted or legacy Office file",
            ),
            (b"abc\0def", "document: unknown format: a binary"),
            (
                b"caf\xE9 4%",
                "document: not UTF-8 text (invalid byte at offset 3)",
            ),
        ];
        for (bytes, want) in cases {
            let e = read(bytes, "x.txt").unwrap_err().to_string();
            assert!(e.starts_with(want), "{e}");
        }
    }

    #[test]
    fn an_ole_file_with_an_encrypted_package_is_called_encrypted() {
        // The stream name as an OLE directory entry stores it: UTF-16 little-endian.
        let mut bytes = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
        bytes.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        let e = read(&bytes, "account.docx").unwrap_err().to_string();
        assert!(
            e.starts_with("document: encrypted: a password-protected Office file"),
            "{e}"
        );
    }

    #[test]
    fn read_drops_a_bom_and_sniffs_html_by_content() {
        let doc = read(b"\xEF\xBB\xBF  <!DOCTYPE html><p>76%</p>", "download").unwrap();
        assert_eq!(doc.format, Format::Html);
        assert_eq!(doc.slice(doc.blocks[0].span), "76%");
        let doc = read(b"\xEF\xBB\xBF76% < 80%", "a.txt").unwrap();
        assert_eq!((doc.format, doc.text.as_str()), (Format::Text, "76% < 80%"));
    }

    #[test]
    fn read_caps_the_input_size() {
        let big = vec![b' '; MAX_INPUT_BYTES + 1];
        let e = read(&big, "a.txt").unwrap_err().to_string();
        assert!(e.contains("more than the 64 MiB"), "{e}");
    }

    #[test]
    fn slice_outside_the_text_is_empty() {
        let doc = Document::from_plain_text("é");
        assert_eq!(doc.slice(Span::new(1, 2)), "");
        assert_eq!(doc.slice(Span::new(0, 9)), "");
    }
}
