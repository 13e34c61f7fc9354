//! Every numeric entry point of the core, fed arbitrary doubles (NaN, infinities, subnormals,
//! huge values) and arbitrary lengths. Must never panic (overflow checks are on), and whatever
//! is accepted must be a proper result: missing, or finite with the estimate inside its limits.
#![no_main]

use arbitrary::Arbitrary;
use carestat::ratings::{DenominatorRule, Rating, RatingCounts};
use carestat::{dist, poisson, proportion, rounding, Confidence, Estimate, Estimates, Polarity};
use carestat_fuzz::{len_near, nums, Num};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
enum Op {
    Rate([Num; 4]),
    Proportion([Num; 4]),
    RateMany(BatchInput),
    ProportionMany(BatchInput),
    PercentChange(Num, Num),
    PercentChangeMany(Vec<Num>, Vec<Num>, i8),
    PointChange(Num, Num),
    Previous(Num, Num, u32),
    Judge(Num, Num, i64),
    Round(Num, i32),
    RoundToMultiple(Num, Num),
    StatedInterval(Num, i32),
    RatingsFromF64([Num; 5], Vec<u8>, bool, Num),
    Ratings([u64; 5], Vec<u8>, bool, Num),
    Confidence(Num),
    Dist(Num, Num, bool),
    Poisson(Num, Num),
}

#[derive(Debug, Arbitrary)]
struct BatchInput {
    a: Vec<Num>,
    b: Vec<Num>,
    out_delta: i8,
    with_method: bool,
    multiplier: Num,
    confidence: Num,
}

/// Missing, or finite with `lower <= value <= upper` and `lower >= 0`.
fn check(e: &Estimate, what: &str) {
    if e.is_missing() {
        assert!(
            e.value.is_nan() && e.lower.is_nan() && e.upper.is_nan(),
            "{what}: {e:?}"
        );
        return;
    }
    assert!(
        e.value.is_finite() && e.lower.is_finite() && e.upper.is_finite(),
        "{what}: not finite: {e:?}"
    );
    assert!(e.lower >= 0.0, "{what}: negative lower limit: {e:?}");
    assert!(e.lower <= e.value && e.value <= e.upper, "{what}: {e:?}");
}

fn batch(input: &BatchInput, proportion: bool) {
    let (a, b) = (nums(&input.a), nums(&input.b));
    let mut out = Estimates::with_len(len_near(a.len(), input.out_delta));
    let mut view = out.as_mut();
    if !input.with_method {
        view.method = None;
    }
    let (m, c) = (input.multiplier.get(), input.confidence.get());
    let result = if proportion {
        carestat::wilson_proportion_many(&a, &b, m, c, view)
    } else {
        carestat::crude_rate_many(&a, &b, m, c, view)
    };
    match result {
        Ok(()) => {
            assert_eq!(a.len(), b.len());
            for i in 0..a.len() {
                let e = Estimate {
                    value: out.value[i],
                    lower: out.lower[i],
                    upper: out.upper[i],
                    method: if out.value[i].is_nan() {
                        carestat::Method::Missing
                    } else {
                        carestat::Method::Wilson
                    },
                };
                check(&e, "batch row");
            }
        }
        Err(e) => {
            if let Some(row) = e.field().and_then(|f| f.row) {
                assert!(row < a.len(), "{e}");
            }
            let _ = e.to_string();
        }
    }
}

fn categories(picks: &[u8]) -> Vec<Rating> {
    picks
        .iter()
        .map(|&k| Rating::ALL[usize::from(k) % 5])
        .collect()
}

fn ratings(counts: RatingCounts, picks: &[u8], rated_only: bool, confidence: f64) {
    let rule = if rated_only {
        DenominatorRule::RatedOnly
    } else {
        DenominatorRule::AllLocations
    };
    if let Ok(share) = counts.share(&categories(picks), rule) {
        assert!((0.0..=100.0).contains(&share), "{share}");
    }
    if let Ok(e) = counts.outstanding_or_good_estimate(rule, confidence) {
        check(&e, "ratings");
        assert!(e.upper <= 100.0, "{e:?}");
    }
}

