//! The Problems panel: opened from the status bar's count, every problem
//! grouped under its entry, a click or F8 goes there, and the list follows
//! the manual as problems are fixed.

use egui::Key;
use egui_kittest::kittest::Queryable;
use manual_editor::app::{Action, Command};
use manual_editor::document::problems::ProblemKind;
use manual_editor::edit::Edit;
use manual_editor::model::{EntryId, SeeAlso};
use manual_editor::store::format;

use crate::common::{harness, sample_manual};

#[test]
fn problems_are_listed_by_entry_and_gone_to_with_a_click_or_f8() {
    let dir = tempfile::tempdir().unwrap();
    let mut manual = sample_manual("stockport.ron");
    let path = manual.find(&EntryId::new("young-carers-2")).unwrap();
    manual
        .entry_mut(&path)
        .unwrap()
        .see_also
        .push(SeeAlso::Internal {
            target: EntryId::new("no-such-chapter"),
        });
    let file = dir.path().join("stockport.ron");
    format::save(&manual, &file).unwrap();
    let mut harness = harness(Some(file));

    // The status bar's count opens the panel.
    harness.get_by_label("1 error, 28 warnings").click();
    harness.run();
    assert!(harness.state().problems_open());
    // Only the rows in view are drawn: errors only brings it up.
    harness.get_by_label("Errors only").click();
    harness.run();
    assert!(harness.query_by_label("4.8.1 Young Carers").is_some());
    let broken = "see-also points at missing entry 'no-such-chapter'";
    harness.get_by_label(broken).click();
    harness.run();
    assert_eq!(
        harness.state().selected(),
        Some(&EntryId::new("young-carers-2"))
    );

    // F8 from the top: the first entry with a problem, then the next.
    harness.get_by_label("Errors only").click();
    harness.run();
    harness.key_press(Key::F8);
    harness.run();
    let first = harness.state().selected().cloned();
    assert!(
        harness.state().status().contains(": "),
        "{}",
        harness.state().status()
    );
    harness.key_press(Key::F8);
    harness.run();
    assert_ne!(harness.state().selected().cloned(), first);
    harness.key_press_modifiers(egui::Modifiers::SHIFT, Key::F8);
    harness.run();
    assert_eq!(harness.state().selected().cloned(), first);

    // Mending the link takes it off the list.
    let mut entry = harness
        .state()
        .document()
        .unwrap()
        .entry(&EntryId::new("young-carers-2"))
        .unwrap()
        .clone_head();
    entry.see_also.pop();
    harness.state_mut().push(Action::Edit {
        edits: vec![Edit::UpdateEntry {
            entry: Box::new(entry),
        }],
        group: None,
    });
    harness.run();
    assert!(harness.query_by_label(broken).is_none());
    // The count in the status bar and in the panel.
    assert_eq!(
        harness.query_all_by_label("28 warnings, no errors").count(),
        2
    );

    // Filtered by kind: the picker counts each kind.
    let links = harness
        .state()
        .document()
        .unwrap()
        .problems(None)
        .iter()
        .filter(|p| p.kind == ProblemKind::Links)
        .count();
    harness.state_mut().push(Action::Run(Command::ShowProblems));
    harness.run();
    harness.get_by_label("Show").click();
    harness.run();
    let label = format!("Links ({links})");
    harness.get_by_label(&label).click();
    harness.run();
    assert!(
        harness
            .query_all_by_label_contains("has no URL")
            .next()
            .is_some()
    );
    // Amendment-note problems are gone from the list (the status bar may
    // still say the one F8 last went to).
    assert!(
        harness
            .query_all_by_label_contains("with no details of what changed")
            .count()
            <= 1
    );
}

#[test]
fn only_the_problems_in_view_are_drawn_however_many_there_are() {
    let dir = tempfile::tempdir().unwrap();
    let mut manual = sample_manual("stockport.ron");
    let path = manual.find(&EntryId::new("young-carers-2")).unwrap();
    manual.entry_mut(&path).unwrap().see_also = (0..2000)
        .map(|n| SeeAlso::Internal {
            target: EntryId::new(format!("gone-{n}")),
        })
        .collect();
    let file = dir.path().join("stockport.ron");
    format::save(&manual, &file).unwrap();
    let mut harness = harness(Some(file));
    harness.state_mut().push(Action::Run(Command::ShowProblems));
    harness.run();
    harness.get_by_label("Errors only").click();
    harness.run();
    let drawn = harness
        .query_all_by_label_contains("points at missing entry")
        .count();
    assert!((1..100).contains(&drawn), "{drawn} rows drawn");
    // F8 goes to one far down, and the list scrolls to it.
    for _ in 0..1500 {
        harness.state_mut().push(Action::Run(Command::NextProblem));
    }
    harness.run();
    assert!(
        harness
            .query_by_label("see-also points at missing entry 'gone-1499'")
            .is_some()
    );
}

