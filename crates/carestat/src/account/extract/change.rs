//! Changes from last year, and last year's values.
//!
//! * a change number: "an increase of 4.4%", "an increase from the previous year by 4.4%",
//!   "a 2.1% increase", "up 5%", "down by 11%", "reducing by 238 (-3.2%)", "(+4.3%)",
//!   "35.2% less than the 1,328 in 2021-22", "up 9 percentage points";
//! * last year's value: "compared to 3,152 in 2021-22", "up from 73% last year", "a
//!   decrease from 1309 the previous year", "on last year's 5%", "compared to 2022/23 spend
//!   of £272m";
//! * a direction alone: "an increase from 73% last year", "This increased from £231.2m",
//!   "which remained the same as last year's figure".
//!
//! The figure that changed is the nearest figure before the phrase in the same sentence (or,
//! for a sentence that starts "This ..." or a caption under a figure standing alone, the
//! figure before it). Figures run together ("3963 & 3933 % 1549", columns of a PDF) are
//! ambiguous: no claim is made from them.

use super::numbers::{Kind, Number};
use super::words::{has_any, label_after};
use super::Draft;
use crate::account::claims::{ChangeUnit, ClaimKind, Direction};

#[path = "change_phrase.rs"]
mod phrase;
#[path = "change_tiles.rs"]
mod tiles;
use phrase::{change_at, has_stem, Change, DOWN, UP};

/// Whether quantity `i` of a sentence is the number of a change phrase ("an increase of
/// 3.2%"): for other patterns, so that a change is never read as a level.
pub(super) fn is_change_number(lower: &str, base: usize, nums: &[Number], i: usize) -> bool {
    change_at(lower, base, nums, i).is_some()
}

const TIME: [&str; 8] = [
    "last year",
    "previous year",
    "year before",
    "prior year",
    "previous report",
    "the previous",
    "last year's",
    "last year’s",
];

const FORECAST: [&str; 9] = [
    "forecast",
    "predicted",
    "predictions",
    "projected",
    "expected to",
    "in the next",
    "by 2030",
    "by 2038",
    "by 2040",
];

pub(crate) fn changes(d: &mut Draft<'_>) {
    for si in 0..d.sentences().len() {
        let s = &d.sentences()[si];
        if s.heading || s.table || s.numbers.is_empty() {
            continue;
        }
        sentence(d, si);
    }
}

