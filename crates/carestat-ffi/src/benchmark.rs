//! Benchmarking as Fingertips does it: an interval against a benchmark value (one or two
//! levels), quintiles with `PERCENTILE.INC` bounds, ranks in a comparator group, and the
//! difference from the comparator average.

use std::ffi::c_char;

use carestat_core::benchmark::{self, RankOrder};
use carestat_core::{Error, Polarity};

use crate::guard;
use crate::slices;
use crate::status::carestat_status;

/// Comparison code: not compared (no interval, or no benchmark).
pub const CARESTAT_COMPARISON_NOT_COMPARED: u32 = 0;
/// Comparison code: significantly better.
pub const CARESTAT_COMPARISON_BETTER: u32 = 1;
/// Comparison code: similar (the interval contains or touches the benchmark).
pub const CARESTAT_COMPARISON_SIMILAR: u32 = 2;
/// Comparison code: significantly worse.
pub const CARESTAT_COMPARISON_WORSE: u32 = 3;
/// Comparison code: significantly higher (measure without polarity).
pub const CARESTAT_COMPARISON_HIGHER: u32 = 4;
/// Comparison code: significantly lower (measure without polarity).
pub const CARESTAT_COMPARISON_LOWER: u32 = 5;

/// Significance level code: not significant (or not compared).
pub const CARESTAT_LEVEL_NONE: u32 = 0;
/// Significance level code: significant at 95% but not at 99.8%.
pub const CARESTAT_LEVEL_95: u32 = 1;
/// Significance level code: significant at 99.8%.
pub const CARESTAT_LEVEL_99_8: u32 = 2;

/// Rank order: the highest value is rank 1.
pub const CARESTAT_RANK_HIGHEST_FIRST: u32 = 0;
/// Rank order: the lowest value is rank 1.
pub const CARESTAT_RANK_LOWEST_FIRST: u32 = 1;

fn polarity(code: i32) -> Result<Polarity, Error> {
    Polarity::from_code(i64::from(code))
}

/// Compares an area's confidence interval `[lower, upper]` with a `benchmark` value for a
/// measure of `polarity` (a `CARESTAT_POLARITY_*` code), writing a `CARESTAT_COMPARISON_*`
/// code. A NaN limit or benchmark gives `CARESTAT_COMPARISON_NOT_COMPARED`; a limit equal to
/// the benchmark is similar.
///
/// Errors: `CARESTAT_STATUS_NOT_FINITE`, `CARESTAT_STATUS_INVALID` (lower above upper),
/// `CARESTAT_STATUS_OUT_OF_RANGE` (polarity code), `CARESTAT_STATUS_NULL_POINTER`. `*out` is
/// written only on success.
///
/// # Safety
/// `out` must be NULL or valid for writing one `uint32_t`.
#[no_mangle]
pub unsafe extern "C" fn carestat_benchmark_compare(
    lower: f64,
    upper: f64,
    benchmark: f64,
    polarity_code: i32,
    out: *mut u32,
) -> carestat_status {
    guard::call(|| {
        let out = slices::out("out", out)?;
        let c = benchmark::compare(lower, upper, benchmark, polarity(polarity_code)?)?;
        // SAFETY: the caller's promise on `out`.
        unsafe { out.write(c as u32) };
        Ok(())
    })
}

/// A comparison at 95% and 99.8% together.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct carestat_two_level {
    /// A `CARESTAT_COMPARISON_*` code.
    pub comparison: u32,
    /// A `CARESTAT_LEVEL_*` code: the strongest level at which `comparison` holds.
    pub level: u32,
}

/// Compares with the 95% and the 99.8% interval together (Fingertips' two-level display).
/// The 99.8% interval must contain the 95% one; any NaN gives not compared.
///
/// Errors: as `carestat_benchmark_compare`, and `CARESTAT_STATUS_INVALID` when the 99.8%
/// interval does not contain the 95% interval.
///
/// # Safety
/// `out` must be NULL or valid for writing one `carestat_two_level`.
#[no_mangle]
pub unsafe extern "C" fn carestat_benchmark_compare_two_level(
    lower95: f64,
    upper95: f64,
    lower99_8: f64,
    upper99_8: f64,
    benchmark: f64,
    polarity_code: i32,
    out: *mut carestat_two_level,
) -> carestat_status {
    guard::call(|| {
        let out = slices::out("out", out)?;
        let c = benchmark::compare_two_level(
            (lower95, upper95),
            (lower99_8, upper99_8),
            benchmark,
            polarity(polarity_code)?,
        )?;
        let result = carestat_two_level {
            comparison: c.comparison as u32,
            level: c.level as u32,
        };
        // SAFETY: the caller's promise on `out`.
        unsafe { out.write(result) };
        Ok(())
    })
}

