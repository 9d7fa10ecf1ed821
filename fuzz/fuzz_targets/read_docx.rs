//! Any bytes as a Word document (.docx): read into HTML and lines, with
//! and without its tracked changes, as chapter pages, as a whole manual
//! and as a returned consultation copy; or refused with a message. Never a
//! panic, a hang or unbounded memory.
#![no_main]

use libfuzzer_sys::fuzz_target;
use manual_editor::import::docx::{self, Changes};

fuzz_target!(|data: &[u8]| {
    for changes in [Changes::Accepted, Changes::Rejected] {
        let Ok(document) = docx::read(data, changes) else {
            return;
        };
        let _ = docx::html_lines(&document.html);
        let _ = manual_editor::import::word_manual::import_word(
            &document,
            "fuzz",
            "fuzz.files",
            &manual_editor::import::ImportOptions::default(),
        );
        let _ = manual_editor::import::response::chapters_of(&document);
    }
});
