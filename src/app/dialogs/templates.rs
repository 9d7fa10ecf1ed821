//! The template dialogs: File > New local manual from template… (which
//! template, which council, where the local manual goes) and File > Pull
//! template update… (which new version, a preview of what it changes, and
//! Apply as one undo step).

use egui::{RichText, TextEdit, Ui};

use crate::app::actions::Action;
use crate::app::widgets::fields::labelled;
use crate::model::Manual;
use crate::model::template::Pulled;

/// What File > New local manual from template… has been told so far.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewLocalView {
    /// The first field has had the keyboard once (typing goes there).
    pub focused: bool,
    pub template: String,
    pub authority: String,
    pub out: String,
    pub note: String,
}

/// File > Pull template update…: the new version's file and, once worked
/// out, the pull it gives (with the version, kept beside the manual on
/// Apply).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PullView {
    /// The file field has had the keyboard once (typing goes there).
    pub focused: bool,
    pub path: String,
    pub note: String,
    pub planned: Option<Box<(Pulled, Manual)>>,
}

pub fn new_local_ui(ui: &mut Ui, view: &mut NewLocalView, actions: &mut Vec<Action>) {
    ui.heading("New local manual from template");
    ui.label(
        "Makes the council's own copy of a national or regional template. The template version \
         is kept beside it, so each later update can be pulled in without losing local changes.",
    );
    egui::Grid::new("new_local_fields")
        .num_columns(2)
        .show(ui, |ui| {
            ui.label("Template file");
            let first = labelled(
                ui,
                "Template file",
                TextEdit::singleline(&mut view.template)
                    .hint_text("/path/to/national.ron")
                    .desired_width(380.0),
            );
            // Asked until it holds (a modal's first frame only sizes it).
            if !view.focused {
                first.request_focus();
                view.focused = first.has_focus();
            }
            ui.end_row();
            ui.label("Council");
            labelled(
                ui,
                "Council",
                TextEdit::singleline(&mut view.authority)
                    .hint_text("Smalltown")
                    .desired_width(380.0),
            );
            ui.end_row();
            ui.label("Save the local manual as");
            labelled(
                ui,
                "Save the local manual as",
                TextEdit::singleline(&mut view.out)
                    .hint_text("/path/to/smalltown.ron")
                    .desired_width(380.0),
            );
            ui.end_row();
        });
    if !view.note.is_empty() {
        ui.label(RichText::new(&view.note).color(ui.visuals().warn_fg_color));
    }
    ui.horizontal(|ui| {
        if ui.button("Make and open").clicked() {
            actions.push(Action::NewLocal {
                template: view.template.trim().into(),
                authority: view.authority.clone(),
                out: view.out.trim().into(),
            });
        }
        if ui.button("Cancel").clicked() {
            actions.push(Action::CloseDialog);
        }
    });
}

pub fn pull_ui(ui: &mut Ui, view: &mut PullView, actions: &mut Vec<Action>) {
    ui.heading("Pull template update");
    ui.label(
        "Choose the template's new version. You see what it changes before anything is \
         applied; local changes, local chapters and the local order are kept.",
    );
    let field = labelled(
        ui,
        "New template file",
        TextEdit::singleline(&mut view.path)
            .hint_text("/path/to/national-new.ron")
            .desired_width(480.0),
    );
    if !view.focused {
        field.request_focus();
        view.focused = field.has_focus();
    }
    if field.changed() {
        view.planned = None;
    }
    let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    if !view.note.is_empty() {
        ui.label(RichText::new(&view.note).color(ui.visuals().warn_fg_color));
    }
    if let Some(planned) = &view.planned {
        let report = planned.0.report.to_string();
        egui::ScrollArea::vertical()
            .max_height(320.0)
            .show(ui, |ui| {
                for line in report.lines() {
                    ui.label(line);
                }
            });
    }
    ui.horizontal(|ui| {
        if (ui.button("Preview").clicked() || entered) && !view.path.trim().is_empty() {
            actions.push(Action::PlanPull(view.path.trim().into()));
        }
        if ui
            .button("Browse…")
            .on_hover_text("Choose the new template file in a file dialog")
            .clicked()
        {
            actions.push(Action::BrowsePull);
        }
        let can_apply = view
            .planned
            .as_ref()
            .is_some_and(|p| !p.0.report.is_nothing());
        if ui
            .add_enabled(can_apply, egui::Button::new("Apply"))
            .on_hover_text("One step: Ctrl+Z takes the whole pull back")
            .clicked()
        {
            actions.push(Action::ApplyPull);
        }
        if ui.button("Cancel").clicked() {
            actions.push(Action::CloseDialog);
        }
    });
}
