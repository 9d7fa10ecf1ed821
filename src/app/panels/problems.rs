//! View > Problems (and the problem count in the status bar): every error
//! and warning of the manual, grouped by entry with its number and title,
//! each a click away from the entry; filtered by kind; F8 and Shift+F8 go
//! to the next and previous. The list is the document's (`check` prints
//! the same), worked out again only when the manual changes.

use egui::{RichText, Ui};

use crate::app::actions::Action;
use crate::app::panels::ViewCache;
use crate::document::Document;
use crate::document::problems::{Problem, ProblemKind, Severity};

/// The panel's state: open or not, the kind shown, where F8 is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProblemsState {
    pub open: bool,
    /// Only problems of this kind (`None`: all).
    pub kind: Option<ProblemKind>,
    /// Only errors (what must be fixed before publishing).
    pub errors_only: bool,
    /// The problem F8 last went to, an index into the shown list.
    pub at: Option<usize>,
    /// F8 moved: the list scrolls to that problem on the next frame.
    scroll_to_at: bool,
    /// The list, shared: every frame reads it, none copies it.
    cache: ViewCache<std::sync::Arc<Vec<Problem>>>,
    /// The problems on disk (linked files, published copies), read at
    /// most every [`DISK_EVERY`] seconds while the manual changes, and
    /// the revision and time they were read at.
    disk: Vec<Problem>,
    disk_read: Option<(u64, f64)>,
    /// What the last check of the outside links found (listed with the
    /// disk's problems, matched to the manual's links as they are now).
    links: crate::document::link_check::LinkResults,
    /// Plain English advice, worked out while the panel is open (each
    /// chapter again only when its text changed).
    style: crate::document::style_check::StyleCache,
    /// Whether the last reading included the advice.
    style_read: bool,
    /// With Plain English shown: only this rule's findings.
    pub rule: Option<crate::model::style::StyleRule>,
}

/// How often, at most, the files a manual names are looked at again while
/// it is being edited (a keystroke is a new revision).
pub const DISK_EVERY: f64 = 2.0;

impl ProblemsState {
    /// Forgets what was found (another manual was opened); the panel
    /// stays open or closed and its filter stays.
    pub fn forget(&mut self) {
        self.cache = ViewCache::default();
        self.disk.clear();
        self.disk_read = None;
        self.at = None;
    }

    /// Lists what a check of the outside links found.
    pub fn set_links(&mut self, links: crate::document::link_check::LinkResults) {
        self.links = links;
        self.reread_disk();
    }

    /// The disk's problems (and the links') are worked out again on the
    /// next frame.
    pub fn reread_disk(&mut self) {
        self.disk_read = None;
        self.cache = ViewCache::default();
    }

    /// Whether the files on disk are due to be looked at again (the
    /// window then asks for a frame when they are).
    pub fn disk_due(&self, doc: &Document) -> bool {
        self.disk_read
            .is_none_or(|(revision, _)| revision != doc.revision())
    }

    /// The manual's problems at `now` (seconds): what the manual says
    /// worked out once per revision, what is on disk at most every
    /// [`DISK_EVERY`] seconds.
    pub fn all(&mut self, doc: &Document, now: f64) -> &std::sync::Arc<Vec<Problem>> {
        let revision = doc.revision();
        let read_disk = match self.disk_read {
            None => true,
            Some((read, at)) => read != revision && now - at >= DISK_EVERY,
        } || self.style_read != self.open;
        if read_disk {
            self.disk = doc.disk_problems();
            self.disk.extend(crate::document::link_check::link_problems(
                doc.manual(),
                &self.links,
            ));
            // Advice only while someone is looking at the list.
            if self.open {
                self.disk.extend(self.style.problems(doc.manual()));
            }
            self.style_read = self.open;
            self.disk_read = Some((revision, now));
            self.cache = ViewCache::default();
        }
        let disk = &self.disk;
        self.cache.get(revision, || {
            let today = crate::model::date::today_iso();
            std::sync::Arc::new(crate::document::problems::gather(
                doc.manual(),
                &doc.outline().warnings,
                disk.clone(),
                Some(&today),
            ))
        })
    }

