//! Any bytes as a pasted or saved contents list: decoded, imported, and
//! the manual made is one the editor can check and write.
#![no_main]

use libfuzzer_sys::fuzz_target;
use manual_editor::import::{ImportOptions, decode, import_text};

fuzz_target!(|data: &[u8]| {
    let (text, _encoding) = decode(data);
    let (manual, report) = import_text(&text, &ImportOptions::default());
    let _ = report.to_string();
    let _ = manual.validate();
    manual_editor::store::format::to_canonical_string(&manual).expect("an import can be written");
});
