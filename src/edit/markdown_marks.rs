//! The body's formatting toolbar as plain text operations: bold and italic
//! wrap the selection (or unwrap it), heading and lists mark each selected
//! line (or unmark them). Positions are character indices, as the text
//! field's cursor counts them.

use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Bold,
    Italic,
    Heading,
    Bullets,
    Numbers,
}

impl Format {
    pub fn label(self) -> &'static str {
        match self {
            Format::Bold => "Bold",
            Format::Italic => "Italic",
            Format::Heading => "Heading",
            Format::Bullets => "Bulleted list",
            Format::Numbers => "Numbered list",
        }
    }
}

/// The byte offset of character `index` in `text` (its end past the last).
pub fn byte_of(text: &str, index: usize) -> usize {
    text.char_indices()
        .nth(index)
        .map_or(text.len(), |(at, _)| at)
}

/// The character index of byte offset `at`.
pub fn char_of(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].chars().count()
}

/// Applies `format` to the `selection` (character indices) of `text`;
/// returns the new text and the selection to show afterwards.
pub fn apply_format(text: &str, selection: Range<usize>, format: Format) -> (String, Range<usize>) {
    let (start, end) = (byte_of(text, selection.start), byte_of(text, selection.end));
    let (start, end) = (start.min(end), start.max(end));
    match format {
        Format::Bold => wrap(text, start..end, "**"),
        Format::Italic => wrap(text, start..end, "_"),
        Format::Heading => mark_lines(
            text,
            start..end,
            |_| "## ".to_string(),
            is_heading,
            is_heading,
        ),
        Format::Bullets => mark_lines(text, start..end, |_| "- ".to_string(), is_bullet, is_list),
        Format::Numbers => mark_lines(
            text,
            start..end,
            |n| format!("{}. ", n + 1),
            is_number,
            is_list,
        ),
    }
}

/// Wraps `range` in `mark` (or takes the marks away when they are there).
fn wrap(text: &str, range: Range<usize>, mark: &str) -> (String, Range<usize>) {
    let inner = &text[range.clone()];
    let before = &text[..range.start];
    let after = &text[range.end..];
    if before.ends_with(mark) && after.starts_with(mark) {
        let start = range.start - mark.len();
        let out = format!("{}{inner}{}", &before[..start], &after[mark.len()..]);
        let first = char_of(&out, start);
        return (out.clone(), first..first + inner.chars().count());
    }
    if inner.len() >= 2 * mark.len() && inner.starts_with(mark) && inner.ends_with(mark) {
        let bare = &inner[mark.len()..inner.len() - mark.len()];
        let out = format!("{before}{bare}{after}");
        let first = char_of(&out, range.start);
        return (out.clone(), first..first + bare.chars().count());
    }
    let out = format!("{before}{mark}{inner}{mark}{after}");
    let first = char_of(&out, range.start + mark.len());
    (out.clone(), first..first + inner.chars().count())
}

fn is_heading(line: &str) -> Option<usize> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    (hashes > 0 && line[hashes..].starts_with(' ')).then_some(hashes + 1)
}

fn is_bullet(line: &str) -> Option<usize> {
    (line.starts_with("- ") || line.starts_with("* ")).then_some(2)
}

fn is_number(line: &str) -> Option<usize> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0 && line[digits..].starts_with(". ")).then_some(digits + 2)
}

/// Either kind of list item: switching kinds replaces the marker.
fn is_list(line: &str) -> Option<usize> {
    is_bullet(line).or_else(|| is_number(line))
}

/// Marks every line the range touches with `mark(n)` (n: its place among
/// them), replacing any marker `replaced` finds, or takes the marks away
/// when every line is `marked` already.
fn mark_lines(
    text: &str,
    range: Range<usize>,
    mark: impl Fn(usize) -> String,
    marked: fn(&str) -> Option<usize>,
    replaced: fn(&str) -> Option<usize>,
) -> (String, Range<usize>) {
    let first = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let last = text[range.end..]
        .find('\n')
        .map_or(text.len(), |i| range.end + i);
    let lines: Vec<&str> = text[first..last].split('\n').collect();
    let all_marked = lines.iter().all(|l| marked(l).is_some());
    let changed: Vec<String> = lines
        .iter()
        .enumerate()
        .map(|(n, line)| match (all_marked, replaced(line)) {
            (true, Some(len)) => line[len..].to_string(),
            (false, Some(len)) => format!("{}{}", mark(n), &line[len..]),
            (false, None) => format!("{}{line}", mark(n)),
            (true, None) => (*line).to_string(),
        })
        .collect();
    let block = changed.join("\n");
    let out = format!("{}{block}{}", &text[..first], &text[last..]);
    let start = char_of(&out, first);
    (out.clone(), start..start + block.chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bold_and_italic_wrap_and_unwrap_the_selection() {
        let (text, sel) = apply_format("make this strong", 5..9, Format::Bold);
        assert_eq!(text, "make **this** strong");
        assert_eq!(sel, 7..11);
        let (again, sel) = apply_format(&text, sel, Format::Bold);
        assert_eq!(again, "make this strong");
        assert_eq!(sel, 5..9);
        let (text, _) = apply_format("café au lait", 0..4, Format::Italic);
        assert_eq!(text, "_café_ au lait");
        // Selecting the marks too also unwraps.
        let (text, _) = apply_format("a **b** c", 2..7, Format::Bold);
        assert_eq!(text, "a b c");
        // No selection: an empty pair with the cursor inside.
        let (text, sel) = apply_format("ab", 1..1, Format::Bold);
        assert_eq!((text.as_str(), sel), ("a****b", 3..3));
    }

    #[test]
    fn headings_and_lists_mark_every_selected_line_and_toggle_back() {
        let body = "Intro\nfirst\nsecond\nthird\nEnd";
        // From the middle of "first" to the middle of "third".
        let (text, sel) = apply_format(body, 8..22, Format::Bullets);
        assert_eq!(text, "Intro\n- first\n- second\n- third\nEnd");
        let (back, _) = apply_format(&text, sel.clone(), Format::Bullets);
        assert_eq!(back, body);
        let (numbered, _) = apply_format(body, 8..22, Format::Numbers);
        assert_eq!(numbered, "Intro\n1. first\n2. second\n3. third\nEnd");
        // A bulleted list becomes a numbered one.
        let (renumbered, _) = apply_format(&text, sel, Format::Numbers);
        assert_eq!(renumbered, "Intro\n1. first\n2. second\n3. third\nEnd");
        let (heading, _) = apply_format(body, 0..0, Format::Heading);
        assert_eq!(heading, "## Intro\nfirst\nsecond\nthird\nEnd");
        let (plain, _) = apply_format(&heading, 2..2, Format::Heading);
        assert_eq!(plain, body);
    }
}
