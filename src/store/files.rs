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

/// Copies `source` into the manual's folder (made on first use) under a
/// clean name, numbered when taken (`form-2.docx`); returns the path to
/// write in the link (`stockport.files/form.docx`).
pub fn copy_in(manual_path: &Path, source: &Path) -> std::io::Result<String> {
    let folder = folder(manual_path);
    std::fs::create_dir_all(&folder)?;
    let original = source
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
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

/// What is wrong with one file link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblemKind {
    /// Outside the manual's folder (or absolute, or climbing out).
    Refused(PathProblem),
    /// In the folder's name but not on disk.
    Missing,
    /// A picture without alt text: the accessible export needs one.
    NoAltText,
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

impl std::fmt::Display for FileProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let at = format!("'{}' body line {}", self.entry, self.link.line);
        match &self.kind {
            FileProblemKind::Refused(problem) => write!(f, "{at}: {problem}"),
            FileProblemKind::Missing => {
                write!(f, "{at}: links '{}', which is not there", self.link.path)
            }
            FileProblemKind::NoAltText => write!(
                f,
                "{at}: the picture '{}' has no alt text (readers who cannot see it need one)",
                self.link.path
            ),
        }
    }
}

/// Every problem with the file links of `manual`, saved at `manual_path`.
pub fn problems(manual: &Manual, manual_path: &Path) -> Vec<FileProblem> {
    let folder_name = folder_link_name(manual_path);
    let folder = folder(manual_path);
    let mut out = Vec::new();
    for (entry, link) in files::manual_file_links(manual) {
        let kind = match files::name_in_folder(&link.path, &folder_name) {
            Err(problem) => Some(FileProblemKind::Refused(problem)),
            Ok(name) if !folder.join(name).is_file() => Some(FileProblemKind::Missing),
            Ok(_) if link.image && link.text.is_empty() => Some(FileProblemKind::NoAltText),
            Ok(_) => None,
        };
        if let Some(kind) = kind {
            out.push(FileProblem { entry, link, kind });
        }
    }
    out
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
    let entries = match std::fs::read_dir(folder(manual_path)) {
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
}
