//! Settling a conflict a merge left: keep ours (the value in the file) or
//! theirs (held in the conflict), as one undoable step that also takes the
//! conflict off the list.

use crate::model::chapter_field::ChapterField;
use crate::model::merge::{Conflict, DELETED, Side, TOP_LEVEL};
use crate::model::{Entry, EntryId, EntryKind, Manual, Section};

use super::Edit;

/// Why a conflict cannot be settled that way.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ResolveError {
    #[error("there is no conflict {0} any more")]
    Gone(usize),
    #[error("the entry '{0}' is no longer in the manual")]
    NoEntry(EntryId),
    #[error("the section '{0}' is no longer in the manual")]
    NoSection(String),
    #[error("theirs cannot be read as a value of '{field}': {message}")]
    BadValue { field: String, message: String },
    #[error("'{0}' holds entries; move them out before making it a chapter")]
    HoldsEntries(EntryId),
}

/// The edits that settle conflict `index` for `side`.
pub fn resolve(manual: &Manual, index: usize, side: Side) -> Result<Vec<Edit>, ResolveError> {
    let conflict = manual
        .conflicts
        .get(index)
        .ok_or(ResolveError::Gone(index))?;
    let mut rest = manual.conflicts.clone();
    rest.remove(index);
    let mut edits = match side {
        Side::Ours if conflict.field == "deleted" && conflict.ours == DELETED => {
            remove(manual, conflict)?
        }
        Side::Ours => Vec::new(),
        Side::Theirs => theirs(manual, conflict)?,
    };
    edits.push(Edit::SetConflicts { conflicts: rest });
    Ok(edits)
}

fn remove(manual: &Manual, conflict: &Conflict) -> Result<Vec<Edit>, ResolveError> {
    let id = entry_id(conflict)?;
    manual
        .find(&id)
        .ok_or_else(|| ResolveError::NoEntry(id.clone()))?;
    Ok(vec![Edit::Remove { id }])
}

fn entry_id(conflict: &Conflict) -> Result<EntryId, ResolveError> {
    conflict
        .entry
        .clone()
        .ok_or_else(|| ResolveError::BadValue {
            field: conflict.field.clone(),
            message: "it names no entry".into(),
        })
}

fn value<T: serde::de::DeserializeOwned>(conflict: &Conflict) -> Result<T, ResolveError> {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(&conflict.theirs)
        .map_err(|error| ResolveError::BadValue {
            field: conflict.field.clone(),
            message: error.to_string(),
        })
}

fn theirs(manual: &Manual, conflict: &Conflict) -> Result<Vec<Edit>, ResolveError> {
    let Some(id) = &conflict.entry else {
        return manual_field(manual, conflict);
    };
    let path = manual
        .find(id)
        .ok_or_else(|| ResolveError::NoEntry(id.clone()))?;
    let current = manual
        .entry(&path)
        .ok_or_else(|| ResolveError::NoEntry(id.clone()))?;
    match conflict.field.as_str() {
        "deleted" if conflict.theirs == DELETED => return remove(manual, conflict),
        "deleted" => return Ok(Vec::new()),
        "place" => {
            let parent = (conflict.theirs != TOP_LEVEL).then(|| EntryId::new(&conflict.theirs));
            let siblings = match &parent {
                None => &manual.entries[..],
                Some(parent) => {
                    let at = manual
                        .find(parent)
                        .ok_or_else(|| ResolveError::NoSection(conflict.theirs.clone()))?;
                    manual
                        .entry(&at)
                        .ok_or_else(|| ResolveError::NoSection(conflict.theirs.clone()))?
                        .children()
                }
            };
            let index = siblings.iter().filter(|e| &e.id != id).count();
            return Ok(vec![Edit::Move {
                id: id.clone(),
                parent,
                index,
            }]);
        }
        _ => {}
    }
    let mut entry = current.clone_head();
    set_field(&mut entry, current, conflict)?;
    Ok(vec![Edit::UpdateEntry {
        entry: Box::new(entry),
    }])
}

fn set_field(entry: &mut Entry, current: &Entry, conflict: &Conflict) -> Result<(), ResolveError> {
    match conflict.field.as_str() {
        "title" => entry.title = value(conflict)?,
        "numbered" => entry.numbered = value(conflict)?,
        "kind" => {
            let as_section: bool = value(conflict)?;
            if as_section && !entry.is_section() {
                entry.kind = EntryKind::Section(Section::default());
            } else if !as_section && entry.is_section() {
                if !current.children().is_empty() {
                    return Err(ResolveError::HoldsEntries(entry.id.clone()));
                }
                entry.kind = EntryKind::Chapter(Default::default());
            }
        }
        field => {
            let Some(chapter) = entry.chapter_details_mut() else {
                return Err(ResolveError::BadValue {
                    field: field.into(),
                    message: "the entry is a section now".into(),
                });
            };
            let Some(chapter_field) = ChapterField::from_name(field) else {
                return Err(ResolveError::BadValue {
                    field: field.into(),
                    message: "no such field".into(),
                });
            };
            chapter_field
                .set_from_ron(chapter, &conflict.theirs)
                .map_err(|message| ResolveError::BadValue {
                    field: field.into(),
                    message,
                })?;
        }
    }
    Ok(())
}

