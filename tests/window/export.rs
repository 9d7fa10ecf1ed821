//! Exporting from the window: the HTML snapshot with its progress and a
//! question asked meanwhile, and the Word consultation copy of the
//! selected chapters.

use std::fs;

use crate::common::{harness, select_all_and_type, select_in_tree};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use manual_editor::app::{Action, Command, Dialog};

#[test]
fn export_from_the_window_shows_progress_and_finishes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let mut harness = harness(None);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run();
    assert!(matches!(
        harness.state().dialog(),
        Some(Dialog::Export { .. })
    ));
    select_all_and_type(
        &mut harness,
        Role::TextInput,
        "Output folder",
        out.to_str().unwrap(),
    );
    select_all_and_type(&mut harness, Role::TextInput, "Snapshot date", "2026-11-22");
    harness.get_by_label("Export").click();
    harness.step();
    assert!(
        harness.state().is_exporting()
            || matches!(harness.state().dialog(), Some(Dialog::Exported { .. }))
    );
    wait_for_export(&mut harness);
    match harness.state().dialog() {
        // The 171 chapters, and the site's other pages and files (the
        // search index's, the feed and a bulletin), as the command line
        // counts them.
        Some(Dialog::Exported { files, .. }) => assert_eq!(*files, 225),
        other => panic!("expected the export to finish, got {other:?}"),
    }
    harness.run();
    harness.get_by_label("Open in browser");
    assert!(
        fs::read_to_string(out.join("index.html"))
            .unwrap()
            .contains("Published 22 November 2026")
    );
}

#[test]
fn a_question_asked_during_an_export_stays_until_answered() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let mut harness = harness(None);
    // Something unsaved, so closing asks.
    harness.get_by_label("1.1.2 Confidentiality Policy").click();
    harness.run();
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    harness.run();
    assert!(harness.state().document().unwrap().is_dirty());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run();
    select_all_and_type(
        &mut harness,
        Role::TextInput,
        "Output folder",
        out.to_str().unwrap(),
    );
    harness.get_by_label("Export").click();
    harness.step();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::W);
    harness.step();
    for _ in 0..1_000 {
        assert!(
            matches!(harness.state().dialog(), Some(Dialog::Unsaved { .. })),
            "the question stays while the export runs: {:?}",
            harness.state().dialog()
        );
        if !harness.state().is_export_running() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
        harness.step();
    }
    // Finished meanwhile, the export waits for the question to be answered.
    for _ in 0..5 {
        harness.step();
    }
    assert!(matches!(
        harness.state().dialog(),
        Some(Dialog::Unsaved { .. })
    ));
    harness.get_by_label("Cancel").click();
    harness.run();
    wait_for_export(&mut harness);
    assert!(
        matches!(harness.state().dialog(), Some(Dialog::Exported { .. })),
        "{:?}",
        harness.state().dialog()
    );
    assert!(out.join("index.html").exists());
}

#[test]
fn the_selected_chapters_go_out_for_consultation_as_a_word_document() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("for-comment.docx");
    let mut harness = harness(None);
    select_in_tree(&mut harness, "young carers", "4.8.1 Young Carers");
    harness
        .state_mut()
        .push(Action::Run(Command::ExportConsultation));
    harness.run();
    select_all_and_type(
        &mut harness,
        Role::TextInput,
        "Word document",
        out.to_str().unwrap(),
    );
    harness.get_by_label("Write the document").click();
    harness.run();
    assert!(
        harness.state().dialog().is_none(),
        "{:?}",
        harness.state().dialog()
    );
    let docx = docx_rs::read_docx(&fs::read(&out).unwrap()).unwrap();
    let json = docx.json();
    assert!(json.contains("4.8.1 Young Carers"));
    assert!(
        !json.contains("1.1.2 Confidentiality Policy"),
        "only the selection"
    );
    assert!(
        harness
            .state()
            .status()
            .starts_with("Wrote the consultation copy")
    );
}

#[test]
fn a_brand_colour_too_light_for_text_is_refused_with_its_ratio_and_a_dark_one_taken() {
    use egui::accesskit::Role;
    let mut harness = crate::common::harness(None);
    harness.state_mut().push(manual_editor::app::Action::Run(
        manual_editor::app::Command::ManualDetails,
    ));
    harness.run();
    crate::common::select_all_and_type(&mut harness, Role::TextInput, "Brand colour", "#ffcc00");
    assert!(
        harness
            .query_by_label_contains("Brand colour not taken: #ffcc00 is too light")
            .is_some()
    );
    assert!(harness.query_by_label_contains("1.5:1").is_some());
    assert_eq!(
        harness.state().document().unwrap().manual().look.colour,
        None
    );
    crate::common::select_all_and_type(&mut harness, Role::TextInput, "Brand colour", "#1D4F91");
    assert_eq!(
        harness
            .state()
            .document()
            .unwrap()
            .manual()
            .look
            .colour
            .as_deref(),
        Some("#1d4f91")
    );
    assert!(
        harness
            .query_by_label_contains("Brand colour not taken")
            .is_none()
    );
    harness.state_mut().push(manual_editor::app::Action::Run(
        manual_editor::app::Command::Undo,
    ));
    harness.run();
    assert_eq!(
        harness.state().document().unwrap().manual().look.colour,
        None
    );
}

/// Runs the window until its export thread has finished.
fn wait_for_export(harness: &mut egui_kittest::Harness<'_, manual_editor::app::App>) {
    for _ in 0..1_000 {
        if !harness.state().is_exporting() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
        harness.step();
    }
    harness.step();
}