    /// Every problem and the places in it of those the filter lets
    /// through (the list is shared, not copied).
    pub fn shown(
        &mut self,
        doc: &Document,
        now: f64,
    ) -> (std::sync::Arc<Vec<Problem>>, Vec<usize>) {
        let (kind, errors_only) = (self.kind, self.errors_only);
        let rule = self.rule.filter(|_| kind == Some(ProblemKind::Style));
        let all = std::sync::Arc::clone(self.all(doc, now));
        let mut shown: Vec<usize> = (0..all.len())
            .filter(|&i| {
                let p = &all[i];
                kind.is_none_or(|k| p.kind == k)
                    && rule.is_none_or(|r| p.style.as_ref().is_some_and(|s| s.finding.rule == r))
                    && (!errors_only || p.severity == Severity::Error)
            })
            .collect();
        // The links on their own: what the last check found broken first,
        // then the links it found moved, then the rest (a see-also item
        // with no address), each in the manual's order; a long-standing
        // warning in an early chapter no longer hides a new broken link.
        if kind == Some(ProblemKind::Links) {
            shown.sort_by_key(|&i| (all[i].severity, all[i].link.is_none()));
        }
        (all, shown)
    }

    /// The next (or previous) problem that concerns an entry, after the
    /// one F8 last went to, going round at the ends.
    pub fn step(&mut self, doc: &Document, backwards: bool, now: f64) -> Option<Problem> {
        let (all, shown) = self.shown(doc, now);
        let places: Vec<usize> = (0..shown.len())
            .filter(|&i| all[shown[i]].entry.is_some())
            .collect();
        if places.is_empty() {
            return None;
        }
        let at = match (self.at, backwards) {
            (None, false) => places[0],
            (None, true) => places[places.len() - 1],
            (Some(now), false) => places
                .iter()
                .copied()
                .find(|&i| i > now)
                .unwrap_or(places[0]),
            (Some(now), true) => places
                .iter()
                .rev()
                .copied()
                .find(|&i| i < now)
                .unwrap_or(places[places.len() - 1]),
        };
        self.at = Some(at);
        self.scroll_to_at = true;
        shown.get(at).map(|&i| all[i].clone())
    }
}

pub fn problems_ui(
    ui: &mut Ui,
    doc: &Document,
    state: &mut ProblemsState,
    actions: &mut Vec<Action>,
) {
    let now = ui.input(|i| i.time);
    let all = std::sync::Arc::clone(state.all(doc, now));
    ui.horizontal_wrapped(|ui| {
        ui.heading("Problems");
        ui.label(crate::document::problems::summary(&all));
        ui.separator();
        let label = ui.label("Show");
        let name = |kind: Option<ProblemKind>| {
            let count = all
                .iter()
                .filter(|p| kind.is_none_or(|k| p.kind == k))
                .count();
            format!("{} ({count})", kind.map_or("All kinds", ProblemKind::label))
        };
        let before = state.kind;
        let combo = egui::ComboBox::from_id_salt("problems_kind")
            .selected_text(name(state.kind))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.kind, None, name(None));
                for kind in ProblemKind::ALL {
                    if all.iter().any(|p| p.kind == kind) {
                        ui.selectable_value(&mut state.kind, Some(kind), name(Some(kind)));
                    }
                }
            })
            .response
            .labelled_by(label.id);
        if crate::app::panes::take_focus_request(ui.ctx(), crate::app::panes::Pane::Problems) {
            combo.request_focus();
        }
        let errors_before = state.errors_only;
        ui.checkbox(&mut state.errors_only, "Errors only");
        if state.kind != before || state.errors_only != errors_before {
            state.at = None;
        }
        ui.label(RichText::new("F8: next · Shift+F8: previous").small());
        if ui.button("Close").clicked() {
            actions.push(Action::CloseProblems);
        }
    });
    if state.kind == Some(ProblemKind::Style) {
        style_controls_ui(ui, doc, &all, state, actions);
    }
    ui.separator();
    let (all, shown) = state.shown(doc, now);
    if shown.is_empty() {
        ui.label("Nothing to fix here.");
        return;
    }
    // One line a row, each entry's name over its problems: only the rows
    // in view are drawn, however many problems a manual has.
    enum Line<'p> {
        Place(&'p str),
        Problem(usize),
    }
    let mut lines = Vec::with_capacity(shown.len() * 2);
    let mut last_place: Option<&Option<String>> = None;
    for (i, problem) in shown.iter().map(|&at| &all[at]).enumerate() {
        if last_place != Some(&problem.place) {
            lines.push(Line::Place(
                problem.place.as_deref().unwrap_or("The manual"),
            ));
            last_place = Some(&problem.place);
        }
        lines.push(Line::Problem(i));
    }
    let row_height = ui.spacing().interact_size.y;
    let mut area = egui::ScrollArea::vertical()
        .id_salt("problems_list")
        .auto_shrink([false, false]);
    if std::mem::take(&mut state.scroll_to_at)
        && let Some(at) = state.at
        && let Some(line) = lines
            .iter()
            .position(|l| matches!(l, Line::Problem(i) if *i == at))
    {
        let step = row_height + ui.spacing().item_spacing.y;
        area = area.vertical_scroll_offset((line.saturating_sub(2)) as f32 * step);
    }
    area.show_rows(ui, row_height, lines.len(), |ui, rows| {
        for line in &lines[rows] {
            match line {
                Line::Place(place) => {
                    ui.add(egui::Label::new(RichText::new(*place).strong()).truncate());
                }
                Line::Problem(i) => {
                    problem_row_ui(ui, &all[shown[*i]], state.at == Some(*i), actions);
                }
            }
        }
    });
}

