//! The folder of files beside a manual (`NAME.files/`): copying a file in
//! under a clean, unique name, and checking the links to it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::model::files::{self, FileLink, PathProblem};
use crate::model::{EntryId, Manual};

/// The folder of `manual_path`'s files (which may not exist yet).
pub fn folder(manual_path: &Path) -> PathBuf {
    let name = manual_path
        .file_name()
        .map_or_else(|| "manual".into(), |n| n.to_string_lossy().into_owned());
    manual_path.with_file_name(files::folder_name(&name))
}

/// The folder's name as links write it (`stockport.files`).
pub fn folder_link_name(manual_path: &Path) -> String {
    folder(manual_path)
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

/// Why the folder itself cannot hold files: it is a symbolic link or not a
/// folder (a cloned manual may carry either), `None` when it is a real
/// folder or not there at all.
fn folder_problem(folder: &Path) -> Option<String> {
    let metadata = std::fs::symlink_metadata(folder).ok()?;
    if metadata.file_type().is_symlink() {
        Some(format!(
            "{} is a symbolic link; the manual's files must be in a real folder beside it",
            folder.display()
        ))
    } else if !metadata.is_dir() {
        Some(format!("{} is not a folder", folder.display()))
    } else {
        None
    }
}

/// The file `name` in `folder`, when it is safe to read and publish: a
/// regular file (not a symbolic link, a device or a FIFO) whose real path
/// lies in the folder, which is itself a real folder. Nothing a cloned
/// manual carries can make the program read elsewhere.
pub fn regular_file_in(folder: &Path, name: &str) -> Result<PathBuf, FileProblemKind> {
    if let Some(why) = folder_problem(folder) {
        return Err(FileProblemKind::Unsafe(why));
    }
    if let Some(why) = files::runnable_reason(name) {
        return Err(FileProblemKind::Runnable(why));
    }
    let path = folder.join(name);
    let metadata = match std::fs::symlink_metadata(&path) {
        Ok(metadata) => metadata,
        Err(_) => return Err(FileProblemKind::Missing),
    };
    let unsafe_file = |what: &str| {
        FileProblemKind::Unsafe(format!(
            "{} is {what}; only ordinary files in the manual's folder are linked",
            path.display()
        ))
    };
    if metadata.file_type().is_symlink() {
        return Err(unsafe_file("a symbolic link"));
    }
    if !metadata.is_file() {
        return Err(unsafe_file("not an ordinary file"));
    }
    let inside = match (path.canonicalize(), folder.canonicalize()) {
        (Ok(real), Ok(real_folder)) => real.parent() == Some(real_folder.as_path()),
        _ => false,
    };
    if !inside {
        return Err(unsafe_file("outside the manual's folder"));
    }
    Ok(path)
}

/// A manual kept in a folder beside another (template versions, published
/// copies): read only as an ordinary file in a real folder.
pub enum KeptManual {
    Read(Box<Manual>),
    Missing,
    /// Not safe to read, or not a manual: why.
    Refused(String),
}

/// Reads the manual `name` kept in `folder`; `what` names it in messages
/// ("a template version").
pub fn read_kept_manual(folder: &Path, name: &str, what: &str) -> KeptManual {
    match regular_file_in(folder, name) {
        Ok(path) => match super::format::load(&path) {
            Ok(manual) => KeptManual::Read(Box::new(manual)),
            Err(error) => KeptManual::Refused(error.to_string()),
        },
        Err(FileProblemKind::Missing) => KeptManual::Missing,
        Err(FileProblemKind::Unsafe(why)) => KeptManual::Refused(why),
        Err(_) => KeptManual::Refused(format!(
            "{} cannot be read as {what}",
            folder.join(name).display()
        )),
    }
}

/// Refuses a folder to keep files in that is a symbolic link or not a
/// folder (a cloned manual may carry either); one not there yet is fine.
pub fn refuse_unreal_folder(folder: &Path, what: &str) -> Result<(), String> {
    match std::fs::symlink_metadata(folder) {
        Ok(metadata) if metadata.file_type().is_symlink() || !metadata.is_dir() => Err(format!(
            "{} is not a real folder; {what} are kept only in one",
            folder.display()
        )),
        _ => Ok(()),
    }
}

/// The file a body's link names, checked as [`regular_file_in`] does.
pub fn linked_file(manual_path: &Path, link_path: &str) -> Result<PathBuf, FileProblemKind> {
    let name = files::name_in_folder(link_path, &folder_link_name(manual_path))
        .map_err(FileProblemKind::Refused)?;
    regular_file_in(&folder(manual_path), name)
}

/// The bytes of the file a body links (`stockport.files/map.png`), when it
/// is one the manual may publish ([`linked_file`]) and no larger than a
/// manual file may be; `None` otherwise.
pub fn read_linked(manual_path: &Path, link_path: &str) -> Option<Vec<u8>> {
    let path = linked_file(manual_path, link_path).ok()?;
    crate::store::read::read_regular(
        &path,
        crate::store::format::MAX_FILE_BYTES,
        crate::store::read::Links::Refuse,
    )
    .ok()
}

/// Copies `source` into the manual's folder (made on first use) under a
/// clean name, numbered when taken (`form-2.docx`); returns the path to
/// write in the link (`stockport.files/form.docx`). A file a browser would
/// run is refused, and so is a folder that is a symbolic link.
pub fn copy_in(manual_path: &Path, source: &Path) -> std::io::Result<String> {
    let folder = folder(manual_path);
    if let Some(why) = folder_problem(&folder) {
        return Err(std::io::Error::other(why));
    }
    std::fs::create_dir_all(&folder)?;
    let original = source
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    if let Some(why) = files::runnable_reason(&original) {
        return Err(std::io::Error::other(why));
    }
    let clean = files::clean_name(&original);
    let (stem, ext) = match clean.rsplit_once('.') {
        Some((stem, ext)) => (stem.to_string(), format!(".{ext}")),
        None => (clean.clone(), String::new()),
    };
    let mut name = clean;
    let mut n = 2;
    loop {
        let target = folder.join(&name);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&target)
        {
            Ok(mut out) => {
                let copied = std::fs::File::open(source)
                    .and_then(|mut input| std::io::copy(&mut input, &mut out));
                if let Err(error) = copied {
                    drop(out);
                    let _ = std::fs::remove_file(&target);
                    return Err(error);
                }
                break;
            }
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
                name = format!("{stem}-{n}{ext}");
                n += 1;
            }
            Err(error) => return Err(error),
        }
    }
    Ok(format!("{}/{name}", folder_link_name(manual_path)))
}

