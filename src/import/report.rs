//! What the importer tells the user: counts, and every line it skipped, did
//! not understand, or found inconsistent.

use crate::model::counted;
use std::fmt;

use super::lines::Line;

/// A line of the source with what was made of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportLine {
    pub line_no: usize,
    pub text: String,
    pub reason: String,
}

impl ReportLine {
    pub(super) fn new(line: &Line, reason: &str) -> Self {
        ReportLine {
            line_no: line.line_no,
            text: line.raw.trim().to_string(),
            reason: reason.to_string(),
        }
    }
}

/// A number written in the text that differs from the one its position gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberMismatch {
    pub line_no: usize,
    pub written: String,
    pub derived: String,
    pub title: String,
}

/// The importer's account of one import.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Lines of the input that were not blank.
    pub lines_with_text: usize,
    pub parts: usize,
    pub sections: usize,
    pub chapters: usize,
    pub unnumbered: usize,
    pub new_badges: usize,
    pub updated_badges: usize,
    pub links_internal: usize,
    pub links_external: usize,
    /// Lines kept as notes because they fit nowhere.
    pub not_understood: Vec<ReportLine>,
    /// Page furniture and quick links, recognised and left out.
    pub skipped: Vec<ReportLine>,
    pub number_mismatches: Vec<NumberMismatch>,
    /// Lines placed with a change worth saying (a heading's number
    /// following its chapters, a lettered number, a chapter's part).
    pub adjusted: Vec<ReportLine>,
    /// Entries with no title (a contents list may show "1.2.1" alone).
    pub empty_titles: Vec<ReportLine>,
    /// See-also titles that matched more than one chapter (the first was used).
    pub ambiguous_links: Vec<ReportLine>,
    /// Quick links that name no part with that number and title.
    pub quick_link_mismatches: Vec<String>,
    /// Titles many chapters share (the same line copied over and over):
    /// the title, how many, and the first line.
    pub repeated_titles: Vec<(String, usize, usize)>,
    /// The text reads as an Amendments page, not a contents list.
    pub is_amendments_page: bool,
    /// The update the list's New and Updated badges were put in, and
    /// whether it is named by the list's own date ("Last updated: March
    /// 2024"); `None` when the list has no badges.
    pub badges_update: Option<(String, bool)>,
}

impl ImportReport {
    /// Why the result is no manual worth writing: no chapters, or more than
    /// half the lines not understood. `None` when it is one.
    pub fn refusal(&self) -> Option<String> {
        let refused = self.contents_refusal()?;
        if self.is_amendments_page {
            return Some(
                "this is an Amendments page, not a contents list: record it in the manual it \
                 belongs to with `manual-editor import-amendments MANUAL.ron PAGE` (File > \
                 Import amendments page… in the window)"
                    .into(),
            );
        }
        Some(refused)
    }

    fn contents_refusal(&self) -> Option<String> {
        if self.chapters == 0 {
            return Some(format!(
                "no chapters were found in {} lines of text ({} not understood, {} skipped as \
                 page furniture): is this a contents list?",
                self.lines_with_text,
                self.not_understood.len(),
                self.skipped.len()
            ));
        }
        if self.not_understood.len() * 2 > self.lines_with_text {
            return Some(format!(
                "{} of {} lines were not understood (found {} chapters): the layout is not one \
                 the importer reads",
                self.not_understood.len(),
                self.lines_with_text,
                self.chapters
            ));
        }
        None
    }

    /// True when nothing needs the user's attention.
    pub fn is_clean(&self) -> bool {
        self.not_understood.is_empty()
            && self.number_mismatches.is_empty()
            && self.empty_titles.is_empty()
            && self.ambiguous_links.is_empty()
            && self.quick_link_mismatches.is_empty()
            && self.repeated_titles.is_empty()
    }
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{}, {}, {} ({} unnumbered)",
            counted(self.parts, "part", "parts"),
            counted(self.sections, "section", "sections"),
            counted(self.chapters, "chapter", "chapters"),
            counted(self.unnumbered, "entry", "entries")
        )?;
        writeln!(
            f,
            "badges: {} New, {} Updated",
            self.new_badges, self.updated_badges
        )?;
        match &self.badges_update {
            Some((label, true)) => writeln!(
                f,
                "the badges are kept in the update “{label}”, named by the list's date"
            )?,
            Some((label, false)) => writeln!(
                f,
                "the badges are kept in an update called “{label}”: the list gives no date, so \
                 give it the list's real name with Edit > Updates… (or `manual-editor update \
                 rename`)"
            )?,
            None => {}
        }
        writeln!(
            f,
            "see-also links: {} resolved to chapters of this manual, {} external",
            self.links_internal, self.links_external
        )?;
        writeln!(
            f,
            "lines not understood: {} (kept as notes)",
            self.not_understood.len()
        )?;
        for line in &self.not_understood {
            writeln!(
                f,
                "  line {}: {} -- {}",
                line.line_no, line.text, line.reason
            )?;
        }
        if !self.adjusted.is_empty() {
            writeln!(f, "lines placed with a change: {}", self.adjusted.len())?;
            for line in &self.adjusted {
                writeln!(
                    f,
                    "  line {}: {} -- {}",
                    line.line_no, line.text, line.reason
                )?;
            }
        }
        writeln!(f, "lines skipped as page furniture: {}", self.skipped.len())?;
        for line in &self.skipped {
            writeln!(
                f,
                "  line {}: {} -- {}",
                line.line_no, line.text, line.reason
            )?;
        }
        if !self.number_mismatches.is_empty() {
            writeln!(
                f,
                "numbers that differ from their position: {}",
                self.number_mismatches.len()
            )?;
            for m in &self.number_mismatches {
                writeln!(
                    f,
                    "  line {}: written {}, derived {} ({})",
                    m.line_no, m.written, m.derived, m.title
                )?;
            }
        }
        if !self.empty_titles.is_empty() {
            writeln!(f, "entries with no title: {}", self.empty_titles.len())?;
            for line in &self.empty_titles {
                writeln!(
                    f,
                    "  line {}: {} -- {}",
                    line.line_no, line.text, line.reason
                )?;
            }
        }
        for line in &self.ambiguous_links {
            writeln!(
                f,
                "  line {}: see-also '{}' {}",
                line.line_no, line.text, line.reason
            )?;
        }
        for text in &self.quick_link_mismatches {
            writeln!(f, "  quick link: {text}")?;
        }
        for (title, count, line_no) in &self.repeated_titles {
            writeln!(
                f,
                "  line {line_no}: \"{title}\" is the title of {count} chapters: check that the \
                 list did not repeat one line"
            )?;
        }
        Ok(())
    }
}
