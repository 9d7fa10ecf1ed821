//! Drives the real editor window headless with egui_kittest: clicks, typing
//! and shortcuts, asserting on the app's state.

use crate::common;
use std::fs;

use crate::common::{harness, select_all_and_type, select_in_tree, temp_sample, title_of};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use manual_editor::app::{Action, App, Command, Dialog, Pending};
use manual_editor::model::EntryId;
use manual_editor::store::format;

#[test]
fn the_window_opens_the_bundled_sample() {
    let harness = harness(None);
    let app = harness.state();
    let doc = app.document().expect("a manual is open");
    assert_eq!(
        doc.manual().title,
        "Stockport Children's Services Procedure Manual"
    );
    assert!(!doc.is_dirty());
    assert!(
        app.visible_labels()
            .contains(&"4.8.1 Young Carers".to_string())
    );
    // The first rows are drawn, with their numbers.
    harness.get_by_label("1. All Children");
    harness.get_by_label("1.1.1 Children’s Services Policies, Values and Principles");
}

#[test]
fn filtering_narrows_the_tree_to_matches_and_their_ancestors() {
    let mut harness = harness(None);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    assert!(
        harness
            .get_by_role_and_label(Role::TextInput, "Filter contents")
            .is_focused()
    );
    harness
        .get_by_role_and_label(Role::TextInput, "Filter contents")
        .type_text("young carers");
    harness.run();
    assert_eq!(
        harness.state().visible_labels(),
        vec![
            "4. Children in Particular Circumstances",
            "4.8 Young Carers",
            "4.8.1 Young Carers"
        ]
    );
    harness.get_by_label("4.8.1 Young Carers");
    assert!(harness.query_by_label("1. All Children").is_none());
}

#[test]
fn editing_a_title_updates_the_tree_and_undo_redo_restore_it() {
    let mut harness = harness(None);
    select_in_tree(&mut harness, "4.8.1", "4.8.1 Young Carers");
    assert_eq!(
        harness.state().selected(),
        Some(&EntryId::new("young-carers-2"))
    );

    select_all_and_type(
        &mut harness,
        Role::TextInput,
        "Title",
        "Young Carers and Their Families",
    );
    assert_eq!(
        title_of(harness.state(), "young-carers-2"),
        "Young Carers and Their Families"
    );
    harness.get_by_label("4.8.1 Young Carers and Their Families");
    assert!(harness.state().document().unwrap().is_dirty());

    // A burst of typing is one undo step.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(title_of(harness.state(), "young-carers-2"), "Young Carers");
    assert!(
        !harness.state().document().unwrap().is_dirty(),
        "undo back to the saved revision clears unsaved"
    );
    harness.get_by_label("4.8.1 Young Carers");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run();
    assert_eq!(
        title_of(harness.state(), "young-carers-2"),
        "Young Carers and Their Families"
    );
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    assert_eq!(
        title_of(harness.state(), "young-carers-2"),
        "Young Carers and Their Families",
        "nothing more to redo"
    );
}

fn badge_of(app: &App, id: &str) -> manual_editor::model::Badge {
    app.document()
        .unwrap()
        .outline()
        .row(&EntryId::new(id))
        .unwrap()
        .badge
}

#[test]
fn marking_a_chapter_as_updated_is_saved_and_reloads_equal() {
    use manual_editor::model::Badge;
    let dir = tempfile::tempdir().unwrap();
    let path = temp_sample(dir.path(), "wandsworth.ron");
    let mut harness = harness(Some(path.clone()));
    select_in_tree(&mut harness, "2.2.9", "2.2.9 Relinquished Children");
    assert_eq!(
        badge_of(harness.state(), "relinquished-children"),
        Badge::None
    );
    harness
        .get_by_role_and_label(Role::Button, "Mark as updated…")
        .click();
    harness.run();
    harness.get_by_label("Links have been updated.").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Mark as updated")
        .click();
    harness.run();
    assert!(harness.state().dialog().is_none());
    assert_eq!(
        badge_of(harness.state(), "relinquished-children"),
        Badge::Updated
    );
    assert!(harness.state().document().unwrap().is_dirty());

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    let doc = harness.state().document().unwrap();
    assert!(!doc.is_dirty());
    let reloaded = format::load(&path).unwrap();
    assert_eq!(&reloaded, doc.manual());
    let entry = reloaded
        .entry(
            &reloaded
                .find(&EntryId::new("relinquished-children"))
                .unwrap(),
        )
        .unwrap()
        .clone();
    assert_eq!(reloaded.badge_of(&entry), Badge::Updated);
    let note = &entry.chapter_details().unwrap().amendments[0];
    assert_eq!(note.text, "Links have been updated.");
    assert_eq!(note.update, manual_editor::model::IMPORTED_UPDATE);
    assert!(format::backup_path(&path).exists());
}

