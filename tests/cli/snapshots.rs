//! Snapshots of what the command line prints for a small manual: `check`,
//! `update list`, `diff` (plain and as amendment notes) and the contents
//! importer's report. Each runs in a folder of its own with relative
//! paths, so the text is the same on every machine. Accept an intended
//! change with `INSTA_UPDATE=always cargo test` and review the `.snap`
//! diff like code.

use std::path::Path;
use std::process::Command;

fn small_in(dir: &Path) {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/snapshots/small.ron");
    std::fs::copy(fixture, dir.join("small.ron")).unwrap();
}

/// Runs the binary in `dir`; its exit code, stdout and stderr as one text.
fn run_in(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_manual-editor"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    format!(
        "exit {}\n--- stdout\n{}--- stderr\n{}",
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn check_and_update_list() {
    let dir = tempfile::tempdir().unwrap();
    small_in(dir.path());
    insta::assert_snapshot!(
        "check",
        run_in(dir.path(), &["check", "small.ron", "--on", "2027-06-01"])
    );
    insta::assert_snapshot!(
        "update_list",
        run_in(dir.path(), &["update", "list", "small.ron"])
    );
}

#[test]
fn diff_of_a_rename_and_an_edit() {
    let dir = tempfile::tempdir().unwrap();
    small_in(dir.path());
    let text = std::fs::read_to_string(dir.path().join("small.ron")).unwrap();
    let changed = text
        .replace(
            "title: \"Private Fostering\"",
            "title: \"Private Fostering Arrangements\"",
        )
        .replace(
            "manager: \"Early Help Service Manager\"",
            "manager: \"Head of Early Help\"",
        );
    std::fs::write(dir.path().join("changed.ron"), changed).unwrap();
    insta::assert_snapshot!(
        "diff",
        run_in(dir.path(), &["diff", "small.ron", "changed.ron"])
    );
    insta::assert_snapshot!(
        "diff_amendments",
        run_in(
            dir.path(),
            &["diff", "--amendments", "small.ron", "changed.ron"]
        )
    );
}

#[test]
fn import_report_of_a_pasted_contents_list() {
    let dir = tempfile::tempdir().unwrap();
    // Pasted from a published page: site furniture, a part heading, a
    // section, numbered chapters, a badge and a line the importer cannot
    // place.
    let pasted = "Skip to main content\n\
                  Home | Contents | Search\n\
                  1. All Children\n\
                  1.1 Policy Values and Principles\n\
                  1.1.1 Confidentiality Policy\n\
                  1.1.2 Capacity and Consent Updated\n\
                  2. Looked After Children\n\
                  2.1.1 Placement Planning New\n\
                  Cookie settings\n";
    std::fs::write(dir.path().join("contents.txt"), pasted).unwrap();
    insta::assert_snapshot!(
        "import_report",
        run_in(
            dir.path(),
            &[
                "import",
                "contents.txt",
                "--out",
                "imported.ron",
                "--title",
                "Imported"
            ]
        )
    );
}
