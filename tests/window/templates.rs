//! Templates in the window: a local manual made from a national template,
//! localised, its changes marked in the contents, and the template's next
//! update previewed and pulled as one undo step.

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use manual_editor::app::{Action, Command, Dialog};
use manual_editor::model::redline::Mark;
use manual_editor::model::{Amendment, EntryId, Manual, Update};
use manual_editor::store::format;

use crate::common::{harness, sample_manual, select_all_and_type, select_in_tree};

fn national(updates: &[&str]) -> Manual {
    let mut m = sample_manual("stockport.ron");
    m.title = "National Procedures".into();
    m.updates = updates
        .iter()
        .map(|label| Update {
            label: (*label).into(),
            date: String::new(),
            published: true,
            ..Default::default()
        })
        .collect();
    m
}

#[test]
fn a_council_makes_a_local_manual_localises_it_and_pulls_the_next_update() {
    let dir = tempfile::tempdir().unwrap();
    let v1_path = dir.path().join("national-june.ron");
    let v2_path = dir.path().join("national-december.ron");
    format::save(&national(&["June 2026"]), &v1_path).unwrap();
    let mut v2 = national(&["June 2026", "December 2026"]);
    let id = EntryId::new("confidentiality-policy");
    let path = v2.find(&id).unwrap();
    let chapter = v2.entry_mut(&path).unwrap().chapter_details_mut().unwrap();
    chapter.body = "The national text, revised.\n".into();
    chapter.amendments.push(Amendment {
        date: "2026-12".into(),
        text: "Revised throughout.".into(),
        update: "December 2026".into(),
        draft: false,
    });
    format::save(&v2, &v2_path).unwrap();
    let local = dir.path().join("smalltown.ron");

    let mut harness = harness(None);
    harness.state_mut().push(Action::Run(Command::NewLocal));
    harness.run();
    select_all_and_type(
        &mut harness,
        Role::TextInput,
        "Template file",
        v1_path.to_str().unwrap(),
    );
    select_all_and_type(&mut harness, Role::TextInput, "Council", "Smalltown");
    select_all_and_type(
        &mut harness,
        Role::TextInput,
        "Save the local manual as",
        local.to_str().unwrap(),
    );
    harness.get_by_label("Make and open").click();
    harness.run();
    assert_eq!(
        harness.state().document().unwrap().path(),
        Some(local.as_path())
    );

    // Localised: a template chapter renamed is marked in the contents.
    select_in_tree(&mut harness, "Young Carers", "4.8.1 Young Carers");
    select_all_and_type(
        &mut harness,
        Role::TextInput,
        "Title",
        "Young Carers in Smalltown",
    );
    harness.run();
    assert!(harness.query_by_label("Changed here").is_some());
    assert!(
        harness
            .query_by_label_contains("From National Procedures, June 2026 · changed here")
            .is_some()
    );
    // Compare shows the chapter against the template's words.
    harness.get_by_label("Compare").click();
    harness.run();
    match harness.state().dialog() {
        Some(Dialog::Compare { pieces, .. }) => assert!(
            pieces
                .iter()
                .any(|p| p.mark == Mark::Added && p.text.contains("Smalltown")),
            "{pieces:?}"
        ),
        other => panic!("no comparison: {other:?}"),
    }
    harness.state_mut().push(Action::CloseDialog);
    harness.run();
    harness.state_mut().push(Action::Run(Command::Save));
    harness.run();

    harness.state_mut().push(Action::Run(Command::PullTemplate));
    harness.run();
    select_all_and_type(
        &mut harness,
        Role::TextInput,
        "New template file",
        v2_path.to_str().unwrap(),
    );
    harness.get_by_label("Preview").click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("Revised throughout.")
            .is_some(),
        "the preview shows the template's notes"
    );
    harness.get_by_label("Apply").click();
    harness.run();
    assert!(harness.state().dialog().is_none());
    let manual = harness.state().document().unwrap().manual().clone();
    let body = |m: &Manual| {
        let path = m.find(&id).unwrap();
        m.entry(&path)
            .unwrap()
            .chapter_details()
            .unwrap()
            .body
            .clone()
    };
    assert_eq!(body(&manual), "The national text, revised.\n");
    let carers = manual.find(&EntryId::new("young-carers-2")).unwrap();
    assert_eq!(
        manual.entry(&carers).unwrap().title,
        "Young Carers in Smalltown"
    );
    assert_eq!(manual.template.as_ref().unwrap().update, "December 2026");
    assert!(harness.state().status().contains("Pulled “December 2026”"));

    // One step back to before the pull.
    harness.state_mut().push(Action::Run(Command::Undo));
    harness.run();
    let manual = harness.state().document().unwrap().manual().clone();
    assert_eq!(manual.template.as_ref().unwrap().update, "June 2026");
    assert_ne!(body(&manual), "The national text, revised.\n");
}

#[test]
fn a_pull_from_another_manual_is_refused_in_the_dialog() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("national.ron");
    format::save(&national(&["June 2026"]), &template).unwrap();
    let local = dir.path().join("local.ron");
    manual_editor::store::template::new_local(&template, &local, "Town", None).unwrap();
    let other = dir.path().join("wigan.ron");
    format::save(&sample_manual("wigan.ron"), &other).unwrap();

    let mut harness = harness(Some(local));
    harness.state_mut().push(Action::Run(Command::PullTemplate));
    harness.run();
    assert!(
        harness
            .get_by_role_and_label(Role::TextInput, "New template file")
            .is_focused(),
        "typing goes to the file field"
    );
    select_all_and_type(
        &mut harness,
        Role::TextInput,
        "New template file",
        other.to_str().unwrap(),
    );
    harness.get_by_label("Preview").click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("is not the template this manual localises")
            .is_some()
    );
    assert!(matches!(
        harness.state().dialog(),
        Some(Dialog::PullTemplate(_))
    ));
}
