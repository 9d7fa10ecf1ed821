//! The exported pages: the contents, one page per chapter, the amendments
//! page and the document index (HTML and CSV). Every list of entries is
//! written by a recursive function per tree level, so the lists of the
//! page nest exactly as the manual does.

use super::layout::{
    Page, PageContext, badge, badge_class, breadcrumbs, breadcrumbs_after, entry_href, entry_link,
    link_for, long_date, see_also, trail,
};
use super::markdown;
use super::markup::{Attrs, Markup};
use super::site::Site;
use super::site_search::{EXCERPT_CHARS, TextOf};
use crate::model::EntryKind;

/// How many entries of its section a chapter page lists around itself.
pub const SECTION_WINDOW: usize = 25;

/// `index.html`: quick links to the parts, then the whole contents.
pub fn contents(site: &Site, ctx: &PageContext) -> String {
    let page = Page {
        root: "",
        path: "index.html",
        title: "Contents",
        scripts: &[],
        description: "",
    };
    page.render(
        ctx,
        |_| {},
        |m| {
            m.text_el("h1", &[], &site.manual.title);
            for note in &site.manual.notes {
                m.text_el("p", &[("class", "note")], note);
            }
            m.el("nav", &[("aria-label", "Parts of the manual")], |m| {
                m.text_el("h2", &[], "Quick links");
                m.el("ol", &[("class", "quick-links")], |m| {
                    for &part in &site.parts {
                        m.el("li", &[], |m| {
                            m.link_html(&["#", &site.anchor_of[part]], &[], site.label_html(part))
                        });
                    }
                });
            });
            for &part in &site.parts {
                part_ui(m, site, part);
            }
        },
        |_| {},
    )
}

/// A part of the contents: its heading, then the list of what it holds.
fn part_ui(m: &mut Markup, site: &Site, index: usize) {
    let anchor = &site.anchor_of[index];
    let entry = &site.entries[index];
    m.el("section", &[("aria-labelledby", anchor)], |m| {
        m.el("h2", &[("id", anchor)], |m| {
            if entry.entry.is_section() {
                m.text(entry.label());
            } else {
                // A chapter at the top level still links to its page.
                m.text_el(
                    "a",
                    &[("href", &entry_href(site, index, ""))],
                    entry.label(),
                );
                badge(m, entry.badge);
            }
        });
        entry_extras(m, site, index);
        contents_list(m, site, &site.children[index]);
    });
}

/// The ordered list of a section's entries, each with its own list inside.
fn contents_list(m: &mut Markup, site: &Site, children: &[usize]) {
    if children.is_empty() {
        return;
    }
    m.el("ol", &[("class", "contents")], |m| {
        for &child in children {
            contents_item(m, site, child);
        }
    });
}

fn contents_item(m: &mut Markup, site: &Site, index: usize) {
    let entry = &site.entries[index];
    let anchor = &site.anchor_of[index];
    if entry.entry.is_section() {
        m.el("li", &[("class", "section")], |m| {
            heading(m, entry.depth + 2, anchor, entry.label());
            entry_extras(m, site, index);
            contents_list(m, site, &site.children[index]);
        });
    } else {
        m.el("li", &[("id", anchor)], |m| {
            entry_link(m, site, index, "", &[]);
            badge(m, entry.badge);
            entry_extras(m, site, index);
        });
    }
}

/// `<hN id=…>` for a section of the contents, N capped at 6.
fn heading(m: &mut Markup, level: usize, id: &str, text: &str) {
    let attrs: &[(&str, &str)] = &[("id", id)];
    match level {
        ..=2 => m.text_el("h2", attrs, text),
        3 => m.text_el("h3", attrs, text),
        4 => m.text_el("h4", attrs, text),
        5 => m.text_el("h5", attrs, text),
        _ => m.text_el("h6", attrs, text),
    }
}

