//! The command palette (Ctrl+P or F1): every command of the one command
//! list with its shortcut and whether it can run now, ranked as you type
//! by the picker's rules; Up and Down choose, Enter runs, Escape closes.

use egui::text::LayoutJob;
use egui::{Key, RichText, TextEdit, TextFormat, Ui};

use crate::app::Command;
use crate::app::actions::Action;
use crate::app::widgets::fields::labelled;

/// The palette's query, the highlighted row and which commands can run
/// (worked out when it opened: nothing changes while it is open).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PaletteView {
    pub query: String,
    /// Index into the ranked rows.
    pub selected: usize,
    pub enabled: Vec<Command>,
    /// Why the command chosen did not run.
    pub note: String,
}

/// Commands that only make sense as keys in their place (moving through
/// the contents, the menu bar, the palette itself): not offered.
fn offered(command: Command) -> bool {
    !matches!(
        command,
        Command::SelectPrevious
            | Command::SelectNext
            | Command::ExpandOrChild
            | Command::CollapseOrParent
            | Command::FocusMenu
            | Command::Palette
    )
}

/// The commands that match the query, best first, with the letters of
/// each name that matched.
pub fn ranked(query: &str) -> Vec<(Command, Vec<usize>)> {
    let commands: Vec<Command> = Command::ALL
        .iter()
        .copied()
        .filter(|&c| offered(c))
        .collect();
    let names: Vec<&str> = commands.iter().map(|c| c.label()).collect();
    crate::document::picker::rank_texts(query, &names)
        .into_iter()
        .map(|(i, matched)| (commands[i], matched))
        .collect()
}

pub fn palette_ui(ui: &mut Ui, view: &mut PaletteView, actions: &mut Vec<Action>) {
    ui.heading("Run a command");
    let field = ui
        .horizontal(|ui| {
            labelled(
                ui,
                "Command",
                TextEdit::singleline(&mut view.query)
                    .hint_text("Type part of a command's name")
                    .desired_width(420.0),
            )
        })
        .inner;
    if !ui.memory(|m| m.focused().is_some()) {
        field.request_focus();
    }
    if field.changed() {
        view.selected = 0;
    }
    let rows = ranked(&view.query);
    let (up, down, enter) = ui.input(|i| {
        (
            i.key_pressed(Key::ArrowUp),
            i.key_pressed(Key::ArrowDown),
            i.key_pressed(Key::Enter),
        )
    });
    if down && view.selected + 1 < rows.len() {
        view.selected += 1;
    }
    if up {
        view.selected = view.selected.saturating_sub(1);
    }
    view.selected = view.selected.min(rows.len().saturating_sub(1));
    let mut chosen = None;
    if enter && let Some((command, _)) = rows.get(view.selected) {
        chosen = Some(*command);
    }
    if rows.is_empty() {
        ui.label("No command has that name.");
    }
    egui::ScrollArea::vertical()
        .max_height(380.0)
        .show(ui, |ui| {
            egui::Grid::new("palette_rows")
                .num_columns(2)
                .striped(true)
                .show(ui, |ui| {
                    for (at, (command, matched)) in rows.iter().enumerate() {
                        let enabled = view.enabled.contains(command);
                        let name = highlighted(ui, command.label(), matched, enabled);
                        let row = ui.selectable_label(at == view.selected, name);
                        let row = if enabled {
                            row.on_hover_text(command.tooltip())
                        } else {
                            row.on_hover_text(format!("Not available now. {}", command.tooltip()))
                        };
                        if at == view.selected && (up || down) {
                            row.scroll_to_me(None);
                        }
                        if row.clicked() {
                            chosen = Some(*command);
                        }
                        let keys: Vec<String> = command
                            .shortcuts()
                            .iter()
                            .map(|s| ui.ctx().format_shortcut(s))
                            .collect();
                        ui.label(RichText::new(keys.join(", ")).weak());
                        ui.end_row();
                    }
                });
        });
    if let Some(command) = chosen {
        if view.enabled.contains(&command) {
            actions.push(Action::CloseDialog);
            actions.push(Action::Run(command));
        } else {
            view.note = format!(
                "“{}” is not available now: {}",
                command.label(),
                command.tooltip()
            );
        }
    }
    if !view.note.is_empty() {
        ui.label(RichText::new(&view.note).color(ui.visuals().warn_fg_color));
    }
    if ui.button("Close").clicked() {
        actions.push(Action::CloseDialog);
    }
}

/// A command's name with the matched letters in bold, greyed when it
/// cannot run now.
fn highlighted(ui: &Ui, name: &str, matched: &[usize], enabled: bool) -> LayoutJob {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let colour = if enabled {
        ui.visuals().text_color()
    } else {
        ui.visuals().weak_text_color()
    };
    let strong = ui.visuals().strong_text_color();
    let mut job = LayoutJob::default();
    for (i, c) in name.chars().enumerate() {
        let format = if matched.contains(&i) {
            TextFormat {
                underline: egui::Stroke::new(1.0, strong),
                ..TextFormat::simple(font.clone(), if enabled { strong } else { colour })
            }
        } else {
            TextFormat::simple(font.clone(), colour)
        };
        job.append(&c.to_string(), 0.0, format);
    }
    job
}
