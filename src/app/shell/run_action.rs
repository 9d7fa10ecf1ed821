//! Carrying out what the user asked for: the one place where actions and
//! commands change the app, the open manual or the files.

use std::path::Path;

use egui::Context;

use crate::app::actions::{Action, Pending};
use crate::app::dialogs::Dialog;
use crate::app::shell::state::{App, suggested_file_name};
use crate::edit::markdown_marks::byte_of;
use crate::edit::structure;
use crate::model::EntryId;

/// Said when the native file dialog gave no file.
const NO_FILE_CHOSEN: &str =
    "No file was chosen (or no file dialog is available here): type the path instead.";

/// How long a save or close waits for queued recovery work.
const RECOVERY_FLUSH: std::time::Duration = std::time::Duration::from_secs(5);

impl App {
    /// A click on a tree row: Ctrl toggles the entry in the selection,
    /// Shift selects the rows in view from the current entry to it.
    pub(in crate::app) fn click(&mut self, id: EntryId, toggle: bool, range: bool) {
        let Some(doc) = &self.doc else { return };
        let outline = doc.outline();
        if range {
            let shown: Vec<EntryId> = self
                .tree
                .visible(doc)
                .iter()
                .filter_map(|&r| outline.rows.get(r))
                .map(|row| row.id.clone())
                .collect();
            self.selection.extend_to(id, &shown);
        } else if toggle {
            let order = |s: &EntryId| outline.row_of.get(s).copied().unwrap_or(usize::MAX);
            self.selection.toggle(id, order);
        } else {
            self.selection.select(id);
        }
    }

    /// After the manual changed under the selection (delete, undo, redo):
    /// keep what still exists, else select the first entry.
    pub(in crate::app) fn retain_selection(&mut self) {
        let Some(doc) = &self.doc else { return };
        let outline = doc.outline();
        self.selection.retain(|id| outline.row(id).is_some());
        if self.selection.is_empty()
            && let Some(first) = outline.rows.first()
        {
            self.selection.select(first.id.clone());
        }
    }

    /// Publishes the current update and opens `label`, as one undoable
    /// step; a bad label or date is said in the dialog.
    fn start_update(&mut self, ctx: &Context, label: &str, date: &str) {
        let Some(doc) = &self.doc else { return };
        match doc.manual().updates_after_starting(label, date) {
            Ok(updates) => {
                self.dialog = None;
                let edits = vec![crate::edit::Edit::SetUpdates { updates }];
                self.run(ctx, Action::Edit { edits, group: None });
                self.status = format!("Started the update “{label}”: badges cleared");
            }
            Err(error) => {
                if let Some(Dialog::StartUpdate { note, .. }) = &mut self.dialog {
                    *note = error.to_string();
                }
            }
        }
    }

    /// Adds an amendment in the current update to the chapter `id`.
    fn mark_updated(&mut self, ctx: &Context, id: EntryId, text: String) {
        let Some(doc) = &self.doc else { return };
        let Some(update) = doc.manual().current_update().cloned() else {
            return;
        };
        let Some(mut head) = doc.entry(&id).map(crate::model::Entry::clone_head) else {
            return;
        };
        let Some(chapter) = head.chapter_details_mut() else {
            return;
        };
        let date = if update.date.is_empty() {
            crate::model::date::today_iso().chars().take(7).collect()
        } else {
            update.date.clone()
        };
        chapter.amendments.insert(
            0,
            crate::model::Amendment {
                date,
                text,
                update: update.label,
                draft: false,
            },
        );
        self.dialog = None;
        let edits = vec![crate::edit::Edit::UpdateEntry {
            entry: Box::new(head),
        }];
        self.run(ctx, Action::Edit { edits, group: None });
    }

    /// Puts a link over `range` (character indices) of the entry's body, as
    /// one undoable step, leaving the cursor after it.
    pub(in crate::app) fn insert_body_link(
        &mut self,
        ctx: &Context,
        id: EntryId,
        range: std::ops::Range<usize>,
        markdown: &str,
    ) {
        let Some(doc) = &self.doc else { return };
        let Some(mut head) = doc.entry(&id).map(crate::model::Entry::clone_head) else {
            return;
        };
        let Some(chapter) = head.chapter_details_mut() else {
            return;
        };
        let body = &mut chapter.body;
        let (start, end) = (byte_of(body, range.start), byte_of(body, range.end));
        body.replace_range(start..end.max(start), markdown);
        let after = range.start + markdown.chars().count();
        let edits = vec![crate::edit::Edit::UpdateEntry {
            entry: Box::new(head),
        }];
        self.run(ctx, Action::Edit { edits, group: None });
        self.editor.body.set_cursor(after..after);
    }

