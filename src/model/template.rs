//! Templates: a national or regional manual that councils localise, and
//! the pull of its next update into a local copy. A local manual records
//! its template ([`TemplateSource`]) and, in a file beside it, the template
//! version it is based on; a pull is a three-way merge of that base, the
//! local copy and the new template version (ids are stable, so a template
//! chapter keeps its id in every local copy), with the rules a council
//! expects: its own changes, chapters and order survive, chapters it
//! removed stay removed, a place it filled in a template chapter is never
//! touched, and the template's amendment notes land in its open update.

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use super::merge::{DELETED, merge};
use super::{Difference, Entry, EntryId, Manual, Update, diff, local_places};

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
        let label = super::label(row.number.as_ref(), &entry.title);
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
                .push(super::label(row.number.as_ref(), &entry.title));
        }
    }
    out
}

/// Why a pull was refused; nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PullRefused {
    #[error("this manual was not made from a template (start one with `template new`)")]
    NoTemplate,
    #[error(
        "“{found}” is not the template this manual localises (“{expected}”): \
         only {shared_percent}% of its ids are the template's"
    )]
    NotTheTemplate {
        expected: String,
        found: String,
        shared_percent: usize,
    },
    #[error(
        "this template file does not hold the update “{based_on}” this manual is based on: \
         it is an older or another version (its latest update is “{found}”)"
    )]
    Older { based_on: String, found: String },
    #[error("{0}")]
    Merge(String),
}

/// What a pull changes, for the preview and the command line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PullReport {
    /// The template update pulled ("" when already based on it).
    pub update: String,
    /// What the template changed between the two versions.
    pub changes: Vec<Difference>,
    /// The template's amendment notes of this update, by chapter label.
    pub notes: Vec<(String, String)>,
    /// Template changes to chapters removed here, left out.
    pub left_out: Vec<String>,
    /// Places filled here in chapters the template changed: kept.
    pub kept_places: Vec<String>,
    /// How many conflicts the pull left to resolve.
    pub conflicts: usize,
    /// The local update the template's notes went into.
    pub into_update: String,
}

impl PullReport {
    /// Nothing to pull: the manual is already based on this update.
    pub fn is_nothing(&self) -> bool {
        self.update.is_empty()
    }
}

impl std::fmt::Display for PullReport {
    /// The report as the command line prints it and the window lists it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.is_nothing() {
            return writeln!(f, "already based on this update: nothing to pull");
        }
        writeln!(f, "template update: {}", self.update)?;
        for change in &self.changes {
            writeln!(f, "  {change}")?;
        }
        if !self.notes.is_empty() {
            writeln!(f, "amendment notes, into “{}”:", self.into_update)?;
            for (label, text) in &self.notes {
                writeln!(f, "  {label}: {text}")?;
            }
        }
        for label in &self.left_out {
            writeln!(f, "left out (removed here): {label}")?;
        }
        for label in &self.kept_places {
            writeln!(f, "local text kept in: {label}")?;
        }
        match self.conflicts {
            0 => writeln!(f, "no conflicts"),
            n => writeln!(
                f,
                "{} to resolve",
                super::counted(n, "conflict", "conflicts")
            ),
        }
    }
}

/// A pull worked out: the manual it gives and what it changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pulled {
    pub manual: Manual,
    pub report: PullReport,
}

