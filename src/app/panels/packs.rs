//! The Packs panel beside the tree: the induction packs drawn from the open
//! manual, and the open pack's items with their current manual numbers.
//! Chapters are dragged in from the tree (or added with Add to pack), items
//! reordered by drag or Alt+Up/Down, and each has a trainer note.

use egui::{RichText, Ui};

use crate::app::Command;
use crate::app::actions::{Action, PackAction};
use crate::app::tree::DragPayload;
use crate::app::widgets::command_button::command_button;
use crate::app::widgets::fields::labelled;
use crate::document::Document;
use crate::document::packs::{PackEdit, Shelf};
use crate::edit::ListOp;
use crate::model::{ItemState, Pack, PackItem};

/// The panel's own state: which item is selected, and the item states
/// worked out for the pack and manual as they are now.
#[derive(Debug, Default)]
pub struct PacksState {
    /// The open pack's selected item.
    pub selected: Option<usize>,
    /// The last click was in the pack's list: Alt+Up/Down and Delete act on
    /// its selected item, not on the contents.
    pub active: bool,
    states: Option<StatesCache>,
}

#[derive(Debug)]
struct StatesCache {
    manual_revision: u64,
    shelf_revision: u64,
    states: Vec<Option<ItemState>>,
}

impl PacksState {
    /// What each item of `pack` finds in the manual, computed again only
    /// when the manual or the pack changed.
    fn states(&mut self, doc: &Document, shelf: &Shelf, pack: &Pack) -> &[Option<ItemState>] {
        let stale = self.states.as_ref().is_none_or(|c| {
            c.manual_revision != doc.revision() || c.shelf_revision != shelf.revision()
        });
        if stale {
            self.states = Some(StatesCache {
                manual_revision: doc.revision(),
                shelf_revision: shelf.revision(),
                states: pack.states(doc.manual()),
            });
        }
        self.states.as_ref().map_or(&[], |c| c.states.as_slice())
    }
}

/// What a dragged pack item carries: its place in the pack.
#[derive(Debug, Clone, Copy)]
struct PackDrag(usize);

pub fn packs_ui(
    ui: &mut Ui,
    doc: &Document,
    shelf: Option<&Shelf>,
    problem: Option<&str>,
    state: &mut PacksState,
    actions: &mut Vec<Action>,
) {
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        ui.heading("Packs");
        let new = ui
            .add_enabled(shelf.is_some(), egui::Button::new("New pack…"))
            .on_hover_text("Make a new induction pack from this manual's chapters");
        if crate::app::panes::take_focus_request(ui.ctx(), crate::app::panes::Pane::Packs) {
            new.request_focus();
        }
        if new.clicked() {
            actions.push(Action::Pack(PackAction::AskNew));
        }
    });
    if doc.path().is_none() {
        ui.label("Save the manual to a file first: its packs are kept beside it.");
        return;
    }
    if let Some(problem) = problem {
        ui.colored_label(ui.visuals().error_fg_color, problem);
    }
    let Some(shelf) = shelf else { return };
    pack_list_ui(ui, shelf, actions);
    let Some((path, pack)) = shelf.open_pack() else {
        if !shelf.listed().is_empty() {
            ui.label(RichText::new("Click a pack to open it.").small());
        }
        return;
    };
    ui.separator();
    open_pack_ui(ui, doc, shelf, path, pack, state, actions);
}

/// The packs beside the manual; the open one highlighted.
fn pack_list_ui(ui: &mut Ui, shelf: &Shelf, actions: &mut Vec<Action>) {
    if shelf.listed().is_empty() {
        ui.label(
            RichText::new(
                "No packs yet. A pack is a trainer's choice of chapters in their own order, \
                 kept in its own file beside the manual.",
            )
            .italics(),
        );
        return;
    }
    let open = shelf.open_pack().map(|(path, _)| path);
    egui::ScrollArea::vertical()
        .id_salt("pack_list")
        .max_height(160.0)
        .show(ui, |ui| {
            for listed in shelf.listed() {
                ui.push_id(&listed.path, |ui| match &listed.problem {
                    None => {
                        let text = format!(
                            "{} ({} chapter{})",
                            listed.title,
                            listed.chapters,
                            if listed.chapters == 1 { "" } else { "s" }
                        );
                        let is_open = open == Some(listed.path.as_path());
                        let response = ui
                            .selectable_label(is_open, text)
                            .on_hover_text(listed.path.display().to_string());
                        if response.clicked() && !is_open {
                            actions.push(Action::Pack(PackAction::Open(listed.path.clone())));
                        }
                    }
                    Some(problem) => {
                        ui.colored_label(
                            ui.visuals().error_fg_color,
                            format!("{} (cannot be read)", listed.title),
                        )
                        .on_hover_text(problem);
                    }
                });
            }
        });
}

