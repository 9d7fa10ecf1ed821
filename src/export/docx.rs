//! Consultation copies as Word documents (`export-docx`): a cover (the
//! manual, the update, the date, "Consultation draft"), then each chosen
//! chapter in manual order under its number and title, with its scope,
//! body (headings, bold and italics, lists with their nesting, tables,
//! links) and see-also. Each chapter's heading carries a bookmark, and the
//! document's custom properties say which chapter each bookmark is, so a
//! copy that comes back with comments can be matched to the manual.
//!
//! Written with `docx-rs` (it writes the WordprocessingML parts, styles,
//! numbering and custom properties; LibreOffice and Word open the result).

use std::collections::{HashMap, HashSet};

use docx_rs::{
    AbstractNumbering, BreakType, Docx, Hyperlink, HyperlinkType, IndentLevel, Level, LevelJc,
    LevelOverride, LevelText, NumberFormat, Numbering, NumberingId, Paragraph, Run, RunFonts,
    SpecialIndentType, Start, Style, StyleType, Table, TableCell, TableRow,
};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

pub use super::word_pictures::PictureBytes;
use super::word_pictures::{self, Placed};
use crate::model::{ENTRY_SCHEME, EntryId, Manual, SeeAlso};

/// Why no document was made.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    #[error("no chapters were chosen: name chapters or sections of the manual")]
    NothingChosen,
    #[error("'{0}' is not an entry of the manual")]
    UnknownEntry(EntryId),
    #[error("cannot write the document: {0}")]
    Write(String),
}

/// The custom property that names the chapter under bookmark `name`.
pub const PROPERTY_PREFIX: &str = "manual-editor chapter ";

/// Bullets and numbers, each with three levels of nesting.
const BULLETS: usize = 11;
const NUMBERS: usize = 12;
/// The numbering id of the copy's first numbered list; each has its own.
const FIRST_LIST: usize = 100;

/// The consultation copy of the chapters `chosen` (a section brings its
/// chapters; none: the whole manual), dated `date` (`YYYY-MM-DD`), its
/// pictures described in words.
pub fn consultation_docx(
    manual: &Manual,
    chosen: &[EntryId],
    date: &str,
) -> Result<Vec<u8>, DocxError> {
    consultation_docx_with(manual, chosen, date, &|_| None)
}

