//! A scripted session, for tests that drive the real binary: the hidden
//! environment variable `MANUAL_EDITOR_TEST_SCRIPT` holds steps separated
//! by `;`, run one a frame once no question is showing:
//!
//! - `title ID TEXT`: retitle an entry (one undo step, as typing would);
//! - `recover`: open the first recovery copy offered at start (exits with
//!   status 3 when none was offered);
//! - `save`: save to the manual's file;
//! - `quit`: close the window (asking first if anything is unsaved).

use egui::Context;

use super::actions::{Action, Pending};
use super::dialogs::Dialog;
use super::state::App;
use crate::edit::Edit;
use crate::model::EntryId;

/// The environment variable that holds a script.
pub const SCRIPT_VARIABLE: &str = "MANUAL_EDITOR_TEST_SCRIPT";

/// The exit status when a step cannot be carried out.
pub const SCRIPT_FAILED: i32 = 3;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Title { id: EntryId, title: String },
    Recover,
    Save,
    Quit,
}

/// Reads a script; an unknown step is an error naming it.
pub fn parse(text: &str) -> Result<Vec<Step>, String> {
    text.split(';')
        .map(str::trim)
        .filter(|step| !step.is_empty())
        .map(|step| {
            let mut words = step.splitn(3, ' ');
            match (words.next(), words.next(), words.next()) {
                (Some("title"), Some(id), Some(title)) => Ok(Step::Title {
                    id: EntryId::new(id),
                    title: title.to_string(),
                }),
                (Some("recover"), None, None) => Ok(Step::Recover),
                (Some("save"), None, None) => Ok(Step::Save),
                (Some("quit"), None, None) => Ok(Step::Quit),
                _ => Err(format!(
                    "{SCRIPT_VARIABLE}: cannot read the step '{step}' (expected 'title ID TEXT', \
                     'recover', 'save' or 'quit')"
                )),
            }
        })
        .collect()
}

impl App {
    /// Runs the script's next step, if it is time.
    pub(super) fn run_script(&mut self, ctx: &Context) {
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

fn fail(why: &str) -> ! {
    eprintln!("{SCRIPT_VARIABLE}: {why}");
    std::process::exit(SCRIPT_FAILED)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_read_and_mistakes_named() {
        assert_eq!(
            parse("title young-carers-2 Young Carers (edited); save ;quit"),
            Ok(vec![
                Step::Title {
                    id: EntryId::new("young-carers-2"),
                    title: "Young Carers (edited)".into()
                },
                Step::Save,
                Step::Quit
            ])
        );
        assert_eq!(parse("recover"), Ok(vec![Step::Recover]));
        let error = parse("save; jump 3").unwrap_err();
        assert!(error.contains("'jump 3'"), "{error}");
    }
}
