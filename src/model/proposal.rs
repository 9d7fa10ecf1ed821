//! Changes a reviewer proposes to a chapter's text (a consultation copy
//! that came back), word by word, each placed in the text as it is now so
//! it can be accepted or rejected on its own; nothing changes until one is
//! accepted.
//!
//! Three texts meet: the chapter as it is now, the same text as it reads
//! after a trip through the copy (`as_sent`: Word cannot keep every mark
//! of the Markdown), and the text that came back (`returned`, with the
//! reviewer's tracked changes taken, and `returned_before` without them).
//! The proposals are what differs between `as_sent` and `returned`; each
//! is placed in the current text through the words the two share, and is
//! marked tracked when Word recorded it as the reviewer's change.

use std::ops::Range;

use super::redline::tokens;

/// Which of the chapter's texts a proposal changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    Scope,
    Body,
}

impl Field {
    pub fn name(self) -> &'static str {
        match self {
            Field::Scope => "scope",
            Field::Body => "text",
        }
    }
}

/// One proposed change.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Proposal {
    pub field: Field,
    /// Where it goes in the current text (byte range replaced); `None`
    /// when the words around it were changed since and it cannot be
    /// placed (it is shown, to copy by hand, but cannot be accepted).
    pub range: Option<Range<usize>>,
    pub removed: String,
    pub added: String,
    /// Recorded by Word as a tracked change (otherwise found by
    /// comparison: an edit made with tracking off).
    pub tracked: bool,
    /// A few words before and after, as the current text has them.
    pub before: String,
    pub after: String,
}

/// How many words of context a proposal shows on each side.
const CONTEXT_WORDS: usize = 6;

/// A run of words replaced: token ranges in the old and new texts.
struct Hunk {
    old: Range<usize>,
    new: Range<usize>,
}

/// What a word is compared by: itself, and whether a line or a paragraph
/// ends after it (the spaces themselves do not count).
fn key<'a>(token: &&'a str) -> (&'a str, u8) {
    let word = token.trim_end();
    let space = &token[word.len()..];
    let breaks = space.matches('\n').count().min(2) as u8;
    (word, breaks)
}

/// The word-level differences of two token lists.
fn hunks(a: &[&str], b: &[&str]) -> Vec<Hunk> {
    let keys_a: Vec<(&str, u8)> = a.iter().map(key).collect();
    let keys_b: Vec<(&str, u8)> = b.iter().map(key).collect();
    let mut out = Vec::new();
    for op in similar::capture_diff_slices(similar::Algorithm::Myers, &keys_a, &keys_b) {
        let (old, new) = match op {
            similar::DiffOp::Equal { .. } => continue,
            similar::DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => (old_index..old_index + old_len, new_index..new_index),
            similar::DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => (old_index..old_index, new_index..new_index + new_len),
            similar::DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => (
                old_index..old_index + old_len,
                new_index..new_index + new_len,
            ),
        };
        // Neighbouring changes read as one.
        match out.last_mut() {
            Some(Hunk { old: o, new: n }) if o.end == old.start && n.end == new.start => {
                o.end = old.end;
                n.end = new.end;
            }
            _ => out.push(Hunk { old, new }),
        }
    }
    out
}

/// Byte offset where token `index` starts (the text's length past the end).
fn offset(tokens: &[&str], index: usize) -> usize {
    tokens[..index.min(tokens.len())]
        .iter()
        .map(|t| t.len())
        .sum()
}

/// Token `index` of `from` as a token index of `to`, through the words the
/// two share; `None` when the word there was changed.
fn token_map(from: &[&str], to: &[&str]) -> Vec<Option<usize>> {
    let keys_a: Vec<&str> = from.iter().map(|t| t.trim_end()).collect();
    let keys_b: Vec<&str> = to.iter().map(|t| t.trim_end()).collect();
    let mut map = super::merge_text::matching(&keys_a, &keys_b);
    // The end maps to the end.
    map.push(Some(to.len()));
    map
}

