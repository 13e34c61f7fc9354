//! The Local Account dataset: a council's published figures for one period, as JSON.
//!
//! The format is versioned ([`FORMAT_VERSION`]); every object rejects unknown fields, counts
//! must be whole numbers not below zero, and every figure keeps the sentence it was quoted
//! from (`quote`) so a reader can find it in the document. Sections are maps keyed by an id
//! of the dataset's choosing (`counts.new_requests_65_plus`); claims refer to figures by
//! those dotted references.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::change::Polarity;
use crate::error::{Error, Field, Result};
use crate::ratings::RatingCounts;

use super::claims::Claim;

/// The version of the dataset format this crate writes. It reads every version from
/// [`OLDEST_FORMAT_VERSION`] to this one: version 2 is version 1 plus optional fields
/// (listed in `docs/local-accounts.md`), so a version-1 file reads, and audits, unchanged;
/// [`Dataset::upgrade`] marks it as version 2.
pub const FORMAT_VERSION: u32 = 2;

/// The oldest dataset format version this crate reads.
pub const OLDEST_FORMAT_VERSION: u32 = 1;

/// A council's published figures for one period, and the claims its document makes.
///
/// Read one with [`Dataset::from_json_str`] (which also [validates](Dataset::validate) it);
/// write one with [`Dataset::to_json_string`]. Reading then writing loses nothing.
///
/// ```
/// use carestat::account::Dataset;
/// let json = r#"{
///   "format_version": 1,
///   "area": {"name": "Example Council"},
///   "period": {"label": "2023/24", "start": "2023-04-01", "end": "2024-03-31"},
///   "counts": {"concerns": {"label": "Safeguarding concerns", "value": 4455,
///                           "quote": "4455 safeguarding concerns received"}}
/// }"#;
/// let ds = Dataset::from_json_str(json)?;
/// assert_eq!(ds.counts["concerns"].value, 4455);
/// assert_eq!(Dataset::from_json_str(&ds.to_json_string())?, ds);
/// # Ok::<(), carestat::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    /// [`OLDEST_FORMAT_VERSION`] to [`FORMAT_VERSION`]; fields new in version 2 need 2.
    pub format_version: u32,
    /// The council the figures are about.
    pub area: Area,
    /// The period the document reports on.
    pub period: Period,
    /// The published document the figures come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<Publication>,
    /// Population denominators, with their source year.
    #[serde(
        default,
        deserialize_with = "super::unique_keys::map",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub populations: BTreeMap<String, Population>,
    /// Counts of people, requests, placements, ..., with last year's value where published.
    #[serde(
        default,
        deserialize_with = "super::unique_keys::map",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub counts: BTreeMap<String, Count>,
    /// Published percentages (shares of people, of requests, ...).
    #[serde(
        default,
        deserialize_with = "super::unique_keys::map",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub percentages: BTreeMap<String, Percentage>,
    /// Spend totals (money figures).
    #[serde(
        default,
        deserialize_with = "super::unique_keys::map",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub spend: BTreeMap<String, Money>,
    /// Breakdowns of a total into parts (spend by service type, carers by age, ...).
    #[serde(
        default,
        deserialize_with = "super::unique_keys::map",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub breakdowns: BTreeMap<String, Breakdown>,
    /// Stocks and flows: opening + in - out = closing (waiting lists, reserves; format 2).
    #[serde(
        default,
        deserialize_with = "super::unique_keys::map",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub flows: BTreeMap<String, super::flow::Flow>,
    /// Products and quotients: tax base x Band D, spend per head (format 2).
    #[serde(
        default,
        deserialize_with = "super::unique_keys::map",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub calculations: BTreeMap<String, super::calculation::Calculation>,
    /// Provider quality rating distributions.
    #[serde(
        default,
        deserialize_with = "super::unique_keys::map",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub ratings: BTreeMap<String, RatingDistribution>,
    /// ASCOF scores, in the document's order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ascof: Vec<AscofScore>,
    /// The CQC local authority assessment scores the document publishes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cqc: Option<CqcAssessment>,
    /// The claims the document makes about its figures, in the document's order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<Claim>,
    /// Free-text notes by whoever encoded the document (quirks, omissions).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// The other dataset files that `restatement` claims name (their `dataset`), by that
    /// name, as [`Dataset::read_restated`] read them. Not part of the JSON: empty until read.
    #[serde(skip)]
    pub restated: BTreeMap<String, Dataset>,
}

