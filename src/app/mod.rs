//! The editor window, drawn with egui: the contents tree beside the entry
//! editor, with menus, files, undo and shortcuts. Every file here draws or
//! handles input. Drawing code records [`actions::Action`]s; the app
//! applies them once per frame, after layout, in one place.

mod actions;
mod body;
mod chrome;
mod command_handling;
mod commands;
mod conflicts;
pub mod dialogs;
mod editor;
mod fields;
mod find;
mod guide;
mod handling;
mod import_dialog;
pub mod insert_file;
pub mod keywords;
mod linking_files;
mod pack_dialogs;
mod pack_handling;
mod packs;
pub mod panes;
mod picker;
mod pictures;
pub mod script;
mod script_runner;
mod see_also;
mod settings;
mod spelling;
mod state;
mod tree;
mod updates;
mod window_input;

pub use actions::{Action, PackAction, Pending, Sample};
pub use commands::Command;
pub use dialogs::Dialog;
pub use picker::{Picker, PickerTab};
pub use settings::{Settings, ThemeChoice};
pub use state::{App, Dictionary, StartOptions};
