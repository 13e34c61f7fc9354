//! Status codes returned by every fallible function, and their static messages.

use std::ffi::c_char;

/// The result of a carestat call: `CARESTAT_OK` (0) or the kind of failure.
///
/// A fixed-width integer (`uint32_t`) in C. The numbers are part of the ABI and never
/// change: new codes are only ever added at the end. `carestat_status_message` names each
/// code; `carestat_last_error_message` gives the details of the last failure on the calling
/// thread (the argument, the row, the value).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum carestat_status {
    /// Success: the out-parameters hold the result.
    CARESTAT_OK = 0,
    /// A pointer argument was NULL where a value or a non-empty buffer was needed.
    CARESTAT_STATUS_NULL_POINTER = 1,
    /// carestat failed internally (a bug): the call had no effect. Please report it.
    CARESTAT_STATUS_PANIC = 2,
    /// A string argument was not valid UTF-8.
    CARESTAT_STATUS_INVALID_UTF8 = 3,
    /// A JSON document could not be parsed or did not have the expected shape.
    CARESTAT_STATUS_INVALID_JSON = 4,
    /// A pointer was not aligned for its type.
    CARESTAT_STATUS_MISALIGNED_POINTER = 5,
    /// An output buffer overlaps another buffer of the same call.
    CARESTAT_STATUS_OVERLAPPING_BUFFERS = 6,
    /// A buffer length is larger than any buffer can be.
    CARESTAT_STATUS_BUFFER_TOO_LARGE = 7,
    /// A count or other quantity that cannot be negative was negative.
    CARESTAT_STATUS_NEGATIVE = 8,
    /// A denominator (population, total) or multiplier was zero or negative.
    CARESTAT_STATUS_NOT_POSITIVE = 9,
    /// An infinite value where a finite number (or NaN for missing) was expected.
    CARESTAT_STATUS_NOT_FINITE = 10,
    /// A numerator was greater than its denominator.
    CARESTAT_STATUS_NUMERATOR_ABOVE_DENOMINATOR = 11,
    /// A confidence level outside 0.9..1 (or 90..100).
    CARESTAT_STATUS_CONFIDENCE = 12,
    /// Two arrays that must have the same length do not.
    CARESTAT_STATUS_LENGTH_MISMATCH = 13,
    /// A percentage change from a previous value of zero (undefined).
    CARESTAT_STATUS_ZERO_PREVIOUS = 14,
    /// A value or code outside its documented range (a polarity code of 7, say).
    CARESTAT_STATUS_OUT_OF_RANGE = 15,
    /// Too few values for a method that needs a minimum number.
    CARESTAT_STATUS_TOO_FEW = 16,
    /// An identifier that is not known (an indicator id, a category name).
    CARESTAT_STATUS_UNKNOWN_ID = 17,
    /// Any other invalid input; the detail message says why.
    CARESTAT_STATUS_INVALID = 18,
}

impl carestat_status {
    /// Every status, in code order (for tests and documentation).
    pub(crate) const ALL: [Self; 19] = [
        Self::CARESTAT_OK,
        Self::CARESTAT_STATUS_NULL_POINTER,
        Self::CARESTAT_STATUS_PANIC,
        Self::CARESTAT_STATUS_INVALID_UTF8,
        Self::CARESTAT_STATUS_INVALID_JSON,
        Self::CARESTAT_STATUS_MISALIGNED_POINTER,
        Self::CARESTAT_STATUS_OVERLAPPING_BUFFERS,
        Self::CARESTAT_STATUS_BUFFER_TOO_LARGE,
        Self::CARESTAT_STATUS_NEGATIVE,
        Self::CARESTAT_STATUS_NOT_POSITIVE,
        Self::CARESTAT_STATUS_NOT_FINITE,
        Self::CARESTAT_STATUS_NUMERATOR_ABOVE_DENOMINATOR,
        Self::CARESTAT_STATUS_CONFIDENCE,
        Self::CARESTAT_STATUS_LENGTH_MISMATCH,
        Self::CARESTAT_STATUS_ZERO_PREVIOUS,
        Self::CARESTAT_STATUS_OUT_OF_RANGE,
        Self::CARESTAT_STATUS_TOO_FEW,
        Self::CARESTAT_STATUS_UNKNOWN_ID,
        Self::CARESTAT_STATUS_INVALID,
    ];

    /// The status with a numeric code, if any (C may pass any integer).
    #[must_use]
    pub fn from_code(code: u32) -> Option<Self> {
        Self::ALL.get(usize::try_from(code).ok()?).copied()
    }

