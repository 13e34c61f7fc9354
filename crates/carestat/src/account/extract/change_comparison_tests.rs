use crate::account::extract::extract;
use crate::account::read::Document;
use crate::account::{Relation, Status};

use super::super::comparison::tests::read;

/// Worcestershire County Council, Local Account 2023/24 (seed 004), "Our Demographics", as
/// the PDF's text gives it.
const SEED_004: &str = "The 2021 Census shows:\n\n27% : L :\nWorcestershire maintains a higher\n\nproportion of older people than the\n\nnational average which has seen a 27%\nrise in 65+ population compared to\n\n20% national average increase of 20%.\n";

#[test]
fn worcestershire_older_population_against_england() {
    assert_eq!(
        read(SEED_004),
        vec![(
            Relation::Higher,
            27.0,
            "national average".to_owned(),
            20.0,
            Status::Consistent
        )]
    );
    let x = extract(&Document::from_plain_text(SEED_004));
    let c = x
        .dataset
        .claims
        .iter()
        .find(|c| c.relation.is_some())
        .unwrap();
    assert_eq!(
        c.text,
        "a 27% rise in 65+ population compared to national average increase of 20%"
    );
    // The infographic's "20%" before its caption is the same printing, placed.
    assert!(x.not_understood.iter().all(|u| !u.quote.starts_with("20%")));
}

#[test]
fn in_one_sentence() {
    assert_eq!(
        read("Our older population grew faster, a higher 27% increase compared with an increase of 20% in England.\n"),
        Vec::new(),
        "the comparator's rise must end the sentence"
    );
    assert_eq!(
        read("Worcestershire has a higher share of older people, with a rise of 27% in its 65+ population compared to a national increase of 20%.\n"),
        vec![(
            Relation::Higher,
            27.0,
            "national".to_owned(),
            20.0,
            Status::Consistent
        )]
    );
}

#[test]
fn what_is_not_read() {
    // No relation word: nothing to check.
    assert!(read("Worcestershire has seen a 27% rise in 65+ population compared to a national average increase of 20%.\n").is_empty());
    // A relation the values contradict may be said of another measure: left, not drafted.
    let t = "Worcestershire has a lower proportion of younger adults, and a 27% rise in 65+ population compared to the national average increase of 20%.\n";
    assert!(read(t).is_empty());
    let x = extract(&Document::from_plain_text(t));
    assert_eq!(x.not_understood.len(), 2, "{:?}", x.not_understood);
    // Falls are not read: "higher" could be the fall or the level.
    assert!(
        read("We have a higher rate, with a 7% fall compared to a national fall of 3%.\n")
            .is_empty()
    );
    // No comparator named after the connector.
    assert!(
        read("Demand is higher: a 27% rise compared to an increase of 20% last year.\n").is_empty()
    );
    // A leading figure that is not the comparator's value printed again.
    assert!(read("The population is higher than the national average with a 27%\nrise in 65+ population compared to\n\n15% national average increase of 20%.\n").is_empty());
}
