//! A document cut into sentences, each with its byte span, its section (the heading above
//! it) and the quantities it states.
//!
//! Councils' text is not tidy prose: lists are lines starting with `-` or `•`, PDF text breaks
//! sentences across lines, a figure stands alone on a line above its caption. A sentence here
//! ends at `.`, `!` or `?` followed by a capital, at the end of a line that ends a sentence,
//! or before a line that starts a list item; a table row is one sentence.

use super::numbers::{self, Kind, Number};
use crate::account::read::{BlockKind, Document, Span};

/// One sentence of the document.
#[derive(Debug, Clone)]
pub(crate) struct Sentence {
    /// Its bytes in the document's text.
    pub span: Span,
    /// The section it is in (an index into [`Split::sections`]).
    pub section: usize,
    /// The block it was cut from (sentences of one paragraph share it).
    pub block: usize,
    /// Whether it is a heading (its own section's title).
    pub heading: bool,
    /// Whether it is a table row.
    pub table: bool,
    /// The quantities it states (years, ages and ranges left out), spans into the document.
    pub numbers: Vec<Number>,
    /// Why its figures are not read, when it is too long for the claim patterns (see
    /// [`MAX_SENTENCE_BYTES`]): then `numbers` is empty.
    pub unread: Option<String>,
}

/// The longest sentence the claim patterns read (bytes). Council sentences run to a few
/// hundred bytes (the seeds' and the corpus's longest is 511); text with no sentence ends
/// (a PDF's text layer gone wrong, a hostile file) would otherwise make every pattern's
/// look-around cost grow with the square of its length.
pub(crate) const MAX_SENTENCE_BYTES: usize = 3000;
/// The most figures a sentence the patterns read may state (the corpus's most is 10).
pub(crate) const MAX_SENTENCE_NUMBERS: usize = 60;

/// A run of sentences under one heading.
#[derive(Debug, Clone)]
pub(crate) struct Section {
    /// The heading's bytes, when the section has one.
    pub heading: Option<Span>,
}

/// The document's sentences and sections.
#[derive(Debug, Clone)]
pub(crate) struct Split {
    pub sentences: Vec<Sentence>,
    pub sections: Vec<Section>,
}

/// Cuts `doc` into sentences.
pub(crate) fn split(doc: &Document) -> Split {
    let text = doc.text.as_str();
    let mut out = Split {
        sentences: Vec::new(),
        sections: vec![Section { heading: None }],
    };
    let mut row: Option<(u32, u32, Span, usize)> = None;
    for (bi, block) in doc.blocks.iter().enumerate() {
        let span = block.span;
        let Some(body) = text.get(span.start..span.end) else {
            continue;
        };
        if let BlockKind::TableCell { table, row: r, .. } = block.kind {
            match &mut row {
                Some((t, rr, s, _)) if *t == table && *rr == r => s.end = span.end,
                _ => {
                    flush_row(text, &mut row, &mut out);
                    row = Some((table, r, span, bi));
                }
            }
            continue;
        }
        flush_row(text, &mut row, &mut out);
        let is_heading = matches!(block.kind, BlockKind::Heading { .. })
            || (block.kind == BlockKind::Paragraph && looks_like_heading(body));
        if is_heading {
            out.sections.push(Section {
                heading: Some(span),
            });
            push(text, &mut out, span, bi, true, false);
            continue;
        }
        for s in sentence_spans(body, span.start) {
            push(
                text,
                &mut out,
                s,
                bi,
                false,
                body[s.start - span.start..s.end - span.start].contains('\t'),
            );
        }
    }
    flush_row(text, &mut row, &mut out);
    merge_broken(text, &mut out);
    out
}

/// Joins a sentence to the one before when a blank line broke it (PDF text: "received a
/// service to promote" / "independence (an increase" / "of 19% from last year"): the one
/// before does not end a sentence and this one starts in lower case.
fn merge_broken(text: &str, out: &mut Split) {
    let mut merged: Vec<Sentence> = Vec::with_capacity(out.sentences.len());
    for s in out.sentences.drain(..) {
        let body = &text[s.span.start..s.span.end];
        if let Some(prev) = merged.last_mut() {
            let before = text[prev.span.start..prev.span.end].trim_end();
            let continues = !s.heading
                && !prev.heading
                && !s.table
                && !prev.table
                && prev.section == s.section
                && prev.block != s.block
                && body.starts_with(|c: char| c.is_lowercase())
                && !before.ends_with(['.', '!', '?', ':', ';'])
                && prev.unread.is_none()
                && s.span.end - prev.span.start <= MAX_SENTENCE_BYTES;
            if continues {
                prev.span.end = s.span.end;
                prev.block = s.block;
                let whole = &text[prev.span.start..prev.span.end];
                (prev.numbers, prev.unread) = read_numbers(whole, prev.span.start, false);
                continue;
            }
        }
        merged.push(s);
    }
    out.sentences = merged;
}

