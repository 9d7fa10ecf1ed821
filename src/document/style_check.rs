//! Plain English advice for the Problems list and the chapter editor:
//! each chapter checked again only when its text, or the manual's style
//! settings or keywords, changed; and the fixes a finding offers (its
//! replacement, allowing its term, turning its rule off), each one undo
//! step.

use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap, FxHasher};

use super::problems::{Problem, ProblemKind, Severity, StyleProblem};
use crate::edit::{Edit, EditError};
use crate::model::style::{
    Finding, Known, StyleField, StyleRule, StyleSettings, check_chapter, check_text,
};
use crate::model::{EntryId, Keyword, Manual};

fn hash_of(value: &impl Hash) -> u64 {
    let mut hasher = FxHasher::default();
    value.hash(&mut hasher);
    hasher.finish()
}

/// What the manual's texts are checked against: its style settings and
/// its keywords' terms (a hash, to tell when findings must be redone).
pub fn known_key(manual: &Manual) -> u64 {
    let terms: Vec<&str> = manual.keywords.iter().map(|k| k.term.as_str()).collect();
    hash_of(&(&manual.style, terms))
}

/// A chapter's findings and reading age, with the hash of the text they
/// came from.
type Checked = (u64, Vec<(StyleField, Finding)>, Option<f32>);

/// Findings by chapter, each kept with the hash of the text it came from.
#[derive(Debug, Clone, Default)]
pub struct StyleCache {
    known: Option<(u64, Known)>,
    by_entry: FxHashMap<EntryId, Checked>,
}

/// A cache holds only what the manual says already: two are equal
/// whatever each has worked out so far (as the panel state holding one
/// is compared).
impl PartialEq for StyleCache {
    fn eq(&self, _: &StyleCache) -> bool {
        true
    }
}

impl StyleCache {
    /// The manual's advice, as problems, in the manual's order.
    pub fn problems(&mut self, manual: &Manual) -> Vec<Problem> {
        let key = known_key(manual);
        if self.known.as_ref().is_none_or(|(k, _)| *k != key) {
            self.known = Some((key, Known::of(manual)));
            self.by_entry.clear();
        }
        let Some((_, known)) = &self.known else {
            return Vec::new();
        };
        // The chapters in order, with the hash of their text.
        let mut chapters = Vec::new();
        manual.walk(|_, entry, number| {
            if let Some(chapter) = entry.chapter_details() {
                let text_key = hash_of(&(&chapter.scope, &chapter.body));
                chapters.push((entry, number.cloned(), chapter, text_key));
            }
        });
        // Those whose text changed (all of them the first time), checked
        // on every core.
        let stale: Vec<(&EntryId, &crate::model::Chapter, u64)> = chapters
            .iter()
            .filter(|(entry, _, _, key)| {
                self.by_entry
                    .get(&entry.id)
                    .is_none_or(|(k, _, _)| k != key)
            })
            .map(|(entry, _, chapter, key)| (&entry.id, *chapter, *key))
            .collect();
        let style = &manual.style;
        let checked =
            crate::model::on_every_core::map_in_order(&stale, 64, |&(id, chapter, key)| {
                let (findings, counts) = check_chapter(chapter, style, known);
                (id.clone(), (key, findings, counts.reading_age()))
            });
        self.by_entry.extend(checked);
        let mut out = Vec::new();
        let mut seen = rustc_hash::FxHashSet::default();
        for (entry, number, chapter, _) in &chapters {
            seen.insert(entry.id.clone());
            let Some((_, findings, _)) = self.by_entry.get(&entry.id) else {
                continue;
            };
            if findings.is_empty() {
                continue;
            }
            let place = crate::model::label(number.as_ref(), &entry.title);
            for (field, finding) in findings {
                let text = match field {
                    StyleField::Scope => &chapter.scope,
                    StyleField::Body => &chapter.body,
                };
                out.push(advice(&entry.id, &place, *field, finding, text));
            }
        }
        self.by_entry.retain(|id, _| seen.contains(id));
        out
    }

