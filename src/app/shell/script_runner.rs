//! Running a test script's steps in the window, one a frame once no
//! question is showing (the steps and their parsing are `script.rs`).

use egui::Context;

use crate::app::actions::{Action, Pending};
use crate::app::dialogs::Dialog;
use crate::app::shell::script::{Step, fail};
use crate::app::shell::state::App;
use crate::edit::Edit;

impl App {
    /// Runs the script's next step, if it is time.
    pub(in crate::app) fn run_script(&mut self, ctx: &Context) {
        let Some(step) = self.script.first().cloned() else {
            return;
        };
        ctx.request_repaint_after(std::time::Duration::from_millis(50));
        let waiting_for_recovery = step == Step::Recover;
        if let Some(Dialog::Error { title, message }) = &self.dialog {
            fail(&format!("{title}: {message}"));
        }
        if self.dialog.is_some() != waiting_for_recovery || !self.actions.is_empty() {
            if waiting_for_recovery && self.dialog.is_none() {
                fail("no recovery copy was offered");
            }
            return;
        }
        self.script.remove(0);
        match step {
            Step::Title { id, title } => {
                let Some(entry) = self.doc.as_ref().and_then(|d| d.entry(&id)) else {
                    fail(&format!("no entry has the id '{id}'"));
                };
                let mut entry = entry.clone();
                entry.title = title;
                self.actions.push(Action::Edit {
                    edits: vec![Edit::UpdateEntry {
                        entry: Box::new(entry),
                    }],
                    group: None,
                });
            }
            Step::Recover => match &self.dialog {
                Some(Dialog::Recover { found }) if !found.is_empty() => {
                    self.actions.push(Action::RecoverOpen(found[0].clone()));
                }
                other => fail(&format!("no recovery copy was offered ({other:?})")),
            },
            Step::Save => self.actions.push(Action::SaveThen(None)),
            Step::Quit => self.actions.push(Action::Guarded(Pending::Quit)),
        }
    }
}
