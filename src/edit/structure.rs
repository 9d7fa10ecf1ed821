//! Restructuring as pure functions: each turns a request (move these entries
//! up, drop them here, delete them) into the [`Edit`]s that carry it out, so
//! a whole drag or menu command is one undo step, and each can be tested
//! without a window.

use std::collections::HashSet;

use crate::edit::{Edit, Placement};
use crate::model::{Entry, EntryId, IdAllocator, Manual, SectionNumber};

/// Where a dragged entry lands relative to the row under the pointer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DropZone {
    Before,
    After,
    /// At the end of the section under the pointer.
    Inside,
}

/// A keyboard move (Alt+arrow).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Before the previous sibling.
    Up,
    /// After the next sibling.
    Down,
    /// Out of the section, just after it.
    Out,
    /// Into the previous sibling section, at its end.
    In,
}

/// Why a drop is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Onto or into a dragged entry or something under it.
    IntoItself,
    /// Inside a chapter.
    NotASection,
    Missing,
}

/// The zone for a pointer at `fraction` (0 top, 1 bottom) of a row's
/// height: upper quarter before, lower quarter after, middle inside for a
/// section; for a chapter, upper half before and lower half after.
pub fn drop_zone(fraction: f32, is_section: bool) -> DropZone {
    if is_section {
        if fraction < 0.25 {
            DropZone::Before
        } else if fraction > 0.75 {
            DropZone::After
        } else {
            DropZone::Inside
        }
    } else if fraction < 0.5 {
        DropZone::Before
    } else {
        DropZone::After
    }
}

/// The selected entries that move themselves, in document order: an entry
/// whose ancestor is also selected goes with it.
pub fn top_level_selection(manual: &Manual, selected: &[EntryId]) -> Vec<EntryId> {
    let mut paths: Vec<(Vec<usize>, EntryId)> = selected
        .iter()
        .collect::<HashSet<_>>()
        .into_iter()
        .filter_map(|id| manual.find(id).map(|p| (p, id.clone())))
        .collect();
    paths.sort();
    let mut kept: Vec<(Vec<usize>, EntryId)> = Vec::new();
    for (path, id) in paths {
        if !kept.iter().any(|(k, _)| path.starts_with(k)) {
            kept.push((path, id));
        }
    }
    kept.into_iter().map(|(_, id)| id).collect()
}

/// `first` placed at `at`, and the rest one after another behind it.
fn chain(selection: &[EntryId], at: Placement) -> Vec<Edit> {
    let mut edits = Vec::with_capacity(selection.len());
    let mut previous: Option<&EntryId> = None;
    for id in selection {
        let at = match previous {
            None => at.clone(),
            Some(prev) => Placement::After(prev.clone()),
        };
        edits.push(Edit::Place { id: id.clone(), at });
        previous = Some(id);
    }
    edits
}

fn is_within(manual: &Manual, target: &EntryId, selection: &[EntryId]) -> bool {
    let Some(target_path) = manual.find(target) else {
        return false;
    };
    selection
        .iter()
        .filter_map(|id| manual.find(id))
        .any(|p| target_path.starts_with(&p))
}

/// The edits that drop `selected` at `zone` of `target`.
pub fn drop_edits(
    manual: &Manual,
    selected: &[EntryId],
    target: &EntryId,
    zone: DropZone,
) -> Result<Vec<Edit>, Refusal> {
    let selection = top_level_selection(manual, selected);
    let target_path = manual.find(target).ok_or(Refusal::Missing)?;
    if selection.is_empty() {
        return Err(Refusal::Missing);
    }
    if is_within(manual, target, &selection) {
        return Err(Refusal::IntoItself);
    }
    let at = match zone {
        DropZone::Before => Placement::Before(target.clone()),
        DropZone::After => Placement::After(target.clone()),
        DropZone::Inside => {
            if !manual.entry(&target_path).is_some_and(Entry::is_section) {
                return Err(Refusal::NotASection);
            }
            Placement::IntoEnd(target.clone())
        }
    };
    Ok(chain(&selection, at))
}

