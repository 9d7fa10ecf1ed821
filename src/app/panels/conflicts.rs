//! The Resolve conflicts panel: what a merge could not settle, each with
//! both values, Keep ours / Keep theirs / Edit, and a way to the entry.

use egui::{RichText, Ui};

use crate::app::actions::Action;
use crate::document::Document;
use crate::edit::resolve::readable;
use crate::model::merge::Side;

/// How much of a long value (a body) is shown before "…".
const SHOWN: usize = 300;

fn shortened(value: &str) -> String {
    let text = readable(value);
    match text.char_indices().nth(SHOWN) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

/// The conflicts' values as shown, worked out once per revision of the
/// manual rather than every frame (a value is RON, and a body can be long).
#[derive(Debug, Default)]
pub struct ConflictsView {
    revision: Option<u64>,
    /// Ours and theirs, shortened, for each conflict.
    shown: Vec<(String, String)>,
    /// For a conflict over text (a title, a scope, a body): theirs turned
    /// into ours, word by word.
    redlines: Vec<Option<Vec<crate::model::redline::Piece>>>,
}

/// Text fields are compared word by word; lists and places are not.
fn is_text(field: &str) -> bool {
    matches!(
        field,
        "title" | "scope" | "body" | "source" | "applies_to" | "manager"
    )
}

pub fn conflicts_ui(
    ui: &mut Ui,
    doc: &Document,
    view: &mut ConflictsView,
    actions: &mut Vec<Action>,
) {
    let conflicts = &doc.manual().conflicts;
    if view.revision != Some(doc.revision()) {
        view.revision = Some(doc.revision());
        view.shown = conflicts
            .iter()
            .map(|c| (shortened(&c.ours), shortened(&c.theirs)))
            .collect();
        view.redlines = conflicts
            .iter()
            .map(|c| {
                is_text(&c.field).then(|| {
                    crate::model::redline::redline(&readable(&c.theirs), &readable(&c.ours))
                })
            })
            .collect();
    }
    ui.horizontal(|ui| {
        ui.heading(format!("Resolve conflicts ({})", conflicts.len()));
        ui.label(
            "A merge of two versions could not settle these. The file holds ours; choose for \
             each, then save.",
        );
    });
    egui::ScrollArea::vertical()
        .id_salt("conflicts_scroll")
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for (index, conflict) in conflicts.iter().enumerate() {
                ui.push_id(index, |ui| {
                    ui.separator();
                    let row = conflict.entry.as_ref().and_then(|id| doc.outline().row(id));
                    let what = match (&conflict.entry, row) {
                        (_, Some(row)) => row.label(),
                        (Some(id), None) => format!("'{id}' (no longer in the manual)"),
                        (None, _) => "The manual".into(),
                    };
                    ui.label(
                        RichText::new(format!("{what}: {}", describe(&conflict.field))).strong(),
                    );
                    let (ours, theirs) = &view.shown[index];
                    egui::Grid::new("values").num_columns(2).show(ui, |ui| {
                        ui.label("Ours:");
                        // The whole value only when asked for.
                        ui.label(ours).on_hover_ui(|ui| {
                            ui.label(readable(&conflict.ours));
                        });
                        ui.end_row();
                        ui.label("Theirs:");
                        ui.label(theirs).on_hover_ui(|ui| {
                            ui.label(readable(&conflict.theirs));
                        });
                        ui.end_row();
                    });
                    if let Some(Some(pieces)) = view.redlines.get(index) {
                        egui::CollapsingHeader::new("Difference, theirs to ours")
                            .id_salt(("redline", index))
                            .show(ui, |ui| {
                                ui.label(
                                    RichText::new(
                                        "Struck through: only in theirs. Underlined: only in ours.",
                                    )
                                    .small(),
                                );
                                crate::app::widgets::redline::redline_ui(ui, pieces);
                            });
                    }
                    ui.horizontal(|ui| {
                        let keep = ui.button("Keep ours");
                        if index == 0
                            && crate::app::panes::take_focus_request(
                                ui.ctx(),
                                crate::app::panes::Pane::Conflicts,
                            )
                        {
                            keep.request_focus();
                        }
                        if keep.clicked() {
                            actions.push(Action::ResolveConflict {
                                index,
                                side: Side::Ours,
                            });
                        }
                        if ui.button("Keep theirs").clicked() {
                            actions.push(Action::ResolveConflict {
                                index,
                                side: Side::Theirs,
                            });
                        }
                        let editable = row.is_some() && conflict.field != "deleted";
                        if editable
                            && ui
                                .button("Edit")
                                .on_hover_text("Go to the entry to write the value yourself")
                                .clicked()
                            && let Some(id) = &conflict.entry
                        {
                            actions.push(Action::Select(id.clone()));
                            actions.push(Action::ResolveConflict {
                                index,
                                side: Side::Ours,
                            });
                        }
                        if let (Some(id), Some(_)) = (&conflict.entry, row)
                            && ui.button("Go to").clicked()
                        {
                            actions.push(Action::Select(id.clone()));
                        }
                    });
                });
            }
        });
}

/// The field's name as the editor calls it.
fn describe(field: &str) -> String {
    match field {
        "place" => "moved to two different places (ours and theirs name the section)".into(),
        "deleted" => "deleted on one side and changed on the other".into(),
        "kind" => "section or chapter (true: section)".into(),
        other => crate::model::chapter_field::ChapterField::from_name(other)
            .map_or(other, |field| field.label())
            .into(),
    }
}
