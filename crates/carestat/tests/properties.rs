//! Property tests for the core: what must hold for *every* input, not just the oracle rows.
//!
//! * intervals contain their estimate, limits are ordered, non-negative and finite;
//! * Wilson limits stay within `[0, multiplier]`;
//! * back-calculated previous values reproduce the stated change (and nothing wider does);
//! * rounding is half away from zero, checked against integer arithmetic on the decimal digits;
//! * every class of invalid input is an `Err` naming its field (never a panic), NaN is missing;
//! * ratings shares lie in `[0, 100]`.
//!
//! Case counts are kept modest (`CASES`) so the whole file runs in about a second.

use carestat::ratings::{DenominatorRule, Rating, RatingCounts};
use carestat::{
    crude_rate, crude_rate_many, judge_change, percent_change, percent_change_many, point_change,
    previous_from_percent_change, round_half_away, round_to_multiple, wilson_proportion,
    wilson_proportion_many, Error, Estimate, Estimates, Judgement, Method, Polarity,
};
use proptest::prelude::*;

/// Cases per property; `PROPTEST_CASES=100000 cargo test --test properties` for a deep run.
const CASES: u32 = 256;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(CASES),
        // Failures are reported in the test output; no regression files in the source tree.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------------------------
// Strategies
// ---------------------------------------------------------------------------------------------

/// Every accepted confidence level: a fraction in [0.9, 1) or a percentage in [90, 100),
/// including the edges 0.9, 90 and the largest doubles below 1 and 100.
fn confidence() -> impl Strategy<Value = f64> {
    prop_oneof![
        0.9f64..1.0,
        90.0f64..100.0,
        Just(0.9),
        Just(0.95),
        Just(0.998),
        Just(90.0),
        Just(99.8),
        Just(1.0 - f64::EPSILON / 2.0),
        Just(100.0 - 100.0 * f64::EPSILON),
    ]
}

/// Event counts from 0 to 1e9: whole numbers on both sides of the exact/Byar's switch at 10,
/// and fractional counts (allowed: the core does not insist on whole events).
fn count() -> impl Strategy<Value = f64> {
    prop_oneof![
        (0u32..10).prop_map(f64::from),
        (10u32..100).prop_map(f64::from),
        (0u64..=1_000_000_000).prop_map(|c| c as f64),
        0.0f64..=1e9,
        // tiny fractional counts, down to subnormals (log-uniform)
        (-323.0f64..0.0).prop_map(|e| 10f64.powf(e)),
        Just(9.0),
        Just(10.0),
        Just(1e9),
    ]
}

/// Positive population / denominator sizes, from tiny to 1e10.
fn population() -> impl Strategy<Value = f64> {
    prop_oneof![
        (1u64..=10_000_000_000).prop_map(|n| n as f64),
        1e-3f64..1e10,
        Just(1.0),
    ]
}

fn multiplier() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(1.0),
        Just(100.0),
        Just(1000.0),
        Just(100_000.0),
        1e-3f64..1e6
    ]
}

/// A whole denominator and a numerator in `0..=n`, with the ends 0 and n often, and tiny
/// fractional numerators (down to subnormals) and numerators a hair below n.
fn numerator_denominator() -> impl Strategy<Value = (f64, f64)> {
    (1u64..=1_000_000_000).prop_flat_map(|n| {
        let nf = n as f64;
        let x = prop_oneof![
            Just(0.0),
            Just(nf),
            (0..=n).prop_map(|x| x as f64),
            (-323.0f64..0.0).prop_map(|e| 10f64.powf(e)),
            (1u32..1000).prop_map(move |k| nf - f64::from(k) * nf * f64::EPSILON),
        ];
        (x, Just(nf))
    })
}

/// Any double at all: NaN, infinities, subnormals, huge and ordinary values.
fn any_double() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>(),
        proptest::num::f64::ANY,
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(f64::MIN_POSITIVE / 4.0),
        Just(f64::MAX),
        Just(-0.0),
        -1e3f64..1e3,
    ]
}

