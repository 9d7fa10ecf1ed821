//! Writing files safely on shared drives: a temporary file beside the
//! target, flushed and renamed over it, the old one kept as `.bak` (copied
//! where the folder refuses hard links), its mode and group kept; and the
//! stamp that tells whether someone else changed a file since.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What a file on disk was when it was read or written: a later stamp
/// that differs means someone else changed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiskStamp {
    pub len: u64,
    pub modified: Option<std::time::SystemTime>,
    pub hash: u64,
}

impl DiskStamp {
    /// The stamp of the file at `path`, which holds `bytes` (just read or
    /// written): only its time is asked of the disk.
    pub fn of_contents(path: &Path, bytes: &[u8]) -> std::io::Result<DiskStamp> {
        let modified = fs::metadata(path)?.modified().ok();
        Ok(DiskStamp {
            len: bytes.len() as u64,
            modified,
            hash: content_hash(bytes),
        })
    }

    /// Whether the file at `path` still holds what this stamp saw. Size and
    /// time decide when they match; a touched but unchanged file is still
    /// the same (the contents are compared).
    pub fn still_matches(&self, path: &Path) -> bool {
        let Ok(metadata) = fs::metadata(path) else {
            return false;
        };
        if metadata.len() != self.len {
            return false;
        }
        if metadata.modified().ok() == self.modified {
            return true;
        }
        fs::read(path).is_ok_and(|bytes| content_hash(&bytes) == self.hash)
    }
}

fn content_hash(bytes: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = rustc_hash::FxHasher::default();
    bytes.hash(&mut hasher);
    hasher.finish()
}

/// The backup kept beside `path` when it is overwritten: `NAME.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// A save that worked, and what it could not do besides.
#[derive(Debug, Default)]
pub struct Saved {
    /// Things the user should hear about although the content is safe:
    /// no backup could be kept, the old permissions could not be copied.
    pub warnings: Vec<String>,
    /// The file as written, to tell later whether someone else changed it.
    pub stamp: Option<DiskStamp>,
}

impl Saved {
    /// The warnings as one sentence, for a status bar or stderr.
    pub fn warning_text(&self) -> Option<String> {
        (!self.warnings.is_empty()).then(|| self.warnings.join("; "))
    }
}

/// The file a path names once symbolic links are followed, as editors save
/// through a link to its target rather than replacing the link with a
/// file. A link that points nowhere yet names the file to create; a loop
/// of links stops after 40 steps (the kernel's own limit).
pub fn through_links(path: &Path) -> PathBuf {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        let Ok(target) = fs::read_link(&current) else {
            break;
        };
        current = match current.parent() {
            Some(parent) if target.is_relative() => parent.join(target),
            _ => target,
        };
    }
    current
}

/// The two calls a backup needs, which shared drives refuse in their own
/// ways (SMB and FAT refuse hard links; a full share refuses the copy).
/// A seam, so tests can make either fail.
pub trait BackupFs {
    fn hard_link(&self, original: &Path, link: &Path) -> std::io::Result<()>;
    fn copy(&self, from: &Path, to: &Path) -> std::io::Result<()>;
}

/// The real file system.
pub struct RealFs;

impl BackupFs for RealFs {
    fn hard_link(&self, original: &Path, link: &Path) -> std::io::Result<()> {
        fs::hard_link(original, link)
    }

    fn copy(&self, from: &Path, to: &Path) -> std::io::Result<()> {
        fs::copy(from, to).map(|_| ())
    }
}

/// Keeps the current content of `path` as `NAME.ron.bak`: a hard link where
/// the file system allows (no copying), a copy otherwise.
fn keep_backup(path: &Path, files: &dyn BackupFs) -> std::io::Result<()> {
    let backup = backup_path(path);
    match fs::remove_file(&backup) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    if files.hard_link(path, &backup).is_err() {
        files.copy(path, &backup)?;
    }
    Ok(())
}

/// Replaces `path` with `bytes` so that readers see the old or the new
/// content, never a mixture; keeps the old content as `.bak`.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<Saved> {
    write_atomically_with(path, bytes, Some(&RealFs))
}

