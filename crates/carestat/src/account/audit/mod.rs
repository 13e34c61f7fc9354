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
//!   points); the finding says which reading matches, or that both do (`either`). When
//!   both readings are possible but do not both give the figure at face value, the finding
//!   is **ambiguous** and `readings` gives each one's result; a figure that only the points
//!   reading allows but is written with "%" is inconsistent as written. Readings of an
//!   unnamed figure (which count is the numerator) that disagree are ambiguous too.
//! * When the document gives no previous value, the finding is **unchecked** and reports
//!   the previous value the claim implies (an interval). Likewise a share without a stated
//!   numerator reports the implied numerator.
//! * Rating shares are tried under both denominator rules (all locations, rated only) unless
//!   the document states one; the finding says which rules reproduce the stated figure.
//! * Rates are checked against the population the document gives; a mismatch reports the
//!   population the stated rate implies.
//! * A hedged or verbal figure ("almost 8%", "1 in 4", "doubled") is checked against the
//!   interval its wording allows ([`wording`], `account::hedge`), never as a rounding.
//! * A stated figure ending in a printed 0 ("80.0%") that holds only at one fewer decimal
//!   gets the reading `padded` ([`padded`]).
//! * A comparison with England or peers ([`comparison`]) is checked from the two values as
//!   printed, each over its rounding, "better" and "worse" by the measure's polarity; with
//!   the area's counts, the finding also says whether its 95% interval excludes the
//!   comparator (Fingertips), which is how "similar" is checked.
//! * A CQC overall rating is checked against the quality statement scores published; with
//!   some unpublished, against every score they could have ([`cqc`]).
//! * Reasoning across claims ([`reason`]): a claim left unchecked for want of an input is
//!   checked against the value the document's other claims imply for it ([`implied`]), an
//!   interval carried exactly through every step ([`interval`]); the finding names the
//!   claims it combined (`combined`). Several rates on one population that another
//!   population reproduces better are explained together ([`population`]). Figures that
//!   only imply each other are an error naming the claim's JSON path.

mod breakdown;
mod calculation;
mod change;
mod comparison;
mod cqc;
mod direction;
mod flow;
mod implied;
mod interval;
mod padded;
mod population;
mod rate;
mod rating_share;
mod reason;
mod restatement;
mod share;
mod wording;

use serde::{Deserialize, Serialize};

use crate::change::change_rounds_to;
use crate::error::Result;
use crate::rounding::{round_half_away, stated_interval};

use super::claims::{Claim, ClaimKind};
use super::dataset::Dataset;
use super::figures::{self, Figure};
use super::read::Span;
use super::text::{detail, num};

/// The outcome of checking one claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The stated figure follows from the document's own inputs (allowing for rounding).
    Consistent,
    /// It does not: no reading and no values within the rounding reproduce it.
    Inconsistent,
    /// The text allows readings that disagree (a "%" change between two percentages read as
    /// per cent or as percentage points; which of the document's counts a figure stands
    /// for): some reproduce the stated figure and some do not, and the document does not
    /// say which it meant. The finding's `readings` (or `reason`) gives each reading's
    /// result.
    Ambiguous,
    /// It cannot be checked from the document alone (no previous value, no numerator); the
    /// finding reports what the claim implies instead.
    Unchecked,
}

impl Status {
    /// The status as a word: `consistent`, `inconsistent`, `ambiguous`, `unchecked`.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::Consistent => "consistent",
            Self::Inconsistent => "inconsistent",
            Self::Ambiguous => "ambiguous",
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
    /// Consistent, inconsistent, ambiguous or unchecked.
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
    /// Which reading reproduces the figure: `percent`, `points`, `either` (both) for
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
    /// The other claims whose figures this finding combined (reasoning across claims):
    /// the claims that imply a value this claim needs, or that share one population.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub combined: Vec<String>,
    /// The wording the claim was checked under, when its figure is hedged or in words
    /// (`almost`, `over`, `about (verbal share)`); absent for a plain figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wording: Option<String>,
    /// Each reading the text allows and what it gives, when there are several (a "%" change
    /// between two percentages: `percent` and `points`); absent otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub readings: Vec<Reading>,
}

