//! CQC assessment of local authorities (from 2023): 9 quality statements in 4 themes, each
//! scored 1-4, an overall percentage and a rating band.
//!
//! * Scores: 4 exceptional standard, 3 good standard, 2 some shortfalls, 1 significant
//!   shortfalls (seed 003: Governance scored "3 - Evidence shows a good standard"). A statement
//!   may be *not assessed*; a score outside 1-4 is an error naming the statement.
//! * Overall: all statements weigh the same; percentage = sum of scores / (4 × statements
//!   assessed) × 100.
//! * Bands: 25-38% Inadequate, 39-62% Requires improvement, 63-87% Good, 88% and above
//!   Outstanding.
//!
//! CQC does not say how a fractional percentage that falls *between* two bands (above 38 and
//! below 39, say) is treated, so that rule is a parameter, [`BandRule`], and every result says
//! whether its total sat in such a gap ([`CqcRating::ambiguous`]). With 9 statements only a
//! total of 14 (38.9%) does; with 8 statements, totals of 20 (62.5%) and 28 (87.5%) do.
//!
//! Theme percentages are not a CQC output: [`Scores::theme_percentages`] offers them, labelled
//! as derived.
//!
//! ```
//! use carestat::cqc::{Scores, BandRule};
//! use carestat::ratings::Rating;
//! let r = Scores::from_slice(&[3; 9])?.rate(BandRule::default())?;
//! assert_eq!((r.percentage, r.rating), (75.0, Rating::Good));
//! # Ok::<(), carestat::Error>(())
//! ```

use crate::error::{Error, Field, Result};
use crate::ratings::Rating;

/// The lowest and highest score of a quality statement.
pub const SCORE_RANGE: std::ops::RangeInclusive<u8> = 1..=4;

/// One of CQC's four assessment themes for local authorities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[repr(u32)]
pub enum Theme {
    /// Theme 1: Working with people (statements 1-3).
    WorkingWithPeople = 1,
    /// Theme 2: Providing support (statements 4-5).
    ProvidingSupport = 2,
    /// Theme 3: Ensuring safety within the system (statements 6-7).
    EnsuringSafety = 3,
    /// Theme 4: Leadership (statements 8-9).
    Leadership = 4,
}

impl Theme {
    /// The four themes in CQC's order.
    pub const ALL: [Self; 4] = [
        Self::WorkingWithPeople,
        Self::ProvidingSupport,
        Self::EnsuringSafety,
        Self::Leadership,
    ];

    /// The theme's number, 1-4.
    #[must_use]
    pub const fn number(self) -> u32 {
        self as u32
    }

    /// The theme's name as CQC writes it.
    ///
    /// ```
    /// assert_eq!(carestat::cqc::Theme::EnsuringSafety.name(), "Ensuring safety within the system");
    /// ```
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::WorkingWithPeople => "Working with people",
            Self::ProvidingSupport => "Providing support",
            Self::EnsuringSafety => "Ensuring safety within the system",
            Self::Leadership => "Leadership",
        }
    }

    /// The quality statements of this theme.
    ///
    /// ```
    /// use carestat::cqc::{QualityStatement, Theme};
    /// assert_eq!(Theme::Leadership.statements().collect::<Vec<_>>(),
    ///            [QualityStatement::Governance, QualityStatement::Learning]);
    /// ```
    pub fn statements(self) -> impl Iterator<Item = QualityStatement> {
        QualityStatement::ALL
            .into_iter()
            .filter(move |s| s.theme() == self)
    }
}

/// One of the 9 quality statements of the local authority assessment, numbered 1-9 in CQC's
/// order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[repr(u32)]
pub enum QualityStatement {
    /// 1 Assessing needs.
    AssessingNeeds = 1,
    /// 2 Supporting people to live healthier lives.
    HealthierLives = 2,
    /// 3 Equity in experiences and outcomes.
    Equity = 3,
    /// 4 Care provision, integration and continuity.
    CareProvision = 4,
    /// 5 Partnerships and communities.
    Partnerships = 5,
    /// 6 Safe systems, pathways and transitions.
    SafeSystems = 6,
    /// 7 Safeguarding.
    Safeguarding = 7,
    /// 8 Governance, management and sustainability.
    Governance = 8,
    /// 9 Learning, improvement and innovation.
    Learning = 9,
}

