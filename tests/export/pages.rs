//! The HTML export: structure, accessibility conventions, determinism,
//! safety against hostile text, and the refusal to overwrite other folders.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use manual_editor::export::{ExportOptions, HtmlRenderer, MARKER, export_html, render_to_memory};
use manual_editor::model::{Amendment, Entry, EntryId, Manual, SeeAlso, Update};

use crate::common::sample_manual as sample;

fn options() -> ExportOptions {
    ExportOptions::dated("2026-11-22")
}

fn render(manual: &Manual) -> BTreeMap<String, String> {
    render_to_memory(&HtmlRenderer, manual, &options())
        .unwrap()
        .into_iter()
        .map(|f| (f.path, String::from_utf8(f.bytes).unwrap()))
        .collect()
}

fn all_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(all_files(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn the_stockport_export_has_every_page() {
    let manual = sample("stockport.ron");
    let files = render(&manual);
    for page in [
        "index.html",
        "amendments.html",
        "document-index.html",
        "document-index.csv",
        "style.css",
        "chapters/young-carers-2.html",
    ] {
        assert!(files.contains_key(page), "{page} missing");
    }
    assert_eq!(
        files.keys().filter(|k| k.starts_with("chapters/")).count(),
        manual.chapter_count()
    );
    let index = &files["index.html"];
    assert!(index.contains("<a href=\"chapters/young-carers-2.html\">4.8.1 Young Carers</a>"));
    assert!(index.contains("<h2 id=\"s-children-in-particular-circumstances\">4. Children in Particular Circumstances</h2>"));
    assert!(
        index.contains("<li><a href=\"#s-all-children\">1. All Children</a></li>"),
        "quick links to the parts"
    );
    assert!(
        index.contains(
            "Capacity and Consent</a> <strong class=\"tag tag-updated\">Updated</strong>"
        )
    );
    assert!(index.contains("<span class=\"source\">(Stockport Council website)</span>"));
    assert!(index.contains("See also:</span> <a href=\"chapters/north-west-pre-care-and-care-proceedings-notification-and.html\">1.5.5 North West"));
}

#[test]
fn every_page_follows_the_public_sector_conventions() {
    let files = render(&sample("wandsworth.ron"));
    // A bulletin is a page to paste into an email, checked below.
    let site_pages = files
        .iter()
        .filter(|(p, _)| p.ends_with(".html") && !p.starts_with("bulletin-"));
    for (path, text) in site_pages {
        assert!(
            text.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"),
            "{path}"
        );
        let body = text.split("<body>\n").nth(1).unwrap();
        assert!(
            body.starts_with("<a class=\"skip-link\" href=\"#main\">Skip to main content</a>"),
            "{path}"
        );
        assert!(text.contains("<main id=\"main\""), "{path}");
        assert_eq!(text.matches("<h1>").count(), 1, "{path}: one h1");
        assert!(text.contains("Published 22 November 2026"), "{path}");
        assert!(!text.contains("maximum-scale"), "{path}");
        assert!(text.contains("Content-Security-Policy"), "{path}");
        if path.ends_with("search.html") {
            assert_eq!(
                text.matches("<script").count(),
                text.matches("<script src=\"search").count(),
                "only the site's own search scripts"
            );
            assert!(
                text.contains("script-src 'self'") || text.contains("script-src &#39;self&#39;")
            );
        } else {
            assert!(!text.contains("<script"), "{path}");
            assert!(
                !text.contains("script-src"),
                "{path}: no page but search runs scripts"
            );
        }
        assert_eq!(
            text.matches("<nav").count(),
            text.matches("<nav aria-label=\"").count(),
            "{path}: every nav is labelled"
        );
        // A description and an Open Graph title on every page.
        assert!(
            text.contains("<meta name=\"description\" content=\""),
            "{path}"
        );
        assert!(
            text.contains("<meta property=\"og:title\" content=\""),
            "{path}"
        );
    }
    let chapter = &files["chapters/young-carers.html"];
    assert!(chapter.contains("aria-current=\"page\">2.2.8 Young Carers</a>"));
    assert!(chapter.contains("<h1>2.2.8 Young Carers</h1>"));
    assert!(chapter.contains(
        "Looking After Someone Else&#39;s Child (GOV.UK) <span class=\"external\">external</span>"
    ));
    assert!(chapter.contains("rel=\"prev\" href=\"private-fostering.html\""));
    assert!(chapter.contains("rel=\"next\" href=\"relinquished-children.html\""));
}

#[test]
fn the_same_manual_and_date_give_identical_bytes() {
    let manual = sample("stockport.ron");
    assert_eq!(render(&manual), render(&manual));
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    export_html(&manual, &options(), &a, &mut |_, _, _| {}).unwrap();
    export_html(&manual, &options(), &b, &mut |_, _, _| {}).unwrap();
    let files_a = all_files(&a);
    // The chapters, the site's pages and the search index's files.
    let search = files_a
        .iter()
        .filter(|f| f.starts_with(a.join("search")))
        .count();
    assert!(search > 10, "{search} search files");
    assert_eq!(files_a.len(), manual.chapter_count() + 12 + search);
    assert_eq!(all_files(&b).len(), files_a.len());
    for file in files_a {
        let twin = b.join(file.strip_prefix(&a).unwrap());
        assert_eq!(
            fs::read(&file).unwrap(),
            fs::read(&twin).unwrap(),
            "{}",
            file.display()
        );
    }
}

#[test]
fn no_page_carries_the_whole_contents() {
    let manual = manual_editor::model::synth::manual(2_000);
    let files = render(&manual);
    let largest_chapter = files
        .iter()
        .filter(|(p, _)| p.starts_with("chapters/"))
        .map(|(_, t)| t.len())
        .max()
        .unwrap();
    assert!(
        largest_chapter < 12_000,
        "a chapter page is {largest_chapter} bytes"
    );
}

#[test]
fn amendments_are_grouped_by_update_newest_first() {
    let mut manual = sample("wigan.ron");
    manual.updates = vec![
        Update {
            label: "June 2024".into(),
            date: "2024-06".into(),
            published: true,
            ..Default::default()
        },
        Update {
            label: "December 2024".into(),
            date: "2024-12".into(),
            published: false,
            ..Default::default()
        },
    ];
    let mut set = |id: &str, update: &str, text: Option<&str>| {
        let path = manual.find(&EntryId::new(id)).unwrap();
        let chapter = manual
            .entry_mut(&path)
            .unwrap()
            .chapter_details_mut()
            .unwrap();
        match text {
            Some(text) => chapter.amendments.push(Amendment {
                date: "2024-12".into(),
                text: text.into(),
                update: update.into(),
                draft: false,
            }),
            None => chapter.added_in = Some(update.into()),
        }
    };
    set("early-help", "June 2024", Some("Section 3 was added."));
    set(
        "early-help",
        "December 2024",
        Some("Links have been updated."),
    );
    set(
        "assessments",
        "December 2024",
        Some("Refreshed throughout."),
    );
    set("private-fostering", "December 2024", None);
    let files = render(&manual);
    let page = &files["amendments.html"];
    let december = page.find(">December 2024</h2>").unwrap();
    let june = page.find(">June 2024</h2>").unwrap();
    assert!(december < june, "newest first");
    assert!(page.contains("<caption>Updated chapters, December 2024</caption>"));
    assert!(page.contains("<caption>New chapters, December 2024</caption>"));
    assert!(page.contains("<caption>Updated chapters, June 2024</caption>"));
    assert!(page.contains(
        "<a href=\"chapters/early-help.html\">1.2.1 Early Help</a></td><td>Section 3 was added.</td>"
    ));
    assert!(page.contains("Private Fostering</a></td><td>This chapter was added.</td>"));
    assert!(page.contains("This update is being prepared."));
    // The badges follow the open update.
    let index = &files["index.html"];
    assert!(index.contains("Private Fostering</a> <strong class=\"tag tag-new\">New</strong>"));
    assert!(index.contains("Early Help</a> <strong class=\"tag tag-updated\">Updated</strong>"));
    // The chapter page lists its history, newest update first.
    let chapter = &files["chapters/early-help.html"];
    let newer = chapter
        .find("<strong>December 2024</strong>: Links have been updated.")
        .unwrap();
    let older = chapter
        .find("<strong>June 2024</strong>: Section 3 was added.")
        .unwrap();
    assert!(newer < older);
}

/// How many rows the table with `caption` has.
fn table_rows(page: &str, caption: &str) -> usize {
    let start = page.find(caption).unwrap();
    let table = &page[start..start + page[start..].find("</table>").unwrap()];
    table.matches("<tr><td>").count()
}

#[test]
fn the_stockport_amendments_page_lists_every_updated_and_new_chapter() {
    let manual = sample("stockport.ron");
    let page = &render(&manual)["amendments.html"];
    let rows = |caption: &str| table_rows(page, caption);
    assert_eq!(
        rows("<caption>Updated chapters, As published</caption>"),
        12
    );
    assert_eq!(rows("<caption>New chapters, As published</caption>"), 1);
}

#[test]
fn the_other_samples_amendments_pages_list_theirs() {
    let page = render(&sample("wandsworth.ron"))["amendments.html"].clone();
    let rows = |caption: &str| table_rows(&page, caption);
    assert_eq!(
        rows("<caption>Updated chapters, As published</caption>"),
        14
    );
    assert_eq!(rows("<caption>New chapters, As published</caption>"), 2);
    let wigan = &render(&sample("wigan.ron"))["amendments.html"];
    assert!(wigan.contains("No amendments have been recorded."));
}

#[test]
fn the_csv_index_is_rfc_4180_with_every_chapter() {
    let manual = sample("stockport.ron");
    let csv = &render(&manual)["document-index.csv"];
    assert!(csv.starts_with(
        "\u{feff}Number,Title,Category,Status,Version,Latest amendment,Source,Page,Published\r\n"
    ));
    assert_eq!(csv.matches("\r\n").count(), manual.chapter_count() + 1);
    assert!(csv.contains("4.8.1,Young Carers,4. Children in Particular Circumstances > 4.8 Young Carers,,0,,,chapters/young-carers-2.html,2026-11-22\r\n"), "{csv}");
    // A chapter updated in the imported update is at version 1.
    assert!(
        csv.contains(",1. All Children > 1.1 Policy Values and Principles,Updated,1,"),
        "{csv}"
    );
    assert!(
        csv.contains("\"Policy Values and Principles\"")
            || csv.contains("1.1 Policy Values and Principles")
    );
    // A title with a comma is quoted.
    assert!(
        csv.contains(",\"Children’s Services Policies, Values and Principles\","),
        "{csv}"
    );
}

fn hostile_manual() -> Manual {
    let evil = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>";
    let mut chapter = Entry::chapter(EntryId::new("../../escape"), evil);
    chapter.see_also = vec![
        SeeAlso::external(evil, Some("javascript:alert(3)".into()), Some(evil.into())),
        SeeAlso::external("Relative", Some("../../etc/passwd".into()), None),
        SeeAlso::internal(EntryId::new("../../missing")),
    ];
    chapter.notes.push(evil.into());
    let details = chapter.chapter_details_mut().unwrap();
    details.body = format!(
        "# {evil}\n\n{evil}\n\n[click](javascript:alert(4)) [up](../../x)\n\n<iframe src=\"https://evil\"></iframe>"
    );
    details.scope = evil.into();
    details.url = Some("javascript:alert(5)".into());
    details.source = Some(evil.into());
    details.amendments.push(Amendment {
        date: "2024-06".into(),
        text: evil.into(),
        update: evil.into(),
        draft: false,
    });
    let mut manual = Manual::new(evil, evil);
    manual.notes.push(evil.into());
    manual.entries = vec![Entry::section(
        EntryId::new("<b>part</b>"),
        evil,
        vec![chapter],
    )];
    manual
}

#[test]
fn hostile_text_never_becomes_markup_or_a_path_outside_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    export_html(&hostile_manual(), &options(), &out, &mut |_, _, _| {}).unwrap();
    for file in all_files(dir.path()) {
        assert!(
            file.starts_with(&out),
            "{} is outside the export folder",
            file.display()
        );
        if file.extension().is_none_or(|e| e != "html") {
            continue; // CSV and CSS are data: the CSV keeps titles as written.
        }
        let text = fs::read_to_string(&file).unwrap();
        let lower = text.to_lowercase();
        let own_scripts = lower
            .matches("<script src=\"search-index.js\"></script>")
            .count()
            + lower.matches("<script src=\"search.js\"></script>").count();
        assert_eq!(
            lower.matches("<script").count(),
            own_scripts,
            "{}",
            file.display()
        );
        assert!(!lower.contains("<img"), "{}", file.display());
        assert!(!lower.contains("<iframe"), "{}", file.display());
        assert!(!lower.contains("javascript:"), "{}: {text}", file.display());
        assert!(
            !lower.contains("href=\"../../etc") && !lower.contains("href=\"../../x"),
            "{}",
            file.display()
        );
        // Escaped text may read "onerror=" (in an element, or inside a
        // quoted attribute value such as a description), but no tag may
        // carry it as an attribute.
        for tag in lower
            .split('<')
            .skip(1)
            .filter_map(|rest| rest.split('>').next())
        {
            let attributes: String = tag.split('"').step_by(2).collect();
            assert!(
                !attributes.contains("onerror"),
                "{}: <{tag}>",
                file.display()
            );
        }
    }
    assert!(out.join("chapters/escape.html").exists());
    let chapter = fs::read_to_string(out.join("chapters/escape.html")).unwrap();
    assert!(chapter.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

#[test]
fn the_cli_exports_and_refuses_a_folder_of_other_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let bin = env!("CARGO_BIN_EXE_manual-editor");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_manuals/stockport.ron");
    let run_on = |out: &Path, date: &str| {
        Command::new(bin)
            .args([
                "export",
                sample.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
                "--date",
                date,
            ])
            .output()
            .unwrap()
    };
    let run = |out: &Path| run_on(out, "2026-11-22");
    let first = run(&out);
    assert_eq!(
        first.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let said = String::from_utf8_lossy(&first.stdout).into_owned();
    assert!(
        said.contains("exported ") && said.contains(" files to "),
        "{said}"
    );
    assert!(out.join(MARKER).exists());
    // Again over the earlier export: fine.
    assert_eq!(run(&out).status.code(), Some(0));

    let documents = dir.path().join("documents");
    fs::create_dir(&documents).unwrap();
    fs::write(documents.join("letter.docx"), "keep").unwrap();
    let refused = run(&documents);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("not an earlier export"));
    assert_eq!(
        fs::read_to_string(documents.join("letter.docx")).unwrap(),
        "keep"
    );

    let bad_date = run_on(&out, "22/11/2026");
    assert_eq!(bad_date.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_date.stderr).contains("not YYYY-MM-DD"));
}

#[test]
fn a_note_from_before_any_update_is_dated_not_left_with_an_empty_label() {
    let mut manual = sample("stockport.ron");
    let chapter = manual.chapter_mut(&EntryId::new("young-carers-2")).unwrap();
    chapter.amendments = vec![
        Amendment {
            date: "2019-09".into(),
            text: "A link to the carers' centre was added.".into(),
            update: String::new(),
            draft: false,
        },
        Amendment {
            date: String::new(),
            text: "Undated note.".into(),
            update: String::new(),
            draft: false,
        },
    ];
    let page = &render(&manual)["chapters/young-carers-2.html"];
    assert!(
        page.contains(
            "<li><strong>September 2019</strong>: A link to the carers&#39; centre was added.</li>"
        ),
        "{page}"
    );
    assert!(page.contains("<li>Undated note.</li>"), "{page}");
    assert!(!page.contains("<strong></strong>"));
}

#[test]
fn the_amendments_feed_is_a_valid_atom_feed_and_each_update_has_a_bulletin() {
    let manual = sample("stockport.ron");
    let mut with_base = options();
    with_base.base_url = Some("https://procedures.example.gov.uk/children".into());
    let files: BTreeMap<String, String> = render_to_memory(&HtmlRenderer, &manual, &with_base)
        .unwrap()
        .into_iter()
        .map(|f| (f.path, String::from_utf8(f.bytes).unwrap()))
        .collect();
    let feed = feed_rs::parser::parse(files["amendments.atom"].as_bytes()).unwrap();
    assert_eq!(feed.feed_type, feed_rs::model::FeedType::Atom);
    assert_eq!(feed.entries.len(), 1, "one published update with changes");
    let entry = &feed.entries[0];
    assert_eq!(entry.title.as_ref().unwrap().content, "As published");
    let content = entry.content.as_ref().unwrap().body.as_ref().unwrap();
    assert!(
        content.contains(
            "<a href=\"https://procedures.example.gov.uk/children/chapters/capacity-and-consent.html\">"
        ),
        "{content}"
    );
    assert!(
        feed.links
            .iter()
            .any(|l| l.rel.as_deref() == Some("self") && l.href.ends_with("/amendments.atom"))
    );
    // The Amendments page says where the feed is, for readers and browsers.
    let amendments = &files["amendments.html"];
    assert!(amendments.contains(
        "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"amendments.atom\""
    ));
    assert!(
        amendments
            .contains("href=\"bulletin-as-published.html\">As published as an email bulletin")
    );
    // The bulletin: self-contained, to paste into an email.
    let bulletin = &files["bulletin-as-published.html"];
    assert!(!bulletin.contains("<script") && !bulletin.contains("<link"));
    assert!(bulletin.contains("<h1>Amendments: As published</h1>"));
    assert!(
        bulletin.contains(
            "https://procedures.example.gov.uk/children/chapters/capacity-and-consent.html"
        )
    );
    // With a base address: a sitemap of every page, and canonical links.
    let sitemap = &files["sitemap.xml"];
    assert!(sitemap.contains(
        "<loc>https://procedures.example.gov.uk/children/chapters/young-carers-2.html</loc>"
    ));
    assert!(files["chapters/young-carers-2.html"].contains(
        "<link rel=\"canonical\" href=\"https://procedures.example.gov.uk/children/chapters/young-carers-2.html\">"
    ));
    // Without one, no sitemap.
    assert!(!render(&manual).contains_key("sitemap.xml"));
}

#[test]
fn the_council_s_logo_colour_and_stylesheet_are_on_every_page_and_a_light_colour_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let manual_path = dir.path().join("small.ron");
    let mut manual = sample("stockport.ron");
    manual.look.colour = Some("#1d4f91".into());
    manual.look.logo = Some("small.files/logo.png".into());
    manual_editor::store::format::save(&manual, &manual_path).unwrap();
    fs::create_dir(dir.path().join("small.files")).unwrap();
    image::RgbImage::new(120, 40)
        .save(dir.path().join("small.files/logo.png"))
        .unwrap();
    let theme = dir.path().join("theme");
    fs::create_dir(&theme).unwrap();
    fs::write(
        theme.join("theme.css"),
        "h1 { font-family: Georgia, serif; }",
    )
    .unwrap();
    let mut themed = options();
    themed.files = Some(manual_path.clone());
    themed.theme = Some(theme.clone());
    let out = dir.path().join("site");
    export_html(&manual, &themed, &out, &mut |_, _, _| {}).unwrap();
    assert_eq!(
        fs::read_to_string(out.join("theme.css")).unwrap(),
        "h1 { font-family: Georgia, serif; }"
    );
    assert!(
        fs::read_to_string(out.join("brand.css"))
            .unwrap()
            .contains("--link: #1d4f91")
    );
    let chapter = fs::read_to_string(out.join("chapters/young-carers-2.html")).unwrap();
    // Ours, then the colour's, then the council's own: theirs wins.
    let style = chapter.find("href=\"../style.css\"").unwrap();
    let brand = chapter.find("href=\"../brand.css\"").unwrap();
    let own = chapter.find("href=\"../theme.css\"").unwrap();
    assert!(style < brand && brand < own);
    assert!(
        chapter.contains(
            "<img class=\"logo\" src=\"../files/logo.png\" alt=\"\" width=\"120\" height=\"40\">"
        ),
        "{}",
        &chapter[..chapter.find("</header>").unwrap()]
    );
    assert!(out.join("files/logo.png").exists());
    // A colour too light for text on white: refused with its ratio,
    // nothing written.
    manual.look.colour = Some("#ffcc00".into());
    let refused = export_html(
        &manual,
        &themed,
        &dir.path().join("light"),
        &mut |_, _, _| {},
    )
    .unwrap_err()
    .to_string();
    assert!(
        refused.contains("1.5:1") && refused.contains("4.5:1"),
        "{refused}"
    );
    assert!(!dir.path().join("light").exists());
}
