//! Induction packs in the real window: making a pack, dragging chapters in
//! from the contents, reordering by drag and by Alt+Up/Down, trainer notes,
//! undo across the manual and the pack, missing chapters, and export.

use crate::common;
use std::path::{Path, PathBuf};

use crate::common::{drag, harness, select_all_and_type, select_in_tree, temp_sample};
use egui::accesskit::Role;
use egui::{Key, Modifiers, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use manual_editor::app::{Action, App, Command, Dialog};
use manual_editor::model::{Pack, PackItem};
use manual_editor::store::pack as pack_file;

/// The open pack's items as "id" or "# heading".
fn items(app: &App) -> Vec<String> {
    let (_, pack) = app.packs().unwrap().open_pack().unwrap();
    item_names(pack)
}

fn item_names(pack: &Pack) -> Vec<String> {
    pack.items
        .iter()
        .map(|item| match item {
            PackItem::Entry { id, .. } => id.to_string(),
            PackItem::Heading { text } => format!("# {text}"),
        })
        .collect()
}

/// Runs frames until the open pack has been written (a second of the
/// harness's clock is enough).
fn until_written(harness: &mut Harness<'_, App>) {
    for _ in 0..12 {
        harness.run();
        if !harness.state().packs().unwrap().is_unsaved() {
            return;
        }
    }
    panic!("the pack was never written");
}

/// Stockport in a temporary folder, the Packs panel shown and a new pack
/// "Week 1" made through its dialog.
fn with_new_pack(dir: &Path) -> (Harness<'static, App>, PathBuf) {
    let manual = temp_sample(dir, "stockport.ron");
    let mut harness = harness(Some(manual));
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    harness.run();
    assert!(harness.state().settings().show_packs);
    harness.get_by_label("New pack…").click();
    harness.run();
    select_all_and_type(
        &mut harness,
        Role::TextInput,
        "Title of the new pack",
        "Week 1: Safeguarding",
    );
    harness.get_by_label("Make pack").click();
    harness.run();
    let path = dir.join("week-1-safeguarding.pack.ron");
    assert!(path.exists(), "the pack file is made at once");
    assert!(harness.state().dialog().is_none());
    (harness, path)
}

/// Drags the tree row `label` (found through the filter) onto `to`.
fn drag_from_tree(harness: &mut Harness<'_, App>, query: &str, label: &str, to: Pos2) {
    select_all_and_type(harness, Role::TextInput, "Filter contents", query);
    let from = harness
        .get_by_role_and_label(Role::Button, label)
        .rect()
        .center();
    drag(harness, from, to);
}

fn empty_pack_target(harness: &Harness<'_, App>) -> Pos2 {
    harness
        .get_by_label("Drag chapters or sections here from the contents.")
        .rect()
        .center()
}

/// Drags Young Carers into the empty pack, then Supervision Policy below it.
fn drag_in_two_chapters(harness: &mut Harness<'_, App>) {
    let to = empty_pack_target(harness);
    drag_from_tree(harness, "young carers", "4.8.1 Young Carers", to);
    let end = harness.get_by_label("1. 4.8.1 Young Carers").rect();
    let below = Pos2::new(end.center().x, end.bottom() + 20.0);
    drag_from_tree(harness, "supervision", "1.1.4 Supervision Policy", below);
}

#[test]
fn chapters_dragged_from_the_tree_go_where_they_are_dropped_and_are_written() {
    let dir = tempfile::tempdir().unwrap();
    let (mut harness, path) = with_new_pack(dir.path());
    let to = empty_pack_target(&harness);
    drag_from_tree(&mut harness, "young carers", "4.8.1 Young Carers", to);
    assert_eq!(items(harness.state()), vec!["young-carers-2"]);
    // A section dropped above the first item brings its chapters, in order.
    let first = harness.get_by_label("1. 4.8.1 Young Carers").rect();
    let above = Pos2::new(first.center().x, first.top() + 2.0);
    drag_from_tree(
        &mut harness,
        "1.1",
        "1.1 Policy Values and Principles",
        above,
    );
    let now = items(harness.state());
    assert_eq!(now.len(), 8, "{now:?}");
    assert_eq!(now[0], "childrens-services-policies-values-and-principles");
    assert_eq!(now[7], "young-carers-2");
    assert!(harness.get_by_label("8. 4.8.1 Young Carers").rect().width() > 0.0);
    until_written(&mut harness);
    assert_eq!(item_names(&pack_file::load(&path).unwrap()), now);
    // The manual itself was not touched.
    assert!(!harness.state().document().unwrap().is_dirty());
}

#[test]
fn items_reorder_by_drag_and_alt_arrows_without_moving_the_manual() {
    let dir = tempfile::tempdir().unwrap();
    let (mut harness, _path) = with_new_pack(dir.path());
    drag_in_two_chapters(&mut harness);
    assert_eq!(
        items(harness.state()),
        vec!["young-carers-2", "supervision-policy"]
    );
    // Drag the second item's handle above the first.
    let handle = harness
        .get_all_by_label("☰")
        .nth(1)
        .unwrap()
        .rect()
        .center();
    let first = harness.get_by_label("1. 4.8.1 Young Carers").rect();
    drag(
        &mut harness,
        handle,
        Pos2::new(first.center().x, first.top() + 2.0),
    );
    assert_eq!(
        items(harness.state()),
        vec!["supervision-policy", "young-carers-2"]
    );
    // Alt+Down on the selected item moves it in the pack, not in the manual.
    harness.get_by_label("1. 1.1.4 Supervision Policy").click();
    harness.run();
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    harness.run();
    assert_eq!(
        items(harness.state()),
        vec!["young-carers-2", "supervision-policy"]
    );
    assert_eq!(harness.state().pack_selected(), Some(1));
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowUp);
    harness.run();
    assert_eq!(
        items(harness.state()),
        vec!["supervision-policy", "young-carers-2"]
    );
    assert!(!harness.state().document().unwrap().is_dirty());
    // Delete takes the item out of the pack; the chapter stays in the manual.
    harness.key_press(Key::Delete);
    harness.run();
    assert_eq!(items(harness.state()), vec!["young-carers-2"]);
    let manual = harness.state().document().unwrap().manual();
    assert!(
        manual
            .find(&manual_editor::model::EntryId::new("supervision-policy"))
            .is_some()
    );
}

