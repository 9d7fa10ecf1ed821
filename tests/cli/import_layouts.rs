//! The importer on contents lists laid out as councils really publish them
//! (fixtures written in each shape, not copied): the hosted layout with
//! glued numbers and dates, glued badges, badges on their own lines, a
//! heading whose number disagrees with its chapters, other numbering
//! schemes, chapters' parts, unnumbered lists, encodings, and input that is
//! no contents list at all.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use manual_editor::import::{ImportOptions, ImportReport, decode, import_text};
use manual_editor::model::{Badge, Entry, Manual};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn import(name: &str) -> (Manual, ImportReport) {
    let bytes = std::fs::read(fixture(name)).unwrap();
    let (text, _) = decode(&bytes);
    import_text(&text, &ImportOptions::default())
}

/// Every entry by its derived number ("1.1.1") or, unnumbered, its title.
fn entries(manual: &Manual) -> HashMap<String, Entry> {
    let mut out = HashMap::new();
    manual.walk(|_, entry, number| {
        let key = number.map_or_else(|| entry.title.clone(), ToString::to_string);
        out.insert(key, entry.clone());
    });
    out
}

fn titles(manual: &Manual) -> Vec<String> {
    let mut out = Vec::new();
    manual.walk(|_, entry, number| {
        out.push(crate_label(number, &entry.title, entry.is_section()));
    });
    out
}

fn crate_label(
    number: Option<&manual_editor::model::SectionNumber>,
    title: &str,
    section: bool,
) -> String {
    let kind = if section { "§" } else { "·" };
    match number {
        Some(n) => format!("{kind} {n} {title}"),
        None => format!("{kind} {title}"),
    }
}

fn badge(manual: &Manual, number: &str) -> Badge {
    manual.badge_of(&entries(manual)[number])
}

fn reasons(report: &ImportReport) -> Vec<String> {
    report
        .not_understood
        .iter()
        .map(|l| format!("{}: {}", l.line_no, l.text))
        .collect()
}

#[test]
fn the_hosted_layout_reads_glued_numbers_and_dates_and_drops_its_furniture() {
    let (manual, report) = import("hosted-layout.txt");
    assert_eq!(
        manual.title,
        "Northshire Children's Services Procedures Manual"
    );
    assert_eq!(report.chapters, 5, "{}", titles(&manual).join("\n"));
    assert_eq!(report.parts, 2);
    assert!(report.not_understood.is_empty(), "{:?}", reasons(&report));
    let all = entries(&manual);
    assert_eq!(
        all["1.1.1"].title,
        "Children's Services Policies, Values and Principles"
    );
    let amendments = &all["1.1.1"].chapter_details().unwrap().amendments;
    assert_eq!(amendments.len(), 1);
    assert_eq!(amendments[0].date, "2024-07-12");
    assert_eq!(all["2.1.2"].title, "Delegated Authority");
    // Footers, cookie banner, menu and navigation buttons: all skipped.
    assert_eq!(report.skipped.len(), 11, "{:?}", report.skipped);
    assert!(manual.validate().iter().all(|w| !w.is_serious()));
}

#[test]
fn badges_and_dates_glued_to_titles_are_split_off() {
    let (manual, report) = import("glued-badges.txt");
    assert!(report.not_understood.is_empty(), "{:?}", reasons(&report));
    let all = entries(&manual);
    assert_eq!(all["1.1.1"].title, "Early Help");
    assert_eq!(all["1.1.2"].title, "Team Around the Family");
    assert_eq!(badge(&manual, "1.1.2"), Badge::New);
    assert_eq!(all["1.2.1"].title, "Making Referrals Flowchart");
    // A dated badge belongs to its month's update, not the undated ones'.
    assert_eq!(badge(&manual, "1.2.1"), Badge::None);
    assert_eq!(
        all["1.2.1"].chapter_details().unwrap().amendments[0].update,
        "February 2017"
    );
    assert_eq!(all["1.2.2"].title, "Thresholds Strategy");
    let dates: Vec<_> = ["1.2.1", "1.2.2"]
        .iter()
        .map(|n| {
            all[*n].chapter_details().unwrap().amendments[0]
                .date
                .clone()
        })
        .collect();
    assert_eq!(dates, ["2017-02", "2016-09"]);
}

