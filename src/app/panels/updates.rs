//! The update views: what the current update has changed so far (new and
//! updated chapters, with their notes), and which chapters' reviews are
//! overdue or due soon. Each entry is a link that selects it.

use egui::{RichText, Ui};

use super::ViewCache;
use crate::app::actions::Action;
use crate::document::Document;
use crate::model::{EntryId, ReviewDue, UpdateChanges};

/// A link to an entry that selects it and closes the view.
fn entry_link(ui: &mut Ui, doc: &Document, id: &EntryId, actions: &mut Vec<Action>) {
    let label = doc
        .outline()
        .row(id)
        .map_or_else(|| id.to_string(), |r| r.label());
    if ui.link(label).on_hover_text("Go to this chapter").clicked() {
        actions.push(Action::CloseDialog);
        actions.push(Action::Select(id.clone()));
    }
}

/// Edit > Amendments in this update.
pub fn amendments_view_ui(
    ui: &mut Ui,
    doc: Option<&Document>,
    cache: &mut ViewCache<UpdateChanges>,
    actions: &mut Vec<Action>,
) {
    let Some(doc) = doc else { return };
    let Some(update) = doc.manual().current_update() else {
        ui.heading("Amendments");
        ui.label("This manual records no updates yet: Edit > Start next update… opens one.");
        close_row_ui(ui, actions);
        return;
    };
    let state = if update.published {
        "published"
    } else {
        "being prepared"
    };
    ui.heading(format!("Amendments in {} ({state})", update.label));
    let changes = cache.get(doc.revision(), || doc.manual().changes_in(&update.label));
    let scroll = egui::ScrollArea::vertical()
        .id_salt("amendments_view")
        .max_height(420.0);
    scroll.show(ui, |ui| {
        ui.strong(format!("New chapters ({})", changes.added.len()));
        if changes.added.is_empty() {
            ui.label(RichText::new("None yet.").italics());
        }
        for id in &changes.added {
            entry_link(ui, doc, id, actions);
        }
        ui.add_space(8.0);
        ui.strong(format!("Updated chapters ({})", changes.amended.len()));
        if changes.amended.is_empty() {
            ui.label(RichText::new("None yet.").italics());
        }
        let has_copy = doc.manual().has_published_copy();
        for (id, notes) in &changes.amended {
            ui.horizontal(|ui| {
                entry_link(ui, doc, id, actions);
                if has_copy
                    && ui
                        .small_button("Compare")
                        .on_hover_text(crate::app::dialogs::sign_off::COMPARE_HINT)
                        .clicked()
                {
                    actions.push(Action::CompareWithPublished(id.clone()));
                }
            });
            for note in notes {
                ui.label(RichText::new(format!("    {note}")).small());
            }
        }
        if !changes.drafts.is_empty() {
            ui.add_space(8.0);
            ui.strong(format!(
                "Drafted notes to keep or remove ({})",
                changes.drafts.len()
            ));
            for (id, notes) in &changes.drafts {
                entry_link(ui, doc, id, actions);
                for note in notes {
                    ui.label(RichText::new(format!("    {note}")).small());
                }
            }
        }
        ui.add_space(8.0);
        ui.strong(format!("Removed chapters ({})", changes.removed.len()));
        if changes.removed.is_empty() {
            ui.label(RichText::new("None.").italics());
        }
        for label in &changes.removed {
            ui.label(label);
        }
    });
    close_row_ui(ui, actions);
}

/// Edit > Reviews due.
pub fn reviews_view_ui(
    ui: &mut Ui,
    doc: Option<&Document>,
    cache: &mut ViewCache<ReviewsView>,
    actions: &mut Vec<Action>,
) {
    let Some(doc) = doc else { return };
    ui.heading("Reviews due");
    let ReviewsView {
        today,
        due,
        undated,
    } = cache.get(doc.revision(), || {
        let today = crate::model::date::today_iso();
        ReviewsView {
            due: doc.manual().reviews_due(&today),
            undated: doc.manual().chapters_without_review(),
            today,
        }
    });
    let chapters = doc.manual().chapter_count();
    if due.is_empty() && undated.len() == chapters && chapters > 0 {
        ui.label(
            "No chapter has a review date, so none can be overdue: set “Review due” in a \
             chapter's details to plan its next review.",
        );
    } else if due.is_empty() {
        ui.label("No chapter's review is overdue or due in the next three months.");
    }
    if !undated.is_empty() {
        let heading = format!(
            "{} with no review date",
            crate::model::counted(undated.len(), "chapter", "chapters")
        );
        egui::CollapsingHeader::new(heading)
            .id_salt("reviews_undated")
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("reviews_undated_list")
                    .max_height(200.0)
                    .show(ui, |ui| {
                        for (id, _) in undated.iter() {
                            entry_link(ui, doc, id, actions);
                        }
                    });
            });
    }
    let overdue = due.iter().filter(|r| r.is_overdue).count();
    if overdue > 0 {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!("{overdue} overdue (as of {today})"),
        );
    }
    let scroll = egui::ScrollArea::vertical()
        .id_salt("reviews_view")
        .max_height(420.0);
    scroll.show(ui, |ui| {
        for review in due {
            ui.horizontal(|ui| {
                let state = if review.is_overdue { "Overdue" } else { "Due" };
                ui.label(format!("{state} {}", review.due));
                entry_link(ui, doc, &review.id, actions);
                if let Some(manager) = &review.manager {
                    ui.label(RichText::new(format!("({manager})")).small());
                }
            });
        }
    });
    close_row_ui(ui, actions);
}

/// What Reviews due… shows: as of which day, the reviews due, and the
/// chapters with no review date.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReviewsView {
    pub today: String,
    pub due: Vec<ReviewDue>,
    pub undated: Vec<(crate::model::EntryId, String)>,
}

fn close_row_ui(ui: &mut Ui, actions: &mut Vec<Action>) {
    ui.add_space(6.0);
    if ui.button("Close").clicked() {
        actions.push(Action::CloseDialog);
    }
}
