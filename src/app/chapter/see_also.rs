//! The see-also list of the selected entry (internal links with their
//! target's current number and title, outside documents, broken links with
//! Re-pick), reordered by drag, buttons or Alt+Up/Down, and the entries
//! that link back here.

use egui::{RichText, Ui};

use crate::app::actions::Action;
use crate::app::widgets::fields::FieldChange;
use crate::document::Document;
use crate::edit::{ListOp, apply_list_op};
use crate::model::{EntryId, SeeAlso, is_allowed_url};

pub fn see_also_ui(
    ui: &mut Ui,
    doc: &Document,
    id: &EntryId,
    items: &mut Vec<SeeAlso>,
    focus: &mut Option<(SeeAlso, egui::Id)>,
    actions: &mut Vec<Action>,
) -> FieldChange {
    let mut change = None;
    ui.horizontal(|ui| {
        ui.strong("See also");
        if ui
            .button("Add see also…")
            .on_hover_text(
                "Pick a chapter or section of this manual, or add an outside document (Ctrl+L)",
            )
            .clicked()
        {
            actions.push(Action::OpenPicker {
                for_entry: id.clone(),
                replace: None,
            });
        }
    });
    if items.is_empty() {
        ui.label(RichText::new("No see-also links.").italics());
    }
    let outline = doc.outline();
    let mut operation: Option<ListOp> = None;
    let count = items.len();
    let mut now_focused: Option<(SeeAlso, egui::Id)> = None;
    for (i, item) in items.iter().enumerate() {
        // Keyed by the item, not its place, so focus follows it when it moves.
        let row = ui
            .push_id(("see_also", item), |ui| {
                ui.horizontal_wrapped(|ui| {
                    let mut focused: Option<egui::Id> = None;
                    let handle = ui
                        .add(
                            egui::Button::new(RichText::new("Drag").small())
                                .sense(egui::Sense::drag()),
                        )
                        .on_hover_text("Drag to reorder the see-also list");
                    handle.dnd_set_drag_payload(SeeAlsoDrag(i));
                    match item {
                        SeeAlso::Internal { target } => match outline.row(target) {
                            Some(row) => {
                                let link = ui
                                    .link(format!("› {}", row.label()))
                                    .on_hover_text("Go to this entry (Alt+Up/Down to reorder)");
                                if link.has_focus() {
                                    focused = Some(link.id);
                                }
                                if link.clicked() {
                                    actions.push(Action::Select(target.clone()));
                                }
                            }
                            None => {
                                ui.colored_label(
                                    ui.visuals().error_fg_color,
                                    format!("Broken link: no entry '{target}'"),
                                );
                                if ui
                                    .small_button("Re-pick")
                                    .on_hover_text("Choose the entry this link should point at")
                                    .clicked()
                                {
                                    actions.push(Action::OpenPicker {
                                        for_entry: id.clone(),
                                        replace: Some(i),
                                    });
                                }
                            }
                        },
                        SeeAlso::External { title, url, source } => {
                            match url {
                                Some(url) if is_allowed_url(url) => {
                                    let link = ui.hyperlink_to(title, url);
                                    if link.has_focus() {
                                        focused = Some(link.id);
                                    }
                                }
                                _ => {
                                    ui.label(title);
                                }
                            }
                            if let Some(source) = source {
                                ui.label(RichText::new(format!("({source})")).small());
                            }
                            ui.label(RichText::new("external").small().italics());
                            if url.is_none() {
                                ui.label(
                                    RichText::new("no URL")
                                        .small()
                                        .color(ui.visuals().warn_fg_color),
                                );
                            }
                        }
                    }
                    let up = ui
                        .add_enabled(i > 0, egui::Button::new("Up").small())
                        .on_hover_text("Move this link up (Alt+Up)");
                    let down = ui
                        .add_enabled(i + 1 < count, egui::Button::new("Down").small())
                        .on_hover_text("Move this link down (Alt+Down)");
                    let remove = ui
                        .small_button("Remove link")
                        .on_hover_text("Remove this link");
                    for response in [&up, &down, &remove] {
                        if response.has_focus() {
                            focused = Some(response.id);
                        }
                    }
                    if up.clicked() {
                        operation = Some(ListOp::Up(i));
                    }
                    if down.clicked() {
                        operation = Some(ListOp::Down(i));
                    }
                    if remove.clicked() {
                        operation = Some(ListOp::Remove(i));
                    }
                    focused
                })
            })
            .inner;
        if let Some((from, to)) = see_also_drop_ui(ui, row.response.rect, i) {
            operation = Some(ListOp::Move { from, to });
        }
        if let Some(widget) = row.inner {
            now_focused = Some((item.clone(), widget));
        }
    }
    // Alt+Up/Down move the item whose control had focus last frame.
    let (alt_up, alt_down) = ui.input(|input| {
        let alt = input.modifiers.alt;
        (
            alt && input.key_pressed(egui::Key::ArrowUp),
            alt && input.key_pressed(egui::Key::ArrowDown),
        )
    });
    if let Some((item, widget)) = focus.as_ref()
        && (alt_up || alt_down)
        && let Some(i) = items.iter().position(|x| x == item)
    {
        if alt_up {
            operation = Some(ListOp::Up(i));
        } else if alt_down {
            operation = Some(ListOp::Down(i));
        }
        now_focused = Some((item.clone(), *widget));
    }
    *focus = now_focused;
    if let Some(op) = operation
        && apply_list_op(items, op)
    {
        change = Some(("see_also", false));
    }
    change
}

/// What a dragged see-also item carries: its place in the list.
#[derive(Debug, Clone, Copy)]
struct SeeAlsoDrag(usize);

/// The row of item `index` as a drop target for a dragged see-also item: a
/// line shows where it would go; on release, the move (from, to before).
fn see_also_drop_ui(ui: &Ui, rect: egui::Rect, index: usize) -> Option<(usize, usize)> {
    let target = ui.interact(
        rect,
        ui.make_persistent_id(("see_also_drop", index)),
        egui::Sense::hover(),
    );
    let dragged = target.dnd_hover_payload::<SeeAlsoDrag>()?;
    let pointer = ui.ctx().pointer_interact_pos()?;
    let before = pointer.y < rect.center().y;
    let y = if before { rect.top() } else { rect.bottom() };
    ui.painter().hline(
        rect.x_range(),
        y,
        egui::Stroke::new(2.0, ui.visuals().selection.stroke.color),
    );
    target.dnd_release_payload::<SeeAlsoDrag>()?;
    Some((dragged.0, if before { index } else { index + 1 }))
}

/// The entries whose see-also lists point at this one, to follow links back.
pub fn linked_from_ui(ui: &mut Ui, doc: &Document, id: &EntryId, actions: &mut Vec<Action>) {
    let outline = doc.outline();
    let sources = outline.backlinks.of(id);
    ui.strong("Linked from");
    if sources.is_empty() {
        ui.label(RichText::new("No entry links here.").italics());
    }
    for source in sources {
        if let Some(row) = outline.row(source)
            && ui
                .link(row.label())
                .on_hover_text("Go to the entry that links here")
                .clicked()
        {
            actions.push(Action::Select(source.clone()));
        }
    }
}
