//! HTML pages (council web pages): tags stripped, headings, paragraphs and list items kept as
//! blocks, tables kept as rows of cells, scripts, styles and comments dropped, character
//! references decoded.
//!
//! The reader is a small tolerant tokenizer rather than a full HTML5 parser: council pages are
//! often hand-edited and a page that does not parse must still give its text. Block-level tags
//! end the current block; inline tags (`<b>`, `<a>`, `<span>`) are removed without a break, so
//! "<b>76%</b> of homes" reads as "76% of homes".
//!
//! ```
//! use carestat::account::read::{html, BlockKind};
//! let doc = html::read("<h2>Safeguarding</h2><p>We received <b>4,455</b> concerns.</p>\
//!   <table><tr><td>Concerns</td><td>4,455</td></tr></table>");
//! let texts: Vec<&str> = doc.blocks.iter().map(|b| doc.slice(b.span)).collect();
//! assert_eq!(texts, ["Safeguarding", "We received 4,455 concerns.", "Concerns", "4,455"]);
//! assert_eq!(doc.blocks[0].kind, BlockKind::Heading { level: 2 });
//! assert_eq!(doc.blocks[3].kind, BlockKind::TableCell { table: 0, row: 0, column: 1 });
//! ```

use super::{push_block, Block, BlockKind, Document, Format};

/// Reads an HTML page into a [`Document`]. Never fails: malformed markup is read as well as it
/// can be (an unclosed tag ends the text; unknown entities are kept as written).
#[must_use]
pub fn read(html: &str) -> Document {
    let mut w = Writer::default();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        w.text(&rest[..lt]);
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |e| &after[e + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else {
            rest = "";
            break;
        };
        let tag = Tag::parse(&rest[1..gt]);
        rest = &rest[gt + 1..];
        if !tag.closing
            && matches!(
                tag.name.as_str(),
                "script" | "style" | "noscript" | "template"
            )
        {
            rest = skip_raw_text(rest, &tag.name);
            continue;
        }
        w.tag(&tag);
    }
    w.text(rest);
    w.finish()
}

/// Skips the raw text of a `<script>` or `<style>` element, to just after its end tag.
fn skip_raw_text<'a>(rest: &'a str, name: &str) -> &'a str {
    // Each "</" is compared in place, case-insensitively: no lower-cased copy of the rest of
    // the page per tag (thousands of <style> tags made that quadratic).
    let bytes = rest.as_bytes();
    let mut from = 0;
    while let Some(i) = rest[from..].find("</") {
        let at = from + i;
        let named = bytes
            .get(at + 2..at + 2 + name.len())
            .is_some_and(|t| t.eq_ignore_ascii_case(name.as_bytes()));
        if named {
            return rest[at..].find('>').map_or("", |g| &rest[at + g + 1..]);
        }
        from = at + 2;
    }
    ""
}

/// A start or end tag's name, lower-cased.
struct Tag {
    name: String,
    closing: bool,
}

impl Tag {
    fn parse(inner: &str) -> Self {
        let inner = inner.trim_start();
        let (closing, inner) = match inner.strip_prefix('/') {
            Some(r) => (true, r),
            None => (false, inner),
        };
        let name = inner
            .split(|c: char| c.is_whitespace() || c == '/' || c == '>')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        Self { name, closing }
    }
}

/// What kind of block the writer is inside.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Context {
    Flow,
    Heading(u8),
    Item,
    Cell,
}

/// Builds the document's text block by block.
#[derive(Default)]
struct Writer {
    text: String,
    blocks: Vec<Block>,
    /// Text of the block being collected, whitespace collapsed.
    current: String,
    context: Option<Context>,
    /// Tables: a stack of (table number, row, column) for nested tables.
    tables: Vec<(u32, Option<u32>, Option<u32>)>,
    next_table: u32,
}

impl Writer {
    fn text(&mut self, raw: &str) {
        let decoded = decode_entities(raw);
        for c in decoded.chars() {
            if c.is_whitespace() {
                if !self.current.is_empty() && !self.current.ends_with(' ') {
                    self.current.push(' ');
                }
            } else {
                self.current.push(c);
            }
        }
    }

    fn tag(&mut self, tag: &Tag) {
        let name = tag.name.as_str();
        match (name, tag.closing) {
            ("br", _) => self.text(" "),
            ("table", false) => {
                self.flush();
                self.tables.push((self.next_table, None, None));
                self.next_table += 1;
            }
            ("table", true) => {
                self.flush();
                self.tables.pop();
            }
            ("tr", false) => {
                self.flush();
                if let Some(t) = self.tables.last_mut() {
                    t.1 = Some(t.1.map_or(0, |r| r + 1));
                    t.2 = None;
                }
            }
            ("td" | "th", false) => {
                self.flush();
                if let Some(t) = self.tables.last_mut() {
                    t.1.get_or_insert(0);
                    t.2 = Some(t.2.map_or(0, |c| c + 1));
                    self.context = Some(Context::Cell);
                }
            }
            ("li", false) => {
                self.flush();
                self.context = Some(Context::Item);
            }
            (h, false) if heading_level(h).is_some() => {
                self.flush();
                self.context = heading_level(h).map(Context::Heading);
            }
            _ if is_block(name) => self.flush(),
            _ => {}
        }
    }

