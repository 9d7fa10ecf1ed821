//! File > New from contents list in the real window: paste, see the tree
//! and the report, create the manual; a paste that is no contents list
//! cannot be created.

use crate::common;
use crate::common::{harness, wait_for_preview};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use manual_editor::app::{Action, Command, Dialog};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/import")
            .join(name),
    )
    .unwrap()
}

fn paste(harness: &mut egui_kittest::Harness<'_, manual_editor::app::App>, text: &str) {
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Contents text")
        .focus();
    harness.run();
    harness.event(egui::Event::Paste(text.to_string()));
    harness.run();
}

#[test]
fn a_pasted_contents_list_becomes_a_new_unsaved_manual() {
    let mut harness = harness(None);
    harness
        .state_mut()
        .push(Action::Run(Command::NewFromContents));
    harness.run();
    assert!(matches!(
        harness.state().dialog(),
        Some(Dialog::ImportContents(_))
    ));
    paste(&mut harness, &fixture("glued-badges.txt"));
    harness.run();
    // The tree shows beside the text, the glued badge and date split off.
    assert!(
        harness
            .query_by_label("        1.2.1 Making Referrals Flowchart")
            .is_some()
    );
    harness.get_by_label("Create manual").click();
    harness.run();
    let doc = harness.state().document().unwrap();
    assert_eq!(
        doc.manual().title,
        "Westshire Children's Services Procedures Manual"
    );
    assert_eq!(doc.outline().chapter_count, 5);
    assert!(
        doc.is_dirty(),
        "an imported manual is not saved anywhere yet"
    );
    assert!(doc.path().is_none());
    assert!(harness.state().dialog().is_none());
}

#[test]
fn a_paste_that_is_no_contents_list_cannot_be_created() {
    let mut harness = harness(None);
    let before = harness.state().document().unwrap().manual().clone();
    harness
        .state_mut()
        .push(Action::Run(Command::NewFromContents));
    harness.run();
    paste(&mut harness, &fixture("mostly-prose.txt"));
    harness.run();
    assert!(
        harness
            .query_by_label_contains("were not understood")
            .is_some()
    );
    harness.get_by_label("Create manual").click();
    harness.run();
    assert_eq!(harness.state().document().unwrap().manual(), &before);
    assert!(matches!(
        harness.state().dialog(),
        Some(Dialog::ImportContents(_))
    ));
}

#[test]
fn an_amendments_page_is_recorded_as_one_undoable_step() {
    let mut harness = harness(None);
    let before = harness.state().document().unwrap().manual().clone();
    harness
        .state_mut()
        .push(Action::Run(Command::ImportAmendments));
    harness.run();
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Amendments page text")
        .focus();
    harness.run();
    harness.event(egui::Event::Paste(fixture("amendments-page.txt")));
    harness.run();
    assert!(
        harness
            .query_by_label_contains("rows matching no chapter: 1")
            .is_some()
    );
    harness.get_by_label("Record amendments").click();
    harness.run();
    let manual = harness.state().document().unwrap().manual().clone();
    assert!(manual.updates.iter().any(|u| u.label == "April 2024"));
    assert_ne!(manual, before);
    harness.state_mut().push(Action::Run(Command::Undo));
    harness.run();
    assert_eq!(harness.state().document().unwrap().manual(), &before);
}

#[test]
fn a_hostile_chapter_page_is_read_off_the_window_s_thread() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("deep.html");
    std::fs::write(
        &page,
        format!(
            "<h1>4.8.1 Young Carers</h1>{}deep{}",
            "<div>".repeat(50_000),
            "</div>".repeat(50_000)
        ),
    )
    .unwrap();
    let mut harness = harness(None);
    crate::common::import_chapter_pages(&mut harness, &page.display().to_string());
    assert!(
        harness
            .query_by_label_contains("nested more than")
            .is_some(),
        "the flattening is reported"
    );
}

#[test]
fn chapter_pages_are_imported_from_the_window_as_one_step() {
    let mut harness = harness(None);
    let before = harness.state().document().unwrap().manual().clone();
    harness
        .state_mut()
        .push(Action::Run(Command::ImportChapters));
    harness.run();
    let pages: Vec<String> = ["young-carers.html", "supervision-policy.txt"]
        .iter()
        .map(|name| {
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/chapters")
                .join(name)
                .display()
                .to_string()
        })
        .collect();
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Chapter page files, one a line")
        .focus();
    harness.run();
    harness.event(egui::Event::Paste(pages.join("\n")));
    // The pages are read on a thread of their own; the window says so and
    // stays responsive meanwhile.
    wait_for_preview(&mut harness);
    assert!(
        harness
            .query_by_label_contains("young-carers.html: 4.8.1 Young Carers")
            .is_some()
    );
    // (A pointer click on this modal's button does not register in the
    // headless harness; the accessibility click is the same button press.)
    harness
        .get_by_label("Import into 2 chapters")
        .click_accesskit();
    // A reading thread may still ask for a repaint as the dialog closes.
    harness.run_steps(8);
    let manual = harness.state().document().unwrap().manual().clone();
    let path = manual
        .find(&manual_editor::model::EntryId::new("young-carers-2"))
        .unwrap();
    let body = &manual.entry(&path).unwrap().chapter_details().unwrap().body;
    assert!(body.starts_with("## 1. Who are Young Carers"), "{body}");
    harness.state_mut().push(Action::Run(Command::Undo));
    harness.run();
    assert_eq!(harness.state().document().unwrap().manual(), &before);
}

#[test]
fn the_title_and_authority_found_are_confirmed_or_typed_before_create() {
    let mut harness = harness(None);
    harness
        .state_mut()
        .push(Action::Run(Command::NewFromContents));
    harness.run();
    paste(&mut harness, &fixture("glued-badges.txt"));
    harness.run();
    // What the importer found is shown, to confirm.
    let title = harness.get_by_role_and_label(Role::TextInput, "Manual title");
    assert_eq!(
        title.value().as_deref(),
        Some("Westshire Children's Services Procedures Manual")
    );
    common::select_all_and_type(&mut harness, Role::TextInput, "Authority", "");
    harness.key_press(egui::Key::Backspace);
    harness.run();
    harness.get_by_label("Create manual").click();
    harness.run();
    assert!(
        matches!(harness.state().dialog(), Some(Dialog::ImportContents(_))),
        "no manual without an authority"
    );
    common::select_all_and_type(
        &mut harness,
        Role::TextInput,
        "Authority",
        "Westshire Council",
    );
    common::select_all_and_type(
        &mut harness,
        Role::TextInput,
        "Manual title",
        "Westshire Procedures",
    );
    harness.get_by_label("Create manual").click();
    harness.run();
    let manual = harness.state().document().unwrap().manual();
    assert_eq!(manual.title, "Westshire Procedures");
    assert_eq!(manual.authority, "Westshire Council");
}
