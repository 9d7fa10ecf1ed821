//! Three-way merge of manuals by entry id, for git's merge driver: each
//! entry's fields merge one by one, its place in the tree on its own, and
//! the lists (see also, notes, amendment notes, removed chapters, words) as
//! lists. What cannot merge is kept as ours and listed in the manual's
//! `conflicts`; the result is always a valid manual, never text with
//! conflict markers.

use std::hash::Hash;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use super::{Chapter, Entry, EntryId, EntryKind, Manual};

/// A field both sides changed differently, as left in a merged file: the
/// file holds ours; theirs waits here to be chosen.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Conflict {
    /// The entry, or `None` for the manual's own fields.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry: Option<EntryId>,
    /// `title`, `body`, … or `place` (moved to two different sections) or
    /// `deleted` (deleted on one side, edited on the other).
    pub field: String,
    /// Each side's value, in RON (for `place`, the section's id or `top`;
    /// for `deleted`, `deleted` or `edited`).
    pub ours: String,
    pub theirs: String,
}

/// Which side a conflict was settled for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Ours,
    Theirs,
}

/// The value of a `place` conflict for the top level.
pub const TOP_LEVEL: &str = "top";
/// The values of a `deleted` conflict.
pub const DELETED: &str = "deleted";
pub const EDITED: &str = "edited";

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum MergeError {
    #[error("cannot merge by id: '{id}' is used twice in {side}")]
    DuplicateId { id: EntryId, side: &'static str },
}

/// Merges `ours` and `theirs`, both changed from `base`. The result's
/// `conflicts` lists what could not be merged (empty: a clean merge).
pub fn merge(base: &Manual, ours: &Manual, theirs: &Manual) -> Result<Manual, MergeError> {
    let b = Flat::of(base, "the common ancestor")?;
    let o = Flat::of(ours, "ours")?;
    let mut t = Flat::of(theirs, "theirs")?;
    let mut o = o;
    o.reordered = reordered(&b, &o);
    t.reordered = reordered(&b, &t);
    let mut conflicts = Conflicts::default();
    // A field of the manual itself, merged as one value.
    macro_rules! field {
        ($name:ident) => {
            conflicts.field(
                None,
                stringify!($name),
                &base.$name,
                &ours.$name,
                &theirs.$name,
            )
        };
    }
    let mut out = Manual {
        format: ours.format.max(theirs.format),
        title: field!(title),
        authority: field!(authority),
        contact: field!(contact),
        notes: merge_list(&base.notes, &ours.notes, &theirs.notes),
        keywords: merge_list(&base.keywords, &ours.keywords, &theirs.keywords),
        updates: field!(updates),
        removed: merge_list(&base.removed, &ours.removed, &theirs.removed),
        words: merge_set(&base.words, &ours.words, &theirs.words),
        conflicts: Vec::new(),
        template: field!(template),
        look: field!(look),
        style: field!(style),
        entries: Vec::new(),
    };

    // Which entries stay, with their merged heads and which side places them.
    let order: Vec<&EntryId> = o
        .order
        .iter()
        .chain(t.order.iter().filter(|id| !o.at.contains_key(*id)))
        .chain(
            b.order
                .iter()
                .filter(|id| !o.at.contains_key(*id) && !t.at.contains_key(*id)),
        )
        .copied()
        .collect();
    let mut kept: FxHashMap<&EntryId, Kept> = FxHashMap::default();
    for &id in &order {
        let (bp, op, tp) = (b.at.get(id), o.at.get(id), t.at.get(id));
        let kept_entry = match (bp, op, tp) {
            (Some(bp), Some(op), Some(tp)) => Kept {
                head: merge_head(&mut conflicts, bp.entry, op.entry, tp.entry),
                side: place_side(&mut conflicts, id, &b, &o, &t),
            },
            (None, Some(op), None) => Kept::from(op, Side::Ours),
            (None, None, Some(tp)) => Kept::from(tp, Side::Theirs),
            (None, Some(op), Some(tp)) => {
                // Added on both sides under one id: what differs conflicts.
                let blank = blank_like(op.entry);
                Kept {
                    head: merge_head(&mut conflicts, &blank, op.entry, tp.entry),
                    side: place_side(&mut conflicts, id, &b, &o, &t),
                }
            }
            (Some(_), None, None) | (None, None, None) => continue,
            (Some(bp), None, Some(tp)) => {
                if Entry::same_own_fields(bp.entry, tp.entry) {
                    continue;
                }
                conflicts.push(Some(id), "deleted", DELETED, EDITED);
                Kept::from(tp, Side::Theirs)
            }
            (Some(bp), Some(op), None) => {
                if Entry::same_own_fields(bp.entry, op.entry) {
                    continue;
                }
                conflicts.push(Some(id), "deleted", EDITED, DELETED);
                Kept::from(op, Side::Ours)
            }
        };
        kept.insert(id, kept_entry);
    }

    // An entry kept inside a section deleted elsewhere keeps the section.
    let mut index = 0;
    let mut kept_order: Vec<&EntryId> = order
        .iter()
        .copied()
        .filter(|id| kept.contains_key(id))
        .collect();
    while index < kept_order.len() {
        let id = kept_order[index];
        index += 1;
        let side = kept[id].side;
        let place = flat(side, &o, &t).at.get(id).or_else(|| b.at.get(id));
        let Some(parent) = place.and_then(|p| p.parent.as_ref()) else {
            continue;
        };
        if kept.contains_key(parent) {
            continue;
        }
        // A parent is in the manual its child came from.
        let Some((source, from)) = [(&o, Side::Ours), (&t, Side::Theirs)]
            .into_iter()
            .find_map(|(f, s)| f.at.get(parent).map(|p| (p, s)))
            .or_else(|| b.at.get(parent).map(|p| (p, side)))
        else {
            continue;
        };
        let (ours_says, theirs_says) = if o.at.contains_key(parent) {
            (EDITED, DELETED)
        } else if t.at.contains_key(parent) {
            (DELETED, EDITED)
        } else {
            (DELETED, DELETED)
        };
        conflicts.push(Some(parent), "deleted", ours_says, theirs_says);
        kept.insert(
            parent,
            Kept {
                head: source.entry.clone_head(),
                side: from,
            },
        );
        kept_order.push(parent);
    }

    // Each kept entry's parent, and its siblings in order.
    let parent_of = |id: &EntryId| -> Option<&EntryId> {
        let side = kept[id].side;
        // A kept entry is in one of the manuals.
        flat(side, &o, &t)
            .at
            .get(id)
            .or_else(|| b.at.get(id))
            .and_then(|place| place.parent.as_ref())
    };
    let mut members: FxHashMap<Option<&EntryId>, Vec<&EntryId>> = FxHashMap::default();
    for &id in &kept_order {
        members.entry(parent_of(id)).or_default().push(id);
    }
    let mut children: FxHashMap<Option<&EntryId>, Vec<&EntryId>> = FxHashMap::default();
    for (parent, ids) in &members {
        let set: FxHashSet<&EntryId> = ids.iter().copied().collect();
        children.insert(
            *parent,
            order_siblings(ids, &set, *parent, &kept, &b, &o, &t),
        );
    }
    out.entries = build(None, &children, &mut kept);
    out.conflicts = conflicts.list;
    Ok(out)
}

/// An entry that stays: its merged fields and which side's place it takes.
struct Kept {
    head: Entry,
    side: Side,
}

impl Kept {
    fn from(place: &Place<'_>, side: Side) -> Self {
        Kept {
            head: place.entry.clone_head(),
            side,
        }
    }
}

/// Where an entry sits in one manual.
struct Place<'a> {
    entry: &'a Entry,
    parent: Option<EntryId>,
    /// Its index among its parent's children.
    index: usize,
}

