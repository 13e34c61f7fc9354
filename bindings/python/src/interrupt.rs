//! Long calls that Ctrl-C can stop (issue 16): array work runs in chunks of [`CHUNK`] rows,
//! each with the GIL released, and Python's signal handlers run between chunks
//! (`py.check_signals()`), so a `KeyboardInterrupt` arrives within one chunk's time (a few
//! milliseconds) instead of when a 30,000,000-row call returns. A chunk is large enough that
//! the core's parallel kernels keep their speed on it.

use std::ops::Range;

use pyo3::prelude::*;

use crate::errors::to_py;

/// Rows per chunk: 2^20 (about 8 MB of each float64 column).
pub const CHUNK: usize = 1 << 20;

/// The core's error for a chunk that starts at row `offset`, with its row counted from the
/// start of the whole input.
pub fn shift_row(e: carestat::Error, offset: usize) -> carestat::Error {
    match e.field().and_then(|f| f.row) {
        Some(row) if offset > 0 => e.at_row(offset + row),
        _ => e,
    }
}

/// Runs `work` on consecutive row ranges of `0..len`, releasing the GIL for each and checking
/// for signals between them. The first failing chunk's error (rows counted from 0) or a
/// signal's exception (`KeyboardInterrupt`) ends the call; rows after it are not computed.
pub fn in_chunks<F>(py: Python<'_>, len: usize, mut work: F) -> PyResult<()>
where
    F: FnMut(Range<usize>) -> carestat::Result<()> + Send,
{
    let mut start = 0;
    while start < len {
        let end = len.min(start + CHUNK);
        py.detach(|| work(start..end))
            .map_err(|e| to_py(py, &shift_row(e, start)))?;
        start = end;
        if start < len {
            py.check_signals()?;
        }
    }
    Ok(())
}
