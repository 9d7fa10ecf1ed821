//! Sign-off in the window: a changed chapter shows it is a draft, is
//! approved from its header, and the update is published with a copy kept
//! once nothing waits.

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use manual_editor::app::{Action, Command, Dialog};
use manual_editor::model::redline::Mark;
use manual_editor::model::{Amendment, EntryId, Update};
use manual_editor::store::format;

use crate::common::{harness, sample_manual, select_all_and_type, select_in_tree};

#[test]
fn a_changed_chapter_is_approved_and_the_update_published() {
    let dir = tempfile::tempdir().unwrap();
    let mut manual = sample_manual("stockport.ron");
    crate::common::amend_in_open_update(&mut manual, "December 2026", &["young-carers-2"]);
    let id = EntryId::new("young-carers-2");
    let file = dir.path().join("stockport.ron");
    format::save(&manual, &file).unwrap();

    let mut harness = harness(Some(file.clone()));
    // Nothing approved: publishing is refused until a reason is given.
    harness
        .state_mut()
        .push(Action::Run(Command::PublishUpdate));
    harness.run();
    assert!(
        harness
            .query_by_label_contains("Not approved: 4.8.1 Young Carers")
            .is_some()
    );
    harness.state_mut().push(Action::CloseDialog);
    harness.run();

    select_in_tree(&mut harness, "Young Carers", "4.8.1 Young Carers");
    assert!(harness.query_by_label("Draft: not approved yet").is_some());
    harness.get_by_label("Approve…").click();
    harness.run();
    assert!(matches!(harness.state().dialog(), Some(Dialog::Approve(_))));
    select_all_and_type(&mut harness, Role::TextInput, "Approved by", "Sam Jones");
    select_all_and_type(&mut harness, Role::TextInput, "Role", "Head of Service");
    harness.get_by_label("Approve").click();
    harness.run();
    let doc = harness.state().document().unwrap();
    assert!(doc.manual().sign_off(&id).unwrap().is_approved());
    assert_eq!(
        harness.state().settings().approver.0,
        "Sam Jones",
        "remembered"
    );

    harness
        .state_mut()
        .push(Action::Run(Command::PublishUpdate));
    harness.run();
    assert!(
        harness
            .query_by_label("Every change in this update is approved.")
            .is_some()
    );
    harness.get_by_label("Publish").click();
    harness.run();
    assert!(
        harness.state().dialog().is_none(),
        "{:?}",
        harness.state().dialog()
    );
    assert!(
        harness
            .state()
            .document()
            .unwrap()
            .manual()
            .open_update()
            .is_none()
    );
    let versions = dir.path().join("stockport.versions");
    assert_eq!(std::fs::read_dir(&versions).unwrap().count(), 1);
    // One step back: the update is open again.
    harness.state_mut().push(Action::Run(Command::Undo));
    harness.run();
    assert!(
        harness
            .state()
            .document()
            .unwrap()
            .manual()
            .open_update()
            .is_some()
    );
}

#[test]
fn a_chapter_changed_since_publication_compares_with_its_published_words() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("stockport.ron");
    let mut manual = sample_manual("stockport.ron");
    manual.updates.push(Update {
        label: "December 2026".into(),
        ..Update::default()
    });
    format::save(&manual, &file).unwrap();
    let mut doc = manual_editor::document::Document::open(&file).unwrap();
    doc.publish_update("2026-12-02", None, 0.0).unwrap();
    doc.save_to(&file).unwrap();
    // The next update rewrites a chapter's title.
    let mut manual = format::load(&file).unwrap();
    manual.updates.push(Update {
        label: "June 2027".into(),
        ..Update::default()
    });
    let id = EntryId::new("young-carers-2");
    let path = manual.find(&id).unwrap();
    let entry = manual.entry_mut(&path).unwrap();
    entry.title = "Young Carers and Siblings".into();
    entry
        .chapter_details_mut()
        .unwrap()
        .amendments
        .push(Amendment {
            date: "2027-06".into(),
            text: "Siblings added.".into(),
            update: "June 2027".into(),
            draft: false,
        });
    format::save(&manual, &file).unwrap();

    let mut harness = harness(Some(file));
    select_in_tree(
        &mut harness,
        "Young Carers",
        "4.8.1 Young Carers and Siblings",
    );
    harness.get_by_label("Compare with published").click();
    harness.run();
    match harness.state().dialog() {
        Some(Dialog::Compare {
            against, pieces, ..
        }) => {
            assert_eq!(against, "December 2026 as published");
            assert!(
                pieces
                    .iter()
                    .any(|p| p.mark == Mark::Added && p.text.contains("and Siblings")),
                "{pieces:?}"
            );
        }
        other => panic!("no comparison: {other:?}"),
    }
}

