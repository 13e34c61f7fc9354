//! Directions in the captions of figures side by side (the tiles of an infographic, as PDF
//! text gives them): the figures on one line, then their captions interleaved line by line,
//! so that no sentence holds a figure with its own words (Worcestershire's Local Account
//! 2023/24):
//!
//! ```text
//! 99%
//! 1025 " of people fully achieved/partially achieved
//! Section 42 Safeguarding outcomes, which remained the same as last
//! enquiries commenced, a decrease year's figure.
//! from 1309 the previous year.
//! ```
//!
//! Two phrases: "a decrease ... from 1309 the previous year" (last year's value, a count) and
//! "remained the same as last year" (no value). Left to right cannot be read back from such
//! text, but kinds can: last year's value belongs to the one figure of its kind (1309 is a
//! count: 1025, not 99%), and a "same" phrase to the one figure left. Read only when:
//!
//! * a sentence starts with two or more figures side by side (no word of three letters
//!   between them), counts or percentages that no pattern placed, and states no other;
//! * the captions are the rest of that sentence and the short one-line sentences after it
//!   (at most four, of at most 100 bytes), up to the first that states a figure other than
//!   last year's value;
//! * every phrase found has exactly one figure: last year's value one figure of its kind,
//!   not taken by another phrase; a "same" phrase the one figure left.
//!
//! Otherwise nothing is drafted (a sentence that says all of it in order is read by
//! `change`). The pairing is by kind, so the draft says so in its notes.

use super::numbers::{Kind, Number};
use super::words::squash;
use super::Draft;
use crate::account::claims::{ClaimKind, Direction};
use crate::account::read::Span;

const SAME: [&str; 6] = [
    "remained the same",
    "stayed the same",
    "remained unchanged",
    "unchanged from last year",
    "no change from last year",
    "the same as last year",
];
const TIME: [&str; 5] = [
    "previous year",
    "last year",
    "year before",
    "prior year",
    "previous financial year",
];
const UP: [&str; 9] = [
    "increase",
    "increased",
    "rise",
    "rose",
    "risen",
    "up",
    "grew",
    "higher",
    "growth",
];
const DOWN: [&str; 11] = [
    "decrease",
    "decreased",
    "fall",
    "fell",
    "fallen",
    "down",
    "drop",
    "dropped",
    "reduction",
    "reduced",
    "lower",
];

/// A phrase of the captions: last year's value (its number) or "the same".
struct Phrase {
    previous: Option<Number>,
    direction: Direction,
    /// The phrase's bytes in the document.
    span: Span,
}

pub(crate) fn tile_directions(d: &mut Draft<'_>) {
    for si in 0..d.sentences().len() {
        let _ = tiles_at(d, si);
    }
}

fn tiles_at(d: &mut Draft<'_>, si: usize) -> Option<()> {
    let s = &d.sentences()[si];
    if s.heading || s.table {
        return None;
    }
    let lead = lead(d, si)?;
    if lead.len() != s.numbers.len() {
        return None;
    }
    // The captions: this sentence after the figures and the short lines after it.
    let mut window = vec![si];
    for j in si + 1..(si + 5).min(d.sentences().len()) {
        let o = &d.sentences()[j];
        let t = d.sentence(j).trim();
        if o.table || t.len() > 100 || t.contains('\n') {
            break;
        }
        window.push(j);
        if !o.numbers.is_empty() {
            break;
        }
    }
    let phrases = phrases(d, &window)?;
    if phrases.is_empty() || phrases.len() > lead.len() {
        return None;
    }
    // Last year's values first, by kind; then "the same", to the one figure left.
    let mut taken: Vec<Option<usize>> = vec![None; lead.len()];
    for (k, p) in phrases.iter().enumerate() {
        let Some(prev) = &p.previous else { continue };
        let fits: Vec<usize> = (0..lead.len())
            .filter(|&i| lead[i].kind == prev.kind)
            .collect();
        let [i] = fits[..] else { return None };
        if taken[i].is_some() {
            return None;
        }
        taken[i] = Some(k);
    }
    for (k, p) in phrases.iter().enumerate() {
        if p.previous.is_some() {
            continue;
        }
        let free: Vec<usize> = (0..lead.len()).filter(|&i| taken[i].is_none()).collect();
        let [i] = free[..] else { return None };
        taken[i] = Some(k);
    }
    let start = d.sentences()[si].span.start;
    let figures: Vec<&str> = lead.iter().map(|n| d.text(n.span)).collect();
    let figures = figures.join(" ");
    for (i, k) in taken.iter().enumerate() {
        let Some(k) = *k else { continue };
        let (n, p) = (&lead[i], &phrases[k]);
        let label = format!("{} (figures side by side: {figures})", d.text(n.span));
        let Some(reference) = d.figure(si, n, &label) else {
            continue;
        };
        if let Some(prev) = &p.previous {
            if !d.set_previous(&reference, prev) {
                continue;
            }
        }
        let text = format!("{} ... {}", d.text(n.span), squash(d.text(p.span)));
        let hint = format!("tile {}", d.text(n.span));
        let mut c = d.claim(ClaimKind::Direction, &hint, &text, si);
        let span = Span::new(start, p.span.end.max(d.sentences()[si].span.end));
        d.text(span).clone_into(&mut c.quote);
        c.span = Some(span);
        c.subject = Some(reference);
        c.direction = Some(p.direction);
        d.push_claim(c);
    }
    let note = format!(
        "figures side by side ({figures}) were paired with the directions of their interleaved captions by kind: check the pairing"
    );
    d.ds.notes.push(note);
    Some(())
}

