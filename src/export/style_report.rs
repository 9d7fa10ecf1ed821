//! The plain English report for a manual's owner (`check --style
//! --report FILE.html`): one self-contained page, no scripts.

use super::escape::html;
use crate::model::style::{ChapterStyle, StyleField, reading_age_bands};

/// The owner's page: chapters by reading age, then by findings, each
/// finding with its rule, line and sentence. Self-contained, no scripts.
pub fn report_page(title: &str, chapters: &[ChapterStyle]) -> String {
    let mut page = String::with_capacity(64 * 1024);
    page.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Plain English report – {}</title>\n<style>\n\
         body {{ font-family: system-ui, sans-serif; max-width: 60rem; margin: 1rem auto; padding: 0 1rem; line-height: 1.5; color: #1b1b1b; }}\n\
         table {{ border-collapse: collapse; }} th, td {{ border: 1px solid #888; padding: 0.2rem 0.5rem; text-align: left; vertical-align: top; }}\n\
         blockquote {{ margin: 0.2rem 0 0.8rem 1rem; color: #333; }}\n</style>\n</head>\n<body>\n<main>\n",
        html(title)
    ));
    let findings: usize = chapters.iter().map(|c| c.findings.len()).sum();
    let with = chapters.iter().filter(|c| !c.findings.is_empty()).count();
    page.push_str(&format!(
        "<h1>Plain English report: {}</h1>\n<p>{} in {} of {}. These are advice: each says what a reader may find hard and how to make it plain.</p>\n",
        html(title),
        crate::model::counted(findings, "finding", "findings"),
        crate::model::counted(with, "chapter", "chapters"),
        chapters.len()
    ));
    page.push_str("<h2>Reading ages</h2>\n<table>\n<caption>Chapters by reading age band</caption>\n<thead><tr><th scope=\"col\">Reading age</th><th scope=\"col\">Chapters</th></tr></thead>\n<tbody>\n");
    for (band, n) in reading_age_bands(chapters) {
        page.push_str(&format!("<tr><td>{band}</td><td>{n}</td></tr>\n"));
    }
    page.push_str("</tbody>\n</table>\n");
    let mut by_age: Vec<&ChapterStyle> = chapters
        .iter()
        .filter(|c| c.reading_age.is_some())
        .collect();
    by_age.sort_by(|a, b| {
        b.reading_age
            .partial_cmp(&a.reading_age)
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    page.push_str("<h2>Chapters by reading age, hardest first</h2>\n<table>\n<thead><tr><th scope=\"col\">Chapter</th><th scope=\"col\">Reading age</th><th scope=\"col\">Words</th><th scope=\"col\">Findings</th></tr></thead>\n<tbody>\n");
    for chapter in &by_age {
        page.push_str(&format!(
            "<tr><td><a href=\"#c-{}\">{}</a></td><td>{:.0}</td><td>{}</td><td>{}</td></tr>\n",
            html(chapter.entry.as_str()),
            html(&chapter.place),
            // Whole years, as the bands count them (13.6 is 13).
            chapter.reading_age.unwrap_or_default().floor(),
            chapter.words,
            chapter.findings.len()
        ));
    }
    page.push_str("</tbody>\n</table>\n");
    let mut by_findings: Vec<&ChapterStyle> =
        chapters.iter().filter(|c| !c.findings.is_empty()).collect();
    by_findings.sort_by_key(|c| std::cmp::Reverse(c.findings.len()));
    page.push_str("<h2>Chapters by findings, most first</h2>\n");
    if by_findings.is_empty() {
        page.push_str("<p>No findings.</p>\n");
    }
    for chapter in by_findings {
        page.push_str(&format!(
            "<section aria-labelledby=\"c-{id}\">\n<h3 id=\"c-{id}\">{} ({})</h3>\n<ul>\n",
            html(&chapter.place),
            crate::model::counted(chapter.findings.len(), "finding", "findings"),
            id = html(chapter.entry.as_str())
        ));
        for (field, finding) in &chapter.findings {
            let field = match field {
                StyleField::Scope => "Scope",
                StyleField::Body => "Text",
            };
            page.push_str(&format!(
                "<li><strong>{}</strong> ({field}, line {}): {}\n<blockquote>{}</blockquote></li>\n",
                html(finding.rule.label()),
                finding.line,
                html(&finding.message),
                html(&finding.context)
            ));
        }
        page.push_str("</ul>\n</section>\n");
    }
    page.push_str("</main>\n</body>\n</html>\n");
    page
}