#[test]
fn a_note_headings_and_undo_across_the_manual_and_the_pack() {
    let dir = tempfile::tempdir().unwrap();
    let (mut harness, path) = with_new_pack(dir.path());
    let to = empty_pack_target(&harness);
    drag_from_tree(&mut harness, "young carers", "4.8.1 Young Carers", to);
    // A change to the manual, then notes in the pack.
    select_in_tree(&mut harness, "young carers", "4.8.1 Young Carers");
    select_all_and_type(
        &mut harness,
        Role::TextInput,
        "Title",
        "Young Carers Support",
    );
    assert_eq!(
        common::title_of(harness.state(), "young-carers-2"),
        "Young Carers Support"
    );
    // The pack shows the chapter's new title.
    harness
        .get_by_label("1. 4.8.1 Young Carers Support")
        .click();
    harness.run();
    select_all_and_type(
        &mut harness,
        Role::MultilineTextInput,
        "Trainer note",
        "Read before shadowing.",
    );
    harness.get_by_label("Add heading").click();
    harness.run();
    assert_eq!(
        items(harness.state()),
        vec!["young-carers-2", "# New heading"]
    );
    until_written(&mut harness);
    let on_disk = pack_file::load(&path).unwrap();
    assert!(
        matches!(&on_disk.items[0], PackItem::Entry { note, .. } if note == "Read before shadowing.")
    );
    // Undo: the heading, the note, then the manual's rename, then the drop.
    let undo = |harness: &mut Harness<'_, App>| {
        harness.state_mut().push(Action::Run(Command::Undo));
        harness.run();
    };
    undo(&mut harness);
    assert_eq!(items(harness.state()), vec!["young-carers-2"]);
    undo(&mut harness);
    let (_, pack) = harness.state().packs().unwrap().open_pack().unwrap();
    assert!(matches!(&pack.items[0], PackItem::Entry { note, .. } if note.is_empty()));
    assert_eq!(
        common::title_of(harness.state(), "young-carers-2"),
        "Young Carers Support"
    );
    undo(&mut harness);
    assert_eq!(
        common::title_of(harness.state(), "young-carers-2"),
        "Young Carers"
    );
    assert_eq!(items(harness.state()), vec!["young-carers-2"]);
    undo(&mut harness);
    assert!(items(harness.state()).is_empty());
    // Redo brings the drop back, and it is written.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run();
    assert_eq!(items(harness.state()), vec!["young-carers-2"]);
    assert!(
        common::title_of(harness.state(), "young-carers-2") == "Young Carers",
        "the manual's rename is the next redo, not this one"
    );
}

