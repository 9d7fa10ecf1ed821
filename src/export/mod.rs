//! Publication export: an accessible static HTML snapshot of a manual, with
//! an Amendments page and a document index (HTML and CSV).
//!
//! Exporters sit behind the small [`Renderer`] trait; they build every file
//! in memory, deterministically (same manual and date, same bytes), and
//! [`write::write_site`] swaps the result into place.

mod escape;
mod layout;
mod markdown;
mod pages;
mod site;
pub mod write;

use std::path::Path;

pub use escape::{csv_field, html as escape_html, safe_url};
pub use write::{MARKER, OutputFile, WriteError};

use crate::model::Manual;

/// The stylesheet, embedded so the program exports from any folder.
const STYLE_CSS: &str = include_str!("../../assets/export/style.css");

/// How one export is made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportOptions {
    /// The snapshot's date, `YYYY-MM-DD`, printed on every page.
    pub date: String,
    /// Where the site will be published, for canonical links.
    pub base_url: Option<String>,
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("the date '{0}' is not YYYY-MM-DD")]
    BadDate(String),
    #[error("the base URL '{0}' is not an http or https address")]
    BadBaseUrl(String),
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// A way of publishing a manual: mdBook's `Renderer`, in small.
pub trait Renderer {
    fn name(&self) -> &'static str;
    /// Every file of the output, in a fixed order.
    fn render(
        &self,
        manual: &Manual,
        options: &ExportOptions,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Vec<OutputFile>;
}

/// The static HTML site.
pub struct HtmlRenderer;

impl Renderer for HtmlRenderer {
    fn name(&self) -> &'static str {
        "html"
    }

    fn render(
        &self,
        manual: &Manual,
        options: &ExportOptions,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Vec<OutputFile> {
        let site = site::Site::new(manual);
        let ctx = layout::PageContext {
            manual_title: &manual.title,
            date: &options.date,
            base_url: options.base_url.as_deref(),
        };
        let file = |path: String, text: String| OutputFile {
            path,
            bytes: text.into_bytes(),
        };
        let total = site.chapters.len() + 4;
        let mut files = Vec::with_capacity(total + 1);
        files.push(file("style.css".into(), STYLE_CSS.to_string()));
        files.push(file("index.html".into(), pages::contents(&site, &ctx)));
        // Chapter pages are independent: render them on every core, in
        // chunks whose results are joined back in order (same bytes).
        let count = site.chapters.len();
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 8);
        let chunk = count.div_ceil(threads).max(1);
        let done = std::sync::atomic::AtomicUsize::new(0);
        let rendered: Vec<Vec<OutputFile>> = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..count)
                .step_by(chunk)
                .map(|start| {
                    let (site, ctx, done) = (&site, &ctx, &done);
                    scope.spawn(move || {
                        (start..(start + chunk).min(count))
                            .map(|position| {
                                let name = &site.file_of[&site.chapters[position]];
                                done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                                file(
                                    format!("chapters/{name}"),
                                    pages::chapter(site, ctx, position),
                                )
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            while workers.iter().any(|w| !w.is_finished()) {
                progress(done.load(std::sync::atomic::Ordering::Relaxed), total);
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            workers
                .into_iter()
                .map(|w| {
                    w.join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .collect()
        });
        files.extend(rendered.into_iter().flatten());
        files.push(file(
            "amendments.html".into(),
            pages::amendments(&site, &ctx),
        ));
        files.push(file(
            "document-index.html".into(),
            pages::document_index(&site, &ctx),
        ));
        files.push(file(
            "document-index.csv".into(),
            pages::document_index_csv(&site, &ctx),
        ));
        progress(total, total);
        files
    }
}

/// Checks the options and the manual, renders the site and writes it to
/// `out`. `progress` hears (done, total) for rendering, then for writing.
pub fn export_html(
    manual: &Manual,
    options: &ExportOptions,
    out: &Path,
    progress: &mut dyn FnMut(&str, usize, usize),
) -> Result<usize, ExportError> {
    if !crate::model::is_iso_date(&options.date) || options.date.len() != 10 {
        return Err(ExportError::BadDate(options.date.clone()));
    }
    if let Some(base) = &options.base_url
        && !(base.starts_with("https://") || base.starts_with("http://"))
    {
        return Err(ExportError::BadBaseUrl(base.clone()));
    }
    let files = HtmlRenderer.render(manual, options, &mut |done, total| {
        progress("Rendering pages", done, total)
    });
    write::write_site(out, &files, |done, total| {
        progress("Writing files", done, total)
    })?;
    Ok(files.len())
}
