//! The see-also picker: every chapter and section of the manual ranked as
//! the user types (Up/Down, Enter, double-click), or an outside document
//! on its own tab.

use std::collections::HashSet;

use egui::{RichText, TextEdit};

use crate::app::actions::Action;
use crate::app::widgets::fields::labelled;
use crate::document::Document;
use crate::document::picker::{self, Candidate};
use crate::model::{EntryId, SeeAlso, is_allowed_url};

/// Which kind of see-also the picker adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickerTab {
    Internal,
    External,
}

/// The see-also picker's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub for_entry: EntryId,
    pub replace: Option<usize>,
    pub tab: PickerTab,
    pub query: String,
    pub highlighted: usize,
    pub results: Vec<Candidate>,
    /// The query `results` were ranked for.
    ranked_for: Option<String>,
    focus_pending: bool,
    scroll_pending: bool,
    pub title: String,
    pub url: String,
    pub source: String,
    pub error: String,
    /// Linking part of the entry's body rather than adding a see-also: the
    /// range (character indices) and the text there.
    pub body_link: Option<(std::ops::Range<usize>, String)>,
}

impl Picker {
    pub fn new(for_entry: EntryId, replace: Option<usize>) -> Self {
        Picker {
            for_entry,
            replace,
            tab: PickerTab::Internal,
            query: String::new(),
            highlighted: 0,
            results: Vec::new(),
            ranked_for: None,
            focus_pending: true,
            scroll_pending: false,
            title: String::new(),
            url: String::new(),
            source: String::new(),
            error: String::new(),
            body_link: None,
        }
    }

    /// A picker that links `range` of the entry's body (its text `text`).
    pub fn for_body_link(for_entry: EntryId, range: std::ops::Range<usize>, text: String) -> Self {
        let mut picker = Picker::new(for_entry, None);
        picker.title = text.clone();
        picker.body_link = Some((range, text));
        picker
    }

    /// What picking an entry or a page does: a see-also item, or a link
    /// in the body.
    fn pick(&self, item: SeeAlso) -> Action {
        match (&self.body_link, &item) {
            (Some((range, text)), SeeAlso::Internal { target }) => Action::InsertBodyLink {
                for_entry: self.for_entry.clone(),
                range: range.clone(),
                markdown: crate::model::entry_link(text, target),
            },
            (Some((range, text)), SeeAlso::External { title, url, .. }) => {
                let shown = if text.is_empty() { title } else { text };
                Action::InsertBodyLink {
                    for_entry: self.for_entry.clone(),
                    range: range.clone(),
                    markdown: format!(
                        "[{}]({})",
                        crate::model::escape_link_text(shown),
                        url.as_deref().unwrap_or_default()
                    ),
                }
            }
            (None, _) => Action::AddSeeAlso {
                to: self.for_entry.clone(),
                item,
                replace: self.replace,
            },
        }
    }
}

pub fn picker_ui(
    ui: &mut egui::Ui,
    picker: &mut Picker,
    doc: Option<&Document>,
    actions: &mut Vec<Action>,
) {
    let Some(doc) = doc else { return };
    let outline = doc.outline();
    let Some(row) = outline.row(&picker.for_entry) else {
        actions.push(Action::CloseDialog);
        return;
    };
    if picker.body_link.is_some() {
        ui.heading(format!("Link in the body of {}", row.label()));
    } else {
        ui.heading(format!("See also for {}", row.label()));
    }
    ui.horizontal(|ui| {
        ui.selectable_value(&mut picker.tab, PickerTab::Internal, "In this manual");
        ui.selectable_value(&mut picker.tab, PickerTab::External, "Outside document");
    });
    ui.separator();
    match picker.tab {
        PickerTab::Internal => internal_tab_ui(ui, picker, doc, actions),
        PickerTab::External => external_tab_ui(ui, picker, actions),
    }
    ui.add_space(6.0);
    if ui.button("Cancel").clicked() {
        actions.push(Action::CloseDialog);
    }
}