/// The council (or other area) the figures are about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    /// The council's name, e.g. `Birmingham City Council`.
    pub name: String,
    /// The ONS area code, e.g. `E08000025`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// A reporting period: a financial year `2022/23` from 1 April to 31 March, or a calendar
/// year `2021`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// `YYYY/YY` for a financial year or `YYYY` for a calendar year.
    pub label: String,
    /// First day, `YYYY-MM-DD`.
    pub start: String,
    /// Last day, `YYYY-MM-DD`; after `start`.
    pub end: String,
}

/// The published document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Publication {
    /// Its title.
    pub title: String,
    /// Where it was published, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Any other reference (a file name, a committee paper number).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

/// A population denominator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Population {
    /// What it counts, e.g. `Adult population (18+)`.
    pub label: String,
    /// The population; greater than zero.
    #[serde(deserialize_with = "de_count")]
    pub value: u64,
    /// Age band, e.g. `18+`, `18-64`, `65+`.
    pub age_band: String,
    /// The year the estimate is for (2021 for Census 2021 or the ONS mid-2021 estimate);
    /// `null` when the document does not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// Where the estimate comes from, when the document says (e.g. `Census 2021`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The sentence the figure was quoted from.
    pub quote: String,
}

/// A count, with last year's count where the document publishes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Count {
    /// What is counted.
    pub label: String,
    /// The count; a whole number, not negative.
    #[serde(deserialize_with = "de_count")]
    pub value: u64,
    /// Last period's count, when published.
    #[serde(
        default,
        deserialize_with = "de_opt_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub previous: Option<u64>,
    /// Whether a rise is good, bad or neither (default: no judgement).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub polarity: Option<Polarity>,
    /// A population (`populations.<id>`) to express the count per 100,000 in the report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<String>,
    /// The period, when it differs from the dataset's (`2021/22`, `2021`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// The count this one is part of (`counts.<id>`): "217 young people waiting ..., of
    /// which 114 had been waiting for more than 90 days". The report gives the share with its
    /// Wilson interval, and says so when the part exceeds the whole.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_of: Option<String>,
    /// Format 2: the period `previous` is for, when the document names it (`2022/23`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_period: Option<String>,
    /// Format 2: counts for earlier named periods ("50.7% higher than 2018/19").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub earlier: Vec<EarlierCount>,
    /// The sentence the figure was quoted from.
    pub quote: String,
}

/// A count in an earlier named period ("compared to 2,315 in 2018/19").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EarlierCount {
    /// The period, `YYYY/YY` or `YYYY`; before the count's own.
    pub period: String,
    /// The count; a whole number, not negative.
    #[serde(deserialize_with = "de_count")]
    pub value: u64,
    /// The sentence it was quoted from, when not the count's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
}

/// A figure's value in an earlier named period ("compared to 2,315 in 2018/19"), with the
/// decimals it was printed to (none for a count).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Earlier {
    /// The period, `YYYY/YY` or `YYYY`; before the figure's own.
    pub period: String,
    /// The value as printed, in the figure's unit.
    pub value: f64,
    /// Decimal places it was printed to (default: the figure's own; counts have none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decimals: Option<i32>,
    /// The sentence it was quoted from, when not the figure's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
}

