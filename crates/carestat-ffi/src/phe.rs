//! Standardised rates and ratios for one area from its figures by age band: directly
//! standardised rates (PHEindicatormethods `calculate_dsr`) and indirectly standardised
//! ratios and rates (`calculate_ISRatio`, `calculate_ISRate`).

use carestat_core::dsr::ESP2013;
use carestat_core::isr::{Isr, Observed};

use crate::estimate::carestat_estimate;
use crate::guard::{self, Failure};
use crate::slices;
use crate::status::carestat_status;

/// A directly standardised rate for one area with its Dobson interval.
///
/// `counts[i]`, `populations[i]` and `standard_populations[i]` are age band `i`, for `len`
/// bands. `standard_populations` may be NULL for the European Standard Population 2013 (then
/// `len` must be 19, bands `0-4` to `90+`). A NaN count counts as zero events. With fewer than
/// 10 events in total the rate is withheld: NaN value and limits, `CARESTAT_METHOD_SUPPRESSED`;
/// otherwise the method is `CARESTAT_METHOD_DOBSON`.
///
/// Errors: `CARESTAT_STATUS_NEGATIVE` (a count or standard population below zero),
/// `CARESTAT_STATUS_NOT_POSITIVE` (a population zero or below, multiplier),
/// `CARESTAT_STATUS_NOT_FINITE`, `CARESTAT_STATUS_INVALID` (a missing population),
/// `CARESTAT_STATUS_LENGTH_MISMATCH` (NULL standard with `len` other than 19),
/// `CARESTAT_STATUS_CONFIDENCE`, `CARESTAT_STATUS_NULL_POINTER`. The detail message names the
/// array and the band (0-based). `*out` is written only on success.
///
/// # Safety
/// Each input must be NULL with `len` 0, or valid for reading `len` doubles
/// (`standard_populations` may also be NULL); `out` must be NULL or valid for writing one
/// `carestat_estimate`.
#[no_mangle]
pub unsafe extern "C" fn carestat_dsr(
    counts: *const f64,
    populations: *const f64,
    standard_populations: *const f64,
    len: usize,
    multiplier: f64,
    confidence: f64,
    out: *mut carestat_estimate,
) -> carestat_status {
    guard::call(|| {
        let out = slices::out("out", out)?;
        let counts = slices::input("counts", counts, len)?;
        let populations = slices::input("populations", populations, len)?;
        let standard = if standard_populations.is_null() {
            None
        } else {
            Some(slices::input(
                "standard_populations",
                standard_populations,
                len,
            )?)
        };
        // SAFETY: the caller's promise on the inputs (checked non-NULL, aligned, sized).
        let (counts, populations, standard) = unsafe {
            (
                counts.as_slice(),
                populations.as_slice(),
                standard.as_ref().map_or(&ESP2013[..], |s| s.as_slice()),
            )
        };
        let e = carestat_core::dsr::dsr(counts, populations, standard, multiplier)?
            .estimate(confidence)?;
        // SAFETY: the caller's promise on `out`.
        unsafe { out.write(e.into()) };
        Ok(())
    })
}

/// Observed and expected events from the arguments shared by the two ISR functions.
///
/// # Safety
/// As `carestat_isr_ratio`.
unsafe fn isr(
    counts: *const f64,
    observed_total: f64,
    populations: *const f64,
    reference_counts: *const f64,
    reference_populations: *const f64,
    len: usize,
) -> Result<Isr, Failure> {
    let populations = slices::input("populations", populations, len)?;
    let reference_counts = slices::input("reference_counts", reference_counts, len)?;
    let reference_populations = slices::input("reference_populations", reference_populations, len)?;
    let counts = if counts.is_null() {
        None
    } else {
        Some(slices::input("counts", counts, len)?)
    };
    // SAFETY: the caller's promise on the inputs (checked non-NULL, aligned, sized).
    let (populations, reference_counts, reference_populations, counts) = unsafe {
        (
            populations.as_slice(),
            reference_counts.as_slice(),
            reference_populations.as_slice(),
            counts.as_ref().map(|c| c.as_slice()),
        )
    };
    let observed = counts.map_or(Observed::Total(observed_total), Observed::Bands);
    Ok(carestat_core::isr::isr(
        observed,
        populations,
        reference_counts,
        reference_populations,
    )?)
}

/// An indirectly standardised ratio `observed / expected * refvalue` for one area, with exact
/// Poisson limits below 10 observed events and Byar's from 10 (`CARESTAT_METHOD_EXACT` /
/// `CARESTAT_METHOD_BYARS`).
///
/// `populations[i]`, `reference_counts[i]` and `reference_populations[i]` are age band `i`,
/// for `len` bands; expected events are `sum reference_counts[i] / reference_populations[i] *
/// populations[i]`. The observed events are `counts` summed over the bands, or, when `counts`
/// is NULL, `observed_total` (NaN: missing, giving `CARESTAT_METHOD_MISSING`); with `counts`
/// given, `observed_total` is ignored. NaN counts, populations and reference counts count as
/// zero. `refvalue` is usually 1 or 100.
///
/// Errors: `CARESTAT_STATUS_NEGATIVE`, `CARESTAT_STATUS_NOT_POSITIVE` (a reference population
/// zero or below, no expected events, `refvalue`), `CARESTAT_STATUS_NOT_FINITE`,
/// `CARESTAT_STATUS_INVALID`, `CARESTAT_STATUS_CONFIDENCE`, `CARESTAT_STATUS_NULL_POINTER`.
/// `*out` is written only on success.
///
/// # Safety
/// Each input must be NULL with `len` 0, or valid for reading `len` doubles (`counts` may also
/// be NULL); `out` must be NULL or valid for writing one `carestat_estimate`.
#[no_mangle]
pub unsafe extern "C" fn carestat_isr_ratio(
    counts: *const f64,
    observed_total: f64,
    populations: *const f64,
    reference_counts: *const f64,
    reference_populations: *const f64,
    len: usize,
    refvalue: f64,
    confidence: f64,
    out: *mut carestat_estimate,
) -> carestat_status {
    guard::call(|| {
        let out = slices::out("out", out)?;
        // SAFETY: the caller's promise on the buffers.
        let s = unsafe {
            isr(
                counts,
                observed_total,
                populations,
                reference_counts,
                reference_populations,
                len,
            )
        }?;
        let e = s.ratio(confidence, refvalue)?;
        // SAFETY: the caller's promise on `out`.
        unsafe { out.write(e.into()) };
        Ok(())
    })
}

