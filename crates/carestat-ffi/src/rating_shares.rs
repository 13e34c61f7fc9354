//! Provider rating shares beyond Outstanding-or-Good: every category's share, the Wilson
//! interval of a share, which denominator rule reproduces a published share, and local rating
//! schemes (Birmingham's Gold / Silver / Bronze / Inadequate, or a council's own).

use std::ffi::c_char;

use carestat_core::ratings::{DenominatorRule, LocalScheme, Rating, RatingCounts};
use carestat_core::Error;

use crate::cqc::rating_from_code;
use crate::estimate::carestat_estimate;
use crate::guard;
use crate::slices;
use crate::status::carestat_status;
use crate::text::str_arg;

/// Bit of `carestat_rating_rules_matching`'s result: the all-locations rule reproduces the
/// stated share.
pub const CARESTAT_RULE_MATCH_ALL_LOCATIONS: u32 = 1;
/// Bit of `carestat_rating_rules_matching`'s result: the rated-only rule reproduces it.
pub const CARESTAT_RULE_MATCH_RATED_ONLY: u32 = 2;

/// Each category's share of the denominator, as percentages.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct carestat_rating_shares_result {
    /// The denominator (all locations, or rated locations only).
    pub denominator: f64,
    /// Percentage rated Outstanding.
    pub outstanding: f64,
    /// Percentage rated Good.
    pub good: f64,
    /// Percentage rated Requires improvement.
    pub requires_improvement: f64,
    /// Percentage rated Inadequate.
    pub inadequate: f64,
    /// Percentage without a published rating; NaN under the rated-only rule.
    pub not_rated: f64,
    /// Percentage rated Outstanding or Good.
    pub outstanding_or_good: f64,
}

fn counts(c: [f64; 5]) -> Result<RatingCounts, Error> {
    RatingCounts::from_f64(c)
}

/// Every category's share (and Outstanding-or-Good) under a `CARESTAT_DENOMINATOR_*` rule.
/// Counts as in `carestat_rating_share`.
///
/// Errors: as `carestat_rating_share`. `*out` is written only on success.
///
/// # Safety
/// `out` must be NULL or valid for writing one `carestat_rating_shares_result`.
#[no_mangle]
pub unsafe extern "C" fn carestat_rating_shares(
    outstanding: f64,
    good: f64,
    requires_improvement: f64,
    inadequate: f64,
    not_rated: f64,
    denominator_rule: u32,
    out: *mut carestat_rating_shares_result,
) -> carestat_status {
    guard::call(|| {
        let out = slices::out("out", out)?;
        let c = counts([
            outstanding,
            good,
            requires_improvement,
            inadequate,
            not_rated,
        ])?;
        let s = c.shares(DenominatorRule::from_code(denominator_rule)?)?;
        let result = carestat_rating_shares_result {
            denominator: s.denominator as f64,
            outstanding: s.outstanding,
            good: s.good,
            requires_improvement: s.requires_improvement,
            inadequate: s.inadequate,
            not_rated: s.not_rated.unwrap_or(f64::NAN),
            outstanding_or_good: s.outstanding_or_good,
        };
        // SAFETY: the caller's promise on `out`.
        unsafe { out.write(result) };
        Ok(())
    })
}

/// The Outstanding-or-Good share with its Wilson score interval (percentages) at `confidence`
/// (0.95, 0.998 or 95, 99.8).
///
/// Errors: as `carestat_rating_share`, and `CARESTAT_STATUS_CONFIDENCE`.
///
/// # Safety
/// `out` must be NULL or valid for writing one `carestat_estimate`.
#[no_mangle]
pub unsafe extern "C" fn carestat_rating_share_estimate(
    outstanding: f64,
    good: f64,
    requires_improvement: f64,
    inadequate: f64,
    not_rated: f64,
    denominator_rule: u32,
    confidence: f64,
    out: *mut carestat_estimate,
) -> carestat_status {
    guard::call(|| {
        let out = slices::out("out", out)?;
        let c = counts([
            outstanding,
            good,
            requires_improvement,
            inadequate,
            not_rated,
        ])?;
        let e = c.outstanding_or_good_estimate(
            DenominatorRule::from_code(denominator_rule)?,
            confidence,
        )?;
        // SAFETY: the caller's promise on `out`.
        unsafe { out.write(e.into()) };
        Ok(())
    })
}

/// Which denominator rules reproduce a `stated` Outstanding-or-Good percentage when the share
/// is rounded half away from zero to `decimals` places: a bit set of
/// `CARESTAT_RULE_MATCH_ALL_LOCATIONS` and `CARESTAT_RULE_MATCH_RATED_ONLY`. 0 means the
/// published figure does not follow from its own inputs ("76% of care homes": 13 + 432 of 576
/// is 77.3%).
///
/// Errors: as `carestat_rating_share` for the counts; `CARESTAT_STATUS_NOT_FINITE` (`stated`).
///
/// # Safety
/// `out` must be NULL or valid for writing one `uint32_t`.
#[no_mangle]
pub unsafe extern "C" fn carestat_rating_rules_matching(
    outstanding: f64,
    good: f64,
    requires_improvement: f64,
    inadequate: f64,
    not_rated: f64,
    stated: f64,
    decimals: i32,
    out: *mut u32,
) -> carestat_status {
    guard::call(|| {
        let out = slices::out("out", out)?;
        let c = counts([
            outstanding,
            good,
            requires_improvement,
            inadequate,
            not_rated,
        ])?;
        if !stated.is_finite() {
            return Err(Error::NotFinite {
                field: "stated".into(),
                value: stated,
            }
            .into());
        }
        let mask = c
            .rules_matching(&[Rating::Outstanding, Rating::Good], stated, decimals)
            .iter()
            .fold(0, |m, r| {
                m | match r {
                    DenominatorRule::AllLocations => CARESTAT_RULE_MATCH_ALL_LOCATIONS,
                    DenominatorRule::RatedOnly => CARESTAT_RULE_MATCH_RATED_ONLY,
                }
            });
        // SAFETY: the caller's promise on `out`.
        unsafe { out.write(mask) };
        Ok(())
    })
}

