//! Slope and relative index of inequality (PHEindicatormethods `phe_sii`): `carestat_sii` with
//! its options (`carestat_sii_options`, `carestat_sii_options_default`), result
//! (`carestat_sii_result`) and simulated intervals (`carestat_sii_interval`).

use carestat_core::sii::{self, SiiOptions, SiiUncertainty, SiiValueType};
use carestat_core::Error;

use crate::guard::{self, Failure};
use crate::slices::{self, Buf};
use crate::status::carestat_status;

/// SII value type: any indicator with symmetric errors (life expectancy, scores). The codes
/// are the reference's `value_type` codes (0, 1, 2), so that an R call ports unchanged.
pub const CARESTAT_SII_NORMAL: u32 = 0;
/// SII value type: a rate, simulated (and with `transform`, regressed) on the log scale.
pub const CARESTAT_SII_RATE: u32 = 1;
/// SII value type: a proportion between 0 and 1, simulated (and with `transform`, regressed)
/// on the logit scale.
pub const CARESTAT_SII_PROPORTION: u32 = 2;

/// Options of `carestat_sii`. Start from `carestat_sii_options_default()` and change what you
/// need.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct carestat_sii_options {
    /// `CARESTAT_SII_NORMAL` (default), `CARESTAT_SII_RATE` or `CARESTAT_SII_PROPORTION`.
    pub value_type: u32,
    /// Multiplies the SII (default 1; 100 for percentages); a negative multiplier also inverts
    /// the RII. Finite and not zero.
    pub multiplier: f64,
    /// Non-zero: regress rates on the log scale and proportions on the logit scale (needs the
    /// 95% limits, not standard errors). Default 0.
    pub transform: u8,
    /// Number of simulations for the confidence limits: at least 1,000 (default 100,000).
    pub repetitions: usize,
    /// Seed of the simulation (default 1): the same seed gives the same limits.
    pub seed: u64,
}

impl From<SiiOptions> for carestat_sii_options {
    fn from(o: SiiOptions) -> Self {
        Self {
            value_type: match o.value_type {
                SiiValueType::Normal => CARESTAT_SII_NORMAL,
                SiiValueType::Rate => CARESTAT_SII_RATE,
                SiiValueType::Proportion => CARESTAT_SII_PROPORTION,
            },
            multiplier: o.multiplier,
            transform: u8::from(o.transform),
            repetitions: o.repetitions,
            seed: o.seed,
        }
    }
}

/// The core's options from C's (the value type code checked).
fn core_options(o: &carestat_sii_options) -> Result<SiiOptions, Failure> {
    let value_type = match o.value_type {
        CARESTAT_SII_NORMAL => SiiValueType::Normal,
        CARESTAT_SII_RATE => SiiValueType::Rate,
        CARESTAT_SII_PROPORTION => SiiValueType::Proportion,
        other => {
            return Err(Error::OutOfRange {
                field: "value_type".into(),
                value: f64::from(other),
                expected: "CARESTAT_SII_NORMAL (0), CARESTAT_SII_RATE (1) or \
                           CARESTAT_SII_PROPORTION (2)"
                    .into(),
            }
            .into())
        }
    };
    Ok(SiiOptions {
        value_type,
        multiplier: o.multiplier,
        transform: o.transform != 0,
        repetitions: o.repetitions,
        seed: o.seed,
    })
}

/// The SII, RII and intercept of one area.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct carestat_sii_result {
    /// Slope index of inequality (times the multiplier).
    pub sii: f64,
    /// Relative index of inequality (inverted for a negative multiplier).
    pub rii: f64,
    /// Fitted value at relative rank 0 (the most deprived end).
    pub intercept: f64,
}

/// Simulated confidence limits of the SII and RII at one level.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct carestat_sii_interval {
    /// The confidence level, as a fraction (0.95 also when 95 was asked).
    pub confidence: f64,
    /// Lower limit of the SII.
    pub sii_lower: f64,
    /// Upper limit of the SII.
    pub sii_upper: f64,
    /// Lower limit of the RII.
    pub rii_lower: f64,
    /// Upper limit of the RII.
    pub rii_upper: f64,
}

