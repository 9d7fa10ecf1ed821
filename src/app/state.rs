//! The application: its state, the frame loop, and the one place where
//! actions are carried out.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use egui::{Context, ViewportCommand};

use super::actions::{Action, Pending, Sample};
use super::dialogs::{self, Dialog};
use super::document::Document;
use super::editor::EditorState;
use super::settings::{Settings, ThemeChoice};
use super::tree::TreeState;
use super::{Command, editor, tree};
use crate::format;
use crate::model::{Entry, EntryId, IdAllocator, Manual};
use crate::structure::{self, Direction, NewEntry, NewPlace};

/// How the window starts.
#[derive(Debug, Clone, Default)]
pub struct StartOptions {
    /// A manual to open; without one the Stockport sample opens.
    pub file: Option<PathBuf>,
}

/// The editor window's state.
pub struct App {
    doc: Option<Document>,
    selected: Option<EntryId>,
    pub(super) tree: TreeState,
    pub(super) editor: EditorState,
    dialog: Option<Dialog>,
    settings: Settings,
    actions: Vec<Action>,
    /// Set once the user has agreed to quit, so the close goes through.
    allow_close: bool,
    shown_title: String,
    /// Seconds since start, from egui's clock: groups typing bursts.
    now: f64,
    /// A short message in the status bar ("Saved …").
    status: String,
    /// An export running in the background.
    export_job: Option<ExportJob>,
}

/// A background export: its progress, shared with the worker thread.
struct ExportJob {
    out: PathBuf,
    progress: Arc<Mutex<(String, usize, usize)>>,
    handle: std::thread::JoinHandle<Result<usize, String>>,
}

