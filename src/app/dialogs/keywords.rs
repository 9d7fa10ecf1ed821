//! Edit > Keywords…: the manual's Local Keywords glossary. Each term has a
//! definition (Markdown) and the chapters it relates to, picked from a
//! searchable list as see-also links are. Every change is an undoable
//! step; typing in a field is one step per burst.

use egui::{RichText, Ui};

use crate::app::actions::Action;
use crate::document::Document;
use crate::edit::Edit;
use crate::model::{EntryId, Keyword};

/// The Keywords view's state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeywordsView {
    /// The keyword shown (index into the manual's list).
    pub selected: Option<usize>,
    /// The list being edited, with the revision it was taken at.
    draft: Option<(u64, Vec<Keyword>)>,
    /// What is typed to find a chapter to relate.
    pub query: String,
}

/// The group a typing burst in one keyword's field belongs to: typing in
/// another keyword is another undo step.
fn group(keyword: usize, field: &'static str) -> Option<crate::edit::history::GroupKey> {
    Some((EntryId::new(format!("keyword-{keyword}")), field))
}

pub fn keywords_ui(
    ui: &mut Ui,
    view: &mut KeywordsView,
    doc: Option<&Document>,
    actions: &mut Vec<Action>,
) {
    let Some(doc) = doc else { return };
    let revision = doc.revision();
    if view.draft.as_ref().is_none_or(|(r, _)| *r != revision) {
        view.draft = Some((revision, doc.manual().keywords.clone()));
    }
    let Some((_, keywords)) = view.draft.as_mut() else {
        return;
    };
    let before = keywords.clone();
    let mut field: Option<&'static str> = None;
    ui.heading("Keywords");
    ui.label("Terms this manual uses, what they mean here, and the chapters they relate to. They are published on the Keywords page, and each chapter lists its keywords.");
    ui.add_space(6.0);
    ui.horizontal_top(|ui| {
        // The terms, A–Z.
        ui.vertical(|ui| {
            ui.set_width(220.0);
            if ui.button("Add keyword").clicked() {
                keywords.push(Keyword {
                    term: "New keyword".into(),
                    ..Keyword::default()
                });
                view.selected = Some(keywords.len() - 1);
                field = Some("add");
            }
            let mut order: Vec<usize> = (0..keywords.len()).collect();
            order.sort_by_key(|&i| keywords[i].term.to_lowercase());
            egui::ScrollArea::vertical()
                .id_salt("keyword_terms")
                .max_height(360.0)
                .show(ui, |ui| {
                    for i in order {
                        let term = if keywords[i].term.trim().is_empty() {
                            "(no term)"
                        } else {
                            keywords[i].term.as_str()
                        };
                        if ui
                            .selectable_label(view.selected == Some(i), term)
                            .clicked()
                        {
                            view.selected = Some(i);
                        }
                    }
                    if keywords.is_empty() {
                        ui.label(RichText::new("No keywords yet.").italics());
                    }
                });
        });
        // Not `ui.separator()`: in a row it takes all the height offered,
        // and the dialog, sized by its content, then grew on every frame.
        ui.add_space(16.0);
        ui.vertical(|ui| {
            ui.set_min_width(420.0);
            let Some(i) = view.selected.filter(|&i| i < keywords.len()) else {
                ui.label("Choose a keyword, or add one.");
                return;
            };
            let keyword = &mut keywords[i];
            let term = crate::app::widgets::fields::labelled(
                ui,
                "Term",
                egui::TextEdit::singleline(&mut keyword.term).desired_width(400.0),
            );
            if term.changed() {
                field = Some("term");
            }
            let definition = crate::app::widgets::fields::labelled(
                ui,
                "Definition",
                egui::TextEdit::multiline(&mut keyword.definition)
                    .desired_rows(4)
                    .desired_width(400.0)
                    .hint_text("What the term means in this manual (Markdown)"),
            );
            if definition.changed() {
                field = Some("definition");
            }
            ui.add_space(6.0);
            ui.strong("Chapters");
            let mut remove = None;
            for (n, id) in keyword.chapters.iter().enumerate() {
                ui.horizontal(|ui| {
                    let label = doc
                        .outline()
                        .row(id)
                        .map_or_else(|| format!("(missing entry {id})"), |row| row.label());
                    ui.label(label);
                    if ui.small_button("Remove").clicked() {
                        remove = Some(n);
                    }
                });
            }
            if let Some(n) = remove {
                keyword.chapters.remove(n);
                field = Some("remove_chapter");
            }
            crate::app::widgets::fields::labelled(
                ui,
                "Add a chapter",
                egui::TextEdit::singleline(&mut view.query)
                    .hint_text("Number or title")
                    .desired_width(400.0),
            );
            if !view.query.trim().is_empty() {
                let taken: std::collections::HashSet<EntryId> =
                    keyword.chapters.iter().cloned().collect();
                let found = crate::document::picker::rank(doc.outline(), &view.query, &taken);
                for candidate in found.iter().take(8) {
                    let row = &doc.outline().rows[candidate.row];
                    if ui.button(&candidate.label).clicked() {
                        keyword.chapters.push(row.id.clone());
                        view.query.clear();
                        field = Some("add_chapter");
                    }
                }
            }
            ui.add_space(6.0);
            if ui.button("Delete this keyword").clicked() {
                keywords.remove(i);
                view.selected = None;
                field = Some("delete");
            }
        });
    });
    ui.add_space(8.0);
    if ui.button("Close").clicked() {
        actions.push(Action::CloseDialog);
    }
    if let Some(field) = field
        && *keywords != before
    {
        let typing = matches!(field, "term" | "definition");
        let keyword = view.selected.unwrap_or(0);
        actions.push(Action::Edit {
            edits: vec![Edit::SetKeywords {
                keywords: keywords.clone(),
            }],
            group: if typing { group(keyword, field) } else { None },
        });
    }
}
