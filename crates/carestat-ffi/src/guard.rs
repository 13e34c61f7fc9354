//! The one guard every exported function goes through.
//!
//! `call` runs the body of a fallible function under `catch_unwind`, turns its error into a
//! [`carestat_status`] and records the detail message for `carestat_last_error_message`;
//! `infallible` does the same for functions that return a value (a panic gives the
//! fallback). No panic ever unwinds into C.

use std::cell::RefCell;
use std::ffi::c_char;
use std::panic::{catch_unwind, AssertUnwindSafe};

use carestat_core::Error;

use crate::status::carestat_status;

/// Why a call failed: a core error, or a problem with the C arguments themselves.
#[derive(Debug)]
pub(crate) enum Failure {
    /// A value the core rejected (the message names the field and row).
    Core(Error),
    /// A NULL pointer; `len` is the buffer length for array arguments.
    Null {
        arg: &'static str,
        len: Option<usize>,
    },
    /// A pointer not aligned for its type.
    Misaligned { arg: &'static str },
    /// An output buffer overlapping another buffer of the same call.
    Overlap {
        arg: &'static str,
        other: &'static str,
    },
    /// A length whose buffer could not exist (more than `isize::MAX` bytes).
    TooLarge { arg: &'static str, len: usize },
    /// A string argument that is not valid UTF-8.
    Utf8 { arg: &'static str },
    /// A JSON argument that is not JSON (syntax); `detail` gives line and column.
    Json { arg: &'static str, detail: String },
    /// A document whose text is not UTF-8: the reader's message (with the byte offset).
    Utf8Text(String),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Self::Core(e)
    }
}

impl Failure {
    /// The status code for this failure.
    pub(crate) fn status(&self) -> carestat_status {
        use carestat_status as S;
        match self {
            Self::Null { .. } => S::CARESTAT_STATUS_NULL_POINTER,
            Self::Misaligned { .. } => S::CARESTAT_STATUS_MISALIGNED_POINTER,
            Self::Overlap { .. } => S::CARESTAT_STATUS_OVERLAPPING_BUFFERS,
            Self::TooLarge { .. } => S::CARESTAT_STATUS_BUFFER_TOO_LARGE,
            Self::Utf8 { .. } | Self::Utf8Text(_) => S::CARESTAT_STATUS_INVALID_UTF8,
            Self::Json { .. } => S::CARESTAT_STATUS_INVALID_JSON,
            Self::Core(e) => match e {
                Error::Negative { .. } => S::CARESTAT_STATUS_NEGATIVE,
                Error::NotPositive { .. } => S::CARESTAT_STATUS_NOT_POSITIVE,
                Error::NotFinite { .. } => S::CARESTAT_STATUS_NOT_FINITE,
                Error::NumeratorAboveDenominator { .. } => {
                    S::CARESTAT_STATUS_NUMERATOR_ABOVE_DENOMINATOR
                }
                Error::Confidence { .. } => S::CARESTAT_STATUS_CONFIDENCE,
                Error::LengthMismatch { .. } => S::CARESTAT_STATUS_LENGTH_MISMATCH,
                Error::ZeroPrevious { .. } => S::CARESTAT_STATUS_ZERO_PREVIOUS,
                Error::OutOfRange { .. } => S::CARESTAT_STATUS_OUT_OF_RANGE,
                Error::TooFew { .. } => S::CARESTAT_STATUS_TOO_FEW,
                Error::Unknown { .. } => S::CARESTAT_STATUS_UNKNOWN_ID,
                // `Invalid` and any kind the core adds later: the message says what is wrong.
                _ => S::CARESTAT_STATUS_INVALID,
            },
        }
    }

    /// The detail message for `carestat_last_error_message`.
    fn message(&self) -> String {
        match self {
            Self::Core(e) => e.to_string(),
            Self::Null { arg, len: None } => format!("{arg}: must not be NULL"),
            Self::Null {
                arg,
                len: Some(len),
            } => {
                format!("{arg}: must not be NULL when the length is {len} (NULL is only allowed with length 0)")
            }
            Self::Misaligned { arg } => format!("{arg}: pointer is not aligned for its type"),
            Self::Overlap { arg, other } => format!("{arg}: buffer overlaps {other}"),
            Self::TooLarge { arg, len } => {
                format!("{arg}: length {len} is larger than any buffer can be")
            }
            Self::Utf8 { arg } => format!("{arg}: not valid UTF-8"),
            Self::Json { arg, detail } => format!("{arg}: {detail}"),
            Self::Utf8Text(message) => message.clone(),
        }
    }
}

/// Size of the per-thread message buffer, terminating NUL included.
const MESSAGE_CAPACITY: usize = 1024;

thread_local! {
    /// The detail of the last failed call on this thread, NUL-terminated ("" after a success).
    ///
    /// A fixed buffer: the pointer handed to C stays valid for the life of the thread (only
    /// its contents change), and a `const` initialiser means no destructor to register.
    static LAST_ERROR: RefCell<[u8; MESSAGE_CAPACITY]> = const { RefCell::new([0; MESSAGE_CAPACITY]) };
}

/// Stores `message` (truncated at a character boundary, NULs dropped) as this thread's detail.
fn set_last_error(message: &str) {
    // During thread teardown the slot may be gone: then there is nowhere to keep a message.
    let _ = LAST_ERROR.try_with(|cell| {
        let Ok(mut buf) = cell.try_borrow_mut() else {
            return;
        };
        let mut len = 0;
        for ch in message.chars().filter(|&c| c != '\0') {
            let n = ch.len_utf8();
            if len + n > MESSAGE_CAPACITY - 1 {
                break;
            }
            ch.encode_utf8(&mut buf[len..len + n]);
            len += n;
        }
        buf[len] = 0;
    });
}

/// Pointer to this thread's message buffer (never NULL).
pub(crate) fn last_error_ptr() -> *const c_char {
    LAST_ERROR
        .try_with(|cell| cell.as_ptr().cast::<c_char>().cast_const())
        .unwrap_or(c"".as_ptr())
}

/// The message of a panic payload, for the detail message.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> &str {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s
    } else {
        "unknown panic"
    }
}

/// Runs the body of a fallible exported function.
///
/// Clears the thread's detail message, runs `body` under `catch_unwind`, and on failure
/// records the detail and returns the failure's status. The body must write its
/// out-parameters only once it has succeeded.
pub(crate) fn call(body: impl FnOnce() -> Result<(), Failure>) -> carestat_status {
    set_last_error("");
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => carestat_status::CARESTAT_OK,
        Ok(Err(failure)) => {
            set_last_error(&failure.message());
            failure.status()
        }
        Err(payload) => {
            let message = format!(
                "internal error in carestat (please report it): {}",
                panic_message(payload.as_ref())
            );
            // Dropping a payload can itself panic; never let that unwind into C.
            let _ = catch_unwind(AssertUnwindSafe(move || drop(payload)));
            set_last_error(&message);
            carestat_status::CARESTAT_STATUS_PANIC
        }
    }
}

