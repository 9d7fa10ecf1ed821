//! Links to other entries inside a chapter's Markdown body:
//! `[text](entry:ID)`, or `[](entry:ID)` for the target's current number and
//! title. They point by id, so moving and renaming change nothing in the
//! text; the number and title are filled in when the body is shown.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::EntryId;

/// The URL scheme of a link to an entry.
pub const ENTRY_SCHEME: &str = "entry:";

/// One `[text](entry:ID)` in a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyLink {
    pub target: EntryId,
    /// 1-based line of the body the link starts on.
    pub line: usize,
    /// Byte range of the whole link in the body.
    pub range: Range<usize>,
    /// Byte range of the link's text (between the brackets).
    pub text: Range<usize>,
}

impl BodyLink {
    pub fn has_text(&self) -> bool {
        !self.text.is_empty()
    }
}

fn parser(body: &str) -> Parser<'_> {
    Parser::new_ext(body, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH)
}

/// The entry links of `body`, in order. Bodies without `entry:` are not
/// parsed at all, so a manual's worth costs almost nothing.
pub fn body_links(body: &str) -> Vec<BodyLink> {
    if !body.contains(ENTRY_SCHEME) {
        return Vec::new();
    }
    let mut links = Vec::new();
    let mut open: Vec<(EntryId, Range<usize>)> = Vec::new();
    for (event, range) in parser(body).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Some(id) = dest_url.strip_prefix(ENTRY_SCHEME) {
                    open.push((EntryId::new(id.trim()), range));
                } else {
                    open.push((EntryId::new(""), range));
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some((target, range)) = open.pop()
                    && !target.as_str().is_empty()
                {
                    let text = text_range(body, &range);
                    let line = body[..range.start].matches('\n').count() + 1;
                    links.push(BodyLink {
                        target,
                        line,
                        range,
                        text,
                    });
                }
            }
            _ => {}
        }
    }
    links
}

/// The text between the brackets of the inline link at `range`.
fn text_range(body: &str, range: &Range<usize>) -> Range<usize> {
    let source = &body[range.clone()];
    let start = range.start + usize::from(source.starts_with('['));
    let end = source
        .rfind("](")
        .map_or(start, |at| range.start + at)
        .max(start);
    start..end
}

/// The distinct entries `body` links to, in order of first mention.
pub fn body_targets(body: &str) -> Vec<EntryId> {
    let mut targets: Vec<EntryId> = Vec::new();
    for link in body_links(body) {
        if !targets.contains(&link.target) {
            targets.push(link.target);
        }
    }
    targets
}

/// Escapes text so Markdown shows it as written inside a link's brackets.
pub fn escape_link_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '[' | ']' | '*' | '_' | '`' | '<' | '>') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `body` with every empty-text entry link given its target's label
/// (`label` says it; a target it does not know keeps its id in the text).
pub fn fill_empty_links(body: &str, label: impl Fn(&EntryId) -> Option<String>) -> String {
    let mut out = String::with_capacity(body.len() + 64);
    let mut last = 0;
    for link in body_links(body).into_iter().filter(|l| !l.has_text()) {
        let shown = label(&link.target).unwrap_or_else(|| format!("missing entry {}", link.target));
        out.push_str(&body[last..link.text.start]);
        out.push_str(&escape_link_text(&shown));
        last = link.text.end;
    }
    out.push_str(&body[last..]);
    out
}

/// `body` with the links to entries `doomed` says are going replaced by
/// their text (an empty text by the target's label, from `label`), so
/// nothing is left pointing at a deleted entry.
pub fn unlink(
    body: &str,
    doomed: impl Fn(&EntryId) -> bool,
    label: impl Fn(&EntryId) -> Option<String>,
) -> String {
    let mut out = String::with_capacity(body.len());
    let mut last = 0;
    for link in body_links(body).into_iter().filter(|l| doomed(&l.target)) {
        out.push_str(&body[last..link.range.start]);
        if link.has_text() {
            out.push_str(&body[link.text.clone()]);
        } else {
            let shown = label(&link.target).unwrap_or_else(|| link.target.to_string());
            out.push_str(&escape_link_text(&shown));
        }
        last = link.range.end;
    }
    out.push_str(&body[last..]);
    out
}

/// The Markdown of a link to `target`: `[text](entry:ID)`, or `[](entry:ID)`
/// for the target's label.
pub fn entry_link(text: &str, target: &EntryId) -> String {
    format!("[{}]({ENTRY_SCHEME}{target})", escape_link_text(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "Intro line.\n\nSee [the carers chapter](entry:young-carers-2) and \
                        [](entry:supervision-policy).\nAlso [a site](https://example.org).\n\n\
                        - item [](entry:gone)\n";

    #[test]
    fn links_are_found_with_their_line_and_text() {
        let links = body_links(BODY);
        let targets: Vec<_> = links.iter().map(|l| l.target.as_str()).collect();
        assert_eq!(targets, ["young-carers-2", "supervision-policy", "gone"]);
        assert_eq!(links[0].line, 3);
        assert_eq!(&BODY[links[0].text.clone()], "the carers chapter");
        assert!(!links[1].has_text());
        assert_eq!(links[2].line, 6);
        assert_eq!(
            &BODY[links[1].range.clone()],
            "[](entry:supervision-policy)"
        );
        assert!(body_links("no links at all [x](https://a.b)").is_empty());
    }

    #[test]
    fn empty_links_get_the_label_and_unknown_ones_say_so() {
        let filled = fill_empty_links(BODY, |id| {
            (id.as_str() == "supervision-policy").then(|| "1.1.4 Supervision Policy".to_string())
        });
        assert!(filled.contains("[1.1.4 Supervision Policy](entry:supervision-policy)"));
        assert!(filled.contains("[missing entry gone](entry:gone)"));
        assert!(filled.contains("[the carers chapter](entry:young-carers-2)"));
    }

    #[test]
    fn unlinking_keeps_the_words_and_drops_the_link() {
        let text = unlink(
            BODY,
            |id| id.as_str() != "gone",
            |_| Some("1.1.4 Supervision_Policy".into()),
        );
        assert!(text.contains("See the carers chapter and 1.1.4 Supervision\\_Policy."));
        assert!(text.contains("[](entry:gone)"));
        assert!(text.contains("[a site](https://example.org)"));
    }

    #[test]
    fn link_text_is_escaped() {
        assert_eq!(
            entry_link("a [b] *c*", &EntryId::new("x")),
            "[a \\[b\\] \\*c\\*](entry:x)"
        );
        let links = body_links(&entry_link("a [b] *c*", &EntryId::new("x")));
        assert_eq!(links.len(), 1);
    }
}
