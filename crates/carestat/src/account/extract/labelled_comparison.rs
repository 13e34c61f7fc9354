//! Comparisons printed as labelled values in brackets, the area's and a comparator's in
//! either order (Worcestershire's Local Account 2023/24, seed 004, "How we compare"):
//!
//! ```text
//! We are also just below our neighbouring local authorities regarding the
//! average number of applications completed per 100,000 of the population (peers 625 and WCC 618).
//! ```
//!
//! Councils write "(England 1,313; Worcestershire 803)", "(peers 625 and WCC 618)",
//! "(national average 20%, Worcestershire 27%)". Read only when:
//!
//! * the brackets hold exactly two quantities of one kind, no year, each right after its
//!   label (words only, an optional colon), the second label after a separator (";", ",",
//!   "and", "&", "vs", "versus"), nothing after the second value;
//! * exactly one label names the area (its name as in the draft's `area.name`, its short name
//!   "Worcestershire", or its initials "WCC" printed in capitals) and the other a comparator
//!   (England, national, peers, region, similar councils, statistical neighbours, ...; see
//!   [`COMPARATORS`]), an "average" or "mean" after it allowed;
//! * the sentence outside the brackets states exactly one relation ("below", "lower",
//!   "higher", "above", ...; "just below" and "well below" are "lower", as the bundled
//!   datasets encode them: the hedge does not change the direction) and no words of time
//!   ("last year", "previous year"): "higher than last year" compares years, not areas.
//!
//! The claim is the area's value against the comparator's, with the relation as stated; the
//! audit checks it against the two values as printed.

use super::comparison::{push_comparison, RELATIONS};
use super::numbers::{Kind, Number};
use super::words::{find_word, squash};
use super::Draft;
use crate::account::claims::{ClaimKind, Relation};

/// Comparator labels (lower case, "the" or "our" before them and "average" after them
/// allowed).
pub(crate) const COMPARATORS: [&str; 40] = [
    "england",
    "national",
    "nationally",
    "the region",
    "region",
    "regional",
    "comparator",
    "comparators",
    "comparator group",
    "comparator councils",
    "comparator authorities",
    "peers",
    "peer group",
    "peer councils",
    "peer authorities",
    "neighbours",
    "statistical neighbours",
    "cipfa neighbours",
    "cipfa",
    "neighbouring authorities",
    "neighbouring local authorities",
    "neighbouring councils",
    "nearby local authorities",
    "nearby authorities",
    "similar councils",
    "similar authorities",
    "similar local authorities",
    "core cities",
    "shire counties",
    "county councils",
    "north east",
    "north west",
    "yorkshire and the humber",
    "east midlands",
    "west midlands",
    "east of england",
    "london",
    "south east",
    "south west",
    "all england",
];

/// Words of time outside the brackets: the relation may then be with another year.
const TIME: [&str; 5] = [
    "last year",
    "previous year",
    "year before",
    "prior year",
    "previous financial year",
];

/// Hedges right before the relation word, kept in the claim's text.
const HEDGES: [&str; 6] = ["just", "well", "slightly", "far", "much", "significantly"];

/// Separators between the two labelled values.
const SEPARATORS: [&str; 6] = [";", ",", "and", "&", "vs", "versus"];

/// The ways a document names the area: its full name, its short name, its initials.
pub(crate) struct AreaNames {
    full: String,
    short: String,
    initials: String,
}

impl AreaNames {
    /// The names of the draft's area; `None` when the draft names no council.
    pub(crate) fn of(d: &Draft<'_>) -> Option<Self> {
        if d.ds.notes.iter().any(|n| n.starts_with("No council named")) {
            return None;
        }
        Self::from_name(&d.ds.area.name)
    }

    fn from_name(name: &str) -> Option<Self> {
        let full = squash(name).to_ascii_lowercase();
        let mut short = full.clone();
        for prefix in ["london borough of ", "royal borough of ", "city of "] {
            if let Some(s) = short.strip_prefix(prefix) {
                short = s.to_owned();
            }
        }
        for suffix in [
            " metropolitan borough council",
            " borough council",
            " city council",
            " county council",
            " district council",
            " council",
        ] {
            if let Some(s) = short.strip_suffix(suffix) {
                short = s.to_owned();
                break;
            }
        }
        let initials: String = name
            .split_whitespace()
            .filter_map(|w| w.chars().next())
            .filter(char::is_ascii_alphabetic)
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if short.is_empty() {
            return None;
        }
        Some(Self {
            full,
            short,
            initials,
        })
    }

    /// Whether `label` (as printed) names the area.
    pub(crate) fn names(&self, label: &str) -> bool {
        let lower = label.to_ascii_lowercase();
        let lower = lower.strip_prefix("the ").unwrap_or(&lower);
        lower == self.full
            || lower == self.short
            || (self.initials.len() >= 2 && label == self.initials)
    }
}

