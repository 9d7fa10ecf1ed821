//! The manual: its metadata and the tree of entries, with traversal, lookup
//! and numbering.

use serde::{Deserialize, Serialize};

use super::{Entry, EntryId, Removal, SectionNumber, Update};

/// The file format version this program writes and reads.
pub const FORMAT_VERSION: u32 = 2;

/// How many levels deep entries may nest (a part is level 1, a chapter of
/// a section of a part level 3). Real manuals use three or four; every
/// place that nests entries (the editor, the importer, the loader) keeps
/// to this, so every file this program writes can be read back.
pub const MAX_DEPTH: usize = 12;

/// Where an entry sits: the index at each level from the top.
pub type EntryPath = Vec<usize>;

/// A whole procedures manual.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manual {
    pub format: u32,
    pub title: String,
    #[serde(default)]
    pub authority: String,
    /// How readers reach the manual's owner about accessibility (an e-mail
    /// address, a telephone number): printed in the accessibility statement.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub contact: String,
    /// Paragraphs shown before the contents ("Please note: ...").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// The update cycles, oldest first; at most one (the last) is open.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub updates: Vec<Update>,
    /// Chapters deleted during updates, for the Amendments page.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<Removal>,
    /// Words spelling accepts in this manual (place names, services),
    /// sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<String>,
    /// The Local Keywords glossary: terms, their definitions and the
    /// chapters they relate to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<super::Keyword>,
    /// What a merge of two versions could not settle (see
    /// [`super::merge`]); `check` fails while any remain.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<super::Conflict>,
    /// The national or regional template this manual localises, and the
    /// update of it this copy is based on (see [`super::template`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<super::TemplateSource>,
    /// The published site's logo and brand colour.
    #[serde(default, skip_serializing_if = "super::look::Look::is_empty")]
    pub look: super::look::Look,
    /// The style checks' settings: sentence length, rules turned off,
    /// terms allowed.
    #[serde(default, skip_serializing_if = "super::style::StyleSettings::is_empty")]
    pub style: super::style::StyleSettings,
    /// The top-level entries: the parts.
    #[serde(default)]
    pub entries: Vec<Entry>,
}

impl Default for Manual {
    fn default() -> Self {
        Manual {
            format: FORMAT_VERSION,
            title: String::new(),
            authority: String::new(),
            contact: String::new(),
            notes: Vec::new(),
            updates: Vec::new(),
            removed: Vec::new(),
            words: Vec::new(),
            keywords: Vec::new(),
            conflicts: Vec::new(),
            template: None,
            look: super::look::Look::default(),
            style: super::style::StyleSettings::default(),
            entries: Vec::new(),
        }
    }
}

/// One entry of the depth-first outline, with its derived number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineRow {
    pub path: EntryPath,
    pub number: Option<SectionNumber>,
}

impl OutlineRow {
    /// Nesting depth: 0 for a part.
    pub fn depth(&self) -> usize {
        self.path.len().saturating_sub(1)
    }
}

impl Manual {
    /// How many levels deep the entries nest (0 for an empty manual).
    pub fn depth(&self) -> usize {
        self.entries.iter().map(Entry::height).max().unwrap_or(0)
    }

    pub fn new(title: impl Into<String>, authority: impl Into<String>) -> Self {
        Manual {
            title: title.into(),
            authority: authority.into(),
            ..Manual::default()
        }
    }

    /// The entry at `path`, if there is one.
    pub fn entry(&self, path: &[usize]) -> Option<&Entry> {
        let (first, rest) = path.split_first()?;
        let mut entry = self.entries.get(*first)?;
        for index in rest {
            entry = entry.children().get(*index)?;
        }
        Some(entry)
    }

    /// The chapter fields of the entry `id`, to change (`None`: no such
    /// entry, or it is a section).
    pub fn chapter_mut(&mut self, id: &EntryId) -> Option<&mut super::Chapter> {
        let path = self.find(id)?;
        self.entry_mut(&path)?.chapter_details_mut()
    }

    pub fn entry_mut(&mut self, path: &[usize]) -> Option<&mut Entry> {
        let (first, rest) = path.split_first()?;
        let mut entry = self.entries.get_mut(*first)?;
        for index in rest {
            entry = entry.children_mut()?.get_mut(*index)?;
        }
        Some(entry)
    }

    /// The list that holds the entry at `path` (the top level for a part).
    pub fn siblings(&self, path: &[usize]) -> Option<&[Entry]> {
        let (_, parent) = path.split_last()?;
        if parent.is_empty() {
            Some(&self.entries)
        } else {
            match &self.entry(parent)?.kind {
                super::EntryKind::Section(section) => Some(&section.children),
                super::EntryKind::Chapter(_) => None,
            }
        }
    }

    /// The list of children at `parent` (the top level for an empty path),
    /// when it is a section.
    pub fn children_mut(&mut self, parent: &[usize]) -> Option<&mut Vec<Entry>> {
        if parent.is_empty() {
            Some(&mut self.entries)
        } else {
            self.entry_mut(parent)?.children_mut()
        }
    }

    /// Calls `visit` for every entry, depth first, in document order, with its
    /// path and derived number.
    pub fn walk<'a>(&'a self, mut visit: impl FnMut(&[usize], &'a Entry, Option<&SectionNumber>)) {
        let mut path = Vec::with_capacity(8);
        let mut number = SectionNumber(Vec::with_capacity(8));
        walk_level(&self.entries, &mut path, &mut number, true, &mut visit);
    }

