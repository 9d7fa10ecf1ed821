//! The command line's grammar: every subcommand with its arguments and
//! their help, as clap reads them. What each does is in `mod.rs` and the
//! files beside it.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "manual-editor",
    version,
    about = "Edit, check and publish children's services procedures manuals",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// A manual (.ron) to open in the editor window. Without one, the
    /// window opens on its welcome page.
    pub file: Option<PathBuf>,
    /// Open a bundled sample manual in the window instead (not saved
    /// anywhere until Save As).
    #[arg(long, value_enum, conflicts_with = "file")]
    pub sample: Option<SampleName>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The bundled sample manuals, by the council they come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SampleName {
    Stockport,
    Wandsworth,
    Wigan,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a manual: exit 0 when clean, 1 with warnings that matter
    /// (dangling links, duplicate ids, disallowed URLs), 2 when unreadable.
    Check {
        /// The manual file (.ron).
        file: PathBuf,
        /// List the chapters whose review is overdue or due within three
        /// months instead; exit 1 when any is overdue.
        #[arg(long)]
        reviews: bool,
        /// Also list the files in the manual's NAME.files/ folder that no
        /// chapter links.
        #[arg(long)]
        files: bool,
        /// How to print the problems: lines of text, or one JSON object
        /// (file, chapters, errors, warnings, and each problem's severity,
        /// kind, entry id, place and message) for scripts.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
        /// Check as on this date, YYYY-MM-DD (default: today): the
        /// reviews overdue by then.
        #[arg(long)]
        on: Option<String>,
        /// Visit every outside link instead (see-also documents, links in
        /// chapter texts), 8 at a time: list the pages missing, failing,
        /// out of reach or moved (with their new address); exit 1 when any
        /// is broken. Results are kept beside the manual for a day
        /// (NAME.links-checked).
        #[arg(long)]
        links: bool,
        /// With --links: the longest wait for one page, in seconds.
        #[arg(long, default_value_t = 10.0, requires = "links")]
        timeout: f64,
        /// With --links: visit every link, whatever was kept today.
        #[arg(long, requires = "links")]
        fresh: bool,
        /// Check the chapters' words instead: long sentences, words to
        /// avoid, link text that says nothing, headings that skip a level,
        /// capitals, tables without a header row, picture descriptions
        /// that are file names, abbreviations not spelt out, and each
        /// chapter's reading age. Advice: the exit code is 0.
        #[arg(long, conflicts_with_all = ["links", "reviews"])]
        style: bool,
        /// With --style: also write a page for the manual's owner (chapters
        /// by reading age and by findings, each finding with its sentence).
        #[arg(long, requires = "style", value_name = "FILE.html")]
        report: Option<PathBuf>,
    },
    /// What changed between two versions of a manual, matched by id:
    /// entries added, removed, moved, renumbered, renamed and edited. Also a
    /// git diff driver: `git config diff.manual.command 'manual-editor
    /// diff'` with `*.ron diff=manual` in .gitattributes (git passes seven
    /// arguments; the old and new files are the second and fifth).
    Diff {
        /// OLD.ron NEW.ron, or git's seven diff-driver arguments.
        #[arg(num_args = 2..=7, required = true)]
        files: Vec<PathBuf>,
        /// Print the changes as draft amendment notes.
        #[arg(long)]
        amendments: bool,
    },
    /// Three-way merge of a manual by structure: moves and edits of
    /// different fields merge; what cannot merge is kept as ours and
    /// listed in the file's `conflicts` (exit 1). Also git's merge driver
    /// (`manual-editor merge %O %A %B -o %A`; see `git-setup`).
    Merge {
        /// The common ancestor.
        base: PathBuf,
        /// Our version (git's %A; the result replaces it unless -o).
        ours: PathBuf,
        /// Their version.
        theirs: PathBuf,
        /// Where to write the result (default: OURS).
        #[arg(short, long)]
        out: Option<PathBuf>,
    },
    /// Sets up a git repository (default: the current one) so that manuals
    /// diff and merge by structure: the .gitattributes lines and the git
    /// config entries for the diff and merge drivers.
    GitSetup {
        /// A folder inside the repository.
        repo: Option<PathBuf>,
    },
    /// Induction packs: make one, check it against its manual, export it.
    Pack {
        #[command(subcommand)]
        action: PackAction,
    },
    /// National and regional templates: start a local manual from one,
    /// see what is local, pull the template's next update.
    Template {
        #[command(subcommand)]
        action: TemplateAction,
    },
    /// Approve chapters changed or added in the open update, as the named
    /// person (a name, not a proof: the editor has no logins).
    Approve {
        /// The manual file (.ron); saved in place.
        file: PathBuf,
        /// The chapters' ids.
        #[arg(required = true)]
        ids: Vec<String>,
        /// Who approves them.
        #[arg(long)]
        by: String,
        /// In what role.
        #[arg(long, default_value = "")]
        role: String,
        #[arg(long, default_value = "")]
        comment: String,
        /// YYYY-MM-DD (default: today).
        #[arg(long)]
        date: Option<String>,
    },
    /// Every chapter's review date as an iCalendar file (one all-day event
    /// each, with its number, title and responsible manager) that Outlook
    /// and other calendars import.
    Reviews {
        /// The manual file (.ron).
        file: PathBuf,
        /// The calendar file to write (.ics).
        #[arg(long)]
        ics: PathBuf,
    },
    /// A consultation copy as a Word document: a cover, then each chapter
    /// chosen (a section brings its chapters; none: every chapter) with its
    /// number, title, scope, text and see-also, bookmarked so a copy that
    /// comes back can be matched.
    ExportDocx {
        /// The manual file (.ron).
        file: PathBuf,
        /// The document to write (.docx).
        #[arg(short, long)]
        out: PathBuf,
        /// The date on its cover, YYYY-MM-DD (default: today).
        #[arg(long)]
        date: Option<String>,
        /// The chapters or sections, by id.
        ids: Vec<String>,
    },
    /// Make a manual from one long Word document: Heading 1, 2 and 3 (or
    /// numbered headings) are its parts, sections and chapters, the text
    /// under each chapter its text; pictures go in OUT.files/.
    ImportDocx {
        /// The Word document (.docx).
        document: PathBuf,
        /// Where to write the manual (.ron).
        #[arg(short, long)]
        out: PathBuf,
        /// The manual's title, when the document has none in the Title style.
        #[arg(long)]
        title: Option<String>,
        /// The council, when neither the title nor the file name gives it.
        #[arg(long)]
        authority: Option<String>,
    },
    /// Read a consultation copy that came back (made by export-docx):
    /// each chapter's changes, tracked or not, as proposals, with the
    /// reviewers' comments. Lists them (--report, the default) or applies
    /// them all (--accept-all).
    ImportResponse {
        /// The manual file (.ron).
        manual: PathBuf,
        /// The returned copy (.docx).
        document: PathBuf,
        /// List the proposals without applying them (the default).
        #[arg(long, conflicts_with = "accept_all")]
        report: bool,
        /// Apply every proposal that can be placed, as one change, and save.
        #[arg(long)]
        accept_all: bool,
        /// text, or json for scripts.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// Published versions: list them, or show a chapter as published on a
    /// date.
    Versions {
        #[command(subcommand)]
        action: VersionsAction,
    },
    /// The manual's update cycles: list them, start the next one, see
    /// what is signed off, publish the open one.
    Update {
        #[command(subcommand)]
        action: UpdateAction,
    },
    /// Rewrite a manual file in canonical form, as `cargo fmt` does.
    Fmt {
        /// The manual file (.ron).
        file: PathBuf,
        /// Change nothing; exit 1 if the file is not in canonical form.
        #[arg(long)]
        check: bool,
    },
    /// Turn a contents list copied from a published manual into a manual file.
    Import {
        /// The contents list (plain text, markdown-ish, or a web page's text).
        contents: PathBuf,
        /// Where to write the manual (.ron).
        #[arg(short, long)]
        out: PathBuf,
        /// The manual's title, when the text does not name it.
        #[arg(long)]
        title: Option<String>,
        /// The council, when neither the title nor the file name gives it.
        #[arg(long)]
        authority: Option<String>,
        /// Write the whole report to this file (the terminal shows its
        /// first 50 lines).
        #[arg(long)]
        report: Option<PathBuf>,
    },
    /// Read a published Amendments page (an update such as "April 2024",
    /// then rows of chapter and details under "Updated chapters" / "New
    /// chapters") into the manual's update cycles, matching chapters by
    /// title. Exit 1 names the rows that match no chapter.
    ImportAmendments {
        /// The manual file (.ron), changed in place (a .bak is kept).
        manual: PathBuf,
        /// The Amendments page's text.
        page: PathBuf,
    },
    /// Fill chapters from their published pages (HTML saved from a browser,
    /// or copied text): scope, related chapters and guidance, notes,
    /// amendment notes and the body. Exit 1 names pages that match no
    /// chapter and lines not understood.
    ImportChapters {
        /// The manual file (.ron), changed in place (a .bak is kept).
        manual: PathBuf,
        /// The chapter pages.
        #[arg(required = true)]
        pages: Vec<PathBuf>,
        /// Overwrite a scope or body already written.
        #[arg(long)]
        replace: bool,
    },
    /// Export an accessible static HTML snapshot: contents, a page per
    /// chapter, Amendments, and a document index (HTML and CSV).
    Export {
        /// The manual file (.ron).
        file: PathBuf,
        /// The folder to write (new, empty, or an earlier export).
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        publish: PublishArgs,
        /// Export the working copy, marked "Draft – not for use" on every
        /// page, instead of the version last published while an update
        /// is open.
        #[arg(long)]
        draft: bool,
        /// Add "What changed in UPDATE" to each changed chapter's page:
        /// its words against the version published before.
        #[arg(long)]
        show_changes: bool,
        /// Add each earlier published version of a chapter as a page of
        /// its own, marked "Superseded on DATE", linked from the chapter.
        #[arg(long)]
        archive: bool,
        /// Also print the whole manual to this PDF (a cover, the contents,
        /// each part from a new page, every chapter, "Printed on DATE" on
        /// every page), through the Chromium on PATH.
        #[arg(long)]
        pdf: Option<PathBuf>,
        /// The council's own stylesheet: DIR/theme.css, added after ours.
        #[arg(long)]
        theme: Option<PathBuf>,
    },
}

/// The date and address a published copy carries.
#[derive(Debug, clap::Args)]
pub struct PublishArgs {
    /// The date printed on every page, YYYY-MM-DD (default: today).
    #[arg(long)]
    date: Option<String>,
    /// Where the manual is published: canonical links, and links to
    /// chapters outside a pack.
    #[arg(long)]
    base_url: Option<String>,
}

impl PublishArgs {
    /// The export options, checked (a bad date or address is refused).
    pub(super) fn options(self) -> anyhow::Result<crate::export::ExportOptions> {
        let options = crate::export::ExportOptions {
            date: self.date.unwrap_or_else(crate::model::date::today_iso),
            base_url: self.base_url,
            files: None,
            draft: false,
            changes: None,
            archive: None,
            theme: None,
        };
        options.check()?;
        Ok(options)
    }
}

#[derive(Debug, Subcommand)]
pub enum PackAction {
    /// Make a pack of the given chapters (a section brings its chapters),
    /// in the given order.
    New {
        /// The manual the pack draws from (.ron).
        manual: PathBuf,
        /// The pack's title, e.g. "Week 1: Safeguarding".
        #[arg(long)]
        title: String,
        /// Who it is for.
        #[arg(long, default_value = "")]
        audience: String,
        /// Where to write the pack (NAME.pack.ron).
        #[arg(short, long)]
        out: PathBuf,
        /// Chapter or section ids, in the pack's order.
        #[arg(required = true)]
        ids: Vec<String>,
    },
    /// Check a pack against its manual: exit 1 naming every missing
    /// chapter and every chapter updated since it was added.
    Check {
        /// The pack file.
        pack: PathBuf,
    },
    /// Export a pack as one printable HTML file.
    Export {
        /// The pack file.
        pack: PathBuf,
        /// The HTML file to write.
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        publish: PublishArgs,
        /// Also print it to this PDF file, through a Chromium on PATH
        /// (chromium, chromium-browser or google-chrome).
        #[arg(long)]
        pdf: Option<PathBuf>,
        /// Also write the pack's chapters as a Word consultation copy.
        #[arg(long)]
        docx: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum TemplateAction {
    /// Start a local manual from a template; the template version is kept
    /// beside it (NAME.template/) for later pulls.
    New {
        /// The template manual (.ron).
        template: PathBuf,
        /// Where to write the local manual (.ron); never replaced.
        #[arg(short, long)]
        out: PathBuf,
        /// The council whose manual this is.
        #[arg(long)]
        authority: String,
        /// The local manual's title (default: the template's).
        #[arg(long)]
        title: Option<String>,
    },
    /// List what is local: template chapters changed here, the council's
    /// own, template chapters removed here; and whether the template file
    /// holds a newer update.
    Status {
        /// The local manual (.ron).
        file: PathBuf,
    },
    /// Pull a new version of the template into the local manual: exit 0
    /// clean, 1 with conflicts to resolve, 2 refused (nothing written).
    Pull {
        /// The local manual (.ron); saved in place.
        file: PathBuf,
        /// The new version of the template (.ron).
        template: PathBuf,
        /// When the kept template version is missing: count the manual as
        /// it is as based on this template version (no merge).
        #[arg(long)]
        rebase: bool,
    },
}

/// How `check` prints what it found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum VersionsAction {
    /// Each published version kept beside the manual: update, date, file.
    List {
        /// The manual file (.ron).
        file: PathBuf,
    },
    /// A chapter as it was published on a date (the version in force
    /// then), as Markdown.
    Show {
        /// The manual file (.ron).
        file: PathBuf,
        /// YYYY-MM-DD.
        #[arg(long)]
        at: String,
        /// The chapter's id.
        id: String,
        /// Print the chapter as an HTML fragment instead of Markdown.
        #[arg(long)]
        html: bool,
    },
    /// A chapter's history: each version published (update, date, note,
    /// who approved it, when superseded) and, when the manual is in a git
    /// repository, the commits that changed it.
    History {
        /// The manual file (.ron).
        file: PathBuf,
        /// The chapter's id.
        id: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum UpdateAction {
    /// Each chapter changed in the open update with its sign-off.
    SignOff {
        /// The manual file (.ron).
        file: PathBuf,
    },
    /// Publish the open update: refused while changes are unapproved
    /// unless a reason is given; keeps a copy as published in
    /// NAME.versions/.
    Publish {
        /// The manual file (.ron); saved in place.
        file: PathBuf,
        /// The publication date, YYYY-MM-DD (default: today).
        #[arg(long)]
        date: Option<String>,
        /// Publish without every change approved, for this reason
        /// (recorded with the update).
        #[arg(long)]
        without_sign_off: Option<String>,
    },
    /// List the updates, oldest first, with the chapters each changed.
    List {
        /// The manual file (.ron).
        file: PathBuf,
    },
    /// Publish the current update and open the next (badges clear).
    Start {
        /// The manual file (.ron); it is saved in place.
        file: PathBuf,
        /// How readers will know the update, e.g. "April 2025".
        #[arg(long)]
        label: String,
        /// Its date, YYYY-MM or YYYY-MM-DD (default: this month).
        #[arg(long)]
        date: Option<String>,
    },
    /// Rename an update and set its date, everywhere it is named (its
    /// amendment notes, the chapters it added and removed): an imported
    /// "As published" gets the list's real name.
    Rename {
        /// The manual file (.ron); it is saved in place.
        file: PathBuf,
        /// The update's label now.
        old: String,
        /// Its new label.
        new: String,
        /// Its date, YYYY-MM or YYYY-MM-DD (default: the date it has).
        #[arg(long)]
        date: Option<String>,
    },
}
