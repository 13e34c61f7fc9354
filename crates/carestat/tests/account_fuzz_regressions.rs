//! Local Account inputs the fuzz targets (`fuzz/fuzz_targets/{dataset_json,audit,audit_mutate}.rs`)
//! found, minimised. Each must give the documented result: an error naming the JSON path, or
//! a dataset that round-trips, and never a panic.

use carestat::account::{Dataset, Status};

/// The header every small dataset below starts with.
const HEAD: &str = r#""format_version": 1, "area": {"name": "X"},
  "period": {"label": "2023/24", "start": "2023-04-01", "end": "2024-03-31"}"#;

#[test]
fn an_empty_key_at_the_top_level_is_named_as_the_document() {
    // Found by dataset_json: the path of the unknown field `` was the empty string, so the
    // message began with ": unknown field". The document as a whole is `.`.
    let e = Dataset::from_json_str(r#"{"": 1}"#).unwrap_err();
    assert_eq!(e.field().unwrap().name, ".");
    assert!(e.to_string().starts_with(".: unknown field ``"), "{e}");
    // Nested empty keys keep their parent's path.
    let e = Dataset::from_json_str(&format!(r#"{{{HEAD}, "counts": {{"": 1}}}}"#)).unwrap_err();
    assert_eq!(e.field().unwrap().name, "counts.");
}

#[test]
fn text_after_the_document_is_an_error() {
    // Found by dataset_json: the reader stopped at the end of the top-level object, so
    // `{...}}` or `{...} x` read as a dataset although it is not JSON.
    let good = format!("{{{HEAD}}}");
    assert!(Dataset::from_json_str(&good).is_ok());
    assert!(Dataset::from_json_str(&format!("{good} \n\t")).is_ok());
    for tail in ["}", " x", "{}", " 1", ".4m for other serv"] {
        let e = Dataset::from_json_str(&format!("{good}{tail}")).unwrap_err();
        assert_eq!(e.field().unwrap().name, ".", "{tail:?}: {e}");
        assert!(e.to_string().starts_with(".: trailing characters"), "{e}");
    }
}

#[test]
fn numbers_read_to_the_nearest_double_so_the_round_trip_is_lossless() {
    // Found by audit: serde_json's default number parser can be one unit in the last place
    // off: 90.61198772487893 (the shortest text of a double, as written) read back as the
    // double below it. The expected values are Rust's own correctly rounded parse.
    for text in [
        "90.61198772487893",
        "75.02486450452768",
        "0.30000000000000004",
    ] {
        let json = format!(
            r#"{{{HEAD}, "percentages": {{"p": {{"label": "P", "value": {text}, "decimals": 6,
                "quote": ""}}}}}}"#
        );
        let ds = Dataset::from_json_str(&json).unwrap();
        let want: f64 = text.parse().unwrap();
        assert_eq!(
            ds.percentages["p"].value.to_bits(),
            want.to_bits(),
            "{text}"
        );
        assert_eq!(Dataset::from_json_str(&ds.to_json_string()).unwrap(), ds);
    }
}

