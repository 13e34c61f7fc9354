//! Disclosure control: the Safeguarding Adults Collection and NHS Digital suppression rules (or
//! a rule of your own), and the Government Statistical Service symbols.

use std::ffi::c_char;

use carestat_core::disclosure::{protect_table, Published, SuppressionRule, Symbol};
use carestat_core::Error;

use crate::guard::{self, Failure};
use crate::slices;
use crate::status::carestat_status;

/// Built-in rule: Safeguarding Adults Collection (0-4 not shown, others to the nearest 5).
pub const CARESTAT_RULE_SAFEGUARDING_ADULTS: u32 = 0;
/// Built-in rule: NHS Digital, sub-national (1-7 not shown, 0 shown, others to the nearest 5,
/// a percentage with decimals needs a rounded denominator of at least 4,000).
pub const CARESTAT_RULE_NHS_DIGITAL: u32 = 1;

/// Count status: shown (rounded as the rule says).
pub const CARESTAT_SHOWN: u32 = 0;
/// Count status: not shown; print the rule's marker (`[c]` by default, `*` in the
/// publications).
pub const CARESTAT_SUPPRESSED: u32 = 1;
/// Count status: the input was missing (NaN); print `[x]`.
pub const CARESTAT_MISSING: u32 = 2;

/// GSS symbol code: `[c]` confidential.
pub const CARESTAT_SYMBOL_CONFIDENTIAL: u32 = 0;
/// GSS symbol code: `[x]` not available.
pub const CARESTAT_SYMBOL_NOT_AVAILABLE: u32 = 1;
/// GSS symbol code: `[z]` not applicable.
pub const CARESTAT_SYMBOL_NOT_APPLICABLE: u32 = 2;
/// GSS symbol code: `[u]` low reliability.
pub const CARESTAT_SYMBOL_LOW_RELIABILITY: u32 = 3;
/// GSS symbol code: `[e]` estimate.
pub const CARESTAT_SYMBOL_ESTIMATE: u32 = 4;
/// GSS symbol code: `[p]` provisional.
pub const CARESTAT_SYMBOL_PROVISIONAL: u32 = 5;
/// GSS symbol code: `[r]` revised.
pub const CARESTAT_SYMBOL_REVISED: u32 = 6;
/// GSS symbol code: `[b]` break in series.
pub const CARESTAT_SYMBOL_BREAK_IN_SERIES: u32 = 7;

/// A suppression rule of your own.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct carestat_suppression_rule {
    /// The smallest count not shown.
    pub suppress_min: u64,
    /// The largest count not shown.
    pub suppress_max: u64,
    /// Counts shown are rounded to the nearest multiple of this (1: not rounded; 0 is an error).
    pub round_to: u64,
    /// A percentage with decimals needs a rounded denominator of at least this; 0: no such
    /// condition.
    pub min_denominator_for_decimals: u64,
}

/// A count after disclosure control.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct carestat_published {
    /// The rounded count when shown; NaN when suppressed or missing.
    pub value: f64,
    /// `CARESTAT_SHOWN`, `CARESTAT_SUPPRESSED` or `CARESTAT_MISSING`.
    pub status: u32,
}

impl From<Published> for carestat_published {
    fn from(p: Published) -> Self {
        Self {
            value: p.value,
            status: p.status as u32,
        }
    }
}

fn built_in(rule: u32) -> Result<SuppressionRule, Error> {
    match rule {
        CARESTAT_RULE_SAFEGUARDING_ADULTS => Ok(SuppressionRule::safeguarding_adults()),
        CARESTAT_RULE_NHS_DIGITAL => Ok(SuppressionRule::nhs_digital()),
        other => Err(Error::OutOfRange {
            field: "rule".into(),
            value: f64::from(other),
            expected: "0 (Safeguarding Adults Collection) or 1 (NHS Digital)".into(),
        }),
    }
}

