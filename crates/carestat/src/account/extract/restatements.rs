//! Restatements: a figure printed more than once in the document ("£309m" in the introduction,
//! in the budget sentence and on the budget chart; "485,737" on two pages; "73% ... received
//! a service to promote independence" on the activity page and again under "Celebrating
//! Success"). The figure is the printing a pattern made a figure of (else the first
//! printing); each other printing becomes a `restatement` claim of it, which the audit checks
//! equal within the rounding of both.
//!
//! Two printings pair only when they have the same kind, unit and scale (`£309m` never pairs
//! with `309` nor `£309k`), the same value, sit in different sentences (neither a heading nor
//! a table row), and their sentences share a subject:
//!
//! * money printed to three significant figures or more (`£309m`, `£258.1m`, `£16.5bn`,
//!   `£394,500`) and counts of 1,000 or more that are not round hundreds (`485,737`, `1025`)
//!   are distinctive: one content word in common is enough (for a figure standing alone, as
//!   on a chart, the words of the sentences beside it count);
//! * percentages, round money (`£40m`, `£3.7m`, `£300`) and pounds below 1,000 are not: the
//!   two printings must be in different sections (a figure restated elsewhere, not two
//!   measures of one list), name the same groups of people (carers, staff, older people...),
//!   and each sentence have three content words of its own, sharing at least three and at
//!   least half of the smaller sentence's ([`super::subject_words`]);
//! * never paired: counts below 1,000 (page numbers, ages, small tallies), round hundreds and
//!   thousands (`12,000`, `100,000`), four-digit numbers that read as years, numbers before or
//!   after "per" (rates and their base), a percentage that is a change ("an increase of
//!   19%", "a 57% increase"), and any number a pattern used as something other than a figure
//!   (last year's value, a part, a comparator, a claim's stated number), except a repeat of
//!   a population.
//!
//! A change claim printed again on a restated figure ("an increase of 19% from last year"
//! under both printings of 73%) becomes a restatement of the first change claim
//! (`claims.<id>`). A value printed more than eight times is not read (a label, a unit, a
//! repeated shape). Near-equal printings (587,965 and 587,970) are not paired: they are
//! more often two figures than one figure rounded twice.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::numbers::{scan, Kind, Number};
use super::subject_words::{content_words, groups, shared};
use super::words::{label_after, squash};
use super::{Draft, MAX_DECIMALS};
use crate::account::claims::ClaimKind;

/// The most printings of one value read as one figure printed again: a value printed more
/// often is a label, a unit or a repeated shape (a table, a hostile file), not a figure.
const MAX_PRINTINGS: usize = 8;

/// What a printing was before this pass.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Was {
    /// A figure or population a pattern made (its reference).
    Figure(String),
    /// Placed by no pattern.
    Free,
}

/// How much the two sentences must share for a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Test {
    /// A distinctive value: one content word in common.
    Word,
    /// A common value: a subject in common.
    Subject,
}

#[derive(Debug, Clone)]
struct Printing {
    si: usize,
    n: Number,
    was: Was,
    test: Test,
}

pub(crate) fn restatements(d: &mut Draft<'_>) {
    let area: Vec<String> =
        d.ds.area
            .name
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| w.len() >= 3)
            .map(str::to_ascii_lowercase)
            .collect();
    let mut groups: BTreeMap<(u8, i64), Vec<Printing>> = BTreeMap::new();
    for p in printings(d) {
        let key = (kind_code(p.n.kind), (p.n.value * 1e6).round() as i64);
        groups.entry(key).or_default().push(p);
    }
    // Figures restated, later reference to the first's.
    let mut restated: Vec<(String, String)> = Vec::new();
    for group in groups
        .values()
        .filter(|g| (2..=MAX_PRINTINGS).contains(&g.len()))
    {
        let a = group.iter().position(|p| p.was != Was::Free).unwrap_or(0);
        let anchor = &group[a];
        let mut reference = match &anchor.was {
            Was::Figure(r) => Some(r.clone()),
            Was::Free => None,
        };
        for (i, p) in group.iter().enumerate() {
            if i == a || p.si == anchor.si || !related(d, &area, anchor, p) {
                continue;
            }
            if reference.is_none() {
                // The first printing becomes the figure once a second printing pairs with it.
                let label = label_of(d, anchor);
                reference = d.figure(anchor.si, &anchor.n, &label);
            }
            let Some(r) = reference.clone() else { break };
            let text = text_of(d, p);
            let hint = r.split_once('.').map_or("", |(_, id)| id).to_owned();
            let mut c = d.claim(ClaimKind::Restatement, &hint, &text, p.si);
            c.subject = Some(r.clone());
            c.stated = Some(p.n.value);
            c.decimals = Some(p.n.decimals);
            if !d.push_claim(c) {
                continue;
            }
            match &p.was {
                Was::Free => d.restate(&p.n, &r),
                Was::Figure(later) => restated.push((later.clone(), r.clone())),
            }
        }
    }
    changes_restated(d, &restated);
}

