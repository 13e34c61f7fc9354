//! An absolute change named by its noun: "an increase of 543 concerns from previous year".
//!
//! `change` reads such a phrase when the figure that changed is right before it in the same
//! sentence. PDF text of figures side by side splits it: the figure, its caption and the
//! change phrase end up in different sentences, interleaved with a neighbouring tile's
//! caption (Worcestershire's Local Account 2023/24):
//!
//! ```text
//! 4455 % 82% %
//! safeguarding concerns 02020 ) of people were asked about their outcomes,
//! received, an increase of anincrease from 73% last year.
//! 543 concerns from
//! previous year.
//! ```
//!
//! The noun says which figure changed. Read when:
//!
//! * a count no pattern placed is followed by its noun (one to three words, a content word
//!   among them: "concerns", "safeguarding referrals") and then last year ("from previous
//!   year", "on last year", "compared to the previous year");
//! * the direction is said right before the count ("an increase of", "a decrease of", "up
//!   by", "fell by"), or the count starts its sentence and the sentence before, in the same
//!   block, has exactly one such phrase left dangling (not followed by a number: its number
//!   went to the next line);
//! * exactly one count of this sentence or of the two before it in the same block, before
//!   the change, is labelled with the noun's words (a count of a percentage's tile, a
//!   percentage, is not a candidate).

use super::count_names::{area_words, words};
use super::numbers::{Kind, Number};
use super::words::{label_after, squash};
use super::Draft;
use crate::account::claims::{ChangeUnit, ClaimKind};

/// Last year, after the noun.
const TIME: [&str; 10] = [
    "from previous year",
    "from the previous year",
    "from last year",
    "on last year",
    "on the previous year",
    "compared to last year",
    "compared to the previous year",
    "compared with last year",
    "compared with the previous year",
    "than last year",
];

/// Direction phrases that end right before their number, with their sign.
const PHRASES: [(&str, f64); 18] = [
    ("an increase of", 1.0),
    ("an increase by", 1.0),
    ("a rise of", 1.0),
    ("a growth of", 1.0),
    ("up by", 1.0),
    ("increased by", 1.0),
    ("rose by", 1.0),
    ("risen by", 1.0),
    ("grew by", 1.0),
    ("a decrease of", -1.0),
    ("a decrease by", -1.0),
    ("a fall of", -1.0),
    ("a reduction of", -1.0),
    ("a drop of", -1.0),
    ("down by", -1.0),
    ("decreased by", -1.0),
    ("fell by", -1.0),
    ("reduced by", -1.0),
];

/// Words after a count that make it not a count of things.
const NOT_NOUNS: [&str; 6] = ["per", "percentage", "points", "point", "pts", "times"];

pub(crate) fn noun_changes(d: &mut Draft<'_>) {
    for si in 0..d.sentences().len() {
        let s = &d.sentences()[si];
        if s.heading || s.table {
            continue;
        }
        for n in s.numbers.clone() {
            let _ = change_at(d, si, &n);
        }
    }
}

fn change_at(d: &mut Draft<'_>, si: usize, n: &Number) -> Option<()> {
    if n.kind != Kind::Count || n.decimals != 0 || n.value <= 0.0 || d.is_placed(n) {
        return None;
    }
    let base = d.sentences()[si].span.start;
    let lower = d.lower(si);
    let post = squash(&lower[n.span.end - base..]);
    let (noun, _) = noun_then_time(&post)?;
    let area = area_words(d);
    let want = words(&noun, &area);
    if want.is_empty() {
        return None;
    }
    let pre = squash(&lower[..n.span.start - base]);
    let (sign, phrase) =
        if let Some(&(p, sign)) = PHRASES.iter().find(|(p, _)| ends_with_words(&pre, p)) {
            (sign, p.to_owned())
        } else if pre.is_empty() {
            dangling_before(d, si)?
        } else {
            return None;
        };
    // The count that changed: labelled with the noun, in this sentence or the two before it
    // in the same block, before the change.
    let block = d.sentences()[si].block;
    let mut fits: Vec<(usize, Number)> = Vec::new();
    for j in (si.saturating_sub(2)..=si).rev() {
        let o = &d.sentences()[j];
        if o.block != block || o.heading || o.table {
            break;
        }
        let ob = o.span.start;
        for m in &o.numbers {
            if m.span.start >= n.span.start || m.kind != Kind::Count || m.decimals != 0 {
                continue;
            }
            if d.is_placed(m) && !d.figure_of(m).is_some_and(|f| f.starts_with("counts.")) {
                continue;
            }
            let label = label_after(d.sentence(j), m.span.end - ob, m.span.start - ob);
            let known = d.figure_of(m).and_then(|f| {
                d.ds.counts
                    .get(f.strip_prefix("counts.").unwrap_or(f))
                    .map(|c| c.label.clone())
            });
            let label = known.unwrap_or(label);
            if want.is_subset(&words(&label, &area)) {
                fits.push((j, m.clone()));
            }
        }
    }
    let [(sj, subject)] = &fits[..] else {
        d.leave(
            n,
            "an absolute change named by its noun, but not exactly one count of that noun before it",
        );
        return None;
    };
    let (sj, subject) = (*sj, subject.clone());
    let ob = d.sentences()[sj].span.start;
    let label = label_after(
        d.sentence(sj),
        subject.span.end - ob,
        subject.span.start - ob,
    );
    let label = noun_label(&label, &want, &area).unwrap_or(label);
    let reference = d.figure(sj, &subject, &label)?;
    let text = format!(
        "{phrase} {} {}",
        d.text(n.span),
        squash(&d.sentence(si)[n.span.end - base..])
    )
    .trim_end_matches('.')
    .to_owned();
    let mut c = d.claim(ClaimKind::Change, &label, &text, si);
    let span = crate::account::read::Span::new(ob.min(base), d.sentences()[si].span.end);
    d.text(span).clone_into(&mut c.quote);
    c.span = Some(span);
    c.subject = Some(reference);
    c.unit = Some(ChangeUnit::Absolute);
    c.stated = Some(sign * n.value);
    c.decimals = Some(0);
    if d.push_claim(c) {
        d.use_number(n);
    }
    Some(())
}

