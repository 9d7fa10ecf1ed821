//! Restructuring in the real window: dragging with the pointer, keyboard
//! moves, multi-selection, the context menu, and deleting linked entries.

use crate::common;
use crate::common::{drag, select_in_tree, start_drag, title_of};
use egui::accesskit::Role;
use egui::{Key, Modifiers, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use manual_editor::app::{Action, App, Command, Dialog, StartOptions};
use manual_editor::model::EntryId;

fn number(app: &App, id: &str) -> Option<String> {
    let doc = app.document().unwrap();
    doc.outline()
        .row(&EntryId::new(id))
        .and_then(|r| r.number.as_ref().map(ToString::to_string))
}

/// A tall window showing parts 1 and 4 with sections 1.1 and 4.8 open.
fn harness_with_1_1_and_4_8_open() -> Harness<'static, App> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 1300.0))
        .build_eframe(|cc| {
            App::new(
                cc,
                StartOptions {
                    sample: Some(manual_editor::app::Sample::Stockport),
                    ..StartOptions::default()
                },
            )
        });
    harness.run();
    harness.state_mut().push(Action::Run(Command::CollapseAll));
    harness.run();
    for id in [
        "all-children",
        "policy-values-and-principles",
        "children-in-particular-circumstances",
        "young-carers",
    ] {
        harness
            .state_mut()
            .push(Action::ToggleCollapsed(EntryId::new(id)));
    }
    harness.run();
    harness
}

#[test]
fn dragging_young_carers_to_the_end_of_section_1_1_renumbers_and_undoes() {
    let mut harness = harness_with_1_1_and_4_8_open();
    assert_eq!(
        number(harness.state(), "young-carers-2").as_deref(),
        Some("4.8.1")
    );
    let source = harness.get_by_label("4.8.1 Young Carers").rect().center();
    let target_rect = harness.get_by_label("1.1.7 Equality and Diversity").rect();
    // The lower quarter of the last chapter of 1.1: after it.
    let target = Pos2::new(target_rect.center().x, target_rect.bottom() + 1.0);
    drag(&mut harness, source, target);

    let app = harness.state();
    assert_eq!(number(app, "young-carers-2").as_deref(), Some("1.1.8"));
    let doc = app.document().unwrap();
    let section_4_8 = doc
        .manual()
        .entry(&doc.manual().find(&EntryId::new("young-carers")).unwrap())
        .unwrap();
    assert!(section_4_8.children().is_empty(), "4.8 is left empty");
    assert_eq!(
        number(
            app,
            "aftercare-under-section-117-of-the-mental-health-act-1983"
        )
        .as_deref(),
        Some("4.9.1")
    );
    harness.get_by_label("1.1.8 Young Carers");

    // The whole drag is one undo step.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(
        number(harness.state(), "young-carers-2").as_deref(),
        Some("4.8.1")
    );
    assert!(!harness.state().document().unwrap().is_dirty());
}

#[test]
fn dropping_a_part_into_its_own_chapter_is_refused() {
    let mut harness = harness_with_1_1_and_4_8_open();
    let source = harness.get_by_label("1. All Children").rect().center();
    let target = harness
        .get_by_label("1.1.3 Consultation Policy")
        .rect()
        .center();
    drag(&mut harness, source, target);
    assert_eq!(
        number(harness.state(), "all-children").as_deref(),
        Some("1")
    );
    assert!(
        !harness.state().document().unwrap().is_dirty(),
        "nothing changed"
    );
}

#[test]
fn alt_arrows_move_the_selected_entry() {
    let mut harness = common::harness(None);
    select_in_tree(&mut harness, "1.1.3", "1.1.3 Consultation Policy");
    // Leave the filter so the arrows are not typing.
    harness.get_by_label("1.1.3 Consultation Policy").click();
    harness.run();
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowUp);
    harness.run();
    assert_eq!(
        number(harness.state(), "consultation-policy").as_deref(),
        Some("1.1.2")
    );
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowLeft);
    harness.run();
    assert_eq!(
        number(harness.state(), "consultation-policy").as_deref(),
        Some("1.2")
    );
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowRight);
    harness.run();
    assert_eq!(
        number(harness.state(), "consultation-policy").as_deref(),
        Some("1.1.7")
    );
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    harness.run();
    assert_eq!(
        number(harness.state(), "consultation-policy").as_deref(),
        Some("1.1.7"),
        "the last entry has nowhere further down to go"
    );
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowUp);
    harness.run();
    assert_eq!(
        number(harness.state(), "consultation-policy").as_deref(),
        Some("1.1.6")
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(
        number(harness.state(), "consultation-policy").as_deref(),
        Some("1.1.7"),
        "each move is one undo step"
    );
}