    /// Deletes the entries (and the links to them) as one undoable step,
    /// selecting what was just above the first.
    pub(in crate::app) fn delete(&mut self, ctx: &Context, ids: Vec<EntryId>) {
        let Some(doc) = &self.doc else { return };
        let outline = doc.outline();
        let first_row = ids
            .iter()
            .filter_map(|id| outline.row_of.get(id).copied())
            .min();
        let next = first_row
            .and_then(|r| r.checked_sub(1))
            .and_then(|r| outline.rows.get(r))
            .map(|r| r.id.clone());
        let mut edits = structure::delete_edits(doc.manual(), &ids);
        // Deleted while an update is open: the Amendments page says so.
        let removals = doc.manual().removals_of(&ids);
        if !removals.is_empty() {
            let mut removed = doc.manual().removed.clone();
            removed.extend(removals);
            edits.push(crate::edit::Edit::SetRemoved { removed });
        }
        let count = ids.len();
        self.run(ctx, Action::Edit { edits, group: None });
        match next {
            Some(id) => self.selection.select(id),
            None => self.retain_selection(),
        }
        self.status = format!(
            "Deleted {count} entr{} (Ctrl+Z to undo)",
            if count == 1 { "y" } else { "ies" }
        );
    }

    /// Drops a handled copy from the recovery question, closing it when none
    /// is left.
    fn forget_recovered(&mut self, copy: &Path) {
        if let Some(Dialog::Recover { found }) = &mut self.dialog {
            found.retain(|f| f.copy != copy);
            if found.is_empty() {
                self.dialog = None;
            }
        }
    }

