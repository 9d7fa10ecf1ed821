//! Part headings a contents list writes without a number of its own, read
//! once every line is classified (so the lines after a heading can say
//! what it is):
//!
//! - `PART B1: Practice Guidance` over chapters numbered again from 1 in
//!   each part: the heading is a part, its chapters are numbered in it;
//! - `Referral and Assessment` over `- 2.1 …` bullets: part 2, as its
//!   bullets say, and a heading between parts 2 and 4 with no chapters
//!   listed is part 3;
//! - `Becoming a Foster Carer:` over `• …` bullets, in a list with no
//!   numbers at all: an unnumbered part of unnumbered chapters.

use crate::model::{Badge, SectionNumber};

use super::lines::{Line, LineKind};

/// Runs every pass, in order.
pub fn settle(lines: &mut [Line]) {
    numbers_alone(lines);
    numbered_part_headings(lines);
    parts_named_by_their_bullets(lines);
    colon_headings(lines);
}

/// The index of the next line after `at` with text (furniture skipped).
fn next_with_text(lines: &[Line], at: usize) -> Option<usize> {
    (at + 1..lines.len()).find(|&i| !matches!(lines[i].kind, LineKind::Blank | LineKind::Furniture))
}

fn heading(number: u32, title: &str) -> LineKind {
    LineKind::Numbered {
        number: SectionNumber(vec![number]),
        title: title.to_string(),
        badge: Badge::None,
        is_heading: true,
        date: None,
    }
}

