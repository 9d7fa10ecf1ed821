//! The real editor window, driven headless with egui_kittest: clicks, typing,
//! drags and key presses, asserting on the app's state. One binary, so egui
//! is linked once for all of them.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests, benchmarks and examples may unwrap

#[path = "../common/mod.rs"]
mod common;

mod accessibility;
mod app;
mod chapter_text;
mod conflicts;
mod dialogs;
mod export;
mod files;
mod help;
mod import;
mod keywords;
mod packs;
mod plain_english;
mod problems;
mod recovery;
mod see_also;
mod sharing;
mod sign_off;
mod structure;
mod templates;
mod word;
