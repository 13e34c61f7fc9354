//! Statistical disclosure control as the publications do it: suppression rules as data, the
//! Government Statistical Service (GSS) symbols, and rounding half away from zero.
//!
//! Two rules are built in:
//! * [`SuppressionRule::safeguarding_adults`]: the Safeguarding Adults Collection. Counts of
//!   0-4 are not shown, all others are rounded to the nearest 5, and percentages are computed
//!   from the unrounded figures.
//! * [`SuppressionRule::nhs_digital`]: NHS Digital's hospital-statistics rule for sub-national
//!   figures. Counts of 1-7 are not shown (0 is shown), others rounded to the nearest 5; a
//!   percentage to 1 decimal place needs a rounded denominator of at least 4,000. National
//!   figures need no control: do not apply it to them.
//!
//! The publications write `*` for a value not shown; carestat's default marker is the GSS
//! symbol `[c]` (confidential), and any rule can carry another ([`SuppressionRule::with_marker`]).
//! A council can also describe its own rule ([`SuppressionRule::new`], or JSON through serde).
//!
//! Rounding is always half away from zero on the value's decimal form
//! ([`round_half_away`](crate::round_half_away)), never banker's rounding.
//!
//! ```
//! use carestat::disclosure::SuppressionRule;
//! let sac = SuppressionRule::safeguarding_adults();
//! // Seed 004, Worcestershire 2023/24: "4455 safeguarding concerns received, an increase of 543"
//! assert_eq!(sac.text(4455.0)?, "4455");
//! assert_eq!(sac.text(543.0)?, "545");
//! assert_eq!(sac.text(3.0)?, "[c]");
//! # Ok::<(), carestat::Error>(())
//! ```

use crate::error::{check_len, Error, Result};
use crate::estimate::{check_count, check_denominator};

pub use super::table_protection::{protect_table, recoverable_cells, ProtectedTable, Protection};

/// The Government Statistical Service symbols for values that are not (or not plainly)
/// shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[repr(u32)]
pub enum Symbol {
    /// `[c]` confidential (suppressed to protect confidentiality).
    Confidential = 0,
    /// `[x]` not available.
    NotAvailable = 1,
    /// `[z]` not applicable.
    NotApplicable = 2,
    /// `[u]` low reliability.
    LowReliability = 3,
    /// `[e]` estimate.
    Estimate = 4,
    /// `[p]` provisional.
    Provisional = 5,
    /// `[r]` revised.
    Revised = 6,
    /// `[b]` break in series.
    BreakInSeries = 7,
}

impl Symbol {
    /// All symbols.
    pub const ALL: [Self; 8] = [
        Self::Confidential,
        Self::NotAvailable,
        Self::NotApplicable,
        Self::LowReliability,
        Self::Estimate,
        Self::Provisional,
        Self::Revised,
        Self::BreakInSeries,
    ];

    /// The symbol as written in a table: `"[c]"`, `"[x]"`, ...
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            Self::Confidential => "[c]",
            Self::NotAvailable => "[x]",
            Self::NotApplicable => "[z]",
            Self::LowReliability => "[u]",
            Self::Estimate => "[e]",
            Self::Provisional => "[p]",
            Self::Revised => "[r]",
            Self::BreakInSeries => "[b]",
        }
    }

    /// What the symbol means: "confidential", "not available", ...
    #[must_use]
    pub const fn meaning(self) -> &'static str {
        match self {
            Self::Confidential => "confidential",
            Self::NotAvailable => "not available",
            Self::NotApplicable => "not applicable",
            Self::LowReliability => "low reliability",
            Self::Estimate => "estimate",
            Self::Provisional => "provisional",
            Self::Revised => "revised",
            Self::BreakInSeries => "break in series",
        }
    }

    /// True for the symbols that stand in place of a value (`[c]`, `[x]`, `[z]`); the others
    /// annotate a value shown beside them.
    #[must_use]
    pub const fn replaces_value(self) -> bool {
        matches!(
            self,
            Self::Confidential | Self::NotAvailable | Self::NotApplicable
        )
    }

    /// The symbol from its code, with or without brackets, any case (`"[c]"`, `"c"`).
    ///
    /// ```
    /// use carestat::disclosure::Symbol;
    /// assert_eq!(Symbol::from_code("[Z]")?, Symbol::NotApplicable);
    /// assert!(Symbol::from_code("[q]").is_err());
    /// # Ok::<(), carestat::Error>(())
    /// ```
    pub fn from_code(code: &str) -> Result<Self> {
        let key = code
            .trim()
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|s| s.code()[1..2] == key)
            .ok_or_else(|| Error::Unknown {
                field: "symbol".into(),
                kind: "GSS symbol".into(),
                id: code.to_owned(),
            })
    }
}

