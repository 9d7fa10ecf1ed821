//! Recovery copies: while a manual has unsaved changes, a copy is written
//! now and then to the user's data folder, so a crash or a power cut loses
//! at most a few seconds of work. A clean save or close removes the copy; a
//! copy left behind is offered at the next start.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::model::Manual;
use crate::store::format;

/// The folder recovery copies go in: `<data dir>/manual-editor/recovery`.
pub fn default_folder() -> Option<PathBuf> {
    super::data_folder().map(|folder| folder.join("recovery"))
}

/// A recovery copy found on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub copy: PathBuf,
    /// The file the manual was opened from, when it had one.
    pub original: Option<PathBuf>,
    pub title: String,
    pub modified: Option<SystemTime>,
}

/// Where recovery copies of one open manual are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Store {
    folder: PathBuf,
}

/// The first line of a copy names the original file, so the copy can be
/// offered as "unsaved changes to X".
const ORIGINAL_PREFIX: &str = "// recovered from: ";

impl Store {
    pub fn new(folder: PathBuf) -> Self {
        Store { folder }
    }

    /// The copy's file for a manual opened from `original` (or a new one).
    pub fn copy_path(&self, original: Option<&Path>) -> PathBuf {
        let name = match original {
            Some(path) => {
                // The same original always maps to the same copy.
                let text = path.to_string_lossy();
                let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
                    (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
                });
                let stem = path.file_stem().map_or_else(
                    || "manual".into(),
                    |s| crate::model::slugify(&s.to_string_lossy()),
                );
                format!("{stem}-{hash:016x}.ron")
            }
            None => "unsaved-manual.ron".to_string(),
        };
        self.folder.join(name)
    }

    /// Writes a recovery copy of `manual`.
    pub fn write(&self, manual: &Manual, original: Option<&Path>) -> std::io::Result<PathBuf> {
        fs::create_dir_all(&self.folder)?;
        let text = format::to_canonical_string(manual).map_err(std::io::Error::other)?;
        let header = original
            .map(|p| format!("{ORIGINAL_PREFIX}{}\n", p.display()))
            .unwrap_or_default();
        let path = self.copy_path(original);
        // A recovery copy needs no backup of the copy before it.
        format::write_replacing(&path, format!("{header}{text}").as_bytes())?;
        Ok(path)
    }

    /// Removes the copy for `original`, after a clean save or close. A
    /// copy that is not there is fine; one that cannot be removed is an
    /// error, since it would be offered again at the next start.
    pub fn remove(&self, original: Option<&Path>) -> std::io::Result<()> {
        let copy = self.copy_path(original);
        match fs::remove_file(&copy) {
            Ok(()) => Ok(()),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(error) => Err(std::io::Error::new(
                error.kind(),
                format!(
                    "cannot remove the recovery copy {}: {error}",
                    copy.display()
                ),
            )),
        }
    }

    /// Every copy left behind, newest first.
    pub fn found(&self) -> Vec<Found> {
        let Ok(entries) = fs::read_dir(&self.folder) else {
            return Vec::new();
        };
        let mut found: Vec<Found> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "ron"))
            .filter_map(|copy| {
                let text = fs::read_to_string(&copy).ok()?;
                let original = text
                    .lines()
                    .next()
                    .and_then(|l| l.strip_prefix(ORIGINAL_PREFIX))
                    .map(PathBuf::from);
                let manual = format::from_str(&text, &copy).ok()?;
                Some(Found {
                    modified: fs::metadata(&copy).and_then(|m| m.modified()).ok(),
                    copy,
                    original,
                    title: manual.title,
                })
            })
            .collect();
        found.sort_by_key(|f| std::cmp::Reverse(f.modified));
        found
    }
}

/// Writes recovery copies on a thread of its own, so the window never
/// waits for one. Jobs run one at a time in the order they were given: a
/// copy asked for before a save is written before the save's removal of
/// it, so an older copy can never outlive a later save.
#[derive(Debug)]
pub struct Writer {
    jobs: std::sync::mpsc::Sender<Job>,
    problems: std::sync::mpsc::Receiver<String>,
}

