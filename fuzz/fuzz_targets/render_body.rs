//! Any text as a chapter body: rendered to the export's HTML, its file
//! links and search words read, and (split in three at U+0001) merged by
//! lines as three versions of a body.
#![no_main]

use libfuzzer_sys::fuzz_target;
use manual_editor::export::markdown::{EntryTarget, render};
use manual_editor::model::EntryId;

fuzz_target!(|body: &str| {
    let resolve = |id: &EntryId| {
        (id.as_str().len() % 2 == 0).then(|| EntryTarget {
            href: Some(format!("{}.html", id.as_str())),
            label: format!("1.2 {}", id.as_str()),
        })
    };
    let (html, _headings) = render(body, &resolve);
    assert!(!html.contains("<script"), "a body never writes a script");
    for link in manual_editor::model::files::file_links(body) {
        let _ = manual_editor::model::files::name_in_folder(&link.path, "m.files");
    }
    let _ = manual_editor::export::site_search::words(body).count();
    let parts: Vec<&str> = body.splitn(3, '\u{1}').collect();
    if let [base, ours, theirs] = parts[..] {
        let merged = manual_editor::model::merge_text::merge_text(base, ours, theirs);
        if ours == base {
            assert_eq!(merged.as_deref(), Some(theirs), "one side's change is taken");
        }
    }
});
