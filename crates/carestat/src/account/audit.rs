//! The audit: every claim recomputed from the document's own inputs.
//!
//! Rules (DOMAIN.md §9):
//! * A stated figure carries its rounding: "4.4%" means the true value lies in
//!   `[4.35, 4.45)` ([`stated_interval`]); values are rounded half away from zero on their
//!   decimal form ([`round_half_away`]).
//! * A claim is **consistent** when the value recomputed from the document's figures rounds
//!   to the stated value, or, when those figures are themselves rounded, when some values
//!   within their rounding do (the check is over input intervals, not only face values).
//! * Parts rounded separately may miss their rounded total by up to the sum of their
//!   half-units plus the total's own: only a gap beyond that is **inconsistent**. Money parts
//!   a thousand (or a million) times their total are named a unit slip.
//! * A "%" change between two percentages is read both ways (relative and percentage
//!   points); the finding says which reading matches, or that both do (ambiguous). A figure
//!   that matches only as points but is written with "%" is inconsistent as written.
//! * When the document gives no previous value, the finding is **unchecked** and reports
//!   the previous value the claim implies (an interval). Likewise a share without a stated
//!   numerator reports the implied numerator.
//! * Rating shares are tried under both denominator rules (all locations, rated only) unless
//!   the document states one; the finding says which rules reproduce the stated figure.
//! * Rates are checked against the population the document gives; a mismatch reports the
//!   population the stated rate implies.
//! * A CQC overall rating is checked against the quality statement scores published; with
//!   some unpublished, against every score they could have ([`cqc`]).

mod cqc;

use serde::{Deserialize, Serialize};

use crate::change::{change_rounds_to, previous_from_percent_change};
use crate::error::Result;
use crate::ratings::{DenominatorRule, Rating};
use crate::rounding::{round_half_away, stated_interval};

use super::claims::{ChangeUnit, Claim, ClaimKind, Direction};
use super::dataset::Dataset;
use super::figures::{self, Figure, FigureKind};
use super::read::Span;
use super::text::{detail, num, signed};

/// The outcome of checking one claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The stated figure follows from the document's own inputs (allowing for rounding).
    Consistent,
    /// It does not: no reading and no values within the rounding reproduce it.
    Inconsistent,
    /// It cannot be checked from the document alone (no previous value, no numerator); the
    /// finding reports what the claim implies instead.
    Unchecked,
}

impl Status {
    /// The status as a word: `consistent`, `inconsistent`, `unchecked`.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::Consistent => "consistent",
            Self::Inconsistent => "inconsistent",
            Self::Unchecked => "unchecked",
        }
    }
}

/// One claim's finding.
///
/// Numbers that do not apply are `None` (`null` in JSON).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// The claim's id.
    pub claim: String,
    /// The claim's kind.
    pub kind: ClaimKind,
    /// Consistent, inconsistent or unchecked.
    pub status: Status,
    /// The claim in the document's words.
    pub text: String,
    /// The number stated (for a `sum`, the stated total).
    pub stated: Option<f64>,
    /// Decimal places the number was stated to.
    pub decimals: Option<i32>,
    /// The value recomputed from the document's figures at face value (for a "%" change
    /// between percentages, the relative reading; the reason gives the points reading).
    pub computed: Option<f64>,
    /// Smallest value consistent with the rounding of the inputs.
    pub computed_lower: Option<f64>,
    /// Largest value consistent with the rounding of the inputs.
    pub computed_upper: Option<f64>,
    /// Unit of `stated` and `computed`: `%`, `points`, `per 100,000`, `GBP m`, or empty for
    /// counts.
    pub unit: String,
    /// Which reading reproduces the figure: `percent`, `points`, `ambiguous` (both) for
    /// changes; `all_locations`, `rated_only`, `either` for rating shares; the numerator for
    /// shares with candidates.
    pub reading: Option<String>,
    /// What `implied*` are: `previous value`, `population`, `numerator`.
    pub implied_what: Option<String>,
    /// The value the stated figure implies at face value.
    pub implied: Option<f64>,
    /// Lower end of the implied interval.
    pub implied_lower: Option<f64>,
    /// Upper end of the implied interval.
    pub implied_upper: Option<f64>,
    /// Why: the arithmetic, in words.
    pub reason: String,
    /// The sentence the claim was quoted from.
    pub quote: String,
    /// Where the quote sits in the document's text (byte offsets), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

