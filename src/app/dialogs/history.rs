//! View > Chapter history…: each published version of the selected
//! chapter (date, update, amendment note, who approved it, when it was
//! superseded), any two of them (or the working copy) compared as tracked
//! changes, and the git commits that changed it when the manual is in a
//! repository.

use egui::{RichText, Ui};

use crate::app::actions::Action;
use crate::document::Document;
use crate::document::history::CommitChange;
use crate::model::published::{PublishedChapter, compare};
use crate::model::{EntryId, SignOff};

/// What the History dialog shows, read once when it opens (the published
/// copies and git's history do not change while it is open).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryView {
    pub id: EntryId,
    /// "4.8.1 Young Carers", as numbered now.
    pub label: String,
    pub versions: Vec<PublishedChapter>,
    pub commits: Vec<CommitChange>,
    /// Why git's history is not shown, when it could not be read.
    pub git_note: Option<String>,
    /// The two versions compared: an index into `versions`, or
    /// `versions.len()` for the working copy.
    pub from: usize,
    pub to: usize,
}

impl HistoryView {
    /// The chapter's history as the document gives it; the working copy
    /// compared with the last published version to start with.
    pub fn read(doc: &Document, id: &EntryId) -> Result<HistoryView, String> {
        let versions = doc.chapter_history(id).map_err(|e| e.to_string())?;
        let (commits, git_note) = match doc.git_history(id) {
            Ok(commits) => (commits, None),
            Err(error) => (Vec::new(), Some(error.to_string())),
        };
        let label = doc
            .outline()
            .row(id)
            .map_or_else(|| id.to_string(), |row| row.label());
        let working = versions.len();
        Ok(HistoryView {
            id: id.clone(),
            label,
            from: working.saturating_sub(1),
            to: working,
            versions,
            commits,
            git_note,
        })
    }

    /// What the `n`th choice is called in the pickers.
    pub fn choice_name(&self, n: usize) -> String {
        match self.versions.get(n) {
            Some(v) => format!("{} as published ({})", v.update, v.published),
            None => "the working copy".into(),
        }
    }
}

/// The approval line of a version: who signed it off, or why it was not.
fn sign_off_line(version: &PublishedChapter) -> String {
    match (&version.approval, &version.without_sign_off) {
        (Some(approval), _) => SignOff::Approved(approval).describe(),
        (None, Some(reason)) => format!("Published without sign-off: {reason}"),
        (None, None) => "No sign-off recorded".into(),
    }
}

pub fn history_ui(
    ui: &mut Ui,
    doc: Option<&Document>,
    view: &mut HistoryView,
    actions: &mut Vec<Action>,
) {
    let Some(doc) = doc else { return };
    ui.heading(format!("History of {}", view.label));
    egui::ScrollArea::vertical()
        .max_height(460.0)
        .show(ui, |ui| {
            ui.strong(format!("Published versions ({})", view.versions.len()));
            if view.versions.is_empty() {
                ui.label(
                    "No published version of this chapter is kept yet: Edit > Publish update… \
                     keeps a copy of the manual as published.",
                );
            }
            for version in view.versions.iter().rev() {
                let standing = match &version.superseded_on {
                    Some(on) => format!("superseded on {on}"),
                    None => "in force".into(),
                };
                ui.label(format!(
                    "{}  {} — {} ({standing})",
                    version.published, version.update, version.label
                ));
                for note in &version.notes {
                    ui.label(RichText::new(format!("    Amended: {note}")).small());
                }
                ui.label(RichText::new(format!("    {}", sign_off_line(version))).small());
            }
            ui.add_space(8.0);
            if !view.versions.is_empty() {
                compare_row_ui(ui, doc, view, actions);
                ui.add_space(8.0);
            }
            ui.strong(format!("Commits that changed it ({})", view.commits.len()));
            match &view.git_note {
                Some(note) => {
                    ui.label(RichText::new(note).color(ui.visuals().warn_fg_color));
                }
                None if view.commits.is_empty() => {
                    ui.label(
                        "None found: the manual is not in a git repository, or no commit \
                         changed this chapter.",
                    );
                }
                None => {}
            }
            for change in &view.commits {
                ui.label(format!(
                    "{}  {}  {} — {}",
                    change.commit.date,
                    change.commit.short(),
                    change.commit.author,
                    change.commit.subject
                ));
                for line in &change.changes {
                    ui.label(RichText::new(format!("    {line}")).small().monospace());
                }
            }
        });
    if ui.button("Close").clicked() {
        actions.push(Action::CloseDialog);
    }
}

/// Two pickers (any published version or the working copy) and Compare.
fn compare_row_ui(ui: &mut Ui, doc: &Document, view: &mut HistoryView, actions: &mut Vec<Action>) {
    let choices = view.versions.len() + 1;
    let names: Vec<String> = (0..choices).map(|n| view.choice_name(n)).collect();
    ui.horizontal_wrapped(|ui| {
        for (salt, name, pick) in [
            ("history_from", "From", &mut view.from),
            ("history_to", "to", &mut view.to),
        ] {
            let label = ui.label(name);
            egui::ComboBox::from_id_salt(salt)
                .selected_text(names[(*pick).min(choices - 1)].clone())
                .show_ui(ui, |ui| {
                    for (n, name) in names.iter().enumerate() {
                        ui.selectable_value(pick, n, name);
                    }
                })
                .response
                .labelled_by(label.id);
        }
        if ui.button("Compare").clicked() {
            let entry = |n: usize| match view.versions.get(n) {
                Some(v) => Some(v.entry.clone()),
                None => doc.entry(&view.id).map(|e| e.clone_head()),
            };
            if let (Some(before), Some(after)) = (entry(view.from), entry(view.to)) {
                actions.push(Action::ShowComparison {
                    title: view.label.clone(),
                    here: view.choice_name(view.to),
                    against: view.choice_name(view.from),
                    pieces: compare(&before, &after),
                });
            }
        }
    });
}
