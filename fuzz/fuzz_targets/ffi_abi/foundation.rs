//! The foundation's batch calls (rates, proportions, percentage changes over columns): every
//! row compared bit for bit with the core's scalar result.

use arbitrary::Arbitrary;
use carestat_ffi::change::carestat_percent_change_many;
use carestat_ffi::estimate::carestat_estimate;
use carestat_ffi::proportion::{
    carestat_wilson_proportion_many, carestat_wilson_proportion_many_with_method,
};
use carestat_ffi::rate::{carestat_crude_rate_many, carestat_crude_rate_many_with_method};
use carestat_ffi::status::carestat_status;
use carestat_fuzz::Num;

use crate::harness::{bits_eq, check_estimate, check_status, misaligned, Ptr, SENTINEL};

/// The `len` argument.
#[derive(Debug, Clone, Copy, Arbitrary)]
pub enum Len {
    /// The buffers' length.
    Exact,
    /// Fewer rows than the buffers hold (valid).
    Fewer(u8),
    /// A length no buffer can have: the call must fail before reading anything.
    Impossible(u8),
}

#[derive(Debug, Arbitrary)]
pub struct Batch {
    rows: Vec<(Num, Num)>,
    multiplier: Num,
    confidence: Num,
    len: Len,
    inputs: [Ptr; 2],
    outputs: [Ptr; 4],
    with_method: bool,
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

pub fn batch_estimates(b: &Batch, proportion: bool) {
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

pub fn percent_change_many(b: &Batch) {
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
