//! Modal dialogs: errors, the unsaved-changes question, typed paths for
//! opening and saving (where no native file dialog is available), and help.

use egui::{Context, RichText, TextEdit};

use std::collections::HashSet;

use super::Command;
use super::actions::{Action, Pending};
use super::fields::labelled;
use crate::document::Document;
use crate::document::picker::{self, Candidate};
use crate::model::{EntryId, SeeAlso, is_allowed_url};

/// Which kind of see-also the picker adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickerTab {
    Internal,
    External,
}

/// The see-also picker's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub for_entry: EntryId,
    pub replace: Option<usize>,
    pub tab: PickerTab,
    pub query: String,
    pub highlighted: usize,
    pub results: Vec<Candidate>,
    /// The query `results` were ranked for.
    ranked_for: Option<String>,
    focus_pending: bool,
    scroll_pending: bool,
    pub title: String,
    pub url: String,
    pub source: String,
    pub error: String,
}

impl Picker {
    pub fn new(for_entry: EntryId, replace: Option<usize>) -> Self {
        Picker {
            for_entry,
            replace,
            tab: PickerTab::Internal,
            query: String::new(),
            highlighted: 0,
            results: Vec::new(),
            ranked_for: None,
            focus_pending: true,
            scroll_pending: false,
            title: String::new(),
            url: String::new(),
            source: String::new(),
            error: String::new(),
        }
    }
}

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
    Exported {
        out: std::path::PathBuf,
        files: usize,
    },
    /// Choosing a see-also link.
    Picker(Box<Picker>),
    /// Unsaved work found from an earlier run.
    Recover {
        found: Vec<crate::store::recovery::Found>,
    },
    /// Deleting entries that others link to.
    ConfirmDelete {
        ids: Vec<EntryId>,
        names: Vec<String>,
        linking: Vec<String>,
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
                let name = doc.map(|d| d.manual().title.clone()).unwrap_or_default();
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
                let field = labelled(ui, "File path", TextEdit::singleline(path).hint_text("/path/to/manual.ron").desired_width(480.0));
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
                let field = labelled(ui, "File path", TextEdit::singleline(path).desired_width(480.0));
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
                    labelled(ui, "Output folder", TextEdit::singleline(out).desired_width(380.0).hint_text("A new or empty folder, or an earlier export"));
                    ui.end_row();
                    labelled(ui, "Snapshot date", TextEdit::singleline(date).desired_width(120.0).hint_text("YYYY-MM-DD"));
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
            Dialog::Picker(picker) => picker_ui(ui, picker, doc, actions),
            Dialog::Recover { found } => {
                ui.heading("Recover unsaved changes?");
                ui.label("manual-editor closed before these changes were saved:");
                for item in found.iter() {
                    ui.push_id(&item.copy, |ui| {
                        let from = item.original.as_ref().map_or_else(|| "a manual not yet saved".to_string(), |p| p.display().to_string());
                        let when = item.modified.map(crate::model::date::format_time).unwrap_or_default();
                        ui.label(format!("“{}” ({from}), kept {when}", item.title));
                        ui.horizontal(|ui| {
                            if ui.button("Open recovered copy").clicked() {
                                actions.push(Action::RecoverOpen(item.clone()));
                            }
                            if ui.button("Discard recovered copy").clicked() {
                                actions.push(Action::RecoverDiscard(item.copy.clone()));
                            }
                        });
                    });
                }
                if ui.button("Decide later").on_hover_text("Keep the copies and ask again next time").clicked() {
                    actions.push(Action::CloseDialog);
                }
            }
            Dialog::ConfirmDelete { ids, names, linking } => {
                ui.heading("Delete linked entries?");
                ui.label(format!("Deleting {} would break links from:", names.join(", ")));
                for source in linking.iter() {
                    ui.label(format!("• {source}"));
                }
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Delete and remove those links").clicked() {
                        actions.push(Action::ConfirmDelete(ids.clone()));
                    }
                    if ui.button("Cancel").clicked() {
                        actions.push(Action::CloseDialog);
                    }
                });
            }
            Dialog::Help => {
                ui.heading("Keyboard shortcuts");
                egui::Grid::new("shortcuts").num_columns(2).striped(true).show(ui, |ui| {
                    for &command in Command::ALL {
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
    if escape && !matches!(dialog, Dialog::Unsaved { .. })
        || modal.backdrop_response.clicked() && matches!(dialog, Dialog::Help)
    {
        actions.push(Action::CloseDialog);
    }
}

fn picker_ui(
    ui: &mut egui::Ui,
    picker: &mut Picker,
    doc: Option<&Document>,
    actions: &mut Vec<Action>,
) {
    let Some(doc) = doc else { return };
    let outline = doc.outline();
    let Some(row) = outline.row(&picker.for_entry) else {
        actions.push(Action::CloseDialog);
        return;
    };
    ui.heading(format!("See also for {}", row.label()));
    ui.horizontal(|ui| {
        ui.selectable_value(&mut picker.tab, PickerTab::Internal, "In this manual");
        ui.selectable_value(&mut picker.tab, PickerTab::External, "Outside document");
    });
    ui.separator();
    match picker.tab {
        PickerTab::Internal => internal_tab_ui(ui, picker, doc, actions),
        PickerTab::External => external_tab_ui(ui, picker, actions),
    }
    ui.add_space(6.0);
    if ui.button("Cancel").clicked() {
        actions.push(Action::CloseDialog);
    }
}

fn internal_tab_ui(
    ui: &mut egui::Ui,
    picker: &mut Picker,
    doc: &Document,
    actions: &mut Vec<Action>,
) {
    let outline = doc.outline();
    let search = labelled(
        ui,
        "Search entries",
        TextEdit::singleline(&mut picker.query)
            .hint_text("Number or title")
            .desired_width(520.0),
    );
    if std::mem::take(&mut picker.focus_pending) {
        search.request_focus();
    }
    if picker.ranked_for.as_deref() != Some(picker.query.as_str()) {
        // The entry itself and what it already links to are not offered.
        let mut excluded: HashSet<EntryId> = HashSet::from([picker.for_entry.clone()]);
        if let Some(entry) = outline
            .row(&picker.for_entry)
            .and_then(|r| doc.manual().entry(&r.path))
        {
            excluded.extend(entry.see_also.iter().filter_map(SeeAlso::target).cloned());
        }
        picker.results = picker::rank(outline, &picker.query, &excluded);
        picker.ranked_for = Some(picker.query.clone());
        picker.highlighted = 0;
    }
    let (down, up, enter) = ui.input(|i| {
        (
            i.key_pressed(egui::Key::ArrowDown),
            i.key_pressed(egui::Key::ArrowUp),
            i.key_pressed(egui::Key::Enter),
        )
    });
    if down && picker.highlighted + 1 < picker.results.len() {
        picker.highlighted += 1;
        picker.scroll_pending = true;
    }
    if up && picker.highlighted > 0 {
        picker.highlighted -= 1;
        picker.scroll_pending = true;
    }
    let mut picked = enter.then_some(picker.highlighted);
    if picker.results.is_empty() {
        ui.label(RichText::new("No entry matches.").italics());
    } else {
        ui.label(
            RichText::new(format!(
                "{} shown · Up/Down to move, Enter to pick",
                picker.results.len()
            ))
            .small(),
        );
    }
    let text_color = ui.visuals().text_color();
    let strong = ui.visuals().strong_text_color();
    let highlight = ui.visuals().selection.stroke.color;
    egui::ScrollArea::vertical()
        .id_salt("picker_results")
        .max_height(320.0)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for (i, candidate) in picker.results.iter().enumerate() {
                let mut job = egui::text::LayoutJob::default();
                for (at, ch) in candidate.label.chars().enumerate() {
                    let is_match = candidate.matched.contains(&at);
                    let format = egui::TextFormat {
                        color: if is_match { highlight } else { text_color },
                        underline: if is_match {
                            egui::Stroke::new(1.0, highlight)
                        } else {
                            egui::Stroke::NONE
                        },
                        ..Default::default()
                    };
                    job.append(&ch.to_string(), 0.0, format);
                }
                let response = ui.add(
                    egui::Button::selectable(i == picker.highlighted, egui::WidgetText::from(job))
                        .truncate(),
                );
                if let Some(parent) = outline.rows[candidate.row]
                    .parent
                    .and_then(|p| outline.rows.get(p))
                {
                    ui.label(
                        RichText::new(format!("in {}", parent.label()))
                            .small()
                            .color(strong),
                    );
                }
                if i == picker.highlighted && std::mem::take(&mut picker.scroll_pending) {
                    response.scroll_to_me(None);
                }
                if response.clicked() {
                    picker.highlighted = i;
                }
                if response.double_clicked() {
                    picked = Some(i);
                }
            }
        });
    if let Some(candidate) = picked.and_then(|i| picker.results.get(i)) {
        let target = outline.rows[candidate.row].id.clone();
        actions.push(Action::AddSeeAlso {
            to: picker.for_entry.clone(),
            item: SeeAlso::internal(target),
            replace: picker.replace,
        });
        actions.push(Action::CloseDialog);
    }
}

fn external_tab_ui(ui: &mut egui::Ui, picker: &mut Picker, actions: &mut Vec<Action>) {
    egui::Grid::new("external_link")
        .num_columns(2)
        .show(ui, |ui| {
            for (label, value, hint) in [
                (
                    "Document title",
                    &mut picker.title,
                    "e.g. Working Together to Safeguard Children",
                ),
                ("URL", &mut picker.url, "https://…"),
                (
                    "Document source",
                    &mut picker.source,
                    "e.g. GOV.UK, House of Commons Library (optional)",
                ),
            ] {
                labelled(
                    ui,
                    label,
                    TextEdit::singleline(value)
                        .hint_text(hint)
                        .desired_width(400.0),
                );
                ui.end_row();
            }
        });
    if ui.button("Add link").clicked() {
        let url = picker.url.trim();
        if picker.title.trim().is_empty() {
            picker.error = "Give the document a title.".into();
        } else if !url.is_empty() && !is_allowed_url(url) {
            picker.error = "Only http, https and mailto addresses can be links.".into();
        } else {
            let source = picker.source.trim();
            actions.push(Action::AddSeeAlso {
                to: picker.for_entry.clone(),
                item: SeeAlso::external(
                    picker.title.trim(),
                    (!url.is_empty()).then(|| url.to_string()),
                    (!source.is_empty()).then(|| source.to_string()),
                ),
                replace: picker.replace,
            });
            actions.push(Action::CloseDialog);
        }
    }
    if !picker.error.is_empty() {
        ui.colored_label(ui.visuals().error_fg_color, picker.error.as_str());
    }
}
