//! The "see also" picker: every chapter and section of the manual, ranked by
//! a fuzzy match on number and title, best first, with the matched letters
//! known so they can be highlighted. The entry itself and the entries it
//! already links to are not offered.

use std::collections::HashSet;

use super::Outline;
use super::outline_search::Query;
use crate::model::EntryId;

/// Most results shown at once; more are reached by typing more.
pub const MAX_RESULTS: usize = 200;

/// One entry offered by the picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Index into `Outline::rows`.
    pub row: usize,
    /// "4.8.1 Young Carers".
    pub label: String,
    /// Character positions in `label` that matched the query.
    pub matched: Vec<usize>,
}

/// The entries to offer for `query`, best match first (document order for
/// an empty query or equal scores), without the `excluded` ids. Ranked by
/// the same rules as the contents filter ([`Query`]).
pub fn rank(outline: &Outline, query: &str, excluded: &HashSet<EntryId>) -> Vec<Candidate> {
    let mut query = Query::parse(query);
    let mut scored: Vec<(u32, usize, usize)> = query
        .scores(outline, |row| !excluded.contains(&row.id))
        .into_iter()
        .enumerate()
        .filter_map(|(row, score)| score.map(|score| (score, outline.rows[row].title.len(), row)))
        .collect();
    // Best score first; of equal scores the shorter (closer) title, then
    // document order. An empty query keeps document order.
    if !query.is_empty() {
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    }
    scored.truncate(MAX_RESULTS);
    scored
        .into_iter()
        .map(|(_, _, row)| {
            let label = outline.rows[row].label();
            let matched = query.matched_chars(&label);
            Candidate {
                row,
                label,
                matched,
            }
        })
        .collect()
}

/// The texts (commands' names) that match `query`, best first (their
/// order for an empty query or equal scores), each with its index and the
/// letters matched: the command palette's ranking, by the picker's rules.
pub fn rank_texts(query: &str, texts: &[&str]) -> Vec<(usize, Vec<usize>)> {
    let mut query = Query::parse(query);
    let mut scored: Vec<(u32, usize)> = texts
        .iter()
        .enumerate()
        .filter_map(|(i, text)| query.score_text(text).map(|score| (score, i)))
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored
        .into_iter()
        .map(|(_, i)| (i, query.matched_chars(texts[i])))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::format;

    fn stockport() -> Outline {
        Outline::build(&format::stockport_sample())
    }

    #[test]
    fn commands_rank_by_the_same_rules() {
        let names = ["Save", "Save As…", "Export HTML…", "Start next update…"];
        let ranked = |q: &str| -> Vec<&str> {
            rank_texts(q, &names)
                .into_iter()
                .map(|(i, _)| names[i])
                .collect()
        };
        assert_eq!(ranked("save"), ["Save", "Save As…"]);
        assert_eq!(ranked("exprt"), ["Export HTML…"]);
        assert_eq!(ranked("next upd"), ["Start next update…"]);
        assert_eq!(ranked("").len(), 4);
        assert!(ranked("zzz").is_empty());
    }

    #[test]
    fn the_best_match_comes_first_with_its_letters() {
        let outline = stockport();
        let results = rank(&outline, "young carers", &HashSet::new());
        assert!(
            results[0].label.ends_with("Young Carers"),
            "{:?}",
            &results[..3]
        );
        let first = &results[0];
        let highlighted: String = first
            .label
            .chars()
            .enumerate()
            .filter(|(i, _)| first.matched.contains(i))
            .map(|(_, c)| c)
            .collect();
        assert_eq!(highlighted.to_lowercase().replace(' ', ""), "youngcarers");
    }

    #[test]
    fn numbers_match_too() {
        let outline = stockport();
        let results = rank(&outline, "5.7.5", &HashSet::new());
        assert_eq!(results[0].label, "5.7.5 Staying Put Policy");
    }

    #[test]
    fn excluded_entries_are_not_offered() {
        let outline = stockport();
        let excluded: HashSet<EntryId> = outline
            .rows
            .iter()
            .filter(|r| r.title == "Young Carers")
            .map(|r| r.id.clone())
            .collect();
        assert_eq!(excluded.len(), 2);
        let results = rank(&outline, "young carers", &excluded);
        assert!(results.iter().all(|c| !c.label.ends_with(" Young Carers")));
        // The only whole-word matches are excluded: what is offered instead
        // holds each word's letters close together, if anything does.
        assert!(
            results
                .iter()
                .all(|c| c.label.to_lowercase().contains("you")),
            "{:?}",
            results.iter().map(|c| &c.label).collect::<Vec<_>>()
        );
    }

    #[test]
    fn an_empty_query_lists_entries_in_document_order() {
        let outline = stockport();
        let results = rank(&outline, "", &HashSet::new());
        assert_eq!(results.len(), MAX_RESULTS);
        assert_eq!(results[0].label, "1. All Children");
    }
}
