//! Text shown as tracked changes: what was taken out struck through in
//! red, what was put in underlined in green, as reviewers read a redline
//! in Word; the legend says so in words.

use egui::text::LayoutJob;
use egui::{Color32, RichText, Stroke, TextFormat, Ui};

use crate::app::actions::Action;
use crate::model::redline::{Mark, Piece};

/// The pieces as one wrapped text.
pub fn redline_ui(ui: &mut Ui, pieces: &[Piece]) {
    let dark = ui.visuals().dark_mode;
    let (removed, added) = if dark {
        (
            Color32::from_rgb(255, 140, 140),
            Color32::from_rgb(140, 220, 140),
        )
    } else {
        (Color32::from_rgb(170, 0, 0), Color32::from_rgb(0, 110, 0))
    };
    let font = egui::TextStyle::Body.resolve(ui.style());
    let plain = ui.visuals().text_color();
    let mut job = LayoutJob::default();
    for piece in pieces {
        let format = match piece.mark {
            Mark::Same => TextFormat::simple(font.clone(), plain),
            Mark::Removed => TextFormat {
                strikethrough: Stroke::new(1.0, removed),
                ..TextFormat::simple(font.clone(), removed)
            },
            Mark::Added => TextFormat {
                underline: Stroke::new(1.0, added),
                ..TextFormat::simple(font.clone(), added)
            },
        };
        job.append(&piece.text, 0.0, format);
    }
    job.wrap.max_width = ui.available_width();
    ui.label(job);
}

/// The Compare dialog: an entry (`here`: "here", or a version of it)
/// against another version (`against`: the template's text, a published
/// version).
pub fn compare_ui(
    ui: &mut Ui,
    title: &str,
    (here, against): (&str, &str),
    pieces: &[Piece],
    actions: &mut Vec<Action>,
) {
    ui.heading(format!("{title}: {here} against {against}"));
    ui.label(
        RichText::new(format!(
            "Struck through in red: words in {against} taken out. Underlined in green: \
             words put in ({here})."
        ))
        .small(),
    );
    if pieces.iter().all(|p| p.mark == Mark::Same) {
        ui.label("No difference in the title, scope or text.");
    }
    egui::ScrollArea::vertical()
        .max_height(420.0)
        .show(ui, |ui| redline_ui(ui, pieces));
    if ui.button("Close").clicked() {
        actions.push(Action::CloseDialog);
    }
}
