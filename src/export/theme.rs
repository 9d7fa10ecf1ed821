//! The council's look on the published site: its brand colour as a small
//! stylesheet of our own (links and the header's rule), and its own
//! stylesheet (`--theme DIR`: `DIR/theme.css`), added after ours so it can
//! change anything; both are files of the site, so the pages' policy
//! (`style-src 'self'`) still holds.

use std::path::Path;

/// The stylesheet for a brand colour already checked (`#1d4f91`).
pub fn brand_css(colour: &str) -> String {
    format!(
        "/* The council's brand colour, checked for contrast on white. */\n\
         :root {{ --link: {colour}; }}\n\
         .site-header {{ border-bottom-color: {colour}; }}\n\
         .site-title img.logo {{ max-height: 3rem; width: auto; vertical-align: middle; \
         margin-right: 0.5rem; }}\n"
    )
}

/// The largest theme stylesheet read.
const MAX_THEME_BYTES: u64 = 1024 * 1024;

/// The council's stylesheet, `DIR/theme.css`: an ordinary file of at most
/// 1 MB, without `@import` (which would fetch from elsewhere) or
/// `</style` (never a page's markup), or why it is refused.
pub fn stylesheet(dir: &Path) -> Result<String, String> {
    use crate::store::read::{Links, read_regular};
    let file = dir.join("theme.css");
    let bytes = read_regular(&file, MAX_THEME_BYTES, Links::Refuse)
        .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let text =
        String::from_utf8(bytes).map_err(|_| format!("{} is not UTF-8 text", file.display()))?;
    let lower = text.to_lowercase();
    if lower.contains("@import") {
        return Err(format!(
            "{} uses @import, which would load a stylesheet from elsewhere: put its rules in \
             theme.css itself",
            file.display()
        ));
    }
    if lower.contains("url(")
        && (lower.contains("http:") || lower.contains("https:") || lower.contains("//"))
    {
        return Err(format!(
            "{} loads a file from another site (url(…)); the published site uses only its own files",
            file.display()
        ));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_theme_is_read_and_one_that_reaches_elsewhere_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert!(stylesheet(dir.path()).unwrap_err().contains("cannot read"));
        std::fs::write(dir.path().join("theme.css"), "h1 { font-family: serif; }").unwrap();
        assert_eq!(
            stylesheet(dir.path()).unwrap(),
            "h1 { font-family: serif; }"
        );
        std::fs::write(dir.path().join("theme.css"), "@import url(x.css);").unwrap();
        assert!(stylesheet(dir.path()).unwrap_err().contains("@import"));
        std::fs::write(
            dir.path().join("theme.css"),
            "body { background: url(https://tracker.example/x.png); }",
        )
        .unwrap();
        assert!(stylesheet(dir.path()).unwrap_err().contains("another site"));
        assert!(brand_css("#1d4f91").contains("--link: #1d4f91"));
    }
}
