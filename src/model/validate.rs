//! Validation: problems a manual owner should know about before publishing.

use rustc_hash::FxHashSet;
use std::fmt;

use super::{Entry, EntryId, Manual, SectionNumber, SeeAlso};

/// What is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WarningKind {
    /// Another entry already has this id.
    DuplicateId,
    /// A see-also points at an id that no entry has.
    DanglingLink {
        target: EntryId,
    },
    /// A link in the body (`[text](entry:ID)`) to an id no entry has.
    DanglingBodyLink {
        target: EntryId,
        line: usize,
    },
    /// A link in the body whose scheme is not published (`javascript:`,
    /// `data:`, `file:`): the export shows its text only.
    DroppedBodyLink {
        url: String,
        line: usize,
    },
    EmptyTitle,
    /// The manual has no chapters at all (an import that read nothing).
    NoChapters,
    /// A URL whose scheme is not http, https or mailto.
    DisallowedUrl {
        url: String,
    },
    /// An external see-also item that names a document but gives no URL.
    ExternalWithoutUrl {
        title: String,
    },
    /// The same item appears twice in one see-also list.
    DuplicateSeeAlso {
        item: String,
    },
    /// A note or an addition naming an update the manual does not have:
    /// the Amendments page cannot list it.
    UnknownUpdate {
        update: String,
    },
    /// An amendment note that says nothing of what changed.
    AmendmentWithoutDetails {
        update: String,
    },
    /// A keyword relates to a chapter no entry has.
    DanglingKeyword {
        term: String,
        target: EntryId,
    },
    /// A merge left this field with two values to choose between.
    Conflict {
        field: String,
    },
    /// A date that is not `YYYY-MM` or `YYYY-MM-DD`.
    BadDate {
        field: &'static str,
        value: String,
    },
    /// The brand colour is no colour, or too light for text on white:
    /// the export refuses it (the reason gives the contrast ratio).
    BadColour {
        reason: String,
    },
}

/// One problem, with the entry it concerns (`None` for the manual itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub entry: Option<EntryId>,
    pub number: Option<String>,
    /// The entry's title, so the warning names it as readers know it.
    pub title: String,
    pub kind: WarningKind,
}

impl Warning {
    /// Problems that break the published manual: a publication pipeline
    /// should refuse a manual that has any.
    pub fn is_serious(&self) -> bool {
        matches!(
            self.kind,
            WarningKind::DuplicateId
                | WarningKind::Conflict { .. }
                | WarningKind::DanglingKeyword { .. }
                | WarningKind::DanglingLink { .. }
                | WarningKind::DanglingBodyLink { .. }
                | WarningKind::DisallowedUrl { .. }
                | WarningKind::BadColour { .. }
        )
    }
}

impl Warning {
    /// Where the problem is, as readers know it: "1.1.6 Capacity and
    /// Consent", an unnumbered entry's title, or (only for an entry with
    /// no title) its id; `None` for the manual itself.
    pub fn place(&self) -> Option<String> {
        let id = self.entry.as_ref()?;
        let title = self.title.trim();
        Some(match (&self.number, title.is_empty()) {
            (Some(number), false) => format!("{number} {title}"),
            (None, false) => title.to_string(),
            (Some(number), true) => format!("{number} (untitled, id {id})"),
            (None, true) => format!("(untitled, id {id})"),
        })
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(place) = self.place() {
            write!(f, "{place}: ")?;
        }
        write!(f, "{}", self.kind)
    }
}

