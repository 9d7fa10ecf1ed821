//! Templates: a national or regional manual that councils localise. A
//! local manual records its template ([`TemplateSource`]) and, in a file
//! beside it, the template version it is based on; how each of its entries
//! stands against that version is here, and pulling the template's next
//! update into it is in [`pulling`].

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::model::{Entry, EntryId, Manual};

mod pulling;
#[cfg(test)]
mod test_versions;

pub use pulling::{PullRefused, PullReport, Pulled, pull};

/// The template a local manual localises.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateSource {
    /// The template's file as last given (a path, for people to read).
    pub path: String,
    /// The template's title: a pull from a file with another title and
    /// mostly other ids is refused.
    pub title: String,
    /// The label of the template's update this copy is based on ("" when
    /// the template has no updates).
    #[serde(default)]
    pub update: String,
}

/// The label of a template's current update (open, else latest), or "".
pub fn current_update(template: &Manual) -> String {
    template
        .current_update()
        .map(|u| u.label.clone())
        .unwrap_or_default()
}

/// A new local manual from `template`: the same parts, sections and
/// chapters, the template's updates (all published), and the record of
/// where it came from. `title` defaults to the template's.
pub fn start_local(template: &Manual, path: &str, authority: &str, title: Option<&str>) -> Manual {
    let mut local = template.clone();
    local.template = Some(TemplateSource {
        path: path.to_string(),
        title: template.title.clone(),
        update: current_update(template),
    });
    local.authority = authority.trim().to_string();
    if let Some(title) = title.map(str::trim).filter(|t| !t.is_empty()) {
        local.title = title.to_string();
    }
    for update in &mut local.updates {
        update.published = true;
    }
    local.conflicts.clear();
    local
}

/// How a chapter of a local manual stands against its template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Standing {
    /// As the template has it.
    FromTemplate,
    /// A template entry the council changed (text, fields or see-also).
    ChangedLocally,
    /// The council's own: not in the template.
    Local,
}

/// Each entry of `local` by id, measured against `base` (the template
/// version it is based on).
pub fn standings(local: &Manual, base: &Manual) -> FxHashMap<EntryId, Standing> {
    let base_entries = by_id(base);
    let mut out = FxHashMap::default();
    local.walk(|_, entry, _| {
        let standing = match base_entries.get(&entry.id) {
            None => Standing::Local,
            Some(theirs) if Entry::same_own_fields(theirs, entry) => Standing::FromTemplate,
            Some(_) => Standing::ChangedLocally,
        };
        out.insert(entry.id.clone(), standing);
    });
    out
}

/// An entry's words as a reader compares two versions: its title, and a
/// chapter's scope and body.
pub fn comparable_text(entry: &Entry) -> String {
    let mut text = entry.title.clone();
    if let Some(chapter) = entry.chapter_details() {
        for part in [&chapter.scope, &chapter.body] {
            if !part.trim().is_empty() {
                text.push_str("\n\n");
                text.push_str(part.trim_end());
            }
        }
    }
    text
}

/// What a local manual has done with its template, for `template status`
/// and the window.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Status {
    /// Template entries changed here, as labels ("1.2 Young Carers").
    pub changed: Vec<String>,
    /// The council's own entries.
    pub local: Vec<String>,
    /// Template entries removed here, as the template labels them.
    pub removed: Vec<String>,
}

/// Where `local` stands against `base`.
pub fn status(local: &Manual, base: &Manual) -> Status {
    let standings = standings(local, base);
    let mut out = Status::default();
    for row in local.outline() {
        let Some(entry) = local.entry(&row.path) else {
            continue;
        };
        let label = crate::model::label(row.number.as_ref(), &entry.title);
        match standings.get(&entry.id) {
            Some(Standing::ChangedLocally) => out.changed.push(label),
            Some(Standing::Local) => out.local.push(label),
            _ => {}
        }
    }
    let here = by_id(local);
    for row in base.outline() {
        if let Some(entry) = base.entry(&row.path)
            && !here.contains_key(&entry.id)
        {
            out.removed
                .push(crate::model::label(row.number.as_ref(), &entry.title));
        }
    }
    out
}

fn by_id(manual: &Manual) -> FxHashMap<EntryId, &Entry> {
    let mut out = FxHashMap::default();
    manual.walk(|_, entry, _| {
        out.insert(entry.id.clone(), entry);
    });
    out
}

fn amendments_by_id(manual: &Manual) -> FxHashMap<EntryId, Vec<crate::model::Amendment>> {
    let mut out = FxHashMap::default();
    manual.walk(|_, entry, _| {
        if let Some(chapter) = entry.chapter_details() {
            out.insert(entry.id.clone(), chapter.amendments.clone());
        }
    });
    out
}

fn find_mut<'m>(entries: &'m mut [Entry], id: &EntryId) -> Option<&'m mut Entry> {
    for entry in entries {
        if entry.id == *id {
            return Some(entry);
        }
        if let Some(children) = entry.children_mut()
            && let Some(found) = find_mut(children, id)
        {
            return Some(found);
        }
    }
    None
}

fn remove_entry(entries: &mut Vec<Entry>, id: &EntryId) -> bool {
    if let Some(at) = entries.iter().position(|e| e.id == *id) {
        entries.remove(at);
        return true;
    }
    entries
        .iter_mut()
        .filter_map(Entry::children_mut)
        .any(|children| remove_entry(children, id))
}

fn for_each_mut(entries: &mut [Entry], visit: &mut impl FnMut(&mut Entry)) {
    for entry in entries {
        visit(entry);
        if let Some(children) = entry.children_mut() {
            for_each_mut(children, visit);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::test_versions::*;
    use super::*;

    #[test]
    fn a_local_copy_records_its_template_and_takes_its_updates_as_published() {
        let local = local_of(&v1());
        assert_eq!(
            local.template,
            Some(TemplateSource {
                path: "national.ron".into(),
                title: "National Procedures".into(),
                update: "June 2026".into(),
            })
        );
        assert_eq!(local.title, "Smalltown Procedures");
        assert_eq!(local.authority, "Smalltown");
        assert!(local.updates.iter().all(|u| u.published));
    }

    #[test]
    fn status_names_what_is_changed_local_and_removed() {
        let base = v1();
        let mut local = local_of(&base);
        edit(&mut local, "placements", |e| {
            e.title = "Placements in Smalltown".into()
        });
        local.entries[0]
            .children_mut()
            .unwrap()
            .retain(|e| e.id.as_str() != "young-carers");
        local.entries[0]
            .children_mut()
            .unwrap()
            .push(chapter("ours", "Our Chapter", ""));
        let status = status(&local, &base);
        assert_eq!(
            status.changed,
            vec!["2.1 Placements in Smalltown".to_string()]
        );
        assert_eq!(status.local, vec!["1.3 Our Chapter".to_string()]);
        assert_eq!(status.removed, vec!["1.2 Young Carers".to_string()]);
    }
}
