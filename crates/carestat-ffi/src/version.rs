//! The library's version, for checking it against the header's `CARESTAT_VERSION_*` macros.

use std::ffi::c_char;

use crate::guard;

/// The version as a NUL-terminated string.
const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "\0");

/// The library's version, e.g. "0.1.0" (the Cargo version it was built from).
///
/// Never NULL, never to be freed. Compare with the header's `CARESTAT_VERSION` to catch a
/// program built against one version and run against another.
#[no_mangle]
pub extern "C" fn carestat_version() -> *const c_char {
    guard::infallible(c"".as_ptr(), || VERSION.as_ptr().cast())
}

/// The library's version as one number, `(major << 16) | (minor << 8) | patch`: the same
/// composition as the header's `CARESTAT_VERSION_NUMBER`.
#[no_mangle]
pub extern "C" fn carestat_version_number() -> u32 {
    guard::infallible(0, version_number)
}

fn version_number() -> u32 {
    let part = |s: &str| s.parse::<u32>().unwrap_or(0);
    (part(env!("CARGO_PKG_VERSION_MAJOR")) << 16)
        | (part(env!("CARGO_PKG_VERSION_MINOR")) << 8)
        | part(env!("CARGO_PKG_VERSION_PATCH"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    #[test]
    fn version_is_the_core_version() {
        let v = unsafe { CStr::from_ptr(carestat_version()) };
        assert_eq!(v.to_str().unwrap(), carestat_core::VERSION);
    }

    #[test]
    fn number_is_composed_from_the_string() {
        let parts: Vec<u32> = carestat_core::VERSION
            .split('.')
            .map(|p| p.parse().unwrap())
            .collect();
        assert_eq!(
            carestat_version_number(),
            parts[0] * 65536 + parts[1] * 256 + parts[2]
        );
    }
}