/// [`consultation_docx`] with the body's pictures in it, their bytes found
/// by `pictures` from their links (those it does not find are described in
/// words).
pub fn consultation_docx_with(
    manual: &Manual,
    chosen: &[EntryId],
    date: &str,
    pictures: PictureBytes,
) -> Result<Vec<u8>, DocxError> {
    let chapters = chapters_of(manual, chosen)?;
    if chapters.is_empty() {
        return Err(DocxError::NothingChosen);
    }
    // Each chapter's bookmark, so links between chapters in the copy work.
    let bookmarks: HashMap<EntryId, String> = chapters
        .iter()
        .enumerate()
        .map(|(n, (id, _))| (id.clone(), format!("ME_chapter_{}", n + 1)))
        .collect();
    let labels: HashMap<EntryId, String> = {
        let mut labels = HashMap::new();
        manual.walk(|_, entry, number| {
            labels.insert(entry.id.clone(), crate::model::label(number, &entry.title));
        });
        labels
    };
    let mut docx = styled(Docx::new());
    let mut placed: Vec<Placed> = Vec::new();
    let mut next_list = FIRST_LIST;
    // The cover.
    docx = docx
        .add_paragraph(
            Paragraph::new()
                .style("Title")
                .add_run(Run::new().add_text(&manual.title)),
        )
        .add_paragraph(
            Paragraph::new().add_run(Run::new().add_text("Consultation draft").bold().size(36)),
        );
    if let Some(update) = manual.current_update() {
        docx = docx.add_paragraph(
            Paragraph::new().add_run(Run::new().add_text(format!("Update: {}", update.label))),
        );
    }
    docx = docx
        .add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text(format!("Date: {}", super::layout::long_date(date)))),
        )
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text(format!(
            "{}. Comments and tracked changes are welcome in this document; \
             please keep each chapter under its heading.",
            crate::model::counted(chapters.len(), "chapter", "chapters")
        ))))
        .custom_property("manual-editor manual", manual.title.clone());
    for (bookmark_id, (id, entry)) in chapters.iter().enumerate() {
        let name = &bookmarks[id];
        let label = labels
            .get(id)
            .cloned()
            .unwrap_or_else(|| entry.title.clone());
        docx = docx
            .add_paragraph(
                Paragraph::new()
                    .style("Heading1")
                    .page_break_before(true)
                    .add_bookmark_start(bookmark_id, name.clone())
                    .add_run(Run::new().add_text(&label))
                    .add_bookmark_end(bookmark_id),
            )
            .custom_property(format!("{PROPERTY_PREFIX}{name}"), id.as_str());
        let Some(chapter) = entry.chapter_details() else {
            continue;
        };
        if !chapter.scope.trim().is_empty() {
            docx = docx.add_paragraph(
                Paragraph::new()
                    .add_run(Run::new().add_text("Scope: ").bold())
                    .add_run(Run::new().add_text(chapter.scope.trim())),
            );
        }
        let mut body = Body::new(&labels, &bookmarks, pictures, next_list);
        body.read(&chapter.body);
        placed.append(&mut body.placed);
        next_list = body.next_list;
        // Each numbered list is a Word list of its own, counted from its
        // own first number (one list for all would number on and on).
        for (id, level, start) in body.numbered {
            docx = docx.add_numbering(
                Numbering::new(id, NUMBERS).add_override(LevelOverride::new(level).start(start)),
            );
        }
        for block in body.blocks {
            docx = match block {
                Block::Paragraph(p) => docx.add_paragraph(*p),
                Block::Table(t) => docx.add_table(*t),
            };
        }
        if !entry.see_also.is_empty() {
            docx = docx.add_paragraph(
                Paragraph::new()
                    .style("Heading2")
                    .add_run(Run::new().add_text("See also")),
            );
            for item in &entry.see_also {
                let p = Paragraph::new().numbering(NumberingId::new(BULLETS), IndentLevel::new(0));
                docx =
                    docx.add_paragraph(match item {
                        SeeAlso::Internal { target } => match bookmarks.get(target) {
                            Some(mark) => p.add_hyperlink(
                                Hyperlink::new(mark.clone(), HyperlinkType::Anchor)
                                    .add_run(link_run(&labels[target])),
                            ),
                            None => p.add_run(Run::new().add_text(
                                labels.get(target).map_or(target.as_str(), String::as_str),
                            )),
                        },
                        SeeAlso::External { title, url, .. } => match url {
                            Some(url) if crate::model::is_allowed_url(url) => p.add_hyperlink(
                                Hyperlink::new(url.clone(), HyperlinkType::External)
                                    .add_run(link_run(title)),
                            ),
                            _ => p.add_run(Run::new().add_text(title)),
                        },
                    });
            }
        }
    }
    let mut bytes = std::io::Cursor::new(Vec::new());
    docx.build()
        .pack(&mut bytes)
        .map_err(|e| DocxError::Write(e.to_string()))?;
    word_pictures::describe(bytes.into_inner(), &placed).map_err(DocxError::Write)
}

/// The chapters of `chosen` in manual order (a section brings its
/// chapters), or every chapter when nothing is chosen.
fn chapters_of(
    manual: &Manual,
    chosen: &[EntryId],
) -> Result<Vec<(EntryId, crate::model::Entry)>, DocxError> {
    for id in chosen {
        if manual.find(id).is_none() {
            return Err(DocxError::UnknownEntry(id.clone()));
        }
    }
    let wanted: HashSet<&EntryId> = chosen.iter().collect();
    let mut open: Vec<&EntryId> = Vec::new();
    let mut out = Vec::new();
    manual.walk(|path, entry, _| {
        open.truncate(path.len() - 1);
        let included = wanted.is_empty()
            || wanted.contains(&entry.id)
            || open.iter().any(|a| wanted.contains(a));
        if included && entry.chapter_details().is_some() {
            out.push((entry.id.clone(), entry.clone_head()));
        }
        open.push(&entry.id);
    });
    Ok(out)
}

