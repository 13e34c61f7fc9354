//! Extraction: finding the figures a document states, as a first step towards a draft
//! dataset (issue 13). Today: [`numbers`], the recogniser of numbers as councils print them.
//! Claim patterns build on it.

pub mod numbers;