fn open_pack_ui(
    ui: &mut Ui,
    doc: &Document,
    shelf: &Shelf,
    path: &std::path::Path,
    pack: &Pack,
    state: &mut PacksState,
    actions: &mut Vec<Action>,
) {
    egui::Grid::new("pack_fields")
        .num_columns(2)
        .show(ui, |ui| {
            let mut title = pack.title.clone();
            let field = egui::TextEdit::singleline(&mut title).desired_width(f32::INFINITY);
            if labelled(ui, "Pack title", field).changed() {
                actions.push(Action::Pack(PackAction::Edit(PackEdit::SetTitle(title))));
            }
            ui.end_row();
            let mut audience = pack.audience.clone();
            let field = egui::TextEdit::singleline(&mut audience)
                .hint_text("e.g. Newly qualified social workers")
                .desired_width(f32::INFINITY);
            if labelled(ui, "Audience", field).changed() {
                actions.push(Action::Pack(PackAction::Edit(PackEdit::SetAudience(
                    audience,
                ))));
            }
            ui.end_row();
        });
    let manual_title = &doc.manual().title;
    if !pack.manual_title.is_empty() && pack.manual_title != *manual_title {
        ui.label(
            RichText::new(format!(
                "Made from “{}”; the manual is now called “{manual_title}”.",
                pack.manual_title
            ))
            .small()
            .color(ui.visuals().warn_fg_color),
        );
    }
    ui.horizontal_wrapped(|ui| {
        command_button(ui, Command::AddToPack, true, actions);
        let at = state.selected.map_or(pack.items.len(), |i| i + 1);
        if ui
            .button("Add heading")
            .on_hover_text("Add a group heading (\"Week 1: Safeguarding\") after the selected item")
            .clicked()
        {
            actions.push(Action::Pack(PackAction::Edit(PackEdit::AddHeading {
                at,
                text: "New heading".into(),
            })));
            actions.push(Action::Pack(PackAction::Select(at)));
        }
        command_button(ui, Command::ExportPack, true, actions);
        if ui
            .button("Delete pack…")
            .on_hover_text(format!("Delete {} (Ctrl+Z brings it back)", path.display()))
            .clicked()
        {
            actions.push(Action::Pack(PackAction::AskDelete(path.to_path_buf())));
        }
    });
    let states = state.states(doc, shelf, pack).to_vec();
    let numbers = pack.item_numbers();
    let detail_height = if state.selected.is_some() { 150.0 } else { 0.0 };
    let list_height = (ui.available_height() - detail_height).max(120.0);
    egui::ScrollArea::vertical()
        .id_salt("pack_items")
        .max_height(list_height)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for (i, item) in pack.items.iter().enumerate() {
                let number = numbers.get(i).copied().flatten();
                let item_state = states.get(i).cloned().flatten();
                let row = ui.push_id(("pack_item", i), |ui| {
                    item_row_ui(ui, i, item, number, item_state, state, actions)
                });
                if let Some(action) = item_drop_ui(ui, row.response.rect, i) {
                    actions.push(action);
                }
            }
            end_drop_ui(ui, pack.items.len(), actions);
        });
    if let Some(selected) = state.selected
        && let Some(item) = pack.items.get(selected)
    {
        ui.separator();
        if let (PackItem::Entry { .. }, Some(number)) =
            (item, numbers.get(selected).copied().flatten())
        {
            let name = match states.get(selected).cloned().flatten() {
                Some(ItemState::Found { label } | ItemState::UpdatedSince { label, .. }) => label,
                _ => "a missing chapter".into(),
            };
            ui.strong(format!("Item {number}: {name}"));
        }
        item_detail_ui(ui, doc, selected, item, pack.items.len(), actions);
    }
    keys_ui(ui, state, pack.items.len(), actions);
}

