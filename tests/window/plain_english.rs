//! Plain English while writing: advice underlined in the body, a fix at
//! the cursor in one click (one undo step), and the Problems list's
//! Plain English findings by rule, each rule able to be turned off for
//! the manual.

use egui::Key;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use manual_editor::app::{Action, Command};
use manual_editor::model::style::StyleRule;

use crate::common::{self, harness, select_all_and_type};

fn body_of(app: &manual_editor::app::App) -> String {
    common::entry_of(app, "young-carers-2")
        .chapter_details()
        .unwrap()
        .body
        .clone()
}

/// Clicks "Use “use”" and sees the body changed.
fn use_use(harness: &mut egui_kittest::Harness<'_, manual_editor::app::App>) {
    harness.get_by_label("Use \u{201c}use\u{201d}").click();
    harness.run();
    assert_eq!(
        body_of(harness.state()),
        "Staff use the form. Tell the LADO."
    );
}

#[test]
fn advice_at_the_cursor_is_fixed_in_one_click_and_undone_in_one_step() {
    let mut harness = harness(None);
    common::select_in_tree(&mut harness, "young carers", "4.8.1 Young Carers");
    select_all_and_type(
        &mut harness,
        Role::MultilineTextInput,
        "Body text",
        "Staff utilise the form. Tell the LADO.",
    );
    // Not in a finding: the count.
    assert!(
        harness
            .query_by_label_contains("2 pieces of advice: underlined in the text")
            .is_some()
    );
    // Home, then into "utilise".
    harness.key_press(Key::Home);
    harness.run();
    for _ in 0..8 {
        harness.key_press(Key::ArrowRight);
        harness.run();
    }
    assert!(
        harness
            .query_by_label("Words to avoid: \u{201c}utilise\u{201d}: use \u{201c}use\u{201d}")
            .is_some()
    );
    use_use(&mut harness);
    harness.state_mut().push(Action::Run(Command::Undo));
    harness.run();
    assert_eq!(
        body_of(harness.state()),
        "Staff utilise the form. Tell the LADO."
    );

    // Allowing a term keeps it in the manual's settings (one undo step).
    harness
        .state_mut()
        .push(Action::AllowTerm("utilise".into()));
    harness.run();
    let style = |h: &egui_kittest::Harness<'_, manual_editor::app::App>| {
        h.state().document().unwrap().manual().style.clone()
    };
    assert_eq!(style(&harness).allowed, ["utilise"]);
    assert!(
        harness
            .query_by_label_contains("1 piece of advice: underlined in the text")
            .is_some()
    );
    harness.state_mut().push(Action::Run(Command::Undo));
    harness.run();
    assert!(style(&harness).allowed.is_empty());
}

#[test]
fn the_problems_list_shows_advice_by_rule_and_a_rule_can_be_turned_off() {
    let dir = tempfile::tempdir().unwrap();
    let mut manual = common::sample_manual("stockport.ron");
    manual
        .chapter_mut(&manual_editor::model::EntryId::new("young-carers-2"))
        .unwrap()
        .body = "Staff utilise the form. Tell the LADO.".into();
    let file = dir.path().join("stockport.ron");
    manual_editor::store::format::save(&manual, &file).unwrap();
    let mut harness = harness(Some(file));
    // Advice is not counted with the warnings in the status bar.
    assert!(harness.query_by_label("28 warnings, no errors").is_some());
    harness.state_mut().push(Action::Run(Command::ShowProblems));
    harness.run();
    harness.get_by_label("Show").click();
    harness.run();
    harness.get_by_label("Plain English (2)").click();
    harness.run();
    assert!(
        harness
            .query_by_label(
                "text, line 1: \u{201c}LADO\u{201d} is not spelt out here or in the manual's keywords"
            )
            .is_some()
    );
    // Its fixes: add to keywords (opens them), allow.
    assert!(harness.query_by_label("Add to keywords").is_some());
    assert!(
        harness
            .query_by_label("Allow \u{201c}LADO\u{201d}")
            .is_some()
    );
    use_use(&mut harness);

    // One rule shown, then turned off for the manual.
    harness.get_by_label("Rule").click();
    harness.run();
    harness
        .get_by_label("Abbreviations not spelt out (1)")
        .click();
    harness.run();
    harness.get_by_label("Turn off for this manual").click();
    harness.run();
    let manual = harness.state().document().unwrap().manual().clone();
    assert_eq!(manual.style.off, [StyleRule::UndefinedAbbreviation]);
    assert!(
        harness
            .query_by_label("Abbreviations not spelt out (turn on)")
            .is_some()
    );
    assert!(harness.query_by_label_contains("LADO").is_none());
}
