//! Each word of the search index and the chapters holding it, gathered
//! while the chapters are read: every word of every chapter passes through
//! here (millions in a large manual), so a word of up to 16 bytes (nearly
//! all of them) is looked up as two numbers, hashed and compared in a few
//! steps, rather than as a string compared byte by byte.

use rustc_hash::FxHashMap;

/// A chapter holding a word: its place among the manual's chapters, and
/// whether the word is in its title.
pub(super) type Posting = (usize, bool);

/// The chapters holding each word, each word's in the order they were
/// added.
#[derive(Debug, Default)]
pub(super) struct WordChapters {
    /// Words of at most 16 bytes, as [`packed`] holds them.
    short: FxHashMap<(u64, u64), Vec<Posting>>,
    /// Longer words.
    long: FxHashMap<String, Vec<Posting>>,
}

impl WordChapters {
    /// Adds chapter `n` to `word`'s chapters, unless it is the last added
    /// (chapters are added in order, so it holds the word twice).
    #[inline]
    pub fn add(&mut self, word: &str, n: usize, in_title: bool) {
        let list = match packed(word.as_bytes()) {
            Some(key) => self.short.entry(key).or_default(),
            None => match self.long.get_mut(word) {
                Some(list) => list,
                None => self.long.entry(word.to_string()).or_default(),
            },
        };
        if list.last().is_none_or(|&(last, _)| last != n) {
            list.push((n, in_title));
        }
    }

    /// Takes in `other`'s words: each word's chapters stay in order, those
    /// of both merged.
    pub fn merge(&mut self, other: WordChapters) {
        if self.short.is_empty() && self.long.is_empty() {
            *self = other;
            return;
        }
        for (key, list) in other.short {
            let all = self.short.entry(key).or_default();
            *all = merge_in_order(std::mem::take(all), list);
        }
        for (word, list) in other.long {
            let all = self.long.entry(word).or_default();
            *all = merge_in_order(std::mem::take(all), list);
        }
    }

    /// Every word and its chapters, the words in order.
    pub fn into_sorted(self) -> Vec<(String, Vec<Posting>)> {
        let mut words: Vec<(String, Vec<Posting>)> = self
            .short
            .into_iter()
            .map(|(key, list)| (unpacked(key), list))
            .chain(self.long)
            .collect();
        words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        words
    }
}

/// Two lists of chapters, each in order, as one in order.
fn merge_in_order(a: Vec<Posting>, b: Vec<Posting>) -> Vec<Posting> {
    if a.last().zip(b.first()).is_none_or(|(x, y)| x.0 < y.0) {
        let mut a = a;
        a.extend(b);
        return a;
    }
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
        let next = if x.0 <= y.0 { a.next() } else { b.next() };
        out.extend(next);
    }
    out.extend(a);
    out.extend(b);
    out
}

/// Eight bytes as a number, the first lowest.
#[inline]
fn eight(bytes: &[u8]) -> u64 {
    let mut chunk = [0u8; 8];
    chunk.copy_from_slice(&bytes[..8]);
    u64::from_le_bytes(chunk)
}

/// Four bytes as a number, the first lowest.
#[inline]
fn four(bytes: &[u8]) -> u64 {
    let mut chunk = [0u8; 4];
    chunk.copy_from_slice(&bytes[..4]);
    u64::from(u32::from_le_bytes(chunk))
}

/// A word of at most 16 bytes as two numbers: its bytes in order, the
/// first lowest, then zeros (no word holds a zero byte, so the zeros also
/// say where it ends). The bytes are read as two overlapping loads, not
/// one at a time. `None` for a longer word.
#[inline]
fn packed(bytes: &[u8]) -> Option<(u64, u64)> {
    let len = bytes.len();
    Some(match len {
        0..=3 => {
            let mut low = 0;
            for (i, &b) in bytes.iter().enumerate() {
                low |= u64::from(b) << (8 * i);
            }
            (low, 0)
        }
        // The last four bytes, shifted down past those the first four
        // already hold.
        4..=7 => (
            four(bytes) | (four(&bytes[len - 4..]) >> (8 * (8 - len))) << 32,
            0,
        ),
        8 => (eight(bytes), 0),
        9..=16 => (eight(bytes), eight(&bytes[len - 8..]) >> (8 * (16 - len))),
        _ => return None,
    })
}

/// The word [`packed`] holds.
fn unpacked((low, high): (u64, u64)) -> String {
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&low.to_le_bytes());
    bytes[8..].copy_from_slice(&high.to_le_bytes());
    let len = bytes.iter().position(|&b| b == 0).unwrap_or(16);
    String::from_utf8_lossy(&bytes[..len]).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_of_every_length_are_kept_whole() {
        // Every length from 1 to 20 bytes, letters of one to three bytes
        // at every place.
        let letters = ["a", "é", "ō", "z", "9", "’", "ß", "k"];
        for len in 1..=20 {
            for shift in 0..letters.len() {
                let mut word = String::new();
                let mut i = shift;
                while word.len() < len {
                    word.push_str(letters[i % letters.len()]);
                    i += 1;
                }
                match packed(word.as_bytes()) {
                    Some(key) => {
                        assert!(word.len() <= 16, "{word}");
                        assert_eq!(unpacked(key), word);
                    }
                    None => assert!(word.len() > 16, "{word}"),
                }
            }
        }
        // Words that share their first bytes or their last are different.
        let keys: Vec<_> = [
            "care",
            "carer",
            "carers",
            "scarers",
            "carersabcdefghi",
            "carersabcdefghij",
        ]
        .iter()
        .map(|w| packed(w.as_bytes()).unwrap())
        .collect();
        for (i, a) in keys.iter().enumerate() {
            assert!(keys[i + 1..].iter().all(|b| a != b));
        }
    }

    #[test]
    fn each_word_lists_its_chapters_once_in_order_whatever_its_length() {
        let long = "a".repeat(40);
        let mut first = WordChapters::default();
        for (n, words) in [(0, "care carer care"), (2, "carer")] {
            for word in words.split(' ') {
                first.add(word, n, n == 2);
            }
        }
        first.add(&long, 2, false);
        first.add(&long, 2, true);
        let mut second = WordChapters::default();
        second.add("care", 1, false);
        second.add(&long, 3, false);
        second.add("fostering", 4, false);
        first.merge(second);
        assert_eq!(
            first.into_sorted(),
            vec![
                (long.clone(), vec![(2, false), (3, false)]),
                ("care".to_string(), vec![(0, false), (1, false)]),
                ("carer".to_string(), vec![(0, false), (2, true)]),
                ("fostering".to_string(), vec![(4, false)]),
            ]
        );
    }
}
