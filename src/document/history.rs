//! A chapter's history as the window and `versions history` show it:
//! each version of it that was published (read from the copies kept in
//! `NAME.versions/`) and, when the manual is in a git repository, the
//! commits that changed it, read through the structural diff.

use super::open::Document;
use crate::model::published::{Copies, PublishedChapter, chapter_versions};
use crate::model::{EntryId, Manual};
use crate::store::git::{self, GitError};
use crate::store::versions::{self, VersionError};

/// One commit that changed a chapter, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitChange {
    pub commit: git::Commit,
    /// "edited 4.8.1 Young Carers: body", as `diff` prints them.
    pub changes: Vec<String>,
}

/// How many commits of the manual's file History reads.
pub const GIT_COMMITS_READ: usize = 40;

impl Document {
    /// The copies kept of each published update, oldest first. A copy the
    /// manual names that is missing or unreadable is an error.
    pub fn published_copies(&self) -> Result<Copies, VersionError> {
        let Some(path) = self.path() else {
            return Ok(Vec::new());
        };
        self.manual()
            .updates
            .iter()
            .filter(|u| u.published)
            .filter_map(|u| Some((u, u.archived.as_deref()?)))
            .map(|(update, name)| Ok((update.clone(), versions::read(path, name)?)))
            .collect()
    }

    /// The published versions of chapter `id`, oldest first.
    pub fn chapter_history(&self, id: &EntryId) -> Result<Vec<PublishedChapter>, VersionError> {
        let copies = self.published_copies()?;
        Ok(chapter_versions(&copies, |other| other == id)
            .remove(id)
            .unwrap_or_default())
    }

    /// The commits (newest first, of the last [`GIT_COMMITS_READ`] that
    /// changed the file) that changed chapter `id`: its text, fields, place
    /// or number. Empty when the manual is not in a git repository. A
    /// version git holds that cannot be read is skipped, said in its row.
    pub fn git_history(&self, id: &EntryId) -> Result<Vec<CommitChange>, GitError> {
        let Some(path) = self.path() else {
            return Ok(Vec::new());
        };
        let commits = git::commits(path, GIT_COMMITS_READ + 1)?;
        let read = |commit: &git::Commit| -> Result<Option<Manual>, String> {
            match git::file_at(path, &commit.hash) {
                Ok(Some(text)) => crate::store::format::from_str(&text, path)
                    .map(Some)
                    .map_err(|e| e.to_string()),
                Ok(None) => Ok(None),
                Err(error) => Err(error.to_string()),
            }
        };
        let versions: Vec<Result<Option<Manual>, String>> = commits.iter().map(read).collect();
        let empty = Manual::default();
        let mut out = Vec::new();
        for (at, commit) in commits.iter().enumerate().take(GIT_COMMITS_READ) {
            let before = match versions.get(at + 1) {
                Some(Ok(before)) => before.as_ref(),
                // The oldest commit read: compared with nothing only
                // when it is where the file began.
                None if commits.len() <= GIT_COMMITS_READ => None,
                None => continue,
                Some(Err(_)) => continue,
            };
            let changes = match &versions[at] {
                Ok(after) => crate::model::diff_entry(
                    before.unwrap_or(&empty),
                    after.as_ref().unwrap_or(&empty),
                    id,
                )
                .iter()
                .map(ToString::to_string)
                .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect(),
                Err(why) => vec![format!("this version could not be read: {why}")],
            };
            if !changes.is_empty() {
                out.push(CommitChange {
                    commit: commit.clone(),
                    changes,
                });
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn git_history_lists_the_commits_that_changed_the_chapter() {
        let dir = tempfile::tempdir().unwrap();
        let git = |args: &[&str]| {
            let status = std::process::Command::new("git")
                .arg("-C")
                .arg(dir.path())
                .args([
                    "-c",
                    "user.name=Tester",
                    "-c",
                    "user.email=tester@example.org",
                ])
                .args(args)
                .output()
                .unwrap();
            assert!(status.status.success(), "{status:?}");
        };
        git(&["init", "-q"]);
        let file = dir.path().join("manual.ron");
        let mut manual = crate::store::format::stockport_sample();
        crate::store::format::save(&manual, &file).unwrap();
        git(&["add", "manual.ron"]);
        git(&["commit", "-q", "-m", "First version"]);
        // A commit that leaves Young Carers alone.
        manual.title = "Renamed manual".into();
        crate::store::format::save(&manual, &file).unwrap();
        git(&["commit", "-q", "-am", "Rename the manual"]);
        manual
            .chapter_mut(&EntryId::new("young-carers-2"))
            .unwrap()
            .body = "New words.".into();
        crate::store::format::save(&manual, &file).unwrap();
        git(&["commit", "-q", "-am", "Revise Young Carers"]);
        let doc = Document::open(&file).unwrap();
        let history = doc.git_history(&EntryId::new("young-carers-2")).unwrap();
        let subjects: Vec<_> = history.iter().map(|c| c.commit.subject.as_str()).collect();
        assert_eq!(subjects, ["Revise Young Carers", "First version"]);
        assert!(history[0].changes[0].contains("body"), "{history:?}");
        assert!(history[1].changes[0].starts_with("added"), "{history:?}");
        assert_eq!(history[0].commit.author, "Tester");
        // Outside a repository: no commits, no error.
        let elsewhere = tempfile::tempdir().unwrap();
        let lone = elsewhere.path().join("lone.ron");
        crate::store::format::save(&manual, &lone).unwrap();
        let doc = Document::open(&lone).unwrap();
        assert!(
            doc.git_history(&EntryId::new("young-carers-2"))
                .unwrap()
                .is_empty()
        );
    }
}
