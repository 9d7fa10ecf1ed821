//! Reviewing a consultation response: each returned chapter compared with
//! the chapter as it is now, as proposals to accept or reject one by one
//! (or a chapter at a time), with the reviewers' comments beside them.
//! Accepting makes one edit per chapter, all as one undoable step.

use crate::edit::Edit;
use crate::import::docx::{self, Changes};
use crate::import::response::{ChapterComment, ReturnedChapter, chapters_of};
use crate::model::proposal::{self, Field, Proposal};
use crate::model::{EntryId, Manual};

/// What a returned copy proposes for one chapter.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ChapterReview {
    pub id: EntryId,
    /// "4.8.1 Young Carers", as the manual numbers it now.
    pub label: String,
    pub proposals: Vec<Proposal>,
    pub comments: Vec<ChapterComment>,
}

/// A returned copy, reviewed against the manual.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ResponseReview {
    pub chapters: Vec<ChapterReview>,
    /// Who made tracked changes, and how many Word recorded.
    pub authors: Vec<String>,
    pub tracked: usize,
    /// What could not be matched or read, in words.
    pub notes: Vec<String>,
}

impl ResponseReview {
    /// Proposals in all, and those that can be placed.
    pub fn counts(&self) -> (usize, usize) {
        let all = self.chapters.iter().map(|c| c.proposals.len()).sum();
        let placed = self
            .chapters
            .iter()
            .flat_map(|c| &c.proposals)
            .filter(|p| p.range.is_some())
            .count();
        (all, placed)
    }
}

impl std::fmt::Display for ResponseReview {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::model::counted;
        let (all, placed) = self.counts();
        let tracked = self
            .chapters
            .iter()
            .flat_map(|c| &c.proposals)
            .filter(|p| p.tracked)
            .count();
        let comments: usize = self.chapters.iter().map(|c| c.comments.len()).sum();
        write!(
            f,
            "{} with changes or comments: {} ({tracked} tracked",
            counted(self.chapters.len(), "chapter", "chapters"),
            counted(all, "proposed change", "proposed changes"),
        )?;
        if !self.authors.is_empty() {
            write!(f, ", by {}", self.authors.join(", "))?;
        }
        writeln!(f, "), {}", counted(comments, "comment", "comments"))?;
        if placed < all {
            writeln!(
                f,
                "{} cannot be placed (the words around them changed since): copy them by hand",
                all - placed
            )?;
        }
        for chapter in &self.chapters {
            writeln!(f, "{}", chapter.label)?;
            for (n, p) in chapter.proposals.iter().enumerate() {
                let how = match (p.tracked, p.range.is_some()) {
                    (_, false) => "cannot be placed",
                    (true, true) => "tracked",
                    (false, true) => "edited",
                };
                let one_line = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
                let mut change = String::new();
                if !p.removed.trim().is_empty() {
                    change.push_str(&format!("[-{}-]", one_line(&p.removed)));
                }
                if !p.added.trim().is_empty() {
                    change.push_str(&format!("{{+{}+}}", one_line(&p.added)));
                }
                writeln!(
                    f,
                    "  [{}] {}: …{} {change} {}… ({how})",
                    n + 1,
                    p.field.name(),
                    crate::model::proposal::readable(&p.before),
                    crate::model::proposal::readable(&p.after),
                )?;
            }
            for c in &chapter.comments {
                let on: String = c.paragraph.chars().take(60).collect();
                writeln!(
                    f,
                    "  comment by {} ({}) on \"{on}…\": {}",
                    c.author, c.date, c.text
                )?;
            }
        }
        for note in &self.notes {
            writeln!(f, "note: {note}")?;
        }
        Ok(())
    }
}

