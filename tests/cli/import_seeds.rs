//! Re-imports the three published contents lists and checks, entry by entry,
//! that every numbered line appears with its number, title and badge, and that
//! attributions, see-also items and counts come through.

use std::collections::HashMap;
use std::path::Path;

use manual_editor::import::{ImportOptions, ImportReport, import_text};
use manual_editor::model::{Badge, Entry, EntryKind, Manual, SeeAlso};
use manual_editor::store::format;

fn import_fixture(name: &str) -> (Manual, ImportReport, String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let options = ImportOptions {
        file_stem: path.file_stem().map(|s| s.to_string_lossy().into_owned()),
        ..ImportOptions::default()
    };
    let (manual, report) = import_text(&text, &options);
    (manual, report, text)
}

/// Entries by their derived number, e.g. "4.8.1".
fn by_number(manual: &Manual) -> HashMap<String, &Entry> {
    let mut map = HashMap::new();
    manual.walk(|_, entry, number| {
        if let Some(number) = number {
            map.insert(number.to_string(), entry);
        }
    });
    map
}

/// A deliberately simple reading of a numbered line, independent of the
/// importer: the number, the visible title with markup removed, and the badge.
fn numbered_lines(text: &str) -> Vec<(String, String, Badge)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let line = line.trim();
        let line = line.strip_prefix("- ").unwrap_or(line);
        let (head, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let digits_and_dots = !head.is_empty()
            && head.chars().all(|c| c.is_ascii_digit() || c == '.')
            && head.contains('.');
        if !digits_and_dots || head.len() > 8 {
            continue;
        }
        // Quick links ("  1. Early Help") are indented part numbers: not entries.
        if lines[i].starts_with("  ") && head.ends_with('.') {
            continue;
        }
        let mut title = rest.to_string();
        if title.trim().is_empty() {
            title = lines[i + 1..]
                .iter()
                .map(|l| l.trim())
                .find(|l| !l.is_empty())
                .unwrap_or("")
                .to_string();
        }
        let title = title.replace("](#)", "").replace(['[', '*', '\\'], "");
        let mut title = title.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut badge = Badge::None;
        for (word, b) in [(" Updated", Badge::Updated), (" New", Badge::New)] {
            if let Some(stripped) = title.strip_suffix(word) {
                title = stripped.to_string();
                badge = b;
            }
        }
        found.push((head.trim_end_matches('.').to_string(), title, badge));
    }
    found
}

fn assert_every_numbered_line_is_an_entry(name: &str) -> Manual {
    let (manual, report, text) = import_fixture(name);
    let entries = by_number(&manual);
    let lines = numbered_lines(&text);
    assert!(
        lines.len() > 100,
        "{name}: only {} numbered lines found",
        lines.len()
    );
    for (number, title, badge) in lines {
        let entry = entries
            .get(&number)
            .unwrap_or_else(|| panic!("{name}: no entry numbered {number} ({title})"));
        let source = entry.chapter_details().and_then(|c| c.source.clone());
        let with_source = source.map(|s| format!("{} ({s})", entry.title));
        assert!(
            entry.title == title || with_source.as_deref() == Some(title.as_str()),
            "{name} {number}: title {:?}, expected {title:?}",
            entry.title
        );
        assert_eq!(manual.badge_of(entry), badge, "{name} {number}: badge");
    }
    assert!(
        report.number_mismatches.is_empty(),
        "{name}: {:?}",
        report.number_mismatches
    );
    manual
}

fn external(title: &str, source: Option<&str>) -> SeeAlso {
    SeeAlso::external(title, None, source.map(str::to_string))
}

fn internal_to<'a>(manual: &'a Manual, item: &SeeAlso) -> &'a Entry {
    let path = manual
        .find(item.target().expect("an internal link"))
        .expect("a resolving link");
    manual.entry(&path).unwrap()
}

