//! Reasoning across claims: a claim the audit left unchecked because an input is missing is
//! checked against the value the document's other claims imply for that input.
//!
//! * A `change` with no published previous value: last year's value from another claim
//!   ("two counts give last year's percentage, which tests 'down 11%'").
//! * A `direction` likewise.
//! * A `rate` whose numerator is last year's count and unpublished: the count from a change
//!   claim ("+18% on last year gives last year's count, which tests a rate for last year").
//!
//! Every implied value is an interval ([`Iv`]) carried exactly through each step; the
//! finding names the claims it combined (`combined`) and writes out each step. When the
//! document leaves a numerator open (`candidates`), each candidate is a reading: the claim
//! is consistent or inconsistent when every reading agrees, else it stays unchecked and the
//! reason gives each reading's result.

use std::fmt::Write as _;

use crate::error::Result;

use super::super::claims::{ChangeUnit, Claim, ClaimKind, Direction};
use super::super::dataset::Dataset;
use super::super::figures::{self, FigureKind};
use super::super::text::{num, signed};
use super::implied::{show, Implied, Resolver};
use super::interval::{Fit, Iv, Q};
use super::{Finding, Reading, Status};

/// Replaces each unchecked finding that other claims settle, then explains rates that one
/// population reproduces better than the printed one ([`super::population`]).
///
/// # Errors
/// A cycle of figures implying each other (the JSON path of the claim closing it).
pub(super) fn settle(ds: &Dataset, findings: &mut [Finding]) -> Result<()> {
    let mut res = Resolver::new(ds);
    for (c, f) in ds.claims.iter().zip(findings.iter_mut()) {
        if f.status != Status::Unchecked {
            continue;
        }
        let settled = match c.kind {
            ClaimKind::Change => change(ds, &mut res, c)?,
            ClaimKind::Direction => direction(&mut res, c)?,
            ClaimKind::Rate => rate(ds, &mut res, c)?,
            _ => None,
        };
        if let Some(s) = settled {
            *f = s;
        }
    }
    super::population::one_population(ds, &mut res, findings)
}

/// One reading's result: last year's value, what was computed from it, and how it fits.
struct Outcome {
    prev: Implied,
    computed: Iv,
    fit: Fit,
    /// For a "%" change on a percentage: the points reading, when the relative one fails.
    points: Option<(Iv, Fit)>,
    text: String,
}

impl Outcome {
    /// The stated figure holds on this reading as written.
    fn holds(&self) -> bool {
        self.fit != Fit::No
    }
}

fn fit_words(fit: Fit, stated: &str) -> String {
    match fit {
        Fit::AtFace => format!("which rounds to the stated {stated}"),
        Fit::Within => {
            format!("which includes the stated {stated} within the rounding of the inputs")
        }
        Fit::Edge => format!("the stated {stated} only at the edge of the inputs' rounding"),
        Fit::No => format!("not the stated {stated}"),
    }
}

/// `iv` as a signed change with `suffix`: `-19.3% (-20.8% to -17.8%)`.
fn signed_show(iv: Iv, d: i32, suffix: &str) -> String {
    let (face, lo, hi) = iv.f64s();
    let s = |x: f64| format!("{}{suffix}", signed(x, d));
    if iv.lo == iv.hi {
        s(face)
    } else {
        format!("{} ({} to {})", s(face), s(lo), s(hi))
    }
}

