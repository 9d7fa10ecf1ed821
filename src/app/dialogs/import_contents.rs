//! File > New from contents list…: paste a published contents list (or open
//! a `.txt`), see the manual it makes and the importer's report beside it,
//! with the lines it did not understand marked in the text, then Create.

use std::collections::HashMap;

use egui::{RichText, TextEdit, Ui};

use crate::app::actions::{Action, Pending};
use crate::app::widgets::fields::labelled;
use crate::import::{ImportOptions, ImportReport, import_text};
use crate::model::Manual;

/// How many entries the preview lists (the report counts them all).
const SHOWN_ENTRIES: usize = 400;

/// The dialog's state: the text, and what it imports to.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportDialog {
    pub text: String,
    /// A `.txt` file to read into the text.
    pub path: String,
    pub note: String,
    /// The text the result was made from, and the result.
    made_from: Option<String>,
    result: Option<Box<(Manual, ImportReport)>>,
    /// The manual's title and authority, as the user confirms or types
    /// them: filled from what the importer found until typed in.
    pub title: String,
    pub authority: String,
    named_by_hand: bool,
}

impl ImportDialog {
    /// The manual and report for the text as it is now.
    fn result(&mut self) -> Option<&(Manual, ImportReport)> {
        if self.text.trim().is_empty() {
            self.result = None;
            self.made_from = None;
            return None;
        }
        if self.made_from.as_deref() != Some(self.text.as_str()) {
            let options = ImportOptions::default();
            self.result = Some(Box::new(import_text(&self.text, &options)));
            self.made_from = Some(self.text.clone());
        }
        self.result.as_deref()
    }

    /// Reads the file named in `path` into the text.
    fn load(&mut self) {
        read_into(&self.path, &mut self.text, &mut self.note);
    }
}

pub fn import_dialog_ui(ui: &mut Ui, dialog: &mut ImportDialog, actions: &mut Vec<Action>) {
    ui.heading("New manual from a contents list");
    ui.label(
        "Paste the contents list of a published manual (copied from its web page, a Word \
         document or an FOI answer), or read a .txt file. Every line is either placed in the \
         manual or listed in the report.",
    );
    ui.horizontal(|ui| {
        labelled(
            ui,
            "Text file",
            TextEdit::singleline(&mut dialog.path)
                .hint_text("contents.txt")
                .desired_width(320.0),
        );
        if ui.button("Read file").clicked() {
            dialog.load();
        }
        if ui
            .button("Browse…")
            .on_hover_text("Choose the file in a file dialog")
            .clicked()
            && let Some(path) = rfd::FileDialog::new()
                .add_filter("Contents lists", &["txt", "md", "docx"])
                .pick_file()
        {
            dialog.path = path.display().to_string();
            dialog.load();
        }
    });
    if !dialog.note.is_empty() {
        ui.label(RichText::new(&dialog.note).small());
    }
    let height = (ui.ctx().content_rect().height() * 0.5).max(200.0);
    // As many rows as the height holds: more would bring a scroll bar that
    // narrows the text, which then wraps again, frame after frame.
    let rows = ((height - 24.0) / ui.text_style_height(&egui::TextStyle::Monospace)).max(4.0);
    dialog.result();
    if !dialog.named_by_hand {
        let (title, authority) = dialog
            .result
            .as_deref()
            .map(|(m, _)| (m.title.clone(), m.authority.clone()))
            .unwrap_or_default();
        dialog.title = title;
        dialog.authority = authority;
    }
    let result = dialog.result.as_deref();
    let marked: HashMap<usize, bool> = result.map_or_else(HashMap::new, |(_, report)| {
        report
            .skipped
            .iter()
            .map(|l| (l.line_no, false))
            .chain(report.not_understood.iter().map(|l| (l.line_no, true)))
            .collect()
    });
    ui.columns(2, |columns| {
        let [left, right] = columns else { return };
        left.label("Contents text (lines not understood are marked red, page furniture grey)");
        egui::ScrollArea::vertical()
            .id_salt("import_text")
            .max_height(height)
            .show(left, |ui| {
                let mut layouter = |ui: &Ui, buffer: &dyn egui::TextBuffer, wrap: f32| {
                    ui.fonts_mut(|f| f.layout_job(marked_lines(ui, buffer.as_str(), &marked, wrap)))
                };
                let field = TextEdit::multiline(&mut dialog.text)
                    .desired_width(f32::INFINITY)
                    .desired_rows(rows as usize)
                    .font(egui::TextStyle::Monospace)
                    .hint_text("1. All Children\n1.1 Policies\n1.1.1 Confidentiality Policy")
                    .layouter(&mut layouter);
                let label = ui.label(RichText::new("Contents text").small());
                ui.add(field).labelled_by(label.id);
            });
        right.label("The manual it makes");
        // The title and authority the importer found, to confirm or correct.
        let title = TextEdit::singleline(&mut dialog.title)
            .hint_text("e.g. Northshire Children's Services Procedures Manual")
            .desired_width(f32::INFINITY);
        if labelled(right, "Manual title", title).changed() {
            dialog.named_by_hand = true;
        }
        let authority = TextEdit::singleline(&mut dialog.authority)
            .hint_text("e.g. Northshire")
            .desired_width(f32::INFINITY);
        if labelled(right, "Authority", authority).changed() {
            dialog.named_by_hand = true;
        }
        egui::ScrollArea::vertical()
            .id_salt("import_result")
            .max_height(height)
            .show(right, |ui| match result {
                None => {
                    ui.label(RichText::new("Nothing yet: paste a contents list.").italics());
                }
                Some((manual, report)) => result_ui(ui, manual, report),
            });
    });
    let refusal = result.and_then(|(_, report)| report.refusal());
    if let Some(refusal) = &refusal {
        ui.colored_label(ui.visuals().error_fg_color, refusal);
    }
    let named = !dialog.title.trim().is_empty() && !dialog.authority.trim().is_empty();
    ui.horizontal(|ui| {
        let create = ui
            .add_enabled(
                result.is_some() && refusal.is_none() && named,
                egui::Button::new("Create manual"),
            )
            .on_hover_text("Open the imported manual, not yet saved")
            .on_disabled_hover_text(
                "Paste a contents list, and give the manual a title and an authority",
            );
        if create.clicked()
            && let Some((manual, _)) = result
        {
            let mut manual = manual.clone();
            manual.title = dialog.title.trim().to_string();
            manual.authority = dialog.authority.trim().to_string();
            actions.push(Action::Guarded(Pending::Imported(Box::new(manual))));
        }
        if ui.button("Cancel").clicked() {
            actions.push(Action::CloseDialog);
        }
    });
}

