//! Which rows of the contents tree are shown: collapsed sections hide their
//! entries; a filter shows the entries whose number or title matches (fuzzy)
//! with their ancestors, so every match is seen in its place.

use std::collections::HashSet;

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use crate::document::Outline;
use crate::model::{EntryId, SectionNumber};

/// The number of a query such as "4.8" or "4.8.": it filters by number
/// prefix (4.8 and what is under it, not 4.80).
fn number_query(query: &str) -> Option<SectionNumber> {
    SectionNumber::parse(query)
}

/// Indices into `outline.rows` of the rows to show, in document order.
pub fn visible_rows(outline: &Outline, query: &str, collapsed: &HashSet<EntryId>) -> Vec<usize> {
    let query = query.trim();
    if query.is_empty() {
        return unfiltered(outline, collapsed);
    }
    let mut shown = vec![false; outline.rows.len()];
    let mark = |index: usize, shown: &mut Vec<bool>| {
        let mut next = Some(index);
        while let Some(i) = next {
            if shown[i] {
                break;
            }
            shown[i] = true;
            next = outline.rows[i].parent;
        }
    };
    if let Some(prefix) = number_query(query) {
        // Unnumbered entries go with the numbered entry they sit under.
        let mut matched = vec![false; outline.rows.len()];
        for (i, row) in outline.rows.iter().enumerate() {
            matched[i] = match &row.number {
                Some(number) => number.0.starts_with(&prefix.0),
                None => row.parent.is_some_and(|p| matched[p]),
            };
            if matched[i] {
                mark(i, &mut shown);
            }
        }
    } else if let Some(matches) = word_matches(outline, query) {
        for i in matches {
            mark(i, &mut shown);
        }
    } else {
        let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut buffer = Vec::new();
        for (i, row) in outline.rows.iter().enumerate() {
            if pattern
                .score(Utf32Str::new(&row.search_text, &mut buffer), &mut matcher)
                .is_some()
            {
                mark(i, &mut shown);
            }
        }
    }
    shown
        .iter()
        .enumerate()
        .filter_map(|(i, &s)| s.then_some(i))
        .collect()
}

/// Rows containing every word of the query, when there are any: typing
/// whole words gives exactly the entries that have them, and only a query
/// with no such entry (a typo, an abbreviation) falls back to fuzzy matching.
fn word_matches(outline: &Outline, query: &str) -> Option<Vec<usize>> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    let matches: Vec<usize> = outline
        .rows
        .iter()
        .enumerate()
        .filter(|(_, row)| words.iter().all(|w| row.search_text.contains(w.as_str())))
        .map(|(i, _)| i)
        .collect();
    (!matches.is_empty()).then_some(matches)
}

fn unfiltered(outline: &Outline, collapsed: &HashSet<EntryId>) -> Vec<usize> {
    let mut visible = Vec::with_capacity(outline.rows.len());
    // Depth below which rows are hidden by a collapsed ancestor.
    let mut hidden_below: Option<usize> = None;
    for (i, row) in outline.rows.iter().enumerate() {
        if let Some(depth) = hidden_below {
            if row.depth > depth {
                continue;
            }
            hidden_below = None;
        }
        visible.push(i);
        if row.is_section && collapsed.contains(&row.id) {
            hidden_below = Some(row.depth);
        }
    }
    visible
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::format;
    use std::path::Path;

    fn stockport() -> Outline {
        let text = include_str!("../../sample_manuals/stockport.ron");
        Outline::build(&format::from_str(text, Path::new("stockport.ron")).unwrap())
    }

    fn labels(outline: &Outline, rows: &[usize]) -> Vec<String> {
        rows.iter().map(|&i| outline.rows[i].label()).collect()
    }

    #[test]
    fn without_a_filter_every_row_shows_until_collapsed() {
        let outline = stockport();
        let all = visible_rows(&outline, "", &HashSet::new());
        assert_eq!(all.len(), outline.rows.len());
        let part_4 = outline
            .rows
            .iter()
            .find(|r| r.number_text() == "4")
            .unwrap()
            .id
            .clone();
        let rows = visible_rows(&outline, "", &HashSet::from([part_4]));
        let shown = labels(&outline, &rows);
        assert!(shown.contains(&"4. Children in Particular Circumstances".to_string()));
        assert!(!shown.iter().any(|l| l.starts_with("4.8")), "{shown:?}");
        assert!(shown.contains(&"5. Looked After Children".to_string()));
    }

    #[test]
    fn a_title_filter_keeps_matches_and_their_ancestors() {
        let outline = stockport();
        let rows = visible_rows(&outline, "young carers", &HashSet::new());
        assert_eq!(
            labels(&outline, &rows),
            vec![
                "4. Children in Particular Circumstances",
                "4.8 Young Carers",
                "4.8.1 Young Carers"
            ]
        );
    }

    #[test]
    fn the_filter_is_fuzzy_and_ignores_case() {
        let outline = stockport();
        let rows = visible_rows(&outline, "yng crers", &HashSet::new());
        assert!(labels(&outline, &rows).contains(&"4.8.1 Young Carers".to_string()));
    }

    #[test]
    fn a_number_filter_keeps_that_number_and_what_is_under_it() {
        let outline = stockport();
        let rows = visible_rows(&outline, "3.6", &HashSet::new());
        let shown = labels(&outline, &rows);
        assert_eq!(shown[0], "3. Prevention and Family Support");
        assert_eq!(shown[1], "3.6 Edge of Care");
        assert!(shown.contains(&"3.6.2 Family Group Conferences".to_string()));
        assert!(shown.contains(&"Stockport Families First Team Procedures".to_string()));
        assert!(!shown.iter().any(|l| l.starts_with("3.5")));
    }

    #[test]
    fn a_filter_that_matches_nothing_shows_nothing() {
        assert!(visible_rows(&stockport(), "zzzzqqq", &HashSet::new()).is_empty());
    }
}
