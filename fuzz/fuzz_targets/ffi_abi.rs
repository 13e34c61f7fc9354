//! The C ABI entry points, called through the rlib exactly as C calls them: arbitrary doubles
//! (NaN, infinities, subnormals, huge values), arbitrary lengths (including lengths no buffer
//! can have), NULL, misaligned and overlapping pointers, unknown enum codes.
//!
//! Checks: no panic (libfuzzer-sys aborts on any panic, even one the guard would catch);
//! a status other than OK for every pointer the ABI must refuse, without touching the memory;
//! outputs written only on success (scalars) or set to missing on a value error (batches);
//! on success every row is missing or a finite interval containing its estimate, equal to
//! the core's scalar result; every returned string is a valid NUL-terminated UTF-8 string.
#![no_main]

use std::ffi::{c_char, CStr};

use arbitrary::Arbitrary;
use carestat_ffi::change::{
    carestat_judge_change, carestat_percent_change, carestat_percent_change_many,
    carestat_point_change, carestat_previous_from_percent_change, carestat_previous_range,
};
use carestat_ffi::estimate::{carestat_estimate, carestat_method_name};
use carestat_ffi::proportion::{
    carestat_wilson_proportion, carestat_wilson_proportion_many,
    carestat_wilson_proportion_many_with_method,
};
use carestat_ffi::rate::{
    carestat_crude_rate, carestat_crude_rate_many, carestat_crude_rate_many_with_method,
};
use carestat_ffi::ratings::carestat_rating_share;
use carestat_ffi::status::{carestat_status, carestat_status_message};
use carestat_fuzz::Num;
use libfuzzer_sys::fuzz_target;

/// A value no computation produces: shows whether an output was written.
const SENTINEL: f64 = -12_345.678_9;

/// How an output (or input) pointer is passed.
#[derive(Debug, Clone, Copy, Arbitrary)]
enum Ptr {
    Valid,
    Null,
    /// One to seven bytes past an aligned address (inside a real allocation).
    Misaligned(u8),
    /// Pointing into the first input buffer (outputs only).
    IntoInput(u8),
    /// Pointing into the `value` output (other outputs only).
    IntoValue(u8),
}

/// The `len` argument.
#[derive(Debug, Clone, Copy, Arbitrary)]
enum Len {
    /// The buffers' length.
    Exact,
    /// Fewer rows than the buffers hold (valid).
    Fewer(u8),
    /// A length no buffer can have: the call must fail before reading anything.
    Impossible(u8),
}

#[derive(Debug, Arbitrary)]
struct Batch {
    rows: Vec<(Num, Num)>,
    multiplier: Num,
    confidence: Num,
    len: Len,
    inputs: [Ptr; 2],
    outputs: [Ptr; 4],
    with_method: bool,
}

#[derive(Debug, Arbitrary)]
enum Op {
    Rate([Num; 4], Ptr),
    Proportion([Num; 4], Ptr),
    RateMany(Batch),
    ProportionMany(Batch),
    PercentChange(Num, Num, Ptr),
    PointChange(Num, Num, Ptr),
    PercentChangeMany(Batch),
    Previous(Num, Num, u32, Ptr),
    Judge(Num, Num, i32, Ptr),
    RatingShare([Num; 5], u32, Ptr),
    Strings(u32),
}

/// A C string the library returned: non-NULL, NUL-terminated, UTF-8.
fn c_string(ptr: *const c_char) -> &'static str {
    assert!(!ptr.is_null(), "NULL string");
    // SAFETY: the library's promise under test; ASan reports a read past the end.
    unsafe { CStr::from_ptr(ptr) }.to_str().expect("UTF-8")
}

/// Every status has a message; every failure leaves a detail message.
fn check_status(status: carestat_status) {
    assert_ne!(
        status,
        carestat_status::CARESTAT_STATUS_PANIC,
        "a panic reached the guard"
    );
    let _ = c_string(carestat_status_message(status as u32));
    if status != carestat_status::CARESTAT_OK {
        let detail = c_string(carestat_ffi::guard::carestat_last_error_message());
        assert!(!detail.is_empty(), "{status:?} without a detail message");
    }
}