enum Job {
    Write {
        manual: Box<Manual>,
        original: Option<PathBuf>,
    },
    Remove(Option<PathBuf>),
    /// Answers once every job before it is done.
    Flush(std::sync::mpsc::Sender<()>),
}

impl Writer {
    pub fn start(store: Store) -> Writer {
        let (jobs, queue) = std::sync::mpsc::channel::<Job>();
        let (report, problems) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for job in queue {
                let result = match job {
                    Job::Write { manual, original } => {
                        store.write(&manual, original.as_deref()).map(|_| ())
                    }
                    Job::Remove(original) => store.remove(original.as_deref()),
                    Job::Flush(done) => {
                        let _ = done.send(());
                        Ok(())
                    }
                };
                if let Err(error) = result {
                    let _ = report.send(error.to_string());
                }
            }
        });
        Writer { jobs, problems }
    }

    /// Queues a copy of `manual`.
    pub fn write(&self, manual: Manual, original: Option<&Path>) {
        let _ = self.jobs.send(Job::Write {
            manual: Box::new(manual),
            original: original.map(Path::to_path_buf),
        });
    }

    /// Queues the removal of the copy for `original`.
    pub fn remove(&self, original: Option<&Path>) {
        let _ = self.jobs.send(Job::Remove(original.map(Path::to_path_buf)));
    }

    /// Waits (at most `timeout`) until every job given so far is done;
    /// false when it took longer.
    pub fn flush(&self, timeout: std::time::Duration) -> bool {
        let (done, wait) = std::sync::mpsc::channel();
        if self.jobs.send(Job::Flush(done)).is_err() {
            return false;
        }
        wait.recv_timeout(timeout).is_ok()
    }

    /// What went wrong since last asked.
    pub fn problems(&self) -> Vec<String> {
        self.problems.try_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_writer_keeps_order_so_no_copy_outlives_the_save_after_it() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("recovery"));
        let writer = Writer::start(store.clone());
        let original = Path::new("/somewhere/wigan.ron");
        for n in 0..20 {
            let mut manual = Manual::new(format!("Edit {n}"), "");
            manual.notes.push("x".repeat(10_000));
            writer.write(manual, Some(original));
        }
        // The save comes after the copies were asked for.
        writer.remove(Some(original));
        assert!(writer.flush(std::time::Duration::from_secs(10)));
        assert!(store.found().is_empty());
        assert!(writer.problems().is_empty());
        writer.write(Manual::new("Later", ""), Some(original));
        assert!(writer.flush(std::time::Duration::from_secs(10)));
        assert_eq!(store.found().len(), 1);
    }

    #[test]
    fn a_copy_is_written_found_loaded_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("recovery"));
        let original = Path::new("/somewhere/stockport.ron");
        let mut manual = Manual::new("Stockport Manual", "Stockport");
        manual.notes.push("unsaved change".into());
        let copy = store.write(&manual, Some(original)).unwrap();
        store.write(&manual, Some(original)).unwrap();
        assert!(!format::backup_path(&copy).exists(), "a copy keeps no .bak");
        assert_eq!(copy, store.copy_path(Some(original)));
        let found = store.found();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].original.as_deref(), Some(original));
        assert_eq!(found[0].title, "Stockport Manual");
        // The comment line is ignored by the loader.
        assert_eq!(format::load(&copy).unwrap(), manual);
        store.remove(Some(original)).unwrap();
        assert!(store.found().is_empty());
        store.remove(Some(original)).unwrap();
    }

    #[test]
    fn different_originals_get_different_copies() {
        let store = Store::new(PathBuf::from("/tmp/r"));
        assert_ne!(
            store.copy_path(Some(Path::new("/a/m.ron"))),
            store.copy_path(Some(Path::new("/b/m.ron")))
        );
        assert_eq!(
            store.copy_path(None),
            PathBuf::from("/tmp/r/unsaved-manual.ron")
        );
    }
}
