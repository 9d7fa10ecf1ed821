//! Carrying out what the user asked of the packs, and undo and redo across
//! the manual and its packs in the order the changes were made.

use std::path::PathBuf;

use egui::Context;

use super::Command;
use super::actions::PackAction;
use super::dialogs::Dialog;
use super::state::App;
use crate::document::packs::{PACK_SUFFIX, PackEdit, Shelf};
use crate::document::timeline::Owner;
use crate::edit::ListOp;
use crate::model::EntryId;

impl App {
    /// Finds the packs beside the open manual when they are first needed,
    /// and again when the manual's file changed (Save As).
    pub(super) fn refresh_shelf(&mut self) {
        let Some(path) = self.doc.as_ref().and_then(|d| d.path()) else {
            if self.shelf.is_some() || self.shelf_problem.is_some() {
                self.put_away_packs();
            }
            return;
        };
        let current = self.shelf.as_ref().is_some_and(|s| s.manual_path() == path)
            || self.shelf_problem.as_ref().is_some_and(|(p, _)| p == path);
        if current {
            return;
        }
        let path = path.to_path_buf();
        self.put_away_packs();
        match Shelf::scan(&path) {
            Ok(shelf) => self.shelf = Some(shelf),
            Err(error) => self.shelf_problem = Some((path, error.to_string())),
        }
    }

    /// Writes what is waiting in the open pack and forgets the packs (the
    /// manual is being replaced, closed or saved elsewhere).
    pub(super) fn put_away_packs(&mut self) {
        if let Some(shelf) = &mut self.shelf
            && let Err(error) = shelf.close()
        {
            self.dialog = Some(Dialog::Error {
                title: "Could not save the pack".into(),
                message: error.to_string(),
            });
        }
        self.shelf = None;
        self.shelf_problem = None;
        self.packs_ui = Default::default();
    }

    /// Writes the open pack once its last change is old enough.
    pub(super) fn write_packs(&mut self, ctx: &Context) {
        let Some(shelf) = &mut self.shelf else { return };
        match shelf.flush(self.now, false) {
            Ok(_) => {
                if let Some(due) = shelf.write_due_in(self.now) {
                    ctx.request_repaint_after(std::time::Duration::from_secs_f64(due + 0.05));
                }
            }
            Err(error) => {
                shelf.retry_later(self.now);
                let message = format!("{error}. The pack stays open; it will be tried again.");
                if self.dialog.is_none() {
                    self.dialog = Some(Dialog::Error {
                        title: "Could not save the pack".into(),
                        message,
                    });
                } else {
                    self.status = message;
                }
            }
        }
    }

    pub(super) fn run_pack(&mut self, action: PackAction) {
        match action {
            PackAction::AskNew => {
                self.dialog = Some(Dialog::NewPack {
                    title: String::new(),
                    audience: String::new(),
                    note: String::new(),
                })
            }
            PackAction::New { title, audience } => self.new_pack(&title, &audience),
            PackAction::Open(path) => {
                let Some(shelf) = &mut self.shelf else { return };
                match shelf.open(&path) {
                    Ok(()) => {
                        self.packs_ui.selected = None;
                        self.status = format!("Opened the pack {}", path.display());
                    }
                    Err(error) => self.show_pack_error("Could not open the pack", error),
                }
            }
            PackAction::AskDelete(path) => {
                let title = self
                    .shelf
                    .as_ref()
                    .and_then(|s| s.listed().iter().find(|l| l.path == path))
                    .map_or_else(|| path.display().to_string(), |l| l.title.clone());
                self.dialog = Some(Dialog::DeletePack { path, title });
            }
            PackAction::Delete(path) => {
                self.dialog = None;
                let Some(shelf) = &mut self.shelf else { return };
                let before = shelf.undo_len();
                match shelf.delete(&path, self.now) {
                    Ok(()) => {
                        self.record_pack_step(before);
                        self.packs_ui.selected = None;
                        self.status = format!(
                            "Deleted the pack {} (Ctrl+Z brings it back)",
                            path.display()
                        );
                    }
                    Err(error) => self.show_pack_error("Could not delete the pack", error),
                }
            }
            PackAction::Edit(edit) => self.edit_pack(edit),
            PackAction::Select(index) => {
                self.packs_ui.selected = Some(index);
                self.packs_ui.active = true;
            }
            PackAction::Export {
                out,
                base_url,
                date,
            } => self.export_pack(out, base_url, date),
        }
    }

