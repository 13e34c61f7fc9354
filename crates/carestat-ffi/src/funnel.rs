//! Funnel plots (PHEindicatormethods `calculate_funnel_limits` and
//! `assign_funnel_significance`): the 95% and 99.8% lines for proportions, ratios and rates,
//! and the significance of each area against them.

use std::ffi::c_char;

use carestat_core::funnel::{self, FunnelPoint, RateType, RatioType, Significance};
use carestat_core::Error;

use crate::guard::{self, Failure};
use crate::slices::{self, Buf, Span};
use crate::status::carestat_status;

/// Number of points each funnel line has (the length of `points` buffers).
pub const CARESTAT_FUNNEL_POINTS: usize = 100;
const _: () = assert!(CARESTAT_FUNNEL_POINTS == funnel::FUNNEL_POINTS);

/// Ratio type: `observed / expected - 1` (0 is the average).
pub const CARESTAT_RATIO_COUNT: u32 = 1;
/// Ratio type: indirectly standardised ratio `observed / expected * 100`.
pub const CARESTAT_RATIO_ISR: u32 = 2;
/// Rate type: directly standardised rates (populations derived from events and rates).
pub const CARESTAT_RATE_DSR: u32 = 1;
/// Rate type: crude rates.
pub const CARESTAT_RATE_CRUDE: u32 = 2;

/// Significance: above the 99.8% line.
pub const CARESTAT_SIGNIFICANCE_HIGH_001: u32 = 1;
/// Significance: above the 95% line only.
pub const CARESTAT_SIGNIFICANCE_HIGH_025: u32 = 2;
/// Significance: below the 99.8% line.
pub const CARESTAT_SIGNIFICANCE_LOW_001: u32 = 3;
/// Significance: below the 95% line only.
pub const CARESTAT_SIGNIFICANCE_LOW_025: u32 = 4;
/// Significance: within the 95% lines.
pub const CARESTAT_SIGNIFICANCE_NOT_SIGNIFICANT: u32 = 5;
/// Significance: not judged (a directly standardised rate from fewer than 10 events).
pub const CARESTAT_SIGNIFICANCE_NOT_APPLICABLE: u32 = 6;

/// One point of funnel plot lines.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct carestat_funnel_point {
    /// The population (proportions), observed events (ratios) or events (rates).
    pub x: f64,
    /// Lower 95% (2 sigma, 0.025) limit.
    pub lower_2s_limit: f64,
    /// Upper 95% limit.
    pub upper_2s_limit: f64,
    /// Lower 99.8% (3 sigma, 0.001) limit.
    pub lower_3s_limit: f64,
    /// Upper 99.8% limit.
    pub upper_3s_limit: f64,
    /// The overall average the funnel is drawn around, times the multiplier (NaN for ratios).
    pub baseline: f64,
}

/// Where a point of the ratio and rate funnel lines sits on the other axis: the expected
/// events (ratios) or the yearly population (rates) at which an area with `x` events lies on
/// each line.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct carestat_funnel_denominators {
    /// On the lower 95% line.
    pub lower_2s: f64,
    /// On the upper 95% line.
    pub upper_2s: f64,
    /// On the lower 99.8% line.
    pub lower_3s: f64,
    /// On the upper 99.8% line.
    pub upper_3s: f64,
}

/// The checked output buffers of a funnel call.
struct FunnelOut<'a> {
    points: Buf<'a, carestat_funnel_point>,
    denominators: Option<Buf<'a, carestat_funnel_denominators>>,
}

/// The length every funnel output buffer must have.
fn check_points_len(arg: &'static str, len: usize) -> Result<(), Failure> {
    if len == CARESTAT_FUNNEL_POINTS {
        return Ok(());
    }
    Err(Error::LengthMismatch {
        field: arg.into(),
        expected_from: "CARESTAT_FUNNEL_POINTS".into(),
        expected: CARESTAT_FUNNEL_POINTS,
        found: len,
    }
    .into())
}

