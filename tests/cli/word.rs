//! Word in and out from the command line, on real files: a manual made
//! from one long document with its pictures beside it, and consultation
//! copies coming back (saved by LibreOffice, and edited as Word writes
//! tracked changes and comments).

use std::fs;
use std::path::Path;

use manual_editor::import::docx::sample;

use crate::common::{run_in, text};

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/word")
        .join(name)
}

/// An older manual kept as one long Word document.
fn handbook() -> Vec<u8> {
    let body = [
        sample::styled("Title", "Testshire Children's Services Procedures Manual"),
        sample::styled("Heading1", "All Children"),
        sample::styled("Heading2", "Safeguarding"),
        sample::styled("Heading3", "Making a Referral"),
        sample::paragraph("Anyone may refer."),
        sample::picture("rIdPic1", 1, "Referral flow"),
        sample::styled("Heading3", "Strategy Discussions"),
        sample::table(&[&["Step", "Who"], &["Convene", "Manager"]]),
    ]
    .concat();
    sample::document(&body, 1, &[], &[])
}

#[test]
fn import_docx_makes_a_manual_with_its_pictures_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("handbook.docx"), handbook()).unwrap();
    let made = run_in(
        dir.path(),
        &[
            "import-docx",
            "handbook.docx",
            "-o",
            "testshire.ron",
            "--authority",
            "Testshire",
        ],
    );
    assert_eq!(
        made.status.code(),
        Some(0),
        "{}{}",
        text(&made.stdout),
        text(&made.stderr)
    );
    let out = text(&made.stdout);
    assert!(out.contains("1 part, 1 section, 2 chapters"), "{out}");
    assert!(
        out.contains("chapter text: 2 of 2 chapters filled"),
        "{out}"
    );
    let pictures: Vec<_> = fs::read_dir(dir.path().join("testshire.files"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(pictures.len(), 1);
    assert!(pictures[0].starts_with("handbook-image1-"), "{pictures:?}");
    // The manual made checks clean: its picture is there, described.
    let check = run_in(dir.path(), &["check", "testshire.ron"]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stdout));
}

#[test]
fn import_docx_refuses_what_it_cannot_use_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let plain = sample::document(&sample::paragraph("Only words."), 0, &[], &[]);
    fs::write(dir.path().join("plain.docx"), plain).unwrap();
    fs::write(dir.path().join("notes.docx"), b"not a zip").unwrap();
    let refused = run_in(dir.path(), &["import-docx", "plain.docx", "-o", "out.ron"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        text(&refused.stderr).contains("Heading 1"),
        "{}",
        text(&refused.stderr)
    );
    let refused = run_in(dir.path(), &["import-docx", "notes.docx", "-o", "out.ron"]);
    assert_ne!(refused.status.code(), Some(0));
    assert!(text(&refused.stderr).contains("not a Word document"));
    assert!(!dir.path().join("out.ron").exists());
    assert!(!dir.path().join("out.files").exists());
}

/// The copy with `edit` made to its text.
fn edited(copy: &[u8], edit: impl Fn(&str) -> String) -> Vec<u8> {
    sample::returned(copy, edit, "")
}

#[test]
fn a_copy_saved_by_libreoffice_reads_back_with_the_same_text() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(fixture("consulted.ron"), dir.path().join("consulted.ron")).unwrap();
    let back = fixture("consulted-libreoffice.docx");
    let same = run_in(
        dir.path(),
        &["import-response", "consulted.ron", back.to_str().unwrap()],
    );
    assert_eq!(same.status.code(), Some(0), "{}", text(&same.stderr));
    assert!(
        text(&same.stdout).starts_with("0 chapters with changes or comments: 0 proposed changes"),
        "{}",
        text(&same.stdout)
    );
    // A reviewer's edit in it is found, word by word.
    let copy = edited(&fs::read(&back).unwrap(), |xml| {
        xml.replacen("chairs each review", "chairs every review", 1)
    });
    fs::write(dir.path().join("back.docx"), copy).unwrap();
    let review = run_in(
        dir.path(),
        &["import-response", "consulted.ron", "back.docx"],
    );
    let out = text(&review.stdout);
    assert!(out.contains("1.2 Reviews"), "{out}");
    assert!(
        out.contains("…The IRO chairs [-each-]{+every+} review. Invite"),
        "{out}"
    );
}

#[test]
fn import_response_reports_then_applies_tracked_changes_and_shows_comments() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(fixture("consulted.ron"), dir.path().join("consulted.ron")).unwrap();
    let made = run_in(
        dir.path(),
        &[
            "export-docx",
            "consulted.ron",
            "-o",
            "copy.docx",
            "--date",
            "2026-12-02",
        ],
    );
    assert_eq!(made.status.code(), Some(0), "{}", text(&made.stderr));
    let copy = fs::read(dir.path().join("copy.docx")).unwrap();
    // As Word records a reviewer's tracked insertion and deletion.
    let back = edited(&copy, |xml| {
        assert!(
            xml.contains("The IRO chairs each review.</w:t></w:r>"),
            "{xml}"
        );
        xml.replacen(
            "The IRO chairs each review.</w:t></w:r>",
            &format!(
                "The IRO chairs each review.</w:t></w:r>{}",
                sample::tracked_insertion("Partner Agency", " Ask the child first.")
            ),
            1,
        )
    });
    fs::write(dir.path().join("back.docx"), back).unwrap();
    let before = fs::read_to_string(dir.path().join("consulted.ron")).unwrap();
    let report = run_in(
        dir.path(),
        &["import-response", "consulted.ron", "back.docx", "--report"],
    );
    assert_eq!(report.status.code(), Some(0), "{}", text(&report.stderr));
    let out = text(&report.stdout);
    assert!(out.contains("1 tracked, by Partner Agency"), "{out}");
    assert!(
        out.contains("…The IRO chairs each review. {+Ask the child first.+} Invite the child's"),
        "{out}"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("consulted.ron")).unwrap(),
        before
    );
    let json = run_in(
        dir.path(),
        &[
            "import-response",
            "consulted.ron",
            "back.docx",
            "--format",
            "json",
        ],
    );
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["chapters"][0]["id"], "reviews");
    assert_eq!(value["chapters"][0]["proposals"][0]["tracked"], true);
    let applied = run_in(
        dir.path(),
        &[
            "import-response",
            "consulted.ron",
            "back.docx",
            "--accept-all",
        ],
    );
    assert_eq!(applied.status.code(), Some(0), "{}", text(&applied.stderr));
    let after = fs::read_to_string(dir.path().join("consulted.ron")).unwrap();
    assert!(
        after.contains("chairs each review. Ask the child first."),
        "{after}"
    );
}
