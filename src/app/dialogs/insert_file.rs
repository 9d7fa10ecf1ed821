//! The Insert file… dialog (from the body's toolbar, or a file dropped on
//! the window): which file, and a picture's alt text or a document's link
//! text. `linking_files.rs` copies the file in and links it.

use std::ops::Range;
use std::path::{Path, PathBuf};

use egui::Ui;

use crate::app::actions::Action;
use crate::app::widgets::fields::labelled;
use crate::model::EntryId;
use crate::model::files;

/// The Insert file… dialog's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InsertFile {
    pub for_entry: EntryId,
    /// Where in the body (characters) the link goes.
    pub range: Range<usize>,
    pub path: String,
    /// A picture's alt text, or a document's link text.
    pub text: String,
    /// Why the last attempt did not work.
    pub note: String,
}

impl InsertFile {
    pub fn new(for_entry: EntryId, range: Range<usize>, path: Option<&Path>) -> Self {
        let mut dialog = InsertFile {
            for_entry,
            range,
            path: String::new(),
            text: String::new(),
            note: String::new(),
        };
        if let Some(path) = path {
            dialog.set_path(path);
        }
        dialog
    }

    /// A document's link text starts as its name in words; a picture's alt
    /// text is left for the person to write.
    pub fn set_path(&mut self, path: &Path) {
        self.path = path.display().to_string();
        if !self.is_image() && self.text.is_empty() {
            self.text = path
                .file_stem()
                .map(|s| s.to_string_lossy().replace(['-', '_'], " "))
                .unwrap_or_default();
        }
    }

    pub fn is_image(&self) -> bool {
        files::is_image_name(self.path.trim())
    }

    fn ready(&self) -> bool {
        !self.path.trim().is_empty() && !self.text.trim().is_empty()
    }
}

pub fn insert_file_ui(ui: &mut Ui, dialog: &mut InsertFile, actions: &mut Vec<Action>) {
    ui.heading("Insert a file");
    ui.label(
        "The file is copied into the folder beside the manual and linked here: a picture \
         (PNG, JPEG, GIF, WebP) is shown in the chapter; a document (a form, a protocol) is \
         linked.",
    );
    ui.add_space(6.0);
    egui::Grid::new("insert_file")
        .num_columns(2)
        .show(ui, |ui| {
            let path = labelled(
                ui,
                "File",
                egui::TextEdit::singleline(&mut dialog.path).desired_width(360.0),
            );
            if path.changed() {
                dialog.note.clear();
            }
            ui.end_row();
            let label = if dialog.is_image() {
                "Alt text"
            } else {
                "Link text"
            };
            let hint = if dialog.is_image() {
                "What the picture shows, for readers who cannot see it"
            } else {
                "The document's title, e.g. Referral form"
            };
            labelled(
                ui,
                label,
                egui::TextEdit::singleline(&mut dialog.text)
                    .hint_text(hint)
                    .desired_width(360.0),
            );
            ui.end_row();
        });
    if dialog.is_image() && dialog.text.trim().is_empty() {
        ui.label(
            "A picture needs alt text: the published page reads it out to those who cannot see it.",
        );
    }
    if !dialog.note.is_empty() {
        ui.colored_label(ui.visuals().error_fg_color, &dialog.note);
    }
    let entered = crate::app::widgets::fields::enter_submits(ui) && dialog.ready();
    ui.horizontal(|ui| {
        if ui
            .add_enabled(dialog.ready(), egui::Button::new("Insert"))
            .clicked()
            || entered
        {
            actions.push(Action::InsertFile {
                for_entry: dialog.for_entry.clone(),
                range: dialog.range.clone(),
                source: PathBuf::from(dialog.path.trim()),
                text: dialog.text.trim().to_string(),
            });
        }
        if ui
            .button("Browse…")
            .on_hover_text("Choose the file in a file dialog")
            .clicked()
        {
            actions.push(Action::BrowseInsertFile);
        }
        if ui.button("Cancel").clicked() {
            actions.push(Action::CloseDialog);
        }
    });
}
