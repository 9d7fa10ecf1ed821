//! The site's search index, in files a query loads only as it needs them:
//!
//! - `search-index.js`: what every search needs first, and small: the
//!   stop words, the longest word indexed, how many chapters there are,
//!   how many to a docs file, and the keys of the word files;
//! - `search/w-KEY.js`: the words that start with KEY and, for each, the
//!   chapters holding it, numbered by their place in the manual and written
//!   as differences from the one before (in base 36, `*` after a chapter
//!   whose title holds the word). Keys are first letters; a letter whose
//!   words pass 24 KB is split by the next letter, and so on, so a small
//!   manual has a few files and a large one many small ones;
//! - `search/v-LETTER.js`, for a first letter split so: its words alone,
//!   loaded only to suggest a spelling ("Did you mean") for a word that
//!   matches nothing (otherwise the letter's word file serves);
//! - `search/d-N.js`: chapters `N × 16` to `N × 16 + 15`: address, label,
//!   badge and opening words, loaded for the results shown.
//!
//! A query of two words loads the index, a word file or two for each word
//! and the docs files of the results it shows; each file calls a function
//! the script defines, so the index loads from a web server and from files
//! alike under `script-src 'self'`.

use super::escape::{any_byte_below, any_byte_is, padded_eight};
use super::layout::entry_href;
use super::site::Site;
use super::site_search::{EXCERPT_CHARS, MAX_WORD_CHARS, STOP_WORDS, TextOf};
use super::word_chapters::{self, Posting, WordChapters};

/// Chapters to a docs file.
pub const DOCS_PER_FILE: usize = 16;

/// The index as one worker reads it, chapter by chapter (while the pages
/// render, or on its own): each chapter's docs entry (address, label,
/// badge, opening words) and the chapters holding each word.
#[derive(Debug, Default)]
pub(super) struct IndexReading {
    docs: Vec<(usize, String)>,
    /// Each word's chapters, in the order they were added (a worker takes
    /// chapters in the manual's order).
    postings: WordChapters,
}

impl IndexReading {
    /// Adds the chapter at place `n` of the manual's chapters, its scope
    /// and body read (see [`TextOf`]).
    pub fn add(&mut self, site: &Site, n: usize, scope: &TextOf, body: &TextOf) {
        let item = &site.entries[site.chapters[n]];
        let label = item.label();
        let both;
        let opening = match (scope.opening.is_empty(), body.opening.is_empty()) {
            (false, false) => {
                both = [&scope.opening, " ", &body.opening].concat();
                &both
            }
            (false, true) => &scope.opening,
            (true, _) => &body.opening,
        };
        let excerpt = first_chars(opening, EXCERPT_CHARS);
        let badge = item.badge.label().unwrap_or("");
        // A chapter's page as its name alone (`young-carers-2` for
        // `chapters/young-carers-2.html`).
        let href = entry_href(site, site.chapters[n], "");
        let page = href
            .strip_prefix("chapters/")
            .and_then(|h| h.strip_suffix(".html"))
            .filter(|name| !name.contains(['/', '.']))
            .unwrap_or(&href);
        let mut entry = String::with_capacity(page.len() + label.len() + excerpt.len() + 32);
        for (i, text) in [page, label, badge, excerpt].into_iter().enumerate() {
            entry.push(if i == 0 { '[' } else { ',' });
            push_js_string(&mut entry, text);
        }
        entry.push_str("],");
        self.docs.push((n, entry));
        // Once a chapter, the first time (a title word first).
        self.postings.add_words(label, n, true);
        for text in [&scope.text, &body.text] {
            self.postings.add_words(text, n, false);
        }
    }

    /// The readings of every worker as one: docs entries in the manual's
    /// order (`count` chapters), and each worker's words (joined as the
    /// word files are made, see [`word_files`]).
    fn join(readings: Vec<IndexReading>, count: usize) -> (Vec<String>, Vec<WordChapters>) {
        let mut docs = vec![String::new(); count];
        let mut postings = Vec::with_capacity(readings.len());
        for reading in readings {
            for (n, entry) in reading.docs {
                docs[n] = entry;
            }
            postings.push(reading.postings);
        }
        (docs, postings)
    }
}

