//! Search for the published site, without a server or a framework: an
//! index in small files that a query loads only as it needs them (see
//! [`super::search_index`]) and a small script of our own (`search.js`)
//! that matches the words typed as prefixes ("foster" finds "fostering"),
//! ranks title matches first, shows each result with its passage and the
//! words marked, and offers "Did you mean" for a word that matches
//! nothing. `search.html?q=…` can be linked and bookmarked; without
//! JavaScript the page leads to the contents and the document index.

use super::escape::{HIGHS, ONES, any_byte_below, padded_eight};
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
    Pieces::new(lowered).filter_map(indexed)
}

/// [`word_slices`], each given to `f`: one loop, with no iterator between
/// the splitting and `f`.
pub(super) fn for_each_word<'a>(lowered: &'a str, mut f: impl FnMut(&'a str)) {
    for piece in Pieces::new(lowered) {
        if let Some(word) = indexed(piece) {
            f(word);
        }
    }
}

/// A word as [`for_each_word_packed`] gives it.
pub(super) enum IndexWord<'a> {
    /// At most 16 bytes of ASCII letters and digits, in lower case, as
    /// [`super::word_chapters`] packs them; stop words among them.
    Packed((u64, u64)),
    /// Any other word, in lower case, cleaned and kept as [`indexed`]
    /// keeps it.
    Text(&'a str),
}

/// [`for_each_word`] for the index, which reads every word of every
/// chapter, of `text` as written: a word of at most 16 bytes of ASCII
/// letters and digits (nearly every word, and every stop word, which the
/// caller drops) is given packed and lowered, read from the text in two
/// loads with no branch on its length (the branches on a word's length
/// were mispredicted about every third word); any other word is lowered
/// on its own (and split again where lowering made a character that is
/// not a letter, as lowering the whole text first would) and given as
/// text.
#[inline(always)]
pub(super) fn for_each_word_packed(text: &str, mut f: impl FnMut(IndexWord<'_>)) {
    let bytes = text.as_bytes();
    let mut pieces = Pieces::new(text);
    while let Some((start, end)) = pieces.next_span() {
        if let Some(key) = super::word_chapters::packed_plain(bytes, start, end) {
            f(IndexWord::Packed(key));
        } else if let Some(piece) = text.get(start..end) {
            if piece.bytes().any(|b| b.is_ascii_uppercase()) || !piece.is_ascii() {
                let lowered = piece.to_lowercase();
                for_each_word(&lowered, |word| f(IndexWord::Text(word)));
            } else if let Some(word) = indexed(piece) {
                f(IndexWord::Text(word));
            }
        }
    }
}

/// A piece of text as the word the index keeps, if it keeps one.
#[inline]
fn indexed(piece: &str) -> Option<&str> {
    let word = clean_word(piece);
    (!word.is_empty() && !is_stop_word(word) && !is_too_long(word)).then_some(word)
}

/// A run of letters, digits and apostrophes as a word: apostrophes around
/// it and a possessive `'s` dropped.
#[inline]
fn clean_word(piece: &str) -> &str {
    let bytes = piece.as_bytes();
    // Most words begin and end with an ASCII letter and have no `'s`
    // (`’` ends in byte 0x99).
    let last = bytes.len() - 1;
    if bytes[0].is_ascii_alphanumeric()
        && bytes[last].is_ascii_alphanumeric()
        && (last == 0 || !matches!(bytes[last - 1], b'\'' | 0x99))
    {
        return piece;
    }
    let w = piece.trim_matches(['\'', '’']);
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .unwrap_or(w)
}

/// The runs of letters, digits and apostrophes in a text: what it is
/// split into before the words are cleaned. The text is first read into
/// a bit a byte (set for a byte of a word), 64 bytes of ASCII at a time
/// with no branch a byte; the runs are then found from the bits, a few
/// steps a word. Byte by byte, every word's end was a mispredicted branch
/// and the splitting of every chapter's text took a tenth of an export.
struct Pieces<'a> {
    text: &'a str,
    /// Bit `i % 64` of `masks[i / 64]`: byte `i` belongs to a word.
    masks: Vec<u64>,
    /// The block being read, and its bits not yet passed.
    block: usize,
    bits: u64,
}