impl App {
    /// Called by eframe (and by the UI tests) to create the app.
    pub fn new(cc: &eframe::CreationContext<'_>, options: StartOptions) -> Self {
        let settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, Settings::STORAGE_KEY))
            .unwrap_or_default();
        cc.egui_ctx.set_theme(settings.theme.preference());
        let mut app = App::with_settings(settings);
        match options.file {
            Some(path) => app.open(&path),
            None => app.open_sample(Sample::Stockport),
        }
        app
    }

    fn with_settings(settings: Settings) -> Self {
        App {
            doc: None,
            selected: None,
            tree: TreeState::default(),
            editor: EditorState::default(),
            dialog: None,
            settings,
            actions: Vec::new(),
            allow_close: false,
            shown_title: String::new(),
            now: 0.0,
            status: String::new(),
            export_job: None,
        }
    }

    // ---- read access, for the window and for tests ----

    pub fn document(&self) -> Option<&Document> {
        self.doc.as_ref()
    }

    pub fn selected(&self) -> Option<&EntryId> {
        self.selected.as_ref()
    }

    pub fn dialog(&self) -> Option<&Dialog> {
        self.dialog.as_ref()
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The rows of the tree currently shown, as their labels.
    pub fn visible_labels(&self) -> Vec<String> {
        let Some(doc) = &self.doc else {
            return Vec::new();
        };
        let outline = doc.outline();
        super::filter::visible_rows(outline, &self.tree.filter, &self.tree.collapsed)
            .into_iter()
            .map(|i| outline.rows[i].label())
            .collect()
    }

    /// Queues an action as if the user had asked for it.
    pub fn push(&mut self, action: Action) {
        self.actions.push(action);
    }

    // ---- opening and saving ----

    fn set_document(&mut self, doc: Document) {
        self.selected = doc.outline().rows.first().map(|r| r.id.clone());
        self.doc = Some(doc);
        self.tree = TreeState::default();
        self.editor = EditorState::default();
        self.tree.scroll_to_selected = true;
    }

    fn open(&mut self, path: &Path) {
        match Document::open(path) {
            Ok(doc) => {
                self.settings.remember(path);
                self.status = format!("Opened {}", path.display());
                self.set_document(doc);
            }
            Err(error) => {
                // The manual that was open stays open and untouched.
                self.dialog = Some(Dialog::Error {
                    title: "Could not open the manual".into(),
                    message: error.to_string(),
                });
            }
        }
    }

    fn open_sample(&mut self, sample: Sample) {
        let name = format!("{} sample", sample.name());
        match format::from_str(sample.text(), Path::new(&name)) {
            Ok(manual) => {
                self.set_document(Document::new(manual, None));
                self.status = format!("Opened the {name} (Save As to keep a copy)");
            }
            Err(error) => {
                self.dialog = Some(Dialog::Error {
                    title: "Could not open the sample".into(),
                    message: error.to_string(),
                })
            }
        }
    }

    /// Saves to `path`; returns whether it worked (an error is shown).
    fn save_to(&mut self, path: &Path) -> bool {
        let Some(doc) = &mut self.doc else {
            return false;
        };
        match doc.save_to(path) {
            Ok(()) => {
                self.settings.remember(path);
                self.status = format!("Saved {}", path.display());
                true
            }
            Err(error) => {
                self.dialog = Some(Dialog::Error {
                    title: "Could not save the manual".into(),
                    message: format!("{error}\n\nYour changes are still here, not saved."),
                });
                false
            }
        }
    }

    /// The entries the structure commands act on: the multi-selection, or
    /// the one selected entry.
    pub fn selection(&self) -> Vec<EntryId> {
        if self.tree.selection.is_empty() {
            self.selected.iter().cloned().collect()
        } else {
            self.tree.selection.clone()
        }
    }

    fn click(&mut self, id: EntryId, toggle: bool, range: bool) {
        let Some(doc) = &self.doc else { return };
        if range && let Some(anchor) = self.selected.clone() {
            let outline = doc.outline();
            let rows =
                super::filter::visible_rows(outline, &self.tree.filter, &self.tree.collapsed);
            let position = |id: &EntryId| {
                outline
                    .row_of
                    .get(id)
                    .and_then(|r| rows.iter().position(|x| x == r))
            };
            if let (Some(a), Some(b)) = (position(&anchor), position(&id)) {
                let (from, to) = (a.min(b), a.max(b));
                self.tree.selection = rows[from..=to]
                    .iter()
                    .map(|&r| outline.rows[r].id.clone())
                    .collect();
                return;
            }
        }
        if toggle {
            let mut selection = self.selection();
            match selection.iter().position(|s| s == &id) {
                Some(i) => {
                    selection.remove(i);
                }
                None => selection.push(id.clone()),
            }
            let outline = doc.outline();
            selection.sort_by_key(|s| outline.row_of.get(s).copied().unwrap_or(usize::MAX));
            self.tree.selection = selection;
            self.selected = Some(id);
            return;
        }
        self.tree.selection.clear();
        self.selected = Some(id);
    }

    /// Deletes the entries (and the links to them) as one undoable step,
    /// selecting what was just above the first.
    fn delete(&mut self, ctx: &Context, ids: Vec<EntryId>) {
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
        let edits = structure::delete_edits(&doc.manual, &ids);
        let count = ids.len();
        self.run(ctx, Action::Edit { edits, group: None });
        self.tree.selection.clear();
        self.selected = next;
        self.status = format!(
            "Deleted {count} entr{} (Ctrl+Z to undo)",
            if count == 1 { "y" } else { "ies" }
        );
    }

    /// Starts exporting a copy of the manual on a worker thread, so the
    /// window stays responsive and shows progress.
    fn start_export(&mut self, out: PathBuf, date: String) {
        let Some(doc) = &self.doc else { return };
        if self.export_job.is_some() {
            return;
        }
        let manual = doc.manual.clone();
        let progress = Arc::new(Mutex::new(("Starting".to_string(), 0, 1)));
        let shared = Arc::clone(&progress);
        let target = out.clone();
        let handle = std::thread::spawn(move || {
            let options = crate::export::ExportOptions {
                date,
                base_url: None,
            };
            crate::export::export_html(&manual, &options, &target, &mut |stage, done, total| {
                if let Ok(mut p) = shared.lock() {
                    *p = (stage.to_string(), done, total);
                }
            })
            .map_err(|e| e.to_string())
        });
        self.export_job = Some(ExportJob {
            out,
            progress,
            handle,
        });
        self.dialog = Some(Dialog::Exporting {
            stage: "Starting".into(),
            done: 0,
            total: 1,
        });
    }

    fn poll_export(&mut self, ctx: &Context) {
        let Some(job) = &self.export_job else { return };
        if !job.handle.is_finished() {
            if let Ok(p) = job.progress.lock() {
                self.dialog = Some(Dialog::Exporting {
                    stage: p.0.clone(),
                    done: p.1,
                    total: p.2,
                });
            }
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
            return;
        }
        let Some(job) = self.export_job.take() else {
            return;
        };
        let result = job
            .handle
            .join()
            .unwrap_or_else(|_| Err("the export stopped unexpectedly".into()));
        self.dialog = Some(match result {
            Ok(files) => {
                self.status = format!("Exported {files} files to {}", job.out.display());
                Dialog::Exported {
                    out: job.out,
                    files,
                }
            }
            Err(message) => Dialog::Error {
                title: "The export failed".into(),
                message,
            },
        });
    }

    /// True while an export runs in the background.
    pub fn is_exporting(&self) -> bool {
        self.export_job.is_some()
    }

    fn is_dirty(&self) -> bool {
        self.doc.as_ref().is_some_and(Document::is_dirty)
    }

    fn proceed(&mut self, ctx: &Context, pending: Pending) {
        self.dialog = None;
        match pending {
            Pending::New => self.set_document(Document::new(new_manual(), None)),
            Pending::ChooseFile => {
                self.dialog = Some(Dialog::Open {
                    path: String::new(),
                    note: String::new(),
                })
            }
            Pending::Open(path) => self.open(&path),
            Pending::OpenSample(sample) => self.open_sample(sample),
            Pending::Close => {
                self.doc = None;
                self.selected = None;
            }
            Pending::Quit => {
                self.allow_close = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
        }
    }

    fn save_as_dialog(&self, then: Option<Pending>) -> Dialog {
        let path = self
            .doc
            .as_ref()
            .and_then(|d| d.path.clone())
            .unwrap_or_else(|| PathBuf::from(suggested_file_name(self.doc.as_ref())));
        Dialog::SaveAs {
            path: path.display().to_string(),
            then,
            note: String::new(),
        }
    }

    // ---- the one place where actions are carried out ----

    fn run_actions(&mut self, ctx: &Context) {
        let actions = std::mem::take(&mut self.actions);
        for action in actions {
            self.run(ctx, action);
        }
    }

    fn run(&mut self, ctx: &Context, action: Action) {
        match action {
            Action::Run(command) => self.run_command(ctx, command),
            Action::Select(id) => {
                self.selected = Some(id);
                self.tree.selection.clear();
                self.tree.scroll_to_selected = true;
            }
            Action::Click { id, toggle, range } => self.click(id, toggle, range),
            Action::ConfirmDelete(ids) => {
                self.dialog = None;
                self.delete(ctx, ids);
            }
            Action::Edit { edits, group } => {
                let Some(doc) = &mut self.doc else { return };
                if let Err(error) = doc.apply(edits, group, self.now) {
                    self.dialog = Some(Dialog::Error {
                        title: "That change could not be made".into(),
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
                let path = self.doc.as_ref().and_then(|d| d.path.clone());
                match path {
                    Some(path) => {
                        self.dialog = None;
                        if self.save_to(&path)
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
                if self.save_to(&path)
                    && let Some(then) = then
                {
                    self.proceed(ctx, then);
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
                            *note = "No file was chosen (or no file dialog is available here): type the path instead.".into();
                        }
                    }
                }
            }
            Action::BrowseSaveAs { then } => {
                let picked = rfd::FileDialog::new()
                    .add_filter("Manual", &["ron"])
                    .set_file_name(suggested_file_name(self.doc.as_ref()))
                    .save_file();
                match picked {
                    Some(path) => self.run(ctx, Action::SaveTo { path, then }),
                    None => {
                        if let Some(Dialog::SaveAs { note, .. }) = &mut self.dialog {
                            *note = "No file was chosen (or no file dialog is available here): type the path instead.".into();
                        }
                    }
                }
            }
            Action::CloseDialog => self.dialog = None,
            Action::StartExport { out, date } => self.start_export(out, date),
            Action::OpenPicker { for_entry, replace } => {
                self.dialog = Some(Dialog::Picker(Box::new(super::dialogs::Picker::new(
                    for_entry, replace,
                ))));
            }
            Action::AddSeeAlso { to, item, replace } => {
                let Some(doc) = &self.doc else { return };
                let Some(entry) = doc
                    .outline()
                    .row(&to)
                    .and_then(|r| doc.manual.entry(&r.path))
                else {
                    return;
                };
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
                if !self.tree.collapsed.remove(&id) {
                    self.tree.collapsed.insert(id);
                }
            }
            Action::SetTheme(theme) => {
                self.settings.theme = theme;
                ctx.set_theme(theme.preference());
            }
        }
    }

    fn run_command(&mut self, ctx: &Context, command: Command) {
        match command {
            Command::New => self.run(ctx, Action::Guarded(Pending::New)),
            Command::Open => self.run(ctx, Action::Guarded(Pending::ChooseFile)),
            Command::Save => {
                if self.doc.is_some() {
                    self.run(ctx, Action::SaveThen(None));
                }
            }
            Command::ExportHtml => {
                if let Some(doc) = &self.doc {
                    let out = doc
                        .path
                        .as_ref()
                        .and_then(|p| {
                            p.parent().map(|folder| {
                                folder.join(format!(
                                    "{}-site",
                                    crate::model::slugify(&doc.manual.title)
                                ))
                            })
                        })
                        .unwrap_or_else(|| {
                            PathBuf::from(format!(
                                "{}-site",
                                crate::model::slugify(&doc.manual.title)
                            ))
                        });
                    self.dialog = Some(Dialog::Export {
                        out: out.display().to_string(),
                        date: crate::util::today_iso(),
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
                let subject = if command == Command::Undo {
                    doc.undo()
                } else {
                    doc.redo()
                };
                match subject {
                    Some(Some(id)) if doc.outline().row(&id).is_some() => {
                        self.selected = Some(id);
                        self.tree.scroll_to_selected = true;
                    }
                    Some(_) => {}
                    None => self.status = format!("Nothing to {}", command.label().to_lowercase()),
                }
            }
            Command::Find => self.tree.focus_filter = true,
            Command::AddChapterAfter | Command::AddSectionAfter | Command::AddInside => {
                let (Some(doc), Some(relative)) = (&self.doc, self.selected.clone()) else {
                    return;
                };
                let (kind, place) = match command {
                    Command::AddChapterAfter => (NewEntry::Chapter, NewPlace::After),
                    Command::AddSectionAfter => (NewEntry::Section, NewPlace::After),
                    _ => (NewEntry::Chapter, NewPlace::Inside),
                };
                match structure::add_edit(&doc.manual, &relative, kind, place) {
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
                let selection = self.selection();
                let edits = if command == Command::Duplicate {
                    structure::duplicate_edits(&doc.manual, &selection)
                } else {
                    structure::toggle_numbered_edits(&doc.manual, &selection)
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
                match structure::move_edits(&doc.manual, &self.selection(), direction) {
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
                let selection = structure::top_level_selection(&doc.manual, &self.selection());
                if selection.is_empty() {
                    return;
                }
                let linking = structure::links_into(&doc.manual, &selection);
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
                if let Some(id) = self.selected.clone() {
                    self.run(
                        ctx,
                        Action::OpenPicker {
                            for_entry: id,
                            replace: None,
                        },
                    );
                }
            }
            Command::ExpandAll => self.tree.collapsed.clear(),
            Command::CollapseAll => {
                if let Some(doc) = &self.doc {
                    self.tree.collapsed = doc
                        .outline()
                        .rows
                        .iter()
                        .filter(|r| r.is_section)
                        .map(|r| r.id.clone())
                        .collect();
                }
            }
            Command::SelectPrevious | Command::SelectNext => {
                let Some(doc) = &self.doc else { return };
                let outline = doc.outline();
                let rows =
                    super::filter::visible_rows(outline, &self.tree.filter, &self.tree.collapsed);
                let current = self
                    .selected
                    .as_ref()
                    .and_then(|id| outline.row_of.get(id))
                    .and_then(|r| rows.iter().position(|x| x == r));
                let next = match (current, command) {
                    (None, _) => rows.first().copied(),
                    (Some(i), Command::SelectPrevious) => rows.get(i.saturating_sub(1)).copied(),
                    (Some(i), _) => rows.get((i + 1).min(rows.len().saturating_sub(1))).copied(),
                };
                if let Some(row) = next.and_then(|r| outline.rows.get(r)) {
                    self.selected = Some(row.id.clone());
                    self.tree.scroll_to_selected = true;
                }
            }
            Command::Help => self.dialog = Some(Dialog::Help),
        }
    }

    // ---- per-frame input ----

    fn read_shortcuts(&mut self, ctx: &Context) {
        if self.dialog.is_some() {
            return;
        }
        let text_focused = ctx.text_edit_focused();
        for (command, shortcut) in Command::by_specificity() {
            if text_focused && !command.fires_in_text_field() {
                continue;
            }
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.actions.push(Action::Run(command));
            }
        }
    }

    fn read_dropped_files(&mut self, ctx: &Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped
            .into_iter()
            .find(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")))
        {
            self.actions.push(Action::Guarded(Pending::Open(path)));
        }
    }

    fn read_close_request(&mut self, ctx: &Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close && self.is_dirty() {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.dialog = Some(Dialog::Unsaved {
                then: Pending::Quit,
            });
        }
    }

    fn update_title(&mut self, ctx: &Context) {
        let title = match &self.doc {
            Some(doc) => format!(
                "{}{} — {} — manual-editor",
                if doc.is_dirty() { "● " } else { "" },
                if doc.manual.title.is_empty() {
                    "Untitled manual"
                } else {
                    &doc.manual.title
                },
                doc.display_name()
            ),
            None => "manual-editor".to_string(),
        };
        if title != self.shown_title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
    }

    fn menu_bar_ui(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                self.command_button(ui, Command::New);
                self.command_button(ui, Command::Open);
                ui.menu_button("Open Recent", |ui| {
                    if self.settings.recent.is_empty() {
                        ui.label("No recent files");
                    }
                    for path in self.settings.recent.clone() {
                        if ui.button(path.display().to_string()).clicked() {
                            self.actions.push(Action::Guarded(Pending::Open(path)));
                        }
                    }
                });
                ui.menu_button("Open Sample", |ui| {
                    for sample in Sample::ALL {
                        if ui.button(sample.name()).clicked() {
                            self.actions
                                .push(Action::Guarded(Pending::OpenSample(sample)));
                        }
                    }
                });
                ui.separator();
                self.command_button(ui, Command::Save);
                self.command_button(ui, Command::SaveAs);
                self.command_button(ui, Command::ExportHtml);
                self.command_button(ui, Command::Close);
                ui.separator();
                self.command_button(ui, Command::Quit);
            });
            ui.menu_button("Edit", |ui| {
                self.command_button(ui, Command::Undo);
                self.command_button(ui, Command::Redo);
                ui.separator();
                self.command_button(ui, Command::AddSeeAlso);
                ui.separator();
                for command in [
                    Command::AddChapterAfter,
                    Command::AddSectionAfter,
                    Command::AddInside,
                    Command::Duplicate,
                    Command::ToggleNumbered,
                ] {
                    self.command_button(ui, command);
                }
                ui.separator();
                for command in [
                    Command::MoveUp,
                    Command::MoveDown,
                    Command::MoveOut,
                    Command::MoveIn,
                    Command::Delete,
                ] {
                    self.command_button(ui, command);
                }
            });
            ui.menu_button("View", |ui| {
                self.command_button(ui, Command::Find);
                self.command_button(ui, Command::ExpandAll);
                self.command_button(ui, Command::CollapseAll);
                ui.separator();
                ui.label("Theme");
                for theme in ThemeChoice::ALL {
                    if ui
                        .radio(self.settings.theme == theme, theme.label())
                        .clicked()
                    {
                        self.actions.push(Action::SetTheme(theme));
                    }
                }
            });
            ui.menu_button("Help", |ui| {
                self.command_button(ui, Command::Help);
            });
        });
    }

    fn command_button(&mut self, ui: &mut egui::Ui, command: Command) {
        let enabled = match command {
            Command::Undo => self.doc.as_ref().is_some_and(|d| d.history.can_undo()),
            Command::Redo => self.doc.as_ref().is_some_and(|d| d.history.can_redo()),
            Command::Save
            | Command::SaveAs
            | Command::ExportHtml
            | Command::AddSeeAlso
            | Command::AddChapterAfter
            | Command::AddSectionAfter
            | Command::AddInside
            | Command::Duplicate
            | Command::ToggleNumbered
            | Command::MoveUp
            | Command::MoveDown
            | Command::MoveOut
            | Command::MoveIn
            | Command::Delete
            | Command::Close
            | Command::Find
            | Command::ExpandAll
            | Command::CollapseAll => self.doc.is_some(),
            _ => true,
        };
        let mut button = egui::Button::new(command.label());
        if let Some(shortcut) = command.shortcuts().first() {
            button = button.shortcut_text(ui.ctx().format_shortcut(shortcut));
        }
        if ui
            .add_enabled(enabled, button)
            .on_hover_text(command.tooltip())
            .clicked()
        {
            self.actions.push(Action::Run(command));
        }
    }

    fn status_bar_ui(&self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let Some(doc) = &self.doc else {
                ui.label("No manual open");
                return;
            };
            let path = doc.path.as_ref().map_or_else(
                || "Not saved to a file yet".to_string(),
                |p| p.display().to_string(),
            );
            ui.label(path);
            ui.separator();
            ui.label(if doc.is_dirty() {
                "Unsaved changes"
            } else {
                "Saved"
            });
            ui.separator();
            ui.label(format!("{} chapters", doc.outline().chapter_count));
            ui.separator();
            let outline = doc.outline();
            let warnings = format!(
                "{} warnings ({} that matter)",
                outline.warnings.len(),
                outline.serious_warning_count()
            );
            let label = ui.label(warnings);
            if !outline.warnings.is_empty() {
                label.on_hover_ui(|ui| {
                    for warning in outline.warnings.iter().take(20) {
                        ui.label(warning.to_string());
                    }
                    if outline.warnings.len() > 20 {
                        ui.label(format!("… and {} more", outline.warnings.len() - 20));
                    }
                });
            }
            if !self.status.is_empty() {
                ui.separator();
                ui.label(&self.status);
            }
        });
    }

    fn welcome_ui(&mut self, ui: &mut egui::Ui) {
        ui.vertical_centered(|ui| {
            ui.add_space(60.0);
            ui.heading("No manual is open");
            ui.add_space(12.0);
            if ui.button("Open a manual…").clicked() {
                self.actions.push(Action::Run(Command::Open));
            }
            if ui.button("New manual").clicked() {
                self.actions.push(Action::Run(Command::New));
            }
            for sample in Sample::ALL {
                if ui
                    .button(format!("Open the {} sample", sample.name()))
                    .clicked()
                {
                    self.actions
                        .push(Action::Guarded(Pending::OpenSample(sample)));
                }
            }
        });
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

/// A new manual with one part and one chapter, so there is something to edit.
fn new_manual() -> Manual {
    let mut ids = IdAllocator::default();
    let mut manual = Manual::new("Untitled manual", "");
    let chapter = Entry::chapter(ids.allocate("New chapter"), "New chapter");
    manual.entries.push(Entry::section(
        ids.allocate("Part 1"),
        "Part 1",
        vec![chapter],
    ));
    manual
}

fn suggested_file_name(doc: Option<&Document>) -> String {
    let title = doc.map(|d| d.manual.title.as_str()).unwrap_or("manual");
    format!("{}.ron", crate::model::slugify(title))
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.now = ctx.input(|i| i.time);
        self.read_close_request(&ctx);
        self.read_dropped_files(&ctx);
        self.read_shortcuts(&ctx);

        egui::Panel::top("menu_bar").show(ui, |ui| self.menu_bar_ui(ui));
        egui::Panel::bottom("status_bar").show(ui, |ui| self.status_bar_ui(ui));
        if self.doc.is_some() {
            egui::Panel::left("contents_tree")
                .resizable(true)
                .default_size(420.0)
                .min_size(220.0)
                .max_size((ui.available_width() * 0.7).max(240.0))
                .show(ui, |ui| {
                    if let Some(doc) = &self.doc {
                        tree::tree_ui(
                            ui,
                            doc,
                            self.selected.as_ref(),
                            &mut self.tree,
                            &mut self.actions,
                        );
                    }
                });
            egui::CentralPanel::default().show(ui, |ui| {
                if let Some(doc) = &self.doc {
                    editor::editor_ui(
                        ui,
                        doc,
                        self.selected.as_ref(),
                        &mut self.editor,
                        &mut self.actions,
                    );
                }
            });
        } else {
            egui::CentralPanel::default().show(ui, |ui| self.welcome_ui(ui));
        }
        if let Some(dialog) = &mut self.dialog {
            dialogs::dialog_ui(&ctx, dialog, self.doc.as_ref(), &mut self.actions);
        }

        self.run_actions(&ctx);
        self.poll_export(&ctx);
        self.update_title(&ctx);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, Settings::STORAGE_KEY, &self.settings);
    }
}
