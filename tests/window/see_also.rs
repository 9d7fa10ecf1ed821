//! See-also links in the real window: the picker, external links, following
//! links both ways, and links that survive moves.

use crate::common;
use crate::common::{drag, focus_and_press, harness, select_all_and_type, select_in_tree};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use manual_editor::app::{Action, Dialog};
use manual_editor::edit::Edit;
use manual_editor::model::{EntryId, SeeAlso};

fn see_also_of(app: &manual_editor::app::App, id: &str) -> Vec<SeeAlso> {
    let doc = app.document().unwrap();
    let path = doc.manual().find(&EntryId::new(id)).unwrap();
    doc.manual().entry(&path).unwrap().see_also.clone()
}

#[test]
fn ctrl_l_picks_a_chapter_by_typing_and_enter() {
    let mut harness = harness(None);
    select_in_tree(&mut harness, "1.1.6", "1.1.6 Capacity and Consent");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::L);
    harness.run();
    assert!(matches!(harness.state().dialog(), Some(Dialog::Picker(_))));
    assert!(
        harness
            .get_by_role_and_label(Role::TextInput, "Search entries")
            .is_focused(),
        "the search field has focus"
    );
    harness
        .get_by_role_and_label(Role::TextInput, "Search entries")
        .type_text("mental capac");
    harness.run();
    match harness.state().dialog() {
        Some(Dialog::Picker(picker)) => {
            assert_eq!(picker.results[0].label, "1.8.1 Mental Capacity")
        }
        other => panic!("{other:?}"),
    }
    harness.key_press(Key::Enter);
    harness.run();
    assert!(harness.state().dialog().is_none());
    assert_eq!(
        see_also_of(harness.state(), "capacity-and-consent"),
        vec![SeeAlso::internal(EntryId::new("mental-capacity"))]
    );
    // The link shows the target's current number and title, and undo removes it.
    harness.get_by_label("› 1.8.1 Mental Capacity");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(see_also_of(harness.state(), "capacity-and-consent").is_empty());
}

#[test]
fn arrow_keys_move_through_results_and_the_entry_itself_is_not_offered() {
    let mut harness = harness(None);
    select_in_tree(&mut harness, "4.8.1", "4.8.1 Young Carers");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::L);
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Search entries")
        .type_text("carers");
    harness.run();
    let Some(Dialog::Picker(picker)) = harness.state().dialog() else {
        panic!()
    };
    assert!(
        !picker
            .results
            .iter()
            .any(|c| c.label == "4.8.1 Young Carers"),
        "the entry itself is not offered"
    );
    let second = picker.results[1].label.clone();
    harness.key_press(Key::ArrowDown);
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    let links = see_also_of(harness.state(), "young-carers-2");
    assert_eq!(links.len(), 1);
    let doc = harness.state().document().unwrap();
    assert_eq!(
        doc.outline()
            .row(links[0].target().unwrap())
            .unwrap()
            .label(),
        second
    );
}

#[test]
fn the_outside_document_tab_refuses_javascript_urls() {
    let mut harness = harness(None);
    select_in_tree(&mut harness, "1.1.7", "1.1.7 Equality and Diversity");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::L);
    harness.run();
    harness.get_by_label("Outside document").click();
    harness.run();
    select_all_and_type(
        &mut harness,
        Role::TextInput,
        "Document title",
        "Equality Act 2010 guidance",
    );
    select_all_and_type(&mut harness, Role::TextInput, "URL", "javascript:alert(1)");
    harness.get_by_label("Add link").click();
    harness.run();
    match harness.state().dialog() {
        Some(Dialog::Picker(picker)) => assert!(
            picker.error.contains("Only http, https and mailto"),
            "{}",
            picker.error
        ),
        other => panic!("the picker should stay open, got {other:?}"),
    }
    assert!(see_also_of(harness.state(), "equality-and-diversity").is_empty());

    select_all_and_type(
        &mut harness,
        Role::TextInput,
        "URL",
        "https://www.gov.uk/guidance/equality-act-2010-guidance",
    );
    select_all_and_type(&mut harness, Role::TextInput, "Document source", "GOV.UK");
    harness.get_by_label("Add link").click();
    harness.run();
    assert_eq!(
        see_also_of(harness.state(), "equality-and-diversity"),
        vec![SeeAlso::external(
            "Equality Act 2010 guidance",
            Some("https://www.gov.uk/guidance/equality-act-2010-guidance".into()),
            Some("GOV.UK".into())
        )]
    );
}

#[test]
fn linked_from_lists_the_linking_entries_and_follows_them() {
    let mut harness = harness(None);
    // 4.6.2 links to 1.5.5 in the Stockport sample.
    select_in_tree(
        &mut harness,
        "1.5.5",
        "1.5.5 North West Pre-Care and Care Proceedings Notification and Transfer across Local Authority Boundaries Procedure",
    );
    let source = "4.6.2 North West Notification and Transfer of Children Subject of Child Protection Plans across Local Authority Boundaries Procedure";
    // The links tab counts it.
    common::show_tab(&mut harness, "See also and links (0 · 1 linking here)");
    harness.get_by_label(source).click();
    harness.run();
    assert_eq!(
        harness.state().selected(),
        Some(&EntryId::new(
            "north-west-notification-and-transfer-of-children-subject-of"
        ))
    );
}

