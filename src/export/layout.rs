//! The parts every exported page shares: the page skeleton, dates, badges
//! and see-also lists.

use super::escape::{html, safe_url};
use super::site::Site;
use crate::model::{Badge, SeeAlso};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

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
}

/// A whole page. `root` is the relative path to the site root ("" or "../");
/// `path` the page's own path from the root, for the canonical link.
pub fn page(
    ctx: &PageContext,
    root: &str,
    path: &str,
    title: &str,
    before_main: &str,
    main: &str,
    after_main: &str,
) -> String {
    let published = long_date(ctx.date);
    let canonical = ctx
        .base_url
        .and_then(safe_url)
        .map(|base| {
            format!(
                "<link rel=\"canonical\" href=\"{}/{}\">\n",
                base.trim_end_matches('/'),
                html(path)
            )
        })
        .unwrap_or_default();
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'\">\n\
<meta name=\"generator\" content=\"manual-editor\">\n\
<title>{title} – {manual}</title>\n{canonical}<link rel=\"stylesheet\" href=\"{root}style.css\">\n</head>\n<body>\n\
<a class=\"skip-link\" href=\"#main\">Skip to main content</a>\n\
<header class=\"site-header\">\n<p class=\"site-title\"><a href=\"{root}index.html\">{manual}</a></p>\n\
<p class=\"published\">Published {published}</p>\n</header>\n\
{before_main}<main id=\"main\" tabindex=\"-1\">\n{main}</main>\n{after_main}\
<footer class=\"site-footer\">\n<p>{manual}. Snapshot published {published}. Printed copies of procedures go out of date: \
check the online manual before relying on a printed page.</p>\n\
<p><a href=\"{root}amendments.html\">Amendments</a> · <a href=\"{root}document-index.html\">Document index</a></p>\n</footer>\n\
</body>\n</html>\n",
        title = html(title),
        manual = html(ctx.manual_title),
    )
}

/// A badge as a text tag; never colour alone, never interactive.
pub fn badge(badge: Badge) -> String {
    match badge.label() {
        Some(label) => format!(
            " <strong class=\"tag tag-{}\">{label}</strong>",
            label.to_lowercase()
        ),
        None => String::new(),
    }
}

/// A see-also list: internal items link to their chapter page (or their
/// place in the contents, for a section), external items are marked.
pub fn see_also(site: &Site, items: &[SeeAlso], root: &str) -> String {
    if items.is_empty() {
        return String::new();
    }
    let mut out = String::from("<ul class=\"see-also\">");
    for item in items {
        out.push_str("<li><span class=\"see-also-label\">See also:</span> ");
        out.push_str(&link_for(site, item, root));
        out.push_str("</li>");
    }
    out.push_str("</ul>");
    out
}

pub fn link_for(site: &Site, item: &SeeAlso, root: &str) -> String {
    match item {
        SeeAlso::Internal { target } => match site.find(target) {
            Some(index) => {
                let label = html(&site.entries[index].label());
                let href = entry_href(site, index, root);
                format!("<a href=\"{href}\">{label}</a>")
            }
            None => format!(
                "<span class=\"missing\">(missing entry {})</span>",
                html(target.as_str())
            ),
        },
        SeeAlso::External { title, url, source } => {
            let source = source
                .as_deref()
                .map(|s| format!(" ({})", html(s)))
                .unwrap_or_default();
            match url.as_deref().and_then(safe_url) {
                Some(url) => format!(
                    "<a href=\"{url}\" rel=\"external\">{}</a>{source} <span class=\"external\">external</span>",
                    html(title)
                ),
                None => format!(
                    "{}{source} <span class=\"external\">external</span>",
                    html(title)
                ),
            }
        }
    }
}

/// Where an entry is read: its chapter page, or its anchor in the contents.
pub fn entry_href(site: &Site, index: usize, root: &str) -> String {
    match site.file_of.get(&index) {
        Some(file) => format!("{root}chapters/{file}"),
        None => format!("{root}index.html#{}", site.anchor_of[index]),
    }
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
