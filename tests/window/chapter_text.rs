//! Chapter text in the real window: find and replace across the manual,
//! links to entries in the body, the formatting toolbar and spelling.

use crate::common;
use crate::common::{harness, select_all_and_type, title_of};
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

fn body_of(app: &manual_editor::app::App, id: &str) -> String {
    common::entry_of(app, id)
        .chapter_details()
        .unwrap()
        .body
        .clone()
}

fn set_body(harness: &mut egui_kittest::Harness<'_, manual_editor::app::App>, text: &str) {
    select_all_and_type(harness, Role::MultilineTextInput, "Body text", text);
}

#[test]
fn ctrl_k_and_double_bracket_link_an_entry_from_the_picker() {
    let mut harness = harness(None);
    common::select_in_tree(&mut harness, "young carers", "4.8.1 Young Carers");
    set_body(&mut harness, "Read ");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::K);
    harness.run();
    assert!(matches!(
        harness.state().dialog(),
        Some(manual_editor::app::Dialog::Picker(_))
    ));
    harness
        .get_by_role_and_label(Role::TextInput, "Search entries")
        .type_text("supervision policy");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(
        body_of(harness.state(), "young-carers-2"),
        "Read [](entry:supervision-policy)"
    );
    // Typing [[ opens it too, at the cursor; the brackets go.
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Body text")
        .focus();
    harness.run();
    harness.key_press(Key::End);
    harness.run();
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Body text")
        .type_text(" and [[");
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Search entries")
        .type_text("confidentiality");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(
        body_of(harness.state(), "young-carers-2"),
        "Read [](entry:supervision-policy) and [](entry:confidentiality-policy)"
    );
    // Linked from counts body links.
    let doc = harness.state().document().unwrap();
    let sources = doc
        .outline()
        .backlinks
        .of(&manual_editor::model::EntryId::new("supervision-policy"));
    assert!(sources.contains(&manual_editor::model::EntryId::new("young-carers-2")));
}

#[test]
fn a_selection_is_linked_with_its_own_words() {
    let mut harness = harness(None);
    common::select_in_tree(&mut harness, "young carers", "4.8.1 Young Carers");
    set_body(&mut harness, "the supervision rules");
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Body text")
        .focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::K);
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Search entries")
        .type_text("supervision policy");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(
        body_of(harness.state(), "young-carers-2"),
        "[the supervision rules](entry:supervision-policy)"
    );
}

#[test]
fn the_toolbar_and_shortcuts_format_the_selection_as_one_undo_step_each() {
    let mut harness = harness(None);
    common::select_in_tree(&mut harness, "young carers", "4.8.1 Young Carers");
    set_body(&mut harness, "first\nsecond");
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Body text")
        .focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    harness.get_by_label("Bulleted list").click();
    harness.run();
    assert_eq!(
        body_of(harness.state(), "young-carers-2"),
        "- first\n- second"
    );
    // The selection stays on the lines: Ctrl+B makes them bold.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::B);
    harness.run();
    harness.run();
    assert_eq!(
        body_of(harness.state(), "young-carers-2"),
        "**- first\n- second**"
    );
    harness.state_mut().push(Action::Run(Command::Undo));
    harness.run();
    assert_eq!(
        body_of(harness.state(), "young-carers-2"),
        "- first\n- second"
    );
    harness.state_mut().push(Action::Run(Command::Undo));
    harness.run();
    assert_eq!(body_of(harness.state(), "young-carers-2"), "first\nsecond");
}

#[test]
fn the_preview_shows_an_entry_link_with_its_current_label_and_follows_it() {
    let mut harness = harness(None);
    common::select_in_tree(&mut harness, "young carers", "4.8.1 Young Carers");
    set_body(
        &mut harness,
        "# Duties\n\nSee [](entry:supervision-policy).",
    );
    harness.get_by_label("Preview beside").click();
    harness.run();
    assert!(harness.query_by_label("1.1.4 Supervision Policy").is_some());
    // Supervision Policy moves up one place: the preview follows.
    harness
        .state_mut()
        .push(Action::Select(manual_editor::model::EntryId::new(
            "supervision-policy",
        )));
    harness.run();
    harness.state_mut().push(Action::Run(Command::MoveUp));
    harness.run();
    // Its editor lists Young Carers under "Linked from": the body link.
    crate::common::show_tab(&mut harness, "See also and links");
    assert!(
        harness
            .query_by_role_and_label(Role::Link, "4.8.1 Young Carers")
            .is_some()
    );
    harness
        .state_mut()
        .push(Action::Select(manual_editor::model::EntryId::new(
            "young-carers-2",
        )));
    harness.run();
    crate::common::show_tab(&mut harness, "Text");
    assert!(harness.query_by_label("1.1.4 Supervision Policy").is_none());
    harness.get_by_label("1.1.3 Supervision Policy").click();
    harness.run();
    assert_eq!(
        harness.state().selected().map(|id| id.as_str()),
        Some("supervision-policy")
    );
}

