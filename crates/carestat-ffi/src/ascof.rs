//! The ASCOF catalogue (both frameworks): look a measure up, compute its outcome with its
//! published rounding, and compare two years with its polarity.

use std::ffi::{c_char, CString};
use std::ptr;
use std::sync::OnceLock;

use carestat_core::ascof::{self, Framework, Measure};
use carestat_core::Error;

use crate::guard;
use crate::slices;
use crate::status::carestat_status;
use crate::text::str_arg;

/// Framework argument: look the id up in both frameworks (an id in both is an error).
pub const CARESTAT_ASCOF_ANY: i32 = -1;
/// Framework: the ASCOF of 4 domains, used up to 2022-23.
pub const CARESTAT_ASCOF_TO_2022_23: i32 = 0;
/// Framework: the refreshed ASCOF of 6 objectives, from 2023-24.
pub const CARESTAT_ASCOF_FROM_2023_24: i32 = 1;

/// Unit code: a percentage (multiplier 100).
pub const CARESTAT_ASCOF_UNIT_PERCENTAGE: u32 = 0;
/// Unit code: a rate per 100,000 population of the measure's age band.
pub const CARESTAT_ASCOF_UNIT_PER_POPULATION: u32 = 1;
/// Unit code: a score (a mean out of `max_score`, or modelled).
pub const CARESTAT_ASCOF_UNIT_SCORE: u32 = 2;

/// Formula code: numerator / denominator × multiplier.
pub const CARESTAT_ASCOF_FORMULA_RATIO: u32 = 0;
/// Formula code: sum of respondents' scores / respondents.
pub const CARESTAT_ASCOF_FORMULA_MEAN_SCORE: u32 = 1;
/// Formula code: modelled; no numerator and denominator.
pub const CARESTAT_ASCOF_FORMULA_MODELLED: u32 = 2;

/// Mapping code: the same definition in the other framework (`counterpart`).
pub const CARESTAT_ASCOF_MAPPING_SAME: u32 = 0;
/// Mapping code: a successor or predecessor whose definition or coverage changed.
pub const CARESTAT_ASCOF_MAPPING_CHANGED: u32 = 1;
/// Mapping code: no successor in the refreshed framework.
pub const CARESTAT_ASCOF_MAPPING_DISCONTINUED: u32 = 2;
/// Mapping code: no predecessor in the old framework.
pub const CARESTAT_ASCOF_MAPPING_NEW: u32 = 3;

/// Certainty code: checked against the entry's `source`.
pub const CARESTAT_ASCOF_VERIFIED: u32 = 0;
/// Certainty code: recalled, not checked; confirm before relying on it.
pub const CARESTAT_ASCOF_UNCERTAIN: u32 = 1;

/// One ASCOF measure. Strings are static: never free them; optional ones are NULL when absent.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct carestat_ascof_measure_info {
    /// Compact id: "2A2", "1C1A".
    pub id: *const c_char,
    /// The id as published: "2A(2)", "1C(1a)".
    pub label: *const c_char,
    /// The measure's name.
    pub name: *const c_char,
    /// Its domain (up to 2022-23) or objective (from 2023-24).
    pub objective: *const c_char,
    /// The unit in words: "%", "per 100,000 population aged 65+", "score out of 24".
    pub unit_label: *const c_char,
    /// The population's or cohort's age band ("18-64", "65+"), or NULL.
    pub age_band: *const c_char,
    /// The data collection(s) it comes from.
    pub data_source: *const c_char,
    /// Its id in the other framework, or NULL.
    pub counterpart: *const c_char,
    /// Where the catalogue entry comes from.
    pub source: *const c_char,
    /// Anything else worth knowing, or NULL.
    pub note: *const c_char,
    /// `CARESTAT_ASCOF_TO_2022_23` or `CARESTAT_ASCOF_FROM_2023_24`.
    pub framework: i32,
    /// A `CARESTAT_ASCOF_UNIT_*` code.
    pub unit: u32,
    /// A `CARESTAT_ASCOF_FORMULA_*` code.
    pub formula: u32,
    /// A `CARESTAT_ASCOF_MAPPING_*` code.
    pub mapping: u32,
    /// `CARESTAT_ASCOF_VERIFIED` or `CARESTAT_ASCOF_UNCERTAIN`: the id and name.
    pub certainty: u32,
    /// `CARESTAT_ASCOF_VERIFIED` or `CARESTAT_ASCOF_UNCERTAIN`: the mapping.
    pub mapping_certainty: u32,
    /// A `CARESTAT_POLARITY_*` code.
    pub polarity: i32,
    /// 100 for percentages, 100,000 for rates, 1 for scores.
    pub multiplier: f64,
    /// The largest possible score (24, 12), or NaN.
    pub max_score: f64,
    /// Decimal places of the published outcome.
    pub decimals: u32,
    /// 1 for survey measures, whose England and regional values are weighted; else 0.
    pub weighted_aggregates: u32,
}