/// Steps the window until the check of the outside links has ended.
fn wait_for_link_check(harness: &mut egui_kittest::Harness<'_, manual_editor::app::App>) {
    for _ in 0..500 {
        if !harness.state().is_checking_links() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
        harness.step();
    }
    harness.run();
}

#[test]
fn outside_links_are_checked_in_the_background_and_fixed_from_the_problems_list() {
    let site = crate::common::http::start();
    let dir = tempfile::tempdir().unwrap();
    let mut manual = sample_manual("stockport.ron");
    let id = EntryId::new("young-carers-2");
    let at = manual.find(&id).unwrap();
    let entry = manual.entry_mut(&at).unwrap();
    entry.see_also.push(SeeAlso::external(
        "Moved guidance",
        Some(site.url("/moved")),
        None,
    ));
    entry
        .see_also
        .push(SeeAlso::external("Gone", Some(site.url("/missing")), None));
    manual
        .chapter_mut(&EntryId::new("confidentiality-policy"))
        .unwrap()
        .body = format!("See [the guidance]({}).", site.url("/moved"));
    let file = dir.path().join("stockport.ron");
    format::save(&manual, &file).unwrap();
    let mut harness = harness(Some(file.clone()));

    // Stepped, not run: the window repaints while the check goes on.
    harness.state_mut().push(Action::Run(Command::CheckLinks));
    harness.step();
    wait_for_link_check(&mut harness);
    assert!(
        harness
            .state()
            .status()
            .starts_with("2 outside links: 0 work, 1 has moved, 1 is broken"),
        "{}",
        harness.state().status()
    );
    assert!(file.with_file_name("stockport.links-checked").exists());
    // The Problems list opens on its links: each with its fixes.
    assert!(harness.state().problems_open());
    let gone = format!(
        "the link in its see also \u{201c}Gone\u{201d} to {} is missing (404 Not Found)",
        site.url("/missing")
    );
    assert!(harness.query_all_by_label("Use new address").count() >= 1);
    assert!(harness.query_all_by_label("Open").count() >= 1);

    // Use the new address: every place that linked to it, one undo step.
    harness
        .query_all_by_label("Use new address")
        .next()
        .unwrap()
        .click();
    harness.run();
    let new = site.url("/ok");
    let doc = harness.state().document().unwrap();
    let body = |doc: &manual_editor::document::Document| {
        doc.entry(&EntryId::new("confidentiality-policy"))
            .unwrap()
            .chapter_details()
            .unwrap()
            .body
            .clone()
    };
    assert_eq!(body(doc), format!("See [the guidance]({new})."));
    assert!(
        doc.entry(&id)
            .unwrap()
            .see_also
            .contains(&SeeAlso::external(
                "Moved guidance",
                Some(new.clone()),
                None
            ))
    );
    assert_eq!(harness.query_all_by_label("Use new address").count(), 0);
    harness.state_mut().push(Action::Run(Command::Undo));
    harness.run();
    let doc = harness.state().document().unwrap();
    assert!(body(doc).contains("/moved"));

    // The broken one, among the errors: Re-pick opens the picker for
    // that see-also item.
    harness.get_by_label("Errors only").click();
    harness.run();
    assert!(harness.query_by_label(&gone).is_some());
    harness.get_by_label("Re-pick…").click();
    harness.run();
    assert!(matches!(
        harness.state().dialog(),
        Some(manual_editor::app::Dialog::Picker(_))
    ));

    // Opened again the same day, the results are listed without a visit.
    let visits = site.requests.load(std::sync::atomic::Ordering::SeqCst);
    let mut again = crate::common::harness(Some(file));
    again.state_mut().push(Action::Run(Command::ShowProblems));
    again.run();
    again.get_by_label("Errors only").click();
    again.run();
    assert!(again.query_by_label(&gone).is_some());
    assert_eq!(
        site.requests.load(std::sync::atomic::Ordering::SeqCst),
        visits
    );
}
