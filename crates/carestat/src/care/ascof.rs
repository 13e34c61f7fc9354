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
//! 1C(1a)); lookups accept either form. Some ids name different measures in the two frameworks
//! (2D was the outcome of short-term services; from 2023-24 it is reablement after hospital):
//! [`measure`] refuses to guess between them and [`measure_in`] takes the framework.
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

    /// From a name: `"2022-23"`, `"old"`, `"to_2022_23"` or `"2023-24"`, `"new"`,
    /// `"from_2023_24"` (any case).
    ///
    /// ```
    /// use carestat::ascof::Framework;
    /// assert_eq!(Framework::from_name("2023-24")?, Framework::From2023_24);
    /// assert!(Framework::from_name("2019").is_err());
    /// # Ok::<(), carestat::Error>(())
    /// ```
    pub fn from_name(name: &str) -> Result<Self> {
        match name.trim().to_ascii_lowercase().as_str() {
            "2022-23" | "2022/23" | "old" | "to_2022_23" => Ok(Self::To2022_23),
            "2023-24" | "2023/24" | "new" | "from_2023_24" => Ok(Self::From2023_24),
            _ => Err(Error::Unknown {
                field: "framework".into(),
                kind: "ASCOF framework (\"2022-23\" or \"2023-24\")".into(),
                id: name.to_owned(),
            }),
        }
    }
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

/// An id in compact form: upper case, letters and digits only, without an `ASCOF` prefix.
///
/// ```
/// assert_eq!(carestat::ascof::normalise_id("ASCOF 1C(1a)"), "1C1A");
/// assert_eq!(carestat::ascof::normalise_id(" 2a(2) "), "2A2");
/// ```
#[must_use]
pub fn normalise_id(id: &str) -> String {
    let compact: String = id
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    compact
        .strip_prefix("ASCOF")
        .map_or(compact.clone(), str::to_owned)
}

fn unknown(id: &str, kind: &'static str) -> Error {
    Error::Unknown {
        field: "id".into(),
        kind: kind.into(),
        id: id.to_owned(),
    }
}

/// The measure with `id` in either framework.
///
/// Errors: [`Error::Unknown`] for an id in neither framework; [`Error::Invalid`] when the id
/// names a measure in both frameworks (1A, 2D, 4A...): use [`measure_in`] then.
///
/// ```
/// use carestat::ascof::{measure, Framework};
/// assert_eq!(measure("2A(2)")?.framework, Framework::To2022_23);
/// assert_eq!(measure("2c")?.framework, Framework::From2023_24);
/// assert!(measure("2D").is_err()); // in both frameworks, with different meanings
/// assert!(measure("9Z").is_err());
/// # Ok::<(), carestat::Error>(())
/// ```
pub fn measure(id: &str) -> Result<&'static Measure> {
    let key = normalise_id(id);
    let mut found = measures().iter().filter(|m| m.id == key);
    match (found.next(), found.next()) {
        (Some(m), None) => Ok(m),
        (None, _) => Err(unknown(id, "ASCOF measure")),
        (Some(a), Some(b)) => Err(Error::invalid(
            "id",
            format!(
                "`{id}` is a measure of both frameworks ({}: {}; {}: {}); name the framework",
                a.framework.describe(),
                a.name,
                b.framework.describe(),
                b.name
            ),
        )),
    }
}

/// The measure with `id` in `framework`.
///
/// ```
/// use carestat::ascof::{measure_in, Framework};
/// let new_2d = measure_in(Framework::From2023_24, "2D")?;
/// assert!(new_2d.name.contains("reablement"));
/// assert!(measure_in(Framework::To2022_23, "2E").is_err());
/// # Ok::<(), carestat::Error>(())
/// ```
pub fn measure_in(framework: Framework, id: &str) -> Result<&'static Measure> {
    let key = normalise_id(id);
    measures_in(framework).find(|m| m.id == key).ok_or_else(|| {
        unknown(
            id,
            match framework {
                Framework::To2022_23 => "ASCOF measure (framework up to 2022-23)",
                Framework::From2023_24 => "ASCOF measure (framework from 2023-24)",
            },
        )
    })
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
        measure_in(self.framework.other(), id).ok()
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
mod tests {
    use super::*;

