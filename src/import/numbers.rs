//! How a contents line's words give its number, badge and date: section
//! numbers (glued to the title, after a dash, worded as "Section 2 Chapter
//! 3", lettered as "1.1.1a", or in a scheme the importer does not follow),
//! and badges and last-updated dates at the end of a title.

use crate::model::{Badge, SectionNumber};

/// A last-updated date at the end of a title, as published lists glue it
/// on: "…PrinciplesJuly 12, 2024", "…StrategySeptember 2016",
/// "…Flowchart Updated February 2017". Only a date glued to the title, one
/// after a badge word, or a full "Month D, YYYY" is taken: a title may end
/// in a month and year of its own ("Hearings October 2013" stays).
/// Returns the title before it, the badge word if any, and the date as
/// `YYYY-MM` or `YYYY-MM-DD`.
pub fn split_trailing_date(title: &str) -> Option<(String, Badge, String)> {
    for (index, month) in crate::model::date::MONTHS.iter().enumerate() {
        let Some(at) = title.rfind(month) else {
            continue;
        };
        let tail = title[at + month.len()..].trim();
        let (day, year) = match tail.split_once(',') {
            Some((day, year)) => (Some(day.trim()), year.trim()),
            None => (None, tail),
        };
        let is_year = year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit());
        let day_ok = day
            .is_none_or(|d| !d.is_empty() && d.len() <= 2 && d.bytes().all(|b| b.is_ascii_digit()));
        if !is_year || !day_ok || (day.is_none() && !tail.bytes().all(|b| b.is_ascii_digit())) {
            continue;
        }
        let raw_head = &title[..at];
        let glued = raw_head.ends_with(|c: char| !c.is_whitespace());
        let head = raw_head.trim_end();
        let (head, badge) = match (head.strip_suffix("Updated"), head.strip_suffix("New")) {
            (Some(rest), _) => (rest, Badge::Updated),
            (_, Some(rest)) => (rest, Badge::New),
            _ => (head, Badge::None),
        };
        if head.trim().is_empty() || !(glued || badge != Badge::None || day.is_some()) {
            continue;
        }
        // A date that does not exist (31 February) is part of the title.
        let (Ok(year), Ok(month)) = (year.parse::<i16>(), i8::try_from(index + 1)) else {
            continue;
        };
        let date = match day {
            Some(day) => day
                .parse::<i8>()
                .ok()
                .and_then(|day| crate::model::date::iso_day(year, month, day)),
            None => crate::model::date::iso_month(year, month),
        };
        let Some(date) = date else { continue };
        return Some((head.trim_end().to_string(), badge, date));
    }
    None
}

/// "Early HelpEarly Help": a title copied twice (link text and heading),
/// also when more words follow the second copy ("Strategy
/// DiscussionsStrategy Discussions (Section 47)" → "Strategy Discussions
/// (Section 47)").
pub fn undouble(title: &str) -> std::borrow::Cow<'_, str> {
    let len = title.len();
    if len >= 4 && len.is_multiple_of(2) && title.is_char_boundary(len / 2) {
        let (first, second) = title.split_at(len / 2);
        if first == second {
            return first.into();
        }
    }
    // The first copy runs into the second: a lower-case letter (or a
    // closing bracket) then the title's first letter again.
    for (at, c) in title.char_indices().skip(4) {
        let copy = &title[..at];
        let rest = &title[at..];
        if at * 2 > len {
            break;
        }
        let glued = copy.ends_with(|p: char| p.is_lowercase() || p == ')') && c.is_uppercase();
        if glued
            && let Some(after) = rest.strip_prefix(copy)
            && (after.is_empty() || after.starts_with([' ', '(', ':', '–', '-']))
        {
            return rest.to_string().into();
        }
    }
    title.into()
}

/// Splits a trailing "New" / "Updated" badge off a title, spaced or glued
/// to a lower-case letter ("…FlowchartUpdated").
pub(crate) fn split_badge(title: &str) -> (String, Badge) {
    for (word, badge) in [("Updated", Badge::Updated), ("New", Badge::New)] {
        if let Some(head) = title.strip_suffix(word)
            && (head.ends_with(char::is_whitespace)
                || head.ends_with(|c: char| c.is_lowercase() || c == ')'))
            && !head.trim().is_empty()
        {
            return (head.trim_end().to_string(), badge);
        }
    }
    (title.to_string(), Badge::None)
}

/// How a line starts: with a section number, a lettered one, or a number
/// in a scheme the importer does not follow.
pub(super) enum Start<'t> {
    Number(SectionNumber, &'t str),
    Lettered(SectionNumber, &'t str, &'t str),
    Odd,
}

