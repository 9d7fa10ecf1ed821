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
    /// Its badge in the current update (a page, the contents, the
    /// document index and the search index each show it).
    pub badge: Badge,
}

impl SiteEntry<'_> {
    /// "4.8.1 Young Carers", or the title alone for an unnumbered entry.
    pub fn label(&self) -> &str {
        &self.label
    }
}

/// The manual, indexed for export.
#[derive(Debug)]
pub struct Site<'m> {
    pub manual: &'m Manual,
    pub entries: Vec<SiteEntry<'m>>,
    /// Each entry's index by its id (the id's text: one lookup less than
    /// through the id, for every link of every page). The ids are copied
    /// here, one after another, rather than read where the manual holds
    /// them among its chapters' text: each link's lookup compares one,
    /// and the copies stay in the processor's cache.
    index_of: FxHashMap<Box<str>, usize>,
    /// Chapter page file names (`young-carers.html`), by entry index
    /// (empty for a section).
    pub file_of: Vec<String>,
    /// Anchor ids in the contents page, by entry index.
    pub anchor_of: Vec<String>,
    /// Chapters in reading order (entry indices).
    pub chapters: Vec<usize>,
    /// The children of each entry, in order (entry indices).
    pub children: Vec<Vec<usize>>,
    /// The top-level entries (the parts), in order.
    pub parts: Vec<usize>,
    /// Each entry's place among its parent's children (or the parts).
    pub place: Vec<usize>,
    /// Each entry's address from the site's root and its label, both
    /// escaped for HTML, one after another (see [`Site::link_parts`]).
    links: String,
    /// Where each entry's address and its label end in `links`.
    link_ends: Vec<(usize, usize)>,
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

/// What an entry's row of the table holds besides the walk, made on
/// every core.
struct Made {
    label: String,
    label_html: String,
    name: String,
    badge: Badge,
}

/// Each of `names` made unique in order: a name already taken gets the
/// first free `-2`, `-3`, ... after it (the model's rule for ids).
fn unique_names(names: Vec<String>) -> Vec<String> {
    let mut taken: FxHashSet<&str> = FxHashSet::default();
    taken.reserve(names.len());
    if names.iter().all(|name| taken.insert(name)) {
        return names;
    }
    let mut used: crate::model::IdAllocator<rustc_hash::FxBuildHasher> =
        crate::model::IdAllocator::empty();
    names.into_iter().map(|name| used.free_name(name)).collect()
}

