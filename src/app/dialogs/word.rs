//! Word documents in the window: File > New from Word document… (a whole
//! manual from one long document, previewed with the importer's report,
//! then saved with its pictures beside it), and File > Import consultation
//! response… (a copy that came back: each proposed change to accept or
//! reject, the reviewers' comments beside them, applied as one step).

use egui::{RichText, TextEdit, Ui};

use crate::app::actions::Action;
use crate::app::widgets::fields::labelled;
use crate::document::response::{self, ResponseReview};
use crate::import::ImportOptions;
use crate::import::word_manual::{WordManual, import_word};
use crate::model::redline::{Mark, Piece};

/// Reads a Word document the user named, bounded as every import is.
fn read_word(path: &str) -> Result<Vec<u8>, String> {
    use crate::store::read::{Links, read_regular};
    let path = std::path::Path::new(path.trim());
    let bytes = read_regular(path, crate::store::format::MAX_FILE_BYTES, Links::Follow)
        .map_err(|error| format!("Cannot read {}: {error}", path.display()))?;
    if !crate::import::docx::is_docx(&bytes) {
        return Err(format!(
            "{} is not a Word document (.docx): save it from Word as \"Word Document\"",
            path.display()
        ));
    }
    Ok(bytes)
}

/// A row naming a .docx: the path, Read, and Browse… (a file dialog titled
/// `title`); true when the document should be read now.
fn docx_row(ui: &mut Ui, label: &str, path: &mut String, hint: &str, title: &str) -> bool {
    ui.horizontal(|ui| {
        labelled(
            ui,
            label,
            TextEdit::singleline(path)
                .hint_text(hint)
                .desired_width(320.0),
        );
        let mut read = ui.button("Read").clicked();
        if ui.button("Browse…").clicked()
            && let Some(picked) = rfd::FileDialog::new()
                .set_title(title)
                .add_filter("Word documents", &["docx"])
                .pick_file()
        {
            *path = picked.display().to_string();
            read = true;
        }
        read
    })
    .inner
}

/// File > New from Word document….
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewFromWordDialog {
    pub path: String,
    /// Where the new manual is saved (its pictures go beside it).
    pub out: String,
    pub authority: String,
    pub note: String,
    made: Option<Box<WordManual>>,
}

impl NewFromWordDialog {
    /// Reads the document named in `path` and makes its manual.
    pub fn read(&mut self) {
        self.made = None;
        let bytes = match read_word(&self.path) {
            Ok(bytes) => bytes,
            Err(error) => {
                self.note = error;
                return;
            }
        };
        let path = std::path::Path::new(self.path.trim());
        let stem = path
            .file_stem()
            .map_or_else(|| "document".into(), |s| s.to_string_lossy().into_owned());
        if self.out.trim().is_empty() {
            self.out = path.with_extension("ron").display().to_string();
        }
        let folder = crate::store::files::folder_link_name(std::path::Path::new(self.out.trim()));
        match crate::import::docx::read(&bytes, crate::import::docx::Changes::Accepted) {
            Ok(word) => {
                let options = ImportOptions {
                    authority: (!self.authority.trim().is_empty())
                        .then(|| self.authority.trim().to_string()),
                    file_stem: Some(stem.clone()),
                    ..Default::default()
                };
                let made = import_word(&word, &stem, &folder, &options);
                if self.authority.trim().is_empty() {
                    self.authority = made.manual.authority.clone();
                }
                self.note = format!("Read {}.", path.display());
                self.made = Some(Box::new(made));
            }
            Err(error) => self.note = format!("{}: {error}", path.display()),
        }
    }
}

