//! An induction pack as one self-contained, printable, accessible HTML
//! file: a cover, the pack's contents numbered 1..n with each chapter's
//! manual number, then each chapter (scope, body, see-also, latest
//! amendment) on a new printed page with the trainer's note in a marked
//! box. Inline CSS, no scripts. Links to chapters in the pack go to their
//! place in the document; links to other chapters go to the published
//! manual when its address is given, else show as text with the number.

use std::collections::HashMap;

use super::ExportOptions;
use super::escape::base_address;
use super::layout::long_date;
use super::markdown;
use super::markup::Markup;
use super::site::Site;
use crate::model::{EntryId, EntryKind, ItemState, Manual, Pack, PackItem, SeeAlso};

const PACK_CSS: &str = include_str!("../../assets/export/pack.css");

/// The pack as one HTML document: `options.date` is printed on the cover
/// and every chapter, `options.base_url` is where the whole manual is
/// published (for chapters outside the pack).
pub fn render_pack(pack: &Pack, manual: &Manual, options: &ExportOptions) -> String {
    let site = Site::new(manual);
    let states = pack.states(manual);
    // Where each chapter of the pack is in this document.
    let mut anchors: HashMap<&EntryId, String> = HashMap::new();
    for (n, item) in pack.items.iter().enumerate() {
        if let PackItem::Entry { id, .. } = item {
            anchors
                .entry(id)
                .or_insert_with(|| format!("item-{}", n + 1));
        }
    }
    let printed = long_date(&options.date);
    // The pack is one self-contained document: its chapters' pictures go
    // inside it.
    let files = options
        .files
        .as_deref()
        .map(|file| super::files::SiteFiles::collect(manual, file))
        .unwrap_or_default();
    // Where the manual is published, trimmed and ending in `/`, as every
    // link from it is made.
    let base = options.base_url.as_deref().and_then(base_address);
    let context = PackContext {
        files: &files,
        site: &site,
        anchors: &anchors,
        base_url: base.as_deref(),
        printed: &printed,
    };
    let mut m = Markup::with_capacity(64 * 1024);
    m.trusted("<!DOCTYPE html>\n");
    m.el("html", &[("lang", "en")], |m| {
        m.el("head", &[], |m| {
            m.void("meta", &[("charset", "utf-8")]);
            m.void(
                "meta",
                &[
                    ("name", "viewport"),
                    ("content", "width=device-width, initial-scale=1"),
                ],
            );
            m.void(
                "meta",
                &[
                    ("http-equiv", "Content-Security-Policy"),
                    (
                        "content",
                        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:",
                    ),
                ],
            );
            m.text_el("title", &[], &format!("{} – {}", pack.title, manual.title));
            m.el("style", &[], |m| m.trusted(PACK_CSS));
        });
        m.el("body", &[], |m| {
            m.text_el(
                "a",
                &[("class", "skip-link"), ("href", "#main")],
                "Skip to main content",
            );
            m.el("main", &[("id", "main"), ("tabindex", "-1")], |m| {
                cover_ui(m, pack, manual, &printed);
                contents_ui(m, pack, &states);
                let mut number = 0;
                for (n, (item, state)) in pack.items.iter().zip(&states).enumerate() {
                    match item {
                        PackItem::Heading { text } => {
                            m.text_el("h2", &[("class", "group-heading")], text);
                        }
                        PackItem::Entry { id, note, .. } => {
                            number += 1;
                            let anchor = format!("item-{}", n + 1);
                            chapter_ui(m, &context, id, note, state.as_ref(), number, &anchor);
                        }
                    }
                }
            });
        });
    });
    m.into_string()
}

/// What every chapter of the pack needs.
struct PackContext<'a> {
    files: &'a super::files::SiteFiles,
    site: &'a Site<'a>,
    anchors: &'a HashMap<&'a EntryId, String>,
    /// Where the manual is published, as [`base_address`] gives it.
    base_url: Option<&'a str>,
    printed: &'a str,
}

