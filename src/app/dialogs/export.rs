//! The export dialogs: the HTML snapshot (where, for which date, and the
//! draft, what-changed and archive choices), its result, and the Word
//! consultation copy.

use egui::{RichText, TextEdit, Ui};

use super::close_button;
use crate::app::actions::Action;
use crate::app::widgets::fields::{enter_submits, labelled};
use crate::document::Document;

pub(super) fn export_ui(
    ui: &mut Ui,
    doc: Option<&Document>,
    out: &mut String,
    date: &mut String,
    choice: &mut crate::document::ExportChoice,
    actions: &mut Vec<Action>,
) {
    ui.heading("Export HTML");
    ui.label(
        "Writes the contents, a page per chapter, the Amendments page and a document index \
         (HTML and CSV).",
    );
    egui::Grid::new("export_fields")
        .num_columns(2)
        .show(ui, |ui| {
            let folder = TextEdit::singleline(out)
                .desired_width(380.0)
                .hint_text("A new or empty folder, or an earlier export");
            labelled(ui, "Output folder", folder);
            ui.end_row();
            let day = TextEdit::singleline(date)
                .desired_width(120.0)
                .hint_text("YYYY-MM-DD");
            labelled(ui, "Snapshot date", day);
            ui.end_row();
        });
    if let Some(open) = doc.and_then(|d| d.manual().open_update()) {
        ui.label(format!(
            "“{}” is being prepared: the export writes the version last published, unless \
             you export the working copy as a draft.",
            open.label
        ));
        ui.checkbox(
            &mut choice.draft,
            "Export the working copy, marked “Draft – not for use”",
        );
    }
    let has_copies = doc.is_some_and(|d| d.manual().has_published_copy());
    if has_copies {
        ui.checkbox(
            &mut choice.show_changes,
            "Show what changed in each chapter since the version published before",
        );
        ui.checkbox(
            &mut choice.archive,
            "Add each earlier version of a chapter as a page marked “Superseded”",
        );
    }
    let entered = enter_submits(ui);
    ui.horizontal(|ui| {
        if (ui.button("Export").clicked() || entered) && !out.trim().is_empty() {
            actions.push(Action::StartExport {
                out: out.trim().into(),
                date: date.trim().to_string(),
                choice: *choice,
            });
        }
        close_button(ui, "Cancel", actions);
    });
}

pub(super) fn export_docx_ui(
    ui: &mut Ui,
    (path, whole, note): (&mut String, &mut bool, &mut String),
    actions: &mut Vec<Action>,
) {
    ui.heading("Export for consultation");
    ui.label(
        "Writes a Word document to send out for comment: a cover, then each chapter with its \
         number, title, scope, text and see-also.",
    );
    labelled(
        ui,
        "Word document",
        TextEdit::singleline(path).desired_width(420.0),
    );
    ui.checkbox(
        whole,
        "The whole manual (otherwise the selected chapters and sections)",
    );
    if !note.is_empty() {
        ui.label(RichText::new(note.as_str()).color(ui.visuals().warn_fg_color));
    }
    let entered = enter_submits(ui);
    ui.horizontal(|ui| {
        if (ui.button("Write the document").clicked() || entered) && !path.trim().is_empty() {
            actions.push(Action::ExportDocx {
                path: path.trim().into(),
                whole: *whole,
            });
        }
        close_button(ui, "Cancel", actions);
    });
}

pub(super) fn exported_ui(
    ui: &mut Ui,
    out: &std::path::Path,
    files: usize,
    actions: &mut Vec<Action>,
) {
    ui.heading("Export finished");
    ui.label(format!("{files} files were written to {}.", out.display()));
    ui.horizontal(|ui| {
        if ui.button("Open in browser").clicked() {
            actions.push(Action::OpenInBrowser(out.join("index.html")));
        }
        close_button(ui, "Close", actions);
    });
}