impl QualityStatement {
    /// The 9 statements in CQC's order.
    pub const ALL: [Self; 9] = [
        Self::AssessingNeeds,
        Self::HealthierLives,
        Self::Equity,
        Self::CareProvision,
        Self::Partnerships,
        Self::SafeSystems,
        Self::Safeguarding,
        Self::Governance,
        Self::Learning,
    ];

    /// The statement's number, 1-9.
    #[must_use]
    pub const fn number(self) -> u32 {
        self as u32
    }

    /// The statement's name as CQC writes it.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::AssessingNeeds => "Assessing needs",
            Self::HealthierLives => "Supporting people to live healthier lives",
            Self::Equity => "Equity in experiences and outcomes",
            Self::CareProvision => "Care provision, integration and continuity",
            Self::Partnerships => "Partnerships and communities",
            Self::SafeSystems => "Safe systems, pathways and transitions",
            Self::Safeguarding => "Safeguarding",
            Self::Governance => "Governance, management and sustainability",
            Self::Learning => "Learning, improvement and innovation",
        }
    }

    /// The name as a snake-case key (`"assessing_needs"`, `"safe_systems_pathways_and_transitions"`),
    /// as used for mapping keys in Python and JSON.
    ///
    /// ```
    /// use carestat::cqc::QualityStatement;
    /// assert_eq!(QualityStatement::Governance.key(), "governance_management_and_sustainability");
    /// ```
    #[must_use]
    pub fn key(self) -> String {
        normalise(self.name())
    }

    /// The theme the statement belongs to.
    #[must_use]
    pub const fn theme(self) -> Theme {
        match self {
            Self::AssessingNeeds | Self::HealthierLives | Self::Equity => Theme::WorkingWithPeople,
            Self::CareProvision | Self::Partnerships => Theme::ProvidingSupport,
            Self::SafeSystems | Self::Safeguarding => Theme::EnsuringSafety,
            Self::Governance | Self::Learning => Theme::Leadership,
        }
    }

    /// The statement with number `n` (1-9).
    ///
    /// ```
    /// use carestat::cqc::QualityStatement;
    /// assert_eq!(QualityStatement::from_number(7)?, QualityStatement::Safeguarding);
    /// assert!(QualityStatement::from_number(10).is_err());
    /// # Ok::<(), carestat::Error>(())
    /// ```
    pub fn from_number(n: i64) -> Result<Self> {
        usize::try_from(n)
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| Self::ALL.get(i).copied())
            .ok_or_else(|| Error::OutOfRange {
                field: "statement".into(),
                value: n as f64,
                expected: "a quality statement number from 1 to 9".into(),
            })
    }

    /// The statement named by its number (`"7"`), its name in any case and punctuation
    /// (`"Safe systems, pathways and transitions"`) or its key (`"safeguarding"`).
    ///
    /// ```
    /// use carestat::cqc::QualityStatement;
    /// assert_eq!(QualityStatement::from_name("GOVERNANCE, management and sustainability")?,
    ///            QualityStatement::Governance);
    /// assert_eq!(QualityStatement::from_name("2")?, QualityStatement::HealthierLives);
    /// assert!(QualityStatement::from_name("Safety").is_err());
    /// # Ok::<(), carestat::Error>(())
    /// ```
    pub fn from_name(name: &str) -> Result<Self> {
        let trimmed = name.trim();
        if let Ok(n) = trimmed.parse::<i64>() {
            return Self::from_number(n);
        }
        let key = normalise(trimmed);
        Self::ALL
            .into_iter()
            .find(|s| s.key() == key)
            .ok_or_else(|| Error::Unknown {
                field: "statement".into(),
                kind: "CQC quality statement".into(),
                id: name.to_owned(),
            })
    }

    fn field(self) -> Field {
        Field::owned(format!("statement {} ({})", self.number(), self.name()))
    }
}

/// Lower case, runs of anything but letters and digits become one `_`, no `_` at the ends.
fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    while out.ends_with('_') {
        out.pop();
    }
    out
}

/// CQC's words for a statement score: 4 "Evidence shows an exceptional standard", 3 "...a good
/// standard", 2 "...some shortfalls", 1 "...significant shortfalls".
///
/// ```
/// assert_eq!(carestat::cqc::score_label(3)?, "Evidence shows a good standard");
/// assert!(carestat::cqc::score_label(5).is_err());
/// # Ok::<(), carestat::Error>(())
/// ```
pub fn score_label(score: i64) -> Result<&'static str> {
    match score {
        4 => Ok("Evidence shows an exceptional standard"),
        3 => Ok("Evidence shows a good standard"),
        2 => Ok("Evidence shows some shortfalls"),
        1 => Ok("Evidence shows significant shortfalls"),
        other => Err(Error::OutOfRange {
            field: "score".into(),
            value: other as f64,
            expected: "a score from 1 to 4".into(),
        }),
    }
}

