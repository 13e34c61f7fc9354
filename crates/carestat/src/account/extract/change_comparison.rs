//! Comparisons of two rises: the area's against England's or another comparator's
//! (Worcestershire's Local Account 2023/24, seed 004, "Our Demographics", as the PDF's text
//! gives it, the infographic's "20%" standing before its caption):
//!
//! ```text
//! Worcestershire maintains a higher
//! proportion of older people than the
//! national average which has seen a 27%
//! rise in 65+ population compared to
//!
//! 20% national average increase of 20%.
//! ```
//!
//! Read only when:
//!
//! * a percentage no pattern placed is a rise: "a 27% rise", "a 27% increase", "27% growth"
//!   or "a rise of 27%" (rises only: for falls "higher" and "lower" could mean the fall or
//!   the level);
//! * a connector follows it ("compared to", "compared with", "than", "against", "versus"),
//!   then a comparator (England, national, the region, peers, ...: `labelled_comparison`'s
//!   list) and a rise of it, "increase of 20%" or "20% increase", ending the sentence;
//! * the sentence states no other quantity, except that when it ends at the connector it goes
//!   on in the next sentence of its section, whose leading figures may only be the
//!   comparator's value printed again (an infographic's large number before its caption);
//! * the words before the connector state exactly one relation ("higher", "lower", ...).
//!   As the bundled dataset reads it, that relation is the comparison's. It may be said of
//!   something else ("a higher proportion of older people ... a 27% rise"): when the two
//!   values as printed contradict it, nothing is drafted and the figure is left with why.

use super::comparison::{push_comparison, RELATIONS};
use super::labelled_comparison::COMPARATORS;
use super::numbers::{Kind, Number};
use super::words::{find_word, squash};
use super::Draft;
use crate::account::claims::{ChangeUnit, ClaimKind, Relation};
use crate::account::read::Span;

const RISES: [&str; 3] = ["rise", "increase", "growth"];
const CONNECTORS: [&str; 5] = ["compared to", "compared with", "than", "against", "versus"];

pub(crate) fn change_comparisons(d: &mut Draft<'_>) {
    for si in 0..d.sentences().len() {
        let s = &d.sentences()[si];
        if s.heading || s.table || s.numbers.is_empty() {
            continue;
        }
        let _ = at(d, si);
    }
}

/// The sentence's quantities (years left out).
fn quantities(d: &Draft<'_>, si: usize) -> Vec<Number> {
    d.sentences()[si]
        .numbers
        .iter()
        .filter(|n| !matches!(n.kind, Kind::Year | Kind::FinancialYear))
        .cloned()
        .collect()
}

/// Whether the percentage at `start..end` of `lower` is a rise ("27% rise", "rise of 27%").
fn is_rise(lower: &str, start: usize, end: usize) -> bool {
    let after = lower[end..].trim_start();
    let before = lower[..start].trim_end();
    RISES.iter().any(|r| {
        after
            .strip_prefix(r)
            .is_some_and(|t| t.is_empty() || t.starts_with(' '))
            || before
                .strip_suffix(" of")
                .is_some_and(|b| b.ends_with(&format!(" {r}")) || b == *r)
    })
}

fn at(d: &mut Draft<'_>, si: usize) -> Option<()> {
    let s = d.sentences()[si].clone();
    let base = s.span.start;
    let own = quantities(d, si);
    let [x] = &own[..] else {
        // Two figures: the area's rise and the comparator's, in one sentence.
        return at_pair(d, si, &own);
    };
    let x = x.clone();
    // One figure: the sentence must end at a connector and go on in the next.
    let lower = d.lower(si);
    let (xs, xe) = (x.span.start - base, x.span.end - base);
    if x.kind != Kind::Percent || d.is_placed(&x) || !is_rise(&lower, xs, xe) {
        return None;
    }
    let tail = lower.trim_end();
    let connector = CONNECTORS
        .iter()
        .find(|c| tail.ends_with(*c) && tail[..tail.len() - c.len()].ends_with(' '))?;
    let at_connector = tail.len() - connector.len();
    if at_connector < xe {
        return None;
    }
    let ni = si + 1;
    let n = d.sentences().get(ni)?.clone();
    if n.section != s.section || n.heading || n.table {
        return None;
    }
    let next = d.lower(ni);
    let nq = quantities(d, ni);
    let (y, tiles) = nq.split_last()?;
    let nbase = n.span.start;
    // Leading figures: the comparator's value printed again, before any word.
    let mut from = 0;
    for t in tiles {
        let (ts, te) = (t.span.start - nbase, t.span.end - nbase);
        if !next[from..ts].trim().is_empty() || t.value != y.value || t.kind != y.kind {
            return None;
        }
        from = te;
    }
    let y = y.clone();
    let phrase = &next[from..y.span.start - nbase];
    let label = comparator_rise(phrase, &next[y.span.end - nbase..])?;
    let tiles = tiles.to_vec();
    let before = &lower[..at_connector];
    let text = format!(
        "{} {}",
        squash(&d.sentence(si)[start_of(&lower, xs)..]),
        squash(&d.sentence(ni)[from..y.span.end - nbase]).trim_start()
    );
    let span = Span {
        start: base,
        end: n.span.end,
    };
    let label = squash(&d.sentence(ni)[from + label.0..from + label.1]);
    draft(
        d,
        si,
        before,
        Rises {
            x: &x,
            y: &y,
            label,
            text: &text,
            span,
        },
    )?;
    for t in &tiles {
        d.use_number(t);
    }
    Some(())
}

