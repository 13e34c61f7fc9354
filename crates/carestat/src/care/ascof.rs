//! The Adult Social Care Outcomes Framework (ASCOF) catalogue: every measure of the framework
//! used up to 2022-23 and of the refreshed framework from 2023-24, with its unit, multiplier,
//! polarity, published rounding, data source, old <-> new mapping and a source note.
//!
//! The catalogue is data, `crates/carestat/data/ascof.json`, embedded in the library with
//! `include_str!` and parsed once. JSON rather than a Rust table because it is reviewed and
//! updated by analysts each year, it diffs readably, and the C and Python layers (or anyone
//! else) can ship the very same file; a unit test guarantees that it parses.
//!
//! Each entry says how sure it is: [`Certainty::Verified`] entries were checked against the
//! source named in [`Measure::source`]; [`Certainty::Uncertain`] ones are recalled and must be
//! confirmed before they are relied on. Ids are written compactly (`2A2` for 2A(2), `1C1A` for
//! 1C(1a)); lookups accept either form, and refuse anything outside the grammar of
//! [`parse_id`] (control characters, unbalanced brackets). Many ids name different measures in
//! the two frameworks: a 2022-23 report's "2A" is permanent admissions (old 2A(1) and 2A(2),
//! lower is better), a 2023-24 report's "2A" is short-term support (higher is better).
//! [`measure`], [`group`] and [`compare`] refuse to guess between them until the framework is
//! named ([`measure_in`], or `Some(framework)`); an id that names several parts (old 2A) gives
//! a [`Group`], whose parts compare alike when they share unit and polarity.
//!
//! ```
//! use carestat::ascof;
//! use carestat::Judgement;
//! let m = ascof::measure("2A(2)")?;
//! assert_eq!(m.counterpart, Some("2C".to_owned()));
//! // Seed 000, Birmingham: 2A2 rose from 417.6 (2021-22) to 587.2 (2022-23) per 100,000
//! assert_eq!(m.compare(417.6, 587.2)?.judgement, Judgement::Worsened);
//! # Ok::<(), carestat::Error>(())
//! ```

use std::sync::OnceLock;

mod id;
mod lookup;

pub use id::parse_id;
pub use lookup::{compare, group, measure, measure_in, Group};

use crate::change::{judge_change, Judgement, Polarity};
use crate::error::{Error, Result};
use crate::estimate::{check_count, check_denominator, check_finite_or_nan};

/// The embedded catalogue, as JSON.
pub const CATALOGUE_JSON: &str = include_str!("../../data/ascof.json");

/// Which ASCOF framework a measure belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[repr(u32)]
pub enum Framework {
    /// The framework of 4 domains, used up to 2022-23.
    #[serde(rename = "to_2022_23")]
    To2022_23 = 0,
    /// The refreshed framework of 6 objectives, from 2023-24.
    #[serde(rename = "from_2023_24")]
    From2023_24 = 1,
}

