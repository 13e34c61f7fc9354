//! Conversion rates: "27% the rate of concerns that led to an enquiry", "the proportion of
//! contacts that resulted in an assessment was 31%", "27% of concerns led to an enquiry".
//!
//! The share of one count (concerns) that led to another (enquiries): the denominator is
//! the count the first noun names, the numerator is not stated, so the counts the second
//! noun names are the claim's `candidates` (the audit tries each; none fitting leaves it
//! unchecked, and last year's rate follows from last year's counts). Read when:
//!
//! * the sentence states exactly one percentage and one such phrase: "(the) rate /
//!   proportion / percentage / share of <noun> that led to / resulted in <noun>", or
//!   "N% of <noun> led to / resulted in <noun>";
//! * exactly one count of the draft is named by the first noun (`count_names`), and at
//!   least one other by the second.
//!
//! PDF text of figures side by side breaks the phrase's line with a neighbour's caption
//! (seed 004: "the rate of concerns that led to an enquiry, year compared to 1141 last
//! year." / "down 11% from last year."). When the phrase ends with a comma and the next
//! sentence of the same block is a change phrase alone ("down 11% from last year"), in lower
//! case, with no other figure, that change is drafted as the rate's, and the notes say so.

use super::count_names::{area_words, counts_named, counts_named_in_context, words};
use super::numbers::{Kind, Number};
use super::words::squash;
use super::Draft;
use crate::account::claims::{ChangeUnit, ClaimKind};

const RATE_WORDS: [&str; 4] = ["rate of ", "proportion of ", "percentage of ", "share of "];
const LED_TO: [&str; 5] = [
    " that led to ",
    " which led to ",
    " that resulted in ",
    " which resulted in ",
    " led to ",
];

pub(crate) fn led_to_shares(d: &mut Draft<'_>) {
    for si in 0..d.sentences().len() {
        let s = &d.sentences()[si];
        if s.heading || s.table {
            continue;
        }
        let _ = share_at(d, si);
    }
}

/// The phrase's nouns and where it starts and ends in `lower`.
struct Phrase {
    of: String,
    to: String,
    start: usize,
    end: usize,
}

fn phrase(lower: &str) -> Option<Phrase> {
    let mut found = Vec::new();
    for led in LED_TO {
        let mut from = 0;
        while let Some(k) = lower[from..].find(led) {
            let at = from + k;
            from = at + led.len();
            // The first noun: one to three words back to "rate of" or a percentage's "of".
            let before = &lower[..at];
            let Some((start, of)) = RATE_WORDS
                .iter()
                .filter_map(|w| before.rfind(w).map(|i| (i, i + w.len())))
                .chain(before.rfind("% of ").map(|i| (i, i + 5)))
                .max_by_key(|&(_, e)| e)
            else {
                continue;
            };
            let first = &before[of..];
            let nw = first.split(' ').filter(|w| !w.is_empty()).count();
            if nw == 0 || nw > 3 || !first.bytes().all(|b| b.is_ascii_alphabetic() || b == b' ') {
                continue;
            }
            // The second noun: after an article, up to punctuation, at most two words.
            let rest = &lower[from..];
            let rest = rest
                .strip_prefix("an ")
                .or_else(|| rest.strip_prefix("a "))
                .unwrap_or(rest);
            let word_end = rest
                .find(|c: char| !(c.is_ascii_alphabetic() || c == ' '))
                .unwrap_or(rest.len());
            let to: Vec<&str> = rest[..word_end]
                .split(' ')
                .filter(|w| !w.is_empty())
                .take(2)
                .collect();
            if to.is_empty() {
                continue;
            }
            let end = lower.len() - rest.len() + rest[..word_end].trim_end().len();
            let start = if before[..start].ends_with("the ") {
                start - 4
            } else {
                start
            };
            found.push(Phrase {
                of: first.trim().to_owned(),
                to: to.join(" "),
                start,
                end,
            });
        }
        if !found.is_empty() {
            break;
        }
    }
    let [p] = <[Phrase; 1]>::try_from(found).ok()?;
    Some(p)
}

