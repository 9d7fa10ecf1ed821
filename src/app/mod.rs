//! The editor window: the contents tree beside the entry editor, with menus,
//! files, undo and shortcuts. Drawing code records [`actions::Action`]s; the
//! app applies them once per frame, after layout, in one place.

mod actions;
mod chrome;
mod commands;
pub mod dialogs;
pub mod document;
mod editor;
mod fields;
pub mod filter;
mod handling;
mod markdown;
pub mod picker;
mod settings;
mod state;
mod tree;

pub use actions::{Action, Pending, Sample};
pub use commands::Command;
pub use dialogs::{Dialog, Picker, PickerTab};
pub use document::{Document, Outline, Row};
pub use settings::{Settings, ThemeChoice};
pub use state::{App, StartOptions};
