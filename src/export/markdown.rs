//! Chapter bodies from Markdown to safe HTML: raw HTML is shown as text,
//! only http, https and mailto links stay links, images are not loaded, and
//! headings get ids and move one level down (the page title is the `h1`).

use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd, html};

use super::markup::Markup;
use crate::model::EntryId;

/// A heading of the body, for the chapter's own contents list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// Where a link to an entry goes in this output, and what it is called.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryTarget {
    /// `None`: the entry is not in this output, so its label is shown as
    /// text.
    pub href: Option<String>,
    /// "4.8.1 Young Carers".
    pub label: String,
}

/// Says where each entry a body links to goes (`None`: no such entry).
pub type Resolve<'a> = &'a dyn Fn(&EntryId) -> Option<EntryTarget>;

/// The body's HTML and its headings. Links to entries (`entry:ID`) go where
/// `resolve` says; an empty link text becomes the entry's label.
pub fn render(markdown: &str, resolve: Resolve) -> (String, Vec<Heading>) {
    render_with_files(markdown, resolve, &|_| None)
}

/// Says where each file a body links goes (`None`: not in this output, so
/// the link's text is shown).
pub type ResolveFile<'a> = &'a dyn Fn(&str) -> Option<super::files::FileTarget>;

/// [`render`], with links and pictures of the manual's files going where
/// `files` says: a picture as an `<img>` with its size and alt text (in a
/// link to the original when the page shows a smaller copy).
pub fn render_with_files(
    markdown: &str,
    resolve: Resolve,
    files: ResolveFile,
) -> (String, Vec<Heading>) {
    render_reading(markdown, resolve, files, None)
}

/// [`render_with_files`], its text also read into `text` as it passes (for
/// the page's description and the search index: the body is parsed once).
pub(super) fn render_reading(
    markdown: &str,
    resolve: Resolve,
    files: ResolveFile,
    mut text: Option<&mut super::site_search::TextOf>,
) -> (String, Vec<Heading>) {
    let filled = crate::model::fill_empty_links(markdown, |id| resolve(id).map(|t| t.label));
    if let Some(text) = text.as_deref_mut() {
        text.expect(filled.len());
    }
    let events = Parser::new_ext(&filled, super::site_search::MARKDOWN_OPTIONS);
    let mut headings = Vec::new();
    // Room for an event every 16 bytes or so: rarely grown.
    let mut out_events: Vec<Event> = Vec::with_capacity(filled.len() / 16 + 16);
    let mut in_heading: Option<(u8, usize)> = None;
    let mut heading_text = String::new();
    let mut used_ids = HeadingIds::empty();
    let mut in_bad_link = 0usize;
    // A picture being read: where it goes, and its alt text so far.
    let mut picture: Option<(super::files::FileTarget, String)> = None;
    for event in events {
        if let Some(text) = text.as_deref_mut() {
            text.event(&event);
        }
        if let Some((_, alt)) = &mut picture {
            match event {
                Event::End(TagEnd::Image) => {
                    if let Some((target, alt)) = picture.take() {
                        out_events.push(Event::Html(CowStr::from(picture_html(&target, &alt))));
                    }
                }
                Event::Text(text) | Event::Code(text) => alt.push_str(&text),
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let shifted = (crate::model::body_style::heading_number(level) + 1).min(6);
                in_heading = Some((shifted, out_events.len()));
                heading_text.clear();
                out_events.push(Event::Html(CowStr::from(String::new())));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, at)) = in_heading.take() {
                    let id = unique_id(&mut used_ids, &heading_text);
                    let tag = HEADING_TAGS[usize::from(level)];
                    let mut open = String::with_capacity(id.len() + 12);
                    for part in ["<", tag, " id=\"", &id, "\">"] {
                        open.push_str(part);
                    }
                    out_events[at] = Event::Html(CowStr::from(open));
                    out_events.push(Event::Html(CowStr::Borrowed(
                        HEADING_ENDS[usize::from(level)],
                    )));
                    headings.push(Heading {
                        level,
                        id,
                        text: heading_text.trim().to_string(),
                    });
                }
            }
            Event::Text(text) | Event::Code(text) if in_heading.is_some() => {
                heading_text.push_str(&text);
                out_events.push(Event::Text(text));
            }
            // Raw HTML is the reader's text, not markup.
            // A template's marks around a place for local text are not
            // for readers; other raw HTML shows as the text it is.
            Event::Html(raw) | Event::InlineHtml(raw)
                if crate::model::local_places::is_marker(&raw) => {}
            Event::Html(raw) | Event::InlineHtml(raw) => out_events.push(Event::Text(raw)),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let entry = dest_url
                    .strip_prefix(crate::model::ENTRY_SCHEME)
                    .map(|id| resolve(&EntryId::new(id.trim())).and_then(|t| t.href));
                if let Some(target) = entry {
                    match target {
                        Some(href) => out_events.push(Event::Start(Tag::Link {
                            link_type,
                            dest_url: CowStr::from(href),
                            title,
                            id,
                        })),
                        None => in_bad_link += 1,
                    }
                } else if let Some(file) = crate::model::files::is_file_path(&dest_url)
                    .then(|| files(&dest_url))
                    .flatten()
                {
                    out_events.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url: CowStr::from(file.href),
                        title,
                        id,
                    }));
                } else if crate::model::is_allowed_url(&dest_url) || dest_url.starts_with('#') {
                    out_events.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                } else {
                    in_bad_link += 1;
                }
            }
            Event::End(TagEnd::Link) => {
                if in_bad_link > 0 {
                    in_bad_link -= 1;
                } else {
                    out_events.push(Event::End(TagEnd::Link));
                }
            }
            // A picture of the manual's files is shown; others are not
            // fetched: their description is shown instead.
            Event::Start(Tag::Image { dest_url, .. }) => {
                match files(&dest_url).filter(|t| t.shown.is_some()) {
                    Some(target) => picture = Some((target, String::new())),
                    None => out_events.push(Event::Text(CowStr::from("[image: "))),
                }
            }
            Event::End(TagEnd::Image) => out_events.push(Event::Text(CowStr::from("]"))),
            other => out_events.push(other),
        }
    }
    let mut body = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut body, out_events.into_iter());
    (body, headings)
}

