//! Slope and relative index of inequality against PHEindicatormethods v2.1.0's fixture
//! (`testdata_SII`).
//!
//! The SII, RII and intercept are deterministic and must agree within 1e-9 relative. The
//! confidence limits are simulated (in the reference too: its own tests allow a 5% mean
//! relative difference), so they are compared within a stated tolerance: each limit within
//! `SIM_TOL` of the interval's width. carestat's seeded generator makes the outcome
//! reproducible, so the test cannot flicker.

mod common;

use carestat::sii::{sii, sii_point, SiiOptions, SiiUncertainty, SiiValueType};
use common::{assert_close, read_phe, Row};

const REL: f64 = 1e-9;
/// Simulated limits: within 2% of the interval width (upper - lower). Measured: the 184
/// limits of the fixture differ from carestat's by at most 1.1% of the width (mean 0.3%),
/// at 20,000 repetitions and at 100,000 alike (the fixture's own simulation error).
const SIM_TOL: f64 = 0.02;
const REPETITIONS: usize = 20_000;

/// The reference's test cases: fixture description, transform, multiplier, confidence levels,
/// whether the standard errors (rather than the limits) are used.
const CASES: [(&str, bool, f64, &[f64], bool); 22] = [
    (
        "default (e.g. life expectancy) - default parameters",
        false,
        1.0,
        &[0.95],
        true,
    ),
    (
        "default - testing 99% confidence",
        false,
        1.0,
        &[0.99],
        false,
    ),
    (
        "default - testing 10,000 repetitions",
        false,
        1.0,
        &[0.95],
        true,
    ),
    ("default - testing quintiles", false, 1.0, &[0.95], true),
    (
        "rate (e.g. infant mortality) - default parameters",
        false,
        1.0,
        &[0.95],
        false,
    ),
    (
        "proportion (e.g. child obesity) - default parameters",
        false,
        1.0,
        &[0.95],
        false,
    ),
    (
        "proportion - testing multiplier (x 100)",
        false,
        100.0,
        &[0.95],
        false,
    ),
    (
        "proportion - testing multiplier (x -100)",
        false,
        -100.0,
        &[0.95],
        false,
    ),
    (
        "default (e.g. life expectancy) - multiple CIs",
        false,
        1.0,
        &[0.95, 0.99],
        true,
    ),
    (
        "default (e.g. life expectancy) - intercept",
        false,
        1.0,
        &[0.95],
        false,
    ),
    (
        "rate (e.g. infant mortality) - intercept",
        false,
        1.0,
        &[0.95],
        false,
    ),
    (
        "proportion (e.g. child obesity) - intercept",
        false,
        1.0,
        &[0.95],
        false,
    ),
    (
        "rate (e.g. infant mortality) - log transform with intercept",
        true,
        1.0,
        &[0.95],
        false,
    ),
    (
        "proportion (e.g. child obesity) - logit transform with intercept",
        true,
        1.0,
        &[0.95],
        false,
    ),
    (
        "proportion (e.g. child obesity) - logit transform with negative multiplier",
        true,
        -1.0,
        &[0.95],
        false,
    ),
    (
        "rate (e.g. infant mortality) - log transform with multiple Cis (95 and 98)",
        true,
        1.0,
        &[0.95, 0.98],
        false,
    ),
    (
        "rate (e.g. infant mortality) - log transform with negative multiplier",
        true,
        -1.0,
        &[0.95],
        false,
    ),
    (
        "rate (e.g. infant mortality) - log transform with 98% CI",
        true,
        1.0,
        &[0.98],
        false,
    ),
    (
        "rate (e.g. infant mortality) - log transform without rii",
        true,
        1.0,
        &[0.95],
        false,
    ),
    (
        "proportion (e.g. child obesity) - logit transform without rii",
        true,
        1.0,
        &[0.95],
        false,
    ),
    (
        "proportion (e.g. child obesity) - logit transform with 98% cis",
        true,
        1.0,
        &[0.98],
        false,
    ),
    (
        "proportion (e.g. child obesity) - logit transform with 95% and 98% cis",
        true,
        1.0,
        &[0.95, 0.98],
        false,
    ),
];

fn col(rows: &[&Row], name: &str) -> Vec<f64> {
    rows.iter().map(|r| r.num(name)).collect()
}

/// Rows of one test description, split into areas.
fn areas<'a>(all: &'a [Row], description: &str) -> Vec<Vec<&'a Row>> {
    let mut out: Vec<(String, Vec<&Row>)> = Vec::new();
    for row in all
        .iter()
        .filter(|r| r.text("TestDescription") == description)
    {
        let key = row.text("Area").to_string();
        match out.iter_mut().find(|(k, _)| *k == key) {
            Some((_, rows)) => rows.push(row),
            None => out.push((key, vec![row])),
        }
    }
    assert!(!out.is_empty(), "no rows for {description}");
    out.into_iter().map(|(_, rows)| rows).collect()
}

