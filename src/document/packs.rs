//! The induction packs of the open manual: the `*.pack.ron` files beside it
//! that draw from it and the one open for editing. Edits are values
//! ([`PackEdit`]) applied in one place; each change returns the
//! [`PackPut`] that undoes it (the pack as it was: a pack is a few
//! kilobytes), which the open manual's one history keeps beside the
//! manual's own edits. A change is written to its file shortly after it is
//! made (a burst of typing is one write), so a pack needs no Save of its own.

use std::path::{Path, PathBuf};

use crate::edit::{ListOp, apply_list_op};
use crate::model::{EntryId, Manual, Pack, PackItem, slugify};
use crate::store::format::{LoadError, SaveError};
use crate::store::pack as pack_file;

/// How long after the last change a pack is written (typing in a note is
/// one write, not one a keystroke).
pub const WRITE_DELAY_SECONDS: f64 = 0.8;

/// The file name every pack ends with.
pub const PACK_SUFFIX: &str = ".pack.ron";

/// Why a pack could not be read, written or found.
#[derive(Debug, thiserror::Error)]
pub enum PackError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Save(#[from] SaveError),
    #[error("cannot {doing} {path}: {source}")]
    Io {
        doing: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("no pack is open")]
    NoneOpen,
}

/// One change to the open pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackEdit {
    /// Chapters (a section brings its own) before the item now at `at`.
    Insert {
        at: usize,
        ids: Vec<EntryId>,
    },
    /// A group heading before the item now at `at`.
    AddHeading {
        at: usize,
        text: String,
    },
    /// Reorder or remove items.
    List(ListOp),
    SetNote {
        index: usize,
        note: String,
    },
    SetHeading {
        index: usize,
        text: String,
    },
    SetTitle(String),
    SetAudience(String),
}

impl PackEdit {
    /// Typing in one field: successive edits with the same key merge.
    pub fn group(&self) -> Option<(&'static str, usize)> {
        match self {
            PackEdit::SetNote { index, .. } => Some(("note", *index)),
            PackEdit::SetHeading { index, .. } => Some(("heading", *index)),
            PackEdit::SetTitle(_) => Some(("title", 0)),
            PackEdit::SetAudience(_) => Some(("audience", 0)),
            _ => None,
        }
    }

    /// Applies the edit; returns whether the pack changed.
    pub fn apply(self, pack: &mut Pack, manual: &Manual) -> bool {
        match self {
            PackEdit::Insert { at, ids } => pack.insert(manual, at, &ids) > 0,
            PackEdit::AddHeading { at, text } => {
                let at = at.min(pack.items.len());
                pack.items.insert(at, PackItem::Heading { text });
                true
            }
            PackEdit::List(op) => apply_list_op(&mut pack.items, op),
            PackEdit::SetNote { index, note: new } => match pack.items.get_mut(index) {
                Some(PackItem::Entry { note, .. }) if *note != new => {
                    *note = new;
                    true
                }
                _ => false,
            },
            PackEdit::SetHeading { index, text: new } => match pack.items.get_mut(index) {
                Some(PackItem::Heading { text }) if *text != new => {
                    *text = new;
                    true
                }
                _ => false,
            },
            PackEdit::SetTitle(title) => replace(&mut pack.title, title),
            PackEdit::SetAudience(audience) => replace(&mut pack.audience, audience),
        }
    }
}

fn replace(field: &mut String, value: String) -> bool {
    let changed = *field != value;
    *field = value;
    changed
}

/// A pack found beside the manual, as the Packs panel lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub path: PathBuf,
    pub title: String,
    pub chapters: usize,
    /// Why the file could not be read (it is listed so the user knows).
    pub problem: Option<String>,
}

/// The pack being edited.
#[derive(Debug, Clone)]
struct OpenPack {
    path: PathBuf,
    pack: Pack,
    /// When the first change not yet written was made.
    unsaved_since: Option<f64>,
}

/// Puts a pack at a file (`None`: no file), opening it there: what undoes
/// a pack change, and what undoing returns to redo it.
#[derive(Debug, Clone, PartialEq)]
pub struct PackPut {
    pub path: PathBuf,
    pub pack: Option<Pack>,
}

/// The packs of one manual file.
#[derive(Debug)]
pub struct Shelf {
    manual_path: PathBuf,
    listed: Vec<Listed>,
    open: Option<OpenPack>,
    /// Changes whenever the list or the open pack changes: caches key on it.
    revision: u64,
}

