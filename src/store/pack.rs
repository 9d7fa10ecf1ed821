//! Pack files (`NAME.pack.ron`): canonical RON like the manual, the
//! `format` checked first, saved atomically beside the old one.

use std::path::{Path, PathBuf};

use super::format::{
    LoadError, SaveError, Saved, canonical, parse_versioned, read_text, save_text,
};
use crate::model::{PACK_FORMAT_VERSION, Pack};

/// The canonical text of a pack.
pub fn to_canonical_string(pack: &Pack) -> Result<String, ron::Error> {
    canonical(pack)
}

/// Parses pack text; `path` names it in messages.
pub fn from_str(text: &str, path: &Path) -> Result<Pack, LoadError> {
    parse_versioned(text, path, PACK_FORMAT_VERSION, |p: &Pack| p.format)
}

/// Reads a pack file.
pub fn load(path: &Path) -> Result<Pack, LoadError> {
    from_str(&read_text(path)?, path)
}

/// Writes a pack file safely (temporary file, flush, rename; `.bak`).
pub fn save(pack: &Pack, path: &Path) -> Result<Saved, SaveError> {
    save_text(path, canonical(pack))
}

/// The manual a pack draws from: its path relative to the pack file.
pub fn manual_path(pack: &Pack, pack_path: &Path) -> PathBuf {
    let folder = pack_path.parent().unwrap_or_else(|| Path::new(""));
    folder.join(&pack.manual)
}

/// `target` as a path relative to the folder of `from_file`, with `/`
/// separators, as a pack names its manual. A file named without a folder
/// is in the current one.
pub fn relative_path(target: &Path, from_file: &Path) -> String {
    let folder = match from_file.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (target, folder) = (absolute(target), absolute(folder));
    let common = target
        .components()
        .zip(folder.components())
        .take_while(|(a, b)| a == b)
        .count();
    let mut relative = PathBuf::new();
    for _ in folder.components().skip(common) {
        relative.push("..");
    }
    for part in target.components().skip(common) {
        relative.push(part);
    }
    relative.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntryId, PackItem};

    fn pack() -> Pack {
        let mut pack = Pack::new("Week 1: Safeguarding", "stockport.ron", "Stockport Manual");
        pack.audience = "New social workers".into();
        pack.items = vec![
            PackItem::Heading {
                text: "Day 1".into(),
            },
            PackItem::Entry {
                id: EntryId::new("young-carers-2"),
                note: "Read before \"shadowing\".".into(),
                update: Some("As published".into()),
            },
        ];
        pack
    }

    #[test]
    fn the_manual_is_named_relative_to_the_pack_file() {
        let p = |t: &str, f: &str| relative_path(Path::new(t), Path::new(f));
        assert_eq!(p("stockport.ron", "week-1.pack.ron"), "stockport.ron");
        assert_eq!(
            p("manuals/stockport.ron", "week-1.pack.ron"),
            "manuals/stockport.ron"
        );
        assert_eq!(
            p("stockport.ron", "packs/week-1.pack.ron"),
            "../stockport.ron"
        );
        assert_eq!(p("/a/b/m.ron", "/a/c/d/p.pack.ron"), "../../b/m.ron");
    }

    #[test]
    fn a_pack_round_trips_to_identical_bytes_and_is_line_per_field() {
        let text = to_canonical_string(&pack()).unwrap();
        assert!(
            text.contains("title: \"Week 1: Safeguarding\",\n"),
            "{text}"
        );
        let loaded = from_str(&text, Path::new("p.pack.ron")).unwrap();
        assert_eq!(loaded, pack());
        assert_eq!(to_canonical_string(&loaded).unwrap(), text);
    }

    #[test]
    fn a_newer_pack_and_a_broken_one_are_refused_clearly() {
        let text = to_canonical_string(&pack()).unwrap();
        let newer = text.replacen("format: 1", "format: 9, later: 1", 1);
        let error = from_str(&newer, Path::new("p.pack.ron")).unwrap_err();
        assert!(
            matches!(error, LoadError::NewerFormat { found: 9, .. }),
            "{error}"
        );
        let broken = text.replacen("items: [", "items: [[", 1);
        let message = from_str(&broken, Path::new("p.pack.ron"))
            .unwrap_err()
            .to_string();
        assert!(message.starts_with("p.pack.ron:"), "{message}");
    }

    #[test]
    fn the_manual_is_found_beside_the_pack() {
        assert_eq!(
            manual_path(&pack(), Path::new("packs/week1.pack.ron")),
            Path::new("packs/stockport.ron")
        );
    }
}
