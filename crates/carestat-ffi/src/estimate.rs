//! `carestat_estimate` (a value with its confidence interval), the method codes, and the
//! shared body of the batch functions that fill columns of estimates.

use std::ffi::c_char;

use carestat_core::{Estimate, EstimatesMut, Method};

use crate::guard::Failure;
use crate::slices;

/// No estimate: an input was missing (NaN); value and limits are NaN.
pub const CARESTAT_METHOD_MISSING: u32 = 0;
/// Exact Poisson limits from chi-squared quantiles (rates with counts below 10).
pub const CARESTAT_METHOD_EXACT: u32 = 1;
/// Byar's approximation to the Poisson limits (rates with counts of 10 or more).
pub const CARESTAT_METHOD_BYARS: u32 = 2;
/// Wilson score interval (proportions).
pub const CARESTAT_METHOD_WILSON: u32 = 3;
/// Dobson's method (directly standardised rates).
pub const CARESTAT_METHOD_DOBSON: u32 = 4;
/// Student's t interval (means).
pub const CARESTAT_METHOD_STUDENT_T: u32 = 5;
/// Withheld as unreliable (a directly standardised rate from fewer than 10 events); NaN values.
pub const CARESTAT_METHOD_SUPPRESSED: u32 = 6;
/// Dobson's method adjusted for non-independent events (people with more than one event).
pub const CARESTAT_METHOD_DOBSON_NON_INDEPENDENT: u32 = 7;

/// A point estimate with the limits of its confidence interval.
///
/// `method` is one of the `CARESTAT_METHOD_*` codes. A missing input gives NaN in `value`,
/// `lower` and `upper` and `CARESTAT_METHOD_MISSING`.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct carestat_estimate {
    /// The point estimate.
    pub value: f64,
    /// Lower confidence limit.
    pub lower: f64,
    /// Upper confidence limit.
    pub upper: f64,
    /// How the interval was computed: a `CARESTAT_METHOD_*` code.
    pub method: u32,
}

impl From<Estimate> for carestat_estimate {
    fn from(e: Estimate) -> Self {
        Self {
            value: e.value,
            lower: e.lower,
            upper: e.upper,
            method: e.method.code(),
        }
    }
}

/// The name of a method code as PHEindicatormethods prints it: "Exact", "Byars", "Wilson",
/// ...; "" for `CARESTAT_METHOD_MISSING` and "unknown method" for a code no method has.
///
/// Never NULL, never to be freed; valid for the life of the program.
#[no_mangle]
pub extern "C" fn carestat_method_name(method: u32) -> *const c_char {
    let unknown = c"unknown method".as_ptr();
    crate::guard::infallible(unknown, || match Method::from_code(method) {
        Some(Method::Missing) => c"".as_ptr(),
        Some(Method::Exact) => c"Exact".as_ptr(),
        Some(Method::Byars) => c"Byars".as_ptr(),
        Some(Method::Wilson) => c"Wilson".as_ptr(),
        Some(Method::Dobson) => c"Dobson".as_ptr(),
        Some(Method::StudentT) => c"Student's t-distribution".as_ptr(),
        Some(Method::Suppressed) => c"Suppressed".as_ptr(),
        Some(Method::DobsonNonIndependent) => {
            c"Dobson, with confidence adjusted for non-independent events".as_ptr()
        }
        // A method the core has added but this table has not caught up with.
        Some(_) | None => unknown,
    })
}

/// The C arguments of a batch call over two input columns.
pub(crate) struct ManyArgs {
    /// Names and pointers of the two input columns.
    pub(crate) inputs: [(&'static str, *const f64); 2],
    /// Rows in every column.
    pub(crate) len: usize,
    /// Point estimates (required).
    pub(crate) value: *mut f64,
    /// Lower limits (required).
    pub(crate) lower: *mut f64,
    /// Upper limits (required).
    pub(crate) upper: *mut f64,
    /// Method codes (optional: NULL leaves them out).
    pub(crate) method: *mut u32,
}

/// Checks the buffers of a batch call and runs `compute` on them.
///
/// When `compute` fails (a bad value in some row), every output element is set to NaN (and
/// every method code to `CARESTAT_METHOD_MISSING`), so a caller that ignores the status never
/// reads a partial result. When the buffers themselves are bad nothing is written.
///
/// # Safety
/// Each non-NULL pointer must be valid for `len` elements (reads for inputs, writes for
/// outputs) for the duration of the call.
pub(crate) unsafe fn many(
    args: &ManyArgs,
    compute: impl FnOnce(&[f64], &[f64], EstimatesMut<'_>) -> carestat_core::Result<()>,
) -> Result<(), Failure> {
    let len = args.len;
    let a = slices::input(args.inputs[0].0, args.inputs[0].1, len)?;
    let b = slices::input(args.inputs[1].0, args.inputs[1].1, len)?;
    let value = slices::output("value", args.value, len)?;
    let lower = slices::output("lower", args.lower, len)?;
    let upper = slices::output("upper", args.upper, len)?;
    let method = slices::optional_output("method", args.method, len)?;
    let mut spans = [
        a.span(),
        b.span(),
        value.span(),
        lower.span(),
        upper.span(),
        a.span(),
    ];
    let n = match &method {
        Some(m) => {
            spans[5] = m.span();
            6
        }
        None => 5,
    };
    slices::check_disjoint(&spans[..n])?;
    // SAFETY: checked above (non-NULL or empty, aligned, outputs disjoint from everything);
    // that the memory is valid for `len` elements is the caller's promise.
    let (a, b, value, lower, upper, mut method) = unsafe {
        (
            a.as_slice(),
            b.as_slice(),
            value.into_mut_slice(),
            lower.into_mut_slice(),
            upper.into_mut_slice(),
            method.map(|m| m.into_mut_slice()),
        )
    };
    let out = EstimatesMut {
        value: &mut *value,
        lower: &mut *lower,
        upper: &mut *upper,
        method: method.as_deref_mut(),
    };
    compute(a, b, out).map_err(|e| {
        value.fill(f64::NAN);
        lower.fill(f64::NAN);
        upper.fill(f64::NAN);
        if let Some(m) = method {
            m.fill(CARESTAT_METHOD_MISSING);
        }
        Failure::Core(e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    #[test]
    fn method_codes_match_the_core() {
        for (code, method) in [
            (CARESTAT_METHOD_MISSING, Method::Missing),
            (CARESTAT_METHOD_EXACT, Method::Exact),
            (CARESTAT_METHOD_BYARS, Method::Byars),
            (CARESTAT_METHOD_WILSON, Method::Wilson),
            (CARESTAT_METHOD_DOBSON, Method::Dobson),
            (CARESTAT_METHOD_STUDENT_T, Method::StudentT),
            (CARESTAT_METHOD_SUPPRESSED, Method::Suppressed),
            (
                CARESTAT_METHOD_DOBSON_NON_INDEPENDENT,
                Method::DobsonNonIndependent,
            ),
        ] {
            assert_eq!(method.code(), code);
            let name = unsafe { CStr::from_ptr(carestat_method_name(code)) };
            assert_eq!(name.to_str().unwrap(), method.name());
        }
        let name = unsafe { CStr::from_ptr(carestat_method_name(99)) };
        assert_eq!(name.to_str().unwrap(), "unknown method");
    }
}