#[test]
fn badges_on_their_own_lines_join_their_chapter_and_never_make_a_section() {
    let (manual, report) = import("badge-lines.txt");
    let list = titles(&manual);
    assert!(
        list.iter()
            .all(|t| !t.ends_with(" New") && !t.ends_with(" Updated")),
        "{list:?}"
    );
    assert_eq!(report.chapters, 6, "{list:?}");
    assert_eq!(badge(&manual, "1.1.1"), Badge::New);
    assert_eq!(badge(&manual, "1.1.2"), Badge::Updated);
    assert_eq!(badge(&manual, "1.1.3"), Badge::None);
    // A badge above its chapter (after a heading) goes down to it.
    assert_eq!(badge(&manual, "1.2.1"), Badge::New);
    // The bare "See also:" is reported, not silently attached.
    assert_eq!(reasons(&report), vec!["9: See also:"]);
    assert!(report.number_mismatches.is_empty());
}

#[test]
fn a_heading_numbered_apart_from_its_chapters_follows_them() {
    let (manual, report) = import("heading-mismatch.txt");
    let list = titles(&manual);
    assert!(
        list.contains(&"§ 1.3 Miscellaneous".to_string()),
        "{list:?}"
    );
    assert!(
        list.contains(&"· 1.3.1 Travel Expenses".to_string()),
        "{list:?}"
    );
    assert!(
        list.iter()
            .all(|t| t.trim_end() != "§ 1.4" && !t.ends_with("§"))
    );
    assert!(report.empty_titles.is_empty(), "{:?}", report.empty_titles);
    assert_eq!(report.adjusted.len(), 1, "{:?}", report.adjusted);
    assert!(report.adjusted[0].reason.contains("says 1.5"));
    assert!(
        report.number_mismatches.is_empty(),
        "{:?}",
        report.number_mismatches
    );
}

#[test]
fn other_numbering_schemes_are_followed_or_reported_never_empty_sections() {
    let (manual, report) = import("other-numbering.txt");
    let list = titles(&manual);
    assert!(
        list.contains(&"§ 1 Becoming a Foster Carer".to_string()),
        "{list:?}"
    );
    assert!(list.contains(&"· 1.2 Assessment".to_string()), "{list:?}");
    assert!(list.contains(&"· 2.1 Supervision".to_string()), "{list:?}");
    assert!(
        list.contains(&"· Supervision Visits".to_string()),
        "{list:?}"
    );
    assert!(
        list.contains(&"· 2.2 Allowances and Expenses".to_string()),
        "{list:?}"
    );
    // The schemes it does not follow: reported, and kept as chapters.
    let odd = reasons(&report);
    assert_eq!(
        odd,
        vec![
            "9: 1121.21 Family Team Meeting",
            "10: 1.1.1000 Contacts",
            "11: Chapter 3 – Court"
        ]
    );
    assert!(
        list.contains(&"· 1121.21 Family Team Meeting".to_string()),
        "{list:?}"
    );
    manual.walk(|_, entry, _| {
        assert!(
            !entry.is_section() || !entry.children().is_empty(),
            "empty section {}",
            entry.title
        );
    });
    assert_eq!(report.adjusted.len(), 1);
}

#[test]
fn a_chapters_parts_stay_with_it_and_a_note_is_a_note() {
    let (manual, report) = import("chapter-parts.txt");
    assert_eq!(report.chapters, 2, "{}", titles(&manual).join("\n"));
    let all = entries(&manual);
    assert_eq!(
        all["1.1.1"].notes,
        vec!["Part 1: Making the Plan", "Part 2: Reviewing the Plan"]
    );
    let plans = all["1.1.2"].chapter_details().unwrap();
    assert_eq!(plans.source, None);
    assert_eq!(
        all["1.1.2"].notes,
        vec!["NOTE: this chapter is being revised"]
    );
}

#[test]
fn unnumbered_lists_nest_by_indentation() {
    let (manual, report) = import("unnumbered-lists.txt");
    let list = titles(&manual);
    assert_eq!(
        list,
        vec![
            "§ 1 The Handbook",
            "§ Becoming a Carer",
            "· Assessment of Carers",
            "§ Approval",
            "· Fostering Panel",
            "· Annual Review",
            "§ Allowances",
            "· Weekly Allowance",
        ],
        "{report}"
    );
}

