//! Synthetic manuals with the seeds' shape, for benchmarks and property tests:
//! 7 parts, sections of about 12 chapters, 3 see-also links a chapter and
//! bodies of about 2 KB. Deterministic for a given size.

use crate::model::{Amendment, Badge, Entry, EntryId, Manual, SeeAlso};

const PARTS: usize = 7;
const CHAPTERS_PER_SECTION: usize = 12;
const LINKS_PER_CHAPTER: usize = 3;
const BODY_BYTES: usize = 2_000;

const WORDS: &[&str] = &[
    "assessment",
    "placement",
    "review",
    "carers",
    "safeguarding",
    "contact",
    "planning",
    "leaving",
    "care",
    "adoption",
    "fostering",
    "referral",
    "protection",
    "support",
    "health",
    "education",
];

/// A small deterministic generator (xorshift), so runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn body(rng: &mut Rng, chapter: usize) -> String {
    let mut text = format!("# Chapter {chapter}\n\n## Scope\n\n");
    while text.len() < BODY_BYTES {
        for _ in 0..12 {
            text.push_str(WORDS[rng.below(WORDS.len())]);
            text.push(' ');
        }
        text.push_str("and the *social worker* must record it.\n\n");
        if rng.below(6) == 0 {
            text.push_str("## Procedure\n\n- first step\n- second step\n\n");
        }
    }
    text
}

/// A manual of `chapters` chapters.
pub fn manual(chapters: usize) -> Manual {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let sections = chapters.div_ceil(CHAPTERS_PER_SECTION).max(1);
    let mut manual = Manual::new(
        format!("Synthetic Manual of {chapters} Chapters"),
        "Synthshire",
    );
    let mut made = 0;
    for part in 0..PARTS {
        let part_sections = sections / PARTS + usize::from(part < sections % PARTS);
        let mut section_entries = Vec::with_capacity(part_sections);
        for section in 0..part_sections {
            let mut chapter_entries = Vec::with_capacity(CHAPTERS_PER_SECTION);
            while chapter_entries.len() < CHAPTERS_PER_SECTION && made < chapters {
                let title = format!(
                    "{} {} procedure {made}",
                    WORDS[rng.below(WORDS.len())],
                    WORDS[rng.below(WORDS.len())]
                );
                let mut entry = Entry::chapter(EntryId(format!("chapter-{made}")), title);
                entry.see_also = (0..LINKS_PER_CHAPTER)
                    .map(|_| SeeAlso::internal(EntryId(format!("chapter-{}", rng.below(chapters)))))
                    .collect();
                if let Some(details) = entry.chapter_details_mut() {
                    details.body = body(&mut rng, made);
                    details.legacy_badge = match rng.below(10) {
                        0 => Badge::New,
                        1 => Badge::Updated,
                        _ => Badge::None,
                    };
                    if details.legacy_badge != Badge::None {
                        details.amendments.push(Amendment {
                            date: format!("202{}-{:02}", rng.below(5), 1 + rng.below(12)),
                            text: "This chapter was refreshed throughout.".into(),
                            update: String::new(),
                            draft: false,
                        });
                    }
                }
                chapter_entries.push(entry);
                made += 1;
            }
            section_entries.push(Entry::section(
                EntryId(format!("section-{part}-{section}")),
                format!("Section {} {}", part + 1, WORDS[rng.below(WORDS.len())]),
                chapter_entries,
            ));
        }
        manual.entries.push(Entry::section(
            EntryId(format!("part-{part}")),
            format!("Part {}", part + 1),
            section_entries,
        ));
    }
    // Badges as a published manual shows them: an imported update.
    manual.migrate_badges();
    manual
}

/// The same chapters as [`manual`], all in one section of one part: the
/// shape of a pasted flat list or a long appendix.
pub fn one_section_manual(chapters: usize) -> Manual {
    let mut manual = manual(chapters);
    let mut all = Vec::with_capacity(chapters);
    for part in std::mem::take(&mut manual.entries) {
        for section in part.children() {
            all.extend(section.children().iter().cloned());
        }
    }
    manual.entries.push(Entry::section(
        EntryId("part-0".into()),
        "Part 1",
        vec![Entry::section(
            EntryId("section-0-0".into()),
            "One long section",
            all,
        )],
    ));
    manual
}