fn check_limit(actual: f64, row: &Row, column: &str, width: f64, what: &str) {
    let expected = row.num(column);
    if expected.is_nan() {
        return; // not in the fixture (e.g. "without rii", or quintiles from the Excel tool)
    }
    assert!(
        (actual - expected).abs() <= SIM_TOL * width,
        "{what} {column}: got {actual}, expected {expected} (width {width})"
    );
}

#[test]
fn sii_rii_and_intercept_exact_and_simulated_limits_within_tolerance() {
    let all = read_phe("testdata_SII__testdata_SII.csv");
    for (description, transform, multiplier, levels, use_se) in CASES {
        for rows in areas(&all, description) {
            let first = rows[0];
            let what = format!("{description} / {}", first.text("Area"));
            let value_type = SiiValueType::from_code(first.num("ValueType") as i64).unwrap();
            let options = SiiOptions {
                value_type,
                multiplier,
                transform,
                repetitions: REPETITIONS,
                seed: 2024,
            };
            let (se, lower, upper) = (
                col(&rows, "StandardError"),
                col(&rows, "LowerCL"),
                col(&rows, "UpperCL"),
            );
            let uncertainty = if use_se {
                SiiUncertainty::StandardErrors(&se)
            } else {
                SiiUncertainty::Limits95 {
                    lower: &lower,
                    upper: &upper,
                }
            };
            let (pops, values) = (col(&rows, "Population"), col(&rows, "Value"));
            let s = sii(&pops, &values, uncertainty, levels, &options).unwrap();
            assert_close(s.sii, first.num("sii"), REL, &format!("{what} sii"));
            if !first.num("rii").is_nan() {
                assert_close(s.rii, first.num("rii"), REL, &format!("{what} rii"));
            }
            if !first.num("Intercept").is_nan() {
                assert_close(
                    s.intercept,
                    first.num("Intercept"),
                    REL,
                    &format!("{what} intercept"),
                );
            }
            let point = sii_point(&pops, &values, uncertainty, &options).unwrap();
            assert_eq!(
                point,
                (s.sii, s.rii, s.intercept),
                "{what}: point and simulation differ"
            );
            for (k, ci) in s.intervals.iter().enumerate() {
                let n = k + 1;
                let sii_width =
                    first.num(&format!("sii_uppercl_{n}")) - first.num(&format!("sii_lowercl_{n}"));
                check_limit(
                    ci.sii_lower,
                    first,
                    &format!("sii_lowercl_{n}"),
                    sii_width,
                    &what,
                );
                check_limit(
                    ci.sii_upper,
                    first,
                    &format!("sii_uppercl_{n}"),
                    sii_width,
                    &what,
                );
                let rii_width =
                    first.num(&format!("rii_uppercl_{n}")) - first.num(&format!("rii_lowercl_{n}"));
                check_limit(
                    ci.rii_lower,
                    first,
                    &format!("rii_lowercl_{n}"),
                    rii_width,
                    &what,
                );
                check_limit(
                    ci.rii_upper,
                    first,
                    &format!("rii_uppercl_{n}"),
                    rii_width,
                    &what,
                );
            }
        }
    }
}

