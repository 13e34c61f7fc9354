//! CQC local authority assessment scores (seeds 001 and 003: Birmingham's assessment).

use carestat::cqc::{band, la_rating, score_label, BandRule, QualityStatement, Scores, Theme};
use carestat::ratings::Rating;
use carestat::Error;

#[test]
fn nine_good_standards_are_75_percent_good() {
    // 27 / 36 = 75%
    let r = la_rating(&[3; 9]).unwrap();
    assert_eq!(r.percentage, 75.0);
    assert_eq!(r.rating, Rating::Good);
    assert_eq!((r.total, r.assessed, r.max_total), (27, 9, 36));
    assert!(!r.ambiguous);
}

/// Seed 003: "Governance, management and sustainability / Indicative score: / 3 - Evidence
/// shows a good standard". The statement is found by the name as CQC prints it, and its
/// score's words are CQC's.
#[test]
fn birmingham_governance_scored_three() {
    let statement =
        QualityStatement::from_name("Governance, management and sustainability").unwrap();
    assert_eq!(statement.number(), 8);
    assert_eq!(statement.theme(), Theme::Leadership);
    assert_eq!(score_label(3).unwrap(), "Evidence shows a good standard");
    let mut scores = Scores::new();
    scores.set(statement, Some(3)).unwrap();
    // one statement assessed: 3 / 4 = 75%, inside the Good band; seed 001 gives Birmingham's
    // overall indicative rating as "Good: Evidence shows a good standard"
    let r = scores.rate(BandRule::default()).unwrap();
    assert_eq!(
        (r.assessed, r.percentage, r.rating),
        (1, 75.0, Rating::Good)
    );
}

#[test]
fn statements_and_themes_as_domain_section_5() {
    let names: Vec<(u32, &str, u32)> = QualityStatement::ALL
        .iter()
        .map(|s| (s.number(), s.name(), s.theme().number()))
        .collect();
    assert_eq!(
        names,
        vec![
            (1, "Assessing needs", 1),
            (2, "Supporting people to live healthier lives", 1),
            (3, "Equity in experiences and outcomes", 1),
            (4, "Care provision, integration and continuity", 2),
            (5, "Partnerships and communities", 2),
            (6, "Safe systems, pathways and transitions", 3),
            (7, "Safeguarding", 3),
            (8, "Governance, management and sustainability", 4),
            (9, "Learning, improvement and innovation", 4),
        ]
    );
    assert_eq!(
        Theme::ALL.map(Theme::name),
        [
            "Working with people",
            "Providing support",
            "Ensuring safety within the system",
            "Leadership"
        ]
    );
}

#[test]
fn bands_at_their_published_bounds() {
    // 25-38 Inadequate, 39-62 Requires improvement, 63-87 Good, 88+ Outstanding
    for rule in [BandRule::LowerBand, BandRule::Nearest, BandRule::UpperBand] {
        for (p, want) in [
            (25.0, Rating::Inadequate),
            (38.0, Rating::Inadequate),
            (39.0, Rating::RequiresImprovement),
            (62.0, Rating::RequiresImprovement),
            (63.0, Rating::Good),
            (87.0, Rating::Good),
            (88.0, Rating::Outstanding),
            (100.0, Rating::Outstanding),
        ] {
            assert_eq!(band(p, rule).unwrap(), want, "{p}% under {rule:?}");
        }
    }
}

#[test]
fn ambiguous_totals_of_domain_section_5_are_flagged() {
    // 9 statements, total 14: 14 / 36 = 38.89%
    let nine = Scores::from_slice(&[2, 2, 2, 2, 2, 1, 1, 1, 1]).unwrap();
    assert_eq!(nine.total(), 14);
    let r = nine.rate(BandRule::LowerBand).unwrap();
    assert!(r.ambiguous);
    assert!((r.percentage - 38.888_888_888_888_886).abs() < 1e-12);
    assert_eq!(r.rating, Rating::Inadequate);
    assert_eq!(
        nine.rate(BandRule::Nearest).unwrap().rating,
        Rating::RequiresImprovement
    );
    // 8 statements (one not assessed), total 28: 28 / 32 = 87.5%
    let eight = Scores::from_options(&[
        Some(4),
        Some(4),
        Some(4),
        Some(4),
        None,
        Some(3),
        Some(3),
        Some(3),
        Some(3),
    ])
    .unwrap();
    let r = eight.rate(BandRule::default()).unwrap();
    assert_eq!((r.total, r.assessed, r.percentage), (28, 8, 87.5));
    assert!(r.ambiguous);
    assert_eq!(r.rating, Rating::Good);
    assert_eq!(r.rating_upper_band, Rating::Outstanding);
    // 8 statements, total 20: 20 / 32 = 62.5%, also between two bands (not listed in DOMAIN.md)
    let r = Scores::from_slice(&[3, 3, 3, 3, 2, 2, 2, 2])
        .unwrap()
        .rate(BandRule::default())
        .unwrap();
    assert_eq!((r.total, r.percentage), (20, 62.5));
    assert!(r.ambiguous);
    assert_eq!(
        (r.rating_lower_band, r.rating_upper_band),
        (Rating::RequiresImprovement, Rating::Good)
    );
}

#[test]
fn scores_outside_one_to_four_are_errors_naming_the_statement() {
    for bad in [0, 5] {
        let e = Scores::from_slice(&[3, 3, 3, 3, 3, 3, bad]).unwrap_err();
        assert!(matches!(e, Error::OutOfRange { .. }));
        assert_eq!(
            e.to_string(),
            format!(
                "statement 7 (Safeguarding): {bad} is out of range; expected a score from 1 to 4, or not assessed"
            )
        );
    }
    assert!(la_rating(&[3; 10]).is_err());
    let e = QualityStatement::from_name("Leadership").unwrap_err();
    assert!(matches!(e, Error::Unknown { .. }));
}

#[test]
fn theme_percentages_are_derived_and_labelled() {
    // theme 1: 4 + 3 + 2 = 9 of 12 = 75%; theme 2: 3 + 3 of 8 = 75%; theme 3: only 7 assessed,
    // 1 of 4 = 25%; theme 4: none assessed
    let s = Scores::from_options(&[
        Some(4),
        Some(3),
        Some(2),
        Some(3),
        Some(3),
        None,
        Some(1),
        None,
        None,
    ])
    .unwrap();
    let t = s.theme_percentages();
    assert_eq!(t[0].percentage, 75.0);
    assert_eq!(t[1].percentage, 75.0);
    assert_eq!((t[2].assessed, t[2].percentage), (1, 25.0));
    assert!(t[3].percentage.is_nan());
    assert!(t.iter().all(|x| x.derived));
    // the overall percentage weighs statements, not themes: 16 / 24 = 66.67%
    let r = s.rate(BandRule::default()).unwrap();
    assert!((r.percentage - 66.666_666_666_666_67).abs() < 1e-9);
}