#[allow(clippy::too_many_lines)] // three passes over one sentence, kept together
fn sentence(d: &mut Draft<'_>, si: usize) {
    let s = &d.sentences()[si];
    let base = s.span.start;
    let nums: Vec<Number> = s.numbers.clone();
    let lower = d.lower(si);
    let mut used = vec![false; nums.len()];
    // 1. Change numbers, with their figure and any previous value.
    let found: Vec<Change> = (0..nums.len())
        .filter_map(|i| change_at(&lower, base, &nums, i))
        .collect();
    for c in &found {
        used[c.at] = true;
        if let Some(t) = c.than {
            used[t] = true;
        }
    }
    // Numbers that read as last year's value are never the figure that changed.
    let comparator: Vec<bool> = (0..nums.len())
        .map(|i| {
            let rel = nums[i].span.start - base;
            previous_cue(&lower[..rel]) && time_near(&lower, &nums[i], base)
        })
        .collect();
    let blocked: Vec<bool> = used
        .iter()
        .zip(&comparator)
        .map(|(a, b)| *a || *b)
        .collect();
    // A forecast or a comparison with England is not a change from last year.
    let not_yearly = has_any(&lower, &FORECAST)
        || (has_any(&lower, &["national", "england", "nationally", "census"])
            && !has_any(&lower, &TIME));
    let phrases: Vec<(usize, usize, usize)> =
        found.iter().map(|c| (c.start, c.end, c.at)).collect();
    let mut tiled: Option<Option<Vec<(usize, Number)>>> = None;
    for (j, c) in found.iter().enumerate() {
        let cn = &nums[c.at];
        if not_yearly {
            d.leave(
                cn,
                "a forecast or a comparison with England or a census, not a change from last year",
            );
            continue;
        }
        let compatible = |n: &Number| match c.unit {
            ChangeUnit::Absolute => same_kind(n, cn),
            ChangeUnit::Points => n.kind == Kind::Percent,
            ChangeUnit::Percent => true,
        };
        // "by 11.5%, from 1,915 the previous year, to 2,136": the figure after "to".
        let pair = from_to(&lower, base, &nums).filter(|&(_, x)| x > c.at && compatible(&nums[x]));
        // "fell by 1.1% to 131,860": the figure right after "to".
        let to = to_after(&lower, base, &nums, c.end).filter(|&x| x > c.at && compatible(&nums[x]));
        let subject = match pair.map(|(_, x)| x).or(to) {
            Some(x) => Some((si, nums[x].clone())),
            None => subject_before(
                d,
                si,
                &nums,
                &blocked,
                c.start,
                cn.span.start - base,
                compatible,
            ),
        };
        // Two change phrases of one unit cannot both be of the one figure of the sentence
        // before ("This is an increase of £39 million (+15.3%)" can: two units).
        let same_unit = found.iter().filter(|o| o.unit == c.unit).count();
        let subject = subject.filter(|(at, _)| *at == si || same_unit == 1);
        let own = subject.is_some();
        let subject = subject.or_else(|| {
            let t = tiled.get_or_insert_with(|| tiles::tiles(d, si, &phrases, &nums));
            t.as_ref()
                .and_then(|t| t.get(j).cloned())
                .filter(|(_, n)| compatible(n))
        });
        let Some(subject) = subject else {
            d.leave(
                cn,
                "a change, but no single figure before it that it is a change of",
            );
            continue;
        };
        let label = label_for(d, &subject);
        let Some(reference) = d.figure(subject.0, &subject.1, &label) else {
            continue;
        };
        // Last year's value, when the sentence gives it.
        if let Some(t) = c.than.filter(|&t| time_near(&lower, &nums[t], base)) {
            d.set_previous(&reference, &nums[t]);
        }
        let from = if subject.0 == si {
            subject.1.span.end - base
        } else {
            0
        };
        if let Some((f, _)) = pair {
            if d.set_previous(&reference, &nums[f]) {
                used[f] = true;
            }
        }
        // A tile's caption holds the other tiles' figures too: no previous value from it.
        let previous = previous_after(&lower, base, &nums, &used, from, &subject.1).filter(|_| own);
        if let Some(pi) = previous {
            if d.set_previous(&reference, &nums[pi]) {
                used[pi] = true;
            }
        }
        let text = &d.sentence(si)[c.start..c.end];
        let mut claim = d.claim(ClaimKind::Change, &label, text, si);
        claim.subject = Some(reference);
        claim.unit = Some(c.unit);
        claim.stated = Some(c.sign * cn.value.abs());
        claim.decimals = Some(cn.decimals);
        if d.push_claim(claim) {
            d.use_number(cn);
        }
    }
    // 2. Last year's values without a change number, and a direction when one is said.
    for pi in 0..nums.len() {
        if used[pi] || d.is_placed(&nums[pi]) {
            continue;
        }
        let p = &nums[pi];
        let rel = p.span.start - base;
        if !previous_cue(&lower[..rel]) || !time_near(&lower, p, base) {
            continue;
        }
        let cue_at = cue_start(&lower[..rel]);
        let pair = from_to(&lower, base, &nums).filter(|&(f, x)| f == pi && !used[x]);
        let subject = match pair {
            Some((_, x)) => Some((si, nums[x].clone())),
            None => subject_before(d, si, &nums, &used, cue_at, rel, |n| same_kind(n, p)),
        };
        let Some(subject) = subject else {
            continue;
        };
        let label = label_for(d, &subject);
        let Some(reference) = d.figure(subject.0, &subject.1, &label) else {
            continue;
        };
        if !d.set_previous(&reference, p) {
            continue;
        }
        used[pi] = true;
        // The words that say the direction: between the figure and last year's value, or
        // for "an increase ... from 672 ... to 1270", the words before "from".
        let from = if subject.0 == si && subject.1.span.end - base <= rel {
            subject.1.span.end - base
        } else {
            let mut k = rel.saturating_sub(80);
            while !lower.is_char_boundary(k) {
                k += 1;
            }
            if subject.0 == si {
                k
            } else {
                0
            }
        };
        let between = &lower[from..rel];
        let direction = direction_of(between).or_else(|| {
            // "had fallen to 13%, compared with 31%": the verb right before the figure. Only
            // for a figure of this sentence (one of an earlier sentence starts before `base`).
            if subject.0 != si {
                return None;
            }
            let before = lower[..subject.1.span.start - base].trim_end();
            let verb = before.strip_suffix(" to")?.rsplit(' ').next()?;
            TO_VERBS
                .contains(&verb)
                .then(|| direction_of(verb))
                .flatten()
        });
        if let Some(dir) = direction {
            let end = if subject.0 == si {
                (p.span.end - base).max(subject.1.span.end - base)
            } else {
                p.span.end - base
            };
            let text = d.sentence(si)[from..end]
                .trim_start_matches([',', ' ', '.'])
                .to_owned();
            let mut claim = d.claim(ClaimKind::Direction, &label, &text, si);
            claim.subject = Some(reference);
            claim.direction = Some(dir);
            d.push_claim(claim);
        }
    }
    // 3. "remained the same as last year".
    for phrase in [
        "remained the same",
        "stayed the same",
        "unchanged from last year",
        "the same as last year",
    ] {
        let Some(at) = lower.find(phrase) else {
            continue;
        };
        let Some(subject) = subject_before(d, si, &nums, &used, at, at, |n| {
            n.kind == Kind::Percent || n.kind == Kind::Count
        }) else {
            break;
        };
        let label = label_for(d, &subject);
        let Some(reference) = d.figure(subject.0, &subject.1, &label) else {
            break;
        };
        let end = (at + phrase.len()).min(lower.len());
        let text = d.sentence(si)[at..end].to_owned();
        let mut claim = d.claim(ClaimKind::Direction, &label, &text, si);
        claim.subject = Some(reference);
        claim.direction = Some(Direction::Same);
        d.push_claim(claim);
        break;
    }
}