/// Whether a count is shown, suppressed or missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[repr(u32)]
pub enum Status {
    /// Shown (rounded as the rule says).
    Shown = 0,
    /// Not shown: the rule suppresses it.
    Suppressed = 1,
    /// The input was missing (NaN); shown as `[x]`.
    Missing = 2,
}

/// A count after disclosure control.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Published {
    /// The rounded count when shown; NaN when suppressed or missing.
    pub value: f64,
    /// Shown, suppressed or missing.
    pub status: Status,
}

impl Default for Published {
    /// A missing count.
    fn default() -> Self {
        Self {
            value: f64::NAN,
            status: Status::Missing,
        }
    }
}

/// A suppression-and-rounding rule, as data.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SuppressionRule {
    /// The rule's name.
    pub name: String,
    /// The smallest count not shown.
    pub suppress_min: u64,
    /// The largest count not shown.
    pub suppress_max: u64,
    /// Counts shown are rounded to the nearest multiple of this (1: not rounded).
    pub round_to: u64,
    /// What a suppressed count is shown as (default `[c]`).
    pub marker: String,
    /// A percentage with decimals needs a rounded denominator of at least this; `None`: no
    /// such condition.
    pub min_denominator_for_decimals: Option<u64>,
    /// Where the rule comes from.
    pub source: String,
}

impl SuppressionRule {
    /// A rule of your own. Errors when `suppress_min > suppress_max` or `round_to` is 0.
    ///
    /// ```
    /// use carestat::disclosure::SuppressionRule;
    /// let r = SuppressionRule::new("local: under 10 hidden", 1, 9, 1)?;
    /// assert_eq!(r.text(9.0)?, "[c]");
    /// assert_eq!(r.text(10.0)?, "10");
    /// # Ok::<(), carestat::Error>(())
    /// ```
    pub fn new(
        name: impl Into<String>,
        suppress_min: u64,
        suppress_max: u64,
        round_to: u64,
    ) -> Result<Self> {
        if suppress_min > suppress_max {
            return Err(Error::invalid(
                "suppress_min",
                format!("{suppress_min} is above suppress_max {suppress_max}"),
            ));
        }
        if round_to == 0 {
            return Err(Error::NotPositive {
                field: "round_to".into(),
                value: 0.0,
            });
        }
        Ok(Self {
            name: name.into(),
            suppress_min,
            suppress_max,
            round_to,
            marker: Symbol::Confidential.code().to_owned(),
            min_denominator_for_decimals: None,
            source: "user supplied".to_owned(),
        })
    }

    /// The Safeguarding Adults Collection rule: 0-4 not shown, others to the nearest 5,
    /// percentages from unrounded figures.
    #[must_use]
    pub fn safeguarding_adults() -> Self {
        Self {
            name: "Safeguarding Adults Collection".to_owned(),
            suppress_min: 0,
            suppress_max: 4,
            round_to: 5,
            marker: Symbol::Confidential.code().to_owned(),
            min_denominator_for_decimals: None,
            source: "NHS England, Safeguarding Adults Collection: values 0-4 shown as *, all other counts rounded to the nearest 5, percentages calculated from unrounded figures (DOMAIN.md section 8)".to_owned(),
        }
    }

    /// NHS Digital's hospital-statistics rule for sub-national figures: 1-7 not shown (0
    /// shown), others to the nearest 5, a percentage to 1 decimal place only with a rounded
    /// denominator of at least 4,000.
    #[must_use]
    pub fn nhs_digital() -> Self {
        Self {
            name: "NHS Digital (sub-national)".to_owned(),
            suppress_min: 1,
            suppress_max: 7,
            round_to: 5,
            marker: Symbol::Confidential.code().to_owned(),
            min_denominator_for_decimals: Some(4000),
            source: "NHS Digital hospital statistics disclosure control: sub-national 1-7 shown as *, others rounded to the nearest 5; national figures need no control; a percentage to 1 dp needs a rounded denominator of at least 4,000 (DOMAIN.md section 8)".to_owned(),
        }
    }