/// Splits "4.8.1 Title" into its number and the rest, if it starts so. The
/// title may be glued to the number ("1.1.1Children's…", as the hosted
/// layout's text copies) or follow a dash ("2.1 – Title").
pub(super) fn split_number(text: &str) -> Option<Start<'_>> {
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let candidate = &text[..end];
    // A lone number such as "2014" is not a section number unless it ends
    // in a dot; nor is text that starts with a dot.
    if !candidate.contains('.') || candidate.starts_with('.') {
        return None;
    }
    let rest = &text[end..];
    // "1.1.1a Title": a letter, then a space or the end.
    let mut chars = rest.chars();
    if let (Some(letter), next) = (chars.next(), chars.next())
        && letter.is_ascii_lowercase()
        && next.is_none_or(char::is_whitespace)
    {
        let number = SectionNumber::parse(candidate)?;
        return Some(Start::Lettered(number, &rest[..1], rest[1..].trim_start()));
    }
    let glued = rest.starts_with(|c: char| c.is_alphabetic());
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace) || glued || is_dash_start(rest)) {
        return None;
    }
    let Some(number) = SectionNumber::parse(candidate) else {
        // Digits and dots that are no number we follow: "1121.21", "1.1.1000".
        let looks_numbered = candidate.trim_end_matches('.').split('.').count() >= 2;
        return looks_numbered.then_some(Start::Odd);
    };
    let rest = rest.trim_start();
    let rest = rest
        .strip_prefix(['–', '—', '-', ':'])
        .map_or(rest, str::trim_start);
    Some(Start::Number(number, rest))
}

fn is_dash_start(text: &str) -> bool {
    text.starts_with(['–', '—', ':'])
}

/// "Section 2 Chapter 3 Title", "Section 2: Title", "Chapter 3 – Court".
/// `Section N` (with or without `Chapter M`) is a number; a `Chapter N` on
/// its own names no section, so it is reported.
pub(super) fn split_worded_number(text: &str) -> Option<Start<'_>> {
    let words: Vec<&str> = text.splitn(5, ' ').collect();
    let number = |w: &str| {
        let w = w.trim_end_matches([':', '.', ',']);
        (!w.is_empty() && w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit()))
            .then(|| w.parse::<u32>().ok())
            .flatten()
    };
    let rest_after = |n: usize| {
        let skip: usize = words[..n].iter().map(|w| w.len() + 1).sum();
        let rest = text.get(skip.min(text.len())..).unwrap_or("").trim_start();
        rest.strip_prefix(['–', '—', '-', ':'])
            .map_or(rest, str::trim_start)
    };
    match words.as_slice() {
        [first, n, second, m, ..]
            if first.eq_ignore_ascii_case("section") && second.eq_ignore_ascii_case("chapter") =>
        {
            let (n, m) = (number(n)?, number(m)?);
            Some(Start::Number(SectionNumber(vec![n, m]), rest_after(4)))
        }
        [first, n, ..] if first.eq_ignore_ascii_case("section") => {
            let n = number(n)?;
            Some(Start::Number(SectionNumber(vec![n]), rest_after(2)))
        }
        [first, n, ..] if first.eq_ignore_ascii_case("chapter") && number(n).is_some() => {
            Some(Start::Odd)
        }
        _ => None,
    }
}

/// "Chapter 2 – Children in Need", "Chapter 3: Care": the number and the
/// title, when the line is worded so.
pub(super) fn chapter_heading(text: &str) -> Option<(u32, &str)> {
    let rest = text
        .strip_prefix("Chapter ")
        .or_else(|| text.strip_prefix("CHAPTER "))?;
    let digits = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    let number: u32 = rest[..digits]
        .parse()
        .ok()
        .filter(|n| (1..1000).contains(n))?;
    let title = rest[digits..]
        .trim_start_matches(['.', ' ', '–', '—', '-', ':'])
        .trim();
    (!title.is_empty()).then_some((number, title))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_glued_date_is_split_off_only_when_it_exists() {
        assert_eq!(
            split_trailing_date("Values and PrinciplesJuly 12, 2024"),
            Some((
                "Values and Principles".to_string(),
                Badge::None,
                "2024-07-12".to_string()
            ))
        );
        assert_eq!(
            split_trailing_date("Flowchart Updated February 2017"),
            Some((
                "Flowchart".to_string(),
                Badge::Updated,
                "2017-02".to_string()
            ))
        );
        // No 31 February: the words stay in the title.
        assert_eq!(split_trailing_date("Leaving CareFebruary 31, 2024"), None);
        assert_eq!(split_trailing_date("Hearings October 2013"), None);
    }
}
