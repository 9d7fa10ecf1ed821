//! Sign-off: each chapter changed or added in the open update is approved
//! by a named person before the update is published, and a chapter edited
//! after its approval goes back to "changed since approval". The editor is
//! offline and has no logins: an approval records a name, not a proof (a
//! git history, signed where a council wants it, is the audit trail).

use serde::{Deserialize, Serialize};

use super::{Entry, EntryId, Manual, Update};

/// One chapter approved in an update.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Approval {
    pub id: EntryId,
    /// Who approved it ("Sam Jones").
    pub by: String,
    /// In what role ("Head of Safeguarding").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub comment: String,
    /// What the chapter said when approved (see [`fingerprint`]): a later
    /// edit makes it "changed since approval".
    pub fingerprint: String,
}

/// Where a changed chapter stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignOff<'m> {
    Draft,
    Approved(&'m Approval),
    ChangedSinceApproval(&'m Approval),
}

impl SignOff<'_> {
    pub fn is_approved(&self) -> bool {
        matches!(self, SignOff::Approved(_))
    }

    /// "Draft", "Approved by Sam Jones, Head of Safeguarding on 2026-12-02".
    pub fn describe(&self) -> String {
        let by = |a: &Approval| {
            let role = if a.role.is_empty() {
                String::new()
            } else {
                format!(", {}", a.role)
            };
            format!("{}{role} on {}", a.by, a.date)
        };
        match self {
            SignOff::Draft => "Draft: not approved yet".into(),
            SignOff::Approved(a) => format!("Approved by {}", by(a)),
            SignOff::ChangedSinceApproval(a) => format!("Changed since approval by {}", by(a)),
        }
    }
}

/// Why an approval or a publication was refused; nothing changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignOffError {
    #[error("no update is open: start the next update first")]
    NoOpenUpdate,
    #[error("an approval needs the approver's name")]
    NoName,
    #[error("'{0}' is not a chapter changed or added in the open update")]
    NotChanged(EntryId),
    #[error("the date '{0}' is not YYYY-MM-DD")]
    BadDate(String),
    #[error(
        "{} not approved: {}; approve them, or give a reason to publish without sign-off",
        super::counted(.0.len(), "chapter is", "chapters are"),
        .0.join(", ")
    )]
    Unapproved(Vec<String>),
}

/// A stable summary of what a chapter says (its own fields, not its
/// children): FNV-1a over its canonical RON, as 16 hex digits.
pub fn fingerprint(entry: &Entry) -> String {
    text_fingerprint(&ron::to_string(&entry.clone_head()).unwrap_or_default())
}

/// FNV-1a of `text`, as 16 hex digits: stable across runs and versions.
pub fn text_fingerprint(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// Where `entry` stands in the open update `open`: `None` when it was
/// neither added nor amended in it.
fn sign_off_in<'m>(open: &'m Update, entry: &Entry) -> Option<SignOff<'m>> {
    let chapter = entry.chapter_details()?;
    let changed = chapter.added_in.as_deref() == Some(open.label.as_str())
        || chapter.amendments.iter().any(|a| a.update == open.label);
    if !changed {
        return None;
    }
    let approval = open.approvals.iter().rev().find(|a| a.id == entry.id);
    Some(match approval {
        None => SignOff::Draft,
        Some(a) if a.fingerprint == fingerprint(entry) => SignOff::Approved(a),
        Some(a) => SignOff::ChangedSinceApproval(a),
    })
}

impl Manual {
    /// Whether a copy of the manual as published is kept (so there is a
    /// published version to compare with or export).
    pub fn has_published_copy(&self) -> bool {
        self.updates
            .iter()
            .any(|u| u.published && u.archived.is_some())
    }

    /// The chapters added or amended in the open update, in manual order.
    pub fn changed_in_open_update(&self) -> Vec<EntryId> {
        self.sign_offs().into_iter().map(|(id, _)| id).collect()
    }

