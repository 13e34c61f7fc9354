//! The adult social care domain: changes between periods and their polarity, provider rating
//! shares (CQC and local schemes), the CQC assessment of local authorities, the ASCOF
//! catalogue, Fingertips-style benchmarking, statistical disclosure control and the rounding
//! publications use.
//!
//! Builds on [`crate::methods`]; [`crate::account`] builds on it.

pub mod ascof;
pub mod benchmark;
pub mod change;
pub mod cqc;
pub mod disclosure;
pub mod ratings;
pub mod rounding;
pub mod table_protection;
