//! Reading files from a manual's folder, which is untrusted input (it
//! arrives by git clone): regular files only, never more than a limit of
//! bytes, so a path that is `/dev/zero`, a FIFO or a huge file can neither
//! hang the program nor fill its memory.

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::Path;

/// Why a bounded read failed.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{0}")]
    Io(#[from] io::Error),
    /// A device, a FIFO, a socket or a folder: never read.
    #[error("it is not a regular file")]
    NotRegular,
    /// A symbolic link where one is refused (lock files).
    #[error("it is a symbolic link")]
    Symlink,
    /// More bytes than the caller allows.
    #[error("it is larger than {limit_bytes} bytes")]
    TooLarge { limit_bytes: u64 },
}

/// Whether a read may follow a symbolic link at `path` itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    Follow,
    Refuse,
}

/// Reads the regular file at `path`, at most `limit_bytes` of it. The type
/// is asked before opening (opening a FIFO would wait for a writer) and
/// again of the opened file (it may have been swapped meanwhile), and the
/// read stops one byte past the limit whatever the file claims its size is.
pub fn read_regular(path: &Path, limit_bytes: u64, links: Links) -> Result<Vec<u8>, ReadError> {
    let own = fs::symlink_metadata(path)?;
    if own.file_type().is_symlink() && links == Links::Refuse {
        return Err(ReadError::Symlink);
    }
    let before = if own.file_type().is_symlink() {
        fs::metadata(path)?
    } else {
        own
    };
    if !before.is_file() {
        return Err(ReadError::NotRegular);
    }
    if before.len() > limit_bytes {
        return Err(ReadError::TooLarge { limit_bytes });
    }
    let file = File::open(path)?;
    let opened = file.metadata()?;
    if !opened.is_file() {
        return Err(ReadError::NotRegular);
    }
    let mut bytes = Vec::with_capacity(usize::try_from(opened.len().min(limit_bytes)).unwrap_or(0));
    file.take(limit_bytes.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit_bytes {
        return Err(ReadError::TooLarge { limit_bytes });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_within_the_limit_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, b"hello").unwrap();
        assert_eq!(read_regular(&path, 5, Links::Refuse).unwrap(), b"hello");
        assert!(matches!(
            read_regular(&path, 4, Links::Refuse),
            Err(ReadError::TooLarge { limit_bytes: 4 })
        ));
    }

    #[cfg(unix)]
    #[test]
    fn devices_folders_and_fifos_are_refused_without_waiting() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            read_regular(Path::new("/dev/zero"), 1024, Links::Follow),
            Err(ReadError::NotRegular)
        ));
        assert!(matches!(
            read_regular(dir.path(), 1024, Links::Follow),
            Err(ReadError::NotRegular)
        ));
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        assert!(matches!(
            read_regular(&fifo, 1024, Links::Follow),
            Err(ReadError::NotRegular)
        ));
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_is_followed_or_refused_as_asked() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("t.txt");
        fs::write(&target, b"x").unwrap();
        let link = dir.path().join("l.txt");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert_eq!(read_regular(&link, 10, Links::Follow).unwrap(), b"x");
        assert!(matches!(
            read_regular(&link, 10, Links::Refuse),
            Err(ReadError::Symlink)
        ));
        let zero = dir.path().join("zero");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        assert!(matches!(
            read_regular(&zero, 10, Links::Follow),
            Err(ReadError::NotRegular)
        ));
    }
}
