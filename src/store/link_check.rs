//! Visiting a manual's outside links over HTTP: eight at a time, each
//! within a time limit, redirects followed by hand so that a page that has
//! moved is reported with its new address; results kept beside the manual
//! for a day (`NAME.links-checked`), so checking again soon after visits
//! only what is new. Nothing here reads or writes outside the manual's
//! folder: the kept results are read only from a regular file of bounded
//! size and never written through a symbolic link. Each kept result is
//! sealed with this computer's user's key ([`super::seal`]): results that
//! came with the folder from elsewhere are visited again, never believed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::seal::Seal;

/// What visiting an address found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "result", rename_all = "kebab-case")]
pub enum LinkStatus {
    /// The page answered (2xx).
    Fine { status: u16 },
    /// The page answered from another address (after one or more
    /// redirects); `permanent` when the first was 301 or 308.
    Moved {
        to: String,
        permanent: bool,
        status: u16,
    },
    /// The site answered that the page is missing or failed (4xx, 5xx),
    /// perhaps after redirects (`at` the address that answered so).
    Broken {
        status: u16,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        at: Option<String>,
    },
    /// No answer: the name is unknown, the connection refused, the time
    /// ran out, too many redirects.
    Unreachable { reason: String },
}

impl LinkStatus {
    /// Broken or unreachable: a reader following the link gets nothing.
    pub fn is_broken(&self) -> bool {
        matches!(
            self,
            LinkStatus::Broken { .. } | LinkStatus::Unreachable { .. }
        )
    }

    /// What was found, in words ("is missing (404 Not Found)").
    pub fn describe(&self) -> String {
        match self {
            LinkStatus::Fine { status } => format!("works ({})", status_words(*status)),
            LinkStatus::Moved {
                to,
                permanent: true,
                ..
            } => format!("has moved to {to}"),
            LinkStatus::Moved { to, .. } => format!("leads elsewhere for now: {to}"),
            LinkStatus::Broken { status, at } => {
                let what = match status {
                    404 | 410 => "is missing",
                    401 | 403 => "is refused to readers",
                    500..=599 => "fails on its site",
                    _ => "is broken",
                };
                match at {
                    Some(at) => format!("{what} ({}, at {at})", status_words(*status)),
                    None => format!("{what} ({})", status_words(*status)),
                }
            }
            LinkStatus::Unreachable { reason } => format!("could not be reached: {reason}"),
        }
    }
}

/// "404 Not Found", "500 Internal Server Error", "299".
fn status_words(status: u16) -> String {
    let reason = match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        410 => "Gone",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    };
    if reason.is_empty() {
        status.to_string()
    } else {
        format!("{status} {reason}")
    }
}

/// How a check runs.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// The longest wait for one address to answer (each redirect again).
    pub timeout: Duration,
    /// Addresses visited at once.
    pub at_once: usize,
    /// How long a kept result stands before the address is visited again.
    pub keep_for: Duration,
    /// Visit every address, whatever was kept.
    pub fresh: bool,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            timeout: Duration::from_secs(10),
            at_once: 8,
            keep_for: Duration::from_secs(24 * 60 * 60),
            fresh: false,
        }
    }
}

/// The most redirects followed from one address.
const MAX_REDIRECTS: usize = 5;

/// The most bytes of kept results read (a day's results for 10,000
/// addresses are about 1 MB).
const MAX_KEPT_BYTES: u64 = 16 * 1024 * 1024;

/// One address's result and when it was found (seconds since 1970).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checked {
    pub at: i64,
    pub status: LinkStatus,
    /// This computer's user's seal on the result (see [`KeptResults`]).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub seal: String,
}

impl Checked {
    /// A result found at `at` (seconds since 1970), not yet sealed.
    pub fn new(at: i64, status: LinkStatus) -> Self {
        Checked {
            at,
            status,
            seal: String::new(),
        }
    }

    /// What the seal covers: the address, when, and what was found.
    fn sealed_text(&self, address: &str) -> String {
        let status = ron::to_string(&self.status).unwrap_or_default();
        format!("{address}\n{}\n{status}", self.at)
    }

