//! `approve`, `update sign-off` and `update publish`: governing an update
//! from the command line with the rules the window follows (through the
//! document: the window's lock, one undo step each, a copy kept on
//! publication).

use std::path::Path;
use std::process::ExitCode;

use super::{EXIT_UNREADABLE, change_saved, refused, terminal_safe};
use crate::document::Document;
use crate::model::EntryId;

fn today() -> String {
    crate::model::date::today_iso()
}

pub(super) fn approve(
    file: &Path,
    ids: &[String],
    by: &str,
    role: &str,
    comment: &str,
    date: Option<String>,
) -> anyhow::Result<ExitCode> {
    let mut doc = Document::open_to_change(file)?;
    let ids: Vec<EntryId> = ids.iter().map(|id| EntryId::new(id.as_str())).collect();
    let date = date.unwrap_or_else(today);
    if let Err(error) = doc.approve(&ids, by, role, comment, &date, 0.0) {
        return Ok(refused(file, &error));
    }
    change_saved(&mut doc)?;
    say!(
        "approved {} by {} in {}",
        crate::model::counted(ids.len(), "chapter", "chapters"),
        terminal_safe(by.trim()),
        file.display()
    );
    Ok(ExitCode::SUCCESS)
}

pub(super) fn list(file: &Path) -> anyhow::Result<ExitCode> {
    let manual = crate::store::format::load(file)?;
    let Some(open) = manual.open_update() else {
        say!("no update is open");
        return Ok(ExitCode::SUCCESS);
    };
    say!("{}:", terminal_safe(&open.label));
    let labels: std::collections::HashMap<EntryId, String> = manual
        .outline()
        .iter()
        .filter_map(|row| {
            let entry = manual.entry(&row.path)?;
            Some((
                entry.id.clone(),
                crate::model::label(row.number.as_ref(), &entry.title),
            ))
        })
        .collect();
    for (id, state) in manual.sign_offs() {
        let label = labels.get(&id).cloned().unwrap_or_else(|| id.to_string());
        say!(
            "  {}: {}",
            terminal_safe(&label),
            terminal_safe(&state.describe())
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn publish(
    file: &Path,
    date: Option<String>,
    reason: Option<&str>,
) -> anyhow::Result<ExitCode> {
    let mut doc = Document::open_to_change(file)?;
    let date = date.unwrap_or_else(today);
    let kept = match doc.publish_update(&date, reason, 0.0) {
        Ok(kept) => kept,
        Err(error) => return Ok(refused(file, &error)),
    };
    change_saved(&mut doc)?;
    say!(
        "published; the copy as published is {}",
        crate::store::versions::folder(file).join(kept).display()
    );
    Ok(ExitCode::SUCCESS)
}

pub(super) fn versions_list(file: &Path) -> anyhow::Result<ExitCode> {
    let manual = crate::store::format::load(file)?;
    let listed = crate::store::versions::listed(&manual);
    if listed.is_empty() {
        say!("no published version is kept yet (update publish keeps one)");
    }
    let folder = crate::store::versions::folder(file);
    for (label, date, name) in listed {
        say!(
            "{date}  {}  {}",
            terminal_safe(&label),
            folder.join(terminal_safe(&name).as_ref()).display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn versions_show(
    file: &Path,
    at: &str,
    id: &str,
    html: bool,
) -> anyhow::Result<ExitCode> {
    if !crate::model::is_iso_date(at) || at.len() != 10 {
        anyhow::bail!("the date '{at}' is not YYYY-MM-DD");
    }
    let manual = crate::store::format::load(file)?;
    let Some((label, copy)) = crate::store::versions::at(file, &manual, at)? else {
        tell!(
            "error: {}: nothing was published on or before {at}",
            file.display()
        );
        return Ok(ExitCode::from(EXIT_UNREADABLE));
    };
    let id = EntryId::new(id);
    let Some(row) = copy
        .outline()
        .into_iter()
        .find(|row| copy.entry(&row.path).is_some_and(|e| e.id == id))
    else {
        tell!(
            "error: '{id}' was not in the manual as published in “{}”",
            terminal_safe(&label)
        );
        return Ok(ExitCode::from(EXIT_UNREADABLE));
    };
    let Some(entry) = copy.entry(&row.path) else {
        return Ok(ExitCode::from(EXIT_UNREADABLE));
    };
    let title = crate::model::label(row.number.as_ref(), &entry.title);
    let chapter = entry.chapter_details();
    let scope = chapter.map_or("", |c| c.scope.trim());
    let body = chapter.map_or("", |c| c.body.trim_end());
    if html {
        use crate::export::escape_html;
        // Links to other entries read as their labels then (no site here).
        let resolve = |target: &EntryId| {
            let path = copy.find(target)?;
            let entry = copy.entry(&path)?;
            Some(crate::export::markdown::EntryTarget {
                href: None,
                label: crate::model::label(copy.number_of(&path).as_ref(), &entry.title),
            })
        };
        say!(
            "<h1>{}</h1>\n<p>As published in “{}”.</p>",
            escape_html(&title),
            escape_html(&label)
        );
        if !scope.is_empty() {
            say!(
                "<h2>Scope of this chapter</h2>\n<p>{}</p>",
                escape_html(scope)
            );
        }
        if !body.is_empty() {
            say!("{}", crate::export::markdown::render(body, &resolve).0);
        }
        return Ok(ExitCode::SUCCESS);
    }
    say!(
        "# {}\n\n(as published in “{}”)",
        terminal_safe(&title),
        terminal_safe(&label)
    );
    if !scope.is_empty() {
        say!("\n## Scope\n\n{}", terminal_safe(scope));
    }
    if !body.is_empty() {
        say!("\n{}", terminal_safe(body));
    }
    Ok(ExitCode::SUCCESS)
}

/// `versions history`: each published version of a chapter, then the git
/// commits that changed it.
pub(super) fn versions_history(file: &Path, id: &str) -> anyhow::Result<ExitCode> {
    let doc = Document::open(file)?;
    let id = EntryId::new(id);
    let versions = doc.chapter_history(&id)?;
    if versions.is_empty() && doc.manual().find(&id).is_none() {
        anyhow::bail!(
            "'{id}' is not in {}, nor in any version of it published",
            file.display()
        );
    }
    if versions.is_empty() {
        say!("no published version of '{id}' is kept (update publish keeps one)");
    }
    for version in &versions {
        let standing = match &version.superseded_on {
            Some(on) => format!("superseded on {on}"),
            None => "in force".to_string(),
        };
        say!(
            "{}  {}  {}  ({standing})",
            version.published,
            terminal_safe(&version.update),
            terminal_safe(&version.label)
        );
        for note in &version.notes {
            say!("    amended: {}", terminal_safe(note));
        }
        match (&version.approval, &version.without_sign_off) {
            (Some(a), _) => say!(
                "    {}",
                terminal_safe(&crate::model::SignOff::Approved(a).describe())
            ),
            (None, Some(reason)) => {
                say!("    published without sign-off: {}", terminal_safe(reason));
            }
            (None, None) => {}
        }
    }
    match doc.git_history(&id) {
        Ok(commits) if commits.is_empty() => {}
        Ok(commits) => {
            say!("\ncommits that changed it (newest first):");
            for change in commits {
                say!(
                    "{}  {}  {}  {}",
                    change.commit.date,
                    change.commit.short(),
                    terminal_safe(&change.commit.author),
                    terminal_safe(&change.commit.subject)
                );
                for line in &change.changes {
                    say!("    {}", terminal_safe(line));
                }
            }
        }
        Err(error) => tell!("warning: the git history could not be read: {error}"),
    }
    Ok(ExitCode::SUCCESS)
}
