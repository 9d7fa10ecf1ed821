//! How a chapter's Markdown reads, span by span, so the editor can show
//! it as the page shows it while it is typed: headings, bold, italics,
//! code, list markers, and each link's text and target. The text stays
//! plain Markdown; these are byte ranges into it.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag};

/// What a span of the body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// A heading's line, with its level (1–6).
    Heading(u8),
    Strong,
    Emphasis,
    Code,
    /// The characters that make the Markdown (`#`, `**`, `_`, `[`, `]`,
    /// backticks), shown faint.
    Syntax,
    /// A list item's marker (`-`, `*` or `+`), shown as a bullet.
    Bullet,
    /// A link's words.
    LinkText,
    /// A link's target with its brackets: `(entry:young-carers)` or
    /// `(https://…)`.
    LinkTarget,
}

/// One marked span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub range: Range<usize>,
    pub mark: Mark,
}

/// The marked spans of `body`, in no particular order (they nest: a
/// heading holds its bold words).
pub fn spans(body: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut push = |range: Range<usize>, mark| {
        if range.start < range.end && range.end <= body.len() {
            out.push(Span { range, mark });
        }
    };
    let parser = Parser::new_ext(body, Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES);
    for (event, range) in parser.into_offset_iter() {
        let text = &body[range.clone()];
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let line = text.trim_end_matches(['\n', '\r']).len();
                push(
                    range.start..range.start + line,
                    Mark::Heading(heading_number(level)),
                );
                // The leading hashes and the space after them.
                let hashes = text.len() - text.trim_start_matches('#').len();
                if hashes > 0 {
                    push(range.start..range.start + hashes, Mark::Syntax);
                }
            }
            Event::Start(Tag::Strong) => {
                push(range.clone(), Mark::Strong);
                delimiters(&mut push, &range, text, 2);
            }
            Event::Start(Tag::Emphasis) => {
                push(range.clone(), Mark::Emphasis);
                delimiters(&mut push, &range, text, 1);
            }
            Event::Code(_) => {
                push(range.clone(), Mark::Code);
                let ticks = text.len() - text.trim_start_matches('`').len();
                delimiters(&mut push, &range, text, ticks);
            }
            Event::Start(Tag::Item) => {
                if let Some(first) = text.chars().next()
                    && matches!(first, '-' | '*' | '+')
                {
                    push(range.start..range.start + 1, Mark::Bullet);
                }
            }
            Event::Start(Tag::Link { .. }) | Event::Start(Tag::Image { .. }) => {
                // `[words](target)`: the words, and the target folded.
                let open = usize::from(text.starts_with('!')) + 1;
                if text.ends_with(')')
                    && let Some(split) = text.rfind("](")
                    && split >= open - 1
                {
                    push(range.start..range.start + open, Mark::Syntax);
                    push(range.start + open..range.start + split, Mark::LinkText);
                    push(range.start + split..range.start + split + 1, Mark::Syntax);
                    push(range.start + split + 1..range.end, Mark::LinkTarget);
                }
            }
            _ => {}
        }
    }
    out
}

/// A heading level as its number (H2 → 2).
pub fn heading_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Marks `width` delimiter bytes at each end of `range` as syntax, when
/// they are there (`**bold**`, `_em_`, `` `code` ``).
fn delimiters(
    push: &mut impl FnMut(Range<usize>, Mark),
    range: &Range<usize>,
    text: &str,
    width: usize,
) {
    if width == 0 || text.len() < 2 * width {
        return;
    }
    let is_delimiter = |s: &str| s.chars().all(|c| matches!(c, '*' | '_' | '`'));
    if is_delimiter(&text[..width]) && is_delimiter(&text[text.len() - width..]) {
        push(range.start..range.start + width, Mark::Syntax);
        push(range.end - width..range.end, Mark::Syntax);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(body: &str, mark: Mark) -> Vec<&str> {
        let mut found: Vec<(usize, &str)> = spans(body)
            .into_iter()
            .filter(|s| s.mark == mark)
            .map(|s| (s.range.start, &body[s.range]))
            .collect();
        found.sort();
        found.into_iter().map(|(_, t)| t).collect()
    }

    #[test]
    fn headings_bold_italics_code_lists_and_links_are_found() {
        let body = "## 1. Who are **young** carers\n\nA *carer* uses `code`.\n\n\
                    - first\n- second, see [Supervision](entry:supervision-policy).\n";
        assert_eq!(
            marked(body, Mark::Heading(2)),
            ["## 1. Who are **young** carers"]
        );
        assert_eq!(marked(body, Mark::Strong), ["**young**"]);
        assert_eq!(marked(body, Mark::Emphasis), ["*carer*"]);
        assert_eq!(marked(body, Mark::Code), ["`code`"]);
        assert_eq!(marked(body, Mark::Bullet), ["-", "-"]);
        assert_eq!(marked(body, Mark::LinkText), ["Supervision"]);
        assert_eq!(
            marked(body, Mark::LinkTarget),
            ["(entry:supervision-policy)"]
        );
        assert_eq!(
            marked(body, Mark::Syntax),
            ["##", "**", "**", "*", "*", "`", "`", "[", "]"]
        );
    }

    #[test]
    fn odd_text_never_panics_and_ranges_stay_inside() {
        for body in [
            "",
            "[",
            "**",
            "[a](",
            "![](x.png)",
            "# \u{e9}t\u{e9}\n* \u{1f600} [\u{e9}](https://x)",
        ] {
            for span in spans(body) {
                assert!(body.get(span.range.clone()).is_some(), "{body:?} {span:?}");
            }
        }
    }
}
