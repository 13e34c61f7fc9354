//! Shares of CQC-rated locations ("76% of care homes are Outstanding or Good").

use carestat_core::ratings::{DenominatorRule, RatingCounts};

use crate::guard;
use crate::slices;
use crate::status::carestat_status;

/// Denominator rule: every location, rated or not (nothing dropped silently).
pub const CARESTAT_DENOMINATOR_ALL_LOCATIONS: u32 = 0;
/// Denominator rule: rated locations only (unrated excluded from the denominator).
pub const CARESTAT_DENOMINATOR_RATED_ONLY: u32 = 1;

/// The percentage of locations rated Outstanding or Good, from the counts in each CQC
/// category and a `CARESTAT_DENOMINATOR_*` rule.
///
/// Counts are doubles as spreadsheets hold them; each must be a whole number, zero or above,
/// and not NaN (a missing count has no share). Errors: `CARESTAT_STATUS_NEGATIVE`,
/// `CARESTAT_STATUS_NOT_FINITE` (NaN or infinity), `CARESTAT_STATUS_INVALID` (a fraction),
/// `CARESTAT_STATUS_OUT_OF_RANGE` (an unknown rule), `CARESTAT_STATUS_NOT_POSITIVE` (no
/// locations in the denominator), `CARESTAT_STATUS_NULL_POINTER` (`out`). `*out` is written
/// only on success.
///
/// # Safety
/// `out` must be NULL or valid for writing one `double`.
#[no_mangle]
pub unsafe extern "C" fn carestat_rating_share(
    outstanding: f64,
    good: f64,
    requires_improvement: f64,
    inadequate: f64,
    not_rated: f64,
    denominator_rule: u32,
    out: *mut f64,
) -> carestat_status {
    guard::call(|| {
        let out = slices::out("out", out)?;
        let counts = RatingCounts::from_f64([
            outstanding,
            good,
            requires_improvement,
            inadequate,
            not_rated,
        ])?;
        let rule = DenominatorRule::from_code(denominator_rule)?;
        let share = counts.outstanding_or_good_share(rule)?;
        // SAFETY: the caller's promise on `out`.
        unsafe { out.write(share) };
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_codes_match_the_core() {
        assert_eq!(
            DenominatorRule::AllLocations as u32,
            CARESTAT_DENOMINATOR_ALL_LOCATIONS
        );
        assert_eq!(
            DenominatorRule::RatedOnly as u32,
            CARESTAT_DENOMINATOR_RATED_ONLY
        );
    }
}
