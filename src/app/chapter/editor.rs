//! The editor of the selected entry. It edits a draft copy; when the draft
//! differs from the manual after drawing, one `UpdateEntry` edit is recorded
//! (typing in one field merges into one undo step).

use egui::{RichText, TextEdit, Ui};

use crate::app::Command;
use crate::app::actions::Action;
use crate::app::chapter::body::{BodyState, body_ui};
use crate::app::chapter::see_also::{linked_from_ui, see_also_ui};
use crate::app::tree::badge_tag;
use crate::app::widgets::fields::{FieldChange, labelled};
use crate::app::widgets::spelling::{FieldLook, spelled_field};
use crate::document::Document;
use crate::document::Row;
use crate::document::spelling::Speller;
use crate::edit::Edit;
use crate::model::{Amendment, Badge, Chapter, Entry, EntryId, SeeAlso, is_allowed_url};

/// The part of a chapter the editor shows below its fields: one click
/// each, with its count on the tab, so nothing waits unseen below the
/// body.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ChapterTab {
    /// The body.
    #[default]
    Text,
    Amendments,
    /// See also, and the entries that link here.
    Links,
    Notes,
}

#[derive(Debug, Default)]
pub struct EditorState {
    draft: Option<Draft>,
    /// Which part of a chapter is shown; kept from chapter to chapter.
    pub tab: ChapterTab,
    /// The manual's own details being edited, with the revision they were
    /// taken at.
    pub(super) manual_draft: Option<super::manual_details::ManualDraft>,
    /// The body's preview, selection and pending formatting.
    pub body: BodyState,
    /// Plain English advice on the scope, underlined in its field.
    scope_advice: crate::document::style_check::TextAdvice,
    /// Whether "Chapter details" is open (kept in the settings).
    pub details_open: bool,
    /// A see-also item's control had keyboard focus last frame: Alt+Up/Down
    /// then reorder the list instead of moving the entry in the tree.
    pub see_also_focused: bool,
    /// Which item and control that was: egui may move focus on the arrow
    /// key before this frame's widgets are drawn, so last frame's is used.
    see_also_focus: Option<(SeeAlso, egui::Id)>,
}

impl EditorState {
    /// Drops what is being typed, so the fields show the manual again.
    pub fn forget_draft(&mut self) {
        self.draft = None;
        self.manual_draft = None;
    }
}

#[derive(Debug)]
struct Draft {
    id: EntryId,
    revision: u64,
    /// The entry without its children: only its own fields are edited here.
    entry: Entry,
}