/// A manual flattened by id.
struct Flat<'a> {
    at: FxHashMap<&'a EntryId, Place<'a>>,
    /// Every id, depth first.
    order: Vec<&'a EntryId>,
    children: FxHashMap<Option<&'a EntryId>, Vec<&'a EntryId>>,
    /// What this side moved among its siblings since the base (empty for
    /// the base itself).
    reordered: FxHashSet<&'a EntryId>,
}

impl<'a> Flat<'a> {
    fn of(manual: &'a Manual, side: &'static str) -> Result<Self, MergeError> {
        let mut flat = Flat {
            at: FxHashMap::default(),
            order: Vec::new(),
            children: FxHashMap::default(),
            reordered: FxHashSet::default(),
        };
        // Depth first, in document order, without recursion.
        let mut pending: Vec<(Option<&'a EntryId>, usize, &'a Entry)> = manual
            .entries
            .iter()
            .enumerate()
            .rev()
            .map(|(i, e)| (None, i, e))
            .collect();
        while let Some((parent, index, entry)) = pending.pop() {
            if flat.at.contains_key(&entry.id) {
                return Err(MergeError::DuplicateId {
                    id: entry.id.clone(),
                    side,
                });
            }
            flat.at.insert(
                &entry.id,
                Place {
                    entry,
                    parent: parent.cloned(),
                    index,
                },
            );
            flat.order.push(&entry.id);
            flat.children.entry(parent).or_default().push(&entry.id);
            for (i, child) in entry.children().iter().enumerate().rev() {
                pending.push((Some(&entry.id), i, child));
            }
        }
        Ok(flat)
    }

