//! The PHEindicatormethods ports: standardised rates and ratios, means, funnel plots,
//! quantiles and the slope index of inequality.
//!
//! Every call goes through the arena (real buffers, bad pointers, impossible lengths) and is
//! checked against the core called on the memory the call read: success exactly when the core
//! succeeds and the pointers are usable, bit-equal results, nothing written on failure, and
//! results in their documented ranges. Lengths are kept small (SII: at most 40 rows and 2,000
//! repetitions) so that one input runs in milliseconds.

use arbitrary::Arbitrary;
use carestat::dsr::ESP2013;
use carestat::funnel::{self, FunnelPoint, RateType, RatioType};
use carestat::isr::Observed;
use carestat::quantile_groups::TooFewAreas;
use carestat::sii::{self, SiiOptions, SiiUncertainty, SiiValueType};
use carestat::Estimate;
use carestat_ffi::estimate::carestat_estimate;
use carestat_ffi::funnel::{
    carestat_funnel_denominators, carestat_funnel_point, carestat_proportion_funnel_limits,
    carestat_proportion_funnel_significance, carestat_rate_funnel_limits,
    carestat_rate_funnel_points, carestat_rate_funnel_significance, carestat_ratio_funnel_limits,
    carestat_ratio_funnel_significance, CARESTAT_FUNNEL_POINTS,
};
use carestat_ffi::phe::{
    carestat_dsr, carestat_dsr_non_independent, carestat_isr_rate, carestat_isr_ratio,
    carestat_mean,
};
use carestat_ffi::quantile_groups::carestat_assign_quantiles;
use carestat_ffi::sii::{
    carestat_sii, carestat_sii_interval, carestat_sii_options, carestat_sii_options_default,
    carestat_sii_result,
};
use carestat_fuzz::Num;

use crate::arena::{Call, Id, Place, Rows};
use crate::domain::Code;
use crate::harness::bits_eq;

/// Rows fed to a call at most.
const MAX_ROWS: usize = 40;

fn col<T: Copy>(rows: &[T], f: impl Fn(&T) -> Num) -> Vec<f64> {
    rows.iter().take(MAX_ROWS).map(|r| f(r).get()).collect()
}

/// A funnel buffer length: almost always the 100 points required.
#[derive(Debug, Clone, Copy, Arbitrary)]
pub struct PointsLen(u8);

impl PointsLen {
    fn get(self) -> usize {
        if self.0 < 230 {
            CARESTAT_FUNNEL_POINTS
        } else {
            usize::from(self.0 % 110)
        }
    }
}

/// SII repetitions: 1,000 to 2,000 (fast), or too few.
#[derive(Debug, Clone, Copy, Arbitrary)]
pub enum Reps {
    Enough(u16),
    TooFew(u16),
}

impl Reps {
    fn get(self) -> usize {
        match self {
            Self::Enough(k) => 1000 + usize::from(k % 1001),
            Self::TooFew(k) => usize::from(k % 1000),
        }
    }
}

#[derive(Debug, Clone, Copy, Arbitrary)]
pub struct SiiOpts {
    value_type: Code,
    multiplier: Num,
    transform: u8,
    repetitions: Reps,
    seed: u64,
}

#[derive(Debug, Arbitrary)]
pub enum PheOp {
    Dsr {
        rows: Vec<(Num, Num, Num)>,
        at: [Place; 3],
        len: Rows,
        multiplier: Num,
        confidence: Num,
        out: Place,
    },
    DsrNonIndependent {
        persons: Vec<Num>,
        frequencies: Vec<Num>,
        bands: Vec<(Num, Num)>,
        at: [Place; 4],
        lens: [Rows; 2],
        multiplier: Num,
        confidence: Num,
        out: Place,
    },
    Isr {
        rate: bool,
        rows: Vec<(Num, Num, Num, Num)>,
        at: [Place; 4],
        len: Rows,
        observed_total: Num,
        refvalue: Num,
        confidence: Num,
        out: Place,
    },
    Mean {
        values: Vec<Num>,
        at: Place,
        len: Rows,
        confidence: Num,
        out: Place,
    },
    Funnel {
        kind: u8,
        rows: Vec<(Num, Num, Num)>,
        at: [Place; 3],
        len: Rows,
        code: Code,
        multiplier: Num,
        years: Num,
        outputs: [Place; 2],
        lens: [PointsLen; 2],
    },
    Quantiles {
        rows: Vec<(Num, u8, u8)>,
        at: [Place; 4],
        len: Rows,
        nquantiles: Code,
        too_few: Code,
    },
    Sii {
        rows: Vec<(Num, Num, Num, Num, Num)>,
        at: [Place; 5],
        len: Rows,
        uncertainty: u8,
        options: Option<SiiOpts>,
        options_at: Place,
        confidence: Vec<Num>,
        confidence_at: Place,
        outputs: [Place; 2],
        intervals_len: u8,
    },
}

