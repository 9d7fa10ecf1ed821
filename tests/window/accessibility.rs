//! Every view and dialog has an accessible name on each control: the
//! harness checks the accessibility tree (AccessKit, as Orca reads it)
//! after every frame and fails on an interactive node without a name, so
//! this walk opens each view (contents, chapter with each tab, section,
//! manual details, each panel) and every command's dialog in turn.

use egui_kittest::kittest::Queryable;
use manual_editor::app::{Action, Command};
use manual_editor::model::EntryId;

use crate::common::{harness, show_tab, temp_sample};

#[test]
fn every_view_and_dialog_names_its_controls() {
    let dir = tempfile::tempdir().unwrap();
    let path = temp_sample(dir.path(), "stockport.ron");
    let mut harness = harness(Some(path));
    // An open update with a changed chapter, so sign-off and publishing
    // have something to show.
    harness.state_mut().push(Action::StartUpdate {
        label: "December 2026".into(),
        date: "2026-12".into(),
    });
    harness.run();
    harness.state_mut().push(Action::MarkUpdated {
        id: EntryId::new("young-carers-2"),
        text: "Revised.".into(),
    });
    harness.run();

    // The manual's details, a section, a chapter and each of its tabs.
    harness
        .state_mut()
        .push(Action::Run(Command::ManualDetails));
    harness.run();
    harness
        .state_mut()
        .push(Action::Select(EntryId::new("all-children")));
    harness.run();
    harness
        .state_mut()
        .push(Action::Select(EntryId::new("young-carers-2")));
    harness.run();
    for tab in ["Amendments", "See also and links", "Notes", "Text"] {
        show_tab(&mut harness, tab);
    }
    // Each panel.
    for command in [
        Command::ShowPacks,
        Command::FindReplace,
        Command::ShowProblems,
    ] {
        eprintln!("checking the panel of {command:?}");
        harness.state_mut().push(Action::Run(command));
        harness.run();
    }
    // Every command's dialog (those that would end the session or replace
    // the manual aside), each closed again.
    let skipped = [
        Command::Quit,
        Command::Close,
        Command::New,
        Command::NextPane,
        Command::PreviousPane,
        Command::FocusMenu,
    ];
    let mut dialogs = 0;
    for &command in Command::ALL {
        if skipped.contains(&command) || !harness.state().is_enabled(command) {
            continue;
        }
        eprintln!("checking {command:?}");
        harness
            .state_mut()
            .push(Action::Select(EntryId::new("young-carers-2")));
        harness.run();
        harness.state_mut().push(Action::Run(command));
        // Some scroll the contents to the entry: let that settle.
        harness.run_steps(12);
        harness.run();
        if harness.state().dialog().is_some() {
            dialogs += 1;
            harness.state_mut().push(Action::CloseDialog);
            harness.run();
        }
    }
    assert!(dialogs >= 15, "only {dialogs} dialogs were opened");
    assert!(harness.query_by_label("Problems").is_some());
}