/// Writes `bytes` as `name` in the manual's folder (made on first use),
/// never over another file: a file of that name already holding the same
/// bytes is left as it is; one holding others is refused. Returns the
/// path to write in the link.
pub fn write_new(manual_path: &Path, name: &str, bytes: &[u8]) -> std::io::Result<String> {
    let folder = folder(manual_path);
    if let Some(why) = folder_problem(&folder) {
        return Err(std::io::Error::other(why));
    }
    if let Some(why) = files::runnable_reason(name) {
        return Err(std::io::Error::other(why));
    }
    if name != files::clean_name(name) {
        return Err(std::io::Error::other(format!(
            "{name} is not a clean file name"
        )));
    }
    std::fs::create_dir_all(&folder)?;
    let target = folder.join(name);
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&target)
    {
        Ok(mut out) => {
            if let Err(error) = std::io::Write::write_all(&mut out, bytes) {
                drop(out);
                let _ = std::fs::remove_file(&target);
                return Err(error);
            }
        }
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            let same = regular_file_in(&folder, name)
                .ok()
                .and_then(|path| std::fs::read(path).ok())
                .is_some_and(|there| there == bytes);
            if !same {
                return Err(std::io::Error::other(format!(
                    "{} is already there and holds something else",
                    target.display()
                )));
            }
        }
        Err(error) => return Err(error),
    }
    Ok(format!("{}/{name}", folder_link_name(manual_path)))
}

