//! Disclosure control for a whole two-way table with its margins: primary suppression by a
//! [`SuppressionRule`], then **secondary** suppression so that no hidden cell can be worked
//! out from the published cells, row totals, column totals and grand total.
//!
//! A reader knows that each row of the table adds up to its total, each column to its total,
//! and the totals to the grand total. Write the margins with a minus sign and every row and
//! column of the `(rows + 1) x (cols + 1)` table adds up to zero; a hidden cell is then an
//! edge between its row and its column, and it can be worked out exactly if and only if it
//! lies on no cycle of hidden cells (a cycle lets `+t, -t, +t, -t` move round it without
//! changing any total). So each hidden cell that is on no cycle gets partners: the cheapest
//! rectangle `(i, j), (i, j'), (i', j'), (i', j)` through it, counting cells already hidden
//! as free, preferring small non-zero interior cells to totals (the usual least information
//! loss, as sdcTable's and tau-Argus' hypercube method do), until every hidden cell is on a
//! cycle.
//!
//! What it guarantees: no hidden cell is determined by the published figures taken as exact
//! (rounding the shown figures only hides more). It does not compute protection intervals:
//! that counts are not negative can still narrow a hidden cell's range.
//!
//! ```
//! use carestat::disclosure::{protect_table, Protection, SuppressionRule};
//! // 2 x 2 counts with one small cell (3): its row and column total would reveal it.
//! let t = protect_table(&[3.0, 40.0, 25.0, 60.0], 2, 2, &SuppressionRule::safeguarding_adults())?;
//! assert_eq!(t.protection(0, 0), Protection::Primary);
//! // Its rectangle partners are hidden too; every other cell is shown, rounded to 5.
//! assert_eq!(t.hidden_count(), 4);
//! assert_eq!(t.cell(2, 2).value, 130.0); // the grand total, 128, rounded to 5
//! # Ok::<(), carestat::Error>(())
//! ```

use super::disclosure::{Published, Status, SuppressionRule};
use crate::error::{check_len, Error, Field, Result};

/// Why a cell of a protected table is shown or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[repr(u32)]
pub enum Protection {
    /// Published (rounded as the rule says).
    Shown = 0,
    /// Hidden because the rule suppresses its count.
    Primary = 1,
    /// Hidden so that a primary cell cannot be worked out from the totals.
    Secondary = 2,
}

impl Protection {
    /// `"shown"`, `"primary"` or `"secondary"`.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::Shown => "shown",
            Self::Primary => "primary",
            Self::Secondary => "secondary",
        }
    }
}

/// A table after protection: `(rows + 1) x (cols + 1)` cells in row-major order, the last
/// column holding the row totals, the last row the column totals, the last cell the grand
/// total.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ProtectedTable {
    /// Rows of counts (without the total row).
    pub rows: usize,
    /// Columns of counts (without the total column).
    pub cols: usize,
    /// The unrounded counts and totals, row-major with the margins.
    pub counts: Vec<f64>,
    /// What is published of each cell: the rounded count, or NaN with status suppressed.
    pub published: Vec<Published>,
    /// Why each cell is shown or hidden.
    pub protection: Vec<Protection>,
}

impl ProtectedTable {
    fn at(&self, row: usize, col: usize) -> usize {
        assert!(
            row <= self.rows && col <= self.cols,
            "cell outside the table"
        );
        row * (self.cols + 1) + col
    }

    /// The published cell at `row`, `col` (`rows` is the total row, `cols` the total column).
    #[must_use]
    pub fn cell(&self, row: usize, col: usize) -> Published {
        self.published[self.at(row, col)]
    }

    /// Why the cell at `row`, `col` is shown or hidden.
    #[must_use]
    pub fn protection(&self, row: usize, col: usize) -> Protection {
        self.protection[self.at(row, col)]
    }

    /// How many cells (margins included) are hidden.
    #[must_use]
    pub fn hidden_count(&self) -> usize {
        self.protection
            .iter()
            .filter(|&&p| p != Protection::Shown)
            .count()
    }
}

/// The hidden cells that a reader could work out exactly from the others and the totals: a
/// hidden cell on no cycle of hidden cells. `hidden` is `(rows + 1) x (cols + 1)`, row-major
/// with the margins. Positions in row-major order.
#[must_use]
pub fn recoverable_cells(hidden: &[bool], rows: usize, cols: usize) -> Vec<usize> {
    let (r, c) = (rows + 1, cols + 1);
    (0..hidden.len().min(r * c))
        .filter(|&k| hidden[k] && !on_cycle(hidden, r, c, k))
        .collect()
}

