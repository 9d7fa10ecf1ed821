//! The command line: running each subcommand (their arguments are in
//! `args.rs`), and the file to open in the window when no subcommand is
//! given.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;

/// `println!` with control characters escaped: titles and ids come from
/// files anyone can commit, and a terminal obeys escape sequences.
/// A reader that goes away (`check … | head`) is no error: what is left
/// unprinted is dropped, where `println!` would panic.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let text = $crate::cli::terminal_safe(&format!($($arg)*)).into_owned();
        let _ = writeln!(std::io::stdout(), "{text}");
    }};
}

/// `eprintln!` with control characters escaped, as [`say!`].
macro_rules! tell {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let text = $crate::cli::terminal_safe(&format!($($arg)*)).into_owned();
        let _ = writeln!(std::io::stderr(), "{text}");
    }};
}

mod args;
mod git;
mod links;
mod pack;
mod sign_off;
mod style;
mod template;
mod word;

use crate::document::Document;
use crate::import::{self, ImportOptions};
use crate::store::format;
pub use args::{
    Cli, Command, PackAction, PublishArgs, SampleName, TemplateAction, UpdateAction, VersionsAction,
};

/// Exit code for a manual whose warnings matter (dangling links, duplicate ids).
pub const EXIT_WARNINGS: u8 = 1;
/// Exit code for a file that cannot be read or parsed.
pub const EXIT_UNREADABLE: u8 = 2;

/// Runs a subcommand and returns the process exit code. Errors are printed
/// here, once.
pub fn run(command: Command) -> ExitCode {
    let result = match command {
        Command::Check { file, reviews, .. } if reviews => check_reviews(&file),
        Command::Check {
            file,
            style: true,
            format,
            report,
            ..
        } => style::check_style(&file, format == args::ReportFormat::Json, report.as_deref()),
        Command::Check {
            file,
            links: true,
            timeout,
            fresh,
            format,
            ..
        } => links::check_links(&file, timeout, fresh, format == args::ReportFormat::Json),
        Command::Check {
            file,
            files,
            format,
            on,
            ..
        } => check(&file, files, format == args::ReportFormat::Json, on),
        Command::Diff { files, amendments } => match files.as_slice() {
            [old, new] | [_, old, _, _, new, _, _] => diff(old, new, amendments),
            _ => Err(anyhow::anyhow!(
                "diff takes OLD.ron NEW.ron (or git's seven diff-driver arguments)"
            )),
        },
        Command::Update {
            action: UpdateAction::List { file },
        } => update_list(&file),
        Command::Pack { action } => pack::run(action),
        Command::Template { action } => template::run(action),
        Command::Reviews { file, ics } => reviews_calendar(&file, &ics),
        Command::Versions {
            action: VersionsAction::List { file },
        } => sign_off::versions_list(&file),
        Command::Versions {
            action: VersionsAction::Show { file, at, id, html },
        } => sign_off::versions_show(&file, &at, &id, html),
        Command::Versions {
            action: VersionsAction::History { file, id },
        } => sign_off::versions_history(&file, &id),
        Command::Approve {
            file,
            ids,
            by,
            role,
            comment,
            date,
        } => sign_off::approve(&file, &ids, &by, &role, &comment, date),
        Command::Update {
            action: UpdateAction::SignOff { file },
        } => sign_off::list(&file),
        Command::Update {
            action:
                UpdateAction::Publish {
                    file,
                    date,
                    without_sign_off,
                },
        } => sign_off::publish(&file, date, without_sign_off.as_deref()),
        Command::Merge {
            base,
            ours,
            theirs,
            out,
        } => git::merge_files(&base, &ours, &theirs, out.as_deref()),
        Command::GitSetup { repo } => git::setup(repo.as_deref()),
        Command::Update {
            action: UpdateAction::Start { file, label, date },
        } => update_start(&file, &label, date),
        Command::Update {
            action:
                UpdateAction::Rename {
                    file,
                    old,
                    new,
                    date,
                },
        } => update_rename(&file, &old, &new, date),
        Command::Fmt { file, check } => fmt(&file, check),
        Command::ExportDocx {
            file,
            out,
            date,
            ids,
        } => word::export_docx(&file, &out, date, &ids),
        Command::ImportDocx {
            document,
            out,
            title,
            authority,
        } => word::import_docx(&document, &out, title, authority),
        Command::ImportResponse {
            manual,
            document,
            accept_all,
            format,
            ..
        } => word::import_response(&manual, &document, accept_all, format),
        Command::Import {
            contents,
            out,
            title,
            authority,
            report,
        } => import_file(&contents, &out, title, authority, report.as_deref()),
        Command::ImportAmendments { manual, page } => import_amendments(&manual, &page),
        Command::ImportChapters {
            manual,
            pages,
            replace,
        } => import_chapters(&manual, &pages, replace),
        Command::Export {
            file,
            out,
            publish,
            draft,
            show_changes,
            archive,
            pdf,
            theme,
        } => export(
            &file,
            &out,
            publish,
            crate::document::ExportChoice {
                draft,
                show_changes,
                archive,
            },
            pdf.as_deref(),
            theme,
        ),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            tell!("error: {}", error_text(&error));
            ExitCode::from(EXIT_UNREADABLE)
        }
    }
}

