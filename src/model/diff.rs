//! What changed between two versions of a manual, matched by id: entries
//! added, removed, moved to another section, renumbered, renamed, and
//! edited (which fields). Used by `manual-editor diff` and, as draft
//! amendment notes, by `diff --amendments`.

use std::fmt;

use rustc_hash::FxHashMap;

use super::{Entry, EntryId, EntryKind, Manual, label};

/// One difference between two manuals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Difference {
    Added {
        label: String,
    },
    Removed {
        label: String,
    },
    /// Now in another section.
    Moved {
        title: String,
        from: String,
        to: String,
    },
    /// Same section, another number (something before it came or went).
    Renumbered {
        title: String,
        from: String,
        to: String,
    },
    Renamed {
        label: String,
        from: String,
    },
    Edited {
        label: String,
        fields: Vec<&'static str>,
    },
}

impl Difference {
    /// The change as a draft amendment note, as owners write them.
    pub fn draft_note(&self) -> String {
        match self {
            Difference::Added { label } => format!("{label}: this chapter was added."),
            Difference::Removed { label } => format!("{label}: removed."),
            Difference::Moved { title, from, to } | Difference::Renumbered { title, from, to } => {
                format!("{to} {title}: moved from {from} to {to}.")
            }
            Difference::Renamed { label, from } => format!("{label}: renamed from “{from}”."),
            Difference::Edited { label, fields } => {
                format!("{label}: {} updated.", fields.join(", "))
            }
        }
    }
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Difference::Added { label } => write!(f, "added      {label}"),
            Difference::Removed { label } => write!(f, "removed    {label}"),
            Difference::Moved { title, from, to } => write!(f, "moved      {from} → {to} {title}"),
            Difference::Renumbered { title, from, to } => {
                write!(f, "renumbered {from} → {to} {title}")
            }
            Difference::Renamed { label, from } => write!(f, "renamed    {label} (was “{from}”)"),
            Difference::Edited { label, fields } => {
                write!(f, "edited     {label}: {}", fields.join(", "))
            }
        }
    }
}

/// Where an entry is: its number text, parent, label and the entry.
struct Place<'m> {
    number: String,
    parent: Option<&'m EntryId>,
    label: String,
    entry: &'m Entry,
}

fn places(manual: &Manual) -> (Vec<&EntryId>, FxHashMap<&EntryId, Place<'_>>) {
    let mut order = Vec::with_capacity(manual.entry_count());
    let mut map = FxHashMap::default();
    let mut open: Vec<&EntryId> = Vec::new();
    manual.walk(|path, entry, number| {
        open.truncate(path.len() - 1);
        order.push(&entry.id);
        map.entry(&entry.id).or_insert(Place {
            number: number.map(ToString::to_string).unwrap_or_default(),
            parent: open.last().copied(),
            label: label(number, &entry.title),
            entry,
        });
        open.push(&entry.id);
    });
    (order, map)
}

/// The fields of an entry's own that differ (children aside).
fn edited_fields(old: &Entry, new: &Entry) -> Vec<&'static str> {
    let mut fields = Vec::new();
    if old.numbered != new.numbered {
        fields.push("numbering");
    }
    if old.see_also != new.see_also {
        fields.push("see also");
    }
    if old.notes != new.notes {
        fields.push("notes");
    }
    match (&old.kind, &new.kind) {
        (EntryKind::Chapter(a), EntryKind::Chapter(b)) => {
            use super::chapter_field::ChapterField;
            fields.extend(
                ChapterField::ALL
                    .into_iter()
                    .filter(|f| *f != ChapterField::AddedIn && f.differs(a, b))
                    .map(ChapterField::label),
            );
            if a.amendments != b.amendments {
                fields.push("amendments");
            }
        }
        (EntryKind::Section(_), EntryKind::Section(_)) => {}
        _ => fields.push("kind"),
    }
    fields
}

/// The changes from `old` to `new`, in the new manual's order, removed
/// entries last (in the old order).
pub fn diff(old: &Manual, new: &Manual) -> Vec<Difference> {
    let (_, before) = places(old);
    let (new_order, after) = places(new);
    let mut changes = Vec::new();
    for id in &new_order {
        changes.extend(differences(before.get(id), after.get(id)));
    }
    let (old_order, _) = places(old);
    for id in old_order {
        if !after.contains_key(id) {
            changes.extend(differences(before.get(id), None));
        }
    }
    changes
}

