//! Every problem of a manual in one list, as the Problems panel and
//! `check` (text or JSON) show it: validation warnings, linked files that
//! are missing or refused, published copies missing or edited, and reviews
//! overdue; each with its severity, its kind (to filter by) and the entry
//! it concerns, named by number and title, in the manual's order.

use std::path::Path;

use serde::Serialize;

use crate::model::{EntryId, Manual, Warning, WarningKind};

/// Errors break the published manual (`check` exits 1); warnings are
/// worth fixing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    /// Plain English advice: worth reading, never counted as a warning.
    Advice,
}

impl Severity {
    /// How `check` prints it: "error", "warning", "advice".
    pub fn word(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Advice => "advice",
        }
    }
}

/// What a problem is about, to filter the list by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProblemKind {
    Style,
    Links,
    Files,
    AmendmentNotes,
    Reviews,
    Conflicts,
    PublishedCopies,
    Other,
}

impl ProblemKind {
    pub const ALL: [ProblemKind; 8] = [
        ProblemKind::Style,
        ProblemKind::Links,
        ProblemKind::Files,
        ProblemKind::AmendmentNotes,
        ProblemKind::Reviews,
        ProblemKind::Conflicts,
        ProblemKind::PublishedCopies,
        ProblemKind::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ProblemKind::Style => "Plain English",
            ProblemKind::Links => "Links",
            ProblemKind::Files => "Files and pictures",
            ProblemKind::AmendmentNotes => "Amendment notes",
            ProblemKind::Reviews => "Reviews overdue",
            ProblemKind::Conflicts => "Merge conflicts",
            ProblemKind::PublishedCopies => "Published copies",
            ProblemKind::Other => "Titles, dates and ids",
        }
    }

    fn of(kind: &WarningKind) -> ProblemKind {
        match kind {
            WarningKind::DanglingLink { .. }
            | WarningKind::DanglingBodyLink { .. }
            | WarningKind::DroppedBodyLink { .. }
            | WarningKind::DisallowedUrl { .. }
            | WarningKind::ExternalWithoutUrl { .. }
            | WarningKind::DuplicateSeeAlso { .. }
            | WarningKind::DanglingKeyword { .. } => ProblemKind::Links,
            WarningKind::UnknownUpdate { .. } | WarningKind::AmendmentWithoutDetails { .. } => {
                ProblemKind::AmendmentNotes
            }
            WarningKind::Conflict { .. } => ProblemKind::Conflicts,
            WarningKind::DuplicateId
            | WarningKind::EmptyTitle
            | WarningKind::NoChapters
            | WarningKind::BadDate { .. }
            | WarningKind::BadColour { .. } => ProblemKind::Other,
        }
    }
}

/// One problem, where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub severity: Severity,
    pub kind: ProblemKind,
    /// The entry it concerns; `None` for the manual as a whole.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry: Option<EntryId>,
    /// The entry as readers know it ("1.1.6 Capacity and Consent").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// What is wrong, in plain words (without the place).
    pub message: String,
    /// For an outside link found broken or moved: what the window needs
    /// to open it, re-pick it or use its new address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<OutsideLinkProblem>,
    /// For plain English advice: the finding, for its fix and its rule.
    #[serde(skip)]
    pub style: Option<StyleProblem>,
}

/// A plain English finding in the Problems list: where it is, what it
/// covers and what can be done about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StyleProblem {
    pub field: crate::model::style::StyleField,
    pub finding: crate::model::style::Finding,
    /// The text the finding covers, as it was read (a fix applies only
    /// while it is still there).
    pub covered: String,
}

/// An outside link's problem: its address, where it is in the entry, and
/// the address it has moved to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutsideLinkProblem {
    pub url: String,
    /// The see-also item it is (its index), for Re-pick.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub see_also: Option<usize>,
    /// The line of the chapter's text it is on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_address: Option<String>,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.place {
            Some(place) => write!(f, "{place}: {}", self.message),
            None => write!(f, "{}", self.message),
        }
    }
}

