//! Any bytes as a Word document (.docx): read into HTML and lines, or
//! refused with a message; never a panic, a hang or unbounded memory.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(html) = manual_editor::import::docx::to_html(data) {
        let _ = manual_editor::import::docx::html_lines(&html);
    }
});