/// The first `count` characters of `text` (all of it when it has no
/// more): when they are ASCII (most text), the first `count` bytes,
/// without reading them one character at a time.
fn first_chars(text: &str, count: usize) -> &str {
    match text.as_bytes().get(..count) {
        None => text,
        Some(start) if start.is_ascii() => &text[..count],
        Some(_) => match text.char_indices().nth(count) {
            Some((end, _)) => &text[..end],
            None => text,
        },
    }
}

/// Reads every chapter for the index on its own (the export reads them
/// while their pages render), in runs on every core.
fn read_chapters(site: &Site) -> Vec<IndexReading> {
    let places: Vec<usize> = (0..site.chapters.len()).collect();
    crate::model::on_every_core::runs_in_order(&places, 64, |run| {
        let mut reading = IndexReading::default();
        for &n in run {
            let Some(chapter) = site.entries[site.chapters[n]].entry.chapter_details() else {
                reading.add(site, n, &TextOf::default(), &TextOf::default());
                continue;
            };
            // The body as its page shows it: an empty link to an entry
            // reads as the entry's label.
            let body = crate::model::fill_empty_links(&chapter.body, |id| {
                site.find(id).map(|i| site.entries[i].label().to_string())
            });
            reading.add(
                site,
                n,
                &TextOf::read(&chapter.scope, EXCERPT_CHARS),
                &TextOf::read(&body, EXCERPT_CHARS),
            );
        }
        reading
    })
}

/// Every file of the index, every chapter read for it here: its path in
/// the site and its contents.
pub fn index_files(site: &Site) -> Vec<(String, String)> {
    files_of(site, read_chapters(site))
}

/// Every file of the index from the chapters' `readings`: its path in the
/// site and its contents.
pub(super) fn files_of(site: &Site, readings: Vec<IndexReading>) -> Vec<(String, String)> {
    let (docs, postings) = IndexReading::join(readings, site.chapters.len());
    let mut files = word_files(site, postings);
    files.extend(docs_files(&docs));
    files
}

/// Writes every file of the index from the chapters' `readings` into
/// `sink`, the docs files on a thread of their own beside the word files
/// (the site's last work: the other core would be idle); returns how many.
pub(super) fn write_files(
    site: &Site,
    readings: Vec<IndexReading>,
    sink: &dyn super::write::Sink,
) -> Result<usize, super::write::WriteError> {
    let (docs, postings) = IndexReading::join(readings, site.chapters.len());
    let put_all = |files: Vec<(String, String)>| {
        for (path, contents) in &files {
            sink.put(path, contents.as_bytes())?;
        }
        Ok(files.len())
    };
    std::thread::scope(|scope| {
        let docs = scope.spawn(|| put_all(docs_files(&docs)));
        let words = put_all(word_files(site, postings));
        let docs = docs
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        Ok(words? + docs?)
    })
}

/// The docs files: each chapter's address, label, badge and opening, 16
/// chapters to a file.
fn docs_files(docs: &[String]) -> Vec<(String, String)> {
    docs.chunks(DOCS_PER_FILE)
        .enumerate()
        .map(|(n, chunk)| {
            (
                format!("search/d-{n}.js"),
                format!("MANUAL_SEARCH.d({n},[{}]);", chunk.concat()),
            )
        })
        .collect()
}

