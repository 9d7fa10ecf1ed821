//! The README's examples are true: every RON block it calls an excerpt of
//! a sample is one (its lines appear in the sample in order).

use std::path::Path;

#[test]
fn the_readmes_file_format_excerpts_are_real_excerpts_of_the_samples() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let mut checked = 0;
    let mut rest = readme.as_str();
    while let Some(start) = rest.find("```ron\n") {
        let after = &rest[start + 7..];
        let end = after.find("```").unwrap();
        let block = &after[..end];
        let tail = &after[end..];
        let note = tail.lines().take(4).collect::<Vec<_>>().join(" ");
        if let Some(at) = note.find("excerpt of `sample_manuals/") {
            let name = &note[at + "excerpt of `".len()..];
            let name = &name[..name.find('`').unwrap()];
            let sample = std::fs::read_to_string(root.join(name)).unwrap();
            let mut lines = sample.lines();
            for line in block.lines() {
                assert!(
                    lines.any(|l| l == line),
                    "README line {line:?} is not in {name} (in this order)"
                );
            }
            checked += 1;
        }
        rest = tail;
    }
    assert!(checked >= 2, "the README's excerpts were not found");
}
