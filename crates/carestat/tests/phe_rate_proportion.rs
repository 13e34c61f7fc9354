//! Crude rates and Wilson proportions against PHEindicatormethods v2.1.0's own fixtures.

mod common;

use carestat::poisson::{byars_lower, byars_upper};
use carestat::proportion::wilson_limits;
use carestat::{crude_rate, crude_rate_many, wilson_proportion, wilson_proportion_many};
use carestat::{Confidence, Estimates};
use common::{assert_close, read_phe};

const REL: f64 = 1e-9;

#[test]
fn crude_rates_match_phe_rate_at_95_and_99_8() {
    let rows = read_phe("testdata_Rate__testdata_Rate.csv");
    assert_eq!(rows.len(), 20);
    for (i, row) in rows.iter().enumerate() {
        let (x, n, m) = (
            row.num("Numerator"),
            row.num("Denominator"),
            row.num("multiplier"),
        );
        for (conf, lo, hi) in [
            (0.95, "lower95_0cl", "upper95_0cl"),
            (0.998, "lower99_8cl", "upper99_8cl"),
        ] {
            let e = crude_rate(x, n, m, conf).unwrap();
            let what = format!("row {i} ({}) at {conf}", row.text("Area"));
            assert_close(e.value, row.num("value"), REL, &format!("{what} value"));
            assert_close(e.lower, row.num(lo), REL, &format!("{what} lower"));
            assert_close(e.upper, row.num(hi), REL, &format!("{what} upper"));
            if !e.value.is_nan() {
                assert_eq!(e.method.name(), row.text("method"), "{what} method");
            }
        }
    }
}

#[test]
fn batch_rates_equal_scalar_rates_on_the_fixture() {
    let rows = read_phe("testdata_Rate__testdata_Rate.csv");
    // The fixture mixes multipliers; use per 100,000 for all rows.
    let counts: Vec<f64> = rows.iter().map(|r| r.num("Numerator")).collect();
    let pops: Vec<f64> = rows.iter().map(|r| r.num("Denominator")).collect();
    let mut out = Estimates::with_len(rows.len());
    crude_rate_many(&counts, &pops, 1e5, 0.998, out.as_mut()).unwrap();
    for i in 0..rows.len() {
        let e = crude_rate(counts[i], pops[i], 1e5, 0.998).unwrap();
        for (a, b) in [
            (out.value[i], e.value),
            (out.lower[i], e.lower),
            (out.upper[i], e.upper),
        ] {
            assert!(
                a.to_bits() == b.to_bits(),
                "row {i}: batch {a} vs scalar {b}"
            );
        }
        assert_eq!(out.method[i], e.method.code());
    }
}

#[test]
fn grouped_rates_match_phe_rate_after_summing_by_area() {
    let rows = read_phe("testdata_Rate__testdata_Rate_g.csv");
    assert!(!rows.is_empty());
    for (i, row) in rows.iter().enumerate() {
        assert_eq!(row.text("confidence"), "95%");
        let e = crude_rate(
            row.num("Numerator"),
            row.num("Denominator"),
            row.num("multiplier"),
            0.95,
        )
        .unwrap();
        assert_close(e.value, row.num("value"), REL, &format!("row {i} value"));
        assert_close(e.lower, row.num("lowercl"), REL, &format!("row {i} lower"));
        assert_close(e.upper, row.num("uppercl"), REL, &format!("row {i} upper"));
    }
}

#[test]
fn proportions_match_phe_proportion_at_95_and_99_8() {
    let rows = read_phe("testdata_Proportion__testdata_Prop.csv");
    assert_eq!(rows.len(), 19);
    for (i, row) in rows.iter().enumerate() {
        let (x, n, m) = (
            row.num("Numerator"),
            row.num("Denominator"),
            row.num("multiplier"),
        );
        for (conf, lo, hi) in [
            (0.95, "lower95_0cl", "upper95_0cl"),
            (0.998, "lower99_8cl", "upper99_8cl"),
        ] {
            let e = wilson_proportion(x, n, m, conf).unwrap();
            let what = format!("row {i} ({}) at {conf}", row.text("Area"));
            assert_close(e.value, row.num("value"), REL, &format!("{what} value"));
            assert_close(e.lower, row.num(lo), REL, &format!("{what} lower"));
            assert_close(e.upper, row.num(hi), REL, &format!("{what} upper"));
        }
    }
}