/// "an increase of 19% from last year" said of both printings of a restated figure: the
/// second is a restatement of the first change claim.
fn changes_restated(d: &mut Draft<'_>, restated: &[(String, String)]) {
    // The change claims of each figure, by reference.
    let mut of: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, c) in d.ds.claims.iter().enumerate() {
        if let (ClaimKind::Change, Some(s)) = (c.kind, c.subject.as_deref()) {
            of.entry(s).or_default().push(i);
        }
    }
    let changes = |subject: &str| of.get(subject).cloned().unwrap_or_default();
    let mut new = Vec::new();
    for (later, first) in restated.iter().filter(|(l, f)| l != f) {
        for j in changes(later) {
            let cj = &d.ds.claims[j];
            let earlier = changes(first).into_iter().find(|&i| {
                let ci = &d.ds.claims[i];
                ci.unit == cj.unit && ci.stated == cj.stated && ci.decimals == cj.decimals
            });
            if let Some(i) = earlier {
                new.push((i, j));
            }
        }
    }
    for (i, j) in new {
        let (first, again) = (d.ds.claims[i].clone(), d.ds.claims[j].clone());
        let mut c = d.claim(ClaimKind::Restatement, &first.id, &squash(&again.text), 0);
        c.quote = again.quote;
        c.span = again.span;
        c.subject = Some(format!("claims.{}", first.id));
        c.stated = again.stated;
        c.decimals = again.decimals;
        d.push_claim(c);
    }
}

/// Every number that may be a printing of a figure, with the test its pair must pass.
fn printings(d: &Draft<'_>) -> Vec<Printing> {
    let mut out = Vec::new();
    for (si, s) in d.sentences().iter().enumerate() {
        if s.heading || s.table {
            continue;
        }
        let lower = d.lower(si);
        for n in &s.numbers {
            let (rs, re) = (n.span.start - s.span.start, n.span.end - s.span.start);
            if in_link(&lower, rs, re) {
                continue;
            }
            let Some(test) = test_of(n, &lower[..rs], &lower[re..], d.text(n.span)) else {
                continue;
            };
            let was = if let Some(r) = d.figure_of(n) {
                Was::Figure(r.to_owned())
            } else if !d.is_placed(n) {
                Was::Free
            } else if let Some(id) = population_of(d, n) {
                Was::Figure(format!("populations.{id}"))
            } else {
                continue;
            };
            out.push(Printing {
                si,
                n: n.clone(),
                was,
                test,
            });
        }
    }
    out
}

/// Whether a number is part of a web address ("info/50172/comments", "2022-23%20FINAL").
fn in_link(lower: &str, start: usize, end: usize) -> bool {
    // After the last space before the number (a no-break space is two bytes).
    let from = lower[..start]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(k, c)| k + c.len_utf8());
    let to = lower[end..]
        .find(char::is_whitespace)
        .map_or(lower.len(), |k| end + k);
    let token = &lower[from..to];
    let b = lower.as_bytes();
    ["://", "www.", ".uk", ".gov", ".com", ".org", "%20", "@"]
        .iter()
        .any(|w| token.contains(w))
        || (start > 0 && matches!(b[start - 1], b'/' | b'=' | b'#' | b'_'))
        || b.get(end).is_some_and(|c| matches!(c, b'/' | b'_' | b'='))
}

/// The population a count used by `rate::populations` is (its id), when it is one.
fn population_of<'a>(d: &'a Draft<'_>, n: &Number) -> Option<&'a str> {
    if n.kind != Kind::Count {
        return None;
    }
    d.ds.populations
        .iter()
        .find(|(_, p)| p.value as f64 == n.value)
        .map(|(id, _)| id.as_str())
}

/// The test a printing's pair must pass, or `None` when it is never paired.
fn test_of(n: &Number, pre: &str, post: &str, printed: &str) -> Option<Test> {
    if n.decimals > MAX_DECIMALS || n.value <= 0.0 {
        return None;
    }
    let pre = pre.trim_end_matches(['*', ' ', '(', '£']);
    let post = post.trim_start_matches(['*', ' ', ')', '%']);
    if pre.ends_with(" per") || pre == "per" || post.starts_with("per ") {
        return None;
    }
    let distinctive = significant_digits(n) >= 3;
    match n.kind {
        Kind::Count => {
            let year_like = (1900.0..2100.0).contains(&n.value) && !printed.contains(',');
            let round = n.value % 100.0 == 0.0;
            (n.value >= 1000.0 && n.decimals == 0 && !year_like && !round && distinctive)
                .then_some(Test::Word)
        }
        Kind::Money if n.value < 1000.0 => Some(Test::Subject),
        Kind::Money | Kind::MoneyThousands | Kind::MoneyMillions | Kind::MoneyBillions => {
            Some(if distinctive {
                Test::Word
            } else {
                Test::Subject
            })
        }
        Kind::Percent => (n.value <= 100.0 && !is_change(pre, post)).then_some(Test::Subject),
        Kind::Year | Kind::FinancialYear => None,
    }
}

