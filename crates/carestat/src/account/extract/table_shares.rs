//! Table rows of counts with their shares: "2017 | 148 (1.0%) | 10,631 (73.3%) | 3,400
//! (23.5%) | 312 (2.2%) | 14,491 (100.0%)", the way councils, CQC and parliamentary answers
//! print a distribution (by rating, by age band, by service) one row per year.
//!
//! A row is read only when it says itself what its shares are of: exactly one cell is the
//! total ("T (100%)"), at least two other cells are "N (P%)", and those shares add up to 100
//! within their rounding (so they are the whole breakdown, not a selection, and they are
//! shares of the row, not of a column). Then each "N (P%)" is a share N / T stated as P, and
//! the parts add up to T. A row with anything else in its cells (a bare count, a second
//! 100%) is left as not understood.

use super::numbers::{Kind, Number};
use super::parts;
use super::words::squash;
use super::Draft;
use crate::account::claims::ClaimKind;
use crate::account::dataset::Part;

/// One cell "N (P%)".
struct Cell {
    /// The cell's column, counting from 0.
    column: usize,
    count: Number,
    percent: Number,
}

pub(crate) fn table_shares(d: &mut Draft<'_>) {
    let headers = headers(d);
    for (si, &header_at) in headers.iter().enumerate() {
        let s = &d.sentences()[si];
        if s.table && s.numbers.len() >= 6 {
            row(d, si, header_at);
        }
    }
}

fn row(d: &mut Draft<'_>, si: usize, header_at: Option<usize>) {
    let s = d.sentences()[si].clone();
    let text = d.sentence(si);
    let base = s.span.start;
    let mut cells = Vec::new();
    let mut first_cell = String::new();
    let mut at = 0;
    for (column, cell) in text.split('\t').enumerate() {
        let (start, end) = (base + at, base + at + cell.len());
        at += cell.len() + 1;
        let inside: Vec<&Number> = s
            .numbers
            .iter()
            .filter(|n| n.span.start >= start && n.span.end <= end)
            .collect();
        if column == 0 && inside.is_empty() {
            first_cell = squash(cell);
            continue;
        }
        match pair(d, cell, start, &inside) {
            Some((count, percent)) => cells.push(Cell {
                column,
                count,
                percent,
            }),
            // Every number of the row must be in an "N (P%)" cell.
            None if !inside.is_empty() => return,
            None => {}
        }
    }
    let totals: Vec<usize> = (0..cells.len())
        .filter(|&i| cells[i].percent.value == 100.0)
        .collect();
    let [ti] = totals[..] else { return };
    let parts: Vec<&Cell> = cells
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != ti)
        .map(|(_, c)| c)
        .collect();
    let total = &cells[ti];
    if parts.len() < 2 || parts.iter().any(|c| c.count.value > total.count.value) {
        return;
    }
    // The stated shares add up to 100 within their rounding.
    let sum: f64 = parts.iter().map(|c| c.percent.value).sum();
    let slack: f64 = parts
        .iter()
        .map(|c| 0.5 * 10f64.powi(-c.percent.decimals))
        .sum();
    if (sum - 100.0).abs() > slack + 1e-9 {
        d.leave(
            &total.count,
            "a table row whose shares do not make up its 100%: not read as a breakdown",
        );
        return;
    }
    let header = header(d, header_at);
    let label = |c: &Cell| {
        let col = header.get(c.column).cloned().unwrap_or_default();
        squash(&format!("{first_cell} {col}"))
    };
    let total_label = label(total);
    let Some(t) = d.figure(si, &total.count, &total_label) else {
        return;
    };
    let mut breakdown = Vec::new();
    for c in &parts {
        let l = label(c);
        let Some(n) = d.figure(si, &c.count, &l) else {
            return;
        };
        let words = d.text(super::Span::new(c.count.span.start, c.percent.span.end + 1));
        let words = words.to_owned();
        let mut claim = d.claim(ClaimKind::Share, &l, &words, si);
        claim.numerator = Some(n);
        claim.denominator = Some(t.clone());
        claim.stated = Some(c.percent.value);
        claim.decimals = Some(c.percent.decimals);
        if d.push_claim(claim) {
            d.use_number(&c.percent);
        }
        breakdown.push(Part::new(l, c.count.value));
    }
    d.use_number(&total.percent);
    let quote = d.sentence(si).to_owned();
    let numbers: Vec<Number> = parts.iter().map(|c| c.count.clone()).collect();
    parts::add(
        d,
        &format!("{total_label} by column"),
        t,
        0,
        breakdown,
        quote,
        si,
        numbers.iter(),
    );
}

