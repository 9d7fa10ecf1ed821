//! The side panels beside the contents and the chapter: induction packs,
//! find and replace, resolving merge conflicts, the problems of the manual,
//! and the update views.

pub mod conflicts;
pub mod find;
pub mod packs;
pub mod problems;
pub mod updates;

/// A view's content, worked out from the manual once per revision rather
/// than on every frame the view is open.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ViewCache<T> {
    revision: Option<u64>,
    value: T,
}

impl<T> ViewCache<T> {
    pub fn get(&mut self, revision: u64, compute: impl FnOnce() -> T) -> &T {
        if self.revision != Some(revision) {
            self.value = compute();
            self.revision = Some(revision);
        }
        &self.value
    }
}
