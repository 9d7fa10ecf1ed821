//! Induction packs: a trainer's selection of chapters from a manual, in
//! the trainer's own order, with group headings and notes. A pack is a
//! small file of its own that points into the manual by id, so the manual
//! is never changed and the pack follows its renames and moves.

use serde::{Deserialize, Serialize};

use super::{EntryId, Manual, label};

/// The pack file format version this program writes and reads.
pub const PACK_FORMAT_VERSION: u32 = 1;

/// One induction pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pack {
    pub format: u32,
    pub title: String,
    /// Who it is for: "Newly qualified social workers".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub audience: String,
    /// The manual it draws from: a path relative to the pack file.
    pub manual: String,
    /// The manual's title when the pack was made, checked on open.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub manual_title: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<PackItem>,
}

/// One line of a pack: a chapter or section of the manual, or a heading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PackItem {
    Entry {
        id: EntryId,
        /// The trainer's note shown with it.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        note: String,
        /// The manual's current update when the item was added, so the
        /// pack can say the chapter was updated since.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        update: Option<String>,
    },
    /// A group heading: "Week 1: Safeguarding".
    Heading { text: String },
}

/// What a pack item finds in the manual now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemState {
    /// "4.8.1 Young Carers", as it is numbered now.
    Found { label: String },
    /// Amended in an update after the item was added.
    UpdatedSince { label: String, update: String },
    /// No entry has the id any more.
    Missing,
}

impl Pack {
    pub fn new(title: impl Into<String>, manual: impl Into<String>, manual_title: &str) -> Self {
        Pack {
            format: PACK_FORMAT_VERSION,
            title: title.into(),
            audience: String::new(),
            manual: manual.into(),
            manual_title: manual_title.to_string(),
            items: Vec::new(),
        }
    }

    /// The whole manual as one printable document: each part a heading
    /// (its own printed page), then its chapters in order.
    pub fn whole_manual(manual: &super::Manual) -> Self {
        let mut pack = Pack::new(manual.title.clone(), "", &manual.title);
        manual.walk(|path, entry, number| {
            if path.len() == 1 && entry.is_section() {
                pack.items.push(PackItem::Heading {
                    text: super::label(number, &entry.title),
                });
            }
            if entry.chapter_details().is_some() {
                pack.items.push(PackItem::Entry {
                    id: entry.id.clone(),
                    note: String::new(),
                    update: None,
                });
            }
        });
        pack
    }

    /// Adds `id` at the end; a section brings its chapters, in order.
    /// Entries already in the pack are not added twice. Returns how many
    /// items were added.
    pub fn add(&mut self, manual: &Manual, id: &EntryId) -> usize {
        self.insert(manual, self.items.len(), std::slice::from_ref(id))
    }

    /// Puts `ids` before the item now at `at` (`at` past the end: last), in
    /// the given order; a section brings its chapters, in order. Entries
    /// already in the pack, and ids the manual lacks, are left out.
    /// Returns how many items were added.
    pub fn insert(&mut self, manual: &Manual, at: usize, ids: &[EntryId]) -> usize {
        let mut chapters = Vec::new();
        for id in ids {
            if let Some(entry) = manual.find(id).and_then(|path| manual.entry(&path)) {
                collect_chapters(entry, &mut chapters);
            }
        }
        let update = manual.current_update().map(|u| u.label.clone());
        let mut new_items: Vec<PackItem> = Vec::new();
        for id in chapters {
            let is_new = !self.contains(&id)
                && !new_items
                    .iter()
                    .any(|item| matches!(item, PackItem::Entry { id: x, .. } if *x == id));
            if is_new {
                new_items.push(PackItem::Entry {
                    id,
                    note: String::new(),
                    update: update.clone(),
                });
            }
        }
        let added = new_items.len();
        let at = at.min(self.items.len());
        self.items.splice(at..at, new_items);
        added
    }

    /// The pack's position of each chapter item, counting chapters only
    /// (headings are not numbered): `None` for a heading.
    pub fn item_numbers(&self) -> Vec<Option<usize>> {
        let mut next = 0;
        self.items
            .iter()
            .map(|item| match item {
                PackItem::Entry { .. } => {
                    next += 1;
                    Some(next)
                }
                PackItem::Heading { .. } => None,
            })
            .collect()
    }

    pub fn contains(&self, id: &EntryId) -> bool {
        self.items
            .iter()
            .any(|item| matches!(item, PackItem::Entry { id: x, .. } if x == id))
    }

