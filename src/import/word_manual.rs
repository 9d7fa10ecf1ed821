//! A whole manual from one long Word document (`import-docx`, File > New
//! from Word document…): its headings 1, 2 and 3 (or numbered headings) are
//! the parts, sections and chapters, read as a contents list is, so the
//! same report says what was made; the text under each chapter heading is
//! that chapter, read as a chapter page is (scope, related chapters,
//! amendment notes, body with its tables and pictures). Deeper headings are
//! the chapters' own; text under a part or section is kept as its notes.

use std::fmt;

use super::chapter_page::read_page;
use super::chapters::{Chapters, PageFile, PageReport, import_page_files};
use super::docx::WordDocument;
use super::lines::{clean_spaces, strip_markup};
use super::{ImportOptions, ImportReport};
use crate::model::Manual;

/// The manual a Word document makes, with what the reading said.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordManual {
    pub manual: Manual,
    /// The contents the headings make, as lines (what the report's line
    /// numbers count).
    pub contents: String,
    pub report: ImportReport,
    /// Chapters whose text needed saying something about.
    pub chapters: Vec<PageReport>,
    /// How many chapters were given text.
    pub filled: usize,
    /// The pictures to copy into the manual's folder: name and bytes.
    pub files: Vec<(String, Vec<u8>)>,
    /// What the document itself said (pictures, text boxes, objects) and
    /// text kept as notes.
    pub notes: Vec<String>,
}

impl WordManual {
    /// Why no manual can be made, if so.
    pub fn refusal(&self) -> Option<String> {
        if self.report.lines_with_text == 0 {
            return Some(
                "the document has no headings: give its parts, sections and chapters the \
                 styles Heading 1, Heading 2 and Heading 3 (or number them) and try again"
                    .into(),
            );
        }
        self.report.refusal()
    }
}

impl fmt::Display for WordManual {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.report)?;
        writeln!(
            f,
            "chapter text: {} of {} chapters filled from the document",
            self.filled, self.report.chapters
        )?;
        if !self.files.is_empty() {
            writeln!(
                f,
                "pictures: {}",
                crate::model::counted(self.files.len(), "picture", "pictures")
            )?;
        }
        for note in &self.notes {
            writeln!(f, "note: {note}")?;
        }
        for chapter in &self.chapters {
            write!(f, "{chapter}")?;
        }
        Ok(())
    }
}

/// One heading of the document and what follows it up to the next.
#[derive(Debug)]
struct Segment {
    level: u8,
    /// The heading's words.
    heading: String,
    /// Its level holds chapters (see [`chapter_levels`]).
    in_chapter_level: bool,
    /// The HTML under it.
    html: String,
}

/// A line of the document's HTML that is a heading: its level (0 for the
/// title) and its words.
fn heading_of(line: &str) -> Option<(u8, &str)> {
    (1..=6u8).find_map(|level| {
        let open = if level == 1 {
            line.strip_prefix("<h1 class=\"title\">")
                .map(|rest| (0u8, rest))
                .or_else(|| line.strip_prefix("<h1>").map(|rest| (1, rest)))
        } else {
            line.strip_prefix(&format!("<h{level}>"))
                .map(|rest| (level, rest))
        };
        let (level, rest) = open?;
        let close = format!("</h{}>", level.max(1));
        let words = rest.strip_suffix(close.as_str())?;
        Some((level, words))
    })
}

