//! Word `.docx` files (the format Local Accounts are drafted in): paragraphs, headings, list
//! items and table cells of the main document, then its footnotes and endnotes, in document
//! order.
//!
//! A `.docx` is a zip of XML parts. The main part (found through `_rels/.rels`, usually
//! `word/document.xml`) is read with a streaming XML reader; `word/styles.xml` says which
//! paragraph styles are headings (Word stores built-in style names in English, `heading 1`,
//! whatever the display language, so a German `Überschrift1` style is still a heading).
//! Runs are joined without a break (Word splits runs anywhere, even inside a number);
//! `w:tab` becomes a tab and `w:br` a line break; deleted text of tracked changes and the
//! fallback copy of text boxes are skipped.
//!
//! Bounds: at most [`MAX_ENTRIES`] zip entries and [`MAX_INPUT_BYTES`] of decompressed XML in
//! all, counted as it is inflated (a zip bomb stops at the cap, whatever its headers claim).
//!
//! ```
//! use std::io::Write;
//! use carestat::account::read::{docx, BlockKind};
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
//! zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default())?;
//! zip.write_all(br#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
//!   <w:body><w:p><w:r><w:t>We received 4,4</w:t></w:r><w:r><w:t>55 concerns.</w:t></w:r></w:p>
//!   </w:body></w:document>"#)?;
//! let doc = docx::read(&zip.finish()?.into_inner())?;
//! assert_eq!(doc.slice(doc.blocks[0].span), "We received 4,455 concerns.");
//! assert_eq!(doc.blocks[0].kind, BlockKind::Paragraph);
//! # Ok(()) }
//! ```

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::{NsReader, XmlVersion};

use super::{push_block, Block, BlockKind, Document, Format, MAX_INPUT_BYTES};
use crate::error::{Error, Result};

/// The most zip entries a `.docx` may have (a long report with many images has a few
/// hundred); more is refused before anything is inflated.
pub const MAX_ENTRIES: usize = 10_000;

/// `WordprocessingML`, transitional (what Word writes) and strict.
const W_NS: [&str; 2] = [
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];

fn invalid(reason: String) -> Error {
    Error::invalid("document", reason)
}

/// Reads a `.docx` file's bytes.
///
/// Errors ([`Error::Invalid`] on `document`): a corrupt or truncated zip; a zip that is not a
/// Word document (no main document part; `OpenDocument`, Excel and `PowerPoint` files are named);
/// a macro-enabled file (`.docm`); password-protected entries; more than [`MAX_ENTRIES`]
/// entries or more than [`MAX_INPUT_BYTES`] of XML once inflated; XML that is not well-formed.
pub fn read(bytes: &[u8]) -> Result<Document> {
    check_declared_entries(bytes)?;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| invalid(format!("corrupt Word file: not a readable zip ({e})")))?;
    if zip.len() > MAX_ENTRIES {
        return Err(invalid(format!(
            "the zip has {} entries, more than the {MAX_ENTRIES} a Word file may have",
            zip.len()
        )));
    }
    if zip.file_names().any(|n| n.ends_with("vbaProject.bin")) {
        return Err(invalid(
            "a macro-enabled Word file (.docm, it holds a vbaProject.bin): carestat does not \
             open files with macros; save it as a Word Document (.docx) first"
                .into(),
        ));
    }
    let mut budget = MAX_INPUT_BYTES;
    let main = main_part(&mut zip, &mut budget)?;
    let Some(main) = main else {
        return Err(invalid(not_a_docx(&zip)));
    };
    let styles = match inflate(&mut zip, "word/styles.xml", &mut budget)? {
        Some(xml) => heading_styles(&xml, "word/styles.xml")?,
        None => HashMap::new(),
    };
    let document = inflate(&mut zip, &main, &mut budget)?.ok_or_else(|| {
        invalid(format!(
            "corrupt Word file: the main part {main} is missing"
        ))
    })?;
    let mut w = Writer {
        styles,
        ..Writer::default()
    };
    w.part(&document, &main)?;
    drop(document);
    for notes in ["word/footnotes.xml", "word/endnotes.xml"] {
        if let Some(xml) = inflate(&mut zip, notes, &mut budget)? {
            w.part(&xml, notes)?;
        }
    }
    Ok(w.finish())
}

