//! Each word of the search index and the chapters holding it, gathered
//! while the chapters are read: every word of every chapter passes through
//! here (millions in a large manual), so a word of up to 16 bytes (nearly
//! all of them) is looked up as two numbers, hashed and compared in a few
//! steps, rather than as a string compared byte by byte.

use rustc_hash::FxHashMap;

use super::escape::{HIGHS, any_byte_is};
use super::site_search::{IndexWord, STOP_WORDS};

/// A chapter holding a word: its place among the manual's chapters, and
/// whether the word is in its title, in four bytes (the lists of a large
/// manual's words hold millions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Posting(u32);

impl Posting {
    pub fn new(place: usize, in_title: bool) -> Self {
        // A manual holds far fewer than 2^31 chapters.
        Posting((place as u32) << 1 | u32::from(in_title))
    }

    pub fn place(self) -> usize {
        (self.0 >> 1) as usize
    }

    pub fn in_title(self) -> bool {
        self.0 & 1 == 1
    }
}

/// The chapters holding each word, each word's in the order they were
/// added.
#[derive(Debug)]
pub(super) struct WordChapters {
    /// Words of at most 16 bytes, as [`packed`] holds them.
    short: FxHashMap<(u64, u64), Slot>,
    /// Longer words.
    long: FxHashMap<String, Slot>,
    /// Each word's chapters, where its [`Slot`] says.
    lists: Vec<Vec<Posting>>,
    /// The short words added last, each with its chapter's place plus one,
    /// at a place its key picks (a later word picking the same place
    /// takes it): most words of a chapter are ones it has already used, and
    /// they are found here without a lookup in `short`.
    recent: Vec<((u64, u64), u32)>,
}

/// Places in [`WordChapters::recent`]: a power of two, several times the
/// different words of a long chapter.
const RECENT: usize = 1024;

impl Default for WordChapters {
    /// No words yet; the stop words known, so that they are dropped where
    /// they are looked up (see [`WordChapters::add_words`]).
    fn default() -> Self {
        let short = STOP_WORDS
            .iter()
            .filter_map(|word| packed(word.as_bytes()))
            .map(|key| (key, Slot::STOP))
            .collect();
        WordChapters {
            short,
            long: FxHashMap::default(),
            lists: Vec::new(),
            recent: vec![((0, 0), 0); RECENT],
        }
    }
}

/// A word's entry: where its chapters are listed, and the place of the
/// last one added, beside the word, so that a word repeated in a chapter
/// (most words of a text) is told apart without reading its list.
#[derive(Debug, Clone, Copy)]
struct Slot {
    /// The last chapter's place plus one.
    last: u32,
    list: u32,
}

impl Slot {
    /// A stop word's: it lists no chapters.
    const STOP: Slot = Slot {
        last: 0,
        list: u32::MAX,
    };

    fn is_stop(self) -> bool {
        self.list == u32::MAX
    }
}

impl WordChapters {
    /// Adds chapter `n` to the chapters of every word of `text` that the
    /// index keeps, in lower case (see
    /// [`super::site_search::for_each_word_packed`]); `in_title` says they
    /// are its title's words.
    pub fn add_words(&mut self, text: &str, n: usize, in_title: bool) {
        super::site_search::for_each_word_packed(text, |word| match word {
            IndexWord::Packed(key) => self.add_short(key, n, in_title),
            IndexWord::Text(word) => self.add(word, n, in_title),
        });
    }

    /// Adds chapter `n` to `word`'s chapters, unless it is the last added
    /// (chapters are added in order, so it holds the word twice) or the
    /// word is a stop word. Out of line: the words of text come through
    /// [`WordChapters::add_words`], and those that come here (longer,
    /// with an apostrophe, outside ASCII) are few.
    #[inline(never)]
    pub fn add(&mut self, word: &str, n: usize, in_title: bool) {
        match packed(word.as_bytes()) {
            Some(key) => self.add_short(key, n, in_title),
            None => {
                let slot = match self.long.get_mut(word) {
                    Some(slot) => slot,
                    None => {
                        let slot = new_slot(&mut self.lists);
                        self.long.entry(word.to_string()).or_insert(slot)
                    }
                };
                add_to(&mut self.lists, slot, n, in_title);
            }
        }
    }

