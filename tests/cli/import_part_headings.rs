//! Contents lists that write their parts in other ways (issue 36, one
//! fixture of my own for each class): the hosted platform's quick links of
//! bare numbers and chapters numbered `1.0.x` right under their part;
//! numbers alone with their titles lines below under `PART B1:` headings,
//! numbered again in each part; unnumbered part headings over numbered
//! bullets; headings ending in a colon over bullets with no numbers; and a
//! chapter with its part's title.

use std::path::Path;

use manual_editor::import::{ImportOptions, ImportReport, decode, import_text};
use manual_editor::model::Manual;

fn import(name: &str) -> (Manual, ImportReport) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name);
    let (text, _) = decode(&std::fs::read(path).unwrap());
    import_text(&text, &ImportOptions::default())
}

/// "§ 1 Title" for a section, "· 1.1 Title" for a chapter, "· – Title"
/// unnumbered, in the manual's order.
fn outline(manual: &Manual) -> Vec<String> {
    let mut out = Vec::new();
    manual.walk(|_, entry, number| {
        let kind = if entry.is_section() { "§" } else { "·" };
        let number = number.map_or_else(|| "–".to_string(), ToString::to_string);
        out.push(format!("{kind} {number} {}", entry.title));
    });
    out
}

#[test]
fn quick_links_of_bare_numbers_are_navigation_and_zero_sections_are_the_part_s_chapters() {
    let (manual, report) = import("quick-links.txt");
    assert_eq!(
        outline(&manual),
        [
            "§ 1 Children in Need and Child Protection",
            "· – Referral and Assessment",
            "· – Section 47 Enquiries",
            "§ 1.1 Strategy Discussions",
            "· 1.1.1 Strategy Meetings",
            "· 1.1.2 Child Protection Conferences",
            "§ 2 Children in Care",
            "· – Care Planning",
            "· – Delegated Authority",
            "§ 2.1 Placements",
            "· 2.1.1 Foster Care",
            "§ 3 Leaving Care",
            "· – Pathway Plans",
        ]
    );
    assert!(
        report.not_understood.is_empty(),
        "{:?}",
        report.not_understood
    );
    assert!(
        report.number_mismatches.is_empty(),
        "{:?}",
        report.number_mismatches
    );
    assert_eq!(report.empty_titles.len(), 0);
    assert_eq!(
        report
            .skipped
            .iter()
            .filter(|l| l.reason == "a quick link to a part (a number alone)")
            .count(),
        6
    );
    assert_eq!(
        report
            .adjusted
            .iter()
            .filter(|l| l.reason.contains("directly under part"))
            .count(),
        5
    );
}

#[test]
fn numbers_alone_above_their_titles_under_part_headings_are_numbered_in_each_part() {
    let (manual, report) = import("number-above-title.txt");
    assert_eq!(
        outline(&manual),
        [
            "§ 1 PART A: Core Procedures",
            "· 1.1 Responding to Concerns",
            "· 1.2 Referrals",
            "§ 2 PART B1: Practice Guidance",
            "· 2.1 Bruising in Babies",
            "· 2.2 Neglect",
            "· 2.3 Child Sexual Exploitation",
            "§ 3 PART B2: Specific Groups",
            "· 3.1 Disabled Children",
        ]
    );
    assert!(
        report.number_mismatches.is_empty(),
        "{:?}",
        report.number_mismatches
    );
    let skipped: Vec<&str> = report.skipped.iter().map(|l| l.text.as_str()).collect();
    for site_line in ["Text size: A A A", "Sign up for alerts", "photo"] {
        assert!(skipped.contains(&site_line), "{skipped:?}");
    }
}

#[test]
fn unnumbered_headings_over_numbered_bullets_are_the_parts_the_bullets_name() {
    let (manual, report) = import("unnumbered-headings.txt");
    assert_eq!(
        outline(&manual),
        [
            "§ 1 Introduction and Values",
            "· 1.1 Our Values",
            "· 1.2 Working Together",
            "§ 2 Referral and Assessment",
            "· 2.1 Contact and Referral",
            "· 2.2 Assessment",
            "· 2.3 Section 47 Enquiries",
            "§ 3 Planning for Children",
            "§ 4 Children in Care",
            "· 4.1 Care Planning",
            "· 4.2 Placements",
        ]
    );
    assert!(
        report.number_mismatches.is_empty(),
        "{:?}",
        report.number_mismatches
    );
    assert!(
        report.not_understood.is_empty(),
        "{:?}",
        report.not_understood
    );
}

#[test]
fn headings_ending_in_a_colon_over_bullets_make_a_manual_without_numbers() {
    let (manual, report) = import("colon-headings.txt");
    assert_eq!(manual.title, "Riverdale Foster Carers' Handbook");
    assert_eq!(
        outline(&manual),
        [
            "§ – Becoming a Foster Carer",
            "· – The Assessment Process",
            "· – Approval and Panel",
            "· – Your Agreement",
            "§ – Caring for Children",
            "· – Delegated Authority",
            "· – Health and Education",
            "· – Keeping Children Safe",
            "§ – Support for You",
            "· – Supervision",
            "· – Allowances and Expenses",
        ]
    );
    // The paragraphs about the handbook are kept as its notes.
    assert_eq!(manual.notes.len(), 2, "{:?}", manual.notes);
    assert!(manual.notes[1].starts_with("The chapters are grouped by subject."));
    assert_eq!(report.chapters, 8);
}

#[test]
fn a_chapter_with_its_part_s_title_is_a_chapter() {
    let (manual, _) = import("same-title-chapter.txt");
    assert_eq!(
        outline(&manual),
        [
            "§ 1 Safeguarding",
            "· 1.1 Safeguarding",
            "· 1.2 Missing Children",
            "§ 2 Behaviour Support",
            "§ 2.1 Behaviour Support",
            "· 2.1.1 Restraint",
            "· 2.1.2 Sanctions",
        ]
    );
}