/// The proposals that turn `as_sent` into `returned`, placed in
/// `current`. `returned_before` is the returned text without the
/// reviewer's tracked changes.
pub fn propose(
    field: Field,
    current: &str,
    as_sent: &str,
    returned: &str,
    returned_before: &str,
) -> Vec<Proposal> {
    let (cur, sent, back, before) = (
        tokens(current),
        tokens(as_sent),
        tokens(returned),
        tokens(returned_before),
    );
    // What Word recorded: the returned text's words a tracked change put
    // in, and the words it took out (as text).
    let mut tracked_in = vec![false; back.len()];
    let mut tracked_out: Vec<String> = Vec::new();
    for hunk in hunks(&before, &back) {
        for flag in &mut tracked_in[hunk.new.clone()] {
            *flag = true;
        }
        tracked_out.push(before[hunk.old.clone()].concat().trim().to_string());
    }
    let identical = current == as_sent;
    let to_current = if identical {
        Vec::new()
    } else {
        token_map(&sent, &cur)
    };
    let place = |index: usize| -> Option<usize> {
        if identical {
            Some(index)
        } else {
            to_current.get(index).copied().flatten()
        }
    };
    let mut out = Vec::new();
    for hunk in hunks(&sent, &back) {
        let mut removed = sent[hunk.old.clone()].concat();
        let mut added = back[hunk.new.clone()].concat();
        // The spaces both end with are not part of the change.
        let common = removed
            .chars()
            .rev()
            .zip(added.chars().rev())
            .take_while(|(a, b)| a == b && a.is_whitespace())
            .map(|(a, _)| a.len_utf8())
            .sum::<usize>();
        removed.truncate(removed.len() - common);
        added.truncate(added.len() - common);
        // Placed when the words it replaces (or, for an insertion, the word
        // it goes before) are where they were.
        let start = place(hunk.old.start);
        let end = if hunk.old.is_empty() {
            start
        } else {
            place(hunk.old.end - 1).map(|i| i + 1)
        };
        let range = match (start, end) {
            (Some(start), Some(end)) if start <= end => {
                let tokens_range = start..end;
                let removed_here = cur[tokens_range.clone()].concat();
                (removed_here.trim_end() == removed.trim_end()).then(|| {
                    // The spaces after the change stay where they are.
                    let kept = if common > 0 {
                        removed_here.len() - removed_here.trim_end().len()
                    } else {
                        0
                    };
                    offset(&cur, start)..offset(&cur, end) - kept
                })
            }
            _ => None,
        };
        // Words put after a word kept: the change is only what was put in.
        let (range, removed, added) = match range {
            Some(range) if !removed.is_empty() && added.starts_with(&removed) => (
                Some(range.end..range.end),
                String::new(),
                added[removed.len()..].to_string(),
            ),
            range => (range, removed, added),
        };
        let tracked = tracked_in[hunk.new.clone()].iter().any(|t| *t)
            || (!removed.trim().is_empty() && tracked_out.iter().any(|t| *t == removed.trim()));
        let (before_words, after_words) = match &range {
            Some(range) => (
                context_before(&current[..range.start]),
                context_after(&current[range.end..]),
            ),
            None => (
                context_before(&sent[..hunk.old.start].concat()),
                context_after(&sent[hunk.old.end..].concat()),
            ),
        };
        out.push(Proposal {
            field,
            range,
            removed,
            added,
            tracked,
            before: before_words,
            after: after_words,
        });
    }
    out
}

