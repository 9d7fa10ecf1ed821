//! First pass of the importer: each line of a copied contents list is cleaned
//! of its markup (markdown links, emphasis, escapes, list bullets) and
//! classified on its own, without looking at its neighbours.

use crate::model::{Badge, SectionNumber};

pub(crate) use super::markup::is_furniture;
use super::markup::markdown_link_texts;
pub use super::markup::{clean_spaces, strip_markup};
pub(crate) use super::numbers::split_badge;
use super::numbers::{Start, split_number, split_trailing_date, split_worded_number, undouble};

/// A see-also item as written: a title with an optional source in parentheses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawLink {
    pub title: String,
    pub source: Option<String>,
}

/// What one line is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineKind {
    Blank,
    /// Web page furniture: "Skip to main content", table captions, "End" ...
    Furniture,
    /// "Quick Links:" opens a list of the parts that repeats the contents.
    QuickLinks,
    /// "1.2.3 Title", with the badge split off the end. `is_heading` is set when
    /// the title was styled as a heading (emphasis), which makes it a section.
    Numbered {
        number: SectionNumber,
        title: String,
        badge: Badge,
        is_heading: bool,
        /// A last-updated date the list gave with it (`YYYY-MM[-DD]`).
        date: Option<String>,
    },
    /// "1.1.1a Title": a chapter slotted in after 1.1.1 without renumbering.
    Lettered {
        after: SectionNumber,
        label: String,
        title: String,
    },
    /// A number in a scheme the importer does not follow ("1121.21",
    /// "1.1.1000", "Chapter 3 – Court"): the whole line as its title.
    OddNumber(String),
    /// A lettered part of a chapter or an appendix ("1.1.2(a) Minutes",
    /// "1.1.4) Core Groups", "A.1 Forms", "Appendix 1: Contacts"): the
    /// whole line, which belongs to the chapter above.
    SubItem(String),
    /// "New" or "Updated" on a line of its own.
    BadgeOnly(Badge),
    /// "See also:" with nothing after it (the links were lost in copying).
    EmptySeeAlso,
    /// A number on its own line: the title follows on a later line.
    NumberOnly(SectionNumber),
    /// "See also: ..." with the items it names. No items for a heading such as
    /// "See also guidance on:".
    SeeAlso(Vec<RawLink>),
    /// "and ..." continuing a see-also group.
    And(Vec<RawLink>),
    /// A whole line in parentheses: a source attribution or applicability note.
    Parenthetical(String),
    /// "Please note: ..." or "N.B. ...".
    Note(String),
    /// An unnumbered part's heading ("Becoming a Foster Carer:" over
    /// bullets), known once the lines after it are read.
    PartHeading(String),
    /// Anything else: a heading, an unnumbered entry, a continuation item, or
    /// text the importer does not understand.
    Text {
        text: String,
        is_link: bool,
    },
}

/// One classified line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 1-based line number in the source text.
    pub line_no: usize,
    pub is_indented: bool,
    /// How far in the line's text starts: leading white space (a tab is
    /// four) and a list bullet (two). Unnumbered lists nest by it.
    pub indent: usize,
    pub raw: String,
    pub kind: LineKind,
}

/// Words that mark a trailing parenthesis as naming who owns a document,
/// e.g. "(Greater Manchester Safeguarding Children Procedures)", "(GOV.UK)".
const SOURCE_WORDS: &[&str] = &[
    "procedures",
    "partnership",
    "website",
    "council",
    "library",
    "resources",
    "gov.uk",
    "dfe",
    "adcs",
    "scie",
    "nice",
    "ofsted",
    "home office",
    "group",
    "nhs",
];

/// True when a parenthesised phrase names a source rather than being part of
/// the title ("(Section 47)", "(October 2013)" and "(RMFHC)" are not sources).
pub fn is_source_like(inner: &str) -> bool {
    let lower = inner.to_lowercase();
    SOURCE_WORDS.iter().any(|word| {
        lower
            .match_indices(word)
            .any(|(at, _)| is_word_boundary(&lower, at, at + word.len()))
    })
}

fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// True when the parenthesised phrase says where a chapter applies.
pub fn is_applicability(inner: &str) -> bool {
    let lower = inner.to_lowercase();
    lower.starts_with("this ") && lower.contains("appl")
}

/// Splits a trailing "(source)" off a title when it names a source.
pub fn split_source(title: &str) -> (String, Option<String>) {
    let trimmed = title.trim_end();
    if let Some(stripped) = trimmed.strip_suffix(')')
        && let Some(open) = matching_open_paren(stripped)
    {
        let inner = stripped[open + 1..].trim();
        let head = stripped[..open].trim_end();
        if !head.is_empty() && is_source_like(inner) {
            return (head.to_string(), Some(inner.to_string()));
        }
    }
    (trimmed.to_string(), None)
}

/// The byte index of the '(' that the final ')' (already stripped) closes.
fn matching_open_paren(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (index, ch) in text.char_indices().rev() {
        match ch {
            ')' => depth += 1,
            '(' if depth == 0 => return Some(index),
            '(' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// Splits the text after "See also" (or "and") into items: one per markdown
/// link when the line has links, else the whole text as one item.
fn see_also_items(markup: &str) -> Vec<RawLink> {
    let pieces: Vec<String> = if markup.contains("](") {
        markdown_link_texts(markup)
    } else {
        vec![strip_markup(markup).0]
    };
    pieces
        .into_iter()
        .map(|piece| clean_spaces(&piece))
        .filter(|piece| !piece.is_empty())
        .map(|piece| {
            let (title, source) = split_source(&piece);
            RawLink { title, source }
        })
        .collect()
}

/// Strips a leading "- " or "* " list bullet.
fn strip_bullet(text: &str) -> &str {
    for bullet in ["- ", "* ", "• "] {
        if let Some(rest) = text.strip_prefix(bullet) {
            return rest.trim_start();
        }
    }
    text
}

fn strip_see_also(text: &str) -> Option<&str> {
    let lower = text.to_lowercase();
    if !lower.starts_with("see also") {
        return None;
    }
    let rest = text["see also".len()..].trim_start();
    Some(rest.strip_prefix(':').unwrap_or(rest).trim_start())
}

/// Classifies one line on its own.
pub fn classify(line_no: usize, raw: &str) -> Line {
    let is_indented = raw.starts_with(|c: char| c.is_whitespace());
    let leading: usize = raw
        .chars()
        .take_while(|c| c.is_whitespace())
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum();
    let trimmed = strip_bullet(raw.trim());
    let bullet = if trimmed.len() < raw.trim().len() {
        2
    } else {
        0
    };
    let make = |kind| Line {
        line_no,
        is_indented,
        indent: leading + bullet,
        raw: raw.trim_end().to_string(),
        kind,
    };
    if trimmed.is_empty() {
        return make(LineKind::Blank);
    }
    let (plain, link_count) = strip_markup(trimmed);
    let plain = clean_spaces(&plain);
    if plain.is_empty() {
        return make(LineKind::Blank);
    }
    if is_furniture(&plain) {
        return make(LineKind::Furniture);
    }
    if plain.eq_ignore_ascii_case("quick links:") || plain.eq_ignore_ascii_case("quick links") {
        return make(LineKind::QuickLinks);
    }
    if let Some(rest) = strip_see_also(trimmed) {
        if strip_markup(rest).0.trim().is_empty() {
            return make(LineKind::EmptySeeAlso);
        }
        return make(LineKind::SeeAlso(see_also_items_or_heading(rest)));
    }
    if let Some(rest) = trimmed.strip_prefix("and ") {
        return make(LineKind::And(see_also_items(rest)));
    }
    let lower = plain.to_lowercase();
    if lower.starts_with("please note") || lower.starts_with("n.b.") || lower.starts_with("nb:") {
        return make(LineKind::Note(plain));
    }
    match lower.as_str() {
        "new" => return make(LineKind::BadgeOnly(Badge::New)),
        "updated" => return make(LineKind::BadgeOnly(Badge::Updated)),
        _ => {}
    }
    if let Some(inner) = plain.strip_prefix('(').and_then(|p| p.strip_suffix(')')) {
        // "(NOTE: …)" is a note, not a source.
        if inner.trim_start().to_lowercase().starts_with("note") {
            return make(LineKind::Note(inner.trim().to_string()));
        }
        return make(LineKind::Parenthetical(inner.trim().to_string()));
    }
    if is_sub_item(&plain) {
        return make(LineKind::SubItem(plain));
    }
    // "1.1.4) Core Groups": the number with a stray bracket.
    let unbracketed = stray_bracket(trimmed);
    let trimmed = unbracketed.as_deref().unwrap_or(trimmed);
    let start = split_number(trimmed).or_else(|| split_worded_number(trimmed));
    match start {
        Some(Start::Number(number, rest_markup)) => {
            let is_heading = is_emphasised(rest_markup);
            let (title, _) = strip_markup(rest_markup);
            let title = clean_spaces(&title);
            if title.is_empty() {
                return make(LineKind::NumberOnly(number));
            }
            let (title, badge, date) = match split_trailing_date(&title) {
                Some((title, badge, date)) => (title, badge, Some(date)),
                None => {
                    let (title, badge) = split_badge(&title);
                    (title, badge, None)
                }
            };
            let title = undouble(&title).to_string();
            return make(LineKind::Numbered {
                number,
                title,
                badge,
                is_heading,
                date,
            });
        }
        Some(Start::Lettered(after, letter, rest_markup)) => {
            let title = clean_spaces(&strip_markup(rest_markup).0);
            return make(LineKind::Lettered {
                label: format!("{after}{letter}"),
                after,
                title,
            });
        }
        Some(Start::Odd) => return make(LineKind::OddNumber(plain)),
        None => {}
    }
    make(LineKind::Text {
        text: plain,
        is_link: link_count > 0 && trimmed.starts_with('[') && trimmed.ends_with(')'),
    })
}

/// "1.1.4) Core Groups" as "1.1.4 Core Groups".
fn stray_bracket(text: &str) -> Option<String> {
    let end = text.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
    let (number, rest) = text.split_at(end);
    let after = rest.strip_prefix(')')?;
    (number.contains('.') && after.starts_with(' ')).then(|| format!("{number}{after}"))
}

/// "1.1.2(a) …", "A.1 …", "Appendix 1: …", "Appendix B – …": lettered
/// parts of a chapter and appendices.
fn is_sub_item(text: &str) -> bool {
    let digits_and_dots = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, rest) = text.split_at(digits_and_dots);
    let numbered = number.contains('.') && number.starts_with(|c: char| c.is_ascii_digit());
    if numbered {
        let lettered = rest.len() >= 3
            && rest.starts_with('(')
            && rest[1..].starts_with(|c: char| c.is_ascii_alphanumeric())
            && rest[1..].find(')').is_some_and(|close| close <= 4);
        return lettered;
    }
    let mut chars = text.chars();
    if let (Some(letter), Some('.'), Some(digit)) = (chars.next(), chars.next(), chars.next())
        && letter.is_ascii_uppercase()
        && digit.is_ascii_digit()
    {
        return true;
    }
    if let Some(rest) = text
        .strip_prefix("Appendix ")
        .or_else(|| text.strip_prefix("APPENDIX "))
    {
        let label: String = rest
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        let after = rest[label.len()..].trim_start();
        return !label.is_empty()
            && label.len() <= 3
            && (label.chars().all(|c| c.is_ascii_digit())
                || (label.len() == 1 && label.chars().all(|c| c.is_ascii_uppercase())))
            && (after.is_empty() || after.starts_with([':', '–', '—', '-', '.']));
    }
    false
}

/// What a line means once the lines after it are known: "Chapter 2 –
/// Children in Need" above entries numbered `2.x` is part 2 (so the
/// manual's numbers are the written ones); elsewhere it stays a numbering
/// the importer does not follow.
pub fn settle(lines: &mut [Line]) {
    for at in 0..lines.len() {
        let LineKind::OddNumber(text) = &lines[at].kind else {
            continue;
        };
        let Some((number, title)) = super::numbers::chapter_heading(text) else {
            continue;
        };
        let next = lines[at + 1..].iter().find_map(|line| match &line.kind {
            LineKind::Numbered { number, .. } | LineKind::NumberOnly(number) => Some(number),
            _ => None,
        });
        if next.is_some_and(|n| n.depth() >= 2 && n.0.first() == Some(&number)) {
            lines[at].kind = LineKind::Numbered {
                number: SectionNumber(vec![number]),
                title: title.to_string(),
                badge: Badge::None,
                is_heading: true,
                date: None,
            };
        }
    }
}

/// "See also guidance on:" names no document: it heads what follows.
fn see_also_items_or_heading(rest: &str) -> Vec<RawLink> {
    if rest.trim_end().ends_with(':') && !rest.contains("](") {
        Vec::new()
    } else {
        see_also_items(rest)
    }
}

/// True when the whole title is in emphasis, `*Title*` or `[*Title*](#)`.
fn is_emphasised(markup: &str) -> bool {
    let inner = markup.trim();
    let inner = inner
        .strip_prefix('[')
        .and_then(|s| s.split_once("](").map(|(text, _)| text))
        .unwrap_or(inner);
    let inner = inner.trim();
    (inner.starts_with('*') && inner.ends_with('*') && inner.len() > 2)
        || (inner.starts_with('_') && inner.ends_with('_') && inner.len() > 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(text: &str) -> LineKind {
        classify(1, text).kind
    }

    fn numbered(number: &[u32], title: &str, badge: Badge, is_heading: bool) -> LineKind {
        LineKind::Numbered {
            number: SectionNumber(number.to_vec()),
            title: title.into(),
            badge,
            is_heading,
            date: None,
        }
    }

    #[test]
    fn the_hosted_layout_glues_number_title_and_date() {
        assert_eq!(
            kind("- 1.1.1Children's Services Policies, Values and PrinciplesJuly 12, 2024"),
            LineKind::Numbered {
                number: SectionNumber(vec![1, 1, 1]),
                title: "Children's Services Policies, Values and Principles".into(),
                badge: Badge::None,
                is_heading: false,
                date: Some("2024-07-12".into()),
            }
        );
        assert_eq!(
            kind("1.2.1Making Referrals FlowchartUpdated February 2017"),
            LineKind::Numbered {
                number: SectionNumber(vec![1, 2, 1]),
                title: "Making Referrals Flowchart".into(),
                badge: Badge::Updated,
                is_heading: false,
                date: Some("2017-02".into()),
            }
        );
        assert_eq!(
            kind("2.3 Early Help StrategySeptember 2016"),
            LineKind::Numbered {
                number: SectionNumber(vec![2, 3]),
                title: "Early Help Strategy".into(),
                badge: Badge::None,
                is_heading: false,
                date: Some("2016-09".into()),
            }
        );
        assert_eq!(
            kind("2.4 Early HelpEarly Help"),
            numbered(&[2, 4], "Early Help", Badge::None, false)
        );
        assert_eq!(
            kind("3.1 Court HearingsUpdated"),
            numbered(&[3, 1], "Court Hearings", Badge::Updated, false)
        );
        // A title's own month and year, spaced, stays.
        assert_eq!(
            kind("3.2 Hearings October 2013"),
            numbered(&[3, 2], "Hearings October 2013", Badge::None, false)
        );
        assert_eq!(kind("Skip to content"), LineKind::Furniture);
    }

    #[test]
    fn other_numbering_is_parsed_where_clear_and_marked_where_not() {
        assert_eq!(
            kind("2.1 – Assessment"),
            numbered(&[2, 1], "Assessment", Badge::None, false)
        );
        assert_eq!(
            kind("Section 2 Chapter 3 Court Work"),
            numbered(&[2, 3], "Court Work", Badge::None, false)
        );
        assert_eq!(
            kind("Section 4: Fostering"),
            numbered(&[4], "Fostering", Badge::None, false)
        );
        assert_eq!(
            kind("1.1.1a Placement Planning"),
            LineKind::Lettered {
                after: SectionNumber(vec![1, 1, 1]),
                label: "1.1.1a".into(),
                title: "Placement Planning".into(),
            }
        );
        for odd in [
            "1121.21 Family Team Meeting",
            "1.1.1000 Contacts",
            "Chapter 3 – Court",
        ] {
            assert_eq!(kind(odd), LineKind::OddNumber(odd.into()), "{odd}");
        }
        assert!(matches!(kind("2014 was a year"), LineKind::Text { .. }));
    }

    #[test]
    fn badges_alone_bare_see_also_notes_and_footers_are_recognised() {
        assert_eq!(kind("New"), LineKind::BadgeOnly(Badge::New));
        assert_eq!(kind(" Updated "), LineKind::BadgeOnly(Badge::Updated));
        assert_eq!(kind("See also:"), LineKind::EmptySeeAlso);
        assert_eq!(
            kind("(NOTE: this chapter is being revised)"),
            LineKind::Note("NOTE: this chapter is being revised".into())
        );
        for footer in [
            "Privacy notice",
            "Accessibility statement",
            "© 2024 Some Council",
            "Cookie settings",
            "We use cookies to make this site work",
            "Menu",
            "Home",
            "Search",
            "View the Stockport Procedures Manual",
        ] {
            assert_eq!(kind(footer), LineKind::Furniture, "{footer}");
        }
    }

    #[test]
    fn plain_numbered_lines_split_number_title_and_badge() {
        assert_eq!(
            kind("2.1.1 Contacts and Referrals Updated"),
            numbered(&[2, 1, 1], "Contacts and Referrals", Badge::Updated, false)
        );
        assert_eq!(
            kind("7.5 Ofsted Inspection Framework New"),
            numbered(&[7, 5], "Ofsted Inspection Framework", Badge::New, false)
        );
        assert_eq!(
            kind("1.2 Equality and Diversity  "),
            numbered(&[1, 2], "Equality and Diversity", Badge::None, false)
        );
        assert_eq!(
            kind("1. All Children"),
            numbered(&[1], "All Children", Badge::None, false)
        );
    }

    #[test]
    fn markdown_links_bullets_escapes_and_emphasis_are_removed() {
        assert_eq!(
            kind("- 4.2.6 [Out of Area Placements](#)"),
            numbered(&[4, 2, 6], "Out of Area Placements", Badge::None, false)
        );
        assert_eq!(
            kind(r"4.1.8 [Transition from Children in Care \(CIC\) to Leaving Care Flowchart](#)"),
            numbered(
                &[4, 1, 8],
                "Transition from Children in Care (CIC) to Leaving Care Flowchart",
                Badge::None,
                false
            )
        );
        assert_eq!(
            kind("3.1 *Children with Disabilities*"),
            numbered(&[3, 1], "Children with Disabilities", Badge::None, true)
        );
        assert_eq!(
            kind("5.1 [*Fostering Services*](#)"),
            numbered(&[5, 1], "Fostering Services", Badge::None, true)
        );
    }

    #[test]
    fn a_number_alone_waits_for_its_title() {
        assert_eq!(
            kind("3.6.1"),
            LineKind::NumberOnly(SectionNumber(vec![3, 6, 1]))
        );
        assert_eq!(
            kind("1.1 "),
            LineKind::NumberOnly(SectionNumber(vec![1, 1]))
        );
    }

    #[test]
    fn a_year_is_not_a_section_number() {
        assert!(matches!(kind("2014 was a year"), LineKind::Text { .. }));
    }

    #[test]
    fn see_also_lines_split_into_items_with_sources() {
        assert_eq!(
            kind("  See also: Looking After Someone Else's Child (GOV.UK)  "),
            LineKind::SeeAlso(vec![RawLink {
                title: "Looking After Someone Else's Child".into(),
                source: Some("GOV.UK".into())
            }])
        );
        assert_eq!(
            kind(
                "See also: [Standards for Children in the Youth Justice System 2019](#) and [Case Management Guidance](#) and [YJB and Probation Joint National Protocol](#)"
            ),
            LineKind::SeeAlso(vec![
                RawLink {
                    title: "Standards for Children in the Youth Justice System 2019".into(),
                    source: None
                },
                RawLink {
                    title: "Case Management Guidance".into(),
                    source: None
                },
                RawLink {
                    title: "YJB and Probation Joint National Protocol".into(),
                    source: None
                },
            ])
        );
        assert_eq!(
            kind(
                r"See also [Early Intervention: Policy and Provision \(House of Commons Library\)](#)"
            ),
            LineKind::SeeAlso(vec![RawLink {
                title: "Early Intervention: Policy and Provision".into(),
                source: Some("House of Commons Library".into())
            }])
        );
        assert_eq!(kind("  See also guidance on:  "), LineKind::SeeAlso(vec![]));
        assert_eq!(
            kind("  and Family Justice Resource Hub (ADCS)  "),
            LineKind::And(vec![RawLink {
                title: "Family Justice Resource Hub".into(),
                source: Some("ADCS".into())
            }])
        );
    }

    #[test]
    fn only_source_like_parentheses_are_split_off() {
        assert_eq!(
            split_source("Early Help Assessment (Stockport Council website)"),
            (
                "Early Help Assessment".into(),
                Some("Stockport Council website".into())
            )
        );
        assert_eq!(
            split_source("Local Contacts (Resources)"),
            ("Local Contacts".into(), Some("Resources".into()))
        );
        assert_eq!(
            split_source("Child Protection Enquiries (Section 47)"),
            ("Child Protection Enquiries (Section 47)".into(), None)
        );
        assert_eq!(
            split_source("Missing from Home and Care Protocol (RMFHC)"),
            ("Missing from Home and Care Protocol (RMFHC)".into(), None)
        );
        assert_eq!(
            split_source("Hearings (October 2013)"),
            ("Hearings (October 2013)".into(), None)
        );
        assert!(!is_source_like("Including Overnight Stays"));
        assert!(!is_source_like("Regroup")); // "group" only as a word
    }

    #[test]
    fn parenthesised_lines_notes_and_furniture_are_recognised() {
        assert_eq!(
            kind("(Wandsworth Safeguarding Children Partnership)"),
            LineKind::Parenthetical("Wandsworth Safeguarding Children Partnership".into())
        );
        assert!(is_applicability(
            "This procedure only applies to Peterborough"
        ));
        assert!(matches!(
            kind("  Please note: Wandsworth has joined ..."),
            LineKind::Note(_)
        ));
        assert_eq!(kind("CAPTION: contents 1"), LineKind::Furniture);
        assert_eq!(kind("Skip to main content"), LineKind::Furniture);
        assert_eq!(
            kind("Stockport Metropolitan Borough Council logo"),
            LineKind::Furniture
        );
        assert_eq!(kind("Quick Links:"), LineKind::QuickLinks);
        assert_eq!(kind("   "), LineKind::Blank);
    }

    #[test]
    fn other_lines_are_text_and_remember_indent_and_links() {
        let line = classify(3, "  Stockport Families First Team Procedures  ");
        assert!(line.is_indented);
        assert_eq!(
            line.kind,
            LineKind::Text {
                text: "Stockport Families First Team Procedures".into(),
                is_link: false
            }
        );
        assert_eq!(
            kind("[National Appropriate Adult website](#)"),
            LineKind::Text {
                text: "National Appropriate Adult website".into(),
                is_link: true
            }
        );
    }

    #[test]
    fn a_title_that_is_only_a_badge_word_keeps_it() {
        assert_eq!(split_badge("New"), ("New".into(), Badge::None));
        assert_eq!(split_badge("Renew"), ("Renew".into(), Badge::None));
    }
}
