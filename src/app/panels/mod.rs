//! The side panels beside the contents and the chapter: induction packs,
//! find and replace, resolving merge conflicts, and the update views.

pub mod conflicts;
pub mod find;
pub mod packs;
pub mod updates;
