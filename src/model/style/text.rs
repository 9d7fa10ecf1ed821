//! Checking one Markdown text (a chapter's scope or body): its blocks
//! read with pulldown-cmark, each finding placed on the text's own bytes,
//! and the counts its reading age comes from.

use std::ops::Range;
use std::sync::OnceLock;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use rustc_hash::{FxHashMap, FxHashSet};

use super::readability::{Counts, syllables};
use super::{Finding, Known, StyleRule, StyleSettings, words};

/// The words to avoid by their first word: each phrase's words and its
/// replacement.
type AvoidTable = FxHashMap<&'static str, Vec<(Vec<&'static str>, Option<&'static str>)>>;

fn avoid_table() -> &'static AvoidTable {
    static TABLE: OnceLock<AvoidTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: AvoidTable = FxHashMap::default();
        for &(phrase, fix) in words::TO_AVOID {
            let parts: Vec<&str> = phrase.split(' ').collect();
            table.entry(parts[0]).or_default().push((parts, fix));
        }
        // Longest phrase first, so "in the event of" wins over a shorter one.
        for list in table.values_mut() {
            list.sort_by_key(|(parts, _)| std::cmp::Reverse(parts.len()));
        }
        table
    })
}

/// A block of text being read: its plain text and, for each piece, where
/// it came from in the source.
#[derive(Debug, Default)]
struct Block {
    kind: BlockKind,
    plain: String,
    /// (start in `plain`, range in the source) of each piece of text.
    pieces: Vec<(usize, Range<usize>)>,
    source: Range<usize>,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum BlockKind {
    #[default]
    Paragraph,
    Heading,
    Cell,
}

impl Block {
    /// The source offset of `at` in the plain text.
    fn source_of(&self, at: usize) -> usize {
        let piece = self
            .pieces
            .iter()
            .rev()
            .find(|(start, _)| *start <= at)
            .or(self.pieces.first());
        match piece {
            Some((start, range)) => (range.start + at.saturating_sub(*start)).min(range.end),
            None => self.source.start,
        }
    }

    fn source_range(&self, plain: Range<usize>) -> Range<usize> {
        let start = self.source_of(plain.start);
        let end = self.source_of(plain.end.saturating_sub(1)) + 1;
        start..end.max(start)
    }
}

/// Checks one Markdown text (a chapter's body or scope): its findings, in
/// order, and the counts its reading age comes from.
pub fn check_text(text: &str, settings: &StyleSettings, known: &Known) -> (Vec<Finding>, Counts) {
    let mut checker = Checker {
        text,
        settings,
        known,
        findings: Vec::new(),
        counts: Counts::default(),
        abbreviations_seen: FxHashSet::default(),
    };
    checker.run();
    let Checker {
        mut findings,
        counts,
        ..
    } = checker;
    findings.retain(|f| settings.is_on(f.rule));
    findings.sort_by_key(|f| (f.range.start, f.rule));
    let mut lines = crate::model::body_links::LineCounter::default();
    for finding in &mut findings {
        // Text decoded from escapes can be shorter than its source: keep
        // every range on character boundaries inside the text.
        let mut start = finding.range.start.min(text.len());
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = finding.range.end.clamp(start, text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        finding.range = start..end;
        finding.line = lines.line_at(text, finding.range.start.min(text.len()));
    }
    (findings, counts)
}

struct Checker<'t> {
    text: &'t str,
    settings: &'t StyleSettings,
    known: &'t Known,
    findings: Vec<Finding>,
    counts: Counts,
    abbreviations_seen: FxHashSet<String>,
}

impl Checker<'_> {
    fn push(
        &mut self,
        rule: StyleRule,
        range: Range<usize>,
        message: String,
        fix: Option<String>,
        context: &str,
    ) {
        let context = shorten(context.trim(), 300);
        self.findings.push(Finding {
            rule,
            range,
            line: 0,
            message,
            fix,
            context,
        });
    }

