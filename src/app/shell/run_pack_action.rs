//! Carrying out what the user asked of the packs. Each change goes through
//! the document, whose one history undoes it in turn with the manual's.

use std::path::PathBuf;

use egui::Context;

use crate::app::actions::PackAction;
use crate::app::dialogs::Dialog;
use crate::app::shell::state::App;
use crate::document::Document;
use crate::document::packs::{PACK_SUFFIX, PackEdit, Shelf};
use crate::edit::ListOp;
use crate::model::EntryId;

impl App {
    /// Finds the packs beside the open manual when they are first needed,
    /// and again when the manual's file changed (Save As).
    pub(in crate::app) fn refresh_shelf(&mut self) {
        let Some(doc) = &mut self.doc else { return };
        let path = doc.path().map(std::path::Path::to_path_buf);
        let was = doc.packs().map(|s| s.manual_path().to_path_buf());
        let looked = doc.look_for_packs();
        if was.is_some() && was != path {
            self.packs_ui = Default::default();
        }
        if let Err(error) = looked {
            self.show_pack_error("Could not save the pack", error);
        }
    }

    /// Writes what is waiting in the open pack and forgets the packs (the
    /// manual is being replaced, closed or saved elsewhere).
    pub(in crate::app) fn put_away_packs(&mut self) {
        self.packs_ui = Default::default();
        let Some(doc) = &mut self.doc else { return };
        if let Err(error) = doc.put_away_packs() {
            self.show_pack_error("Could not save the pack", error);
        }
    }

    /// Writes the open pack once its last change is old enough.
    pub(in crate::app) fn write_packs(&mut self, ctx: &Context) {
        let Some(shelf) = self.doc.as_mut().and_then(Document::packs_mut) else {
            return;
        };
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

    pub(in crate::app) fn run_pack(&mut self, action: PackAction) {
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
                let Some(shelf) = self.doc.as_mut().and_then(Document::packs_mut) else {
                    return;
                };
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
                    .doc
                    .as_ref()
                    .and_then(Document::packs)
                    .and_then(|s| s.listed().iter().find(|l| l.path == path))
                    .map_or_else(|| path.display().to_string(), |l| l.title.clone());
                self.dialog = Some(Dialog::DeletePack { path, title });
            }
            PackAction::Delete(path) => {
                self.dialog = None;
                let Some(doc) = &mut self.doc else { return };
                match doc.delete_pack(&path, self.now) {
                    Ok(()) => {
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
        let Some(doc) = &mut self.doc else { return };
        match doc.create_pack(title, audience.trim(), self.now) {
            Ok(path) => {
                self.dialog = None;
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
        let Some(doc) = &mut self.doc else { return };
        let Some((_, pack)) = doc.packs().and_then(Shelf::open_pack) else {
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
        match doc.apply_pack(edit, self.now) {
            Ok(true) => {
                let added = doc
                    .packs()
                    .and_then(Shelf::open_pack)
                    .map_or(0, |(_, p)| p.items.len())
                    .saturating_sub(len_before);
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
    pub(in crate::app) fn add_selection_to_pack(&mut self) {
        self.settings.show_packs = true;
        self.refresh_shelf();
        let open = self.doc.as_ref().and_then(Document::packs);
        let Some((_, pack)) = open.and_then(Shelf::open_pack) else {
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
    pub(in crate::app) fn ask_export_pack(&mut self) {
        let open = self.doc.as_ref().and_then(Document::packs);
        let Some((path, _)) = open.and_then(Shelf::open_pack) else {
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
        let Some(doc) = &mut self.doc else { return };
        let options = crate::export::ExportOptions {
            date,
            base_url: Some(base_url).filter(|u| !u.trim().is_empty()),
            files: doc.path().map(std::path::Path::to_path_buf),
            draft: false,
            changes: None,
            archive: None,
            theme: None,
        };
        let result = options
            .check()
            .map_err(|e| e.to_string())
            .and_then(|()| {
                let shelf = doc.packs_mut().ok_or("no pack is open")?;
                shelf.flush(self.now, true).map_err(|e| e.to_string())
            })
            .and_then(|_| {
                let open = doc.packs().and_then(Shelf::open_pack);
                let (_, pack) = open.ok_or("no pack is open")?;
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

    fn show_pack_error(&mut self, title: &str, error: impl std::fmt::Display) {
        self.dialog = Some(Dialog::Error {
            title: title.into(),
            message: error.to_string(),
        });
    }
}
