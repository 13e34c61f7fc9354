//! CQC provider quality ratings and the shares councils publish ("76% of care homes are
//! Outstanding or Good").
//!
//! Locations without a published rating (not yet rated, inspected but not rated, insufficient
//! evidence to rate) are one explicit category, never silently dropped; whether they count in
//! the denominator of a share is an explicit [`DenominatorRule`].
//!
//! Councils' own schemes (Birmingham's Gold / Silver / Bronze / Inadequate) are data: a
//! [`LocalScheme`] maps each local label onto a CQC [`Rating`], and a council can supply its
//! own. [`RatingCounts::rules_matching`] says which denominator rule, if any, reproduces a
//! published share.

use crate::error::{Error, Result};
use crate::estimate::Estimate;
use crate::proportion::wilson_proportion;

/// A CQC rating category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[repr(u32)]
pub enum Rating {
    /// Outstanding.
    Outstanding = 0,
    /// Good.
    Good = 1,
    /// Requires improvement.
    RequiresImprovement = 2,
    /// Inadequate.
    Inadequate = 3,
    /// Not yet rated, inspected but not rated, or no published rating.
    NotRated = 4,
}

impl Rating {
    /// All categories in CQC's order, the unrated category last.
    pub const ALL: [Self; 5] = [
        Self::Outstanding,
        Self::Good,
        Self::RequiresImprovement,
        Self::Inadequate,
        Self::NotRated,
    ];

    /// The category's name as CQC writes it.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::Outstanding => "Outstanding",
            Self::Good => "Good",
            Self::RequiresImprovement => "Requires improvement",
            Self::Inadequate => "Inadequate",
            Self::NotRated => "Not rated",
        }
    }
}

/// Which locations form the denominator of a share.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[repr(u32)]
pub enum DenominatorRule {
    /// Every location, rated or not (the default: nothing is dropped silently).
    #[default]
    AllLocations = 0,
    /// Rated locations only (unrated excluded from the denominator).
    RatedOnly = 1,
}

impl DenominatorRule {
    /// From its numeric code (as the C ABI carries it): 0 all locations, 1 rated only.
    ///
    /// ```
    /// use carestat::ratings::DenominatorRule;
    /// assert_eq!(DenominatorRule::from_code(1).unwrap(), DenominatorRule::RatedOnly);
    /// assert!(DenominatorRule::from_code(2).is_err());
    /// ```
    pub fn from_code(code: u32) -> Result<Self> {
        match code {
            0 => Ok(Self::AllLocations),
            1 => Ok(Self::RatedOnly),
            other => Err(Error::OutOfRange {
                field: "denominator_rule".into(),
                value: f64::from(other),
                expected: "0 (all locations) or 1 (rated only)".into(),
            }),
        }
    }
}

/// Counts of locations by rating category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RatingCounts {
    /// Locations rated Outstanding.
    pub outstanding: u64,
    /// Locations rated Good.
    pub good: u64,
    /// Locations rated Requires improvement.
    pub requires_improvement: u64,
    /// Locations rated Inadequate.
    pub inadequate: u64,
    /// Locations without a published rating.
    #[serde(default)]
    pub not_rated: u64,
}

impl RatingCounts {
    /// Counts in CQC's order: Outstanding, Good, Requires improvement, Inadequate, not rated.
    #[must_use]
    pub const fn new(
        outstanding: u64,
        good: u64,
        requires_improvement: u64,
        inadequate: u64,
        not_rated: u64,
    ) -> Self {
        Self {
            outstanding,
            good,
            requires_improvement,
            inadequate,
            not_rated,
        }
    }

    /// Counts from floating-point inputs (as the C and Python layers receive them): each must
    /// be a whole number, not negative, and not missing.
    ///
    /// ```
    /// use carestat::ratings::RatingCounts;
    /// assert!(RatingCounts::from_f64([3.0, 199.0, 64.0, 1.0, 11.0]).is_ok());
    /// let e = RatingCounts::from_f64([3.0, -1.0, 0.0, 0.0, 0.0]).unwrap_err();
    /// assert_eq!(e.to_string(), "good: must not be negative (got -1)");
    /// ```
    pub fn from_f64(counts: [f64; 5]) -> Result<Self> {
        const NAMES: [&str; 5] = [
            "outstanding",
            "good",
            "requires_improvement",
            "inadequate",
            "not_rated",
        ];
        let mut whole = [0u64; 5];
        for ((slot, &value), name) in whole.iter_mut().zip(&counts).zip(NAMES) {
            if value.is_nan() || value.is_infinite() {
                return Err(Error::NotFinite {
                    field: name.into(),
                    value,
                });
            }
            if value < 0.0 {
                return Err(Error::Negative {
                    field: name.into(),
                    value,
                });
            }
            if value.fract() != 0.0 || value > 9.0e15 {
                return Err(Error::invalid(
                    name,
                    format!("must be a whole number of locations (got {value})"),
                ));
            }
            *slot = value as u64;
        }
        let [outstanding, good, requires_improvement, inadequate, not_rated] = whole;
        Ok(Self::new(
            outstanding,
            good,
            requires_improvement,
            inadequate,
            not_rated,
        ))
    }