impl Finding {
    fn new(c: &Claim, status: Status, reason: String) -> Self {
        Self {
            claim: c.id.clone(),
            kind: c.kind,
            status,
            text: c.text.clone(),
            stated: c.stated,
            decimals: c.decimals,
            computed: None,
            computed_lower: None,
            computed_upper: None,
            unit: String::new(),
            reading: None,
            implied_what: None,
            implied: None,
            implied_lower: None,
            implied_upper: None,
            reason,
            quote: c.quote.clone(),
            span: c.span,
        }
    }

    /// Sets the computed range; an end that is not a number (a percentage change from
    /// zero has none, and no upper limit when last year's value may have been zero) is
    /// `None`.
    fn computed(mut self, range: Range) -> Self {
        let finite = |x: f64| x.is_finite().then_some(x);
        self.computed = finite(range.face);
        self.computed_lower = finite(range.lo);
        self.computed_upper = finite(range.hi);
        self
    }

    /// Sets the implied value and interval; an end with no limit (infinite) is `None`.
    fn implied(mut self, what: &str, face: f64, lo: f64, hi: f64) -> Self {
        let finite = |x: f64| x.is_finite().then_some(x);
        self.implied_what = Some(what.to_owned());
        self.implied = finite(face);
        self.implied_lower = finite(lo);
        self.implied_upper = finite(hi);
        self
    }

    fn unit(mut self, unit: &str) -> Self {
        unit.clone_into(&mut self.unit);
        self
    }

    fn reading(mut self, reading: &str) -> Self {
        self.reading = Some(reading.to_owned());
        self
    }
}

/// Audits every claim of a dataset, in the dataset's order.
///
/// Validates the dataset first (errors name the JSON path).
///
/// ```
/// use carestat::account::{audit, Dataset, Status};
/// let ds = Dataset::from_json_str(r#"{"format_version": 1, "area": {"name": "Birmingham"},
///   "period": {"label": "2022/23", "start": "2022-04-01", "end": "2023-03-31"},
///   "ratings": {"care_homes": {"label": "Care homes", "outstanding": 13, "good": 432,
///     "requires_improvement": 123, "inadequate": 7, "not_rated": 1, "quote": ""}},
///   "claims": [{"id": "care-homes", "kind": "rating_share", "ratings": "care_homes",
///     "stated": 76, "decimals": 0, "text": "76% ... Outstanding or Good", "quote": ""}]}"#)?;
/// let findings = audit(&ds)?;
/// assert_eq!(findings[0].status, Status::Inconsistent); // 445 / 576 = 77.3%
/// # Ok::<(), carestat::Error>(())
/// ```
pub fn audit(ds: &Dataset) -> Result<Vec<Finding>> {
    ds.validate()?;
    Ok(ds.claims.iter().map(|c| audit_claim(ds, c)).collect())
}

/// Checks one claim of a validated dataset.
fn audit_claim(ds: &Dataset, c: &Claim) -> Finding {
    match c.kind {
        ClaimKind::Change => change(ds, c),
        ClaimKind::Direction => direction(ds, c),
        ClaimKind::Share => share(ds, c),
        ClaimKind::RatingShare => rating_share(ds, c),
        ClaimKind::Rate => rate(ds, c),
        ClaimKind::Sum => sum(ds, c),
        ClaimKind::CqcRating => cqc::cqc_rating(ds, c),
    }
}

/// A value at face and over the rounding of its inputs.
#[derive(Debug, Clone, Copy)]
struct Range {
    face: f64,
    lo: f64,
    hi: f64,
}

/// How a computed range meets a stated figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    /// The face value rounds to the stated figure.
    AtFace,
    /// Only values within the inputs' rounding do.
    WithinRounding,
    /// Nothing does.
    No,
}

fn verdict(r: Range, stated: f64, d: i32) -> Verdict {
    within(
        round_half_away(r.face, d) == round_half_away(stated, d),
        r,
        stated,
        d,
    )
}

/// The verdict on a percentage change: at face by [`change_rounds_to`] on the exact ratio
/// (the rule [`crate::PreviousRange`] uses too), else over the rounding of the inputs.
fn pct_verdict(cur: &Figure, prev: &Figure, r: Range, stated: f64, d: i32) -> Verdict {
    within(
        change_rounds_to(prev.value, cur.value, stated, d),
        r,
        stated,
        d,
    )
}

fn within(at_face: bool, r: Range, stated: f64, d: i32) -> Verdict {
    if at_face {
        return Verdict::AtFace;
    }
    let (lo, hi) = stated_interval(stated, d);
    if r.hi > r.lo && r.lo < hi && r.hi >= lo {
        Verdict::WithinRounding
    } else {
        Verdict::No
    }
}

