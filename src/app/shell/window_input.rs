//! What the window reads from egui's input each frame, before drawing:
//! the commands' shortcuts, Alt pressed alone, files dropped on the window,
//! and a request to close it.

use std::path::PathBuf;

use egui::{Context, ViewportCommand};

use crate::app::actions::{Action, Pending};
use crate::app::commands::Command;
use crate::app::dialogs::Dialog;
use crate::app::shell::state::App;

impl App {
    pub(in crate::app) fn read_shortcuts(&mut self, ctx: &Context) {
        self.read_alt_alone(ctx);
        if self.dialog.is_some() {
            return;
        }
        let text_focused = ctx.text_edit_focused();
        // Alt+Up/Down on a focused see-also item reorder that list instead.
        let see_also_focused = self.editor.see_also_focused;
        // So do Alt+Up/Down and Delete while the pack's list is in use.
        let pack_active =
            self.settings.show_packs && self.packs_ui.active && self.packs_ui.selected.is_some();
        let allowed = |command: Command| {
            self.is_enabled(command)
                && (!text_focused || command.fires_in_text_field())
                && !(see_also_focused && matches!(command, Command::MoveUp | Command::MoveDown))
                && !(pack_active
                    && matches!(
                        command,
                        Command::MoveUp | Command::MoveDown | Command::Delete
                    ))
        };
        let pressed = ctx.input_mut(|i| Command::take_pressed(i, allowed));
        self.actions.extend(pressed.into_iter().map(Action::Run));
    }

    /// Alt pressed and released with nothing between (no key, no text, no
    /// click) moves the keyboard to the menu bar, as F10 does.
    fn read_alt_alone(&mut self, ctx: &Context) {
        let (alt_only, anything_else) = ctx.input(|i| {
            let m = i.modifiers;
            let alt_only = m.alt && !m.ctrl && !m.shift && !m.command && !m.mac_cmd;
            let anything_else = i.events.iter().any(|e| {
                matches!(
                    e,
                    egui::Event::Key { .. }
                        | egui::Event::Text(_)
                        | egui::Event::PointerButton { .. }
                        | egui::Event::MouseWheel { .. }
                )
            });
            (alt_only, anything_else)
        });
        self.alt_alone = match (self.alt_alone, alt_only) {
            (None, true) => Some(!anything_else),
            (Some(clean), true) => Some(clean && !anything_else),
            (Some(clean), false) => {
                if clean && !anything_else && self.dialog.is_none() {
                    self.focus_menu = true;
                }
                None
            }
            (None, false) => None,
        };
    }

    pub(in crate::app) fn read_dropped_files(&mut self, ctx: &Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        let is_manual = |p: &PathBuf| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron"));
        if let Some(path) = dropped.iter().find(|p| is_manual(p)) {
            self.actions
                .push(Action::Guarded(Pending::Open(path.clone())));
        } else if let Some(path) = dropped.first()
            && self.dialog.is_none()
        {
            // A picture or a document goes into the chapter in the editor.
            self.ask_insert_file(Some(path));
        }
    }

    pub(in crate::app) fn read_close_request(&mut self, ctx: &Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close && self.is_dirty() {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.dialog = Some(Dialog::Unsaved {
                then: Pending::Quit,
            });
        }
    }
}
