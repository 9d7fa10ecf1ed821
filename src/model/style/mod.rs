//! Plain English and accessible chapter text: the checks GOV.UK's style
//! and the 2018 accessibility regulations ask of published words, which
//! axe cannot judge. Each finding is advice (never an error), with the
//! rule, a short explanation and, where there is one, a replacement.
//! Rules can be turned off per manual and the manual's allowed terms are
//! never flagged (both kept in the file); a reading age is worked out for
//! each chapter.

pub mod readability;
mod text;
pub mod words;

pub use text::check_text;

use std::ops::Range;

use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};

use readability::Counts;

/// The sentence length GOV.UK suggests keeping to, unless a manual sets
/// its own.
pub const DEFAULT_SENTENCE_WORDS: usize = 25;

/// A rule of style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StyleRule {
    LongSentence,
    WordToAvoid,
    VagueLinkText,
    SkippedHeading,
    Capitals,
    TableWithoutHeader,
    AltTextFileName,
    UndefinedAbbreviation,
}

impl StyleRule {
    pub const ALL: [StyleRule; 8] = [
        StyleRule::LongSentence,
        StyleRule::WordToAvoid,
        StyleRule::VagueLinkText,
        StyleRule::SkippedHeading,
        StyleRule::Capitals,
        StyleRule::TableWithoutHeader,
        StyleRule::AltTextFileName,
        StyleRule::UndefinedAbbreviation,
    ];

    /// Its name in the file and in JSON (`long-sentence`).
    pub fn id(self) -> &'static str {
        match self {
            StyleRule::LongSentence => "long-sentence",
            StyleRule::WordToAvoid => "word-to-avoid",
            StyleRule::VagueLinkText => "vague-link-text",
            StyleRule::SkippedHeading => "skipped-heading",
            StyleRule::Capitals => "capitals",
            StyleRule::TableWithoutHeader => "table-without-header",
            StyleRule::AltTextFileName => "alt-text-file-name",
            StyleRule::UndefinedAbbreviation => "undefined-abbreviation",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            StyleRule::LongSentence => "Long sentences",
            StyleRule::WordToAvoid => "Words to avoid",
            StyleRule::VagueLinkText => "Link text that says nothing",
            StyleRule::SkippedHeading => "Headings that skip a level",
            StyleRule::Capitals => "Paragraphs in capitals",
            StyleRule::TableWithoutHeader => "Tables without a header row",
            StyleRule::AltTextFileName => "Picture descriptions that are file names",
            StyleRule::UndefinedAbbreviation => "Abbreviations not spelt out",
        }
    }

    /// Why it matters, in a sentence.
    pub fn explanation(self) -> &'static str {
        match self {
            StyleRule::LongSentence => {
                "Long sentences are hard to follow, most of all for readers with a lower reading \
                 age or reading in a second language. Split them or cut words."
            }
            StyleRule::WordToAvoid => {
                "GOV.UK asks writers to avoid these words: they are vague or formal. Say plainly \
                 what happens."
            }
            StyleRule::VagueLinkText => {
                "Screen reader users often list a page's links: \"click here\" or an address says \
                 nothing of where a link goes. Use the name of the page or document."
            }
            StyleRule::SkippedHeading => {
                "Headings that skip a level break the page's outline for screen reader users."
            }
            StyleRule::Capitals => {
                "Text in capitals is harder to read and reads as shouting. Use sentence case."
            }
            StyleRule::TableWithoutHeader => {
                "A table needs a header row naming its columns, so screen readers can announce \
                 each cell."
            }
            StyleRule::AltTextFileName => {
                "A picture's description is read out instead of the picture: a file name tells \
                 the reader nothing."
            }
            StyleRule::UndefinedAbbreviation => {
                "Spell out an abbreviation the first time, or add it to the manual's keywords, \
                 so families and new staff know what it means."
            }
        }
    }

    /// The rule named `id` ([`StyleRule::id`]).
    pub fn from_id(id: &str) -> Option<StyleRule> {
        StyleRule::ALL.into_iter().find(|r| r.id() == id)
    }
}

/// A manual's settings for the style checks (kept in the file).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct StyleSettings {
    /// The most words in a sentence (default 25).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentence_words: Option<usize>,
    /// Rules turned off for this manual.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub off: Vec<StyleRule>,
    /// Terms this manual uses on purpose (never flagged as words to avoid
    /// or abbreviations).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed: Vec<String>,
}

impl StyleSettings {
    pub fn is_empty(&self) -> bool {
        *self == StyleSettings::default()
    }

    pub fn sentence_limit(&self) -> usize {
        self.sentence_words
            .filter(|&n| n > 0)
            .unwrap_or(DEFAULT_SENTENCE_WORDS)
    }

    pub fn is_on(&self, rule: StyleRule) -> bool {
        !self.off.contains(&rule)
    }