/// Reads the text file at `path` (in whichever encoding it is) into
/// `text`, saying what happened in `note`.
fn read_into(path: &str, text: &mut String, note: &mut String) {
    let path = path.trim();
    match crate::import::read_source(std::path::Path::new(path)) {
        Ok((read, encoding)) => {
            *text = read;
            *note = format!("Read {path} ({encoding}).");
        }
        Err(error) => *note = format!("{error}."),
    }
}

/// The imported tree (numbers and titles, indented) above the report.
fn result_ui(ui: &mut Ui, manual: &Manual, report: &ImportReport) {
    ui.label(RichText::new(report.to_string()).small().monospace());
    ui.separator();
    tree_ui(ui, manual);
}

/// The manual's entries, numbered and indented, sections in bold (the
/// first few hundred, then how many more).
pub(super) fn tree_ui(ui: &mut Ui, manual: &Manual) {
    let mut shown = 0;
    manual.walk(|path, entry, number| {
        shown += 1;
        if shown > SHOWN_ENTRIES {
            return;
        }
        let label = crate::model::label(number, &entry.title);
        let mut text = RichText::new(format!("{}{label}", "    ".repeat(path.len() - 1)));
        if entry.is_section() {
            text = text.strong();
        }
        ui.label(text);
    });
    if shown > SHOWN_ENTRIES {
        ui.label(format!("… and {} more entries", shown - SHOWN_ENTRIES));
    }
}

/// The pasted text laid out with the report's lines marked: red behind the
/// lines not understood, grey text for page furniture.
fn marked_lines(
    ui: &Ui,
    text: &str,
    marked: &HashMap<usize, bool>,
    wrap: f32,
) -> egui::text::LayoutJob {
    let font = egui::TextStyle::Monospace.resolve(ui.style());
    let plain = egui::TextFormat::simple(font.clone(), ui.visuals().text_color());
    let mut job = egui::text::LayoutJob::default();
    job.wrap.max_width = wrap;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let format = match marked.get(&(index + 1)) {
            Some(true) => egui::TextFormat {
                background: ui.visuals().error_fg_color.gamma_multiply(0.35),
                ..plain.clone()
            },
            Some(false) => egui::TextFormat::simple(font.clone(), ui.visuals().weak_text_color()),
            None => plain.clone(),
        };
        job.append(line, 0.0, format);
    }
    job
}

/// File > Import amendments page…: the page's text, and what it would
/// record in the open manual.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AmendmentsDialog {
    pub text: String,
    pub path: String,
    pub note: String,
    /// The text and manual revision the outcome was worked out for, and
    /// the outcome: worked out again only when either changes, not every
    /// frame (it walks the whole manual).
    made_for: Option<(String, u64)>,
    outcome: Option<(
        Vec<crate::edit::Edit>,
        crate::import::amendments::AmendmentsReport,
    )>,
}