/// "a 27% rise ... compared to the national average increase of 20%." in one sentence.
fn at_pair(d: &mut Draft<'_>, si: usize, own: &[Number]) -> Option<()> {
    let [x, y] = own else { return None };
    let base = d.sentences()[si].span.start;
    let lower = d.lower(si);
    let (xs, xe) = (x.span.start - base, x.span.end - base);
    if x.kind != Kind::Percent || d.is_placed(x) || d.is_placed(y) || !is_rise(&lower, xs, xe) {
        return None;
    }
    let ys = y.span.start - base;
    let (at_connector, connector) = CONNECTORS
        .iter()
        .filter_map(|c| find_word(&lower[xe..ys], c).map(|i| (xe + i, *c)))
        .min()?;
    let from = at_connector + connector.len();
    let label = comparator_rise(&lower[from..ys], &lower[y.span.end - base..])?;
    let text = squash(&d.sentence(si)[start_of(&lower, xs)..y.span.end - base]);
    let label = squash(&d.sentence(si)[from + label.0..from + label.1]);
    let span = d.sentences()[si].span;
    let (x, y) = (x.clone(), y.clone());
    draft(
        d,
        si,
        &lower[..at_connector],
        Rises {
            x: &x,
            y: &y,
            label,
            text: &text,
            span,
        },
    )
}

/// Where the claim's text starts: the "a" or "an" before the figure, or the rise word of
/// "a rise of 27%".
fn start_of(lower: &str, xs: usize) -> usize {
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut i = 0;
    for w in lower[..xs].split(' ') {
        if !w.is_empty() {
            words.push((i, w));
        }
        i += w.len() + 1;
    }
    match words[..] {
        [.., (i, "a" | "an"), (_, r), (_, "of")] if RISES.contains(&r) => i,
        [.., (i, r), (_, "of")] if RISES.contains(&r) => i,
        [.., (i, "a" | "an")] => i,
        _ => xs,
    }
}

/// In the words between the connector and the comparator's value, the comparator's name (its
/// byte range) when they name one and end with a rise ("national average increase of");
/// or a rise right after the value ("20% increase"), then nothing but the sentence's end.
fn comparator_rise(phrase: &str, after: &str) -> Option<(usize, usize)> {
    let p = phrase.trim_end();
    let rise_before = RISES.iter().any(|r| {
        p.strip_suffix(" of")
            .is_some_and(|q| q.ends_with(&format!(" {r}")))
    });
    let after = after.trim_start();
    let rise_after = RISES.iter().find_map(|r| {
        after
            .strip_prefix(r)
            .filter(|t| t.is_empty() || t.starts_with([' ', '.', ')', ',']))
    });
    let rest = match (rise_before, rise_after) {
        (true, None) => after,
        (false, Some(t)) => t,
        _ => return None,
    };
    if !matches!(rest.trim(), "" | "." | ")" | ").") {
        return None;
    }
    let (at, term) = COMPARATORS
        .iter()
        .filter_map(|&t| find_word(p, t).map(|i| (i, t)))
        .min_by_key(|&(i, t)| (i, std::cmp::Reverse(t.len())))?;
    let mut end = at + term.len();
    for w in [" average", " mean"] {
        if p[end..].starts_with(w) {
            end += w.len();
        }
    }
    Some((at, end))
}

/// A comparison of two rises as read: the area's figure and the comparator's, the
/// comparator's name, the claim's text and the sentence (or two) it was read from.
struct Rises<'t> {
    x: &'t Number,
    y: &'t Number,
    label: String,
    text: &'t str,
    span: Span,
}

/// Drafts the claim when the words before the connector (`before`) state one relation that
/// the values do not contradict.
fn draft(d: &mut Draft<'_>, si: usize, before: &str, r: Rises<'_>) -> Option<()> {
    let Rises {
        x,
        y,
        label,
        text,
        span,
    } = r;
    if y.kind != Kind::Percent || d.is_placed(y) {
        return None;
    }
    let mut relations: Vec<Relation> = RELATIONS
        .iter()
        .filter(|(w, _)| find_word(before, w).is_some())
        .map(|&(_, r)| r)
        .collect();
    relations.dedup();
    let [relation] = relations[..] else {
        return None;
    };
    let contradicted = match relation {
        Relation::Higher => x.value <= y.value,
        Relation::Lower => x.value >= y.value,
        _ => true,
    };
    if contradicted {
        d.leave(
            x,
            format!(
                "a rise compared with {label}'s, but the sentence's '{}' may be said of another measure",
                relation.name()
            ),
        );
        return None;
    }
    let mut claim = d.claim(ClaimKind::Comparison, &format!("rise {label}"), text, si);
    d.text(span).clone_into(&mut claim.quote);
    claim.span = Some(span);
    // Two rises in per cent, whatever the kind the scanner gave them.
    claim.unit = Some(ChangeUnit::Percent);
    push_comparison(d, claim, (x, y), label, relation).then_some(())
}

#[cfg(test)]
#[path = "change_comparison_tests.rs"]
mod tests;
