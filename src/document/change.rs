//! One change to an open manual's work: an edit of the manual, or a pack
//! put back as it was. The document keeps one undo history of these, so
//! Ctrl+Z takes back the latest change wherever it was made.

use std::path::PathBuf;

use super::packs::{PackPut, Shelf};
use crate::edit::history::{GroupKey, Reversible};
use crate::edit::{Edit, EditError};
use crate::model::Manual;

/// What one undo step changes.
#[derive(Debug, Clone)]
pub enum Change {
    Manual(Edit),
    Pack(PackPut),
}

/// Which changes, one right after another, merge into one undo step:
/// typing in one field of the manual, or in one field of one pack.
#[derive(Debug, Clone, PartialEq)]
pub enum StepGroup {
    Field(GroupKey),
    Pack {
        path: PathBuf,
        field: &'static str,
        index: usize,
    },
}

/// What the changes act on: the manual, and the packs beside its file once
/// they were looked for (`None` before, and after they were put away).
#[derive(Debug)]
pub struct Content {
    pub manual: Manual,
    pub packs: Option<Shelf>,
}

impl Reversible for Change {
    type Target = Content;
    type Group = StepGroup;

    fn apply_to(self, content: &mut Content) -> Result<Change, EditError> {
        match self {
            Change::Manual(edit) => edit.apply(&mut content.manual).map(Change::Manual),
            Change::Pack(put) => {
                let shelf = content.packs.as_mut().ok_or_else(|| {
                    EditError::File("the packs this change was about were put away".into())
                })?;
                shelf
                    .put(put)
                    .map(Change::Pack)
                    .map_err(|error| EditError::File(error.to_string()))
            }
        }
    }

    fn changes_manual(&self) -> bool {
        matches!(self, Change::Manual(_))
    }
}
