//! Flowcharts and forms in chapters: the folder beside the manual, `check`
//! on missing and undescribed files, and the export copying exactly what
//! is linked, with pictures measured and big ones shown smaller.

use std::path::{Path, PathBuf};
use std::process::Command;

use manual_editor::model::{Entry, EntryId, Manual};
use manual_editor::store::format;

const BIN: &str = env!("CARGO_BIN_EXE_manual-editor");

fn png(width: u32, height: u32) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    image::RgbaImage::from_pixel(width, height, image::Rgba([20, 80, 160, 255]))
        .write_to(&mut out, image::ImageFormat::Png)
        .unwrap();
    out.into_inner()
}

/// A manual in `dir` with one chapter whose body is `body`, and its
/// folder holding the named files.
fn manual_with(dir: &Path, body: &str, files: &[(&str, Vec<u8>)]) -> PathBuf {
    let mut chapter = Entry::chapter(EntryId::new("s47"), "Section 47 Enquiries");
    chapter.chapter_details_mut().unwrap().body = body.into();
    let mut manual = Manual::new("Northshire Procedures Manual", "Northshire");
    manual.entries = vec![Entry::section(
        EntryId::new("part"),
        "Safeguarding",
        vec![chapter],
    )];
    let path = dir.join("northshire.ron");
    format::save(&manual, &path).unwrap();
    std::fs::create_dir_all(dir.join("northshire.files")).unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.join("northshire.files").join(name), bytes).unwrap();
    }
    path
}

fn run(args: &[&std::ffi::OsStr]) -> (i32, String) {
    let output = Command::new(BIN).args(args).output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ),
    )
}

/// Exports the manual at `path` into `site` beside it, as the CLI does.
fn export(path: &Path) -> PathBuf {
    let site = path.with_file_name("site");
    let (code, out) = run(&[
        "export".as_ref(),
        path.as_os_str(),
        "--out".as_ref(),
        site.as_os_str(),
    ]);
    assert_eq!(code, 0, "{out}");
    site
}

const BODY: &str = "The flowchart:\n\n![Section 47 enquiries flowchart](northshire.files/s47-flowchart.png)\n\n\
                    Use the [Referral form](northshire.files/referral-form.docx) and see \
                    ![Strategy discussion](northshire.files/strategy.png).\n";

