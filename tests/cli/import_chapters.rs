//! Published chapter pages brought into the manual: an HTML page saved from
//! a browser and text copied from one, in two councils' wordings, matched
//! by number or by title; a page that matches nothing is reported, and a
//! body already written is kept without --replace.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use manual_editor::model::{EntryId, SeeAlso};
use manual_editor::store::format;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/chapters")
        .join(name)
}

fn import(manual: &Path, pages: &[&str], replace: bool) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_manual-editor"));
    command.arg("import-chapters").arg(manual);
    for page in pages {
        command.arg(fixture(page));
    }
    if replace {
        command.arg("--replace");
    }
    command.output().unwrap()
}

fn temp_stockport(dir: &Path) -> PathBuf {
    let path = dir.join("stockport.ron");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_manuals/stockport.ron"),
        &path,
    )
    .unwrap();
    path
}

fn entry(path: &Path, id: &str) -> manual_editor::model::Entry {
    let manual = format::load(path).unwrap();
    let at = manual.find(&EntryId::new(id)).unwrap();
    manual.entry(&at).unwrap().clone()
}

#[test]
fn an_html_page_fills_its_chapter_by_number() {
    let dir = tempfile::tempdir().unwrap();
    let manual = temp_stockport(dir.path());
    let out = import(&manual, &["young-carers.html"], false);
    let stdout = String::from_utf8_lossy(&out.stdout);
    // Exit 1: a related chapter the manual does not hold is said.
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("\"Assessments of Adult Carers Procedure\" is not in the manual"),
        "{stdout}"
    );
    assert!(
        stdout.contains("young-carers.html: 4.8.1 Young Carers"),
        "{stdout}"
    );
    let carers = entry(&manual, "young-carers-2");
    let chapter = carers.chapter_details().unwrap();
    assert_eq!(
        chapter.scope,
        "This chapter applies to children who provide regular care for a family member."
    );
    // Related chapters: one of this manual, one not (a link to a missing
    // chapter, to re-pick); guidance stays an outside link.
    assert!(carers.see_also.contains(&SeeAlso::internal(EntryId::new(
        "missing-assessments-of-adult-carers-procedure"
    ))));
    assert!(
        carers
            .see_also
            .contains(&SeeAlso::internal(EntryId::new("confidentiality-policy")))
    );
    assert!(carers.see_also.iter().any(|s| matches!(
        s,
        SeeAlso::External { title, url: Some(url), .. }
            if title == "Young Carers: Guidance for Schools"
                && url == "https://www.gov.uk/young-carers-guidance"
    )));
    let amendment = chapter.amendments.last().unwrap();
    assert_eq!(amendment.date, "2019-09");
    assert!(
        amendment
            .text
            .starts_with("This chapter was amended in September 2019")
    );
    // The body: numbered headings, emphasis, nested lists, a link to another
    // chapter page made an entry link; the chapter's own contents dropped.
    let body = &chapter.body;
    assert!(body.starts_with("## 1. Who are Young Carers"), "{body}");
    assert!(body.contains("### 2.1 The Assessment"), "{body}");
    assert!(body.contains("A **young carer** is"), "{body}");
    assert!(
        body.contains("[the supervision policy](entry:supervision-policy)"),
        "{body}"
    );
    assert!(
        body.contains("- on request, including:\n  - from the young carer;"),
        "{body}"
    );
    assert_eq!(body.matches("Who are Young Carers").count(), 1, "{body}");
    for furniture in [
        "cookies",
        "Privacy",
        "View Adult",
        "Home",
        "dataLayer",
        "logo",
    ] {
        assert!(!body.contains(furniture), "{furniture} in {body}");
    }
    let check = Command::new(env!("CARGO_BIN_EXE_manual-editor"))
        .arg("check")
        .arg(&manual)
        .output()
        .unwrap();
    // check lists the missing related chapter, and nothing else.
    let said = String::from_utf8_lossy(&check.stdout).into_owned()
        + &String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(1), "{said}");
    assert!(said.contains("171 chapters, 1 error,"), "{said}");
    assert!(
        said.contains("missing-assessments-of-adult-carers-procedure"),
        "{said}"
    );
}

