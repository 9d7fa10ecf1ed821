//! A consultation copy that came back (`import-response`, File > Import
//! consultation response…): each chapter found by the mark the copy put on
//! its heading (a bookmark, named in the document's custom properties, which
//! Word and LibreOffice keep), its scope and text read as the copy wrote
//! them, and the reviewers' comments on its paragraphs.

use scraper::Html;

use super::chapter_page::read_page;
use super::docx::WordDocument;
use crate::export::docx::PROPERTY_PREFIX;
use crate::model::EntryId;

/// A reviewer's comment on a chapter.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ChapterComment {
    pub author: String,
    /// When it was made (`YYYY-MM-DD`, or empty).
    pub date: String,
    pub text: String,
    /// The words of the paragraph it is on.
    pub paragraph: String,
}

/// One chapter of the returned copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnedChapter {
    pub id: EntryId,
    /// Its heading in the copy ("4.8.1 Young Carers").
    pub heading: String,
    pub scope: String,
    pub body: String,
    pub comments: Vec<ChapterComment>,
}

/// The chapters of `document`, in the copy's order.
pub fn chapters_of(document: &WordDocument) -> Result<Vec<ReturnedChapter>, String> {
    let marks: std::collections::HashMap<&str, EntryId> = document
        .properties
        .iter()
        .filter_map(|(name, id)| {
            let mark = name.strip_prefix(PROPERTY_PREFIX)?;
            Some((mark, EntryId::new(id.as_str())))
        })
        .collect();
    if marks.is_empty() {
        return Err(
            "this document carries no chapter marks, so its chapters cannot be matched: \
             send chapters out with File > Export for consultation… (or `manual-editor \
             export-docx`) and import the copy that comes back"
                .into(),
        );
    }
    let mut out = Vec::new();
    for piece in document.html.split("<!--chapter:").skip(1) {
        let Some((mark, html)) = piece.split_once("-->") else {
            continue;
        };
        let Some(id) = marks.get(mark) else {
            continue;
        };
        let mut lines = html.trim_start().lines();
        let heading = lines.next().map(plain).unwrap_or_default();
        let mut rest: Vec<&str> = lines.collect();
        // The see-also list is the manual's, not the text's.
        if let Some(at) = rest.iter().position(|l| *l == "<h2>See also</h2>") {
            rest.truncate(at);
        }
        let mut scope = String::new();
        if let Some(first) = rest.first().filter(|l| l.starts_with("<p>"))
            && let Some(words) = plain(first).strip_prefix("Scope: ")
        {
            scope = words.to_string();
            rest.remove(0);
        }
        let page = read_page(&format!("<h1>-</h1>\n{}", rest.join("\n")));
        let mut body = page.body;
        for (part, origin) in &document.origins {
            body = body.replace(
                &format!("]({}{part})", super::chapter_page::PAGE_PICTURE),
                &format!("]({origin})"),
            );
        }
        for (other_mark, other) in &marks {
            body = body.replace(&format!("](#{other_mark})"), &format!("](entry:{other})"));
        }
        let comments = document
            .comments
            .iter()
            .filter(|(place, _)| place.bookmark.as_deref() == Some(mark))
            .map(|(place, comment)| ChapterComment {
                author: comment.author.clone(),
                date: comment.date.get(..10).unwrap_or_default().to_string(),
                text: comment.text.clone(),
                paragraph: place.paragraph.clone(),
            })
            .collect();
        out.push(ReturnedChapter {
            id: id.clone(),
            heading,
            scope,
            body,
            comments,
        });
    }
    if out.is_empty() {
        return Err(format!(
            "the document names {} but none of their headings carries its mark any more \
             (were the chapter headings retyped or pasted?): its changes cannot be matched",
            crate::model::counted(marks.len(), "chapter", "chapters")
        ));
    }
    Ok(out)
}

/// An HTML fragment's words.
fn plain(html: &str) -> String {
    let fragment = Html::parse_fragment(html);
    super::lines::clean_spaces(&fragment.root_element().text().collect::<String>())
}
