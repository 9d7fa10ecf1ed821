//! Any bytes as a lock file beside a manual (a cloned folder may carry
//! anything under that name): read as a holder or refused, never a panic,
//! and a holder read is one the window can describe.
#![no_main]

use libfuzzer_sys::fuzz_target;
use manual_editor::store::lock::parse_holder;

fuzz_target!(|data: &[u8]| {
    if let Some(holder) = parse_holder(data) {
        let said = holder.describe();
        assert!(!said.chars().any(char::is_control), "{said:?}");
        let _ = holder.is_stale();
    }
});