/// Fingertips' label for a `CARESTAT_COMPARISON_*` code: "Better", "Similar", "Worse",
/// "Higher", "Lower", "Not compared"; "unknown comparison" for any other code.
///
/// Never NULL, never to be freed; valid for the life of the program.
#[no_mangle]
pub extern "C" fn carestat_comparison_label(comparison: u32) -> *const c_char {
    let unknown = c"unknown comparison".as_ptr();
    guard::infallible(unknown, || match comparison {
        CARESTAT_COMPARISON_NOT_COMPARED => c"Not compared".as_ptr(),
        CARESTAT_COMPARISON_BETTER => c"Better".as_ptr(),
        CARESTAT_COMPARISON_SIMILAR => c"Similar".as_ptr(),
        CARESTAT_COMPARISON_WORSE => c"Worse".as_ptr(),
        CARESTAT_COMPARISON_HIGHER => c"Higher".as_ptr(),
        CARESTAT_COMPARISON_LOWER => c"Lower".as_ptr(),
        _ => unknown,
    })
}

/// The `p`-th percentile (`p` from 0 to 1) of `values` with linear interpolation, as Excel's
/// `PERCENTILE.INC`. NaN values are left out.
///
/// Errors: `CARESTAT_STATUS_TOO_FEW` (no value), `CARESTAT_STATUS_OUT_OF_RANGE` (`p`),
/// `CARESTAT_STATUS_NOT_FINITE` (naming the row), `CARESTAT_STATUS_NULL_POINTER`.
///
/// # Safety
/// `values` must be NULL with `len` 0 or valid for reading `len` doubles; `out` NULL or valid
/// for writing one double.
#[no_mangle]
pub unsafe extern "C" fn carestat_percentile_inc(
    values: *const f64,
    len: usize,
    p: f64,
    out: *mut f64,
) -> carestat_status {
    guard::call(|| {
        let values = slices::input("values", values, len)?;
        let out = slices::out("out", out)?;
        // SAFETY: checked; validity of the memory is the caller's promise.
        let v = benchmark::percentile_inc(unsafe { values.as_slice() }, p)?;
        // SAFETY: the caller's promise on `out`.
        unsafe { out.write(v) };
        Ok(())
    })
}

/// Quintile bounds: minimum, 20th, 40th, 60th and 80th percentiles (`PERCENTILE.INC`) and
/// maximum.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct carestat_quintiles_result {
    /// `{min, P20, P40, P60, P80, max}`.
    pub bounds: [f64; 6],
}

/// Quintile bounds of at least 5 non-missing values.
///
/// Errors: `CARESTAT_STATUS_TOO_FEW` (fewer than 5 values once NaN are left out),
/// `CARESTAT_STATUS_NOT_FINITE` (naming the row), `CARESTAT_STATUS_NULL_POINTER`.
///
/// # Safety
/// `values` must be NULL with `len` 0 or valid for reading `len` doubles; `out` NULL or valid
/// for writing one `carestat_quintiles_result`.
#[no_mangle]
pub unsafe extern "C" fn carestat_quintiles(
    values: *const f64,
    len: usize,
    out: *mut carestat_quintiles_result,
) -> carestat_status {
    guard::call(|| {
        let values = slices::input("values", values, len)?;
        let out = slices::out("out", out)?;
        // SAFETY: checked; validity of the memory is the caller's promise.
        let q = benchmark::quintiles(unsafe { values.as_slice() })?;
        // SAFETY: the caller's promise on `out`.
        unsafe { out.write(carestat_quintiles_result { bounds: q.bounds }) };
        Ok(())
    })
}

/// The quintile (1 lowest values .. 5 highest) of `value` within `quintiles`; 0 for NaN.
/// Quintile q holds values above bound q-1 up to and including bound q (a value equal to the
/// 20th percentile is in quintile 1); values beyond the range go to 1 or 5. A NULL or
/// misaligned `quintiles` gives 0 (it is not read).
///
/// # Safety
/// `quintiles` must be NULL, misaligned, or point to a `carestat_quintiles_result`.
#[no_mangle]
pub unsafe extern "C" fn carestat_quintile_of(
    quintiles: *const carestat_quintiles_result,
    value: f64,
) -> u32 {
    guard::infallible(0, || {
        if !quintiles.is_aligned() {
            return 0;
        }
        // SAFETY: aligned (checked); the caller's promise: NULL or a valid result.
        let Some(q) = (unsafe { quintiles.as_ref() }) else {
            return 0;
        };
        benchmark::Quintiles { bounds: q.bounds }
            .quintile(value)
            .map_or(0, u32::from)
    })
}

/// A rank within a group.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct carestat_rank_result {
    /// 1 + the number of values strictly ahead; 0 when the value is missing (NaN).
    pub rank: usize,
    /// Number of non-missing values in the group.
    pub of: usize,
    /// How many other values equal this one.
    pub tied: usize,
}