/// A built-in rule (`rule_code`) or, when `custom` is not NULL, the caller's rule. A
/// misaligned `custom` is refused, never read.
///
/// # Safety
/// `custom` must be NULL, misaligned, or point to a `carestat_suppression_rule`.
unsafe fn rule_from(
    rule_code: u32,
    custom: *const carestat_suppression_rule,
) -> Result<SuppressionRule, Failure> {
    if !custom.is_aligned() {
        return Err(Failure::Misaligned { arg: "custom" });
    }
    // SAFETY: aligned (checked); the caller's promise: NULL or a valid rule.
    match unsafe { custom.as_ref() } {
        None => Ok(built_in(rule_code)?),
        Some(c) => {
            let mut r = SuppressionRule::new("custom", c.suppress_min, c.suppress_max, c.round_to)?;
            r.min_denominator_for_decimals =
                (c.min_denominator_for_decimals > 0).then_some(c.min_denominator_for_decimals);
            Ok(r)
        }
    }
}

/// Applies a suppression rule to a count: a built-in `CARESTAT_RULE_*` when `custom` is NULL,
/// else the caller's rule (and `rule` is ignored). NaN gives `CARESTAT_MISSING`.
///
/// Errors: `CARESTAT_STATUS_NEGATIVE`, `CARESTAT_STATUS_NOT_FINITE`, `CARESTAT_STATUS_INVALID`
/// (a fractional count; a custom rule with `suppress_min` above `suppress_max`),
/// `CARESTAT_STATUS_NOT_POSITIVE` (custom `round_to` 0), `CARESTAT_STATUS_OUT_OF_RANGE` (rule
/// code), `CARESTAT_STATUS_NULL_POINTER` (`out`), `CARESTAT_STATUS_MISALIGNED_POINTER` (`out`,
/// `custom`). `*out` is written only on success.
///
/// # Safety
/// `custom` must be NULL, misaligned (refused) or point to a `carestat_suppression_rule`;
/// `out` NULL or valid for writing one `carestat_published`.
#[no_mangle]
pub unsafe extern "C" fn carestat_suppress(
    count: f64,
    rule: u32,
    custom: *const carestat_suppression_rule,
    out: *mut carestat_published,
) -> carestat_status {
    guard::call(|| {
        let out = slices::out("out", out)?;
        // SAFETY: the caller's promise on `custom`.
        let rule = unsafe { rule_from(rule, custom) }?;
        let p = rule.apply(count)?;
        // SAFETY: the caller's promise on `out`.
        unsafe { out.write(p.into()) };
        Ok(())
    })
}

/// `carestat_suppress` for `len` counts: `out_values[i]` and `out_status[i]` for `counts[i]`.
/// The first bad row stops the call and the detail message names it (0-based); on such an
/// error every `out_values[i]` is NaN and every `out_status[i]` `CARESTAT_MISSING`, never a
/// half-written result.
///
/// # Safety
/// `counts`, `out_values` (doubles) and `out_status` (`uint32_t`) must each be NULL with `len`
/// 0 or valid for `len` elements, the outputs not overlapping anything; `custom` as in
/// `carestat_suppress`.
#[no_mangle]
pub unsafe extern "C" fn carestat_suppress_many(
    counts: *const f64,
    len: usize,
    rule: u32,
    custom: *const carestat_suppression_rule,
    out_values: *mut f64,
    out_status: *mut u32,
) -> carestat_status {
    guard::call(|| {
        let counts = slices::input("counts", counts, len)?;
        let values = slices::output("out_values", out_values, len)?;
        let status = slices::output("out_status", out_status, len)?;
        slices::check_disjoint(&[counts.span(), values.span(), status.span()])?;
        // SAFETY: the caller's promise on `custom`.
        let rule = unsafe { rule_from(rule, custom) }?;
        // SAFETY: checked above; validity of the memory is the caller's promise.
        let (counts, values, status) = unsafe {
            (
                counts.as_slice(),
                values.into_mut_slice(),
                status.into_mut_slice(),
            )
        };
        for (i, &c) in counts.iter().enumerate() {
            match rule.apply(c) {
                Ok(p) => {
                    values[i] = p.value;
                    status[i] = p.status as u32;
                }
                Err(e) => {
                    // Never a half-written result: every row becomes missing.
                    values.fill(f64::NAN);
                    status.fill(CARESTAT_MISSING);
                    return Err(e.at_row(i).into());
                }
            }
        }
        Ok(())
    })
}

/// A cell of a protected table that is published (`carestat_protect_table`).
pub const CARESTAT_PROTECTION_SHOWN: u32 = 0;
/// A cell hidden because the rule suppresses its count.
pub const CARESTAT_PROTECTION_PRIMARY: u32 = 1;
/// A cell hidden so that no primary cell can be worked out from the totals.
pub const CARESTAT_PROTECTION_SECONDARY: u32 = 2;

