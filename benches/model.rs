//! Speed of the model and file format on a generated 10,000-chapter manual
//! (targets: load + validate <= 30 ms, save <= 30 ms, numbering <= 2 ms,
//! every badge derived <= 2 ms, diff of two versions <= 300 ms).
//! Run with `cargo bench --bench model`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests, benchmarks and examples may unwrap

#[path = "common/allocator.rs"]
mod allocator;

use std::hint::black_box;
use std::path::Path;

use manual_editor::model::{Manual, synth, template};
use manual_editor::store::format;

const CHAPTERS: usize = 10_000;

fn main() {
    divan::main();
}

#[divan::bench(sample_count = 30)]
fn load_and_validate_10k(bencher: divan::Bencher) {
    let text = format::to_canonical_string(&synth::manual(CHAPTERS)).unwrap();
    bencher.bench(|| {
        let manual = format::from_str(black_box(&text), Path::new("bench.ron")).unwrap();
        black_box(manual.validate())
    });
}

#[divan::bench(sample_count = 30)]
fn serialize_10k(bencher: divan::Bencher) {
    let manual = synth::manual(CHAPTERS);
    bencher.bench(|| format::to_canonical_string(black_box(&manual)).unwrap());
}

#[divan::bench(sample_count = 30)]
fn save_to_disk_10k(bencher: divan::Bencher) {
    let manual = synth::manual(CHAPTERS);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bench.ron");
    bencher.bench(|| format::save(black_box(&manual), &path).unwrap());
}

#[divan::bench(sample_count = 100)]
fn number_every_entry_10k(bencher: divan::Bencher) {
    let manual = synth::manual(CHAPTERS);
    bencher.bench(|| black_box(&manual).outline());
}

#[divan::bench(sample_count = 30)]
fn import_stockport_contents(bencher: divan::Bencher) {
    let text = include_str!("../tests/fixtures/stockport-contents.txt");
    bencher.bench(|| manual_editor::import::import_text(black_box(text), &Default::default()));
}

/// Every chapter's badge, derived from the current update.
#[divan::bench(sample_count = 100)]
fn derive_every_badge_10k(bencher: divan::Bencher) {
    let manual = synth::manual(CHAPTERS);
    bencher.bench(|| {
        let mut badges = 0usize;
        manual.walk(|_, entry, _| {
            badges += usize::from(!manual.badge_of(black_box(entry)).is_none());
        });
        badges
    });
}

/// Two versions of the manual: one chapter moved, one renamed, one edited.
#[divan::bench(sample_count = 30)]
fn diff_two_versions_10k(bencher: divan::Bencher) {
    use manual_editor::model::EntryId;
    let old = synth::manual(CHAPTERS);
    let mut new = old.clone();
    let moved = new.entries[0].children_mut().unwrap()[0]
        .children_mut()
        .unwrap()
        .remove(0);
    new.entries[6].children_mut().unwrap()[0]
        .children_mut()
        .unwrap()
        .push(moved);
    let path = new.find(&EntryId::new("chapter-500")).unwrap();
    new.entry_mut(&path).unwrap().title = "Renamed".into();
    let changes = manual_editor::model::diff(&old, &new);
    assert!(changes.len() >= 2, "{changes:?}");
    bencher.bench(|| manual_editor::model::diff(black_box(&old), black_box(&new)));
}

/// The structural merge of two 10,000-chapter versions from a common
/// ancestor: ours moves 50 chapters to other sections and renames 50; theirs
/// edits 50 bodies and deletes 50. Target: <= 300 ms.
#[divan::bench(sample_count = 20)]
fn merge_two_versions_10k(bencher: divan::Bencher) {
    use manual_editor::edit::Edit;
    use manual_editor::model::EntryId;
    let base = synth::manual(CHAPTERS);
    let mut ours = base.clone();
    let mut theirs = base.clone();
    for i in 0..50 {
        let id = EntryId::new(format!("chapter-{}", i * 97));
        Edit::Move {
            id,
            parent: Some(EntryId::new("section-3-5")),
            index: 0,
        }
        .apply(&mut ours)
        .unwrap();
        let path = ours
            .find(&EntryId::new(format!("chapter-{}", i * 89 + 1)))
            .unwrap();
        ours.entry_mut(&path).unwrap().title = format!("Renamed {i}");
        let path = theirs
            .find(&EntryId::new(format!("chapter-{}", 5000 + i * 83)))
            .unwrap();
        theirs
            .entry_mut(&path)
            .unwrap()
            .chapter_details_mut()
            .unwrap()
            .body = format!("Body {i}");
        Edit::Remove {
            id: EntryId::new(format!("chapter-{}", 9000 + i * 19)),
        }
        .apply(&mut theirs)
        .unwrap();
    }
    let merged = manual_editor::model::merge::merge(&base, &ours, &theirs).unwrap();
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    bencher.bench(|| {
        manual_editor::model::merge::merge(black_box(&base), black_box(&ours), black_box(&theirs))
    });
}

