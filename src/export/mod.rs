//! Publication export: an accessible static HTML snapshot of a manual, with
//! an Amendments page and a document index (HTML and CSV).
//!
//! Exporters sit behind the small [`Renderer`] trait; they hand each file to
//! a [`Sink`] as soon as it is rendered (deterministically: same manual and
//! date, same bytes), and [`write::Staging`] swaps the finished folder into
//! place.

mod archive;
mod document_index;
pub mod docx;
mod escape;
mod feeds;
pub mod files;
pub mod glossary;
mod layout;
pub mod markdown;
mod markup;
mod pack;
mod pages;
pub mod review_calendar;
mod search_index;
mod site;
pub mod site_search;
mod sitemap;
pub mod style_report;
mod theme;
mod word_chapters;
mod word_pictures;
pub mod write;

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

pub use escape::{csv_field, html as escape_html, safe_url};
pub use pack::render_pack;
pub use pages::SECTION_WINDOW;
pub use write::{MARKER, MemorySink, OutputFile, Sink, Staging, WriteError};

use crate::model::Manual;

/// Random text for the tests that compare a reading made several bytes at
/// a time with one made a character at a time: `length` characters, each
/// chosen by `pick` from the next number of a small generator (xorshift),
/// the same every run.
#[cfg(test)]
pub(crate) fn random_text(
    seed: &mut u32,
    length: usize,
    mut pick: impl FnMut(u32) -> char,
) -> String {
    (0..length)
        .map(|_| {
            *seed ^= *seed << 13;
            *seed ^= *seed >> 17;
            *seed ^= *seed << 5;
            pick(*seed)
        })
        .collect()
}

/// The stylesheet, embedded so the program exports from any folder.
const STYLE_CSS: &str = include_str!("../../assets/export/style.css");

/// How one export is made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportOptions {
    /// The snapshot's date, `YYYY-MM-DD`, printed on every page.
    pub date: String,
    /// Where the site will be published, for canonical links.
    pub base_url: Option<String>,
    /// The manual's file, beside which its linked files live
    /// (`NAME.files/`); `None`: no files are copied or shown.
    pub files: Option<std::path::PathBuf>,
    /// A working copy, not a published version: every page says "Draft –
    /// not for use" (a banner and its title) and asks not to be indexed.
    pub draft: bool,
    /// What changed in each chapter since the version published before,
    /// word by word, shown on its page as "What changed in UPDATE".
    pub changes: Option<Changes>,
    /// Earlier versions of chapters, each written as a page of its own
    /// marked "Superseded on DATE" and linked from the chapter's page.
    pub archive: Option<Archive>,
    /// The council's own stylesheet (`theme.css` in this folder), added
    /// after ours.
    pub theme: Option<std::path::PathBuf>,
}

/// Each chapter's superseded versions, oldest first (those with a
/// `superseded_on` date; the version in force is the chapter's page).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Archive {
    pub by_chapter: std::collections::HashMap<
        crate::model::EntryId,
        Vec<crate::model::published::PublishedChapter>,
    >,
}

impl Archive {
    /// The superseded versions among `versions`.
    pub fn of(
        versions: std::collections::HashMap<
            crate::model::EntryId,
            Vec<crate::model::published::PublishedChapter>,
        >,
    ) -> Archive {
        let by_chapter = versions
            .into_iter()
            .filter_map(|(id, list)| {
                let earlier: Vec<_> = list
                    .into_iter()
                    .filter(|v| v.superseded_on.is_some())
                    .collect();
                (!earlier.is_empty()).then_some((id, earlier))
            })
            .collect();
        Archive { by_chapter }
    }
}

/// Each changed chapter's redline against the version published before,
/// and the update the changes belong to.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Changes {
    pub update: String,
    pub by_chapter:
        std::collections::HashMap<crate::model::EntryId, Vec<crate::model::redline::Piece>>,
}

