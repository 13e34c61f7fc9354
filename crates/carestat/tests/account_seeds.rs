//! The audit of the real documents bundled in examples/data/: two Local Accounts and
//! Birmingham's CQC assessment evidence.
//!
//! Every claim of both datasets has its expected status here, worked out by hand from the
//! published document (the arithmetic is in the comments), not copied from the tool.

use std::collections::HashMap;
use std::path::PathBuf;

use carestat::account::{audit, Dataset, Finding, Status};

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/data")
        .join(name)
}

fn load(name: &str) -> Dataset {
    let text = std::fs::read_to_string(data(name)).unwrap();
    Dataset::from_json_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn findings(name: &str) -> HashMap<String, Finding> {
    audit(&load(name))
        .unwrap()
        .into_iter()
        .map(|f| (f.claim.clone(), f))
        .collect()
}

fn check(all: &HashMap<String, Finding>, expected: &[(&str, Status)]) {
    assert_eq!(
        all.len(),
        expected.len(),
        "every claim has an expected status"
    );
    for (id, status) in expected {
        let f = all.get(*id).unwrap_or_else(|| panic!("no claim {id}"));
        assert_eq!(f.status, *status, "{id}: {}", f.reason);
    }
}

fn implied(f: &Finding) -> (f64, f64, f64) {
    (
        f.implied.unwrap(),
        f.implied_lower.unwrap(),
        f.implied_upper.unwrap(),
    )
}

use Status::{Ambiguous as A, Consistent as C, Inconsistent as I, Unchecked as U};

#[test]
fn birmingham_2022_23_every_claim() {
    let all = findings("birmingham-2022-23.json");
    check(
        &all,
        &[
            // No previous-year counts are published: each stated change only implies one.
            ("requests-65-change", U),
            ("reviews-65-change", U),
            ("placements-65-change", U),
            ("community-65-change", U),
            ("direct-payments-65-change", U),
            ("requests-18-64-change", U),
            ("reviews-18-64-change", U),
            ("placements-18-64-change", U),
            ("community-18-64-change", U),
            ("direct-payments-18-64-change", U),
            ("spend-change", U),
            ("compliments-change", U),
            // 71.1 + 115.4 + 35.2 + 20.8 + 2.3 + 81.4 = 326.2; gap 0.2 <= 6 x 0.05 + 0.05 = 0.35.
            ("spend-by-need-sum", C),
            // 101.1 + 86.8 + 8.2 + 43.7 + 81.4 = 321.2; gap 5.2 > 5 x 0.05 + 0.05 = 0.30.
            ("spend-by-service-sum", I),
            // "over 10 coproduction projects ... these include" and 11 named: 11 > 10.
            ("coproduction-projects-sum", C),
            // 74% of 1070 MSP enquiries: the number asked is not given.
            ("msp-asked-share", U),
            // (13 + 432) / 576 = 77.26% -> 77; rated only 445 / 575 = 77.39% -> 77; never 76.
            ("care-homes-share", I),
            // 70 / 83 = 84.34% -> 84 (all locations, either reading of the ambiguous 1).
            ("home-support-share", C),
            // (3 + 199) / 278 = 72.66% -> 73 (all locations); rated only 202 / 267 = 75.66% -> 76.
            ("supported-living-share", C),
        ],
    );
}

#[test]
fn birmingham_implied_previous_values() {
    let all = findings("birmingham-2022-23.json");
    // 22555 / 1.0445 = 21594.1 and 22555 / 1.0435 = 21614.8: whole counts 21595..=21614.
    let (p, lo, hi) = implied(&all["requests-65-change"]);
    assert!((p - 22555.0 / 1.044).abs() < 1e-9);
    assert_eq!((lo.ceil(), hi.floor()), (21_595.0, 21_614.0));
    // 218 / (1 - 0.1545) = 257.84, 218 / (1 - 0.1555) = 258.14: only 258.
    let (_, lo, hi) = implied(&all["compliments-change"]);
    assert_eq!((lo.ceil(), hi.floor()), (258.0, 258.0));
    // GBP 326.4m (326.35..326.45) after +12.4% (12.35..12.45):
    // 326.35 / 1.1245 = 290.22 .. 326.45 / 1.1235 = 290.57.
    let (p, lo, hi) = implied(&all["spend-change"]);
    assert!((p - 326.4 / 1.124).abs() < 1e-9);
    assert!((lo - 326.35 / 1.1245).abs() < 1e-9 && (hi - 326.45 / 1.1235).abs() < 1e-9);
    // 74% of 1070: 0.735 x 1070 = 786.45 .. 0.745 x 1070 = 797.15.
    let (_, lo, hi) = implied(&all["msp-asked-share"]);
    assert!((lo - 786.45).abs() < 1e-9 && (hi - 797.15).abs() < 1e-9);
}

#[test]
fn birmingham_must_find_findings() {
    let all = findings("birmingham-2022-23.json");
    let care = &all["care-homes-share"];
    assert!((care.computed.unwrap() - 445.0 / 576.0 * 100.0).abs() < 1e-9);
    assert!(care.reason.contains("77.3%"), "{}", care.reason);
    // 76% of 576 needs 75.5%..76.5% x 576 = 434.9..440.6 locations.
    assert!(care.reason.contains("435 to 440"), "{}", care.reason);
    let service = &all["spend-by-service-sum"];
    assert!((service.computed.unwrap() - 321.2).abs() < 1e-9);
    assert_eq!(service.stated, Some(326.4));
    assert!(service.reason.contains("GBP 5.2m"), "{}", service.reason);
    assert_eq!(
        all["supported-living-share"].reading.as_deref(),
        Some("all_locations")
    );
}

#[test]
fn worcestershire_2023_24_every_claim() {
    let all = findings("worcestershire-2023-24.json");
    check(
        &all,
        &[
            // "an increase of 543": last year's count is not published, it is implied: 3912.
            ("concerns-change", U),
            // "The rising rate of safeguarding concerns": 4455 > 3912 (4455 - 543).
            ("concerns-rising", C),
            // 3912 / 485,737 x 100,000 = 805.37 -> 805, not 803.
            ("concerns-rate-2022-23", I),
            // 1309 / 485,737 x 100,000 = 269.488 -> 269.
            ("enquiries-rate-2022-23", C),
            // Last year's completed DoLS applications from "+18%" (17.5% to 18.5%):
            // 3933 / 1.185 = 3318.99 to 3933 / 1.175 = 3347.23, so 3,319 to 3,347; per
            // 485,737: 683.3 to 689.1 per 100,000, not 618.
            ("dols-completed-rate-2022-23", I),
            // Comparisons on the values as printed: 803 < 1313 (England), 269 < 387
            // (England), 618 < 625 (peers), 1440 < 2016 (peers), a 27% rise > 20% nationally.
            ("concerns-rate-vs-england", C),
            ("enquiries-rate-vs-england", C),
            ("dols-completed-vs-peers", C),
            ("dols-waiting-vs-peers", C),
            ("older-population-rise-vs-england", C),
            // 1025 < 1309: a decrease.
            ("s42-direction", C),
            // 27% of 4455 concerns: numerator not stated; 1025 gives 23.0%, 1305 gives 29.3%.
            ("concerns-to-enquiry-share", U),
            // "down 11%": last year's rate from last year's counts, 1309 / 3912 = 33.46% or
            // 1141 / 3912 = 29.17% (the numerator is not stated). From 33.46% to 27% (26.5 to
            // 27.5) is -20.8% to -17.8% relative, -6.96 to -5.96 points; from 29.17% it is
            // -9.1% to -5.7%, -2.67 to -1.67 points. No reading reaches -11% (-11.5 to -10.5).
            ("concerns-to-enquiry-change", I),
            // 82% > 73%.
            ("asked-outcomes-direction", C),
            // "remained the same": last year's figure is not printed.
            ("outcomes-achieved-same", U),
            // 6% from 5%: +1 point (as stated) but +20% relative at face value, which gives
            // "1% increase" only within the rounding of 5% and 6%: ambiguous.
            ("long-term-change", A),
            // No previous values published: implied only.
            ("promote-independence-change", U),
            ("pp-services-change", U),
            ("carers-supported-change", U),
            ("dols-received-change", U),
            ("dols-completed-change", U),
            // 7128 / 485,737 = 1.4675% -> 1.5%, stated twice.
            ("adults-supported-share", C),
            ("adults-supported-share-demographics", C),
            // 51,754 + 982 = 52,736.
            ("carers-census-sum", C),
            // GBP 258.1m > GBP 231.2m.
            ("spend-on-people-direction", C),
            // Figures printed again, each as on its first page: "£309m" (challenges page and
            // budget chart) = the budget page's £309m; "£258.1m" twice in the charts = the
            // budget text's £258.1m; "485,737" in the demographics text and its infographic;
            // "73%", "an increase of 19%" and "84%" again under Celebrating Success.
            ("gross-spend-restated", C),
            ("gross-spend-chart", C),
            ("spend-on-people-chart", C),
            ("spend-on-people-second-chart", C),
            ("adult-population-demographics", C),
            ("adult-population-infographic", C),
            ("promote-independence-restated", C),
            ("promote-independence-change-restated", C),
            ("no-ongoing-services-restated", C),
        ],
    );
}

#[test]
fn worcestershire_must_find_findings() {
    let all = findings("worcestershire-2023-24.json");
    let lt = &all["long-term-change"];
    assert_eq!(lt.reading.as_deref(), Some("points"));
    // (6 - 5) / 5 = 20%.
    assert!((lt.computed.unwrap() - 20.0).abs() < 1e-12);
    let rate = &all["concerns-rate-2022-23"];
    // 3912 x 100,000 / 803 = 487,173.1; / 803.5 = 486,870.0; / 802.5 = 487,476.6.
    let (p, lo, hi) = implied(rate);
    assert!((p - 3912e5 / 803.0).abs() < 1e-6);
    assert!((lo - 3912e5 / 803.5).abs() < 1e-6 && (hi - 3912e5 / 802.5).abs() < 1e-6);
    assert!(rate.reason.contains("487,173"), "{}", rate.reason);
    // Ambiguous readings of "73% ... an increase of 19%": 73 - 19 = 54 points, 73 / 1.19 = 61.3%.
    let pi = &all["promote-independence-change"];
    assert_eq!(pi.reading.as_deref(), Some("either"));
    assert!((pi.implied.unwrap() - 73.0 / 1.19).abs() < 1e-9);
    assert!(pi.reason.contains("54.0%"), "{}", pi.reason);
    // 27% of 4455 = 1202.85; 26.5% .. 27.5% gives 1180.6 .. 1225.1.
    let share = &all["concerns-to-enquiry-share"];
    assert!((share.implied.unwrap() - 1202.85).abs() < 1e-9);
    assert!(share.reason.contains("23.0%") && share.reason.contains("29.3%"));
    // What the document's own counts prove, reasoning across claims (issue 12).
    // The DoLS rate for last year: 3,319 to 3,347 completed applications (from "+18%") per
    // 485,737 adults is 3319e5 / 485737 = 683.3 to 3347e5 / 485737 = 689.1 per 100,000.
    let dols = &all["dols-completed-rate-2022-23"];
    assert_eq!(dols.combined, ["dols-completed-change"]);
    let (lo, hi) = (dols.computed_lower.unwrap(), dols.computed_upper.unwrap());
    assert!((lo - 3319e5 / 485_737.0).abs() < 1e-9 && (hi - 3347e5 / 485_737.0).abs() < 1e-9);
    // "down 11%": combines the share (which names the percentage) and the +543 claim.
    let down = &all["concerns-to-enquiry-change"];
    assert_eq!(
        down.combined,
        ["concerns-to-enquiry-share", "concerns-change"]
    );
    // One population explains 803 and 269 together: 3912e5 / 803.5 = 486,869.9 to
    // 3912e5 / 802.5 = 487,476.6 meets 1309e5 / 269.5 = 485,714.3 to 1309e5 / 268.5 =
    // 487,523.3 in 486,870 to 487,476, which excludes the printed 485,737. The DoLS rate
    // (536,621 to 542,024) fits neither: 2 of the 3 rates.
    assert!(
        rate.reason.contains("2 of the 3 rates") && rate.reason.contains("486,870 to 487,476"),
        "{}",
        rate.reason
    );
    assert!(rate.combined.contains(&"enquiries-rate-2022-23".to_owned()));
}

/// The checked claims (consistent or inconsistent, not unchecked) of the bundled datasets,
/// measured by hand from the expected statuses above: Birmingham 2022/23 6 (3 sums, one of
/// them with a hedged total, and 3 rating shares), Birmingham CQC 1 (the rate), Worcestershire 26 (5 of them comparisons
/// with England and peers, 9 restatements of figures printed twice), the cabinet report 3.
/// Issue 12's target for the first three is 40 (33 today): the statements still unchecked
/// need a figure the documents do not print (last year's counts behind Birmingham's twelve
/// stated changes, the numerators behind the CQC complaint shares), listed in each dataset's
/// notes; they would be checked by a restatement of last year's Local Account, which is not
/// bundled.
#[test]
fn bundled_datasets_checked_claims() {
    let checked = |name: &str| findings(name).values().filter(|f| f.status != U).count();
    assert_eq!(checked("birmingham-2022-23.json"), 6);
    assert_eq!(checked("birmingham-cqc-2023.json"), 1);
    assert_eq!(checked("worcestershire-2023-24.json"), 26);
    assert_eq!(checked("birmingham-cabinet-2020.json"), 3);
}

#[test]
fn birmingham_cabinet_2020_every_claim() {
    let all = findings("birmingham-cabinet-2020.json");
    check(
        &all,
        &[
            // "eight underpinning principles. These are:" 3.4.1 to 3.4.8: 8 listed.
            ("eight-principles", C),
            // "the eight principles ... (listed in paragraphs 3.4.1 to 3.4.8)": 8 again.
            ("eight-principles-listed-in-3-4", C),
            // "two options": 4.2 Option 1 and 4.3 Option 2.
            ("two-options", C),
        ],
    );
}

#[test]
fn birmingham_cqc_2023_every_claim() {
    let all = findings("birmingham-cqc-2023.json");
    check(
        &all,
        &[
            // Only Governance (3) of the 9 scores is published: the 9 total 11 to 35 of 36,
            // any band; Good (23 to 31) needs the other 8 to total 20 to 28.
            ("overall-rating", U),
            // 37 / 1,144,919 x 100,000 = 3.23 per 100,000, but "3.2%" is 0.0032%.
            ("ombudsman-rate", I),
            // Shares of 663 complaints with no count stated: implied counts only.
            // 44.5%..45.5% x 663 = 295.0..301.7; 22.5%..23.5% = 149.2..155.8;
            // 15.5%..16.5% = 102.8..109.4; 7.5%..8.5% = 49.7..56.4.
            ("complaints-service-quality-share", U),
            ("complaints-quality-failure-share", U),
            ("complaints-communication-share", U),
            ("complaints-staff-conduct-share", U),
        ],
    );
    let rating = &all["overall-rating"];
    assert_eq!(
        (rating.implied_lower, rating.implied_upper),
        (Some(20.0), Some(28.0))
    );
    let rate = &all["ombudsman-rate"];
    assert!((rate.computed.unwrap() - 37e5 / 1_144_919.0).abs() < 1e-9);
    assert!(rate.reason.contains("0.0032%"), "{}", rate.reason);
    let (_, lo, hi) = implied(&all["complaints-service-quality-share"]);
    assert!((lo - 0.445 * 663.0).abs() < 1e-9 && (hi - 0.455 * 663.0).abs() < 1e-9);
}

#[test]
fn birmingham_cqc_2023_report() {
    let r = carestat::account::report(&load("birmingham-cqc-2023.json")).unwrap();
    let share = r
        .indicators
        .iter()
        .find(|i| i.id == "counts.transition_waiting_over_90_days.share")
        .unwrap();
    // 114 of 217 young people waiting had waited more than 90 days: 52.53%.
    assert!((share.value.unwrap() - 11_400.0 / 217.0).abs() < 1e-9);
    let overall = r.indicators.iter().find(|i| i.id == "cqc.overall").unwrap();
    // 11 / 36 = 30.56% .. 35 / 36 = 97.22%.
    assert_eq!(overall.value, None);
    assert!((overall.lower.unwrap() - 1100.0 / 36.0).abs() < 1e-12);
    assert!((overall.upper.unwrap() - 3500.0 / 36.0).abs() < 1e-12);
}

#[test]
fn datasets_round_trip_without_loss() {
    for name in [
        "birmingham-2022-23.json",
        "worcestershire-2023-24.json",
        "birmingham-cqc-2023.json",
        "birmingham-cabinet-2020.json",
    ] {
        let ds = load(name);
        let text = ds.to_json_string();
        let again = Dataset::from_json_str(&text).unwrap();
        assert_eq!(again, ds, "{name}");
        assert_eq!(again.to_json_string(), text, "{name}: writing is stable");
        // Through a serde_json::Value (the Python binding's path) as well.
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(Dataset::from_json_value(value).unwrap(), ds);
    }
}

/// Whitespace collapsed, curly quotes straightened: the text extraction's layout differs.
fn normalise(s: &str) -> String {
    s.replace(['\u{2019}', '\u{2018}'], "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn quotes(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                match (k.as_str(), x) {
                    ("quote", serde_json::Value::String(q)) => out.push(q.clone()),
                    _ => quotes(x, out),
                }
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| quotes(x, out)),
        _ => {}
    }
}

