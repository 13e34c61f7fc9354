//! The domain measures: ASCOF, benchmarking, CQC, disclosure control, rating shares and local
//! rating schemes, and the static strings of every code table.
//!
//! Each call is checked against the core called directly: success exactly when the core
//! succeeds and the pointers are usable, the same numbers on success, nothing written on
//! failure, and every result in its documented range.

use std::ffi::{c_char, CString};

use arbitrary::Arbitrary;
use carestat::ascof::{self, Framework};
use carestat::benchmark::{self, RankOrder};
use carestat::cqc::{BandRule, Scores};
use carestat::disclosure::SuppressionRule;
use carestat::ratings::{DenominatorRule, LocalScheme, Rating, RatingCounts};
use carestat::Polarity;
use carestat_ffi::ascof::{
    carestat_ascof_compare, carestat_ascof_comparison, carestat_ascof_count,
    carestat_ascof_measure, carestat_ascof_measure_at, carestat_ascof_measure_info,
    carestat_ascof_outcome, carestat_ascof_outcome_result,
};
use carestat_ffi::benchmark::{
    carestat_benchmark_compare, carestat_benchmark_compare_two_level, carestat_difference,
    carestat_difference_from, carestat_difference_from_average, carestat_percentile_inc,
    carestat_quintile_of, carestat_quintiles, carestat_quintiles_result, carestat_rank,
    carestat_rank_result, carestat_two_level,
};
use carestat_ffi::cqc::{
    carestat_cqc_la_rating, carestat_cqc_possible_rating, carestat_cqc_possible_ratings,
    carestat_cqc_result, carestat_cqc_theme_percentages, CARESTAT_CQC_NOT_ASSESSED,
};
use carestat_ffi::disclosure::{
    carestat_disclosure_percentage, carestat_published, carestat_suppress, carestat_suppress_many,
    carestat_suppression_rule,
};
use carestat_ffi::estimate::carestat_estimate;
use carestat_ffi::rating_shares::{
    carestat_local_rating, carestat_local_rating_custom, carestat_rating_rules_matching,
    carestat_rating_share_estimate, carestat_rating_shares, carestat_rating_shares_result,
};
use carestat_ffi::status::carestat_status;
use carestat_fuzz::Num;

use crate::arena::{Call, Place, Rows, Verdict};
use crate::harness::{bits_eq, c_string, check_estimate, check_status, misaligned, scalar, Ptr};

/// A code argument: mostly small (the known codes and their neighbours), sometimes any.
#[derive(Debug, Clone, Copy, Arbitrary)]
pub enum Code {
    Small(u8),
    Any(u32),
}

impl Code {
    pub fn u(self) -> u32 {
        match self {
            Self::Small(k) => u32::from(k % 8),
            Self::Any(v) => v,
        }
    }

    /// As a signed code: -1 to 6, 99 (the polarity codes), or any.
    pub fn i(self) -> i32 {
        match self {
            Self::Small(255) => 99,
            Self::Small(k) => i32::from(k % 8) - 1,
            Self::Any(v) => v as i32,
        }
    }
}

/// A string argument: NULL, a string the function knows, or any bytes (maybe not UTF-8).
#[derive(Debug, Clone, Arbitrary)]
pub enum Text {
    Null,
    Pick(u16),
    Bytes(Vec<u8>),
}

impl Text {
    /// The C string (cut at the first NUL), or None for NULL.
    fn c(&self, known: &[&str]) -> Option<CString> {
        let bytes: Vec<u8> = match self {
            Self::Null => return None,
            Self::Pick(k) if known.is_empty() => Vec::new(),
            Self::Pick(k) => known[usize::from(*k) % known.len()].as_bytes().to_vec(),
            Self::Bytes(b) => b.iter().copied().take_while(|&c| c != 0).take(64).collect(),
        };
        Some(CString::new(bytes).expect("no NUL"))
    }
}

fn ptr_of(c: Option<&CString>) -> *const c_char {
    c.map_or(std::ptr::null(), |c| c.as_ptr())
}

/// The string the call reads, as the core would take it (None for NULL or bad UTF-8).
fn str_of(c: Option<&CString>) -> Option<&str> {
    c.and_then(|c| c.to_str().ok())
}

/// A count that is usually small and whole.
#[derive(Debug, Clone, Copy, Arbitrary)]
pub enum Small {
    Small(u8),
    Any(u64),
}

impl Small {
    fn get(self) -> u64 {
        match self {
            Self::Small(k) => u64::from(k % 12),
            Self::Any(v) => v,
        }
    }
}

#[derive(Debug, Clone, Copy, Arbitrary)]
pub struct CustomRule {
    min: Small,
    max: Small,
    round: Small,
    min_denominator: Small,
    how: Ptr,
}

/// A CQC statement score: mostly -1 (not assessed) to 5, sometimes any.
#[derive(Debug, Clone, Copy, Arbitrary)]
pub enum Score {
    Small(u8),
    Any(i32),
}

impl Score {
    fn get(self) -> i32 {
        match self {
            Self::Small(k) => i32::from(k % 7) - 1,
            Self::Any(v) => v,
        }
    }
}

