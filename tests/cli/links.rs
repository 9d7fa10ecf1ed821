//! `check --links` against a web server on 127.0.0.1 that answers 200,
//! 301, 302, 404, 500, 405 to HEAD, a redirect loop, and never.

use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

use manual_editor::model::{EntryId, SeeAlso};
use manual_editor::store::format;

use crate::common::http;
use crate::common::{run_in, temp_sample, text};

/// Stockport with outside links to each of the site's answers: see-also
/// documents on one chapter, links in another's text.
fn manual_linking(dir: &Path, site: &http::TestSite) -> PathBuf {
    let path = temp_sample(dir, "stockport.ron");
    let mut manual = format::load(&path).unwrap();
    let id = EntryId::new("young-carers-2");
    let path_of = manual.find(&id).unwrap();
    let entry = manual.entry_mut(&path_of).unwrap();
    for (title, page) in [
        ("Works", "/ok"),
        ("Moved for good", "/moved"),
        ("Gone", "/missing"),
        ("Fails", "/fails"),
        ("Silent", "/never"),
    ] {
        entry
            .see_also
            .push(SeeAlso::external(title, Some(site.url(page)), None));
    }
    let chapter = manual
        .chapter_mut(&EntryId::new("confidentiality-policy"))
        .unwrap();
    chapter.body = format!(
        "Intro.\n\nSee [the form]({}) and [the rules]({}).\n\n[Looping]({}) [For now]({}) [Works]({})\n",
        site.url("/no-head"),
        site.url("/moved-to-missing"),
        site.url("/loop"),
        site.url("/for-now"),
        site.url("/ok"),
    );
    format::save(&manual, &path).unwrap();
    path
}

/// Stockport in `dir` with Young Carers' text set to `body`.
fn stockport_with_body(dir: &Path, body: &str) {
    let path = temp_sample(dir, "stockport.ron");
    let mut manual = format::load(&path).unwrap();
    manual
        .chapter_mut(&EntryId::new("young-carers-2"))
        .unwrap()
        .body = body.to_string();
    format::save(&manual, &path).unwrap();
}

#[test]
fn every_outside_link_is_visited_and_the_broken_and_moved_ones_listed() {
    let site = http::start();
    let dir = tempfile::tempdir().unwrap();
    let path = manual_linking(dir.path(), &site);
    let out = run_in(
        dir.path(),
        &["check", "--links", "--timeout", "1", "stockport.ron"],
    );
    let stdout = text(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{stdout}\n{}",
        text(&out.stderr)
    );
    let url = |page: &str| site.url(page);
    let expected = [
        format!(
            "error: 1.1.2 Confidentiality Policy: the link in its text, line 3 to {} is missing (404 Not Found, at {})",
            url("/moved-to-missing"),
            url("/missing")
        ),
        format!(
            "error: 1.1.2 Confidentiality Policy: the link in its text, line 5 to {} could not be reached: it redirects more than 5 times",
            url("/loop")
        ),
        format!(
            "warning: 1.1.2 Confidentiality Policy: the link in its text, line 5 to {} leads elsewhere for now: {}",
            url("/for-now"),
            url("/ok")
        ),
        format!(
            "warning: 4.8.1 Young Carers: the link in its see also \u{201c}Moved for good\u{201d} to {} has moved to {}",
            url("/moved"),
            url("/ok")
        ),
        format!(
            "error: 4.8.1 Young Carers: the link in its see also \u{201c}Gone\u{201d} to {} is missing (404 Not Found)",
            url("/missing")
        ),
        format!(
            "error: 4.8.1 Young Carers: the link in its see also \u{201c}Fails\u{201d} to {} fails on its site (500 Internal Server Error)",
            url("/fails")
        ),
        format!(
            "error: 4.8.1 Young Carers: the link in its see also \u{201c}Silent\u{201d} to {} could not be reached: no answer within 1 s",
            url("/never")
        ),
        "stockport.ron: 9 outside links: 2 work, 2 have moved, 5 are broken or out of reach"
            .to_string(),
    ];
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines, expected, "{stdout}");
    assert!(text(&out.stderr).contains("Visiting 9 outside links (8 at a time"));

    // Kept for a day: checking again visits only the two moved pages (a
    // move is never taken on trust: each is a redirect and its target)
    // and says the same.
    let visits = site.requests.load(Ordering::SeqCst);
    let kept = std::fs::read_to_string(dir.path().join("stockport.links-checked")).unwrap();
    assert!(kept.contains("/moved"), "{kept}");
    let again = run_in(
        dir.path(),
        &["check", "--links", "--timeout", "1", "stockport.ron"],
    );
    assert_eq!(site.requests.load(Ordering::SeqCst), visits + 4);
    let again_out = text(&again.stdout);
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(again_out.lines().count(), expected.len());
    assert!(
        again_out.ends_with("5 are broken or out of reach (7 from the results kept today)\n"),
        "{again_out}"
    );
    // --fresh visits them all again.
    let fresh = run_in(
        dir.path(),
        &[
            "check",
            "--links",
            "--fresh",
            "--timeout",
            "1",
            "stockport.ron",
        ],
    );
    assert_eq!(fresh.status.code(), Some(1));
    assert!(site.requests.load(Ordering::SeqCst) > visits);
    assert!(path.exists());
}