/// Verbs that say a direction before "to" and the new figure ("had fallen to 13%").
const TO_VERBS: [&str; 14] = [
    "risen",
    "rose",
    "rise",
    "increased",
    "grown",
    "grew",
    "fallen",
    "fell",
    "dropped",
    "decreased",
    "reduced",
    "declined",
    "gone up",
    "gone down",
];

/// The direction the words say, when they say only one.
fn direction_of(words: &str) -> Option<Direction> {
    match (has_stem(words, &UP), has_stem(words, &DOWN)) {
        (true, false) => Some(Direction::Increase),
        (false, true) => Some(Direction::Decrease),
        _ => None,
    }
}

fn label_for(d: &Draft<'_>, subject: &(usize, Number)) -> String {
    let (si, n) = subject;
    let base = d.sentences()[*si].span.start;
    label_after(d.sentence(*si), n.span.end - base, n.span.start - base)
}

fn same_kind(a: &Number, b: &Number) -> bool {
    a.kind == b.kind
}
/// "from 1,915 the previous year, to 2,136": the first figure after "from" and the figure
/// after "to" within a few words, both of one kind (indices into `nums`).
fn from_to(lower: &str, base: usize, nums: &[Number]) -> Option<(usize, usize)> {
    (0..nums.len()).find_map(|f| {
        let pre = lower[..nums[f].span.start - base].trim_end();
        if !pre.ends_with(" from") {
            return None;
        }
        let x = f + 1;
        let next = nums.get(x)?;
        let gap = &lower[nums[f].span.end - base..next.span.start - base];
        (same_kind(&nums[f], next) && gap.trim_end().ends_with(" to") && gap.len() <= 45)
            .then_some((f, x))
    })
}

/// The number right after "to" (or "to a total of") at byte `end` of the sentence.
fn to_after(lower: &str, base: usize, nums: &[Number], end: usize) -> Option<usize> {
    let post = &lower[end..];
    let t = post.trim_start();
    let rest = ["to a total of ", "to "]
        .iter()
        .find_map(|w| t.strip_prefix(w))?;
    let k = end + post.len() - rest.len();
    nums.iter().position(|m| m.span.start - base == k)
}

/// Words before a number that make it last year's value.
fn previous_cue(pre: &str) -> bool {
    cue_start(pre) < pre.len()
}

const CUES: [&str; 12] = [
    "compared to ",
    "compared with ",
    "compares to ",
    "from ",
    "last year's ",
    "last year’s ",
    "previous year's ",
    "previous year of ",
    "spend of ",
    "against ",
    "than ",
    "up on ",
];

/// Where the cue before a number starts (`pre.len()` when there is none). The cue must end
/// within a few words of the number ("compared to 2022/23 spend of £272m").
fn cue_start(pre: &str) -> usize {
    let t = pre.trim_end_matches(['*', ' ', '(']);
    let t = format!("{t} ");
    let mut best = pre.len();
    for c in CUES {
        if let Some(k) = t.rfind(c) {
            let gap = &t[k + c.len()..];
            let words = gap.split_whitespace().count();
            if words <= 3 {
                best = best.min(k);
            }
        }
    }
    best
}

