//! Entries of a manual: sections (containers) and chapters (documents).

use serde::{Deserialize, Serialize};

use super::EntryId;

/// The status tag shown after a chapter's title for the latest update cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Badge {
    #[default]
    None,
    New,
    Updated,
}

impl Badge {
    pub const ALL: [Badge; 3] = [Badge::None, Badge::New, Badge::Updated];

    /// The tag's text, or `None` for no badge.
    pub fn label(self) -> Option<&'static str> {
        match self {
            Badge::None => None,
            Badge::New => Some("New"),
            Badge::Updated => Some("Updated"),
        }
    }

    pub fn is_none(&self) -> bool {
        *self == Badge::None
    }
}

/// One "see also" line: a link to another entry of this manual, or to an
/// outside document.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SeeAlso {
    Internal {
        target: EntryId,
    },
    External {
        title: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        url: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        source: Option<String>,
    },
}

impl SeeAlso {
    pub fn internal(target: EntryId) -> Self {
        SeeAlso::Internal { target }
    }

    pub fn external(title: impl Into<String>, url: Option<String>, source: Option<String>) -> Self {
        SeeAlso::External {
            title: title.into(),
            url,
            source,
        }
    }

    /// The id this item points at, when it is internal.
    pub fn target(&self) -> Option<&EntryId> {
        match self {
            SeeAlso::Internal { target } => Some(target),
            SeeAlso::External { .. } => None,
        }
    }
}

/// A dated note of what changed in a chapter ("In June 2024 this chapter
/// ..."), belonging to one update.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Amendment {
    /// `YYYY-MM` or `YYYY-MM-DD`.
    pub date: String,
    pub text: String,
    /// The label of the update it belongs to. Empty only in a format-1
    /// file, which the loader gives updates.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub update: String,
    /// Drafted by the editor (a chapter moved in the open update) for the
    /// owner to keep, edit or drop; not published, no badge, until kept.
    #[serde(default, skip_serializing_if = "is_false")]
    pub draft: bool,
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// The fields only a chapter has.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Chapter {
    /// Format 1's stored badge: read from old files and turned into an
    /// update by [`Manual::migrate_badges`], never written. Badges are
    /// derived ([`Manual::badge_of`]).
    #[serde(default, rename = "badge", skip_serializing)]
    pub legacy_badge: Badge,
    /// The label of the update the chapter was added in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub added_in: Option<String>,
    /// Who owns a chapter that lives elsewhere, e.g. "Greater Manchester
    /// Safeguarding Children Procedures".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Where the chapter applies, e.g. "This procedure only applies to Peterborough".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies_to: Option<String>,
    /// Set when the chapter is only a link to an outside document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub scope: String,
    /// Markdown.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub body: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manager: Option<String>,
    /// `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_due: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub amendments: Vec<Amendment>,
}

/// The fields only a section has.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum EntryKind {
    Section(Section),
    Chapter(Chapter),
}

fn yes() -> bool {
    true
}

fn is_true(value: &bool) -> bool {
    *value
}

/// A part, section or chapter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub id: EntryId,
    pub title: String,
    /// Unnumbered entries consume no number among their siblings.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub numbered: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub see_also: Vec<SeeAlso>,
    /// Free-text notes ("Please note: ...") shown under the entry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    pub kind: EntryKind,
}

impl Entry {
    pub fn section(id: EntryId, title: impl Into<String>, children: Vec<Entry>) -> Self {
        Entry {
            id,
            title: title.into(),
            numbered: true,
            see_also: Vec::new(),
            notes: Vec::new(),
            kind: EntryKind::Section(Section { children }),
        }
    }

    pub fn chapter(id: EntryId, title: impl Into<String>) -> Self {
        Entry {
            id,
            title: title.into(),
            numbered: true,
            see_also: Vec::new(),
            notes: Vec::new(),
            kind: EntryKind::Chapter(Chapter::default()),
        }
    }

    pub fn is_section(&self) -> bool {
        matches!(self.kind, EntryKind::Section(_))
    }

    pub fn children(&self) -> &[Entry] {
        match &self.kind {
            EntryKind::Section(section) => &section.children,
            EntryKind::Chapter(_) => &[],
        }
    }

    /// The children, when this is a section.
    pub fn children_mut(&mut self) -> Option<&mut Vec<Entry>> {
        match &mut self.kind {
            EntryKind::Section(section) => Some(&mut section.children),
            EntryKind::Chapter(_) => None,
        }
    }

    /// Every entry this one links to, see-also first, then the body's
    /// links, each once.
    pub fn link_targets(&self) -> Vec<EntryId> {
        let mut targets: Vec<EntryId> = Vec::new();
        for target in self.see_also.iter().filter_map(SeeAlso::target) {
            if !targets.contains(target) {
                targets.push(target.clone());
            }
        }
        if let Some(chapter) = self.chapter_details() {
            for target in super::body_targets(&chapter.body) {
                if !targets.contains(&target) {
                    targets.push(target);
                }
            }
        }
        targets
    }

    pub fn chapter_details(&self) -> Option<&Chapter> {
        match &self.kind {
            EntryKind::Chapter(chapter) => Some(chapter),
            EntryKind::Section(_) => None,
        }
    }

    pub fn chapter_details_mut(&mut self) -> Option<&mut Chapter> {
        match &mut self.kind {
            EntryKind::Chapter(chapter) => Some(chapter),
            EntryKind::Section(_) => None,
        }
    }

    /// Whether the entry's own fields (title, numbering, see also, notes,
    /// kind and a chapter's fields, not its id or children) equal `other`'s.
    pub fn same_own_fields(&self, other: &Entry) -> bool {
        self.title == other.title
            && self.numbered == other.numbered
            && self.see_also == other.see_also
            && self.notes == other.notes
            && match (&self.kind, &other.kind) {
                (EntryKind::Chapter(x), EntryKind::Chapter(y)) => x == y,
                (EntryKind::Section(_), EntryKind::Section(_)) => true,
                _ => false,
            }
    }

    /// A copy of the entry without its children (which can be thousands of
    /// entries): what an editor of its own fields needs.
    pub fn clone_head(&self) -> Entry {
        Entry {
            id: self.id.clone(),
            title: self.title.clone(),
            numbered: self.numbered,
            see_also: self.see_also.clone(),
            notes: self.notes.clone(),
            kind: match &self.kind {
                EntryKind::Section(_) => EntryKind::Section(Section::default()),
                EntryKind::Chapter(chapter) => EntryKind::Chapter(chapter.clone()),
            },
        }
    }

    /// How many levels the entry spans: 1 for a chapter or an empty
    /// section, one more than its deepest child otherwise.
    pub fn height(&self) -> usize {
        1 + self.children().iter().map(Entry::height).max().unwrap_or(0)
    }
}

/// A term of the manual's Local Keywords glossary ("Section 47 Enquiry"),
/// its definition in Markdown, and the chapters it relates to (picked like
/// see-also links, by id).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Keyword {
    pub term: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub definition: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub chapters: Vec<EntryId>,
}