/// The quantities of `body` with spans into the document (`body` starts at `base`). A
/// bracketed figure is a negative only in a table row (accounts print "(17)" for -17); in a
/// sentence "(£31.1m)" or "(803)" is the figure itself, in brackets. OCR's `27/0` for `27%`
/// is read in sentences only.
fn shifted(body: &str, base: usize, table: bool) -> Vec<Number> {
    quantities(body)
        .into_iter()
        // In a table, "1/0" is a fraction or a score, not OCR's "1%".
        .filter(|n| !(table && numbers::read_as_ocr_percent(&body[n.span.start..n.span.end])))
        .map(|mut n| {
            if !table && n.value < 0.0 && body[n.span.start..].starts_with('(') {
                n.value = -n.value;
                n.span = Span::new(n.span.start + 1, n.span.end - 1);
            }
            n.span = Span::new(n.span.start + base, n.span.end + base);
            n
        })
        .collect()
}

fn flush_row(text: &str, row: &mut Option<(u32, u32, Span, usize)>, out: &mut Split) {
    if let Some((_, _, span, bi)) = row.take() {
        push(text, out, span, bi, false, true);
    }
}

fn push(text: &str, out: &mut Split, span: Span, block: usize, heading: bool, table: bool) {
    let (numbers, unread) = read_numbers(&text[span.start..span.end], span.start, table);
    out.sentences.push(Sentence {
        span,
        section: out.sections.len() - 1,
        block,
        heading,
        table,
        numbers,
        unread,
    });
}

/// The quantities of a sentence, or why they are not read (too long, too many figures).
fn read_numbers(body: &str, base: usize, table: bool) -> (Vec<Number>, Option<String>) {
    if body.len() > MAX_SENTENCE_BYTES {
        let why = format!(
            "a sentence of {} bytes (no sentence end found): longer than the {MAX_SENTENCE_BYTES} the claim patterns read, so its figures are not read one by one",
            body.len()
        );
        return (Vec::new(), Some(why));
    }
    let numbers = shifted(body, base, table);
    if numbers.len() > MAX_SENTENCE_NUMBERS {
        let why = format!(
            "a sentence with {} figures: more than the {MAX_SENTENCE_NUMBERS} the claim patterns read, so they are not read one by one",
            numbers.len()
        );
        return (Vec::new(), Some(why));
    }
    (numbers, None)
}

/// The quantities of a sentence: every number [`numbers::scan`] finds but years, ages
/// (`aged 18`, `65+`, `18-64`, `18 – 49`), ordinals and labels (`Section 42`, `Case Study 3`,
/// `page 4`).
pub(crate) fn quantities(text: &str) -> Vec<Number> {
    let lower = text.to_ascii_lowercase();
    let all = numbers::scan(text);
    let mut keep = Vec::with_capacity(all.len());
    let mut prev_range_end = None;
    for n in all {
        if !n.kind.is_quantity() {
            continue;
        }
        let before = &lower[..n.span.start];
        let after = &lower[n.span.end..];
        let b = before.trim_end();
        let label_before = [
            "adults under",
            "adults over",
            "people under",
            "people over",
            "those under",
            "those over",
            "aged over",
            "aged under",
            "aged between",
            "age of",
            "ages of",
            "aged",
            "age",
            "ages",
            "section",
            "case study",
            "page",
            "phase",
            "tier",
            "level",
            "step",
            "part",
            "priority",
            "box",
            "po box",
            "chapter",
            "appendix",
            "figure",
            "table",
        ]
        .iter()
        .any(|w| b.ends_with(w) && word_boundary_before(b, b.len() - w.len()))
            && n.kind == Kind::Count
            && n.value < 200.0;
        let range_after = after.starts_with('+')
            || after.starts_with("-year")
            || after.starts_with(" year")
            || after.starts_with(" hour")
            || after.starts_with("-hour")
            || is_range_after(after);
        let range_second = prev_range_end == Some(n.span.start)
            || b.ends_with('-') && b[..b.len() - 1].ends_with(|c: char| c.is_ascii_digit())
            || b.ends_with('–')
                && b[..b.len() - '–'.len_utf8()]
                    .trim_end()
                    .ends_with(|c: char| c.is_ascii_digit());
        prev_range_end = None;
        if n.kind == Kind::Count && (range_after || range_second) {
            if is_range_after(after) {
                prev_range_end = Some(next_number_start(&lower, n.span.end));
            }
            continue;
        }
        // Durations: "in the 12 months to May", "more than 90 days", "the next 5 years".
        let duration = n.kind == Kind::Count
            && n.value < 100.0
            && [" month", " week", " day", " year", " hour", " minute"]
                .iter()
                .any(|w| after.starts_with(w))
            && [
                "the", "last", "past", "next", "than", "within", "over", "of", "in", "for", "first",
            ]
            .iter()
            .any(|w| b.ends_with(w) && word_boundary_before(b, b.len() - w.len()));
        // Short financial years: "20/21", "22/23".
        let short_year = n.kind == Kind::Count
            && n.value < 100.0
            // `get`, not indexing: the two bytes may split a character ("’/22", "/2’").
            && (after.len() >= 3
                && after.as_bytes()[0] == b'/'
                && after
                    .get(1..3)
                    .and_then(|s| s.parse::<f64>().ok())
                    .is_some_and(|v| v == (n.value + 1.0) % 100.0)
                || b.ends_with('/')
                    && b[..b.len() - 1].len() >= 2
                    && b.get(b.len() - 3..b.len() - 1)
                        .and_then(|s| s.parse::<f64>().ok())
                        .is_some_and(|v| (v + 1.0) % 100.0 == n.value));
        if label_before || duration || short_year {
            // "aged 18 to 64", "aged between 18 and 64": the second age is no figure either.
            if label_before && second_age_follows(b, after) {
                prev_range_end = Some(next_number_start(&lower, n.span.end));
            }
            continue;
        }
        keep.push(n);
    }
    keep
}

