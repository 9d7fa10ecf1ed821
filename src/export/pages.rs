//! The exported pages: the contents, one page per chapter, the amendments
//! page and the document index (HTML and CSV).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::escape::{csv_field, html, safe_url};
use super::layout::{PageContext, badge, entry_href, link_for, long_date, page, see_also};
use super::markdown;
use super::site::Site;
use crate::model::{Badge, EntryKind};

/// `index.html`: quick links to the parts, then the whole contents.
pub fn contents(site: &Site, ctx: &PageContext) -> String {
    let mut main = format!("<h1>{}</h1>\n", html(&site.manual.title));
    for note in &site.manual.notes {
        let _ = writeln!(main, "<p class=\"note\">{}</p>", html(note));
    }
    main.push_str("<nav aria-label=\"Parts of the manual\">\n<h2>Quick links</h2>\n<ol class=\"quick-links\">");
    for (i, entry) in site
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.depth == 0)
    {
        let _ = write!(
            main,
            "<li><a href=\"#{}\">{}</a></li>",
            site.anchor_of[i],
            html(&entry.label())
        );
    }
    main.push_str("</ol>\n</nav>\n");
    // Entries are written in document order; lists open and close by depth.
    let mut open_lists = 0usize;
    for (i, entry) in site.entries.iter().enumerate() {
        while open_lists > entry.depth {
            main.push_str("</ol></li>\n");
            open_lists -= 1;
        }
        if entry.depth == 0 {
            if i > 0 {
                main.push_str("</ol>\n</section>\n");
            }
            let anchor = &site.anchor_of[i];
            let _ = write!(
                main,
                "<section aria-labelledby=\"{anchor}\">\n<h2 id=\"{anchor}\">{}</h2>\n",
                html(&entry.label())
            );
            main.push_str(&entry_extras(site, i, ""));
            main.push_str("<ol class=\"contents\">\n");
            continue;
        }
        if entry.entry.is_section() {
            let level = (entry.depth + 2).min(6);
            let anchor = &site.anchor_of[i];
            let _ = write!(
                main,
                "<li class=\"section\"><h{level} id=\"{anchor}\">{}</h{level}>",
                html(&entry.label())
            );
            main.push_str(&entry_extras(site, i, ""));
            main.push_str("<ol class=\"contents\">\n");
            open_lists += 1;
            if entry.entry.children().is_empty() {
                main.push_str("</ol></li>\n");
                open_lists -= 1;
            }
        } else {
            let href = entry_href(site, i, "");
            let _ = write!(
                main,
                "<li id=\"{}\"><a href=\"{href}\">{}</a>{}",
                site.anchor_of[i],
                html(&entry.label()),
                badge(entry.entry.badge())
            );
            main.push_str(&entry_extras(site, i, ""));
            main.push_str("</li>\n");
        }
    }
    while open_lists > 0 {
        main.push_str("</ol></li>\n");
        open_lists -= 1;
    }
    if !site.entries.is_empty() {
        main.push_str("</ol>\n</section>\n");
    }
    page(ctx, "", "index.html", "Contents", "", &main, "")
}

/// Source, applicability, notes and see-also lines under an entry.
fn entry_extras(site: &Site, index: usize, root: &str) -> String {
    let entry = site.entries[index].entry;
    let mut out = String::new();
    if let Some(chapter) = entry.chapter_details() {
        if let Some(source) = &chapter.source {
            let _ = write!(out, " <span class=\"source\">({})</span>", html(source));
        }
        if let Some(applies) = &chapter.applies_to {
            let _ = write!(out, " <span class=\"applies\">({})</span>", html(applies));
        }
    }
    for note in &entry.notes {
        let _ = write!(out, "<p class=\"note\">{}</p>", html(note));
    }
    out.push_str(&see_also(site, &entry.see_also, root));
    out
}

