//! Property tests of the file format: any manual survives a save and load,
//! and the canonical text is a fixed point.

use std::path::Path;

use manual_editor::model::{
    Amendment, Badge, Chapter, Entry, EntryId, EntryKind, MAX_DEPTH, Manual, Section, SeeAlso,
};
use manual_editor::store::format::{from_str, to_canonical_string};
use proptest::prelude::*;
use proptest::strategy::ValueTree;

/// Text with the characters that trouble serialisers: quotes, backslashes,
/// hashes, new lines, non-ASCII.
fn awkward_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("\"".to_string()),
            Just("\\".to_string()),
            Just("\"#".to_string()),
            Just("\n".to_string()),
            Just("’".to_string()),
            Just("<script>".to_string()),
            "[a-zA-Z0-9 ,.()]{0,12}",
        ],
        0..6,
    )
    .prop_map(|parts| parts.concat())
}

fn see_also() -> impl Strategy<Value = SeeAlso> {
    prop_oneof![
        "[a-z-]{1,12}".prop_map(|id| SeeAlso::internal(EntryId(id))),
        (
            awkward_text(),
            proptest::option::of(awkward_text()),
            proptest::option::of(awkward_text())
        )
            .prop_map(|(title, url, source)| SeeAlso::External { title, url, source }),
    ]
}

fn chapter() -> impl Strategy<Value = EntryKind> {
    (
        prop_oneof![Just(Badge::None), Just(Badge::New), Just(Badge::Updated)],
        proptest::option::of(awkward_text()),
        awkward_text(),
        proptest::collection::vec((awkward_text(), awkward_text()), 0..2),
    )
        .prop_map(|(badge, source, body, amendments)| {
            EntryKind::Chapter(Chapter {
                badge,
                source,
                body,
                amendments: amendments
                    .into_iter()
                    .map(|(date, text)| Amendment { date, text })
                    .collect(),
                ..Chapter::default()
            })
        })
}

fn leaf() -> impl Strategy<Value = Entry> {
    (
        "[a-z-]{1,10}",
        awkward_text(),
        any::<bool>(),
        proptest::collection::vec(see_also(), 0..3),
        chapter(),
    )
        .prop_map(|(id, title, numbered, see_also, kind)| Entry {
            id: EntryId(id),
            title,
            numbered,
            see_also,
            notes: vec![],
            kind,
        })
}

fn entry() -> impl Strategy<Value = Entry> {
    leaf().prop_recursive(3, 24, 4, |inner| {
        (
            "[a-z-]{1,10}",
            awkward_text(),
            proptest::collection::vec(inner, 0..4),
            proptest::collection::vec(awkward_text(), 0..2),
        )
            .prop_map(|(id, title, children, notes)| Entry {
                id: EntryId(id),
                title,
                numbered: true,
                see_also: vec![],
                notes,
                kind: EntryKind::Section(Section { children }),
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_manual_round_trips_to_an_equal_manual_and_identical_bytes(
        title in awkward_text(),
        notes in proptest::collection::vec(awkward_text(), 0..3),
        entries in proptest::collection::vec(entry(), 0..4),
    ) {
        let mut manual = Manual::new(title, "Testshire");
        manual.notes = notes;
        manual.entries = entries;
        let text = to_canonical_string(&manual).unwrap();
        let loaded = from_str(&text, Path::new("p.ron")).unwrap();
        prop_assert_eq!(&loaded, &manual);
        prop_assert_eq!(to_canonical_string(&loaded).unwrap(), text);
    }
}

/// A chain of sections `1..=MAX_DEPTH` levels deep, each level with an
/// optional chapter beside the chain, ending in a chapter.
fn deep_entry() -> impl Strategy<Value = Entry> {
    (
        1..=MAX_DEPTH,
        proptest::collection::vec((awkward_text(), proptest::option::of(leaf())), MAX_DEPTH),
    )
        .prop_map(|(depth, levels)| {
            let mut entry = Entry::chapter(EntryId("bottom".into()), "Bottom");
            for (level, (title, beside)) in levels.into_iter().enumerate().take(depth - 1) {
                let mut children = vec![entry];
                if let Some(mut beside) = beside {
                    beside.id = EntryId(format!("beside-{level}"));
                    children.push(beside);
                }
                entry = Entry {
                    id: EntryId(format!("level-{level}")),
                    title,
                    numbered: true,
                    see_also: vec![],
                    notes: vec![],
                    kind: EntryKind::Section(Section { children }),
                };
            }
            entry
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Deep manuals up to the depth limit: every one the program can
    /// make, it can read back.
    #[test]
    fn a_deep_manual_round_trips(entry in deep_entry()) {
        let mut manual = Manual::new("Deep", "Testshire");
        manual.entries = vec![entry];
        prop_assert!(manual.depth() <= MAX_DEPTH);
        let text = to_canonical_string(&manual).unwrap();
        let loaded = from_str(&text, Path::new("deep.ron")).unwrap();
        prop_assert_eq!(&loaded, &manual);
    }
}

#[test]
fn the_deep_strategy_reaches_the_limit() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = deep_entry();
    let deepest = (0..200)
        .map(|_| strategy.new_tree(&mut runner).unwrap().current().height())
        .max()
        .unwrap();
    assert_eq!(deepest, MAX_DEPTH);
}