/// Reads the headings and the text under each.
fn segments(html: &str) -> (Option<String>, String, Vec<Segment>) {
    let mut title = None;
    let mut before = String::new();
    let mut out: Vec<Segment> = Vec::new();
    // The levels whose headings are chapters (see [`chapter_levels`]).
    let numbered_headings: Vec<(u8, String)> = html
        .lines()
        .filter_map(heading_of)
        .filter(|&(level, _)| (1..=3).contains(&level))
        .map(|(level, words)| (level, clean_spaces(&strip_markup(words).0)))
        .filter(|(_, words)| numbered(words))
        .collect();
    let chapter_levels = chapter_levels(&numbered_headings);
    // The level of the last chapter's heading ("2.2.5 …", or any heading
    // of a level that holds chapters): unnumbered headings under it
    // ("Duties", "See also") are its own.
    let mut chapter_level: Option<u8> = None;
    for line in html.lines() {
        let heading = heading_of(line);
        match heading {
            Some((0, words)) if title.is_none() => {
                title = Some(clean_spaces(&strip_markup(words).0));
            }
            // A chapter page's block label ("SCOPE OF THIS CHAPTER") styled
            // as a heading belongs to the chapter.
            Some((level, words))
                if level <= 3
                    && chapter_level.is_none_or(|at| level <= at || numbered(words))
                    && super::chapter_page::part_of(&clean_spaces(&strip_markup(words).0))
                        .is_none() =>
            {
                let words = clean_spaces(&strip_markup(words).0);
                chapter_level = ((numbered(&words) && number_depth(&words) >= 3)
                    || chapter_levels.contains(&level))
                .then_some(level);
                out.push(Segment {
                    level: level.max(1),
                    in_chapter_level: chapter_levels.contains(&level),
                    heading: words,
                    html: String::new(),
                })
            }
            _ => {
                let target = match out.last_mut() {
                    Some(segment) => &mut segment.html,
                    None => &mut before,
                };
                if line.starts_with("<html") || line.starts_with("</body") {
                    continue;
                }
                target.push_str(line);
                target.push('\n');
            }
        }
    }
    (title, before, out)
}

/// How many parts the number a heading starts with has ("2.2.5 Care":
/// 3), reading its first word as a number.
fn number_depth(heading: &str) -> usize {
    let first = heading.split_whitespace().next().unwrap_or("");
    first.trim_end_matches('.').split('.').count()
}

