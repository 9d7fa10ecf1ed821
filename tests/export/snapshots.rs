//! Snapshots of what the export writes for a small manual (two parts,
//! three chapters: a body with a link by id and a list, see-also inside and
//! outside the manual, a chapter that is only a link, a new chapter and an
//! updated one). A change to a page shows as a diff of its text in review;
//! accept an intended one with `INSTA_UPDATE=always cargo test` (or
//! `cargo insta review`) and read the `.snap` diff like code.

use std::collections::BTreeMap;
use std::path::Path;

use manual_editor::export::{ExportOptions, HtmlRenderer, render_pack, render_to_memory};
use manual_editor::model::{EntryId, Manual, Pack, PackItem};
use manual_editor::store::format;

fn small() -> Manual {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/snapshots/small.ron");
    format::load(&path).unwrap()
}

fn options() -> ExportOptions {
    ExportOptions {
        date: "2026-12-01".into(),
        base_url: Some("https://procedures.example.org/small/".into()),
        files: None,
        draft: false,
        changes: None,
        archive: None,
        theme: None,
    }
}

fn site() -> BTreeMap<String, String> {
    render_to_memory(&HtmlRenderer, &small(), &options())
        .unwrap()
        .into_iter()
        .map(|f| (f.path, String::from_utf8(f.bytes).unwrap()))
        .collect()
}

#[test]
fn the_site_has_these_pages() {
    let pages: Vec<String> = site().into_keys().collect();
    insta::assert_snapshot!("site_pages", pages.join("\n"));
}

#[test]
fn contents_page() {
    insta::assert_snapshot!("contents_page", site()["index.html"]);
}

#[test]
fn chapter_page_with_body_links_and_amendment() {
    insta::assert_snapshot!("chapter_page", site()["chapters/young-carers.html"]);
}

#[test]
fn amendments_page() {
    insta::assert_snapshot!("amendments_page", site()["amendments.html"]);
}

#[test]
fn document_index_as_html_and_csv() {
    let site = site();
    insta::assert_snapshot!("document_index_html", site["document-index.html"]);
    insta::assert_snapshot!("document_index_csv", site["document-index.csv"]);
}

#[test]
fn induction_pack() {
    let manual = small();
    let mut pack = Pack::new("Week 1", "small.ron", &manual.title);
    pack.audience = "New social workers".into();
    pack.items.push(PackItem::Heading {
        text: "Day 1".into(),
    });
    pack.insert(&manual, 1, &[EntryId::new("young-carers")]);
    pack.insert(&manual, 2, &[EntryId::new("looked-after-children")]);
    if let Some(PackItem::Entry { note, .. }) = pack.items.get_mut(1) {
        *note = "Read before your first visit.".into();
    }
    insta::assert_snapshot!("pack", render_pack(&pack, &manual, &options()));
}
