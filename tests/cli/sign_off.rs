//! `approve`, `update sign-off` and `update publish` on real files: an
//! update is approved chapter by chapter, refused publication while a
//! change is unapproved, and published with a copy kept beside it.

use std::path::Path;

use manual_editor::model::{EntryId, Update};
use manual_editor::store::format;

use crate::common::{run_in, text};

/// Stockport with an open update that amends two chapters.
fn with_open_update(dir: &Path) {
    let mut manual = crate::common::sample_manual("stockport.ron");
    crate::common::amend_in_open_update(
        &mut manual,
        "December 2026",
        &["young-carers-2", "confidentiality-policy"],
    );
    format::save(&manual, &dir.join("stockport.ron")).unwrap();
}

/// Exports Stockport in `d` to `out` on `date` with `flags`, which must
/// succeed; returns Young Carers' page and what was said on stderr.
fn export_young_carers(d: &Path, out: &str, date: &str, flags: &[&str]) -> (String, String) {
    let mut args = vec!["export", "stockport.ron", "--out", out, "--date", date];
    args.extend_from_slice(flags);
    let export = run_in(d, &args);
    assert_eq!(export.status.code(), Some(0), "{}", text(&export.stderr));
    let page = std::fs::read_to_string(d.join(out).join("chapters/young-carers-2.html")).unwrap();
    (page, text(&export.stderr))
}

#[test]
fn an_update_is_approved_then_published_with_a_copy_kept() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    with_open_update(d);
    let approved = run_in(
        d,
        &[
            "approve",
            "stockport.ron",
            "young-carers-2",
            "--by",
            "Sam Jones",
            "--role",
            "Head of Service",
            "--date",
            "2026-12-01",
        ],
    );
    assert_eq!(
        approved.status.code(),
        Some(0),
        "{}",
        text(&approved.stderr)
    );
    let listed = text(&run_in(d, &["update", "sign-off", "stockport.ron"]).stdout);
    assert!(
        listed.contains("4.8.1 Young Carers: Approved by Sam Jones, Head of Service on 2026-12-01"),
        "{listed}"
    );
    assert!(
        listed.contains("1.1.2 Confidentiality Policy: Draft"),
        "{listed}"
    );

    let before = std::fs::read(d.join("stockport.ron")).unwrap();
    let refused = run_in(
        d,
        &["update", "publish", "stockport.ron", "--date", "2026-12-02"],
    );
    assert_eq!(refused.status.code(), Some(2));
    let said = text(&refused.stderr);
    assert!(
        said.contains("1.1.2 Confidentiality Policy") && said.contains("nothing was written"),
        "{said}"
    );
    assert_eq!(std::fs::read(d.join("stockport.ron")).unwrap(), before);
    assert!(!d.join("stockport.versions").exists());

    let published = run_in(
        d,
        &[
            "update",
            "publish",
            "stockport.ron",
            "--date",
            "2026-12-02",
            "--without-sign-off",
            "urgent change in the law",
        ],
    );
    assert_eq!(
        published.status.code(),
        Some(0),
        "{}",
        text(&published.stderr)
    );
    let copy = d.join("stockport.versions/2026-12-02 December 2026.ron");
    assert!(copy.is_file());
    let manual = format::load(&d.join("stockport.ron")).unwrap();
    let update = manual.updates.last().unwrap();
    assert!(update.published);
    assert_eq!(
        update.without_sign_off.as_deref(),
        Some("urgent change in the law")
    );
    let mut as_kept = manual.clone();
    as_kept.updates.last_mut().unwrap().archived_hash = None;
    assert_eq!(format::load(&copy).unwrap(), as_kept);
    let check = run_in(d, &["check", "stockport.ron"]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stdout));

    // A copy edited by hand afterwards is found out.
    let edited = std::fs::read_to_string(&copy)
        .unwrap()
        .replace("Young Carers", "Young Carers (edited)");
    std::fs::write(&copy, edited).unwrap();
    let check = run_in(d, &["check", "stockport.ron"]);
    let said = text(&check.stdout);
    assert_eq!(check.status.code(), Some(1), "{said}");
    assert!(said.contains("was changed after it was kept"), "{said}");
}