/// How a percentage that falls between two bands (strictly between 38 and 39, 62 and 63, or 87
/// and 88) is banded. CQC does not state it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[repr(u32)]
pub enum BandRule {
    /// The default: a band is awarded only once its stated lower bound is reached, so 38.9% is
    /// Inadequate and 87.5% is Good. This is the literal reading of "88% and above
    /// Outstanding", applied to every band.
    #[default]
    LowerBand = 0,
    /// Round the percentage to a whole number (half away from zero) first: 38.9% -> 39%
    /// Requires improvement, 87.5% -> 88% Outstanding.
    Nearest = 1,
    /// Anything above a band's stated upper bound moves up: 38.1% is Requires improvement.
    UpperBand = 2,
}

impl BandRule {
    /// The rules in code order.
    pub const ALL: [Self; 3] = [Self::LowerBand, Self::Nearest, Self::UpperBand];

    /// The rule's name as written in JSON and Python: `lower_band`, `nearest`, `upper_band`.
    ///
    /// ```
    /// use carestat::cqc::BandRule;
    /// assert_eq!(BandRule::UpperBand.name(), "upper_band");
    /// assert_eq!(BandRule::from_name("nearest"), Some(BandRule::Nearest));
    /// ```
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::LowerBand => "lower_band",
            Self::Nearest => "nearest",
            Self::UpperBand => "upper_band",
        }
    }

    /// The rule named `name` ([`BandRule::name`]), if any.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.name() == name)
    }

    /// The rule from its numeric code (0 lower band, 1 nearest, 2 upper band).
    ///
    /// ```
    /// use carestat::cqc::BandRule;
    /// assert_eq!(BandRule::from_code(1)?, BandRule::Nearest);
    /// assert!(BandRule::from_code(3).is_err());
    /// # Ok::<(), carestat::Error>(())
    /// ```
    pub fn from_code(code: i64) -> Result<Self> {
        match code {
            0 => Ok(Self::LowerBand),
            1 => Ok(Self::Nearest),
            2 => Ok(Self::UpperBand),
            other => Err(Error::OutOfRange {
                field: "band_rule".into(),
                value: other as f64,
                expected: "0 (lower band), 1 (nearest), 2 (upper band)".into(),
            }),
        }
    }
}

/// The band of a total of `total` out of `4 × assessed`, computed on integers so that 87.5% is
/// exactly 87.5%.
fn band_of_total(total: u32, assessed: u32, rule: BandRule) -> Rating {
    // percentage = 100 t / (4 n) = 25 t / n; compare 25 t with p n for each threshold p.
    let (t, n) = (u64::from(total) * 25, u64::from(assessed));
    match rule {
        BandRule::LowerBand => band_from_lower_bounds(|p| t >= p * n),
        BandRule::UpperBand => band_from_lower_bounds(|p| t > (p - 1) * n),
        BandRule::Nearest => {
            // whole percent, half away from zero: floor(25 t / n + 1/2) = floor((50 t + n) / 2n)
            let whole = (2 * t + n) / (2 * n);
            band_from_lower_bounds(|p| whole >= p)
        }
    }
}

fn band_from_lower_bounds(reaches: impl Fn(u64) -> bool) -> Rating {
    if reaches(88) {
        Rating::Outstanding
    } else if reaches(63) {
        Rating::Good
    } else if reaches(39) {
        Rating::RequiresImprovement
    } else {
        Rating::Inadequate
    }
}