    /// Turns `rule` on or off; true when that changed anything.
    pub fn set_on(&mut self, rule: StyleRule, on: bool) -> bool {
        let was = self.is_on(rule);
        if on {
            self.off.retain(|r| *r != rule);
        } else if was {
            self.off.push(rule);
            self.off.sort();
        }
        was != on
    }

    /// Adds `term` to the allowed terms; false when it was there.
    pub fn allow(&mut self, term: &str) -> bool {
        let term = term.trim();
        if term.is_empty() || self.allowed.iter().any(|t| t.eq_ignore_ascii_case(term)) {
            return false;
        }
        self.allowed.push(term.to_string());
        self.allowed.sort_by_key(|t| t.to_lowercase());
        true
    }
}

/// One finding in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: StyleRule,
    /// Byte range in the text (the Markdown source) it concerns.
    #[serde(skip)]
    pub range: Range<usize>,
    /// The 1-based line it starts on.
    pub line: usize,
    /// What is wrong, in plain words.
    pub message: String,
    /// What to put in `range` instead, when there is a plain replacement.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
    /// The sentence (or heading, or link) it was found in.
    pub context: String,
}

/// What the text of a manual knows already: its keywords' terms (an
/// abbreviation among them is defined) and its allowed terms.
#[derive(Debug, Clone, Default)]
pub struct Known {
    terms: FxHashSet<String>,
    allowed: FxHashSet<String>,
}

impl Known {
    pub fn of(manual: &super::Manual) -> Known {
        let mut terms = FxHashSet::default();
        for keyword in &manual.keywords {
            terms.insert(keyword.term.trim().to_string());
            // "Local Authority Designated Officer (LADO)" defines LADO.
            for token in text::abbreviation_tokens(&keyword.term) {
                terms.insert(token.to_string());
            }
        }
        Known {
            terms,
            allowed: manual
                .style
                .allowed
                .iter()
                .map(|t| t.trim().to_lowercase())
                .collect(),
        }
    }

    fn allows(&self, term: &str) -> bool {
        self.allowed.contains(&term.to_lowercase())
    }
}

/// Where in a chapter a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StyleField {
    Scope,
    Body,
}

/// A chapter's findings and reading age.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChapterStyle {
    pub entry: super::EntryId,
    /// "1.1.6 Capacity and Consent".
    pub place: String,
    pub words: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reading_age: Option<f32>,
    pub findings: Vec<(StyleField, Finding)>,
}

/// Checks one chapter's scope and body.
pub fn check_chapter(
    chapter: &super::Chapter,
    settings: &StyleSettings,
    known: &Known,
) -> (Vec<(StyleField, Finding)>, Counts) {
    let (scope, mut counts) = check_text(&chapter.scope, settings, known);
    let (body, body_counts) = check_text(&chapter.body, settings, known);
    counts.add(body_counts);
    let findings = scope
        .into_iter()
        .map(|f| (StyleField::Scope, f))
        .chain(body.into_iter().map(|f| (StyleField::Body, f)))
        .collect();
    (findings, counts)
}

/// Every chapter of `manual`, in order, checked on every core.
pub fn check_manual(manual: &super::Manual) -> Vec<ChapterStyle> {
    let known = Known::of(manual);
    let mut chapters: Vec<(&super::EntryId, String, &super::Chapter)> = Vec::new();
    manual.walk(|_, entry, number| {
        if let Some(chapter) = entry.chapter_details() {
            chapters.push((&entry.id, super::label(number, &entry.title), chapter));
        }
    });
    let settings = &manual.style;
    let known = &known;
    super::on_every_core::map_in_order(&chapters, 16, |(id, place, chapter)| {
        let (findings, counts) = check_chapter(chapter, settings, known);
        ChapterStyle {
            entry: (*id).clone(),
            place: place.clone(),
            words: counts.words,
            reading_age: counts.reading_age(),
            findings,
        }
    })
}

/// The reading age bands a manual's chapters are counted in.
pub const BANDS: [&str; 5] = [
    "under 12",
    "12 to 13",
    "14 to 15",
    "16 to 17",
    "18 and over",
];

/// How many chapters have a reading age in each of the [`BANDS`]
/// (chapters too short for one are left out).
pub fn reading_age_bands(chapters: &[ChapterStyle]) -> Vec<(&'static str, usize)> {
    let bands: [(&str, f32, f32); 5] = [
        (BANDS[0], 0.0, 12.0),
        (BANDS[1], 12.0, 14.0),
        (BANDS[2], 14.0, 16.0),
        (BANDS[3], 16.0, 18.0),
        (BANDS[4], 18.0, f32::INFINITY),
    ];
    bands
        .iter()
        .map(|&(name, low, high)| {
            let count = chapters
                .iter()
                .filter_map(|c| c.reading_age)
                .filter(|&age| age >= low && age < high)
                .count();
            (name, count)
        })
        .collect()
}

#[cfg(test)]
mod tests;