/// Source, applicability, notes and see-also lines under an entry.
fn entry_extras(m: &mut Markup, site: &Site, index: usize) {
    let entry = site.entries[index].entry;
    if let Some(chapter) = entry.chapter_details() {
        if let Some(source) = &chapter.source {
            m.text(" ");
            m.text_el("span", &[("class", "source")], &format!("({source})"));
        }
        if let Some(applies) = &chapter.applies_to {
            m.text(" ");
            m.text_el("span", &[("class", "applies")], &format!("({applies})"));
        }
    }
    for note in &entry.notes {
        m.text_el("p", &[("class", "note")], note);
    }
    see_also(m, site, &entry.see_also, "");
}

/// What one worker rendering chapter pages keeps from page to page: what
/// it read of their text for the search index, and the list items of the
/// section it is in.
#[derive(Debug, Default)]
pub struct ChapterWorker {
    pub reading: super::search_index::IndexReading,
    section: SectionItems,
}

/// What the pages of one section's chapters share, made once for them
/// all (a section's pages are rendered one after another): the items of
/// their breadcrumb trail, and each child of the section as the item of
/// the "In this section" list that links to it (a chapter page lists up
/// to [`SECTION_WINDOW`] of its section's entries).
#[derive(Debug, Default)]
struct SectionItems {
    /// The section whose children these are.
    parent: Option<usize>,
    /// The trail's items, the section last.
    trail: String,
    /// The list's items, one after another.
    html: String,
    /// Where each child's item ends in `html`.
    ends: Vec<usize>,
}

impl SectionItems {
    /// The items of `parent`'s children (`ancestors`: its own ancestors
    /// and itself), made when it is another section than the last.
    fn of(&mut self, site: &Site, parent: usize, ancestors: &[usize]) -> &SectionItems {
        if self.parent != Some(parent) {
            let mut m = Markup::with_capacity(self.html.capacity());
            self.ends.clear();
            for &sibling in &site.children[parent] {
                window_item(&mut m, site, sibling, &[]);
                self.ends.push(m.len());
            }
            self.html = m.into_string();
            let mut m = Markup::with_capacity(self.trail.capacity());
            trail(&mut m, site, "../", ancestors);
            self.trail = m.into_string();
            self.parent = Some(parent);
        }
        self
    }

    /// The items of children `from..to`, one after another.
    fn run(&self, from: usize, to: usize) -> &str {
        let start = |k: usize| k.checked_sub(1).map_or(0, |k| self.ends[k]);
        &self.html[start(from)..start(to)]
    }
}

/// An entry's item in a chapter page's "In this section" list.
fn window_item(m: &mut Markup, site: &Site, entry: usize, attrs: Attrs) {
    m.el("li", &[], |m| entry_link(m, site, entry, "../", attrs));
}

