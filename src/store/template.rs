//! The files of a local manual's template: every template version it was
//! based on, kept in a folder beside it (`NAME.template/UPDATE.ron`), so
//! each pull is a three-way merge and earlier versions stay retrievable;
//! and the new template file a pull reads. A cloned manual folder is
//! untrusted: the versions are read only as ordinary files inside that
//! folder, and the recorded template file only as an ordinary `.ron` file.

use std::path::{Path, PathBuf};

use super::format::{self, LoadError, SaveError};
use crate::model::template::{self, PullRefused, Pulled, TemplateSource};
use crate::model::{Manual, slugify};

/// Why a template's files could not be used.
#[derive(Debug, thiserror::Error)]
pub enum TemplateFileError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Save(#[from] SaveError),
    #[error("{0}")]
    Refused(#[from] PullRefused),
    #[error(
        "the template version this manual is based on (“{update}”) is not in {folder}: \
         pull with --rebase to count the manual as it is as based on the new template"
    )]
    MissingBase { update: String, folder: PathBuf },
    #[error("{0}")]
    Unsafe(String),
    #[error("{path} exists already; choose another name for the local manual")]
    Exists { path: PathBuf },
}

/// The folder of template versions beside `local` (`stockport.template`
/// beside `stockport.ron`).
pub fn folder(local: &Path) -> PathBuf {
    let name = local
        .file_name()
        .map_or_else(|| "manual".into(), |n| n.to_string_lossy().into_owned());
    let stem = name.strip_suffix(".ron").unwrap_or(&name);
    local.with_file_name(format!("{stem}.template"))
}

/// The file name a template version is kept under: its update's slug.
pub fn version_name(update: &str) -> String {
    let slug = slugify(update);
    if slug.is_empty() {
        "template.ron".into()
    } else {
        format!("{slug}.ron")
    }
}

/// The template version `local` is based on, read from its folder.
pub fn read_base(local: &Path, source: &TemplateSource) -> Result<Manual, TemplateFileError> {
    let folder = folder(local);
    let name = version_name(&source.update);
    use super::files::KeptManual;
    match super::files::read_kept_manual(&folder, &name, "a template version") {
        KeptManual::Read(manual) => Ok(*manual),
        KeptManual::Missing => Err(TemplateFileError::MissingBase {
            update: source.update.clone(),
            folder,
        }),
        KeptManual::Refused(why) => Err(TemplateFileError::Unsafe(why)),
    }
}

/// Keeps `version` (a template version) in `local`'s folder of versions,
/// made on first use; returns where. A folder that is a symbolic link is
/// refused.
pub fn keep_version(local: &Path, version: &Manual) -> Result<PathBuf, TemplateFileError> {
    let folder = folder(local);
    super::files::refuse_unreal_folder(&folder, "template versions")
        .map_err(TemplateFileError::Unsafe)?;
    std::fs::create_dir_all(&folder).map_err(|source| {
        TemplateFileError::Save(SaveError::Io {
            path: folder.clone(),
            source,
        })
    })?;
    let path = folder.join(version_name(&template::current_update(version)));
    format::save(version, &path)?;
    Ok(path)
}

/// Makes a local manual at `local` from the template at `template_path`,
/// and keeps the template version beside it. An existing file is never
/// replaced.
pub fn new_local(
    template_path: &Path,
    local: &Path,
    authority: &str,
    title: Option<&str>,
) -> Result<Manual, TemplateFileError> {
    if local.exists() {
        return Err(TemplateFileError::Exists {
            path: local.to_path_buf(),
        });
    }
    let template = format::load(template_path)?;
    let manual = template::start_local(
        &template,
        &template_path.display().to_string(),
        authority,
        title,
    );
    keep_version(local, &template)?;
    format::save(&manual, local)?;
    Ok(manual)
}

/// Works out the pull of the template at `new_path` into `manual` (the
/// manual saved at `local`), reading its base version beside it. Nothing
/// is written.
pub fn plan_pull(
    local: &Path,
    manual: &Manual,
    new_path: &Path,
) -> Result<(Pulled, Manual), TemplateFileError> {
    let source = manual.template.as_ref().ok_or(PullRefused::NoTemplate)?;
    let new = format::load(new_path)?;
    let base = read_base(local, source)?;
    let pulled = template::pull(manual, &base, &new, &new_path.display().to_string())?;
    Ok((pulled, new))
}

/// The update the recorded template file holds now, when it can be read
/// as an ordinary `.ron` file (relative paths from `local`'s folder).
pub fn recorded_template_update(local: &Path, source: &TemplateSource) -> Option<String> {
    let path = Path::new(&source.path);
    if path.extension().and_then(|e| e.to_str()) != Some("ron") {
        return None;
    }
    let path = if path.is_relative() {
        local.parent().unwrap_or(Path::new(".")).join(path)
    } else {
        path.to_path_buf()
    };
    let bytes =
        super::read::read_regular(&path, format::MAX_FILE_BYTES, super::read::Links::Refuse)
            .ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let template = format::from_str(&text, &path).ok()?;
    Some(template::current_update(&template))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn national() -> Manual {
        let mut m = format::stockport_sample();
        m.title = "National Procedures".into();
        m.updates = vec![crate::model::Update {
            label: "June 2026".into(),
            date: "2026-06".into(),
            published: true,
            ..Default::default()
        }];
        m
    }

    #[test]
    fn a_new_local_manual_keeps_its_template_version_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let template_path = dir.path().join("national.ron");
        format::save(&national(), &template_path).unwrap();
        let local = dir.path().join("smalltown.ron");
        let made = new_local(&template_path, &local, "Smalltown", None).unwrap();
        assert_eq!(format::load(&local).unwrap(), made);
        let kept = dir.path().join("smalltown.template/june-2026.ron");
        assert_eq!(format::load(&kept).unwrap(), national());
        let base = read_base(&local, made.template.as_ref().unwrap()).unwrap();
        assert_eq!(base, national());
        assert!(matches!(
            new_local(&template_path, &local, "Smalltown", None),
            Err(TemplateFileError::Exists { .. })
        ));
    }

    #[test]
    fn a_missing_or_linked_base_is_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let local = dir.path().join("smalltown.ron");
        let source = TemplateSource {
            path: "national.ron".into(),
            title: "National Procedures".into(),
            update: "June 2026".into(),
        };
        assert!(matches!(
            read_base(&local, &source),
            Err(TemplateFileError::MissingBase { .. })
        ));
        #[cfg(unix)]
        {
            let elsewhere = tempfile::tempdir().unwrap();
            format::save(&national(), &elsewhere.path().join("june-2026.ron")).unwrap();
            std::os::unix::fs::symlink(elsewhere.path(), folder(&local)).unwrap();
            assert!(matches!(
                read_base(&local, &source),
                Err(TemplateFileError::Unsafe(_))
            ));
            assert!(matches!(
                keep_version(&local, &national()),
                Err(TemplateFileError::Unsafe(_))
            ));
        }
    }
}