/// The document's styles: a title, three heading levels (named as Word's
/// own, so its navigation pane and LibreOffice's outline list them), and
/// the list numbering.
fn styled(docx: Docx) -> Docx {
    let heading = |id: &str, name: &str, size: usize, level: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .size(size)
            .bold()
            .outline_lvl(level)
    };
    let levels = |format: &str, texts: [&str; 3]| {
        let mut numbering =
            AbstractNumbering::new(if format == "bullet" { BULLETS } else { NUMBERS });
        for (level, text) in texts.iter().enumerate() {
            let indent = 720 * (level as i32 + 1);
            numbering = numbering.add_level(
                Level::new(
                    level,
                    Start::new(1),
                    NumberFormat::new(format),
                    LevelText::new(*text),
                    LevelJc::new("left"),
                )
                .indent(
                    Some(indent),
                    Some(SpecialIndentType::Hanging(360)),
                    None,
                    None,
                ),
            );
        }
        numbering
    };
    // Arial 11 pt with room after each paragraph, as council documents
    // are usually set.
    docx.default_fonts(
        RunFonts::new()
            .ascii("Arial")
            .hi_ansi("Arial")
            .cs("Arial")
            .east_asia("Arial"),
    )
    .default_size(22)
    .default_line_spacing(docx_rs::LineSpacing::new().after(120))
    .add_style(
        Style::new("Title", StyleType::Paragraph)
            .name("Title")
            .based_on("Normal")
            .size(56)
            .bold(),
    )
    .add_style(heading("Heading1", "heading 1", 36, 0))
    .add_style(heading("Heading2", "heading 2", 30, 1))
    .add_style(heading("Heading3", "heading 3", 26, 2))
    .add_abstract_numbering(levels("bullet", ["•", "◦", "▪"]))
    .add_numbering(Numbering::new(BULLETS, BULLETS))
    .add_abstract_numbering(levels("decimal", ["%1.", "%2.", "%3."]))
    .add_numbering(Numbering::new(NUMBERS, NUMBERS))
}

fn link_run(text: &str) -> Run {
    Run::new()
        .add_text(text)
        .color("1D3F8F")
        .underline("single")
}

/// A body's blocks, in order.
enum Block {
    Paragraph(Box<Paragraph>),
    Table(Box<Table>),
}

/// Reads a chapter's Markdown into Word blocks.
struct Body<'a> {
    labels: &'a HashMap<EntryId, String>,
    bookmarks: &'a HashMap<EntryId, String>,
    blocks: Vec<Block>,
    paragraph: Option<Paragraph>,
    bold: usize,
    italic: usize,
    code: bool,
    /// The link being read: its target (`None`: not in a link).
    link: Option<String>,
    link_text: String,
    /// Each open list: numbered or not, and its Word numbering id.
    lists: Vec<(bool, usize)>,
    /// The numbering id the next numbered list takes.
    next_list: usize,
    /// The numbered lists read: numbering id, level and first number.
    numbered: Vec<(usize, usize, usize)>,
    table: Option<Vec<Vec<String>>>,
    cell: Option<String>,
    pictures: PictureBytes<'a>,
    /// The picture being read: its link and its description so far.
    image: Option<(String, String)>,
    /// The pictures put in, in order.
    placed: Vec<Placed>,
}

