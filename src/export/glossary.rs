//! `keywords.html`, the manual's Local Keywords glossary (A–Z with jump
//! links, each term with its definition and its chapters), and
//! `accessibility.html`, the statement a public body's site must carry.

use std::collections::BTreeMap;

use super::layout::{Page, PageContext, entry_href, long_date};
use super::markdown;
use super::markup::Markup;
use super::site::Site;
use crate::model::{EntryId, Keyword};

/// The anchor of a term on the keywords page.
pub fn term_anchor(term: &str) -> String {
    format!("k-{}", crate::model::slugify(term))
}

/// The first letter a term is listed under (`#` for digits and signs).
fn letter_of(term: &str) -> char {
    term.trim()
        .chars()
        .next()
        .filter(char::is_ascii_alphabetic)
        .map_or('#', |c| c.to_ascii_uppercase())
}

/// The keywords sorted by term, grouped by letter.
fn by_letter(keywords: &[Keyword]) -> BTreeMap<char, Vec<&Keyword>> {
    let mut out: BTreeMap<char, Vec<&Keyword>> = BTreeMap::new();
    for keyword in keywords.iter().filter(|k| !k.term.trim().is_empty()) {
        out.entry(letter_of(&keyword.term))
            .or_default()
            .push(keyword);
    }
    for list in out.values_mut() {
        list.sort_by_key(|k| k.term.to_lowercase());
    }
    out
}

/// The keywords relating to `id`, sorted by term.
pub fn keywords_of<'m>(keywords: &'m [Keyword], id: &EntryId) -> Vec<&'m Keyword> {
    let mut out: Vec<&Keyword> = keywords
        .iter()
        .filter(|k| k.chapters.contains(id) && !k.term.trim().is_empty())
        .collect();
    out.sort_by_key(|k| k.term.to_lowercase());
    out
}

pub fn keywords_page(site: &Site, ctx: &PageContext) -> String {
    let page = Page {
        root: "",
        path: "keywords.html",
        title: "Keywords",
        scripts: &[],
        description: "",
    };
    let groups = by_letter(&site.manual.keywords);
    let main = |m: &mut Markup| {
        m.text_el("h1", &[], "Keywords");
        m.text_el(
            "p",
            &[],
            "Terms used in this manual, what they mean here, and the chapters that use them.",
        );
        m.el("nav", &[("aria-label", "Keywords A to Z")], |m| {
            m.el("ul", &[("class", "a-z")], |m| {
                for letter in groups.keys() {
                    m.el("li", &[], |m| {
                        let href = format!("#letter-{}", letter_id(*letter));
                        m.text_el("a", &[("href", &href)], &letter.to_string());
                    });
                }
            });
        });
        for (letter, keywords) in &groups {
            let id = format!("letter-{}", letter_id(*letter));
            m.el("section", &[("aria-labelledby", &id)], |m| {
                m.text_el("h2", &[("id", &id)], &letter.to_string());
                m.el("dl", &[("class", "keywords")], |m| {
                    for keyword in keywords {
                        term_ui(m, site, keyword);
                    }
                });
            });
        }
        if groups.is_empty() {
            m.text_el("p", &[], "This manual has no keywords yet.");
        }
    };
    page.render(ctx, |_| {}, main, |_| {})
}

fn letter_id(letter: char) -> String {
    if letter == '#' {
        "other".into()
    } else {
        letter.to_ascii_lowercase().to_string()
    }
}

fn term_ui(m: &mut Markup, site: &Site, keyword: &Keyword) {
    m.text_el(
        "dt",
        &[("id", &term_anchor(&keyword.term))],
        keyword.term.trim(),
    );
    m.el("dd", &[], |m| {
        if !keyword.definition.trim().is_empty() {
            let resolve = |id: &EntryId| {
                let index = site.find(id)?;
                Some(markdown::EntryTarget {
                    href: Some(entry_href(site, index, "")),
                    label: site.entries[index].label().to_string(),
                })
            };
            let (html, _) = markdown::render(&keyword.definition, &resolve);
            m.trusted(&html);
        }
        let chapters: Vec<usize> = keyword
            .chapters
            .iter()
            .filter_map(|id| site.find(id))
            .collect();
        if !chapters.is_empty() {
            m.el("p", &[("class", "keyword-chapters")], |m| {
                m.text("Chapters: ");
                for (n, index) in chapters.iter().enumerate() {
                    if n > 0 {
                        m.text("; ");
                    }
                    let href = entry_href(site, *index, "");
                    m.text_el("a", &[("href", &href)], site.entries[*index].label());
                }
            });
        }
    });
}