/// Replaces `path` with `bytes` as [`write_atomically`] does, keeping no
/// `.bak`: for files that are copies or products of something else (a
/// recovery copy, an exported document).
pub fn write_replacing(path: &Path, bytes: &[u8]) -> std::io::Result<Saved> {
    write_atomically_with(path, bytes, None)
}

/// Whether `path` is, or would be taken for, a manual or pack file of this
/// program: a `.ron` name, or an existing file whose text opens as RON.
pub fn is_manual_or_pack(path: &Path) -> bool {
    let target = through_links(path);
    if target
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
    {
        return true;
    }
    let Ok(bytes) =
        super::read::read_regular(&target, 64 * 1024 * 1024, super::read::Links::Follow)
    else {
        return false;
    };
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(256)]);
    let head = head.trim_start();
    head.starts_with("#![enable(") || head.starts_with("(\n") || head.starts_with("(title")
}

/// Writes an exported document (a pack's HTML, its PDF) at `out`: never
/// over a manual or pack file, and any file replaced is kept as `.bak`.
pub fn write_document(out: &Path, bytes: &[u8]) -> std::io::Result<Saved> {
    if is_manual_or_pack(out) {
        return Err(std::io::Error::other(format!(
            "{} is a manual or pack file; choose another name for the exported document \
             (nothing was written)",
            out.display()
        )));
    }
    write_atomically(out, bytes)
}

