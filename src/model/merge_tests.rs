use super::*;
use crate::model::{Amendment, SeeAlso};

fn id(text: &str) -> EntryId {
    EntryId::new(text)
}

/// Part 1 (sections a: a1 a2 a3; b: b1 b2), Part 2 (section c: c1).
fn base() -> Manual {
    let chapters = |names: &[&str]| -> Vec<Entry> {
        names
            .iter()
            .map(|n| Entry::chapter(id(n), format!("Chapter {n}")))
            .collect()
    };
    let mut manual = Manual::new("M", "Shire");
    manual.entries = vec![
        Entry::section(
            id("p1"),
            "Part 1",
            vec![
                Entry::section(id("a"), "A", chapters(&["a1", "a2", "a3"])),
                Entry::section(id("b"), "B", chapters(&["b1", "b2"])),
            ],
        ),
        Entry::section(
            id("p2"),
            "Part 2",
            vec![Entry::section(id("c"), "C", chapters(&["c1"]))],
        ),
    ];
    manual
}

fn entry_mut<'a>(manual: &'a mut Manual, name: &str) -> &'a mut Entry {
    let path = manual.find(&id(name)).unwrap();
    manual.entry_mut(&path).unwrap()
}

fn entry<'a>(manual: &'a Manual, name: &str) -> &'a Entry {
    manual.entry(&manual.find(&id(name)).unwrap()).unwrap()
}

/// Every entry's id, depth first, with its parent.
fn shape(manual: &Manual) -> Vec<String> {
    manual
        .outline()
        .iter()
        .map(|row| {
            let entry = manual.entry(&row.path).unwrap();
            format!("{}{}", "  ".repeat(row.depth()), entry.id.as_str())
        })
        .collect()
}

fn apply(manual: &mut Manual, edits: Vec<crate::edit::Edit>) {
    for edit in edits {
        edit.apply(manual).unwrap();
    }
}

fn move_to(name: &str, parent: &str, index: usize) -> crate::edit::Edit {
    crate::edit::Edit::Move {
        id: id(name),
        parent: Some(id(parent)),
        index,
    }
}

#[test]
fn a_move_and_an_addition_merge_with_renames_and_an_amendment() {
    let base = base();
    let mut ours = base.clone();
    apply(&mut ours, vec![move_to("a2", "c", 1)]);
    apply(
        &mut ours,
        vec![crate::edit::Edit::Insert {
            parent: Some(id("b")),
            index: 2,
            entry: Box::new(Entry::chapter(id("b3"), "New chapter")),
        }],
    );
    let mut theirs = base.clone();
    entry_mut(&mut theirs, "a1").title = "Renamed one".into();
    entry_mut(&mut theirs, "a2").title = "Renamed two".into();
    entry_mut(&mut theirs, "b1")
        .chapter_details_mut()
        .unwrap()
        .amendments
        .push(Amendment {
            date: "2026-11".into(),
            text: "Links have been updated.".into(),
            update: String::new(),
            draft: false,
        });

    let merged = merge(&base, &ours, &theirs).unwrap();
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    assert_eq!(
        shape(&merged),
        [
            "p1", "  a", "    a1", "    a3", "  b", "    b1", "    b2", "    b3", "p2", "  c",
            "    c1", "    a2"
        ]
    );
    assert_eq!(entry(&merged, "a1").title, "Renamed one");
    assert_eq!(entry(&merged, "a2").title, "Renamed two");
    assert_eq!(entry(&merged, "b3").title, "New chapter");
    assert_eq!(
        entry(&merged, "b1")
            .chapter_details()
            .unwrap()
            .amendments
            .len(),
        1
    );
    // The same merge the other way round gives the same manual.
    let mut flipped = merge(&base, &theirs, &ours).unwrap();
    flipped.conflicts.clear();
    assert_eq!(flipped, merged);
}