#[test]
fn the_export_copies_exactly_the_linked_files_measured_and_big_ones_smaller() {
    let dir = tempfile::tempdir().unwrap();
    let path = manual_with(
        dir.path(),
        BODY,
        &[
            ("s47-flowchart.png", png(3000, 1500)),
            ("strategy.png", png(400, 300)),
            ("referral-form.docx", b"PK form".to_vec()),
            ("old-protocol.pdf", b"%PDF old".to_vec()),
        ],
    );
    let site = export(&path);
    let mut copied: Vec<String> = std::fs::read_dir(site.join("files"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    copied.sort();
    assert_eq!(
        copied,
        [
            "referral-form.docx",
            "s47-flowchart.png",
            "s47-flowchart.png.page.png",
            "strategy.png"
        ]
    );
    let page = std::fs::read_to_string(site.join("chapters/s47.html")).unwrap();
    let html = scraper::Html::parse_document(&page);
    let img = scraper::Selector::parse("img").unwrap();
    let pictures: Vec<_> = html.select(&img).map(|e| e.value().clone()).collect();
    assert_eq!(pictures.len(), 2);
    let big = &pictures[0];
    assert_eq!(big.attr("src"), Some("../files/s47-flowchart.png.page.png"));
    assert_eq!(big.attr("alt"), Some("Section 47 enquiries flowchart"));
    assert_eq!(
        (big.attr("width"), big.attr("height")),
        (Some("1200"), Some("600"))
    );
    let small = &pictures[1];
    assert_eq!(small.attr("src"), Some("../files/strategy.png"));
    assert_eq!(
        (small.attr("width"), small.attr("height")),
        (Some("400"), Some("300"))
    );
    // The smaller copy links the original; the form is linked.
    let links = scraper::Selector::parse("a[href]").unwrap();
    let hrefs: Vec<&str> = html
        .select(&links)
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(hrefs.contains(&"../files/s47-flowchart.png"), "{hrefs:?}");
    assert!(hrefs.contains(&"../files/referral-form.docx"), "{hrefs:?}");
    let copy = image::open(site.join("files/s47-flowchart.png.page.png")).unwrap();
    assert_eq!((copy.width(), copy.height()), (1200, 600));
    // The document index lists the linked form.
    let index = std::fs::read_to_string(site.join("document-index.html")).unwrap();
    assert!(
        index.contains("Referral form"),
        "the form is in the document index"
    );
}

#[test]
fn check_reports_missing_files_and_pictures_without_alt_text_and_lists_unused_ones() {
    let dir = tempfile::tempdir().unwrap();
    let body = "![](northshire.files/chart.png)\n\n[Gone](northshire.files/gone.pdf)\n\n\
                [Out](../secrets.docx)\n";
    let path = manual_with(
        dir.path(),
        body,
        &[("chart.png", png(10, 10)), ("unused.pdf", b"%PDF".to_vec())],
    );
    let (code, out) = run(&["check".as_ref(), path.as_os_str(), "--files".as_ref()]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("warning: 1.1 Section 47 Enquiries: body line 1: the picture"),
        "{out}"
    );
    assert!(
        out.contains(
            "error: 1.1 Section 47 Enquiries: body line 3: links 'northshire.files/gone.pdf'"
        ),
        "{out}"
    );
    assert!(out.contains("climbs out with '..'"), "{out}");
    assert!(out.contains("unused.pdf (no chapter links it)"), "{out}");
}

#[test]
fn damaged_and_hostile_pictures_are_copied_but_never_crash_the_export() {
    let dir = tempfile::tempdir().unwrap();
    let good = png(2500, 100);
    let truncated = good[..good.len() / 3].to_vec();
    let body = "![Cut](northshire.files/cut.png)\n\n![Chart](northshire.files/chart.png)\n";
    let path = manual_with(
        dir.path(),
        body,
        &[("cut.png", truncated), ("chart.png", good)],
    );
    let site = export(&path);
    assert!(site.join("files/cut.png").is_file());
    let page = std::fs::read_to_string(site.join("chapters/s47.html")).unwrap();
    assert!(
        page.contains("../files/chart.png.page.png"),
        "the good big one is shown smaller"
    );
    assert!(
        !page.contains("cut.png.page.png"),
        "no smaller copy of a damaged picture"
    );
}

#[test]
fn a_pack_carries_its_chapters_pictures_inside_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = manual_with(
        dir.path(),
        "![Strategy discussion](northshire.files/strategy.png)\n",
        &[("strategy.png", png(40, 30))],
    );
    let pack = dir.path().join("week-1.pack.ron");
    let (code, out) = run(&[
        "pack".as_ref(),
        "new".as_ref(),
        path.as_os_str(),
        "--title".as_ref(),
        "Week 1".as_ref(),
        "-o".as_ref(),
        pack.as_os_str(),
        "s47".as_ref(),
    ]);
    assert_eq!(code, 0, "{out}");
    let html = dir.path().join("week-1.html");
    let (code, out) = run(&[
        "pack".as_ref(),
        "export".as_ref(),
        pack.as_os_str(),
        "--out".as_ref(),
        html.as_os_str(),
    ]);
    assert_eq!(code, 0, "{out}");
    let text = std::fs::read_to_string(html).unwrap();
    assert!(
        text.contains("src=\"data:image/png;base64,"),
        "the picture is inside"
    );
    assert!(text.contains("img-src &#39;self&#39; data:") || text.contains("img-src 'self' data:"));
    assert!(text.contains("alt=\"Strategy discussion\""));
}

/// The names in the site's `files/` folder, sorted (none when there is no
/// folder).
fn published(site: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(site.join("files"))
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[cfg(unix)]
#[test]
fn a_cloned_folder_s_symlinks_are_errors_and_never_published() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let dir = tempfile::tempdir().unwrap();
    let body = "[Env](northshire.files/env.txt) [Users](northshire.files/passwd.txt) \
                [Key](northshire.files/key.txt) [Zero](northshire.files/zero.txt) \
                [Form](northshire.files/form.docx)\n";
    let path = manual_with(dir.path(), body, &[("form.docx", b"form".to_vec())]);
    let folder = dir.path().join("northshire.files");
    let key = dir.path().join("id_key");
    std::fs::write(&key, "PRIVATE KEY").unwrap();
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).unwrap();
    symlink("/proc/self/environ", folder.join("env.txt")).unwrap();
    symlink("/etc/passwd", folder.join("passwd.txt")).unwrap();
    symlink(&key, folder.join("key.txt")).unwrap();
    symlink("/dev/zero", folder.join("zero.txt")).unwrap();
    let (code, out) = run(&["check".as_ref(), path.as_os_str()]);
    assert_eq!(code, 1, "{out}");
    for name in ["env.txt", "passwd.txt", "key.txt", "zero.txt"] {
        assert!(
            out.lines().any(|l| l.starts_with("error:")
                && l.contains(name)
                && l.contains("symbolic link")),
            "{name}: {out}"
        );
    }
    let site = export(&path);
    assert_eq!(published(&site), ["form.docx"]);
    let page = std::fs::read_to_string(site.join("chapters/s47.html")).unwrap();
    assert!(
        !page.contains("PRIVATE KEY") && !page.contains("root:"),
        "{page}"
    );
}

