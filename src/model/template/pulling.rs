//! Pulling a template's next update into a local copy: a three-way merge
//! of the base version, the local copy and the new template version (ids
//! are stable, so a template chapter keeps its id in every local copy),
//! with the rules a council expects: its own changes, chapters and order
//! survive, chapters it removed stay removed, a place it filled in a
//! template chapter is never touched, and the template's amendment notes
//! land in its open update.

use rustc_hash::{FxHashMap, FxHashSet};

use super::{
    TemplateSource, amendments_by_id, by_id, current_update, find_mut, for_each_mut, remove_entry,
};
use crate::model::merge::{DELETED, merge};
use crate::model::{Difference, Entry, EntryId, Manual, Update, diff, local_places};

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
                crate::model::counted(n, "conflict", "conflicts")
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
            merged.conflicts.push(crate::model::Conflict {
                entry: Some(id.clone()),
                field: "body".into(),
                ours: crate::model::merge::to_ron(&local_body),
                theirs: crate::model::merge::to_ron(&template_body.unwrap_or_default()),
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
                crate::model::label(row.number.as_ref(), &entry.title),
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

#[cfg(test)]
mod tests {
    use super::super::start_local;
    use super::super::test_versions::*;
    use super::*;

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
