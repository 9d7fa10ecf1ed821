//! CPU cost of the editor window on the generated 10,000-chapter manual with
//! every section expanded, measured by running the real app headless in
//! egui_kittest (no GPU). Targets: a frame <= 4 ms, selecting an entry within
//! one frame, filtering <= 10 ms a keystroke.
//! Run with `cargo bench --bench ui`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests, benchmarks and examples may unwrap

#[path = "common/allocator.rs"]
mod allocator;

use std::collections::HashSet;
use std::hint::black_box;

use egui_kittest::Harness;

#[path = "../tests/common/mod.rs"]
mod common;
use manual_editor::app::{Action, App};
use manual_editor::document::{Outline, filter};
use manual_editor::model::synth;
use manual_editor::store::format;

const CHAPTERS: usize = 10_000;

fn main() {
    divan::main();
}

fn harness_on_synthetic(dir: &tempfile::TempDir) -> Harness<'static, App> {
    let path = dir.path().join("synthetic.ron");
    format::save(&synth::manual(CHAPTERS), &path).unwrap();
    common::harness(Some(path))
}

/// One whole frame of the idle window (tree, editor, menus, status bar).
#[divan::bench(sample_count = 50)]
fn frame_10k_all_expanded(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness_on_synthetic(&dir);
    assert_eq!(
        harness.state().visible_labels().len(),
        CHAPTERS + 7 + CHAPTERS.div_ceil(12)
    );
    bencher.bench_local(|| harness.step());
}

/// Selecting another entry and drawing the frame that shows it.
#[divan::bench(sample_count = 50)]
fn select_entry_frame_10k(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness_on_synthetic(&dir);
    let ids: Vec<_> = harness
        .state()
        .document()
        .unwrap()
        .outline()
        .rows
        .iter()
        .map(|r| r.id.clone())
        .collect();
    let mut next = 0usize;
    bencher.bench_local(|| {
        next = (next + 997) % ids.len();
        harness.state_mut().push(Action::Select(ids[next].clone()));
        harness.step();
        harness.step();
    });
}

/// The tree filter for each keystroke of "young carers" (the text filter,
/// then the fuzzy fallback).
#[divan::bench(args = ["c", "ca", "car", "care", "carer", "carers", "xyzq", "4.8"], sample_count = 50)]
fn filter_keystroke_10k(bencher: divan::Bencher, query: &str) {
    let outline = Outline::build(&synth::manual(CHAPTERS));
    let collapsed = HashSet::new();
    bencher.bench(|| black_box(filter::visible_rows(&outline, black_box(query), &collapsed)));
}

/// Rebuilding the outline (numbers, warnings, backlinks) after an edit.
#[divan::bench(sample_count = 30)]
fn outline_rebuild_10k(bencher: divan::Bencher) {
    let manual = synth::manual(CHAPTERS);
    bencher.bench(|| Outline::build(black_box(&manual)));
}

/// The see-also picker's ranking for each keystroke of a title.
#[divan::bench(args = ["s", "sa", "saf", "safe", "safeguarding", "safeguarding pro", "4.8.1"], sample_count = 50)]
fn picker_keystroke_10k(bencher: divan::Bencher, query: &str) {
    let outline = Outline::build(&synth::manual(CHAPTERS));
    let excluded = HashSet::new();
    bencher.bench(|| {
        black_box(manual_editor::document::picker::rank(
            &outline,
            black_box(query),
            &excluded,
        ))
    });
}

/// "Linked from" for an entry: a lookup in the index kept per change.
#[divan::bench(sample_count = 100)]
fn backlinks_of_an_entry_10k(bencher: divan::Bencher) {
    let outline = Outline::build(&synth::manual(CHAPTERS));
    let id = outline.rows[outline.rows.len() / 2].id.clone();
    bencher.bench(|| black_box(outline.backlinks.of(black_box(&id)).len()));
}

