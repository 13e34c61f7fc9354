//! Disclosure control on Worcestershire's safeguarding figures (seed 004).

use carestat::disclosure::{Status, SuppressionRule, Symbol};
use carestat::Error;

/// Seed 004: "4455 safeguarding concerns received, an increase of 543 concerns from previous
/// year"; "1305 completed safeguarding enquiries were undertaken in the year compared to 1141
/// last year"; "1025 Section 42 enquiries commenced, a decrease from 1309 the previous year".
/// Under the Safeguarding Adults Collection rule each is rounded to the nearest 5.
#[test]
fn worcestershire_safeguarding_counts_under_the_sac_rule() {
    let sac = SuppressionRule::safeguarding_adults();
    for (count, shown) in [
        (4455.0, "4455"),
        (543.0, "545"),
        (3912.0, "3910"),
        (1305.0, "1305"),
        (1141.0, "1140"),
        (1025.0, "1025"),
        (1309.0, "1310"),
    ] {
        assert_eq!(sac.text(count).unwrap(), shown, "{count}");
    }
    // percentages come from the unrounded figures: 543 / 3912 = 13.88%, where the rounded
    // figures 545 / 3910 would give 13.94%
    assert_eq!(sac.percentage(543.0, 3912.0, 2).unwrap(), 13.88);
    // 1305 / 4455 = 29.29%
    assert_eq!(sac.percentage(1305.0, 4455.0, 1).unwrap(), 29.3);
}

#[test]
fn small_counts_are_hidden_with_the_gss_symbol_or_a_star() {
    let sac = SuppressionRule::safeguarding_adults();
    let p = sac.apply(4.0).unwrap();
    assert_eq!(p.status, Status::Suppressed);
    assert!(p.value.is_nan());
    assert_eq!(sac.format(&p), Symbol::Confidential.code());
    assert_eq!(sac.clone().with_marker("*").text(0.0).unwrap(), "*");
    let nhs = SuppressionRule::nhs_digital();
    assert_eq!(nhs.text(0.0).unwrap(), "0");
    assert_eq!(nhs.text(6.0).unwrap(), "[c]");
    assert_eq!(nhs.text(406.0).unwrap(), "405");
}

#[test]
fn gss_symbols_and_their_meanings() {
    let table: Vec<(&str, &str)> = Symbol::ALL
        .iter()
        .map(|s| (s.code(), s.meaning()))
        .collect();
    assert_eq!(
        table,
        vec![
            ("[c]", "confidential"),
            ("[x]", "not available"),
            ("[z]", "not applicable"),
            ("[u]", "low reliability"),
            ("[e]", "estimate"),
            ("[p]", "provisional"),
            ("[r]", "revised"),
            ("[b]", "break in series"),
        ]
    );
}

#[test]
fn negative_and_fractional_counts_are_errors() {
    let sac = SuppressionRule::safeguarding_adults();
    assert!(matches!(
        sac.apply(-5.0).unwrap_err(),
        Error::Negative { .. }
    ));
    assert!(matches!(sac.apply(5.5).unwrap_err(), Error::Invalid { .. }));
    assert!(sac.percentage(5.0, 4.0, 1).is_err());
}