pub fn new_from_word_ui(ui: &mut Ui, dialog: &mut NewFromWordDialog, actions: &mut Vec<Action>) {
    ui.heading("New manual from a Word document");
    ui.label(
        "An older manual kept as one long Word document: its Heading 1, 2 and 3 paragraphs \
         (or numbered headings) become the parts, sections and chapters, and the text under \
         each chapter its text. Pictures are copied into a folder beside the new manual.",
    );
    if docx_row(
        ui,
        "Word document",
        &mut dialog.path,
        "procedures.docx",
        "Choose the Word document",
    ) {
        dialog.read();
    }
    if !dialog.note.is_empty() {
        ui.label(RichText::new(&dialog.note).small());
    }
    labelled(
        ui,
        "Save the manual as",
        TextEdit::singleline(&mut dialog.out)
            .hint_text("procedures.ron")
            .desired_width(320.0),
    );
    labelled(
        ui,
        "Authority",
        TextEdit::singleline(&mut dialog.authority)
            .hint_text("e.g. Northshire")
            .desired_width(320.0),
    );
    if let Some(made) = &dialog.made {
        egui::ScrollArea::vertical()
            .id_salt("word_manual_preview")
            .max_height((ui.ctx().content_rect().height() - 380.0).clamp(160.0, 420.0))
            .show(ui, |ui| {
                ui.label(RichText::new(made.to_string()).small().monospace());
                ui.separator();
                super::import_contents::tree_ui(ui, &made.manual);
            });
        if let Some(refusal) = made.refusal() {
            ui.colored_label(ui.visuals().error_fg_color, refusal);
        }
    }
    ui.horizontal(|ui| {
        let ready = dialog.made.as_ref().is_some_and(|m| m.refusal().is_none())
            && !dialog.out.trim().is_empty()
            && !dialog.authority.trim().is_empty();
        let create = ui
            .add_enabled(ready, egui::Button::new("Create and save"))
            .on_hover_text("Save the new manual and its pictures, then open it")
            .on_disabled_hover_text(
                "Read a Word document with headings, and say where to save it and whose it is",
            );
        if create.clicked()
            && let Some(made) = &dialog.made
        {
            let mut manual = made.manual.clone();
            manual.authority = dialog.authority.trim().to_string();
            actions.push(Action::CreateFromWord {
                manual: Box::new(manual),
                files: made.files.clone(),
                out: std::path::PathBuf::from(dialog.out.trim()),
            });
        }
        if ui.button("Cancel").clicked() {
            actions.push(Action::CloseDialog);
        }
    });
}

/// What the owner decided about one proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Decision {
    #[default]
    Undecided,
    Accept,
    Reject,
}

/// File > Import consultation response….
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResponseDialog {
    pub path: String,
    pub note: String,
    bytes: Vec<u8>,
    /// The review, and the manual revision it was made against.
    review: Option<(ResponseReview, u64)>,
    pub decisions: Vec<Vec<Decision>>,
}

impl ResponseDialog {
    /// Reads the returned copy named in `path` and reviews it.
    pub fn read(&mut self, doc: &crate::document::Document) {
        self.review = None;
        match read_word(&self.path) {
            Ok(bytes) => self.bytes = bytes,
            Err(error) => {
                self.note = error;
                return;
            }
        }
        self.review_against(doc);
    }

    fn review_against(&mut self, doc: &crate::document::Document) {
        let manual_path = doc.path().map(std::path::Path::to_path_buf);
        let pictures = |link: &str| {
            manual_path
                .as_deref()
                .and_then(|at| crate::store::files::read_linked(at, link))
        };
        match response::review(doc.manual(), &self.bytes, &pictures) {
            Ok(review) => {
                let keep = self.review.is_some();
                let decisions: Vec<Vec<Decision>> = review
                    .chapters
                    .iter()
                    .map(|c| vec![Decision::Undecided; c.proposals.len()])
                    .collect();
                if !keep || decisions.len() != self.decisions.len() {
                    self.decisions = decisions;
                }
                self.note = review.to_string().lines().next().unwrap_or("").to_string();
                self.review = Some((review, doc.revision()));
            }
            Err(error) => self.note = error,
        }
    }

    /// Makes the review again when the manual changed since.
    fn refresh(&mut self, doc: &crate::document::Document) {
        if let Some((_, revision)) = &self.review
            && *revision != doc.revision()
        {
            self.decisions.clear();
            self.review_against(doc);
        }
    }
}

/// A proposal as a redline with a few words either side.
fn pieces(proposal: &crate::model::proposal::Proposal) -> Vec<Piece> {
    use crate::model::proposal::readable;
    let one_line = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let same = |text: String| Piece {
        mark: Mark::Same,
        text,
    };
    let mut out = vec![same(format!("…{} ", readable(&proposal.before)))];
    if !proposal.removed.trim().is_empty() {
        out.push(Piece {
            mark: Mark::Removed,
            text: one_line(&proposal.removed),
        });
    }
    if !proposal.added.trim().is_empty() {
        if out.len() > 1 {
            out.push(same(" ".into()));
        }
        out.push(Piece {
            mark: Mark::Added,
            text: one_line(&proposal.added),
        });
    }
    out.push(same(format!(" {}…", readable(&proposal.after))));
    out
}

