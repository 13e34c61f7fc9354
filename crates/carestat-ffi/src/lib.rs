//! The C ABI of carestat: `libcarestat.a` / `libcarestat.so` and `include/carestat.h`.
//!
//! All of the project's `unsafe` code lives in this crate. Conventions (as rustls-ffi):
//!
//! * every symbol starts `carestat_`, every constant `CARESTAT_`;
//! * fallible functions return a [`carestat_status`](status::carestat_status)
//!   (`CARESTAT_OK` = 0), write results to out-parameters only on success, and leave a
//!   thread-local detail message for `carestat_last_error_message`;
//! * every exported function runs inside one `catch_unwind` guard ([`guard`]): no panic
//!   crosses into C;
//! * pointers are checked (module `slices`): NULL gives a status, `(NULL, 0)` is an empty buffer,
//!   every buffer is followed by its `size_t` length, inputs first and outputs last;
//! * enum-like values from C arrive as integers and are converted with an error for unknown
//!   codes, never trusted as Rust enums.
//!
//! One module per concept; a new concept (domain measures, PHE methods, JSON reports with a
//! `carestat_string_free`) is a new module here plus a line in `cbindgen.toml` only if it
//! needs one. `make header` regenerates the header; `tests/header.rs` fails when the
//! committed header is stale.
#![allow(non_camel_case_types)]

pub mod account;
pub mod ascof;
pub mod benchmark;
pub mod change;
pub mod cqc;
pub mod disclosure;
pub mod document;
pub mod estimate;
pub mod funnel;
pub mod guard;
pub mod phe;
pub mod proportion;
pub mod quantile_groups;
pub mod rate;
pub mod rating_shares;
pub mod ratings;
pub mod sii;
mod slices;
pub mod status;
mod text;
pub mod version;
