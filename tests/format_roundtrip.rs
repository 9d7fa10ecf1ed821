//! Property tests of the file format: any manual survives a save and load,
//! and the canonical text is a fixed point.

use std::path::Path;

use manual_editor::format::{from_str, to_canonical_string};
use manual_editor::model::{
    Amendment, Badge, Chapter, Entry, EntryId, EntryKind, Manual, Section, SeeAlso,
};
use proptest::prelude::*;

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

fn entry() -> impl Strategy<Value = Entry> {
    let leaf = (
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
        });
    leaf.prop_recursive(3, 24, 4, |inner| {
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
