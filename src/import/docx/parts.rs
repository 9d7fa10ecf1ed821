//! The parts of a Word document beside its text: the relationships (where
//! a hyperlink goes, which file a picture is), the numbering (which lists
//! are numbered), the styles (which are headings, which are numbered), the
//! comments and the document's custom properties.

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};

/// A tag's local name (`w:p` → `p`).
pub(super) fn local(name: &[u8]) -> &[u8] {
    name.rsplit(|&b| b == b':').next().unwrap_or(name)
}

/// An attribute's value by its local name.
pub(super) fn attribute(tag: &BytesStart, name: &[u8]) -> Option<String> {
    tag.attributes().flatten().find_map(|a| {
        (local(a.key.as_ref()) == name).then(|| String::from_utf8_lossy(&a.value).into_owned())
    })
}

/// Each start (or empty) tag of `xml`, in order, with whether it is empty;
/// and each end tag as `None`.
fn each_tag(xml: &str, mut on: impl FnMut(Option<(&BytesStart, bool)>)) {
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(Event::Start(tag)) => on(Some((&tag, false))),
            Ok(Event::Empty(tag)) => on(Some((&tag, true))),
            Ok(Event::End(_)) => on(None),
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
}

/// A relationship's target, and whether it is outside the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Target {
    pub address: String,
    pub external: bool,
}

/// Relationships: id → target.
pub(super) fn relationships(xml: &str) -> HashMap<String, Target> {
    let mut out = HashMap::new();
    each_tag(xml, |tag| {
        if let Some((tag, _)) = tag
            && local(tag.name().as_ref()) == b"Relationship"
            && let (Some(id), Some(address)) = (attribute(tag, b"Id"), attribute(tag, b"Target"))
        {
            let external = attribute(tag, b"TargetMode").is_some_and(|m| m == "External");
            out.insert(id, Target { address, external });
        }
    });
    out
}

/// One level of a Word list (a numbering id): numbered or bulleted, the
/// number its first item has (Word's "Start at", 1 unless set), the list
/// definition it counts in, and whether it starts that count again.
///
/// Word counts by definition (`abstractNum`), not by numbering id: items
/// of two numbering ids of one definition number on from each other,
/// unless a numbering id overrides the level's start, which starts the
/// count again where it is first used (how LibreOffice and this program
/// write a list that starts again).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ListLevel {
    pub numbered: bool,
    pub start: u32,
    /// The definition (`abstractNumId`) whose count the level shares.
    pub counts_in: String,
    /// The numbering id sets the level's start: the count starts again.
    pub restarts: bool,
}

impl Default for ListLevel {
    fn default() -> Self {
        ListLevel {
            numbered: false,
            start: 1,
            counts_in: String::new(),
            restarts: false,
        }
    }
}

/// The lists' levels: (numbering id, level) → how it is numbered. A list
/// takes its levels from its abstract definition, and may start a level
/// at another number of its own (`startOverride`).
pub(super) fn list_formats(xml: &str) -> HashMap<(String, usize), ListLevel> {
    let mut abstract_levels: HashMap<String, HashMap<usize, ListLevel>> = HashMap::new();
    let mut num_to_abstract: HashMap<String, String> = HashMap::new();
    let mut overrides: HashMap<(String, usize), u32> = HashMap::new();
    let (mut abstract_id, mut level, mut num_id) = (None::<String>, 0usize, None::<String>);
    let number = |tag: &BytesStart| -> Option<u32> {
        attribute(tag, b"val")
            .and_then(|v| v.parse().ok())
            // Beyond any real list; keeps "start + count" from overflowing.
            .map(|n: u32| n.min(1_000_000))
    };
    each_tag(xml, |tag| {
        let Some((tag, _)) = tag else {
            return;
        };
        match local(tag.name().as_ref()) {
            b"abstractNum" => {
                abstract_id = attribute(tag, b"abstractNumId");
                num_id = None;
            }
            b"lvl" | b"lvlOverride" => {
                level = attribute(tag, b"ilvl")
                    .and_then(|l| l.parse().ok())
                    .unwrap_or(0)
            }
            b"numFmt" | b"start" => {
                if num_id.is_some() {
                    return;
                }
                if let Some(id) = &abstract_id {
                    let entry = abstract_levels
                        .entry(id.clone())
                        .or_default()
                        .entry(level)
                        .or_default();
                    if local(tag.name().as_ref()) == b"start" {
                        entry.start = number(tag).unwrap_or(1);
                    } else if let Some(format) = attribute(tag, b"val") {
                        entry.numbered = format != "bullet" && format != "none";
                    }
                }
            }
            b"num" => {
                num_id = attribute(tag, b"numId");
                abstract_id = None;
            }
            b"abstractNumId" => {
                if let (Some(num), Some(id)) = (&num_id, attribute(tag, b"val")) {
                    num_to_abstract.insert(num.clone(), id);
                }
            }
            b"startOverride" => {
                if let (Some(num), Some(start)) = (&num_id, number(tag)) {
                    overrides.insert((num.clone(), level), start);
                }
            }
            _ => {}
        }
    });
    let mut out = HashMap::new();
    for (num, abstract_id) in num_to_abstract {
        for (level, format) in abstract_levels.get(&abstract_id).into_iter().flatten() {
            let mut format = format.clone();
            format.counts_in.clone_from(&abstract_id);
            if let Some(&start) = overrides.get(&(num.clone(), *level)) {
                format.start = start;
                format.restarts = true;
            }
            out.insert((num.clone(), *level), format);
        }
    }
    out
}

