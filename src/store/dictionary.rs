//! Finding and reading a Hunspell dictionary for British English: the one
//! named by `MANUAL_EDITOR_DICTIONARY` (a path without `.aff`/`.dic`), else
//! the one shipped beside the program (`dictionaries/en_GB` next to the
//! `.exe` in the Windows build, which has no system dictionary), else the
//! system's `en_GB` (Debian's `hunspell-en-gb`, and the usual places on
//! other systems).

use std::path::{Path, PathBuf};

/// Folders where systems keep Hunspell dictionaries.
const FOLDERS: &[&str] = &[
    "/usr/share/hunspell",
    "/usr/share/myspell",
    "/usr/share/myspell/dicts",
    "/usr/local/share/hunspell",
    "/Library/Spelling",
];

/// The dictionary to use: `base.aff` and `base.dic` exist.
pub fn find() -> Option<PathBuf> {
    if let Some(base) = std::env::var_os("MANUAL_EDITOR_DICTIONARY") {
        return Some(PathBuf::from(base));
    }
    let home = directories::BaseDirs::new().map(|d| d.home_dir().join("Library/Spelling"));
    let shipped = std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.join("dictionaries")));
    shipped
        .into_iter()
        .chain(FOLDERS.iter().map(PathBuf::from))
        .chain(home)
        .map(|folder| folder.join("en_GB"))
        .find(|base| base.with_extension("aff").is_file() && base.with_extension("dic").is_file())
}

/// A dictionary's two files, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictionaryFiles {
    pub aff: String,
    pub dic: String,
    /// Its name (`en_GB`).
    pub name: String,
}

/// Reads the dictionary at `base` (`base.aff`, `base.dic`).
pub fn read(base: &Path) -> Result<DictionaryFiles, String> {
    let read = |ext: &str| {
        let path = base.with_extension(ext);
        std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))
    };
    let name = base
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    Ok(DictionaryFiles {
        aff: read("aff")?,
        dic: read("dic")?,
        name,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_test_dictionary_is_read_and_a_missing_one_is_named() {
        let base =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dictionary/en_GB_test");
        let files = read(&base).unwrap();
        assert_eq!(files.name, "en_GB_test");
        assert!(files.dic.contains("colour"), "{}", files.dic);
        let error = read(Path::new("/no/such/en_GB")).unwrap_err();
        assert!(error.contains("/no/such/en_GB.aff"), "{error}");
    }
}