    /// The count in one category.
    #[must_use]
    pub const fn count(&self, rating: Rating) -> u64 {
        match rating {
            Rating::Outstanding => self.outstanding,
            Rating::Good => self.good,
            Rating::RequiresImprovement => self.requires_improvement,
            Rating::Inadequate => self.inadequate,
            Rating::NotRated => self.not_rated,
        }
    }

    /// Locations with a rating (all but the unrated). Saturates at `u64::MAX` (no real count
    /// comes near it; [`RatingCounts::share_parts`] reports such a total as an error).
    #[must_use]
    pub const fn rated(&self) -> u64 {
        self.outstanding
            .saturating_add(self.good)
            .saturating_add(self.requires_improvement)
            .saturating_add(self.inadequate)
    }

    /// All locations. Saturates at `u64::MAX`, as [`RatingCounts::rated`] does.
    #[must_use]
    pub const fn total(&self) -> u64 {
        self.rated().saturating_add(self.not_rated)
    }

    /// Locations rated Outstanding or Good. Saturates at `u64::MAX`.
    #[must_use]
    pub const fn outstanding_or_good(&self) -> u64 {
        self.outstanding.saturating_add(self.good)
    }

    /// The denominator under a rule.
    #[must_use]
    pub const fn denominator(&self, rule: DenominatorRule) -> u64 {
        match rule {
            DenominatorRule::AllLocations => self.total(),
            DenominatorRule::RatedOnly => self.rated(),
        }
    }

    /// The share of locations in `categories`, as a percentage of the denominator under `rule`.
    ///
    /// Errors when the denominator is zero, or when the unrated category is asked for with the
    /// rated-only rule (it is not part of that denominator).
    pub fn share(&self, categories: &[Rating], rule: DenominatorRule) -> Result<f64> {
        let (numerator, denominator) = self.share_parts(categories, rule)?;
        Ok(numerator as f64 / denominator as f64 * 100.0)
    }

    /// Numerator and denominator of [`RatingCounts::share`].
    pub fn share_parts(&self, categories: &[Rating], rule: DenominatorRule) -> Result<(u64, u64)> {
        if rule == DenominatorRule::RatedOnly && categories.contains(&Rating::NotRated) {
            return Err(Error::invalid(
                "categories",
                "the unrated category is not part of a rated-only denominator",
            ));
        }
        let denominator = self.denominator(rule);
        if denominator == u64::MAX {
            return Err(Error::OutOfRange {
                field: "denominator".into(),
                value: denominator as f64,
                expected: "a total number of locations below 2^64 - 1".into(),
            });
        }
        // Distinct categories within the denominator: the sum cannot exceed it.
        let mut seen = [false; 5];
        let mut numerator = 0;
        for &c in categories {
            if !std::mem::replace(&mut seen[c as usize], true) {
                numerator += self.count(c);
            }
        }
        if denominator == 0 {
            return Err(Error::NotPositive {
                field: "denominator".into(),
                value: 0.0,
            });
        }
        Ok((numerator, denominator))
    }

    /// The percentage rated Outstanding or Good.
    ///
    /// ```
    /// use carestat::ratings::{DenominatorRule, RatingCounts};
    /// // Birmingham supported living (seed 000): Gold 3, Silver 199, Bronze 64, Inadequate 1, unrated 11
    /// let sl = RatingCounts::new(3, 199, 64, 1, 11);
    /// let pct = sl.outstanding_or_good_share(DenominatorRule::AllLocations).unwrap();
    /// assert_eq!(carestat::round_half_away(pct, 2), 72.66);
    /// let rated = sl.outstanding_or_good_share(DenominatorRule::RatedOnly).unwrap();
    /// assert_eq!(carestat::round_half_away(rated, 1), 75.7);
    /// ```
    pub fn outstanding_or_good_share(&self, rule: DenominatorRule) -> Result<f64> {
        self.share(&[Rating::Outstanding, Rating::Good], rule)
    }

