//! Export speed, growth and memory: the generated manual of 1,000, 3,000
//! and 10,000 chapters in sections of 12, and 10,000 chapters in ONE
//! section (a pasted flat list), rendered and written to disk.
//! Targets: the one-section export's peak RSS <= 250 MB and its time
//! <= 2x the sectioned one's, measured in the same run (printed first).
//! Run with `cargo bench --bench export`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests, benchmarks and examples may unwrap

#[path = "common/allocator.rs"]
mod allocator;

use std::hint::black_box;
use std::time::{Duration, Instant};

use manual_editor::export::{
    ExportOptions, HtmlRenderer, Renderer, Sink, WriteError, export_html, render_to_memory,
};
use manual_editor::model::Manual;
use manual_editor::model::synth;

fn main() {
    compare_export_with_copying_its_output();
    report_size();
    compare_shapes();
    compare_pictures_with_copying();
    divan::main();
}

/// Every file under `from` copied to `to` with `std::fs::copy`, folders
/// made as they come: the copy an export is measured against.
fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The 10,000-chapter export (the manual loaded, as in the window) against
/// copying its own output, side by side in the same minute: five rounds,
/// each an export into a new folder and a copy of it into another; the
/// medians and their ratio (target <= 1.5x). Measured on the disk (the
/// target folder), where a shared machine's disk can make both wait on
/// its writing, and in memory (`/dev/shm`, where there is one), where the
/// copy costs least and the export's own work shows whole. Each round
/// also renders the site into a sink that writes nothing: how much of the
/// export is its rendering, and how much the writing of its files.
fn compare_export_with_copying_its_output() {
    let manual = synth::manual(10_000);
    compare_in("on disk", &manual, env!("CARGO_TARGET_TMPDIR"));
    if std::path::Path::new("/dev/shm").is_dir() {
        compare_in("in memory (/dev/shm)", &manual, "/dev/shm");
    }
}

fn compare_in(place: &str, manual: &Manual, parent: &str) {
    let Ok(dir) = tempfile::tempdir_in(parent) else {
        println!("10,000 chapters {place}: no folder to write in");
        return;
    };
    let (mut export_times, mut copy_times, mut render_times) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..5 {
        let out = dir.path().join(format!("site-{round}"));
        let started = Instant::now();
        export_html(manual, &options(), &out, &mut |_, _, _| {}).unwrap();
        export_times.push(started.elapsed());
        let started = Instant::now();
        copy_tree(&out, &dir.path().join(format!("copy-{round}")));
        copy_times.push(started.elapsed());
        let counted = CountingSink::default();
        let started = Instant::now();
        HtmlRenderer
            .render(manual, &options(), &counted, &mut |_, _| {})
            .unwrap();
        render_times.push(started.elapsed());
        black_box(counted.bytes.into_inner());
    }
    export_times.sort();
    copy_times.sort();
    render_times.sort();
    let (export, copy, render) = (export_times[2], copy_times[2], render_times[2]);
    println!(
        "10,000 chapters {place}: export {:.0} ms (rounds {:.0}–{:.0}), copying its output \
         {:.0} ms ({:.0}–{:.0}): {:.2}x",
        export.as_secs_f64() * 1e3,
        export_times[0].as_secs_f64() * 1e3,
        export_times[4].as_secs_f64() * 1e3,
        copy.as_secs_f64() * 1e3,
        copy_times[0].as_secs_f64() * 1e3,
        copy_times[4].as_secs_f64() * 1e3,
        export.as_secs_f64() / copy.as_secs_f64()
    );
    println!(
        "  rendering alone, nothing written (every file handed to a sink that counts it): {:.0} ms: \
         {:.2}x the copy",
        render.as_secs_f64() * 1e3,
        render.as_secs_f64() / copy.as_secs_f64()
    );
}

/// Takes every file of an export and keeps only the count of its bytes:
/// the export's rendering timed without the writing.
#[derive(Default)]
struct CountingSink {
    bytes: std::sync::atomic::AtomicUsize,
}

impl Sink for CountingSink {
    fn put(&self, _path: &str, bytes: &[u8]) -> Result<(), WriteError> {
        self.bytes
            .fetch_add(bytes.len(), std::sync::atomic::Ordering::Relaxed);
        Ok(())
    }
}

