//! Dialogs as people meet them: each opens at its final size and place and
//! stays there, Enter submits, and a message about what was typed goes once
//! it is corrected.

use egui::Key;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use manual_editor::app::{Action, App, Command, Dialog};

use crate::common::{harness, select_all_and_type, temp_sample};

#[test]
fn an_update_label_already_used_is_refused_in_the_dialog() {
    let mut harness = harness(None);
    harness.state_mut().push(Action::Run(Command::StartUpdate));
    harness.run();
    select_all_and_type(
        &mut harness,
        Role::TextInput,
        "Update label",
        manual_editor::model::IMPORTED_UPDATE,
    );
    harness.get_by_label("Start update").click();
    harness.run();
    match harness.state().dialog() {
        Some(Dialog::StartUpdate { note, .. }) => {
            assert!(note.contains("already an update"), "{note}")
        }
        other => panic!("expected the dialog to stay with a note, got {other:?}"),
    }
}

/// The place of the button `label` in the first frame it is drawn.
fn first_place(harness: &mut egui_kittest::Harness<'_, App>, label: &str) -> egui::Rect {
    for _ in 0..6 {
        harness.step();
        if let Some(node) = harness.query_by_label(label) {
            return node.rect();
        }
    }
    panic!("{label} never appeared");
}

#[test]
fn dialogs_open_at_their_final_size_and_place_and_stay_there() {
    for (command, button) in [
        (Command::StartUpdate, "Cancel"),
        (Command::ExportHtml, "Cancel"),
        (Command::ShowKeywords, "Close"),
        (Command::ShowReviews, "Close"),
    ] {
        let mut harness = harness(Some(temp_sample(
            tempfile::tempdir().unwrap().keep().as_path(),
            "wigan.ron",
        )));
        harness.state_mut().push(Action::Run(command));
        let first = first_place(&mut harness, button);
        // Every repaint, a pointer moving over the dialog among them.
        for i in 0..30 {
            harness.hover_at(egui::pos2(300.0 + 20.0 * i as f32, 300.0));
            harness.step();
        }
        let later = harness.get_by_label(button).rect();
        assert_eq!(
            first, later,
            "{command:?}: {button} moved or the dialog grew"
        );
        // Closed and opened again, it comes back at the same place.
        harness.get_by_label(button).click_accesskit();
        harness.run();
        harness.state_mut().push(Action::Run(command));
        let again = first_place(&mut harness, button);
        assert_eq!(first, again, "{command:?} reopened elsewhere");
    }
}

#[test]
fn the_start_update_message_goes_once_the_label_is_fixed_and_enter_starts_it() {
    let mut harness = harness(None);
    harness.state_mut().push(Action::Run(Command::StartUpdate));
    harness.run();
    select_all_and_type(
        &mut harness,
        Role::TextInput,
        "Update label",
        manual_editor::model::IMPORTED_UPDATE,
    );
    harness.key_press(Key::Enter);
    harness.run();
    let Some(Dialog::StartUpdate { note, .. }) = harness.state().dialog() else {
        panic!("Enter with a label in use keeps the dialog with its message");
    };
    assert!(note.contains("already an update"), "{note}");
    select_all_and_type(
        &mut harness,
        Role::TextInput,
        "Update label",
        "December 2026",
    );
    let Some(Dialog::StartUpdate { note, .. }) = harness.state().dialog() else {
        panic!("the dialog stays while typing");
    };
    assert!(note.is_empty(), "the old message went: {note}");
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(harness.state().dialog(), None, "Enter started the update");
    let manual = harness.state().document().unwrap().manual();
    assert_eq!(
        manual.current_update().map(|u| u.label.as_str()),
        Some("December 2026")
    );
}