/// Context as a reader sees it: one line, without the Markdown marks of
/// emphasis, list items and headings.
pub fn readable(text: &str) -> String {
    text.split_whitespace()
        .filter(|word| !matches!(*word, "-" | "*" | "#" | "##" | "###" | "####" | "|"))
        .map(|word| {
            // Emphasis marks at either end of a word, before its
            // punctuation too ("*weeks*." reads "weeks.").
            let word = word.replace('*', "");
            let word = word.trim_start_matches('_');
            let end = word.trim_end_matches(|c: char| c.is_ascii_punctuation() && c != '_');
            let (stem, tail) = word.split_at(end.len());
            format!("{}{tail}", stem.trim_end_matches('_'))
        })
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn context_before(text: &str) -> String {
    let words = tokens(text);
    words[words.len().saturating_sub(CONTEXT_WORDS)..].concat()
}

fn context_after(text: &str) -> String {
    tokens(text)
        .into_iter()
        .take(CONTEXT_WORDS)
        .collect::<String>()
}

/// `current` with the `accepted` proposals made (those that could be
/// placed); the others are left as they are.
pub fn apply<'a>(current: &str, accepted: impl IntoIterator<Item = &'a Proposal>) -> String {
    let mut placed: Vec<(&Range<usize>, &str)> = accepted
        .into_iter()
        .filter_map(|p| p.range.as_ref().map(|r| (r, p.added.as_str())))
        .collect();
    placed.sort_by_key(|(range, _)| (range.start, range.end));
    let mut out = String::with_capacity(current.len());
    let mut at = 0;
    for (range, added) in placed {
        if range.start < at || range.end > current.len() {
            continue;
        }
        out.push_str(&current[at..range.start]);
        out.push_str(added);
        at = range.end;
    }
    out.push_str(&current[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_change_is_placed_in_the_text_and_can_be_taken_alone() {
        let current = "Visit the child every six weeks.\n\nRecord the visit.";
        let returned = "Visit the child every four weeks.\n\nRecord the visit on the day.";
        let proposals = propose(Field::Body, current, current, returned, returned);
        assert_eq!(proposals.len(), 2);
        assert_eq!(
            (proposals[0].removed.as_str(), proposals[0].added.as_str()),
            ("six", "four")
        );
        assert!(!proposals[0].tracked);
        assert_eq!(proposals[0].before, "Visit the child every ");
        assert_eq!(
            apply(current, [&proposals[1]]),
            "Visit the child every six weeks.\n\nRecord the visit on the day."
        );
        assert_eq!(apply(current, &proposals), returned);
        assert_eq!(apply(current, []), current);
    }

    #[test]
    fn context_reads_without_markdown_marks() {
        assert_eq!(
            readable("week** of a placement, then *every six weeks*.\n\n- Record _each_. visit"),
            "week of a placement, then every six weeks. Record each. visit"
        );
    }

    #[test]
    fn words_added_to_a_paragraph_stay_in_it() {
        let current = "The IRO chairs each review.\n\nInvite the parents.";
        let returned = "The IRO chairs each review. Ask the child first.\n\nInvite the parents.";
        let proposals = propose(Field::Body, current, current, returned, returned);
        assert_eq!(apply(current, &proposals), returned);
    }

    #[test]
    fn changes_word_recorded_are_marked_tracked_and_others_found_by_comparison() {
        let sent = "Ring the duty team. Write it down.";
        let before = "Ring the duty team. Write it up.";
        let returned = "Ring the duty team at once. Write it up.";
        let proposals = propose(Field::Body, sent, sent, returned, before);
        assert_eq!(proposals.len(), 2, "{proposals:?}");
        assert!(proposals[0].tracked, "at once was a tracked insertion");
        assert!(
            !proposals[1].tracked,
            "down → up was typed with tracking off"
        );
    }

    #[test]
    fn a_change_is_placed_through_marks_the_copy_could_not_keep() {
        // Word has no "#" heading: the copy reads it back as "##".
        let current = "# Duties\n\nAssess within *ten* days.";
        let sent = "## Duties\n\nAssess within _ten_ days.";
        let returned = "## Duties\n\nAssess within _ten_ working days.";
        let proposals = propose(Field::Body, current, sent, returned, returned);
        assert_eq!(proposals.len(), 1);
        assert_eq!(
            apply(current, &proposals),
            "# Duties\n\nAssess within *ten* working days."
        );
        // A change to a word the copy wrote differently cannot be placed.
        let returned = "## Duties\n\nAssess within _five_ days.";
        let proposals = propose(Field::Body, current, sent, returned, returned);
        assert_eq!(proposals[0].range, None);
        assert_eq!(apply(current, &proposals), current);
    }
}
