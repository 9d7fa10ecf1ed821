//! The outline derived from a manual: one row per entry with its number,
//! title, badge and warnings, the validation warnings and the backlinks.
//! Built once per change, not once per frame, and brought up to date in
//! place after edits that only move entries or change their own fields.

use rustc_hash::FxHashMap;

use crate::model::{
    Backlinks, Badge, Entry, EntryId, EntryPath, Manual, SectionNumber, Warning, entry_warnings,
};

/// One row of the outline: everything the tree needs to draw an entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub id: EntryId,
    pub path: EntryPath,
    pub depth: usize,
    /// The derived number; `None` for an unnumbered entry.
    pub number: Option<SectionNumber>,
    pub title: String,
    pub badge: Badge,
    pub is_section: bool,
    /// Index of the parent's row, if any.
    pub parent: Option<usize>,
    /// How many validation warnings concern this entry.
    pub warnings: usize,
    /// Number and title in lower case, for filtering.
    pub search_text: String,
}

impl Row {
    /// "4.8.1 Young Carers", the text a reader knows an entry by.
    pub fn label(&self) -> String {
        crate::model::label(self.number.as_ref(), &self.title)
    }

    /// The number as written ("4.8.1"), empty for an unnumbered entry.
    pub fn number_text(&self) -> String {
        self.number
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default()
    }
}

/// Number and title in lower case, for filtering.
fn search_text(number: Option<&SectionNumber>, title: &str) -> String {
    let number = number.map(ToString::to_string).unwrap_or_default();
    let mut text = String::with_capacity(number.len() + title.len() + 1);
    text.push_str(&number);
    text.push(' ');
    text.extend(title.chars().flat_map(char::to_lowercase));
    text
}

/// The internal targets of an entry's see-also list.
pub(super) fn targets(entry: &Entry) -> Vec<EntryId> {
    entry.link_targets()
}

/// An edit of one entry's own fields: the entry and what it linked to before.
pub(super) type FieldChange = (EntryId, Vec<EntryId>);

/// Every entry's row in document order, the index of each id's row, and
/// the number of chapters.
fn build_rows(
    manual: &Manual,
    warnings: &[Warning],
) -> (Vec<Row>, FxHashMap<EntryId, usize>, usize) {
    let mut warning_counts: FxHashMap<&EntryId, usize> = FxHashMap::default();
    for warning in warnings {
        if let Some(id) = &warning.entry {
            *warning_counts.entry(id).or_default() += 1;
        }
    }
    let mut rows: Vec<Row> = Vec::with_capacity(manual.entry_count());
    let mut row_of = FxHashMap::default();
    row_of.reserve(rows.capacity());
    let mut chapter_count = 0;
    // The row index of the last entry seen at each depth, for parent links.
    let mut open: Vec<usize> = Vec::new();
    manual.walk(|path, entry, number| {
        let depth = path.len() - 1;
        open.truncate(depth);
        let number = number.cloned();
        let search_text = search_text(number.as_ref(), &entry.title);
        chapter_count += usize::from(!entry.is_section());
        let index = rows.len();
        row_of.entry(entry.id.clone()).or_insert(index);
        rows.push(Row {
            id: entry.id.clone(),
            path: path.to_vec(),
            depth,
            number,
            title: entry.title.clone(),
            badge: manual.badge_of(entry),
            is_section: entry.is_section(),
            parent: open.last().copied(),
            warnings: warning_counts.get(&entry.id).copied().unwrap_or(0),
            search_text,
        });
        open.push(index);
    });
    (rows, row_of, chapter_count)
}

/// Derived from the manual; rebuilt whenever the revision changes.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    pub rows: Vec<Row>,
    pub row_of: FxHashMap<EntryId, usize>,
    pub warnings: Vec<Warning>,
    pub backlinks: Backlinks,
    pub chapter_count: usize,
}

impl Outline {
    pub fn build(manual: &Manual) -> Self {
        let warnings = manual.validate();
        let (rows, row_of, chapter_count) = build_rows(manual, &warnings);
        Outline {
            rows,
            row_of,
            backlinks: Backlinks::build(manual),
            warnings,
            chapter_count,
        }
    }

    /// Brings the outline up to date after moves: rows and numbers change,
    /// but no link or field does, so the backlinks stay and the warnings
    /// only take their entries' new numbers.
    pub(super) fn rebuild_after_moves(&mut self, manual: &Manual) {
        let (rows, row_of, chapter_count) = build_rows(manual, &self.warnings);
        for warning in &mut self.warnings {
            if let Some(row) = warning
                .entry
                .as_ref()
                .and_then(|id| row_of.get(id))
                .and_then(|&r| rows.get(r))
            {
                warning.number = row.number.as_ref().map(ToString::to_string);
            }
        }
        let order = |w: &Warning| {
            w.entry
                .as_ref()
                .and_then(|e| row_of.get(e))
                .copied()
                .unwrap_or(usize::MAX)
        };
        self.warnings.sort_by_key(order);
        self.rows = rows;
        self.row_of = row_of;
        self.chapter_count = chapter_count;
    }

    pub fn row(&self, id: &EntryId) -> Option<&Row> {
        self.row_of.get(id).and_then(|&i| self.rows.get(i))
    }

    /// Brings the outline up to date after edits of entries' own fields
    /// (title, badge, see-also, ...) that left numbering and the tree's shape
    /// alone: their rows, their warnings and their backlinks, without
    /// rebuilding the rest.
    pub(super) fn update_entries(&mut self, manual: &Manual, changes: &[FieldChange]) {
        for (id, old_targets) in changes {
            let Some(&index) = self.row_of.get(id) else {
                continue;
            };
            let Some(entry) = self.rows.get(index).and_then(|row| manual.entry(&row.path)) else {
                continue;
            };
            let row = &mut self.rows[index];
            row.title = entry.title.clone();
            row.badge = manual.badge_of(entry);
            row.search_text = search_text(row.number.as_ref(), &entry.title);
            let number = row.number.clone();
            self.warnings.retain(|w| w.entry.as_ref() != Some(id));
            let row_of = &self.row_of;
            entry_warnings(
                entry,
                number.as_ref(),
                |t| row_of.contains_key(t),
                &manual.updates,
                &mut self.warnings,
            );
            self.backlinks
                .relink(id, old_targets, &targets(entry), |s| {
                    row_of.get(s).copied().unwrap_or(usize::MAX)
                });
        }
        // Back into document order; the sort is stable, so an entry's own
        // warnings keep their order.
        let row_of = &self.row_of;
        self.warnings.sort_by_key(|w| {
            w.entry
                .as_ref()
                .and_then(|e| row_of.get(e))
                .copied()
                .unwrap_or(usize::MAX)
        });
        for (id, _) in changes {
            if let Some(&index) = self.row_of.get(id) {
                self.rows[index].warnings = self
                    .warnings
                    .iter()
                    .filter(|w| w.entry.as_ref() == Some(id))
                    .count();
            }
        }
    }

    pub fn serious_warning_count(&self) -> usize {
        self.warnings.iter().filter(|w| w.is_serious()).count()
    }
}