/// Pulls `template` (a newer version of the template `local` localises)
/// into `local`, whose template version is `base`. `path` is recorded as
/// the template's file.
pub fn pull(
    local: &Manual,
    base: &Manual,
    template: &Manual,
    path: &str,
) -> Result<Pulled, PullRefused> {
    let source = local.template.as_ref().ok_or(PullRefused::NoTemplate)?;
    check_same_template(source, base, template)?;
    let new_update = current_update(template);
    if new_update == source.update {
        return Ok(Pulled {
            manual: local.clone(),
            report: PullReport::default(),
        });
    }
    if !source.update.is_empty() && !template.updates.iter().any(|u| u.label == source.update) {
        return Err(PullRefused::Older {
            based_on: source.update.clone(),
            found: new_update,
        });
    }

    // The manual's own fields are the council's: the template's stand as
    // the base's, so the merge keeps the local ones.
    let mut theirs = template.clone();
    theirs.title = base.title.clone();
    theirs.authority = base.authority.clone();
    theirs.contact = base.contact.clone();
    theirs.notes = base.notes.clone();
    theirs.updates = base.updates.clone();
    theirs.removed = base.removed.clone();
    theirs.words = base.words.clone();
    theirs.keywords = base.keywords.clone();
    theirs.template = base.template.clone();
    theirs.conflicts.clear();

    // Places filled here stand as filled in the base and the new version,
    // so the merge leaves them alone.
    let mut base_kept = base.clone();
    let filled = filled_places(local, base);
    for (id, places) in &filled {
        for (name, text) in places {
            set_place(&mut base_kept, id, name, text);
            set_place(&mut theirs, id, name, text);
        }
    }

    let mut merged =
        merge(&base_kept, local, &theirs).map_err(|e| PullRefused::Merge(e.to_string()))?;
    let mut report = PullReport {
        update: new_update.clone(),
        changes: diff(base, template),
        ..PullReport::default()
    };

    // A chapter the council removed stays removed, whatever the template
    // did to it.
    let removed_here: FxHashSet<EntryId> = {
        let here = by_id(local);
        by_id(base)
            .into_keys()
            .filter(|id| !here.contains_key(id))
            .collect()
    };
    let base_entries = by_id(base);
    merged.conflicts.retain(|conflict| {
        let Some(id) = &conflict.entry else {
            return true;
        };
        if conflict.field == "deleted" && conflict.ours == DELETED && removed_here.contains(id) {
            let label = base_entries
                .get(id)
                .map_or_else(|| id.to_string(), |e| e.title.clone());
            report.left_out.push(label);
            return false;
        }
        true
    });
    for id in removed_here {
        remove_entry(&mut merged.entries, &id);
    }

    // A filled place the merge could not keep as it is: the local body
    // stays, and the template's becomes a conflict to look at.
    let template_entries = by_id(template);
    for (id, places) in &filled {
        let Some(entry) = find_mut(&mut merged.entries, id) else {
            continue;
        };
        let title = entry.title.clone();
        let Some(chapter) = entry.chapter_details_mut() else {
            continue;
        };
        let intact = places
            .iter()
            .all(|(name, text)| local_places::text_of(&chapter.body, name) == Some(text.as_str()));
        let template_body = template_entries
            .get(id)
            .and_then(|e| e.chapter_details())
            .map(|c| c.body.clone());
        let changed_upstream = template_body.as_deref()
            != base_entries
                .get(id)
                .and_then(|e| e.chapter_details())
                .map(|c| c.body.as_str());
        if changed_upstream {
            report.kept_places.push(title);
        }
        if !intact {
            let local_body = by_id(local)
                .get(id)
                .and_then(|e| e.chapter_details())
                .map(|c| c.body.clone())
                .unwrap_or_default();
            chapter.body = local_body.clone();
            merged.conflicts.push(super::Conflict {
                entry: Some(id.clone()),
                field: "body".into(),
                ours: super::merge::to_ron(&local_body),
                theirs: super::merge::to_ron(&template_body.unwrap_or_default()),
            });
        }
    }

    // The template's notes go into the council's open update.
    let into = into_update(&mut merged, template);
    report.into_update = into.clone();
    let base_amendments = amendments_by_id(base);
    let template_notes = amendments_by_id(template);
    let rows = merged.outline();
    let mut labels: FxHashMap<EntryId, String> = FxHashMap::default();
    for row in &rows {
        if let Some(entry) = merged.entry(&row.path) {
            labels.insert(
                entry.id.clone(),
                super::label(row.number.as_ref(), &entry.title),
            );
        }
    }
    for_each_mut(&mut merged.entries, &mut |entry| {
        let id = entry.id.clone();
        let Some(chapter) = entry.chapter_details_mut() else {
            return;
        };
        let before = base_amendments.get(&id);
        for amendment in &mut chapter.amendments {
            // Every note the template added since the base (in this update
            // or one the council skipped) is the council's news now.
            let is_new = before.is_none_or(|b| !b.contains(amendment));
            let from_template = template_notes
                .get(&id)
                .is_some_and(|notes| notes.contains(amendment));
            if is_new && from_template {
                amendment.update = into.clone();
                let label = labels.get(&id).cloned().unwrap_or_else(|| id.to_string());
                report.notes.push((label, amendment.text.clone()));
            }
        }
        if chapter.added_in.is_some()
            && !base_entries.contains_key(&id)
            && template_entries.contains_key(&id)
        {
            chapter.added_in = Some(into.clone());
        }
    });

    if let Some(source) = &mut merged.template {
        source.update = new_update;
        source.path = path.to_string();
    }
    report.conflicts = merged.conflicts.len();
    Ok(Pulled {
        manual: merged,
        report,
    })
}

