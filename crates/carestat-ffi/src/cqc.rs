//! CQC assessment of local authorities: 9 quality statements scored 1-4, the overall
//! percentage and rating band, with the rule for percentages between bands as a parameter.

use std::ffi::c_char;

use carestat_core::cqc::{BandRule, QualityStatement, Scores, Theme};
use carestat_core::ratings::Rating;
use carestat_core::Error;

use crate::guard;
use crate::slices;
use crate::status::carestat_status;

/// A statement score meaning "not assessed" (any other value outside 1-4 is an error).
pub const CARESTAT_CQC_NOT_ASSESSED: i32 = -1;

/// Band rule (the default): a band is awarded only once its lower bound is reached, so 38.9%
/// is Inadequate and 87.5% Good (the literal reading of "88% and above").
pub const CARESTAT_BAND_LOWER: u32 = 0;
/// Band rule: round the percentage to a whole number (half away from zero) first.
pub const CARESTAT_BAND_NEAREST: u32 = 1;
/// Band rule: anything above a band's upper bound moves up (38.1% is Requires improvement).
pub const CARESTAT_BAND_UPPER: u32 = 2;

/// Rating code: Outstanding.
pub const CARESTAT_RATING_OUTSTANDING: u32 = 0;
/// Rating code: Good.
pub const CARESTAT_RATING_GOOD: u32 = 1;
/// Rating code: Requires improvement.
pub const CARESTAT_RATING_REQUIRES_IMPROVEMENT: u32 = 2;
/// Rating code: Inadequate.
pub const CARESTAT_RATING_INADEQUATE: u32 = 3;
/// Rating code: not rated (not yet rated, inspected but not rated, no published rating).
pub const CARESTAT_RATING_NOT_RATED: u32 = 4;

/// The overall result of a local authority assessment.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct carestat_cqc_result {
    /// Sum of the scores.
    pub total: u32,
    /// Number of statements assessed.
    pub assessed: u32,
    /// The largest possible total, 4 × `assessed`.
    pub max_total: u32,
    /// `total / max_total × 100`, unrounded.
    pub percentage: f64,
    /// The band under `band_rule`: a `CARESTAT_RATING_*` code.
    pub rating: u32,
    /// The `CARESTAT_BAND_*` rule used.
    pub band_rule: u32,
    /// 1 when the percentage lies strictly between two bands (38-39, 62-63, 87-88), so that the
    /// rating depends on the rule CQC does not state; else 0.
    pub ambiguous: u32,
    /// The rating if such a percentage takes the lower band.
    pub rating_lower_band: u32,
    /// The rating if such a percentage takes the upper band.
    pub rating_upper_band: u32,
}

/// The most overall ratings `carestat_cqc_possible_ratings` ever writes (one per band): an
/// `out` of this capacity is always large enough.
pub const CARESTAT_CQC_MAX_POSSIBLE_RATINGS: usize = 4;

/// An overall rating that the published scores leave possible, with the totals of all 9
/// statements that give it.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct carestat_cqc_possible_rating {
    /// The rating: a `CARESTAT_RATING_*` code.
    pub rating: u32,
    /// The lowest total of all 9 statements (out of 36) that gives it.
    pub min_total: u32,
    /// The highest total of all 9 statements (out of 36) that gives it.
    pub max_total: u32,
    /// `min_total / 36 × 100`, unrounded.
    pub min_percentage: f64,
    /// `max_total / 36 × 100`, unrounded.
    pub max_percentage: f64,
}

/// Scores from C: `CARESTAT_CQC_NOT_ASSESSED` is a statement not assessed.
fn scores_from(values: &[i32]) -> Result<Scores, Error> {
    let options: Vec<Option<i64>> = values
        .iter()
        .map(|&s| (s != CARESTAT_CQC_NOT_ASSESSED).then_some(i64::from(s)))
        .collect();
    Scores::from_options(&options)
}

