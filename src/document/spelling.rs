//! Spelling in British English: which words of a title, scope or body are
//! not in the Hunspell dictionary (nor in the manual's own word list), and
//! what to offer instead. Link addresses, inline code, numbers and
//! all-capital abbreviations ("LSCB", "MASH") are not checked.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// A dictionary and the words already looked up in it.
pub struct Speller {
    dictionary: spellbook::Dictionary,
    /// What the dictionary is ("en_GB from /usr/share/hunspell").
    pub name: String,
    /// Each word's answer, so typing only looks up the words it changes.
    looked_up: HashMap<String, bool>,
    /// The manual's own word list.
    known: HashSet<String>,
}

impl std::fmt::Debug for Speller {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Speller")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

impl Speller {
    /// A speller from the text of a Hunspell `.aff` and `.dic` pair.
    /// The speller of the Hunspell dictionary at `base` (`base.aff`,
    /// `base.dic`).
    pub fn open(base: &std::path::Path) -> Result<Self, String> {
        let files = crate::store::dictionary::read(base)?;
        Speller::new(&files.aff, &files.dic, files.name)
            .map_err(|e| format!("{}: not a Hunspell dictionary: {e}", base.display()))
    }

    pub fn new(aff: &str, dic: &str, name: impl Into<String>) -> Result<Self, String> {
        let dictionary = spellbook::Dictionary::new(aff, dic).map_err(|e| e.to_string())?;
        Ok(Speller {
            dictionary,
            name: name.into(),
            looked_up: HashMap::new(),
            known: HashSet::new(),
        })
    }

    /// Takes the manual's word list (words it accepts as spelt right).
    pub fn set_known(&mut self, words: &[String]) {
        if words.len() != self.known.len() || words.iter().any(|w| !self.known.contains(w)) {
            self.known = words.iter().cloned().collect();
        }
    }

    /// Whether `word` is spelt right (by the dictionary or the word list).
    pub fn is_correct(&mut self, word: &str) -> bool {
        let word = normalise(word);
        if self.known.contains(word.as_ref()) {
            return true;
        }
        if let Some(&answer) = self.looked_up.get(word.as_ref()) {
            return answer;
        }
        let answer = self.dictionary.check(&word);
        self.looked_up.insert(word.into_owned(), answer);
        answer
    }

    /// Byte ranges of the misspelt words of `text`.
    pub fn misspelt(&mut self, text: &str) -> Vec<Range<usize>> {
        words(text)
            .into_iter()
            .filter(|range| !self.is_correct(&text[range.clone()]))
            .collect()
    }

    /// Up to six spellings to offer instead of `word`.
    pub fn suggestions(&self, word: &str) -> Vec<String> {
        let mut out = Vec::new();
        self.dictionary.suggest(&normalise(word), &mut out);
        out.truncate(6);
        out
    }
}

/// The typographic apostrophe is checked as the plain one.
fn normalise(word: &str) -> std::borrow::Cow<'_, str> {
    if word.contains('’') {
        word.replace('’', "'").into()
    } else {
        word.into()
    }
}

/// The word of `text` at byte offset `at`, if there is one.
pub fn word_at(text: &str, at: usize) -> Option<Range<usize>> {
    words(text)
        .into_iter()
        .find(|range| range.start <= at && at <= range.end)
}

/// Byte ranges of the words worth checking in `text`.
pub fn words(text: &str) -> Vec<Range<usize>> {
    let skipped = skipped_spans(text);
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next_is_letter = chars.peek().is_some_and(|(_, n)| n.is_alphabetic());
        let in_word = c.is_alphabetic()
            || (matches!(c, '\'' | '’') && start.is_some() && next_is_letter)
            || (c.is_ascii_digit() && start.is_some());
        match (in_word, start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                out.push(from..at);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        out.push(from..text.len());
    }
    out.retain(|range| {
        let word = &text[range.clone()];
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        let capitals = word.chars().filter(|c| c.is_uppercase()).count();
        let digits = word.chars().any(|c| c.is_ascii_digit());
        // Touching a digit, or a letter right before: part of something else.
        let glued = text[..range.start]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit() || c == '_' || c == '@');
        letters > 1
            && !digits
            && !glued
            && capitals < letters.max(2)
            && !skipped
                .iter()
                .any(|s| s.start <= range.start && range.end <= s.end)
    });
    out
}

/// Link addresses (`](…)`), bare web addresses and inline code.
fn skipped_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find("](") {
        let start = from + at + 2;
        let end = text[start..].find(')').map_or(text.len(), |i| start + i);
        spans.push(start..end);
        from = end;
    }
    for scheme in ["http://", "https://", "mailto:", "www."] {
        let mut from = 0;
        while let Some(at) = text[from..].find(scheme) {
            let start = from + at;
            let end = text[start..]
                .find(|c: char| c.is_whitespace() || c == ')')
                .map_or(text.len(), |i| start + i);
            spans.push(start..end);
            from = end.max(start + 1);
        }
    }
    let mut from = 0;
    while let Some(at) = text[from..].find('`') {
        let start = from + at;
        let Some(len) = text[start + 1..].find('`') else {
            break;
        };
        let end = start + 1 + len;
        spans.push(start..end + 1);
        from = end + 1;
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_test_dictionary_opens_and_a_missing_one_is_named() {
        let base = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/dictionary/en_GB_test");
        let mut speller = Speller::open(&base).unwrap();
        assert!(speller.is_correct("colour"));
        let error = Speller::open(std::path::Path::new("/no/such/en_GB"))
            .err()
            .unwrap();
        assert!(error.contains("/no/such/en_GB.aff"), "{error}");
    }

    fn speller() -> Speller {
        let base = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/dictionary/en_GB_test"
        );
        let aff = std::fs::read_to_string(format!("{base}.aff")).unwrap();
        let dic = std::fs::read_to_string(format!("{base}.dic")).unwrap();
        Speller::new(&aff, &dic, "test").unwrap()
    }

    fn misspelt(speller: &mut Speller, text: &str) -> Vec<String> {
        speller
            .misspelt(text)
            .into_iter()
            .map(|r| text[r].to_string())
            .collect()
    }

    #[test]
    fn british_spellings_pass_and_others_are_marked() {
        let mut speller = speller();
        assert_eq!(
            misspelt(
                &mut speller,
                "The colours of the organisation are recognised by carers."
            ),
            vec!["recognised"]
        );
        assert_eq!(
            misspelt(&mut speller, "The color of the organization."),
            vec!["color", "organization"]
        );
    }

    #[test]
    fn links_code_numbers_and_abbreviations_are_not_checked() {
        let mut speller = speller();
        let text = "Read [the policy](entry:supervison-polcy) and https://exmple.org/pge, \
                    `cde` by the LSCB in 2024 for 3rd parties";
        assert_eq!(misspelt(&mut speller, text), vec!["parties"]);
    }

    #[test]
    fn the_manuals_word_list_counts_as_spelt_right() {
        let mut speller = speller();
        assert_eq!(
            misspelt(&mut speller, "Stockport carers"),
            vec!["Stockport"]
        );
        speller.set_known(&["Stockport".to_string()]);
        assert!(misspelt(&mut speller, "Stockport carers").is_empty());
    }

    #[test]
    fn suggestions_offer_the_british_spelling() {
        let speller = speller();
        let offered = speller.suggestions("colur");
        assert!(offered.contains(&"colour".to_string()), "{offered:?}");
        assert_eq!(word_at("the colur of", 6), Some(4..9));
    }
}
