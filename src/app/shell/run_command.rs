//! Which commands can run now, and what each does: the one place the
//! menus, the shortcuts and the buttons that run commands come to.

use std::path::PathBuf;

use egui::Context;

use crate::app::Command;
use crate::app::actions::{Action, Pending};
use crate::app::dialogs::Dialog;
use crate::app::shell::state::App;
use crate::document::Undone;
use crate::document::packs::Shelf;
use crate::edit::markdown_marks::Format;
use crate::edit::structure::{self, Direction, NewEntry, NewPlace};
use crate::model::EntryId;

impl App {
    /// Whether `command` can run now: the one answer the menus, the
    /// shortcuts and [`App::run_command`] all use.
    pub fn is_enabled(&self, command: Command) -> bool {
        let Some(doc) = &self.doc else {
            return matches!(
                command,
                Command::New
                    | Command::NewFromContents
                    | Command::NewFromWord
                    | Command::NewLocal
                    | Command::Open
                    | Command::Quit
                    | Command::Help
                    | Command::GettingStarted
                    | Command::Palette
            );
        };
        let has_current = self.selection.current().is_some();
        match command {
            Command::PullTemplate => doc.manual().template.is_some() && doc.path().is_some(),
            Command::New
            | Command::NewFromContents
            | Command::NewFromWord
            | Command::NewLocal
            | Command::Open
            | Command::Quit
            | Command::Help
            | Command::GettingStarted
            | Command::NextPane
            | Command::PreviousPane
            | Command::Save
            | Command::SaveAs
            | Command::ExportHtml
            | Command::ImportAmendments
            | Command::ImportChapters
            | Command::ImportResponse
            | Command::Close
            | Command::ManualDetails
            | Command::Find
            | Command::FindReplace
            | Command::ExpandAll
            | Command::CollapseAll
            | Command::SelectPrevious
            | Command::SelectNext
            | Command::ExpandOrChild
            | Command::CollapseOrParent
            | Command::FocusMenu => true,
            Command::Undo => doc.can_undo(),
            Command::Redo => doc.can_redo(),
            Command::ShowPacks => true,
            Command::AddToPack => doc.path().is_some() && !self.selection.is_empty(),
            Command::InsertLink | Command::Bold | Command::Italic => self.editor.body.focused,
            Command::ExportPack => doc.packs().is_some_and(|s| s.open_pack().is_some()),
            Command::ExportConsultation => true,
            Command::StartUpdate
            | Command::ShowAmendments
            | Command::ShowReviews
            | Command::ShowKeywords => true,
            Command::Approve => self
                .selection
                .ids()
                .iter()
                .any(|id| doc.manual().sign_off(id).is_some()),
            Command::ShowSignOff => doc.manual().open_update().is_some(),
            Command::ShowProblems | Command::NextProblem | Command::PreviousProblem => true,
            Command::CheckLinks => self.link_job.is_none(),
            Command::Palette | Command::EditUpdates => true,
            Command::ShowHistory => {
                doc.path().is_some()
                    && self
                        .selection
                        .current()
                        .and_then(|id| doc.outline().row(id))
                        .is_some_and(|row| !row.is_section)
            }
            Command::PublishUpdate => doc.manual().open_update().is_some() && doc.path().is_some(),
            Command::MarkUpdated => {
                let is_chapter = self
                    .selection
                    .current()
                    .and_then(|id| doc.outline().row(id))
                    .is_some_and(|row| !row.is_section);
                is_chapter && doc.manual().current_update().is_some()
            }
            Command::AddSeeAlso
            | Command::AddChapterAfter
            | Command::AddSectionAfter
            | Command::AddInside => has_current,
            Command::Duplicate
            | Command::ToggleNumbered
            | Command::MoveUp
            | Command::MoveDown
            | Command::MoveOut
            | Command::MoveIn
            | Command::Delete => !self.selection.is_empty(),
        }
    }