impl AmendmentsDialog {
    fn refresh(&mut self, doc: &crate::document::Document) {
        let current = self
            .made_for
            .as_ref()
            .is_some_and(|(text, revision)| *text == self.text && *revision == doc.revision());
        if !current {
            let page = crate::import::amendments::parse(&self.text);
            self.outcome = crate::import::amendments::edits(doc.manual(), &page);
            self.made_for = Some((self.text.clone(), doc.revision()));
        }
    }
}

pub fn amendments_dialog_ui(
    ui: &mut Ui,
    dialog: &mut AmendmentsDialog,
    doc: Option<&crate::document::Document>,
    actions: &mut Vec<Action>,
) {
    let Some(doc) = doc else { return };
    ui.heading("Import an Amendments page");
    ui.label(
        "Paste a published Amendments page: its update (\"April 2024\"), then the rows of \
         chapter and details under \"Updated chapters\" and \"New chapters\". Chapters are \
         matched by title.",
    );
    ui.horizontal(|ui| {
        labelled(
            ui,
            "Page file",
            TextEdit::singleline(&mut dialog.path)
                .hint_text("amendments.txt")
                .desired_width(320.0),
        );
        if ui.button("Read file").clicked() {
            read_into(&dialog.path, &mut dialog.text, &mut dialog.note);
        }
    });
    if !dialog.note.is_empty() {
        ui.label(RichText::new(&dialog.note).small());
    }
    egui::ScrollArea::vertical()
        .id_salt("amendments_text")
        .max_height(220.0)
        .show(ui, |ui| {
            let label = ui.label(RichText::new("Amendments page text").small());
            ui.add(
                TextEdit::multiline(&mut dialog.text)
                    .desired_width(f32::INFINITY)
                    .desired_rows(10),
            )
            .labelled_by(label.id);
        });
    dialog.refresh(doc);
    let outcome = &dialog.outcome;
    match outcome {
        None if dialog.text.trim().is_empty() => {}
        None => {
            ui.colored_label(
                ui.visuals().error_fg_color,
                "No update heading such as \"April 2024\" was found.",
            );
        }
        Some((_, report)) => {
            ui.label(RichText::new(report.to_string()).small().monospace());
        }
    }
    ui.horizontal(|ui| {
        let ready = outcome.as_ref().is_some_and(|(edits, _)| !edits.is_empty());
        let apply = ui
            .add_enabled(ready, egui::Button::new("Record amendments"))
            .on_hover_text("Record them in the manual, as one step (Ctrl+Z undoes it)");
        if apply.clicked()
            && let Some((edits, report)) = outcome
        {
            actions.push(Action::CloseDialog);
            actions.push(Action::Edit {
                edits: edits.clone(),
                group: None,
            });
            actions.push(Action::Status(format!(
                "Recorded {}: {} updated, {} new, {} rows matched no chapter",
                report.update,
                report.updated,
                report.added,
                report.unmatched.len()
            )));
        }
        if ui.button("Cancel").clicked() {
            actions.push(Action::CloseDialog);
        }
    });
}

/// File > Import chapter pages…: the pages to read, and what they would
/// fill.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChaptersDialog {
    /// One file a line.
    pub paths: String,
    /// Overwrite a scope or body already written.
    pub replace: bool,
    /// The paths, the choice and the manual revision the preview was made
    /// for, and the preview: the edits and each page's report.
    made_for: Option<PreviewKey>,
    preview: Vec<String>,
    edits: Vec<crate::edit::Edit>,
    /// Pictures the pages brought, copied into the manual's folder on
    /// import: each name and bytes.
    files: Vec<(String, Vec<u8>)>,
    /// The preview being read on a thread of its own, and what for: a big
    /// or hostile page never stalls the window.
    pending: Option<(PreviewKey, PendingPreview)>,
}

type PreviewKey = (String, bool, u64);

/// A preview's lines, edits and the pictures to copy in first.
type Preview = (Vec<String>, Vec<crate::edit::Edit>, Vec<(String, Vec<u8>)>);

/// Where the reading thread leaves its preview.
#[derive(Clone, Default)]
struct PendingPreview(std::sync::Arc<std::sync::Mutex<Option<Preview>>>);

impl PartialEq for PendingPreview {
    fn eq(&self, other: &Self) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for PendingPreview {}

impl std::fmt::Debug for PendingPreview {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PendingPreview")
    }
}

