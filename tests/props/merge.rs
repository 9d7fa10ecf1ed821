//! Property test of the structural merge: for random edits on two sides
//! that touch different entries or fields, merging both into the common
//! ancestor gives what applying one after the other gives, with no
//! conflicts, whichever side is "ours".

use std::collections::HashMap;

use manual_editor::edit::Edit;
use manual_editor::model::merge::merge;
use manual_editor::model::{EntryId, Manual, SeeAlso};
use proptest::prelude::*;

const CHAPTERS: usize = 60;

#[derive(Debug, Clone)]
struct Op {
    chapter: usize,
    /// Side A (true) or B.
    a: bool,
    kind: u8,
    param: usize,
}

fn op() -> impl Strategy<Value = Op> {
    (0..CHAPTERS, any::<bool>(), 0u8..5, 0usize..1000).prop_map(|(chapter, a, kind, param)| Op {
        chapter,
        a,
        kind,
        param,
    })
}

/// Each entry as "depth id title", depth first: a readable difference.
fn shape(manual: &Manual) -> Vec<String> {
    manual
        .outline()
        .iter()
        .map(|row| {
            let entry = manual.entry(&row.path).unwrap();
            format!("{} {} {}", row.depth(), entry.id.as_str(), entry.title)
        })
        .collect()
}

fn sections(manual: &Manual) -> Vec<EntryId> {
    let mut out = Vec::new();
    for part in &manual.entries {
        out.extend(part.children().iter().map(|s| s.id.clone()));
    }
    out
}

/// Applies one op to `manual`. Deletions are B's.
fn apply(manual: &mut Manual, op: &Op, targets: &[EntryId]) {
    let id = EntryId::new(format!("chapter-{}", op.chapter));
    let Some(path) = manual.find(&id) else { return };
    let side = if op.a { "A" } else { "B" };
    match op.kind {
        0 => manual.entry_mut(&path).unwrap().title = format!("{side} title {}", op.param),
        1 => {
            let chapter = manual
                .entry_mut(&path)
                .unwrap()
                .chapter_details_mut()
                .unwrap();
            chapter.body = format!("{side} body {}", op.param);
        }
        2 => manual
            .entry_mut(&path)
            .unwrap()
            .see_also
            .push(SeeAlso::external(
                format!("{side} document {}", op.param),
                None,
                None,
            )),
        3 => {
            let target = &targets[op.param % targets.len()];
            let section = manual.entry(&manual.find(target).unwrap()).unwrap();
            // A moves to the end of a section, B to the start.
            let len = section.children().iter().filter(|c| c.id != id).count();
            Edit::Move {
                id,
                parent: Some(target.clone()),
                index: if op.a { len } else { 0 },
            }
            .apply(manual)
            .unwrap();
        }
        _ => {
            Edit::Remove { id }.apply(manual).unwrap();
        }
    }
}

/// The ops each side may make without touching what the other touched:
/// one side per (chapter, kind); a deleted chapter is the deleting side's
/// alone; deletions are B's.
fn disjoint(ops: Vec<Op>) -> Vec<Op> {
    let mut owner: HashMap<(usize, u8), bool> = HashMap::new();
    let mut whole: HashMap<usize, bool> = HashMap::new();
    let mut kept = Vec::new();
    for mut op in ops {
        if op.kind == 4 && op.a {
            op.kind = 0;
        }
        if whole
            .get(&op.chapter)
            .is_some_and(|&side| side != op.a || op.kind == 4)
        {
            continue;
        }
        if op.kind == 4 {
            if owner.keys().any(|(c, _)| *c == op.chapter) {
                continue;
            }
            whole.insert(op.chapter, op.a);
        }
        if *owner.entry((op.chapter, op.kind)).or_insert(op.a) != op.a {
            continue;
        }
        kept.push(op);
    }
    kept
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]
    #[test]
    fn edits_to_different_entries_or_fields_merge_to_both(ops in proptest::collection::vec(op(), 1..24)) {
        let base = manual_editor::model::synth::manual(CHAPTERS);
        let targets = sections(&base);
        let ops = disjoint(ops);
        let (a_ops, b_ops): (Vec<Op>, Vec<Op>) = ops.into_iter().partition(|op| op.a);
        let mut a = base.clone();
        a_ops.iter().for_each(|op| apply(&mut a, op, &targets));
        let mut b = base.clone();
        b_ops.iter().for_each(|op| apply(&mut b, op, &targets));
        let mut both = a.clone();
        b_ops.iter().for_each(|op| apply(&mut both, op, &targets));

        let merged = merge(&base, &a, &b).unwrap();
        prop_assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        prop_assert_eq!(shape(&merged), shape(&both));
        prop_assert!(merged == both);
        let flipped = merge(&base, &b, &a).unwrap();
        prop_assert!(flipped.conflicts.is_empty(), "{:?}", flipped.conflicts);
        prop_assert_eq!(shape(&flipped), shape(&both));
        prop_assert!(flipped == both);
    }
}
