//! Writing an export safely: the site is built in a temporary folder next to
//! the target and swapped in only when complete, so a failed export leaves
//! the previous one intact. A folder that is not an earlier export of this
//! program is never overwritten, and in one that is, only what the previous
//! export wrote is replaced: its marker file lists those files, and anything
//! else there (a `.git`, a `CNAME`, a `robots.txt`) stays.

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Marks a folder as made by this program's export, and lists the files
/// that export wrote, one per line after the first.
pub const MARKER: &str = ".manual-editor-export";

/// The marker's first line.
const MARKER_HEADING: &str = "made by manual-editor export; the files it wrote:";

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
    #[error(
        "{0} is in the output folder but was not written by the last export, and this export \
         would replace it: move it elsewhere and export again (nothing was changed)"
    )]
    WouldReplace(PathBuf),
    #[error(
        "{0} is inside the output folder {1}: export to a folder of its own, outside the \
         manual's (nothing was changed)"
    )]
    SourceInside(PathBuf, PathBuf),
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

    /// Puts the content of the file `source` at `path`. Sinks that write to
    /// disk stream it, so a large linked document is never held in memory.
    fn copy(&self, path: &str, source: &Path) -> Result<(), WriteError> {
        let bytes = fs::read(source).map_err(io_error(source))?;
        self.put(path, &bytes)
    }
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
    /// Folders already made inside the staging folder (`chapters`, `""`
    /// for the folder itself), each where its files are made.
    made: Mutex<HashMap<String, Folder>>,
    /// Every file written, for the marker: put in the order written and
    /// sorted once at the end (a sorted set was kept in order at every
    /// file, comparing paths at each level of the tree).
    manifest: Mutex<Vec<String>>,
    written: AtomicUsize,
}

/// Refuses an export whose output folder holds `source` (the manual or
/// pack being exported): replacing the folder must never touch it.
pub fn refuse_source_inside(out: &Path, source: &Path) -> Result<(), WriteError> {
    let absolute = |p: &Path| {
        p.canonicalize()
            .or_else(|_| std::path::absolute(p))
            .unwrap_or_else(|_| p.to_path_buf())
    };
    let (out_real, source_real) = (absolute(out), absolute(source));
    if source_real.starts_with(&out_real) {
        return Err(WriteError::SourceInside(
            source.to_path_buf(),
            out.to_path_buf(),
        ));
    }
    Ok(())
}

/// What the previous export in a folder wrote, as its marker lists it.
/// `None` for a marker from before the list was kept.
fn previous_manifest(out: &Path) -> Option<BTreeSet<String>> {
    use super::super::store::read::{Links, read_regular};
    let bytes = read_regular(&out.join(MARKER), 64 * 1024 * 1024, Links::Refuse).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let mut lines = text.lines();
    (lines.next() == Some(MARKER_HEADING)).then(|| lines.map(str::to_string).collect())
}

/// Whether an export from before the marker listed its files would have
/// written `path`: the pages, style, scripts and lists at the top, and
/// everything under its own folders.
fn is_legacy_export_file(path: &str) -> bool {
    match path.split_once('/') {
        Some((top, _)) => matches!(top, "chapters" | "files" | "search"),
        None => [".html", ".css", ".js", ".csv"]
            .iter()
            .any(|ext| path.ends_with(ext)),
    }
}