#[derive(Debug, Arbitrary)]
pub enum DomainOp {
    AscofAt(u16, Ptr),
    AscofMeasure(Text, Code, Ptr),
    AscofOutcome(Text, Code, Num, Num, Ptr),
    AscofCompare(Text, Code, Num, Num, Ptr),
    Compare([Num; 3], Code, Ptr),
    TwoLevel([Num; 5], Code, Ptr),
    Percentile(Vec<Num>, Place, Rows, Num, Place),
    Quintiles(Vec<Num>, Place, Rows, Place, [Num; 2]),
    QuintileOf([Num; 6], Num, Ptr),
    Rank(Vec<Num>, Place, Rows, u16, Code, Place),
    DifferenceFrom(Num, Num, Ptr),
    DifferenceFromAverage(Num, Vec<Num>, Place, Rows, Place),
    CqcRating(Vec<Score>, Place, Rows, Code, Place),
    CqcThemes(Vec<Score>, Place, Rows, Place, u8),
    CqcPossible(Vec<Score>, Place, Rows, Code, Place, u8, Place),
    Suppress(Num, Code, Option<CustomRule>, Ptr),
    SuppressMany(Vec<Num>, Place, Rows, Code, Option<CustomRule>, [Place; 2]),
    DisclosurePercentage(Num, Num, Code, Code, Option<CustomRule>, Ptr),
    RatingShares([Num; 5], Code, Ptr),
    RatingShareEstimate([Num; 5], Code, Num, Ptr),
    RulesMatching([Num; 5], Num, Code, Ptr),
    LocalRating(Text, Text, Ptr),
    LocalRatingCustom(Vec<(Text, Code)>, [Place; 2], Rows, Text, Place),
}

/// Words holding one measure info (a struct without `PartialEq`, compared as words).
const INFO_WORDS: usize = size_of::<carestat_ascof_measure_info>().div_ceil(8);
/// Words holding one rating shares result.
const SHARES_WORDS: usize = size_of::<carestat_rating_shares_result>().div_ceil(8);

/// Rows fed to an O(n log n) call at most.
const MAX_ROWS: usize = 48;

fn nums(v: &[Num]) -> Vec<f64> {
    v.iter().take(MAX_ROWS).map(|n| n.get()).collect()
}

/// Checks the status of an arena call against the pointer rules and the core's verdict, and
/// that a failed call wrote nothing. Returns whether the call succeeded with inputs the
/// caller may check the results against (false when an out-parameter overwrote an input).
pub fn settle(
    call: &Call,
    status: carestat_status,
    core_ok: impl FnOnce() -> bool,
    what: &str,
) -> bool {
    check_status(status);
    let ok = status == carestat_status::CARESTAT_OK;
    if ok {
        call.assert_written_only_in_outputs(what);
    } else {
        call.assert_unchanged(what);
    }
    match call.verdict() {
        Verdict::Refuse(why) => assert!(!ok, "{what}: accepted {why}"),
        Verdict::Either => return false,
        Verdict::Accept => assert_eq!(ok, core_ok(), "{what}: {status:?}"),
    }
    ok
}

fn framework_lookup(id: &str, code: i32) -> carestat::Result<&'static ascof::Measure> {
    match code {
        -1 => ascof::measure(id),
        0 => ascof::measure_in(Framework::To2022_23, id),
        1 => ascof::measure_in(Framework::From2023_24, id),
        _ => Err(carestat::Error::invalid("framework", "unknown")),
    }
}

/// Ids and labels from the catalogue, with case and prefix variants.
fn ascof_ids() -> Vec<String> {
    let mut ids = Vec::new();
    for m in ascof::measures() {
        ids.push(m.id.clone());
        ids.push(m.label.clone());
        ids.push(format!("ASCOF {}", m.id.to_lowercase()));
    }
    ids.push(String::new());
    ids
}

fn check_info(m: &carestat_ascof_measure_info) {
    for s in [
        m.id,
        m.label,
        m.name,
        m.objective,
        m.unit_label,
        m.data_source,
        m.source,
    ] {
        let _ = c_string(s);
    }
    for s in [m.age_band, m.counterpart, m.note] {
        if !s.is_null() {
            let _ = c_string(s);
        }
    }
    assert!(m.framework == 0 || m.framework == 1, "{m:?}");
    assert!(m.unit <= 2 && m.formula <= 2 && m.mapping <= 3, "{m:?}");
    assert!(m.certainty <= 1 && m.mapping_certainty <= 1 && m.weighted_aggregates <= 1);
    assert!(Polarity::from_code(i64::from(m.polarity)).is_ok(), "{m:?}");
    assert!(m.multiplier.is_finite() && m.multiplier > 0.0, "{m:?}");
    assert!(m.max_score.is_nan() || m.max_score > 0.0, "{m:?}");
}

