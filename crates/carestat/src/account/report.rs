//! The report: every indicator that can be derived from a dataset.
//!
//! Changes from last year (relative, and in percentage points for percentages) with their
//! direction and, where the polarity is known, whether they are improvements; previous
//! values implied by stated changes; rates per 100,000 with 95% confidence intervals (exact
//! or Byar's, [`crate::crude_rate`]); rating shares under both denominator rules with Wilson
//! intervals; counts as shares of the counts they are part of; sums of breakdowns; ASCOF
//! year-on-year comparisons; the CQC overall percentage of the published statement scores.

pub mod html;

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::change::{judge_change, percent_change, Judgement, Polarity};
use crate::error::Result;
use crate::ratings::DenominatorRule;

use super::audit::{audit, Finding};
use super::claims::ClaimKind;
use super::dataset::{AscofUnit, Dataset};
use super::figures::{self, FigureKind};
use super::text::num;

/// The confidence level of the report's intervals.
pub const REPORT_CONFIDENCE: f64 = 0.95;

/// What an indicator is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorKind {
    /// Percentage change from last year.
    PercentChange,
    /// Change in percentage points between two percentages.
    PointChange,
    /// Last year's value implied by a stated change (an interval).
    ImpliedPrevious,
    /// A rate per 100,000 (or per the claim's multiplier) with its confidence interval.
    Rate,
    /// A share (percentage) with its Wilson interval.
    Share,
    /// The sum of a breakdown's parts.
    Sum,
    /// An ASCOF score compared with last year's.
    Ascof,
    /// The CQC overall percentage of the published quality statement scores (a range when
    /// some are unpublished) and the ratings it allows.
    CqcRating,
}

/// One derived indicator. Numbers that do not apply are `None` (`null` in JSON).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    /// Where it comes from: a figure reference (`counts.concerns`), a claim id, a rating
    /// distribution (`ratings.care_homes.all_locations`) or an ASCOF measure (`ascof.2A2`).
    pub id: String,
    /// What it is.
    pub kind: IndicatorKind,
    /// A readable label.
    pub label: String,
    /// The indicator's value.
    pub value: Option<f64>,
    /// Lower end of its interval (confidence interval, or the interval a rounding allows).
    pub lower: Option<f64>,
    /// Upper end of its interval.
    pub upper: Option<f64>,
    /// Unit of `value`: `%`, `points`, `per 100,000`, `GBP m`, or empty for counts.
    pub unit: String,
    /// This period's value of the underlying figure.
    pub current: Option<f64>,
    /// Last period's value of the underlying figure.
    pub previous: Option<f64>,
    /// `up`, `down` or `same`, for changes.
    pub direction: Option<String>,
    /// Improved / worsened / no change / not judged, from the figure's polarity.
    pub judgement: Option<Judgement>,
    /// How the interval was computed (`Byars`, `Exact`, `Wilson`, `rounding`).
    pub method: Option<String>,
    /// Anything a reader needs to know.
    pub note: String,
}

/// The report of a dataset: its area, period and every derived indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The area's name.
    pub area: String,
    /// The period's label.
    pub period: String,
    /// The indicators, grouped by kind of source: counts, percentages, spend, claims,
    /// ratings, breakdowns, ASCOF.
    pub indicators: Vec<Indicator>,
}

impl Indicator {
    fn new(id: String, kind: IndicatorKind, label: String, unit: &str) -> Self {
        Self {
            id,
            kind,
            label,
            value: None,
            lower: None,
            upper: None,
            unit: unit.to_owned(),
            current: None,
            previous: None,
            direction: None,
            judgement: None,
            method: None,
            note: String::new(),
        }
    }
}

fn direction(previous: f64, current: f64) -> String {
    if current > previous {
        "up"
    } else if current < previous {
        "down"
    } else {
        "same"
    }
    .to_owned()
}

fn change_indicator(
    id: String,
    kind: IndicatorKind,
    label: &str,
    previous: f64,
    current: f64,
    polarity: Polarity,
) -> Option<Indicator> {
    let (value, unit) = match kind {
        IndicatorKind::PointChange => (current - previous, "points"),
        _ => (percent_change(previous, current).ok()?, "%"),
    };
    let mut i = Indicator::new(id, kind, label.to_owned(), unit);
    i.value = Some(value);
    i.current = Some(current);
    i.previous = Some(previous);
    i.direction = Some(direction(previous, current));
    i.judgement = Some(judge_change(previous, current, polarity));
    Some(i)
}

