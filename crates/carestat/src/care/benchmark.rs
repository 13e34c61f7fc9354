//! Benchmarking as OHID's Fingertips does it: an area's confidence interval against a
//! benchmark's value, quintiles, rank in a comparator group, and the difference from the
//! comparator average.
//!
//! * [`compare`]: the interval entirely above the benchmark is *higher*, entirely below is
//!   *lower*, otherwise *similar* (a limit equal to the benchmark counts as similar). With a
//!   polarity, higher / lower become better / worse. Without an interval: *not compared*.
//! * [`compare_two_level`]: the same at 95% and 99.8% together, reporting the stronger level.
//! * [`quintiles`]: bounds at the 0th, 20th, ... 100th percentiles with linear interpolation
//!   (Excel's `PERCENTILE.INC`), from at least 5 values.
//! * [`rank`]: standard competition ranking within a comparator group.
//! * [`difference_from_average`]: the difference from the comparator group's mean.
//!
//! NaN is a missing value everywhere: missing values are left out of groups, and a missing
//! limit or benchmark gives [`Comparison::NotCompared`].
//!
//! ```
//! use carestat::benchmark::{compare, Comparison};
//! use carestat::{crude_rate, Polarity};
//! // Seed 004, Worcestershire 2022/23: 803 safeguarding concerns per 100,000 adults against
//! // England's 1313. 3912 concerns (4455 in 2023/24 "an increase of 543"); the population
//! // that gives 803 per 100,000 is 3912 / 803 × 100,000 ≈ 487,173.
//! let r = crude_rate(3912.0, 487_173.0, 100_000.0, 0.95)?;
//! assert_eq!(compare(r.lower, r.upper, 1313.0, Polarity::NoJudgement)?, Comparison::Lower);
//! # Ok::<(), carestat::Error>(())
//! ```

use crate::change::Polarity;
use crate::error::{Error, Field, Result};

/// The outcome of comparing an area with a benchmark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[repr(u32)]
pub enum Comparison {
    /// No interval (or no benchmark): not compared.
    NotCompared = 0,
    /// Significantly better (interval entirely on the good side).
    Better = 1,
    /// Not significantly different (the interval contains or touches the benchmark).
    Similar = 2,
    /// Significantly worse.
    Worse = 3,
    /// Significantly higher, for a measure without polarity.
    Higher = 4,
    /// Significantly lower, for a measure without polarity.
    Lower = 5,
}

impl Comparison {
    /// Fingertips' label: "Better", "Similar", "Worse", "Higher", "Lower", "Not compared".
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::NotCompared => "Not compared",
            Self::Better => "Better",
            Self::Similar => "Similar",
            Self::Worse => "Worse",
            Self::Higher => "Higher",
            Self::Lower => "Lower",
        }
    }
}

fn check_finite(field: &'static str, value: f64) -> Result<()> {
    if value.is_infinite() {
        Err(Error::NotFinite {
            field: field.into(),
            value,
        })
    } else {
        Ok(())
    }
}

/// Which side of the benchmark an interval lies: `Some(true)` above, `Some(false)` below,
/// `None` touching or containing it. Inputs already checked and not NaN.
fn side(lower: f64, upper: f64, benchmark: f64) -> Option<bool> {
    if lower > benchmark {
        Some(true)
    } else if upper < benchmark {
        Some(false)
    } else {
        None
    }
}

fn judge(side: Option<bool>, polarity: Polarity) -> Comparison {
    match (side, polarity) {
        (None, _) => Comparison::Similar,
        (Some(true), Polarity::HighIsGood) | (Some(false), Polarity::LowIsGood) => {
            Comparison::Better
        }
        (Some(true), Polarity::LowIsGood) | (Some(false), Polarity::HighIsGood) => {
            Comparison::Worse
        }
        (Some(true), Polarity::NoJudgement) => Comparison::Higher,
        (Some(false), Polarity::NoJudgement) => Comparison::Lower,
    }
}

fn check_interval(
    lower_field: &'static str,
    lower: f64,
    upper_field: &'static str,
    upper: f64,
) -> Result<()> {
    check_finite(lower_field, lower)?;
    check_finite(upper_field, upper)?;
    if lower > upper {
        return Err(Error::invalid(
            lower_field,
            format!("the lower limit {lower} is above the upper limit {upper}"),
        ));
    }
    Ok(())
}