/// The number the first dragged entry would get if dropped at `zone` of
/// `target` (`None` when it would be unnumbered or the drop is refused).
pub fn predicted_number(
    manual: &Manual,
    selected: &[EntryId],
    target: &EntryId,
    zone: DropZone,
) -> Option<SectionNumber> {
    let selection = top_level_selection(manual, selected);
    let first = manual.entry(&manual.find(selection.first()?)?)?;
    if !first.numbered || is_within(manual, target, &selection) {
        return None;
    }
    let moving: HashSet<&EntryId> = selection.iter().collect();
    let target_path = manual.find(target)?;
    let (parent_path, siblings_before): (Vec<usize>, &[Entry]) = match zone {
        DropZone::Inside => (target_path.clone(), manual.entry(&target_path)?.children()),
        DropZone::Before | DropZone::After => {
            let (index, parent) = target_path.split_last()?;
            let siblings = manual.siblings(&target_path)?;
            let end = if zone == DropZone::After {
                index + 1
            } else {
                *index
            };
            (parent.to_vec(), &siblings[..end])
        }
    };
    let parent_number = if parent_path.is_empty() {
        SectionNumber::default()
    } else {
        manual.number_of(&parent_path)?
    };
    let before = siblings_before
        .iter()
        .filter(|e| e.numbered && !moving.contains(&e.id))
        .count() as u32;
    Some(parent_number.child(before + 1))
}

/// The edits for a keyboard move, or `None` when there is nowhere to go
/// (first among its siblings, top level, no section before it) or the
/// selection spans several sections.
pub fn move_edits(
    manual: &Manual,
    selected: &[EntryId],
    direction: Direction,
) -> Option<Vec<Edit>> {
    let selection = top_level_selection(manual, selected);
    let paths: Vec<Vec<usize>> = selection
        .iter()
        .map(|id| manual.find(id))
        .collect::<Option<_>>()?;
    let first = paths.first()?;
    let parent = &first[..first.len() - 1];
    if paths.iter().any(|p| &p[..p.len() - 1] != parent) {
        return None;
    }
    let siblings = manual.siblings(first)?;
    let chosen: HashSet<usize> = paths.iter().map(|p| p[p.len() - 1]).collect();
    let first_index = first[first.len() - 1];
    let last_index = paths.iter().map(|p| p[p.len() - 1]).max()?;
    let at = match direction {
        Direction::Up => {
            let prev = (0..first_index).rev().find(|i| !chosen.contains(i))?;
            Placement::Before(siblings[prev].id.clone())
        }
        Direction::Down => {
            let next = (last_index + 1..siblings.len()).find(|i| !chosen.contains(i))?;
            Placement::After(siblings[next].id.clone())
        }
        Direction::Out => {
            if parent.is_empty() {
                return None;
            }
            Placement::After(manual.entry(parent)?.id.clone())
        }
        Direction::In => {
            let prev = (0..first_index).rev().find(|i| !chosen.contains(i))?;
            let section = siblings.get(prev).filter(|e| e.is_section())?;
            Placement::IntoEnd(section.id.clone())
        }
    };
    Some(chain(&selection, at))
}

/// Every id in the subtrees of `selection`.
fn subtree_ids(manual: &Manual, selection: &[EntryId]) -> HashSet<EntryId> {
    let mut ids = HashSet::new();
    for id in selection {
        if let Some(entry) = manual.find(id).and_then(|p| manual.entry(&p)) {
            collect_ids(entry, &mut ids);
        }
    }
    ids
}

fn collect_ids(entry: &Entry, ids: &mut HashSet<EntryId>) {
    ids.insert(entry.id.clone());
    for child in entry.children() {
        collect_ids(child, ids);
    }
}

