//! Any bytes as a saved chapter page (HTML or copied text), read and
//! matched against the Stockport sample.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use manual_editor::import::chapters::import_pages;
use manual_editor::model::Manual;

fn manual() -> &'static Manual {
    static MANUAL: OnceLock<Manual> = OnceLock::new();
    MANUAL.get_or_init(|| {
        let text = include_str!("../../sample_manuals/stockport.ron");
        manual_editor::store::format::from_str(text, std::path::Path::new("stockport.ron"))
            .expect("the sample loads")
    })
}

fuzz_target!(|data: &[u8]| {
    let (text, _encoding) = manual_editor::import::decode(data);
    let pages = vec![("page.html".to_string(), text)];
    let (edits, _reports) = import_pages(manual(), &pages, true);
    let mut changed = manual().clone();
    for edit in edits {
        edit.apply(&mut changed).expect("an import's edits apply");
    }
});
