//! Reasoning across claims (issue 12): a claim left unchecked for want of an input is
//! checked against the value the document's other claims imply for it, as an interval.
//!
//! Sentences from Worcestershire County Council's Adult Social Care Local Account 2023-2024
//! (examples/data/sources/worcestershire-local-account-2023-24.txt) and the Norfolk
//! Safeguarding Adults Board annual report 2017-18 (tests/data/corpus/11-norfolk-...).
//! Every expected value is worked out by hand in the comments.

use carestat::account::{audit, Dataset, Finding, Status};

fn dataset(body: &str) -> Dataset {
    let json = format!(
        r#"{{"format_version": 2, "area": {{"name": "Worcestershire County Council"}},
        "period": {{"label": "2023/24", "start": "2023-04-01", "end": "2024-03-31"}}, {body}}}"#
    );
    Dataset::from_json_str(&json).unwrap_or_else(|e| panic!("{e}"))
}

fn finding<'a>(all: &'a [Finding], id: &str) -> &'a Finding {
    all.iter().find(|f| f.claim == id).unwrap()
}

const POPULATION: &str = r#""populations": {"adults": {"label": "Adult population (18+)",
    "value": 485737, "age_band": "18+",
    "quote": "Worcestershire has an adult population of 485,737."}}"#;

#[test]
fn a_change_gives_last_years_count_which_tests_a_rate_for_last_year() {
    // "3933 DolLS applications were completed, which is an increase of 18% from last year";
    // "last year ... the average number of applications completed per 100,000 of the
    // population (peers 625 and WCC 618)".
    let ds = dataset(&format!(
        r#"{POPULATION}, "counts": {{"dols_completed": {{"label": "DoLS applications completed",
        "value": 3933, "quote": "3933 DolLS applications were completed"}}}},
        "claims": [
          {{"id": "dols-change", "kind": "change", "subject": "counts.dols_completed",
            "unit": "percent", "stated": 18, "decimals": 0, "text": "an increase of 18%",
            "quote": "which is an increase of 18% from last year."}},
          {{"id": "dols-rate", "kind": "rate", "numerator": "counts.dols_completed.previous",
            "denominator": "populations.adults", "stated": 618, "decimals": 0,
            "period": "2022/23", "text": "WCC 618",
            "quote": "applications completed per 100,000 of the population (peers 625 and WCC 618)."}}
        ]"#
    ));
    let all = audit(&ds).unwrap();
    let f = finding(&all, "dols-rate");
    // 18% stands for 17.5% to 18.5%: last year was 3933 / 1.185 = 3318.99 to
    // 3933 / 1.175 = 3347.23, so 3,319 to 3,347 applications. Per 485,737 adults that is
    // 3319 / 485737 x 100,000 = 683.3 to 3347 / 485737 x 100,000 = 689.1 per 100,000:
    // nowhere near 618 (617.5 to 618.5).
    assert_eq!(f.status, Status::Inconsistent, "{}", f.reason);
    assert_eq!(f.combined, vec!["dols-change".to_owned()]);
    let (lo, hi) = (f.computed_lower.unwrap(), f.computed_upper.unwrap());
    assert!(
        (lo - 683.29).abs() < 0.01 && (hi - 689.06).abs() < 0.01,
        "{lo} {hi}"
    );
    // The population 618 needs: 3319e5 / 618.5 = 536,620.9 to 3347e5 / 617.5 = 542,024.3.
    assert_eq!(f.implied_what.as_deref(), Some("population"));
    assert!((f.implied_lower.unwrap() - 536_620.9).abs() < 0.1);
    assert!((f.implied_upper.unwrap() - 542_024.3).abs() < 0.1);
    assert!(f.reason.contains("3,319 to 3,347"), "{}", f.reason);
    // The change claim itself has no previous value to test it: still unchecked.
    assert_eq!(finding(&all, "dols-change").status, Status::Unchecked);
}

const SAFEGUARDING: &str = r#""counts": {
    "concerns": {"label": "Safeguarding concerns received", "value": 4455,
      "quote": "4455 safeguarding concerns received, an increase of 543 concerns from previous year."},
    "s42": {"label": "Section 42 enquiries commenced", "value": 1025, "previous": 1309,
      "quote": "1025 Section 42 Safeguarding enquiries commenced, a decrease from 1309 the previous year."},
    "completed": {"label": "Safeguarding enquiries completed", "value": 1305, "previous": 1141,
      "quote": "1305 completed safeguarding enquiries were undertaken in the year compared to 1141 last year."}},
  "percentages": {"to_enquiry": {"label": "Concerns that led to an enquiry", "value": 27,
      "decimals": 0, "quote": "27% the rate of concerns that led to an enquiry, down 11% from last year."}}"#;

