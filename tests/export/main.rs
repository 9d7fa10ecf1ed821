//! The HTML export: pages, conventions, determinism, hostile input, and the
//! structure of every exported page of the samples.

#[path = "../common/mod.rs"]
mod common;

mod pages;
mod structure;
