//! Populations ("Worcestershire has an adult population of 485,737") and rates per 100,000
//! checked against them ("37 applications ... 3.2 per 100,000 residents").
//!
//! A rate becomes a claim only when its sentence states the count and the document states a
//! population of the right age band (the band the sentence names, else the only population
//! the document gives). A rate without a population to check it by is left as not
//! understood, with that reason.

use super::change::is_change_number;
use super::numbers::Kind;
use super::words::{has_any, label_after};
use super::Draft;
use crate::account::claims::ClaimKind;
use crate::account::dataset::Population;

pub(crate) fn populations(d: &mut Draft<'_>) {
    for si in 0..d.sentences().len() {
        let s = d.sentences()[si].clone();
        let lower = d.lower(si);
        let base = s.span.start;
        for n in s
            .numbers
            .iter()
            .filter(|n| n.kind == Kind::Count && n.value >= 1000.0)
        {
            let pre = lower[..n.span.start - base].trim_end();
            let post = &lower[n.span.end - base..];
            let stated = pre.ends_with("population of")
                || pre.ends_with("population is")
                || pre.ends_with("population was")
                || pre.ends_with("population of around")
                || pre.ends_with("population of approximately")
                || post.starts_with(" residents")
                || post.starts_with(" people live");
            if !stated || pre.ends_with("per") {
                continue;
            }
            let mut from = (n.span.start - base).saturating_sub(40);
            while !lower.is_char_boundary(from) {
                from += 1;
            }
            let ctx = &lower[from..(n.span.end - base + 20).min(lower.len())];
            let band = if has_any(ctx, &["adult", "adults", "18+", "aged 18 and over"]) {
                "18+"
            } else if has_any(ctx, &["65+", "over 65", "aged 65"]) {
                "65+"
            } else if has_any(ctx, &["18-64", "working age"]) {
                "18-64"
            } else {
                "all ages"
            };
            let id = match band {
                "18+" => "adults_18_plus",
                "65+" => "people_65_plus",
                "18-64" => "adults_18_64",
                _ => "residents",
            };
            if d.ds.populations.contains_key(id) {
                let same = d.ds.populations[id].value == n.value as u64;
                if same {
                    d.use_number(n);
                } else {
                    d.leave(n, "a second, different population of the same age band");
                }
                continue;
            }
            let label = match band {
                "18+" => "Adult population (18+)".to_owned(),
                "all ages" => "Population (all ages)".to_owned(),
                b => format!("Population aged {b}"),
            };
            d.ds.populations.insert(
                id.to_owned(),
                Population {
                    label,
                    value: n.value as u64,
                    age_band: band.to_owned(),
                    year: None,
                    source: None,
                    quote: d.sentence(si).to_owned(),
                },
            );
            d.use_number(n);
        }
    }
}

fn is_per_100k(post: &str) -> Option<usize> {
    let p = post.trim_start_matches(['*', ' ']);
    ["per 100,000", "per 100 000", "per 100k", "per 100,000"]
        .iter()
        .find(|w| p.starts_with(*w))
        .map(|w| post.len() - p.len() + w.len())
}

pub(crate) fn rates(d: &mut Draft<'_>) {
    for si in 0..d.sentences().len() {
        let s = d.sentences()[si].clone();
        if s.heading || s.table {
            continue;
        }
        let lower = d.lower(si);
        let base = s.span.start;
        for (i, r) in s.numbers.iter().enumerate() {
            // The "100,000" of "per 100,000" is a unit, not a figure.
            if r.value == 100_000.0 && lower[..r.span.start - base].trim_end().ends_with("per") {
                d.use_number(r);
                continue;
            }
            let post = &lower[r.span.end - base..];
            let Some(len) = is_per_100k(post) else {
                continue;
            };
            if d.is_placed(r) {
                continue;
            }
            let per = s.numbers.get(i + 1).filter(|m| m.value == 100_000.0);
            let numerator = s.numbers[..i].iter().rev().find(|m| {
                m.kind == Kind::Count && !d.is_placed(m)
                    || d.figure_of(m).is_some_and(|f| f.starts_with("counts."))
            });
            let Some(num) = numerator.cloned() else {
                d.leave(
                    r,
                    "a rate per 100,000 whose count the sentence does not state",
                );
                continue;
            };
            let pop = population_for(d, &lower);
            if pop.is_none() && !d.ds.populations.is_empty() {
                d.leave(r, "a rate per 100,000, but none of the document's populations is clearly the one it is per");
                continue;
            }
            if pop.is_none() && is_change_number(&lower, base, &s.numbers, i) {
                d.leave(
                    r,
                    "a change in a rate per 100,000, with no population to check it by",
                );
                continue;
            }
            let nl = label_after(d.sentence(si), num.span.end - base, num.span.start - base);
            let Some(nref) = d.figure(si, &num, &nl) else {
                continue;
            };
            let text = d.sentence(si)[r.span.start - base..r.span.end - base + len].to_owned();
            let mut c = d.claim(ClaimKind::Rate, &nl, &text, si);
            c.numerator = Some(nref);
            // No population in the document: the audit reports the one the rate implies.
            c.denominator = pop;
            c.stated = Some(r.value);
            c.decimals = Some(r.decimals);
            if d.push_claim(c) {
                d.use_number(r);
                if let Some(p) = per {
                    d.use_number(p);
                }
            }
        }
    }
}