#[test]
fn starting_the_next_update_clears_the_badges_and_undo_brings_them_back() {
    use manual_editor::model::Badge;
    let mut harness = harness(None);
    let updated = "capacity-and-consent";
    assert_eq!(badge_of(harness.state(), updated), Badge::Updated);
    harness.state_mut().push(Action::Run(Command::StartUpdate));
    harness.run();
    select_all_and_type(&mut harness, Role::TextInput, "Update label", "April 2025");
    harness.get_by_label("Start update").click();
    harness.run();
    assert!(harness.state().dialog().is_none());
    let doc = harness.state().document().unwrap();
    assert!(doc.outline().rows.iter().all(|r| r.badge == Badge::None));
    assert_eq!(doc.manual().open_update().unwrap().label, "April 2025");

    // A chapter added now is New in the open update.
    harness.get_by_label("1.1.7 Equality and Diversity").click();
    harness.run();
    harness
        .state_mut()
        .push(Action::Run(Command::AddChapterAfter));
    harness.run();
    let added = harness.state().selected().unwrap().clone();
    assert_eq!(badge_of(harness.state(), added.as_str()), Badge::New);

    // Undo the add, then the update: the old badges are back.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(badge_of(harness.state(), updated), Badge::Updated);
    assert!(
        harness
            .state()
            .document()
            .unwrap()
            .manual()
            .open_update()
            .is_none()
    );
}

#[test]
fn a_malformed_file_shows_an_error_and_keeps_the_open_manual() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.ron");
    fs::write(
        &broken,
        "(\n  format: 1,\n  title: \"Broken\"\n  entries: [],\n)\n",
    )
    .unwrap();
    let mut harness = harness(None);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run();
    assert!(matches!(
        harness.state().dialog(),
        Some(Dialog::Open { .. })
    ));
    select_all_and_type(
        &mut harness,
        Role::TextInput,
        "File path",
        broken.to_str().unwrap(),
    );
    harness.get_by_label("Open").click();
    harness.run();
    match harness.state().dialog() {
        Some(Dialog::Error { message, .. }) => {
            assert!(message.contains("broken.ron:4:"), "{message}")
        }
        other => panic!("expected an error dialog, got {other:?}"),
    }
    assert_eq!(
        harness.state().document().unwrap().manual().title,
        "Stockport Children's Services Procedure Manual"
    );
    harness.get_by_label("OK").click();
    harness.run();
    assert!(harness.state().dialog().is_none());
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let mut harness = harness(None);
    select_in_tree(&mut harness, "2.1", "2.1 Recording Policy and Guidelines");
    select_all_and_type(&mut harness, Role::TextInput, "Title", "Recording Policy");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::W);
    harness.run();
    assert!(matches!(
        harness.state().dialog(),
        Some(Dialog::Unsaved { .. })
    ));
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.state().dialog().is_none());
    assert!(harness.state().document().is_some());

    harness.key_press_modifiers(Modifiers::COMMAND, Key::W);
    harness.run();
    harness.get_by_label("Discard").click();
    harness.run();
    assert!(harness.state().document().is_none());
    harness.get_by_label("Welcome to manual-editor");
}