/// Insert file… with a 10 MB picture, as the window does it: copy it into
/// the manual's folder under a clean name and put the link in the body as
/// one undo step (the preview decodes it later, on its own thread).
/// Target: <= 200 ms.
#[divan::bench(sample_count = 20)]
fn insert_a_10mb_picture(bencher: divan::Bencher) {
    use manual_editor::document::Document;
    use manual_editor::edit::Edit;
    let dir = tempfile::tempdir().unwrap();
    let manual_path = dir.path().join("m.ron");
    let picture = dir.path().join("Big Flowchart.png");
    std::fs::write(&picture, vec![7u8; 10 * 1024 * 1024]).unwrap();
    let manual = synth::manual(1_000);
    manual_editor::store::format::save(&manual, &manual_path).unwrap();
    let mut doc = Document::open(&manual_path).unwrap();
    let id = manual_editor::model::EntryId::new("chapter-10");
    bencher.bench_local(|| {
        let link = manual_editor::store::files::copy_in(&manual_path, &picture).unwrap();
        let markdown = manual_editor::model::files::markdown_link(&link, "Flowchart", true);
        let mut head = doc.entry(&id).unwrap().clone_head();
        head.chapter_details_mut().unwrap().body.push_str(&markdown);
        doc.apply(
            vec![Edit::UpdateEntry {
                entry: Box::new(head),
            }],
            None,
            0.0,
        )
        .unwrap();
    });
}

/// Find and replace's search over every title, scope, body, note and
/// amendment of the 10,000-chapter manual (27 MB of text): a word that is
/// everywhere, one that is rare, one that is nowhere, and whole words with
/// case. Target: <= 50 ms.
#[divan::bench(args = ["procedure", "carers", "zzqx"], sample_count = 30)]
fn find_across_10k(bencher: divan::Bencher, query: &str) {
    use manual_editor::edit::find::{FindOptions, find};
    let manual = synth::manual(CHAPTERS);
    bencher.bench(|| black_box(find(black_box(&manual), query, FindOptions::default())));
}

#[divan::bench(sample_count = 30)]
fn find_whole_word_match_case_10k(bencher: divan::Bencher) {
    use manual_editor::edit::find::{FindOptions, find};
    let manual = synth::manual(CHAPTERS);
    let options = FindOptions {
        match_case: true,
        whole_word: true,
    };
    bencher.bench(|| black_box(find(black_box(&manual), "Procedure", options)));
}

/// Replace all of a word in most of the 10,000 chapters, each entry's links
/// checked before and after (ids gathered once, not looked up by walking
/// the manual per link). Target: <= 1 s.
#[divan::bench(sample_count = 10)]
fn replace_all_across_10k(bencher: divan::Bencher) {
    use manual_editor::edit::find::{FindOptions, replace_all_edits};
    let manual = synth::manual(CHAPTERS);
    bencher.bench(|| {
        let all = replace_all_edits(
            black_box(&manual),
            "procedure",
            "guidance",
            FindOptions::default(),
        );
        black_box(all.edits.len())
    });
}

/// Spelling a 2,000-word chapter body after a keystroke (one word changed;
/// the others' answers are remembered), with the system's en_GB Hunspell
/// dictionary where installed, else the tests' small one. Target: <= 5 ms.
#[divan::bench(sample_count = 50)]
fn spelling_a_2000_word_body_per_keystroke(bencher: divan::Bencher) {
    use manual_editor::store::dictionary;
    let base = dictionary::find().unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dictionary/en_GB_test")
    });
    let mut speller = manual_editor::document::spelling::Speller::open(&base).unwrap();
    eprintln!("dictionary: {}", base.display());
    let manual = synth::manual(200);
    let mut body = String::new();
    manual.walk(|_, entry, _| {
        if let Some(chapter) = entry.chapter_details() {
            body.push_str(&chapter.body);
            body.push('\n');
        }
    });
    let words: Vec<&str> = body.split_whitespace().take(2_000).collect();
    let mut text = words.join(" ");
    speller.misspelt(&text);
    let mut n = 0u32;
    bencher.bench_local(|| {
        n += 1;
        // A new word each time: letters only, so it is checked.
        let word: String = n
            .to_string()
            .chars()
            .map(|d| (b'a' + d as u8 - b'0') as char)
            .collect();
        text.push_str(&format!(" recog{word}"));
        black_box(speller.misspelt(black_box(&text)).len())
    });
}