/// A published percentage (0 to 100), with the decimals it was stated to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Percentage {
    /// What it is a percentage of.
    pub label: String,
    /// The percentage as stated (76 for "76%").
    pub value: f64,
    /// Decimal places it was stated to (0 for "76%").
    pub decimals: i32,
    /// Last period's percentage, when published (to the same decimals unless
    /// `previous_decimals` says otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<f64>,
    /// Whether a rise is good, bad or neither (default: no judgement).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub polarity: Option<Polarity>,
    /// The period, when it differs from the dataset's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// Format 2: the decimals `previous` was printed to, when not `decimals` ("77% last
    /// year" beside "81.3%").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_decimals: Option<i32>,
    /// Format 2: the period `previous` is for, when the document names it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_period: Option<String>,
    /// Format 2: values for earlier named periods.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub earlier: Vec<Earlier>,
    /// The sentence the figure was quoted from.
    pub quote: String,
}

/// The unit of a money figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MoneyUnit {
    /// Pounds.
    Gbp,
    /// Thousands of pounds (GBP'000 tables).
    GbpThousands,
    /// Millions of pounds ("GBP 326.4m").
    GbpMillions,
    /// Billions of pounds ("GBP 16.5bn").
    GbpBillions,
}

impl MoneyUnit {
    /// A short label: `GBP`, `GBP k`, `GBP m`, `GBP bn`.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::Gbp => "GBP",
            Self::GbpThousands => "GBP k",
            Self::GbpMillions => "GBP m",
            Self::GbpBillions => "GBP bn",
        }
    }
}

/// A money figure (a spend total), with the decimals it was stated to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Money {
    /// What was spent on.
    pub label: String,
    /// The amount as stated, in `unit` (326.4 for "GBP 326.4m").
    pub value: f64,
    /// The unit of `value` and `previous`.
    pub unit: MoneyUnit,
    /// Decimal places it was stated to (1 for "GBP 326.4m").
    pub decimals: i32,
    /// Last period's amount, when published (to the same decimals unless
    /// `previous_decimals` says otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<f64>,
    /// Whether a rise is good, bad or neither (default: no judgement).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub polarity: Option<Polarity>,
    /// Format 2: the decimals `previous` was printed to, when not `decimals` ("GBP 272m"
    /// beside "GBP 309.4m").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_decimals: Option<i32>,
    /// Format 2: the period `previous` is for, when the document names it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_period: Option<String>,
    /// Format 2: values for earlier named periods.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub earlier: Vec<Earlier>,
    /// The sentence the figure was quoted from.
    pub quote: String,
}

pub use super::breakdown::{Breakdown, Part, PartKind};