impl<'a> Pieces<'a> {
    fn new(text: &'a str) -> Self {
        let masks = word_masks(text);
        let bits = masks.first().copied().unwrap_or(0);
        Pieces {
            text,
            masks,
            block: 0,
            bits,
        }
    }
}

/// The high bit of each byte of `x` (all below 0x80) from `lo` to `hi`:
/// adding `0x80 - lo` sets it from `lo` up, adding `0x7f - hi` above
/// `hi`, and no byte carries into the next.
#[inline]
fn between(x: u64, lo: u8, hi: u8) -> u64 {
    let from_lo = x.wrapping_add(ONES * u64::from(0x80 - lo));
    let above_hi = x.wrapping_add(ONES * u64::from(0x7f - hi));
    from_lo & !above_hi & HIGHS
}

/// The bits of eight bytes of ASCII that belong to a word (a letter,
/// digit or apostrophe), bit `i` for byte `i`; `None` when a byte is
/// outside ASCII.
#[inline]
fn ascii_word_bits(chunk: [u8; 8]) -> Option<u64> {
    let x = u64::from_le_bytes(chunk);
    if x & HIGHS != 0 {
        return None;
    }
    let word =
        between(x | (ONES * 0x20), b'a', b'z') | between(x, b'0', b'9') | between(x, b'\'', b'\'');
    // Each byte's flag to its lowest bit, then the eight gathered into the
    // top byte by one multiplication (no two partial products overlap).
    Some(((word >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56)
}

/// Whether character `c` belongs to a word.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’'
}

/// The word bits of `text` (see [`Pieces`]): blocks of 64 bytes of ASCII
/// read eight bytes at a time, the rest character by character.
fn word_masks(text: &str) -> Vec<u64> {
    let bytes = text.as_bytes();
    let mut masks = vec![0u64; bytes.len().div_ceil(64)];
    let mut at = 0;
    while at < bytes.len() {
        if at % 64 == 0
            && let Some(block) = bytes.get(at..at + 64)
            && let Some(mask) = block_bits(block)
        {
            masks[at / 64] = mask;
            at += 64;
            continue;
        }
        let c = text[at..].chars().next().unwrap_or(' ');
        let width = c.len_utf8();
        if is_word_char(c) {
            for byte in at..at + width {
                masks[byte / 64] |= 1 << (byte % 64);
            }
        }
        at += width;
    }
    masks
}

/// The word bits of 64 bytes of ASCII; `None` when one is outside it.
#[inline]
fn block_bits(block: &[u8]) -> Option<u64> {
    let mut mask = 0;
    for (i, chunk) in block.chunks_exact(8).enumerate() {
        let chunk: [u8; 8] = chunk.try_into().ok()?;
        mask |= ascii_word_bits(chunk)? << (8 * i);
    }
    Some(mask)
}

impl Pieces<'_> {
    /// Where the next run begins and ends in the text.
    #[inline(always)]
    fn next_span(&mut self) -> Option<(usize, usize)> {
        // To the next word's first byte.
        while self.bits == 0 {
            self.block += 1;
            self.bits = *self.masks.get(self.block)?;
        }
        let first = self.bits.trailing_zeros() as usize;
        let start = self.block * 64 + first;
        // The word's bytes in this block; when they run to its end, on
        // through the next blocks.
        let run = (!(self.bits >> first)).trailing_zeros() as usize;
        let end = if first + run < 64 {
            self.bits &= u64::MAX << (first + run);
            self.block * 64 + first + run
        } else {
            loop {
                self.block += 1;
                let Some(&mask) = self.masks.get(self.block) else {
                    self.bits = 0;
                    break self.text.len();
                };
                let run = (!mask).trailing_zeros() as usize;
                if run < 64 {
                    self.bits = mask & (u64::MAX << run);
                    break self.block * 64 + run;
                }
            }
        };
        Some((start, end))
    }
}