/// Derives every indicator of a dataset (validating it first).
///
/// ```
/// use carestat::account::{report, Dataset, IndicatorKind};
/// let ds = Dataset::from_json_str(r#"{"format_version": 1, "area": {"name": "X"},
///   "period": {"label": "2023/24", "start": "2023-04-01", "end": "2024-03-31"},
///   "counts": {"enquiries": {"label": "Enquiries completed", "value": 1305,
///              "previous": 1141, "quote": "1305 ... compared to 1141 last year"}}}"#)?;
/// let r = report(&ds)?;
/// assert_eq!(r.indicators[0].kind, IndicatorKind::PercentChange);
/// assert!((r.indicators[0].value.unwrap() - 14.373_356_7).abs() < 1e-6);
/// # Ok::<(), carestat::Error>(())
/// ```
pub fn report(ds: &Dataset) -> Result<Report> {
    let findings = audit(ds)?;
    let mut out = Vec::new();
    counts(ds, &mut out)?;
    percentages_and_spend(ds, &mut out);
    from_claims(ds, &findings, &mut out)?;
    ratings(ds, &mut out)?;
    breakdowns(ds, &mut out);
    ascof(ds, &mut out);
    cqc(ds, &mut out)?;
    Ok(Report {
        area: ds.area.name.clone(),
        period: ds.period.label.clone(),
        indicators: out,
    })
}

fn counts(ds: &Dataset, out: &mut Vec<Indicator>) -> Result<()> {
    for (id, c) in &ds.counts {
        let reference = format!("counts.{id}");
        if let Some(prev) = figures::previous_of(ds, &reference) {
            let polarity = c.polarity.unwrap_or(Polarity::NoJudgement);
            if let Some(mut i) = change_indicator(
                reference.clone(),
                IndicatorKind::PercentChange,
                &c.label,
                prev.value,
                c.value as f64,
                polarity,
            ) {
                i.note = format!(
                    "{} from {} ({:+})",
                    num(c.value as f64, 0),
                    num(prev.value, 0),
                    c.value as f64 - prev.value
                );
                if let Some(how) = prev.derived {
                    _ = write!(i.note, "; previous {how}");
                }
                if let Some(p) = &c.period {
                    _ = write!(i.note, "; period {p}");
                }
                out.push(i);
            }
        }
        if let Some(whole_ref) = &c.part_of {
            let whole = figures::resolve(ds, whole_ref).expect("validated part_of reference");
            out.push(part_indicator(
                &reference,
                &c.label,
                c.value as f64,
                &whole,
            )?);
        }
        if let Some(pop_ref) = &c.population {
            let pop = figures::resolve(ds, pop_ref).expect("validated population reference");
            out.push(rate_indicator(
                format!("{reference}.rate"),
                &c.label,
                c.value as f64,
                pop.value,
                crate::rate::PER_100K,
                &format!("per {} ({pop_ref})", pop.label),
            )?);
        }
    }
    Ok(())
}

/// A count as a share of the count it is part of, with its Wilson interval; a part larger
/// than its whole has no share, and the note says the figures contradict each other.
fn part_indicator(
    reference: &str,
    label: &str,
    part: f64,
    whole: &figures::Figure,
) -> Result<Indicator> {
    let mut i = Indicator::new(
        format!("{reference}.share"),
        IndicatorKind::Share,
        format!("{label}, as a share of {}", whole.label.to_lowercase()),
        "%",
    );
    i.current = Some(part);
    if part > whole.value || whole.value == 0.0 {
        i.note = format!(
            "{} is more than the {} it is part of: the two figures contradict each other",
            num(part, 0),
            num(whole.value, 0)
        );
        return Ok(i);
    }
    let e = crate::wilson_proportion(part, whole.value, 100.0, REPORT_CONFIDENCE)?;
    i.value = Some(e.value);
    i.lower = Some(e.lower);
    i.upper = Some(e.upper);
    i.method = Some(e.method.name().to_owned());
    i.note = format!("{} of {}; 95% CI", num(part, 0), num(whole.value, 0));
    Ok(i)
}