fn ascof(op: &DomainOp) {
    let ids = ascof_ids();
    let known: Vec<&str> = ids.iter().map(String::as_str).collect();
    match op {
        DomainOp::AscofAt(index, how) => {
            let count = carestat_ascof_count();
            assert_eq!(count, ascof::measures().len());
            assert!(count > 0);
            let index = usize::from(*index) % (count + 3);
            // SAFETY: the pointer is valid, NULL, or misaligned inside an allocation.
            let got = scalar(*how, [0u64; INFO_WORDS], index < count, |out| unsafe {
                carestat_ascof_measure_at(index, out.cast())
            });
            if let Some(words) = got {
                // SAFETY: written by the call on success .
                let m: carestat_ascof_measure_info = unsafe { std::mem::transmute_copy(&words) };
                check_info(&m);
                assert_eq!(c_string(m.id), ascof::measures()[index].id);
            }
        }
        DomainOp::AscofMeasure(id, fw, how) => {
            let c = id.c(&known);
            let core = str_of(c.as_ref()).map(|s| framework_lookup(s, fw.i()));
            let ok = matches!(core, Some(Ok(_)));
            // SAFETY: a C string or NULL; the out pointer as above.
            let got = scalar(*how, [0u64; INFO_WORDS], ok, |out| unsafe {
                carestat_ascof_measure(ptr_of(c.as_ref()), fw.i(), out.cast())
            });
            if let Some(words) = got {
                // SAFETY: written by the call on success.
                let m: carestat_ascof_measure_info = unsafe { std::mem::transmute_copy(&words) };
                check_info(&m);
                assert_eq!(c_string(m.id), core.unwrap().unwrap().id);
            }
        }
        DomainOp::AscofOutcome(id, fw, n, d, how) => {
            let c = id.c(&known);
            let (n, d) = (n.get(), d.get());
            let core = str_of(c.as_ref())
                .map(|s| framework_lookup(s, fw.i()).and_then(|m| m.outcome(n, d)));
            let fill = carestat_ascof_outcome_result {
                value: -1.0,
                published: -1.0,
                decimals: u32::MAX,
            };
            // SAFETY: as above.
            let got = scalar(*how, fill, matches!(core, Some(Ok(_))), |out| unsafe {
                carestat_ascof_outcome(ptr_of(c.as_ref()), fw.i(), n, d, out)
            });
            if let Some(o) = got {
                let want = core.unwrap().unwrap();
                assert!(bits_eq(o.value, want.value) && bits_eq(o.published, want.published));
                assert_eq!(o.decimals, want.decimals);
                assert!(
                    !o.value.is_infinite() && !o.published.is_infinite(),
                    "{o:?}"
                );
                assert_eq!(o.value.is_nan(), o.published.is_nan(), "{o:?}");
            }
        }
        DomainOp::AscofCompare(id, fw, p, q, how) => {
            let c = id.c(&known);
            let (p, q) = (p.get(), q.get());
            let core = str_of(c.as_ref())
                .map(|s| framework_lookup(s, fw.i()).and_then(|m| m.compare(p, q)));
            let fill = carestat_ascof_comparison {
                previous: -1.0,
                current: -1.0,
                difference: -1.0,
                percent_change: -1.0,
                judgement: u32::MAX,
            };
            // SAFETY: as above.
            let got = scalar(*how, fill, matches!(core, Some(Ok(_))), |out| unsafe {
                carestat_ascof_compare(ptr_of(c.as_ref()), fw.i(), p, q, out)
            });
            if let Some(r) = got {
                let want = core.unwrap().unwrap();
                assert!(bits_eq(r.difference, want.difference));
                assert!(bits_eq(r.percent_change, want.percent_change));
                assert_eq!(r.judgement, want.judgement as u32);
                assert!(r.judgement <= 4, "{r:?}");
                assert!(
                    !r.difference.is_infinite() && !r.percent_change.is_infinite(),
                    "{r:?}"
                );
            }
        }
        _ => unreachable!(),
    }
}

