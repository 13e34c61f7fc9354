//! Values the document's own claims imply for figures it does not publish.
//!
//! Three rules, each an interval computation ([`Iv`]) from stated figures:
//! * **last year's value from a change**: "3933 ..., an increase of 18%" gives last year's
//!   3,319 to 3,347 (`X / (1 + s/100)` over the rounding of `s`); "an increase of 543" gives
//!   `X - 543`; a "%" change on a percentage gives both the relative and the points reading;
//! * **last year's percentage from two counts**: a `share` claim that names the percentage
//!   it states (`subject`) gives last year's percentage as last year's numerator over last
//!   year's denominator (each published or itself implied), one reading per candidate
//!   numerator when the document leaves the numerator unstated;
//! * **last year's count from a percentage**: the same share read the other way, last year's
//!   numerator as last year's percentage of last year's denominator.
//!
//! A claim never proves itself: the claim being checked, and every claim stating the same
//! relation, are left out of its own inputs. Figures that only imply each other (last year's
//! count from a percentage that only that count gives) are a cycle, reported as an error
//! naming the claim's JSON path rather than followed for ever.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::error::{Error, Field, Result};

use super::super::claims::{ChangeUnit, Claim, ClaimKind};
use super::super::dataset::Dataset;
use super::super::figures::{self, FigureKind};
use super::super::text::num;
use super::interval::{Iv, Q};

/// One reading of a figure: its interval and how it was obtained.
#[derive(Debug, Clone)]
pub(crate) struct Implied {
    /// The figure's values.
    pub iv: Iv,
    /// Its kind (count, percentage, ...).
    pub kind: FigureKind,
    /// Decimals the figure (or the figure it is last year's value of) is stated to.
    pub decimals: i32,
    /// The document's label for it.
    pub label: String,
    /// The arithmetic, one step a line, in the order computed; empty when published.
    pub steps: Vec<String>,
    /// The claims combined to obtain it, in order of use.
    pub claims: Vec<String>,
    /// What distinguishes this reading from the others, when there are several (a candidate
    /// numerator, `relative` or `points`).
    pub reading: Option<String>,
    /// True when the document publishes the figure itself (not implied by claims).
    pub is_published: bool,
}

impl Implied {
    /// True when the document publishes the figure itself.
    pub(crate) const fn published(&self) -> bool {
        self.is_published
    }

    /// The interval as text in the figure's unit: `3,333 (3,319 to 3,347)`, `33.5%`.
    /// A published figure is shown as printed (`27%`), an implied one with its range.
    pub(crate) fn shown(&self) -> String {
        if self.published() {
            return fmt_kind(self.kind, self.iv.face.to_f64(), self.decimals);
        }
        show(self.kind, self.iv, self.shown_decimals())
    }

    fn shown_decimals(&self) -> i32 {
        if self.published() {
            self.decimals
        } else {
            match self.kind {
                FigureKind::Count | FigureKind::Population => 0,
                _ => self.decimals + 1,
            }
        }
    }
}

/// `iv` in the unit of `kind`: its face value, and its range when it has one.
pub(crate) fn show(kind: FigureKind, iv: Iv, d: i32) -> String {
    let (face, lo, hi) = iv.f64s();
    let one = |x: f64| fmt_kind(kind, x, d);
    if iv.lo == iv.hi {
        return one(lo);
    }
    format!("{} ({} to {})", one(face), one(lo), one(hi))
}

fn fmt_kind(kind: FigureKind, x: f64, d: i32) -> String {
    let t = num(x, d);
    match kind {
        FigureKind::Count | FigureKind::Population => t,
        FigureKind::Percentage => format!("{t}%"),
        FigureKind::Money(_) => format!("{} {t}", kind.unit()),
    }
}

