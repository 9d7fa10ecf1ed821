//! Carrying out the template dialogs: making a local manual and opening
//! it, working out a pull for its preview, and applying it through the
//! document as one undo step.

use std::path::Path;

use egui::Context;

use crate::app::actions::{Action, Pending};
use crate::app::dialogs::Dialog;
use crate::app::shell::state::App;

impl App {
    pub(in crate::app) fn new_local(
        &mut self,
        ctx: &Context,
        template: &Path,
        authority: &str,
        out: &Path,
    ) {
        let note = if template.as_os_str().is_empty() {
            Some("Give the template's file.".to_string())
        } else if authority.trim().is_empty() {
            Some("Name the council whose manual this is.".to_string())
        } else if out.as_os_str().is_empty() {
            Some("Say where to save the local manual.".to_string())
        } else {
            crate::store::template::new_local(template, out, authority, None)
                .err()
                .map(|e| e.to_string())
        };
        if let Some(note) = note {
            if let Some(Dialog::NewLocal(view)) = &mut self.dialog {
                view.note = note;
            }
            return;
        }
        self.dialog = None;
        self.run(ctx, Action::Guarded(Pending::Open(out.to_path_buf())));
    }

    pub(in crate::app) fn plan_pull(&mut self, path: &Path) {
        let Some(doc) = &self.doc else { return };
        let planned = doc.plan_pull(path);
        let Some(Dialog::PullTemplate(view)) = &mut self.dialog else {
            return;
        };
        match planned {
            Ok(planned) => {
                view.note.clear();
                view.planned = Some(Box::new(planned));
            }
            Err(error) => {
                view.note = error.to_string();
                view.planned = None;
            }
        }
    }

    pub(in crate::app) fn apply_pull(&mut self) {
        let Some(Dialog::PullTemplate(view)) = &mut self.dialog else {
            return;
        };
        let Some(planned) = view.planned.take() else {
            return;
        };
        let Some(doc) = &mut self.doc else { return };
        let (pulled, new) = *planned;
        let report = pulled.report.clone();
        match doc.apply_pull(pulled, &new, self.now) {
            Ok(()) => {
                self.dialog = None;
                self.retain_selection();
                let conflicts = match report.conflicts {
                    0 => String::new(),
                    n => format!(
                        "; {} to resolve below",
                        crate::model::counted(n, "conflict", "conflicts")
                    ),
                };
                self.status = format!(
                    "Pulled “{}”: {}{conflicts} (Ctrl+Z takes it back; Save keeps it)",
                    report.update,
                    crate::model::counted(report.changes.len(), "change", "changes"),
                );
            }
            Err(message) => {
                self.dialog = Some(Dialog::Error {
                    title: "Could not pull the template update".into(),
                    message,
                });
            }
        }
    }

    pub(in crate::app) fn compare_with_template(&mut self, id: &crate::model::EntryId) {
        let Some(doc) = &self.doc else { return };
        let compared = doc.compare_with_template(id);
        self.show_comparison(id, compared, "This entry is not in the template version");
    }

    /// The Compare dialog for the entry `id`, or why there is nothing to
    /// compare with in the status bar.
    pub(in crate::app) fn show_comparison(
        &mut self,
        id: &crate::model::EntryId,
        compared: Option<(String, Vec<crate::model::redline::Piece>)>,
        missing: &str,
    ) {
        let Some(doc) = &self.doc else { return };
        let title = doc.entry(id).map(|e| e.title.clone()).unwrap_or_default();
        match compared {
            Some((against, pieces)) => {
                self.dialog = Some(Dialog::Compare {
                    title,
                    here: "here".into(),
                    against,
                    pieces,
                })
            }
            None => self.status = missing.into(),
        }
    }
}
