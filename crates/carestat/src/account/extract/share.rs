//! Shares: a percentage of a stated count.
//!
//! * "Out of a total of 1070 MSP enquiries, 74% were asked ..." (the total first);
//! * "74% of the 1,070 enquiries", "30% of all 440 responses" (the total after "of");
//! * "663 complaints ... Of these, 45% were about service quality, 23% about ..." (the
//!   total in the sentence before);
//! * "873 (12.2%) of the 7,128 people" (the part and its share, then the total);
//! * "1.5% of the adult population" (a population the document states elsewhere);
//! * "114 of the 217 young people", "217 young people ..., of which 114 ..." (a count that is
//!   part of another: recorded as `part_of`, which the report turns into a share).
//!
//! A percentage followed by its own "of those expressing an outcome" is a share of a
//! different total: no claim. A share whose total is not stated ("a response rate of
//! 30.3%") is left as not understood.

use super::numbers::{Kind, Number};
use super::words::{label_after, squash};
use super::Draft;
use crate::account::claims::ClaimKind;

pub(crate) fn shares(d: &mut Draft<'_>) {
    for si in 0..d.sentences().len() {
        let s = &d.sentences()[si];
        if s.heading || s.table || s.numbers.is_empty() {
            continue;
        }
        sentence(d, si);
    }
}

#[allow(clippy::too_many_lines)] // the share forms of one sentence, in order
fn sentence(d: &mut Draft<'_>, si: usize) {
    let s = d.sentences()[si].clone();
    let base = s.span.start;
    let lower = d.lower(si);
    let nums = &s.numbers;
    let rel = |n: &Number| (n.span.start - base, n.span.end - base);
    // "x of the y" between counts: a part of a whole.
    for i in 0..nums.len() {
        let (a, b) = (&nums[i], nums.get(i + 1));
        let Some(b) = b else { break };
        if a.kind != Kind::Count || b.kind != Kind::Count || d.is_placed(a) {
            continue;
        }
        let gap = lower[rel(a).1..rel(b).0].trim();
        let part_first = matches!(gap, "of the" | "out of" | "out of the" | "of");
        if part_first && a.value <= b.value {
            part_of(d, si, a, b);
        }
    }
    // ", of which 114 had been waiting": the part after the whole.
    if let Some(k) = lower.find(", of which ") {
        let whole = nums
            .iter()
            .rev()
            .find(|n| rel(n).1 <= k && n.kind == Kind::Count);
        let part = nums
            .iter()
            .find(|n| rel(n).0 >= k + 11 && rel(n).0 <= k + 13 && n.kind == Kind::Count);
        if let (Some(w), Some(p)) = (whole, part) {
            if p.value <= w.value && !d.is_placed(p) {
                let (w, p) = (w.clone(), p.clone());
                part_of(d, si, &p, &w);
            }
        }
    }
    // The total this sentence's shares are of, when it states one before them.
    let out_of = [
        "out of a total of ",
        "out of ",
        "of a total of ",
        "from a total of ",
    ]
    .iter()
    .find_map(|w| lower.find(w).map(|k| k + w.len()))
    .and_then(|k| {
        nums.iter()
            .find(|n| rel(n).0 == k && n.kind == Kind::Count)
            .cloned()
    });
    let of_these = [
        "of these",
        "of those",
        "of them",
        "of this group",
        "of which",
    ]
    .iter()
    .any(|w| lower.trim_start_matches('*').starts_with(w));
    let before_total = if of_these {
        previous_total(d, si)
    } else {
        None
    };
    for p in nums.iter().filter(|n| n.kind == Kind::Percent) {
        if d.is_placed(p) || p.value > 100.0 {
            continue;
        }
        let (ps, pe) = rel(p);
        let after = lower[pe..].trim_start_matches(['*', ')']);
        // "74% of the 1,070 enquiries"
        let of_n = ["of the ", "of all ", "of these ", "of those ", "of "]
            .iter()
            .find_map(|w| {
                after
                    .strip_prefix(&format!(" {w}"))
                    .map(|_| pe + (lower[pe..].len() - after.len()) + 1 + w.len())
            })
            .and_then(|k| {
                nums.iter()
                    .find(|n| rel(n).0 == k && n.kind == Kind::Count)
                    .cloned()
            });
        // "873 (12.2%)"
        let numerator = nums
            .iter()
            .find(|n| {
                n.kind == Kind::Count && rel(n).1 + 2 == ps && lower[rel(n).1..ps].ends_with(" (")
            })
            .cloned();
        let total = if let Some(t) = of_n {
            Some((si, t))
        } else if after.starts_with(" of ") || after.starts_with(" were of ") {
            // A share of something else ("91% of those expressing an outcome").
            None
        } else if let Some(t) = out_of.clone().filter(|t| rel(t).1 <= ps) {
            Some((si, t))
        } else {
            before_total.clone()
        };
        if let Some((ti, t)) = total {
            add(d, si, p, numerator.as_ref(), ti, &t);
        } else if let Some(pop) = population_of(d, &lower[pe..]) {
            let text = d.sentence(si)[ps..(pe + 30).min(lower.len())].to_owned();
            let text = text
                .get(..text.rfind(' ').unwrap_or(text.len()))
                .unwrap_or("")
                .to_owned();
            let mut c = d.claim(ClaimKind::Share, &squash(&text), &text, si);
            c.denominator = Some(pop);
            c.stated = Some(p.value);
            c.decimals = Some(p.decimals);
            if d.push_claim(c) {
                d.use_number(p);
            }
        } else if numerator.is_some() {
            d.leave(p, "a share of a total the sentence does not state");
        }
    }
}

