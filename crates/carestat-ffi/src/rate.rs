//! Crude rates per population with exact (count below 10) or Byar's limits, as
//! PHEindicatormethods `phe_rate`.

use crate::estimate::{carestat_estimate, many, ManyArgs};
use crate::guard;
use crate::slices;
use crate::status::carestat_status;

/// A crude rate `count / population * multiplier` with its confidence interval.
///
/// Exact Poisson limits below a count of 10, Byar's from 10, exactly as
/// PHEindicatormethods `phe_rate`. `confidence` is 0.9 up to 1 (0.95, 0.998) or 90 up to
/// 100. A NaN count or population is missing: the result has NaN value and limits and
/// `CARESTAT_METHOD_MISSING`. A count above the population is allowed (events repeat).
///
/// Errors: `CARESTAT_STATUS_NEGATIVE` (count below zero), `CARESTAT_STATUS_NOT_POSITIVE`
/// (population or multiplier zero or below), `CARESTAT_STATUS_NOT_FINITE` (an infinity, or a
/// NaN multiplier), `CARESTAT_STATUS_CONFIDENCE`, `CARESTAT_STATUS_NULL_POINTER` (`out`).
/// `*out` is written only on success.
///
/// # Safety
/// `out` must be NULL or valid for writing one `carestat_estimate`.
#[no_mangle]
pub unsafe extern "C" fn carestat_crude_rate(
    count: f64,
    population: f64,
    multiplier: f64,
    confidence: f64,
    out: *mut carestat_estimate,
) -> carestat_status {
    guard::call(|| {
        let out = slices::out("out", out)?;
        let e = carestat_core::crude_rate(count, population, multiplier, confidence)?;
        // SAFETY: the caller's promise on `out`.
        unsafe { out.write(e.into()) };
        Ok(())
    })
}

/// Crude rates for `len` rows at once: `counts[i]` over `populations[i]`, results in
/// `value[i]`, `lower[i]` and `upper[i]`.
///
/// Every buffer has `len` elements; `(NULL, 0)` is an empty call. Rows follow the rules of
/// `carestat_crude_rate`; the first bad row stops the call and the detail message names it
/// (0-based): `count at row 3: must not be negative (got -1)`. On such an error every output
/// element is set to NaN, never left half-written. Output buffers must not overlap each other
/// or the inputs (`CARESTAT_STATUS_OVERLAPPING_BUFFERS`).
///
/// # Safety
/// Each pointer must be NULL with `len` 0, or valid for `len` doubles (reads for the inputs,
/// writes for the outputs).
#[no_mangle]
pub unsafe extern "C" fn carestat_crude_rate_many(
    counts: *const f64,
    populations: *const f64,
    len: usize,
    multiplier: f64,
    confidence: f64,
    value: *mut f64,
    lower: *mut f64,
    upper: *mut f64,
) -> carestat_status {
    // SAFETY: the caller's promise on the buffers.
    unsafe {
        carestat_crude_rate_many_with_method(
            counts,
            populations,
            len,
            multiplier,
            confidence,
            value,
            lower,
            upper,
            std::ptr::null_mut(),
        )
    }
}

/// As `carestat_crude_rate_many`, also writing each row's `CARESTAT_METHOD_*` code into
/// `method[i]` (exact or Byar's, missing for NaN rows). `method` may be NULL to leave the
/// codes out.
///
/// # Safety
/// As `carestat_crude_rate_many`; `method` must be NULL or valid for writing `len` `uint32_t`.
#[no_mangle]
pub unsafe extern "C" fn carestat_crude_rate_many_with_method(
    counts: *const f64,
    populations: *const f64,
    len: usize,
    multiplier: f64,
    confidence: f64,
    value: *mut f64,
    lower: *mut f64,
    upper: *mut f64,
    method: *mut u32,
) -> carestat_status {
    let args = ManyArgs {
        inputs: [("counts", counts), ("populations", populations)],
        len,
        value,
        lower,
        upper,
        method,
    };
    guard::call(|| {
        // SAFETY: the caller's promise on the buffers.
        unsafe {
            many(&args, |counts, populations, out| {
                carestat_core::crude_rate_many(counts, populations, multiplier, confidence, out)
            })
        }
    })
}
