//! Helpers shared by the fuzz targets: doubles that reach the interesting values often.

use arbitrary::Arbitrary;

/// A double as the fuzzer proposes it: any bit pattern, a small integer (valid counts and
/// populations), or one of the values where code tends to break.
#[derive(Debug, Clone, Copy, Arbitrary)]
pub enum Num {
    /// Any bit pattern: NaN payloads, infinities, subnormals, huge values.
    Raw(f64),
    /// A small whole number (counts, populations, decimals).
    Int(i32),
    /// A value from [`SPECIALS`].
    Special(u8),
}

/// Values at the edges of the accepted ranges and of the doubles.
pub const SPECIALS: [f64; 24] = [
    f64::NAN,
    f64::INFINITY,
    f64::NEG_INFINITY,
    0.0,
    -0.0,
    f64::MIN_POSITIVE,
    f64::MIN_POSITIVE / 1024.0, // subnormal
    5e-324,                     // smallest subnormal
    f64::MAX,
    -f64::MAX,
    f64::EPSILON,
    1.0 - f64::EPSILON / 2.0,
    0.9,
    0.95,
    0.998,
    1.0,
    90.0,
    95.0,
    99.8,
    100.0,
    100_000.0,
    9.0,
    10.0,
    1e300,
];

impl Num {
    /// The double this stands for.
    #[must_use]
    pub fn get(self) -> f64 {
        match self {
            Self::Raw(v) => v,
            Self::Int(i) => f64::from(i),
            Self::Special(k) => SPECIALS[usize::from(k) % SPECIALS.len()],
        }
    }
}

/// Doubles from a slice of [`Num`].
#[must_use]
pub fn nums(values: &[Num]) -> Vec<f64> {
    values.iter().map(|n| n.get()).collect()
}

/// A length near `base`: `base + delta`, never negative, at most `base + 127`.
#[must_use]
pub fn len_near(base: usize, delta: i8) -> usize {
    base.saturating_add_signed(isize::from(delta))
}

/// Checks shared by the Local Account targets (`dataset_json`, `audit`, `audit_mutate`).
pub mod account {
    use carestat::account::{self, audit, report, Dataset, Finding, Report, Status};

    /// A number the audit or report gives: missing (`None`) or finite, never NaN or infinite.
    fn finite(what: &str, x: Option<f64>) {
        if let Some(v) = x {
            assert!(v.is_finite(), "{what} = {v}");
        }
    }

    /// `lo <= hi` when both are given.
    fn ordered(what: &str, lo: Option<f64>, hi: Option<f64>) {
        if let (Some(lo), Some(hi)) = (lo, hi) {
            assert!(lo <= hi, "{what}: lower {lo} above upper {hi}");
        }
    }

    /// Reads a dataset; when it reads, writing it and reading it back gives an equal dataset,
    /// the written text is stable, and the parsed-value route (Python's) agrees.
    ///
    /// # Panics
    /// When a property fails (that is the point).
    pub fn check_read(text: &str) -> Option<Dataset> {
        let ds = Dataset::from_json_str(text).ok()?;
        check_round_trip(&ds);
        let value: serde_json::Value = serde_json::from_str(text).expect("read, so it is JSON");
        let via_value = Dataset::from_json_value(value).expect("from_json_str read it");
        assert_eq!(via_value, ds, "from_json_value differs from from_json_str");
        Some(ds)
    }

    /// A valid dataset written and read back is the same dataset, and writing is stable.
    ///
    /// # Panics
    /// When a property fails.
    pub fn check_round_trip(ds: &Dataset) {
        let written = ds.to_json_string();
        let back = Dataset::from_json_str(&written)
            .unwrap_or_else(|e| panic!("written dataset does not read back: {e}\n{written}"));
        assert_eq!(&back, ds, "round trip changed the dataset:\n{written}");
        assert_eq!(back.to_json_string(), written, "writing is not stable");
    }

    fn check_findings(ds: &Dataset, findings: &[Finding]) {
        assert_eq!(findings.len(), ds.claims.len(), "one finding per claim");
        for (f, c) in findings.iter().zip(&ds.claims) {
            assert_eq!(f.claim, c.id, "findings in the claims' order");
            // Readings that disagree are each given: an ambiguous finding lists them.
            if f.status == Status::Ambiguous {
                assert!(f.readings.len() >= 2, "an ambiguous finding without its readings");
            }
            for (what, x) in [
                ("stated", f.stated),
                ("computed", f.computed),
                ("computed_lower", f.computed_lower),
                ("computed_upper", f.computed_upper),
                ("implied", f.implied),
                ("implied_lower", f.implied_lower),
                ("implied_upper", f.implied_upper),
            ] {
                finite(&format!("{}: {what}", f.claim), x);
            }
            ordered(&f.claim, f.computed_lower, f.computed_upper);
            ordered(&f.claim, f.implied_lower, f.implied_upper);
            assert!(!f.reason.is_empty(), "{}: no reason", f.claim);
        }
        let text = serde_json::to_string(findings).expect("findings serialise");
        let value: serde_json::Value = serde_json::from_str(&text).expect("findings JSON parses");
        for f in value.as_array().expect("an array") {
            let status = f["status"].as_str().expect("status is a string");
            assert!(
                ["consistent", "inconsistent", "ambiguous", "unchecked"].contains(&status),
                "status {status}"
            );
        }
        let back: Vec<Finding> = serde_json::from_str(&text).expect("findings read back");
        assert_eq!(back, findings, "findings JSON is not lossless");
    }

    fn check_report(r: &Report) {
        for i in &r.indicators {
            for (what, x) in [
                ("value", i.value),
                ("lower", i.lower),
                ("upper", i.upper),
                ("current", i.current),
                ("previous", i.previous),
            ] {
                finite(&format!("{}: {what}", i.id), x);
            }
            ordered(&i.id, i.lower, i.upper);
        }
        let text = serde_json::to_string(r).expect("a report serialises");
        let back: Report = serde_json::from_str(&text).expect("report JSON reads back");
        assert_eq!(&back, r, "report JSON is not lossless");
    }

    /// Runs the audit and the report and checks their results; a dataset that validates
    /// must round-trip through its JSON text, and with `json_functions` the JSON functions
    /// (`audit_json`, `report_json`) on that text must give the same answers. Returns the
    /// findings' JSON when the audit runs.
    ///
    /// # Panics
    /// When a property fails.
    pub fn check_account(ds: &Dataset, json_functions: bool) -> Option<String> {
        let valid = ds.validate().is_ok();
        let findings = audit(ds);
        assert_eq!(findings.is_ok(), valid, "audit validates first");
        let rep = report(ds);
        if rep.is_ok() {
            assert!(valid, "report of an invalid dataset");
        }
        let findings = findings.ok()?;
        check_findings(ds, &findings);
        let findings_json = serde_json::to_string(&findings).expect("findings serialise");
        if let Ok(r) = &rep {
            check_report(r);
        }
        check_round_trip(ds);
        if !json_functions {
            return Some(findings_json);
        }
        // The JSON functions on the written dataset give the same answers.
        let written = ds.to_json_string();
        assert_eq!(
            account::audit_json(&written).expect("valid dataset audits"),
            findings_json
        );
        match (&rep, account::report_json(&written)) {
            (Ok(r), Ok(text)) => {
                assert_eq!(text, serde_json::to_string(r).expect("serialises"));
            }
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
            (a, b) => panic!("report {a:?} but report_json {b:?}"),
        }
        Some(findings_json)
    }
}