/// A C estimate from a core one.
fn c_estimate(e: &Estimate) -> carestat_estimate {
    carestat_estimate {
        value: e.value,
        lower: e.lower,
        upper: e.upper,
        method: e.method.code(),
    }
}

/// A successful estimate: the core's bits, a known method, NaN exactly for the missing and
/// suppressed methods, never infinite, limits ordered around the value when present.
fn check_estimate(got: &carestat_estimate, want: &Estimate, what: &str) {
    let w = c_estimate(want);
    assert!(
        bits_eq(got.value, w.value)
            && bits_eq(got.lower, w.lower)
            && bits_eq(got.upper, w.upper)
            && got.method == w.method,
        "{what}: {got:?} vs core {w:?}"
    );
    assert!(got.method <= 7, "{what}: {got:?}");
    let none = got.method == 0 || got.method == 6;
    assert_eq!(none, got.value.is_nan(), "{what}: {got:?}");
    for v in [got.value, got.lower, got.upper] {
        assert!(!v.is_infinite(), "{what}: {got:?}");
    }
    if !got.lower.is_nan() && !got.upper.is_nan() {
        assert!(
            got.lower <= got.value && got.value <= got.upper,
            "{what}: {got:?}"
        );
    }
}

/// Runs a call returning one estimate and checks it against `core` (run on the memory read).
fn estimate_call(
    call: &Call,
    out: Id,
    status: carestat_ffi::status::carestat_status,
    core: impl Fn() -> carestat::Result<Estimate>,
    what: &str,
) {
    if crate::domain::settle(call, status, || core().is_ok(), what) {
        check_estimate(
            &call.read::<carestat_estimate>(out)[0],
            &core().unwrap(),
            what,
        );
    }
}

