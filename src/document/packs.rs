//! The induction packs of the open manual: the `*.pack.ron` files beside it
//! that draw from it, the one open for editing, and the undo steps of pack
//! edits. Edits are values ([`PackEdit`]) applied in one place; a step keeps
//! the pack before and after (a pack is a few kilobytes), so undo puts a
//! whole pack back. A change is written to its file shortly after it is
//! made (a burst of typing is one write), so a pack needs no Save of its own.

use std::path::{Path, PathBuf};

use crate::edit::{ListOp, apply_list_op};
use crate::model::{EntryId, Manual, Pack, PackItem, slugify};
use crate::store::format::{LoadError, SaveError};
use crate::store::pack as pack_file;

/// How long after the last change a pack is written (typing in a note is
/// one write, not one a keystroke).
pub const WRITE_DELAY_SECONDS: f64 = 0.8;

/// Edits of the same kind to the same field, one right after another,
/// merge into one undo step.
const BURST_GAP_SECONDS: f64 = 1.5;

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
    fn group(&self) -> Option<(&'static str, usize)> {
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

/// One undoable pack change: the file's pack before and after (`None`: no
/// file, for a pack made or deleted).
#[derive(Debug, Clone)]
struct Step {
    path: PathBuf,
    before: Option<Pack>,
    after: Option<Pack>,
    group: Option<(&'static str, usize)>,
    at: f64,
}

/// The packs of one manual file.
#[derive(Debug)]
pub struct Shelf {
    manual_path: PathBuf,
    listed: Vec<Listed>,
    open: Option<OpenPack>,
    undo: Vec<Step>,
    redo: Vec<Step>,
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
            undo: Vec::new(),
            redo: Vec::new(),
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

    /// How many steps undo can take back.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Forgets the undone steps: something else was changed since.
    pub fn clear_redo(&mut self) {
        self.redo.clear();
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
    /// its file. Its file name comes from the title and never replaces
    /// another file.
    pub fn create(
        &mut self,
        manual: &Manual,
        title: &str,
        audience: &str,
        now: f64,
    ) -> Result<PathBuf, PackError> {
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
        self.push(Step {
            path: path.clone(),
            before: None,
            after: Some(pack.clone()),
            group: None,
            at: now,
        });
        self.make_open(&path, pack);
        self.revision += 1;
        Ok(path)
    }

    /// Deletes the pack file at `path` (undo brings it back).
    pub fn delete(&mut self, path: &Path, now: f64) -> Result<(), PackError> {
        let pack = match &self.open {
            Some(open) if open.path == path => open.pack.clone(),
            _ => pack_file::load(path)?,
        };
        remove(path)?;
        if self.open.as_ref().is_some_and(|o| o.path == path) {
            self.open = None;
        }
        self.push(Step {
            path: path.to_path_buf(),
            before: Some(pack),
            after: None,
            group: None,
            at: now,
        });
        self.set_listing(path, None);
        self.revision += 1;
        Ok(())
    }

    /// Applies `edit` to the open pack as one undoable step (typing in one
    /// field merges into the step before). Returns whether it changed.
    pub fn apply(&mut self, manual: &Manual, edit: PackEdit, now: f64) -> Result<bool, PackError> {
        let open = self.open.as_mut().ok_or(PackError::NoneOpen)?;
        let before = open.pack.clone();
        let group = edit.group();
        if !edit.apply(&mut open.pack, manual) {
            return Ok(false);
        }
        open.unsaved_since.get_or_insert(now);
        let after = open.pack.clone();
        let path = open.path.clone();
        self.set_listing(&path, Some(&after));
        self.revision += 1;
        if let Some(top) = self.undo.last_mut()
            && group.is_some()
            && top.group == group
            && top.path == path
            && now - top.at < BURST_GAP_SECONDS
        {
            top.after = Some(after);
            top.at = now;
            return Ok(true);
        }
        self.push(Step {
            path,
            before: Some(before),
            after: Some(after),
            group,
            at: now,
        });
        Ok(true)
    }

    /// Takes back the last pack step; `Ok(false)` when there was none.
    pub fn undo(&mut self) -> Result<bool, PackError> {
        self.move_step(true)
    }

    /// Makes the last undone pack step again.
    pub fn redo(&mut self) -> Result<bool, PackError> {
        self.move_step(false)
    }

    /// Moves the top step from one stack to the other, putting back the
    /// pack it had before (undo) or after (redo). On error both stacks are
    /// as they were.
    fn move_step(&mut self, is_undo: bool) -> Result<bool, PackError> {
        let from = if is_undo {
            &mut self.undo
        } else {
            &mut self.redo
        };
        let Some(step) = from.pop() else {
            return Ok(false);
        };
        let pack = if is_undo {
            step.before.clone()
        } else {
            step.after.clone()
        };
        let result = self.restore(&step.path, pack);
        // A step moved is never merged into by later typing.
        let step = Step {
            group: None,
            ..step
        };
        let to = match (&result, is_undo) {
            (Ok(()), true) | (Err(_), false) => &mut self.redo,
            (Ok(()), false) | (Err(_), true) => &mut self.undo,
        };
        to.push(step);
        result.map(|()| true)
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

    fn push(&mut self, step: Step) {
        self.undo.push(step);
        self.redo.clear();
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

    fn ids(pack: &Pack) -> Vec<String> {
        pack.items
            .iter()
            .map(|item| match item {
                PackItem::Entry { id, .. } => id.to_string(),
                PackItem::Heading { text } => format!("# {text}"),
            })
            .collect()
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
    fn create_edit_write_and_undo_everything_back_to_no_file() {
        let (dir, path, manual) = setup();
        let mut shelf = Shelf::scan(&path).unwrap();
        let made = shelf
            .create(&manual, "Week 1: Safeguarding", "New staff", 0.0)
            .unwrap();
        assert_eq!(made, dir.path().join("week-1-safeguarding.pack.ron"));
        let on_disk = pack_file::load(&made).unwrap();
        assert_eq!(on_disk.manual, "stockport.ron");
        assert_eq!(on_disk.manual_title, manual.title);

        let insert = PackEdit::Insert {
            at: 0,
            ids: vec![EntryId::new("young-carers-2")],
        };
        assert!(shelf.apply(&manual, insert, 1.0).unwrap());
        assert!(shelf.is_unsaved());
        // Not written until the delay has passed.
        assert_eq!(shelf.flush(1.1, false).unwrap(), None);
        assert!(pack_file::load(&made).unwrap().items.is_empty());
        assert_eq!(shelf.flush(2.0, false).unwrap(), Some(made.clone()));
        assert_eq!(pack_file::load(&made).unwrap().items.len(), 1);

        // Typing a note is one step.
        for (i, text) in ["R", "Re", "Read"].into_iter().enumerate() {
            let edit = PackEdit::SetNote {
                index: 0,
                note: text.into(),
            };
            shelf.apply(&manual, edit, 3.0 + i as f64 * 0.2).unwrap();
        }
        assert_eq!(shelf.undo_len(), 3);
        assert!(shelf.undo().unwrap());
        let (_, pack) = shelf.open_pack().unwrap();
        assert!(matches!(&pack.items[0], PackItem::Entry { note, .. } if note.is_empty()));
        assert!(shelf.undo().unwrap());
        assert!(shelf.open_pack().unwrap().1.items.is_empty());
        assert!(shelf.undo().unwrap());
        assert!(!made.exists(), "undoing the creation removes the file");
        assert!(shelf.listed().is_empty());
        assert!(!shelf.undo().unwrap());
        // And all the way forward again.
        for _ in 0..3 {
            assert!(shelf.redo().unwrap());
        }
        let on_disk = pack_file::load(&made).unwrap();
        assert!(matches!(&on_disk.items[0], PackItem::Entry { note, .. } if note == "Read"));
    }

    #[test]
    fn reorder_remove_headings_and_delete_with_undo() {
        let (_dir, path, manual) = setup();
        let mut shelf = Shelf::scan(&path).unwrap();
        let made = shelf.create(&manual, "Pack", "", 0.0).unwrap();
        let ids_in = vec![
            EntryId::new("young-carers-2"),
            EntryId::new("confidentiality-policy"),
        ];
        shelf
            .apply(&manual, PackEdit::Insert { at: 0, ids: ids_in }, 1.0)
            .unwrap();
        let heading = PackEdit::AddHeading {
            at: 0,
            text: "Day 1".into(),
        };
        shelf.apply(&manual, heading, 2.0).unwrap();
        shelf
            .apply(&manual, PackEdit::List(ListOp::Down(1)), 3.0)
            .unwrap();
        assert_eq!(
            ids(shelf.open_pack().unwrap().1),
            vec!["# Day 1", "confidentiality-policy", "young-carers-2"]
        );
        shelf
            .apply(&manual, PackEdit::List(ListOp::Remove(2)), 4.0)
            .unwrap();
        assert_eq!(shelf.listed()[0].chapters, 1);
        shelf.delete(&made, 5.0).unwrap();
        assert!(!made.exists() && shelf.open_pack().is_none());
        shelf.undo().unwrap();
        assert!(made.exists());
        assert_eq!(
            ids(shelf.open_pack().unwrap().1),
            vec!["# Day 1", "confidentiality-policy"]
        );
        shelf.undo().unwrap();
        assert_eq!(shelf.open_pack().unwrap().1.items.len(), 3);
    }

    #[test]
    fn a_second_pack_with_the_same_title_gets_its_own_file() {
        let (dir, path, manual) = setup();
        let mut shelf = Shelf::scan(&path).unwrap();
        shelf.create(&manual, "Week 1", "", 0.0).unwrap();
        let second = shelf.create(&manual, "Week 1", "", 0.0).unwrap();
        assert_eq!(second, dir.path().join("week-1-2.pack.ron"));
        assert_eq!(shelf.listed().len(), 2);
        assert_eq!(Shelf::scan(&path).unwrap().listed().len(), 2);
    }

    #[test]
    fn undo_reopens_the_pack_a_step_was_about_writing_the_open_one() {
        let (_dir, path, manual) = setup();
        let mut shelf = Shelf::scan(&path).unwrap();
        let first = shelf.create(&manual, "First", "", 0.0).unwrap();
        shelf
            .apply(&manual, PackEdit::SetAudience("Carers".into()), 1.0)
            .unwrap();
        let second = shelf.create(&manual, "Second", "", 2.0).unwrap();
        assert_eq!(pack_file::load(&first).unwrap().audience, "Carers");
        shelf
            .apply(&manual, PackEdit::SetTitle("Second pack".into()), 3.0)
            .unwrap();
        shelf.undo().unwrap();
        shelf.undo().unwrap();
        assert!(!second.exists());
        shelf.undo().unwrap();
        let (open, pack) = shelf.open_pack().unwrap();
        assert_eq!(open, first.as_path());
        assert_eq!(pack.audience, "");
    }
}
