//! manual-editor: a desktop editor for UK children's services procedures
//! manuals. The library holds the model, the file format, the importer and
//! the exporters; the binary adds the command line and the window.

pub mod app;
pub mod cli;
pub mod document;
pub mod edit;
pub mod export;
pub mod format;
pub mod history;
pub mod import;
pub mod model;
pub mod recovery;
pub mod structure;
pub mod synth;
pub mod util;