#[test]
fn sii_error_rows_are_rejected_naming_field_and_row() {
    let all = read_phe("testdata_SII__testdata_SII.csv");
    let options = SiiOptions::default();
    let one = |description: &str| areas(&all, description).remove(0);

    let rows = one("error handling - negative populations");
    let se = col(&rows, "StandardError");
    let e = sii_point(
        &col(&rows, "Population"),
        &col(&rows, "Value"),
        SiiUncertainty::StandardErrors(&se),
        &options,
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "populations at row 1: must be greater than zero (got -200)"
    );

    let rows = one("error handling - negative counts/standard error");
    let se = col(&rows, "StandardError");
    let e = sii_point(
        &col(&rows, "Population"),
        &col(&rows, "Value"),
        SiiUncertainty::StandardErrors(&se),
        &options,
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "standard_errors at row 2: must not be negative (got -5)"
    );

    let rows = one("error handling - invalid proportion in CLs");
    let (lower, upper) = (col(&rows, "LowerCL"), col(&rows, "UpperCL"));
    let proportion = SiiOptions {
        value_type: SiiValueType::Proportion,
        ..options
    };
    let e = sii_point(
        &col(&rows, "Population"),
        &col(&rows, "Value"),
        SiiUncertainty::Limits95 {
            lower: &lower,
            upper: &upper,
        },
        &proportion,
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "upper at row 3: 11 is out of range; expected a proportion between 0 and 1"
    );

    let rows = one("error handling - missing value field");
    let se = col(&rows, "StandardError");
    let e = sii_point(
        &col(&rows, "Population"),
        &col(&rows, "Value"),
        SiiUncertainty::StandardErrors(&se),
        &options,
    )
    .unwrap_err();
    assert_eq!(e.to_string(), "values at row 0: must not be missing");

    let rows = one("error handling - missing confidence limits and se");
    let (lower, upper, se) = (
        col(&rows, "LowerCL"),
        col(&rows, "UpperCL"),
        col(&rows, "StandardError"),
    );
    let e = sii_point(
        &col(&rows, "Population"),
        &col(&rows, "Value"),
        SiiUncertainty::Limits95 {
            lower: &lower,
            upper: &upper,
        },
        &options,
    )
    .unwrap_err();
    assert_eq!(e.to_string(), "lower at row 0: must not be missing");
    let e = sii_point(
        &col(&rows, "Population"),
        &col(&rows, "Value"),
        SiiUncertainty::StandardErrors(&se),
        &options,
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "standard_errors at row 0: must not be missing"
    );
}

#[test]
fn sii_missing_and_out_of_range_inputs_are_rejected() {
    let all = read_phe("testdata_SII__testdata_SII.csv");
    let options = SiiOptions::default();
    let proportion = SiiOptions {
        value_type: SiiValueType::Proportion,
        ..options
    };
    let one = |description: &str| areas(&all, description).remove(0);

    // Missing populations: an error (the reference stops too).
    let rows = one("warning handling - missing populations, counts or values");
    let se = col(&rows, "StandardError");
    let e = sii_point(
        &col(&rows, "Population"),
        &col(&rows, "Value"),
        SiiUncertainty::StandardErrors(&se),
        &options,
    )
    .unwrap_err();
    assert_eq!(e.to_string(), "populations at row 4: must not be missing");

    // Proportions above 1 (the life-expectancy rows read as proportions).
    let rows = areas(&all, "default (e.g. life expectancy) - default parameters").remove(0);
    let se = col(&rows, "StandardError");
    let e = sii_point(
        &col(&rows, "Population"),
        &col(&rows, "Value"),
        SiiUncertainty::StandardErrors(&se),
        &proportion,
    )
    .unwrap_err();
    assert!(e.to_string().starts_with("values at row 0: 75.93"), "{e}");
}

#[test]
fn sii_invalid_options_are_rejected() {
    let options = SiiOptions::default();
    // Too few quantiles, too few repetitions, transform without limits or of a normal value.
    let e = sii_point(
        &[1.0; 3],
        &[1.0; 3],
        SiiUncertainty::StandardErrors(&[1.0; 3]),
        &options,
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "populations: 3 is out of range; expected between 5 and 100 quantiles"
    );
    let few = SiiOptions {
        repetitions: 999,
        ..options
    };
    assert!(sii(
        &[1.0; 5],
        &[1.0; 5],
        SiiUncertainty::StandardErrors(&[1.0; 5]),
        &[0.95],
        &few
    )
    .is_err());
    // An impossible count of simulations is an error before anything is allocated.
    let many = SiiOptions {
        repetitions: 1 << 40,
        ..options
    };
    let e = sii(
        &[1.0; 5],
        &[1.0; 5],
        SiiUncertainty::StandardErrors(&[1.0; 5]),
        &[0.95],
        &many,
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "repetitions: 1099511627776 is out of range; expected at most 10,000,000 (each repetition keeps two numbers per level)"
    );
    let t = SiiOptions {
        transform: true,
        value_type: SiiValueType::Rate,
        ..options
    };
    assert!(sii_point(
        &[1.0; 5],
        &[1.0; 5],
        SiiUncertainty::StandardErrors(&[1.0; 5]),
        &t
    )
    .is_err());
    let t = SiiOptions {
        transform: true,
        ..options
    };
    assert!(sii_point(
        &[1.0; 5],
        &[1.0; 5],
        SiiUncertainty::Limits95 {
            lower: &[0.5; 5],
            upper: &[2.0; 5]
        },
        &t
    )
    .is_err());
    for bad in [0.35, 40.0, 135.0] {
        assert!(sii(
            &[1.0; 5],
            &[1.0; 5],
            SiiUncertainty::StandardErrors(&[1.0; 5]),
            &[bad],
            &options
        )
        .is_err());
    }
    assert!(SiiValueType::from_code(3).is_err());
}