    /// [`WordChapters::add`] for a word of at most 16 bytes, as [`packed`]
    /// holds it.
    #[inline(always)]
    fn add_short(&mut self, key: (u64, u64), n: usize, in_title: bool) {
        // Already added for this chapter (whether from its title or its
        // text: a title's words are added first), as the word's slot would
        // also say.
        let place = n as u32 + 1;
        let at = ((key.0 ^ key.1.rotate_left(29)).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 54)
            as usize
            % RECENT;
        if self.recent[at] == (key, place) {
            return;
        }
        self.recent[at] = (key, place);
        self.add_to_short(key, n, in_title);
    }

    /// [`WordChapters::add_short`] past the recent words: out of line, so
    /// that the recent words' test stays in the loop reading the words.
    #[inline(never)]
    fn add_to_short(&mut self, key: (u64, u64), n: usize, in_title: bool) {
        let slot = match self.short.get_mut(&key) {
            Some(slot) => slot,
            None => {
                let slot = new_slot(&mut self.lists);
                self.short.entry(key).or_insert(slot)
            }
        };
        add_to(&mut self.lists, slot, n, in_title);
    }
}

/// Every word of `tables` (each read from runs of chapters in the
/// manual's order, the first run first) with its chapters in order, made
/// into `line(word, chapters)`, the words sorted. The export's last work,
/// the rest waiting on it, so on every core: each takes the words whose
/// hash falls to it, gathers their chapters from every table and sorts
/// its own words, and the cores' sorted runs are merged.
pub(super) fn join_sorted<R: Send>(
    tables: &[WordChapters],
    line: impl Fn(&str, &[Posting]) -> R + Sync,
) -> Vec<(String, R)> {
    use crate::model::on_every_core::{cores, each_share};
    let shares = cores();
    merge_sorted_runs(each_share(shares, |share| {
        words_of_share(tables, share, shares, &line)
    }))
}

/// The words of share `share` of `shares` (by their hash) in `tables`,
/// each with its chapters from every table merged in order, made into
/// `line`, sorted.
fn words_of_share<R>(
    tables: &[WordChapters],
    share: usize,
    shares: usize,
    line: &impl Fn(&str, &[Posting]) -> R,
) -> Vec<(String, R)> {
    use std::hash::BuildHasher;
    let hasher = rustc_hash::FxBuildHasher;
    let mine = |hash: u64| (hash >> 32) as usize % shares == share;
    let mut short: FxHashMap<(u64, u64), Vec<&[Posting]>> = FxHashMap::default();
    let mut long: FxHashMap<&str, Vec<&[Posting]>> = FxHashMap::default();
    for table in tables {
        for (key, slot) in &table.short {
            if !slot.is_stop() && mine(hasher.hash_one(key)) {
                short
                    .entry(*key)
                    .or_default()
                    .push(&table.lists[slot.list as usize]);
            }
        }
        for (word, slot) in &table.long {
            if !slot.is_stop() && mine(hasher.hash_one(word.as_str())) {
                long.entry(word.as_str())
                    .or_default()
                    .push(&table.lists[slot.list as usize]);
            }
        }
    }
    let mut words: Vec<(String, Vec<&[Posting]>)> = short
        .into_iter()
        .map(|(key, lists)| (unpacked(key), lists))
        .chain(
            long.into_iter()
                .map(|(word, lists)| (word.to_string(), lists)),
        )
        .collect();
    words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    words
        .into_iter()
        .map(|(word, lists)| {
            let made = match lists.as_slice() {
                [one] => line(&word, one),
                _ => line(&word, &merge_in_order(&lists)),
            };
            (word, made)
        })
        .collect()
}

/// Runs each sorted by word, as one sorted run (a word is in one run).
fn merge_sorted_runs<R>(runs: Vec<Vec<(String, R)>>) -> Vec<(String, R)> {
    let mut out = Vec::with_capacity(runs.iter().map(Vec::len).sum());
    let mut runs: Vec<_> = runs
        .into_iter()
        .map(|run| run.into_iter().peekable())
        .collect();
    loop {
        let next = runs
            .iter_mut()
            .enumerate()
            .filter_map(|(i, run)| run.peek().map(|(word, _)| (i, word)))
            .min_by(|a, b| a.1.cmp(b.1))
            .map(|(i, _)| i);
        match next.and_then(|i| runs[i].next()) {
            Some(item) => out.push(item),
            None => return out,
        }
    }
}

/// Adds chapter `n` to the list of `slot` unless it is the last there (or
/// `slot` is a stop word's).
#[inline(always)]
fn add_to(lists: &mut [Vec<Posting>], slot: &mut Slot, n: usize, in_title: bool) {
    let place = n as u32 + 1;
    if slot.last != place && !slot.is_stop() {
        slot.last = place;
        lists[slot.list as usize].push(Posting::new(n, in_title));
    }
}

