//! Modal dialogs: errors, the unsaved-changes question, typed paths for
//! opening and saving (where no native file dialog is available), and help;
//! the dialogs of one job each live in the modules below (exporting,
//! packs, sign-off, templates, history…).

pub mod export;
pub mod guide;
pub mod history;
pub mod import_contents;
pub mod insert_file;
pub mod keywords;
pub mod packs;
pub mod palette;
pub mod sign_off;
pub mod templates;
pub mod updates;
pub mod word;

use egui::{Context, RichText, TextEdit, Ui};

use crate::app::Command;
use crate::app::actions::{Action, Pending};
use crate::app::chapter::picker::{Picker, picker_ui};
use crate::app::dialogs::packs::{delete_pack_ui, export_pack_ui, new_pack_ui, pack_exported_ui};
use crate::app::panels::ViewCache;
use crate::app::panels::updates::{amendments_view_ui, reviews_view_ui};
use crate::app::widgets::fields::{enter_submits, labelled};
use crate::document::Document;
use crate::model::{EntryId, UpdateChanges};

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
    /// File > New local manual from template.
    NewLocal(Box<crate::app::dialogs::templates::NewLocalView>),
    /// Approving changed chapters: who, in what role, any comment.
    Approve(Box<crate::app::dialogs::sign_off::ApproveView>),
    /// Edit > Sign-off in this update.
    SignOff,
    /// Edit > Publish update.
    Publish(Box<crate::app::dialogs::sign_off::PublishView>),
    /// An entry against its template's text, as tracked changes.
    Compare {
        title: String,
        /// "here", or the version compared ("June 2027 as published").
        here: String,
        against: String,
        pieces: Vec<crate::model::redline::Piece>,
    },
    /// File > Export for consultation…: where, and what.
    ExportDocx {
        path: String,
        /// The whole manual rather than the selection.
        whole: bool,
        note: String,
    },
    /// Edit > Updates…: rename and date an update.
    Updates(Box<crate::app::dialogs::updates::UpdatesView>),
    /// The command palette (Ctrl+P, F1).
    Palette(Box<crate::app::dialogs::palette::PaletteView>),
    /// View > Chapter history…
    History(Box<crate::app::dialogs::history::HistoryView>),
    /// File > Pull template update, with its preview.
    PullTemplate(Box<crate::app::dialogs::templates::PullView>),
    SaveAs {
        path: String,
        then: Option<Pending>,
        note: String,
    },
    Help,
    /// Edit > Keywords…: the glossary.
    Keywords(Box<crate::app::dialogs::keywords::KeywordsView>),
    /// Help > Getting started: a short guide.
    GettingStarted,
    /// Where and for which date to export.
    Export {
        out: String,
        date: String,
        /// Draft, what changed, archive.
        choice: crate::document::ExportChoice,
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
    /// Starting the next update cycle: its label and date.
    StartUpdate {
        label: String,
        date: String,
        note: String,
    },
    /// Recording what changed in a chapter in the open update.
    MarkUpdated {
        id: EntryId,
        text: String,
    },
    /// What the current update has changed.
    Amendments(ViewCache<UpdateChanges>),
    /// Reviews overdue or due soon.
    Reviews(ViewCache<crate::app::panels::updates::ReviewsView>),
    /// Deleting entries that others link to.
    ConfirmDelete {
        ids: Vec<EntryId>,
        names: Vec<String>,
        linking: Vec<String>,
    },
    /// A new pack's title and audience.
    NewPack {
        title: String,
        audience: String,
        note: String,
    },
    /// Deleting a pack file.
    DeletePack {
        path: std::path::PathBuf,
        title: String,
    },
    /// Where to export the open pack.
    ExportPack {
        out: String,
        base_url: String,
        date: String,
        note: String,
    },
    PackExported {
        out: std::path::PathBuf,
    },
    /// File > New from contents list.
    ImportContents(Box<crate::app::dialogs::import_contents::ImportDialog>),
    /// File > Import amendments page.
    ImportAmendments(Box<crate::app::dialogs::import_contents::AmendmentsDialog>),
    /// File > Import chapter pages.
    ImportChapters(Box<crate::app::dialogs::import_contents::ChaptersDialog>),
    /// File > New from Word document.
    NewFromWord(Box<crate::app::dialogs::word::NewFromWordDialog>),
    /// File > Import consultation response.
    Response(Box<crate::app::dialogs::word::ResponseDialog>),
    /// Saving found the file changed by someone else: reload, overwrite,
    /// save elsewhere, or cancel (`then` waits for the save).
    ChangedOnDisk {
        path: std::path::PathBuf,
        then: Option<Pending>,
    },
    /// The file changed on disk while nothing here was unsaved.
    ReloadFromDisk,
    /// A file that cannot be read, with its last good version beside it.
    Damaged {
        message: String,
        original: std::path::PathBuf,
        backup: std::path::PathBuf,
    },
    /// Insert file…: which file, and its alt or link text.
    InsertFile(Box<crate::app::dialogs::insert_file::InsertFile>),
    /// The file is open in another window or on another computer.
    LockedElsewhere {
        path: std::path::PathBuf,
        holder: crate::store::lock::Holder,
    },
}