/// `text` fit for a terminal: control characters (ESC, BEL …) and the
/// characters that reorder text on screen are written as `\u{1b}`, so no
/// title can set the window's title, write the clipboard or hide text.
/// Line breaks and tabs stay.
pub fn terminal_safe(text: &str) -> std::borrow::Cow<'_, str> {
    let is_unsafe = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(is_unsafe) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// An error and its causes in one line, leaving out a cause whose text the
/// message already holds (our load and save errors name their cause).
fn error_text(error: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in error.chain() {
        let cause = cause.to_string();
        if !text.contains(&cause) {
            if !text.is_empty() {
                text.push_str(": ");
            }
            text.push_str(&cause);
        }
    }
    // A file damaged by an interrupted save: its last good version is
    // usually beside it.
    if let Some(format::LoadError::Syntax { path, .. }) = error.downcast_ref::<format::LoadError>()
    {
        let backup = format::backup_path(path);
        if backup.is_file() {
            text.push_str(&format!(
                " (the version before the last save is kept at {}: check it, then copy it over)",
                backup.display()
            ));
        }
    }
    text
}

fn check(
    file: &Path,
    list_unused: bool,
    json: bool,
    on: Option<String>,
) -> anyhow::Result<ExitCode> {
    use crate::document::problems::{Severity, problems, summary};
    let today = on.unwrap_or_else(crate::model::date::today_iso);
    if !crate::model::is_iso_date(&today) || today.len() != 10 {
        anyhow::bail!("the date '{today}' is not YYYY-MM-DD");
    }
    let manual = format::load(file)?;
    let found = problems(&manual, &manual.validate(), Some(file), Some(&today));
    let errors = found
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let unused = if list_unused {
        let folder = crate::store::files::folder(file);
        crate::store::files::unused(&manual, file)
            .with_context(|| format!("cannot list {}", folder.display()))?
            .into_iter()
            .map(|name| folder.join(name).display().to_string())
            .collect()
    } else {
        Vec::new()
    };
    if json {
        #[derive(serde::Serialize)]
        struct Report<'a> {
            file: String,
            chapters: usize,
            errors: usize,
            warnings: usize,
            problems: &'a [crate::document::problems::Problem],
            #[serde(skip_serializing_if = "Vec::is_empty")]
            unused_files: Vec<String>,
        }
        let report = Report {
            file: file.display().to_string(),
            chapters: manual.chapter_count(),
            errors,
            warnings: found.len() - errors,
            problems: &found,
            unused_files: unused,
        };
        say!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        for problem in &found {
            let level = problem.severity.word();
            say!("{level}: {}", terminal_safe(&problem.to_string()));
        }
        for name in &unused {
            say!("unused: {name} (no chapter links it)");
        }
        say!(
            "{}: {}, {}",
            file.display(),
            crate::model::counted(manual.chapter_count(), "chapter", "chapters"),
            summary(&found)
        );
    }
    Ok(if errors > 0 {
        ExitCode::from(EXIT_WARNINGS)
    } else {
        ExitCode::SUCCESS
    })
}

fn check_reviews(file: &Path) -> anyhow::Result<ExitCode> {
    let manual = format::load(file)?;
    let due = manual.reviews_due(&crate::model::date::today_iso());
    for review in &due {
        let state = if review.is_overdue { "overdue" } else { "due" };
        let manager = review
            .manager
            .as_deref()
            .map(|m| format!(" (responsible manager: {m})"))
            .unwrap_or_default();
        say!("{state} {}: {}{manager}", review.due, review.label);
    }
    let undated = manual.chapters_without_review();
    for (_, label) in &undated {
        say!("no review date: {label}");
    }
    let overdue = due.iter().filter(|r| r.is_overdue).count();
    say!(
        "{}: {overdue} reviews overdue, {} due within three months, {} with no review date",
        file.display(),
        due.len() - overdue,
        crate::model::counted(undated.len(), "chapter", "chapters")
    );
    Ok(if overdue > 0 {
        ExitCode::from(EXIT_WARNINGS)
    } else {
        ExitCode::SUCCESS
    })
}