impl From<&Warning> for Problem {
    fn from(warning: &Warning) -> Problem {
        Problem {
            severity: if warning.is_serious() {
                Severity::Error
            } else {
                Severity::Warning
            },
            kind: ProblemKind::of(&warning.kind),
            entry: warning.entry.clone(),
            place: warning.place(),
            message: warning.kind.to_string(),
            link: None,
            style: None,
        }
    }
}

/// "28 warnings, no errors", "1 error, 3 warnings", "no problems".
pub fn summary(problems: &[Problem]) -> String {
    let count = |severity| problems.iter().filter(|p| p.severity == severity).count();
    summary_of(count(Severity::Error), count(Severity::Warning))
}

/// The words of [`summary`] for counts.
pub fn summary_of(errors: usize, warnings: usize) -> String {
    use crate::model::counted;
    match (errors, warnings) {
        (0, 0) => "no problems".into(),
        (0, w) => format!("{}, no errors", counted(w, "warning", "warnings")),
        (e, 0) => format!("{}, no warnings", counted(e, "error", "errors")),
        (e, w) => format!(
            "{}, {}",
            counted(e, "error", "errors"),
            counted(w, "warning", "warnings")
        ),
    }
}

/// Every problem of `manual`: the validation `warnings` (worked out
/// already by the caller, who usually has them), and with its file
/// (`path`), its linked files and published copies; with `today`, reviews
/// overdue. The manual's own problems first, then by entry in the
/// manual's order, errors before warnings within each.
pub fn problems(
    manual: &Manual,
    warnings: &[Warning],
    path: Option<&Path>,
    today: Option<&str>,
) -> Vec<Problem> {
    let disk = path.map_or_else(Vec::new, |path| disk_problems(manual, path));
    gather(manual, warnings, disk, today)
}

/// The problems found on disk: linked files missing, refused or without
/// alt text, and published copies missing or edited. This reads files,
/// so the window works it out now and then, not at every keystroke.
pub fn disk_problems(manual: &Manual, path: &Path) -> Vec<Problem> {
    let mut out = Vec::new();
    let files = crate::store::files::problems(manual, path);
    if !files.is_empty() {
        let mut place = rustc_hash::FxHashMap::default();
        manual.walk(|_, entry, number| {
            place
                .entry(entry.id.clone())
                .or_insert_with(|| crate::model::label(number, &entry.title));
        });
        for problem in files {
            out.push(Problem {
                severity: if problem.is_serious() {
                    Severity::Error
                } else {
                    Severity::Warning
                },
                kind: ProblemKind::Files,
                place: place.get(&problem.entry).cloned(),
                message: problem.message(),
                entry: Some(problem.entry),
                link: None,
                style: None,
            });
        }
    }
    // The council's logo: the export leaves out one it cannot show.
    if let Some(message) = crate::store::files::logo_problem(manual, path) {
        out.push(Problem {
            severity: Severity::Error,
            kind: ProblemKind::Files,
            entry: None,
            place: None,
            message,
            link: None,
            style: None,
        });
    }
    // A copy missing or edited after it was kept matters: what a
    // procedure said on a date can no longer be shown.
    for message in crate::store::versions::problems(path, manual) {
        out.push(Problem {
            severity: Severity::Error,
            kind: ProblemKind::PublishedCopies,
            entry: None,
            place: None,
            message,
            link: None,
            style: None,
        });
    }
    out
}

