//! The window's frame around the tree and the editor: the menu bar, the
//! status bar, and the screen shown when no manual is open.

use crate::app::actions::{Action, Pending, Sample};
use crate::app::commands::Command;
use crate::app::settings::ThemeChoice;
use crate::app::shell::state::App;
use crate::app::widgets::command_button;
use crate::model::counted;

impl App {
    pub(in crate::app) fn menu_bar_ui(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            let file = ui.menu_button("File", |ui| {
                self.command_button(ui, Command::New);
                self.command_button(ui, Command::NewFromContents);
                self.command_button(ui, Command::NewFromWord);
                self.command_button(ui, Command::NewLocal);
                self.command_button(ui, Command::Open);
                ui.menu_button("Open Recent", |ui| {
                    if self.settings.recent.is_empty() {
                        ui.label("No recent files");
                    }
                    for path in self.settings.recent.clone() {
                        if ui.button(path.display().to_string()).clicked() {
                            self.actions.push(Action::Guarded(Pending::Open(path)));
                        }
                    }
                });
                ui.menu_button("Open Sample", |ui| {
                    for sample in Sample::ALL {
                        if ui.button(sample.name()).clicked() {
                            self.actions
                                .push(Action::Guarded(Pending::OpenSample(sample)));
                        }
                    }
                });
                ui.separator();
                self.command_button(ui, Command::Save);
                self.command_button(ui, Command::SaveAs);
                self.command_button(ui, Command::ExportHtml);
                self.command_button(ui, Command::ExportPack);
                self.command_button(ui, Command::ExportConsultation);
                self.command_button(ui, Command::ImportAmendments);
                self.command_button(ui, Command::ImportChapters);
                self.command_button(ui, Command::ImportResponse);
                self.command_button(ui, Command::PullTemplate);
                self.command_button(ui, Command::Close);
                ui.separator();
                self.command_button(ui, Command::Quit);
            });
            if std::mem::take(&mut self.focus_menu) {
                file.response.request_focus();
            }
            ui.menu_button("Edit", |ui| {
                self.command_button(ui, Command::Undo);
                self.command_button(ui, Command::Redo);
                ui.separator();
                self.command_button(ui, Command::AddSeeAlso);
                self.command_button(ui, Command::AddToPack);
                self.command_button(ui, Command::MarkUpdated);
                self.command_button(ui, Command::StartUpdate);
                self.command_button(ui, Command::EditUpdates);
                self.command_button(ui, Command::Approve);
                self.command_button(ui, Command::ShowSignOff);
                self.command_button(ui, Command::PublishUpdate);
                self.command_button(ui, Command::ShowAmendments);
                self.command_button(ui, Command::ShowReviews);
                self.command_button(ui, Command::ShowKeywords);
                self.command_button(ui, Command::ShowHistory);
                self.command_button(ui, Command::ManualDetails);
                ui.separator();
                for command in [
                    Command::AddChapterAfter,
                    Command::AddSectionAfter,
                    Command::AddInside,
                    Command::Duplicate,
                    Command::ToggleNumbered,
                ] {
                    self.command_button(ui, command);
                }
                ui.separator();
                for command in [
                    Command::MoveUp,
                    Command::MoveDown,
                    Command::MoveOut,
                    Command::MoveIn,
                    Command::Delete,
                ] {
                    self.command_button(ui, command);
                }
            });
            ui.menu_button("View", |ui| {
                self.command_button(ui, Command::Find);
                self.command_button(ui, Command::FindReplace);
                self.command_button(ui, Command::ShowProblems);
                self.command_button(ui, Command::CheckLinks);
                self.command_button(ui, Command::ExpandAll);
                self.command_button(ui, Command::CollapseAll);
                let mut shown = self.settings.show_packs;
                let packs = ui
                    .add_enabled(
                        self.is_enabled(Command::ShowPacks),
                        egui::Checkbox::new(&mut shown, Command::ShowPacks.label()),
                    )
                    .on_hover_text(Command::ShowPacks.tooltip());
                if packs.clicked() {
                    self.actions.push(Action::Run(Command::ShowPacks));
                }
                ui.separator();
                ui.label("Theme");
                for theme in ThemeChoice::ALL {
                    if ui
                        .radio(self.settings.theme == theme, theme.label())
                        .clicked()
                    {
                        self.actions.push(Action::SetTheme(theme));
                    }
                }
            });
            ui.menu_button("Help", |ui| {
                self.command_button(ui, Command::Palette);
                self.command_button(ui, Command::GettingStarted);
                self.command_button(ui, Command::Help);
            });
        });
    }

    pub(in crate::app) fn command_button(&mut self, ui: &mut egui::Ui, command: Command) {
        let is_enabled = self.is_enabled(command);
        command_button::command_button(ui, command, is_enabled, &mut self.actions);
    }

    pub(in crate::app) fn status_bar_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let Some(doc) = &self.doc else {
                ui.label("No manual open");
                return;
            };
            let path = doc.path().map_or_else(
                || "Not saved to a file yet".to_string(),
                |p| p.display().to_string(),
            );
            ui.label(path);
            ui.separator();
            if doc.is_read_only() {
                ui.colored_label(ui.visuals().warn_fg_color, "Read-only")
                    .on_hover_text(
                        "Someone else has this manual open. Save As… keeps a copy you can change.",
                    );
                ui.separator();
            }
            // A manual never saved to a file and unchanged (a sample, a new
            // one) is neither "Saved" nor unsaved: nothing is said.
            let saved = match (doc.is_dirty(), doc.path().is_some()) {
                (true, _) => Some("Unsaved changes"),
                (false, true) => Some("Saved"),
                (false, false) => None,
            };
            if let Some(saved) = saved {
                ui.label(saved);
                ui.separator();
            }
            ui.label(counted(doc.outline().chapter_count, "chapter", "chapters"));
            ui.separator();
            // The Problems list's own count (worked out once per edit).
            let summary = crate::document::problems::summary(self.problems.all(doc, self.now));
            // Files on disk are looked at again once edits pause.
            if self.problems.disk_due(doc) {
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_secs_f64(
                        crate::app::panels::problems::DISK_EVERY,
                    ));
            }
            if ui
                .link(summary)
                .on_hover_text("Open the Problems list (View > Problems)")
                .clicked()
            {
                self.actions.push(Action::Run(Command::ShowProblems));
            }
            ui.separator();
            ui.label(self.spelling.status());
            if let Some(job) = &self.export_job {
                ui.separator();
                export_progress_ui(ui, job);
            }
            if let Some(job) = &self.link_job {
                ui.separator();
                if job.progress_ui(ui) {
                    self.actions.push(Action::StopLinkCheck);
                }
            }
            if !self.status.is_empty() {
                ui.separator();
                ui.label(&self.status);
            }
        });
    }

    /// The bar that stays while the file changed on disk under unsaved
    /// changes.
    pub(in crate::app) fn disk_changed_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                "The file was changed on disk by someone else since you opened it. Your unsaved \
                 changes are still here; saving will ask before replacing theirs.",
            );
            if ui.button("Reload (lose my changes)").clicked() {
                self.actions.push(Action::ReloadFromDisk);
            }
            if ui.button("Keep mine").clicked() {
                self.actions.push(Action::KeepMine);
            }
        });
    }

    /// The welcome page, when no manual is open (as the window starts
    /// without a file): open or start one, open a sample to try things
    /// on, or pick a recent file.
    pub(in crate::app) fn welcome_ui(&mut self, ui: &mut egui::Ui) {
        ui.vertical_centered(|ui| {
            ui.add_space(48.0);
            ui.heading("Welcome to manual-editor");
            ui.label("Open your council's manual, or start one.");
            ui.add_space(12.0);
            for command in [
                Command::Open,
                Command::New,
                Command::NewFromContents,
                Command::NewFromWord,
                Command::NewLocal,
            ] {
                if ui
                    .button(command.label())
                    .on_hover_text(command.tooltip())
                    .clicked()
                {
                    self.actions.push(Action::Run(command));
                }
            }
            ui.add_space(12.0);
            ui.strong("Recent manuals");
            if self.settings.recent.is_empty() {
                ui.label("None yet: the manuals you open are listed here.");
            }
            for path in self.settings.recent.clone() {
                if ui
                    .link(path.display().to_string())
                    .on_hover_text("Open this manual")
                    .clicked()
                {
                    self.actions.push(Action::Guarded(Pending::Open(path)));
                }
            }
            ui.add_space(12.0);
            ui.strong("Try it out");
            ui.label("A sample opens without a file: Save As keeps a copy of it.");
            for sample in Sample::ALL {
                if ui
                    .button(format!("Open the {} sample", sample.name()))
                    .clicked()
                {
                    self.actions
                        .push(Action::Guarded(Pending::OpenSample(sample)));
                }
            }
            ui.add_space(12.0);
            if ui.button("Getting started").clicked() {
                self.actions.push(Action::Run(Command::GettingStarted));
            }
        });
    }
}

/// A running export in the status bar: its stage and a progress bar.
fn export_progress_ui(ui: &mut egui::Ui, job: &crate::app::shell::state::ExportJob) {
    let (stage, done, total) = job
        .progress
        .lock()
        .map(|p| (p.0.clone(), p.1, p.2))
        .unwrap_or_else(|_| ("Exporting".into(), 0, 1));
    let fraction = if total == 0 {
        0.0
    } else {
        done as f32 / total as f32
    };
    let text = if job.handle.is_finished() {
        "Export finished".to_string()
    } else {
        format!("Exporting: {stage}")
    };
    ui.label(text);
    ui.add(
        egui::ProgressBar::new(fraction)
            .desired_width(140.0)
            .show_percentage(),
    );
}
