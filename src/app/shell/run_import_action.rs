//! Imports that bring files with them: a manual made from a Word document
//! (saved with its pictures, then opened) and chapter pages whose pictures
//! are copied into the manual's folder before the edit is made.

use std::path::{Path, PathBuf};

use egui::Context;

use crate::app::actions::{Action, Pending};
use crate::app::dialogs::Dialog;
use crate::app::shell::state::App;

impl App {
    /// Saves a manual made from a Word document, with its pictures, and
    /// opens it; the dialog says why when it cannot.
    pub(super) fn create_from_word(
        &mut self,
        ctx: &Context,
        manual: &crate::model::Manual,
        files: &[(String, Vec<u8>)],
        out: PathBuf,
    ) {
        let refuse = |app: &mut Self, why: String| {
            if let Some(Dialog::NewFromWord(dialog)) = &mut app.dialog {
                dialog.note = why;
            }
        };
        if out.exists() {
            refuse(
                self,
                format!("{} is already there: choose another name", out.display()),
            );
            return;
        }
        for (name, bytes) in files {
            if let Err(error) = crate::store::files::write_new(&out, name, bytes) {
                refuse(
                    self,
                    format!("Nothing was saved: cannot copy a picture in: {error}"),
                );
                return;
            }
        }
        if let Err(error) = crate::store::format::save(manual, &out) {
            refuse(self, format!("Cannot save {}: {error}", out.display()));
            return;
        }
        self.dialog = None;
        self.run(ctx, Action::Guarded(Pending::Open(out)));
    }

    /// Copies `files` into the manual's folder, then makes `edits`.
    pub(super) fn edit_with_files(
        &mut self,
        ctx: &Context,
        edits: Vec<crate::edit::Edit>,
        files: &[(String, Vec<u8>)],
        done: String,
    ) {
        let Some(path) = self
            .doc
            .as_ref()
            .and_then(|d| d.path())
            .map(Path::to_path_buf)
        else {
            if !files.is_empty() {
                self.status =
                    "Save the manual first: its pictures go in the folder beside it".into();
                return;
            }
            self.run(ctx, Action::Edit { edits, group: None });
            self.status = done;
            return;
        };
        for (name, bytes) in files {
            if let Err(error) = crate::store::files::write_new(&path, name, bytes) {
                self.status = format!("Nothing was imported: cannot copy a picture in: {error}");
                return;
            }
        }
        self.run(ctx, Action::Edit { edits, group: None });
        self.status = done;
    }
}