    /// Ends the block being collected, if it holds any text.
    fn flush(&mut self) {
        let context = self.context.take().unwrap_or(Context::Flow);
        let content = std::mem::take(&mut self.current);
        let content = content.trim();
        if content.is_empty() {
            return;
        }
        let kind = match context {
            Context::Heading(level) => BlockKind::Heading { level },
            Context::Item => BlockKind::ListItem,
            Context::Cell => match self.tables.last() {
                Some(&(table, Some(row), Some(column))) => {
                    BlockKind::TableCell { table, row, column }
                }
                _ => BlockKind::Paragraph,
            },
            Context::Flow => BlockKind::Paragraph,
        };
        push_block(&mut self.text, &mut self.blocks, kind, content);
    }

    fn finish(mut self) -> Document {
        self.flush();
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        Document {
            format: Format::Html,
            text: self.text,
            blocks: self.blocks,
        }
    }
}

fn heading_level(name: &str) -> Option<u8> {
    match name.as_bytes() {
        [b'h', d @ b'1'..=b'6'] => Some(d - b'0'),
        _ => None,
    }
}

/// Tags that start or end a block of text.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "main"
            | "nav"
            | "aside"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "figure"
            | "figcaption"
            | "caption"
            | "thead"
            | "tbody"
            | "tfoot"
            | "td"
            | "th"
            | "tr"
            | "li"
            | "hr"
            | "pre"
            | "form"
            | "body"
            | "html"
            | "head"
            | "title"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
    )
}

/// Decodes character references: the named ones council pages use, and numeric ones.
/// Unknown or malformed references are kept as written.
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let semi = rest[1..].find(';').map(|i| i + 1).filter(|&i| i <= 10);
        let decoded = semi.and_then(|i| entity(&rest[1..i]).map(|c| (c, i)));
        if let Some((c, i)) = decoded {
            out.push(c);
            rest = &rest[i + 1..];
        } else {
            out.push('&');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "pound" => '£',
        "euro" => '€',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "hellip" => '…',
        "frac12" => '½',
        "frac14" => '¼',
        "frac34" => '¾',
        "middot" => '·',
        "bull" => '•',
        "pct" | "percnt" => '%',
        "times" => '×',
        "minus" => '−',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::super::{kinds_and_texts, texts};
    use super::*;

    #[test]
    fn inline_tags_do_not_break_a_sentence() {
        let doc = read(
            "<p>In 2023/24 <strong>76%</strong> of <a href='x'>care homes</a> were rated Good.</p>",
        );
        assert_eq!(
            texts(&doc),
            ["In 2023/24 76% of care homes were rated Good."]
        );
    }

    #[test]
    fn scripts_styles_and_comments_are_dropped() {
        let doc =
            read("<style>p{}</style><script>var x = '<p>9%</p>';</script><!-- 12% --><p>Kept</p>");
        assert_eq!(texts(&doc), ["Kept"]);
    }

    #[test]
    fn raw_text_ends_at_its_own_closing_tag_in_any_case() {
        // "</p>" inside a script is not the script's end; "</SCRIPT >" in capitals is; an
        // unclosed <style> swallows the rest of the page, as browsers do.
        let doc = read("<script>var a = '</p>'; var b = '</scrip';</SCRIPT ><p>Kept</p>");
        assert_eq!(texts(&doc), ["Kept"]);
        let doc = read("<p>First</p><style>p{}");
        assert_eq!(texts(&doc), ["First"]);
        // Thousands of style tags before the text (found by the read_document fuzz target's
        // author: each tag used to lower-case the rest of the page, so the work grew with
        // the square of the page).
        let page = format!("{}<p>Kept</p>", "<style>x</style>".repeat(8000));
        assert_eq!(texts(&read(&page)), ["Kept"]);
    }

    #[test]
    fn lists_are_items_and_headings_keep_their_level() {
        let doc = read("<h3>Spend</h3><ul><li>£326.4m gross</li><li>£(17)m income</li></ul>");
        let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Heading { level: 3 },
                BlockKind::ListItem,
                BlockKind::ListItem
            ]
        );
        assert_eq!(texts(&doc)[2], "£(17)m income");
    }

    #[test]
    fn tables_keep_rows_and_columns() {
        let doc = read(
            "<table><tr><th>Rating</th><th>Homes</th></tr>\
             <tr><td>Good</td><td>432</td></tr></table><table><tr><td>x</td></tr></table>",
        );
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
        assert_eq!(
            cells[4],
            (
                BlockKind::TableCell {
                    table: 1,
                    row: 0,
                    column: 0
                },
                "x"
            )
        );
        assert!(doc.text.starts_with("Rating\tHomes\n\nGood\t432"));
    }

    #[test]
    fn entities_are_decoded_and_unknown_ones_kept() {
        let doc = read("<p>&pound;394,000 &amp; 4&#46;4&#x25; &bogus; AT&T&nbsp;x</p>");
        assert_eq!(texts(&doc), ["£394,000 & 4.4% &bogus; AT&T x"]);
    }

    #[test]
    fn malformed_markup_never_panics() {
        for s in [
            "<",
            "<p",
            "<!--",
            "&#xFFFFFFFF;",
            "<script>",
            "</",
            "<td>a",
            "&#0;",
            "<>é<",
        ] {
            let doc = read(s);
            for b in &doc.blocks {
                assert!(doc.text.get(b.span.start..b.span.end).is_some(), "{s:?}");
            }
        }
    }
}
