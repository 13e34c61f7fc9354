//! The `direction` claim: only a direction ("an increase from 73% last year", "remained the
//! same"), checked against last year's value within the rounding of both.

use super::super::claims::{Claim, Direction};
use super::super::dataset::Dataset;
use super::super::figures::FigureKind;
use super::super::history;
use super::super::text::signed;
use super::{current, diff_range, Finding, Status};

pub(super) fn direction(ds: &Dataset, c: &Claim) -> Finding {
    let subject = c.subject.as_deref().unwrap_or_default();
    let cur = current(ds, Some(subject));
    let stated_dir = c.direction.unwrap_or(Direction::Same);
    let word = match stated_dir {
        Direction::Increase => "an increase",
        Direction::Decrease => "a decrease",
        Direction::Same => "no change",
    };
    let Some(prev) = history::base_of(ds, c, subject) else {
        let none = c.base_period.as_ref().map_or_else(
            || "no previous value published".to_owned(),
            |p| format!("no {p} value published"),
        );
        return Finding::new(
            c,
            Status::Unchecked,
            format!("{none}: {word} cannot be checked"),
        );
    };
    let r = diff_range(&cur, &prev);
    let u = if cur.kind == FigureKind::Percentage {
        "points"
    } else {
        cur.kind.unit()
    };
    let d = cur.decimals.unwrap_or(0);
    let change = if cur.kind == FigureKind::Percentage {
        format!("{} points", signed(r.face, d))
    } else {
        cur.fmt_signed(r.face, d)
    };
    let what = format!(
        "{} from {} is a change of {change}",
        cur.shown(),
        prev.shown()
    );
    let (at_face, feasible) = match stated_dir {
        Direction::Increase => (r.face > 0.0, r.hi > 0.0),
        Direction::Decrease => (r.face < 0.0, r.lo < 0.0),
        Direction::Same => (r.face == 0.0, r.lo <= 0.0 && r.hi >= 0.0),
    };
    let (status, reason) = if at_face {
        (Status::Consistent, format!("{what}: {word}, as stated"))
    } else if feasible {
        (
            Status::Consistent,
            format!("{what}; within the rounding of the figures it can be {word}"),
        )
    } else {
        (Status::Inconsistent, format!("{what}: not {word}"))
    };
    let reason = match &c.base_period {
        Some(p) => format!("compared with {p}: {reason}"),
        None => reason,
    };
    let mut f = Finding::new(c, status, reason).computed(r).unit(u);
    f.decimals = Some(d);
    f
}
