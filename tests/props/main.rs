//! Property tests: random restructuring sequences, and three-way merges of
//! random edits.

#[path = "../common/mod.rs"]
mod common;

mod merge;
mod structure;
