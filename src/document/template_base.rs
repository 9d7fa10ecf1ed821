//! An open local manual and its template: the template version it is based
//! on (read from beside its file when first needed, and again after a
//! pull), how each entry stands against it, and pulling the next update as
//! one undo step.

use std::path::Path;

use rustc_hash::FxHashMap;

use super::open::Document;
use crate::edit::{Edit, EditError};
use crate::model::template::{Pulled, Standing};
use crate::model::{EntryId, Manual};
use crate::store::template::{self as template_files, TemplateFileError};

/// The base version and the standings worked out from it.
#[derive(Debug, Default)]
pub struct TemplateBase {
    /// Which file and update the base was read for.
    read_for: Option<(std::path::PathBuf, String)>,
    base: Option<Manual>,
    problem: Option<String>,
    /// The revision the standings were worked out at.
    revision: Option<u64>,
    standings: FxHashMap<EntryId, Standing>,
}

impl Document {
    /// Brings the template base and the standings up to date (a cheap
    /// check when nothing changed). A manual without a template, or never
    /// saved, has none.
    pub fn refresh_template(&mut self) {
        let (Some(path), Some(source)) = (self.path(), self.manual().template.as_ref()) else {
            self.template = TemplateBase::default();
            return;
        };
        let key = (path.to_path_buf(), source.update.clone());
        if self.template.read_for.as_ref() != Some(&key) {
            let read = template_files::read_base(path, source);
            self.template = TemplateBase {
                read_for: Some(key),
                ..TemplateBase::default()
            };
            match read {
                Ok(base) => self.template.base = Some(base),
                Err(error) => self.template.problem = Some(error.to_string()),
            }
        }
        let revision = self.revision();
        if self.template.revision != Some(revision) {
            self.template.standings = match &self.template.base {
                Some(base) => crate::model::template::standings(self.manual(), base),
                None => FxHashMap::default(),
            };
            self.template.revision = Some(revision);
        }
    }

    /// How the entry stands against the template (`None`: no template, or
    /// its base could not be read).
    pub fn template_standing(&self, id: &EntryId) -> Option<Standing> {
        self.template.standings.get(id).copied()
    }

    /// The template version the manual is based on, once read.
    pub fn template_base(&self) -> Option<&Manual> {
        self.template.base.as_ref()
    }

    /// Why the template version could not be read.
    pub fn template_problem(&self) -> Option<&str> {
        self.template.problem.as_deref()
    }

    /// The entry `id` as the template version has it and as it is here,
    /// word by word, with the template's title and update for a heading.
    pub fn compare_with_template(
        &self,
        id: &EntryId,
    ) -> Option<(String, Vec<crate::model::redline::Piece>)> {
        use crate::model::template::comparable_text;
        let base = self.template_base()?;
        let there = base.entry(&base.find(id)?)?;
        let here = self.entry(id)?;
        let source = self.manual().template.as_ref()?;
        let heading = if source.update.is_empty() {
            source.title.clone()
        } else {
            format!("{}, {}", source.title, source.update)
        };
        let pieces =
            crate::model::redline::redline(&comparable_text(there), &comparable_text(here));
        Some((heading, pieces))
    }

    /// Works out pulling the template version at `new_path`; nothing
    /// changes until [`Document::apply_pull`].
    pub fn plan_pull(&self, new_path: &Path) -> Result<(Pulled, Manual), TemplateFileError> {
        let path = self.path().ok_or_else(|| {
            TemplateFileError::Unsafe(
                "save the manual first: its template versions are kept beside its file".into(),
            )
        })?;
        template_files::plan_pull(path, self.manual(), new_path)
    }

    /// Applies a planned pull as one undo step, after keeping the new
    /// template version beside the manual (so the manual never records a
    /// base that is not there).
    pub fn apply_pull(&mut self, pulled: Pulled, new: &Manual, now: f64) -> Result<(), String> {
        let path = self.path().ok_or("the manual has no file")?.to_path_buf();
        template_files::keep_version(&path, new).map_err(|e| e.to_string())?;
        self.apply(
            vec![Edit::ReplaceAll {
                manual: Box::new(pulled.manual),
            }],
            None,
            now,
        )
        .map_err(|e: EditError| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use crate::document::{Document, Undone};
    use crate::model::template::Standing;
    use crate::model::{Amendment, EntryId, Update};
    use crate::store::format;

    #[test]
    fn a_pull_is_one_undo_step_and_the_standings_follow_it() {
        let dir = tempfile::tempdir().unwrap();
        let mut v1 = format::stockport_sample();
        v1.title = "National Procedures".into();
        v1.updates = vec![Update {
            label: "June 2026".into(),
            date: "2026-06".into(),
            published: true,
            ..Default::default()
        }];
        let mut v2 = v1.clone();
        v2.updates.push(Update {
            label: "December 2026".into(),
            date: "2026-12".into(),
            published: true,
            ..Default::default()
        });
        let id = EntryId::new("young-carers-2");
        let path = v2.find(&id).unwrap();
        let chapter = v2.entry_mut(&path).unwrap().chapter_details_mut().unwrap();
        chapter.body = "New national text.\n".into();
        chapter.amendments.push(Amendment {
            date: "2026-12".into(),
            text: "Rewritten.".into(),
            update: "December 2026".into(),
            draft: false,
        });
        let (v1_path, v2_path) = (dir.path().join("v1.ron"), dir.path().join("v2.ron"));
        format::save(&v1, &v1_path).unwrap();
        format::save(&v2, &v2_path).unwrap();
        let local = dir.path().join("local.ron");
        crate::store::template::new_local(&v1_path, &local, "Town", None).unwrap();

        let mut doc = Document::open(&local).unwrap();
        doc.refresh_template();
        assert_eq!(doc.template_standing(&id), Some(Standing::FromTemplate));
        let mut renamed = doc.entry(&id).unwrap().clone_head();
        renamed.title = "Young Carers in Town".into();
        doc.apply(
            vec![crate::edit::Edit::UpdateEntry {
                entry: Box::new(renamed),
            }],
            None,
            0.0,
        )
        .unwrap();
        doc.refresh_template();
        assert_eq!(doc.template_standing(&id), Some(Standing::ChangedLocally));

        let (pulled, new) = doc.plan_pull(&v2_path).unwrap();
        assert_eq!(pulled.report.conflicts, 0);
        doc.apply_pull(pulled, &new, 1.0).unwrap();
        let chapter = doc.entry(&id).unwrap();
        assert_eq!(chapter.title, "Young Carers in Town");
        assert_eq!(
            chapter.chapter_details().unwrap().body,
            "New national text.\n"
        );
        assert!(
            dir.path()
                .join("local.template/december-2026.ron")
                .is_file()
        );
        doc.refresh_template();
        assert_eq!(
            doc.template_base().map(|b| b.updates.len()),
            Some(2),
            "the base is the pulled version now"
        );
        assert_eq!(doc.undo(), Ok(Some(Undone::Manual(None))));
        assert_eq!(doc.manual().template.as_ref().unwrap().update, "June 2026");
        doc.refresh_template();
        assert_eq!(doc.template_base().map(|b| b.updates.len()), Some(1));
    }
}
