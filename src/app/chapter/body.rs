//! A chapter's Markdown body: the formatting toolbar, the text itself with
//! the editor's height, and its preview beside it (rendered by
//! `egui_commonmark`; links to entries jump to them). Ctrl+K or typing `[[`
//! opens the picker to link to another entry.

use std::ops::Range;

use egui::text::{CCursor, CCursorRange};
use egui::{RichText, Ui};
use egui_commonmark::{CommonMarkCache, CommonMarkViewer};

use crate::app::actions::Action;
use crate::app::widgets::fields::FieldChange;
use crate::app::widgets::spelling::{FieldLook, styled_field};
use crate::document::Document;
use crate::document::spelling::Speller;
use crate::edit::markdown_marks::{Format, apply_format, byte_of};
use crate::model::{ENTRY_SCHEME, EntryId, body_links, fill_empty_links_of};

/// The id of the body's text field, so its cursor can be read and set.
pub fn body_field_id() -> egui::Id {
    egui::Id::unique("chapter_body_text")
}

#[derive(Default)]
pub struct BodyState {
    /// The preview is shown beside the text.
    pub preview: bool,
    /// The body's text field had the keyboard last frame.
    pub focused: bool,
    /// Its selection last frame (character indices, start <= end).
    pub selection: Option<Range<usize>>,
    /// Formatting asked for by a shortcut, applied on the next frame.
    pub pending_format: Option<Format>,
    /// Where to put the cursor after the text was changed for the user,
    /// and for how many frames it has been put there.
    pending_cursor: Option<Range<usize>>,
    pending_frames: u8,
    /// How far down the text is scrolled (0 to 1), to keep the preview in
    /// step, and how far the preview could scroll last frame.
    scrolled: f32,
    preview_scroll: f32,
    /// The next frame shows the text and preview from the top.
    to_top: bool,
    cache: CommonMarkCache,
    /// The Markdown shown as typed, without the page's look.
    pub raw: bool,
    look: crate::app::widgets::markdown_look::BodyLook,
    /// Plain English advice on the text, underlined and offered at the
    /// cursor.
    pub advice: crate::document::style_check::TextAdvice,
    /// Where the cursor was when the text last had the keyboard: the
    /// advice there stays offered while its buttons are clicked.
    advice_at: Option<usize>,
}

impl std::fmt::Debug for BodyState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BodyState")
            .field("preview", &self.preview)
            .field("focused", &self.focused)
            .field("selection", &self.selection)
            .finish_non_exhaustive()
    }
}

impl BodyState {
    /// Puts the cursor (or selection) here once the text shows next.
    pub fn set_cursor(&mut self, range: Range<usize>) {
        self.pending_cursor = Some(range);
        self.pending_frames = 0;
    }

    /// Shows the text and its preview from the top on the next frame.
    pub fn scroll_to_top(&mut self) {
        self.to_top = true;
    }
}

