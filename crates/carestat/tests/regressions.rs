//! Regression tests: each case was found by the property tests (`properties.rs`) or the fuzz
//! targets (`fuzz/`), and fixed. The comment on each says what used to happen.

use carestat::ratings::{DenominatorRule, RatingCounts};
use carestat::{
    crude_rate, percent_change, point_change, previous_from_percent_change, round_half_away,
    round_to_multiple, rounding::stated_interval, wilson_proportion, Error,
};

#[test]
fn wilson_upper_limit_at_all_successes_is_exactly_the_multiplier() {
    // Was: 7 of 7 gave value 100 but upper 99.99999999999997 (rounding in the formula), an
    // interval that did not contain its estimate. At x = n the formula is exactly 1.
    let e = wilson_proportion(7.0, 7.0, 100.0, 0.95).unwrap();
    assert_eq!(e.value, 100.0);
    assert_eq!(e.upper, 100.0);
    assert!(e.lower < e.value);
    // At x = 0 it is exactly 0.
    let e = wilson_proportion(0.0, 7.0, 100.0, 0.95).unwrap();
    assert_eq!((e.value, e.lower), (0.0, 0.0));
}

#[test]
fn rounding_huge_values_or_extreme_places_does_not_overflow() {
    // Was: a u128 overflow panic (debug) / wrong value (release) once more than 38 digits were
    // kept, and an i32 overflow for decimals near i32::MAX.
    assert_eq!(round_half_away(1e40, 0), 1e40);
    // 15 significant digits (what a double carries, and what is read): nothing to round.
    let x = -1.234_567_890_123_45e138;
    assert_eq!(round_half_away(x, 2), x);
    assert_eq!(round_half_away(1.5, i32::MAX), 1.5);
    assert_eq!(round_half_away(1.5, i32::MIN), 0.0);
    assert_eq!(round_half_away(f64::MAX, 300), f64::MAX);
    // Found through round_to_multiple: x / 0.001 has 141 integer digits.
    let r = round_to_multiple(-1.519_902_505_456_213e138, 0.001).unwrap();
    // (x / 0.001 is read to 15 significant digits, so within 1e-14 relative.)
    assert!((r / -1.519_902_505_456_213e138 - 1.0).abs() < 1e-14);
}

#[test]
fn ratings_totals_beyond_u64_are_errors_not_panics() {
    // Was: "attempt to add with overflow" in RatingCounts::rated.
    let r = RatingCounts::new(u64::MAX, 1, 0, 0, 0);
    assert_eq!(r.total(), u64::MAX);
    let e = r
        .outstanding_or_good_share(DenominatorRule::AllLocations)
        .unwrap_err();
    assert!(matches!(e, Error::OutOfRange { .. }), "{e}");
    assert_eq!(e.field().unwrap().name, "denominator");
}

#[test]
fn subnormal_count_has_a_zero_lower_limit() {
    // Was: a count of 1e-310 gave the lower limit 0.9999999999999996, above the estimate: the
    // gamma quantile iteration divided by the (subnormal) shape and overflowed.
    // The true lower limit solves P(1e-310, L) = 0.025, L ≈ 0.025^(1e310): zero in doubles.
    let e = crude_rate(1e-310, 1.0, 1.0, 0.95).unwrap();
    assert_eq!(e.lower, 0.0);
    assert_eq!(e.value, 1e-310);
    // The upper limit tends to the zero-count limit -ln(0.025) = 3.688879454113936.
    assert!((e.upper - 3.688_879_454_113_936).abs() < 1e-9);
}

