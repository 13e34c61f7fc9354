use crate::account::claims::ClaimKind;
use crate::account::extract::extract;
use crate::account::read::Document;
use crate::account::{audit, Status};

/// (numerator, stated, period, status) of each rate claim drafted.
fn rates(text: &str) -> Vec<(String, f64, Option<String>, Status)> {
    let x = extract(&Document::from_plain_text(text));
    let f = audit(&x.dataset).unwrap();
    x.dataset
        .claims
        .iter()
        .zip(f)
        .filter(|(c, _)| c.kind == ClaimKind::Rate)
        .map(|(c, f)| {
            (
                c.numerator.clone().unwrap(),
                c.stated.unwrap(),
                c.period.clone(),
                f.status,
            )
        })
        .collect()
}

/// Seed 004 (examples/data/sources/worcestershire-local-account-2023-24.txt), its pages in
/// short: the population, the safeguarding tiles as the PDF text gives them, and "How do we
/// compare?".
const HEAD: &str = "Adult Social Care Local Account 2023-2024\n\nWorcestershire County Council\n\nWorcestershire has an adult population of 485,737.\n\n";
const CONCERNS: &str = "4455 % 82% %\n\nsafeguarding concerns 02020 ) of people were asked about their outcomes,\n\nreceived, an increase of anincrease from 73% last year.\n543 concerns from\nprevious year.\n\n";
const ENQUIRIES: &str =
    "There were 1025 Section 42 enquiries commenced, a decrease from 1309 the previous year.\n\n";
const COMPARE: &str = "How do we compare?\n\nWorcestershire has a lower rate of concerns per\n100,000 populationin 2022/23 (803) compared\nto the national rate in England in 2022/23 (1313).\nWorcestershire has a lower rate of enquiries\nstarted in 2022/23 (269) compared to England Worcestershire\n\nin 2022/23 (387).\n";

#[test]
fn last_years_rates_from_last_years_counts() {
    let t = format!("{HEAD}{CONCERNS}{ENQUIRIES}{COMPARE}");
    let got = rates(&t);
    // (4455 - 543) / 485,737 x 100,000 = 805.4, not 803; 1309 / 485,737 x 100,000 = 269.5.
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got[0].0.ends_with(".previous") && got[0].1 == 803.0);
    assert_eq!(got[0].2.as_deref(), Some("2022/23"));
    assert_eq!(got[0].3, Status::Inconsistent);
    assert_eq!((got[1].1, got[1].3), (269.0, Status::Consistent));
    let x = extract(&Document::from_plain_text(&t));
    assert!(x
        .dataset
        .notes
        .iter()
        .any(|n| n.contains("the unit of the sentence before")));
}

#[test]
fn no_rate_when_the_count_or_the_year_is_not_known() {
    // Without the "543 concerns" change, last year's concerns are not known: no concerns
    // rate (the enquiries rate stays).
    let t = format!("{HEAD}4455 safeguarding concerns were received.\n\n{ENQUIRIES}{COMPARE}");
    let got = rates(&t);
    assert_eq!(got.iter().map(|r| r.1).collect::<Vec<_>>(), vec![269.0]);
    // The year named is the document's own, not the year before: not this pattern.
    let same_year = COMPARE.replace("2022/23", "2023/24");
    assert!(rates(&format!("{HEAD}{CONCERNS}{ENQUIRIES}{same_year}")).is_empty());
    // Two counts of enquiries commenced: which one is meant is not said.
    let two = format!("{HEAD}{CONCERNS}{ENQUIRIES}There were 900 enquiries commenced by partners, a decrease from 950 the previous year.\n\n{COMPARE}");
    assert_eq!(
        rates(&two).iter().map(|r| r.1).collect::<Vec<_>>(),
        vec![803.0]
    );
    // No unit said, in the sentence or the one before: not read as per 100,000.
    let bare = "How do we compare?\n\nWorcestershire has a lower rate of enquiries\nstarted in 2022/23 (269) compared to England in 2022/23 (387).\n";
    assert!(rates(&format!("{HEAD}{ENQUIRIES}{bare}")).is_empty());
}
