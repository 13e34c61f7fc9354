//! Proportions with Wilson score intervals, as PHEindicatormethods `phe_proportion`.

use crate::estimate::{carestat_estimate, many, ManyArgs};
use crate::guard;
use crate::slices;
use crate::status::carestat_status;

/// A proportion `numerator / denominator * multiplier` with its Wilson score interval,
/// exactly as PHEindicatormethods `phe_proportion` (multiplier 1 for a proportion, 100 for a
/// percentage).
///
/// `confidence` is 0.9 up to 1 (0.95, 0.998) or 90 up to 100. A NaN numerator or denominator
/// is missing: the result has NaN value and limits and `CARESTAT_METHOD_MISSING`.
///
/// Errors: `CARESTAT_STATUS_NEGATIVE` (numerator below zero), `CARESTAT_STATUS_NOT_POSITIVE`
/// (denominator or multiplier zero or below), `CARESTAT_STATUS_NUMERATOR_ABOVE_DENOMINATOR`,
/// `CARESTAT_STATUS_NOT_FINITE`, `CARESTAT_STATUS_CONFIDENCE`, `CARESTAT_STATUS_NULL_POINTER`
/// (`out`). `*out` is written only on success.
///
/// # Safety
/// `out` must be NULL or valid for writing one `carestat_estimate`.
#[no_mangle]
pub unsafe extern "C" fn carestat_wilson_proportion(
    numerator: f64,
    denominator: f64,
    multiplier: f64,
    confidence: f64,
    out: *mut carestat_estimate,
) -> carestat_status {
    guard::call(|| {
        let out = slices::out("out", out)?;
        let e = carestat_core::wilson_proportion(numerator, denominator, multiplier, confidence)?;
        // SAFETY: the caller's promise on `out`.
        unsafe { out.write(e.into()) };
        Ok(())
    })
}

/// Wilson proportions for `len` rows at once: `numerators[i]` over `denominators[i]`, results
/// in `value[i]`, `lower[i]` and `upper[i]`.
///
/// Every buffer has `len` elements; `(NULL, 0)` is an empty call. Rows follow the rules of
/// `carestat_wilson_proportion`; the first bad row stops the call and the detail message
/// names it (0-based). On such an error every output element is set to NaN, never left
/// half-written. Output buffers must not overlap each other or the inputs.
///
/// # Safety
/// Each pointer must be NULL with `len` 0, or valid for `len` doubles (reads for the inputs,
/// writes for the outputs).
#[no_mangle]
pub unsafe extern "C" fn carestat_wilson_proportion_many(
    numerators: *const f64,
    denominators: *const f64,
    len: usize,
    multiplier: f64,
    confidence: f64,
    value: *mut f64,
    lower: *mut f64,
    upper: *mut f64,
) -> carestat_status {
    // SAFETY: the caller's promise on the buffers.
    unsafe {
        carestat_wilson_proportion_many_with_method(
            numerators,
            denominators,
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

/// As `carestat_wilson_proportion_many`, also writing each row's `CARESTAT_METHOD_*` code
/// into `method[i]` (Wilson, or missing for NaN rows). `method` may be NULL.
///
/// # Safety
/// As `carestat_wilson_proportion_many`; `method` must be NULL or valid for writing `len`
/// `uint32_t`.
#[no_mangle]
pub unsafe extern "C" fn carestat_wilson_proportion_many_with_method(
    numerators: *const f64,
    denominators: *const f64,
    len: usize,
    multiplier: f64,
    confidence: f64,
    value: *mut f64,
    lower: *mut f64,
    upper: *mut f64,
    method: *mut u32,
) -> carestat_status {
    let args = ManyArgs {
        inputs: [("numerators", numerators), ("denominators", denominators)],
        len,
        value,
        lower,
        upper,
        method,
    };
    guard::call(|| {
        // SAFETY: the caller's promise on the buffers.
        unsafe {
            many(&args, |numerators, denominators, out| {
                carestat_core::wilson_proportion_many(
                    numerators,
                    denominators,
                    multiplier,
                    confidence,
                    out,
                )
            })
        }
    })
}