/// Reads the returned copy `bytes` and compares each chapter with `manual`,
/// whose body pictures `pictures` finds (as the copy was made).
pub fn review(
    manual: &Manual,
    bytes: &[u8],
    pictures: crate::export::docx::PictureBytes,
) -> Result<ResponseReview, String> {
    let accepted = docx::read(bytes, Changes::Accepted)?;
    let rejected = docx::read(bytes, Changes::Rejected)?;
    let returned = chapters_of(&accepted)?;
    let before = chapters_of(&rejected)?;
    let mut notes = accepted.notes.clone();
    let lost = accepted
        .properties
        .iter()
        .filter(|(name, id)| {
            name.starts_with(crate::export::docx::PROPERTY_PREFIX)
                && !returned.iter().any(|c| c.id.as_str() == id.as_str())
        })
        .count();
    if lost > 0 {
        notes.push(format!(
            "{} sent in the copy could not be found in it (the heading was removed or retyped)",
            crate::model::counted(lost, "chapter", "chapters")
        ));
    }
    // The same chapters as the manual would send them now: what Word
    // keeps of their marks, so only the reviewers' changes differ.
    let ids: Vec<EntryId> = returned
        .iter()
        .map(|c| c.id.clone())
        .filter(|id| manual.find(id).is_some())
        .collect();
    let sent = if ids.is_empty() {
        Vec::new()
    } else {
        let copy =
            crate::export::docx::consultation_docx_with(manual, &ids, "2000-01-01", pictures)
                .map_err(|e| e.to_string())?;
        chapters_of(&docx::read(&copy, Changes::Accepted)?)?
    };
    let mut chapters = Vec::new();
    for chapter in &returned {
        let Some(path) = manual.find(&chapter.id) else {
            notes.push(format!(
                "\"{}\" is no longer in the manual: its returned text was not compared",
                chapter.heading
            ));
            continue;
        };
        let (Some(entry), Some(sent)) = (
            manual.entry(&path),
            sent.iter().find(|s| s.id == chapter.id),
        ) else {
            continue;
        };
        let Some(current) = entry.chapter_details() else {
            continue;
        };
        let empty = ReturnedChapter {
            id: chapter.id.clone(),
            heading: String::new(),
            scope: chapter.scope.clone(),
            body: chapter.body.clone(),
            comments: Vec::new(),
        };
        let before = before.iter().find(|b| b.id == chapter.id).unwrap_or(&empty);
        let mut proposals = proposal::propose(
            Field::Scope,
            &current.scope,
            &sent.scope,
            &chapter.scope,
            &before.scope,
        );
        proposals.extend(proposal::propose(
            Field::Body,
            &current.body,
            &sent.body,
            &chapter.body,
            &before.body,
        ));
        if proposals.is_empty() && chapter.comments.is_empty() {
            continue;
        }
        chapters.push(ChapterReview {
            id: chapter.id.clone(),
            label: crate::model::label(manual.number_of(&path).as_ref(), &entry.title),
            proposals,
            comments: chapter.comments.clone(),
        });
    }
    Ok(ResponseReview {
        chapters,
        authors: accepted.authors,
        tracked: accepted.tracked,
        notes,
    })
}

/// The note drafted in the open update of a chapter changed by a
/// consultation (kept, edited or dropped by the owner, as other drafts).
pub const CONSULTATION_NOTE: &str = "Amended following consultation.";

