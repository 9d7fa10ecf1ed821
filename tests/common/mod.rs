//! Helpers shared by the window tests: start the real app headless, type
//! into a field by its accessible name, pick an entry in the tree.
#![allow(dead_code)] // each test file uses its own subset

pub mod http;

use std::fs;
use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use manual_editor::app::{App, StartOptions};
use manual_editor::model::{EntryId, Manual};
use manual_editor::store::format;

pub fn harness(file: Option<PathBuf>) -> Harness<'static, App> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(move |cc| {
            App::new(
                cc,
                StartOptions {
                    // Without a file, the Stockport sample (the window
                    // itself starts on its welcome page).
                    sample: file
                        .is_none()
                        .then_some(manual_editor::app::Sample::Stockport),
                    file: file.clone(),
                    ..StartOptions::default()
                },
            )
        });
    harness.run();
    harness
}

pub fn temp_sample(dir: &Path, name: &str) -> PathBuf {
    let target = dir.join(name);
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("sample_manuals")
            .join(name),
        &target,
    )
    .unwrap();
    target
}

pub fn select_all_and_type(harness: &mut Harness<'_, App>, role: Role, label: &str, text: &str) {
    harness.get_by_role_and_label(role, label).focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    harness.get_by_role_and_label(role, label).type_text(text);
    harness.run();
}

/// Filters the tree to `query` and clicks the row labelled `label`.
pub fn select_in_tree(harness: &mut Harness<'_, App>, query: &str, label: &str) {
    select_all_and_type(harness, Role::TextInput, "Filter contents", query);
    harness.get_by_label(label).click();
    harness.run();
}

pub fn title_of(app: &App, id: &str) -> String {
    let doc = app.document().unwrap();
    let path = doc.manual().find(&EntryId::new(id)).unwrap();
    doc.manual().entry(&path).unwrap().title.clone()
}

/// A bundled sample manual, loaded from `sample_manuals/`.
pub fn sample_manual(name: &str) -> Manual {
    format::load(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("sample_manuals")
            .join(name),
    )
    .unwrap()
}

/// Presses on `from` and moves the pointer to `to` over several frames, as a
/// person drags; the button stays down.
pub fn start_drag(harness: &mut Harness<'_, App>, from: egui::Pos2, to: egui::Pos2) {
    harness.hover_at(from);
    harness.run();
    harness.drag_at(from);
    harness.run();
    for step in 1..=8 {
        harness.hover_at(from + (to - from) * (step as f32 / 8.0));
        harness.run();
    }
}

/// A whole drag from `from`, released at `to`.
pub fn drag(harness: &mut Harness<'_, App>, from: egui::Pos2, to: egui::Pos2) {
    start_drag(harness, from, to);
    harness.drop_at(to);
    harness.run();
}

/// Gives keyboard focus to the `nth` widget labelled `label`, then presses
/// `key` with `modifiers`.
pub fn focus_and_press(
    harness: &mut Harness<'_, App>,
    label: &str,
    nth: usize,
    modifiers: Modifiers,
    key: Key,
) {
    harness
        .get_all_by_label(label)
        .nth(nth)
        .unwrap_or_else(|| panic!("no widget {nth} labelled {label}"))
        .focus();
    harness.run();
    harness.key_press_modifiers(modifiers, key);
    harness.run();
}

/// The entry with `id` as the open manual has it now.
pub fn entry_of(app: &App, id: &str) -> manual_editor::model::Entry {
    let manual = app.document().unwrap().manual();
    let path = manual.find(&EntryId::new(id)).unwrap();
    manual.entry(&path).unwrap().clone()
}

/// The drafted amendment notes of the chapter `id`.
pub fn drafts_of(app: &App, id: &str) -> Vec<String> {
    entry_of(app, id)
        .chapter_details()
        .unwrap()
        .amendments
        .iter()
        .filter(|a| a.draft)
        .map(|a| a.text.clone())
        .collect()
}

/// Opens the update `label` and gives each chapter of `ids` an amendment
/// in it: the chapters it changed, waiting for sign-off.
pub fn amend_in_open_update(manual: &mut Manual, label: &str, ids: &[&str]) {
    manual.updates.push(manual_editor::model::Update {
        label: label.into(),
        ..Default::default()
    });
    for id in ids {
        let path = manual.find(&EntryId::new(*id)).unwrap();
        let chapter = manual
            .entry_mut(&path)
            .unwrap()
            .chapter_details_mut()
            .unwrap();
        chapter.amendments.push(manual_editor::model::Amendment {
            date: "2026-12".into(),
            text: "Revised.".into(),
            update: label.into(),
            draft: false,
        });
    }
}

/// Runs the `manual-editor` binary in `dir` (relative paths, so what it
/// prints is the same on every machine).
pub fn run_in(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_manual-editor"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

/// Bytes a program printed, as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Shows the chapter tab whose name starts with `name` ("See also and
/// links", "Amendments", "Notes", "Text"): its count follows the name.
#[allow(dead_code)]
pub fn show_tab(harness: &mut Harness<'_, App>, name: &str) {
    harness
        .get_by(|node| {
            node.role() == egui::accesskit::Role::Button
                && node.label().is_some_and(|l| l.starts_with(name))
        })
        .click();
    harness.run();
}

/// Runs the window until the chapter pages' preview has been read.
pub fn wait_for_preview(harness: &mut egui_kittest::Harness<'_, manual_editor::app::App>) {
    for _ in 0..500 {
        // Steps, not run(): the reading thread asks for a repaint whenever
        // it finishes, which may fall in the middle of a run.
        harness.run_steps(2);
        let reading = matches!(
            harness.state().dialog(),
            Some(manual_editor::app::Dialog::ImportChapters(d)) if d.is_reading()
        );
        if !reading {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the preview was never read");
}

/// Pastes `text` into the one-line field labelled `label`.
pub fn paste_into(harness: &mut Harness<'_, App>, label: &str, text: &str) {
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .focus();
    harness.run();
    harness.event(egui::Event::Paste(text.to_string()));
    harness.run();
}

/// Opens File > Import chapter pages…, pastes `paths` (one a line) and
/// waits for the preview.
pub fn import_chapter_pages(harness: &mut Harness<'_, App>, paths: &str) {
    harness.state_mut().push(manual_editor::app::Action::Run(
        manual_editor::app::Command::ImportChapters,
    ));
    harness.run();
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Chapter page files, one a line")
        .focus();
    harness.run();
    harness.event(egui::Event::Paste(paths.to_string()));
    wait_for_preview(harness);
}