#[test]
fn while_an_update_is_open_the_export_publishes_what_was_published() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    with_open_update(d);
    let published = run_in(
        d,
        &[
            "update",
            "publish",
            "stockport.ron",
            "--date",
            "2026-12-02",
            "--without-sign-off",
            "test",
        ],
    );
    assert_eq!(
        published.status.code(),
        Some(0),
        "{}",
        text(&published.stderr)
    );
    // The next update, with a change not published yet.
    let mut manual = format::load(&d.join("stockport.ron")).unwrap();
    manual.updates.push(Update {
        label: "June 2027".into(),
        ..Update::default()
    });
    let path = manual.find(&EntryId::new("young-carers-2")).unwrap();
    manual.entry_mut(&path).unwrap().title = "Young Carers (not yet approved)".into();
    format::save(&manual, &d.join("stockport.ron")).unwrap();

    let (page, said) = export_young_carers(d, "site", "2027-01-10", &[]);
    assert!(said.contains("“June 2027” is not published yet"), "{said}");
    assert!(page.contains("Young Carers</h1>") && !page.contains("not yet approved"));
    assert!(!page.contains("Draft"));

    let (page, _) = export_young_carers(d, "draft", "2027-01-10", &["--draft"]);
    assert!(page.contains("not yet approved"));
    assert!(page.contains(r#"<meta name="robots" content="noindex">"#));
    assert!(page.contains("<title>Draft – not for use:"));
    assert!(
        page.contains(
            r#"<p class="draft-banner" role="note"><strong>Draft – not for use</strong>"#
        )
    );

    // With the changes shown: the chapter's words against the published.
    let (page, _) = export_young_carers(d, "changes", "2027-01-10", &["--draft", "--show-changes"]);
    assert!(
        page.contains(r#"<h2 id="what-changed">What changed in June 2027</h2>"#),
        "{page}"
    );
    assert!(
        page.contains("<ins>(not yet approved)</ins>")
            || page.contains("<ins>(not yet approved)\n</ins>"),
        "{page}"
    );
    let unchanged =
        std::fs::read_to_string(d.join("changes/chapters/confidentiality-policy.html")).unwrap();
    assert!(!unchanged.contains("What changed"));

    // What the chapter said on a date.
    let listed = text(&run_in(d, &["versions", "list", "stockport.ron"]).stdout);
    assert!(listed.contains("2026-12-02  December 2026"), "{listed}");
    let shown = run_in(
        d,
        &[
            "versions",
            "show",
            "stockport.ron",
            "--at",
            "2027-01-01",
            "young-carers-2",
        ],
    );
    let said = text(&shown.stdout);
    assert_eq!(shown.status.code(), Some(0), "{}", text(&shown.stderr));
    assert!(
        said.starts_with("# 4.8.1 Young Carers\n\n(as published in “December 2026”)"),
        "{said}"
    );
    let before = run_in(
        d,
        &[
            "versions",
            "show",
            "stockport.ron",
            "--at",
            "2020-01-01",
            "young-carers-2",
        ],
    );
    assert_eq!(before.status.code(), Some(2));

    // The kept copy gone: an error, never the working copy instead.
    std::fs::remove_dir_all(d.join("stockport.versions")).unwrap();
    let missing = run_in(
        d,
        &[
            "export",
            "stockport.ron",
            "--out",
            "site2",
            "--date",
            "2027-01-10",
        ],
    );
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        text(&missing.stderr).contains("is missing"),
        "{}",
        text(&missing.stderr)
    );
    assert!(!d.join("site2").exists());
}

/// Publishes the open update of the manual in `d` without sign-off.
fn publish(d: &Path, date: &str) {
    let published = run_in(
        d,
        &[
            "update",
            "publish",
            "stockport.ron",
            "--date",
            date,
            "--without-sign-off",
            "test",
        ],
    );
    assert_eq!(
        published.status.code(),
        Some(0),
        "{}",
        text(&published.stderr)
    );
}

#[test]
fn earlier_versions_are_archived_pages_and_a_history() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    with_open_update(d);
    publish(d, "2026-12-02");
    // June 2027 rewrites Young Carers' text and is published too.
    let mut manual = format::load(&d.join("stockport.ron")).unwrap();
    crate::common::amend_in_open_update(&mut manual, "June 2027", &["young-carers-2"]);
    manual
        .chapter_mut(&EntryId::new("young-carers-2"))
        .unwrap()
        .body = "Young carers are assessed **within 28 days**.".into();
    format::save(&manual, &d.join("stockport.ron")).unwrap();
    publish(d, "2027-06-01");

    let (page, _) = export_young_carers(d, "site", "2027-06-02", &["--archive"]);
    assert!(
        page.contains(r#"<h2 id="earlier-versions">Earlier versions</h2>"#),
        "{page}"
    );
    assert!(
        page.contains(
            r#"<a href="../archive/young-carers-2--v1.html">As published in December 2026 (2 December 2026)</a>, superseded on 1 June 2027"#
        ),
        "{page}"
    );
    let old = std::fs::read_to_string(d.join("site/archive/young-carers-2--v1.html")).unwrap();
    assert!(
        old.contains("<strong>Superseded on 1 June 2027.</strong>"),
        "{old}"
    );
    assert!(
        old.contains(r#"<a href="../chapters/young-carers-2.html">Read the current version</a>"#)
    );
    assert!(!old.contains("within 28 days"));
    assert!(old.contains("Published without sign-off: test"));
    // A chapter never changed after it was first published has no archive.
    let same = std::fs::read_to_string(d.join("site/chapters/supervision-policy.html")).unwrap();
    assert!(!same.contains("Earlier versions"));
    let archived: Vec<_> = std::fs::read_dir(d.join("site/archive"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(archived.len(), 1, "{archived:?}");
    // Without --archive: no archive pages.
    export_young_carers(d, "plain", "2027-06-02", &[]);
    assert!(!d.join("plain/archive").exists());

    let history = run_in(
        d,
        &["versions", "history", "stockport.ron", "young-carers-2"],
    );
    let said = text(&history.stdout);
    assert_eq!(history.status.code(), Some(0), "{}", text(&history.stderr));
    assert!(
        said.contains("2026-12-02  December 2026  4.8.1 Young Carers  (superseded on 2027-06-01)"),
        "{said}"
    );
    assert!(
        said.contains("2027-06-01  June 2027  4.8.1 Young Carers  (in force)"),
        "{said}"
    );
    assert!(said.contains("published without sign-off: test"), "{said}");
    let unknown = run_in(
        d,
        &["versions", "history", "stockport.ron", "no-such-chapter"],
    );
    assert_eq!(unknown.status.code(), Some(2), "{}", text(&unknown.stderr));

    let html = run_in(
        d,
        &[
            "versions",
            "show",
            "stockport.ron",
            "--at",
            "2027-06-01",
            "young-carers-2",
            "--html",
        ],
    );
    let said = text(&html.stdout);
    assert!(said.starts_with("<h1>4.8.1 Young Carers</h1>"), "{said}");
    assert!(said.contains("<strong>within 28 days</strong>"), "{said}");
}

#[test]
fn review_dates_are_written_as_a_calendar() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut manual = crate::common::sample_manual("stockport.ron");
    format::save(&manual, &d.join("none.ron")).unwrap();
    for (id, due) in [
        ("young-carers-2", "2027-03"),
        ("confidentiality-policy", "2027-01-15"),
    ] {
        let path = manual.find(&EntryId::new(id)).unwrap();
        let chapter = manual
            .entry_mut(&path)
            .unwrap()
            .chapter_details_mut()
            .unwrap();
        chapter.review_due = Some(due.into());
    }
    format::save(&manual, &d.join("stockport.ron")).unwrap();
    let out = run_in(d, &["reviews", "stockport.ron", "--ics", "reviews.ics"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let ics = std::fs::read_to_string(d.join("reviews.ics")).unwrap();
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 2);
    assert!(
        ics.contains("SUMMARY:Review due: 4.8.1 Young Carers"),
        "{ics}"
    );
    let none = run_in(d, &["reviews", "none.ron", "--ics", "none.ics"]);
    assert_eq!(none.status.code(), Some(2));
    assert!(!d.join("none.ics").exists());
}

#[test]
fn update_rename_names_an_imported_update_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    format::save(
        &crate::common::sample_manual("stockport.ron"),
        &d.join("stockport.ron"),
    )
    .unwrap();
    let out = run_in(
        d,
        &[
            "update",
            "rename",
            "stockport.ron",
            "As published",
            "March 2024",
            "--date",
            "2024-03",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("renamed “As published” to “March 2024”"));
    let manual = format::load(&d.join("stockport.ron")).unwrap();
    assert_eq!(manual.updates[0].label, "March 2024");
    assert!(!manual.changes_in("March 2024").amended.is_empty());
    let missing = run_in(d, &["update", "rename", "stockport.ron", "Nope", "X"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        text(&missing.stderr).contains("no update called \"Nope\""),
        "{}",
        text(&missing.stderr)
    );
}
