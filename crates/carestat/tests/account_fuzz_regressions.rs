//! Local Account inputs the fuzz targets (`fuzz/fuzz_targets/{dataset_json,audit,audit_mutate}.rs`)
//! found, minimised. Each must give the documented result: an error naming the JSON path, or
//! a dataset that round-trips, and never a panic.

use carestat::account::Dataset;

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
    assert!((lo - 3_333.050_71).abs() < 1e-5 && (hi - 3_333.050_99).abs() < 1e-5, "{lo} {hi}");
    assert!(i.note.contains("no whole number"), "{}", i.note);
    // With a whole number in the interval (decimals 0: 17.5% to 18.5%, so 3933 / 1.185 =
    // 3318.99 to 3933 / 1.175 = 3347.23), the interval is narrowed to 3319 to 3347.
    let ds = Dataset::from_json_str(&json.replace(r#""decimals": 5"#, r#""decimals": 0"#)).unwrap();
    let r = carestat::account::report(&ds).unwrap();
    let i = r.indicators.iter().find(|i| i.id == "c").unwrap();
    assert_eq!((i.lower, i.upper), (Some(3319.0), Some(3347.0)));
}