fn benchmarks(op: &DomainOp) {
    match op {
        DomainOp::Compare([l, u, b], pol, how) => {
            let (l, u, b) = (l.get(), u.get(), b.get());
            let core = Polarity::from_code(i64::from(pol.i()))
                .and_then(|p| benchmark::compare(l, u, b, p));
            // SAFETY: as above.
            let got = scalar(*how, u32::MAX, core.is_ok(), |out| unsafe {
                carestat_benchmark_compare(l, u, b, pol.i(), out)
            });
            if let Some(c) = got {
                assert_eq!(c, core.unwrap() as u32);
                assert!(c <= 5);
            }
        }
        DomainOp::TwoLevel([l95, u95, l998, u998, b], pol, how) => {
            let v = [l95, u95, l998, u998, b].map(|n| n.get());
            let core = Polarity::from_code(i64::from(pol.i()))
                .and_then(|p| benchmark::compare_two_level((v[0], v[1]), (v[2], v[3]), v[4], p));
            let fill = carestat_two_level {
                comparison: u32::MAX,
                level: u32::MAX,
            };
            // SAFETY: as above.
            let got = scalar(*how, fill, core.is_ok(), |out| unsafe {
                carestat_benchmark_compare_two_level(v[0], v[1], v[2], v[3], v[4], pol.i(), out)
            });
            if let Some(t) = got {
                let want = core.unwrap();
                assert_eq!(
                    (t.comparison, t.level),
                    (want.comparison as u32, want.level as u32)
                );
                assert!(t.comparison <= 5 && t.level <= 2, "{t:?}");
                // Not significant (level none) exactly when similar or not compared.
                assert_eq!(
                    t.level == 0,
                    t.comparison == 0 || t.comparison == 2,
                    "{t:?}"
                );
            }
        }
        DomainOp::Percentile(values, place, rows, p, out) => {
            let v = nums(values);
            let p = p.get();
            let mut call = Call::new();
            let vi = call.input("values", &v, *place, rows.of(v.len()));
            let oi = call.scalar_output::<f64>("out", *out);
            call.resolve();
            // SAFETY: the arena's pointers: real memory, or refused by the rules under test.
            let status =
                unsafe { carestat_percentile_inc(call.ptr(vi), call.len(vi), p, call.ptr(oi)) };
            let core = || benchmark::percentile_inc(&call.read::<f64>(vi), p).is_ok();
            if settle(&call, status, core, "percentile_inc") {
                let got = call.read::<f64>(oi)[0];
                let input = call.read::<f64>(vi);
                let finite: Vec<f64> = input.into_iter().filter(|x| !x.is_nan()).collect();
                let (lo, hi) = finite
                    .iter()
                    .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| {
                        (a.min(x), b.max(x))
                    });
                assert!(
                    lo <= got && got <= hi,
                    "percentile {got} outside {lo}..{hi}"
                );
            }
        }
        DomainOp::Quintiles(values, place, rows, out, [value, _]) => {
            let v = nums(values);
            let mut call = Call::new();
            let vi = call.input("values", &v, *place, rows.of(v.len()));
            let oi = call.scalar_output::<carestat_quintiles_result>("out", *out);
            call.resolve();
            // SAFETY: as above.
            let status = unsafe { carestat_quintiles(call.ptr(vi), call.len(vi), call.ptr(oi)) };
            let core = || benchmark::quintiles(&call.read::<f64>(vi)).is_ok();
            if settle(&call, status, core, "quintiles") {
                let q = call.read::<carestat_quintiles_result>(oi)[0];
                let want = benchmark::quintiles(&call.read::<f64>(vi)).unwrap();
                assert!(q
                    .bounds
                    .iter()
                    .zip(want.bounds)
                    .all(|(&a, b)| bits_eq(a, b)));
                assert!(q.bounds.iter().all(|b| b.is_finite()), "{q:?}");
                assert!(q.bounds.windows(2).all(|w| w[0] <= w[1]), "{q:?}");
                // SAFETY: a valid quintiles result.
                let k = unsafe { carestat_quintile_of(&q, value.get()) };
                assert_eq!(k, want.quintile(value.get()).map_or(0, u32::from));
                assert!(k <= 5 && (k == 0) == value.get().is_nan());
            }
        }
        DomainOp::QuintileOf(bounds, value, how) => {
            let q = carestat_quintiles_result {
                bounds: bounds.map(|n| n.get()),
            };
            let mut words = [0u64; 8];
            // SAFETY: 8 words hold one quintiles result (6 doubles) and a misaligned copy.
            let base = words.as_mut_ptr().cast::<u8>();
            let p: *const carestat_quintiles_result = match how {
                Ptr::Null => std::ptr::null(),
                Ptr::Misaligned(k) => misaligned::<carestat_quintiles_result>(base, *k),
                _ => base.cast(),
            };
            if !p.is_null() {
                // SAFETY: inside `words`; written unaligned on purpose.
                unsafe { p.cast_mut().write_unaligned(q) };
            }
            // SAFETY: NULL, valid, or misaligned (which the library must not dereference).
            let k = unsafe { carestat_quintile_of(p, value.get()) };
            assert!(k <= 5, "{k}");
            match how {
                Ptr::Null | Ptr::Misaligned(_) => assert_eq!(k, 0, "{how:?}"),
                _ => {
                    let want = benchmark::Quintiles { bounds: q.bounds }.quintile(value.get());
                    assert_eq!(k, want.map_or(0, u32::from));
                }
            }
        }
        DomainOp::Rank(values, place, rows, index, order, out) => {
            let v = nums(values);
            let mut call = Call::new();
            let vi = call.input("values", &v, *place, rows.of(v.len()));
            let oi = call.scalar_output::<carestat_rank_result>("out", *out);
            call.resolve();
            let index = if *index >= 65_000 {
                usize::MAX - usize::from(*index)
            } else {
                usize::from(*index) % (v.len() + 2)
            };
            let order_code = order.u();
            // SAFETY: as above.
            let status = unsafe {
                carestat_rank(call.ptr(vi), call.len(vi), index, order_code, call.ptr(oi))
            };
            let values_read = || call.read::<f64>(vi);
            let core = || {
                let order = match order_code {
                    0 => RankOrder::HighestFirst,
                    1 => RankOrder::LowestFirst,
                    _ => return false,
                };
                benchmark::rank(&values_read(), index, order).is_ok()
            };
            if settle(&call, status, core, "rank") {
                let r = call.read::<carestat_rank_result>(oi)[0];
                let v = values_read();
                let of = v.iter().filter(|x| !x.is_nan()).count();
                assert_eq!(r.of, of, "{r:?}");
                if v[index].is_nan() {
                    assert_eq!((r.rank, r.tied), (0, 0), "{r:?}");
                } else {
                    assert!(1 <= r.rank && r.rank + r.tied <= of, "{r:?}");
                }
            }
        }
        DomainOp::DifferenceFrom(v, r, how) => {
            let (v, r) = (v.get(), r.get());
            let core = benchmark::difference_from(v, r);
            // SAFETY: as above.
            let got = scalar(*how, [0u64; 3], core.is_ok(), |out| unsafe {
                carestat_difference_from(v, r, out.cast())
            });
            if let Some(words) = got {
                // SAFETY: written on success.
                let d: carestat_difference = unsafe { std::mem::transmute_copy(&words) };
                check_difference(&d);
            }
        }
        DomainOp::DifferenceFromAverage(v, group, place, rows, out) => {
            let g = nums(group);
            let v = v.get();
            let mut call = Call::new();
            let gi = call.input("group", &g, *place, rows.of(g.len()));
            let oi = call.scalar_output::<carestat_difference>("out", *out);
            call.resolve();
            // SAFETY: as above.
            let status = unsafe {
                carestat_difference_from_average(v, call.ptr(gi), call.len(gi), call.ptr(oi))
            };
            let core = || benchmark::difference_from_average(v, &call.read::<f64>(gi)).is_ok();
            if settle(&call, status, core, "difference_from_average") {
                check_difference(&call.read::<carestat_difference>(oi)[0]);
            }
        }
        _ => unreachable!(),
    }
}