/// Runs the body of an exported function that cannot fail, returning `fallback` on a panic.
///
/// Does not touch the detail message, so `carestat_status_message` and friends may be
/// called between a failure and `carestat_last_error_message`.
pub(crate) fn infallible<T>(fallback: T, body: impl FnOnce() -> T) -> T {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(value) => value,
        Err(payload) => {
            let _ = catch_unwind(AssertUnwindSafe(move || drop(payload)));
            fallback
        }
    }
}

/// The detail of the last failed call on the calling thread, or "" when the last call
/// succeeded.
///
/// Never NULL and never to be freed. The pointer stays valid until the thread exits; the
/// text it points to is replaced by the next fallible carestat call on the same thread, so
/// copy it if you need to keep it. Messages name the argument and, for array calls, the
/// 0-based row: `count at row 3: must not be negative (got -1)`. Each thread has its own
/// message: a failure on one thread never shows on another.
#[no_mangle]
pub extern "C" fn carestat_last_error_message() -> *const c_char {
    infallible(c"".as_ptr(), last_error_ptr)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    fn last() -> String {
        unsafe { CStr::from_ptr(carestat_last_error_message()) }
            .to_str()
            .unwrap()
            .to_owned()
    }

    #[test]
    fn a_panic_becomes_a_status_and_a_message() {
        let status = call(|| panic!("boom"));
        assert_eq!(status, carestat_status::CARESTAT_STATUS_PANIC);
        assert_eq!(
            last(),
            "internal error in carestat (please report it): boom"
        );
        assert_eq!(infallible(7, || panic!("again")), 7);
        // The infallible guard leaves the message alone.
        assert!(last().ends_with("boom"));
    }

    #[test]
    fn success_clears_the_message() {
        let status = call(|| {
            Err(Failure::Null {
                arg: "out",
                len: None,
            })
        });
        assert_eq!(status, carestat_status::CARESTAT_STATUS_NULL_POINTER);
        assert_eq!(last(), "out: must not be NULL");
        assert_eq!(call(|| Ok(())), carestat_status::CARESTAT_OK);
        assert_eq!(last(), "");
    }

    #[test]
    fn core_errors_map_to_their_status_and_keep_the_row() {
        let e = carestat_core::crude_rate_many(
            &[1.0, -2.0],
            &[10.0, 10.0],
            100.0,
            0.95,
            carestat_core::Estimates::with_len(2).as_mut(),
        )
        .unwrap_err();
        assert_eq!(
            call(|| Err(e.into())),
            carestat_status::CARESTAT_STATUS_NEGATIVE
        );
        assert_eq!(last(), "count at row 1: must not be negative (got -2)");
        let e = Error::invalid("x", "bad");
        assert_eq!(
            Failure::from(e).status(),
            carestat_status::CARESTAT_STATUS_INVALID
        );
    }

    #[test]
    fn long_messages_are_truncated_at_a_character_boundary() {
        let long = "é".repeat(MESSAGE_CAPACITY);
        set_last_error(&long);
        let got = last();
        assert!(got.len() < MESSAGE_CAPACITY && got.len() >= MESSAGE_CAPACITY - 2);
        assert!(got.chars().all(|c| c == 'é'));
        set_last_error("a\0b");
        assert_eq!(last(), "ab");
    }

    #[test]
    fn messages_are_per_thread() {
        set_last_error("main thread");
        std::thread::spawn(|| {
            assert_eq!(last(), "");
            set_last_error("other thread");
        })
        .join()
        .unwrap();
        assert_eq!(last(), "main thread");
    }
}
