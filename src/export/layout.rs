//! The parts every exported page shares: the page skeleton, dates, badges
//! and see-also lists, written with [`Markup`] so that every element is
//! closed where it is opened.

use super::escape::{base_address, safe_url};
use super::markup::{Attrs, Markup};
use super::site::Site;
use crate::model::date::MONTHS;
use crate::model::{Badge, SeeAlso};

/// "2026-11-22" as "22 November 2026"; "2024-06" as "June 2024".
pub fn long_date(iso: &str) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    let month = parts
        .get(1)
        .and_then(|m| m.parse::<usize>().ok())
        .and_then(|m| MONTHS.get(m.wrapping_sub(1)));
    match (parts.as_slice(), month) {
        ([year, _, day], Some(month)) => format!("{} {month} {year}", day.trim_start_matches('0')),
        ([year, _], Some(month)) => format!("{month} {year}"),
        _ => iso.to_string(),
    }
}

/// What a page needs from the export as a whole.
pub struct PageContext<'a> {
    pub manual_title: &'a str,
    pub date: &'a str,
    pub base_url: Option<&'a str>,
    /// The manual's linked files in this export.
    pub files: &'a super::files::SiteFiles,
    /// Whether the manual has keywords (and so a keywords page).
    pub has_keywords: bool,
    /// A working copy: marked "Draft – not for use" and not to be indexed.
    pub draft: bool,
    /// What changed in each chapter, shown on its page.
    pub changes: Option<&'a super::Changes>,
    /// Superseded versions of chapters, each a page of its own.
    pub archive: Option<&'a super::Archive>,
    /// Stylesheets after ours, from the site's root (the brand colour's,
    /// the council's own theme).
    pub stylesheets: &'a [String],
    /// The council's logo: its link in the manual's files.
    pub logo: Option<&'a str>,
    /// The skeleton's parts that pages share, made once.
    pub shells: Shells,
}

/// What a draft export says on every page.
pub const DRAFT: &str = "Draft – not for use";

/// The search form every page carries in its header: a plain GET form, so
/// it works (leading to the search page) with or without JavaScript.
fn search_form(m: &mut Markup, root: &str) {
    let action = format!("{root}search.html");
    m.el(
        "form",
        &[
            ("role", "search"),
            ("action", &action),
            ("method", "get"),
            ("class", "site-search"),
        ],
        |m| {
            m.text_el("label", &[("for", "site-search")], "Search the manual");
            m.void(
                "input",
                &[("id", "site-search"), ("name", "q"), ("type", "search")],
            );
            m.text_el("button", &[("type", "submit")], "Search");
        },
    );
}

/// One page of the site: where it is and what it is called.
pub struct Page<'a> {
    /// The relative path to the site root: "" or "../".
    pub root: &'a str,
    /// The page's own path from the root, for the canonical link.
    pub path: &'a str,
    /// The page's title, before the manual's.
    pub title: &'a str,
    /// Scripts of the site's own that the page loads (only the search page
    /// has any); the page's policy allows them and nothing else.
    pub scripts: &'a [&'a str],
    /// What the page holds, in a sentence, for search engines and link
    /// previews (empty: "TITLE, in MANUAL").
    pub description: &'a str,
}

const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; \
                   form-action 'self'";
const CSP_WITH_SCRIPTS: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
                                script-src 'self'; connect-src 'self'; base-uri 'none'; \
                                form-action 'self'";

/// The parts of the page skeleton that every page at one depth of the
/// site shares (metadata, the header with its search form, the footer),
/// each a run of whole elements made once per export: ten thousand
/// chapter pages carry the same header and footer.
#[derive(Debug)]
pub struct Shell {
    /// `charset` and `viewport`.
    head_start: String,
    /// The content security policy, for a page without scripts and for
    /// one with them (its quotes escaped once, not on every page).
    policy: String,
    policy_with_scripts: String,
    /// The generator and, for a draft, `noindex`.
    generator: String,
    /// `og:type` and `og:site_name`.
    site_meta: String,
    stylesheets: String,
    /// The skip link, the draft banner and the site's header with its
    /// search form.
    header: String,
    footer: String,
}