/// Storage for one scalar out-parameter of type `T`, passed as `how` says.
struct OutSlot<T> {
    storage: Vec<u64>,
    how: Ptr,
    _t: std::marker::PhantomData<T>,
}

impl<T: Copy> OutSlot<T> {
    fn new(how: Ptr, fill: T) -> Self {
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

    fn ptr(&mut self) -> *mut T {
        let base = self.storage.as_mut_ptr().cast::<u8>();
        match self.how {
            Ptr::Null => std::ptr::null_mut(),
            Ptr::Misaligned(k) => misaligned::<T>(base, k),
            _ => base.cast(),
        }
    }

    /// Whether the pointer was one the call must accept.
    fn valid(&self) -> bool {
        !matches!(self.how, Ptr::Null | Ptr::Misaligned(_))
    }

    fn get(&self) -> T {
        // SAFETY: written by new() (and maybe by the call) at the aligned start.
        unsafe { self.storage.as_ptr().cast::<T>().read() }
    }
}

/// A scalar call: written only on success, success exactly when the core succeeds and the
/// pointer is usable.
fn scalar<T: Copy + PartialEq + std::fmt::Debug>(
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

fn bits_eq(a: f64, b: f64) -> bool {
    (a.is_nan() && b.is_nan()) || a.to_bits() == b.to_bits()
}

fn check_estimate(e: &carestat_estimate) {
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

/// The buffers of one batch call, laid out so that pointers can be misaligned or overlap
/// while staying inside real allocations.
/// Every buffer holds `2 rows + 1` elements: the rows, then room enough that a pointer moved
/// up to `rows` elements (an alias into another buffer) or 1..7 bytes (misaligned) still has
/// `len <= rows` elements of real memory behind it, so a bug in the checks shows up as a
/// failed assertion or an ASan report, never as a harness overrun.
struct Buffers {
    rows: usize,
    inputs: [Vec<f64>; 2],
    /// value, lower, upper.
    outputs: [Vec<f64>; 3],
    method: Vec<u32>,
    /// Aligned words for misaligned inputs.
    spare: [Vec<u64>; 2],
}

impl Buffers {
    fn new(b: &Batch) -> Self {
        let n = b.rows.len();
        let room = 2 * n + 1;
        let column = |pick: fn(&(Num, Num)) -> Num| {
            let mut v: Vec<f64> = b.rows.iter().map(|r| pick(r).get()).collect();
            v.resize(room, SENTINEL);
            v
        };
        Self {
            rows: n,
            inputs: [column(|r| r.0), column(|r| r.1)],
            outputs: [
                vec![SENTINEL; room],
                vec![SENTINEL; room],
                vec![SENTINEL; room],
            ],
            method: vec![u32::MAX; room],
            spare: [vec![0; room], vec![0; room]],
        }
    }

    fn rows(&self) -> usize {
        self.rows
    }
}

fn misaligned<T>(base: *mut u8, k: u8) -> *mut T {
    // 1 to align - 1 bytes past an aligned address: never a multiple of T's alignment.
    let align = std::mem::align_of::<T>();
    assert!(align > 1 && base as usize % align == 0);
    // SAFETY: every buffer has at least one spare word, so this stays inside it.
    unsafe { base.add(1 + usize::from(k) % (align - 1)) }.cast()
}

/// Pointers for a batch call, and whether the call must refuse them.
struct Pointers {
    inputs: [*const f64; 2],
    outputs: [*mut f64; 3],
    method: *mut u32,
    len: usize,
    must_fail: bool,
    /// An output aliases another buffer without overlapping the part in use: the call may
    /// succeed, but the results are not where the checks look.
    aliased: bool,
}

fn pointers(b: &Batch, buf: &mut Buffers, n_outputs: usize) -> Pointers {
    let rows = buf.rows();
    let len = match b.len {
        Len::Exact => rows,
        Len::Fewer(k) => rows.saturating_sub(usize::from(k)),
        Len::Impossible(k) => match k % 3 {
            0 => usize::MAX - usize::from(k),
            1 => (isize::MAX as usize) / 8 + 1 + usize::from(k),
            _ => usize::MAX / 8 + 1,
        },
    };
    let impossible = matches!(b.len, Len::Impossible(_));
    let mut must_fail = impossible;
    let mut aliased = false;
    let mut inputs = [std::ptr::null::<f64>(); 2];
    for (i, how) in b.inputs.iter().enumerate() {
        inputs[i] = match how {
            Ptr::Null => {
                must_fail |= len > 0;
                std::ptr::null()
            }
            Ptr::Misaligned(k) => {
                must_fail |= len > 0;
                misaligned(buf.spare[i].as_mut_ptr().cast(), *k)
            }
            _ => buf.inputs[i].as_ptr(),
        };
    }
    let value_ptr = buf.outputs[0].as_mut_ptr();
    let mut outputs = [std::ptr::null_mut::<f64>(); 3];
    for i in 0..n_outputs {
        let own = buf.outputs[i].as_mut_ptr();
        outputs[i] = match b.outputs[i] {
            Ptr::Valid => own,
            Ptr::Null => {
                must_fail |= len > 0;
                std::ptr::null_mut()
            }
            Ptr::Misaligned(k) => {
                must_fail |= len > 0;
                misaligned(own.cast(), k)
            }
            Ptr::IntoInput(k) => {
                let off = usize::from(k) % rows.max(1);
                // Overlaps the input when both cover at least one element there.
                must_fail |= len > 0 && off < len;
                aliased = true;
                // SAFETY: off < rows (0 when empty): inside the 2 rows + 1 elements.
                unsafe { buf.inputs[0].as_mut_ptr().add(off) }
            }
            Ptr::IntoValue(k) if i > 0 => {
                let off = usize::from(k) % rows.max(1);
                // An overlap only when `value` really is passed as its own buffer: when it
                // was itself redirected (into an input), this points into a buffer the call
                // does not otherwise use.
                must_fail |= outputs[0] == value_ptr && len > 0 && off < len;
                aliased = true;
                // SAFETY: as above, inside value's allocation.
                unsafe { value_ptr.add(off) }
            }
            Ptr::IntoValue(_) => own,
        };
    }
    // percent_change_many (one output) has no method column.
    let method = if b.with_method && n_outputs == 3 {
        match b.outputs[3] {
            Ptr::Null => std::ptr::null_mut(), // optional: NULL means "not wanted"
            Ptr::Misaligned(k) => {
                must_fail |= len > 0;
                misaligned(buf.method.as_mut_ptr().cast(), k)
            }
            _ => buf.method.as_mut_ptr(),
        }
    } else {
        std::ptr::null_mut()
    };
    Pointers {
        inputs,
        outputs,
        method,
        len,
        must_fail,
        aliased,
    }
}

fn batch_estimates(b: &Batch, proportion: bool) {
    let mut buf = Buffers::new(b);
    let p = pointers(b, &mut buf, 3);
    let (m, c) = (b.multiplier.get(), b.confidence.get());
    // SAFETY: every pointer is NULL, or inside an allocation of at least `len` elements when
    // `len` is possible; impossible lengths must be refused before any access.
    let status = unsafe {
        match (proportion, p.method.is_null()) {
            (false, true) => carestat_crude_rate_many(
                p.inputs[0],
                p.inputs[1],
                p.len,
                m,
                c,
                p.outputs[0],
                p.outputs[1],
                p.outputs[2],
            ),
            (false, false) => carestat_crude_rate_many_with_method(
                p.inputs[0],
                p.inputs[1],
                p.len,
                m,
                c,
                p.outputs[0],
                p.outputs[1],
                p.outputs[2],
                p.method,
            ),
            (true, true) => carestat_wilson_proportion_many(
                p.inputs[0],
                p.inputs[1],
                p.len,
                m,
                c,
                p.outputs[0],
                p.outputs[1],
                p.outputs[2],
            ),
            (true, false) => carestat_wilson_proportion_many_with_method(
                p.inputs[0],
                p.inputs[1],
                p.len,
                m,
                c,
                p.outputs[0],
                p.outputs[1],
                p.outputs[2],
                p.method,
            ),
        }
    };
    check_status(status);
    if p.must_fail {
        assert_ne!(
            status,
            carestat_status::CARESTAT_OK,
            "accepted bad pointers: {b:?}"
        );
        return;
    }
    if p.aliased {
        return;
    }
    let len = p.len;
    let (xs, ns) = (&buf.inputs[0][..len], &buf.inputs[1][..len]);
    let core = if proportion {
        carestat::wilson_proportion_many(xs, ns, m, c, carestat::Estimates::with_len(len).as_mut())
    } else {
        carestat::crude_rate_many(xs, ns, m, c, carestat::Estimates::with_len(len).as_mut())
    };
    assert_eq!(
        status == carestat_status::CARESTAT_OK,
        core.is_ok(),
        "{status:?} vs {core:?}"
    );
    // Rows beyond len are never written.
    for out in &buf.outputs {
        assert!(out[len..].iter().all(|&v| v == SENTINEL), "wrote past len");
    }
    for i in 0..len {
        let e = carestat_estimate {
            value: buf.outputs[0][i],
            lower: buf.outputs[1][i],
            upper: buf.outputs[2][i],
            method: if p.method.is_null() {
                u32::from(!buf.outputs[0][i].is_nan())
            } else {
                buf.method[i]
            },
        };
        if status == carestat_status::CARESTAT_OK {
            check_estimate(&e);
            let scalar = if proportion {
                carestat::wilson_proportion(xs[i], ns[i], m, c)
            } else {
                carestat::crude_rate(xs[i], ns[i], m, c)
            }
            .expect("batch accepted the row");
            assert!(
                bits_eq(e.value, scalar.value)
                    && bits_eq(e.lower, scalar.lower)
                    && bits_eq(e.upper, scalar.upper),
                "row {i}: batch {e:?} scalar {scalar:?}"
            );
        } else {
            // A value error leaves every row missing.
            assert!(
                e.value.is_nan() && e.lower.is_nan() && e.upper.is_nan(),
                "{e:?}"
            );
        }
    }
}

fn percent_change_many(b: &Batch) {
    let mut buf = Buffers::new(b);
    let p = pointers(b, &mut buf, 1);
    // SAFETY: as in batch_estimates.
    let status =
        unsafe { carestat_percent_change_many(p.inputs[0], p.inputs[1], p.len, p.outputs[0]) };
    check_status(status);
    if p.must_fail {
        assert_ne!(
            status,
            carestat_status::CARESTAT_OK,
            "accepted bad pointers: {b:?}"
        );
        return;
    }
    if p.aliased {
        return;
    }
    let len = p.len;
    let mut want = vec![0.0; len];
    let core =
        carestat::percent_change_many(&buf.inputs[0][..len], &buf.inputs[1][..len], &mut want);
    assert_eq!(status == carestat_status::CARESTAT_OK, core.is_ok());
    assert!(
        buf.outputs[0][len..].iter().all(|&v| v == SENTINEL),
        "wrote past len"
    );
    for i in 0..len {
        let got = buf.outputs[0][i];
        if core.is_ok() {
            assert!(
                bits_eq(got, want[i]) && !got.is_infinite(),
                "row {i}: {got} {}",
                want[i]
            );
        } else {
            assert!(got.is_nan());
        }
    }
}

fn run(op: &Op) {
    match op {
        Op::Rate([x, n, m, c], how) => {
            let (x, n, m, c) = (x.get(), n.get(), m.get(), c.get());
            let core = carestat::crude_rate(x, n, m, c);
            let fill = carestat_estimate {
                value: SENTINEL,
                lower: SENTINEL,
                upper: SENTINEL,
                method: u32::MAX,
            };
            // SAFETY: the pointer is valid, NULL, or misaligned inside an allocation.
            let got = scalar(*how, fill, core.is_ok(), |out| unsafe {
                carestat_crude_rate(x, n, m, c, out)
            });
            if let Some(e) = got {
                check_estimate(&e);
                let want = core.unwrap();
                assert!(bits_eq(e.value, want.value) && bits_eq(e.lower, want.lower));
                assert!(bits_eq(e.upper, want.upper) && e.method == want.method.code());
            }
        }
        Op::Proportion([x, n, m, c], how) => {
            let (x, n, m, c) = (x.get(), n.get(), m.get(), c.get());
            let core = carestat::wilson_proportion(x, n, m, c);
            let fill = carestat_estimate {
                value: SENTINEL,
                lower: SENTINEL,
                upper: SENTINEL,
                method: u32::MAX,
            };
            // SAFETY: as above.
            let got = scalar(*how, fill, core.is_ok(), |out| unsafe {
                carestat_wilson_proportion(x, n, m, c, out)
            });
            if let Some(e) = got {
                check_estimate(&e);
                assert!(e.method == 0 || e.upper <= m, "{e:?}");
            }
        }
        Op::RateMany(b) => batch_estimates(b, false),
        Op::ProportionMany(b) => batch_estimates(b, true),
        Op::PercentChangeMany(b) => percent_change_many(b),
        Op::PercentChange(p, c, how) => {
            let (p, c) = (p.get(), c.get());
            let core = carestat::percent_change(p, c);
            // SAFETY: as above.
            let got = scalar(*how, SENTINEL, core.is_ok(), |out| unsafe {
                carestat_percent_change(p, c, out)
            });
            if let Some(v) = got {
                assert!(bits_eq(v, core.unwrap()) && !v.is_infinite());
            }
        }
        Op::PointChange(p, c, how) => {
            let (p, c) = (p.get(), c.get());
            let core = carestat::point_change(p, c);
            // SAFETY: as above.
            let got = scalar(*how, SENTINEL, core.is_ok(), |out| unsafe {
                carestat_point_change(p, c, out)
            });
            if let Some(v) = got {
                assert!(!v.is_infinite());
            }
        }
        Op::Previous(current, pct, decimals, how) => {
            let (current, pct) = (current.get(), pct.get());
            let core = carestat::previous_from_percent_change(current, pct, *decimals);
            let fill = carestat_previous_range {
                lower: SENTINEL,
                point: SENTINEL,
                upper: SENTINEL,
            };
            // SAFETY: as above.
            let got = scalar(*how, fill, core.is_ok(), |out| unsafe {
                carestat_previous_from_percent_change(current, pct, *decimals, out)
            });
            if let Some(r) = got {
                assert!(
                    r.point.is_nan() || (r.lower <= r.point && r.point <= r.upper),
                    "{r:?}"
                );
            }
        }
        Op::Judge(p, c, polarity, how) => {
            let core = carestat::Polarity::from_code(i64::from(*polarity));
            // SAFETY: as above.
            let got = scalar(*how, u32::MAX, core.is_ok(), |out| unsafe {
                carestat_judge_change(p.get(), c.get(), *polarity, out)
            });
            if let Some(j) = got {
                assert!(j <= 4, "{j}");
                let _ = c_string(carestat_ffi::change::carestat_judgement_label(j));
            }
        }
        Op::RatingShare(counts, rule, how) => {
            let v = counts.map(Num::get);
            let core = carestat::ratings::RatingCounts::from_f64(v).and_then(|r| {
                let rule = match rule {
                    0 => carestat::ratings::DenominatorRule::AllLocations,
                    1 => carestat::ratings::DenominatorRule::RatedOnly,
                    _ => return Err(carestat::Error::invalid("rule", "unknown")),
                };
                r.outstanding_or_good_share(rule)
            });
            // SAFETY: as above.
            let got = scalar(*how, SENTINEL, core.is_ok(), |out| unsafe {
                carestat_rating_share(v[0], v[1], v[2], v[3], v[4], *rule, out)
            });
            if let Some(share) = got {
                assert!((0.0..=100.0).contains(&share), "{share}");
            }
        }
        Op::Strings(code) => {
            let _ = c_string(carestat_status_message(*code));
            let _ = c_string(carestat_method_name(*code));
            let _ = c_string(carestat_ffi::change::carestat_judgement_label(*code));
            let _ = c_string(carestat_ffi::version::carestat_version());
            let _ = c_string(carestat_ffi::guard::carestat_last_error_message());
        }
    }
}

fuzz_target!(|ops: Vec<Op>| {
    for op in ops.iter().take(16) {
        run(op);
    }
});