/// Whether an age (after `before`, such as "aged") is followed by a second one: " to 64", or
/// " and 64" after "between"; the second has at most three digits and is no percentage.
fn second_age_follows(before: &str, after: &str) -> bool {
    let t = after.trim_start();
    let rest = t.strip_prefix("to ").or_else(|| {
        t.strip_prefix("and ")
            .filter(|_| before.ends_with("between"))
    });
    rest.is_some_and(|r| {
        let digits = r.bytes().take_while(u8::is_ascii_digit).count();
        (1..=3).contains(&digits) && !r[digits..].starts_with(['%', ',', '.'])
    })
}

fn word_boundary_before(s: &str, i: usize) -> bool {
    i == 0 || !s.as_bytes()[i - 1].is_ascii_alphanumeric()
}

/// Whether the text after a number continues a range: `-64`, ` – 64`, ` to 64` (ages).
fn is_range_after(after: &str) -> bool {
    let t = after.trim_start();
    let rest = if let Some(r) = t.strip_prefix('-') {
        r
    } else if let Some(r) = t.strip_prefix('–') {
        r
    } else {
        return false;
    };
    let r = rest.trim_start();
    let digits = r.bytes().take_while(u8::is_ascii_digit).count();
    (1..=3).contains(&digits) && !r[digits..].starts_with('%') && !r[digits..].starts_with(',')
}

fn next_number_start(lower: &str, from: usize) -> usize {
    lower[from..]
        .find(|c: char| c.is_ascii_digit())
        .map_or(lower.len(), |i| from + i)
}

/// A paragraph that is a heading: one short line, no sentence punctuation at its end, not a
/// list item, and not a bare figure.
fn looks_like_heading(body: &str) -> bool {
    let t = body.trim();
    !t.contains('\n')
        && !t.contains('\t')
        && t.len() <= 90
        && t.split_whitespace().count() <= 10
        && !t.contains(['%', '£'])
        && !t.ends_with(['.', ',', ';', '!', ':'])
        && !is_bullet(t)
        && t.starts_with(|c: char| c.is_uppercase())
        && t.chars().filter(char::is_ascii_digit).count() * 3 < t.len()
}

fn is_bullet(line: &str) -> bool {
    let t = line.trim_start();
    ["- ", "* ", "• ", "¢ ", "+ ", "– ", "· ", "o "]
        .iter()
        .any(|b| t.starts_with(b))
        || numbered_item(t)
}

fn numbered_item(t: &str) -> bool {
    let d = t.bytes().take_while(u8::is_ascii_digit).count();
    (1..=2).contains(&d) && (t[d..].starts_with(". ") || t[d..].starts_with(") "))
}