/// The catalogue's strings as C strings, built once and kept for the life of the program.
struct CStrings {
    id: CString,
    label: CString,
    name: CString,
    objective: CString,
    unit_label: CString,
    age_band: Option<CString>,
    data_source: CString,
    counterpart: Option<CString>,
    source: CString,
    note: Option<CString>,
}

fn c(text: &str) -> CString {
    // The catalogue holds no NUL; should one ever appear, drop it rather than fail.
    CString::new(text.replace('\0', "")).unwrap_or_default()
}

fn strings() -> &'static [CStrings] {
    static STRINGS: OnceLock<Vec<CStrings>> = OnceLock::new();
    STRINGS.get_or_init(|| {
        ascof::measures()
            .iter()
            .map(|m| CStrings {
                id: c(&m.id),
                label: c(&m.label),
                name: c(&m.name),
                objective: c(&m.objective),
                unit_label: c(&m.unit_label()),
                age_band: m.age_band.as_deref().map(c),
                data_source: c(&m.data_source),
                counterpart: m.counterpart.as_deref().map(c),
                source: c(&m.source),
                note: m.note.as_deref().map(c),
            })
            .collect()
    })
}

fn opt(s: Option<&CString>) -> *const c_char {
    s.map_or(ptr::null(), |s| s.as_ptr())
}

/// The C view of catalogue entry `index`.
fn view(index: usize) -> carestat_ascof_measure_info {
    let m: &Measure = &ascof::measures()[index];
    let s = &strings()[index];
    carestat_ascof_measure_info {
        id: s.id.as_ptr(),
        label: s.label.as_ptr(),
        name: s.name.as_ptr(),
        objective: s.objective.as_ptr(),
        unit_label: s.unit_label.as_ptr(),
        age_band: opt(s.age_band.as_ref()),
        data_source: s.data_source.as_ptr(),
        counterpart: opt(s.counterpart.as_ref()),
        source: s.source.as_ptr(),
        note: opt(s.note.as_ref()),
        framework: m.framework as i32,
        unit: m.unit as u32,
        formula: m.formula as u32,
        mapping: m.mapping as u32,
        certainty: m.certainty as u32,
        mapping_certainty: m.mapping_certainty as u32,
        polarity: m.polarity as i32,
        multiplier: m.multiplier,
        max_score: m.max_score.unwrap_or(f64::NAN),
        decimals: m.decimals,
        weighted_aggregates: u32::from(m.weighted_aggregates),
    }
}

/// A framework given as a C code: `None` for `CARESTAT_ASCOF_ANY`.
fn framework_of(framework: i32) -> Result<Option<Framework>, Error> {
    match framework {
        CARESTAT_ASCOF_ANY => Ok(None),
        CARESTAT_ASCOF_TO_2022_23 => Ok(Some(Framework::To2022_23)),
        CARESTAT_ASCOF_FROM_2023_24 => Ok(Some(Framework::From2023_24)),
        other => Err(Error::OutOfRange {
            field: "framework".into(),
            value: f64::from(other),
            expected: "-1 (either), 0 (up to 2022-23) or 1 (from 2023-24)".into(),
        }),
    }
}

/// Finds a measure by id in a framework given as a C code.
fn lookup(id: &str, framework: i32) -> Result<&'static Measure, Error> {
    match framework_of(framework)? {
        None => ascof::measure(id),
        Some(f) => ascof::measure_in(f, id),
    }
}

fn index_of(m: &Measure) -> usize {
    ascof::measures()
        .iter()
        .position(|x| ptr::eq(x, m))
        .unwrap_or_default()
}

/// Number of measures in the catalogue (both frameworks).
#[no_mangle]
pub extern "C" fn carestat_ascof_count() -> usize {
    guard::infallible(0, || ascof::measures().len())
}

