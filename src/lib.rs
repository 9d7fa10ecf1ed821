//! manual-editor: a desktop editor for UK children's services procedures
//! manuals. The flow is one way: `model` (pure data) ← `edit` (changes as
//! values) ← `document` (an open manual) ← `app` (the egui window); `store`,
//! `import` and `export` read and write the model; `cli` drives them from
//! the command line.

#[cfg(feature = "gui")]
pub mod app;
pub mod cli;
pub mod document;
pub mod edit;
pub mod export;
pub mod import;
pub mod model;
pub mod store;
