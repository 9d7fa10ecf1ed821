//! A chapter's published versions: from the copies kept of each
//! published update, each version of each chapter with the update's note,
//! who approved it and when it was superseded. The History view, `versions
//! history` and the export's archive of superseded pages read them.

use std::collections::HashMap;

use super::redline::{Piece, redline};
use super::template::comparable_text;
use super::{Approval, Entry, EntryId, Manual, Update};

/// One version of a chapter as it was published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedChapter {
    /// The update it was published in ("April 2026").
    pub update: String,
    /// The update's publication date.
    pub published: String,
    /// Its number and title then ("4.8.1 Young Carers").
    pub label: String,
    /// The chapter's own fields then (its children left out).
    pub entry: Entry,
    /// Its amendment notes in that update.
    pub notes: Vec<String>,
    pub approval: Option<Approval>,
    /// The update was published without sign-off, for this reason.
    pub without_sign_off: Option<String>,
    /// The date of the update that changed or withdrew it; `None` while
    /// it is the version in force.
    pub superseded_on: Option<String>,
}

/// The published copies, oldest first: each update that kept one, and
/// the copy.
pub type Copies = Vec<(Update, Manual)>;

/// Every chapter's published versions, oldest first, where `wanted` says
/// so: one walk of each copy. A copy that says the same as the one before
/// is no new version of the chapter.
pub fn chapter_versions(
    copies: &[(Update, Manual)],
    wanted: impl Fn(&EntryId) -> bool,
) -> HashMap<EntryId, Vec<PublishedChapter>> {
    let mut versions: HashMap<EntryId, Vec<PublishedChapter>> = HashMap::new();
    let mut last_text: HashMap<EntryId, String> = HashMap::new();
    for (update, copy) in copies {
        let mut seen = std::collections::HashSet::new();
        copy.walk(|_, entry, number| {
            let Some(chapter) = entry.chapter_details() else {
                return;
            };
            if !wanted(&entry.id) || !seen.insert(entry.id.clone()) {
                return;
            }
            let text = comparable_text(entry);
            let list = versions.entry(entry.id.clone()).or_default();
            let same = last_text.get(&entry.id) == Some(&text)
                && list.last().is_some_and(|v| v.superseded_on.is_none());
            if same {
                return;
            }
            if let Some(last) = list.last_mut()
                && last.superseded_on.is_none()
            {
                last.superseded_on = Some(update.date.clone());
            }
            last_text.insert(entry.id.clone(), text);
            list.push(PublishedChapter {
                update: update.label.clone(),
                published: update.date.clone(),
                label: crate::model::label(number, &entry.title),
                entry: entry.clone_head(),
                notes: chapter
                    .amendments
                    .iter()
                    .filter(|a| a.update == update.label && !a.draft)
                    .map(|a| a.text.clone())
                    .collect(),
                approval: update
                    .approvals
                    .iter()
                    .rev()
                    .find(|a| a.id == entry.id)
                    .cloned(),
                without_sign_off: update.without_sign_off.clone(),
                superseded_on: None,
            });
        });
        // Withdrawn in this update: no longer in force.
        for (id, list) in &mut versions {
            if !seen.contains(id)
                && let Some(last) = list.last_mut()
                && last.superseded_on.is_none()
            {
                last.superseded_on = Some(update.date.clone());
            }
        }
    }
    versions
}

/// `before` against `after`, word by word: title, scope and text.
pub fn compare(before: &Entry, after: &Entry) -> Vec<Piece> {
    redline(&comparable_text(before), &comparable_text(after))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Amendment;

    fn copy(manual: &Manual, label: &str, date: &str, body: Option<&str>) -> (Update, Manual) {
        let mut copy = manual.clone();
        if let Some(body) = body {
            let chapter = copy.chapter_mut(&EntryId::new("young-carers-2")).unwrap();
            chapter.body = body.into();
            chapter.amendments.push(Amendment {
                date: date[..7].into(),
                text: format!("Revised in {label}."),
                update: label.into(),
                draft: false,
            });
        }
        let update = Update {
            label: label.into(),
            date: date.into(),
            published: true,
            ..Update::default()
        };
        (update, copy)
    }

    #[test]
    fn a_chapter_has_a_version_for_each_update_that_changed_it() {
        let base = crate::store::format::stockport_sample();
        let first = copy(&base, "June 2026", "2026-06-01", Some("First words."));
        let unchanged = copy(&first.1, "September 2026", "2026-09-01", None);
        let second = copy(
            &first.1,
            "December 2026",
            "2026-12-01",
            Some("Second words."),
        );
        let copies = vec![first, unchanged, second];
        let id = EntryId::new("young-carers-2");
        let versions = chapter_versions(&copies, |other| *other == id)
            .remove(&id)
            .unwrap();
        let rows: Vec<_> = versions
            .iter()
            .map(|v| {
                (
                    v.update.as_str(),
                    v.superseded_on.as_deref(),
                    v.notes.clone(),
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                (
                    "June 2026",
                    Some("2026-12-01"),
                    vec!["Revised in June 2026.".to_string()]
                ),
                (
                    "December 2026",
                    None,
                    vec!["Revised in December 2026.".to_string()]
                ),
            ]
        );
        assert!(versions[0].label.ends_with("Young Carers"));
        let pieces = compare(&versions[0].entry, &versions[1].entry);
        assert!(
            pieces
                .iter()
                .any(|p| p.mark == crate::model::redline::Mark::Removed && p.text.contains("First"))
        );
    }

    #[test]
    fn a_chapter_withdrawn_is_superseded_on_that_date() {
        let base = crate::store::format::stockport_sample();
        let first = copy(&base, "June 2026", "2026-06-01", Some("Words."));
        let mut gone = first.1.clone();
        let path = gone.find(&EntryId::new("young-carers-2")).unwrap();
        gone.children_mut(&path[..path.len() - 1])
            .unwrap()
            .remove(path[path.len() - 1]);
        let (mut update, _) = copy(&base, "December 2026", "2026-12-01", None);
        update.published = true;
        let id = EntryId::new("young-carers-2");
        let versions = chapter_versions(&[first, (update, gone)], |other| *other == id)
            .remove(&id)
            .unwrap();
        assert_eq!(versions.len(), 1);
        assert_eq!(versions[0].superseded_on.as_deref(), Some("2026-12-01"));
    }
}
