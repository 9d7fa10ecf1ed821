//! The application: its state, the frame loop, and the one place where
//! actions are carried out.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use egui::{Context, ViewportCommand};

use crate::app::actions::{Action, Pending, Sample};
use crate::app::chapter::editor;
use crate::app::chapter::editor::EditorState;
use crate::app::dialogs::{self, Dialog};
use crate::app::panels::find::{self, FindState};
use crate::app::panels::packs::{self, PacksState};
use crate::app::settings::Settings;
use crate::app::tree;
use crate::app::tree::TreeState;
use crate::document::Document;
use crate::document::Selection;
use crate::document::spelling::Speller;
use crate::model::{Entry, EntryId, IdAllocator, Manual};
use crate::store::format::{self, SaveError};

/// How the window starts.
#[derive(Debug, Clone, Default)]
pub struct StartOptions {
    /// A manual to open.
    pub file: Option<PathBuf>,
    /// A bundled sample to open when no file is given; without either,
    /// the window opens on its welcome page (nothing to edit by mistake).
    pub sample: Option<Sample>,
    /// Where recovery copies of unsaved work go (`None`: none are kept).
    pub recovery_folder: Option<PathBuf>,
    /// Which dictionary spelling uses (none by default: the program asks
    /// for the system's).
    pub dictionary: Dictionary,
    /// Steps to run once the window is up (tests of the real binary).
    pub script: Vec<crate::app::shell::script::Step>,
}

/// Where the spelling dictionary comes from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Dictionary {
    /// No spell checking.
    #[default]
    Off,
    /// The system's British English dictionary, read in the background.
    System,
    /// This Hunspell pair (`PATH.aff`, `PATH.dic`), read at start.
    File(PathBuf),
}

/// The spelling dictionary: being read, ready, or why there is none.
pub(in crate::app) enum Spelling {
    Loading(std::sync::mpsc::Receiver<Result<Speller, String>>),
    Ready(Box<Speller>),
    Unavailable(String),
}

impl Spelling {
    fn start(choice: &Dictionary) -> Self {
        match choice {
            Dictionary::Off => Spelling::Unavailable("Spelling is off".into()),
            Dictionary::File(base) => match Speller::open(base) {
                Ok(speller) => Spelling::Ready(Box::new(speller)),
                Err(error) => Spelling::Unavailable(format!("Spelling is off: {error}")),
            },
            Dictionary::System => {
                let (send, receive) = std::sync::mpsc::channel();
                std::thread::spawn(move || {
                    let result = match crate::store::dictionary::find() {
                        Some(base) => Speller::open(&base),
                        None => Err("no British English dictionary was found (on Debian or \
                                     Ubuntu: apt install hunspell-en-gb)"
                            .into()),
                    };
                    let _ = send.send(result);
                });
                Spelling::Loading(receive)
            }
        }
    }

    /// The speller once it is ready.
    pub(in crate::app) fn ready(&mut self) -> Option<&mut Speller> {
        if let Spelling::Loading(receive) = self
            && let Ok(result) = receive.try_recv()
        {
            *self = match result {
                Ok(speller) => Spelling::Ready(Box::new(speller)),
                Err(error) => Spelling::Unavailable(format!("Spelling is off: {error}")),
            };
        }
        match self {
            Spelling::Ready(speller) => Some(speller),
            _ => None,
        }
    }

    /// What the status bar says about spelling.
    pub(in crate::app) fn status(&self) -> String {
        match self {
            Spelling::Loading(_) => "Spelling: reading the dictionary…".into(),
            Spelling::Ready(speller) => format!("Spelling: {}", speller.name),
            Spelling::Unavailable(why) => why.clone(),
        }
    }
}