#[test]
fn ctrl_click_selects_several_and_they_move_together() {
    let mut harness = common::harness(None);
    harness.get_by_label("1.1.2 Confidentiality Policy").click();
    harness.run();
    harness
        .get_by_label("1.1.4 Supervision Policy")
        .click_modifiers(Modifiers::COMMAND);
    harness.run();
    assert_eq!(
        harness.state().selection().ids(),
        [
            EntryId::new("confidentiality-policy"),
            EntryId::new("supervision-policy")
        ]
    );
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowUp);
    harness.run();
    assert_eq!(
        number(harness.state(), "confidentiality-policy").as_deref(),
        Some("1.1.1")
    );
    assert_eq!(
        number(harness.state(), "supervision-policy").as_deref(),
        Some("1.1.2")
    );
    assert_eq!(
        number(
            harness.state(),
            "childrens-services-policies-values-and-principles"
        )
        .as_deref(),
        Some("1.1.3")
    );
}

#[test]
fn the_context_menu_adds_a_chapter_after_the_entry() {
    let mut harness = common::harness(None);
    harness
        .get_by_label("1.1.7 Equality and Diversity")
        .click_secondary();
    harness.run();
    harness.get_by_label("Add chapter after").click();
    harness.run();
    let app = harness.state();
    let selected = app.selected().unwrap().clone();
    assert_eq!(title_of(app, selected.as_str()), "New chapter");
    assert_eq!(number(app, selected.as_str()).as_deref(), Some("1.1.8"));
}

#[test]
fn deleting_a_linked_entry_asks_and_lists_the_linking_chapters() {
    let mut harness = common::harness(None);
    select_in_tree(
        &mut harness,
        "1.5.5",
        "1.5.5 North West Pre-Care and Care Proceedings Notification and Transfer across Local Authority Boundaries Procedure",
    );
    harness.get_by_label("1.5.5 North West Pre-Care and Care Proceedings Notification and Transfer across Local Authority Boundaries Procedure").click();
    harness.run();
    harness.key_press(Key::Delete);
    harness.run();
    match harness.state().dialog() {
        Some(Dialog::ConfirmDelete { linking, .. }) => {
            assert_eq!(linking.len(), 1);
            assert!(
                linking[0].starts_with("4.6.2 North West Notification"),
                "{linking:?}"
            );
        }
        other => panic!("expected the delete question, got {other:?}"),
    }
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(
        number(
            harness.state(),
            "north-west-pre-care-and-care-proceedings-notification-and"
        )
        .is_some(),
        "nothing deleted"
    );

    harness.key_press(Key::Delete);
    harness.run();
    harness
        .get_by_label("Delete and remove those links")
        .click();
    harness.run();
    let doc = harness.state().document().unwrap();
    assert!(
        doc.manual()
            .find(&EntryId::new(
                "north-west-pre-care-and-care-proceedings-notification-and"
            ))
            .is_none()
    );
    assert!(
        doc.manual().validate().iter().all(|w| !w.is_serious()),
        "no dangling link is left"
    );
}

#[test]
fn escape_cancels_a_drag() {
    let mut harness = harness_with_1_1_and_4_8_open();
    let from = harness.get_by_label("4.8.1 Young Carers").rect().center();
    let target_rect = harness.get_by_label("1.1.7 Equality and Diversity").rect();
    let to = Pos2::new(target_rect.center().x, target_rect.bottom() + 1.0);
    start_drag(&mut harness, from, to);
    harness.key_press(Key::Escape);
    harness.run();
    harness.drop_at(to);
    harness.run();
    assert_eq!(
        number(harness.state(), "young-carers-2").as_deref(),
        Some("4.8.1")
    );
    assert!(!harness.state().document().unwrap().is_dirty());
}