/// The band of an overall percentage (25-100) under `rule`.
///
/// ```
/// use carestat::cqc::{band, BandRule};
/// use carestat::ratings::Rating;
/// assert_eq!(band(38.9, BandRule::LowerBand)?, Rating::Inadequate);
/// assert_eq!(band(38.9, BandRule::Nearest)?, Rating::RequiresImprovement);
/// assert_eq!(band(88.0, BandRule::LowerBand)?, Rating::Outstanding);
/// assert!(band(20.0, BandRule::LowerBand).is_err());
/// # Ok::<(), carestat::Error>(())
/// ```
pub fn band(percentage: f64, rule: BandRule) -> Result<Rating> {
    if !(25.0..=100.0).contains(&percentage) {
        return Err(Error::OutOfRange {
            field: "percentage".into(),
            value: percentage,
            expected: "a percentage from 25 to 100".into(),
        });
    }
    Ok(match rule {
        BandRule::LowerBand => band_from_lower_bounds(|p| percentage >= p as f64),
        BandRule::UpperBand => band_from_lower_bounds(|p| percentage > (p - 1) as f64),
        BandRule::Nearest => {
            let whole = crate::round_half_away(percentage, 0);
            band_from_lower_bounds(|p| whole >= p as f64)
        }
    })
}

/// The scores of the 9 quality statements, each 1-4 or not assessed (`None`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Scores([Option<u8>; 9]);

impl Scores {
    /// No statement assessed yet.
    #[must_use]
    pub const fn new() -> Self {
        Self([None; 9])
    }

    /// Scores in statement order (1, 2, ...): up to 9 values; statements after the last value
    /// given are not assessed.
    ///
    /// ```
    /// use carestat::cqc::Scores;
    /// let e = Scores::from_slice(&[3, 3, 3, 3, 3, 3, 5]).unwrap_err();
    /// assert_eq!(e.to_string(),
    ///     "statement 7 (Safeguarding): 5 is out of range; expected a score from 1 to 4, or not assessed");
    /// assert!(Scores::from_slice(&[3; 10]).is_err());
    /// ```
    pub fn from_slice(scores: &[i64]) -> Result<Self> {
        let options: Vec<Option<i64>> = scores.iter().copied().map(Some).collect();
        Self::from_options(&options)
    }

    /// Scores in statement order with `None` for a statement not assessed (up to 9 values).
    ///
    /// ```
    /// use carestat::cqc::Scores;
    /// let s = Scores::from_options(&[Some(3), None, Some(2)])?;
    /// assert_eq!((s.assessed(), s.total()), (2, 5));
    /// # Ok::<(), carestat::Error>(())
    /// ```
    pub fn from_options(scores: &[Option<i64>]) -> Result<Self> {
        if scores.len() > 9 {
            return Err(Error::OutOfRange {
                field: "scores".into(),
                value: scores.len() as f64,
                expected: "at most 9 quality statements".into(),
            });
        }
        let mut out = Self::new();
        for (statement, &score) in QualityStatement::ALL.into_iter().zip(scores) {
            out.set(statement, score)?;
        }
        Ok(out)
    }

    /// Sets one statement's score (`None`: not assessed). Errors name the statement.
    ///
    /// ```
    /// use carestat::cqc::{QualityStatement, Scores};
    /// let mut s = Scores::new();
    /// // Seed 003, Birmingham: "Governance, management and sustainability ... 3 - Evidence shows a good standard"
    /// s.set(QualityStatement::Governance, Some(3))?;
    /// assert_eq!(s.get(QualityStatement::Governance), Some(3));
    /// assert!(s.set(QualityStatement::Learning, Some(0)).is_err());
    /// # Ok::<(), carestat::Error>(())
    /// ```
    pub fn set(&mut self, statement: QualityStatement, score: Option<i64>) -> Result<()> {
        let checked = match score {
            None => None,
            Some(s) => Some(
                u8::try_from(s)
                    .ok()
                    .filter(|s| SCORE_RANGE.contains(s))
                    .ok_or_else(|| Error::OutOfRange {
                        field: statement.field(),
                        value: s as f64,
                        expected: "a score from 1 to 4, or not assessed".into(),
                    })?,
            ),
        };
        self.0[statement as usize - 1] = checked;
        Ok(())
    }

    /// One statement's score, `None` when not assessed.
    #[must_use]
    pub const fn get(&self, statement: QualityStatement) -> Option<u8> {
        self.0[statement as usize - 1]
    }

    /// Number of statements assessed.
    #[must_use]
    pub fn assessed(&self) -> u32 {
        self.0.iter().flatten().count() as u32
    }

    /// Sum of the scores of the statements assessed.
    #[must_use]
    pub fn total(&self) -> u32 {
        self.0.iter().flatten().map(|&s| u32::from(s)).sum()
    }

