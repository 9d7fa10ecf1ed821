//! Writing an export safely: the site is built in a temporary folder next to
//! the target and swapped in only when complete, so a failed export leaves
//! the previous one intact. A folder that is not an earlier export of this
//! program is never overwritten.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// Marks a folder as made by this program's export.
pub const MARKER: &str = ".manual-editor-export";

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error(
        "{0} is not empty and is not an earlier export of manual-editor: choose an empty or new folder \
         (nothing was changed)"
    )]
    NotAnExport(PathBuf),
    #[error("refusing to write {0}: an exported file must stay inside the output folder")]
    UnsafePath(String),
    #[error("cannot write the export to {path}: {source} (any earlier export is unchanged)")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// One file of the export: a path relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// True for a relative path with only normal components (no `..`, no root).
fn is_inside(path: &str) -> bool {
    let path = Path::new(path);
    !path.as_os_str().is_empty() && path.components().all(|c| matches!(c, Component::Normal(_)))
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Writes every file under `folder`, making each folder once. (Writing
/// from several threads was tried and measured no faster here: the cost is
/// the file system's per-file work.)
fn write_files(
    folder: &Path,
    files: &[OutputFile],
    progress: &mut impl FnMut(usize, usize),
) -> Result<(), WriteError> {
    let mut folders: Vec<PathBuf> = files
        .iter()
        .filter_map(|f| folder.join(&f.path).parent().map(Path::to_path_buf))
        .collect();
    folders.sort();
    folders.dedup();
    for dir in &folders {
        fs::create_dir_all(dir).map_err(io_error(dir))?;
    }
    for (done, file) in files.iter().enumerate() {
        let target = folder.join(&file.path);
        fs::write(&target, &file.bytes).map_err(io_error(&target))?;
        if done % 256 == 0 {
            progress(done, files.len());
        }
    }
    Ok(())
}

/// Writes `files` to `out`, replacing an earlier export there.
pub fn write_site(
    out: &Path,
    files: &[OutputFile],
    mut progress: impl FnMut(usize, usize),
) -> Result<(), WriteError> {
    for file in files {
        if !is_inside(&file.path) {
            return Err(WriteError::UnsafePath(file.path.clone()));
        }
    }
    if out.exists() {
        let is_empty = fs::read_dir(out).map_err(io_error(out))?.next().is_none();
        if !is_empty && !out.join(MARKER).exists() {
            return Err(WriteError::NotAnExport(out.to_path_buf()));
        }
    }
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(io_error(&parent))?;
    let name = out
        .file_name()
        .map_or_else(|| "export".into(), |n| n.to_string_lossy().into_owned());
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.building-"))
        .tempdir_in(&parent)
        .map_err(io_error(&parent))?;
    write_files(staging.path(), files, &mut progress)?;
    fs::write(
        staging.path().join(MARKER),
        b"made by manual-editor export\n",
    )
    .map_err(io_error(staging.path()))?;

    // Swap: the old export moves aside, the new one takes its name.
    let staging_path = staging.keep();
    let old = parent.join(format!(".{name}.previous-{}", std::process::id()));
    let had_old = out.exists();
    if had_old {
        fs::rename(out, &old).map_err(io_error(out))?;
    }
    if let Err(source) = fs::rename(&staging_path, out) {
        if had_old {
            let _ = fs::rename(&old, out);
        }
        let _ = fs::remove_dir_all(&staging_path);
        return Err(WriteError::Io {
            path: out.to_path_buf(),
            source,
        });
    }
    if had_old {
        let _ = fs::remove_dir_all(&old);
    }
    progress(files.len(), files.len());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(text: &str) -> Vec<OutputFile> {
        vec![
            OutputFile {
                path: "index.html".into(),
                bytes: text.as_bytes().to_vec(),
            },
            OutputFile {
                path: "chapters/a.html".into(),
                bytes: b"a".to_vec(),
            },
        ]
    }

    #[test]
    fn an_export_replaces_an_earlier_export() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        write_site(&out, &files("one"), |_, _| {}).unwrap();
        write_site(&out, &files("two"), |_, _| {}).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
        assert!(out.join(MARKER).exists());
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    }

    #[test]
    fn a_folder_of_other_files_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("documents");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("precious.docx"), "keep me").unwrap();
        let error = write_site(&out, &files("x"), |_, _| {}).unwrap_err();
        assert!(matches!(error, WriteError::NotAnExport(_)), "{error}");
        assert_eq!(
            fs::read_to_string(out.join("precious.docx")).unwrap(),
            "keep me"
        );
        assert!(!out.join("index.html").exists());
    }

    #[test]
    fn paths_outside_the_folder_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        for bad in ["../escape.html", "/etc/passwd", "chapters/../../x.html", ""] {
            let file = vec![OutputFile {
                path: bad.into(),
                bytes: vec![],
            }];
            assert!(
                matches!(
                    write_site(&out, &file, |_, _| {}),
                    Err(WriteError::UnsafePath(_))
                ),
                "{bad}"
            );
        }
        assert!(!out.exists());
    }

    #[test]
    fn a_failed_export_leaves_the_previous_one_intact() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        write_site(&out, &files("good"), |_, _| {}).unwrap();
        // A file where a folder must go makes the second export fail midway.
        let bad = vec![
            OutputFile {
                path: "x".into(),
                bytes: vec![],
            },
            OutputFile {
                path: "x/y.html".into(),
                bytes: vec![],
            },
        ];
        assert!(write_site(&out, &bad, |_, _| {}).is_err());
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "good");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name())
            .collect();
        assert_eq!(
            names.len(),
            1,
            "no staging folder is left behind: {names:?}"
        );
    }
}