/// Compares an area's confidence interval `[lower, upper]` with a benchmark value.
///
/// A missing (NaN) limit or benchmark gives [`Comparison::NotCompared`]. Errors for infinite
/// inputs or a lower limit above the upper.
///
/// ```
/// use carestat::benchmark::{compare, Comparison};
/// use carestat::Polarity;
/// assert_eq!(compare(70.0, 80.0, 65.0, Polarity::HighIsGood)?, Comparison::Better);
/// assert_eq!(compare(70.0, 80.0, 65.0, Polarity::LowIsGood)?, Comparison::Worse);
/// assert_eq!(compare(70.0, 80.0, 80.0, Polarity::HighIsGood)?, Comparison::Similar);
/// // Seed 004: DoLS applications completed per 100,000, Worcestershire 618 against peers'
/// // 625, published without an interval
/// assert_eq!(compare(f64::NAN, f64::NAN, 625.0, Polarity::NoJudgement)?, Comparison::NotCompared);
/// # Ok::<(), carestat::Error>(())
/// ```
pub fn compare(lower: f64, upper: f64, benchmark: f64, polarity: Polarity) -> Result<Comparison> {
    check_finite("benchmark", benchmark)?;
    check_interval("lower", lower, "upper", upper)?;
    if lower.is_nan() || upper.is_nan() || benchmark.is_nan() {
        return Ok(Comparison::NotCompared);
    }
    Ok(judge(side(lower, upper, benchmark), polarity))
}

/// The confidence level at which a two-level comparison is significant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[repr(u32)]
pub enum Level {
    /// Not significant at 95% (or not compared).
    None = 0,
    /// Significant at 95% but not at 99.8%.
    NinetyFive = 1,
    /// Significant at 99.8% (and so at 95%).
    NinetyNinePointEight = 2,
}

/// A comparison at 95% and 99.8% together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct TwoLevelComparison {
    /// Better / worse / higher / lower / similar / not compared.
    pub comparison: Comparison,
    /// The strongest level at which `comparison` holds.
    pub level: Level,
}

/// Compares with both the 95% and the 99.8% interval, as Fingertips' two-level display:
/// outside the 99.8% interval is the strong result, outside only the 95% interval the weak
/// one. The 99.8% interval must contain the 95% interval. Any missing limit or benchmark gives
/// not compared.
///
/// ```
/// use carestat::benchmark::{compare_two_level, Comparison, Level};
/// use carestat::Polarity;
/// let c = compare_two_level((10.5, 12.0), (9.8, 12.9), 10.0, Polarity::LowIsGood)?;
/// assert_eq!((c.comparison, c.level), (Comparison::Worse, Level::NinetyFive));
/// # Ok::<(), carestat::Error>(())
/// ```
pub fn compare_two_level(
    ci95: (f64, f64),
    ci998: (f64, f64),
    benchmark: f64,
    polarity: Polarity,
) -> Result<TwoLevelComparison> {
    check_finite("benchmark", benchmark)?;
    check_interval("lower95", ci95.0, "upper95", ci95.1)?;
    check_interval("lower99_8", ci998.0, "upper99_8", ci998.1)?;
    let any_missing = [ci95.0, ci95.1, ci998.0, ci998.1, benchmark]
        .iter()
        .any(|v| v.is_nan());
    if any_missing {
        return Ok(TwoLevelComparison {
            comparison: Comparison::NotCompared,
            level: Level::None,
        });
    }
    if ci998.0 > ci95.0 || ci998.1 < ci95.1 {
        return Err(Error::invalid(
            "lower99_8",
            "the 99.8% interval must contain the 95% interval",
        ));
    }
    let strong = side(ci998.0, ci998.1, benchmark);
    let weak = side(ci95.0, ci95.1, benchmark);
    let (found, level) = match (strong, weak) {
        (Some(s), _) => (Some(s), Level::NinetyNinePointEight),
        (None, Some(s)) => (Some(s), Level::NinetyFive),
        (None, None) => (None, Level::None),
    };
    Ok(TwoLevelComparison {
        comparison: judge(found, polarity),
        level,
    })
}

/// Non-missing values, sorted ascending; infinities are errors naming the row.
fn sorted_values(values: &[f64]) -> Result<Vec<f64>> {
    let mut out = Vec::with_capacity(values.len());
    for (i, &v) in values.iter().enumerate() {
        if v.is_infinite() {
            return Err(Error::NotFinite {
                field: Field::new("values").at(i),
                value: v,
            });
        }
        if !v.is_nan() {
            out.push(v);
        }
    }
    out.sort_by(f64::total_cmp);
    Ok(out)
}