impl Framework {
    /// A short name: `"2022-23"` (up to) or `"2023-24"` (from).
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::To2022_23 => "2022-23",
            Self::From2023_24 => "2023-24",
        }
    }

    /// A description: "ASCOF up to 2022-23" or "ASCOF from 2023-24".
    #[must_use]
    pub const fn describe(self) -> &'static str {
        match self {
            Self::To2022_23 => "ASCOF up to 2022-23",
            Self::From2023_24 => "ASCOF from 2023-24",
        }
    }

    /// The other framework.
    #[must_use]
    pub const fn other(self) -> Self {
        match self {
            Self::To2022_23 => Self::From2023_24,
            Self::From2023_24 => Self::To2022_23,
        }
    }

    /// From a name: `"old"`, `"to_2022_23"`, `"new"`, `"from_2023_24"` (any case), or a
    /// financial year `"YYYY-YY"` / `"YYYY/YY"` from 2011-12 (the first ASCOF year) to
    /// [`Framework::LAST_KNOWN_YEAR`]: up to 2022-23 the old framework, from 2023-24 the
    /// refreshed one. Later years are refused: the framework may change again.
    ///
    /// ```
    /// use carestat::ascof::Framework;
    /// assert_eq!(Framework::from_name("2023-24")?, Framework::From2023_24);
    /// assert_eq!(Framework::from_name("2024/25")?, Framework::From2023_24);
    /// assert_eq!(Framework::from_name("2021-22")?, Framework::To2022_23);
    /// assert!(Framework::from_name("2019").is_err());
    /// assert!(Framework::from_name("2022-24").is_err());
    /// # Ok::<(), carestat::Error>(())
    /// ```
    pub fn from_name(name: &str) -> Result<Self> {
        let n = name.trim().to_ascii_lowercase();
        match n.as_str() {
            "old" | "to_2022_23" => return Ok(Self::To2022_23),
            "new" | "from_2023_24" => return Ok(Self::From2023_24),
            _ => {}
        }
        let year = n
            .split_once(['-', '/'])
            .filter(|(a, b)| a.len() == 4 && b.len() == 2)
            .and_then(|(a, b)| Some((a.parse::<u32>().ok()?, b.parse::<u32>().ok()?)))
            .filter(|&(a, b)| (a + 1) % 100 == b && (2011..=Self::LAST_KNOWN_YEAR).contains(&a));
        match year {
            Some((start, _)) if start <= 2022 => Ok(Self::To2022_23),
            Some(_) => Ok(Self::From2023_24),
            None => Err(Error::Unknown {
                field: "framework".into(),
                kind:
                    "ASCOF framework (\"2022-23\", \"2023-24\" or a year from 2011-12 to 2026-27)"
                        .into(),
                id: name.escape_debug().to_string(),
            }),
        }
    }

    /// The start of the last financial year [`Framework::from_name`] accepts (2026-27).
    pub const LAST_KNOWN_YEAR: u32 = 2026;
}

/// What a measure's value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[repr(u32)]
pub enum Unit {
    /// A percentage (multiplier 100).
    Percentage = 0,
    /// A rate per 100,000 population of the age band in [`Measure::age_band`].
    PerPopulation = 1,
    /// A score: a mean out of [`Measure::max_score`], or a modelled score.
    Score = 2,
}

/// How a measure's outcome is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[repr(u32)]
pub enum Formula {
    /// `numerator / denominator × multiplier`.
    Ratio = 0,
    /// Sum of respondents' scores / respondents (multiplier 1).
    MeanScore = 1,
    /// Modelled from survey responses: not computable from a numerator and a denominator.
    Modelled = 2,
}

/// How sure the catalogue is of an entry or a mapping.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[repr(u32)]
pub enum Certainty {
    /// Checked against the source named in [`Measure::source`].
    Verified = 0,
    /// Recalled, not checked: confirm before relying on it.
    Uncertain = 1,
}

/// How a measure relates to the other framework.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[repr(u32)]
pub enum Mapping {
    /// The same definition, under [`Measure::counterpart`] (which may be the same id).
    Same = 0,
    /// A successor or predecessor whose definition or coverage changed (old 1G -> new 2E).
    Changed = 1,
    /// No successor in the refreshed framework.
    Discontinued = 2,
    /// No predecessor in the old framework.
    New = 3,
}

/// One ASCOF measure.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    /// Compact id, upper case, no brackets: `2A2`, `1C1A`, `3D2B`.
    pub id: String,
    /// The id as published: `2A(2)`, `1C(1a)`.
    pub label: String,
    /// The framework the measure belongs to.
    pub framework: Framework,
    /// Its domain (up to 2022-23) or objective (from 2023-24).
    pub objective: String,
    /// The measure's name.
    pub name: String,
    /// Percentage, rate per population or score.
    pub unit: Unit,
    /// The population's age band for a rate (`"18-64"`, `"65+"`), or the cohort's age band.
    pub age_band: Option<String>,
    /// The largest possible score (24 for 1A, 12 for 1D).
    pub max_score: Option<f64>,
    /// 100 for percentages, 100,000 for rates, 1 for scores.
    pub multiplier: f64,
    /// Decimal places of the published outcome (1; 3 for the adjusted quality of life score).
    pub decimals: u32,
    /// Which direction is good.
    pub polarity: Polarity,
    /// How the outcome is computed.
    pub formula: Formula,
    /// The data collection(s) it comes from.
    pub data_source: String,
    /// True for survey measures: England and regional values are weighted, not
    /// sum(numerators) / sum(denominators).
    pub weighted_aggregates: bool,
    /// How sure the catalogue is of the id and name.
    pub certainty: Certainty,
    /// How the measure relates to the other framework.
    pub mapping: Mapping,
    /// Its id in the other framework, when there is one.
    pub counterpart: Option<String>,
    /// How sure the catalogue is of the mapping.
    pub mapping_certainty: Certainty,
    /// Where the entry comes from.
    pub source: String,
    /// Anything else worth knowing.
    pub note: Option<String>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Catalogue {
    #[allow(dead_code)]
    about: String,
    measures: Vec<Measure>,
}