/// `search-index.js`, the word files and the letters' vocabularies, from
/// the words each worker read.
fn word_files(site: &Site, postings: Vec<WordChapters>) -> Vec<(String, String)> {
    // Each word's line, the words sorted, on every core (the common words'
    // lists run to thousands of chapters).
    let lines = word_chapters::join_sorted(&postings, word_line);
    drop(postings);
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    let mut split_letters: Vec<String> = Vec::new();
    shard(
        &lines,
        (0..lines.len()).collect(),
        1,
        &mut groups,
        &mut split_letters,
    );
    let mut files: Vec<(String, String)> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    for (key, members) in &groups {
        let body: String = members.iter().map(|&i| lines[i].1.as_str()).collect();
        files.push(word_file(key, &body));
        keys.push(key.clone());
    }
    // Where a first letter's words were split over many files, the
    // letter's words alone, for spelling suggestions.
    for letter in &split_letters {
        let list: Vec<&str> = lines
            .iter()
            .filter(|(w, _)| w.starts_with(letter.as_str()))
            .map(|(w, _)| w.as_str())
            .collect();
        files.push((
            file_of_key(letter).replace("/w-", "/v-"),
            format!(
                "MANUAL_SEARCH.v({},{});",
                js_string(letter),
                js_string(&list.join(" "))
            ),
        ));
    }
    let stop: Vec<String> = STOP_WORDS.iter().map(|w| js_string(w)).collect();
    let keys: Vec<String> = keys.iter().map(|k| js_string(k)).collect();
    let split: Vec<String> = split_letters.iter().map(|k| js_string(k)).collect();
    files.insert(
        0,
        (
            "search-index.js".into(),
            format!(
                "window.MANUAL_SEARCH = {{stop: [{}],\nmaxWord: {MAX_WORD_CHARS},\ndocs: {},\n\
                 perFile: {DOCS_PER_FILE},\nkeys: [{}],\nvocabulary: [{}]}};\n",
                stop.join(","),
                site.chapters.len(),
                keys.join(","),
                split.join(",")
            ),
        ),
    );
    files
}

/// The most bytes of words a word file holds before it is split by the
/// next letter.
const MAX_WORD_FILE_BYTES: usize = 24 * 1024;

/// The deepest key: words sharing their first eight letters stay together.
const MAX_KEY_CHARS: usize = 8;

/// Groups the words `members` (indices into `lines`, sorted) by their
/// first `depth` letters into word files of at most
/// [`MAX_WORD_FILE_BYTES`]: a group too big is split by the next letter,
/// the words no longer than its key keeping a file of their own. Each
/// first letter split is listed in `split`.
fn shard(
    lines: &[(String, String)],
    members: Vec<usize>,
    depth: usize,
    groups: &mut Vec<(String, Vec<usize>)>,
    split: &mut Vec<String>,
) {
    let mut by_key: Vec<(&str, Vec<usize>)> = Vec::new();
    for i in members {
        let word = lines[i].0.as_str();
        let key = word
            .char_indices()
            .nth(depth)
            .map_or(word, |(end, _)| &word[..end]);
        match by_key.last_mut() {
            Some((k, list)) if *k == key => list.push(i),
            _ => by_key.push((key, vec![i])),
        }
    }
    for (key, list) in by_key {
        let bytes: usize = list.iter().map(|&i| lines[i].1.len()).sum();
        if bytes <= MAX_WORD_FILE_BYTES || depth >= MAX_KEY_CHARS || list.len() < 2 {
            groups.push((key.to_string(), list));
            continue;
        }
        if depth == 1 {
            split.push(key.to_string());
        }
        let (own, longer): (Vec<usize>, Vec<usize>) = list
            .into_iter()
            .partition(|&i| lines[i].0.chars().count() <= depth);
        if !own.is_empty() {
            groups.push((key.to_string(), own));
        }
        shard(lines, longer, depth + 1, groups, split);
    }
}

/// A word file's name: the key itself when it is plain ASCII, else its
/// letters as hexadecimal code points (a name any server and file system
/// keeps).
pub fn file_of_key(key: &str) -> String {
    if key.chars().all(|c| c.is_ascii_alphanumeric()) {
        format!("search/w-{key}.js")
    } else {
        let hex: Vec<String> = key.chars().map(|c| format!("{:x}", c as u32)).collect();
        format!("search/w-u{}.js", hex.join("-"))
    }
}

fn word_file(key: &str, body: &str) -> (String, String) {
    (
        file_of_key(key),
        format!("MANUAL_SEARCH.w({},{{{body}}});", js_string(key)),
    )
}

/// A word's line in its word file: `"word":"chapters",`.
fn word_line(word: &str, postings: &[Posting]) -> String {
    let mut line = String::with_capacity(word.len() + postings.len() * 3 + 8);
    push_js_string(&mut line, word);
    line.push_str(":\"");
    push_encoded(&mut line, postings);
    line.push_str("\",");
    line
}

/// A word's chapters as differences from the one before, in base 36, `*`
/// after a title match: `0*,1,4` is chapters 0 (title), 1 and 5.
#[cfg(test)]
fn encode(postings: &[Posting]) -> String {
    let mut out = String::new();
    push_encoded(&mut out, postings);
    out
}

