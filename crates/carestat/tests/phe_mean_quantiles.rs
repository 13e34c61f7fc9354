//! Means (Student's t) and quantile assignment against PHEindicatormethods v2.1.0's fixtures.

mod common;

use std::collections::HashMap;

use carestat::mean::{mean_by_group, Mean};
use carestat::quantile_groups::{assign_quantiles, TooFewAreas};
use carestat::{Error, Method};
use common::{assert_close, read_phe, Row};

const REL: f64 = 1e-9;

fn check_mean(m: &Mean, row: &Row, what: &str) {
    assert_close(
        m.value_sum,
        row.num("value_sum"),
        REL,
        &format!("{what} sum"),
    );
    assert_eq!(m.value_count as f64, row.num("value_count"), "{what} count");
    assert_close(m.stdev, row.num("stdev"), REL, &format!("{what} stdev"));
    let (e95, e998) = m.estimates_95_998().unwrap();
    assert_close(e95.value, row.num("value"), REL, &format!("{what} value"));
    assert_close(
        e95.lower,
        row.num("lower95_0cl"),
        REL,
        &format!("{what} lower95"),
    );
    assert_close(
        e95.upper,
        row.num("upper95_0cl"),
        REL,
        &format!("{what} upper95"),
    );
    assert_close(
        e998.lower,
        row.num("lower99_8cl"),
        REL,
        &format!("{what} lower99.8"),
    );
    assert_close(
        e998.upper,
        row.num("upper99_8cl"),
        REL,
        &format!("{what} upper99.8"),
    );
    assert_eq!(e95.method, Method::StudentT);
    assert_eq!(e95.method.name(), row.text("method"));
}

#[test]
fn means_by_area_and_overall_match_phe_mean() {
    let data = read_phe("testdata_Mean__testdata_Mean.csv");
    let expected = read_phe("testdata_Mean__testdata_Mean_results.csv");
    assert_eq!(expected.len(), 3);
    let mut ids: Vec<String> = Vec::new();
    let groups: Vec<usize> = data
        .iter()
        .map(|r| {
            let area = r.text("area").to_string();
            ids.iter().position(|a| *a == area).unwrap_or_else(|| {
                ids.push(area);
                ids.len() - 1
            })
        })
        .collect();
    let values: Vec<f64> = data.iter().map(|r| r.num("values")).collect();
    let means = mean_by_group(&values, &groups).unwrap();
    for (g, m) in means.iter().enumerate() {
        let row = expected.iter().find(|r| r.text("area") == ids[g]).unwrap();
        check_mean(m, row, &ids[g]);
    }
    let overall = Mean::from_values(&values).unwrap();
    check_mean(&overall, &expected[2], "No grouping");
    assert!(carestat::mean::mean(&values, 0.5).is_err());
}

/// The quantile fixture's polarity column as the reference's `invert` flag.
fn invert(row: &Row) -> bool {
    match row.text("Polarity") {
        "RAG - Low is good" | "True" | "TRUE" => true,
        "RAG - High is good" | "False" | "FALSE" => false,
        other => panic!("unknown polarity {other}"),
    }
}

fn nquantiles(row: &Row) -> u32 {
    match row.text("QuantileNm") {
        "Quartile" => 4,
        "Septile" => 7,
        "Decile" => 10,
        other => panic!("unknown quantile name {other}"),
    }
}

/// Group ids from key columns, in order of first appearance.
fn group_ids(rows: &[&Row], keys: &[&str]) -> Vec<usize> {
    let mut ids: HashMap<Vec<String>, usize> = HashMap::new();
    rows.iter()
        .map(|r| {
            let key: Vec<String> = keys.iter().map(|k| r.text(k).to_string()).collect();
            let next = ids.len();
            *ids.entry(key).or_insert(next)
        })
        .collect()
}

