//! Plain English from the window: a finding's fix, a rule turned off or
//! on, a term allowed, an abbreviation added to the keywords; each one
//! undo step, and the Problems list read again at once.

use crate::app::dialogs::Dialog;
use crate::app::shell::state::App;
use crate::model::EntryId;
use crate::model::style::{StyleField, StyleSettings};

impl App {
    /// Puts `fix` in place of `covered` at `range` of `entry`'s `field`.
    pub(in crate::app) fn fix_style(
        &mut self,
        entry: &EntryId,
        field: StyleField,
        range: std::ops::Range<usize>,
        covered: &str,
        fix: &str,
    ) {
        let now = self.now;
        let Some(doc) = &mut self.doc else { return };
        self.status = match doc.fix_style(entry, field, range, covered, fix, now) {
            Ok(true) => format!("\u{201c}{covered}\u{201d} is now \u{201c}{fix}\u{201d}"),
            Ok(false) => format!("\u{201c}{covered}\u{201d} has changed since it was checked"),
            Err(error) => format!("Could not change the text: {error}"),
        };
        self.problems.reread_disk();
    }

    /// Changes the manual's style settings through `change`.
    pub(in crate::app) fn change_style(&mut self, change: impl FnOnce(&mut StyleSettings) -> bool) {
        let now = self.now;
        let Some(doc) = &mut self.doc else { return };
        match doc.set_style(change, now) {
            Ok(true) => {
                self.status = "The plain English settings changed (Undo puts them back)".into();
                self.problems.reread_disk();
            }
            Ok(false) => {}
            Err(error) => self.status = format!("Could not change the settings: {error}"),
        }
    }

    /// Adds `term` to the keywords and opens them to give its meaning.
    pub(in crate::app) fn add_keyword(&mut self, term: &str) {
        let now = self.now;
        let Some(doc) = &mut self.doc else { return };
        match doc.add_keyword(term, now) {
            Ok(added) => {
                self.status = if added {
                    format!("{term} was added to the keywords: say what it means")
                } else {
                    format!("{term} is in the keywords already")
                };
                self.problems.reread_disk();
                self.dialog = Some(Dialog::Keywords(Box::default()));
            }
            Err(error) => self.status = format!("Could not add the keyword: {error}"),
        }
    }
}
