//! The C ABI entry points, called through the rlib exactly as C calls them: arbitrary doubles
//! (NaN, infinities, subnormals, huge values), arbitrary lengths (including lengths no buffer
//! can have), NULL, misaligned and overlapping pointers, unknown enum codes, strings that are
//! NULL or not UTF-8. Every exported function is called (but the Local Account JSON pair,
//! which the `audit` target feeds).
//!
//! Checks: no panic (libfuzzer-sys aborts on any panic, even one the guard would catch, and
//! `CARESTAT_STATUS_PANIC` is asserted never to come back); a known status with a message,
//! a detail message exactly on failure; a status other than OK for every pointer the ABI must
//! refuse, without touching the memory; success exactly when the core succeeds on the memory
//! the call read; outputs written only on success and only inside their spans (the batch
//! calls set their rows to missing on a value error, as documented); on success the core's
//! numbers bit for bit, in their documented ranges, never infinite; every returned string
//! non-NULL, NUL-terminated UTF-8, and static (or freed with `carestat_string_free`).
//!
//! Modules: `harness` (statuses, strings, scalar out-parameters), `arena` (buffers for array
//! calls), `foundation` (the batch calls), `domain` (ASCOF, benchmarking, CQC, disclosure,
//! ratings), `phe` (standardisation, means, funnels, quantiles, SII).
#![no_main]

#[path = "ffi_abi/arena.rs"]
mod arena;
#[path = "ffi_abi/domain.rs"]
mod domain;
#[path = "ffi_abi/foundation.rs"]
mod foundation;
#[path = "ffi_abi/harness.rs"]
mod harness;
#[path = "ffi_abi/phe.rs"]
mod phe;

use std::ffi::c_char;

use arbitrary::Arbitrary;
use carestat_ffi::change::{
    carestat_judge_change, carestat_percent_change, carestat_point_change,
    carestat_previous_from_percent_change, carestat_previous_range,
};
use carestat_ffi::estimate::{carestat_estimate, carestat_method_name};
use carestat_ffi::proportion::carestat_wilson_proportion;
use carestat_ffi::rate::carestat_crude_rate;
use carestat_ffi::ratings::carestat_rating_share;
use carestat_ffi::status::{carestat_status, carestat_status_message};
use carestat_fuzz::Num;
use libfuzzer_sys::fuzz_target;

use foundation::{batch_estimates, percent_change_many, Batch};
use harness::{
    bits_eq, c_string, check_estimate, check_status, scalar, static_string, Ptr, SENTINEL,
};

#[derive(Debug, Arbitrary)]
enum Op {
    Rate([Num; 4], Ptr),
    Proportion([Num; 4], Ptr),
    RateMany(Batch),
    ProportionMany(Batch),
    PercentChange(Num, Num, Ptr),
    PointChange(Num, Num, Ptr),
    PercentChangeMany(Batch),
    Previous(Num, Num, u32, Ptr),
    Judge(Num, Num, i32, Ptr),
    RatingShare([Num; 5], u32, Ptr),
    Strings(u32),
    Domain(domain::DomainOp),
    Phe(phe::PheOp),
    /// The string tables and the version, for a small code and for any code.
    Codes(u8, u32),
    /// `carestat_string_free` of NULL, and of a string carestat returned.
    StringFree(bool),
}