/// A national template of `chapters` chapters at its update "June 2026",
/// and its next update, "December 2026": 30 bodies rewritten in their
/// first paragraph (each with an amendment note), 5 chapters added, 2
/// removed, 3 renamed and 5 moved to another section. The template touches
/// only the first half of its chapters.
pub fn template_versions(chapters: usize) -> (Manual, Manual) {
    let mut v1 = manual(chapters);
    v1.title = "National Procedures".into();
    v1.updates = vec![update("June 2026")];
    strip_amendments(&mut v1);
    let mut v2 = v1.clone();
    v2.updates.push(update("December 2026"));
    let half = chapters / 2;
    let pick = |n: usize, step: usize, offset: usize| -> Vec<usize> {
        (0..n).map(|i| (offset + i * step) % half.max(1)).collect()
    };
    for n in pick(30, 7, 1) {
        let id = chapter_id(n);
        with_chapter(&mut v2, &id, |entry| {
            let Some(chapter) = entry.chapter_details_mut() else {
                return;
            };
            chapter.body = replace_line(
                &chapter.body,
                4,
                "The national text of this paragraph was revised.",
            );
            chapter.amendments.push(Amendment {
                date: "2026-12".into(),
                text: "The first paragraph was revised.".into(),
                update: "December 2026".into(),
                draft: false,
            });
        });
    }
    for n in pick(3, 11, 2) {
        with_chapter(&mut v2, &chapter_id(n), |entry| {
            entry.title.push_str(" (revised)")
        });
    }
    for n in pick(2, 13, 5) {
        let id = chapter_id(n);
        if let Some(path) = v2.find(&id) {
            let (parent, index) = path.split_at(path.len() - 1);
            if let Some(children) = v2.children_mut(parent) {
                children.remove(index[0]);
            }
        }
    }
    for (k, n) in pick(5, 17, 3).into_iter().enumerate() {
        let id = chapter_id(n);
        let Some(path) = v2.find(&id) else { continue };
        let (parent, index) = path.split_at(path.len() - 1);
        let Some(children) = v2.children_mut(parent) else {
            continue;
        };
        let entry = children.remove(index[0]);
        // Into the first section of the next part (or the first part).
        let part = (path[0] + 1 + k) % v2.entries.len();
        if let Some(children) = v2.entries[part]
            .children_mut()
            .and_then(|s| s.first_mut())
            .and_then(Entry::children_mut)
        {
            children.insert(0, entry);
        }
    }
    for k in 0..5 {
        let after = chapter_id((k * 23 + 4) % half.max(1));
        let Some(path) = v2.find(&after) else {
            continue;
        };
        let mut added = Entry::chapter(
            EntryId(format!("national-new-{k}")),
            format!("New national chapter {k}"),
        );
        if let Some(chapter) = added.chapter_details_mut() {
            chapter.added_in = Some("December 2026".into());
            chapter.body = "A chapter the template added.\n".into();
        }
        let (parent, index) = path.split_at(path.len() - 1);
        if let Some(children) = v2.children_mut(parent) {
            children.insert(index[0] + 1, added);
        }
    }
    (v1, v2)
}

