//! A lock file beside an open manual, so that a second person (or a second
//! window) opening it is told who has it open.
//!
//! The lock is advisory: it names the user, the host, the process and the
//! time, and a second opener is warned, never stopped. A lock left by a
//! process that is gone from this host is stale and taken over. What keeps
//! two writers from overwriting each other is the disk stamp checked at
//! every save; the lock only tells people early.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

/// The most a lock file may hold; a real one is under 200 bytes.
const MAX_LOCK_BYTES: u64 = 4096;
/// The longest user or host name a lock may name.
const MAX_NAME_CHARS: usize = 256;
/// 10000-01-01 00:00 UTC in seconds since 1970.
const LATEST_SINCE: u64 = 253_402_300_800;

/// Who holds a manual open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    pub user: String,
    pub host: String,
    pub pid: u32,
    /// Seconds since 1970 (UTC) when the manual was opened.
    pub since: u64,
}

impl Holder {
    /// This process, now.
    pub fn me() -> Self {
        Holder {
            user: user_name(),
            host: host_name(),
            pid: std::process::id(),
            since: SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
        }
    }

    /// "Open on HOST by USER since 14:05 UTC on 2026-11-22".
    pub fn describe(&self) -> String {
        let since = UNIX_EPOCH
            .checked_add(Duration::from_secs(self.since))
            .map_or_else(|| "an unknown time".into(), crate::model::date::format_time);
        format!("Open on {} by {} since {since}", self.host, self.user)
    }

    /// Whether every field is one a real lock holds: short printable names
    /// and a time before the year 10000. Anything else is an unreadable lock.
    fn is_plausible(&self) -> bool {
        let is_name = |text: &str| {
            !text.is_empty()
                && text.chars().count() <= MAX_NAME_CHARS
                && !text.chars().any(char::is_control)
        };
        is_name(&self.user) && is_name(&self.host) && self.since < LATEST_SINCE
    }

    fn is_this_process(&self) -> bool {
        self.host == host_name() && self.pid == std::process::id()
    }

    /// Left by a process that is gone from this host. A lock from another
    /// host is never stale: there is no telling from here.
    pub fn is_stale(&self) -> bool {
        self.host == host_name() && !process_alive(self.pid)
    }
}

/// What asking for the lock found.
#[derive(Debug)]
pub enum Acquired {
    /// The manual is ours: the lock goes when this does.
    Locked(Lock),
    /// Someone else has it open.
    Held(Holder),
    /// No lock can be written there (a read-only folder): open without one.
    Unlockable(io::Error),
}

/// A lock this process holds; removed when dropped, unless someone took it
/// over meanwhile.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    holder: Holder,
}