/// The one count of the sentence before (same section), for "Of these, 45% ...".
fn previous_total(d: &Draft<'_>, si: usize) -> Option<(usize, Number)> {
    let p = si.checked_sub(1)?;
    let ps = &d.sentences()[p];
    if ps.section != d.sentences()[si].section {
        return None;
    }
    let counts: Vec<&Number> = ps
        .numbers
        .iter()
        .filter(|n| n.kind == Kind::Count)
        .collect();
    match counts[..] {
        [c] => Some((p, c.clone())),
        _ => None,
    }
}

/// "of the adult population": the population figure the document states, when one fits.
fn population_of(d: &Draft<'_>, after: &str) -> Option<String> {
    let a = after.trim_start_matches('*').trim_start();
    let a = a.strip_prefix("of ")?;
    let a = a.strip_prefix("the ").unwrap_or(a);
    let band = if a.starts_with("adult population") || a.starts_with("population aged 18") {
        "18+"
    } else if a.starts_with("population aged 65") || a.starts_with("older population") {
        "65+"
    } else if a.starts_with("population") {
        "all ages"
    } else {
        return None;
    };
    let fits: Vec<&String> =
        d.ds.populations
            .iter()
            .filter(|(_, p)| p.age_band == band)
            .map(|(k, _)| k)
            .collect();
    match fits[..] {
        [k] => Some(format!("populations.{k}")),
        _ => None,
    }
}

fn part_of(d: &mut Draft<'_>, si: usize, part: &Number, whole: &Number) {
    let base = d.sentences()[si].span.start;
    let text = d.sentence(si);
    let wl = label_after(text, whole.span.end - base, whole.span.start - base);
    let Some(w) = d.figure(si, whole, &wl) else {
        return;
    };
    let pl = label_after(text, part.span.end - base, part.span.start - base);
    let Some(p) = d.figure(si, part, &pl) else {
        return;
    };
    if let Some(c) = p
        .strip_prefix("counts.")
        .and_then(|id| d.ds.counts.get_mut(id))
    {
        c.part_of = Some(w);
    }
}