/// A new word's slot, its list empty.
fn new_slot(lists: &mut Vec<Vec<Posting>>) -> Slot {
    lists.push(Vec::new());
    Slot {
        last: 0,
        list: (lists.len() - 1) as u32,
    }
}

/// Lists of chapters, each in order, as one in order: a list whose
/// chapters all come after the last one's is added whole.
fn merge_in_order(lists: &[&[Posting]]) -> Vec<Posting> {
    let mut out: Vec<Posting> = Vec::with_capacity(lists.iter().map(|l| l.len()).sum());
    for list in lists {
        let after = out
            .last()
            .zip(list.first())
            .is_none_or(|(x, y)| x.place() < y.place());
        if after {
            out.extend_from_slice(list);
            continue;
        }
        let mine = std::mem::take(&mut out);
        out.reserve(mine.len() + list.len());
        let (mut a, mut b) = (mine.iter().peekable(), list.iter().peekable());
        while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
            let next = if x.place() <= y.place() {
                a.next()
            } else {
                b.next()
            };
            out.extend(next);
        }
        out.extend(a);
        out.extend(b);
    }
    out
}

/// The word from byte `start` to `end` of `text`, in lower case, as
/// [`packed`] holds it, when it is at most 16 bytes of ASCII letters and
/// digits (no apostrophe) and 16 bytes of the text begin at `start`: read
/// in two loads, with no branch on its length. `None` for any other word
/// (which [`packed`] and the cleaning of words read, slower).
#[inline(always)]
pub(super) fn packed_plain(text: &[u8], start: usize, end: usize) -> Option<(u64, u64)> {
    let len = end.checked_sub(start)?;
    let bytes = text.get(start..start + 16)?;
    // Lowered as they are read: a letter's 0x20 bit set (a digit has it).
    let low = (eight(bytes) | LOWER) & LOW_BYTES[len.min(16)];
    let high = (eight(&bytes[8..]) | LOWER) & HIGH_BYTES[len.min(16)];
    let plain = len <= 16
        && (low | high) & HIGHS == 0
        && any_byte_is(low, b'\'') | any_byte_is(high, b'\'') == 0;
    plain.then_some((low, high))
}

/// The bit that makes each of eight ASCII letters lower case.
const LOWER: u64 = 0x2020_2020_2020_2020;

/// For a word of each length up to 16 bytes, which bytes of its first
/// eight are its own.
const LOW_BYTES: [u64; 17] = {
    let mut masks = [u64::MAX; 17];
    let mut len = 0;
    while len < 8 {
        masks[len] = (1 << (8 * len)) - 1;
        len += 1;
    }
    masks
};