/// What is wrong with one file link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblemKind {
    /// Outside the manual's folder (or absolute, or climbing out).
    Refused(PathProblem),
    /// In the folder's name but not on disk.
    Missing,
    /// A picture without alt text: the accessible export needs one.
    NoAltText,
    /// A symbolic link, a device, a FIFO, or a folder that is a link: the
    /// reason names the path.
    Unsafe(String),
    /// A page, drawing or script a browser would run on the site's origin.
    Runnable(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblem {
    pub entry: EntryId,
    pub link: FileLink,
    pub kind: FileProblemKind,
}

impl FileProblem {
    /// Refused and missing files matter (`check` exits 1); missing alt text
    /// is a warning.
    pub fn is_serious(&self) -> bool {
        !matches!(self.kind, FileProblemKind::NoAltText)
    }
}

impl FileProblem {
    /// What is wrong, with the body line but not the entry ("body line 3:
    /// links 'x.png', which is not there").
    pub fn message(&self) -> String {
        let at = format!("body line {}", self.link.line);
        let path = &self.link.path;
        match &self.kind {
            FileProblemKind::Refused(problem) => format!("{at}: {problem}"),
            FileProblemKind::Missing => format!("{at}: links '{path}', which is not there"),
            FileProblemKind::Unsafe(why) | FileProblemKind::Runnable(why) => {
                format!("{at}: links '{path}': {why}")
            }
            FileProblemKind::NoAltText => format!(
                "{at}: the picture '{path}' has no alt text (readers who cannot see it need one)"
            ),
        }
    }
}

impl std::fmt::Display for FileProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "'{}' {}", self.entry, self.message())
    }
}

/// Every problem with the file links of `manual`, saved at `manual_path`.
pub fn problems(manual: &Manual, manual_path: &Path) -> Vec<FileProblem> {
    let mut out = Vec::new();
    for (entry, link) in files::manual_file_links(manual) {
        let kind = match linked_file(manual_path, &link.path) {
            Err(problem) => Some(problem),
            Ok(_) if link.image && link.text.is_empty() => Some(FileProblemKind::NoAltText),
            Ok(_) => None,
        };
        if let Some(kind) = kind {
            out.push(FileProblem { entry, link, kind });
        }
    }
    out
}

/// What is wrong with the manual's logo (Manual details), if anything:
/// outside the manual's folder, not there, or not a picture. The export
/// leaves such a logo out without a word, so `check` and the Problems list
/// say it.
pub fn logo_problem(manual: &Manual, manual_path: &Path) -> Option<String> {
    let logo = manual.look.logo.as_deref()?;
    let why = match linked_file(manual_path, logo) {
        Err(FileProblemKind::Missing) => format!("'{logo}' is not there"),
        // These name the path themselves.
        Err(FileProblemKind::Refused(problem)) => problem.to_string(),
        Err(FileProblemKind::Unsafe(why) | FileProblemKind::Runnable(why)) => why,
        Err(FileProblemKind::NoAltText) => return None,
        Ok(file) => {
            let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if files::is_image_name(name) {
                return None;
            }
            format!("'{logo}' is not a picture (PNG, JPEG, GIF or WebP)")
        }
    };
    Some(format!("the logo {why}: the site is published without it"))
}

