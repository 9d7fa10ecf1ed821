//! Which rows of the contents tree are shown: collapsed sections hide their
//! entries; a filter shows the entries that match it (the rules of
//! [`Query`]) with their ancestors, so every match is seen in its place.

use std::collections::HashSet;

use super::outline_search::Query;
use crate::document::Outline;
use crate::model::EntryId;

/// Indices into `outline.rows` of the rows to show, in document order:
/// every match of the query (see [`Query`]) with its ancestors.
pub fn visible_rows(outline: &Outline, query: &str, collapsed: &HashSet<EntryId>) -> Vec<usize> {
    let mut query = Query::parse(query);
    if query.is_empty() {
        return unfiltered(outline, collapsed);
    }
    let mut shown = vec![false; outline.rows.len()];
    for (index, is_match) in query.matches(outline).into_iter().enumerate() {
        if !is_match {
            continue;
        }
        let mut next = Some(index);
        while let Some(i) = next {
            if shown[i] {
                break;
            }
            shown[i] = true;
            next = outline.rows[i].parent;
        }
    }
    shown
        .iter()
        .enumerate()
        .filter_map(|(i, &s)| s.then_some(i))
        .collect()
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

    fn stockport() -> Outline {
        Outline::build(&format::stockport_sample())
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
