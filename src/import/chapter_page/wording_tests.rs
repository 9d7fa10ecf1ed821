//! Chapter pages worded and laid out differently (issue 36's classes):
//! the manual's name before the title, block labels in other words and
//! cases, no labels at all, a chapter code in the title, an amendment run
//! into the first heading, and page controls.

use super::*;

fn page(name: &str) -> ChapterPage {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/chapters")
        .join(name);
    read_page(&std::fs::read_to_string(path).unwrap())
}

#[test]
fn the_manual_s_name_before_the_title_is_furniture_and_labels_in_other_words_are_read() {
    let page = page("manual-name-first.txt");
    assert_eq!(page.title, "Strategy Discussions");
    assert_eq!(
        page.scope,
        "This chapter covers strategy discussions held when a child may be suffering significant harm."
    );
    assert_eq!(
        page.related,
        [(
            "Section 47 Enquiries".to_string(),
            Some("https://example.org/s47.html".to_string())
        )]
    );
    assert_eq!(
        page.guidance,
        [
            (
                "Working Together to Safeguard Children".to_string(),
                Some("https://example.org/wt".to_string())
            ),
            (
                "Children Act 1989".to_string(),
                Some("https://example.org/ca1989".to_string())
            ),
        ]
    );
    assert_eq!(
        page.amendments,
        [(
            "This chapter was amended in June 2024 to add the timescales.".to_string(),
            "2024-06".to_string()
        )]
    );
    assert!(
        page.body.starts_with("## 1. Who Takes Part"),
        "{}",
        page.body
    );
    assert!(page.not_understood.is_empty(), "{:?}", page.not_understood);
}

#[test]
fn paragraphs_before_the_contents_of_a_page_without_labels_are_its_scope() {
    let page = page("unlabelled-blocks.txt");
    assert_eq!(page.title, "Private Fostering");
    assert_eq!(
        page.scope,
        "This chapter explains what staff must do when they learn a child is privately fostered.\n\nIt applies to every team."
    );
    assert!(page.body.starts_with("## 1. Definition"), "{}", page.body);
    assert!(
        page.said.iter().any(|s| s.contains("scope")),
        "{:?}",
        page.said
    );
}

#[test]
fn a_chapter_code_stays_with_the_title_and_an_amendment_run_into_a_heading_is_split() {
    let page = page("chapter-code.txt");
    assert_eq!(page.title, "CP1. Child Protection Conferences");
    assert_eq!(
        page.scope,
        "How initial and review conferences are arranged."
    );
    assert_eq!(
        page.amendments,
        [(
            "This chapter was reviewed and updated in March 2024.".to_string(),
            "2024-03".to_string()
        )]
    );
    assert!(
        page.body.starts_with(
            "## 1. Arranging the Conference\n\nThe conference is held within 15 working days."
        ),
        "{}",
        page.body
    );
    assert_eq!(page.furniture, 3, "Show amendments, Contents, Print");
}

#[test]
fn a_title_with_a_code_matches_the_chapter_without_it() {
    assert_eq!(
        crate::import::chapters::title_key("CP1. Child Protection Conferences"),
        crate::import::chapters::title_key("Child Protection Conferences")
    );
    assert_eq!(
        crate::import::chapters::title_key("SG12 Missing Children"),
        "missing children"
    );
    // A title that only looks like one keeps its words.
    assert_eq!(crate::import::chapters::title_key("A1 Roads"), "a1 roads");
}

#[test]
fn a_run_in_heading_is_split_only_after_a_year() {
    assert_eq!(
        split_run_in_heading("Updated in May 2023.2. Timescales"),
        Some(("Updated in May 2023.".into(), "2. Timescales".into()))
    );
    assert_eq!(split_run_in_heading("Version 12023.1. Not a year"), None);
    assert_eq!(split_run_in_heading("In 2023.5 per cent"), None);
    // Characters of several bytes before the year never split a character.
    assert_eq!(
        split_run_in_heading("é2023.1. Intro"),
        Some(("é2023.".into(), "1. Intro".into()))
    );
    assert_eq!(split_run_in_heading("ééé.1. Intro"), None);
}

#[test]
fn an_empty_contents_label_over_the_text_loses_nothing() {
    let page = read_page(
        "Private Fostering\nSCOPE OF THIS CHAPTER\nWhat staff do.\nContents\n1. Definition\nA private fostering arrangement lasts 28 days or more.\n2. Notification\nThe carer must tell the council.\n",
    );
    assert_eq!(page.scope, "What staff do.");
    assert!(page.body.contains("## 1. Definition"), "{}", page.body);
    assert!(
        page.body.contains("The carer must tell the council."),
        "{}",
        page.body
    );
}
