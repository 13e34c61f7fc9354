//! The `sum` claim: parts that add up to a total ("GBP 326.4m ... by service type"), allowing
//! for the rounding of the parts and the total; money parts a thousand times the total are
//! named a unit slip.

use crate::rounding::round_half_away;

use super::super::claims::Claim;
use super::super::dataset::Dataset;
use super::super::figures::{Figure, FigureKind};
use super::{current, unit_of, Finding, Range, Status};

pub(super) fn sum(ds: &Dataset, c: &Claim) -> Finding {
    let key = c.breakdown.as_deref().unwrap_or_default();
    let b = &ds.breakdowns[key.strip_prefix("breakdowns.").unwrap_or(key)];
    let total = current(ds, Some(&b.total));
    let exact_parts = total.kind == FigureKind::Count;
    let half = if exact_parts {
        0.0
    } else {
        0.5 * 10f64.powi(-b.decimals)
    };
    let s: f64 = b.parts.iter().map(|p| p.value).sum();
    let n = b.parts.len() as f64;
    let slack = n * half;
    let r = Range {
        face: s,
        lo: s - slack,
        hi: s + slack,
    };
    let allowed = slack + (total.hi - total.lo) / 2.0;
    let gap = s - total.value;
    let d = b.decimals.max(total.decimals.unwrap_or(0));
    let unit = unit_of(&total);
    let what = format!(
        "the {} parts of '{}' add up to {}; the stated total is {}",
        b.parts.len(),
        b.label,
        total.fmt(s, d),
        total.shown()
    );
    let same = round_half_away(s, d) == round_half_away(total.value, d);
    let (status, reason) = if same {
        (Status::Consistent, what)
    } else if gap.abs() <= allowed + 1e-9 {
        (
            Status::Consistent,
            format!(
                "{what}: a gap of {}, within the {} that rounding the parts and the total allows",
                total.fmt(gap.abs(), d),
                total.fmt(allowed, d + 1)
            ),
        )
    } else if exact_parts {
        (
            Status::Inconsistent,
            format!(
                "{what}: a gap of {} (whole counts leave no room for rounding)",
                total.fmt(gap.abs(), d)
            ),
        )
    } else {
        (
            Status::Inconsistent,
            format!(
                "{what}: a gap of {}, more than the {} that rounding the parts and the total allows",
                total.fmt(gap.abs(), d),
                total.fmt(allowed, d + 1)
            ),
        )
    };
    let reason = match (status, scale_slip(s, &total)) {
        (Status::Inconsistent, Some(words)) => format!("{reason}; {words}"),
        _ => reason,
    };
    let mut f = Finding::new(c, status, reason)
        .computed(r)
        .unit(unit.trim());
    f.stated = Some(total.value);
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
