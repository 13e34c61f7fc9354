//! Tables with a column per year and a change column: "Numbers | 2019-20 | ... | 2022-23 |
//! 2023-24 | % change 2022-23 to 2023-24", then rows "Requests for support | 1,930,560 | ...
//! | 2,002,055 | 2,085,720 | 4.18%" (NHS England's Adult Social Care Activity and Finance
//! Report, and council performance tables laid out the same way).
//!
//! The header says which two columns the change is between: the years it names ("2022-23 to
//! 2023-24"), else the last two year columns before it. A change column whose header has "%"
//! holds percentage changes, one without holds absolute changes. In each row under that
//! header, with as many cells, the two year cells become the figure and its previous value and
//! the change cell a change claim; a row whose cells are not single numbers of one kind is
//! left alone.

use super::numbers::{self, Kind, Number};
use super::table_shares::{header, headers};
use super::words::squash;
use super::Draft;
use crate::account::claims::{ChangeUnit, ClaimKind};

/// Which columns a header's change is between.
struct Layout {
    previous: usize,
    current: usize,
    change: usize,
    unit: ChangeUnit,
    columns: usize,
}

pub(crate) fn table_changes(d: &mut Draft<'_>) {
    let headers = headers(d);
    for (si, &header_at) in headers.iter().enumerate() {
        let s = &d.sentences()[si];
        if !s.table || s.numbers.len() < 3 {
            continue;
        }
        let Some(layout) = layout(&header(d, header_at)) else {
            continue;
        };
        row(d, si, &layout);
    }
}

/// The year columns and the change column of a header row, when it has them.
fn layout(header: &[String]) -> Option<Layout> {
    let year_of = |cell: &str| -> Option<String> {
        let ns = numbers::scan(cell);
        match &ns[..] {
            [n] if matches!(n.kind, Kind::Year | Kind::FinancialYear)
                && cell.trim().len() == n.span.end - n.span.start =>
            {
                Some(cell.trim().to_owned())
            }
            _ => None,
        }
    };
    let years: Vec<(usize, String)> = header
        .iter()
        .enumerate()
        .filter_map(|(i, c)| year_of(c).map(|y| (i, y)))
        .collect();
    let change = header
        .iter()
        .position(|c| c.to_ascii_lowercase().contains("change"))?;
    let text = &header[change];
    let unit = if text.contains('%') || text.to_ascii_lowercase().contains("per cent") {
        ChangeUnit::Percent
    } else {
        ChangeUnit::Absolute
    };
    // The years the change header names, in order.
    let named: Vec<usize> = numbers::scan(text)
        .iter()
        .filter(|n| matches!(n.kind, Kind::Year | Kind::FinancialYear))
        .filter_map(|n| {
            let y = &text[n.span.start..n.span.end];
            years.iter().find(|(_, t)| t == y).map(|(i, _)| *i)
        })
        .collect();
    let (previous, current) = match named[..] {
        [p, c] => (p, c),
        [] => {
            let before: Vec<usize> = years
                .iter()
                .map(|(i, _)| *i)
                .filter(|&i| i < change)
                .collect();
            match before[..] {
                [.., p, c] if c == p + 1 && c + 1 == change => (p, c),
                _ => return None,
            }
        }
        _ => return None,
    };
    (previous != current).then_some(Layout {
        previous,
        current,
        change,
        unit,
        columns: header.len(),
    })
}

fn row(d: &mut Draft<'_>, si: usize, layout: &Layout) {
    let s = d.sentences()[si].clone();
    let text = d.sentence(si);
    let mut cells: Vec<(usize, usize)> = Vec::new();
    let mut at = s.span.start;
    for cell in text.split('\t') {
        cells.push((at, at + cell.len()));
        at += cell.len() + 1;
    }
    if cells.len() != layout.columns {
        return;
    }
    // The cell's one number, and its sign ("-4.68%", "+3.1%", "−2%").
    let one = |c: usize| -> Option<(Number, f64)> {
        let (a, b) = cells[c];
        let inside: Vec<&Number> = s
            .numbers
            .iter()
            .filter(|n| n.span.start >= a && n.span.end <= b)
            .collect();
        let [n] = inside[..] else { return None };
        let cell = d.text(super::Span::new(a, b)).trim();
        let number = d.text(n.span);
        let sign = match cell.strip_suffix(number)? {
            "" | "+" => 1.0,
            "-" | "\u{2212}" | "\u{2013}" => -1.0,
            _ => return None,
        };
        Some((n.clone(), sign))
    };
    let (Some((p, 1.0)), Some((c, 1.0)), Some((x, sign))) = (
        one(layout.previous),
        one(layout.current),
        one(layout.change),
    ) else {
        return;
    };
    let fits = match layout.unit {
        ChangeUnit::Percent => x.kind == Kind::Percent,
        _ => x.kind == c.kind,
    };
    if p.kind != c.kind || !fits || d.is_placed(&c) || d.is_placed(&p) {
        return;
    }
    let label = squash(text.split('\t').next().unwrap_or(""));
    let Some(reference) = d.figure(si, &c, &label) else {
        return;
    };
    if !d.set_previous(&reference, &p) {
        return;
    }
    let words = d.text(x.span).to_owned();
    let mut claim = d.claim(ClaimKind::Change, &label, &words, si);
    claim.subject = Some(reference);
    claim.unit = Some(layout.unit);
    claim.stated = Some(sign * x.value);
    claim.decimals = Some(x.decimals);
    if d.push_claim(claim) {
        d.use_number(&x);
    }
}

#[cfg(test)]
mod tests {
    use crate::account::extract::extract;
    use crate::account::read::read;
    use crate::account::{audit, ClaimKind, Status};

    fn claims(rows: &[&str]) -> Vec<(ClaimKind, Option<f64>, Status)> {
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
        let x = extract(&read(t.as_bytes(), "t.html").unwrap());
        let f = audit(&x.dataset).unwrap();
        x.dataset
            .claims
            .iter()
            .zip(f)
            .map(|(c, f)| (c.kind, c.stated, f.status))
            .collect()
    }

    #[test]
    fn a_change_column_between_two_year_columns() {
        // NHS England, Adult Social Care Activity and Finance Report 2023-24: 2,085,720 /
        // 2,002,055 = +4.179%, printed 4.18%; £0.45bn / £0.47bn = -4.26%, printed -4.68%
        // (the unrounded spend gives it: within the rounding of £0.45 and £0.47, so
        // consistent).
        let got = claims(&[
            "Numbers|2019-20|2020-21|2021-22|2022-23|2023-24|% change 2022-23 to 2023-24",
            "Request for support received from new clients|1,930,560|1,915,645|1,978,550|2,002,055|2,085,720|4.18%",
            "Other short term support|£0.26|£0.31|£0.37|£0.47|£0.45|-4.68%",
            "Wrong|1,930,560|1,915,645|1,978,550|2,002,055|2,085,720|5.18%",
        ]);
        assert_eq!(
            got,
            vec![
                (ClaimKind::Change, Some(4.18), Status::Consistent),
                (ClaimKind::Change, Some(-4.68), Status::Consistent),
                (ClaimKind::Change, Some(5.18), Status::Inconsistent),
            ]
        );
    }

    #[test]
    fn a_change_column_that_does_not_say_its_years_is_read_only_after_them() {
        assert!(claims(&[
            "Numbers|2022-23|2023-24|Target|% change",
            "Requests|2,002,055|2,085,720|2,000,000|4.18%",
        ])
        .is_empty());
    }
}
