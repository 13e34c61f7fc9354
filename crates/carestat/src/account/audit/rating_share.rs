//! The `rating_share` claim: a share of rated providers ("76% are Outstanding or Good"),
//! tried under both denominator rules unless the document states one.
//!
//! A count left between Inadequate and not rated (`inadequate_or_not_rated`) is tried at
//! every split. Numerator and denominator move by at most one location per split, so the
//! splits that give the same share are consecutive: the work is one pass over the splits,
//! and the reason names the two ends and summarises the splits between them, so its length
//! does not grow with the count.

use std::fmt::Write as _;

use crate::ratings::{DenominatorRule, Rating};
use crate::rounding::{round_half_away, stated_interval};

use super::super::claims::Claim;
use super::super::dataset::{Dataset, RatingDistribution};
use super::super::text::{detail, num};
use super::{interval_text, stated, wording, Finding, Range, Status};

fn rule_name(rule: DenominatorRule) -> &'static str {
    match rule {
        DenominatorRule::AllLocations => "all_locations",
        DenominatorRule::RatedOnly => "rated_only",
    }
}

/// Consecutive splits `first..=last` (the number counted as not rated) giving one `x of n`.
struct Run {
    x: u64,
    n: u64,
    first: u64,
    last: u64,
}

impl Run {
    #[allow(clippy::cast_precision_loss)] // counts of locations, far below 2^53
    fn pct(&self) -> f64 {
        self.x as f64 / self.n as f64 * 100.0
    }
}

/// The runs of one rule, in split order: one pass over the splits, O(count).
fn runs(dist: &RatingDistribution, categories: &[Rating], rule: DenominatorRule) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    for j in 0..=dist.inadequate_or_not_rated {
        let Ok((x, n)) = dist.reading(j).share_parts(categories, rule) else {
            continue;
        };
        match out.last_mut() {
            Some(r) if (r.x, r.n) == (x, n) && r.last + 1 == j => r.last = j,
            _ => out.push(Run {
                x,
                n,
                first: j,
                last: j,
            }),
        }
    }
    out
}

/// " if the 3 'inadequate or not rated' are inadequate or split", for a run of splits.
fn when(dist: &RatingDistribution, r: &Run) -> String {
    let amb = dist.inadequate_or_not_rated;
    let mut which = Vec::new();
    if r.first == 0 {
        which.push("inadequate");
    }
    // Some split strictly between all inadequate (0) and all not rated (amb) is in the run.
    if r.first.max(1) <= r.last.min(amb.saturating_sub(1)) {
        which.push("split");
    }
    if r.last == amb {
        which.push("not rated");
    }
    format!(
        " if the {amb} 'inadequate or not rated' {} {}",
        if amb == 1 { "is" } else { "are" },
        which.join(" or ")
    )
}

