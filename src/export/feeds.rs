//! "Register for updates": `amendments.atom`, one entry per published
//! update listing the chapters it made new, updated and removed (with their
//! notes and links), which feed readers and email services follow; and
//! `bulletin-UPDATE.html`, the same as one self-contained page (no
//! scripts, no outside files) to paste into an email.

use super::escape::{base_address, html as xml};
use super::layout::entry_href;
use super::site::Site;

/// What one published update changed, as the feed and bulletin tell it.
pub struct Told {
    label: String,
    date: String,
    slug: String,
    /// (kind, chapter label, address from the site's root, notes).
    rows: Vec<(&'static str, String, Option<String>, String)>,
}

/// What each published update changed, oldest first: made once for the
/// feed and the bulletins.
pub fn told(site: &Site) -> Vec<Told> {
    let changes = site.manual.changes_by_update();
    let mut out = Vec::new();
    for (update, changes) in site.manual.updates.iter().zip(changes) {
        let nothing =
            changes.added.is_empty() && changes.amended.is_empty() && changes.removed.is_empty();
        if !update.published || nothing {
            continue;
        }
        let mut rows = Vec::new();
        let place = |id: &crate::model::EntryId| {
            site.find(id).map(|i| {
                (
                    site.entries[i].label().to_string(),
                    Some(entry_href(site, i, "")),
                )
            })
        };
        for id in &changes.added {
            if let Some((label, href)) = place(id) {
                rows.push(("New", label, href, "This chapter was added.".to_string()));
            }
        }
        for (id, notes) in &changes.amended {
            if let Some((label, href)) = place(id) {
                rows.push(("Updated", label, href, notes.join(" ")));
            }
        }
        for label in &changes.removed {
            rows.push((
                "Removed",
                label.clone(),
                None,
                "This chapter was removed.".to_string(),
            ));
        }
        out.push(Told {
            label: update.label.clone(),
            date: update.date.clone(),
            slug: crate::model::slugify(&update.label),
            rows,
        });
    }
    out
}

/// An update's date as Atom wants it (RFC 3339): its day, or the first of
/// its month, or `fallback` (the export's date) when it has none.
fn timestamp(date: &str, fallback: &str) -> String {
    let day = match date.len() {
        10 => date.to_string(),
        7 => format!("{date}-01"),
        _ => fallback.to_string(),
    };
    format!("{day}T00:00:00Z")
}

/// The file name of an update's bulletin.
pub fn bulletin_name(label: &str) -> String {
    format!("bulletin-{}.html", crate::model::slugify(label))
}

/// `amendments.atom`, published on `date`; links are absolute under
/// `base` when given (as feed readers want them), else relative to the
/// feed.
pub fn atom(site: &Site, updates: &[Told], base: Option<&str>, date: &str) -> String {
    let base = base.and_then(base_address).unwrap_or_default();
    let manual = site.manual;
    let id_root = format!(
        "tag:manual-editor,2026:{}",
        crate::model::slugify(&manual.title)
    );
    let newest = updates
        .last()
        .map_or_else(|| timestamp("", date), |u| timestamp(&u.date, date));
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    out.push_str(&format!(
        "  <title>{}: amendments</title>\n",
        xml(&manual.title)
    ));
    out.push_str(&format!("  <id>{}</id>\n", xml(&id_root)));
    out.push_str(&format!("  <updated>{newest}</updated>\n"));
    out.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        xml(if manual.authority.trim().is_empty() {
            &manual.title
        } else {
            &manual.authority
        })
    ));
    out.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}amendments.html\"/>\n",
        xml(&base)
    ));
    out.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}amendments.atom\"/>\n",
        xml(&base)
    ));
    for update in updates.iter().rev() {
        out.push_str("  <entry>\n");
        out.push_str(&format!("    <title>{}</title>\n", xml(&update.label)));
        out.push_str(&format!("    <id>{}/{}</id>\n", xml(&id_root), update.slug));
        out.push_str(&format!(
            "    <updated>{}</updated>\n",
            timestamp(&update.date, date)
        ));
        out.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}amendments.html#u-{}\"/>\n",
            xml(&base),
            update.slug
        ));
        let counts = ["New", "Updated", "Removed"]
            .iter()
            .map(|kind| {
                let n = update.rows.iter().filter(|r| r.0 == *kind).count();
                format!("{n} {}", kind.to_lowercase())
            })
            .collect::<Vec<_>>()
            .join(", ");
        out.push_str(&format!(
            "    <summary>{}: {counts}.</summary>\n",
            xml(&update.label)
        ));
        let mut html = String::from("<ul>");
        for (kind, label, href, notes) in &update.rows {
            html.push_str("<li><strong>");
            html.push_str(&xml(kind));
            html.push_str(":</strong> ");
            match href {
                Some(href) => html.push_str(&format!(
                    "<a href=\"{}{}\">{}</a>",
                    xml(&base),
                    xml(href),
                    xml(label)
                )),
                None => html.push_str(&xml(label)),
            }
            html.push_str(&format!(" — {}</li>", xml(notes)));
        }
        html.push_str("</ul>");
        out.push_str(&format!(
            "    <content type=\"html\">{}</content>\n",
            xml(&html)
        ));
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