impl FunnelOut<'_> {
    /// Checks `points` (required) and `denominators` (optional), each of
    /// `CARESTAT_FUNNEL_POINTS` elements, disjoint from each other and from `inputs`.
    fn new(
        points: *mut carestat_funnel_point,
        points_len: usize,
        denominators: *mut carestat_funnel_denominators,
        denominators_len: usize,
        inputs: &[Span],
    ) -> Result<Self, Failure> {
        if points.is_null() {
            return Err(Failure::Null {
                arg: "points",
                len: Some(points_len),
            });
        }
        check_points_len("points", points_len)?;
        let points = slices::output("points", points, points_len)?;
        let denominators = slices::optional_output("denominators", denominators, denominators_len)?;
        if denominators.is_some() {
            check_points_len("denominators", denominators_len)?;
        }
        let mut spans = inputs.to_vec();
        spans.push(points.span());
        spans.extend(denominators.as_ref().map(Buf::span));
        slices::check_disjoint(&spans)?;
        Ok(Self {
            points,
            denominators,
        })
    }

    /// Writes the lines.
    ///
    /// # Safety
    /// The caller's pointers must be valid for writing `CARESTAT_FUNNEL_POINTS` elements.
    unsafe fn write(self, lines: &[FunnelPoint]) {
        // SAFETY: the caller's promise; checked non-NULL, aligned, sized and disjoint.
        let points = unsafe { self.points.into_mut_slice() };
        for (slot, p) in points.iter_mut().zip(lines) {
            *slot = carestat_funnel_point {
                x: p.x,
                lower_2s_limit: p.lower_2s_limit,
                upper_2s_limit: p.upper_2s_limit,
                lower_3s_limit: p.lower_3s_limit,
                upper_3s_limit: p.upper_3s_limit,
                baseline: p.baseline,
            };
        }
        if let Some(denominators) = self.denominators {
            // SAFETY: as above.
            let denominators = unsafe { denominators.into_mut_slice() };
            for (slot, p) in denominators.iter_mut().zip(lines) {
                *slot = carestat_funnel_denominators {
                    lower_2s: p.lower_2s_denominator,
                    upper_2s: p.upper_2s_denominator,
                    lower_3s: p.lower_3s_denominator,
                    upper_3s: p.upper_3s_denominator,
                };
            }
        }
    }
}

/// A ratio type code from C.
fn ratio_type(code: u32) -> Result<RatioType, Failure> {
    match code {
        CARESTAT_RATIO_COUNT => Ok(RatioType::Count),
        CARESTAT_RATIO_ISR => Ok(RatioType::Isr),
        other => Err(Error::OutOfRange {
            field: "ratio_type".into(),
            value: f64::from(other),
            expected: "CARESTAT_RATIO_COUNT (1) or CARESTAT_RATIO_ISR (2)".into(),
        }
        .into()),
    }
}

/// A rate type code from C.
fn rate_type(code: u32) -> Result<RateType, Failure> {
    match code {
        CARESTAT_RATE_DSR => Ok(RateType::Dsr),
        CARESTAT_RATE_CRUDE => Ok(RateType::Crude),
        other => Err(Error::OutOfRange {
            field: "rate_type".into(),
            value: f64::from(other),
            expected: "CARESTAT_RATE_DSR (1) or CARESTAT_RATE_CRUDE (2)".into(),
        }
        .into()),
    }
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
        let numerators = slices::input("numerators", numerators, len)?;
        let denominators = slices::input("denominators", denominators, len)?;
        let out = FunnelOut::new(
            points,
            points_len,
            std::ptr::null_mut(),
            0,
            &[numerators.span(), denominators.span()],
        )?;
        // SAFETY: the caller's promise on the inputs (checked non-NULL, aligned, sized).
        let (numerators, denominators) =
            unsafe { (numerators.as_slice(), denominators.as_slice()) };
        let lines = funnel::proportion_funnel_limits(numerators, denominators, multiplier)?;
        // SAFETY: the caller's promise on `points`; disjoint from the inputs (checked).
        unsafe { out.write(&lines) };
        Ok(())
    })
}

