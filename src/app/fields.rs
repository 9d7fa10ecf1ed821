//! Labelled text fields: every field is named by the label beside it, for
//! screen readers too (and for the UI tests, which find fields by name).

use egui::{Response, TextEdit, Ui, WidgetText};

/// Draws `label`, then `field` named by it.
pub fn labelled(ui: &mut Ui, label: impl Into<WidgetText>, field: TextEdit<'_>) -> Response {
    let label = ui.label(label);
    ui.add(field).labelled_by(label.id)
}
