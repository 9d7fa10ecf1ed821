//! Carrying out the sign-off dialogs through the document: approving as
//! one undo step (the approver remembered for next time), and publishing
//! the open update with its copy kept.

use crate::app::dialogs::Dialog;
use crate::app::dialogs::sign_off::ApproveView;
use crate::app::shell::state::App;
use crate::model::EntryId;

/// Who approves when nobody has before: the system's user name.
fn default_approver() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_default()
}

impl App {
    pub(in crate::app) fn ask_approval(&mut self, ids: Vec<EntryId>) {
        let Some(doc) = &self.doc else { return };
        if ids.is_empty() {
            self.status = "Select chapters changed in the open update to approve".into();
            return;
        }
        let names = ids
            .iter()
            .map(|id| {
                doc.outline()
                    .row(id)
                    .map_or_else(|| id.to_string(), |row| row.label())
            })
            .collect::<Vec<_>>()
            .join(", ");
        let (by, role) = self.settings.approver.clone();
        let by = if by.is_empty() {
            default_approver()
        } else {
            by
        };
        self.dialog = Some(Dialog::Approve(Box::new(ApproveView {
            ids,
            names,
            by,
            role,
            ..ApproveView::default()
        })));
    }

    pub(in crate::app) fn approve(&mut self, ids: &[EntryId], by: &str, role: &str, comment: &str) {
        let Some(doc) = &mut self.doc else { return };
        let date = crate::model::date::today_iso();
        match doc.approve(ids, by, role, comment, &date, self.now) {
            Ok(()) => {
                self.settings.approver = (by.trim().to_string(), role.trim().to_string());
                self.dialog = None;
                self.status = format!(
                    "Approved {} by {} (Ctrl+Z takes it back)",
                    crate::model::counted(ids.len(), "chapter", "chapters"),
                    by.trim()
                );
            }
            Err(error) => {
                if let Some(Dialog::Approve(view)) = &mut self.dialog {
                    view.note = error.to_string();
                }
            }
        }
    }

    pub(in crate::app) fn publish(&mut self, date: &str, reason: &str) {
        let Some(doc) = &mut self.doc else { return };
        let reason = Some(reason).filter(|r| !r.trim().is_empty());
        match doc.publish_update(date, reason, self.now) {
            Ok(kept) => {
                self.dialog = None;
                self.status = format!(
                    "Published; the copy as published is {kept} (save to keep the manual's record)"
                );
            }
            Err(error) => {
                if let Some(Dialog::Publish(view)) = &mut self.dialog {
                    view.note = error.to_string();
                }
            }
        }
    }

    /// Renames the update `old` everywhere it is named, as one undo step;
    /// a refusal is said in the Updates dialog.
    pub(in crate::app) fn rename_update(
        &mut self,
        ctx: &egui::Context,
        old: &str,
        label: &str,
        date: &str,
    ) {
        let Some(doc) = &self.doc else { return };
        match doc.manual().with_update_renamed(old, label, date) {
            Ok(renamed) => {
                self.run(
                    ctx,
                    crate::app::actions::Action::Edit {
                        edits: vec![crate::edit::Edit::ReplaceAll {
                            manual: Box::new(renamed),
                        }],
                        group: None,
                    },
                );
                if let Some(Dialog::Updates(view)) = &mut self.dialog {
                    view.chosen = Some(label.to_string());
                    view.note.clear();
                }
                self.status = format!("Renamed “{old}” to “{label}” (Ctrl+Z to undo)");
            }
            Err(error) => {
                if let Some(Dialog::Updates(view)) = &mut self.dialog {
                    view.note = error.to_string();
                }
            }
        }
    }

    /// Writes the consultation copy; a refusal is said in its dialog.
    pub(in crate::app) fn export_docx(&mut self, path: &std::path::Path, whole: bool) {
        let Some(doc) = &self.doc else { return };
        let ids: Vec<EntryId> = if whole {
            Vec::new()
        } else {
            self.selection.ids().to_vec()
        };
        let date = crate::model::date::today_iso();
        let manual_path = doc.path().map(std::path::Path::to_path_buf);
        let pictures = |link: &str| {
            manual_path
                .as_deref()
                .and_then(|at| crate::store::files::read_linked(at, link))
        };
        let written =
            crate::export::docx::consultation_docx_with(doc.manual(), &ids, &date, &pictures)
                .map_err(|e| e.to_string())
                .and_then(|bytes| {
                    crate::store::write::write_document(path, &bytes).map_err(|e| e.to_string())
                });
        match written {
            Ok(_) => {
                self.dialog = None;
                self.status = format!("Wrote the consultation copy {}", path.display());
            }
            Err(message) => {
                if let Some(Dialog::ExportDocx { note, .. }) = &mut self.dialog {
                    *note = message;
                }
            }
        }
    }

    /// The History dialog of chapter `id`, or why it cannot be read.
    pub(in crate::app) fn show_history(&mut self, id: &EntryId) {
        let Some(doc) = &self.doc else { return };
        self.dialog = Some(
            match crate::app::dialogs::history::HistoryView::read(doc, id) {
                Ok(view) => Dialog::History(Box::new(view)),
                Err(message) => Dialog::Error {
                    title: "Could not read the chapter's history".into(),
                    message,
                },
            },
        );
    }

    pub(in crate::app) fn compare_with_published(&mut self, id: &EntryId) {
        let Some(doc) = &self.doc else { return };
        let compared = doc.compare_with_published(id);
        self.show_comparison(
            id,
            compared,
            "No published copy of this chapter is kept to compare with",
        );
    }
}
