//! `check --links`: every outside link of a manual visited, the broken,
//! out-of-reach and moved ones listed, exit 1 when any is broken.

use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use crate::document::link_check::{LinkResults, link_problems, offline_hint, summary};
use crate::document::problems::Severity;
use crate::model::outside_links::outside_links;
use crate::store::format;
use crate::store::link_check::{CheckOptions, check_urls, now_seconds, read_kept, write_kept};

pub fn check_links(file: &Path, timeout: f64, fresh: bool, json: bool) -> anyhow::Result<ExitCode> {
    if !(timeout.is_finite() && timeout > 0.0 && timeout <= 600.0) {
        anyhow::bail!("--timeout takes a number of seconds above 0 and at most 600, not {timeout}");
    }
    let manual = format::load(file)?;
    let links = outside_links(&manual);
    let urls: Vec<String> = links.iter().map(|l| l.url.clone()).collect();
    let options = CheckOptions {
        timeout: Duration::from_secs_f64(timeout),
        fresh,
        ..CheckOptions::default()
    };
    let mut kept = read_kept(file);
    let distinct = urls.iter().collect::<std::collections::HashSet<_>>().len();
    if !json && distinct > 0 {
        tell!(
            "Visiting {} ({} at a time, at most {timeout} s each)…",
            crate::model::counted(distinct, "outside link", "outside links"),
            options.at_once
        );
    }
    let mut last_said = 0;
    let run = check_urls(
        &urls,
        &mut kept,
        &options,
        now_seconds(),
        &AtomicBool::new(false),
        &mut |done, total| {
            // A line every 50 visits on a long check, not one a link.
            if !json && total >= 100 && done >= last_said + 50 && done < total {
                tell!("  {done} of {total}");
                last_said = done;
            }
        },
    );
    if let Err(error) = write_kept(file, &kept) {
        tell!("The results could not be kept: {error}");
    }
    let found = link_problems(&manual, &LinkResults::from(&run));
    let broken = found
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    if json {
        #[derive(serde::Serialize)]
        struct Report<'a> {
            file: String,
            links: usize,
            broken: usize,
            moved: usize,
            from_kept: usize,
            problems: &'a [crate::document::problems::Problem],
        }
        let report = Report {
            file: file.display().to_string(),
            links: run.results.len(),
            broken: run.results.iter().filter(|(_, s)| s.is_broken()).count(),
            moved: run
                .results
                .iter()
                .filter(|(_, s)| matches!(s, crate::store::link_check::LinkStatus::Moved { .. }))
                .count(),
            from_kept: run.from_kept,
            problems: &found,
        };
        say!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        for problem in &found {
            let level = problem.severity.word();
            say!("{level}: {problem}");
        }
        say!("{}: {}", file.display(), summary(&run));
        if let Some(hint) = offline_hint(&run) {
            say!("{hint}");
        }
    }
    Ok(if broken > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
