//! Change between two periods: percentage change, percentage-point change, the previous value
//! implied by a stated change, and whether a change is an improvement.

use std::ffi::c_char;

use carestat_core::Polarity;

use crate::guard;
use crate::slices;
use crate::status::carestat_status;

/// Percentage change from `previous` to `current`: `(current - previous) / previous * 100`.
///
/// Both values must be zero or above (counts, spend, percentages); NaN in either gives NaN
/// (missing). Errors: `CARESTAT_STATUS_ZERO_PREVIOUS` (a change from zero is undefined, never
/// infinity), `CARESTAT_STATUS_NEGATIVE`, `CARESTAT_STATUS_NOT_FINITE`,
/// `CARESTAT_STATUS_NULL_POINTER` (`out`). `*out` is written only on success.
///
/// # Safety
/// `out` must be NULL or valid for writing one `double`.
#[no_mangle]
pub unsafe extern "C" fn carestat_percent_change(
    previous: f64,
    current: f64,
    out: *mut f64,
) -> carestat_status {
    guard::call(|| {
        let out = slices::out("out", out)?;
        let pct = carestat_core::percent_change(previous, current)?;
        // SAFETY: the caller's promise on `out`.
        unsafe { out.write(pct) };
        Ok(())
    })
}

/// Percentage changes for `len` rows at once: `out[i]` is the change from `previous[i]` to
/// `current[i]`, with the rules of `carestat_percent_change`.
///
/// Every buffer has `len` elements; `(NULL, 0)` is an empty call. The first bad row stops the
/// call and the detail message names it (0-based): `previous at row 2: percentage change from
/// zero is undefined`. On such an error every element of `out` is set to NaN. `out` must not
/// overlap the inputs.
///
/// # Safety
/// Each pointer must be NULL with `len` 0, or valid for `len` doubles (reads for the inputs,
/// writes for `out`).
#[no_mangle]
pub unsafe extern "C" fn carestat_percent_change_many(
    previous: *const f64,
    current: *const f64,
    len: usize,
    out: *mut f64,
) -> carestat_status {
    guard::call(|| {
        let previous = slices::input("previous", previous, len)?;
        let current = slices::input("current", current, len)?;
        let out = slices::output("out", out, len)?;
        slices::check_disjoint(&[previous.span(), current.span(), out.span()])?;
        // SAFETY: checked above; validity of the memory is the caller's promise.
        let (previous, current, out) = unsafe {
            (
                previous.as_slice(),
                current.as_slice(),
                out.into_mut_slice(),
            )
        };
        carestat_core::percent_change_many(previous, current, out).map_err(|e| {
            out.fill(f64::NAN);
            e.into()
        })
    })
}

/// Change in percentage points between two percentages: `current_pct - previous_pct`.
///
/// "6%, up from 5%" is +1 point (and a percentage change of +20%). NaN in either gives NaN.
/// Errors: `CARESTAT_STATUS_NOT_FINITE`, `CARESTAT_STATUS_NULL_POINTER` (`out`). `*out` is
/// written only on success.
///
/// # Safety
/// `out` must be NULL or valid for writing one `double`.
#[no_mangle]
pub unsafe extern "C" fn carestat_point_change(
    previous_pct: f64,
    current_pct: f64,
    out: *mut f64,
) -> carestat_status {
    guard::call(|| {
        let out = slices::out("out", out)?;
        let points = carestat_core::point_change(previous_pct, current_pct)?;
        // SAFETY: the caller's promise on `out`.
        unsafe { out.write(points) };
        Ok(())
    })
}

/// The previous values consistent with a current value and a percentage change stated to a
/// number of decimal places.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct carestat_previous_range {
    /// Smallest previous value consistent with the statement.
    pub lower: f64,
    /// The previous value at the stated change exactly.
    pub point: f64,
    /// Largest previous value consistent with the statement.
    pub upper: f64,
}

/// Back-calculates last period's value from "`current`, a change of `pct`%" with `pct` stated
/// to `decimals` places ("a decrease of 1.5%" is `pct` -1.5, `decimals` 1).
///
/// NaN `current` or `pct` gives NaN limits. Errors: `CARESTAT_STATUS_OUT_OF_RANGE` (the stated
/// change could be -100% or below, or `decimals` above 15), `CARESTAT_STATUS_NEGATIVE`
/// (`current`), `CARESTAT_STATUS_NOT_FINITE`, `CARESTAT_STATUS_NULL_POINTER` (`out`). `*out`
/// is written only on success.
///
/// # Safety
/// `out` must be NULL or valid for writing one `carestat_previous_range`.
#[no_mangle]
pub unsafe extern "C" fn carestat_previous_from_percent_change(
    current: f64,
    pct: f64,
    decimals: u32,
    out: *mut carestat_previous_range,
) -> carestat_status {
    guard::call(|| {
        let out = slices::out("out", out)?;
        let r = carestat_core::previous_from_percent_change(current, pct, decimals)?;
        let range = carestat_previous_range {
            lower: r.lower,
            point: r.point,
            upper: r.upper,
        };
        // SAFETY: the caller's promise on `out`.
        unsafe { out.write(range) };
        Ok(())
    })
}

