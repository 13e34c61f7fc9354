//! The `restatement` claim (format 2): a figure printed again, in the same document or as a
//! figure of another dataset file, checked equal within the rounding of both printings.
//!
//! "£309m" on one page and "£309m" on another are the same, as stated; "£309m" and
//! "£308.7m" agree within the rounding of the first (consistent, said so); "£272m" against
//! last year's Local Account's "£268.4m" cannot be one figure however both were rounded
//! (inconsistent).

use super::super::claims::{ChangeUnit, Claim, ClaimKind};
use super::super::dataset::Dataset;
use super::super::figures::{self, Figure, FigureKind};
use super::super::restatement::claim_subject;
use super::{Finding, Range, Status};
use crate::rounding::stated_interval;

pub(super) fn restatement(ds: &Dataset, c: &Claim) -> Finding {
    let subject = c.subject.as_deref().unwrap_or_default();
    let (figure, place) = match restated(ds, c, subject) {
        Ok(found) => found,
        Err(why) => return Finding::new(c, Status::Unchecked, why),
    };
    let d = c.decimals.unwrap_or(0);
    let here = c.stated.unwrap_or(f64::NAN);
    let (lo, hi) = stated_interval(here, d);
    let mut printed_here = figure.clone();
    printed_here.decimals = Some(d);
    let here_shown = printed_here.fmt(here, d);
    let there_shown = figure.shown();
    let (status, verdict) = if here == figure.value {
        (Status::Consistent, "the same, as stated".to_owned())
    } else if can_be_one(here, (lo, hi), &figure) {
        let span = |lo: f64, hi: f64, d: Option<i32>| match d {
            Some(d) if lo < hi => {
                format!(" ({} to {})", figure.fmt(lo, d + 1), figure.fmt(hi, d + 1))
            }
            _ => String::new(),
        };
        (
            Status::Consistent,
            format!(
                "printed differently, but one figure can be both: {here_shown}{} and {there_shown}{} overlap",
                span(lo, hi, Some(d)),
                span(figure.lo, figure.hi, figure.decimals),
            ),
        )
    } else {
        (
            Status::Inconsistent,
            format!(
                "they differ by {} beyond the rounding of both: one figure cannot be printed both ways",
                figure.fmt((here - figure.value).abs(), d.max(figure.decimals.unwrap_or(0)))
            ),
        )
    };
    let reason = format!("{here_shown} here and {there_shown} in {place}: {verdict}");
    let mut f = Finding::new(c, status, reason)
        .computed(Range {
            face: figure.value,
            lo: figure.lo,
            hi: figure.hi,
        })
        .unit(figure.kind.unit());
    if let Some(id) = claim_subject(subject) {
        f.combined.push(id.to_owned());
    }
    f
}

/// True when one true value can print as `here` (whose rounding allows `[lo, hi)`) and as
/// `figure`. Two roundings that only touch share no value: the point where they meet rounds
/// to one of them, never to both. An exact figure must lie within the other's rounding.
fn can_be_one(here: f64, (lo, hi): (f64, f64), figure: &Figure) -> bool {
    let inside = |x: f64, lo: f64, hi: f64| {
        // Half away from zero: [lo, hi) for a positive figure, (lo, hi] for a negative one.
        if x >= 0.0 {
            lo <= x && x < hi
        } else {
            lo < x && x <= hi
        }
    };
    let here_exact = lo == hi;
    let there_exact = figure.lo == figure.hi;
    match (here_exact, there_exact) {
        (true, true) => here == figure.value,
        (true, false) => inside(here, figure.lo, figure.hi),
        (false, true) => inside(figure.value, lo, hi),
        (false, false) => lo < figure.hi && figure.lo < hi,
    }
}

/// The figure a restatement restates and where it is, in words; `Err` with the reason the
/// claim is unchecked.
fn restated(ds: &Dataset, c: &Claim, subject: &str) -> Result<(Figure, String), String> {
    if let Some(file) = &c.dataset {
        let Some(other) = ds.restated.get(file) else {
            return Err(format!(
                "restates {subject} of {file}, which was not read: audit this dataset from its file \
                 (`carestat audit FILE`, `carestat.audit(path)`) so that {file} is read beside it"
            ));
        };
        let figure = figures::resolve(other, subject)
            .ok_or_else(|| format!("{file} gives no value for {subject}"))?;
        let place = format!("{file} ({subject}, '{}')", figure.label);
        return Ok((figure, place));
    }
    if let Some(id) = claim_subject(subject) {
        let other = ds
            .claims
            .iter()
            .find(|o| o.id == id)
            .expect("validated: the restated claim exists");
        let value = other
            .stated
            .expect("validated: the restated claim states a number");
        let (lo, hi) = other
            .decimals
            .map_or((value, value), |d| stated_interval(value, d));
        let figure = Figure {
            label: format!("claim {id}"),
            kind: claim_kind(other),
            value,
            lo,
            hi,
            decimals: other.decimals,
            derived: None,
        };
        return Ok((figure, format!("claim {id} ('{}')", other.text)));
    }
    let figure = figures::resolve(ds, subject)
        .ok_or_else(|| format!("the document gives no value for {subject}"))?;
    let place = format!("{subject} ('{}')", figure.label);
    Ok((figure, place))
}

/// The unit another claim's stated number is in, for printing it.
fn claim_kind(c: &Claim) -> FigureKind {
    match (c.kind, c.unit) {
        (ClaimKind::Change, Some(ChangeUnit::Percent))
        | (ClaimKind::Share | ClaimKind::RatingShare, _) => FigureKind::Percentage,
        _ => FigureKind::Count,
    }
}