/// Refuses a template whose title and ids are not the recorded one's.
fn check_same_template(
    source: &TemplateSource,
    base: &Manual,
    template: &Manual,
) -> Result<(), PullRefused> {
    let base_ids = by_id(base);
    let new_ids = by_id(template);
    let shared = new_ids
        .keys()
        .filter(|id| base_ids.contains_key(*id))
        .count();
    let shared_percent = (shared * 100).checked_div(base_ids.len()).unwrap_or(100);
    if shared_percent < 50 || (template.title != source.title && shared_percent < 80) {
        return Err(PullRefused::NotTheTemplate {
            expected: source.title.clone(),
            found: template.title.clone(),
            shared_percent,
        });
    }
    Ok(())
}

/// The label of the local update the template's notes go into: the open
/// one, else a new one named as the template's update (with its date).
fn into_update(merged: &mut Manual, template: &Manual) -> String {
    if let Some(open) = merged.open_update() {
        return open.label.clone();
    }
    let Some(new) = template.current_update() else {
        return String::new();
    };
    if !merged.updates.iter().any(|u| u.label == new.label) {
        merged.updates.push(Update {
            label: new.label.clone(),
            date: new.date.clone(),
            published: false,
            ..Default::default()
        });
    }
    new.label.clone()
}

/// The places each chapter of `local` filled: marked in the base too, with
/// text other than the base's.
fn filled_places(local: &Manual, base: &Manual) -> Vec<(EntryId, Vec<(String, String)>)> {
    let base_entries = by_id(base);
    let mut out = Vec::new();
    local.walk(|_, entry, _| {
        let (Some(chapter), Some(base_chapter)) = (
            entry.chapter_details(),
            base_entries
                .get(&entry.id)
                .and_then(|e| e.chapter_details()),
        ) else {
            return;
        };
        let places: Vec<(String, String)> = local_places::places(&chapter.body)
            .into_iter()
            .filter_map(|place| {
                let text = &chapter.body[place.content.clone()];
                let template_text = local_places::text_of(&base_chapter.body, &place.name)?;
                (text != template_text && !text.trim().is_empty())
                    .then(|| (place.name.clone(), text.to_string()))
            })
            .collect();
        if !places.is_empty() {
            out.push((entry.id.clone(), places));
        }
    });
    out
}

fn set_place(manual: &mut Manual, id: &EntryId, name: &str, text: &str) {
    if let Some(chapter) = find_mut(&mut manual.entries, id).and_then(Entry::chapter_details_mut)
        && let Some(body) = local_places::with_text(&chapter.body, name, text)
    {
        chapter.body = body;
    }
}

fn by_id(manual: &Manual) -> FxHashMap<EntryId, &Entry> {
    let mut out = FxHashMap::default();
    manual.walk(|_, entry, _| {
        out.insert(entry.id.clone(), entry);
    });
    out
}