#[allow(clippy::too_many_lines)] // rules x runs, then one reason
pub(super) fn rating_share(ds: &Dataset, c: &Claim) -> Finding {
    let key = c.ratings.as_deref().unwrap_or_default();
    let dist = &ds.ratings[key.strip_prefix("ratings.").unwrap_or(key)];
    let (s, d) = stated(c);
    let categories = c
        .categories
        .clone()
        .unwrap_or_else(|| vec![Rating::Outstanding, Rating::Good]);
    let cat_text = categories
        .iter()
        .map(|r| r.label())
        .collect::<Vec<_>>()
        .join(" or ");
    let rules = c.rule.map_or_else(
        || vec![DenominatorRule::AllLocations, DenominatorRule::RatedOnly],
        |r| vec![r],
    );
    let mut parts = Vec::new();
    let mut matching_rules: Vec<DenominatorRule> = Vec::new();
    let mut first: Option<f64> = None;
    let mut matched_value: Option<f64> = None;
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    let worded = wording::of(c);
    let w = worded.as_ref();
    let target = round_half_away(s, d);
    let matches = |pct: f64| {
        w.map_or(round_half_away(pct, d) == target, |w| {
            w.claimed.contains(pct)
        })
    };
    for rule in &rules {
        let results = runs(dist, &categories, *rule);
        let text = |r: &Run, ok: bool| {
            format!(
                "{} of {} = {}%{}{}",
                r.x,
                r.n,
                detail(r.pct(), d),
                if results.len() > 1 {
                    when(dist, r)
                } else {
                    String::new()
                },
                if ok { " (matches)" } else { "" }
            )
        };
        let mut texts = Vec::new();
        // The runs strictly between the two ends, when there are too many to list.
        let many = results.len() > 3;
        let (mut mid_lo, mut mid_hi, mut mid_matches) = (f64::INFINITY, f64::NEG_INFINITY, 0);
        let mut mid_first_match: Option<String> = None;
        for (i, r) in results.iter().enumerate() {
            let pct = r.pct();
            first.get_or_insert(pct);
            lo = lo.min(pct);
            hi = hi.max(pct);
            let ok = matches(pct);
            if ok {
                matched_value.get_or_insert(pct);
                if !matching_rules.contains(rule) {
                    matching_rules.push(*rule);
                }
            }
            if !many || i == 0 || i + 1 == results.len() {
                texts.push(text(r, ok));
                continue;
            }
            mid_lo = mid_lo.min(pct);
            mid_hi = mid_hi.max(pct);
            if ok {
                mid_matches += 1;
                mid_first_match.get_or_insert_with(|| {
                    format!(
                        "{} of {} = {}% with {} of them not rated",
                        r.x,
                        r.n,
                        detail(pct, d),
                        r.first
                    )
                });
            }
            if i + 2 == results.len() {
                let (a, b) = (mid_lo.min(mid_hi), mid_hi.max(mid_lo));
                let mut t = format!(
                    "{} splits between give {}% to {}%",
                    results.len() - 2,
                    detail(a, d),
                    detail(b, d)
                );
                if let Some(m) = &mid_first_match {
                    _ = write!(t, " ({mid_matches} of them match, the first {m})");
                }
                texts.push(t);
            }
        }
        parts.push(format!(
            "{}: {}",
            if *rule == DenominatorRule::AllLocations {
                "all locations"
            } else {
                "rated only"
            },
            texts.join(", ")
        ));
    }
    let computed = matched_value.or(first).unwrap_or(f64::NAN);
    let range = Range {
        face: computed,
        lo,
        hi,
    };
    let mut base = Finding::new(c, Status::Consistent, String::new())
        .computed(range)
        .unit("%");
    if let Some(w) = w {
        base = w.mark(base);
    }
    let detail = parts.join("; ");
    let stated_words = w.map_or_else(
        || format!("{}%", num(s, d)),
        |w| w.stated_text("%", &|x| format!("{}%", wording::end(x, d))),
    );
    if matching_rules.is_empty() {
        #[allow(clippy::cast_precision_loss)] // shown and scaled only
        let total = dist.reading(0).total() as f64;
        let (s_lo, s_hi, lo_open) = w.map_or_else(
            || {
                let (a, b) = stated_interval(s, d);
                (a, b, false)
            },
            |w| (w.claimed.lo, w.claimed.hi.min(100.0), w.claimed.lo_open),
        );
        let (ilo, ihi) = (s_lo / 100.0 * total, s_hi / 100.0 * total);
        let closed_hi = w.is_some_and(|w| !w.claimed.hi_open);
        let need = interval_text(
            ilo + if lo_open { 1e-9 } else { 0.0 },
            ihi - if closed_hi { 0.0 } else { 1e-9 },
            true,
            1,
        );
        let face = w.map_or(s, |w| w.claimed.value);
        return Finding {
            status: Status::Inconsistent,
            reason: format!(
                "{cat_text}: {detail}; no denominator rule gives the stated {stated_words} (it would need {need} of the {} locations)",
                num(total, 0)
            ),
            ..base.implied("numerator", face / 100.0 * total, ilo, ihi)
        };
    }
    let reading = if matching_rules.len() == rules.len() && rules.len() > 1 {
        "either"
    } else {
        rule_name(matching_rules[0])
    };
    let within = if w.is_some() {
        format!("; within the stated {stated_words}")
    } else {
        String::new()
    };
    Finding {
        reason: format!("{cat_text}: {detail}{within}"),
        ..base.reading(reading)
    }
}
