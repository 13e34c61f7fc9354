//! Directly and indirectly standardised rates and ratios against PHEindicatormethods v2.1.0's
//! fixtures (`testresults_DSR`, `testresults_ISR` and their inputs).

mod common;

use carestat::dsr::{dsr, dsr_many, dsr_non_independent, ESP1976, ESP2013};
use carestat::isr::{isr, isr_many, Isr, Observed};
use carestat::{Estimate, Method};
use common::{assert_close, read_phe, Row};

const REL: f64 = 1e-9;

/// Rows of a fixture grouped by a column, groups in order of first appearance.
fn group_by<'a>(rows: &'a [Row], column: &str) -> Vec<(String, Vec<&'a Row>)> {
    let mut groups: Vec<(String, Vec<&Row>)> = Vec::new();
    for row in rows {
        let key = row.text(column).to_string();
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, members)) => members.push(row),
            None => groups.push((key, vec![row])),
        }
    }
    groups
}

fn column(rows: &[&Row], name: &str) -> Vec<f64> {
    rows.iter().map(|r| r.num(name)).collect()
}

/// Bit-for-bit equality (NaN equal to NaN).
fn same(a: &Estimate, b: &Estimate) -> bool {
    a.value.to_bits() == b.value.to_bits()
        && a.lower.to_bits() == b.lower.to_bits()
        && a.upper.to_bits() == b.upper.to_bits()
        && a.method == b.method
}

fn check(e: &Estimate, row: &Row, lower: &str, upper: &str, what: &str) {
    assert_close(e.value, row.num("value"), REL, &format!("{what} value"));
    assert_close(e.lower, row.num(lower), REL, &format!("{what} {lower}"));
    assert_close(e.upper, row.num(upper), REL, &format!("{what} {upper}"));
}

#[test]
fn dsr_esp2013_per_10_000_and_100_000_at_95_and_99_8() {
    let expected = read_phe("testdata_DSR_ISR__testresults_DSR.csv");
    let input = read_phe("testdata_DSR_ISR__testdata_multiarea.csv");
    let areas = group_by(&input, "area");
    assert_eq!(areas.len(), 3);
    // Fixture rows 1-3 per 10,000 and 5-7 per 100,000 (0-based 0-2, 4-6).
    for (first, multiplier) in [(0, 10_000.0), (4, 100_000.0)] {
        for (k, (name, rows)) in areas.iter().enumerate() {
            let row = &expected[first + k];
            assert_eq!(row.text("area"), name);
            let d = dsr(
                &column(rows, "count"),
                &column(rows, "pop"),
                &ESP2013,
                multiplier,
            )
            .unwrap();
            let what = format!("DSR row {} ({name})", first + k);
            assert_close(d.total_count, row.num("total_count"), REL, &what);
            assert_close(d.total_population, row.num("total_pop"), REL, &what);
            let (e95, e998) = d.estimates_95_998().unwrap();
            check(&e95, row, "lower95_0cl", "upper95_0cl", &what);
            check(&e998, row, "lower99_8cl", "upper99_8cl", &what);
            if d.is_suppressed() {
                assert_eq!(d.suppression_reason(), Some(row.text("statistic")));
                assert_eq!(e95.method, Method::Suppressed);
            } else {
                assert_eq!(e95.method.name(), row.text("method"));
                assert_eq!(row.text("statistic"), format!("dsr per {multiplier}"));
            }
            assert!(
                same(&e95, &d.estimate(0.95).unwrap()),
                "{what}: one-level call differs"
            );
        }
        // The same three areas in one batch call.
        let all = dsr_many(
            &column(&input.iter().collect::<Vec<_>>(), "count"),
            &column(&input.iter().collect::<Vec<_>>(), "pop"),
            &ESP2013,
            multiplier,
        )
        .unwrap();
        for (k, d) in all.iter().enumerate() {
            let e = d.estimate(0.95).unwrap();
            check(
                &e,
                &expected[first + k],
                "lower95_0cl",
                "upper95_0cl",
                "batch",
            );
        }
    }
}

#[test]
fn dsr_esp1976_matches_at_95_and_the_fixture_99_8_is_ten_times_too_large() {
    let expected = read_phe("testdata_DSR_ISR__testresults_DSR.csv");
    let input = read_phe("testdata_DSR_ISR__testdata_1976.csv");
    let rows: Vec<&Row> = input.iter().collect();
    // The built-in ESP1976 is the fixture's standard population.
    assert_eq!(column(&rows, "esp1976"), ESP1976.to_vec());
    for (index, multiplier) in [(3, 10_000.0), (7, 100_000.0)] {
        let row = &expected[index];
        assert_eq!(row.text("area"), "testdata_1976");
        let d = dsr(
            &column(&rows, "count"),
            &column(&rows, "pop"),
            &ESP1976,
            multiplier,
        )
        .unwrap();
        assert_close(d.total_count, row.num("total_count"), REL, "1976 total");
        assert_close(d.total_population, row.num("total_pop"), REL, "1976 pop");
        let (e95, e998) = d.estimates_95_998().unwrap();
        check(&e95, row, "lower95_0cl", "upper95_0cl", "1976");
        // Fixture error documented in the oracle README: the 99.8% columns of these two rows
        // are exactly ten times the 99.8% limits (7659.28 against a value of 859.21).
        assert_close(
            10.0 * e998.lower,
            row.num("lower99_8cl"),
            REL,
            "1976 lower 99.8 x10",
        );
        assert_close(
            10.0 * e998.upper,
            row.num("upper99_8cl"),
            REL,
            "1976 upper 99.8 x10",
        );
    }
}