    fn run(&mut self) {
        let text = self.text;
        let parser = Parser::new_ext(text, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH);
        let mut block: Option<Block> = None;
        let mut last_heading: Option<u8> = None;
        // The link being read: its source range, address and text.
        let mut link: Option<(Range<usize>, String, String)> = None;
        let mut picture: Option<(Range<usize>, String)> = None;
        let mut in_code = false;
        let mut table: Option<(Range<usize>, bool)> = None;
        let mut in_head = false;
        for (event, range) in parser.into_offset_iter() {
            if let Some((_, alt)) = &mut picture {
                match event {
                    Event::End(TagEnd::Image) => {
                        if let Some((range, alt)) = picture.take() {
                            self.check_alt(range, &alt);
                        }
                    }
                    Event::Text(t) | Event::Code(t) => alt.push_str(&t),
                    _ => {}
                }
                continue;
            }
            match event {
                Event::Start(Tag::Paragraph | Tag::Item | Tag::TableCell) => {
                    if let Some(done) = block.take() {
                        self.finish(done);
                    }
                    let kind = if matches!(event, Event::Start(Tag::TableCell)) {
                        BlockKind::Cell
                    } else {
                        BlockKind::Paragraph
                    };
                    block = Some(Block {
                        kind,
                        source: range,
                        ..Block::default()
                    });
                }
                Event::Start(Tag::Heading { level, .. }) => {
                    if let Some(done) = block.take() {
                        self.finish(done);
                    }
                    let level = crate::model::body_style::heading_number(level);
                    self.check_heading(level, last_heading, &range);
                    last_heading = Some(level);
                    block = Some(Block {
                        kind: BlockKind::Heading,
                        source: range,
                        ..Block::default()
                    });
                }
                Event::End(
                    TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::Heading(_),
                ) => {
                    if let Some(done) = block.take() {
                        if in_head
                            && !done.plain.trim().is_empty()
                            && let Some((_, has_header)) = &mut table
                        {
                            *has_header = true;
                        }
                        self.finish(done);
                    }
                }
                Event::Start(Tag::Table(_)) => table = Some((range, false)),
                Event::Start(Tag::TableHead) => in_head = true,
                Event::End(TagEnd::TableHead) => in_head = false,
                Event::End(TagEnd::Table) => {
                    if let Some((range, false)) = table.take() {
                        let first_line = text[range.clone()]
                            .find('\n')
                            .map_or(range.end, |n| range.start + n);
                        self.push(
                            StyleRule::TableWithoutHeader,
                            range.start..first_line,
                            "a table whose first row is empty: name its columns there".into(),
                            None,
                            &text[range.start..first_line],
                        );
                    }
                }
                Event::Start(Tag::CodeBlock(_)) => in_code = true,
                Event::End(TagEnd::CodeBlock) => in_code = false,
                Event::Start(Tag::Image { .. }) => picture = Some((range, String::new())),
                Event::Start(Tag::Link { dest_url, .. }) => {
                    link = Some((range, dest_url.to_string(), String::new()));
                }
                Event::End(TagEnd::Link) => {
                    if let Some((range, url, words)) = link.take() {
                        self.check_link_text(range, &url, &words);
                    }
                }
                Event::Text(t) if !in_code => {
                    if let Some((_, _, words)) = &mut link {
                        words.push_str(&t);
                    }
                    let block = block.get_or_insert_with(|| Block {
                        source: range.clone(),
                        ..Block::default()
                    });
                    block.pieces.push((block.plain.len(), range));
                    block.plain.push_str(&t);
                }
                Event::Code(t) => {
                    if let Some((_, _, words)) = &mut link {
                        words.push_str(&t);
                    }
                    // Code is not prose: it stands as one word.
                    if let Some(block) = &mut block
                        && !t.is_empty()
                    {
                        block.plain.push('x');
                    }
                }
                Event::SoftBreak | Event::HardBreak => {
                    if let Some(block) = &mut block {
                        block.plain.push(' ');
                    }
                }
                _ => {}
            }
        }
        if let Some(done) = block.take() {
            self.finish(done);
        }
    }

