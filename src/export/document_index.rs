//! `document-index.html` and `document-index.csv`: every chapter with its
//! category, status, version and latest amendment, then the documents
//! chapters link, as a Freedom of Information answer needs.

use super::escape::push_csv_field;
use super::layout::{Page, PageContext, entry_href, long_date};
use super::markup::Markup;
use super::site::Site;

/// One row of the document index.
struct IndexRow {
    number: String,
    title: String,
    category: String,
    badge: &'static str,
    /// How many updates added or amended the chapter.
    version: usize,
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
                number: item
                    .number
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
                title: item.entry.title.clone(),
                category: item
                    .ancestors
                    .iter()
                    .map(|&a| site.entries[a].label())
                    .collect::<Vec<_>>()
                    .join(" > "),
                badge: item.badge.label().unwrap_or(""),
                version: chapter.map_or(0, |c| {
                    let mut updates: Vec<&str> = c
                        .amendments
                        .iter()
                        .filter(|a| !a.draft)
                        .map(|a| a.update.as_str())
                        .collect();
                    updates.extend(c.added_in.as_deref());
                    updates.sort_unstable();
                    updates.dedup();
                    updates.len()
                }),
                amended: chapter
                    .and_then(|c| {
                        c.amendments
                            .iter()
                            .filter(|a| !a.draft)
                            .map(|a| a.date.as_str())
                            .max()
                    })
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
    let page = Page {
        root: "",
        path: "document-index.html",
        title: "Document index",
        scripts: &[],
        description: "",
    };
    let main = |m: &mut Markup| {
        m.text_el("h1", &[], "Document index");
        m.el("p", &[], |m| {
            m.text(&format!(
                "Every chapter of the manual with its category, status, version (how many \
                 updates have added or amended it) and latest amendment, as published on {}. \
                 Also as ",
                long_date(ctx.date)
            ));
            m.text_el(
                "a",
                &[("href", "document-index.csv")],
                "a spreadsheet (CSV)",
            );
            m.text(".");
        });
        let wrap = [
            ("class", "table-wrap"),
            ("role", "region"),
            ("aria-label", "Document index table"),
            ("tabindex", "0"),
        ];
        m.el("div", &wrap, |m| {
            m.el("table", &[], |m| {
                m.text_el("caption", &[], "Documents in this manual");
                m.el("thead", &[], |m| {
                    m.el("tr", &[], |m| {
                        for name in [
                            "Number",
                            "Title",
                            "Category",
                            "Status",
                            "Version",
                            "Latest amendment",
                            "Source",
                        ] {
                            m.text_el("th", &[("scope", "col")], name);
                        }
                    })
                });
                m.el("tbody", &[], |m| {
                    for row in index_rows(site) {
                        m.el("tr", &[], |m| {
                            m.text_el("td", &[], &row.number);
                            m.el("td", &[], |m| {
                                let title = if row.title.is_empty() {
                                    "(untitled)"
                                } else {
                                    &row.title
                                };
                                m.text_el("a", &[("href", &row.href)], title);
                            });
                            m.text_el("td", &[], &row.category);
                            m.text_el("td", &[], row.badge);
                            m.text_el("td", &[], &row.version.to_string());
                            m.text_el("td", &[], &row.amended);
                            m.text_el("td", &[], &row.source);
                        });
                    }
                });
            });
        });
        linked_documents_ui(m, site, ctx);
    };
    page.render(ctx, |_| {}, main, |_| {})
}

/// The forms and protocols chapters link, each with the chapter linking
/// it and its type: an FOI "full index of documents" includes them.
fn linked_documents_ui(m: &mut Markup, site: &Site, ctx: &PageContext) {
    let rows = linked_document_rows(site, ctx);
    if rows.is_empty() {
        return;
    }
    m.text_el("h2", &[], "Linked documents");
    let wrap = [
        ("class", "table-wrap"),
        ("role", "region"),
        ("aria-label", "Linked documents table"),
        ("tabindex", "0"),
    ];
    m.el("div", &wrap, |m| {
        m.el("table", &[], |m| {
            m.text_el("caption", &[], "Documents linked from chapters");
            m.el("thead", &[], |m| {
                m.el("tr", &[], |m| {
                    for name in ["Document", "Type", "Linked from"] {
                        m.text_el("th", &[("scope", "col")], name);
                    }
                })
            });
            m.el("tbody", &[], |m| {
                for row in &rows {
                    m.el("tr", &[], |m| {
                        m.el("td", &[], |m| {
                            m.text_el("a", &[("href", &row.href)], &row.title)
                        });
                        m.text_el("td", &[], &row.kind);
                        m.el("td", &[], |m| {
                            m.text_el("a", &[("href", &row.chapter_href)], &row.chapter)
                        });
                    });
                }
            });
        });
    });
}

struct DocumentRow {
    title: String,
    href: String,
    kind: String,
    chapter: String,
    chapter_number: String,
    chapter_href: String,
}

fn linked_document_rows(site: &Site, ctx: &PageContext) -> Vec<DocumentRow> {
    let mut rows = Vec::new();
    for (path, links) in &ctx.files.documents {
        let Some(file) = ctx.files.get(path) else {
            continue;
        };
        let kind = file
            .name
            .rsplit_once('.')
            .map_or_else(|| "File".to_string(), |(_, ext)| ext.to_ascii_uppercase());
        for (id, link) in links {
            let Some(index) = site.find(id) else { continue };
            rows.push(DocumentRow {
                title: if link.text.is_empty() {
                    file.name.clone()
                } else {
                    link.text.clone()
                },
                href: format!("files/{}", file.name),
                kind: kind.clone(),
                chapter: site.entries[index].label().to_string(),
                chapter_number: site.entries[index]
                    .number
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
                chapter_href: entry_href(site, index, ""),
            });
        }
    }
    rows
}

/// One CSV record (RFC 4180), CRLF-terminated.
fn push_csv_row(out: &mut String, fields: &[&str]) {
    for (n, field) in fields.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        push_csv_field(out, field);
    }
    out.push_str("\r\n");
}

/// `document-index.csv`: RFC 4180, UTF-8 with a byte order mark so that
/// spreadsheets read the encoding right, CRLF line ends.
pub fn document_index_csv(site: &Site, ctx: &PageContext) -> String {
    let mut out = String::from(
        "\u{feff}Number,Title,Category,Status,Version,Latest amendment,Source,Page,Published\r\n",
    );
    for row in index_rows(site) {
        let version = row.version.to_string();
        let fields = [
            row.number.as_str(),
            &row.title,
            &row.category,
            row.badge,
            &version,
            &row.amended,
            &row.source,
            &row.href,
            ctx.date,
        ];
        push_csv_row(&mut out, &fields);
    }
    for row in linked_document_rows(site, ctx) {
        let category = format!("Linked document ({}) in {}", row.kind, row.chapter);
        let fields = [
            row.chapter_number.as_str(),
            &row.title,
            &category,
            "",
            "",
            "",
            "",
            &row.href,
            ctx.date,
        ];
        push_csv_row(&mut out, &fields);
    }
    out
}
