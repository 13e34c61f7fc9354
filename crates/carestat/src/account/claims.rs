//! The claims a document makes about its figures ("an increase of 4.4%", "76% are Outstanding
//! or Good", "803 per 100,000", "a total of GBP 326.4m").
//!
//! The fields each kind needs are listed on [`Claim`].

use serde::{Deserialize, Serialize};

use super::read::Span;
use crate::change::Polarity;
use crate::ratings::{DenominatorRule, Rating};

/// What a claim asserts; decides which fields it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    /// A change from last year ("an increase of 4.4%", "down 11%", "an increase of 543").
    Change,
    /// Only a direction ("an increase from 73% last year", "remained the same").
    Direction,
    /// A percentage of a count ("1.5% of the adult population").
    Share,
    /// A share of rated providers ("76% are Outstanding or Good").
    RatingShare,
    /// A rate per population ("803 per 100,000").
    Rate,
    /// Parts that add up to a total ("GBP 326.4m ... by service type").
    Sum,
    /// A CQC overall rating ("Local authority indicative rating: Good") against the quality
    /// statement scores the document publishes (the dataset's `cqc` section).
    CqcRating,
    /// Opening + in - out against closing ("1549 people are waiting ... 3963 received ...
    /// 3933 completed"): the dataset's `flows` section (format 2).
    StockFlow,
    /// A product or quotient ("GBP 7,000 / 870 = GBP 8.05"): the dataset's `calculations`
    /// section (format 2).
    Calculation,
    /// A comparison with England, the region or similar councils ("lower than England
    /// (1313)", "better than the national average"): the area's figure against the stated
    /// comparator, with the measure's polarity for "better" and "worse" (format 2).
    Comparison,
    /// The same figure printed again ("£309m" on the budget page and in the introduction),
    /// or a figure of another dataset file (last year's Local Account): equal within the
    /// rounding of both, or not (format 2).
    Restatement,
}

impl ClaimKind {
    /// The kind's name as written in JSON (`rating_share`).
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Change => "change",
            Self::Direction => "direction",
            Self::Share => "share",
            Self::RatingShare => "rating_share",
            Self::Rate => "rate",
            Self::Sum => "sum",
            Self::CqcRating => "cqc_rating",
            Self::StockFlow => "stock_flow",
            Self::Calculation => "calculation",
            Self::Comparison => "comparison",
            Self::Restatement => "restatement",
        }
    }
}

/// The unit a change was stated in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeUnit {
    /// Written with a per cent sign ("a 1% increase"). For a change between two percentages
    /// the audit tries both the relative and the percentage-point reading.
    Percent,
    /// Written as percentage points ("up 9 percentage points").
    Points,
    /// An absolute difference in the figure's own unit ("an increase of 543 concerns").
    Absolute,
}

/// A stated direction of change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// The value rose.
    Increase,
    /// The value fell.
    Decrease,
    /// The value stayed the same.
    Same,
}

/// How a `comparison` claim says the area stands against its comparator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// "higher than", "above", "more than".
    Higher,
    /// "lower than", "below", "fewer than", "just below".
    Lower,
    /// "the same as", "equal to", "in line with" (equal as printed).
    Same,
    /// "similar to", "not significantly different from": a statistical judgement, checked
    /// with the area's 95% confidence interval (needs its numerator and denominator).
    Similar,
    /// "better than": higher or lower by the measure's polarity.
    Better,
    /// "worse than": higher or lower by the measure's polarity.
    Worse,
}

impl Relation {
    /// The relation as written in JSON (`higher`).
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Higher => "higher",
            Self::Lower => "lower",
            Self::Same => "same",
            Self::Similar => "similar",
            Self::Better => "better",
            Self::Worse => "worse",
        }
    }
}

/// The comparator of a `comparison` claim as the document prints it ("England (1313)",
/// "our comparator group average of 625", "the national average").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Benchmark {
    /// Who or what the area is compared with (`England`, `similar councils`).
    pub label: String,
    /// The comparator's value as printed; absent when the document does not state it
    /// ("better than the national average"), and then the claim is unchecked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// Decimal places the value was printed to (absent: exact).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decimals: Option<i32>,
}