    fn parent(&self, id: &EntryId) -> Option<Option<&EntryId>> {
        self.at.get(id).map(|p| p.parent.as_ref())
    }
}

/// Whether `side` moved `id` from where `base` had it: to another
/// parent, or out of the longest run of its siblings `side` kept in base's
/// order (so deleting, adding or moving away the entry before it is not a
/// move of this one, and a block moved together is moved as a whole).
fn moved(id: &EntryId, base: &Flat, side: &Flat) -> bool {
    let (Some(parent), Some(now)) = (base.parent(id), side.parent(id)) else {
        return true;
    };
    parent != now || side.reordered.contains(id)
}

/// The entries `side` moved among siblings that were siblings in `base`:
/// those outside a longest subsequence in base's order.
fn reordered<'a>(base: &Flat<'a>, side: &Flat<'a>) -> FxHashSet<&'a EntryId> {
    let mut out = FxHashSet::default();
    for (parent, list) in &side.children {
        let stable: Vec<(&'a EntryId, usize)> = list
            .iter()
            .filter_map(|id| {
                let place = base.at.get(id)?;
                (place.parent.as_ref() == *parent).then_some((*id, place.index))
            })
            .collect();
        let indexes: Vec<usize> = stable.iter().map(|(_, index)| *index).collect();
        let keep = longest_increasing(&indexes);
        out.extend(
            stable
                .iter()
                .zip(keep)
                .filter(|(_, kept)| !kept)
                .map(|((id, _), _)| *id),
        );
    }
    out
}

/// Which items belong to a longest strictly increasing subsequence
/// (patience sorting, O(n log n)).
fn longest_increasing(items: &[usize]) -> Vec<bool> {
    // tails[k]: index of the smallest last item of a run of length k + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; items.len()];
    for (i, &item) in items.iter().enumerate() {
        let k = tails.partition_point(|&t| items[t] < item);
        previous[i] = k.checked_sub(1).map(|k| tails[k]);
        if k == tails.len() {
            tails.push(i);
        } else {
            tails[k] = i;
        }
    }
    let mut keep = vec![false; items.len()];
    let mut at = tails.last().copied();
    while let Some(i) = at {
        keep[i] = true;
        at = previous[i];
    }
    keep
}

fn flat<'s, 'a>(side: Side, ours: &'s Flat<'a>, theirs: &'s Flat<'a>) -> &'s Flat<'a> {
    match side {
        Side::Ours => ours,
        Side::Theirs => theirs,
    }
}

/// Which side places an entry present in both: the one that moved it
/// (ours when both moved it to different sections: a conflict), else the
/// one that reordered it among its siblings.
fn place_side(conflicts: &mut Conflicts, id: &EntryId, b: &Flat, o: &Flat, t: &Flat) -> Side {
    let parent = |f: &Flat| f.at.get(id).map(|p| p.parent.clone());
    let (bp, op, tp) = (parent(b), parent(o), parent(t));
    let ours_moved = bp.is_some() && op != bp;
    let theirs_moved = bp.is_some() && tp != bp;
    if op != tp && (ours_moved && theirs_moved || bp.is_none()) {
        let name = |p: Option<Option<EntryId>>| {
            p.flatten()
                .map_or_else(|| TOP_LEVEL.to_string(), |id| id.as_str().to_string())
        };
        conflicts.push(Some(id), "place", &name(op), &name(tp));
        return Side::Ours;
    }
    if ours_moved {
        return Side::Ours;
    }
    if theirs_moved {
        return Side::Theirs;
    }
    if !moved(id, b, o) && moved(id, b, t) {
        Side::Theirs
    } else {
        Side::Ours
    }
}

/// The children of `parent` in order: each follows the sibling it follows
/// on the side that placed it (or the nearest earlier one still there);
/// entries placed right after the same sibling come in the order moved
/// ones first, then ours before theirs.
fn order_siblings<'a>(
    ids: &[&'a EntryId],
    members: &FxHashSet<&'a EntryId>,
    parent: Option<&EntryId>,
    kept: &FxHashMap<&'a EntryId, Kept>,
    b: &Flat<'a>,
    o: &Flat<'a>,
    t: &Flat<'a>,
) -> Vec<&'a EntryId> {
    // Each entry's place comes from the side that placed it (or the base,
    // for a section kept because something stayed in it); a moved entry's
    // place on the other side is out of date.
    let source_of = |id: &EntryId| -> &Flat<'a> {
        let f = flat(kept[id].side, o, t);
        if f.at.contains_key(id) { f } else { b }
    };
    let moved_by_placer: FxHashMap<&'a EntryId, bool> = ids
        .iter()
        .map(|&id| {
            let source = source_of(id);
            (id, !std::ptr::eq(source, b) && moved(id, b, source))
        })
        .collect();
    let mut followers: FxHashMap<Option<&'a EntryId>, Vec<(bool, usize, &'a EntryId)>> =
        FxHashMap::default();
    for (rank, &id) in ids.iter().enumerate() {
        let source = source_of(id);
        let siblings = source.children.get(&parent).map_or(&[][..], Vec::as_slice);
        let index = source.at[id].index;
        // It follows the nearest earlier sibling that is still here and
        // stands where this side has it. An entry neither side moved
        // follows one that stayed too, so what either side added after the
        // same entry goes in before it, not after it.
        let stayed = !moved_by_placer[id];
        let anchor = siblings
            .get(..index.min(siblings.len()))
            .unwrap_or(&[])
            .iter()
            .rev()
            .find(|s| {
                if !members.contains(*s) || (stayed && moved_by_placer[*s]) {
                    return false;
                }
                std::ptr::eq(source_of(s), source) || !moved_by_placer[*s]
            })
            .copied();
        followers
            .entry(anchor)
            .or_default()
            .push((!moved_by_placer[id], rank, id));
    }
    for list in followers.values_mut() {
        list.sort();
    }
    let mut out = Vec::with_capacity(ids.len());
    let mut placed: FxHashSet<&EntryId> = FxHashSet::default();
    let mut stack: Vec<&'a EntryId> = followers
        .get(&None)
        .map(|l| l.iter().rev().map(|(_, _, id)| *id).collect())
        .unwrap_or_default();
    while let Some(id) = stack.pop() {
        if !placed.insert(id) {
            continue;
        }
        out.push(id);
        if let Some(next) = followers.get(&Some(id)) {
            stack.extend(next.iter().rev().map(|(_, _, id)| *id));
        }
    }
    // Anything caught in a loop of "after each other" goes at the end.
    out.extend(ids.iter().filter(|id| !placed.contains(*id)).copied());
    out
}

