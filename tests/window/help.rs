//! First-run help and moving around without a pointer: Getting started,
//! F6 / Shift+F6 between the panes, and what the status bar says.

use crate::common;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use manual_editor::app::{Action, Command, Dialog, Pending};

#[test]
fn getting_started_is_in_the_help_menu_and_on_the_welcome_screen() {
    let mut harness = common::harness(None);
    harness.state_mut().push(Action::Proceed(Pending::Close));
    harness.run();
    assert!(harness.state().document().is_none());
    harness.get_by_label("Getting started").click();
    harness.run();
    assert!(matches!(
        harness.state().dialog(),
        Some(Dialog::GettingStarted)
    ));
    assert!(harness.query_by_label("Restructure by dragging").is_some());
    harness
        .get_by_label("Try it on the Stockport sample")
        .click_accesskit();
    harness.run();
    assert!(harness.state().dialog().is_none());
    assert_eq!(
        harness.state().document().unwrap().outline().chapter_count,
        171
    );
    // Also from the Help menu.
    harness.get_by_label("Help").click();
    harness.run();
    harness.get_by_label("Getting started").click();
    harness.run();
    assert!(matches!(
        harness.state().dialog(),
        Some(Dialog::GettingStarted)
    ));
}

fn press(harness: &mut egui_kittest::Harness<'_, manual_editor::app::App>, modifiers: Modifiers) {
    harness.key_press_modifiers(modifiers, Key::F6);
    harness.run();
}

#[test]
fn f6_moves_focus_between_the_contents_the_editor_and_open_panels() {
    let mut harness = common::harness(None);
    let row = |h: &egui_kittest::Harness<'_, manual_editor::app::App>| {
        h.get_by_label("1. All Children").is_focused()
    };
    let title = |h: &egui_kittest::Harness<'_, manual_editor::app::App>| {
        h.get_by_role_and_label(Role::TextInput, "Title")
            .is_focused()
    };
    press(&mut harness, Modifiers::NONE);
    assert!(row(&harness), "first the contents, at the selected entry");
    press(&mut harness, Modifiers::NONE);
    assert!(title(&harness), "then the editor's first field");
    press(&mut harness, Modifiers::NONE);
    assert!(row(&harness), "and round again");
    press(&mut harness, Modifiers::SHIFT);
    assert!(title(&harness), "Shift+F6 goes back");

    // An open panel joins the round: find and replace, after the editor.
    harness.state_mut().push(Action::Run(Command::FindReplace));
    harness.run();
    let find = |h: &egui_kittest::Harness<'_, manual_editor::app::App>| {
        h.get_by_role_and_label(Role::TextInput, "Find")
            .is_focused()
    };
    assert!(find(&harness));
    press(&mut harness, Modifiers::NONE);
    assert!(row(&harness), "from the last pane back to the contents");
    press(&mut harness, Modifiers::NONE);
    assert!(title(&harness));
    press(&mut harness, Modifiers::NONE);
    assert!(find(&harness), "contents, editor, then the find panel");
    press(&mut harness, Modifiers::SHIFT);
    assert!(title(&harness));
}

#[test]
fn the_status_bar_says_only_what_is_true_and_counts_agree() {
    let mut harness = common::harness(None);
    // A bundled sample was never saved: neither "Saved" nor unsaved.
    assert!(harness.query_by_label("Saved").is_none());
    assert!(harness.query_by_label("171 chapters").is_some());
    harness.state_mut().push(Action::Run(Command::New));
    harness.run();
    assert_eq!(harness.state().status(), "New manual: Save As… to keep it");
    assert!(harness.query_by_label("1 chapter").is_some());
    assert!(harness.query_by_label("Saved").is_none());
    harness.get_by_label("1. Part 1").click();
    harness.run();
    assert!(
        harness
            .query_by_label("This section holds 1 entry.")
            .is_some()
    );
}

fn key(harness: &mut egui_kittest::Harness<'_, manual_editor::app::App>, key: Key) {
    harness.key_press(key);
    harness.run();
}

fn selected(harness: &egui_kittest::Harness<'_, manual_editor::app::App>) -> String {
    harness
        .state()
        .selection()
        .current()
        .map(|id| id.to_string())
        .unwrap_or_default()
}