    /// The percentage rated Outstanding or Good with its Wilson interval (multiplier 100).
    pub fn outstanding_or_good_estimate(
        &self,
        rule: DenominatorRule,
        confidence: f64,
    ) -> Result<Estimate> {
        let (x, n) = self.share_parts(&[Rating::Outstanding, Rating::Good], rule)?;
        wilson_proportion(x as f64, n as f64, 100.0, confidence)
    }
}

/// Each category's share of the denominator under a [`DenominatorRule`], as percentages.
///
/// Under [`DenominatorRule::RatedOnly`] the unrated locations are not part of the denominator,
/// so `not_rated` is `None`.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RatingShares {
    /// The rule the shares were computed with.
    pub rule: DenominatorRule,
    /// The denominator (all locations, or rated locations only).
    pub denominator: u64,
    /// Percentage rated Outstanding.
    pub outstanding: f64,
    /// Percentage rated Good.
    pub good: f64,
    /// Percentage rated Requires improvement.
    pub requires_improvement: f64,
    /// Percentage rated Inadequate.
    pub inadequate: f64,
    /// Percentage without a published rating (`None` under the rated-only rule).
    pub not_rated: Option<f64>,
    /// Percentage rated Outstanding or Good.
    pub outstanding_or_good: f64,
}

impl RatingShares {
    /// The share of one category (`None` for the unrated category under the rated-only rule).
    #[must_use]
    pub const fn get(&self, rating: Rating) -> Option<f64> {
        match rating {
            Rating::Outstanding => Some(self.outstanding),
            Rating::Good => Some(self.good),
            Rating::RequiresImprovement => Some(self.requires_improvement),
            Rating::Inadequate => Some(self.inadequate),
            Rating::NotRated => self.not_rated,
        }
    }
}

impl RatingCounts {
    /// Every category's share, and the Outstanding-or-Good share, under `rule`.
    ///
    /// ```
    /// use carestat::ratings::{DenominatorRule, RatingCounts};
    /// // Birmingham supported living (seed 000): 3 / 199 / 64 / 1 and 11 not yet rated
    /// let s = RatingCounts::new(3, 199, 64, 1, 11).shares(DenominatorRule::AllLocations)?;
    /// assert_eq!(s.denominator, 278);
    /// assert_eq!(carestat::round_half_away(s.outstanding_or_good, 0), 73.0);
    /// assert_eq!(carestat::round_half_away(s.not_rated.unwrap(), 1), 4.0);
    /// # Ok::<(), carestat::Error>(())
    /// ```
    pub fn shares(&self, rule: DenominatorRule) -> Result<RatingShares> {
        let denominator = self.denominator(rule);
        if denominator == 0 {
            return Err(Error::NotPositive {
                field: "denominator".into(),
                value: 0.0,
            });
        }
        let pct = |count: u64| count as f64 / denominator as f64 * 100.0;
        Ok(RatingShares {
            rule,
            denominator,
            outstanding: pct(self.outstanding),
            good: pct(self.good),
            requires_improvement: pct(self.requires_improvement),
            inadequate: pct(self.inadequate),
            not_rated: match rule {
                DenominatorRule::AllLocations => Some(pct(self.not_rated)),
                DenominatorRule::RatedOnly => None,
            },
            outstanding_or_good: pct(self.outstanding_or_good()),
        })
    }

    /// The share of `categories` with its Wilson score interval (multiplier 100).
    ///
    /// ```
    /// use carestat::ratings::{DenominatorRule, Rating, RatingCounts};
    /// let care_homes = RatingCounts::new(13, 432, 123, 7, 1);
    /// let e = care_homes.share_estimate(&[Rating::Inadequate], DenominatorRule::AllLocations, 0.95)?;
    /// assert!(e.lower < e.value && e.value < e.upper);
    /// # Ok::<(), carestat::Error>(())
    /// ```
    pub fn share_estimate(
        &self,
        categories: &[Rating],
        rule: DenominatorRule,
        confidence: f64,
    ) -> Result<Estimate> {
        let (x, n) = self.share_parts(categories, rule)?;
        wilson_proportion(x as f64, n as f64, 100.0, confidence)
    }