fn check_interval(e: &Estimate, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        e.value.is_finite() && e.lower.is_finite() && e.upper.is_finite(),
        "{what}: not finite: {e:?}"
    );
    prop_assert!(e.lower >= 0.0, "{what}: negative lower limit: {e:?}");
    prop_assert!(
        e.lower <= e.value && e.value <= e.upper,
        "{what}: interval does not contain the estimate: {e:?}"
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Intervals
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config())]

    #[test]
    fn rate_intervals_contain_estimate(
        x in count(), n in population(), m in multiplier(), c in confidence(),
    ) {
        let e = crude_rate(x, n, m, c).unwrap();
        check_interval(&e, "crude_rate")?;
        let want = if x < 10.0 { Method::Exact } else { Method::Byars };
        prop_assert_eq!(e.method, want);
    }

    #[test]
    fn proportion_intervals_contain_estimate_within_zero_and_multiplier(
        (x, n) in numerator_denominator(), m in multiplier(), c in confidence(),
    ) {
        let e = wilson_proportion(x, n, m, c).unwrap();
        check_interval(&e, "wilson_proportion")?;
        prop_assert!(e.upper <= m, "upper limit above the multiplier: {e:?}");
        prop_assert_eq!(e.method, Method::Wilson);
    }

    #[test]
    fn higher_confidence_gives_a_wider_interval(
        x in count(), n in population(), (c1, c2) in (0.9f64..0.999, 0.9f64..0.999),
    ) {
        let (lo, hi) = if c1 <= c2 { (c1, c2) } else { (c2, c1) };
        let narrow = crude_rate(x, n, 1.0, lo).unwrap();
        let wide = crude_rate(x, n, 1.0, hi).unwrap();
        // Relative slack for rounding in the quantile iteration.
        let slack = 1e-12 * wide.upper.abs().max(1.0);
        prop_assert!(wide.lower <= narrow.lower + slack, "{narrow:?} {wide:?}");
        prop_assert!(wide.upper + slack >= narrow.upper, "{narrow:?} {wide:?}");
    }

    #[test]
    fn batch_rows_with_nan_are_missing_and_others_are_estimates(
        rows in proptest::collection::vec((prop_oneof![count(), Just(f64::NAN)],
                                           prop_oneof![population(), Just(f64::NAN)]), 0..40),
        c in confidence(),
    ) {
        let (counts, pops): (Vec<f64>, Vec<f64>) = rows.iter().copied().unzip();
        let mut out = Estimates::with_len(rows.len());
        crude_rate_many(&counts, &pops, 1e5, c, out.as_mut()).unwrap();
        for (i, &(x, n)) in rows.iter().enumerate() {
            let missing = x.is_nan() || n.is_nan();
            prop_assert_eq!(out.value[i].is_nan(), missing, "row {}", i);
            prop_assert_eq!(out.lower[i].is_nan(), missing, "row {}", i);
            prop_assert_eq!(out.upper[i].is_nan(), missing, "row {}", i);
            prop_assert_eq!(out.method[i] == Method::Missing.code(), missing, "row {}", i);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Back-calculation of a previous value from a stated, rounded percentage change
// ---------------------------------------------------------------------------------------------

/// `k × 10^-d` as the double nearest the decimal, the way a stated figure is read.
fn decimal(k: i64, d: u32) -> f64 {
    format!("{k}e-{d}").parse().unwrap()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn previous_range_reproduces_the_stated_change(
        current in prop_oneof![(1u64..=1_000_000_000).prop_map(|c| c as f64), 1.0f64..1e9],
        d in 0u32..=6,
        // stated change from -99 to +1000 in units of 10^-d
        units in -99_000_000i64..=1_000_000_000,
    ) {
        let k = units / 10i64.pow(6 - d);
        let pct = decimal(k, d);
        let r = previous_from_percent_change(current, pct, d).unwrap();
        prop_assert!(r.lower.is_finite() && r.upper.is_finite());
        prop_assert!(r.lower < r.point && r.point < r.upper, "{r:?}");
        let decimals = i32::try_from(d).unwrap();
        let stated = |previous: f64| round_half_away(percent_change(previous, current).unwrap(), decimals);
        // Just inside both ends the change rounds to the stated figure. (At an end itself the
        // true change is a rounding boundary, x.x5, which belongs to one side only.)
        let nudge = (r.upper - r.lower) * 1e-3;
        for previous in [r.lower + nudge, r.point, r.upper - nudge] {
            prop_assert_eq!(stated(previous), pct, "previous {} in {:?}", previous, r);
        }
        // ... and the range is no wider than it must be: just outside, it does not.
        for previous in [r.lower - nudge, r.upper + nudge] {
            prop_assert_ne!(stated(previous), pct, "previous {} outside {:?}", previous, r);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Rounding half away from zero, against integer arithmetic on the decimal digits
// ---------------------------------------------------------------------------------------------

/// Rounds the integer `n` (a decimal with `extra` more digits than wanted) by dropping `extra`
/// digits, halves away from zero. Pure integer arithmetic, independent of the code under test.
fn drop_digits_half_away(n: i64, extra: u32) -> i64 {
    let unit = 10i64.pow(extra);
    let (q, r) = (n.abs() / unit, n.abs() % unit);
    let q = if 2 * r >= unit { q + 1 } else { q };
    q * n.signum()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn rounding_is_half_away_from_zero(
        // at most 15 significant digits: a double holds them all
        n in -999_999_999_999_999i64..=999_999_999_999_999,
        d in 0u32..=8,
        extra in 1u32..=4,
    ) {
        // x = n × 10^-(d+extra), rounded to d places.
        let x = decimal(n, d + extra);
        let want = decimal(drop_digits_half_away(n, extra), d);
        let got = round_half_away(x, i32::try_from(d).unwrap());
        prop_assert_eq!(got, want, "{} to {} places", x, d);
    }

    #[test]
    fn exact_halves_always_go_away_from_zero(
        q in -99_999_999_999_999i64..=99_999_999_999_999,
        d in 0u32..=6,
    ) {
        // x = q.5 × 10^-d exactly as a decimal: always rounds to |q| + 1 away from zero.
        let n = q * 10 + if q < 0 { -5 } else { 5 };
        let x = decimal(n, d + 1);
        let away = if q < 0 { q - 1 } else { q + 1 };
        prop_assert_eq!(round_half_away(x, i32::try_from(d).unwrap()), decimal(away, d));
    }

    #[test]
    fn rounding_to_tens_hundreds_is_half_away(
        n in -999_999_999_999_999i64..=999_999_999_999_999,
        k in 1u32..=6,
    ) {
        let unit = 10i64.pow(k);
        let want = (drop_digits_half_away(n, k) * unit) as f64;
        prop_assert_eq!(round_half_away(n as f64, -i32::try_from(k).unwrap()), want);
    }

    #[test]
    fn rounding_any_double_never_panics_and_stays_close(
        x in any_double(),
        d in prop_oneof![-20i32..=20, any::<i32>(), Just(i32::MAX), Just(i32::MIN)],
    ) {
        let r = round_half_away(x, d);
        let (lo, hi) = carestat::rounding::stated_interval(x, d);
        prop_assert!(!x.is_finite() || (lo <= x && x <= hi), "{} {}: {} {}", x, d, lo, hi);
        if x.is_nan() {
            prop_assert!(r.is_nan());
        } else if x.is_infinite() {
            prop_assert_eq!(r, x);
        } else {
            prop_assert!(r.is_finite(), "{} to {} places gave {}", x, d, r);
        }
        if x.abs() <= 1e300 && (-300..=300).contains(&d) {
            // Within half a unit of the last place kept (plus the 15-digit reading of x).
            let half = 0.5 * 10f64.powi(-d);
            prop_assert!((r - x).abs() <= half + 1e-14 * x.abs(), "{} to {} gave {}", x, d, r);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Finite output for finite valid input
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config())]

    #[test]
    fn changes_are_finite_for_finite_valid_input(
        previous in prop_oneof![1e-300f64..1e300, (1u64..=1_000_000_000).prop_map(|v| v as f64),
                                (-300.0f64..300.0).prop_map(|e| 10f64.powf(e))],
        current in prop_oneof![0.0f64..1e300, (0u64..=1_000_000_000).prop_map(|v| v as f64),
                               (-300.0f64..300.0).prop_map(|e| 10f64.powf(e))],
        a in -1e300f64..1e300, b in -1e300f64..1e300,
    ) {
        // Finite, or (only when current / previous is beyond the doubles) an error.
        match percent_change(previous, current) {
            Ok(pct) => prop_assert!(pct.is_finite(), "{} -> {}: {}", previous, current, pct),
            Err(e) => prop_assert!(current / previous > 1e300, "{} -> {}: {}", previous, current, e),
        }
        prop_assert!(point_change(a, b).unwrap().is_finite());
    }

    #[test]
    fn ratings_shares_lie_between_0_and_100(
        counts in proptest::array::uniform5(prop_oneof![0u64..1000, any::<u64>(), Just(u64::MAX)]),
        cats in proptest::collection::vec(0usize..5, 0..8),
        rated_only in any::<bool>(),
        c in confidence(),
    ) {
        let r = RatingCounts::new(counts[0], counts[1], counts[2], counts[3], counts[4]);
        let rule = if rated_only { DenominatorRule::RatedOnly } else { DenominatorRule::AllLocations };
        let cats: Vec<Rating> = cats.into_iter().map(|i| Rating::ALL[i]).collect();
        // Never a panic, whatever the counts (even sums beyond u64).
        if let Ok(share) = r.share(&cats, rule) {
            prop_assert!((0.0..=100.0).contains(&share), "{share}");
        }
        if let Ok(e) = r.outstanding_or_good_estimate(rule, c) {
            check_interval(&e, "ratings estimate")?;
            prop_assert!(e.upper <= 100.0, "{e:?}");
        }
    }

    #[test]
    fn ratings_shares_of_realistic_counts_are_in_range(
        counts in proptest::array::uniform5(0u64..100_000),
        rated_only in any::<bool>(),
    ) {
        let r = RatingCounts::new(counts[0], counts[1], counts[2], counts[3], counts[4]);
        let rule = if rated_only { DenominatorRule::RatedOnly } else { DenominatorRule::AllLocations };
        match r.outstanding_or_good_share(rule) {
            Ok(share) => prop_assert!((0.0..=100.0).contains(&share)),
            Err(e) => {
                // Only an empty denominator is an error for realistic counts.
                prop_assert_eq!(r.denominator(rule), 0);
                prop_assert!(matches!(e, Error::NotPositive { .. }), "{e}");
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Invalid input: an error naming the field, never a panic; NaN is missing
// ---------------------------------------------------------------------------------------------

fn field_name(e: &Error) -> Option<&str> {
    e.field().map(|f| f.name.as_ref())
}

/// The field named by the error of a call that must fail.
fn err_field<T: std::fmt::Debug>(result: carestat::Result<T>) -> Option<String> {
    field_name(&result.unwrap_err()).map(str::to_owned)
}

/// Confidence levels that are not accepted.
fn bad_confidence() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(1.0),
        Just(100.0),
        -1e300f64..0.9,
        1.0f64..90.0,
        100.0f64..1e300,
    ]
}

fn negative() -> impl Strategy<Value = f64> {
    prop_oneof![-1e300f64..-1e-300, Just(-1.0), Just(-f64::MIN_POSITIVE)]
}

fn infinite() -> impl Strategy<Value = f64> {
    prop_oneof![Just(f64::INFINITY), Just(f64::NEG_INFINITY)]
}

/// A denominator that is zero or below (including -0.0).
fn not_positive() -> impl Strategy<Value = f64> {
    prop_oneof![Just(0.0), Just(-0.0), negative()]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn rate_errors_name_the_field(
        x in count(), n in population(), m in multiplier(), c in confidence(),
        bad_x in prop_oneof![negative(), infinite()],
        bad_n in prop_oneof![not_positive(), infinite()],
        bad_m in prop_oneof![not_positive(), infinite(), Just(f64::NAN)],
        bad_c in bad_confidence(),
    ) {
        let e = crude_rate(bad_x, n, m, c).unwrap_err();
        prop_assert_eq!(field_name(&e), Some("count"), "{}", e);
        let e = crude_rate(x, bad_n, m, c).unwrap_err();
        prop_assert_eq!(field_name(&e), Some("population"), "{}", e);
        let e = crude_rate(x, n, bad_m, c).unwrap_err();
        prop_assert_eq!(field_name(&e), Some("multiplier"), "{}", e);
        let e = crude_rate(x, n, m, bad_c).unwrap_err();
        prop_assert!(matches!(e, Error::Confidence { .. }), "{}", e);
        // NaN is missing, not an error, in either count or population.
        prop_assert!(crude_rate(f64::NAN, n, m, c).unwrap().is_missing());
        prop_assert!(crude_rate(x, f64::NAN, m, c).unwrap().is_missing());
    }

    #[test]
    fn proportion_errors_name_the_field(
        (x, n) in numerator_denominator(), m in multiplier(), c in confidence(),
        bad_x in prop_oneof![negative(), infinite()],
        bad_n in prop_oneof![not_positive(), infinite()],
        bad_m in prop_oneof![not_positive(), infinite(), Just(f64::NAN)],
        bad_c in bad_confidence(),
        excess in prop_oneof![Just(1.0), 1e-6f64..1e9],
    ) {
        let e = wilson_proportion(bad_x, n, m, c).unwrap_err();
        prop_assert_eq!(field_name(&e), Some("numerator"), "{}", e);
        let e = wilson_proportion(x, bad_n, m, c).unwrap_err();
        prop_assert_eq!(field_name(&e), Some("denominator"), "{}", e);
        let e = wilson_proportion(x, n, bad_m, c).unwrap_err();
        prop_assert_eq!(field_name(&e), Some("multiplier"), "{}", e);
        let e = wilson_proportion(x, n, m, bad_c).unwrap_err();
        prop_assert!(matches!(e, Error::Confidence { .. }), "{}", e);
        let e = wilson_proportion(n + excess, n, m, c).unwrap_err();
        prop_assert!(matches!(e, Error::NumeratorAboveDenominator { .. }), "{}", e);
        prop_assert!(wilson_proportion(f64::NAN, n, m, c).unwrap().is_missing());
        prop_assert!(wilson_proportion(x, f64::NAN, m, c).unwrap().is_missing());
    }

    #[test]
    fn batch_errors_name_the_row(
        len in 1usize..30, row_frac in 0.0f64..1.0,
        bad in prop_oneof![negative(), infinite()],
        extra in 1usize..3,
    ) {
        let row = ((len as f64 * row_frac) as usize).min(len - 1);
        let mut xs = vec![1.0; len];
        xs[row] = bad;
        let ns = vec![10.0; len];
        let mut out = Estimates::with_len(len);
        let e = crude_rate_many(&xs, &ns, 1e5, 0.95, out.as_mut()).unwrap_err();
        prop_assert_eq!(e.field().and_then(|f| f.row), Some(row), "{}", e);
        let e = wilson_proportion_many(&xs, &ns, 100.0, 0.95, out.as_mut()).unwrap_err();
        prop_assert_eq!(e.field().and_then(|f| f.row), Some(row), "{}", e);
        let mut pct = vec![0.0; len];
        let e = percent_change_many(&ns, &xs, &mut pct).unwrap_err();
        prop_assert_eq!(e.field().and_then(|f| f.row), Some(row), "{}", e);

        // Mismatched lengths, in inputs or outputs, are LengthMismatch errors.
        let long = vec![10.0; len + extra];
        let e = crude_rate_many(&xs, &long, 1e5, 0.95, out.as_mut()).unwrap_err();
        prop_assert!(matches!(e, Error::LengthMismatch { .. }), "{}", e);
        let e = wilson_proportion_many(&xs, &long, 100.0, 0.95, out.as_mut()).unwrap_err();
        prop_assert!(matches!(e, Error::LengthMismatch { .. }), "{}", e);
        let mut short = Estimates::with_len(len - 1);
        let e = crude_rate_many(&ns, &ns, 1e5, 0.95, short.as_mut()).unwrap_err();
        prop_assert!(matches!(e, Error::LengthMismatch { .. }), "{}", e);
        let e = percent_change_many(&ns, &long, &mut pct).unwrap_err();
        prop_assert!(matches!(e, Error::LengthMismatch { .. }), "{}", e);
    }

    #[test]
    fn change_errors_name_the_field_and_nan_is_missing(
        v in 1e-300f64..1e300,
        bad in prop_oneof![negative(), infinite()],
        d in 16u32..=u32::MAX,
        too_negative in -1e300f64..=-99.95,
        x in any_double(), y in any_double(),
    ) {
        prop_assert_eq!(err_field(percent_change(bad, v)), Some("previous".into()));
        prop_assert_eq!(err_field(percent_change(v, bad)), Some("current".into()));
        let e = percent_change(0.0, v).unwrap_err();
        prop_assert!(matches!(e, Error::ZeroPrevious { .. }), "{}", e);
        prop_assert!(percent_change(f64::NAN, v).unwrap().is_nan());
        prop_assert!(percent_change(v, f64::NAN).unwrap().is_nan());
        prop_assert!(point_change(f64::NAN, v).unwrap().is_nan());
        if bad.is_infinite() {
            prop_assert_eq!(err_field(point_change(bad, v)), Some("previous_pct".into()));
        }

        prop_assert_eq!(err_field(previous_from_percent_change(bad, 1.0, 1)),
                        Some("current".into()));
        prop_assert_eq!(err_field(previous_from_percent_change(v, 1.0, d)),
                        Some("decimals".into()));
        // -99.95 stated to 1 dp could be -100%: the previous value is unbounded.
        prop_assert_eq!(err_field(previous_from_percent_change(v, too_negative, 1)),
                        Some("pct".into()));
        let r = previous_from_percent_change(f64::NAN, 1.0, 1).unwrap();
        prop_assert!(r.lower.is_nan() && r.point.is_nan() && r.upper.is_nan());

        // judge_change takes anything and gives a judgement; NaN is missing.
        let j = judge_change(x, y, Polarity::HighIsGood);
        prop_assert_eq!(j == Judgement::Missing, x.is_nan() || y.is_nan());

        // Arbitrary doubles never panic the change functions.
        let _ = percent_change(x, y);
        let _ = point_change(x, y);
        let _ = previous_from_percent_change(x, y, 2);
    }

    #[test]
    fn rounding_and_ratings_inputs_are_checked(
        x in any_double(),
        bad_base in prop_oneof![not_positive(), infinite(), Just(f64::NAN)],
        base in 1e-3f64..1e3,
        slot in 0usize..5,
        bad_count in prop_oneof![negative(), infinite(), Just(f64::NAN),
                                 (0.0f64..1e6).prop_filter("fractional", |v| v.fract() != 0.0),
                                 1e16f64..1e300],
    ) {
        prop_assert_eq!(err_field(round_to_multiple(x, bad_base)), Some("base".into()));
        match round_to_multiple(x, base) {
            Ok(r) => {
                prop_assert_eq!(r.is_nan(), x.is_nan());
                prop_assert_eq!(r.is_finite(), x.is_finite(), "{} to {}: {}", x, base, r);
            }
            // Only a multiple beyond the largest double is refused.
            Err(e) => prop_assert!(x.abs() > f64::MAX / 2.0 && field_name(&e) == Some("x"), "{e}"),
        }

        let mut counts = [1.0; 5];
        counts[slot] = bad_count;
        let names = ["outstanding", "good", "requires_improvement", "inadequate", "not_rated"];
        let e = RatingCounts::from_f64(counts).unwrap_err();
        prop_assert_eq!(field_name(&e), Some(names[slot]), "{}", e);
    }

    #[test]
    fn arbitrary_doubles_never_panic_the_estimators(
        x in any_double(), n in any_double(), m in any_double(), c in any_double(),
    ) {
        // Anything accepted is either missing or a proper interval.
        for e in [crude_rate(x, n, m, c), wilson_proportion(x, n, m, c)].into_iter().flatten() {
            if !e.is_missing() {
                check_interval(&e, "arbitrary input")?;
            }
        }
    }
}