fn pending_verb(pending: &Pending) -> &'static str {
    match pending {
        Pending::New => "starting a new manual",
        Pending::ChooseFile | Pending::Open(_) | Pending::OpenSample(_) => "opening another manual",
        Pending::Imported(_) => "creating the imported manual",
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
    // Each kind of dialog has a place of its own in egui's memory, so one
    // never opens at the size another left; and a fixed width, so text
    // wraps the same from the first frame and nothing moves under the
    // pointer after the dialog opens.
    let id = egui::Id::unique(("manual_editor_dialog", std::mem::discriminant(dialog)));
    let modal = egui::Modal::new(id).show(ctx, |ui| {
        let wide = matches!(
            dialog,
            Dialog::ImportContents(_) | Dialog::Keywords(_) | Dialog::Response(_)
        );
        let room = ctx.content_rect().width() - 48.0;
        let width = (if wide { 1100.0_f32 } else { 560.0 }).min(room).max(280.0);
        if wide {
            // Two columns that fill what they are given: a width to grow to.
            ui.set_max_width(width);
        } else {
            ui.set_width(width);
        }
        match dialog {
            Dialog::Error { title, message } => error_ui(ui, title, message, actions),
            Dialog::Unsaved { then } => unsaved_ui(ui, doc, then, actions),
            Dialog::Open { path, note } => open_ui(ui, path, note, actions),
            Dialog::NewLocal(view) => {
                crate::app::dialogs::templates::new_local_ui(ui, view, actions)
            }
            Dialog::Compare {
                title,
                here,
                against,
                pieces,
            } => crate::app::widgets::redline::compare_ui(
                ui,
                title,
                (here, against),
                pieces,
                actions,
            ),
            Dialog::Approve(view) => crate::app::dialogs::sign_off::approve_ui(ui, view, actions),
            Dialog::SignOff => crate::app::dialogs::sign_off::sign_off_ui(ui, doc, actions),
            Dialog::ExportDocx { path, whole, note } => {
                export::export_docx_ui(ui, (path, whole, note), actions)
            }
            Dialog::Updates(view) => {
                crate::app::dialogs::updates::updates_ui(ui, doc, view, actions)
            }
            Dialog::Palette(view) => crate::app::dialogs::palette::palette_ui(ui, view, actions),
            Dialog::History(view) => {
                crate::app::dialogs::history::history_ui(ui, doc, view, actions)
            }
            Dialog::Publish(view) => {
                crate::app::dialogs::sign_off::publish_ui(ui, doc, view, actions)
            }
            Dialog::PullTemplate(view) => {
                crate::app::dialogs::templates::pull_ui(ui, view, actions)
            }
            Dialog::SaveAs { path, then, note } => save_as_ui(ui, path, then, note, actions),
            Dialog::Export { out, date, choice } => {
                export::export_ui(ui, doc, out, date, choice, actions)
            }
            Dialog::Exported { out, files } => export::exported_ui(ui, out, *files, actions),
            Dialog::Picker(picker) => picker_ui(ui, picker, doc, actions),
            Dialog::Recover { found } => recover_ui(ui, found, actions),
            Dialog::ConfirmDelete {
                ids,
                names,
                linking,
            } => confirm_delete_ui(ui, ids, names, linking, actions),
            Dialog::Help => help_ui(ui, actions),
            Dialog::Amendments(cache) => amendments_view_ui(ui, doc, cache, actions),
            Dialog::Reviews(cache) => reviews_view_ui(ui, doc, cache, actions),
            Dialog::StartUpdate { label, date, note } => {
                start_update_ui(ui, doc, label, date, note, actions)
            }
            Dialog::MarkUpdated { id, text } => mark_updated_ui(ui, doc, id, text, actions),
            Dialog::NewPack {
                title,
                audience,
                note,
            } => new_pack_ui(ui, title, audience, note, actions),
            Dialog::DeletePack { path, title } => delete_pack_ui(ui, path, title, actions),
            Dialog::ExportPack {
                out,
                base_url,
                date,
                note,
            } => export_pack_ui(ui, out, base_url, date, note, actions),
            Dialog::PackExported { out } => pack_exported_ui(ui, out, actions),
            Dialog::ImportContents(dialog) => {
                crate::app::dialogs::import_contents::import_dialog_ui(ui, dialog, actions)
            }
            Dialog::ImportAmendments(dialog) => {
                crate::app::dialogs::import_contents::amendments_dialog_ui(ui, dialog, doc, actions)
            }
            Dialog::ImportChapters(dialog) => {
                crate::app::dialogs::import_contents::chapters_dialog_ui(ui, dialog, doc, actions)
            }
            Dialog::NewFromWord(dialog) => {
                crate::app::dialogs::word::new_from_word_ui(ui, dialog, actions)
            }
            Dialog::Response(dialog) => {
                crate::app::dialogs::word::response_ui(ui, dialog, doc, actions)
            }
            Dialog::ChangedOnDisk { path, then } => changed_on_disk_ui(ui, path, then, actions),
            Dialog::ReloadFromDisk => reload_ui(ui, doc, actions),
            Dialog::Damaged {
                message,
                original,
                backup,
            } => damaged_ui(ui, message, original, backup, actions),
            Dialog::LockedElsewhere { path, holder } => locked_ui(ui, path, holder, actions),
            Dialog::GettingStarted => crate::app::dialogs::guide::guide_ui(ui, actions),
            Dialog::Keywords(view) => {
                crate::app::dialogs::keywords::keywords_ui(ui, view, doc, actions)
            }
            Dialog::InsertFile(insert) => {
                crate::app::dialogs::insert_file::insert_file_ui(ui, insert, actions)
            }
        }
    });
    let escape = ctx.input(|i| i.key_pressed(egui::Key::Escape));
    if escape && !matches!(dialog, Dialog::Unsaved { .. })
        || modal.backdrop_response.clicked()
            && matches!(dialog, Dialog::Help | Dialog::GettingStarted)
    {
        actions.push(Action::CloseDialog);
    }
}