impl Lock {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Only our own lock goes: "Open anyway" elsewhere may have replaced it.
        if read_holder(&self.path).as_ref() == Some(&self.holder) {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// The lock file of `file`: `.NAME.lock` beside it.
pub fn lock_path(file: &Path) -> PathBuf {
    let name = file
        .file_name()
        .map_or_else(|| "manual".into(), |n| n.to_string_lossy().into_owned());
    file.with_file_name(format!(".{name}.lock"))
}

/// Locks `file` unless someone else holds it; a stale lock, an unreadable
/// one, or one of this process is taken over.
pub fn acquire(file: &Path) -> Acquired {
    let path = lock_path(file);
    for _ in 0..3 {
        match write_new(&path) {
            Ok(lock) => return Acquired::Locked(lock),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {
                match read_holder(&path) {
                    Some(holder) if !holder.is_stale() && !holder.is_this_process() => {
                        return Acquired::Held(holder);
                    }
                    // Stale, ours, or not a lock we can read: take it over.
                    _ => {
                        if let Err(error) = fs::remove_file(&path)
                            && error.kind() != io::ErrorKind::NotFound
                        {
                            return Acquired::Unlockable(error);
                        }
                    }
                }
            }
            Err(error) => return Acquired::Unlockable(error),
        }
    }
    Acquired::Unlockable(io::Error::other("the lock file kept changing"))
}

/// Locks `file` whoever holds it ("Open anyway"): the lock names us now.
pub fn take_over(file: &Path) -> io::Result<Lock> {
    let path = lock_path(file);
    let holder = Holder::me();
    let tmp = path.with_extension(format!("lock.{}", std::process::id()));
    fs::write(&tmp, holder_text(&holder))?;
    if let Err(error) = fs::rename(&tmp, &path) {
        let _ = fs::remove_file(&tmp);
        return Err(error);
    }
    Ok(Lock { path, holder })
}

/// Who holds `file`'s lock, if anyone (and the lock can be read).
pub fn holder_of(file: &Path) -> Option<Holder> {
    read_holder(&lock_path(file))
}

fn write_new(path: &Path) -> io::Result<Lock> {
    let holder = Holder::me();
    let mut out = OpenOptions::new().write(true).create_new(true).open(path)?;
    let written = out.write_all(holder_text(&holder).as_bytes());
    if let Err(error) = written {
        drop(out);
        let _ = fs::remove_file(path);
        return Err(error);
    }
    Ok(Lock {
        path: path.to_path_buf(),
        holder,
    })
}

fn holder_text(holder: &Holder) -> String {
    let mut text = ron::to_string(holder).unwrap_or_default();
    text.push('\n');
    text
}

/// The holder a lock file names, when it is a small regular file (never a
/// symbolic link, a device or a FIFO) holding a plausible lock: a cloned
/// folder may carry any file under the lock's name.
fn read_holder(path: &Path) -> Option<Holder> {
    use super::read::{Links, read_regular};
    parse_holder(&read_regular(path, MAX_LOCK_BYTES, Links::Refuse).ok()?)
}

/// The holder a lock file's bytes name, when they are a plausible lock
/// (at most a few KB, short printable names, a time before the year 10000).
pub fn parse_holder(bytes: &[u8]) -> Option<Holder> {
    if bytes.len() as u64 > MAX_LOCK_BYTES {
        return None;
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let holder: Holder = ron::from_str(text.trim()).ok()?;
    holder.is_plausible().then_some(holder)
}

fn user_name() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|key| std::env::var(key).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "an unknown user".into())
}

fn host_name() -> String {
    #[cfg(unix)]
    {
        for file in ["/proc/sys/kernel/hostname", "/etc/hostname"] {
            if let Ok(name) = fs::read_to_string(file)
                && !name.trim().is_empty()
            {
                return name.trim().to_string();
            }
        }
    }
    ["HOSTNAME", "COMPUTERNAME"]
        .iter()
        .find_map(|key| std::env::var(key).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "an unknown computer".into())
}

/// Whether process `pid` runs on this host. Where that cannot be told
/// (not Linux), it is taken to be running, so a lock is never wrongly
/// taken over.
fn process_alive(pid: u32) -> bool {
    #[cfg(target_os = "linux")]
    {
        // A process that has ended but not been reaped (a zombie, common
        // in containers without an init) still has its /proc entry; its
        // state, the field after the parenthesised name, is `Z`.
        match std::fs::read_to_string(Path::new("/proc").join(pid.to_string()).join("stat")) {
            Ok(stat) => stat
                .rsplit_once(')')
                .and_then(|(_, rest)| rest.split_whitespace().next())
                .is_none_or(|state| state != "Z" && state != "X"),
            Err(_) => Path::new("/proc").join(pid.to_string()).exists(),
        }
    }
    #[cfg(windows)]
    {
        windows_process_alive(pid)
    }
    #[cfg(not(any(target_os = "linux", windows)))]
    {
        let _ = pid;
        true
    }
}

/// Whether process `pid` runs on this Windows computer: it can be opened
/// and has not exited. A process that cannot be opened for want of rights
/// is taken to be running.
#[cfg(windows)]
#[allow(unsafe_code)]
fn windows_process_alive(pid: u32) -> bool {
    use windows_sys::Win32::Foundation::{
        CloseHandle, ERROR_INVALID_PARAMETER, GetLastError, STILL_ACTIVE,
    };
    use windows_sys::Win32::System::Threading::{
        GetExitCodeProcess, OpenProcess, PROCESS_QUERY_LIMITED_INFORMATION,
    };
    // SAFETY: the handle is checked before use and closed once read.
    unsafe {
        let handle = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid);
        if handle.is_null() {
            // No such process; any other failure (access denied) says
            // nothing, so the lock is kept.
            return GetLastError() != ERROR_INVALID_PARAMETER;
        }
        let mut code = 0u32;
        let read = GetExitCodeProcess(handle, &mut code);
        CloseHandle(handle);
        read == 0 || code == STILL_ACTIVE as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn holder(host: String, pid: u32) -> Holder {
        Holder {
            user: "someone".into(),
            host,
            pid,
            since: 1_764_547_200, // 2025-12-01 00:00 UTC
        }
    }

    #[test]
    fn the_first_opener_locks_and_the_lock_goes_with_it() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("m.ron");
        let Acquired::Locked(lock) = acquire(&file) else {
            panic!("not locked")
        };
        assert_eq!(lock.path(), dir.path().join(".m.ron.lock"));
        let holder = holder_of(&file).unwrap();
        assert_eq!((holder.pid, holder.host), (std::process::id(), host_name()));
        drop(lock);
        assert!(!lock_path(&file).exists());
    }

