use crate::account::extract::extract;
use crate::account::read::Document;
use crate::account::{Relation, Status};

/// The council named first, as a Local Account's title names it.
const TITLE: &str = "Worcestershire County Council Local Account 2023/24\n\n";

/// (relation, stated, benchmark label, benchmark value, status) of each comparison drafted,
/// the council named first.
fn read(text: &str) -> Vec<(Relation, f64, String, f64, Status)> {
    super::super::comparison::tests::read(&format!("{TITLE}{text}"))
}

fn one(
    relation: Relation,
    stated: f64,
    label: &str,
    value: f64,
) -> Vec<(Relation, f64, String, f64, Status)> {
    vec![(
        relation,
        stated,
        label.to_owned(),
        value,
        Status::Consistent,
    )]
}

#[test]
fn worcestershire_against_its_peers() {
    // Worcestershire County Council, Local Account 2023/24 (seed 004), "How we compare",
    // line breaks as in the PDF's text: the comparator's value printed first.
    assert_eq!(
        read("We are also just below our neighbouring local authorities regarding the\naverage number of applications completed per 100,000 of the population (peers 625 and WCC 618).\n"),
        one(Relation::Lower, 618.0, "peers", 625.0)
    );
    assert_eq!(
        read("We have worked hard during the year to reduce waiting times for people and are proud that we are\nwell below the average on the number of applications waiting to be assessed (peers 2016 and\nWCC 1440). We continue to work hard to further reduce waiting times for people.\n"),
        one(Relation::Lower, 1440.0, "peers", 2016.0)
    );
    let x = extract(&Document::from_plain_text(&format!(
        "{TITLE}We are also just below our neighbouring local authorities regarding the average number of applications completed per 100,000 of the population (peers 625 and WCC 618).\n"
    )));
    assert_eq!(
        x.dataset.claims[0].text,
        "just below our neighbouring local authorities regarding the average number of applications completed per 100,000 of the population (peers 625 and WCC 618)"
    );
}

#[test]
fn other_orders_and_labels() {
    // Seed 004's "lower rate of concerns ... (803) ... England (1313)" and the 27% rise
    // against 20%, written the ways councils print labelled values.
    assert_eq!(
        read("Our rate of safeguarding concerns per 100,000 adults is lower (England 1,313; Worcestershire 803).\n"),
        one(Relation::Lower, 803.0, "England", 1313.0)
    );
    assert_eq!(
        read("The share of residents aged 65 and over is higher (national average 20%, Worcestershire 27%).\n"),
        one(Relation::Higher, 27.0, "national average", 20.0)
    );
    assert_eq!(
        read("Our rate is below that of similar councils (Worcestershire County Council: 803; similar councils: 1,313).\n"),
        one(Relation::Lower, 803.0, "similar councils", 1313.0)
    );
    // Said the wrong way round: inconsistent.
    let got = read("We are above our peers (peers 2016 and WCC 1440).\n");
    assert_eq!(got[0].4, Status::Inconsistent);
}

#[test]
fn ambiguous_labels_are_not_read() {
    // Two comparators, no area.
    assert!(read("Our rate is lower (England 1,313; West Midlands 1,100).\n").is_empty());
    // Another council's initials, and a label naming nobody.
    assert!(read("We are just below our peers (peers 625 and BCC 618).\n").is_empty());
    assert!(read("We are just below our peers (peers 625 and us 618).\n").is_empty());
    // Three values: which is the area's?
    assert!(read("We are below (peers 625, England 700 and WCC 618).\n").is_empty());
    // Values before their labels, or a year among them.
    assert!(read("We are below our peers (625 peers and 618 WCC).\n").is_empty());
    assert!(read("We are below our peers (peers 625 and WCC 2022/23 618).\n").is_empty());
}

#[test]
fn no_single_relation_or_a_year_is_not_read() {
    // No relation word.
    assert!(read("How we compare on applications completed (peers 625 and WCC 618).\n").is_empty());
    // Two relations: which one is the area's?
    assert!(
        read("We are below on completions but higher on waiting (peers 625 and WCC 618).\n")
            .is_empty()
    );
    // A comparison with last year, not with the peers.
    assert!(read("Completions are lower than last year (peers 625 and WCC 618).\n").is_empty());
    // No council named: no label can name the area.
    let x = extract(&Document::from_plain_text(
        "We are just below our peers (peers 625 and WCC 618).\n",
    ));
    assert!(x.dataset.claims.is_empty());
}