/// Protects a whole `rows` x `cols` table of counts (row-major) with its row, column and
/// grand totals: primary suppression by the rule (as `carestat_suppress`; a small total is
/// primary too), then secondary suppression until no hidden cell can be worked out from the
/// published cells and totals. Each output holds `(rows + 1) * (cols + 1)` cells, row-major,
/// the last column the row totals, the last row the column totals, the last cell the grand
/// total: `out_values` the published (rounded) value or NaN when hidden, `out_status`
/// `CARESTAT_SHOWN` or `CARESTAT_SUPPRESSED`, `out_protection` a `CARESTAT_PROTECTION_*`.
///
/// Errors: as `carestat_suppress_many` (the detail names the cell's row-major position as
/// its row), `CARESTAT_STATUS_INVALID` for an empty table or a missing (NaN) count,
/// `CARESTAT_STATUS_LENGTH_MISMATCH` never (lengths follow from `rows` and `cols`). On error
/// the outputs are unspecified.
///
/// # Safety
/// `counts` must be valid for `rows * cols` doubles; `out_values` (doubles), `out_status` and
/// `out_protection` (`uint32_t`) each valid for `(rows + 1) * (cols + 1)` elements, not
/// overlapping anything; `custom` as in `carestat_suppress`.
#[no_mangle]
pub unsafe extern "C" fn carestat_protect_table(
    counts: *const f64,
    rows: usize,
    cols: usize,
    rule: u32,
    custom: *const carestat_suppression_rule,
    out_values: *mut f64,
    out_status: *mut u32,
    out_protection: *mut u32,
) -> carestat_status {
    guard::call(|| {
        let len = rows
            .checked_mul(cols)
            .ok_or(Error::invalid("rows", "table too large"))?;
        let full = (rows + 1)
            .checked_mul(cols + 1)
            .ok_or(Error::invalid("rows", "table too large"))?;
        let counts = slices::input("counts", counts, len)?;
        let values = slices::output("out_values", out_values, full)?;
        let status = slices::output("out_status", out_status, full)?;
        let protection = slices::output("out_protection", out_protection, full)?;
        slices::check_disjoint(&[
            counts.span(),
            values.span(),
            status.span(),
            protection.span(),
        ])?;
        // SAFETY: the caller's promise on `custom`.
        let rule = unsafe { rule_from(rule, custom) }?;
        // SAFETY: checked above; validity of the memory is the caller's promise.
        let (counts, values, status, protection) = unsafe {
            (
                counts.as_slice(),
                values.into_mut_slice(),
                status.into_mut_slice(),
                protection.into_mut_slice(),
            )
        };
        let t = protect_table(counts, rows, cols, &rule)?;
        for (k, p) in t.published.iter().enumerate() {
            values[k] = p.value;
            status[k] = p.status as u32;
            protection[k] = t.protection[k] as u32;
        }
        Ok(())
    })
}

/// A percentage computed from the **unrounded** numerator and denominator, rounded half away
/// from zero to `decimals` places, under a rule (as `carestat_suppress`): the NHS Digital rule
/// allows decimals only with a rounded denominator of at least 4,000.
///
/// Errors: `CARESTAT_STATUS_NEGATIVE`, `CARESTAT_STATUS_NOT_POSITIVE`,
/// `CARESTAT_STATUS_NUMERATOR_ABOVE_DENOMINATOR`, `CARESTAT_STATUS_OUT_OF_RANGE` (more decimals
/// than the rule allows; rule code), `CARESTAT_STATUS_NOT_FINITE`,
/// `CARESTAT_STATUS_NULL_POINTER`, `CARESTAT_STATUS_MISALIGNED_POINTER` (`out`, `custom`).
///
/// # Safety
/// As `carestat_suppress`, with `out` valid for writing one double.
#[no_mangle]
pub unsafe extern "C" fn carestat_disclosure_percentage(
    numerator: f64,
    denominator: f64,
    decimals: u32,
    rule: u32,
    custom: *const carestat_suppression_rule,
    out: *mut f64,
) -> carestat_status {
    guard::call(|| {
        let out = slices::out("out", out)?;
        // SAFETY: the caller's promise on `custom`.
        let rule = unsafe { rule_from(rule, custom) }?;
        let pct = rule.percentage(numerator, denominator, decimals)?;
        // SAFETY: the caller's promise on `out`.
        unsafe { out.write(pct) };
        Ok(())
    })
}