    /// "under 12: 3, 12 to 13: 40, …": the chapters' reading ages as
    /// last worked out by [`StyleCache::problems`].
    pub fn reading_ages(&self) -> String {
        let mut counts = [0usize; 5];
        for age in self.by_entry.values().filter_map(|(_, _, age)| *age) {
            let band = match age {
                a if a < 12.0 => 0,
                a if a < 14.0 => 1,
                a if a < 16.0 => 2,
                a if a < 18.0 => 3,
                _ => 4,
            };
            counts[band] += 1;
        }
        crate::model::style::BANDS
            .iter()
            .zip(counts)
            .filter(|(_, n)| *n > 0)
            .map(|(band, n)| format!("{band}: {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// One finding as a problem.
fn advice(
    entry: &EntryId,
    place: &str,
    field: StyleField,
    finding: &Finding,
    text: &str,
) -> Problem {
    let field_name = match field {
        StyleField::Scope => "scope",
        StyleField::Body => "text",
    };
    Problem {
        severity: Severity::Advice,
        kind: ProblemKind::Style,
        entry: Some(entry.clone()),
        place: Some(place.to_string()),
        message: format!("{field_name}, line {}: {}", finding.line, finding.message),
        link: None,
        style: Some(StyleProblem {
            field,
            finding: finding.clone(),
            covered: text.get(finding.range.clone()).unwrap_or("").to_string(),
        }),
    }
}

/// The findings of the text being typed, worked out again only when it,
/// the style settings or the keywords change.
#[derive(Debug, Clone, Default)]
pub struct TextAdvice {
    key: Option<u64>,
    pub findings: Vec<Finding>,
    /// The text's reading age, when it is long enough to have one.
    pub reading_age: Option<f32>,
}

impl TextAdvice {
    /// Brings the findings up to date with `text` of `manual`.
    pub fn update(&mut self, manual: &Manual, text: &str) {
        let key = hash_of(&(known_key(manual), text));
        if self.key == Some(key) {
            return;
        }
        self.key = Some(key);
        let (findings, counts) = check_text(text, &manual.style, &Known::of(manual));
        self.findings = findings;
        self.reading_age = counts.reading_age();
    }

    /// The finding at byte `at` of the text, if any (the first, where
    /// findings overlap).
    pub fn at(&self, at: usize) -> Option<&Finding> {
        self.findings
            .iter()
            .find(|f| f.range.start <= at && at <= f.range.end && !f.range.is_empty())
    }
}

/// The term a finding is about, for "Allow": the word to avoid or the
/// abbreviation (`None` for other rules).
pub fn term_of(rule: StyleRule, covered: &str) -> Option<&str> {
    matches!(
        rule,
        StyleRule::WordToAvoid | StyleRule::UndefinedAbbreviation
    )
    .then_some(covered.trim())
    .filter(|t| !t.is_empty())
}

impl super::Document {
    /// Puts `fix` in place of the text a finding covers in `entry`'s
    /// `field`, if that text is still there: one undo step.
    pub fn fix_style(
        &mut self,
        entry: &EntryId,
        field: StyleField,
        range: std::ops::Range<usize>,
        covered: &str,
        fix: &str,
        now_seconds: f64,
    ) -> Result<bool, EditError> {
        let Some(current) = self.entry(entry) else {
            return Ok(false);
        };
        let mut head = current.clone_head();
        let Some(chapter) = head.chapter_details_mut() else {
            return Ok(false);
        };
        let text = match field {
            StyleField::Scope => &mut chapter.scope,
            StyleField::Body => &mut chapter.body,
        };
        if text.get(range.clone()) != Some(covered) {
            return Ok(false);
        }
        text.replace_range(range, fix);
        self.apply(
            vec![Edit::UpdateEntry {
                entry: Box::new(head),
            }],
            None,
            now_seconds,
        )?;
        Ok(true)
    }

    /// Changes the manual's style settings (a rule off or on, a term
    /// allowed, the sentence length): one undo step; false when nothing
    /// changed.
    pub fn set_style(
        &mut self,
        change: impl FnOnce(&mut StyleSettings) -> bool,
        now_seconds: f64,
    ) -> Result<bool, EditError> {
        let mut style = self.manual().style.clone();
        if !change(&mut style) {
            return Ok(false);
        }
        self.apply(vec![Edit::SetStyle { style }], None, now_seconds)?;
        Ok(true)
    }

    /// Adds `term` to the manual's keywords (to be given its meaning in
    /// the Keywords window): false when it is there already.
    pub fn add_keyword(&mut self, term: &str, now_seconds: f64) -> Result<bool, EditError> {
        let term = term.trim();
        let mut keywords = self.manual().keywords.clone();
        if term.is_empty() || keywords.iter().any(|k| k.term == term) {
            return Ok(false);
        }
        keywords.push(Keyword {
            term: term.to_string(),
            definition: String::new(),
            chapters: Vec::new(),
        });
        self.apply(vec![Edit::SetKeywords { keywords }], None, now_seconds)?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_chapters_whose_text_changed_are_checked_again() {
        let mut manual = crate::store::format::stockport_sample();
        let id = EntryId::new("young-carers-2");
        manual.chapter_mut(&id).unwrap().body = "Staff utilise the form.".into();
        let mut cache = StyleCache::default();
        let first = cache.problems(&manual);
        assert_eq!(first.len(), 1);
        assert_eq!(first[0].place.as_deref(), Some("4.8.1 Young Carers"));
        assert_eq!(
            first[0].message,
            "text, line 1: \u{201c}utilise\u{201d}: use \u{201c}use\u{201d}"
        );
        assert_eq!(first[0].severity, Severity::Advice);
        let kept = cache.by_entry.len();
        assert_eq!(cache.problems(&manual), first);
        assert_eq!(cache.by_entry.len(), kept);
        // A term allowed: everything is checked again with it.
        manual.style.allow("utilise");
        assert!(cache.problems(&manual).is_empty());
        assert_eq!(
            crate::document::problems::summary(&first),
            "no problems",
            "advice is not counted as warnings"
        );
    }
}