/// The rank of `values[index]` within `values` in `order` (a `CARESTAT_RANK_*` code).
/// Ties share the best of their ranks ("1224"); NaN values are left out of the group.
///
/// Errors: `CARESTAT_STATUS_OUT_OF_RANGE` (`index` not below `len`, or order code),
/// `CARESTAT_STATUS_NOT_FINITE` (naming the row), `CARESTAT_STATUS_NULL_POINTER`.
///
/// # Safety
/// `values` must be NULL with `len` 0 or valid for reading `len` doubles; `out` NULL or valid
/// for writing one `carestat_rank_result`.
#[no_mangle]
pub unsafe extern "C" fn carestat_rank(
    values: *const f64,
    len: usize,
    index: usize,
    order: u32,
    out: *mut carestat_rank_result,
) -> carestat_status {
    guard::call(|| {
        let values = slices::input("values", values, len)?;
        let out = slices::out("out", out)?;
        let order = match order {
            CARESTAT_RANK_HIGHEST_FIRST => RankOrder::HighestFirst,
            CARESTAT_RANK_LOWEST_FIRST => RankOrder::LowestFirst,
            other => {
                return Err(Error::OutOfRange {
                    field: "order".into(),
                    value: f64::from(other),
                    expected: "0 (highest first) or 1 (lowest first)".into(),
                }
                .into())
            }
        };
        // SAFETY: checked; validity of the memory is the caller's promise.
        let values = unsafe { values.as_slice() };
        let r = benchmark::rank(values, index, order)?;
        let of = values.iter().filter(|v| !v.is_nan()).count();
        let result = r.map_or(
            carestat_rank_result {
                rank: 0,
                of,
                tied: 0,
            },
            |r| carestat_rank_result {
                rank: r.rank,
                of: r.of,
                tied: r.tied,
            },
        );
        // SAFETY: the caller's promise on `out`.
        unsafe { out.write(result) };
        Ok(())
    })
}

/// A value's difference from a reference (a comparator average, a benchmark).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct carestat_difference {
    /// The reference value.
    pub reference: f64,
    /// value - reference.
    pub difference: f64,
    /// (value - reference) / reference × 100; NaN when the reference is 0 or missing.
    pub percent_difference: f64,
}

/// The difference of `value` from `reference` ("peers 625 and WCC 618": -7, -1.12%).
///
/// Errors: `CARESTAT_STATUS_NOT_FINITE`, `CARESTAT_STATUS_INVALID` (a difference or percentage
/// beyond the doubles), `CARESTAT_STATUS_NULL_POINTER`.
///
/// # Safety
/// `out` must be NULL or valid for writing one `carestat_difference`.
#[no_mangle]
pub unsafe extern "C" fn carestat_difference_from(
    value: f64,
    reference: f64,
    out: *mut carestat_difference,
) -> carestat_status {
    guard::call(|| {
        let out = slices::out("out", out)?;
        let d = benchmark::difference_from(value, reference)?;
        // SAFETY: the caller's promise on `out`.
        unsafe { out.write(difference(d)) };
        Ok(())
    })
}

/// The difference of `value` from the mean of a comparator group's non-missing values.
///
/// Errors: `CARESTAT_STATUS_TOO_FEW` (no value in the group), `CARESTAT_STATUS_NOT_FINITE`,
/// `CARESTAT_STATUS_INVALID` (as `carestat_difference_from`), `CARESTAT_STATUS_NULL_POINTER`.
///
/// # Safety
/// `group` must be NULL with `len` 0 or valid for reading `len` doubles; `out` NULL or valid
/// for writing one `carestat_difference`.
#[no_mangle]
pub unsafe extern "C" fn carestat_difference_from_average(
    value: f64,
    group: *const f64,
    len: usize,
    out: *mut carestat_difference,
) -> carestat_status {
    guard::call(|| {
        let group = slices::input("group", group, len)?;
        let out = slices::out("out", out)?;
        // SAFETY: checked; validity of the memory is the caller's promise.
        let d = benchmark::difference_from_average(value, unsafe { group.as_slice() })?;
        // SAFETY: the caller's promise on `out`.
        unsafe { out.write(difference(d)) };
        Ok(())
    })
}

fn difference(d: benchmark::Difference) -> carestat_difference {
    carestat_difference {
        reference: d.reference,
        difference: d.difference,
        percent_difference: d.percent_difference,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use carestat_core::benchmark::{Comparison, Level};
    use std::ffi::CStr;

    #[test]
    fn codes_match_the_core() {
        for c in [
            Comparison::NotCompared,
            Comparison::Better,
            Comparison::Similar,
            Comparison::Worse,
            Comparison::Higher,
            Comparison::Lower,
        ] {
            let label = unsafe { CStr::from_ptr(carestat_comparison_label(c as u32)) };
            assert_eq!(label.to_str().unwrap(), c.label());
        }
        assert_eq!(Level::None as u32, CARESTAT_LEVEL_NONE);
        assert_eq!(Level::NinetyFive as u32, CARESTAT_LEVEL_95);
        assert_eq!(Level::NinetyNinePointEight as u32, CARESTAT_LEVEL_99_8);
        assert_eq!(RankOrder::HighestFirst as u32, CARESTAT_RANK_HIGHEST_FIRST);
        assert_eq!(RankOrder::LowestFirst as u32, CARESTAT_RANK_LOWEST_FIRST);
    }
}