/// An indirectly standardised rate `observed / expected * reference rate * multiplier` for
/// one area, the reference rate being `sum reference_counts / sum reference_populations`.
/// Arguments, limits and errors as `carestat_isr_ratio` (`multiplier` in place of `refvalue`).
///
/// # Safety
/// As `carestat_isr_ratio`.
#[no_mangle]
pub unsafe extern "C" fn carestat_isr_rate(
    counts: *const f64,
    observed_total: f64,
    populations: *const f64,
    reference_counts: *const f64,
    reference_populations: *const f64,
    len: usize,
    multiplier: f64,
    confidence: f64,
    out: *mut carestat_estimate,
) -> carestat_status {
    guard::call(|| {
        let out = slices::out("out", out)?;
        // SAFETY: the caller's promise on the buffers.
        let s = unsafe {
            isr(
                counts,
                observed_total,
                populations,
                reference_counts,
                reference_populations,
                len,
            )
        }?;
        let e = s.rate(confidence, multiplier)?;
        // SAFETY: the caller's promise on `out`.
        unsafe { out.write(e.into()) };
        Ok(())
    })
}

/// Number of points `carestat_proportion_funnel_limits` writes.
pub const CARESTAT_FUNNEL_POINTS: usize = 100;
const _: () = assert!(CARESTAT_FUNNEL_POINTS == carestat_core::funnel::FUNNEL_POINTS);

/// One point of funnel plot lines.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct carestat_funnel_point {
    /// The population (denominator) the limits are for.
    pub x: f64,
    /// Lower 95% (2 sigma, 0.025) limit.
    pub lower_2s_limit: f64,
    /// Upper 95% limit.
    pub upper_2s_limit: f64,
    /// Lower 99.8% (3 sigma, 0.001) limit.
    pub lower_3s_limit: f64,
    /// Upper 99.8% limit.
    pub upper_3s_limit: f64,
    /// The overall average the funnel is drawn around, times the multiplier.
    pub baseline: f64,
}

/// Funnel lines for proportions (PHEindicatormethods `calculate_funnel_limits`, statistic
/// "proportion"): the overall average `sum numerators / sum denominators` and, at
/// `CARESTAT_FUNNEL_POINTS` (100) population sizes, the proportions times `multiplier` on
/// the 95% and 99.8% lines, written to `points[0..100]`.
///
/// `points_len` must be `CARESTAT_FUNNEL_POINTS` (`CARESTAT_STATUS_LENGTH_MISMATCH`
/// otherwise). Errors name the row of the first negative or missing numerator
/// (`CARESTAT_STATUS_NEGATIVE`, `CARESTAT_STATUS_INVALID`), non-positive denominator, or
/// numerator above its denominator; `CARESTAT_STATUS_NULL_POINTER`,
/// `CARESTAT_STATUS_OVERLAPPING_BUFFERS`. `points` is written only on success.
///
/// # Safety
/// `numerators` and `denominators` must be NULL with `len` 0 or valid for reading `len`
/// doubles; `points` must be NULL or valid for writing `points_len` points.
#[no_mangle]
pub unsafe extern "C" fn carestat_proportion_funnel_limits(
    numerators: *const f64,
    denominators: *const f64,
    len: usize,
    multiplier: f64,
    points: *mut carestat_funnel_point,
    points_len: usize,
) -> carestat_status {
    guard::call(|| {
        if points.is_null() {
            return Err(Failure::Null {
                arg: "points",
                len: Some(points_len),
            });
        }
        if points_len != CARESTAT_FUNNEL_POINTS {
            return Err(carestat_core::Error::LengthMismatch {
                field: "points".into(),
                expected_from: "CARESTAT_FUNNEL_POINTS".into(),
                expected: CARESTAT_FUNNEL_POINTS,
                found: points_len,
            }
            .into());
        }
        let numerators = slices::input("numerators", numerators, len)?;
        let denominators = slices::input("denominators", denominators, len)?;
        let out = slices::output("points", points, points_len)?;
        slices::check_disjoint(&[numerators.span(), denominators.span(), out.span()])?;
        // SAFETY: the caller's promise on the inputs (checked non-NULL, aligned, sized).
        let (numerators, denominators) =
            unsafe { (numerators.as_slice(), denominators.as_slice()) };
        let lines =
            carestat_core::funnel::proportion_funnel_limits(numerators, denominators, multiplier)?;
        // SAFETY: the caller's promise on `points`; disjoint from the inputs (checked).
        let out = unsafe { out.into_mut_slice() };
        for (slot, p) in out.iter_mut().zip(&lines) {
            *slot = carestat_funnel_point {
                x: p.x,
                lower_2s_limit: p.lower_2s_limit,
                upper_2s_limit: p.upper_2s_limit,
                lower_3s_limit: p.lower_3s_limit,
                upper_3s_limit: p.upper_3s_limit,
                baseline: p.baseline,
            };
        }
        Ok(())
    })
}