    /// Every entry in document order with its derived number.
    pub fn outline(&self) -> Vec<OutlineRow> {
        let mut rows = Vec::new();
        self.walk(|path, _, number| {
            rows.push(OutlineRow {
                path: path.to_vec(),
                number: number.cloned(),
            })
        });
        rows
    }

    /// The derived number of the entry at `path`: the n-th numbered entry in
    /// its parent, under the parent's number. An unnumbered entry, or one inside
    /// an unnumbered section, has none.
    pub fn number_of(&self, path: &[usize]) -> Option<SectionNumber> {
        let mut number = SectionNumber::default();
        let mut level: &[Entry] = &self.entries;
        for &index in path {
            let entry = level.get(index)?;
            if !entry.numbered {
                return None;
            }
            let position = level[..index].iter().filter(|e| e.numbered).count() as u32 + 1;
            number = number.child(position);
            level = entry.children();
        }
        (!path.is_empty()).then_some(number)
    }

    /// The path of the entry with `id`, searching the whole tree.
    pub fn find(&self, id: &EntryId) -> Option<EntryPath> {
        let mut path = Vec::with_capacity(8);
        find_in(&self.entries, id, &mut path).then_some(path)
    }

    /// The titles from the part down to the entry at `path`, inclusive.
    pub fn title_path(&self, path: &[usize]) -> Vec<&str> {
        (1..=path.len())
            .filter_map(|len| self.entry(&path[..len]).map(|e| e.title.as_str()))
            .collect()
    }

    pub fn chapter_count(&self) -> usize {
        let mut count = 0;
        self.walk(|_, entry, _| count += usize::from(!entry.is_section()));
        count
    }

    pub fn entry_count(&self) -> usize {
        let mut count = 0;
        self.walk(|_, _, _| count += 1);
        count
    }
}

/// Visits `entries` and their descendants. `number` holds the parent's
/// number and is extended in place for each child, so a walk allocates
/// nothing per entry; `is_numbered` is false under an unnumbered entry.
fn walk_level<'a>(
    entries: &'a [Entry],
    path: &mut Vec<usize>,
    number: &mut SectionNumber,
    is_numbered: bool,
    visit: &mut impl FnMut(&[usize], &'a Entry, Option<&SectionNumber>),
) {
    let mut position = 0u32;
    for (index, entry) in entries.iter().enumerate() {
        path.push(index);
        let has_number = is_numbered && entry.numbered;
        if has_number {
            position += 1;
            number.0.push(position);
        }
        visit(path, entry, has_number.then_some(&*number));
        if let super::EntryKind::Section(section) = &entry.kind {
            walk_level(&section.children, path, number, has_number, visit);
        }
        if has_number {
            number.0.pop();
        }
        path.pop();
    }
}

/// The path of the entry with `id` under `entries`, stopping at the first.
fn find_in(entries: &[Entry], id: &EntryId, path: &mut Vec<usize>) -> bool {
    for (index, entry) in entries.iter().enumerate() {
        path.push(index);
        if entry.id == *id || find_in(entry.children(), id, path) {
            return true;
        }
        path.pop();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chapter(id: &str) -> Entry {
        Entry::chapter(EntryId::new(id), id)
    }

    fn sample() -> Manual {
        let mut families_first = chapter("families-first-team");
        families_first.numbered = false;
        let mut manual = Manual::new("Test", "Testshire");
        manual.entries = vec![
            Entry::section(
                EntryId::new("part-1"),
                "All Children",
                vec![chapter("a"), chapter("b")],
            ),
            Entry::section(
                EntryId::new("part-2"),
                "Edge of Care",
                vec![
                    Entry::section(
                        EntryId::new("families-first"),
                        "Families First",
                        vec![families_first],
                    ),
                    chapter("c"),
                ],
            ),
        ];
        manual
    }

    #[test]
    fn numbers_are_positions_among_numbered_siblings() {
        let manual = sample();
        assert_eq!(
            manual.number_of(&[0]).map(|n| n.to_string()),
            Some("1".into())
        );
        assert_eq!(
            manual.number_of(&[0, 1]).map(|n| n.to_string()),
            Some("1.2".into())
        );
        assert_eq!(
            manual.number_of(&[1, 1]).map(|n| n.to_string()),
            Some("2.2".into())
        );
    }

    #[test]
    fn an_unnumbered_chapter_does_not_consume_a_number() {
        let mut manual = sample();
        manual.entries[0].children_mut().unwrap()[0].numbered = false;
        assert_eq!(manual.number_of(&[0, 0]), None);
        assert_eq!(
            manual.number_of(&[0, 1]).map(|n| n.to_string()),
            Some("1.1".into())
        );
        assert_eq!(manual.number_of(&[1, 0, 0]), None);
    }

    #[test]
    fn outline_numbers_match_number_of() {
        let manual = sample();
        let rows = manual.outline();
        assert_eq!(rows.len(), 7);
        for row in rows {
            assert_eq!(row.number, manual.number_of(&row.path), "at {:?}", row.path);
        }
    }

    #[test]
    fn find_returns_the_path_and_title_path_its_ancestry() {
        let manual = sample();
        let path = manual.find(&EntryId::new("families-first-team")).unwrap();
        assert_eq!(path, vec![1, 0, 0]);
        assert_eq!(
            manual.title_path(&path),
            vec!["Edge of Care", "Families First", "families-first-team"]
        );
        assert_eq!(manual.find(&EntryId::new("nope")), None);
    }

    #[test]
    fn counts_cover_the_whole_tree() {
        let manual = sample();
        assert_eq!(manual.chapter_count(), 4);
        assert_eq!(manual.entry_count(), 7);
    }
}
