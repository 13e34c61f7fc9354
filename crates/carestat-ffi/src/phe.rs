//! Standardised rates and ratios for one area from its figures by age band: directly
//! standardised rates (PHEindicatormethods `calculate_dsr`) and indirectly standardised
//! ratios and rates (`calculate_ISRatio`, `calculate_ISRate`); means (`phe_mean`). Funnel
//! plots are in `funnel`, quantiles in `quantile_groups`.

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
/// `CARESTAT_STATUS_NOT_FINITE`, `CARESTAT_STATUS_INVALID` (a missing population; a rate or
/// limit beyond the doubles),
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
        let standard = slices::optional_input("standard_populations", standard_populations, len)?;
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

/// A directly standardised rate for one area when a person can have several events
/// (PHEindicatormethods `calculate_dsr` with `independent_events = FALSE`): the Dobson interval
/// widened for the events' dependence, `CARESTAT_METHOD_DOBSON_NON_INDEPENDENT`.
///
/// `len` age bands, `n_frequencies` event frequencies. `persons` holds `len * n_frequencies`
/// numbers, band after band: `persons[b * n_frequencies + j]` people in band `b` had
/// `frequencies[j]` events each (NaN counts as none). `populations` and `standard_populations`
/// (NULL for ESP2013, then `len` must be 19) are as for `carestat_dsr`. Fewer than 10 events in
/// total give NaN value and limits with `CARESTAT_METHOD_SUPPRESSED`.
///
/// Errors: as `carestat_dsr`, plus `CARESTAT_STATUS_INVALID` for a frequency that is not a
/// finite number above zero and `CARESTAT_STATUS_TOO_FEW` for `n_frequencies` 0. The detail
/// message names the array and the 0-based index (for `persons`, `b * n_frequencies + j`).
/// `*out` is written only on success.
///
/// # Safety
/// `persons` must be valid for reading `len * n_frequencies` doubles, `frequencies` for
/// `n_frequencies`, `populations` (and `standard_populations` unless NULL) for `len` (each may
/// be NULL when its length is 0); `out` must be NULL or valid for writing one
/// `carestat_estimate`.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn carestat_dsr_non_independent(
    persons: *const f64,
    frequencies: *const f64,
    n_frequencies: usize,
    populations: *const f64,
    standard_populations: *const f64,
    len: usize,
    multiplier: f64,
    confidence: f64,
    out: *mut carestat_estimate,
) -> carestat_status {
    guard::call(|| {
        let out = slices::out("out", out)?;
        let cells = len.checked_mul(n_frequencies).ok_or(Failure::TooLarge {
            arg: "persons",
            len: usize::MAX,
        })?;
        let persons = slices::input("persons", persons, cells)?;
        let frequencies = slices::input("frequencies", frequencies, n_frequencies)?;
        let populations = slices::input("populations", populations, len)?;
        let standard = slices::optional_input("standard_populations", standard_populations, len)?;
        // SAFETY: the caller's promise on the inputs (checked non-NULL, aligned, sized).
        let (persons, frequencies, populations, standard) = unsafe {
            (
                persons.as_slice(),
                frequencies.as_slice(),
                populations.as_slice(),
                standard.as_ref().map_or(&ESP2013[..], |s| s.as_slice()),
            )
        };
        let e = carestat_core::dsr::dsr_non_independent(
            persons,
            frequencies,
            populations,
            standard,
            multiplier,
        )?
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

/// The mean of `values[0..len]` with its Student's t interval (PHEindicatormethods
/// `phe_mean`), method `CARESTAT_METHOD_STUDENT_T`.
///
/// A NaN value makes the mean missing (NaN value and limits, `CARESTAT_METHOD_MISSING`); a
/// single value gives NaN limits. Errors: `CARESTAT_STATUS_TOO_FEW` (no values),
/// `CARESTAT_STATUS_NOT_FINITE` (an infinite value, naming its row), `CARESTAT_STATUS_INVALID`
/// (a mean or limit beyond the doubles),
/// `CARESTAT_STATUS_CONFIDENCE`, `CARESTAT_STATUS_NULL_POINTER`. `*out` is written only on
/// success.
///
/// # Safety
/// `values` must be NULL with `len` 0 or valid for reading `len` doubles; `out` must be NULL
/// or valid for writing one `carestat_estimate`.
#[no_mangle]
pub unsafe extern "C" fn carestat_mean(
    values: *const f64,
    len: usize,
    confidence: f64,
    out: *mut carestat_estimate,
) -> carestat_status {
    guard::call(|| {
        let out = slices::out("out", out)?;
        let values = slices::input("values", values, len)?;
        // SAFETY: the caller's promise on `values` (checked non-NULL, aligned, sized).
        let values = unsafe { values.as_slice() };
        let e = carestat_core::mean::mean(values, confidence)?;
        // SAFETY: the caller's promise on `out`.
        unsafe { out.write(e.into()) };
        Ok(())
    })
}