/// A manual of 500 chapters, each showing its own 1,000 × 50 picture
/// (~200 KB, poorly compressible: 100 MB in all), in a temporary folder.
fn manual_with_pictures(dir: &std::path::Path) -> std::path::PathBuf {
    let mut manual = synth::manual(500);
    let mut noise = image::RgbaImage::new(1000, 50);
    let mut seed = 0x2545_f491u32;
    for pixel in noise.pixels_mut() {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        *pixel = image::Rgba(seed.to_le_bytes());
    }
    let mut png = std::io::Cursor::new(Vec::new());
    noise.write_to(&mut png, image::ImageFormat::Png).unwrap();
    let png = png.into_inner();
    std::fs::create_dir_all(dir.join("m.files")).unwrap();
    let mut n = 0;
    for part in &mut manual.entries {
        for section in part.children_mut().unwrap() {
            for entry in section.children_mut().unwrap() {
                let chapter = entry.chapter_details_mut().unwrap();
                std::fs::write(dir.join(format!("m.files/chart-{n}.png")), &png).unwrap();
                chapter
                    .body
                    .push_str(&format!("\n\n![Chart {n}](m.files/chart-{n}.png)\n"));
                n += 1;
            }
        }
    }
    let path = dir.join("m.ron");
    manual_editor::store::format::save(&manual, &path).unwrap();
    path
}

/// Export of 500 pictures against copying the same files: the target is
/// "at disk speed", printed as the ratio of the two.
fn compare_pictures_with_copying() {
    let dir = tempfile::tempdir().unwrap();
    let path = manual_with_pictures(dir.path());
    let manual = manual_editor::store::format::load(&path).unwrap();
    let options = ExportOptions {
        files: Some(path.clone()),
        ..options()
    };
    let bytes: u64 = std::fs::read_dir(dir.path().join("m.files"))
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .sum();
    let mut copy_times = Vec::new();
    let mut export_times = Vec::new();
    let mut bare_times = Vec::new();
    for round in 0..3 {
        let copy_to = dir.path().join(format!("copy-{round}"));
        std::fs::create_dir_all(&copy_to).unwrap();
        let started = Instant::now();
        for entry in std::fs::read_dir(dir.path().join("m.files")).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), copy_to.join(entry.file_name())).unwrap();
        }
        copy_times.push(started.elapsed());
        let out = dir.path().join(format!("site-{round}"));
        let started = Instant::now();
        export_html(&manual, &options, &out, &mut |_, _, _| {}).unwrap();
        export_times.push(started.elapsed());
        let out = dir.path().join(format!("bare-{round}"));
        let started = Instant::now();
        export_html(&manual, &self::options(), &out, &mut |_, _, _| {}).unwrap();
        bare_times.push(started.elapsed());
    }
    let median = |times: &mut Vec<Duration>| {
        times.sort();
        times[times.len() / 2]
    };
    let (copy, export, bare) = (
        median(&mut copy_times),
        median(&mut export_times),
        median(&mut bare_times),
    );
    println!(
        "500 pictures ({:.0} MB): copying the files {:.0} ms; the export with them {:.0} ms, \
         without them {:.0} ms; pictures add {:.2}x the copy time",
        bytes as f64 / 1e6,
        copy.as_secs_f64() * 1e3,
        export.as_secs_f64() * 1e3,
        bare.as_secs_f64() * 1e3,
        (export.as_secs_f64() - bare.as_secs_f64()) / copy.as_secs_f64()
    );
}

fn options() -> ExportOptions {
    ExportOptions::dated("2026-11-22")
}

/// Render and write, as `manual-editor export` does.
#[divan::bench(args = [1_000, 3_000, 10_000], sample_count = 10)]
fn export_to_disk(bencher: divan::Bencher, chapters: usize) {
    let manual = synth::manual(chapters);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    bencher.bench_local(|| {
        export_html(black_box(&manual), &options(), &out, &mut |_, _, _| {}).unwrap()
    });
}

/// The same chapters in one section.
#[divan::bench(args = [10_000], sample_count = 10)]
fn export_one_section_to_disk(bencher: divan::Bencher, chapters: usize) {
    let manual = synth::one_section_manual(chapters);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    bencher.bench_local(|| {
        export_html(black_box(&manual), &options(), &out, &mut |_, _, _| {}).unwrap()
    });
}

/// The process's peak resident memory since the last reset, in MB.
fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Resets the peak to the current size (Linux: writing 5 to clear_refs).
fn reset_peak_rss() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

fn report_size() {
    for chapters in [1_000, 10_000] {
        let manual = synth::manual(chapters);
        let files = render_to_memory(&HtmlRenderer, &manual, &options()).unwrap();
        let bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
        let largest = files
            .iter()
            .filter(|f| f.path.starts_with("chapters/"))
            .map(|f| f.bytes.len())
            .max()
            .unwrap_or(0);
        println!(
            "{chapters} chapters: {} files, {:.1} MB in all, largest chapter page {largest} bytes",
            files.len(),
            bytes as f64 / 1e6,
        );
    }
}

