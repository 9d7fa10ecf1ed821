//! Two versions of a small national template, for the template tests.

use super::{find_mut, start_local};
use crate::model::Amendment;
use crate::model::{Entry, EntryId, Manual, Update};

pub(super) fn chapter(id: &str, title: &str, body: &str) -> Entry {
    let mut entry = Entry::chapter(EntryId::new(id), title);
    if let Some(c) = entry.chapter_details_mut() {
        c.body = body.into();
    }
    entry
}

pub(super) fn body(id: &str) -> String {
    (1..=6)
        .map(|n| format!("{id} paragraph {n}.\n\n"))
        .collect()
}

/// Version 1 of a national template: two parts, five chapters.
pub(super) fn v1() -> Manual {
    let mut m = Manual::new("National Procedures", "");
    m.updates.push(Update {
        label: "June 2026".into(),
        date: "2026-06".into(),
        published: true,
        ..Default::default()
    });
    let mut referrals = chapter("referrals", "Referrals", &body("referrals"));
    if let Some(c) = referrals.chapter_details_mut() {
        c.body
            .push_str("<!-- local: contacts -->\nYour local duty team.\n<!-- end local -->\n");
    }
    m.entries = vec![
        Entry::section(
            EntryId::new("all-children"),
            "All Children",
            vec![
                referrals,
                chapter("young-carers", "Young Carers", &body("carers")),
                chapter("private-fostering", "Private Fostering", &body("fostering")),
            ],
        ),
        Entry::section(
            EntryId::new("looked-after"),
            "Looked After Children",
            vec![
                chapter("placements", "Placements", &body("placements")),
                chapter("leaving-care", "Leaving Care", &body("leaving")),
            ],
        ),
    ];
    m
}

pub(super) fn edit(m: &mut Manual, id: &str, change: impl FnOnce(&mut Entry)) {
    change(find_mut(&mut m.entries, &EntryId::new(id)).unwrap());
}

pub(super) fn set_body(m: &mut Manual, id: &str, from: &str, to: &str) {
    edit(m, id, |e| {
        let c = e.chapter_details_mut().unwrap();
        assert!(c.body.contains(from), "{from}");
        c.body = c.body.replacen(from, to, 1);
    });
}

/// Version 2: a body changed with a note, a chapter added and one
/// renamed.
pub(super) fn v2() -> Manual {
    let mut m = v1();
    m.updates.push(Update {
        label: "December 2026".into(),
        date: "2026-12".into(),
        published: true,
        ..Default::default()
    });
    set_body(
        &mut m,
        "young-carers",
        "carers paragraph 2.",
        "carers paragraph 2, revised.",
    );
    edit(&mut m, "young-carers", |e| {
        e.chapter_details_mut().unwrap().amendments.push(Amendment {
            date: "2026-12".into(),
            text: "Paragraph 2 revised.".into(),
            update: "December 2026".into(),
            draft: false,
        });
    });
    let mut added = chapter("kinship-care", "Kinship Care", &body("kinship"));
    added.chapter_details_mut().unwrap().added_in = Some("December 2026".into());
    m.entries[1].children_mut().unwrap().insert(1, added);
    edit(&mut m, "leaving-care", |e| {
        e.title = "Leaving Care and Aftercare".into()
    });
    m
}

pub(super) fn local_of(template: &Manual) -> Manual {
    start_local(
        template,
        "national.ron",
        "Smalltown",
        Some("Smalltown Procedures"),
    )
}
