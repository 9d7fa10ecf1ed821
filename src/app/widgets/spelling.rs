//! Spelling in text fields: misspelt words underlined as the text is laid
//! out, and on right-click the dictionary's suggestions and "Add to the
//! manual's word list".

use std::sync::Arc;

use egui::text::LayoutJob;
use egui::{Galley, TextBuffer, TextEdit, TextStyle, Ui};

use crate::app::actions::Action;
use crate::app::widgets::markdown_look::BodyLook;
use crate::document::spelling::{Speller, word_at};
use crate::edit::markdown_marks::byte_of;

/// A text field's layout with the misspelt words underlined in the error
/// colour and `advised` ranges (plain English advice) in the warning one.
pub fn layout(
    ui: &Ui,
    speller: Option<&mut Speller>,
    text: &str,
    style: &TextStyle,
    wrap_width: f32,
    advised: &[std::ops::Range<usize>],
) -> Arc<Galley> {
    let font = style.resolve(ui.style());
    let colour = ui.visuals().text_color();
    let underlined = |stroke: egui::Color32| egui::TextFormat {
        underline: egui::Stroke::new(1.5, stroke),
        ..egui::TextFormat::simple(font.clone(), colour)
    };
    let (plain, misspelt, advice) = (
        egui::TextFormat::simple(font.clone(), colour),
        underlined(ui.visuals().error_fg_color),
        underlined(ui.visuals().warn_fg_color),
    );
    // Each byte's mark: 0 plain, 1 advised, 2 misspelt (spelling on top).
    let mut marks = vec![0u8; text.len()];
    for range in advised {
        if let Some(part) = marks.get_mut(range.clone()) {
            part.fill(1);
        }
    }
    for range in speller.map(|s| s.misspelt(text)).unwrap_or_default() {
        if let Some(part) = marks.get_mut(range) {
            part.fill(2);
        }
    }
    let mut job = LayoutJob::default();
    job.wrap.max_width = wrap_width;
    let mut start = 0;
    for (at, _) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if at == text.len() || (at > start && marks[at] != marks[start]) {
            let format = match marks.get(start) {
                Some(2) => &misspelt,
                Some(1) => &advice,
                _ => &plain,
            };
            job.append(&text[start..at], 0.0, format.clone());
            start = at;
        }
    }
    ui.fonts_mut(|fonts| fonts.layout_job(job))
}

/// How a spelled field looks.
#[derive(Debug, Clone, Default)]
pub struct FieldLook<'h> {
    /// `Some(rows)`: a multi-line field.
    pub rows: Option<usize>,
    pub hint: &'h str,
    pub id: Option<egui::Id>,
    pub min_height: f32,
    /// Byte ranges with plain English advice, underlined.
    pub advised: Vec<std::ops::Range<usize>>,
}

/// A replacement chosen from the spelling menu: the byte range of the
/// word and the word to put there.
pub type Replacement = Option<(std::ops::Range<usize>, String)>;

/// Shows a text field over `text` (laid out with spelling when there is a
/// speller) and, on right-click over a misspelt word, its suggestions.
/// Returns the field's output and the suggestion chosen, if any.
pub fn spelled_field(
    ui: &mut Ui,
    text: &mut String,
    look: &FieldLook<'_>,
    speller: Option<&mut Speller>,
    actions: &mut Vec<Action>,
) -> (egui::text_edit::TextEditOutput, Replacement) {
    styled_field(ui, text, look, (speller, None), actions)
}