/// One claim the document makes.
///
/// A claim is one flat JSON object: `id`, `kind`, the words as written (`text`), the sentence
/// (`quote`), the stated number with its `decimals`, and the fields its kind needs:
///
/// | kind | needs | checks |
/// | --- | --- | --- |
/// | `change` | `subject`, `unit`, `stated`, `decimals` | the change from last year's value (`percent`, `points` or `absolute`; a decrease is negative) |
/// | `direction` | `subject`, `direction` | that the value rose, fell or stayed the same |
/// | `share` | `denominator`, `stated`, `decimals`; `numerator` or `candidates`; optional `subject` | a percentage of a count |
/// | `rating_share` | `ratings`, `stated`, `decimals`; optional `categories`, `rule` | a rating share under either denominator rule |
/// | `rate` | `numerator`, `denominator`, `stated`, `decimals`; optional `multiplier` | a rate per 100,000 (or per `multiplier`) |
/// | `sum` | `breakdown` | that the parts add up to the total, allowing for their rounding |
/// | `stock_flow` | `flow` | opening + in - out against closing, over the rounding of every term |
/// | `calculation` | `calculation` | a printed product or quotient against its inputs, over their rounding |
/// | `comparison` | `relation`, `benchmark`; the area's figure as `stated` with `decimals`, a `subject`, or a `numerator` and `denominator`; optional `polarity`, `multiplier`, `unit` (`percent`) | the area against England or its peers, by the values as printed and, with counts, the 95% interval |
/// | `restatement` | `subject`, `stated`, `decimals`; optional `dataset` | the figure printed again (a figure, last year's value, or another claim's `claims.<id>`), or a figure of the other dataset file `dataset`, equal within the rounding of both |
/// | `cqc_rating` | `band` | a CQC overall rating against the quality statement scores the dataset's `cqc` section publishes |
///
/// `change`, `share`, `rating_share` and `rate` claims may carry a `hedge` ("almost 8%") and
/// a `verbal` figure ("1 in 4", "doubled") instead of `stated` and `decimals` (format 2).
///
/// References name a figure by section and id: `counts.concerns`, `percentages.asked`,
/// `spend.total`, `populations.adults`; `counts.concerns.previous` is last year's count (as
/// published, or as an `absolute` change claim on the count implies it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// A unique id within the dataset (`requests-65-change`).
    pub id: String,
    /// What the claim asserts.
    pub kind: ClaimKind,
    /// The claim in the document's words ("an increase of 4.4%").
    pub text: String,
    /// The sentence the claim was quoted from.
    pub quote: String,
    /// Where the quote sits in the document's text (byte offsets), when the claim was
    /// extracted from a document or the analyst recorded it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    /// The number stated (negative for a stated decrease).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stated: Option<f64>,
    /// Decimal places the number was stated to (0 for "76%", 1 for "4.4%").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decimals: Option<i32>,
    /// `change`, `direction`: the figure that changed. `share` (format 2): the percentage
    /// the share states (`percentages.<id>`), so that last year's percentage follows from
    /// last year's numerator and denominator, and last year's numerator from last year's
    /// percentage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// `change`: the unit the change was stated in. `comparison` (format 2): `percent` when
    /// the stated figures are percentages (shown with "%").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<ChangeUnit>,
    /// `direction`: the direction stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    /// `share`, `rate`: the count on top.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numerator: Option<String>,
    /// `share`, `rate`: the count or population below.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<String>,
    /// `share` without a stated numerator: counts the document gives that might be it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<String>,
    /// `rate`: per how many (default 100,000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multiplier: Option<f64>,
    /// `rating_share`: the rating distribution (`ratings.<id>` or just `<id>`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ratings: Option<String>,
    /// `rating_share`: the categories on top (default Outstanding and Good).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub categories: Option<Vec<Rating>>,
    /// `rating_share`: the denominator rule, when the document states it (else both are tried).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<DenominatorRule>,
    /// `sum`: the breakdown (`breakdowns.<id>` or just `<id>`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breakdown: Option<String>,
    /// `stock_flow`: the stock and flow (`flows.<id>` or just `<id>`; format 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flow: Option<String>,
    /// `calculation`: the product or quotient (`calculations.<id>` or just `<id>`; format 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calculation: Option<String>,
    /// `cqc_rating`: the overall rating stated (`outstanding`, `good`,
    /// `requires_improvement`, `inadequate`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub band: Option<Rating>,
    /// The period the claim is about, when it differs from the dataset's (`2022/23`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// Format 2: the hedge written before the number ("almost", "just under", "more than");
    /// each word's meaning is in `account::hedge` and `docs/local-accounts.md`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hedge: Option<String>,
    /// Format 2: the number written in words ("1 in 4", "a third", "half", "doubled"); the
    /// claim then has no `stated` nor `decimals`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verbal: Option<String>,
    /// Format 2, `change` and `direction`: the earlier period the change is measured from,
    /// when not last year ("50.7% higher than 2018/19"); the subject's value for it is its
    /// `previous` (with that `previous_period`) or one of its `earlier` values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_period: Option<String>,
    /// Format 2, `comparison`: how the area stands against its comparator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relation: Option<Relation>,
    /// Format 2, `comparison`: the comparator as printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub benchmark: Option<Benchmark>,
    /// Format 2, `comparison`: the measure's polarity (`high_is_good`, `low_is_good`), for
    /// "better" and "worse" when the subject figure does not give one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub polarity: Option<Polarity>,
    /// Format 2, `restatement`: the other dataset file whose `subject` this figure restates
    /// (last year's Local Account, the CQC evidence), relative to this dataset's folder.
    /// Read by [`super::Dataset::read_restated`]; the claim is unchecked until it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dataset: Option<String>,
}
