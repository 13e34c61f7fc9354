//! How the batch functions (`*_many`) run: in one pass on one core, or, with the default
//! `parallel` feature and at least [`PARALLEL_MIN_ROWS`] rows, split into pieces run across
//! cores on rayon's global thread pool.
//!
//! Every batch function computes each row from that row's inputs alone, written as one
//! branch-free loop that the compiler vectorises, so where the rows are cut changes nothing:
//! the parallel path writes exactly the bits the serial path writes, and each row is exactly
//! what the scalar function returns for it. The loops never stop early: they note whether
//! they saw an invalid row, and only then does a second look find the first one, so the error
//! names the same row whichever path ran.
//!
//! ```
//! use carestat::{batch::PARALLEL_MIN_ROWS, crude_rate, crude_rate_many, Estimates};
//! let n = PARALLEL_MIN_ROWS + 1;
//! let counts: Vec<f64> = (0..n).map(|i| (i % 40) as f64).collect();
//! let populations = vec![5_000.0; n];
//! let mut out = Estimates::with_len(n);
//! crude_rate_many(&counts, &populations, 1e5, 0.95, out.as_mut())?;
//! let last = crude_rate(counts[n - 1], 5_000.0, 1e5, 0.95)?;
//! assert_eq!(out.upper[n - 1].to_bits(), last.upper.to_bits());
//! # Ok::<(), carestat::Error>(())
//! ```

/// Rows from which a batch call is split across cores (with the `parallel` feature).
///
/// Below this the work (tens of microseconds) is cheaper than waking other threads.
pub const PARALLEL_MIN_ROWS: usize = 1 << 16;

/// The smallest piece a parallel batch call is cut into.
pub const MIN_PIECE_ROWS: usize = 1 << 13;

/// What a kernel saw in its rows, merged across pieces with [`Flags::merge`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Flags {
    /// Some row is invalid (an error): the caller must find and report the first one.
    pub bad: bool,
}

impl Flags {
    /// The union of two pieces' flags.
    #[must_use]
    pub fn merge(self, other: Self) -> Self {
        Self {
            bad: self.bad | other.bad,
        }
    }
}

/// The inputs and outputs of one batch call, which can be cut in two at a row.
pub(crate) trait Rows: Sized + Send {
    /// Number of rows.
    fn len(&self) -> usize;
    /// Rows `..mid` and `mid..`.
    fn split_at(self, mid: usize) -> (Self, Self);
}

/// Runs `kernel` over all of `rows` and merges what its pieces return.
///
/// Serially (one call of `kernel`) below [`PARALLEL_MIN_ROWS`] or without the `parallel`
/// feature; otherwise the rows are cut in halves, recursively, down to pieces of at least
/// [`MIN_PIECE_ROWS`], and the pieces run on rayon's thread pool.
pub(crate) fn run<T, K>(rows: T, kernel: &K) -> Flags
where
    T: Rows,
    K: Fn(T) -> Flags + Sync,
{
    #[cfg(feature = "parallel")]
    {
        let len = rows.len();
        if len >= PARALLEL_MIN_ROWS {
            // About four pieces per thread lets work stealing even out a slow core.
            let piece = (len / (4 * rayon::current_num_threads())).max(MIN_PIECE_ROWS);
            return split(rows, piece, kernel);
        }
    }
    kernel(rows)
}

#[cfg(feature = "parallel")]
fn split<T, K>(rows: T, piece: usize, kernel: &K) -> Flags
where
    T: Rows,
    K: Fn(T) -> Flags + Sync,
{
    let len = rows.len();
    if len <= piece {
        return kernel(rows);
    }
    let (left, right) = rows.split_at(len / 2);
    let (a, b) = rayon::join(
        || split(left, piece, kernel),
        || split(right, piece, kernel),
    );
    a.merge(b)
}

/// Two input columns and the value/lower/upper (+ method) output columns of an estimate batch.
pub(crate) struct EstimateRows<'a> {
    pub a: &'a [f64],
    pub b: &'a [f64],
    pub value: &'a mut [f64],
    pub lower: &'a mut [f64],
    pub upper: &'a mut [f64],
    pub method: Option<&'a mut [u32]>,
}

impl<'a> EstimateRows<'a> {
    /// The inputs and the caller's output buffers (whose lengths the caller has checked).
    pub fn new(a: &'a [f64], b: &'a [f64], out: crate::EstimatesMut<'a>) -> Self {
        Self {
            a,
            b,
            value: out.value,
            lower: out.lower,
            upper: out.upper,
            method: out.method,
        }
    }
}

impl Rows for EstimateRows<'_> {
    fn len(&self) -> usize {
        self.a.len()
    }

    fn split_at(self, mid: usize) -> (Self, Self) {
        let (a0, a1) = self.a.split_at(mid);
        let (b0, b1) = self.b.split_at(mid);
        let (v0, v1) = self.value.split_at_mut(mid);
        let (l0, l1) = self.lower.split_at_mut(mid);
        let (u0, u1) = self.upper.split_at_mut(mid);
        let (m0, m1) = match self.method {
            Some(m) => {
                let (m0, m1) = m.split_at_mut(mid);
                (Some(m0), Some(m1))
            }
            None => (None, None),
        };
        (
            EstimateRows {
                a: a0,
                b: b0,
                value: v0,
                lower: l0,
                upper: u0,
                method: m0,
            },
            EstimateRows {
                a: a1,
                b: b1,
                value: v1,
                lower: l1,
                upper: u1,
                method: m1,
            },
        )
    }
}

/// Calls `f` on consecutive blocks of at most [`BLOCK_ROWS`] rows and merges the flags.
///
/// Kernels that make a second pass over some rows work block by block so that the second
/// pass finds the block still in cache.
pub(crate) fn for_each_block<T: Rows>(mut rows: T, mut f: impl FnMut(T) -> Flags) -> Flags {
    let mut flags = Flags::default();
    while rows.len() > BLOCK_ROWS {
        let (block, rest) = rows.split_at(BLOCK_ROWS);
        flags = flags.merge(f(block));
        rows = rest;
    }
    flags.merge(f(rows))
}

/// Rows per block for kernels that make a second pass over some rows (crude rates with
/// counts below 10): a block's columns fit in a core's L2 cache.
pub const BLOCK_ROWS: usize = 2048;

/// Two input columns and one output column (percentage change).
pub(crate) struct PairRows<'a> {
    pub a: &'a [f64],
    pub b: &'a [f64],
    pub out: &'a mut [f64],
}

impl Rows for PairRows<'_> {
    fn len(&self) -> usize {
        self.a.len()
    }

    fn split_at(self, mid: usize) -> (Self, Self) {
        let (a0, a1) = self.a.split_at(mid);
        let (b0, b1) = self.b.split_at(mid);
        let (o0, o1) = self.out.split_at_mut(mid);
        (
            PairRows {
                a: a0,
                b: b0,
                out: o0,
            },
            PairRows {
                a: a1,
                b: b1,
                out: o1,
            },
        )
    }
}