/// A move of one chapter to another part, then deriving the number of every
/// entry of the manual (numbers are not stored, so this is the renumbering);
/// the move's undo restores the state for the next sample.
#[divan::bench(sample_count = 100)]
fn move_and_renumber_10k(bencher: divan::Bencher) {
    use manual_editor::edit::{Edit, Placement};
    use manual_editor::model::EntryId;
    let mut manual = synth::manual(CHAPTERS);
    bencher.bench_local(|| {
        let edit = Edit::Place {
            id: EntryId::new("chapter-9000"),
            at: Placement::After(EntryId::new("chapter-5")),
        };
        let inverse = edit.apply(&mut manual).unwrap();
        let mut numbered = 0usize;
        manual.walk(|_, _, number| numbered += number.map_or(0, |n| n.depth()));
        inverse.apply(&mut manual).unwrap();
        black_box(numbered)
    });
}

/// The same move as the window does it: the edit through the undo history,
/// then the outline (rows, numbers, warnings, backlinks) rebuilt.
#[divan::bench(sample_count = 30)]
fn move_in_the_window_10k(bencher: divan::Bencher) {
    use manual_editor::document::Document;
    use manual_editor::edit::{Edit, Placement};
    use manual_editor::model::EntryId;
    let mut doc = Document::new(synth::manual(CHAPTERS), None);
    let mut after = "chapter-5";
    bencher.bench_local(|| {
        after = if after == "chapter-5" {
            "chapter-7"
        } else {
            "chapter-5"
        };
        let edit = Edit::Place {
            id: EntryId::new("chapter-9000"),
            at: Placement::After(EntryId::new(after)),
        };
        doc.apply(vec![edit], None, 0.0).unwrap();
    });
}

/// One frame while a chapter is dragged over the tree (drop feedback,
/// predicted number, insertion line).
#[divan::bench(sample_count = 50)]
fn frame_during_drag_10k(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness_on_synthetic(&dir);
    use egui_kittest::kittest::Queryable;
    let (from, to) = {
        let rows: Vec<egui::Rect> = harness
            .get_all_by_role(egui::accesskit::Role::Button)
            .map(|n| n.rect())
            .filter(|r| r.left() > 30.0 && r.top() > 150.0 && r.bottom() < 700.0)
            .collect();
        (rows[0].center(), rows[rows.len() - 1].center())
    };
    harness.hover_at(from);
    harness.step();
    harness.drag_at(from);
    harness.step();
    let mut t = 0.0f32;
    bencher.bench_local(|| {
        t = (t + 0.1) % 1.0;
        harness.hover_at(from + (to - from) * t);
        harness.step();
    });
}

/// One keystroke in a chapter's title: the edit, its undo step and the
/// outline's update (in place, for an edit of the entry's own fields).
#[divan::bench(sample_count = 100)]
fn typing_in_a_title_10k(bencher: divan::Bencher) {
    use manual_editor::document::Document;
    use manual_editor::edit::Edit;
    use manual_editor::model::EntryId;
    let mut doc = Document::new(synth::manual(CHAPTERS), None);
    let id = EntryId::new("chapter-5000");
    let mut now = 0.0;
    bencher.bench_local(|| {
        let path = doc.outline().row(&id).unwrap().path.clone();
        let mut head = doc.manual().entry(&path).unwrap().clone_head();
        head.title.push('x');
        now += 0.1;
        doc.apply(
            vec![Edit::UpdateEntry {
                entry: Box::new(head),
            }],
            Some((id.clone(), "title")),
            now,
        )
        .unwrap();
    });
}

/// Stockport in a temporary folder with `packs` packs of 20 chapters
/// beside it.
fn folder_with_packs(dir: &tempfile::TempDir, packs: usize) -> std::path::PathBuf {
    use manual_editor::model::Pack;
    let manual_path = common::temp_sample(dir.path(), "stockport.ron");
    let manual = format::load(&manual_path).unwrap();
    let chapters: Vec<_> = Outline::build(&manual)
        .rows
        .iter()
        .filter(|r| !r.is_section)
        .map(|r| r.id.clone())
        .collect();
    for n in 0..packs {
        let mut pack = Pack::new(format!("Pack {n}"), "stockport.ron", &manual.title);
        for id in chapters.iter().cycle().skip(n).take(20) {
            pack.add(&manual, id);
        }
        let path = dir.path().join(format!("pack-{n}.pack.ron"));
        manual_editor::store::pack::save(&pack, &path).unwrap();
    }
    manual_path
}

