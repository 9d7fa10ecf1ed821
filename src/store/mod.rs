//! Manuals on disk: the canonical RON file format, safe saving with a
//! `.bak`, induction pack files, recovery copies of unsaved work, and the
//! spelling dictionary; published copies, templates, and the manual's git
//! history.

pub mod dictionary;
pub mod files;
pub mod format;
pub mod git;
pub mod link_check;
pub mod lock;
pub mod pack;
pub mod print;
pub mod read;
pub mod recovery;
pub mod seal;
pub mod template;
pub mod versions;
pub mod write;

/// The user's data folder for this program (`<data dir>/manual-editor`):
/// recovery copies and the key that seals kept results live there, never
/// in a manual's folder.
pub fn data_folder() -> Option<std::path::PathBuf> {
    directories::ProjectDirs::from("", "", "manual-editor")
        .map(|dirs| dirs.data_dir().to_path_buf())
}