/// The entries outside the selection whose see-also lists or bodies point
/// into it, in document order: deleting the selection would break them.
pub fn links_into(manual: &Manual, selected: &[EntryId]) -> Vec<EntryId> {
    let doomed = subtree_ids(manual, &top_level_selection(manual, selected));
    let mut sources = Vec::new();
    manual.walk(|_, entry, _| {
        if !doomed.contains(&entry.id) && entry.link_targets().iter().any(|t| doomed.contains(t)) {
            sources.push(entry.id.clone());
        }
    });
    sources
}

/// The edits that delete the selection and remove every link to it.
pub fn delete_edits(manual: &Manual, selected: &[EntryId]) -> Vec<Edit> {
    let selection = top_level_selection(manual, selected);
    let doomed = subtree_ids(manual, &selection);
    let mut edits = Vec::new();
    for source in links_into(manual, &selection) {
        if let Some(entry) = manual.find(&source).and_then(|p| manual.entry(&p)) {
            let mut head = entry.clone_head();
            head.see_also
                .retain(|item| !item.target().is_some_and(|t| doomed.contains(t)));
            // Links in the body keep their words and lose the link.
            if let Some(chapter) = head.chapter_details_mut() {
                let label = |id: &EntryId| {
                    let path = manual.find(id)?;
                    let target = manual.entry(&path)?;
                    Some(crate::model::label(
                        manual.number_of(&path).as_ref(),
                        &target.title,
                    ))
                };
                chapter.body = crate::model::unlink(&chapter.body, |t| doomed.contains(t), label);
            }
            edits.push(Edit::UpdateEntry {
                entry: Box::new(head),
            });
        }
    }
    // Keywords stop relating to the deleted chapters.
    if manual
        .keywords
        .iter()
        .any(|k| k.chapters.iter().any(|c| doomed.contains(c)))
    {
        let mut keywords = manual.keywords.clone();
        for keyword in &mut keywords {
            keyword.chapters.retain(|c| !doomed.contains(c));
        }
        edits.push(Edit::SetKeywords { keywords });
    }
    edits.extend(selection.into_iter().map(|id| Edit::Remove { id }));
    edits
}

/// A deep copy of `entry` with fresh ids from `ids`.
pub fn duplicate(entry: &Entry, ids: &mut IdAllocator) -> Entry {
    let mut copy = entry.clone_head();
    copy.id = ids.allocate(&entry.title);
    if let Some(children) = copy.children_mut() {
        *children = entry.children().iter().map(|c| duplicate(c, ids)).collect();
    }
    copy
}

fn all_ids(manual: &Manual) -> IdAllocator {
    let mut ids = Vec::new();
    manual.walk(|_, entry, _| ids.push(entry.id.clone()));
    IdAllocator::with_taken(&ids)
}

/// The edits that put a copy of each selected entry (new ids) right after it.
pub fn duplicate_edits(manual: &Manual, selected: &[EntryId]) -> Vec<Edit> {
    let mut ids = all_ids(manual);
    let mut edits = Vec::new();
    for id in top_level_selection(manual, selected) {
        let Some(path) = manual.find(&id) else {
            continue;
        };
        let Some(entry) = manual.entry(&path) else {
            continue;
        };
        let mut copy = duplicate(entry, &mut ids);
        copy.title = format!("{} (copy)", entry.title);
        let parent = (path.len() > 1)
            .then(|| manual.entry(&path[..path.len() - 1]).map(|e| e.id.clone()))
            .flatten();
        let index = path[path.len() - 1]
            + 1
            + edits
                .iter()
                .filter(|e| matches!(e, Edit::Insert { parent: p, .. } if *p == parent))
                .count();
        edits.push(Edit::Insert {
            parent,
            index,
            entry: Box::new(copy),
        });
    }
    edits
}

/// What "Add …" makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewEntry {
    Chapter,
    Section,
}

/// Where "Add …" puts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewPlace {
    After,
    /// At the end of the section.
    Inside,
}

