//! ASCOF catalogue and year-on-year comparison on Birmingham's table (seed 000, "ASCOF Results
//! and rankings (compared to last year)", 2022-23 and 2021-22 scores).

use carestat::ascof::{self, measure, measure_in, Certainty, Framework, Unit};
use carestat::{Error, Judgement};

/// Seed 000's table: measure, 2022-23 score, 2021-22 score, and the judgement worked out by
/// hand from each measure's polarity (2A(1) and 2A(2) are lower-is-better, the rest
/// higher-is-better). "1C1B Self-Directed Support 97.8" has no 2021-22 value in the extracted
/// text, so it is left out.
const BIRMINGHAM: [(&str, f64, f64, Judgement); 18] = [
    ("1C1A", 100.0, 100.0, Judgement::NoChange),
    ("1C2A", 39.1, 38.2, Judgement::Improved),
    ("1E", 1.0, 1.4, Judgement::Worsened),
    ("1G", 66.8, 68.7, Judgement::Worsened),
    ("2A1", 15.9, 7.7, Judgement::Worsened),
    ("2A2", 587.2, 417.6, Judgement::Worsened),
    ("2B1", 80.8, 80.5, Judgement::Improved),
    ("2B2", 10.0, 7.4, Judgement::Improved),
    ("2D", 56.4, 41.4, Judgement::Improved),
    ("1C2B", 96.8, 94.1, Judgement::Improved),
    ("1A", 18.9, 18.2, Judgement::Improved),
    ("1B", 76.8, 69.8, Judgement::Improved),
    ("1I1", 47.3, 37.5, Judgement::Improved),
    ("1J", 0.41, 0.402, Judgement::Improved),
    ("3A", 60.8, 59.5, Judgement::Improved),
    ("3D1", 61.1, 55.8, Judgement::Improved),
    ("4A", 69.3, 68.8, Judgement::Improved),
    ("4B", 90.2, 86.6, Judgement::Improved),
];

#[test]
fn birmingham_2022_23_against_2021_22() {
    for (id, current, previous, want) in BIRMINGHAM {
        let m = measure_in(Framework::To2022_23, id).unwrap();
        let c = m.compare(previous, current).unwrap();
        assert_eq!(c.judgement, want, "{id}: {previous} -> {current}");
        assert!((c.difference - (current - previous)).abs() < 1e-12, "{id}");
    }
}

/// "2A2 Perm. Admissions to care homes- OA 587.2 417.6": a rise of 169.6 per 100,000, +40.61%
/// (169.6 / 417.6 = 0.406130), and worse because lower is better.
#[test]
fn birmingham_2a2_rise_is_worse() {
    let m = measure("2A2").unwrap();
    assert_eq!(m.label, "2A(2)");
    assert_eq!(m.unit, Unit::PerPopulation);
    assert_eq!(m.unit_label(), "per 100,000 population aged 65+");
    assert_eq!(m.difference_unit(), "per 100,000");
    let c = m.compare(417.6, 587.2).unwrap();
    assert!((c.difference - 169.6).abs() < 1e-9);
    assert!((c.percent_change - 40.613_026_819_923_37).abs() < 1e-9);
    assert_eq!(c.judgement, Judgement::Worsened);
    // the same measure is 2C from 2023-24, with the same polarity
    let new = m.counterpart_measure().unwrap();
    assert_eq!(
        (new.id.as_str(), new.framework),
        ("2C", Framework::From2023_24)
    );
    assert_eq!(
        new.compare(417.6, 587.2).unwrap().judgement,
        Judgement::Worsened
    );
}

/// "1C2A Direct Payments 39.1 38.2": +0.9 percentage points, a 2.36% relative rise
/// (0.9 / 38.2 = 0.023560).
#[test]
fn percentage_measures_change_in_points_and_per_cent() {
    let m = measure("1C(2a)").unwrap();
    assert_eq!(m.difference_unit(), "percentage points");
    let c = m.compare(38.2, 39.1).unwrap();
    assert!((c.difference - 0.9).abs() < 1e-9);
    assert!((c.percent_change - 2.356_020_942_408_4).abs() < 1e-9);
}

