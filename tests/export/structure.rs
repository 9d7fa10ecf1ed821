//! The exported pages parsed with a real HTML parser: the lists of the
//! contents page nest exactly as the manual does, and each chapter page's
//! section list is (a window of) its section's entries, in order.

use crate::common;
use std::collections::HashMap;

use manual_editor::export::{ExportOptions, HtmlRenderer, SECTION_WINDOW, render_to_memory};
use manual_editor::model::{Entry, Manual};
use scraper::{ElementRef, Html, Selector};

/// An entry of a tree: its anchor id on the contents page and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Node {
    anchor: String,
    href: String,
    children: Vec<Node>,
}

fn expected(entries: &[Entry]) -> Vec<Node> {
    entries
        .iter()
        .map(|e| Node {
            anchor: format!("s-{}", e.id),
            href: if e.is_section() {
                format!("index.html#s-{}", e.id)
            } else {
                format!("chapters/{}.html", e.id)
            },
            children: expected(e.children()),
        })
        .collect()
}

fn select(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

fn child_elements<'a>(element: ElementRef<'a>, tag: &str) -> Vec<ElementRef<'a>> {
    element
        .children()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == tag)
        .collect()
}

/// The entries of an `<ol class="contents">` and, recursively, of the
/// lists inside its items: only direct children count, so an item that
/// sits in the wrong list shows up in the wrong place.
fn list_nodes(list: Option<ElementRef>) -> Vec<Node> {
    let Some(list) = list else {
        return Vec::new();
    };
    assert_eq!(list.value().attr("class"), Some("contents"));
    child_elements(list, "li")
        .into_iter()
        .map(|li| {
            let nested = child_elements(li, "ol");
            assert!(nested.len() <= 1, "one list per item");
            match li.value().attr("id") {
                Some(id) => {
                    assert!(nested.is_empty(), "a chapter holds no list");
                    let link = child_elements(li, "a")[0];
                    Node {
                        anchor: id.to_string(),
                        href: link.value().attr("href").unwrap().to_string(),
                        children: Vec::new(),
                    }
                }
                None => {
                    let heading = li
                        .children()
                        .filter_map(ElementRef::wrap)
                        .find(|e| e.value().name().starts_with('h'))
                        .expect("a section item starts with its heading");
                    let anchor = heading.value().attr("id").unwrap().to_string();
                    Node {
                        href: format!("index.html#{anchor}"),
                        anchor,
                        children: list_nodes(nested.first().copied()),
                    }
                }
            }
        })
        .collect()
}

fn contents_tree(index: &Html) -> Vec<Node> {
    index
        .select(&select("main > section"))
        .map(|section| {
            let anchor = section.value().attr("aria-labelledby").unwrap().to_string();
            let lists = child_elements(section, "ol");
            assert!(lists.len() <= 1, "one list per part");
            Node {
                href: format!("index.html#{anchor}"),
                anchor,
                children: list_nodes(lists.first().copied()),
            }
        })
        .collect()
}

/// The links `css` selects, relative to the site's root.
fn hrefs(page: &Html, css: &str) -> Vec<String> {
    page.select(&select(css))
        .map(|a| {
            let href = a.value().attr("href").unwrap();
            href.trim_start_matches("../").to_string()
        })
        .collect()
}

/// Every chapter's href with the hrefs of its parent's entries.
fn siblings_of(nodes: &[Node], out: &mut HashMap<String, Vec<String>>) {
    for node in nodes {
        let hrefs: Vec<String> = node.children.iter().map(|c| c.href.clone()).collect();
        for child in &node.children {
            if child.children.is_empty() && child.href.starts_with("chapters/") {
                out.insert(child.href.clone(), hrefs.clone());
            }
        }
        siblings_of(&node.children, out);
    }
}

fn check(manual: &Manual) {
    let options = ExportOptions::dated("2026-11-22");
    let files: HashMap<String, String> = render_to_memory(&HtmlRenderer, manual, &options)
        .unwrap()
        .into_iter()
        .map(|f| (f.path, String::from_utf8(f.bytes).unwrap()))
        .collect();
    let index = Html::parse_document(&files["index.html"]);
    let tree = contents_tree(&index);
    assert_eq!(
        tree,
        expected(&manual.entries),
        "the contents page's lists nest as the manual does"
    );

    let mut siblings = HashMap::new();
    siblings_of(&tree, &mut siblings);
    let mut pages = 0;
    for (href, in_section) in &siblings {
        let page = Html::parse_document(&files[href.as_str()]);
        let local = hrefs(&page, "nav[aria-label='In this section'] > ol > li > a");
        let current = hrefs(
            &page,
            "nav[aria-label='In this section'] a[aria-current='page']",
        );
        assert_eq!(current, vec![href.clone()], "{href} marks itself");
        assert_eq!(local.len(), in_section.len().min(SECTION_WINDOW), "{href}");
        let start = in_section
            .iter()
            .position(|h| *h == local[0])
            .unwrap_or_else(|| panic!("{href}: {} is not in its section", local[0]));
        assert_eq!(
            local,
            in_section[start..start + local.len()],
            "{href}: the section list is its section's entries, in order"
        );
        pages += 1;
    }
    assert_eq!(
        pages,
        manual.chapter_count(),
        "every chapter page was checked"
    );
}