/// Council number `council`'s copy of `template`, localised: 5% of
/// titles and 10% of bodies changed (the last paragraph), 10 local
/// chapters added, 5 moved, 3 removed. Titles, moves and removals are in
/// the half of the manual the template leaves alone; bodies anywhere.
pub fn localised(template: &Manual, council: usize) -> Manual {
    let mut local = crate::model::template::start_local(
        template,
        "national.ron",
        &format!("Council {council}"),
        Some(&format!("Council {council} Procedures")),
    );
    let chapters = template.chapter_count();
    let half = chapters / 2;
    let upper = |i: usize| half + (council * 31 + i * 13) % (chapters - half).max(1);
    let mut titled = std::collections::HashSet::new();
    for i in 0..chapters / 20 {
        let n = upper(i);
        if titled.insert(n) {
            with_chapter(&mut local, &chapter_id(n), |entry| {
                entry.title = format!("{} in council {council}", entry.title);
            });
        }
    }
    for i in 0..chapters / 10 {
        let n = (council * 7 + i * 10) % chapters.max(1);
        with_chapter(&mut local, &chapter_id(n), |entry| {
            let Some(chapter) = entry.chapter_details_mut() else {
                return;
            };
            let last = chapter.body.lines().count().saturating_sub(2);
            chapter.body = replace_line(&chapter.body, last, "How this council does it.");
        });
    }
    for i in 0..5 {
        let id = chapter_id(upper(100 + i));
        let Some(path) = local.find(&id) else {
            continue;
        };
        let (parent, index) = path.split_at(path.len() - 1);
        let Some(children) = local.children_mut(parent) else {
            continue;
        };
        let entry = children.remove(index[0]);
        let last = local.entries.len() - 1;
        if let Some(children) = local.entries[last]
            .children_mut()
            .and_then(|s| s.last_mut())
            .and_then(Entry::children_mut)
        {
            children.push(entry);
        }
    }
    for i in 0..3 {
        let id = chapter_id(upper(200 + i));
        if let Some(path) = local.find(&id) {
            let (parent, index) = path.split_at(path.len() - 1);
            if let Some(children) = local.children_mut(parent) {
                children.remove(index[0]);
            }
        }
    }
    for i in 0..10 {
        let after = chapter_id(upper(300 + i));
        let Some(path) = local.find(&after) else {
            continue;
        };
        let mut added = Entry::chapter(
            EntryId(format!("council-{council}-chapter-{i}")),
            format!("Council {council} local chapter {i}"),
        );
        if let Some(chapter) = added.chapter_details_mut() {
            chapter.body = "The council's own procedure.\n".into();
        }
        let (parent, index) = path.split_at(path.len() - 1);
        if let Some(children) = local.children_mut(parent) {
            children.insert(index[0] + 1, added);
        }
    }
    local
}

fn update(label: &str) -> crate::model::Update {
    crate::model::Update {
        label: label.into(),
        published: true,
        ..Default::default()
    }
}

fn chapter_id(n: usize) -> EntryId {
    EntryId(format!("chapter-{n}"))
}

fn strip_amendments(manual: &mut Manual) {
    fn strip(entries: &mut [Entry]) {
        for entry in entries {
            if let Some(chapter) = entry.chapter_details_mut() {
                chapter.amendments.clear();
                chapter.legacy_badge = Badge::None;
            }
            if let Some(children) = entry.children_mut() {
                strip(children);
            }
        }
    }
    strip(&mut manual.entries);
}

fn with_chapter(manual: &mut Manual, id: &EntryId, change: impl FnOnce(&mut Entry)) {
    if let Some(path) = manual.find(id)
        && let Some(entry) = manual.entry_mut(&path)
    {
        change(entry);
    }
}

/// `text` with its line `index` (from 0) replaced by `line`.
fn replace_line(text: &str, index: usize, line: &str) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    if let Some(slot) = lines.get_mut(index) {
        *slot = line;
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_synthetic_manual_has_the_asked_size_and_is_valid() {
        let manual = manual(1_000);
        assert_eq!(manual.chapter_count(), 1_000);
        assert_eq!(manual.entries.len(), PARTS);
        let serious: Vec<_> = manual
            .validate()
            .into_iter()
            .filter(|w| w.is_serious())
            .collect();
        assert!(serious.is_empty(), "{serious:?}");
        let chapter = manual.entries[0].children()[0].children()[0]
            .chapter_details()
            .unwrap();
        assert!(chapter.body.len() >= BODY_BYTES);
    }

    #[test]
    fn the_same_size_gives_the_same_manual() {
        assert_eq!(manual(50), manual(50));
    }

    #[test]
    fn a_template_update_pulls_into_localised_copies_without_conflicts() {
        let (v1, v2) = template_versions(500);
        for council in 0..3 {
            let local = localised(&v1, council);
            let pulled = crate::model::template::pull(&local, &v1, &v2, "national.ron").unwrap();
            let m = &pulled.manual;
            assert!(
                m.conflicts.is_empty(),
                "council {council}: {:?}",
                m.conflicts
            );
            // Every template change the council did not touch is there.
            let rewritten = m
                .entry(&m.find(&chapter_id(1)).unwrap())
                .unwrap()
                .chapter_details()
                .unwrap();
            assert!(
                rewritten
                    .body
                    .contains("The national text of this paragraph was revised.")
            );
            for k in 0..5 {
                assert!(m.find(&EntryId(format!("national-new-{k}"))).is_some());
            }
            assert_eq!(pulled.report.notes.len(), 30);
            for i in 0..10 {
                let id = EntryId(format!("council-{council}-chapter-{i}"));
                assert!(m.find(&id).is_some(), "local chapters stay");
            }
        }
    }
}
