//! Building for Windows: the program's icon and version information go
//! into the `.exe` (compiled from `dist/windows/manual-editor.rc` by
//! mingw's `windres`, linked into the binary). Nothing happens for other
//! targets. A dozen lines instead of a crate such as `winresource`, whose
//! dependencies (a TOML parser) every build, on every target, would
//! compile.

use std::path::PathBuf;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=dist/windows/manual-editor.rc");
    println!("cargo:rerun-if-changed=dist/windows/manual-editor.ico");
    println!("cargo:rerun-if-env-changed=WINDRES");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_else(|_| panic!("no OUT_DIR")));
    let object = out.join("manual-editor-resources.o");
    let windres = std::env::var("WINDRES").unwrap_or_else(|_| "x86_64-w64-mingw32-windres".into());
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let number = |name: &str| std::env::var(name).unwrap_or_else(|_| "0".into());
    let status = Command::new(&windres)
        .current_dir("dist/windows")
        .args([
            "--input",
            "manual-editor.rc",
            "--output-format=coff",
            "--output",
        ])
        .arg(&object)
        .arg(format!(
            "-DVERSION_MAJOR={}",
            number("CARGO_PKG_VERSION_MAJOR")
        ))
        .arg(format!(
            "-DVERSION_MINOR={}",
            number("CARGO_PKG_VERSION_MINOR")
        ))
        .arg(format!(
            "-DVERSION_PATCH={}",
            number("CARGO_PKG_VERSION_PATCH")
        ))
        .arg(format!("-DVERSION_TEXT=\\\"{version}\\\""))
        .status()
        .unwrap_or_else(|e| panic!("cannot run {windres} (install mingw-w64's binutils): {e}"));
    assert!(
        status.success(),
        "{windres} failed on dist/windows/manual-editor.rc"
    );
    println!("cargo:rustc-link-arg-bins={}", object.display());
}
