//! Bounding how deep a page's elements nest, before it is parsed. An HTML
//! parser checks the open elements at each new tag, so 100,000 nested
//! `<div>`s, `<b>`s or lists take time that grows with the square of the
//! depth (minutes), although no real page nests more than a few dozen
//! levels. Tags past [`MAX_DEPTH`] open elements are dropped, with their
//! closing tags, and their text kept: the parser then sees a page of
//! bounded depth, and a real page is passed through untouched.

use std::borrow::Cow;

/// The deepest nesting passed to the parser.
pub const MAX_DEPTH: usize = 200;

/// Elements that need no closing tag, or whose end the parser implies
/// (`<p>`, `<li>`, table cells): they are not counted as nesting, so a
/// page of unclosed paragraphs or list items never looks deep.
const NOT_COUNTED: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option",
    "optgroup", "html", "head", "body", "colgroup", "caption",
];

/// Elements whose content is raw text, copied as it is.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "plaintext"];

/// How far back a closing tag looks for its opening tag among those open.
const MATCH_WINDOW: usize = 16;

/// One tag found in the page.
struct Tag<'a> {
    name: String,
    is_end: bool,
    is_self_closing: bool,
    /// The whole tag, `<` to `>`.
    text: &'a str,
}

/// Reads the tag that starts at `html[at]` (a `<`), or `None` where `<` does
/// not start a tag (it is then text).
fn tag_at(html: &str, at: usize) -> Option<Tag<'_>> {
    let rest = &html[at..];
    let bytes = rest.as_bytes();
    let is_end = bytes.get(1) == Some(&b'/');
    let name_start = if is_end { 2 } else { 1 };
    if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let name_end = rest[name_start..]
        .find(|c: char| !c.is_ascii_alphanumeric() && c != '-')
        .map_or(rest.len(), |i| name_start + i);
    let close = tag_end(rest)?;
    let text = &rest[..=close];
    Some(Tag {
        name: rest[name_start..name_end].to_ascii_lowercase(),
        is_end,
        is_self_closing: text.ends_with("/>"),
        text,
    })
}

/// The index of the `>` that ends the tag at the start of `rest`, skipping
/// any inside quoted attribute values.
fn tag_end(rest: &str) -> Option<usize> {
    let mut quote = None;
    for (i, byte) in rest.bytes().enumerate().skip(1) {
        match (quote, byte) {
            (Some(q), b) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(byte),
            (None, b'>') => return Some(i),
            (None, _) => {}
        }
    }
    None
}

/// Where `</name` next starts at or after `from`, whatever its case.
fn closing_tag(html: &str, from: usize, name: &str) -> Option<usize> {
    let mut at = from;
    while let Some(offset) = html[at..].find("</") {
        let start = at + offset;
        let candidate = html.as_bytes().get(start + 2..start + 2 + name.len())?;
        if candidate.eq_ignore_ascii_case(name.as_bytes()) {
            return Some(start);
        }
        at = start + 2;
    }
    None
}

/// `html` with the tags nested deeper than [`MAX_DEPTH`] dropped (their
/// text kept), and whether any were. A page within the depth comes back as
/// it was, borrowed.
pub fn bounded(html: &str) -> (Cow<'_, str>, bool) {
    let mut out = String::new();
    // The open counted elements: name, and whether its tags were kept.
    let mut open: Vec<(String, bool)> = Vec::new();
    let mut kept_depth = 0usize;
    let mut dropped_any = false;
    let mut copied_to = 0;
    let mut at = 0;
    while let Some(offset) = html[at..].find('<') {
        let start = at + offset;
        if html[start..].starts_with("<!--") {
            at = html[start..]
                .find("-->")
                .map_or(html.len(), |i| start + i + 3);
            continue;
        }
        let Some(tag) = tag_at(html, start) else {
            at = start + 1;
            continue;
        };
        let end = start + tag.text.len();
        at = end;
        if !tag.is_end && RAW_TEXT.contains(&tag.name.as_str()) {
            at = closing_tag(html, end, &tag.name).unwrap_or(html.len());
            continue;
        }
        if NOT_COUNTED.contains(&tag.name.as_str()) || tag.is_self_closing && !tag.is_end {
            continue;
        }
        let keep = if tag.is_end {
            let found = open
                .iter()
                .rev()
                .take(MATCH_WINDOW)
                .position(|(name, _)| *name == tag.name);
            match found {
                Some(back) => {
                    let mut kept = true;
                    for _ in 0..=back {
                        if let Some((_, was_kept)) = open.pop() {
                            kept = was_kept;
                            kept_depth -= usize::from(was_kept);
                        }
                    }
                    kept
                }
                None => true,
            }
        } else {
            let keep = kept_depth < MAX_DEPTH;
            open.push((tag.name, keep));
            kept_depth += usize::from(keep);
            keep
        };
        if !keep {
            dropped_any = true;
            out.push_str(&html[copied_to..start]);
            // A space keeps words of separate blocks apart.
            out.push(' ');
            copied_to = end;
        }
    }
    if !dropped_any {
        return (Cow::Borrowed(html), false);
    }
    out.push_str(&html[copied_to..]);
    (Cow::Owned(out), true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_real_page_passes_through_untouched() {
        let page = "<html><body><main><h1>Title</h1><p>One<p>Two<ul><li>a<li>b</ul>\
                    <script>if (a < b) { document.write('<div>'); }</script>\
                    <!-- <div> --><div class=\"x>y\"><b>bold</b></div></main></body></html>";
        let (out, dropped) = bounded(page);
        assert!(!dropped);
        assert!(matches!(out, Cow::Borrowed(_)));
    }

    #[test]
    fn tags_past_the_depth_are_dropped_with_their_closing_tags_and_text_kept() {
        for tag in ["div", "b", "blockquote", "ul"] {
            let html = format!(
                "<main>{}deep words{}</main><p>after</p>",
                format!("<{tag}>").repeat(MAX_DEPTH + 50),
                format!("</{tag}>").repeat(MAX_DEPTH + 50)
            );
            let (out, dropped) = bounded(&html);
            assert!(dropped, "{tag}");
            assert_eq!(
                out.matches(&format!("<{tag}>")).count(),
                MAX_DEPTH - 1,
                "{tag}"
            );
            assert_eq!(
                out.matches(&format!("<{tag}>")).count(),
                out.matches(&format!("</{tag}>")).count(),
                "{tag}: balanced"
            );
            assert!(
                out.contains("deep words") && out.ends_with("</main><p>after</p>"),
                "{tag}"
            );
        }
    }

    #[test]
    fn a_hundred_thousand_levels_are_bounded_in_one_pass() {
        let html = format!("{}x{}", "<div>".repeat(100_000), "</div>".repeat(100_000));
        let (out, dropped) = bounded(&html);
        assert!(dropped);
        assert!(out.len() < html.len());
    }
}
