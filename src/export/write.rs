//! Writing an export safely: the site is built in a temporary folder next to
//! the target and swapped in only when complete, so a failed export leaves
//! the previous one intact. A folder that is not an earlier export of this
//! program is never overwritten.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

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

/// Where an exporter puts its files, one at a time, from any thread.
pub trait Sink: Sync {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), WriteError>;
}

/// An export being written: files go into a hidden folder beside the
/// target as they are rendered, and [`Staging::finish`] swaps that folder
/// in. Dropped without finishing, the folder is removed and any earlier
/// export stays as it was.
pub struct Staging {
    out: PathBuf,
    parent: PathBuf,
    name: String,
    folder: tempfile::TempDir,
    /// Folders already made inside the staging folder.
    made: Mutex<HashSet<PathBuf>>,
    written: AtomicUsize,
}

impl Staging {
    /// Checks that `out` may be written (new, empty, or an earlier export)
    /// and makes the staging folder beside it.
    pub fn begin(out: &Path) -> Result<Self, WriteError> {
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
        // A temporary folder is made with the umask's mode (0755 under 022),
        // so the published folder is readable like any other.
        let folder = tempfile::Builder::new()
            .prefix(&format!(".{name}.building-"))
            .tempdir_in(&parent)
            .map_err(io_error(&parent))?;
        Ok(Staging {
            out: out.to_path_buf(),
            parent,
            name,
            folder,
            made: Mutex::new(HashSet::new()),
            written: AtomicUsize::new(0),
        })
    }

    /// How many files have been written so far.
    pub fn written(&self) -> usize {
        self.written.load(Ordering::Relaxed)
    }

    /// Marks the folder as an export and swaps it in place of `out`.
    pub fn finish(self) -> Result<usize, WriteError> {
        let staging = self.folder.path().to_path_buf();
        fs::write(staging.join(MARKER), b"made by manual-editor export\n")
            .map_err(io_error(&staging))?;
        let written = self.written();
        // Swap: the old export moves aside, the new one takes its name.
        let staging_path = self.folder.keep();
        let out = &self.out;
        let old = self
            .parent
            .join(format!(".{}.previous-{}", self.name, std::process::id()));
        let had_old = out.exists();
        if had_old && let Err(source) = fs::rename(out, &old) {
            let _ = fs::remove_dir_all(&staging_path);
            return Err(WriteError::Io {
                path: out.clone(),
                source,
            });
        }
        if let Err(source) = fs::rename(&staging_path, out) {
            if had_old {
                let _ = fs::rename(&old, out);
            }
            let _ = fs::remove_dir_all(&staging_path);
            return Err(WriteError::Io {
                path: out.clone(),
                source,
            });
        }
        if had_old {
            let _ = fs::remove_dir_all(&old);
        }
        Ok(written)
    }
}

impl Sink for Staging {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), WriteError> {
        if !is_inside(path) {
            return Err(WriteError::UnsafePath(path.to_string()));
        }
        let target = self.folder.path().join(path);
        if let Some(dir) = target.parent() {
            // The lock is held while the folder is made, so no other worker
            // writes into it before it exists.
            let mut made = self.made.lock().unwrap_or_else(|e| e.into_inner());
            if !made.contains(dir) {
                fs::create_dir_all(dir).map_err(io_error(dir))?;
                made.insert(dir.to_path_buf());
            }
        }
        fs::write(&target, bytes).map_err(io_error(&target))?;
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }
}

/// Keeps the files in memory, for tests and for callers that want the
/// bytes rather than a folder.
#[derive(Debug, Default)]
pub struct MemorySink {
    files: Mutex<Vec<OutputFile>>,
}

impl MemorySink {
    /// The files, ordered by path (the order of rendering varies with the
    /// threads; the content does not).
    pub fn into_files(self) -> Vec<OutputFile> {
        let mut files = self.files.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

impl Sink for MemorySink {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), WriteError> {
        if !is_inside(path) {
            return Err(WriteError::UnsafePath(path.to_string()));
        }
        let file = OutputFile {
            path: path.to_string(),
            bytes: bytes.to_vec(),
        };
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(file);
        Ok(())
    }
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
    let staging = Staging::begin(out)?;
    for (done, file) in files.iter().enumerate() {
        staging.put(&file.path, &file.bytes)?;
        if done % 256 == 0 {
            progress(done, files.len());
        }
    }
    staging.finish()?;
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
    fn workers_writing_into_a_new_folder_at_once_all_succeed() {
        // Each round, eight threads write into the same new folder; the
        // folder must exist before any of them writes.
        for round in 0..20 {
            let dir = tempfile::tempdir().unwrap();
            let staging = Staging::begin(&dir.path().join("site")).unwrap();
            std::thread::scope(|scope| {
                for worker in 0..8 {
                    let staging = &staging;
                    scope.spawn(move || {
                        let path = format!("chapters/r{round}-w{worker}.html");
                        staging.put(&path, b"x").unwrap();
                    });
                }
            });
            assert_eq!(staging.written(), 8);
            staging.finish().unwrap();
        }
    }

    #[cfg(unix)]
    #[test]
    fn an_export_is_readable_like_any_new_folder() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let dir = tempfile::tempdir().unwrap();
        // What this process's umask makes of a new folder and file.
        fs::create_dir(dir.path().join("probe")).unwrap();
        fs::write(dir.path().join("probe/file"), "x").unwrap();
        let out = dir.path().join("site");
        write_site(&out, &files("x"), |_, _| {}).unwrap();
        assert_eq!(mode(&out), mode(&dir.path().join("probe")));
        assert_eq!(mode(&out.join("chapters")), mode(&dir.path().join("probe")));
        assert_eq!(
            mode(&out.join("chapters/a.html")),
            mode(&dir.path().join("probe/file"))
        );
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
