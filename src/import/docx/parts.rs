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

/// Which lists are numbered: (numbering id, level) → numbered or not.
pub(super) fn list_formats(xml: &str) -> HashMap<(String, usize), bool> {
    let mut abstract_levels: HashMap<String, HashMap<usize, bool>> = HashMap::new();
    let mut num_to_abstract: HashMap<String, String> = HashMap::new();
    let (mut abstract_id, mut level, mut num_id) = (None::<String>, 0usize, None::<String>);
    each_tag(xml, |tag| {
        let Some((tag, _)) = tag else {
            return;
        };
        match local(tag.name().as_ref()) {
            b"abstractNum" => abstract_id = attribute(tag, b"abstractNumId"),
            b"lvl" => {
                level = attribute(tag, b"ilvl")
                    .and_then(|l| l.parse().ok())
                    .unwrap_or(0)
            }
            b"numFmt" => {
                if let (Some(id), Some(format)) = (&abstract_id, attribute(tag, b"val")) {
                    abstract_levels
                        .entry(id.clone())
                        .or_default()
                        .insert(level, format != "bullet" && format != "none");
                }
            }
            b"num" => num_id = attribute(tag, b"numId"),
            b"abstractNumId" => {
                if let (Some(num), Some(id)) = (&num_id, attribute(tag, b"val")) {
                    num_to_abstract.insert(num.clone(), id);
                }
            }
            _ => {}
        }
    });
    let mut out = HashMap::new();
    for (num, abstract_id) in num_to_abstract {
        for (level, numbered) in abstract_levels.get(&abstract_id).into_iter().flatten() {
            out.insert((num.clone(), *level), *numbered);
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