impl fmt::Display for WarningKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WarningKind::DuplicateId => write!(f, "the id is used by another entry too"),
            WarningKind::DanglingLink { target } => {
                write!(f, "see-also points at missing entry '{target}'")
            }
            WarningKind::DanglingBodyLink { target, line } => {
                write!(f, "body line {line} links to missing entry '{target}'")
            }
            WarningKind::DroppedBodyLink { url, line } => {
                let shown: String = url.chars().take(80).collect();
                write!(
                    f,
                    "body line {line} links to '{shown}', which is dropped at export (only http, \
                     https and mailto links are published; the link's text is kept)"
                )
            }
            WarningKind::EmptyTitle => write!(f, "the title is empty"),
            WarningKind::NoChapters => write!(f, "the manual has no chapters"),
            WarningKind::DanglingKeyword { term, target } => write!(
                f,
                "the keyword '{term}' relates to '{target}', which no entry has"
            ),
            WarningKind::Conflict { field } => write!(
                f,
                "a merge left '{}' with two values (ours is in the file): resolve it in \
                 the window's Resolve conflicts panel",
                super::chapter_field::ChapterField::from_name(field)
                    .map_or(field.as_str(), |c| c.label())
            ),
            WarningKind::DisallowedUrl { url } => {
                write!(f, "URL '{url}' is not http, https or mailto")
            }
            WarningKind::ExternalWithoutUrl { title } => {
                write!(f, "external see-also '{title}' has no URL")
            }
            WarningKind::DuplicateSeeAlso { item } => {
                write!(f, "see-also list has '{item}' more than once")
            }
            WarningKind::BadDate { field, value } => {
                write!(f, "{field} '{value}' is not YYYY-MM or YYYY-MM-DD")
            }
            WarningKind::BadColour { reason } => write!(f, "the brand colour is refused: {reason}"),
            WarningKind::UnknownUpdate { update } => {
                write!(
                    f,
                    "names the update '{update}', which the manual does not record"
                )
            }
            WarningKind::AmendmentWithoutDetails { update } => {
                write!(
                    f,
                    "marked updated in {update} with no details of what changed"
                )
            }
        }
    }
}

/// True for the URL schemes a published manual may link to.
pub fn is_allowed_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme) && lower.len() > scheme.len())
}

/// True for a plain e-mail address (`team@example.org`) and nothing more:
/// no `?cc=` or `&body=` that would add to a `mailto:` link, no spaces.
pub fn is_email_address(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".!#$'*+-/=^_`{|}~".contains(c));
    let domain_ok = domain.contains('.')
        && !domain.starts_with(['.', '-'])
        && !domain.ends_with(['.', '-'])
        && domain
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    local_ok && domain_ok
}

/// Why a site's base URL is refused, or `None` for an http or https address
/// of a host and path: a user name or password, a query or a fragment
/// would be copied into every page.
pub fn base_url_problem(url: &str) -> Option<&'static str> {
    let lower = url.to_ascii_lowercase();
    let Some(rest) = ["https://", "http://"]
        .iter()
        .find_map(|scheme| lower.strip_prefix(scheme))
    else {
        return Some("it is not an http or https address");
    };
    let authority = rest.split('/').next().unwrap_or_default();
    if authority.is_empty() {
        return Some("it names no host");
    }
    if authority.contains('@') {
        return Some("it holds a user name or password");
    }
    if rest.contains('?') {
        return Some("it holds a query ('?')");
    }
    if rest.contains('#') {
        return Some("it holds a fragment ('#')");
    }
    if rest
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || "<>\"\\^`{|}".contains(c))
    {
        return Some("it holds spaces or characters a URL may not");
    }
    None
}

/// True for `YYYY-MM` or `YYYY-MM-DD` with a plausible month and day.
pub fn is_iso_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let numeric = |s: &str, len: usize| s.len() == len && s.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [year, month] => {
            numeric(year, 4) && numeric(month, 2) && (1..=12).contains(&month.parse().unwrap_or(0))
        }
        [year, month, day] => {
            numeric(year, 4)
                && numeric(month, 2)
                && numeric(day, 2)
                && (1..=12).contains(&month.parse().unwrap_or(0))
                && (1..=31).contains(&day.parse().unwrap_or(0))
        }
        _ => false,
    }
}

