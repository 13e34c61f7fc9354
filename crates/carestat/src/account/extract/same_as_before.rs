//! "No change" said right beside the figure, where `change` (which wants words between a
//! figure and its phrase, so that "13% 18% increase" is not read as one) does not read it:
//!
//! * after the figure: "38%, unchanged from last year", "1,204 (the same as the previous
//!   year)";
//! * before it: "stayed the same at 70%", "remained unchanged at 1,204".
//!
//! After the figure, the phrase must follow it with nothing but punctuation between and name
//! the time ("last year", "the previous year"); before it, the phrase must end "at" right
//! before the figure. The figure is a count, percentage or sum of money that no pattern used
//! as something else, and has no direction claim yet. The claim is a `direction` of
//! `same`, unchecked until the figure's previous value is known.

use super::numbers::{Kind, Number};
use super::words::label_after;
use super::Draft;
use crate::account::claims::{ClaimKind, Direction};

/// Phrases that follow the figure (each names the time).
const AFTER: [&str; 8] = [
    "unchanged from last year",
    "unchanged on last year",
    "unchanged from the previous year",
    "the same as last year",
    "the same as the previous year",
    "same as last year",
    "no change from last year",
    "no change on last year",
];

/// Phrases that end right before the figure.
const BEFORE: [&str; 6] = [
    "stayed the same at",
    "remained the same at",
    "remained unchanged at",
    "stayed unchanged at",
    "was unchanged at",
    "is unchanged at",
];

pub(crate) fn same_as_before(d: &mut Draft<'_>) {
    for si in 0..d.sentences().len() {
        let s = &d.sentences()[si];
        if s.heading || s.table {
            continue;
        }
        let base = s.span.start;
        let lower = d.lower(si);
        for n in s.numbers.clone() {
            if !matches!(
                n.kind,
                Kind::Count
                    | Kind::Percent
                    | Kind::Money
                    | Kind::MoneyThousands
                    | Kind::MoneyMillions
                    | Kind::MoneyBillions
            ) {
                continue;
            }
            let (rs, re) = (n.span.start - base, n.span.end - base);
            let after = lower[re..].trim_start_matches([',', ' ', '(', '-', '–', ';']);
            let before = lower[..rs].trim_end_matches([' ', '£']);
            let phrase = AFTER
                .iter()
                .find(|p| after.starts_with(**p))
                .map(|p| (re + lower[re..].len() - after.len(), p.len()))
                .or_else(|| {
                    BEFORE
                        .iter()
                        .find(|p| before.ends_with(**p))
                        .map(|p| (before.len() - p.len(), p.len()))
                });
            let Some((at, len)) = phrase else { continue };
            draft(d, si, &n, at, len);
        }
    }
}

fn draft(d: &mut Draft<'_>, si: usize, n: &Number, at: usize, len: usize) {
    if d.is_placed(n) && d.figure_of(n).is_none() {
        return;
    }
    let base = d.sentences()[si].span.start;
    let label = label_after(d.sentence(si), n.span.end - base, n.span.start - base);
    let Some(reference) = d.figure(si, n, &label) else {
        return;
    };
    let said = d.ds.claims.iter().any(|c| {
        c.kind == ClaimKind::Direction && c.subject.as_deref() == Some(reference.as_str())
    });
    if said {
        return;
    }
    let (a, b) = (
        at.min(n.span.start - base),
        (at + len).max(n.span.end - base),
    );
    let text = d.sentence(si)[a..b].to_owned();
    let mut c = d.claim(ClaimKind::Direction, &label, &text, si);
    c.subject = Some(reference);
    c.direction = Some(Direction::Same);
    d.push_claim(c);
}

#[cfg(test)]
mod tests {
    use crate::account::claims::{ClaimKind, Direction};
    use crate::account::extract::extract;
    use crate::account::read::Document;

    /// (figure value, text) of each `same` direction claim.
    fn same(text: &str) -> Vec<(f64, String)> {
        let x = extract(&Document::from_plain_text(text));
        let ds = &x.dataset;
        ds.claims
            .iter()
            .filter(|c| c.kind == ClaimKind::Direction && c.direction == Some(Direction::Same))
            .map(|c| {
                let r = c.subject.as_deref().unwrap();
                let (sec, id) = r.split_once('.').unwrap();
                let v = match sec {
                    "counts" => ds.counts[id].value as f64,
                    "percentages" => ds.percentages[id].value,
                    _ => ds.spend[id].value,
                };
                (v, c.text.clone())
            })
            .collect()
    }

    #[test]
    fn no_change_beside_the_figure() {
        assert_eq!(
            same("The proportion of carers satisfied with support was 38%, unchanged from last year."),
            vec![(38.0, "38%, unchanged from last year".to_owned())]
        );
        assert_eq!(
            same("The proportion of people who feel safe stayed the same at 70%."),
            vec![(70.0, "stayed the same at 70%".to_owned())]
        );
        // Seed 004 (examples/data/sources/worcestershire-local-account-2023-24.txt) with its
        // columns put back together: `change` reads it (words between figure and phrase).
        let seed = "99% of people fully achieved/partially achieved outcomes, which remained the same as last year's figure.";
        assert_eq!(same(seed).len(), 1);
    }

    #[test]
    fn not_a_direction() {
        // No time named after the figure: unchanged since when?
        assert!(same("Fees were 4.5%, unchanged.").is_empty());
        // Last year's value is not the figure that stayed the same.
        assert!(
            same("Satisfaction was 64%, compared to 61%, the same as last year's target.")
                .iter()
                .all(|(v, _)| *v != 61.0)
        );
        // A year is not a figure.
        assert!(same("The charge remained the same at 2023 levels.").is_empty());
    }
}
