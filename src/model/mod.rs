//! The manual model: a pure tree of sections and chapters, with derived numbers,
//! stable ids and validation. Nothing here touches the file system or the UI.

mod body_links;
pub mod body_style;
pub mod chapter_field;
pub mod date;
mod diff;
mod entry;
pub mod files;
mod id;
mod label;
mod links;
pub mod local_places;
pub mod look;
mod manual;
pub mod merge;
pub mod merge_text;
mod number;
pub mod on_every_core;
pub mod outside_links;
mod pack;
pub mod proposal;
pub mod published;
pub mod redline;
pub mod sign_off;
pub mod style;
pub mod synth;
pub mod template;
mod update;
mod validate;

pub use body_links::{
    BodyLink, ENTRY_SCHEME, body_links, body_targets, entry_link, escape_link_text,
    fill_empty_links, fill_empty_links_of, unlink,
};
pub use diff::{Difference, diff, diff_entry};
pub use entry::{Amendment, Badge, Chapter, Entry, EntryKind, Keyword, Section, SeeAlso};
pub use id::{EntryId, IdAllocator, slugify};
pub use label::{counted, label, push_decimal, push_in_base};
pub use links::Backlinks;
pub use manual::{EntryPath, FORMAT_VERSION, MAX_DEPTH, Manual, OutlineRow};
pub use merge::Conflict;
pub use number::SectionNumber;
pub use pack::{ItemState, PACK_FORMAT_VERSION, Pack, PackItem};
pub use sign_off::{Approval, SignOff};
pub use template::TemplateSource;
pub use update::{
    IMPORTED_UPDATE, NO_DETAILS, Removal, ReviewDue, Update, UpdateChanges, UpdateError,
    month_label,
};
pub use validate::{
    Warning, WarningKind, base_url_problem, entry_warnings, is_allowed_url, is_email_address,
    is_iso_date,
};