/// Catalogue entry `index` (0 to `carestat_ascof_count() - 1`, old framework first).
///
/// Errors: `CARESTAT_STATUS_OUT_OF_RANGE` (index), `CARESTAT_STATUS_NULL_POINTER` (`out`).
/// `*out` is written only on success; its strings are static.
///
/// # Safety
/// `out` must be NULL or valid for writing one `carestat_ascof_measure_info`.
#[no_mangle]
pub unsafe extern "C" fn carestat_ascof_measure_at(
    index: usize,
    out: *mut carestat_ascof_measure_info,
) -> carestat_status {
    guard::call(|| {
        let out = slices::out("out", out)?;
        let len = ascof::measures().len();
        if index >= len {
            return Err(Error::OutOfRange {
                field: "index".into(),
                value: index as f64,
                expected: format!("an index below {len}").into(),
            }
            .into());
        }
        // SAFETY: the caller's promise on `out`.
        unsafe { out.write(view(index)) };
        Ok(())
    })
}

/// The measure with `id` ("2A(2)", "2A2", "ASCOF 2C", any case) in `framework`
/// (`CARESTAT_ASCOF_ANY`, `CARESTAT_ASCOF_TO_2022_23`, `CARESTAT_ASCOF_FROM_2023_24`).
///
/// Ids follow the grammar of the core's `ascof::parse_id`: a digit and a letter with an
/// optional part ("2A", "2A(2)", "2A2", "1C(1a)"), any case, spaces only around it.
///
/// Errors: `CARESTAT_STATUS_UNKNOWN_ID` (no such measure), `CARESTAT_STATUS_INVALID` (an id
/// outside the grammar, such as "2)A(2" or one with a control character; with
/// `CARESTAT_ASCOF_ANY`, an id that names measures in both frameworks, such as "2A", "2C",
/// "1C" or "2D": `carestat_last_error_message` says "name the framework"; an id that names
/// several parts, such as "2A" up to 2022-23), `CARESTAT_STATUS_OUT_OF_RANGE` (framework
/// code), `CARESTAT_STATUS_INVALID_UTF8`, `CARESTAT_STATUS_NULL_POINTER`. `*out` is written
/// only on success; its strings are static.
///
/// # Safety
/// `id` must be NULL or a NUL-terminated string; `out` must be NULL or valid for writing one
/// `carestat_ascof_measure_info`.
#[no_mangle]
pub unsafe extern "C" fn carestat_ascof_measure(
    id: *const c_char,
    framework: i32,
    out: *mut carestat_ascof_measure_info,
) -> carestat_status {
    guard::call(|| {
        // SAFETY: the caller's promise on `id`.
        let id = unsafe { str_arg("id", id) }?;
        let out = slices::out("out", out)?;
        let m = lookup(id, framework)?;
        // SAFETY: the caller's promise on `out`.
        unsafe { out.write(view(index_of(m))) };
        Ok(())
    })
}

/// A measure's outcome.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct carestat_ascof_outcome_result {
    /// numerator / denominator × multiplier, unrounded (NaN for missing input).
    pub value: f64,
    /// The value rounded half away from zero to `decimals` places, as published.
    pub published: f64,
    /// Decimal places of `published`.
    pub decimals: u32,
}

/// The outcome of measure `id` from a numerator and a denominator, with the measure's
/// multiplier and published rounding. NaN input gives NaN.
///
/// Errors: as `carestat_ascof_measure`, and `CARESTAT_STATUS_NEGATIVE`,
/// `CARESTAT_STATUS_NOT_POSITIVE` (denominator), `CARESTAT_STATUS_NOT_FINITE`,
/// `CARESTAT_STATUS_NUMERATOR_ABOVE_DENOMINATOR` (percentages), `CARESTAT_STATUS_OUT_OF_RANGE`
/// (a mean score above the maximum), `CARESTAT_STATUS_INVALID` (a modelled measure; an outcome
/// beyond the doubles).
///
/// # Safety
/// As `carestat_ascof_measure`, with `out` valid for one `carestat_ascof_outcome_result`.
#[no_mangle]
pub unsafe extern "C" fn carestat_ascof_outcome(
    id: *const c_char,
    framework: i32,
    numerator: f64,
    denominator: f64,
    out: *mut carestat_ascof_outcome_result,
) -> carestat_status {
    guard::call(|| {
        // SAFETY: the caller's promise on `id`.
        let id = unsafe { str_arg("id", id) }?;
        let out = slices::out("out", out)?;
        let o = lookup(id, framework)?.outcome(numerator, denominator)?;
        let result = carestat_ascof_outcome_result {
            value: o.value,
            published: o.published,
            decimals: o.decimals,
        };
        // SAFETY: the caller's promise on `out`.
        unsafe { out.write(result) };
        Ok(())
    })
}