/// The static string tables: every known code has its own text, every other code the
/// documented fallback.
fn codes(small: u32) {
    use carestat_ffi::benchmark::carestat_comparison_label;
    use carestat_ffi::cqc::{
        carestat_cqc_statement_name, carestat_cqc_statement_theme, carestat_cqc_theme_name,
        carestat_rating_label,
    };
    use carestat_ffi::disclosure::{carestat_gss_symbol, carestat_gss_symbol_meaning};
    use carestat_ffi::funnel::carestat_significance_label;
    let s = small;
    let label = static_string(carestat_comparison_label, s);
    assert_eq!(label == "unknown comparison", s > 5, "{s}: {label}");
    let label = static_string(carestat_rating_label, s);
    assert_eq!(label == "unknown rating", s > 4, "{s}: {label}");
    let label = static_string(carestat_significance_label, s);
    assert_eq!(
        label == "unknown significance",
        !(1..=6).contains(&s),
        "{s}: {label}"
    );
    let symbol = static_string(carestat_gss_symbol, s);
    let meaning = static_string(carestat_gss_symbol_meaning, s);
    assert_eq!(symbol.is_empty(), s > 7, "{s}: {symbol}");
    assert_eq!(meaning.is_empty(), s > 7, "{s}: {meaning}");
    if s <= 7 {
        assert!(symbol.len() == 3 && symbol.starts_with('[') && symbol.ends_with(']'));
    }
    let name = static_string(carestat_cqc_statement_name, s);
    let theme = carestat_cqc_statement_theme(s);
    assert_eq!(name.is_empty(), !(1..=9).contains(&s), "{s}: {name}");
    assert_eq!(theme == 0, !(1..=9).contains(&s), "{s}: {theme}");
    assert!(theme <= 4);
    let theme_name = static_string(carestat_cqc_theme_name, s);
    assert_eq!(
        theme_name.is_empty(),
        !(1..=4).contains(&s),
        "{s}: {theme_name}"
    );
    let _ = static_string(carestat_method_name, s);
    let _ = static_string(carestat_ffi::change::carestat_judgement_label, s);
    let _ = static_string(carestat_status_message, s);
}

fn version() {
    let text = c_string(carestat_ffi::version::carestat_version());
    let parts: Vec<u32> = text
        .split('.')
        .map(|p| p.parse().expect("numeric"))
        .collect();
    assert_eq!(parts.len(), 3, "{text}");
    let number = carestat_ffi::version::carestat_version_number();
    assert_eq!(number, parts[0] << 16 | parts[1] << 8 | parts[2], "{text}");
}

/// The smallest Local Account dataset: enough to get a string carestat allocated.
const TINY_DATASET: &std::ffi::CStr =
    c"{\"format_version\": 1, \"area\": {\"name\": \"A\"}, \"period\": {\"label\": \"2023/24\", \"start\": \"2023-04-01\", \"end\": \"2024-03-31\"}}";

fn string_free(owned: bool) {
    use carestat_ffi::account::{carestat_report_json, carestat_string_free};
    // SAFETY: NULL is documented to do nothing.
    unsafe { carestat_string_free(std::ptr::null_mut()) };
    if owned {
        let mut out: *mut c_char = std::ptr::null_mut();
        // SAFETY: a C string and a valid out-pointer.
        let status = unsafe { carestat_report_json(TINY_DATASET.as_ptr(), &mut out) };
        check_status(status);
        assert_eq!(status, carestat_status::CARESTAT_OK);
        let _ = c_string(out);
        // SAFETY: returned by carestat and freed once (ASan reports a double or bad free).
        unsafe { carestat_string_free(out) };
    }
}

