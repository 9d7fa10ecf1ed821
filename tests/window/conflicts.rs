//! A manual a merge left with conflicts, resolved in the window.

use crate::common;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use manual_editor::edit::Edit;
use manual_editor::model::{EntryId, Manual};
use manual_editor::store::format;

fn id(text: &str) -> EntryId {
    EntryId::new(text)
}

fn retitle(manual: &mut Manual, name: &str, to: &str) {
    let path = manual.find(&id(name)).unwrap();
    manual.entry_mut(&path).unwrap().title = to.into();
}

/// The Stockport sample merged from two versions that both retitled Young
/// Carers and moved Supervision Policy to different sections.
fn conflicted(dir: &std::path::Path) -> std::path::PathBuf {
    let base = common::sample_manual("stockport.ron");
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    retitle(&mut ours, "young-carers-2", "Young Carers (ours)");
    retitle(&mut theirs, "young-carers-2", "Young Carers (theirs)");
    let to = |m: &mut Manual, section: &str| {
        Edit::Move {
            id: id("supervision-policy"),
            parent: Some(id(section)),
            index: 0,
        }
        .apply(m)
        .unwrap();
    };
    to(&mut ours, "court-proceedings");
    to(&mut theirs, "allocation-of-work-and-transfer-between-teams");
    let merged = manual_editor::model::merge::merge(&base, &ours, &theirs).unwrap();
    assert_eq!(merged.conflicts.len(), 2);
    let path = dir.join("merged.ron");
    std::fs::write(&path, format::to_canonical_string(&merged).unwrap()).unwrap();
    path
}

fn title(app: &manual_editor::app::App) -> String {
    common::title_of(app, "young-carers-2")
}

#[test]
fn conflicts_are_listed_and_settled_one_undo_step_each_then_saved_away() {
    let dir = tempfile::tempdir().unwrap();
    let path = conflicted(dir.path());
    let mut harness = common::harness(Some(path.clone()));
    assert!(harness.query_by_label("Resolve conflicts (2)").is_some());
    assert!(harness.state().status().contains("2 conflicts to resolve"));
    assert!(
        harness.query_by_label("Young Carers (theirs)").is_some(),
        "theirs is shown"
    );

    // Keep theirs for the title: one step, undone and redone.
    harness
        .get_all_by_label("Keep theirs")
        .last()
        .unwrap()
        .click();
    harness.run();
    assert_eq!(title(harness.state()), "Young Carers (theirs)");
    assert!(harness.query_by_label("Resolve conflicts (1)").is_some());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(title(harness.state()), "Young Carers (ours)");
    assert!(harness.query_by_label("Resolve conflicts (2)").is_some());
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    assert_eq!(title(harness.state()), "Young Carers (theirs)");

    // Go to the moved chapter, then keep theirs: it goes to their section.
    harness.get_by_label("Go to").click();
    harness.run();
    assert_eq!(harness.state().selected(), Some(&id("supervision-policy")));
    harness.get_by_label("Keep theirs").click();
    harness.run();
    let doc = harness.state().document().unwrap();
    assert!(doc.manual().conflicts.is_empty());
    let section = doc
        .manual()
        .find(&id("allocation-of-work-and-transfer-between-teams"))
        .unwrap();
    let place = doc.manual().find(&id("supervision-policy")).unwrap();
    assert_eq!(place[..place.len() - 1], section[..]);
    assert!(
        harness
            .query_by_label_contains("Resolve conflicts")
            .is_none()
    );

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    let saved = format::load(&path).unwrap();
    assert!(
        saved.conflicts.is_empty(),
        "saving with none left clears the list"
    );
    assert!(
        !std::fs::read_to_string(&path)
            .unwrap()
            .contains("conflicts")
    );
}

#[test]
fn a_text_conflict_shows_the_difference_word_by_word_and_a_place_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::harness(Some(conflicted(dir.path())));
    // One header: the retitling; the move to two places has none.
    let headers = harness
        .query_all_by_label("Difference, theirs to ours")
        .count();
    assert_eq!(headers, 1);
    harness.get_by_label("Difference, theirs to ours").click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("Struck through: only in theirs")
            .is_some()
    );
}