    /// Found less than `keep_for` before `now`, so it stands without a
    /// visit. A result dated after `now` is not trusted, and neither is a
    /// page "moved" to another address: the kept file arrives with the
    /// manual's folder (a git clone), and a forged move would put its
    /// address in the manual at one click of Use new address, so a move
    /// is always seen for itself.
    pub fn is_young(&self, now: i64, keep_for: Duration) -> bool {
        let max_age = i64::try_from(keep_for.as_secs()).unwrap_or(i64::MAX);
        self.at <= now
            && now - self.at < max_age
            && !matches!(self.status, LinkStatus::Moved { .. })
    }
}

/// The results kept beside a manual, by address.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptResults {
    pub checked: BTreeMap<String, Checked>,
}

/// Where the results for the manual at `manual_path` are kept:
/// `NAME.links-checked` beside `NAME.ron`.
pub fn kept_path(manual_path: &Path) -> PathBuf {
    let stem = manual_path
        .file_stem()
        .map_or_else(|| "manual".into(), |s| s.to_string_lossy().into_owned());
    manual_path.with_file_name(format!("{stem}.links-checked"))
}

/// The kept results that bear this user's seal, or none: a missing,
/// unreadable, oversized or linked file is taken as no results (it is
/// rebuilt), and a result sealed elsewhere (or forged) is dropped, so its
/// address is visited again.
pub fn read_kept(manual_path: &Path) -> KeptResults {
    read_kept_sealed(manual_path, Seal::of_this_user())
}

/// [`read_kept`], with `seal` as this user's key (`None`: none is kept,
/// and nothing is trusted).
pub fn read_kept_sealed(manual_path: &Path, seal: Option<&Seal>) -> KeptResults {
    let path = kept_path(manual_path);
    let mut kept: KeptResults =
        super::read::read_regular(&path, MAX_KEPT_BYTES, super::read::Links::Refuse)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .and_then(|text| ron::from_str(&text).ok())
            .unwrap_or_default();
    kept.checked.retain(|address, checked| {
        seal.is_some_and(|seal| seal.holds(&checked.sealed_text(address), &checked.seal))
    });
    kept
}

/// Keeps `results` beside the manual, each sealed with this user's key. A
/// symbolic link there is left alone (writing through it could reach
/// outside the folder).
pub fn write_kept(manual_path: &Path, results: &KeptResults) -> std::io::Result<()> {
    write_kept_sealed(manual_path, results, Seal::of_this_user())
}

/// [`write_kept`] with `seal` as this user's key (`None`: the results are
/// kept unsealed, and will not be trusted).
pub fn write_kept_sealed(
    manual_path: &Path,
    results: &KeptResults,
    seal: Option<&Seal>,
) -> std::io::Result<()> {
    let mut results = results.clone();
    for (address, checked) in &mut results.checked {
        checked.seal = seal.map_or_else(String::new, |s| s.seal(&checked.sealed_text(address)));
    }
    let results = &results;
    let path = kept_path(manual_path);
    if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(std::io::Error::other(format!(
            "{} is a symbolic link: the results were not kept",
            path.display()
        )));
    }
    let text = ron::ser::to_string_pretty(results, ron::ser::PrettyConfig::default())
        .map_err(std::io::Error::other)?;
    super::write::write_replacing(&path, text.as_bytes()).map(|_| ())
}

/// Seconds since 1970, now.
pub fn now_seconds() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// The outcome of checking a list of addresses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckRun {
    /// Each address and what was found, in the order asked.
    pub results: Vec<(String, LinkStatus)>,
    /// How many of them came from the kept results.
    pub from_kept: usize,
    /// The check was stopped before every address was visited.
    pub stopped: bool,
}

