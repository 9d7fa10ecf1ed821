//! What every page needs to know about the whole manual, computed once:
//! numbers, file names of chapter pages, section anchors, ancestry and the
//! reading order of chapters.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::model::{Badge, Entry, EntryId, Manual, SectionNumber, slugify};

/// One entry as the export sees it.
#[derive(Debug)]
pub struct SiteEntry<'m> {
    pub entry: &'m Entry,
    pub number: Option<SectionNumber>,
    pub depth: usize,
    /// Indices (into `Site::entries`) of the ancestors, part first.
    pub ancestors: Vec<usize>,
    /// "4.8.1 Young Carers", made once: a page names a dozen others.
    label: String,
    /// The label escaped for HTML.
    label_html: String,
    /// Its badge in the current update (a page, the contents, the
    /// document index and the search index each show it).
    pub badge: Badge,
}

impl SiteEntry<'_> {
    /// "4.8.1 Young Carers", or the title alone for an unnumbered entry.
    pub fn label(&self) -> &str {
        &self.label
    }

    /// [`SiteEntry::label`] escaped for HTML, to go into a page as it is.
    pub fn label_html(&self) -> &str {
        &self.label_html
    }
}

/// The manual, indexed for export.
#[derive(Debug)]
pub struct Site<'m> {
    pub manual: &'m Manual,
    pub entries: Vec<SiteEntry<'m>>,
    /// Each entry's index by its id (the id's text: one lookup less than
    /// through the id, for every link of every page).
    pub index_of: FxHashMap<&'m str, usize>,
    /// Chapter page file names (`young-carers.html`), by entry index.
    pub file_of: FxHashMap<usize, String>,
    /// Anchor ids in the contents page, by entry index.
    pub anchor_of: Vec<String>,
    /// Where each entry is read, from the site's root: its chapter page
    /// (`chapters/young-carers.html`) or its anchor in the contents.
    pub href_of: Vec<String>,
    /// Chapters in reading order (entry indices).
    pub chapters: Vec<usize>,
    /// The children of each entry, in order (entry indices).
    pub children: Vec<Vec<usize>>,
    /// The top-level entries (the parts), in order.
    pub parts: Vec<usize>,
    /// Each entry's place among its parent's children (or the parts).
    pub place: Vec<usize>,
}

/// A file-system and URL safe name: the id itself when it is a plain slug,
/// else a slug made from it.
fn safe_name(id: &EntryId) -> String {
    let text = id.as_str();
    let plain = !text.is_empty()
        && text.len() <= 100
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        && !text.starts_with(['-', '_']);
    if plain {
        text.to_string()
    } else {
        slugify(text)
    }
}

impl<'m> Site<'m> {
    pub fn new(manual: &'m Manual) -> Self {
        // The walk gives numbers and ancestry, in order; each entry's
        // strings (label, its HTML, its file name) are then made on every
        // core: everything else of the export waits for this table.
        let mut walked: Vec<(&'m Entry, Option<SectionNumber>, usize, Vec<usize>)> = Vec::new();
        let mut open: Vec<usize> = Vec::new();
        manual.walk(|path, entry, number| {
            let depth = path.len() - 1;
            open.truncate(depth);
            walked.push((entry, number.cloned(), depth, open.clone()));
            open.push(walked.len() - 1);
        });
        let made =
            crate::model::on_every_core::map_in_order(&walked, 512, |(entry, number, ..)| {
                let label = crate::model::label(number.as_ref(), &entry.title);
                let badge = manual.badge_of(entry);
                (
                    super::escape::html(&label),
                    label,
                    safe_name(&entry.id),
                    badge,
                )
            });
        let mut names = Vec::with_capacity(walked.len());
        let entries: Vec<SiteEntry<'m>> = walked
            .into_iter()
            .zip(made)
            .map(
                |((entry, number, depth, ancestors), (label_html, label, name, badge))| {
                    names.push(name);
                    SiteEntry {
                        entry,
                        number,
                        depth,
                        ancestors,
                        label,
                        label_html,
                        badge,
                    }
                },
            )
            .collect();
        let mut index_of = FxHashMap::default();
        let mut used_names = FxHashSet::default();
        let mut file_of = FxHashMap::default();
        let mut anchor_of = Vec::with_capacity(entries.len());
        let mut chapters = Vec::new();
        let mut children = vec![Vec::new(); entries.len()];
        let mut parts = Vec::new();
        let mut place = Vec::with_capacity(entries.len());
        for (i, site_entry) in entries.iter().enumerate() {
            let siblings = match site_entry.ancestors.last() {
                Some(&parent) => &mut children[parent],
                None => &mut parts,
            };
            place.push(siblings.len());
            siblings.push(i);
            index_of.entry(site_entry.entry.id.as_str()).or_insert(i);
            let mut name = std::mem::take(&mut names[i]);
            if !used_names.insert(name.clone()) {
                let base = std::mem::take(&mut name);
                let mut n = 2;
                loop {
                    name = format!("{base}-{n}");
                    if used_names.insert(name.clone()) {
                        break;
                    }
                    n += 1;
                }
            }
            anchor_of.push(["s-", &name].concat());
            if !site_entry.entry.is_section() {
                file_of.insert(i, [&name, ".html"].concat());
                chapters.push(i);
            }
        }
        let href_of = (0..entries.len())
            .map(|i| match file_of.get(&i) {
                Some(file) => ["chapters/", file].concat(),
                None => ["index.html#", &anchor_of[i]].concat(),
            })
            .collect();
        Site {
            manual,
            href_of,
            entries,
            index_of,
            file_of,
            anchor_of,
            chapters,
            children,
            parts,
            place,
        }
    }

    pub fn find(&self, id: &EntryId) -> Option<usize> {
        self.index_of.get(id.as_str()).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_that_are_not_plain_slugs_get_safe_file_names() {
        assert_eq!(safe_name(&EntryId::new("young-carers")), "young-carers");
        assert_eq!(safe_name(&EntryId::new("../../etc/passwd")), "etc-passwd");
        assert_eq!(safe_name(&EntryId::new("<script>")), "script");
        assert_eq!(safe_name(&EntryId::new("")), "untitled");
    }

    #[test]
    fn file_names_are_unique_even_when_ids_collide_after_cleaning() {
        let mut manual = Manual::new("M", "T");
        manual.entries = vec![Entry::section(
            EntryId::new("p"),
            "P",
            vec![
                Entry::chapter(EntryId::new("a/b"), "X"),
                Entry::chapter(EntryId::new("a-b"), "Y"),
            ],
        )];
        let site = Site::new(&manual);
        let mut names: Vec<&String> = site.file_of.values().collect();
        names.sort();
        assert_eq!(names, vec!["a-b-2.html", "a-b.html"]);
    }
}