#[test]
fn the_json_report_names_each_link_s_address_place_and_new_address() {
    let site = http::start();
    let dir = tempfile::tempdir().unwrap();
    manual_linking(dir.path(), &site);
    let out = run_in(
        dir.path(),
        &[
            "check",
            "--links",
            "--timeout",
            "1",
            "--format",
            "json",
            "stockport.ron",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["links"], 9);
    assert_eq!(report["broken"], 5);
    assert_eq!(report["moved"], 2);
    let problems = report["problems"].as_array().unwrap();
    let moved = problems
        .iter()
        .find(|p| p["link"]["url"] == site.url("/moved"))
        .unwrap();
    assert_eq!(moved["severity"], "warning");
    assert_eq!(moved["kind"], "links");
    assert_eq!(moved["entry"], "young-carers-2");
    assert_eq!(moved["link"]["see_also"], 1);
    assert_eq!(moved["link"]["new_address"], site.url("/ok"));
    let in_text = problems
        .iter()
        .find(|p| p["link"]["url"] == site.url("/loop"))
        .unwrap();
    assert_eq!(in_text["link"]["line"], 5);
    assert_eq!(in_text["severity"], "error");
}

#[test]
fn a_manual_whose_links_all_work_exits_0_and_one_without_links_says_so() {
    let site = http::start();
    let dir = tempfile::tempdir().unwrap();
    let body = format!("[A]({}) [B]({})", site.url("/ok"), site.url("/no-head"));
    stockport_with_body(dir.path(), &body);
    let out = run_in(dir.path(), &["check", "--links", "stockport.ron"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert_eq!(
        text(&out.stdout),
        "stockport.ron: 2 outside links: 2 work, 0 have moved, 0 are broken or out of reach\n"
    );
    let wigan = temp_sample(dir.path(), "wigan.ron");
    let out = run_in(dir.path(), &["check", "--links", wigan.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        text(&out.stdout).contains("no outside links"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn a_chain_of_slow_redirects_ends_within_twice_the_time_limit() {
    let site = http::start();
    let dir = tempfile::tempdir().unwrap();
    stockport_with_body(dir.path(), &format!("[Slow]({})", site.url("/slow-1")));
    let out = run_in(
        dir.path(),
        &["check", "--links", "--timeout", "1", "stockport.ron"],
    );
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    // Six hops of 0.6 s would take 3.6 s; the address's time ran out at 2.
    assert!(
        stdout.contains("could not be reached: no answer within 1 s"),
        "{stdout}"
    );
    assert!(
        site.requests.load(Ordering::SeqCst) <= 4,
        "{}",
        site.requests.load(Ordering::SeqCst)
    );
}

#[test]
fn a_name_no_site_has_is_said_in_words_and_all_of_them_hint_at_being_offline() {
    // `.invalid` never resolves (RFC 6761), online or not.
    let dir = tempfile::tempdir().unwrap();
    stockport_with_body(
        dir.path(),
        "[A](http://first.invalid/page) [B](https://second.invalid/)",
    );
    let out = run_in(
        dir.path(),
        &["check", "--links", "--timeout", "2", "stockport.ron"],
    );
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert_eq!(
        stdout
            .matches("could not be reached: the site's name is not known")
            .count(),
        2,
        "{stdout}"
    );
    assert!(
        stdout.ends_with("No site's name was known: is this computer offline?\n"),
        "{stdout}"
    );
}

/// A kept results file as one could arrive with a folder: `address`
/// checked a minute ago, with `result` (its status and anything after it).
fn forge_kept(dir: &Path, address: &str, result: &str) {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let forged = format!(
        "(checked: {{\"{address}\": (at: {}, status: {result})}})",
        now - 60
    );
    std::fs::write(dir.join("stockport.links-checked"), forged).unwrap();
}

#[test]
fn a_broken_link_said_to_work_in_a_kept_file_from_elsewhere_is_visited() {
    // The folder came with a kept file (a git clone) saying a missing page
    // works, dated a minute ago: it bears no seal of this user, so the
    // page is visited and reported.
    let site = http::start();
    let dir = tempfile::tempdir().unwrap();
    stockport_with_body(dir.path(), &format!("[Form]({})", site.url("/missing")));
    let seal = "ab".repeat(32);
    forge_kept(
        dir.path(),
        &site.url("/missing"),
        &format!("(result: \"fine\", status: 200), seal: \"{seal}\""),
    );
    let out = run_in(dir.path(), &["check", "--links", "stockport.ron"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("is missing (404 Not Found"), "{stdout}");
    let visits = site.requests.load(Ordering::SeqCst);
    assert!(visits >= 1);
    // Kept again with this user's seal: the next check visits nothing.
    let kept = std::fs::read_to_string(dir.path().join("stockport.links-checked")).unwrap();
    assert!(kept.contains("seal:") && !kept.contains(&seal), "{kept}");
    let again = run_in(dir.path(), &["check", "--links", "stockport.ron"]);
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(site.requests.load(Ordering::SeqCst), visits);
}

#[test]
fn a_move_in_the_kept_results_is_never_taken_on_trust() {
    // A kept file that came with the folder (a git clone) says a page
    // moved to another site: the page is visited instead.
    let site = http::start();
    let dir = tempfile::tempdir().unwrap();
    stockport_with_body(dir.path(), &format!("[Form]({})", site.url("/ok")));
    forge_kept(
        dir.path(),
        &site.url("/ok"),
        "(result: \"moved\", to: \"https://elsewhere.invalid/form\", permanent: true, status: 200)",
    );
    let out = run_in(dir.path(), &["check", "--links", "stockport.ron"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(!stdout.contains("elsewhere"), "{stdout}");
    assert!(stdout.contains("1 work"), "{stdout}");
    assert_eq!(site.requests.load(Ordering::SeqCst), 1);
}