fn internal_tab_ui(
    ui: &mut egui::Ui,
    picker: &mut Picker,
    doc: &Document,
    actions: &mut Vec<Action>,
) {
    let outline = doc.outline();
    let search = labelled(
        ui,
        "Search entries",
        TextEdit::singleline(&mut picker.query)
            .hint_text("Number or title")
            .desired_width(520.0),
    );
    if std::mem::take(&mut picker.focus_pending) {
        search.request_focus();
    }
    if picker.ranked_for.as_deref() != Some(picker.query.as_str()) {
        // The entry itself and what it already links to are not offered.
        let mut excluded: HashSet<EntryId> = HashSet::from([picker.for_entry.clone()]);
        if let Some(entry) = doc
            .entry(&picker.for_entry)
            .filter(|_| picker.body_link.is_none())
        {
            excluded.extend(entry.see_also.iter().filter_map(SeeAlso::target).cloned());
        }
        picker.results = picker::rank(outline, &picker.query, &excluded);
        picker.ranked_for = Some(picker.query.clone());
        picker.highlighted = 0;
    }
    let (down, up, enter) = ui.input(|i| {
        (
            i.key_pressed(egui::Key::ArrowDown),
            i.key_pressed(egui::Key::ArrowUp),
            i.key_pressed(egui::Key::Enter),
        )
    });
    if down && picker.highlighted + 1 < picker.results.len() {
        picker.highlighted += 1;
        picker.scroll_pending = true;
    }
    if up && picker.highlighted > 0 {
        picker.highlighted -= 1;
        picker.scroll_pending = true;
    }
    let mut picked = enter.then_some(picker.highlighted);
    if picker.results.is_empty() {
        ui.label(RichText::new("No entry matches.").italics());
    } else {
        ui.label(
            RichText::new(format!(
                "{} shown · Up/Down to move, Enter to pick",
                picker.results.len()
            ))
            .small(),
        );
    }
    let text_color = ui.visuals().text_color();
    let strong = ui.visuals().strong_text_color();
    let highlight = ui.visuals().selection.stroke.color;
    egui::ScrollArea::vertical()
        .id_salt("picker_results")
        .max_height(320.0)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for (i, candidate) in picker.results.iter().enumerate() {
                let mut job = egui::text::LayoutJob::default();
                for (at, ch) in candidate.label.chars().enumerate() {
                    let is_match = candidate.matched.contains(&at);
                    let format = egui::TextFormat {
                        color: if is_match { highlight } else { text_color },
                        underline: if is_match {
                            egui::Stroke::new(1.0, highlight)
                        } else {
                            egui::Stroke::NONE
                        },
                        ..Default::default()
                    };
                    job.append(&ch.to_string(), 0.0, format);
                }
                let response = ui.add(
                    egui::Button::selectable(i == picker.highlighted, egui::WidgetText::from(job))
                        .truncate(),
                );
                if let Some(parent) = outline.rows[candidate.row]
                    .parent
                    .and_then(|p| outline.rows.get(p))
                {
                    ui.label(
                        RichText::new(format!("in {}", parent.label()))
                            .small()
                            .color(strong),
                    );
                }
                if i == picker.highlighted && std::mem::take(&mut picker.scroll_pending) {
                    response.scroll_to_me(None);
                }
                if response.clicked() {
                    picker.highlighted = i;
                }
                if response.double_clicked() {
                    picked = Some(i);
                }
            }
        });
    if let Some(candidate) = picked.and_then(|i| picker.results.get(i)) {
        let target = outline.rows[candidate.row].id.clone();
        actions.push(Action::CloseDialog);
        actions.push(picker.pick(SeeAlso::internal(target)));
    }
}

fn external_tab_ui(ui: &mut egui::Ui, picker: &mut Picker, actions: &mut Vec<Action>) {
    egui::Grid::new("external_link")
        .num_columns(2)
        .show(ui, |ui| {
            for (label, value, hint) in [
                (
                    "Document title",
                    &mut picker.title,
                    "e.g. Working Together to Safeguard Children",
                ),
                ("URL", &mut picker.url, "https://…"),
                (
                    "Document source",
                    &mut picker.source,
                    "e.g. GOV.UK, House of Commons Library (optional)",
                ),
            ] {
                labelled(
                    ui,
                    label,
                    TextEdit::singleline(value)
                        .hint_text(hint)
                        .desired_width(400.0),
                );
                ui.end_row();
            }
        });
    if ui.button("Add link").clicked() {
        let url = picker.url.trim();
        if picker.title.trim().is_empty() {
            picker.error = "Give the document a title.".into();
        } else if picker.body_link.is_some() && !is_allowed_url(url) {
            picker.error = "A link in the body needs an http, https or mailto address.".into();
        } else if !url.is_empty() && !is_allowed_url(url) {
            picker.error = "Only http, https and mailto addresses can be links.".into();
        } else {
            let source = picker.source.trim();
            let item = SeeAlso::external(
                picker.title.trim(),
                (!url.is_empty()).then(|| url.to_string()),
                (!source.is_empty()).then(|| source.to_string()),
            );
            actions.push(Action::CloseDialog);
            actions.push(picker.pick(item));
        }
    }
    if !picker.error.is_empty() {
        ui.colored_label(ui.visuals().error_fg_color, picker.error.as_str());
    }
}