#[test]
fn an_implied_previous_count_with_no_whole_number_keeps_an_ordered_interval() {
    // Found by audit: Worcestershire's "an increase of 18%" on 3933 DoLS applications, with
    // `decimals` raised from 0 to 5. The stated change is then 17.999995% to 18.000005%, so
    // last year's count was 3933 / 1.18000005 = 3333.05071 to 3933 / 1.17999995 = 3333.05099
    // (hand calculation): no whole number. Narrowing to whole numbers gave lower 3334 above
    // upper 3333; the report now keeps the interval as computed and says no whole number fits.
    let json = format!(
        r#"{{{HEAD}, "counts": {{"dols": {{"label": "DoLS completed", "value": 3933,
            "quote": ""}}}},
          "claims": [{{"id": "c", "kind": "change", "subject": "counts.dols", "unit": "percent",
            "stated": 18, "decimals": 5, "text": "an increase of 18%", "quote": ""}}]}}"#
    );
    let ds = Dataset::from_json_str(&json).unwrap();
    let r = carestat::account::report(&ds).unwrap();
    let i = r.indicators.iter().find(|i| i.id == "c").unwrap();
    let (lo, hi) = (i.lower.unwrap(), i.upper.unwrap());
    assert!(lo <= hi, "{lo} > {hi}");
    assert!(
        (lo - 3_333.050_71).abs() < 1e-5 && (hi - 3_333.050_99).abs() < 1e-5,
        "{lo} {hi}"
    );
    assert!(i.note.contains("no whole number"), "{}", i.note);
    // With a whole number in the interval (decimals 0: 17.5% to 18.5%, so 3933 / 1.185 =
    // 3318.99 to 3933 / 1.175 = 3347.23), the interval is narrowed to 3319 to 3347.
    let ds = Dataset::from_json_str(&json.replace(r#""decimals": 5"#, r#""decimals": 0"#)).unwrap();
    let r = carestat::account::report(&ds).unwrap();
    let i = r.indicators.iter().find(|i| i.id == "c").unwrap();
    assert_eq!((i.lower, i.upper), (Some(3319.0), Some(3347.0)));
}

#[test]
fn a_percentage_change_from_zero_has_no_number() {
    // Found by audit_mutate: Birmingham's 22,555 new requests (65+) with last year's count
    // set to 0. (22555 - 0) / 0 has no value; the finding said "computed: inf" (written as
    // null in JSON) and "a change of +missing%". Now: no computed value, and the reason says
    // why. The stated 4.4% cannot be a change from zero: inconsistent.
    let json = format!(
        r#"{{{HEAD}, "counts": {{"req": {{"label": "Requests", "value": 22555, "previous": 0,
            "quote": ""}}}},
          "claims": [{{"id": "c", "kind": "change", "subject": "counts.req", "unit": "percent",
            "stated": 4.4, "decimals": 1, "text": "an increase of 4.4%", "quote": ""}}]}}"#
    );
    let ds = Dataset::from_json_str(&json).unwrap();
    let f = &carestat::account::audit(&ds).unwrap()[0];
    assert_eq!(f.status, Status::Inconsistent);
    assert_eq!(
        (f.computed, f.computed_lower, f.computed_upper),
        (None, None, None)
    );
    assert!(
        f.reason
            .contains("undefined (a percentage change from zero)"),
        "{}",
        f.reason
    );
    assert!(!f.reason.contains("missing"), "{}", f.reason);
}

#[test]
fn a_percentage_change_from_a_rounded_zero_has_no_upper_limit() {
    // Found by audit_mutate: a percentage published as 6% (decimals 0), last year's as 0%,
    // and the claim "a 6% increase". Last year's true value is 0 to 0.5, so the relative
    // change is undefined at face and at least (5.5 - 0.5) / 0.5 x 100 = 1000% within the
    // rounding, with no upper limit (hand calculation). As points it is exactly 6: the
    // stated "6%" only matches as points, which is inconsistent as written.
    let json = format!(
        r#"{{{HEAD}, "percentages": {{"p": {{"label": "P", "value": 6, "decimals": 0,
            "previous": 0, "quote": ""}}}},
          "claims": [{{"id": "c", "kind": "change", "subject": "percentages.p", "unit": "percent",
            "stated": 6, "decimals": 0, "text": "a 6% increase", "quote": ""}}]}}"#
    );
    let ds = Dataset::from_json_str(&json).unwrap();
    let f = &carestat::account::audit(&ds).unwrap()[0];
    assert_eq!(f.status, Status::Inconsistent);
    assert_eq!(f.reading.as_deref(), Some("points"));
    assert_eq!(f.computed, None);
    assert_eq!(f.computed_upper, None);
    assert!(
        (f.computed_lower.unwrap() - 1000.0).abs() < 1e-9,
        "{:?}",
        f.computed_lower
    );
    assert!(f.reason.contains("undefined"), "{}", f.reason);
    assert!(!f.reason.contains("missing"), "{}", f.reason);
    // The findings' JSON has the same numbers (null where None).
    let back: Vec<carestat::account::Finding> =
        serde_json::from_str(&carestat::account::audit_json(&json).unwrap()).unwrap();
    assert_eq!(&back[0], f);
}