pub(crate) fn population_for(d: &Draft<'_>, lower: &str) -> Option<String> {
    let band = if has_any(lower, &["65+", "aged 65", "over 65", "older people"]) {
        Some("65+")
    } else if has_any(lower, &["18-64", "working age"]) {
        Some("18-64")
    } else if has_any(lower, &["adult", "adults", "18+"]) {
        Some("18+")
    } else if has_any(lower, &["residents", "all ages"]) {
        Some("all ages")
    } else {
        None
    };
    let fits: Vec<&String> =
        d.ds.populations
            .iter()
            .filter(|(_, p)| band.is_none_or(|b| p.age_band == b))
            .map(|(k, _)| k)
            .collect();
    match fits[..] {
        [k] => Some(format!("populations.{k}")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::account::claims::ClaimKind;
    use crate::account::extract::extract;
    use crate::account::read::Document;
    use crate::account::{audit, Status};

    #[test]
    fn rate_with_the_population_stated_elsewhere() {
        // 4455 / 485,737 x 100,000 = 917.1 (worked by hand); 803 is not it.
        let t = "Worcestershire has an adult population of 485,737.\n\nWe received 4455 safeguarding concerns, 917 per 100,000 adults.\n\nWe received 4455 concerns, 803 per 100,000 adults.\n";
        let x = extract(&Document::from_plain_text(t));
        let f = audit(&x.dataset).unwrap();
        // The rates (4455, printed twice, is also drafted as a restatement).
        let st: Vec<Status> = f
            .iter()
            .zip(&x.dataset.claims)
            .filter(|(_, c)| c.kind == ClaimKind::Rate)
            .map(|(f, _)| f.status)
            .collect();
        assert_eq!(st, vec![Status::Consistent, Status::Inconsistent]);
    }

    #[test]
    fn a_rate_without_a_population_reports_the_one_it_implies() {
        // Seed 003 (CQC, Birmingham 2023): the population is not in the document, and the
        // rate is written with a per cent sign, wrong for a rate per 100,000 whatever the
        // population. As a rate, 37 at 3.15 to 3.25 per 100,000 implies 37e5 / 3.25 =
        // 1,138,462 to 37e5 / 3.15 = 1,174,603 residents (worked by hand).
        let t = "Birmingham had 37 applications (in relation to adult social care), but this was only 3.2% per 100,000 residents.\n";
        let x = extract(&Document::from_plain_text(t));
        let [c] = &x.dataset.claims[..] else {
            panic!("one rate claim: {:?}", x.dataset.claims)
        };
        assert_eq!(c.kind, ClaimKind::Rate);
        assert_eq!(c.denominator, None);
        let f = &audit(&x.dataset).unwrap()[0];
        assert_eq!(f.status, Status::Inconsistent, "{}", f.reason);
        assert!((f.implied_lower.unwrap() - 37e5 / 3.25).abs() < 1e-6);
        assert!((f.implied_upper.unwrap() - 37e5 / 3.15).abs() < 1e-6);
        // Without the per cent sign the same sentence is unchecked, never an alarm.
        let t = "Birmingham had 37 applications, only 3.2 per 100,000 residents.\n";
        let f = &audit(&extract(&Document::from_plain_text(t)).dataset).unwrap()[0];
        assert_eq!(f.status, Status::Unchecked, "{}", f.reason);
        assert_eq!(f.implied_what.as_deref(), Some("population"));
        // "the group" ends in "up" but is not a change.
        let t = "Birmingham had 37 applications, for the whole group 3.2 per 100,000 residents.\n";
        let x = extract(&Document::from_plain_text(t));
        assert_eq!(x.dataset.claims.len(), 1, "{:?}", x.not_understood);
        // A change in a rate is not a rate.
        let t = "We saw 37 applications, an increase of 3.2% per 100,000 residents.\n";
        assert!(extract(&Document::from_plain_text(t))
            .dataset
            .claims
            .iter()
            .all(|c| c.kind != ClaimKind::Rate));
    }
}