    /// The overall percentage and rating under `rule`. Errors when no statement is assessed.
    ///
    /// ```
    /// use carestat::cqc::{BandRule, Scores};
    /// use carestat::ratings::Rating;
    /// // 9 statements totalling 14: 38.9%, between the Inadequate and Requires improvement bands
    /// let s = Scores::from_slice(&[2, 2, 2, 2, 1, 1, 1, 1, 2])?;
    /// let r = s.rate(BandRule::LowerBand)?;
    /// assert!(r.ambiguous);
    /// assert_eq!((r.rating, r.rating_lower_band, r.rating_upper_band),
    ///            (Rating::Inadequate, Rating::Inadequate, Rating::RequiresImprovement));
    /// # Ok::<(), carestat::Error>(())
    /// ```
    pub fn rate(&self, rule: BandRule) -> Result<CqcRating> {
        let (total, assessed) = (self.total(), self.assessed());
        if assessed == 0 {
            return Err(Error::invalid(
                "scores",
                "no quality statement is assessed; the percentage is undefined",
            ));
        }
        let lower = band_of_total(total, assessed, BandRule::LowerBand);
        let upper = band_of_total(total, assessed, BandRule::UpperBand);
        Ok(CqcRating {
            total,
            assessed,
            max_total: 4 * assessed,
            percentage: percentage(total, assessed),
            rating: band_of_total(total, assessed, rule),
            rule,
            ambiguous: lower != upper,
            rating_lower_band: lower,
            rating_upper_band: upper,
        })
    }

    /// The overall ratings still possible when a document publishes only some statements'
    /// scores: every statement without a score here is taken to be **assessed with a score not
    /// published** (1 to 4), so the total of all 9 lies between `total + unpublished` and
    /// `total + 4 × unpublished`. Each possible rating comes with the totals (of all 9) that
    /// give it under `rule`, lowest band first. With every score published there is one.
    ///
    /// ```
    /// use carestat::cqc::{BandRule, QualityStatement, Scores};
    /// use carestat::ratings::Rating;
    /// // Seed 003: Birmingham's Governance statement scored 3; the other 8 scores unpublished.
    /// let mut s = Scores::new();
    /// s.set(QualityStatement::Governance, Some(3))?;
    /// let possible = s.possible_ratings(BandRule::LowerBand);
    /// assert_eq!(possible.len(), 4); // 11 to 35 of 36: any band
    /// let good = possible.iter().find(|p| p.rating == Rating::Good).unwrap();
    /// // Good is 63% to 87%: 23/36 = 63.9% up to 31/36 = 86.1%
    /// assert_eq!((good.min_total, good.max_total), (23, 31));
    /// # Ok::<(), carestat::Error>(())
    /// ```
    #[must_use]
    pub fn possible_ratings(&self, rule: BandRule) -> Vec<PossibleRating> {
        let unpublished = 9 - self.assessed();
        let known = self.total();
        let mut out: Vec<PossibleRating> = Vec::new();
        for total in known + unpublished..=known + 4 * unpublished {
            let rating = band_of_total(total, 9, rule);
            match out.last_mut() {
                Some(last) if last.rating == rating => last.max_total = total,
                _ => out.push(PossibleRating {
                    rating,
                    min_total: total,
                    max_total: total,
                }),
            }
        }
        out
    }

    /// Percentage of each theme's assessed statements, **derived by carestat: CQC does not
    /// publish theme percentages**. A theme with no statement assessed has a NaN percentage.
    ///
    /// ```
    /// use carestat::cqc::{Scores, Theme};
    /// let t = Scores::from_slice(&[4, 4, 4, 2, 2, 3, 3, 1, 1])?.theme_percentages();
    /// assert_eq!(t[0].theme, Theme::WorkingWithPeople);
    /// assert_eq!(t[0].percentage, 100.0);
    /// assert_eq!(t[3].percentage, 25.0);
    /// assert!(t[3].derived);
    /// # Ok::<(), carestat::Error>(())
    /// ```
    #[must_use]
    pub fn theme_percentages(&self) -> [ThemePercentage; 4] {
        Theme::ALL.map(|theme| {
            let scores: Vec<u32> = theme
                .statements()
                .filter_map(|s| self.get(s))
                .map(u32::from)
                .collect();
            let total: u32 = scores.iter().sum();
            let assessed = scores.len() as u32;
            ThemePercentage {
                theme,
                total,
                assessed,
                percentage: percentage(total, assessed),
                derived: true,
            }
        })
    }
}