/// The overall percentage and rating of up to 9 statement scores, in CQC's statement order
/// (1 Assessing needs ... 9 Learning, improvement and innovation); statements after the last
/// score given, and scores of `CARESTAT_CQC_NOT_ASSESSED`, are not assessed.
///
/// Errors: `CARESTAT_STATUS_OUT_OF_RANGE` (a score outside 1-4, naming the statement; more than
/// 9 scores; an unknown band rule), `CARESTAT_STATUS_INVALID` (no statement assessed),
/// `CARESTAT_STATUS_NULL_POINTER`. `*out` is written only on success.
///
/// # Safety
/// `scores` must be NULL with `len` 0 or valid for reading `len` `int32_t`; `out` must be NULL
/// or valid for writing one `carestat_cqc_result`.
#[no_mangle]
pub unsafe extern "C" fn carestat_cqc_la_rating(
    scores: *const i32,
    len: usize,
    band_rule: u32,
    out: *mut carestat_cqc_result,
) -> carestat_status {
    guard::call(|| {
        let scores = slices::input("scores", scores, len)?;
        let out = slices::out("out", out)?;
        let rule = BandRule::from_code(i64::from(band_rule))?;
        // SAFETY: checked; validity of the memory is the caller's promise.
        let scores = scores_from(unsafe { scores.as_slice() })?;
        let r = scores.rate(rule)?;
        let result = carestat_cqc_result {
            total: r.total,
            assessed: r.assessed,
            max_total: r.max_total,
            percentage: r.percentage,
            rating: r.rating as u32,
            band_rule: r.rule as u32,
            ambiguous: u32::from(r.ambiguous),
            rating_lower_band: r.rating_lower_band as u32,
            rating_upper_band: r.rating_upper_band as u32,
        };
        // SAFETY: the caller's promise on `out`.
        unsafe { out.write(result) };
        Ok(())
    })
}

/// The overall ratings still possible when a document publishes only some of the 9 statement
/// scores. Scores as `carestat_cqc_la_rating`, but a statement without a score
/// (`CARESTAT_CQC_NOT_ASSESSED`, or after the last score given) counts as **assessed with an
/// unpublished score** of 1 to 4. Writes the possible ratings to `out[0..*out_len]`, lowest
/// band first, each with the range of totals of all 9 statements that gives it under
/// `band_rule`; with all 9 scores published there is exactly one. `out_len` is at most
/// `CARESTAT_CQC_MAX_POSSIBLE_RATINGS` (4), so an `out` of that capacity always suffices.
///
/// Errors: `CARESTAT_STATUS_OUT_OF_RANGE` (a score outside 1-4, naming the statement; more than
/// 9 scores; an unknown band rule), `CARESTAT_STATUS_TOO_FEW` (`out_capacity` below the number
/// of possible ratings; the message gives the number needed),
/// `CARESTAT_STATUS_NULL_POINTER`, `CARESTAT_STATUS_OVERLAPPING_BUFFERS`. `out` and `*out_len`
/// are written only on success.
///
/// # Safety
/// `scores` as `carestat_cqc_la_rating`; `out` must be NULL with `out_capacity` 0 or valid for
/// writing `out_capacity` `carestat_cqc_possible_rating`; `out_len` must be NULL or valid for
/// writing one `size_t`.
#[no_mangle]
pub unsafe extern "C" fn carestat_cqc_possible_ratings(
    scores: *const i32,
    len: usize,
    band_rule: u32,
    out: *mut carestat_cqc_possible_rating,
    out_capacity: usize,
    out_len: *mut usize,
) -> carestat_status {
    guard::call(|| {
        let scores = slices::input("scores", scores, len)?;
        let out = slices::output("out", out, out_capacity)?;
        let out_len = slices::out("out_len", out_len)?;
        slices::check_disjoint(&[scores.span(), out.span(), out_len.span()])?;
        let rule = BandRule::from_code(i64::from(band_rule))?;
        // SAFETY: checked; validity of the memory is the caller's promise.
        let scores = scores_from(unsafe { scores.as_slice() })?;
        let possible = scores.possible_ratings(rule);
        if possible.len() > out_capacity {
            return Err(Error::TooFew {
                field: "out_capacity".into(),
                needed: possible.len(),
                found: out_capacity,
            }
            .into());
        }
        // SAFETY: checked and disjoint (above); validity is the caller's promise.
        let out = unsafe { out.into_mut_slice() };
        for (o, p) in out.iter_mut().zip(&possible) {
            *o = carestat_cqc_possible_rating {
                rating: p.rating as u32,
                min_total: p.min_total,
                max_total: p.max_total,
                min_percentage: p.min_percentage(),
                max_percentage: p.max_percentage(),
            };
        }
        // SAFETY: the caller's promise on `out_len`.
        unsafe { out_len.write(possible.len()) };
        Ok(())
    })
}

