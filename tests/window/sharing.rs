//! A manual someone else has open: the lock file beside it, the warning,
//! read-only mode and opening anyway, driven through the real window.

use crate::common;
use std::fs;
use std::path::Path;

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use manual_editor::app::{Command, Dialog};
use manual_editor::store::lock;

/// A lock as another computer writes it.
fn locked_elsewhere(file: &Path) {
    fs::write(
        lock::lock_path(file),
        "(user:\"colleague\",host:\"another-host\",pid:1,since:1764547200)\n",
    )
    .unwrap();
}

fn holder_host(file: &Path) -> Option<String> {
    lock::holder_of(file).map(|h| h.host)
}

#[test]
fn a_manual_open_elsewhere_warns_and_read_only_refuses_edits() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::temp_sample(dir.path(), "stockport.ron");
    let before = fs::read(&path).unwrap();
    locked_elsewhere(&path);
    let mut harness = common::harness(Some(path.clone()));
    assert!(matches!(
        harness.state().dialog(),
        Some(Dialog::LockedElsewhere { .. })
    ));
    assert!(
        harness
            .query_by_label_contains(
                "Open on another-host by colleague since 00:00 UTC on 2025-12-01"
            )
            .is_some()
    );
    assert!(
        harness
            .state()
            .document()
            .is_none_or(|d| d.path() != Some(path.as_path()))
    );
    harness.get_by_label("Open read-only").click();
    harness.run();
    let doc = harness.state().document().unwrap();
    assert_eq!(doc.path(), Some(path.as_path()));
    assert!(doc.is_read_only());
    assert!(harness.state().window_title().contains("(read-only)"));
    assert!(
        harness.query_by_label("Read-only").is_some(),
        "the status bar says so"
    );

    // Typing a title is refused with a message and changes nothing.
    common::select_in_tree(&mut harness, "young carers", "4.8.1 Young Carers");
    common::select_all_and_type(&mut harness, Role::TextInput, "Title", "Mine");
    let Some(Dialog::Error { title, message }) = harness.state().dialog() else {
        panic!(
            "expected the read-only message, got {:?}",
            harness.state().dialog()
        );
    };
    assert_eq!(title, "This manual is open read-only");
    assert!(message.contains("Save As"), "{message}");
    assert_eq!(
        common::title_of(harness.state(), "young-carers-2"),
        "Young Carers"
    );
    assert!(!harness.state().document().unwrap().is_dirty());
    harness.get_by_label("OK").click();
    harness.run();

    // Save asks for another name; the file and the other lock are untouched.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert!(matches!(
        harness.state().dialog(),
        Some(Dialog::SaveAs { .. })
    ));
    assert_eq!(fs::read(&path).unwrap(), before);
    assert_eq!(holder_host(&path).as_deref(), Some("another-host"));
}

#[test]
fn save_as_from_read_only_gives_an_editable_copy_of_ones_own() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::temp_sample(dir.path(), "stockport.ron");
    locked_elsewhere(&path);
    let mut harness = common::harness(Some(path.clone()));
    harness.get_by_label("Open read-only").click();
    harness.run();
    let copy = dir.path().join("my-copy.ron");
    harness
        .state_mut()
        .push(manual_editor::app::Action::SaveTo {
            path: copy.clone(),
            then: None,
        });
    harness.run();
    let doc = harness.state().document().unwrap();
    assert_eq!(doc.path(), Some(copy.as_path()));
    assert!(!doc.is_read_only());
    assert!(!harness.state().window_title().contains("read-only"));
    assert!(lock::holder_of(&copy).is_some_and(|h| h.pid == std::process::id()));
    common::select_in_tree(&mut harness, "young carers", "4.8.1 Young Carers");
    common::select_all_and_type(&mut harness, Role::TextInput, "Title", "Mine");
    assert!(harness.state().dialog().is_none());
    assert_eq!(common::title_of(harness.state(), "young-carers-2"), "Mine");
    // Closing lets go of the copy's lock only.
    harness
        .state_mut()
        .push(manual_editor::app::Action::Proceed(
            manual_editor::app::Pending::Close,
        ));
    harness.run();
    assert!(!lock::lock_path(&copy).exists());
    assert_eq!(holder_host(&path).as_deref(), Some("another-host"));
}

#[test]
fn open_anyway_edits_without_taking_the_other_lock() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::temp_sample(dir.path(), "stockport.ron");
    locked_elsewhere(&path);
    let mut harness = common::harness(Some(path.clone()));
    harness.get_by_label("Open anyway").click();
    harness.run();
    assert!(!harness.state().document().unwrap().is_read_only());
    common::select_in_tree(&mut harness, "young carers", "4.8.1 Young Carers");
    common::select_all_and_type(&mut harness, Role::TextInput, "Title", "Mine");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert!(harness.state().dialog().is_none());
    let saved = manual_editor::store::format::load(&path).unwrap();
    let at = saved
        .find(&manual_editor::model::EntryId::new("young-carers-2"))
        .unwrap();
    assert_eq!(saved.entry(&at).unwrap().title, "Mine");
    harness
        .state_mut()
        .push(manual_editor::app::Action::Run(Command::Close));
    harness.run();
    assert_eq!(holder_host(&path).as_deref(), Some("another-host"));
}

#[cfg(target_os = "linux")]
#[test]
fn a_lock_left_by_a_crash_on_this_computer_is_taken_over_and_released() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::temp_sample(dir.path(), "stockport.ron");
    let mut gone = std::process::Command::new("true").spawn().unwrap();
    let pid = gone.id();
    gone.wait().unwrap();
    let host = fs::read_to_string("/proc/sys/kernel/hostname").unwrap();
    fs::write(
        lock::lock_path(&path),
        format!(
            "(user:\"me\",host:\"{}\",pid:{pid},since:1764547200)",
            host.trim()
        ),
    )
    .unwrap();
    let mut harness = common::harness(Some(path.clone()));
    assert!(harness.state().dialog().is_none());
    let doc = harness.state().document().unwrap();
    assert_eq!(doc.path(), Some(path.as_path()));
    assert!(!doc.is_read_only());
    assert_eq!(
        lock::holder_of(&path).map(|h| h.pid),
        Some(std::process::id())
    );
    harness
        .state_mut()
        .push(manual_editor::app::Action::Proceed(
            manual_editor::app::Pending::Close,
        ));
    harness.run();
    assert!(!lock::lock_path(&path).exists());
}