/// Every measure of both frameworks, the old framework first.
///
/// # Panics
/// Never in a released build: the embedded catalogue is parsed by a unit test.
///
/// ```
/// let all = carestat::ascof::measures();
/// assert!(all.iter().any(|m| m.id == "2A2"));
/// ```
pub fn measures() -> &'static [Measure] {
    static CATALOGUE: OnceLock<Vec<Measure>> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        serde_json::from_str::<Catalogue>(CATALOGUE_JSON)
            .expect("the embedded ASCOF catalogue parses (checked by a unit test)")
            .measures
    })
}

/// The measures of one framework, in catalogue order.
///
/// ```
/// use carestat::ascof::{measures_in, Framework};
/// assert!(measures_in(Framework::From2023_24).any(|m| m.id == "2E"));
/// ```
pub fn measures_in(framework: Framework) -> impl Iterator<Item = &'static Measure> {
    measures().iter().filter(move |m| m.framework == framework)
}

/// A measure's outcome: the unrounded value and the value as published.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Outcome {
    /// `numerator / denominator × multiplier`, unrounded (NaN when an input is missing).
    pub value: f64,
    /// The value rounded half away from zero to the measure's decimals, as published.
    pub published: f64,
    /// Decimal places of `published`.
    pub decimals: u32,
}

/// Two years of a measure compared.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct YearComparison {
    /// The earlier value.
    pub previous: f64,
    /// The later value.
    pub current: f64,
    /// `current - previous` in the measure's unit: percentage points for percentages, per
    /// 100,000 for rates, score points for scores.
    pub difference: f64,
    /// `(current - previous) / previous × 100`; NaN when `previous` is 0 (undefined) or a
    /// value is missing.
    pub percent_change: f64,
    /// Improved, worsened or no change, given the measure's polarity.
    pub judgement: Judgement,
}

impl Measure {
    /// The unit in words: `"%"`, `"per 100,000 population aged 65+"`, `"score out of 24"`.
    ///
    /// ```
    /// assert_eq!(carestat::ascof::measure("2A1")?.unit_label(), "per 100,000 population aged 18-64");
    /// # Ok::<(), carestat::Error>(())
    /// ```
    #[must_use]
    pub fn unit_label(&self) -> String {
        match (self.unit, self.max_score) {
            (Unit::Percentage, _) => "%".to_owned(),
            (Unit::PerPopulation, _) => match &self.age_band {
                Some(band) => format!("per 100,000 population aged {band}"),
                None => "per 100,000 population".to_owned(),
            },
            (Unit::Score, Some(max)) => format!("score out of {max}"),
            (Unit::Score, None) => "score".to_owned(),
        }
    }

