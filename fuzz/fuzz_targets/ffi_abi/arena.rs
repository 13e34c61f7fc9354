//! The buffers of one C call with array arguments, each in its own real allocation, passed as
//! a valid, NULL, misaligned or aliased pointer with a length that is exact, shorter, or one no
//! buffer can have.
//!
//! The arena is the oracle for the pointer rules: it works out on its own whether the call
//! must refuse its pointers (NULL with a length, misaligned, impossible length, an output
//! overlapping another buffer), snapshots every byte before the call, and afterwards checks
//! that a failed call wrote nothing and a successful one wrote only inside its output spans.

use arbitrary::{Arbitrary, Unstructured};

/// Byte the outputs are filled with before a call: as a `uint32_t` code or a double it is no
/// value any function writes.
const FILL: u8 = 0xA5;

/// How a buffer argument is passed (mostly as itself, so that the values get exercised).
#[derive(Debug, Clone, Copy)]
pub enum Place {
    Own,
    Null,
    /// One to `align - 1` bytes past the buffer's start.
    Misaligned(u8),
    /// Into the allocation of argument `.0` (modulo the count), `.1` elements in.
    Alias(u8, u8),
}

impl<'a> Arbitrary<'a> for Place {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        let b = u8::arbitrary(u)?;
        Ok(match b {
            0..=199 => Self::Own,
            200..=215 => Self::Null,
            216..=231 => Self::Misaligned(b),
            _ => Self::Alias(u8::arbitrary(u)?, u8::arbitrary(u)?),
        })
    }
}

/// A length argument relative to the rows the fuzzer gave.
#[derive(Debug, Clone, Copy)]
pub enum Rows {
    Exact,
    /// Fewer rows than the buffer holds (valid).
    Fewer(u8),
    /// More bytes than any buffer can have, whatever the element size.
    Impossible(u8),
}

impl<'a> Arbitrary<'a> for Rows {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        let b = u8::arbitrary(u)?;
        Ok(match b {
            0..=219 => Self::Exact,
            220..=239 => Self::Fewer(u8::arbitrary(u)?),
            _ => Self::Impossible(u8::arbitrary(u)?),
        })
    }
}

impl Rows {
    /// The length passed for a buffer of `rows` elements.
    pub fn of(self, rows: usize) -> usize {
        match self {
            Self::Exact => rows,
            Self::Fewer(k) => rows.saturating_sub(usize::from(k)),
            Self::Impossible(k) if k % 2 == 0 => usize::MAX - usize::from(k),
            Self::Impossible(k) => isize::MAX as usize + 1 + usize::from(k),
        }
    }
}

/// Whether a length can be allocated (the harness allocates the possible ones).
fn possible(len: usize, size: usize) -> bool {
    len.checked_mul(size)
        .is_some_and(|b| isize::try_from(b).is_ok())
}

struct Arg {
    name: &'static str,
    place: Place,
    size: usize,
    align: usize,
    /// Elements passed as the length.
    len: usize,
    /// Initial contents (inputs), `len` elements or fewer.
    data: Vec<u8>,
    output: bool,
    /// A single out-parameter, written once the result is known: sharing memory with an
    /// input is harmless, so the call may refuse it or not.
    scalar: bool,
    /// NULL is allowed whatever the length.
    optional: bool,
    ptr: *mut u8,
}

/// The buffers of one call.
pub struct Call {
    args: Vec<Arg>,
    bufs: Vec<Vec<u64>>,
    before: Vec<Vec<u64>>,
}

/// What a call must do with its pointers.
pub enum Verdict {
    /// Accept them (the values decide).
    Accept,
    /// Refuse them, for this reason.
    Refuse(String),
    /// Refuse them or not: a single out-parameter shares memory with an input.
    Either,
}

/// Index of an argument in its [`Call`].
#[derive(Debug, Clone, Copy)]
pub struct Id(usize);

impl Call {
    pub fn new() -> Self {
        Self {
            args: Vec::new(),
            bufs: Vec::new(),
            before: Vec::new(),
        }
    }

