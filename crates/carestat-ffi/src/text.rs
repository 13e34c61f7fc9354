//! NUL-terminated strings from C (an ASCOF id, a rating label), checked before use.

use std::ffi::{c_char, CStr};

use crate::guard::Failure;

/// Reads a C string argument: non-NULL, NUL-terminated, valid UTF-8.
///
/// # Safety
/// `ptr` must be NULL or point to a NUL-terminated string that stays valid and unchanged for
/// `'a`.
pub(crate) unsafe fn str_arg<'a>(
    arg: &'static str,
    ptr: *const c_char,
) -> Result<&'a str, Failure> {
    if ptr.is_null() {
        return Err(Failure::Null { arg, len: None });
    }
    // SAFETY: non-NULL (checked); NUL-terminated and valid is the caller's promise.
    let text = unsafe { CStr::from_ptr(ptr) };
    text.to_str().map_err(|_| Failure::Utf8 { arg })
}