#[test]
fn a_change_that_puts_last_years_count_below_zero_is_inconsistent() {
    // Found by audit_mutate: Worcestershire's 4,455 safeguarding concerns, "an increase of
    // 543 concerns", with this year's count set to 0. Last year's count was then derived as
    // 0 - 543 = -543, and the 2022/23 rate claim used it: a negative rate, with its interval
    // reversed. A count is never below zero: the change claim is inconsistent and implies
    // nothing, and the rate claim has no numerator (unchecked).
    let json = format!(
        r#"{{{HEAD}, "populations": {{"p": {{"label": "P", "value": 485737, "age_band": "18+",
            "quote": ""}}}},
          "counts": {{"c": {{"label": "Concerns", "value": 0, "population": "populations.p",
            "quote": ""}}}},
          "claims": [{{"id": "ch", "kind": "change", "subject": "counts.c", "unit": "absolute",
            "stated": 543, "decimals": 0, "text": "an increase of 543", "quote": ""}},
            {{"id": "r", "kind": "rate", "numerator": "counts.c.previous",
            "denominator": "populations.p", "stated": 803, "decimals": 0, "period": "2022/23",
            "text": "803 per 100,000", "quote": ""}}]}}"#
    );
    let ds = Dataset::from_json_str(&json).unwrap();
    let f = carestat::account::audit(&ds).unwrap();
    assert_eq!(f[0].status, Status::Inconsistent);
    assert!(
        f[0].reason
            .ends_with("would put last year's value at -543, below zero"),
        "{}",
        f[0].reason
    );
    assert_eq!(f[0].implied, None);
    assert_eq!(f[1].status, Status::Unchecked);
    assert_eq!(f[1].computed, None);
    let r = carestat::account::report(&ds).unwrap();
    assert!(
        r.indicators
            .iter()
            .all(|i| i.value.is_none_or(|v| v >= 0.0)),
        "{r:?}"
    );
    // With 600 this year, last year's count was 600 - 543 = 57.
    let ds = Dataset::from_json_str(&json.replace(r#""value": 0"#, r#""value": 600"#)).unwrap();
    let f = carestat::account::audit(&ds).unwrap();
    assert_eq!(f[0].status, Status::Unchecked);
    assert_eq!(f[0].implied, Some(57.0));
}

#[test]
fn a_stated_rate_of_zero_implies_no_upper_limit_on_the_denominator() {
    // Found by audit_mutate: Worcestershire's "803 per 100,000" concerns rate with the stated
    // rate set to 0. The implied denominator was 3912 x 100,000 / 0 = inf. A stated 0 (0 to
    // 0.5 at 0 decimals) implies a denominator of at least 3912 x 100,000 / 0.5 = 782,400,000
    // (hand calculation) and no upper limit.
    let json = format!(
        r#"{{{HEAD}, "populations": {{"p": {{"label": "P", "value": 485737, "age_band": "18+",
            "quote": ""}}}},
          "counts": {{"c": {{"label": "Concerns", "value": 4455, "previous": 3912,
            "quote": ""}}}},
          "claims": [{{"id": "r", "kind": "rate", "numerator": "counts.c.previous",
            "denominator": "populations.p", "stated": 0, "decimals": 0,
            "text": "0 per 100,000", "quote": ""}}]}}"#
    );
    let ds = Dataset::from_json_str(&json).unwrap();
    let f = &carestat::account::audit(&ds).unwrap()[0];
    assert_eq!(f.status, Status::Inconsistent); // 3912 / 485,737 x 100,000 = 805.4
    assert_eq!((f.implied, f.implied_upper), (None, None));
    assert_eq!(f.implied_lower, Some(782_400_000.0));
    assert!(
        f.reason
            .contains("implies a denominator of at least 782,400,000"),
        "{}",
        f.reason
    );
    assert!(!f.reason.contains("missing"), "{}", f.reason);
}