/// A difference: missing (NaN) exactly when an input is, else finite (the percentage NaN
/// also for a zero reference), never infinite.
fn check_difference(d: &carestat_difference) {
    assert!(
        !d.reference.is_infinite() && !d.difference.is_infinite(),
        "{d:?}"
    );
    assert!(!d.percent_difference.is_infinite(), "{d:?}");
    if d.reference.is_nan() {
        assert!(d.difference.is_nan(), "{d:?}");
    }
    if !d.difference.is_nan() && d.reference != 0.0 {
        assert!(!d.percent_difference.is_nan(), "{d:?}");
    }
    if d.reference == 0.0 {
        assert!(d.percent_difference.is_nan(), "{d:?}");
    }
}

/// The core's view of C scores.
fn core_scores(values: &[i32]) -> carestat::Result<Scores> {
    let options: Vec<Option<i64>> = values
        .iter()
        .map(|&s| (s != CARESTAT_CQC_NOT_ASSESSED).then_some(i64::from(s)))
        .collect();
    Scores::from_options(&options)
}

fn cqc(op: &DomainOp) {
    match op {
        DomainOp::CqcRating(scores, place, rows, rule, out) => {
            let s: Vec<i32> = scores.iter().take(16).map(|s| s.get()).collect();
            let mut call = Call::new();
            let si = call.input("scores", &s, *place, rows.of(s.len()));
            let oi = call.scalar_output::<carestat_cqc_result>("out", *out);
            call.resolve();
            let rule = rule.u();
            // SAFETY: as above.
            let status =
                unsafe { carestat_cqc_la_rating(call.ptr(si), call.len(si), rule, call.ptr(oi)) };
            let core = || {
                BandRule::from_code(i64::from(rule))
                    .and_then(|r| core_scores(&call.read::<i32>(si))?.rate(r))
            };
            if settle(&call, status, || core().is_ok(), "cqc_la_rating") {
                let r = call.read::<carestat_cqc_result>(oi)[0];
                let want = core().unwrap();
                assert!((1..=9).contains(&r.assessed), "{r:?}");
                assert_eq!(r.max_total, 4 * r.assessed, "{r:?}");
                assert!(r.assessed <= r.total && r.total <= r.max_total, "{r:?}");
                assert!((25.0..=100.0).contains(&r.percentage), "{r:?}");
                assert!(bits_eq(r.percentage, want.percentage));
                assert_eq!(r.rating, want.rating as u32);
                assert!(
                    r.rating <= 3 && r.band_rule == rule && r.ambiguous <= 1,
                    "{r:?}"
                );
                assert!(
                    r.rating_lower_band <= 3 && r.rating_upper_band <= 3,
                    "{r:?}"
                );
                if r.ambiguous == 0 {
                    assert_eq!(r.rating_lower_band, r.rating_upper_band, "{r:?}");
                }
            }
        }
        DomainOp::CqcThemes(scores, place, rows, out, out_len) => {
            let s: Vec<i32> = scores.iter().take(16).map(|s| s.get()).collect();
            let out_len = if *out_len < 200 {
                4
            } else {
                usize::from(*out_len % 8)
            };
            let mut call = Call::new();
            let si = call.input("scores", &s, *place, rows.of(s.len()));
            let oi = call.output::<f64>("out", *out, out_len);
            call.resolve();
            // SAFETY: as above.
            let status = unsafe {
                carestat_cqc_theme_percentages(call.ptr(si), call.len(si), call.ptr(oi), out_len)
            };
            let core = || out_len == 4 && core_scores(&call.read::<i32>(si)).is_ok();
            if settle(&call, status, core, "cqc_theme_percentages") {
                for p in call.read::<f64>(oi) {
                    assert!(p.is_nan() || (25.0..=100.0).contains(&p), "{p}");
                }
            }
        }
        DomainOp::CqcPossible(scores, place, rows, rule, out, capacity, len) => {
            let s: Vec<i32> = scores.iter().take(16).map(|s| s.get()).collect();
            let capacity = if *capacity < 200 {
                4
            } else {
                usize::from(*capacity % 8)
            };
            let mut call = Call::new();
            let si = call.input("scores", &s, *place, rows.of(s.len()));
            let oi = call.output::<carestat_cqc_possible_rating>("out", *out, capacity);
            let li = call.scalar_output::<usize>("out_len", *len);
            call.resolve();
            let rule = rule.u();
            // SAFETY: as above.
            let status = unsafe {
                carestat_cqc_possible_ratings(
                    call.ptr(si),
                    call.len(si),
                    rule,
                    call.ptr(oi),
                    capacity,
                    call.ptr(li),
                )
            };
            let core = || {
                let r = BandRule::from_code(i64::from(rule))?;
                Ok::<_, carestat::Error>(core_scores(&call.read::<i32>(si))?.possible_ratings(r))
            };
            let ok = || core().is_ok_and(|p| p.len() <= capacity);
            if settle(&call, status, ok, "cqc_possible_ratings") {
                let want = core().unwrap();
                let n = call.read::<usize>(li)[0];
                assert_eq!(n, want.len());
                assert!((1..=4).contains(&n), "{n}");
                let got = call.read::<carestat_cqc_possible_rating>(oi);
                for (g, w) in got.iter().zip(&want) {
                    assert_eq!(
                        (g.rating, g.min_total, g.max_total),
                        (w.rating as u32, w.min_total, w.max_total)
                    );
                    assert!(bits_eq(g.min_percentage, w.min_percentage()));
                    assert!(bits_eq(g.max_percentage, w.max_percentage()));
                    assert!((9..=36).contains(&g.min_total) && g.min_total <= g.max_total);
                }
                // Bands in order, totals contiguous.
                for pair in got[..n].windows(2) {
                    assert_eq!(pair[1].min_total, pair[0].max_total + 1);
                    assert!(pair[1].rating < pair[0].rating, "lowest band first");
                }
            }
        }
        _ => unreachable!(),
    }
}