impl Manual {
    /// Every problem in the manual, in document order.
    pub fn validate(&self) -> Vec<Warning> {
        let mut warnings = Vec::new();
        let mut ids: FxHashSet<&EntryId> = FxHashSet::default();
        self.walk(|_, entry, _| {
            ids.insert(&entry.id);
        });
        let mut seen: FxHashSet<&EntryId> = FxHashSet::default();
        self.walk(|_, entry, number| {
            if !seen.insert(&entry.id) {
                warnings.push(Warning {
                    entry: Some(entry.id.clone()),
                    number: number.map(|n| n.to_string()),
                    title: entry.title.clone(),
                    kind: WarningKind::DuplicateId,
                });
            }
            let exists = |id: &EntryId| ids.contains(id);
            entry_warnings(entry, number, exists, &self.updates, &mut warnings);
        });
        if let Some(colour) = &self.look.colour
            && let Err(reason) = super::look::brand_colour(colour)
        {
            warnings.push(Warning {
                entry: None,
                number: None,
                title: String::new(),
                kind: WarningKind::BadColour { reason },
            });
        }
        for keyword in &self.keywords {
            for target in keyword.chapters.iter().filter(|t| !ids.contains(t)) {
                warnings.push(Warning {
                    entry: None,
                    number: None,
                    title: String::new(),
                    kind: WarningKind::DanglingKeyword {
                        term: keyword.term.clone(),
                        target: target.clone(),
                    },
                });
            }
        }
        for conflict in &self.conflicts {
            let at = conflict.entry.as_ref().and_then(|id| self.find(id));
            warnings.push(Warning {
                entry: conflict.entry.clone(),
                number: at
                    .as_ref()
                    .and_then(|path| self.number_of(path))
                    .map(|n| n.to_string()),
                title: at
                    .as_ref()
                    .and_then(|path| self.entry(path))
                    .map_or_else(String::new, |e| e.title.clone()),
                kind: WarningKind::Conflict {
                    field: conflict.field.clone(),
                },
            });
        }
        let mut has_chapter = false;
        self.walk(|_, entry, _| has_chapter |= !entry.is_section());
        if !has_chapter {
            warnings.push(Warning {
                entry: None,
                number: None,
                title: String::new(),
                kind: WarningKind::NoChapters,
            });
        }
        warnings
    }
}