/// Importing a 70,000-line contents list in which every chapter has the
/// same title (ids made from repeated titles were quadratic: 7.5 minutes).
/// Target: <= 2 s.
#[divan::bench(sample_count = 5)]
fn import_70k_lines_of_repeated_titles(bencher: divan::Bencher) {
    use manual_editor::import::{ImportOptions, import_text};
    let mut text = String::from("Stockport Children's Services Procedures Manual\n");
    for part in 1..=7 {
        text.push_str(&format!("{part}. Part {part}\n"));
        for section in 1..=100 {
            text.push_str(&format!("{part}.{section} Section\n"));
            for chapter in 1..=99 {
                text.push_str(&format!("{part}.{section}.{chapter} Introduction\n"));
            }
        }
    }
    assert_eq!(text.lines().count(), 70_008);
    bencher.bench(|| import_text(black_box(&text), &ImportOptions::default()));
}

/// Importing 200 chapter pages (the HTML fixture's layout, each titled as
/// a chapter of the 10,000-chapter manual) into their chapters. Target:
/// <= 1 s.
#[divan::bench(sample_count = 10)]
fn import_200_chapter_pages(bencher: divan::Bencher) {
    use manual_editor::import::chapters::import_pages;
    let manual = synth::manual(CHAPTERS);
    let template = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/chapters/young-carers.html"),
    )
    .unwrap();
    let mut labels = Vec::new();
    manual.walk(|_, entry, number| {
        if !entry.is_section() && labels.len() < 200 {
            labels.push(manual_editor::model::label(number, &entry.title));
        }
    });
    let pages: Vec<(String, String)> = labels
        .iter()
        .map(|label| {
            (
                format!("{label}.html"),
                template.replace("4.8.1 Young Carers", label),
            )
        })
        .collect();
    bencher.bench(|| {
        let (edits, reports) = import_pages(black_box(&manual), &pages, false);
        assert_eq!(edits.len(), 200);
        black_box(reports)
    });
}

/// A chapter body of 5,000 lines merged by lines, each side editing a
/// paragraph at the other end: the hand-written LCS took about 190 ms and
/// 100 MB a call. Target: <= 20 ms.
#[divan::bench(sample_count = 30)]
fn merge_a_5000_line_body(bencher: divan::Bencher) {
    let base: String = (0..5_000)
        .map(|i| format!("Paragraph {i} of the procedure, as written.\n"))
        .collect();
    let ours = base.replace("Paragraph 10 of", "Paragraph 10 (amended) of");
    let theirs = base.replace("Paragraph 4990 of", "Paragraph 4990 (reviewed) of");
    bencher.bench(|| manual_editor::model::merge_text::merge_text(&base, &ours, &theirs).unwrap());
}

/// A chapter page with 100,000 nested lists read into a chapter: over two
/// minutes before tags were bounded before parsing. Target: <= 1 s.
#[divan::bench(sample_count = 5)]
fn import_a_page_of_100000_nested_lists(bencher: divan::Bencher) {
    let page = format!(
        "<h1>4.8.1 Young Carers</h1>{}deep{}",
        "<ul><li>".repeat(100_000),
        "</li></ul>".repeat(100_000)
    );
    let manual = manual_editor::store::format::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_manuals/stockport.ron"),
    )
    .unwrap();
    let pages = vec![("deep.html".to_string(), page)];
    bencher.bench(|| manual_editor::import::chapters::import_pages(&manual, &pages, true));
}

