//! A chapter's own fields, listed once: each with the name the file format
//! and merge conflicts store, the label people read, and its kind. Merge,
//! conflict resolution, diff, find and replace and validation messages all
//! go through this list, so a field cannot be named two ways.

use super::Chapter;

/// What a field holds, which decides how it is merged, searched and checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// A line of plain text, taken whole in a merge.
    Line,
    /// Plain text that merges by lines (the scope).
    Text,
    /// Markdown: merges by lines; find sees only what a reader sees.
    Markdown,
    /// `YYYY-MM` or `YYYY-MM-DD`.
    Date,
    /// An http, https or mailto address.
    Url,
    /// The label of an update cycle.
    Update,
}

/// One of a chapter's own fields (amendments, a list, are merged as a list).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChapterField {
    AddedIn,
    Source,
    AppliesTo,
    Url,
    Scope,
    Body,
    Manager,
    ReviewDue,
}

impl ChapterField {
    /// Every field, in the order the editor shows them.
    pub const ALL: [ChapterField; 8] = [
        ChapterField::Source,
        ChapterField::AppliesTo,
        ChapterField::Url,
        ChapterField::Manager,
        ChapterField::ReviewDue,
        ChapterField::Scope,
        ChapterField::Body,
        ChapterField::AddedIn,
    ];

    /// The name the file format and merge conflicts use (`review_due`).
    pub fn name(self) -> &'static str {
        match self {
            ChapterField::AddedIn => "added_in",
            ChapterField::Source => "source",
            ChapterField::AppliesTo => "applies_to",
            ChapterField::Url => "url",
            ChapterField::Scope => "scope",
            ChapterField::Body => "body",
            ChapterField::Manager => "manager",
            ChapterField::ReviewDue => "review_due",
        }
    }

    /// The name people read (`review due`).
    pub fn label(self) -> &'static str {
        match self {
            ChapterField::AddedIn => "added in",
            ChapterField::Source => "source",
            ChapterField::AppliesTo => "applies to",
            ChapterField::Url => "URL",
            ChapterField::Scope => "scope",
            ChapterField::Body => "body",
            ChapterField::Manager => "responsible manager",
            ChapterField::ReviewDue => "review due",
        }
    }

    pub fn kind(self) -> FieldKind {
        match self {
            ChapterField::AddedIn => FieldKind::Update,
            ChapterField::Source | ChapterField::AppliesTo | ChapterField::Manager => {
                FieldKind::Line
            }
            ChapterField::Url => FieldKind::Url,
            ChapterField::Scope => FieldKind::Text,
            ChapterField::Body => FieldKind::Markdown,
            ChapterField::ReviewDue => FieldKind::Date,
        }
    }

    /// The field a stored name names.
    pub fn from_name(name: &str) -> Option<ChapterField> {
        ChapterField::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The field's text in `chapter` (`None` when unset).
    pub fn text(self, chapter: &Chapter) -> Option<&str> {
        match self {
            ChapterField::AddedIn => chapter.added_in.as_deref(),
            ChapterField::Source => chapter.source.as_deref(),
            ChapterField::AppliesTo => chapter.applies_to.as_deref(),
            ChapterField::Url => chapter.url.as_deref(),
            ChapterField::Scope => Some(chapter.scope.as_str()),
            ChapterField::Body => Some(chapter.body.as_str()),
            ChapterField::Manager => chapter.manager.as_deref(),
            ChapterField::ReviewDue => chapter.review_due.as_deref(),
        }
    }

    /// Whether the field differs between two chapters.
    pub fn differs(self, a: &Chapter, b: &Chapter) -> bool {
        self.text(a) != self.text(b)
    }

    /// Sets the field from the RON text of its value (as merge conflicts
    /// store it), or says why the text is no value of this field.
    pub fn set_from_ron(self, chapter: &mut Chapter, ron_text: &str) -> Result<(), String> {
        // A value typed by hand may leave out `Some(…)`.
        let options = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
        let optional = || {
            options
                .from_str::<Option<String>>(ron_text)
                .map_err(|e| e.to_string())
        };
        let plain = || {
            options
                .from_str::<String>(ron_text)
                .map_err(|e| e.to_string())
        };
        match self {
            ChapterField::AddedIn => chapter.added_in = optional()?,
            ChapterField::Source => chapter.source = optional()?,
            ChapterField::AppliesTo => chapter.applies_to = optional()?,
            ChapterField::Url => chapter.url = optional()?,
            ChapterField::Scope => chapter.scope = plain()?,
            ChapterField::Body => chapter.body = plain()?,
            ChapterField::Manager => chapter.manager = optional()?,
            ChapterField::ReviewDue => chapter.review_due = optional()?,
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_has_one_name_and_one_label_and_is_found_by_its_name() {
        let mut names = std::collections::HashSet::new();
        let mut labels = std::collections::HashSet::new();
        for field in ChapterField::ALL {
            assert!(names.insert(field.name()), "{field:?}");
            assert!(labels.insert(field.label()), "{field:?}");
            assert_eq!(ChapterField::from_name(field.name()), Some(field));
        }
        assert_eq!(ChapterField::from_name("badge"), None);
    }

    #[test]
    fn a_field_is_read_compared_and_set_through_the_list() {
        let mut a = Chapter::default();
        let b = Chapter {
            review_due: Some("2027-03".into()),
            body: "Text".into(),
            ..Chapter::default()
        };
        let differing: Vec<_> = ChapterField::ALL
            .into_iter()
            .filter(|f| f.differs(&a, &b))
            .collect();
        assert_eq!(differing, [ChapterField::ReviewDue, ChapterField::Body]);
        ChapterField::ReviewDue
            .set_from_ron(&mut a, "Some(\"2027-03\")")
            .unwrap();
        ChapterField::Body.set_from_ron(&mut a, "\"Text\"").unwrap();
        ChapterField::Manager
            .set_from_ron(&mut a, "\"A manager\"")
            .unwrap();
        assert_eq!(a.manager.as_deref(), Some("A manager"));
        a.manager = None;
        assert_eq!(a, b);
        assert!(ChapterField::Body.set_from_ron(&mut a, "5").is_err());
    }
}
