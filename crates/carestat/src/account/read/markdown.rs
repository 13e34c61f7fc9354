//! Markdown: headings (`#`), list items (`-`, `*`, `+`, `1.`), pipe tables and paragraphs.
//!
//! The document's text is the file itself, so every span is also a byte offset into the file;
//! markup (`#`, bullets, `|`) stays in the text but outside the blocks.
//!
//! ```
//! use carestat::account::read::{markdown, BlockKind};
//! let doc = markdown::read("# Safeguarding\n\n- 4,455 concerns\n- 1,328 enquiries\n");
//! assert_eq!(doc.blocks[0].kind, BlockKind::Heading { level: 1 });
//! assert_eq!(doc.slice(doc.blocks[2].span), "1,328 enquiries");
//! ```

use super::{paragraphs, Block, BlockKind, Document, Format, Span};

/// Reads Markdown into a [`Document`]. Never fails.
#[must_use]
pub fn read(text: &str) -> Document {
    let mut blocks = Vec::new();
    let mut table: Option<(u32, u32)> = None; // (table number, next row)
    let mut next_table = 0;
    let mut para_start: Option<usize> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let trimmed = body.trim_start();
        let lead = start + body.len() - trimmed.len();
        let special = line_block(trimmed, lead);
        let is_table = trimmed.starts_with('|');
        if trimmed.is_empty() || special.is_some() || is_table {
            if let Some(s) = para_start.take() {
                blocks.extend(paragraph_blocks(text, s, start));
            }
        }
        if !is_table {
            table = None;
        }
        if trimmed.is_empty() {
            continue;
        }
        if is_table {
            let (t, row) = *table.get_or_insert_with(|| {
                next_table += 1;
                (next_table - 1, 0)
            });
            if is_separator_row(trimmed) {
                continue;
            }
            blocks.extend(table_row(trimmed, lead, t, row));
            table = Some((t, row + 1));
        } else if let Some(b) = special {
            blocks.extend(b);
        } else if para_start.is_none() {
            para_start = Some(start);
        }
    }
    if let Some(s) = para_start {
        blocks.extend(paragraph_blocks(text, s, text.len()));
    }
    Document {
        format: Format::Markdown,
        text: text.to_owned(),
        blocks,
    }
}

fn paragraph_blocks(text: &str, start: usize, end: usize) -> impl Iterator<Item = Block> + '_ {
    paragraphs(&text[start..end], start).map(|span| Block {
        kind: BlockKind::Paragraph,
        span,
        page: None,
    })
}

/// A heading or list item on one line; `Some(None)` for a line that is markup only.
#[allow(clippy::option_option)]
fn line_block(trimmed: &str, lead: usize) -> Option<Option<Block>> {
    let hashes = trimmed.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && trimmed[hashes..].starts_with([' ', '\t']) {
        let content = trimmed[hashes..].trim().trim_end_matches('#').trim_end();
        return Some(block_at(
            trimmed,
            content,
            lead,
            BlockKind::Heading {
                level: hashes as u8,
            },
        ));
    }
    let bullet = ["- ", "* ", "+ "].iter().any(|b| trimmed.starts_with(b));
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    let after = &trimmed[digits..];
    let numbered =
        (1..=3).contains(&digits) && (after.starts_with(". ") || after.starts_with(") "));
    if bullet || numbered {
        let skip = if bullet { 2 } else { digits + 2 };
        let content = trimmed[skip..].trim();
        return Some(block_at(trimmed, content, lead, BlockKind::ListItem));
    }
    None
}

/// The block for `content`, a subslice of `line`, which starts at byte `lead` of the text.
fn block_at(line: &str, content: &str, lead: usize, kind: BlockKind) -> Option<Block> {
    if content.is_empty() {
        return None;
    }
    let at = content.as_ptr() as usize - line.as_ptr() as usize;
    Some(Block {
        kind,
        span: Span::new(lead + at, lead + at + content.len()),
        page: None,
    })
}

fn is_separator_row(row: &str) -> bool {
    row.chars()
        .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
        && row.contains('-')
}

fn table_row(row: &str, lead: usize, table: u32, row_no: u32) -> Vec<Block> {
    let inner = row.trim_end();
    let inner = inner.strip_prefix('|').unwrap_or(inner);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let base = lead + 1;
    let mut cells = Vec::new();
    let mut at = 0;
    for (column, cell) in inner.split('|').enumerate() {
        let content = cell.trim();
        if !content.is_empty() {
            let off = cell.len() - cell.trim_start().len();
            cells.push(Block {
                kind: BlockKind::TableCell {
                    table,
                    row: row_no,
                    column: u32::try_from(column).unwrap_or(u32::MAX),
                },
                span: Span::new(base + at + off, base + at + off + content.len()),
                page: None,
            });
        }
        at += cell.len() + 1;
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::super::{kinds_and_texts, texts};
    use super::*;

    #[test]
    fn spans_are_offsets_into_the_file() {
        let md = "## Money\n\nGross spend was\n£326.4m.\n\n1. Income (17)\n2) Net 309.4\n";
        let doc = read(md);
        assert_eq!(
            texts(&doc),
            [
                "Money",
                "Gross spend was\n£326.4m.",
                "Income (17)",
                "Net 309.4"
            ]
        );
        assert_eq!(doc.text, md);
    }

    #[test]
    fn pipe_tables_are_cells_without_the_separator_row() {
        let doc = read("| Rating | Homes |\n|---|--:|\n| Good | 432 |\n\nAfter\n");
        let cells = kinds_and_texts(&doc);
        assert_eq!(
            cells[3],
            (
                BlockKind::TableCell {
                    table: 0,
                    row: 1,
                    column: 1
                },
                "432"
            )
        );
        assert_eq!(cells[4], (BlockKind::Paragraph, "After"));
    }

    #[test]
    fn hashes_without_a_space_are_text() {
        let doc = read("#1 priority\n");
        assert_eq!(doc.blocks[0].kind, BlockKind::Paragraph);
    }

    #[test]
    fn odd_input_never_panics() {
        for s in [
            "#",
            "# ",
            "|",
            "||",
            "1.",
            "1. ",
            "- ",
            "| é |",
            "\r\n",
            "#######  x",
        ] {
            let doc = read(s);
            for b in &doc.blocks {
                assert!(doc.text.get(b.span.start..b.span.end).is_some(), "{s:?}");
            }
        }
    }
}