/// A national template of 500 chapters (about 2 KB of body each), its next
/// update, and 150 councils' localised copies.
fn template_scenario() -> (Manual, Manual, Vec<Manual>) {
    let (v1, v2) = synth::template_versions(500);
    let locals: Vec<Manual> = (0..150).map(|c| synth::localised(&v1, c)).collect();
    // Every template change whose lines the council did not touch goes in
    // cleanly: a conflict is only ever on an entry the council changed (a
    // chapter it edited that the template removed).
    let mut conflicts = 0;
    for local in &locals {
        let pulled = template::pull(local, &v1, &v2, "national.ron").unwrap();
        for conflict in &pulled.manual.conflicts {
            let id = conflict.entry.as_ref().unwrap();
            let here = local.entry(&local.find(id).unwrap()).unwrap();
            let there = v1.entry(&v1.find(id).unwrap()).unwrap();
            assert!(
                !manual_editor::model::Entry::same_own_fields(here, there),
                "{conflict:?}"
            );
            conflicts += 1;
        }
    }
    println!("pulls into 150 councils: {conflicts} conflicts, all on chapters the council changed");
    (v1, v2, locals)
}

/// Pulling the update into one council's copy (target <= 70 ms).
#[divan::bench(sample_count = 30)]
fn pull_template_update_into_one_council(bencher: divan::Bencher) {
    let (v1, v2, locals) = template_scenario();
    bencher.bench(|| template::pull(black_box(&locals[0]), &v1, &v2, "national.ron").unwrap());
}

/// Pulling the update into all 150 copies on two threads, as two cores
/// would (target <= 10 s).
#[divan::bench(sample_count = 5)]
fn pull_template_update_into_150_councils(bencher: divan::Bencher) {
    let (v1, v2, locals) = template_scenario();
    bencher.bench(|| {
        std::thread::scope(|scope| {
            let (first, second) = locals.split_at(locals.len() / 2);
            let workers = [first, second].map(|half| {
                let (v1, v2) = (&v1, &v2);
                scope.spawn(move || {
                    half.iter()
                        .map(|local| template::pull(local, v1, v2, "national.ron").unwrap())
                        .map(|pulled| pulled.report.conflicts)
                        .sum::<usize>()
                })
            });
            workers.map(|w| w.join().unwrap()).iter().sum::<usize>()
        })
    });
}

/// A redline of a 2,000-word body against a version with a word changed
/// in every paragraph (target <= 5 ms).
#[divan::bench(sample_count = 50)]
fn redline_a_2000_word_body(bencher: divan::Bencher) {
    let words = [
        "assessment",
        "placement",
        "review",
        "carers",
        "safeguarding",
    ];
    let old: String = (0..2_000)
        .map(|i| {
            let word = words[i % words.len()];
            if i % 25 == 24 {
                format!("{word}.\n\n")
            } else {
                format!("{word} ")
            }
        })
        .collect();
    let new = old.replace("review carers", "review young carers");
    bencher.bench(|| manual_editor::model::redline::redline(black_box(&old), black_box(&new)));
}

/// A 500-chapter manual published 20 times (the same text each time),
/// its copies kept beside it.
fn published_20_times() -> (tempfile::TempDir, std::path::PathBuf) {
    use manual_editor::document::Document;
    use manual_editor::model::Update;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("manual.ron");
    let mut manual = synth::manual(500);
    manual.updates.clear();
    format::save(&manual, &file).unwrap();
    let mut doc = Document::open(&file).unwrap();
    for n in 0..20 {
        let mut updates = doc.manual().updates.clone();
        updates.push(Update {
            label: format!("Update {n}"),
            ..Update::default()
        });
        doc.apply(
            vec![manual_editor::edit::Edit::SetUpdates { updates }],
            None,
            0.0,
        )
        .unwrap();
        let date = format!("20{:02}-06-01", 10 + n);
        doc.publish_update(&date, Some("benchmark"), 0.0).unwrap();
    }
    doc.save_to(&file).unwrap();
    (dir, file)
}

/// `versions show --at`: the version in force on a date among 20 published
/// versions of a 500-chapter manual, read from disk, and one chapter found
/// in it (target <= 200 ms).
#[divan::bench(sample_count = 20)]
fn version_at_a_date_among_20(bencher: divan::Bencher) {
    use manual_editor::model::EntryId;
    let (_dir, file) = published_20_times();
    let manual = format::load(&file).unwrap();
    bencher.bench(|| {
        let (_, copy) = manual_editor::store::versions::at(&file, &manual, "2020-07-01")
            .unwrap()
            .unwrap();
        black_box(copy.find(&EntryId::new("chapter-250")))
    });
}

/// Opening a chapter's History: every one of the 20 copies read and the
/// chapter's versions worked out.
#[divan::bench(sample_count = 10)]
fn chapter_history_among_20(bencher: divan::Bencher) {
    use manual_editor::model::EntryId;
    let (_dir, file) = published_20_times();
    let doc = manual_editor::document::Document::open(&file).unwrap();
    bencher.bench(|| black_box(doc.chapter_history(&EntryId::new("chapter-250")).unwrap()));
}