pub fn editor_ui(
    ui: &mut Ui,
    doc: &Document,
    selected: Option<&EntryId>,
    state: &mut EditorState,
    mut speller: Option<&mut Speller>,
    actions: &mut Vec<Action>,
) {
    state.see_also_focused = false;
    if let Some(speller) = speller.as_deref_mut() {
        speller.set_known(&doc.manual().words);
    }
    let outline = doc.outline();
    let Some(row) = selected.and_then(|id| outline.row(id)) else {
        super::manual_details::manual_details_ui(ui, doc, state, actions);
        return;
    };
    let Some(current) = doc.manual().entry(&row.path) else {
        return;
    };
    let revision = doc.revision();
    // Another entry opens at its top, not where the last one was scrolled.
    let switched = state.draft.as_ref().is_none_or(|d| d.id != row.id);
    if switched {
        state.body.scroll_to_top();
    }
    let stale = state
        .draft
        .as_ref()
        .is_none_or(|d| d.id != row.id || d.revision != revision);
    if stale {
        state.draft = Some(Draft {
            id: row.id.clone(),
            revision,
            entry: current.clone_head(),
        });
    }
    let Some(draft) = state.draft.as_mut() else {
        return;
    };

    let mut change: FieldChange = None;
    // The body takes the editor's height; the rest scrolls around it.
    let body_height = (ui.available_height() - 185.0).max(220.0);
    let mut scroll = egui::ScrollArea::vertical()
        .id_salt("editor_scroll")
        .auto_shrink([false, false]);
    if switched {
        scroll = scroll.vertical_scroll_offset(0.0);
    }
    scroll.show(ui, |ui| {
        heading_ui(ui, doc, row, &draft.entry, actions);
        // Always one scope, shown or not, so that the fields below keep
        // their ids (and the keyboard) when a keystroke drafts a note.
        if ui.scope(|ui| draft_note_ui(ui, &draft.entry)).inner {
            state.tab = ChapterTab::Amendments;
        }
        ui.separator();
        let badge = badge_text(doc, &draft.entry);
        let scope_advised: Vec<std::ops::Range<usize>> = match draft.entry.chapter_details() {
            Some(chapter) => {
                state.scope_advice.update(doc.manual(), &chapter.scope);
                state
                    .scope_advice
                    .findings
                    .iter()
                    .map(|f| f.range.clone())
                    .collect()
            }
            None => Vec::new(),
        };
        let details_open = &mut state.details_open;
        let entry = &mut draft.entry;
        let checker = speller.as_deref_mut();
        let fields = (entry, &badge[..], scope_advised);
        change = fields_ui(ui, fields, details_open, checker, actions).or(change);
        let is_chapter = draft.entry.chapter_details().is_some();
        if is_chapter {
            ui.add_space(6.0);
            tabs_ui(ui, doc, &draft.entry, &mut state.tab);
            ui.add_space(6.0);
        }
        let tab = if is_chapter { Some(state.tab) } else { None };
        if let (Some(ChapterTab::Text), Some(chapter)) = (tab, draft.entry.chapter_details_mut()) {
            let body = &mut chapter.body;
            let body_state = &mut state.body;
            let checker = speller;
            let sizing = (body_height, checker);
            change = body_ui(ui, doc, &draft.id, body, body_state, sizing, actions).or(change);
        }
        if let (Some(ChapterTab::Amendments), Some(chapter)) =
            (tab, draft.entry.chapter_details_mut())
        {
            let update = doc.manual().current_update().map(|u| u.label.clone());
            if amendments_ui(ui, &mut chapter.amendments, update.unwrap_or_default()) {
                change = Some(("amendments", true));
            }
        }
        if matches!(tab, None | Some(ChapterTab::Notes)) {
            if tab.is_none() {
                ui.add_space(8.0);
            }
            if notes_ui(ui, &mut draft.entry.notes) {
                change = Some(("notes", true));
            }
        }
        if matches!(tab, None | Some(ChapterTab::Links)) {
            ui.add_space(8.0);
            let see_also = &mut draft.entry.see_also;
            let focus = &mut state.see_also_focus;
            change = see_also_ui(ui, doc, &draft.id, see_also, focus, actions).or(change);
            state.see_also_focused = state.see_also_focus.is_some();
            ui.add_space(8.0);
            linked_from_ui(ui, doc, &draft.id, actions);
        }
        if current.is_section() {
            ui.add_space(8.0);
            ui.label(format!(
                "This section holds {}.",
                crate::model::counted(current.children().len(), "entry", "entries")
            ));
        }
    });

    if let Some((field, mergeable)) = change
        && !(draft.entry.id == current.id && draft.entry.same_own_fields(current))
    {
        actions.push(Action::Edit {
            edits: vec![Edit::UpdateEntry {
                entry: Box::new(draft.entry.clone()),
            }],
            group: mergeable.then(|| (draft.id.clone(), field)),
        });
    }
}

/// The tabs under a chapter's fields, each with what it holds: "Text",
/// "Amendments (2, 1 draft)", "See also and links (3 · 2 here)",
/// "Notes (1)".
fn tabs_ui(ui: &mut Ui, doc: &Document, entry: &Entry, tab: &mut ChapterTab) {
    let Some(chapter) = entry.chapter_details() else {
        return;
    };
    let drafts = chapter.amendments.iter().filter(|a| a.draft).count();
    let amendments = match (chapter.amendments.len(), drafts) {
        (0, _) => "Amendments".to_string(),
        (n, 0) => format!("Amendments ({n})"),
        (n, d) => format!("Amendments ({n}, {d} draft)"),
    };
    let here = doc.outline().backlinks.of(&entry.id).len();
    let links = match (entry.see_also.len(), here) {
        (0, 0) => "See also and links".to_string(),
        (n, 0) => format!("See also and links ({n})"),
        (n, h) => format!("See also and links ({n} · {h} linking here)"),
    };
    let notes = match entry.notes.len() {
        0 => "Notes".to_string(),
        n => format!("Notes ({n})"),
    };
    ui.horizontal_wrapped(|ui| {
        for (value, label) in [
            (ChapterTab::Text, "Text".to_string()),
            (ChapterTab::Amendments, amendments),
            (ChapterTab::Links, links),
            (ChapterTab::Notes, notes),
        ] {
            ui.selectable_value(tab, value, label);
        }
    });
}