fn percentile_sorted(sorted: &[f64], p: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let frac = h - lo as f64;
    match sorted.get(lo + 1) {
        Some(&next) if frac > 0.0 => {
            let step = next - sorted[lo];
            if step.is_finite() {
                sorted[lo] + frac * step
            } else {
                // The gap between two finite values can overflow (-1e308 to 1e308); the
                // weighted sum of the two cannot.
                sorted[lo] * (1.0 - frac) + next * frac
            }
        }
        _ => sorted[lo],
    }
}

/// The `p`-th percentile (`p` from 0 to 1) with linear interpolation between order statistics,
/// as Excel's `PERCENTILE.INC`: rank `h = (n - 1) p` (0-based) into the sorted values.
/// Missing values are left out; errors when none is left.
///
/// ```
/// // PERCENTILE.INC({1..10}, 0.2) = 1 + 0.2 × 9 = 2.8
/// let v: Vec<f64> = (1..=10).map(f64::from).collect();
/// assert!((carestat::benchmark::percentile_inc(&v, 0.2)? - 2.8).abs() < 1e-12);
/// # Ok::<(), carestat::Error>(())
/// ```
pub fn percentile_inc(values: &[f64], p: f64) -> Result<f64> {
    if !(0.0..=1.0).contains(&p) {
        return Err(Error::OutOfRange {
            field: "p".into(),
            value: p,
            expected: "a fraction from 0 to 1".into(),
        });
    }
    let sorted = sorted_values(values)?;
    if sorted.is_empty() {
        return Err(Error::TooFew {
            field: "values".into(),
            needed: 1,
            found: 0,
        });
    }
    Ok(percentile_sorted(&sorted, p))
}

/// Quintile bounds: the minimum, the 20th, 40th, 60th and 80th percentiles
/// ([`percentile_inc`]) and the maximum.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Quintiles {
    /// `[min, P20, P40, P60, P80, max]`.
    pub bounds: [f64; 6],
}

impl Quintiles {
    /// The quintile (1 = lowest values, 5 = highest) of `value`: quintile `q` holds the values
    /// above bound `q - 1` and up to and including bound `q`, so a value equal to the 20th
    /// percentile is in quintile 1. Values below the minimum are in quintile 1, above the
    /// maximum in quintile 5. NaN gives `None`.
    ///
    /// ```
    /// let v: Vec<f64> = (1..=10).map(f64::from).collect();
    /// let q = carestat::benchmark::quintiles(&v)?;
    /// assert_eq!(q.quintile(2.8), Some(1));
    /// assert_eq!(q.quintile(2.9), Some(2));
    /// assert_eq!(q.quintile(10.0), Some(5));
    /// # Ok::<(), carestat::Error>(())
    /// ```
    #[must_use]
    pub fn quintile(&self, value: f64) -> Option<u8> {
        if value.is_nan() {
            return None;
        }
        let q = self.bounds[1..5]
            .iter()
            .position(|&b| value <= b)
            .unwrap_or(4);
        Some(q as u8 + 1)
    }
}

/// Quintile bounds of a group of at least 5 non-missing values ([`Error::TooFew`] otherwise).
///
/// ```
/// let q = carestat::benchmark::quintiles(&[5.0, 1.0, 3.0, 2.0, 4.0])?;
/// assert_eq!(q.bounds, [1.0, 1.8, 2.6, 3.4, 4.2, 5.0]);
/// assert!(carestat::benchmark::quintiles(&[1.0, 2.0, 3.0, 4.0, f64::NAN]).is_err());
/// # Ok::<(), carestat::Error>(())
/// ```
pub fn quintiles(values: &[f64]) -> Result<Quintiles> {
    let sorted = sorted_values(values)?;
    if sorted.len() < 5 {
        return Err(Error::TooFew {
            field: "values".into(),
            needed: 5,
            found: sorted.len(),
        });
    }
    let mut bounds = [0.0; 6];
    for (k, b) in bounds.iter_mut().enumerate() {
        *b = percentile_sorted(&sorted, k as f64 / 5.0);
    }
    Ok(Quintiles { bounds })
}

/// Which end of a group is ranked first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[repr(u32)]
pub enum RankOrder {
    /// The highest value is rank 1.
    HighestFirst = 0,
    /// The lowest value is rank 1.
    LowestFirst = 1,
}

