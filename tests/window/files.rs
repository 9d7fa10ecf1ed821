//! A flowchart dropped on the window goes into the chapter: alt text is
//! asked for, the file is copied beside the manual, the link is one undo
//! step, and the preview shows the picture.

use crate::common;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use manual_editor::app::{Action, Dialog};

fn png(width: u32, height: u32) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    image::RgbaImage::from_pixel(width, height, image::Rgba([200, 30, 30, 255]))
        .write_to(&mut out, image::ImageFormat::Png)
        .unwrap();
    out.into_inner()
}

/// A file dropped on the window, as the windowing layer hands it over.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// Types into a field of a dialog (focused first: clicks in modals are
/// not always delivered headless).
fn type_into(
    harness: &mut egui_kittest::Harness<'_, manual_editor::app::App>,
    label: &str,
    text: &str,
) {
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .focus();
    harness.run();
    harness.event(egui::Event::Text(text.to_string()));
    harness.run();
}

fn body_of(app: &manual_editor::app::App, id: &str) -> String {
    common::entry_of(app, id)
        .chapter_details()
        .unwrap()
        .body
        .clone()
}

#[test]
fn a_dropped_picture_is_copied_described_and_linked_as_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::temp_sample(dir.path(), "stockport.ron");
    let picture = dir.path().join("S47 Flowchart.PNG");
    std::fs::write(&picture, png(64, 48)).unwrap();
    let mut harness = common::harness(Some(path.clone()));
    common::select_in_tree(&mut harness, "young carers", "4.8.1 Young Carers");

    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(picture.clone())));
    harness.run();
    let Some(Dialog::InsertFile(dialog)) = harness.state().dialog() else {
        panic!("expected Insert file, got {:?}", harness.state().dialog());
    };
    assert!(dialog.is_image());
    // A picture cannot go in without alt text.
    assert!(
        harness
            .query_by_label_contains("A picture needs alt text")
            .is_some()
    );
    type_into(&mut harness, "Alt text", "Section 47 enquiries flowchart");
    harness.get_by_label("Insert").click_accesskit();
    harness.run();
    assert!(
        harness.state().dialog().is_none(),
        "{:?}",
        harness.state().dialog()
    );
    let copied = dir.path().join("stockport.files/s47-flowchart.png");
    assert!(
        copied.is_file(),
        "copied beside the manual under a clean name"
    );
    let body = body_of(harness.state(), "young-carers-2");
    assert!(
        body.contains("![Section 47 enquiries flowchart](stockport.files/s47-flowchart.png)"),
        "{body}"
    );

    // The preview decodes it (off the UI thread) and shows it.
    harness.get_by_label("Preview beside").click();
    harness.run();
    let uri = format!(
        "file://{}/stockport.files/s47-flowchart.png",
        std::path::absolute(dir.path()).unwrap().display()
    );
    let mut ready = false;
    for _ in 0..200 {
        harness.step();
        let poll = harness
            .ctx
            .try_load_image(&uri, egui::load::SizeHint::default());
        match poll {
            Ok(egui::load::ImagePoll::Ready { image }) => {
                assert_eq!(image.size, [64, 48]);
                ready = true;
                break;
            }
            Ok(egui::load::ImagePoll::Pending { .. }) => {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            Err(error) => panic!("{error}"),
        }
    }
    assert!(ready, "the preview's loader decoded the picture");

    // One undo step takes the link out; the copy stays for check --files.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(!body_of(harness.state(), "young-carers-2").contains("s47-flowchart"));
    assert!(copied.is_file());
}

#[test]
fn a_sample_never_saved_is_asked_to_be_saved_first() {
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("Referral form.docx");
    std::fs::write(&form, b"PK").unwrap();
    let mut harness = common::harness(None);
    common::select_in_tree(&mut harness, "young carers", "4.8.1 Young Carers");
    harness.state_mut().push(Action::AskInsertFile);
    harness.run();
    let Some(Dialog::InsertFile(dialog)) = harness.state().dialog() else {
        panic!("expected Insert file");
    };
    assert!(!dialog.is_image());
    type_into(&mut harness, "File", &form.display().to_string());
    type_into(&mut harness, "Link text", "Referral form");
    harness.get_by_label("Insert").click_accesskit();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("Save the manual to a file first")
            .is_some()
    );
    assert!(!body_of(harness.state(), "young-carers-2").contains("Referral"));
}