/// The problems of one entry on its own (all but a duplicate id), given a
/// way to ask whether an id exists and the manual's updates. Appends them
/// to `warnings`.
pub fn entry_warnings(
    entry: &Entry,
    number: Option<&SectionNumber>,
    exists: impl Fn(&EntryId) -> bool,
    updates: &[super::Update],
    warnings: &mut Vec<Warning>,
) {
    let warn = |kind| Warning {
        entry: Some(entry.id.clone()),
        number: number.map(|n| n.to_string()),
        title: entry.title.clone(),
        kind,
    };
    if entry.title.trim().is_empty() {
        warnings.push(warn(WarningKind::EmptyTitle));
    }
    // Lists are short: a scan beats hashing, until one is not.
    let mut seen: FxHashSet<&SeeAlso> = FxHashSet::default();
    let long = entry.see_also.len() > 32;
    for (i, item) in entry.see_also.iter().enumerate() {
        let repeated = if long {
            !seen.insert(item)
        } else {
            entry.see_also[..i].contains(item)
        };
        if repeated {
            let label = match item {
                SeeAlso::Internal { target } => target.to_string(),
                SeeAlso::External { title, .. } => title.clone(),
            };
            warnings.push(warn(WarningKind::DuplicateSeeAlso { item: label }));
        }
        match item {
            SeeAlso::Internal { target } if !exists(target) => {
                warnings.push(warn(WarningKind::DanglingLink {
                    target: target.clone(),
                }));
            }
            SeeAlso::Internal { .. } => {}
            SeeAlso::External {
                title, url: None, ..
            } => {
                warnings.push(warn(WarningKind::ExternalWithoutUrl {
                    title: title.clone(),
                }));
            }
            SeeAlso::External { url: Some(url), .. } => {
                if !is_allowed_url(url) {
                    warnings.push(warn(WarningKind::DisallowedUrl { url: url.clone() }));
                }
            }
        }
    }
    if let Some(chapter) = entry.chapter_details() {
        for link in super::body_links(&chapter.body) {
            if !exists(&link.target) {
                warnings.push(warn(WarningKind::DanglingBodyLink {
                    target: link.target,
                    line: link.line,
                }));
            }
        }
        for (url, line) in super::body_links::unpublished_urls(&chapter.body) {
            warnings.push(warn(WarningKind::DroppedBodyLink { url, line }));
        }
        if let Some(url) = &chapter.url
            && !is_allowed_url(url)
        {
            warnings.push(warn(WarningKind::DisallowedUrl { url: url.clone() }));
        }
        if let Some(date) = &chapter.review_due
            && !is_iso_date(date)
        {
            warnings.push(warn(WarningKind::BadDate {
                field: super::chapter_field::ChapterField::ReviewDue.label(),
                value: date.clone(),
            }));
        }
        let is_known = |label: &str| updates.iter().any(|u| u.label == label);
        let named = chapter
            .amendments
            .iter()
            .map(|a| a.update.as_str())
            .chain(chapter.added_in.as_deref());
        for update in named {
            if !update.is_empty() && !is_known(update) {
                warnings.push(warn(WarningKind::UnknownUpdate {
                    update: update.to_string(),
                }));
            }
        }
        for amendment in &chapter.amendments {
            let text = amendment.text.trim();
            if text.is_empty() || text == super::NO_DETAILS {
                warnings.push(warn(WarningKind::AmendmentWithoutDetails {
                    update: amendment.update.clone(),
                }));
            }
            // An undated note is allowed: many published notes have none.
            if !amendment.date.is_empty() && !is_iso_date(&amendment.date) {
                warnings.push(warn(WarningKind::BadDate {
                    field: "amendment date",
                    value: amendment.date.clone(),
                }));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Amendment, Entry};

    fn manual_with(entries: Vec<Entry>) -> Manual {
        let mut manual = Manual::new("M", "T");
        manual.entries = vec![Entry::section(EntryId::new("part"), "Part", entries)];
        manual
    }

    fn kinds(manual: &Manual) -> Vec<WarningKind> {
        manual.validate().into_iter().map(|w| w.kind).collect()
    }

    #[test]
    fn a_clean_manual_has_no_warnings() {
        let mut a = Entry::chapter(EntryId::new("a"), "A");
        a.see_also.push(SeeAlso::internal(EntryId::new("b")));
        a.see_also.push(SeeAlso::external(
            "GOV.UK",
            Some("https://www.gov.uk/".into()),
            None,
        ));
        let b = Entry::chapter(EntryId::new("b"), "B");
        assert!(manual_with(vec![a, b]).validate().is_empty());
    }

    #[test]
    fn duplicate_ids_and_dangling_links_are_serious() {
        let mut a = Entry::chapter(EntryId::new("a"), "A");
        a.see_also.push(SeeAlso::internal(EntryId::new("gone")));
        let a2 = Entry::chapter(EntryId::new("a"), "A again");
        let warnings = manual_with(vec![a, a2]).validate();
        assert_eq!(warnings.len(), 2);
        assert!(warnings.iter().all(Warning::is_serious));
        assert_eq!(
            warnings[0].kind,
            WarningKind::DanglingLink {
                target: EntryId::new("gone")
            }
        );
        assert_eq!(warnings[0].number.as_deref(), Some("1.1"));
        assert_eq!(warnings[1].kind, WarningKind::DuplicateId);
        assert_eq!(warnings[1].entry, Some(EntryId::new("a")));
    }

    #[test]
    fn empty_titles_and_missing_urls_are_reported_but_not_serious() {
        let mut a = Entry::chapter(EntryId::new("a"), " ");
        a.see_also
            .push(SeeAlso::external("Neglect Procedure", None, None));
        let warnings = manual_with(vec![a]).validate();
        assert_eq!(
            warnings.iter().map(|w| w.kind.clone()).collect::<Vec<_>>(),
            vec![
                WarningKind::EmptyTitle,
                WarningKind::ExternalWithoutUrl {
                    title: "Neglect Procedure".into()
                }
            ]
        );
        assert!(!warnings.iter().any(Warning::is_serious));
    }

    #[test]
    fn an_email_address_is_an_address_and_nothing_more() {
        assert!(is_email_address("policy.team@stockport.gov.uk"));
        for bad in [
            "a@b.org?cc=x@y.org",
            "a@b.org&body=hi",
            "a b@c.org",
            "@c.org",
            "a@",
            "a@b",
        ] {
            assert!(!is_email_address(bad), "{bad}");
        }
    }

    #[test]
    fn a_base_url_is_a_host_and_path_only() {
        assert_eq!(
            base_url_problem("https://manual.example.org/children"),
            None
        );
        assert_eq!(base_url_problem("http://localhost:8080"), None);
        for bad in [
            "https://user:pw@example.org",
            "https://example.org/?q=1",
            "https://example.org/#top",
            "javascript:alert(1)",
            "https://",
            "https://exa mple.org",
        ] {
            assert!(base_url_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn only_http_https_and_mailto_urls_are_allowed() {
        assert!(is_allowed_url("https://www.gov.uk"));
        assert!(is_allowed_url("HTTP://example.org"));
        assert!(is_allowed_url("mailto:team@example.org"));
        assert!(!is_allowed_url("javascript:alert(1)"));
        assert!(!is_allowed_url("file:///etc/passwd"));
        assert!(!is_allowed_url("https://"));
        let mut a = Entry::chapter(EntryId::new("a"), "A");
        a.chapter_details_mut().unwrap().url = Some("javascript:alert(1)".into());
        assert_eq!(
            kinds(&manual_with(vec![a])),
            vec![WarningKind::DisallowedUrl {
                url: "javascript:alert(1)".into()
            }]
        );
    }

    #[test]
    fn a_note_naming_an_update_the_manual_lacks_is_reported() {
        let mut a = Entry::chapter(EntryId::new("a"), "A");
        let details = a.chapter_details_mut().unwrap();
        details.added_in = Some("June 2024".into());
        details.amendments.push(Amendment {
            date: "2024-06".into(),
            text: "Refreshed.".into(),
            update: "June 2024".into(),
            draft: false,
        });
        let mut manual = manual_with(vec![a]);
        let unknown = |m: &Manual| {
            m.validate()
                .into_iter()
                .filter(|w| matches!(w.kind, WarningKind::UnknownUpdate { .. }))
                .count()
        };
        assert_eq!(unknown(&manual), 2, "the note and the addition");
        manual.updates.push(crate::model::Update {
            label: "June 2024".into(),
            date: "2024-06".into(),
            published: true,
            ..Default::default()
        });
        assert_eq!(unknown(&manual), 0);
    }

    #[test]
    fn an_amendment_without_details_is_a_warning_that_does_not_matter() {
        let mut a = Entry::chapter(EntryId::new("a"), "A");
        let details = a.chapter_details_mut().unwrap();
        for text in [crate::model::NO_DETAILS, " ", "Links have been updated."] {
            details.amendments.push(Amendment {
                date: String::new(),
                text: text.into(),
                update: "As published".into(),
                draft: false,
            });
        }
        let mut manual = manual_with(vec![a]);
        manual.updates.push(crate::model::Update {
            label: "As published".into(),
            date: String::new(),
            published: true,
            ..Default::default()
        });
        let warnings = manual.validate();
        let without: Vec<&Warning> = warnings
            .iter()
            .filter(|w| matches!(w.kind, WarningKind::AmendmentWithoutDetails { .. }))
            .collect();
        assert_eq!(without.len(), 2, "{warnings:?}");
        assert!(!without[0].is_serious());
        assert!(
            without[0]
                .to_string()
                .contains("As published with no details"),
            "{}",
            without[0]
        );
        assert_eq!(warnings.len(), 2, "an undated note is not a bad date");
    }

    #[test]
    fn duplicate_items_in_one_list_and_bad_dates_are_found() {
        let mut a = Entry::chapter(EntryId::new("a"), "A");
        let item = SeeAlso::external("X", Some("https://x.org".into()), None);
        a.see_also = vec![item.clone(), item];
        let details = a.chapter_details_mut().unwrap();
        details.review_due = Some("June 2025".into());
        details.amendments.push(Amendment {
            date: "2024-06".into(),
            text: "Refreshed".into(),
            update: String::new(),
            draft: false,
        });
        assert_eq!(
            kinds(&manual_with(vec![a])),
            vec![
                WarningKind::DuplicateSeeAlso { item: "X".into() },
                WarningKind::BadDate {
                    field: "review due",
                    value: "June 2025".into()
                }
            ]
        );
    }

    #[test]
    fn iso_dates_are_checked() {
        assert!(is_iso_date("2024-06"));
        assert!(is_iso_date("2024-12-31"));
        assert!(!is_iso_date("2024-13"));
        assert!(!is_iso_date("24-06"));
        assert!(!is_iso_date("2024-06-32"));
    }
}
