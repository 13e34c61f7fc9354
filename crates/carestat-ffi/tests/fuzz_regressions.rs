//! Inputs the `ffi_abi` fuzz target found mishandled, each reduced to the call that showed it.
//! Expected values are worked out by hand in the comments.

use std::mem::MaybeUninit;

use carestat::benchmark::{carestat_quintile_of, carestat_quintiles_result};
use carestat::disclosure::{
    carestat_disclosure_percentage, carestat_published, carestat_suppress, carestat_suppress_many,
    carestat_suppression_rule,
};
use carestat::status::carestat_status;

/// Eight aligned words holding `value` `offset` bytes in (unaligned when offset is not a
/// multiple of 8), and the pointer to it.
fn placed<T: Copy>(words: &mut [u64; 8], value: T, offset: usize) -> *const T {
    assert!(offset + size_of::<T>() <= 64);
    let p = words
        .as_mut_ptr()
        .cast::<u8>()
        .wrapping_add(offset)
        .cast::<T>();
    // SAFETY: inside `words` (checked above); written unaligned on purpose.
    unsafe { p.write_unaligned(value) };
    p
}

#[test]
fn quintile_of_a_misaligned_result_is_zero_and_never_read() {
    // Bounds of 1..5: min 1, P20 = 1 + 0.2 * 4 = 1.8, P40 2.6, P60 3.4, P80 4.2, max 5.
    let q = carestat_quintiles_result {
        bounds: [1.0, 1.8, 2.6, 3.4, 4.2, 5.0],
    };
    let mut words = [0u64; 8];
    // 2.0 is above 1.8 and at most 2.6: quintile 2.
    let aligned = placed(&mut words, q, 0);
    assert_eq!(unsafe { carestat_quintile_of(aligned, 2.0) }, 2);
    // The same bounds one byte further on: refused (0) like NULL, not read as a struct.
    let mut words = [0u64; 8];
    let odd = placed(&mut words, q, 1);
    assert_eq!(unsafe { carestat_quintile_of(odd, 2.0) }, 0);
    assert_eq!(unsafe { carestat_quintile_of(std::ptr::null(), 2.0) }, 0);
}

#[test]
fn a_misaligned_custom_rule_is_refused_not_read() {
    // Counts 1-4 hidden, others to the nearest 5: 7 is shown as 5.
    let rule = carestat_suppression_rule {
        suppress_min: 1,
        suppress_max: 4,
        round_to: 5,
        min_denominator_for_decimals: 0,
    };
    let mut words = [0u64; 8];
    let aligned = placed(&mut words, rule, 0);
    let mut out = MaybeUninit::<carestat_published>::uninit();
    let status = unsafe { carestat_suppress(7.0, 0, aligned, out.as_mut_ptr()) };
    assert_eq!(status, carestat_status::CARESTAT_OK);
    let out = unsafe { out.assume_init() };
    assert_eq!((out.value, out.status), (5.0, 0));

    let mut words = [0u64; 8];
    let odd = placed(&mut words, rule, 3);
    let mut out = carestat_published {
        value: -1.0,
        status: 99,
    };
    let status = unsafe { carestat_suppress(7.0, 0, odd, &raw mut out) };
    assert_eq!(status, carestat_status::CARESTAT_STATUS_MISALIGNED_POINTER);
    assert_eq!((out.value, out.status), (-1.0, 99), "written on failure");

    let mut pct = -1.0;
    let status = unsafe { carestat_disclosure_percentage(1.0, 2.0, 0, 0, odd, &raw mut pct) };
    assert_eq!(status, carestat_status::CARESTAT_STATUS_MISALIGNED_POINTER);
    assert_eq!(pct, -1.0);

    let counts = [7.0, 12.0];
    let (mut values, mut codes) = ([-1.0; 2], [99u32; 2]);
    let status = unsafe {
        carestat_suppress_many(
            counts.as_ptr(),
            2,
            0,
            odd,
            values.as_mut_ptr(),
            codes.as_mut_ptr(),
        )
    };
    assert_eq!(status, carestat_status::CARESTAT_STATUS_MISALIGNED_POINTER);
    assert_eq!((values, codes), ([-1.0; 2], [99; 2]));
}