#[test]
fn the_same_field_changed_differently_conflicts_and_keeps_ours() {
    let base = base();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    entry_mut(&mut ours, "a1").title = "Ours".into();
    entry_mut(&mut theirs, "a1").title = "Theirs".into();
    entry_mut(&mut theirs, "a1").notes.push("A note".into());
    let merged = merge(&base, &ours, &theirs).unwrap();
    assert_eq!(entry(&merged, "a1").title, "Ours");
    assert_eq!(entry(&merged, "a1").notes, ["A note"], "other fields merge");
    assert_eq!(
        merged.conflicts,
        [Conflict {
            entry: Some(id("a1")),
            field: "title".into(),
            ours: "\"Ours\"".into(),
            theirs: "\"Theirs\"".into(),
        }]
    );
    // The manual with its conflicts survives the file format.
    let text = crate::store::format::to_canonical_string(&merged).unwrap();
    let again = crate::store::format::from_str(&text, std::path::Path::new("m.ron")).unwrap();
    assert_eq!(again, merged);
}

#[test]
fn moved_to_two_places_conflicts_and_stays_where_ours_put_it() {
    let base = base();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    apply(&mut ours, vec![move_to("a1", "b", 0)]);
    apply(&mut theirs, vec![move_to("a1", "c", 0)]);
    let merged = merge(&base, &ours, &theirs).unwrap();
    assert_eq!(merged.conflicts.len(), 1);
    let conflict = &merged.conflicts[0];
    assert_eq!(
        (
            conflict.field.as_str(),
            conflict.ours.as_str(),
            conflict.theirs.as_str()
        ),
        ("place", "b", "c")
    );
    assert_eq!(merged.find(&id("a1")), Some(vec![0, 1, 0]));
}

#[test]
fn deleted_on_one_side_and_edited_on_the_other_is_kept_with_a_conflict() {
    let base = base();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    apply(
        &mut ours,
        vec![
            crate::edit::Edit::Remove { id: id("a1") },
            crate::edit::Edit::Remove { id: id("a3") },
        ],
    );
    entry_mut(&mut theirs, "a1").title = "Still wanted".into();
    let merged = merge(&base, &ours, &theirs).unwrap();
    assert_eq!(entry(&merged, "a1").title, "Still wanted");
    assert!(
        merged.find(&id("a3")).is_none(),
        "unchanged elsewhere: deleted"
    );
    assert_eq!(
        merged.conflicts,
        [Conflict {
            entry: Some(id("a1")),
            field: "deleted".into(),
            ours: DELETED.into(),
            theirs: EDITED.into(),
        }]
    );
}

#[test]
fn a_chapter_added_to_a_section_deleted_on_the_other_side_keeps_the_section() {
    let base = base();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    apply(&mut ours, vec![crate::edit::Edit::Remove { id: id("c") }]);
    apply(
        &mut theirs,
        vec![crate::edit::Edit::Insert {
            parent: Some(id("c")),
            index: 1,
            entry: Box::new(Entry::chapter(id("c2"), "Added")),
        }],
    );
    let merged = merge(&base, &ours, &theirs).unwrap();
    // c1, deleted with its section and untouched by theirs, stays deleted.
    assert_eq!(shape(&merged)[8..], ["p2", "  c", "    c2"]);
    assert_eq!(merged.conflicts.len(), 1);
    assert_eq!(merged.conflicts[0].entry, Some(id("c")));
    assert_eq!(merged.conflicts[0].field, "deleted");
}

#[test]
fn see_also_lists_merge_as_lists() {
    let base = {
        let mut m = base();
        entry_mut(&mut m, "a1").see_also = vec![SeeAlso::internal(id("b1"))];
        m
    };
    let mut ours = base.clone();
    let mut theirs = base.clone();
    entry_mut(&mut ours, "a1")
        .see_also
        .push(SeeAlso::internal(id("b2")));
    let theirs_list = &mut entry_mut(&mut theirs, "a1").see_also;
    theirs_list.clear();
    theirs_list.push(SeeAlso::internal(id("c1")));
    let merged = merge(&base, &ours, &theirs).unwrap();
    assert!(merged.conflicts.is_empty());
    assert_eq!(
        entry(&merged, "a1").see_also,
        [SeeAlso::internal(id("c1")), SeeAlso::internal(id("b2"))]
    );
}