/// `chapters/<id>.html`.
pub fn chapter(site: &Site, ctx: &PageContext, position: usize) -> String {
    let index = site.chapters[position];
    let item = &site.entries[index];
    let entry = item.entry;
    let EntryKind::Chapter(chapter) = &entry.kind else {
        return String::new();
    };
    let root = "../";
    let label = item.label();

    let mut crumbs = String::from("<nav aria-label=\"Breadcrumb\" class=\"breadcrumbs\">\n<ol>");
    let _ = write!(crumbs, "<li><a href=\"{root}index.html\">Contents</a></li>");
    for &ancestor in &item.ancestors {
        let _ = write!(
            crumbs,
            "<li><a href=\"{}\">{}</a></li>",
            entry_href(site, ancestor, root),
            html(&site.entries[ancestor].label())
        );
    }
    let _ = write!(
        crumbs,
        "<li><a href=\"{}\" aria-current=\"page\">{}</a></li></ol>\n</nav>\n",
        site.file_of[&index],
        html(&label)
    );

    let mut main = format!("<h1>{}</h1>\n", html(&label));
    if chapter.badge != Badge::None {
        let _ = writeln!(main, "<p>{}</p>", badge(chapter.badge).trim_start());
    }
    if let Some(source) = &chapter.source {
        let _ = writeln!(main, "<p class=\"source\">Source: {}</p>", html(source));
    }
    if let Some(applies) = &chapter.applies_to {
        let _ = writeln!(main, "<p class=\"applies\">{}</p>", html(applies));
    }
    if let Some(url) = &chapter.url {
        match safe_url(url) {
            Some(url) => {
                let _ = writeln!(
                    main,
                    "<p class=\"outside\">This chapter is published as an outside document: <a href=\"{url}\" rel=\"external\">{}</a> <span class=\"external\">external</span></p>",
                    html(&entry.title)
                );
            }
            None => main.push_str(
                "<p class=\"outside\">This chapter is published as an outside document.</p>\n",
            ),
        }
    }
    if !chapter.scope.trim().is_empty() {
        let _ = writeln!(
            main,
            "<h2>Scope of this chapter</h2>\n<p>{}</p>",
            html(&chapter.scope)
        );
    }
    if !entry.see_also.is_empty() {
        main.push_str("<h2>Related chapters and guidance</h2>\n<ul class=\"related\">");
        for item in &entry.see_also {
            let _ = write!(main, "<li>{}</li>", link_for(site, item, root));
        }
        main.push_str("</ul>\n");
    }
    if let Some(latest) = chapter.amendments.iter().max_by(|a, b| a.date.cmp(&b.date)) {
        let _ = writeln!(
            main,
            "<h2>Amendment</h2>\n<p>{}: {}</p>",
            html(&long_date(&latest.date)),
            html(&latest.text)
        );
    }
    if chapter.manager.is_some() || chapter.review_due.is_some() {
        main.push_str("<dl class=\"ownership\">");
        if let Some(manager) = &chapter.manager {
            let _ = write!(
                main,
                "<dt>Responsible manager</dt><dd>{}</dd>",
                html(manager)
            );
        }
        if let Some(due) = &chapter.review_due {
            let _ = write!(
                main,
                "<dt>Update required</dt><dd>{}</dd>",
                html(&long_date(due))
            );
        }
        main.push_str("</dl>\n");
    }
    for note in &entry.notes {
        let _ = writeln!(main, "<p class=\"note\">{}</p>", html(note));
    }
    if !chapter.body.trim().is_empty() {
        let (body, headings) = markdown::render(&chapter.body);
        if headings.len() > 1 {
            let _ = writeln!(
                main,
                "<nav aria-label=\"Contents of this chapter\">\n<h2>Contents</h2>\n{}\n</nav>",
                markdown::headings_list(&headings)
            );
        }
        main.push_str("<div class=\"body\">\n");
        main.push_str(&body);
        main.push_str("</div>\n");
    }

    let mut after =
        String::from("<nav aria-label=\"Previous and next chapters\" class=\"pager\">\n<ul>");
    if let Some(&prev) = position.checked_sub(1).and_then(|p| site.chapters.get(p)) {
        let _ = write!(
            after,
            "<li><a rel=\"prev\" href=\"{}\">Previous: {}</a></li>",
            site.file_of[&prev],
            html(&site.entries[prev].label())
        );
    }
    if let Some(&next) = site.chapters.get(position + 1) {
        let _ = write!(
            after,
            "<li><a rel=\"next\" href=\"{}\">Next: {}</a></li>",
            site.file_of[&next],
            html(&site.entries[next].label())
        );
    }
    after.push_str("</ul>\n</nav>\n");
    // The chapter's own section, with this chapter marked: bounded by the
    // section's size, so no page carries the whole contents.
    if let Some(&parent) = item.ancestors.last() {
        let _ = write!(
            after,
            "<nav aria-label=\"In this section\" class=\"local\">\n<h2>{}</h2>\n<ol>",
            html(&site.entries[parent].label())
        );
        for sibling in site
            .entries
            .iter()
            .enumerate()
            .skip(parent + 1)
            .filter(|(_, e)| e.ancestors.last() == Some(&parent))
            .map(|(i, _)| i)
        {
            let current = if sibling == index {
                " aria-current=\"page\""
            } else {
                ""
            };
            let _ = write!(
                after,
                "<li><a href=\"{}\"{current}>{}</a></li>",
                entry_href(site, sibling, root),
                html(&site.entries[sibling].label())
            );
        }
        after.push_str("</ol>\n</nav>\n");
    }
    page(
        ctx,
        root,
        &format!("chapters/{}", site.file_of[&index]),
        &label,
        &crumbs,
        &main,
        &after,
    )
}