impl CustomRule {
    fn c(&self) -> carestat_suppression_rule {
        carestat_suppression_rule {
            suppress_min: self.min.get(),
            suppress_max: self.max.get(),
            round_to: self.round.get(),
            min_denominator_for_decimals: self.min_denominator.get(),
        }
    }
}

/// A custom rule in memory of its own, passed as its `how` says.
struct RuleArg {
    words: [u64; 6],
    how: Ptr,
    present: bool,
}

impl RuleArg {
    fn new(custom: Option<&CustomRule>) -> Self {
        let mut r = Self {
            words: [0; 6],
            how: custom.map_or(Ptr::Null, |c| c.how),
            present: custom.is_some(),
        };
        if let Some(c) = custom {
            let p = r.ptr();
            if !p.is_null() {
                // SAFETY: inside `words` (4 words of rule, 2 spare); unaligned on purpose.
                unsafe { p.cast_mut().write_unaligned(c.c()) };
            }
        }
        r
    }

    fn ptr(&mut self) -> *const carestat_suppression_rule {
        let base = self.words.as_mut_ptr().cast::<u8>();
        match self.how {
            _ if !self.present => std::ptr::null(),
            Ptr::Null => std::ptr::null(),
            Ptr::Misaligned(k) => misaligned::<carestat_suppression_rule>(base, k),
            _ => base.cast(),
        }
    }

    /// The rule the call must use, or why it must fail.
    fn core(&mut self, code: u32, custom: Option<&CustomRule>) -> Option<SuppressionRule> {
        let p = self.ptr();
        if p.is_null() {
            return match code {
                0 => Some(SuppressionRule::safeguarding_adults()),
                1 => Some(SuppressionRule::nhs_digital()),
                _ => None,
            };
        }
        if !p.is_aligned() {
            return None;
        }
        let c = custom?.c();
        let mut r =
            SuppressionRule::new("custom", c.suppress_min, c.suppress_max, c.round_to).ok()?;
        r.min_denominator_for_decimals =
            (c.min_denominator_for_decimals > 0).then_some(c.min_denominator_for_decimals);
        Some(r)
    }
}

fn check_published(p: &carestat_published) {
    assert!(p.status <= 2, "{p:?}");
    assert_eq!(p.value.is_nan(), p.status != 0, "{p:?}");
    if p.status == 0 {
        assert!(
            p.value >= 0.0 && p.value.is_finite() && p.value.fract() == 0.0,
            "{p:?}"
        );
    }
}