#[test]
fn copied_text_matches_by_title_and_a_stray_page_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let manual = temp_stockport(dir.path());
    let out = import(
        &manual,
        &["supervision-policy.txt", "unknown-chapter.html"],
        false,
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("supervision-policy.txt: 1.1.4 Supervision Policy"),
        "{stdout}"
    );
    assert!(
        stdout.contains("unknown-chapter.html: matches no chapter"),
        "{stdout}"
    );
    let supervision = entry(&manual, "supervision-policy");
    assert_eq!(
        supervision.notes,
        vec!["This procedure is under review following the restructure."]
    );
    assert!(
        supervision
            .see_also
            .contains(&SeeAlso::internal(EntryId::new("confidentiality-policy")))
    );
    let chapter = supervision.chapter_details().unwrap();
    assert_eq!(chapter.amendments.last().unwrap().date, "2016-12");
    let body = &chapter.body;
    assert!(
        body.starts_with("## 1. Introduction\n\nAll social workers"),
        "{body}"
    );
    assert!(
        body.contains("### 2.1 Newly Qualified Workers\n\n- Weekly"),
        "{body}"
    );
}

#[test]
fn a_written_body_is_kept_unless_replace_is_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let manual = temp_stockport(dir.path());
    let mut loaded = format::load(&manual).unwrap();
    let at = loaded.find(&EntryId::new("young-carers-2")).unwrap();
    loaded
        .entry_mut(&at)
        .unwrap()
        .chapter_details_mut()
        .unwrap()
        .body = "Our own text.".into();
    format::save(&loaded, &manual).unwrap();
    let out = import(&manual, &["young-carers.html"], false);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("kept as it was (use --replace to overwrite): body"),
        "{stdout}"
    );
    let body = entry(&manual, "young-carers-2")
        .chapter_details()
        .unwrap()
        .body
        .clone();
    assert_eq!(body, "Our own text.");
    import(&manual, &["young-carers.html"], true);
    let body = entry(&manual, "young-carers-2")
        .chapter_details()
        .unwrap()
        .body
        .clone();
    assert!(body.starts_with("## 1. Who are Young Carers"), "{body}");
}

/// A chapter drafted in Word: a title, headings, bold and italics, a
/// nested list, a link and a table (written with docx-rs, as Word and
/// LibreOffice write them: heading styles, numbering, relationships).
fn word_chapter(path: &Path) {
    use docx_rs::*;
    let bullets = AbstractNumbering::new(5)
        .add_level(Level::new(
            0,
            Start::new(1),
            NumberFormat::new("bullet"),
            LevelText::new("•"),
            LevelJc::new("left"),
        ))
        .add_level(Level::new(
            1,
            Start::new(1),
            NumberFormat::new("decimal"),
            LevelText::new("%2."),
            LevelJc::new("left"),
        ));
    let item = |text: &str, level: usize| {
        Paragraph::new()
            .numbering(NumberingId::new(5), IndentLevel::new(level))
            .add_run(Run::new().add_text(text))
    };
    let cell = |text: &str| {
        TableCell::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text(text)))
    };
    let file = std::fs::File::create(path).unwrap();
    Docx::new()
        .add_abstract_numbering(bullets)
        .add_numbering(Numbering::new(5, 5))
        .add_paragraph(
            Paragraph::new()
                .style("Title")
                .add_run(Run::new().add_text("Young Carers")),
        )
        .add_paragraph(
            Paragraph::new()
                .style("Heading1")
                .add_run(Run::new().add_text("Who are young carers")),
        )
        .add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text("A "))
                .add_run(Run::new().add_text("young carer").bold())
                .add_run(Run::new().add_text(" is "))
                .add_run(Run::new().add_text("under 18").italic())
                .add_run(Run::new().add_text("; see "))
                .add_hyperlink(
                    Hyperlink::new(
                        "https://www.gov.uk/guidance/carers-act",
                        HyperlinkType::External,
                    )
                    .add_run(Run::new().add_text("GOV.UK")),
                )
                .add_run(Run::new().add_text(".")),
        )
        .add_paragraph(item("on the appearance of need;", 0))
        .add_paragraph(item("on request, including:", 0))
        .add_paragraph(item("from a parent.", 1))
        .add_table(Table::new(vec![
            TableRow::new(vec![cell("Age"), cell("Duty")]),
            TableRow::new(vec![cell("16"), cell("Assess")]),
        ]))
        .build()
        .pack(file)
        .unwrap();
}

