//! Find and replace across the whole manual: titles, scope, bodies, notes,
//! amendment text and the titles of outside documents in see-also lists.
//! Finding is a plain scan (a 27 MB manual in tens of milliseconds); every
//! replacement is an [`Edit`], so Replace all is one undo step.
//!
//! Find and replace see only what a reader sees: in a body (Markdown), the
//! words and a link's text, never an entry id, a URL, a file path or other
//! Markdown syntax. A replacement that would leave a new error in an entry
//! (a broken link, a new file link) is refused and counted.

use std::ops::Range;

use super::Edit;
use crate::model::chapter_field::{ChapterField, FieldKind};
use crate::model::{Entry, EntryId, Manual, SeeAlso};

/// Which text of an entry a match is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Title,
    Scope,
    Body,
    Note(usize),
    Amendment(usize),
    /// The title of the n-th see-also item (an outside document).
    SeeAlsoTitle(usize),
}

impl Field {
    /// The chapter field this is, in the one list of a chapter's fields.
    pub fn chapter_field(self) -> Option<ChapterField> {
        match self {
            Field::Scope => Some(ChapterField::Scope),
            Field::Body => Some(ChapterField::Body),
            _ => None,
        }
    }

    pub fn name(self) -> String {
        match self {
            Field::Title => "title".into(),
            Field::Scope | Field::Body => self
                .chapter_field()
                .map_or_else(String::new, |f| f.label().to_string()),
            Field::Note(i) => format!("note {}", i + 1),
            Field::Amendment(i) => format!("amendment note {}", i + 1),
            Field::SeeAlsoTitle(i) => format!("see-also {}", i + 1),
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FindOptions {
    pub match_case: bool,
    pub whole_word: bool,
}

/// One match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub entry: EntryId,
    pub field: Field,
    /// Byte range of the match in the field's text.
    pub range: Range<usize>,
    /// 1-based line of the field the match is on, and that line's text.
    pub line: usize,
    pub line_text: String,
    /// Byte range of the match in `line_text`.
    pub in_line: Range<usize>,
}

/// Every searchable text of an entry, with the field it is.
pub fn fields(entry: &Entry) -> Vec<(Field, &str)> {
    let mut out = vec![(Field::Title, entry.title.as_str())];
    if let Some(chapter) = entry.chapter_details() {
        out.push((Field::Scope, chapter.scope.as_str()));
        out.push((Field::Body, chapter.body.as_str()));
        for (i, amendment) in chapter.amendments.iter().enumerate() {
            out.push((Field::Amendment(i), amendment.text.as_str()));
        }
    }
    for (i, note) in entry.notes.iter().enumerate() {
        out.push((Field::Note(i), note.as_str()));
    }
    for (i, item) in entry.see_also.iter().enumerate() {
        if let SeeAlso::External { title, .. } = item {
            out.push((Field::SeeAlsoTitle(i), title.as_str()));
        }
    }
    out
}

/// The text of `field` in `entry`, to change.
pub fn field_mut(entry: &mut Entry, field: Field) -> Option<&mut String> {
    match field {
        Field::Title => Some(&mut entry.title),
        Field::Note(i) => entry.notes.get_mut(i),
        Field::SeeAlsoTitle(i) => match entry.see_also.get_mut(i) {
            Some(SeeAlso::External { title, .. }) => Some(title),
            _ => None,
        },
        Field::Scope | Field::Body | Field::Amendment(_) => {
            let chapter = entry.chapter_details_mut()?;
            match field {
                Field::Scope => Some(&mut chapter.scope),
                Field::Body => Some(&mut chapter.body),
                Field::Amendment(i) => chapter.amendments.get_mut(i).map(|a| &mut a.text),
                _ => None,
            }
        }
    }
}

/// The byte ranges of `text` a reader sees, for fields written in
/// Markdown (the body): text and a link's or picture's words, and the
/// inside of code spans; `None` for plain fields, seen whole.
pub fn visible_ranges(field: Field, text: &str) -> Option<Vec<Range<usize>>> {
    use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
    if field.chapter_field().map(ChapterField::kind) != Some(FieldKind::Markdown) {
        return None;
    }
    let mut ranges = Vec::new();
    // Inside an autolink (`<https://…>`) the text is the address itself.
    let mut autolinks = 0usize;
    let parser = Parser::new_ext(text, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH);
    for (event, range) in parser.into_offset_iter() {
        match event {
            Event::Start(Tag::Link { link_type, .. }) => {
                if matches!(link_type, LinkType::Autolink | LinkType::Email) {
                    autolinks += 1;
                }
            }
            Event::End(TagEnd::Link) => {
                // Links close in order; an autolink holds no other link.
                autolinks = autolinks.saturating_sub(usize::from(autolinks > 0));
            }
            Event::Text(_) if autolinks == 0 => ranges.push(range),
            Event::Code(_) if autolinks == 0 => {
                let source = &text[range.clone()];
                let ticks = source.len() - source.trim_start_matches('`').len();
                let end_ticks = source.len() - source.trim_end_matches('`').len();
                if ticks + end_ticks < source.len() {
                    ranges.push(range.start + ticks..range.end - end_ticks);
                }
            }
            _ => {}
        }
    }
    Some(ranges)
}

/// The matches of `query` in a field's text that a reader sees (see
/// [`visible_ranges`]).
pub fn field_matches(
    field: Field,
    text: &str,
    query: &str,
    options: FindOptions,
) -> Vec<Range<usize>> {
    let mut found = matches_in(text, query, options);
    if found.is_empty() || !found.iter().any(|m| might_be_hidden(text, m)) {
        return found;
    }
    if let Some(visible) = visible_ranges(field, text) {
        // Both lists are in order: one pass.
        let mut at = 0;
        found.retain(|m| {
            while visible.get(at).is_some_and(|v| v.end <= m.start) {
                at += 1;
            }
            visible
                .get(at)
                .is_some_and(|v| v.start <= m.start && m.end <= v.end)
        });
    }
    found
}

/// Whether a match could be Markdown that a reader does not see: inside a
/// link's or picture's address, an autolink or tag, a reference
/// definition, a fence's info string, or itself holding syntax characters.
/// Only then is the text parsed (a 27 MB manual's bodies would otherwise be
/// parsed on every search); a match on a plain line is seen as it stands.
fn might_be_hidden(text: &str, found: &Range<usize>) -> bool {
    let line_start = memchr::memrchr(b'\n', &text.as_bytes()[..found.start]).map_or(0, |i| i + 1);
    let before = &text[line_start..found.start];
    let open_after = |opening: &str, closing: char| {
        before
            .rfind(opening)
            .is_some_and(|at| !before[at..].contains(closing))
    };
    let head = before.trim_start();
    open_after("](", ')')
        || open_after("<", '>')
        || (head.starts_with('[') && text[line_start..].contains("]:"))
        || head.starts_with("```")
        || head.starts_with("~~~")
        || text[found.clone()].contains(['*', '_', '[', ']', '(', ')', '<', '>', '#', '!', '`'])
}

/// The byte ranges where `query` occurs in `text`.
pub fn matches_in(text: &str, query: &str, options: FindOptions) -> Vec<Range<usize>> {
    if query.is_empty() || text.len() < query.len() {
        return Vec::new();
    }
    let mut out = Vec::new();
    if options.match_case || !query.is_ascii() {
        if options.match_case {
            for (at, found) in text.match_indices(query) {
                out.push(at..at + found.len());
            }
        } else {
            // A query with letters beyond ASCII: compare lower-cased text,
            // mapping back only where lower-casing kept the lengths.
            let lower = text.to_lowercase();
            if lower.len() == text.len() {
                let needle = query.to_lowercase();
                for (at, found) in lower.match_indices(&needle) {
                    out.push(at..at + found.len());
                }
            }
        }
    } else {
        ascii_caseless(text.as_bytes(), query.as_bytes(), &mut out);
    }
    if options.whole_word {
        out.retain(|range| is_whole_word(text, range));
    }
    out
}

/// Case-insensitive search for an ASCII needle; non-ASCII bytes of the
/// text never match, so every range falls on character boundaries.
fn ascii_caseless(haystack: &[u8], needle: &[u8], out: &mut Vec<Range<usize>>) {
    let first = needle[0];
    let (lower, upper) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    let last_start = haystack.len() - needle.len();
    let mut from = 0;
    while from <= last_start {
        let Some(offset) = memchr::memchr2(lower, upper, &haystack[from..=last_start]) else {
            break;
        };
        let at = from + offset;
        if haystack[at..at + needle.len()].eq_ignore_ascii_case(needle) {
            out.push(at..at + needle.len());
            from = at + needle.len();
        } else {
            from = at + 1;
        }
    }
}

fn is_whole_word(text: &str, range: &Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    !is_word(before) && !is_word(after)
}

/// Every match of `query` in the manual, in document order.
pub fn find(manual: &Manual, query: &str, options: FindOptions) -> Vec<Hit> {
    let mut hits = Vec::new();
    if query.is_empty() {
        return hits;
    }
    manual.walk(|_, entry, _| {
        for (field, text) in fields(entry) {
            let ranges = field_matches(field, text, query, options);
            if ranges.is_empty() {
                continue;
            }
            // Lines are counted as the matches go, not from the start for
            // each: a body can hold thousands of matches.
            let (mut line, mut counted_to) = (1, 0);
            for range in ranges {
                line +=
                    memchr::memchr_iter(b'\n', &text.as_bytes()[counted_to..range.start]).count();
                counted_to = range.start;
                let line_start =
                    memchr::memrchr(b'\n', &text.as_bytes()[..range.start]).map_or(0, |i| i + 1);
                let line_end = memchr::memchr(b'\n', &text.as_bytes()[range.end..])
                    .map_or(text.len(), |i| range.end + i);
                hits.push(Hit {
                    entry: entry.id.clone(),
                    field,
                    line,
                    line_text: text[line_start..line_end].to_string(),
                    in_line: range.start - line_start..range.end - line_start,
                    range,
                });
            }
        }
    });
    hits
}

/// The text of `field` with every match a reader sees replaced; and how
/// many there were.
pub fn replace_in(
    field: Field,
    text: &str,
    query: &str,
    replacement: &str,
    options: FindOptions,
) -> (String, usize) {
    let ranges = field_matches(field, text, query, options);
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for range in &ranges {
        out.push_str(&text[last..range.start]);
        out.push_str(replacement);
        last = range.end;
    }
    out.push_str(&text[last..]);
    (out, ranges.len())
}

/// What Replace all would do.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReplaceAll {
    /// One edit per entry changed.
    pub edits: Vec<Edit>,
    /// The matches those edits replace.
    pub replaced: usize,
    /// Entries left alone because the replacement would have given them a
    /// new error, and the matches in them.
    pub refused_entries: usize,
    pub refused_matches: usize,
}

/// Every id of a manual, gathered once per replacement rather than looked
/// up by walking the manual for each link.
type Ids<'a> = std::collections::HashSet<&'a EntryId>;

fn ids_of(manual: &Manual) -> Ids<'_> {
    let mut ids = Ids::default();
    manual.walk(|_, entry, _| {
        ids.insert(&entry.id);
    });
    ids
}

