//! Funnel plot limits and significance against PHEindicatormethods v2.1.0's fixtures.
//!
//! The funnel fixtures were written by Excel: most values keep 10 significant figures
//! (within 5e-10 relative, so the 1e-9 bar applies as is); the proportion limits keep 6 or 8
//! decimals, and are matched to their last printed decimal ([`assert_close_cell`]).

mod common;

use carestat::funnel::{
    proportion_funnel_limits, proportion_funnel_significance, rate_funnel_limits,
    rate_funnel_points, rate_funnel_significance, ratio_funnel_limits, ratio_funnel_significance,
    FunnelPoint, RateType, RatioType, Significance,
};
use common::{assert_close, assert_close_cell, read_phe_excel, Row};

const REL: f64 = 1e-9;

/// A fixture column and the funnel point field it holds.
type Column = (&'static str, fn(&FunnelPoint) -> f64);

fn col(rows: &[&Row], name: &str) -> Vec<f64> {
    rows.iter().map(|r| r.num(name)).collect()
}

fn labels(s: &[Significance]) -> Vec<&'static str> {
    s.iter().map(|s| s.label()).collect()
}

/// Compares 100 funnel points with a fixture; `columns` maps each point field to its column.
fn check_points(points: &[FunnelPoint], expected: &[Row], columns: &[Column], what: &str) {
    assert_eq!(points.len(), 100, "{what}");
    assert_eq!(expected.len(), 100, "{what}");
    for (i, (p, row)) in points.iter().zip(expected).enumerate() {
        for (column, field) in columns {
            assert_close_cell(field(p), row, column, REL, &format!("{what} row {i}"));
        }
    }
}

#[test]
fn proportion_limits_match_both_fixtures() {
    let inputs = read_phe_excel("testdata_funnel_prop_inputs.csv");
    let all: Vec<&Row> = inputs.iter().collect();
    let columns: [Column; 6] = [
        ("Population", |p| p.x),
        ("Lower2s0025limit", |p| p.lower_2s_limit),
        ("Upper2s0025limit", |p| p.upper_2s_limit),
        ("Lower3s0001limit", |p| p.lower_3s_limit),
        ("Upper3s0001limit", |p| p.upper_3s_limit),
        ("Baseline", |p| p.baseline),
    ];
    let points =
        proportion_funnel_limits(&col(&all, "numerator"), &col(&all, "denominator"), 100.0)
            .unwrap();
    check_points(
        &points,
        &read_phe_excel("testdata_funnel_prop_outputs.csv"),
        &columns,
        "proportions",
    );

    // With denominators below 31,000 the range is narrow enough for a rounded axis minimum.
    let narrow: Vec<&Row> = all
        .iter()
        .copied()
        .filter(|r| r.num("denominator") < 31_000.0)
        .collect();
    let points = proportion_funnel_limits(
        &col(&narrow, "numerator"),
        &col(&narrow, "denominator"),
        100.0,
    )
    .unwrap();
    check_points(
        &points,
        &read_phe_excel("testdata_funnel_prop_outputs_with_axis_variation.csv"),
        &columns,
        "proportions, axis variation",
    );
}

#[test]
fn proportion_significance_matches() {
    let inputs = read_phe_excel("testdata_funnel_prop_inputs.csv");
    let all: Vec<&Row> = inputs.iter().collect();
    let s =
        proportion_funnel_significance(&col(&all, "numerator"), &col(&all, "denominator")).unwrap();
    let expected: Vec<&str> = all.iter().map(|r| r.text("significance")).collect();
    assert_eq!(labels(&s), expected);
}

#[test]
fn ratio_limits_match_for_counts_and_isrs() {
    let inputs = read_phe_excel("testdata_funnel_ratio_inputs.csv");
    let all: Vec<&Row> = inputs.iter().collect();
    let expected = read_phe_excel("testdata_funnel_ratio_outputs.csv");
    let (obs, exp) = (col(&all, "obs"), col(&all, "expected"));
    let common: [Column; 5] = [
        ("Observed_events", |p| p.x),
        ("lower_2s_exp_events", |p| p.lower_2s_denominator),
        ("upper_2s_exp_events", |p| p.upper_2s_denominator),
        ("lower_3s_exp_events", |p| p.lower_3s_denominator),
        ("upper_3s_exp_events", |p| p.upper_3s_denominator),
    ];
    let count: [Column; 4] = [
        ("lower_2s_count", |p| p.lower_2s_limit),
        ("upper_2s_count", |p| p.upper_2s_limit),
        ("lower_3s_count", |p| p.lower_3s_limit),
        ("upper_3s_count", |p| p.upper_3s_limit),
    ];
    let isr: [Column; 4] = [
        ("lower_2s_isr", |p| p.lower_2s_limit),
        ("upper_2s_isr", |p| p.upper_2s_limit),
        ("lower_3s_isr", |p| p.lower_3s_limit),
        ("upper_3s_isr", |p| p.upper_3s_limit),
    ];
    let points = ratio_funnel_limits(&obs, &exp, RatioType::Count).unwrap();
    check_points(&points, &expected, &common, "ratio (count)");
    check_points(&points, &expected, &count, "ratio (count)");
    assert!(points.iter().all(|p| p.baseline.is_nan()));
    let points = ratio_funnel_limits(&obs, &exp, RatioType::Isr).unwrap();
    check_points(&points, &expected, &isr, "ratio (isr)");
}

