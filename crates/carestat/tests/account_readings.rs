//! The readings of a "%" change between two percentages (issue 12): each finding lists what
//! the relative and the percentage-point readings give (`readings`). A figure that only the
//! points reading allows is inconsistent as written, at face value or within rounding; one
//! that both readings allow but that they give differently at face value is ambiguous.
//!
//! Source: Worcestershire County Council, Local Account 2023/24 (seed 004): "6% of these
//! requests resulted in a long-term service (a 1% increase on last year's 5%)". Expected
//! values worked by hand in the comments.

use carestat::account::{audit, Dataset, Finding, Status};

fn change(current: f64, previous: f64, decimals: i32, stated: f64) -> Finding {
    let json = format!(
        r#"{{"format_version": 2, "area": {{"name": "Worcestershire County Council"}},
  "period": {{"label": "2023/24", "start": "2023-04-01", "end": "2024-03-31"}},
  "percentages": {{"long_term": {{"label": "Requests resulting in a long-term service",
    "value": {current}, "decimals": {decimals}, "previous": {previous}, "quote": "-"}}}},
  "claims": [{{"id": "long-term-change", "kind": "change", "subject": "percentages.long_term",
    "unit": "percent", "stated": {stated}, "decimals": 0, "text": "a 1% increase", "quote": "-"}}]}}"#
    );
    let ds = Dataset::from_json_str(&json).unwrap();
    audit(&ds).unwrap().remove(0)
}

#[test]
fn both_readings_are_listed_with_what_they_give() {
    // 6% from 5% (whole per cents): +1 point at face; relative 6/5 - 1 = +20%, and over the
    // rounding 5.5/5.5 - 1 = 0% to 6.5/4.5 - 1 = +44.4%, which never rounds to +1% at face.
    let f = change(6.0, 5.0, 0, 1.0);
    assert_eq!(f.status, Status::Ambiguous, "{}", f.reason);
    let [percent, points] = &f.readings[..] else {
        panic!("two readings: {:?}", f.readings)
    };
    assert_eq!(percent.reading, "percent");
    assert!((percent.computed.unwrap() - 20.0).abs() < 1e-9);
    assert!((percent.computed_upper.unwrap() - 44.444_444_444).abs() < 1e-6);
    assert_eq!(points.reading, "points");
    assert!((points.computed.unwrap() - 1.0).abs() < 1e-12);
    assert_eq!(points.holds, "at_face");
    // The relative reading's range (0% to 44.4%) holds +1% somewhere within rounding: the
    // reason must not call it impossible, and the reading that gives it at face is points.
    assert_eq!(percent.holds, "within_rounding");
    assert_eq!(f.reading.as_deref(), Some("points"));
    assert!(f.reason.starts_with("ambiguous: "), "{}", f.reason);
    assert!(f.reason.contains("+20.0% at face value"), "{}", f.reason);
    assert!(f.reason.contains("(0.0% to +44.4%)"), "{}", f.reason);
    assert!(!f.reason.contains("impossible"), "{}", f.reason);
}

#[test]
fn both_readings_only_within_rounding_is_ambiguous() {
    // 7% from 6% (whole per cents) and "+2%": points +1 at face, 0 to +2 over the rounding
    // (7.4 - 5.5 = 1.9 rounds to 2); relative
    // 7/6 - 1 = +16.7% at face, 6.5/6.5 - 1 = 0% to 7.5/5.5 - 1 = +36.4% over the rounding:
    // both readings reach +2% only within the rounding of the inputs.
    let f = change(7.0, 6.0, 0, 2.0);
    assert_eq!(f.status, Status::Ambiguous, "{}", f.reason);
    assert_eq!(f.reading.as_deref(), Some("either"));
    assert_eq!(f.readings[0].holds, "within_rounding");
    assert_eq!(f.readings[1].holds, "within_rounding");
}

#[test]
fn both_readings_at_face_value_is_consistent() {
    // 50.0% from 49.5% (1 dp) and "+1%": points +0.5 rounds to +1 (half away from zero) and
    // relative 50/49.5 - 1 = +1.01% rounds to +1: both readings give the stated +1% at face
    // value, so the text's two readings agree.
    let f = change(50.0, 49.5, 1, 1.0);
    assert_eq!(f.status, Status::Consistent, "{}", f.reason);
    assert_eq!(f.reading.as_deref(), Some("either"));
    assert_eq!(f.readings[0].holds, "at_face");
    assert_eq!(f.readings[1].holds, "at_face");
}

#[test]
fn points_only_within_rounding_is_inconsistent_as_written() {
    // 6.4% from 5.0% and "+2%": points 1.4 (1.3 to 1.5 over the rounding: 1.5 rounds to 2);
    // relative 6.4/5 - 1 = +28% (6.35/5.05 - 1 = +25.7% to 6.45/4.95 - 1 = +30.3%): only the
    // points reading allows it, and only at the edge: inconsistent, as "+2%" reads relative.
    let f = change(6.4, 5.0, 1, 2.0);
    assert_eq!(f.status, Status::Inconsistent, "{}", f.reason);
    assert_eq!(f.reading.as_deref(), Some("points"));
    assert_eq!(f.readings[0].holds, "no");
    assert_eq!(f.readings[1].holds, "within_rounding");
    assert!(
        f.reason.contains("say '2 percentage points'"),
        "{}",
        f.reason
    );
}

#[test]
fn a_relative_change_that_holds_is_consistent_with_its_readings() {
    // 82% from 73% and "+12%": relative 82/73 - 1 = +12.33% (rounds to 12); points +9.
    let f = change(82.0, 73.0, 0, 12.0);
    assert_eq!(f.status, Status::Consistent, "{}", f.reason);
    assert_eq!(f.reading.as_deref(), Some("percent"));
    assert_eq!(f.readings[0].holds, "at_face");
    assert_eq!(f.readings[1].holds, "no");
    // The JSON carries them as a list of objects.
    let json = serde_json::to_string(&f).unwrap();
    assert!(
        json.contains("\"readings\":[{\"reading\":\"percent\""),
        "{json}"
    );
}
