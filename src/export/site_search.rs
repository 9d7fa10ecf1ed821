//! Search for the published site, without a server or a framework: an
//! index in small files that a query loads only as it needs them (see
//! [`super::search_index`]) and a small script of our own (`search.js`)
//! that matches the words typed as prefixes ("foster" finds "fostering"),
//! ranks title matches first, shows each result with its passage and the
//! words marked, and offers "Did you mean" for a word that matches
//! nothing. `search.html?q=…` can be linked and bookmarked; without
//! JavaScript the page leads to the contents and the document index.

use super::layout::{Page, PageContext};
use super::markup::Markup;

/// The script, embedded so the program exports from any folder.
const SEARCH_JS: &str = include_str!("../../assets/export/search.js");

/// How many characters of each chapter's text the index keeps to show. A
/// word found further in is shown in its passage by fetching the chapter
/// page (on a web server; a page opened from a file shows the opening).
pub(super) const EXCERPT_CHARS: usize = 400;

/// Longer "words" (a pasted hash, a run of letters) are not indexed: the
/// index stays small whatever a body holds. The script drops them too.
pub(super) const MAX_WORD_CHARS: usize = 50;

/// Words too common to be worth indexing.
pub(super) const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is",
    "it", "its", "of", "on", "or", "that", "the", "their", "this", "to", "was", "were", "will",
    "with",
];

/// The words of `text` as the index keeps them: lower case, letters and
/// digits, the possessive `'s` dropped.
pub fn words(text: &str) -> impl Iterator<Item = String> {
    let lowered = text.to_lowercase();
    word_slices(&lowered)
        .map(str::to_string)
        .collect::<Vec<_>>()
        .into_iter()
}

/// [`words`] of text already in lower case, as slices of it (no
/// allocation per word: a 10,000-chapter manual has millions).
pub(super) fn word_slices(lowered: &str) -> impl Iterator<Item = &str> {
    lowered
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .map(|w| {
            let w = w.trim_matches(['\'', '’']);
            w.strip_suffix("'s")
                .or_else(|| w.strip_suffix("’s"))
                .unwrap_or(w)
        })
        .filter(|w| !w.is_empty() && !is_stop_word(w) && !is_too_long(w))
}

/// True for the [`STOP_WORDS`]: none is longer than five letters, so a
/// longer word (most of them) is not looked for in the list.
fn is_stop_word(word: &str) -> bool {
    word.len() <= 5 && STOP_WORDS.contains(&word)
}

/// True for a word of more than [`MAX_WORD_CHARS`] characters; a word of
/// no more bytes than that is never counted.
fn is_too_long(word: &str) -> bool {
    word.len() > MAX_WORD_CHARS && word.chars().nth(MAX_WORD_CHARS).is_some()
}

/// Markdown as plain words, read by pulldown-cmark as the pages render it:
/// text, code and a picture's alt text kept; markup, link targets and HTML
/// dropped; a space between blocks.
pub(super) fn plain(markdown: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut out = String::with_capacity(markdown.len());
    // A space is due before the next word: words are joined by one space
    // whatever ran between them, and text split over events (`**a**b`)
    // stays one word.
    let mut space = false;
    let parser = Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    );
    for event in parser {
        match event {
            Event::Text(text) | Event::Code(text) => push_words(&mut out, &text, &mut space),
            Event::SoftBreak | Event::HardBreak | Event::Rule => space = true,
            Event::Start(Tag::Item | Tag::List(_)) => space = true,
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::TableCell
                | TagEnd::TableRow
                | TagEnd::TableHead,
            ) => space = true,
            _ => {}
        }
    }
    out
}

/// Adds the words of `text` to `out`, one space between words (`space`
/// says one is due before the first), as `split_whitespace` would part
/// them: ASCII read byte by byte, other characters decoded.
fn push_words(out: &mut String, text: &str, space: &mut bool) {
    let bytes = text.as_bytes();
    let mut word: Option<usize> = None;
    let push = |out: &mut String, piece: &str, space: &mut bool| {
        if *space && !out.is_empty() {
            out.push(' ');
        }
        *space = false;
        out.push_str(piece);
    };
    let mut at = 0;
    while at < bytes.len() {
        let (is_space, width) = if bytes[at].is_ascii() {
            (
                matches!(bytes[at], b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c),
                1,
            )
        } else {
            let c = text[at..].chars().next().unwrap_or(' ');
            (c.is_whitespace(), c.len_utf8())
        };
        if is_space {
            if let Some(start) = word.take() {
                push(out, &text[start..at], space);
            }
            *space = true;
        } else if word.is_none() {
            word = Some(at);
        }
        at += width;
    }
    if let Some(start) = word {
        push(out, &text[start..], space);
    }
}