/// Two years of a measure compared.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct carestat_ascof_comparison {
    /// The earlier value.
    pub previous: f64,
    /// The later value.
    pub current: f64,
    /// current - previous, in the measure's unit (percentage points for percentages).
    pub difference: f64,
    /// (current - previous) / previous × 100; NaN when previous is 0 or a value is missing.
    pub percent_change: f64,
    /// A `CARESTAT_JUDGEMENT_*` code, given the measure's polarity.
    pub judgement: u32,
}

/// Compares two years' values of measure `id` with its polarity ("2A2 rose from 417.6 to 587.2
/// per 100,000": worsened, because lower is better). An id that names several parts sharing
/// unit and polarity compares too: "2A" with `CARESTAT_ASCOF_TO_2022_23` (2A(1) and 2A(2),
/// lower is better); with `CARESTAT_ASCOF_ANY` "2A" is `CARESTAT_STATUS_INVALID`, because from
/// 2023-24 2A is short-term support, where higher is better.
///
/// Errors: as `carestat_ascof_measure` (without the several-parts case, unless the parts
/// differ in unit or polarity), and `CARESTAT_STATUS_NEGATIVE`,
/// `CARESTAT_STATUS_NOT_FINITE`, `CARESTAT_STATUS_INVALID` (a percentage change beyond the
/// doubles, as from a previous value of 1e-311).
///
/// # Safety
/// As `carestat_ascof_measure`, with `out` valid for one `carestat_ascof_comparison`.
#[no_mangle]
pub unsafe extern "C" fn carestat_ascof_compare(
    id: *const c_char,
    framework: i32,
    previous: f64,
    current: f64,
    out: *mut carestat_ascof_comparison,
) -> carestat_status {
    guard::call(|| {
        // SAFETY: the caller's promise on `id`.
        let id = unsafe { str_arg("id", id) }?;
        let out = slices::out("out", out)?;
        let c = ascof::compare(id, framework_of(framework)?, previous, current)?;
        let result = carestat_ascof_comparison {
            previous: c.previous,
            current: c.current,
            difference: c.difference,
            percent_change: c.percent_change,
            judgement: c.judgement as u32,
        };
        // SAFETY: the caller's promise on `out`.
        unsafe { out.write(result) };
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use carestat_core::ascof::{Certainty, Formula, Mapping, Unit};
    use std::ffi::CStr;

    #[test]
    fn codes_match_the_core() {
        assert_eq!(Framework::To2022_23 as i32, CARESTAT_ASCOF_TO_2022_23);
        assert_eq!(Framework::From2023_24 as i32, CARESTAT_ASCOF_FROM_2023_24);
        assert_eq!(Unit::Percentage as u32, CARESTAT_ASCOF_UNIT_PERCENTAGE);
        assert_eq!(
            Unit::PerPopulation as u32,
            CARESTAT_ASCOF_UNIT_PER_POPULATION
        );
        assert_eq!(Unit::Score as u32, CARESTAT_ASCOF_UNIT_SCORE);
        assert_eq!(Formula::Ratio as u32, CARESTAT_ASCOF_FORMULA_RATIO);
        assert_eq!(Formula::MeanScore as u32, CARESTAT_ASCOF_FORMULA_MEAN_SCORE);
        assert_eq!(Formula::Modelled as u32, CARESTAT_ASCOF_FORMULA_MODELLED);
        assert_eq!(Mapping::Same as u32, CARESTAT_ASCOF_MAPPING_SAME);
        assert_eq!(Mapping::Changed as u32, CARESTAT_ASCOF_MAPPING_CHANGED);
        assert_eq!(
            Mapping::Discontinued as u32,
            CARESTAT_ASCOF_MAPPING_DISCONTINUED
        );
        assert_eq!(Mapping::New as u32, CARESTAT_ASCOF_MAPPING_NEW);
        assert_eq!(Certainty::Verified as u32, CARESTAT_ASCOF_VERIFIED);
        assert_eq!(Certainty::Uncertain as u32, CARESTAT_ASCOF_UNCERTAIN);
    }

    #[test]
    fn every_entry_has_its_strings() {
        for i in 0..carestat_ascof_count() {
            let mut m = std::mem::MaybeUninit::<carestat_ascof_measure_info>::uninit();
            let status = unsafe { carestat_ascof_measure_at(i, m.as_mut_ptr()) };
            assert_eq!(status, carestat_status::CARESTAT_OK);
            let m = unsafe { m.assume_init() };
            let core = &ascof::measures()[i];
            let id = unsafe { CStr::from_ptr(m.id) }.to_str().unwrap();
            assert_eq!(id, core.id);
            assert_eq!(m.counterpart.is_null(), core.counterpart.is_none());
            assert_eq!(m.note.is_null(), core.note.is_none());
        }
    }
}