#[test]
fn dsr_non_independent_events_from_person_frequencies() {
    let expected = read_phe("testdata_DSR_ISR__testresults_DSR.csv");
    let input = read_phe("testdata_DSR_ISR__testdata_nonindepe.csv");
    let frequencies = [1.0, 2.0, 3.0, 4.0];
    let areas = group_by(&input, "area");
    assert_eq!(areas.len(), 4);
    for (k, (name, rows)) in areas.iter().enumerate() {
        let row = &expected[8 + k];
        assert_eq!(row.text("area"), name);
        let persons: Vec<f64> = rows
            .iter()
            .flat_map(|r| ["f1", "f2", "f3", "f4"].map(|c| r.num(c)))
            .collect();
        let d = dsr_non_independent(
            &persons,
            &frequencies,
            &column(rows, "pop"),
            &ESP2013,
            100_000.0,
        )
        .unwrap();
        let what = format!("non-independent {name}");
        assert_close(d.total_count, row.num("total_count"), REL, &what);
        assert_close(d.total_population, row.num("total_pop"), REL, &what);
        // The fixture keeps 8 decimals: 5e-9 on values above 600 is within 1e-11 relative.
        let (e95, e998) = d.estimates_95_998().unwrap();
        check(&e95, row, "lower95_0cl", "upper95_0cl", &what);
        check(&e998, row, "lower99_8cl", "upper99_8cl", &what);
        if !d.is_suppressed() {
            assert_eq!(e95.method.name(), row.text("method"));
        }
    }
}

#[test]
fn dsr_error_inputs_are_rejected_naming_field_and_band() {
    for (file, message) in [
        (
            "testdata_DSR_ISR__testdata_err1.csv",
            "counts at row 5: must not be negative (got -26)",
        ),
        (
            "testdata_DSR_ISR__testdata_err3.csv",
            "populations at row 1: must be greater than zero (got -558)",
        ),
        (
            "testdata_DSR_ISR__testdata_err4.csv",
            "standard_populations at row 5: must not be negative (got -6000)",
        ),
    ] {
        let rows = read_phe(file);
        let rows: Vec<&Row> = rows.iter().collect();
        let e = dsr(
            &column(&rows, "count"),
            &column(&rows, "pop"),
            &column(&rows, "stdpop"),
            100_000.0,
        )
        .unwrap_err();
        assert_eq!(e.to_string(), message, "{file}");
    }
    // err2: a zero population is not allowed for a DSR (it is for an ISR, below).
    let rows = read_phe("testdata_DSR_ISR__testdata_err2.csv");
    let rows: Vec<&Row> = rows.iter().collect();
    let e = dsr_many(
        &column(&rows, "count"),
        &column(&rows, "pop"),
        &ESP2013,
        1e5,
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "populations at row 1: must be greater than zero (got 0)"
    );
}

/// The ISR fixture's rows for one statistic: `(first row, multiplier or refvalue, is_rate)`.
const ISR_BLOCKS: [(usize, f64, bool); 4] = [
    (0, 100_000.0, true),
    (3, 1000.0, true),
    (6, 1.0, false),
    (9, 100.0, false),
];

fn check_isr(s: &Isr, row: &Row, scale: f64, is_rate: bool, both_levels: bool, what: &str) {
    assert_close(
        s.observed,
        row.num("observed"),
        REL,
        &format!("{what} observed"),
    );
    assert_close(
        s.expected,
        row.num("expected"),
        REL,
        &format!("{what} expected"),
    );
    if is_rate {
        assert_close(
            s.reference_rate * scale,
            row.num("ref_rate"),
            REL,
            &format!("{what} ref_rate"),
        );
    }
    let (e95, e998) = if is_rate {
        s.rate_95_998(scale).unwrap()
    } else {
        s.ratio_95_998(scale).unwrap()
    };
    check(&e95, row, "lower95_0cl", "upper95_0cl", what);
    if both_levels {
        check(&e998, row, "lower99_8cl", "upper99_8cl", what);
    }
    assert_eq!(e95.method.name(), row.text("method"), "{what} method");
    let single = if is_rate {
        s.rate(95.0, scale).unwrap()
    } else {
        s.ratio(95.0, scale).unwrap()
    };
    assert!(same(&single, &e95), "{what}: single-level call differs");
}

