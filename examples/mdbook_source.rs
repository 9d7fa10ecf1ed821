//! Writes the generated manual of N chapters as an mdBook source folder
//! (book.toml, src/SUMMARY.md, one Markdown file a chapter), so the export
//! can be timed side by side with mdBook on the same content:
//! `cargo run --release --example mdbook_source -- 1000 /tmp/book-1000`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests, benchmarks and examples may unwrap

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use manual_editor::model::{Entry, Manual};

fn write_entries(
    entries: &[Entry],
    depth: usize,
    summary: &mut String,
    src: &Path,
) -> anyhow::Result<()> {
    for entry in entries {
        let indent = "  ".repeat(depth);
        let file = format!("{}.md", entry.id);
        let _ = writeln!(summary, "{indent}- [{}]({file})", entry.title);
        let body = entry
            .chapter_details()
            .map(|c| c.body.as_str())
            .unwrap_or("");
        fs::write(src.join(&file), format!("# {}\n\n{body}", entry.title))?;
        write_entries(entry.children(), depth + 1, summary, src)?;
    }
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let chapters: usize = args.next().map(|n| n.parse()).transpose()?.unwrap_or(1_000);
    let out = args.next().unwrap_or_else(|| "book".into());
    let manual: Manual = manual_editor::model::synth::manual(chapters);
    let src = Path::new(&out).join("src");
    fs::create_dir_all(&src)?;
    fs::write(
        Path::new(&out).join("book.toml"),
        "[book]\ntitle = \"Synthetic\"\n\n[output.html]\n\n[output.html.search]\nenable = false\n\n[output.html.print]\nenable = false\n",
    )?;
    let mut summary = String::from("# Summary\n\n");
    write_entries(&manual.entries, 0, &mut summary, &src)?;
    fs::write(src.join("SUMMARY.md"), summary)?;
    println!("wrote an mdBook source of {chapters} chapters to {out}");
    Ok(())
}