    fn check_heading(&mut self, level: u8, last: Option<u8>, range: &Range<usize>) {
        let Some(last) = last else { return };
        if level <= last + 1 {
            return;
        }
        let source = &self.text[range.clone()];
        let marks = source.bytes().take_while(|&b| b == b'#').count();
        let (fix_range, fix) = if marks > 0 {
            (
                range.start..range.start + marks,
                Some("#".repeat(usize::from(last) + 1)),
            )
        } else {
            (range.clone(), None)
        };
        let heading = source.lines().next().unwrap_or("").to_string();
        self.push(
            StyleRule::SkippedHeading,
            fix_range,
            format!(
                "a heading of level {level} after one of level {last}: make it level {}",
                last + 1
            ),
            fix,
            &heading,
        );
    }

    fn check_link_text(&mut self, range: Range<usize>, url: &str, words: &str) {
        let said = words
            .trim()
            .trim_end_matches(['.', ',', ':', ';', '!'])
            .to_lowercase();
        let bare_address = said.starts_with("http://")
            || said.starts_with("https://")
            || said.starts_with("www.")
            || (!said.is_empty() && said == url.trim().to_lowercase());
        if !words::VAGUE_LINK_TEXTS.contains(&said.as_str()) && !bare_address {
            return;
        }
        // The link's text, between its brackets, where there are any.
        let source = &self.text[range.clone()];
        let text_range = if source.starts_with('[') {
            let end = source.find("](").unwrap_or(source.len());
            range.start + 1..range.start + end.max(1)
        } else {
            range.clone()
        };
        let message = if bare_address {
            "a link whose text is its address: use the name of the page or document".into()
        } else {
            format!(
                "link text \u{201c}{}\u{201d} does not say where it goes: use the name of the page or document",
                words.trim()
            )
        };
        self.push(StyleRule::VagueLinkText, text_range, message, None, source);
    }

    fn check_alt(&mut self, range: Range<usize>, alt: &str) {
        let alt = alt.trim();
        let lower = alt.to_ascii_lowercase();
        let is_file = [
            ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp", ".tif",
        ]
        .iter()
        .any(|ext| lower.ends_with(ext))
            || lower.starts_with("img_")
            || lower.starts_with("dsc")
            || (lower.starts_with("image")
                && lower[5..].chars().all(|c| c.is_ascii_digit())
                && lower.len() > 5);
        if !alt.is_empty() && is_file {
            self.push(
                StyleRule::AltTextFileName,
                range.clone(),
                format!("the picture's description \u{201c}{alt}\u{201d} is a file name: say what the picture shows"),
                None,
                &self.text[range],
            );
        }
    }

    /// Reads a finished block: its counts, sentences, words and capitals.
    fn finish(&mut self, block: Block) {
        if block.plain.trim().is_empty() {
            return;
        }
        let sentences = sentences(&block.plain);
        if block.kind == BlockKind::Paragraph {
            for sentence in &sentences {
                let words = word_count(&block.plain[sentence.clone()]);
                self.counts.words += words;
                self.counts.sentences += usize::from(words > 0);
                self.counts.syllables += block.plain[sentence.clone()]
                    .split_whitespace()
                    .map(syllables)
                    .sum::<usize>();
                let limit = self.settings.sentence_limit();
                if words > limit {
                    self.push(
                        StyleRule::LongSentence,
                        block.source_range(sentence.clone()),
                        format!("a sentence of {words} words (this manual keeps to {limit}): split it or cut words"),
                        None,
                        &block.plain[sentence.clone()],
                    );
                }
            }
            self.check_capitals(&block);
        }
        self.check_words(&block, &sentences);
        self.check_abbreviations(&block, &sentences);
    }