#[test]
fn ratio_significance_matches() {
    let inputs = read_phe_excel("testdata_funnel_ratio_inputs.csv");
    let all: Vec<&Row> = inputs.iter().collect();
    let s = ratio_funnel_significance(&col(&all, "obs"), &col(&all, "expected")).unwrap();
    let expected: Vec<&str> = all.iter().map(|r| r.text("significance")).collect();
    assert_eq!(labels(&s), expected);
}

const RATE_COLUMNS: [Column; 10] = [
    ("Events", |p| p.x),
    ("lower_2s_population_1_year", |p| p.lower_2s_denominator),
    ("lower_2s_limit", |p| p.lower_2s_limit),
    ("upper_2s_population_1_year", |p| p.upper_2s_denominator),
    ("upper_2s_limit", |p| p.upper_2s_limit),
    ("lower_3s_population_1_year", |p| p.lower_3s_denominator),
    ("lower_3s_limit", |p| p.lower_3s_limit),
    ("upper_3s_population_1_year", |p| p.upper_3s_denominator),
    ("upper_3s_limit", |p| p.upper_3s_limit),
    ("baseline", |p| p.baseline),
];

/// Events of the rate funnel input with the largest count replaced.
fn events_with_max_replaced(rows: &[&Row], replacement: f64) -> Vec<f64> {
    let ev = col(rows, "ev");
    let max = ev.iter().copied().fold(f64::MIN, f64::max);
    ev.iter()
        .map(|&e| if e == max { replacement } else { e })
        .collect()
}

#[test]
fn rate_limits_match_dsr_and_crude_fixtures() {
    let inputs = read_phe_excel("testdata_funnel_rate_input_funnels.csv");
    let all: Vec<&Row> = inputs.iter().collect();
    let (ev, rate) = (col(&all, "ev"), col(&all, "rate"));

    // DSRs over 3 years, per 100,000.
    let points = rate_funnel_limits(&ev, &rate, None, RateType::Dsr, 1e5, 3.0).unwrap();
    let expected = read_phe_excel("testdata_funnel_rate_outputs.csv");
    check_points(&points, &expected, &RATE_COLUMNS, "rate (dsr)");
    assert_eq!(expected[0].text("statistic"), "rate (dsr per 100,000)");

    // Crude rates, the largest count replaced by 5 (fewer than 10 events).
    let ev5 = events_with_max_replaced(&all, 5.0);
    let points = rate_funnel_limits(&ev5, &rate, None, RateType::Crude, 1e5, 3.0).unwrap();
    check_points(
        &points,
        &read_phe_excel("testdata_funnel_rate_outputs_2.csv"),
        &RATE_COLUMNS,
        "rate (crude, < 10)",
    );

    // Crude rates with a zero-event area and denominators: pop = 1e5 ev / rate, the largest
    // area set to 0 events (and rate 0), keeping areas above half the largest population.
    let pop: Vec<f64> = ev.iter().zip(&rate).map(|(e, r)| 1e5 * e / r).collect();
    let max_ev = ev.iter().copied().fold(f64::MIN, f64::max);
    let max_pop = pop.iter().copied().fold(f64::MIN, f64::max);
    let keep: Vec<usize> = (0..ev.len()).filter(|&i| pop[i] > max_pop / 2.0).collect();
    let ev0: Vec<f64> = keep
        .iter()
        .map(|&i| if ev[i] == max_ev { 0.0 } else { ev[i] })
        .collect();
    let rate0: Vec<f64> = keep
        .iter()
        .map(|&i| if ev[i] == max_ev { 0.0 } else { rate[i] })
        .collect();
    let pop0: Vec<f64> = keep.iter().map(|&i| pop[i]).collect();
    assert!(ev0.contains(&0.0));
    let points = rate_funnel_limits(&ev0, &rate0, Some(&pop0), RateType::Crude, 1e5, 3.0).unwrap();
    check_points(
        &points,
        &read_phe_excel("testdata_funnel_rate_outputs_3.csv"),
        &RATE_COLUMNS,
        "rate (crude, 0 events)",
    );
}