/// A theme's percentage: **derived by carestat, not a CQC output**.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ThemePercentage {
    /// The theme.
    pub theme: Theme,
    /// Sum of the scores of its assessed statements.
    pub total: u32,
    /// Number of its statements assessed.
    pub assessed: u32,
    /// `total / (4 × assessed) × 100`; NaN when none is assessed.
    pub percentage: f64,
    /// Always `true`: a reminder that CQC publishes no theme percentage.
    pub derived: bool,
}

/// The overall result of a local authority assessment.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CqcRating {
    /// Sum of the scores.
    pub total: u32,
    /// Number of statements assessed.
    pub assessed: u32,
    /// The largest possible total, `4 × assessed`.
    pub max_total: u32,
    /// `total / max_total × 100`, unrounded.
    pub percentage: f64,
    /// The rating band under `rule`.
    pub rating: Rating,
    /// The rule used for a percentage between bands.
    pub rule: BandRule,
    /// True when the percentage lies strictly between two bands (38-39, 62-63, 87-88), so that
    /// the rating depends on the unstated rule.
    pub ambiguous: bool,
    /// The rating if such a percentage takes the lower band ([`BandRule::LowerBand`]).
    pub rating_lower_band: Rating,
    /// The rating if such a percentage takes the upper band ([`BandRule::UpperBand`]).
    pub rating_upper_band: Rating,
}

/// An overall rating that published scores leave possible ([`Scores::possible_ratings`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PossibleRating {
    /// The rating.
    pub rating: Rating,
    /// The lowest total of all 9 statements that gives it.
    pub min_total: u32,
    /// The highest total of all 9 statements that gives it.
    pub max_total: u32,
}

impl PossibleRating {
    /// The percentage of [`min_total`](Self::min_total), unrounded.
    #[must_use]
    pub fn min_percentage(&self) -> f64 {
        percentage(self.min_total, 9)
    }

    /// The percentage of [`max_total`](Self::max_total), unrounded.
    #[must_use]
    pub fn max_percentage(&self) -> f64 {
        percentage(self.max_total, 9)
    }
}

/// The overall percentage of a total of scores over `assessed` statements:
/// `total / (4 × assessed) × 100`, unrounded; NaN when none is assessed.
///
/// ```
/// assert_eq!(carestat::cqc::percentage(27, 9), 75.0);
/// assert!((carestat::cqc::percentage(23, 9) - 63.888_888_888_888_89).abs() < 1e-12);
/// ```
#[must_use]
pub fn percentage(total: u32, assessed: u32) -> f64 {
    if assessed == 0 {
        return f64::NAN;
    }
    f64::from(25 * total) / f64::from(assessed)
}

