//! Manuals on disk: the canonical RON file format, safe saving with a
//! `.bak`, induction pack files, and recovery copies of unsaved work.

pub mod format;
pub mod pack;
pub mod recovery;
