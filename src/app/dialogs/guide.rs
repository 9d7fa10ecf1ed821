//! Help > Getting started: the editor in a page, for a first run.

use egui::{RichText, Ui};

use crate::app::actions::{Action, Pending, Sample};

/// The guide's sections: a heading and its paragraphs.
const GUIDE: &[(&str, &[&str])] = &[
    (
        "Open a manual or a sample",
        &[
            "File > Open (Ctrl+O) opens a manual file (.ron); Open Sample opens one of the \
             three real manuals bundled with the editor, to try things on. File > New from \
             contents list… turns a contents page copied from a published manual into a new \
             manual.",
        ],
    ),
    (
        "Restructure by dragging",
        &[
            "The contents are on the left. Drag any part, section or chapter, with everything \
             under it, and drop it before, after or inside another: a line or frame shows where \
             it lands and the number it will get. Numbers follow at once and links never break.",
            "Without a pointer: Alt+Up/Down move among siblings, Alt+Left out of a section, \
             Alt+Right into the section above. Ctrl+Z undoes anything.",
        ],
    ),
    (
        "See also and links",
        &[
            "Select a chapter; in the editor, Add see also… (Ctrl+L) picks another chapter or \
             section from a searchable list, or an outside document. In the body, Ctrl+K (or \
             typing [[) links words to another chapter.",
        ],
    ),
    (
        "Badges and updates",
        &[
            "Edit > Start next update… opens an update (\"April 2025\"). Mark as updated… \
             records what changed in a chapter and shows Updated; chapters added meanwhile show \
             New. Edit > Amendments in this update… lists them all.",
        ],
    ),
    (
        "Export and publish",
        &[
            "File > Export HTML… writes an accessible site for publication: a contents page, a \
             page per chapter, the Amendments page and a document index. Induction packs for \
             trainers live in View > Packs.",
        ],
    ),
    (
        "Moving around",
        &[
            "F6 and Shift+F6 move keyboard focus between the contents, the editor and any open \
             panel; F1 lists every shortcut.",
        ],
    ),
];

pub fn guide_ui(ui: &mut Ui, actions: &mut Vec<Action>) {
    ui.heading("Getting started");
    egui::ScrollArea::vertical()
        .max_height(ui.ctx().content_rect().height() * 0.6)
        .show(ui, |ui| {
            for (heading, paragraphs) in GUIDE {
                ui.add_space(8.0);
                ui.label(RichText::new(*heading).strong());
                for paragraph in *paragraphs {
                    ui.label(*paragraph);
                }
            }
        });
    ui.add_space(10.0);
    ui.horizontal(|ui| {
        if ui.button("Try it on the Stockport sample").clicked() {
            actions.push(Action::CloseDialog);
            actions.push(Action::Guarded(Pending::OpenSample(Sample::Stockport)));
        }
        if ui.button("Close").clicked() {
            actions.push(Action::CloseDialog);
        }
    });
}