/// One export to disk: its wall time.
fn export_once(manual: &Manual, out: &std::path::Path) -> Duration {
    let start = Instant::now();
    export_html(manual, &options(), out, &mut |_, _, _| {}).unwrap();
    start.elapsed()
}

/// The peak memory of one export of `manual` (the process's peak reset
/// first, so the figure is this export's with the manual loaded).
fn peak_of(manual: &Manual) -> f64 {
    let dir = tempfile::tempdir().unwrap();
    if !reset_peak_rss() {
        println!("(peak RSS could not be reset: figures include earlier work)");
    }
    export_once(manual, &dir.path().join("site"));
    peak_rss_mb()
}

/// The sectioned and the one-section manual in one run: their exports
/// alternate, so that neither pays for the other's write-back to disk.
fn compare_shapes() {
    let chapters = 10_000;
    let sectioned = synth::manual(chapters);
    let flat = synth::one_section_manual(chapters);
    let (sectioned_peak, flat_peak) = (peak_of(&sectioned), peak_of(&flat));
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let mut sectioned_times = Vec::new();
    let mut flat_times = Vec::new();
    for _ in 0..5 {
        sectioned_times.push(export_once(&sectioned, &a));
        flat_times.push(export_once(&flat, &b));
    }
    sectioned_times.sort();
    flat_times.sort();
    println!("{chapters} chapters in sections of 12: times {sectioned_times:?}");
    println!("{chapters} chapters in one section: times {flat_times:?}");
    let (sectioned_time, flat_time) = (sectioned_times[2], flat_times[2]);
    println!(
        "one section / sections: time {:.2}x ({:?} vs {:?}), peak RSS {flat_peak:.1} MB vs \
         {sectioned_peak:.1} MB (targets: <= 2x, <= 250 MB)",
        flat_time.as_secs_f64() / sectioned_time.as_secs_f64(),
        flat_time,
        sectioned_time,
    );
}

/// A 200-chapter induction pack drawn from the 10,000-chapter manual,
/// rendered as one document and written, as `pack export` and File >
/// Export pack do. Target: <= 200 ms.
#[divan::bench(sample_count = 20)]
fn pack_export_200_chapters(bencher: divan::Bencher) {
    use manual_editor::model::{EntryId, Pack};
    let mut manual = synth::manual(10_000);
    manual.migrate_badges();
    let mut pack = Pack::new("Induction", "synthetic.ron", &manual.title);
    for n in (0..10_000).step_by(50) {
        pack.add(&manual, &EntryId::new(format!("chapter-{n}")));
    }
    assert_eq!(pack.items.len(), 200);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("pack.html");
    bencher.bench_local(|| {
        let html = manual_editor::export::render_pack(&pack, black_box(&manual), &options());
        manual_editor::store::format::write_replacing(&out, html.as_bytes()).unwrap()
    });
}

/// The search index of the 10,000-chapter manual alone (part of every
/// export).
#[divan::bench(sample_count = 10)]
fn search_index_10k(bencher: divan::Bencher) {
    let manual = synth::manual(10_000);
    let site = manual_editor::export::search_site_index;
    bencher.bench_local(|| site(black_box(&manual)).len());
}

/// The 200-chapter manual the Word benchmarks write and read: about
/// 64,000 words of headings, lists, tables and links.
fn manual_for_word() -> manual_editor::model::Manual {
    let mut manual = manual_editor::model::synth::manual(200);
    // Bodies as chapters have them: headings, lists, a table, links.
    let body = "## Duties\n\nThe **local authority** must *assess* needs, see \
                [supervision](entry:chapter-1) and [GOV.UK](https://www.gov.uk/).\n\n\
                - on the appearance of need;\n- on request:\n  - from a parent.\n\n\
                | Age | Duty |\n| --- | --- |\n| 16 | Assess |\n"
        .repeat(8);
    let mut paths = Vec::new();
    manual.walk(|path, entry, _| {
        if entry.chapter_details().is_some() {
            paths.push(path.to_vec());
        }
    });
    for path in paths {
        if let Some(chapter) = manual
            .entry_mut(&path)
            .and_then(|e| e.chapter_details_mut())
        {
            chapter.body = body.clone();
        }
    }
    manual
}

/// A 200-chapter consultation copy as a Word document (target <= 1 s).
#[divan::bench(sample_count = 10)]
fn consultation_docx_of_200_chapters(bencher: divan::Bencher) {
    let manual = manual_for_word();
    bencher.bench(|| {
        manual_editor::export::docx::consultation_docx(black_box(&manual), &[], "2026-12-02")
            .unwrap()
    });
}

