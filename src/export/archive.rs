//! The archive of superseded chapters (`export --archive`): each earlier
//! published version of a chapter as a page of its own, marked
//! "Superseded on DATE" and linked from the chapter's page, as the
//! "Amendments & Archives" of the largest national procedures sites.

use super::layout::{Page, PageContext, breadcrumbs, entry_href, long_date};
use super::markup::Markup;
use super::site::Site;
use crate::model::published::PublishedChapter;

/// The archive page of the `n`th (from 1) earlier version of the chapter
/// whose page is `file` ("young-carers-2.html"): `archive/young-carers-2--v1.html`.
/// Chapter file names are unique and end in a name without `--v` and a
/// number, so archive names are unique too.
pub fn page_path(file: &str, n: usize) -> String {
    let stem = file.strip_suffix(".html").unwrap_or(file);
    format!("archive/{stem}--v{n}.html")
}

/// The earlier versions of the chapter at `index`, from the archive.
fn earlier<'c>(site: &Site, ctx: &'c PageContext, index: usize) -> &'c [PublishedChapter] {
    ctx.archive
        .and_then(|archive| archive.by_chapter.get(&site.entries[index].entry.id))
        .map_or(&[], Vec::as_slice)
}

/// What a version was: "As published in April 2026 (1 April 2026)".
fn as_published(version: &PublishedChapter) -> String {
    format!(
        "As published in {} ({})",
        version.update,
        long_date(&version.published)
    )
}

/// "Earlier versions" on a chapter's page: a link to each superseded
/// version's page, newest first. Nothing when the chapter has none.
pub fn earlier_versions(m: &mut Markup, site: &Site, ctx: &PageContext, index: usize) {
    let versions = earlier(site, ctx, index);
    if versions.is_empty() {
        return;
    }
    let file = &site.file_of[index];
    m.text_el("h2", &[("id", "earlier-versions")], "Earlier versions");
    m.el("ul", &[("class", "earlier-versions")], |m| {
        for (n, version) in versions.iter().enumerate().rev() {
            let href = format!("../{}", page_path(file, n + 1));
            m.el("li", &[], |m| {
                m.text_el("a", &[("href", &href)], &as_published(version));
                if let Some(on) = &version.superseded_on {
                    m.text(&format!(", superseded on {}", long_date(on)));
                }
            });
        }
    });
}

/// Every archive page of the chapter at `index`: (path, page).
pub fn pages(site: &Site, ctx: &PageContext, index: usize) -> Vec<(String, String)> {
    let file = &site.file_of[index];
    earlier(site, ctx, index)
        .iter()
        .enumerate()
        .map(|(n, version)| {
            let path = page_path(file, n + 1);
            let page = superseded_page(site, ctx, index, &path, version);
            (path, page)
        })
        .collect()
}

/// One superseded version: the chapter as it was published, under a
/// notice that says it is not in force and links to the current page.
fn superseded_page(
    site: &Site,
    ctx: &PageContext,
    index: usize,
    path: &str,
    version: &PublishedChapter,
) -> String {
    let root = "../";
    let current = entry_href(site, index, root);
    let superseded = version
        .superseded_on
        .as_deref()
        .map_or_else(String::new, long_date);
    let title = format!("{} (superseded on {superseded})", version.label);
    let page = Page {
        root,
        path,
        title: &title,
        scripts: &[],
        description: "",
    };
    let crumbs = |m: &mut Markup| {
        breadcrumbs(
            m,
            site,
            root,
            &[index],
            (&format!("{root}{path}"), &as_published(version)),
        );
    };
    let main = |m: &mut Markup| {
        m.text_el("h1", &[], &version.label);
        m.el("div", &[("class", "superseded"), ("role", "note")], |m| {
            m.el("p", &[], |m| {
                m.text_el("strong", &[], &format!("Superseded on {superseded}."));
                m.text(&format!(
                    " This is the chapter as published in {} on {}, kept for reference; \
                     it is not the procedure to follow. ",
                    version.update,
                    long_date(&version.published)
                ));
                m.text_el("a", &[("href", &current)], "Read the current version");
                m.text(".");
            });
            let sign_off = match (&version.approval, &version.without_sign_off) {
                (Some(a), _) if a.role.is_empty() => {
                    Some(format!("Approved by {} on {}.", a.by, long_date(&a.date)))
                }
                (Some(a), _) => Some(format!(
                    "Approved by {}, {}, on {}.",
                    a.by,
                    a.role,
                    long_date(&a.date)
                )),
                (None, Some(reason)) => Some(format!("Published without sign-off: {reason}")),
                (None, None) => None,
            };
            if let Some(sign_off) = sign_off {
                m.text_el("p", &[], &sign_off);
            }
        });
        if !version.notes.is_empty() {
            m.text_el("h2", &[], &format!("Amended in {}", version.update));
            m.el("ul", &[("class", "amendments")], |m| {
                for note in &version.notes {
                    m.text_el("li", &[], note);
                }
            });
        }
        let Some(chapter) = version.entry.chapter_details() else {
            return;
        };
        if chapter.scope.trim().is_empty() && chapter.body.trim().is_empty() {
            m.text_el(
                "p",
                &[],
                "This version had no text of its own in the manual: only its title.",
            );
        }
        if !chapter.scope.trim().is_empty() {
            m.text_el("h2", &[], "Scope of this chapter");
            m.text_el("p", &[], &chapter.scope);
        }
        if !chapter.body.trim().is_empty() {
            let (body, _) = super::pages::body_html(site, ctx, &chapter.body, root, None);
            m.el("div", &[("class", "body")], |m| m.trusted(&body));
        }
    };
    page.render(ctx, crumbs, main, |_| {})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn archive_pages_are_named_after_the_chapter_page() {
        assert_eq!(
            page_path("young-carers-2.html", 3),
            "archive/young-carers-2--v3.html"
        );
    }
}
