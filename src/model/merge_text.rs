//! A three-way merge of text by lines, as `diff3` does it: where only one
//! side changed a stretch of lines, its change is taken; where both changed
//! the same stretch differently, there is no merge. Used for a chapter's
//! body and scope, so that two maintainers editing different paragraphs of
//! one chapter merge cleanly.

/// Bodies longer than this (lines, on any side) are not merged by line:
/// a chapter is rarely over 2,000 lines, and the matching stays fast.
const MAX_LINES: usize = 50_000;

/// The merged text, or `None` where both sides changed the same lines
/// differently (or the text is too long to match).
pub fn merge_text(base: &str, ours: &str, theirs: &str) -> Option<String> {
    if ours == theirs || theirs == base {
        return Some(ours.to_string());
    }
    if ours == base {
        return Some(theirs.to_string());
    }
    let (b, o, t): (Vec<&str>, Vec<&str>, Vec<&str>) = (
        base.split_inclusive('\n').collect(),
        ours.split_inclusive('\n').collect(),
        theirs.split_inclusive('\n').collect(),
    );
    if b.len().max(o.len()).max(t.len()) > MAX_LINES {
        return None;
    }
    let with_ours = matching(&b, &o);
    let with_theirs = matching(&b, &t);
    // Base lines kept by both sides are the anchors; between two anchors
    // each side has a stretch, merged on its own.
    let mut out = String::with_capacity(ours.len().max(theirs.len()));
    let (mut bi, mut oi, mut ti) = (0, 0, 0);
    let anchors = (0..b.len())
        .filter_map(|i| Some((i, with_ours[i]?, with_theirs[i]?)))
        .chain(std::iter::once((b.len(), o.len(), t.len())));
    for (ba, oa, ta) in anchors {
        let (bs, os, ts) = (&b[bi..ba], &o[oi..oa], &t[ti..ta]);
        let chosen = if os == ts || ts == bs {
            os
        } else if os == bs {
            ts
        } else {
            return None;
        };
        out.extend(chosen.iter().copied());
        if ba < b.len() {
            out.push_str(b[ba]);
        }
        (bi, oi, ti) = (ba + 1, oa + 1, ta + 1);
    }
    Some(out)
}

/// For each line of `a`, the line of `b` it is matched with by Myers'
/// diff (the `similar` crate): memory and time grow with the lines and the
/// size of the difference, not with the product of the two lengths.
pub(crate) fn matching(a: &[&str], b: &[&str]) -> Vec<Option<usize>> {
    let mut out = vec![None; a.len()];
    for op in similar::capture_diff_slices(similar::Algorithm::Myers, a, b) {
        if let similar::DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            for k in 0..len {
                if let Some(slot) = out.get_mut(old_index + k) {
                    *slot = Some(new_index + k);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "# Purpose\n\nOne.\n\n## Procedure\n\nTwo.\n\n## Review\n\nThree.\n";

    #[test]
    fn edits_to_different_paragraphs_merge() {
        let ours = BASE.replace("One.", "One, amended.");
        let theirs = BASE.replace("Three.", "Three, reviewed.\n\nFour.");
        let merged = merge_text(BASE, &ours, &theirs).unwrap();
        assert_eq!(
            merged,
            "# Purpose\n\nOne, amended.\n\n## Procedure\n\nTwo.\n\n## Review\n\nThree, reviewed.\n\nFour.\n"
        );
        assert_eq!(merge_text(BASE, &theirs, &ours).unwrap(), merged);
    }

    #[test]
    fn the_same_lines_changed_differently_do_not_merge() {
        let ours = BASE.replace("Two.", "Two (ours).");
        let theirs = BASE.replace("Two.", "Two (theirs).");
        assert_eq!(merge_text(BASE, &ours, &theirs), None);
        // The same change on both sides is one change.
        assert_eq!(
            merge_text(BASE, &ours, &ours).as_deref(),
            Some(ours.as_str())
        );
    }

    #[test]
    fn a_long_body_merges_edits_at_both_ends() {
        let base: String = (0..20_000).map(|i| format!("Paragraph {i}.\n")).collect();
        let ours = base.replace("Paragraph 10.\n", "Paragraph 10, amended.\n");
        let theirs = base.replace("Paragraph 19990.\n", "Paragraph 19990, reviewed.\n");
        let merged = merge_text(&base, &ours, &theirs).unwrap();
        assert!(merged.contains("Paragraph 10, amended.\n"));
        assert!(merged.contains("Paragraph 19990, reviewed.\n"));
        assert_eq!(merged.lines().count(), 20_000);
    }

    #[test]
    fn additions_deletions_and_a_missing_last_newline_merge() {
        let ours = BASE.replace("## Review\n\nThree.\n", "## Review\n\nThree.");
        let theirs = format!("Intro.\n\n{BASE}");
        let merged = merge_text(BASE, &ours, &theirs).unwrap();
        assert!(merged.starts_with("Intro.\n\n# Purpose"), "{merged}");
        assert!(merged.ends_with("Three."), "{merged:?}");
        let deleted = BASE.replace("## Procedure\n\nTwo.\n\n", "");
        let merged = merge_text(BASE, &deleted, &theirs).unwrap();
        assert!(!merged.contains("Two."));
        assert!(merged.starts_with("Intro."));
    }
}
