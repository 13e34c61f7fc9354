//! Several rates stated on one population: when one population reproduces all of them but
//! the printed one does not, the likelier story is a population from another year (the
//! rates were computed on one estimate, the document prints another), and the finding says
//! so instead of raising a separate alarm for each rate.
//!
//! Each rate claim with a known numerator implies an interval of populations (numerator x
//! multiplier / stated rate, over the rate's rounding). Intervals on a line that meet two by
//! two share a common part, so the largest group of rates one population can reproduce is
//! found by trying each interval's lower end.

use crate::error::Result;

use super::super::claims::ClaimKind;
use super::super::dataset::Dataset;
use super::super::text::num;
use super::implied::Resolver;
use super::interval::{Iv, Q};
use super::{Finding, Status};

/// One rate claim's implied population.
struct Member {
    index: usize,
    id: String,
    population: Iv,
}

/// Adds the one-population explanation to the inconsistent rates it explains.
///
/// # Errors
/// A cycle of figures implying each other (from [`Resolver::readings`]).
pub(super) fn one_population(
    ds: &Dataset,
    res: &mut Resolver<'_>,
    findings: &mut [Finding],
) -> Result<()> {
    let mut denominators: Vec<&str> = Vec::new();
    for c in &ds.claims {
        if let (ClaimKind::Rate, Some(d)) = (c.kind, c.denominator.as_deref()) {
            if !denominators.contains(&d) {
                denominators.push(d);
            }
        }
    }
    for den_ref in denominators {
        let Some(den) = res.published(den_ref) else {
            continue;
        };
        let mut members = Vec::new();
        for (index, c) in ds.claims.iter().enumerate() {
            if c.kind != ClaimKind::Rate || c.denominator.as_deref() != Some(den_ref) {
                continue;
            }
            let (Some(n_ref), Some(s), Some(d)) = (c.numerator.as_deref(), c.stated, c.decimals)
            else {
                continue;
            };
            let nums = res.readings(n_ref, &[&c.id])?;
            let [n] = nums.as_slice() else { continue };
            let m = Q::from_f64(c.multiplier.unwrap_or(crate::rate::PER_100K));
            let population = m
                .zip(Iv::stated(s, d))
                .and_then(|(m, r)| n.iv.scale(m)?.div(r));
            if let Some(population) = population {
                members.push(Member {
                    index,
                    id: c.id.clone(),
                    population,
                });
            }
        }
        explain(&members, den.iv.face, &den.label, findings);
    }
    Ok(())
}

/// The largest group of members one population reproduces, and that population.
fn largest_group(members: &[Member]) -> Option<(Vec<&Member>, Iv)> {
    let mut best: Option<(Vec<&Member>, Iv)> = None;
    for m in members {
        let point = m.population.lo;
        let group: Vec<&Member> = members
            .iter()
            .filter(|o| o.population.contains(point))
            .collect();
        if group.len() < 2 || best.as_ref().is_some_and(|(b, _)| b.len() >= group.len()) {
            continue;
        }
        let mut common = group[0].population;
        for o in &group[1..] {
            common = common.intersect(o.population)?;
        }
        best = Some((group, common));
    }
    best
}

fn explain(members: &[Member], printed: Q, label: &str, findings: &mut [Finding]) {
    let Some((group, common)) = largest_group(members) else {
        return;
    };
    if common.contains(printed) {
        return;
    }
    let (lo, hi) = (common.lo.ceil(), common.hi.floor());
    let range = if lo <= hi {
        format!("{} to {}", num(lo.to_f64(), 0), num(hi.to_f64(), 0))
    } else {
        format!(
            "between {} and {}",
            num(common.lo.to_f64(), 1),
            num(common.hi.to_f64(), 1)
        )
    };
    let ids: Vec<String> = group.iter().map(|m| m.id.clone()).collect();
    let how_many = if group.len() == members.len() {
        format!("all {} rates", group.len())
    } else {
        format!("{} of the {} rates", group.len(), members.len())
    };
    let reproduced: Vec<&str> = members
        .iter()
        .filter(|m| m.population.contains(printed))
        .map(|m| m.id.as_str())
        .collect();
    let printed_does = if reproduced.is_empty() {
        "none of them".to_owned()
    } else {
        format!("only {}", reproduced.join(", "))
    };
    let note = format!(
        ". One population reproduces {how_many} stated on {label} (claims {}): {range}; the \
         printed {} gives {printed_does}. The likelier story is that the rates were computed \
         on a population from another year",
        ids.join(", "),
        num(printed.to_f64(), 0),
    );
    for m in &group {
        let f = &mut findings[m.index];
        if f.status != Status::Inconsistent {
            continue;
        }
        f.reason.push_str(&note);
        for id in &ids {
            if *id != f.claim && !f.combined.contains(id) {
                f.combined.push(id.clone());
            }
        }
    }
}