impl RankOrder {
    /// The order that puts the best value first: highest first when high is good, lowest
    /// first when low is good, `None` for a measure without polarity.
    ///
    /// ```
    /// use carestat::benchmark::RankOrder;
    /// use carestat::Polarity;
    /// assert_eq!(RankOrder::best_first(Polarity::LowIsGood), Some(RankOrder::LowestFirst));
    /// ```
    #[must_use]
    pub const fn best_first(polarity: Polarity) -> Option<Self> {
        match polarity {
            Polarity::HighIsGood => Some(Self::HighestFirst),
            Polarity::LowIsGood => Some(Self::LowestFirst),
            Polarity::NoJudgement => None,
        }
    }
}

/// A rank within a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Rank {
    /// 1 + the number of values strictly ahead.
    pub rank: usize,
    /// The number of non-missing values in the group.
    pub of: usize,
    /// How many *other* values equal this one.
    pub tied: usize,
}

/// The rank of `values[index]` within `values` (the group includes the area itself).
///
/// Ties use standard competition ranking ("1224"): tied values share the best of their ranks
/// and the next rank is skipped, so a rank always means "1 + the number of areas strictly
/// ahead". Missing values are left out of the group; a missing value at `index` gives `None`.
///
/// ```
/// use carestat::benchmark::{rank, Rank, RankOrder};
/// let group = [618.0, 700.0, 550.0, 700.0, f64::NAN];
/// assert_eq!(rank(&group, 3, RankOrder::HighestFirst)?, Some(Rank { rank: 1, of: 4, tied: 1 }));
/// assert_eq!(rank(&group, 0, RankOrder::HighestFirst)?, Some(Rank { rank: 3, of: 4, tied: 0 }));
/// assert_eq!(rank(&group, 4, RankOrder::HighestFirst)?, None);
/// # Ok::<(), carestat::Error>(())
/// ```
pub fn rank(values: &[f64], index: usize, order: RankOrder) -> Result<Option<Rank>> {
    let Some(&value) = values.get(index) else {
        return Err(Error::OutOfRange {
            field: "index".into(),
            value: index as f64,
            expected: format!("an index below the group's length {}", values.len()).into(),
        });
    };
    let sorted = sorted_values(values)?;
    if value.is_nan() {
        return Ok(None);
    }
    let ahead = sorted
        .iter()
        .filter(|&&v| match order {
            RankOrder::HighestFirst => v > value,
            RankOrder::LowestFirst => v < value,
        })
        .count();
    let equal = sorted.iter().filter(|&&v| v == value).count();
    Ok(Some(Rank {
        rank: ahead + 1,
        of: sorted.len(),
        tied: equal - 1,
    }))
}

/// A value's difference from a reference value (a comparator average, a benchmark).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Difference {
    /// The reference value.
    pub reference: f64,
    /// `value - reference`.
    pub difference: f64,
    /// `(value - reference) / reference × 100`; NaN when the reference is 0 or missing.
    pub percent_difference: f64,
}

/// The difference of `value` from `reference`. A difference or percentage beyond the doubles
/// (1e308 from -1e308, or any change from a reference of 1e-310) is an error, never infinity.
///
/// ```
/// // Seed 004: DoLS applications completed per 100,000, "peers 625 and WCC 618"
/// let d = carestat::benchmark::difference_from(618.0, 625.0)?;
/// assert_eq!(d.difference, -7.0);
/// assert!((d.percent_difference - (-1.12)).abs() < 1e-12);
/// # Ok::<(), carestat::Error>(())
/// ```
pub fn difference_from(value: f64, reference: f64) -> Result<Difference> {
    check_finite("value", value)?;
    check_finite("reference", reference)?;
    let difference = value - reference;
    let percent_difference = if reference == 0.0 {
        f64::NAN
    } else {
        difference / reference * 100.0
    };
    if difference.is_infinite() || percent_difference.is_infinite() {
        return Err(Error::invalid(
            "value",
            "too large: the difference from the reference overflows a double",
        ));
    }
    Ok(Difference {
        reference,
        difference,
        percent_difference,
    })
}

/// The arithmetic mean of a comparator group's non-missing values (errors when there are
/// none). Whether the group includes the area itself is the caller's choice: CIPFA nearest
/// neighbours, for instance, are the 15 *other* councils.
///
/// ```
/// assert_eq!(carestat::benchmark::comparator_average(&[600.0, f64::NAN, 650.0])?, 625.0);
/// # Ok::<(), carestat::Error>(())
/// ```
pub fn comparator_average(group: &[f64]) -> Result<f64> {
    let sorted = sorted_values(group)?;
    if sorted.is_empty() {
        return Err(Error::TooFew {
            field: "values".into(),
            needed: 1,
            found: 0,
        });
    }
    let n = sorted.len() as f64;
    let mean = sorted.iter().sum::<f64>() / n;
    if mean.is_finite() {
        Ok(mean)
    } else {
        // The sum of finite values can overflow; the sum of each over n cannot.
        Ok(sorted.iter().map(|v| v / n).sum())
    }
}