/// The noun after a count and the time phrase that follows it ("concerns from previous
/// year" gives "concerns"); `post` squashed (so no space before the noun), lower case.
fn noun_then_time(post: &str) -> Option<(String, &'static str)> {
    let rest = post;
    if rest.is_empty() {
        return None;
    }
    let ws: Vec<&str> = rest.split(' ').collect();
    for k in 1..=3.min(ws.len()) {
        let noun = &ws[..k];
        if noun
            .iter()
            .any(|w| !w.bytes().all(|b| b.is_ascii_alphabetic()) || NOT_NOUNS.contains(w))
        {
            return None;
        }
        let after = ws[k..].join(" ");
        if let Some(t) = TIME.iter().find(|t| {
            after.starts_with(*t)
                && after[t.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_ascii_alphanumeric())
        }) {
            return Some((noun.join(" "), t));
        }
    }
    None
}

/// The run of words of `label` that ends with the noun ("82% % safeguarding concerns 02020 )"
/// gives "safeguarding concerns"): PDF text puts a neighbouring tile's figures in a label.
fn noun_label(
    label: &str,
    want: &std::collections::BTreeSet<String>,
    area: &[String],
) -> Option<String> {
    let ws: Vec<&str> = label.split(' ').collect();
    let last = ws.iter().position(|w| !words(w, area).is_disjoint(want))?;
    let is_word = |w: &&str| w.bytes().all(|b| b.is_ascii_alphabetic());
    let first = ws[..last]
        .iter()
        .rposition(|w| !is_word(w))
        .map_or(0, |k| k + 1);
    let run: Vec<&str> = ws[first..]
        .iter()
        .take_while(|w| is_word(w))
        .copied()
        .collect();
    let run = run.join(" ");
    want.is_subset(&words(&run, area)).then_some(run)
}

/// Whether `text` ends with the words `phrase` (whole words).
fn ends_with_words(text: &str, phrase: &str) -> bool {
    text.strip_suffix(phrase)
        .is_some_and(|r| r.is_empty() || r.ends_with([' ', '(', ',']))
}

/// The one direction phrase left dangling in the sentence before `si` (same block): not
/// followed by a number, a hedge or "the".
fn dangling_before(d: &Draft<'_>, si: usize) -> Option<(f64, String)> {
    let p = si.checked_sub(1)?;
    let (s, ps) = (&d.sentences()[si], &d.sentences()[p]);
    if ps.block != s.block || ps.heading || ps.table {
        return None;
    }
    let lower = squash(&d.lower(p));
    let mut found = Vec::new();
    for (phrase, sign) in PHRASES {
        let mut from = 0;
        while let Some(k) = lower[from..].find(phrase) {
            let at = from + k;
            from = at + phrase.len();
            let whole_before = at == 0 || !lower.as_bytes()[at - 1].is_ascii_alphanumeric();
            let next = lower[from..].trim_start();
            let word: String = next
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect();
            let dangling = !word.is_empty()
                && !word.starts_with(|c: char| c.is_ascii_digit())
                && !matches!(
                    word.as_str(),
                    "around"
                        | "about"
                        | "almost"
                        | "nearly"
                        | "over"
                        | "approximately"
                        | "just"
                        | "some"
                        | "the"
                );
            if whole_before && dangling {
                found.push((sign, phrase.to_owned()));
            }
        }
    }
    let [one] = &found[..] else { return None };
    Some(one.clone())
}

#[cfg(test)]
#[path = "noun_change_tests.rs"]
mod tests;