fn id_of_number(app: &App, number: &str) -> EntryId {
    app.document()
        .unwrap()
        .outline()
        .rows
        .iter()
        .find(|r| r.number_text() == number)
        .unwrap()
        .id
        .clone()
}

#[test]
fn after_a_multi_selection_down_leaves_only_the_next_entry_selected() {
    let mut harness = common::harness(None);
    harness.get_by_label("1.1.2 Confidentiality Policy").click();
    harness.run();
    harness
        .get_by_label("1.1.4 Supervision Policy")
        .click_modifiers(Modifiers::COMMAND);
    harness.run();
    assert_eq!(harness.state().selection().ids().len(), 2);
    // Move the focus off any text field, then step down with the keyboard.
    harness.key_press(Key::ArrowDown);
    harness.run();
    let next = id_of_number(harness.state(), "1.1.5");
    assert_eq!(
        harness.state().selection().ids(),
        std::slice::from_ref(&next)
    );
    assert_eq!(harness.state().selected(), Some(&next));
    harness.key_press(Key::Delete);
    harness.run();
    let doc = harness.state().document().unwrap();
    assert!(
        doc.manual().find(&next).is_none(),
        "the highlighted row went"
    );
    for kept in ["confidentiality-policy", "supervision-policy"] {
        assert!(
            doc.manual().find(&EntryId::new(kept)).is_some(),
            "{kept} was not highlighted and stays"
        );
    }
}

#[test]
fn undo_of_an_add_keeps_the_selection_on_entries_that_exist() {
    let mut harness = common::harness(None);
    harness.get_by_label("1.1.7 Equality and Diversity").click();
    harness.run();
    harness
        .state_mut()
        .push(Action::Run(Command::AddChapterAfter));
    harness.run();
    let added = harness.state().selected().unwrap().clone();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    let app = harness.state();
    assert!(app.document().unwrap().manual().find(&added).is_none());
    assert!(!app.selection().contains(&added));
    assert!(!app.selection().is_empty());
}

#[test]
fn a_move_too_deep_is_refused_with_a_message() {
    use manual_editor::model::{Entry, MAX_DEPTH, Manual};
    // "last" is a section spanning 11 levels; at level 2 its deepest entry
    // is at the limit, so moving it into "s2" would pass it.
    let mut last = Entry::chapter(EntryId::new("leaf"), "Leaf");
    for level in (1..MAX_DEPTH - 1).rev() {
        last = Entry::section(
            EntryId(format!("t{level}")),
            format!("T{level}"),
            vec![last],
        );
    }
    last.id = EntryId::new("last");
    assert_eq!(last.height(), MAX_DEPTH - 1);
    let s2 = Entry::section(
        EntryId::new("s2"),
        "S2",
        vec![Entry::chapter(EntryId::new("c"), "C")],
    );
    let mut manual = Manual::new("Deep", "T");
    manual.entries = vec![Entry::section(EntryId::new("p"), "P", vec![s2, last])];
    assert_eq!(manual.depth(), MAX_DEPTH);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deep.ron");
    manual_editor::store::format::save(&manual, &path).unwrap();
    let mut harness = common::harness(Some(path));
    harness
        .state_mut()
        .push(Action::Select(EntryId::new("last")));
    harness.run();
    // Into s2, the section above: one level too many.
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowRight);
    harness.run();
    match harness.state().dialog() {
        Some(Dialog::Error { message, .. }) => {
            assert!(message.contains("at most 12 levels"), "{message}")
        }
        other => panic!("expected the refusal, got {other:?}"),
    }
    assert!(!harness.state().document().unwrap().is_dirty());
}

#[test]
fn a_move_in_an_open_update_drafts_a_moved_note_and_one_undo_takes_both_back() {
    let mut harness = common::harness(None);
    harness.state_mut().push(Action::StartUpdate {
        label: "April 2025".into(),
        date: "2025-04".into(),
    });
    harness.run();
    harness.get_by_label("1.1.2 Confidentiality Policy").click();
    harness.run();
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    harness.run();
    let drafts = |app: &App| common::drafts_of(app, "confidentiality-policy");
    assert_eq!(
        number(harness.state(), "confidentiality-policy").as_deref(),
        Some("1.1.3")
    );
    assert_eq!(drafts(harness.state()), ["Moved from 1.1.2 to 1.1.3."]);
    // The editor announces it under the heading, and shows it as a draft
    // with Keep.
    harness.get_by_label("Keep or remove it…").click();
    harness.run();
    harness.get_by_label("Keep note");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(
        number(harness.state(), "confidentiality-policy").as_deref(),
        Some("1.1.2")
    );
    assert!(
        drafts(harness.state()).is_empty(),
        "one undo took both back"
    );
}

