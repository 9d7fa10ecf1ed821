//! Runs the `manual-editor` binary's subcommands on real files.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_manual-editor"))
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().unwrap()
}

/// `check FILE` started with its output piped, not waited for.
fn spawn_check(path: &Path) -> std::process::Child {
    bin()
        .args(["check", path.to_str().unwrap()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample_manuals")
        .join(name)
}

fn temp_copy(dir: &Path, name: &str) -> PathBuf {
    let target = dir.join(name);
    fs::copy(sample(name), &target).unwrap();
    target
}

/// A copy of the Stockport sample in `dir` whose 4.8.1 Young Carers was
/// changed by `change`, saved.
fn stockport_with(
    dir: &Path,
    change: impl FnOnce(&mut manual_editor::model::Entry),
) -> (PathBuf, manual_editor::model::Manual) {
    let path = temp_copy(dir, "stockport.ron");
    let mut manual = manual_editor::store::format::load(&path).unwrap();
    let at = manual
        .find(&manual_editor::model::EntryId::new("young-carers-2"))
        .unwrap();
    change(manual.entry_mut(&at).unwrap());
    manual_editor::store::format::save(&manual, &path).unwrap();
    (path, manual)
}

/// [`stockport_with`] a body for Young Carers.
fn stockport_with_body(dir: &Path, body: &str) -> PathBuf {
    stockport_with(dir, |entry| {
        entry.chapter_details_mut().unwrap().body = body.into();
    })
    .0
}

#[test]
fn check_passes_the_samples() {
    for name in ["wigan.ron", "wandsworth.ron", "stockport.ron"] {
        let out = run(&["check", sample(name).to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", text(&out.stdout));
        assert!(
            text(&out.stdout).contains("chapters"),
            "{}",
            text(&out.stdout)
        );
    }
}

#[test]
fn check_exits_1_on_a_dangling_link_and_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = temp_copy(dir.path(), "stockport.ron");
    let edited = fs::read_to_string(&path).unwrap().replacen(
        "target: \"north-west-pre-care-and-care-proceedings-notification-and\"",
        "target: \"no-such-chapter\"",
        1,
    );
    assert!(edited.contains("no-such-chapter"));
    fs::write(&path, edited).unwrap();
    let out = run(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("error: 4.6.2 North West Notification and Transfer of Children Subject of"),
        "{stdout}"
    );
    assert!(
        stdout.contains("missing entry 'no-such-chapter'"),
        "{stdout}"
    );
}

#[test]
fn check_exits_2_with_position_on_a_broken_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.ron");
    fs::write(
        &path,
        "(\n  format: 1,\n  title: \"x\"\n  authority: \"y\",\n)",
    )
    .unwrap();
    let out = run(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("broken.ron:4:"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn check_exits_2_on_a_newer_format_and_a_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.ron");
    fs::write(&path, "(format: 99, title: \"x\", entries: [])").unwrap();
    let out = run(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("format version 99"),
        "{}",
        text(&out.stderr)
    );
    let out = run(&["check", dir.path().join("absent.ron").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("absent.ron"));
}

#[test]
fn fmt_check_accepts_canonical_files_and_fmt_rewrites_others() {
    let dir = tempfile::tempdir().unwrap();
    let path = temp_copy(dir.path(), "wigan.ron");
    let out = run(&["fmt", "--check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));

    // A hand edit: same content on one line with other spacing.
    let canonical = fs::read_to_string(&path).unwrap();
    let squashed: String = canonical
        .lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ");
    fs::write(&path, &squashed).unwrap();
    let out = run(&["fmt", "--check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        squashed,
        "--check must change nothing"
    );

    let out = run(&["fmt", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(fs::read_to_string(&path).unwrap(), canonical);
}

#[test]
fn import_writes_a_manual_and_prints_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("w.ron");
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wandsworth-contents.txt");
    let out = run(&[
        "import",
        fixture.to_str().unwrap(),
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("7 parts, 25 sections, 123 chapters"),
        "{stdout}"
    );
    assert!(stdout.contains("badges: 2 New, 14 Updated"), "{stdout}");
    assert!(stdout.contains("lines not understood: 2"), "{stdout}");
    assert!(stdout.contains("line 126: 4.2"), "{stdout}");
    assert_eq!(
        fs::read_to_string(&out_path).unwrap(),
        fs::read_to_string(sample("wandsworth.ron")).unwrap()
    );
}

#[test]
fn import_of_binary_garbage_does_not_panic() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("garbage.txt");
    fs::write(&input, [0xffu8, 0xfe, 0x00, 0x41]).unwrap();
    let out = run(&[
        "import",
        input.to_str().unwrap(),
        "-o",
        dir.path().join("x.ron").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("garbage.txt"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn every_subcommand_has_help() {
    for sub in ["check", "fmt", "import"] {
        let out = run(&[sub, "--help"]);
        assert_eq!(out.status.code(), Some(0));
        assert!(text(&out.stdout).contains("Usage: manual-editor"), "{sub}");
    }
}

#[test]
fn update_start_publishes_the_current_update_and_list_shows_both() {
    let dir = tempfile::tempdir().unwrap();
    let file = temp_copy(dir.path(), "stockport.ron");
    let path = file.to_str().unwrap();
    let listed = run(&["update", "list", path]);
    assert_eq!(listed.status.code(), Some(0));
    assert!(
        text(&listed.stdout).contains("As published (undated, published): 1 new, 12 updated"),
        "{}",
        text(&listed.stdout)
    );
    let started = run(&[
        "update",
        "start",
        path,
        "--label",
        "April 2025",
        "--date",
        "2025-04",
    ]);
    assert_eq!(started.status.code(), Some(0), "{}", text(&started.stderr));
    let listed = text(&run(&["update", "list", path]).stdout);
    assert!(
        listed.contains("April 2025 (2025-04, open): 0 new, 0 updated"),
        "{listed}"
    );
    // The same label again is refused, and the file is left alone.
    let before = fs::read(&file).unwrap();
    let again = run(&["update", "start", path, "--label", "April 2025"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        text(&again.stderr).contains("already an update"),
        "{}",
        text(&again.stderr)
    );
    assert_eq!(fs::read(&file).unwrap(), before);
}

#[test]
fn a_manual_open_in_the_window_is_not_changed_from_the_command_line() {
    use manual_editor::store::lock;
    let dir = tempfile::tempdir().unwrap();
    let file = temp_copy(dir.path(), "stockport.ron");
    let path = file.to_str().unwrap();
    let before = fs::read(&file).unwrap();
    // The window's lock, as a running editor holds it.
    let lock::Acquired::Locked(held) = lock::acquire(&file) else {
        panic!("the lock should be free");
    };
    let refused = run(&["update", "start", path, "--label", "May 2025"]);
    assert_eq!(refused.status.code(), Some(2));
    let said = text(&refused.stderr);
    assert!(
        said.contains("Open on") && said.contains("not changed"),
        "{said}"
    );
    assert_eq!(fs::read(&file).unwrap(), before);
    // Closed in the window, the change goes through and leaves no lock.
    drop(held);
    let started = run(&["update", "start", path, "--label", "May 2025"]);
    assert_eq!(started.status.code(), Some(0), "{}", text(&started.stderr));
    assert!(!lock::lock_path(&file).exists());
}

#[test]
fn diff_names_what_moved_and_what_was_renamed() {
    let dir = tempfile::tempdir().unwrap();
    let old = sample("stockport.ron");
    let new = dir.path().join("new.ron");
    let text_old = fs::read_to_string(&old).unwrap();
    // A rename in the text of the file.
    let renamed = text_old.replacen(
        "title: \"Confidentiality Policy\"",
        "title: \"Confidentiality\"",
        1,
    );
    fs::write(&new, renamed).unwrap();
    let out = run(&["diff", old.to_str().unwrap(), new.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("renamed    1.1.2 Confidentiality (was “Confidentiality Policy”)"),
        "{stdout}"
    );
    let notes = text(
        &run(&[
            "diff",
            "--amendments",
            old.to_str().unwrap(),
            new.to_str().unwrap(),
        ])
        .stdout,
    );
    assert!(
        notes.contains("1.1.2 Confidentiality: renamed from “Confidentiality Policy”."),
        "{notes}"
    );
    // git's diff-driver form: path old-file old-hex old-mode new-file new-hex new-mode.
    let git_form = run(&[
        "diff",
        "manual.ron",
        old.to_str().unwrap(),
        "abc",
        "100644",
        new.to_str().unwrap(),
        "def",
        "100644",
    ]);
    assert_eq!(text(&git_form.stdout), stdout);
}

#[test]
fn check_reviews_exits_1_when_a_review_is_overdue() {
    let dir = tempfile::tempdir().unwrap();
    let file = temp_copy(dir.path(), "wigan.ron");
    let path = file.to_str().unwrap();
    let clean = run(&["check", "--reviews", path]);
    assert_eq!(clean.status.code(), Some(0), "{}", text(&clean.stdout));
    let overdue = fs::read_to_string(&file).unwrap().replacen(
        "kind: Chapter(",
        "kind: Chapter(\n              review_due: \"2001-01\",",
        1,
    );
    fs::write(&file, overdue).unwrap();
    let out = run(&["check", "--reviews", path]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert!(
        text(&out.stdout).contains("overdue 2001-01:"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn a_pack_is_made_checked_and_exported_as_one_printable_document() {
    let dir = tempfile::tempdir().unwrap();
    let manual = temp_copy(dir.path(), "stockport.ron");
    let pack = dir.path().join("week1.pack.ron");
    let made = run(&[
        "pack",
        "new",
        manual.to_str().unwrap(),
        "--title",
        "Week 1: Safeguarding",
        "--audience",
        "new social workers",
        "-o",
        pack.to_str().unwrap(),
        "young-carers",
        "confidentiality-policy",
    ]);
    assert_eq!(made.status.code(), Some(0), "{}", text(&made.stderr));
    let pack_text = fs::read_to_string(&pack).unwrap();
    assert!(
        pack_text.contains("manual: \"stockport.ron\""),
        "{pack_text}"
    );
    let check = run(&["pack", "check", pack.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stdout));

    let html_path = dir.path().join("week1.html");
    let exported = run(&[
        "pack",
        "export",
        pack.to_str().unwrap(),
        "--out",
        html_path.to_str().unwrap(),
        "--date",
        "2026-11-23",
    ]);
    assert_eq!(
        exported.status.code(),
        Some(0),
        "{}",
        text(&exported.stderr)
    );
    let html = fs::read_to_string(&html_path).unwrap();
    let doc = scraper::Html::parse_document(&html);
    let select = |css: &str| scraper::Selector::parse(css).unwrap();
    let contents: Vec<String> = doc
        .select(&select("nav ol.pack-contents > li > a"))
        .map(|a| a.text().collect())
        .collect();
    assert_eq!(
        contents,
        ["4.8.1 Young Carers", "1.1.2 Confidentiality Policy"],
        "the pack's order, with manual numbers"
    );
    let chapters: Vec<String> = doc
        .select(&select("section.chapter h2"))
        .map(|h| h.text().collect())
        .collect();
    assert_eq!(
        chapters,
        ["1. 4.8.1 Young Carers", "2. 1.1.2 Confidentiality Policy"]
    );
    assert_eq!(
        doc.select(&select("section.chapter p.printed")).count(),
        2,
        "every chapter says when it was printed"
    );
    assert!(html.contains("Printed on 23 November 2026"));
    assert!(!html.contains("<script"), "no scripts");
    assert!(html.contains("<style>"), "CSS inline");
    // A base URL that is not a web address is refused before anything is written.
    let refused = run(&[
        "pack",
        "export",
        pack.to_str().unwrap(),
        "--out",
        dir.path().join("refused.html").to_str().unwrap(),
        "--base-url",
        "javascript:alert(1)",
    ]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(text(&refused.stderr).contains("not an http or https address"));
    assert!(!dir.path().join("refused.html").exists());

    // A chapter deleted from the manual is flagged by check.
    let without = fs::read_to_string(&manual).unwrap().replacen(
        "id: \"confidentiality-policy\"",
        "id: \"confidentiality-policy-old\"",
        1,
    );
    fs::write(&manual, without).unwrap();
    let check = run(&["pack", "check", pack.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(1));
    assert!(
        text(&check.stdout).contains("missing id: confidentiality-policy"),
        "{}",
        text(&check.stdout)
    );
    // An unknown id makes no pack.
    let bad = run(&[
        "pack",
        "new",
        manual.to_str().unwrap(),
        "--title",
        "T",
        "-o",
        dir.path().join("bad.pack.ron").to_str().unwrap(),
        "no-such-chapter",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(!dir.path().join("bad.pack.ron").exists());
}

#[test]
fn check_exits_1_on_a_body_link_to_a_missing_entry_naming_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = stockport_with_body(
        dir.path(),
        "First line.\n\nSee [the old policy](entry:no-such-chapter).\n",
    );
    let out = run(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains(
            "error: 4.8.1 Young Carers: body line 3 links to missing entry 'no-such-chapter'"
        ),
        "{stdout}"
    );
}

#[test]
fn a_half_written_file_is_refused_with_its_position_and_the_backup_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = temp_copy(dir.path(), "stockport.ron");
    fs::copy(&path, manual_editor::store::format::backup_path(&path)).unwrap();
    let whole = fs::read_to_string(&path).unwrap();
    fs::write(&path, &whole[..whole.len() / 3]).unwrap();
    let out = run(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("stockport.ron:"), "{stderr}");
    assert!(stderr.contains("stockport.ron.bak"), "{stderr}");
}

#[test]
fn titles_with_terminal_escapes_are_printed_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let path = temp_copy(dir.path(), "stockport.ron");
    let mut manual = manual_editor::store::format::load(&path).unwrap();
    let at = manual
        .find(&manual_editor::model::EntryId::new("young-carers-2"))
        .unwrap();
    manual
        .entry_mut(&at)
        .unwrap()
        .see_also
        .push(manual_editor::model::SeeAlso::internal(
            manual_editor::model::EntryId::new("gone\u{1b}]52;c;b3duZWQ=\u{7}"),
        ));
    manual.entries[0].title = "Part\u{1b}]0;owned\u{7}".into();
    let old = dir.path().join("old.ron");
    manual_editor::store::format::save(&manual, &old).unwrap();
    for args in [
        vec!["check", old.to_str().unwrap()],
        vec!["diff", path.to_str().unwrap(), old.to_str().unwrap()],
    ] {
        let out = run(&args);
        let all = format!("{}{}", text(&out.stdout), text(&out.stderr));
        assert!(
            !all.contains('\u{1b}') && !all.contains('\u{7}'),
            "{args:?}: {all:?}"
        );
        assert!(
            all.contains("\\u{1b}"),
            "{args:?} shows the escape as text: {all}"
        );
    }
    let out = run(&["diff", path.to_str().unwrap(), old.to_str().unwrap()]);
    assert!(
        text(&out.stdout).contains("\\u{1b}]0;owned\\u{7}"),
        "{}",
        text(&out.stdout)
    );
}

#[cfg(unix)]
#[test]
fn a_device_or_a_fifo_given_as_a_manual_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("m.ron");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    for path in [Path::new("/dev/zero"), fifo.as_path()] {
        let mut child = spawn_check(path);
        // A read that never ends would keep it running.
        let mut finished = None;
        for _ in 0..100 {
            if let Some(status) = child.try_wait().unwrap() {
                finished = Some(status);
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        let Some(status) = finished else {
            child.kill().unwrap();
            panic!("{} was read forever", path.display());
        };
        assert_eq!(status.code(), Some(2));
        let out = child.wait_with_output().unwrap();
        assert!(
            text(&out.stderr).contains("not a regular file"),
            "{}",
            text(&out.stderr)
        );
    }
}

#[test]
fn a_file_that_is_not_a_manual_is_never_quoted_back() {
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("shadow");
    fs::write(&secret, "root:$6$abcdef:19000:0:99999:7:::\n").unwrap();
    let out = run(&["check", secret.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        !stderr.contains("root") && !stderr.contains("abcdef"),
        "{stderr}"
    );
    assert!(stderr.contains("not a manual-editor file"), "{stderr}");
}

#[test]
fn a_base_url_with_a_password_a_query_or_a_fragment_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for url in [
        "https://user:secret@example.org/manual",
        "https://example.org/manual?track=1",
        "https://example.org/manual#top",
    ] {
        let out_dir = dir.path().join("site");
        let out = run(&[
            "export",
            sample("stockport.ron").to_str().unwrap(),
            "--out",
            out_dir.to_str().unwrap(),
            "--base-url",
            url,
        ]);
        assert_eq!(out.status.code(), Some(2), "{url}");
        assert!(
            text(&out.stderr).contains("refused"),
            "{}",
            text(&out.stderr)
        );
        assert!(!out_dir.exists());
    }
}

#[test]
fn check_warns_of_body_links_the_export_drops() {
    let dir = tempfile::tempdir().unwrap();
    let path = stockport_with_body(
        dir.path(),
        "Intro.\n\n[Open the form](javascript:alert(1))\n",
    );
    let out = run(&["check", path.to_str().unwrap()]);
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("warning: 4.8.1 Young Carers: body line 3 links to 'javascript:alert(1)', which is dropped at export"),
        "{stdout}"
    );
}

#[test]
fn a_reader_that_goes_away_is_no_crash() {
    // Thousands of warnings: more than a pipe holds, so the writer meets a
    // closed pipe once the reader has gone.
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = stockport_with(dir.path(), |entry| {
        for n in 0..5_000 {
            entry.see_also.push(manual_editor::model::SeeAlso::external(
                format!("An outside document with a long title, number {n}"),
                None,
                None,
            ));
        }
    });
    let mut child = spawn_check(&path);
    // Read one line, as `head -1` would, and go.
    let mut first = [0u8; 64];
    std::io::Read::read(child.stdout.as_mut().unwrap(), &mut first).unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_ne!(out.status.code(), Some(101), "{}", text(&out.stderr));
    assert!(
        !text(&out.stderr).contains("panicked"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn check_gives_scripts_the_problems_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let path = stockport_with_body(
        dir.path(),
        "First line.\n\nSee [the old policy](entry:no-such-chapter).\n",
    );
    let out = run(&["check", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["errors"], 1);
    let problems = report["problems"].as_array().unwrap();
    assert_eq!(
        problems.len() as u64,
        report["errors"].as_u64().unwrap() + report["warnings"].as_u64().unwrap()
    );
    let broken = problems.iter().find(|p| p["severity"] == "error").unwrap();
    assert_eq!(broken["kind"], "links");
    assert_eq!(broken["entry"], "young-carers-2");
    assert_eq!(broken["place"], "4.8.1 Young Carers");
    assert_eq!(
        broken["message"],
        "body line 3 links to missing entry 'no-such-chapter'"
    );
}

#[test]
fn export_docx_writes_a_consultation_copy_word_reads() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("consultation.docx");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_manuals/stockport.ron");
    let result = run(&[
        "export-docx",
        sample.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--date",
        "2026-12-02",
        "young-carers",
    ]);
    assert_eq!(result.status.code(), Some(0), "{}", text(&result.stderr));
    let bytes = fs::read(&out).unwrap();
    let docx = docx_rs::read_docx(&bytes).unwrap();
    let json = docx.json();
    for expected in ["Consultation draft", "4.8.1 Young Carers", "ME_chapter_1"] {
        assert!(json.contains(expected), "{expected}");
    }
    // A section brings its chapters; an unknown id is refused, nothing written.
    let bad = dir.path().join("bad.docx");
    let refused = run(&[
        "export-docx",
        sample.to_str().unwrap(),
        "-o",
        bad.to_str().unwrap(),
        "no-such-entry",
    ]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(text(&refused.stderr).contains("'no-such-entry' is not an entry"));
    assert!(!bad.exists());
}
