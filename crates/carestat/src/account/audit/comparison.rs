//! The `comparison` claim (format 2): the area against England, its region or similar
//! councils ("lower than England (1313)", "just below our peers (625)", "better than the
//! national average").
//!
//! The words are checked against the values as printed, each over its own rounding: "lower"
//! holds when the area's figure is below the comparator's at face value, and is still
//! possible (consistent, said so) when the two roundings overlap; it is inconsistent only
//! when every value the roundings allow says otherwise. "Better" and "worse" are higher or
//! lower by the measure's polarity (the claim's `polarity`, else the subject figure's); with
//! none the claim is unchecked. When the claim gives the area's count and its denominator,
//! the finding also says what Fingertips would: whether the area's 95% confidence interval
//! (Byar's for a rate, Wilson's for a proportion) excludes the comparator; that is how
//! "similar" is checked.

use super::super::claims::{ChangeUnit, Claim, Relation};
use super::super::dataset::Dataset;
use super::super::figures::{self, FigureKind};
use super::super::text::num;
use super::{current, Finding, Range, Status};
use crate::change::Polarity;
use crate::rounding::stated_interval;

/// A value as printed, with the interval its rounding allows.
#[derive(Debug, Clone, Copy)]
struct Printed {
    value: f64,
    lo: f64,
    hi: f64,
    decimals: i32,
}

impl Printed {
    fn new(value: f64, decimals: Option<i32>) -> Self {
        let (lo, hi) = decimals.map_or((value, value), |d| stated_interval(value, d));
        Self {
            value,
            lo,
            hi,
            decimals: decimals.unwrap_or(0),
        }
    }
}

/// The area's 95% interval from its count and denominator, when the claim gives them.
struct Interval {
    lower: f64,
    upper: f64,
    method: &'static str,
}

pub(super) fn comparison(ds: &Dataset, c: &Claim) -> Finding {
    let relation = c.relation.unwrap_or(Relation::Same);
    let benchmark = c
        .benchmark
        .clone()
        .unwrap_or_else(|| super::super::claims::Benchmark {
            label: "the comparator".to_owned(),
            value: None,
            decimals: None,
        });
    let interval = match confidence_interval(ds, c) {
        Ok(iv) => iv,
        Err(why) => return Finding::new(c, Status::Unchecked, why),
    };
    let (area, unit) = area_figure(ds, c, interval.as_ref());
    let Some(b) = benchmark.value else {
        return Finding::new(
            c,
            Status::Unchecked,
            format!(
                "the value for {} is not stated: '{}' cannot be checked from the document",
                benchmark.label,
                relation.name()
            ),
        );
    };
    let bench = Printed::new(b, benchmark.decimals);
    let shown = |p: &Printed| format!("{}{unit}", num(p.value, p.decimals));
    let against = format!(
        "{} against {} for {}",
        shown(&area),
        shown(&bench),
        benchmark.label
    );

    let effective = match effective(relation, polarity(ds, c)) {
        Ok(r) => r,
        Err(why) => return Finding::new(c, Status::Unchecked, format!("{against}: {why}")),
    };
    let by_polarity = if matches!(relation, Relation::Better | Relation::Worse) {
        format!(" ({} by the measure's polarity)", effective.name())
    } else {
        String::new()
    };
    let significance = interval
        .as_ref()
        .map(|iv| significance_text(iv, &bench, &benchmark.label));

    let (status, verdict) = if effective == Relation::Similar {
        match &interval {
            Some(iv) if iv.lower <= bench.value && bench.value <= iv.upper => {
                (Status::Consistent, "similar, as stated".to_owned())
            }
            Some(_) => (Status::Inconsistent, "not similar: the difference is significant".to_owned()),
            None => (
                Status::Unchecked,
                "'similar' is a judgement of significance; give the area's numerator and denominator to test it"
                    .to_owned(),
            ),
        }
    } else {
        by_values(effective, &area, &bench)
    };
    let mut reason = format!("{against}: {verdict}{by_polarity}");
    if let Some(s) = significance {
        reason.push_str("; ");
        reason.push_str(&s);
    }
    let diff = Range {
        face: area.value - bench.value,
        lo: area.lo - bench.hi,
        hi: area.hi - bench.lo,
    };
    let mut f = Finding::new(c, status, reason)
        .computed(diff)
        .unit(unit.trim());
    f.stated = Some(area.value);
    f.decimals = Some(area.decimals);
    f
}

/// Status and words for higher, lower or the same, by the values and their rounding.
fn by_values(relation: Relation, area: &Printed, bench: &Printed) -> (Status, String) {
    let (at_face, possible, word) = match relation {
        Relation::Higher => (area.value > bench.value, area.hi > bench.lo, "higher"),
        Relation::Lower => (area.value < bench.value, area.lo < bench.hi, "lower"),
        _ => (
            area.value == bench.value,
            area.lo <= bench.hi && bench.lo <= area.hi,
            "the same",
        ),
    };
    if at_face {
        (Status::Consistent, format!("{word}, as stated"))
    } else if possible {
        (
            Status::Consistent,
            format!(
                "not {word} at face value, but within the rounding of the two figures it can be"
            ),
        )
    } else {
        (Status::Inconsistent, format!("not {word}"))
    }
}