impl<'a> Body<'a> {
    fn new(
        labels: &'a HashMap<EntryId, String>,
        bookmarks: &'a HashMap<EntryId, String>,
        pictures: PictureBytes<'a>,
        next_list: usize,
    ) -> Self {
        Body {
            next_list,
            numbered: Vec::new(),
            labels,
            bookmarks,
            blocks: Vec::new(),
            paragraph: None,
            bold: 0,
            italic: 0,
            code: false,
            link: None,
            link_text: String::new(),
            lists: Vec::new(),
            table: None,
            cell: None,
            pictures,
            image: None,
            placed: Vec::new(),
        }
    }

    /// The picture just read: in the copy when its file is found, else
    /// its description in words.
    fn end_image(&mut self) {
        let Some((link, alt)) = self.image.take() else {
            return;
        };
        let picture = (self.cell.is_none() && self.link.is_none())
            .then(|| word_pictures::picture(&link, self.pictures))
            .flatten();
        match picture {
            Some(pic) => {
                if self.paragraph.is_none() {
                    self.start_paragraph(None);
                }
                self.paragraph = self
                    .paragraph
                    .take()
                    .map(|p| p.add_run(Run::new().add_image(pic)));
                self.placed.push(Placed { link, alt });
            }
            None => self.text(&format!("[Picture: {alt}]")),
        }
    }

    fn start_paragraph(&mut self, style: Option<&str>) {
        self.end_paragraph();
        let mut p = Paragraph::new();
        if let Some(style) = style {
            p = p.style(style);
        }
        if let Some(&(_, id)) = self.lists.last() {
            let level = (self.lists.len() - 1).min(2);
            p = p.numbering(NumberingId::new(id), IndentLevel::new(level));
        }
        self.paragraph = Some(p);
    }

    fn end_paragraph(&mut self) {
        if let Some(p) = self.paragraph.take() {
            self.blocks.push(Block::Paragraph(Box::new(p)));
        }
    }

    fn run(&self, text: &str) -> Run {
        let mut run = Run::new().add_text(text);
        if self.bold > 0 {
            run = run.bold();
        }
        if self.italic > 0 {
            run = run.italic();
        }
        if self.code {
            run = run.fonts(RunFonts::new().ascii("Courier New").hi_ansi("Courier New"));
        }
        run
    }

    fn text(&mut self, text: &str) {
        if let Some((_, alt)) = &mut self.image {
            alt.push_str(text);
            return;
        }
        if let Some(cell) = &mut self.cell {
            cell.push_str(text);
            return;
        }
        if self.link.is_some() {
            self.link_text.push_str(text);
            return;
        }
        if self.paragraph.is_none() {
            self.start_paragraph(None);
        }
        let run = self.run(text);
        self.paragraph = self.paragraph.take().map(|p| p.add_run(run));
    }

    fn end_link(&mut self) {
        let Some(target) = self.link.take() else {
            return;
        };
        let words = std::mem::take(&mut self.link_text);
        if self.paragraph.is_none() {
            self.start_paragraph(None);
        }
        let Some(p) = self.paragraph.take() else {
            return;
        };
        let p = match target.strip_prefix(ENTRY_SCHEME).map(EntryId::new) {
            Some(id) => {
                let label = self
                    .labels
                    .get(&id)
                    .cloned()
                    .unwrap_or_else(|| id.to_string());
                let words = if words.trim().is_empty() {
                    label.clone()
                } else {
                    words
                };
                match self.bookmarks.get(&id) {
                    Some(mark) => p.add_hyperlink(
                        Hyperlink::new(mark.clone(), HyperlinkType::Anchor)
                            .add_run(link_run(&words)),
                    ),
                    // Not in this copy: the words, and which chapter.
                    None if words == label => p.add_run(self.run(&words)),
                    None => p.add_run(self.run(&format!("{words} ({label})"))),
                }
            }
            None if crate::model::is_allowed_url(&target) => p.add_hyperlink(
                Hyperlink::new(target.clone(), HyperlinkType::External).add_run(link_run(&words)),
            ),
            None => p.add_run(self.run(&words)),
        };
        self.paragraph = Some(p);
    }