fn rate_indicator(
    id: String,
    label: &str,
    count: f64,
    population: f64,
    multiplier: f64,
    note: &str,
) -> Result<Indicator> {
    let e = crate::crude_rate(count, population, multiplier, REPORT_CONFIDENCE)?;
    let mut i = Indicator::new(
        id,
        IndicatorKind::Rate,
        label.to_owned(),
        &format!("per {}", num(multiplier, 0)),
    );
    i.value = Some(e.value);
    i.lower = Some(e.lower);
    i.upper = Some(e.upper);
    i.current = Some(count);
    i.method = Some(e.method.name().to_owned());
    i.note = format!(
        "{} / {} x {}; 95% CI; {note}",
        num(count, 0),
        num(population, 0),
        num(multiplier, 0)
    );
    Ok(i)
}

fn percentages_and_spend(ds: &Dataset, out: &mut Vec<Indicator>) {
    for (id, p) in &ds.percentages {
        let Some(prev) = p.previous else { continue };
        let polarity = p.polarity.unwrap_or(Polarity::NoJudgement);
        let reference = format!("percentages.{id}");
        for kind in [IndicatorKind::PointChange, IndicatorKind::PercentChange] {
            if let Some(mut i) =
                change_indicator(reference.clone(), kind, &p.label, prev, p.value, polarity)
            {
                i.note = format!(
                    "{}% from {}% (each to {} dp)",
                    num(p.value, p.decimals),
                    num(prev, p.decimals),
                    p.decimals
                );
                out.push(i);
            }
        }
    }
    for (id, m) in &ds.spend {
        let Some(prev) = m.previous else { continue };
        let polarity = m.polarity.unwrap_or(Polarity::NoJudgement);
        if let Some(mut i) = change_indicator(
            format!("spend.{id}"),
            IndicatorKind::PercentChange,
            &m.label,
            prev,
            m.value,
            polarity,
        ) {
            i.note = format!(
                "{} {u} from {} {u}",
                num(m.value, m.decimals),
                num(prev, m.decimals),
                u = m.unit.label()
            );
            out.push(i);
        }
    }
}

fn from_claims(ds: &Dataset, findings: &[Finding], out: &mut Vec<Indicator>) -> Result<()> {
    for (c, f) in ds.claims.iter().zip(findings) {
        match c.kind {
            ClaimKind::Change if f.implied_what.as_deref() == Some("previous value") => {
                let subject = c.subject.as_deref().unwrap_or_default();
                let Some(cur) = figures::resolve(ds, subject) else {
                    continue;
                };
                let unit = match cur.kind {
                    FigureKind::Count | FigureKind::Population => "",
                    FigureKind::Percentage => "%",
                    FigureKind::Money(u) => u.label(),
                };
                let mut i = Indicator::new(
                    c.id.clone(),
                    IndicatorKind::ImpliedPrevious,
                    format!("{} (previous, implied)", cur.label),
                    unit,
                );
                i.value = f.implied;
                i.lower = f.implied_lower;
                i.upper = f.implied_upper;
                i.note = format!("from '{}'", c.text);
                // A count's previous value is a whole number: narrow to the whole numbers,
                // unless none lies in the interval (then it stays as computed, and says so).
                if let (FigureKind::Count, Some(lo), Some(hi)) =
                    (cur.kind, f.implied_lower, f.implied_upper)
                {
                    if lo.ceil() <= hi.floor() {
                        (i.lower, i.upper) = (Some(lo.ceil()), Some(hi.floor()));
                    } else {
                        i.note.push_str("; no whole number lies in the interval");
                    }
                }
                i.current = Some(cur.value);
                i.method = Some("rounding".to_owned());
                if f.reading.as_deref() == Some("either") {
                    i.note.push_str(
                        " read as a relative change; see the audit for the points reading",
                    );
                }
                out.push(i);
            }
            ClaimKind::Rate => {
                let (Some(n), Some(d)) = (
                    c.numerator.as_deref().and_then(|r| figures::resolve(ds, r)),
                    c.denominator
                        .as_deref()
                        .and_then(|r| figures::resolve(ds, r)),
                ) else {
                    continue;
                };
                let m = c.multiplier.unwrap_or(crate::rate::PER_100K);
                let mut i = rate_indicator(
                    c.id.clone(),
                    &n.label,
                    n.value,
                    d.value,
                    m,
                    &format!("per {}", d.label),
                )?;
                if let Some(p) = &c.period {
                    _ = write!(i.note, "; period {p}");
                }
                out.push(i);
            }
            ClaimKind::Share => {
                let (Some(n), Some(d)) = (
                    c.numerator.as_deref().and_then(|r| figures::resolve(ds, r)),
                    c.denominator
                        .as_deref()
                        .and_then(|r| figures::resolve(ds, r)),
                ) else {
                    continue;
                };
                if n.value > d.value {
                    continue;
                }
                let e = crate::wilson_proportion(n.value, d.value, 100.0, REPORT_CONFIDENCE)?;
                let mut i =
                    Indicator::new(c.id.clone(), IndicatorKind::Share, n.label.clone(), "%");
                i.value = Some(e.value);
                i.lower = Some(e.lower);
                i.upper = Some(e.upper);
                i.current = Some(n.value);
                i.method = Some(e.method.name().to_owned());
                i.note = format!(
                    "{} of {} ({}); 95% CI",
                    num(n.value, 0),
                    num(d.value, 0),
                    d.label
                );
                out.push(i);
            }
            _ => {}
        }
    }
    Ok(())
}

