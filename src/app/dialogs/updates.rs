//! Edit > Updates…: the manual's updates, oldest first, each with its date
//! and whether it is published; one is renamed and dated here (everywhere
//! it is named, one undo step), so an imported "As published" can carry
//! the list's real name.

use egui::{RichText, TextEdit, Ui};

use crate::app::actions::Action;
use crate::app::widgets::fields::labelled;
use crate::document::Document;

/// The dialog's fields: the update chosen and its new label and date.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UpdatesView {
    /// The label of the update being renamed (`None`: none chosen).
    pub chosen: Option<String>,
    pub label: String,
    pub date: String,
    /// Why the last rename was refused.
    pub note: String,
}

pub fn updates_ui(
    ui: &mut Ui,
    doc: Option<&Document>,
    view: &mut UpdatesView,
    actions: &mut Vec<Action>,
) {
    let Some(doc) = doc else { return };
    ui.heading("Updates of this manual");
    let updates = &doc.manual().updates;
    if updates.is_empty() {
        ui.label("This manual records no updates yet: Edit > Start next update… opens one.");
    }
    egui::ScrollArea::vertical()
        .max_height(260.0)
        .show(ui, |ui| {
            egui::Grid::new("update_rows")
                .num_columns(3)
                .striped(true)
                .show(ui, |ui| {
                    for update in updates {
                        let chosen = view.chosen.as_deref() == Some(update.label.as_str());
                        if ui
                            .selectable_label(chosen, &update.label)
                            .on_hover_text("Rename or date this update")
                            .clicked()
                        {
                            view.chosen = Some(update.label.clone());
                            view.label = update.label.clone();
                            view.date = update.date.clone();
                            view.note.clear();
                        }
                        ui.label(if update.date.is_empty() {
                            "no date"
                        } else {
                            update.date.as_str()
                        });
                        ui.label(if update.published {
                            "published"
                        } else {
                            "being prepared"
                        });
                        ui.end_row();
                    }
                });
        });
    if let Some(old) = view.chosen.clone() {
        ui.separator();
        egui::Grid::new("update_fields")
            .num_columns(2)
            .show(ui, |ui| {
                labelled(
                    ui,
                    "New label",
                    TextEdit::singleline(&mut view.label)
                        .hint_text("March 2024")
                        .desired_width(260.0),
                );
                ui.end_row();
                labelled(
                    ui,
                    "Date",
                    TextEdit::singleline(&mut view.date)
                        .hint_text("YYYY-MM or YYYY-MM-DD")
                        .desired_width(140.0),
                );
                ui.end_row();
            });
        ui.label(
            RichText::new(
                "The new label replaces the old wherever the manual names it: amendment notes, \
                 chapters added and removed.",
            )
            .small(),
        );
        if !view.note.is_empty() {
            ui.label(RichText::new(&view.note).color(ui.visuals().warn_fg_color));
        }
        if ui.button("Rename").clicked() {
            actions.push(Action::RenameUpdate {
                old,
                label: view.label.trim().to_string(),
                date: view.date.trim().to_string(),
            });
        }
    }
    if ui.button("Close").clicked() {
        actions.push(Action::CloseDialog);
    }
}
