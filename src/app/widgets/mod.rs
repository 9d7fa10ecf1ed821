//! Widgets every room draws with: labelled text fields, spelling marks in
//! them, command buttons, and the loader for pictures in the body preview.

pub mod command_button;
pub mod fields;
pub mod markdown_look;
pub mod pictures;
pub mod redline;
pub mod spelling;
