//! Assigning areas to quantiles (deciles, quintiles, ...) of their values, as
//! PHEindicatormethods `phe_quantile` (OHID technical guide, "Assigning deprivation
//! categories").
//!
//! Within each group, areas with a value are ranked (ties take the lowest rank) and area `r`
//! of `N` goes to quantile `floor((q + 1) - ceiling((N + 1 - r) / (N / q)))`, read as 1
//! when it comes to 0. With `invert` the ranking is on `max - value`, so the highest values go
//! to quantile 1: invert when low values are good, so that quantile 1 is always the worst.
//!
//! A group with fewer areas (with values) than quantiles gets no quantiles: its areas are
//! missing and the group is reported ([`QuantileAssignment::too_few`]), or, with
//! [`TooFewAreas::Error`], it is an error. Missing values are never assigned.

use std::collections::HashMap;

use crate::change::Polarity;
use crate::error::{check_len, Error, Field, Result};

/// What to do with a group that has fewer areas than quantiles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TooFewAreas {
    /// Leave its areas without a quantile and list the group (the reference's warning).
    #[default]
    Missing,
    /// Fail with [`Error::TooFew`] naming the group.
    Error,
}

/// The quantile of each area, and the groups that were too small to divide.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QuantileAssignment {
    /// Quantile of each row (1 = lowest values, or highest when inverted); `None` for a
    /// missing value or a group with too few areas.
    pub quantiles: Vec<Option<u32>>,
    /// Group ids that had fewer areas with values than quantiles, in order of first row.
    pub too_few: Vec<usize>,
}

/// Whether to invert for a polarity, so that quantile 1 holds the worst values: `Some(true)`
/// when low is good, `Some(false)` when high is good, `None` without a judgement.
///
/// ```
/// use carestat::{quantile_groups::invert_for, Polarity};
/// assert_eq!(invert_for(Polarity::LowIsGood), Some(true));
/// ```
#[must_use]
pub fn invert_for(polarity: Polarity) -> Option<bool> {
    match polarity {
        Polarity::LowIsGood => Some(true),
        Polarity::HighIsGood => Some(false),
        Polarity::NoJudgement => None,
    }
}

fn check_nquantiles(nquantiles: u32) -> Result<()> {
    if nquantiles == 0 {
        return Err(Error::OutOfRange {
            field: "nquantiles".into(),
            value: 0.0,
            expected: "at least 1".into(),
        });
    }
    Ok(())
}

/// Quantiles of one group's values (`None` for missing values).
///
/// Returns `Ok(None)` when the group has fewer values than quantiles.
///
/// ```
/// use carestat::quantile_groups::quantiles_of;
/// let q = quantiles_of(&[5.0, 1.0, 3.0, 2.0, 4.0], 5, false)?.unwrap();
/// assert_eq!(q, vec![Some(5), Some(1), Some(3), Some(2), Some(4)]);
/// let inverted = quantiles_of(&[5.0, 1.0, 3.0, 2.0, 4.0], 5, true)?.unwrap();
/// assert_eq!(inverted[0], Some(1));
/// assert_eq!(quantiles_of(&[1.0, 2.0], 5, false)?, None);
/// # Ok::<(), carestat::Error>(())
/// ```
pub fn quantiles_of(
    values: &[f64],
    nquantiles: u32,
    invert: bool,
) -> Result<Option<Vec<Option<u32>>>> {
    check_nquantiles(nquantiles)?;
    check_values(values)?;
    let rows: Vec<usize> = (0..values.len()).collect();
    let mut out = vec![None; values.len()];
    let ok = assign_group(values, &rows, nquantiles, invert, &mut out);
    Ok(ok.then_some(out))
}

fn check_values(values: &[f64]) -> Result<()> {
    for (i, &v) in values.iter().enumerate() {
        if v.is_infinite() {
            return Err(Error::NotFinite {
                field: Field::new("values").at(i),
                value: v,
            });
        }
    }
    Ok(())
}

/// Assigns the quantiles of the rows `rows` of `values`; false when there are too few.
fn assign_group(
    values: &[f64],
    rows: &[usize],
    nquantiles: u32,
    invert: bool,
    out: &mut [Option<u32>],
) -> bool {
    let present: Vec<usize> = rows
        .iter()
        .copied()
        .filter(|&r| !values[r].is_nan())
        .collect();
    let n = present.len();
    if n < nquantiles as usize {
        return false;
    }
    let max = present
        .iter()
        .map(|&r| values[r])
        .fold(f64::NEG_INFINITY, f64::max);
    // Ranked on max - value when inverted, exactly as the reference computes it.
    let adjusted = |r: usize| if invert { max - values[r] } else { values[r] };
    let mut sorted: Vec<f64> = present.iter().map(|&r| adjusted(r)).collect();
    sorted.sort_by(f64::total_cmp);
    let nq = f64::from(nquantiles);
    let per_quantile = n as f64 / nq;
    for &r in &present {
        let a = adjusted(r);
        // rank with ties at the minimum: 1 + number of values strictly below
        let rank = sorted.partition_point(|&v| v < a) + 1;
        let q = ((nq + 1.0) - ((n + 1 - rank) as f64 / per_quantile).ceil()).floor();
        out[r] = Some(if q <= 0.0 { 1 } else { q as u32 });
    }
    true
}