/// Whether a heading carries its own number ("2.1 Referrals", "3. Care").
fn numbered(heading: &str) -> bool {
    let first = heading.split_whitespace().next().unwrap_or("");
    let digits = first.trim_end_matches('.');
    !digits.is_empty()
        && digits
            .split('.')
            .all(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        && heading.split_whitespace().nth(1).is_some()
}

/// How an unnumbered chapter's line is indented in the contents the
/// headings make.
const CHAPTER_INDENT: &str = "  ";

/// The heading levels that hold chapters rather than one level of the
/// manual's structure, from the document's numbered `headings`: those
/// whose numbered headings are chapters' (`2.2.5`), or numbered at more
/// than one depth (a consultation copy's Heading 1 holds `2.1` and `1.7.2`
/// alike, each chapter under its part or its section).
fn chapter_levels(headings: &[(u8, String)]) -> Vec<u8> {
    let mut depths: Vec<(u8, usize)> = headings
        .iter()
        .map(|(level, heading)| (*level, number_depth(heading)))
        .collect();
    depths.sort_unstable();
    depths.dedup();
    let mut levels: Vec<u8> = depths
        .iter()
        .filter(|&&(level, depth)| {
            depth >= 3 || depths.iter().any(|&(l, d)| l == level && d != depth)
        })
        .map(|&(level, _)| level)
        .collect();
    levels.dedup();
    levels
}

/// The contents lines of the headings: numbered as written, or by their
/// place (`1.`, `1.1`, `1.1.1`); an unnumbered chapter indented.
fn contents_lines(title: Option<&str>, segments: &[Segment]) -> Vec<String> {
    let mut levels: Vec<u8> = segments.iter().map(|s| s.level).collect();
    levels.sort_unstable();
    levels.dedup();
    let mut counters = [0usize; 3];
    let mut lines: Vec<String> = title.map(str::to_string).into_iter().collect();
    for segment in segments {
        let depth = levels.iter().position(|l| *l == segment.level).unwrap_or(0);
        counters[depth] += 1;
        for deeper in counters.iter_mut().skip(depth + 1) {
            *deeper = 0;
        }
        if numbered(&segment.heading) {
            lines.push(segment.heading.clone());
            continue;
        }
        // An unnumbered heading among chapters' numbered headings is an
        // unnumbered chapter of the section open above it (indented, as
        // a contents list writes one), not a part or section numbered by
        // its place.
        if segment.in_chapter_level {
            lines.push(format!("{CHAPTER_INDENT}{}", segment.heading));
            continue;
        }
        let number = match depth {
            0 => format!("{}.", counters[0].max(1)),
            1 => format!("{}.{}", counters[0].max(1), counters[1]),
            _ => format!(
                "{}.{}.{}",
                counters[0].max(1),
                counters[1].max(1),
                counters[2]
            ),
        };
        lines.push(format!("{number} {}", segment.heading));
    }
    lines
}

/// Body headings under a chapter: Heading 4 is the chapter's first level
/// (`##`), and so on down.
fn lift_headings(html: &str) -> String {
    let mut out = html.to_string();
    for (from, to) in [(4, 2), (5, 3), (6, 4)] {
        out = out
            .replace(&format!("<h{from}>"), &format!("<h{to}>"))
            .replace(&format!("</h{from}>"), &format!("</h{to}>"));
    }
    out
}

/// The manual `document` makes. `stem` names its pictures; `folder` is the
/// files folder as links write it (where the manual will be saved).
pub fn import_word(
    document: &WordDocument,
    stem: &str,
    folder: &str,
    options: &ImportOptions,
) -> WordManual {
    let (title, before, segments) = segments(&document.html);
    let lines = contents_lines(title.as_deref(), &segments);
    let contents = lines.join("\n");
    let mut options = options.clone();
    if options.title.is_none() {
        options.title = title.clone();
    }
    let (mut manual, report) = super::import_headings(&contents, &options);
    let mut notes = document.notes.clone();
    let before = read_page(&format!("<h1>-</h1>{before}"));
    if !before.body.trim().is_empty() {
        let text = clean_spaces(&strip_markup(&before.body).0);
        notes.push(format!(
            "text before the first heading was kept as a note of the manual: {}",
            shorten(&text)
        ));
        manual.notes.push(before.body.clone());
    }
    // Each chapter's text, read as its page, matched by its number.
    let chapters = Chapters::of(&manual);
    let numbers = &lines[usize::from(title.is_some())..];
    let mut pages = Vec::new();
    for (segment, line) in segments.iter().zip(numbers) {
        if segment.html.trim().is_empty() {
            continue;
        }
        // The chapter the heading names: by its number when that is the
        // chapter of its title (or the title names none), else by its title
        // alone. Where a written number is not the place the chapter took
        // (a copy that cannot say every number), the chapter that took the
        // number is another one. An unnumbered chapter's line is its title.
        let (number, title) = match line.strip_prefix(CHAPTER_INDENT) {
            Some(title) => ("", title),
            None => line.split_once(' ').unwrap_or((line.as_str(), "")),
        };
        let by_number = chapters.by_number.get(number.trim_end_matches('.'));
        let by_title = chapters.by_title(title);
        let heading = match (by_number, by_title) {
            (Some(numbered), Some(titled)) if numbered != titled => Some(title),
            (Some(_), _) => Some(line.as_str()),
            (None, titled) => titled.map(|_| title),
        };
        let Some(heading) = heading else {
            let text = read_page(&format!("<h1>-</h1>{}", segment.html)).body;
            if !text.trim().is_empty() {
                keep_as_note(&mut manual, number, &text);
                notes.push(format!(
                    "text under \"{}\", which has chapters of its own, was kept as its note",
                    line.trim()
                ));
            }
            continue;
        };
        let pictures = document
            .pictures
            .iter()
            .filter(|(part, _)| segment.html.contains(part.as_str()))
            .map(|(part, bytes)| {
                (
                    format!("{}{part}", super::chapter_page::PAGE_PICTURE),
                    bytes.clone(),
                )
            })
            .collect();
        pages.push(PageFile {
            name: heading.to_string(),
            stem: stem.to_string(),
            text: format!("<h1>{heading}</h1>\n{}", lift_headings(&segment.html)),
            pictures,
            notes: Vec::new(),
        });
    }
    let import = import_page_files(&manual, &pages, Some(folder), false);
    let filled = super::chapters::chapters_filled(&import.edits);
    for edit in import.edits {
        let _ = edit.apply(&mut manual);
    }
    let chapters = import
        .reports
        .into_iter()
        .filter(|r| r.matched.is_none() || !r.not_understood.is_empty() || !r.notes.is_empty())
        .collect();
    WordManual {
        manual,
        contents,
        report,
        chapters,
        filled,
        files: import.files,
        notes,
    }
}

/// Keeps `text` as a note of the entry numbered `number`.
fn keep_as_note(manual: &mut Manual, number: &str, text: &str) {
    let mut found = None;
    manual.walk(|path, _, n| {
        if n.is_some_and(|n| n.to_string() == number.trim_end_matches('.')) {
            found = Some(path.to_vec());
        }
    });
    if let Some(entry) = found.and_then(|path| manual.entry_mut(&path)) {
        entry.notes.push(text.to_string());
    }
}

fn shorten(text: &str) -> String {
    match text.char_indices().nth(80) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::docx::sample::*;
    use super::super::docx::{Changes, read};
    use super::*;

    /// An older manual kept as one long Word document.
    fn handbook() -> Vec<u8> {
        let body = [
            styled("Title", "Testshire Children's Services Procedures Manual"),
            paragraph("This manual is kept by the Quality Assurance team."),
            styled("Heading1", "All Children"),
            paragraph("Procedures for every child."),
            styled("Heading2", "Safeguarding"),
            styled("Heading3", "Making a Referral"),
            styled("Heading1", "SCOPE OF THIS CHAPTER"),
            paragraph("How to refer."),
            styled("Heading4", "Who refers"),
            paragraph("Anyone may refer."),
            picture("rIdPic1", 1, "Referral flow"),
            styled("Heading3", "Strategy Discussions"),
            table(&[&["Step", "Who"], &["Convene", "Manager"]]),
            styled("Heading1", "Children in Care"),
            styled("Heading2", "Placements"),
            styled("Heading3", "Foster Care"),
            paragraph("Foster carers are approved by the panel."),
        ]
        .concat();
        document(&body, 1, &[], &[])
    }

    #[test]
    fn headings_one_to_three_make_parts_sections_and_chapters_with_their_text() {
        let document = read(&handbook(), Changes::Accepted).unwrap();
        let made = import_word(
            &document,
            "handbook",
            "testshire.files",
            &ImportOptions {
                authority: Some("Testshire".into()),
                ..Default::default()
            },
        );
        assert_eq!(made.refusal(), None, "{made}");
        assert_eq!(
            made.manual.title,
            "Testshire Children's Services Procedures Manual"
        );
        assert_eq!(
            made.contents,
            "Testshire Children's Services Procedures Manual\n1. All Children\n1.1 Safeguarding\n\
             1.1.1 Making a Referral\n1.1.2 Strategy Discussions\n2. Children in Care\n\
             2.1 Placements\n2.1.1 Foster Care"
        );
        assert_eq!(
            (
                made.report.parts,
                made.report.sections,
                made.report.chapters
            ),
            (2, 2, 3)
        );
        assert_eq!(made.filled, 3, "{made}");
        let mut bodies = Vec::new();
        made.manual.walk(|_, entry, number| {
            if let Some(chapter) = entry.chapter_details() {
                bodies.push((
                    number.map(|n| n.to_string()).unwrap_or_default(),
                    chapter.scope.clone(),
                    chapter.body.clone(),
                ));
            }
        });
        assert_eq!(bodies[0].1, "How to refer.");
        assert!(
            bodies[0].2.starts_with("## Who refers\n\nAnyone may refer.\n\n![Referral flow](testshire.files/handbook-image1-"),
            "{}",
            bodies[0].2
        );
        assert_eq!(
            bodies[1].2,
            "| Step | Who |\n| --- | --- |\n| Convene | Manager |"
        );
        assert_eq!(bodies[2].2, "Foster carers are approved by the panel.");
        assert_eq!(made.files.len(), 1);
        // Text under a part, and before the first heading, kept as notes.
        assert!(
            made.manual
                .notes
                .iter()
                .any(|n| n.contains("Quality Assurance"))
        );
        assert!(
            made.notes.iter().any(|n| n.contains("\"1. All Children\"")),
            "{:?}",
            made.notes
        );
    }

    #[test]
    fn a_consultation_copy_read_as_a_manual_keeps_its_numbers_and_chapter_headings() {
        // Chapters numbered in their Heading 1, their own headings (and
        // "See also") in Heading 2: the numbers make the tree.
        let manual: crate::model::Manual =
            ron::from_str(include_str!("../../sample_manuals/wandsworth.ron")).unwrap();
        let copy = crate::export::docx::consultation_docx(&manual, &[], "2026-12-02").unwrap();
        let document = read(&copy, Changes::Accepted).unwrap();
        let made = import_word(&document, "copy", "copy.files", &ImportOptions::default());
        assert!(made.report.number_mismatches.is_empty(), "{made}");
        assert_eq!(made.report.chapters, manual.chapter_count());
    }

    #[test]
    fn unnumbered_chapters_of_a_consultation_copy_stay_unnumbered_chapters() {
        // Stockport's copy: every chapter a Heading 1 with its number, but
        // some chapters have none. They are chapters of the section open
        // above them, unnumbered, with their text: not parts numbered by
        // their place, which moved every part after them.
        let mut manual = crate::store::format::stockport_sample();
        let id = crate::model::EntryId::new("family-group-conferencing-procedure");
        manual.chapter_mut(&id).unwrap().body = "Convene the conference.".into();
        // A chapter whose number the copy cannot place (part 4's first
        // section held only an unnumbered chapter): its text still goes
        // to it, not to the chapter that now has its number.
        let id = crate::model::EntryId::new("direct-payments");
        manual.chapter_mut(&id).unwrap().body = "Pay directly.".into();
        let copy = crate::export::docx::consultation_docx(&manual, &[], "2026-12-02").unwrap();
        let document = read(&copy, Changes::Accepted).unwrap();
        let made = import_word(&document, "copy", "copy.files", &ImportOptions::default());
        assert_eq!(made.report.chapters, manual.chapter_count(), "{made}");
        assert_eq!(made.manual.entries.len(), manual.entries.len(), "{made}");
        let mut unnumbered = Vec::new();
        let mut body = String::new();
        made.manual.walk(|_, entry, number| {
            if number.is_none() && !entry.is_section() {
                unnumbered.push(entry.title.clone());
            }
            if entry.title == "Family Group Conferencing Procedure" {
                body = entry
                    .chapter_details()
                    .map(|c| c.body.clone())
                    .unwrap_or_default();
            }
            let text = entry.chapter_details().map_or("", |c| c.body.as_str());
            assert_eq!(
                text.contains("Pay directly."),
                entry.title == "Direct Payments",
                "{}",
                entry.title
            );
        });
        assert!(
            unnumbered.contains(&"Family Group Conferencing Procedure".to_string()),
            "{unnumbered:?}"
        );
        assert!(body.contains("Convene the conference."), "{body:?}");
        // The parts keep their numbers: a mismatch at most where the copy
        // cannot say (a part's first section held only unnumbered chapters).
        assert!(made.report.number_mismatches.len() < 30, "{made}");
    }

    #[test]
    fn a_document_without_headings_is_refused_with_what_to_do() {
        let bytes = document(&paragraph("Just some words."), 0, &[], &[]);
        let document = read(&bytes, Changes::Accepted).unwrap();
        let made = import_word(&document, "x", "x.files", &ImportOptions::default());
        assert!(made.refusal().unwrap().contains("Heading 1"), "{made}");
    }
}
