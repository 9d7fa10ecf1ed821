//! The contents tree: a filter box above every part, section and chapter
//! with its number, title, badge and warning marker. Only the rows in view
//! are laid out, so a manual of any size draws in the same time.

use std::collections::HashSet;

use egui::{Color32, RichText, Ui};

use crate::app::Command;
use crate::app::actions::Action;
use crate::app::widgets::command_button::command_button;
use crate::app::widgets::fields::labelled;
use crate::document::Selection;
use crate::document::filter::visible_rows;
use crate::document::{Document, Row};
use crate::edit::structure::{DropZone, Refusal, drop_edits, drop_zone, predicted_number};
use crate::model::{Badge, EntryId};

/// Height of one row of the tree, in points.
pub const ROW_HEIGHT: f32 = 22.0;
/// Indent per level, in points.
const INDENT: f32 = 16.0;

#[derive(Debug, Default)]
pub struct TreeState {
    pub filter: String,
    /// Sections shown closed; changed through the methods below, which count
    /// the changes so the cached rows know when to recompute.
    collapsed: HashSet<EntryId>,
    collapsed_changes: u64,
    pub focus_filter: bool,
    pub scroll_to_selected: bool,
    drop_feedback: Option<DropFeedback>,
    /// The rows shown, and what they were computed from.
    cache: Option<VisibleCache>,
}

#[derive(Debug)]
struct VisibleCache {
    revision: u64,
    filter: String,
    collapsed_changes: u64,
    rows: Vec<usize>,
}

impl TreeState {
    pub fn collapsed(&self) -> &HashSet<EntryId> {
        &self.collapsed
    }

    pub fn toggle_collapsed(&mut self, id: EntryId) {
        if !self.collapsed.remove(&id) {
            self.collapsed.insert(id);
        }
        self.collapsed_changes += 1;
    }

    /// Closes exactly these sections (none: everything open).
    pub fn set_collapsed(&mut self, ids: HashSet<EntryId>) {
        self.collapsed = ids;
        self.collapsed_changes += 1;
    }

    /// Recomputes the rows shown when the manual, the filter or the
    /// collapsed sections changed since last time.
    fn refresh_visible(&mut self, doc: &Document) {
        let revision = doc.revision();
        let stale = self.cache.as_ref().is_none_or(|c| {
            c.revision != revision
                || c.filter != self.filter
                || c.collapsed_changes != self.collapsed_changes
        });
        if stale {
            self.cache = Some(VisibleCache {
                revision,
                filter: self.filter.clone(),
                collapsed_changes: self.collapsed_changes,
                rows: visible_rows(doc.outline(), &self.filter, &self.collapsed),
            });
        }
    }