fn standardised(op: &PheOp) {
    match op {
        PheOp::Dsr {
            rows,
            at,
            len,
            multiplier,
            confidence,
            out,
        } => {
            let (m, c) = (multiplier.get(), confidence.get());
            let counts = col(rows, |r| r.0);
            let pops = col(rows, |r| r.1);
            let standard = col(rows, |r| r.2);
            let mut call = Call::new();
            let n = len.of(counts.len());
            let ci = call.input("counts", &counts, at[0], n);
            let pi = call.input("populations", &pops, at[1], n);
            let si = call.optional_input("standard_populations", &standard, at[2], n);
            let oi = call.scalar_output::<carestat_estimate>("out", *out);
            call.resolve();
            // SAFETY: the arena's pointers: real memory, or refused by the rules under test.
            let status = unsafe {
                carestat_dsr(
                    call.ptr(ci),
                    call.ptr(pi),
                    call.ptr(si),
                    n,
                    m,
                    c,
                    call.ptr(oi),
                )
            };
            let core = || {
                let std = standard_of(&call, si);
                carestat::dsr(&call.read(ci), &call.read(pi), &std, m)?.estimate(c)
            };
            estimate_call(&call, oi, status, core, "dsr");
        }
        PheOp::DsrNonIndependent {
            persons,
            frequencies,
            bands,
            at,
            lens,
            multiplier,
            confidence,
            out,
        } => {
            let (m, c) = (multiplier.get(), confidence.get());
            let persons = col(persons, |&p| p);
            let freqs: Vec<f64> = frequencies.iter().take(6).map(|f| f.get()).collect();
            let pops = col(bands, |b| b.0);
            let standard = col(bands, |b| b.1);
            let n = lens[0].of(pops.len());
            let k = lens[1].of(freqs.len());
            let cells = n.checked_mul(k).unwrap_or(usize::MAX);
            let mut call = Call::new();
            let pi = call.input("persons", &persons, at[0], cells);
            let fi = call.input("frequencies", &freqs, at[1], k);
            let qi = call.input("populations", &pops, at[2], n);
            let si = call.optional_input("standard_populations", &standard, at[3], n);
            let oi = call.scalar_output::<carestat_estimate>("out", *out);
            call.resolve();
            // SAFETY: as above.
            let status = unsafe {
                carestat_dsr_non_independent(
                    call.ptr(pi),
                    call.ptr(fi),
                    k,
                    call.ptr(qi),
                    call.ptr(si),
                    n,
                    m,
                    c,
                    call.ptr(oi),
                )
            };
            let core = || {
                let std = standard_of(&call, si);
                carestat::dsr::dsr_non_independent(
                    &call.read(pi),
                    &call.read(fi),
                    &call.read(qi),
                    &std,
                    m,
                )?
                .estimate(c)
            };
            estimate_call(&call, oi, status, core, "dsr_non_independent");
        }
        PheOp::Isr {
            rate,
            rows,
            at,
            len,
            observed_total,
            refvalue,
            confidence,
            out,
        } => {
            let (total, r, c) = (observed_total.get(), refvalue.get(), confidence.get());
            let counts = col(rows, |x| x.0);
            let pops = col(rows, |x| x.1);
            let ref_counts = col(rows, |x| x.2);
            let ref_pops = col(rows, |x| x.3);
            let n = len.of(counts.len());
            let mut call = Call::new();
            let ci = call.optional_input("counts", &counts, at[0], n);
            let pi = call.input("populations", &pops, at[1], n);
            let rci = call.input("reference_counts", &ref_counts, at[2], n);
            let rpi = call.input("reference_populations", &ref_pops, at[3], n);
            let oi = call.scalar_output::<carestat_estimate>("out", *out);
            call.resolve();
            let f = if *rate {
                carestat_isr_rate
            } else {
                carestat_isr_ratio
            };
            // SAFETY: as above.
            let status = unsafe {
                f(
                    call.ptr(ci),
                    total,
                    call.ptr(pi),
                    call.ptr(rci),
                    call.ptr(rpi),
                    n,
                    r,
                    c,
                    call.ptr(oi),
                )
            };
            let core = || {
                let bands = call.read(ci);
                let observed = if call.is_null(ci) {
                    Observed::Total(total)
                } else {
                    Observed::Bands(&bands)
                };
                let s = carestat::isr(observed, &call.read(pi), &call.read(rci), &call.read(rpi))?;
                if *rate {
                    s.rate(c, r)
                } else {
                    s.ratio(c, r)
                }
            };
            estimate_call(&call, oi, status, core, "isr");
        }
        PheOp::Mean {
            values,
            at,
            len,
            confidence,
            out,
        } => {
            let c = confidence.get();
            let v = col(values, |&x| x);
            let mut call = Call::new();
            let vi = call.input("values", &v, *at, len.of(v.len()));
            let oi = call.scalar_output::<carestat_estimate>("out", *out);
            call.resolve();
            // SAFETY: as above.
            let status = unsafe { carestat_mean(call.ptr(vi), call.len(vi), c, call.ptr(oi)) };
            let core = || carestat::mean(&call.read(vi), c);
            estimate_call(&call, oi, status, core, "mean");
        }
        _ => unreachable!(),
    }
}

/// Funnel lines from finite input: the core's, with x and the limits never infinite and each
/// point's four limits in order where present.
fn check_lines(got: &[carestat_funnel_point], want: &[FunnelPoint], what: &str) {
    assert_eq!(got.len(), want.len(), "{what}");
    for (g, w) in got.iter().zip(want) {
        let pairs = [
            (g.x, w.x),
            (g.lower_2s_limit, w.lower_2s_limit),
            (g.upper_2s_limit, w.upper_2s_limit),
            (g.lower_3s_limit, w.lower_3s_limit),
            (g.upper_3s_limit, w.upper_3s_limit),
            (g.baseline, w.baseline),
        ];
        assert!(pairs.iter().all(|&(a, b)| bits_eq(a, b)), "{what}: {g:?}");
        for v in [
            g.x,
            g.lower_2s_limit,
            g.upper_2s_limit,
            g.lower_3s_limit,
            g.upper_3s_limit,
        ] {
            assert!(!v.is_infinite(), "{what}: {g:?}");
        }
        let limits = [
            g.lower_3s_limit,
            g.lower_2s_limit,
            g.upper_2s_limit,
            g.upper_3s_limit,
        ];
        let present: Vec<f64> = limits.into_iter().filter(|v| !v.is_nan()).collect();
        // Out of order by rounding noise only: the reference's closed form for proportions
        // cancels near an average of 1 (about 8 digits lost at a population of 1e9), and at
        // 1e16 events a count ratio's lines (ratio - 1, near 0) are a few ulps of 1 apart.
        let ordered = |w: &[f64]| w[0] <= w[1] + 1e-6 * w[0].abs().max(w[1].abs()).max(1.0);
        assert!(
            present.windows(2).all(ordered),
            "{what}: limits out of order {g:?}"
        );
    }
}