    fn push<T: Copy>(&mut self, name: &'static str, data: &[T], place: Place, len: usize) -> Id {
        // SAFETY: T is Copy (plain data); its bytes are read, not interpreted.
        let bytes = unsafe {
            std::slice::from_raw_parts(data.as_ptr().cast::<u8>(), std::mem::size_of_val(data))
        };
        self.args.push(Arg {
            name,
            place,
            size: size_of::<T>(),
            align: align_of::<T>(),
            len,
            data: bytes.to_vec(),
            output: false,
            scalar: false,
            optional: false,
            ptr: std::ptr::null_mut(),
        });
        Id(self.args.len() - 1)
    }

    /// An input buffer holding `data`, passed with length `len`.
    pub fn input<T: Copy>(
        &mut self,
        name: &'static str,
        data: &[T],
        place: Place,
        len: usize,
    ) -> Id {
        self.push(name, data, place, len)
    }

    /// An input the function accepts as NULL (whatever the length).
    pub fn optional_input<T: Copy>(
        &mut self,
        name: &'static str,
        data: &[T],
        place: Place,
        len: usize,
    ) -> Id {
        let id = self.push(name, data, place, len);
        self.args[id.0].optional = true;
        id
    }

    /// An output buffer of `len` elements of `T`, filled with [`FILL`].
    pub fn output<T: Copy>(&mut self, name: &'static str, place: Place, len: usize) -> Id {
        let id = self.push::<T>(name, &[], place, len);
        self.args[id.0].output = true;
        id
    }

    /// A single out-parameter (a result struct or number).
    pub fn scalar_output<T: Copy>(&mut self, name: &'static str, place: Place) -> Id {
        let id = self.output::<T>(name, place, 1);
        self.args[id.0].scalar = true;
        id
    }

    /// An output the function accepts as NULL.
    pub fn optional_output<T: Copy>(&mut self, name: &'static str, place: Place, len: usize) -> Id {
        let id = self.output::<T>(name, place, len);
        self.args[id.0].optional = true;
        id
    }

    /// Allocates every buffer (all of one size, room enough for any of them twice over, so
    /// that an aliased or misaligned pointer still has its whole length of real memory
    /// behind it), fills them, works out the pointers and takes the snapshot.
    pub fn resolve(&mut self) {
        let biggest = self
            .args
            .iter()
            .map(|a| {
                let len = if possible(a.len, a.size) { a.len } else { 0 };
                (len * a.size).max(a.data.len())
            })
            .max()
            .unwrap_or(0);
        let words = (2 * biggest + 16).div_ceil(8);
        self.bufs = self
            .args
            .iter()
            .map(|a| {
                let mut words = vec![u64::from_ne_bytes([FILL; 8]); words];
                // SAFETY: the data fits: words hold 2 * biggest bytes and more.
                unsafe {
                    std::ptr::copy_nonoverlapping(
                        a.data.as_ptr(),
                        words.as_mut_ptr().cast::<u8>(),
                        a.data.len(),
                    );
                }
                words
            })
            .collect();
        let n = self.args.len();
        for i in 0..n {
            let own = self.bufs[i].as_mut_ptr().cast::<u8>();
            let a = &self.args[i];
            let ptr = match a.place {
                Place::Own => own,
                Place::Null => std::ptr::null_mut(),
                Place::Misaligned(k) if a.align > 1 => {
                    // SAFETY: at most 7 bytes into a buffer of at least 16.
                    unsafe { own.add(1 + usize::from(k) % (a.align - 1)) }
                }
                Place::Misaligned(_) => own,
                Place::Alias(j, k) => {
                    let target = &mut self.bufs[usize::from(j) % n];
                    let half = target.len() * 8 / 2;
                    let off = (usize::from(k) * a.size) % half.max(1);
                    let off = off - off % a.align;
                    // SAFETY: less than half-way into the target allocation.
                    unsafe { target.as_mut_ptr().cast::<u8>().add(off) }
                }
            };
            self.args[i].ptr = ptr;
        }
        self.before = self.bufs.clone();
    }

    /// The pointer to pass for argument `id`.
    pub fn ptr<T>(&self, id: Id) -> *mut T {
        self.args[id.0].ptr.cast()
    }

    /// The length passed for argument `id`.
    pub fn len(&self, id: Id) -> usize {
        self.args[id.0].len
    }