#[test]
fn byte_order_marks_utf16_and_windows_1252_are_read() {
    for name in ["utf8-bom.txt", "utf16-bom.txt", "windows-1252.txt"] {
        let (manual, report) = import(name);
        assert_eq!(manual.entries.len(), 1, "{name}: {report}");
        assert_eq!(manual.entries[0].title, "All Children", "{name}");
        assert!(manual.notes.is_empty(), "{name}: {:?}", manual.notes);
        assert_eq!(report.chapters, 1, "{name}");
    }
    let (manual, _) = import("utf16-bom.txt");
    assert_eq!(entries(&manual)["1.1.1"].title, "Children’s Rights");
    let (manual, _) = import("windows-1252.txt");
    assert_eq!(
        entries(&manual)["1.1.1"].title,
        "Children’s Rights – a Guide"
    );
}

#[test]
fn no_contents_list_exits_2_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["empty.txt", "furniture-only.txt", "mostly-prose.txt"] {
        let out = dir.path().join(format!("{name}.ron"));
        let result = Command::new(env!("CARGO_BIN_EXE_manual-editor"))
            .args(["import", fixture(name).to_str().unwrap(), "-o"])
            .arg(&out)
            .output()
            .unwrap();
        assert_eq!(result.status.code(), Some(2), "{name}");
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert!(stderr.contains("nothing was written"), "{name}: {stderr}");
        assert!(!out.exists(), "{name}");
    }
    // And check warns about a manual with no chapters.
    let empty = dir.path().join("empty.ron");
    manual_editor::store::format::save(&Manual::new("Empty", ""), &empty).unwrap();
    let result = Command::new(env!("CARGO_BIN_EXE_manual-editor"))
        .args(["check", empty.to_str().unwrap()])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&result.stdout);
    assert!(stdout.contains("the manual has no chapters"), "{stdout}");
}

#[test]
fn an_amendments_page_is_recorded_in_its_update_and_unmatched_rows_named() {
    let dir = tempfile::tempdir().unwrap();
    let manual_path = dir.path().join("stockport.ron");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_manuals/stockport.ron"),
        &manual_path,
    )
    .unwrap();
    let run = |page: &Path| {
        Command::new(env!("CARGO_BIN_EXE_manual-editor"))
            .args(["import-amendments", manual_path.to_str().unwrap()])
            .arg(page)
            .output()
            .unwrap()
    };
    let result = run(&fixture("amendments-page.txt"));
    let stdout = String::from_utf8_lossy(&result.stdout);
    assert_eq!(result.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("line 8: A Chapter Long Gone"), "{stdout}");
    let manual = manual_editor::store::format::load(&manual_path).unwrap();
    assert!(manual.updates.iter().any(|u| u.label == "April 2024"));
    let all = entries(&manual);
    let confidentiality = all["1.1.2"].chapter_details().unwrap();
    assert_eq!(
        confidentiality.amendments[0].text,
        "Links have been updated."
    );
    assert_eq!(confidentiality.amendments[0].date, "2024-04");
    let carers = all["4.8.1"].chapter_details().unwrap();
    assert_eq!(carers.added_in.as_deref(), Some("April 2024"));
    // A page without an update heading changes nothing.
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, "Updated chapters\nConfidentiality Policy\tX\n").unwrap();
    let before = std::fs::read(&manual_path).unwrap();
    assert_eq!(run(&bad).status.code(), Some(2));
    assert_eq!(std::fs::read(&manual_path).unwrap(), before);
}

/// Found by fuzzing (`import_contents`): a quick link numbered 0 ("0.
/// Fostering, Adoption and Permanence" in an otherwise real contents list)
/// panicked with a subtraction overflow. It is reported instead.
#[test]
fn a_quick_link_numbered_zero_is_reported_not_a_crash() {
    let (_, report) = import("../fuzz/import-contents-quick-link-zero.txt");
    assert!(
        report
            .quick_link_mismatches
            .iter()
            .any(|m| m.starts_with("0. Fostering")),
        "{:?}",
        report.quick_link_mismatches
    );
    let text =
        "Quick Links:\n  0. Early Help\n\n1. Early Help\n\n1.1 Thresholds\n\n1.1.1 Referrals\n";
    let (manual, report) = manual_editor::import::import_text(text, &Default::default());
    assert_eq!(manual.entries.len(), 1);
    assert_eq!(report.quick_link_mismatches.len(), 1);
}