impl Shelf {
    /// Finds the packs beside `manual_path` that draw from it. Files that
    /// cannot be read are listed with the reason; packs of other manuals
    /// are left out.
    pub fn scan(manual_path: &Path) -> Result<Shelf, PackError> {
        let folder = folder_of(manual_path);
        let manual_key = same_file_key(manual_path);
        let entries = std::fs::read_dir(&folder).map_err(|source| PackError::Io {
            doing: "list the packs in",
            path: folder.clone(),
            source,
        })?;
        let mut listed = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            let is_pack = path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(PACK_SUFFIX));
            if !is_pack {
                continue;
            }
            match pack_file::load(&path) {
                Ok(pack) => {
                    let draws_from = pack_file::manual_path(&pack, &path);
                    if same_file_key(&draws_from) == manual_key {
                        listed.push(listing(&path, &pack));
                    }
                }
                Err(error) => listed.push(Listed {
                    title: file_title(&path),
                    path,
                    chapters: 0,
                    problem: Some(error.to_string()),
                }),
            }
        }
        listed.sort_by_cached_key(|l| (l.title.to_lowercase(), l.path.clone()));
        Ok(Shelf {
            manual_path: manual_path.to_path_buf(),
            listed,
            open: None,
            revision: 0,
        })
    }

    pub fn manual_path(&self) -> &Path {
        &self.manual_path
    }

    pub fn listed(&self) -> &[Listed] {
        &self.listed
    }

    /// The open pack and its file.
    pub fn open_pack(&self) -> Option<(&Path, &Pack)> {
        self.open.as_ref().map(|o| (o.path.as_path(), &o.pack))
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// True while a change is waiting to be written.
    pub fn is_unsaved(&self) -> bool {
        self.open
            .as_ref()
            .is_some_and(|o| o.unsaved_since.is_some())
    }

    /// Opens the pack at `path` for editing (writing the one open before).
    pub fn open(&mut self, path: &Path) -> Result<(), PackError> {
        self.flush(0.0, true)?;
        let pack = pack_file::load(path)?;
        self.make_open(path, pack);
        self.revision += 1;
        Ok(())
    }

    /// Closes the open pack, writing what is unsaved.
    pub fn close(&mut self) -> Result<(), PackError> {
        self.flush(0.0, true)?;
        self.open = None;
        self.revision += 1;
        Ok(())
    }

    /// Makes a new empty pack beside the manual, opens it, and returns
    /// its file with what undoes the making. Its file name comes from the
    /// title and never replaces another file.
    pub(super) fn create(
        &mut self,
        manual: &Manual,
        title: &str,
        audience: &str,
    ) -> Result<(PathBuf, PackPut), PackError> {
        self.flush(0.0, true)?;
        let folder = folder_of(&self.manual_path);
        let path = free_name(&folder, &slugify(title));
        let relative = self
            .manual_path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let mut pack = Pack::new(title, relative, &manual.title);
        pack.audience = audience.to_string();
        pack_file::save(&pack, &path)?;
        self.make_open(&path, pack);
        self.revision += 1;
        let undo = PackPut {
            path: path.clone(),
            pack: None,
        };
        Ok((path, undo))
    }

    /// Deletes the pack file at `path`; returns what brings it back.
    pub(super) fn delete(&mut self, path: &Path) -> Result<PackPut, PackError> {
        let pack = match &self.open {
            Some(open) if open.path == path => open.pack.clone(),
            _ => pack_file::load(path)?,
        };
        remove(path)?;
        if self.open.as_ref().is_some_and(|o| o.path == path) {
            self.open = None;
        }
        self.set_listing(path, None);
        self.revision += 1;
        Ok(PackPut {
            path: path.to_path_buf(),
            pack: Some(pack),
        })
    }

    /// Applies `edit` to the open pack; returns what undoes it, or `None`
    /// when the pack did not change.
    pub(super) fn apply(
        &mut self,
        manual: &Manual,
        edit: PackEdit,
        now: f64,
    ) -> Result<Option<PackPut>, PackError> {
        let open = self.open.as_mut().ok_or(PackError::NoneOpen)?;
        let before = open.pack.clone();
        if !edit.apply(&mut open.pack, manual) {
            return Ok(None);
        }
        open.unsaved_since.get_or_insert(now);
        let after = open.pack.clone();
        let path = open.path.clone();
        self.set_listing(&path, Some(&after));
        self.revision += 1;
        Ok(Some(PackPut {
            path,
            pack: Some(before),
        }))
    }

    /// Puts `put.pack` at its file and opens it there (or removes the file
    /// when it holds none); returns what puts back what was there.
    pub(super) fn put(&mut self, put: PackPut) -> Result<PackPut, PackError> {
        let was = match &self.open {
            Some(open) if open.path == put.path => Some(open.pack.clone()),
            _ if put.path.exists() => Some(pack_file::load(&put.path)?),
            _ => None,
        };
        self.restore(&put.path, put.pack)?;
        Ok(PackPut {
            path: put.path,
            pack: was,
        })
    }

    /// Writes the open pack when a change is waiting and it is due (or now,
    /// when `force`); returns the file written, if any.
    pub fn flush(&mut self, now: f64, force: bool) -> Result<Option<PathBuf>, PackError> {
        let Some(open) = self.open.as_mut() else {
            return Ok(None);
        };
        let Some(since) = open.unsaved_since else {
            return Ok(None);
        };
        if !force && now - since < WRITE_DELAY_SECONDS {
            return Ok(None);
        }
        pack_file::save(&open.pack, &open.path)?;
        open.unsaved_since = None;
        Ok(Some(open.path.clone()))
    }

    /// A write failed: try again after the delay, not every frame.
    pub fn retry_later(&mut self, now: f64) {
        if let Some(open) = &mut self.open
            && open.unsaved_since.is_some()
        {
            open.unsaved_since = Some(now);
        }
    }

    /// Seconds until the waiting change is due to be written.
    pub fn write_due_in(&self, now: f64) -> Option<f64> {
        let since = self.open.as_ref()?.unsaved_since?;
        Some((since + WRITE_DELAY_SECONDS - now).max(0.0))
    }

    /// Puts `pack` at `path` (`None`: no file) and opens it there.
    fn restore(&mut self, path: &Path, pack: Option<Pack>) -> Result<(), PackError> {
        let is_open = self.open.as_ref().is_some_and(|o| o.path == path);
        match pack {
            None => {
                if is_open {
                    self.open = None;
                }
                remove(path)?;
                self.set_listing(path, None);
            }
            Some(pack) => {
                if !is_open {
                    self.flush(0.0, true)?;
                }
                pack_file::save(&pack, path)?;
                self.make_open(path, pack);
            }
        }
        self.revision += 1;
        Ok(())
    }

    /// Makes `pack`, as written at `path`, the open pack and lists it.
    fn make_open(&mut self, path: &Path, pack: Pack) {
        self.set_listing(path, Some(&pack));
        self.open = Some(OpenPack {
            path: path.to_path_buf(),
            pack,
            unsaved_since: None,
        });
    }

    /// Keeps the list in step with a pack written (or removed: `None`).
    fn set_listing(&mut self, path: &Path, pack: Option<&Pack>) {
        let found = self.listed.iter().position(|l| l.path == path);
        match (found, pack) {
            (Some(i), Some(pack)) => self.listed[i] = listing(path, pack),
            (Some(i), None) => {
                self.listed.remove(i);
            }
            (None, Some(pack)) => {
                self.listed.push(listing(path, pack));
                self.listed
                    .sort_by_cached_key(|l| (l.title.to_lowercase(), l.path.clone()));
            }
            (None, None) => {}
        }
    }
}

