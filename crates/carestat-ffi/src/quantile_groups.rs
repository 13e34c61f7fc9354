//! Quantile assignment (PHEindicatormethods `phe_quantile`): each area's decile, quintile...
//! of its value within its group.

use carestat_core::quantile_groups::{self, TooFewAreas};
use carestat_core::Error;

use crate::guard::{self, Failure};
use crate::slices;
use crate::status::carestat_status;

/// A group with fewer areas than quantiles gets no quantiles (0): the reference's warning.
pub const CARESTAT_TOO_FEW_MISSING: u32 = 1;
/// A group with fewer areas than quantiles is `CARESTAT_STATUS_TOO_FEW`.
pub const CARESTAT_TOO_FEW_ERROR: u32 = 2;

fn too_few_areas(code: u32) -> Result<TooFewAreas, Failure> {
    match code {
        CARESTAT_TOO_FEW_MISSING => Ok(TooFewAreas::Missing),
        CARESTAT_TOO_FEW_ERROR => Ok(TooFewAreas::Error),
        other => Err(Error::OutOfRange {
            field: "too_few".into(),
            value: f64::from(other),
            expected: "CARESTAT_TOO_FEW_MISSING (1) or CARESTAT_TOO_FEW_ERROR (2)".into(),
        }
        .into()),
    }
}

/// The quantile (1 to `nquantiles`) of each area's value within its group, as
/// PHEindicatormethods `phe_quantile`, in `out[i]`; 0 for a missing (NaN) value or a group
/// with fewer areas (with values) than quantiles.
///
/// `groups[i]` is the group id of row `i` (any numbering; NULL: one group). Within a group,
/// areas are ranked by value (ties take the lowest rank); with `invert[i]` non-zero the highest
/// values go to quantile 1 (invert when low values are good, so that quantile 1 is always the
/// worst). `invert` NULL inverts every group, as the reference's default. `too_few` is
/// `CARESTAT_TOO_FEW_MISSING` or `CARESTAT_TOO_FEW_ERROR`.
///
/// Errors: `CARESTAT_STATUS_INVALID` (an `invert` that differs within a group, naming the row
/// and group), `CARESTAT_STATUS_TOO_FEW` (with `CARESTAT_TOO_FEW_ERROR`, naming the group),
/// `CARESTAT_STATUS_NOT_FINITE`, `CARESTAT_STATUS_OUT_OF_RANGE` (`nquantiles` of 0,
/// `too_few`), `CARESTAT_STATUS_NULL_POINTER`, `CARESTAT_STATUS_OVERLAPPING_BUFFERS`. `out` is
/// written only on success.
///
/// # Safety
/// `values` and `out` must be NULL with `len` 0 or valid for `len` elements (reads, writes);
/// `groups` and `invert` NULL or valid for reading `len` elements.
#[no_mangle]
pub unsafe extern "C" fn carestat_assign_quantiles(
    values: *const f64,
    groups: *const usize,
    invert: *const u8,
    len: usize,
    nquantiles: u32,
    too_few: u32,
    out: *mut u32,
) -> carestat_status {
    guard::call(|| {
        let too_few = too_few_areas(too_few)?;
        let values = slices::input("values", values, len)?;
        let groups = slices::optional_input("groups", groups, len)?;
        let invert = slices::optional_input("invert", invert, len)?;
        let out = slices::output("out", out, len)?;
        let mut spans = vec![values.span(), out.span()];
        spans.extend(groups.as_ref().map(slices::Buf::span));
        spans.extend(invert.as_ref().map(slices::Buf::span));
        slices::check_disjoint(&spans)?;
        // SAFETY: the caller's promise on the inputs (checked non-NULL, aligned, sized).
        let (values, groups, invert) = unsafe {
            (
                values.as_slice(),
                groups.as_ref().map(|g| g.as_slice()),
                invert.as_ref().map(|i| i.as_slice()),
            )
        };
        let groups = groups.map_or_else(|| vec![0; len].into(), std::borrow::Cow::Borrowed);
        let invert: Vec<bool> =
            invert.map_or_else(|| vec![true; len], |i| i.iter().map(|&b| b != 0).collect());
        let q = quantile_groups::assign_quantiles(values, &groups, &invert, nquantiles, too_few)?;
        // SAFETY: the caller's promise on `out`; disjoint from the inputs (checked).
        let out = unsafe { out.into_mut_slice() };
        for (slot, q) in out.iter_mut().zip(&q.quantiles) {
            *slot = q.unwrap_or(0);
        }
        Ok(())
    })
}
