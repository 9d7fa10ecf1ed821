//! Searching the outline, with one set of rules for the contents filter
//! and the see-also picker: a number ("4.8") matches that entry and what
//! is under it; words match the entries whose number or title holds them
//! all; anything else (a typo, an abbreviation) is matched fuzzily by
//! nucleo. Word matches rank above fuzzy ones, so strong matches come
//! first wherever results are ranked; fuzzy matches whose letters are
//! scattered through a long title are not offered.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::{Outline, Row};
use crate::model::SectionNumber;

/// Added to a word match's score, so that it outranks every fuzzy match.
const WORD_BONUS: u32 = 1 << 24;
/// The score of a number match (the exact number scores a little more).
const NUMBER_SCORE: u32 = 1 << 25;

/// What kind of query was typed.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    Empty,
    Number(SectionNumber),
    Text { words: Vec<String> },
}

/// A parsed query, ready to score rows.
pub struct Query {
    kind: Kind,
    pattern: Pattern,
    matcher: Matcher,
    buffer: Vec<char>,
}

impl Query {
    pub fn parse(text: &str) -> Self {
        let text = text.trim();
        let kind = if text.is_empty() {
            Kind::Empty
        } else if let Some(number) = SectionNumber::parse(text) {
            Kind::Number(number)
        } else {
            Kind::Text {
                words: text.split_whitespace().map(str::to_lowercase).collect(),
            }
        };
        Query {
            kind,
            pattern: Pattern::parse(text, CaseMatching::Ignore, Normalization::Smart),
            matcher: Matcher::new(Config::DEFAULT),
            buffer: Vec::new(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.kind == Kind::Empty
    }

    /// Every row's score, `None` where the row does not match or is not
    /// `offered`; an empty query matches every offered row equally.
    ///
    /// Whole words are looked for first, with a plain substring test; only
    /// the rows that have them are scored fuzzily (for ranking), and only
    /// when no offered row has them is every row scored fuzzily.
    pub fn scores(
        &mut self,
        outline: &Outline,
        offered: impl Fn(&Row) -> bool,
    ) -> Vec<Option<u32>> {
        self.evaluate(outline, offered, true)
    }

    /// Which rows match (the contents filter), without ranking them: a
    /// whole-word match is not scored fuzzily.
    pub fn matches(&mut self, outline: &Outline) -> Vec<bool> {
        self.evaluate(outline, |_| true, false)
            .into_iter()
            .map(|score| score.is_some())
            .collect()
    }

    fn evaluate(
        &mut self,
        outline: &Outline,
        offered: impl Fn(&Row) -> bool,
        rank: bool,
    ) -> Vec<Option<u32>> {
        let mut scores: Vec<Option<u32>> = Vec::with_capacity(outline.rows.len());
        match &self.kind {
            Kind::Empty => {
                scores.extend(outline.rows.iter().map(|row| offered(row).then_some(0)));
            }
            Kind::Number(prefix) => {
                for row in &outline.rows {
                    let score = match &row.number {
                        Some(number) if *number == *prefix => Some(NUMBER_SCORE + 1),
                        Some(number) if number.0.starts_with(&prefix.0) => Some(NUMBER_SCORE),
                        Some(_) => None,
                        // Unnumbered entries go with the numbered entry they sit under.
                        None => row
                            .parent
                            .and_then(|p| scores.get(p).copied().flatten())
                            .map(|_| NUMBER_SCORE),
                    };
                    scores.push(score);
                }
                // Unnumbered children follow their parent's match before
                // the offer is applied, so apply it afterwards.
                for (score, row) in scores.iter_mut().zip(&outline.rows) {
                    if !offered(row) {
                        *score = None;
                    }
                }
            }
            Kind::Text { words } => {
                let has_words = |row: &Row| {
                    offered(row) && words.iter().all(|w| row.search_text.contains(w.as_str()))
                };
                let with_words: Vec<bool> = outline.rows.iter().map(has_words).collect();
                let any_words = with_words.iter().any(|&w| w);
                for (row, &is_word_match) in outline.rows.iter().zip(&with_words) {
                    let score = if any_words && !is_word_match || !offered(row) {
                        None
                    } else if is_word_match && !rank {
                        Some(WORD_BONUS)
                    } else {
                        let haystack = Utf32Str::new(&row.search_text, &mut self.buffer);
                        let fuzzy = self.pattern.score(haystack, &mut self.matcher);
                        if is_word_match {
                            Some(WORD_BONUS + fuzzy.unwrap_or(0))
                        } else {
                            fuzzy
                        }
                    };
                    scores.push(score);
                }
                if !any_words {
                    for (score, row) in scores.iter_mut().zip(&outline.rows) {
                        if score.is_some() && !compact(words, &row.search_text) {
                            *score = None;
                        }
                    }
                }
            }
        }
        scores
    }

    /// The score of one text outside the outline (a command's name) by
    /// the same rules: every word in it first, then a compact fuzzy match;
    /// `None` when it does not match. An empty query matches everything.
    pub fn score_text(&mut self, text: &str) -> Option<u32> {
        let words: Vec<String> = match &self.kind {
            Kind::Empty => return Some(0),
            Kind::Number(number) => vec![number.to_string()],
            Kind::Text { words } => words.clone(),
        };
        let lower = text.to_lowercase();
        let fuzzy = self
            .pattern
            .score(Utf32Str::new(&lower, &mut self.buffer), &mut self.matcher);
        if words.iter().all(|w| lower.contains(w.as_str())) {
            Some(WORD_BONUS + fuzzy.unwrap_or(0))
        } else if compact(&words, &lower) {
            fuzzy
        } else {
            None
        }
    }

    /// The character positions of `label` that the query matched, for
    /// highlighting.
    pub fn matched_chars(&mut self, label: &str) -> Vec<usize> {
        match &self.kind {
            Kind::Empty => Vec::new(),
            Kind::Number(number) => {
                let written = number.to_string();
                if label.starts_with(&written) {
                    (0..written.chars().count()).collect()
                } else {
                    Vec::new()
                }
            }
            Kind::Text { .. } => {
                let mut indices = Vec::new();
                self.pattern.indices(
                    Utf32Str::new(label, &mut self.buffer),
                    &mut self.matcher,
                    &mut indices,
                );
                let mut matched: Vec<usize> = indices.into_iter().map(|i| i as usize).collect();
                matched.sort_unstable();
                matched.dedup();
                matched
            }
        }
    }
}

/// Whether every word of a fuzzy query (a typo, an abbreviation) finds
/// its letters close together in `text`: within a stretch at most twice
/// the word's length and one more ("yng" in "young", "crers" in "carers"),
/// not scattered through a long title ("yng" in "youth offending").
fn compact(words: &[String], text: &str) -> bool {
    let text: Vec<char> = text.chars().collect();
    words.iter().all(|word| {
        let word: Vec<char> = word.chars().collect();
        shortest_window(&text, &word).is_some_and(|w| w <= 2 * word.len() + 1)
    })
}

/// The length of the shortest stretch of `text` holding `word`'s letters
/// in order.
fn shortest_window(text: &[char], word: &[char]) -> Option<usize> {
    let (first, last) = (*word.first()?, *word.last()?);
    let mut best: Option<usize> = None;
    for start in (0..text.len()).filter(|&i| text[i] == first) {
        // Forward to the end of the first match from here…
        let mut k = 0;
        let mut end = None;
        for (i, c) in text.iter().enumerate().skip(start) {
            if *c == word[k] {
                k += 1;
                if k == word.len() {
                    end = Some(i);
                    break;
                }
            }
        }
        let Some(end) = end else { break };
        debug_assert_eq!(text[end], last);
        // …then back, for the latest start that still holds the word.
        let mut k = word.len();
        let mut from = end;
        for i in (start..=end).rev() {
            if text[i] == word[k - 1] {
                k -= 1;
                if k == 0 {
                    from = i;
                    break;
                }
            }
        }
        let window = end - from + 1;
        best = Some(best.map_or(window, |b| b.min(window)));
    }
    best
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::document::{filter, picker};
    use crate::store::format;

    fn stockport() -> Outline {
        Outline::build(&format::stockport_sample())
    }

    #[test]
    fn the_filter_and_the_picker_agree_on_what_matches() {
        let outline = stockport();
        for text in ["young carers", "3.6", "yng crers", "fostering", "4.8."] {
            let picked: HashSet<usize> = picker::rank(&outline, text, &HashSet::new())
                .into_iter()
                .map(|c| c.row)
                .collect();
            assert!(!picked.is_empty(), "{text}");
            let shown: HashSet<usize> = filter::visible_rows(&outline, text, &HashSet::new())
                .into_iter()
                .collect();
            // The filter adds the ancestors of what matched, nothing else.
            assert!(picked.is_subset(&shown), "{text}");
            for row in shown.difference(&picked) {
                let is_ancestor = picked.iter().any(|&p| {
                    std::iter::successors(outline.rows[p].parent, |&q| outline.rows[q].parent)
                        .any(|a| a == *row)
                });
                assert!(is_ancestor, "{text}: {}", outline.rows[*row].label());
            }
        }
    }

    #[test]
    fn whole_words_rank_above_scattered_letters() {
        let outline = stockport();
        let mut query = Query::parse("leaving care");
        let scores = query.scores(&outline, |_| true);
        let words = |row: usize| {
            let text = &outline.rows[row].search_text;
            text.contains("leaving") && text.contains("care")
        };
        assert!(
            scores
                .iter()
                .enumerate()
                .any(|(r, s)| s.is_some() && words(r))
        );
        for (row, score) in scores.iter().enumerate() {
            assert_eq!(score.is_some(), words(row), "{}", outline.rows[row].label());
        }
    }

    #[test]
    fn scattered_letters_are_dropped_when_a_typo_finds_strong_matches() {
        let outline = stockport();
        let results = picker::rank(&outline, "yng crers", &HashSet::new());
        let labels: Vec<&str> = results.iter().map(|c| c.label.as_str()).collect();
        assert!(labels[0].contains("Young Carers"), "{labels:?}");
        assert!(
            labels
                .iter()
                .all(|l| l.contains("Carers") || l.contains("Young")),
            "weak matches were offered: {labels:?}"
        );
    }

    #[test]
    fn a_number_matches_itself_first_then_what_is_under_it() {
        let outline = stockport();
        let results = picker::rank(&outline, "4.8", &HashSet::new());
        assert_eq!(results[0].label, "4.8 Young Carers");
        assert_eq!(results[0].matched, vec![0, 1, 2]);
        assert!(results.iter().all(|c| c.label.starts_with("4.8")));
        assert!(!results.iter().any(|c| c.label.starts_with("4.80")));
    }
}
