//! A stated percentage change has one rule, exact at halves: the true change rounds half away
//! from zero to the stated figure. `change_rounds_to`, `PreviousRange::contains` /
//! `whole_numbers` and the audit must all agree with it, and with exact integer arithmetic.
//!
//! The reference here is independent of the code under test: the change from `p` to `c` in
//! units of 10^-d is `n / p` with `n = (c - p) × 100 × 10^d`, and rounding it half away from
//! zero is `floor((2|n| + p) / (2p))` with the sign of `n`, in i128 integer division. (The
//! code under test instead compares the change with the two ends of the stated interval.)

use carestat::account::{audit, Dataset, Finding, Status};
use carestat::{change_rounds_to, previous_from_percent_change};
use proptest::prelude::*;
use serde_json::json;

/// The change from `p` to `c` (p > 0) in units of 10^-d, rounded half away from zero.
fn exact_rounded(p: i128, c: i128, d: u32) -> i128 {
    let n = (c - p) * 100 * 10i128.pow(d);
    let q = (2 * n.abs() + p) / (2 * p);
    if n < 0 {
        -q
    } else {
        q
    }
}

/// `k × 10^-d` as the double nearest the decimal, the way a stated figure is read.
fn decimal(k: i128, d: u32) -> f64 {
    format!("{k}e-{d}").parse().unwrap()
}

#[test]
fn the_issue_examples() {
    // 1,200 -> 5,118 is 3918 / 1200 = +326.5% exactly: it rounds to 327, so "an increase of
    // 326%" implies 1,201 (5118 / 4.26 - 1 = 326.1%) to 1,202 (325.8%); 1,203 is 325.4% -> 325.
    assert_eq!(exact_rounded(1200, 5118, 0), 327);
    let r = previous_from_percent_change(5118.0, 326.0, 0).unwrap();
    assert_eq!(r.whole_numbers(), Some((1201, 1202)));
    assert!(!r.contains(1200.0) && r.contains(1201.0) && !r.contains(1203.0));
    // 1,320 -> 429 is -891 / 1320 = -67.5% exactly, which rounds to -68: "a decrease of 68%"
    // includes 1,320; 1,361 is -68.48% (in), 1,362 is -68.50...% -> -69 (out).
    assert_eq!(exact_rounded(1320, 429, 0), -68);
    let r = previous_from_percent_change(429.0, -68.0, 0).unwrap();
    assert_eq!(r.whole_numbers(), Some((1320, 1361)));
    assert!(r.contains(1320.0) && !r.contains(1319.0) && !r.contains(1362.0));
}

#[test]
fn every_small_pair_agrees_with_integer_arithmetic() {
    // Exhaustive over previous 1..=150, current 0..=700 at 0 and 1 decimals: thousands of the
    // pairs are exact halves (previous a divisor of 200 × the difference).
    let mut halves = 0;
    for d in 0..=1u32 {
        for p in 1..=150i128 {
            for c in 0..=700i128 {
                let k = exact_rounded(p, c, d);
                if (2 * (c - p) * 100 * 10i128.pow(d)) % (2 * p) == p {
                    halves += 1;
                }
                let (pf, cf, di) = (p as f64, c as f64, i32::try_from(d).unwrap());
                assert!(
                    change_rounds_to(pf, cf, decimal(k, d), di),
                    "{p} -> {c} is {k}e-{d}"
                );
                assert!(
                    !change_rounds_to(pf, cf, decimal(k - 1, d), di),
                    "{p} -> {c}"
                );
                assert!(
                    !change_rounds_to(pf, cf, decimal(k + 1, d), di),
                    "{p} -> {c}"
                );
            }
        }
    }
    assert!(halves > 1000, "{halves} exact halves");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None,
                                        ..ProptestConfig::default() })]

    /// The range's whole numbers are exactly the integers whose change rounds to the stated
    /// figure, found by brute force around the range.
    #[test]
    fn whole_numbers_are_exactly_the_consistent_integers(
        // current a multiple of a small number often, so exact halves are common
        current in prop_oneof![1i128..=2_000_000, (1i128..=20_000).prop_map(|c| c * 400)],
        p0 in 1i128..=3_000_000,
        d in 0u32..=2,
        offset in -1i128..=1,
    ) {
        let k = exact_rounded(p0, current, d) + offset;
        let stated = decimal(k, d);
        let Ok(r) = previous_from_percent_change(current as f64, stated, d) else {
            return Ok(());
        };
        // The consistent integers, by brute force over the float range widened by 3.
        let (lo, hi) = (r.lower.floor() as i128 - 3, r.upper.ceil() as i128 + 3);
        prop_assume!(hi - lo < 200_000);
        let fits: Vec<i128> = (lo.max(1)..=hi).filter(|&p| exact_rounded(p, current, d) == k).collect();
        let want = fits.first().map(|&a| (a as i64, *fits.last().unwrap() as i64));
        prop_assert_eq!(r.whole_numbers(), want, "{} at {}e-{}: {:?}", current, k, d, r);
        prop_assert_eq!(r.contains(p0 as f64), offset == 0);
    }
}