/// For a word of each length up to 16 bytes, which bytes of its second
/// eight are its own.
const HIGH_BYTES: [u64; 17] = {
    let mut masks = [0; 17];
    let mut len = 9;
    while len <= 16 {
        masks[len] = u64::MAX >> (8 * (16 - len));
        len += 1;
    }
    masks
};

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

    /// Each word's chapters as places and title flags, from every table.
    fn read_all(tables: &[WordChapters]) -> Vec<(String, Vec<(usize, bool)>)> {
        join_sorted(tables, |_, list| {
            list.iter().map(|p| (p.place(), p.in_title())).collect()
        })
    }

    fn read(words: WordChapters) -> Vec<(String, Vec<(usize, bool)>)> {
        read_all(&[words])
    }

    #[test]
    fn words_read_packed_are_the_words_read_one_by_one() {
        // Words of every length around 8 and 16 bytes, stop words, words
        // with apostrophes and letters outside ASCII, digits, capitals
        // (ASCII and not, and letters whose lower case is longer or holds
        // a mark that is no letter), words at the very end of a text (fewer
        // than 16 bytes after their start), and punctuation between: read
        // as the index reads them, and as the cleaned words of the text
        // lowered first, one at a time.
        let vocabulary = [
            "a",
            "The",
            "AND",
            "of",
            "their",
            "care",
            "Carer",
            "CARERS",
            "fostering",
            "safeguarding",
            "SafeGuardingABCD",
            "safeguardingabcde",
            "child's",
            "O'Neill",
            "'quoted'",
            "Café",
            "naïve",
            "ß",
            "2024",
            "12345678",
            "123456789",
            "x",
            "It's",
            "children’s",
            "supercalifragilisticexpialidocious",
            "İstanbul",
            "ΟΔΟΣ",
            "ẞtraße",
            "ǄEMAL",
        ];
        let gaps = [" ", ", ", ". ", "\n", " — ", "/", " (", ") "];
        let mut seed = 0x2545_f491_u32;
        for round in 0..400 {
            let length = round % 40;
            let mut text = String::new();
            for _ in 0..length {
                let picked = crate::export::random_text(&mut seed, 1, |n| char::from(n as u8));
                let n = usize::from(picked.as_bytes()[0]);
                text.push_str(vocabulary[n % vocabulary.len()]);
                text.push_str(gaps[(n / 7) % gaps.len()]);
            }
            if round % 2 == 0 {
                // Ending in a word.
                text.truncate(text.trim_end_matches(|c: char| !c.is_alphanumeric()).len());
            }
            // The words as the index read them before: the whole text
            // lowered first.
            let lowered = text.to_lowercase();
            let mut packed = WordChapters::default();
            // The lists as the cleaned words one at a time make them.
            let mut one_by_one: std::collections::BTreeMap<String, Vec<(usize, bool)>> =
                Default::default();
            for n in 0..3 {
                packed.add_words(&text, n, n == 1);
                crate::export::site_search::for_each_word(&lowered, |word| {
                    let list = one_by_one.entry(word.to_string()).or_default();
                    if list.last().is_none_or(|&(last, _)| last != n) {
                        list.push((n, n == 1));
                    }
                });
            }
            assert_eq!(
                read(packed),
                one_by_one.into_iter().collect::<Vec<_>>(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_chapter_of_more_words_than_are_kept_as_recent_lists_each_once() {
        // Four times as many different words as places for the recent
        // ones, each used twice in each of two chapters: words pushed out
        // of the recent ones and back are still listed once a chapter.
        let text: String = (0..RECENT * 4)
            .map(|i| format!("w{i} w{} w{i} ", (i * 7) % (RECENT * 4)))
            .collect();
        let mut words = WordChapters::default();
        words.add_words(&text, 0, false);
        words.add_words(&text, 1, true);
        let read = read(words);
        assert_eq!(read.len(), RECENT * 4);
        assert!(
            read.iter()
                .all(|(_, list)| list == &[(0, false), (1, true)])
        );
    }

    #[test]
    fn chapters_read_in_runs_by_several_workers_are_joined_in_order() {
        // Three workers taking runs of two chapters in turn, as an export's
        // workers take theirs; every word in every chapter, some in titles.
        let mut tables: Vec<WordChapters> = (0..3).map(|_| WordChapters::default()).collect();
        let words: Vec<String> = (0..300).map(|i| format!("word{i}")).collect();
        for n in 0..30 {
            let table = &mut tables[(n / 2) % 3];
            table.add_words(&words[n * 7 % 300..].join(" "), n, n % 5 == 0);
            table.add_words("shared", n, false);
        }
        let read = read_all(&tables);
        assert!(read.windows(2).all(|w| w[0].0 < w[1].0));
        let shared = read.iter().find(|(word, _)| word == "shared").unwrap();
        assert_eq!(shared.1, (0..30).map(|n| (n, false)).collect::<Vec<_>>());
        let last = read.iter().find(|(word, _)| word == "word299").unwrap();
        assert_eq!(last.1, (0..30).map(|n| (n, n % 5 == 0)).collect::<Vec<_>>());
        for (word, list) in &read {
            assert!(list.windows(2).all(|w| w[0].0 < w[1].0), "{word}: {list:?}");
        }
        assert_eq!(read.len(), 301);
    }

    #[test]
    fn stop_words_are_never_listed() {
        let mut words = WordChapters::default();
        words.add_words("the care of a child and their carers", 0, true);
        words.add("the", 1, false);
        let mut other = WordChapters::default();
        other.add_words("and the carers", 2, false);
        assert_eq!(
            read_all(&[words, other]),
            [
                ("care".to_string(), vec![(0, true)]),
                ("carers".to_string(), vec![(0, true), (2, false)]),
                ("child".to_string(), vec![(0, true)]),
            ]
        );
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
        assert_eq!(
            read_all(&[first, second]),
            vec![
                (long.clone(), vec![(2, false), (3, false)]),
                ("care".to_string(), vec![(0, false), (1, false)]),
                ("carer".to_string(), vec![(0, false), (2, true)]),
                ("fostering".to_string(), vec![(4, false)]),
            ]
        );
    }
}