    /// What each item finds in `manual` now, in order (headings: `None`).
    pub fn states(&self, manual: &Manual) -> Vec<Option<ItemState>> {
        let order = |label: &str| manual.updates.iter().position(|u| u.label == label);
        self.items
            .iter()
            .map(|item| {
                let PackItem::Entry { id, update, .. } = item else {
                    return None;
                };
                let Some(path) = manual.find(id) else {
                    return Some(ItemState::Missing);
                };
                let entry = manual.entry(&path)?;
                let label = label(manual.number_of(&path).as_ref(), &entry.title);
                let added_at = update.as_deref().and_then(order);
                let later = entry.chapter_details().and_then(|chapter| {
                    chapter
                        .amendments
                        .iter()
                        .filter(|a| !a.draft)
                        .filter(|a| order(&a.update) > added_at)
                        .max_by_key(|a| order(&a.update))
                        .map(|a| a.update.clone())
                });
                Some(match later {
                    Some(update) => ItemState::UpdatedSince { label, update },
                    None => ItemState::Found { label },
                })
            })
            .collect()
    }
}

fn collect_chapters(entry: &super::Entry, out: &mut Vec<EntryId>) {
    if entry.is_section() {
        for child in entry.children() {
            collect_chapters(child, out);
        }
    } else {
        out.push(entry.id.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Amendment;

    fn stockport() -> Manual {
        crate::store::format::stockport_sample()
    }

    #[test]
    fn a_section_brings_its_chapters_in_order_once() {
        let manual = stockport();
        let mut pack = Pack::new("Week 1", "stockport.ron", &manual.title);
        assert_eq!(pack.add(&manual, &EntryId::new("young-carers")), 1);
        assert_eq!(pack.add(&manual, &EntryId::new("young-carers-2")), 0);
        assert_eq!(
            pack.add(&manual, &EntryId::new("policy-values-and-principles")),
            7
        );
        assert_eq!(pack.items.len(), 8);
        assert_eq!(pack.add(&manual, &EntryId::new("no-such-entry")), 0);
    }

    #[test]
    fn insert_puts_chapters_at_the_place_in_order_and_skips_what_is_there() {
        let manual = stockport();
        let mut pack = Pack::new("Week 1", "stockport.ron", &manual.title);
        pack.items.push(PackItem::Heading {
            text: "Day 1".into(),
        });
        pack.add(&manual, &EntryId::new("young-carers-2"));
        // Before the chapter: a chapter already there and a section whose
        // first chapter is named twice.
        let added = pack.insert(
            &manual,
            1,
            &[
                EntryId::new("young-carers-2"),
                EntryId::new("confidentiality-policy"),
                EntryId::new("policy-values-and-principles"),
                EntryId::new("no-such-entry"),
            ],
        );
        let ids: Vec<String> = pack
            .items
            .iter()
            .map(|item| match item {
                PackItem::Entry { id, .. } => id.to_string(),
                PackItem::Heading { text } => format!("# {text}"),
            })
            .collect();
        assert_eq!(added, 7);
        assert_eq!(ids.len(), 9);
        assert_eq!(ids[0], "# Day 1");
        assert_eq!(ids[1], "confidentiality-policy");
        assert_eq!(ids[8], "young-carers-2");
        assert_eq!(
            ids.iter()
                .filter(|i| *i == "confidentiality-policy")
                .count(),
            1
        );
        assert_eq!(
            pack.item_numbers(),
            vec![
                None,
                Some(1),
                Some(2),
                Some(3),
                Some(4),
                Some(5),
                Some(6),
                Some(7),
                Some(8)
            ]
        );
        // Past the end means last.
        let mut short = Pack::new("P", "m.ron", "");
        short.insert(&manual, 99, &[EntryId::new("young-carers-2")]);
        assert_eq!(short.items.len(), 1);
    }

    #[test]
    fn items_follow_moves_and_renames_and_flag_deletions_and_updates() {
        let mut manual = stockport();
        let mut pack = Pack::new("Pack", "stockport.ron", &manual.title);
        pack.add(&manual, &EntryId::new("young-carers-2"));
        pack.add(&manual, &EntryId::new("confidentiality-policy"));
        pack.add(&manual, &EntryId::new("supervision-policy"));
        // Renamed, amended in a later update, and one deleted.
        let path = manual.find(&EntryId::new("young-carers-2")).unwrap();
        manual.entry_mut(&path).unwrap().title = "Young Carers and Their Families".into();
        manual.updates = manual.updates_after_starting("April 2025", "").unwrap();
        let path = manual
            .find(&EntryId::new("confidentiality-policy"))
            .unwrap();
        let chapter = manual
            .entry_mut(&path)
            .unwrap()
            .chapter_details_mut()
            .unwrap();
        chapter.amendments.push(Amendment {
            date: String::new(),
            text: "Links have been updated.".into(),
            update: "April 2025".into(),
            draft: false,
        });
        let path = manual.find(&EntryId::new("supervision-policy")).unwrap();
        manual
            .children_mut(&path[..path.len() - 1])
            .unwrap()
            .remove(path[path.len() - 1]);
        assert_eq!(
            pack.states(&manual),
            vec![
                Some(ItemState::Found {
                    label: "4.8.1 Young Carers and Their Families".into()
                }),
                Some(ItemState::UpdatedSince {
                    label: "1.1.2 Confidentiality Policy".into(),
                    update: "April 2025".into()
                }),
                Some(ItemState::Missing),
            ]
        );
    }
}