#[test]
fn a_link_follows_its_target_when_the_target_moves() {
    let mut harness = harness(None);
    select_in_tree(
        &mut harness,
        "4.6.2",
        "4.6.2 North West Notification and Transfer of Children Subject of Child Protection Plans across Local Authority Boundaries Procedure",
    );
    let target = "› 1.5.5 North West Pre-Care and Care Proceedings Notification and Transfer across Local Authority Boundaries Procedure";
    common::show_tab(&mut harness, "See also and links");
    harness.get_by_label(target);
    // Move the target to the front of section 1.1: it becomes 1.1.1.
    harness.state_mut().push(Action::Edit {
        edits: vec![Edit::Move {
            id: EntryId::new("north-west-pre-care-and-care-proceedings-notification-and"),
            parent: Some(EntryId::new("policy-values-and-principles")),
            index: 0,
        }],
        group: None,
    });
    harness.run();
    harness.get_by_label("› 1.1.1 North West Pre-Care and Care Proceedings Notification and Transfer across Local Authority Boundaries Procedure");
    assert!(
        harness
            .state()
            .document()
            .unwrap()
            .manual()
            .validate()
            .iter()
            .all(|w| !w.is_serious())
    );
}

#[test]
fn a_broken_link_is_shown_and_can_be_re_picked() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::temp_sample(dir.path(), "stockport.ron");
    let text = std::fs::read_to_string(&path).unwrap().replacen(
        "target: \"north-west-pre-care-and-care-proceedings-notification-and\"",
        "target: \"gone\"",
        1,
    );
    std::fs::write(&path, text).unwrap();
    let mut harness = harness(Some(path));
    select_in_tree(
        &mut harness,
        "4.6.2",
        "4.6.2 North West Notification and Transfer of Children Subject of Child Protection Plans across Local Authority Boundaries Procedure",
    );
    common::show_tab(&mut harness, "See also and links");
    harness.get_by_label("Broken link: no entry 'gone'");
    harness.get_by_label("Re-pick").scroll_to_me();
    harness.run();
    harness.get_by_label("Re-pick").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Search entries")
        .type_text("1.5.5");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    let links = see_also_of(
        harness.state(),
        "north-west-notification-and-transfer-of-children-subject-of",
    );
    assert_eq!(
        links,
        vec![SeeAlso::internal(EntryId::new(
            "north-west-pre-care-and-care-proceedings-notification-and"
        ))]
    );
}

#[test]
fn alt_arrows_reorder_a_focused_see_also_item() {
    let mut harness = harness(None);
    // 1.2.3 has three outside documents in the Stockport sample.
    select_in_tree(
        &mut harness,
        "1.2.3",
        "1.2.3 The Role of Independent Reviewing Officers in Providing Safeguarding Consultation and in Team Around the Child Meetings",
    );
    common::show_tab(&mut harness, "See also and links");
    let id = "the-role-of-independent-reviewing-officers-in-providing";
    let titles = |app: &manual_editor::app::App| -> Vec<String> {
        see_also_of(app, id)
            .into_iter()
            .map(|s| match s {
                SeeAlso::External { title, .. } => title,
                SeeAlso::Internal { target } => target.to_string(),
            })
            .collect()
    };
    assert_eq!(
        titles(harness.state())[2],
        "Early Intervention: Policy and Provision"
    );
    focus_and_press(&mut harness, "Up", 2, Modifiers::ALT, Key::ArrowUp);
    assert_eq!(
        titles(harness.state())[1],
        "Early Intervention: Policy and Provision"
    );
    // Focus the moved item again (focus does not yet follow it) and repeat.
    focus_and_press(&mut harness, "Up", 1, Modifiers::ALT, Key::ArrowUp);
    assert_eq!(
        titles(harness.state())[0],
        "Early Intervention: Policy and Provision"
    );
    focus_and_press(&mut harness, "Down", 0, Modifiers::ALT, Key::ArrowDown);
    assert_eq!(
        titles(harness.state())[1],
        "Early Intervention: Policy and Provision",
        "Alt+Down moves it back"
    );
    // The entry itself did not move in the tree.
    assert_eq!(
        harness
            .state()
            .document()
            .unwrap()
            .outline()
            .row(&EntryId::new(id))
            .unwrap()
            .number_text(),
        "1.2.3"
    );
}

#[test]
fn dragging_a_see_also_item_reorders_the_list() {
    let mut harness = harness(None);
    select_in_tree(
        &mut harness,
        "1.2.3",
        "1.2.3 The Role of Independent Reviewing Officers in Providing Safeguarding Consultation and in Team Around the Child Meetings",
    );
    common::show_tab(&mut harness, "See also and links");
    let id = "the-role-of-independent-reviewing-officers-in-providing";
    let first_title = |app: &manual_editor::app::App| match &see_also_of(app, id)[0] {
        SeeAlso::External { title, .. } => title.clone(),
        SeeAlso::Internal { target } => target.to_string(),
    };
    assert_eq!(first_title(harness.state()), "Neglect Procedure");
    harness
        .get_all_by_label("Drag")
        .nth(2)
        .unwrap()
        .scroll_to_me();
    harness.run();
    let from = harness
        .get_all_by_label("Drag")
        .nth(2)
        .expect("the third item's handle")
        .rect()
        .center();
    let first_row = harness.get_all_by_label("Drag").next().unwrap().rect();
    let to = egui::pos2(first_row.center().x + 40.0, first_row.top() + 2.0);
    drag(&mut harness, from, to);
    assert_eq!(
        first_title(harness.state()),
        "Early Intervention: Policy and Provision"
    );
    assert_eq!(see_also_of(harness.state(), id).len(), 3);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(
        first_title(harness.state()),
        "Neglect Procedure",
        "the drag is one undo step"
    );
}
