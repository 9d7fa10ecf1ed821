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