impl<'m> Site<'m> {
    pub fn new(manual: &'m Manual) -> Self {
        use crate::model::on_every_core::map_in_order;
        // The model's walk gives numbers and ancestry, in order; each
        // entry's strings (label, its HTML, its file name) are then made
        // on every core: everything else of the export waits for this
        // table.
        let mut walked: Vec<(&'m Entry, Option<SectionNumber>, usize, Vec<usize>)> = Vec::new();
        let mut open: Vec<usize> = Vec::new();
        manual.walk(|path, entry, number| {
            let depth = path.len() - 1;
            open.truncate(depth);
            walked.push((entry, number.cloned(), depth, open.clone()));
            open.push(walked.len() - 1);
        });
        let made = map_in_order(&walked, 512, |(entry, number, ..)| {
            let label = crate::model::label(number.as_ref(), &entry.title);
            Made {
                label_html: super::escape::html(&label),
                label,
                name: safe_name(&entry.id),
                badge: manual.badge_of(entry),
            }
        });
        let mut names = Vec::with_capacity(walked.len());
        let mut labels_html = Vec::with_capacity(walked.len());
        let entries: Vec<SiteEntry<'m>> = walked
            .into_iter()
            .zip(made)
            .map(|((entry, number, depth, ancestors), made)| {
                names.push(made.name);
                labels_html.push(made.label_html);
                SiteEntry {
                    entry,
                    number,
                    depth,
                    ancestors,
                    label: made.label,
                    badge: made.badge,
                }
            })
            .collect();
        let names = unique_names(names);
        let mut index_of = FxHashMap::default();
        index_of.reserve(entries.len());
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
            index_of
                .entry(site_entry.entry.id.as_str().into())
                .or_insert(i);
            if !site_entry.entry.is_section() {
                chapters.push(i);
            }
        }
        // Each entry's anchor in the contents, its page's file name (none
        // for a section) and where it is read.
        let named: Vec<(&SiteEntry<'m>, &String)> = entries.iter().zip(&names).collect();
        let addresses = map_in_order(&named, 512, |&(site_entry, name)| {
            let anchor = ["s-", name].concat();
            if site_entry.entry.is_section() {
                let href = ["index.html#", &anchor].concat();
                (anchor, String::new(), href)
            } else {
                let file = [name, ".html"].concat();
                let href = ["chapters/", &file].concat();
                (anchor, file, href)
            }
        });
        let mut anchor_of = Vec::with_capacity(entries.len());
        let mut file_of = Vec::with_capacity(entries.len());
        let mut links = String::with_capacity(
            labels_html.iter().map(String::len).sum::<usize>() + 24 * entries.len(),
        );
        let mut link_ends = Vec::with_capacity(entries.len());
        for ((anchor, file, href), label_html) in addresses.into_iter().zip(labels_html) {
            super::escape::push_html(&mut links, &href);
            let href_end = links.len();
            links.push_str(&label_html);
            link_ends.push((href_end, links.len()));
            anchor_of.push(anchor);
            file_of.push(file);
        }
        Site {
            manual,
            entries,
            index_of,
            file_of,
            anchor_of,
            chapters,
            children,
            parts,
            place,
            links,
            link_ends,
        }
    }

    /// Entry `index`'s address from the site's root and its label, both
    /// escaped for HTML, as a link to it holds them. Every entry's are
    /// kept in one string: a page links to entries all over the manual (a
    /// chapter to its related chapters, the contents to every entry), and
    /// a few hundred kilobytes stay in the processor's cache where
    /// thousands of strings all over memory would not.
    pub fn link_parts(&self, index: usize) -> (&str, &str) {
        let start = index
            .checked_sub(1)
            .map_or(0, |before| self.link_ends[before].1);
        let (href_end, end) = self.link_ends[index];
        (&self.links[start..href_end], &self.links[href_end..end])
    }

    /// Where entry `index` is read, from the site's root: its chapter page
    /// (`chapters/young-carers.html`) or its anchor in the contents
    /// (`index.html#s-…`). Kept once, in the links' string: the names in
    /// it are slugs, which escaping for HTML leaves as they are.
    pub fn href(&self, index: usize) -> &str {
        self.link_parts(index).0
    }

    /// Entry `index`'s label escaped for HTML, to go into a page as it is.
    pub fn label_html(&self, index: usize) -> &str {
        self.link_parts(index).1
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

    /// A manual of several parts, sections in sections, chapters at
    /// every level and unnumbered entries (some with numbered entries
    /// under them), its ids colliding once cleaned or holding `&<'">`.
    fn mixed_manual() -> Manual {
        let mut seed = 0x2545_f491u32;
        let mut next = move |n: u32| {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed % n
        };
        fn level(next: &mut impl FnMut(u32) -> u32, depth: usize, made: &mut usize) -> Vec<Entry> {
            (0..1 + next(5))
                .map(|_| {
                    *made += 1;
                    // Some ids clash once cleaned; some hold what HTML escapes.
                    let prefix = match next(7) {
                        0 => "dup/e",
                        1 => "Q&A <'\">",
                        _ => "",
                    };
                    let id = EntryId::new(format!("{prefix}e{made}"));
                    let mut entry = if depth < 3 && next(3) > 0 {
                        Entry::section(id, format!("S{made}"), level(next, depth + 1, made))
                    } else {
                        Entry::chapter(id, format!("C{made}"))
                    };
                    entry.numbered = next(4) > 0;
                    entry
                })
                .collect()
        }
        let mut manual = Manual::new("M", "T");
        let mut made = 0;
        manual.entries = (0..9)
            .flat_map(|_| level(&mut next, 0, &mut made))
            .collect();
        manual
    }

    #[test]
    fn the_table_walks_the_manual_as_the_model_does() {
        let manual = mixed_manual();
        let site = Site::new(&manual);
        // The model's walk, and each entry's ancestors by their paths.
        let mut expected = Vec::new();
        let mut open: Vec<usize> = Vec::new();
        manual.walk(|path, entry, number| {
            open.truncate(path.len() - 1);
            expected.push((
                entry.id.clone(),
                number.cloned(),
                path.len() - 1,
                open.clone(),
            ));
            open.push(expected.len() - 1);
        });
        assert!(expected.len() > 50, "{} entries", expected.len());
        assert!(expected.iter().any(|(_, number, ..)| number.is_none()));
        assert!(expected.iter().any(|(id, ..)| id.as_str().contains('&')));
        assert!(
            expected
                .iter()
                .any(|(_, number, ..)| number.as_ref().is_some_and(|n| n.0.len() > 3))
        );
        let got: Vec<_> = site
            .entries
            .iter()
            .map(|e| {
                (
                    e.entry.id.clone(),
                    e.number.clone(),
                    e.depth,
                    e.ancestors.clone(),
                )
            })
            .collect();
        assert_eq!(got, expected);
        for (i, entry) in site.entries.iter().enumerate() {
            let siblings = match entry.ancestors.last() {
                Some(&parent) => &site.children[parent],
                None => &site.parts,
            };
            assert_eq!(siblings[site.place[i]], i);
            assert_eq!(
                site.find(&entry.entry.id)
                    .map(|at| &site.entries[at].entry.id),
                Some(&entry.entry.id)
            );
            assert_eq!(
                entry.label(),
                crate::model::label(entry.number.as_ref(), &entry.entry.title)
            );
        }
        let chapters: Vec<usize> = (0..site.entries.len())
            .filter(|&i| !site.entries[i].entry.is_section())
            .collect();
        assert_eq!(site.chapters, chapters);
        for i in 0..site.entries.len() {
            let href = site.href(i);
            assert_eq!(super::super::escape::html(href), href);
            let expected = if site.entries[i].entry.is_section() {
                ["index.html#", &site.anchor_of[i]].concat()
            } else {
                ["chapters/", &site.file_of[i]].concat()
            };
            assert_eq!(href, expected);
        }
        let files: Vec<&String> = chapters.iter().map(|&i| &site.file_of[i]).collect();
        assert_eq!(files.iter().collect::<FxHashSet<_>>().len(), files.len());
        assert!(files.iter().any(|f| f.starts_with("dup-e")));
    }

    #[test]
    fn a_name_taken_by_an_earlier_renaming_is_renamed_in_turn() {
        let names = ["a-b", "a-b", "a-b-2", "c", "a-b"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            unique_names(names),
            ["a-b", "a-b-2", "a-b-2-2", "c", "a-b-3"]
        );
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
        let mut names: Vec<&String> = site.file_of.iter().filter(|f| !f.is_empty()).collect();
        names.sort();
        assert_eq!(names, vec!["a-b-2.html", "a-b.html"]);
    }
}