/// `export --archive`: every chapter's superseded versions from 20 copies.
#[divan::bench(sample_count = 10)]
fn archive_of_20_versions(bencher: divan::Bencher) {
    let (_dir, file) = published_20_times();
    let doc = manual_editor::document::Document::open(&file).unwrap();
    let chosen = doc.to_publish(false).unwrap();
    bencher.bench(|| black_box(doc.archive_for(&chosen).unwrap()));
}

/// A 2,000-word chapter body as written: paragraphs of sentences of 8 to
/// 30 words, a heading every five paragraphs, a link, an abbreviation and
/// a word to avoid now and then.
fn written_body(words: usize) -> String {
    let vocabulary = [
        "the",
        "child",
        "social",
        "worker",
        "must",
        "record",
        "assessment",
        "within",
        "days",
        "family",
        "plan",
        "review",
        "manager",
        "agree",
        "placement",
        "carer",
        "visit",
        "LADO",
        "utilise",
        "safeguarding",
        "meeting",
        "health",
        "school",
        "consent",
    ];
    let mut body = String::new();
    let (mut n, mut seed) = (0, 7u32);
    let mut paragraph = 0;
    while n < words {
        if paragraph % 5 == 0 {
            body.push_str(&format!("## Heading {paragraph}\n\n"));
        }
        for _ in 0..4 {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let length = 8 + (seed >> 16) as usize % 23;
            for i in 0..length {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                let word = vocabulary[(seed >> 16) as usize % vocabulary.len()];
                if i == 0 {
                    let mut chars = word.chars();
                    let first = chars.next().unwrap().to_uppercase();
                    body.push_str(&format!("{first}{}", chars.as_str()));
                } else if i == 3 && seed % 7 == 0 {
                    body.push_str(&format!(" [{word}](https://example.org/{word})"));
                } else {
                    body.push(' ');
                    body.push_str(word);
                }
            }
            body.push_str(". ");
            n += length;
        }
        body.push_str("\n\n");
        paragraph += 1;
    }
    body
}

/// Plain English advice on a 2,000-word body after a keystroke (the body
/// changed, so it is all checked again). Target: <= 2 ms.
#[divan::bench(sample_count = 50)]
fn plain_english_a_2000_word_body_per_keystroke(bencher: divan::Bencher) {
    let manual = synth::manual(200);
    let mut text = written_body(2_000);
    let mut advice = manual_editor::document::style_check::TextAdvice::default();
    let mut n = 0u32;
    bencher.bench_local(|| {
        n += 1;
        text.push_str(if n.is_multiple_of(2) { "a" } else { " " });
        advice.update(&manual, black_box(&text));
        black_box(advice.findings.len())
    });
}

/// Plain English advice and reading ages for the whole generated
/// 10,000-chapter manual, as `check --style` does it. Target: <= 1 s.
#[divan::bench(sample_count = 5)]
fn plain_english_the_10000_chapter_manual(bencher: divan::Bencher) {
    let manual = synth::manual(10_000);
    bencher.bench_local(|| black_box(manual_editor::model::style::check_manual(&manual).len()));
}

/// The Problems list's plain English advice for the 10,000-chapter
/// manual as the window reads it again after an edit (every chapter's
/// text hashed, one chapter checked again, the list rebuilt); the first
/// reading checks every chapter on the window's thread.
#[divan::bench(sample_count = 10)]
fn plain_english_problems_after_an_edit_10000(bencher: divan::Bencher) {
    let mut manual = synth::manual(10_000);
    let mut cache = manual_editor::document::style_check::StyleCache::default();
    let started = std::time::Instant::now();
    let first = cache.problems(&manual).len();
    eprintln!(
        "first reading: {first} pieces of advice in {:.0} ms",
        started.elapsed().as_secs_f64() * 1e3
    );
    let id = {
        let mut first_chapter = None;
        manual.walk(|_, entry, _| {
            if first_chapter.is_none() && entry.chapter_details().is_some() {
                first_chapter = Some(entry.id.clone());
            }
        });
        first_chapter.unwrap()
    };
    let mut n = 0u32;
    bencher.bench_local(|| {
        n += 1;
        manual
            .chapter_mut(&id)
            .unwrap()
            .body
            .push_str(if n.is_multiple_of(2) { " a" } else { "." });
        black_box(cache.problems(black_box(&manual)).len())
    });
}