    /// The same rule with another marker for suppressed counts (the publications' `*`).
    ///
    /// ```
    /// let r = carestat::disclosure::SuppressionRule::nhs_digital().with_marker("*");
    /// assert_eq!(r.text(7.0)?, "*");
    /// assert_eq!(r.text(0.0)?, "0");
    /// # Ok::<(), carestat::Error>(())
    /// ```
    #[must_use]
    pub fn with_marker(mut self, marker: impl Into<String>) -> Self {
        self.marker = marker.into();
        self
    }

    /// True when the rule does not show `count`.
    #[must_use]
    pub fn suppresses(&self, count: u64) -> bool {
        (self.suppress_min..=self.suppress_max).contains(&count)
    }

    /// Applies the rule to a count. NaN (missing) gives [`Status::Missing`]; errors for a
    /// negative, infinite or fractional count.
    ///
    /// ```
    /// use carestat::disclosure::{Status, SuppressionRule};
    /// let p = SuppressionRule::safeguarding_adults().apply(1141.0)?;
    /// assert_eq!((p.value, p.status), (1140.0, Status::Shown));
    /// # Ok::<(), carestat::Error>(())
    /// ```
    pub fn apply(&self, count: f64) -> Result<Published> {
        check_count("count", count)?;
        if count.is_nan() {
            return Ok(Published {
                value: f64::NAN,
                status: Status::Missing,
            });
        }
        if count.fract() != 0.0 || count > 9.0e15 {
            return Err(Error::invalid(
                "count",
                format!("must be a whole number (got {count})"),
            ));
        }
        if self.suppresses(count as u64) {
            return Ok(Published {
                value: f64::NAN,
                status: Status::Suppressed,
            });
        }
        let value = if self.round_to > 1 {
            crate::round_to_multiple(count, self.round_to as f64)?
        } else {
            count
        };
        Ok(Published {
            value,
            status: Status::Shown,
        })
    }

    /// [`SuppressionRule::apply`] for many counts; errors name the row (0-based).
    ///
    /// ```
    /// let r = carestat::disclosure::SuppressionRule::safeguarding_adults();
    /// let mut out = vec![Default::default(); 2];
    /// r.apply_many(&[2.0, 1309.0], &mut out)?;
    /// assert_eq!(out[1].value, 1310.0);
    /// # Ok::<(), carestat::Error>(())
    /// ```
    pub fn apply_many(&self, counts: &[f64], out: &mut [Published]) -> Result<()> {
        check_len("out", out.len(), "counts", counts.len())?;
        for (i, (&c, o)) in counts.iter().zip(out.iter_mut()).enumerate() {
            *o = self.apply(c).map_err(|e| e.at_row(i))?;
        }
        Ok(())
    }

    /// A count as it would be printed: the rounded number, the rule's marker, or `[x]` for a
    /// missing count.
    pub fn text(&self, count: f64) -> Result<String> {
        Ok(self.format(&self.apply(count)?))
    }

    /// How a [`Published`] count is printed under this rule.
    #[must_use]
    pub fn format(&self, published: &Published) -> String {
        match published.status {
            Status::Shown => format!("{}", published.value),
            Status::Suppressed => self.marker.clone(),
            Status::Missing => Symbol::NotAvailable.code().to_owned(),
        }
    }

    /// The most decimal places a percentage with this `denominator` may be published to:
    /// 0 under a minimum-denominator condition the rounded denominator does not meet,
    /// otherwise `u32::MAX` (no limit).
    ///
    /// ```
    /// let r = carestat::disclosure::SuppressionRule::nhs_digital();
    /// assert_eq!(r.max_percent_decimals(3_997.0)?, 0); // rounds to 3995
    /// assert_eq!(r.max_percent_decimals(3_998.0)?, u32::MAX); // rounds to 4000
    /// # Ok::<(), carestat::Error>(())
    /// ```
    pub fn max_percent_decimals(&self, denominator: f64) -> Result<u32> {
        check_denominator("denominator", denominator)?;
        let Some(min) = self.min_denominator_for_decimals else {
            return Ok(u32::MAX);
        };
        let rounded = crate::round_to_multiple(denominator, self.round_to.max(1) as f64)?;
        Ok(if rounded >= min as f64 { u32::MAX } else { 0 })
    }

