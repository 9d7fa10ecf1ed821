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
}
