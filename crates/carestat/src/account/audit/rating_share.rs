//! The `rating_share` claim: a share of rated providers ("76% are Outstanding or Good"),
//! tried under both denominator rules unless the document states one.

use crate::ratings::{DenominatorRule, Rating};
use crate::rounding::{round_half_away, stated_interval};

use super::super::claims::Claim;
use super::super::dataset::Dataset;
use super::super::text::{detail, num};
use super::{interval_text, stated, Finding, Range, Status};

fn rule_name(rule: DenominatorRule) -> &'static str {
    match rule {
        DenominatorRule::AllLocations => "all_locations",
        DenominatorRule::RatedOnly => "rated_only",
    }
}

#[allow(clippy::too_many_lines)] // rules x readings, then one reason
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
    let readings = dist.readings();
    let mut parts = Vec::new();
    let mut matching_rules: Vec<DenominatorRule> = Vec::new();
    let mut first: Option<f64> = None;
    let mut matched_value: Option<f64> = None;
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for rule in &rules {
        // One entry per distinct (x, n); the readings of an ambiguous count that give it.
        let mut results: Vec<((u64, u64), Vec<usize>)> = Vec::new();
        for (k, counts) in readings.iter().enumerate() {
            let Ok(xn) = counts.share_parts(&categories, *rule) else {
                continue;
            };
            match results.iter_mut().find(|(r, _)| *r == xn) {
                Some((_, ks)) => ks.push(k),
                None => results.push((xn, vec![k])),
            }
        }
        let mut texts = Vec::new();
        for ((x, n), ks) in &results {
            let pct = *x as f64 / *n as f64 * 100.0;
            first.get_or_insert(pct);
            lo = lo.min(pct);
            hi = hi.max(pct);
            let ok = round_half_away(pct, d) == round_half_away(s, d);
            if ok {
                matched_value.get_or_insert(pct);
                if !matching_rules.contains(rule) {
                    matching_rules.push(*rule);
                }
            }
            let when = if results.len() > 1 {
                let which: Vec<&str> = ks
                    .iter()
                    .map(|&k| {
                        if k == 0 {
                            "inadequate"
                        } else if k + 1 == readings.len() {
                            "not rated"
                        } else {
                            "split"
                        }
                    })
                    .collect();
                format!(
                    " if the {} 'inadequate or not rated' {} {}",
                    dist.inadequate_or_not_rated,
                    if dist.inadequate_or_not_rated == 1 {
                        "is"
                    } else {
                        "are"
                    },
                    which.join(" or ")
                )
            } else {
                String::new()
            };
            texts.push(format!(
                "{x} of {n} = {}%{when}{}",
                detail(pct, d),
                if ok { " (matches)" } else { "" }
            ));
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
    let base = Finding::new(c, Status::Consistent, String::new())
        .computed(range)
        .unit("%");
    let detail = parts.join("; ");
    if matching_rules.is_empty() {
        let total = readings[0].total() as f64;
        let (s_lo, s_hi) = stated_interval(s, d);
        let (ilo, ihi) = (s_lo / 100.0 * total, s_hi / 100.0 * total);
        let need = interval_text(ilo, ihi - 1e-9, true, 1);
        return Finding {
            status: Status::Inconsistent,
            reason: format!(
                "{cat_text}: {detail}; no denominator rule gives the stated {}% (it would need {need} of the {} locations)",
                num(s, d),
                num(total, 0)
            ),
            ..base.implied("numerator", s / 100.0 * total, ilo, ihi)
        };
    }
    let reading = if matching_rules.len() == rules.len() && rules.len() > 1 {
        "either"
    } else {
        rule_name(matching_rules[0])
    };
    Finding {
        reason: format!("{cat_text}: {detail}"),
        ..base.reading(reading)
    }
}
