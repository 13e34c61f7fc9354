//! The statistical methods: distributions, crude rates, proportions, directly and indirectly
//! standardised rates, means, quantile groups, the slope index of inequality, funnel plots and
//! the batch kernels that run them over many rows. Each matches PHEindicatormethods.
//!
//! Nothing here knows about adult social care: [`crate::care`] builds on these methods, and
//! [`crate::account`] on both.

pub mod batch;
pub mod dist;
pub mod dsr;
pub(crate) mod estimate;
pub mod funnel;
pub mod isr;
pub mod mean;
pub mod poisson;
pub mod proportion;
pub mod quantile_groups;
pub mod rate;
pub mod sii;
