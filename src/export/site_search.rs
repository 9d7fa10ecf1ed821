//! Search for the published site, without a server or a framework: a
//! compact index (`search-index.js`: each chapter's place, label, badge
//! and opening words, and an inverted index of its words, title words
//! marked) and a small script of our own (`search.js`) that matches the
//! words typed as prefixes ("foster" finds "fostering"), ranks title
//! matches first, and shows each result with its passage and the words
//! marked. `search.html?q=…` can be linked and bookmarked; without
//! JavaScript the page leads to the contents and the document index.

use rustc_hash::FxHashMap;

use super::layout::{Page, PageContext, entry_href};
use super::markup::Markup;
use super::site::Site;

/// The script, embedded so the program exports from any folder.
const SEARCH_JS: &str = include_str!("../../assets/export/search.js");

/// How many characters of each chapter's text the index keeps to show. A
/// word found further in is shown in its passage by fetching the chapter
/// page (on a web server; a page opened from a file shows the opening).
const EXCERPT_CHARS: usize = 400;

/// Longer "words" (a pasted hash, a run of letters) are not indexed: the
/// index stays small whatever a body holds. The script drops them too.
const MAX_WORD_CHARS: usize = 50;

/// Words too common to be worth indexing.
const STOP_WORDS: &[&str] = &[
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
fn word_slices(lowered: &str) -> impl Iterator<Item = &str> {
    lowered
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .map(|w| {
            let w = w.trim_matches(['\'', '’']);
            w.strip_suffix("'s")
                .or_else(|| w.strip_suffix("’s"))
                .unwrap_or(w)
        })
        .filter(|w| {
            !w.is_empty() && !STOP_WORDS.contains(w) && w.chars().nth(MAX_WORD_CHARS).is_none()
        })
}

/// Markdown as plain words, read by pulldown-cmark as the pages render it:
/// text, code and a picture's alt text kept; markup, link targets and HTML
/// dropped; a space between blocks.
fn plain(markdown: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut out = String::with_capacity(markdown.len().min(4 * EXCERPT_CHARS));
    let parser = Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    );
    for event in parser {
        match event {
            Event::Text(text) | Event::Code(text) => out.push_str(&text),
            Event::SoftBreak | Event::HardBreak | Event::Rule => out.push(' '),
            Event::Start(Tag::Item | Tag::List(_)) => out.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::TableCell
                | TagEnd::TableRow
                | TagEnd::TableHead,
            ) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `search-index.js`: `window.MANUAL_SEARCH = {stop: [word, …], maxWord:
/// N, docs: [[href, label, badge, excerpt], …], words: {word: "3,17*,42",
/// …}}`: the stop words and the longest word indexed (so the script drops
/// what the index dropped), document numbers in base 36, `*` after one
/// whose title holds the word.
pub fn index_js(site: &Site) -> String {
    let mut docs = String::with_capacity(site.chapters.len() * (EXCERPT_CHARS + 80));
    let mut postings: FxHashMap<String, Vec<(usize, bool)>> = FxHashMap::default();
    for (n, &index) in site.chapters.iter().enumerate() {
        let item = &site.entries[index];
        let label = item.label();
        let chapter = item.entry.chapter_details();
        let text = chapter.map_or_else(String::new, |c| plain(&format!("{}\n{}", c.scope, c.body)));
        let excerpt: String = text.chars().take(EXCERPT_CHARS).collect();
        let badge = site.manual.badge_of(item.entry).label().unwrap_or("");
        docs.push_str(&format!(
            "[{},{},{},{}],\n",
            js_string(&entry_href(site, index, "")),
            js_string(&label),
            js_string(badge),
            js_string(&excerpt)
        ));
        let (title, text) = (label.to_lowercase(), text.to_lowercase());
        let mut seen: FxHashMap<&str, bool> = FxHashMap::default();
        for word in word_slices(&title) {
            seen.insert(word, true);
        }
        for word in word_slices(&text) {
            seen.entry(word).or_insert(false);
        }
        for (word, in_title) in seen {
            match postings.get_mut(word) {
                Some(list) => list.push((n, in_title)),
                None => {
                    postings.insert(word.to_string(), vec![(n, in_title)]);
                }
            }
        }
    }
    let mut postings: Vec<(String, Vec<(usize, bool)>)> = postings.into_iter().collect();
    postings.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut out = String::with_capacity(docs.len() * 2);
    // The tokeniser's data, defined once here: the script drops the same
    // words as the index.
    let stop: Vec<String> = STOP_WORDS.iter().map(|w| js_string(w)).collect();
    out.push_str(&format!(
        "window.MANUAL_SEARCH = {{stop: [{}],\nmaxWord: {MAX_WORD_CHARS},\ndocs: [\n",
        stop.join(",")
    ));
    out.push_str(&docs);
    out.push_str("],\nwords: {\n");
    for (word, docs) in &postings {
        let list: Vec<String> = docs
            .iter()
            .map(|(n, title)| format!("{}{}", base36(*n), if *title { "*" } else { "" }))
            .collect();
        out.push_str(&format!("{}:\"{}\",\n", js_string(word), list.join(",")));
    }
    out.push_str("}};\n");
    out
}

fn base36(mut n: usize) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[n % 36]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A JavaScript string literal; `<` escaped so no text can close a script.
fn js_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            '<' => out.push_str("\\u003c"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c if (c as u32) < 0x20 => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
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
        m.el(
            "ol",
            &[("id", "search-results"), ("class", "search-results")],
            |_| {},
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
    }

    #[test]
    fn markdown_becomes_plain_words() {
        assert_eq!(
            plain(
                "## Scope\n\nSee **the** [carers chapter](entry:young-carers) and ![chart](m.files/c.png).\n\n- one\n  - two"
            ),
            "Scope See the carers chapter and chart. one two"
        );
    }

    #[test]
    fn the_index_marks_title_words_and_escapes_text() {
        let manual = crate::store::format::stockport_sample();
        let site = Site::new(&manual);
        let js = index_js(&site);
        assert!(js.starts_with("window.MANUAL_SEARCH = {stop: [\"a\",\"an\","));
        assert!(js.contains("\nmaxWord: 50,\ndocs: [\n"), "{}", &js[..200]);
        // The script keeps no list of its own.
        assert!(!script().contains("\"their\"") && !script().contains(" their "));
        assert!(js.contains("\"young\":\""), "young is indexed");
        let carers = js.lines().find(|l| l.starts_with("\"carers\":")).unwrap();
        assert!(carers.contains('*'), "a title word is marked: {carers}");
        assert_eq!(js_string("a</script>\"b"), "\"a\\u003c/script>\\\"b\"");
        assert_eq!(base36(71), "1z");
    }
}