    fn new_pack(&mut self, title: &str, audience: &str) {
        let title = title.trim();
        if title.is_empty() {
            if let Some(Dialog::NewPack { note, .. }) = &mut self.dialog {
                *note = "A pack needs a title.".into();
            }
            return;
        }
        let (Some(doc), Some(shelf)) = (&self.doc, &mut self.shelf) else {
            return;
        };
        let before = shelf.undo_len();
        match shelf.create(doc.manual(), title, audience.trim(), self.now) {
            Ok(path) => {
                self.dialog = None;
                self.record_pack_step(before);
                self.packs_ui.selected = None;
                self.status = format!(
                    "Made the pack {}: drag chapters into it from the contents",
                    path.display()
                );
            }
            Err(error) => {
                if let Some(Dialog::NewPack { note, .. }) = &mut self.dialog {
                    *note = error.to_string();
                }
            }
        }
    }

    /// Applies one change to the open pack, keeping the selected item on
    /// the item it was on (or on what was just put in).
    fn edit_pack(&mut self, edit: PackEdit) {
        let (Some(doc), Some(shelf)) = (&self.doc, &mut self.shelf) else {
            return;
        };
        let Some((_, pack)) = shelf.open_pack() else {
            return;
        };
        let len_before = pack.items.len();
        let selected = match &edit {
            PackEdit::Insert { at, .. } | PackEdit::AddHeading { at, .. } => {
                Some((*at).min(len_before))
            }
            PackEdit::List(ListOp::Up(i)) => Some(i.saturating_sub(1)),
            PackEdit::List(ListOp::Down(i)) => Some((i + 1).min(len_before.saturating_sub(1))),
            PackEdit::List(ListOp::Move { from, to }) => Some(if to > from { to - 1 } else { *to }),
            PackEdit::List(ListOp::Remove(i)) => (len_before > 1).then(|| (*i).min(len_before - 2)),
            _ => self.packs_ui.selected,
        };
        let is_insert = matches!(edit, PackEdit::Insert { .. });
        let before = shelf.undo_len();
        match shelf.apply(doc.manual(), edit, self.now) {
            Ok(true) => {
                let added = shelf
                    .open_pack()
                    .map_or(0, |(_, p)| p.items.len())
                    .saturating_sub(len_before);
                self.record_pack_step(before);
                self.packs_ui.selected = selected;
                if is_insert {
                    self.packs_ui.active = true;
                    self.status = format!(
                        "Added {added} chapter{} to the pack",
                        if added == 1 { "" } else { "s" }
                    );
                }
            }
            Ok(false) if is_insert => {
                self.status = "Those chapters are already in the pack".into();
            }
            Ok(false) => {}
            Err(error) => self.show_pack_error("Could not change the pack", error),
        }
    }

    /// Add to pack: the selected entries go after the pack's selected item
    /// (or last).
    pub(super) fn add_selection_to_pack(&mut self) {
        self.settings.show_packs = true;
        self.refresh_shelf();
        let Some((_, pack)) = self.shelf.as_ref().and_then(Shelf::open_pack) else {
            self.status = "Open or make a pack in the Packs panel first".into();
            return;
        };
        let at = self
            .packs_ui
            .selected
            .filter(|&i| i < pack.items.len())
            .map_or(pack.items.len(), |i| i + 1);
        let ids: Vec<EntryId> = self.selection.ids().to_vec();
        self.edit_pack(PackEdit::Insert { at, ids });
    }