/// The difference of `value` from the mean of `group` ([`comparator_average`]).
///
/// ```
/// let d = carestat::benchmark::difference_from_average(618.0, &[600.0, 650.0])?;
/// assert_eq!((d.reference, d.difference), (625.0, -7.0));
/// # Ok::<(), carestat::Error>(())
/// ```
pub fn difference_from_average(value: f64, group: &[f64]) -> Result<Difference> {
    difference_from(value, comparator_average(group)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_near_the_largest_double_stay_finite() {
        // Found by the ffi_abi fuzz target. The 50th percentile of {-M, M} is halfway:
        // -M * 0.5 + M * 0.5 = 0, though M - (-M) overflows.
        let m = f64::MAX;
        assert_eq!(percentile_inc(&[-m, m], 0.5).unwrap(), 0.0);
        // The mean of {M, M} is M, though M + M overflows.
        assert_eq!(comparator_average(&[m, m]).unwrap(), m);
        // 1 from a reference of 2^-1035 (subnormal): 1 / 2^-1035 * 100 overflows.
        let tiny = f64::from_bits(0x0000_0100_0000_0000);
        assert!(difference_from(1.0 + tiny, tiny).is_err());
        // M from -M: the difference overflows.
        assert!(difference_from(m, -m).is_err());
        // Just inside: 1e308 from 0 is fine (no percentage).
        let d = difference_from(1e308, 0.0).unwrap();
        assert_eq!(d.difference, 1e308);
        assert!(d.percent_difference.is_nan());
    }

    #[test]
    fn limits_equal_to_the_benchmark_are_similar() {
        for polarity in [
            Polarity::HighIsGood,
            Polarity::LowIsGood,
            Polarity::NoJudgement,
        ] {
            assert_eq!(
                compare(10.0, 12.0, 10.0, polarity).unwrap(),
                Comparison::Similar
            );
            assert_eq!(
                compare(8.0, 10.0, 10.0, polarity).unwrap(),
                Comparison::Similar
            );
            // a zero-width interval equal to the benchmark
            assert_eq!(
                compare(10.0, 10.0, 10.0, polarity).unwrap(),
                Comparison::Similar
            );
        }
        assert_eq!(
            compare(10.0, 12.0, 9.999, Polarity::NoJudgement).unwrap(),
            Comparison::Higher
        );
    }

    #[test]
    fn bad_intervals_are_errors() {
        assert!(compare(12.0, 10.0, 11.0, Polarity::HighIsGood).is_err());
        assert!(compare(f64::NEG_INFINITY, 10.0, 11.0, Polarity::HighIsGood).is_err());
        assert!(compare(1.0, 2.0, f64::INFINITY, Polarity::HighIsGood).is_err());
        // 99.8% narrower than 95%
        assert!(compare_two_level((1.0, 3.0), (1.5, 3.5), 0.0, Polarity::HighIsGood).is_err());
    }

    #[test]
    fn two_level_reports_the_stronger_level() {
        let c = compare_two_level((5.0, 6.0), (4.5, 6.5), 4.0, Polarity::HighIsGood).unwrap();
        assert_eq!(
            (c.comparison, c.level),
            (Comparison::Better, Level::NinetyNinePointEight)
        );
        let c = compare_two_level((5.0, 6.0), (3.5, 6.5), 4.0, Polarity::HighIsGood).unwrap();
        assert_eq!(
            (c.comparison, c.level),
            (Comparison::Better, Level::NinetyFive)
        );
        let c = compare_two_level((3.0, 6.0), (2.5, 6.5), 4.0, Polarity::HighIsGood).unwrap();
        assert_eq!((c.comparison, c.level), (Comparison::Similar, Level::None));
        let c = compare_two_level((3.0, 6.0), (f64::NAN, 6.5), 4.0, Polarity::HighIsGood).unwrap();
        assert_eq!(c.comparison, Comparison::NotCompared);
    }

    #[test]
    fn rank_rejects_bad_index_and_infinities() {
        assert!(rank(&[1.0, 2.0], 2, RankOrder::LowestFirst).is_err());
        let e = rank(&[1.0, f64::INFINITY], 0, RankOrder::LowestFirst).unwrap_err();
        assert_eq!(e.to_string(), "values at row 1: must be finite (got inf)");
    }
}