/// The percentage of each theme's assessed statements, written to `out[0..4]` (themes 1-4;
/// NaN for a theme with none assessed). **Derived by carestat: CQC publishes no theme
/// percentage.** Scores as `carestat_cqc_la_rating`.
///
/// Errors: as `carestat_cqc_la_rating`, and `CARESTAT_STATUS_LENGTH_MISMATCH` when `out_len`
/// is not 4. `out` is written only on success.
///
/// # Safety
/// `scores` as `carestat_cqc_la_rating`; `out` must be NULL with `out_len` 0 or valid for
/// writing `out_len` doubles.
#[no_mangle]
pub unsafe extern "C" fn carestat_cqc_theme_percentages(
    scores: *const i32,
    len: usize,
    out: *mut f64,
    out_len: usize,
) -> carestat_status {
    guard::call(|| {
        let scores = slices::input("scores", scores, len)?;
        let out = slices::output("out", out, out_len)?;
        slices::check_disjoint(&[scores.span(), out.span()])?;
        if out_len != 4 {
            return Err(Error::LengthMismatch {
                field: "out".into(),
                expected_from: "themes".into(),
                expected: 4,
                found: out_len,
            }
            .into());
        }
        // SAFETY: checked; validity of the memory is the caller's promise.
        let (scores, out) = unsafe { (scores.as_slice(), out.into_mut_slice()) };
        let themes = scores_from(scores)?.theme_percentages();
        for (o, t) in out.iter_mut().zip(themes) {
            *o = t.percentage;
        }
        Ok(())
    })
}

/// The name of quality statement `number` (1-9) as CQC writes it ("Assessing needs", ...);
/// "" for any other number.
///
/// Never NULL, never to be freed; valid for the life of the program.
#[no_mangle]
pub extern "C" fn carestat_cqc_statement_name(number: u32) -> *const c_char {
    guard::infallible(c"".as_ptr(), || {
        match QualityStatement::from_number(i64::from(number)) {
            Ok(s) => statement_cstr(s),
            Err(_) => c"".as_ptr(),
        }
    })
}

fn statement_cstr(s: QualityStatement) -> *const c_char {
    match s {
        QualityStatement::AssessingNeeds => c"Assessing needs".as_ptr(),
        QualityStatement::HealthierLives => c"Supporting people to live healthier lives".as_ptr(),
        QualityStatement::Equity => c"Equity in experiences and outcomes".as_ptr(),
        QualityStatement::CareProvision => c"Care provision, integration and continuity".as_ptr(),
        QualityStatement::Partnerships => c"Partnerships and communities".as_ptr(),
        QualityStatement::SafeSystems => c"Safe systems, pathways and transitions".as_ptr(),
        QualityStatement::Safeguarding => c"Safeguarding".as_ptr(),
        QualityStatement::Governance => c"Governance, management and sustainability".as_ptr(),
        QualityStatement::Learning => c"Learning, improvement and innovation".as_ptr(),
    }
}

/// The number (1-4) of the theme quality statement `number` (1-9) belongs to; 0 for any other
/// number.
#[no_mangle]
pub extern "C" fn carestat_cqc_statement_theme(number: u32) -> u32 {
    guard::infallible(0, || {
        QualityStatement::from_number(i64::from(number)).map_or(0, |s| s.theme().number())
    })
}

/// The name of theme `number` (1-4) as CQC writes it ("Working with people", ...); "" for any
/// other number.
///
/// Never NULL, never to be freed; valid for the life of the program.
#[no_mangle]
pub extern "C" fn carestat_cqc_theme_name(number: u32) -> *const c_char {
    guard::infallible(c"".as_ptr(), || {
        match Theme::ALL.iter().find(|t| t.number() == number) {
            Some(Theme::WorkingWithPeople) => c"Working with people".as_ptr(),
            Some(Theme::ProvidingSupport) => c"Providing support".as_ptr(),
            Some(Theme::EnsuringSafety) => c"Ensuring safety within the system".as_ptr(),
            Some(Theme::Leadership) => c"Leadership".as_ptr(),
            None => c"".as_ptr(),
        }
    })
}

/// The label of a `CARESTAT_RATING_*` code as CQC writes it: "Outstanding", "Good",
/// "Requires improvement", "Inadequate", "Not rated"; "unknown rating" for any other code.
///
/// Never NULL, never to be freed; valid for the life of the program.
#[no_mangle]
pub extern "C" fn carestat_rating_label(rating: u32) -> *const c_char {
    let unknown = c"unknown rating".as_ptr();
    guard::infallible(unknown, || match rating_from_code(rating) {
        Some(Rating::Outstanding) => c"Outstanding".as_ptr(),
        Some(Rating::Good) => c"Good".as_ptr(),
        Some(Rating::RequiresImprovement) => c"Requires improvement".as_ptr(),
        Some(Rating::Inadequate) => c"Inadequate".as_ptr(),
        Some(Rating::NotRated) => c"Not rated".as_ptr(),
        None => unknown,
    })
}