fn build(
    parent: Option<&EntryId>,
    children: &FxHashMap<Option<&EntryId>, Vec<&EntryId>>,
    kept: &mut FxHashMap<&EntryId, Kept>,
) -> Vec<Entry> {
    let Some(ids) = children.get(&parent) else {
        return Vec::new();
    };
    ids.iter()
        .filter_map(|id| {
            let mut entry = kept.get(*id).map(|k| k.head.clone())?;
            let under = build(Some(id), children, kept);
            match &mut entry.kind {
                EntryKind::Section(section) => section.children = under,
                // A section turned into a chapter on one side keeps what is
                // under it as a section would: nothing is lost.
                EntryKind::Chapter(_) if !under.is_empty() => {
                    entry.kind = EntryKind::Section(super::Section { children: under });
                }
                EntryKind::Chapter(_) => {}
            }
            Some(entry)
        })
        .collect()
}

/// The conflicts found so far.
#[derive(Default)]
struct Conflicts {
    list: Vec<Conflict>,
}

impl Conflicts {
    fn push(&mut self, entry: Option<&EntryId>, field: &str, ours: &str, theirs: &str) {
        self.list.push(Conflict {
            entry: entry.cloned(),
            field: field.into(),
            ours: ours.into(),
            theirs: theirs.into(),
        });
    }

