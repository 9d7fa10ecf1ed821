//! Word in and out on the command line: consultation copies
//! (`export-docx`), a whole manual from one document (`import-docx`), and
//! the copy that comes back (`import-response`).

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

use super::args::ReportFormat;
use super::{EXIT_WARNINGS, change_and_save, terminal_safe, warn_saved};
use crate::document::Document;
use crate::import::{self, ImportOptions};
use crate::store::format;

/// Prints `text` on stdout, made safe for a terminal.
fn print(text: &str) {
    use std::io::Write as _;
    let _ = write!(std::io::stdout(), "{}", terminal_safe(text));
}

/// Reads a Word document as a regular file of bounded size.
fn read_word(path: &Path) -> anyhow::Result<Vec<u8>> {
    use crate::store::read::{Links, read_regular};
    let bytes = read_regular(path, format::MAX_FILE_BYTES, Links::Follow)
        .map_err(|error| anyhow::anyhow!("cannot read {}: {error}", path.display()))?;
    if !import::docx::is_docx(&bytes) {
        anyhow::bail!(
            "{} is not a Word document (.docx): save it from Word as \"Word Document (*.docx)\"",
            path.display()
        );
    }
    Ok(bytes)
}

pub(super) fn export_docx(
    file: &Path,
    out: &Path,
    date: Option<String>,
    ids: &[String],
) -> anyhow::Result<ExitCode> {
    let date = date.unwrap_or_else(crate::model::date::today_iso);
    if !crate::model::is_iso_date(&date) || date.len() != 10 {
        anyhow::bail!("the date '{date}' is not YYYY-MM-DD");
    }
    let manual = format::load(file)?;
    let ids: Vec<crate::model::EntryId> = ids.iter().map(crate::model::EntryId::new).collect();
    let pictures = |link: &str| crate::store::files::read_linked(file, link);
    let bytes = crate::export::docx::consultation_docx_with(&manual, &ids, &date, &pictures)?;
    crate::store::write::write_document(out, &bytes)
        .with_context(|| format!("cannot write {}", out.display()))?;
    say!(
        "wrote {} ({} KB)",
        out.display(),
        bytes.len().div_ceil(1024)
    );
    Ok(ExitCode::SUCCESS)
}

pub(super) fn import_docx(
    document: &Path,
    out: &Path,
    title: Option<String>,
    authority: Option<String>,
) -> anyhow::Result<ExitCode> {
    let bytes = read_word(document)?;
    let word = import::docx::read(&bytes, import::docx::Changes::Accepted)
        .map_err(|error| anyhow::anyhow!("{}: {error}", document.display()))?;
    let stem = document
        .file_stem()
        .map_or_else(|| "document".into(), |s| s.to_string_lossy().into_owned());
    let options = ImportOptions {
        title,
        authority,
        file_stem: Some(stem.clone()),
    };
    let folder = crate::store::files::folder_link_name(out);
    let made = import::word_manual::import_word(&word, &stem, &folder, &options);
    print(&made.to_string());
    if let Some(refusal) = made.refusal() {
        tell!(
            "error: {}: {refusal}; nothing was written",
            document.display()
        );
        return Ok(ExitCode::from(2));
    }
    for (name, bytes) in &made.files {
        crate::store::files::write_new(out, name, bytes)
            .map_err(|error| anyhow::anyhow!("cannot copy a picture in: {error}"))?;
    }
    let saved = format::save(&made.manual, out)?;
    warn_saved(out, &saved);
    say!("wrote {}", out.display());
    Ok(
        if made.notes.is_empty()
            && made.chapters.is_empty()
            && made.report.not_understood.is_empty()
        {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(EXIT_WARNINGS)
        },
    )
}

pub(super) fn import_response(
    file: &Path,
    document: &Path,
    accept_all: bool,
    report_format: ReportFormat,
) -> anyhow::Result<ExitCode> {
    let bytes = read_word(document)?;
    let mut doc = Document::open_to_change(file)?;
    let pictures = |link: &str| crate::store::files::read_linked(file, link);
    let review = match crate::document::response::review(doc.manual(), &bytes, &pictures) {
        Ok(review) => review,
        Err(error) => {
            tell!(
                "error: {}: {error}; nothing was changed",
                document.display()
            );
            return Ok(ExitCode::from(2));
        }
    };
    match report_format {
        ReportFormat::Text => print(&review.to_string()),
        ReportFormat::Json => print(&format!(
            "{}\n",
            serde_json::to_string_pretty(&review).context("cannot write the report")?
        )),
    }
    if !accept_all {
        return Ok(ExitCode::SUCCESS);
    }
    let all: Vec<Vec<bool>> = review
        .chapters
        .iter()
        .map(|c| vec![true; c.proposals.len()])
        .collect();
    let edits = crate::document::response::accepted_edits(doc.manual(), &review, &all);
    if edits.is_empty() {
        say!("nothing to change in {}", file.display());
        return Ok(ExitCode::SUCCESS);
    }
    let count = edits.len();
    change_and_save(&mut doc, edits)?;
    say!(
        "wrote {} ({} changed)",
        file.display(),
        crate::model::counted(count, "chapter", "chapters")
    );
    Ok(ExitCode::SUCCESS)
}