/// [`spelled_field`] with the Markdown shown as the page shows it when
/// `markdown` is given (the chapter body).
pub fn styled_field(
    ui: &mut Ui,
    text: &mut String,
    look: &FieldLook<'_>,
    (speller, markdown): (Option<&mut Speller>, Option<&mut BodyLook>),
    actions: &mut Vec<Action>,
) -> (egui::text_edit::TextEditOutput, Replacement) {
    let style = TextStyle::Body;
    let mut field = match look.rows {
        None => TextEdit::singleline(text),
        Some(rows) => TextEdit::multiline(text).desired_rows(rows),
    }
    .hint_text(look.hint)
    .desired_width(f32::INFINITY)
    .min_size(egui::vec2(0.0, look.min_height))
    .font(style.clone());
    if let Some(id) = look.id {
        field = field.id(id);
    }
    let (mut speller, markdown) = match (speller, markdown) {
        (None, None) if look.advised.is_empty() => return (field.show(ui), None),
        pair => pair,
    };
    let output = {
        let mut markdown = markdown;
        let mut layouter = |ui: &Ui, text: &dyn TextBuffer, wrap_width: f32| {
            let text = text.as_str();
            match (speller.as_deref_mut(), markdown.as_deref_mut()) {
                (speller, Some(markdown)) => {
                    let misspelt = speller.map(|s| s.misspelt(text)).unwrap_or_default();
                    let font = style.resolve(ui.style());
                    let job = markdown.job(ui, text, (&misspelt, &look.advised), &font, wrap_width);
                    ui.fonts_mut(|fonts| fonts.layout_job(job))
                }
                (speller, None) => layout(ui, speller, text, &style, wrap_width, &look.advised),
            }
        };
        field.layouter(&mut layouter).show(ui)
    };
    let replacement = match speller {
        Some(speller) => spelling_menu(ui, &output, text, speller, actions),
        None => None,
    };
    (output, replacement)
}

/// The right-click menu of a field: for the misspelt word under the
/// pointer, suggestions (a chosen one is returned, with the byte range it
/// replaces) and adding the word to the manual's word list.
fn spelling_menu(
    ui: &Ui,
    output: &egui::text_edit::TextEditOutput,
    text: &str,
    speller: &mut Speller,
    actions: &mut Vec<Action>,
) -> Option<(std::ops::Range<usize>, String)> {
    let response = &output.response.response;
    let key = response.id.with("misspelt_word");
    // The text itself, not the laid-out one: a list marker is laid out as
    // a bullet, a character of another length.
    let text = text.to_string();
    if response.secondary_clicked()
        && let Some(pointer) = ui.ctx().pointer_interact_pos()
    {
        let cursor = output.galley.cursor_from_pos(pointer - output.galley_pos);
        let at = byte_of(&text, cursor.index.0);
        let word = word_at(&text, at).filter(|r| !speller.is_correct(&text[r.clone()]));
        ui.data_mut(|d| match word {
            Some(range) => {
                d.insert_temp(key, (range.clone(), text[range].to_string()));
            }
            None => d.remove::<(std::ops::Range<usize>, String)>(key),
        });
    }
    let (range, word) = ui.data(|d| d.get_temp::<(std::ops::Range<usize>, String)>(key))?;
    if text.get(range.clone()) != Some(word.as_str()) {
        return None;
    }
    let mut chosen = None;
    response.context_menu(|ui| {
        let offered = speller.suggestions(&word);
        if offered.is_empty() {
            ui.label(format!("No suggestions for “{word}”"));
        }
        for suggestion in offered {
            if ui.button(&suggestion).clicked() {
                chosen = Some((range.clone(), suggestion));
                ui.close();
            }
        }
        ui.separator();
        let add = ui
            .button(format!("Add “{word}” to the manual's word list"))
            .on_hover_text("Spelling will accept it everywhere in this manual (saved in the file)");
        if add.clicked() {
            actions.push(Action::AddWord(word.clone()));
            ui.close();
        }
    });
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advice_is_underlined_in_the_warning_colour_and_spelling_on_top() {
        let ctx = egui::Context::default();
        let text = "Read é utilise here";
        let advised = text.find("utilise").map(|at| at..at + 7).unwrap();
        let mut ran = false;
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            ran = true;
            let galley = layout(
                ui,
                None,
                text,
                &TextStyle::Body,
                400.0,
                std::slice::from_ref(&advised),
            );
            assert_eq!(galley.job.text, text);
            let underline_of = |piece: &str| {
                let at = text.find(piece).unwrap();
                galley
                    .job
                    .sections
                    .iter()
                    .find(|s| s.byte_range.start.0 <= at && at < s.byte_range.end.0)
                    .map(|s| s.format.underline.color)
                    .unwrap()
            };
            assert_eq!(underline_of("utilise"), ui.visuals().warn_fg_color);
            assert_eq!(underline_of("Read"), egui::Color32::TRANSPARENT);
            assert_eq!(underline_of("here"), egui::Color32::TRANSPARENT);
        });
        output.textures_delta.clear();
        assert!(ran);
    }
}