pub fn body_ui(
    ui: &mut Ui,
    doc: &Document,
    id: &EntryId,
    body: &mut String,
    state: &mut BodyState,
    (height, mut speller): (f32, Option<&mut Speller>),
    actions: &mut Vec<Action>,
) -> FieldChange {
    let mut change: FieldChange = None;
    ui.horizontal_wrapped(|ui| {
        ui.strong("Body");
        ui.separator();
        for (format, text, hint) in [
            (Format::Bold, "B", "Bold (Ctrl+B)"),
            (Format::Italic, "I", "Italic (Ctrl+I)"),
            (Format::Heading, "H", "Heading: the selected lines"),
            (Format::Bullets, "•", "Bulleted list: the selected lines"),
            (Format::Numbers, "1.", "Numbered list: the selected lines"),
        ] {
            let label = match format {
                Format::Bold => RichText::new(text).strong(),
                Format::Italic => RichText::new(text).italics(),
                _ => RichText::new(text),
            };
            let button = ui
                .add(egui::Button::new(label).min_size(egui::vec2(26.0, 0.0)))
                .on_hover_text(hint);
            // Accessible name: the format's own name.
            button.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Button, true, format.label())
            });
            if button.clicked() {
                state.pending_format = Some(format);
            }
        }
        let link = ui.button("Link…").on_hover_text(
            "Link the selection to an entry or an outside page (Ctrl+K, or type [[)",
        );
        if link.clicked() {
            open_link_picker(id, body, state.selection.clone(), actions);
        }
        let file = ui.button("Insert file…").on_hover_text(
            "Put a picture (a flowchart) or a document (a form) into the chapter: it is copied \
             beside the manual and linked here. Or drop the file on the window.",
        );
        if file.clicked() {
            actions.push(Action::AskInsertFile);
        }
        ui.separator();
        ui.checkbox(&mut state.preview, "Preview beside");
        ui.checkbox(&mut state.raw, "Markdown as typed")
            .on_hover_text(
                "Show the text's Markdown characters plainly, without headings, bold and links \
                 looking as they do on the page",
            );
    });
    if let Some(format) = state.pending_format.take() {
        let selection = state.selection.clone().unwrap_or_else(|| {
            let end = body.chars().count();
            end..end
        });
        let (text, selected) = apply_format(body, selection, format);
        if text != *body {
            *body = text;
            state.pending_cursor = Some(selected);
            state.pending_frames = 0;
            change = Some(("format", false));
        }
    }
    // The cursor is put back (and the keyboard given back to the text)
    // until the text has had the keyboard for a frame: a field without it
    // keeps no selection, and a clicked toolbar button takes it.
    if let Some(range) = state.pending_cursor.clone() {
        let ctx = ui.ctx().clone();
        let mut field =
            egui::text_edit::TextEditState::load(&ctx, body_field_id()).unwrap_or_default();
        field.cursor.set_char_range(Some(CCursorRange::two(
            CCursor::new(range.start),
            CCursor::new(range.end),
        )));
        field.store(&ctx, body_field_id());
        ctx.memory_mut(|m| m.request_focus(body_field_id()));
        // Last frame's focus counts once this frame's request has had a
        // frame to take effect.
        // (Given up after a few frames: a dialog may hold the keyboard.)
        if state.focused && state.pending_frames > 0 || state.pending_frames > 4 {
            state.pending_cursor = None;
        }
        state.pending_frames += 1;
    }
    // Under the toolbar, so it is in view however long the text is.
    change = advice_ui(ui, body, state, actions).or(change);
    let width = ui.available_width();
    if state.preview {
        ui.columns(2, |columns| {
            let [left, right] = columns else { return };
            let speller = speller.as_deref_mut();
            change = text_ui(left, (doc, id), body, state, (height, speller), actions).or(change);
            preview_ui(right, doc, body, state, height, actions);
        });
    } else {
        ui.set_width(width);
        change = text_ui(ui, (doc, id), body, state, (height, speller), actions).or(change);
    }
    change
}

/// The plain English advice at the cursor, above the text: the rule, what
/// is wrong, and its fixes (the replacement, allowing the term, turning
/// the rule off), each a click and one undo step. A count when the cursor
/// is in none.
fn advice_ui(
    ui: &mut Ui,
    body: &mut String,
    state: &mut BodyState,
    actions: &mut Vec<Action>,
) -> FieldChange {
    let count = state.advice.findings.len();
    if count == 0 && state.advice.reading_age.is_none() {
        return None;
    }
    if state.focused {
        state.advice_at = state
            .selection
            .as_ref()
            .map(|range| byte_of(body, range.start));
    }
    let finding = state.advice_at.and_then(|at| state.advice.at(at)).cloned();
    let mut change = None;
    // Its own id scope: the buttons keep their ids whatever the text
    // above drew this frame, so a click always reaches them.
    ui.push_id("plain_english_advice", |ui| {
        ui.horizontal_wrapped(|ui| {
            advice_line_ui(ui, body, state, finding, count, actions, &mut change)
        })
    });
    change
}