fn listing(path: &Path, pack: &Pack) -> Listed {
    Listed {
        path: path.to_path_buf(),
        title: if pack.title.trim().is_empty() {
            file_title(path)
        } else {
            pack.title.clone()
        },
        chapters: pack
            .items
            .iter()
            .filter(|i| matches!(i, PackItem::Entry { .. }))
            .count(),
        problem: None,
    }
}

/// "week-1.pack.ron" → "week-1".
fn file_title(path: &Path) -> String {
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    name.strip_suffix(PACK_SUFFIX).unwrap_or(&name).to_string()
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The same file reached by two spellings of its path compares equal.
fn same_file_key(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// `folder/SLUG.pack.ron`, or `SLUG-2…` when that is taken.
fn free_name(folder: &Path, slug: &str) -> PathBuf {
    let slug = if slug.is_empty() { "pack" } else { slug };
    let mut path = folder.join(format!("{slug}{PACK_SUFFIX}"));
    let mut n = 2;
    while path.exists() {
        path = folder.join(format!("{slug}-{n}{PACK_SUFFIX}"));
        n += 1;
    }
    path
}

fn remove(path: &Path) -> Result<(), PackError> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(PackError::Io {
            doing: "delete",
            path: path.to_path_buf(),
            source,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> (tempfile::TempDir, PathBuf, Manual) {
        let dir = tempfile::tempdir().unwrap();
        let manual = crate::store::format::stockport_sample();
        let path = dir.path().join("stockport.ron");
        crate::store::format::save(&manual, &path).unwrap();
        (dir, path, manual)
    }

    #[test]
    fn the_shelf_lists_this_manuals_packs_and_unreadable_files_only() {
        let (dir, path, manual) = setup();
        let mine = Pack::new("Week 1", "stockport.ron", &manual.title);
        pack_file::save(&mine, &dir.path().join("week-1.pack.ron")).unwrap();
        let other = Pack::new("Other", "wigan.ron", "Wigan");
        pack_file::save(&other, &dir.path().join("other.pack.ron")).unwrap();
        std::fs::write(dir.path().join("broken.pack.ron"), "(format: 1, title: ").unwrap();
        std::fs::write(dir.path().join("notes.ron"), "not a pack").unwrap();
        let shelf = Shelf::scan(&path).unwrap();
        let titles: Vec<_> = shelf.listed().iter().map(|l| l.title.as_str()).collect();
        assert_eq!(titles, vec!["broken", "Week 1"]);
        assert!(
            shelf.listed()[0]
                .problem
                .as_ref()
                .unwrap()
                .contains("broken.pack.ron")
        );
        assert!(shelf.listed()[1].problem.is_none());
    }

    #[test]
    fn a_second_pack_with_the_same_title_gets_its_own_file() {
        let (dir, path, manual) = setup();
        let mut shelf = Shelf::scan(&path).unwrap();
        shelf.create(&manual, "Week 1", "").unwrap();
        let (second, _) = shelf.create(&manual, "Week 1", "").unwrap();
        assert_eq!(second, dir.path().join("week-1-2.pack.ron"));
        assert_eq!(shelf.listed().len(), 2);
        assert_eq!(Shelf::scan(&path).unwrap().listed().len(), 2);
    }
}
