//! Manuals on disk: the canonical RON file format, safe saving with a
//! `.bak`, and recovery copies of unsaved work.

pub mod format;
pub mod recovery;