    pub(in crate::app) fn run_command(&mut self, ctx: &Context, command: Command) {
        if !self.is_enabled(command) {
            return;
        }
        match command {
            Command::New => self.run(ctx, Action::Guarded(Pending::New)),
            Command::NewFromContents => {
                self.dialog = Some(Dialog::ImportContents(Box::default()));
            }
            Command::NewLocal => {
                self.dialog = Some(Dialog::NewLocal(Box::default()));
            }
            Command::PullTemplate => {
                self.dialog = Some(Dialog::PullTemplate(Box::default()));
            }
            Command::ImportAmendments => {
                self.dialog = Some(Dialog::ImportAmendments(Box::default()));
            }
            Command::ImportChapters => {
                self.dialog = Some(Dialog::ImportChapters(Box::default()));
            }
            Command::NewFromWord => {
                self.dialog = Some(Dialog::NewFromWord(Box::default()));
            }
            Command::ImportResponse => {
                self.dialog = Some(Dialog::Response(Box::default()));
            }
            Command::Open => self.run(ctx, Action::Guarded(Pending::ChooseFile)),
            Command::Save => {
                if self.doc.is_some() {
                    self.run(ctx, Action::SaveThen(None));
                }
            }
            Command::ExportHtml => {
                if let Some(doc) = &self.doc {
                    let out = doc
                        .path()
                        .and_then(|p| {
                            p.parent().map(|folder| {
                                folder.join(format!(
                                    "{}-site",
                                    crate::model::slugify(&doc.manual().title)
                                ))
                            })
                        })
                        .unwrap_or_else(|| {
                            PathBuf::from(format!(
                                "{}-site",
                                crate::model::slugify(&doc.manual().title)
                            ))
                        });
                    self.dialog = Some(Dialog::Export {
                        out: out.display().to_string(),
                        date: crate::model::date::today_iso(),
                        choice: crate::document::ExportChoice::default(),
                    });
                }
            }
            Command::SaveAs => {
                if self.doc.is_some() {
                    self.dialog = Some(self.save_as_dialog(None));
                }
            }
            Command::Close => {
                if self.doc.is_some() {
                    self.run(ctx, Action::Guarded(Pending::Close));
                }
            }
            Command::Quit => self.run(ctx, Action::Guarded(Pending::Quit)),
            Command::Undo | Command::Redo => {
                let Some(doc) = &mut self.doc else { return };
                let verb = command.label().to_lowercase();
                let outcome = if command == Command::Undo {
                    doc.undo()
                } else {
                    doc.redo()
                };
                match outcome {
                    Ok(Some(Undone::Manual(subject))) => {
                        let subject = subject.filter(|id| doc.outline().row(id).is_some());
                        self.retain_selection();
                        if let Some(id) = subject {
                            self.selection.select(id);
                            self.tree.scroll_to_selected = true;
                        }
                    }
                    Ok(Some(Undone::Pack)) => {
                        // The panel opens to show it.
                        self.settings.show_packs = true;
                        let open = doc.packs().and_then(Shelf::open_pack);
                        let len = open.map_or(0, |(_, p)| p.items.len());
                        self.packs_ui.selected = self.packs_ui.selected.filter(|&i| i < len);
                        let done = if command == Command::Undo {
                            "Undid"
                        } else {
                            "Redid"
                        };
                        self.status = format!("{done} a change to a pack");
                    }
                    Ok(None) => self.status = format!("Nothing to {verb}"),
                    Err(error) => {
                        self.dialog = Some(Dialog::Error {
                            title: format!("Could not {verb}"),
                            message: format!("{error}. The manual was left as it was."),
                        })
                    }
                }
            }
            Command::Find => self.tree.focus_filter = true,
            Command::FindReplace => {
                self.find.open = true;
                self.find.focus_query = true;
            }
            Command::ManualDetails => self.selection.clear(),
            Command::AddChapterAfter | Command::AddSectionAfter | Command::AddInside => {
                let (Some(doc), Some(relative)) = (&self.doc, self.selection.current().cloned())
                else {
                    return;
                };
                let (kind, place) = match command {
                    Command::AddChapterAfter => (NewEntry::Chapter, NewPlace::After),
                    Command::AddSectionAfter => (NewEntry::Section, NewPlace::After),
                    _ => (NewEntry::Chapter, NewPlace::Inside),
                };
                match structure::add_edit(doc.manual(), &relative, kind, place) {
                    Some((edit, id)) => {
                        self.run(
                            ctx,
                            Action::Edit {
                                edits: vec![edit],
                                group: None,
                            },
                        );
                        self.run(ctx, Action::Select(id));
                    }
                    None => self.status = "Only a section can hold entries".into(),
                }
            }
            Command::Duplicate | Command::ToggleNumbered => {
                let Some(doc) = &self.doc else { return };
                let selection = self.selection.ids();
                let edits = if command == Command::Duplicate {
                    structure::duplicate_edits(doc.manual(), selection)
                } else {
                    structure::toggle_numbered_edits(doc.manual(), selection)
                };
                if !edits.is_empty() {
                    self.run(ctx, Action::Edit { edits, group: None });
                }
            }
            Command::MoveUp | Command::MoveDown | Command::MoveOut | Command::MoveIn => {
                let Some(doc) = &self.doc else { return };
                let direction = match command {
                    Command::MoveUp => Direction::Up,
                    Command::MoveDown => Direction::Down,
                    Command::MoveOut => Direction::Out,
                    _ => Direction::In,
                };
                match structure::move_edits(doc.manual(), self.selection.ids(), direction) {
                    Some(edits) => {
                        self.run(ctx, Action::Edit { edits, group: None });
                        self.tree.scroll_to_selected = true;
                    }
                    None => {
                        self.status = format!("Cannot {} from here", command.label().to_lowercase())
                    }
                }
            }
            Command::Delete => {
                let Some(doc) = &self.doc else { return };
                let selection = structure::top_level_selection(doc.manual(), self.selection.ids());
                if selection.is_empty() {
                    return;
                }
                let linking = structure::links_into(doc.manual(), &selection);
                if linking.is_empty() {
                    self.delete(ctx, selection);
                } else {
                    let label = |id: &EntryId| {
                        doc.outline()
                            .row(id)
                            .map_or_else(|| id.to_string(), |r| r.label())
                    };
                    self.dialog = Some(Dialog::ConfirmDelete {
                        names: selection.iter().map(label).collect(),
                        linking: linking.iter().map(label).collect(),
                        ids: selection,
                    });
                }
            }
            Command::AddSeeAlso => {
                // The list the new link joins is in view when it closes.
                self.editor.tab = crate::app::chapter::editor::ChapterTab::Links;
                if let Some(id) = self.selection.current().cloned() {
                    self.run(
                        ctx,
                        Action::OpenPicker {
                            for_entry: id,
                            replace: None,
                        },
                    );
                }
            }
            Command::ExpandAll => self.tree.set_collapsed(Default::default()),
            Command::CollapseAll => {
                if let Some(doc) = &self.doc {
                    let sections = doc
                        .outline()
                        .rows
                        .iter()
                        .filter(|r| r.is_section)
                        .map(|r| r.id.clone())
                        .collect();
                    self.tree.set_collapsed(sections);
                }
            }
            Command::SelectPrevious | Command::SelectNext => {
                let Some(doc) = &self.doc else { return };
                let outline = doc.outline();
                let rows = self.tree.visible(doc).to_vec();
                let current = self
                    .selection
                    .current()
                    .and_then(|id| outline.row_of.get(id))
                    .and_then(|r| rows.iter().position(|x| x == r));
                let next = match (current, command) {
                    (None, _) => rows.first().copied(),
                    (Some(i), Command::SelectPrevious) => rows.get(i.saturating_sub(1)).copied(),
                    (Some(i), _) => rows.get((i + 1).min(rows.len().saturating_sub(1))).copied(),
                };
                if let Some(row) = next.and_then(|r| outline.rows.get(r)) {
                    self.selection.select(row.id.clone());
                    self.tree.scroll_to_selected = true;
                }
            }
            Command::ExpandOrChild | Command::CollapseOrParent => {
                self.unfold_or_step(command == Command::ExpandOrChild);
            }
            Command::FocusMenu => self.focus_menu = true,
            Command::Help => self.dialog = Some(Dialog::Help),
            Command::GettingStarted => self.dialog = Some(Dialog::GettingStarted),
            Command::NextPane | Command::PreviousPane => {
                let backwards = command == Command::PreviousPane;
                if let Some(pane) = crate::app::panes::next(ctx, &self.pane_rects, backwards) {
                    if pane == crate::app::panes::Pane::Contents {
                        self.tree.scroll_to_selected = true;
                        // The row the keyboard lands on is the current one.
                        if self.selection.is_empty()
                            && let Some(doc) = &self.doc
                            && let Some(first) = self.tree.visible(doc).first().copied()
                            && let Some(row) = doc.outline().rows.get(first)
                        {
                            self.selection.select(row.id.clone());
                        }
                    }
                    crate::app::panes::request_focus(ctx, pane);
                }
            }
            Command::ShowPacks => self.settings.show_packs = !self.settings.show_packs,
            Command::AddToPack => self.add_selection_to_pack(),
            Command::Bold => self.editor.body.pending_format = Some(Format::Bold),
            Command::Italic => self.editor.body.pending_format = Some(Format::Italic),
            Command::InsertLink => {
                let (Some(doc), Some(id)) = (&self.doc, self.selection.current().cloned()) else {
                    return;
                };
                let body = doc
                    .entry(&id)
                    .and_then(|e| e.chapter_details())
                    .map(|c| c.body.clone())
                    .unwrap_or_default();
                let range = self.editor.body.selection.clone().unwrap_or_else(|| {
                    let end = body.chars().count();
                    end..end
                });
                let text = body
                    .chars()
                    .skip(range.start)
                    .take(range.end - range.start)
                    .collect();
                self.run(
                    ctx,
                    Action::OpenBodyLinkPicker {
                        for_entry: id,
                        range,
                        text,
                    },
                );
            }
            Command::ExportPack => self.ask_export_pack(),
            Command::ExportConsultation => {
                let Some(doc) = &self.doc else { return };
                let stem = doc
                    .path()
                    .and_then(|p| p.file_stem())
                    .map_or_else(|| "manual".into(), |s| s.to_string_lossy().into_owned());
                let folder = doc
                    .path()
                    .and_then(|p| p.parent())
                    .map(std::path::Path::to_path_buf)
                    .unwrap_or_default();
                let chosen = self.selection.ids().len();
                self.dialog = Some(Dialog::ExportDocx {
                    path: folder
                        .join(format!("{stem}-consultation.docx"))
                        .display()
                        .to_string(),
                    whole: chosen == 0,
                    note: String::new(),
                });
            }
            Command::ShowAmendments => self.dialog = Some(Dialog::Amendments(Default::default())),
            Command::ShowReviews => self.dialog = Some(Dialog::Reviews(Default::default())),
            Command::Approve => {
                let ids: Vec<crate::model::EntryId> = self
                    .selection
                    .ids()
                    .iter()
                    .filter(|id| {
                        self.doc
                            .as_ref()
                            .is_some_and(|d| d.manual().sign_off(id).is_some())
                    })
                    .cloned()
                    .collect();
                self.ask_approval(ids);
            }
            Command::ShowSignOff => self.dialog = Some(Dialog::SignOff),
            Command::PublishUpdate => {
                self.dialog = Some(Dialog::Publish(Box::new(
                    crate::app::dialogs::sign_off::PublishView {
                        date: crate::model::date::today_iso(),
                        ..Default::default()
                    },
                )))
            }
            Command::ShowKeywords => self.dialog = Some(Dialog::Keywords(Box::default())),
            Command::ShowProblems => self.problems.open = true,
            Command::CheckLinks => self.start_link_check(),
            Command::EditUpdates => self.dialog = Some(Dialog::Updates(Box::default())),
            Command::Palette => {
                let enabled = Command::ALL
                    .iter()
                    .copied()
                    .filter(|&c| self.is_enabled(c))
                    .collect();
                self.dialog = Some(Dialog::Palette(Box::new(
                    crate::app::dialogs::palette::PaletteView {
                        enabled,
                        ..Default::default()
                    },
                )));
            }
            Command::NextProblem | Command::PreviousProblem => {
                self.problems.open = true;
                let backwards = command == Command::PreviousProblem;
                let Some(doc) = &self.doc else { return };
                match self.problems.step(doc, backwards, self.now) {
                    Some(problem) => {
                        self.status = problem.to_string();
                        if let Some(id) = problem.entry {
                            self.selection.select(id);
                            self.tree.scroll_to_selected = true;
                        }
                    }
                    None => self.status = "No problem to go to.".into(),
                }
            }
            Command::ShowHistory => {
                if let Some(id) = self.selection.current().cloned() {
                    self.show_history(&id);
                }
            }
            Command::StartUpdate => {
                self.dialog = Some(Dialog::StartUpdate {
                    label: String::new(),
                    date: crate::model::date::today_iso().chars().take(7).collect(),
                    note: String::new(),
                })
            }
            Command::MarkUpdated => {
                if let Some(id) = self.selection.current().cloned() {
                    self.dialog = Some(Dialog::MarkUpdated {
                        id,
                        text: String::new(),
                    });
                }
            }
        }
    }
}