#[test]
fn saving_a_sample_asks_where_and_a_failed_save_keeps_the_edits() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(None);
    select_in_tree(&mut harness, "2.2", "2.2 Case Records and Retention");
    select_all_and_type(&mut harness, Role::TextInput, "Title", "Case Records");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    let Some(Dialog::SaveAs { path, .. }) = harness.state().dialog() else {
        panic!("Save asks where");
    };
    // A whole path in a folder (the last manual's, or Documents), never a
    // bare name that would land wherever the program was started.
    let suggested = std::path::Path::new(path);
    assert!(suggested.is_absolute(), "{path}");
    assert!(suggested.parent().unwrap().is_dir(), "{path}");
    assert!(path.ends_with(".ron"), "{path}");

    // A folder that does not exist: the save fails, the edits stay.
    let bad = dir.path().join("missing").join("m.ron");
    select_all_and_type(
        &mut harness,
        Role::TextInput,
        "File path",
        bad.to_str().unwrap(),
    );
    harness.get_by_label("Save here").click();
    harness.run();
    assert!(matches!(
        harness.state().dialog(),
        Some(Dialog::Error { .. })
    ));
    assert!(harness.state().document().unwrap().is_dirty());
    harness.get_by_label("OK").click();
    harness.run();

    let good = dir.path().join("stockport-copy.ron");
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    harness.run();
    select_all_and_type(
        &mut harness,
        Role::TextInput,
        "File path",
        good.to_str().unwrap(),
    );
    harness.get_by_label("Save here").click();
    harness.run();
    let doc = harness.state().document().unwrap();
    assert!(!doc.is_dirty());
    assert_eq!(doc.path(), Some(good.as_path()));
    assert_eq!(
        format::load(&good).unwrap().entries[1].children()[1].title,
        "Case Records"
    );
}

#[test]
fn the_palette_finds_a_command_and_runs_it_with_enter() {
    let mut harness = harness(None);
    // F1 opens it; the shortcuts list is one of its commands.
    harness.key_press(Key::F1);
    harness.run();
    assert!(matches!(harness.state().dialog(), Some(Dialog::Palette(_))));
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Command")
        .type_text("keyb short");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(harness.state().dialog(), Some(&Dialog::Help));
    harness.get_by_label("Ctrl+P, F1");
    harness.get_by_label("Save As…");
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.state().dialog().is_none());

    // Ctrl+P, a typo, Down to the second match, Enter.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::P);
    harness.run();
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Command")
        .type_text("save");
    harness.run();
    match harness.state().dialog() {
        Some(Dialog::Palette(view)) => assert_eq!(view.query, "save"),
        other => panic!("no palette: {other:?}"),
    }
    // Shortcuts show beside the names.
    harness.get_by_label("Ctrl+Shift+S");
    harness.key_press(Key::ArrowDown);
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    assert!(
        matches!(harness.state().dialog(), Some(Dialog::SaveAs { .. })),
        "{:?}",
        harness.state().dialog()
    );
}

#[test]
fn a_command_not_available_now_says_why_instead_of_running() {
    let mut harness = harness(None);
    harness.state_mut().push(Action::Proceed(Pending::Close));
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::P);
    harness.run();
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Command")
        .type_text("undo");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    assert!(
        harness
            .query_by_label_contains("“Undo” is not available now")
            .is_some()
    );
    assert!(matches!(harness.state().dialog(), Some(Dialog::Palette(_))));
}

#[test]
fn the_manuals_own_title_is_edited_from_the_edit_menu_and_undone() {
    let mut harness = harness(None);
    harness.get_by_label("Edit").click();
    harness.run();
    harness.get_by_label("Manual details").click();
    harness.run();
    assert!(harness.state().selected().is_none());
    select_all_and_type(
        &mut harness,
        Role::TextInput,
        "Manual title",
        "Stockport Procedures",
    );
    assert_eq!(
        harness.state().document().unwrap().manual().title,
        "Stockport Procedures"
    );
    assert!(harness.state().document().unwrap().is_dirty());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(
        harness.state().document().unwrap().manual().title,
        "Stockport Children's Services Procedure Manual"
    );
}