/// One problem: its severity in words (not colour alone) and what is
/// wrong, a link to the entry when it concerns one.
fn problem_row_ui(ui: &mut Ui, problem: &Problem, current: bool, actions: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        ui.add_space(12.0);
        let (word, colour) = match problem.severity {
            Severity::Error => ("Error", ui.visuals().error_fg_color),
            Severity::Warning => ("Warning", ui.visuals().warn_fg_color),
            Severity::Advice => ("Advice", ui.visuals().hyperlink_color),
        };
        ui.label(RichText::new(word).color(colour).strong());
        let text = if current {
            RichText::new(&problem.message).underline()
        } else {
            RichText::new(&problem.message)
        };
        match &problem.entry {
            Some(id) => {
                if ui.link(text).on_hover_text("Go to this entry").clicked() {
                    actions.push(Action::Select(id.clone()));
                }
            }
            None => {
                ui.label(text);
            }
        }
        if let Some(link) = &problem.link {
            link_buttons_ui(ui, problem, link, actions);
        }
        if let (Some(style), Some(id)) = (&problem.style, &problem.entry) {
            style_buttons_ui(ui, id, style, actions);
        }
    });
}

/// Plain English: the rules with their counts (one shown at a time, with
/// what it is for and a button to turn it off for this manual), the rules
/// turned off, and the longest sentence allowed.
fn style_controls_ui(
    ui: &mut Ui,
    doc: &Document,
    all: &[Problem],
    state: &mut ProblemsState,
    actions: &mut Vec<Action>,
) {
    use crate::model::style::StyleRule;
    let count = |rule: Option<StyleRule>| {
        all.iter()
            .filter(|p| {
                p.style
                    .as_ref()
                    .is_some_and(|s| rule.is_none_or(|r| s.finding.rule == r))
            })
            .count()
    };
    let name = |rule: Option<StyleRule>| {
        format!(
            "{} ({})",
            rule.map_or("All rules", StyleRule::label),
            count(rule)
        )
    };
    let style = &doc.manual().style;
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Rule");
        let before = state.rule;
        egui::ComboBox::from_id_salt("problems_rule")
            .selected_text(name(state.rule))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.rule, None, name(None));
                for rule in StyleRule::ALL {
                    if style.is_on(rule) {
                        ui.selectable_value(&mut state.rule, Some(rule), name(Some(rule)));
                    }
                }
            })
            .response
            .labelled_by(label.id);
        if state.rule != before {
            state.at = None;
        }
        let mut words = style.sentence_limit();
        let label = ui.label("Longest sentence");
        let drag = ui
            .add(
                egui::DragValue::new(&mut words)
                    .range(10..=80)
                    .suffix(" words"),
            )
            .labelled_by(label.id);
        if drag.changed() && words != style.sentence_limit() {
            actions.push(Action::SetSentenceWords(words));
        }
    });
    if let Some(rule) = state.rule {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(rule.explanation()).small());
            if ui
                .small_button("Turn off for this manual")
                .on_hover_text(
                    "Stop checking this rule in this manual (kept in the file; Undo puts it back)",
                )
                .clicked()
            {
                actions.push(Action::SetStyleRule { rule, on: false });
            }
        });
    }
    let ages = state.style.reading_ages();
    if !ages.is_empty() {
        ui.label(RichText::new(format!("Chapters by reading age: {ages}")).small());
    }
    if !style.off.is_empty() {
        ui.horizontal_wrapped(|ui| {
            ui.label("Turned off:");
            for &rule in &style.off {
                if ui
                    .small_button(format!("{} (turn on)", rule.label()))
                    .clicked()
                {
                    actions.push(Action::SetStyleRule { rule, on: true });
                }
            }
        });
    }
}