#[test]
fn right_and_left_unfold_and_fold_the_contents_as_a_tree_view_does() {
    let mut harness = common::harness(None);
    harness.state_mut().push(Action::Run(Command::CollapseAll));
    harness.run();
    // F6 puts the keyboard on the contents, at the first part.
    press(&mut harness, Modifiers::NONE);
    assert!(harness.get_by_label("1. All Children").is_focused());
    assert!(
        harness
            .query_by_label("1.1 Policy Values and Principles")
            .is_none()
    );
    key(&mut harness, Key::ArrowRight);
    assert!(
        harness
            .query_by_label("1.1 Policy Values and Principles")
            .is_some(),
        "Right unfolds the part"
    );
    assert_eq!(selected(&harness), "all-children", "and stays on it");
    key(&mut harness, Key::ArrowRight);
    assert_eq!(
        selected(&harness),
        "policy-values-and-principles",
        "then goes in"
    );
    assert!(
        harness
            .get_by_label("1.1 Policy Values and Principles")
            .is_focused(),
        "the keyboard focus follows"
    );
    key(&mut harness, Key::ArrowRight);
    assert!(
        harness.state().visible_labels().len() > 8,
        "1.1 unfolded too"
    );
    let unfolded = harness.state().visible_labels().len();
    key(&mut harness, Key::ArrowLeft);
    assert_eq!(
        selected(&harness),
        "policy-values-and-principles",
        "Left folds 1.1 first"
    );
    assert!(harness.state().visible_labels().len() < unfolded);
    key(&mut harness, Key::ArrowLeft);
    assert_eq!(selected(&harness), "all-children", "then goes to its part");
    key(&mut harness, Key::ArrowLeft);
    assert!(
        harness
            .query_by_label("1.1 Policy Values and Principles")
            .is_none()
    );
}

#[test]
fn tab_leaves_the_contents_and_f10_goes_to_the_menu_bar() {
    let mut harness = common::harness(None);
    press(&mut harness, Modifiers::NONE);
    assert!(harness.get_by_label("1. All Children").is_focused());
    let tree_right = harness.get_by_label("1. All Children").rect().right();
    key(&mut harness, Key::Tab);
    // Whatever has the focus now is right of the contents, not in them.
    let focused = harness
        .query_all(egui_kittest::kittest::by().predicate(|node| node.is_focused()))
        .map(|node| node.rect())
        .collect::<Vec<_>>();
    assert_eq!(focused.len(), 1, "{focused:?}");
    assert!(
        focused[0].left() > tree_right,
        "Tab stopped in the contents: {focused:?}"
    );
    key(&mut harness, Key::F10);
    assert!(
        harness.get_by_label("File").is_focused(),
        "F10 focuses the menu bar"
    );
}

#[test]
fn alt_pressed_and_released_alone_goes_to_the_menu_bar_but_not_alt_with_a_key() {
    let mut harness = common::harness(None);
    let file_focused = |h: &egui_kittest::Harness<'_, manual_editor::app::App>| {
        h.get_by_label("File").is_focused()
    };
    let modifiers = |h: &mut egui_kittest::Harness<'_, manual_editor::app::App>, m| {
        h.event(egui::Event::ModifiersChanged(m));
        h.step();
    };
    // Alt with a key (Alt+Down moves an entry): no menu.
    modifiers(&mut harness, Modifiers::ALT);
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    harness.step();
    modifiers(&mut harness, Modifiers::NONE);
    harness.run();
    assert!(!file_focused(&harness), "Alt+Down is not Alt alone");
    // Alt alone.
    modifiers(&mut harness, Modifiers::ALT);
    harness.step();
    modifiers(&mut harness, Modifiers::NONE);
    harness.run();
    assert!(file_focused(&harness), "releasing Alt alone focuses File");
}

#[test]
fn without_a_file_the_window_opens_on_its_welcome_page() {
    let mut harness = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(|cc| manual_editor::app::App::new(cc, Default::default()));
    harness.run();
    assert!(harness.state().document().is_none());
    assert!(harness.query_by_label("Welcome to manual-editor").is_some());
    for offered in ["Open…", "New", "New from contents list…", "Recent manuals"] {
        assert!(harness.query_by_label(offered).is_some(), "{offered}");
    }
    harness.get_by_label("Open the Wigan sample").click();
    harness.run();
    let doc = harness.state().document().unwrap();
    assert!(doc.path().is_none(), "a sample has no file to overwrite");
    assert!(doc.manual().title.contains("Wigan"));
}