impl Changes {
    /// The chapters of `now` whose title, scope or text differ from
    /// `before` (a chapter new since has everything put in).
    pub fn between(before: &Manual, now: &Manual, update: &str) -> Changes {
        use crate::model::template::comparable_text;
        let mut earlier = std::collections::HashMap::new();
        before.walk(|_, entry, _| {
            if entry.chapter_details().is_some() {
                earlier.insert(entry.id.clone(), comparable_text(entry));
            }
        });
        let mut by_chapter = std::collections::HashMap::new();
        now.walk(|_, entry, _| {
            if entry.chapter_details().is_none() {
                return;
            }
            let text = comparable_text(entry);
            let old = earlier.get(&entry.id).map_or("", String::as_str);
            if old != text {
                by_chapter.insert(entry.id.clone(), crate::model::redline::redline(old, &text));
            }
        });
        Changes {
            update: update.to_string(),
            by_chapter,
        }
    }
}

impl ExportOptions {
    /// A snapshot dated `date` (`YYYY-MM-DD`), published, without a base
    /// address, the manual's files, changes, earlier versions or a theme.
    pub fn dated(date: impl Into<String>) -> Self {
        ExportOptions {
            date: date.into(),
            base_url: None,
            files: None,
            draft: false,
            changes: None,
            archive: None,
            theme: None,
        }
    }

