//! `check --style`: findings by chapter, the JSON's shape, the owner's
//! report page, and exit 0 (advice, never errors).

use std::path::{Path, PathBuf};

use manual_editor::model::EntryId;
use manual_editor::store::format;

use crate::common::{run_in, temp_sample, text};

/// Stockport with two chapters given the fixtures' text.
fn manual_with_text(dir: &Path) -> PathBuf {
    let path = temp_sample(dir, "stockport.ron");
    let mut manual = format::load(&path).unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/style");
    let read = |name: &str| std::fs::read_to_string(fixtures.join(name)).unwrap();
    let chapter = manual.chapter_mut(&EntryId::new("young-carers-2")).unwrap();
    chapter.body = format!(
        "{}\n\n{}",
        read("long-sentence.md"),
        read("word-to-avoid.md")
    );
    let chapter = manual
        .chapter_mut(&EntryId::new("confidentiality-policy"))
        .unwrap();
    chapter.scope = "Read [click here](https://example.org/x).".into();
    chapter.body = read("undefined-abbreviation.md");
    format::save(&manual, &path).unwrap();
    path
}

#[test]
fn check_style_lists_findings_by_chapter_and_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    manual_with_text(dir.path());
    let out = run_in(dir.path(), &["check", "--style", "stockport.ron"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines.contains(
        &"1.1.2 Confidentiality Policy: scope, line 1: link text \u{201c}click here\u{201d} does not say where it goes: use the name of the page or document [vague-link-text]"
    ), "{stdout}");
    assert!(lines.contains(
        &"4.8.1 Young Carers: text, line 8: \u{201c}utilise\u{201d}: use \u{201c}use\u{201d} [word-to-avoid]"
    ), "{stdout}");
    assert!(
        stdout.contains("stockport.ron: 11 findings in 2 chapters of 171 (advice, not errors)"),
        "{stdout}"
    );
    assert!(stdout.contains("Reading ages (chapters): "), "{stdout}");
}

#[test]
fn the_json_gives_each_chapter_its_reading_age_and_findings() {
    let dir = tempfile::tempdir().unwrap();
    manual_with_text(dir.path());
    let out = run_in(
        dir.path(),
        &["check", "--style", "--format", "json", "stockport.ron"],
    );
    assert_eq!(out.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["chapters"], 171);
    assert_eq!(report["findings"], 11);
    assert_eq!(report["sentence_words"], 25);
    assert_eq!(report["reading_ages"].as_array().unwrap().len(), 5);
    let carers = report["by_chapter"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["entry"] == "young-carers-2")
        .unwrap();
    assert_eq!(carers["place"], "4.8.1 Young Carers");
    assert!(carers["reading_age"].as_f64().unwrap() > 5.0);
    let first = &carers["findings"][0];
    assert_eq!(first[0], "body");
    assert_eq!(first[1]["rule"], "long-sentence");
    assert_eq!(first[1]["line"], 3);
    assert!(
        first[1]["context"]
            .as_str()
            .unwrap()
            .starts_with("When a referral")
    );
    let word = &carers["findings"][1][1];
    assert_eq!(word["rule"], "word-to-avoid");
    assert_eq!(word["fix"], "use");
}

#[test]
fn the_report_page_lists_chapters_by_reading_age_and_findings_with_their_sentences() {
    let dir = tempfile::tempdir().unwrap();
    manual_with_text(dir.path());
    let out = run_in(
        dir.path(),
        &[
            "check",
            "--style",
            "--report",
            "style.html",
            "stockport.ron",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let page = std::fs::read_to_string(dir.path().join("style.html")).unwrap();
    let html = scraper::Html::parse_document(&page);
    let select = |css: &str| scraper::Selector::parse(css).unwrap();
    assert_eq!(
        html.select(&select("html"))
            .next()
            .unwrap()
            .value()
            .attr("lang"),
        Some("en-GB")
    );
    let headings: Vec<String> = html
        .select(&select("h2"))
        .map(|h| h.text().collect())
        .collect();
    assert_eq!(
        headings,
        [
            "Reading ages",
            "Chapters by reading age, hardest first",
            "Chapters by findings, most first"
        ]
    );
    // Every header cell says what it heads.
    assert!(
        html.select(&select("th"))
            .all(|th| th.value().attr("scope") == Some("col"))
    );
    let sections: Vec<String> = html
        .select(&select("section h3"))
        .map(|h| h.text().collect())
        .collect();
    assert_eq!(
        sections,
        [
            "4.8.1 Young Carers (7 findings)",
            "1.1.2 Confidentiality Policy (4 findings)"
        ]
    );
    let quotes: Vec<String> = html
        .select(&select("blockquote"))
        .map(|q| q.text().collect())
        .collect();
    assert!(
        quotes
            .iter()
            .any(|q| q.starts_with("When a referral is received"))
    );
    assert!(html.select(&select("script")).next().is_none());
}

#[test]
fn the_report_counts_the_chapters_with_findings_among_all() {
    let dir = tempfile::tempdir().unwrap();
    manual_with_text(dir.path());
    run_in(
        dir.path(),
        &[
            "check",
            "--style",
            "--report",
            "style.html",
            "stockport.ron",
        ],
    );
    let page = std::fs::read_to_string(dir.path().join("style.html")).unwrap();
    let html = scraper::Html::parse_document(&page);
    let first: String = html
        .select(&scraper::Selector::parse("main > p").unwrap())
        .next()
        .unwrap()
        .text()
        .collect();
    assert!(
        first.starts_with("11 findings in 2 chapters of 171."),
        "{first}"
    );
}