/// `chapters/<id>.html`: a chapter's page; its text, read once for the
/// page, is added to the search index's reading in `worker`.
pub fn chapter(
    site: &Site,
    ctx: &PageContext,
    position: usize,
    worker: &mut ChapterWorker,
) -> String {
    let index = site.chapters[position];
    let item = &site.entries[index];
    let entry = item.entry;
    let EntryKind::Chapter(chapter) = &entry.kind else {
        return String::new();
    };
    let root = "../";
    let label = item.label();
    let file = &site.file_of[index];
    let path = ["chapters/", file].concat();
    let scope_text = TextOf::read(&chapter.scope, EXCERPT_CHARS);
    let mut body_text = TextOf::new(EXCERPT_CHARS);
    let body = (!chapter.body.trim().is_empty())
        .then(|| body_html(site, ctx, &chapter.body, root, Some(&mut body_text)));
    worker.reading.add(site, position, &scope_text, &body_text);
    let description = description_of(if chapter.scope.trim().is_empty() {
        &body_text.opening
    } else {
        &scope_text.opening
    });
    let page = Page {
        root,
        path: &path,
        title: label,
        scripts: &[],
        description: &description,
    };
    // Chapters at the top of the manual have no section to share with.
    let section = item
        .ancestors
        .last()
        .map(|&parent| worker.section.of(site, parent, &item.ancestors));
    let crumbs = |m: &mut Markup| match section {
        Some(section) => breadcrumbs_after(m, |m| m.trusted(&section.trail), (file, label)),
        None => breadcrumbs(m, site, root, &item.ancestors, (file, label)),
    };
    let main = |m: &mut Markup| {
        m.text_el("h1", &[], label);
        if let (Some(tag), Some(class)) = (item.badge.label(), badge_class(item.badge)) {
            m.el("p", &[], |m| {
                m.text_el("strong", &[("class", class)], tag);
            });
        }
        where_it_comes_from_ui(m, &entry.title, chapter);
        if !chapter.scope.trim().is_empty() {
            m.text_el("h2", &[], "Scope of this chapter");
            m.text_el("p", &[], &chapter.scope);
        }
        if !entry.see_also.is_empty() {
            m.text_el("h2", &[], "Related chapters and guidance");
            m.el("ul", &[("class", "related")], |m| {
                for item in &entry.see_also {
                    m.el("li", &[], |m| link_for(m, site, item, root));
                }
            });
        }
        super::glossary::chapter_keywords(m, site, &entry.id, root);
        if !chapter.amendments.is_empty() {
            amendment_history(m, site, chapter);
        }
        super::archive::earlier_versions(m, site, ctx, index);
        if let Some(changes) = ctx.changes
            && let Some(pieces) = changes.by_chapter.get(&entry.id)
        {
            what_changed(m, &changes.update, pieces);
        }
        if chapter.manager.is_some() || chapter.review_due.is_some() {
            m.el("dl", &[("class", "ownership")], |m| {
                if let Some(manager) = &chapter.manager {
                    m.text_el("dt", &[], "Responsible manager");
                    m.text_el("dd", &[], manager);
                }
                if let Some(due) = &chapter.review_due {
                    m.text_el("dt", &[], "Update required");
                    m.text_el("dd", &[], &long_date(due));
                }
            });
        }
        for note in &entry.notes {
            m.text_el("p", &[("class", "note")], note);
        }
        if let Some((body, headings)) = &body {
            if headings.len() > 1 {
                m.el("nav", &[("aria-label", "Contents of this chapter")], |m| {
                    m.text_el("h2", &[], "Contents");
                    markdown::headings_list(m, headings);
                });
            }
            m.el("div", &[("class", "body")], |m| {
                m.trusted(body);
            });
        }
    };
    let after = |m: &mut Markup| {
        pager(m, site, position);
        if let (Some(&parent), Some(section)) = (item.ancestors.last(), section) {
            section_window(m, site, parent, index, section);
        }
    };
    page.render(ctx, crumbs, main, after)
}

/// A chapter's body as HTML for a page `root` away from the site's root:
/// links to entries go to their pages (with their current labels), links
/// to files to their copies in this export. Its words are read into
/// `text` as they pass, when asked.
pub(super) fn body_html(
    site: &Site,
    ctx: &PageContext,
    body: &str,
    root: &str,
    text: Option<&mut TextOf>,
) -> (String, Vec<markdown::Heading>) {
    let resolve = |id: &crate::model::EntryId| {
        let index = site.find(id)?;
        Some(markdown::EntryTarget {
            href: Some(entry_href(site, index, root)),
            label: site.entries[index].label().to_string(),
        })
    };
    let file = |path: &str| ctx.files.target(path, root);
    markdown::render_reading(body, &resolve, &file, text)
}

/// Links to the previous and next chapters in reading order.
fn pager(m: &mut Markup, site: &Site, position: usize) {
    m.el(
        "nav",
        &[
            ("aria-label", "Previous and next chapters"),
            ("class", "pager"),
        ],
        |m| {
            m.el("ul", &[], |m| {
                let previous = position.checked_sub(1).and_then(|p| site.chapters.get(p));
                if let Some(&prev) = previous {
                    m.el("li", &[], |m| {
                        m.el(
                            "a",
                            &[("rel", "prev"), ("href", &site.file_of[prev])],
                            |m| {
                                m.text("Previous: ");
                                m.trusted(site.label_html(prev));
                            },
                        )
                    });
                }
                if let Some(&next) = site.chapters.get(position + 1) {
                    m.el("li", &[], |m| {
                        m.el(
                            "a",
                            &[("rel", "next"), ("href", &site.file_of[next])],
                            |m| {
                                m.text("Next: ");
                                m.trusted(site.label_html(next));
                            },
                        )
                    });
                }
            });
        },
    );
}

