//! F6 and Shift+F6: keyboard focus moves between the contents tree, the
//! editor and whichever panels are open (packs, find and replace, resolve
//! conflicts), as in other desktop editors.
//!
//! Each pane's first control asks [`take_focus_request`] while it is drawn;
//! the command only records which pane should take focus.

use egui::{Context, Id, Rect};

/// A part of the window that keyboard focus can move to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Contents,
    Editor,
    Packs,
    Find,
    Conflicts,
    Problems,
}

fn request_id() -> Id {
    Id::unique("pane_focus_request")
}

/// Asks `pane` to take keyboard focus when it is next drawn.
pub fn request_focus(ctx: &Context, pane: Pane) {
    let frame = ctx.cumulative_pass_nr();
    ctx.data_mut(|d| d.insert_temp(request_id(), (pane, frame)));
}

/// True once for `pane` after a request (a request nobody took within a
/// couple of frames lapses, so it never steals focus later).
pub fn take_focus_request(ctx: &Context, pane: Pane) -> bool {
    let now = ctx.cumulative_pass_nr();
    ctx.data_mut(|d| match d.get_temp::<(Pane, u64)>(request_id()) {
        Some((wanted, frame)) if wanted == pane && now <= frame + 3 => {
            d.remove::<(Pane, u64)>(request_id());
            true
        }
        Some((_, frame)) if now > frame + 3 => {
            d.remove::<(Pane, u64)>(request_id());
            false
        }
        _ => false,
    })
}

/// The pane after (or before) the one holding keyboard focus, among the
/// panes shown (`shown`, in order, with where they are).
pub fn next(ctx: &Context, shown: &[(Pane, Rect)], backwards: bool) -> Option<Pane> {
    if shown.is_empty() {
        return None;
    }
    let focused = ctx
        .memory(|m| m.focused())
        .and_then(|id| ctx.read_response(id))
        .map(|response| response.rect.center());
    let current = focused.and_then(|at| shown.iter().position(|(_, rect)| rect.contains(at)));
    let n = shown.len();
    let index = match (current, backwards) {
        (None, false) => 0,
        (None, true) => n - 1,
        (Some(i), false) => (i + 1) % n,
        (Some(i), true) => (i + n - 1) % n,
    };
    Some(shown[index].0)
}
