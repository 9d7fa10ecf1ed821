//! Times the parts of rebuilding the window's outline on the generated
//! 10,000-chapter manual (validation, backlinks, rows), to see where the time
//! of an edit goes: `cargo run --release --example outline_parts`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests, benchmarks and examples may unwrap

use std::time::Instant;

use manual_editor::document::Outline;
use manual_editor::model::Backlinks;

fn main() {
    let manual = manual_editor::model::synth::manual(10_000);
    for _ in 0..3 {
        let t = Instant::now();
        let warnings = manual.validate();
        let validate = t.elapsed();
        let t = Instant::now();
        let backlinks = Backlinks::build(&manual);
        let links = t.elapsed();
        let t = Instant::now();
        let outline = manual.outline();
        let numbers = t.elapsed();
        let t = Instant::now();
        let full = Outline::build(&manual);
        let all = t.elapsed();
        println!(
            "validate {validate:?} ({} warnings), backlinks {links:?}, numbers {numbers:?} ({} rows), whole outline {all:?} ({} rows) {}",
            warnings.len(),
            outline.len(),
            full.rows.len(),
            backlinks
                .of(&manual_editor::model::EntryId::new("chapter-1"))
                .len()
        );
    }
}
