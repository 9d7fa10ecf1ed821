//! Tools > Check outside links from the window: the manual's web links
//! visited on a worker thread while the status bar counts them (with a
//! Stop button), the results kept beside the manual and listed under
//! Problems > Links, where each can be opened, re-picked or moved to its
//! new address.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use egui::Context;

use crate::app::shell::state::App;
use crate::document::link_check::{LinkResults, offline_hint, summary};
use crate::document::problems::ProblemKind;
use crate::store::link_check::{CheckOptions, CheckRun, KeptResults, check_urls, now_seconds};

/// A check under way: its progress and its stop switch, shared with the
/// worker thread.
pub(in crate::app) struct LinkJob {
    progress: Arc<Mutex<(usize, usize)>>,
    stop: Arc<AtomicBool>,
    handle: JoinHandle<(CheckRun, KeptResults)>,
    /// The manual's file when the check started, to keep the results by.
    path: Option<std::path::PathBuf>,
}

impl LinkJob {
    /// "Checking outside links: 12 of 57" and Stop; true when Stop is
    /// clicked.
    pub(in crate::app) fn progress_ui(&self, ui: &mut egui::Ui) -> bool {
        let (done, total) = self.progress.lock().map_or((0, 0), |p| *p);
        let fraction = if total == 0 {
            0.0
        } else {
            done as f32 / total as f32
        };
        ui.add(
            egui::ProgressBar::new(fraction)
                .desired_width(120.0)
                .text(format!("Checking outside links: {done} of {total}")),
        );
        let stopping = self.stop.load(Ordering::Relaxed);
        ui.add_enabled(!stopping, egui::Button::new("Stop"))
            .on_hover_text("Stop visiting links (the ones visited so far are listed)")
            .clicked()
    }
}

impl App {
    /// Starts visiting the open manual's outside links on a worker thread.
    pub(in crate::app) fn start_link_check(&mut self) {
        let Some(doc) = &self.doc else { return };
        if self.link_job.is_some() {
            return;
        }
        let urls: Vec<String> = crate::model::outside_links::outside_links(doc.manual())
            .into_iter()
            .map(|l| l.url)
            .collect();
        if urls.is_empty() {
            self.status = "The manual has no outside links (web addresses) to check.".into();
            return;
        }
        let path = doc.path().map(std::path::Path::to_path_buf);
        let mut kept = path
            .as_deref()
            .map_or_else(KeptResults::default, crate::store::link_check::read_kept);
        let progress = Arc::new(Mutex::new((0, urls.len())));
        let stop = Arc::new(AtomicBool::new(false));
        let (shared, stopping) = (Arc::clone(&progress), Arc::clone(&stop));
        let handle = std::thread::spawn(move || {
            let run = check_urls(
                &urls,
                &mut kept,
                &CheckOptions::default(),
                now_seconds(),
                &stopping,
                &mut |done, total| {
                    if let Ok(mut p) = shared.lock() {
                        *p = (done, total);
                    }
                },
            );
            (run, kept)
        });
        self.link_job = Some(LinkJob {
            progress,
            stop,
            handle,
            path,
        });
        self.status.clear();
    }

    /// Asks the check under way to stop after the visits in flight.
    pub(in crate::app) fn stop_link_check(&mut self) {
        if let Some(job) = &self.link_job {
            job.stop.store(true, Ordering::Relaxed);
        }
    }

    /// Watches a running check; when it ends, keeps its results, lists
    /// its problems under Problems > Links and says how it went.
    pub(in crate::app) fn poll_link_check(&mut self, ctx: &Context) {
        let Some(job) = &self.link_job else { return };
        if !job.handle.is_finished() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
            return;
        }
        let Some(job) = self.link_job.take() else {
            return;
        };
        let Ok((run, kept)) = job.handle.join() else {
            self.status = "The link check stopped unexpectedly".into();
            return;
        };
        let mut said = summary(&run);
        if let Some(path) = &job.path
            && let Err(error) = crate::store::link_check::write_kept(path, &kept)
        {
            said.push_str(&format!(" (the results could not be kept: {error})"));
        }
        if let Some(hint) = offline_hint(&run) {
            said = format!("{said}. {hint}");
        }
        self.status = said;
        self.problems.set_links(LinkResults::from(&run));
        self.problems.open = true;
        self.problems.kind = Some(ProblemKind::Links);
        ctx.request_repaint();
    }

    /// A new manual was opened: a check of the last one is dropped (its
    /// worker ends by itself), and what was found for this one earlier
    /// today is shown.
    pub(in crate::app) fn forget_link_check(&mut self) {
        if let Some(job) = self.link_job.take() {
            job.stop.store(true, Ordering::Relaxed);
        }
        let kept = self
            .doc
            .as_ref()
            .and_then(|doc| doc.path())
            .map(|path| LinkResults::kept(path, now_seconds()))
            .unwrap_or_default();
        self.problems.set_links(kept);
    }

    /// "Use the new address": one undo step for every entry that links to
    /// `old`.
    pub(in crate::app) fn use_new_address(&mut self, old: &str, new: &str) {
        let now = self.now;
        let Some(doc) = &mut self.doc else { return };
        match doc.replace_address(old, new, now) {
            Ok(0) => self.status = format!("Nothing links to {old} any more"),
            Ok(count) => {
                self.status = format!(
                    "{new} is now used in {}",
                    crate::model::counted(count, "entry", "entries")
                );
                self.problems.reread_disk();
            }
            Err(error) => self.status = format!("Could not change the address: {error}"),
        }
    }
}
