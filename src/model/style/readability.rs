//! A text's reading age: the Flesch–Kincaid grade plus five, the usual
//! UK conversion (grade 6 is a reading age of 11).

/// Words, sentences and syllables of a text, counted once.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub words: usize,
    pub sentences: usize,
    pub syllables: usize,
}

impl Counts {
    pub fn add(&mut self, other: Counts) {
        self.words += other.words;
        self.sentences += other.sentences;
        self.syllables += other.syllables;
    }

    /// The reading age, in years (at least 5), or `None` below 30 words:
    /// too little text for the formula to mean anything.
    pub fn reading_age(&self) -> Option<f32> {
        if self.words < 30 {
            return None;
        }
        let words = self.words as f32;
        let sentences = self.sentences.max(1) as f32;
        let grade = 0.39 * (words / sentences) + 11.8 * (self.syllables as f32 / words) - 15.59;
        Some((grade + 5.0).max(5.0))
    }
}

/// The syllables of an English word, by its groups of vowels (a silent
/// final "e" not counted): within one of a dictionary's count for most
/// words, which is all the formula needs.
pub fn syllables(word: &str) -> usize {
    let lower: Vec<char> = word
        .chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if lower.is_empty() {
        return 0;
    }
    let is_vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let mut groups = 0;
    let mut previous = false;
    for &c in &lower {
        let vowel = is_vowel(c);
        if vowel && !previous {
            groups += 1;
        }
        previous = vowel;
    }
    let n = lower.len();
    // "care", "made": the final e is silent; "people", "table": it is not.
    if n > 2 && lower[n - 1] == 'e' && lower[n - 2] != 'l' && !is_vowel(lower[n - 2]) && groups > 1
    {
        groups -= 1;
    }
    groups.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_are_counted_near_enough() {
        for (word, count) in [
            ("care", 1),
            ("child", 1),
            ("table", 2),
            ("people", 2),
            ("family", 3),
            ("safeguarding", 4),
            ("responsibilities", 6),
            ("a", 1),
            ("1999", 0),
        ] {
            assert_eq!(syllables(word), count, "{word}");
        }
    }

    #[test]
    fn short_plain_sentences_read_younger_than_long_latinate_ones() {
        let plain = Counts {
            words: 100,
            sentences: 10,
            syllables: 130,
        };
        let dense = Counts {
            words: 100,
            sentences: 3,
            syllables: 190,
        };
        let (plain, dense) = (plain.reading_age().unwrap(), dense.reading_age().unwrap());
        assert!((8.0..12.0).contains(&plain), "{plain}");
        assert!(dense > 20.0, "{dense}");
        assert_eq!(
            Counts {
                words: 29,
                sentences: 1,
                syllables: 40
            }
            .reading_age(),
            None
        );
    }
}
