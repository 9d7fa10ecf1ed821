//! Property test of restructuring: random sequences of moves, drops,
//! inserts, deletes, duplicates and undos on the samples and on a generated
//! manual keep the invariants, and undoing everything gives back the start.

use crate::common;
use std::collections::HashSet;

use manual_editor::edit::history::History;
use manual_editor::edit::structure::{self, Direction, DropZone, NewEntry, NewPlace};
use manual_editor::model::{EntryId, Manual};
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Op {
    Move(usize, u8),
    Drop(Vec<usize>, usize, u8),
    Add(usize, bool, bool),
    Delete(usize),
    Duplicate(usize),
    ToggleNumbered(usize),
    Undo,
    Redo,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (any::<usize>(), 0u8..4).prop_map(|(i, d)| Op::Move(i, d)),
        (
            proptest::collection::vec(any::<usize>(), 1..4),
            any::<usize>(),
            0u8..3
        )
            .prop_map(|(s, t, z)| Op::Drop(s, t, z)),
        (any::<usize>(), any::<bool>(), any::<bool>())
            .prop_map(|(i, c, inside)| Op::Add(i, c, inside)),
        any::<usize>().prop_map(Op::Delete),
        any::<usize>().prop_map(Op::Duplicate),
        any::<usize>().prop_map(Op::ToggleNumbered),
        Just(Op::Undo),
        Just(Op::Redo),
    ]
}

fn ids(manual: &Manual) -> Vec<EntryId> {
    let mut ids = Vec::new();
    manual.walk(|_, entry, _| ids.push(entry.id.clone()));
    ids
}

fn check_invariants(manual: &Manual) -> Result<(), TestCaseError> {
    let all = ids(manual);
    let unique: HashSet<&EntryId> = all.iter().collect();
    prop_assert_eq!(unique.len(), all.len(), "ids are unique");
    // Every internal link resolves: deletes remove the links to what they delete.
    manual.walk(|_, entry, _| {
        for target in entry.see_also.iter().filter_map(|s| s.target()) {
            assert!(
                unique.contains(target),
                "{} links to missing {target}",
                entry.id
            );
        }
    });
    // Numbering is contiguous among numbered siblings.
    let mut rows = manual.outline();
    rows.retain(|r| r.number.is_some());
    for row in &rows {
        let number = row.number.as_ref().map(|n| n.0.clone()).unwrap_or_default();
        let siblings = manual.siblings(&row.path).unwrap();
        let index = row.path[row.path.len() - 1];
        let numbered_before = siblings[..index].iter().filter(|e| e.numbered).count() as u32;
        prop_assert_eq!(*number.last().unwrap(), numbered_before + 1);
    }
    Ok(())
}

fn run(start: Manual, ops: Vec<Op>) -> Result<(), TestCaseError> {
    let mut manual = start.clone();
    let mut history = History::new_saved();
    for op in ops {
        let all = ids(&manual);
        if all.is_empty() {
            break;
        }
        let pick = |i: usize| all[i % all.len()].clone();
        let edits = match op {
            Op::Move(i, d) => {
                let direction = [
                    Direction::Up,
                    Direction::Down,
                    Direction::Out,
                    Direction::In,
                ][d as usize];
                structure::move_edits(&manual, &[pick(i)], direction)
            }
            Op::Drop(selection, target, zone) => {
                let selection: Vec<EntryId> = selection.into_iter().map(pick).collect();
                let zone = [DropZone::Before, DropZone::After, DropZone::Inside][zone as usize];
                structure::drop_edits(&manual, &selection, &pick(target), zone).ok()
            }
            Op::Add(i, chapter, inside) => {
                let kind = if chapter {
                    NewEntry::Chapter
                } else {
                    NewEntry::Section
                };
                let place = if inside {
                    NewPlace::Inside
                } else {
                    NewPlace::After
                };
                structure::add_edit(&manual, &pick(i), kind, place).map(|(edit, _)| vec![edit])
            }
            Op::Delete(i) => Some(structure::delete_edits(&manual, &[pick(i)])),
            Op::Duplicate(i) => Some(structure::duplicate_edits(&manual, &[pick(i)])),
            Op::ToggleNumbered(i) => Some(structure::toggle_numbered_edits(&manual, &[pick(i)])),
            Op::Undo => {
                history.undo(&mut manual).unwrap();
                None
            }
            Op::Redo => {
                history.redo(&mut manual).unwrap();
                None
            }
        };
        if let Some(edits) = edits {
            history
                .apply(&mut manual, edits, None, 0.0)
                .map_err(|e| TestCaseError::fail(format!("a valid request failed: {e}")))?;
        }
        check_invariants(&manual)?;
    }
    while history.undo(&mut manual).unwrap().is_some() {}
    prop_assert!(manual == start, "undoing everything gives back the start");
    Ok(())
}

