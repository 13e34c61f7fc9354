use crate::account::claims::{ChangeUnit, ClaimKind};
use crate::account::extract::extract;
use crate::account::read::Document;

/// (subject's value, stated) of each absolute change drafted.
fn changes(text: &str) -> Vec<(u64, f64)> {
    let x = extract(&Document::from_plain_text(text));
    x.dataset
        .claims
        .iter()
        .filter(|c| c.kind == ClaimKind::Change && c.unit == Some(ChangeUnit::Absolute))
        .map(|c| {
            let id = c
                .subject
                .as_deref()
                .unwrap()
                .strip_prefix("counts.")
                .unwrap();
            (x.dataset.counts[id].value, c.stated.unwrap())
        })
        .collect()
}

/// Seed 004 (examples/data/sources/worcestershire-local-account-2023-24.txt), as the PDF
/// text gives the safeguarding tiles.
const TILES: &str = "Safeguarding\n\n4455 % 82% %\n\nsafeguarding concerns 02020 ) of people were asked about their outcomes,\n\nreceived, an increase of anincrease from 73% last year.\n543 concerns from\nprevious year.\n";

#[test]
fn the_noun_names_the_figure_across_interleaved_columns() {
    assert_eq!(changes(TILES), vec![(4455, 543.0)]);
    let x = extract(&Document::from_plain_text(TILES));
    let c = x
        .dataset
        .claims
        .iter()
        .find(|c| c.unit == Some(ChangeUnit::Absolute))
        .unwrap();
    assert_eq!(c.text, "an increase of 543 concerns from previous year");
}

#[test]
fn said_in_one_sentence_after_its_figure() {
    // Written for the test: the phrase right before the count, the figure in the sentence
    // before (a sentence `change` does not read: it does not start "This").
    assert_eq!(
        changes("We received 4455 safeguarding concerns.\nThere was a decrease of 120 concerns on last year.\n"),
        vec![(4455, -120.0)]
    );
}

#[test]
fn no_claim_without_one_figure_of_that_noun() {
    // The noun matches no figure: "referrals" is not "concerns".
    assert!(changes("We received 4455 safeguarding concerns.\nThere was a decrease of 120 referrals on last year.\n").is_empty());
    // Two counts of concerns before the change: which one changed is not said.
    assert!(changes("4455 safeguarding concerns 3000 concerns were closed\nreceived, an increase of anincrease from 73% last year.\n543 concerns from\nprevious year.\n").is_empty());
    // No direction: the dangling phrase is missing.
    assert!(changes(
        "4455 safeguarding concerns\nreceived last year.\n543 concerns from\nprevious year.\n"
    )
    .is_empty());
    // The phrase before is not dangling ("an increase of 5%"): its number is its own.
    assert!(changes("4455 safeguarding concerns\nreceived, an increase of 5% this year.\n543 concerns from\nprevious year.\n").is_empty());
    // Not a count of things: "5 percentage points from last year".
    assert!(changes(
        "We had 4455 concerns.\nThere was an increase of 5 percentage points from last year.\n"
    )
    .is_empty());
}