/// The rating with a numeric code, if any.
pub(crate) fn rating_from_code(code: u32) -> Option<Rating> {
    Rating::ALL.into_iter().find(|&r| r as u32 == code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    #[test]
    fn codes_and_names_match_the_core() {
        for (code, r) in [
            (CARESTAT_RATING_OUTSTANDING, Rating::Outstanding),
            (CARESTAT_RATING_GOOD, Rating::Good),
            (
                CARESTAT_RATING_REQUIRES_IMPROVEMENT,
                Rating::RequiresImprovement,
            ),
            (CARESTAT_RATING_INADEQUATE, Rating::Inadequate),
            (CARESTAT_RATING_NOT_RATED, Rating::NotRated),
        ] {
            assert_eq!(r as u32, code);
            let label = unsafe { CStr::from_ptr(carestat_rating_label(code)) };
            assert_eq!(label.to_str().unwrap(), r.label());
        }
        for (code, rule) in [
            (CARESTAT_BAND_LOWER, BandRule::LowerBand),
            (CARESTAT_BAND_NEAREST, BandRule::Nearest),
            (CARESTAT_BAND_UPPER, BandRule::UpperBand),
        ] {
            assert_eq!(rule as u32, code);
        }
        for s in QualityStatement::ALL {
            let name = unsafe { CStr::from_ptr(carestat_cqc_statement_name(s.number())) };
            assert_eq!(name.to_str().unwrap(), s.name());
            assert_eq!(carestat_cqc_statement_theme(s.number()), s.theme().number());
        }
        for t in Theme::ALL {
            let name = unsafe { CStr::from_ptr(carestat_cqc_theme_name(t.number())) };
            assert_eq!(name.to_str().unwrap(), t.name());
        }
    }

    #[test]
    fn possible_ratings_of_birmingham_governance_alone() {
        use crate::status::carestat_status as S;
        // Seed 003: only Governance (statement 8) published, scored 3. Totals of all 9 run
        // from 3 + 8 = 11 to 3 + 32 = 35; 25 t / 9 by hand: Inadequate to 14 (38.9%),
        // Requires improvement 15-22, Good 23 (63.9%) to 31 (86.1%), Outstanding from 32 (88.9%).
        let n = CARESTAT_CQC_NOT_ASSESSED;
        let scores = [n, n, n, n, n, n, n, 3];
        let mut out = [carestat_cqc_possible_rating {
            rating: 99,
            min_total: 0,
            max_total: 0,
            min_percentage: 0.0,
            max_percentage: 0.0,
        }; CARESTAT_CQC_MAX_POSSIBLE_RATINGS];
        let call = |out: &mut [carestat_cqc_possible_rating], capacity: usize| {
            let mut len = 99usize;
            // SAFETY: the buffers above, `capacity` at most their length.
            let status = unsafe {
                carestat_cqc_possible_ratings(
                    scores.as_ptr(),
                    scores.len(),
                    CARESTAT_BAND_LOWER,
                    out.as_mut_ptr(),
                    capacity,
                    &raw mut len,
                )
            };
            (status, len)
        };
        let (status, len) = call(&mut out, CARESTAT_CQC_MAX_POSSIBLE_RATINGS);
        assert_eq!(status, S::CARESTAT_OK);
        let got: Vec<(u32, u32, u32)> = out[..len]
            .iter()
            .map(|p| (p.rating, p.min_total, p.max_total))
            .collect();
        assert_eq!(
            got,
            [
                (CARESTAT_RATING_INADEQUATE, 11, 14),
                (CARESTAT_RATING_REQUIRES_IMPROVEMENT, 15, 22),
                (CARESTAT_RATING_GOOD, 23, 31),
                (CARESTAT_RATING_OUTSTANDING, 32, 35)
            ]
        );
        assert_eq!(out[2].min_percentage, 2300.0 / 36.0);
        // Three slots for four ratings: nothing written.
        let (status, len) = call(&mut out, 3);
        assert_eq!((status, len), (S::CARESTAT_STATUS_TOO_FEW, 99));
    }
}