const CONCERNS_CHANGE: &str = r#"{"id": "concerns-change", "kind": "change",
    "subject": "counts.concerns", "unit": "absolute", "stated": 543, "decimals": 0,
    "text": "an increase of 543 concerns", "quote": "an increase of 543 concerns from previous year."}"#;

#[test]
fn two_counts_give_last_years_percentage_which_tests_down_11_percent() {
    let ds = dataset(&format!(
        r#"{SAFEGUARDING}, "claims": [{CONCERNS_CHANGE},
        {{"id": "share", "kind": "share", "subject": "percentages.to_enquiry",
          "denominator": "counts.concerns", "candidates": ["counts.s42", "counts.completed"],
          "stated": 27, "decimals": 0, "text": "27%", "quote": "27% the rate of concerns that led to an enquiry"}},
        {{"id": "down-11", "kind": "change", "subject": "percentages.to_enquiry", "unit": "percent",
          "stated": -11, "decimals": 0, "text": "down 11% from last year", "quote": "down 11% from last year."}}]"#
    ));
    let all = audit(&ds).unwrap();
    let f = finding(&all, "down-11");
    // Last year's concerns: 4455 - 543 = 3912. The document leaves the numerator open:
    // * Section 42 enquiries: 1309 / 3912 = 33.46%; from it 27% (26.5 to 27.5) is a relative
    //   change of 26.5 / 33.46 - 1 = -20.8% to 27.5 / 33.46 - 1 = -17.8%, or -6.96 to -5.96
    //   points;
    // * completed enquiries: 1141 / 3912 = 29.17%; 26.5 / 29.17 - 1 = -9.1% to
    //   27.5 / 29.17 - 1 = -5.7%, or -2.67 to -1.67 points.
    // Neither reading of either numerator reaches -11% (-11.5 to -10.5): inconsistent.
    assert_eq!(f.status, Status::Inconsistent, "{}", f.reason);
    assert_eq!(
        f.combined,
        vec!["share".to_owned(), "concerns-change".to_owned()]
    );
    assert!(
        f.reason.contains("33.5%") && f.reason.contains("29.2%"),
        "{}",
        f.reason
    );
    let (lo, hi) = (f.computed_lower.unwrap(), f.computed_upper.unwrap());
    assert!(
        (lo - -20.80).abs() < 0.01 && (hi - -17.82).abs() < 0.01,
        "{lo} {hi}"
    );
}

#[test]
fn an_absolute_change_gives_last_year_which_tests_its_percentage() {
    // Norfolk SAB annual report 2017-18: "There were 150,070 safeguarding enquiries that
    // started in the year; a decrease of 1,090 (0.7%) on 2016-17". Last year:
    // 150,070 + 1,090 = 151,160; -1,090 / 151,160 = -0.721%, which rounds to -0.7.
    let ds = dataset(
        r#""counts": {"enquiries": {"label": "Safeguarding enquiries started", "value": 150070,
          "quote": "There were 150,070 safeguarding enquiries that started in the year"}},
        "claims": [
          {"id": "minus-1090", "kind": "change", "subject": "counts.enquiries", "unit": "absolute",
           "stated": -1090, "decimals": 0, "text": "a decrease of 1,090", "quote": "a decrease of 1,090 (0.7%) on 2016-17"},
          {"id": "minus-0.7", "kind": "change", "subject": "counts.enquiries", "unit": "percent",
           "stated": -0.7, "decimals": 1, "text": "(0.7%)", "quote": "a decrease of 1,090 (0.7%) on 2016-17"}]"#,
    );
    let all = audit(&ds).unwrap();
    let f = finding(&all, "minus-0.7");
    assert_eq!(f.status, Status::Consistent, "{}", f.reason);
    assert_eq!(f.combined, vec!["minus-1090".to_owned()]);
    assert!((f.computed.unwrap() - -0.7211).abs() < 1e-4);
    assert_eq!(f.implied, Some(151_160.0));
    // Stated as -0.9% instead, it is not: -0.721 is outside -0.95 to -0.85.
    let wrong = Dataset::from_json_str(
        &serde_json::to_string(&ds)
            .unwrap()
            .replace("\"stated\":-0.7", "\"stated\":-0.9"),
    )
    .unwrap();
    let f = audit(&wrong).unwrap().remove(1);
    assert_eq!(f.status, Status::Inconsistent, "{}", f.reason);
}

