//! The Packs panel's dialogs: a new pack's title and audience, deleting a
//! pack, and exporting the open pack as one printable document.

use std::path::Path;

use egui::{TextEdit, Ui};

use crate::app::actions::{Action, PackAction};
use crate::app::widgets::fields::{enter_submits, labelled};

fn close_button(ui: &mut Ui, label: &str, actions: &mut Vec<Action>) {
    if ui.button(label).clicked() {
        actions.push(Action::CloseDialog);
    }
}

fn note_ui(ui: &mut Ui, note: &str) {
    if !note.is_empty() {
        ui.colored_label(ui.visuals().error_fg_color, note);
    }
}

pub fn new_pack_ui(
    ui: &mut Ui,
    title: &mut String,
    audience: &mut String,
    note: &str,
    actions: &mut Vec<Action>,
) {
    ui.heading("New pack");
    ui.label(
        "A pack is a trainer's choice of chapters from this manual, in their own order and with \
         their own notes. It is kept in its own file beside the manual, which it never changes.",
    );
    egui::Grid::new("new_pack_fields")
        .num_columns(2)
        .show(ui, |ui| {
            let name = TextEdit::singleline(title)
                .hint_text("e.g. Week 1: Safeguarding")
                .desired_width(320.0);
            let name = labelled(ui, "Title of the new pack", name);
            if name.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                actions.push(Action::Pack(PackAction::New {
                    title: title.clone(),
                    audience: audience.clone(),
                }));
            }
            ui.end_row();
            let who = TextEdit::singleline(audience)
                .hint_text("e.g. Newly qualified social workers")
                .desired_width(320.0);
            labelled(ui, "Who it is for", who);
            ui.end_row();
        });
    note_ui(ui, note);
    let entered = enter_submits(ui);
    ui.horizontal(|ui| {
        if ui.button("Make pack").clicked() || entered {
            actions.push(Action::Pack(PackAction::New {
                title: title.clone(),
                audience: audience.clone(),
            }));
        }
        close_button(ui, "Cancel", actions);
    });
}

pub fn delete_pack_ui(ui: &mut Ui, path: &Path, title: &str, actions: &mut Vec<Action>) {
    ui.heading("Delete this pack?");
    ui.label(format!(
        "“{title}” ({}) will be deleted. The manual is not changed; Edit > Undo brings the \
         pack back.",
        path.display()
    ));
    ui.horizontal(|ui| {
        if ui.button("Delete pack").clicked() {
            actions.push(Action::Pack(PackAction::Delete(path.to_path_buf())));
        }
        close_button(ui, "Keep it", actions);
    });
}

pub fn export_pack_ui(
    ui: &mut Ui,
    out: &mut String,
    base_url: &mut String,
    date: &mut String,
    note: &str,
    actions: &mut Vec<Action>,
) {
    ui.heading("Export pack");
    ui.label(
        "Writes one self-contained HTML file to print or send: a cover, the pack's contents, \
         then each chapter on its own page with the trainer's note.",
    );
    egui::Grid::new("export_pack_fields")
        .num_columns(2)
        .show(ui, |ui| {
            let file = TextEdit::singleline(out).desired_width(380.0);
            labelled(ui, "Output file", file);
            ui.end_row();
            let base = TextEdit::singleline(base_url)
                .hint_text("https://… (optional)")
                .desired_width(380.0);
            labelled(ui, "Published manual address", base)
                .on_hover_text("Links to chapters outside the pack go here; without it they show as text with the manual number");
            ui.end_row();
            let day = TextEdit::singleline(date)
                .hint_text("YYYY-MM-DD")
                .desired_width(120.0);
            labelled(ui, "Printed on", day);
            ui.end_row();
        });
    note_ui(ui, note);
    let entered = enter_submits(ui);
    ui.horizontal(|ui| {
        if (ui.button("Export pack").clicked() || entered) && !out.trim().is_empty() {
            actions.push(Action::Pack(PackAction::Export {
                out: out.trim().into(),
                base_url: base_url.trim().to_string(),
                date: date.trim().to_string(),
            }));
        }
        close_button(ui, "Cancel", actions);
    });
}

pub fn pack_exported_ui(ui: &mut Ui, out: &Path, actions: &mut Vec<Action>) {
    ui.heading("Pack exported");
    ui.label(format!(
        "The pack was written to {}. Print it from the browser (each chapter starts a new page).",
        out.display()
    ));
    ui.horizontal(|ui| {
        if ui.button("Open in browser").clicked() {
            actions.push(Action::OpenInBrowser(out.to_path_buf()));
        }
        close_button(ui, "Close", actions);
    });
}
