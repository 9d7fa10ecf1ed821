//! Modal dialogs: errors, the unsaved-changes question, typed paths for
//! opening and saving (where no native file dialog is available), and help.

use egui::{Context, RichText, TextEdit};

use super::Command;
use super::actions::{Action, Pending};
use super::document::Document;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dialog {
    Error {
        title: String,
        message: String,
    },
    /// "Save changes before …?" with the action waiting for the answer.
    Unsaved {
        then: Pending,
    },
    Open {
        path: String,
        note: String,
    },
    SaveAs {
        path: String,
        then: Option<Pending>,
        note: String,
    },
    Help,
    /// Where and for which date to export.
    Export {
        out: String,
        date: String,
    },
    Exporting {
        stage: String,
        done: usize,
        total: usize,
    },
    Exported {
        out: std::path::PathBuf,
        files: usize,
    },
}

fn pending_verb(pending: &Pending) -> &'static str {
    match pending {
        Pending::New => "starting a new manual",
        Pending::ChooseFile | Pending::Open(_) | Pending::OpenSample(_) => "opening another manual",
        Pending::Close => "closing",
        Pending::Quit => "quitting",
    }
}

pub fn dialog_ui(
    ctx: &Context,
    dialog: &mut Dialog,
    doc: Option<&Document>,
    actions: &mut Vec<Action>,
) {
    let modal = egui::Modal::new(egui::Id::unique("manual_editor_dialog")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        match dialog {
            Dialog::Error { title, message } => {
                ui.heading(title.as_str());
                ui.add_space(6.0);
                ui.label(message.as_str());
                ui.add_space(10.0);
                if ui.button("OK").clicked() {
                    actions.push(Action::CloseDialog);
                }
            }
            Dialog::Unsaved { then } => {
                let name = doc.map(|d| d.manual.title.clone()).unwrap_or_default();
                ui.heading("Save changes?");
                ui.label(format!("“{name}” has unsaved changes. Save them before {}?", pending_verb(then)));
                ui.add_space(10.0);
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        actions.push(Action::SaveThen(Some(then.clone())));
                    }
                    if ui.button("Discard").on_hover_text("Lose the unsaved changes").clicked() {
                        actions.push(Action::Proceed(then.clone()));
                    }
                    if ui.button("Cancel").clicked() {
                        actions.push(Action::CloseDialog);
                    }
                });
            }
            Dialog::Open { path, note } => {
                ui.heading("Open a manual");
                let label = ui.label("File path");
                let field = ui.add(TextEdit::singleline(path).hint_text("/path/to/manual.ron").desired_width(480.0)).labelled_by(label.id);
                let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if !note.is_empty() {
                    ui.label(RichText::new(note.as_str()).small());
                }
                ui.horizontal(|ui| {
                    if (ui.button("Open").clicked() || entered) && !path.trim().is_empty() {
                        actions.push(Action::Proceed(Pending::Open(path.trim().into())));
                    }
                    if ui.button("Browse…").on_hover_text("Choose the file in a file dialog").clicked() {
                        actions.push(Action::BrowseOpen);
                    }
                    if ui.button("Cancel").clicked() {
                        actions.push(Action::CloseDialog);
                    }
                });
            }
            Dialog::SaveAs { path, then, note } => {
                ui.heading("Save the manual as");
                let label = ui.label("File path");
                let field = ui.add(TextEdit::singleline(path).desired_width(480.0)).labelled_by(label.id);
                let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if !note.is_empty() {
                    ui.label(RichText::new(note.as_str()).small());
                }
                ui.horizontal(|ui| {
                    if (ui.button("Save here").clicked() || entered) && !path.trim().is_empty() {
                        actions.push(Action::SaveTo {
                            path: path.trim().into(),
                            then: then.clone(),
                        });
                    }
                    if ui.button("Browse…").on_hover_text("Choose the file in a file dialog").clicked() {
                        actions.push(Action::BrowseSaveAs { then: then.clone() });
                    }
                    if ui.button("Cancel").clicked() {
                        actions.push(Action::CloseDialog);
                    }
                });
            }
            Dialog::Export { out, date } => {
                ui.heading("Export HTML");
                ui.label("Writes the contents, a page per chapter, the Amendments page and a document index (HTML and CSV).");
                egui::Grid::new("export_fields").num_columns(2).show(ui, |ui| {
                    let label = ui.label("Output folder");
                    ui.add(TextEdit::singleline(out).desired_width(380.0).hint_text("A new or empty folder, or an earlier export"))
                        .labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label("Snapshot date");
                    ui.add(TextEdit::singleline(date).desired_width(120.0).hint_text("YYYY-MM-DD")).labelled_by(label.id);
                    ui.end_row();
                });
                ui.horizontal(|ui| {
                    if ui.button("Export").clicked() && !out.trim().is_empty() {
                        actions.push(Action::StartExport {
                            out: out.trim().into(),
                            date: date.trim().to_string(),
                        });
                    }
                    if ui.button("Cancel").clicked() {
                        actions.push(Action::CloseDialog);
                    }
                });
            }
            Dialog::Exporting { stage, done, total } => {
                ui.heading("Exporting…");
                ui.label(stage.as_str());
                let fraction = if *total == 0 { 0.0 } else { *done as f32 / *total as f32 };
                ui.add(egui::ProgressBar::new(fraction).show_percentage());
            }
            Dialog::Exported { out, files } => {
                ui.heading("Export finished");
                ui.label(format!("{files} files were written to {}.", out.display()));
                ui.horizontal(|ui| {
                    if ui.button("Open in browser").clicked() {
                        actions.push(Action::OpenInBrowser(out.join("index.html")));
                    }
                    if ui.button("Close").clicked() {
                        actions.push(Action::CloseDialog);
                    }
                });
            }
            Dialog::Help => {
                ui.heading("Keyboard shortcuts");
                egui::Grid::new("shortcuts").num_columns(2).striped(true).show(ui, |ui| {
                    for command in Command::ALL {
                        let keys: Vec<String> = command.shortcuts().iter().map(|s| ctx.format_shortcut(s)).collect();
                        if keys.is_empty() {
                            continue;
                        }
                        ui.label(command.label());
                        ui.label(keys.join(", "));
                        ui.end_row();
                    }
                });
                ui.add_space(6.0);
                ui.label("Arrow keys move through the contents when no text field has focus. Drop a .ron file on the window to open it.");
                if ui.button("Close").clicked() {
                    actions.push(Action::CloseDialog);
                }
            }
        }
    });
    let escape = ctx.input(|i| i.key_pressed(egui::Key::Escape));
    if escape && !matches!(dialog, Dialog::Unsaved { .. } | Dialog::Exporting { .. })
        || modal.backdrop_response.clicked() && matches!(dialog, Dialog::Help)
    {
        actions.push(Action::CloseDialog);
    }
}