/// Locations by quality rating, with the scheme the document uses.
///
/// Councils' own schemes map onto CQC's categories (Birmingham: Gold = Outstanding,
/// Silver = Good, Bronze = Requires improvement); `scheme` records the mapping. A count the
/// document leaves between Inadequate and not rated ("1 provider are not yet rated or are
/// inadequate") goes in `inadequate_or_not_rated`; the audit tries both readings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RatingDistribution {
    /// The service, e.g. `Care homes`.
    pub label: String,
    /// The rating scheme and how it maps onto CQC's, when not CQC's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheme: Option<String>,
    /// Locations rated Outstanding (or the local equivalent).
    #[serde(deserialize_with = "de_count")]
    pub outstanding: u64,
    /// Locations rated Good.
    #[serde(deserialize_with = "de_count")]
    pub good: u64,
    /// Locations rated Requires improvement.
    #[serde(deserialize_with = "de_count")]
    pub requires_improvement: u64,
    /// Locations rated Inadequate.
    #[serde(deserialize_with = "de_count")]
    pub inadequate: u64,
    /// Locations without a published rating.
    #[serde(
        default,
        deserialize_with = "de_count",
        skip_serializing_if = "is_zero"
    )]
    pub not_rated: u64,
    /// Locations the document puts in "Inadequate or not yet rated" together.
    #[serde(
        default,
        deserialize_with = "de_count",
        skip_serializing_if = "is_zero"
    )]
    pub inadequate_or_not_rated: u64,
    /// The sentences the counts were quoted from.
    pub quote: String,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl RatingDistribution {
    /// The largest `inadequate_or_not_rated` a dataset may give: the audit tries every split
    /// of it ([`readings`](Self::readings)), so a larger count is an error in
    /// [`Dataset::validate`] (`OutOfRange`), not an allocation without bound. Documents
    /// lump a handful of locations together, not thousands.
    pub const MAX_INADEQUATE_OR_NOT_RATED: u64 = 1_000;

    /// Every way of reading the counts: one [`RatingCounts`] when nothing is ambiguous, else
    /// one per split of `inadequate_or_not_rated` between Inadequate and not rated (from all
    /// Inadequate to all not rated). Sums beyond `u64::MAX` saturate. There are
    /// `inadequate_or_not_rated + 1` readings: validate the dataset first, which limits it to
    /// [`MAX_INADEQUATE_OR_NOT_RATED`](Self::MAX_INADEQUATE_OR_NOT_RATED).
    ///
    /// ```
    /// use carestat::account::RatingDistribution;
    /// let d: RatingDistribution = serde_json::from_str(r#"{"label": "Home support",
    ///   "outstanding": 0, "good": 70, "requires_improvement": 12, "inadequate": 0,
    ///   "inadequate_or_not_rated": 1, "quote": ""}"#).unwrap();
    /// let readings = d.readings();
    /// assert_eq!(readings.len(), 2);
    /// assert_eq!((readings[0].inadequate, readings[0].not_rated), (1, 0));
    /// assert_eq!((readings[1].inadequate, readings[1].not_rated), (0, 1));
    /// ```
    #[must_use]
    pub fn readings(&self) -> Vec<RatingCounts> {
        (0..=self.inadequate_or_not_rated)
            .map(|j| self.reading(j))
            .collect()
    }

    /// Reading `j` of [`readings`](Self::readings) without building the others: `j` of the
    /// `inadequate_or_not_rated` counted as not rated, the rest as Inadequate (`j` above the
    /// count is taken as the count). Sums beyond `u64::MAX` saturate.
    ///
    /// ```
    /// use carestat::account::RatingDistribution;
    /// let d: RatingDistribution = serde_json::from_str(r#"{"label": "Home support",
    ///   "outstanding": 0, "good": 70, "requires_improvement": 12, "inadequate": 0,
    ///   "inadequate_or_not_rated": 3, "quote": ""}"#).unwrap();
    /// let r = d.reading(1);
    /// assert_eq!((r.inadequate, r.not_rated), (2, 1));
    /// assert_eq!(d.reading(1), d.readings()[1]);
    /// ```
    #[must_use]
    pub const fn reading(&self, j: u64) -> RatingCounts {
        let n = self.inadequate_or_not_rated;
        let j = if j < n { j } else { n };
        RatingCounts::new(
            self.outstanding,
            self.good,
            self.requires_improvement,
            self.inadequate.saturating_add(n - j),
            self.not_rated.saturating_add(j),
        )
    }
}

/// The unit of an ASCOF score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AscofUnit {
    /// A percentage: year-on-year change is in percentage points.
    Percent,
    /// A rate per 100,000 population: change is relative.
    Per100k,
    /// A score (quality of life out of 24, adjusted score): change is relative.
    Score,
}

impl AscofUnit {
    /// A short label: `%`, `per 100,000`, `score`.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::Percent => "%",
            Self::Per100k => "per 100,000",
            Self::Score => "score",
        }
    }
}

