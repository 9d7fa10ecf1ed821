//! The export of the HTML site from the window: prepared from the open
//! manual, written on a worker thread while the status bar shows its
//! progress, and its result shown when it ends.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use egui::Context;

use crate::app::dialogs::Dialog;
use crate::app::shell::state::{App, ExportJob};

impl App {
    /// Starts exporting a copy of the manual on a worker thread, so the
    /// window stays responsive and shows progress.
    pub(in crate::app) fn start_export(
        &mut self,
        out: PathBuf,
        date: String,
        choice: crate::document::ExportChoice,
    ) {
        let Some(doc) = &self.doc else { return };
        if self.export_job.is_some() {
            return;
        }
        let prepared = match doc.prepare_export(choice) {
            Ok(prepared) => prepared,
            Err(error) => {
                self.dialog = Some(Dialog::Error {
                    title: "Could not export".into(),
                    message: error.to_string(),
                });
                return;
            }
        };
        let crate::document::Prepared {
            chosen,
            changes,
            archive,
            notes,
        } = prepared;
        let manual = chosen.manual;
        let draft = chosen.draft;
        let manual_file = doc.path().map(Path::to_path_buf);
        let progress = Arc::new(Mutex::new(("Starting".to_string(), 0, 1)));
        let shared = Arc::clone(&progress);
        let target = out.clone();
        let handle = std::thread::spawn(move || {
            let options = crate::export::ExportOptions {
                date,
                base_url: None,
                files: manual_file,
                draft,
                changes,
                archive,
                theme: None,
            };
            crate::export::export_html(&manual, &options, &target, &mut |stage, done, total| {
                if let Ok(mut p) = shared.lock() {
                    *p = (stage.to_string(), done, total);
                }
            })
            .map_err(|e| e.to_string())
        });
        self.export_job = Some(ExportJob {
            out,
            progress,
            handle,
        });
        // Progress shows in the status bar, leaving the dialog slot free
        // for anything the user is asked meanwhile.
        self.dialog = None;
        if !notes.is_empty() {
            self.status = notes.join("; ");
        }
    }

    /// Watches a running export; when it has finished and no other
    /// question is open, shows the result.
    pub(in crate::app) fn poll_export(&mut self, ctx: &Context) {
        let Some(job) = &self.export_job else { return };
        if !job.handle.is_finished() || self.dialog.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
            return;
        }
        let Some(job) = self.export_job.take() else {
            return;
        };
        let result = job
            .handle
            .join()
            .unwrap_or_else(|_| Err("the export stopped unexpectedly".into()));
        self.dialog = Some(match result {
            Ok(files) => {
                self.status = format!("Exported {files} files to {}", job.out.display());
                Dialog::Exported {
                    out: job.out,
                    files,
                }
            }
            Err(message) => Dialog::Error {
                title: "The export failed".into(),
                message,
            },
        });
    }
}
