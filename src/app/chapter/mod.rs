//! The chapter view: the editor of the selected entry, its Markdown body
//! with toolbar and preview, its see-also list and the picker that adds to
//! it.

pub mod body;
pub mod editor;
mod manual_details;
pub mod picker;
pub mod see_also;
