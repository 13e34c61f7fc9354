//! Provider quality ratings on Birmingham's Local Account 2022/23 (seed 000).

use carestat::ratings::{DenominatorRule, LocalScheme, Rating, RatingCounts};
use carestat::{round_half_away, wilson_proportion, Error};

const OG: [Rating; 2] = [Rating::Outstanding, Rating::Good];

/// Seed 000: "There were 13 homes who were rated gold. 432 homes were rated silver. 123 homes
/// rated bronze. 7 homes were rated inadequate. 1 home is not yet rated. These means that 76%
/// of Birmingham Care Homes are Outstanding or Good"
#[test]
fn birmingham_care_homes_stated_76_follows_from_no_rule() {
    let counts = LocalScheme::birmingham()
        .counts(&[
            ("gold", 13),
            ("silver", 432),
            ("bronze", 123),
            ("inadequate", 7),
            ("not yet rated", 1),
        ])
        .unwrap();
    assert_eq!(counts, RatingCounts::new(13, 432, 123, 7, 1));
    let all = counts.shares(DenominatorRule::AllLocations).unwrap();
    // 445 / 576 = 77.26%; rated only 445 / 575 = 77.39%
    assert_eq!(all.denominator, 576);
    assert_eq!(round_half_away(all.outstanding_or_good, 1), 77.3);
    let rated = counts.shares(DenominatorRule::RatedOnly).unwrap();
    assert_eq!(rated.denominator, 575);
    assert_eq!(round_half_away(rated.outstanding_or_good, 1), 77.4);
    assert_eq!(rated.not_rated, None);
    assert!(counts.rules_matching(&OG, 76.0, 0).is_empty());
    assert_eq!(
        counts.rules_matching(&OG, 77.0, 0),
        vec![DenominatorRule::AllLocations, DenominatorRule::RatedOnly]
    );
    // the five category shares add up to 100 under the all-locations rule
    let sum: f64 = Rating::ALL.iter().map(|&r| all.get(r).unwrap()).sum();
    assert!((sum - 100.0).abs() < 1e-9);
    // 7 / 576 inadequate = 1.215%
    assert_eq!(round_half_away(all.inadequate, 2), 1.22);
}

/// Seed 000: "There are 3 providers rated Gold. 199 providers were rated Silver. 64 providers
/// rated Bronze. 1 provider is rated as inadequate, 11 providers are not yet rated. This means
/// that 73% of Birmingham Supported Living services are Outstanding or Good."
#[test]
fn birmingham_supported_living_73_counts_unrated_in_the_denominator() {
    let sl = RatingCounts::new(3, 199, 64, 1, 11);
    // 202 / 278 = 72.66% -> 73; 202 / 267 = 75.66% -> 76
    assert_eq!(
        sl.rules_matching(&OG, 73.0, 0),
        vec![DenominatorRule::AllLocations]
    );
    let s = sl.shares(DenominatorRule::AllLocations).unwrap();
    assert_eq!(round_half_away(s.outstanding_or_good, 2), 72.66);
    // the Wilson interval of the share is PHE's Wilson interval of 202 of 278
    let e = sl
        .share_estimate(&OG, DenominatorRule::AllLocations, 0.95)
        .unwrap();
    let w = wilson_proportion(202.0, 278.0, 100.0, 0.95).unwrap();
    assert_eq!((e.value, e.lower, e.upper), (w.value, w.lower, w.upper));
}

/// Seed 000: "There is 0 provider rated Gold. 70 providers were rated Silver. 12 providers
/// rated Bronze. 1 provider are not yet rated or are inadequate. This means that 84% of
/// Birmingham Home Support services are Outstanding or Good". The last provider is either
/// category: under both readings, counting every location reproduces 84%.
#[test]
fn birmingham_home_support_84_under_either_reading() {
    let inadequate = RatingCounts::new(0, 70, 12, 1, 0);
    let unrated = RatingCounts::new(0, 70, 12, 0, 1);
    // 70 / 83 = 84.34%; 70 / 82 = 85.37%
    assert_eq!(
        inadequate.rules_matching(&OG, 84.0, 0),
        vec![DenominatorRule::AllLocations, DenominatorRule::RatedOnly]
    );
    assert_eq!(
        unrated.rules_matching(&OG, 84.0, 0),
        vec![DenominatorRule::AllLocations]
    );
}

#[test]
fn unknown_local_labels_are_errors_naming_the_row() {
    let e = LocalScheme::birmingham()
        .counts(&[("Gold", 1), ("Silver", 2), ("Platinum", 3)])
        .unwrap_err();
    assert!(matches!(e, Error::Unknown { .. }));
    assert_eq!(
        e.to_string(),
        "label at row 2: unknown rating label in the Birmingham scheme `Platinum`"
    );
}

#[test]
fn a_council_supplies_its_own_scheme() {
    let scheme = LocalScheme::new(
        "Example council",
        [
            ("Excellent", Rating::Outstanding),
            ("Good", Rating::Good),
            ("Adequate", Rating::RequiresImprovement),
            ("Poor", Rating::Inadequate),
            ("Awaiting visit", Rating::NotRated),
            ("New provider", Rating::NotRated),
        ],
    )
    .unwrap();
    let counts = scheme
        .counts(&[
            ("Excellent", 2),
            ("good", 10),
            ("Awaiting visit", 3),
            ("New provider", 1),
        ])
        .unwrap();
    assert_eq!(counts, RatingCounts::new(2, 10, 0, 0, 4));
    // 12 of 16 = 75%
    assert_eq!(
        counts
            .outstanding_or_good_share(DenominatorRule::AllLocations)
            .unwrap(),
        75.0
    );
    assert!(LocalScheme::new("dup", [("A", Rating::Good), ("a", Rating::Inadequate)]).is_err());
    assert!(LocalScheme::new("empty", [(" ", Rating::Good)]).is_err());
    // the scheme is data: it round-trips through JSON
    let json = serde_json::to_string(&scheme).unwrap();
    let back: LocalScheme = serde_json::from_str(&json).unwrap();
    assert_eq!(back, scheme);
}

#[test]
fn cqc_labels_map_onto_themselves() {
    let cqc = LocalScheme::cqc();
    for r in Rating::ALL {
        assert_eq!(cqc.rating(r.label()).unwrap(), r);
    }
    assert_eq!(
        cqc.rating("Inspected but not rated").unwrap(),
        Rating::NotRated
    );
}
