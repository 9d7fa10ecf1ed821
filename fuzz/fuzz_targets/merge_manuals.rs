//! Any bytes as three versions of a manual (base, ours, theirs, split at
//! the first two NUL bytes), merged as git's driver does: never a panic,
//! and a result the saver accepts always loads again.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use manual_editor::model::merge::merge;
use manual_editor::store::format;

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(3, |&b| b == 0);
    let (Some(base), Some(ours), Some(theirs)) = (parts.next(), parts.next(), parts.next()) else {
        return;
    };
    let read = |bytes: &[u8]| {
        let text = std::str::from_utf8(bytes).ok()?;
        format::from_str(text, Path::new("m.ron")).ok()
    };
    let (Some(base), Some(ours), Some(theirs)) = (read(base), read(ours), read(theirs)) else {
        return;
    };
    let Ok(merged) = merge(&base, &ours, &theirs) else {
        return;
    };
    let Ok(text) = format::to_canonical_string(&merged) else {
        return;
    };
    let path = Path::new("m.ron");
    if format::check_depth(&merged, path).is_ok() && format::check_size(&text, path).is_ok() {
        format::from_str(&text, path).expect("a merge the saver accepts loads again");
    }
});