/// Whether `after` (an entry with replaced text) has an error `before` did
/// not: a see-also or body link to a missing entry, a link to a file, a URL
/// that is not published. The replacement text may itself be Markdown.
fn adds_an_error(ids: &Ids<'_>, manual: &Manual, before: &Entry, after: &Entry) -> bool {
    let serious = |entry: &Entry| {
        let mut warnings = Vec::new();
        crate::model::entry_warnings(
            entry,
            None,
            |id| ids.contains(id),
            &manual.updates,
            &mut warnings,
        );
        warnings.into_iter().filter(|w| w.is_serious()).count()
    };
    let files = |entry: &Entry| {
        entry.chapter_details().map_or_else(Vec::new, |c| {
            crate::model::files::file_links(&c.body)
                .into_iter()
                .map(|l| l.path)
                .collect()
        })
    };
    let new_files = files(after)
        .into_iter()
        .any(|path| !files(before).contains(&path));
    new_files || serious(after) > serious(before)
}

/// The edits that replace every match in the manual (one per entry
/// changed), leaving alone any entry the replacement would give an error.
pub fn replace_all_edits(
    manual: &Manual,
    query: &str,
    replacement: &str,
    options: FindOptions,
) -> ReplaceAll {
    let mut out = ReplaceAll::default();
    let ids = ids_of(manual);
    manual.walk(|_, entry, _| {
        let found: Vec<Field> = fields(entry)
            .into_iter()
            .filter(|(field, text)| !field_matches(*field, text, query, options).is_empty())
            .map(|(field, _)| field)
            .collect();
        if found.is_empty() {
            return;
        }
        let mut head = entry.clone_head();
        let mut count = 0;
        for field in found {
            if let Some(text) = field_mut(&mut head, field) {
                let (new, n) = replace_in(field, text, query, replacement, options);
                *text = new;
                count += n;
            }
        }
        if adds_an_error(&ids, manual, entry, &head) {
            out.refused_entries += 1;
            out.refused_matches += count;
            return;
        }
        out.replaced += count;
        out.edits.push(Edit::UpdateEntry {
            entry: Box::new(head),
        });
    });
    out
}