#[test]
fn wigan_foi_answer_imports_entry_by_entry() {
    let manual = assert_every_numbered_line_is_an_entry("wigan-contents-foi-response.txt");
    let (_, report, _) = import_fixture("wigan-contents-foi-response.txt");
    assert_eq!(manual.title, "Wigan Children's Services Procedures Manual");
    assert_eq!(manual.authority, "Wigan");
    assert_eq!((report.parts, report.chapters), (6, 122));
    // The FOI request text is kept, and listed as not understood.
    assert_eq!(report.not_understood.len(), 4);
    assert!(
        manual
            .notes
            .iter()
            .any(|n| n.starts_with("Please can you provide a full index"))
    );

    let entries = by_number(&manual);
    // Italic headings are sections even before their chapters are seen.
    assert!(entries["3.1"].is_section());
    assert_eq!(entries["2.3"].title, "Access to Records");
    assert!(!entries["2.3"].is_section());
    // A section-level see-also group with three links on one line.
    assert_eq!(
        entries["4.9"].see_also,
        vec![
            external(
                "Standards for Children in the Youth Justice System 2019",
                None
            ),
            external("Case Management Guidance", None),
            external("YJB and Probation Joint National Protocol", None),
        ]
    );
    // Link-only lines continue a group; titles of chapters become internal links.
    let group = &entries["4.9.3"].see_also;
    assert_eq!(group.len(), 4);
    assert_eq!(
        internal_to(&manual, &group[0]).title,
        "Remands to Local Authority Accommodation or to Youth Detention Accommodation"
    );
    assert_eq!(
        group[1],
        external("National Appropriate Adult website", None)
    );
    assert_eq!(
        entries["1.2.2"].see_also,
        vec![external(
            "Early Intervention: Policy and Provision",
            Some("House of Commons Library")
        )]
    );
    let leaving = &entries["4.8.3"].see_also;
    assert_eq!(
        internal_to(&manual, &leaving[0]).title,
        "Responsibilities of the Local Authority to Former Looked After Children and Young People in Custody"
    );
    assert_eq!(
        internal_to(&manual, &leaving[1]).title,
        "Transition from Children in Care (CIC) to Leaving Care Flowchart"
    );
    assert_eq!(report.links_internal + report.links_external, 19);
}

#[test]
fn wandsworth_plain_text_imports_entry_by_entry() {
    let manual = assert_every_numbered_line_is_an_entry("wandsworth-contents.txt");
    let (_, report, _) = import_fixture("wandsworth-contents.txt");
    assert_eq!(manual.authority, "Wandsworth");
    assert_eq!((report.updated_badges, report.new_badges), (14, 2));
    assert_eq!((report.parts, report.chapters), (7, 123));
    assert!(
        report.quick_link_mismatches.is_empty(),
        "{:?}",
        report.quick_link_mismatches
    );

    let entries = by_number(&manual);
    // Unnumbered headings become the sections their chapters' numbers name.
    assert_eq!(entries["2.1"].title, "Contact and Referral");
    assert_eq!(
        entries["4.9"].title,
        "Children Involved in the Youth Justice System"
    );
    // Groups with no heading at all are kept, with an empty title, and reported.
    assert_eq!(entries["4.2"].title, "");
    assert_eq!(entries["4.2.13"].title, "Health and Safety");
    let untitled: Vec<&str> = report
        .empty_titles
        .iter()
        .map(|l| l.text.as_str())
        .collect();
    assert_eq!(untitled, vec!["4.2", "6.2", "6.3"]);
    // Attributions on their own line, and in the title.
    assert_eq!(
        entries["2.1.3"]
            .chapter_details()
            .unwrap()
            .source
            .as_deref(),
        Some("Wandsworth Safeguarding Children Partnership")
    );
    assert_eq!(entries["7.1"].title, "Local Contacts");
    assert_eq!(
        entries["7.1"].chapter_details().unwrap().source.as_deref(),
        Some("Resources")
    );
    // "and ..." continues a see-also group.
    assert_eq!(
        entries["2.7.4"].see_also,
        vec![
            external(
                "Cross-border Child Protection Cases: The 1996 Hague Convention",
                None
            ),
            external("Family Justice Resource Hub", Some("ADCS")),
        ]
    );
    // A see-also under a heading belongs to the section; it names a chapter.
    assert_eq!(
        internal_to(&manual, &entries["4.4"].see_also[0]).title,
        "Delegation of Authority to Foster Carers and Residential Workers"
    );
    // "Please note:" paragraphs stay with their section.
    assert!(entries["5.2"].notes[0].starts_with("Please note: Wandsworth has joined"));
}