    fn read(&mut self, markdown: &str) {
        let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
        for event in Parser::new_ext(markdown, options) {
            match event {
                Event::Start(Tag::Heading { level, .. }) => {
                    let style = match level {
                        HeadingLevel::H1 | HeadingLevel::H2 => "Heading2",
                        _ => "Heading3",
                    };
                    self.start_paragraph(Some(style));
                }
                Event::Start(Tag::Paragraph) => {
                    // A list item's first paragraph is the item's own.
                    let in_item = self
                        .paragraph
                        .as_ref()
                        .is_some_and(|_| !self.lists.is_empty());
                    if !in_item && self.cell.is_none() {
                        self.start_paragraph(None);
                    }
                }
                Event::End(TagEnd::Paragraph | TagEnd::Heading(_)) if self.cell.is_none() => {
                    self.end_paragraph();
                }
                Event::Start(Tag::List(first)) => {
                    self.end_paragraph();
                    match first {
                        Some(start) => {
                            let id = self.next_list;
                            self.next_list += 1;
                            let level = self.lists.len().min(2);
                            let start = usize::try_from(start).unwrap_or(1);
                            self.numbered.push((id, level, start));
                            self.lists.push((true, id));
                        }
                        None => self.lists.push((false, BULLETS)),
                    }
                }
                Event::End(TagEnd::List(_)) => {
                    self.end_paragraph();
                    self.lists.pop();
                }
                Event::Start(Tag::Item) => self.start_paragraph(None),
                Event::End(TagEnd::Item) => self.end_paragraph(),
                Event::Start(Tag::Strong) => self.bold += 1,
                Event::End(TagEnd::Strong) => self.bold = self.bold.saturating_sub(1),
                Event::Start(Tag::Emphasis) => self.italic += 1,
                Event::End(TagEnd::Emphasis) => self.italic = self.italic.saturating_sub(1),
                Event::Start(Tag::Link { dest_url, .. }) => {
                    self.link = Some(dest_url.to_string());
                    self.link_text.clear();
                }
                Event::End(TagEnd::Link) => self.end_link(),
                Event::Start(Tag::Image { dest_url, .. }) => {
                    self.image = Some((dest_url.to_string(), String::new()));
                }
                Event::End(TagEnd::Image) => self.end_image(),
                Event::Code(code) => {
                    self.code = true;
                    self.text(&code);
                    self.code = false;
                }
                Event::Text(text) => self.text(&text),
                Event::SoftBreak => self.text(" "),
                Event::HardBreak => {
                    if self.paragraph.is_none() {
                        self.start_paragraph(None);
                    }
                    self.paragraph = self
                        .paragraph
                        .take()
                        .map(|p| p.add_run(Run::new().add_break(BreakType::TextWrapping)));
                }
                Event::Start(Tag::Table(_)) => {
                    self.end_paragraph();
                    self.table = Some(Vec::new());
                }
                Event::Start(Tag::TableHead | Tag::TableRow) => {
                    if let Some(table) = &mut self.table {
                        table.push(Vec::new());
                    }
                }
                Event::Start(Tag::TableCell) => self.cell = Some(String::new()),
                Event::End(TagEnd::TableCell) => {
                    if let (Some(cell), Some(table)) = (self.cell.take(), &mut self.table)
                        && let Some(row) = table.last_mut()
                    {
                        row.push(cell);
                    }
                }
                Event::End(TagEnd::Table) => {
                    if let Some(rows) = self.table.take() {
                        self.blocks.push(Block::Table(Box::new(table_of(rows))));
                    }
                }
                Event::Html(html) | Event::InlineHtml(html) => self.text(&html),
                _ => {}
            }
        }
        self.end_paragraph();
    }
}