/// `amendments.html`: changes grouped by month, newest first, and the
/// chapters added in this update.
pub fn amendments(site: &Site, ctx: &PageContext) -> String {
    let mut by_month: BTreeMap<String, Vec<(usize, &str)>> = BTreeMap::new();
    let mut added = Vec::new();
    for &index in &site.chapters {
        let Some(chapter) = site.entries[index].entry.chapter_details() else {
            continue;
        };
        for amendment in &chapter.amendments {
            let month: String = amendment.date.chars().take(7).collect();
            by_month
                .entry(month)
                .or_default()
                .push((index, &amendment.text));
        }
        if chapter.badge == Badge::New {
            added.push(index);
        }
    }
    let mut main = String::from("<h1>Amendments</h1>\n");
    if by_month.is_empty() && added.is_empty() {
        main.push_str("<p>No amendments have been recorded.</p>\n");
    }
    if !added.is_empty() {
        main.push_str("<h2>Added in this update</h2>\n<ul>");
        for index in added {
            let _ = write!(
                main,
                "<li><a href=\"{}\">{}</a> was added.</li>",
                entry_href(site, index, ""),
                html(&site.entries[index].label())
            );
        }
        main.push_str("</ul>\n");
    }
    for (month, items) in by_month.iter().rev() {
        let _ = write!(main, "<h2>{}</h2>\n<ul>", html(&long_date(month)));
        for (index, text) in items {
            let _ = write!(
                main,
                "<li><a href=\"{}\">{}</a>: {}</li>",
                entry_href(site, *index, ""),
                html(&site.entries[*index].label()),
                html(text)
            );
        }
        main.push_str("</ul>\n");
    }
    page(ctx, "", "amendments.html", "Amendments", "", &main, "")
}

/// One row of the document index.
struct IndexRow {
    number: String,
    title: String,
    category: String,
    badge: &'static str,
    amended: String,
    source: String,
    href: String,
}

fn index_rows(site: &Site) -> Vec<IndexRow> {
    site.chapters
        .iter()
        .map(|&index| {
            let item = &site.entries[index];
            let chapter = item.entry.chapter_details();
            IndexRow {
                number: item.number.clone().unwrap_or_default(),
                title: item.entry.title.clone(),
                category: item
                    .ancestors
                    .iter()
                    .map(|&a| site.entries[a].label())
                    .collect::<Vec<_>>()
                    .join(" > "),
                badge: item.entry.badge().label().unwrap_or(""),
                amended: chapter
                    .and_then(|c| c.amendments.iter().map(|a| a.date.as_str()).max())
                    .unwrap_or("")
                    .to_string(),
                source: chapter.and_then(|c| c.source.clone()).unwrap_or_default(),
                href: entry_href(site, index, ""),
            }
        })
        .collect()
}

/// `document-index.html`: every document with its category and version.
pub fn document_index(site: &Site, ctx: &PageContext) -> String {
    let mut main = String::from("<h1>Document index</h1>\n");
    let _ = writeln!(
        main,
        "<p>Every chapter of the manual with its category, status and latest amendment, as published on {}. Also as <a href=\"document-index.csv\">a spreadsheet (CSV)</a>.</p>",
        html(&long_date(ctx.date))
    );
    main.push_str("<div class=\"table-wrap\" role=\"region\" aria-label=\"Document index table\" tabindex=\"0\">\n<table>\n<caption>Documents in this manual</caption>\n<thead><tr><th scope=\"col\">Number</th><th scope=\"col\">Title</th><th scope=\"col\">Category</th><th scope=\"col\">Status</th><th scope=\"col\">Latest amendment</th><th scope=\"col\">Source</th></tr></thead>\n<tbody>\n");
    for row in index_rows(site) {
        let _ = writeln!(
            main,
            "<tr><td>{}</td><td><a href=\"{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            html(&row.number),
            row.href,
            html(if row.title.is_empty() {
                "(untitled)"
            } else {
                &row.title
            }),
            html(&row.category),
            row.badge,
            html(&row.amended),
            html(&row.source)
        );
    }
    main.push_str("</tbody>\n</table>\n</div>\n");
    page(
        ctx,
        "",
        "document-index.html",
        "Document index",
        "",
        &main,
        "",
    )
}

/// `document-index.csv`: RFC 4180, UTF-8 with a byte order mark so that
/// spreadsheets read the encoding right, CRLF line ends.
pub fn document_index_csv(site: &Site, ctx: &PageContext) -> String {
    let mut out = String::from(
        "\u{feff}Number,Title,Category,Status,Latest amendment,Source,Page,Published\r\n",
    );
    for row in index_rows(site) {
        let fields = [
            row.number,
            row.title,
            row.category,
            row.badge.to_string(),
            row.amended,
            row.source,
            row.href,
            ctx.date.to_string(),
        ];
        out.push_str(
            &fields
                .iter()
                .map(|f| csv_field(f))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push_str("\r\n");
    }
    out
}
