//! `merge` (git's merge driver for manuals) and `git-setup`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;

use crate::model::merge;
use crate::store::format::{self, LoadError};

/// The driver's name in git's configuration and `.gitattributes`.
pub const DRIVER: &str = "manual";

/// `.gitattributes` lines: manuals diff and merge by structure; packs (also
/// `.ron`) stay plain text.
pub const ATTRIBUTES: [&str; 2] = ["*.ron diff=manual merge=manual", "*.pack.ron diff merge"];

/// Merges OURS and THEIRS from BASE into OUT (default: OURS, as git's
/// driver expects). Exit 0 clean, 1 with conflicts (listed in the file and
/// on stderr), 2 when a version cannot be read: then OUT holds ours as it
/// was (never text with conflict markers), git marks the file conflicted,
/// and the message names the version to mend.
pub fn merge_files(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    out: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let out = out.unwrap_or(ours);
    let read = |path: &Path| format::load(path);
    let (b, o, t) = match (read(base), read(ours), read(theirs)) {
        (Ok(b), Ok(o), Ok(t)) => (b, o, t),
        (b, o, t) => {
            let Some(error): Option<LoadError> =
                [b.err(), o.err(), t.err()].into_iter().flatten().next()
            else {
                anyhow::bail!("the three versions could not be read");
            };
            if out != ours {
                std::fs::copy(ours, out)
                    .with_context(|| format!("cannot write {}", out.display()))?;
            }
            anyhow::bail!(
                "{error}; cannot merge by structure, so {} holds ours unchanged: mend that \
                 version and merge again",
                out.display()
            );
        }
    };
    let merged = merge::merge(&b, &o, &t)?;
    let text = format::to_canonical_string(&merged)?;
    let openable = format::check_depth(&merged, out).and_then(|()| format::check_size(&text, out));
    if let Err(error) = openable {
        if out != ours {
            std::fs::copy(ours, out).with_context(|| format!("cannot write {}", out.display()))?;
        }
        anyhow::bail!(
            "{error}; {} holds ours unchanged: merge by hand in the editor",
            out.display()
        );
    }
    crate::store::write::write_replacing(out, text.as_bytes())
        .with_context(|| format!("cannot write {}", out.display()))?;
    if merged.conflicts.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    tell!(
        "{}: {} kept in the file; open it in the editor to resolve them:",
        out.display(),
        crate::model::counted(merged.conflicts.len(), "conflict", "conflicts")
    );
    for conflict in &merged.conflicts {
        let entry = conflict.entry.as_ref().map_or_else(
            || "the manual".to_string(),
            |id| match merged.find(id) {
                Some(path) => crate::model::label(
                    merged.number_of(&path).as_ref(),
                    &merged
                        .entry(&path)
                        .map_or_else(String::new, |e| e.title.clone()),
                ),
                None => format!("'{id}'"),
            },
        );
        tell!(
            "  {entry}, {}: ours {} / theirs {}",
            conflict.field,
            conflict.ours,
            conflict.theirs
        );
    }
    Ok(ExitCode::from(super::EXIT_WARNINGS))
}

/// Writes the `.gitattributes` lines (those missing) into the repository
/// at `repo` and sets the drivers in its git configuration.
pub fn setup(repo: Option<&Path>) -> anyhow::Result<ExitCode> {
    let repo: PathBuf = repo.map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let top = git(&repo, &["rev-parse", "--show-toplevel"])
        .with_context(|| format!("{} is not in a git repository", repo.display()))?;
    let top = PathBuf::from(top.trim());
    let attributes = top.join(".gitattributes");
    // A cloned repository may carry `.gitattributes` as a symbolic link to
    // any file: it is never written through.
    if std::fs::symlink_metadata(&attributes).is_ok_and(|m| !m.is_file()) {
        anyhow::bail!(
            "{} is not an ordinary file (a symbolic link?): replace it with a file and run \
             git-setup again; nothing was changed",
            attributes.display()
        );
    }
    let program = std::env::current_exe()
        .ok()
        .and_then(|p| p.to_str().map(str::to_string))
        .unwrap_or_else(|| "manual-editor".into());
    let quoted = shell_quote(&program);
    let settings = [
        (
            format!("merge.{DRIVER}.name"),
            "manual-editor structural merge".to_string(),
        ),
        (
            format!("merge.{DRIVER}.driver"),
            format!("{quoted} merge %O %A %B -o %A"),
        ),
        (format!("diff.{DRIVER}.command"), format!("{quoted} diff")),
    ];
    for (key, value) in &settings {
        git(&top, &["config", key, value])?;
        say!("git config {key} '{value}'");
    }
    let existing = match std::fs::read_to_string(&attributes) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(error) => {
            return Err(error).with_context(|| format!("cannot read {}", attributes.display()));
        }
    };
    let mut text = existing.clone();
    for line in ATTRIBUTES {
        if !existing.lines().any(|l| l.trim() == line) {
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(line);
            text.push('\n');
            say!("{}: {line}", attributes.display());
        }
    }
    if text != existing {
        std::fs::write(&attributes, text)
            .with_context(|| format!("cannot write {}", attributes.display()))?;
    }
    say!(
        "manuals in {} now diff and merge by structure",
        top.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn git(dir: &Path, args: &[&str]) -> anyhow::Result<String> {
    Ok(crate::store::git::run(dir, args)?)
}

/// A path as one word for git's `sh -c`.
fn shell_quote(text: &str) -> String {
    if text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+".contains(c))
    {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}