#[test]
fn a_reorder_on_one_side_keeps_the_order_and_the_other_sides_edits() {
    let base = base();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    apply(&mut ours, vec![move_to("a3", "a", 0)]);
    entry_mut(&mut theirs, "a2").title = "Edited".into();
    let merged = merge(&base, &ours, &theirs).unwrap();
    assert_eq!(shape(&merged)[1..5], ["  a", "    a3", "    a1", "    a2"]);
    assert_eq!(entry(&merged, "a2").title, "Edited");
    // Theirs reordering while ours only edits a title.
    let merged = merge(&base, &theirs, &ours).unwrap();
    assert_eq!(shape(&merged)[1..5], ["  a", "    a3", "    a1", "    a2"]);
}

#[test]
fn manual_fields_and_word_lists_merge() {
    let base = base();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    ours.title = "New title".into();
    ours.words = vec!["Synthshire".into()];
    theirs.words = vec!["Wigan".into()];
    theirs.authority = "Shire Council".into();
    let merged = merge(&base, &ours, &theirs).unwrap();
    assert_eq!(
        (merged.title.as_str(), merged.authority.as_str()),
        ("New title", "Shire Council")
    );
    assert_eq!(merged.words, ["Synthshire", "Wigan"]);
}

#[test]
fn duplicate_ids_are_refused_by_name() {
    let base = base();
    let mut ours = base.clone();
    entry_mut(&mut ours, "a2").id = id("a1");
    assert_eq!(
        merge(&base, &ours, &base),
        Err(MergeError::DuplicateId {
            id: id("a1"),
            side: "ours"
        })
    );
}

#[test]
fn nothing_changed_on_one_side_gives_the_other() {
    let base = crate::model::synth::manual(300);
    let mut ours = base.clone();
    apply(&mut ours, vec![move_to("chapter-3", "section-1-2", 0)]);
    entry_mut(&mut ours, "chapter-40").title = "Renamed".into();
    assert_eq!(merge(&base, &ours, &base).unwrap(), ours);
    assert_eq!(merge(&base, &base, &ours).unwrap(), ours);
}

#[test]
fn edits_to_different_paragraphs_of_a_body_merge_and_the_same_paragraph_conflicts() {
    let mut base = base();
    let body = |m: &mut Manual, text: &str| {
        entry_mut(m, "a1").chapter_details_mut().unwrap().body = text.into();
    };
    body(&mut base, "First.\n\nSecond.\n\nThird.\n");
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    body(&mut ours, "First, amended.\n\nSecond.\n\nThird.\n");
    body(&mut theirs, "First.\n\nSecond.\n\nThird, reviewed.\n");
    let merged = merge(&base, &ours, &theirs).unwrap();
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    assert_eq!(
        entry(&merged, "a1").chapter_details().unwrap().body,
        "First, amended.\n\nSecond.\n\nThird, reviewed.\n"
    );
    body(&mut theirs, "First (theirs).\n\nSecond.\n\nThird.\n");
    let merged = merge(&base, &ours, &theirs).unwrap();
    assert_eq!(merged.conflicts.len(), 1);
    assert_eq!(merged.conflicts[0].field, "body");
}

#[test]
fn what_both_sides_add_after_the_same_entry_goes_before_the_entry_that_followed_it() {
    let base = base();
    let add_after_a1 = |name: &str| {
        let mut manual = base.clone();
        let section = entry_mut(&mut manual, "a");
        section
            .children_mut()
            .unwrap()
            .insert(1, Entry::chapter(id(name), format!("Chapter {name}")));
        manual
    };
    let ours = add_after_a1("ours-new");
    let theirs = add_after_a1("theirs-new");
    let merged = merge(&base, &ours, &theirs).unwrap();
    assert!(merged.conflicts.is_empty());
    let a: Vec<&str> = entry(&merged, "a")
        .children()
        .iter()
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(a, ["a1", "ours-new", "theirs-new", "a2", "a3"]);
}