    /// The denominator rules under which the share of `categories`, rounded half away from
    /// zero to `decimals` places, equals a `stated` percentage.
    ///
    /// An empty result means the published figure does not follow from its own inputs under
    /// either rule. Rules that fail (a zero denominator, the unrated category with the
    /// rated-only rule) are simply not listed.
    ///
    /// ```
    /// use carestat::ratings::{DenominatorRule, Rating, RatingCounts};
    /// let og = [Rating::Outstanding, Rating::Good];
    /// // Seed 000: "73% of Birmingham Supported Living services are Outstanding or Good"
    /// let sl = RatingCounts::new(3, 199, 64, 1, 11);
    /// assert_eq!(sl.rules_matching(&og, 73.0, 0), vec![DenominatorRule::AllLocations]);
    /// // "76% of Birmingham Care Homes are Outstanding or Good": no rule gives 76
    /// let ch = RatingCounts::new(13, 432, 123, 7, 1);
    /// assert!(ch.rules_matching(&og, 76.0, 0).is_empty());
    /// ```
    #[must_use]
    pub fn rules_matching(
        &self,
        categories: &[Rating],
        stated: f64,
        decimals: i32,
    ) -> Vec<DenominatorRule> {
        [DenominatorRule::AllLocations, DenominatorRule::RatedOnly]
            .into_iter()
            .filter(|&rule| {
                self.share(categories, rule)
                    .is_ok_and(|pct| crate::round_half_away(pct, decimals) == stated)
            })
            .collect()
    }
}

/// A council's local rating scheme: its labels mapped onto CQC's categories, as data.
///
/// Labels are matched ignoring case and surrounding spaces; a label the scheme does not know is
/// an error ([`Error::Unknown`]), never silently dropped. Several labels may map onto one
/// category ("Not yet rated" and "Inspected but not rated" both onto [`Rating::NotRated`]).
///
/// ```
/// use carestat::ratings::{LocalScheme, Rating};
/// let scheme = LocalScheme::new("Example", [("Green", Rating::Good), ("Red", Rating::Inadequate)])?;
/// assert_eq!(scheme.rating(" green ")?, Rating::Good);
/// assert!(scheme.rating("Amber").is_err());
/// # Ok::<(), carestat::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LocalScheme {
    /// The scheme's name, used in error messages.
    pub name: String,
    /// Label -> CQC category, in the scheme's own order.
    pub labels: Vec<(String, Rating)>,
}

impl LocalScheme {
    /// A scheme from `(label, category)` pairs. Errors for an empty label or a label given
    /// twice (ignoring case).
    pub fn new<S: Into<String>>(
        name: impl Into<String>,
        labels: impl IntoIterator<Item = (S, Rating)>,
    ) -> Result<Self> {
        let mut out: Vec<(String, Rating)> = Vec::new();
        for (label, rating) in labels {
            let label: String = label.into();
            let key = label.trim();
            if key.is_empty() {
                return Err(Error::invalid("labels", "a label must not be empty"));
            }
            if out.iter().any(|(l, _)| l.eq_ignore_ascii_case(key)) {
                return Err(Error::invalid(
                    "labels",
                    format!("label `{key}` is given twice"),
                ));
            }
            out.push((key.to_owned(), rating));
        }
        Ok(Self {
            name: name.into(),
            labels: out,
        })
    }

    /// Birmingham City Council's scheme (seed 000, Local Account 2022/23): Gold, Silver,
    /// Bronze, Inadequate, and "Not yet rated".
    ///
    /// The seed states only that Gold and Silver together are "Outstanding or Good"; mapping
    /// Gold to Outstanding, Silver to Good and Bronze to Requires improvement is the natural
    /// one-to-one reading of a four-level scheme, and it is what this built-in scheme does.
    ///
    /// ```
    /// use carestat::ratings::{LocalScheme, Rating};
    /// let b = LocalScheme::birmingham();
    /// assert_eq!(b.rating("Gold")?, Rating::Outstanding);
    /// assert_eq!(b.rating("bronze")?, Rating::RequiresImprovement);
    /// # Ok::<(), carestat::Error>(())
    /// ```
    #[must_use]
    pub fn birmingham() -> Self {
        let labels = [
            ("Gold", Rating::Outstanding),
            ("Silver", Rating::Good),
            ("Bronze", Rating::RequiresImprovement),
            ("Inadequate", Rating::Inadequate),
            ("Not yet rated", Rating::NotRated),
        ];
        Self {
            name: "Birmingham".to_owned(),
            labels: labels.into_iter().map(|(l, r)| (l.to_owned(), r)).collect(),
        }
    }