fn changed_on_disk_ui(
    ui: &mut Ui,
    path: &std::path::Path,
    then: &Option<Pending>,
    actions: &mut Vec<Action>,
) {
    ui.heading("The file was changed by someone else");
    ui.label(format!(
        "{} changed on disk since you opened it (another person, or another program). Saving \
         now would replace their changes with yours.",
        path.display()
    ));
    ui.horizontal(|ui| {
        if ui
            .button("Reload (lose my changes)")
            .on_hover_text("Open the file as it is now; your unsaved changes are dropped")
            .clicked()
        {
            actions.push(Action::ReloadFromDisk);
        }
        if ui
            .button("Overwrite")
            .on_hover_text("Replace the file with your version; theirs is kept as .bak")
            .clicked()
        {
            actions.push(Action::SaveOver {
                path: path.to_path_buf(),
                then: then.clone(),
            });
        }
        if ui
            .button("Save As…")
            .on_hover_text("Keep both: save yours to another file")
            .clicked()
        {
            actions.push(Action::CloseDialog);
            actions.push(Action::Run(Command::SaveAs));
        }
        close_button(ui, "Cancel", actions);
    });
}

fn reload_ui(ui: &mut Ui, doc: Option<&Document>, actions: &mut Vec<Action>) {
    let path = doc
        .and_then(|d| d.path())
        .map_or_else(String::new, |p| p.display().to_string());
    ui.heading("The file changed on disk");
    ui.label(format!(
        "{path} was changed outside this window. You have no unsaved changes: read it again?"
    ));
    ui.horizontal(|ui| {
        if ui.button("Reload").clicked() {
            actions.push(Action::ReloadFromDisk);
        }
        if ui.button("Keep this version").clicked() {
            actions.push(Action::KeepMine);
        }
    });
}

