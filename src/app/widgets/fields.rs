//! Labelled text fields: every field is named by the label beside it, for
//! screen readers too (and for the UI tests, which find fields by name).

use egui::{Response, TextEdit, Ui, WidgetText};

/// What changed in the chapter view this frame: the field, and whether
/// typing in it may merge with the previous step. Here, with the fields,
/// so the body and see-also views report it without importing the editor
/// that holds them.
pub type FieldChange = Option<(&'static str, bool)>;

/// Draws `label`, then `field` named by it.
pub fn labelled(ui: &mut Ui, label: impl Into<WidgetText>, field: TextEdit<'_>) -> Response {
    let label = ui.label(label);
    ui.add(field).labelled_by(label.id)
}

/// Whether Enter (without modifiers) was pressed this frame with no widget
/// keeping focus: a single-line field gives up focus on Enter, a multi-line
/// field or a focused button keeps it. Call after drawing the fields; the
/// dialog's default button then acts as if clicked.
pub fn enter_submits(ui: &Ui) -> bool {
    ui.input(|i| i.key_pressed(egui::Key::Enter) && i.modifiers.is_none())
        && ui.memory(|m| m.focused().is_none())
}