/// Refuses a zip whose end-of-central-directory records (any of them: the zip reader tries
/// each) claim more than [`MAX_ENTRIES`] entries, before the reader sizes anything by them.
fn check_declared_entries(bytes: &[u8]) -> Result<()> {
    let u64_at = |p: usize| {
        bytes
            .get(p..p + 8)
            .map_or(0, |b| u64::from_le_bytes(b.try_into().unwrap_or([0; 8])))
    };
    for p in 0..bytes.len().saturating_sub(3) {
        if bytes[p..].starts_with(b"PK\x06\x06") {
            let claimed = u64_at(p + 24).max(u64_at(p + 32));
            if claimed > MAX_ENTRIES as u64 {
                return Err(invalid(format!(
                    "the zip claims {claimed} entries, more than the {MAX_ENTRIES} a Word file may have"
                )));
            }
        }
    }
    Ok(())
}

/// The main document part's name, from `_rels/.rels`, else `word/document.xml` if present.
fn main_part(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    budget: &mut usize,
) -> Result<Option<String>> {
    let mut name = None;
    if let Some(rels) = inflate(zip, "_rels/.rels", budget)? {
        let mut reader = NsReader::from_str(&rels);
        loop {
            match reader.read_event() {
                Ok(Event::Start(e) | Event::Empty(e))
                    if e.local_name().as_ref() == "Relationship" =>
                {
                    let ty = attr(&e, "Type").unwrap_or_default();
                    if ty.ends_with("/officeDocument") {
                        name = attr(&e, "Target").map(|t| t.trim_start_matches('/').to_owned());
                        break;
                    }
                }
                Ok(Event::Eof) | Err(_) => break,
                Ok(_) => {}
            }
        }
    }
    Ok(name
        .filter(|n| zip.index_for_name(n).is_some())
        .or_else(|| {
            zip.index_for_name("word/document.xml")
                .map(|_| "word/document.xml".to_owned())
        }))
}

/// Why a zip without a Word main part is not read, naming what it looks like instead.
fn not_a_docx(zip: &zip::ZipArchive<Cursor<&[u8]>>) -> String {
    let has = |n: &str| zip.index_for_name(n).is_some();
    let what = if has("content.xml") && has("mimetype") {
        "an OpenDocument file (.odt/.ods): save it as a Word Document (.docx)"
    } else if has("xl/workbook.xml") {
        "an Excel workbook (.xlsx): only Word documents are read"
    } else if has("ppt/presentation.xml") {
        "a PowerPoint file (.pptx): only Word documents are read"
    } else {
        "a zip file that is not a Word document (it has no word/document.xml)"
    };
    what.to_owned()
}

/// Inflates one entry as text, counting its bytes against `budget`; `None` if it is absent.
fn inflate(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    budget: &mut usize,
) -> Result<Option<String>> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(zip::result::ZipError::UnsupportedArchive(m)) if m.contains("assword") => {
            return Err(invalid(format!(
                "encrypted: {name} is password-protected; remove the password and save again"
            )))
        }
        Err(e) => return Err(invalid(format!("corrupt Word file: {name}: {e}"))),
    };
    let mut buf = Vec::new();
    let mut limited = file.take(*budget as u64 + 1);
    limited
        .read_to_end(&mut buf)
        .map_err(|e| invalid(format!("corrupt Word file: {name}: {e}")))?;
    if buf.len() > *budget {
        return Err(invalid(format!(
            "the Word file inflates to more than the {} MiB a document may have (at {name}): \
             a zip bomb or not a document",
            MAX_INPUT_BYTES / (1024 * 1024)
        )));
    }
    *budget -= buf.len();
    xml_text(buf, name).map(Some)
}

/// XML bytes as text: UTF-8 (a BOM dropped) or UTF-16 with a BOM.
fn xml_text(buf: Vec<u8>, name: &str) -> Result<String> {
    let utf16 = |be: bool| {
        let units: Vec<u16> = buf[2..]
            .chunks_exact(2)
            .map(|c| {
                if be {
                    u16::from_be_bytes([c[0], c[1]])
                } else {
                    u16::from_le_bytes([c[0], c[1]])
                }
            })
            .collect();
        String::from_utf16(&units)
            .map_err(|_| invalid(format!("corrupt Word file: {name} is not valid UTF-16")))
    };
    match buf.get(..2) {
        Some([0xFF, 0xFE]) => return utf16(false),
        Some([0xFE, 0xFF]) => return utf16(true),
        _ => {}
    }
    let mut s = String::from_utf8(buf).map_err(|e| {
        invalid(format!(
            "corrupt Word file: {name} is not UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    if s.starts_with('\u{feff}') {
        s.drain(..3);
    }
    Ok(s)
}

/// An attribute's unescaped value by local name (Word's attributes are `w:val` and the like).
fn attr(e: &BytesStart<'_>, local: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local)
            .then(|| {
                a.normalized_value(XmlVersion::Implicit1_0)
                    .map(std::borrow::Cow::into_owned)
                    .ok()
            })
            .flatten()
    })
}

fn xml_error(name: &str, reader_pos: u64, e: &quick_xml::Error) -> Error {
    invalid(format!(
        "corrupt Word file: {name} is not well-formed XML (at byte {reader_pos}: {e})"
    ))
}

/// What a paragraph style makes of a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    Heading(u8),
    List,
}