/// The options `carestat_sii` uses when given NULL: normal values, multiplier 1, no
/// transform, 100,000 repetitions, seed 1.
#[no_mangle]
pub extern "C" fn carestat_sii_options_default() -> carestat_sii_options {
    let fallback = carestat_sii_options {
        value_type: CARESTAT_SII_NORMAL,
        multiplier: 1.0,
        transform: 0,
        repetitions: 100_000,
        seed: 1,
    };
    guard::infallible(fallback, || SiiOptions::default().into())
}

/// The uncertainty arguments: standard errors, or both 95% limits.
fn uncertainty<'a>(
    standard_errors: Option<&'a [f64]>,
    lower: Option<&'a [f64]>,
    upper: Option<&'a [f64]>,
) -> Result<SiiUncertainty<'a>, Failure> {
    match (standard_errors, lower, upper) {
        (Some(se), None, None) => Ok(SiiUncertainty::StandardErrors(se)),
        (None, Some(lower), Some(upper)) => Ok(SiiUncertainty::Limits95 { lower, upper }),
        (None, None, None) => Err(Error::invalid(
            "standard_errors",
            "give standard_errors, or the 95% limits lower and upper (all three are NULL)",
        )
        .into()),
        (Some(_), _, _) => Err(Error::invalid(
            "standard_errors",
            "give either standard_errors or both lower and upper, not a mix (pass NULL for the others)",
        )
        .into()),
        (None, Some(_), None) => Err(Error::invalid(
            "upper",
            "must not be NULL when lower is given (the 95% limits come in pairs)",
        )
        .into()),
        (None, None, Some(_)) => Err(Error::invalid(
            "lower",
            "must not be NULL when upper is given (the 95% limits come in pairs)",
        )
        .into()),
    }
}