/// One item: a drag handle, its place and the chapter's current number and
/// title (red when the chapter is gone, tagged when updated since).
fn item_row_ui(
    ui: &mut Ui,
    index: usize,
    item: &PackItem,
    number: Option<usize>,
    item_state: Option<ItemState>,
    state: &PacksState,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        let handle = ui
            .add(egui::Button::new(RichText::new("☰").small()).sense(egui::Sense::drag()))
            .on_hover_text("Drag to reorder the pack");
        handle.dnd_set_drag_payload(PackDrag(index));
        let is_selected = state.selected == Some(index);
        let (text, tag) = match (item, item_state) {
            (PackItem::Heading { text }, _) => (RichText::new(text).strong(), None),
            (PackItem::Entry { id, .. }, Some(ItemState::Missing) | None) => (
                RichText::new(format!(
                    "{}. Missing: no chapter “{id}” in the manual",
                    number.unwrap_or(0)
                ))
                .color(ui.visuals().error_fg_color),
                None,
            ),
            (PackItem::Entry { .. }, Some(ItemState::Found { label })) => (
                RichText::new(format!("{}. {label}", number.unwrap_or(0))),
                None,
            ),
            (PackItem::Entry { .. }, Some(ItemState::UpdatedSince { label, update })) => (
                RichText::new(format!("{}. {label}", number.unwrap_or(0))),
                Some(update),
            ),
        };
        let response = ui.add(egui::Button::selectable(is_selected, text).truncate());
        if response.clicked() {
            actions.push(Action::Pack(PackAction::Select(index)));
        }
        if let Some(update) = tag {
            ui.label(
                RichText::new("updated since")
                    .small()
                    .color(ui.visuals().warn_fg_color),
            )
            .on_hover_text(format!(
                "Amended in “{update}”, after it was added to the pack: check the trainer note"
            ));
        }
    });
}

/// An item's row as a drop target: pack items are moved, chapters dragged
/// from the contents are put in; a line shows where.
fn item_drop_ui(ui: &Ui, rect: egui::Rect, index: usize) -> Option<Action> {
    let target = ui.interact(
        rect,
        ui.make_persistent_id(("pack_drop", index)),
        egui::Sense::hover(),
    );
    let pointer = ui.ctx().pointer_interact_pos()?;
    let before = pointer.y < rect.center().y;
    let at = if before { index } else { index + 1 };
    let line = |ui: &Ui| {
        let y = if before { rect.top() } else { rect.bottom() };
        let stroke = egui::Stroke::new(2.0, ui.visuals().selection.stroke.color);
        ui.painter().hline(rect.x_range(), y, stroke);
    };
    if target.dnd_hover_payload::<PackDrag>().is_some() {
        line(ui);
        let from = target.dnd_release_payload::<PackDrag>()?.0;
        return Some(Action::Pack(PackAction::Edit(PackEdit::List(
            ListOp::Move { from, to: at },
        ))));
    }
    if target.dnd_hover_payload::<DragPayload>().is_some() {
        line(ui);
        let ids = target.dnd_release_payload::<DragPayload>()?.0.clone();
        return Some(Action::Pack(PackAction::Edit(PackEdit::Insert { at, ids })));
    }
    None
}