#[test]
fn isr_rates_and_ratios_with_reference_data_by_band_and_observed_totals() {
    let expected = read_phe("testdata_DSR_ISR__testresults_ISR.csv");
    let input = read_phe("testdata_DSR_ISR__testdata_multiarea_isr.csv");
    let refdata = read_phe("testdata_DSR_ISR__refdata.csv");
    let lookup = read_phe("testdata_DSR_ISR__testdata_multiarea_lookup.csv");
    let refdata: Vec<&Row> = refdata.iter().collect();
    let (ref_counts, ref_pops) = (column(&refdata, "refcount"), column(&refdata, "refpop"));
    let areas = group_by(&input, "area");
    assert_eq!(areas.len(), 3);
    for (first, scale, is_rate) in ISR_BLOCKS {
        for (k, (name, rows)) in areas.iter().enumerate() {
            let row = &expected[first + k];
            assert_eq!(row.text("area"), name);
            let pops = column(rows, "pop");
            let what = format!("ISR row {} ({name})", first + k);
            // Reference data as separate vectors, and as columns of the area data.
            let by_band = isr(
                Observed::Bands(&column(rows, "count")),
                &pops,
                &ref_counts,
                &ref_pops,
            )
            .unwrap();
            check_isr(&by_band, row, scale, is_rate, true, &what);
            let own_ref = isr(
                Observed::Bands(&column(rows, "count")),
                &pops,
                &column(rows, "refcount"),
                &column(rows, "refpop"),
            )
            .unwrap();
            assert_eq!(own_ref, by_band, "{what}: own reference columns");
            // Observed totals supplied separately (the lookup table).
            let total = lookup
                .iter()
                .find(|r| r.text("area") == name)
                .unwrap()
                .num("total_count");
            let totals = isr(Observed::Total(total), &pops, &ref_counts, &ref_pops).unwrap();
            check_isr(
                &totals,
                row,
                scale,
                is_rate,
                true,
                &format!("{what} totals"),
            );
        }
    }
}

#[test]
fn isr_zero_population_bands_keep_their_events() {
    // Fixture rows 13-16: testdata_err2, where Area1 has a band of population 0 (its 25
    // events are observed, none are expected).
    let expected = read_phe("testdata_DSR_ISR__testresults_ISR.csv");
    let input = read_phe("testdata_DSR_ISR__testdata_err2.csv");
    let refdata = read_phe("testdata_DSR_ISR__refdata.csv");
    let refdata: Vec<&Row> = refdata.iter().collect();
    let (ref_counts, ref_pops) = (column(&refdata, "refcount"), column(&refdata, "refpop"));
    let all: Vec<&Row> = input.iter().collect();
    let results = isr_many(
        Some(&column(&all, "count")),
        None,
        &column(&all, "pop"),
        &ref_counts,
        &ref_pops,
    )
    .unwrap();
    assert_eq!(results.len(), 2);
    for (k, s) in results.iter().enumerate() {
        check_isr(
            s,
            &expected[12 + k],
            100_000.0,
            true,
            false,
            "zero pop rate",
        );
        check_isr(s, &expected[14 + k], 100.0, false, false, "zero pop ratio");
    }
}

#[test]
fn isr_error_inputs_are_rejected_naming_field_and_band() {
    let refdata = read_phe("testdata_DSR_ISR__refdata.csv");
    let refdata: Vec<&Row> = refdata.iter().collect();
    let (ref_counts, ref_pops) = (column(&refdata, "refcount"), column(&refdata, "refpop"));
    for (file, message) in [
        (
            "testdata_DSR_ISR__testdata_err1.csv",
            "counts at row 5: must not be negative (got -26)",
        ),
        (
            "testdata_DSR_ISR__testdata_err3.csv",
            "populations at row 1: must not be negative (got -558)",
        ),
    ] {
        let rows = read_phe(file);
        let rows: Vec<&Row> = rows.iter().collect();
        let e = isr(
            Observed::Bands(&column(&rows, "count")),
            &column(&rows, "pop"),
            &ref_counts,
            &ref_pops,
        )
        .unwrap_err();
        assert_eq!(e.to_string(), message, "{file}");
    }
    // Reference vectors of the wrong length.
    let e = isr(
        Observed::Total(9.0),
        &[1.0; 19],
        &ref_counts[..18],
        &ref_pops,
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "reference_counts: length 18 does not match populations length 19"
    );
    // Confidence levels outside 0.9..1 / 90..100.
    let s = isr(Observed::Total(9.0), &[1.0; 19], &ref_counts, &ref_pops).unwrap();
    for bad in [0.74, 3.0, 1000.0] {
        assert!(s.rate(bad, 1e5).is_err());
        assert!(s.ratio(bad, 1.0).is_err());
    }
}
