//! An open manual as the window and the command line see it: the
//! [`Document`] (the manual, its file, the packs beside it and one undo
//! history for both, changed only through `apply`, the pack changes,
//! `undo` and `redo`), the [`Outline`] derived from it,
//! searching it (the tree filter and the see-also picker), and the
//! [`Selection`] of entries a command acts on, and the induction packs
//! drawn from it ([`packs::Shelf`]).

mod change;
pub mod filter;
pub mod history;
pub mod link_check;
mod open;
mod outline;
mod outline_search;
mod pack_changes;
pub mod packs;
pub mod picker;
pub mod problems;
mod publishing;
pub mod recovery_schedule;
pub mod response;
mod selection;
pub mod spelling;
pub mod style_check;
mod template_base;

pub use change::{Change, StepGroup};
pub use open::{Document, OpenToChangeError, Undone};
pub use outline::{Outline, Row};
pub use outline_search::Query;
pub use publishing::{ExportChoice, Prepared, PublishError, ToPublish};
pub use selection::Selection;