/// Room below the last item where anything dropped goes last (in an
/// empty pack, with a word on how to fill it).
fn end_drop_ui(ui: &mut Ui, len: usize, actions: &mut Vec<Action>) {
    let height = (ui.available_height()).max(48.0);
    let (rect, _) = ui.allocate_exact_size(
        egui::vec2(ui.available_width(), height),
        egui::Sense::hover(),
    );
    if len == 0 {
        let hint = RichText::new("Drag chapters or sections here from the contents.").italics();
        ui.put(
            egui::Rect::from_min_size(rect.min, egui::vec2(rect.width(), 24.0)),
            egui::Label::new(hint),
        );
    }
    let target = ui.interact(
        rect,
        ui.scope_id().with("pack_end_drop"),
        egui::Sense::hover(),
    );
    let drop = if target.dnd_hover_payload::<PackDrag>().is_some() {
        target.dnd_release_payload::<PackDrag>().map(|from| {
            PackEdit::List(ListOp::Move {
                from: from.0,
                to: len,
            })
        })
    } else if target.dnd_hover_payload::<DragPayload>().is_some() {
        target
            .dnd_release_payload::<DragPayload>()
            .map(|ids| PackEdit::Insert {
                at: len,
                ids: ids.0.clone(),
            })
    } else {
        return;
    };
    // (Taking a payload takes it whatever its type: only the type there is
    // asked for.)
    let stroke = egui::Stroke::new(2.0, ui.visuals().selection.stroke.color);
    ui.painter().hline(rect.x_range(), rect.top() + 1.0, stroke);
    if let Some(edit) = drop {
        actions.push(Action::Pack(PackAction::Edit(edit)));
    }
}

/// The selected item's note (or heading text) and its buttons.
fn item_detail_ui(
    ui: &mut Ui,
    doc: &Document,
    index: usize,
    item: &PackItem,
    len: usize,
    actions: &mut Vec<Action>,
) {
    let edit = |edit: PackEdit| Action::Pack(PackAction::Edit(edit));
    match item {
        PackItem::Entry { id, note, .. } => {
            let mut text = note.clone();
            let field = egui::TextEdit::multiline(&mut text)
                .hint_text("What the trainee should look for, or do, with this chapter")
                .desired_rows(3)
                .desired_width(f32::INFINITY);
            if labelled(ui, "Trainer note", field).changed() {
                actions.push(edit(PackEdit::SetNote { index, note: text }));
            }
            if doc.outline().row(id).is_some()
                && ui
                    .small_button("Show in contents")
                    .on_hover_text("Select this chapter in the contents tree")
                    .clicked()
            {
                actions.push(Action::Select(id.clone()));
            }
        }
        PackItem::Heading { text } => {
            let mut text = text.clone();
            let field = egui::TextEdit::singleline(&mut text).desired_width(f32::INFINITY);
            if labelled(ui, "Heading text", field).changed() {
                actions.push(edit(PackEdit::SetHeading { index, text }));
            }
        }
    }
    ui.horizontal(|ui| {
        let up = ui
            .add_enabled(index > 0, egui::Button::new("Up").small())
            .on_hover_text("Move this item up (Alt+Up)");
        if up.clicked() {
            actions.push(edit(PackEdit::List(ListOp::Up(index))));
        }
        let down = ui
            .add_enabled(index + 1 < len, egui::Button::new("Down").small())
            .on_hover_text("Move this item down (Alt+Down)");
        if down.clicked() {
            actions.push(edit(PackEdit::List(ListOp::Down(index))));
        }
        let remove = ui
            .small_button("Remove from pack")
            .on_hover_text("Take this item out of the pack (Delete); the manual is not changed");
        if remove.clicked() {
            actions.push(edit(PackEdit::List(ListOp::Remove(index))));
        }
    });
}

/// Alt+Up/Down and Delete act on the selected item while the pack's list
/// is the last thing clicked and no text field has the keyboard.
fn keys_ui(ui: &Ui, state: &PacksState, len: usize, actions: &mut Vec<Action>) {
    let Some(index) = state.selected else { return };
    if !state.active || ui.ctx().text_edit_focused() || index >= len {
        return;
    }
    let op = ui.input_mut(|input| {
        if input.consume_key(egui::Modifiers::ALT, egui::Key::ArrowUp) {
            Some(ListOp::Up(index))
        } else if input.consume_key(egui::Modifiers::ALT, egui::Key::ArrowDown) {
            Some(ListOp::Down(index))
        } else if input.consume_key(egui::Modifiers::NONE, egui::Key::Delete) {
            Some(ListOp::Remove(index))
        } else {
            None
        }
    });
    if let Some(op) = op {
        actions.push(Action::Pack(PackAction::Edit(PackEdit::List(op))));
    }
}
