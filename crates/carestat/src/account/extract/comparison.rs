//! Comparisons with England, the region or similar councils: "Worcestershire has a lower rate
//! of concerns per 100,000 population in 2022/23 (803) compared to the national rate in
//! England in 2022/23 (1313)"; "30.2% ..., higher than the England average of 27.1%".
//!
//! Read only when the sentence states exactly two figures of one kind (two percentages, two
//! counts or rates, two sums of money), a connector between them ("than", "compared to",
//! "compared with", "against", "versus"), a comparator after the connector (England, the
//! national or regional average, peers, similar or neighbouring councils, a region), one
//! relation word before it ("higher", "lower", "above", "below", "better", "worse",
//! "greater"), and no words of change over time ("an increase", "last year"): those are
//! changes, not comparisons. The first figure is the area's, the second the comparator's.

use super::numbers::{Kind, Number};
use super::words::{find_word, squash};
use super::Draft;
use crate::account::claims::{Benchmark, ChangeUnit, Claim, ClaimKind, Relation};

/// Words between the two figures that introduce the comparator.
const CONNECTORS: [&str; 6] = [
    "than",
    "compared to",
    "compared with",
    "against",
    "versus",
    "vs",
];

/// Relation words, before the connector.
pub(super) const RELATIONS: [(&str, Relation); 7] = [
    ("higher", Relation::Higher),
    ("greater", Relation::Higher),
    ("above", Relation::Higher),
    ("lower", Relation::Lower),
    ("below", Relation::Lower),
    ("better", Relation::Better),
    ("worse", Relation::Worse),
];

/// Comparators, after the connector; the label shown is the words as the document prints them.
const COMPARATORS: [&str; 26] = [
    "england",
    "national",
    "nationally",
    "the region",
    "regional",
    "comparator",
    "comparators",
    "comparator group",
    "peers",
    "peer group",
    "neighbours",
    "neighbouring",
    "statistical neighbours",
    "similar councils",
    "similar authorities",
    "similar local authorities",
    "cipfa",
    "core cities",
    "north east",
    "north west",
    "yorkshire and the humber",
    "east midlands",
    "west midlands",
    "east of england",
    "south east",
    "south west",
];

/// Words of change over time: a sentence with one of them is a change, not a comparison.
const CHANGE_WORDS: [&str; 14] = [
    "increase",
    "increased",
    "decrease",
    "decreased",
    "rise",
    "rose",
    "fall",
    "fell",
    "grew",
    "growth",
    "last year",
    "previous year",
    "year before",
    "reduction",
];

pub(crate) fn comparisons(d: &mut Draft<'_>) {
    for si in 0..d.sentences().len() {
        let s = &d.sentences()[si];
        if s.heading || s.table {
            continue;
        }
        let lower = d.lower(si);
        let start = s.span.start;
        // "per 100,000" is the rate's unit, not a figure.
        let quantities: Vec<&Number> = s
            .numbers
            .iter()
            .filter(|n| !matches!(n.kind, Kind::Year | Kind::FinancialYear))
            .filter(|n| !lower[..n.span.start - start].trim_end().ends_with("per"))
            .collect();
        let [a, b] = quantities[..] else { continue };
        if a.kind != b.kind || d.is_placed(a) || d.is_placed(b) || a.value < 0.0 || b.value < 0.0 {
            continue;
        }
        let (a, b) = (a.clone(), b.clone());
        if CHANGE_WORDS.iter().any(|w| find_word(&lower, w).is_some()) {
            continue;
        }
        let between = &lower[a.span.end - start..b.span.start - start];
        // "above" and "below" connect by themselves: "below the average of our peers (625)".
        let Some(connector) = CONNECTORS
            .iter()
            .chain(&["above", "below"])
            .filter_map(|c| find_word(between, c).map(|i| i + c.len()))
            .min()
        else {
            continue;
        };
        // The relation is said before the connector ends: "a lower rate ... (803) compared
        // to", "27.1%, higher than", "is below". Exactly one relation word.
        let before = &lower[..a.span.end - start + connector];
        let relations: Vec<Relation> = RELATIONS
            .iter()
            .filter(|(w, _)| find_word(before, w).is_some())
            .map(|&(_, r)| r)
            .collect();
        let [relation] = relations[..] else { continue };
        // The comparator: after the connector, before the second figure or just after it
        // ("compared with 20% nationally").
        let from = a.span.end - start + connector;
        let to = (b.span.end - start + 24).min(lower.len());
        let to = (to..=lower.len())
            .find(|&i| lower.is_char_boundary(i))
            .unwrap_or(lower.len());
        let Some((at, term)) = comparator(&lower[from..to]) else {
            continue;
        };
        let label_start = start + from + at;
        let label = squash(d.text(crate::account::read::Span {
            start: label_start,
            end: label_start + term.len(),
        }));
        let label = match term {
            "england" => "England".to_owned(),
            "national" | "nationally" => "the national figure".to_owned(),
            _ => label,
        };
        let text = squash(d.sentence(si));
        let claim = d.claim(ClaimKind::Comparison, &label, &text, si);
        push_comparison(d, claim, (&a, &b), label, relation);
    }
}