fn run(op: &Op) {
    match op {
        Op::Rate([x, n, m, c]) => {
            if let Ok(e) = carestat::crude_rate(x.get(), n.get(), m.get(), c.get()) {
                check(&e, "crude_rate");
            }
        }
        Op::Proportion([x, n, m, c]) => {
            if let Ok(e) = carestat::wilson_proportion(x.get(), n.get(), m.get(), c.get()) {
                check(&e, "wilson_proportion");
                assert!(e.is_missing() || e.upper <= m.get(), "{e:?}");
            }
        }
        Op::RateMany(input) => batch(input, false),
        Op::ProportionMany(input) => batch(input, true),
        Op::PercentChange(p, c) => {
            if let Ok(v) = carestat::percent_change(p.get(), c.get()) {
                assert!(!v.is_infinite(), "{v}");
            }
        }
        Op::PercentChangeMany(p, c, delta) => {
            let (p, c) = (nums(p), nums(c));
            let mut out = vec![0.0; len_near(p.len(), *delta)];
            if let Err(e) = carestat::percent_change_many(&p, &c, &mut out) {
                if let Some(row) = e.field().and_then(|f| f.row) {
                    assert!(row < p.len(), "{e}");
                }
            }
        }
        Op::PointChange(p, c) => {
            if let Ok(v) = carestat::point_change(p.get(), c.get()) {
                assert!(!v.is_infinite(), "{v}");
            }
        }
        Op::Previous(current, pct, decimals) => {
            if let Ok(r) =
                carestat::previous_from_percent_change(current.get(), pct.get(), *decimals)
            {
                if !r.point.is_nan() {
                    assert!(r.lower.is_finite() && r.upper.is_finite(), "{r:?}");
                    assert!(r.lower <= r.point && r.point <= r.upper, "{r:?}");
                }
                let _ = r.whole_numbers();
            }
        }
        Op::Judge(p, c, code) => {
            let _ = carestat::judge_change(p.get(), c.get(), Polarity::HighIsGood);
            if let Ok(polarity) = Polarity::from_code(*code) {
                let _ = carestat::judge_change(p.get(), c.get(), polarity);
            }
        }
        Op::Round(x, d) => {
            let x = x.get();
            let r = carestat::round_half_away(x, *d);
            assert_eq!(r.is_finite(), x.is_finite(), "{x} to {d}: {r}");
        }
        Op::RoundToMultiple(x, base) => {
            if let Ok(r) = carestat::round_to_multiple(x.get(), base.get()) {
                assert_eq!(r.is_finite(), x.get().is_finite(), "{r}");
            }
        }
        Op::StatedInterval(x, d) => {
            let _ = rounding::stated_interval(x.get(), *d);
        }
        Op::RatingsFromF64(counts, picks, rated_only, c) => {
            let values = [
                counts[0].get(),
                counts[1].get(),
                counts[2].get(),
                counts[3].get(),
                counts[4].get(),
            ];
            if let Ok(r) = RatingCounts::from_f64(values) {
                ratings(r, picks, *rated_only, c.get());
            }
        }
        Op::Ratings(counts, picks, rated_only, c) => {
            let r = RatingCounts::new(counts[0], counts[1], counts[2], counts[3], counts[4]);
            ratings(r, picks, *rated_only, c.get());
        }
        Op::Confidence(c) => {
            if let Ok(c) = Confidence::new(c.get()) {
                assert!((0.9..1.0).contains(&c.level()));
                assert!(c.z().is_finite() && c.z() > 0.0);
            }
        }
        Op::Dist(a, p, lower_tail) => {
            let (a, p) = (a.get(), p.get());
            let _ = dist::normal_quantile(p);
            let _ = dist::ln_gamma(a);
            let _ = dist::gamma_p(a, p);
            let _ = dist::gamma_q(a, p);
            let _ = dist::gamma_quantile(a, p, *lower_tail);
            let _ = dist::chi_squared_quantile(p, a, *lower_tail);
        }
        Op::Poisson(x, c) => {
            if let Ok(c) = Confidence::new(c.get()) {
                let x = x.get();
                let _ = poisson::byars_lower(x, c);
                let _ = poisson::byars_upper(x, c);
                let _ = poisson::exact_lower(x, c);
                let _ = poisson::exact_upper(x, c);
                let _ = poisson::count_limits(x, c);
                let _ = proportion::wilson_limits(x, x * 2.0, c);
            }
        }
    }
}

fuzz_target!(|ops: Vec<Op>| {
    for op in ops.iter().take(32) {
        run(op);
    }
});