    /// The byte span `[start, end)` an argument covers, if the call may touch it.
    fn span(a: &Arg) -> Option<(usize, usize)> {
        if a.ptr.is_null() || a.len == 0 {
            return None;
        }
        let start = a.ptr as usize;
        let bytes = a.len.checked_mul(a.size)?;
        Some((start, start.checked_add(bytes)?))
    }

    /// Why the call must refuse its pointers, if it must.
    pub fn must_fail(&self) -> Option<String> {
        match self.verdict() {
            Verdict::Refuse(why) => Some(why),
            _ => None,
        }
    }

    /// What the call must do with its pointers.
    pub fn verdict(&self) -> Verdict {
        let mut either = false;
        for a in &self.args {
            if a.ptr.is_null() {
                if a.len > 0 && !a.optional {
                    return Verdict::Refuse(format!("{} NULL with length {}", a.name, a.len));
                }
                continue;
            }
            if a.len == 0 {
                continue;
            }
            if a.ptr as usize % a.align != 0 {
                return Verdict::Refuse(format!("{} misaligned", a.name));
            }
            if !possible(a.len, a.size) || Self::span(a).is_none() {
                return Verdict::Refuse(format!("{} length {} impossible", a.name, a.len));
            }
        }
        for (i, a) in self.args.iter().enumerate() {
            for b in &self.args[i + 1..] {
                if !(a.output || b.output) {
                    continue;
                }
                if let (Some(x), Some(y)) = (Self::span(a), Self::span(b)) {
                    if x.0 < y.1 && y.0 < x.1 {
                        let array_output = (a.output && !a.scalar) || (b.output && !b.scalar);
                        if array_output {
                            return Verdict::Refuse(format!("{} overlaps {}", a.name, b.name));
                        }
                        either = true;
                    }
                }
            }
        }
        // The harness's own promise: every buffer the call may use is real memory.
        for a in &self.args {
            if let Some((start, end)) = Self::span(a) {
                assert!(
                    self.bufs.iter().any(|b| {
                        let base = b.as_ptr() as usize;
                        base <= start && end <= base + b.len() * 8
                    }),
                    "harness: {} outside its allocation",
                    a.name
                );
            }
        }
        if either {
            Verdict::Either
        } else {
            Verdict::Accept
        }
    }

    /// The `len` elements argument `id` points to (an input as the call read it, or an output
    /// after a successful call). Only for arguments [`Call::must_fail`] accepted.
    pub fn read<T: Copy>(&self, id: Id) -> Vec<T> {
        let a = &self.args[id.0];
        if a.ptr.is_null() || a.len == 0 {
            return Vec::new();
        }
        // SAFETY: checked by must_fail: aligned, inside a live allocation of ours.
        unsafe { std::slice::from_raw_parts(a.ptr.cast::<T>().cast_const(), a.len) }.to_vec()
    }

    /// Whether argument `id` is passed as NULL.
    pub fn is_null(&self, id: Id) -> bool {
        self.args[id.0].ptr.is_null()
    }

    /// After a failed call: nothing was written anywhere.
    pub fn assert_unchanged(&self, what: &str) {
        assert!(
            self.bufs == self.before,
            "{what}: a failed call wrote to a buffer"
        );
    }

    /// After a successful call: only bytes inside the outputs' spans changed.
    pub fn assert_written_only_in_outputs(&self, what: &str) {
        let spans: Vec<(usize, usize)> = self
            .args
            .iter()
            .filter(|a| a.output)
            .filter_map(Self::span)
            .collect();
        for (buf, before) in self.bufs.iter().zip(&self.before) {
            let base = buf.as_ptr() as usize;
            // SAFETY: plain words viewed as bytes.
            let (now, was) = unsafe {
                (
                    std::slice::from_raw_parts(buf.as_ptr().cast::<u8>(), buf.len() * 8),
                    std::slice::from_raw_parts(before.as_ptr().cast::<u8>(), before.len() * 8),
                )
            };
            for (k, (x, y)) in now.iter().zip(was).enumerate() {
                if x != y {
                    let at = base + k;
                    assert!(
                        spans.iter().any(|&(s, e)| s <= at && at < e),
                        "{what}: wrote outside its outputs"
                    );
                }
            }
        }
    }
}