fn damaged_ui(
    ui: &mut Ui,
    message: &str,
    original: &std::path::Path,
    backup: &std::path::Path,
    actions: &mut Vec<Action>,
) {
    ui.heading("The manual cannot be read");
    ui.label(message);
    ui.label(format!(
        "The last good version, kept when it was last saved, is {}. Open it to check it and save \
         it over the damaged file?",
        backup.display()
    ));
    ui.horizontal(|ui| {
        if ui.button("Open the backup copy").clicked() {
            actions.push(Action::OpenBackup {
                original: original.to_path_buf(),
                backup: backup.to_path_buf(),
            });
        }
        close_button(ui, "Cancel", actions);
    });
}

fn locked_ui(
    ui: &mut Ui,
    path: &std::path::Path,
    holder: &crate::store::lock::Holder,
    actions: &mut Vec<Action>,
) {
    ui.heading("Someone else has this manual open");
    ui.label(format!("{}: {}.", path.display(), holder.describe()));
    ui.label(
        "Open it read-only to look without changing it, or open it anyway to edit it too: if \
         you both save, the second to save is asked before replacing the other's changes.",
    );
    ui.horizontal(|ui| {
        if ui.button("Open read-only").clicked() {
            actions.push(Action::OpenLocked {
                path: path.to_path_buf(),
                read_only: true,
            });
        }
        if ui.button("Open anyway").clicked() {
            actions.push(Action::OpenLocked {
                path: path.to_path_buf(),
                read_only: false,
            });
        }
        close_button(ui, "Cancel", actions);
    });
}

/// A button that closes the dialog.
fn close_button(ui: &mut Ui, label: &str, actions: &mut Vec<Action>) {
    if ui.button(label).clicked() {
        actions.push(Action::CloseDialog);
    }
}

/// The label of the Browse button's hover text.
const BROWSE_HINT: &str = "Choose the file in a file dialog";

fn error_ui(ui: &mut Ui, title: &str, message: &str, actions: &mut Vec<Action>) {
    ui.heading(title);
    ui.add_space(6.0);
    ui.label(message);
    ui.add_space(10.0);
    let entered = enter_submits(ui);
    close_button(ui, "OK", actions);
    if entered {
        actions.push(Action::CloseDialog);
    }
}

