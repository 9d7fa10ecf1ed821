//! What the user asked for in the window (a click with its modifiers, a
//! command, an edit), recorded while drawing and carried out after.

use std::path::PathBuf;

use crate::app::Command;
use crate::edit::Edit;
use crate::edit::history::GroupKey;
use crate::model::EntryId;

/// The manuals bundled with the program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sample {
    Stockport,
    Wandsworth,
    Wigan,
}

impl Sample {
    pub const ALL: [Sample; 3] = [Sample::Stockport, Sample::Wandsworth, Sample::Wigan];

    pub fn name(self) -> &'static str {
        match self {
            Sample::Stockport => "Stockport",
            Sample::Wandsworth => "Wandsworth",
            Sample::Wigan => "Wigan",
        }
    }

    /// The sample's file, embedded so the program works from any folder.
    pub fn text(self) -> &'static str {
        match self {
            Sample::Stockport => include_str!("../../sample_manuals/stockport.ron"),
            Sample::Wandsworth => include_str!("../../sample_manuals/wandsworth.ron"),
            Sample::Wigan => include_str!("../../sample_manuals/wigan.ron"),
        }
    }
}

/// Something that replaces or closes the open manual, so it waits for the
/// user's answer when there are unsaved changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    New,
    /// Ask for a file to open.
    ChooseFile,
    Open(PathBuf),
    OpenSample(Sample),
    /// A manual made by File > New from contents list.
    Imported(Box<crate::model::Manual>),
    Close,
    Quit,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Run(Command),
    /// File > New local manual from template: make it and open it.
    NewLocal {
        template: PathBuf,
        authority: String,
        out: PathBuf,
    },
    /// File > Pull template update: work out what the version at this
    /// file would change, for the preview.
    PlanPull(PathBuf),
    /// Choose the new template file in a file dialog, then preview it.
    BrowsePull,
    /// Apply the previewed pull as one undo step.
    ApplyPull,
    /// Record the approval the Approve dialog holds.
    Approve {
        ids: Vec<EntryId>,
        by: String,
        role: String,
        comment: String,
    },
    /// Open the Approve dialog for these chapters.
    AskApproval(Vec<EntryId>),
    /// Publish the open update on `date` (with a reason when changes are
    /// not all approved).
    Publish {
        date: String,
        reason: String,
    },
    /// Show an entry against its last published version.
    CompareWithPublished(EntryId),
    /// Show an entry of a local manual against its template's text.
    CompareWithTemplate(EntryId),
    /// Write a consultation copy (the whole manual, or the selection).
    ExportDocx {
        path: PathBuf,
        whole: bool,
    },
    /// Rename the update `old` and set its date (Edit > Updates…).
    RenameUpdate {
        old: String,
        label: String,
        date: String,
    },
    /// Close the Problems panel.
    CloseProblems,
    /// Open the History dialog of a chapter.
    ShowHistory(EntryId),
    /// Show two versions of an entry as tracked changes (from History).
    ShowComparison {
        title: String,
        here: String,
        against: String,
        pieces: Vec<crate::model::redline::Piece>,
    },
    Select(EntryId),
    /// A click on a tree row with the modifiers held: Ctrl toggles it in
    /// the selection, Shift selects the range from the current entry.
    Click {
        id: EntryId,
        modifiers: egui::Modifiers,
    },
    /// Publish the current update and open a new one.
    StartUpdate {
        label: String,
        date: String,
    },
    /// Add an amendment in the current update to a chapter.
    MarkUpdated {
        id: EntryId,
        text: String,
    },
    /// Delete, removing the listed links too: the user agreed.
    ConfirmDelete(Vec<EntryId>),
    /// One undoable step.
    Edit {
        edits: Vec<Edit>,
        group: Option<GroupKey>,
    },
    /// Copy `files` (name, bytes) into the manual's folder, then make the
    /// edits as one undoable step and say `done`; nothing is changed when
    /// a file cannot be written.
    EditWithFiles {
        edits: Vec<Edit>,
        files: Vec<(String, Vec<u8>)>,
        done: String,
    },
    /// Save `manual` as `out` (never over a file already there) with its
    /// pictures beside it, then open it.
    CreateFromWord {
        manual: Box<crate::model::Manual>,
        files: Vec<(String, Vec<u8>)>,
        out: PathBuf,
    },
    /// Do this, asking first when there are unsaved changes.
    Guarded(Pending),
    /// Do this now: the user has answered.
    Proceed(Pending),
    /// Save, then do `then` if saving worked.
    SaveThen(Option<Pending>),
    SaveTo {
        path: PathBuf,
        then: Option<Pending>,
    },
    /// Save over a file someone else changed: the user chose to.
    SaveOver {
        path: PathBuf,
        then: Option<Pending>,
    },
    /// Read the manual's file again, dropping what is open.
    ReloadFromDisk,
    /// Keep the open manual although its file changed on disk.
    KeepMine,
    /// Open the `.bak` of a file that could not be read, to save over it.
    OpenBackup {
        original: PathBuf,
        backup: PathBuf,
    },
    /// Open a file someone else has open: read-only, or anyway (without
    /// taking their lock).
    OpenLocked {
        path: PathBuf,
        read_only: bool,
    },
    /// Settle a conflict a merge left, as one undo step.
    ResolveConflict {
        index: usize,
        side: crate::model::merge::Side,
    },
    /// Show a native file dialog (falls back to the typed path).
    BrowseOpen,
    BrowseSaveAs {
        then: Option<Pending>,
    },
    CloseDialog,
    /// Open a recovery copy left by a crash, as unsaved changes.
    RecoverOpen(crate::store::recovery::Found),
    /// Delete a recovery copy.
    RecoverDiscard(PathBuf),
    /// Write the recovery copy now rather than at the next interval.
    WriteRecoveryCopy,
    /// Open the picker to link `range` (character indices) of an entry's
    /// body, whose text there is `text`, to another entry or a page.
    OpenBodyLinkPicker {
        for_entry: EntryId,
        range: std::ops::Range<usize>,
        text: String,
    },
    /// Put `markdown` (a link) over `range` of the entry's body.
    InsertBodyLink {
        for_entry: EntryId,
        range: std::ops::Range<usize>,
        markdown: String,
    },
    /// Ask which file to put into the chapter in the editor (Insert file…).
    AskInsertFile,
    /// Copy a file into the manual's folder and link it in a chapter's body
    /// at `range` (characters), as one undo step.
    InsertFile {
        for_entry: EntryId,
        range: std::ops::Range<usize>,
        source: PathBuf,
        text: String,
    },
    /// Choose the file to insert in a native file dialog.
    BrowseInsertFile,
    /// Open the see-also picker for an entry; `replace` re-picks one item.
    /// Put a finding's replacement in place of the text it covers.
    FixStyle {
        entry: EntryId,
        field: crate::model::style::StyleField,
        range: std::ops::Range<usize>,
        covered: String,
        fix: String,
    },
    /// Turn a plain English rule on or off for this manual.
    SetStyleRule {
        rule: crate::model::style::StyleRule,
        on: bool,
    },
    /// Never flag this term in this manual.
    AllowTerm(String),
    /// Add a term to the manual's keywords and open them to define it.
    AddKeyword(String),
    /// The longest sentence, in words, before it is flagged.
    SetSentenceWords(usize),
    /// Stop the outside-link check under way.
    StopLinkCheck,
    /// Put a moved page's new address wherever the manual links to the old.
    UseNewAddress {
        old: String,
        new: String,
    },
    OpenPicker {
        for_entry: EntryId,
        replace: Option<usize>,
    },
    /// Add (or replace) a see-also item of an entry, as one undoable step.
    AddSeeAlso {
        to: EntryId,
        item: crate::model::SeeAlso,
        replace: Option<usize>,
    },
    /// Export the open manual to a folder, in the background.
    StartExport {
        out: PathBuf,
        date: String,
        /// Draft, what changed, archive.
        choice: crate::document::ExportChoice,
    },
    /// Open an exported site's contents page in the system's browser.
    OpenInBrowser(PathBuf),
    ToggleCollapsed(EntryId),
    SetTheme(crate::app::ThemeChoice),
    /// Something done in the Packs panel or its dialogs.
    Pack(PackAction),
    /// Add a word to the manual's word list (spelling accepts it).
    AddWord(String),
    /// Say this in the status bar.
    Status(String),
    /// Replace every match across the manual, as one undoable step.
    ReplaceAll {
        query: String,
        replacement: String,
        options: crate::edit::find::FindOptions,
    },
    /// Replace one match found by Find and replace.
    ReplaceOne {
        hit: crate::edit::find::Hit,
        query: String,
        replacement: String,
        options: crate::edit::find::FindOptions,
    },
}

/// What the user asked of the packs.
#[derive(Debug, Clone, PartialEq)]
pub enum PackAction {
    /// Ask for the title and audience of a new pack.
    AskNew,
    /// Open this pack file for editing.
    Open(PathBuf),
    /// Make a new pack beside the manual and open it.
    New { title: String, audience: String },
    /// Ask before deleting this pack file.
    AskDelete(PathBuf),
    /// Delete it: the user agreed.
    Delete(PathBuf),
    /// One change to the open pack.
    Edit(crate::document::packs::PackEdit),
    /// Select the open pack's item at this place (and make the pack list
    /// the one Alt+Up/Down and Delete act on).
    Select(usize),
    /// Write the open pack as one HTML document.
    Export {
        out: PathBuf,
        base_url: String,
        date: String,
    },
}