/// A chapter page's "Keywords" line: the terms that point to it.
pub fn chapter_keywords(m: &mut Markup, site: &Site, id: &EntryId, root: &str) {
    let keywords = keywords_of(&site.manual.keywords, id);
    if keywords.is_empty() {
        return;
    }
    m.el("p", &[("class", "chapter-keywords")], |m| {
        m.text("Keywords: ");
        for (n, keyword) in keywords.iter().enumerate() {
            if n > 0 {
                m.text(", ");
            }
            let href = format!("{root}keywords.html#{}", term_anchor(&keyword.term));
            m.text_el("a", &[("href", &href)], keyword.term.trim());
        }
    });
}

pub fn accessibility_page(site: &Site, ctx: &PageContext) -> String {
    let page = Page {
        root: "",
        path: "accessibility.html",
        title: "Accessibility statement",
        scripts: &[],
        description: "",
    };
    let manual = site.manual;
    let owner = if manual.authority.trim().is_empty() {
        "The council that publishes this manual".to_string()
    } else {
        manual.authority.trim().to_string()
    };
    let main = |m: &mut Markup| {
        m.text_el("h1", &[], "Accessibility statement");
        let paragraph = |m: &mut Markup, text: &str| {
            m.text_el("p", &[], text);
        };
        paragraph(
            m,
            &format!(
                "This statement applies to {}, published on {}. {owner} wants as many people as \
                 possible to be able to use it: to change colours, contrast and fonts, zoom in \
                 up to 400% without the text spilling off the screen, move through it with a \
                 keyboard alone, and listen to it with a screen reader.",
                ctx.manual_title,
                long_date(ctx.date)
            ),
        );
        m.text_el("h2", &[], "How accessible this manual is");
        paragraph(
            m,
            "The manual aims to meet the Web Content Accessibility Guidelines (WCAG) version \
             2.2 at level AA. Every page has a skip link, a single main heading, labelled \
             navigation, tables with captions and header cells, status shown in words (New, \
             Updated) rather than colour alone, and no content that moves or times out.",
        );
        m.text_el("h2", &[], "How it was checked");
        paragraph(
            m,
            "Each published snapshot is made by manual-editor, whose releases are checked by \
             opening every page of three real manuals in a browser and testing it with the \
             axe-core accessibility engine against WCAG 2.2 A and AA, checking every internal \
             link, and checking that the contents' structure matches the manual's. Pictures \
             must have alternative text before they can be added.",
        );
        m.text_el("h2", &[], "Feedback and contact information");
        m.el("p", &[], |m| {
            m.text(&format!(
                "If you find a problem with the accessibility of this manual, or need a page in \
                 a different format (large print, easy read, audio), contact {owner}"
            ));
            if manual.contact.trim().is_empty() {
                m.text(".");
            } else {
                m.text(": ");
                contact_ui(m, manual.contact.trim());
                m.text(".");
            }
        });
        paragraph(
            m,
            "We will consider your request and reply within 10 working days.",
        );
        m.text_el("h2", &[], "Enforcement procedure");
        paragraph(
            m,
            "The Equality and Human Rights Commission (EHRC) is responsible for enforcing the \
             Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility \
             Regulations 2018. If you are not happy with how we respond to your complaint, \
             contact the Equality Advisory and Support Service (EASS).",
        );
        m.text_el("h2", &[], "Preparation of this statement");
        paragraph(
            m,
            &format!(
                "This statement was prepared on {} with this snapshot of the manual.",
                long_date(ctx.date)
            ),
        );
    };
    page.render(ctx, |_| {}, main, |_| {})
}

/// A contact as a link when it is an e-mail address or a web address.
fn contact_ui(m: &mut Markup, contact: &str) {
    if crate::model::is_email_address(contact) {
        m.text_el("a", &[("href", &format!("mailto:{contact}"))], contact);
    } else if contact.starts_with("https://") || contact.starts_with("http://") {
        m.text_el("a", &[("href", contact)], contact);
    } else {
        m.text(contact);
    }
}
