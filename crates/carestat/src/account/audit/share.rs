//! The `share` claim: a percentage of a count ("1.5% of the adult population"), with a stated
//! numerator or, when the document leaves it unstated, the candidates it gives.

use crate::rounding::stated_interval;

use super::super::claims::Claim;
use super::super::dataset::Dataset;
use super::super::figures::{self, Figure, FigureKind};
use super::super::text::{detail, num};
use super::{
    current, interval_text, judged, no_denominator, stated, verdict, wording, Finding, Range,
    Status, Verdict,
};

#[allow(clippy::too_many_lines)] // plain and worded figures, one reason each
pub(super) fn share(ds: &Dataset, c: &Claim) -> Finding {
    let den = current(ds, c.denominator.as_deref());
    let (s, d) = stated(c);
    if den.value <= 0.0 {
        return no_denominator(c, &den, "share").unit("%");
    }
    let worded = wording::of(c);
    let w = worded.as_ref();
    let (s_lo, s_hi) = w.map_or_else(
        || stated_interval(s, d),
        |w| (w.claimed.lo, w.claimed.hi.min(100.0)),
    );
    let s = w.map_or(s, |w| w.claimed.value);
    let share_of = |n: &Figure| {
        let lo = n.lo / den.hi * 100.0;
        Range {
            face: n.value / den.value * 100.0,
            lo,
            // At most 100%, but never below `lo`: a numerator above the denominator gives a
            // share above 100% (inconsistent) rather than a range that ends before it starts.
            hi: (n.hi / den.lo * 100.0).min(100.0).max(lo),
        }
    };
    let whole = den.kind == FigureKind::Count || den.kind == FigureKind::Population;
    let implied = (
        s / 100.0 * den.value,
        s_lo / 100.0 * den.lo,
        s_hi / 100.0 * den.hi,
    );
    let pct = |x: f64| format!("{}%", wording::end(x, d));
    let stated_words = w.map_or_else(|| format!("{}%", num(s, d)), |w| w.stated_text("%", &pct));
    let implied_text = match w {
        // An open end excludes its own count: "almost 8% of 663" is below 53.04.
        Some(w) => format!(
            "{} of {} is {}",
            w.quoted("%"),
            den.shown(),
            interval_text(
                implied.1 + if w.claimed.lo_open { 1e-9 } else { 0.0 },
                implied.2 - if w.claimed.hi_open { 1e-9 } else { 0.0 },
                whole,
                1
            )
        ),
        None => format!(
            "{}% of {} is {}",
            num(s, d),
            den.shown(),
            interval_text(implied.1, implied.2, whole, 1)
        ),
    };
    // Without a numerator, the reason says first how the wording was read.
    let implied_full = match w {
        Some(w) => implied_text.replacen(&w.quoted("%"), &stated_words, 1),
        None => implied_text.clone(),
    };
    let mark = |f: Finding| match w {
        Some(w) => w.mark(f),
        None => f,
    };
    if let Some(n_ref) = c.numerator.as_deref() {
        let Some(n) = figures::resolve(ds, n_ref) else {
            return Finding::new(c, Status::Unchecked, format!("{n_ref} is not published"));
        };
        let r = share_of(&n);
        let what = format!("{} of {} is {}%", n.shown(), den.shown(), detail(r.face, d));
        let f = mark(
            Finding::new(c, Status::Consistent, String::new())
                .computed(r)
                .unit("%"),
        );
        let v = wording::verdict(w, r, || verdict(r, s, d));
        let mut f = judged(f, v, &what, &stated_words, r, |x| {
            format!("{}%", detail(x, d))
        });
        if f.status == Status::Inconsistent {
            f.reason = format!("{}; {implied_text}", f.reason);
            f = f.implied("numerator", implied.0, implied.1, implied.2);
        }
        return f;
    }
    let mut tried = Vec::new();
    let mut matched = None;
    for cand in &c.candidates {
        if let Some(n) = figures::resolve(ds, cand) {
            let r = share_of(&n);
            let ok = wording::verdict(w, r, || verdict(r, s, d)) != Verdict::No;
            tried.push(format!(
                "{cand} ({}) gives {}%{}",
                n.shown(),
                detail(r.face, d),
                if ok { " (matches)" } else { "" }
            ));
            if ok && matched.is_none() {
                matched = Some((cand.clone(), r));
            }
        }
    }
    let tried = if tried.is_empty() {
        String::new()
    } else {
        format!("; of the document's counts, {}", tried.join(", "))
    };
    let f = mark(
        Finding::new(c, Status::Unchecked, String::new())
            .unit("%")
            .implied("numerator", implied.0, implied.1, implied.2),
    );
    if let Some((cand, r)) = matched {
        return Finding {
            status: Status::Consistent,
            reason: format!("the numerator is not stated; {implied_full}{tried}"),
            ..f.computed(r).reading(&cand)
        };
    }
    Finding {
        reason: format!(
            "the numerator is not stated; {implied_full}{}",
            if tried.is_empty() {
                String::new()
            } else {
                format!("{tried}: none reproduces {stated_words}")
            }
        ),
        ..f
    }
}