/// Checks `urls` (each once, however often it is given), taking results
/// younger than a day from `kept` unless `options.fresh`, and puts what it
/// finds in `kept`. `progress` hears (done, total) on this thread; setting
/// `stop` ends the check after the visits under way.
pub fn check_urls(
    urls: &[String],
    kept: &mut KeptResults,
    options: &CheckOptions,
    now: i64,
    stop: &AtomicBool,
    progress: &mut dyn FnMut(usize, usize),
) -> CheckRun {
    let mut distinct: Vec<&str> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for url in urls {
        if seen.insert(url.as_str()) {
            distinct.push(url);
        }
    }
    let is_young = |c: &Checked| c.is_young(now, options.keep_for);
    let mut found: BTreeMap<&str, LinkStatus> = BTreeMap::new();
    let mut to_visit: Vec<&str> = Vec::new();
    for &url in &distinct {
        match kept
            .checked
            .get(url)
            .filter(|c| !options.fresh && is_young(c))
        {
            Some(checked) => {
                found.insert(url, checked.status.clone());
            }
            None => to_visit.push(url),
        }
    }
    let from_kept = found.len();
    let total = distinct.len();
    progress(from_kept, total);
    let agent = agent(options);
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::channel::<(usize, LinkStatus)>();
    std::thread::scope(|scope| {
        for _ in 0..options.at_once.clamp(1, 32).min(to_visit.len()) {
            let (tx, next, agent, to_visit) = (tx.clone(), &next, &agent, &to_visit);
            scope.spawn(move || {
                loop {
                    let at = next.fetch_add(1, Ordering::Relaxed);
                    if at >= to_visit.len() || stop.load(Ordering::Relaxed) {
                        return;
                    }
                    if tx.send((at, visit(agent, to_visit[at], options))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(tx);
        let mut done = from_kept;
        for (at, status) in rx {
            found.insert(to_visit[at], status);
            done += 1;
            progress(done, total);
        }
    });
    for &url in &to_visit {
        if let Some(status) = found.get(url) {
            kept.checked
                .insert(url.to_string(), Checked::new(now, status.clone()));
        }
    }
    // Results for addresses older than a day are dropped, so the file
    // does not grow with every address the manual ever had.
    kept.checked.retain(|_, c| is_young(c));
    let results: Vec<(String, LinkStatus)> = distinct
        .iter()
        .filter_map(|&url| found.get(url).map(|s| (url.to_string(), s.clone())))
        .collect();
    CheckRun {
        stopped: results.len() < distinct.len(),
        results,
        from_kept,
    }
}

/// The client: no redirects followed by itself, statuses as answers.
fn agent(options: &CheckOptions) -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(options.timeout))
        .max_redirects(0)
        .http_status_as_error(false)
        .user_agent(concat!(
            "manual-editor/",
            env!("CARGO_PKG_VERSION"),
            " (link check)"
        ))
        .build()
        .into()
}

/// One request within `time` (what is left of the address's time): the
/// status and the `Location` answered, or why none came.
fn ask(
    agent: &ureq::Agent,
    url: &str,
    head: bool,
    time: Duration,
    options: &CheckOptions,
) -> Result<(u16, Option<String>), String> {
    let time = Some(time.min(options.timeout));
    let answer = if head {
        agent.head(url).config().timeout_global(time).build().call()
    } else {
        agent.get(url).config().timeout_global(time).build().call()
    };
    match answer {
        Ok(response) => {
            let location = response
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
                .map(str::to_string);
            // The body is not read: dropping the response closes it.
            Ok((response.status().as_u16(), location))
        }
        Err(error) => Err(unreachable_reason(&error, options)),
    }
}

/// Why no answer came, in words.
fn unreachable_reason(error: &ureq::Error, options: &CheckOptions) -> String {
    match error {
        ureq::Error::Timeout(_) => format!("no answer within {} s", options.timeout.as_secs_f32()),
        ureq::Error::HostNotFound => "the site's name is not known".into(),
        ureq::Error::ConnectionFailed => "the site refused the connection".into(),
        ureq::Error::BadUri(_) => "the address is not valid".into(),
        ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::TimedOut => {
            format!("no answer within {} s", options.timeout.as_secs_f32())
        }
        ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => {
            "the site refused the connection".into()
        }
        // The system's resolver says so in its own words, as an I/O error.
        ureq::Error::Io(e) if is_unknown_name(e) => "the site's name is not known".into(),
        ureq::Error::Io(e) => e.to_string(),
        other => other.to_string(),
    }
}

/// A name lookup that found nothing, as the resolver of each system says
/// it (glibc, macOS, Windows).
fn is_unknown_name(error: &std::io::Error) -> bool {
    let text = error.to_string().to_lowercase();
    [
        "failed to lookup address",
        "name or service not known",
        "nodename nor servname",
        "no such host is known",
    ]
    .iter()
    .any(|words| text.contains(words))
}

/// Visits `url`: HEAD first (no page is downloaded), GET where HEAD is
/// refused or fails (some sites answer HEAD wrongly), redirects followed;
/// all of it within twice the time limit, so a list of addresses that
/// redirect to silent sites cannot stretch a check without end.
fn visit(agent: &ureq::Agent, url: &str, options: &CheckOptions) -> LinkStatus {
    let deadline = std::time::Instant::now() + options.timeout * 2;
    let left = || deadline.saturating_duration_since(std::time::Instant::now());
    let out_of_time = || LinkStatus::Unreachable {
        reason: format!("no answer within {} s", options.timeout.as_secs_f32()),
    };
    let mut current = url.to_string();
    let mut first_permanent: Option<bool> = None;
    for _ in 0..=MAX_REDIRECTS {
        if left().is_zero() {
            return out_of_time();
        }
        let mut answer = ask(agent, &current, true, left(), options);
        if matches!(answer, Ok((status, _)) if status >= 400) && !left().is_zero() {
            answer = ask(agent, &current, false, left(), options);
        }
        let (status, location) = match answer {
            Ok(answer) => answer,
            Err(reason) => return LinkStatus::Unreachable { reason },
        };
        let moved = first_permanent.is_some();
        match (status, location) {
            (300..=399, Some(location)) => {
                first_permanent.get_or_insert(matches!(status, 301 | 308));
                match resolve(&current, &location) {
                    Some(next) => current = next,
                    None => {
                        return LinkStatus::Unreachable {
                            reason: format!(
                                "it redirects to an address that is not valid: {location}"
                            ),
                        };
                    }
                }
            }
            (200..=299, _) if moved => {
                return LinkStatus::Moved {
                    to: current,
                    permanent: first_permanent == Some(true),
                    status,
                };
            }
            (200..=299, _) => return LinkStatus::Fine { status },
            (status, _) => {
                return LinkStatus::Broken {
                    status,
                    at: moved.then_some(current),
                };
            }
        }
    }
    LinkStatus::Unreachable {
        reason: format!("it redirects more than {MAX_REDIRECTS} times"),
    }
}

/// `location` (a redirect's target) read against `base`: a whole address,
/// `//host/path`, `/path` or a path beside the base's.
fn resolve(base: &str, location: &str) -> Option<String> {
    let location = location.trim();
    if location.is_empty() {
        return None;
    }
    let lower = location.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return Some(location.to_string());
    }
    let (scheme, rest) = base.split_once("://")?;
    if let Some(host_path) = location.strip_prefix("//") {
        return Some(format!("{scheme}://{host_path}"));
    }
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let origin = format!("{scheme}://{}", &rest[..host_end]);
    if location.starts_with('/') {
        return Some(format!("{origin}{location}"));
    }
    if lower
        .split(['/', '?', '#'])
        .next()
        .is_some_and(|first| first.contains(':'))
    {
        // Another scheme (`ftp:`, `javascript:`): not followed.
        return None;
    }
    let path = &rest[host_end..];
    let path = path.split(['?', '#']).next().unwrap_or("");
    let folder = path.rfind('/').map_or("/", |at| &path[..=at]);
    Some(format!("{origin}{folder}{location}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirect_targets_are_read_against_the_address() {
        let base = "https://example.org/guide/old.html?x=1";
        for (location, expected) in [
            ("https://new.example.org/a", "https://new.example.org/a"),
            ("//cdn.example.org/b", "https://cdn.example.org/b"),
            ("/c/d", "https://example.org/c/d"),
            ("new.html", "https://example.org/guide/new.html"),
            ("../up.html", "https://example.org/guide/../up.html"),
        ] {
            assert_eq!(
                resolve(base, location).as_deref(),
                Some(expected),
                "{location}"
            );
        }
        assert_eq!(
            resolve("http://example.org", "x").as_deref(),
            Some("http://example.org/x")
        );
        assert_eq!(resolve(base, "javascript:alert(1)"), None);
        assert_eq!(resolve(base, "  "), None);
    }

    #[test]
    fn statuses_are_said_in_words() {
        assert_eq!(
            LinkStatus::Broken {
                status: 404,
                at: None
            }
            .describe(),
            "is missing (404 Not Found)"
        );
        assert_eq!(
            LinkStatus::Broken {
                status: 500,
                at: Some("https://x.org/b".into())
            }
            .describe(),
            "fails on its site (500 Internal Server Error, at https://x.org/b)"
        );
        assert!(
            LinkStatus::Unreachable {
                reason: "no answer within 1 s".into()
            }
            .is_broken()
        );
        assert!(
            !LinkStatus::Moved {
                to: "https://x.org".into(),
                permanent: true,
                status: 200
            }
            .is_broken()
        );
    }

    #[test]
    fn kept_results_are_never_read_through_a_link_nor_written_through_one() {
        let dir = tempfile::tempdir().unwrap();
        let manual = dir.path().join("m.ron");
        let outside = tempfile::tempdir().unwrap();
        let secret = outside.path().join("secret");
        std::fs::write(&secret, "not results").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&secret, kept_path(&manual)).unwrap();
            assert_eq!(read_kept(&manual), KeptResults::default());
            assert!(write_kept(&manual, &KeptResults::default()).is_err());
            assert_eq!(std::fs::read_to_string(&secret).unwrap(), "not results");
            std::fs::remove_file(kept_path(&manual)).unwrap();
        }
        std::fs::write(kept_path(&manual), "not ron at all (").unwrap();
        assert_eq!(read_kept(&manual), KeptResults::default());
        let key = tempfile::tempdir().unwrap();
        let seal = Seal::kept_in(key.path()).unwrap();
        let mut kept = KeptResults::default();
        kept.checked.insert(
            "https://example.org".into(),
            Checked::new(5, LinkStatus::Fine { status: 200 }),
        );
        write_kept_sealed(&manual, &kept, Some(&seal)).unwrap();
        let read = read_kept_sealed(&manual, Some(&seal));
        assert_eq!(read.checked.len(), 1);
        assert_eq!(
            read.checked["https://example.org"].status,
            LinkStatus::Fine { status: 200 }
        );
    }

    #[test]
    fn kept_results_without_this_user_s_seal_are_not_believed() {
        let dir = tempfile::tempdir().unwrap();
        let manual = dir.path().join("m.ron");
        let (mine, theirs) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let (mine, theirs) = (
            Seal::kept_in(mine.path()).unwrap(),
            Seal::kept_in(theirs.path()).unwrap(),
        );
        let mut kept = KeptResults::default();
        kept.checked.insert(
            "https://example.org/a".into(),
            Checked::new(5, LinkStatus::Fine { status: 200 }),
        );
        // Sealed by another user (a folder cloned from elsewhere).
        write_kept_sealed(&manual, &kept, Some(&theirs)).unwrap();
        assert!(read_kept_sealed(&manual, Some(&mine)).checked.is_empty());
        // Sealed here, then altered: a broken page said to work.
        write_kept_sealed(&manual, &kept, Some(&mine)).unwrap();
        let text = std::fs::read_to_string(kept_path(&manual)).unwrap();
        assert!(text.contains("seal:"), "{text}");
        assert!(text.contains("status: 200"), "{text}");
        std::fs::write(
            kept_path(&manual),
            text.replace("status: 200", "status: 404"),
        )
        .unwrap();
        assert!(read_kept_sealed(&manual, Some(&mine)).checked.is_empty());
        // No seal at all, or no key here: nothing believed.
        write_kept_sealed(&manual, &kept, None).unwrap();
        assert!(read_kept_sealed(&manual, Some(&mine)).checked.is_empty());
        write_kept_sealed(&manual, &kept, Some(&mine)).unwrap();
        assert!(read_kept_sealed(&manual, None).checked.is_empty());
        assert_eq!(read_kept_sealed(&manual, Some(&mine)).checked.len(), 1);
    }
}