    /// What a difference between two values is measured in.
    #[must_use]
    pub const fn difference_unit(&self) -> &'static str {
        match self.unit {
            Unit::Percentage => "percentage points",
            Unit::PerPopulation => "per 100,000",
            Unit::Score => "score points",
        }
    }

    /// The same measure in the other framework, when the catalogue knows it.
    ///
    /// ```
    /// let old = carestat::ascof::measure("1G")?;
    /// assert_eq!(old.counterpart_measure().unwrap().id, "2E");
    /// # Ok::<(), carestat::Error>(())
    /// ```
    #[must_use]
    pub fn counterpart_measure(&self) -> Option<&'static Measure> {
        let id = self.counterpart.as_deref()?;
        measures_in(self.framework.other()).find(|m| m.id == id)
    }

    /// The outcome from a numerator and a denominator, with the measure's multiplier and
    /// published rounding (half away from zero).
    ///
    /// Errors: a negative or infinite input, a denominator of zero or below, a numerator above
    /// its denominator for a percentage, a mean score above the maximum, or a modelled measure
    /// (1J / new 1C) that has no numerator and denominator. NaN inputs give a NaN outcome.
    ///
    /// ```
    /// let m = carestat::ascof::measure("2A2")?;
    /// // 1234 admissions of people aged 65+ in a population of 210,150: 587.199... per 100,000
    /// let o = m.outcome(1234.0, 210_150.0)?;
    /// assert_eq!(o.published, 587.2);
    /// # Ok::<(), carestat::Error>(())
    /// ```
    pub fn outcome(&self, numerator: f64, denominator: f64) -> Result<Outcome> {
        if self.formula == Formula::Modelled {
            return Err(Error::invalid(
                "id",
                format!(
                    "{} is modelled from survey responses; it has no numerator and denominator",
                    self.label
                ),
            ));
        }
        check_count("numerator", numerator)?;
        check_denominator("denominator", denominator)?;
        if numerator.is_nan() || denominator.is_nan() {
            return Ok(Outcome {
                value: f64::NAN,
                published: f64::NAN,
                decimals: self.decimals,
            });
        }
        if self.unit == Unit::Percentage && numerator > denominator {
            return Err(Error::NumeratorAboveDenominator {
                field: "numerator".into(),
                numerator,
                denominator,
            });
        }
        let value = numerator / denominator * self.multiplier;
        if value.is_infinite() {
            // 1e300 per 1e-300 people: beyond the doubles.
            return Err(Error::invalid(
                "numerator",
                "too large for its denominator: the outcome overflows a double",
            ));
        }
        if let Some(max) = self.max_score {
            if value > max {
                return Err(Error::OutOfRange {
                    field: "numerator".into(),
                    value,
                    expected: format!("a mean score of at most {max} for {}", self.label).into(),
                });
            }
        }
        Ok(Outcome {
            value,
            published: crate::round_half_away(value, i32::try_from(self.decimals).unwrap_or(15)),
            decimals: self.decimals,
        })
    }

    /// Compares two years' values with the measure's polarity: the difference in its unit
    /// (percentage points for percentages), the percentage change, and the judgement.
    ///
    /// Errors for negative or infinite values; NaN (missing) gives NaN differences and a
    /// [`Judgement::Missing`].
    ///
    /// ```
    /// use carestat::ascof::{measure_in, Framework};
    /// use carestat::Judgement;
    /// // Seed 000, Birmingham: 1B "Control over daily life" 69.8 (2021-22) -> 76.8 (2022-23)
    /// let c = measure_in(Framework::To2022_23, "1B")?.compare(69.8, 76.8)?;
    /// assert!((c.difference - 7.0).abs() < 1e-9);
    /// assert_eq!(c.judgement, Judgement::Improved);
    /// # Ok::<(), carestat::Error>(())
    /// ```
    pub fn compare(&self, previous: f64, current: f64) -> Result<YearComparison> {
        for (field, value) in [("previous", previous), ("current", current)] {
            check_finite_or_nan(field, value)?;
            if value < 0.0 {
                return Err(Error::Negative {
                    field: field.into(),
                    value,
                });
            }
        }
        let percent_change = if previous == 0.0 {
            f64::NAN
        } else {
            (current - previous) / previous * 100.0
        };
        if percent_change.is_infinite() {
            // A change from a tiny previous value (90 from 1e-311) is beyond the doubles.
            return Err(Error::invalid(
                "current",
                "too large: the percentage change overflows a double",
            ));
        }
        Ok(YearComparison {
            previous,
            current,
            difference: current - previous,
            percent_change,
            judgement: judge_change(previous, current, self.polarity),
        })
    }
}

#[cfg(test)]
mod tests;
