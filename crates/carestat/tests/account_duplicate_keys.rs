//! A key given twice in a dataset's JSON is an error naming the key and the JSON path
//! (issue 16: `serde_json` kept the last of two `counts.n`, silently dropping a figure).

use carestat::account::Dataset;

const HEAD: &str = r#""format_version": 1, "area": {"name": "X"},
  "period": {"label": "2023/24", "start": "2023-04-01", "end": "2024-03-31"}"#;

fn error(body: &str) -> (String, String) {
    let e = Dataset::from_json_str(&format!("{{{HEAD}, {body}}}")).unwrap_err();
    (e.field().unwrap().name.to_string(), e.to_string())
}

#[test]
fn a_figure_id_given_twice_in_any_map_is_an_error() {
    let count = r#"{"label": "A", "value": 1, "quote": ""}"#;
    let pop = r#"{"label": "P", "value": 10, "age_band": "18+", "quote": ""}"#;
    let pct = r#"{"label": "A", "value": 1, "decimals": 0, "quote": ""}"#;
    let money = r#"{"label": "A", "value": 1, "unit": "gbp", "decimals": 0, "quote": ""}"#;
    let rating = r#"{"label": "R", "outstanding": 1, "good": 1, "requires_improvement": 0,
        "inadequate": 0, "quote": ""}"#;
    for (map, value) in [
        ("counts", count),
        ("populations", pop),
        ("percentages", pct),
        ("spend", money),
        ("ratings", rating),
    ] {
        let (field, msg) = error(&format!(r#""{map}": {{"n": {value}, "n": {value}}}"#));
        assert_eq!(field, map, "{msg}");
        assert!(msg.contains("the key `n` is given twice"), "{msg}");
    }
    let (field, msg) = error(
        r#""cqc": {"statements": {"8": {"score": 3, "quote": ""}, "8": {"score": 2, "quote": ""}}}"#,
    );
    assert_eq!(field, "cqc.statements", "{msg}");
    assert!(msg.contains("the key `8` is given twice"), "{msg}");
}

#[test]
fn distinct_keys_still_read_and_a_field_given_twice_is_named() {
    let ds = Dataset::from_json_str(&format!(
        r#"{{{HEAD}, "counts": {{"a": {{"label": "A", "value": 1, "quote": ""}},
            "b": {{"label": "B", "value": 2, "quote": ""}}}}}}"#
    ))
    .unwrap();
    assert_eq!(ds.counts.len(), 2);
    // Inside one figure, serde's own rule: `value` twice is a duplicate field.
    let (field, msg) =
        error(r#""counts": {"a": {"label": "A", "value": 1, "value": 2, "quote": ""}}"#);
    assert!(field.starts_with("counts.a"), "{field}: {msg}");
    assert!(msg.contains("duplicate field `value`"), "{msg}");
}