#[test]
fn a_recent_file_that_is_gone_leaves_the_list_after_saying_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = temp_sample(dir.path(), "wigan.ron");
    let mut harness = harness(Some(path.clone()));
    let remembered = harness.state().settings().recent.clone();
    assert_eq!(remembered.len(), 1);
    fs::remove_file(&path).unwrap();
    harness
        .state_mut()
        .push(manual_editor::app::Action::Guarded(
            manual_editor::app::Pending::Open(remembered[0].clone()),
        ));
    harness.run();
    assert!(matches!(
        harness.state().dialog(),
        Some(Dialog::Error { .. })
    ));
    assert!(harness.state().settings().recent.is_empty());
    // A file that exists but does not parse stays in the list.
    let broken = dir.path().join("broken.ron");
    fs::write(&broken, "(format: 1,").unwrap();
    harness.get_by_label("OK").click();
    harness.run();
    harness
        .state_mut()
        .push(manual_editor::app::Action::Guarded(
            manual_editor::app::Pending::Open(broken.clone()),
        ));
    harness.run();
    assert!(matches!(
        harness.state().dialog(),
        Some(Dialog::Error { .. })
    ));
    assert!(
        harness.state().settings().recent.is_empty(),
        "a failed open is not remembered"
    );
}

#[test]
fn the_amendments_view_lists_the_update_s_chapters_and_jumps_to_one() {
    let mut harness = harness(None);
    harness
        .state_mut()
        .push(Action::Run(Command::ShowAmendments));
    harness.run();
    assert!(matches!(
        harness.state().dialog(),
        Some(Dialog::Amendments(_))
    ));
    harness.get_by_label("Updated chapters (12)");
    harness.get_by_label("New chapters (1)");
    // Activated as a keyboard or screen-reader user would.
    harness
        .get_by_role_and_label(Role::Link, "1.1.6 Capacity and Consent")
        .click_accesskit();
    harness.run();
    assert!(harness.state().dialog().is_none());
    assert_eq!(
        harness.state().selected(),
        Some(&EntryId::new("capacity-and-consent"))
    );
}

#[test]
fn the_reviews_view_lists_an_overdue_review() {
    let dir = tempfile::tempdir().unwrap();
    let path = temp_sample(dir.path(), "wigan.ron");
    let text = fs::read_to_string(&path).unwrap().replacen(
        "kind: Chapter(",
        "kind: Chapter(\n              review_due: \"2001-01\",",
        1,
    );
    fs::write(&path, text).unwrap();
    let mut harness = harness(Some(path));
    harness.state_mut().push(Action::Run(Command::ShowReviews));
    harness.run();
    assert!(matches!(harness.state().dialog(), Some(Dialog::Reviews(_))));
    harness.get_by_label("Overdue 2001-01");
}

/// Writes a changed copy of the manual's file as another program would.
fn change_on_disk(path: &std::path::Path, title: &str) {
    let mut manual = manual_editor::store::format::load(path).unwrap();
    manual.title = title.into();
    // A different length, so no clock resolution can hide the change.
    std::fs::write(
        path,
        manual_editor::store::format::to_canonical_string(&manual).unwrap(),
    )
    .unwrap();
}

#[test]
fn saving_over_someone_elses_change_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::temp_sample(dir.path(), "stockport.ron");
    let mut harness = common::harness(Some(path.clone()));
    common::select_in_tree(&mut harness, "young carers", "4.8.1 Young Carers");
    common::select_all_and_type(
        &mut harness,
        Role::TextInput,
        "Title",
        "Young Carers (mine)",
    );
    change_on_disk(&path, "Their Title");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert!(matches!(
        harness.state().dialog(),
        Some(Dialog::ChangedOnDisk { .. })
    ));
    harness.get_by_label("Cancel").click();
    harness.run();
    let on_disk = manual_editor::store::format::load(&path).unwrap();
    assert_eq!(on_disk.title, "Their Title", "nothing was written");
    assert!(harness.state().document().unwrap().is_dirty());
    // Overwrite: ours replaces theirs, which is kept as .bak.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    harness.get_by_label("Overwrite").click();
    harness.run();
    assert!(!harness.state().document().unwrap().is_dirty());
    let on_disk = manual_editor::store::format::load(&path).unwrap();
    assert_ne!(on_disk.title, "Their Title");
    let backup =
        manual_editor::store::format::load(&manual_editor::store::format::backup_path(&path))
            .unwrap();
    assert_eq!(backup.title, "Their Title");
    // Saving again is quiet: the file is ours now.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert!(harness.state().dialog().is_none());
}

