//! Nothing is lost: unsaved work is copied for recovery, offered again at the
//! next start, and the copy goes away once the work is saved.

use crate::common::{select_all_and_type, select_in_tree, temp_sample, title_of};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use manual_editor::app::{Action, App, Dialog, StartOptions};
use manual_editor::store::recovery::Store;
use std::path::{Path, PathBuf};

fn harness_with_recovery(file: &Path, recovery: &Path) -> Harness<'static, App> {
    let options = StartOptions {
        file: Some(file.to_path_buf()),
        recovery_folder: Some(recovery.to_path_buf()),
        ..StartOptions::default()
    };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(move |cc| App::new(cc, options.clone()));
    harness.run();
    harness
}

#[test]
fn unsaved_work_survives_a_crash_and_is_offered_at_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let file = temp_sample(dir.path(), "wigan.ron");
    let recovery: PathBuf = dir.path().join("recovery");

    // First run: an edit, a recovery copy, then the program "crashes" (is dropped).
    {
        let mut harness = harness_with_recovery(&file, &recovery);
        select_in_tree(&mut harness, "1.1.3", "1.1.3 Capacity and Consent");
        select_all_and_type(
            &mut harness,
            Role::TextInput,
            "Title",
            "Capacity, Consent and Confidentiality",
        );
        harness.state_mut().push(Action::WriteRecoveryCopy);
        harness.run();
        assert_eq!(Store::new(recovery.clone()).found().len(), 1);
    }

    // Second run: the copy is offered; opening it brings the edit back, unsaved.
    let mut harness = harness_with_recovery(&file, &recovery);
    match harness.state().dialog() {
        Some(Dialog::Recover { found }) => {
            assert_eq!(found[0].original.as_deref(), Some(file.as_path()))
        }
        other => panic!("expected the recovery question, got {other:?}"),
    }
    harness.get_by_label("Open recovered copy").click();
    harness.run();
    let app = harness.state();
    assert_eq!(
        title_of(app, "capacity-and-consent"),
        "Capacity, Consent and Confidentiality"
    );
    let doc = app.document().unwrap();
    assert!(doc.is_dirty(), "recovered changes are not saved yet");
    assert_eq!(doc.path(), Some(file.as_path()));

    // Saving writes the original file and removes the copy.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert!(Store::new(recovery.clone()).found().is_empty());
    assert_eq!(
        manual_editor::store::format::load(&file).unwrap().entries[0].children()[0].children()[2]
            .title,
        "Capacity, Consent and Confidentiality"
    );
}

#[test]
fn a_discarded_copy_is_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let file = temp_sample(dir.path(), "wigan.ron");
    let recovery = dir.path().join("recovery");
    let store = Store::new(recovery.clone());
    store
        .write(
            &manual_editor::store::format::load(&file).unwrap(),
            Some(&file),
        )
        .unwrap();
    let mut harness = harness_with_recovery(&file, &recovery);
    harness.get_by_label("Discard recovered copy").click();
    harness.run();
    assert!(harness.state().dialog().is_none());
    assert!(store.found().is_empty());
}

#[test]
fn the_copy_is_written_after_a_pause_in_editing() {
    let dir = tempfile::tempdir().unwrap();
    let file = temp_sample(dir.path(), "wigan.ron");
    let recovery: PathBuf = dir.path().join("recovery");
    let mut harness = harness_with_recovery(&file, &recovery);
    select_in_tree(&mut harness, "1.1.3", "1.1.3 Capacity and Consent");
    select_all_and_type(&mut harness, Role::TextInput, "Title", "Capacity");
    // The harness's clock moves a quarter second a frame: within two
    // seconds of the edit there is no copy yet.
    harness.step();
    std::thread::sleep(std::time::Duration::from_millis(100));
    assert!(Store::new(recovery.clone()).found().is_empty());
    for _ in 0..12 {
        harness.step();
    }
    // Written on the recovery thread: give it a moment.
    let mut found = 0;
    for _ in 0..50 {
        found = Store::new(recovery.clone()).found().len();
        if found == 1 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(found, 1);
}