#[test]
fn batch_proportions_equal_scalar_proportions() {
    let rows = read_phe("testdata_Proportion__testdata_Prop.csv");
    let x: Vec<f64> = rows.iter().map(|r| r.num("Numerator")).collect();
    let n: Vec<f64> = rows.iter().map(|r| r.num("Denominator")).collect();
    let mut out = Estimates::with_len(rows.len());
    wilson_proportion_many(&x, &n, 100.0, 0.95, out.as_mut()).unwrap();
    for i in 0..rows.len() {
        let e = wilson_proportion(x[i], n[i], 100.0, 0.95).unwrap();
        assert_eq!(out.value[i].to_bits(), e.value.to_bits(), "row {i}");
        assert_eq!(out.lower[i].to_bits(), e.lower.to_bits(), "row {i}");
        assert_eq!(out.upper[i].to_bits(), e.upper.to_bits(), "row {i}");
    }
}

#[test]
fn grouped_proportions_match_phe_proportion_after_summing_by_area() {
    let rows = read_phe("testdata_Proportion__testdata_Prop_g.csv");
    for (i, row) in rows.iter().enumerate() {
        assert_eq!(row.text("confidence"), "95%");
        let e = wilson_proportion(
            row.num("Numerator"),
            row.num("Denominator"),
            row.num("multiplier"),
            0.95,
        )
        .unwrap();
        assert_close(e.value, row.num("value"), REL, &format!("row {i} value"));
        assert_close(e.lower, row.num("lowercl"), REL, &format!("row {i} lower"));
        assert_close(e.upper, row.num("uppercl"), REL, &format!("row {i} upper"));
    }
}

#[test]
fn raw_byars_and_wilson_limits_match() {
    for (i, row) in read_phe("testdata_Byars_Wilson__testdata_B_W.csv")
        .iter()
        .enumerate()
    {
        let conf = Confidence::new(
            row.text("confidence")
                .trim_end_matches('%')
                .parse()
                .unwrap(),
        )
        .unwrap();
        let x = row.num("x");
        let (lower, upper) = match row.text("method") {
            "Byars" => (
                byars_lower(x, conf).unwrap_or(f64::NAN),
                byars_upper(x, conf),
            ),
            "Wilson" => wilson_limits(x, row.num("n"), conf),
            other => panic!("unknown method {other}"),
        };
        assert_close(lower, row.num("lowercl"), REL, &format!("row {i} lower"));
        assert_close(upper, row.num("uppercl"), REL, &format!("row {i} upper"));
    }
}

#[test]
fn phe_error_cases_are_errors_naming_the_field() {
    let e = crude_rate(-1.0, 100.0, 1e5, 0.95).unwrap_err();
    assert_eq!(e.to_string(), "count: must not be negative (got -1)");
    let e = crude_rate(1.0, 0.0, 1e5, 0.95).unwrap_err();
    assert_eq!(
        e.to_string(),
        "population: must be greater than zero (got 0)"
    );
    let e = wilson_proportion(101.0, 100.0, 1.0, 0.95).unwrap_err();
    assert_eq!(
        e.to_string(),
        "numerator: numerator 101 is greater than denominator 100"
    );
    assert!(crude_rate(1.0, 100.0, 1e5, 0.8).is_err());
    assert!(wilson_proportion(1.0, 100.0, 1.0, 101.0).is_err());
    let mut out = Estimates::with_len(2);
    let e = wilson_proportion_many(&[1.0, 2.0], &[1.0], 1.0, 0.95, out.as_mut()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "denominators: length 1 does not match numerators length 2"
    );
}
