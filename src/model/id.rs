//! Stable entry ids: slugs made once from a title and never changed after.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::hash::BuildHasher;

use serde::{Deserialize, Serialize};

/// The stable identity of an entry. Links point at ids, never at numbers.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(transparent)]
pub struct EntryId(pub String);

impl EntryId {
    pub fn new(text: impl Into<String>) -> Self {
        EntryId(text.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EntryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Longest slug made from a title, before a uniqueness suffix.
const MAX_SLUG_LEN: usize = 60;

/// Turns a title into a lowercase ASCII slug: `Children’s Consultation` gives
/// `childrens-consultation`. An empty result becomes `untitled`.
pub fn slugify(title: &str) -> String {
    let mut slug = String::with_capacity(title.len().min(MAX_SLUG_LEN));
    let mut pending_dash = false;
    for ch in title.chars() {
        if ch.is_ascii_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(ch.to_ascii_lowercase());
        } else if matches!(ch, '\'' | '’' | '‘') {
            // Apostrophes join words: "children's" stays one word.
        } else {
            pending_dash = true;
        }
        if slug.len() >= MAX_SLUG_LEN {
            break;
        }
    }
    if slug.len() >= MAX_SLUG_LEN {
        // Cut at a word boundary where there is one.
        slug.truncate(MAX_SLUG_LEN);
        if let Some(dash) = slug.rfind('-') {
            slug.truncate(dash);
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "untitled".to_string()
    } else {
        slug.to_string()
    }
}

/// Hands out ids that are unique within one manual. `S` hashes the names:
/// the standard library's by default; an export, which makes a name for
/// every page and heading of a manual it has already checked, passes a
/// faster one.
#[derive(Debug, Clone)]
pub struct IdAllocator<S = std::hash::RandomState> {
    taken: HashSet<String, S>,
    /// For each slug handed out more than once, the suffix to try next, so
    /// the thousandth "Introduction" costs what the first did.
    next_suffix: HashMap<String, u32, S>,
}

impl Default for IdAllocator {
    fn default() -> Self {
        IdAllocator::empty()
    }
}

impl<S: BuildHasher + Default> IdAllocator<S> {
    /// An allocator that has handed nothing out.
    pub fn empty() -> Self {
        IdAllocator {
            taken: HashSet::default(),
            next_suffix: HashMap::default(),
        }
    }

    /// An allocator that will not hand out any of `taken`.
    pub fn with_taken<'a>(taken: impl IntoIterator<Item = &'a EntryId>) -> Self {
        IdAllocator {
            taken: taken.into_iter().map(|id| id.0.clone()).collect(),
            next_suffix: HashMap::default(),
        }
    }

    /// A fresh id from `title`: its slug, or the slug with `-2`, `-3` ... appended.
    pub fn allocate(&mut self, title: &str) -> EntryId {
        EntryId(self.free_name(slugify(title)))
    }

    /// `base` itself when it is free, else the first of `base-2`,
    /// `base-3` ... that is: any name that must not repeat (an export's
    /// file names, a page's heading anchors), taken as it is given.
    pub fn free_name(&mut self, base: String) -> String {
        if self.taken.insert(base.clone()) {
            return base;
        }
        let next = match self.next_suffix.get_mut(&base) {
            Some(next) => next,
            None => self.next_suffix.entry(base.clone()).or_insert(2),
        };
        loop {
            let mut candidate = String::with_capacity(base.len() + 4);
            candidate.push_str(&base);
            candidate.push('-');
            super::push_decimal(&mut candidate, *next);
            *next += 1;
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_words_joined_by_dashes() {
        assert_eq!(
            slugify("Children’s Services Policies, Values and Principles"),
            "childrens-services-policies-values-and-principles"
        );
        assert_eq!(
            slugify("Child Protection Enquiries (Section 47)"),
            "child-protection-enquiries-section-47"
        );
        assert_eq!(slugify("  "), "untitled");
    }

    #[test]
    fn long_titles_are_cut_without_a_trailing_dash() {
        let slug = slugify(&"word ".repeat(40));
        assert!(slug.len() <= MAX_SLUG_LEN);
        assert!(!slug.ends_with('-'));
        assert!(slug.split('-').all(|w| w == "word"), "{slug}");
    }

    #[test]
    fn the_allocator_never_repeats_an_id() {
        let mut ids: IdAllocator = IdAllocator::with_taken(&[EntryId::new("young-carers")]);
        assert_eq!(ids.allocate("Young Carers").as_str(), "young-carers-2");
        assert_eq!(ids.allocate("Young Carers").as_str(), "young-carers-3");
        assert_eq!(ids.allocate("").as_str(), "untitled");
        assert_eq!(ids.allocate("").as_str(), "untitled-2");
    }

    #[test]
    fn repeated_titles_get_the_next_free_suffix() {
        let mut ids: IdAllocator = IdAllocator::with_taken(&[EntryId::new("intro-3")]);
        let got: Vec<String> = (0..5).map(|_| ids.allocate("Intro").0).collect();
        assert_eq!(got, ["intro", "intro-2", "intro-4", "intro-5", "intro-6"]);
        // A title whose slug looks like a suffixed one is still unique.
        assert_eq!(ids.allocate("Intro 7").0, "intro-7");
        assert_eq!(ids.allocate("Intro").0, "intro-8");
    }
}
