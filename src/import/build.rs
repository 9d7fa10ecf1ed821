//! Second pass of the importer: classified lines become a tree.
//!
//! Numbered lines are placed by their written number: `2.1.1` goes under the
//! open entry numbered `2.1`, creating that section if the text never named it
//! (a group with no heading). An unnumbered heading line opens a section under
//! the current part, and takes the number of the first numbered line beneath
//! it. Indented unnumbered lines are unnumbered entries of the open section.
//! See-also lines attach to the entry above them and continue with "and ...",
//! indented, or link-only lines. Written numbers are compared afterwards with
//! the derived ones.

use crate::model::{Badge, MAX_DEPTH, SectionNumber};

use super::lines::{Line, LineKind, RawLink, is_applicability, split_badge, split_source};
use super::report::{ImportReport, ReportLine};

/// An entry while the tree is being built.
#[derive(Debug, Default)]
pub(super) struct Node {
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    pub title: String,
    /// The number the text gave (or implied), checked against the derived one.
    pub written_number: Option<SectionNumber>,
    pub numbered: bool,
    /// Written as a heading (number on its own line, emphasis, a plain
    /// heading line): a section even with no numbered children.
    pub is_heading: bool,
    pub badge: Badge,
    pub source: Option<String>,
    pub applies_to: Option<String>,
    pub see_also: Vec<RawLink>,
    pub notes: Vec<String>,
    pub line_no: usize,
    /// The last-updated date the list gave (`YYYY-MM[-DD]`).
    pub last_updated: Option<String>,
    /// Placed as a chapter whatever follows it (a line whose numbering the
    /// importer does not follow, a lettered number).
    pub is_leaf: bool,
}

impl Node {
    pub fn is_section(&self) -> bool {
        !self.is_leaf && self.is_heading
            || !self.children.is_empty()
            || self.written_number.as_ref().is_some_and(|n| n.depth() == 1)
    }
}

/// The tree, with the manual-level text found before the first part.
#[derive(Debug, Default)]
pub(super) struct Tree {
    /// Node 0 is the root; the others are entries.
    pub nodes: Vec<Node>,
    pub title: Option<String>,
    pub notes: Vec<String>,
    pub quick_links: Vec<(SectionNumber, String)>,
}

const ROOT: usize = 0;

/// The longest unnumbered line read as a heading or title; a longer one
/// (a paragraph, or a page's script run onto one line) is reported.
const MAX_TITLE_CHARS: usize = 200;

struct Builder<'r> {
    tree: Tree,
    /// Numbered lines are entries as numbered (contents made from a
    /// document's headings): none takes the number of the lines under it.
    numbers_as_written: bool,
    /// The open entries from the root down, where numbered lines are placed.
    stack: Vec<usize>,
    /// The entry that see-also, attribution and note lines attach to.
    last: Option<usize>,
    /// The entry whose see-also group is still open for continuation lines.
    see_also_open: Option<usize>,
    pending_number: Option<(SectionNumber, usize)>,
    /// Notes waiting for the next entry ("See also guidance on:").
    pending_notes: Vec<String>,
    /// The unnumbered list items open at each indentation, outermost first.
    indents: Vec<(usize, usize)>,
    /// A badge on a line of its own, with the entry just above it (if the
    /// line above was one): it is that entry's unless the next entry goes
    /// inside it (the entry above was a heading), else the next entry's.
    pending_badge: Option<(Badge, usize, Option<usize>)>,
    /// The last line with text placed an entry (so a badge line below it
    /// belongs to it).
    last_line_was_entry: bool,
    /// The last line with text was a "See also:" whose links were lost.
    after_empty_see_also: bool,
    in_quick_links: bool,
    report: &'r mut ImportReport,
}