/// Funnel lines for ratios of observed to expected events (PHEindicatormethods
/// `calculate_funnel_limits`, statistic "ratio"): at 100 observed counts (`points[i].x`)
/// spread over the range of `expected`, the ratios on the 95% and 99.8% lines (exact Poisson
/// limits). `ratio_type` is `CARESTAT_RATIO_ISR` (`observed / expected * 100`) or
/// `CARESTAT_RATIO_COUNT` (`observed / expected - 1`). `baseline` is NaN (the reference gives
/// none). `denominators` may be NULL; otherwise it receives the expected events on each line.
///
/// `points_len` (and `denominators_len` when `denominators` is not NULL) must be
/// `CARESTAT_FUNNEL_POINTS`. Errors: `CARESTAT_STATUS_NEGATIVE` or `CARESTAT_STATUS_INVALID`
/// (a negative or missing observed count, naming its row), `CARESTAT_STATUS_NOT_POSITIVE` (an
/// expected count of zero or below), `CARESTAT_STATUS_TOO_FEW` (no areas),
/// `CARESTAT_STATUS_OUT_OF_RANGE` (`ratio_type`), `CARESTAT_STATUS_LENGTH_MISMATCH`,
/// `CARESTAT_STATUS_NULL_POINTER`, `CARESTAT_STATUS_OVERLAPPING_BUFFERS`. Nothing is written
/// on failure.
///
/// # Safety
/// `observed` and `expected` must be NULL with `len` 0 or valid for reading `len` doubles;
/// `points` and `denominators` must be NULL or valid for writing their lengths in elements.
#[no_mangle]
pub unsafe extern "C" fn carestat_ratio_funnel_limits(
    observed: *const f64,
    expected: *const f64,
    len: usize,
    ratio_type: u32,
    points: *mut carestat_funnel_point,
    points_len: usize,
    denominators: *mut carestat_funnel_denominators,
    denominators_len: usize,
) -> carestat_status {
    guard::call(|| {
        let ratio_type = self::ratio_type(ratio_type)?;
        let observed = slices::input("observed", observed, len)?;
        let expected = slices::input("expected", expected, len)?;
        let out = FunnelOut::new(
            points,
            points_len,
            denominators,
            denominators_len,
            &[observed.span(), expected.span()],
        )?;
        // SAFETY: the caller's promise on the inputs (checked non-NULL, aligned, sized).
        let (observed, expected) = unsafe { (observed.as_slice(), expected.as_slice()) };
        let lines = funnel::ratio_funnel_limits(observed, expected, ratio_type)?;
        // SAFETY: the caller's promise on the outputs; disjoint from the inputs (checked).
        unsafe { out.write(&lines) };
        Ok(())
    })
}