/// The stated figure and its decimals of a validated claim that needs them.
fn stated(c: &Claim) -> (f64, i32) {
    (c.stated.unwrap_or(f64::NAN), c.decimals.unwrap_or(0))
}

fn current(ds: &Dataset, reference: Option<&str>) -> Figure {
    figures::resolve(ds, reference.unwrap_or_default())
        .expect("validated references resolve to this period's figures")
}

/// Last year's value as the document publishes it (not as a claim implies it).
fn published_previous(ds: &Dataset, reference: &str) -> Option<Figure> {
    figures::previous_of(ds, reference).filter(|f| f.derived.is_none())
}

fn pct_range(cur: &Figure, prev: &Figure) -> Range {
    // As crate::percent_change: (c - p) / p x 100, so 5 to 6 is exactly 20.
    let rel = |c: f64, p: f64| {
        if p > 0.0 {
            (c - p) / p * 100.0
        } else {
            f64::INFINITY
        }
    };
    Range {
        face: rel(cur.value, prev.value),
        lo: rel(cur.lo, prev.hi),
        hi: rel(cur.hi, prev.lo),
    }
}

fn diff_range(cur: &Figure, prev: &Figure) -> Range {
    Range {
        face: cur.value - prev.value,
        lo: cur.lo - prev.hi,
        hi: cur.hi - prev.lo,
    }
}

fn plural(n: f64, one: &str, many: &str) -> String {
    if n.abs() == 1.0 {
        one.to_owned()
    } else {
        many.to_owned()
    }
}

fn unit_of(f: &Figure) -> String {
    f.kind.unit().to_owned()
}

/// "21,595 to 21,614" for counts (whole numbers), "290.2 to 290.6" otherwise.
fn interval_text(lo: f64, hi: f64, whole: bool, d: i32) -> String {
    if whole {
        let (a, b) = (lo.ceil(), hi.floor());
        if a > b {
            return format!("none (between {} and {})", num(lo, 1), num(hi, 1));
        }
        if a == b {
            return num(a, 0);
        }
        return format!("{} to {}", num(a, 0), num(b, 0));
    }
    format!("{} to {}", num(lo, d), num(hi, d))
}

fn change(ds: &Dataset, c: &Claim) -> Finding {
    let subject = c.subject.as_deref().unwrap_or_default();
    let cur = current(ds, Some(subject));
    let (s, d) = stated(c);
    let unit = c.unit.unwrap_or(ChangeUnit::Percent);
    let Some(prev) = published_previous(ds, subject) else {
        return implied_previous(c, &cur, unit, s, d);
    };
    match (unit, cur.kind) {
        (ChangeUnit::Percent, FigureKind::Percentage) => percent_or_points(c, &cur, &prev, s, d),
        (ChangeUnit::Percent, _) => {
            let r = pct_range(&cur, &prev);
            let v = pct_verdict(&cur, &prev, r, s, d);
            let what = format!(
                "{} from {} is a change of {}",
                cur.shown(),
                prev.shown(),
                rel_pct(r.face, |x| signed_detail(x, d))
            );
            let f = Finding::new(c, Status::Consistent, String::new())
                .computed(r)
                .unit("%")
                .reading("percent");
            let stated = format!("{}%", signed(s, d));
            judged(f, v, &what, &stated, r, |x| {
                rel_pct(x, |x| signed_detail(x, d))
            })
        }
        (ChangeUnit::Points | ChangeUnit::Absolute, _) => {
            let r = diff_range(&cur, &prev);
            let u = if unit == ChangeUnit::Points {
                " points".to_owned()
            } else {
                format!(" {}", unit_of(&cur)).trim_end().to_owned()
            };
            let what = if unit == ChangeUnit::Points {
                format!(
                    "{} from {} is a change of {} points",
                    cur.shown(),
                    prev.shown(),
                    signed_detail(r.face, d)
                )
            } else {
                format!(
                    "{} from {} is a change of {}",
                    cur.shown(),
                    prev.shown(),
                    cur.fmt_signed(r.face, d + 1)
                )
            };
            let f = Finding::new(c, Status::Consistent, String::new())
                .computed(r)
                .unit(u.trim())
                .reading(if unit == ChangeUnit::Points {
                    "points"
                } else {
                    "absolute"
                });
            let stated = if unit == ChangeUnit::Points {
                format!("{} points", signed(s, d))
            } else {
                cur.fmt_signed(s, d)
            };
            judged(f, v_of(r, s, d), &what, &stated, r, |x| signed_detail(x, d))
        }
    }
}

fn v_of(r: Range, s: f64, d: i32) -> Verdict {
    verdict(r, s, d)
}