#[test]
fn a_deleted_chapter_shows_as_missing_and_a_moved_one_keeps_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let (mut harness, _path) = with_new_pack(dir.path());
    drag_in_two_chapters(&mut harness);
    // Move Young Carers up one place in the manual: the pack shows its new
    // number. Then delete Supervision Policy from the manual.
    select_in_tree(&mut harness, "young carers", "4.8.1 Young Carers");
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowLeft);
    harness.run();
    let moved = harness
        .state()
        .document()
        .unwrap()
        .outline()
        .row(&manual_editor::model::EntryId::new("young-carers-2"))
        .unwrap()
        .label();
    assert_ne!(moved, "4.8.1 Young Carers");
    assert!(harness.get_by_label(&format!("1. {moved}")).rect().width() > 0.0);
    select_in_tree(&mut harness, "supervision", "1.1.4 Supervision Policy");
    harness.key_press(Key::Delete);
    harness.run();
    if matches!(harness.state().dialog(), Some(Dialog::ConfirmDelete { .. })) {
        harness.get_by_label("Delete").click();
        harness.run();
    }
    assert!(
        harness
            .get_by_label("2. Missing: no chapter “supervision-policy” in the manual")
            .rect()
            .width()
            > 0.0
    );
    assert_eq!(
        items(harness.state()),
        vec!["young-carers-2", "supervision-policy"],
        "the pack keeps the item so the trainer sees what went"
    );
}

#[test]
fn the_open_pack_exports_from_the_window_and_packs_are_listed_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let (mut harness, path) = with_new_pack(dir.path());
    let to = empty_pack_target(&harness);
    drag_from_tree(&mut harness, "young carers", "4.8.1 Young Carers", to);
    harness.state_mut().push(Action::Run(Command::ExportPack));
    harness.run();
    let out = dir.path().join("week-1-safeguarding.html");
    match harness.state().dialog() {
        Some(Dialog::ExportPack { out: shown, .. }) => assert_eq!(Path::new(shown), out),
        other => panic!("expected the export dialog, got {other:?}"),
    }
    harness
        .get_by_role_and_label(Role::Button, "Export pack")
        .click();
    harness.run();
    assert!(matches!(
        harness.state().dialog(),
        Some(Dialog::PackExported { .. })
    ));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("Week 1: Safeguarding"));
    assert!(html.contains("Young Carers"));
    // Opening the manual again lists the pack.
    drop(harness);
    let mut again = common::harness(Some(dir.path().join("stockport.ron")));
    again.state_mut().push(Action::Run(Command::ShowPacks));
    again.run();
    let listed = again.state().packs().unwrap().listed().to_vec();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].path, path);
    assert!(
        again
            .get_by_label("Week 1: Safeguarding (1 chapter)")
            .rect()
            .width()
            > 0.0
    );
}

#[test]
fn add_to_pack_puts_the_selection_after_the_selected_item_and_flags_later_updates() {
    let dir = tempfile::tempdir().unwrap();
    let (mut harness, _path) = with_new_pack(dir.path());
    select_in_tree(&mut harness, "young carers", "4.8.1 Young Carers");
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::A);
    harness.run();
    select_in_tree(&mut harness, "supervision", "1.1.4 Supervision Policy");
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::A);
    harness.run();
    assert_eq!(
        items(harness.state()),
        vec!["young-carers-2", "supervision-policy"]
    );
    // With the first item selected, the next one goes right after it.
    harness.get_by_label("1. 4.8.1 Young Carers").click();
    harness.run();
    select_in_tree(
        &mut harness,
        "confidentiality",
        "1.1.2 Confidentiality Policy",
    );
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::A);
    harness.run();
    assert_eq!(
        items(harness.state()),
        vec![
            "young-carers-2",
            "confidentiality-policy",
            "supervision-policy"
        ]
    );
    assert!(harness.query_by_label("updated since").is_none());
    // Amended in a later update: the item says so.
    harness.state_mut().push(Action::StartUpdate {
        label: "April 2026".into(),
        date: "2026-04".into(),
    });
    harness.run();
    harness.state_mut().push(Action::MarkUpdated {
        id: manual_editor::model::EntryId::new("confidentiality-policy"),
        text: "Links have been updated.".into(),
    });
    harness.run();
    assert_eq!(harness.get_all_by_label("updated since").count(), 1);
}