fn symbol_from(code: u32) -> Option<Symbol> {
    Symbol::ALL.into_iter().find(|&s| s as u32 == code)
}

/// A GSS symbol as written in a table: "[c]", "[x]", "[z]", "[u]", "[e]", "[p]", "[r]", "[b]"
/// for the `CARESTAT_SYMBOL_*` codes; "" for any other code.
///
/// Never NULL, never to be freed; valid for the life of the program.
#[no_mangle]
pub extern "C" fn carestat_gss_symbol(symbol: u32) -> *const c_char {
    guard::infallible(c"".as_ptr(), || match symbol_from(symbol) {
        Some(Symbol::Confidential) => c"[c]".as_ptr(),
        Some(Symbol::NotAvailable) => c"[x]".as_ptr(),
        Some(Symbol::NotApplicable) => c"[z]".as_ptr(),
        Some(Symbol::LowReliability) => c"[u]".as_ptr(),
        Some(Symbol::Estimate) => c"[e]".as_ptr(),
        Some(Symbol::Provisional) => c"[p]".as_ptr(),
        Some(Symbol::Revised) => c"[r]".as_ptr(),
        Some(Symbol::BreakInSeries) => c"[b]".as_ptr(),
        None => c"".as_ptr(),
    })
}

/// What a GSS symbol means: "confidential", "not available", ...; "" for any other code.
///
/// Never NULL, never to be freed; valid for the life of the program.
#[no_mangle]
pub extern "C" fn carestat_gss_symbol_meaning(symbol: u32) -> *const c_char {
    guard::infallible(c"".as_ptr(), || match symbol_from(symbol) {
        Some(Symbol::Confidential) => c"confidential".as_ptr(),
        Some(Symbol::NotAvailable) => c"not available".as_ptr(),
        Some(Symbol::NotApplicable) => c"not applicable".as_ptr(),
        Some(Symbol::LowReliability) => c"low reliability".as_ptr(),
        Some(Symbol::Estimate) => c"estimate".as_ptr(),
        Some(Symbol::Provisional) => c"provisional".as_ptr(),
        Some(Symbol::Revised) => c"revised".as_ptr(),
        Some(Symbol::BreakInSeries) => c"break in series".as_ptr(),
        None => c"".as_ptr(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use carestat_core::disclosure::Status;
    use std::ffi::CStr;

    #[test]
    fn codes_match_the_core() {
        for s in Symbol::ALL {
            let code = unsafe { CStr::from_ptr(carestat_gss_symbol(s as u32)) };
            assert_eq!(code.to_str().unwrap(), s.code());
            let meaning = unsafe { CStr::from_ptr(carestat_gss_symbol_meaning(s as u32)) };
            assert_eq!(meaning.to_str().unwrap(), s.meaning());
        }
        assert_eq!(Symbol::Confidential as u32, CARESTAT_SYMBOL_CONFIDENTIAL);
        assert_eq!(
            Symbol::BreakInSeries as u32,
            CARESTAT_SYMBOL_BREAK_IN_SERIES
        );
        assert_eq!(Status::Shown as u32, CARESTAT_SHOWN);
        assert_eq!(Status::Suppressed as u32, CARESTAT_SUPPRESSED);
        assert_eq!(Status::Missing as u32, CARESTAT_MISSING);
    }

    #[test]
    fn a_bad_row_leaves_no_half_written_result() {
        // Row 2 is negative: rows 0 and 1 were already published when it is met.
        let counts = [12.0, 40.0, -1.0, 7.0];
        let (mut values, mut status) = ([0.0; 4], [9_u32; 4]);
        let st = unsafe {
            carestat_suppress_many(
                counts.as_ptr(),
                4,
                CARESTAT_RULE_SAFEGUARDING_ADULTS,
                std::ptr::null(),
                values.as_mut_ptr(),
                status.as_mut_ptr(),
            )
        };
        assert_eq!(st, crate::status::carestat_status::CARESTAT_STATUS_NEGATIVE);
        assert!(values.iter().all(|v| v.is_nan()), "{values:?}");
        assert_eq!(status, [CARESTAT_MISSING; 4]);
    }
}