    /// A three-way merge of one value: a change on one side wins; changes
    /// on both sides to different values conflict, keeping ours.
    fn field<T: Clone + PartialEq + Serialize>(
        &mut self,
        entry: Option<&EntryId>,
        name: &str,
        base: &T,
        ours: &T,
        theirs: &T,
    ) -> T {
        if ours == theirs || theirs == base {
            return ours.clone();
        }
        if ours == base {
            return theirs.clone();
        }
        self.push(entry, name, &to_ron(ours), &to_ron(theirs));
        ours.clone()
    }
}

/// A value as RON, as conflicts hold it.
pub fn to_ron<T: Serialize>(value: &T) -> String {
    ron::to_string(value).unwrap_or_default()
}

fn merge_head(conflicts: &mut Conflicts, base: &Entry, ours: &Entry, theirs: &Entry) -> Entry {
    let id = Some(&ours.id);
    let title = conflicts.field(id, "title", &base.title, &ours.title, &theirs.title);
    let numbered = conflicts.field(
        id,
        "numbered",
        &base.numbered,
        &ours.numbered,
        &theirs.numbered,
    );
    let see_also = merge_list(&base.see_also, &ours.see_also, &theirs.see_also);
    let notes = merge_list(&base.notes, &ours.notes, &theirs.notes);
    let kinds = [base, ours, theirs].map(|e| e.is_section());
    let as_section = conflicts.field(id, "kind", &kinds[0], &kinds[1], &kinds[2]);
    let kind = if as_section {
        EntryKind::Section(super::Section::default())
    } else {
        let empty = Chapter::default();
        let chapter = |e: &Entry| match &e.kind {
            EntryKind::Chapter(chapter) => chapter.clone(),
            EntryKind::Section(_) => empty.clone(),
        };
        EntryKind::Chapter(merge_chapter(
            conflicts,
            id,
            &chapter(base),
            &chapter(ours),
            &chapter(theirs),
        ))
    };
    Entry {
        id: ours.id.clone(),
        title,
        numbered,
        see_also,
        notes,
        kind,
    }
}

