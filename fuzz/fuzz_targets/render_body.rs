//! Any text as a chapter body, rendered to the export's HTML.
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
});
