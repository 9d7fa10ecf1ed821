//! Chapter text in the real window: find and replace across the manual,
//! links to entries in the body, the formatting toolbar and spelling.

mod common;

use common::{harness, select_all_and_type, title_of};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use manual_editor::app::{Action, Command};
use manual_editor::edit::find::{FindOptions, find};

#[test]
fn replace_all_across_the_manual_is_one_undo_step() {
    let mut harness = harness(None);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    harness.run();
    select_all_and_type(&mut harness, Role::TextInput, "Find", "Policy");
    select_all_and_type(&mut harness, Role::TextInput, "Replace with", "Guidance");
    harness.get_by_label("Match case").click();
    harness.run();
    harness.get_by_label("Whole word").click();
    harness.run();
    let options = FindOptions {
        match_case: true,
        whole_word: true,
    };
    let manual = harness.state().document().unwrap().manual().clone();
    let before = find(&manual, "Policy", options).len();
    assert!(before > 3);
    // The panel lists the matches under their entries.
    let mut entries: Vec<_> = find(&manual, "Policy", options)
        .into_iter()
        .map(|h| h.entry)
        .collect();
    entries.dedup();
    let summary = format!("{before} matches in {} entries", entries.len());
    assert!(harness.query_by_label(&summary).is_some(), "{summary}");
    assert_eq!(harness.query_all_by_label("Replace").count(), before);
    harness.get_by_label("Replace all").click();
    harness.run();
    let doc = harness.state().document().unwrap();
    assert!(find(doc.manual(), "Policy", options).is_empty());
    assert_eq!(
        title_of(harness.state(), "supervision-policy"),
        "Supervision Guidance"
    );
    assert!(harness.query_by_label("No matches.").is_some());
    harness.state_mut().push(Action::Run(Command::Undo));
    harness.run();
    assert_eq!(
        harness.state().document().unwrap().manual(),
        &manual,
        "one undo takes back every replacement"
    );
    // Replace one: only that match changes.
    let first = harness.get_all_by_label("Replace").next().unwrap();
    first.click();
    harness.run();
    let now = find(
        harness.state().document().unwrap().manual(),
        "Policy",
        options,
    )
    .len();
    assert_eq!(now, before - 1);
}
