//! The body's Markdown laid out as the page shows it while it is typed:
//! headings larger, bold strong, italics slanted, code in a fixed-width
//! face, list markers as bullets, links in the link colour with their
//! targets small and faint, and the Markdown's own characters faint. The
//! text stays plain Markdown: every character is laid out (a list marker
//! becomes one bullet character), so the cursor and selection are where
//! they are in the text. Spelling underlines go on top.

use std::hash::{Hash, Hasher};
use std::ops::Range;

use egui::text::LayoutJob;
use egui::{Color32, FontFamily, FontId, Stroke, TextFormat, Ui};

use crate::model::body_style::{Mark, Span, spans};

/// The spans of the text last laid out, kept while the text is the same
/// (the layout is asked for several times a frame, and every frame).
#[derive(Debug, Default)]
pub struct BodyLook {
    key: Option<u64>,
    spans: Vec<Span>,
    /// Where the cursor is (a byte offset): the link target it is in is
    /// shown as typed, the others folded to chips.
    pub cursor: Option<usize>,
    /// What each link target reads as ("1.1.4 Supervision Policy"),
    /// by target (`entry:ID` or an address), set before laying out.
    pub chips: std::collections::HashMap<String, String>,
    /// The targets folded in the last layout: their byte ranges and the
    /// chip to paint over each.
    folded: Vec<(Range<usize>, String)>,
}

/// How one character looks: the marks over it.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Look {
    /// Folded into a chip this wide (the target's characters are laid out
    /// invisible, spaced to make room for it).
    folded: Option<f32>,
    heading: u8,
    strong: bool,
    emphasis: bool,
    code: bool,
    syntax: bool,
    bullet: bool,
    link_text: bool,
    link_target: bool,
    misspelt: bool,
    advised: bool,
}

fn key_of(text: &str) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    text.hash(&mut hasher);
    hasher.finish()
}

impl BodyLook {
    /// Reads `text` ahead of laying it out (only when it changed): its
    /// spans, and what each link target reads as, from `resolve`.
    pub fn prepare(&mut self, text: &str, resolve: impl Fn(&str) -> Option<String>) {
        let key = key_of(text);
        if self.key == Some(key) {
            return;
        }
        self.spans = spans(text);
        self.key = Some(key);
        self.chips.clear();
        for span in self.spans.iter().filter(|s| s.mark == Mark::LinkTarget) {
            let target = text[span.range.clone()]
                .trim_start_matches('(')
                .trim_end_matches(')');
            if let Some(chip) = resolve(target) {
                self.chips.insert(target.to_string(), chip);
            }
        }
    }