fn reviews_calendar(file: &Path, ics: &Path) -> anyhow::Result<ExitCode> {
    let manual = format::load(file)?;
    let (text, unreadable) = crate::export::review_calendar::review_calendar(&manual);
    let events = text.matches("BEGIN:VEVENT").count();
    if events == 0 {
        tell!(
            "error: {}: no chapter has a review date (review_due), so there is nothing to \
             put in a calendar; nothing was written",
            file.display()
        );
        return Ok(ExitCode::from(EXIT_UNREADABLE));
    }
    crate::store::write::write_document(ics, text.as_bytes())
        .with_context(|| format!("cannot write {}", ics.display()))?;
    if unreadable > 0 {
        tell!(
            "warning: {} left out: not a real date (check names them)",
            crate::model::counted(unreadable, "review date", "review dates")
        );
    }
    say!(
        "wrote {} to {}",
        crate::model::counted(events, "review date", "review dates"),
        ics.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn diff(old: &Path, new: &Path, as_notes: bool) -> anyhow::Result<ExitCode> {
    let before = format::load(old)?;
    let after = format::load(new)?;
    let changes = crate::model::diff(&before, &after);
    for change in &changes {
        if as_notes {
            say!("{}", change.draft_note());
        } else {
            say!("{change}");
        }
    }
    if changes.is_empty() {
        say!("no changes");
    }
    Ok(ExitCode::SUCCESS)
}

fn update_list(file: &Path) -> anyhow::Result<ExitCode> {
    let manual = format::load(file)?;
    if manual.updates.is_empty() {
        say!("{}: no updates recorded", file.display());
    }
    for update in &manual.updates {
        let (mut added, mut amended) = (0, 0);
        manual.walk(|_, entry, _| {
            if let Some(chapter) = entry.chapter_details() {
                added += usize::from(chapter.added_in.as_deref() == Some(update.label.as_str()));
                amended += usize::from(chapter.amendments.iter().any(|a| a.update == update.label));
            }
        });
        let state = if update.published {
            "published"
        } else {
            "open"
        };
        let date = if update.date.is_empty() {
            "undated"
        } else {
            &update.date
        };
        say!(
            "{} ({date}, {state}): {added} new, {amended} updated",
            update.label
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn update_start(file: &Path, label: &str, date: Option<String>) -> anyhow::Result<ExitCode> {
    let mut doc = Document::open_to_change(file)?;
    let date = date.unwrap_or_else(|| crate::model::date::today_iso().chars().take(7).collect());
    let manual = doc.manual();
    let previous = manual.current_update().map(|u| u.label.clone());
    let updates = manual.updates_after_starting(label, &date)?;
    change_and_save(&mut doc, vec![crate::edit::Edit::SetUpdates { updates }])?;
    match previous {
        Some(previous) => say!("published “{previous}”; started “{}”", label.trim()),
        None => say!("started “{}”", label.trim()),
    }
    Ok(ExitCode::SUCCESS)
}

fn update_rename(
    file: &Path,
    old: &str,
    new: &str,
    date: Option<String>,
) -> anyhow::Result<ExitCode> {
    let mut doc = Document::open_to_change(file)?;
    let manual = doc.manual();
    let date = date.unwrap_or_else(|| {
        manual
            .updates
            .iter()
            .find(|u| u.label == old)
            .map_or_else(String::new, |u| u.date.clone())
    });
    let renamed = manual.with_update_renamed(old, new, &date)?;
    change_and_save(
        &mut doc,
        vec![crate::edit::Edit::ReplaceAll {
            manual: Box::new(renamed),
        }],
    )?;
    say!("renamed “{old}” to “{}”", new.trim());
    Ok(ExitCode::SUCCESS)
}

fn fmt(file: &Path, check_only: bool) -> anyhow::Result<ExitCode> {
    let text = format::read_text(file)?;
    let manual = format::from_str(&text, file)?;
    let canonical = format::to_canonical_string(&manual)?;
    if canonical == text {
        return Ok(ExitCode::SUCCESS);
    }
    if check_only {
        say!(
            "{} is not in canonical form (run: manual-editor fmt {})",
            file.display(),
            file.display()
        );
        return Ok(ExitCode::from(EXIT_WARNINGS));
    }
    let saved = format::write_atomically(file, canonical.as_bytes())
        .with_context(|| format!("cannot write {}", file.display()))?;
    warn_saved(file, &saved);
    say!("formatted {}", file.display());
    Ok(ExitCode::SUCCESS)
}

/// Says on stderr what a save could not do besides writing the file.
pub(super) fn warn_saved(file: &Path, saved: &format::Saved) {
    if let Some(warning) = saved.warning_text() {
        tell!("warning: saved {}, but {warning}", file.display());
    }
}

/// The most lines of an importer's report printed on the terminal; the
/// rest are counted ("and N more") and all go to `--report FILE`.
const REPORT_LINES: usize = 50;

/// Prints `report` (at most [`REPORT_LINES`] lines) and writes it whole to
/// `to`, when given.
fn print_report(report: &str, to: Option<&Path>) -> anyhow::Result<()> {
    use std::io::Write as _;
    let lines: Vec<&str> = report.lines().collect();
    let mut shown = lines[..lines.len().min(REPORT_LINES)].join("\n");
    shown.push('\n');
    if lines.len() > REPORT_LINES {
        let more = lines.len() - REPORT_LINES;
        shown.push_str(&match to {
            Some(file) => format!("… and {more} more lines, in {}\n", file.display()),
            None => format!("… and {more} more lines (write them all with --report FILE)\n"),
        });
    }
    let _ = write!(std::io::stdout(), "{}", terminal_safe(&shown));
    if let Some(file) = to {
        crate::store::write::write_document(file, report.as_bytes())
            .with_context(|| format!("cannot write the report to {}", file.display()))?;
    }
    Ok(())
}

fn import_file(
    contents: &Path,
    out: &Path,
    title: Option<String>,
    authority: Option<String>,
    report_file: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let (text, encoding) = import::read_source(contents).map_err(anyhow::Error::msg)?;
    if encoding != "UTF-8" {
        tell!("{}: read as {encoding}", contents.display());
    }
    let options = ImportOptions {
        title,
        authority,
        file_stem: contents
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned()),
    };
    let (manual, report) = import::import_text(&text, &options);
    if let Some(refusal) = report.refusal() {
        print_report(&report.to_string(), report_file)?;
        tell!(
            "error: {}: {refusal}; nothing was written",
            contents.display()
        );
        return Ok(ExitCode::from(2));
    }
    let saved = format::save(&manual, out)?;
    warn_saved(out, &saved);
    print_report(&report.to_string(), report_file)?;
    say!("wrote {}", out.display());
    Ok(ExitCode::SUCCESS)
}

fn import_chapters(file: &Path, pages: &[PathBuf], replace: bool) -> anyhow::Result<ExitCode> {
    let mut doc = Document::open_to_change(file)?;
    let pages = pages
        .iter()
        .map(|page| import::read_page(page).map_err(anyhow::Error::msg))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let folder = crate::store::files::folder_link_name(file);
    let import::chapters::PageImport {
        edits,
        reports,
        files,
    } = import::chapters::import_page_files(doc.manual(), &pages, Some(&folder), replace);
    let mut clean = true;
    for report in &reports {
        {
            use std::io::Write as _;
            let _ = write!(std::io::stdout(), "{}", terminal_safe(&report.to_string()));
        }
        clean &=
            report.matched.is_some() && report.not_understood.is_empty() && report.notes.is_empty();
    }
    if edits.is_empty() {
        say!("nothing to change in {}", file.display());
    } else {
        let count = import::chapters::chapters_filled(&edits);
        for (name, bytes) in &files {
            crate::store::files::write_new(file, name, bytes).map_err(|error| {
                anyhow::anyhow!("cannot copy a picture in: {error}; nothing was changed")
            })?;
        }
        if !files.is_empty() {
            say!(
                "copied {} into {folder}",
                crate::model::counted(files.len(), "picture", "pictures")
            );
        }
        change_and_save(&mut doc, edits)?;
        say!("wrote {} ({count} chapters filled)", file.display());
    }
    Ok(if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_WARNINGS)
    })
}

fn import_amendments(file: &Path, page_file: &Path) -> anyhow::Result<ExitCode> {
    let mut doc = Document::open_to_change(file)?;
    let (text, _) = import::read_source(page_file).map_err(anyhow::Error::msg)?;
    let page = import::amendments::parse(&text);
    let Some((edits, report)) = import::amendments::edits(doc.manual(), &page) else {
        tell!(
            "error: {}: no update heading such as \"April 2024\" was found; nothing was changed",
            page_file.display()
        );
        return Ok(ExitCode::from(2));
    };
    {
        use std::io::Write as _;
        let _ = write!(std::io::stdout(), "{}", terminal_safe(&report.to_string()));
    }
    if report.updated + report.added == 0 && report.already == 0 {
        tell!(
            "error: {}: no row matched a chapter of {}; nothing was changed",
            page_file.display(),
            file.display()
        );
        return Ok(ExitCode::from(2));
    }
    if !edits.is_empty() {
        change_and_save(&mut doc, edits)?;
        say!("wrote {}", file.display());
    }
    Ok(if report.is_clean() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_WARNINGS)
    })
}