fn harness_with_test_dictionary() -> egui_kittest::Harness<'static, manual_editor::app::App> {
    let dictionary = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/dictionary/en_GB_test");
    let mut harness = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(move |cc| {
            manual_editor::app::App::new(
                cc,
                manual_editor::app::StartOptions {
                    dictionary: manual_editor::app::Dictionary::File(dictionary.clone()),
                    sample: Some(manual_editor::app::Sample::Stockport),
                    ..Default::default()
                },
            )
        });
    harness.run();
    harness
}

/// Right-clicks the body (of one word: the pointer's place is past its
/// end, which is still the word).
fn right_click_first_word(harness: &mut egui_kittest::Harness<'_, manual_editor::app::App>) {
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Body text")
        .click_button(egui::PointerButton::Secondary);
    harness.run();
}

#[test]
fn a_misspelt_word_is_corrected_from_a_suggestion_and_a_name_added_to_the_word_list() {
    let mut harness = harness_with_test_dictionary();
    assert!(harness.query_by_label("Spelling: en_GB_test").is_some());
    common::select_in_tree(&mut harness, "young carers", "4.8.1 Young Carers");
    set_body(&mut harness, "colur");
    right_click_first_word(&mut harness);
    harness.get_by_label("colour").click();
    harness.run();
    assert_eq!(body_of(harness.state(), "young-carers-2"), "colour");
    // A place name goes into the manual's word list, saved with it.
    set_body(&mut harness, "Stockport");
    right_click_first_word(&mut harness);
    harness
        .get_by_label("Add “Stockport” to the manual's word list")
        .click();
    harness.run();
    assert_eq!(
        harness.state().document().unwrap().manual().words,
        vec!["Stockport".to_string()]
    );
    harness.state_mut().push(Action::Run(Command::Undo));
    harness.run();
    assert!(
        harness
            .state()
            .document()
            .unwrap()
            .manual()
            .words
            .is_empty()
    );
}

#[test]
fn a_chapters_tabs_count_what_each_holds_and_the_body_fills_the_editor() {
    use manual_editor::model::{Amendment, EntryId};
    let dir = tempfile::tempdir().unwrap();
    let path = common::temp_sample(dir.path(), "stockport.ron");
    let mut manual = manual_editor::store::format::load(&path).unwrap();
    let at = manual.find(&EntryId::new("young-carers-2")).unwrap();
    let entry = manual.entry_mut(&at).unwrap();
    entry.notes = vec!["A note.".into()];
    let chapter = entry.chapter_details_mut().unwrap();
    chapter.amendments.push(Amendment {
        date: "2026-12".into(),
        text: "Moved from 4.8.2 to 4.8.1.".into(),
        update: "As published".into(),
        draft: true,
    });
    manual_editor::store::format::save(&manual, &path).unwrap();
    let mut harness = common::harness(Some(path));
    common::select_in_tree(&mut harness, "young carers", "4.8.1 Young Carers");
    for tab in [
        "Text",
        "Amendments (1, 1 draft)",
        "See also and links",
        "Notes (1)",
    ] {
        assert!(harness.query_by_label(tab).is_some(), "no tab {tab}");
    }
    // The draft is announced above the tabs; the body is what shows.
    assert!(
        harness
            .query_by_label_contains("A drafted amendment note waits: “Moved from 4.8.2")
            .is_some()
    );
    assert!(
        harness
            .query_by_role_and_label(Role::MultilineTextInput, "Body text")
            .is_some()
    );
    assert!(harness.query_by_label("Add note").is_none());
    common::show_tab(&mut harness, "Notes");
    assert!(harness.query_by_label("Add note").is_some());
    assert!(
        harness
            .query_by_role_and_label(Role::MultilineTextInput, "Body text")
            .is_none()
    );
    // The tab stays as chosen on the next chapter.
    common::select_in_tree(
        &mut harness,
        "confidentiality",
        "1.1.2 Confidentiality Policy",
    );
    assert!(harness.query_by_label("Add note").is_some());
}