fn advice_line_ui(
    ui: &mut Ui,
    body: &mut String,
    state: &mut BodyState,
    finding: Option<crate::model::style::Finding>,
    count: usize,
    actions: &mut Vec<Action>,
    change: &mut FieldChange,
) {
    use crate::model::style::StyleRule;
    {
        ui.label(RichText::new("Plain English").small().strong());
        if let Some(age) = state.advice.reading_age {
            ui.label(RichText::new(format!("reading age {}", age.floor())).small())
                .on_hover_text(
                    "Flesch–Kincaid grade + 5: aim for 12 or under where families read it",
                );
        }
        let Some(finding) = finding else {
            if count == 0 {
                return;
            }
            ui.label(
                RichText::new(format!(
                    "{}: underlined in the text; put the cursor in one for a fix, or see \
                     View > Problems",
                    crate::model::counted(count, "piece of advice", "pieces of advice")
                ))
                .small(),
            );
            return;
        };
        ui.label(format!("{}: {}", finding.rule.label(), finding.message))
            .on_hover_text(finding.rule.explanation());
        let covered = body.get(finding.range.clone()).unwrap_or("").to_string();
        if let Some(fix) = &finding.fix
            && ui
                .small_button(format!("Use \u{201c}{fix}\u{201d}"))
                .clicked()
        {
            body.replace_range(finding.range.clone(), fix);
            state.advice_at = None;
            *change = Some(("plain English", false));
        }
        let term = crate::document::style_check::term_of(finding.rule, &covered);
        if let Some(term) = term.map(str::to_string) {
            if finding.rule == StyleRule::UndefinedAbbreviation
                && ui.small_button("Add to keywords").clicked()
            {
                actions.push(Action::AddKeyword(term.clone()));
            }
            if ui
                .small_button(format!("Allow \u{201c}{term}\u{201d}"))
                .on_hover_text("This manual uses it on purpose: never flag it (kept in the file)")
                .clicked()
            {
                actions.push(Action::AllowTerm(term));
            }
        }
        if ui
            .small_button("Turn this rule off")
            .on_hover_text("Stop checking this rule in this manual (kept in the file)")
            .clicked()
        {
            actions.push(Action::SetStyleRule {
                rule: finding.rule,
                on: false,
            });
        }
    }
}

/// What a link target reads as in the body's chip: an entry's current
/// number and title, or an outside address's site.
fn chip_of(outline: &crate::document::Outline, target: &str) -> Option<String> {
    if let Some(id) = target.strip_prefix(ENTRY_SCHEME) {
        return Some(match outline.row(&EntryId::new(id)) {
            Some(row) => row.label(),
            None => format!("missing entry '{id}'"),
        });
    }
    let rest = target
        .strip_prefix("https://")
        .or_else(|| target.strip_prefix("http://"))?;
    let host = rest
        .split(['/', '?', '#'])
        .next()
        .filter(|h| !h.is_empty())?;
    Some(format!("web: {}", host.trim_start_matches("www.")))
}

/// The body's text field in a scroll area of the given height.
fn text_ui(
    ui: &mut Ui,
    (doc, id): (&Document, &EntryId),
    body: &mut String,
    state: &mut BodyState,
    (height, speller): (f32, Option<&mut Speller>),
    actions: &mut Vec<Action>,
) -> FieldChange {
    let mut change = None;
    let mut scroll = egui::ScrollArea::vertical()
        .id_salt("body_scroll")
        .max_height(height)
        .auto_shrink([false, true]);
    if std::mem::take(&mut state.to_top) {
        scroll = scroll.vertical_scroll_offset(0.0);
        state.scrolled = 0.0;
    }
    let scroll = scroll.show(ui, |ui| {
        state.advice.update(doc.manual(), body);
        let advised: Vec<Range<usize>> = state
            .advice
            .findings
            .iter()
            .map(|f| f.range.clone())
            .collect();
        // Underlined as typed too ("Markdown as typed").
        let look = FieldLook {
            rows: Some(10),
            hint: "The chapter's text, in Markdown",
            id: Some(body_field_id()),
            min_height: height,
            advised,
        };
        let label = ui.label(RichText::new("Body text").small());
        if !state.raw {
            let outline = doc.outline();
            state.look.prepare(body, |target| chip_of(outline, target));
            // The target the cursor is in shows as typed.
            state.look.cursor = state
                .selection
                .as_ref()
                .filter(|_| state.focused)
                .map(|range| byte_of(body, range.start));
        }
        let markdown = (!state.raw).then_some(&mut state.look);
        let (output, replacement) = styled_field(ui, body, &look, (speller, markdown), actions);
        if !state.raw {
            let font = egui::TextStyle::Body.resolve(ui.style());
            state
                .look
                .paint_chips(ui, body, &output.galley, output.galley_pos, &font);
        }
        let response = output.response.response.clone().labelled_by(label.id);
        if let Some((range, word)) = replacement {
            body.replace_range(range, &word);
            change = Some(("spelling", false));
        }
        // Advice under the pointer shows as a tooltip.
        if let Some(pointer) = response.hover_pos() {
            let cursor = output.galley.cursor_from_pos(pointer - output.galley_pos);
            let at = byte_of(body, cursor.index.0);
            if let Some(finding) = state.advice.at(at).cloned() {
                response.clone().on_hover_ui_at_pointer(|ui| {
                    ui.strong(finding.rule.label());
                    ui.label(&finding.message);
                    ui.label(RichText::new("Put the cursor in it for a fix").small());
                });
            }
        }
        let was = (state.focused, state.selection.clone());
        state.focused = response.has_focus();
        state.selection = output.cursor_range.map(|r| {
            let (a, b) = (r.primary.index.0, r.secondary.index.0);
            a.min(b)..a.max(b)
        });
        // The cursor moved: a link target it went into (or left) unfolds
        // (or folds) on the next frame, so draw one.
        if !state.raw && was != (state.focused, state.selection.clone()) {
            ui.ctx().request_repaint();
        }
        if response.changed() {
            change = Some(("body", true));
            // Typing [[ opens the picker to link an entry there.
            if let Some(range) = &state.selection
                && range.is_empty()
                && range.start >= 2
            {
                let end = byte_of(body, range.start);
                if body[..end].ends_with("[[") {
                    body.replace_range(end - 2..end, "");
                    let at = range.start - 2;
                    state.selection = Some(at..at);
                    let mut field = output.state.clone();
                    field
                        .cursor
                        .set_char_range(Some(CCursorRange::one(CCursor::new(at))));
                    field.store(ui.ctx(), body_field_id());
                    open_link_picker(id, body, Some(at..at), actions);
                }
            }
        }
    });
    let max = (scroll.content_size.y - scroll.inner_rect.height()).max(0.0);
    state.scrolled = if max > 0.0 {
        (scroll.state.clamped_offset().y / max).clamp(0.0, 1.0)
    } else {
        0.0
    };
    change
}

