//! The `rate` claim: a rate per population ("803 per 100,000"), checked against the
//! population the document gives; a mismatch reports the population the rate implies.

use super::super::claims::Claim;
use super::super::dataset::Dataset;
use super::super::figures::{self, Figure};
use super::super::text::{detail, num};
use crate::rounding::stated_interval;

use super::{
    current, interval_text, no_denominator, stated, verdict, wording, wording::Worded, Finding,
    Range, Status, Verdict,
};

/// The stated rate in words ("3.2 per 100,000", or its wording: "almost 620 per 100,000"),
/// and the denominator it implies for the numerator `n` per `m`, over the stated figure's
/// rounding or what its wording allows: (face, lower, upper) and the words for it. A stated
/// rate that may be 0 puts no upper limit on it (infinite here, `None` in the finding, "at
/// least" in the text).
fn implied_denominator(
    c: &Claim,
    w: Option<&Worded>,
    n: &Figure,
    m: f64,
    per: &str,
) -> ((f64, f64, f64), String, String) {
    let (s, d) = stated(c);
    let (s_lo, s_hi) = w.map_or_else(|| stated_interval(s, d), |w| (w.claimed.lo, w.claimed.hi));
    let stated_words = w.map_or_else(
        || format!("{} {per}", num(s, d)),
        |w| w.stated_text(&format!(" {per}"), &|x| wording::end(x, d)),
    );
    let over = |x: f64, rate: f64| {
        if rate > 0.0 {
            x * m / rate
        } else {
            f64::INFINITY
        }
    };
    let implied = (over(n.value, s), over(n.lo, s_hi), over(n.hi, s_lo));
    let text = if implied.2.is_finite() {
        format!(
            "; {stated_words} implies a denominator of {} ({})",
            num(implied.0, 0),
            interval_text(implied.1, implied.2, true, 0)
        )
    } else {
        format!(
            "; {stated_words} implies a denominator of at least {}",
            num(implied.1.ceil(), 0)
        )
    };
    (implied, text, stated_words)
}

#[allow(clippy::too_many_lines)] // plain and worded figures, one reason each
pub(super) fn rate(ds: &Dataset, c: &Claim) -> Finding {
    let n_ref = c.numerator.as_deref().unwrap_or_default();
    let (s, d) = stated(c);
    let m = c.multiplier.unwrap_or(crate::rate::PER_100K);
    let per = format!("per {}", num(m, 0));
    if c.denominator.is_none() {
        return without_population(ds, c, m, &per);
    }
    let den = current(ds, c.denominator.as_deref());
    if den.value <= 0.0 {
        return no_denominator(c, &den, "rate").unit(&per);
    }
    let Some(n) = figures::resolve(ds, n_ref) else {
        return Finding::new(
            c,
            Status::Unchecked,
            format!("{n_ref} is not published, so the rate cannot be recomputed"),
        )
        .unit(&per);
    };
    let r = Range {
        face: n.value / den.value * m,
        lo: n.lo / den.hi * m,
        hi: n.hi / den.lo * m,
    };
    let worded = wording::of(c);
    let w = worded.as_ref();
    let (implied, implied_text, stated_words) = implied_denominator(c, w, &n, m, &per);
    let pop_note = ds
        .populations
        .iter()
        .find(|(id, _)| c.denominator.as_deref() == Some(&format!("populations.{id}")))
        .map(|(_, p)| {
            let year = p
                .year
                .map_or_else(|| "year not stated".to_owned(), |y| format!("{y} estimate"));
            format!(" ({}, {year})", p.label)
        })
        .unwrap_or_default();
    let derived = n
        .derived
        .as_ref()
        .map(|how| format!(" [{how}]"))
        .unwrap_or_default();
    let what = format!(
        "{} ({}){derived} per {}{pop_note} is {} {per}",
        n.shown(),
        n.label.replace(" (previous)", ", last year").to_lowercase(),
        den.shown(),
        detail(r.face, d)
    );
    let v = wording::verdict(w, r, || verdict(r, s, d));
    let mut f = Finding::new(c, Status::Consistent, String::new())
        .computed(r)
        .unit(&per)
        .implied("population", implied.0, implied.1, implied.2);
    if let Some(w) = w {
        f = w.mark(f);
    }
    match v {
        Verdict::AtFace | Verdict::WithinRounding if w.is_some() => {
            f.reason = format!("{what}, within the stated {stated_words}{implied_text}");
        }
        Verdict::AtFace | Verdict::WithinRounding => {
            f.reason = format!(
                "{what}, which rounds to the stated {}{implied_text}",
                num(s, d)
            );
        }
        Verdict::No => {
            f.status = Status::Inconsistent;
            let gap = implied.0 - den.value;
            let period = c
                .period
                .as_ref()
                .map(|p| format!(" (the rate is for {p})"))
                .unwrap_or_default();
            let gap_text = if gap.is_finite() {
                format!(
                    ", {} {} than the {} the document states",
                    num(gap.abs(), 0),
                    if gap > 0.0 { "more" } else { "fewer" },
                    den.shown()
                )
            } else {
                String::new()
            };
            let stated = if w.is_some() {
                stated_words.clone()
            } else {
                num(s, d)
            };
            f.reason = format!("{what}, not the stated {stated}{implied_text}{gap_text}{period}");
        }
    }
    if m != 100.0 && written_as_percent(&c.text) {
        // The scale check: "3.2% per 100,000" is either a rate or a percentage, not both.
        let share = n.value / den.value * 100.0;
        f.status = Status::Inconsistent;
        f.reason = format!(
            "\"{}\" is written with a per cent sign, but as a percentage {} of {} is {}%, not \
             {}%: the % sign is wrong for a rate {per}. As a rate: {}",
            c.text,
            n.shown(),
            den.shown(),
            significant(share, 2),
            num(s, d),
            f.reason
        );
    }
    f
}