    /// Indices into the outline's rows of the rows shown, in order.
    pub fn visible(&mut self, doc: &Document) -> &[usize] {
        self.refresh_visible(doc);
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

/// How an entry of a manual made from a template stands: its own, or a
/// template entry changed here (nothing for one as the template has it).
pub fn standing_tag(ui: &mut Ui, standing: Option<crate::model::template::Standing>) {
    use crate::model::template::Standing;
    let (text, hint) = match standing {
        Some(Standing::Local) => ("Local", "The council's own: not in the template"),
        Some(Standing::ChangedLocally) => (
            "Changed here",
            "From the template, changed here; a pull keeps the change",
        ),
        _ => return,
    };
    ui.label(RichText::new(text).small().italics())
        .on_hover_text(hint);
}

pub fn tree_ui(
    ui: &mut Ui,
    doc: &Document,
    selection: &Selection,
    state: &mut TreeState,
    actions: &mut Vec<Action>,
) {
    ui.add_space(4.0);
    let filter = labelled(
        ui,
        "Filter contents",
        egui::TextEdit::singleline(&mut state.filter)
            .hint_text("Number or title (Ctrl+F)")
            .desired_width(f32::INFINITY),
    );
    let pane = selection.current().is_none()
        && crate::app::panes::take_focus_request(ui.ctx(), crate::app::panes::Pane::Contents);
    if state.focus_filter || pane {
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
    let selected_row = selection
        .current()
        .and_then(|id| outline.row_of.get(id).copied());
    let scroll_request = std::mem::take(&mut state.scroll_to_selected);
    let filter_active = !state.filter.trim().is_empty();
    state.refresh_visible(doc);
    let rows: &[usize] = state.cache.as_ref().map_or(&[], |c| c.rows.as_slice());
    if rows.is_empty() {
        ui.label(if filter_active {
            "No entry matches the filter."
        } else {
            "This manual has no entries yet."
        });
        return;
    }
    if filter_active {
        let shown = crate::model::counted(rows.len(), "entry", "entries");
        ui.label(RichText::new(format!("{shown} shown")).small());
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
    // Escape cancels a drag.
    if egui::DragAndDrop::has_any_payload(ui.ctx())
        && ui.input(|i| i.key_pressed(egui::Key::Escape))
    {
        egui::DragAndDrop::clear_payload(ui.ctx());
    }
    // One row is in the Tab order (the selected one, else the first), so
    // Tab leaves the contents instead of stopping at every row; and the
    // keyboard focus follows the selection when arrows move it.
    let tab_stop = selected_row
        .or_else(|| rows.first().copied())
        .and_then(|r| outline.rows.get(r))
        .map(|r| r.id.clone());
    let focused_row = ui.data_mut(|d| d.remove_temp::<EntryId>(focused_row_id()));
    let context = RowContext {
        doc,
        selection,
        filter_active,
        tab_stop,
        focused_row,
    };
    let mut drop_feedback = std::mem::take(&mut state.drop_feedback);
    let offset = state_offset(ui);
    let content_height = rows.len() as f32 * (row_height + spacing);
    let output = scroll.show_rows(ui, row_height, rows.len(), |ui, range| {
        autoscroll_while_dragging(ui, offset, content_height);
        for &row_index in &rows[range] {
            let Some(row) = outline.rows.get(row_index) else {
                continue;
            };
            row_ui(
                ui,
                &context,
                row,
                Some(row_index) == selected_row,
                !filter_active && state.collapsed.contains(&row.id),
                &mut drop_feedback,
                actions,
            );
        }
    });
    state.drop_feedback = drop_feedback;
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

/// What the dragged rows carry: the ids being moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DragPayload(pub Vec<EntryId>);

/// The last drop position worked out, kept so it is computed once per
/// position rather than once per frame.
#[derive(Debug, Clone)]
pub struct DropFeedback {
    target: EntryId,
    zone: DropZone,
    dragged: Vec<EntryId>,
    result: Result<Vec<crate::edit::Edit>, Refusal>,
    number: Option<String>,
}

/// What every row needs to know.
struct RowContext<'a> {
    doc: &'a Document,
    selection: &'a Selection,
    filter_active: bool,
    /// The row Tab stops at.
    tab_stop: Option<EntryId>,
    /// The row that had the keyboard focus last frame.
    focused_row: Option<EntryId>,
}

/// Where the row with the keyboard focus is remembered between frames.
fn focused_row_id() -> egui::Id {
    egui::Id::unique("tree_focused_row")
}

fn quiet_id() -> egui::Id {
    egui::Id::unique("tree_titles_quiet_at")
}

/// Holds back row tooltips until the pointer leaves where it is now.
fn quiet_titles_until_moved(ctx: &egui::Context) {
    if let Some(at) = ctx.pointer_latest_pos() {
        ctx.data_mut(|d| d.insert_temp(quiet_id(), at));
    }
}

/// Whether row tooltips are held back: a drag is on, or the pointer has
/// not moved since a drop.
fn titles_quiet(ctx: &egui::Context) -> bool {
    if egui::DragAndDrop::has_payload_of_type::<DragPayload>(ctx) {
        return true;
    }
    let Some(at) = ctx.data(|d| d.get_temp::<egui::Pos2>(quiet_id())) else {
        return false;
    };
    if ctx.pointer_latest_pos() == Some(at) {
        return true;
    }
    ctx.data_mut(|d| d.remove::<egui::Pos2>(quiet_id()));
    false
}

/// Scrolls the tree when a dragged entry nears its top or bottom edge.
fn autoscroll_while_dragging(ui: &mut Ui, offset: f32, content_height: f32) {
    if !egui::DragAndDrop::has_payload_of_type::<DragPayload>(ui.ctx()) {
        return;
    }
    let Some(pointer) = ui.ctx().pointer_hover_pos() else {
        return;
    };
    let visible = ui.clip_rect();
    let edge = 2.0 * ROW_HEIGHT;
    if !visible.contains(pointer) {
        return;
    }
    let delta = if pointer.y < visible.top() + edge && offset > 0.0 {
        ROW_HEIGHT / 2.0
    } else if pointer.y > visible.bottom() - edge && offset + visible.height() < content_height {
        -ROW_HEIGHT / 2.0
    } else {
        return;
    };
    ui.scroll_with_delta(egui::vec2(0.0, delta));
    // Keep scrolling while the pointer rests at the edge.
    ui.ctx().request_repaint();
}

fn row_ui(
    ui: &mut Ui,
    context: &RowContext,
    row: &Row,
    is_selected: bool,
    is_collapsed: bool,
    drop_feedback: &mut Option<DropFeedback>,
    actions: &mut Vec<Action>,
) {
    let in_selection = is_selected || context.selection.contains(&row.id);
    let inner = ui.horizontal(|ui| {
        ui.set_height(ROW_HEIGHT);
        ui.add_space(row.depth as f32 * INDENT);
        if row.is_section && !context.filter_active {
            let (icon, verb) = if is_collapsed {
                ("⏵", "Expand")
            } else {
                ("⏷", "Collapse")
            };
            // Not in the Tab order: Right and Left fold and unfold.
            let toggle = ui
                .add(
                    egui::Button::new(RichText::new(icon).small())
                        .frame(false)
                        .min_size(egui::vec2(16.0, 16.0))
                        .sense(egui::Sense::CLICK),
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
            + if row.warnings > 0 { 24.0 } else { 0.0 }
            + match context.doc.template_standing(&row.id) {
                Some(crate::model::template::Standing::FromTemplate) | None => 0.0,
                Some(_) => 90.0,
            };
        let max_width = (ui.available_width() - reserve).max(40.0);
        let response = ui
            .scope(|ui| {
                ui.set_max_width(max_width);
                let is_tab_stop = context.tab_stop.as_ref() == Some(&row.id);
                let sense = if is_tab_stop {
                    egui::Sense::click_and_drag()
                } else {
                    egui::Sense::CLICK | egui::Sense::DRAG
                };
                ui.add(
                    egui::Button::selectable(in_selection, text)
                        .truncate()
                        .sense(sense),
                )
            })
            .inner;
        // No title tooltips while dragging, nor after a drop until the
        // pointer moves: egui would keep the dragged row's tooltip over
        // whatever row is now under the resting pointer.
        let response = if titles_quiet(ui.ctx()) {
            response
        } else {
            response.on_hover_text(row.label())
        };
        badge_tag(ui, row.badge);
        standing_tag(ui, context.doc.template_standing(&row.id));
        if row.warnings > 0 {
            ui.label(RichText::new("⚠").color(ui.visuals().warn_fg_color))
                .on_hover_text(format!(
                    "{}: see the status bar",
                    crate::model::counted(row.warnings, "warning", "warnings")
                ));
        }
        response
    });
    let response = inner.inner;
    if is_selected
        && crate::app::panes::take_focus_request(ui.ctx(), crate::app::panes::Pane::Contents)
    {
        response.request_focus();
    }
    // The selection moved (an arrow key) while a row had the focus.
    let moved_away = context.focused_row.as_ref().is_some_and(|f| *f != row.id);
    if is_selected && moved_away && !response.has_focus() {
        response.request_focus();
    }
    if response.has_focus() {
        ui.data_mut(|d| d.insert_temp(focused_row_id(), row.id.clone()));
        // The arrows move the selection and fold sections (the commands'
        // shortcuts), not egui's focus from widget to widget.
        let arrows = egui::EventFilter {
            horizontal_arrows: true,
            vertical_arrows: true,
            ..Default::default()
        };
        ui.memory_mut(|m| m.set_focus_lock_filter(response.id, arrows));
    }
    if response.clicked() {
        let modifiers = ui.input(|i| i.modifiers);
        actions.push(Action::Click {
            id: row.id.clone(),
            modifiers,
        });
    }
    if response.secondary_clicked() && !in_selection {
        actions.push(Action::Select(row.id.clone()));
    }
    let dragged = if in_selection && context.selection.is_multiple() {
        context.selection.ids().to_vec()
    } else {
        vec![row.id.clone()]
    };
    response.dnd_set_drag_payload(DragPayload(dragged));
    response.context_menu(|ui| context_menu_ui(ui, row, actions));

    // The whole row, indentation included, is a drop target.
    let row_rect = inner.response.rect;
    let target = ui.interact(
        row_rect,
        ui.scope_id().with(("drop", &row.id)),
        egui::Sense::hover(),
    );
    let Some(payload) = target.dnd_hover_payload::<DragPayload>() else {
        return;
    };
    let Some(pointer) = ui.ctx().pointer_interact_pos() else {
        return;
    };
    let fraction = ((pointer.y - row_rect.top()) / row_rect.height()).clamp(0.0, 1.0);
    let zone = drop_zone(fraction, row.is_section);
    let stale = drop_feedback
        .as_ref()
        .is_none_or(|f| f.target != row.id || f.zone != zone || f.dragged != payload.0);
    if stale {
        let manual = &context.doc.manual();
        *drop_feedback = Some(DropFeedback {
            target: row.id.clone(),
            zone,
            dragged: payload.0.clone(),
            result: drop_edits(manual, &payload.0, &row.id, zone),
            number: predicted_number(manual, &payload.0, &row.id, zone).map(|n| n.to_string()),
        });
    }
    let Some(feedback) = drop_feedback.as_ref() else {
        return;
    };
    paint_drop_marker(ui, row_rect, feedback, pointer);
    if let Some(payload) = target.dnd_release_payload::<DragPayload>()
        && payload.0 == feedback.dragged
        && let Ok(edits) = &feedback.result
    {
        quiet_titles_until_moved(ui.ctx());
        actions.push(Action::Edit {
            edits: edits.clone(),
            group: None,
        });
        if let Some(first) = feedback.dragged.first() {
            actions.push(Action::Select(first.clone()));
        }
    }
}

/// An insertion line before or after the row, or a frame round a section
/// the entries would go into; red when the drop is refused. The number the
/// first entry would get is written beside the pointer.
fn paint_drop_marker(ui: &Ui, rect: egui::Rect, feedback: &DropFeedback, pointer: egui::Pos2) {
    let refused = feedback.result.is_err();
    let colour = if refused {
        ui.visuals().error_fg_color
    } else {
        ui.visuals().selection.stroke.color
    };
    let stroke = egui::Stroke::new(2.5, colour);
    let painter = ui.ctx().layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("drop_marker"),
    ));
    match feedback.zone {
        DropZone::Before => {
            painter.hline(rect.x_range(), rect.top(), stroke);
        }
        DropZone::After => {
            painter.hline(rect.x_range(), rect.bottom(), stroke);
        }
        DropZone::Inside => {
            painter.rect_stroke(rect, 3.0, stroke, egui::StrokeKind::Inside);
        }
    }
    let text = match (&feedback.result, &feedback.number) {
        (Err(Refusal::IntoItself), _) => "Cannot move an entry into itself".to_string(),
        (Err(Refusal::NotASection), _) => "Only sections hold entries".to_string(),
        (Err(Refusal::Missing), _) => "Cannot drop here".to_string(),
        (Ok(_), Some(number)) => format!("Becomes {number}"),
        (Ok(_), None) => "Unnumbered here".to_string(),
    };
    let galley = painter.layout_no_wrap(
        text,
        egui::FontId::proportional(13.0),
        ui.visuals().strong_text_color(),
    );
    let at = pointer + egui::vec2(18.0, 6.0);
    painter.rect_filled(
        egui::Rect::from_min_size(at, galley.size()).expand(4.0),
        4.0,
        ui.visuals().extreme_bg_color,
    );
    painter.galley(at, galley, colour);
}

fn context_menu_ui(ui: &mut Ui, row: &Row, actions: &mut Vec<Action>) {
    // The row is selected by the right-click, so every command applies.
    let mut item = |ui: &mut Ui, command: Command| {
        if command_button(ui, command, true, actions) {
            ui.close();
        }
    };
    item(ui, Command::AddChapterAfter);
    item(ui, Command::AddSectionAfter);
    if row.is_section {
        item(ui, Command::AddInside);
    }
    item(ui, Command::Duplicate);
    item(ui, Command::ToggleNumbered);
    ui.separator();
    item(ui, Command::MoveUp);
    item(ui, Command::MoveDown);
    item(ui, Command::MoveOut);
    item(ui, Command::MoveIn);
    ui.separator();
    item(ui, Command::AddSeeAlso);
    item(ui, Command::AddToPack);
    item(ui, Command::Delete);
}