/// A page skeleton's shared parts for the site's root and for the
/// chapters' folder, each made when first asked.
#[derive(Debug, Default)]
pub struct Shells {
    top: std::sync::OnceLock<Shell>,
    chapters: std::sync::OnceLock<Shell>,
}

/// The content security policy `csp` as a page's `meta` element.
fn policy(m: &mut Markup, csp: &str) {
    m.void(
        "meta",
        &[("http-equiv", "Content-Security-Policy"), ("content", csp)],
    );
}

/// Whole elements written by `write`, as a string to splice into pages.
fn fragment(write: impl FnOnce(&mut Markup)) -> String {
    let mut m = Markup::default();
    write(&mut m);
    m.into_string()
}

impl Shell {
    fn new(ctx: &PageContext, root: &str) -> Shell {
        let published = long_date(ctx.date);
        Shell {
            head_start: fragment(|m| {
                m.void("meta", &[("charset", "utf-8")]);
                m.void(
                    "meta",
                    &[
                        ("name", "viewport"),
                        ("content", "width=device-width, initial-scale=1"),
                    ],
                );
            }),
            policy: fragment(|m| policy(m, CSP)),
            policy_with_scripts: fragment(|m| policy(m, CSP_WITH_SCRIPTS)),
            generator: fragment(|m| {
                m.void(
                    "meta",
                    &[("name", "generator"), ("content", "manual-editor")],
                );
                if ctx.draft {
                    m.void("meta", &[("name", "robots"), ("content", "noindex")]);
                }
            }),
            site_meta: fragment(|m| {
                m.void("meta", &[("property", "og:type"), ("content", "website")]);
                m.void(
                    "meta",
                    &[("property", "og:site_name"), ("content", ctx.manual_title)],
                );
            }),
            stylesheets: fragment(|m| {
                m.void(
                    "link",
                    &[("rel", "stylesheet"), ("href", &format!("{root}style.css"))],
                );
                for sheet in ctx.stylesheets {
                    m.void(
                        "link",
                        &[("rel", "stylesheet"), ("href", &format!("{root}{sheet}"))],
                    );
                }
            }),
            header: fragment(|m| header(m, ctx, root, &published, true)),
            footer: fragment(|m| footer(m, ctx, root, &published)),
        }
    }
}

impl Shells {
    /// The shared parts for pages `root` away from the site's root.
    fn get(&self, ctx: &PageContext, root: &str) -> Option<&Shell> {
        let lock = match root {
            "" => &self.top,
            "../" => &self.chapters,
            _ => return None,
        };
        Some(lock.get_or_init(|| Shell::new(ctx, root)))
    }
}

/// The skip link, the draft banner and the site's header: its title (with
/// the logo), the date, and the search form (`with_search`).
fn header(m: &mut Markup, ctx: &PageContext, root: &str, published: &str, with_search: bool) {
    m.text_el(
        "a",
        &[("class", "skip-link"), ("href", "#main")],
        "Skip to main content",
    );
    if ctx.draft {
        m.el("p", &[("class", "draft-banner"), ("role", "note")], |m| {
            m.text_el("strong", &[], DRAFT);
            m.text(
                ": a working copy of the manual, not the published version. Do not \
                 follow or share it.",
            );
        });
    }
    m.el("header", &[("class", "site-header")], |m| {
        m.el("p", &[("class", "site-title")], |m| {
            m.el("a", &[("href", &format!("{root}index.html"))], |m| {
                // The logo beside the title: the link's words name it, so
                // the picture itself is silent.
                if let Some(logo) = ctx.logo.and_then(|l| ctx.files.target(l, root)) {
                    let (src, width, height) =
                        logo.shown.clone().unwrap_or((logo.href.clone(), 0, 0));
                    let (w, h) = (width.to_string(), height.to_string());
                    let mut attributes =
                        vec![("class", "logo"), ("src", src.as_str()), ("alt", "")];
                    if width > 0 {
                        attributes.push(("width", &w));
                        attributes.push(("height", &h));
                    }
                    m.void("img", &attributes);
                }
                m.text(ctx.manual_title);
            })
        });
        m.text_el(
            "p",
            &[("class", "published")],
            &format!("Published {published}"),
        );
        if with_search {
            search_form(m, root);
        }
    });
}