#[test]
fn one_population_reproduces_the_rates_the_printed_one_does_not() {
    // "Worcestershire has a lower rate of concerns per 100,000 population in 2022/23 (803)";
    // "a lower rate of enquiries started in 2022/23 (269)". Last year's counts: concerns
    // 4455 - 543 = 3912, Section 42 enquiries 1309.
    let ds = dataset(&format!(
        r#"{POPULATION}, {SAFEGUARDING}, "claims": [{CONCERNS_CHANGE},
        {{"id": "concerns-rate", "kind": "rate", "numerator": "counts.concerns.previous",
          "denominator": "populations.adults", "stated": 803, "decimals": 0, "period": "2022/23",
          "text": "(803)", "quote": "a lower rate of concerns per 100,000 population in 2022/23 (803)"}},
        {{"id": "enquiries-rate", "kind": "rate", "numerator": "counts.s42.previous",
          "denominator": "populations.adults", "stated": 269, "decimals": 0, "period": "2022/23",
          "text": "(269)", "quote": "a lower rate of enquiries started in 2022/23 (269)"}}]"#
    ));
    let all = audit(&ds).unwrap();
    // 3912 / 485737 x 100,000 = 805.4, not 803: inconsistent. 1309 / 485737 x 100,000 =
    // 269.49: consistent.
    let concerns = finding(&all, "concerns-rate");
    assert_eq!(concerns.status, Status::Inconsistent);
    assert_eq!(finding(&all, "enquiries-rate").status, Status::Consistent);
    // Populations each rate implies: 803 (802.5 to 803.5) gives 3912e5 / 803.5 = 486,869.9
    // to 3912e5 / 802.5 = 487,476.6; 269 gives 1309e5 / 269.5 = 485,714.3 to
    // 1309e5 / 268.5 = 487,523.3. Together: 486,870 to 487,476, which excludes 485,737.
    assert!(
        concerns
            .reason
            .contains("One population reproduces all 2 rates")
            && concerns.reason.contains("486,870 to 487,476")
            && concerns.reason.contains("another year"),
        "{}",
        concerns.reason
    );
    assert!(concerns.combined.contains(&"enquiries-rate".to_owned()));
}

#[test]
fn figures_that_only_imply_each_other_are_an_error_naming_the_claim() {
    // Central Bedfordshire JSNA: "238 alerts progressed to investigation, 22% of the total
    // alerts". Written twice with two different denominators, last year's investigations
    // would come from last year's 22% and last year's 22% from last year's investigations.
    let ds = dataset(
        r#""counts": {
          "alerts": {"label": "Alerts", "value": 1100, "previous": 1351, "quote": "1,100 alerts"},
          "concerns": {"label": "Concerns", "value": 1100, "previous": 1351, "quote": "1,100 concerns"},
          "investigations": {"label": "Investigations", "value": 238, "quote": "238 alerts progressed to investigation"}},
        "populations": {"adults": {"label": "Adults", "value": 220000, "age_band": "18+", "quote": ""}},
        "percentages": {"investigated": {"label": "Alerts investigated", "value": 22, "decimals": 0, "quote": "22% of the total alerts"}},
        "claims": [
          {"id": "of-alerts", "kind": "share", "subject": "percentages.investigated", "numerator": "counts.investigations",
           "denominator": "counts.alerts", "stated": 22, "decimals": 0, "text": "22%", "quote": "22% of the total alerts"},
          {"id": "of-concerns", "kind": "share", "subject": "percentages.investigated", "numerator": "counts.investigations",
           "denominator": "counts.concerns", "stated": 22, "decimals": 0, "text": "22%", "quote": "22% of the total alerts"},
          {"id": "rate", "kind": "rate", "numerator": "counts.investigations.previous", "denominator": "populations.adults",
           "stated": 200, "decimals": 0, "text": "200 per 100,000", "quote": ""}]"#,
    );
    let e = audit(&ds).unwrap_err().to_string();
    assert!(
        e.starts_with("claims[1].numerator: figures imply each other"),
        "{e}"
    );
    assert!(
        e.contains("counts.investigations.previous -> percentages.investigated.previous -> counts.investigations.previous"),
        "{e}"
    );
}