/// A Word table of the rows, the first (the header row) in bold.
fn table_of(rows: Vec<Vec<String>>) -> Table {
    let rows = rows
        .into_iter()
        .enumerate()
        .map(|(n, cells)| {
            TableRow::new(
                cells
                    .into_iter()
                    .map(|text| {
                        let run = Run::new().add_text(text);
                        let run = if n == 0 { run.bold() } else { run };
                        TableCell::new().add_paragraph(Paragraph::new().add_run(run))
                    })
                    .collect(),
            )
        })
        .collect();
    Table::new(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every paragraph's text in a document read back, in order.
    pub(crate) fn paragraphs(bytes: &[u8]) -> Vec<String> {
        let docx = docx_rs::read_docx(bytes).unwrap();
        let json: serde_json::Value = serde_json::from_str(&docx.json()).unwrap();
        let mut out = Vec::new();
        collect(&json["document"]["children"], &mut out);
        out
    }

    fn collect(value: &serde_json::Value, out: &mut Vec<String>) {
        let Some(children) = value.as_array() else {
            return;
        };
        for child in children {
            match child["type"].as_str() {
                Some("paragraph") => {
                    let mut text = String::new();
                    texts(&child["data"], &mut text);
                    out.push(text);
                }
                Some("table") => texts(&child["data"], &mut String::new()),
                _ => {}
            }
        }
    }

    fn texts(value: &serde_json::Value, text: &mut String) {
        match value {
            serde_json::Value::Object(map) => {
                if map.get("type").and_then(|t| t.as_str()) == Some("text")
                    && let Some(t) = map.get("data").and_then(|d| d["text"].as_str())
                {
                    text.push_str(t);
                }
                for v in map.values() {
                    texts(v, text);
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| texts(v, text)),
            _ => {}
        }
    }

    fn sample() -> Manual {
        let mut manual = crate::store::format::stockport_sample();
        let chapter = manual.chapter_mut(&EntryId::new("young-carers-2")).unwrap();
        chapter.body = "## Who are young carers\n\nA **young carer** is *under 18*. See \
                        [the policy](entry:supervision-policy) and [GOV.UK](https://www.gov.uk/).\n\n\
                        - first\n- second\n  1. nested\n\n| Age | Duty |\n| --- | --- |\n| 16 | Assess |\n"
            .into();
        manual
    }

    #[test]
    fn a_consultation_copy_holds_the_cover_and_each_chapter_in_order() {
        let manual = sample();
        let bytes = consultation_docx(
            &manual,
            &[
                EntryId::new("young-carers-2"),
                EntryId::new("supervision-policy"),
            ],
            "2026-12-02",
        )
        .unwrap();
        let text = paragraphs(&bytes);
        assert_eq!(text[0], manual.title);
        assert_eq!(text[1], "Consultation draft");
        assert!(
            text.iter().any(|t| t == "Date: 2 December 2026"),
            "{text:?}"
        );
        // Manual order: Supervision Policy (1.1.4) before Young Carers.
        let supervision = text
            .iter()
            .position(|t| t.ends_with("Supervision Policy"))
            .unwrap();
        let carers = text
            .iter()
            .position(|t| t.ends_with("Young Carers"))
            .unwrap();
        assert!(supervision < carers, "{text:?}");
        assert!(
            text.contains(&"Who are young carers".to_string()),
            "{text:?}"
        );
        assert!(
            text.iter()
                .any(|t| t == "A young carer is under 18. See the policy and GOV.UK."),
            "{text:?}"
        );
        assert!(text.contains(&"nested".to_string()), "{text:?}");
        // The bookmarks and the properties that name their chapters.
        let docx = docx_rs::read_docx(&bytes).unwrap();
        let json = docx.json();
        assert!(
            json.contains("ME_chapter_1") && json.contains("ME_chapter_2"),
            "bookmarks"
        );
    }

    #[test]
    fn nothing_chosen_that_is_a_chapter_is_refused() {
        let manual = sample();
        assert!(matches!(
            consultation_docx(&manual, &[EntryId::new("no-such")], "2026-12-02"),
            Err(DocxError::UnknownEntry(_))
        ));
    }
}