fn cover_ui(m: &mut Markup, pack: &Pack, manual: &Manual, printed: &str) {
    m.el("header", &[("class", "cover")], |m| {
        m.text_el("h1", &[], &pack.title);
        if !pack.audience.is_empty() {
            m.text_el(
                "p",
                &[("class", "audience")],
                &format!("For {}", pack.audience),
            );
        }
        m.text_el("p", &[], &format!("Chapters from {}", manual.title));
        m.text_el(
            "p",
            &[("class", "printed")],
            &format!("Printed on {printed}: check the online manual for the current version."),
        );
    });
}

/// The pack's contents: each group heading, then its chapters as an
/// ordered list that goes on counting from the list before (`start`), so a
/// chapter's number here is the number on its page. A heading is never a
/// list item, which would take a number of its own.
fn contents_ui(m: &mut Markup, pack: &Pack, states: &[Option<ItemState>]) {
    /// A heading (or none, before the first) and its items: (place in the
    /// pack, item state).
    type Group<'a> = (Option<&'a str>, Vec<(usize, Option<&'a ItemState>)>);
    let mut groups: Vec<Group<'_>> = vec![(None, Vec::new())];
    for (n, (item, state)) in pack.items.iter().zip(states).enumerate() {
        match item {
            PackItem::Heading { text } => groups.push((Some(text), Vec::new())),
            PackItem::Entry { .. } => {
                if let Some((_, items)) = groups.last_mut() {
                    items.push((n, state.as_ref()));
                }
            }
        }
    }
    m.el("nav", &[("aria-label", "Contents of this pack")], |m| {
        m.text_el("h2", &[], "Contents");
        let mut number = 1;
        for (heading, items) in &groups {
            if let Some(heading) = heading {
                m.text_el("h3", &[("class", "pack-contents-group")], heading);
            }
            if items.is_empty() {
                continue;
            }
            let start = number.to_string();
            let attrs: super::markup::Attrs = if number == 1 {
                &[("class", "pack-contents")]
            } else {
                &[("class", "pack-contents"), ("start", &start)]
            };
            m.el("ol", attrs, |m| {
                for (n, state) in items {
                    match state {
                        Some(
                            ItemState::Found { label } | ItemState::UpdatedSince { label, .. },
                        ) => {
                            let href = format!("#item-{}", n + 1);
                            m.el("li", &[], |m| m.text_el("a", &[("href", &href)], label));
                        }
                        Some(ItemState::Missing) | None => m.el("li", &[], |m| {
                            m.text_el(
                                "span",
                                &[("class", "missing")],
                                "A chapter no longer in the manual",
                            )
                        }),
                    }
                }
            });
            number += items.len();
        }
    });
}

fn chapter_ui(
    m: &mut Markup,
    context: &PackContext,
    id: &EntryId,
    note: &str,
    state: Option<&ItemState>,
    number: usize,
    anchor: &str,
) {
    let site = context.site;
    m.el(
        "section",
        &[("class", "chapter"), ("aria-labelledby", anchor)],
        |m| {
            let Some(index) = site.find(id) else {
                m.text_el(
                    "h2",
                    &[("id", anchor)],
                    &format!("{number}. Missing chapter"),
                );
                m.text_el(
                    "p",
                    &[("class", "missing")],
                    &format!("The chapter '{id}' is no longer in the manual."),
                );
                return;
            };
            let entry = &site.entries[index];
            m.text_el(
                "h2",
                &[("id", anchor)],
                &format!("{number}. {}", entry.label()),
            );
            if let Some(ItemState::UpdatedSince { update, .. }) = state {
                m.el("p", &[], |m| {
                    m.text_el(
                        "strong",
                        &[("class", "tag")],
                        &format!("Updated in {update}"),
                    );
                });
            }
            m.text_el(
                "p",
                &[("class", "printed")],
                &format!(
                    "Printed on {}: check the online manual for the current version.",
                    context.printed
                ),
            );
            if !note.trim().is_empty() {
                m.el(
                    "aside",
                    &[("class", "note"), ("aria-label", "Trainer's note")],
                    |m| {
                        m.text_el("strong", &[], "Trainer's note");
                        m.text(note);
                    },
                );
            }
            let EntryKind::Chapter(chapter) = &entry.entry.kind else {
                return;
            };
            super::pages::where_it_comes_from_ui(m, &entry.entry.title, chapter);
            if !chapter.scope.trim().is_empty() {
                m.text_el("h3", &[], "Scope of this chapter");
                m.text_el("p", &[], &chapter.scope);
            }
            if !entry.entry.see_also.is_empty() {
                m.text_el("h3", &[], "Related chapters and guidance");
                m.el("ul", &[], |m| {
                    for item in &entry.entry.see_also {
                        m.el("li", &[], |m| see_also_ui(m, context, item));
                    }
                });
            }
            let latest = chapter
                .amendments
                .iter()
                .filter(|a| !a.draft)
                .max_by(|a, b| a.date.cmp(&b.date));
            if let Some(latest) = latest {
                m.text_el("h3", &[], "Latest amendment");
                m.text_el("p", &[], &format!("{}: {}", latest.update, latest.text));
            }
            if !chapter.body.trim().is_empty() {
                let resolve = |id: &EntryId| {
                    let (href, label) = target_of(context, id)?;
                    Some(markdown::EntryTarget { href, label })
                };
                let base = context.base_url;
                let file = |path: &str| context.files.inline_target(path, base);
                let (body, _) = markdown::render_with_files(&chapter.body, &resolve, &file);
                m.el("div", &[("class", "body")], |m| m.trusted(&body));
            }
        },
    );
}

/// A see-also item: inside the pack, a link to its place here; elsewhere
/// in the manual, a link to the published page or its number and title.
/// Where a link to `id` goes in the pack document: its place in the pack,
/// the published manual (with a base URL), or nowhere (`None` href); and
/// its label. `None` when the manual has no such entry.
fn target_of(context: &PackContext, id: &EntryId) -> Option<(Option<String>, String)> {
    let site = context.site;
    let index = site.find(id)?;
    let label = site.entries[index].label();
    let href = match (context.anchors.get(id), context.base_url) {
        (Some(anchor), _) => Some(format!("#{anchor}")),
        (None, Some(base)) => Some(super::layout::entry_href(site, index, base)),
        (None, None) => None,
    };
    Some((href, label.to_string()))
}

fn see_also_ui(m: &mut Markup, context: &PackContext, item: &SeeAlso) {
    match item {
        SeeAlso::Internal { target } => match target_of(context, target) {
            None => m.text_el(
                "span",
                &[("class", "missing")],
                &format!("(missing entry {target})"),
            ),
            Some((Some(href), label)) => m.text_el("a", &[("href", &href)], &label),
            Some((None, label)) => m.text(&format!("{label} (in the manual)")),
        },
        SeeAlso::External { .. } => super::layout::link_for(m, context.site, item, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str) -> PackItem {
        PackItem::Entry {
            id: EntryId::new(id),
            note: String::new(),
            update: None,
        }
    }

    #[test]
    fn a_heading_takes_no_number_in_the_contents() {
        let manual = crate::store::format::stockport_sample();
        let mut pack = Pack::new("Week 1", "stockport.ron", &manual.title);
        pack.items = vec![
            PackItem::Heading {
                text: "Day one".into(),
            },
            entry("young-carers-2"),
            entry("confidentiality-policy"),
            PackItem::Heading {
                text: "Day two".into(),
            },
            entry("capacity-and-consent"),
        ];
        let options = ExportOptions::dated("2026-12-02");
        let html = render_pack(&pack, &manual, &options);
        let doc = scraper::Html::parse_document(&html);
        let select = |css: &str| scraper::Selector::parse(css).unwrap();
        // What a browser shows as each item's number: the list's start plus
        // its place in the list.
        let mut shown = Vec::new();
        for list in doc.select(&select("nav ol.pack-contents")) {
            let start: usize = list.value().attr("start").map_or(1, |s| s.parse().unwrap());
            for (i, _) in list.select(&select(":scope > li")).enumerate() {
                shown.push(start + i);
            }
        }
        assert_eq!(shown, [1, 2, 3]);
        assert_eq!(
            doc.select(&select("nav ol.pack-contents > li.group"))
                .count(),
            0
        );
        let headings: Vec<String> = doc
            .select(&select("nav h3.pack-contents-group"))
            .map(|h| h.text().collect())
            .collect();
        assert_eq!(headings, ["Day one", "Day two"]);
        let pages: Vec<String> = doc
            .select(&select("section.chapter h2"))
            .map(|h| h.text().collect::<String>())
            .collect();
        assert!(pages[2].starts_with("3. "), "{pages:?}");
    }

    #[test]
    fn a_chapter_published_elsewhere_keeps_its_source_and_link_in_a_pack() {
        let mut manual = crate::store::format::stockport_sample();
        let id = EntryId::new("young-carers-2");
        let path = manual.find(&id).unwrap();
        let EntryKind::Chapter(chapter) = &mut manual.entry_mut(&path).unwrap().kind else {
            panic!("a chapter");
        };
        chapter.source = Some("Regional Procedures".into());
        chapter.url = Some("https://example.org/young-carers".into());
        let mut pack = Pack::new("Week 1", "stockport.ron", &manual.title);
        pack.items = vec![entry("young-carers-2")];
        let options = ExportOptions::dated("2026-12-02");
        let html = render_pack(&pack, &manual, &options);
        let doc = scraper::Html::parse_document(&html);
        let select = |css: &str| scraper::Selector::parse(css).unwrap();
        let link = doc
            .select(&select("section.chapter p.outside a[rel=external]"))
            .next()
            .expect("the outside document's link");
        assert_eq!(
            link.value().attr("href"),
            Some("https://example.org/young-carers")
        );
        let source: String = doc
            .select(&select("section.chapter p.source"))
            .flat_map(|p| p.text())
            .collect();
        assert_eq!(source, "Source: Regional Procedures");
    }

    #[test]
    fn links_to_the_published_manual_start_from_its_address_however_it_was_typed() {
        // An address typed with a space after it (pasted), linking a form
        // in the manual's folder and a chapter outside the pack.
        let dir = tempfile::tempdir().unwrap();
        let mut manual = crate::store::format::stockport_sample();
        let body = "[The form](stockport.files/form.pdf) and [carers](entry:young-carers-2).";
        let id = EntryId::new("confidentiality-policy");
        let path = manual.find(&id).unwrap();
        manual
            .entry_mut(&path)
            .unwrap()
            .chapter_details_mut()
            .unwrap()
            .body = body.into();
        let file = dir.path().join("stockport.ron");
        std::fs::create_dir_all(dir.path().join("stockport.files")).unwrap();
        std::fs::write(dir.path().join("stockport.files/form.pdf"), b"%PDF-1.4").unwrap();
        let mut pack = Pack::new("Week 1", "stockport.ron", &manual.title);
        pack.items = vec![entry("confidentiality-policy")];
        let options = ExportOptions {
            base_url: Some("https://example.gov.uk/manual/ ".into()),
            files: Some(file),
            ..ExportOptions::dated("2026-12-02")
        };
        let html = render_pack(&pack, &manual, &options);
        let doc = scraper::Html::parse_document(&html);
        let hrefs: Vec<&str> = doc
            .select(&scraper::Selector::parse("section.chapter .body a").unwrap())
            .filter_map(|a| a.value().attr("href"))
            .collect();
        assert_eq!(
            hrefs,
            [
                "https://example.gov.uk/manual/files/form.pdf",
                "https://example.gov.uk/manual/chapters/young-carers-2.html"
            ]
        );
    }
}