fn unsaved_ui(ui: &mut Ui, doc: Option<&Document>, then: &Pending, actions: &mut Vec<Action>) {
    let name = doc.map(|d| d.manual().title.clone()).unwrap_or_default();
    ui.heading("Save changes?");
    ui.label(format!(
        "“{name}” has unsaved changes. Save them before {}?",
        pending_verb(then)
    ));
    ui.add_space(10.0);
    ui.horizontal(|ui| {
        if ui.button("Save").clicked() {
            actions.push(Action::SaveThen(Some(then.clone())));
        }
        let discard = ui
            .button("Discard")
            .on_hover_text("Lose the unsaved changes");
        if discard.clicked() {
            actions.push(Action::Proceed(then.clone()));
        }
        close_button(ui, "Cancel", actions);
    });
}

/// A typed path (Enter submits), with the note from a failed Browse.
/// Returns whether Enter was pressed in it.
fn path_field_ui(ui: &mut Ui, path: &mut String, note: &str, hint: &str) -> bool {
    let editor = TextEdit::singleline(path)
        .hint_text(hint)
        .desired_width(480.0);
    let field = labelled(ui, "File path", editor);
    let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    if !note.is_empty() {
        ui.label(RichText::new(note).small());
    }
    entered
}

fn open_ui(ui: &mut Ui, path: &mut String, note: &str, actions: &mut Vec<Action>) {
    ui.heading("Open a manual");
    let entered = path_field_ui(ui, path, note, "/path/to/manual.ron");
    ui.horizontal(|ui| {
        if (ui.button("Open").clicked() || entered) && !path.trim().is_empty() {
            actions.push(Action::Proceed(Pending::Open(path.trim().into())));
        }
        if ui.button("Browse…").on_hover_text(BROWSE_HINT).clicked() {
            actions.push(Action::BrowseOpen);
        }
        close_button(ui, "Cancel", actions);
    });
}

fn save_as_ui(
    ui: &mut Ui,
    path: &mut String,
    then: &Option<Pending>,
    note: &str,
    actions: &mut Vec<Action>,
) {
    ui.heading("Save the manual as");
    let entered = path_field_ui(ui, path, note, "");
    ui.horizontal(|ui| {
        if (ui.button("Save here").clicked() || entered) && !path.trim().is_empty() {
            actions.push(Action::SaveTo {
                path: path.trim().into(),
                then: then.clone(),
            });
        }
        if ui.button("Browse…").on_hover_text(BROWSE_HINT).clicked() {
            actions.push(Action::BrowseSaveAs { then: then.clone() });
        }
        close_button(ui, "Cancel", actions);
    });
}

