//! Property tests: random restructuring sequences, and three-way merges of
//! random edits.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests, benchmarks and examples may unwrap

#[path = "../common/mod.rs"]
mod common;

mod merge;
mod structure;
mod template;