/// True when hidden cell `k` is on a cycle of hidden cells: its row and column are still
/// joined through other hidden cells when it is left out.
fn on_cycle(hidden: &[bool], r: usize, c: usize, k: usize) -> bool {
    let (start, goal) = (k / c, r + k % c);
    let mut seen = vec![false; r + c];
    let mut stack = vec![start];
    seen[start] = true;
    while let Some(node) = stack.pop() {
        if node == goal {
            return true;
        }
        let next: Vec<usize> = if node < r {
            (0..c)
                .filter(|&j| node * c + j != k && hidden[node * c + j])
                .map(|j| r + j)
                .collect()
        } else {
            let j = node - r;
            (0..r)
                .filter(|&i| i * c + j != k && hidden[i * c + j])
                .collect()
        };
        for n in next {
            if !seen[n] {
                seen[n] = true;
                stack.push(n);
            }
        }
    }
    false
}

/// The cost of hiding a cell as a secondary: its count, more for a zero (hiding a zero
/// protects little), much more for a total and most for the grand total.
fn cost(value: f64, row: usize, col: usize, rows: usize, cols: usize) -> f64 {
    let margins = usize::from(row == rows) + usize::from(col == cols);
    let zero = if value == 0.0 { 1.0e9 } else { 0.0 };
    value + zero + 1.0e12 * margins as f64
}