/// The figures a sentence starts with, side by side (two or more, counts or percentages,
/// none placed).
fn lead(d: &Draft<'_>, si: usize) -> Option<Vec<Number>> {
    let s = &d.sentences()[si];
    let text = d.sentence(si);
    let base = s.span.start;
    let mut out = Vec::new();
    let mut at = 0;
    for n in &s.numbers {
        let gap = &text[at..n.span.start - base];
        if gap
            .split(|c: char| !c.is_alphabetic())
            .any(|w| w.len() >= 3)
        {
            break;
        }
        if !matches!(n.kind, Kind::Count | Kind::Percent) || d.is_placed(n) {
            return None;
        }
        out.push(n.clone());
        at = n.span.end - base;
    }
    (out.len() >= 2).then_some(out)
}

/// The phrases of the captions (sentences `window`, lower case, read as one text); `None`
/// when a caption states a figure that is not last year's value.
fn phrases(d: &Draft<'_>, window: &[usize]) -> Option<Vec<Phrase>> {
    // The window as one text, with where each sentence starts in it and in the document.
    let mut text = String::new();
    let mut starts = Vec::new();
    for &j in window {
        starts.push((text.len(), d.sentences()[j].span.start));
        text.push_str(&d.lower(j));
        text.push(' ');
    }
    let doc_at = |k: usize| {
        let (w, s) = starts
            .iter()
            .rev()
            .find(|(w, _)| *w <= k)
            .copied()
            .unwrap_or((0, 0));
        s + (k - w).min(text.len())
    };
    let mut out = Vec::new();
    for (wi, &j) in window.iter().enumerate().skip(1) {
        for n in &d.sentences()[j].numbers {
            if d.is_placed(n) {
                return None;
            }
            let at = starts[wi].0 + (n.span.start - starts[wi].1);
            let end = starts[wi].0 + (n.span.end - starts[wi].1);
            let pre = text[..at].trim_end();
            let after = &text[end..(end + 40).min(text.len())];
            if !pre.ends_with(" from") && pre != "from" || !TIME.iter().any(|t| after.contains(t)) {
                return None;
            }
            // The direction: the few words before "from", and one direction only.
            let words: Vec<(usize, &str)> = word_starts(&pre[..pre.len() - 4]);
            let last: Vec<&(usize, &str)> = words.iter().rev().take(5).collect();
            let up = last.iter().find(|(_, w)| UP.contains(w));
            let down = last.iter().find(|(_, w)| DOWN.contains(w));
            let (direction, from) = match (up, down) {
                (Some((k, _)), None) => (Direction::Increase, *k),
                (None, Some((k, _))) => (Direction::Decrease, *k),
                _ => return None,
            };
            if last.iter().any(|(_, w)| *w == "same" || *w == "unchanged") {
                return None;
            }
            out.push(Phrase {
                previous: Some(n.clone()),
                direction,
                span: Span::new(doc_at(from), n.span.end),
            });
        }
    }
    for phrase in SAME {
        if let Some(k) = text.find(phrase) {
            let a = doc_at(k);
            out.push(Phrase {
                previous: None,
                direction: Direction::Same,
                span: Span::new(a, a + phrase.len()),
            });
            break;
        }
    }
    Some(out)
}

/// The words of a text with where each starts (ASCII letters and apostrophes).
fn word_starts(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let letter = c.is_ascii_alphabetic();
        match (letter, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

#[cfg(test)]
#[path = "tile_directions_tests.rs"]
mod tests;