fn check_denominators(got: &[carestat_funnel_denominators], want: &[FunnelPoint], what: &str) {
    for (g, w) in got.iter().zip(want) {
        let pairs = [
            (g.lower_2s, w.lower_2s_denominator),
            (g.upper_2s, w.upper_2s_denominator),
            (g.lower_3s, w.lower_3s_denominator),
            (g.upper_3s, w.upper_3s_denominator),
        ];
        assert!(pairs.iter().all(|&(a, b)| bits_eq(a, b)), "{what}: {g:?}");
    }
}

/// The pointer of an argument the call may not have (NULL when absent).
fn opt_ptr<T>(call: &Call, id: Option<Id>) -> *mut T {
    id.map_or(std::ptr::null_mut(), |i| call.ptr(i))
}

fn ratio_type(code: u32) -> Option<RatioType> {
    match code {
        1 => Some(RatioType::Count),
        2 => Some(RatioType::Isr),
        _ => None,
    }
}

/// The standard population a DSR call uses: the caller's, or ESP2013 for NULL.
fn standard_of(call: &Call, si: Id) -> Vec<f64> {
    if call.is_null(si) {
        ESP2013.to_vec()
    } else {
        call.read(si)
    }
}

fn rate_type(code: u32) -> Option<RateType> {
    match code {
        1 => Some(RateType::Dsr),
        2 => Some(RateType::Crude),
        _ => None,
    }
}