/// Runs one of the reference's quantile test cases and compares every row.
fn check_case(group_set: &str, keys: &[&str], invert_from_polarity: bool) -> usize {
    let all = read_phe("testdata_Quantiles__testdata_Quantiles.csv");
    let rows: Vec<&Row> = all
        .iter()
        .filter(|r| r.text("Test").starts_with("Good") && r.text("GroupSet") == group_set)
        .collect();
    assert!(!rows.is_empty());
    let nq = nquantiles(rows[0]);
    assert!(rows.iter().all(|r| nquantiles(r) == nq));
    let values: Vec<f64> = rows.iter().map(|r| r.num("Value")).collect();
    let groups = group_ids(&rows, keys);
    // Ungrouped, the reference's default invert = TRUE applies to every row.
    let inverts: Vec<bool> = rows
        .iter()
        .map(|r| {
            if invert_from_polarity {
                invert(r)
            } else {
                true
            }
        })
        .collect();
    let result = assign_quantiles(&values, &groups, &inverts, nq, TooFewAreas::Missing).unwrap();
    let mut missing = 0;
    for (i, row) in rows.iter().enumerate() {
        let expected = row.num("QuantileInGrp");
        let got = result.quantiles[i].map_or(f64::NAN, f64::from);
        if expected.is_nan() {
            missing += 1;
            assert!(
                got.is_nan(),
                "{group_set} row {i} ({}): expected none, got {got}",
                row.text("AreaCode")
            );
        } else {
            assert_eq!(
                got,
                expected,
                "{group_set} row {i} ({} {})",
                row.text("IndSexRef"),
                row.text("AreaCode")
            );
        }
    }
    // Every group left without quantiles is reported, and has fewer values than quantiles.
    for &g in &result.too_few {
        let n = (0..rows.len())
            .filter(|&i| groups[i] == g && !values[i].is_nan())
            .count();
        assert!(n < nq as usize);
    }
    missing
}

#[test]
fn deciles_within_regions_with_polarity() {
    // df1 of the reference's tests: grouped by indicator-sex and region, invert = polarity.
    let missing = check_case("IndSexReg", &["IndSexRef", "ParentCode"], true);
    // Two regions have only 9 areas (too few for deciles) and four rows have no value.
    assert_eq!(missing, 22);
}

#[test]
fn septiles_within_indicators_with_polarity() {
    check_case("IndSex", &["IndSexRef"], true);
}

#[test]
fn quartiles_of_everything_inverted() {
    check_case("None", &[], false);
}

#[test]
fn too_few_areas_can_be_an_error() {
    let all = read_phe("testdata_Quantiles__testdata_Quantiles.csv");
    let rows: Vec<&Row> = all
        .iter()
        .filter(|r| r.text("Test").starts_with("Good") && r.text("GroupSet") == "IndSexReg")
        .collect();
    let values: Vec<f64> = rows.iter().map(|r| r.num("Value")).collect();
    let groups = group_ids(&rows, &["IndSexRef", "ParentCode"]);
    let inverts: Vec<bool> = rows.iter().map(|r| invert(r)).collect();
    let lenient = assign_quantiles(&values, &groups, &inverts, 10, TooFewAreas::Missing).unwrap();
    assert_eq!(lenient.too_few.len(), 2);
    let e = assign_quantiles(&values, &groups, &inverts, 10, TooFewAreas::Error).unwrap_err();
    assert!(
        matches!(
            e,
            Error::TooFew {
                needed: 10,
                found: 9,
                ..
            }
        ),
        "{e}"
    );
    assert!(
        e.to_string().ends_with("needs at least 10 values (got 9)"),
        "{e}"
    );
}

#[test]
fn bad_polarity_rows_are_an_error() {
    let all = read_phe("testdata_Quantiles__testdata_Quantiles.csv");
    let rows: Vec<&Row> = all
        .iter()
        .filter(|r| r.text("Test") == "BadPolarity")
        .collect();
    assert_eq!(rows.len(), 35);
    let values: Vec<f64> = rows.iter().map(|r| r.num("Value")).collect();
    let groups = group_ids(&rows, &["IndSexRef"]);
    let inverts: Vec<bool> = rows.iter().map(|r| invert(r)).collect();
    let e = assign_quantiles(&values, &groups, &inverts, 7, TooFewAreas::Missing).unwrap_err();
    let message = e.to_string();
    assert!(
        message.starts_with("invert at row ")
            && message.contains("must take the same value for every row of a group"),
        "{message}"
    );
}