    /// The static, NUL-terminated message for this status.
    #[must_use]
    pub const fn message(self) -> &'static str {
        match self {
            Self::CARESTAT_OK => "ok\0",
            Self::CARESTAT_STATUS_NULL_POINTER => "a required pointer argument was NULL\0",
            Self::CARESTAT_STATUS_PANIC => "internal error in carestat (please report it)\0",
            Self::CARESTAT_STATUS_INVALID_UTF8 => "a string was not valid UTF-8\0",
            Self::CARESTAT_STATUS_INVALID_JSON => "invalid JSON document\0",
            Self::CARESTAT_STATUS_MISALIGNED_POINTER => "a pointer was not aligned for its type\0",
            Self::CARESTAT_STATUS_OVERLAPPING_BUFFERS => {
                "an output buffer overlaps another buffer\0"
            }
            Self::CARESTAT_STATUS_BUFFER_TOO_LARGE => "a buffer length is too large\0",
            Self::CARESTAT_STATUS_NEGATIVE => "a value that cannot be negative was negative\0",
            Self::CARESTAT_STATUS_NOT_POSITIVE => {
                "a value that must be greater than zero was not\0"
            }
            Self::CARESTAT_STATUS_NOT_FINITE => "a value was infinite\0",
            Self::CARESTAT_STATUS_NUMERATOR_ABOVE_DENOMINATOR => {
                "a numerator was greater than its denominator\0"
            }
            Self::CARESTAT_STATUS_CONFIDENCE => {
                "confidence level must be between 0.9 and 1 (or 90 and 100)\0"
            }
            Self::CARESTAT_STATUS_LENGTH_MISMATCH => "array lengths do not match\0",
            Self::CARESTAT_STATUS_ZERO_PREVIOUS => "percentage change from zero is undefined\0",
            Self::CARESTAT_STATUS_OUT_OF_RANGE => "a value or code was out of range\0",
            Self::CARESTAT_STATUS_TOO_FEW => "too few values\0",
            Self::CARESTAT_STATUS_UNKNOWN_ID => "unknown identifier\0",
            Self::CARESTAT_STATUS_INVALID => "invalid input\0",
        }
    }
}

/// A status code as C passes it: any `uint32_t`, converted with [`carestat_status::from_code`]
/// (C names this type `carestat_status`).
pub type carestat_status_code = u32;

/// The message for a status code that no status has.
const UNKNOWN_STATUS: &str = "unknown carestat status code\0";

/// A short, static, NUL-terminated English description of a status code.
///
/// Never NULL, never to be freed; valid for the life of the program. A code that is not a
/// `carestat_status` gives "unknown carestat status code".
#[no_mangle]
pub extern "C" fn carestat_status_message(status: carestat_status_code) -> *const c_char {
    crate::guard::infallible(UNKNOWN_STATUS.as_ptr().cast(), || {
        carestat_status::from_code(status)
            .map_or(UNKNOWN_STATUS, carestat_status::message)
            .as_ptr()
            .cast()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    #[test]
    fn codes_are_dense_and_never_renumbered() {
        for (i, s) in carestat_status::ALL.iter().enumerate() {
            assert_eq!(*s as usize, i);
            assert_eq!(carestat_status::from_code(i as u32), Some(*s));
        }
        // Spot checks of the published numbers (renumbering breaks every C caller).
        assert_eq!(carestat_status::CARESTAT_OK as u32, 0);
        assert_eq!(carestat_status::CARESTAT_STATUS_PANIC as u32, 2);
        assert_eq!(carestat_status::CARESTAT_STATUS_INVALID as u32, 18);
        assert_eq!(carestat_status::from_code(19), None);
        assert_eq!(carestat_status::from_code(u32::MAX), None);
    }

    #[test]
    fn every_message_is_one_nul_terminated_string() {
        for s in carestat_status::ALL {
            let m = s.message();
            assert!(
                m.ends_with('\0') && m.find('\0') == Some(m.len() - 1),
                "{s:?}"
            );
            let c = unsafe { CStr::from_ptr(carestat_status_message(s as u32)) };
            assert_eq!(c.to_str().unwrap(), &m[..m.len() - 1]);
        }
        let c = unsafe { CStr::from_ptr(carestat_status_message(1000)) };
        assert_eq!(c.to_str().unwrap(), "unknown carestat status code");
    }
}