    fn check_capitals(&mut self, block: &Block) {
        if is_capitals(&block.plain) {
            self.push(
                StyleRule::Capitals,
                block.source_range(0..block.plain.len()),
                "a paragraph in capitals: write it in sentence case".into(),
                None,
                &block.plain,
            );
        }
    }

    fn check_words(&mut self, block: &Block, sentences: &[Range<usize>]) {
        let lower = block.plain.to_lowercase();
        // Lower-casing can change lengths (rarely): then offsets would not
        // match, and the block is left alone.
        if lower.len() != block.plain.len() {
            return;
        }
        let tokens = tokens(&lower);
        let table = avoid_table();
        let mut at = 0;
        while at < tokens.len() {
            let (start, end) = tokens[at];
            let mut matched = None;
            if let Some(phrases) = table.get(&lower[start..end]) {
                for (parts, fix) in phrases {
                    let fits = parts.len() <= tokens.len() - at
                        && parts
                            .iter()
                            .zip(&tokens[at..])
                            .all(|(part, &(s, e))| lower[s..e] == **part);
                    if fits {
                        matched = Some((parts.len(), *fix));
                        break;
                    }
                }
            }
            let Some((count, fix)) = matched else {
                at += 1;
                continue;
            };
            let phrase_end = tokens[at + count - 1].1;
            let phrase = &block.plain[start..phrase_end];
            at += count;
            if self.known.allows(phrase) {
                continue;
            }
            let source = block.source_range(start..phrase_end);
            // A replacement only where the source holds the phrase as read.
            let fix = fix
                .filter(|_| self.text.get(source.clone()) == Some(phrase))
                .map(|fix| match_case(phrase, fix));
            let message = match &fix {
                Some(fix) => format!("\u{201c}{phrase}\u{201d}: use \u{201c}{fix}\u{201d}"),
                None => {
                    format!("\u{201c}{phrase}\u{201d} is a word to avoid: say plainly what happens")
                }
            };
            let context = sentence_around(&block.plain, sentences, start);
            self.push(StyleRule::WordToAvoid, source, message, fix, context);
        }
    }

    fn check_abbreviations(&mut self, block: &Block, sentences: &[Range<usize>]) {
        if is_capitals(&block.plain) {
            return;
        }
        for token in abbreviation_tokens(&block.plain) {
            if in_run_of_capitals(&block.plain, token) {
                continue;
            }
            let bare = token
                .strip_suffix('s')
                .filter(|b| b.len() >= 2)
                .unwrap_or(token);
            if words::WELL_KNOWN.contains(&bare)
                || self.known.terms.contains(bare)
                || self.known.terms.contains(token)
                || self.known.allows(bare)
                || self.abbreviations_seen.contains(bare)
                || self.text.contains(&format!("({bare})"))
            {
                continue;
            }
            self.abbreviations_seen.insert(bare.to_string());
            let start = token.as_ptr() as usize - block.plain.as_ptr() as usize;
            let source = block.source_range(start..start + token.len());
            let context = sentence_around(&block.plain, sentences, start);
            self.push(
                StyleRule::UndefinedAbbreviation,
                source,
                format!("\u{201c}{bare}\u{201d} is not spelt out here or in the manual's keywords"),
                None,
                context,
            );
        }
    }
}

/// A text of four words or more written in capitals.
fn is_capitals(text: &str) -> bool {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let upper = text.chars().filter(|c| c.is_uppercase()).count();
    word_count(text) >= 4 && letters >= 12 && upper * 10 >= letters * 9
}

/// Whether `token` (a slice of `text`) stands next to another word in
/// capitals ("IT IS OK"): shouting, not an abbreviation.
fn in_run_of_capitals(text: &str, token: &str) -> bool {
    let start = token.as_ptr() as usize - text.as_ptr() as usize;
    let is_caps_word = |w: &str| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.len() >= 2 && w.chars().all(|c| c.is_uppercase() || !c.is_alphabetic())
    };
    let before = text[..start].split_whitespace().next_back();
    let after = text[start + token.len()..].split_whitespace().next();
    before.is_some_and(is_caps_word) || after.is_some_and(is_caps_word)
}

