//! Pack files (`NAME.pack.ron`): canonical RON like the manual, the
//! `format` checked first, saved atomically beside the old one.

use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::format::{LoadError, SaveError, Saved, extensions, pretty_config, write_atomically};
use crate::model::{PACK_FORMAT_VERSION, Pack};

#[derive(Deserialize)]
struct VersionProbe {
    format: u32,
}

/// The canonical text of a pack.
pub fn to_canonical_string(pack: &Pack) -> Result<String, ron::Error> {
    let mut text = ron::Options::default().to_string_pretty(pack, pretty_config())?;
    text.push('\n');
    Ok(text)
}

/// Parses pack text; `path` names it in messages.
pub fn from_str(text: &str, path: &Path) -> Result<Pack, LoadError> {
    let options = ron::Options::default().with_default_extension(extensions());
    let newer = |found| LoadError::NewerFormat {
        path: path.to_path_buf(),
        found,
        supported: PACK_FORMAT_VERSION,
    };
    if let Ok(probe) = options.from_str::<VersionProbe>(text)
        && probe.format > PACK_FORMAT_VERSION
    {
        return Err(newer(probe.format));
    }
    options
        .from_str::<Pack>(text)
        .map_err(|error| LoadError::Syntax {
            path: path.to_path_buf(),
            line: error.span.start.line,
            column: error.span.start.col,
            message: error.code.to_string(),
        })
}

/// Reads a pack file.
pub fn load(path: &Path) -> Result<Pack, LoadError> {
    let text = fs::read_to_string(path).map_err(|source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    from_str(&text, path)
}

/// Writes a pack file safely (temporary file, flush, rename; `.bak`).
pub fn save(pack: &Pack, path: &Path) -> Result<Saved, SaveError> {
    let text = to_canonical_string(pack).map_err(|e| SaveError::Serialize {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    write_atomically(path, text.as_bytes()).map_err(|source| SaveError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// The manual a pack draws from: its path relative to the pack file.
pub fn manual_path(pack: &Pack, pack_path: &Path) -> PathBuf {
    let folder = pack_path.parent().unwrap_or_else(|| Path::new(""));
    folder.join(&pack.manual)
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