/// One ASCOF score as the document publishes it.
///
/// The unit and polarity are recorded here, per score, with the measure id as the document
/// writes it (`2A2`, `1C2A`). An id that names measures in both ASCOF frameworks (`2A`, `2D`,
/// `1A`...) needs `framework`: the document's period is not enough, as a 2023-24 Local Account
/// often publishes the 2022-23 scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AscofScore {
    /// The measure id as the document writes it (the grammar of [`crate::ascof::parse_id`]).
    pub measure: String,
    /// The ASCOF framework or year the score belongs to (`"2022-23"`, `"2024-25"`, see
    /// [`crate::ascof::Framework::from_name`]); needed when the id names measures in both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub framework: Option<String>,
    /// The measure's name as the document writes it.
    pub name: String,
    /// This period's score.
    pub value: f64,
    /// Last period's score, when published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<f64>,
    /// The unit of the score.
    pub unit: AscofUnit,
    /// Whether higher or lower is better.
    pub polarity: Polarity,
    /// The row the score was quoted from.
    pub quote: String,
}

/// The CQC local authority assessment as a document publishes it: the quality statement
/// scores it gives (often only some of the 9) and the band rule to read them by.
///
/// The overall rating the document states is a `cqc_rating` claim; the audit checks it
/// against these scores, treating every statement not listed as assessed with an unpublished
/// score ([`crate::cqc::Scores::possible_ratings`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CqcAssessment {
    /// Scores by quality statement. Keys name the statement by its key
    /// (`governance_management_and_sustainability`), its name or its number (`"8"`).
    #[serde(deserialize_with = "super::unique_keys::map")]
    pub statements: BTreeMap<String, StatementScore>,
    /// How a total between two bands is banded (default `lower_band`, see
    /// [`crate::cqc::BandRule`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub band_rule: Option<crate::cqc::BandRule>,
}

/// One quality statement's published score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatementScore {
    /// The score, 1 to 4.
    pub score: u8,
    /// The sentence the score was quoted from.
    pub quote: String,
}

impl CqcAssessment {
    /// The published scores as [`crate::cqc::Scores`] (statements not listed are `None`).
    /// Errors name the JSON path (`cqc.statements.governance.score`) of an unknown statement,
    /// a statement listed twice or a score outside 1-4.
    pub fn scores(&self) -> Result<crate::cqc::Scores> {
        let mut scores = crate::cqc::Scores::new();
        for (key, s) in &self.statements {
            let path = format!("cqc.statements.{key}");
            let statement =
                crate::cqc::QualityStatement::from_name(key).map_err(|_| Error::Unknown {
                    field: Field::owned(path.clone()),
                    kind: "CQC quality statement".into(),
                    id: key.clone(),
                })?;
            if scores.get(statement).is_some() {
                return Err(Error::invalid(
                    Field::owned(path),
                    format!(
                        "statement {} ({}) is listed twice",
                        statement.number(),
                        statement.name()
                    ),
                ));
            }
            scores
                .set(statement, Some(i64::from(s.score)))
                .map_err(|_| Error::OutOfRange {
                    field: Field::owned(format!("{path}.score")),
                    value: f64::from(s.score),
                    expected: "a score from 1 to 4".into(),
                })?;
        }
        Ok(scores)
    }
}

impl Dataset {
    /// Reads a dataset from JSON text and validates it.
    ///
    /// Errors name the JSON path of the bad value (`ratings.care_homes.good`,
    /// `claims[3].stated`), or `.` for the document as a whole.
    ///
    /// ```
    /// let e = carestat::account::Dataset::from_json_str(r#"{"format_version": 1, "area": {"name": "X"},
    ///   "period": {"label": "2023/24", "start": "2023-04-01", "end": "2024-03-31"},
    ///   "ratings": {"care_homes": {"label": "Care homes", "outstanding": 1, "good": -2,
    ///     "requires_improvement": 0, "inadequate": 0, "quote": ""}}}"#).unwrap_err();
    /// assert!(e.to_string().starts_with("ratings.care_homes.good: must not be negative"));
    /// ```
    pub fn from_json_str(json: &str) -> Result<Self> {
        let de = &mut serde_json::Deserializer::from_str(json);
        let ds: Self = serde_path_to_error::deserialize(&mut *de).map_err(path_error)?;
        // Only whitespace may follow the document (`{...} x` is not a dataset).
        de.end().map_err(|e| Error::Invalid {
            field: Field::new("."),
            reason: e.to_string().into(),
        })?;
        ds.validate()?;
        Ok(ds)
    }