/// `numbers_as_written`: a heading is never renumbered after the
/// chapters under it (see [`Builder::follow_chapters_number`]).
pub(super) fn build(lines: &[Line], report: &mut ImportReport, numbers_as_written: bool) -> Tree {
    let mut builder = Builder {
        numbers_as_written,
        tree: Tree {
            nodes: vec![Node::default()],
            ..Tree::default()
        },
        stack: vec![ROOT],
        last: None,
        see_also_open: None,
        pending_number: None,
        pending_notes: Vec::new(),
        pending_badge: None,
        indents: Vec::new(),
        last_line_was_entry: false,
        after_empty_see_also: false,
        in_quick_links: false,
        report,
    };
    for line in lines {
        let entries_before = builder.tree.nodes.len();
        builder.line(line);
        if line.kind != LineKind::Blank {
            builder.last_line_was_entry = builder.tree.nodes.len() > entries_before;
            builder.after_empty_see_also = line.kind == LineKind::EmptySeeAlso;
        }
    }
    match builder.pending_badge.take() {
        Some((badge, _, Some(above))) => builder.tree.nodes[above].badge = badge,
        Some((_, line_no, None)) => builder.report.not_understood.push(ReportLine {
            line_no,
            text: "New/Updated".into(),
            reason: "a badge on a line of its own with no entry after it".into(),
        }),
        None => {}
    }
    if let Some((number, line_no)) = builder.pending_number.take() {
        builder.place_numbered(number, String::new(), Badge::None, false, line_no);
    }
    for note in std::mem::take(&mut builder.pending_notes) {
        builder.tree.notes.push(note);
    }
    let mut tree = builder.tree;
    settle_unnumbered_runs(&mut tree, lines);
    split_chapter_sources(&mut tree);
    tree
}

/// Unnumbered titles flush with their heading, once the tree is whole:
/// a heading whose first item lost its bullet in copying ("Becoming a
/// Carer", "Assessment of Carers", "- Approval") takes that item and the
/// bulleted rest as its chapters, instead of the item becoming a heading
/// over its siblings; and an unnumbered heading with nothing under it (a
/// flush-left run of titles under a part) is a chapter.
fn settle_unnumbered_runs(tree: &mut Tree, lines: &[Line]) {
    // The line with text before each line.
    let mut previous = std::collections::HashMap::new();
    let mut last_text = None;
    for line in lines {
        if line.kind != LineKind::Blank {
            previous.insert(line.line_no, last_text);
            last_text = Some(line.line_no);
        }
    }
    let plain_heading = |node: &Node| node.is_heading && !node.numbered && !node.is_leaf;
    for parent in 0..tree.nodes.len() {
        let mut k = 1;
        while k < tree.nodes[parent].children.len() {
            let (h, y) = (
                tree.nodes[parent].children[k - 1],
                tree.nodes[parent].children[k],
            );
            let (head, item) = (&tree.nodes[h], &tree.nodes[y]);
            let flush_first = plain_heading(head)
                && head.children.is_empty()
                && plain_heading(item)
                && !item.children.is_empty()
                && item.children.iter().all(|&c| !tree.nodes[c].numbered)
                && previous.get(&item.line_no).copied().flatten() == Some(head.line_no);
            if flush_first {
                let items = std::mem::take(&mut tree.nodes[y].children);
                for &c in &items {
                    tree.nodes[c].parent = Some(h);
                }
                tree.nodes[y].is_heading = false;
                tree.nodes[y].is_leaf = true;
                tree.nodes[y].parent = Some(h);
                tree.nodes[h].children = std::iter::once(y).chain(items).collect();
                tree.nodes[parent].children.remove(k);
                continue;
            }
            k += 1;
        }
    }
    for node in tree.nodes.iter_mut().skip(1) {
        let under_part = node.parent.is_some_and(|p| p != ROOT);
        if under_part && plain_heading(node) && node.children.is_empty() {
            node.is_heading = false;
        }
    }
}

/// "Local Contacts (Resources)": in a chapter's title a trailing parenthesis
/// that names an owner is its source. Done once the tree is whole, since only
/// then is it known which entries are chapters.
fn split_chapter_sources(tree: &mut Tree) {
    for node in tree.nodes.iter_mut().skip(1) {
        if node.source.is_none() && !node.is_section() {
            let (title, source) = split_source(&node.title);
            if source.is_some() {
                node.title = title;
                node.source = source;
            }
        }
    }
}