/// The words of a lower-cased text as byte ranges (letters, digits,
/// apostrophes and hyphens inside words).
fn tokens(lower: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (at, c) in lower.char_indices() {
        let inside = c.is_alphanumeric() || ((c == '-' || c == '\'') && start.is_some());
        match (inside, start) {
            (true, None) => start = Some(at),
            (false, Some(s)) => {
                out.push((s, at));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, lower.len()));
    }
    // A hyphen or apostrophe at a word's end is not part of it.
    for token in &mut out {
        while token.1 > token.0 && lower[..token.1].ends_with(['-', '\'']) {
            token.1 -= 1;
        }
    }
    out
}

/// Words written in capitals that look like abbreviations: two to eight
/// capitals (digits and `&` may follow the first), a plural `s` allowed.
pub(super) fn abbreviation_tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '&'))
        .filter(|w| {
            let core = w.strip_suffix('s').unwrap_or(w);
            let capitals = core.chars().filter(char::is_ascii_uppercase).count();
            (2..=8).contains(&core.len())
                && capitals >= 2
                && core.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                && core
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '&')
        })
}

/// Abbreviations after which a full stop does not end a sentence.
const NOT_ENDS: &[&str] = &[
    "e.g", "i.e", "etc", "mr", "mrs", "ms", "dr", "no", "st", "vs", "cf", "approx", "para", "ref",
];

/// The sentences of a block's plain text, as ranges: a full stop,
/// question or exclamation mark followed by a space and a capital, digit
/// or quote (or the end) ends one, unless it ends an abbreviation.
fn sentences(plain: &str) -> Vec<Range<usize>> {
    let bytes = plain.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    for (at, c) in plain.char_indices() {
        if !matches!(c, '.' | '?' | '!') {
            continue;
        }
        let after = &plain[at + 1..];
        let next = after.trim_start();
        let spaced = after.len() > next.len();
        let ends = next.is_empty()
            || (spaced
                && next.chars().next().is_some_and(|n| {
                    n.is_uppercase() || n.is_ascii_digit() || "\"'\u{201c}\u{2018}(".contains(n)
                }));
        if !ends {
            continue;
        }
        if c == '.' {
            let word_start = plain[..at]
                .rfind(|ch: char| ch.is_whitespace() || ch == '(')
                .map_or(0, |n| n + 1);
            let word = plain[word_start..at].to_lowercase();
            if NOT_ENDS.contains(&word.as_str())
                || (word.len() == 1 && bytes[word_start].is_ascii_uppercase())
            {
                continue;
            }
        }
        out.push(start..at + 1);
        start = at + 1;
    }
    if plain[start..].trim().is_empty() {
        // Nothing after the last stop.
    } else {
        out.push(start..plain.len());
    }
    // Leading spaces are not part of a sentence.
    for range in &mut out {
        let skipped = plain[range.clone()].len() - plain[range.clone()].trim_start().len();
        range.start += skipped;
    }
    out.retain(|r| !r.is_empty());
    out
}

fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// The sentence of `sentences` holding `at`, or the whole text.
fn sentence_around<'p>(plain: &'p str, sentences: &[Range<usize>], at: usize) -> &'p str {
    sentences
        .iter()
        .find(|r| r.contains(&at))
        .map_or(plain, |r| &plain[r.clone()])
}

/// `fix` with its first letter in capitals when `found` starts so.
fn match_case(found: &str, fix: &str) -> String {
    if found.chars().next().is_some_and(char::is_uppercase) {
        let mut chars = fix.chars();
        chars
            .next()
            .map(|first| first.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    } else {
        fix.to_string()
    }
}

/// At most `limit` characters of `text`, cut at a word with "…".
fn shorten(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_string();
    }
    let cut: String = text.chars().take(limit).collect();
    let cut = cut.rfind(' ').map_or(cut.as_str(), |at| &cut[..at]);
    format!("{cut}…")
}