#[test]
fn estimates_that_overflow_a_double_are_errors() {
    // Was: Ok with value, lower and upper all infinite (rates) or NaN limits (Wilson, where
    // 4x overflows): a number for input that has none.
    let e = crude_rate(1e300, 1e-300, 1e5, 0.95).unwrap_err();
    assert_eq!(e.field().unwrap().name, "count");
    let e = crude_rate(5.0, 1e-310, 1.0, 0.95).unwrap_err();
    assert_eq!(e.field().unwrap().name, "count");
    // A proportion of huge counts has an answer: 1e308 / 1.7e308 = 58.8235...% (10/17), with
    // limits within about 1.96 sqrt(p(1-p)/n) = 4e-155 of it, so equal to it in a double.
    // It was an "overflow" error (2x overflowed inside the formula), issue 16.
    let e = wilson_proportion(1e308, 1.7e308, 100.0, 0.95).unwrap();
    let p = 1000.0 / 17.0;
    for v in [e.value, e.lower, e.upper] {
        assert!((v - p).abs() < 1e-12, "{e:?}");
    }
    assert!(e.lower <= e.value && e.value <= e.upper);
    let e = wilson_proportion(f64::MAX, f64::MAX, 1.0, 0.95).unwrap();
    assert_eq!((e.lower, e.value, e.upper), (1.0, 1.0, 1.0));
    // Large but representable inputs still work.
    assert!(crude_rate(1.7e308, 1.0, 1.0, 0.95).is_ok());
    assert!(wilson_proportion(1e200, 1.7e200, 100.0, 0.95).is_ok());
}

#[test]
fn changes_that_overflow_a_double_are_errors() {
    // Was: Ok(inf) for finite inputs: a change from 1e-300 to 1e300 is +1e602 %.
    let e = percent_change(1e-300, 1e300).unwrap_err();
    assert_eq!(e.field().unwrap().name, "current");
    let e = point_change(-f64::MAX, f64::MAX).unwrap_err();
    assert_eq!(e.field().unwrap().name, "current_pct");
    // 1e308 after a fall of 99.999%: the previous value would be 1e313.
    let e = previous_from_percent_change(1e308, -99.999, 3).unwrap_err();
    assert_eq!(e.field().unwrap().name, "current");
}

#[test]
fn rounding_to_a_multiple_never_overflows_silently() {
    // Was: Ok(inf) for x = 1e308, base 1e-10 (x / base overflows) and for multiples past
    // f64::MAX. A base below the precision of x leaves x as it is (x is its own nearest
    // multiple); a nearest multiple beyond the largest double is an error.
    assert_eq!(round_to_multiple(1e308, 1e-10).unwrap(), 1e308);
    let e = round_to_multiple(1.7e308, 1e308).unwrap_err();
    assert_eq!(e.field().unwrap().name, "x");
    assert_eq!(
        round_to_multiple(f64::INFINITY, 5.0).unwrap(),
        f64::INFINITY
    );
    assert!(round_to_multiple(f64::NAN, 5.0).unwrap().is_nan());
}

#[test]
fn wilson_limits_for_a_denominator_near_the_largest_double() {
    // Found by fuzz target core_numeric: 1 of f64::MAX gave the estimate 5.3e-309 with both
    // limits 0 (2(n + z²) overflowed to infinity).
    let e = wilson_proportion(1.0, f64::MAX, 0.95, 0.95).unwrap();
    assert!(e.lower <= e.value && e.value <= e.upper, "{e:?}");
    assert!(e.upper > 0.0);
}

#[test]
fn stated_interval_at_extreme_places_does_not_overflow() {
    // Found by fuzz target core_numeric: "attempt to negate with overflow" for i32::MIN.
    let (lo, hi) = stated_interval(1.0, i32::MIN);
    assert!(lo == f64::NEG_INFINITY && hi == f64::INFINITY);
    assert_eq!(stated_interval(1.0, i32::MAX), (1.0, 1.0));
}

#[test]
fn wilson_lower_limit_of_a_tiny_numerator_is_not_negative() {
    // Found by fuzz target ffi_abi: 6.48e-11 of 95 gave the lower limit -2.2e-16 (cancellation
    // in 2x + z² - z sqrt(z² + 4x(1 - x/n)) when x is tiny). The true limit,
    // 2x (x/n) / (centre + spread), is about 1e-21: tiny and positive.
    let e = wilson_proportion(6.481_821_615_392_725e-11, 95.0, 100.0, 95.0).unwrap();
    assert!(e.lower >= 0.0, "{e:?}");
    assert!(e.lower <= e.value && e.value <= e.upper, "{e:?}");
    // By hand: x² = 4.2014e-21; centre + spread ≈ 2z² = 7.6829 (z² = 3.84146);
    // 2x² / (95 × 7.6829) × 100 = 8.4028e-21 / 729.88 × 100 = 1.1513e-21.
    assert!((e.lower / 1.1513e-21 - 1.0).abs() < 1e-3, "{e:?}");
}