    /// Copies unsaved work for recovery when the recovery schedule says so:
    /// after a pause in editing (or now, when `now` is set, waiting until it
    /// is written).
    /// The copy is written on the recovery thread.
    pub(in crate::app) fn keep_recovery_copy(&mut self, ctx: &Context, now: bool) {
        let (Some(writer), Some(doc)) = (&self.recovery_writer, &mut self.doc) else {
            return;
        };
        for problem in writer.problems() {
            self.status = format!("Could not keep a recovery copy: {problem}");
        }
        use crate::document::recovery_schedule::Due;
        match doc.recovery_due(self.now, now) {
            Due::Nothing => {}
            Due::After(seconds) => {
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(seconds));
            }
            Due::Now => {
                writer.write(doc.manual().clone(), doc.path());
                if now {
                    writer.flush(RECOVERY_FLUSH);
                }
                doc.recovery_copied();
            }
        }
    }

    /// Drops the recovery copy of `original` once every copy queued before
    /// is written (so none outlives this), and waits for it.
    pub(in crate::app) fn drop_recovery_copy(&mut self, original: Option<&Path>) {
        let Some(writer) = &self.recovery_writer else {
            return;
        };
        writer.remove(original);
        if !writer.flush(RECOVERY_FLUSH) {
            self.status = "The recovery copy is still being written".into();
        }
        for problem in writer.problems() {
            self.status = format!("Could not tidy up: {problem}");
        }
    }

    /// True from the start of an export until its result is shown.
    pub fn is_exporting(&self) -> bool {
        self.export_job.is_some()
    }

    /// True from the start of a check of the outside links until its
    /// results are listed.
    pub fn is_checking_links(&self) -> bool {
        self.link_job.is_some()
    }

    /// True while the export's worker is still writing.
    pub fn is_export_running(&self) -> bool {
        self.export_job
            .as_ref()
            .is_some_and(|job| !job.handle.is_finished())
    }

    pub(in crate::app) fn run_actions(&mut self, ctx: &Context) {
        let actions = std::mem::take(&mut self.actions);
        if actions.is_empty() {
            return;
        }
        for action in actions {
            self.run(ctx, action);
        }
        // What the actions changed was laid out before they ran: draw again.
        ctx.request_repaint();
    }

    pub(in crate::app) fn run(&mut self, ctx: &Context, action: Action) {
        match action {
            Action::Run(command) => self.run_command(ctx, command),
            Action::NewLocal {
                template,
                authority,
                out,
            } => self.new_local(ctx, &template, &authority, &out),
            Action::PlanPull(path) => self.plan_pull(&path),
            Action::BrowsePull => {
                let picked = rfd::FileDialog::new()
                    .add_filter("Manual", &["ron"])
                    .pick_file();
                if let Some(path) = picked {
                    if let Some(Dialog::PullTemplate(view)) = &mut self.dialog {
                        view.path = path.display().to_string();
                    }
                    self.plan_pull(&path);
                }
            }
            Action::ApplyPull => self.apply_pull(),
            Action::CompareWithTemplate(id) => self.compare_with_template(&id),
            Action::CompareWithPublished(id) => self.compare_with_published(&id),
            Action::ShowHistory(id) => self.show_history(&id),
            Action::CloseProblems => self.problems.open = false,
            Action::ExportDocx { path, whole } => self.export_docx(&path, whole),
            Action::RenameUpdate { old, label, date } => {
                self.rename_update(ctx, &old, &label, &date)
            }
            Action::ShowComparison {
                title,
                here,
                against,
                pieces,
            } => {
                self.dialog = Some(Dialog::Compare {
                    title,
                    here,
                    against,
                    pieces,
                })
            }
            Action::AskApproval(ids) => self.ask_approval(ids),
            Action::Approve {
                ids,
                by,
                role,
                comment,
            } => self.approve(&ids, &by, &role, &comment),
            Action::Publish { date, reason } => self.publish(&date, &reason),
            Action::Select(id) => {
                self.packs_ui.active = false;
                self.selection.select(id);
                self.tree.scroll_to_selected = true;
            }
            Action::Click { id, modifiers } => {
                self.packs_ui.active = false;
                self.click(id, modifiers.command, modifiers.shift);
            }
            Action::Pack(action) => self.run_pack(action),
            Action::Status(text) => self.status = text,
            Action::AddWord(word) => {
                let Some(doc) = &self.doc else { return };
                let mut words = doc.manual().words.clone();
                if !words.contains(&word) {
                    words.push(word.clone());
                    words.sort_by_key(|w| w.to_lowercase());
                    let edits = vec![crate::edit::Edit::SetWords { words }];
                    self.run(ctx, Action::Edit { edits, group: None });
                    self.status = format!("Added “{word}” to the manual's word list");
                }
            }
            Action::ReplaceAll {
                query,
                replacement,
                options,
            } => {
                let Some(doc) = &self.doc else { return };
                let all = crate::edit::find::replace_all_edits(
                    doc.manual(),
                    &query,
                    &replacement,
                    options,
                );
                let (count, entries) = (all.replaced, all.edits.len());
                if count > 0 {
                    self.run(
                        ctx,
                        Action::Edit {
                            edits: all.edits,
                            group: None,
                        },
                    );
                }
                use crate::model::counted;
                self.status = format!(
                    "Replaced {} in {} (Ctrl+Z undoes it)",
                    counted(count, "match", "matches"),
                    counted(entries, "entry", "entries")
                );
                if all.refused_matches > 0 {
                    self.status.push_str(&format!(
                        "; {} in {} left alone: the replacement would break a link there",
                        counted(all.refused_matches, "match", "matches"),
                        counted(all.refused_entries, "entry", "entries")
                    ));
                }
            }
            Action::ReplaceOne {
                hit,
                query,
                replacement,
                options,
            } => {
                let Some(doc) = &self.doc else { return };
                match crate::edit::find::replace_one_edit(
                    doc.manual(),
                    &hit,
                    &query,
                    &replacement,
                    options,
                ) {
                    Ok(edit) => self.run(
                        ctx,
                        Action::Edit {
                            edits: vec![edit],
                            group: None,
                        },
                    ),
                    Err(crate::edit::find::ReplaceRefused::Stale) => {
                        self.status = "That match has changed since: search again".into();
                    }
                    Err(crate::edit::find::ReplaceRefused::WouldBreak) => {
                        self.status =
                            "Not replaced: the replacement would break a link there".into();
                    }
                }
            }
            Action::StartUpdate { label, date } => self.start_update(ctx, &label, &date),
            Action::MarkUpdated { id, text } => {
                self.editor.tab = crate::app::chapter::editor::ChapterTab::Amendments;
                self.mark_updated(ctx, id, text)
            }
            Action::ConfirmDelete(ids) => {
                self.dialog = None;
                self.delete(ctx, ids);
            }
            Action::Edit { edits, group } => {
                let Some(doc) = &mut self.doc else { return };
                // The document drafts the notes a move or rename needs.
                let drafted = doc.apply(edits, group, self.now);
                if let Err(error) = drafted {
                    let read_only = error == crate::edit::EditError::ReadOnly;
                    if read_only {
                        // The field shows the manual again, not the refused typing.
                        self.editor.forget_draft();
                    }
                    self.dialog = Some(Dialog::Error {
                        title: if read_only {
                            "This manual is open read-only".into()
                        } else {
                            "That change could not be made".into()
                        },
                        message: error.to_string(),
                    });
                }
            }
            Action::Guarded(pending) => {
                if self.is_dirty() {
                    self.dialog = Some(Dialog::Unsaved { then: pending });
                } else {
                    self.proceed(ctx, pending);
                }
            }
            Action::Proceed(pending) => self.proceed(ctx, pending),
            Action::SaveThen(then) => {
                // A manual open read-only is saved only under another name.
                let path = self
                    .doc
                    .as_ref()
                    .filter(|d| !d.is_read_only())
                    .and_then(|d| d.path().map(std::path::Path::to_path_buf));
                match path {
                    Some(path) => {
                        self.dialog = None;
                        if self.save_to(&path, &then, false)
                            && let Some(then) = then
                        {
                            self.proceed(ctx, then);
                        }
                    }
                    None => self.dialog = Some(self.save_as_dialog(then)),
                }
            }
            Action::SaveTo { path, then } => {
                self.dialog = None;
                if self.save_to(&path, &then, false)
                    && let Some(then) = then
                {
                    self.proceed(ctx, then);
                }
            }
            Action::SaveOver { path, then } => {
                self.dialog = None;
                if self.save_to(&path, &then, true)
                    && let Some(then) = then
                {
                    self.proceed(ctx, then);
                }
            }
            Action::ReloadFromDisk => {
                self.dialog = None;
                self.disk_changed = false;
                if let Some(path) = self
                    .doc
                    .as_ref()
                    .and_then(|d| d.path())
                    .map(Path::to_path_buf)
                {
                    self.open(&path);
                }
            }
            Action::KeepMine => {
                self.dialog = None;
                self.disk_changed = false;
            }
            Action::ResolveConflict { index, side } => {
                let Some(doc) = &self.doc else { return };
                match crate::edit::resolve::resolve(doc.manual(), index, side) {
                    Ok(edits) => self.run(ctx, Action::Edit { edits, group: None }),
                    Err(error) => {
                        self.dialog = Some(Dialog::Error {
                            title: "That conflict could not be settled".into(),
                            message: error.to_string(),
                        })
                    }
                }
            }
            Action::OpenLocked { path, read_only } => {
                self.dialog = None;
                let _ = self.open_with(&path, None, read_only);
            }
            Action::OpenBackup { original, backup } => {
                self.dialog = None;
                match crate::store::format::load(&backup) {
                    Ok(manual) => {
                        let mut doc =
                            crate::document::Document::new(manual, Some(original.clone()));
                        doc.mark_unsaved();
                        self.set_document(doc);
                        self.status = format!(
                            "Opened the backup of {}: Save replaces the damaged file",
                            original.display()
                        );
                    }
                    Err(error) => {
                        self.dialog = Some(Dialog::Error {
                            title: "The backup cannot be read either".into(),
                            message: error.to_string(),
                        })
                    }
                }
            }
            Action::AskInsertFile => self.ask_insert_file(None),
            Action::InsertFile {
                for_entry,
                range,
                source,
                text,
            } => self.insert_file(ctx, for_entry, range, &source, &text),
            Action::CreateFromWord { manual, files, out } => {
                self.create_from_word(ctx, &manual, &files, out)
            }
            Action::EditWithFiles { edits, files, done } => {
                self.edit_with_files(ctx, edits, &files, done)
            }
            Action::BrowseInsertFile => {
                if let Some(path) = rfd::FileDialog::new().pick_file()
                    && let Some(Dialog::InsertFile(dialog)) = &mut self.dialog
                {
                    dialog.set_path(&path);
                }
            }
            Action::BrowseOpen => {
                let picked = rfd::FileDialog::new()
                    .add_filter("Manual", &["ron"])
                    .pick_file();
                match picked {
                    Some(path) => self.proceed(ctx, Pending::Open(path)),
                    None => {
                        if let Some(Dialog::Open { note, .. }) = &mut self.dialog {
                            *note = NO_FILE_CHOSEN.into();
                        }
                    }
                }
            }
            Action::BrowseSaveAs { then } => {
                let mut dialog = rfd::FileDialog::new()
                    .add_filter("Manual", &["ron"])
                    .set_file_name(suggested_file_name(self.doc.as_ref()));
                let folder = self
                    .doc
                    .as_ref()
                    .and_then(|d| d.path())
                    .and_then(std::path::Path::parent)
                    .map(std::path::Path::to_path_buf)
                    .or_else(|| self.save_folder());
                if let Some(folder) = folder {
                    dialog = dialog.set_directory(folder);
                }
                let picked = dialog.save_file();
                match picked {
                    Some(path) => self.run(ctx, Action::SaveTo { path, then }),
                    None => {
                        if let Some(Dialog::SaveAs { note, .. }) = &mut self.dialog {
                            *note = NO_FILE_CHOSEN.into();
                        }
                    }
                }
            }
            Action::CloseDialog => self.dialog = None,
            Action::StartExport { out, date, choice } => self.start_export(out, date, choice),
            Action::RecoverOpen(found) => match crate::store::format::load(&found.copy) {
                Ok(manual) => {
                    let mut doc = crate::document::Document::new(manual, found.original.clone());
                    doc.mark_unsaved();
                    self.set_document(doc);
                    self.status = "Recovered unsaved changes: save them to keep them".into();
                    if let Some(holder) = found.original.as_deref().and_then(|p| self.lock_file(p))
                    {
                        self.status.push_str(&format!(" ({})", holder.describe()));
                    }
                    self.forget_recovered(&found.copy);
                }
                Err(error) => {
                    self.dialog = Some(Dialog::Error {
                        title: "Could not open the recovered copy".into(),
                        message: error.to_string(),
                    })
                }
            },
            Action::RecoverDiscard(copy) => match std::fs::remove_file(&copy) {
                Ok(()) => self.forget_recovered(&copy),
                Err(error) => {
                    self.dialog = Some(Dialog::Error {
                        title: "Could not remove the recovered copy".into(),
                        message: format!(
                            "{}: {error}. It will be offered again at the next start.",
                            copy.display()
                        ),
                    })
                }
            },
            Action::WriteRecoveryCopy => self.keep_recovery_copy(ctx, true),
            Action::OpenBodyLinkPicker {
                for_entry,
                range,
                text,
            } => {
                self.dialog = Some(Dialog::Picker(Box::new(
                    crate::app::chapter::picker::Picker::for_body_link(for_entry, range, text),
                )));
            }
            Action::InsertBodyLink {
                for_entry,
                range,
                markdown,
            } => self.insert_body_link(ctx, for_entry, range, &markdown),
            Action::StopLinkCheck => self.stop_link_check(),
            Action::FixStyle {
                entry,
                field,
                range,
                covered,
                fix,
            } => self.fix_style(&entry, field, range, &covered, &fix),
            Action::SetStyleRule { rule, on } => {
                self.change_style(|style| style.set_on(rule, on));
            }
            Action::AllowTerm(term) => {
                self.change_style(|style| style.allow(&term));
            }
            Action::SetSentenceWords(words) => {
                self.change_style(|style| {
                    let was = style.sentence_words;
                    style.sentence_words = Some(words);
                    was != style.sentence_words
                });
            }
            Action::AddKeyword(term) => self.add_keyword(&term),
            Action::UseNewAddress { old, new } => self.use_new_address(&old, &new),
            Action::OpenPicker { for_entry, replace } => {
                self.dialog = Some(Dialog::Picker(Box::new(
                    crate::app::chapter::picker::Picker::new(for_entry, replace),
                )));
            }
            Action::AddSeeAlso { to, item, replace } => {
                let Some(doc) = &self.doc else { return };
                let Some(entry) = doc.entry(&to) else { return };
                let mut head = entry.clone_head();
                match replace {
                    Some(i) if i < head.see_also.len() => head.see_also[i] = item,
                    _ => head.see_also.push(item),
                }
                self.run(
                    ctx,
                    Action::Edit {
                        edits: vec![crate::edit::Edit::UpdateEntry {
                            entry: Box::new(head),
                        }],
                        group: None,
                    },
                );
            }
            Action::OpenInBrowser(page) => {
                if let Err(error) = open_in_browser(&page) {
                    self.dialog = Some(Dialog::Error {
                        title: "Could not open a browser".into(),
                        message: format!("{error}. The export is at {}.", page.display()),
                    });
                }
            }
            Action::ToggleCollapsed(id) => {
                self.tree.toggle_collapsed(id);
            }
            Action::SetTheme(theme) => {
                self.settings.theme = theme;
                ctx.set_theme(theme.preference());
            }
        }
    }
}

/// Opens a local page in the desktop's browser.
fn open_in_browser(page: &Path) -> std::io::Result<()> {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(target_os = "windows") {
        "explorer"
    } else {
        "xdg-open"
    };
    std::process::Command::new(opener)
        .arg(page)
        .spawn()
        .map(|_| ())
}