#[test]
fn an_amendments_page_given_to_import_is_refused_naming_import_amendments() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("m.ron");
    let result = Command::new(env!("CARGO_BIN_EXE_manual-editor"))
        .arg("import")
        .arg(fixture("amendments-page.txt"))
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(result.status.code(), Some(2));
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&result.stdout),
        String::from_utf8_lossy(&result.stderr)
    );
    assert!(said.contains("import-amendments"), "{said}");
    assert!(!out.exists());
}

#[test]
fn the_badges_update_is_named_by_the_lists_date_or_reported() {
    let list = "Northshire Children's Services Procedures Manual\n\
                Last updated: 12 March 2024\n\
                1. Safeguarding\n\
                1.1 Referrals\n\
                1.1.1 Making a Referral\nNew\n\
                1.1.2 Strategy Discussions\n";
    let (manual, report) = import_text(list, &ImportOptions::default());
    let labels: Vec<&str> = manual.updates.iter().map(|u| u.label.as_str()).collect();
    assert_eq!(labels, ["March 2024"], "{report}");
    assert_eq!(manual.updates[0].date, "2024-03");
    assert_eq!(manual.changes_in("March 2024").added.len(), 1);
    assert!(
        report
            .to_string()
            .contains("kept in the update “March 2024”, named by the list's date"),
        "{report}"
    );
    // No date in the list: kept as "As published" and said so.
    let undated = list.replace("Last updated: 12 March 2024\n", "");
    let (manual, report) = import_text(&undated, &ImportOptions::default());
    assert_eq!(manual.updates[0].label, "As published");
    assert!(
        report
            .to_string()
            .contains("give it the list's real name with Edit > Updates…"),
        "{report}"
    );
}

#[test]
fn chapter_n_headings_are_parts_n_so_the_written_numbers_stand() {
    let (manual, report) = import("chapter-headings.txt");
    assert!(report.is_clean(), "{report}");
    assert_eq!(
        titles(&manual),
        [
            "§ 1 All Children",
            "§ 1.1 Safeguarding",
            "· 1.1.1 Making a Referral",
            "· 1.1.2 Strategy Discussions",
            "§ 2 Children in Need",
            "§ 2.1 Assessment",
            "· 2.1.1 Assessment Framework",
            "· 2.1.2 Child in Need Plans",
            "§ 3 Children in Care",
            "§ 3.1 Care Planning",
            "· 3.1.1 Care Plans",
        ]
    );
    // On its own, above nothing numbered so, it is still reported.
    let (_, report) = import_text(
        "Manual of Procedures\n1. Courts\n1.1 Hearings\nChapter 3 – Court\n1.1.1 Orders\n",
        &ImportOptions::default(),
    );
    assert_eq!(reasons(&report), ["4: Chapter 3 – Court"]);
}

#[test]
fn flush_left_titles_are_chapters_and_a_first_item_that_lost_its_bullet_stays_an_item() {
    let (manual, report) = import("flush-left.txt");
    assert_eq!(report.refusal(), None, "{report}");
    assert_eq!(
        titles(&manual),
        [
            "§ 1 Fostering Services",
            "· Recruitment of Foster Carers",
            "· Assessment and Approval",
            "· Foster Carer Reviews",
            "§ 2 Support for Carers",
            "§ Allowances",
            "· Weekly Allowance",
            "· Holiday Allowance",
            "· Training",
            "§ Becoming a Carer",
            "· Assessment of Carers",
            "· Approval",
            "· Panel",
        ]
    );
}

#[test]
fn a_badge_after_a_see_also_that_lost_its_links_is_given_to_the_chapter_and_reported() {
    let (manual, report) = import("lost-links.txt");
    let all = entries(&manual);
    assert_eq!(all["1.1.1"].title, "Making a Referral");
    let adjusted: Vec<_> = report.adjusted.iter().map(|l| l.line_no).collect();
    assert_eq!(adjusted, [6, 10], "{report}");
    assert!(
        report.adjusted[0]
            .reason
            .contains("may have been a lost link's")
    );
    assert_eq!(badge(&manual, "1.1.1"), Badge::New);
    assert_eq!(badge(&manual, "1.1.2"), Badge::Updated);
    assert_eq!(badge(&manual, "1.1.3"), Badge::Updated);
    assert_eq!(report.chapters, 3);
}