/// Reading that document back, as an import does (target for a 100-page,
/// 50,000-word document <= 1 s).
#[divan::bench(sample_count = 10)]
fn read_a_64000_word_docx(bencher: divan::Bencher) {
    let bytes =
        manual_editor::export::docx::consultation_docx(&manual_for_word(), &[], "2026-12-02")
            .unwrap();
    bencher.bench(|| manual_editor::import::docx::to_html(black_box(&bytes)).unwrap());
}

/// An older manual as one long Word document: about 100 pages (50,000
/// words) under 3 parts, 10 sections and 100 chapters, with 30 pictures
/// of about 120 KB each.
fn hundred_page_document() -> Vec<u8> {
    use manual_editor::import::docx::sample;
    let sentence = "The social worker must record each visit in the child's file and tell the \
                    manager when a visit is missed. ";
    let paragraph = sample::paragraph(&sentence.repeat(5));
    let mut body = String::new();
    let mut picture = 0;
    for part in 1..=3 {
        body.push_str(&sample::styled("Heading1", &format!("Part {part}")));
        for section in 1..=4 {
            if part == 3 && section > 2 {
                break;
            }
            body.push_str(&sample::styled(
                "Heading2",
                &format!("Section {part}.{section}"),
            ));
            for chapter in 1..=10 {
                body.push_str(&sample::styled(
                    "Heading3",
                    &format!("Chapter {part}.{section}.{chapter}"),
                ));
                body.push_str(&sample::styled("Heading4", "Duties"));
                for _ in 0..5 {
                    body.push_str(&paragraph);
                }
                body.push_str(&sample::item(1, 0, "Record the visit"));
                body.push_str(&sample::item(1, 1, "on the day"));
                body.push_str(&sample::table(&[&["Who", "When"], &["Manager", "Monthly"]]));
                if chapter % 3 == 0 && picture < 30 {
                    picture += 1;
                    body.push_str(&sample::picture(
                        &format!("rIdPic{picture}"),
                        picture,
                        "A flow chart",
                    ));
                }
            }
        }
    }
    // Pictures that do not compress away: noise, 200 x 200.
    let mut seed = 7u32;
    let pictures: Vec<Vec<u8>> = (0..picture)
        .map(|_| {
            let image = image::RgbImage::from_fn(200, 200, |_, _| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                let [a, b, c, _] = seed.to_le_bytes();
                image::Rgb([a, b, c])
            });
            let mut bytes = Vec::new();
            image::DynamicImage::ImageRgb8(image)
                .write_to(
                    &mut std::io::Cursor::new(&mut bytes),
                    image::ImageFormat::Png,
                )
                .unwrap();
            bytes
        })
        .collect();
    sample::document_with_pictures(&body, &pictures, &[], &[])
}

/// A whole manual from a 100-page Word document with 30 pictures, as
/// `import-docx` makes it (without writing): the zip and XML read, the
/// headings made a tree, each chapter's text read as its page
/// (target <= 1 s).
#[divan::bench(sample_count = 10)]
fn import_a_100_page_word_manual_with_30_pictures(bencher: divan::Bencher) {
    use manual_editor::import::docx;
    let bytes = hundred_page_document();
    let check = docx::read(&bytes, docx::Changes::Accepted).unwrap();
    let made = manual_editor::import::word_manual::import_word(
        &check,
        "handbook",
        "handbook.files",
        &manual_editor::import::ImportOptions::default(),
    );
    let words: usize = check.html.split_whitespace().count();
    println!(
        "100-page Word document: {} KB, about {words} words, {} pictures: {} chapters, {} filled, {} pictures to copy",
        bytes.len() / 1024,
        check.pictures.len(),
        made.report.chapters,
        made.filled,
        made.files.len()
    );
    bencher.bench(|| {
        let document = docx::read(black_box(&bytes), docx::Changes::Accepted).unwrap();
        manual_editor::import::word_manual::import_word(
            &document,
            "handbook",
            "handbook.files",
            &manual_editor::import::ImportOptions::default(),
        )
    });
}

/// A returned 200-chapter consultation copy reviewed against the manual:
/// read with and without its tracked changes, the copy made again as it
/// would be sent now, and every chapter compared word by word.
#[divan::bench(sample_count = 10)]
fn review_a_returned_200_chapter_copy(bencher: divan::Bencher) {
    let manual = manual_for_word();
    let copy = manual_editor::export::docx::consultation_docx(&manual, &[], "2026-12-02").unwrap();
    let back = manual_editor::import::docx::sample::returned(
        &copy,
        |xml| xml.replace("must ", "shall "),
        "",
    );
    bencher.bench(|| {
        manual_editor::document::response::review(black_box(&manual), &back, &|_| None).unwrap()
    });
}