/// Why one match was not replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplaceRefused {
    /// The text there no longer reads the query.
    Stale,
    /// The entry would get an error it did not have.
    WouldBreak,
}

/// The edit that replaces the one match `hit`, if the text there still
/// reads `query` (the manual may have changed since the search) and the
/// replacement leaves no new error.
pub fn replace_one_edit(
    manual: &Manual,
    hit: &Hit,
    query: &str,
    replacement: &str,
    options: FindOptions,
) -> Result<Edit, ReplaceRefused> {
    let path = manual.find(&hit.entry).ok_or(ReplaceRefused::Stale)?;
    let entry = manual.entry(&path).ok_or(ReplaceRefused::Stale)?;
    let mut head = entry.clone_head();
    let text = field_mut(&mut head, hit.field).ok_or(ReplaceRefused::Stale)?;
    if !field_matches(hit.field, text, query, options).contains(&hit.range) {
        return Err(ReplaceRefused::Stale);
    }
    text.replace_range(hit.range.clone(), replacement);
    if adds_an_error(&ids_of(manual), manual, entry, &head) {
        return Err(ReplaceRefused::WouldBreak);
    }
    Ok(Edit::UpdateEntry {
        entry: Box::new(head),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stockport() -> Manual {
        crate::store::format::stockport_sample()
    }

    #[test]
    fn matching_honours_case_and_whole_words() {
        let text = "LSCB and the lscb; LSCBs, Ärger ärger";
        let plain = FindOptions::default();
        assert_eq!(matches_in(text, "lscb", plain).len(), 3);
        let case = FindOptions {
            match_case: true,
            whole_word: false,
        };
        assert_eq!(matches_in(text, "LSCB", case), vec![0..4, 19..23]);
        let word = FindOptions {
            match_case: false,
            whole_word: true,
        };
        assert_eq!(matches_in(text, "lscb", word), vec![0..4, 13..17]);
        assert_eq!(matches_in(text, "ärger", plain).len(), 2);
        assert!(matches_in(text, "", plain).is_empty());
        assert!(matches_in("ab", "abc", plain).is_empty());
    }

    #[test]
    fn find_reports_the_entry_field_and_line() {
        let manual = stockport();
        let hits = find(&manual, "young carers", FindOptions::default());
        assert!(!hits.is_empty());
        let title = hits
            .iter()
            .find(|h| h.entry.as_str() == "young-carers-2" && h.field == Field::Title)
            .unwrap();
        assert_eq!(title.line, 1);
        assert_eq!(title.line_text, "Young Carers");
    }

    #[test]
    fn replace_all_is_one_step_per_entry_and_counts_every_match() {
        let mut manual = stockport();
        let query = "Policy";
        let options = FindOptions {
            match_case: true,
            whole_word: true,
        };
        let before = find(&manual, query, options).len();
        assert!(before > 3);
        let ReplaceAll {
            edits,
            replaced: count,
            ..
        } = replace_all_edits(&manual, query, "Guidance", options);
        assert_eq!(count, before);
        let mut history = crate::edit::history::History::new_saved();
        history.apply(&mut manual, edits, None, 0.0).unwrap();
        assert!(find(&manual, query, options).is_empty());
        assert!(find(&manual, "Guidance", options).len() >= before);
        history.undo(&mut manual).unwrap();
        assert_eq!(manual, stockport());
    }

    #[test]
    fn replace_one_changes_only_that_match_and_refuses_a_stale_one() {
        let manual = stockport();
        let options = FindOptions::default();
        let hits = find(&manual, "carers", options);
        let hit = hits
            .iter()
            .find(|h| h.entry.as_str() == "young-carers-2")
            .unwrap();
        let edit = replace_one_edit(&manual, hit, "carers", "Carers!", options).unwrap();
        let Edit::UpdateEntry { entry } = &edit else {
            panic!("{edit:?}");
        };
        assert_eq!(entry.title, "Young Carers!");
        let stale = Hit {
            range: 0..6,
            ..hit.clone()
        };
        assert_eq!(
            replace_one_edit(&manual, &stale, "carers", "x", options),
            Err(ReplaceRefused::Stale)
        );
    }

    fn with_body(body: &str) -> Manual {
        let mut manual = stockport();
        let path = manual.find(&EntryId::new("young-carers-2")).unwrap();
        let entry = manual.entry_mut(&path).unwrap();
        entry.chapter_details_mut().unwrap().body = body.into();
        manual
    }

    #[test]
    fn find_sees_link_text_but_never_ids_urls_or_paths() {
        let body = "See the [confidentiality guidance](entry:confidentiality-policy), \
                    <https://www.gov.uk/policy>, [GOV.UK policy](https://www.gov.uk/policy) \
                    and ![policy chart](young.files/policy.png). `policy` code.";
        let manual = with_body(body);
        let hits: Vec<Hit> = find(&manual, "policy", FindOptions::default())
            .into_iter()
            .filter(|h| h.field == Field::Body)
            .collect();
        let found: Vec<&str> = hits.iter().map(|h| &body[h.range.clone()]).collect();
        // The link text "GOV.UK policy", the alt text "policy chart", the code.
        assert_eq!(found.len(), 3, "{hits:?}");
        let (edits, _) = {
            let all = replace_all_edits(&manual, "policy", "Enquiries", FindOptions::default());
            (all.edits, all.replaced)
        };
        let mut changed = manual.clone();
        for edit in edits {
            edit.apply(&mut changed).unwrap();
        }
        let path = changed.find(&EntryId::new("young-carers-2")).unwrap();
        let new_body = &changed
            .entry(&path)
            .unwrap()
            .chapter_details()
            .unwrap()
            .body;
        assert!(
            new_body.contains("(entry:confidentiality-policy)"),
            "{new_body}"
        );
        assert!(
            new_body.contains("<https://www.gov.uk/policy>"),
            "{new_body}"
        );
        assert!(
            new_body.contains("(https://www.gov.uk/policy)"),
            "{new_body}"
        );
        assert!(new_body.contains("(young.files/policy.png)"), "{new_body}");
        assert!(new_body.contains("[GOV.UK Enquiries]"), "{new_body}");
        assert!(new_body.contains("![Enquiries chart]"), "{new_body}");
    }

    #[test]
    fn a_replacement_that_would_break_a_link_is_refused_and_counted() {
        let manual = with_body("Ask the duty team.");
        let all = replace_all_edits(
            &manual,
            "duty team",
            "[duty team](entry:no-such-chapter)",
            FindOptions::default(),
        );
        assert_eq!((all.refused_entries, all.refused_matches), (1, 1));
        assert!(all.edits.is_empty());
        let hit = find(&manual, "duty team", FindOptions::default())
            .into_iter()
            .find(|h| h.field == Field::Body)
            .unwrap();
        assert_eq!(
            replace_one_edit(
                &manual,
                &hit,
                "duty team",
                "[x](m.files/a.pdf)",
                FindOptions::default()
            ),
            Err(ReplaceRefused::WouldBreak)
        );
    }
}