    #[test]
    fn a_percentage_change_beyond_the_doubles_is_an_error() {
        // Found by the ffi_abi fuzz target: 90 from 2e-311 is a change of about 4.5e314 %.
        let m = measure("2A2").unwrap();
        assert!(m.compare(2e-311, 90.0).is_err());
        // 90 from 45 is +100%.
        assert_eq!(m.compare(45.0, 90.0).unwrap().percent_change, 100.0);
        // 1e300 admissions per 1e-300 people: an outcome beyond the doubles. 5 per 1,000 is
        // 500 per 100,000.
        assert!(m.outcome(1e300, 1e-300).is_err());
        assert_eq!(m.outcome(5.0, 1000.0).unwrap().value, 500.0);
    }

    #[test]
    fn catalogue_parses_and_is_consistent() {
        let catalogue: Catalogue = serde_json::from_str(CATALOGUE_JSON).unwrap();
        let all = catalogue.measures;
        assert_eq!(all.len(), measures().len());
        for m in &all {
            let what = format!("{} {}", m.framework.name(), m.id);
            assert_eq!(normalise_id(&m.label), m.id, "{what}: label and id differ");
            assert!(!m.name.is_empty() && !m.source.is_empty(), "{what}");
            // one id per framework
            assert_eq!(
                all.iter()
                    .filter(|o| o.id == m.id && o.framework == m.framework)
                    .count(),
                1,
                "{what} repeated"
            );
            let expected_multiplier = match m.unit {
                Unit::Percentage => 100.0,
                Unit::PerPopulation => 100_000.0,
                Unit::Score => 1.0,
            };
            assert_eq!(m.multiplier, expected_multiplier, "{what}");
            if m.unit == Unit::PerPopulation {
                assert!(
                    m.age_band.is_some(),
                    "{what}: a rate needs its population's age band"
                );
            }
            assert_eq!(
                m.max_score.is_some(),
                m.formula == Formula::MeanScore,
                "{what}"
            );
            // mapping and counterpart agree, and counterparts exist
            match m.mapping {
                Mapping::Same | Mapping::Changed => {
                    let other = m.counterpart_measure();
                    assert!(other.is_some(), "{what}: counterpart missing");
                }
                Mapping::Discontinued | Mapping::New => {
                    assert!(m.counterpart.is_none(), "{what}");
                }
            }
            if m.mapping == Mapping::Same {
                let other = m.counterpart_measure().unwrap();
                assert_eq!(other.counterpart.as_deref(), Some(m.id.as_str()), "{what}");
                assert_eq!(other.polarity, m.polarity, "{what}");
                assert_eq!(other.unit, m.unit, "{what}");
            }
            // a verified mapping needs both ends verified
            if m.mapping_certainty == Certainty::Verified {
                assert_eq!(m.certainty, Certainty::Verified, "{what}");
                if let Some(o) = m.counterpart_measure() {
                    assert_eq!(o.certainty, Certainty::Verified, "{what}");
                }
            }
        }
    }

    #[test]
    fn domain_section_6_mappings() {
        // DOMAIN.md section 6: new 2A = old 2D; new 2B = old 2A(1); new 2C = old 2A(2);
        // new 2D replaces old 2B; new 2E = old 1G widened; new 3D = old 1C.
        for (old, new) in [
            ("2D", "2A"),
            ("2A1", "2B"),
            ("2A2", "2C"),
            ("2B1", "2D"),
            ("2B2", "2D"),
            ("1G", "2E"),
            ("1C1A", "3D1A"),
            ("1C1B", "3D1B"),
            ("1C2A", "3D2A"),
            ("1C2B", "3D2B"),
        ] {
            let m = measure_in(Framework::To2022_23, old).unwrap();
            assert_eq!(m.counterpart.as_deref(), Some(new), "old {old}");
            assert_eq!(m.mapping_certainty, Certainty::Verified, "old {old}");
        }
        for id in ["2A1", "2A2", "2C1", "2C2", "2B", "2C"] {
            let m = measures().iter().find(|m| m.id == id).unwrap();
            assert_eq!(m.polarity, Polarity::LowIsGood, "{id}");
            assert_eq!(m.unit, Unit::PerPopulation, "{id}");
        }
    }

    #[test]
    fn every_other_measure_is_higher_is_better_except_turnover() {
        // DOMAIN.md section 6: all measures but the admissions and delayed transfers rates
        // are percentages or scores where higher is better (6A, staff turnover, is new and
        // lower is better).
        for m in measures() {
            if m.unit != Unit::PerPopulation && m.id != "6A" {
                assert_eq!(m.polarity, Polarity::HighIsGood, "{}", m.id);
            }
        }
    }
}