#[test]
fn every_quote_is_in_the_document() {
    for (name, source, at_least) in [
        (
            "birmingham-2022-23.json",
            "sources/birmingham-local-account-2022-23.txt",
            30,
        ),
        (
            "worcestershire-2023-24.json",
            "sources/worcestershire-local-account-2023-24.txt",
            30,
        ),
        (
            "birmingham-cabinet-2020.json",
            "sources/birmingham-cabinet-asc-strategy-2020.txt",
            6,
        ),
    ] {
        let doc = normalise(&std::fs::read_to_string(data(source)).unwrap());
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(data(name)).unwrap()).unwrap();
        let mut qs = Vec::new();
        quotes(&v, &mut qs);
        assert!(qs.len() > at_least, "{name}: {} quotes", qs.len());
        for q in qs {
            // " ... " joins fragments that are apart in the document.
            for fragment in q.split(" ... ") {
                assert!(
                    doc.contains(&normalise(fragment)),
                    "{name}: not in the document: {fragment:?}"
                );
            }
        }
    }
}

#[test]
fn birmingham_ascof_scores_match_the_catalogue() {
    // Every score in the Birmingham table is an ASCOF measure of the framework up to
    // 2022-23, with the polarity the dataset records for it.
    use carestat::account::AscofUnit;
    use carestat::ascof::{measure_in, Framework, Unit};
    let ds = load("birmingham-2022-23.json");
    assert_eq!(ds.ascof.len(), 19);
    for a in &ds.ascof {
        let m = measure_in(Framework::To2022_23, &a.measure)
            .unwrap_or_else(|e| panic!("{}: {e}", a.measure));
        assert_eq!(m.polarity, a.polarity, "{}", a.measure);
        let unit = match m.unit {
            Unit::Percentage => AscofUnit::Percent,
            Unit::PerPopulation => AscofUnit::Per100k,
            Unit::Score => AscofUnit::Score,
        };
        assert_eq!(unit, a.unit, "{}", a.measure);
    }
}