fn merge_chapter(
    conflicts: &mut Conflicts,
    id: Option<&EntryId>,
    b: &Chapter,
    o: &Chapter,
    t: &Chapter,
) -> Chapter {
    use super::chapter_field::ChapterField as F;
    // Each field under its one name in the list of a chapter's fields.
    macro_rules! field {
        ($variant:ident, $name:ident) => {
            conflicts.field(id, F::$variant.name(), &b.$name, &o.$name, &t.$name)
        };
    }
    Chapter {
        legacy_badge: o.legacy_badge,
        added_in: field!(AddedIn, added_in),
        source: field!(Source, source),
        applies_to: field!(AppliesTo, applies_to),
        url: field!(Url, url),
        scope: text_field(conflicts, id, F::Scope.name(), &b.scope, &o.scope, &t.scope),
        body: text_field(conflicts, id, F::Body.name(), &b.body, &o.body, &t.body),
        manager: field!(Manager, manager),
        review_due: field!(ReviewDue, review_due),
        amendments: merge_list(&b.amendments, &o.amendments, &t.amendments),
    }
}

/// A text field (scope, body) merges by lines: edits to different
/// paragraphs both stay; the same lines changed differently conflict.
fn text_field(
    conflicts: &mut Conflicts,
    id: Option<&EntryId>,
    name: &str,
    b: &str,
    o: &str,
    t: &str,
) -> String {
    super::merge_text::merge_text(b, o, t).unwrap_or_else(|| {
        conflicts.field(id, name, &b.to_string(), &o.to_string(), &t.to_string())
    })
}

/// An entry of the same id and kind with nothing in it: the "base" of an
/// entry both sides added.
fn blank_like(entry: &Entry) -> Entry {
    let mut blank = if entry.is_section() {
        Entry::section(entry.id.clone(), "", Vec::new())
    } else {
        Entry::chapter(entry.id.clone(), "")
    };
    blank.numbered = entry.numbered;
    blank
}

/// A three-way merge of a list: ours, less what theirs removed, plus what
/// theirs added, each after the item it follows in theirs.
pub fn merge_list<T: Clone + Eq + Hash>(base: &[T], ours: &[T], theirs: &[T]) -> Vec<T> {
    if ours == theirs || theirs == base {
        return ours.to_vec();
    }
    if ours == base {
        return theirs.to_vec();
    }
    let in_base: FxHashSet<&T> = base.iter().collect();
    let in_theirs: FxHashSet<&T> = theirs.iter().collect();
    let kept: Vec<&T> = ours
        .iter()
        .filter(|item| !in_base.contains(item) || in_theirs.contains(item))
        .collect();
    let in_kept: FxHashSet<&T> = kept.iter().copied().collect();
    // Theirs' additions, grouped by the item they follow.
    let mut after: FxHashMap<Option<&T>, Vec<&T>> = FxHashMap::default();
    let mut anchor: Option<&T> = None;
    for item in theirs {
        if in_kept.contains(item) {
            anchor = Some(item);
        } else if !in_base.contains(item) {
            after.entry(anchor).or_default().push(item);
        }
    }
    let mut out: Vec<T> = Vec::with_capacity(kept.len());
    out.extend(after.remove(&None).into_iter().flatten().cloned());
    for item in kept {
        out.push(item.clone());
        if let Some(added) = after.remove(&Some(item)) {
            out.extend(added.into_iter().cloned());
        }
    }
    out
}

/// A three-way merge of a sorted set (the word list).
fn merge_set(base: &[String], ours: &[String], theirs: &[String]) -> Vec<String> {
    let in_base: FxHashSet<&String> = base.iter().collect();
    let in_ours: FxHashSet<&String> = ours.iter().collect();
    let in_theirs: FxHashSet<&String> = theirs.iter().collect();
    let mut out: Vec<String> = ours
        .iter()
        .filter(|w| !in_base.contains(w) || in_theirs.contains(w))
        .chain(
            theirs
                .iter()
                .filter(|w| !in_base.contains(w) && !in_ours.contains(w)),
        )
        .cloned()
        .collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
#[path = "merge_tests.rs"]
mod tests;