/// The files in the folder that no body links, sorted.
pub fn unused(manual: &Manual, manual_path: &Path) -> std::io::Result<Vec<String>> {
    let folder_name = folder_link_name(manual_path);
    let linked: BTreeSet<String> = files::manual_file_links(manual)
        .into_iter()
        .filter_map(|(_, link)| {
            files::name_in_folder(&link.path, &folder_name)
                .ok()
                .map(str::to_string)
        })
        .collect();
    let mut out = Vec::new();
    let folder = folder(manual_path);
    if folder_problem(&folder).is_some() {
        return Ok(out);
    }
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(error) => return Err(error),
    };
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type()?.is_file() && !linked.contains(&name) {
            out.push(name);
        }
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Entry;

    fn manual_with_body(body: &str) -> Manual {
        let mut chapter = Entry::chapter(EntryId::new("c"), "C");
        chapter.chapter_details_mut().unwrap().body = body.into();
        let mut manual = Manual::new("M", "A");
        manual.entries = vec![Entry::section(EntryId::new("p"), "P", vec![chapter])];
        manual
    }

    #[test]
    fn a_copied_file_gets_a_clean_unique_name_in_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let manual = dir.path().join("stockport.ron");
        let source = dir.path().join("Referral Form (2024).DOCX");
        std::fs::write(&source, b"form").unwrap();
        assert_eq!(
            copy_in(&manual, &source).unwrap(),
            "stockport.files/referral-form-2024.docx"
        );
        assert_eq!(
            copy_in(&manual, &source).unwrap(),
            "stockport.files/referral-form-2024-2.docx"
        );
        let copied = dir.path().join("stockport.files/referral-form-2024-2.docx");
        assert_eq!(std::fs::read(copied).unwrap(), b"form");
    }

    #[test]
    fn missing_refused_and_undescribed_files_are_reported_and_unused_ones_listed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.ron");
        std::fs::create_dir(dir.path().join("m.files")).unwrap();
        for name in ["chart.png", "form.docx", "old.pdf"] {
            std::fs::write(dir.path().join("m.files").join(name), b"x").unwrap();
        }
        let manual = manual_with_body(
            "![](m.files/chart.png)\n[Form](m.files/form.docx)\n[Gone](m.files/gone.pdf)\n\
             ![Out](../secret.png)",
        );
        let found = problems(&manual, &path);
        let kinds: Vec<(&str, bool)> = found
            .iter()
            .map(|p| (p.link.path.as_str(), p.is_serious()))
            .collect();
        assert_eq!(
            kinds,
            [
                ("m.files/chart.png", false),
                ("m.files/gone.pdf", true),
                ("../secret.png", true)
            ]
        );
        assert!(found[1].to_string().contains("body line 3"));
        assert_eq!(unused(&manual, &path).unwrap(), ["old.pdf"]);
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_devices_and_runnable_files_are_errors_never_read() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.ron");
        let folder = dir.path().join("m.files");
        std::fs::create_dir(&folder).unwrap();
        std::fs::write(dir.path().join("secret.txt"), b"key").unwrap();
        symlink(dir.path().join("secret.txt"), folder.join("secret.txt")).unwrap();
        symlink("/etc/passwd", folder.join("passwd.txt")).unwrap();
        symlink("/dev/zero", folder.join("zero.txt")).unwrap();
        std::fs::write(folder.join("evil.html"), b"<script>alert(1)</script>").unwrap();
        std::fs::write(folder.join("flow.svg"), b"<svg onload='alert(1)'/>").unwrap();
        std::fs::write(folder.join("ok.pdf"), b"%PDF").unwrap();
        let manual = manual_with_body(
            "[a](m.files/secret.txt) [b](m.files/passwd.txt) [c](m.files/zero.txt) \
             [d](m.files/evil.html) ![e](m.files/flow.svg) [f](m.files/ok.pdf)",
        );
        let found = problems(&manual, &path);
        let kinds: Vec<_> = found.iter().map(|p| (&*p.link.path, &p.kind)).collect();
        assert_eq!(found.len(), 5, "{kinds:?}");
        assert!(found.iter().all(FileProblem::is_serious));
        for problem in &found[..3] {
            assert!(
                matches!(problem.kind, FileProblemKind::Unsafe(_)),
                "{problem}"
            );
            assert!(problem.to_string().contains("symbolic link"), "{problem}");
        }
        for problem in &found[3..] {
            assert!(
                matches!(problem.kind, FileProblemKind::Runnable(_)),
                "{problem}"
            );
        }
        assert!(linked_file(&path, "m.files/ok.pdf").is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn a_files_folder_that_is_a_symlink_is_refused_whole() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        std::fs::write(elsewhere.path().join("id_rsa"), b"key").unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), dir.path().join("m.files")).unwrap();
        let path = dir.path().join("m.ron");
        let manual = manual_with_body("[k](m.files/id_rsa)");
        let found = problems(&manual, &path);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].to_string().contains("symbolic link"),
            "{}",
            found[0]
        );
        let source = dir.path().join("form.docx");
        std::fs::write(&source, b"form").unwrap();
        assert!(
            copy_in(&path, &source).is_err(),
            "nothing is written through it"
        );
        assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 1);
        assert!(unused(&manual, &path).unwrap().is_empty());
    }

    #[test]
    fn a_runnable_file_is_not_copied_in() {
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join("evil.html");
        std::fs::write(&source, b"<script></script>").unwrap();
        let error = copy_in(&dir.path().join("m.ron"), &source).unwrap_err();
        assert!(error.to_string().contains("script"), "{error}");
        assert!(!dir.path().join("m.files/evil.html").exists());
    }
}