/// The site's footer: the printed-copy warning and the site's own pages.
fn footer(m: &mut Markup, ctx: &PageContext, root: &str, published: &str) {
    m.el("footer", &[("class", "site-footer")], |m| {
        m.text_el(
            "p",
            &[],
            &format!(
                "{}. Snapshot published {published}. Printed copies of procedures \
                 go out of date: check the online manual before relying on a \
                 printed page.",
                ctx.manual_title
            ),
        );
        m.el("p", &[], |m| {
            m.text_el(
                "a",
                &[("href", &format!("{root}amendments.html"))],
                "Amendments",
            );
            m.text(" · ");
            m.text_el(
                "a",
                &[("href", &format!("{root}document-index.html"))],
                "Document index",
            );
            if ctx.has_keywords {
                m.text(" · ");
                m.text_el(
                    "a",
                    &[("href", &format!("{root}keywords.html"))],
                    "Keywords",
                );
            }
            m.text(" · ");
            m.text_el("a", &[("href", &format!("{root}search.html"))], "Search");
            m.text(" · ");
            m.text_el(
                "a",
                &[("href", &format!("{root}accessibility.html"))],
                "Accessibility statement",
            );
        });
    });
}

impl Page<'_> {
    /// The whole page: `before_main` (breadcrumbs), `main` and `after_main`
    /// (navigation) inside the shared skeleton.
    pub fn render(
        &self,
        ctx: &PageContext,
        before_main: impl FnOnce(&mut Markup),
        main: impl FnOnce(&mut Markup),
        after_main: impl FnOnce(&mut Markup),
    ) -> String {
        let root = self.root;
        let made_here;
        let shell = match ctx.shells.get(ctx, root) {
            Some(shell) => shell,
            None => {
                made_here = Shell::new(ctx, root);
                &made_here
            }
        };
        let mut m = Markup::with_capacity(16 * 1024);
        m.trusted("<!DOCTYPE html>\n");
        m.el("html", &[("lang", "en")], |m| {
            m.el("head", &[], |m| {
                m.trusted(&shell.head_start);
                m.trusted(if self.scripts.is_empty() {
                    &shell.policy
                } else {
                    &shell.policy_with_scripts
                });
                m.trusted(&shell.generator);
                let title = if ctx.draft {
                    [DRAFT, ": ", self.title, " – ", ctx.manual_title].concat()
                } else {
                    [self.title, " – ", ctx.manual_title].concat()
                };
                m.text_el("title", &[], &title);
                let made;
                let description = if self.description.trim().is_empty() {
                    made = format!("{}, in the {}.", self.title, ctx.manual_title);
                    &made
                } else {
                    self.description
                };
                m.void("meta", &[("name", "description"), ("content", description)]);
                m.void("meta", &[("property", "og:title"), ("content", &title)]);
                m.trusted(&shell.site_meta);
                if let Some(base) = ctx.base_url.and_then(base_address) {
                    let href = [&base, self.path].concat();
                    m.void("link", &[("rel", "canonical"), ("href", &href)]);
                    m.void("meta", &[("property", "og:url"), ("content", &href)]);
                }
                if self.path == "amendments.html" {
                    m.void(
                        "link",
                        &[
                            ("rel", "alternate"),
                            ("type", "application/atom+xml"),
                            ("href", "amendments.atom"),
                            ("title", &format!("{}: amendments", ctx.manual_title)),
                        ],
                    );
                }
                m.trusted(&shell.stylesheets);
            });
            m.el("body", &[], |m| {
                // The search page has its own form.
                if self.path == "search.html" {
                    header(m, ctx, root, &long_date(ctx.date), false);
                } else {
                    m.trusted(&shell.header);
                }
                before_main(m);
                m.el("main", &[("id", "main"), ("tabindex", "-1")], |m| {
                    main(m);
                });
                after_main(m);
                for script in self.scripts {
                    m.el("script", &[("src", &format!("{root}{script}"))], |_| {});
                }
                m.trusted(&shell.footer);
            });
        });
        m.into_string()
    }
}