#[test]
fn a_huge_inadequate_or_not_rated_count_is_an_error_not_an_allocation() {
    // Found by audit_mutate: `inadequate_or_not_rated` set to 4,294,967,295. The audit tries
    // every split of it, and built all 4.3 billion readings at once (171 GB); near u64::MAX
    // the sums overflowed. Now the count is limited to 1000, an error naming the field.
    let dist = |n: u64, inadequate: u64| {
        format!(
            r#"{{{HEAD}, "ratings": {{"r": {{"label": "R", "outstanding": 1, "good": 70,
                "requires_improvement": 12, "inadequate": {inadequate},
                "inadequate_or_not_rated": {n}, "quote": ""}}}}}}"#
        )
    };
    for (n, inadequate) in [(1001, 0), (4_294_967_295, 0), (u64::MAX, u64::MAX)] {
        let e = Dataset::from_json_str(&dist(n, inadequate)).unwrap_err();
        assert_eq!(
            e.field().unwrap().name,
            "ratings.r.inadequate_or_not_rated",
            "{e}"
        );
    }
    let ds = Dataset::from_json_str(&dist(1000, 0)).unwrap();
    assert_eq!(ds.ratings["r"].readings().len(), 1001);
    // Sums beyond u64::MAX saturate instead of overflowing.
    let mut r = ds.ratings["r"].clone();
    r.inadequate = u64::MAX;
    assert_eq!(r.readings()[0].inadequate, u64::MAX);
}

#[test]
fn a_share_whose_numerator_is_above_its_denominator_is_inconsistent() {
    // Found by audit_mutate: Worcestershire's "1.5%" of adults receiving a service, with the
    // adult population set to 255. 7128 / 255 = 2795.3% (hand calculation); the range of the
    // share was clamped at 100%, below its lower end 2795.3%. Now the range stays ordered
    // and the claim is inconsistent.
    let json = format!(
        r#"{{{HEAD}, "populations": {{"p": {{"label": "P", "value": 255, "age_band": "18+",
            "quote": ""}}}},
          "counts": {{"n": {{"label": "Adults receiving a service", "value": 7128,
            "quote": ""}}}},
          "claims": [{{"id": "s", "kind": "share", "numerator": "counts.n",
            "denominator": "populations.p", "stated": 1.5, "decimals": 1,
            "text": "1.5% of adults", "quote": ""}}]}}"#
    );
    let ds = Dataset::from_json_str(&json).unwrap();
    let f = &carestat::account::audit(&ds).unwrap()[0];
    assert_eq!(f.status, Status::Inconsistent);
    let (lo, hi) = (f.computed_lower.unwrap(), f.computed_upper.unwrap());
    assert!(lo <= hi, "{lo} > {hi}");
    assert!((f.computed.unwrap() - 2_795.294_117_647).abs() < 1e-6);
}

#[test]
fn a_share_or_rate_of_zero_is_inconsistent_without_numbers() {
    // Found while fixing the case above: a count used as a denominator may be 0, and
    // x / 0 gave inf or NaN ("missing%"). No share or rate of 0 exists.
    let json = format!(
        r#"{{{HEAD}, "counts": {{"n": {{"label": "N", "value": 3, "quote": ""}},
            "d": {{"label": "D", "value": 0, "quote": ""}}}},
          "claims": [{{"id": "s", "kind": "share", "numerator": "counts.n",
            "denominator": "counts.d", "stated": 74, "decimals": 0, "text": "74%", "quote": ""}},
            {{"id": "r", "kind": "rate", "numerator": "counts.n", "denominator": "counts.d",
            "stated": 8, "decimals": 0, "text": "8 per 100,000", "quote": ""}}]}}"#
    );
    let ds = Dataset::from_json_str(&json).unwrap();
    for f in carestat::account::audit(&ds).unwrap() {
        assert_eq!(f.status, Status::Inconsistent, "{}", f.claim);
        assert_eq!(f.computed, None, "{}", f.claim);
        assert!(
            f.reason.starts_with("D is 0, so there is no"),
            "{}",
            f.reason
        );
    }
}
