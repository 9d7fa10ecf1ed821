//! An open manual as the window and the command line see it: the
//! [`Document`] (the manual, its file and its undo history, changed only
//! through `apply`, `undo` and `redo`), the [`Outline`] derived from it,
//! searching it (the tree filter and the see-also picker), and the
//! [`Selection`] of entries a command acts on, and the induction packs
//! drawn from it ([`packs::Shelf`]).

pub mod filter;
mod open;
mod outline;
mod outline_search;
pub mod packs;
pub mod picker;
pub mod recovery_schedule;
mod selection;
pub mod spelling;
pub mod timeline;

pub use open::Document;
pub use outline::{Outline, Row};
pub use outline_search::Query;
pub use selection::Selection;