    /// The export dialog for the open pack, its file beside the pack.
    pub(super) fn ask_export_pack(&mut self) {
        let Some((path, _)) = self.shelf.as_ref().and_then(Shelf::open_pack) else {
            return;
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let stem = name.strip_suffix(PACK_SUFFIX).unwrap_or(&name);
        self.dialog = Some(Dialog::ExportPack {
            out: path
                .with_file_name(format!("{stem}.html"))
                .display()
                .to_string(),
            base_url: String::new(),
            date: crate::model::date::today_iso(),
            note: String::new(),
        });
    }

    fn export_pack(&mut self, out: PathBuf, base_url: String, date: String) {
        let (Some(doc), Some(shelf)) = (&self.doc, &mut self.shelf) else {
            return;
        };
        let options = crate::export::ExportOptions {
            date,
            base_url: Some(base_url).filter(|u| !u.trim().is_empty()),
            files: doc.path().map(std::path::Path::to_path_buf),
        };
        let result = options
            .check()
            .map_err(|e| e.to_string())
            .and_then(|()| shelf.flush(self.now, true).map_err(|e| e.to_string()))
            .and_then(|_| {
                let (_, pack) = shelf.open_pack().ok_or("no pack is open")?;
                let html = crate::export::render_pack(pack, doc.manual(), &options);
                crate::store::write::write_document(&out, html.as_bytes())
                    .map_err(|e| format!("cannot write {}: {e}", out.display()))
            });
        match result {
            Ok(_) => {
                self.status = format!("Exported the pack to {}", out.display());
                self.dialog = Some(Dialog::PackExported { out });
            }
            Err(message) => {
                if let Some(Dialog::ExportPack { note, .. }) = &mut self.dialog {
                    *note = message;
                }
            }
        }
    }

    /// A pack change made a new undo step: it comes next for Ctrl+Z.
    fn record_pack_step(&mut self, undo_len_before: usize) {
        if self
            .shelf
            .as_ref()
            .is_some_and(|s| s.undo_len() > undo_len_before)
        {
            self.timeline.record(Owner::Packs);
        }
    }

    fn show_pack_error(&mut self, title: &str, error: impl std::fmt::Display) {
        self.dialog = Some(Dialog::Error {
            title: title.into(),
            message: error.to_string(),
        });
    }

    /// Whose change Undo (or Redo) takes back next.
    pub(super) fn next_step(&self, command: Command) -> Option<Owner> {
        let next = if command == Command::Undo {
            self.timeline.next_undo()
        } else {
            self.timeline.next_redo()
        };
        next.or_else(|| {
            // Manual steps made before the timeline knew of them.
            let doc = self.doc.as_ref()?;
            let can = if command == Command::Undo {
                doc.can_undo()
            } else {
                doc.can_redo()
            };
            can.then_some(Owner::Manual)
        })
    }

    /// Undo or redo of a pack change; the panel opens to show it. Returns
    /// false when the packs no longer hold the step (they were put away).
    pub(super) fn undo_pack(&mut self, command: Command) -> bool {
        let Some(shelf) = &mut self.shelf else {
            self.timeline.discard(command == Command::Undo);
            return false;
        };
        let outcome = if command == Command::Undo {
            shelf.undo()
        } else {
            shelf.redo()
        };
        match outcome {
            Ok(true) => {
                if command == Command::Undo {
                    self.timeline.undone();
                } else {
                    self.timeline.redone();
                }
                self.settings.show_packs = true;
                let len = shelf.open_pack().map_or(0, |(_, p)| p.items.len());
                self.packs_ui.selected = self.packs_ui.selected.filter(|&i| i < len);
                self.status = format!("{} a change to a pack", past_tense(command));
                true
            }
            Ok(false) => {
                self.timeline.discard(command == Command::Undo);
                false
            }
            Err(error) => {
                let verb = command.label().to_lowercase();
                self.show_pack_error(&format!("Could not {verb}"), error);
                true
            }
        }
    }
}

fn past_tense(command: Command) -> &'static str {
    if command == Command::Undo {
        "Undid"
    } else {
        "Redid"
    }
}