/// Whether `label` (as printed) names a comparator.
pub(crate) fn is_comparator(label: &str) -> bool {
    let lower = label.to_ascii_lowercase();
    let mut l = lower.as_str();
    for p in ["the ", "our "] {
        l = l.strip_prefix(p).unwrap_or(l);
    }
    for s in [" average", " mean", " avg"] {
        l = l.strip_suffix(s).unwrap_or(l);
    }
    COMPARATORS.contains(&l)
}

pub(crate) fn labelled_comparisons(d: &mut Draft<'_>) {
    let Some(names) = AreaNames::of(d) else {
        return;
    };
    for si in 0..d.sentences().len() {
        let s = &d.sentences()[si];
        if s.heading || s.table || s.numbers.is_empty() {
            continue;
        }
        let _ = at(d, si, &names);
    }
}

/// A labelled value that reads as a calendar year ("peers 2016") is a count when the other
/// value is a count: the label, not a date, says what it is.
fn as_count(n: &Number, other: &Number) -> Number {
    let mut n = n.clone();
    if n.kind == Kind::Year && other.kind == Kind::Count && n.value.fract() == 0.0 {
        n.kind = Kind::Count;
        n.decimals = 0;
    }
    n
}

/// A label: words only (letters, spaces, apostrophes, hyphens), an optional colon after.
fn label(text: &str) -> Option<String> {
    let t = squash(text);
    let t = t.strip_suffix(':').unwrap_or(&t).trim_end();
    let ok = !t.is_empty()
        && t.chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '\'' || c == '’' || c == '-')
        && t.split(' ').count() <= 5;
    ok.then(|| t.to_owned())
}

fn at(d: &mut Draft<'_>, si: usize, names: &AreaNames) -> Option<()> {
    let s = d.sentences()[si].clone();
    let base = s.span.start;
    let text = d.sentence(si);
    let lower = d.lower(si);
    let open = text.find('(')?;
    let close = open + text[open..].find(')')?;
    if text[close + 1..].contains('(') || text[..open].contains(')') {
        return None;
    }
    // The brackets' numbers, scanned again: a year-like value ("peers 2016") is not among
    // the sentence's quantities. Exactly two, nothing else scanned there.
    let inside: Vec<Number> = super::numbers::scan(&text[open + 1..close])
        .into_iter()
        .map(|mut n| {
            n.span.start += base + open + 1;
            n.span.end += base + open + 1;
            s.numbers
                .iter()
                .find(|q| q.span == n.span)
                .cloned()
                .unwrap_or(n)
        })
        .collect();
    let [a, b] = &inside[..] else { return None };
    let (a, b) = (as_count(a, b), as_count(b, a));
    if matches!(a.kind, Kind::Year | Kind::FinancialYear)
        || a.kind != b.kind
        || a.value < 0.0
        || b.value < 0.0
        || d.is_placed(&a)
        || d.is_placed(&b)
    {
        return None;
    }
    let (a_start, a_end) = (a.span.start - base, a.span.end - base);
    let (b_start, b_end) = (b.span.start - base, b.span.end - base);
    if !text[b_end..close].trim().is_empty() {
        return None;
    }
    let first = label(&text[open + 1..a_start])?;
    let mut between = squash(&text[a_end..b_start]);
    let sep = SEPARATORS.iter().find(|sep| {
        between
            .strip_prefix(**sep)
            .is_some_and(|r| r.starts_with(' ') || sep.len() == 1)
    })?;
    between = between[sep.len()..].trim().to_owned();
    let second = label(&between)?;
    let (area, bench, bench_label) = match (names.names(&first), names.names(&second)) {
        (true, false) if is_comparator(&second) => (&a, &b, second),
        (false, true) if is_comparator(&first) => (&b, &a, first),
        _ => return None,
    };
    let outside = format!("{} {}", &lower[..open], &lower[close + 1..]);
    if TIME.iter().any(|w| find_word(&outside, w).is_some()) {
        return None;
    }
    let found: Vec<(usize, Relation)> = RELATIONS
        .iter()
        .filter_map(|(w, r)| find_word(&outside, w).map(|i| (i, *r)))
        .collect();
    let mut relations: Vec<Relation> = found.iter().map(|&(_, r)| r).collect();
    relations.dedup();
    let [relation] = relations[..] else {
        return None;
    };
    // The claim's text: from the relation word (and its hedge) to the brackets' end, when
    // the relation is said before them.
    let word_at = found.iter().map(|&(i, _)| i).min()?;
    let start = if word_at < open {
        HEDGES
            .iter()
            .find_map(|h| {
                lower[..word_at]
                    .trim_end()
                    .strip_suffix(h)
                    .filter(|p| p.is_empty() || p.ends_with(' '))
                    .map(str::len)
            })
            .unwrap_or(word_at)
    } else {
        open
    };
    let claim_text = squash(&text[start..=close]);
    let (area, bench) = (area.clone(), bench.clone());
    let claim = d.claim(ClaimKind::Comparison, &bench_label, &claim_text, si);
    push_comparison(d, claim, (&area, &bench), bench_label, relation);
    Some(())
}

#[cfg(test)]
#[path = "labelled_comparison_tests.rs"]
mod tests;
