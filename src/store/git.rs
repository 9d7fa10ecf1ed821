//! Reading a manual's history from git, when its folder is a repository:
//! the commits that touched the file and the file as each left it. Git is
//! run as a separate program, read-only (`log` and `show`), with nothing
//! the folder's own configuration could turn into a command it runs.

use std::path::Path;

/// One commit that changed the manual's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    /// The full hash.
    pub hash: String,
    /// `YYYY-MM-DD`, when it was committed.
    pub date: String,
    pub author: String,
    /// The first line of its message.
    pub subject: String,
}

impl Commit {
    /// The hash as people quote it (seven characters).
    pub fn short(&self) -> &str {
        &self.hash[..self.hash.len().min(7)]
    }
}

/// Why git's history could not be read (the manual itself is fine).
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("cannot run git (is it installed?): {0}")]
    NotRun(std::io::Error),
    #[error("git {0} failed: {1}")]
    Failed(String, String),
}

/// Runs git in `dir` and returns what it printed. Settings a cloned or
/// copied repository could carry that run programs (a file-system
/// monitor, text conversion) are switched off, and no
/// pager or prompt is ever started.
pub fn run(dir: &Path, args: &[&str]) -> Result<String, GitError> {
    let output = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "core.fsmonitor=false"])
        .args(["--no-pager"])
        .args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_OPTIONAL_LOCKS", "0")
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(GitError::NotRun)?;
    if !output.status.success() {
        return Err(GitError::Failed(
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim().to_string(),
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// The folder and file name git is asked about: the manual's own folder,
/// and `./NAME` so the path is read relative to it.
fn place(manual: &Path) -> Option<(&Path, String)> {
    let name = manual.file_name()?.to_str()?;
    let dir = manual
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Some((dir, format!("./{name}")))
}

/// Whether `manual` is a file git tracks.
pub fn tracks(manual: &Path) -> bool {
    let Some((dir, name)) = place(manual) else {
        return false;
    };
    run(dir, &["ls-files", "--error-unmatch", "--", &name]).is_ok()
}

/// The last `limit` commits that changed `manual`, newest first; empty
/// when the file is not in a repository.
pub fn commits(manual: &Path, limit: usize) -> Result<Vec<Commit>, GitError> {
    if !tracks(manual) {
        return Ok(Vec::new());
    }
    let Some((dir, name)) = place(manual) else {
        return Ok(Vec::new());
    };
    let limit = format!("-n{limit}");
    let text = run(
        dir,
        &[
            "log",
            &limit,
            "--no-textconv",
            "--date=short",
            "--format=%H%x1f%ad%x1f%an%x1f%s",
            "--",
            &name,
        ],
    )?;
    Ok(text
        .lines()
        .filter_map(|line| {
            let mut fields = line.split('\u{1f}');
            let hash = fields.next()?.to_string();
            if hash.len() < 7 || !hash.chars().all(|c| c.is_ascii_hexdigit()) {
                return None;
            }
            Some(Commit {
                hash,
                date: fields.next()?.to_string(),
                author: fields.next()?.to_string(),
                subject: fields.next().unwrap_or_default().to_string(),
            })
        })
        .collect())
}

/// The text of `manual` as commit `hash` left it (`None`: not in it).
pub fn file_at(manual: &Path, hash: &str) -> Result<Option<String>, GitError> {
    let Some((dir, name)) = place(manual) else {
        return Ok(None);
    };
    if !hash.chars().all(|c| c.is_ascii_hexdigit()) {
        return Ok(None);
    }
    match run(dir, &["show", "--no-textconv", &format!("{hash}:{name}")]) {
        Ok(text) => Ok(Some(text)),
        Err(GitError::Failed(..)) => Ok(None),
        Err(error) => Err(error),
    }
}
