//! The `sum` claim: the parts of a breakdown against its total, of any figure kind (counts,
//! percentages, money, rates), each part with its own decimals and sign.
//!
//! The arithmetic is exact on the decimals as printed ([`Dec`]): "2.99% + 2% = 4.99%" is
//! equal, not off by 2e-16. Parts rounded separately may miss their total by the sum of
//! their half-units plus the total's own; only a gap beyond that is inconsistent. A part
//! with `subtract` is taken away (net = gross - income) and a bracketed money part is
//! negative; the slack is the same either way. Percentages with no total are shares of one
//! whole: they should make 100. Money parts a thousand (or a million) times their total
//! are named a unit slip.

use super::super::breakdown::{Breakdown, PartKind};
use super::super::claims::Claim;
use super::super::dataset::Dataset;
use super::super::exact::Dec;
use super::super::figures::{Figure, FigureKind};
use super::wording::Worded;
use super::{current, Finding, Range, Status, Verdict};

/// A breakdown's total: the figure (for printing), its exact value and half-width.
struct Total {
    figure: Figure,
    value: Dec,
    half: Dec,
    /// How the document gives it: "the stated total is X" or "shares of one whole".
    whole: bool,
}

fn figure_kind(ds: &Dataset, b: &Breakdown, kind: PartKind) -> FigureKind {
    match kind {
        PartKind::Count | PartKind::Rate => FigureKind::Count,
        PartKind::Percentage => FigureKind::Percentage,
        PartKind::Money => FigureKind::Money(
            b.money_unit(ds)
                .unwrap_or(super::super::dataset::MoneyUnit::Gbp),
        ),
    }
}

fn total_of(ds: &Dataset, b: &Breakdown, kind: PartKind) -> Total {
    if let Some(t) = &b.total {
        let figure = current(ds, Some(t));
        let value = Dec::from_f64(figure.value).unwrap_or(Dec::ZERO);
        let half = figure.decimals.map_or(Dec::ZERO, Dec::half_unit);
        return Total {
            figure,
            value,
            half,
            whole: false,
        };
    }
    let (v, d, whole) = match b.total_value {
        Some(v) => (v, b.total_decimals, false),
        None => (100.0, None, true),
    };
    let label = if whole { "the whole" } else { b.label.as_str() };
    let figure = Figure {
        label: label.to_owned(),
        kind: figure_kind(ds, b, kind),
        value: v,
        lo: v,
        hi: v,
        decimals: d,
        derived: None,
    };
    Total {
        figure,
        value: Dec::from_f64(v).unwrap_or(Dec::ZERO),
        half: d.map_or(Dec::ZERO, Dec::half_unit),
        whole,
    }
}

/// The exact sum of the parts (signed), their slack and the decimals to print with.
fn parts_sum(b: &Breakdown, total_decimals: Option<i32>) -> Option<(Dec, Dec, i32)> {
    let mut s = Dec::ZERO;
    let mut slack = Dec::ZERO;
    let mut d: Option<i32> = total_decimals;
    for (i, p) in b.parts.iter().enumerate() {
        s = s.add(Dec::from_f64(p.signed_value())?)?;
        if let Some(pd) = b.part_decimals(i) {
            slack = slack.add(Dec::half_unit(pd))?;
            d = Some(d.map_or(pd, |d| d.max(pd)));
        }
    }
    Some((s, slack, d.unwrap_or(0)))
}

