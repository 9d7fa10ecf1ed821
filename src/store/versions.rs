//! Published versions: a copy of the manual as each update was published,
//! kept beside it in `NAME.versions/` ("2026-12-02 December 2026.ron") and
//! never rewritten, so what a procedure said on a given date can be shown.
//! A cloned folder is untrusted: copies are read only as ordinary files in
//! a real folder.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::format::{self, LoadError};
use crate::model::Manual;

/// Why a published copy could not be kept or read.
#[derive(Debug, thiserror::Error)]
pub enum VersionError {
    #[error("cannot keep the published copy {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Unsafe(String),
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("the published copy {name} is missing from {folder}")]
    Missing { name: String, folder: PathBuf },
}

/// The folder of published copies beside `manual` (`stockport.versions`).
pub fn folder(manual: &Path) -> PathBuf {
    let name = manual
        .file_name()
        .map_or_else(|| "manual".into(), |n| n.to_string_lossy().into_owned());
    let stem = name.strip_suffix(".ron").unwrap_or(&name);
    manual.with_file_name(format!("{stem}.versions"))
}

/// The file name a published copy gets: its date and update label, with
/// characters a file name cannot hold left out.
pub fn copy_name(date: &str, label: &str) -> String {
    let clean: String = format!("{date} {label}")
        .chars()
        .filter(|c| {
            !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') && !c.is_control()
        })
        .collect();
    format!("{}.ron", clean.trim().trim_start_matches('.'))
}

/// Keeps `published` as the copy `name` (never replacing a file: a copy
/// already there with other content gets " (2)" and so on); returns the
/// name used and the fingerprint of the text written.
pub fn keep(
    manual: &Path,
    published: &Manual,
    name: &str,
) -> Result<(String, String), VersionError> {
    let folder = folder(manual);
    super::files::refuse_unreal_folder(&folder, "published copies")
        .map_err(VersionError::Unsafe)?;
    let io = |path: &Path, source| VersionError::Io {
        path: path.to_path_buf(),
        source,
    };
    std::fs::create_dir_all(&folder).map_err(|e| io(&folder, e))?;
    let text = format::to_canonical_string(published)
        .map_err(|e| io(&folder, std::io::Error::other(e.to_string())))?;
    let stem = name.strip_suffix(".ron").unwrap_or(name).to_string();
    let hash = crate::model::sign_off::text_fingerprint(&text);
    let mut n = 1;
    loop {
        let name = if n == 1 {
            format!("{stem}.ron")
        } else {
            format!("{stem} ({n}).ron")
        };
        let path = folder.join(&name);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut file) => {
                file.write_all(text.as_bytes()).map_err(|e| io(&path, e))?;
                file.sync_all().map_err(|e| io(&path, e))?;
                return Ok((name, hash));
            }
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
                if std::fs::read_to_string(&path).is_ok_and(|there| there == text) {
                    return Ok((name, hash));
                }
            }
            Err(error) => return Err(io(&path, error)),
        }
        n += 1;
    }
}

/// Reads the published copy `name` kept beside `manual`.
pub fn read(manual: &Path, name: &str) -> Result<Manual, VersionError> {
    let folder = folder(manual);
    use super::files::KeptManual;
    match super::files::read_kept_manual(&folder, name, "a published copy") {
        KeptManual::Read(manual) => Ok(*manual),
        KeptManual::Missing => Err(VersionError::Missing {
            name: name.to_string(),
            folder,
        }),
        KeptManual::Refused(why) => Err(VersionError::Unsafe(why)),
    }
}

/// Problems with the published copies the manual names: missing,
/// unreadable, or edited since they were kept. Empty when all are sound.
pub fn problems(manual_path: &Path, manual: &Manual) -> Vec<String> {
    let folder = folder(manual_path);
    let mut out = Vec::new();
    for update in manual.updates.iter().filter(|u| u.published) {
        let Some(name) = &update.archived else {
            continue;
        };
        let path = folder.join(name);
        let text = match super::files::regular_file_in(&folder, name) {
            Ok(path) => std::fs::read_to_string(&path).ok(),
            Err(_) => None,
        };
        match (text, &update.archived_hash) {
            (None, _) => out.push(format!(
                "the copy of “{}” as published, {}, is missing or unreadable",
                update.label,
                path.display()
            )),
            (Some(text), Some(hash))
                if crate::model::sign_off::text_fingerprint(&text) != *hash =>
            {
                out.push(format!(
                    "the copy of “{}” as published, {}, was changed after it was kept",
                    update.label,
                    path.display()
                ));
            }
            _ => {}
        }
    }
    out
}

/// While an update is open, the last update published with a copy kept,
/// and that copy: what an export publishes (the open update is not
/// published yet). `None` when no update is open or no copy was ever kept
/// (the manual exports as it is). A copy the manual names but that is
/// missing is an error, never a silent fall back to the working copy.
pub fn last_published(
    manual_path: &Path,
    manual: &Manual,
) -> Result<Option<(crate::model::Update, Manual)>, VersionError> {
    if manual.open_update().is_none() {
        return Ok(None);
    }
    let Some(update) = manual
        .updates
        .iter()
        .rev()
        .find(|u| u.published && u.archived.is_some())
    else {
        return Ok(None);
    };
    let name = update.archived.clone().unwrap_or_default();
    let copy = read(manual_path, &name)?;
    Ok(Some((update.clone(), copy)))
}

/// The published copies the manual names, oldest first: each update's
/// label, date and copy's file name.
pub fn listed(manual: &Manual) -> Vec<(String, String, String)> {
    manual
        .updates
        .iter()
        .filter(|u| u.published)
        .filter_map(|u| {
            let name = u.archived.clone()?;
            Some((u.label.clone(), u.date.clone(), name))
        })
        .collect()
}

/// The copy in force on `date` (`YYYY-MM-DD`): the last one published on
/// or before it, with its update's label; `None` when none was yet.
pub fn at(
    manual_path: &Path,
    manual: &Manual,
    date: &str,
) -> Result<Option<(String, Manual)>, VersionError> {
    let Some((label, _, name)) = listed(manual)
        .into_iter()
        .filter(|(_, published, _)| published.as_str() <= date)
        .max_by(|a, b| a.1.cmp(&b.1))
    else {
        return Ok(None);
    };
    Ok(Some((label, read(manual_path, &name)?)))
}