/// Funnel lines for rates (PHEindicatormethods `calculate_funnel_limits`, statistic "rate"):
/// at 100 event counts (`points[i].x`), the rates per `multiplier` on the 95% and 99.8% lines
/// around the overall average rate (`baseline`). `denominators` may be NULL; otherwise it
/// receives the yearly population on each line.
///
/// Each area's population is derived from its events and rate (`multiplier * events /
/// rate`), so directly standardised rates (`CARESTAT_RATE_DSR`) can be plotted;
/// `populations` (may be NULL) are needed only for crude rates (`CARESTAT_RATE_CRUDE`) of
/// areas with no events. `years_of_data` is how many years the counts cover.
///
/// Errors as `carestat_ratio_funnel_limits`, plus `CARESTAT_STATUS_NOT_POSITIVE` (a rate of
/// zero or below with events, `years_of_data`, `multiplier`), `CARESTAT_STATUS_INVALID` (a
/// derived population or an axis beyond the doubles, or a
/// crude rate with no events and no population) and `CARESTAT_STATUS_OUT_OF_RANGE`
/// (`rate_type`), `CARESTAT_STATUS_NOT_FINITE` (an infinite rate, naming its row).
///
/// # Safety
/// `numerators` and `rates` must be NULL with `len` 0 or valid for reading `len` doubles;
/// `populations` NULL or valid for `len` doubles; `points` and `denominators` NULL or valid
/// for writing their lengths in elements.
#[no_mangle]
pub unsafe extern "C" fn carestat_rate_funnel_limits(
    numerators: *const f64,
    rates: *const f64,
    populations: *const f64,
    len: usize,
    rate_type: u32,
    multiplier: f64,
    years_of_data: f64,
    points: *mut carestat_funnel_point,
    points_len: usize,
    denominators: *mut carestat_funnel_denominators,
    denominators_len: usize,
) -> carestat_status {
    guard::call(|| {
        let rate_type = self::rate_type(rate_type)?;
        let numerators = slices::input("numerators", numerators, len)?;
        let rates = slices::input("rates", rates, len)?;
        let populations = slices::optional_input("populations", populations, len)?;
        let mut inputs = vec![numerators.span(), rates.span()];
        inputs.extend(populations.as_ref().map(Buf::span));
        let out = FunnelOut::new(points, points_len, denominators, denominators_len, &inputs)?;
        // SAFETY: the caller's promise on the inputs (checked non-NULL, aligned, sized).
        let (numerators, rates, populations) = unsafe {
            (
                numerators.as_slice(),
                rates.as_slice(),
                populations.as_ref().map(|p| p.as_slice()),
            )
        };
        let lines = funnel::rate_funnel_limits(
            numerators,
            rates,
            populations,
            rate_type,
            multiplier,
            years_of_data,
        )?;
        // SAFETY: the caller's promise on the outputs; disjoint from the inputs (checked).
        unsafe { out.write(&lines) };
        Ok(())
    })
}

/// The points to plot on a rate funnel (PHEindicatormethods `calculate_funnel_points`): for
/// each area `i`, its rate in `rate_chart[i]` and its yearly population (`multiplier *
/// numerators[i] / rates[i] / years_of_data`) in `denominator_derived[i]`. Directly
/// standardised rates from fewer than 10 events are not plotted (both NaN); crude rates of
/// areas with no events use `populations[i] / years_of_data`.
///
/// Arguments and errors as `carestat_rate_funnel_limits` (`populations` may be NULL; it is
/// needed only for crude rates of areas with no events), plus
/// `CARESTAT_STATUS_OVERLAPPING_BUFFERS` when an output shares memory with another buffer.
/// Nothing is written on failure.
///
/// # Safety
/// `numerators`, `rates`, `rate_chart` and `denominator_derived` must be NULL with `len` 0 or
/// valid for `len` doubles (reads for the inputs, writes for the outputs); `populations` NULL
/// or valid for reading `len` doubles.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn carestat_rate_funnel_points(
    numerators: *const f64,
    rates: *const f64,
    populations: *const f64,
    len: usize,
    rate_type: u32,
    multiplier: f64,
    years_of_data: f64,
    rate_chart: *mut f64,
    denominator_derived: *mut f64,
) -> carestat_status {
    guard::call(|| {
        let rate_type = self::rate_type(rate_type)?;
        let numerators = slices::input("numerators", numerators, len)?;
        let rates = slices::input("rates", rates, len)?;
        let populations = slices::optional_input("populations", populations, len)?;
        let rate_chart = slices::output("rate_chart", rate_chart, len)?;
        let denominator_derived = slices::output("denominator_derived", denominator_derived, len)?;
        let mut spans = vec![numerators.span(), rates.span()];
        spans.extend(populations.as_ref().map(Buf::span));
        spans.extend([rate_chart.span(), denominator_derived.span()]);
        slices::check_disjoint(&spans)?;
        // SAFETY: the caller's promise on the inputs (checked non-NULL, aligned, sized).
        let (numerators, rates, populations) = unsafe {
            (
                numerators.as_slice(),
                rates.as_slice(),
                populations.as_ref().map(|p| p.as_slice()),
            )
        };
        let points = funnel::rate_funnel_points(
            numerators,
            rates,
            populations,
            rate_type,
            multiplier,
            years_of_data,
        )?;
        // SAFETY: the caller's promise on the outputs; disjoint from every other buffer
        // (checked).
        let (rate_chart, denominator_derived) = unsafe {
            (
                rate_chart.into_mut_slice(),
                denominator_derived.into_mut_slice(),
            )
        };
        for ((r, d), (rate, population)) in rate_chart
            .iter_mut()
            .zip(denominator_derived.iter_mut())
            .zip(points)
        {
            *r = rate;
            *d = population;
        }
        Ok(())
    })
}