    /// Refuses a date that is not `YYYY-MM-DD` and a base URL that is not
    /// http or https, before anything is written.
    pub fn check(&self) -> Result<(), ExportError> {
        if !crate::model::is_iso_date(&self.date) || self.date.len() != 10 {
            return Err(ExportError::BadDate(self.date.clone()));
        }
        if let Some(base) = &self.base_url
            && let Some(why) = crate::model::base_url_problem(base)
        {
            return Err(ExportError::BadBaseUrl(base.clone(), why));
        }
        Ok(())
    }
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("the date '{0}' is not YYYY-MM-DD")]
    BadDate(String),
    #[error("the base URL '{0}' is refused: {1}")]
    BadBaseUrl(String, &'static str),
    #[error("the brand colour is refused: {0}")]
    BadColour(String),
    #[error("the theme is refused: {0}")]
    BadTheme(String),
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// The site's search index for `manual` (`search-index.js` and the files
/// under `search/`: each path and its contents), for benchmarks.
pub fn search_site_index(manual: &Manual) -> Vec<(String, String)> {
    search_index::index_files(&site::Site::new(manual))
}

/// A way of publishing a manual: mdBook's `Renderer`, in small.
pub trait Renderer {
    fn name(&self) -> &'static str;
    /// Renders every file of the output into `sink` as it is made, so that
    /// no more than a few pages are in memory at once; `progress` hears
    /// (done, total). Returns how many files were written.
    fn render(
        &self,
        manual: &Manual,
        options: &ExportOptions,
        sink: &dyn Sink,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<usize, WriteError>;
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
        sink: &dyn Sink,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<usize, WriteError> {
        let site = site::Site::new(manual);
        let mut linked = options
            .files
            .as_deref()
            .map(|file| files::SiteFiles::collect(manual, file))
            .unwrap_or_default();
        let copied = linked.write(sink)?;
        // The council's look: the brand colour's stylesheet, then its own.
        let mut looks: Vec<(String, String)> = Vec::new();
        if let Some(css) = manual
            .look
            .colour
            .as_deref()
            .and_then(|c| crate::model::look::brand_colour(c).ok())
            .map(|colour| theme::brand_css(&colour))
        {
            looks.push(("brand.css".into(), css));
        }
        if let Some(css) = options
            .theme
            .as_deref()
            .and_then(|dir| theme::stylesheet(dir).ok())
        {
            looks.push(("theme.css".into(), css));
        }
        let stylesheets: Vec<String> = looks.iter().map(|(path, _)| path.clone()).collect();
        let ctx = layout::PageContext {
            stylesheets: &stylesheets,
            logo: manual.look.logo.as_deref(),
            manual_title: &manual.title,
            date: &options.date,
            base_url: options.base_url.as_deref(),
            draft: options.draft,
            changes: options.changes.as_ref(),
            archive: options.archive.as_ref(),
            files: &linked,
            has_keywords: !manual.keywords.is_empty(),
            shells: layout::Shells::default(),
        };
        // The site's pages besides the chapters, as a table: what each is
        // called and what makes it. The count comes from the table.
        type MakePage = fn(&site::Site, &layout::PageContext) -> String;
        let mut site_pages: Vec<(&'static str, MakePage)> = vec![
            ("style.css", |_, ctx| {
                // Every printed page of a chapter says how old it is.
                format!(
                    "{STYLE_CSS}\n@media print {{\n  @page {{\n    @bottom-center {{\n      content: \
                     \"Published {}: printed copies go out of date, check the online manual.\";\n      \
                     font-size: 9pt;\n    }}\n  }}\n}}\n",
                    layout::long_date(ctx.date)
                )
            }),
            ("index.html", pages::contents),
            ("amendments.html", pages::amendments),
            ("document-index.html", document_index::document_index),
            ("document-index.csv", document_index::document_index_csv),
            ("accessibility.html", glossary::accessibility_page),
            ("search.html", |_, ctx| site_search::search_page(ctx)),
            ("search.js", |_, _| site_search::script().to_string()),
        ];
        if ctx.has_keywords {
            site_pages.push(("keywords.html", glossary::keywords_page));
        }
        let archived: usize = options.archive.as_ref().map_or(0, |archive| {
            site.chapters
                .iter()
                .filter_map(|&i| archive.by_chapter.get(&site.entries[i].entry.id))
                .map(Vec::len)
                .sum()
        });
        // The feed and each update's bulletin (register for updates), with
        // a base address the sitemap, and the site's own pages: made and
        // written on a thread of their own while the chapters render (made
        // first, they left a core idle).
        let side_pages = || -> Result<usize, WriteError> {
            let mut extra: Vec<(String, String)> = looks;
            let told = feeds::told(&site);
            let bulletins = feeds::bulletins(&site, &told, options.base_url.as_deref());
            let mut names: Vec<&str> = site_pages.iter().map(|(path, _)| *path).collect();
            names.extend(bulletins.iter().map(|(path, _)| path.as_str()));
            let sitemap = options
                .base_url
                .as_deref()
                .and_then(|base| sitemap::sitemap(&site, base, &options.date, &names));
            extra.push((
                "amendments.atom".into(),
                feeds::atom(&site, &told, options.base_url.as_deref(), &options.date),
            ));
            extra.extend(bulletins);
            extra.extend(sitemap.map(|map| ("sitemap.xml".to_string(), map)));
            for (path, make) in &site_pages {
                sink.put(path, make(&site, &ctx).as_bytes())?;
            }
            for (path, contents) in &extra {
                sink.put(path, contents.as_bytes())?;
            }
            Ok(site_pages.len() + extra.len())
        };
        // The index's files are counted once made: until then the total
        // counts the pages and chapters.
        let estimate = site_pages.len() + site.chapters.len() + archived;
        let (side, chapters) = std::thread::scope(|scope| {
            let side = scope.spawn(side_pages);
            let chapters = render_chapters(&site, &ctx, sink, &mut |done| progress(done, estimate));
            let side = side
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (side, chapters)
        });
        // The search index, from the chapters' text read as they rendered.
        let index = search_index::write_files(&site, chapters?, sink)?;
        let total = side? + index + site.chapters.len() + archived;
        // Superseded versions: few, and only with --archive.
        if archived > 0 {
            for &index in &site.chapters {
                for (path, page) in archive::pages(&site, &ctx, index) {
                    sink.put(&path, page.as_bytes())?;
                }
            }
        }
        progress(total, total);
        Ok(total + copied)
    }
}

/// Chapter pages a worker takes at a time (in the manual's order).
const PAGES_AT_A_TIME: usize = 64;

/// The most bytes of pages a worker holds before handing them to the
/// writer: long chapters go over in smaller batches, so memory holds a
/// few megabytes of pages whatever the chapters' size.
const BATCH_BYTES: usize = 512 * 1024;

/// Renders the chapter pages on every core and writes them from this
/// thread alone; returns what each worker read of their text for the
/// search index. Each worker takes the next page, renders it and hands it
/// over a short queue, so memory holds a few pages whatever the manual's
/// size. One writer, because threads creating files in one folder at once
/// wait on the folder's lock in the kernel (spinning, on two cores, for
/// longer than the writing takes). The first error stops the workers.
fn render_chapters(
    site: &site::Site,
    ctx: &layout::PageContext,
    sink: &dyn Sink,
    progress: &mut dyn FnMut(usize),
) -> Result<Vec<search_index::IndexReading>, WriteError> {
    let count = site.chapters.len();
    let threads = crate::model::on_every_core::cores().min(count.max(1));
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let (pages_tx, pages_rx) = mpsc::sync_channel::<Vec<(usize, String)>>(threads * 2);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                let (next, stop, pages_tx) = (&next, &stop, pages_tx.clone());
                scope.spawn(move || {
                    // Chapters are taken in the manual's order, so each
                    // word's chapters in the reading are in order too.
                    let mut worker = pages::ChapterWorker::default();
                    loop {
                        // Many pages at a time, handed over in batches of
                        // half a megabyte: each hand-over wakes the writer,
                        // and on two cores every wake-up and switch between
                        // threads costs (64 pages at a time took a twentieth
                        // less than 8).
                        let first = next.fetch_add(PAGES_AT_A_TIME, Ordering::Relaxed);
                        if first >= count || stop.load(Ordering::Relaxed) {
                            return worker.reading;
                        }
                        let mut batch = Vec::new();
                        let mut bytes = 0;
                        for position in first..(first + PAGES_AT_A_TIME).min(count) {
                            let page = pages::chapter(site, ctx, position, &mut worker);
                            bytes += page.len();
                            batch.push((position, page));
                            if bytes >= BATCH_BYTES {
                                bytes = 0;
                                if pages_tx.send(std::mem::take(&mut batch)).is_err() {
                                    return worker.reading;
                                }
                            }
                        }
                        if !batch.is_empty() && pages_tx.send(batch).is_err() {
                            return worker.reading;
                        }
                    }
                })
            })
            .collect();
        drop(pages_tx);
        // Ends when every worker has finished and dropped its sender.
        let mut done = 0;
        let mut written = Ok(());
        'writing: while let Ok(batch) = pages_rx.recv() {
            for (position, page) in batch {
                let name = &site.file_of[site.chapters[position]];
                if let Err(error) = sink.put(&["chapters/", name].concat(), page.as_bytes()) {
                    stop.store(true, Ordering::Relaxed);
                    written = Err(error);
                    break 'writing;
                }
                done += 1;
                if done % 64 == 0 {
                    progress(done);
                }
            }
        }
        // Workers still sending see the queue closed and stop.
        drop(pages_rx);
        let readings = workers
            .into_iter()
            .map(|worker| {
                worker
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect();
        written.map(|()| readings)
    })
}