/// A computed change with its sign and [`detail`] decimals.
fn signed_detail(x: f64, d: i32) -> String {
    let t = detail(x, d);
    if t.starts_with('-') || round_half_away(x, 6) == 0.0 {
        t
    } else {
        format!("+{t}")
    }
}

/// A relative change as text: `fmt(x)` with `%`, or why there is none (last year's value
/// was zero; see [`pct_range`]).
fn rel_pct(x: f64, fmt: impl Fn(f64) -> String) -> String {
    if x.is_finite() {
        format!("{}%", fmt(x))
    } else {
        "undefined (a percentage change from zero)".to_owned()
    }
}

/// One end of a computed range as text: `fmt(x)`, or `no limit` where last year's value may
/// have been zero (the range of a percentage change is then unbounded).
fn bound(x: f64, fmt: impl Fn(f64) -> String) -> String {
    if x.is_finite() {
        fmt(x)
    } else {
        "no limit".to_owned()
    }
}

/// Sets status and reason from a verdict; `stated` is the stated figure as text and `fmt`
/// prints the ends of the computed range.
fn judged(
    mut f: Finding,
    v: Verdict,
    what: &str,
    stated: &str,
    r: Range,
    fmt: impl Fn(f64) -> String,
) -> Finding {
    match v {
        Verdict::AtFace => {
            f.status = Status::Consistent;
            f.reason = format!("{what}, which rounds to the stated {stated}");
        }
        Verdict::WithinRounding => {
            f.status = Status::Consistent;
            f.reason = format!(
                "{what} at face value; within the rounding of the inputs it can be {} to {}, which includes the stated {stated}",
                bound(r.lo, &fmt),
                bound(r.hi, &fmt)
            );
        }
        Verdict::No => {
            f.status = Status::Inconsistent;
            let range = if r.hi > r.lo {
                format!(
                    " (between {} and {} within the rounding of the inputs)",
                    bound(r.lo, &fmt),
                    bound(r.hi, &fmt)
                )
            } else {
                String::new()
            };
            f.reason = format!("{what}{range}, not the stated {stated}");
        }
    }
    f
}

/// A "%" change between two published percentages: relative and points readings.
fn percent_or_points(c: &Claim, cur: &Figure, prev: &Figure, s: f64, d: i32) -> Finding {
    let rel = pct_range(cur, prev);
    let pts = diff_range(cur, prev);
    let (vr, vp) = (pct_verdict(cur, prev, rel, s, d), verdict(pts, s, d));
    let both = format!(
        "{} from {} is {} percentage {} but a relative change of {}",
        cur.shown(),
        prev.shown(),
        signed(pts.face, d),
        plural(round_half_away(pts.face, d), "point", "points"),
        rel_pct(rel.face, |x| signed(x, d + 1))
    );
    let f = Finding::new(c, Status::Consistent, String::new())
        .computed(rel)
        .unit("%");
    let stated_pct = format!("{}%", signed(s, d));
    match (vr, vp) {
        (Verdict::AtFace, Verdict::AtFace) => Finding {
            reason: format!("ambiguous: {both}; both readings give the stated {stated_pct}"),
            ..f.reading("ambiguous")
        },
        (Verdict::AtFace, _) => Finding {
            reason: format!("{both}: the stated {stated_pct} matches the relative reading"),
            ..f.reading("percent")
        },
        (_, Verdict::AtFace) => Finding {
            status: Status::Inconsistent,
            reason: format!(
                "{both}: the stated {stated_pct} matches only as percentage points; written with '%' it reads as a relative change, which is {} (say '{} percentage {}')",
                rel_pct(rel.face, |x| signed(x, d + 1)),
                num(s.abs(), d),
                plural(s, "point", "points")
            ),
            ..f.reading("points")
        },
        (Verdict::No, Verdict::No) => Finding {
            status: Status::Inconsistent,
            reason: format!(
                "{both}; neither reading gives the stated {stated_pct}, even within the rounding of the inputs (relative {} to {}, points {} to {})",
                bound(rel.lo, |x| format!("{}%", signed(x, d + 1))),
                bound(rel.hi, |x| format!("{}%", signed(x, d + 1))),
                signed(pts.lo, d + 1),
                signed(pts.hi, d + 1)
            ),
            ..f
        },
        (vr, vp) => {
            let reading = match (vr, vp) {
                (Verdict::WithinRounding, Verdict::WithinRounding) => "ambiguous",
                (Verdict::WithinRounding, _) => "percent",
                _ => "points",
            };
            Finding {
                reason: format!(
                    "{both}; only within the rounding of the inputs does the stated {stated_pct} follow ({} reading)",
                    if reading == "ambiguous" { "either" } else { reading }
                ),
                ..f.reading(reading)
            }
        }
    }
}

