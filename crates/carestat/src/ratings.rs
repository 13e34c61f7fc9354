//! CQC provider quality ratings and the shares councils publish ("76% of care homes are
//! Outstanding or Good").
//!
//! Locations without a published rating (not yet rated, inspected but not rated, insufficient
//! evidence to rate) are one explicit category, never silently dropped; whether they count in
//! the denominator of a share is an explicit [`DenominatorRule`].

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