pub fn response_ui(
    ui: &mut Ui,
    dialog: &mut ResponseDialog,
    doc: Option<&crate::document::Document>,
    actions: &mut Vec<Action>,
) {
    let Some(doc) = doc else { return };
    ui.heading("Import consultation response");
    ui.label(
        "A consultation copy that came back: each change, tracked or typed over, is shown as \
         a proposal to accept or reject, with the reviewers' comments. Nothing changes until \
         you apply the accepted ones (one step, Ctrl+Z undoes it).",
    );
    if docx_row(
        ui,
        "Returned copy",
        &mut dialog.path,
        "consultation-returned.docx",
        "Choose the returned copy",
    ) {
        dialog.read(doc);
    }
    if !dialog.note.is_empty() {
        ui.label(RichText::new(&dialog.note).small());
    }
    dialog.refresh(doc);
    // The review and the decisions on it, borrowed apart (no copy a frame).
    let ResponseDialog {
        review, decisions, ..
    } = &mut *dialog;
    let Some((review, _)) = review.as_ref() else {
        if ui.button("Cancel").clicked() {
            actions.push(Action::CloseDialog);
        }
        return;
    };
    egui::ScrollArea::vertical()
        .id_salt("response_proposals")
        .max_height((ui.ctx().content_rect().height() - 320.0).clamp(160.0, 520.0))
        .show(ui, |ui| {
            if review.chapters.is_empty() {
                ui.label(
                    RichText::new("No changes and no comments: the text came back as it was sent.")
                        .italics(),
                );
            }
            for (c, chapter) in review.chapters.iter().enumerate() {
                ui.separator();
                ui.horizontal(|ui| {
                    ui.strong(&chapter.label);
                    if !chapter.proposals.is_empty() {
                        if ui.small_button("Accept all").clicked() {
                            decisions[c].fill(Decision::Accept);
                        }
                        if ui.small_button("Reject all").clicked() {
                            decisions[c].fill(Decision::Reject);
                        }
                    }
                });
                for comment in &chapter.comments {
                    let on: String = comment.paragraph.chars().take(60).collect();
                    ui.label(
                        RichText::new(format!(
                            "Comment by {} ({}) on \u{201c}{on}…\u{201d}: {}",
                            comment.author, comment.date, comment.text
                        ))
                        .italics(),
                    );
                }
                for (p, proposal) in chapter.proposals.iter().enumerate() {
                    ui.horizontal_wrapped(|ui| {
                        let how = match (proposal.tracked, proposal.range.is_some()) {
                            (_, false) => "cannot be placed: copy it by hand",
                            (true, true) => "tracked change",
                            (false, true) => "edited",
                        };
                        ui.label(
                            RichText::new(format!("{} ({how})", proposal.field.name())).small(),
                        );
                        let decision = &mut decisions[c][p];
                        let placed = proposal.range.is_some();
                        ui.add_enabled_ui(placed, |ui| {
                            ui.selectable_value(decision, Decision::Accept, "Accept");
                            ui.selectable_value(decision, Decision::Reject, "Reject");
                        });
                    });
                    crate::app::widgets::redline::redline_ui(ui, &pieces(proposal));
                }
            }
            for note in &review.notes {
                ui.label(RichText::new(note).small());
            }
        });
    let accepted: Vec<Vec<bool>> = decisions
        .iter()
        .map(|c| c.iter().map(|d| *d == Decision::Accept).collect())
        .collect();
    let count: usize = accepted.iter().flatten().filter(|a| **a).count();
    ui.horizontal(|ui| {
        let apply = ui
            .add_enabled(
                count > 0,
                egui::Button::new(format!(
                    "Apply {}",
                    crate::model::counted(count, "accepted change", "accepted changes")
                )),
            )
            .on_hover_text("Make the accepted changes as one step (Ctrl+Z undoes it)");
        if apply.clicked() {
            let edits = response::accepted_edits(doc.manual(), review, &accepted);
            let chapters = edits.len();
            actions.push(Action::CloseDialog);
            actions.push(Action::Edit { edits, group: None });
            actions.push(Action::Status(format!(
                "Applied {} to {} (Ctrl+Z undoes it)",
                crate::model::counted(count, "proposed change", "proposed changes"),
                crate::model::counted(chapters, "chapter", "chapters")
            )));
        }
        if ui.button("Cancel").clicked() {
            actions.push(Action::CloseDialog);
        }
    });
}
