//! Export speed and growth: the generated manual of 1,000 and 10,000
//! chapters rendered and written to disk (target: 10,000 chapters <= 1 s,
//! and <= 12x the time of 1,000). Also prints the output size and the peak
//! memory of one 10,000-chapter export.
//! Run with `cargo bench --bench export`.

use std::hint::black_box;

use manual_editor::export::{ExportOptions, HtmlRenderer, Renderer, export_html};
use manual_editor::synth;

fn main() {
    report_size_and_memory();
    divan::main();
}

fn options() -> ExportOptions {
    ExportOptions {
        date: "2026-11-22".into(),
        base_url: None,
    }
}

/// Render and write, as `manual-editor export` does.
#[divan::bench(args = [1_000, 3_000, 10_000], sample_count = 10)]
fn export_to_disk(bencher: divan::Bencher, chapters: usize) {
    let manual = synth::manual(chapters);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    bencher.bench_local(|| {
        export_html(black_box(&manual), &options(), &out, &mut |_, _, _| {}).unwrap()
    });
}

/// Rendering alone, in memory.
#[divan::bench(args = [1_000, 10_000], sample_count = 10)]
fn render_only(bencher: divan::Bencher, chapters: usize) {
    let manual = synth::manual(chapters);
    bencher.bench_local(|| HtmlRenderer.render(black_box(&manual), &options(), &mut |_, _| {}));
}

fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn report_size_and_memory() {
    for chapters in [1_000, 10_000] {
        let manual = synth::manual(chapters);
        let files = HtmlRenderer.render(&manual, &options(), &mut |_, _| {});
        let bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
        let largest = files
            .iter()
            .filter(|f| f.path.starts_with("chapters/"))
            .map(|f| f.bytes.len())
            .max()
            .unwrap_or(0);
        println!(
            "{chapters} chapters: {} files, {:.1} MB in all, largest chapter page {} bytes, index.html {} bytes",
            files.len(),
            bytes as f64 / 1e6,
            largest,
            files
                .iter()
                .find(|f| f.path == "index.html")
                .map_or(0, |f| f.bytes.len())
        );
    }
    let before = peak_rss_mb();
    let manual = synth::manual(10_000);
    let dir = tempfile::tempdir().unwrap();
    export_html(
        &manual,
        &options(),
        &dir.path().join("site"),
        &mut |_, _, _| {},
    )
    .unwrap();
    println!(
        "peak RSS after one 10,000-chapter export: {:.1} MB (before: {before:.1} MB)",
        peak_rss_mb()
    );
}