/// Significant digits as printed: 3 for `£309m`, 4 for `£258.1m`, 2 for `12,000`.
fn significant_digits(n: &Number) -> usize {
    let mut v = (n.value.abs() * 10f64.powi(n.decimals)).round() as u64;
    while v >= 10 && v.is_multiple_of(10) {
        v /= 10;
    }
    v.to_string().len()
}

const CHANGE_WORDS: [&str; 16] = [
    "increase",
    "decrease",
    "rise",
    "fall",
    "up",
    "down",
    "by",
    "growth",
    "reduction",
    "drop",
    "higher",
    "lower",
    "more",
    "less",
    "fewer",
    "change",
];

/// Whether a percentage is a change ("an increase of 19%", "a 57% increase", "by 29%").
fn is_change(pre: &str, post: &str) -> bool {
    let before: Vec<&str> = pre.split_whitespace().rev().take(3).collect();
    let after = post.split_whitespace().next().unwrap_or("");
    let hit = |w: &str| {
        let w = w.trim_matches(|c: char| !c.is_ascii_alphabetic());
        CHANGE_WORDS
            .iter()
            .any(|c| w == *c || w.strip_suffix(['s', 'd']) == Some(c))
            || w.ends_with("increase")
    };
    before.into_iter().any(hit) || hit(after)
}

/// Whether two printings' sentences share a subject, as their test asks.
fn related(d: &Draft<'_>, area: &[String], a: &Printing, b: &Printing) -> bool {
    if !same_period(d.sentence(a.si), d.sentence(b.si)) {
        return false;
    }
    if a.test == Test::Word && b.test == Test::Word {
        // A four-digit count is less rare than a six-digit one: two words in common.
        let need = if a.n.kind == Kind::Count && a.n.value < 10_000.0 {
            2
        } else {
            1
        };
        shared(&words(d, area, a.si, true), &words(d, area, b.si, true)) >= need
    } else {
        // A common value: another part of the document (a list of measures in one section,
        // as ASCOF's "feel safe" and "services have made them feel safe", is not one
        // figure printed twice), the same groups of people, and a subject in common.
        let s = d.sentences();
        if s[a.si].section == s[b.si].section {
            return false;
        }
        let (wa, wb) = (words(d, area, a.si, false), words(d, area, b.si, false));
        let k = shared(&wa, &wb);
        groups(&wa) == groups(&wb)
            && wa.len() >= 3
            && wb.len() >= 3
            && k >= 3
            && 2 * k >= wa.len().min(wb.len())
    }
}

/// False when both sentences name years and none in common ("£145.8m in 2023/24" and
/// "£145.8m in 2024/25" are two budgets).
fn same_period(a: &str, b: &str) -> bool {
    // A financial year covers both its calendar years ("31 March 2024" is in 2023/24).
    let years = |t: &str| -> Vec<i64> {
        scan(t)
            .iter()
            .flat_map(|n| match n.kind {
                Kind::Year => vec![n.value as i64],
                Kind::FinancialYear => vec![n.value as i64, n.value as i64 + 1],
                _ => Vec::new(),
            })
            .collect()
    };
    let (ya, yb) = (years(a), years(b));
    ya.is_empty() || yb.is_empty() || ya.iter().any(|y| yb.contains(y))
}

/// The content words of sentence `si`; with `widen`, a sentence of fewer than two (a figure
/// standing alone) takes those of the sentences before and after it in its section.
fn words(d: &Draft<'_>, area: &[String], si: usize, widen: bool) -> BTreeSet<String> {
    let mut w = content_words(d.sentence(si), area);
    if widen && w.len() < 2 {
        let s = &d.sentences()[si];
        for j in [si.wrapping_sub(1), si + 1] {
            if let Some(o) = d.sentences().get(j) {
                if o.section == s.section && !o.table {
                    w.extend(content_words(d.sentence(j), area));
                }
            }
        }
    }
    w
}

fn label_of(d: &Draft<'_>, p: &Printing) -> String {
    let base = d.sentences()[p.si].span.start;
    label_after(d.sentence(p.si), p.n.span.end - base, p.n.span.start - base)
}

/// The claim's text: the number and the words that say what it is (after it, else before).
fn text_of(d: &Draft<'_>, p: &Printing) -> String {
    let label = label_of(d, p);
    let base = d.sentences()[p.si].span.start;
    let after = squash(&d.sentence(p.si)[p.n.span.end - base..]);
    let number = d.text(p.n.span);
    if after.contains(&label) {
        squash(&format!("{number} {label}"))
    } else {
        squash(&format!("{label} {number}"))
    }
}

const fn kind_code(k: Kind) -> u8 {
    match k {
        Kind::Count => 0,
        Kind::Percent => 1,
        Kind::Money => 2,
        Kind::MoneyThousands => 3,
        Kind::MoneyMillions => 4,
        Kind::MoneyBillions => 5,
        Kind::Year => 6,
        Kind::FinancialYear => 7,
    }
}

#[cfg(test)]
#[path = "restatements_tests.rs"]
mod tests;
