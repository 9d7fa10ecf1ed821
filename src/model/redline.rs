//! A redline of two texts, word by word: what stayed, what was taken out
//! and what was put in, as a reviewer reads tracked changes. Used to
//! compare a localised chapter with its template's text and the two sides
//! of a conflict.

/// What happened to a piece of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Same,
    Removed,
    Added,
}

/// A run of text with one mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub mark: Mark,
    pub text: String,
}

/// Past this many words a side, the texts are shown as one removal and
/// one addition rather than compared word by word.
const MAX_WORDS: usize = 100_000;

/// `old` turned into `new`, word by word (spaces and line breaks kept with
/// the words), with runs of the same mark joined.
pub fn redline(old: &str, new: &str) -> Vec<Piece> {
    let (a, b) = (tokens(old), tokens(new));
    let mut pieces: Vec<Piece> = Vec::new();
    let mut push = |mark: Mark, text: &str| {
        if text.is_empty() {
            return;
        }
        match pieces.last_mut() {
            Some(last) if last.mark == mark => last.text.push_str(text),
            _ => pieces.push(Piece {
                mark,
                text: text.to_string(),
            }),
        }
    };
    if a.len() > MAX_WORDS || b.len() > MAX_WORDS {
        push(Mark::Removed, old);
        push(Mark::Added, new);
        return pieces;
    }
    // Words match whatever space follows them (the last word of a title
    // has none); what is shown keeps the new text's spacing.
    let (keys_a, keys_b): (Vec<&str>, Vec<&str>) = (
        a.iter().map(|t| t.trim_end()).collect(),
        b.iter().map(|t| t.trim_end()).collect(),
    );
    for op in similar::capture_diff_slices(similar::Algorithm::Myers, &keys_a, &keys_b) {
        match op {
            similar::DiffOp::Equal { new_index, len, .. } => {
                push(Mark::Same, &b[new_index..new_index + len].concat());
            }
            similar::DiffOp::Delete {
                old_index, old_len, ..
            } => push(Mark::Removed, &a[old_index..old_index + old_len].concat()),
            similar::DiffOp::Insert {
                new_index, new_len, ..
            } => push(Mark::Added, &b[new_index..new_index + new_len].concat()),
            similar::DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                push(Mark::Removed, &a[old_index..old_index + old_len].concat());
                push(Mark::Added, &b[new_index..new_index + new_len].concat());
            }
        }
    }
    pieces
}

/// Words with the spaces after them.
pub(crate) fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_space = false;
    for (at, c) in text.char_indices() {
        let space = c.is_whitespace();
        if in_space && !space {
            out.push(&text[start..at]);
            start = at;
        }
        in_space = space;
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(pieces: &[Piece]) -> String {
        pieces
            .iter()
            .map(|p| match p.mark {
                Mark::Same => p.text.clone(),
                Mark::Removed => format!("[-{}-]", p.text),
                Mark::Added => format!("{{+{}+}}", p.text),
            })
            .collect()
    }

    #[test]
    fn words_taken_out_and_put_in_are_marked_and_the_rest_kept() {
        let pieces = redline(
            "Contact the duty team within 24 hours.\nRecord it.",
            "Contact the Smalltown duty team within one working day.\nRecord it.",
        );
        assert_eq!(
            shown(&pieces),
            "Contact the {+Smalltown +}duty team within [-24 hours.\n-]{+one working day.\n+}Record it."
        );
        assert_eq!(shown(&redline("same", "same")), "same");
        // The last word of a title has no space after it.
        assert_eq!(
            shown(&redline("All Children", "All Children in Smalltown")),
            "All Children {+in Smalltown+}"
        );
        assert!(redline("", "").is_empty());
    }
}
