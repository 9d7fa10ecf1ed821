//! The sign-off dialogs: Approve… (who, in what role, any comment), Edit >
//! Sign-off in this update… (every changed chapter and where it stands,
//! to approve or go to) and Edit > Publish update… (the date, what is not
//! approved yet, and the reason when publishing without sign-off).

use egui::{RichText, TextEdit, Ui};

use crate::app::actions::Action;
use crate::app::widgets::fields::labelled;
use crate::document::Document;
use crate::model::{EntryId, SignOff};

/// The Approve dialog's fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApproveView {
    pub ids: Vec<EntryId>,
    /// "4.8.1 Young Carers, 1.1.2 Confidentiality Policy".
    pub names: String,
    pub by: String,
    pub role: String,
    pub comment: String,
    pub note: String,
}

/// The Publish dialog's fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PublishView {
    pub date: String,
    pub reason: String,
    pub note: String,
}

pub fn approve_ui(ui: &mut Ui, view: &mut ApproveView, actions: &mut Vec<Action>) {
    ui.heading("Approve changes");
    ui.label(format!("Approving: {}", view.names));
    egui::Grid::new("approve_fields")
        .num_columns(2)
        .show(ui, |ui| {
            ui.label("Approved by");
            labelled(
                ui,
                "Approved by",
                TextEdit::singleline(&mut view.by).desired_width(320.0),
            );
            ui.end_row();
            ui.label("Role");
            labelled(
                ui,
                "Role",
                TextEdit::singleline(&mut view.role)
                    .hint_text("Head of Safeguarding")
                    .desired_width(320.0),
            );
            ui.end_row();
            ui.label("Comment");
            labelled(
                ui,
                "Comment",
                TextEdit::singleline(&mut view.comment)
                    .hint_text("optional")
                    .desired_width(320.0),
            );
            ui.end_row();
        });
    ui.label(
        RichText::new(
            "The editor has no logins: an approval records a name and a date, not a proof. \
             A git history is the audit trail.",
        )
        .small(),
    );
    if !view.note.is_empty() {
        ui.label(RichText::new(&view.note).color(ui.visuals().warn_fg_color));
    }
    ui.horizontal(|ui| {
        if ui.button("Approve").clicked() {
            actions.push(Action::Approve {
                ids: view.ids.clone(),
                by: view.by.clone(),
                role: view.role.clone(),
                comment: view.comment.clone(),
            });
        }
        if ui.button("Cancel").clicked() {
            actions.push(Action::CloseDialog);
        }
    });
}

/// What Compare does, on its hover.
pub const COMPARE_HINT: &str =
    "This chapter against its last published version, as tracked changes";

/// Each changed chapter of the open update, labelled, with where it stands.
fn rows(doc: &Document) -> Vec<(EntryId, String, SignOff<'_>)> {
    doc.manual()
        .sign_offs()
        .into_iter()
        .map(|(id, state)| {
            let label = doc
                .outline()
                .row(&id)
                .map_or_else(|| id.to_string(), |row| row.label());
            (id, label, state)
        })
        .collect()
}

pub fn sign_off_ui(ui: &mut Ui, doc: Option<&Document>, actions: &mut Vec<Action>) {
    let Some(doc) = doc else { return };
    let label = doc
        .manual()
        .open_update()
        .map_or_else(String::new, |u| u.label.clone());
    ui.heading(format!("Sign-off in {label}"));
    let rows = rows(doc);
    let has_copy = doc.manual().has_published_copy();
    if rows.is_empty() {
        ui.label("Nothing has changed in this update yet.");
    }
    let waiting: Vec<EntryId> = rows
        .iter()
        .filter(|(_, _, state)| !state.is_approved())
        .map(|(id, _, _)| id.clone())
        .collect();
    ui.label(format!(
        "{} changed; {} waiting for approval.",
        crate::model::counted(rows.len(), "chapter", "chapters"),
        waiting.len()
    ));
    egui::ScrollArea::vertical()
        .max_height(360.0)
        .show(ui, |ui| {
            egui::Grid::new("sign_off_rows")
                .num_columns(4)
                .striped(true)
                .show(ui, |ui| {
                    for (id, label, state) in &rows {
                        if ui.link(label).on_hover_text("Go to this chapter").clicked() {
                            actions.push(Action::Select(id.clone()));
                            actions.push(Action::CloseDialog);
                        }
                        ui.label(state.describe());
                        if !state.is_approved() && ui.small_button("Approve…").clicked() {
                            actions.push(Action::AskApproval(vec![id.clone()]));
                        }
                        if has_copy
                            && ui
                                .small_button("Compare")
                                .on_hover_text(COMPARE_HINT)
                                .clicked()
                        {
                            actions.push(Action::CompareWithPublished(id.clone()));
                        }
                        ui.end_row();
                    }
                });
        });
    ui.horizontal(|ui| {
        if ui
            .add_enabled(
                !waiting.is_empty(),
                egui::Button::new("Approve all waiting…"),
            )
            .clicked()
        {
            actions.push(Action::AskApproval(waiting.clone()));
        }
        if ui.button("Close").clicked() {
            actions.push(Action::CloseDialog);
        }
    });
}

pub fn publish_ui(
    ui: &mut Ui,
    doc: Option<&Document>,
    view: &mut PublishView,
    actions: &mut Vec<Action>,
) {
    let Some(doc) = doc else { return };
    let label = doc
        .manual()
        .open_update()
        .map_or_else(String::new, |u| u.label.clone());
    ui.heading(format!("Publish {label}"));
    ui.label(
        "Publishing dates the update and keeps a copy of the manual as published beside its \
         file (NAME.versions/), which is never rewritten.",
    );
    labelled(
        ui,
        "Publication date",
        TextEdit::singleline(&mut view.date)
            .hint_text("YYYY-MM-DD")
            .desired_width(140.0),
    );
    let unapproved = doc.manual().unapproved_labels();
    if unapproved.is_empty() {
        ui.label("Every change in this update is approved.");
    } else {
        ui.label(
            RichText::new(format!(
                "Not approved: {}. Approve them first, or give the reason for publishing \
                 without sign-off (it is recorded with the update).",
                unapproved.join(", ")
            ))
            .color(ui.visuals().warn_fg_color),
        );
        labelled(
            ui,
            "Reason for publishing without sign-off",
            TextEdit::singleline(&mut view.reason).desired_width(420.0),
        );
    }
    if !view.note.is_empty() {
        ui.label(RichText::new(&view.note).color(ui.visuals().warn_fg_color));
    }
    ui.horizontal(|ui| {
        let ready = unapproved.is_empty() || !view.reason.trim().is_empty();
        if ui
            .add_enabled(ready, egui::Button::new("Publish"))
            .clicked()
        {
            actions.push(Action::Publish {
                date: view.date.trim().to_string(),
                reason: view.reason.clone(),
            });
        }
        if ui.button("Cancel").clicked() {
            actions.push(Action::CloseDialog);
        }
    });
}