impl<'a> Iterator for Pieces<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        let (start, end) = self.next_span()?;
        // A word's bytes are whole characters, so both ends are boundaries.
        self.text.get(start..end)
    }
}

/// A word of at most seven bytes as a number (its bytes and its length),
/// so the stop words are looked for without comparing strings.
const fn packed(word: &[u8]) -> u64 {
    let mut value = word.len() as u64;
    let mut i = 0;
    while i < word.len() {
        value = (value << 8) | word[i] as u64;
        i += 1;
    }
    value
}

/// The [`STOP_WORDS`] packed.
const STOP_PACKED: [u64; STOP_WORDS.len()] = {
    let mut out = [0; STOP_WORDS.len()];
    let mut i = 0;
    while i < STOP_WORDS.len() {
        out[i] = packed(STOP_WORDS[i].as_bytes());
        i += 1;
    }
    out
};

/// True for the [`STOP_WORDS`]: none is longer than five letters, so a
/// longer word (most of them) is not looked for in the list.
#[inline]
fn is_stop_word(word: &str) -> bool {
    let bytes = word.as_bytes();
    let Some(&first) = bytes.first() else {
        return false;
    };
    // Most short words ("care", "must") share no length and first letter
    // with a stop word, and are let through without the list.
    bytes.len() <= 5
        && first.is_ascii_lowercase()
        && STOP_FIRST[bytes.len()] & (1 << (first - b'a')) != 0
        && STOP_PACKED.contains(&packed(bytes))
}

/// For each length up to five, the first letters of the [`STOP_WORDS`] of
/// that length, a bit each.
const STOP_FIRST: [u32; 6] = {
    let mut out = [0; 6];
    let mut i = 0;
    while i < STOP_WORDS.len() {
        let word = STOP_WORDS[i].as_bytes();
        out[word.len()] |= 1 << (word[0] - b'a');
        i += 1;
    }
    out
};

/// True for a word of more than [`MAX_WORD_CHARS`] characters; a word of
/// no more bytes than that is never counted.
#[inline]
fn is_too_long(word: &str) -> bool {
    word.len() > MAX_WORD_CHARS && word.chars().nth(MAX_WORD_CHARS).is_some()
}

/// The options every reading of a chapter's Markdown uses.
pub(super) const MARKDOWN_OPTIONS: pulldown_cmark::Options =
    pulldown_cmark::Options::ENABLE_TABLES.union(pulldown_cmark::Options::ENABLE_STRIKETHROUGH);

/// A chapter's text as the search index and the page's description read
/// it, gathered from its Markdown events as they pass (the page's own
/// reading, so the text is parsed once): its opening as plain words, and
/// the whole of it in lower case for the index's words.
#[derive(Debug, Default)]
pub(super) struct TextOf {
    /// The plain words, as pulldown-cmark reads them for the page (text,
    /// code and a picture's alt text kept; markup, link targets and HTML
    /// dropped; a space between blocks), one space between them: all of
    /// them, or at least `limit` characters' worth when there are more.
    pub opening: String,
    /// Characters in `opening`, counted until it passes `limit`.
    opening_chars: usize,
    limit: usize,
    /// The text as written, blocks parted by a space, for the index's
    /// words (see [`for_each_word_packed`], which parts words at anything
    /// but a letter, so runs of spaces do not matter here, and lowers
    /// them).
    pub text: String,
    /// A space is due in `opening` before the next word: words are joined
    /// by one space whatever ran between them, and text split over events
    /// (`**a**b`) stays one word.
    space: bool,
}

impl TextOf {
    /// Collects an opening of at least `limit` characters (when the text
    /// has them) and the whole text in lower case.
    pub fn new(limit: usize) -> Self {
        TextOf {
            limit,
            ..TextOf::default()
        }
    }

