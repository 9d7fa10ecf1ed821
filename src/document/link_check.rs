//! The manual's outside links as problems once they have been visited
//! (`check --links`, Tools > Check outside links): a page missing, failing
//! or out of reach is an error, a page that has moved a warning with its
//! new address; each names the entry, where in it the link is, and the
//! address, so the window can open it, re-pick it or use the new address.

use rustc_hash::FxHashMap;

use super::problems::{OutsideLinkProblem, Problem, ProblemKind, Severity};
use crate::model::outside_links::{LinkPlace, outside_links, with_address_replaced};
use crate::model::{Manual, counted};
use crate::store::link_check::{CheckRun, LinkStatus};

/// What the last check found, by address.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkResults {
    pub by_address: FxHashMap<String, LinkStatus>,
}

impl From<&CheckRun> for LinkResults {
    fn from(run: &CheckRun) -> LinkResults {
        LinkResults {
            by_address: run.results.iter().cloned().collect(),
        }
    }
}

impl LinkResults {
    /// The results kept beside the manual at `manual_path` that are
    /// younger than a day at `now` (seconds since 1970), as the window
    /// shows them when a manual opens.
    pub fn kept(manual_path: &std::path::Path, now: i64) -> LinkResults {
        let keep_for = crate::store::link_check::CheckOptions::default().keep_for;
        LinkResults {
            by_address: crate::store::link_check::read_kept(manual_path)
                .checked
                .into_iter()
                .filter(|(_, c)| c.is_young(now, keep_for))
                .map(|(url, c)| (url, c.status))
                .collect(),
        }
    }
}

/// A problem for each outside link of `manual` that `results` found
/// broken, out of reach or moved, in the manual's order. Links added since
/// the check are not in the results and say nothing.
pub fn link_problems(manual: &Manual, results: &LinkResults) -> Vec<Problem> {
    if results.by_address.is_empty() {
        return Vec::new();
    }
    let mut places = FxHashMap::default();
    manual.walk(|_, entry, number| {
        places
            .entry(entry.id.clone())
            .or_insert_with(|| crate::model::label(number, &entry.title));
    });
    let mut out = Vec::new();
    for link in outside_links(manual) {
        let Some(status) = results.by_address.get(&link.url) else {
            continue;
        };
        let severity = match status {
            LinkStatus::Fine { .. } => continue,
            LinkStatus::Moved { .. } => Severity::Warning,
            LinkStatus::Broken { .. } | LinkStatus::Unreachable { .. } => Severity::Error,
        };
        let (see_also, line) = match &link.place {
            LinkPlace::SeeAlso { index, .. } => (Some(*index), None),
            LinkPlace::Body { line } => (None, Some(*line)),
            LinkPlace::Address => (None, None),
        };
        let new_address = match status {
            LinkStatus::Moved { to, .. } => Some(to.clone()),
            _ => None,
        };
        out.push(Problem {
            severity,
            kind: ProblemKind::Links,
            place: places.get(&link.entry).cloned(),
            message: format!(
                "the link in its {} to {} {}",
                link.place.describe(),
                link.url,
                status.describe()
            ),
            entry: Some(link.entry),
            link: Some(OutsideLinkProblem {
                url: link.url,
                see_also,
                line,
                new_address,
            }),
            style: None,
        });
    }
    out
}

/// How a check went: "57 outside links: 50 work, 2 have moved, 5 are
/// broken or out of reach (12 from the results kept today)".
pub fn summary(run: &CheckRun) -> String {
    let links = run.results.len();
    if links == 0 && !run.stopped {
        return "no outside links (web addresses) to visit".into();
    }
    let moved = run
        .results
        .iter()
        .filter(|(_, s)| matches!(s, LinkStatus::Moved { .. }))
        .count();
    let broken = run.results.iter().filter(|(_, s)| s.is_broken()).count();
    let work = links - moved - broken;
    let moved = match moved {
        1 => "1 has moved".to_string(),
        n => format!("{n} have moved"),
    };
    let broken = match broken {
        1 => "1 is broken or out of reach".to_string(),
        n => format!("{n} are broken or out of reach"),
    };
    let mut text = format!(
        "{}: {work} work, {moved}, {broken}",
        counted(links, "outside link", "outside links")
    );
    if run.from_kept > 0 {
        text.push_str(&format!(" ({} from the results kept today)", run.from_kept));
    }
    if run.stopped {
        text.push_str("; stopped before the end");
    }
    text
}

/// Said when no site could be reached by its name at all, which is more
/// likely this computer being offline than every site being gone.
pub fn offline_hint(run: &CheckRun) -> Option<&'static str> {
    let nameless = |s: &LinkStatus| matches!(s, LinkStatus::Unreachable { reason } if reason.contains("name is not known"));
    (run.results.len() >= 2 && run.results.iter().all(|(_, s)| nameless(s)))
        .then_some("No site's name was known: is this computer offline?")
}

impl super::Document {
    /// Puts `new` wherever the manual links to `old` (see-also documents,
    /// links in texts, chapters' own addresses), as one undo step; the
    /// number of entries changed.
    pub fn replace_address(
        &mut self,
        old: &str,
        new: &str,
        now_seconds: f64,
    ) -> Result<usize, crate::edit::EditError> {
        let mut edits = Vec::new();
        self.manual().walk(|_, entry, _| {
            if let Some(changed) = with_address_replaced(entry, old, new) {
                edits.push(crate::edit::Edit::UpdateEntry {
                    entry: Box::new(changed),
                });
            }
        });
        let count = edits.len();
        if count > 0 {
            self.apply(edits, None, now_seconds)?;
        }
        Ok(count)
    }
}
