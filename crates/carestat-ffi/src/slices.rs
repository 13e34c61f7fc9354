//! Pointers from C, checked before Rust makes references of them.
//!
//! Every buffer comes as a pointer and a length. `(NULL, 0)` is a valid empty buffer; NULL
//! with a length above zero, a misaligned pointer or an impossible length is a [`Failure`]
//! naming the argument. Output buffers must not overlap each other or the inputs (Rust's
//! `&mut` rules): [`check_disjoint`] says so before any reference exists.

use std::marker::PhantomData;
use std::ptr::NonNull;

use crate::guard::Failure;

/// The bytes a buffer covers, for the overlap check.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Span {
    arg: &'static str,
    start: usize,
    bytes: usize,
    writable: bool,
}

impl Span {
    fn overlaps(&self, other: &Self) -> bool {
        self.bytes > 0
            && other.bytes > 0
            && self.start < other.start + other.bytes
            && other.start < self.start + self.bytes
    }
}

/// A checked buffer argument: non-NULL (or empty), aligned, of a possible length.
#[derive(Debug)]
pub(crate) struct Buf<'a, T> {
    span: Span,
    ptr: NonNull<T>,
    len: usize,
    _life: PhantomData<&'a T>,
}

/// Checks one buffer argument.
fn check<'a, T>(
    arg: &'static str,
    ptr: *const T,
    len: usize,
    writable: bool,
) -> Result<Buf<'a, T>, Failure> {
    let ptr = if len == 0 {
        // Never read nor written: any pointer, NULL included, is an empty buffer.
        NonNull::dangling()
    } else {
        let Some(ptr) = NonNull::new(ptr.cast_mut()) else {
            return Err(Failure::Null {
                arg,
                len: Some(len),
            });
        };
        if !ptr.as_ptr().is_aligned() {
            return Err(Failure::Misaligned { arg });
        }
        ptr
    };
    let bytes = len
        .checked_mul(size_of::<T>())
        .filter(|&b| isize::try_from(b).is_ok() && (ptr.as_ptr() as usize).checked_add(b).is_some())
        .ok_or(Failure::TooLarge { arg, len })?;
    Ok(Buf {
        span: Span {
            arg,
            start: ptr.as_ptr() as usize,
            bytes: if len == 0 { 0 } else { bytes },
            writable,
        },
        ptr,
        len,
        _life: PhantomData,
    })
}

/// An input buffer of `len` elements.
pub(crate) fn input<'a, T>(
    arg: &'static str,
    ptr: *const T,
    len: usize,
) -> Result<Buf<'a, T>, Failure> {
    check(arg, ptr, len, false)
}

/// An output buffer of `len` elements.
pub(crate) fn output<'a, T>(
    arg: &'static str,
    ptr: *mut T,
    len: usize,
) -> Result<Buf<'a, T>, Failure> {
    check(arg, ptr.cast_const(), len, true)
}

/// An input buffer the caller may leave out by passing NULL.
pub(crate) fn optional_input<'a, T>(
    arg: &'static str,
    ptr: *const T,
    len: usize,
) -> Result<Option<Buf<'a, T>>, Failure> {
    if ptr.is_null() {
        Ok(None)
    } else {
        input(arg, ptr, len).map(Some)
    }
}

/// An output buffer the caller may leave out by passing NULL.
pub(crate) fn optional_output<'a, T>(
    arg: &'static str,
    ptr: *mut T,
    len: usize,
) -> Result<Option<Buf<'a, T>>, Failure> {
    if ptr.is_null() {
        Ok(None)
    } else {
        output(arg, ptr, len).map(Some)
    }
}

impl<'a, T> Buf<'a, T> {
    /// The bytes this buffer covers.
    pub(crate) fn span(&self) -> Span {
        self.span
    }

    /// The buffer as a slice.
    ///
    /// # Safety
    /// The caller's pointer must point to `len` initialised elements, valid for reads for `'a`,
    /// not written by anyone else meanwhile.
    pub(crate) unsafe fn as_slice(&self) -> &'a [T] {
        // SAFETY: non-NULL, aligned and of a possible size (checked); validity is the caller's
        // promise.
        unsafe { std::slice::from_raw_parts(self.ptr.as_ptr(), self.len) }
    }

    /// The buffer as a mutable slice.
    ///
    /// # Safety
    /// As [`Buf::as_slice`], valid for writes too, and [`check_disjoint`] must have passed for
    /// every buffer of the call.
    pub(crate) unsafe fn into_mut_slice(self) -> &'a mut [T] {
        // SAFETY: as above; no other buffer of the call overlaps it (checked).
        unsafe { std::slice::from_raw_parts_mut(self.ptr.as_ptr(), self.len) }
    }
}