/// [`encode`], added to `out`.
fn push_encoded(out: &mut String, postings: &[Posting]) {
    let mut last = 0;
    for (n, posting) in postings.iter().enumerate() {
        let doc = posting.place();
        if n > 0 {
            out.push(',');
        }
        crate::model::push_in_base(out, doc - last, 36);
        if posting.in_title() {
            out.push('*');
        }
        last = doc;
    }
}

#[cfg(test)]
fn base36(n: usize) -> String {
    let mut out = String::new();
    crate::model::push_in_base(&mut out, n, 36);
    out
}

/// A JavaScript string literal; `<` escaped so no text can close a script.
fn js_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    push_js_string(&mut out, text);
    out
}

/// [`js_string`], added to `out`.
fn push_js_string(out: &mut String, text: &str) {
    out.push('"');
    // Most text has nothing to escape (`\u{2028}` and `\u{2029}` start
    // with byte 0xe2): looked for eight bytes at a time.
    let plain = |chunk: &[u8]| {
        let x = padded_eight(chunk);
        let has = |c: u8| any_byte_is(x, c);
        has(b'"') | has(b'\\') | has(b'<') | has(0xe2) | any_byte_below(x, 0x20) == 0
    };
    if text.as_bytes().chunks(8).all(plain) {
        out.push_str(text);
        out.push('"');
        return;
    }
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustc_hash::FxHashMap;

    #[test]
    fn the_index_is_in_files_a_query_loads_as_it_needs_them() {
        let manual = crate::store::format::stockport_sample();
        let site = Site::new(&manual);
        let files = index_files(&site);
        let (first, index) = &files[0];
        assert_eq!(first, "search-index.js");
        assert!(index.starts_with("window.MANUAL_SEARCH = {stop: [\"a\",\"an\","));
        assert!(
            index.contains("\nmaxWord: 50,\ndocs: 171,\nperFile: 16,\n"),
            "{index}"
        );
        // The script keeps no list of its own.
        let script = super::super::site_search::script();
        assert!(!script.contains("\"their\"") && !script.contains(" their "));
        let by_path: FxHashMap<&str, &str> = files
            .iter()
            .map(|(p, c)| (p.as_str(), c.as_str()))
            .collect();
        // A small manual: a word file a first letter, none split.
        let c = by_path["search/w-c.js"];
        assert!(c.starts_with("MANUAL_SEARCH.w(\"c\",{\""), "{c}");
        let carers = c.split(",\"").find(|l| l.starts_with("carers\":")).unwrap();
        assert!(carers.contains('*'), "a title word is marked: {carers}");
        assert!(index.contains("\"c\""), "the index lists the word file");
        assert!(index.contains("vocabulary: []"), "{index}");
        // Docs files of 16 chapters: 171 chapters make 11.
        assert!(by_path.contains_key("search/d-10.js") && !by_path.contains_key("search/d-11.js"));
        assert!(
            by_path["search/d-0.js"].starts_with("MANUAL_SEARCH.d(0,[[\""),
            "{}",
            by_path["search/d-0.js"]
        );
    }

    #[test]
    fn the_export_gathers_the_same_index_as_reading_every_chapter_for_it() {
        // The export reads each chapter's words while its page renders;
        // the index read on its own must come out the same, file by file.
        let mut manual = crate::store::format::stockport_sample();
        let first = manual.entries[0].children()[0].id.clone();
        let mut ids = Vec::new();
        manual.walk(|_, entry, _| {
            if entry.chapter_details().is_some() {
                ids.push(entry.id.clone());
            }
        });
        for (n, id) in ids.iter().enumerate() {
            let chapter = manual.chapter_mut(id).unwrap();
            // An empty link reads as its entry's label; a long scope and a
            // long text both pass the opening's limit.
            chapter.body.push_str(&format!(
                "\n\nSee [](entry:{first}) for **care**ful notes.\n"
            ));
            if n % 3 == 0 {
                chapter.scope = "Scope words of a chapter's scope, ".repeat(20);
            }
        }
        let options = crate::export::ExportOptions::dated("2026-12-02");
        let exported =
            crate::export::render_to_memory(&super::super::HtmlRenderer, &manual, &options)
                .unwrap();
        let on_its_own = index_files(&Site::new(&manual));
        assert!(on_its_own.len() > 10);
        for (path, contents) in &on_its_own {
            let file = exported.iter().find(|f| &f.path == path).unwrap();
            assert_eq!(
                std::str::from_utf8(&file.bytes).unwrap(),
                contents,
                "{path}"
            );
        }
    }

    #[test]
    fn a_letter_with_many_words_is_split_by_the_next_letters() {
        // 3,000 words starting "c", each in one chapter: more than a file.
        let lines: Vec<(String, String)> = (0..3000)
            .map(|n| {
                let word = format!("c{}", base36(n * 7919 % 46656));
                let line = format!("\"{word}\":\"{}\",", "0,1,2,3,4,5");
                (word, line)
            })
            .collect();
        let mut sorted = lines.clone();
        sorted.sort();
        let mut groups = Vec::new();
        let mut split = Vec::new();
        shard(
            &sorted,
            (0..sorted.len()).collect(),
            1,
            &mut groups,
            &mut split,
        );
        assert_eq!(split, ["c"]);
        assert!(groups.len() > 2, "{} groups", groups.len());
        for (key, members) in &groups {
            let bytes: usize = members.iter().map(|&i| sorted[i].1.len()).sum();
            assert!(bytes <= MAX_WORD_FILE_BYTES, "{key}: {bytes}");
            assert!(
                members
                    .iter()
                    .all(|&i| sorted[i].0.starts_with(key.as_str()))
            );
        }
        let placed: usize = groups.iter().map(|(_, m)| m.len()).sum();
        assert_eq!(placed, 3000, "every word in one file");
    }

    #[test]
    fn every_character_to_escape_is_escaped_wherever_it_stands() {
        // At each place of a string of up to 20 bytes, so in every byte of
        // an eight-byte block and in the bytes after the last block.
        let escaped = [
            ('"', "\\\""),
            ('\\', "\\\\"),
            ('<', "\\u003c"),
            ('\n', "\\n"),
            ('\r', ""),
            ('\u{1}', " "),
            ('\u{1f}', " "),
            ('\u{2028}', "\\u2028"),
            ('\u{2029}', "\\u2029"),
        ];
        for len in 0..20 {
            for at in 0..len {
                for (c, written) in escaped {
                    let text = format!("{}{c}{}", "a".repeat(at), "é".repeat(len - at - 1));
                    let expected = format!(
                        "\"{}{written}{}\"",
                        "a".repeat(at),
                        "é".repeat(len - at - 1)
                    );
                    assert_eq!(js_string(&text), expected, "{text:?}");
                }
            }
            // Nothing to escape (a space, the byte below `"`, the letters
            // around `<` and `\`, and a character beginning 0xe2 that is
            // not a line separator) comes out as it is.
            let plain: String = " !;=[]’".chars().cycle().take(len).collect();
            assert_eq!(js_string(&plain), format!("\"{plain}\""));
        }
    }

    #[test]
    fn an_excerpt_is_its_first_characters() {
        assert_eq!(first_chars("abc", 5), "abc");
        assert_eq!(first_chars("abcde", 5), "abcde");
        assert_eq!(first_chars("abcdef", 5), "abcde");
        assert_eq!(first_chars("ééééééé", 5), "ééééé");
        assert_eq!(first_chars("abcdé", 5), "abcdé");
        assert_eq!(first_chars("abcdéf", 5), "abcdé");
        assert_eq!(first_chars("", 5), "");
    }

    #[test]
    fn postings_are_differences_and_names_are_safe() {
        assert_eq!(
            encode(
                &[(0, true), (1, false), (5, false), (77, true)].map(|(n, t)| Posting::new(n, t))
            ),
            "0*,1,4,20*"
        );
        assert_eq!(base36(71), "1z");
        assert_eq!(base36(0), "0");
        assert_eq!(base36(35), "z");
        assert_eq!(base36(36), "10");
        assert_eq!(base36(usize::MAX), "3w5e11264sgsf");
        assert_eq!(file_of_key("car"), "search/w-car.js");
        assert_eq!(file_of_key("év"), "search/w-ue9-76.js");
        assert_eq!(js_string("a</script>\"b"), "\"a\\u003c/script>\\\"b\"");
    }
}
