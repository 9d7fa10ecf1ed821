//! `check --style`: the chapters' words checked for plain English and
//! accessibility, each chapter's reading age, and a page for the owner.
//! Advice, never errors: the exit code is 0.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

use crate::model::style::{ChapterStyle, StyleField, check_manual, reading_age_bands};
use crate::store::format;

pub fn check_style(file: &Path, json: bool, report: Option<&Path>) -> anyhow::Result<ExitCode> {
    let manual = format::load(file)?;
    let chapters = check_manual(&manual);
    let findings: usize = chapters.iter().map(|c| c.findings.len()).sum();
    if let Some(out) = report {
        let page = crate::export::style_report::report_page(&manual.title, &chapters);
        crate::store::write::write_document(out, page.as_bytes())
            .with_context(|| format!("cannot write {}", out.display()))?;
    }
    if json {
        #[derive(serde::Serialize)]
        struct Report<'a> {
            file: String,
            chapters: usize,
            findings: usize,
            sentence_words: usize,
            rules_off: Vec<&'static str>,
            reading_ages: Vec<Band>,
            by_chapter: &'a [ChapterStyle],
        }
        #[derive(serde::Serialize)]
        struct Band {
            band: &'static str,
            chapters: usize,
        }
        let report = Report {
            file: file.display().to_string(),
            chapters: chapters.len(),
            findings,
            sentence_words: manual.style.sentence_limit(),
            rules_off: manual.style.off.iter().map(|r| r.id()).collect(),
            reading_ages: reading_age_bands(&chapters)
                .into_iter()
                .map(|(band, chapters)| Band { band, chapters })
                .collect(),
            by_chapter: &chapters,
        };
        say!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(ExitCode::SUCCESS);
    }
    for chapter in &chapters {
        for (field, finding) in &chapter.findings {
            let field = match field {
                StyleField::Scope => "scope",
                StyleField::Body => "text",
            };
            say!(
                "{}: {field}, line {}: {} [{}]",
                chapter.place,
                finding.line,
                finding.message,
                finding.rule.id()
            );
        }
    }
    let with = chapters.iter().filter(|c| !c.findings.is_empty()).count();
    say!(
        "{}: {} in {} of {} (advice, not errors)",
        file.display(),
        crate::model::counted(findings, "finding", "findings"),
        crate::model::counted(with, "chapter", "chapters"),
        chapters.len()
    );
    let bands: Vec<String> = reading_age_bands(&chapters)
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(band, n)| format!("{band}: {n}"))
        .collect();
    if !bands.is_empty() {
        say!("Reading ages (chapters): {}", bands.join(", "));
    }
    if let Some(out) = report {
        say!("The report is in {}", out.display());
    }
    Ok(ExitCode::SUCCESS)
}