fn ratings(ds: &Dataset, out: &mut Vec<Indicator>) -> Result<()> {
    for (id, dist) in &ds.ratings {
        // The two ends only (all inadequate, all not rated): the splits between lie between
        // them, and one indicator per split would grow with the count.
        let amb = dist.inadequate_or_not_rated;
        let readings = if amb == 0 {
            vec![dist.reading(0)]
        } else {
            vec![dist.reading(0), dist.reading(amb)]
        };
        for rule in [DenominatorRule::AllLocations, DenominatorRule::RatedOnly] {
            for (k, counts) in readings.iter().enumerate() {
                let (x, n) = counts.share_parts(
                    &[
                        crate::ratings::Rating::Outstanding,
                        crate::ratings::Rating::Good,
                    ],
                    rule,
                )?;
                let e = counts.outstanding_or_good_estimate(rule, REPORT_CONFIDENCE)?;
                let rule_id = match rule {
                    DenominatorRule::AllLocations => "all_locations",
                    DenominatorRule::RatedOnly => "rated_only",
                };
                let suffix = if readings.len() > 1 {
                    if k == 0 {
                        ".as_inadequate"
                    } else {
                        ".as_not_rated"
                    }
                } else {
                    ""
                };
                let mut i = Indicator::new(
                    format!("ratings.{id}.{rule_id}{suffix}"),
                    IndicatorKind::Share,
                    format!("{}: Outstanding or Good", dist.label),
                    "%",
                );
                i.value = Some(e.value);
                i.lower = Some(e.lower);
                i.upper = Some(e.upper);
                i.current = Some(x as f64);
                i.method = Some(e.method.name().to_owned());
                i.note = format!(
                    "{x} of {n} ({}); 95% CI",
                    if rule == DenominatorRule::AllLocations {
                        "all locations"
                    } else {
                        "rated locations only"
                    }
                );
                if readings.len() > 1 {
                    _ = write!(
                        i.note,
                        "; the {} 'inadequate or not rated' counted as {}",
                        dist.inadequate_or_not_rated,
                        if k == 0 { "inadequate" } else { "not rated" }
                    );
                }
                out.push(i);
            }
        }
    }
    Ok(())
}

fn breakdowns(ds: &Dataset, out: &mut Vec<Indicator>) {
    for (id, b) in &ds.breakdowns {
        let Some(total) = b.total.as_deref().and_then(|t| figures::resolve(ds, t)) else {
            continue;
        };
        let s: f64 = b
            .parts
            .iter()
            .map(super::breakdown::Part::signed_value)
            .sum();
        let mut i = Indicator::new(
            format!("breakdowns.{id}"),
            IndicatorKind::Sum,
            b.label.clone(),
            total.kind.unit(),
        );
        i.value = Some(s);
        i.current = Some(total.value);
        i.note = format!(
            "{} parts sum to {}; stated total {} ({}); difference {}",
            b.parts.len(),
            num(s, b.decimals.unwrap_or(0)),
            total.shown(),
            b.total.as_deref().unwrap_or_default(),
            num(s - total.value, b.decimals.unwrap_or(0))
        );
        out.push(i);
    }
}