#[test]
fn renaming_in_an_open_update_drafts_a_note_with_the_old_title() {
    let mut harness = common::harness(None);
    harness.state_mut().push(Action::StartUpdate {
        label: "April 2025".into(),
        date: "2025-04".into(),
    });
    harness.run();
    harness.get_by_label("1.1.2 Confidentiality Policy").click();
    harness.run();
    // Typed in two bursts of keystrokes.
    common::select_all_and_type(&mut harness, Role::TextInput, "Title", "Confidential");
    harness
        .get_by_role_and_label(Role::TextInput, "Title")
        .type_text("ity and Information Sharing");
    harness.run();
    let entry = common::entry_of(harness.state(), "confidentiality-policy");
    assert_eq!(entry.title, "Confidentiality and Information Sharing");
    let drafts = common::drafts_of(harness.state(), "confidentiality-policy");
    assert_eq!(drafts, ["Renamed from “Confidentiality Policy”."]);
}

#[test]
fn a_chapter_deleted_in_an_open_update_is_listed_as_removed_and_published() {
    let mut harness = common::harness(None);
    harness.state_mut().push(Action::StartUpdate {
        label: "April 2025".into(),
        date: "2025-04".into(),
    });
    harness.run();
    harness.get_by_label("1.1.4 Supervision Policy").click();
    harness.run();
    harness.key_press(Key::Delete);
    harness.run();
    let manual = harness.state().document().unwrap().manual().clone();
    assert!(manual.find(&EntryId::new("supervision-policy")).is_none());
    let changes = manual.changes_in("April 2025");
    assert_eq!(changes.removed, ["1.1.4 Supervision Policy"]);
    let page = manual_editor::export::render_to_memory(
        &manual_editor::export::HtmlRenderer,
        &manual,
        &manual_editor::export::ExportOptions::dated("2025-04-30"),
    )
    .unwrap()
    .into_iter()
    .find(|f| f.path == "amendments.html")
    .map(|f| String::from_utf8(f.bytes).unwrap())
    .unwrap();
    assert!(page.contains("<caption>Removed chapters, April 2025</caption>"));
    assert!(page.contains("<td>1.1.4 Supervision Policy</td><td>This chapter was removed.</td>"));
    // One undo brings the chapter back and forgets the removal.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    let manual = harness.state().document().unwrap().manual();
    assert!(manual.find(&EntryId::new("supervision-policy")).is_some());
    assert!(manual.removed.is_empty());
}

/// After a drop, no tooltip naming a row hangs over the tree until the
/// pointer moves (it used to show the moved entry's title over the row
/// below it).
#[test]
fn no_tooltip_lingers_after_a_drop() {
    let mut harness = harness_with_1_1_and_4_8_open();
    let source = harness.get_by_label("4.8.1 Young Carers").rect().center();
    let target_rect = harness.get_by_label("1.1.6 Capacity and Consent").rect();
    let target = Pos2::new(target_rect.center().x, target_rect.bottom() + 1.0);
    drag(&mut harness, source, target);
    assert_eq!(
        number(harness.state(), "young-carers-2").as_deref(),
        Some("1.1.7")
    );
    // A second and more with the pointer still.
    for _ in 0..90 {
        harness.step();
    }
    let tooltips = harness.query_all_by_role(Role::Tooltip).count();
    assert_eq!(
        tooltips, 0,
        "no tooltip while the pointer rests after the drop"
    );
    // Once the pointer moves on, hovering shows titles again.
    harness.hover_at(target + egui::vec2(4.0, 30.0));
    for _ in 0..90 {
        harness.step();
    }
    assert!(harness.query_all_by_role(Role::Tooltip).count() > 0);
}