/// The edit that adds a new chapter or section next to or inside `relative`,
/// and the new entry's id. `None` when `Inside` names a chapter.
pub fn add_edit(
    manual: &Manual,
    relative: &EntryId,
    kind: NewEntry,
    place: NewPlace,
) -> Option<(Edit, EntryId)> {
    let path = manual.find(relative)?;
    let mut ids = all_ids(manual);
    let title = match kind {
        NewEntry::Chapter => "New chapter",
        NewEntry::Section => "New section",
    };
    let id = ids.allocate(title);
    let mut entry = match kind {
        NewEntry::Chapter => Entry::chapter(id.clone(), title),
        NewEntry::Section => Entry::section(id.clone(), title, Vec::new()),
    };
    // A chapter added while an update is open is New in it.
    if let (Some(open), Some(chapter)) = (manual.open_update(), entry.chapter_details_mut()) {
        chapter.added_in = Some(open.label.clone());
    }
    let (parent, index) = match place {
        NewPlace::After => {
            let parent = (path.len() > 1)
                .then(|| manual.entry(&path[..path.len() - 1]).map(|e| e.id.clone()))
                .flatten();
            (parent, path[path.len() - 1] + 1)
        }
        NewPlace::Inside => {
            let section = manual.entry(&path).filter(|e| e.is_section())?;
            (Some(section.id.clone()), section.children().len())
        }
    };
    Some((
        Edit::Insert {
            parent,
            index,
            entry: Box::new(entry),
        },
        id,
    ))
}