fn disclosure(op: &DomainOp) {
    match op {
        DomainOp::Suppress(count, code, custom, how) => {
            let mut rule = RuleArg::new(custom.as_ref());
            let count = count.get();
            let core = rule.core(code.u(), custom.as_ref()).map(|r| r.apply(count));
            let fill = carestat_published {
                value: -1.0,
                status: u32::MAX,
            };
            let custom_ptr = rule.ptr();
            // SAFETY: as above; `custom` NULL, valid, or misaligned inside `rule`.
            let got = scalar(*how, fill, matches!(core, Some(Ok(_))), |out| unsafe {
                carestat_suppress(count, code.u(), custom_ptr, out)
            });
            if let Some(p) = got {
                check_published(&p);
                let want = core.unwrap().unwrap();
                assert!(bits_eq(p.value, want.value) && p.status == want.status as u32);
            }
        }
        DomainOp::SuppressMany(counts, place, rows, code, custom, [values, statuses]) => {
            let c = nums(counts);
            let mut rule = RuleArg::new(custom.as_ref());
            let mut call = Call::new();
            let ci = call.input("counts", &c, *place, rows.of(c.len()));
            let len = call.len(ci);
            let vi = call.output::<f64>("out_values", *values, len);
            let si = call.output::<u32>("out_status", *statuses, len);
            call.resolve();
            let custom_ptr = rule.ptr();
            // SAFETY: as above.
            let status = unsafe {
                carestat_suppress_many(
                    call.ptr(ci),
                    len,
                    code.u(),
                    custom_ptr,
                    call.ptr(vi),
                    call.ptr(si),
                )
            };
            check_status(status);
            let ok = status == carestat_status::CARESTAT_OK;
            if let Some(why) = call.must_fail() {
                assert!(!ok, "suppress_many: accepted {why}");
                call.assert_unchanged("suppress_many");
                return;
            }
            let r = rule.core(code.u(), custom.as_ref());
            let counts = call.read::<f64>(ci);
            let want: Option<Vec<_>> =
                r.and_then(|r| counts.iter().map(|&x| r.apply(x).ok()).collect());
            assert_eq!(ok, want.is_some(), "suppress_many: {status:?}");
            // On a value error the outputs are unspecified (documented); on success each row
            // is the scalar call's result.
            if let Some(want) = want {
                call.assert_written_only_in_outputs("suppress_many");
                let (v, s) = (call.read::<f64>(vi), call.read::<u32>(si));
                for (i, w) in want.iter().enumerate() {
                    let p = carestat_published {
                        value: v[i],
                        status: s[i],
                    };
                    check_published(&p);
                    assert!(bits_eq(p.value, w.value) && p.status == w.status as u32);
                }
            }
        }
        DomainOp::DisclosurePercentage(n, d, decimals, code, custom, how) => {
            let mut rule = RuleArg::new(custom.as_ref());
            let (n, d, decimals) = (n.get(), d.get(), decimals.u());
            let core = rule
                .core(code.u(), custom.as_ref())
                .map(|r| r.percentage(n, d, decimals));
            let custom_ptr = rule.ptr();
            // SAFETY: as above.
            let got = scalar(*how, -1.0, matches!(core, Some(Ok(_))), |out| unsafe {
                carestat_disclosure_percentage(n, d, decimals, code.u(), custom_ptr, out)
            });
            if let Some(p) = got {
                assert!(bits_eq(p, core.unwrap().unwrap()));
                assert!(p.is_nan() || (0.0..=100.0).contains(&p), "{p}");
            }
        }
        _ => unreachable!(),
    }
}

const SCHEMES: [&str; 6] = ["Birmingham", "CQC", " cqc ", "BIRMINGHAM", "Other", ""];
const LABELS: [&str; 14] = [
    "Gold",
    "Silver",
    "Bronze",
    "Inadequate",
    "Not yet rated",
    "Outstanding",
    "Good",
    "Requires improvement",
    "Not rated",
    " gold ",
    "GOOD",
    "",
    "Platinum",
    "Inspected but not rated",
];

fn local_scheme(name: &str) -> Option<LocalScheme> {
    match name.trim().to_ascii_lowercase().as_str() {
        "birmingham" => Some(LocalScheme::birmingham()),
        "cqc" => Some(LocalScheme::cqc()),
        _ => None,
    }
}

