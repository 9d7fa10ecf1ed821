//! Property tests of the file format: any manual survives a save and load,
//! and the canonical text is a fixed point.

use std::path::Path;

use manual_editor::model::{
    Amendment, Chapter, Entry, EntryId, EntryKind, MAX_DEPTH, Manual, Section, SeeAlso,
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
        proptest::option::of(awkward_text()),
        proptest::option::of(awkward_text()),
        awkward_text(),
        proptest::collection::vec((awkward_text(), awkward_text(), awkward_text()), 0..2),
    )
        .prop_map(|(added_in, source, body, amendments)| {
            EntryKind::Chapter(Chapter {
                added_in,
                source,
                body,
                amendments: amendments
                    .into_iter()
                    .map(|(date, text, update)| Amendment {
                        date,
                        text,
                        update,
                        draft: false,
                    })
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

#[test]
fn the_samples_in_format_1_load_as_they_are_now_and_round_trip() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for name in ["stockport.ron", "wandsworth.ron", "wigan.ron"] {
        let old_path = root.join("tests/fixtures/format1").join(name);
        let old_text = std::fs::read_to_string(&old_path).unwrap();
        assert!(old_text.contains("format: 1"), "{name} is a format-1 file");
        let migrated = from_str(&old_text, &old_path).unwrap();
        let current_text = std::fs::read_to_string(root.join("sample_manuals").join(name)).unwrap();
        let current = from_str(&current_text, Path::new(name)).unwrap();
        assert_eq!(migrated, current, "{name}: format 1 reads as format 2 does");
        assert_eq!(
            to_canonical_string(&migrated).unwrap(),
            current_text,
            "{name}"
        );
        // Nothing visible changed: every stored badge is the derived one.
        let stored: Vec<&str> = old_text
            .lines()
            .filter_map(|l| l.trim().strip_prefix("badge: "))
            .collect();
        let mut derived = Vec::new();
        migrated.walk(|_, entry, _| {
            if let Some(label) = migrated.badge_of(entry).label() {
                derived.push(format!("{label},"));
            }
        });
        assert_eq!(stored, derived, "{name}");
    }
}