#[test]
fn rate_points_match_the_chart_columns() {
    let inputs = read_phe_excel("testdata_funnel_rate_input_funnels.csv");
    let all: Vec<&Row> = inputs.iter().collect();
    let rate = col(&all, "rate");
    let cases = [
        // (events, denominators, type, years, rate column, population column)
        (
            events_with_max_replaced(&all, 5.0),
            None,
            RateType::Dsr,
            3.0,
            "rate_chart",
            "denominator_derived",
        ),
        (
            col(&all, "ev"),
            None,
            RateType::Crude,
            3.0,
            "rate_chart_crude",
            "denominator_derived_crude",
        ),
        (
            events_with_max_replaced(&all, 0.0),
            Some(col(&all, "pop")),
            RateType::Crude,
            5.0,
            "rate_chart_crude_with_denom",
            "denominator_derived_crude_with_denom",
        ),
    ];
    for (ev, pop, rate_type, years, rate_col, pop_col) in cases {
        let points = rate_funnel_points(&ev, &rate, pop.as_deref(), rate_type, 1e5, years).unwrap();
        for (i, ((r, n), row)) in points.iter().zip(&all).enumerate() {
            assert_close_cell(*r, row, rate_col, REL, &format!("row {i}"));
            assert_close_cell(*n, row, pop_col, REL, &format!("row {i}"));
        }
    }
}

#[test]
fn rate_significance_matches_all_eight_columns() {
    let inputs = read_phe_excel("testdata_funnel_rate_dsr_inputs.csv");
    let all: Vec<&Row> = inputs.iter().collect();
    // (column, rate column, type, multiplier, keep areas with no events)
    let cases = [
        (
            "dsr_per_100000_with_0",
            "rate_dsr",
            RateType::Dsr,
            1e5,
            true,
        ),
        ("dsr_per_100_with_0", "rate_dsr", RateType::Dsr, 100.0, true),
        (
            "dsr_per_100000_without_0",
            "rate_dsr",
            RateType::Dsr,
            1e5,
            false,
        ),
        (
            "dsr_per_100_without_0",
            "rate_dsr",
            RateType::Dsr,
            100.0,
            false,
        ),
        (
            "crude_per_100000_with_0",
            "rate_crude_per_100000",
            RateType::Crude,
            1e5,
            true,
        ),
        (
            "crude_per_100_with_0",
            "rate_crude_per_100",
            RateType::Crude,
            100.0,
            true,
        ),
        (
            "crude_per_100000_without_0",
            "rate_crude_per_100000",
            RateType::Crude,
            1e5,
            false,
        ),
        (
            "crude_per_100_without_0",
            "rate_crude_per_100",
            RateType::Crude,
            100.0,
            false,
        ),
    ];
    for (column, rate_col, rate_type, multiplier, with_zero) in cases {
        let rows: Vec<&Row> = all
            .iter()
            .copied()
            .filter(|r| with_zero || r.num("count") != 0.0)
            .collect();
        let s = rate_funnel_significance(
            &col(&rows, "count"),
            &col(&rows, rate_col),
            Some(&col(&rows, "pop")),
            rate_type,
            multiplier,
        )
        .unwrap();
        let expected: Vec<&str> = rows.iter().map(|r| r.text(column)).collect();
        assert_eq!(labels(&s), expected, "{column}");
    }
}

#[test]
fn funnel_error_cases() {
    // The reference's own error tests.
    let e = proportion_funnel_significance(&[65.0, 80.0, 30.0], &[100.0, 100.0, 0.0]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "denominators at row 2: must be greater than zero (got 0)"
    );
    let e =
        proportion_funnel_significance(&[65.0, -80.0, 30.0], &[100.0, 100.0, 200.0]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "numerators at row 1: must not be negative (got -80)"
    );
    let e = proportion_funnel_significance(&[65.0, 80.0, 30.0], &[100.0, 100.0, 20.0]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "numerators at row 2: numerator 30 is greater than denominator 20"
    );
    let e = rate_funnel_limits(&[0.0, 20.0], &[0.0, 10.0], None, RateType::Crude, 1e5, 3.0)
        .unwrap_err();
    assert!(
        e.to_string()
            .starts_with("denominators at row 0: needed for crude rates"),
        "{e}"
    );
    let e = rate_funnel_limits(&[5.0, 20.0], &[1.0, 10.0], None, RateType::Crude, 1e5, 0.0)
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "years_of_data: must be greater than zero (got 0)"
    );
    let e = proportion_funnel_limits(&[1.0, f64::NAN], &[10.0, 10.0], 100.0).unwrap_err();
    assert_eq!(
        e.to_string(),
        "numerators at row 1: must not be missing (funnels need every area)"
    );
    assert_close(
        proportion_funnel_limits(&[5.0], &[10.0], 100.0).unwrap()[0].baseline,
        50.0,
        1e-15,
        "baseline",
    );
}