/// Reads the pages and works out what they would fill.
fn read_preview(
    manual: &crate::model::Manual,
    folder: Option<&str>,
    paths: &str,
    replace: bool,
) -> Preview {
    let mut pages = Vec::new();
    let mut problems = Vec::new();
    for path in paths.lines().map(str::trim).filter(|p| !p.is_empty()) {
        match crate::import::read_page(std::path::Path::new(path)) {
            Ok(page) => pages.push(page),
            Err(error) => problems.push(error),
        }
    }
    let import = crate::import::chapters::import_page_files(manual, &pages, folder, replace);
    problems.extend(import.reports.iter().map(ToString::to_string));
    (problems, import.edits, import.files)
}

impl ChaptersDialog {
    /// Whether a preview is being read.
    pub fn is_reading(&self) -> bool {
        self.pending.is_some()
    }

    fn refresh(&mut self, doc: &crate::document::Document, ctx: &egui::Context) {
        let key = (self.paths.clone(), self.replace, doc.revision());
        if let Some((made_for, job)) = &self.pending {
            let done = job.0.lock().ok().and_then(|mut slot| slot.take());
            if let Some((preview, edits, files)) = done {
                if *made_for == key {
                    self.preview = preview;
                    self.edits = edits;
                    self.files = files;
                    self.made_for = Some(key.clone());
                }
                self.pending = None;
            }
        }
        let working = self.pending.as_ref().is_some_and(|(k, _)| *k == key);
        if self.made_for.as_ref() == Some(&key) || working {
            return;
        }
        self.edits.clear();
        if self.paths.trim().is_empty() {
            // Nothing to read: no thread.
            self.preview.clear();
            self.pending = None;
            self.made_for = Some(key);
            return;
        }
        self.preview = vec!["Reading the pages…".into()];
        let job = PendingPreview::default();
        let (slot, manual, ctx) = (job.0.clone(), doc.manual().clone(), ctx.clone());
        let (paths, replace) = (self.paths.clone(), self.replace);
        let folder = doc.path().map(crate::store::files::folder_link_name);
        std::thread::spawn(move || {
            let preview = read_preview(&manual, folder.as_deref(), &paths, replace);
            if let Ok(mut slot) = slot.lock() {
                *slot = Some(preview);
            }
            ctx.request_repaint();
        });
        self.pending = Some((key, job));
    }
}

pub fn chapters_dialog_ui(
    ui: &mut Ui,
    dialog: &mut ChaptersDialog,
    doc: Option<&crate::document::Document>,
    actions: &mut Vec<Action>,
) {
    let Some(doc) = doc else { return };
    ui.heading("Import chapter pages");
    ui.label(
        "Chapter pages saved from a browser (.html), copied from one (.txt) or written in \
         Word (.docx) fill the chapters they match, by number or title: scope, related chapters and guidance, \
         notes, amendment notes and the text.",
    );
    ui.horizontal(|ui| {
        if ui
            .button("Browse…")
            .on_hover_text("Choose the pages in a file dialog")
            .clicked()
            && let Some(files) = rfd::FileDialog::new()
                .add_filter("Chapter pages", &["html", "htm", "txt", "docx"])
                .pick_files()
        {
            for file in files {
                if !dialog.paths.is_empty() && !dialog.paths.ends_with('\n') {
                    dialog.paths.push('\n');
                }
                dialog.paths.push_str(&file.display().to_string());
            }
        }
        ui.checkbox(&mut dialog.replace, "Replace text already written");
    });
    let label = ui.label(RichText::new("Chapter page files, one a line").small());
    ui.add(
        TextEdit::multiline(&mut dialog.paths)
            .desired_width(f32::INFINITY)
            .desired_rows(4)
            .hint_text("/path/to/young-carers.html"),
    )
    .labelled_by(label.id);
    dialog.refresh(doc, ui.ctx());
    egui::ScrollArea::vertical()
        .id_salt("chapters_preview")
        .max_height((ui.ctx().content_rect().height() - 420.0).clamp(120.0, 360.0))
        .show(ui, |ui| {
            for report in &dialog.preview {
                ui.label(RichText::new(report).small().monospace());
            }
        });
    ui.horizontal(|ui| {
        let count = crate::import::chapters::chapters_filled(&dialog.edits);
        let chapters = if count == 1 { "chapter" } else { "chapters" };
        let import = ui
            .add_enabled(
                count > 0,
                egui::Button::new(format!("Import into {count} {chapters}")),
            )
            .on_hover_text("Fill the chapters, as one step (Ctrl+Z undoes it)");
        if import.clicked() {
            actions.push(Action::CloseDialog);
            actions.push(Action::EditWithFiles {
                edits: dialog.edits.clone(),
                files: dialog.files.clone(),
                done: format!("Filled {count} {chapters} from their pages (Ctrl+Z undoes it)"),
            });
        }
        if ui.button("Cancel").clicked() {
            actions.push(Action::CloseDialog);
        }
    });
}
