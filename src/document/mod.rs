//! An open manual as the window and the command line see it: the
//! [`Selection`] of entries a command acts on.

mod selection;

pub use selection::Selection;