/// The edits that make the accepted proposals: `accepted[c][p]` says
/// whether proposal `p` of chapter `c` is taken. One edit per chapter
/// changed; while an update is open, each such chapter gets a draft
/// amendment note ([`CONSULTATION_NOTE`]) in it, so it comes up for
/// sign-off.
pub fn accepted_edits(
    manual: &Manual,
    review: &ResponseReview,
    accepted: &[Vec<bool>],
) -> Vec<Edit> {
    let mut edits = Vec::new();
    for (chapter, taken) in review.chapters.iter().zip(accepted) {
        let chosen: Vec<&Proposal> = chapter
            .proposals
            .iter()
            .zip(taken)
            .filter_map(|(p, t)| (*t && p.range.is_some()).then_some(p))
            .collect();
        if chosen.is_empty() {
            continue;
        }
        let Some(entry) = manual
            .find(&chapter.id)
            .and_then(|path| manual.entry(&path))
        else {
            continue;
        };
        let mut head = entry.clone_head();
        let Some(details) = head.chapter_details_mut() else {
            continue;
        };
        for field in [Field::Scope, Field::Body] {
            let text = match field {
                Field::Scope => &mut details.scope,
                Field::Body => &mut details.body,
            };
            *text = proposal::apply(text, chosen.iter().copied().filter(|p| p.field == field));
        }
        if let Some(update) = manual.open_update()
            && !details
                .amendments
                .iter()
                .any(|a| a.update == update.label && a.text == CONSULTATION_NOTE)
        {
            let date = if update.date.is_empty() {
                crate::model::date::today_iso().chars().take(7).collect()
            } else {
                update.date.clone()
            };
            details.amendments.insert(
                0,
                crate::model::Amendment {
                    date,
                    text: CONSULTATION_NOTE.into(),
                    update: update.label.clone(),
                    draft: true,
                },
            );
        }
        edits.push(Edit::UpdateEntry {
            entry: Box::new(head),
        });
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::docx::sample::{returned, tracked_insertion};

    fn manual() -> Manual {
        let mut manual = crate::store::format::stockport_sample();
        let chapter = manual.chapter_mut(&EntryId::new("young-carers-2")).unwrap();
        chapter.scope = "Support for young carers.".into();
        chapter.body =
            "# Duties\n\nRing the duty team. Write it down.\n\n- Assess *within* ten days\n".into();
        manual
    }

    #[test]
    fn tracked_and_untracked_changes_come_back_as_proposals_with_comments() {
        let manual = manual();
        let ids = [
            EntryId::new("young-carers-2"),
            EntryId::new("private-fostering"),
        ];
        let copy = crate::export::docx::consultation_docx(&manual, &ids, "2026-12-02").unwrap();
        // Nothing changed: nothing proposed.
        let same = review(&manual, &copy, &|_| None).unwrap();
        assert_eq!(same.chapters, Vec::new(), "{same:#?}");
        let back = returned(
            &copy,
            |xml| {
                assert!(xml.contains("Ring the duty team. Write it down."), "{xml}");
                xml.replacen(
                    "Ring the duty team. Write it down.</w:t></w:r>",
                    &format!(
                        "Ring the duty team. Write it up.</w:t></w:r>{}\
                         <w:commentRangeStart w:id=\"7\"/><w:r><w:commentReference w:id=\"7\"/></w:r>",
                        tracked_insertion("Reviewer A", " Do it at once.")
                    ),
                    1,
                )
                .replacen(
                    "Support for young carers.",
                    "Support for young carers and families.",
                    1,
                )
            },
            "<w:comment w:id=\"7\" w:author=\"Reviewer A\" w:date=\"2026-12-01T09:05:00Z\">\
             <w:p><w:r><w:t>Who is on duty at weekends?</w:t></w:r></w:p></w:comment>",
        );
        let read_back = docx::read(&back, Changes::Accepted).unwrap();
        assert_eq!(read_back.comments.len(), 1, "{:?}", read_back.comments);
        let review = review(&manual, &back, &|_| None).unwrap();
        assert_eq!(review.authors, ["Reviewer A"]);
        assert_eq!(review.chapters.len(), 1, "{review:#?}");
        let chapter = &review.chapters[0];
        assert_eq!(chapter.label, "4.8.1 Young Carers");
        let shown: Vec<(Field, &str, &str, bool)> = chapter
            .proposals
            .iter()
            .map(|p| (p.field, p.removed.as_str(), p.added.as_str(), p.tracked))
            .collect();
        assert_eq!(
            shown,
            [
                (Field::Scope, "carers.", "carers and families.", false),
                (Field::Body, "down.", "up. Do it at once.", true),
            ],
            "{chapter:#?}"
        );
        assert_eq!(chapter.comments.len(), 1);
        assert_eq!(chapter.comments[0].text, "Who is on duty at weekends?");
        assert_eq!(chapter.comments[0].date, "2026-12-01");
        assert!(
            chapter.comments[0]
                .paragraph
                .starts_with("Ring the duty team.")
        );
        // Taking only the body's change leaves the scope, and keeps the
        // marks Word could not ("#", "*").
        let edits = accepted_edits(&manual, &review, &[vec![false, true]]);
        let mut changed = manual.clone();
        for edit in edits {
            edit.apply(&mut changed).unwrap();
        }
        let chapter = changed
            .chapter_mut(&EntryId::new("young-carers-2"))
            .unwrap();
        assert_eq!(chapter.scope, "Support for young carers.");
        // No update open: no note drafted.
        assert!(chapter.amendments.is_empty());
        assert_eq!(
            chapter.body,
            "# Duties\n\nRing the duty team. Write it up. Do it at once.\n\n- Assess *within* ten days\n"
        );
    }

    #[test]
    fn a_chapter_changed_by_consultation_in_an_open_update_gets_a_draft_note() {
        let mut manual = manual();
        manual.updates.push(crate::model::Update {
            label: "April 2027".into(),
            date: "2027-04".into(),
            ..Default::default()
        });
        let ids = [EntryId::new("young-carers-2")];
        let copy = crate::export::docx::consultation_docx(&manual, &ids, "2026-12-02").unwrap();
        let back = returned(
            &copy,
            |xml| xml.replacen("Write it down.", "Write it up.", 1),
            "",
        );
        let review = review(&manual, &back, &|_| None).unwrap();
        let edits = accepted_edits(&manual, &review, &[vec![true]]);
        let mut changed = manual.clone();
        for edit in edits {
            edit.apply(&mut changed).unwrap();
        }
        let chapter = changed
            .chapter_mut(&EntryId::new("young-carers-2"))
            .unwrap();
        assert!(chapter.body.contains("Write it up."));
        let note = &chapter.amendments[0];
        assert_eq!(
            (
                note.text.as_str(),
                note.update.as_str(),
                note.date.as_str(),
                note.draft
            ),
            (CONSULTATION_NOTE, "April 2027", "2027-04", true)
        );
    }

    #[test]
    fn pictures_go_out_in_the_copy_described_and_come_back_as_the_same_links() {
        let mut manual = manual();
        let chapter = manual.chapter_mut(&EntryId::new("young-carers-2")).unwrap();
        chapter.body = "Before.\n\n![Referral flow](stockport.files/flow.jpg)\n\nAfter.".into();
        // A JPEG in the manual's folder: the copy holds it as a PNG.
        let jpeg = {
            let mut bytes = Vec::new();
            image::DynamicImage::ImageRgb8(image::RgbImage::new(2000, 1000))
                .write_to(
                    &mut std::io::Cursor::new(&mut bytes),
                    image::ImageFormat::Jpeg,
                )
                .unwrap();
            bytes
        };
        let pictures = move |link: &str| (link == "stockport.files/flow.jpg").then(|| jpeg.clone());
        let ids = [EntryId::new("young-carers-2")];
        let copy =
            crate::export::docx::consultation_docx_with(&manual, &ids, "2026-12-02", &pictures)
                .unwrap();
        let read = docx::read(&copy, Changes::Accepted).unwrap();
        assert_eq!(read.pictures.len(), 1);
        assert!(read.pictures[0].1.starts_with(b"\x89PNG"));
        assert!(read.html.contains("alt=\"Referral flow\""), "{}", read.html);
        assert_eq!(
            read.origins.values().collect::<Vec<_>>(),
            ["stockport.files/flow.jpg"]
        );
        // The page's width at most: 6 inches.
        let xml = String::from_utf8_lossy(
            &crate::import::docx::sample::parts_of(&copy)
                .into_iter()
                .find(|(n, _)| n == "word/document.xml")
                .unwrap()
                .1,
        )
        .into_owned();
        assert!(xml.contains("cx=\"5486400\" cy=\"2743200\""), "{xml}");
        let same = review(&manual, &copy, &pictures).unwrap();
        assert_eq!(same.chapters, Vec::new(), "{same:#?}");
        // Without the file, the picture goes out as its description.
        let words = crate::export::docx::consultation_docx(&manual, &ids, "2026-12-02").unwrap();
        let read = docx::read(&words, Changes::Accepted).unwrap();
        assert!(read.pictures.is_empty());
        assert!(
            read.html.contains("[Picture: Referral flow]"),
            "{}",
            read.html
        );
    }

    #[test]
    fn a_document_that_is_not_a_consultation_copy_is_refused() {
        let bytes = crate::import::docx::sample::document("<w:p/>", 0, &[], &[]);
        let error = review(&manual(), &bytes, &|_| None).unwrap_err();
        assert!(error.contains("no chapter marks"), "{error}");
    }
}