/// Format 2 reads every version-1 file with the same findings: the bundled datasets as they
/// were in version 1 (tests/data/format-1/), upgraded to version 2 byte for byte (only the
/// version number changes), audit the same.
#[test]
fn version_1_datasets_upgrade_to_version_2_with_the_same_findings() {
    for name in [
        "birmingham-2022-23.json",
        "worcestershire-2023-24.json",
        "birmingham-cqc-2023.json",
    ] {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/data/format-1")
            .join(name);
        let v1 = std::fs::read_to_string(path).unwrap();
        let ds1 = Dataset::from_json_str(&v1).unwrap();
        assert_eq!(ds1.format_version, 1, "{name} is a version-1 file");
        let v2 = carestat::account::upgrade_json(&v1).unwrap();
        assert_eq!(
            v2,
            v1.replacen("\"format_version\": 1", "\"format_version\": 2", 1),
            "{name}: only the version changes"
        );
        let ds2 = Dataset::from_json_str(&v2).unwrap();
        assert_eq!(ds2.format_version, 2);
        assert_eq!(audit(&ds1).unwrap(), audit(&ds2).unwrap(), "{name}");
    }
}

#[test]
fn an_unknown_format_version_names_its_path() {
    let v2 = std::fs::read_to_string(data("birmingham-2022-23.json")).unwrap();
    for bad in ["0", "3"] {
        let text = v2.replacen(
            "\"format_version\": 2",
            &format!("\"format_version\": {bad}"),
            1,
        );
        let e = Dataset::from_json_str(&text).unwrap_err();
        assert_eq!(e.field().unwrap().name, "format_version", "{e}");
        assert!(e.to_string().contains("1 to 2"), "{e}");
    }
}