/// Renders the whole site into memory, ordered by path: for tests and for
/// callers that want the bytes rather than a folder.
pub fn render_to_memory(
    renderer: &dyn Renderer,
    manual: &Manual,
    options: &ExportOptions,
) -> Result<Vec<OutputFile>, WriteError> {
    let sink = MemorySink::default();
    renderer.render(manual, options, &sink, &mut |_, _| {})?;
    Ok(sink.into_files())
}

/// Checks the options and the manual, renders the site and writes it to
/// `out`. `progress` hears (done, total) for rendering, then for writing.
pub fn export_html(
    manual: &Manual,
    options: &ExportOptions,
    out: &Path,
    progress: &mut dyn FnMut(&str, usize, usize),
) -> Result<usize, ExportError> {
    options.check()?;
    if let Some(colour) = &manual.look.colour {
        crate::model::look::brand_colour(colour).map_err(ExportError::BadColour)?;
    }
    if let Some(theme) = &options.theme {
        theme::stylesheet(theme).map_err(ExportError::BadTheme)?;
    }
    if let Some(manual_path) = &options.files {
        write::refuse_source_inside(out, manual_path)?;
    }
    let staging = write::Staging::begin(out)?;
    HtmlRenderer.render(manual, options, &staging, &mut |done, total| {
        progress("Writing pages", done, total)
    })?;
    Ok(staging.finish()?)
}