    /// The layout job for `text` in `font`, with `misspelt` byte ranges
    /// underlined in the error colour and `advised` ones (plain English
    /// advice) in the warning colour, wrapped at `wrap_width`.
    pub fn job(
        &mut self,
        ui: &Ui,
        text: &str,
        (misspelt, advised): (&[Range<usize>], &[Range<usize>]),
        font: &FontId,
        wrap_width: f32,
    ) -> LayoutJob {
        let key = key_of(text);
        if self.key != Some(key) {
            self.spans = spans(text);
            self.key = Some(key);
        }
        let mut looks = vec![Look::default(); text.len()];
        for span in &self.spans {
            for look in &mut looks[span.range.clone()] {
                match span.mark {
                    Mark::Heading(level) => look.heading = level,
                    Mark::Strong => look.strong = true,
                    Mark::Emphasis => look.emphasis = true,
                    Mark::Code => look.code = true,
                    Mark::Syntax => look.syntax = true,
                    Mark::Bullet => look.bullet = true,
                    Mark::LinkText => look.link_text = true,
                    Mark::LinkTarget => look.link_target = true,
                }
            }
        }
        for range in misspelt {
            if let Some(part) = looks.get_mut(range.clone()) {
                part.iter_mut().for_each(|look| look.misspelt = true);
            }
        }
        for range in advised {
            if let Some(part) = looks.get_mut(range.clone()) {
                part.iter_mut().for_each(|look| look.advised = true);
            }
        }
        // Link targets the cursor is not in fold to a chip of their
        // target's number and title.
        self.folded.clear();
        for span in self.spans.iter().filter(|s| s.mark == Mark::LinkTarget) {
            let inside = self
                .cursor
                .is_some_and(|at| span.range.start <= at && at <= span.range.end);
            let target = text[span.range.clone()]
                .trim_start_matches('(')
                .trim_end_matches(')');
            let Some(chip) = self.chips.get(target) else {
                continue;
            };
            if inside {
                continue;
            }
            let width = chip_size(ui, chip, font).x;
            let chars = text[span.range.clone()].chars().count().max(1);
            for look in &mut looks[span.range.clone()] {
                look.folded = Some(width / chars as f32);
            }
            self.folded.push((span.range.clone(), chip.clone()));
        }
        let palette = Palette::of(ui);
        let mut job = LayoutJob::default();
        job.wrap.max_width = wrap_width;
        let mut start = 0;
        let mut current: Option<Look> = None;
        for (at, c) in text.char_indices() {
            let look = looks[at];
            // A bullet is one character of its own.
            if current != Some(look) || look.bullet {
                if let Some(previous) = current
                    && start < at
                {
                    append(&mut job, &text[start..at], previous, font, &palette);
                }
                start = at;
                current = Some(look);
            }
            if look.bullet {
                append(&mut job, "•", look, font, &palette);
                start = at + c.len_utf8();
                current = None;
            }
        }
        if let Some(look) = current
            && start < text.len()
        {
            append(&mut job, &text[start..], look, font, &palette);
        }
        job
    }
}

/// The colours a look is drawn in, from the theme.
struct Palette {
    text: Color32,
    strong: Color32,
    weak: Color32,
    link: Color32,
    code_background: Color32,
    misspelt: Color32,
    advised: Color32,
}

impl Palette {
    fn of(ui: &Ui) -> Palette {
        let visuals = ui.visuals();
        Palette {
            text: visuals.text_color(),
            strong: visuals.strong_text_color(),
            weak: visuals.weak_text_color(),
            link: visuals.hyperlink_color,
            code_background: visuals.code_bg_color,
            misspelt: visuals.error_fg_color,
            advised: visuals.warn_fg_color,
        }
    }
}

/// The size a chip's text takes.
fn chip_size(ui: &Ui, chip: &str, font: &FontId) -> egui::Vec2 {
    let small = FontId::new(font.size * 0.85, font.family.clone());
    let galley = ui.fonts_mut(|f| f.layout_no_wrap(chip.to_string(), small, Color32::WHITE));
    galley.size() + egui::vec2(CHIP_PADDING * 2.0, 0.0)
}

/// Room either side of a chip's text.
const CHIP_PADDING: f32 = 4.0;

impl BodyLook {
    /// Paints the chips of the folded link targets over the laid-out
    /// text, drawn at `galley_pos`.
    pub fn paint_chips(
        &self,
        ui: &Ui,
        text: &str,
        galley: &egui::Galley,
        galley_pos: egui::Pos2,
        font: &FontId,
    ) {
        use egui::text::CCursor;
        let painter = ui.painter();
        let visuals = ui.visuals();
        let small = FontId::new(font.size * 0.85, font.family.clone());
        for (range, chip) in &self.folded {
            let Some(before) = text.get(..range.start) else {
                continue;
            };
            let start = before.chars().count();
            let end = start + text[range.clone()].chars().count();
            let from = galley.pos_from_cursor(CCursor::new(start));
            let to = galley.pos_from_cursor(CCursor::new(end));
            if (from.min.y - to.min.y).abs() > 1.0 {
                continue; // wrapped across lines: left unpainted
            }
            let rect = egui::Rect::from_min_max(from.min, egui::pos2(to.min.x, from.max.y))
                .translate(galley_pos.to_vec2())
                .shrink2(egui::vec2(1.0, 1.0));
            painter.rect_filled(rect, 4.0, visuals.faint_bg_color);
            painter.rect_stroke(
                rect,
                4.0,
                Stroke::new(1.0, visuals.weak_text_color()),
                egui::StrokeKind::Inside,
            );
            painter.text(
                rect.left_center() + egui::vec2(CHIP_PADDING, 0.0),
                egui::Align2::LEFT_CENTER,
                chip,
                small.clone(),
                visuals.hyperlink_color,
            );
        }
    }
}

