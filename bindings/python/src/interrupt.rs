//! Long calls that Ctrl-C can stop (issue 16): array work runs in chunks of [`CHUNK`] rows,
//! each with the GIL released, and Python's signal handlers run between chunks
//! (`py.check_signals()`), so a `KeyboardInterrupt` arrives within one chunk's time (a few
//! milliseconds) instead of when a 30,000,000-row call returns. A chunk is large enough that
//! the core's parallel kernels keep their speed on it.
//!
//! A core call whose rows depend on one another (a funnel's significance is judged against
//! the average of every row) cannot be cut into chunks without changing its numbers; it runs
//! on a thread of its own with [`in_background`], and the caller waits for it in short slices
//! with the signal handlers run between them.

use std::ops::Range;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::Duration;

use pyo3::prelude::*;

use crate::errors::to_py;

/// Rows per chunk: 2^20 (about 8 MB of each float64 column).
pub const CHUNK: usize = 1 << 20;

/// How long [`in_background`] waits between two looks at the signal handlers.
const POLL: Duration = Duration::from_millis(10);

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
pub fn in_chunks<F>(py: Python<'_>, len: usize, work: F) -> PyResult<()>
where
    F: FnMut(Range<usize>) -> carestat::Result<()> + Send,
{
    in_chunks_of(py, len, CHUNK, work)
}

/// [`in_chunks`] with `chunk` rows per chunk: fewer than [`CHUNK`] where a row costs
/// microseconds rather than nanoseconds (a funnel's exact Poisson limits), so that a chunk
/// still takes milliseconds.
pub fn in_chunks_of<F>(py: Python<'_>, len: usize, chunk: usize, mut work: F) -> PyResult<()>
where
    F: FnMut(Range<usize>) -> carestat::Result<()> + Send,
{
    let chunk = chunk.max(1);
    let mut start = 0;
    while start < len {
        let end = len.min(start + chunk);
        py.detach(|| work(start..end))
            .map_err(|e| to_py(py, &shift_row(e, start)))?;
        start = end;
        if start < len {
            py.check_signals()?;
        }
    }
    Ok(())
}

/// Runs `work` (which owns its inputs) on a thread of its own and waits for it with the GIL
/// released, running Python's signal handlers every [`POLL`]: a `KeyboardInterrupt` they
/// raise ends the call at once. The thread cannot be stopped from outside the core, so it
/// then finishes in the background and its result is dropped. For core calls that cannot be
/// cut into chunks without changing their result; a panic in `work` is raised here as it
/// would be had `work` run on the calling thread.
pub fn in_background<T, F>(py: Python<'_>, work: F) -> PyResult<T>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    // Shared so that the caller can still run it if no thread can be started.
    let job = Arc::new(Mutex::new(Some(work)));
    let take = |job: &Mutex<Option<F>>| job.lock().unwrap_or_else(PoisonError::into_inner).take();
    let (tx, rx) = mpsc::channel();
    let spawned = {
        let job = Arc::clone(&job);
        thread::Builder::new()
            .name("carestat-interruptible".into())
            .spawn(move || {
                if let Some(work) = take(&job) {
                    // The caller may have gone (interrupted): the result is dropped.
                    let _ = tx.send(work());
                }
            })
    };
    let Ok(handle) = spawned else {
        // No thread to be had: the call as before, in one piece.
        drop(rx);
        return match take(&job) {
            Some(work) => Ok(py.detach(work)),
            None => Err(pyo3::exceptions::PyRuntimeError::new_err(
                "carestat: could not start a computing thread",
            )),
        };
    };
    // In a mutex only to be waited on with the GIL released (a receiver is not `Sync`).
    let rx = Mutex::new(rx);
    let wait = || {
        rx.lock()
            .unwrap_or_else(PoisonError::into_inner)
            .recv_timeout(POLL)
    };
    loop {
        match py.detach(wait) {
            Ok(result) => return Ok(result),
            Err(RecvTimeoutError::Timeout) => py.check_signals()?,
            Err(RecvTimeoutError::Disconnected) => {
                // The work panicked before sending: raise its panic on this thread.
                if let Err(panic) = py.detach(|| handle.join()) {
                    std::panic::resume_unwind(panic);
                }
                return Err(pyo3::exceptions::PyRuntimeError::new_err(
                    "carestat: the computing thread ended without a result",
                ));
            }
        }
    }
}