/// The heading level a style's id or name gives: `Title` is 1, `heading N` / `HeadingN` is
/// N (6 at most); list styles (`List Bullet`, `List Number 2`, `List Paragraph`) are lists.
fn style_of(name: &str) -> Option<Style> {
    let lower = name.to_ascii_lowercase().replace(' ', "");
    if lower == "title" {
        return Some(Style::Heading(1));
    }
    if let Some(n) = lower.strip_prefix("heading") {
        return n
            .parse::<u8>()
            .ok()
            .filter(|&n| n >= 1)
            .map(|n| Style::Heading(n.min(6)));
    }
    (lower.starts_with("listbullet") || lower.starts_with("listnumber") || lower == "listparagraph")
        .then_some(Style::List)
}

/// Paragraph style ids of `styles.xml` that are headings or lists, by their name.
fn heading_styles(xml: &str, name: &str) -> Result<HashMap<String, Style>> {
    let mut map = HashMap::new();
    let mut reader = NsReader::from_str(xml);
    let mut id: Option<String> = None;
    loop {
        let ev = reader
            .read_event()
            .map_err(|e| xml_error(name, reader.buffer_position(), &e))?;
        match ev {
            Event::Start(e) if e.local_name().as_ref() == "style" => id = attr(&e, "styleId"),
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "name" => {
                if let (Some(id), Some(style)) =
                    (&id, attr(&e, "val").as_deref().and_then(style_of))
                {
                    map.insert(id.clone(), style);
                }
            }
            Event::End(e) if e.local_name().as_ref() == "style" => id = None,
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(map)
}

/// A paragraph being read.
#[derive(Default)]
struct Para {
    text: String,
    style: Option<Style>,
    list: bool,
}

/// A table being read: its number, current row and column, and the current cell's text.
struct Table {
    number: u32,
    row: Option<u32>,
    column: Option<u32>,
    span: u32,
    cell: String,
}

/// Builds the document's text block by block.
#[derive(Default)]
struct Writer {
    styles: HashMap<String, Style>,
    text: String,
    blocks: Vec<Block>,
    paras: Vec<Para>,
    tables: Vec<Table>,
    next_table: u32,
}

impl Writer {
    /// Reads one XML part (document, footnotes or endnotes) into the writer.
    fn part(&mut self, xml: &str, name: &str) -> Result<()> {
        let mut reader = NsReader::from_str(xml);
        reader.config_mut().allow_dangling_amp = true;
        let mut in_text = false;
        // Depth inside an element whose text is skipped (mc:Fallback, w:delText).
        let mut skip = 0usize;
        loop {
            let pos = reader.buffer_position();
            let (ns, ev) = reader
                .read_resolved_event()
                .map_err(|e| xml_error(name, pos, &e))?;
            let is_w = matches!(ns, ResolveResult::Bound(n) if W_NS.contains(&n.0));
            match ev {
                Event::Eof => break,
                Event::Start(e) if skip > 0 || e.local_name().as_ref() == "Fallback" => {
                    skip += 1;
                }
                Event::End(_) if skip > 0 => skip -= 1,
                _ if skip > 0 => {}
                Event::Start(e) if is_w => {
                    let local = e.local_name();
                    match local.as_ref() {
                        "t" => in_text = true,
                        "delText" => skip = 1,
                        other => self.open(other, &e),
                    }
                }
                Event::Empty(e) if is_w => self.empty(e.local_name().as_ref(), &e),
                Event::End(e) if is_w => match e.local_name().as_ref() {
                    "t" => in_text = false,
                    other => self.close(other),
                },
                Event::Text(t) if in_text => {
                    let s = t.xml10_content();
                    self.push_str(&s);
                }
                Event::CData(t) if in_text => {
                    let s = t.xml10_content();
                    self.push_str(&s);
                }
                Event::GeneralRef(r) if in_text => {
                    let c = match r.resolve_char_ref() {
                        Ok(Some(c)) => Some(c),
                        _ => match &*r {
                            "amp" => Some('&'),
                            "lt" => Some('<'),
                            "gt" => Some('>'),
                            "quot" => Some('"'),
                            "apos" => Some('\''),
                            _ => None,
                        },
                    };
                    if let Some(c) = c.filter(|&c| c != '\0') {
                        self.push_str(c.encode_utf8(&mut [0; 4]));
                    }
                }
                _ => {}
            }
        }
        // An unclosed paragraph or table at the end of a part still gives its text.
        while !self.paras.is_empty() {
            self.close("p");
        }
        while !self.tables.is_empty() {
            self.close("tbl");
        }
        Ok(())
    }

    fn push_str(&mut self, s: &str) {
        if let Some(p) = self.paras.last_mut() {
            p.text.push_str(s);
        }
    }

    fn open(&mut self, local: &str, e: &BytesStart<'_>) {
        match local {
            "p" => self.paras.push(Para::default()),
            "tbl" => {
                self.flush_cell();
                self.tables.push(Table {
                    number: self.next_table,
                    row: None,
                    column: None,
                    span: 1,
                    cell: String::new(),
                });
                self.next_table += 1;
            }
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.row = Some(t.row.map_or(0, |r| r + 1));
                    t.column = None;
                }
            }
            "tc" => {
                if let Some(t) = self.tables.last_mut() {
                    t.row.get_or_insert(0);
                    t.column = Some(t.column.map_or(0, |c| c + t.span));
                    t.span = 1;
                    t.cell.clear();
                }
            }
            _ => self.empty(local, e),
        }
    }

    /// Elements that matter whether written empty or with content.
    fn empty(&mut self, local: &str, e: &BytesStart<'_>) {
        match local {
            // A tab stop (`w:tabs/w:tab`, with a position) is not a tab character.
            "tab" if attr(e, "pos").is_none() => self.push_str("\t"),
            "br" | "cr" => self.push_str("\n"),
            "noBreakHyphen" => self.push_str("-"),
            "pStyle" => {
                let style = attr(e, "val")
                    .and_then(|v| self.styles.get(&v).copied().or_else(|| style_of(&v)));
                if let Some(p) = self.paras.last_mut() {
                    p.style = style;
                }
            }
            "numPr" => {
                if let Some(p) = self.paras.last_mut() {
                    p.list = true;
                }
            }
            "gridSpan" => {
                let span = attr(e, "val").and_then(|v| v.parse::<u32>().ok());
                if let (Some(t), Some(span)) = (self.tables.last_mut(), span) {
                    t.span = span.clamp(1, 1000);
                }
            }
            _ => {}
        }
    }

    fn close(&mut self, local: &str) {
        match local {
            "p" => {
                let Some(p) = self.paras.pop() else { return };
                let text = p.text.trim();
                if text.is_empty() {
                    return;
                }
                match self.tables.last_mut() {
                    Some(t) if t.column.is_some() && self.paras.is_empty() => {
                        if !t.cell.is_empty() {
                            t.cell.push('\n');
                        }
                        t.cell.push_str(text);
                    }
                    _ => {
                        let kind = match (p.style, p.list) {
                            (Some(Style::Heading(level)), _) => BlockKind::Heading { level },
                            (Some(Style::List), _) | (None, true) => BlockKind::ListItem,
                            (None, false) => BlockKind::Paragraph,
                        };
                        let text = text.to_owned();
                        self.emit(kind, &text);
                    }
                }
            }
            "tc" => self.flush_cell(),
            "tbl" => {
                self.flush_cell();
                self.tables.pop();
            }
            _ => {}
        }
    }

    /// Ends the current table cell's text as a block, if it has any.
    fn flush_cell(&mut self) {
        let Some(t) = self.tables.last_mut() else {
            return;
        };
        let (Some(row), Some(column)) = (t.row, t.column) else {
            return;
        };
        let kind = BlockKind::TableCell {
            table: t.number,
            row,
            column,
        };
        let cell = std::mem::take(&mut t.cell);
        if !cell.is_empty() {
            self.emit(kind, &cell);
        }
    }

    fn emit(&mut self, kind: BlockKind, content: &str) {
        push_block(&mut self.text, &mut self.blocks, kind, content);
    }

    fn finish(mut self) -> Document {
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        Document {
            format: Format::Docx,
            text: std::mem::take(&mut self.text),
            blocks: std::mem::take(&mut self.blocks),
        }
    }
}