fn run(op: &Op) {
    match op {
        Op::Rate([x, n, m, c], how) => {
            let (x, n, m, c) = (x.get(), n.get(), m.get(), c.get());
            let core = carestat::crude_rate(x, n, m, c);
            let fill = carestat_estimate {
                value: SENTINEL,
                lower: SENTINEL,
                upper: SENTINEL,
                method: u32::MAX,
            };
            // SAFETY: the pointer is valid, NULL, or misaligned inside an allocation.
            let got = scalar(*how, fill, core.is_ok(), |out| unsafe {
                carestat_crude_rate(x, n, m, c, out)
            });
            if let Some(e) = got {
                check_estimate(&e);
                let want = core.unwrap();
                assert!(bits_eq(e.value, want.value) && bits_eq(e.lower, want.lower));
                assert!(bits_eq(e.upper, want.upper) && e.method == want.method.code());
            }
        }
        Op::Proportion([x, n, m, c], how) => {
            let (x, n, m, c) = (x.get(), n.get(), m.get(), c.get());
            let core = carestat::wilson_proportion(x, n, m, c);
            let fill = carestat_estimate {
                value: SENTINEL,
                lower: SENTINEL,
                upper: SENTINEL,
                method: u32::MAX,
            };
            // SAFETY: as above.
            let got = scalar(*how, fill, core.is_ok(), |out| unsafe {
                carestat_wilson_proportion(x, n, m, c, out)
            });
            if let Some(e) = got {
                check_estimate(&e);
                assert!(e.method == 0 || e.upper <= m, "{e:?}");
            }
        }
        Op::RateMany(b) => batch_estimates(b, false),
        Op::ProportionMany(b) => batch_estimates(b, true),
        Op::PercentChangeMany(b) => percent_change_many(b),
        Op::PercentChange(p, c, how) => {
            let (p, c) = (p.get(), c.get());
            let core = carestat::percent_change(p, c);
            // SAFETY: as above.
            let got = scalar(*how, SENTINEL, core.is_ok(), |out| unsafe {
                carestat_percent_change(p, c, out)
            });
            if let Some(v) = got {
                assert!(bits_eq(v, core.unwrap()) && !v.is_infinite());
            }
        }
        Op::PointChange(p, c, how) => {
            let (p, c) = (p.get(), c.get());
            let core = carestat::point_change(p, c);
            // SAFETY: as above.
            let got = scalar(*how, SENTINEL, core.is_ok(), |out| unsafe {
                carestat_point_change(p, c, out)
            });
            if let Some(v) = got {
                assert!(!v.is_infinite());
            }
        }
        Op::Previous(current, pct, decimals, how) => {
            let (current, pct) = (current.get(), pct.get());
            let core = carestat::previous_from_percent_change(current, pct, *decimals);
            let fill = carestat_previous_range {
                lower: SENTINEL,
                point: SENTINEL,
                upper: SENTINEL,
            };
            // SAFETY: as above.
            let got = scalar(*how, fill, core.is_ok(), |out| unsafe {
                carestat_previous_from_percent_change(current, pct, *decimals, out)
            });
            if let Some(r) = got {
                assert!(
                    r.point.is_nan() || (r.lower <= r.point && r.point <= r.upper),
                    "{r:?}"
                );
            }
        }
        Op::Judge(p, c, polarity, how) => {
            let core = carestat::Polarity::from_code(i64::from(*polarity));
            // SAFETY: as above.
            let got = scalar(*how, u32::MAX, core.is_ok(), |out| unsafe {
                carestat_judge_change(p.get(), c.get(), *polarity, out)
            });
            if let Some(j) = got {
                assert!(j <= 4, "{j}");
                let _ = c_string(carestat_ffi::change::carestat_judgement_label(j));
            }
        }
        Op::RatingShare(counts, rule, how) => {
            let v = counts.map(Num::get);
            let core = carestat::ratings::RatingCounts::from_f64(v).and_then(|r| {
                let rule = match rule {
                    0 => carestat::ratings::DenominatorRule::AllLocations,
                    1 => carestat::ratings::DenominatorRule::RatedOnly,
                    _ => return Err(carestat::Error::invalid("rule", "unknown")),
                };
                r.outstanding_or_good_share(rule)
            });
            // SAFETY: as above.
            let got = scalar(*how, SENTINEL, core.is_ok(), |out| unsafe {
                carestat_rating_share(v[0], v[1], v[2], v[3], v[4], *rule, out)
            });
            if let Some(share) = got {
                assert!((0.0..=100.0).contains(&share), "{share}");
            }
        }
        Op::Domain(d) => domain::run(d),
        Op::Phe(p) => phe::run(p),
        Op::Codes(small, any) => {
            codes(u32::from(*small % 12));
            codes(*any);
            version();
        }
        Op::StringFree(owned) => string_free(*owned),
        Op::Strings(code) => {
            let _ = c_string(carestat_status_message(*code));
            let _ = c_string(carestat_method_name(*code));
            let _ = c_string(carestat_ffi::change::carestat_judgement_label(*code));
            let _ = c_string(carestat_ffi::version::carestat_version());
            let _ = c_string(carestat_ffi::guard::carestat_last_error_message());
        }
    }
}

fuzz_target!(|ops: Vec<Op>| {
    for op in ops.iter().take(16) {
        run(op);
    }
});