#[allow(clippy::too_many_lines)]
fn funnels(op: &PheOp) {
    let PheOp::Funnel {
        kind,
        rows,
        at,
        len,
        code,
        multiplier,
        years,
        outputs,
        lens,
    } = op
    else {
        unreachable!()
    };
    let (m, y, code) = (multiplier.get(), years.get(), code.u());
    let a = col(rows, |r| r.0);
    let b = col(rows, |r| r.1);
    let p = col(rows, |r| r.2);
    let n = len.of(a.len());
    let mut call = Call::new();
    let ai = call.input("a", &a, at[0], n);
    let bi = call.input("b", &b, at[1], n);
    // Only the rate calls have the third column (optional populations).
    let pi =
        matches!(kind % 7, 2 | 5 | 6).then(|| call.optional_input("populations", &p, at[2], n));
    let pops_of = |call: &Call| {
        pi.filter(|&i| !call.is_null(i))
            .map(|i| call.read::<f64>(i))
    };
    let what = format!("funnel kind {}", kind % 7);
    match kind % 7 {
        // Limits: proportion, ratio, rate.
        k @ 0..=2 => {
            let (points_len, dens_len) = (lens[0].get(), lens[1].get());
            let points = call.output::<carestat_funnel_point>("points", outputs[0], points_len);
            // The proportion call has no denominators output.
            let dens = (k != 0).then(|| {
                call.optional_output::<carestat_funnel_denominators>(
                    "denominators",
                    outputs[1],
                    dens_len,
                )
            });
            call.resolve();
            let pp = call.ptr(points);
            let dp = dens.map_or(std::ptr::null_mut(), |d| call.ptr(d));
            let pops_ptr = opt_ptr(&call, pi);
            // SAFETY: as above.
            let status = unsafe {
                match k {
                    0 => carestat_proportion_funnel_limits(
                        call.ptr(ai),
                        call.ptr(bi),
                        n,
                        m,
                        pp,
                        points_len,
                    ),
                    1 => carestat_ratio_funnel_limits(
                        call.ptr(ai),
                        call.ptr(bi),
                        n,
                        code,
                        pp,
                        points_len,
                        dp,
                        dens_len,
                    ),
                    _ => carestat_rate_funnel_limits(
                        call.ptr(ai),
                        call.ptr(bi),
                        pops_ptr,
                        n,
                        code,
                        m,
                        y,
                        pp,
                        points_len,
                        dp,
                        dens_len,
                    ),
                }
            };
            let uses_dens = !dp.is_null();
            let core = || {
                let (a, b) = (call.read::<f64>(ai), call.read::<f64>(bi));
                let pops = pops_of(&call);
                match k {
                    0 => funnel::proportion_funnel_limits(&a, &b, m).ok(),
                    1 => funnel::ratio_funnel_limits(&a, &b, ratio_type(code)?).ok(),
                    _ => {
                        funnel::rate_funnel_limits(&a, &b, pops.as_deref(), rate_type(code)?, m, y)
                            .ok()
                    }
                }
            };
            // The points buffer is required even when empty; both lengths must be 100.
            let lengths_ok = !call.is_null(points)
                && points_len == CARESTAT_FUNNEL_POINTS
                && (!uses_dens || dens_len == CARESTAT_FUNNEL_POINTS);
            if crate::domain::settle(&call, status, || lengths_ok && core().is_some(), &what) {
                let want = core().unwrap();
                check_lines(&call.read(points), &want, &what);
                if let (true, Some(d)) = (uses_dens, dens) {
                    check_denominators(&call.read(d), &want, &what);
                }
            }
        }
        // Significance: proportion, ratio, rate.
        k @ 3..=5 => {
            let oi = call.output::<u32>("out", outputs[0], n);
            call.resolve();
            let pops_ptr = opt_ptr(&call, pi);
            // SAFETY: as above.
            let status = unsafe {
                match k {
                    3 => carestat_proportion_funnel_significance(
                        call.ptr(ai),
                        call.ptr(bi),
                        n,
                        call.ptr(oi),
                    ),
                    4 => carestat_ratio_funnel_significance(
                        call.ptr(ai),
                        call.ptr(bi),
                        n,
                        call.ptr(oi),
                    ),
                    _ => carestat_rate_funnel_significance(
                        call.ptr(ai),
                        call.ptr(bi),
                        pops_ptr,
                        n,
                        code,
                        m,
                        call.ptr(oi),
                    ),
                }
            };
            let core = || {
                let (a, b) = (call.read::<f64>(ai), call.read::<f64>(bi));
                let pops = pops_of(&call);
                match k {
                    3 => funnel::proportion_funnel_significance(&a, &b).ok(),
                    4 => funnel::ratio_funnel_significance(&a, &b).ok(),
                    _ => funnel::rate_funnel_significance(
                        &a,
                        &b,
                        pops.as_deref(),
                        rate_type(code)?,
                        m,
                    )
                    .ok(),
                }
            };
            if crate::domain::settle(&call, status, || core().is_some(), &what) {
                let got = call.read::<u32>(oi);
                let want: Vec<u32> = core().unwrap().iter().map(|s| s.code()).collect();
                assert_eq!(got, want, "{what}");
                assert!(got.iter().all(|c| (1..=6).contains(c)), "{what}: {got:?}");
            }
        }
        // Rate funnel points.
        _ => {
            let ri = call.output::<f64>("rate_chart", outputs[0], n);
            let di = call.output::<f64>("denominator_derived", outputs[1], n);
            call.resolve();
            // SAFETY: as above.
            let status = unsafe {
                carestat_rate_funnel_points(
                    call.ptr(ai),
                    call.ptr(bi),
                    opt_ptr(&call, pi),
                    n,
                    code,
                    m,
                    y,
                    call.ptr(ri),
                    call.ptr(di),
                )
            };
            let core = || {
                let (a, b) = (call.read::<f64>(ai), call.read::<f64>(bi));
                let pops = pops_of(&call);
                funnel::rate_funnel_points(&a, &b, pops.as_deref(), rate_type(code)?, m, y).ok()
            };
            if crate::domain::settle(&call, status, || core().is_some(), &what) {
                let (r, d) = (call.read::<f64>(ri), call.read::<f64>(di));
                for ((&r, &d), &(wr, wd)) in r.iter().zip(&d).zip(&core().unwrap()) {
                    assert!(bits_eq(r, wr) && bits_eq(d, wd), "{what}");
                    assert!(!r.is_infinite() && !d.is_infinite(), "{what}: {r} {d}");
                    // A DSR point is plotted whole or not at all. A crude rate's area with no
                    // events takes its population from `denominators` whatever its rate, as
                    // the reference does: a missing rate with a known population is right.
                    if rate_type(code) == Some(RateType::Dsr) {
                        assert_eq!(r.is_nan(), d.is_nan(), "{what}: {r} {d}");
                    }
                }
            }
        }
    }
}