    #[test]
    fn a_live_lock_elsewhere_is_reported_with_who_and_when() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("m.ron");
        let other = holder("another-host".into(), 1);
        fs::write(lock_path(&file), holder_text(&other)).unwrap();
        let Acquired::Held(found) = acquire(&file) else {
            panic!("not held")
        };
        assert_eq!(found, other);
        assert_eq!(
            found.describe(),
            "Open on another-host by someone since 00:00 UTC on 2025-12-01"
        );
        assert!(lock_path(&file).exists(), "someone else's lock is kept");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn an_ended_process_not_yet_reaped_is_not_alive() {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        // Ended, not yet waited for: a zombie.
        std::thread::sleep(std::time::Duration::from_millis(200));
        assert!(!process_alive(pid));
        child.wait().unwrap();
        assert!(process_alive(std::process::id()));
    }

    #[test]
    fn a_lock_of_a_finished_process_on_this_host_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("m.ron");
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let gone = child.id();
        child.wait().unwrap();
        fs::write(lock_path(&file), holder_text(&holder(host_name(), gone))).unwrap();
        assert!(matches!(acquire(&file), Acquired::Locked(_)));

        // A process still running on this host holds it.
        let mut sleeper = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .unwrap();
        let alive = holder(host_name(), sleeper.id());
        fs::write(lock_path(&file), holder_text(&alive)).unwrap();
        let result = acquire(&file);
        sleeper.kill().unwrap();
        sleeper.wait().unwrap();
        assert!(matches!(result, Acquired::Held(h) if h == alive));
    }

    #[test]
    fn garbage_in_the_lock_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("m.ron");
        fs::write(lock_path(&file), "not a lock").unwrap();
        assert!(matches!(acquire(&file), Acquired::Locked(_)));
    }

    #[test]
    fn a_lock_from_the_end_of_time_is_unreadable_and_describes_without_panicking() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("m.ron");
        let mut far = holder("another-host".into(), 1);
        far.since = u64::MAX;
        assert_eq!(
            far.describe(),
            "Open on another-host by someone since an unknown time"
        );
        fs::write(lock_path(&file), holder_text(&far)).unwrap();
        assert_eq!(holder_of(&file), None);
        assert!(matches!(acquire(&file), Acquired::Locked(_)));
    }

    #[test]
    fn a_huge_or_odd_lock_is_taken_over_unread() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("m.ron");
        let mut huge = holder("another-host".into(), 1);
        huge.user = "x".repeat(20 * 1024 * 1024);
        fs::write(lock_path(&file), holder_text(&huge)).unwrap();
        assert_eq!(holder_of(&file), None);
        let mut escape = holder("another-host".into(), 1);
        escape.user = "\u{1b}]0;owned\u{7}".into();
        fs::write(lock_path(&file), holder_text(&escape)).unwrap();
        assert_eq!(holder_of(&file), None);
        assert!(matches!(acquire(&file), Acquired::Locked(_)));
    }

    #[cfg(unix)]
    #[test]
    fn a_lock_that_is_a_symlink_is_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("m.ron");
        std::os::unix::fs::symlink("/dev/zero", lock_path(&file)).unwrap();
        assert_eq!(holder_of(&file), None);
        let Acquired::Locked(lock) = acquire(&file) else {
            panic!("not locked")
        };
        assert!(
            !fs::symlink_metadata(lock.path())
                .unwrap()
                .file_type()
                .is_symlink()
        );
        // A link to a real lock elsewhere is not believed either.
        let elsewhere = dir.path().join("other.lock");
        fs::write(&elsewhere, holder_text(&holder("another-host".into(), 1))).unwrap();
        drop(lock);
        std::os::unix::fs::symlink(&elsewhere, lock_path(&file)).unwrap();
        assert_eq!(holder_of(&file), None);
    }

    #[test]
    fn open_anyway_takes_the_lock_and_the_first_holder_leaves_it_alone() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("m.ron");
        let other = holder("another-host".into(), 1);
        fs::write(lock_path(&file), holder_text(&other)).unwrap();
        let mine = take_over(&file).unwrap();
        assert_eq!(holder_of(&file).map(|h| h.host), Some(host_name()));
        // The other holder's lock object would now find a lock not its own.
        let theirs = Lock {
            path: lock_path(&file),
            holder: other,
        };
        drop(theirs);
        assert!(lock_path(&file).exists(), "my lock stays");
        drop(mine);
        assert!(!lock_path(&file).exists());
    }

    #[test]
    fn a_folder_where_no_lock_can_be_written_opens_without_one() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("missing-folder").join("m.ron");
        assert!(matches!(acquire(&file), Acquired::Unlockable(_)));
    }
}