/// A drafted amendment note (a move in the open update drafts one) is
/// announced under the heading until it is kept or removed; true when
/// the user asks to see it.
fn draft_note_ui(ui: &mut Ui, entry: &Entry) -> bool {
    let Some(chapter) = entry.chapter_details() else {
        return false;
    };
    let Some(draft) = chapter.amendments.iter().find(|a| a.draft) else {
        return false;
    };
    let mut show = false;
    ui.horizontal_wrapped(|ui| {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!("A drafted amendment note waits: “{}”", draft.text),
        );
        show = ui
            .small_button("Keep or remove it…")
            .on_hover_text("Show the chapter's amendment notes")
            .clicked();
    });
    show
}

/// The entry's number and title as a heading (long titles wrap rather than
/// widen the editor), its badge, and where it sits.
fn heading_ui(ui: &mut Ui, doc: &Document, row: &Row, entry: &Entry, actions: &mut Vec<Action>) {
    ui.horizontal_wrapped(|ui| {
        let number = row
            .number
            .as_ref()
            .map_or_else(|| "Unnumbered".to_string(), ToString::to_string);
        let title = if entry.title.is_empty() {
            "(untitled)"
        } else {
            &entry.title
        };
        let heading = RichText::new(format!("{number}  {title}")).heading();
        ui.add(egui::Label::new(heading).wrap());
        badge_tag(ui, doc.manual().badge_of(entry));
        if entry.chapter_details().is_some()
            && doc.path().is_some()
            && ui
                .small_button("History…")
                .on_hover_text(Command::ShowHistory.tooltip())
                .clicked()
        {
            actions.push(Action::ShowHistory(entry.id.clone()));
        }
    });
    let path = doc.manual().title_path(&row.path);
    if path.len() > 1 {
        ui.label(RichText::new(path[..path.len() - 1].join(" › ")).small());
    }
    // Always one scope, shown or not: the fields below keep their ids (and
    // the keyboard) when a first keystroke makes the chapter "changed".
    ui.scope(|ui| {
        if let Some(state) = doc.manual().sign_off(&entry.id) {
            ui.horizontal_wrapped(|ui| {
                let text = RichText::new(state.describe()).small();
                let text = if state.is_approved() {
                    text
                } else {
                    text.color(ui.visuals().warn_fg_color)
                };
                ui.label(text);
                if !state.is_approved()
                    && ui
                        .small_button("Approve…")
                        .on_hover_text("Record who approved this change")
                        .clicked()
                {
                    actions.push(Action::AskApproval(vec![entry.id.clone()]));
                }
                if doc.manual().has_published_copy()
                    && ui
                        .small_button("Compare with published")
                        .on_hover_text(crate::app::dialogs::sign_off::COMPARE_HINT)
                        .clicked()
                {
                    actions.push(Action::CompareWithPublished(entry.id.clone()));
                }
            });
        }
    });
    if let Some(line) = template_line(doc, entry) {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(line).small().italics());
            let changed = doc.template_standing(&entry.id)
                == Some(crate::model::template::Standing::ChangedLocally);
            if changed
                && ui
                    .small_button("Compare")
                    .on_hover_text("This chapter against the template's text, as tracked changes")
                    .clicked()
            {
                actions.push(Action::CompareWithTemplate(entry.id.clone()));
            }
        });
    }
}

/// Where an entry of a manual made from a template comes from: "From
/// National Procedures, June 2026 · changed here", or the council's own.
fn template_line(doc: &Document, entry: &Entry) -> Option<String> {
    use crate::model::template::Standing;
    let source = doc.manual().template.as_ref()?;
    let from = if source.update.is_empty() {
        format!("From {}", source.title)
    } else {
        format!("From {}, {}", source.title, source.update)
    };
    Some(match doc.template_standing(&entry.id)? {
        Standing::FromTemplate => from,
        Standing::ChangedLocally => format!("{from} · changed here"),
        Standing::Local => format!("The council's own: not in {}", source.title),
    })
}

/// The one-line fields: title, numbering, and for a chapter its badge,
/// source, applicability, URL, manager, review date and scope.
/// The chapter's badge in words: "Updated in April 2025", or "None".
fn badge_text(doc: &Document, entry: &Entry) -> String {
    let update = doc
        .manual()
        .current_update()
        .map(|u| u.label.as_str())
        .unwrap_or_default();
    match doc.manual().badge_of(entry) {
        Badge::New => format!("New in {update}"),
        Badge::Updated => format!("Updated in {update}"),
        Badge::None => "None".to_string(),
    }
}

