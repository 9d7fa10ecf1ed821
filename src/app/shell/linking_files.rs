//! Putting a flowchart or a form into a chapter: the App's side of Insert
//! file… and of a file dropped on the window, which copies the file into
//! the manual's `NAME.files/` folder and links it at the cursor, asking for
//! a picture's alt text first (the dialog is `insert_file.rs`).

use std::ops::Range;
use std::path::Path;

use egui::Context;

use crate::app::dialogs::Dialog;
use crate::app::dialogs::insert_file::InsertFile;
use crate::app::shell::state::App;
use crate::model::EntryId;
use crate::model::files;

impl App {
    /// Opens the dialog for the chapter in the editor, at the body's cursor.
    pub(in crate::app) fn ask_insert_file(&mut self, path: Option<&Path>) {
        let Some(id) = self.selection.current().cloned() else {
            return;
        };
        let Some(doc) = &self.doc else { return };
        let Some(body) = doc.entry(&id).and_then(|e| e.chapter_details()) else {
            return;
        };
        let end = body.body.chars().count();
        let range = self.editor.body.selection.clone().unwrap_or(end..end);
        self.dialog = Some(Dialog::InsertFile(Box::new(InsertFile::new(
            id, range, path,
        ))));
    }

    /// Copies the file in and links it: one undo step (undo leaves the
    /// copy, which `check --files` lists as unused).
    pub(in crate::app) fn insert_file(
        &mut self,
        ctx: &Context,
        for_entry: EntryId,
        range: Range<usize>,
        source: &Path,
        text: &str,
    ) {
        let note = |app: &mut App, why: String| {
            if let Some(Dialog::InsertFile(dialog)) = &mut app.dialog {
                dialog.note = why;
            }
        };
        let Some(manual_path) = self
            .doc
            .as_ref()
            .and_then(|d| d.path())
            .map(Path::to_path_buf)
        else {
            note(
                self,
                "Save the manual to a file first: its files are kept in a folder beside it.".into(),
            );
            return;
        };
        if !source.is_file() {
            note(self, format!("There is no file at {}.", source.display()));
            return;
        }
        match crate::store::files::copy_in(&manual_path, source) {
            Ok(link) => {
                self.dialog = None;
                let image = files::is_image_name(&link);
                let markdown = files::markdown_link(&link, text, image);
                self.insert_body_link(ctx, for_entry, range, &markdown);
                self.status = format!("Copied {} to {link}", source.display());
            }
            Err(error) => note(
                self,
                format!("Could not copy {}: {error}", source.display()),
            ),
        }
    }
}
