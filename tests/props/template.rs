//! Property tests of pulling template updates: random template updates
//! (renamed chapters, rewritten paragraphs, new chapters with notes) and
//! random local changes (renamed chapters, rewritten paragraphs, local
//! chapters) on a 40-chapter template.
//!
//! - pulling into an unchanged local copy gives the new template, with the
//!   manual's own fields kept;
//! - pulling the same update twice changes nothing;
//! - pulling v1→v2 then v2→v3 equals v1→v3 when neither has conflicts
//!   (comparing content: which local update a note went into differs).

use manual_editor::model::template::{pull, start_local};
use manual_editor::model::{Amendment, Entry, EntryId, Manual, Update, synth};
use proptest::prelude::*;

const CHAPTERS: usize = 40;

#[derive(Debug, Clone)]
struct Op {
    chapter: usize,
    kind: u8,
    param: usize,
}

fn op() -> impl Strategy<Value = Op> {
    (0..CHAPTERS, 0u8..3, 0usize..1000).prop_map(|(chapter, kind, param)| Op {
        chapter,
        kind,
        param,
    })
}

fn v1() -> Manual {
    let mut m = synth::manual(CHAPTERS);
    m.title = "National Procedures".into();
    m.updates = vec![update("v1")];
    m
}

fn update(label: &str) -> Update {
    Update {
        label: label.into(),
        published: true,
        ..Default::default()
    }
}

/// One change by `who` ("t2", "t3": the template; "local"): a rename, a
/// rewritten paragraph (the template's take the first lines, the
/// council's the last, so they never touch the same line), or a chapter
/// added after this one.
fn apply(manual: &mut Manual, op: &Op, who: &str) {
    let id = EntryId::new(format!("chapter-{}", op.chapter));
    let Some(path) = manual.find(&id) else { return };
    let is_template = who != "local";
    match op.kind {
        0 => manual.entry_mut(&path).unwrap().title = format!("{who} title {}", op.param),
        1 => {
            let chapter = manual
                .entry_mut(&path)
                .unwrap()
                .chapter_details_mut()
                .unwrap();
            let mut lines: Vec<String> = chapter.body.lines().map(str::to_string).collect();
            if lines.len() < 2 {
                return;
            }
            let at = if is_template { 0 } else { lines.len() - 1 };
            lines[at] = format!("{who} line {}", op.param);
            chapter.body = lines.join("\n") + "\n";
            if is_template {
                chapter.amendments.push(Amendment {
                    date: String::new(),
                    text: format!("{who} revised {}", op.param),
                    update: who.into(),
                    draft: false,
                });
            }
        }
        _ => {
            let new_id = EntryId::new(format!("{who}-new-{}-{}", op.chapter, op.param));
            if manual.find(&new_id).is_some() {
                return;
            }
            let mut added = Entry::chapter(new_id, format!("{who} chapter {}", op.param));
            if is_template {
                added.chapter_details_mut().unwrap().added_in = Some(who.into());
            }
            let (parent, index) = path.split_at(path.len() - 1);
            manual
                .children_mut(parent)
                .unwrap()
                .insert(index[0] + 1, added);
        }
    }
}

/// A template version: `ops` on `from`, as the update `label`. Each
/// chapter is touched once per version (the first op on it wins).
fn version(from: &Manual, ops: &[Op], label: &str) -> Manual {
    let mut m = from.clone();
    m.updates.push(update(label));
    let mut touched = std::collections::HashSet::new();
    for op in ops {
        if touched.insert(op.chapter) {
            apply(&mut m, op, label);
        }
    }
    m
}

/// The entries with which update a note or a chapter belongs to left out.
fn content(manual: &Manual) -> Vec<Entry> {
    let mut entries = manual.entries.clone();
    fn strip(entries: &mut [Entry]) {
        for entry in entries {
            if let Some(chapter) = entry.chapter_details_mut() {
                chapter.added_in = None;
                for amendment in &mut chapter.amendments {
                    amendment.update.clear();
                }
            }
            if let Some(children) = entry.children_mut() {
                strip(children);
            }
        }
    }
    strip(&mut entries);
    entries
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn an_unchanged_copy_becomes_the_new_template(ops in prop::collection::vec(op(), 1..12)) {
        let base = v1();
        let new = version(&base, &ops, "t2");
        let local = start_local(&base, "national.ron", "Town", Some("Town Procedures"));
        let pulled = pull(&local, &base, &new, "national.ron").unwrap();
        prop_assert!(pulled.manual.conflicts.is_empty(), "{:?}", pulled.manual.conflicts);
        prop_assert_eq!(&pulled.manual.entries, &new.entries);
        prop_assert_eq!(pulled.manual.title.as_str(), "Town Procedures");
        prop_assert_eq!(pulled.manual.authority.as_str(), "Town");
    }

    #[test]
    fn the_same_update_twice_changes_nothing(
        ops in prop::collection::vec(op(), 1..12),
        local_ops in prop::collection::vec(op(), 0..8),
    ) {
        let base = v1();
        let new = version(&base, &ops, "t2");
        let mut local = start_local(&base, "national.ron", "Town", None);
        for op in &local_ops {
            apply(&mut local, op, "local");
        }
        let once = pull(&local, &base, &new, "national.ron").unwrap().manual;
        let twice = pull(&once, &new, &new, "national.ron").unwrap();
        prop_assert!(twice.report.is_nothing());
        prop_assert_eq!(twice.manual, once);
    }

    #[test]
    fn two_pulls_in_turn_equal_one_pull_across_both(
        ops2 in prop::collection::vec(op(), 1..10),
        ops3 in prop::collection::vec(op(), 1..10),
        local_ops in prop::collection::vec(op(), 0..8),
    ) {
        let t1 = v1();
        let t2 = version(&t1, &ops2, "t2");
        let t3 = version(&t2, &ops3, "t3");
        let mut local = start_local(&t1, "national.ron", "Town", None);
        for op in &local_ops {
            apply(&mut local, op, "local");
        }
        let step = pull(&local, &t1, &t2, "national.ron").unwrap().manual;
        let stepped = pull(&step, &t2, &t3, "national.ron").unwrap().manual;
        let direct = pull(&local, &t1, &t3, "national.ron").unwrap().manual;
        if step.conflicts.is_empty() && stepped.conflicts.is_empty() && direct.conflicts.is_empty() {
            prop_assert_eq!(content(&stepped), content(&direct));
        }
    }
}