fn share_at(d: &mut Draft<'_>, si: usize) -> Option<()> {
    let s = d.sentences()[si].clone();
    let lower = d.lower(si);
    let p = phrase(&lower)?;
    let pcts: Vec<&Number> = s
        .numbers
        .iter()
        .filter(|n| n.kind == Kind::Percent)
        .collect();
    let [pct] = pcts[..] else { return None };
    if d.is_placed(pct)
        && !d
            .figure_of(pct)
            .is_some_and(|f| f.starts_with("percentages."))
    {
        return None;
    }
    let pct = pct.clone();
    let area = area_words(d);
    let [den] = &counts_named(d, &words(&p.of, &area))[..] else {
        return None;
    };
    let den = den.clone();
    let mut candidates = counts_named(d, &words(&p.to, &area));
    candidates.retain(|c| *c != den);
    // Counts named only by their sentences are candidates too: the numerator is open.
    candidates.extend(
        counts_named_in_context(d, &words(&p.to, &area))
            .into_iter()
            .filter(|c| *c != den),
    );
    candidates.sort();
    candidates.dedup();
    if candidates.is_empty() {
        return None;
    }
    let label = squash(&d.sentence(si)[p.start..p.end]);
    let subject = d.figure(si, &pct, &label)?;
    let text = format!("{} {label}", d.text(pct.span));
    let mut c = d.claim(ClaimKind::Share, &label, &text, si);
    c.subject = Some(subject.clone());
    c.denominator = Some(den);
    c.candidates = candidates;
    c.stated = Some(pct.value);
    c.decimals = Some(pct.decimals);
    if !d.push_claim(c) {
        return None;
    }
    d.use_number(&pct);
    if lower[p.end..].starts_with(',') {
        continued_change(d, si, &subject, &label);
    }
    Some(())
}

/// "down 11% from last year" alone in the next sentence of the block: the rate's change.
fn continued_change(d: &mut Draft<'_>, si: usize, subject: &str, label: &str) -> Option<()> {
    let j = si + 1;
    let (s, o) = (&d.sentences()[si], d.sentences().get(j)?);
    if o.block != s.block || o.heading || o.table {
        return None;
    }
    let [n] = &o.numbers[..] else { return None };
    if n.kind != Kind::Percent || d.is_placed(n) {
        return None;
    }
    let n = n.clone();
    let lower = d.lower(j);
    let pre = lower[..n.span.start - o.span.start].trim_end();
    let sign = match pre {
        "up" | "up by" | "an increase of" | "increased by" | "rose by" => 1.0,
        "down" | "down by" | "a decrease of" | "decreased by" | "fell by" | "a reduction of" => {
            -1.0
        }
        _ => return None,
    };
    let post = lower[n.span.end - o.span.start..].trim();
    let post = post
        .strip_prefix("from ")
        .or_else(|| post.strip_prefix("on "))?;
    if !["last year", "the previous year", "previous year"]
        .iter()
        .any(|t| post.trim_end_matches('.') == *t)
    {
        return None;
    }
    let text = squash(d.sentence(j)).trim_end_matches('.').to_owned();
    let mut c = d.claim(ClaimKind::Change, label, &text, j);
    c.subject = Some(subject.to_owned());
    c.unit = Some(ChangeUnit::Percent);
    c.stated = Some(sign * n.value);
    c.decimals = Some(n.decimals);
    let id = c.id.clone();
    if d.push_claim(c) {
        d.use_number(&n);
        d.ds.notes.push(format!(
            "claim {id}: \"{text}\" stands alone after \"{label},\" (a line broken by a neighbouring caption) and was read as its change: check it"
        ));
    }
    Some(())
}

#[cfg(test)]
#[path = "led_to_share_tests.rs"]
mod tests;