use crate::common::sample_manual as sample;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn restructuring_stockport_keeps_the_invariants(ops in proptest::collection::vec(op(), 1..25)) {
        run(sample("stockport.ron"), ops)?;
    }

    #[test]
    fn restructuring_wandsworth_keeps_the_invariants(ops in proptest::collection::vec(op(), 1..25)) {
        run(sample("wandsworth.ron"), ops)?;
    }

    #[test]
    fn restructuring_a_generated_manual_keeps_the_invariants(ops in proptest::collection::vec(op(), 1..25)) {
        run(manual_editor::model::synth::manual(120), ops)?;
    }
}

/// A sample with links in its chapters' bodies: to other chapters by id,
/// to web pages, and a bare address, so that ids and URLs share words with
/// the text around them.
fn linked_sample(name: &str) -> Manual {
    let mut manual = common::sample_manual(name);
    let mut chapters: Vec<(EntryId, String)> = Vec::new();
    manual.walk(|_, entry, _| {
        if !entry.is_section() {
            chapters.push((entry.id.clone(), entry.title.clone()));
        }
    });
    for (n, (id, title)) in chapters.iter().enumerate().take(60) {
        let (other, other_title) = &chapters[(n * 7 + 3) % chapters.len()];
        let body = format!(
            "This chapter, {title}, links [the {other_title} chapter](entry:{other}) and \
             [guidance on {other}](https://www.gov.uk/guidance/{other}), and \
             <https://procedures.example.org/{id}>.\n\n[](entry:{other}) says more.\n"
        );
        let path = manual.find(id).unwrap();
        manual
            .entry_mut(&path)
            .unwrap()
            .chapter_details_mut()
            .unwrap()
            .body = body;
    }
    manual
}

fn serious_warnings(manual: &Manual) -> usize {
    manual.validate().iter().filter(|w| w.is_serious()).count()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Replacing any word of a manual (ids and addresses hold words too) by
    /// any other leaves `check` with no new errors: Replace all sees only
    /// what a reader sees.
    #[test]
    fn replacing_any_word_by_any_other_adds_no_error(
        sample in 0usize..3,
        pick in any::<usize>(),
        replacement in "[A-Za-z]{1,12}",
        match_case in any::<bool>(),
        whole_word in any::<bool>(),
    ) {
        let name = ["stockport.ron", "wandsworth.ron", "wigan.ron"][sample];
        let manual = linked_sample(name);
        let mut words: Vec<String> = Vec::new();
        manual.walk(|_, entry, _| {
            for (_, text) in manual_editor::edit::find::fields(entry) {
                words.extend(
                    text.split(|c: char| !c.is_alphanumeric())
                        .filter(|w| w.len() > 2)
                        .map(str::to_string),
                );
            }
        });
        let word = &words[pick % words.len()];
        let before = serious_warnings(&manual);
        let options = manual_editor::edit::find::FindOptions { match_case, whole_word };
        let all = manual_editor::edit::find::replace_all_edits(&manual, word, &replacement, options);
        let mut changed = manual.clone();
        for edit in all.edits {
            edit.apply(&mut changed).unwrap();
        }
        prop_assert!(
            serious_warnings(&changed) <= before,
            "replacing {word:?} by {replacement:?} added errors: {:?}",
            changed.validate().iter().filter(|w| w.is_serious()).map(ToString::to_string).collect::<Vec<_>>()
        );
    }
}