/// One reading of a figure the text allows, and what it gives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reading {
    /// The reading: `percent` (a relative change) or `points` (percentage points).
    pub reading: String,
    /// The value this reading computes at face value.
    pub computed: Option<f64>,
    /// Smallest value this reading allows over the rounding of the inputs.
    pub computed_lower: Option<f64>,
    /// Largest value this reading allows over the rounding of the inputs.
    pub computed_upper: Option<f64>,
    /// Whether the stated figure follows under this reading: `at_face` (the face values
    /// give it), `within_rounding` (values inside the inputs' rounding do), `at_edge` (only
    /// an end of the inputs' rounding does) or `no`.
    pub holds: String,
}

impl Reading {
    fn new(reading: &str, r: Range, v: Verdict) -> Self {
        let finite = |x: f64| x.is_finite().then_some(x);
        Self {
            reading: reading.to_owned(),
            computed: finite(r.face),
            computed_lower: finite(r.lo),
            computed_upper: finite(r.hi),
            holds: match v {
                Verdict::AtFace => "at_face",
                Verdict::WithinRounding => "within_rounding",
                Verdict::No => "no",
            }
            .to_owned(),
        }
    }

    /// A reading from an interval of values (reasoning across claims) and how it fits.
    fn of_interval(reading: String, computed: interval::Iv, fit: interval::Fit) -> Self {
        let (face, lo, hi) = computed.f64s();
        let finite = |x: f64| x.is_finite().then_some(x);
        Self {
            reading,
            computed: finite(face),
            computed_lower: finite(lo),
            computed_upper: finite(hi),
            holds: match fit {
                interval::Fit::AtFace => "at_face",
                interval::Fit::Within => "within_rounding",
                interval::Fit::Edge => "at_edge",
                interval::Fit::No => "no",
            }
            .to_owned(),
        }
    }
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
            combined: Vec::new(),
            wording: None,
            readings: Vec::new(),
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
    let mut findings: Vec<Finding> = ds
        .claims
        .iter()
        .map(|c| padded::reread(ds, c, audit_claim(ds, c), audit_claim))
        .collect();
    reason::settle(ds, &mut findings)?;
    Ok(findings)
}

/// Checks one claim of a validated dataset.
fn audit_claim(ds: &Dataset, c: &Claim) -> Finding {
    match c.kind {
        ClaimKind::Change => change::change(ds, c),
        ClaimKind::Direction => direction::direction(ds, c),
        ClaimKind::Share => share::share(ds, c),
        ClaimKind::RatingShare => rating_share::rating_share(ds, c),
        ClaimKind::Rate => rate::rate(ds, c),
        ClaimKind::Sum => breakdown::sum(ds, c),
        ClaimKind::CqcRating => cqc::cqc_rating(ds, c),
        ClaimKind::StockFlow => flow::stock_flow(ds, c),
        ClaimKind::Calculation => calculation::calculation(ds, c),
        ClaimKind::Comparison => comparison::comparison(ds, c),
        ClaimKind::Restatement => restatement::restatement(ds, c),
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
    // A hedged or verbal figure is a range of values, not a rounding.
    let worded = f.wording.is_some();
    match v {
        Verdict::AtFace if worded => {
            f.status = Status::Consistent;
            f.reason = format!("{what}, within the stated {stated}");
        }
        Verdict::AtFace => {
            f.status = Status::Consistent;
            f.reason = format!("{what}, which rounds to the stated {stated}");
        }
        Verdict::WithinRounding => {
            f.status = Status::Consistent;
            f.reason = format!(
                "{what} at face value; within the rounding of the inputs it can be {} to {}, which {} the stated {stated}",
                bound(r.lo, &fmt),
                bound(r.hi, &fmt),
                if worded { "meets" } else { "includes" }
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

/// A share or rate of a denominator of 0 does not exist: whatever the claim states is
/// inconsistent with the document's own figures.
fn no_denominator(c: &Claim, den: &Figure, what: &str) -> Finding {
    Finding::new(
        c,
        Status::Inconsistent,
        format!("{} is 0, so there is no {what} of it", den.label),
    )
}