/// Fails when an output buffer overlaps any other buffer (inputs may overlap each other).
pub(crate) fn check_disjoint(spans: &[Span]) -> Result<(), Failure> {
    for (i, a) in spans.iter().enumerate() {
        for b in &spans[i + 1..] {
            if (a.writable || b.writable) && a.overlaps(b) {
                let (arg, other) = if b.writable {
                    (b.arg, a.arg)
                } else {
                    (a.arg, b.arg)
                };
                return Err(Failure::Overlap { arg, other });
            }
        }
    }
    Ok(())
}

/// A checked pointer to one output value, written only once the call has succeeded.
pub(crate) struct Out<T> {
    arg: &'static str,
    ptr: NonNull<T>,
}

/// Checks a scalar out-parameter: non-NULL and aligned.
pub(crate) fn out<T>(arg: &'static str, ptr: *mut T) -> Result<Out<T>, Failure> {
    let ptr = NonNull::new(ptr).ok_or(Failure::Null { arg, len: None })?;
    if !ptr.as_ptr().is_aligned() {
        return Err(Failure::Misaligned { arg });
    }
    Ok(Out { arg, ptr })
}

impl<T> Out<T> {
    /// The bytes the value covers, for [`check_disjoint`] when a call has other outputs.
    pub(crate) fn span(&self) -> Span {
        Span {
            arg: self.arg,
            start: self.ptr.as_ptr() as usize,
            bytes: size_of::<T>(),
            writable: true,
        }
    }

    /// Writes the result.
    ///
    /// # Safety
    /// The caller's pointer must be valid for writes of one `T`.
    pub(crate) unsafe fn write(self, value: T) {
        // SAFETY: non-NULL and aligned (checked); writable is the caller's promise. `write`
        // neither reads nor drops the old contents, which may be uninitialised.
        unsafe { self.ptr.as_ptr().write(value) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::status::carestat_status as S;

    fn status<T>(r: Result<T, Failure>) -> S {
        r.err().map_or(S::CARESTAT_OK, |f| f.status())
    }

    #[test]
    fn null_is_empty_only_with_length_zero() {
        let empty = input::<f64>("counts", std::ptr::null(), 0).unwrap();
        assert!(unsafe { empty.as_slice() }.is_empty());
        assert_eq!(
            status(input::<f64>("counts", std::ptr::null(), 3)),
            S::CARESTAT_STATUS_NULL_POINTER
        );
        assert_eq!(
            status(optional_output::<u32>("method", std::ptr::null_mut(), 3)),
            S::CARESTAT_OK
        );
        assert_eq!(
            status(out::<f64>("out", std::ptr::null_mut())),
            S::CARESTAT_STATUS_NULL_POINTER
        );
    }

    #[test]
    fn misaligned_and_impossible_buffers_are_refused() {
        let data = [0.0f64; 4];
        // Deliberately misaligned, as a careless C caller might pass; never dereferenced.
        #[allow(clippy::cast_ptr_alignment)]
        let odd = data.as_ptr().cast::<u8>().wrapping_add(1).cast::<f64>();
        assert_eq!(
            status(input("counts", odd, 2)),
            S::CARESTAT_STATUS_MISALIGNED_POINTER
        );
        assert_eq!(
            status(out("out", odd.cast_mut())),
            S::CARESTAT_STATUS_MISALIGNED_POINTER
        );
        assert_eq!(
            status(input("counts", data.as_ptr(), usize::MAX / 4)),
            S::CARESTAT_STATUS_BUFFER_TOO_LARGE
        );
    }

    #[test]
    fn outputs_must_not_overlap_anything() {
        let mut data = [0.0f64; 8];
        let p = data.as_mut_ptr();
        let a = input("counts", p.cast_const(), 4).unwrap();
        let b = input("populations", p.cast_const(), 4).unwrap();
        // Inputs may share memory.
        assert!(check_disjoint(&[a.span(), b.span()]).is_ok());
        let v = output("value", p.wrapping_add(3), 4).unwrap();
        let f = check_disjoint(&[a.span(), b.span(), v.span()]).unwrap_err();
        assert_eq!(f.status(), S::CARESTAT_STATUS_OVERLAPPING_BUFFERS);
        // Adjacent buffers do not overlap; empty ones never do.
        let w = output("value", p.wrapping_add(4), 4).unwrap();
        let e = output("lower", p, 0).unwrap();
        assert!(check_disjoint(&[a.span(), w.span(), e.span()]).is_ok());
    }
}
