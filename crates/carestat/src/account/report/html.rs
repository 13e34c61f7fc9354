//! The audit page: one self-contained HTML page of a document's findings.
//!
//! [`audit_page`] is a pure function of the document's text and the findings. The page has a
//! summary at the top (how many claims are consistent, ambiguous, inconsistent, unchecked),
//! then the document's text with each checked claim's quote highlighted by its status (the
//! claim's [`Span`] into the text) and, beside each paragraph, the recomputation of the claims
//! quoted in it: the stated figure, the recomputed value and its range, the reading, the
//! implied value and the reason. Findings without a span that fits the text (and every finding
//! when there is no text) are listed in a findings table instead.
//!
//! The page is safe to open whatever the document holds: every piece of text is HTML-escaped;
//! control characters and the invisible Unicode controls that can reorder or hide text (bidi
//! overrides and isolates, zero-width characters) are shown as visible `\u{..}` escapes; the
//! page loads nothing (inline CSS, no scripts, no images) and its Content-Security-Policy
//! forbids scripts and every external resource, so even text that slipped through could run
//! nothing.

use std::fmt::Write as _;

use crate::account::audit::{Finding, Status};
use crate::account::read::Span;
use crate::account::text::{detail, num};

/// How a finding is shown: its [`Status`], ordered by severity (the most severe status of
/// the claims a stretch of text carries colours it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Shown {
    Consistent,
    Unchecked,
    Ambiguous,
    Inconsistent,
}

/// The order the summary lists them in.
const SHOWN: [Shown; 4] = [
    Shown::Consistent,
    Shown::Ambiguous,
    Shown::Inconsistent,
    Shown::Unchecked,
];

impl Shown {
    fn of(f: &Finding) -> Self {
        match f.status {
            Status::Inconsistent => Self::Inconsistent,
            Status::Unchecked => Self::Unchecked,
            Status::Ambiguous => Self::Ambiguous,
            Status::Consistent => Self::Consistent,
        }
    }

    /// The CSS class and the word the page shows.
    const fn class(self) -> &'static str {
        match self {
            Self::Consistent => "consistent",
            Self::Unchecked => "unchecked",
            Self::Ambiguous => "ambiguous",
            Self::Inconsistent => "inconsistent",
        }
    }
}