/// No previous value published: report the previous value the claim implies.
#[allow(clippy::too_many_lines)] // one match over the three units, kept together
fn implied_previous(c: &Claim, cur: &Figure, unit: ChangeUnit, s: f64, d: i32) -> Finding {
    let (s_lo, s_hi) = stated_interval(s, d);
    let whole = cur.kind == FigureKind::Count;
    // Decimals for implied values: whole numbers for counts, the figure's own decimals for
    // money, one more for percentages.
    let dp = match cur.kind {
        FigureKind::Count | FigureKind::Population => 0,
        FigureKind::Money(_) => cur.decimals.unwrap_or(0),
        FigureKind::Percentage => cur.decimals.unwrap_or(0) + 1,
    };
    let value_range = |face: f64, lo: f64, hi: f64| -> String {
        if whole {
            let (a, b) = (lo.ceil(), hi.floor());
            if a == b {
                return format!("{} (the only whole number the rounding allows)", num(a, 0));
            }
            if a < b {
                return format!("{} ({} to {})", num(face, 0), num(a, 0), num(b, 0));
            }
        }
        if hi > lo {
            format!(
                "{} ({} to {})",
                cur.fmt(face, dp),
                cur.fmt(lo, dp),
                cur.fmt(hi, dp)
            )
        } else {
            cur.fmt(face, dp)
        }
    };
    let points = (cur.value - s, cur.lo - s_hi, cur.hi - s_lo);
    let relative = || -> Option<(f64, f64, f64)> {
        let dd = u32::try_from(d).unwrap_or(0);
        let at_lo = previous_from_percent_change(cur.lo, s, dd).ok()?;
        let at_hi = previous_from_percent_change(cur.hi, s, dd).ok()?;
        let face = previous_from_percent_change(cur.value, s, dd).ok()?;
        // A count published exactly: its whole numbers by the exact rule (change_rounds_to).
        if whole && d >= 0 && cur.lo == cur.value && cur.hi == cur.value {
            if let Some((a, b)) = face.whole_numbers() {
                return Some((face.point, a as f64, b as f64));
            }
        }
        Some((face.point, at_lo.lower, at_hi.upper))
    };
    let base = Finding::new(c, Status::Unchecked, String::new());
    let prefix = format!("no previous value published; {}", cur.shown());
    match unit {
        ChangeUnit::Absolute | ChangeUnit::Points => {
            let (mut face, mut lo, mut hi) = points;
            if whole && unit == ChangeUnit::Absolute && d == 0 {
                (lo, hi) = (face, face);
            }
            let change = if unit == ChangeUnit::Points {
                format!(
                    "{} percentage {}",
                    signed(s, d),
                    plural(s, "point", "points")
                )
            } else {
                cur.fmt_signed(s, d)
            };
            let reading = if unit == ChangeUnit::Points {
                "points"
            } else {
                "absolute"
            };
            // Counts, amounts and percentages are never below zero: a change that would put
            // last year's value there cannot be right, and the interval stops at zero.
            if hi < 0.0 {
                return Finding {
                    status: Status::Inconsistent,
                    reason: format!(
                        "{prefix} and a change of {change} would put last year's value at {}, below zero",
                        cur.fmt(face, dp)
                    ),
                    ..base.reading(reading)
                };
            }
            (face, lo) = (face.max(0.0), lo.max(0.0));
            Finding {
                reason: format!(
                    "{prefix} and a change of {change} imply last year's value was {}",
                    value_range(face, lo, hi)
                ),
                ..base
                    .implied("previous value", face, lo, hi)
                    .reading(reading)
            }
        }
        ChangeUnit::Percent => {
            let Some((face, lo, hi)) = relative() else {
                return Finding {
                    reason: format!("a change of {}% leaves no previous value", signed(s, d)),
                    ..base
                };
            };
            let rel_text = value_range(face, lo, hi);
            if cur.kind == FigureKind::Percentage {
                let (pface, plo, phi) = points;
                Finding {
                    reason: format!(
                        "no previous value published for {}; ambiguous: as a relative change of {}%, last year's figure was {rel_text}; as {} percentage {}, it was {}",
                        cur.shown(),
                        signed(s, d),
                        signed(s, d),
                        plural(s, "point", "points"),
                        value_range(pface, plo, phi)
                    ),
                    ..base
                        .implied("previous value", face, lo, hi)
                        .reading("ambiguous")
                        .unit("%")
                }
            } else {
                Finding {
                    reason: format!(
                        "{prefix} and a change of {}% imply last year's value was {rel_text}",
                        signed(s, d)
                    ),
                    ..base
                        .implied("previous value", face, lo, hi)
                        .reading("percent")
                        .unit("%")
                }
            }
        }
    }
}

