//! Changing a manual: every change is an [`Edit`] value whose application
//! returns its inverse; [`structure`] turns the user's restructuring (drop,
//! move, add, duplicate, delete) into edits; [`history`] keeps the inverses
//! for undo and redo.

mod apply;
pub mod drafts;
pub mod find;
pub mod history;
mod list;
pub mod markdown_marks;
pub mod resolve;
pub mod structure;

pub use apply::{Edit, EditError, Placement};
pub use list::{ListOp, apply_list_op};
