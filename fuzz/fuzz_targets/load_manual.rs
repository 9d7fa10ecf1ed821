//! Any bytes as a manual file: refused in words or loaded; a manual that
//! loads is written canonically and reads back the same.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use manual_editor::store::format;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(manual) = format::from_str(text, Path::new("fuzz.ron")) else {
        return;
    };
    let _ = manual.validate();
    let written = format::to_canonical_string(&manual).expect("a loaded manual can be written");
    let again = format::from_str(&written, Path::new("written.ron"))
        .expect("a written manual loads");
    assert_eq!(again, manual, "the canonical file reads back the same");
});