fn direction(ds: &Dataset, c: &Claim) -> Finding {
    let subject = c.subject.as_deref().unwrap_or_default();
    let cur = current(ds, Some(subject));
    let stated_dir = c.direction.unwrap_or(Direction::Same);
    let word = match stated_dir {
        Direction::Increase => "an increase",
        Direction::Decrease => "a decrease",
        Direction::Same => "no change",
    };
    let Some(prev) = figures::previous_of(ds, subject) else {
        return Finding::new(
            c,
            Status::Unchecked,
            format!("no previous value published: {word} cannot be checked"),
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
    let mut f = Finding::new(c, status, reason).computed(r).unit(u);
    f.decimals = Some(d);
    f
}

fn share(ds: &Dataset, c: &Claim) -> Finding {
    let den = current(ds, c.denominator.as_deref());
    let (s, d) = stated(c);
    if den.value <= 0.0 {
        return no_denominator(c, &den, "share").unit("%");
    }
    let (s_lo, s_hi) = stated_interval(s, d);
    let share_of = |n: &Figure| {
        let lo = n.lo / den.hi * 100.0;
        Range {
            face: n.value / den.value * 100.0,
            lo,
            // At most 100%, but never below `lo`: a numerator above the denominator gives a
            // share above 100% (inconsistent) rather than a range that ends before it starts.
            hi: (n.hi / den.lo * 100.0).min(100.0).max(lo),
        }
    };
    let whole = den.kind == FigureKind::Count || den.kind == FigureKind::Population;
    let implied = (
        s / 100.0 * den.value,
        s_lo / 100.0 * den.lo,
        s_hi / 100.0 * den.hi,
    );
    let implied_text = format!(
        "{}% of {} is {}",
        num(s, d),
        den.shown(),
        interval_text(implied.1, implied.2, whole, 1)
    );
    if let Some(n_ref) = c.numerator.as_deref() {
        let Some(n) = figures::resolve(ds, n_ref) else {
            return Finding::new(c, Status::Unchecked, format!("{n_ref} is not published"));
        };
        let r = share_of(&n);
        let what = format!("{} of {} is {}%", n.shown(), den.shown(), detail(r.face, d));
        let f = Finding::new(c, Status::Consistent, String::new())
            .computed(r)
            .unit("%");
        let stated = format!("{}%", num(s, d));
        let mut f = judged(f, verdict(r, s, d), &what, &stated, r, |x| {
            format!("{}%", detail(x, d))
        });
        if f.status == Status::Inconsistent {
            f.reason = format!("{}; {implied_text}", f.reason);
            f = f.implied("numerator", implied.0, implied.1, implied.2);
        }
        return f;
    }
    let mut tried = Vec::new();
    let mut matched = None;
    for cand in &c.candidates {
        if let Some(n) = figures::resolve(ds, cand) {
            let r = share_of(&n);
            let ok = verdict(r, s, d) != Verdict::No;
            tried.push(format!(
                "{cand} ({}) gives {}%{}",
                n.shown(),
                detail(r.face, d),
                if ok { " (matches)" } else { "" }
            ));
            if ok && matched.is_none() {
                matched = Some((cand.clone(), r));
            }
        }
    }
    let tried = if tried.is_empty() {
        String::new()
    } else {
        format!("; of the document's counts, {}", tried.join(", "))
    };
    let f = Finding::new(c, Status::Unchecked, String::new())
        .unit("%")
        .implied("numerator", implied.0, implied.1, implied.2);
    if let Some((cand, r)) = matched {
        return Finding {
            status: Status::Consistent,
            reason: format!("the numerator is not stated; {implied_text}{tried}"),
            ..f.computed(r).reading(&cand)
        };
    }
    Finding {
        reason: format!(
            "the numerator is not stated; {implied_text}{}",
            if tried.is_empty() {
                String::new()
            } else {
                format!("{tried}: none reproduces {}%", num(s, d))
            }
        ),
        ..f
    }
}

/// A share or rate of a denominator of 0 does not exist: whatever the claim states is
/// inconsistent with the document's own figures.
fn no_denominator(c: &Claim, den: &Figure, what: &str) -> Finding {
    Finding::new(
        c,
        Status::Inconsistent,
        format!("{} is 0, so there is no {what} of it", den.label),
    )
}

fn rule_name(rule: DenominatorRule) -> &'static str {
    match rule {
        DenominatorRule::AllLocations => "all_locations",
        DenominatorRule::RatedOnly => "rated_only",
    }
}

#[allow(clippy::too_many_lines)] // rules x readings, then one reason
fn rating_share(ds: &Dataset, c: &Claim) -> Finding {
    let key = c.ratings.as_deref().unwrap_or_default();
    let dist = &ds.ratings[key.strip_prefix("ratings.").unwrap_or(key)];
    let (s, d) = stated(c);
    let categories = c
        .categories
        .clone()
        .unwrap_or_else(|| vec![Rating::Outstanding, Rating::Good]);
    let cat_text = categories
        .iter()
        .map(|r| r.label())
        .collect::<Vec<_>>()
        .join(" or ");
    let rules = c.rule.map_or_else(
        || vec![DenominatorRule::AllLocations, DenominatorRule::RatedOnly],
        |r| vec![r],
    );
    let readings = dist.readings();
    let mut parts = Vec::new();
    let mut matching_rules: Vec<DenominatorRule> = Vec::new();
    let mut first: Option<f64> = None;
    let mut matched_value: Option<f64> = None;
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for rule in &rules {
        // One entry per distinct (x, n); the readings of an ambiguous count that give it.
        let mut results: Vec<((u64, u64), Vec<usize>)> = Vec::new();
        for (k, counts) in readings.iter().enumerate() {
            let Ok(xn) = counts.share_parts(&categories, *rule) else {
                continue;
            };
            match results.iter_mut().find(|(r, _)| *r == xn) {
                Some((_, ks)) => ks.push(k),
                None => results.push((xn, vec![k])),
            }
        }
        let mut texts = Vec::new();
        for ((x, n), ks) in &results {
            let pct = *x as f64 / *n as f64 * 100.0;
            first.get_or_insert(pct);
            lo = lo.min(pct);
            hi = hi.max(pct);
            let ok = round_half_away(pct, d) == round_half_away(s, d);
            if ok {
                matched_value.get_or_insert(pct);
                if !matching_rules.contains(rule) {
                    matching_rules.push(*rule);
                }
            }
            let when = if results.len() > 1 {
                let which: Vec<&str> = ks
                    .iter()
                    .map(|&k| {
                        if k == 0 {
                            "inadequate"
                        } else if k + 1 == readings.len() {
                            "not rated"
                        } else {
                            "split"
                        }
                    })
                    .collect();
                format!(
                    " if the {} 'inadequate or not rated' {} {}",
                    dist.inadequate_or_not_rated,
                    if dist.inadequate_or_not_rated == 1 {
                        "is"
                    } else {
                        "are"
                    },
                    which.join(" or ")
                )
            } else {
                String::new()
            };
            texts.push(format!(
                "{x} of {n} = {}%{when}{}",
                detail(pct, d),
                if ok { " (matches)" } else { "" }
            ));
        }
        parts.push(format!(
            "{}: {}",
            if *rule == DenominatorRule::AllLocations {
                "all locations"
            } else {
                "rated only"
            },
            texts.join(", ")
        ));
    }
    let computed = matched_value.or(first).unwrap_or(f64::NAN);
    let range = Range {
        face: computed,
        lo,
        hi,
    };
    let base = Finding::new(c, Status::Consistent, String::new())
        .computed(range)
        .unit("%");
    let detail = parts.join("; ");
    if matching_rules.is_empty() {
        let total = readings[0].total() as f64;
        let (s_lo, s_hi) = stated_interval(s, d);
        let (ilo, ihi) = (s_lo / 100.0 * total, s_hi / 100.0 * total);
        let need = interval_text(ilo, ihi - 1e-9, true, 1);
        return Finding {
            status: Status::Inconsistent,
            reason: format!(
                "{cat_text}: {detail}; no denominator rule gives the stated {}% (it would need {need} of the {} locations)",
                num(s, d),
                num(total, 0)
            ),
            ..base.implied("numerator", s / 100.0 * total, ilo, ihi)
        };
    }
    let reading = if matching_rules.len() == rules.len() && rules.len() > 1 {
        "either"
    } else {
        rule_name(matching_rules[0])
    };
    Finding {
        reason: format!("{cat_text}: {detail}"),
        ..base.reading(reading)
    }
}

/// The denominator a stated rate `s` (at `d` decimals) per `m` implies for the numerator
/// `n`: (face, lower, upper) and the words for it. A stated rate that may be 0 puts no upper
/// limit on it (infinite here, `None` in the finding, "at least" in the text).
fn implied_denominator(n: &Figure, m: f64, s: f64, d: i32, per: &str) -> ((f64, f64, f64), String) {
    let (s_lo, s_hi) = stated_interval(s, d);
    let over = |x: f64, rate: f64| {
        if rate > 0.0 {
            x * m / rate
        } else {
            f64::INFINITY
        }
    };
    let implied = (over(n.value, s), over(n.lo, s_hi), over(n.hi, s_lo));
    let text = if implied.2.is_finite() {
        format!(
            "; {} {per} implies a denominator of {} ({})",
            num(s, d),
            num(implied.0, 0),
            interval_text(implied.1, implied.2, true, 0)
        )
    } else {
        format!(
            "; {} {per} implies a denominator of at least {}",
            num(s, d),
            num(implied.1.ceil(), 0)
        )
    };
    (implied, text)
}

fn rate(ds: &Dataset, c: &Claim) -> Finding {
    let n_ref = c.numerator.as_deref().unwrap_or_default();
    let den = current(ds, c.denominator.as_deref());
    let (s, d) = stated(c);
    let m = c.multiplier.unwrap_or(crate::rate::PER_100K);
    let per = format!("per {}", num(m, 0));
    if den.value <= 0.0 {
        return no_denominator(c, &den, "rate").unit(&per);
    }
    let Some(n) = figures::resolve(ds, n_ref) else {
        return Finding::new(
            c,
            Status::Unchecked,
            format!("{n_ref} is not published, so the rate cannot be recomputed"),
        )
        .unit(&per);
    };
    let r = Range {
        face: n.value / den.value * m,
        lo: n.lo / den.hi * m,
        hi: n.hi / den.lo * m,
    };
    let (implied, implied_text) = implied_denominator(&n, m, s, d, &per);
    let pop_note = ds
        .populations
        .iter()
        .find(|(id, _)| c.denominator.as_deref() == Some(&format!("populations.{id}")))
        .map(|(_, p)| {
            let year = p
                .year
                .map_or_else(|| "year not stated".to_owned(), |y| format!("{y} estimate"));
            format!(" ({}, {year})", p.label)
        })
        .unwrap_or_default();
    let derived = n
        .derived
        .as_ref()
        .map(|how| format!(" [{how}]"))
        .unwrap_or_default();
    let what = format!(
        "{} ({}){derived} per {}{pop_note} is {} {per}",
        n.shown(),
        n.label.replace(" (previous)", ", last year").to_lowercase(),
        den.shown(),
        detail(r.face, d)
    );
    let v = verdict(r, s, d);
    let mut f = Finding::new(c, Status::Consistent, String::new())
        .computed(r)
        .unit(&per)
        .implied("population", implied.0, implied.1, implied.2);
    match v {
        Verdict::AtFace | Verdict::WithinRounding => {
            f.reason = format!(
                "{what}, which rounds to the stated {}{implied_text}",
                num(s, d)
            );
        }
        Verdict::No => {
            f.status = Status::Inconsistent;
            let gap = implied.0 - den.value;
            let period = c
                .period
                .as_ref()
                .map(|p| format!(" (the rate is for {p})"))
                .unwrap_or_default();
            let gap_text = if gap.is_finite() {
                format!(
                    ", {} {} than the {} the document states",
                    num(gap.abs(), 0),
                    if gap > 0.0 { "more" } else { "fewer" },
                    den.shown()
                )
            } else {
                String::new()
            };
            f.reason = format!(
                "{what}, not the stated {}{implied_text}{gap_text}{period}",
                num(s, d)
            );
        }
    }
    if m != 100.0 && written_as_percent(&c.text) {
        // The scale check: "3.2% per 100,000" is either a rate or a percentage, not both.
        let share = n.value / den.value * 100.0;
        f.status = Status::Inconsistent;
        f.reason = format!(
            "\"{}\" is written with a per cent sign, but as a percentage {} of {} is {}%, not \
             {}%: the % sign is wrong for a rate {per}. As a rate: {}",
            c.text,
            n.shown(),
            den.shown(),
            significant(share, 2),
            num(s, d),
            f.reason
        );
    }
    f
}

/// True when a claim's words carry a per cent sign ("3.2% per 100,000", "3.2 per cent").
fn written_as_percent(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.contains('%') || lower.contains("per cent") || lower.contains("percent")
}

/// `x` with at least `digits` significant digits (and at least 1 decimal): `0.0032`.
fn significant(x: f64, digits: i32) -> String {
    if x == 0.0 || !x.is_finite() {
        return num(x, 1);
    }
    let magnitude = x.abs().log10().floor() as i32;
    num(x, (digits - 1 - magnitude).max(1))
}

fn sum(ds: &Dataset, c: &Claim) -> Finding {
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