    /// Where `id` stands in the open update (`None`: not changed in it).
    pub fn sign_off(&self, id: &EntryId) -> Option<SignOff<'_>> {
        let open = self.open_update()?;
        sign_off_in(open, self.entry(&self.find(id)?)?)
    }

    /// Every chapter changed in the open update with where it stands, in
    /// manual order, from one walk of the manual.
    pub fn sign_offs(&self) -> Vec<(EntryId, SignOff<'_>)> {
        let Some(open) = self.open_update() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        self.walk(|_, entry, _| {
            if let Some(state) = sign_off_in(open, entry) {
                out.push((entry.id.clone(), state));
            }
        });
        out
    }

    /// The update list with `ids` approved in the open update (an earlier
    /// approval of the same chapter is replaced), as one edit.
    pub fn updates_after_approving(
        &self,
        ids: &[EntryId],
        by: &str,
        role: &str,
        comment: &str,
        date: &str,
    ) -> Result<Vec<Update>, SignOffError> {
        let by = by.trim();
        if by.is_empty() {
            return Err(SignOffError::NoName);
        }
        let at = self.open_update_on(date)?;
        let changed = self.changed_in_open_update();
        let mut updates = self.updates.clone();
        let open = &mut updates[at];
        for id in ids {
            if !changed.contains(id) {
                return Err(SignOffError::NotChanged(id.clone()));
            }
            let Some(entry) = self.find(id).and_then(|p| self.entry(&p)) else {
                return Err(SignOffError::NotChanged(id.clone()));
            };
            open.approvals.retain(|a| a.id != *id);
            open.approvals.push(Approval {
                id: id.clone(),
                by: by.to_string(),
                role: role.trim().to_string(),
                date: date.to_string(),
                comment: comment.trim().to_string(),
                fingerprint: fingerprint(entry),
            });
        }
        Ok(updates)
    }

    /// Where the open update is in `updates`, for a change made on `date`
    /// (which must be a day, `YYYY-MM-DD`).
    fn open_update_on(&self, date: &str) -> Result<usize, SignOffError> {
        if !(super::is_iso_date(date) && date.len() == 10) {
            return Err(SignOffError::BadDate(date.to_string()));
        }
        self.updates
            .iter()
            .rposition(|u| !u.published)
            .ok_or(SignOffError::NoOpenUpdate)
    }

    /// The chapters of the open update not approved as they are now, as
    /// labels ("4.8.1 Young Carers").
    pub fn unapproved_labels(&self) -> Vec<String> {
        let outline = self.outline();
        let labels: std::collections::HashMap<&EntryId, String> = outline
            .iter()
            .filter_map(|row| {
                let entry = self.entry(&row.path)?;
                Some((&entry.id, super::label(row.number.as_ref(), &entry.title)))
            })
            .collect();
        self.sign_offs()
            .into_iter()
            .filter(|(_, state)| !state.is_approved())
            .map(|(id, _)| labels.get(&id).cloned().unwrap_or_else(|| id.to_string()))
            .collect()
    }

    /// The update list with the open update published on `date`: refused
    /// while chapters are unapproved, unless `reason` says why it is
    /// published without sign-off (recorded with it). `archived` names the
    /// copy kept of the manual as published.
    pub fn updates_after_publishing(
        &self,
        date: &str,
        reason: Option<&str>,
        archived: Option<&str>,
    ) -> Result<Vec<Update>, SignOffError> {
        let at = self.open_update_on(date)?;
        let reason = reason.map(str::trim).filter(|r| !r.is_empty());
        let unapproved = self.unapproved_labels();
        if !unapproved.is_empty() && reason.is_none() {
            return Err(SignOffError::Unapproved(unapproved));
        }
        let mut updates = self.updates.clone();
        let open = &mut updates[at];
        open.published = true;
        open.date = date.to_string();
        open.without_sign_off = reason
            .filter(|_| !unapproved.is_empty())
            .map(str::to_string);
        open.archived = archived.map(str::to_string);
        Ok(updates)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Amendment;

    fn manual() -> Manual {
        let mut m = Manual::new("M", "Town");
        m.updates = vec![
            Update {
                label: "June 2026".into(),
                published: true,
                ..Update::default()
            },
            Update {
                label: "December 2026".into(),
                ..Update::default()
            },
        ];
        let mut carers = Entry::chapter(EntryId::new("carers"), "Young Carers");
        carers
            .chapter_details_mut()
            .unwrap()
            .amendments
            .push(Amendment {
                date: "2026-12".into(),
                text: "Revised.".into(),
                update: "December 2026".into(),
                draft: false,
            });
        let mut fostering = Entry::chapter(EntryId::new("fostering"), "Private Fostering");
        fostering.chapter_details_mut().unwrap().added_in = Some("December 2026".into());
        m.entries = vec![Entry::section(
            EntryId::new("part"),
            "Part",
            vec![
                carers,
                fostering,
                Entry::chapter(EntryId::new("untouched"), "Untouched"),
            ],
        )];
        m
    }

    fn approve(m: &mut Manual, ids: &[&str]) {
        let ids: Vec<EntryId> = ids.iter().map(|i| EntryId::new(*i)).collect();
        m.updates = m
            .updates_after_approving(&ids, "Sam Jones", "Head of Service", "", "2026-12-02")
            .unwrap();
    }

    #[test]
    fn changed_chapters_are_drafts_until_approved_and_an_edit_after_approval_shows() {
        let mut m = manual();
        let ids: Vec<String> = m
            .changed_in_open_update()
            .iter()
            .map(|i| i.to_string())
            .collect();
        assert_eq!(ids, ["carers", "fostering"]);
        assert_eq!(m.sign_off(&EntryId::new("carers")), Some(SignOff::Draft));
        assert_eq!(m.sign_off(&EntryId::new("untouched")), None);
        approve(&mut m, &["carers"]);
        let state = m.sign_off(&EntryId::new("carers")).unwrap();
        assert!(state.is_approved());
        assert_eq!(
            state.describe(),
            "Approved by Sam Jones, Head of Service on 2026-12-02"
        );
        let path = m.find(&EntryId::new("carers")).unwrap();
        m.entry_mut(&path).unwrap().title = "Young Carers and Siblings".into();
        assert!(matches!(
            m.sign_off(&EntryId::new("carers")),
            Some(SignOff::ChangedSinceApproval(_))
        ));
    }

    #[test]
    fn approving_needs_a_name_a_date_and_a_changed_chapter() {
        let m = manual();
        let carers = [EntryId::new("carers")];
        assert_eq!(
            m.updates_after_approving(&carers, " ", "", "", "2026-12-02"),
            Err(SignOffError::NoName)
        );
        assert_eq!(
            m.updates_after_approving(&carers, "Sam", "", "", "2 Dec"),
            Err(SignOffError::BadDate("2 Dec".into()))
        );
        assert_eq!(
            m.updates_after_approving(&[EntryId::new("untouched")], "Sam", "", "", "2026-12-02"),
            Err(SignOffError::NotChanged(EntryId::new("untouched")))
        );
    }

    #[test]
    fn publishing_waits_for_sign_off_unless_a_reason_is_recorded() {
        let mut m = manual();
        approve(&mut m, &["carers"]);
        let refused = m.updates_after_publishing("2026-12-02", None, None);
        assert_eq!(
            refused,
            Err(SignOffError::Unapproved(vec![
                "1.2 Private Fostering".into()
            ]))
        );
        assert!(
            refused
                .unwrap_err()
                .to_string()
                .contains("1 chapter is not approved")
        );
        let updates = m
            .updates_after_publishing("2026-12-02", Some("urgent change of law"), Some("copy.ron"))
            .unwrap();
        let published = &updates[1];
        assert!(published.published);
        assert_eq!(published.date, "2026-12-02");
        assert_eq!(
            published.without_sign_off.as_deref(),
            Some("urgent change of law")
        );
        assert_eq!(published.archived.as_deref(), Some("copy.ron"));
        // Everything approved: no reason is recorded, even if one is given.
        approve(&mut m, &["fostering"]);
        let updates = m
            .updates_after_publishing("2026-12-02", Some("x"), None)
            .unwrap();
        assert_eq!(updates[1].without_sign_off, None);
    }

    #[test]
    fn a_fingerprint_is_stable_and_follows_the_chapters_own_words() {
        let m = manual();
        let carers = m.entry(&m.find(&EntryId::new("carers")).unwrap()).unwrap();
        assert_eq!(fingerprint(carers), fingerprint(&carers.clone()));
        let mut changed = carers.clone();
        changed.title.push('.');
        assert_ne!(fingerprint(carers), fingerprint(&changed));
    }
}