#[test]
fn a_chapter_drafted_in_word_is_imported_with_its_structure() {
    let dir = tempfile::tempdir().unwrap();
    let manual = crate::common::temp_sample(dir.path(), "stockport.ron");
    let page = dir.path().join("Young Carers.docx");
    word_chapter(&page);
    let out = Command::new(env!("CARGO_BIN_EXE_manual-editor"))
        .args([
            "import-chapters",
            manual.to_str().unwrap(),
            page.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("Young Carers"), "{said}");
    let manual = manual_editor::store::format::load(&manual).unwrap();
    let path = manual
        .find(&manual_editor::model::EntryId::new("young-carers-2"))
        .unwrap();
    let body = &manual.entry(&path).unwrap().chapter_details().unwrap().body;
    for expected in [
        "Who are young carers",
        "**young carer**",
        "under 18",
        "[GOV.UK](https://www.gov.uk/guidance/carers-act)",
        "- on the appearance of need;",
        "1. from a parent.",
        // Tables come in as their cells' text for now.
        "Age",
        "Assess",
    ] {
        assert!(body.contains(expected), "{expected} in\n{body}");
    }
}

#[test]
fn a_page_s_buttons_stray_text_sentences_long_amendments_and_missing_related_chapters() {
    let dir = tempfile::tempdir().unwrap();
    let manual = dir.path().join("consulted.ron");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/word/consulted.ron"),
        &manual,
    )
    .unwrap();
    let out = import(&manual, &["statutory-visits.html"], true);
    let stdout = String::from_utf8_lossy(&out.stdout);
    // The repeated site button is furniture: the page matches its chapter.
    assert!(
        stdout.contains("statutory-visits.html: 1.1 Statutory Visits"),
        "{stdout}"
    );
    assert!(
        stdout.contains("site furniture skipped: 1 blocks"),
        "{stdout}"
    );
    let visits = entry(&manual, "visits");
    let chapter = visits.chapter_details().unwrap();
    // A sentence between the chapter's contents list and its first
    // heading ends the list and starts the text; "See also Reviews."
    // inside a paragraph stays text.
    assert!(
        chapter.body.starts_with(
            "Social workers must read this chapter with the care planning chapter.\n\n### 1. Introduction"
        ),
        "{}",
        chapter.body
    );
    assert!(
        chapter
            .body
            .contains("Visits are statutory. See also Reviews.")
    );
    assert!(!chapter.body.contains("Not understood"), "{}", chapter.body);
    // Two paragraphs of amendment: one note, dated, in its month's update
    // (made, as the manual had none).
    assert_eq!(chapter.amendments.len(), 1);
    let amendment = &chapter.amendments[0];
    assert_eq!(
        amendment.text,
        "This chapter was amended in March 2024 to add a section on virtual visits. Links to \
         the regulations were also updated."
    );
    assert_eq!(
        (amendment.date.as_str(), amendment.update.as_str()),
        ("2024-03", "March 2024")
    );
    let made = format::load(&manual).unwrap();
    let update = made
        .updates
        .iter()
        .find(|u| u.label == "March 2024")
        .unwrap();
    assert_eq!((update.date.as_str(), update.published), ("2024-03", true));
    // Related chapters: one in the manual, one missing (kept as a related
    // chapter that check reports, never like guidance), then guidance.
    assert_eq!(
        visits.see_also,
        [
            SeeAlso::internal(EntryId::new("reviews")),
            SeeAlso::internal(EntryId::new("missing-independent-visitors")),
            SeeAlso::external(
                "Visits Guidance",
                Some("https://www.gov.uk/visits".into()),
                None
            ),
        ]
    );
    assert!(
        stdout.contains("\"Independent Visitors\" is not in the manual"),
        "{stdout}"
    );
    let check = Command::new(env!("CARGO_BIN_EXE_manual-editor"))
        .arg("check")
        .arg(&manual)
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&check.stdout)
            .contains("missing entry 'missing-independent-visitors'")
            || String::from_utf8_lossy(&check.stderr)
                .contains("missing entry 'missing-independent-visitors'")
    );
}