/// The title (and a chapter's badge) always in view; a chapter's other
/// fields in "Chapter details", which opens and closes.
fn fields_ui(
    ui: &mut Ui,
    (entry, badge, scope_advised): (&mut Entry, &str, Vec<std::ops::Range<usize>>),
    details_open: &mut bool,
    mut speller: Option<&mut Speller>,
    actions: &mut Vec<Action>,
) -> FieldChange {
    let mut change = None;
    let kind = if entry.is_section() {
        "section"
    } else {
        "chapter"
    };
    let numbering = |ui: &mut Ui, entry: &mut Entry, change: &mut FieldChange| {
        ui.label("Numbering");
        let numbered = ui
            .checkbox(&mut entry.numbered, "Numbered")
            .on_hover_text(format!(
                "An unnumbered {kind} takes no number among its siblings"
            ));
        if numbered.changed() {
            *change = Some(("numbered", false));
        }
        ui.end_row();
    };
    let grid = || {
        egui::Grid::new("entry_fields")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .min_col_width(130.0)
    };
    grid().show(ui, |ui| {
        let hint = "The title as readers see it";
        let speller = speller.as_deref_mut();
        let look = FieldLook {
            hint,
            ..FieldLook::default()
        };
        if spelled_line(ui, "Title", &mut entry.title, look, speller, actions) {
            change = Some(("title", true));
        }
        if entry.is_section() {
            numbering(ui, entry, &mut change);
        } else {
            badge_row_ui(ui, badge, actions);
        }
    });
    if entry.is_section() {
        return change;
    }
    let details = egui::CollapsingHeader::new("Chapter details")
        .id_salt("chapter_details")
        .open(Some(*details_open))
        .show(ui, |ui| {
            egui::Grid::new("chapter_fields")
                .num_columns(2)
                .spacing([12.0, 8.0])
                .min_col_width(130.0)
                .show(ui, |ui| {
                    numbering(ui, entry, &mut change);
                    if let Some(chapter) = entry.chapter_details_mut() {
                        change = chapter_fields_ui(ui, chapter, scope_advised, speller, actions)
                            .or(change);
                    }
                });
        });
    if details.header_response.clicked() {
        *details_open = !*details_open;
    }
    change
}

/// The chapter's badge, derived from the current update (New when added in
/// it, Updated when amended in it), and Mark as updated.
fn badge_row_ui(ui: &mut Ui, badge: &str, actions: &mut Vec<Action>) {
    ui.label("Badge");
    ui.horizontal(|ui| {
        ui.label(badge);
        let command = crate::app::Command::MarkUpdated;
        if ui
            .button(command.label())
            .on_hover_text(command.tooltip())
            .clicked()
        {
            actions.push(Action::Run(command));
        }
    });
    ui.end_row();
}

