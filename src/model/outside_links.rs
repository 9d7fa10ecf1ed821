//! The links of a manual that lead outside it, to web pages: see-also
//! documents, links in chapter texts and chapters that are only a link.
//! `check --links` and the window's Check outside links visit them; "Use
//! the new address" puts a moved page's address in every place it is used.

use std::ops::Range;

use super::{Entry, EntryId, Manual, SeeAlso};

/// Where in an entry an outside link is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum LinkPlace {
    /// The see-also item at this index, an outside document of this title.
    SeeAlso { index: usize, title: String },
    /// A link in the chapter's text, on this line (1-based).
    Body { line: usize },
    /// The chapter is only this link to an outside document.
    Address,
}

impl LinkPlace {
    /// Where it is, in words ("see also: Working Together", "text, line 4").
    pub fn describe(&self) -> String {
        match self {
            LinkPlace::SeeAlso { title, .. } => format!("see also \u{201c}{title}\u{201d}"),
            LinkPlace::Body { line } => format!("text, line {line}"),
            LinkPlace::Address => "the chapter's address".into(),
        }
    }
}

/// One outside link: the entry that has it, where, and its address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutsideLink {
    pub entry: EntryId,
    pub place: LinkPlace,
    pub url: String,
}

/// True for an address a link check can visit: http or https with a host.
pub fn is_web_address(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    ["http://", "https://"].iter().any(|scheme| {
        lower
            .strip_prefix(scheme)
            .is_some_and(|rest| !rest.is_empty() && !rest.starts_with(['/', '?', '#']))
    })
}

/// Every web link of `manual`, in the manual's order (entry by entry: the
/// chapter's address, its text, then its see-also list).
pub fn outside_links(manual: &Manual) -> Vec<OutsideLink> {
    let mut links = Vec::new();
    manual.walk(|_, entry, _| links.extend(entry_links(entry)));
    links
}

/// The web links of one entry (see [`outside_links`]).
pub fn entry_links(entry: &Entry) -> Vec<OutsideLink> {
    let mut links = Vec::new();
    let mut push = |place: LinkPlace, url: &str| {
        if is_web_address(url) {
            links.push(OutsideLink {
                entry: entry.id.clone(),
                place,
                url: url.trim().to_string(),
            });
        }
    };
    if let Some(chapter) = entry.chapter_details() {
        if let Some(url) = &chapter.url {
            push(LinkPlace::Address, url);
        }
        for (url, line, _) in body_web_links(&chapter.body) {
            push(LinkPlace::Body { line }, &url);
        }
    }
    for (index, item) in entry.see_also.iter().enumerate() {
        if let SeeAlso::External {
            title,
            url: Some(url),
            ..
        } = item
        {
            push(
                LinkPlace::SeeAlso {
                    index,
                    title: title.clone(),
                },
                url,
            );
        }
    }
    links
}

/// The links and pictures of `body` with a web address: the address, its
/// line and the link's byte range in the body.
fn body_web_links(body: &str) -> Vec<(String, usize, Range<usize>)> {
    if !body.contains("http") {
        return Vec::new();
    }
    super::body_links::link_addresses(body, is_web_address)
}

/// `entry` with every use of the address `old` (see-also documents, links
/// in its text, its own address) changed to `new`; `None` when it has none.
pub fn with_address_replaced(entry: &Entry, old: &str, new: &str) -> Option<Entry> {
    let old = old.trim();
    let mut changed = entry.clone_head();
    let mut any = false;
    for item in &mut changed.see_also {
        if let SeeAlso::External { url: Some(url), .. } = item
            && url.trim() == old
        {
            *url = new.to_string();
            any = true;
        }
    }
    if let Some(chapter) = changed.chapter_details_mut() {
        if chapter.url.as_deref().map(str::trim) == Some(old) {
            chapter.url = Some(new.to_string());
            any = true;
        }
        let ranges: Vec<Range<usize>> = body_web_links(&chapter.body)
            .into_iter()
            .filter(|(url, _, _)| url == old)
            .map(|(_, _, range)| range)
            .collect();
        // From the end, so the ranges before stay where they were.
        for range in ranges.into_iter().rev() {
            let source = chapter.body[range.clone()].replace(old, new);
            chapter.body.replace_range(range, &source);
            any = true;
        }
    }
    any.then_some(changed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entry, EntryKind};

    fn chapter(body: &str) -> Entry {
        let mut entry = Entry::chapter(EntryId::new("c1"), "Contact");
        let details = entry.chapter_details_mut().unwrap();
        details.body = body.into();
        entry.see_also = vec![
            SeeAlso::external(
                "Working Together",
                Some("https://example.org/wt".into()),
                None,
            ),
            SeeAlso::external("Leaflet", Some("mailto:team@example.org".into()), None),
            SeeAlso::internal(EntryId::new("other")),
            SeeAlso::external("No address", None, None),
        ];
        entry
    }

    #[test]
    fn web_links_are_found_in_text_see_also_and_address() {
        let mut entry = chapter(
            "Intro\n\nSee [the guidance](https://example.org/wt) and\n![chart](http://pics.example.org/c.png)\n\n[mail](mailto:a@b.org) [local](m.files/x.pdf) [entry](entry:other) <https://auto.example.org/x>",
        );
        entry.chapter_details_mut().unwrap().url = Some(" https://example.org/doc ".into());
        let found: Vec<(String, String)> = entry_links(&entry)
            .into_iter()
            .map(|l| (l.place.describe(), l.url))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "the chapter's address".into(),
                    "https://example.org/doc".into()
                ),
                ("text, line 3".into(), "https://example.org/wt".into()),
                (
                    "text, line 4".into(),
                    "http://pics.example.org/c.png".into()
                ),
                ("text, line 6".into(), "https://auto.example.org/x".into()),
                (
                    "see also \u{201c}Working Together\u{201d}".into(),
                    "https://example.org/wt".into()
                ),
            ]
        );
    }

    #[test]
    fn only_http_and_https_with_a_host_are_web_addresses() {
        for good in ["https://example.org", "HTTP://x.org/a?b", " https://a.b/c "] {
            assert!(is_web_address(good), "{good}");
        }
        for bad in [
            "https://",
            "http:///path",
            "mailto:x@y.org",
            "ftp://x.org",
            "entry:a",
        ] {
            assert!(!is_web_address(bad), "{bad}");
        }
    }

    #[test]
    fn a_moved_address_is_replaced_everywhere_in_an_entry() {
        let entry = chapter(
            "[A](https://example.org/wt) and [B](https://example.org/wt \"title\")\n\n[C](https://example.org/wt2) <https://example.org/wt>",
        );
        let changed = with_address_replaced(
            &entry,
            "https://example.org/wt",
            "https://new.example.org/wt",
        )
        .unwrap();
        assert_eq!(
            changed.chapter_details().unwrap().body,
            "[A](https://new.example.org/wt) and [B](https://new.example.org/wt \"title\")\n\n[C](https://example.org/wt2) <https://new.example.org/wt>"
        );
        assert_eq!(
            changed.see_also[0],
            SeeAlso::external(
                "Working Together",
                Some("https://new.example.org/wt".into()),
                None
            )
        );
        assert!(matches!(changed.kind, EntryKind::Chapter(_)));
        assert!(
            with_address_replaced(&entry, "https://nowhere.example.org", "https://x").is_none()
        );
    }
}