fn append(job: &mut LayoutJob, text: &str, look: Look, font: &FontId, palette: &Palette) {
    if let Some(spacing) = look.folded {
        let format = TextFormat {
            font_id: FontId::new(1.0, font.family.clone()),
            color: Color32::TRANSPARENT,
            extra_letter_spacing: spacing,
            ..TextFormat::default()
        };
        job.append(text, 0.0, format);
        return;
    }
    let scale = match look.heading {
        1 => 1.45,
        2 => 1.3,
        3 => 1.15,
        4 => 1.05,
        _ => 1.0,
    };
    let mut size = font.size * scale;
    if look.link_target {
        size *= 0.85;
    }
    let family = if look.code {
        FontFamily::Monospace
    } else {
        font.family.clone()
    };
    let color = if look.syntax || look.link_target {
        palette.weak
    } else if look.link_text {
        palette.link
    } else if look.strong || look.heading > 0 || look.bullet {
        palette.strong
    } else {
        palette.text
    };
    let underline = if look.misspelt {
        Stroke::new(1.5, palette.misspelt)
    } else if look.advised {
        Stroke::new(1.5, palette.advised)
    } else if look.link_text {
        Stroke::new(1.0, palette.link)
    } else {
        Stroke::NONE
    };
    let format = TextFormat {
        font_id: FontId::new(size, family),
        color,
        italics: look.emphasis,
        underline,
        background: if look.code {
            palette.code_background
        } else {
            Color32::TRANSPARENT
        },
        ..TextFormat::default()
    };
    job.append(text, 0.0, format);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_is_laid_out_so_the_cursor_stays_in_place() {
        let ctx = egui::Context::default();
        let body = "## Who **are** young carers\n\n- one *two*\n- see [x](entry:y) `c`\n";
        let mut ran = false;
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            ran = true;
            let mut look = BodyLook::default();
            let font = FontId::proportional(14.0);
            let job = look.job(ui, body, (std::slice::from_ref(&(0..2)), &[]), &font, 400.0);
            assert_eq!(job.text.chars().count(), body.chars().count());
            assert_eq!(job.text.replace('•', "-"), body);
            // The heading is larger than the text after it.
            let heading = &job.sections[0];
            let last = job.sections.last().unwrap();
            assert!(heading.format.font_id.size > last.format.font_id.size);
        });
        output.textures_delta.clear();
        assert!(ran);
    }

    #[test]
    fn a_link_target_folds_to_its_chip_unless_the_cursor_is_in_it() {
        let ctx = egui::Context::default();
        let body = "See [Supervision](entry:supervision-policy) now.";
        let target = body.find("(entry").unwrap();
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let font = FontId::proportional(14.0);
            let mut look = BodyLook::default();
            look.prepare(body, |t| {
                (t == "entry:supervision-policy").then(|| "1.1.4 Supervision Policy".to_string())
            });
            let hidden = |job: &LayoutJob| {
                job.sections
                    .iter()
                    .any(|s| s.format.color == Color32::TRANSPARENT)
            };
            let job = look.job(ui, body, (&[], &[]), &font, 400.0);
            assert!(hidden(&job));
            assert_eq!(look.folded.len(), 1);
            assert_eq!(job.text, body);
            look.cursor = Some(target + 3);
            let job = look.job(ui, body, (&[], &[]), &font, 400.0);
            assert!(!hidden(&job));
            assert!(look.folded.is_empty());
        });
        output.textures_delta.clear();
    }
}
