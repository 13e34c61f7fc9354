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
    fn slice_outside_the_text_is_empty() {
        let doc = Document::from_plain_text("é");
        assert_eq!(doc.slice(Span::new(1, 2)), "");
        assert_eq!(doc.slice(Span::new(0, 9)), "");
    }
}