#[test]
fn untitled_numbers_doubled_titles_letters_appendices_and_repeats_are_placed_and_said() {
    let (manual, report) = import("oddities.txt");
    assert_eq!(
        titles(&manual),
        [
            "§ 1 All Children",
            "§ 1.1 Safeguarding",
            "· 1.1.1 ",
            "· 1.1.2 Strategy Discussions (Section 47 Enquiries)",
            "· 1.1.3 Child Protection Conferences",
            "· 1.1.4 Core Groups",
            "· 1.1.5 Private Fostering",
            "· 1.1.6 Private Fostering",
            "· 1.1.7 Private Fostering",
        ],
        "{report}"
    );
    // A number with no title: a chapter with no title, reported.
    assert_eq!(report.empty_titles.len(), 1);
    let all = entries(&manual);
    assert_eq!(all["1.1.3"].notes, ["1.1.3(a) Conference Minutes"]);
    assert_eq!(all["1.1.4"].notes, ["A.1 Forms", "Appendix 1: Contacts"]);
    assert_eq!(report.adjusted.len(), 3, "{report}");
    assert!(report.number_mismatches.is_empty(), "{report}");
    // The same title on three lines: said once, with the count.
    assert_eq!(
        report.repeated_titles,
        [("Private Fostering".to_string(), 3, 11)]
    );
    assert!(report.to_string().contains("is the title of 3 chapters"));
}

#[test]
fn dated_badges_make_an_update_of_each_month_in_date_order() {
    let (manual, _) = import("dated-badges.txt");
    let updates: Vec<(&str, &str)> = manual
        .updates
        .iter()
        .map(|u| (u.label.as_str(), u.date.as_str()))
        .collect();
    assert_eq!(
        updates,
        [
            ("March 2016", "2016-03"),
            ("January 2024", "2024-01"),
            ("As published", "2024-01")
        ]
    );
    let all = entries(&manual);
    let in_update = |number: &str| {
        let chapter = all[number].chapter_details().unwrap();
        (
            chapter.added_in.clone(),
            chapter
                .amendments
                .iter()
                .map(|a| a.update.clone())
                .collect::<Vec<_>>(),
        )
    };
    assert_eq!(in_update("1.1.1"), (None, vec!["March 2016".to_string()]));
    assert_eq!(in_update("1.1.5"), (None, vec!["March 2016".to_string()]));
    assert_eq!(
        in_update("1.1.2"),
        (Some("January 2024".to_string()), vec![])
    );
    // Only the undated badge is in "As published".
    assert_eq!(in_update("1.1.3").1, ["As published"]);
    assert_eq!(in_update("1.1.4"), (None, vec![]));
}

#[test]
fn binary_input_is_refused_at_once_and_a_long_report_is_cut_on_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let mut binary = b"\x89PNG\r\n\x1a\n".to_vec();
    binary.extend((0..4000u32).map(|n| (n * 7 % 256) as u8));
    std::fs::write(dir.path().join("picture.txt"), &binary).unwrap();
    let refused = crate::common::run_in(dir.path(), &["import", "picture.txt", "-o", "out.ron"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        refused.stdout.is_empty(),
        "nothing printed before the refusal"
    );
    assert!(crate::common::text(&refused.stderr).contains("this is not text"));
    assert!(!dir.path().join("out.ron").exists());
    // 120 sentences and a 10,000-character line: the terminal shows 50
    // lines of the report, the file all of it.
    let mut text = String::from("Big Procedures Manual\n1. Part\n1.1 Section\n1.1.1 Chapter\n");
    for n in 0..120 {
        text.push_str(&format!("This is sentence {n} of a letter, not a title.\n"));
    }
    text.push_str(&"x".repeat(10_000));
    text.push('\n');
    std::fs::write(dir.path().join("long.txt"), text).unwrap();
    let made = crate::common::run_in(
        dir.path(),
        &[
            "import",
            "long.txt",
            "-o",
            "long.ron",
            "--report",
            "report.txt",
        ],
    );
    // Mostly sentences: refused, but the report is still whole in the file.
    assert_eq!(made.status.code(), Some(2));
    let out = crate::common::text(&made.stdout);
    assert_eq!(out.lines().count(), 51, "{out}");
    let report = std::fs::read_to_string(dir.path().join("report.txt")).unwrap();
    let more = report.lines().count() - 50;
    assert!(
        out.ends_with(&format!("… and {more} more lines, in report.txt\n")),
        "{out}"
    );
    assert!(report.contains("a line of 10000 characters, too long to be a title"));
}