/// Better and worse as higher or lower; the rest as written.
fn effective(relation: Relation, polarity: Option<Polarity>) -> Result<Relation, String> {
    let better_is_higher = match polarity {
        Some(Polarity::HighIsGood) => true,
        Some(Polarity::LowIsGood) => false,
        Some(Polarity::NoJudgement) | None => {
            if matches!(relation, Relation::Better | Relation::Worse) {
                return Err(format!(
                    "'{}' needs the measure's polarity (polarity: high_is_good or low_is_good)",
                    relation.name()
                ));
            }
            true
        }
    };
    Ok(match relation {
        Relation::Better if better_is_higher => Relation::Higher,
        Relation::Better => Relation::Lower,
        Relation::Worse if better_is_higher => Relation::Lower,
        Relation::Worse => Relation::Higher,
        r => r,
    })
}

/// The claim's polarity, else its subject figure's.
fn polarity(ds: &Dataset, c: &Claim) -> Option<Polarity> {
    c.polarity.or_else(|| {
        let r = figures::parse(c.subject.as_deref()?)?;
        match r.section {
            "counts" => ds.counts.get(r.id)?.polarity,
            "percentages" => ds.percentages.get(r.id)?.polarity,
            "spend" => ds.spend.get(r.id)?.polarity,
            _ => None,
        }
    })
}

/// The area's figure as the claim gives it (stated, its subject, or computed from its counts)
/// and the unit to show it in.
fn area_figure(ds: &Dataset, c: &Claim, interval: Option<&Interval>) -> (Printed, String) {
    let per = |m: f64| format!(" per {}", num(m, 0));
    let unit_of = |kind: FigureKind| match kind {
        FigureKind::Percentage => "%".to_owned(),
        FigureKind::Count | FigureKind::Population => String::new(),
        FigureKind::Money(u) => format!(" {}", u.label()),
    };
    let computed_unit = || match interval {
        Some(iv) if iv.method == "Wilson" => "%".to_owned(),
        Some(_) => per(c.multiplier.unwrap_or(crate::rate::PER_100K)),
        None => String::new(),
    };
    if let Some(v) = c.stated {
        let unit = match c.subject.as_deref() {
            Some(s) => unit_of(current(ds, Some(s)).kind),
            None if c.unit == Some(ChangeUnit::Percent) => "%".to_owned(),
            None => computed_unit(),
        };
        return (Printed::new(v, c.decimals), unit);
    }
    if let Some(s) = c.subject.as_deref() {
        let f = current(ds, Some(s));
        let p = Printed {
            value: f.value,
            lo: f.lo,
            hi: f.hi,
            decimals: f.decimals.unwrap_or(0),
        };
        return (p, unit_of(f.kind));
    }
    // Computed from the counts (validation requires numerator and denominator here).
    let value = interval_value(ds, c).unwrap_or(f64::NAN);
    (Printed::new(value, None), computed_unit())
}

/// The rate or percentage the claim's numerator and denominator give.
fn interval_value(ds: &Dataset, c: &Claim) -> Option<f64> {
    let n = figures::resolve(ds, c.numerator.as_deref()?)?;
    let d = figures::resolve(ds, c.denominator.as_deref()?)?;
    if d.kind == FigureKind::Population || c.multiplier.is_some() {
        crate::crude_rate(n.value, d.value, multiplier(c), 0.95)
            .ok()
            .map(|e| e.value)
    } else {
        crate::wilson_proportion(n.value, d.value, 100.0, 0.95)
            .ok()
            .map(|e| e.value)
    }
}

fn multiplier(c: &Claim) -> f64 {
    c.multiplier.unwrap_or(crate::rate::PER_100K)
}

/// The area's 95% interval from its numerator and denominator (Byar's rate per the
/// multiplier when the denominator is a population or a multiplier is given, else Wilson's
/// percentage); `Ok(None)` without them, `Err` when they cannot give one.
fn confidence_interval(ds: &Dataset, c: &Claim) -> Result<Option<Interval>, String> {
    let (Some(nr), Some(dr)) = (c.numerator.as_deref(), c.denominator.as_deref()) else {
        return Ok(None);
    };
    let (Some(n), Some(d)) = (figures::resolve(ds, nr), figures::resolve(ds, dr)) else {
        return Ok(None);
    };
    let rate = d.kind == FigureKind::Population || c.multiplier.is_some();
    let e = if rate {
        crate::crude_rate(n.value, d.value, multiplier(c), 0.95)
    } else {
        crate::wilson_proportion(n.value, d.value, 100.0, 0.95)
    };
    e.map(|e| {
        Some(Interval {
            lower: e.lower,
            upper: e.upper,
            method: if rate { "Byar's" } else { "Wilson" },
        })
    })
    .map_err(|err| format!("the area's interval cannot be computed from {nr} and {dr}: {err}"))
}

fn significance_text(iv: &Interval, bench: &Printed, label: &str) -> String {
    let d = bench.decimals.max(1);
    let label = format!("{} ({label})", num(bench.value, bench.decimals));
    let range = format!("{} to {}", num(iv.lower, d), num(iv.upper, d));
    let method = if iv.method == "Wilson" {
        "Wilson score"
    } else {
        "Byar's"
    };
    if iv.lower > bench.value {
        format!("the 95% interval ({method}, {range}) is above {label}: significantly higher")
    } else if iv.upper < bench.value {
        format!("the 95% interval ({method}, {range}) is below {label}: significantly lower")
    } else {
        format!(
            "the 95% interval ({method}, {range}) includes {label}: not significantly different"
        )
    }
}