#[test]
fn outcome_is_published_to_one_decimal_half_away_from_zero() {
    // 2A(1): 15 admissions of 18-64s in a population of 94,340: 15.8999... -> 15.9
    let m = measure("2A1").unwrap();
    let o = m.outcome(15.0, 94_340.0).unwrap();
    assert!((o.value - 15.899_936_400_254_4).abs() < 1e-9);
    assert_eq!((o.published, o.decimals), (15.9, 1));
    // a percentage that is exactly a half at the published precision: 1 of 8 = 12.5%,
    // 1 of 16 = 6.25% -> 6.3 (not 6.2 as banker's rounding would give)
    let m = measure("1C2A").unwrap();
    assert_eq!(m.outcome(1.0, 16.0).unwrap().published, 6.3);
    // a mean score: 1A is the sum of scores over respondents, out of 24
    let m = measure_in(Framework::To2022_23, "1A").unwrap();
    assert_eq!(m.outcome(18_900.0, 1_000.0).unwrap().published, 18.9);
    assert!(m.outcome(25_000.0, 1_000.0).is_err());
    // missing in, missing out
    assert!(m.outcome(f64::NAN, 1_000.0).unwrap().published.is_nan());
}

#[test]
fn bad_input_is_an_error() {
    let e = measure("9Z").unwrap_err();
    assert!(matches!(e, Error::Unknown { .. }));
    assert_eq!(e.to_string(), "id: unknown ASCOF measure `9Z`");
    // 2D means different things in the two frameworks: no guessing
    assert!(matches!(measure("2D").unwrap_err(), Error::Invalid { .. }));
    let pct = measure("1C1A").unwrap();
    assert!(matches!(
        pct.outcome(11.0, 10.0).unwrap_err(),
        Error::NumeratorAboveDenominator { .. }
    ));
    assert!(pct.outcome(-1.0, 10.0).is_err());
    assert!(pct.outcome(1.0, 0.0).is_err());
    assert!(pct.compare(-1.0, 10.0).is_err());
    // rates allow more events than people
    assert!(measure("2A2").unwrap().outcome(12.0, 10.0).is_ok());
    // 1J is modelled
    assert!(measure("1J").unwrap().outcome(1.0, 2.0).is_err());
    // percentage change from zero is missing, not infinite
    let c = pct.compare(0.0, 5.0).unwrap();
    assert!(c.percent_change.is_nan());
    assert_eq!(c.judgement, Judgement::Improved);
}

#[test]
fn both_frameworks_are_complete() {
    // DOMAIN.md section 6: the old framework's measures
    let old: Vec<&str> = ascof::measures_in(Framework::To2022_23)
        .map(|m| m.id.as_str())
        .collect();
    for id in [
        "1A", "1B", "1C1A", "1C1B", "1C2A", "1C2B", "1D", "1E", "1F", "1G", "1H", "1I1", "1I2",
        "1J", "2A1", "2A2", "2B1", "2B2", "2C1", "2C2", "2D", "3A", "3B", "3C", "3D1", "3D2", "4A",
        "4B",
    ] {
        assert!(old.contains(&id), "old framework lacks {id}");
    }
    let new: Vec<&str> = ascof::measures_in(Framework::From2023_24)
        .map(|m| m.id.as_str())
        .collect();
    for id in ["2A", "2B", "2C", "2D1", "2D2", "2E", "3D1A", "3D2A"] {
        assert!(new.contains(&id), "new framework lacks {id}");
        let m = measure_in(Framework::From2023_24, id).unwrap();
        assert_eq!(m.certainty, Certainty::Verified, "{id}");
    }
    // every entry carries a source note
    assert!(ascof::measures().iter().all(|m| !m.source.is_empty()));
}
