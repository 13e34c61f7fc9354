use crate::account::claims::ClaimKind;
use crate::account::extract::extract;
use crate::account::read::Document;
use crate::account::{audit, Status};

/// Seed 004 (examples/data/sources/worcestershire-local-account-2023-24.txt): the
/// safeguarding tiles as the PDF text gives them.
const TILES: &str = "Safeguarding\n\n4455 % 82% %\n\nsafeguarding concerns 02020 ) of people were asked about their outcomes,\n\nreceived, an increase of anincrease from 73% last year.\n543 concerns from\nprevious year.\n\n1305 % O\n\no completed safeguarding\n27/0 enquiries were undertaken in the\n\nthe rate of concerns that led to an enquiry, year compared to 1141 last year.\ndown 11% from last year.\n";

/// (kind, stated, denominator's value, candidates' values, status) of the shares and
/// percentage changes drafted.
type Read = (ClaimKind, f64, Option<u64>, Vec<u64>, Status);

fn read(text: &str) -> Vec<Read> {
    let x = extract(&Document::from_plain_text(text));
    let f = audit(&x.dataset).unwrap();
    let count = |r: &str| x.dataset.counts[r.strip_prefix("counts.").unwrap()].value;
    x.dataset
        .claims
        .iter()
        .zip(f)
        .filter(|(c, _)| {
            c.kind == ClaimKind::Share
                || c.subject
                    .as_deref()
                    .is_some_and(|s| s.starts_with("percentages."))
                    && c.kind == ClaimKind::Change
        })
        .map(|(c, f)| {
            (
                c.kind,
                c.stated.unwrap(),
                c.denominator.as_deref().map(count),
                c.candidates.iter().map(|r| count(r)).collect(),
                f.status,
            )
        })
        .collect()
}

#[test]
fn the_rate_of_concerns_that_led_to_an_enquiry() {
    let got = read(TILES);
    // 1305 of 4455 is 29.3%, not 27%: unchecked (the numerator is not stated). Last year's
    // rate, 1141 of 3912 = 29.2%, and 27% is neither -11% nor -11 points from it.
    assert_eq!(
        got,
        vec![
            (
                ClaimKind::Share,
                27.0,
                Some(4455),
                vec![1305],
                Status::Unchecked
            ),
            (ClaimKind::Change, -11.0, None, vec![], Status::Inconsistent),
        ]
    );
    let x = extract(&Document::from_plain_text(TILES));
    assert!(x.dataset.notes.iter().any(|n| n.contains("OCR noise")));
    assert!(x
        .dataset
        .notes
        .iter()
        .any(|n| n.contains("was read as its change")));
}

#[test]
fn in_one_sentence() {
    // Written for the test in the shape councils use.
    let t = "There were 4455 safeguarding concerns, an increase of 543 on last year.\n\nThere were 1181 safeguarding enquiries started, compared to 1309 last year.\n\n27% of concerns led to an enquiry.\n";
    assert_eq!(
        read(t),
        vec![(
            ClaimKind::Share,
            27.0,
            Some(4455),
            vec![1181],
            Status::Consistent
        )]
    );
}

#[test]
fn not_a_conversion_rate() {
    // No count of the first noun: nothing to divide by.
    let counts = "There were 4455 safeguarding concerns, an increase of 543 on last year.\n\nThere were 1181 safeguarding enquiries started, compared to 1309 last year.\n\n";
    assert!(read(&format!("{counts}27% of referrals led to an enquiry.\n")).is_empty());
    // No count of the second noun.
    assert!(read(&format!("{counts}27% of concerns led to an assessment.\n")).is_empty());
    // Two percentages: which one is the rate is not said.
    assert!(read(&format!(
        "{counts}27% of concerns led to an enquiry, against 31% nationally.\n"
    ))
    .is_empty());
    // The change is not alone on its line: not read as the rate's.
    let t = TILES.replace(
        "down 11% from last year.",
        "down 11% from last year for 1305.",
    );
    assert_eq!(read(&t).len(), 1);
}