const STYLE: &str = "\
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:80rem;padding:1rem 2rem;color:#1b1b1b;background:#fff}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
.summary{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0;margin:.5rem 0}
.summary li{padding:.3rem .8rem;border-radius:.3rem;border:1px solid #bbb}
.summary .n{font-weight:700;font-size:1.2rem;margin-right:.3rem}
.consistent{background:#d9f2dc}.ambiguous{background:#fff1c2}
.inconsistent{background:#f9d0d0}.unchecked{background:#e3e6ee}
mark{color:inherit;border-bottom:2px solid #666;unicode-bidi:isolate}
mark.inconsistent{border-color:#b00020}mark.ambiguous{border-color:#a66f00}
mark.consistent{border-color:#1e7b34}mark.unchecked{border-color:#56607a}
.ref{font-size:.75em;vertical-align:super;text-decoration:none;margin:0 .1em}
.row{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1.5rem;border-top:1px solid #eee;padding:.4rem 0}
.text{white-space:pre-wrap;overflow-wrap:anywhere;unicode-bidi:isolate}
.note{border-left:4px solid #666;padding:.3rem .6rem;margin:0 0 .5rem;font-size:.9rem;overflow-wrap:anywhere}
.note.inconsistent{border-color:#b00020}.note.ambiguous{border-color:#a66f00}
.note.consistent{border-color:#1e7b34}.note.unchecked{border-color:#56607a}
.note p{margin:.2rem 0}.note dl{display:grid;grid-template-columns:auto 1fr;gap:0 .6rem;margin:.2rem 0}
.note dt{color:#555}.note dd{margin:0}
.badge{font-weight:700;text-transform:uppercase;font-size:.75rem;letter-spacing:.05em}
.ctl{font-family:monospace;font-size:.85em;background:#ffe08a;border-radius:.2rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border:1px solid #ccc;padding:.3rem .5rem;vertical-align:top;text-align:left;overflow-wrap:anywhere}
";

/// The audit page of a document: `title`, the document's `text` (or `None` for a dataset
/// with no document text) and its `findings`, as one self-contained HTML page.
///
/// A finding is highlighted when its `span` lies within the text on character boundaries
/// and is not empty; the others are listed in a table below the text. Claims whose quotes
/// overlap split the overlap, and the overlap shows the most serious status
/// (inconsistent, ambiguous, unchecked, consistent in that order).
///
/// ```
/// use carestat::account::{audit, audit_page, Dataset};
/// let text = "1305 enquiries compared to 1141 last year.";
/// let ds = Dataset::from_json_str(r#"{"format_version": 1, "area": {"name": "X"},
///   "period": {"label": "2023/24", "start": "2023-04-01", "end": "2024-03-31"},
///   "counts": {"c": {"label": "Enquiries", "value": 1305, "previous": 1141, "quote": ""}},
///   "claims": [{"id": "up", "kind": "direction", "subject": "counts.c",
///     "direction": "increase", "text": "1305 compared to 1141",
///     "quote": "1305 enquiries compared to 1141 last year.",
///     "span": {"start": 0, "end": 42}}]}"#)?;
/// let page = audit_page("Audit of X", Some(text), &audit(&ds)?);
/// assert!(page.contains(r#"<mark class="consistent" data-claims="1">1305 enquiries"#));
/// # Ok::<(), carestat::Error>(())
/// ```
#[must_use]
pub fn audit_page(title: &str, text: Option<&str>, findings: &[Finding]) -> String {
    let mut out = String::with_capacity(text.map_or(0, str::len) * 2 + findings.len() * 800);
    out.push_str(
        "<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
    );
    escape_with(title, &mut out, false);
    out.push_str("</title>\n<style>\n");
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n<h1>");
    escape(title, &mut out);
    out.push_str("</h1>\n");

    let placed: Vec<Option<Span>> = findings
        .iter()
        .map(|f| text.and_then(|t| f.span.filter(|s| fits(t, *s))))
        .collect();
    summary(findings, &placed, text.is_some(), &mut out);
    if let Some(t) = text {
        out.push_str("<h2>The document</h2>\n<div class=\"document\">\n");
        document(t, findings, &placed, &mut out);
        out.push_str("</div>\n");
    }
    let rest: Vec<usize> = (0..findings.len())
        .filter(|&i| placed[i].is_none())
        .collect();
    if !rest.is_empty() {
        out.push_str(if text.is_some() {
            "<h2>Findings not located in the text</h2>\n"
        } else {
            "<h2>Findings</h2>\n"
        });
        table(findings, &rest, &mut out);
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// Whether `span` can be highlighted in `text`: not empty, within it, on char boundaries.
fn fits(text: &str, span: Span) -> bool {
    !span.is_empty()
        && span.end <= text.len()
        && text.is_char_boundary(span.start)
        && text.is_char_boundary(span.end)
}

fn summary(findings: &[Finding], placed: &[Option<Span>], has_text: bool, out: &mut String) {
    out.push_str("<ul class=\"summary\">\n");
    for shown in SHOWN {
        let n = findings.iter().filter(|f| Shown::of(f) == shown).count();
        let c = shown.class();
        _ = writeln!(
            out,
            "<li class=\"{c}\" data-status=\"{c}\"><span class=\"n\">{n}</span>{c}</li>"
        );
    }
    out.push_str("</ul>\n<p class=\"totals\">");
    let n = findings.len();
    _ = write!(
        out,
        "{n} {} checked",
        if n == 1 { "claim" } else { "claims" }
    );
    if has_text {
        let at = placed.iter().filter(|p| p.is_some()).count();
        _ = write!(
            out,
            "; {at} highlighted in the text, {} not located",
            n - at
        );
    } else {
        out.push_str("; no document text was given, so the findings are listed in a table");
    }
    out.push_str(".</p>\n");
}

/// The paragraphs of `text` as byte ranges: runs of text separated by blank lines, except
/// that a separator some highlighted span reaches into joins its neighbours.
fn rows(text: &str, spans: &[Span]) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut rows = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < b.len() {
        if b[i] == b'\n' {
            // Blank lines: a newline, then lines of only spaces, tabs and CRs, then a newline.
            let mut j = i + 1;
            let mut blank_end = None;
            let mut k = j;
            while k < b.len() && matches!(b[k], b' ' | b'\t' | b'\r' | b'\n') {
                if b[k] == b'\n' {
                    blank_end = Some(k + 1);
                }
                k += 1;
            }
            if let Some(end) = blank_end {
                j = end;
                let crossed = spans.iter().any(|s| s.start < j && s.end > i);
                if !crossed {
                    if i > start {
                        rows.push((start, i));
                    }
                    start = j;
                }
            }
            i = j;
        } else {
            i += 1;
        }
    }
    if start < b.len() || rows.is_empty() {
        rows.push((start, b.len()));
    }
    rows
}

fn document(text: &str, findings: &[Finding], placed: &[Option<Span>], out: &mut String) {
    let spans: Vec<Span> = placed.iter().flatten().copied().collect();
    for (start, end) in rows(text, &spans) {
        let here: Vec<usize> = (0..findings.len())
            .filter(|&i| placed[i].is_some_and(|s| s.start >= start && s.start < end))
            .collect();
        out.push_str("<div class=\"row\"><div class=\"text\">");
        row_text(text, start, end, findings, placed, out);
        out.push_str("</div><aside class=\"notes\">");
        for &i in &here {
            note(i, &findings[i], out);
        }
        out.push_str("</aside></div>\n");
    }
}

/// One paragraph, split at every start and end of a highlighted span inside it; each piece
/// that some span covers is a `<mark>` of the most serious status among them; each claim's
/// number follows its quote as a link to its note.
fn row_text(
    text: &str,
    start: usize,
    end: usize,
    findings: &[Finding],
    placed: &[Option<Span>],
    out: &mut String,
) {
    let mut cuts = vec![start, end];
    for s in placed.iter().flatten() {
        for p in [s.start, s.end] {
            if p > start && p < end {
                cuts.push(p);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let covering: Vec<usize> = (0..findings.len())
            .filter(|&i| placed[i].is_some_and(|s| s.start <= a && b <= s.end))
            .collect();
        if let Some(worst) = covering.iter().map(|&i| Shown::of(&findings[i])).max() {
            _ = write!(out, "<mark class=\"{}\" data-claims=\"", worst.class());
            for (k, i) in covering.iter().enumerate() {
                _ = write!(out, "{}{}", if k > 0 { " " } else { "" }, i + 1);
            }
            out.push_str("\">");
            escape(&text[a..b], out);
            out.push_str("</mark>");
        } else {
            escape(&text[a..b], out);
        }
        for (i, _) in placed
            .iter()
            .enumerate()
            .filter(|(_, s)| s.is_some_and(|s| s.end == b))
        {
            let n = i + 1;
            _ = write!(
                out,
                "<a class=\"ref {}\" id=\"q{n}\" href=\"#f{n}\">{n}</a>",
                Shown::of(&findings[i]).class()
            );
        }
    }
}

/// A stated or computed number with its unit: `76%`, `9 points`, `803 per 100,000`.
fn with_unit(value: &str, unit: &str) -> String {
    match unit {
        "" => value.to_owned(),
        "%" => format!("{value}%"),
        u => format!("{value} {u}"),
    }
}

/// `value` printed with `decimals` places (as stated) or, for computed values, with enough
/// places to show how it rounds ([`detail`]).
fn shown_number(value: f64, decimals: Option<i32>, exact: bool) -> String {
    match (decimals, exact) {
        (Some(d), true) => num(value, d),
        (Some(d), false) => detail(value, d),
        (None, _) => num(value, 3)
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_owned(),
    }
}

fn range(lo: Option<f64>, hi: Option<f64>, d: Option<i32>) -> Option<String> {
    let end = |x: Option<f64>, none: &str| x.map_or(none.to_owned(), |x| shown_number(x, d, false));
    match (lo, hi) {
        (None, None) => None,
        (lo, hi) => Some(format!(
            "{} to {}",
            end(lo, "no limit"),
            end(hi, "no limit")
        )),
    }
}

fn note(i: usize, f: &Finding, out: &mut String) {
    let n = i + 1;
    let shown = Shown::of(f);
    let c = shown.class();
    _ = write!(
        out,
        "<div class=\"note {c}\" id=\"f{n}\" data-status=\"{c}\"><p><a href=\"#q{n}\">{n}</a> \
         <span class=\"badge\">{c}</span> <code>"
    );
    escape(&f.claim, out);
    _ = write!(out, "</code> ({})</p><p>\u{201c}", f.kind.name());
    escape(&f.text, out);
    out.push_str("\u{201d}</p><dl>");
    let mut item = |term: &str, value: &str| {
        _ = write!(out, "<dt>{term}</dt><dd>");
        escape(value, out);
        out.push_str("</dd>");
    };
    if let Some(s) = f.stated {
        item(
            "stated",
            &with_unit(&shown_number(s, f.decimals, true), &f.unit),
        );
    }
    if let Some(v) = f.computed {
        item(
            "recomputed",
            &with_unit(&shown_number(v, f.decimals, false), &f.unit),
        );
    }
    if let Some(r) = range(f.computed_lower, f.computed_upper, f.decimals) {
        item("within rounding", &with_unit(&r, &f.unit));
    }
    if let Some(r) = &f.reading {
        item("reading", r);
    }
    if let Some(what) = &f.implied_what {
        let mut v = f
            .implied
            .map_or_else(String::new, |x| shown_number(x, None, true));
        if let Some(r) = range(f.implied_lower, f.implied_upper, None) {
            v = if v.is_empty() {
                r
            } else {
                format!("{v} ({r})")
            };
        }
        item(&format!("implied {what}"), &v);
    }
    out.push_str("</dl><p class=\"reason\">");
    escape(&f.reason, out);
    out.push_str("</p></div>");
}

fn table(findings: &[Finding], rows: &[usize], out: &mut String) {
    out.push_str(
        "<table class=\"findings\">\n<thead><tr><th>#</th><th>status</th><th>claim</th><th>kind</th>\
         <th>text</th><th>stated</th><th>recomputed</th><th>reason</th><th>quote</th></tr></thead>\n<tbody>\n",
    );
    for &i in rows {
        let f = &findings[i];
        let c = Shown::of(f).class();
        _ = write!(
            out,
            "<tr id=\"f{}\" class=\"{c}\" data-status=\"{c}\"><td>{}</td><td>{c}</td><td><code>",
            i + 1,
            i + 1
        );
        escape(&f.claim, out);
        _ = write!(out, "</code></td><td>{}</td><td>", f.kind.name());
        for (k, v) in [
            f.text.clone(),
            f.stated
                .map(|s| with_unit(&shown_number(s, f.decimals, true), &f.unit))
                .unwrap_or_default(),
            f.computed
                .map(|s| with_unit(&shown_number(s, f.decimals, false), &f.unit))
                .unwrap_or_default(),
            f.reason.clone(),
            f.quote.clone(),
        ]
        .iter()
        .enumerate()
        {
            if k > 0 {
                out.push_str("</td><td>");
            }
            escape(v, out);
        }
        out.push_str("</td></tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

/// Whether `c` is shown as a visible escape: control characters (other than newline, tab
/// and carriage return) and the invisible format characters that reorder or hide text
/// (bidi marks, embeddings, overrides and isolates; zero-width spaces and joiners; the
/// word joiner and invisible operators; the byte-order mark; interlinear annotations).
fn hidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
        || matches!(c,
            '\u{061c}' | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2069}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}')
}

/// Appends `s` to `out` as HTML text (safe in element content and in quoted attributes),
/// each [`hidden`] character as a highlighted `\u{..}`.
fn escape(s: &str, out: &mut String) {
    escape_with(s, out, true);
}

/// [`escape`]; with `markup` false (for `<title>`, which holds no tags) a hidden character
/// is a plain `\u{..}`.
fn escape_with(s: &str, out: &mut String, markup: bool) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if hidden(c) && !markup => _ = write!(out, "\\u{{{:x}}}", c as u32),
            c if hidden(c) => {
                _ = write!(
                    out,
                    "<span class=\"ctl\" title=\"U+{:04X}\">\\u{{{:x}}}</span>",
                    c as u32, c as u32
                );
            }
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests;