/// What a paragraph style says: a heading level (from its name, "heading
/// 2", or "Title"), and a numbering the style brings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct ParagraphStyle {
    pub heading: Option<u8>,
    pub numbering: Option<String>,
    /// The style it is based on (its heading level and numbering are
    /// this one's unless it says otherwise).
    based_on: Option<String>,
}

/// The heading level a style's name or id says: "Title" and "heading 1"
/// are 1, "Heading2" 2.
pub(super) fn heading_level(name: &str) -> Option<u8> {
    let name = name.to_lowercase();
    if name == "title" {
        return Some(1);
    }
    name.strip_prefix("heading")
        .and_then(|n| n.trim().parse::<u8>().ok())
        .filter(|n| (1..=9).contains(n))
}

/// Paragraph styles by id.
pub(super) fn styles(xml: &str) -> HashMap<String, ParagraphStyle> {
    let mut out: HashMap<String, ParagraphStyle> = HashMap::new();
    let mut current: Option<String> = None;
    each_tag(xml, |tag| {
        let Some((tag, _)) = tag else {
            return;
        };
        match local(tag.name().as_ref()) {
            b"style" => {
                current = attribute(tag, b"styleId");
                if let Some(id) = &current {
                    out.entry(id.clone()).or_default().heading = heading_level(id);
                }
            }
            b"name" => {
                if let (Some(id), Some(name)) = (&current, attribute(tag, b"val"))
                    && let Some(level) = heading_level(&name)
                {
                    out.entry(id.clone()).or_default().heading = Some(level);
                }
            }
            b"basedOn" => {
                if let (Some(id), Some(base)) = (&current, attribute(tag, b"val")) {
                    out.entry(id.clone()).or_default().based_on = Some(base);
                }
            }
            b"numId" => {
                if let (Some(id), Some(num)) = (&current, attribute(tag, b"val"))
                    && num != "0"
                {
                    out.entry(id.clone()).or_default().numbering = Some(num);
                }
            }
            _ => {}
        }
    });
    // What a style inherits, followed a few steps (a loop of styles
    // basing on each other ends there).
    let inherited: Vec<(String, ParagraphStyle)> = out
        .iter()
        .map(|(id, style)| {
            let mut resolved = style.clone();
            let mut base = style.based_on.clone();
            for _ in 0..8 {
                let Some(next) = base.and_then(|b| out.get(&b)) else {
                    break;
                };
                resolved.heading = resolved.heading.or(next.heading);
                resolved.numbering = resolved.numbering.or_else(|| next.numbering.clone());
                base = next.based_on.clone();
            }
            (id.clone(), resolved)
        })
        .collect();
    inherited.into_iter().collect()
}

/// A reviewer's comment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Comment {
    pub author: String,
    pub date: String,
    pub text: String,
}

/// Comments by id.
pub(super) fn comments(xml: &str) -> HashMap<String, Comment> {
    let mut out = HashMap::new();
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut current: Option<(String, Comment)> = None;
    let mut in_text = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(tag)) => match local(tag.name().as_ref()) {
                b"comment" => {
                    let comment = Comment {
                        author: attribute(&tag, b"author").unwrap_or_default(),
                        date: attribute(&tag, b"date").unwrap_or_default(),
                        text: String::new(),
                    };
                    current = attribute(&tag, b"id").map(|id| (id, comment));
                }
                b"t" => in_text = true,
                b"p" => {
                    if let Some((_, comment)) = &mut current
                        && !comment.text.is_empty()
                    {
                        comment.text.push('\n');
                    }
                }
                _ => {}
            },
            Ok(Event::End(tag)) => match local(tag.name().as_ref()) {
                b"t" => in_text = false,
                b"comment" => {
                    if let Some((id, mut comment)) = current.take() {
                        comment.text = comment.text.trim().to_string();
                        out.insert(id, comment);
                    }
                }
                _ => {}
            },
            Ok(Event::Text(text)) if in_text => {
                if let Some((_, comment)) = &mut current {
                    comment.text.push_str(&super::reader::decoded(&text));
                }
            }
            Ok(Event::GeneralRef(entity)) if in_text => {
                if let Some((_, comment)) = &mut current {
                    comment.text.push_str(super::reader::entity(&entity));
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// The document's custom properties: name → text.
pub(super) fn custom_properties(xml: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut name: Option<String> = None;
    let mut value = String::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(tag)) if local(tag.name().as_ref()) == b"property" => {
                name = attribute(&tag, b"name");
                value.clear();
            }
            Ok(Event::Text(text)) if name.is_some() => {
                value.push_str(&super::reader::decoded(&text));
            }
            Ok(Event::End(tag)) if local(tag.name().as_ref()) == b"property" => {
                if let Some(name) = name.take() {
                    out.insert(name, value.trim().to_string());
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}