fn change(ds: &Dataset, res: &mut Resolver<'_>, c: &Claim) -> Result<Option<Finding>> {
    let (Some(subject), Some(s), Some(d)) = (c.subject.as_deref(), c.stated, c.decimals) else {
        return Ok(None);
    };
    let Some(cur) = res.published(subject) else {
        return Ok(None);
    };
    // A restatement (the same change printed twice) confirms nothing: it is no input.
    let exclude: Vec<&str> = ds
        .claims
        .iter()
        .filter(|o| {
            o.id == c.id
                || (o.kind == ClaimKind::Change
                    && o.subject == c.subject
                    && o.unit == c.unit
                    && o.stated == c.stated
                    && o.decimals == c.decimals)
        })
        .map(|o| o.id.as_str())
        .collect();
    let prevs = res.readings(&format!("{subject}.previous"), &exclude)?;
    let unit = c.unit.unwrap_or(ChangeUnit::Percent);
    let pct = cur.kind == FigureKind::Percentage;
    // Decimals of computed changes: a count's absolute change is whole, else one more than
    // the stated figure's.
    let dd = if unit == ChangeUnit::Absolute && cur.kind == FigureKind::Count {
        d
    } else {
        d + 1
    };
    let stated_text = match unit {
        ChangeUnit::Percent => format!("{}%", signed(s, d)),
        ChangeUnit::Points => format!("{} points", signed(s, d)),
        ChangeUnit::Absolute => signed(s, d),
    };
    let mut outs = Vec::new();
    for p in prevs {
        let diff = cur.iv.sub(p.iv);
        let rel = p.iv.lo.is_positive().then(|| {
            diff.and_then(|x| x.div(p.iv))
                .and_then(|x| x.scale(Q::int(100)))
        });
        let (computed, suffix) = match unit {
            ChangeUnit::Percent => (rel.flatten(), "%"),
            ChangeUnit::Points => (diff, " points"),
            ChangeUnit::Absolute => (diff, ""),
        };
        let Some(computed) = computed else { continue };
        let Some(fit) = computed.fits(s, d) else {
            continue;
        };
        let points = (pct && unit == ChangeUnit::Percent && fit == Fit::No)
            .then(|| diff.and_then(|x| Some((x, x.fits(s, d)?))))
            .flatten();
        let mut text = format!(
            "{} from {} is {}{}",
            cur.shown(),
            p.shown(),
            if unit == ChangeUnit::Percent && pct {
                "a relative change of "
            } else {
                "a change of "
            },
            signed_show(computed, dd, suffix)
        );
        match points {
            Some((x, pf)) => {
                let _ = write!(text, " or {} percentage points", signed_show(x, dd, ""));
                if pf == Fit::No {
                    let _ = write!(text, ": neither reading gives the stated {}%", num(s, d));
                } else {
                    let _ = write!(text,
                        ": the stated {}% matches only as percentage points; written with '%' it reads as a relative change",
                        num(s, d)
                    );
                }
            }
            None => {
                let _ = write!(text, ", {}", fit_words(fit, &stated_text));
            }
        }
        outs.push(Outcome {
            prev: p,
            computed,
            fit,
            points,
            text,
        });
    }
    Ok(judge(
        c,
        &outs,
        &stated_text,
        "previous value",
        match unit {
            ChangeUnit::Percent => "%",
            ChangeUnit::Points => "points",
            ChangeUnit::Absolute => cur.kind.unit(),
        },
    ))
}

fn direction(res: &mut Resolver<'_>, c: &Claim) -> Result<Option<Finding>> {
    let Some(subject) = c.subject.as_deref() else {
        return Ok(None);
    };
    let Some(cur) = res.published(subject) else {
        return Ok(None);
    };
    let prevs = res.readings(&format!("{subject}.previous"), &[&c.id])?;
    let stated = c.direction.unwrap_or(Direction::Same);
    let zero = Q::int(0);
    let mut outs = Vec::new();
    for p in prevs {
        let Some(diff) = cur.iv.sub(p.iv) else {
            continue;
        };
        let (at_face, feasible) = match stated {
            Direction::Increase => (diff.face > zero, diff.hi > zero),
            Direction::Decrease => (diff.face < zero, diff.lo < zero),
            Direction::Same => (diff.face == zero, diff.lo <= zero && diff.hi >= zero),
        };
        let fit = if at_face {
            Fit::AtFace
        } else if feasible {
            Fit::Within
        } else {
            Fit::No
        };
        let text = format!(
            "{} from {} is a change of {}: {}",
            cur.shown(),
            p.shown(),
            signed_show(
                diff,
                cur.decimals + 1,
                if cur.kind == FigureKind::Percentage {
                    " points"
                } else {
                    ""
                }
            ),
            if fit == Fit::No {
                "not as stated"
            } else {
                "as stated"
            }
        );
        outs.push(Outcome {
            prev: p,
            computed: diff,
            fit,
            points: None,
            text,
        });
    }
    let word = match stated {
        Direction::Increase => "an increase",
        Direction::Decrease => "a decrease",
        Direction::Same => "no change",
    };
    Ok(judge(c, &outs, word, "previous value", ""))
}