/// Says why a change to `file` was refused, and that nothing was written;
/// the exit code for it.
fn refused(file: &Path, why: &dyn std::fmt::Display) -> ExitCode {
    tell!(
        "error: {}: {} (nothing was written)",
        file.display(),
        terminal_safe(&why.to_string())
    );
    ExitCode::from(EXIT_UNREADABLE)
}

/// Saves a document changed through its own rules over its file, unless
/// someone changed the file since it was read.
fn change_saved(doc: &mut Document) -> anyhow::Result<()> {
    let file = doc
        .path()
        .map(Path::to_path_buf)
        .ok_or_else(|| anyhow::anyhow!("the manual has no file to save to"))?;
    let saved = doc.save_to(&file)?;
    warn_saved(&file, &saved);
    Ok(())
}

/// Applies `edits` to an open manual with the rules the window follows
/// (a move or rename in an open update drafts its note) and saves it over
/// its file, unless someone changed the file since it was read.
pub(super) fn change_and_save(
    doc: &mut Document,
    edits: Vec<crate::edit::Edit>,
) -> anyhow::Result<()> {
    doc.apply(edits, None, 0.0)?;
    change_saved(doc)
}

fn export(
    file: &Path,
    out: &Path,
    publish: PublishArgs,
    choice: crate::document::ExportChoice,
    pdf: Option<&Path>,
    theme: Option<PathBuf>,
) -> anyhow::Result<ExitCode> {
    let mut options = publish.options()?;
    options.files = Some(file.to_path_buf());
    options.theme = theme;
    // While an update is open, what was last published (never the working
    // copy unless --draft says so).
    let doc = Document::open(file)?;
    let prepared = doc.prepare_export(choice)?;
    for note in &prepared.notes {
        tell!("{note}");
    }
    options.draft = prepared.chosen.draft;
    options.changes = prepared.changes;
    options.archive = prepared.archive;
    let chosen = prepared.chosen;
    let manual = chosen.manual;
    for warning in manual.validate().iter().filter(|w| w.is_serious()) {
        tell!("warning: {warning}");
    }
    let started = std::time::Instant::now();
    let mut last_stage = String::new();
    let count = crate::export::export_html(&manual, &options, out, &mut |stage, done, total| {
        if stage != last_stage {
            tell!("{stage}…");
            last_stage = stage.to_string();
        }
        let _ = (done, total);
    })
    .with_context(|| format!("export of {} failed", file.display()))?;
    say!(
        "exported {} files to {} in {} ms (published {})",
        count,
        out.display(),
        started.elapsed().as_millis(),
        options.date
    );
    if let Some(pdf) = pdf {
        let pages = crate::store::print::print_manual(&manual, &options, pdf)?;
        say!("wrote {} ({pages})", pdf.display());
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod error_tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_escaped_in_the_terminal() {
        assert_eq!(terminal_safe("4.1 Young Carers"), "4.1 Young Carers");
        assert_eq!(
            terminal_safe("a\u{1b}]0;owned\u{7}b\u{202e}c\nd\te"),
            "a\\u{1b}]0;owned\\u{7}b\\u{202e}c\nd\te"
        );
    }

    #[test]
    fn a_cause_already_in_the_message_is_not_repeated() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "No such file");
        let error = anyhow::Error::new(format::LoadError::Io {
            path: "m.ron".into(),
            source: io,
        })
        .context("the pack's manual m.ron cannot be read");
        assert_eq!(
            error_text(&error),
            "the pack's manual m.ron cannot be read: cannot read m.ron: No such file"
        );
    }
}
