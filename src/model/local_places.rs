//! Places a template marks in a chapter's body for local text ("A local
//! policy can be substituted here"): a line `<!-- local: NAME -->`, the
//! text the council writes, and a line `<!-- end local -->`. The markers
//! are HTML comments, so a published page shows only the text between
//! them; a pull of the next template update never touches a filled place.

use std::ops::Range;

const OPEN: &str = "<!-- local:";
const CLOSE: &str = "<!-- end local -->";

/// One marked place: its name and where its text is in the body (whole
/// lines between the two marker lines).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub name: String,
    pub content: Range<usize>,
}

/// Whether a line is a marker (opening or closing), which a reader never
/// sees.
pub fn is_marker(line: &str) -> bool {
    opening_name(line).is_some() || line.trim() == CLOSE
}

fn opening_name(line: &str) -> Option<&str> {
    let name = line.trim().strip_prefix(OPEN)?.strip_suffix("-->")?.trim();
    (!name.is_empty()).then_some(name)
}

/// The marked places of `body`, in order. A place without its closing
/// line is not a place.
pub fn places(body: &str) -> Vec<Place> {
    let mut found = Vec::new();
    let mut open: Option<(String, usize)> = None;
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        let start = at;
        at += line.len();
        if let Some(name) = opening_name(line) {
            open = Some((name.to_string(), at));
        } else if line.trim() == CLOSE
            && let Some((name, from)) = open.take()
        {
            found.push(Place {
                name,
                content: from..start,
            });
        }
    }
    found
}

/// The text of the place called `name`, if `body` marks one.
pub fn text_of<'b>(body: &'b str, name: &str) -> Option<&'b str> {
    places(body)
        .into_iter()
        .find(|p| p.name == name)
        .map(|p| &body[p.content])
}

/// `body` with the place called `name` holding `text` (`None` when it
/// marks no such place).
pub fn with_text(body: &str, name: &str, text: &str) -> Option<String> {
    let place = places(body).into_iter().find(|p| p.name == name)?;
    let mut out = String::with_capacity(body.len() + text.len());
    out.push_str(&body[..place.content.start]);
    out.push_str(text);
    out.push_str(&body[place.content.end..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str =
        "Intro.\n\n<!-- local: contacts -->\nCall the duty team.\n<!-- end local -->\n\nMore.\n";

    #[test]
    fn a_place_is_the_lines_between_its_markers() {
        let found = places(BODY);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].name, "contacts");
        assert_eq!(text_of(BODY, "contacts"), Some("Call the duty team.\n"));
        assert_eq!(text_of(BODY, "other"), None);
        assert!(is_marker("  <!-- local: contacts -->\n") && is_marker("<!-- end local -->"));
        assert!(!is_marker("<!-- a comment -->"));
    }

    #[test]
    fn filling_a_place_changes_only_its_text() {
        let filled = with_text(BODY, "contacts", "Ring 0161 000 0000.\nOr e-mail.\n").unwrap();
        assert_eq!(
            filled,
            "Intro.\n\n<!-- local: contacts -->\nRing 0161 000 0000.\nOr e-mail.\n<!-- end local -->\n\nMore.\n"
        );
        assert_eq!(with_text(BODY, "missing", "x"), None);
    }

    #[test]
    fn an_unclosed_or_nameless_marker_is_no_place() {
        assert!(places("<!-- local: a -->\ntext\n").is_empty());
        assert!(places("<!-- local: -->\ntext\n<!-- end local -->\n").is_empty());
    }
}
