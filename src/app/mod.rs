//! The editor window, drawn with egui: the contents tree beside the entry
//! editor, with menus, files, undo and shortcuts. Every file here draws or
//! handles input. Drawing code records [`actions::Action`]s; the shell
//! applies them once per frame, after layout, in one place.
//!
//! The rooms, each using only those listed before it (no circles):
//!
//! - here: what every room records or reads — [`settings`], [`commands`],
//!   [`actions`], [`panes`] (F6 order);
//! - [`widgets`]: labelled fields, spelling marks, command buttons, the
//!   picture loader;
//! - [`tree`]: the contents tree;
//! - [`chapter`]: the selected entry's editor, body, see-also and picker;
//! - [`panels`]: packs, find and replace, conflicts, update views;
//! - [`dialogs`]: every modal question and tool window;
//! - [`shell`]: the [`App`] itself, its menus and frame loop, and the one
//!   place actions and commands change the open manual.

mod actions;
mod chapter;
mod commands;
pub mod dialogs;
mod panels;
pub mod panes;
mod settings;
mod shell;
mod tree;
mod widgets;

pub use actions::{Action, PackAction, Pending, Sample};
pub use chapter::picker::{Picker, PickerTab};
pub use commands::Command;
pub use dialogs::Dialog;
pub use settings::{Settings, ThemeChoice};
pub use shell::script;
pub use shell::state::{App, Dictionary, StartOptions};