#[test]
fn stockport_web_page_imports_entry_by_entry() {
    let manual = assert_every_numbered_line_is_an_entry("stockport-contents.txt");
    let (_, report, _) = import_fixture("stockport-contents.txt");
    assert_eq!(
        manual.title,
        "Stockport Children's Services Procedure Manual"
    );
    assert_eq!((report.updated_badges, report.new_badges), (12, 1));
    assert!(
        report.not_understood.is_empty(),
        "{:?}",
        report.not_understood
    );
    // Site chrome and table captions are recognised and listed, not dropped silently.
    assert!(
        report
            .skipped
            .iter()
            .any(|l| l.text == "CAPTION: contents 1")
    );
    assert!(
        report
            .skipped
            .iter()
            .any(|l| l.text == "Skip to main content")
    );

    let entries = by_number(&manual);
    // Part 2 holds chapters directly.
    assert!(entries["2"].children().iter().all(|c| !c.is_section()));
    assert_eq!(entries["2"].children().len(), 8);
    // 3.6.1 is a sub-section holding an unnumbered chapter.
    let families_first = entries["3.6.1"];
    assert_eq!(families_first.title, "Families First");
    assert!(families_first.is_section());
    assert_eq!(families_first.children().len(), 1);
    assert!(!families_first.children()[0].numbered);
    assert_eq!(
        families_first.children()[0].title,
        "Stockport Families First Team Procedures"
    );
    // 4.1 holds an unnumbered chapter with its own see-also; 4.2 is a chapter of part 4.
    let missing = &entries["4.1"].children()[0];
    assert!(!missing.numbered);
    assert_eq!(
        missing.see_also,
        vec![external(
            "Greater Manchester Runaway and Missing from Home and Care Protocol (RMFHC)",
            None
        )]
    );
    assert!(!entries["4.2"].is_section());
    // A group whose items sit on separate lines, each with a source on the next line.
    assert_eq!(
        entries["1.2.3"].see_also,
        vec![
            external(
                "Neglect Procedure",
                Some("Greater Manchester Safeguarding Children Procedures")
            ),
            external(
                "Aspire Complex Safeguarding Service Procedures",
                Some("Greater Manchester Safeguarding Children Procedures")
            ),
            external(
                "Early Intervention: Policy and Provision",
                Some("House of Commons Library")
            ),
        ]
    );
    assert_eq!(
        entries["1.2.1"]
            .chapter_details()
            .unwrap()
            .source
            .as_deref(),
        Some("Stockport Council website")
    );
    assert_eq!(
        entries["5.8.4"]
            .chapter_details()
            .unwrap()
            .source
            .as_deref(),
        Some("Greater Manchester Safeguarding Children Procedures")
    );
    // "See also guidance on:" heads the section after it, whose entries stay numbered.
    assert_eq!(
        entries["4.5"].notes,
        vec!["See also guidance on:".to_string()]
    );
    assert_eq!(
        entries["4.5.2"].title,
        "Guidance: The International Child Abduction and Contact Unit"
    );
    // A see-also naming a chapter by title links to it.
    assert_eq!(
        internal_to(&manual, &entries["5.7.12"].see_also[0]).title,
        entries["5.1.29"].title
    );
    assert_eq!(manual.badge_of(entries["7.5"]), Badge::New);
}

#[test]
fn the_checked_in_samples_are_what_the_importer_makes() {
    for (sample, fixture) in [
        ("wigan.ron", "wigan-contents-foi-response.txt"),
        ("wandsworth.ron", "wandsworth-contents.txt"),
        ("stockport.ron", "stockport-contents.txt"),
    ] {
        let (manual, _, _) = import_fixture(fixture);
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("sample_manuals")
            .join(sample);
        let checked_in = std::fs::read_to_string(&path).unwrap();
        let fresh = format::to_canonical_string(&manual).unwrap();
        assert!(
            fresh == checked_in,
            "{sample} is stale: re-import it (see README)"
        );
        let serious: Vec<_> = manual
            .validate()
            .into_iter()
            .filter(|w| w.is_serious())
            .collect();
        assert!(serious.is_empty(), "{sample}: {serious:?}");
    }
}

#[test]
fn every_entry_of_every_sample_has_a_unique_id() {
    for fixture in [
        "wigan-contents-foi-response.txt",
        "wandsworth-contents.txt",
        "stockport-contents.txt",
    ] {
        let (manual, _, _) = import_fixture(fixture);
        let mut ids = std::collections::HashSet::new();
        manual.walk(|_, entry, _| assert!(ids.insert(entry.id.clone()), "{fixture}: {}", entry.id));
        assert_eq!(ids.len(), manual.entry_count());
        // Sections hold something or are headings the text gave.
        manual.walk(|_, entry, _| {
            if let EntryKind::Section(section) = &entry.kind {
                assert!(
                    !section.children.is_empty() || !entry.title.is_empty(),
                    "{fixture}: {}",
                    entry.id
                );
            }
        });
    }
}

#[test]
fn a_list_nested_deeper_than_a_manual_holds_imports_to_a_file_that_opens() {
    // 25 levels: "1 Part", "1.1 Level 2", ... "1.1.….1 Level 25".
    let mut text = String::new();
    for level in 1..=25 {
        let number = vec!["1"; level].join(".");
        text.push_str(&format!("{number} Level {level}\n"));
    }
    let (manual, report) = manual_editor::import::import_text(&text, &Default::default());
    assert!(manual.depth() <= manual_editor::model::MAX_DEPTH);
    assert_eq!(manual.depth(), manual_editor::model::MAX_DEPTH);
    let deeper = report
        .not_understood
        .iter()
        .filter(|l| l.reason.contains("levels deep"))
        .count();
    assert_eq!(deeper, 25 - manual_editor::model::MAX_DEPTH, "{report}");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deep.ron");
    manual_editor::store::format::save(&manual, &path).unwrap();
    assert_eq!(manual_editor::store::format::load(&path).unwrap(), manual);
}
