//! The `stock_flow` claim: opening + inflows - outflows against the closing figure.
//!
//! Each term carries its rounding: a count stated to hundreds ("1,200") is a whole number
//! from 1,150 to 1,249; money "4,989" in a GBP'000 table is 4,988.5 to 4,989.5. The closing
//! the others allow is an interval (exact decimal arithmetic, whole numbers for counts); a
//! stated closing outside it is impossible given the rounding of the inputs. With the opening
//! or the closing not given, the finding is unchecked and reports the value the others imply.

use super::super::claims::Claim;
use super::super::dataset::Dataset;
use super::super::exact::Dec;
use super::super::figures::{Figure, FigureKind};
use super::super::flow::{Flow, FlowTerm};
use super::{Finding, Range, Status};

/// A term's interval `[lo, hi]`: whole numbers for counts, closed for money.
fn interval(t: &FlowTerm, count: bool) -> Option<(Dec, Dec)> {
    let v = Dec::from_f64(t.value)?;
    let Some(d) = t.decimals else {
        return Some((v, v));
    };
    let h = Dec::half_unit(d);
    let (lo, hi) = (v.sub(h)?, v.add(h)?);
    if !count {
        return Some((lo, hi));
    }
    if d >= 0 {
        return Some((v, v));
    }
    // Half away from zero: the upper end rounds up, so it is not a value of `v`.
    let hi = if hi.is_whole() {
        hi.sub(Dec::int(1))?
    } else {
        hi.floor()?
    };
    Some((lo.ceil()?, hi))
}

/// Sum of the signed terms (not the closing): face value and interval.
fn implied(f: &Flow, count: bool, skip_opening: bool) -> Option<(Dec, Dec, Dec)> {
    let (mut face, mut lo, mut hi) = (Dec::ZERO, Dec::ZERO, Dec::ZERO);
    for (name, t, sign) in f.terms() {
        if sign == 0 || (skip_opening && name == "opening") {
            continue;
        }
        let v = Dec::from_f64(t.value)?;
        let (a, b) = interval(t, count)?;
        if sign > 0 {
            face = face.add(v)?;
            lo = lo.add(a)?;
            hi = hi.add(b)?;
        } else {
            face = face.sub(v)?;
            lo = lo.sub(b)?;
            hi = hi.sub(a)?;
        }
    }
    Some((face, lo, hi))
}

pub(super) fn stock_flow(ds: &Dataset, c: &Claim) -> Finding {
    let key = c.flow.as_deref().unwrap_or_default();
    let f = &ds.flows[key.strip_prefix("flows.").unwrap_or(key)];
    check(f, c).unwrap_or_else(|| {
        Finding::new(
            c,
            Status::Unchecked,
            "the terms have too many digits to add up exactly".to_owned(),
        )
    })
}

#[allow(clippy::too_many_lines)] // the three cases (no closing, no opening, both) share the formatting
fn check(f: &Flow, c: &Claim) -> Option<Finding> {
    let count = f.unit.is_none();
    let kind = f.unit.map_or(FigureKind::Count, FigureKind::Money);
    let fig = Figure {
        label: f.label.clone(),
        kind,
        value: 0.0,
        lo: 0.0,
        hi: 0.0,
        decimals: None,
        derived: None,
    };
    let d = f
        .terms()
        .iter()
        .filter_map(|(_, t, _)| t.decimals)
        .max()
        .unwrap_or(0)
        .max(0);
    let show = |x: Dec| fig.fmt(x.to_f64(), d);
    let unit = kind.unit().trim();
    let Some(closing) = &f.closing else {
        let (face, lo, hi) = implied(f, count, false)?;
        let (lo, hi) = (lo.to_f64(), hi.to_f64());
        let mut out = if count && hi < 0.0 {
            Finding::new(
                c,
                Status::Inconsistent,
                format!(
                    "more went out of '{}' than was in it: opening + in - out is {} to {}",
                    f.label,
                    show(Dec::from_f64(lo)?),
                    show(Dec::from_f64(hi)?)
                ),
            )
        } else {
            Finding::new(
                c,
                Status::Unchecked,
                format!(
                    "no closing figure is given: opening + in - out makes {} ({} to {} within the rounding of the terms)",
                    show(face),
                    show(Dec::from_f64(lo)?),
                    show(Dec::from_f64(hi)?)
                ),
            )
        };
        out = out.implied("closing", face.to_f64(), lo, hi).unit(unit);
        return Some(out);
    };
    let (cl_lo, cl_hi) = interval(closing, count)?;
    let cl = Dec::from_f64(closing.value)?;
    if f.opening.is_none() {
        // opening = closing - in + out
        let (face, lo, hi) = implied(f, count, true)?;
        let o_face = cl.sub(face)?;
        let o_lo = cl_lo.sub(hi)?;
        let o_hi = cl_hi.sub(lo)?;
        let impossible = count && o_hi.signum() < 0;
        let status = if impossible {
            Status::Inconsistent
        } else {
            Status::Unchecked
        };
        let what = if impossible {
            "no opening figure could give this closing figure (it would be negative)"
        } else {
            "no opening figure is given"
        };
        let reason = format!(
            "{what}: closing - in + out makes an opening of {} ({} to {} within the rounding of the terms)",
            show(o_face),
            show(o_lo),
            show(o_hi)
        );
        return Some(
            Finding::new(c, status, reason)
                .implied("opening", o_face.to_f64(), o_lo.to_f64(), o_hi.to_f64())
                .unit(unit),
        );
    }
    let (face, lo, hi) = implied(f, count, false)?;
    let mut out = Finding::new(c, Status::Consistent, String::new())
        .computed(Range {
            face: face.to_f64(),
            lo: lo.to_f64(),
            hi: hi.to_f64(),
        })
        .unit(unit);
    out.stated = Some(closing.value);
    out.decimals = Some(closing.decimals.unwrap_or(0));
    let what = format!(
        "opening + in - out for '{}' makes {}; the stated closing figure is {}",
        f.label,
        show(face),
        fig.fmt(closing.value, closing.decimals.unwrap_or(0).max(0))
    );
    let at_face = match closing.decimals {
        Some(dc) => face.round(dc)? == cl,
        None => face == cl,
    };
    let le = |a: Dec, b: Dec| a.cmp(b).is_some_and(std::cmp::Ordering::is_le);
    let feasible = le(lo, cl_hi) && le(cl_lo, hi);
    out.reason = if at_face {
        what
    } else if feasible {
        let edge = if lo == cl_hi || hi == cl_lo {
            ", only at the very edge of the terms' rounding"
        } else {
            ""
        };
        format!(
            "{what}: within the rounding of the terms the closing can be {} to {}, which includes the stated figure{edge}",
            show(lo),
            show(hi)
        )
    } else {
        out.status = Status::Inconsistent;
        let room = if lo == hi {
            " (exact figures leave no room for rounding)".to_owned()
        } else {
            format!(
                " (between {} and {} within the rounding of the terms)",
                show(lo),
                show(hi)
            )
        };
        format!("{what}: the closing figure is impossible given the other figures{room}")
    };
    Some(out)
}