#[test]
fn a_share_subject_must_be_a_percentage_and_needs_format_2() {
    let bad = r#""counts": {"a": {"label": "A", "value": 1, "quote": ""}, "b": {"label": "B", "value": 2, "quote": ""}},
        "claims": [{"id": "s", "kind": "share", "subject": "counts.a", "numerator": "counts.a",
          "denominator": "counts.b", "stated": 50, "decimals": 0, "text": "", "quote": ""}]"#;
    let json = format!(
        r#"{{"format_version": 2, "area": {{"name": "X"}},
        "period": {{"label": "2023/24", "start": "2023-04-01", "end": "2024-03-31"}}, {bad}}}"#
    );
    let e = Dataset::from_json_str(&json).unwrap_err().to_string();
    assert!(e.starts_with("claims[0].subject:"), "{e}");
    let v1 = json
        .replace("\"format_version\": 2", "\"format_version\": 1")
        .replace("\"subject\": \"counts.a\"", "\"subject\": \"percentages.p\"")
        .replace(
            "\"counts\": {",
            "\"percentages\": {\"p\": {\"label\": \"P\", \"value\": 50, \"decimals\": 0, \"quote\": \"\"}}, \"counts\": {",
        );
    let e = Dataset::from_json_str(&v1).unwrap_err().to_string();
    assert!(
        e.starts_with("claims[0].subject: is new in format version 2"),
        "{e}"
    );
}

/// A chain of counts, each last year's value implied by a share of the one before:
/// `c{k}` is `p{k}`% of `c{k-1}`, last year's `p{k}` (50%) and `c0` (1,024,000) published.
fn chain(n: usize) -> String {
    let mut counts = vec![
        r#""c0": {"label": "c0", "value": 1000, "previous": 1024000, "quote": ""}"#.to_owned(),
    ];
    let mut pcts = Vec::new();
    let mut claims = Vec::new();
    for k in 1..=n {
        counts.push(format!(
            r#""c{k}": {{"label": "c{k}", "value": 1000, "quote": ""}}"#
        ));
        pcts.push(format!(
            r#""p{k}": {{"label": "p{k}", "value": 50, "previous": 50, "decimals": 0, "quote": ""}}"#
        ));
        claims.push(format!(
            r#"{{"id": "s{k}", "kind": "share", "subject": "percentages.p{k}", "numerator": "counts.c{k}",
              "denominator": "counts.c{}", "stated": 100, "decimals": 0, "text": "", "quote": ""}}"#,
            k - 1
        ));
    }
    claims.push(format!(
        r#"{{"id": "rate", "kind": "rate", "numerator": "counts.c{n}.previous", "denominator": "populations.p",
          "stated": 1000, "decimals": 0, "text": "", "quote": ""}}"#
    ));
    format!(
        r#""populations": {{"p": {{"label": "p", "value": 100000, "age_band": "18+", "quote": ""}}}},
        "counts": {{{}}}, "percentages": {{{}}}, "claims": [{}]"#,
        counts.join(","),
        pcts.join(","),
        claims.join(",")
    )
}

#[test]
fn long_chains_of_implied_figures_are_bounded() {
    // 10 links: last year's c10 is 1,024,000 halved 10 times, 1,000 at face (each 50% is
    // 49.5% to 50.5%, so the interval widens at every link). 1,000 per 100,000 is the
    // stated 1000 per 100,000 at face: consistent, combining all 10 shares.
    let all = audit(&dataset(&chain(10))).unwrap();
    let f = finding(&all, "rate");
    assert_eq!(f.status, Status::Consistent, "{}", f.reason);
    assert_eq!(f.combined.len(), 10);
    assert!((f.computed.unwrap() - 1000.0).abs() < 1e-9);
    // 40 links is deeper than the audit follows: an error naming the claim, not a stack
    // overflow.
    let e = audit(&dataset(&chain(40))).unwrap_err().to_string();
    // The chain stops at the 32nd link: c40 down to c9, whose share (claims[8]) needs c8.
    assert!(
        e.starts_with("claims[8].denominator: counts.c8.previous")
            && e.contains("more than 32 deep (from counts.c40.previous)"),
        "{e}"
    );
}