/// Each published update's bulletin: (file name, page).
pub fn bulletins(site: &Site, updates: &[Told], base: Option<&str>) -> Vec<(String, String)> {
    let base = base.and_then(base_address).unwrap_or_default();
    let manual = site.manual;
    updates
        .iter()
        .map(|update| {
            let mut m = super::markup::Markup::with_capacity(4096);
            m.trusted("<!DOCTYPE html>\n");
            m.el("html", &[("lang", "en")], |m| {
                m.el("head", &[], |m| {
                    m.void("meta", &[("charset", "utf-8")]);
                    m.text_el("title", &[], &format!("{}: {}", manual.title, update.label));
                    // Inline, so the page pastes into an email whole.
                    m.trusted(
                        "<style>body{font-family:Arial,sans-serif;max-width:40em;margin:1em auto;\
                         padding:0 1em;color:#0b0c0c;line-height:1.5}a{color:#1d4f91}\
                         th,td{text-align:left;vertical-align:top;padding:.3em .6em;\
                         border-bottom:1px solid #b1b4b6}table{border-collapse:collapse}</style>\n",
                    );
                });
                m.el("body", &[], |m| {
                    m.el("main", &[], |m| {
                        m.text_el("p", &[], &manual.title);
                        m.text_el("h1", &[], &format!("Amendments: {}", update.label));
                        m.el("table", &[], |m| {
                            m.text_el("caption", &[], "Chapters changed in this update");
                            m.el("thead", &[], |m| {
                                m.el("tr", &[], |m| {
                                    for heading in ["Change", "Chapter", "Details"] {
                                        m.text_el("th", &[("scope", "col")], heading);
                                    }
                                });
                            });
                            m.el("tbody", &[], |m| {
                                for (kind, label, href, notes) in &update.rows {
                                    m.el("tr", &[], |m| {
                                        m.text_el("td", &[], kind);
                                        m.el("td", &[], |m| match href {
                                            Some(href) => m.text_el(
                                                "a",
                                                &[("href", &format!("{base}{href}"))],
                                                label,
                                            ),
                                            None => m.text(label),
                                        });
                                        m.text_el("td", &[], notes);
                                    });
                                }
                            });
                        });
                        m.el("p", &[], |m| {
                            m.text("All amendments: ");
                            m.text_el(
                                "a",
                                &[("href", &format!("{base}amendments.html"))],
                                "the manual's Amendments page",
                            );
                            m.text(".");
                        });
                    });
                });
            });
            (bulletin_name(&update.label), m.into_string())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Stockport sample: its published update holds the badges its
    /// contents list showed.
    fn manual() -> crate::model::Manual {
        crate::store::format::stockport_sample()
    }

    #[test]
    fn a_base_address_with_an_ampersand_is_escaped_once() {
        let manual = manual();
        let site = Site::new(&manual);
        let address = "https://example.gov.uk/a&b/";
        let base = Some(address);
        let feed = atom(&site, &told(&site), base, "2026-12-02");
        assert!(
            feed.contains("href=\"https://example.gov.uk/a&amp;b/amendments.atom\""),
            "{feed}"
        );
        // The entries' HTML is text of the feed: escaped twice there, as
        // HTML and then as XML, the address once for each.
        assert!(
            !feed.contains("href=\"https://example.gov.uk/a&amp;amp;"),
            "{feed}"
        );
        assert!(feed.contains("href=&quot;https://example.gov.uk/a&amp;amp;b/chapters/"));
        let (_, page) = &bulletins(&site, &told(&site), base)[0];
        assert!(
            page.contains("href=\"https://example.gov.uk/a&amp;b/amendments.html\""),
            "{page}"
        );
        let pages = ["index.html"];
        let map = super::super::sitemap::sitemap(&site, address, "2026-12-02", &pages);
        let map = map.unwrap();
        assert!(
            map.contains("<loc>https://example.gov.uk/a&amp;b/index.html</loc>"),
            "{map}"
        );
    }

    #[test]
    fn the_feed_has_an_entry_per_published_update_with_its_chapters() {
        let manual = manual();
        let site = Site::new(&manual);
        let feed = atom(
            &site,
            &told(&site),
            Some("https://procedures.example.gov.uk/"),
            "2026-12-02",
        );
        assert!(feed.contains("<entry>"), "{feed}");
        assert!(feed.contains("href=\"https://procedures.example.gov.uk/amendments.atom\""));
        assert_eq!(feed.matches("<entry>").count(), 1, "{feed}");
        assert!(
            feed.contains("chapters/capacity-and-consent.html"),
            "{feed}"
        );
        let pages = bulletins(&site, &told(&site), None);
        assert!(!pages.is_empty());
        let (name, page) = &pages[0];
        assert!(name.starts_with("bulletin-") && name.ends_with(".html"));
        assert!(!page.contains("<script") && !page.contains("stylesheet"));
        assert!(page.contains("Capacity and Consent"), "{page}");
    }
}