/// The entries of the chapter's own section, at most [`SECTION_WINDOW`]
/// of them around the chapter, so that a page stays small however long
/// its section is; a longer section links to its place in the contents.
fn section_window(m: &mut Markup, site: &Site, parent: usize, index: usize, items: &SectionItems) {
    let siblings = &site.children[parent];
    let at = site.place[index];
    let start = at
        .saturating_sub(SECTION_WINDOW / 2)
        .min(siblings.len().saturating_sub(SECTION_WINDOW));
    let shown = &siblings[start..(start + SECTION_WINDOW).min(siblings.len())];
    m.el(
        "nav",
        &[("aria-label", "In this section"), ("class", "local")],
        |m| {
            m.text_el("h2", &[], site.entries[parent].label());
            m.el("ol", &[("start", &(start + 1).to_string())], |m| {
                // The other entries' items as made once for the section,
                // around the page's own.
                m.trusted(items.run(start, at));
                window_item(m, site, index, &[("aria-current", "page")]);
                m.trusted(items.run(at + 1, start + shown.len()));
            });
            if shown.len() < siblings.len() {
                m.el("p", &[], |m| {
                    m.text_el(
                        "a",
                        &[("href", &entry_href(site, parent, "../"))],
                        &format!(
                            "All {} entries of {} in the contents",
                            siblings.len(),
                            site.entries[parent].label()
                        ),
                    )
                });
            }
        },
    );
}

/// A chapter's amendments, newest update first, each with its update.
fn amendment_history(m: &mut Markup, site: &Site, chapter: &crate::model::Chapter) {
    let order = |update: &str| {
        site.manual
            .updates
            .iter()
            .position(|u| u.label == update)
            .unwrap_or(usize::MAX)
    };
    let mut notes: Vec<&crate::model::Amendment> =
        chapter.amendments.iter().filter(|a| !a.draft).collect();
    if notes.is_empty() {
        return;
    }
    notes.sort_by(|a, b| {
        order(&b.update)
            .cmp(&order(&a.update))
            .then(b.date.cmp(&a.date))
    });
    let heading = if notes.len() == 1 {
        "Amendment"
    } else {
        "Amendments"
    };
    m.text_el("h2", &[], heading);
    m.el("ul", &[("class", "amendments")], |m| {
        for note in notes {
            // A note read from an imported page may name no update: its
            // date, if any, says when instead.
            let when = if note.update.is_empty() {
                long_date(&note.date)
            } else {
                note.update.clone()
            };
            m.el("li", &[], |m| {
                if when.is_empty() {
                    m.text(&note.text);
                } else {
                    m.text_el("strong", &[], &when);
                    m.text(&format!(": {}", note.text));
                }
            });
        }
    });
}

/// What a row of a changes table names: a chapter of the manual (linked),
/// or one that was removed (its number and title, as text).
enum Subject {
    Chapter(usize),
    Removed(String),
}

/// A captioned table of chapters and their details.
fn changes_table(m: &mut Markup, site: &Site, caption: &str, rows: &[(Subject, String)]) {
    m.el("table", &[], |m| {
        m.text_el("caption", &[], caption);
        m.el("thead", &[], |m| {
            m.el("tr", &[], |m| {
                m.text_el("th", &[("scope", "col")], "Chapter");
                m.text_el("th", &[("scope", "col")], "Details");
            })
        });
        m.el("tbody", &[], |m| {
            for (subject, details) in rows {
                m.el("tr", &[], |m| {
                    match subject {
                        Subject::Chapter(index) => m.el("td", &[], |m| {
                            let href = entry_href(site, *index, "");
                            m.text_el("a", &[("href", &href)], site.entries[*index].label());
                        }),
                        Subject::Removed(label) => m.text_el("td", &[], label),
                    }
                    m.text_el("td", &[], details);
                });
            }
        });
    });
}