/// Runs a significance function and writes its codes into `out[0..len]`.
///
/// # Safety
/// `out` must be NULL with `len` 0 or valid for writing `len` `uint32_t`.
unsafe fn write_codes(
    out: *mut u32,
    len: usize,
    inputs: &[Span],
    judge: impl FnOnce() -> carestat_core::Result<Vec<Significance>>,
) -> Result<(), Failure> {
    let out = slices::output("out", out, len)?;
    let mut spans = inputs.to_vec();
    spans.push(out.span());
    slices::check_disjoint(&spans)?;
    let codes = judge()?;
    // SAFETY: the caller's promise; checked non-NULL, aligned, sized and disjoint.
    let out = unsafe { out.into_mut_slice() };
    for (slot, s) in out.iter_mut().zip(codes) {
        *slot = s.code();
    }
    Ok(())
}

/// The significance of each area's proportion `numerators[i] / denominators[i]` against the
/// funnel around the overall average (PHEindicatormethods `assign_funnel_significance`,
/// statistic "proportion"), as `CARESTAT_SIGNIFICANCE_*` codes in `out[i]`.
///
/// Errors as `carestat_proportion_funnel_limits`; `out` is written only on success.
///
/// # Safety
/// Each buffer must be NULL with `len` 0 or valid for `len` elements (reads for the inputs,
/// writes for `out`).
#[no_mangle]
pub unsafe extern "C" fn carestat_proportion_funnel_significance(
    numerators: *const f64,
    denominators: *const f64,
    len: usize,
    out: *mut u32,
) -> carestat_status {
    guard::call(|| {
        let numerators = slices::input("numerators", numerators, len)?;
        let denominators = slices::input("denominators", denominators, len)?;
        let spans = [numerators.span(), denominators.span()];
        // SAFETY: the caller's promise on every buffer (checked non-NULL, aligned, sized).
        unsafe {
            let (numerators, denominators) = (numerators.as_slice(), denominators.as_slice());
            write_codes(out, len, &spans, || {
                funnel::proportion_funnel_significance(numerators, denominators)
            })
        }
    })
}

/// The significance of each area's ratio `observed[i] / expected[i]` against 1
/// (PHEindicatormethods `assign_funnel_significance`, statistic "ratio"): exact Poisson
/// limits below 10 observed events, Byar's from 10; `CARESTAT_SIGNIFICANCE_*` codes in
/// `out[i]`.
///
/// Errors as `carestat_ratio_funnel_limits`; `out` is written only on success.
///
/// # Safety
/// As `carestat_proportion_funnel_significance`.
#[no_mangle]
pub unsafe extern "C" fn carestat_ratio_funnel_significance(
    observed: *const f64,
    expected: *const f64,
    len: usize,
    out: *mut u32,
) -> carestat_status {
    guard::call(|| {
        let observed = slices::input("observed", observed, len)?;
        let expected = slices::input("expected", expected, len)?;
        let spans = [observed.span(), expected.span()];
        // SAFETY: the caller's promise on every buffer (checked non-NULL, aligned, sized).
        unsafe {
            let (observed, expected) = (observed.as_slice(), expected.as_slice());
            write_codes(out, len, &spans, || {
                funnel::ratio_funnel_significance(observed, expected)
            })
        }
    })
}