/// [`write_atomically`] with the backup's file-system calls given (`None`:
/// keep no backup).
///
/// The new file keeps the old one's permissions (and group, on Unix), so
/// colleagues on a shared folder can still read it; a new file gets the
/// mode the umask gives (0644 under 022). A backup that cannot be made
/// never stops the save: the content is written and a warning says so.
pub fn write_atomically_with(
    path: &Path,
    bytes: &[u8],
    backup: Option<&dyn BackupFs>,
) -> std::io::Result<Saved> {
    let target = through_links(path);
    let path = target.as_path();
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let existing = fs::metadata(path).ok();
    let mut builder = tempfile::Builder::new();
    builder.prefix(".manual-editor-").suffix(".tmp");
    #[cfg(unix)]
    if existing.is_none() {
        use std::os::unix::fs::PermissionsExt;
        // Created with 0666 less the umask, like any other new file.
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(&folder)?;
    let mut saved = Saved::default();
    #[cfg(unix)]
    if let Some(old) = &existing {
        use std::os::unix::fs::MetadataExt;
        // The group first: changing it can clear set-id bits the mode restores.
        let _ = std::os::unix::fs::fchown(temp.as_file(), None, Some(old.gid()));
        if let Err(error) = temp.as_file().set_permissions(old.permissions()) {
            saved.warnings.push(format!(
                "the file's permissions could not be kept ({error})"
            ));
        }
    }
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    if existing.is_some()
        && let Some(files) = backup
        && let Err(error) = keep_backup(path, files)
    {
        saved.warnings.push(format!(
            "no backup was kept: {} could not be written ({error})",
            backup_path(path).display()
        ));
    }
    temp.persist(path).map_err(|e| e.error)?;
    saved.stamp = DiskStamp::of_contents(path, bytes).ok();
    Ok(saved)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::format::{save, stockport_sample as sample};

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(path).unwrap().permissions().mode() & 0o7777
    }

    #[cfg(unix)]
    #[test]
    fn saving_keeps_the_file_s_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        for wanted in [0o640, 0o664, 0o600] {
            let path = dir.path().join(format!("m{wanted:o}.ron"));
            fs::write(&path, "old").unwrap();
            fs::set_permissions(&path, fs::Permissions::from_mode(wanted)).unwrap();
            save(&sample(), &path).unwrap();
            assert_eq!(mode(&path), wanted, "{wanted:o}");
            assert_eq!(mode(&backup_path(&path)), wanted, "the .bak too");
            save(&sample(), &path).unwrap();
            assert_eq!(mode(&path), wanted, "{wanted:o}, saved twice");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_new_file_gets_the_mode_the_umask_gives() {
        let dir = tempfile::tempdir().unwrap();
        // What this process's umask makes of an ordinary new file.
        let probe = dir.path().join("probe");
        fs::write(&probe, "x").unwrap();
        let path = dir.path().join("new.ron");
        save(&sample(), &path).unwrap();
        assert_eq!(mode(&path), mode(&probe));
        assert_ne!(mode(&path), 0o600, "not owner-only under the usual umask");
    }

    /// A file system that refuses hard links, and copies too when asked.
    struct Refusing {
        copy_fails: bool,
        copies: std::cell::Cell<usize>,
    }

    impl BackupFs for Refusing {
        fn hard_link(&self, _: &Path, _: &Path) -> std::io::Result<()> {
            Err(std::io::Error::other("hard links are not supported here"))
        }

        fn copy(&self, from: &Path, to: &Path) -> std::io::Result<()> {
            self.copies.set(self.copies.get() + 1);
            if self.copy_fails {
                Err(std::io::Error::other("the share is full"))
            } else {
                fs::copy(from, to).map(|_| ())
            }
        }
    }

    #[test]
    fn a_folder_without_hard_links_gets_a_copied_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.ron");
        fs::write(&path, "old").unwrap();
        let files = Refusing {
            copy_fails: false,
            copies: Default::default(),
        };
        let saved = write_atomically_with(&path, b"new", Some(&files)).unwrap();
        assert_eq!(files.copies.get(), 1);
        assert!(saved.warnings.is_empty(), "{:?}", saved.warnings);
        assert_eq!(fs::read_to_string(backup_path(&path)).unwrap(), "old");
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
    }

    #[cfg(unix)]
    #[test]
    fn saving_through_a_symlink_writes_its_target_and_keeps_the_link() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("real")).unwrap();
        let real = dir.path().join("real/m.ron");
        fs::write(&real, "old").unwrap();
        let link = dir.path().join("m.ron");
        std::os::unix::fs::symlink("real/m.ron", &link).unwrap();
        write_atomically(&link, b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
        assert_eq!(fs::read_to_string(backup_path(&real)).unwrap(), "old");
        // A link to a file not there yet makes it.
        let dangling = dir.path().join("out.html");
        std::os::unix::fs::symlink("real/out.html", &dangling).unwrap();
        write_replacing(&dangling, b"page").unwrap();
        assert_eq!(
            fs::read_to_string(dir.path().join("real/out.html")).unwrap(),
            "page"
        );
    }

    #[test]
    fn an_exported_document_never_replaces_a_manual_and_keeps_what_it_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let manual = dir.path().join("m.ron");
        save(&sample(), &manual).unwrap();
        let before = fs::read(&manual).unwrap();
        let error = write_document(&manual, b"<html>").unwrap_err();
        assert!(error.to_string().contains("manual or pack"), "{error}");
        assert_eq!(fs::read(&manual).unwrap(), before);
        // A manual saved under another name is recognised by its text.
        let renamed = dir.path().join("m.txt");
        fs::write(&renamed, &before).unwrap();
        assert!(write_document(&renamed, b"<html>").is_err());
        let page = dir.path().join("pack.html");
        fs::write(&page, "old pack").unwrap();
        write_document(&page, b"new pack").unwrap();
        assert_eq!(fs::read_to_string(backup_path(&page)).unwrap(), "old pack");
    }

    #[test]
    fn a_replacing_write_keeps_no_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pack.html");
        fs::write(&path, "old").unwrap();
        write_replacing(&path, b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert!(!backup_path(&path).exists());
    }

    #[test]
    fn a_backup_that_cannot_be_made_never_fails_the_save() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.ron");
        fs::write(&path, "old").unwrap();
        let files = Refusing {
            copy_fails: true,
            copies: Default::default(),
        };
        let saved = write_atomically_with(&path, b"new", Some(&files)).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        let warning = saved.warning_text().unwrap();
        assert!(warning.contains("no backup was kept"), "{warning}");
        assert!(warning.contains("the share is full"), "{warning}");
        assert!(!backup_path(&path).exists());
    }
}
