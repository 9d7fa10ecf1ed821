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
    let mut lines = LineCounter::default();
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
                    let line = lines.line_at(body, range.start);
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

/// The 1-based line of byte offsets that come in increasing order, counted
/// on from the last one asked (so a body with 400,000 links is read once,
/// not once per link). An offset before the last starts again from the top.
#[derive(Debug, Default)]
pub struct LineCounter {
    offset: usize,
    breaks: usize,
}

impl LineCounter {
    pub fn line_at(&mut self, text: &str, offset: usize) -> usize {
        if offset < self.offset {
            *self = LineCounter::default();
        }
        let end = offset.min(text.len());
        self.breaks +=
            memchr::memchr_iter(b'\n', &text.as_bytes()[self.offset.min(end)..end]).count();
        self.offset = end;
        self.breaks + 1
    }
}

/// The links and pictures of `body` whose address `keep` accepts: the
/// address (trimmed), its 1-based line and the link's byte range. A body
/// with no link syntax at all is not parsed.
pub fn link_addresses(
    body: &str,
    keep: impl Fn(&str) -> bool,
) -> Vec<(String, usize, Range<usize>)> {
    if !body.contains("](") && !body.contains("]:") && !body.contains('<') {
        return Vec::new();
    }
    let mut lines = LineCounter::default();
    let mut found = Vec::new();
    for (event, range) in parser(body).into_offset_iter() {
        if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = event {
            let url = dest_url.trim();
            if keep(url) {
                let line = lines.line_at(body, range.start);
                found.push((url.to_string(), line, range));
            }
        }
    }
    found
}

/// Links and pictures in `body` whose address has a scheme the export does
/// not publish (`javascript:`, `data:`, `file:` …), with their lines.
pub fn unpublished_urls(body: &str) -> Vec<(String, usize)> {
    link_addresses(body, |url| {
        let has_scheme = url.split_once(':').is_some_and(|(scheme, _)| {
            scheme.len() > 1
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        });
        has_scheme && !url.starts_with(ENTRY_SCHEME) && !super::is_allowed_url(url)
    })
    .into_iter()
    .map(|(url, line, _)| (url, line))
    .collect()
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
/// (`label` says it; a target it does not know keeps its id in the text);
/// `body` itself when it has none.
pub fn fill_empty_links(
    body: &str,
    label: impl Fn(&EntryId) -> Option<String>,
) -> std::borrow::Cow<'_, str> {
    fill_empty_links_of(body, &body_links(body), label)
}

/// [`fill_empty_links`] with the body's links already read (`links`, from
/// [`body_links`] of this `body`), for a caller that needs them too.
pub fn fill_empty_links_of<'b>(
    body: &'b str,
    links: &[BodyLink],
    label: impl Fn(&EntryId) -> Option<String>,
) -> std::borrow::Cow<'b, str> {
    let mut empty = links.iter().filter(|l| !l.has_text()).peekable();
    if empty.peek().is_none() {
        return std::borrow::Cow::Borrowed(body);
    }
    let mut out = String::with_capacity(body.len() + 64);
    let mut last = 0;
    for link in empty {
        let shown = label(&link.target).unwrap_or_else(|| format!("missing entry {}", link.target));
        out.push_str(&body[last..link.text.start]);
        out.push_str(&escape_link_text(&shown));
        last = link.text.end;
    }
    out.push_str(&body[last..]);
    std::borrow::Cow::Owned(out)
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

    #[test]
    fn unpublished_schemes_are_found_with_their_lines() {
        let body = "[ok](https://www.gov.uk)\n[bad](javascript:alert(1))\n\
                    ![p](data:image/png;base64,AAAA) [e](entry:x) [m](mailto:a@b.org) [f](m.files/a.pdf)";
        assert_eq!(
            unpublished_urls(body),
            [
                ("javascript:alert(1)".to_string(), 2),
                ("data:image/png;base64,AAAA".to_string(), 3)
            ]
        );
    }

    #[test]
    fn many_links_in_one_body_are_counted_in_linear_time() {
        // 200,000 links: quadratic line counting took minutes.
        let body = "[](entry:a)\n".repeat(200_000);
        let links = body_links(&body);
        assert_eq!(links.len(), 200_000);
        assert_eq!(links.last().unwrap().line, 200_000);
    }

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
