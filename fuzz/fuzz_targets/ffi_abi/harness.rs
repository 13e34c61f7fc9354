//! What every call shares: how a pointer is passed, the sentinel, the status and string
//! checks, and scalar out-parameters.

use std::ffi::{c_char, CStr};

use arbitrary::Arbitrary;
use carestat_ffi::estimate::carestat_estimate;
use carestat_ffi::status::{carestat_status, carestat_status_message};

/// A value no computation produces: shows whether an output was written.
pub const SENTINEL: f64 = -12_345.678_9;

/// How an output (or input) pointer is passed.
#[derive(Debug, Clone, Copy, Arbitrary)]
pub enum Ptr {
    Valid,
    Null,
    /// One to seven bytes past an aligned address (inside a real allocation).
    Misaligned(u8),
    /// Pointing into the first input buffer (outputs only).
    IntoInput(u8),
    /// Pointing into the `value` output (other outputs only).
    IntoValue(u8),
}

/// A C string the library returned: non-NULL, NUL-terminated, UTF-8.
pub fn c_string(ptr: *const c_char) -> &'static str {
    assert!(!ptr.is_null(), "NULL string");
    // SAFETY: the library's promise under test; ASan reports a read past the end.
    unsafe { CStr::from_ptr(ptr) }.to_str().expect("UTF-8")
}

/// Every status is a known code with a message; every failure leaves a detail message, every
/// success an empty one. A caught panic (`CARESTAT_STATUS_PANIC`) is a crash.
pub fn check_status(status: carestat_status) {
    assert_ne!(
        status,
        carestat_status::CARESTAT_STATUS_PANIC,
        "a panic reached the guard"
    );
    assert!(carestat_status::from_code(status as u32).is_some());
    let message = c_string(carestat_status_message(status as u32));
    assert_ne!(message, "unknown carestat status code", "{status:?}");
    let detail = c_string(carestat_ffi::guard::carestat_last_error_message());
    if status == carestat_status::CARESTAT_OK {
        assert!(detail.is_empty(), "a success left the message {detail:?}");
    } else {
        assert!(!detail.is_empty(), "{status:?} without a detail message");
    }
}

/// A static string the library returned for a code: the same pointer on every call, so the
/// library hands out no allocation that would need freeing.
pub fn static_string(f: extern "C" fn(u32) -> *const c_char, code: u32) -> &'static str {
    let (a, b) = (f(code), f(code));
    assert_eq!(a, b, "a fresh string for code {code}");
    c_string(a)
}

/// Storage for one scalar out-parameter of type `T`, passed as `how` says.
pub struct OutSlot<T> {
    storage: Vec<u64>,
    how: Ptr,
    _t: std::marker::PhantomData<T>,
}

impl<T: Copy> OutSlot<T> {
    pub fn new(how: Ptr, fill: T) -> Self {
        let words = std::mem::size_of::<T>().div_ceil(8) + 1;
        let mut slot = Self {
            storage: vec![0; words],
            how,
            _t: std::marker::PhantomData,
        };
        // SAFETY: storage is 8-aligned and one word longer than T.
        unsafe { slot.storage.as_mut_ptr().cast::<T>().write(fill) };
        slot
    }

    pub fn ptr(&mut self) -> *mut T {
        let base = self.storage.as_mut_ptr().cast::<u8>();
        match self.how {
            Ptr::Null => std::ptr::null_mut(),
            Ptr::Misaligned(k) => misaligned::<T>(base, k),
            _ => base.cast(),
        }
    }

    /// Whether the pointer was one the call must accept.
    pub fn valid(&self) -> bool {
        !matches!(self.how, Ptr::Null | Ptr::Misaligned(_))
    }

    pub fn get(&self) -> T {
        // SAFETY: written by new() (and maybe by the call) at the aligned start.
        unsafe { self.storage.as_ptr().cast::<T>().read() }
    }
}

/// A scalar call: written only on success, success exactly when the core succeeds and the
/// pointer is usable.
pub fn scalar<T: Copy + PartialEq + std::fmt::Debug>(
    how: Ptr,
    fill: T,
    core_ok: bool,
    call: impl FnOnce(*mut T) -> carestat_status,
) -> Option<T> {
    let mut slot = OutSlot::new(how, fill);
    let status = call(slot.ptr());
    check_status(status);
    let ok = status == carestat_status::CARESTAT_OK;
    assert_eq!(ok, core_ok && slot.valid(), "{status:?} for {how:?}");
    if ok {
        Some(slot.get())
    } else {
        assert!(slot.get() == fill, "out-parameter written on failure");
        None
    }
}

pub fn bits_eq(a: f64, b: f64) -> bool {
    (a.is_nan() && b.is_nan()) || a.to_bits() == b.to_bits()
}

pub fn check_estimate(e: &carestat_estimate) {
    if e.method == 0 {
        assert!(
            e.value.is_nan() && e.lower.is_nan() && e.upper.is_nan(),
            "{e:?}"
        );
    } else {
        assert!(
            e.value.is_finite() && e.lower.is_finite() && e.upper.is_finite(),
            "{e:?}"
        );
        assert!(
            0.0 <= e.lower && e.lower <= e.value && e.value <= e.upper,
            "{e:?}"
        );
    }
}

pub fn misaligned<T>(base: *mut u8, k: u8) -> *mut T {
    // 1 to align - 1 bytes past an aligned address: never a multiple of T's alignment.
    let align = std::mem::align_of::<T>();
    assert!(align > 1 && base as usize % align == 0);
    // SAFETY: every buffer has at least one spare word, so this stays inside it.
    unsafe { base.add(1 + usize::from(k) % (align - 1)) }.cast()
}
