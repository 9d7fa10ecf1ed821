//! The `manual-editor` binary and the library on real files: subcommands,
//! files beside a manual, git's merge driver, the importers, the file format,
//! the package's metadata, the README's excerpts, and a real window killed
//! mid-edit.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests, benchmarks and examples may unwrap

#[path = "../common/mod.rs"]
mod common;

mod commands;
mod files;
mod format_roundtrip;
mod git_merge;
mod import_chapters;
mod import_layouts;
mod import_part_headings;
mod import_seeds;
mod killed;
mod links;
mod packaging;
mod readme;
mod sign_off;
mod snapshots;
mod style;
mod templates;
mod word;