impl Builder<'_> {
    fn line(&mut self, line: &Line) {
        if self.in_quick_links {
            match &line.kind {
                LineKind::Blank => return,
                LineKind::Numbered { number, title, .. }
                    if line.is_indented && number.depth() == 1 =>
                {
                    self.tree.quick_links.push((number.clone(), title.clone()));
                    return;
                }
                // "1." alone: a link to part 1, its title an image or lost.
                LineKind::NumberOnly(number) if number.depth() == 1 => {
                    self.report.skipped.push(ReportLine::new(
                        line,
                        "a quick link to a part (a number alone)",
                    ));
                    return;
                }
                LineKind::Numbered { .. } | LineKind::NumberOnly(_) => self.in_quick_links = false,
                _ => {
                    self.report
                        .skipped
                        .push(ReportLine::new(line, "quick links introduction"));
                    return;
                }
            }
        }
        if let Some((number, line_no)) = self.pending_number.take() {
            match &line.kind {
                LineKind::Blank => {
                    self.pending_number = Some((number, line_no));
                    return;
                }
                LineKind::Text { text, .. } => {
                    let (title, badge) = split_badge(text);
                    self.place_numbered(number, title, badge, true, line_no);
                    return;
                }
                _ => self.place_numbered(number, String::new(), Badge::None, false, line_no),
            }
        }
        if let LineKind::Numbered { number, .. } | LineKind::NumberOnly(number) = &line.kind
            && number.depth() > MAX_DEPTH
        {
            let reason = format!(
                "numbered {} levels deep; a manual holds at most {MAX_DEPTH}",
                number.depth()
            );
            self.not_understood(line, &reason);
            return;
        }
        match &line.kind {
            LineKind::Blank => {}
            LineKind::Furniture => self
                .report
                .skipped
                .push(ReportLine::new(line, "page furniture")),
            LineKind::QuickLinks => {
                self.in_quick_links = true;
                self.report
                    .skipped
                    .push(ReportLine::new(line, "quick links heading"));
            }
            LineKind::Numbered {
                number,
                title,
                badge,
                is_heading,
                date,
            } => {
                self.place_numbered(
                    number.clone(),
                    title.clone(),
                    *badge,
                    *is_heading,
                    line.line_no,
                );
                if let Some(node) = self.last {
                    self.tree.nodes[node].last_updated.clone_from(date);
                }
            }
            LineKind::Lettered {
                after,
                label,
                title,
            } => self.lettered(line, after, label, title),
            LineKind::OddNumber(text) => {
                let container = self.open_container();
                let node = self.add_node(container, text.clone(), None, false, line.line_no);
                self.tree.nodes[node].is_leaf = true;
                self.report.not_understood.push(ReportLine::new(
                    line,
                    "a numbering the importer does not follow: kept as an unnumbered chapter \
                     with the number in its title",
                ));
            }
            LineKind::SubItem(text) => match self.last {
                Some(node) if !self.tree.nodes[node].is_section() => {
                    self.tree.nodes[node].notes.push(text.clone());
                    let title = self.tree.nodes[node].title.clone();
                    self.report.adjusted.push(ReportLine::new(
                        line,
                        &format!(
                            "a lettered part or appendix: kept as a note of \"{title}\" above"
                        ),
                    ));
                }
                _ => self.not_understood(
                    line,
                    "a lettered part or appendix with no chapter above it: kept as a note",
                ),
            },
            LineKind::BadgeOnly(badge) => self.badge_line(line, *badge),
            LineKind::EmptySeeAlso => self.not_understood(
                line,
                "\"See also\" with no links (they were lost in copying): kept as a note",
            ),
            LineKind::NumberOnly(number) => {
                self.pending_number = Some((number.clone(), line.line_no))
            }
            LineKind::SeeAlso(items) if items.is_empty() => {
                self.pending_notes
                    .push(crate::import::lines::clean_spaces(line.raw.trim()));
                self.see_also_open = None;
            }
            LineKind::SeeAlso(items) => match self.last {
                Some(node) => {
                    self.tree.nodes[node].see_also.extend(items.iter().cloned());
                    self.see_also_open = Some(node);
                }
                None => self.not_understood(line, "see-also line before any entry"),
            },
            LineKind::And(items) => match self.see_also_open {
                Some(node) => self.tree.nodes[node].see_also.extend(items.iter().cloned()),
                None => self.not_understood(line, "\"and\" line outside a see-also group"),
            },
            LineKind::Parenthetical(inner) => self.parenthetical(line, inner),
            LineKind::Note(text) => {
                match self.last {
                    Some(node) => self.tree.nodes[node].notes.push(text.clone()),
                    None => self.tree.notes.push(text.clone()),
                }
                self.see_also_open = None;
            }
            LineKind::Text { text, is_link } => self.text(line, text, *is_link),
            LineKind::PartHeading(title) => {
                self.indents.clear();
                self.stack.truncate(1);
                let node = self.add_node(ROOT, title.clone(), None, true, line.line_no);
                self.stack.push(node);
            }
        }
    }

    /// "New" or "Updated" alone: the badge of the entry just above it, or
    /// of the next one when the line above was not an entry.
    fn badge_line(&mut self, line: &Line, badge: Badge) {
        // After a see-also list lost in copying, the badge may be the
        // chapter's or a lost link's: given to the chapter, and said.
        if self.after_empty_see_also
            && let Some(node) = self.last
            && self.tree.nodes[node].badge == Badge::None
        {
            self.tree.nodes[node].badge = badge;
            let title = self.tree.nodes[node].title.clone();
            self.report.adjusted.push(ReportLine::new(
                line,
                &format!(
                    "a badge after a \"See also\" whose links were lost: given to \"{title}\" \
                     above, but it may have been a lost link's; check it"
                ),
            ));
            return;
        }
        let above = self.last.filter(|&node| {
            self.last_line_was_entry
                && self.tree.nodes[node].badge == Badge::None
                && !self.tree.nodes[node].is_heading
        });
        self.pending_badge = Some((badge, line.line_no, above));
    }

    /// "1.1.1a Title": an unnumbered chapter right after 1.1.1 (the list
    /// slotted it in without renumbering).
    fn lettered(&mut self, line: &Line, after: &SectionNumber, label: &str, title: &str) {
        let sibling = (1..self.tree.nodes.len())
            .rev()
            .find(|&n| self.tree.nodes[n].written_number.as_ref() == Some(after));
        let parent = sibling
            .and_then(|n| self.tree.nodes[n].parent)
            .unwrap_or_else(|| self.open_container());
        let node = self.add_node(parent, title.to_string(), None, false, line.line_no);
        self.tree.nodes[node].is_leaf = true;
        self.report.adjusted.push(ReportLine::new(
            line,
            &format!("{label} has a letter: placed after {after} as an unnumbered chapter"),
        ));
    }

    fn not_understood(&mut self, line: &Line, reason: &str) {
        let text = crate::import::lines::clean_spaces(line.raw.trim());
        match self.last {
            Some(node) => self.tree.nodes[node].notes.push(text),
            None => self.tree.notes.push(text),
        }
        self.report
            .not_understood
            .push(ReportLine::new(line, reason));
    }

    fn parenthetical(&mut self, line: &Line, inner: &str) {
        if let Some(node) = self.see_also_open
            && let Some(item) = self.tree.nodes[node].see_also.last_mut()
            && item.source.is_none()
        {
            item.source = Some(inner.to_string());
            return;
        }
        let Some(node) = self.last else {
            self.not_understood(line, "attribution before any entry");
            return;
        };
        let entry = &mut self.tree.nodes[node];
        if is_applicability(inner) && entry.applies_to.is_none() {
            entry.applies_to = Some(inner.to_string());
        } else if entry.source.is_none() && !entry.is_heading {
            entry.source = Some(inner.to_string());
        } else {
            entry.notes.push(format!("({inner})"));
        }
    }

    fn text(&mut self, line: &Line, text: &str, is_link: bool) {
        if let Some(node) = self.see_also_open
            && (line.is_indented || is_link)
        {
            let (title, source) = split_source(text);
            self.tree.nodes[node]
                .see_also
                .push(RawLink { title, source });
            return;
        }
        self.see_also_open = None;
        let Some(&part) = self.stack.get(1) else {
            // Before the first part: the manual's own title, or preamble text.
            let lower = text.to_lowercase();
            let names_manual = lower.contains("manual") || lower.contains("handbook");
            let better = self.tree.title.as_ref().is_none_or(|current| {
                let current = current.to_lowercase();
                !(current.contains("procedure") && current.contains("manual"))
                    && lower.contains("procedure")
                    && lower.contains("manual")
            });
            if names_manual && better {
                if let Some(old) = self.tree.title.replace(manual_title(text)) {
                    self.tree.notes.push(old);
                }
            } else {
                self.tree.notes.push(text.to_string());
                self.report.not_understood.push(ReportLine::new(
                    line,
                    "text before the first part (kept as a manual note)",
                ));
            }
            return;
        };
        // "Part 2: …" indented under a chapter: a part of that chapter.
        if line.is_indented
            && let Some(node) = self.last
            && !self.tree.nodes[node].is_section()
            && self.tree.nodes[node].numbered
            && is_chapter_part(text)
        {
            self.tree.nodes[node].notes.push(text.to_string());
            self.report.adjusted.push(ReportLine::new(
                line,
                "a part of the chapter above: kept as its note",
            ));
            return;
        }
        if line.indent > 0 {
            // A list item: inside the item above it that is indented less
            // (which so becomes a section), else in the open section.
            while self.indents.last().is_some_and(|&(i, _)| i >= line.indent) {
                self.indents.pop();
            }
            let container = match self.indents.last() {
                Some(&(_, parent)) => {
                    let parent_node = &mut self.tree.nodes[parent];
                    parent_node.is_heading = true;
                    parent_node.is_leaf = false;
                    parent
                }
                None => self.open_container(),
            };
            let (title, badge) = split_badge(text);
            let (title, source) = split_source(&title);
            let node = self.add_node(container, title, None, false, line.line_no);
            if badge != Badge::None {
                self.tree.nodes[node].badge = badge;
            }
            self.tree.nodes[node].source = source;
            self.indents.push((line.indent, node));
        } else if text.chars().count() > MAX_TITLE_CHARS {
            self.not_understood(
                line,
                &format!(
                    "a line of {} characters, too long to be a title: kept as a note",
                    text.chars().count()
                ),
            );
        } else if !looks_like_heading(text) {
            self.not_understood(
                line,
                "a sentence, not a heading or an entry: kept as a note",
            );
        } else {
            self.indents.clear();
            self.stack.truncate(2);
            let node = self.add_node(part, text.to_string(), None, true, line.line_no);
            self.stack.push(node);
        }
    }

    /// The deepest open entry that is a section: where unnumbered entries go.
    fn open_container(&self) -> usize {
        for &node in self.stack.iter().rev() {
            if node == ROOT || self.tree.nodes[node].is_section() {
                return node;
            }
        }
        ROOT
    }

    fn add_node(
        &mut self,
        parent: usize,
        title: String,
        number: Option<SectionNumber>,
        is_heading: bool,
        line_no: usize,
    ) -> usize {
        let index = self.tree.nodes.len();
        self.tree.nodes.push(Node {
            parent: Some(parent),
            title,
            numbered: number.is_some(),
            written_number: number,
            is_heading,
            notes: std::mem::take(&mut self.pending_notes),
            line_no,
            ..Node::default()
        });
        self.tree.nodes[parent].children.push(index);
        self.last = Some(index);
        self.see_also_open = None;
        match self.pending_badge.take() {
            Some((badge, _, Some(above))) if above != parent => {
                self.tree.nodes[above].badge = badge;
            }
            Some((badge, _, _)) => self.tree.nodes[index].badge = badge,
            None => {}
        }
        index
    }

    /// "1.0.1 Referral": a chapter right under part 1, not in a section
    /// "1.0": placed there unnumbered (numbers follow places, and the
    /// part's sections keep theirs), the report says so.
    fn place_under_part(
        &mut self,
        number: &SectionNumber,
        title: String,
        badge: Badge,
        line_no: usize,
    ) {
        let part = number.0[0];
        while self.stack.len() > 1
            && self.tree.nodes[self.stack[1]].written_number.as_ref()
                != Some(&SectionNumber(vec![part]))
        {
            self.stack.pop();
        }
        self.stack.truncate(2);
        if self.stack.len() == 1 {
            let node = self.add_node(
                ROOT,
                String::new(),
                Some(SectionNumber(vec![part])),
                true,
                line_no,
            );
            self.stack.push(node);
        }
        self.indents.clear();
        let node = self.add_node(self.stack[1], title.clone(), None, false, line_no);
        self.tree.nodes[node].is_leaf = true;
        if badge != Badge::None {
            self.tree.nodes[node].badge = badge;
        }
        self.report.adjusted.push(ReportLine {
            line_no,
            text: format!("{number} {title}"),
            reason: format!(
                "numbered {number}: a chapter directly under part {part}, placed there \
                 unnumbered (the part's sections keep their numbers)"
            ),
        });
    }

    fn place_numbered(
        &mut self,
        number: SectionNumber,
        title: String,
        badge: Badge,
        is_heading: bool,
        line_no: usize,
    ) {
        let depth = number.depth();
        if depth == 3 && number.0[1] == 0 && number.0[0] > 0 && number.0[2] > 0 {
            self.place_under_part(&number, title, badge, line_no);
            return;
        }
        self.indents.clear();
        if depth >= 2 && !self.numbers_as_written {
            self.follow_chapters_number(&number, line_no);
        }
        // Close open entries that cannot hold this number.
        while self.stack.len() > 1 {
            let top = self.stack[self.stack.len() - 1];
            let node = &self.tree.nodes[top];
            let holds = match &node.written_number {
                Some(written) => written.depth() < depth && number.0.starts_with(&written.0),
                // An unnumbered heading takes the number of what it holds.
                None => {
                    node.children.iter().all(|&c| !self.tree.nodes[c].numbered) && {
                        let parent_depth = node
                            .parent
                            .and_then(|p| self.tree.nodes[p].written_number.as_ref())
                            .map_or(0, SectionNumber::depth);
                        depth >= parent_depth + 2
                    }
                }
            };
            if holds {
                break;
            }
            self.stack.pop();
        }
        // Open the containers the number implies but the text did not name.
        loop {
            let top = self.stack[self.stack.len() - 1];
            let top_depth = match &self.tree.nodes[top].written_number {
                Some(written) => written.depth(),
                None if top == ROOT => 0,
                None => {
                    let parent_depth = self.tree.nodes[top]
                        .parent
                        .and_then(|p| self.tree.nodes[p].written_number.as_ref())
                        .map_or(0, SectionNumber::depth);
                    let node = &mut self.tree.nodes[top];
                    node.written_number = Some(SectionNumber(number.0[..=parent_depth].to_vec()));
                    node.numbered = true;
                    continue;
                }
            };
            if top_depth + 1 >= depth {
                break;
            }
            let implied = SectionNumber(number.0[..=top_depth].to_vec());
            let node = self.add_node(top, String::new(), Some(implied), true, line_no);
            self.stack.push(node);
        }
        let parent = self.stack[self.stack.len() - 1];
        let node = self.add_node(parent, title, Some(number), is_heading, line_no);
        if badge != Badge::None {
            self.tree.nodes[node].badge = badge;
        }
        self.stack.push(node);
    }

    /// A heading whose written number disagrees with the chapters right
    /// under it ("1.5 Miscellaneous" then "1.4.1 …"): the chapters are
    /// followed, the heading takes their number, and the report says so.
    fn follow_chapters_number(&mut self, number: &SectionNumber, line_no: usize) {
        let Some(&top) = self.stack.last() else {
            return;
        };
        let node = &self.tree.nodes[top];
        let Some(written) = node.written_number.clone() else {
            return;
        };
        let depth = number.depth();
        let parent_number = SectionNumber(number.0[..depth - 1].to_vec());
        let fits_parent = node
            .parent
            .and_then(|p| self.tree.nodes[p].written_number.as_ref())
            .is_none_or(|p| parent_number.0.starts_with(&p.0));
        if top == ROOT
            || !node.children.is_empty()
            || written.depth() + 1 != depth
            || written == parent_number
            || !fits_parent
            || written.0[..depth - 2] != parent_number.0[..depth - 2]
        {
            return;
        }
        self.report.adjusted.push(ReportLine {
            line_no: node.line_no,
            text: format!("{written} {}", node.title),
            reason: format!(
                "the heading says {written} but its chapters (from line {line_no}) say \
                 {parent_number}: their numbers were followed"
            ),
        });
        self.tree.nodes[top].written_number = Some(parent_number);
    }
}

/// "Part 2: Making the Plan", "Part B – …": a part of one chapter.
fn is_chapter_part(text: &str) -> bool {
    let Some(rest) = text.strip_prefix("Part ") else {
        return false;
    };
    let label: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    !label.is_empty()
        && label.len() <= 4
        && rest[label.len()..]
            .trim_start()
            .starts_with([':', '–', '-', '—'])
}

/// The manual's title without a trailing "Contents".
fn manual_title(text: &str) -> String {
    let mut title = text.trim();
    for suffix in [": Contents", " - Contents", " – Contents", " Contents", ":"] {
        if let Some(head) = title.strip_suffix(suffix) {
            title = head.trim_end();
        }
    }
    title.to_string()
}

/// A heading is short and does not end like a sentence ("Kind regards,",
/// "Thank you for your request.").
fn looks_like_heading(text: &str) -> bool {
    let words = text.split_whitespace().count();
    words <= 16 && !text.trim_end().ends_with(['.', ',', '?', '!', ';'])
}