fn amendments_by_id(manual: &Manual) -> FxHashMap<EntryId, Vec<super::Amendment>> {
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
    use super::*;
    use crate::model::Amendment;

    fn chapter(id: &str, title: &str, body: &str) -> Entry {
        let mut entry = Entry::chapter(EntryId::new(id), title);
        if let Some(c) = entry.chapter_details_mut() {
            c.body = body.into();
        }
        entry
    }

    fn body(id: &str) -> String {
        (1..=6)
            .map(|n| format!("{id} paragraph {n}.\n\n"))
            .collect()
    }

    /// Version 1 of a national template: two parts, five chapters.
    fn v1() -> Manual {
        let mut m = Manual::new("National Procedures", "");
        m.updates.push(Update {
            label: "June 2026".into(),
            date: "2026-06".into(),
            published: true,
            ..Default::default()
        });
        let mut referrals = chapter("referrals", "Referrals", &body("referrals"));
        if let Some(c) = referrals.chapter_details_mut() {
            c.body
                .push_str("<!-- local: contacts -->\nYour local duty team.\n<!-- end local -->\n");
        }
        m.entries = vec![
            Entry::section(
                EntryId::new("all-children"),
                "All Children",
                vec![
                    referrals,
                    chapter("young-carers", "Young Carers", &body("carers")),
                    chapter("private-fostering", "Private Fostering", &body("fostering")),
                ],
            ),
            Entry::section(
                EntryId::new("looked-after"),
                "Looked After Children",
                vec![
                    chapter("placements", "Placements", &body("placements")),
                    chapter("leaving-care", "Leaving Care", &body("leaving")),
                ],
            ),
        ];
        m
    }

    fn edit(m: &mut Manual, id: &str, change: impl FnOnce(&mut Entry)) {
        change(find_mut(&mut m.entries, &EntryId::new(id)).unwrap());
    }

    fn set_body(m: &mut Manual, id: &str, from: &str, to: &str) {
        edit(m, id, |e| {
            let c = e.chapter_details_mut().unwrap();
            assert!(c.body.contains(from), "{from}");
            c.body = c.body.replacen(from, to, 1);
        });
    }

    /// Version 2: a body changed with a note, a chapter added and one
    /// renamed.
    fn v2() -> Manual {
        let mut m = v1();
        m.updates.push(Update {
            label: "December 2026".into(),
            date: "2026-12".into(),
            published: true,
            ..Default::default()
        });
        set_body(
            &mut m,
            "young-carers",
            "carers paragraph 2.",
            "carers paragraph 2, revised.",
        );
        edit(&mut m, "young-carers", |e| {
            e.chapter_details_mut().unwrap().amendments.push(Amendment {
                date: "2026-12".into(),
                text: "Paragraph 2 revised.".into(),
                update: "December 2026".into(),
                draft: false,
            });
        });
        let mut added = chapter("kinship-care", "Kinship Care", &body("kinship"));
        added.chapter_details_mut().unwrap().added_in = Some("December 2026".into());
        m.entries[1].children_mut().unwrap().insert(1, added);
        edit(&mut m, "leaving-care", |e| {
            e.title = "Leaving Care and Aftercare".into()
        });
        m
    }

    fn local_of(template: &Manual) -> Manual {
        start_local(
            template,
            "national.ron",
            "Smalltown",
            Some("Smalltown Procedures"),
        )
    }

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
    fn pulling_into_an_unchanged_copy_gives_the_new_template_with_local_fields() {
        let (base, new) = (v1(), v2());
        let local = local_of(&base);
        let pulled = pull(&local, &base, &new, "national-v2.ron").unwrap();
        assert!(pulled.manual.conflicts.is_empty());
        assert_eq!(pulled.manual.entries, {
            let mut expected = new.entries.clone();
            // The template's notes land in the council's update of that name.
            assert_eq!(pulled.report.into_update, "December 2026");
            expected[1].children_mut().unwrap()[1]
                .chapter_details_mut()
                .unwrap()
                .added_in = Some("December 2026".into());
            expected
        });
        assert_eq!(pulled.manual.title, "Smalltown Procedures");
        assert_eq!(pulled.manual.authority, "Smalltown");
        let source = pulled.manual.template.as_ref().unwrap();
        assert_eq!(
            (source.update.as_str(), source.path.as_str()),
            ("December 2026", "national-v2.ron")
        );
        let open = pulled.manual.open_update().unwrap();
        assert_eq!(open.label, "December 2026");
        assert_eq!(
            pulled.report.notes,
            vec![(
                "1.2 Young Carers".to_string(),
                "Paragraph 2 revised.".to_string()
            )]
        );
    }

    #[test]
    fn local_changes_chapters_order_and_filled_places_survive_a_pull() {
        let (base, mut new) = (v1(), v2());
        let mut local = local_of(&base);
        // Localised: another paragraph of the same chapter, a rename, a
        // local chapter, the parts swapped, a filled place.
        set_body(
            &mut local,
            "young-carers",
            "carers paragraph 5.",
            "carers paragraph 5 (Smalltown).",
        );
        edit(&mut local, "private-fostering", |e| {
            e.title = "Private Fostering in Smalltown".into()
        });
        local.entries[0].children_mut().unwrap().push(chapter(
            "smalltown-early-help",
            "Early Help in Smalltown",
            "Local.",
        ));
        local.entries.swap(0, 1);
        set_body(
            &mut local,
            "referrals",
            "Your local duty team.",
            "Ring 01234 567890.",
        );
        // The template rewrites the text around and inside the place.
        set_body(
            &mut new,
            "referrals",
            "Your local duty team.",
            "Your duty team (see local arrangements).",
        );
        set_body(
            &mut new,
            "referrals",
            "referrals paragraph 1.",
            "referrals paragraph 1, revised.",
        );

        let pulled = pull(&local, &base, &new, "national.ron").unwrap();
        let m = &pulled.manual;
        assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
        let get = |id: &str| m.entry(&m.find(&EntryId::new(id)).unwrap()).unwrap();
        let carers = &get("young-carers").chapter_details().unwrap().body;
        assert!(
            carers.contains("paragraph 2, revised.") && carers.contains("paragraph 5 (Smalltown).")
        );
        assert_eq!(
            get("private-fostering").title,
            "Private Fostering in Smalltown"
        );
        assert_eq!(get("leaving-care").title, "Leaving Care and Aftercare");
        let referrals = &get("referrals").chapter_details().unwrap().body;
        assert!(
            referrals.contains("Ring 01234 567890.") && referrals.contains("paragraph 1, revised.")
        );
        assert!(!referrals.contains("see local arrangements"));
        assert_eq!(pulled.report.kept_places, vec!["Referrals".to_string()]);
        assert!(m.find(&EntryId::new("smalltown-early-help")).is_some());
        assert_eq!(
            m.entries[0].id,
            EntryId::new("looked-after"),
            "the local order stays"
        );
        // The new chapter sits where the template put it: after Placements.
        let looked_after: Vec<&str> = m.entries[0]
            .children()
            .iter()
            .map(|e| e.id.as_str())
            .collect();
        assert_eq!(looked_after, ["placements", "kinship-care", "leaving-care"]);
    }

    #[test]
    fn a_chapter_removed_here_stays_removed_and_one_removed_upstream_but_changed_here_conflicts() {
        let (base, mut new) = (v1(), v2());
        let mut local = local_of(&base);
        local.entries[0]
            .children_mut()
            .unwrap()
            .retain(|e| e.id.as_str() != "young-carers");
        set_body(
            &mut local,
            "placements",
            "placements paragraph 3.",
            "placements paragraph 3 (local).",
        );
        new.entries[1]
            .children_mut()
            .unwrap()
            .retain(|e| e.id.as_str() != "placements");

        let pulled = pull(&local, &base, &new, "national.ron").unwrap();
        let m = &pulled.manual;
        assert!(m.find(&EntryId::new("young-carers")).is_none());
        assert_eq!(pulled.report.left_out, vec!["Young Carers".to_string()]);
        assert_eq!(m.conflicts.len(), 1);
        assert_eq!(m.conflicts[0].entry, Some(EntryId::new("placements")));
        assert!(
            m.find(&EntryId::new("placements")).is_some(),
            "kept until resolved"
        );
    }

    #[test]
    fn pulling_the_same_update_again_changes_nothing() {
        let (base, new) = (v1(), v2());
        let local = local_of(&base);
        let once = pull(&local, &base, &new, "national.ron").unwrap().manual;
        let twice = pull(&once, &new, &new, "national.ron").unwrap();
        assert!(twice.report.is_nothing());
        assert_eq!(twice.manual, once);
    }

    #[test]
    fn an_older_version_or_another_manual_is_refused() {
        let (base, new) = (v1(), v2());
        let local = local_of(&new);
        assert!(matches!(
            pull(&local, &new, &base, "old.ron"),
            Err(PullRefused::Older { .. })
        ));
        let mut other = Manual::new("Another Council", "");
        other.entries = vec![chapter("something-else", "Something Else", "")];
        assert!(matches!(
            pull(&local, &new, &other, "other.ron"),
            Err(PullRefused::NotTheTemplate { .. })
        ));
        assert_eq!(
            pull(&v1(), &v1(), &v2(), "x.ron").err(),
            Some(PullRefused::NoTemplate)
        );
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

    #[test]
    fn a_regional_manual_is_a_local_copy_and_a_template_in_turn() {
        let (national_v1, national_v2) = (v1(), v2());
        // The region localises the national manual...
        let mut regional = start_local(
            &national_v1,
            "national.ron",
            "North West",
            Some("North West Procedures"),
        );
        set_body(
            &mut regional,
            "placements",
            "placements paragraph 6.",
            "The region's placements team.",
        );
        // ...and its councils localise the region's.
        let regional_base = regional.clone();
        let mut council = start_local(&regional_base, "north-west.ron", "Smalltown", None);
        edit(&mut council, "private-fostering", |e| {
            e.title = "Private Fostering in Smalltown".into()
        });

        // The national update reaches the region, then the council.
        let regional_v2 = pull(&regional, &national_v1, &national_v2, "national.ron")
            .unwrap()
            .manual;
        assert!(regional_v2.conflicts.is_empty());
        let pulled = pull(&council, &regional_base, &regional_v2, "north-west.ron").unwrap();
        let m = &pulled.manual;
        assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
        let get = |id: &str| m.entry(&m.find(&EntryId::new(id)).unwrap()).unwrap();
        let carers = &get("young-carers").chapter_details().unwrap().body;
        assert!(
            carers.contains("paragraph 2, revised."),
            "the national change arrives"
        );
        let placements = &get("placements").chapter_details().unwrap().body;
        assert!(placements.contains("The region's placements team."));
        assert_eq!(
            get("private-fostering").title,
            "Private Fostering in Smalltown"
        );
        assert!(m.find(&EntryId::new("kinship-care")).is_some());
        assert_eq!(m.template.as_ref().unwrap().title, "North West Procedures");
        assert_eq!(m.template.as_ref().unwrap().update, "December 2026");
    }
}
