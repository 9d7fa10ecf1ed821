//! The Debian package's pieces agree: every file `cargo deb` installs
//! exists, each hicolor icon has the size its folder names, and the
//! desktop entry, AppStream id, icon name and the window's app id are one
//! name.

use std::path::Path;

const APP_ID: &str = "io.github.manualeditor.ManualEditor";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The source paths of `[package.metadata.deb] assets` that are checked in.
fn deb_sources() -> Vec<String> {
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let assets = &manifest[manifest.find("assets = [").expect("deb assets")..];
    let assets = &assets[..assets.find("\n]").unwrap()];
    assets
        .lines()
        .filter_map(|line| line.trim().strip_prefix("[\""))
        .map(|rest| rest[..rest.find('"').unwrap()].to_string())
        .filter(|source| !source.starts_with("target/"))
        .collect()
}

#[test]
fn every_file_the_package_installs_is_checked_in() {
    let sources = deb_sources();
    assert!(sources.len() >= 10, "{sources:?}");
    for source in &sources {
        assert!(root().join(source).is_file(), "{source} is missing");
    }
}

#[test]
fn each_icon_has_the_size_its_folder_names() {
    let mut sizes = Vec::new();
    for source in deb_sources().iter().filter(|s| s.contains("/hicolor/")) {
        let folder = source.split('/').nth(3).unwrap();
        let size: u32 = folder.split('x').next().unwrap().parse().unwrap();
        let icon = image::open(root().join(source)).unwrap();
        assert_eq!((icon.width(), icon.height()), (size, size), "{source}");
        assert!(source.ends_with(&format!("{APP_ID}.png")), "{source}");
        sizes.push(size);
    }
    sizes.sort_unstable();
    assert_eq!(sizes, [16, 24, 32, 48, 64, 128, 256]);
}

#[test]
fn the_desktop_entry_metainfo_icon_and_window_share_one_id() {
    let desktop = std::fs::read_to_string(root().join(format!("dist/{APP_ID}.desktop"))).unwrap();
    assert!(desktop.contains(&format!("Icon={APP_ID}\n")));
    assert!(desktop.contains(&format!("StartupWMClass={APP_ID}\n")));
    assert!(desktop.contains("Exec=manual-editor %f\n"));
    let metainfo =
        std::fs::read_to_string(root().join(format!("dist/{APP_ID}.metainfo.xml"))).unwrap();
    assert!(metainfo.contains(&format!("<id>{APP_ID}</id>")));
    assert!(metainfo.contains(&format!(
        "<launchable type=\"desktop-id\">{APP_ID}.desktop</launchable>"
    )));
    let version = format!("<release version=\"{}\"", env!("CARGO_PKG_VERSION"));
    assert!(
        metainfo.contains(&version),
        "the metainfo names this version"
    );
    let main = std::fs::read_to_string(root().join("src/main.rs")).unwrap();
    assert!(main.contains(&format!(".with_app_id(\"{APP_ID}\")")));
}