/// The validation `warnings`, the `disk` problems and, with `today`, the
/// reviews overdue, in the manual's order (see [`problems`]).
pub fn gather(
    manual: &Manual,
    warnings: &[Warning],
    disk: Vec<Problem>,
    today: Option<&str>,
) -> Vec<Problem> {
    let mut order = rustc_hash::FxHashMap::default();
    manual.walk(|_, entry, _| {
        let at = order.len();
        order.entry(&entry.id).or_insert(at);
    });
    let mut out: Vec<Problem> = warnings.iter().map(Problem::from).collect();
    out.extend(disk);
    if let Some(today) = today {
        for review in manual.reviews_due(today).iter().filter(|r| r.is_overdue) {
            out.push(Problem {
                severity: Severity::Warning,
                kind: ProblemKind::Reviews,
                place: Some(review.label.clone()),
                message: format!("its review was due {}", review.due),
                entry: Some(review.id.clone()),
                link: None,
                style: None,
            });
        }
    }
    // Stable: within an entry, the order each source gave.
    out.sort_by_key(|p| {
        (
            p.entry
                .as_ref()
                .map_or(0, |id| order.get(id).map_or(usize::MAX, |at| at + 1)),
            p.severity,
        )
    });
    out
}

impl super::Document {
    /// Every problem of the open manual (see [`problems`]).
    pub fn problems(&self, today: Option<&str>) -> Vec<Problem> {
        problems(self.manual(), &self.outline().warnings, self.path(), today)
    }

    /// The open manual's problems on disk (see [`disk_problems`]); none
    /// for a manual not saved to a file.
    pub fn disk_problems(&self) -> Vec<Problem> {
        self.path()
            .map_or_else(Vec::new, |path| disk_problems(self.manual(), path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_logo_that_is_missing_or_no_picture_is_a_problem() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("m.ron");
        std::fs::create_dir_all(dir.path().join("m.files")).unwrap();
        std::fs::write(dir.path().join("m.files/notes.txt"), "not a picture").unwrap();
        let mut manual = crate::store::format::stockport_sample();
        let logo_problems = |manual: &Manual| -> Vec<String> {
            disk_problems(manual, &file)
                .into_iter()
                .filter(|p| p.message.contains("logo"))
                .map(|p| p.message)
                .collect()
        };
        assert!(logo_problems(&manual).is_empty());
        manual.look.logo = Some("m.files/gone.png".into());
        assert_eq!(
            logo_problems(&manual),
            ["the logo 'm.files/gone.png' is not there: the site is published without it"]
        );
        manual.look.logo = Some("m.files/notes.txt".into());
        assert_eq!(
            logo_problems(&manual),
            [
                "the logo 'm.files/notes.txt' is not a picture (PNG, JPEG, GIF or WebP): the site is published without it"
            ]
        );
        manual.look.logo = Some("../outside.png".into());
        assert_eq!(
            logo_problems(&manual),
            [
                "the logo '../outside.png' climbs out with '..'; files are linked inside m.files/: the site is published without it"
            ]
        );
    }

    #[test]
    fn problems_name_entries_by_number_and_title_in_manual_order() {
        let mut manual = crate::store::format::stockport_sample();
        for (id, target) in [
            ("young-carers-2", "no-such-chapter"),
            ("confidentiality-policy", "gone"),
        ] {
            let path = manual.find(&EntryId::new(id)).unwrap();
            manual
                .entry_mut(&path)
                .unwrap()
                .see_also
                .push(crate::model::SeeAlso::Internal {
                    target: EntryId::new(target),
                });
        }
        manual
            .chapter_mut(&EntryId::new("young-carers-2"))
            .unwrap()
            .review_due = Some("2020-01".into());
        let warnings = manual.validate();
        let all = problems(&manual, &warnings, None, Some("2026-12-02"));
        let ours: Vec<String> = all
            .iter()
            .filter(|p| p.message.contains("missing entry") || p.kind == ProblemKind::Reviews)
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            ours,
            [
                "1.1.2 Confidentiality Policy: see-also points at missing entry 'gone'",
                "4.8.1 Young Carers: see-also points at missing entry 'no-such-chapter'",
                "4.8.1 Young Carers: its review was due 2020-01",
            ]
        );
        assert!(summary(&all).starts_with("2 errors, "), "{}", summary(&all));
        assert_eq!(summary_of(0, 28), "28 warnings, no errors");
        assert_eq!(summary_of(1, 0), "1 error, no warnings");
        assert_eq!(summary_of(0, 0), "no problems");
    }
}