fn recover_ui(ui: &mut Ui, found: &[crate::store::recovery::Found], actions: &mut Vec<Action>) {
    ui.heading("Recover unsaved changes?");
    ui.label("manual-editor closed before these changes were saved:");
    for item in found {
        ui.push_id(&item.copy, |ui| {
            let from = item.original.as_ref().map_or_else(
                || "a manual not yet saved".to_string(),
                |p| p.display().to_string(),
            );
            let when = item
                .modified
                .map(crate::model::date::format_time)
                .unwrap_or_default();
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
    let later = ui
        .button("Decide later")
        .on_hover_text("Keep the copies and ask again next time");
    if later.clicked() {
        actions.push(Action::CloseDialog);
    }
}

fn confirm_delete_ui(
    ui: &mut Ui,
    ids: &[EntryId],
    names: &[String],
    linking: &[String],
    actions: &mut Vec<Action>,
) {
    ui.heading("Delete linked entries?");
    ui.label(format!(
        "Deleting {} would break links from:",
        names.join(", ")
    ));
    for source in linking {
        ui.label(format!("• {source}"));
    }
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui.button("Delete and remove those links").clicked() {
            actions.push(Action::ConfirmDelete(ids.to_vec()));
        }
        close_button(ui, "Cancel", actions);
    });
}

fn start_update_ui(
    ui: &mut Ui,
    doc: Option<&Document>,
    label: &mut String,
    date: &mut String,
    note: &mut String,
    actions: &mut Vec<Action>,
) {
    ui.heading("Start next update");
    let current = doc
        .and_then(|d| d.manual().current_update())
        .map(|u| u.label.clone());
    ui.label(match current {
        Some(current) => format!(
            "“{current}” will be published and closed. Chapters added or amended from now on \
             belong to the new update; badges clear until they do."
        ),
        None => "Chapters added or amended from now on belong to this update.".to_string(),
    });
    egui::Grid::new("update_fields")
        .num_columns(2)
        .show(ui, |ui| {
            let name = TextEdit::singleline(label)
                .hint_text("e.g. April 2025")
                .desired_width(240.0);
            // A message about what was typed goes once it is changed.
            if labelled(ui, "Update label", name).changed() {
                note.clear();
            }
            ui.end_row();
            let day = TextEdit::singleline(date)
                .hint_text("YYYY-MM or YYYY-MM-DD")
                .desired_width(140.0);
            if labelled(ui, "Update date", day).changed() {
                note.clear();
            }
            ui.end_row();
        });
    if !note.is_empty() {
        ui.colored_label(ui.visuals().error_fg_color, note.as_str());
    }
    let entered = enter_submits(ui);
    ui.horizontal(|ui| {
        if ui.button("Start update").clicked() || entered {
            actions.push(Action::StartUpdate {
                label: label.trim().to_string(),
                date: date.trim().to_string(),
            });
        }
        close_button(ui, "Cancel", actions);
    });
}

/// Phrases real manuals use for an amendment note.
pub const AMENDMENT_PHRASES: [&str; 4] = [
    "This chapter has been reviewed and updated throughout and should be re-read in its entirety.",
    "Section N, TITLE has been updated to …",
    "Links have been updated.",
    "Minor amendments.",
];

fn mark_updated_ui(
    ui: &mut Ui,
    doc: Option<&Document>,
    id: &EntryId,
    text: &mut String,
    actions: &mut Vec<Action>,
) {
    let label = doc
        .and_then(|d| d.outline().row(id))
        .map(|r| r.label())
        .unwrap_or_default();
    let update = doc
        .and_then(|d| d.manual().current_update())
        .map(|u| u.label.clone())
        .unwrap_or_default();
    ui.heading(format!("Mark {label} as updated"));
    ui.label(format!("What changed in this chapter in {update}?"));
    ui.horizontal_wrapped(|ui| {
        for phrase in AMENDMENT_PHRASES {
            if ui.small_button(phrase).clicked() {
                *text = phrase.to_string();
            }
        }
    });
    let details = TextEdit::multiline(text)
        .desired_rows(3)
        .desired_width(f32::INFINITY);
    labelled(ui, "Details", details);
    ui.horizontal(|ui| {
        let is_ready = !text.trim().is_empty();
        if ui
            .add_enabled(is_ready, egui::Button::new("Mark as updated"))
            .clicked()
        {
            actions.push(Action::MarkUpdated {
                id: id.clone(),
                text: text.trim().to_string(),
            });
        }
        close_button(ui, "Cancel", actions);
    });
}

fn help_ui(ui: &mut Ui, actions: &mut Vec<Action>) {
    ui.heading("Keyboard shortcuts");
    let grid = egui::Grid::new("shortcuts").num_columns(2).striped(true);
    grid.show(ui, |ui| {
        for &command in Command::ALL {
            let keys: Vec<String> = command
                .shortcuts()
                .iter()
                .map(|s| ui.ctx().format_shortcut(s))
                .collect();
            if keys.is_empty() {
                continue;
            }
            ui.label(command.label());
            ui.label(keys.join(", "));
            ui.end_row();
        }
    });
    ui.add_space(6.0);
    ui.label(
        "Arrow keys move through the contents when no text field has focus. Drop a .ron file \
         on the window to open it.",
    );
    close_button(ui, "Close", actions);
}
