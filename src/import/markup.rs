//! Text as the importers read it: without its markup (Markdown links,
//! emphasis, escapes, list bullets' HTML remnants), its spaces made single,
//! and the site furniture every published page carries recognised.

/// Removes markdown escapes (`\(`) and emphasis markers, and turns
/// `[text](target)` into `text`. Returns the text and how many links it held.
pub fn strip_markup(text: &str) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let mut links = 0;
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '\\' => {
                if let Some(next) = chars.next() {
                    out.push(next);
                }
            }
            ']' if chars.peek() == Some(&'(') => {
                // Skip the link target up to its closing parenthesis.
                let mut depth = 0usize;
                for c in chars.by_ref() {
                    match c {
                        '(' => depth += 1,
                        ')' if depth <= 1 => break,
                        ')' => depth -= 1,
                        _ => {}
                    }
                }
                links += 1;
            }
            '[' => {}
            '*' | '_' if is_emphasis_marker(&out, chars.peek().copied()) => {}
            _ => out.push(ch),
        }
    }
    (out, links)
}

/// `*` and `_` are emphasis at the edge of a word, and ordinary characters
/// inside one ("snake_case").
fn is_emphasis_marker(before: &str, after: Option<char>) -> bool {
    let prev = before.chars().next_back();
    !(prev.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric))
}

/// The visible texts of the markdown links in `markup`, in order.
pub(super) fn markdown_link_texts(markup: &str) -> Vec<String> {
    let mut texts = Vec::new();
    let mut rest = markup;
    while let Some(open) = find_unescaped(rest, '[') {
        let after_open = &rest[open + 1..];
        let Some(close) = after_open.find("](") else {
            break;
        };
        texts.push(strip_markup(&after_open[..close]).0);
        let after_target = &after_open[close + 2..];
        let end = find_unescaped(after_target, ')').map_or(after_target.len(), |i| i + 1);
        rest = &after_target[end..];
    }
    texts
}

fn find_unescaped(text: &str, wanted: char) -> Option<usize> {
    let mut escaped = false;
    for (index, ch) in text.char_indices() {
        if escaped {
            escaped = false;
        } else if ch == '\\' {
            escaped = true;
        } else if ch == wanted {
            return Some(index);
        }
    }
    None
}

/// Collapses runs of white space (including no-break spaces) to one space.
pub fn clean_spaces(text: &str) -> String {
    text.split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

pub(crate) fn is_furniture(text: &str) -> bool {
    let lower = text.to_lowercase();
    let lower = lower.trim_end_matches(['.', ':', ' ']);
    matches!(
        lower,
        "skip to main content"
            | "skip to content"
            | "skip to navigation"
            | "top of page"
            | "end"
            | "back to top"
            | "menu"
            | "main menu"
            | "home"
            | "search"
            | "search this site"
            | "print"
            | "share"
            | "contents"
            | "privacy notice"
            | "privacy policy"
            | "privacy"
            | "accessibility"
            | "accessibility statement"
            | "cookies"
            | "cookie settings"
            | "cookie policy"
            | "manage cookies"
            | "accept all cookies"
            | "reject all cookies"
            | "accept cookies"
            | "reject cookies"
            | "terms and conditions"
            | "contact us"
            | "log in"
            | "login"
            | "sign in"
            | "close"
            // Page controls.
            | "show amendments"
            | "hide amendments"
            | "show all"
            | "hide all"
            | "expand all"
            | "collapse all"
            | "print this page"
            | "print page"
            // Site lines.
            | "sign up for alerts"
            | "sign up to alerts"
            | "sign up for email alerts"
            | "sign up for updates"
            | "subscribe"
            | "subscribe to updates"
            // A word left by a picture.
            | "photo"
            | "image"
            | "picture"
            | "icon"
            | "logo"
            | "banner"
    ) || lower.starts_with("caption:")
        || lower.starts_with("text size")
        || lower.starts_with("change text size")
        || lower.starts_with("size: view this website")
        || lower.starts_with('©')
        || lower.starts_with("copyright")
        || lower.starts_with("we use cookies")
        || lower.starts_with("this website uses cookies")
        || lower.starts_with("this site uses cookies")
        || lower.ends_with(" logo")
        // A navigation button: "View the Stockport Manual".
        || (lower.starts_with("view ") && lower.ends_with(" manual"))
}