/// `amendments.html`: one section per update, newest first, with tables of
/// the chapters updated (with their details) and added in it.
pub fn amendments(site: &Site, ctx: &PageContext) -> String {
    let changes = site.manual.changes_by_update();
    let page = Page {
        root: "",
        path: "amendments.html",
        title: "Amendments",
        scripts: &[],
        description: "",
    };
    let chapter = |id: &crate::model::EntryId| site.find(id).map(Subject::Chapter);
    let main = |m: &mut Markup| {
        m.text_el("h1", &[], "Amendments");
        m.el("p", &[("class", "register")], |m| {
            m.text("To hear of each update, follow ");
            m.text_el("a", &[("href", "amendments.atom")], "the amendments feed");
            m.text(" in a feed reader or an email service.");
        });
        let shown: Vec<usize> = (0..changes.len())
            .rev()
            .filter(|&u| {
                let c = &changes[u];
                !(c.amended.is_empty() && c.added.is_empty() && c.removed.is_empty())
            })
            .collect();
        if shown.is_empty() {
            m.text_el("p", &[], "No amendments have been recorded.");
        }
        for u in shown {
            let (update, changes) = (&site.manual.updates[u], &changes[u]);
            let id = format!("u-{}", crate::model::slugify(&update.label));
            m.el("section", &[("aria-labelledby", &id)], |m| {
                m.text_el("h2", &[("id", &id)], &update.label);
                if !update.published {
                    m.text_el("p", &[], "This update is being prepared.");
                } else {
                    m.el("p", &[("class", "bulletin")], |m| {
                        m.text_el(
                            "a",
                            &[("href", &super::feeds::bulletin_name(&update.label))],
                            &format!("{} as an email bulletin", update.label),
                        );
                    });
                }
                let updated: Vec<(Subject, String)> = changes
                    .amended
                    .iter()
                    .filter_map(|(id, notes)| Some((chapter(id)?, notes.join(" "))))
                    .collect();
                let added: Vec<(Subject, String)> = changes
                    .added
                    .iter()
                    .filter_map(|id| Some((chapter(id)?, "This chapter was added.".into())))
                    .collect();
                let removed: Vec<(Subject, String)> = changes
                    .removed
                    .iter()
                    .map(|label| {
                        let details = "This chapter was removed.".into();
                        (Subject::Removed(label.clone()), details)
                    })
                    .collect();
                for (kind, rows) in [("Updated", updated), ("New", added), ("Removed", removed)] {
                    if !rows.is_empty() {
                        let caption = format!("{kind} chapters, {}", update.label);
                        changes_table(m, site, &caption, &rows);
                    }
                }
            });
        }
    };
    page.render(ctx, |_| {}, main, |_| {})
}

/// Who owns a chapter that lives elsewhere, whom it applies to, and the
/// outside document it is published as: on its page and in a pack.
pub(super) fn where_it_comes_from_ui(m: &mut Markup, title: &str, chapter: &crate::model::Chapter) {
    if let Some(source) = &chapter.source {
        m.text_el("p", &[("class", "source")], &format!("Source: {source}"));
    }
    if let Some(applies) = &chapter.applies_to {
        m.text_el("p", &[("class", "applies")], applies);
    }
    if let Some(url) = &chapter.url {
        m.el("p", &[("class", "outside")], |m| {
            m.text("This chapter is published as an outside document");
            if crate::model::is_allowed_url(url.trim()) {
                m.text(": ");
                m.text_el("a", &[("href", url.trim()), ("rel", "external")], title);
                m.text(" ");
                m.text_el("span", &[("class", "external")], "external");
            } else {
                m.text(".");
            }
        });
    }
}