fn manual_field(manual: &Manual, conflict: &Conflict) -> Result<Vec<Edit>, ResolveError> {
    let (mut title, mut authority) = (manual.title.clone(), manual.authority.clone());
    match conflict.field.as_str() {
        "title" => title = value(conflict)?,
        "authority" => authority = value(conflict)?,
        "contact" => {
            return Ok(vec![Edit::SetContact {
                contact: value(conflict)?,
            }]);
        }
        "updates" => {
            return Ok(vec![Edit::SetUpdates {
                updates: value(conflict)?,
            }]);
        }
        field => {
            return Err(ResolveError::BadValue {
                field: field.into(),
                message: "no such field of the manual".into(),
            });
        }
    }
    Ok(vec![Edit::UpdateManual {
        title,
        authority,
        notes: manual.notes.clone(),
    }])
}

/// A conflict's value as a person reads it: text without quotes, "(none)"
/// for nothing, the section for a place.
pub fn readable(value: &str) -> String {
    if value == "None" {
        return "(none)".into();
    }
    let text = value
        .strip_prefix("Some(")
        .and_then(|v| v.strip_suffix(')'))
        .unwrap_or(value);
    ron::from_str::<String>(text).unwrap_or_else(|_| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::merge::merge;

    fn id(text: &str) -> EntryId {
        EntryId::new(text)
    }

    fn base() -> Manual {
        let mut m = Manual::new("M", "Shire");
        m.entries = vec![
            Entry::section(
                id("s"),
                "S",
                vec![Entry::chapter(id("a"), "A"), Entry::chapter(id("b"), "B")],
            ),
            Entry::section(id("t"), "T", vec![]),
            Entry::section(id("u"), "U", vec![]),
        ];
        m
    }

    fn entry<'a>(m: &'a Manual, name: &str) -> &'a Entry {
        m.entry(&m.find(&id(name)).unwrap()).unwrap()
    }

    fn settle(mut m: Manual, side: Side) -> Manual {
        for edit in resolve(&m, 0, side).unwrap() {
            edit.apply(&mut m).unwrap();
        }
        m
    }

    #[test]
    fn keep_ours_or_theirs_for_a_field_and_the_conflict_goes() {
        let base = base();
        let (mut ours, mut theirs) = (base.clone(), base.clone());
        let body = |m: &mut Manual, text: &str| {
            let path = m.find(&id("a")).unwrap();
            m.entry_mut(&path)
                .unwrap()
                .chapter_details_mut()
                .unwrap()
                .body = text.into();
        };
        body(&mut ours, "Ours \"quoted\"\nline two");
        body(&mut theirs, "Theirs \"quoted\"\nline two");
        let merged = merge(&base, &ours, &theirs).unwrap();
        assert_eq!(
            readable(&merged.conflicts[0].theirs),
            "Theirs \"quoted\"\nline two"
        );
        let kept = settle(merged.clone(), Side::Ours);
        assert!(kept.conflicts.is_empty());
        assert_eq!(
            entry(&kept, "a").chapter_details().unwrap().body,
            "Ours \"quoted\"\nline two"
        );
        let taken = settle(merged, Side::Theirs);
        assert!(taken.conflicts.is_empty());
        assert_eq!(
            entry(&taken, "a").chapter_details().unwrap().body,
            "Theirs \"quoted\"\nline two"
        );
    }

    #[test]
    fn places_deletions_and_optional_fields_settle() {
        let base = base();
        let (mut ours, mut theirs) = (base.clone(), base.clone());
        Edit::Move {
            id: id("a"),
            parent: Some(id("t")),
            index: 0,
        }
        .apply(&mut ours)
        .unwrap();
        Edit::Move {
            id: id("a"),
            parent: Some(id("u")),
            index: 0,
        }
        .apply(&mut theirs)
        .unwrap();
        let merged = merge(&base, &ours, &theirs).unwrap();
        let taken = settle(merged, Side::Theirs);
        assert_eq!(taken.find(&id("a")), Some(vec![2, 0]));

        let (mut ours, mut theirs) = (base.clone(), base.clone());
        Edit::Remove { id: id("b") }.apply(&mut ours).unwrap();
        let path = theirs.find(&id("b")).unwrap();
        let details = theirs
            .entry_mut(&path)
            .unwrap()
            .chapter_details_mut()
            .unwrap();
        details.manager = Some("Team manager".into());
        let merged = merge(&base, &ours, &theirs).unwrap();
        assert!(settle(merged.clone(), Side::Ours).find(&id("b")).is_none());
        let kept = settle(merged, Side::Theirs);
        assert_eq!(
            entry(&kept, "b")
                .chapter_details()
                .unwrap()
                .manager
                .as_deref(),
            Some("Team manager")
        );

        let (mut ours, mut theirs) = (base.clone(), base.clone());
        let manager = |m: &mut Manual, who: Option<&str>| {
            let path = m.find(&id("a")).unwrap();
            m.entry_mut(&path)
                .unwrap()
                .chapter_details_mut()
                .unwrap()
                .manager = who.map(Into::into);
        };
        manager(&mut ours, Some("Ours"));
        manager(&mut theirs, Some("Theirs"));
        let merged = merge(&base, &ours, &theirs).unwrap();
        assert_eq!(readable(&merged.conflicts[0].ours), "Ours");
        let taken = settle(merged, Side::Theirs);
        assert_eq!(
            entry(&taken, "a")
                .chapter_details()
                .unwrap()
                .manager
                .as_deref(),
            Some("Theirs")
        );
    }

    #[test]
    fn the_manuals_own_title_settles() {
        let base = base();
        let (mut ours, mut theirs) = (base.clone(), base.clone());
        ours.title = "Ours".into();
        theirs.title = "Theirs".into();
        let merged = merge(&base, &ours, &theirs).unwrap();
        assert_eq!(settle(merged, Side::Theirs).title, "Theirs");
    }
}