/// Asks the picker for a link to put over `selection` of the body.
fn open_link_picker(
    id: &EntryId,
    body: &str,
    selection: Option<Range<usize>>,
    actions: &mut Vec<Action>,
) {
    let range = selection.unwrap_or_else(|| {
        let end = body.chars().count();
        end..end
    });
    let text: String = body
        .chars()
        .skip(range.start)
        .take(range.end - range.start)
        .collect();
    actions.push(Action::OpenBodyLinkPicker {
        for_entry: id.clone(),
        range,
        text,
    });
}

/// The rendered body beside the text, scrolled in step with it. Links to
/// entries show their current number and title and select them.
fn preview_ui(
    ui: &mut Ui,
    doc: &Document,
    body: &str,
    state: &mut BodyState,
    height: f32,
    actions: &mut Vec<Action>,
) {
    let outline = doc.outline();
    // Read once a frame: the links for their hooks, and their labels
    // filled in (the body itself when none is empty).
    let links = body_links(body);
    let shown = fill_empty_links_of(body, &links, |id| outline.row(id).map(|r| r.label()));
    for link in &links {
        state
            .cache
            .add_link_hook(format!("{ENTRY_SCHEME}{}", link.target));
    }
    ui.label(RichText::new("Preview").small());
    let offset = state.scrolled * state.preview_scroll;
    let scroll = egui::Frame::group(ui.style()).show(ui, |ui| {
        egui::ScrollArea::vertical()
            .id_salt("preview_scroll")
            .max_height(height)
            .auto_shrink([false, false])
            .vertical_scroll_offset(offset)
            .show(ui, |ui| {
                // Pictures of the manual's files, decoded in the background
                // and scaled to the preview's width.
                crate::app::widgets::pictures::install(ui.ctx());
                let mut viewer =
                    CommonMarkViewer::new().max_image_width(Some(ui.available_width() as usize));
                if let Some(folder) = doc
                    .path()
                    .and_then(|p| std::path::absolute(p).ok())
                    .and_then(|p| p.parent().map(std::path::Path::to_path_buf))
                {
                    let base = folder.to_string_lossy().replace('\\', "/");
                    let base = base.trim_end_matches('/');
                    viewer = viewer.default_implicit_uri_scheme(format!("file://{base}/"));
                }
                viewer.show(ui, &mut state.cache, &shown);
            })
    });
    let scroll = scroll.inner;
    state.preview_scroll = (scroll.content_size.y - scroll.inner_rect.height()).max(0.0);
    for link in links {
        let hook = format!("{ENTRY_SCHEME}{}", link.target);
        if state.cache.get_link_hook(&hook) == Some(true) && outline.row(&link.target).is_some() {
            actions.push(Action::Select(link.target.clone()));
        }
    }
}
