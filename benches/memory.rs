//! Peak memory of loading, validating, numbering and saving the generated
//! 10,000-chapter manual (target <= 100 MB). Reads the process's high-water
//! mark (VmHWM) from /proc, so it runs on Linux only.
//! Run with `cargo bench --bench memory`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests, benchmarks and examples may unwrap

#[path = "common/allocator.rs"]
mod allocator;

use std::path::Path;

use manual_editor::model::synth;
use manual_editor::store::format;

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Set to a path, this benchmark's process writes the generated manual
/// there and exits: the generator runs in a process of its own.
const GENERATE_TO: &str = "MANUAL_EDITOR_BENCH_GENERATE_TO";

fn main() {
    if let Ok(path) = std::env::var(GENERATE_TO) {
        let manual = synth::manual(10_000);
        format::save(&manual, Path::new(&path)).expect("save");
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("synthetic-10k.ron");
    // Written by a child process, so the generator's memory (which an
    // allocator may keep for later) is not counted: the program itself
    // never generates a manual.
    let generated = std::process::Command::new(std::env::current_exe().expect("this program"))
        .env(GENERATE_TO, &path)
        .status()
        .expect("run the generator");
    assert!(generated.success(), "the generator failed");
    let before = peak_rss_mb().unwrap_or(0.0);
    let size_mb = std::fs::metadata(&path)
        .map(|m| m.len() as f64 / 1e6)
        .unwrap_or(0.0);
    let manual = format::load(Path::new(&path)).expect("load");
    let warnings = manual.validate();
    let outline = manual.outline();
    format::save(&manual, &path).expect("save");
    let after = peak_rss_mb().unwrap_or(0.0);
    println!(
        "file {size_mb:.1} MB, {} entries, {} warnings; peak RSS {after:.1} MB (before loading: {before:.1} MB)",
        outline.len(),
        warnings.len()
    );
}