/// Showing the Packs panel on a manual with 50 packs beside it: the frame
/// that runs the command, then the one that reads the 50 files and draws
/// the list. Target: within one frame (16.7 ms).
#[divan::bench(sample_count = 20)]
fn packs_panel_opens_with_50_packs(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let manual_path = folder_with_packs(&dir, 50);
    bencher
        .with_inputs(|| common::harness(Some(manual_path.clone())))
        .bench_local_values(|mut harness| {
            harness
                .state_mut()
                .push(Action::Run(manual_editor::app::Command::ShowPacks));
            harness.step();
            harness.step();
            assert_eq!(harness.state().packs().unwrap().listed().len(), 50);
            harness
        });
}

/// A frame of the window with a pack of all 171 Stockport chapters open.
#[divan::bench(sample_count = 50)]
fn frame_with_all_171_stockport_chapters_in_a_pack(bencher: divan::Bencher) {
    use manual_editor::app::PackAction;
    let dir = tempfile::tempdir().unwrap();
    let manual_path = folder_with_packs(&dir, 0);
    let mut harness = common::harness(Some(manual_path));
    harness
        .state_mut()
        .push(Action::Run(manual_editor::app::Command::ShowPacks));
    harness.run();
    harness.state_mut().push(Action::Pack(PackAction::New {
        title: "Big".into(),
        audience: String::new(),
    }));
    harness.run();
    // Every part: all 171 chapters.
    let ids: Vec<_> = harness
        .state()
        .document()
        .unwrap()
        .outline()
        .rows
        .iter()
        .filter(|r| r.depth == 0)
        .map(|r| r.id.clone())
        .collect();
    harness.state_mut().push(Action::Pack(PackAction::Edit(
        manual_editor::document::packs::PackEdit::Insert { at: 0, ids },
    )));
    harness.run();
    let items = harness
        .state()
        .packs()
        .unwrap()
        .open_pack()
        .unwrap()
        .1
        .items
        .len();
    assert!(items >= 150, "{items}");
    bencher.bench_local(|| harness.step());
}

/// A chapter body of about 2,000 words of Markdown: headings, bold,
/// italics, lists and entry links in every paragraph.
fn long_body() -> String {
    let mut body = String::new();
    for section in 1..=40 {
        body.push_str(&format!("## {section}. Assessing **young** carers\n\n"));
        body.push_str(
            "The local authority must assess whether a *young carer* has support needs \
             and what those needs are, see [the supervision policy](entry:supervision-policy) \
             and [guidance](https://www.gov.uk/guidance). The assessment considers the \
             carer's education, training, recreation and work, and whether the care is \
             appropriate.\n\n- on the appearance of need;\n- on request, including:\n  - from \
             the young carer;\n  - from a parent.\n\n",
        );
    }
    body
}

/// One keystroke in a 2,000-word body shown as the page (styled, link
/// targets folded to chips): the whole frame, with the edit's undo step
/// (target <= 4 ms).
#[divan::bench(sample_count = 50)]
fn keystroke_in_a_styled_2000_word_body(bencher: divan::Bencher) {
    use egui_kittest::kittest::Queryable;
    use manual_editor::model::EntryId;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stockport.ron");
    let mut manual = manual_editor::store::format::load(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_manuals/stockport.ron"),
    )
    .unwrap();
    let body = long_body();
    assert!(body.split_whitespace().count() >= 2000);
    let at = manual.find(&EntryId::new("young-carers-2")).unwrap();
    manual
        .entry_mut(&at)
        .unwrap()
        .chapter_details_mut()
        .unwrap()
        .body = body;
    format::save(&manual, &path).unwrap();
    let mut harness = common::harness(Some(path));
    harness
        .state_mut()
        .push(Action::Select(EntryId::new("young-carers-2")));
    harness.run();
    harness
        .get_by_role_and_label(egui::accesskit::Role::MultilineTextInput, "Body text")
        .focus();
    harness.run();
    let typed = |harness: &Harness<'static, App>| {
        let doc = harness.state().document().unwrap();
        let entry = doc.entry(&EntryId::new("young-carers-2")).unwrap();
        entry.chapter_details().unwrap().body.len()
    };
    let before = typed(&harness);
    bencher.bench_local(|| {
        harness.event(egui::Event::Text("x".into()));
        harness.step();
    });
    assert!(typed(&harness) > before, "the keystrokes reached the body");
}
