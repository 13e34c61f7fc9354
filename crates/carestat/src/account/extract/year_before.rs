//! Last year's value in a sentence of its own, after the figure's sentence: "22602 – The
//! number of contacts from people who needed some support ... There were slightly fewer
//! requests the year before, 21450." (Cambridgeshire's Local Account).
//!
//! The comparative describes last year, so it reads backwards: "fewer ... the year before" is
//! an increase, "more people the previous year" a decrease. Read only when the sentence's one
//! figure follows the time words ("the year before, 21450"), the sentence says one
//! comparative, and the sentence before, in the same paragraph or list item, has exactly one
//! figure of the same kind that nothing else has placed.

use super::numbers::{Kind, Number};
use super::words::{find_word, label_after};
use super::Draft;
use crate::account::claims::{ClaimKind, Direction};

const TIME: [&str; 5] = [
    "the year before",
    "the previous year",
    "last year",
    "the year prior",
    "the prior year",
];
const FEWER: [&str; 4] = ["fewer", "less", "lower", "smaller"];
const MORE: [&str; 4] = ["more", "higher", "greater", "larger"];

pub(crate) fn years_before(d: &mut Draft<'_>) {
    for si in 1..d.sentences().len() {
        let s = &d.sentences()[si];
        let ps = &d.sentences()[si - 1];
        if s.heading || s.table || ps.heading || ps.table || ps.block != s.block {
            continue;
        }
        let [p] = &s.numbers[..] else { continue };
        if !matches!(p.kind, Kind::Count | Kind::Percent) || d.is_placed(p) {
            continue;
        }
        let lower = d.lower(si);
        let pre = lower[..p.span.start - s.span.start].trim_end();
        let Some(pre) = pre.strip_suffix([',', ':']) else {
            continue;
        };
        if !TIME.iter().any(|t| pre.trim_end().ends_with(t)) {
            continue;
        }
        let said = |ws: &[&str]| ws.iter().any(|w| find_word(pre, w).is_some());
        let direction = match (said(&FEWER), said(&MORE)) {
            (true, false) => Direction::Increase,
            (false, true) => Direction::Decrease,
            _ => continue,
        };
        let same: Vec<&Number> = ps.numbers.iter().filter(|n| n.kind == p.kind).collect();
        let [subject] = same[..] else { continue };
        if d.is_placed(subject) {
            continue;
        }
        let (subject, p) = (subject.clone(), p.clone());
        let pb = d.sentences()[si - 1].span.start;
        let label = label_after(
            d.sentence(si - 1),
            subject.span.end - pb,
            subject.span.start - pb,
        );
        let label = label.trim_start_matches(['–', '-', ' ']).to_owned();
        let Some(reference) = d.figure(si - 1, &subject, &label) else {
            continue;
        };
        if !d.set_previous(&reference, &p) {
            continue;
        }
        let text = d.sentence(si).to_owned();
        let mut claim = d.claim(ClaimKind::Direction, &label, &text, si);
        claim.subject = Some(reference);
        claim.direction = Some(direction);
        d.push_claim(claim);
    }
}

#[cfg(test)]
mod tests {
    use crate::account::extract::extract;
    use crate::account::read::Document;
    use crate::account::{audit, Direction, Status};

    fn read(text: &str) -> Vec<(Option<Direction>, Status)> {
        let x = extract(&Document::from_plain_text(text));
        let f = audit(&x.dataset).unwrap();
        x.dataset
            .claims
            .iter()
            .zip(f)
            .map(|(c, f)| (c.direction, f.status))
            .collect()
    }

    #[test]
    fn last_year_in_the_next_sentence() {
        // Cambridgeshire County Council, Local Account 2021 to 2023: 22602 against 21450
        // (fewer the year before: an increase); 2344 against 3187 (more the year before: a
        // decrease).
        assert_eq!(
            read("  • 22602 – The number of contacts from people who needed some support or information and advice. There were slightly fewer requests the year before, 21450.\n"),
            vec![(Some(Direction::Increase), Status::Consistent)]
        );
        assert_eq!(
            read("  • 2344 – The number of people who received a technology enabled care assessment. There were more people the previous year, 3187.\n"),
            vec![(Some(Direction::Decrease), Status::Consistent)]
        );
        // Said the wrong way round: 2344 is fewer than 3187, so "fewer the year before" is
        // not what the figures show.
        assert_eq!(
            read("  • 2344 – The number of people who received an assessment. There were fewer people the previous year, 3187.\n"),
            vec![(Some(Direction::Increase), Status::Inconsistent)]
        );
        // Two figures in the sentence before: which one is meant is not said.
        assert!(read("  • 2344 people and 120 carers were assessed. There were more people the previous year, 3187.\n").is_empty());
    }
}