/// A chapter's own fields, as rows of the fields grid.
fn chapter_fields_ui(
    ui: &mut Ui,
    chapter: &mut Chapter,
    scope_advised: Vec<std::ops::Range<usize>>,
    speller: Option<&mut Speller>,
    actions: &mut Vec<Action>,
) -> FieldChange {
    let mut change = None;
    let fields: [(&str, &mut Option<String>, &str, &'static str); 5] = [
        (
            "Source",
            &mut chapter.source,
            "Who owns it, e.g. Greater Manchester Safeguarding Children Procedures",
            "source",
        ),
        (
            "Applies to",
            &mut chapter.applies_to,
            "e.g. This procedure only applies to Peterborough",
            "applies_to",
        ),
        (
            "External URL",
            &mut chapter.url,
            "https://… when the chapter is only a link",
            "url",
        ),
        (
            "Responsible manager",
            &mut chapter.manager,
            "Name or role",
            "manager",
        ),
        (
            "Review due",
            &mut chapter.review_due,
            "YYYY-MM or YYYY-MM-DD",
            "review_due",
        ),
    ];
    for (label, value, hint, field) in fields {
        if optional_line(ui, label, value, hint) {
            change = Some((field, true));
        }
    }
    if let Some(url) = &chapter.url
        && !is_allowed_url(url)
    {
        ui.label("");
        let refusal = "Only http, https and mailto links are published.";
        ui.colored_label(ui.visuals().error_fg_color, refusal);
        ui.end_row();
    }
    let scope = FieldLook {
        rows: Some(3),
        hint: "Scope of this chapter",
        advised: scope_advised,
        ..FieldLook::default()
    };
    if spelled_line(ui, "Scope", &mut chapter.scope, scope, speller, actions) {
        change = Some(("scope", true));
    }
    change
}

/// The manual's own details, shown when no entry is selected.
/// A labelled one-line field in a two-column grid; true when it changed.
pub(super) fn single_line(ui: &mut Ui, label: &str, value: &mut String, hint: &str) -> bool {
    let response = labelled(
        ui,
        label,
        TextEdit::singleline(value)
            .hint_text(hint)
            .desired_width(f32::INFINITY),
    );
    if label == "Manual title"
        && crate::app::panes::take_focus_request(ui.ctx(), crate::app::panes::Pane::Editor)
    {
        response.request_focus();
    }
    let changed = response.changed();
    ui.end_row();
    changed
}

fn optional_line(ui: &mut Ui, label: &str, value: &mut Option<String>, hint: &str) -> bool {
    let mut text = value.clone().unwrap_or_default();
    let changed = single_line(ui, label, &mut text, hint);
    if changed {
        *value = (!text.is_empty()).then_some(text);
    }
    changed
}

/// A labelled field in a two-column grid, checked for spelling when there
/// is a speller (`rows`: a multi-line field); true when it changed.
fn spelled_line(
    ui: &mut Ui,
    label: &str,
    value: &mut String,
    look: FieldLook<'_>,
    speller: Option<&mut Speller>,
    actions: &mut Vec<Action>,
) -> bool {
    let label_text = label;
    let label = ui.label(label);
    let (output, replacement) = spelled_field(ui, value, &look, speller, actions);
    let response = output.response.response.labelled_by(label.id);
    if label_text == "Title"
        && crate::app::panes::take_focus_request(ui.ctx(), crate::app::panes::Pane::Editor)
    {
        response.request_focus();
    }
    let mut changed = response.changed();
    if let Some((range, word)) = replacement {
        value.replace_range(range, &word);
        changed = true;
    }
    ui.end_row();
    changed
}

/// The amendment notes; a new one belongs to `update` (the current one).
fn amendments_ui(ui: &mut Ui, amendments: &mut Vec<Amendment>, update: String) -> bool {
    let mut changed = false;
    ui.strong("Amendment notes");
    let mut remove = None;
    for (i, amendment) in amendments.iter_mut().enumerate() {
        ui.push_id(("amendment", i), |ui| {
            ui.horizontal(|ui| {
                changed |= labelled(
                    ui,
                    "Date",
                    TextEdit::singleline(&mut amendment.date)
                        .hint_text("YYYY-MM")
                        .desired_width(90.0),
                )
                .changed();
                if !amendment.date.is_empty() && !crate::model::is_iso_date(&amendment.date) {
                    ui.colored_label(ui.visuals().warn_fg_color, "use YYYY-MM");
                }
                if !amendment.update.is_empty() {
                    ui.label(RichText::new(format!("in {}", amendment.update)).small());
                }
                if amendment.draft {
                    ui.colored_label(ui.visuals().warn_fg_color, "Draft");
                    let keep = ui
                        .small_button("Keep note")
                        .on_hover_text("Publish this drafted note with the update");
                    if keep.clicked() {
                        amendment.draft = false;
                        changed = true;
                    }
                }
                if ui
                    .small_button("Remove note")
                    .on_hover_text("Remove this amendment note")
                    .clicked()
                {
                    remove = Some(i);
                }
            });
            changed |= labelled(
                ui,
                RichText::new("What changed").small(),
                TextEdit::multiline(&mut amendment.text)
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            )
            .changed();
        });
    }
    if let Some(i) = remove {
        amendments.remove(i);
        changed = true;
    }
    if ui.button("Add amendment note").clicked() {
        let month: String = crate::model::date::today_iso().chars().take(7).collect();
        amendments.insert(
            0,
            Amendment {
                date: month,
                text: String::new(),
                update,
                draft: false,
            },
        );
        changed = true;
    }
    changed
}

pub(super) fn notes_ui(ui: &mut Ui, notes: &mut Vec<String>) -> bool {
    let mut changed = false;
    ui.strong("Notes");
    let mut remove = None;
    for (i, note) in notes.iter_mut().enumerate() {
        ui.push_id(("note", i), |ui| {
            ui.horizontal(|ui| {
                ui.label(format!("Note {}", i + 1));
                if ui
                    .small_button("Remove")
                    .on_hover_text("Remove this note")
                    .clicked()
                {
                    remove = Some(i);
                }
            });
            changed |= labelled(
                ui,
                RichText::new("Note text").small(),
                TextEdit::multiline(note)
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            )
            .changed();
        });
    }
    if let Some(i) = remove {
        notes.remove(i);
        changed = true;
    }
    if ui.button("Add note").clicked() {
        notes.push(String::new());
        changed = true;
    }
    changed
}
