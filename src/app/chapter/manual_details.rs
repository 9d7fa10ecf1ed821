//! The manual's own details, shown when no entry is selected: its title,
//! authority, accessibility contact, the published site's logo and brand
//! colour (a colour too light for text on white is refused, with its
//! contrast ratio), and its notes.

use egui::Ui;

use super::editor::{EditorState, notes_ui, single_line};
use crate::app::actions::Action;
use crate::document::Document;
use crate::edit::Edit;
use crate::model::EntryId;

/// The manual's details being typed, with the revision they were taken at.
#[derive(Debug, Clone, Default)]
pub struct ManualDraft {
    pub revision: u64,
    pub title: String,
    pub authority: String,
    pub notes: Vec<String>,
    pub contact: String,
    pub logo: String,
    pub colour: String,
}

pub(super) fn manual_details_ui(
    ui: &mut Ui,
    doc: &Document,
    state: &mut EditorState,
    actions: &mut Vec<Action>,
) {
    let revision = doc.revision();
    if state
        .manual_draft
        .as_ref()
        .is_none_or(|d| d.revision != revision)
    {
        let manual = &doc.manual();
        state.manual_draft = Some(ManualDraft {
            revision,
            title: manual.title.clone(),
            authority: manual.authority.clone(),
            notes: manual.notes.clone(),
            contact: manual.contact.clone(),
            logo: manual.look.logo.clone().unwrap_or_default(),
            colour: manual.look.colour.clone().unwrap_or_default(),
        });
    }
    let Some(ManualDraft {
        title,
        authority,
        notes,
        contact,
        logo,
        colour,
        ..
    }) = state.manual_draft.as_mut()
    else {
        return;
    };
    ui.heading("Manual details");
    ui.label("Select an entry in the contents to edit it; these are the manual's own details.");
    ui.add_space(6.0);
    let mut change: Option<&'static str> = None;
    egui::Grid::new("manual_fields")
        .num_columns(2)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            if single_line(
                ui,
                "Manual title",
                title,
                "e.g. Stockport Children's Services Procedures Manual",
            ) {
                change = Some("manual_title");
            }
            if single_line(ui, "Authority", authority, "The council, e.g. Stockport") {
                change = Some("manual_authority");
            }
            if single_line(
                ui,
                "Accessibility contact",
                contact,
                "Where readers report a problem, e.g. procedures@stockport.gov.uk",
            ) {
                change = Some("manual_contact");
            }
            if single_line(
                ui,
                "Logo",
                logo,
                "A picture in the manual's files, e.g. stockport.files/logo.png",
            ) {
                change = Some("manual_look");
            }
            if single_line(ui, "Brand colour", colour, "e.g. #1d4f91") {
                change = Some("manual_look");
            }
        });
    // The colour is taken only when text in it reads on white.
    let colour_problem = (!colour.trim().is_empty())
        .then(|| crate::model::look::brand_colour(colour).err())
        .flatten();
    if let Some(problem) = &colour_problem {
        ui.colored_label(
            ui.visuals().error_fg_color,
            format!("Brand colour not taken: {problem}"),
        );
    }
    ui.add_space(8.0);
    if notes_ui(ui, notes) {
        change = Some("manual_notes");
    }
    ui.add_space(8.0);
    let outline = doc.outline();
    use crate::model::counted;
    let errors = outline.serious_warning_count();
    ui.label(format!(
        "{} in {}; {}.",
        counted(outline.chapter_count, "chapter", "chapters"),
        counted(doc.manual().entries.len(), "part", "parts"),
        crate::document::problems::summary_of(errors, outline.warnings.len() - errors)
    ));
    let manual = &doc.manual();
    let look = crate::model::look::Look {
        logo: (!logo.trim().is_empty()).then(|| logo.trim().to_string()),
        colour: (!colour.trim().is_empty())
            .then(|| crate::model::look::brand_colour(colour).ok())
            .flatten(),
    };
    if change == Some("manual_look") {
        if colour_problem.is_none() && look != manual.look {
            actions.push(Action::Edit {
                edits: vec![Edit::SetLook { look }],
                group: Some((EntryId::new(""), "manual_look")),
            });
        }
    } else if change == Some("manual_contact") && *contact != manual.contact {
        actions.push(Action::Edit {
            edits: vec![Edit::SetContact {
                contact: contact.clone(),
            }],
            group: Some((EntryId::new(""), "manual_contact")),
        });
    } else if let Some(field) = change
        && (*title != manual.title || *authority != manual.authority || *notes != manual.notes)
    {
        actions.push(Action::Edit {
            edits: vec![Edit::UpdateManual {
                title: title.clone(),
                authority: authority.clone(),
                notes: notes.clone(),
            }],
            group: Some((EntryId::new(""), field)),
        });
    }
}