    /// Makes room for the text of `bytes` of Markdown, and for its opening
    /// (which grew a few bytes at a time, several times a chapter).
    pub fn expect(&mut self, bytes: usize) {
        self.text.reserve(bytes);
        self.opening
            .reserve(bytes.min(self.limit.saturating_mul(2).saturating_add(64)));
    }

    /// `markdown` read on its own (not while a page renders).
    pub fn read(markdown: &str, limit: usize) -> Self {
        let mut text = TextOf::new(limit);
        text.expect(markdown.len());
        for event in pulldown_cmark::Parser::new_ext(markdown, MARKDOWN_OPTIONS) {
            text.event(&event);
        }
        text
    }

    /// Takes in one event of the Markdown's reading.
    pub fn event(&mut self, event: &pulldown_cmark::Event) {
        use pulldown_cmark::{Event, Tag, TagEnd};
        match event {
            Event::Text(text) | Event::Code(text) => self.text(text),
            Event::SoftBreak | Event::HardBreak | Event::Rule => self.gap(),
            Event::Start(Tag::Item | Tag::List(_)) => self.gap(),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::TableCell
                | TagEnd::TableRow
                | TagEnd::TableHead,
            ) => self.gap(),
            _ => {}
        }
    }

    /// A break between blocks or lines: the next word is another word.
    fn gap(&mut self) {
        self.space = true;
        if !self.text.ends_with(' ') {
            self.text.push(' ');
        }
    }

    fn text(&mut self, text: &str) {
        if self.opening_chars <= self.limit {
            let before = self.opening.len();
            push_words(&mut self.opening, text, &mut self.space);
            self.opening_chars += self.opening[before..].chars().count();
        }
        self.text.push_str(text);
    }
}

/// Adds the words of `text` to `out`, one space between words (`space`
/// says one is due before the first), as `split_whitespace` would part
/// them. Most text is ASCII whose only white space is single spaces
/// between words: that is added whole, found without reading it a byte at
/// a time; any other text goes through [`push_words_one_by_one`].
fn push_words(out: &mut String, text: &str, space: &mut bool) {
    let words = text.trim_matches(' ');
    let whole = !words.is_empty()
        && text.is_ascii()
        && !words.contains("  ")
        && !words
            .as_bytes()
            .chunks(8)
            .any(|chunk| any_byte_below(padded_eight(chunk), 0x0e) != 0);
    if !whole {
        push_words_one_by_one(out, text, space);
        return;
    }
    if (*space || text.starts_with(' ')) && !out.is_empty() {
        out.push(' ');
    }
    out.push_str(words);
    *space = text.ends_with(' ');
}

