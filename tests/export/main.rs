//! The HTML export: pages, conventions, determinism, hostile input, and the
//! structure of every exported page of the samples.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests, benchmarks and examples may unwrap

#[path = "../common/mod.rs"]
mod common;

mod pages;
mod snapshots;
mod structure;