/// The cell's count and percentage when the cell is exactly "N (P%)".
fn pair(d: &Draft<'_>, cell: &str, start: usize, inside: &[&Number]) -> Option<(Number, Number)> {
    let [c, p] = inside else { return None };
    if c.kind != Kind::Count || p.kind != Kind::Percent || c.decimals != 0 {
        return None;
    }
    let between = d.text(super::Span::new(c.span.end, p.span.start));
    let before = &cell[..c.span.start - start];
    let after = &cell[p.span.end - start..];
    (between.trim() == "(" && before.trim().is_empty() && after.trim() == ")")
        .then(|| ((*c).clone(), (*p).clone()))
}

/// For each sentence, the header row of the table it is a row of: the nearest table row
/// before it with no numbers, in the same run of table rows and the same section. One pass
/// over the document (looking back from every row cost rows squared on a table with no
/// header row).
pub(super) fn headers(d: &Draft<'_>) -> Vec<Option<usize>> {
    let mut out = Vec::with_capacity(d.sentences().len());
    let mut last: Option<usize> = None;
    let mut section = usize::MAX;
    for (i, s) in d.sentences().iter().enumerate() {
        if !s.table || s.section != section {
            last = None;
        }
        section = s.section;
        out.push(last);
        if s.table && s.numbers.is_empty() && s.unread.is_none() {
            last = Some(i);
        }
    }
    out
}

/// The cells of a header row.
pub(super) fn header(d: &Draft<'_>, at: Option<usize>) -> Vec<String> {
    at.map(|i| d.sentence(i).split('\t').map(squash).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use crate::account::extract::extract;
    use crate::account::read::read;
    use crate::account::{audit, ClaimKind, Status};

    fn html(rows: &[&str]) -> String {
        let mut t = String::from("<table>");
        for r in rows {
            t.push_str("<tr>");
            for c in r.split('|') {
                t.push_str("<td>");
                t.push_str(c);
                t.push_str("</td>");
            }
            t.push_str("</tr>");
        }
        t.push_str("</table>");
        t
    }

    fn claims(rows: &[&str]) -> Vec<(ClaimKind, Option<f64>, Status)> {
        let doc = read(html(rows).as_bytes(), "t.html").unwrap();
        let x = extract(&doc);
        let f = audit(&x.dataset).unwrap();
        x.dataset
            .claims
            .iter()
            .zip(f)
            .map(|(c, f)| (c.kind, c.stated, f.status))
            .collect()
    }

    #[test]
    fn a_row_of_counts_and_shares_with_its_total() {
        // UK Parliament written answer 146902 (care homes by CQC rating, 2017 row):
        // 148 / 14,491 = 1.02% (1.0 stated); 10,631 / 14,491 = 73.36% (73.3 stated: wrong
        // by 0.1, beyond the rounding of exact counts); 3,400 / 14,491 = 23.46%; 312 / 14,491
        // = 2.15%; 148 + 10,631 + 3,400 + 312 = 14,491.
        use Status::{Consistent, Inconsistent};
        let got = claims(&[
            "Year|Outstanding|Good|Requires Improvement|Inadequate|Total",
            "2017|148 (1.0%)|10,631 (73.3%)|3,400 (23.5%)|312 (2.2%)|14,491 (100.0%)",
        ]);
        assert_eq!(
            got,
            vec![
                (ClaimKind::Share, Some(1.0), Consistent),
                (ClaimKind::Share, Some(73.3), Inconsistent),
                (ClaimKind::Share, Some(23.5), Consistent),
                (ClaimKind::Share, Some(2.2), Consistent),
                (ClaimKind::Sum, None, Consistent),
            ]
        );
    }

    #[test]
    fn a_row_that_is_not_a_whole_breakdown_is_not_read() {
        // Shares of a column total (no 100% in the row), a row whose shares make 60% (a
        // selection), and a row with two 100% cells: nothing to check.
        assert!(claims(&["2017|148 (1.0%)|10,631 (73.3%)|3,400 (23.5%)"]).is_empty());
        assert!(claims(&["2017|148 (10%)|631 (50%)|1,262 (100%)"]).is_empty());
        assert!(claims(&["2017|148 (100%)|631 (50%)|631 (50%)|1,262 (100%)"]).is_empty());
    }
}