#[test]
fn coming_back_to_the_window_offers_the_changed_file_or_warns_over_unsaved_work() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::temp_sample(dir.path(), "stockport.ron");
    let mut harness = common::harness(Some(path.clone()));
    let refocus = |harness: &mut egui_kittest::Harness<'_, manual_editor::app::App>| {
        harness.input_mut().focused = false;
        harness.run();
        harness.input_mut().focused = true;
        harness.run();
    };
    // Nothing unsaved: offered to reload.
    change_on_disk(&path, "Their Title");
    refocus(&mut harness);
    assert!(matches!(
        harness.state().dialog(),
        Some(Dialog::ReloadFromDisk)
    ));
    harness.get_by_label("Reload").click();
    harness.run();
    assert_eq!(
        harness.state().document().unwrap().manual().title,
        "Their Title"
    );
    // Unsaved changes: a bar, and the changes stay.
    common::select_in_tree(&mut harness, "young carers", "4.8.1 Young Carers");
    common::select_all_and_type(&mut harness, Role::TextInput, "Title", "Mine");
    change_on_disk(&path, "Theirs Again");
    refocus(&mut harness);
    assert!(harness.state().dialog().is_none());
    assert!(
        harness
            .query_by_label_contains("changed on disk by someone else")
            .is_some()
    );
    assert_eq!(common::title_of(harness.state(), "young-carers-2"), "Mine");
    harness.get_by_label("Keep mine").click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("changed on disk by someone else")
            .is_none()
    );
}

#[test]
fn a_damaged_file_offers_its_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::temp_sample(dir.path(), "stockport.ron");
    std::fs::copy(&path, manual_editor::store::format::backup_path(&path)).unwrap();
    // The last save was cut off half way.
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, &text[..text.len() / 2]).unwrap();
    let mut harness = common::harness(Some(path.clone()));
    let Some(Dialog::Damaged { message, .. }) = harness.state().dialog() else {
        panic!("expected the damaged-file question");
    };
    assert!(message.contains("stockport.ron:"), "{message}");
    harness.get_by_label("Open the backup copy").click();
    harness.run();
    let doc = harness.state().document().unwrap();
    assert_eq!(doc.path(), Some(path.as_path()));
    assert!(doc.is_dirty(), "saving it replaces the damaged file");
    assert_eq!(doc.outline().chapter_count, 171);
}

#[test]
fn another_chapter_opens_at_its_top_not_where_the_last_was_scrolled() {
    let dir = tempfile::tempdir().unwrap();
    let path = temp_sample(dir.path(), "stockport.ron");
    let mut manual = format::load(&path).unwrap();
    for id in ["young-carers-2", "confidentiality-policy"] {
        let at = manual.find(&EntryId::new(id)).unwrap();
        manual.entry_mut(&at).unwrap().notes = (1..=60).map(|n| format!("Note {n}")).collect();
    }
    format::save(&manual, &path).unwrap();
    let mut harness = harness(Some(path));
    select_in_tree(&mut harness, "young carers", "4.8.1 Young Carers");
    common::show_tab(&mut harness, "Notes (60)");
    let title = |harness: &egui_kittest::Harness<'_, App>| {
        harness
            .query_by_role_and_label(Role::TextInput, "Title")
            .map(|n| n.rect().top())
    };
    let top = title(&harness).expect("the title field shows");
    harness.hover_at(egui::pos2(900.0, 500.0));
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, -4000.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
        modifiers: Modifiers::NONE,
    });
    // The scroll animates over a few frames.
    harness.run_steps(20);
    assert_ne!(title(&harness), Some(top), "the editor scrolled down");
    select_in_tree(
        &mut harness,
        "confidentiality",
        "1.1.2 Confidentiality Policy",
    );
    assert_eq!(
        title_of(harness.state(), "confidentiality-policy"),
        "Confidentiality Policy"
    );
    assert_eq!(
        title(&harness),
        Some(top),
        "the next chapter opens at its top"
    );
}