    /// A percentage computed from the **unrounded** numerator and denominator, rounded half
    /// away from zero to `decimals` places.
    ///
    /// Errors for a negative or infinite numerator, a denominator of zero or below, a
    /// numerator above the denominator, or more decimals than
    /// [`SuppressionRule::max_percent_decimals`] allows; NaN gives NaN. The rule itself says nothing about hiding a percentage whose numerator is
    /// suppressed: check [`SuppressionRule::suppresses`] for that.
    ///
    /// ```
    /// let sac = carestat::disclosure::SuppressionRule::safeguarding_adults();
    /// // Seed 004: 543 more concerns on 3912: 13.88% from the unrounded figures
    /// // (545 / 3910 from the rounded ones would give 13.94%)
    /// assert_eq!(sac.percentage(543.0, 3912.0, 2)?, 13.88);
    /// # Ok::<(), carestat::Error>(())
    /// ```
    pub fn percentage(&self, numerator: f64, denominator: f64, decimals: u32) -> Result<f64> {
        check_count("numerator", numerator)?;
        check_denominator("denominator", denominator)?;
        if numerator.is_nan() || denominator.is_nan() {
            return Ok(f64::NAN);
        }
        if numerator > denominator {
            return Err(Error::NumeratorAboveDenominator {
                field: "numerator".into(),
                numerator,
                denominator,
            });
        }
        let allowed = self.max_percent_decimals(denominator)?;
        if decimals > allowed {
            return Err(Error::OutOfRange {
                field: "decimals".into(),
                value: f64::from(decimals),
                expected: format!(
                    "0: under the {} rule a percentage with decimals needs a rounded denominator of at least {}",
                    self.name,
                    self.min_denominator_for_decimals.unwrap_or(0)
                )
                .into(),
            });
        }
        Ok(crate::round_half_away(
            numerator / denominator * 100.0,
            i32::try_from(decimals.min(15)).unwrap_or(15),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_at_their_edges() {
        let sac = SuppressionRule::safeguarding_adults();
        for (count, text) in [
            (0.0, "[c]"),
            (4.0, "[c]"),
            (5.0, "5"),
            (7.0, "5"),
            (8.0, "10"),
            (12.0, "10"),
            (13.0, "15"),
        ] {
            assert_eq!(sac.text(count).unwrap(), text, "SAC {count}");
        }
        let nhs = SuppressionRule::nhs_digital();
        for (count, text) in [
            (0.0, "0"),
            (1.0, "[c]"),
            (7.0, "[c]"),
            (8.0, "10"),
            (12.0, "10"),
            (13.0, "15"),
        ] {
            assert_eq!(nhs.text(count).unwrap(), text, "NHS {count}");
        }
        assert_eq!(sac.text(f64::NAN).unwrap(), "[x]");
    }

    #[test]
    fn bad_counts_are_errors() {
        let sac = SuppressionRule::safeguarding_adults();
        assert_eq!(
            sac.apply(-1.0).unwrap_err().to_string(),
            "count: must not be negative (got -1)"
        );
        assert!(sac.apply(2.5).is_err());
        assert!(sac.apply(f64::INFINITY).is_err());
        let mut out = [Published {
            value: 0.0,
            status: Status::Shown,
        }; 3];
        let e = sac.apply_many(&[1.0, 2.0, -3.0], &mut out).unwrap_err();
        assert_eq!(
            e.to_string(),
            "count at row 2: must not be negative (got -3)"
        );
        assert!(SuppressionRule::new("x", 5, 4, 5).is_err());
        assert!(SuppressionRule::new("x", 0, 4, 0).is_err());
    }

    #[test]
    fn decimals_need_a_large_enough_denominator_under_nhs_rule() {
        let nhs = SuppressionRule::nhs_digital();
        assert!(nhs.percentage(100.0, 3000.0, 1).is_err());
        assert_eq!(nhs.percentage(100.0, 3000.0, 0).unwrap(), 3.0);
        // 100 / 4000 = 2.5%
        assert_eq!(nhs.percentage(100.0, 4000.0, 1).unwrap(), 2.5);
        // no condition under the SAC rule
        let sac = SuppressionRule::safeguarding_adults();
        assert_eq!(sac.percentage(1.0, 8.0, 1).unwrap(), 12.5);
    }

    #[test]
    fn symbols_round_trip() {
        for s in Symbol::ALL {
            assert_eq!(Symbol::from_code(s.code()).unwrap(), s);
        }
        assert_eq!(Symbol::ALL.iter().filter(|s| s.replaces_value()).count(), 3);
    }

    #[test]
    fn rule_round_trips_through_json() {
        let r = SuppressionRule::nhs_digital().with_marker("*");
        let json = serde_json::to_string(&r).unwrap();
        let back: SuppressionRule = serde_json::from_str(&json).unwrap();
        assert_eq!(back, r);
    }
}
