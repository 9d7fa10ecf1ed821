//! A button or menu item that runs a command: its label, shortcut and
//! tooltip come from the one list of commands.

use crate::app::Command;
use crate::app::actions::Action;

/// A menu item for `command`: its label, its first shortcut and its
/// tooltip, greyed out when it cannot run now. Queues the command when
/// clicked and says so.
pub fn command_button(
    ui: &mut egui::Ui,
    command: Command,
    is_enabled: bool,
    actions: &mut Vec<Action>,
) -> bool {
    let mut button = egui::Button::new(command.label());
    if let Some(shortcut) = command.shortcuts().first() {
        button = button.shortcut_text(ui.ctx().format_shortcut(shortcut));
    }
    let clicked = ui
        .add_enabled(is_enabled, button)
        .on_hover_text(command.tooltip())
        .clicked();
    if clicked {
        actions.push(Action::Run(command));
    }
    clicked
}