/// A rate whose population the document does not state ("37 applications ... 3.2 per
/// 100,000 residents"): unchecked, with the population the stated rate implies; written with
/// a per cent sign ("3.2% per 100,000"), inconsistent as written, since a rate per 100,000
/// is not a percentage whatever the population.
fn without_population(ds: &Dataset, c: &Claim, m: f64, per: &str) -> Finding {
    let n_ref = c.numerator.as_deref().unwrap_or_default();
    let (s, d) = stated(c);
    let Some(n) = figures::resolve(ds, n_ref) else {
        return Finding::new(
            c,
            Status::Unchecked,
            format!("{n_ref} is not published and no population is stated: the rate cannot be recomputed"),
        )
        .unit(per);
    };
    let worded = wording::of(c);
    let w = worded.as_ref();
    let (implied, implied_text, _) = implied_denominator(c, w, &n, m, per);
    let mut f = Finding::new(c, Status::Unchecked, String::new())
        .unit(per)
        .implied("population", implied.0, implied.1, implied.2);
    if let Some(w) = w {
        f = w.mark(f);
    }
    let counted = format!(
        "{} ({})",
        n.shown(),
        n.label.replace(" (previous)", ", last year").to_lowercase()
    );
    f.reason = format!("the document states no population for this rate; {counted}{implied_text}");
    if m != 100.0 && written_as_percent(&c.text) {
        f.status = Status::Inconsistent;
        // As a percentage, the same count would be s% of n / s x 100 people.
        let as_percent = if s > 0.0 {
            format!(
                ", while as a percentage {counted} would be {}% of about {} people",
                num(s, d),
                num(n.value / s * 100.0, 0)
            )
        } else {
            String::new()
        };
        f.reason = format!(
            "\"{}\" is written with a per cent sign: a rate {per} is not a percentage, whatever the population. As a rate, {counted}{implied_text}{as_percent}",
            c.text
        );
    }
    f
}

/// True when a claim's words carry a per cent sign ("3.2% per 100,000", "3.2 per cent").
fn written_as_percent(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.contains('%') || lower.contains("per cent") || lower.contains("percent")
}

/// `x` with at least `digits` significant digits (and at least 1 decimal): `0.0032`.
fn significant(x: f64, digits: i32) -> String {
    if x == 0.0 || !x.is_finite() {
        return num(x, 1);
    }
    let magnitude = x.abs().log10().floor() as i32;
    num(x, (digits - 1 - magnitude).max(1))
}
