//! Two maintainers' branches merged by real git with the structural merge
//! driver that `manual-editor git-setup` configures.

use crate::common;
use std::path::Path;
use std::process::Command;

use manual_editor::edit::Edit;
use manual_editor::model::{Amendment, Entry, EntryId, Manual};
use manual_editor::store::format;

const BIN: &str = env!("CARGO_BIN_EXE_manual-editor");

fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("git runs")
}

fn ok(dir: &Path, args: &[&str]) {
    let output = git(dir, args);
    assert!(
        output.status.success(),
        "git {args:?}: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

fn id(text: &str) -> EntryId {
    EntryId::new(text)
}

fn title(manual: &Manual, name: &str) -> String {
    manual
        .entry(&manual.find(&id(name)).unwrap())
        .unwrap()
        .title
        .clone()
}

fn commit(repo: &Path, manual: &Manual, message: &str) {
    let text = format::to_canonical_string(manual).unwrap();
    std::fs::write(repo.join("manual.ron"), text).unwrap();
    ok(repo, &["add", "manual.ron"]);
    ok(repo, &["commit", "-q", "-m", message]);
}

fn edit(manual: &mut Manual, edits: Vec<Edit>) {
    for edit in edits {
        edit.apply(manual).unwrap();
    }
}

fn retitle(manual: &mut Manual, name: &str, to: &str) {
    let path = manual.find(&id(name)).unwrap();
    manual.entry_mut(&path).unwrap().title = to.into();
}

/// A repository holding the Stockport sample on `main`, set up by
/// `git-setup`.
fn repository(dir: &Path) -> (std::path::PathBuf, Manual) {
    let repo = dir.join("repo");
    std::fs::create_dir(&repo).unwrap();
    ok(&repo, &["init", "-q", "-b", "main"]);
    ok(&repo, &["config", "user.email", "maintainer@example.org"]);
    ok(&repo, &["config", "user.name", "Maintainer"]);
    let setup = Command::new(BIN)
        .args(["git-setup"])
        .arg(&repo)
        .output()
        .unwrap();
    assert!(
        setup.status.success(),
        "{}",
        String::from_utf8_lossy(&setup.stderr)
    );
    let attributes = std::fs::read_to_string(repo.join(".gitattributes")).unwrap();
    assert!(
        attributes.contains("*.ron diff=manual merge=manual"),
        "{attributes}"
    );
    ok(&repo, &["add", ".gitattributes"]);
    let base = common::sample_manual("stockport.ron");
    commit(&repo, &base, "The manual as published");
    (repo, base)
}

#[test]
fn a_move_and_an_addition_merge_cleanly_with_renames_and_an_update_mark() {
    let dir = tempfile::tempdir().unwrap();
    let (repo, base) = repository(dir.path());

    // One maintainer moves Young Carers into Court Proceedings and adds a chapter.
    ok(&repo, &["checkout", "-q", "-b", "restructure"]);
    let mut ours = base.clone();
    edit(
        &mut ours,
        vec![
            Edit::Move {
                id: id("young-carers-2"),
                parent: Some(id("court-proceedings")),
                index: 0,
            },
            Edit::Insert {
                parent: Some(id("court-proceedings")),
                index: 1,
                entry: Box::new(Entry::chapter(id("remote-hearings"), "Remote Hearings")),
            },
        ],
    );
    commit(&repo, &ours, "Restructure");

    // The other renames two chapters and marks one updated.
    ok(&repo, &["checkout", "-q", "main"]);
    let mut theirs = base.clone();
    retitle(
        &mut theirs,
        "young-carers-2",
        "Young Carers and Their Families",
    );
    retitle(
        &mut theirs,
        "confidentiality-policy",
        "Confidentiality and Information Sharing",
    );
    let update = theirs.updates.last().unwrap().label.clone();
    let path = theirs.find(&id("assessments")).unwrap();
    theirs
        .entry_mut(&path)
        .unwrap()
        .chapter_details_mut()
        .unwrap()
        .amendments
        .push(Amendment {
            date: "2026-11".into(),
            text: "Links have been updated.".into(),
            update,
            draft: false,
        });
    commit(&repo, &theirs, "Renames and an update");

    let merge = git(&repo, &["merge", "--no-edit", "restructure"]);
    assert!(
        merge.status.success(),
        "{}{}",
        String::from_utf8_lossy(&merge.stdout),
        String::from_utf8_lossy(&merge.stderr)
    );
    let merged = format::load(&repo.join("manual.ron")).unwrap();
    assert!(merged.conflicts.is_empty());
    let court = merged.find(&id("court-proceedings")).unwrap();
    let mut young = court.clone();
    young.push(0);
    assert_eq!(merged.find(&id("young-carers-2")), Some(young));
    assert_eq!(
        title(&merged, "young-carers-2"),
        "Young Carers and Their Families"
    );
    assert_eq!(title(&merged, "remote-hearings"), "Remote Hearings");
    assert_eq!(
        title(&merged, "confidentiality-policy"),
        "Confidentiality and Information Sharing"
    );
    let assessments = merged
        .entry(&merged.find(&id("assessments")).unwrap())
        .unwrap();
    assert_eq!(assessments.chapter_details().unwrap().amendments.len(), 1);
    assert!(
        merged.validate().iter().all(|w| !w.is_serious()),
        "{:?}",
        merged.validate()
    );
    // git agrees nothing is left to resolve.
    let status = git(&repo, &["status", "--porcelain"]);
    assert!(!String::from_utf8_lossy(&status.stdout).contains("UU"));
}

#[test]
fn a_true_conflict_is_reported_by_git_and_kept_in_a_loadable_file() {
    let dir = tempfile::tempdir().unwrap();
    let (repo, base) = repository(dir.path());
    ok(&repo, &["checkout", "-q", "-b", "other"]);
    let mut theirs = base.clone();
    retitle(&mut theirs, "young-carers-2", "Young Carers (theirs)");
    commit(&repo, &theirs, "Their title");
    ok(&repo, &["checkout", "-q", "main"]);
    let mut ours = base.clone();
    retitle(&mut ours, "young-carers-2", "Young Carers (ours)");
    commit(&repo, &ours, "Our title");

    let merge = git(&repo, &["merge", "--no-edit", "other"]);
    assert!(!merge.status.success(), "git reports the conflict");
    let status =
        String::from_utf8_lossy(&git(&repo, &["status", "--porcelain"]).stdout).into_owned();
    assert!(status.contains("UU manual.ron"), "{status}");
    let text = std::fs::read_to_string(repo.join("manual.ron")).unwrap();
    assert!(!text.contains("<<<<<<<"), "no text conflict markers");
    let merged = format::load(&repo.join("manual.ron")).unwrap();
    assert_eq!(title(&merged, "young-carers-2"), "Young Carers (ours)");
    assert_eq!(merged.conflicts.len(), 1);
    assert_eq!(merged.conflicts[0].theirs, "\"Young Carers (theirs)\"");
    let check = Command::new(BIN)
        .arg("check")
        .arg(repo.join("manual.ron"))
        .output()
        .unwrap();
    assert_eq!(
        check.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    assert!(String::from_utf8_lossy(&check.stdout).contains("two values"));
}

/// A version that is not a readable manual (an empty base, say) is refused
/// by name and the result is ours unchanged: never text with conflict
/// markers (it was `git merge-file` output, markers and all).
#[test]
fn an_unreadable_version_leaves_ours_and_never_writes_conflict_markers() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.ron");
    std::fs::write(&base, "").unwrap();
    let mut ours_manual = common::sample_manual("stockport.ron");
    retitle(&mut ours_manual, "young-carers-2", "Ours");
    let ours = dir.path().join("ours.ron");
    std::fs::write(&ours, format::to_canonical_string(&ours_manual).unwrap()).unwrap();
    let theirs = dir.path().join("theirs.ron");
    std::fs::write(
        &theirs,
        format::to_canonical_string(&common::sample_manual("stockport.ron")).unwrap(),
    )
    .unwrap();
    let out = dir.path().join("out.ron");
    let merged = Command::new(BIN)
        .arg("merge")
        .args([&base, &ours, &theirs])
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(merged.status.code(), Some(2));
    let message = String::from_utf8_lossy(&merged.stderr);
    assert!(message.contains("base.ron:1:1"), "{message}");
    assert!(message.contains("holds ours unchanged"), "{message}");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(!text.contains("<<<<<<<"));
    assert_eq!(format::load(&out).unwrap(), ours_manual);
}

#[test]
fn a_merge_deeper_than_a_manual_may_be_is_refused_and_ours_kept() {
    // Ours moves a section 11 levels deep under another; theirs adds a
    // level at its bottom: each side is 12 levels, both together 13.
    let fixture = |name: &str| {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/hostile")
            .join(name)
    };
    let dir = tempfile::tempdir().unwrap();
    let ours = dir.path().join("ours.ron");
    std::fs::copy(fixture("deep-ours.ron"), &ours).unwrap();
    let before = std::fs::read(&ours).unwrap();
    let merged = Command::new(BIN)
        .arg("merge")
        .arg(fixture("deep-base.ron"))
        .arg(&ours)
        .arg(fixture("deep-theirs.ron"))
        .output()
        .unwrap();
    assert_eq!(merged.status.code(), Some(2));
    let message = String::from_utf8_lossy(&merged.stderr);
    assert!(message.contains("13 levels deep"), "{message}");
    assert!(message.contains("holds ours unchanged"), "{message}");
    assert_eq!(std::fs::read(&ours).unwrap(), before);
    assert!(format::load(&ours).is_ok());
}

#[cfg(unix)]
#[test]
fn git_setup_never_writes_through_a_symlinked_gitattributes() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    std::fs::create_dir(&repo).unwrap();
    ok(&repo, &["init", "-q", "-b", "main"]);
    let target = dir.path().join("bashrc");
    std::fs::write(&target, "# mine\n").unwrap();
    std::os::unix::fs::symlink(&target, repo.join(".gitattributes")).unwrap();
    let setup = Command::new(BIN)
        .arg("git-setup")
        .arg(&repo)
        .output()
        .unwrap();
    assert_eq!(setup.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&setup.stderr).contains("not an ordinary file"));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "# mine\n");
}
