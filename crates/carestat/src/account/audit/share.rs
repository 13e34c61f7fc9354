//! The `share` claim: a percentage of a count ("1.5% of the adult population"), with a stated
//! numerator or, when the document leaves it unstated, the candidates it gives.

use crate::rounding::stated_interval;

use super::super::claims::Claim;
use super::super::dataset::Dataset;
use super::super::figures::{self, Figure, FigureKind};
use super::super::text::{detail, num};
use super::{
    current, interval_text, judged, no_denominator, stated, verdict, Finding, Range, Status,
    Verdict,
};

pub(super) fn share(ds: &Dataset, c: &Claim) -> Finding {
    let den = current(ds, c.denominator.as_deref());
    let (s, d) = stated(c);
    if den.value <= 0.0 {
        return no_denominator(c, &den, "share").unit("%");
    }
    let (s_lo, s_hi) = stated_interval(s, d);
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
    let implied_text = format!(
        "{}% of {} is {}",
        num(s, d),
        den.shown(),
        interval_text(implied.1, implied.2, whole, 1)
    );
    if let Some(n_ref) = c.numerator.as_deref() {
        let Some(n) = figures::resolve(ds, n_ref) else {
            return Finding::new(c, Status::Unchecked, format!("{n_ref} is not published"));
        };
        let r = share_of(&n);
        let what = format!("{} of {} is {}%", n.shown(), den.shown(), detail(r.face, d));
        let f = Finding::new(c, Status::Consistent, String::new())
            .computed(r)
            .unit("%");
        let stated = format!("{}%", num(s, d));
        let mut f = judged(f, verdict(r, s, d), &what, &stated, r, |x| {
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
            let ok = verdict(r, s, d) != Verdict::No;
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
    let f = Finding::new(c, Status::Unchecked, String::new())
        .unit("%")
        .implied("numerator", implied.0, implied.1, implied.2);
    if let Some((cand, r)) = matched {
        return Finding {
            status: Status::Consistent,
            reason: format!("the numerator is not stated; {implied_text}{tried}"),
            ..f.computed(r).reading(&cand)
        };
    }
    Finding {
        reason: format!(
            "the numerator is not stated; {implied_text}{}",
            if tried.is_empty() {
                String::new()
            } else {
                format!("{tried}: none reproduces {}%", num(s, d))
            }
        ),
        ..f
    }
}