fn add(
    d: &mut Draft<'_>,
    si: usize,
    p: &Number,
    numerator: Option<&Number>,
    ti: usize,
    t: &Number,
) {
    let tb = d.sentences()[ti].span.start;
    let tl = label_after(d.sentence(ti), t.span.end - tb, t.span.start - tb);
    let Some(den) = d.figure(ti, t, &tl) else {
        return;
    };
    let base = d.sentences()[si].span.start;
    let text = d.sentence(si);
    let num = numerator.and_then(|n| {
        let l = label_after(text, p.span.end - base + 1, n.span.start - base);
        d.figure(si, n, &l)
    });
    let words = text[p.span.start - base..]
        .split(',')
        .next()
        .unwrap_or("")
        .trim()
        .to_owned();
    let mut c = d.claim(ClaimKind::Share, &squash(&words), &words, si);
    c.denominator = Some(den);
    c.numerator = num;
    c.stated = Some(p.value);
    c.decimals = Some(p.decimals);
    if d.push_claim(c) {
        d.use_number(p);
    }
}

#[cfg(test)]
mod tests {
    use crate::account::extract::extract;
    use crate::account::read::Document;
    use crate::account::{audit, ClaimKind, Status};

    fn shares(text: &str) -> Vec<(f64, Option<u64>, u64, Status)> {
        let x = extract(&Document::from_plain_text(text));
        let f = audit(&x.dataset).unwrap();
        x.dataset
            .claims
            .iter()
            .zip(f)
            .filter(|(c, _)| c.kind == ClaimKind::Share)
            .map(|(c, f)| {
                let den = c.denominator.as_ref().unwrap();
                let den = x
                    .dataset
                    .counts
                    .get(den.strip_prefix("counts.").unwrap_or(""))
                    .map_or_else(
                        || x.dataset.populations[den.strip_prefix("populations.").unwrap()].value,
                        |c| c.value,
                    );
                let num = c
                    .numerator
                    .as_ref()
                    .map(|n| x.dataset.counts[n.strip_prefix("counts.").unwrap()].value);
                (c.stated.unwrap(), num, den, f.status)
            })
            .collect()
    }

    #[test]
    fn shares_as_councils_write_them() {
        use Status::{Consistent, Inconsistent, Unchecked};
        // Seed 000 (Birmingham): the second percentage is of "those expressing an outcome".
        assert_eq!(
            shares("Out of a total of 1070 MSP enquiries, **74%** were asked what their desired outcomes were. **91%** of those expressing an outcome had their outcomes fully or partially achieved."),
            vec![(74.0, None, 1070, Unchecked)]
        );
        // Seed 003 (CQC, Birmingham 2023).
        assert_eq!(
            shares("In the 12 months to May 2023, the local authority received 663 complaints directly about adult social care. Of these, 45% were about service quality, 23% about service quality failure, approximately 16% about communication and almost 8% about staff conduct.").len(),
            4
        );
        // A part, its share and the total: 873 / 7,128 = 12.25%, so 12.2% is consistent
        // within rounding? 12.247...% rounds to 12.2: consistent; 13.2% is not.
        assert_eq!(
            shares("873 (12.2%) of the 7,128 people supported were carers."),
            vec![(12.2, Some(873), 7128, Consistent)]
        );
        assert_eq!(
            shares("873 (13.2%) of the 7,128 people supported were carers."),
            vec![(13.2, Some(873), 7128, Inconsistent)]
        );
        // No total stated: no claim.
        assert!(shares("We received 440 responses, a response rate of 30.3%.").is_empty());
    }

    #[test]
    fn parts_of_a_count() {
        // Seed 001 (CQC, Birmingham 2023).
        let x = extract(&Document::from_plain_text("There was a list of 217 young people waiting for an assessment, of which 114 had been waiting for more than 90 days.\n"));
        let part = x.dataset.counts.values().find(|c| c.value == 114).unwrap();
        assert_eq!(
            part.part_of
                .as_deref()
                .map(|r| &x.dataset.counts[r.strip_prefix("counts.").unwrap()].value),
            Some(&217)
        );
    }
}