/// [`push_words`] for any text: ASCII read byte by byte, other characters
/// decoded.
fn push_words_one_by_one(out: &mut String, text: &str, space: &mut bool) {
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

    /// The runs of word characters, found a character at a time: what
    /// [`Pieces`] finds eight bytes at a time.
    fn pieces_one_by_one(text: &str) -> Vec<&str> {
        let in_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '’';
        let mut found = Vec::new();
        let mut start = None;
        for (at, c) in text.char_indices() {
            match (in_word(c), start) {
                (true, None) => start = Some(at),
                (false, Some(from)) => {
                    found.push(&text[from..at]);
                    start = None;
                }
                _ => {}
            }
        }
        found.extend(start.map(|from| &text[from..]));
        found
    }

    #[test]
    fn text_is_split_eight_bytes_at_a_time_as_one_at_a_time() {
        // Every kind of character at every place in a run of eight: ASCII
        // letters of both cases, digits, apostrophes, the bytes around
        // each range (`/`, `:`, `@`, `[`, `` ` ``, `{`), control and high
        // ASCII, letters and punctuation outside ASCII.
        let alphabet: Vec<char> = "aAzZ09'’/:@[`{ \t\n\u{7f}\u{1}é–ß中😀-.x".chars().collect();
        let mut seed = 0x2545_f491_u32;
        for length in 0..200 {
            for _ in 0..20 {
                let text = crate::export::random_text(&mut seed, length, |n| {
                    alphabet[n as usize % alphabet.len()]
                });
                let found: Vec<&str> = Pieces::new(&text).collect();
                assert_eq!(found, pieces_one_by_one(&text), "{text:?}");
            }
        }
        // Mostly ASCII (whole blocks of 64 read at once), now and then a
        // character outside it, words running across blocks.
        let ascii: Vec<char> = "abcxyz019' ,.-/:@[`{".chars().collect();
        let wide: Vec<char> = "é–ß中😀’".chars().collect();
        for length in (0..700).step_by(7) {
            for _ in 0..10 {
                let text = crate::export::random_text(&mut seed, length, |n| {
                    if n.is_multiple_of(97) {
                        wide[(n / 97) as usize % wide.len()]
                    } else {
                        ascii[n as usize % ascii.len()]
                    }
                });
                let found: Vec<&str> = Pieces::new(&text).collect();
                assert_eq!(found, pieces_one_by_one(&text), "{text:?}");
                // The index's loop keeps the words the iterator does.
                let mut each = Vec::new();
                for_each_word(&text, |word| each.push(word));
                assert_eq!(each, word_slices(&text).collect::<Vec<_>>(), "{text:?}");
            }
        }
        // Long runs of each, across many chunks.
        let long = format!(
            "{} {} {} {}",
            "ab".repeat(40),
            " ,".repeat(30),
            "é1".repeat(20),
            "x".repeat(200)
        );
        let found: Vec<&str> = Pieces::new(&long).collect();
        assert_eq!(found, pieces_one_by_one(&long));
    }

    #[test]
    fn plain_text_is_added_whole_as_it_would_be_word_by_word() {
        // Spaces single, double, leading and trailing; the white space a
        // plain run must not hold (tab, line feed, carriage return, 0x0b,
        // 0x0c), a control character that is no white space, a space
        // outside ASCII; with a space due before and not.
        let alphabet: Vec<char> = "ab  c\t\n\r\u{b}\u{c}\u{1}\u{a0}é.".chars().collect();
        let mut seed = 0x2545_f491_u32;
        for length in 0..40 {
            for round in 0..40 {
                let text = crate::export::random_text(&mut seed, length, |n| {
                    // Mostly letters and single spaces, so that the whole
                    // run is often plain.
                    match n % 4 {
                        0 => alphabet[(n as usize / 4) % alphabet.len()],
                        1 => ' ',
                        _ => 'w',
                    }
                });
                for before in ["", "x"] {
                    let due = round % 2 == 0;
                    let (mut whole, mut space) = (before.to_string(), due);
                    push_words(&mut whole, &text, &mut space);
                    let (mut each, mut each_space) = (before.to_string(), due);
                    push_words_one_by_one(&mut each, &text, &mut each_space);
                    assert_eq!((whole, space), (each, each_space), "{text:?}");
                }
            }
        }
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
        for word in [
            "", "b", "ann", "ont", "tha", "thei", "wil", "whom", "\0a", "a\0",
        ] {
            assert!(!is_stop_word(word), "{word:?}");
        }
    }

    fn plain(markdown: &str) -> String {
        TextOf::read(markdown, usize::MAX).opening
    }

    #[test]
    fn an_opening_stops_after_its_limit_and_the_words_go_on() {
        let text = "Word *one* and two. ".repeat(100);
        let whole = plain(&text);
        let opening = TextOf::read(&text, 40);
        assert!(whole.starts_with(&opening.opening));
        assert!(opening.opening.chars().count() > 40);
        assert!(opening.opening.len() < 60, "{}", opening.opening);
        // Every word is still read for the index, in lower case.
        assert_eq!(word_slices(&opening.text.to_lowercase()).count(), 300);
        // Short text: all of it.
        assert_eq!(TextOf::read("Just *this*.", 40).opening, "Just this.");
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
