//! Amendment notes the editor drafts for the owner: while an update is
//! open, a chapter that moves gets a draft "Moved from 4.8.1 to 1.1.8."
//! in it, and one that is renamed "Renamed from “Old title”.", to keep,
//! edit or drop. Moving or renaming it again updates the same draft;
//! moving it back or restoring the title drops it.

use super::Edit;
use crate::model::{Amendment, EntryId, Manual};

/// One kind of drafted note: how it starts, how to read back the value an
/// earlier draft started from, and how it is written.
struct DraftKind {
    prefix: &'static str,
    origin: fn(&str) -> Option<&str>,
    text: fn(&str, &str) -> String,
}

const MOVED: DraftKind = DraftKind {
    prefix: "Moved from ",
    origin: |rest| rest.split(" to ").next(),
    text: |from, to| format!("Moved from {from} to {to}."),
};

const RENAMED: DraftKind = DraftKind {
    prefix: "Renamed from “",
    origin: |rest| rest.strip_suffix("”."),
    text: |from, _| format!("Renamed from “{from}”."),
};

/// The chapters among `edits` that move, with their numbers now (before
/// the edits are applied). Empty when no update is open.
pub fn moving_chapters(manual: &Manual, edits: &[Edit]) -> Vec<(EntryId, String)> {
    if manual.open_update().is_none() {
        return Vec::new();
    }
    edits
        .iter()
        .filter_map(|edit| match edit {
            Edit::Place { id, .. } | Edit::Move { id, .. } => Some(id),
            _ => None,
        })
        .filter_map(|id| {
            let path = manual.find(id)?;
            let entry = manual.entry(&path)?;
            (!entry.is_section()).then(|| (id.clone(), number_text(manual, &path)))
        })
        .collect()
}

/// The chapters that `edits` rename, with their titles now (before the
/// edits are applied). Empty when no update is open.
pub fn renaming_chapters(manual: &Manual, edits: &[Edit]) -> Vec<(EntryId, String)> {
    if manual.open_update().is_none() {
        return Vec::new();
    }
    edits
        .iter()
        .filter_map(|edit| match edit {
            Edit::UpdateEntry { entry } if !entry.is_section() => Some(entry),
            _ => None,
        })
        .filter_map(|entry| {
            let path = manual.find(&entry.id)?;
            let current = manual.entry(&path)?;
            (current.title != entry.title).then(|| (entry.id.clone(), current.title.clone()))
        })
        .collect()
}

fn number_text(manual: &Manual, path: &[usize]) -> String {
    manual
        .number_of(path)
        .map(|n| n.to_string())
        .unwrap_or_default()
}

/// The edits that record, as drafts in the open update, where the
/// `moved` chapters (with their numbers before) went.
pub fn draft_move_notes(manual: &Manual, moved: &[(EntryId, String)]) -> Vec<Edit> {
    redraft_all(manual, moved, &MOVED, |path, _| number_text(manual, path))
}

/// The edits that record, as drafts in the open update, the `renamed`
/// chapters' earlier titles.
pub fn draft_rename_notes(manual: &Manual, renamed: &[(EntryId, String)]) -> Vec<Edit> {
    redraft_all(manual, renamed, &RENAMED, |_, entry| entry.title.clone())
}