#[test]
fn too_many_readings_are_an_error_naming_the_claim() {
    // A share with 70 candidate numerators, each with last year's value: last year's
    // percentage would have 70 readings, more than the 64 the audit follows.
    let counts: Vec<String> = (0..70)
        .map(|k| {
            format!(r#""n{k}": {{"label": "n{k}", "value": {k}, "previous": {k}, "quote": ""}}"#)
        })
        .collect();
    let cands: Vec<String> = (0..70).map(|k| format!("\"counts.n{k}\"")).collect();
    let ds = dataset(&format!(
        r#""counts": {{{}, "d": {{"label": "d", "value": 100, "previous": 100, "quote": ""}}}},
        "percentages": {{"p": {{"label": "p", "value": 5, "decimals": 0, "quote": ""}}}},
        "claims": [
          {{"id": "share", "kind": "share", "subject": "percentages.p", "denominator": "counts.d",
            "candidates": [{}], "stated": 5, "decimals": 0, "text": "", "quote": ""}},
          {{"id": "change", "kind": "change", "subject": "percentages.p", "unit": "points",
            "stated": 1, "decimals": 0, "text": "", "quote": ""}}]"#,
        counts.join(","),
        cands.join(",")
    ));
    let e = audit(&ds).unwrap_err().to_string();
    assert!(
        e.starts_with("claims[1]: percentages.p.previous has 70 readings"),
        "{e}"
    );
}

#[test]
fn a_restated_change_confirms_nothing() {
    // Worcestershire prints "73% ... (an increase of 19% from last year)" twice (activity
    // data and Celebrating Success). Each printing implies last year's value, but the same
    // claim twice is no test of either: both stay unchecked.
    let claim = |id: &str| {
        format!(
            r#"{{"id": "{id}", "kind": "change", "subject": "percentages.independence", "unit": "percent",
            "stated": 19, "decimals": 0, "text": "an increase of 19% from last year",
            "quote": "which is an increase of 19% from last year"}}"#
        )
    };
    let ds = dataset(&format!(
        r#""percentages": {{"independence": {{"label": "People who received a service to promote independence",
          "value": 73, "decimals": 0, "quote": "73% of people who were referred to ASC received a service to promote independence"}}}},
        "claims": [{}, {}]"#,
        claim("activity"),
        claim("celebrating")
    ));
    let all = audit(&ds).unwrap();
    assert!(all
        .iter()
        .all(|f| f.status == Status::Unchecked && f.combined.is_empty()));
}

#[test]
fn readings_of_an_unnamed_numerator_that_disagree_are_ambiguous() {
    // Worcestershire's "27% the rate of concerns that led to an enquiry, down 11% from last
    // year", with the change restated as "down 7%" so that the document's two candidate
    // numerators disagree. Last year's concerns are 4,455 - 543 = 3,912 exactly; last year's
    // enquiries are 1,309 (Section 42 enquiries commenced) or 1,141 (enquiries completed).
    let ds = dataset(
        r#""counts": {
          "concerns": {"label": "Safeguarding concerns received", "value": 4455, "quote": "4455"},
          "s42": {"label": "Section 42 enquiries commenced", "value": 1025, "previous": 1309,
            "quote": "1025 ... a decrease from 1309 the previous year."},
          "completed": {"label": "Safeguarding enquiries completed", "value": 1305,
            "previous": 1141, "quote": "1305 ... compared to 1141 last year."}},
        "percentages": {"to_enquiry": {"label": "Concerns that led to an enquiry", "value": 27,
          "decimals": 0, "quote": "27% the rate of concerns that led to an enquiry"}},
        "claims": [
          {"id": "concerns-change", "kind": "change", "subject": "counts.concerns",
            "unit": "absolute", "stated": 543, "decimals": 0, "text": "an increase of 543",
            "quote": "an increase of 543 concerns from previous year."},
          {"id": "rate", "kind": "share", "subject": "percentages.to_enquiry",
            "denominator": "counts.concerns", "candidates": ["counts.s42", "counts.completed"],
            "stated": 27, "decimals": 0, "text": "27% the rate", "quote": "27% the rate"},
          {"id": "rate-change", "kind": "change", "subject": "percentages.to_enquiry",
            "unit": "percent", "stated": -7, "decimals": 0, "text": "down 7% from last year",
            "quote": "down 7% from last year."}
        ]"#,
    );
    let all = audit(&ds).unwrap();
    let f = finding(&all, "rate-change");
    // Reading 1,141: last year's rate 1141 / 3912 = 29.166%; 27 / 29.166 - 1 = -7.43%, which
    // rounds to the stated -7%. Reading 1,309: 1309 / 3912 = 33.461%; 27 / 33.461 - 1 =
    // -19.3% (26.5 / 33.461 - 1 = -20.8% to 27.5 / 33.461 - 1 = -17.8%): never -7%. One
    // reading gives it and one does not, and the document does not say which count it meant.
    assert_eq!(f.status, Status::Ambiguous, "{}", f.reason);
    assert!(
        f.reason.contains("The readings disagree (1 of 2"),
        "{}",
        f.reason
    );
    let holds: Vec<(&str, &str)> = f
        .readings
        .iter()
        .map(|r| (r.reading.as_str(), r.holds.as_str()))
        .collect();
    assert_eq!(
        holds,
        vec![("counts.s42", "no"), ("counts.completed", "at_face")],
        "{}",
        f.reason
    );
    let completed = &f.readings[1];
    assert!(
        (completed.computed.unwrap() - (27.0 / (1141.0 / 3912.0 * 100.0) - 1.0) * 100.0).abs()
            < 1e-6
    );
}