/// "PART A: Core Procedures", "Part 2 – Children in Care", "PART B1":
/// a part heading with a label of its own.
fn is_part_heading(text: &str) -> bool {
    let Some(rest) = text
        .strip_prefix("PART ")
        .or_else(|| text.strip_prefix("Part "))
    else {
        return false;
    };
    let label: String = rest
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();
    let after = rest[label.len()..].trim_start();
    !label.is_empty()
        && label.len() <= 3
        && label
            .chars()
            .any(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && (after.is_empty() || after.starts_with([':', '–', '—', '-', '.']))
}

fn number_of(kind: &LineKind) -> Option<&SectionNumber> {
    match kind {
        LineKind::Numbered { number, .. } | LineKind::NumberOnly(number) => Some(number),
        _ => None,
    }
}

/// A list whose every number stands alone on its line, its title a few
/// lines below (after blank lines or lines of a no-break space), as the
/// largest regional procedures publish them: each number and its title
/// are one entry, a chapter unless entries go inside it (elsewhere a
/// number alone is a heading's, over chapters with their numbers).
fn numbers_alone(lines: &mut [Line]) {
    let alone = lines
        .iter()
        .filter(|l| matches!(l.kind, LineKind::NumberOnly(_)))
        .count();
    let with_title = lines
        .iter()
        .filter(|l| matches!(l.kind, LineKind::Numbered { .. }))
        .count();
    if alone < 2 || with_title > 0 {
        return;
    }
    for at in 0..lines.len() {
        let LineKind::NumberOnly(number) = &lines[at].kind else {
            continue;
        };
        let number = number.clone();
        let Some(next) = next_with_text(lines, at) else {
            continue;
        };
        let LineKind::Text { text, .. } = &lines[next].kind else {
            continue;
        };
        if text.split_whitespace().count() > 16 || is_part_heading(text) {
            continue;
        }
        let (title, badge) = super::lines::split_badge(text);
        lines[at].kind = LineKind::Numbered {
            number,
            title,
            badge,
            is_heading: false,
            date: None,
        };
        lines[next].kind = LineKind::Blank;
    }
}

/// `PART X:` headings: each is part k (in order), and the single numbers
/// under it (`1.`, `2.` … again in each part) its chapters k.1, k.2 …; a
/// heading over deeper numbers (`2.1`) takes their first number.
fn numbered_part_headings(lines: &mut [Line]) {
    let headings: Vec<usize> = (0..lines.len())
        .filter(|&i| {
            !lines[i].is_indented
                && matches!(&lines[i].kind, LineKind::Text { text, .. } if is_part_heading(text))
        })
        .collect();
    let mut part = 0;
    for (n, &at) in headings.iter().enumerate() {
        let end = headings.get(n + 1).copied().unwrap_or(lines.len());
        let Some(first) = (at + 1..end).find_map(|i| number_of(&lines[i].kind).cloned()) else {
            continue;
        };
        let LineKind::Text { text, .. } = &lines[at].kind else {
            continue;
        };
        let title = text.clone();
        if first.depth() >= 2 {
            part = first.0[0];
            lines[at].kind = heading(part, &title);
            continue;
        }
        part += 1;
        lines[at].kind = heading(part, &title);
        for line in &mut lines[at + 1..end] {
            match &mut line.kind {
                LineKind::Numbered { number, .. } | LineKind::NumberOnly(number)
                    if number.depth() == 1 =>
                {
                    number.0.insert(0, part);
                }
                _ => {}
            }
        }
    }
}

/// A heading line: flush left, plain text, short, not a sentence.
fn is_plain_heading(line: &Line) -> Option<&str> {
    match &line.kind {
        LineKind::Text { text, .. }
            if !line.is_indented
                && text.split_whitespace().count() <= 12
                && !text.trim_end().ends_with(['.', ',', '?', '!', ';', ':']) =>
        {
            Some(text)
        }
        _ => None,
    }
}

/// Unnumbered headings over numbered bullets: a heading whose next line is
/// `2.1 …` is part 2 when the list never writes a `2.` of its own; then a
/// run of headings with nothing listed under them, between parts P and Q
/// and as many as the numbers missing, are P+1 … Q-1.
fn parts_named_by_their_bullets(lines: &mut [Line]) {
    let written_parts: Vec<u32> = lines
        .iter()
        .filter_map(|l| number_of(&l.kind))
        .filter(|n| n.depth() == 1)
        .map(|n| n.0[0])
        .collect();
    for at in 0..lines.len() {
        let Some(title) = is_plain_heading(&lines[at]).map(str::to_string) else {
            continue;
        };
        let Some(next) = next_with_text(lines, at) else {
            continue;
        };
        if let Some(number) = number_of(&lines[next].kind)
            && number.depth() == 2
            && !written_parts.contains(&number.0[0])
        {
            let part = number.0[0];
            lines[at].kind = heading(part, &title);
        }
    }
    // Headings left between two parts, as many as the numbers between.
    let mut previous: Option<(usize, u32)> = None;
    let mut run: Vec<usize> = Vec::new();
    for at in 0..lines.len() {
        match number_of(&lines[at].kind) {
            Some(number) if number.depth() == 1 => {
                let part = number.0[0];
                if let Some((_, before)) = previous
                    && !run.is_empty()
                    && part > before
                    && (part - before - 1) as usize == run.len()
                {
                    for (i, &line) in run.iter().enumerate() {
                        let title = is_plain_heading(&lines[line]).unwrap_or("").to_string();
                        lines[line].kind = heading(before + 1 + i as u32, &title);
                    }
                }
                previous = Some((at, part));
                run.clear();
            }
            Some(_) => run.clear(),
            None => {
                if previous.is_some() && is_plain_heading(&lines[at]).is_some() {
                    run.push(at);
                } else if !matches!(lines[at].kind, LineKind::Blank | LineKind::Furniture) {
                    run.clear();
                }
            }
        }
    }
}

/// "Becoming a Foster Carer:" over bullets, in a list without numbers: an
/// unnumbered part.
fn colon_headings(lines: &mut [Line]) {
    if lines.iter().any(|l| number_of(&l.kind).is_some()) {
        return;
    }
    for at in 0..lines.len() {
        let LineKind::Text { text, .. } = &lines[at].kind else {
            continue;
        };
        let Some(title) = text.trim_end().strip_suffix(':') else {
            continue;
        };
        let title = title.trim().to_string();
        if lines[at].is_indented || title.is_empty() || title.split_whitespace().count() > 12 {
            continue;
        }
        let bullets_follow = next_with_text(lines, at).is_some_and(|next| {
            lines[next].indent > 0 && matches!(lines[next].kind, LineKind::Text { .. })
        });
        if bullets_follow {
            lines[at].kind = LineKind::PartHeading(title);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_headings_have_a_label_and_maybe_a_name() {
        for yes in [
            "PART A: Core Procedures",
            "Part 2 – Children in Care",
            "PART B1",
            "Part IV. Court",
        ] {
            assert!(is_part_heading(yes), "{yes}");
        }
        for no in [
            "Part of the plan",
            "Partnership working",
            "PART",
            "Part time staff: rota",
        ] {
            assert!(!is_part_heading(no), "{no}");
        }
    }
}