/// A badge as a text tag after a title; never colour alone, never
/// interactive.
pub fn badge(m: &mut Markup, badge: Badge) {
    if let (Some(label), Some(class)) = (badge.label(), badge_class(badge)) {
        m.text(" ");
        m.text_el("strong", &[("class", class)], label);
    }
}

/// The classes of a badge's tag (the stylesheet colours each badge).
pub fn badge_class(badge: Badge) -> Option<&'static str> {
    match badge {
        Badge::None => None,
        Badge::New => Some("tag tag-new"),
        Badge::Updated => Some("tag tag-updated"),
    }
}

/// A see-also list: internal items link to their chapter page (or their
/// place in the contents, for a section), external items are marked.
pub fn see_also(m: &mut Markup, site: &Site, items: &[SeeAlso], root: &str) {
    if items.is_empty() {
        return;
    }
    m.el("ul", &[("class", "see-also")], |m| {
        for item in items {
            m.el("li", &[], |m| {
                m.text_el("span", &[("class", "see-also-label")], "See also:");
                m.text(" ");
                link_for(m, site, item, root);
            });
        }
    });
}

/// One see-also item as a link (or as text, when it cannot be one).
pub fn link_for(m: &mut Markup, site: &Site, item: &SeeAlso, root: &str) {
    match item {
        SeeAlso::Internal { target } => match site.find(target) {
            Some(index) => entry_link(m, site, index, root, &[]),
            None => m.text_el(
                "span",
                &[("class", "missing")],
                &format!("(missing entry {})", target.as_str()),
            ),
        },
        SeeAlso::External { title, url, source } => {
            match url.as_deref().filter(|u| safe_url(u).is_some()) {
                Some(url) => m.text_el("a", &[("href", url.trim()), ("rel", "external")], title),
                None => m.text(title),
            }
            if let Some(source) = source {
                m.text(&format!(" ({source})"));
            }
            m.text(" ");
            m.text_el("span", &[("class", "external")], "external");
        }
    }
}

/// The breadcrumb trail of a page: Contents, then each of `entries`, then
/// the page itself (`page`: its address and label).
pub fn breadcrumbs(m: &mut Markup, site: &Site, root: &str, entries: &[usize], page: (&str, &str)) {
    breadcrumbs_after(m, |m| trail(m, site, root, entries), page);
}

/// The items of a breadcrumb trail before the page's own: Contents, then
/// each of `entries`.
pub fn trail(m: &mut Markup, site: &Site, root: &str, entries: &[usize]) {
    m.el("li", &[], |m| {
        m.link_html(&[root, "index.html"], &[], "Contents")
    });
    for &entry in entries {
        m.el("li", &[], |m| entry_link(m, site, entry, root, &[]));
    }
}

/// A breadcrumb trail of the items `trail` writes, then the page itself
/// (`page`: its address and label).
pub fn breadcrumbs_after(m: &mut Markup, trail: impl FnOnce(&mut Markup), page: (&str, &str)) {
    m.el(
        "nav",
        &[("aria-label", "Breadcrumb"), ("class", "breadcrumbs")],
        |m| {
            m.el("ol", &[], |m| {
                trail(m);
                let (href, label) = page;
                m.el("li", &[], |m| {
                    m.text_el("a", &[("href", href), ("aria-current", "page")], label)
                });
            });
        },
    );
}

/// A link to an entry's page (or its place in the contents) from a page
/// `root` away from the site's root, named by its label.
pub fn entry_link(m: &mut Markup, site: &Site, index: usize, root: &str, attrs: Attrs) {
    let (href, label) = site.link_parts(index);
    m.link_made(root, href, attrs, label);
}

/// Where an entry is read: its chapter page, or its anchor in the contents.
pub fn entry_href(site: &Site, index: usize, root: &str) -> String {
    let from_root = site.href(index);
    let mut href = String::with_capacity(root.len() + from_root.len());
    href.push_str(root);
    href.push_str(from_root);
    href
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_out() {
        assert_eq!(long_date("2026-11-02"), "2 November 2026");
        assert_eq!(long_date("2024-06"), "June 2024");
        assert_eq!(long_date("someday"), "someday");
        assert_eq!(long_date("2024-13"), "2024-13");
    }
}