/// Heading tags by level (a body's headings are `h2` to `h6`).
const HEADING_TAGS: [&str; 7] = ["h1", "h1", "h2", "h3", "h4", "h5", "h6"];

/// Their closing tags, each ending its line.
const HEADING_ENDS: [&str; 7] = [
    "</h1>\n", "</h1>\n", "</h2>\n", "</h3>\n", "</h4>\n", "</h5>\n", "</h6>\n",
];

/// The ids a chapter's headings have taken.
type HeadingIds = crate::model::IdAllocator<rustc_hash::FxBuildHasher>;

/// `h-` and the heading's text as a slug, with `-2`, `-3`… after it when
/// an earlier heading of the chapter has that id (`used` holds theirs).
fn unique_id(used: &mut HeadingIds, text: &str) -> String {
    let slug = crate::model::slugify(text);
    let mut id = String::with_capacity(slug.len() + 2);
    id.push_str("h-");
    id.push_str(&slug);
    used.free_name(id)
}

/// A picture with its size and alt text; a smaller copy links the original.
fn picture_html(target: &super::files::FileTarget, alt: &str) -> String {
    let Some((src, width, height)) = &target.shown else {
        return String::new();
    };
    let alt = super::escape::html(alt.trim());
    // An SVG's size is not read (0): the browser sizes it.
    let size = if *width > 0 && *height > 0 {
        format!(" width=\"{width}\" height=\"{height}\"")
    } else {
        String::new()
    };
    let img = format!(
        "<img src=\"{}\" alt=\"{alt}\"{size} loading=\"lazy\">",
        super::escape::html(src)
    );
    if *src == target.href {
        img
    } else {
        format!(
            "<a href=\"{}\" title=\"The full-size picture\">{img}</a>",
            super::escape::html(&target.href)
        )
    }
}

/// The chapter's own contents list of its headings.
pub fn headings_list(m: &mut Markup, headings: &[Heading]) {
    const CLASSES: [&str; 7] = [
        "toc-1", "toc-1", "toc-2", "toc-3", "toc-4", "toc-5", "toc-6",
    ];
    m.el("ol", &[("class", "toc")], |m| {
        for heading in headings {
            let class = CLASSES[usize::from(heading.level.min(6))];
            m.el("li", &[("class", class)], |m| {
                m.link(&["#", &heading.id], &[], &heading.text)
            });
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_entries(_: &EntryId) -> Option<EntryTarget> {
        None
    }

    #[test]
    fn headings_move_down_a_level_and_get_ids() {
        let (html, headings) = render("# Scope\n\ntext\n\n## Scope\n", &no_entries);
        assert!(html.contains("<h2 id=\"h-scope\">Scope</h2>"), "{html}");
        assert!(html.contains("<h3 id=\"h-scope-2\">Scope</h3>"), "{html}");
        assert_eq!(headings.len(), 2);
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let (html, _) = render(
            "<script>alert(1)</script>\n\nHi <img src=x onerror=alert(1)>",
            &no_entries,
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn only_safe_links_stay_links() {
        let (html, _) = render(
            "[ok](https://www.gov.uk) [bad](javascript:alert(1)) [up](../../etc/passwd) ![pic](https://x/y.png)",
            &no_entries,
        );
        assert!(
            html.contains("<a href=\"https://www.gov.uk\">ok</a>"),
            "{html}"
        );
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("../../"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("bad"));
    }

    #[test]
    fn entry_links_go_where_the_output_says_with_the_current_label() {
        let resolve = |id: &EntryId| match id.as_str() {
            "young-carers-2" => Some(EntryTarget {
                href: Some("../chapters/young-carers-2.html".into()),
                label: "1.1.8 Young Carers".into(),
            }),
            "outside" => Some(EntryTarget {
                href: None,
                label: "2.1 Outside <the pack>".into(),
            }),
            _ => None,
        };
        let (html, _) = render(
            "See [](entry:young-carers-2), [the carers](entry:young-carers-2), \
             [](entry:outside) and [](entry:gone).",
            &resolve,
        );
        assert!(
            html.contains("<a href=\"../chapters/young-carers-2.html\">1.1.8 Young Carers</a>"),
            "{html}"
        );
        assert!(html.contains(">the carers</a>"), "{html}");
        assert!(html.contains(" 2.1 Outside &lt;the pack&gt; and"), "{html}");
        assert!(html.contains("missing entry gone"), "{html}");
        assert!(!html.contains("entry:"), "{html}");
    }

    #[test]
    fn the_marks_of_a_place_for_local_text_are_not_published() {
        let body = "Before.\n\n<!-- local: contacts -->\nCall the duty team.\n<!-- end local -->\n\n<!-- other -->\n";
        let (html, _) = render(body, &|_| None);
        assert!(html.contains("<p>Call the duty team.</p>"), "{html}");
        assert!(
            !html.contains("local:") && !html.contains("end local"),
            "{html}"
        );
        assert!(html.contains("&lt;!-- other --&gt;"), "{html}");
    }
}