/// Polarity code: lower values are better (Fingertips polarity 0).
pub const CARESTAT_POLARITY_LOW_IS_GOOD: i32 = 0;
/// Polarity code: higher values are better (Fingertips polarity 1).
pub const CARESTAT_POLARITY_HIGH_IS_GOOD: i32 = 1;
/// Polarity code: no judgement of better or worse (Fingertips 99; -1 is accepted too).
pub const CARESTAT_POLARITY_NO_JUDGEMENT: i32 = 99;

/// Judgement code: a value was missing (NaN).
pub const CARESTAT_JUDGEMENT_MISSING: u32 = 0;
/// Judgement code: the value moved in the good direction.
pub const CARESTAT_JUDGEMENT_IMPROVED: u32 = 1;
/// Judgement code: the value moved in the bad direction.
pub const CARESTAT_JUDGEMENT_WORSENED: u32 = 2;
/// Judgement code: the value did not change.
pub const CARESTAT_JUDGEMENT_NO_CHANGE: u32 = 3;
/// Judgement code: the value changed but the measure carries no judgement.
pub const CARESTAT_JUDGEMENT_NOT_JUDGED: u32 = 4;

/// Judges the change from `previous` to `current` for a measure of `polarity` (a
/// `CARESTAT_POLARITY_*` code: 0 low is good, 1 high is good, 99 or -1 no judgement), writing
/// a `CARESTAT_JUDGEMENT_*` code to `*out`.
///
/// Errors: `CARESTAT_STATUS_OUT_OF_RANGE` (any other polarity code),
/// `CARESTAT_STATUS_NULL_POINTER` (`out`). `*out` is written only on success.
///
/// # Safety
/// `out` must be NULL or valid for writing one `uint32_t`.
#[no_mangle]
pub unsafe extern "C" fn carestat_judge_change(
    previous: f64,
    current: f64,
    polarity: i32,
    out: *mut u32,
) -> carestat_status {
    guard::call(|| {
        let out = slices::out("out", out)?;
        // An integer from C, converted with an error for unknown codes: never trusted as an enum.
        let polarity = Polarity::from_code(i64::from(polarity))?;
        let judgement = carestat_core::judge_change(previous, current, polarity);
        // SAFETY: the caller's promise on `out`.
        unsafe { out.write(judgement as u32) };
        Ok(())
    })
}

/// A lower-case label for a `CARESTAT_JUDGEMENT_*` code: "improved", "worsened", "no change",
/// "not judged", "missing"; "unknown judgement" for any other code.
///
/// Never NULL, never to be freed; valid for the life of the program.
#[no_mangle]
pub extern "C" fn carestat_judgement_label(judgement: u32) -> *const c_char {
    let unknown = c"unknown judgement".as_ptr();
    guard::infallible(unknown, || match judgement {
        CARESTAT_JUDGEMENT_MISSING => c"missing".as_ptr(),
        CARESTAT_JUDGEMENT_IMPROVED => c"improved".as_ptr(),
        CARESTAT_JUDGEMENT_WORSENED => c"worsened".as_ptr(),
        CARESTAT_JUDGEMENT_NO_CHANGE => c"no change".as_ptr(),
        CARESTAT_JUDGEMENT_NOT_JUDGED => c"not judged".as_ptr(),
        _ => unknown,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use carestat_core::Judgement;
    use std::ffi::CStr;

    #[test]
    fn codes_match_the_core() {
        for (code, j) in [
            (CARESTAT_JUDGEMENT_MISSING, Judgement::Missing),
            (CARESTAT_JUDGEMENT_IMPROVED, Judgement::Improved),
            (CARESTAT_JUDGEMENT_WORSENED, Judgement::Worsened),
            (CARESTAT_JUDGEMENT_NO_CHANGE, Judgement::NoChange),
            (CARESTAT_JUDGEMENT_NOT_JUDGED, Judgement::NotJudged),
        ] {
            assert_eq!(j as u32, code);
            let label = unsafe { CStr::from_ptr(carestat_judgement_label(code)) };
            assert_eq!(label.to_str().unwrap(), j.label());
        }
        for (code, p) in [
            (CARESTAT_POLARITY_LOW_IS_GOOD, Polarity::LowIsGood),
            (CARESTAT_POLARITY_HIGH_IS_GOOD, Polarity::HighIsGood),
            (CARESTAT_POLARITY_NO_JUDGEMENT, Polarity::NoJudgement),
        ] {
            assert_eq!(Polarity::from_code(i64::from(code)).unwrap(), p);
            assert_eq!(p as i32, code);
        }
    }
}