    /// Reads a dataset from a parsed JSON value (as the Python binding receives a dict) and
    /// validates it.
    pub fn from_json_value(value: serde_json::Value) -> Result<Self> {
        let ds: Self = serde_path_to_error::deserialize(value).map_err(path_error)?;
        ds.validate()?;
        Ok(ds)
    }

    /// Marks the dataset as the current [`FORMAT_VERSION`], changing nothing else: every
    /// version-1 dataset is a valid version-2 dataset with the same findings.
    ///
    /// ```
    /// use carestat::account::{Dataset, FORMAT_VERSION};
    /// let mut ds = Dataset::from_json_str(r#"{"format_version": 1, "area": {"name": "X"},
    ///   "period": {"label": "2023/24", "start": "2023-04-01", "end": "2024-03-31"}}"#)?;
    /// ds.upgrade();
    /// assert_eq!(ds.format_version, FORMAT_VERSION);
    /// assert!(ds.to_json_string().contains("\"format_version\": 2"));
    /// # Ok::<(), carestat::Error>(())
    /// ```
    pub fn upgrade(&mut self) {
        self.format_version = FORMAT_VERSION;
    }

    /// Writes the dataset as pretty-printed JSON (two-space indent).
    ///
    /// # Panics
    /// Never: every field serialises (non-finite numbers are rejected by validation and
    /// written as `null` by `serde_json` anyway).
    #[must_use]
    pub fn to_json_string(&self) -> String {
        serde_json::to_string_pretty(self).expect("a dataset always serialises")
    }
}

/// Turns a serde error with its path into a carestat error naming the path.
fn path_error(e: serde_path_to_error::Error<serde_json::Error>) -> Error {
    let mut path = e.path().to_string();
    if path.is_empty() {
        // An empty key at the top level (`{"": 1}`): the error is about the document itself.
        path.push('.');
    }
    let inner = e.into_inner();
    // serde_json puts "at line L column C" after the message; keep it (it locates syntax
    // errors), but drop the noise of the `Classify::Data` prefix serde adds.
    let reason = inner.to_string();
    Error::Invalid {
        field: Field::owned(path),
        reason: reason.into(),
    }
}

/// Deserialises a count: a whole number not below zero (`3912` or `3912.0`).
fn de_count<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<u64, D::Error> {
    d.deserialize_any(CountVisitor)
}

#[allow(clippy::unnecessary_wraps)] // serde's deserialize_with needs this signature
fn de_opt_count<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<u64>, D::Error> {
    d.deserialize_option(OptCountVisitor)
}

struct CountVisitor;

impl serde::de::Visitor<'_> for CountVisitor {
    type Value = u64;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a count: a whole number, not negative")
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> std::result::Result<u64, E> {
        Ok(v)
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> std::result::Result<u64, E> {
        u64::try_from(v).map_err(|_| E::custom(format!("must not be negative (got {v})")))
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> std::result::Result<u64, E> {
        if v < 0.0 {
            Err(E::custom(format!("must not be negative (got {v})")))
        } else if v.fract() != 0.0 || v > 9.0e15 {
            Err(E::custom(format!("must be a whole number (got {v})")))
        } else {
            Ok(v as u64)
        }
    }
}

struct OptCountVisitor;

impl<'de> serde::de::Visitor<'de> for OptCountVisitor {
    type Value = Option<u64>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a count or null")
    }

    fn visit_none<E: serde::de::Error>(self) -> std::result::Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: serde::de::Error>(self) -> std::result::Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: serde::Deserializer<'de>>(
        self,
        d: D,
    ) -> std::result::Result<Self::Value, D::Error> {
        de_count(d).map(Some)
    }
}