/// The slope index of inequality (SII) and relative index of inequality (RII) of one area,
/// with confidence limits from simulation, as PHEindicatormethods `phe_sii`.
///
/// Rows `0..len` are the quantiles in order (e.g. deprivation decile 1, most deprived, first);
/// 5 to 100 of them. `populations` and `values` are required. Each value's uncertainty is
/// either `standard_errors` (with `lower` and `upper` NULL) or the 95% confidence limits
/// `lower` and `upper` (with `standard_errors` NULL; needed with `transform`). `options`
/// NULL means `carestat_sii_options_default()`.
///
/// `*out` receives the SII, RII and intercept, which are exact. `confidence[0..n_confidence]`
/// are the levels wanted (fractions or percentages, e.g. 0.95 and 0.998) and
/// `intervals[k]` receives the simulated limits at `confidence[k]`; `intervals_len` must
/// equal `n_confidence`. The limits come from `options->repetitions` simulations with
/// carestat's own seeded generator: the same seed gives the same limits, which agree with the
/// reference's within simulation error (not R's random draws). With `n_confidence` 0 nothing
/// is simulated (`repetitions` and `seed` are not used) and `intervals` may be NULL.
///
/// Errors (the detail message names the field and 0-based row):
/// `CARESTAT_STATUS_NOT_POSITIVE` (a population zero or below; a rate value or limit zero or
/// below), `CARESTAT_STATUS_INVALID` (a result beyond the doubles; a missing population, value,
/// standard error or limit;
/// an upper limit below its lower; standard errors and limits mixed, none given, or one limit
/// without the other; a
/// multiplier of zero or not finite; `transform` with normal values or standard errors),
/// `CARESTAT_STATUS_NEGATIVE` (a standard error), `CARESTAT_STATUS_NOT_FINITE`,
/// `CARESTAT_STATUS_OUT_OF_RANGE` (a proportion outside 0..1, `len` outside 5..100,
/// `value_type`, more than 10,000,000 repetitions), `CARESTAT_STATUS_TOO_FEW` (fewer than 1,000
/// repetitions),
/// `CARESTAT_STATUS_CONFIDENCE`, `CARESTAT_STATUS_LENGTH_MISMATCH` (`intervals_len`),
/// `CARESTAT_STATUS_NULL_POINTER`, `CARESTAT_STATUS_OVERLAPPING_BUFFERS` (an output sharing
/// memory with another buffer). `*out` and `intervals` are written only on success.
///
/// # Safety
/// `populations` and `values` must be NULL with `len` 0 or valid for reading `len` doubles;
/// `standard_errors`, `lower` and `upper` NULL or valid for reading `len` doubles; `options`
/// NULL or valid for reading one `carestat_sii_options`; `confidence` NULL with `n_confidence`
/// 0 or valid for reading `n_confidence` doubles; `out` NULL or valid for writing one
/// `carestat_sii_result`; `intervals` NULL with `intervals_len` 0 or valid for writing
/// `intervals_len` elements.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn carestat_sii(
    populations: *const f64,
    values: *const f64,
    standard_errors: *const f64,
    lower: *const f64,
    upper: *const f64,
    len: usize,
    options: *const carestat_sii_options,
    confidence: *const f64,
    n_confidence: usize,
    out: *mut carestat_sii_result,
    intervals: *mut carestat_sii_interval,
    intervals_len: usize,
) -> carestat_status {
    guard::call(|| {
        let out = slices::out("out", out)?;
        let options_buf = slices::optional_input("options", options, 1)?;
        let populations = slices::input("populations", populations, len)?;
        let values = slices::input("values", values, len)?;
        let standard_errors = slices::optional_input("standard_errors", standard_errors, len)?;
        let lower = slices::optional_input("lower", lower, len)?;
        let upper = slices::optional_input("upper", upper, len)?;
        let confidence = slices::input("confidence", confidence, n_confidence)?;
        if intervals_len != n_confidence {
            return Err(Error::LengthMismatch {
                field: "intervals".into(),
                expected_from: "confidence".into(),
                expected: n_confidence,
                found: intervals_len,
            }
            .into());
        }
        let intervals = slices::output("intervals", intervals, intervals_len)?;
        let mut spans = vec![populations.span(), values.span(), confidence.span()];
        spans.extend(options_buf.as_ref().map(Buf::span));
        spans.extend(
            [&standard_errors, &lower, &upper]
                .into_iter()
                .flatten()
                .map(Buf::span),
        );
        spans.push(out.span());
        spans.push(intervals.span());
        slices::check_disjoint(&spans)?;
        // SAFETY: the caller's promise on the inputs (checked non-NULL, aligned, sized).
        let (options, populations, values, standard_errors, lower, upper, confidence) = unsafe {
            (
                options_buf.as_ref().map(|o| o.as_slice()),
                populations.as_slice(),
                values.as_slice(),
                standard_errors.as_ref().map(|s| s.as_slice()),
                lower.as_ref().map(|s| s.as_slice()),
                upper.as_ref().map(|s| s.as_slice()),
                confidence.as_slice(),
            )
        };
        let options = match options {
            Some(o) => core_options(&o[0])?,
            None => SiiOptions::default(),
        };
        let uncertainty = uncertainty(standard_errors, lower, upper)?;
        let (result, levels) = if confidence.is_empty() {
            let (sii, rii, intercept) = sii::sii_point(populations, values, uncertainty, &options)?;
            (
                carestat_sii_result {
                    sii,
                    rii,
                    intercept,
                },
                Vec::new(),
            )
        } else {
            let s = sii::sii(populations, values, uncertainty, confidence, &options)?;
            let result = carestat_sii_result {
                sii: s.sii,
                rii: s.rii,
                intercept: s.intercept,
            };
            (result, s.intervals)
        };
        // SAFETY: the caller's promise on the outputs; disjoint from every other buffer
        // (checked).
        let slots = unsafe { intervals.into_mut_slice() };
        for (slot, i) in slots.iter_mut().zip(&levels) {
            *slot = carestat_sii_interval {
                confidence: i.confidence,
                sii_lower: i.sii_lower,
                sii_upper: i.sii_upper,
                rii_lower: i.rii_lower,
                rii_upper: i.rii_upper,
            };
        }
        // SAFETY: as above.
        unsafe { out.write(result) };
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_options_are_the_cores() {
        let c = carestat_sii_options_default();
        assert_eq!(core_options(&c).unwrap(), SiiOptions::default());
        for (code, t) in [
            (CARESTAT_SII_NORMAL, SiiValueType::Normal),
            (CARESTAT_SII_RATE, SiiValueType::Rate),
            (CARESTAT_SII_PROPORTION, SiiValueType::Proportion),
        ] {
            // The C codes are the reference's codes.
            assert_eq!(SiiValueType::from_code(i64::from(code)).unwrap(), t);
            let o = carestat_sii_options {
                value_type: code,
                ..c
            };
            assert_eq!(core_options(&o).unwrap().value_type, t);
        }
        let bad = carestat_sii_options { value_type: 3, ..c };
        assert!(matches!(
            core_options(&bad),
            Err(Failure::Core(Error::OutOfRange { .. }))
        ));
    }
}