/// A finding's fixes: its replacement, allowing its term in this manual,
/// adding an abbreviation to the keywords.
fn style_buttons_ui(
    ui: &mut Ui,
    id: &crate::model::EntryId,
    style: &crate::document::problems::StyleProblem,
    actions: &mut Vec<Action>,
) {
    use crate::model::style::StyleRule;
    if let Some(fix) = &style.finding.fix
        && ui
            .small_button(format!("Use \u{201c}{fix}\u{201d}"))
            .on_hover_text(format!(
                "Put \u{201c}{fix}\u{201d} in place of \u{201c}{}\u{201d}",
                style.covered
            ))
            .clicked()
    {
        actions.push(Action::FixStyle {
            entry: id.clone(),
            field: style.field,
            range: style.finding.range.clone(),
            covered: style.covered.clone(),
            fix: fix.clone(),
        });
    }
    if let Some(term) = crate::document::style_check::term_of(style.finding.rule, &style.covered) {
        if style.finding.rule == StyleRule::UndefinedAbbreviation
            && ui
                .small_button("Add to keywords")
                .on_hover_text(format!(
                    "Add {term} to the manual's keywords, to say what it means"
                ))
                .clicked()
        {
            actions.push(Action::AddKeyword(term.to_string()));
        }
        if ui
            .small_button(format!("Allow \u{201c}{term}\u{201d}"))
            .on_hover_text("This manual uses it on purpose: never flag it (kept in the file)")
            .clicked()
        {
            actions.push(Action::AllowTerm(term.to_string()));
        }
    }
}