fn ascof(ds: &Dataset, out: &mut Vec<Indicator>) {
    for a in &ds.ascof {
        let Some(prev) = a.previous else { continue };
        let id = format!("ascof.{}", a.measure);
        let label = format!("ASCOF {} {}", a.measure, a.name);
        let (value, unit) = if a.unit == AscofUnit::Percent {
            (Some(a.value - prev), "points")
        } else {
            (percent_change(prev, a.value).ok(), "%")
        };
        let mut i = Indicator::new(id, IndicatorKind::Ascof, label, unit);
        i.value = value;
        i.current = Some(a.value);
        i.previous = Some(prev);
        i.direction = Some(direction(prev, a.value));
        i.judgement = Some(judge_change(prev, a.value, a.polarity));
        i.note = format!(
            "{} {} from {} ({})",
            a.value,
            a.unit.label(),
            prev,
            polarity_words(a.polarity)
        );
        // Cross-check the document's measure against the catalogue (crate::ascof). The
        // dataset's checks made sure the id is in the grammar and, when it names measures in
        // both frameworks, that the framework is named.
        let framework = a
            .framework
            .as_deref()
            .and_then(|f| crate::ascof::Framework::from_name(f).ok());
        match crate::ascof::group(&a.measure, framework) {
            Ok(g) => {
                let what = g.single().map_or_else(|| g.labels(), |m| m.name.clone());
                match g.polarity() {
                    Ok(p) if p == a.polarity => {
                        _ = write!(i.note, "; catalogue ({}): {what}", g.framework.describe());
                    }
                    Ok(p) => {
                        _ = write!(
                            i.note,
                            "; the catalogue ({}) says {} for {what}: check the polarity",
                            g.framework.describe(),
                            polarity_words(p),
                        );
                    }
                    Err(_) => {
                        _ = write!(
                            i.note,
                            "; catalogue ({}): {what}, parts of differing polarity",
                            g.framework.describe()
                        );
                    }
                }
            }
            Err(_) => {
                _ = write!(
                    i.note,
                    "; not in the ASCOF catalogue ({})",
                    framework.map_or("either framework", crate::ascof::Framework::describe)
                );
            }
        }
        out.push(i);
    }
}

fn polarity_words(p: Polarity) -> &'static str {
    match p {
        Polarity::HighIsGood => "higher is better",
        Polarity::LowIsGood => "lower is better",
        Polarity::NoJudgement => "no judgement",
    }
}

/// The CQC overall percentage: exact when all 9 statement scores are published, else the
/// range the unpublished ones allow (each 1 to 4), with the ratings in that range.
fn cqc(ds: &Dataset, out: &mut Vec<Indicator>) -> Result<()> {
    let Some(cqc) = &ds.cqc else { return Ok(()) };
    let scores = cqc.scores()?;
    let rule = cqc.band_rule.unwrap_or_default();
    let (published, known) = (scores.assessed(), scores.total());
    let unpublished = 9 - published;
    let pct = |t: u32| crate::cqc::percentage(t, 9);
    let mut i = Indicator::new(
        "cqc.overall".to_owned(),
        IndicatorKind::CqcRating,
        "CQC assessment: overall percentage".to_owned(),
        "%",
    );
    i.lower = Some(pct(known + unpublished));
    i.upper = Some(pct(known + 4 * unpublished));
    i.current = Some(f64::from(known));
    i.method = Some("rounding".to_owned());
    let possible: Vec<String> = scores
        .possible_ratings(rule)
        .iter()
        .map(|p| p.rating.label().to_owned())
        .collect();
    if unpublished == 0 {
        i.value = Some(pct(known));
        i.method = None;
        i.note = format!("9 scores totalling {known} of 36: {}", possible.join(""));
    } else {
        i.note = format!(
            "{published} of 9 scores published, totalling {known}; the other {unpublished} \
             (1 to 4 each) allow {}",
            possible.join(", ")
        );
    }
    out.push(i);
    Ok(())
}