/// Stockport published twice (Young Carers' text rewritten in the second)
/// and changed again in the open update.
fn published_twice(dir: &std::path::Path) -> std::path::PathBuf {
    let file = dir.join("stockport.ron");
    let mut manual = sample_manual("stockport.ron");
    let set_body = |manual: &mut manual_editor::model::Manual, body: &str| {
        manual
            .chapter_mut(&EntryId::new("young-carers-2"))
            .unwrap()
            .body = body.into();
    };
    set_body(&mut manual, "Carers are assessed in time.");
    for (label, body, date) in [
        ("December 2026", None, "2026-12-02"),
        (
            "June 2027",
            Some("Carers are assessed within 28 days."),
            "2027-06-01",
        ),
    ] {
        crate::common::amend_in_open_update(&mut manual, label, &["young-carers-2"]);
        if let Some(body) = body {
            set_body(&mut manual, body);
        }
        format::save(&manual, &file).unwrap();
        let mut doc = manual_editor::document::Document::open(&file).unwrap();
        doc.publish_update(date, Some("test"), 0.0).unwrap();
        doc.save_to(&file).unwrap();
        drop(doc);
        manual = format::load(&file).unwrap();
    }
    crate::common::amend_in_open_update(&mut manual, "December 2027", &["young-carers-2"]);
    set_body(&mut manual, "Carers are assessed within 20 days.");
    format::save(&manual, &file).unwrap();
    file
}

#[test]
fn history_lists_each_published_version_and_compares_any_two() {
    let dir = tempfile::tempdir().unwrap();
    let file = published_twice(dir.path());
    let mut harness = harness(Some(file));
    select_in_tree(&mut harness, "Young Carers", "4.8.1 Young Carers");
    harness.get_by_label("History…").click();
    harness.run();
    match harness.state().dialog() {
        Some(Dialog::History(view)) => {
            let rows: Vec<_> = view
                .versions
                .iter()
                .map(|v| (v.update.as_str(), v.superseded_on.as_deref()))
                .collect();
            assert_eq!(
                rows,
                [("December 2026", Some("2027-06-01")), ("June 2027", None)]
            );
        }
        other => panic!("no history: {other:?}"),
    }
    assert_eq!(
        harness
            .query_all_by_label_contains("Published without sign-off: test")
            .count(),
        2
    );
    // The earliest version against the working copy.
    harness.get_by_label("From").click();
    harness.run();
    harness
        .get_by_label("December 2026 as published (2026-12-02)")
        .click();
    harness.run();
    harness.get_by_label("Compare").click();
    harness.run();
    match harness.state().dialog() {
        Some(Dialog::Compare {
            here,
            against,
            pieces,
            ..
        }) => {
            assert_eq!(here, "the working copy");
            assert_eq!(against, "December 2026 as published (2026-12-02)");
            let removed: String = pieces
                .iter()
                .filter(|p| p.mark == Mark::Removed)
                .map(|p| p.text.as_str())
                .collect();
            assert!(removed.contains("in time"), "{pieces:?}");
            assert!(
                pieces
                    .iter()
                    .any(|p| p.mark == Mark::Added && p.text.contains("20")),
                "{pieces:?}"
            );
        }
        other => panic!("no comparison: {other:?}"),
    }
}

#[test]
fn the_amendments_view_and_sign_off_list_open_the_comparison() {
    let dir = tempfile::tempdir().unwrap();
    let file = published_twice(dir.path());
    let mut harness = harness(Some(file));
    for command in [Command::ShowAmendments, Command::ShowSignOff] {
        harness.state_mut().push(Action::Run(command));
        harness.run();
        harness.get_by_label("Compare").click();
        harness.run();
        match harness.state().dialog() {
            Some(Dialog::Compare { against, .. }) => {
                assert_eq!(against, "June 2027 as published", "{command:?}")
            }
            other => panic!("no comparison from {command:?}: {other:?}"),
        }
        harness.state_mut().push(Action::CloseDialog);
        harness.run();
    }
}

#[test]
fn an_imported_update_is_renamed_and_dated_as_one_undo_step() {
    let mut harness = harness(None);
    harness.state_mut().push(Action::Run(Command::EditUpdates));
    harness.run();
    harness.get_by_label("As published").click();
    harness.run();
    select_all_and_type(&mut harness, Role::TextInput, "New label", "March 2024");
    select_all_and_type(&mut harness, Role::TextInput, "Date", "2024-03");
    harness.get_by_label("Rename").click();
    harness.run();
    let manual = harness.state().document().unwrap().manual().clone();
    assert_eq!(manual.updates[0].label, "March 2024");
    assert_eq!(manual.updates[0].date, "2024-03");
    assert!(!manual.changes_in("March 2024").amended.is_empty());
    assert!(manual.validate().iter().all(|w| !matches!(
        w.kind,
        manual_editor::model::WarningKind::UnknownUpdate { .. }
    )));
    // A name already used is refused, in the dialog.
    harness.state_mut().push(Action::RenameUpdate {
        old: "March 2024".into(),
        label: "March 2024".into(),
        date: "March".into(),
    });
    harness.run();
    assert!(harness.query_by_label_contains("is not YYYY-MM").is_some());
    harness.state_mut().push(Action::Run(Command::Undo));
    harness.run();
    assert_eq!(
        harness.state().document().unwrap().manual().updates[0].label,
        "As published"
    );
}
