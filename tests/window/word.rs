//! Word documents in the real window: a manual made from one long
//! document, saved with its pictures and opened; a consultation copy that
//! came back, its changes accepted one by one and applied as one step.

use std::path::Path;

use crate::common::{harness, paste_into};
use egui_kittest::kittest::Queryable;
use manual_editor::app::{Action, Command, Dialog};
use manual_editor::import::docx::sample;
use manual_editor::model::EntryId;

/// The fixture manual with chapter text, copied into `dir`.
fn consulted_in(dir: &Path) -> std::path::PathBuf {
    let manual_path = dir.join("consulted.ron");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/word/consulted.ron"),
        &manual_path,
    )
    .unwrap();
    manual_path
}

/// Opens File > New from Word document… and reads `document`.
fn read_word_document(
    harness: &mut egui_kittest::Harness<'_, manual_editor::app::App>,
    document: &Path,
) {
    harness.state_mut().push(Action::Run(Command::NewFromWord));
    harness.run();
    paste_into(harness, "Word document", &document.display().to_string());
    harness.get_by_label("Read").click_accesskit();
    harness.run();
}

#[test]
fn a_manual_is_made_from_a_word_document_saved_with_its_pictures_and_opened() {
    let dir = tempfile::tempdir().unwrap();
    let body = [
        sample::styled("Title", "Testshire Children's Services Procedures Manual"),
        sample::styled("Heading1", "All Children"),
        sample::styled("Heading2", "Making a Referral"),
        sample::paragraph("Anyone may refer."),
        sample::picture("rIdPic1", 1, "Referral flow"),
    ]
    .concat();
    let document = dir.path().join("handbook.docx");
    std::fs::write(&document, sample::document(&body, 1, &[], &[])).unwrap();
    let mut harness = harness(None);
    read_word_document(&mut harness, &document);
    assert!(
        harness
            .query_by_label_contains("chapter text: 1 of 1 chapters filled")
            .is_some(),
        "the preview reports what was made"
    );
    // The council is read from the document's title, to confirm.
    assert!(matches!(
        harness.state().dialog(),
        Some(Dialog::NewFromWord(d)) if d.authority == "Testshire"
    ));
    harness.get_by_label("Create and save").click_accesskit();
    harness.run_steps(4);
    let out = dir.path().join("handbook.ron");
    let doc = harness.state().document().expect("the new manual is open");
    assert_eq!(doc.path(), Some(out.as_path()));
    assert_eq!(doc.manual().authority, "Testshire");
    let pictures = std::fs::read_dir(dir.path().join("handbook.files"))
        .unwrap()
        .count();
    assert_eq!(pictures, 1);
    // Made again over the saved file: refused, nothing overwritten.
    let saved = std::fs::read(&out).unwrap();
    read_word_document(&mut harness, &document);
    harness.get_by_label("Create and save").click_accesskit();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("is already there")
            .is_some()
    );
    assert_eq!(std::fs::read(&out).unwrap(), saved);
}

#[test]
fn a_returned_copy_s_changes_are_accepted_one_by_one_and_undone_as_one() {
    let dir = tempfile::tempdir().unwrap();
    let manual_path = consulted_in(dir.path());
    let manual = manual_editor::store::format::load(&manual_path).unwrap();
    let ids = [EntryId::new("visits"), EntryId::new("reviews")];
    let copy = manual_editor::export::docx::consultation_docx(&manual, &ids, "2026-12-02").unwrap();
    let back = sample::returned(
        &copy,
        |xml| {
            xml.replacen(
                "The IRO chairs each review.</w:t></w:r>",
                &format!(
                    "The IRO chairs each review.</w:t></w:r>{}",
                    sample::tracked_insertion("Partner Agency", " Ask the child first.")
                ),
                1,
            )
            .replacen(
                "Looked after reviews.",
                "Looked after reviews and plans.",
                1,
            )
        },
        "",
    );
    let returned = dir.path().join("returned.docx");
    std::fs::write(&returned, back).unwrap();
    let mut harness = harness(Some(manual_path));
    harness
        .state_mut()
        .push(Action::Run(Command::ImportResponse));
    harness.run();
    paste_into(
        &mut harness,
        "Returned copy",
        &returned.display().to_string(),
    );
    harness.get_by_label("Read").click_accesskit();
    harness.run();
    assert!(matches!(
        harness.state().dialog(),
        Some(Dialog::Response(_))
    ));
    // The chapter's heading in the dialog, beside its row in the tree.
    assert_eq!(harness.query_all_by_label("1.2 Reviews").count(), 2);
    assert!(
        harness
            .query_by_label_contains("(tracked change)")
            .is_some()
    );
    // Accept the text's change only (the second proposal); leave the scope.
    let accepts: Vec<_> = harness.query_all_by_label("Accept").collect();
    assert_eq!(accepts.len(), 2);
    accepts[1].click_accesskit();
    harness.run();
    harness
        .get_by_label("Apply 1 accepted change")
        .click_accesskit();
    harness.run_steps(3);
    let body = |harness: &egui_kittest::Harness<'_, manual_editor::app::App>| {
        let doc = harness.state().document().unwrap();
        let path = doc.manual().find(&EntryId::new("reviews")).unwrap();
        let chapter = doc
            .manual()
            .entry(&path)
            .unwrap()
            .chapter_details()
            .unwrap()
            .clone();
        (chapter.scope, chapter.body)
    };
    let (scope, text) = body(&harness);
    assert_eq!(scope, "Looked after reviews.");
    assert!(
        text.starts_with("The IRO chairs each review. Ask the child first.\n\n"),
        "{text}"
    );
    harness.state_mut().push(Action::Run(Command::Undo));
    harness.run();
    assert!(
        body(&harness)
            .1
            .starts_with("The IRO chairs each review.\n\nInvite")
    );
}

#[test]
fn a_chapter_drafted_in_word_brings_its_picture_into_the_manual_s_folder() {
    let dir = tempfile::tempdir().unwrap();
    let manual_path = consulted_in(dir.path());
    let body = [
        sample::styled("Title", "Reviews"),
        sample::paragraph("The IRO chairs each review."),
        sample::picture("rIdPic1", 1, "Review timeline"),
        sample::table(&[&["Review", "When"], &["First", "20 days"]]),
    ]
    .concat();
    let page = dir.path().join("reviews.docx");
    std::fs::write(&page, sample::document(&body, 1, &[], &[])).unwrap();
    let mut harness = harness(Some(manual_path));
    crate::common::import_chapter_pages(&mut harness, &page.display().to_string());
    // The chapter has text already: the page's replaces it when asked.
    harness
        .get_by_label("Replace text already written")
        .click_accesskit();
    crate::common::wait_for_preview(&mut harness);
    // Nothing is written until the import is made.
    assert!(!dir.path().join("consulted.files").exists());
    harness
        .get_by_label("Import into 1 chapter")
        .click_accesskit();
    harness.run_steps(4);
    let files: Vec<String> = std::fs::read_dir(dir.path().join("consulted.files"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(files.len(), 1);
    let doc = harness.state().document().unwrap();
    let path = doc.manual().find(&EntryId::new("reviews")).unwrap();
    let text = doc
        .manual()
        .entry(&path)
        .unwrap()
        .chapter_details()
        .unwrap()
        .body
        .clone();
    assert!(
        text.contains(&format!("![Review timeline](consulted.files/{})", files[0])),
        "{text}"
    );
    assert!(
        text.contains("| Review | When |\n| --- | --- |\n| First | 20 days |"),
        "{text}"
    );
}