fn quantiles(op: &PheOp) {
    let PheOp::Quantiles {
        rows,
        at,
        len,
        nquantiles,
        too_few,
    } = op
    else {
        unreachable!()
    };
    let rows = &rows[..rows.len().min(MAX_ROWS)];
    let values: Vec<f64> = rows.iter().map(|r| r.0.get()).collect();
    let groups: Vec<usize> = rows.iter().map(|r| usize::from(r.1 % 4)).collect();
    let invert: Vec<u8> = rows.iter().map(|r| r.2).collect();
    let (nq, tf) = (nquantiles.u(), too_few.u());
    let n = len.of(values.len());
    let mut call = Call::new();
    let vi = call.input("values", &values, at[0], n);
    let gi = call.optional_input("groups", &groups, at[1], n);
    let ii = call.optional_input("invert", &invert, at[2], n);
    let oi = call.output::<u32>("out", at[3], n);
    call.resolve();
    // SAFETY: as above.
    let status = unsafe {
        carestat_assign_quantiles(
            call.ptr(vi),
            call.ptr(gi),
            call.ptr(ii),
            n,
            nq,
            tf,
            call.ptr(oi),
        )
    };
    let core = || {
        let too_few = match tf {
            1 => TooFewAreas::Missing,
            2 => TooFewAreas::Error,
            _ => return None,
        };
        let values = call.read::<f64>(vi);
        let groups = if call.is_null(gi) {
            vec![0; n]
        } else {
            call.read::<usize>(gi)
        };
        let invert: Vec<bool> = if call.is_null(ii) {
            vec![true; n]
        } else {
            call.read::<u8>(ii).iter().map(|&b| b != 0).collect()
        };
        carestat::quantile_groups::assign_quantiles(&values, &groups, &invert, nq, too_few).ok()
    };
    if crate::domain::settle(&call, status, || core().is_some(), "assign_quantiles") {
        let got = call.read::<u32>(oi);
        let want: Vec<u32> = core()
            .unwrap()
            .quantiles
            .iter()
            .map(|q| q.unwrap_or(0))
            .collect();
        assert_eq!(got, want);
        assert!(got.iter().all(|&q| q <= nq), "{got:?}");
    }
}

fn core_options(o: &carestat_sii_options) -> Option<SiiOptions> {
    let value_type = match o.value_type {
        0 => SiiValueType::Normal,
        1 => SiiValueType::Rate,
        2 => SiiValueType::Proportion,
        _ => return None,
    };
    Some(SiiOptions {
        value_type,
        multiplier: o.multiplier,
        transform: o.transform != 0,
        repetitions: o.repetitions,
        seed: o.seed,
    })
}