/// The edits that turn numbering off for the selection if any is numbered,
/// else on.
pub fn toggle_numbered_edits(manual: &Manual, selected: &[EntryId]) -> Vec<Edit> {
    let entries: Vec<&Entry> = selected
        .iter()
        .filter_map(|id| manual.find(id).and_then(|p| manual.entry(&p)))
        .collect();
    let numbered = !entries.iter().any(|e| e.numbered);
    entries
        .into_iter()
        .map(|entry| {
            let mut head = entry.clone_head();
            head.numbered = numbered;
            Edit::UpdateEntry {
                entry: Box::new(head),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::history::History;
    use crate::store::format;
    use std::path::Path;

    fn stockport() -> Manual {
        format::from_str(
            include_str!("../../sample_manuals/stockport.ron"),
            Path::new("stockport.ron"),
        )
        .unwrap()
    }

    fn id(text: &str) -> EntryId {
        EntryId::new(text)
    }

    fn number(manual: &Manual, text: &str) -> Option<String> {
        manual
            .number_of(&manual.find(&id(text))?)
            .map(|n| n.to_string())
    }

    fn apply(manual: &mut Manual, edits: Vec<Edit>) -> History {
        let mut history = History::new_saved();
        history.apply(manual, edits, None, 0.0).unwrap();
        history
    }

    #[test]
    fn the_drop_zone_follows_the_pointer_within_the_row() {
        assert_eq!(drop_zone(0.1, true), DropZone::Before);
        assert_eq!(drop_zone(0.5, true), DropZone::Inside);
        assert_eq!(drop_zone(0.9, true), DropZone::After);
        assert_eq!(drop_zone(0.3, false), DropZone::Before);
        assert_eq!(drop_zone(0.6, false), DropZone::After);
    }

    #[test]
    fn dropping_young_carers_after_1_1_7_renumbers_and_undoes() {
        let mut manual = stockport();
        let start = manual.clone();
        assert_eq!(number(&manual, "young-carers-2").as_deref(), Some("4.8.1"));
        let predicted = predicted_number(
            &manual,
            &[id("young-carers-2")],
            &id("equality-and-diversity"),
            DropZone::After,
        );
        assert_eq!(predicted.map(|n| n.to_string()).as_deref(), Some("1.1.8"));
        let edits = drop_edits(
            &manual,
            &[id("young-carers-2")],
            &id("equality-and-diversity"),
            DropZone::After,
        )
        .unwrap();
        let mut history = apply(&mut manual, edits);
        assert_eq!(number(&manual, "young-carers-2").as_deref(), Some("1.1.8"));
        assert!(
            manual
                .entry(&manual.find(&id("young-carers")).unwrap())
                .unwrap()
                .children()
                .is_empty(),
            "4.8 is left empty"
        );
        assert_eq!(
            number(
                &manual,
                "aftercare-under-section-117-of-the-mental-health-act-1983"
            )
            .as_deref(),
            Some("4.9.1")
        );
        history.undo(&mut manual).unwrap();
        assert_eq!(manual, start);
    }

    #[test]
    fn drops_into_the_dragged_entry_or_below_it_are_refused() {
        let manual = stockport();
        assert_eq!(
            drop_edits(
                &manual,
                &[id("all-children")],
                &id("capacity-and-consent"),
                DropZone::After
            ),
            Err(Refusal::IntoItself)
        );
        assert_eq!(
            drop_edits(
                &manual,
                &[id("all-children")],
                &id("all-children"),
                DropZone::Inside
            ),
            Err(Refusal::IntoItself)
        );
        assert_eq!(
            drop_edits(
                &manual,
                &[id("capacity-and-consent")],
                &id("equality-and-diversity"),
                DropZone::Inside
            ),
            Err(Refusal::NotASection)
        );
        assert_eq!(
            predicted_number(
                &manual,
                &[id("all-children")],
                &id("capacity-and-consent"),
                DropZone::After
            ),
            None
        );
    }

    #[test]
    fn several_entries_move_together_in_order() {
        let mut manual = stockport();
        // Selected out of order, with a child of a selected section that goes with it.
        let selected = [
            id("equality-and-diversity"),
            id("confidentiality-policy"),
            id("young-carers"),
            id("young-carers-2"),
        ];
        assert_eq!(
            top_level_selection(&manual, &selected),
            vec![
                id("confidentiality-policy"),
                id("equality-and-diversity"),
                id("young-carers")
            ]
        );
        let edits = drop_edits(
            &manual,
            &selected,
            &id("section-17-and-cla-maintenance-guidance-for-social-workers"),
            DropZone::Before,
        )
        .unwrap();
        apply(&mut manual, edits);
        assert_eq!(
            number(&manual, "confidentiality-policy").as_deref(),
            Some("3.4")
        );
        assert_eq!(
            number(&manual, "equality-and-diversity").as_deref(),
            Some("3.5")
        );
        assert_eq!(number(&manual, "young-carers").as_deref(), Some("3.6"));
        assert_eq!(number(&manual, "young-carers-2").as_deref(), Some("3.6.1"));
        assert_eq!(
            number(
                &manual,
                "section-17-and-cla-maintenance-guidance-for-social-workers"
            )
            .as_deref(),
            Some("3.7")
        );
    }

    #[test]
    fn keyboard_moves_go_up_down_out_and_in() {
        let mut manual = stockport();
        let up = move_edits(&manual, &[id("consultation-policy")], Direction::Up).unwrap();
        apply(&mut manual, up);
        assert_eq!(
            number(&manual, "consultation-policy").as_deref(),
            Some("1.1.2")
        );
        assert_eq!(
            move_edits(
                &manual,
                &[id("childrens-services-policies-values-and-principles")],
                Direction::Up
            ),
            None
        );
        let down = move_edits(&manual, &[id("consultation-policy")], Direction::Down).unwrap();
        apply(&mut manual, down);
        assert_eq!(
            number(&manual, "consultation-policy").as_deref(),
            Some("1.1.3")
        );
        let out = move_edits(&manual, &[id("consultation-policy")], Direction::Out).unwrap();
        apply(&mut manual, out);
        assert_eq!(
            number(&manual, "consultation-policy").as_deref(),
            Some("1.2")
        );
        assert_eq!(
            number(
                &manual,
                "early-help-and-thresholds-for-childrens-social-care"
            )
            .as_deref(),
            Some("1.3")
        );
        let back_in = move_edits(&manual, &[id("consultation-policy")], Direction::In).unwrap();
        apply(&mut manual, back_in);
        assert_eq!(
            number(&manual, "consultation-policy").as_deref(),
            Some("1.1.7")
        );
        assert_eq!(
            move_edits(&manual, &[id("all-children")], Direction::Out),
            None
        );
    }

    #[test]
    fn deleting_a_linked_entry_removes_the_links_to_it() {
        let mut manual = stockport();
        let target = id("north-west-pre-care-and-care-proceedings-notification-and");
        let sources = links_into(&manual, std::slice::from_ref(&target));
        assert_eq!(
            sources,
            vec![id(
                "north-west-notification-and-transfer-of-children-subject-of"
            )]
        );
        let start = manual.clone();
        let edits = delete_edits(&manual, std::slice::from_ref(&target));
        let mut history = apply(&mut manual, edits);
        assert!(manual.find(&target).is_none());
        assert!(manual.validate().iter().all(|w| !w.is_serious()));
        history.undo(&mut manual).unwrap();
        assert_eq!(manual, start);
    }

    #[test]
    fn deleting_an_entry_linked_from_a_body_keeps_the_words_and_drops_the_link() {
        let mut manual = stockport();
        let source = id("young-carers-2");
        let path = manual.find(&source).unwrap();
        let chapter = manual
            .entry_mut(&path)
            .unwrap()
            .chapter_details_mut()
            .unwrap();
        chapter.body =
            "Read [](entry:supervision-policy) and [the policy](entry:supervision-policy).".into();
        let target = id("supervision-policy");
        assert_eq!(
            links_into(&manual, std::slice::from_ref(&target)),
            vec![source.clone()]
        );
        let start = manual.clone();
        let edits = delete_edits(&manual, std::slice::from_ref(&target));
        let mut history = apply(&mut manual, edits);
        let path = manual.find(&source).unwrap();
        let body = &manual.entry(&path).unwrap().chapter_details().unwrap().body;
        assert_eq!(body, "Read 1.1.4 Supervision Policy and the policy.");
        assert!(manual.validate().iter().all(|w| !w.is_serious()));
        history.undo(&mut manual).unwrap();
        assert_eq!(manual, start);
    }

    #[test]
    fn duplicates_get_new_ids_and_sit_after_the_original() {
        let mut manual = stockport();
        let edits = duplicate_edits(&manual, &[id("young-carers")]);
        apply(&mut manual, edits);
        let copy = manual
            .entry(&manual.find(&id("young-carers")).unwrap())
            .unwrap()
            .clone();
        let path = manual.find(&id("young-carers")).unwrap();
        let mut next = path.clone();
        *next.last_mut().unwrap() += 1;
        let duplicate = manual.entry(&next).unwrap();
        assert_eq!(duplicate.title, "Young Carers (copy)");
        assert_ne!(duplicate.id, copy.id);
        assert_ne!(duplicate.children()[0].id, copy.children()[0].id);
        assert!(manual.validate().iter().all(|w| !w.is_serious()));
    }

    #[test]
    fn add_puts_a_new_entry_after_or_inside() {
        let mut manual = stockport();
        let (edit, new_id) = add_edit(
            &manual,
            &id("equality-and-diversity"),
            NewEntry::Chapter,
            NewPlace::After,
        )
        .unwrap();
        apply(&mut manual, vec![edit]);
        assert_eq!(number(&manual, new_id.as_str()).as_deref(), Some("1.1.8"));
        let (edit, section_id) = add_edit(
            &manual,
            &id("all-children"),
            NewEntry::Section,
            NewPlace::Inside,
        )
        .unwrap();
        apply(&mut manual, vec![edit]);
        assert_eq!(number(&manual, section_id.as_str()).as_deref(), Some("1.9"));
        assert!(
            add_edit(
                &manual,
                &id("equality-and-diversity"),
                NewEntry::Chapter,
                NewPlace::Inside
            )
            .is_none()
        );
    }

    #[test]
    fn numbering_toggles_for_the_selection() {
        let mut manual = stockport();
        let edits = toggle_numbered_edits(&manual, &[id("consultation-policy")]);
        apply(&mut manual, edits);
        assert_eq!(number(&manual, "consultation-policy"), None);
        assert_eq!(
            number(&manual, "supervision-policy").as_deref(),
            Some("1.1.3")
        );
    }
}