/// Finds the readings of figures, remembering the chain it is following so that a cycle is
/// an error, not a loop.
pub(crate) struct Resolver<'a> {
    ds: &'a Dataset,
    /// References being resolved, outermost first, with the claim (index, field) whose
    /// input each is.
    stack: Vec<(String, Option<(usize, &'static str)>)>,
    /// Readings already found, by reference and the claims left out: a figure many claims
    /// need is derived once, so the work stays linear in the claims, not exponential.
    memo: HashMap<(String, Vec<String>), Vec<Implied>>,
}

/// The most readings one figure may have (candidate numerators times the readings of each
/// input); more is an error naming the claim, not an unbounded computation.
pub(crate) const MAX_READINGS: usize = 64;

/// The longest chain of figures implied from figures implied in turn; deeper is an error
/// naming the claim (a hostile file must not exhaust the stack).
pub(crate) const MAX_DEPTH: usize = 32;

/// `counts.x.previous` for `counts.x`.
fn previous(reference: &str) -> String {
    format!("{reference}.previous")
}

impl<'a> Resolver<'a> {
    pub(crate) fn new(ds: &'a Dataset) -> Self {
        Self {
            ds,
            stack: Vec::new(),
            memo: HashMap::new(),
        }
    }

    /// The figure as published, or `None`.
    pub(crate) fn published(&self, reference: &str) -> Option<Implied> {
        let f = figures::resolve(self.ds, reference).filter(|f| f.derived.is_none())?;
        let iv = match f.kind {
            FigureKind::Count | FigureKind::Population => Iv::exact(Q::from_f64(f.value)?),
            _ => Iv::stated(f.value, f.decimals.unwrap_or(0))?.non_negative()?,
        };
        Some(Implied {
            iv,
            kind: f.kind,
            decimals: f.decimals.unwrap_or(0),
            label: f.label,
            steps: Vec::new(),
            claims: Vec::new(),
            reading: None,
            is_published: true,
        })
    }

    /// Every reading of `reference`: the published figure, else the readings the first
    /// claim able to imply it gives (claims whose id is in `exclude` are not used). Empty
    /// when nothing implies it.
    ///
    /// # Errors
    /// A cycle of figures implying each other, naming the claim that closes it.
    pub(crate) fn readings(&mut self, reference: &str, exclude: &[&str]) -> Result<Vec<Implied>> {
        self.input(reference, exclude, None)
    }

    fn input(
        &mut self,
        reference: &str,
        exclude: &[&str],
        via: Option<(usize, &'static str)>,
    ) -> Result<Vec<Implied>> {
        if let Some(p) = self.published(reference) {
            return Ok(vec![p]);
        }
        if self.stack.iter().any(|(r, _)| r == reference) {
            return Err(self.cycle(reference, via));
        }
        let mut key_ex: Vec<String> = exclude.iter().map(|&e| e.to_owned()).collect();
        key_ex.sort_unstable();
        key_ex.dedup();
        let key = (reference.to_owned(), key_ex);
        if let Some(found) = self.memo.get(&key) {
            return Ok(found.clone());
        }
        if self.stack.len() >= MAX_DEPTH {
            return Err(Error::Invalid {
                field: Field::owned(self.path(via, exclude)),
                reason: Cow::Owned(format!(
                    "{reference}: figures implied from figures implied in turn, more than \
                     {MAX_DEPTH} deep (from {}); publish some of them",
                    self.stack[0].0
                )),
            });
        }
        self.stack.push((reference.to_owned(), via));
        let out = self.derive(reference, exclude);
        self.stack.pop();
        let out = out?;
        if out.len() > MAX_READINGS {
            return Err(Error::Invalid {
                field: Field::owned(self.path(via, exclude)),
                reason: Cow::Owned(format!(
                    "{reference} has {} readings from the claims that imply it, more than the \
                     {MAX_READINGS} the audit follows: state fewer candidates",
                    out.len()
                )),
            });
        }
        self.memo.insert(key, out.clone());
        Ok(out)
    }

    /// The JSON path of the claim input `via`, or of the claim being checked (the first of
    /// `exclude`).
    fn path(&self, via: Option<(usize, &'static str)>, exclude: &[&str]) -> String {
        via.map(|(i, f)| format!("claims[{i}].{f}"))
            .or_else(|| {
                let first = exclude.first()?;
                let i = self.ds.claims.iter().position(|c| c.id == *first)?;
                Some(format!("claims[{i}]"))
            })
            .unwrap_or_else(|| "claims".to_owned())
    }

    fn cycle(&self, reference: &str, via: Option<(usize, &'static str)>) -> Error {
        let start = self
            .stack
            .iter()
            .position(|(r, _)| r == reference)
            .unwrap_or(0);
        let mut chain: Vec<&str> = self.stack[start..]
            .iter()
            .map(|(r, _)| r.as_str())
            .collect();
        chain.push(reference);
        let mut ids: Vec<&str> = self.stack[start + 1..]
            .iter()
            .filter_map(|(_, v)| v.map(|(i, _)| self.ds.claims[i].id.as_str()))
            .collect();
        let path = via.map_or_else(
            || "claims".to_owned(),
            |(i, field)| {
                ids.push(&self.ds.claims[i].id);
                format!("claims[{i}].{field}")
            },
        );
        Error::Invalid {
            field: Field::owned(path),
            reason: Cow::Owned(format!(
                "figures imply each other in a cycle ({}, through claims {}) and none of them is \
                 published: publish one of them, or drop one of the claims",
                chain.join(" -> "),
                ids.join(", ")
            )),
        }
    }

    fn derive(&mut self, reference: &str, exclude: &[&str]) -> Result<Vec<Implied>> {
        let Some(r) = figures::parse(reference) else {
            return Ok(Vec::new());
        };
        if !r.previous {
            return Ok(Vec::new());
        }
        let current = format!("{}.{}", r.section, r.id);
        let ds = self.ds;
        for (i, c) in ds.claims.iter().enumerate() {
            if exclude.contains(&c.id.as_str()) {
                continue;
            }
            let found = match c.kind {
                ClaimKind::Change if c.subject.as_deref() == Some(current.as_str()) => {
                    self.previous_from_change(&current, c)
                }
                ClaimKind::Share
                    if r.section == "percentages"
                        && c.subject.as_deref() == Some(current.as_str()) =>
                {
                    self.percentage_from_counts(i, c, exclude)?
                }
                ClaimKind::Share
                    if r.section == "counts"
                        && c.subject.is_some()
                        && c.numerator.as_deref() == Some(current.as_str()) =>
                {
                    self.count_from_percentage(i, c, exclude)?
                }
                _ => Vec::new(),
            };
            if !found.is_empty() {
                return Ok(found);
            }
        }
        Ok(Vec::new())
    }

    /// Last year's value of `current` from a change claim on it.
    fn previous_from_change(&self, current: &str, c: &Claim) -> Vec<Implied> {
        let (Some(cur), Some(s), Some(d)) = (self.published(current), c.stated, c.decimals) else {
            return Vec::new();
        };
        let Some(stated) = Iv::stated(s, d) else {
            return Vec::new();
        };
        let unit = c.unit.unwrap_or(ChangeUnit::Percent);
        let label = format!("{} (last year)", cur.label);
        let make = |iv: Option<Iv>, step: String, reading: Option<&str>| -> Option<Implied> {
            let mut iv = iv?.non_negative()?;
            if cur.kind == FigureKind::Count {
                iv = iv.whole()?;
            }
            let mut p = Implied {
                iv,
                kind: cur.kind,
                decimals: cur.decimals,
                label: label.clone(),
                steps: Vec::new(),
                claims: vec![c.id.clone()],
                reading: reading.map(str::to_owned),
                is_published: false,
            };
            p.steps
                .push(format!("{step} = {} (claim {})", p.shown(), c.id));
            Some(p)
        };
        let minus = || {
            let what = match unit {
                ChangeUnit::Points => format!("{} points", num(s.abs(), d)),
                _ => fmt_kind(cur.kind, s.abs(), d),
            };
            let op = if s < 0.0 { "+" } else { "-" };
            make(
                cur.iv.sub(stated),
                format!("last year's {}: {} {op} {what}", cur.label, cur.shown()),
                (unit == ChangeUnit::Percent).then_some("points"),
            )
        };
        let relative = || {
            let factor = stated.scale(Q::new(1, 100)?)?.add(Iv::exact(Q::int(1)))?;
            cur.iv.div(factor)
        };
        let rel = || {
            make(
                relative(),
                format!(
                    "last year's {}: {} / (1 {} {}%)",
                    cur.label,
                    cur.shown(),
                    if s < 0.0 { "-" } else { "+" },
                    num(s.abs(), d)
                ),
                (cur.kind == FigureKind::Percentage).then_some("relative"),
            )
        };
        match unit {
            ChangeUnit::Absolute | ChangeUnit::Points => minus().into_iter().collect(),
            ChangeUnit::Percent if cur.kind == FigureKind::Percentage => {
                rel().into_iter().chain(minus()).collect()
            }
            ChangeUnit::Percent => rel().into_iter().collect(),
        }
    }

    /// Last year's percentage of share claim `c` (index `i`): last year's numerator (or
    /// each candidate's) over last year's denominator.
    fn percentage_from_counts(
        &mut self,
        i: usize,
        c: &Claim,
        exclude: &[&str],
    ) -> Result<Vec<Implied>> {
        let Some(den_ref) = c.denominator.as_deref() else {
            return Ok(Vec::new());
        };
        let subject = c.subject.as_deref().unwrap_or_default();
        let Some(pct) = self.published(subject) else {
            return Ok(Vec::new());
        };
        let ex = same_relation(self.ds, c, exclude);
        let dens = self.input(&previous(den_ref), &ex, Some((i, "denominator")))?;
        let numerators: Vec<(&str, &'static str)> = match &c.numerator {
            Some(n) => vec![(n.as_str(), "numerator")],
            None => c
                .candidates
                .iter()
                .map(|n| (n.as_str(), "candidates"))
                .collect(),
        };
        let several = numerators.len() > 1;
        let mut out = Vec::new();
        for (n_ref, field) in numerators {
            let nums = self.input(&previous(n_ref), &ex, Some((i, field)))?;
            for n in &nums {
                for den in &dens {
                    let Some(iv) =
                        n.iv.div(den.iv)
                            .and_then(|q| q.scale(Q::int(100)))
                            .and_then(Iv::non_negative)
                    else {
                        continue;
                    };
                    let mut p = Implied {
                        iv,
                        kind: FigureKind::Percentage,
                        decimals: pct.decimals,
                        label: format!("{} (last year)", pct.label),
                        steps: n.steps.iter().chain(&den.steps).cloned().collect(),
                        claims: n.claims.iter().chain(&den.claims).cloned().collect(),
                        reading: several.then(|| n_ref.to_owned()),
                        is_published: false,
                    };
                    p.claims.insert(0, c.id.clone());
                    let step = format!(
                        "last year's {}: {} ({n_ref}, last year) of {} ({den_ref}, last year) = {} (claim {})",
                        pct.label,
                        n.shown(),
                        den.shown(),
                        p.shown(),
                        c.id
                    );
                    p.steps.push(step);
                    out.push(p);
                }
            }
        }
        Ok(out)
    }

    /// Last year's numerator of share claim `c` (index `i`): last year's percentage of last
    /// year's denominator.
    fn count_from_percentage(
        &mut self,
        i: usize,
        c: &Claim,
        exclude: &[&str],
    ) -> Result<Vec<Implied>> {
        let (Some(subject), Some(den_ref), Some(n_ref)) = (
            c.subject.as_deref(),
            c.denominator.as_deref(),
            c.numerator.as_deref(),
        ) else {
            return Ok(Vec::new());
        };
        let Some(count) = self.published(n_ref) else {
            return Ok(Vec::new());
        };
        let ex = same_relation(self.ds, c, exclude);
        let pcts = self.input(&previous(subject), &ex, Some((i, "subject")))?;
        let dens = self.input(&previous(den_ref), &ex, Some((i, "denominator")))?;
        let mut out = Vec::new();
        for pct in &pcts {
            for den in &dens {
                let Some(iv) = pct
                    .iv
                    .mul(den.iv)
                    .and_then(|x| x.scale(Q::new(1, 100)?))
                    .and_then(Iv::non_negative)
                    .and_then(Iv::whole)
                else {
                    continue;
                };
                let mut p = Implied {
                    iv,
                    kind: count.kind,
                    decimals: 0,
                    label: format!("{} (last year)", count.label),
                    steps: pct.steps.iter().chain(&den.steps).cloned().collect(),
                    claims: pct.claims.iter().chain(&den.claims).cloned().collect(),
                    reading: pct.reading.clone(),
                    is_published: false,
                };
                p.claims.insert(0, c.id.clone());
                let step = format!(
                    "last year's {}: {} of {} = {} (claim {})",
                    count.label,
                    pct.shown(),
                    den.shown(),
                    p.shown(),
                    c.id
                );
                p.steps.push(step);
                out.push(p);
            }
        }
        Ok(out)
    }
}

/// `exclude` and the claims stating the same relation as share claim `c` (a restatement):
/// never each other's inputs.
fn same_relation<'x>(ds: &'x Dataset, c: &Claim, exclude: &[&'x str]) -> Vec<&'x str> {
    let mut out: Vec<&str> = exclude.to_vec();
    for o in &ds.claims {
        if o.kind == ClaimKind::Share
            && o.subject == c.subject
            && o.numerator == c.numerator
            && o.candidates == c.candidates
            && o.denominator == c.denominator
        {
            out.push(&o.id);
        }
    }
    out
}
