//! Makes the hicolor icons that the Debian package installs, from the
//! window icon in `assets/`: `cargo run --example make_icons`. The output is
//! checked in under `dist/icons/`; run this again after changing the icon.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests, benchmarks and examples may unwrap

use std::path::Path;

use image::imageops::FilterType;

/// The standard hicolor sizes.
const SIZES: [u32; 7] = [16, 24, 32, 48, 64, 128, 256];
const NAME: &str = "io.github.manualeditor.ManualEditor.png";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let source = image::open(root.join("assets/icon.png"))?.into_rgba8();
    for size in SIZES {
        // Smaller sizes are filtered down; larger ones keep sharp edges.
        let filter = if size <= source.width() {
            FilterType::Lanczos3
        } else {
            FilterType::Nearest
        };
        let icon = image::imageops::resize(&source, size, size, filter);
        let folder = root.join(format!("dist/icons/hicolor/{size}x{size}/apps"));
        std::fs::create_dir_all(&folder)?;
        icon.save(folder.join(NAME))?;
        println!("wrote {}", folder.join(NAME).display());
    }
    Ok(())
}