impl App {
    /// Right and Left in the contents, as in every tree view: Right unfolds
    /// the selected section, or goes to its first entry when it is open;
    /// Left folds it, or goes to the section holding the entry.
    fn unfold_or_step(&mut self, is_right: bool) {
        let Some(doc) = &self.doc else { return };
        let outline = doc.outline();
        let Some(at) = self
            .selection
            .current()
            .and_then(|id| outline.row_of.get(id))
            .copied()
        else {
            return;
        };
        let Some(row) = outline.rows.get(at) else {
            return;
        };
        let folded = self.tree.collapsed().contains(&row.id);
        let has_children = outline
            .rows
            .get(at + 1)
            .is_some_and(|r| r.parent == Some(at));
        let filtering = !self.tree.filter.trim().is_empty();
        let next = match (is_right, row.is_section && !filtering, folded) {
            (true, true, true) => {
                self.tree.toggle_collapsed(row.id.clone());
                return;
            }
            (true, _, _) if has_children => at + 1,
            (true, _, _) => return,
            (false, true, false) if has_children => {
                self.tree.toggle_collapsed(row.id.clone());
                return;
            }
            (false, _, _) => match row.parent {
                Some(parent) => parent,
                None => return,
            },
        };
        if let Some(row) = outline.rows.get(next) {
            self.selection.select(row.id.clone());
            self.tree.scroll_to_selected = true;
        }
    }
}