/// "What changed in UPDATE": the chapter's words against the version
/// published before, as `<del>` and `<ins>`, with a legend in words so it
/// reads without colour.
fn what_changed(m: &mut Markup, update: &str, pieces: &[crate::model::redline::Piece]) {
    use crate::model::redline::Mark;
    m.el(
        "section",
        &[
            ("class", "what-changed"),
            ("aria-labelledby", "what-changed"),
        ],
        |m| {
            m.text_el(
                "h2",
                &[("id", "what-changed")],
                &format!("What changed in {update}"),
            );
            m.text_el(
                "p",
                &[("class", "legend")],
                "Words taken out are struck through and marked “removed”; words put in are \
             underlined and marked “added”.",
            );
            m.el("div", &[("class", "redline")], |m| {
                for piece in pieces {
                    match piece.mark {
                        Mark::Same => m.text(&piece.text),
                        Mark::Removed => m.text_el("del", &[], &piece.text),
                        Mark::Added => m.text_el("ins", &[], &piece.text),
                    }
                }
            });
        },
    );
}

/// A chapter's description for search engines and link previews: the
/// plain words of its scope, else the opening words of its text (at least
/// 160 characters of them where there are more), at most about 160
/// characters, cut at a word.
fn description_of(words: &str) -> String {
    let Some((end, _)) = words.char_indices().nth(160) else {
        return words.to_string();
    };
    let cut = &words[..end];
    let cut = match cut.rfind(' ') {
        Some(at) => cut[..at].trim_end_matches([',', ';', ':']),
        None => cut,
    };
    [cut, "…"].concat()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Manual;

    /// Chapter `position`'s breadcrumb trail, and the items of its "In
    /// this section" list, made one entry at a time.
    fn made_one_by_one(site: &Site, position: usize) -> (String, Option<String>) {
        let index = site.chapters[position];
        let item = &site.entries[index];
        let mut crumbs = Markup::default();
        let page = (site.file_of[index].as_str(), item.label());
        breadcrumbs(&mut crumbs, site, "../", &item.ancestors, page);
        let window = item.ancestors.last().map(|&parent| {
            let siblings = &site.children[parent];
            let start = site.place[index]
                .saturating_sub(SECTION_WINDOW / 2)
                .min(siblings.len().saturating_sub(SECTION_WINDOW));
            let end = (start + SECTION_WINDOW).min(siblings.len());
            let mut m = Markup::default();
            for &sibling in &siblings[start..end] {
                let current: Attrs = if sibling == index {
                    &[("aria-current", "page")]
                } else {
                    &[]
                };
                m.el("li", &[], |m| entry_link(m, site, sibling, "../", current));
            }
            m.into_string()
        });
        (crumbs.into_string(), window)
    }

    fn sample(text: &str) -> Manual {
        crate::store::format::from_str(text, std::path::Path::new("sample.ron")).unwrap()
    }

    #[test]
    fn a_sections_shared_items_make_the_pages_their_entries_would() {
        let manuals = [
            crate::store::format::stockport_sample(),
            sample(include_str!("../../sample_manuals/wandsworth.ron")),
            sample(include_str!("../../sample_manuals/wigan.ron")),
            crate::model::synth::manual(100),
            crate::model::synth::one_section_manual(70),
        ];
        for manual in &manuals {
            let site = Site::new(manual);
            let files = super::super::files::SiteFiles::default();
            let ctx = PageContext {
                manual_title: &manual.title,
                date: "2026-12-03",
                base_url: None,
                files: &files,
                has_keywords: false,
                draft: false,
                changes: None,
                archive: None,
                stylesheets: &[],
                logo: None,
                shells: Default::default(),
            };
            // In reading order, as a worker takes them, then backwards: a
            // worker's next pages may be in any section.
            let count = site.chapters.len();
            let mut worker = ChapterWorker::default();
            for position in (0..count).chain((0..count).rev()) {
                let page = chapter(&site, &ctx, position, &mut worker);
                let (crumbs, window) = made_one_by_one(&site, position);
                assert!(page.contains(&crumbs), "{}: {crumbs}", manual.title);
                if let Some(window) = window {
                    let list = page
                        .split_once("<nav aria-label=\"In this section\"")
                        .unwrap()
                        .1;
                    assert!(list.contains(&window), "{}: {window}", manual.title);
                }
            }
        }
    }
}