/// The audit's finding for a change claim "current, a change of stated% on previous"
/// (no previous value published when `previous` is None).
fn audit_finding(previous: Option<i64>, current: i64, stated: f64, decimals: u32) -> Finding {
    let mut v = json!({
        "format_version": 1,
        "area": {"name": "Test Council"},
        "period": {"label": "2023/24", "start": "2023-04-01", "end": "2024-03-31"},
        "counts": {"c": {"label": "c", "value": current, "previous": previous, "quote": ""}},
        "claims": [{"id": "a", "kind": "change", "subject": "counts.c", "unit": "percent",
                    "stated": stated, "decimals": decimals, "text": "", "quote": ""}]
    });
    if previous.is_none() {
        v["counts"]["c"].as_object_mut().unwrap().remove("previous");
    }
    audit(&Dataset::from_json_str(&v.to_string()).unwrap())
        .unwrap()
        .remove(0)
}

fn audit_status(previous: i64, current: i64, stated: f64, decimals: u32) -> Status {
    audit_finding(Some(previous), current, stated, decimals).status
}

#[test]
fn the_audit_uses_the_same_rule() {
    assert_eq!(audit_status(1200, 5118, 326.0, 0), Status::Inconsistent);
    assert_eq!(audit_status(1200, 5118, 327.0, 0), Status::Consistent);
    assert_eq!(audit_status(1320, 429, -68.0, 0), Status::Consistent);
    assert_eq!(audit_status(1361, 429, -68.0, 0), Status::Consistent);
    assert_eq!(audit_status(1362, 429, -68.0, 0), Status::Inconsistent);
    // With no previous value published, the implied interval is the same whole numbers.
    let f = audit_finding(None, 5118, 326.0, 0);
    assert_eq!(
        (f.implied_lower, f.implied_upper),
        (Some(1201.0), Some(1202.0))
    );
    assert!(f.reason.contains("1,201 to 1,202"), "{}", f.reason);
    let f = audit_finding(None, 429, -68.0, 0);
    assert_eq!(
        (f.implied_lower, f.implied_upper),
        (Some(1320.0), Some(1361.0))
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None,
                                        ..ProptestConfig::default() })]

    /// For exact counts the audit is consistent exactly when the implied range contains the
    /// published previous value (and when integer arithmetic says the change rounds to it).
    #[test]
    fn audit_and_previous_range_agree(
        current in prop_oneof![1i64..=200_000, (1i64..=500).prop_map(|c| c * 400)],
        previous in 1i64..=200_000,
        d in 0u32..=1,
        offset in -1i128..=1,
    ) {
        let k = exact_rounded(i128::from(previous), i128::from(current), d) + offset;
        let stated = decimal(k, d);
        let Ok(r) = previous_from_percent_change(current as f64, stated, d) else {
            return Ok(());
        };
        let consistent = audit_status(previous, current, stated, d) == Status::Consistent;
        prop_assert_eq!(consistent, offset == 0);
        prop_assert_eq!(r.contains(previous as f64), consistent);
    }
}