#[test]
fn wilson_upper_limit_never_exceeds_the_multiplier() {
    // Found by the property tests: a numerator a hair below its denominator gave an upper
    // limit of 1 + 2e-16 times the multiplier: 6.999999999999983 of 7, for one.
    for k in 1..200 {
        let x = 7.0 - f64::from(k) * 7.0 * f64::EPSILON;
        let e = wilson_proportion(x, 7.0, 100_000.0, 0.95).unwrap();
        assert!(e.upper <= 100_000.0 && e.value <= e.upper, "{x}: {e:?}");
    }
}

#[test]
fn exact_lower_limits_below_the_smallest_normal_double_are_not_floored() {
    // Issue 16: fractional counts whose exact lower limit underflows gave 2.78e-309, a
    // floor of the iteration, not the limit. The limit solves P(x, q) = 0.025, and for such
    // q P(x, q) = q^x / Gamma(x + 1) to double precision, so q = exp((ln 0.025 + ln
    // Gamma(1 + x)) / x). At x = 0.005: ln Gamma(1.005) = -0.005 gamma + (pi^2 / 12) 0.005^2
    // - (zeta(3) / 3) 0.005^3 = -0.002865567, so q = exp(-738.349004) = 2.1838e-321
    // (10^-320.6607), a subnormal double held to about 0.02%.
    use carestat::{poisson::exact_lower, Confidence};
    let q = exact_lower(0.005, Confidence::NINETY_FIVE);
    assert!((q / 2.1838e-321 - 1.0).abs() < 1e-3, "{q:e}");
    // x = 0.004: exp(-922.8) is about 1e-401, nearer 0 than any double.
    assert_eq!(exact_lower(0.004, Confidence::NINETY_FIVE), 0.0);
    // Normal limits are unchanged: x = 0.01 gives exp(-369.4569) = 3.5227e-161.
    let q = exact_lower(0.01, Confidence::NINETY_FIVE);
    assert!((q / 3.522_685_997_313_9e-161 - 1.0).abs() < 1e-12, "{q:e}");
    // The rate keeps lower <= value.
    let e = crude_rate(0.005, 1.0, 1.0, 0.95).unwrap();
    assert!(
        e.lower > 0.0 && e.lower < 1e-320 && e.lower <= e.value,
        "{e:?}"
    );
}

#[test]
fn dsr_lower_limit_below_zero_is_the_reference_s() {
    // Issue 16: 19 bands of 3,000 people, but 4 at 90+; 12 events at 40-44 (ESP2013 weight
    // 7,000) and 2 at 90+ (weight 1,000). By hand: DSR = (12/3000 x 7000 + 2/4 x 1000) = 528
    // per 100,000. Dobson: V = (7000^2 x 12/3000^2 + 1000^2 x 2/4^2) / 100000^2 = 1.2500653e-5,
    // sqrt(V / 14) x 1e5 = 94.4936; Byar's lower for 14 events at 95% is
    // 14 (1 - 1/126 - 1.959964/(3 sqrt 14))^3 = 7.6476, so lower = 528 + 94.4936 (7.6476 - 14)
    // = -72.3. The reference (PHEindicatormethods phe_dsr) does not clip; neither does carestat,
    // and the README and guarantees say so.
    use carestat::dsr::{dsr, ESP2013};
    let mut counts = [0.0; 19];
    counts[8] = 12.0;
    counts[18] = 2.0;
    let mut pops = [3000.0; 19];
    pops[18] = 4.0;
    let e = dsr(&counts, &pops, &ESP2013, 100_000.0)
        .unwrap()
        .estimate(0.95)
        .unwrap();
    assert!((e.value - 528.0).abs() < 1e-9, "{e:?}");
    assert!((e.lower - -72.3).abs() < 0.2, "{e:?}");
    assert!(e.lower < 0.0 && e.lower <= e.value && e.value <= e.upper);
}
