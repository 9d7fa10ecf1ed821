//! One list of commands: each gives its menu label, tooltip and shortcuts, so
//! menus, key handling and the help window cannot disagree.

use egui::{Key, KeyboardShortcut, Modifiers};

/// Declares the command enum and its list together, so the list is
/// complete by construction: a command cannot exist without being in
/// [`Command::ALL`] (and so in the help window and the clash test).
macro_rules! commands {
    ($($name:ident),* $(,)?) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Command {
            $($name),*
        }

        impl Command {
            /// Every command, in menu order.
            pub const ALL: &'static [Command] = &[$(Command::$name),*];
        }
    };
}

commands! {
    New,
    NewFromContents,
    NewFromWord,
    NewLocal,
    Open,
    Save,
    SaveAs,
    ExportHtml,
    ExportPack,
    ImportAmendments,
    ImportChapters,
    ImportResponse,
    PullTemplate,
    Close,
    Quit,
    Undo,
    Redo,
    AddSeeAlso,
    InsertLink,
    Bold,
    Italic,
    AddToPack,
    ManualDetails,
    MarkUpdated,
    StartUpdate,
    Approve,
    ShowSignOff,
    PublishUpdate,
    ShowAmendments,
    ShowReviews,
    ShowKeywords,
    ShowHistory,
    ExportConsultation,
    EditUpdates,
    Palette,
    ShowProblems,
    CheckLinks,
    NextProblem,
    PreviousProblem,
    AddChapterAfter,
    AddSectionAfter,
    AddInside,
    Duplicate,
    ToggleNumbered,
    MoveUp,
    MoveDown,
    MoveOut,
    MoveIn,
    Delete,
    Find,
    FindReplace,
    ExpandAll,
    CollapseAll,
    ShowPacks,
    SelectPrevious,
    SelectNext,
    ExpandOrChild,
    CollapseOrParent,
    FocusMenu,
    NextPane,
    PreviousPane,
    GettingStarted,
    Help,
}

