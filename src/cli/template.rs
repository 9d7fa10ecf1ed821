//! `template new`, `template status` and `template pull`: a council's local
//! manual and the national or regional template it localises.

use std::path::Path;
use std::process::ExitCode;

use super::{EXIT_WARNINGS, TemplateAction, change_and_save, terminal_safe};
use crate::document::Document;
use crate::edit::Edit;
use crate::model::template;
use crate::store::format;
use crate::store::template::{self as template_files, TemplateFileError};

/// Runs a `template` subcommand.
pub(super) fn run(action: TemplateAction) -> anyhow::Result<ExitCode> {
    match action {
        TemplateAction::New {
            template,
            out,
            authority,
            title,
        } => {
            let made = template_files::new_local(&template, &out, &authority, title.as_deref())?;
            let update = made.template.as_ref().map_or("", |t| t.update.as_str());
            say!(
                "wrote {} ({} chapters from “{}”, {update}); the template version is kept in {}",
                out.display(),
                made.chapter_count(),
                made.template.as_ref().map_or("", |t| t.title.as_str()),
                template_files::folder(&out).display()
            );
            Ok(ExitCode::SUCCESS)
        }
        TemplateAction::Status { file } => status(&file),
        TemplateAction::Pull {
            file,
            template,
            rebase,
        } => pull(&file, &template, rebase),
    }
}

fn status(file: &Path) -> anyhow::Result<ExitCode> {
    let manual = format::load(file)?;
    let source = manual
        .template
        .as_ref()
        .ok_or(template::PullRefused::NoTemplate)?;
    let base = template_files::read_base(file, source)?;
    let status = template::status(&manual, &base);
    say!(
        "template: “{}”, {} ({})",
        source.title,
        if source.update.is_empty() {
            "no update"
        } else {
            source.update.as_str()
        },
        source.path
    );
    for (heading, labels) in [
        ("changed here", &status.changed),
        ("local", &status.local),
        ("removed here", &status.removed),
    ] {
        say!("{heading}: {}", labels.len());
        for label in labels {
            say!("  {label}");
        }
    }
    match template_files::recorded_template_update(file, source) {
        Some(update) if update != source.update => say!(
            "the template file holds a newer update: “{update}” (manual-editor template pull {} {})",
            file.display(),
            source.path
        ),
        Some(_) => say!("the template file holds no newer update"),
        None => say!("the template file could not be read to look for a newer update"),
    }
    Ok(ExitCode::SUCCESS)
}

fn pull(file: &Path, template_path: &Path, rebase: bool) -> anyhow::Result<ExitCode> {
    let mut doc = Document::open_to_change(file)?;
    let planned = template_files::plan_pull(file, doc.manual(), template_path);
    let (pulled, new) = match planned {
        Err(TemplateFileError::MissingBase { .. }) if rebase => {
            return rebase_onto(&mut doc, file, template_path);
        }
        Err(error) => return Ok(super::refused(file, &error)),
        Ok(planned) => planned,
    };
    {
        use std::io::Write as _;
        let _ = write!(
            std::io::stdout(),
            "{}",
            terminal_safe(&pulled.report.to_string())
        );
    }
    if pulled.report.is_nothing() {
        return Ok(ExitCode::SUCCESS);
    }
    // The new version is kept first: a manual never records a base that
    // is not beside it.
    template_files::keep_version(file, &new)?;
    let conflicts = pulled.report.conflicts;
    change_and_save(
        &mut doc,
        vec![Edit::ReplaceAll {
            manual: Box::new(pulled.manual),
        }],
    )?;
    say!("wrote {}", file.display());
    Ok(if conflicts > 0 {
        ExitCode::from(EXIT_WARNINGS)
    } else {
        ExitCode::SUCCESS
    })
}

/// `--rebase`: the kept version is missing, so the manual as it is counts
/// as based on the given template version; nothing is merged.
fn rebase_onto(doc: &mut Document, file: &Path, template_path: &Path) -> anyhow::Result<ExitCode> {
    let new = format::load(template_path)?;
    let mut manual = doc.manual().clone();
    let Some(source) = &mut manual.template else {
        anyhow::bail!(template::PullRefused::NoTemplate);
    };
    source.update = template::current_update(&new);
    source.path = template_path.display().to_string();
    template_files::keep_version(file, &new)?;
    change_and_save(
        doc,
        vec![Edit::ReplaceAll {
            manual: Box::new(manual),
        }],
    )?;
    tell!(
        "warning: {} now counts as based on “{}” of its template; changes made before this \
         count as local ones",
        file.display(),
        template::current_update(&new)
    );
    Ok(ExitCode::SUCCESS)
}