/// The sentences of one block's text starting at byte `base`, trimmed, with list markers
/// left out.
pub(crate) fn sentence_spans(body: &str, base: usize) -> Vec<Span> {
    // First cut into pieces at line breaks that end a sentence or start a list item.
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut pos = 0;
    let lines: Vec<&str> = body.split_inclusive('\n').collect();
    for (i, line) in lines.iter().enumerate() {
        let end = pos + line.len();
        let trimmed = line.trim_end();
        let next_starts_item = lines.get(i + 1).is_some_and(|n| is_bullet(n));
        let ends_sentence = trimmed.ends_with(['.', '!', '?', ':']) || line.contains('\t');
        if i + 1 == lines.len() || next_starts_item || ends_sentence {
            pieces.push((start, end));
            start = end;
        }
        pos = end;
    }
    let mut out = Vec::new();
    for (s, e) in pieces {
        let piece = &body[s..e];
        let mut from = 0;
        let b = piece.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if matches!(b[i], b'.' | b'!' | b'?') && i + 2 < b.len() && b[i + 1] == b' ' {
                let next = piece[i + 2..]
                    .trim_start_matches(['*', ' ', '"', '\'', '\u{201c}', '\u{2018}']);
                let prev_word_short = piece[..i]
                    .rsplit(|c: char| !c.is_alphanumeric())
                    .next()
                    .is_some_and(|w| {
                        matches!(
                            w,
                            "e" | "g"
                                | "i"
                                | "eg"
                                | "ie"
                                | "Dr"
                                | "Mr"
                                | "Mrs"
                                | "Ms"
                                | "St"
                                | "No"
                                | "vs"
                        )
                    });
                if next.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || c == '£')
                    && !prev_word_short
                {
                    out.push((s + from, s + i + 1));
                    from = i + 2;
                }
            }
            i += 1;
        }
        out.push((s + from, e));
    }
    out.into_iter()
        .filter_map(|(s, e)| trim_span(body, s, e))
        .map(|(s, e)| Span::new(base + s, base + e))
        .collect()
}

/// `s..e` without surrounding whitespace and a leading list marker; `None` when empty.
fn trim_span(body: &str, mut s: usize, mut e: usize) -> Option<(usize, usize)> {
    let piece = &body[s..e];
    let lead = piece.len() - piece.trim_start().len();
    s += lead;
    e -= piece.len() - piece.trim_end().len();
    if s >= e {
        return None;
    }
    let t = &body[s..e];
    for b in ["- ", "* ", "• ", "¢ ", "+ ", "– ", "· "] {
        if let Some(rest) = t.strip_prefix(b) {
            s += t.len() - rest.trim_start().len();
            break;
        }
    }
    (s < e).then_some((s, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        let doc = Document::from_plain_text(text);
        split(&doc)
            .sentences
            .iter()
            .map(|s| doc.slice(s.span).to_owned())
            .collect()
    }

    #[test]
    fn list_items_and_sentences_are_cut() {
        // Seed 000 (Birmingham 2022/23), as printed.
        let t = "Expenditure by Service Type\n\n- £101.1m for residential care\n- £86.8m for home support\n\nOut of a total of 1070 MSP enquiries, **74%** were asked. **91%** of those expressing an outcome.";
        assert_eq!(
            texts(t),
            vec![
                "Expenditure by Service Type",
                "£101.1m for residential care",
                "£86.8m for home support",
                "Out of a total of 1070 MSP enquiries, **74%** were asked.",
                "**91%** of those expressing an outcome."
            ]
        );
    }

    #[test]
    fn pdf_lines_stay_in_one_sentence() {
        // Seed 004 (Worcestershire 2023/24, text from the PDF).
        let t = "1243 %\ncarers received support, an increase of 5%\nfrom the previous year.\n";
        assert_eq!(texts(t).len(), 1);
    }

    #[test]
    fn ages_and_labels_are_not_quantities() {
        let q: Vec<f64> =
            quantities("aged 18-64 and 65+, Section 42, 18 – 49 years, aged over 65, under the age of 65, adults under 65, 4455 concerns (17%)")
                .iter()
                .map(|n| n.value)
                .collect();
        assert_eq!(q, vec![4455.0, 17.0]);
        // Gateshead's "885 people were aged 18 to 64 and 2,865 were aged 65+"; "aged between
        // 18 and 64"; but "aged 65 and 2,000 carers" keeps its 2,000.
        let q: Vec<f64> = quantities(
            "885 people were aged 18 to 64 and 2,865 were aged 65+; 40 aged between 18 and 64; aged 65 and 2,000 carers",
        )
        .iter()
        .map(|n| n.value)
        .collect();
        assert_eq!(q, vec![885.0, 2865.0, 40.0, 2000.0]);
    }
}
