//! The Find and replace panel (Ctrl+Shift+F): every match of a word or
//! phrase across the manual, grouped by entry with the line it is on;
//! Replace one, or Replace all as one undoable step.

use egui::{RichText, Ui};

use crate::app::actions::Action;
use crate::app::widgets::fields::labelled;
use crate::document::Document;
use crate::edit::find::{FindOptions, Hit, find};

/// How many matches are listed (all are counted and replaced).
const SHOWN_MATCHES: usize = 500;

#[derive(Debug, Default)]
pub struct FindState {
    pub open: bool,
    pub query: String,
    pub replacement: String,
    pub options: FindOptions,
    pub focus_query: bool,
    cache: Option<FindCache>,
}

#[derive(Debug)]
struct FindCache {
    revision: u64,
    query: String,
    options: FindOptions,
    hits: Vec<Hit>,
}

impl FindState {
    /// The matches for the query as the manual is now, searched again only
    /// when the manual, the query or the options changed.
    pub fn hits(&mut self, doc: &Document) -> &[Hit] {
        let stale = self.cache.as_ref().is_none_or(|c| {
            c.revision != doc.revision() || c.query != self.query || c.options != self.options
        });
        if stale {
            self.cache = Some(FindCache {
                revision: doc.revision(),
                query: self.query.clone(),
                options: self.options,
                hits: find(doc.manual(), &self.query, self.options),
            });
        }
        self.cache.as_ref().map_or(&[], |c| c.hits.as_slice())
    }
}

pub fn find_ui(ui: &mut Ui, doc: &Document, state: &mut FindState, actions: &mut Vec<Action>) {
    ui.horizontal_wrapped(|ui| {
        ui.strong("Find and replace");
        let query = labelled(
            ui,
            "Find",
            egui::TextEdit::singleline(&mut state.query)
                .hint_text("A word or phrase")
                .desired_width(220.0),
        );
        let pane = crate::app::panes::take_focus_request(ui.ctx(), crate::app::panes::Pane::Find);
        if std::mem::take(&mut state.focus_query) || pane {
            query.request_focus();
        }
        labelled(
            ui,
            "Replace with",
            egui::TextEdit::singleline(&mut state.replacement).desired_width(220.0),
        );
        ui.checkbox(&mut state.options.match_case, "Match case");
        ui.checkbox(&mut state.options.whole_word, "Whole word");
        let count = state.hits(doc).len();
        let replace_all = ui
            .add_enabled(count > 0, egui::Button::new("Replace all"))
            .on_hover_text("Replace every match in the manual, as one step (Ctrl+Z undoes it)");
        if replace_all.clicked() {
            actions.push(Action::ReplaceAll {
                query: state.query.clone(),
                replacement: state.replacement.clone(),
                options: state.options,
            });
        }
        if ui
            .button("Close")
            .on_hover_text("Close this panel")
            .clicked()
        {
            state.open = false;
        }
    });
    let (query, replacement, options) = (
        state.query.clone(),
        state.replacement.clone(),
        state.options,
    );
    let hits = state.hits(doc);
    if query.is_empty() {
        ui.label(
            "Searches titles, scope, bodies, notes, amendment notes and outside documents' titles.",
        );
        return;
    }
    let entries = count_entries(hits);
    ui.label(match hits.len() {
        0 => "No matches.".to_string(),
        n => format!(
            "{n} match{} in {entries} entr{}",
            if n == 1 { "" } else { "es" },
            if entries == 1 { "y" } else { "ies" }
        ),
    });
    let outline = doc.outline();
    egui::ScrollArea::vertical()
        .id_salt("find_results")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let mut last: Option<&crate::model::EntryId> = None;
            for (i, hit) in hits.iter().take(SHOWN_MATCHES).enumerate() {
                if last != Some(&hit.entry) {
                    let label = outline
                        .row(&hit.entry)
                        .map_or_else(|| hit.entry.to_string(), |r| r.label());
                    if ui
                        .link(RichText::new(label).strong())
                        .on_hover_text("Show this entry in the editor")
                        .clicked()
                    {
                        actions.push(Action::Select(hit.entry.clone()));
                    }
                    last = Some(&hit.entry);
                }
                ui.push_id(("find_hit", i), |ui| {
                    ui.horizontal(|ui| {
                        ui.add_space(16.0);
                        let replace = ui
                            .small_button("Replace")
                            .on_hover_text("Replace this match only");
                        if replace.clicked() {
                            actions.push(Action::ReplaceOne {
                                hit: hit.clone(),
                                query: query.clone(),
                                replacement: replacement.clone(),
                                options,
                            });
                        }
                        ui.label(
                            RichText::new(format!("{}, line {}:", hit.field.name(), hit.line))
                                .small(),
                        );
                        ui.add(egui::Label::new(line_with_match(ui, hit)).truncate());
                    });
                });
            }
            if hits.len() > SHOWN_MATCHES {
                ui.label(format!(
                    "… and {} more (Replace all replaces them too)",
                    hits.len() - SHOWN_MATCHES
                ));
            }
        });
}

fn count_entries(hits: &[Hit]) -> usize {
    let mut count = 0;
    let mut last = None;
    for hit in hits {
        if last != Some(&hit.entry) {
            count += 1;
            last = Some(&hit.entry);
        }
    }
    count
}

/// The matching line with the match itself marked.
fn line_with_match(ui: &Ui, hit: &Hit) -> egui::text::LayoutJob {
    let text = &hit.line_text;
    let range = hit.in_line.clone();
    let (before, found, after) = match (text.get(..range.start), text.get(range.clone())) {
        (Some(before), Some(found)) => (before, found, &text[range.end..]),
        _ => (text.as_str(), "", ""),
    };
    let plain = egui::TextFormat {
        color: ui.visuals().text_color(),
        ..Default::default()
    };
    let mut job = egui::text::LayoutJob::default();
    job.append(before, 0.0, plain.clone());
    job.append(
        found,
        0.0,
        egui::TextFormat {
            background: ui.visuals().selection.bg_fill,
            color: ui.visuals().strong_text_color(),
            ..Default::default()
        },
    );
    job.append(after, 0.0, plain);
    job
}