/// The `CARESTAT_RATING_*` code of a label in a built-in scheme: `scheme` "Birmingham" (Gold,
/// Silver, Bronze, Inadequate, Not yet rated) or "CQC" (CQC's labels and the names of the
/// unrated category); labels and scheme names match ignoring case and surrounding spaces.
///
/// Errors: `CARESTAT_STATUS_UNKNOWN_ID` (an unknown scheme or label),
/// `CARESTAT_STATUS_INVALID_UTF8`, `CARESTAT_STATUS_NULL_POINTER`.
///
/// # Safety
/// `scheme` and `label` must be NULL or NUL-terminated strings; `out` NULL or valid for
/// writing one `uint32_t`.
#[no_mangle]
pub unsafe extern "C" fn carestat_local_rating(
    scheme: *const c_char,
    label: *const c_char,
    out: *mut u32,
) -> carestat_status {
    guard::call(|| {
        // SAFETY: the caller's promise on `scheme` and `label`.
        let (scheme, label) = unsafe { (str_arg("scheme", scheme)?, str_arg("label", label)?) };
        let out = slices::out("out", out)?;
        let scheme = match scheme.trim().to_ascii_lowercase().as_str() {
            "birmingham" => LocalScheme::birmingham(),
            "cqc" => LocalScheme::cqc(),
            _ => {
                return Err(Error::Unknown {
                    field: "scheme".into(),
                    kind: "built-in rating scheme (\"Birmingham\" or \"CQC\")".into(),
                    id: scheme.to_owned(),
                }
                .into())
            }
        };
        let rating = scheme.rating(label)?;
        // SAFETY: the caller's promise on `out`.
        unsafe { out.write(rating as u32) };
        Ok(())
    })
}

/// The `CARESTAT_RATING_*` code of a label in a council's own scheme, given as `len` labels
/// and their rating codes (`labels[i]` maps onto `ratings[i]`).
///
/// Errors: `CARESTAT_STATUS_UNKNOWN_ID` (a label the scheme does not have),
/// `CARESTAT_STATUS_OUT_OF_RANGE` (a rating code, naming the row), `CARESTAT_STATUS_INVALID`
/// (an empty or repeated scheme label), `CARESTAT_STATUS_INVALID_UTF8`,
/// `CARESTAT_STATUS_NULL_POINTER`.
///
/// # Safety
/// `labels` must be NULL with `len` 0 or valid for reading `len` pointers, each a
/// NUL-terminated string; `ratings` likewise for `len` `uint32_t`; `label` a NUL-terminated
/// string; `out` NULL or valid for writing one `uint32_t`.
#[no_mangle]
pub unsafe extern "C" fn carestat_local_rating_custom(
    labels: *const *const c_char,
    ratings: *const u32,
    len: usize,
    label: *const c_char,
    out: *mut u32,
) -> carestat_status {
    guard::call(|| {
        let labels = slices::input("labels", labels, len)?;
        let ratings = slices::input("ratings", ratings, len)?;
        // SAFETY: the caller's promise on `label`.
        let label = unsafe { str_arg("label", label) }?;
        let out = slices::out("out", out)?;
        // SAFETY: checked; validity of the memory is the caller's promise.
        let (labels, ratings) = unsafe { (labels.as_slice(), ratings.as_slice()) };
        let mut pairs = Vec::with_capacity(len);
        for (i, (&l, &r)) in labels.iter().zip(ratings).enumerate() {
            // SAFETY: the caller's promise on each label.
            let l = unsafe { str_arg("labels", l) }?;
            let r = rating_from_code(r).ok_or_else(|| {
                Error::OutOfRange {
                    field: "ratings".into(),
                    value: f64::from(r),
                    expected: "a CARESTAT_RATING_* code from 0 to 4".into(),
                }
                .at_row(i)
            })?;
            pairs.push((l, r));
        }
        let rating = LocalScheme::new("custom", pairs)?.rating(label)?;
        // SAFETY: the caller's promise on `out`.
        unsafe { out.write(rating as u32) };
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn birmingham_supported_living_shares() {
        // Seed 000: 3 gold, 199 silver, 64 bronze, 1 inadequate, 11 not yet rated; "73%".
        let mut s = std::mem::MaybeUninit::uninit();
        let status =
            unsafe { carestat_rating_shares(3.0, 199.0, 64.0, 1.0, 11.0, 0, s.as_mut_ptr()) };
        assert_eq!(status, carestat_status::CARESTAT_OK);
        let s = unsafe { s.assume_init() };
        assert_eq!(s.denominator, 278.0);
        assert!((s.outstanding_or_good - 202.0 / 278.0 * 100.0).abs() < 1e-12);
        let mut mask = 0;
        let status = unsafe {
            carestat_rating_rules_matching(3.0, 199.0, 64.0, 1.0, 11.0, 73.0, 0, &raw mut mask)
        };
        assert_eq!(status, carestat_status::CARESTAT_OK);
        assert_eq!(mask, CARESTAT_RULE_MATCH_ALL_LOCATIONS);
    }
}