/// The significance of each area's rate against the funnel around the overall (population
/// weighted) average rate (PHEindicatormethods `assign_funnel_significance`, statistic
/// "rate"); `CARESTAT_SIGNIFICANCE_*` codes in `out[i]`. Directly standardised rates from
/// fewer than 10 events are `CARESTAT_SIGNIFICANCE_NOT_APPLICABLE`. Arguments and errors as
/// `carestat_rate_funnel_limits`; `out` is written only on success.
///
/// # Safety
/// `numerators`, `rates` and `out` must be NULL with `len` 0 or valid for `len` elements;
/// `populations` NULL or valid for reading `len` doubles.
#[no_mangle]
pub unsafe extern "C" fn carestat_rate_funnel_significance(
    numerators: *const f64,
    rates: *const f64,
    populations: *const f64,
    len: usize,
    rate_type: u32,
    multiplier: f64,
    out: *mut u32,
) -> carestat_status {
    guard::call(|| {
        let rate_type = self::rate_type(rate_type)?;
        let numerators = slices::input("numerators", numerators, len)?;
        let rates = slices::input("rates", rates, len)?;
        let populations = slices::optional_input("populations", populations, len)?;
        let mut spans = vec![numerators.span(), rates.span()];
        spans.extend(populations.as_ref().map(Buf::span));
        // SAFETY: the caller's promise on every buffer (checked non-NULL, aligned, sized).
        unsafe {
            let (numerators, rates, populations) = (
                numerators.as_slice(),
                rates.as_slice(),
                populations.as_ref().map(|p| p.as_slice()),
            );
            write_codes(out, len, &spans, || {
                funnel::rate_funnel_significance(
                    numerators,
                    rates,
                    populations,
                    rate_type,
                    multiplier,
                )
            })
        }
    })
}

/// The label PHEindicatormethods prints for a `CARESTAT_SIGNIFICANCE_*` code: "High
/// (0.001)", "High (0.025)", "Low (0.001)", "Low (0.025)", "Not significant", "Not applicable
/// for events less than 10 for dsrs"; "unknown significance" for any other code.
///
/// Never NULL, never to be freed; valid for the life of the program.
#[no_mangle]
pub extern "C" fn carestat_significance_label(significance: u32) -> *const c_char {
    let unknown = c"unknown significance".as_ptr();
    guard::infallible(unknown, || match significance {
        CARESTAT_SIGNIFICANCE_HIGH_001 => c"High (0.001)".as_ptr(),
        CARESTAT_SIGNIFICANCE_HIGH_025 => c"High (0.025)".as_ptr(),
        CARESTAT_SIGNIFICANCE_LOW_001 => c"Low (0.001)".as_ptr(),
        CARESTAT_SIGNIFICANCE_LOW_025 => c"Low (0.025)".as_ptr(),
        CARESTAT_SIGNIFICANCE_NOT_SIGNIFICANT => c"Not significant".as_ptr(),
        CARESTAT_SIGNIFICANCE_NOT_APPLICABLE => {
            c"Not applicable for events less than 10 for dsrs".as_ptr()
        }
        _ => unknown,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    #[test]
    fn significance_codes_and_labels_match_the_core() {
        for (code, s) in [
            (CARESTAT_SIGNIFICANCE_HIGH_001, Significance::High001),
            (CARESTAT_SIGNIFICANCE_HIGH_025, Significance::High025),
            (CARESTAT_SIGNIFICANCE_LOW_001, Significance::Low001),
            (CARESTAT_SIGNIFICANCE_LOW_025, Significance::Low025),
            (
                CARESTAT_SIGNIFICANCE_NOT_SIGNIFICANT,
                Significance::NotSignificant,
            ),
            (
                CARESTAT_SIGNIFICANCE_NOT_APPLICABLE,
                Significance::NotApplicable,
            ),
        ] {
            assert_eq!(s.code(), code);
            let label = unsafe { CStr::from_ptr(carestat_significance_label(code)) };
            assert_eq!(label.to_str().unwrap(), s.label());
        }
        let unknown = unsafe { CStr::from_ptr(carestat_significance_label(0)) };
        assert_eq!(unknown.to_str().unwrap(), "unknown significance");
    }

    #[test]
    fn unknown_types_are_out_of_range() {
        assert!(matches!(
            ratio_type(0),
            Err(Failure::Core(Error::OutOfRange { .. }))
        ));
        assert!(matches!(
            rate_type(3),
            Err(Failure::Core(Error::OutOfRange { .. }))
        ));
    }
}