fn rate(ds: &Dataset, res: &mut Resolver<'_>, c: &Claim) -> Result<Option<Finding>> {
    let (Some(n_ref), Some(den_ref), Some(s), Some(d)) = (
        c.numerator.as_deref(),
        c.denominator.as_deref(),
        c.stated,
        c.decimals,
    ) else {
        return Ok(None);
    };
    if figures::resolve(ds, n_ref).is_some() {
        return Ok(None);
    }
    let Some(den) = res.published(den_ref) else {
        return Ok(None);
    };
    let m = c.multiplier.unwrap_or(crate::rate::PER_100K);
    let (Some(mq), Some(stated_iv)) = (Q::from_f64(m), Iv::stated(s, d)) else {
        return Ok(None);
    };
    let nums = res.readings(n_ref, &[&c.id])?;
    let per = format!("per {}", num(m, 0));
    let mut outs = Vec::new();
    for n in nums {
        let Some(computed) = n.iv.scale(mq).and_then(|x| x.div(den.iv)) else {
            continue;
        };
        let Some(fit) = computed.fits(s, d) else {
            continue;
        };
        let implied_pop = n.iv.scale(mq).and_then(|x| x.div(stated_iv));
        let mut text = format!(
            "{} per {} ({}) is {} {per}, {}",
            n.shown(),
            den.shown(),
            den.label,
            show(FigureKind::Count, computed, d + 1),
            fit_words(fit, &num(s, d))
        );
        if let Some(p) = &c.period {
            let _ = write!(text, " (the rate is for {p})");
        }
        if let Some(p) = implied_pop.and_then(Iv::whole) {
            let _ = write!(
                text,
                "; {} {per} implies a denominator of {}",
                num(s, d),
                show(FigureKind::Population, p, 0)
            );
        }
        outs.push(Outcome {
            prev: n,
            computed,
            fit,
            points: None,
            text,
        });
    }
    let mut f = judge(c, &outs, &format!("{} {per}", num(s, d)), "numerator", &per);
    // For a rate the implied figure worth reporting is the population the stated rate needs.
    if let Some(f) = f.as_mut() {
        if let Some(n) = res.readings(n_ref, &[&c.id])?.first() {
            if let Some(p) = n.iv.scale(mq).and_then(|x| x.div(stated_iv)) {
                let (face, lo, hi) = p.f64s();
                f.implied_what = Some("population".to_owned());
                f.implied = Some(face);
                f.implied_lower = Some(lo);
                f.implied_upper = Some(hi);
            }
        }
    }
    Ok(f)
}

/// The finding from every reading's outcome: consistent or inconsistent when all agree,
/// else ambiguous with each reading's result (in `reason`, and in `readings` when the
/// readings have names). `None` when there is no reading.
fn judge(
    c: &Claim,
    outs: &[Outcome],
    stated: &str,
    implied_what: &str,
    unit: &str,
) -> Option<Finding> {
    let first = outs.first()?;
    let all = outs.iter().all(Outcome::holds);
    let none = !outs.iter().any(Outcome::holds);
    let status = if all {
        Status::Consistent
    } else if none {
        Status::Inconsistent
    } else {
        Status::Ambiguous
    };
    let chosen = outs
        .iter()
        .find(|o| o.holds() == all || none)
        .unwrap_or(first);
    let mut combined: Vec<String> = Vec::new();
    for o in outs {
        for id in &o.prev.claims {
            if !combined.contains(id) && *id != c.id {
                combined.push(id.clone());
            }
        }
    }
    let mut reason = format!(
        "{} is not published; claims {} imply it: ",
        first.prev.label,
        combined.join(", ")
    );
    let several = outs.len() > 1;
    let parts: Vec<String> = outs
        .iter()
        .map(|o| {
            let steps = o.prev.steps.join("; ");
            let label = o
                .prev
                .reading
                .as_ref()
                .map(|r| format!("reading {r}: "))
                .unwrap_or_default();
            format!("{label}{steps}; {}", o.text)
        })
        .collect();
    reason.push_str(&parts.join(". "));
    let verdict = match status {
        Status::Consistent if several => format!(". Every reading gives the stated {stated}"),
        Status::Inconsistent if several => format!(". No reading gives the stated {stated}"),
        Status::Consistent | Status::Inconsistent | Status::Unchecked => String::new(),
        Status::Ambiguous => format!(
            ". The readings disagree ({} of {} give the stated {stated}): the document does not say which holds",
            outs.iter().filter(|o| o.holds()).count(),
            outs.len()
        ),
    };
    reason.push_str(&verdict);
    let mut f = Finding::new(c, status, reason);
    let (face, lo, hi) = chosen.computed.f64s();
    f.computed = Some(face);
    f.computed_lower = Some(lo);
    f.computed_upper = Some(hi);
    let (pface, plo, phi) = chosen.prev.iv.f64s();
    f.implied_what = Some(implied_what.to_owned());
    f.implied = Some(pface);
    f.implied_lower = Some(plo);
    f.implied_upper = Some(phi);
    unit.clone_into(&mut f.unit);
    f.reading = chosen.prev.reading.clone().or_else(|| {
        chosen
            .points
            .filter(|(_, pf)| *pf != Fit::No)
            .map(|_| "points".to_owned())
    });
    f.combined = combined;
    if several {
        f.readings = outs
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let name = o
                    .prev
                    .reading
                    .clone()
                    .unwrap_or_else(|| format!("reading {}", i + 1));
                Reading::of_interval(name, o.computed, o.fit)
            })
            .collect();
    }
    Some(f)
}