/// Quantiles within groups: `groups[i]` is the group id of row `i` (any numbering, rows of a
/// group need not be adjacent) and `invert[i]` its direction, which must be the same for
/// every row of a group.
///
/// Errors: arrays of different lengths, `nquantiles` of 0, an infinite value, an `invert`
/// that differs within a group (naming the row and group), and, with
/// [`TooFewAreas::Error`], a group with fewer values than quantiles.
///
/// ```
/// use carestat::quantile_groups::{assign_quantiles, TooFewAreas};
/// let values = [1.0, 2.0, 3.0, 4.0, 10.0, 20.0];
/// let groups = [0, 0, 0, 0, 1, 1];
/// let q = assign_quantiles(&values, &groups, &[false; 6], 2, TooFewAreas::Missing)?;
/// assert_eq!(q.quantiles, vec![Some(1), Some(1), Some(2), Some(2), Some(1), Some(2)]);
/// let q = assign_quantiles(&values, &groups, &[false; 6], 3, TooFewAreas::Missing)?;
/// assert_eq!(q.too_few, vec![1]);
/// assert_eq!(q.quantiles[5], None);
/// assert!(assign_quantiles(&values, &groups, &[false; 6], 3, TooFewAreas::Error).is_err());
/// # Ok::<(), carestat::Error>(())
/// ```
pub fn assign_quantiles(
    values: &[f64],
    groups: &[usize],
    invert: &[bool],
    nquantiles: u32,
    too_few: TooFewAreas,
) -> Result<QuantileAssignment> {
    check_nquantiles(nquantiles)?;
    check_len("groups", groups.len(), "values", values.len())?;
    check_len("invert", invert.len(), "values", values.len())?;
    check_values(values)?;
    // Rows of each group, groups in order of first appearance.
    let mut index: HashMap<usize, usize> = HashMap::new();
    let mut members: Vec<(usize, Vec<usize>)> = Vec::new();
    for (row, &g) in groups.iter().enumerate() {
        let slot = *index.entry(g).or_insert_with(|| {
            members.push((g, Vec::new()));
            members.len() - 1
        });
        let rows = &mut members[slot].1;
        if let Some(&first) = rows.first() {
            if invert[row] != invert[first] {
                return Err(Error::invalid(
                    Field::new("invert").at(row),
                    format!(
                        "must take the same value for every row of a group (group {g} has \
                         {} at row {first} and {} here)",
                        invert[first], invert[row]
                    ),
                ));
            }
        }
        rows.push(row);
    }
    let mut result = QuantileAssignment {
        quantiles: vec![None; values.len()],
        too_few: Vec::new(),
    };
    for (g, rows) in &members {
        if !assign_group(
            values,
            rows,
            nquantiles,
            invert[rows[0]],
            &mut result.quantiles,
        ) {
            if too_few == TooFewAreas::Error {
                let found = rows.iter().filter(|&&r| !values[r].is_nan()).count();
                return Err(Error::TooFew {
                    field: Field::owned(format!("values of group {g}")),
                    needed: nquantiles as usize,
                    found,
                });
            }
            result.too_few.push(*g);
        }
    }
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_share_the_lowest_rank() {
        // 10 values with a tie at ranks 3-4: both rank 3.
        let v = [1.0, 2.0, 3.0, 3.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0];
        let q = quantiles_of(&v, 10, false).unwrap().unwrap();
        // N = 10, q = 10: quantile = floor(11 - ceil((11 - rank) / 1)) = rank
        assert_eq!(q[2], Some(3));
        assert_eq!(q[3], Some(3));
        assert_eq!(q[4], Some(5));
    }

    #[test]
    fn differing_invert_in_a_group_is_an_error() {
        let e = assign_quantiles(
            &[1.0, 2.0, 3.0],
            &[7, 7, 7],
            &[true, true, false],
            2,
            TooFewAreas::Missing,
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "invert at row 2: must take the same value for every row of a group (group 7 has \
             true at row 0 and false here)"
        );
    }

    #[test]
    fn missing_values_are_not_counted() {
        let q = quantiles_of(&[1.0, f64::NAN, 2.0], 2, false)
            .unwrap()
            .unwrap();
        assert_eq!(q, vec![Some(1), None, Some(2)]);
        assert_eq!(quantiles_of(&[1.0, f64::NAN], 2, false).unwrap(), None);
    }
}
