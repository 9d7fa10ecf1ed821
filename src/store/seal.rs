//! Seals on what the program keeps in a manual's folder for itself (the
//! outside links' results, `NAME.links-checked`). The folder arrives by git
//! clone or from a shared drive, so a kept file may have been written
//! anywhere, by anyone: each entry is sealed with a key of this computer's
//! user (HMAC-SHA256), and an entry without this user's seal is not taken
//! on trust. The key is made once, from the system's random source, and
//! kept in the user's data folder (`<data dir>/manual-editor/seal.key`,
//! readable by the user alone), never in a manual's folder.

use std::io::Write;
use std::path::Path;

use ring::hmac;
use ring::rand::SecureRandom;

/// The key's file in the user's data folder.
const KEY_FILE: &str = "seal.key";
const KEY_BYTES: usize = 32;

/// A key to seal and check kept entries with.
pub struct Seal(hmac::Key);

impl std::fmt::Debug for Seal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Seal(..)")
    }
}

impl Seal {
    /// This computer's user's key, made on first use and read once a run;
    /// `None` when there is no data folder to keep it in (then nothing
    /// kept is trusted).
    pub fn of_this_user() -> Option<&'static Seal> {
        static KEY: std::sync::OnceLock<Option<Seal>> = std::sync::OnceLock::new();
        KEY.get_or_init(|| Seal::kept_in(&super::data_folder()?))
            .as_ref()
    }

    /// The key kept in `folder`, made there (readable by the user alone)
    /// when there is none or it is damaged.
    pub fn kept_in(folder: &Path) -> Option<Seal> {
        let path = folder.join(KEY_FILE);
        let read = || {
            super::read::read_regular(&path, 1024, super::read::Links::Refuse)
                .ok()
                .filter(|bytes| bytes.len() == KEY_BYTES)
        };
        if let Some(bytes) = read() {
            return Some(Seal::from_bytes(&bytes));
        }
        let mut bytes = [0u8; KEY_BYTES];
        ring::rand::SystemRandom::new().fill(&mut bytes).ok()?;
        std::fs::create_dir_all(folder).ok()?;
        // A damaged key (cut short) is replaced; a link is left alone.
        if let Ok(there) = std::fs::symlink_metadata(&path) {
            if there.file_type().is_symlink() {
                return None;
            }
            std::fs::remove_file(&path).ok()?;
        }
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        match options.open(&path) {
            Ok(mut file) => {
                file.write_all(&bytes).ok()?;
                file.sync_all().ok()?;
                Some(Seal::from_bytes(&bytes))
            }
            // Another run made it first: its key is the one.
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
                read().map(|bytes| Seal::from_bytes(&bytes))
            }
            Err(_) => None,
        }
    }

    fn from_bytes(bytes: &[u8]) -> Seal {
        Seal(hmac::Key::new(hmac::HMAC_SHA256, bytes))
    }

    /// The seal of `message`, in hexadecimal.
    pub fn seal(&self, message: &str) -> String {
        let tag = hmac::sign(&self.0, message.as_bytes());
        tag.as_ref().iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Whether `seal` is this key's seal of `message`.
    pub fn holds(&self, message: &str, seal: &str) -> bool {
        let Some(tag) = from_hex(seal) else {
            return false;
        };
        hmac::verify(&self.0, message.as_bytes(), &tag).is_ok()
    }
}

fn from_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || !text.is_ascii() {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|at| u8::from_str_radix(&text[at..at + 2], 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seal_holds_for_its_message_and_key_alone() {
        let (mine, theirs) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let key = Seal::kept_in(mine.path()).unwrap();
        let seal = key.seal("https://example.org\n5\nfine");
        assert_eq!(seal.len(), 64);
        assert!(key.holds("https://example.org\n5\nfine", &seal));
        assert!(!key.holds("https://example.org\n6\nfine", &seal));
        assert!(!key.holds("https://example.org\n5\nfine", &seal[..62]));
        assert!(!key.holds("https://example.org\n5\nfine", "zz"));
        // The same key next time; another user's key does not hold.
        let again = Seal::kept_in(mine.path()).unwrap();
        assert!(again.holds("https://example.org\n5\nfine", &seal));
        let other = Seal::kept_in(theirs.path()).unwrap();
        assert!(!other.holds("https://example.org\n5\nfine", &seal));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(mine.path().join(KEY_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn a_damaged_key_is_made_again_and_a_linked_one_is_never_used() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(KEY_FILE), b"short").unwrap();
        let key = Seal::kept_in(dir.path()).unwrap();
        assert_eq!(
            std::fs::read(dir.path().join(KEY_FILE)).unwrap().len(),
            KEY_BYTES
        );
        let seal = key.seal("m");
        assert!(Seal::kept_in(dir.path()).unwrap().holds("m", &seal));
        #[cfg(unix)]
        {
            let linked = tempfile::tempdir().unwrap();
            let outside = dir.path().join(KEY_FILE);
            std::os::unix::fs::symlink(&outside, linked.path().join(KEY_FILE)).unwrap();
            assert!(Seal::kept_in(linked.path()).is_none());
            // The file the link points at is untouched.
            assert!(Seal::kept_in(dir.path()).unwrap().holds("m", &seal));
        }
    }
}