/// The editor window's state.
pub struct App {
    pub(in crate::app) doc: Option<Document>,
    /// The selected entries; the current one is shown in the editor.
    pub(in crate::app) selection: Selection,
    pub(in crate::app) tree: TreeState,
    pub(in crate::app) editor: EditorState,
    pub(in crate::app) dialog: Option<Dialog>,
    pub(in crate::app) settings: Settings,
    pub(in crate::app) actions: Vec<Action>,
    /// Set once the user has agreed to quit, so the close goes through.
    pub(in crate::app) allow_close: bool,
    pub(in crate::app) shown_title: String,
    /// Seconds since start, from egui's clock: groups typing bursts.
    pub(in crate::app) now: f64,
    /// A short message in the status bar ("Saved …").
    pub(in crate::app) status: String,
    /// An export running in the background.
    pub(in crate::app) export_job: Option<ExportJob>,
    /// A check of the outside links running in the background.
    pub(in crate::app) link_job: Option<super::run_link_check::LinkJob>,
    /// Where recovery copies go, when kept.
    pub(in crate::app) recovery: Option<crate::store::recovery::Store>,
    /// Writes the copies off the window's thread.
    pub(in crate::app) recovery_writer: Option<crate::store::recovery::Writer>,
    /// The Resolve conflicts panel's values, as shown.
    pub(in crate::app) conflicts_view: crate::app::panels::conflicts::ConflictsView,
    /// Where the panes keyboard focus moves between (F6) were drawn.
    pub(in crate::app) pane_rects: Vec<(crate::app::panes::Pane, egui::Rect)>,
    /// What a test script still has to do.
    pub(in crate::app) script: Vec<crate::app::shell::script::Step>,
    pub(in crate::app) packs_ui: PacksState,
    /// The window had the focus last frame (regaining it checks the file).
    pub(in crate::app) was_focused: bool,
    /// The file changed on disk while there are unsaved changes: a bar
    /// says so until answered.
    pub(in crate::app) disk_changed: bool,
    pub(in crate::app) find: FindState,
    pub(in crate::app) problems: crate::app::panels::problems::ProblemsState,
    pub(in crate::app) spelling: Spelling,
    /// F10 asked for the keyboard to go to the menu bar.
    pub(in crate::app) focus_menu: bool,
    /// Alt is held and nothing else was pressed with it yet: releasing it
    /// goes to the menu bar, as in Windows programs.
    pub(in crate::app) alt_alone: Option<bool>,
}

/// A background export: its progress, shared with the worker thread.
pub(in crate::app) struct ExportJob {
    pub(in crate::app) out: PathBuf,
    pub(in crate::app) progress: Arc<Mutex<(String, usize, usize)>>,
    pub(in crate::app) handle: std::thread::JoinHandle<Result<usize, String>>,
}

