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