/// The overall rating of up to 9 scores in statement order, with the default [`BandRule`].
///
/// ```
/// use carestat::ratings::Rating;
/// let r = carestat::cqc::la_rating(&[3; 9])?;
/// assert_eq!((r.percentage, r.rating), (75.0, Rating::Good));
/// # Ok::<(), carestat::Error>(())
/// ```
pub fn la_rating(scores: &[i64]) -> Result<CqcRating> {
    Scores::from_slice(scores)?.rate(BandRule::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every total for 1..=9 statements: the ambiguous ones are exactly those whose percentage
    /// lies strictly inside a gap between bands, found by exact rational comparison.
    #[test]
    fn ambiguous_totals_by_number_of_statements() {
        let mut found = Vec::new();
        for n in 1..=9u32 {
            for t in n..=4 * n {
                // a score vector with total t over n statements
                let mut scores = vec![1i64; n as usize];
                let mut extra = t - n;
                for v in &mut scores {
                    let add = extra.min(3);
                    *v += i64::from(add);
                    extra -= add;
                }
                let r = Scores::from_slice(&scores)
                    .unwrap()
                    .rate(BandRule::default())
                    .unwrap();
                assert_eq!((r.total, r.assessed), (t, n));
                if r.ambiguous {
                    found.push((n, t));
                }
            }
        }
        // By hand: 25 t / n strictly inside (38,39), (62,63) or (87,88).
        // n=2: 5 -> 62.5, 7 -> 87.5; n=4: 10 -> 62.5, 14 -> 87.5; n=6: 15 -> 62.5, 21 -> 87.5;
        // n=8: 20 -> 62.5, 28 -> 87.5; n=9: 14 -> 38.89. (n = 3, 5, 7: none.)
        assert_eq!(
            found,
            vec![
                (2, 5),
                (2, 7),
                (4, 10),
                (4, 14),
                (6, 15),
                (6, 21),
                (8, 20),
                (8, 28),
                (9, 14)
            ]
        );
    }

    #[test]
    fn possible_ratings_cover_the_unpublished_totals() {
        // Everything published: one rating, the rate() one. 3 x 9 = 27 of 36 = 75% Good.
        let all = Scores::from_slice(&[3; 9]).unwrap();
        assert_eq!(
            all.possible_ratings(BandRule::LowerBand),
            vec![PossibleRating {
                rating: Rating::Good,
                min_total: 27,
                max_total: 27
            }]
        );
        // Eight 4s published, one unpublished: 33..=36 of 36 = 91.7% to 100%, Outstanding only.
        let eight = Scores::from_slice(&[4; 8]).unwrap();
        let p = eight.possible_ratings(BandRule::LowerBand);
        assert_eq!(
            (p.len(), p[0].rating, p[0].min_total, p[0].max_total),
            (1, Rating::Outstanding, 33, 36)
        );
        // Nothing published: 9..=36. Bands on 25 t / 9 by hand: Inadequate t <= 14 (38.9% is
        // below 39 under the lower-band rule), Requires improvement 15..=22 (41.7%..61.1%),
        // Good 23..=31 (63.9%..86.1%), Outstanding 32..=36 (88.9%..).
        let none = Scores::new().possible_ratings(BandRule::LowerBand);
        let bounds: Vec<(Rating, u32, u32)> = none
            .iter()
            .map(|p| (p.rating, p.min_total, p.max_total))
            .collect();
        assert_eq!(
            bounds,
            vec![
                (Rating::Inadequate, 9, 14),
                (Rating::RequiresImprovement, 15, 22),
                (Rating::Good, 23, 31),
                (Rating::Outstanding, 32, 36)
            ]
        );
        // Under the upper-band rule 14 (38.9%) moves up.
        let up = Scores::new().possible_ratings(BandRule::UpperBand);
        assert_eq!((up[0].max_total, up[1].min_total), (13, 14));
    }

    #[test]
    fn rules_differ_only_in_the_gaps() {
        // 28 of 32 = 87.5%
        let eight = Scores::from_slice(&[4, 4, 4, 4, 3, 3, 3, 3]).unwrap();
        assert_eq!(eight.total(), 28);
        assert_eq!(
            eight.rate(BandRule::LowerBand).unwrap().rating,
            Rating::Good
        );
        assert_eq!(
            eight.rate(BandRule::Nearest).unwrap().rating,
            Rating::Outstanding
        );
        assert_eq!(
            eight.rate(BandRule::UpperBand).unwrap().rating,
            Rating::Outstanding
        );
        // Band edges themselves are not ambiguous: 25% is Inadequate, 100% Outstanding.
        for rule in [BandRule::LowerBand, BandRule::Nearest, BandRule::UpperBand] {
            let low = Scores::from_slice(&[1; 9]).unwrap().rate(rule).unwrap();
            assert_eq!(
                (low.percentage, low.rating, low.ambiguous),
                (25.0, Rating::Inadequate, false)
            );
            let high = Scores::from_slice(&[4; 9]).unwrap().rate(rule).unwrap();
            assert_eq!((high.percentage, high.rating), (100.0, Rating::Outstanding));
        }
    }

    #[test]
    fn band_of_percentage_agrees_with_band_of_total() {
        for n in 1..=9u32 {
            for t in n..=4 * n {
                let p = f64::from(25 * t) / f64::from(n);
                for rule in [BandRule::LowerBand, BandRule::Nearest, BandRule::UpperBand] {
                    assert_eq!(
                        band(p, rule).unwrap(),
                        band_of_total(t, n, rule),
                        "{t}/{n} {rule:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn no_statement_assessed_is_an_error() {
        assert!(Scores::new().rate(BandRule::default()).is_err());
        assert!(Scores::from_slice(&[])
            .unwrap()
            .rate(BandRule::Nearest)
            .is_err());
    }

    #[test]
    fn negative_and_huge_scores_name_the_statement() {
        let e = Scores::from_slice(&[-1]).unwrap_err();
        assert!(e
            .to_string()
            .starts_with("statement 1 (Assessing needs): -1"));
        let e = Scores::from_slice(&[1, 300]).unwrap_err();
        assert!(e
            .to_string()
            .starts_with("statement 2 (Supporting people to live healthier lives): 300"));
    }
}