/// Whether a time word (last year, the previous year, a year label) is near number `p`: in
/// the 45 bytes after it or the 30 before.
pub(super) fn time_near(lower: &str, p: &Number, base: usize) -> bool {
    let s = p.span.start - base;
    let e = p.span.end - base;
    let mut a = s.saturating_sub(30);
    while !lower.is_char_boundary(a) {
        a += 1;
    }
    let mut b = (e + 45).min(lower.len());
    while !lower.is_char_boundary(b) {
        b -= 1;
    }
    let after = &lower[e..b];
    let before = &lower[a..s];
    // "from 1589 in 1920/21 to", "(2021)": a year label right after the number.
    let a = after.trim_start();
    let year_after = a
        .strip_prefix("in ")
        .or_else(|| a.strip_prefix('('))
        .is_some_and(|r| {
            super::numbers::scan(r).first().is_some_and(|n| {
                n.span.start == 0 && matches!(n.kind, Kind::Year | Kind::FinancialYear)
            })
        });
    // "a decrease from the previous year (33%)": the time words right before.
    let time_before = TIME
        .iter()
        .any(|t| before.trim_end_matches(['(', ' ']).ends_with(t));
    has_any(after, &TIME)
        || has_any(before, &["last year's", "previous year's", "last year’s"])
        || year_after
        || time_before
        || a.starts_with("in 20")
        || a.starts_with("(20")
        || super::numbers::scan(before)
            .iter()
            .any(|n| n.kind == Kind::FinancialYear)
}

/// Last year's value after a change phrase ending at `from`: a same-kind number with a
/// previous-value cue and a time word.
fn previous_after(
    lower: &str,
    base: usize,
    nums: &[Number],
    used: &[bool],
    from: usize,
    subject: &Number,
) -> Option<usize> {
    (0..nums.len()).find(|&i| {
        let n = &nums[i];
        let rel = n.span.start - base;
        !used[i]
            && rel >= from
            && same_kind(n, subject)
            && previous_cue(&lower[from..rel])
            && time_near(lower, n, base)
    })
}

/// The figure a phrase starting at `before` (relative to sentence `si`) is about: the nearest
/// compatible quantity before it in the sentence, unless run together with another
/// compatible one; else, when the sentence starts "This"/"It" or has no figure of its own,
/// the last figure of the sentence before in the same section when that sentence is a figure
/// standing alone or the sentence starts with "This".
fn subject_before(
    d: &Draft<'_>,
    si: usize,
    nums: &[Number],
    used: &[bool],
    before: usize,
    anchor: usize,
    ok: impl Fn(&Number) -> bool,
) -> Option<(usize, Number)> {
    let s = &d.sentences()[si];
    let base = s.span.start;
    let lower = d.lower(si);
    let cands: Vec<usize> = (0..nums.len())
        .filter(|&i| !used[i] && nums[i].span.end - base <= before && ok(&nums[i]))
        .collect();
    if let Some(&last) = cands.last() {
        // Run together with another compatible figure ("3963 & 3933 % 1549")?
        if let Some(&prev) = cands.iter().rev().nth(1) {
            let gap = &lower[nums[prev].span.end - base..nums[last].span.start - base];
            if !gap
                .split(|c: char| !c.is_ascii_alphabetic())
                .any(|w| w.len() >= 3)
            {
                return None;
            }
        }
        // The figure and the phrase must have words between them ("13% 18% increase" is
        // two figures side by side, not a figure and its change).
        let gap = &lower[nums[last].span.end - base..anchor.max(nums[last].span.end - base)];
        if !gap
            .split(|c: char| !c.is_ascii_alphabetic())
            .any(|w| w.len() >= 2)
        {
            return None;
        }
        return Some((si, nums[last].clone()));
    }
    if nums.iter().any(|n| n.span.end - base <= before && !ok(n)) {
        return None;
    }
    let starts_this = ["this ", "it ", "that ", "these "]
        .iter()
        .any(|w| lower.starts_with(w));
    let p = si.checked_sub(1)?;
    let ps = &d.sentences()[p];
    if ps.section != s.section || ps.table {
        return None;
    }
    let prev_text = d.sentence(p);
    let standalone = prev_text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.len() >= 3)
        .count()
        == 0;
    if !(starts_this || standalone) {
        return None;
    }
    let compatible: Vec<&Number> = ps.numbers.iter().filter(|n| ok(n)).collect();
    if standalone && compatible.len() != 1 {
        return None;
    }
    compatible.last().map(|n| (p, (*n).clone()))
}

#[cfg(test)]
#[path = "change_tests.rs"]
mod tests;