fn ratings(op: &DomainOp) {
    match op {
        DomainOp::RatingShares(counts, rule, how) => {
            let c = counts.map(|n| n.get());
            let core = RatingCounts::from_f64(c)
                .and_then(|r| r.shares(DenominatorRule::from_code(rule.u())?));
            // SAFETY: as above.
            let got = scalar(*how, [0u64; SHARES_WORDS], core.is_ok(), |out| unsafe {
                carestat_rating_shares(c[0], c[1], c[2], c[3], c[4], rule.u(), out.cast())
            });
            if let Some(words) = got {
                // SAFETY: written on success.
                let s: carestat_rating_shares_result = unsafe { std::mem::transmute_copy(&words) };
                let want = core.unwrap();
                assert!(
                    s.denominator >= 0.0 && s.denominator.fract() == 0.0,
                    "{s:?}"
                );
                for p in [s.outstanding, s.good, s.requires_improvement, s.inadequate] {
                    assert!((0.0..=100.0).contains(&p), "{s:?}");
                }
                assert!((0.0..=100.0).contains(&s.outstanding_or_good), "{s:?}");
                assert_eq!(s.not_rated.is_nan(), rule.u() == 1, "{s:?}");
                assert!(s.not_rated.is_nan() || (0.0..=100.0).contains(&s.not_rated));
                assert!(bits_eq(s.outstanding_or_good, want.outstanding_or_good));
            }
        }
        DomainOp::RatingShareEstimate(counts, rule, confidence, how) => {
            let c = counts.map(|n| n.get());
            let conf = confidence.get();
            let core = RatingCounts::from_f64(c).and_then(|r| {
                r.outstanding_or_good_estimate(DenominatorRule::from_code(rule.u())?, conf)
            });
            let fill = carestat_estimate {
                value: -1.0,
                lower: -1.0,
                upper: -1.0,
                method: u32::MAX,
            };
            // SAFETY: as above.
            let got = scalar(*how, fill, core.is_ok(), |out| unsafe {
                carestat_rating_share_estimate(c[0], c[1], c[2], c[3], c[4], rule.u(), conf, out)
            });
            if let Some(e) = got {
                check_estimate(&e);
                assert!(e.method == 0 || e.upper <= 100.0, "{e:?}");
                let want = core.unwrap();
                assert!(bits_eq(e.value, want.value) && bits_eq(e.lower, want.lower));
            }
        }
        DomainOp::RulesMatching(counts, stated, decimals, how) => {
            let c = counts.map(|n| n.get());
            let (stated, decimals) = (stated.get(), decimals.i());
            let core = RatingCounts::from_f64(c)
                .map(|r| r.rules_matching(&[Rating::Outstanding, Rating::Good], stated, decimals));
            let ok = core.is_ok() && stated.is_finite();
            // SAFETY: as above.
            let got = scalar(*how, u32::MAX, ok, |out| unsafe {
                carestat_rating_rules_matching(c[0], c[1], c[2], c[3], c[4], stated, decimals, out)
            });
            if let Some(mask) = got {
                let want = core.unwrap().iter().fold(0, |m, r| {
                    m | match r {
                        DenominatorRule::AllLocations => 1,
                        DenominatorRule::RatedOnly => 2,
                    }
                });
                assert_eq!(mask, want);
            }
        }
        DomainOp::LocalRating(scheme, label, how) => {
            let (s, l) = (scheme.c(&SCHEMES), label.c(&LABELS));
            let core = match (str_of(s.as_ref()), str_of(l.as_ref())) {
                (Some(s), Some(l)) => local_scheme(s).and_then(|sc| sc.rating(l).ok()),
                _ => None,
            };
            // SAFETY: C strings or NULL; the out pointer as above.
            let got = scalar(*how, u32::MAX, core.is_some(), |out| unsafe {
                carestat_local_rating(ptr_of(s.as_ref()), ptr_of(l.as_ref()), out)
            });
            if let Some(r) = got {
                assert_eq!(r, core.unwrap() as u32);
                assert!(r <= 4);
            }
        }
        DomainOp::LocalRatingCustom(pairs, [labels_at, ratings_at], rows, label, out) => {
            let pairs = &pairs[..pairs.len().min(12)];
            let texts: Vec<Option<CString>> = pairs.iter().map(|(t, _)| t.c(&LABELS)).collect();
            let ptrs: Vec<*const c_char> = texts.iter().map(|t| ptr_of(t.as_ref())).collect();
            let codes: Vec<u32> = pairs.iter().map(|(_, c)| c.u()).collect();
            let l = label.c(&LABELS);
            // The labels are pointers: an alias would make the call read bytes as pointers,
            // which no caller may ask for.
            let labels_at = match labels_at {
                Place::Alias(..) => Place::Own,
                p => *p,
            };
            let mut call = Call::new();
            let li = call.input("labels", &ptrs, labels_at, rows.of(ptrs.len()));
            let len = call.len(li);
            let ri = call.input("ratings", &codes, *ratings_at, len);
            let oi = call.scalar_output::<u32>("out", *out);
            call.resolve();
            // SAFETY: the arena's pointers; every label pointer NULL or a live C string.
            let status = unsafe {
                carestat_local_rating_custom(
                    call.ptr(li),
                    call.ptr(ri),
                    len,
                    ptr_of(l.as_ref()),
                    call.ptr(oi),
                )
            };
            let core = || {
                let label = str_of(l.as_ref())?;
                let codes = call.read::<u32>(ri);
                let mut scheme = Vec::new();
                for (t, &code) in texts.iter().take(len).zip(&codes) {
                    let r = Rating::ALL.into_iter().find(|&r| r as u32 == code)?;
                    scheme.push((str_of(t.as_ref())?, r));
                }
                LocalScheme::new("custom", scheme).ok()?.rating(label).ok()
            };
            if settle(&call, status, || core().is_some(), "local_rating_custom") {
                let r = call.read::<u32>(oi)[0];
                assert_eq!(r, core().unwrap() as u32);
            }
        }
        _ => unreachable!(),
    }
}

pub fn run(op: &DomainOp) {
    match op {
        DomainOp::AscofAt(..)
        | DomainOp::AscofMeasure(..)
        | DomainOp::AscofOutcome(..)
        | DomainOp::AscofCompare(..) => ascof(op),
        DomainOp::CqcRating(..) | DomainOp::CqcThemes(..) | DomainOp::CqcPossible(..) => cqc(op),
        DomainOp::Suppress(..)
        | DomainOp::SuppressMany(..)
        | DomainOp::DisclosurePercentage(..) => disclosure(op),
        DomainOp::RatingShares(..)
        | DomainOp::RatingShareEstimate(..)
        | DomainOp::RulesMatching(..)
        | DomainOp::LocalRating(..)
        | DomainOp::LocalRatingCustom(..) => ratings(op),
        _ => benchmarks(op),
    }
}
