//! Writes a generated manual of N chapters (default 10,000) to a file, for
//! trying the editor and the export at scale:
//! `cargo run --release --example synthetic -- 10000 /tmp/synthetic.ron`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests, benchmarks and examples may unwrap

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let chapters: usize = args
        .next()
        .map(|n| n.parse())
        .transpose()?
        .unwrap_or(10_000);
    let path = args.next().unwrap_or_else(|| "synthetic.ron".into());
    manual_editor::store::format::save(
        &manual_editor::model::synth::manual(chapters),
        std::path::Path::new(&path),
    )?;
    println!("wrote {chapters} chapters to {path}");
    Ok(())
}