#[allow(clippy::too_many_lines)]
fn inequality(op: &PheOp) {
    let PheOp::Sii {
        rows,
        at,
        len,
        uncertainty,
        options,
        options_at,
        confidence,
        confidence_at,
        outputs,
        intervals_len,
    } = op
    else {
        unreachable!()
    };
    let pops = col(rows, |r| r.0);
    let values = col(rows, |r| r.1);
    let se = col(rows, |r| r.2);
    let lower = col(rows, |r| r.3);
    let upper = col(rows, |r| r.4);
    let defaults = carestat_sii_options_default();
    assert_eq!(core_options(&defaults), Some(SiiOptions::default()));
    let opts = options.map(|o| carestat_sii_options {
        value_type: o.value_type.u(),
        multiplier: o.multiplier.get(),
        transform: o.transform % 2,
        repetitions: o.repetitions.get(),
        seed: o.seed,
    });
    // NULL options mean the default 100,000 repetitions: too slow here, so then nothing is
    // simulated. Options are read as a struct: never passed aliased onto other memory.
    let levels: Vec<f64> = if opts.is_some() {
        confidence.iter().take(3).map(|c| c.get()).collect()
    } else {
        Vec::new()
    };
    let options_at = match (opts.is_some(), options_at) {
        (false, _) => Place::Null,
        (true, Place::Alias(..) | Place::Null) => Place::Own,
        (true, p) => *p,
    };
    let n = len.of(pops.len());
    // Which uncertainty arguments are passed: standard errors, limits, or a mix (an error).
    let (with_se, with_lower, with_upper) = match uncertainty % 8 {
        0..=3 => (true, false, false),
        4 | 5 => (false, true, true),
        6 => (true, true, false),
        _ => (false, uncertainty % 16 > 8, false),
    };
    let null_unless = |keep: bool, p: Place| if keep { p } else { Place::Null };
    let mut call = Call::new();
    let pi = call.input("populations", &pops, at[0], n);
    let vi = call.input("values", &values, at[1], n);
    let si = call.optional_input("standard_errors", &se, null_unless(with_se, at[2]), n);
    let li = call.optional_input("lower", &lower, null_unless(with_lower, at[3]), n);
    let ui = call.optional_input("upper", &upper, null_unless(with_upper, at[4]), n);
    let oi = call.optional_input("options", &opts.map_or(vec![], |o| vec![o]), options_at, 1);
    let ci = call.input("confidence", &levels, *confidence_at, levels.len());
    let out = call.scalar_output::<carestat_sii_result>("out", outputs[0]);
    let k = if *intervals_len < 240 {
        levels.len()
    } else {
        usize::from(intervals_len % 5)
    };
    let ii = call.output::<carestat_sii_interval>("intervals", outputs[1], k);
    call.resolve();
    // SAFETY: as above.
    let status = unsafe {
        carestat_sii(
            call.ptr(pi),
            call.ptr(vi),
            call.ptr(si),
            call.ptr(li),
            call.ptr(ui),
            n,
            call.ptr(oi),
            call.ptr(ci),
            levels.len(),
            call.ptr(out),
            call.ptr(ii),
            k,
        )
    };
    let core = || {
        if k != levels.len() {
            return None;
        }
        let o = if call.is_null(oi) {
            SiiOptions::default()
        } else {
            core_options(&call.read::<carestat_sii_options>(oi)[0])?
        };
        let (se, lo, up) = (
            call.read::<f64>(si),
            call.read::<f64>(li),
            call.read::<f64>(ui),
        );
        let u = match (call.is_null(si), call.is_null(li), call.is_null(ui)) {
            (false, true, true) => SiiUncertainty::StandardErrors(&se),
            (true, false, false) => SiiUncertainty::Limits95 {
                lower: &lo,
                upper: &up,
            },
            _ => return None,
        };
        let (p, v, c) = (
            call.read::<f64>(pi),
            call.read::<f64>(vi),
            call.read::<f64>(ci),
        );
        if c.is_empty() {
            sii::sii_point(&p, &v, u, &o)
                .ok()
                .map(|(s, r, i)| (s, r, i, Vec::new()))
        } else {
            sii::sii(&p, &v, u, &c, &o)
                .ok()
                .map(|s| (s.sii, s.rii, s.intercept, s.intervals))
        }
    };
    if crate::domain::settle(&call, status, || core().is_some(), "sii") {
        let r = call.read::<carestat_sii_result>(out)[0];
        let (s, rii, intercept, intervals) = core().unwrap();
        assert!(bits_eq(r.sii, s) && bits_eq(r.rii, rii) && bits_eq(r.intercept, intercept));
        for v in [r.sii, r.rii, r.intercept] {
            assert!(!v.is_infinite(), "sii: {r:?}");
        }
        let got = call.read::<carestat_sii_interval>(ii);
        for (g, w) in got.iter().zip(&intervals) {
            assert!(
                bits_eq(g.sii_lower, w.sii_lower) && bits_eq(g.rii_upper, w.rii_upper),
                "sii: {g:?}"
            );
            assert!(g.confidence > 0.0 && g.confidence < 1.0, "sii: {g:?}");
            for (lo, hi) in [(g.sii_lower, g.sii_upper), (g.rii_lower, g.rii_upper)] {
                assert!(!lo.is_infinite() && !hi.is_infinite(), "sii: {g:?}");
                assert!(lo.is_nan() || hi.is_nan() || lo <= hi, "sii: {g:?}");
            }
        }
    }
}

pub fn run(op: &PheOp) {
    match op {
        PheOp::Funnel { .. } => funnels(op),
        PheOp::Quantiles { .. } => quantiles(op),
        PheOp::Sii { .. } => inequality(op),
        _ => standardised(op),
    }
}