pub(super) fn sum(ds: &Dataset, c: &Claim) -> Finding {
    let key = c.breakdown.as_deref().unwrap_or_default();
    let b = &ds.breakdowns[key.strip_prefix("breakdowns.").unwrap_or(key)];
    let kind = b.part_kind().unwrap_or(PartKind::Count);
    let total = total_of(ds, b, kind);
    let Some((s, slack, d)) = parts_sum(b, total.figure.decimals) else {
        return Finding::new(
            c,
            Status::Unchecked,
            "the parts have too many digits to add up exactly".to_owned(),
        );
    };
    let sf = s.to_f64();
    let end = |x: Option<Dec>| x.map_or(f64::NAN, Dec::to_f64);
    let r = Range {
        face: sf,
        lo: end(s.sub(slack)),
        hi: end(s.add(slack)),
    };
    let allowed = slack.add(total.half).unwrap_or(slack);
    let gap = s.sub(total.value).unwrap_or(Dec::ZERO).abs();
    let t = &total.figure;
    let taken = b.parts.iter().filter(|p| p.signed_value() < 0.0).count();
    let verb = if taken == 0 {
        "add up to".to_owned()
    } else {
        format!("come to ({taken} taken away)")
    };
    let against = if total.whole {
        format!(
            "as shares of one whole they should make {}",
            t.fmt(100.0, 0)
        )
    } else {
        format!("the stated total is {}", t.shown())
    };
    let what = format!(
        "the {} parts of '{}' {verb} {}; {against}",
        b.parts.len(),
        b.label,
        t.fmt(sf, d),
    );
    let same = s
        .round(d)
        .zip(total.value.round(d))
        .is_some_and(|(a, b)| a == b);
    if let Some(w) =
        super::wording::of_total(c, total.figure.value, total.figure.decimals.unwrap_or(0))
    {
        return hedged(c, &w, &what, &total, r, d);
    }
    let within = gap.cmp(allowed).is_some_and(std::cmp::Ordering::is_le);
    let at_edge = gap == allowed && gap.signum() != 0;
    let no_room = allowed.signum() == 0;
    let (status, reason) = if same {
        (Status::Consistent, what)
    } else if within {
        let edge = if at_edge {
            " (only at the very edge of what rounding allows)"
        } else {
            ""
        };
        (
            Status::Consistent,
            format!(
                "{what}: a gap of {}, within the {} that rounding the parts and the total allows{edge}",
                t.fmt(gap.to_f64(), d),
                t.fmt(allowed.to_f64(), d + 1)
            ),
        )
    } else if no_room {
        (
            Status::Inconsistent,
            format!(
                "{what}: a gap of {} (whole counts leave no room for rounding)",
                t.fmt(gap.to_f64(), d)
            ),
        )
    } else {
        (
            Status::Inconsistent,
            format!(
                "{what}: a gap of {}, more than the {} that rounding the parts and the total allows",
                t.fmt(gap.to_f64(), d),
                t.fmt(allowed.to_f64(), d + 1)
            ),
        )
    };
    let reason = match (status, scale_slip(sf, t)) {
        (Status::Inconsistent, Some(words)) => format!("{reason}; {words}"),
        _ => reason,
    };
    let mut f = Finding::new(c, status, reason)
        .computed(r)
        .unit(t.kind.unit().trim());
    f.stated = Some(t.value);
    f.decimals = Some(d);
    f
}

/// A sum whose total is hedged ("over 10 coproduction projects", then 11 listed): the parts'
/// sum, over their rounding, against the interval the hedge allows around the total.
fn hedged(c: &Claim, w: &Worded, what: &str, total: &Total, r: Range, d: i32) -> Finding {
    let t = &total.figure;
    let fmt = |x: f64| t.fmt(x, d);
    let reading = w.stated_text("", &|x| super::wording::end(x, d));
    let (status, verdict) = match super::wording::verdict(Some(w), r, || Verdict::No) {
        Verdict::AtFace => (
            Status::Consistent,
            format!("{}, as the words allow", fmt(r.face)),
        ),
        Verdict::WithinRounding => (
            Status::Consistent,
            format!(
                "within the rounding of the parts ({} to {}) the words can hold",
                t.fmt(r.lo, d + 1),
                t.fmt(r.hi, d + 1)
            ),
        ),
        Verdict::No => (
            Status::Inconsistent,
            format!("{} is not what the words allow", fmt(r.face)),
        ),
    };
    let f = Finding::new(
        c,
        status,
        format!("{what}; the total is {reading}: {verdict}"),
    )
    .computed(r)
    .unit(t.kind.unit().trim());
    let mut f = w.mark(f);
    f.stated = Some(t.value);
    f.decimals = Some(d);
    f
}

/// The scale check on a money breakdown: parts that add up to a thousand or a million times
/// the total (or a thousandth, a millionth), within half a per cent, are the mark of a
/// GBP'000 table read as GBP m or the reverse.
fn scale_slip(parts: f64, total: &Figure) -> Option<String> {
    if !matches!(total.kind, FigureKind::Money(_)) || total.value <= 0.0 || parts <= 0.0 {
        return None;
    }
    let ratio = parts / total.value;
    [
        (1e3, "a thousand times"),
        (1e6, "a million times"),
        (1e-3, "a thousandth of"),
        (1e-6, "a millionth of"),
    ]
    .into_iter()
    .find(|(factor, _)| (ratio / factor - 1.0).abs() <= 0.005)
    .map(|(_, words)| {
        format!(
            "the parts add up to {words} the total: a unit slip (a GBP'000 table read as GBP m, \
             or the like)"
        )
    })
}