impl App {
    /// Called by eframe (and by the UI tests) to create the app.
    pub fn new(cc: &eframe::CreationContext<'_>, options: StartOptions) -> Self {
        let settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, Settings::STORAGE_KEY))
            .unwrap_or_default();
        cc.egui_ctx.set_theme(settings.theme.preference());
        crate::app::widgets::pictures::install(&cc.egui_ctx);
        let mut app = App::with_settings(settings);
        app.spelling = Spelling::start(&options.dictionary);
        app.script = options.script;
        app.recovery = options
            .recovery_folder
            .map(crate::store::recovery::Store::new);
        app.recovery_writer = app
            .recovery
            .clone()
            .map(crate::store::recovery::Writer::start);
        match (options.file, options.sample) {
            (Some(path), _) => app.open(&path),
            (None, Some(sample)) => app.open_sample(sample),
            (None, None) => {}
        }
        // Work left unsaved by a crash is offered before anything else.
        if let Some(store) = &app.recovery {
            let found = store.found();
            if !found.is_empty() {
                app.dialog = Some(Dialog::Recover { found });
            }
        }
        app
    }

    pub(in crate::app) fn with_settings(settings: Settings) -> Self {
        App {
            doc: None,
            selection: Selection::default(),
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
            link_job: None,
            recovery: None,
            recovery_writer: None,
            script: Vec::new(),
            pane_rects: Vec::new(),
            conflicts_view: Default::default(),
            packs_ui: PacksState::default(),
            was_focused: true,
            disk_changed: false,
            find: FindState::default(),
            problems: Default::default(),
            spelling: Spelling::Unavailable("Spelling is off".into()),
            focus_menu: false,
            alt_alone: None,
        }
    }

    // ---- read access, for the window and for tests ----

    pub fn document(&self) -> Option<&Document> {
        self.doc.as_ref()
    }

    /// The entry shown in the editor.
    pub fn selected(&self) -> Option<&EntryId> {
        self.selection.current()
    }

    /// Every selected entry, in document order.
    pub fn selection(&self) -> &Selection {
        &self.selection
    }

    /// The window's title as last set (with "(read-only)" when so).
    pub fn window_title(&self) -> &str {
        &self.shown_title
    }

    /// What the status bar says last happened.
    pub fn status(&self) -> &str {
        &self.status
    }

    /// Whether the Problems panel is open.
    pub fn problems_open(&self) -> bool {
        self.problems.open
    }

    pub fn dialog(&self) -> Option<&Dialog> {
        self.dialog.as_ref()
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The packs beside the open manual, once the Packs panel listed them.
    pub fn packs(&self) -> Option<&crate::document::packs::Shelf> {
        self.doc.as_ref().and_then(Document::packs)
    }

    /// The selected item of the open pack.
    pub fn pack_selected(&self) -> Option<usize> {
        self.packs_ui.selected
    }

    /// The rows of the tree currently shown, as their labels.
    pub fn visible_labels(&self) -> Vec<String> {
        let Some(doc) = &self.doc else {
            return Vec::new();
        };
        let outline = doc.outline();
        crate::document::filter::visible_rows(outline, &self.tree.filter, self.tree.collapsed())
            .into_iter()
            .map(|i| outline.rows[i].label())
            .collect()
    }

    /// Queues an action as if the user had asked for it.
    pub fn push(&mut self, action: Action) {
        self.actions.push(action);
    }

    // ---- opening and saving ----

    pub(in crate::app) fn set_document(&mut self, doc: Document) {
        self.put_away_packs();
        self.selection = doc
            .outline()
            .rows
            .first()
            .map(|r| Selection::one(r.id.clone()))
            .unwrap_or_default();
        self.doc = Some(doc);
        // The problems found were the other manual's (its revisions count
        // from the start too); the panel stays as the user left it.
        self.problems.forget();
        self.forget_link_check();
        // What the status bar said was about the manual that was open.
        self.status.clear();
        self.tree = TreeState::default();
        self.editor = EditorState::default();
        self.tree.scroll_to_selected = true;
    }

    /// Opens `path`, unless someone else has it open: then the user is
    /// asked whether to open it read-only or anyway. Reading the open
    /// manual's own file again keeps its lock and its mode.
    pub(in crate::app) fn open(&mut self, path: &Path) {
        if let Some(doc) = &self.doc
            && doc.path() == Some(path)
        {
            let read_only = doc.is_read_only();
            let lock = self.doc.as_mut().and_then(Document::take_lock);
            if let Err(lock) = self.open_with(path, lock, read_only)
                && let Some(doc) = &mut self.doc
            {
                doc.set_lock(lock);
            }
            return;
        }
        use crate::store::lock::{self, Acquired};
        let lock = match lock::acquire(path) {
            Acquired::Locked(lock) => Some(lock),
            Acquired::Unlockable(_) => None,
            Acquired::Held(holder) => {
                self.dialog = Some(Dialog::LockedElsewhere {
                    path: path.to_path_buf(),
                    holder,
                });
                return;
            }
        };
        let _ = self.open_with(path, lock, false);
    }

    /// Opens `path` holding `lock`; on failure the lock is handed back and
    /// the manual that was open stays open.
    pub(in crate::app) fn open_with(
        &mut self,
        path: &Path,
        lock: Option<crate::store::lock::Lock>,
        read_only: bool,
    ) -> Result<(), Option<crate::store::lock::Lock>> {
        match Document::open(path) {
            Ok(mut doc) => {
                self.settings.remember(path);
                let mut status = format!("Opened {}", path.display());
                let conflicts = doc.manual().conflicts.len();
                if conflicts > 0 {
                    let conflicts = crate::model::counted(conflicts, "conflict", "conflicts");
                    status.push_str(&format!(": a merge left {conflicts} to resolve (below)"));
                }
                if read_only {
                    doc.set_read_only(true);
                    status.push_str(" read-only: Save As… keeps a copy you can change");
                }
                doc.set_lock(lock);
                self.set_document(doc);
                self.status = status;
                Ok(())
            }
            Err(error) => {
                self.open_failed(path, error);
                Err(lock)
            }
        }
    }

    fn open_failed(&mut self, path: &Path, error: crate::store::format::LoadError) {
        // A damaged file whose last good version is beside it.
        let backup = crate::store::format::backup_path(path);
        if matches!(error, crate::store::format::LoadError::Syntax { .. }) && backup.is_file() {
            self.dialog = Some(Dialog::Damaged {
                message: error.to_string(),
                original: path.to_path_buf(),
                backup,
            });
            return;
        }
        // A recent file that is gone leaves the Open Recent list.
        if let crate::store::format::LoadError::Io { source, .. } = &error
            && source.kind() == std::io::ErrorKind::NotFound
        {
            self.settings.forget(path);
        }
        // The manual that was open stays open and untouched.
        self.dialog = Some(Dialog::Error {
            title: "Could not open the manual".into(),
            message: error.to_string(),
        });
    }

    /// Locks the file of a manual just saved under a new name or
    /// recovered; who else has it open, if someone does.
    pub(in crate::app) fn lock_file(&mut self, path: &Path) -> Option<crate::store::lock::Holder> {
        use crate::store::lock::{self, Acquired};
        let doc = self.doc.as_mut()?;
        doc.set_lock(None);
        match lock::acquire(path) {
            Acquired::Locked(lock) => {
                doc.set_lock(Some(lock));
                None
            }
            Acquired::Held(holder) => Some(holder),
            Acquired::Unlockable(_) => None,
        }
    }

    pub(in crate::app) fn open_sample(&mut self, sample: Sample) {
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

    /// Saves to `path`; returns whether it worked (an error is shown). A
    /// file someone else changed is not written over unless `over`: the
    /// user is asked, and `then` waits for the answer.
    pub(in crate::app) fn save_to(
        &mut self,
        path: &Path,
        then: &Option<Pending>,
        over: bool,
    ) -> bool {
        let Some(doc) = &mut self.doc else {
            return false;
        };
        let previous = doc.path().map(std::path::Path::to_path_buf);
        let result = if over {
            doc.save_over(path)
        } else {
            doc.save_to(path)
        };
        match result {
            Ok(saved) => {
                let warnings = saved.warnings;
                for original in [previous.as_deref(), Some(path)] {
                    self.drop_recovery_copy(original);
                }
                let also_open = if previous.as_deref() == Some(path) {
                    None
                } else {
                    self.lock_file(path)
                };
                self.settings.remember(path);
                self.disk_changed = false;
                self.status = if warnings.is_empty() {
                    format!("Saved {}", path.display())
                } else {
                    format!("Saved {}, but {}", path.display(), warnings.join("; "))
                };
                if let Some(holder) = also_open {
                    self.status
                        .push_str(&format!(" (also {})", lowercase_first(&holder.describe())));
                }
                true
            }
            Err(SaveError::ChangedOnDisk { .. }) => {
                self.dialog = Some(Dialog::ChangedOnDisk {
                    path: path.to_path_buf(),
                    then: then.clone(),
                });
                false
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

    /// When the window comes back to the front: has someone changed the
    /// file meanwhile? With nothing unsaved, offer to read it again; with
    /// unsaved changes, a bar says so until answered.
    pub(in crate::app) fn check_disk_on_focus(&mut self, ctx: &Context) {
        let focused = ctx.input(|i| i.focused);
        let regained = focused && !self.was_focused;
        self.was_focused = focused;
        if !regained {
            return;
        }
        let Some(doc) = &self.doc else { return };
        if !doc.changed_on_disk() {
            return;
        }
        if doc.is_dirty() {
            self.disk_changed = true;
        } else if self.dialog.is_none() {
            self.dialog = Some(Dialog::ReloadFromDisk);
        }
    }

    pub(in crate::app) fn is_dirty(&self) -> bool {
        self.doc.as_ref().is_some_and(Document::is_dirty)
    }

    pub(in crate::app) fn proceed(&mut self, ctx: &Context, pending: Pending) {
        self.dialog = None;
        if pending != Pending::ChooseFile {
            // The open manual is being replaced or closed, its changes saved
            // or knowingly discarded: its recovery copy is no longer needed.
            let original = self
                .doc
                .as_ref()
                .and_then(|d| d.path().map(Path::to_path_buf));
            if self.doc.is_some() {
                self.drop_recovery_copy(original.as_deref());
            }
        }
        match pending {
            Pending::New => {
                self.set_document(Document::new(new_manual(), None));
                self.status = "New manual: Save As… to keep it".into();
            }
            Pending::Imported(manual) => {
                let mut doc = Document::new(*manual, None);
                // Not in any file yet: closing asks to save it.
                doc.mark_unsaved();
                self.set_document(doc);
                self.status = "Imported: Save As to keep the manual".into();
            }
            Pending::ChooseFile => {
                self.dialog = Some(Dialog::Open {
                    path: String::new(),
                    note: String::new(),
                })
            }
            Pending::Open(path) => self.open(&path),
            Pending::OpenSample(sample) => self.open_sample(sample),
            Pending::Close => {
                self.put_away_packs();
                self.doc = None;
                self.selection.clear();
            }
            Pending::Quit => {
                self.put_away_packs();
                self.allow_close = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
        }
    }

    /// Where a manual never saved is offered to be saved: the folder of
    /// the manual opened last, else the user's documents folder, else home.
    pub(in crate::app) fn save_folder(&self) -> Option<PathBuf> {
        let recent = self
            .settings
            .recent
            .iter()
            .filter_map(|p| p.parent())
            .find(|folder| folder.is_dir())
            .map(std::path::Path::to_path_buf);
        recent.or_else(|| {
            let dirs = directories::UserDirs::new()?;
            Some(
                dirs.document_dir()
                    .filter(|d| d.is_dir())
                    .unwrap_or(dirs.home_dir())
                    .to_path_buf(),
            )
        })
    }

    pub(in crate::app) fn save_as_dialog(&self, then: Option<Pending>) -> Dialog {
        let name = suggested_file_name(self.doc.as_ref());
        let path = self
            .doc
            .as_ref()
            .and_then(|d| d.path().map(std::path::Path::to_path_buf))
            .or_else(|| self.save_folder().map(|folder| folder.join(&name)))
            .unwrap_or_else(|| PathBuf::from(name));
        Dialog::SaveAs {
            path: path.display().to_string(),
            then,
            note: String::new(),
        }
    }

    pub(in crate::app) fn update_title(&mut self, ctx: &Context) {
        let title = match &self.doc {
            Some(doc) => format!(
                "{}{} — {}{} — manual-editor",
                if doc.is_dirty() { "● " } else { "" },
                if doc.manual().title.is_empty() {
                    "Untitled manual"
                } else {
                    &doc.manual().title
                },
                doc.display_name(),
                if doc.is_read_only() {
                    " (read-only)"
                } else {
                    ""
                }
            ),
            None => "manual-editor".to_string(),
        };
        if title != self.shown_title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
    }
}
/// A new manual with one part and one chapter, so there is something to edit.
pub(in crate::app) fn new_manual() -> Manual {
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

pub(in crate::app) fn suggested_file_name(doc: Option<&Document>) -> String {
    let title = doc.map(|d| d.manual().title.as_str()).unwrap_or("manual");
    format!("{}.ron", crate::model::slugify(title))
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.now = ctx.input(|i| i.time);
        self.read_close_request(&ctx);
        self.check_disk_on_focus(&ctx);
        self.read_dropped_files(&ctx);
        self.read_shortcuts(&ctx);
        self.run_script(&ctx);
        if let Some(doc) = &mut self.doc {
            // What is local in a manual made from a template (a cheap check
            // when nothing changed).
            doc.refresh_template();
        }

        egui::Panel::top("menu_bar").show(ui, |ui| self.menu_bar_ui(ui));
        egui::Panel::bottom("status_bar").show(ui, |ui| self.status_bar_ui(ui));
        if self.disk_changed {
            egui::Panel::top("disk_changed").show(ui, |ui| self.disk_changed_ui(ui));
        }
        use crate::app::panes::Pane;
        let mut panes: Vec<(Pane, egui::Rect)> = Vec::new();
        if self.problems.open
            && let Some(doc) = &self.doc
        {
            let shown = egui::Panel::bottom("problems_panel")
                .resizable(true)
                .default_size(200.0)
                .min_size(100.0)
                .show(ui, |ui| {
                    crate::app::panels::problems::problems_ui(
                        ui,
                        doc,
                        &mut self.problems,
                        &mut self.actions,
                    )
                });
            panes.push((Pane::Problems, shown.response.rect));
        }
        if self.find.open
            && let Some(doc) = &self.doc
        {
            let shown = egui::Panel::bottom("find_replace")
                .resizable(true)
                .default_size(220.0)
                .min_size(120.0)
                .show(ui, |ui| {
                    find::find_ui(ui, doc, &mut self.find, &mut self.actions)
                });
            panes.push((Pane::Find, shown.response.rect));
        }
        if self.doc.is_some() {
            let shown = egui::Panel::left("contents_tree")
                .resizable(true)
                .default_size(420.0)
                .min_size(220.0)
                .max_size((ui.available_width() * 0.7).max(240.0))
                .show(ui, |ui| {
                    if let Some(doc) = &self.doc {
                        tree::tree_ui(ui, doc, &self.selection, &mut self.tree, &mut self.actions);
                    }
                });
            panes.push((Pane::Contents, shown.response.rect));
            if let Some(doc) = &self.doc
                && !doc.manual().conflicts.is_empty()
            {
                let shown = egui::Panel::bottom("resolve_conflicts")
                    .resizable(true)
                    .default_size(240.0)
                    .min_size(120.0)
                    .show(ui, |ui| {
                        crate::app::panels::conflicts::conflicts_ui(
                            ui,
                            doc,
                            &mut self.conflicts_view,
                            &mut self.actions,
                        )
                    });
                panes.push((Pane::Conflicts, shown.response.rect));
            }
            if self.settings.show_packs {
                self.refresh_shelf();
                let shown = egui::Panel::right("packs_panel")
                    .resizable(true)
                    .default_size(360.0)
                    .min_size(260.0)
                    .show(ui, |ui| {
                        if let Some(doc) = &self.doc {
                            packs::packs_ui(
                                ui,
                                doc,
                                doc.packs(),
                                doc.packs_problem(),
                                &mut self.packs_ui,
                                &mut self.actions,
                            );
                        }
                    });
                panes.push((Pane::Packs, shown.response.rect));
            }
            let shown = egui::CentralPanel::default().show(ui, |ui| {
                self.editor.details_open = self.settings.chapter_details_open;
                if let Some(doc) = &self.doc {
                    editor::editor_ui(
                        ui,
                        doc,
                        self.selection.current(),
                        &mut self.editor,
                        self.spelling.ready(),
                        &mut self.actions,
                    );
                }
                self.settings.chapter_details_open = self.editor.details_open;
            });
            panes.push((Pane::Editor, shown.response.rect));
        } else {
            egui::CentralPanel::default().show(ui, |ui| self.welcome_ui(ui));
        }
        panes.sort_by_key(|(pane, _)| *pane as u8);
        self.pane_rects = panes;
        if let Some(dialog) = &mut self.dialog {
            dialogs::dialog_ui(&ctx, dialog, self.doc.as_ref(), &mut self.actions);
        }

        self.run_actions(&ctx);
        self.poll_export(&ctx);
        self.poll_link_check(&ctx);
        self.write_packs(&ctx);
        self.keep_recovery_copy(&ctx, false);
        self.update_title(&ctx);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, Settings::STORAGE_KEY, &self.settings);
    }
}

/// "Open on …" as "open on …", to go inside a sentence.
fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}
