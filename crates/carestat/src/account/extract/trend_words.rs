//! A direction said in words, with no number: "The rising rate of safeguarding concerns
//! reported suggests people know how to report abuse" (Worcestershire's Local Account
//! 2023/24). A `direction` claim on the count the words name, checked against last year's
//! value of that count.
//!
//! Read when a sentence says "the rising / increasing / growing / falling / decreasing /
//! declining / reducing number (rate, level, volume) of" and then its subject, in up to
//! three words; the subject's content words name exactly one count of the draft
//! ([`super::count_names`]); and that count's last-year value is known (published, or
//! implied by an absolute change claim), so that the claim can be checked. Nothing is
//! drafted for a count that already has a direction claim.

use super::count_names::{area_words, counts_named, has_previous, words};
use super::Draft;
use crate::account::claims::{ClaimKind, Direction};

/// The trend words and the direction they say.
const TRENDS: [(&str, Direction); 7] = [
    ("rising", Direction::Increase),
    ("increasing", Direction::Increase),
    ("growing", Direction::Increase),
    ("falling", Direction::Decrease),
    ("decreasing", Direction::Decrease),
    ("declining", Direction::Decrease),
    ("reducing", Direction::Decrease),
];

/// What is rising.
const MEASURES: [&str; 4] = ["number", "rate", "level", "volume"];

/// Words that end the subject ("concerns reported", "concerns is").
const SUBJECT_ENDS: [&str; 14] = [
    "reported", "received", "recorded", "suggests", "shows", "means", "is", "are", "has", "have",
    "was", "were", "in", "across",
];

pub(crate) fn trend_words(d: &mut Draft<'_>) {
    let area = area_words(d);
    for si in 0..d.sentences().len() {
        let s = &d.sentences()[si];
        if s.heading || s.table {
            continue;
        }
        let lower = d.lower(si);
        let Some((at, len, direction, subject)) = trend(&lower) else {
            continue;
        };
        let want = words(&subject, &area);
        let [reference] = &counts_named(d, &want)[..] else {
            continue;
        };
        let reference = reference.clone();
        if !has_previous(d, &reference) {
            continue;
        }
        let said = d.ds.claims.iter().any(|c| {
            c.kind == ClaimKind::Direction && c.subject.as_deref() == Some(reference.as_str())
        });
        if said {
            continue;
        }
        let text = d.sentence(si)[at..at + len].to_owned();
        let mut c = d.claim(ClaimKind::Direction, &subject, &text, si);
        c.subject = Some(reference);
        c.direction = Some(direction);
        d.push_claim(c);
    }
}

/// The first "the <trend> <measure> of <subject>" of a lower-case sentence: where it starts
/// and its length (bytes), its direction and its subject (one to three words).
fn trend(lower: &str) -> Option<(usize, usize, Direction, String)> {
    // Most sentences have no trend word: look for the word before building any phrase.
    for (word, direction) in TRENDS.into_iter().filter(|(w, _)| lower.contains(w)) {
        for measure in MEASURES {
            let phrase = format!("the {word} {measure} of ");
            let Some(at) = lower.find(&phrase) else {
                continue;
            };
            // A word boundary before "the" ("bathe rising" is not it).
            if lower[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_alphanumeric())
            {
                continue;
            }
            let rest = &lower[at + phrase.len()..];
            let mut subject: Vec<&str> = Vec::new();
            let mut end = at + phrase.len();
            for w in rest.split(' ') {
                let clean = w.trim_end_matches([',', '.', ';', ':']);
                if clean.is_empty()
                    || !clean.bytes().all(|b| b.is_ascii_alphabetic())
                    || SUBJECT_ENDS.contains(&clean)
                    || subject.len() == 3
                {
                    break;
                }
                subject.push(clean);
                end += clean.len();
                if clean.len() != w.len() {
                    break;
                }
                end += 1;
            }
            if subject.is_empty() {
                continue;
            }
            let end = end.min(lower.len());
            let end = lower[..end].trim_end().len();
            return Some((at, end - at, direction, subject.join(" ")));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::trend;
    use crate::account::claims::{ClaimKind, Direction};
    use crate::account::extract::extract;
    use crate::account::read::Document;
    use crate::account::{audit, Status};

    #[test]
    fn the_phrase_and_its_subject() {
        // Seed 004 (Worcestershire 2023/24).
        let s = "the rising rate of safeguarding concerns reported suggests people know how toreport abuse.";
        let (at, len, dir, subject) = trend(s).unwrap();
        assert_eq!(&s[at..at + len], "the rising rate of safeguarding concerns");
        assert_eq!(
            (dir, subject.as_str()),
            (Direction::Increase, "safeguarding concerns")
        );
        let s = "we have seen the falling number of carers.";
        assert_eq!(trend(s).unwrap().3, "carers");
        assert!(trend("the rising cost of care").is_none());
        assert!(trend("a rising rate of 4.5%").is_none());
    }

    /// (direction, status) of each direction claim the document's text makes.
    fn directions(text: &str) -> Vec<(Direction, Status)> {
        let x = extract(&Document::from_plain_text(text));
        let f = audit(&x.dataset).unwrap();
        x.dataset
            .claims
            .iter()
            .zip(&f)
            .filter(|(c, _)| c.kind == ClaimKind::Direction)
            .map(|(c, f)| (c.direction.unwrap(), f.status))
            .collect()
    }

    #[test]
    fn a_direction_in_words_is_checked_against_last_year() {
        // Seed 004: 4,455 concerns, 543 more than last year (3,912): rising, as said.
        let t = "There were 4455 safeguarding concerns received, an increase of 543 from the previous year.\n\nThe rising rate of safeguarding concerns reported suggests people know how to report abuse.\n";
        assert_eq!(
            directions(t),
            vec![(Direction::Increase, Status::Consistent)]
        );
        // The same words on a count that fell: the document contradicts itself.
        let t = "There were 4455 safeguarding concerns received, a decrease of 543 from the previous year.\n\nThe rising rate of safeguarding concerns reported suggests people know how to report abuse.\n";
        assert_eq!(
            directions(t),
            vec![(Direction::Increase, Status::Inconsistent)]
        );
    }

    #[test]
    fn nothing_is_drafted_without_a_count_and_its_last_year() {
        // No last-year value: nothing to check it by.
        let t = "There were 4455 safeguarding concerns received.\n\nThe rising rate of safeguarding concerns reported suggests people know how to report abuse.\n";
        assert!(directions(t).is_empty());
        // Words naming no count of the document (a national trend).
        let t = "There were 4455 safeguarding concerns received, an increase of 543 from the previous year.\n\nThe rising number of people living with dementia is a national challenge.\n";
        assert!(directions(t).is_empty());
    }
}
