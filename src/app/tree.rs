//! The contents tree: a filter box above every part, section and chapter
//! with its number, title, badge and warning marker. Only the rows in view
//! are laid out, so a manual of any size draws in the same time.

use std::collections::HashSet;

use egui::{Color32, RichText, Ui};

use super::Command;
use super::actions::Action;
use super::document::{Document, Row};
use super::filter::visible_rows;
use crate::model::{Badge, EntryId};

/// Height of one row of the tree, in points.
pub const ROW_HEIGHT: f32 = 22.0;
/// Indent per level, in points.
const INDENT: f32 = 16.0;

#[derive(Debug, Default)]
pub struct TreeState {
    pub filter: String,
    pub collapsed: HashSet<EntryId>,
    pub focus_filter: bool,
    pub scroll_to_selected: bool,
    /// The rows shown, and what they were computed from.
    cache: Option<VisibleCache>,
}

#[derive(Debug)]
struct VisibleCache {
    revision: u64,
    filter: String,
    collapsed: HashSet<EntryId>,
    rows: Vec<usize>,
}

impl TreeState {
    fn visible<'a>(&'a mut self, doc: &Document) -> &'a [usize] {
        let revision = doc.history.revision();
        let stale = self.cache.as_ref().is_none_or(|c| {
            c.revision != revision || c.filter != self.filter || c.collapsed != self.collapsed
        });
        if stale {
            self.cache = Some(VisibleCache {
                revision,
                filter: self.filter.clone(),
                collapsed: self.collapsed.clone(),
                rows: visible_rows(doc.outline(), &self.filter, &self.collapsed),
            });
        }
        self.cache.as_ref().map_or(&[], |c| c.rows.as_slice())
    }
}

/// The text colour of a badge tag and its background; the word itself
/// carries the meaning, the colour only helps.
fn badge_colours(badge: Badge, dark: bool) -> (Color32, Color32) {
    match (badge, dark) {
        (Badge::New, false) => (Color32::WHITE, Color32::from_rgb(0x00, 0x5e, 0xa5)),
        (Badge::New, true) => (Color32::BLACK, Color32::from_rgb(0x8c, 0xc8, 0xff)),
        (_, false) => (Color32::BLACK, Color32::from_rgb(0xff, 0xdd, 0x00)),
        (_, true) => (Color32::BLACK, Color32::from_rgb(0xff, 0xe5, 0x6b)),
    }
}

pub fn badge_tag(ui: &mut Ui, badge: Badge) {
    if let Some(text) = badge.label() {
        let (fg, bg) = badge_colours(badge, ui.visuals().dark_mode);
        egui::Frame::new()
            .fill(bg)
            .corner_radius(3.0)
            .inner_margin(egui::Margin::symmetric(4, 0))
            .show(ui, |ui| {
                ui.label(RichText::new(text).color(fg).small().strong())
            });
    }
}

pub fn tree_ui(
    ui: &mut Ui,
    doc: &Document,
    selected: Option<&EntryId>,
    state: &mut TreeState,
    actions: &mut Vec<Action>,
) {
    ui.add_space(4.0);
    let label = ui.label("Filter contents");
    let filter = ui
        .add(
            egui::TextEdit::singleline(&mut state.filter)
                .hint_text("Number or title (Ctrl+F)")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    if state.focus_filter {
        filter.request_focus();
        state.focus_filter = false;
    }
    if filter.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
        state.filter.clear();
    }
    ui.horizontal(|ui| {
        for command in [Command::ExpandAll, Command::CollapseAll] {
            if ui
                .small_button(command.label())
                .on_hover_text(command.tooltip())
                .clicked()
            {
                actions.push(Action::Run(command));
            }
        }
    });
    ui.separator();

    let outline = doc.outline();
    let selected_row = selected.and_then(|id| outline.row_of.get(id).copied());
    let scroll_request = std::mem::take(&mut state.scroll_to_selected);
    let filter_active = !state.filter.trim().is_empty();
    let collapsed = state.collapsed.clone();
    let rows = state.visible(doc).to_vec();
    if rows.is_empty() {
        ui.label(if filter_active {
            "No entry matches the filter."
        } else {
            "This manual has no entries yet."
        });
        return;
    }
    if filter_active {
        ui.label(RichText::new(format!("{} entries shown", rows.len())).small());
    }

    let row_height = ROW_HEIGHT;
    let spacing = ui.spacing().item_spacing.y;
    let mut scroll = egui::ScrollArea::vertical()
        .id_salt("contents_scroll")
        .auto_shrink([false, false]);
    if scroll_request
        && let Some(position) = selected_row.and_then(|r| rows.iter().position(|&x| x == r))
    {
        let top = position as f32 * (row_height + spacing);
        let height = ui.available_height();
        let offset = state_offset(ui);
        if top < offset || top + row_height > offset + height {
            scroll = scroll.vertical_scroll_offset((top - height / 3.0).max(0.0));
        }
    }
    let output = scroll.show_rows(ui, row_height, rows.len(), |ui, range| {
        for &row_index in &rows[range] {
            let Some(row) = outline.rows.get(row_index) else {
                continue;
            };
            row_ui(
                ui,
                row,
                Some(row_index) == selected_row,
                !filter_active && collapsed.contains(&row.id),
                actions,
            );
        }
    });
    ui.data_mut(|d| {
        d.insert_temp(
            egui::Id::unique("contents_offset"),
            output.state.clamped_offset().y,
        )
    });
}

fn state_offset(ui: &Ui) -> f32 {
    ui.data(|d| d.get_temp::<f32>(egui::Id::unique("contents_offset")))
        .unwrap_or(0.0)
}

fn row_ui(
    ui: &mut Ui,
    row: &Row,
    is_selected: bool,
    is_collapsed: bool,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        ui.set_height(ROW_HEIGHT);
        ui.add_space(row.depth as f32 * INDENT);
        if row.is_section {
            let (icon, verb) = if is_collapsed {
                ("⏵", "Expand")
            } else {
                ("⏷", "Collapse")
            };
            let toggle = ui
                .add(
                    egui::Button::new(RichText::new(icon).small())
                        .frame(false)
                        .min_size(egui::vec2(16.0, 16.0)),
                )
                .on_hover_text(format!("{verb} {}", row.label()));
            if toggle.clicked() {
                actions.push(Action::ToggleCollapsed(row.id.clone()));
            }
        } else {
            ui.add_space(16.0 + ui.spacing().item_spacing.x);
        }
        let mut text = RichText::new(row.label());
        if row.is_section && row.depth == 0 {
            text = text.strong();
        }
        if row.title.is_empty() {
            text = text.italics();
        }
        // Leave room after the title for its badge and warning marker.
        let reserve = if row.badge.is_none() { 0.0 } else { 70.0 }
            + if row.warnings > 0 { 24.0 } else { 0.0 };
        let max_width = (ui.available_width() - reserve).max(40.0);
        let response = ui
            .scope(|ui| {
                ui.set_max_width(max_width);
                ui.add(egui::Button::selectable(is_selected, text).truncate())
            })
            .inner
            .on_hover_text(row.label());
        badge_tag(ui, row.badge);
        if row.warnings > 0 {
            ui.label(RichText::new("⚠").color(ui.visuals().warn_fg_color))
                .on_hover_text(format!("{} warning(s): see the status bar", row.warnings));
        }
        if response.clicked() {
            actions.push(Action::Select(row.id.clone()));
        }
    });
}