/// Fills a drafted comparison claim with the area's figure, the comparator's (`label`) and
/// the relation, and adds it; both numbers are used when the claim is kept. Every pattern
/// that reads a comparison ends here.
pub(super) fn push_comparison(
    d: &mut Draft<'_>,
    mut claim: Claim,
    (area, bench): (&Number, &Number),
    label: String,
    relation: Relation,
) -> bool {
    claim.stated = Some(area.value);
    claim.decimals = Some(area.decimals);
    claim.relation = Some(relation);
    claim.benchmark = Some(Benchmark {
        label,
        value: Some(bench.value),
        decimals: Some(bench.decimals),
    });
    if area.kind == Kind::Percent {
        claim.unit = Some(ChangeUnit::Percent);
    }
    let kept = d.push_claim(claim);
    if kept {
        d.use_number(area);
        d.use_number(bench);
    }
    kept
}

/// The comparator named in `text`: England when it is named, else the first one (the
/// longest match at the earliest position); its byte offset and the term.
fn comparator(text: &str) -> Option<(usize, &'static str)> {
    if let Some(i) = find_word(text, "england") {
        if find_word(text, "east of england") != Some(i.saturating_sub(8)) {
            return Some((i, "england"));
        }
    }
    COMPARATORS
        .iter()
        .filter_map(|&t| find_word(text, t).map(|i| (i, t)))
        .min_by_key(|&(i, t)| (i, std::cmp::Reverse(t.len())))
}

#[cfg(test)]
pub(super) mod tests {
    use crate::account::extract::extract;
    use crate::account::read::Document;
    use crate::account::{audit, Relation, Status};

    /// (relation, stated, benchmark label, benchmark value, status) of each comparison
    /// drafted from `text`; the tests of every comparison pattern read through it.
    pub(in crate::account::extract) fn read(
        text: &str,
    ) -> Vec<(Relation, f64, String, f64, Status)> {
        let x = extract(&Document::from_plain_text(text));
        let f = audit(&x.dataset).unwrap();
        x.dataset
            .claims
            .iter()
            .zip(f)
            .filter(|(c, _)| c.relation.is_some())
            .map(|(c, f)| {
                let b = c.benchmark.clone().unwrap();
                (
                    c.relation.unwrap(),
                    c.stated.unwrap(),
                    b.label,
                    b.value.unwrap(),
                    f.status,
                )
            })
            .collect()
    }

    #[test]
    fn worcestershire_against_england() {
        // Worcestershire County Council, Local Account 2023/24 (seed 004), as one line.
        assert_eq!(
            read("Worcestershire has a lower rate of concerns per 100,000 population in 2022/23 (803) compared to the national rate in England in 2022/23 (1313).\n"),
            vec![(Relation::Lower, 803.0, "England".to_owned(), 1313.0, Status::Consistent)]
        );
    }

    #[test]
    fn a_percentage_against_the_national_average() {
        // Gloucestershire County Council, CQC self-assessment, theme 3 ("Gloucestershire
        // benchmarks well ... (84.2% good or outstanding compared with 78% mean for SW and
        // 77.4% for England)") has three figures: not read. Written with two, as councils
        // often do, it is a comparison with the percentages' unit.
        assert!(read("Gloucestershire benchmarks well in most CQC domains for bed-based care (84.2% good or outstanding compared with 78% mean for SW and 77.4% for England).\n").is_empty());
        let got = read("84.2% of bed-based care providers are rated good or outstanding, higher than the England average of 77.4%.\n");
        assert_eq!(
            got,
            vec![(
                Relation::Higher,
                84.2,
                "England".to_owned(),
                77.4,
                Status::Consistent
            )]
        );
        let x = extract(&Document::from_plain_text(
            "84.2% of bed-based care providers are rated good or outstanding, higher than the England average of 77.4%.\n",
        ));
        let f = &audit(&x.dataset).unwrap()[0];
        assert!(
            f.reason
                .starts_with("84.2% against 77.4% for England: higher"),
            "{}",
            f.reason
        );
    }

    #[test]
    fn said_the_wrong_way_round_is_inconsistent() {
        // Constructed from Worcestershire's "(peers 2016 and WCC 1440)" with the peers'
        // figure mistyped: "below" 1,016 cannot hold for 1,440.
        assert_eq!(
            read("Our rate of 1,440 applications waiting is below the average of our statistical neighbours (1,016).\n"),
            vec![(
                Relation::Lower,
                1440.0,
                "statistical neighbours".to_owned(),
                1016.0,
                Status::Inconsistent
            )]
        );
    }

    /// Sentences written for the test, each one shape councils use.
    #[test]
    fn changes_and_unnamed_comparators_are_not_comparisons() {
        // A change over time, not a comparison with another area.
        assert!(
            read("There were 4,455 concerns, higher than the 3,912 received last year.\n")
                .is_empty()
        );
        // No comparator named: "than 2,016" of whom?
        assert!(read("We had 1,440 applications waiting, lower than 2,016.\n").is_empty());
        // Two relation words: which one holds is not clear.
        assert!(read("Our rate of 61% is higher for older people and lower for younger adults than the England figure of 59%.\n").is_empty());
        // "better" needs the measure's polarity: drafted, and unchecked.
        assert_eq!(
            read("71.2% of users feel safe, better than the England average of 69.7%.\n"),
            vec![(
                Relation::Better,
                71.2,
                "England".to_owned(),
                69.7,
                Status::Unchecked
            )]
        );
    }
}