/// For each (chapter, value before), the chapter's draft of `kind` made
/// to say "from the first value to the value now", or dropped when the
/// two are equal again; an edit for each chapter that changed.
fn redraft_all(
    manual: &Manual,
    changed: &[(EntryId, String)],
    kind: &DraftKind,
    now: impl Fn(&[usize], &crate::model::Entry) -> String,
) -> Vec<Edit> {
    let Some(update) = manual.open_update() else {
        return Vec::new();
    };
    let mut edits = Vec::new();
    for (id, before) in changed {
        let Some(path) = manual.find(id) else {
            continue;
        };
        let Some(entry) = manual.entry(&path) else {
            continue;
        };
        let now = now(&path, entry);
        let mut head = entry.clone_head();
        let Some(chapter) = head.chapter_details_mut() else {
            continue;
        };
        let earlier = chapter
            .amendments
            .iter()
            .position(|a| a.draft && a.update == update.label && a.text.starts_with(kind.prefix));
        // The value it had when the update first changed it.
        let origin = earlier
            .and_then(|i| chapter.amendments[i].text.strip_prefix(kind.prefix))
            .and_then(kind.origin)
            .map_or_else(|| before.clone(), str::to_string);
        if let Some(i) = earlier {
            chapter.amendments.remove(i);
        }
        if origin != now {
            let date = if update.date.is_empty() {
                crate::model::date::today_iso().chars().take(7).collect()
            } else {
                update.date.clone()
            };
            let note = Amendment {
                date,
                text: (kind.text)(&origin, &now),
                update: update.label.clone(),
                draft: true,
            };
            chapter.amendments.insert(0, note);
        } else if earlier.is_none() {
            continue;
        }
        edits.push(Edit::UpdateEntry {
            entry: Box::new(head),
        });
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::Placement;
    use crate::model::{Entry, Update};

    fn manual(open: bool) -> Manual {
        let mut m = Manual::new("M", "T");
        m.updates = vec![Update {
            label: "April 2025".into(),
            date: "2025-04".into(),
            published: !open,
            ..Default::default()
        }];
        let chapters = |ids: &[&str]| {
            ids.iter()
                .map(|id| Entry::chapter(EntryId::new(*id), id.to_string()))
                .collect()
        };
        m.entries = vec![
            Entry::section(EntryId::new("p1"), "P1", chapters(&["a", "b"])),
            Entry::section(EntryId::new("p2"), "P2", chapters(&["c"])),
        ];
        m
    }

    fn move_into(m: &mut Manual, id: &str, section: &str) {
        let edits = vec![Edit::Place {
            id: EntryId::new(id),
            at: Placement::IntoEnd(EntryId::new(section)),
        }];
        let moving = moving_chapters(m, &edits);
        for edit in edits {
            edit.apply(m).unwrap();
        }
        for edit in draft_move_notes(m, &moving) {
            edit.apply(m).unwrap();
        }
    }

    fn drafts(m: &Manual, id: &str) -> Vec<String> {
        let path = m.find(&EntryId::new(id)).unwrap();
        m.entry(&path)
            .unwrap()
            .chapter_details()
            .unwrap()
            .amendments
            .iter()
            .filter(|a| a.draft)
            .map(|a| a.text.clone())
            .collect()
    }

    #[test]
    fn a_move_in_an_open_update_drafts_a_note_and_a_second_move_updates_it() {
        let mut m = manual(true);
        move_into(&mut m, "a", "p2");
        assert_eq!(drafts(&m, "a"), ["Moved from 1.1 to 2.2."]);
        assert_eq!(
            m.badge_of(m.entry(&m.find(&EntryId::new("a")).unwrap()).unwrap()),
            crate::model::Badge::None,
            "a draft is no badge"
        );
        move_into(&mut m, "a", "p1");
        assert_eq!(drafts(&m, "a"), ["Moved from 1.1 to 1.2."]);
    }

    #[test]
    fn moving_back_drops_the_draft() {
        let mut m = manual(true);
        move_into(&mut m, "b", "p2");
        assert_eq!(drafts(&m, "b"), ["Moved from 1.2 to 2.2."]);
        move_into(&mut m, "b", "p1");
        assert!(drafts(&m, "b").is_empty());
    }

    fn rename(m: &mut Manual, id: &str, title: &str) {
        let path = m.find(&EntryId::new(id)).unwrap();
        let mut head = m.entry(&path).unwrap().clone_head();
        head.title = title.into();
        let edits = vec![Edit::UpdateEntry {
            entry: Box::new(head),
        }];
        let renaming = renaming_chapters(m, &edits);
        for edit in edits {
            edit.apply(m).unwrap();
        }
        for edit in draft_rename_notes(m, &renaming) {
            edit.apply(m).unwrap();
        }
    }

    #[test]
    fn a_rename_drafts_a_note_with_the_first_title_and_restoring_it_drops_it() {
        let mut m = manual(true);
        rename(&mut m, "a", "A1");
        rename(&mut m, "a", "A12");
        assert_eq!(drafts(&m, "a"), ["Renamed from “a”."]);
        rename(&mut m, "a", "a");
        assert!(drafts(&m, "a").is_empty());
    }

    #[test]
    fn without_an_open_update_nothing_is_drafted() {
        let mut m = manual(false);
        move_into(&mut m, "a", "p2");
        assert!(drafts(&m, "a").is_empty());
    }
}