/// An outside link's fixes: open it in the browser, pick another in its
/// place (a see-also item), use the address it has moved to.
fn link_buttons_ui(
    ui: &mut Ui,
    problem: &Problem,
    link: &crate::document::problems::OutsideLinkProblem,
    actions: &mut Vec<Action>,
) {
    if ui
        .small_button("Open")
        .on_hover_text(format!("Open {} in the web browser", link.url))
        .clicked()
    {
        ui.ctx().open_url(egui::OpenUrl::new_tab(&link.url));
    }
    if let (Some(index), Some(id)) = (link.see_also, &problem.entry)
        && ui
            .small_button("Re-pick…")
            .on_hover_text("Choose another chapter or document for this see-also link")
            .clicked()
    {
        actions.push(Action::Select(id.clone()));
        actions.push(Action::OpenPicker {
            for_entry: id.clone(),
            replace: Some(index),
        });
    }
    if let Some(new) = &link.new_address
        && ui
            .small_button("Use new address")
            .on_hover_text(format!(
                "Link to {new} instead, wherever the manual links to {}",
                link.url
            ))
            .clicked()
    {
        actions.push(Action::UseNewAddress {
            old: link.url.clone(),
            new: new.clone(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_on_disk_are_read_again_only_when_edits_pause() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("m.ron");
        let mut manual = crate::store::format::stockport_sample();
        manual
            .chapter_mut(&crate::model::EntryId::new("young-carers-2"))
            .unwrap()
            .body = "[Form](m.files/gone.pdf)".into();
        crate::store::format::save(&manual, &file).unwrap();
        let mut doc = Document::open(&file).unwrap();
        let mut state = ProblemsState::default();
        let missing = |all: &[Problem]| all.iter().any(|p| p.kind == ProblemKind::Files);
        assert!(missing(state.all(&doc, 0.0)));
        // An edit (a keystroke): what the manual says follows at once, the
        // disk is not read again within DISK_EVERY seconds.
        let mut head = doc
            .entry(&crate::model::EntryId::new("young-carers-2"))
            .unwrap()
            .clone_head();
        head.title = String::new();
        doc.apply(
            vec![crate::edit::Edit::UpdateEntry {
                entry: Box::new(head),
            }],
            None,
            0.5,
        )
        .unwrap();
        let all = state.all(&doc, 0.5).to_vec();
        assert!(all.iter().any(|p| p.message == "the title is empty"));
        assert!(missing(&all), "the last reading of the disk stays");
        assert_eq!(state.disk_read.map(|(_, at)| at), Some(0.0));
        assert!(state.disk_due(&doc));
        state.all(&doc, 2.5);
        assert_eq!(state.disk_read.map(|(_, at)| at), Some(2.5));
        assert!(!state.disk_due(&doc));
    }

    #[test]
    fn the_links_view_lists_what_the_check_found_broken_first() {
        use crate::document::link_check::LinkResults;
        use crate::model::{EntryId, SeeAlso};
        use crate::store::link_check::LinkStatus;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("m.ron");
        let mut manual = crate::store::format::stockport_sample();
        // An early chapter's item with no address (a warning of long
        // standing), then a later chapter's moved and broken links.
        let entries: Vec<EntryId> = {
            let mut ids = Vec::new();
            manual.walk(|_, entry, _| {
                if entry.chapter_details().is_some() {
                    ids.push(entry.id.clone());
                }
            });
            ids
        };
        let (early, late) = (&entries[0], &entries[entries.len() - 1]);
        let see_also = |manual: &mut crate::model::Manual, id: &EntryId, item: SeeAlso| {
            let at = manual.find(id).unwrap();
            manual.entry_mut(&at).unwrap().see_also.push(item);
        };
        see_also(
            &mut manual,
            early,
            SeeAlso::external("Old leaflet", None, None),
        );
        see_also(
            &mut manual,
            late,
            SeeAlso::external("Moved", Some("https://example.org/moved".into()), None),
        );
        see_also(
            &mut manual,
            late,
            SeeAlso::external("Gone", Some("https://example.org/gone".into()), None),
        );
        crate::store::format::save(&manual, &file).unwrap();
        let doc = Document::open(&file).unwrap();
        let mut state = ProblemsState::default();
        let mut results = LinkResults::default();
        results.by_address.insert(
            "https://example.org/moved".into(),
            LinkStatus::Moved {
                to: "https://example.org/new".into(),
                permanent: true,
                status: 200,
            },
        );
        results.by_address.insert(
            "https://example.org/gone".into(),
            LinkStatus::Broken {
                status: 404,
                at: None,
            },
        );
        state.set_links(results);
        state.kind = Some(ProblemKind::Links);
        let (all, shown) = state.shown(&doc, 0.0);
        let messages: Vec<&str> = shown.iter().map(|&i| all[i].message.as_str()).collect();
        let place = |needle: &str| {
            messages
                .iter()
                .position(|m| m.contains(needle))
                .unwrap_or_else(|| panic!("{needle} in {messages:?}"))
        };
        assert_eq!(place("example.org/gone"), 0, "{messages:?}");
        assert!(
            place("example.org/moved") < place("Old leaflet"),
            "{messages:?}"
        );
        // All problems together stay grouped by chapter, in its order.
        state.kind = None;
        let (all, shown) = state.shown(&doc, 0.0);
        let first_link = shown
            .iter()
            .find(|&&i| all[i].kind == ProblemKind::Links)
            .map(|&i| all[i].message.clone())
            .unwrap();
        assert!(first_link.contains("Old leaflet"), "{first_link}");
    }
}