/// Protects a `rows x cols` table of counts (row-major) with its row, column and grand
/// totals: primary suppression by `rule` (a total in the rule's range is primary too), then
/// secondary suppression until no hidden cell can be worked out (see the module).
///
/// Errors: `counts` not `rows * cols` long, an empty table, a negative, fractional, infinite
/// or missing count (a missing count leaves the totals unknown: give 0 or leave the table's
/// margins out); the error's row is the cell's row-major position.
pub fn protect_table(
    counts: &[f64],
    rows: usize,
    cols: usize,
    rule: &SuppressionRule,
) -> Result<ProtectedTable> {
    if rows == 0 || cols == 0 {
        return Err(Error::invalid("counts", "a table needs a row and a column"));
    }
    check_len("counts", counts.len(), "rows * cols", rows * cols)?;
    for (k, &x) in counts.iter().enumerate() {
        if x.is_nan() {
            let mut at = Field::new("counts");
            at.row = Some(k);
            return Err(Error::invalid(
                at,
                format!(
                    "the cell in row {}, column {} is missing: the totals would be unknown",
                    k / cols,
                    k % cols
                ),
            ));
        }
        rule.apply(x).map_err(|e| e.at_row(k))?;
    }
    let (r, c) = (rows + 1, cols + 1);
    let mut full = vec![0.0; r * c];
    for i in 0..rows {
        for j in 0..cols {
            let x = counts[i * cols + j];
            full[i * c + j] = x;
            full[i * c + cols] += x;
            full[rows * c + j] += x;
            full[rows * c + cols] += x;
        }
    }
    let mut protection: Vec<Protection> = full
        .iter()
        .map(|&x| {
            if rule.suppresses(x as u64) {
                Protection::Primary
            } else {
                Protection::Shown
            }
        })
        .collect();
    loop {
        let hidden: Vec<bool> = protection.iter().map(|&p| p != Protection::Shown).collect();
        let Some(&k) = recoverable_cells(&hidden, rows, cols).first() else {
            break;
        };
        let (i, j) = (k / c, k % c);
        let extra = |a: usize, b: usize| {
            if hidden[a * c + b] {
                0.0
            } else {
                cost(full[a * c + b], a, b, rows, cols)
            }
        };
        let mut best: Option<(f64, usize, usize)> = None;
        for i2 in (0..r).filter(|&x| x != i) {
            for j2 in (0..c).filter(|&x| x != j) {
                let total = extra(i, j2) + extra(i2, j) + extra(i2, j2);
                if best.is_none_or(|(b, _, _)| total < b) {
                    best = Some((total, i2, j2));
                }
            }
        }
        // r, c >= 2, so a rectangle always exists.
        let Some((_, i2, j2)) = best else {
            return Err(Error::invalid("counts", "a table needs a row and a column"));
        };
        for (a, b) in [(i, j2), (i2, j), (i2, j2)] {
            if protection[a * c + b] == Protection::Shown {
                protection[a * c + b] = Protection::Secondary;
            }
        }
    }
    let published = full
        .iter()
        .zip(&protection)
        .map(|(&x, &p)| {
            if p == Protection::Shown {
                rule.apply(x)
            } else {
                Ok(Published {
                    value: f64::NAN,
                    status: Status::Suppressed,
                })
            }
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(ProtectedTable {
        rows,
        cols,
        counts: full,
        published,
        protection,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sac() -> SuppressionRule {
        SuppressionRule::safeguarding_adults()
    }

    fn hidden(t: &ProtectedTable) -> Vec<bool> {
        t.protection
            .iter()
            .map(|&p| p != Protection::Shown)
            .collect()
    }

    #[test]
    fn one_small_cell_of_a_3x3_table_gets_a_rectangle() {
        // Worked by hand. Counts
        //   3  40  25 | 68
        //  30  50  60 | 140
        //  20  35  45 | 100
        //  53 125 130 | 308
        // 3 is primary (0-4). Alone in its row, the row total 68 minus 40 and 25 gives it:
        // the cheapest rectangle through it is (0,0) (0,2) (2,2) (2,0): 25 + 45 + 20 = 90
        // against e.g. 40 + 35 + 20 = 95 or 25 + 60 + 30 = 115.
        let t = protect_table(
            &[3.0, 40.0, 25.0, 30.0, 50.0, 60.0, 20.0, 35.0, 45.0],
            3,
            3,
            &sac(),
        )
        .unwrap();
        let want: Vec<(usize, usize, Protection)> = vec![
            (0, 0, Protection::Primary),
            (0, 2, Protection::Secondary),
            (2, 0, Protection::Secondary),
            (2, 2, Protection::Secondary),
        ];
        assert_eq!(t.hidden_count(), 4);
        for (i, j, p) in want {
            assert_eq!(t.protection(i, j), p, "({i}, {j})");
            assert!(t.cell(i, j).value.is_nan());
        }
        // Totals are shown, rounded to 5 (68 -> 70, 308 -> 310).
        assert_eq!(t.cell(0, 3).value, 70.0);
        assert_eq!(t.cell(3, 3).value, 310.0);
        assert!(recoverable_cells(&hidden(&t), 3, 3).is_empty());
    }

    #[test]
    fn a_lone_hidden_cell_is_recoverable_and_a_rectangle_is_not() {
        // 2 x 2 with margins: a 3 x 3 grid. One hidden cell: recoverable (row 0's others and
        // its total give it). A rectangle of four: none is.
        let mut h = vec![false; 9];
        h[0] = true;
        assert_eq!(recoverable_cells(&h, 2, 2), vec![0]);
        for k in [1, 3, 4] {
            h[k] = true;
        }
        assert!(recoverable_cells(&h, 2, 2).is_empty());
        // Two hidden in one row but in columns with no other hidden cell: both recoverable
        // from their column totals.
        let mut h = vec![false; 9];
        h[0] = true;
        h[1] = true;
        assert_eq!(recoverable_cells(&h, 2, 2), vec![0, 1]);
    }

    #[test]
    fn a_small_total_is_primary_and_protected() {
        // 1 + 2 = 3: the row total is in 0-4 too; 1 and 2 are primary, so is their total;
        // the column totals 6 and 52 would give them away, so each needs a partner.
        let t = protect_table(&[1.0, 2.0, 5.0, 50.0], 2, 2, &sac()).unwrap();
        assert_eq!(t.protection(0, 2), Protection::Primary);
        assert!(recoverable_cells(&hidden(&t), 2, 2).is_empty());
        assert_eq!(t.protection(0, 0), Protection::Primary);
        assert_eq!(t.protection(0, 1), Protection::Primary);
    }

    #[test]
    fn nothing_small_hides_nothing() {
        let t = protect_table(&[10.0, 20.0, 30.0, 40.0], 2, 2, &sac()).unwrap();
        assert_eq!(t.hidden_count(), 0);
        assert_eq!(t.cell(2, 2).value, 100.0);
    }

    #[test]
    fn bad_tables_are_errors_naming_the_cell() {
        let e = protect_table(&[1.0, 2.0, 3.0], 2, 2, &sac()).unwrap_err();
        assert!(matches!(e, Error::LengthMismatch { .. }), "{e}");
        let e = protect_table(&[1.0, -2.0, 3.0, 4.0], 2, 2, &sac()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "count at row 1: must not be negative (got -2)"
        );
        let e = protect_table(&[1.0, 2.0, f64::NAN, 4.0], 2, 2, &sac()).unwrap_err();
        assert!(e.to_string().contains("row 1, column 0 is missing"), "{e}");
        assert!(protect_table(&[], 0, 2, &sac()).is_err());
    }
}