/// The paths in the earlier export at `out` that it did not write (the
/// user's own), which the new export carries across; an error when the new
/// export writes one of them.
fn user_files(
    out: &Path,
    previous: Option<&BTreeSet<String>>,
    new: &BTreeSet<String>,
) -> Result<Vec<String>, WriteError> {
    let ours = |path: &str| match previous {
        Some(listed) => listed.contains(path),
        None => is_legacy_export_file(path),
    };
    let holds = |set: Option<&BTreeSet<String>>, folder: &str| {
        let prefix = format!("{folder}/");
        set.is_some_and(|set| {
            set.range(prefix.clone()..)
                .next()
                .is_some_and(|p| p.starts_with(&prefix))
        })
    };
    let mut found = Vec::new();
    let mut folders = vec![String::new()];
    while let Some(folder) = folders.pop() {
        let dir = if folder.is_empty() {
            out.to_path_buf()
        } else {
            out.join(&folder)
        };
        for entry in fs::read_dir(&dir).map_err(io_error(&dir))? {
            let entry = entry.map_err(io_error(&dir))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = if folder.is_empty() {
                name
            } else {
                format!("{folder}/{name}")
            };
            if path == MARKER || ours(&path) {
                continue;
            }
            let is_dir = entry.file_type().map_err(io_error(&dir))?.is_dir();
            let legacy_folder = previous.is_none() && is_legacy_export_file(&format!("{path}/x"));
            if is_dir && (holds(previous, &path) || holds(Some(new), &path) || legacy_folder) {
                folders.push(path);
            } else if new.contains(&path) {
                return Err(WriteError::WouldReplace(out.join(path)));
            } else {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Moves each of `paths` from folder `from` to folder `to`; on a failure,
/// moves back what was moved.
fn move_across(paths: &[String], from: &Path, to: &Path) -> Result<(), WriteError> {
    for (done, path) in paths.iter().enumerate() {
        let target = to.join(path);
        let moved = target
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| fs::rename(from.join(path), &target));
        if let Err(source) = moved {
            for back in &paths[..done] {
                let _ = fs::rename(to.join(back), from.join(back));
            }
            return Err(WriteError::Io {
                path: from.join(path),
                source,
            });
        }
    }
    Ok(())
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
            made: Mutex::new(HashMap::new()),
            manifest: Mutex::new(Vec::new()),
            written: AtomicUsize::new(0),
        })
    }

    /// How many files have been written so far.
    pub fn written(&self) -> usize {
        self.written.load(Ordering::Relaxed)
    }

    /// Marks the folder as an export (listing what it wrote), carries
    /// across the files in `out` that the previous export did not write,
    /// and swaps it in place of `out`.
    pub fn finish(self) -> Result<usize, WriteError> {
        let staging = self.folder.path().to_path_buf();
        let written = self.written();
        let manifest: BTreeSet<String> = self
            .manifest
            .into_inner()
            .unwrap_or_else(|e| e.into_inner())
            .into_iter()
            .collect();
        let mut marker = String::from(MARKER_HEADING);
        for path in &manifest {
            marker.push('\n');
            marker.push_str(path);
        }
        marker.push('\n');
        fs::write(staging.join(MARKER), marker).map_err(io_error(&staging))?;
        let carried = if self.out.exists() {
            let previous = previous_manifest(&self.out);
            user_files(&self.out, previous.as_ref(), &manifest)?
        } else {
            Vec::new()
        };
        move_across(&carried, &self.out, &staging)?;
        // Swap: the old export moves aside, the new one takes its name.
        let staging_path = self.folder.keep();
        let out = &self.out;
        let old = self
            .parent
            .join(format!(".{}.previous-{}", self.name, std::process::id()));
        let had_old = out.exists();
        if had_old && let Err(source) = fs::rename(out, &old) {
            let _ = move_across(&carried, &staging_path, out);
            let _ = fs::remove_dir_all(&staging_path);
            return Err(WriteError::Io {
                path: out.clone(),
                source,
            });
        }
        if let Err(source) = fs::rename(&staging_path, out) {
            if had_old {
                let _ = fs::rename(&old, out);
                let _ = move_across(&carried, &staging_path, out);
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

/// A folder of the staging folder, where files are made by name. On
/// Unix it is held open and each file made in it by its name (`openat`):
/// the kernel looks up one name for each of ten thousand pages, not every
/// folder from the root down.
#[derive(Debug, Clone)]
struct Folder {
    #[cfg(unix)]
    open: std::sync::Arc<fs::File>,
    #[cfg(not(unix))]
    path: std::sync::Arc<PathBuf>,
}

impl Folder {
    fn open(dir: &Path) -> io::Result<Folder> {
        Ok(Folder {
            #[cfg(unix)]
            open: std::sync::Arc::new(fs::File::open(dir)?),
            #[cfg(not(unix))]
            path: std::sync::Arc::new(dir.to_path_buf()),
        })
    }

    /// A new file `name` in the folder (emptied if it is there), open
    /// for writing, as `File::create` makes it.
    fn create(&self, name: &str) -> io::Result<fs::File> {
        #[cfg(unix)]
        {
            use rustix::fs::{Mode, OFlags};
            let flags = OFlags::WRONLY | OFlags::CREATE | OFlags::TRUNC | OFlags::CLOEXEC;
            let file = rustix::fs::openat(&*self.open, name, flags, Mode::from_raw_mode(0o666))?;
            Ok(fs::File::from(file))
        }
        #[cfg(not(unix))]
        {
            fs::File::create(self.path.join(name))
        }
    }
}

impl Staging {
    /// Where `path` goes: its folder in the staging folder (made when
    /// new) and its name there; the path is listed for the marker.
    fn place<'p>(&self, path: &'p str) -> Result<(Folder, &'p str), WriteError> {
        if !is_inside(path) || path == MARKER {
            return Err(WriteError::UnsafePath(path.to_string()));
        }
        let (folder, name) = path.rsplit_once('/').unwrap_or(("", path));
        let place = {
            // The lock is held while the folder is made, so no other
            // worker writes into it before it exists.
            let mut made = self.made.lock().unwrap_or_else(|e| e.into_inner());
            match made.get(folder) {
                Some(place) => place.clone(),
                None => {
                    let dir = self.folder.path().join(folder);
                    fs::create_dir_all(&dir)
                        .and_then(|()| Folder::open(&dir))
                        .map_err(io_error(&dir))
                        .inspect(|place| {
                            made.insert(folder.to_string(), place.clone());
                        })?
                }
            }
        };
        self.manifest
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(path.to_string());
        Ok((place, name))
    }
}

impl Sink for Staging {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), WriteError> {
        use std::io::Write;
        let (folder, name) = self.place(path)?;
        folder
            .create(name)
            .and_then(|mut file| file.write_all(bytes))
            .map_err(|source| WriteError::Io {
                path: self.folder.path().join(path),
                source,
            })?;
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    fn copy(&self, path: &str, source: &Path) -> Result<(), WriteError> {
        self.place(path)?;
        let target = self.folder.path().join(path);
        fs::copy(source, &target).map_err(io_error(source))?;
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
    fn re_exporting_keeps_what_the_export_did_not_write() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        write_site(&out, &files("one"), |_, _| {}).unwrap();
        fs::create_dir_all(out.join(".git/objects")).unwrap();
        fs::write(out.join(".git/HEAD"), "ref").unwrap();
        fs::write(out.join("CNAME"), "manual.example.org").unwrap();
        fs::write(out.join("robots.txt"), "User-agent: *").unwrap();
        fs::write(out.join("chapters/extra-note.txt"), "mine").unwrap();
        let mut second = files("two");
        second.truncate(1);
        write_site(&out, &second, |_, _| {}).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
        assert!(
            !out.join("chapters/a.html").exists(),
            "the old export's page goes"
        );
        assert_eq!(fs::read_to_string(out.join(".git/HEAD")).unwrap(), "ref");
        assert!(out.join(".git/objects").is_dir());
        assert_eq!(
            fs::read_to_string(out.join("CNAME")).unwrap(),
            "manual.example.org"
        );
        assert!(out.join("robots.txt").exists());
        assert_eq!(
            fs::read_to_string(out.join("chapters/extra-note.txt")).unwrap(),
            "mine"
        );
        let marker = fs::read_to_string(out.join(MARKER)).unwrap();
        assert!(marker.lines().any(|l| l == "index.html"), "{marker}");
        assert!(!marker.contains("CNAME"), "{marker}");
    }

    #[test]
    fn an_export_that_would_replace_a_user_file_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let mut first = files("one");
        first.truncate(1);
        write_site(&out, &first, |_, _| {}).unwrap();
        fs::create_dir(out.join("chapters")).unwrap();
        fs::write(out.join("chapters/a.html"), "hand-made").unwrap();
        let error = write_site(&out, &files("two"), |_, _| {}).unwrap_err();
        assert!(matches!(error, WriteError::WouldReplace(_)), "{error}");
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "one");
        assert_eq!(
            fs::read_to_string(out.join("chapters/a.html")).unwrap(),
            "hand-made"
        );
    }

    #[test]
    fn an_export_from_before_the_list_keeps_everything_but_its_pages() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        fs::create_dir_all(out.join("chapters")).unwrap();
        fs::write(out.join(MARKER), "made by manual-editor export\n").unwrap();
        fs::write(out.join("old.html"), "old page").unwrap();
        fs::write(out.join("chapters/gone.html"), "old").unwrap();
        fs::write(out.join("CNAME"), "x").unwrap();
        write_site(&out, &files("new"), |_, _| {}).unwrap();
        assert!(!out.join("old.html").exists());
        assert!(!out.join("chapters/gone.html").exists());
        assert!(out.join("CNAME").exists());
    }

    #[test]
    fn a_manual_inside_the_output_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("pub");
        fs::create_dir(&out).unwrap();
        let manual = out.join("m.ron");
        fs::write(&manual, "()").unwrap();
        assert!(matches!(
            refuse_source_inside(&out, &manual),
            Err(WriteError::SourceInside(..))
        ));
        assert!(refuse_source_inside(&dir.path().join("site"), &manual).is_ok());
        assert!(refuse_source_inside(&out, &dir.path().join("pubx.ron")).is_ok());
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
