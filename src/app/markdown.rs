//! A plain preview of a chapter body's Markdown: headings, paragraphs, lists,
//! emphasis and code, drawn with egui labels. Raw HTML is shown as text.

use egui::{RichText, Ui};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

/// One block of the preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading(u8, String),
    Paragraph(String),
    Item(usize, String),
    Code(String),
}

/// Turns Markdown into preview blocks; inline markup becomes plain text.
pub fn blocks(markdown: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut text = String::new();
    let mut list_depth = 0usize;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::List(_)) => list_depth += 1,
            Event::End(TagEnd::List(_)) => list_depth = list_depth.saturating_sub(1),
            Event::Start(Tag::Item | Tag::Paragraph | Tag::Heading { .. } | Tag::CodeBlock(_)) => {
                if !text.trim().is_empty() && list_depth > 0 {
                    blocks.push(Block::Item(
                        list_depth,
                        std::mem::take(&mut text).trim().to_string(),
                    ));
                }
                text.clear();
            }
            Event::End(TagEnd::Heading(level)) => {
                let level = match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    _ => 4,
                };
                blocks.push(Block::Heading(
                    level,
                    std::mem::take(&mut text).trim().to_string(),
                ));
            }
            Event::End(TagEnd::Paragraph) if list_depth == 0 => {
                blocks.push(Block::Paragraph(
                    std::mem::take(&mut text).trim().to_string(),
                ));
            }
            Event::End(TagEnd::Item) if !text.trim().is_empty() => {
                blocks.push(Block::Item(
                    list_depth,
                    std::mem::take(&mut text).trim().to_string(),
                ));
            }
            Event::End(TagEnd::CodeBlock) => blocks.push(Block::Code(std::mem::take(&mut text))),
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                text.push_str(&t)
            }
            Event::SoftBreak => text.push(' '),
            Event::HardBreak => text.push('\n'),
            _ => {}
        }
    }
    if !text.trim().is_empty() {
        blocks.push(Block::Paragraph(text.trim().to_string()));
    }
    blocks
}

pub fn preview_ui(ui: &mut Ui, markdown: &str) {
    if markdown.trim().is_empty() {
        ui.label(RichText::new("The body is empty.").italics());
        return;
    }
    for block in blocks(markdown) {
        match block {
            Block::Heading(level, text) => {
                let size = match level {
                    1 => 22.0,
                    2 => 19.0,
                    3 => 17.0,
                    _ => 15.0,
                };
                ui.add_space(6.0);
                ui.label(RichText::new(text).size(size).strong());
            }
            Block::Paragraph(text) => {
                ui.label(text);
                ui.add_space(4.0);
            }
            Block::Item(depth, text) => {
                ui.horizontal_wrapped(|ui| {
                    ui.add_space(depth as f32 * 14.0);
                    ui.label(format!("• {text}"));
                });
            }
            Block::Code(text) => {
                ui.label(RichText::new(text).monospace());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_headings_paragraphs_and_items() {
        let got =
            blocks("# Scope\n\nThis *chapter* applies.\n\n- one\n- two\n\n<script>x</script>\n");
        assert_eq!(
            got,
            vec![
                Block::Heading(1, "Scope".into()),
                Block::Paragraph("This chapter applies.".into()),
                Block::Item(1, "one".into()),
                Block::Item(1, "two".into()),
                Block::Paragraph("<script>x</script>".into()),
            ]
        );
    }
}