    /// CQC's own labels (Outstanding, Good, Requires improvement, Inadequate) plus the usual
    /// names of the unrated category ("Not rated", "Not yet rated", "Inspected but not rated",
    /// "Insufficient evidence to rate", "No published rating").
    #[must_use]
    pub fn cqc() -> Self {
        let labels = [
            ("Outstanding", Rating::Outstanding),
            ("Good", Rating::Good),
            ("Requires improvement", Rating::RequiresImprovement),
            ("Inadequate", Rating::Inadequate),
            ("Not rated", Rating::NotRated),
            ("Not yet rated", Rating::NotRated),
            ("Inspected but not rated", Rating::NotRated),
            ("Insufficient evidence to rate", Rating::NotRated),
            ("No published rating", Rating::NotRated),
        ];
        Self {
            name: "CQC".to_owned(),
            labels: labels.into_iter().map(|(l, r)| (l.to_owned(), r)).collect(),
        }
    }

    /// The CQC category of a local label.
    pub fn rating(&self, label: &str) -> Result<Rating> {
        let key = label.trim();
        self.labels
            .iter()
            .find(|(l, _)| l.eq_ignore_ascii_case(key))
            .map(|&(_, r)| r)
            .ok_or_else(|| Error::Unknown {
                field: "label".into(),
                kind: format!("rating label in the {} scheme", self.name).into(),
                id: label.to_owned(),
            })
    }

    /// Counts by CQC category from counts by local label (labels may repeat; their counts
    /// add up). Errors name the row (0-based) of an unknown label.
    ///
    /// ```
    /// use carestat::ratings::{LocalScheme, RatingCounts};
    /// // Seed 000, Birmingham care homes: 13 gold, 432 silver, 123 bronze, 7 inadequate, 1 not yet rated
    /// let counts = LocalScheme::birmingham().counts(&[
    ///     ("Gold", 13), ("Silver", 432), ("Bronze", 123), ("Inadequate", 7), ("Not yet rated", 1),
    /// ])?;
    /// assert_eq!(counts, RatingCounts::new(13, 432, 123, 7, 1));
    /// # Ok::<(), carestat::Error>(())
    /// ```
    pub fn counts<S: AsRef<str>>(&self, rows: &[(S, u64)]) -> Result<RatingCounts> {
        let mut counts = RatingCounts::default();
        for (i, (label, n)) in rows.iter().enumerate() {
            let slot = match self.rating(label.as_ref()).map_err(|e| e.at_row(i))? {
                Rating::Outstanding => &mut counts.outstanding,
                Rating::Good => &mut counts.good,
                Rating::RequiresImprovement => &mut counts.requires_improvement,
                Rating::Inadequate => &mut counts.inadequate,
                Rating::NotRated => &mut counts.not_rated,
            };
            *slot = slot.checked_add(*n).ok_or_else(|| {
                Error::invalid("counts", "the total overflows a 64-bit count").at_row(i)
            })?;
        }
        Ok(counts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn birmingham_care_homes_do_not_give_76() {
        // Seed 000: care homes 13 / 432 / 123 / 7 / 1, stated "76% Outstanding or Good".
        let ch = RatingCounts::new(13, 432, 123, 7, 1);
        let all = ch
            .outstanding_or_good_share(DenominatorRule::AllLocations)
            .unwrap();
        let rated = ch
            .outstanding_or_good_share(DenominatorRule::RatedOnly)
            .unwrap();
        assert_eq!(crate::round_half_away(all, 1), 77.3);
        assert_eq!(crate::round_half_away(rated, 1), 77.4);
    }

    #[test]
    fn empty_and_contradictory_shares_are_errors() {
        let none = RatingCounts::default();
        assert!(none
            .outstanding_or_good_share(DenominatorRule::AllLocations)
            .is_err());
        let some = RatingCounts::new(1, 1, 1, 1, 1);
        assert!(some
            .share(&[Rating::NotRated], DenominatorRule::RatedOnly)
            .is_err());
        assert_eq!(
            some.share(&[Rating::NotRated], DenominatorRule::AllLocations)
                .unwrap(),
            20.0
        );
        // A category named twice counts once.
        assert_eq!(
            some.share(&[Rating::Good, Rating::Good], DenominatorRule::AllLocations)
                .unwrap(),
            20.0
        );
    }

    #[test]
    fn interval_contains_share() {
        let hs = RatingCounts::new(0, 70, 13, 0, 0);
        let e = hs
            .outstanding_or_good_estimate(DenominatorRule::AllLocations, 0.95)
            .unwrap();
        assert!(e.lower < e.value && e.value < e.upper);
        assert_eq!(crate::round_half_away(e.value, 0), 84.0);
    }
}