const fn shortcut(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

const NEXT_PANE: [KeyboardShortcut; 1] = [shortcut(Modifiers::NONE, Key::F6)];
const PREVIOUS_PANE: [KeyboardShortcut; 1] = [shortcut(Modifiers::SHIFT, Key::F6)];

const CTRL_SHIFT: Modifiers = Modifiers {
    alt: false,
    ctrl: false,
    shift: true,
    mac_cmd: false,
    command: true,
};

impl Command {
    pub fn label(self) -> &'static str {
        match self {
            Command::New => "New",
            Command::NewFromContents => "New from contents list…",
            Command::NewFromWord => "New from Word document…",
            Command::ImportResponse => "Import consultation response…",
            Command::NewLocal => "New local manual from template…",
            Command::PullTemplate => "Pull template update…",
            Command::Open => "Open…",
            Command::Save => "Save",
            Command::SaveAs => "Save As…",
            Command::ExportHtml => "Export HTML…",
            Command::ExportPack => "Export pack…",
            Command::ExportConsultation => "Export for consultation…",
            Command::ImportAmendments => "Import amendments page…",
            Command::ImportChapters => "Import chapter pages…",
            Command::AddToPack => "Add to pack",
            Command::ShowPacks => "Packs panel",
            Command::Close => "Close",
            Command::Quit => "Quit",
            Command::Undo => "Undo",
            Command::Redo => "Redo",
            Command::AddSeeAlso => "Add see also…",
            Command::InsertLink => "Link in the body…",
            Command::Bold => "Bold",
            Command::Italic => "Italic",
            Command::ManualDetails => "Manual details",
            Command::AddChapterAfter => "Add chapter after",
            Command::AddSectionAfter => "Add section after",
            Command::AddInside => "Add entry inside",
            Command::Duplicate => "Duplicate",
            Command::ToggleNumbered => "Numbered on/off",
            Command::MoveUp => "Move up",
            Command::MoveDown => "Move down",
            Command::MoveOut => "Move out of section",
            Command::MoveIn => "Move into section above",
            Command::Delete => "Delete…",
            Command::Find => "Find in contents",
            Command::FindReplace => "Find and replace…",
            Command::ExpandAll => "Expand all",
            Command::CollapseAll => "Collapse all",
            Command::SelectPrevious => "Previous entry",
            Command::SelectNext => "Next entry",
            Command::ExpandOrChild => "Expand section",
            Command::CollapseOrParent => "Collapse section",
            Command::FocusMenu => "Menu bar",
            Command::Help => "Keyboard shortcuts",
            Command::NextPane => "Next pane",
            Command::PreviousPane => "Previous pane",
            Command::GettingStarted => "Getting started",
            Command::MarkUpdated => "Mark as updated…",
            Command::StartUpdate => "Start next update…",
            Command::Approve => "Approve…",
            Command::ShowSignOff => "Sign-off in this update…",
            Command::PublishUpdate => "Publish update…",
            Command::ShowAmendments => "Amendments in this update…",
            Command::ShowReviews => "Reviews due…",
            Command::ShowKeywords => "Keywords…",
            Command::ShowHistory => "Chapter history…",
            Command::EditUpdates => "Updates…",
            Command::Palette => "Command palette…",
            Command::ShowProblems => "Problems",
            Command::CheckLinks => "Check outside links",
            Command::NextProblem => "Next problem",
            Command::PreviousProblem => "Previous problem",
        }
    }

    pub fn tooltip(self) -> &'static str {
        match self {
            Command::New => "Start a new, empty manual",
            Command::NewFromContents => {
                "Make a manual from a published contents list: paste it or read a text file"
            }
            Command::NewLocal => {
                "Start the council's own manual from a national or regional template"
            }
            Command::NewFromWord => {
                "Make a manual from one long Word document: its headings become parts, \
                 sections and chapters"
            }
            Command::ImportResponse => {
                "Read a consultation copy that came back: accept or reject each proposed \
                 change, with the reviewers' comments"
            }
            Command::PullTemplate => {
                "Bring the template's new update into this local manual, keeping local changes"
            }
            Command::Open => "Open a manual file (.ron)",
            Command::Save => "Save the manual to its file",
            Command::SaveAs => "Save the manual to a new file",
            Command::ExportHtml => "Export an accessible HTML snapshot for publication",
            Command::ExportConsultation => {
                "The selected chapters (or the whole manual) as a Word document to send out for \
                 comment"
            }
            Command::ExportPack => {
                "Export the open pack as one printable HTML document for trainees"
            }
            Command::ImportAmendments => {
                "Record a published Amendments page in the manual's update cycles"
            }
            Command::ImportChapters => {
                "Fill chapters from their published pages (saved .html, copied .txt) or Word documents"
            }
            Command::AddToPack => {
                "Add the selected chapters (a section brings its chapters) to the open pack, \
                 after its selected item"
            }
            Command::ShowPacks => "Show or hide the induction packs drawn from this manual",
            Command::Close => "Close the manual",
            Command::Quit => "Quit manual-editor",
            Command::Undo => "Undo the last change",
            Command::Redo => "Redo the last undone change",
            Command::AddSeeAlso => {
                "Link the selected entry to another entry or an outside document"
            }
            Command::ManualDetails => "Edit the manual's title, authority and notes",
            Command::InsertLink => {
                "In the chapter body: link the selection (or insert a link) to an entry or an \
                 outside page"
            }
            Command::Bold => "In the chapter body: make the selection bold",
            Command::Italic => "In the chapter body: make the selection italic",
            Command::AddChapterAfter => "Add a new chapter after the selected entry",
            Command::AddSectionAfter => "Add a new section after the selected entry",
            Command::AddInside => "Add a new chapter at the end of the selected section",
            Command::Duplicate => "Copy the selected entries, with new ids, right after them",
            Command::ToggleNumbered => "Number the selected entries, or leave them unnumbered",
            Command::MoveUp => "Move the selected entries before the entry above them",
            Command::MoveDown => "Move the selected entries after the entry below them",
            Command::MoveOut => "Move the selected entries out of their section, just after it",
            Command::MoveIn => "Move the selected entries into the section above them, at its end",
            Command::Delete => {
                "Delete the selected entries (asks first when other entries link to them)"
            }
            Command::Find => "Filter the contents by number or title",
            Command::FindReplace => {
                "Find a word or phrase in every title, scope, body and note, and replace it"
            }
            Command::ExpandAll => "Show every entry of the contents",
            Command::CollapseAll => "Show only the parts",
            Command::SelectPrevious => "Select the entry above in the contents",
            Command::SelectNext => "Select the entry below in the contents",
            Command::ExpandOrChild => {
                "Unfold the selected section; when it is open, go to its first entry"
            }
            Command::CollapseOrParent => {
                "Fold the selected section; when it is folded, or a chapter, go to its section"
            }
            Command::FocusMenu => "Move keyboard focus to the menu bar (File)",
            Command::Help => "Show the keyboard shortcuts",
            Command::NextPane => {
                "Move keyboard focus to the next part of the window: contents, editor, open panels"
            }
            Command::PreviousPane => "Move keyboard focus to the previous part of the window",
            Command::GettingStarted => "A short guide to the editor",
            Command::MarkUpdated => {
                "Record what changed in the selected chapter in this update (its badge becomes Updated)"
            }
            Command::StartUpdate => {
                "Publish the current update and open the next: badges clear until chapters change"
            }
            Command::ShowAmendments => "The chapters the current update has added and updated",
            Command::ShowReviews => "Chapters whose review is overdue or due in three months",
            Command::Approve => {
                "Record that the selected changed chapters are approved, and by whom"
            }
            Command::ShowSignOff => {
                "Every chapter changed in the open update with its sign-off, to approve or go to"
            }
            Command::PublishUpdate => {
                "Publish the open update once its changes are approved, keeping a copy as published"
            }
            Command::Palette => "Find any command by name and run it",
            Command::EditUpdates => {
                "The manual's updates: rename one (an imported \"As published\") and set its date"
            }
            Command::ShowProblems => {
                "Every error and warning of the manual, by chapter: click one to go there"
            }
            Command::CheckLinks => {
                "Visit every web page the manual links to (8 at a time) and list the missing, \
                 failing and moved ones under Problems"
            }
            Command::NextProblem => "Go to the next problem in the Problems list",
            Command::PreviousProblem => "Go to the previous problem in the Problems list",
            Command::ShowHistory => {
                "Each published version of the selected chapter, who approved it, and the \
                 commits that changed it; compare any two"
            }
            Command::ShowKeywords => {
                "The manual's keywords: terms, what they mean here, and their chapters"
            }
        }
    }

    /// The shortcuts that run the command; the first is shown in menus.
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        const NEW: [KeyboardShortcut; 1] = [shortcut(Modifiers::COMMAND, Key::N)];
        const OPEN: [KeyboardShortcut; 1] = [shortcut(Modifiers::COMMAND, Key::O)];
        const SAVE: [KeyboardShortcut; 1] = [shortcut(Modifiers::COMMAND, Key::S)];
        const SAVE_AS: [KeyboardShortcut; 1] = [shortcut(CTRL_SHIFT, Key::S)];
        const EXPORT: [KeyboardShortcut; 1] = [shortcut(Modifiers::COMMAND, Key::E)];
        const CLOSE: [KeyboardShortcut; 1] = [shortcut(Modifiers::COMMAND, Key::W)];
        const QUIT: [KeyboardShortcut; 1] = [shortcut(Modifiers::COMMAND, Key::Q)];
        const UNDO: [KeyboardShortcut; 1] = [shortcut(Modifiers::COMMAND, Key::Z)];
        const REDO: [KeyboardShortcut; 2] = [
            shortcut(CTRL_SHIFT, Key::Z),
            shortcut(Modifiers::COMMAND, Key::Y),
        ];
        const SEE_ALSO: [KeyboardShortcut; 1] = [shortcut(Modifiers::COMMAND, Key::L)];
        const MOVE_UP: [KeyboardShortcut; 1] = [shortcut(Modifiers::ALT, Key::ArrowUp)];
        const MOVE_DOWN: [KeyboardShortcut; 1] = [shortcut(Modifiers::ALT, Key::ArrowDown)];
        const MOVE_OUT: [KeyboardShortcut; 1] = [shortcut(Modifiers::ALT, Key::ArrowLeft)];
        const MOVE_IN: [KeyboardShortcut; 1] = [shortcut(Modifiers::ALT, Key::ArrowRight)];
        const DELETE: [KeyboardShortcut; 1] = [shortcut(Modifiers::NONE, Key::Delete)];
        const DUPLICATE: [KeyboardShortcut; 1] = [shortcut(Modifiers::COMMAND, Key::D)];
        const FIND: [KeyboardShortcut; 1] = [shortcut(Modifiers::COMMAND, Key::F)];
        const FIND_REPLACE: [KeyboardShortcut; 1] = [shortcut(CTRL_SHIFT, Key::F)];
        const PREVIOUS: [KeyboardShortcut; 1] = [shortcut(Modifiers::NONE, Key::ArrowUp)];
        const NEXT: [KeyboardShortcut; 1] = [shortcut(Modifiers::NONE, Key::ArrowDown)];
        const EXPAND: [KeyboardShortcut; 1] = [shortcut(Modifiers::NONE, Key::ArrowRight)];
        const COLLAPSE: [KeyboardShortcut; 1] = [shortcut(Modifiers::NONE, Key::ArrowLeft)];
        const MENU: [KeyboardShortcut; 1] = [shortcut(Modifiers::NONE, Key::F10)];
        const ADD_TO_PACK: [KeyboardShortcut; 1] = [shortcut(CTRL_SHIFT, Key::A)];
        const LINK: [KeyboardShortcut; 1] = [shortcut(Modifiers::COMMAND, Key::K)];
        const BOLD: [KeyboardShortcut; 1] = [shortcut(Modifiers::COMMAND, Key::B)];
        const ITALIC: [KeyboardShortcut; 1] = [shortcut(Modifiers::COMMAND, Key::I)];
        const PACKS: [KeyboardShortcut; 1] = [shortcut(CTRL_SHIFT, Key::P)];
        const PALETTE: [KeyboardShortcut; 2] = [
            shortcut(Modifiers::COMMAND, Key::P),
            shortcut(Modifiers::NONE, Key::F1),
        ];
        const NEXT_PROBLEM: [KeyboardShortcut; 1] = [shortcut(Modifiers::NONE, Key::F8)];
        const PREVIOUS_PROBLEM: [KeyboardShortcut; 1] = [shortcut(Modifiers::SHIFT, Key::F8)];
        match self {
            Command::New => &NEW,
            Command::Open => &OPEN,
            Command::Save => &SAVE,
            Command::SaveAs => &SAVE_AS,
            Command::ExportHtml => &EXPORT,
            Command::Close => &CLOSE,
            Command::Quit => &QUIT,
            Command::Undo => &UNDO,
            Command::Redo => &REDO,
            Command::AddSeeAlso => &SEE_ALSO,
            Command::AddToPack => &ADD_TO_PACK,
            Command::InsertLink => &LINK,
            Command::Bold => &BOLD,
            Command::Italic => &ITALIC,
            Command::ShowPacks => &PACKS,
            Command::ExportPack | Command::ExportConsultation => &[],
            Command::NextProblem => &NEXT_PROBLEM,
            Command::Palette => &PALETTE,
            Command::PreviousProblem => &PREVIOUS_PROBLEM,
            Command::NewFromContents
            | Command::NewFromWord
            | Command::ImportResponse
            | Command::NewLocal
            | Command::PullTemplate
            | Command::ImportAmendments
            | Command::ImportChapters
            | Command::AddChapterAfter
            | Command::AddSectionAfter
            | Command::AddInside
            | Command::ToggleNumbered
            | Command::ManualDetails
            | Command::MarkUpdated
            | Command::StartUpdate
            | Command::Approve
            | Command::ShowSignOff
            | Command::PublishUpdate
            | Command::ShowAmendments
            | Command::ShowReviews
            | Command::ShowKeywords
            | Command::ShowHistory
            | Command::EditUpdates
            | Command::ShowProblems
            | Command::CheckLinks => &[],
            Command::Duplicate => &DUPLICATE,
            Command::MoveUp => &MOVE_UP,
            Command::MoveDown => &MOVE_DOWN,
            Command::MoveOut => &MOVE_OUT,
            Command::MoveIn => &MOVE_IN,
            Command::Delete => &DELETE,
            Command::Find => &FIND,
            Command::FindReplace => &FIND_REPLACE,
            Command::ExpandAll | Command::CollapseAll => &[],
            Command::SelectPrevious => &PREVIOUS,
            Command::SelectNext => &NEXT,
            Command::ExpandOrChild => &EXPAND,
            Command::CollapseOrParent => &COLLAPSE,
            Command::FocusMenu => &MENU,
            Command::Help => &[],
            Command::NextPane => &NEXT_PANE,
            Command::PreviousPane => &PREVIOUS_PANE,
            Command::GettingStarted => &[],
        }
    }

    /// False for shortcuts that a focused text field needs for itself (arrow
    /// keys move its cursor): those are skipped while one has focus.
    pub fn fires_in_text_field(self) -> bool {
        !matches!(
            self,
            Command::SelectPrevious
                | Command::SelectNext
                | Command::ExpandOrChild
                | Command::CollapseOrParent
                | Command::MoveUp
                | Command::MoveDown
                | Command::MoveOut
                | Command::MoveIn
                | Command::Delete
        )
    }

    /// The command a key press runs, if any. Modifiers must match exactly:
    /// egui's `consume_shortcut` ignores extra Shift and Alt, so plain Up
    /// would also take Alt+Up, and Ctrl+Z would take Ctrl+Shift+Z.
    pub fn for_key(key: Key, modifiers: Modifiers) -> Option<Command> {
        Command::ALL.iter().copied().find(|c| {
            c.shortcuts()
                .iter()
                .any(|s| s.logical_key == key && modifiers.matches_exact(s.modifiers))
        })
    }

    /// The commands whose shortcuts were pressed this frame, in order. Their
    /// key presses are consumed; a press of a command `allowed` refuses is
    /// left for the widgets (a focused text field, a see-also item).
    pub fn take_pressed(
        input: &mut egui::InputState,
        allowed: impl Fn(Command) -> bool,
    ) -> Vec<Command> {
        let mut pressed = Vec::new();
        input.events.retain(|event| {
            let egui::Event::Key {
                key,
                pressed: true,
                modifiers,
                ..
            } = event
            else {
                return true;
            };
            match Command::for_key(*key, *modifiers) {
                Some(command) if allowed(command) => {
                    pressed.push(command);
                    false
                }
                _ => true,
            }
        });
        pressed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen = HashSet::new();
        for &command in Command::ALL {
            for s in command.shortcuts() {
                assert!(
                    seen.insert((
                        s.modifiers.command,
                        s.modifiers.shift,
                        s.modifiers.alt,
                        s.logical_key
                    )),
                    "{command:?} clashes on {s:?}"
                );
            }
        }
    }

    #[test]
    fn every_command_is_listed_once_with_a_label_and_tooltip() {
        let unique: HashSet<_> = Command::ALL.iter().collect();
        assert_eq!(unique.len(), Command::ALL.len());
        for &command in Command::ALL {
            assert!(!command.label().is_empty());
            assert!(!command.tooltip().is_empty());
        }
    }

    #[test]
    fn the_issue_shortcuts_are_bound() {
        let has =
            |c: Command, m: Modifiers, k: Key| c.shortcuts().contains(&KeyboardShortcut::new(m, k));
        assert!(has(Command::New, Modifiers::COMMAND, Key::N));
        assert!(has(Command::Open, Modifiers::COMMAND, Key::O));
        assert!(has(Command::Save, Modifiers::COMMAND, Key::S));
        assert!(has(Command::SaveAs, CTRL_SHIFT, Key::S));
        assert!(has(Command::Find, Modifiers::COMMAND, Key::F));
        assert!(has(Command::Undo, Modifiers::COMMAND, Key::Z));
        assert!(has(Command::Redo, CTRL_SHIFT, Key::Z));
        assert!(has(Command::Redo, Modifiers::COMMAND, Key::Y));
        assert!(has(Command::Palette, Modifiers::NONE, Key::F1));
        assert!(has(Command::Palette, Modifiers::COMMAND, Key::P));
        assert!(has(Command::NextProblem, Modifiers::NONE, Key::F8));
        assert!(has(Command::PreviousProblem, Modifiers::SHIFT, Key::F8));
    }

    #[test]
    fn shortcuts_match_their_modifiers_exactly() {
        assert_eq!(Command::for_key(Key::Z, CTRL_SHIFT), Some(Command::Redo));
        assert_eq!(
            Command::for_key(Key::Z, Modifiers::COMMAND),
            Some(Command::Undo)
        );
        assert_eq!(Command::for_key(Key::S, CTRL_SHIFT), Some(Command::SaveAs));
        assert_eq!(
            Command::for_key(Key::ArrowUp, Modifiers::ALT),
            Some(Command::MoveUp)
        );
        assert_eq!(
            Command::for_key(Key::ArrowUp, Modifiers::NONE),
            Some(Command::SelectPrevious)
        );
        assert_eq!(Command::for_key(Key::ArrowUp, Modifiers::SHIFT), None);
    }

    fn key_event(key: Key, modifiers: Modifiers) -> egui::Event {
        egui::Event::Key {
            key,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers,
        }
    }

    #[test]
    fn refused_presses_are_left_for_the_widgets() {
        let mut input = egui::InputState::default();
        input.events = vec![
            key_event(Key::ArrowUp, Modifiers::ALT),
            key_event(Key::S, Modifiers::COMMAND),
            egui::Event::Text("x".into()),
        ];
        let pressed = Command::take_pressed(&mut input, |c| c != Command::MoveUp);
        assert_eq!(pressed, vec![Command::Save]);
        assert_eq!(
            input.events,
            vec![
                key_event(Key::ArrowUp, Modifiers::ALT),
                egui::Event::Text("x".into())
            ]
        );
    }
}