#[cfg(unix)]
#[test]
fn a_files_folder_that_is_a_symlink_publishes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(elsewhere.path().join("secret.pdf"), "secret").unwrap();
    let path = manual_with(dir.path(), "[S](northshire.files/secret.pdf)\n", &[]);
    std::fs::remove_dir(dir.path().join("northshire.files")).unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), dir.path().join("northshire.files")).unwrap();
    let (code, out) = run(&["check".as_ref(), path.as_os_str()]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("symbolic link"), "{out}");
    assert!(published(&export(&path)).is_empty());
}

#[test]
fn pages_and_drawings_a_browser_would_run_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let body = "[Form](northshire.files/evil.html) ![Chart](northshire.files/flow.svg)\n";
    let path = manual_with(
        dir.path(),
        body,
        &[
            (
                "evil.html",
                b"<script>alert(document.cookie)</script>".to_vec(),
            ),
            ("flow.svg", b"<svg onload=\"alert(1)\"></svg>".to_vec()),
        ],
    );
    let (code, out) = run(&["check".as_ref(), path.as_os_str()]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("evil.html") && out.contains("run script"),
        "{out}"
    );
    assert!(out.contains("flow.svg") && out.contains("PNG"), "{out}");
    assert!(published(&export(&path)).is_empty());
}

#[test]
fn chart_png_and_chart_upper_png_get_their_own_smaller_copies() {
    let dir = tempfile::tempdir().unwrap();
    let body = "![Red](northshire.files/chart.png) ![Blue](northshire.files/chart.PNG)\n";
    let red = {
        let mut out = std::io::Cursor::new(Vec::new());
        image::RgbaImage::from_pixel(2400, 10, image::Rgba([255, 0, 0, 255]))
            .write_to(&mut out, image::ImageFormat::Png)
            .unwrap();
        out.into_inner()
    };
    let path = manual_with(
        dir.path(),
        body,
        &[("chart.png", red), ("chart.PNG", png(2400, 10))],
    );
    let site = export(&path);
    let copies: Vec<String> = published(&site)
        .into_iter()
        .filter(|n| n.contains(".page."))
        .collect();
    assert_eq!(copies.len(), 2, "{copies:?}");
    let red_copy = image::open(site.join("files/chart.png.page.png")).unwrap();
    let blue_copy = image::open(site.join("files/chart.PNG.page.png")).unwrap();
    assert_eq!(red_copy.to_rgba8().get_pixel(0, 0)[0], 255);
    assert_eq!(blue_copy.to_rgba8().get_pixel(0, 0)[2], 160);
}

#[test]
fn re_exporting_keeps_what_the_export_did_not_write_and_refuses_the_manual_inside() {
    let dir = tempfile::tempdir().unwrap();
    let path = manual_with(dir.path(), BODY, &[("strategy.png", png(40, 30))]);
    let site = export(&path);
    std::fs::create_dir_all(site.join(".git")).unwrap();
    std::fs::write(site.join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    std::fs::write(site.join("CNAME"), "procedures.example.org\n").unwrap();
    std::fs::write(site.join("robots.txt"), "User-agent: *\n").unwrap();
    let site = export(&path);
    assert!(site.join(".git/HEAD").is_file());
    assert!(site.join("CNAME").is_file());
    assert!(site.join("robots.txt").is_file());
    assert!(site.join("index.html").is_file());

    // A manual inside the folder it is exported to.
    let publish = dir.path().join("pub");
    std::fs::create_dir(&publish).unwrap();
    let inside = publish.join("m.ron");
    std::fs::copy(&path, &inside).unwrap();
    let before = std::fs::read(&inside).unwrap();
    let (code, out) = run(&[
        "export".as_ref(),
        inside.as_os_str(),
        "--out".as_ref(),
        publish.as_os_str(),
    ]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("inside the output folder"), "{out}");
    assert_eq!(std::fs::read(&inside).unwrap(), before);
}

#[test]
fn a_pack_is_never_exported_over_a_manual() {
    let dir = tempfile::tempdir().unwrap();
    let path = manual_with(dir.path(), BODY, &[]);
    let pack = dir.path().join("week-1.pack.ron");
    let (code, out) = run(&[
        "pack".as_ref(),
        "new".as_ref(),
        path.as_os_str(),
        "--title".as_ref(),
        "Week 1".as_ref(),
        "-o".as_ref(),
        pack.as_os_str(),
        "s47".as_ref(),
    ]);
    assert_eq!(code, 0, "{out}");
    let before = std::fs::read(&path).unwrap();
    let (code, out) = run(&[
        "pack".as_ref(),
        "export".as_ref(),
        pack.as_os_str(),
        "--out".as_ref(),
        path.as_os_str(),
    ]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("manual or pack file"), "{out}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}