/// The script, as written to `search.js`.
pub fn script() -> &'static str {
    SEARCH_JS
}

/// `search.html`: the form, the results (announced through a live
/// region), and what to do without JavaScript.
pub fn search_page(ctx: &PageContext) -> String {
    let page = Page {
        root: "",
        path: "search.html",
        title: "Search",
        scripts: &["search-index.js", "search.js"],
        description: "",
    };
    let main = |m: &mut Markup| {
        m.text_el("h1", &[], "Search");
        m.el(
            "form",
            &[
                ("role", "search"),
                ("action", "search.html"),
                ("method", "get"),
                ("class", "search-form"),
            ],
            |m| {
                m.text_el("label", &[("for", "q")], "Search the manual");
                m.void(
                    "input",
                    &[
                        ("id", "q"),
                        ("name", "q"),
                        ("type", "search"),
                        ("autocomplete", "off"),
                        ("aria-describedby", "search-hint"),
                    ],
                );
                m.text_el("button", &[("type", "submit")], "Search");
                m.text_el(
                    "p",
                    &[("id", "search-hint"), ("class", "hint")],
                    "Words of a title or of a chapter's text; the start of a word is enough.",
                );
            },
        );
        m.el("div", &[("id", "no-script")], |m| {
            m.el("p", &[], |m| {
                m.text(
                    "Searching needs JavaScript, which is off in this browser. Find a chapter in ",
                );
                m.text_el("a", &[("href", "index.html")], "the contents");
                m.text(" or ");
                m.text_el(
                    "a",
                    &[("href", "document-index.html")],
                    "the document index",
                );
                m.text(" instead.");
            });
        });
        m.el(
            "p",
            &[
                ("id", "search-status"),
                ("role", "status"),
                ("aria-live", "polite"),
            ],
            |_| {},
        );
        m.el("p", &[("id", "search-suggestion")], |_| {});
        m.el(
            "ol",
            &[("id", "search-results"), ("class", "search-results")],
            |_| {},
        );
        m.el(
            "button",
            &[("id", "search-more"), ("type", "button"), ("hidden", "")],
            |m| m.text("Show more results"),
        );
    };
    page.render(ctx, |_| {}, main, |_| {})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_folded_and_common_ones_dropped() {
        let found: Vec<String> =
            words("The Child's Plan: Section 47 Enquiries & Children’s Homes").collect();
        assert_eq!(
            found,
            [
                "child",
                "plan",
                "section",
                "47",
                "enquiries",
                "children",
                "homes"
            ]
        );
    }

    #[test]
    fn a_word_longer_than_the_cap_is_not_indexed() {
        let long = "x".repeat(MAX_WORD_CHARS + 1);
        let edge = "y".repeat(MAX_WORD_CHARS);
        let found: Vec<String> = words(&format!("carers {long} {edge}")).collect();
        assert_eq!(found, ["carers".to_string(), edge]);
        // Counted in characters, not bytes: 50 two-byte letters are a word.
        let accented = "é".repeat(MAX_WORD_CHARS);
        assert_eq!(words(&accented).count(), 1);
    }

    #[test]
    fn every_stop_word_is_short_enough_to_be_looked_for() {
        for word in STOP_WORDS {
            assert!(is_stop_word(word), "{word}");
        }
        assert!(!is_stop_word("their's"));
    }

    #[test]
    fn markdown_becomes_plain_words() {
        assert_eq!(
            plain(
                "## Scope\n\nSee **the** [carers chapter](entry:young-carers) and ![chart](m.files/c.png).\n\n- one\n  - two"
            ),
            "Scope See the carers chapter and chart. one two"
        );
        // Split the way split_whitespace splits: no-break and other
        // Unicode spaces part words, text over two events stays one word.
        assert_eq!(
            plain("  a\u{a0}b\u{2003} c\u{b}d **e**f\n\n\u{e9}t\u{e9}  "),
            "a b c d ef été"
        );
    }
}
