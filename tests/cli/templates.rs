//! `template new`, `status` and `pull` on real files: a council takes a
//! national template, localises it, and pulls the next update.

use std::fs;

use manual_editor::model::{Amendment, EntryId, Manual, Update};
use manual_editor::store::format;

use crate::common::{run_in, text};

fn national_v1() -> Manual {
    let mut m = crate::common::sample_manual("stockport.ron");
    m.title = "National Procedures".into();
    m.authority = String::new();
    m.updates = vec![Update {
        label: "June 2026".into(),
        date: "2026-06".into(),
        published: true,
        ..Default::default()
    }];
    for chapter in ["young-carers-2", "confidentiality-policy"] {
        let path = m.find(&EntryId::new(chapter)).unwrap();
        let details = m.entry_mut(&path).unwrap().chapter_details_mut().unwrap();
        details.body = (1..=5).map(|n| format!("Paragraph {n}.\n\n")).collect();
        details.amendments.clear();
    }
    m
}

fn national_v2() -> Manual {
    let mut m = national_v1();
    m.updates.push(Update {
        label: "December 2026".into(),
        date: "2026-12".into(),
        published: true,
        ..Default::default()
    });
    let path = m.find(&EntryId::new("young-carers-2")).unwrap();
    let details = m.entry_mut(&path).unwrap().chapter_details_mut().unwrap();
    details.body = details
        .body
        .replace("Paragraph 1.", "Paragraph 1, revised nationally.");
    details.amendments.push(Amendment {
        date: "2026-12".into(),
        text: "Paragraph 1 was revised.".into(),
        update: "December 2026".into(),
        draft: false,
    });
    m
}

fn body_of(manual: &Manual, id: &str) -> String {
    let path = manual.find(&EntryId::new(id)).unwrap();
    manual
        .entry(&path)
        .unwrap()
        .chapter_details()
        .unwrap()
        .body
        .clone()
}

#[test]
fn a_council_localises_a_template_and_pulls_the_next_update() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    format::save(&national_v1(), &d.join("national-2026-06.ron")).unwrap();
    format::save(&national_v2(), &d.join("national-2026-12.ron")).unwrap();

    let made = run_in(
        d,
        &[
            "template",
            "new",
            "national-2026-06.ron",
            "-o",
            "smalltown.ron",
            "--authority",
            "Smalltown",
        ],
    );
    assert_eq!(made.status.code(), Some(0), "{}", text(&made.stderr));
    assert!(d.join("smalltown.template/june-2026.ron").is_file());

    // Localised: the fifth paragraph of the chapter the template changes.
    let mut local = format::load(&d.join("smalltown.ron")).unwrap();
    let path = local.find(&EntryId::new("young-carers-2")).unwrap();
    let details = local
        .entry_mut(&path)
        .unwrap()
        .chapter_details_mut()
        .unwrap();
    details.body = details
        .body
        .replace("Paragraph 5.", "Paragraph 5, as Smalltown does it.");
    format::save(&local, &d.join("smalltown.ron")).unwrap();

    let status = run_in(d, &["template", "status", "smalltown.ron"]);
    let said = text(&status.stdout);
    assert_eq!(status.status.code(), Some(0), "{}", text(&status.stderr));
    assert!(
        said.contains("changed here: 1") && said.contains("Young Carers"),
        "{said}"
    );

    let pulled = run_in(
        d,
        &["template", "pull", "smalltown.ron", "national-2026-12.ron"],
    );
    let said = text(&pulled.stdout);
    assert_eq!(
        pulled.status.code(),
        Some(0),
        "{said}{}",
        text(&pulled.stderr)
    );
    assert!(
        said.contains("Paragraph 1 was revised.") && said.contains("no conflicts"),
        "{said}"
    );
    let local = format::load(&d.join("smalltown.ron")).unwrap();
    let body = body_of(&local, "young-carers-2");
    assert!(
        body.contains("revised nationally") && body.contains("as Smalltown does it"),
        "{body}"
    );
    assert_eq!(local.open_update().unwrap().label, "December 2026");
    assert!(d.join("smalltown.template/december-2026.ron").is_file());
    assert!(
        d.join("smalltown.template/june-2026.ron").is_file(),
        "earlier versions stay"
    );

    // An older version than the one the manual is based on: refused.
    let before = fs::read(d.join("smalltown.ron")).unwrap();
    let refused = run_in(
        d,
        &["template", "pull", "smalltown.ron", "national-2026-06.ron"],
    );
    assert_eq!(refused.status.code(), Some(2), "{}", text(&refused.stdout));
    let said = text(&refused.stderr);
    assert!(
        said.contains("older") && said.contains("nothing was written"),
        "{said}"
    );
    assert_eq!(fs::read(d.join("smalltown.ron")).unwrap(), before);

    // The same update again changes nothing.
    let again = run_in(
        d,
        &["template", "pull", "smalltown.ron", "national-2026-12.ron"],
    );
    assert_eq!(again.status.code(), Some(0));
    assert!(text(&again.stdout).contains("nothing to pull"));
    assert_eq!(format::load(&d.join("smalltown.ron")).unwrap(), local);
}

#[test]
fn a_conflict_exits_1_and_a_missing_base_is_rebuilt_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    format::save(&national_v1(), &d.join("v1.ron")).unwrap();
    format::save(&national_v2(), &d.join("v2.ron")).unwrap();
    let made = run_in(
        d,
        &[
            "template",
            "new",
            "v1.ron",
            "-o",
            "local.ron",
            "--authority",
            "Town",
        ],
    );
    assert_eq!(made.status.code(), Some(0));
    // The same paragraph the template revises, changed here differently.
    let mut local = format::load(&d.join("local.ron")).unwrap();
    let path = local.find(&EntryId::new("young-carers-2")).unwrap();
    let details = local
        .entry_mut(&path)
        .unwrap()
        .chapter_details_mut()
        .unwrap();
    details.body = details
        .body
        .replace("Paragraph 1.", "Paragraph 1, as the town has it.");
    format::save(&local, &d.join("local.ron")).unwrap();

    fs::remove_dir_all(d.join("local.template")).unwrap();
    let missing = run_in(d, &["template", "pull", "local.ron", "v2.ron"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        text(&missing.stderr).contains("--rebase"),
        "{}",
        text(&missing.stderr)
    );

    // Rebuilt from v1, then v2 pulled: the one paragraph conflicts.
    let rebased = run_in(d, &["template", "pull", "local.ron", "v1.ron", "--rebase"]);
    assert_eq!(rebased.status.code(), Some(0), "{}", text(&rebased.stderr));
    assert!(text(&rebased.stderr).contains("counts as based on"));
    let pulled = run_in(d, &["template", "pull", "local.ron", "v2.ron"]);
    assert_eq!(pulled.status.code(), Some(1), "{}", text(&pulled.stdout));
    let local = format::load(&d.join("local.ron")).unwrap();
    assert_eq!(local.conflicts.len(), 1);
    let check = run_in(d, &["check", "local.ron"]);
    assert_eq!(
        check.status.code(),
        Some(1),
        "conflicts fail check until resolved"
    );
}
