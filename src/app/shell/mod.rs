//! The shell around the rooms: the [`App`](state::App) with its frame loop,
//! the menus and status bar, what the window reads from input, and the one
//! place each action, command and pack action is carried out. Only the
//! shell changes the App; the rooms draw and record actions.

pub mod chrome;
pub mod linking_files;
pub mod run_action;
pub mod run_command;
mod run_export_action;
mod run_import_action;
mod run_link_check;
pub mod run_pack_action;
pub mod run_sign_off_action;
mod run_style_action;
pub mod run_template_action;
pub mod script;
pub mod script_runner;
pub mod state;
pub mod window_input;