#[test]
fn the_contents_of_every_sample_nest_as_the_manual_does() {
    for name in ["stockport.ron", "wandsworth.ron", "wigan.ron"] {
        check(&common::sample_manual(name));
    }
}

#[test]
fn a_generated_three_level_manual_nests_as_it_should() {
    check(&manual_editor::model::synth::manual(300));
}

#[test]
fn a_long_section_lists_a_window_of_it_on_each_chapter_page() {
    let manual = manual_editor::model::synth::one_section_manual(120);
    check(&manual);
}

#[test]
fn the_second_section_is_not_inside_the_first() {
    // The defect this file was written for: 1.2 was a child of 1.1.
    let manual = common::sample_manual("stockport.ron");
    let index = Html::parse_document(
        &render_to_memory(&HtmlRenderer, &manual, &ExportOptions::dated("2026-11-22"))
            .unwrap()
            .into_iter()
            .find(|f| f.path == "index.html")
            .map(|f| String::from_utf8(f.bytes).unwrap())
            .unwrap(),
    );
    let first_part = index.select(&select("main > section")).next().unwrap();
    let top_items = child_elements(child_elements(first_part, "ol")[0], "li");
    let sections = manual.entries[0].children().len();
    assert_eq!(
        top_items.len(),
        sections,
        "part 1's own list holds its sections"
    );
}

/// A link in one chapter's body to another, after that other chapter moved
/// and was renamed: the exported link goes to its page and reads its new
/// number and title, with nothing written in the body changed.
#[test]
fn body_links_follow_a_moved_and_renamed_chapter_in_the_export() {
    use manual_editor::document::Document;
    use manual_editor::edit::Edit;
    use manual_editor::edit::structure::{Direction, move_edits};
    use manual_editor::model::EntryId;

    let mut manual = common::sample_manual("stockport.ron");
    let source = EntryId::new("confidentiality-policy");
    let path = manual.find(&source).unwrap();
    let chapter = manual
        .entry_mut(&path)
        .unwrap()
        .chapter_details_mut()
        .unwrap();
    chapter.body =
        "Carers: see [](entry:young-carers-2), or [this one](entry:young-carers-2).\n".into();
    let body_before = chapter.body.clone();
    let mut doc = Document::new(manual, None);
    let target = EntryId::new("young-carers-2");
    let edits = move_edits(doc.manual(), std::slice::from_ref(&target), Direction::Out).unwrap();
    doc.apply(edits, None, 0.0).unwrap();
    let mut renamed = doc
        .manual()
        .entry(&doc.manual().find(&target).unwrap())
        .unwrap()
        .clone_head();
    renamed.title = "Young Carers and Their Families".into();
    doc.apply(
        vec![Edit::UpdateEntry {
            entry: Box::new(renamed),
        }],
        None,
        1.0,
    )
    .unwrap();
    let label = doc.outline().row(&target).unwrap().label();
    assert!(!label.starts_with("4.8.1"), "{label}");
    let files = render_to_memory(
        &HtmlRenderer,
        doc.manual(),
        &ExportOptions::dated("2026-12-01"),
    )
    .unwrap();
    let page = files
        .iter()
        .find(|f| f.path == "chapters/confidentiality-policy.html")
        .unwrap();
    let html = Html::parse_document(std::str::from_utf8(&page.bytes).unwrap());
    let links: Vec<(String, String)> = html
        .select(&select(".body a, main a"))
        .filter(|a| a.value().attr("href") == Some("../chapters/young-carers-2.html"))
        .map(|a| {
            (
                a.value().attr("href").unwrap().to_string(),
                a.text().collect::<String>(),
            )
        })
        .collect();
    assert!(
        links.contains(&("../chapters/young-carers-2.html".into(), label.clone())),
        "{links:?}"
    );
    assert!(
        links.contains(&("../chapters/young-carers-2.html".into(), "this one".into())),
        "{links:?}"
    );
    let path = doc.manual().find(&source).unwrap();
    let body = &doc
        .manual()
        .entry(&path)
        .unwrap()
        .chapter_details()
        .unwrap()
        .body;
    assert_eq!(body, &body_before);
}
