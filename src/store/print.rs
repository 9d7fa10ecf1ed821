//! Printing an HTML document to PDF with the Chromium the machine has
//! (`--print-to-pdf`, headless, its own throwaway profile), as packs and
//! the whole manual are printed.

use std::path::Path;

use anyhow::Context;

/// Prints the whole `manual` to `pdf`: the document a pack of every
/// chapter makes (a cover, the contents, each part from a new page, each
/// chapter, "Printed on DATE" on every page), written beside the PDF for
/// the browser and removed after. Returns what it printed, in words.
pub fn print_manual(
    manual: &crate::model::Manual,
    options: &crate::export::ExportOptions,
    pdf: &Path,
) -> anyhow::Result<String> {
    let pack = crate::model::Pack::whole_manual(manual);
    let html = crate::export::render_pack(&pack, manual, options);
    let folder = std::path::absolute(pdf)?
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let page = tempfile::Builder::new()
        .prefix(".manual-print-")
        .suffix(".html")
        .tempfile_in(&folder)
        .with_context(|| format!("cannot write beside {}", pdf.display()))?;
    std::fs::write(page.path(), html.as_bytes())
        .with_context(|| format!("cannot write {}", page.path().display()))?;
    print_to_pdf(page.path(), pdf)?;
    let chapters = pack
        .items
        .iter()
        .filter(|i| matches!(i, crate::model::PackItem::Entry { .. }))
        .count();
    Ok(crate::model::counted(chapters, "chapter", "chapters"))
}

/// Prints an HTML file to PDF with a headless Chromium found on PATH.
pub fn print_to_pdf(html: &Path, pdf: &Path) -> anyhow::Result<()> {
    let browser = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|name| {
            std::process::Command::new(name)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .ok_or_else(|| {
            anyhow::anyhow!(
                "no Chromium was found on PATH (chromium, chromium-browser or google-chrome), so \
                 no PDF was made; the HTML file can be printed to PDF from any browser"
            )
        })?;
    if crate::store::write::is_manual_or_pack(pdf) {
        anyhow::bail!(
            "{} is a manual or pack file; choose another name for the PDF (nothing was written)",
            pdf.display()
        );
    }
    let page = std::path::absolute(html)?;
    let target = std::path::absolute(pdf)?;
    let profile = tempfile::tempdir()?;
    let mut command = std::process::Command::new(browser);
    // Chromium's sandbox refuses to start as root; anywhere else it stays on.
    if is_root() {
        command.arg("--no-sandbox");
    }
    let output = command
        .args([
            "--headless",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", target.display()))
        .arg(file_url(&page))
        .output()
        .with_context(|| format!("cannot run {browser}"))?;
    if !output.status.success() || !target.exists() {
        anyhow::bail!(
            "{browser} could not print {}: {}",
            html.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(())
}

/// Whether this process runs as root (where Chromium needs `--no-sandbox`).
fn is_root() -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
    }
    #[cfg(not(unix))]
    {
        false
    }
}

/// The `file://` URL of an absolute path, each byte that a URL gives a
/// meaning (`#`, `?`, `%`, a space …) percent-encoded.
pub fn file_url(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut url = String::from("file://");
    if !text.starts_with('/') {
        url.push('/');
    }
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~:".contains(&byte) {
            url.push(char::from(byte));
        } else {
            url.push_str(&format!("%{byte:02X}"));
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_url_encodes_what_a_url_would_read() {
        assert_eq!(
            file_url(Path::new("/tmp/a#b c?d%.html")),
            "file:///tmp/a%23b%20c%3Fd%25.html"
        );
        assert_eq!(
            file_url(Path::new("/tmp/pack.html")),
            "file:///tmp/pack.html"
        );
    }
}