/// The changes to the one entry `id` from `old` to `new` (empty when it is
/// in neither, or unchanged): a chapter's history, commit by commit.
pub fn diff_entry(old: &Manual, new: &Manual, id: &EntryId) -> Vec<Difference> {
    let (_, before) = places(old);
    let (_, after) = places(new);
    differences(before.get(id), after.get(id))
}

/// How one entry changed between its two places (`None`: not there).
fn differences(was: Option<&Place>, now: Option<&Place>) -> Vec<Difference> {
    let (was, now) = match (was, now) {
        (None, None) => return Vec::new(),
        (None, Some(now)) => {
            return vec![Difference::Added {
                label: now.label.clone(),
            }];
        }
        (Some(was), None) => {
            return vec![Difference::Removed {
                label: was.label.clone(),
            }];
        }
        (Some(was), Some(now)) => (was, now),
    };
    let mut changes = Vec::new();
    if was.parent != now.parent {
        changes.push(Difference::Moved {
            title: now.entry.title.clone(),
            from: was.number.clone(),
            to: now.number.clone(),
        });
    } else if was.number != now.number {
        changes.push(Difference::Renumbered {
            title: now.entry.title.clone(),
            from: was.number.clone(),
            to: now.number.clone(),
        });
    }
    if was.entry.title != now.entry.title {
        changes.push(Difference::Renamed {
            label: now.label.clone(),
            from: was.entry.title.clone(),
        });
    }
    let fields = edited_fields(was.entry, now.entry);
    if !fields.is_empty() {
        changes.push(Difference::Edited {
            label: now.label.clone(),
            fields,
        });
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Manual {
        crate::store::format::stockport_sample()
    }

    fn entry_mut<'m>(manual: &'m mut Manual, id: &str) -> &'m mut Entry {
        let path = manual.find(&EntryId::new(id)).unwrap();
        manual.entry_mut(&path).unwrap()
    }

    #[test]
    fn the_same_manual_has_no_changes() {
        assert!(diff(&sample(), &sample()).is_empty());
    }

    #[test]
    fn moves_renames_edits_additions_and_removals_are_named() {
        let old = sample();
        let mut new = old.clone();
        // Move 4.8.1 Young Carers to the end of 1.1.
        let path = new.find(&EntryId::new("young-carers-2")).unwrap();
        let moved = new.children_mut(&path[..path.len() - 1]).unwrap().remove(0);
        let target = new
            .find(&EntryId::new("policy-values-and-principles"))
            .unwrap();
        new.entry_mut(&target)
            .unwrap()
            .children_mut()
            .unwrap()
            .push(moved);
        entry_mut(&mut new, "confidentiality-policy").title = "Confidentiality".into();
        entry_mut(&mut new, "supervision-policy")
            .chapter_details_mut()
            .unwrap()
            .body = "New text".into();
        let removed = new.entries[6].children_mut().unwrap().pop().unwrap();
        let mut added = Entry::chapter(EntryId::new("brand-new"), "Brand New");
        added.numbered = false;
        new.entries[0].children_mut().unwrap().insert(0, added);

        let changes = diff(&old, &new);
        let text: Vec<String> = changes.iter().map(ToString::to_string).collect();
        assert!(
            changes.contains(&Difference::Moved {
                title: "Young Carers".into(),
                from: "4.8.1".into(),
                to: "1.1.8".into()
            }),
            "{text:#?}"
        );
        assert!(
            changes.contains(&Difference::Renamed {
                label: "1.1.2 Confidentiality".into(),
                from: "Confidentiality Policy".into()
            }),
            "{text:#?}"
        );
        assert!(
            changes.contains(&Difference::Edited {
                label: "1.1.4 Supervision Policy".into(),
                fields: vec!["body"]
            }),
            "{text:#?}"
        );
        assert!(changes.contains(&Difference::Added {
            label: "Brand New".into()
        }));
        assert!(
            changes.iter().any(
                |c| matches!(c, Difference::Removed { label } if label.ends_with(&removed.title))
            ),
            "{text:#?}"
        );
        assert_eq!(
            Difference::Moved {
                title: "Young Carers".into(),
                from: "4.8.1".into(),
                to: "1.1.8".into()
            }
            .draft_note(),
            "1.1.8 Young Carers: moved from 4.8.1 to 1.1.8."
        );
    }
}
