//! Rates per 100,000 stated for last year, when the document's count for last year is known
//! (Worcestershire's Local Account 2023/24, seed 004, "How do we compare?"):
//!
//! ```text
//! Worcestershire has a lower rate of concerns per
//! 100,000 populationin 2022/23 (803) compared
//! to the national rate in England in 2022/23 (1313).
//! Worcestershire has a lower rate of enquiries
//! started in 2022/23 (269) compared to England ...
//! ```
//!
//! Comparator data is published a year late, so a Local Account compares last year's rates.
//! Their numerator is last year's value of the count the sentence names, published
//! (`previous`) or implied by an absolute change ("an increase of 543 concerns"); their
//! denominator the population the document states. Read when:
//!
//! * the sentence says "rate of" and its subject words (up to "per", "in", a figure or a
//!   connector: "concerns", "enquiries started");
//! * the rate is given for a named financial year, the year before the document's period:
//!   "in 2022/23 (803)" or "803 per 100,000 in 2022/23"; the first such figure after "rate
//!   of", with no comparator (England, national, peers ...) named between them (that figure
//!   is the comparator's);
//! * the unit "per 100,000" is stated in the sentence, or in the sentence just before in
//!   the same section when that one is a rate of the same form (the second of two parallel
//!   sentences: the draft's notes say so);
//! * exactly one count of the draft is named by the subject words (`count_names`), and last
//!   year's value of it is known; the document states one population (of the band named).

use super::count_names::{area_words, counts_named, has_previous, words};
use super::numbers::{scan, Kind, Number};
use super::rate::population_for;
use super::words::{find_word, squash};
use super::Draft;
use crate::account::claims::ClaimKind;

const UNITS: [&str; 3] = ["per 100,000", "per 100 000", "per 100k"];

/// Words that end a rate's subject ("rate of concerns per 100,000").
const SUBJECT_END: [&str; 10] = [
    "per", "in", "compared", "than", "for", "is", "was", "were", "against", "across",
];

/// Words naming a comparator: a figure after them is not the area's.
const COMPARATORS: [&str; 9] = [
    "england",
    "national",
    "nationally",
    "regional",
    "region",
    "peers",
    "neighbours",
    "comparator",
    "average",
];

pub(crate) fn prior_year_rates(d: &mut Draft<'_>) {
    let Some(year) = last_year(d) else { return };
    for si in 0..d.sentences().len() {
        let s = &d.sentences()[si];
        if s.heading || s.table {
            continue;
        }
        let _ = rate_at(d, si, year);
    }
}

/// The first year of the financial year before the document's period (2022 for 2023/24).
fn last_year(d: &Draft<'_>) -> Option<f64> {
    if d.ds
        .notes
        .iter()
        .any(|n| n.starts_with("No reporting year"))
    {
        return None;
    }
    let p = &d.ds.period;
    if !p.label.contains('/') {
        return None;
    }
    let y: f64 = p.start.get(..4)?.parse().ok()?;
    Some(y - 1.0)
}

fn has_unit(lower: &str) -> bool {
    let lower = squash(lower);
    UNITS.iter().any(|u| lower.contains(u))
}

fn rate_at(d: &mut Draft<'_>, si: usize, year: f64) -> Option<()> {
    let s = d.sentences()[si].clone();
    let base = s.span.start;
    let lower = d.lower(si);
    let of = find_word(&lower, "rate of")?;
    let after = of + "rate of".len();
    let subject: Vec<&str> = lower[after..]
        .split(' ')
        .filter(|w| !w.is_empty())
        .take_while(|w| w.bytes().all(|b| b.is_ascii_alphabetic()) && !SUBJECT_END.contains(w))
        .take(4)
        .collect();
    let area = area_words(d);
    let want = words(&subject.join(" "), &area);
    // The area's figure for a named year.
    let (r, fy) = s
        .numbers
        .iter()
        .filter(|n| n.span.start - base > after && n.kind == Kind::Count && n.value > 0.0)
        .find_map(|n| for_year(&lower, base, n).map(|fy| (n.clone(), fy)))?;
    let between = &lower[after..r.span.start - base];
    if COMPARATORS.iter().any(|c| find_word(between, c).is_some()) || fy != year {
        return None;
    }
    let carried = if has_unit(&lower) {
        false
    } else {
        let p = si.checked_sub(1)?;
        let ps = &d.sentences()[p];
        let pl = d.lower(p);
        if ps.section != s.section || ps.heading || ps.table {
            return None;
        }
        if !(has_unit(&pl) && find_word(&pl, "rate of").is_some()) {
            return None;
        }
        true
    };
    let [numerator] = &counts_named(d, &want)[..] else {
        d.leave(
            &r,
            "a rate for last year, but not exactly one count named by its words",
        );
        return None;
    };
    let numerator = numerator.clone();
    if !has_previous(d, &numerator) {
        d.leave(
            &r,
            "a rate for last year of a count whose last-year value the document does not give",
        );
        return None;
    }
    let pop = population_for(d, &lower)?;
    let period = format!("{fy}/{:02}", (fy as i64 + 1) % 100);
    let start = lower[..of].rfind(" a ").map_or(of, |k| k + 1);
    let start = if of - start <= 12 { start } else { of };
    let mut end = r.span.end - base;
    if lower[end..].starts_with(')') {
        end += 1;
    }
    let text = squash(&d.sentence(si)[start..end]);
    let mut c = d.claim(
        ClaimKind::Rate,
        &format!("{} {period}", subject.join(" ")),
        &text,
        si,
    );
    c.numerator = Some(format!("{numerator}.previous"));
    c.denominator = Some(pop);
    c.stated = Some(r.value);
    c.decimals = Some(r.decimals);
    c.period = Some(period.clone());
    let id = c.id.clone();
    if d.push_claim(c) {
        d.use_number(&r);
        if carried {
            d.ds.notes.push(format!(
                "claim {id}: {} is read as a rate per 100,000 for {period}, the unit of the sentence before (a rate of the same form): check it",
                d.text(r.span)
            ));
        }
    }
    Some(())
}

/// The financial year a figure is given for (its first year): "in 2022/23 (803)" (the figure
/// in brackets right after the year) or "803 per 100,000 in 2022/23" (the year within a few
/// words after the unit). Years are not among a sentence's quantities: scanned here.
fn for_year(lower: &str, base: usize, n: &Number) -> Option<f64> {
    let (s, e) = (n.span.start - base, n.span.end - base);
    let years: Vec<Number> = scan(lower)
        .into_iter()
        .filter(|y| y.kind == Kind::FinancialYear)
        .collect();
    if lower[..s].ends_with('(') && lower[e..].starts_with(')') {
        let before = lower[..s - 1].trim_end();
        return years
            .iter()
            .find(|y| {
                y.span.end == before.len() && lower[..y.span.start].trim_end().ends_with("in")
            })
            .map(|y| y.value);
    }
    let post = &lower[e..];
    let unit = UNITS.iter().find(|u| post.trim_start().starts_with(*u))?;
    let from = e + post.len() - post.trim_start().len() + unit.len();
    let mut to = (from + 40).min(lower.len());
    while !lower.is_char_boundary(to) {
        to -= 1;
    }
    let k = lower[from..to].find(" in ")?;
    if lower[from..from + k]
        .split(' ')
        .filter(|w| !w.is_empty())
        .count()
        > 3
    {
        return None;
    }
    let at = from + k + " in ".len();
    years.iter().find(|y| y.span.start == at).map(|y| y.value)
}

#[cfg(test)]
#[path = "prior_year_rate_tests.rs"]
mod tests;
