//! Link bookkeeping: which entries point at which.

use rustc_hash::FxHashMap;

use super::{EntryId, Manual};

/// For every entry id, the entries whose see-also lists point at it, in
/// document order. Built once per change, so lookups cost nothing per frame.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Backlinks {
    sources: FxHashMap<EntryId, Vec<EntryId>>,
}

impl Backlinks {
    pub fn build(manual: &Manual) -> Self {
        let mut sources: FxHashMap<EntryId, Vec<EntryId>> = FxHashMap::default();
        manual.walk(|_, entry, _| {
            for target in entry.link_targets() {
                let list = sources.entry(target).or_default();
                if list.last() != Some(&entry.id) {
                    list.push(entry.id.clone());
                }
            }
        });
        Backlinks { sources }
    }

    /// Replaces `source`'s links: it no longer points at `old` targets and
    /// now points at `new` ones. `order` gives each entry's place in the
    /// document, so every list stays in document order.
    pub fn relink(
        &mut self,
        source: &EntryId,
        old: &[EntryId],
        new: &[EntryId],
        order: impl Fn(&EntryId) -> usize,
    ) {
        for target in old {
            if let Some(list) = self.sources.get_mut(target) {
                list.retain(|s| s != source);
                if list.is_empty() {
                    self.sources.remove(target);
                }
            }
        }
        for target in new {
            let list = self.sources.entry(target.clone()).or_default();
            if !list.contains(source) {
                let at = list.partition_point(|s| order(s) < order(source));
                list.insert(at, source.clone());
            }
        }
    }

    /// The entries that link to `id`.
    pub fn of(&self, id: &EntryId) -> &[EntryId] {
        self.sources.get(id).map(Vec::as_slice).unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entry, SeeAlso};

    #[test]
    fn backlinks_list_each_linking_entry_once() {
        let mut a = Entry::chapter(EntryId::new("a"), "A");
        a.see_also = vec![
            SeeAlso::internal(EntryId::new("c")),
            SeeAlso::internal(EntryId::new("c")),
            SeeAlso::external("GOV.UK page", None, None),
        ];
        let mut b = Entry::chapter(EntryId::new("b"), "B");
        b.see_also = vec![SeeAlso::internal(EntryId::new("c"))];
        let c = Entry::chapter(EntryId::new("c"), "C");
        let mut manual = Manual::new("M", "T");
        manual.entries = vec![Entry::section(EntryId::new("p"), "P", vec![a, b, c])];

        let backlinks = Backlinks::build(&manual);
        assert_eq!(
            backlinks.of(&EntryId::new("c")),
            &[EntryId::new("a"), EntryId::new("b")]
        );
        assert!(backlinks.of(&EntryId::new("a")).is_empty());
    }
}
