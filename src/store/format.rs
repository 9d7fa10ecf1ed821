//! The RON file format: canonical writing, careful reading, and safe saving.
//!
//! A manual file is pretty-printed RON with one field a line, so that a change
//! to one chapter changes a few lines of the file. Reading checks the `format`
//! version before anything else; saving writes a temporary file beside the
//! target and renames it over the old one, keeping the old one as `.bak`.

use std::fs;
use std::path::{Path, PathBuf};

use ron::extensions::Extensions;
use ron::ser::PrettyConfig;
use serde::Deserialize;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::model::{FORMAT_VERSION, MAX_DEPTH, Manual};

pub use super::write::{
    BackupFs, DiskStamp, RealFs, Saved, backup_path, write_atomically, write_atomically_with,
    write_replacing,
};

/// Why a manual could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: {message}")]
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "{path}:{line}:{column}: entries are nested more than {MAX_DEPTH} levels deep, more than a \
         manual may hold (move the deepest entries up a level in a text editor)"
    )]
    TooDeep {
        path: PathBuf,
        line: usize,
        column: usize,
    },
    #[error(
        "{path} is {size_mb} MB, larger than the {limit_mb} MB a manual file may be (the largest \
         real manuals are a few MB; 10,000 chapters with full text are 27 MB): is it a manual?"
    )]
    TooLarge {
        path: PathBuf,
        size_mb: u64,
        limit_mb: u64,
    },
    #[error(
        "{path} is in format version {found}, but this program reads versions up to {supported}: \
         open it with a newer manual-editor"
    )]
    NewerFormat {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
}

impl LoadError {
    /// The line and column (1-based) of a syntax error.
    pub fn position(&self) -> Option<(usize, usize)> {
        match self {
            LoadError::Syntax { line, column, .. } | LoadError::TooDeep { line, column, .. } => {
                Some((*line, *column))
            }
            _ => None,
        }
    }
}

/// Why a manual could not be saved. The previous file is intact in every case.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("{path} was changed by someone else since it was opened or last saved")]
    ChangedOnDisk { path: PathBuf },
    #[error(
        "{path} is open read-only here (someone else has it open); use Save As… to keep a copy"
    )]
    ReadOnly { path: PathBuf },
    #[error("cannot save {path}: {source} (the previous file is unchanged)")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot save {path}: {message}")]
    Serialize { path: PathBuf, message: String },
    /// The file would be one this program refuses to open.
    #[error("cannot save {path}: {why} (nothing was written)")]
    WouldNotOpen { path: PathBuf, why: String },
}

fn extensions() -> Extensions {
    Extensions::IMPLICIT_SOME | Extensions::UNWRAP_VARIANT_NEWTYPES
}

fn pretty_config() -> PrettyConfig {
    PrettyConfig::new()
        .indentor("  ")
        .struct_names(false)
        .escape_strings(false)
        .extensions(extensions())
        .new_line("\n")
}

/// The canonical text of a manual. Loading it gives back an equal manual, and
/// writing that again gives the same bytes.
pub fn to_canonical_string(manual: &Manual) -> Result<String, ron::Error> {
    canonical_in(manual, String::with_capacity(text_size_of(manual)))
}

/// About how many bytes a manual's text takes: its entries' text and a
/// little for each entry's fields. The text is written into room made
/// ahead, not grown by doubling: growing a 27 MB text copies it, and for
/// a moment holds it twice.
fn text_size_of(manual: &Manual) -> usize {
    let mut bytes = 64 * 1024;
    manual.walk(|_, entry, _| {
        bytes += 256 + entry.id.as_str().len() + entry.title.len();
        bytes += entry.notes.iter().map(String::len).sum::<usize>();
        if let Some(chapter) = entry.chapter_details() {
            bytes += chapter.body.len() + chapter.scope.len();
        }
    });
    bytes + bytes / 8
}

/// The canonical text of any file of this program (a manual, a pack).
pub(crate) fn canonical<T: Serialize>(value: &T) -> Result<String, ron::Error> {
    canonical_in(value, String::new())
}

/// [`canonical`], written into `text`.
fn canonical_in<T: Serialize>(value: &T, mut text: String) -> Result<String, ron::Error> {
    ron::Options::default()
        .with_recursion_limit(RECURSION_LIMIT)
        .to_writer_pretty(&mut text, value, pretty_config())?;
    text.push('\n');
    Ok(text)
}

/// Only the version field, read before the rest so that a newer file is
/// refused with a clear message rather than a confusing syntax error.
#[derive(Deserialize)]
struct VersionProbe {
    format: u32,
}

/// RON nesting levels one level of entries takes (the entry, its kind, the
/// section, its list of children, and a little room).
const RON_LEVELS_PER_ENTRY: usize = 8;

/// The reader's nesting limit: enough for every manual within
/// [`MAX_DEPTH`], and a clear error (never a stack overflow) beyond it.
const RECURSION_LIMIT: usize = (MAX_DEPTH + 2) * RON_LEVELS_PER_ENTRY;

fn syntax_error(path: &Path, error: ron::error::SpannedError) -> LoadError {
    if error.code == ron::Error::ExceededRecursionLimit {
        return LoadError::TooDeep {
            path: path.to_path_buf(),
            line: error.span.start.line,
            column: error.span.start.col,
        };
    }
    LoadError::Syntax {
        path: path.to_path_buf(),
        line: error.span.start.line,
        column: error.span.start.col,
        message: plain_message(&error.code),
    }
}

/// What a part of the file is, in the words of the README's format
/// section ("an entry", not `Entry`).
fn part_name(outer: Option<&str>) -> String {
    match outer {
        Some("Manual") => "the manual".into(),
        Some("Entry") => "an entry".into(),
        Some("Chapter") => "a chapter's details".into(),
        Some("Section") => "a section".into(),
        Some("Update") => "an update".into(),
        Some("Amendment") => "an amendment note".into(),
        Some("Approval") => "an approval".into(),
        Some("Keyword") => "a keyword".into(),
        Some("Removal") => "a removed chapter".into(),
        Some("Pack") => "the pack".into(),
        Some(other) => format!("`{other}`"),
        None => "this part of the file".into(),
    }
}

/// The known name nearest to `found` when it is close enough to be a slip
/// of the keyboard (`titel` → `title`, `reveiw_due` → `review_due`).
fn nearest<'a>(found: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(found, k), *k))
        .filter(|(distance, k)| *distance <= (k.len() / 3).max(2))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, k)| k)
}

/// The reader's error in plain words: an unknown field or value names the
/// part of the file it is in and suggests the nearest known name.
fn plain_message(code: &ron::Error) -> String {
    let listed = |expected: &[&str]| {
        expected
            .iter()
            .map(|e| format!("`{e}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match code {
        ron::Error::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            let mut text = format!("unknown field `{found}` in {}", part_name(outer.as_deref()));
            if let Some(near) = nearest(found, expected) {
                text.push_str(&format!(": did you mean `{near}`?"));
            }
            text.push_str(&format!(" (the fields there are {})", listed(expected)));
            text
        }
        ron::Error::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => {
            let mut text = format!("unknown value `{found}` in {}", part_name(outer.as_deref()));
            if let Some(near) = nearest(found, expected) {
                text.push_str(&format!(": did you mean `{near}`?"));
            }
            text.push_str(&format!(" (it can be {})", listed(expected)));
            text
        }
        ron::Error::MissingStructField { field, outer } => format!(
            "{} has no `{field}`, which it needs",
            part_name(outer.as_deref())
        ),
        ron::Error::DuplicateStructField { field, outer } => format!(
            "`{field}` is given twice in {}",
            part_name(outer.as_deref())
        ),
        other => other.to_string(),
    }
}

/// Parses a versioned file of this program (a manual, a pack): `path`
/// only names the source in error messages, `supported` is the newest
/// `format` this program reads.
///
/// The text is parsed once; only when that fails, or finds a newer
/// version, is the version reported, so that a file from a newer program
/// is refused with a clear message rather than a confusing syntax error.
pub(crate) fn parse_versioned<T: DeserializeOwned>(
    text: &str,
    path: &Path,
    supported: u32,
    format_of: impl Fn(&T) -> u32,
) -> Result<T, LoadError> {
    let options = ron::Options::default()
        .with_default_extension(extensions())
        .with_recursion_limit(RECURSION_LIMIT);
    let newer = |found: u32| LoadError::NewerFormat {
        path: path.to_path_buf(),
        found,
        supported,
    };
    match options.from_str::<T>(text) {
        Ok(value) if format_of(&value) > supported => Err(newer(format_of(&value))),
        Ok(value) => Ok(value),
        Err(error) => match options.from_str::<VersionProbe>(text) {
            Ok(probe) if probe.format > supported => Err(newer(probe.format)),
            _ if !looks_like_ron(text) => Err(LoadError::Syntax {
                path: path.to_path_buf(),
                line: 1,
                column: 1,
                message: "this is not a manual-editor file (a manual or pack starts with \
                          '#![enable(' or '(')"
                    .into(),
            }),
            _ => Err(syntax_error(path, error)),
        },
    }
}

/// Whether text starts as this program's files do. Only then does an error
/// quote what was found: any other file (one given by mistake, or a secret
/// one a link pointed at) is never echoed.
fn looks_like_ron(text: &str) -> bool {
    let mut rest = text.trim_start_matches('\u{feff}').trim_start();
    while let Some(comment) = rest.strip_prefix("//") {
        rest = comment
            .split_once('\n')
            .map_or("", |(_, after)| after)
            .trim_start();
    }
    rest.starts_with("#![") || rest.starts_with('(')
}

/// Parses manual text. `path` only names the source in error messages.
pub fn from_str(text: &str, path: &Path) -> Result<Manual, LoadError> {
    let mut manual = parse_versioned(text, path, FORMAT_VERSION, |m: &Manual| m.format)?;
    if manual.depth() > MAX_DEPTH {
        return Err(LoadError::TooDeep {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
        });
    }
    if manual.format < FORMAT_VERSION {
        // Format 1 stored badges; they become an imported update.
        manual.migrate_badges();
        manual.format = FORMAT_VERSION;
    }
    Ok(manual)
}

/// A file's text, or an error naming it.
/// The largest file the loader reads: memory stays bounded whatever is
/// opened by mistake.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

pub(crate) fn read_text(path: &Path) -> Result<String, LoadError> {
    use super::read::{Links, ReadError, read_regular};
    let io = |source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let too_large = |size: u64| LoadError::TooLarge {
        path: path.to_path_buf(),
        size_mb: size.div_ceil(1024 * 1024),
        limit_mb: MAX_FILE_BYTES / (1024 * 1024),
    };
    let size = fs::metadata(path).map_err(io)?.len();
    let bytes = match read_regular(path, MAX_FILE_BYTES, Links::Follow) {
        Ok(bytes) => bytes,
        Err(ReadError::Io(source)) => return Err(io(source)),
        Err(ReadError::TooLarge { .. }) => return Err(too_large(size.max(MAX_FILE_BYTES + 1))),
        Err(other @ (ReadError::NotRegular | ReadError::Symlink)) => {
            return Err(io(std::io::Error::other(other.to_string())));
        }
    };
    String::from_utf8(bytes).map_err(|_| {
        io(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "stream did not contain valid UTF-8",
        ))
    })
}

/// Reads a manual file.
pub fn load(path: &Path) -> Result<Manual, LoadError> {
    from_str(&read_text(path)?, path)
}

/// Reads a manual file and the stamp of what was read (one read of the
/// disk), to tell later whether someone else changed it.
pub fn load_stamped(path: &Path) -> Result<(Manual, Option<DiskStamp>), LoadError> {
    let text = read_text(path)?;
    let stamp = DiskStamp::of_contents(path, text.as_bytes()).ok();
    Ok((from_str(&text, path)?, stamp))
}

/// Writes `manual` to `path` safely: the text goes to a temporary file in the
/// same folder, is flushed to disk, and is renamed over the old file, which is
/// first kept as `NAME.ron.bak`. On any failure the old file is untouched.
pub fn save(manual: &Manual, path: &Path) -> Result<Saved, SaveError> {
    check_depth(manual, path)?;
    save_text(path, to_canonical_string(manual))
}

/// Refuses a manual nested deeper than the loader opens.
pub fn check_depth(manual: &Manual, path: &Path) -> Result<(), SaveError> {
    let depth = manual.depth();
    if depth > MAX_DEPTH {
        return Err(SaveError::WouldNotOpen {
            path: path.to_path_buf(),
            why: format!(
                "its entries are nested {depth} levels deep, more than the {MAX_DEPTH} a manual may \
                 hold, so it could not be opened again"
            ),
        });
    }
    Ok(())
}

/// Refuses text larger than the loader reads.
pub fn check_size(text: &str, path: &Path) -> Result<(), SaveError> {
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(SaveError::WouldNotOpen {
            path: path.to_path_buf(),
            why: format!(
                "it would be {} MB, more than the {} MB a manual file may be, so it could not be \
                 opened again",
                (text.len() as u64).div_ceil(1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        });
    }
    Ok(())
}

/// Writes canonical text made for `path` safely (see [`save`]).
pub(crate) fn save_text(path: &Path, text: Result<String, ron::Error>) -> Result<Saved, SaveError> {
    let text = text.map_err(|e| SaveError::Serialize {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    check_size(&text, path)?;
    write_atomically(path, text.as_bytes()).map_err(|source| SaveError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// The bundled Stockport sample, for unit tests across the crate.
#[cfg(test)]
pub fn stockport_sample() -> Manual {
    let text = include_str!("../../sample_manuals/stockport.ron");
    from_str(text, Path::new("stockport.ron")).expect("the bundled sample loads")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Amendment, Badge, Entry, EntryId, SeeAlso, Update};

    #[test]
    fn a_manuals_text_is_written_into_room_made_ahead_of_about_its_size() {
        let synthetic = crate::model::synth::manual(300);
        for manual in [stockport_sample(), synthetic, sample()] {
            let (text, room) = (to_canonical_string(&manual).unwrap(), text_size_of(&manual));
            assert!(
                text.len() <= room && room <= 2 * text.len() + (1 << 17),
                "{room}"
            );
        }
    }

    fn sample() -> Manual {
        let mut chapter = Entry::chapter(EntryId::new("young-carers"), "Young Carers");
        chapter.see_also.push(SeeAlso::external(
            "Looking After Someone Else's Child",
            Some("https://www.gov.uk/".into()),
            Some("GOV.UK".into()),
        ));
        let details = chapter.chapter_details_mut().unwrap();
        details.body = "# Heading\n\nA \"quoted\" line\\ with a backslash.\n".into();
        details.amendments.push(Amendment {
            date: "2024-06".into(),
            text: "Refreshed throughout.".into(),
            update: "June 2024".into(),
            draft: false,
        });
        let mut unnumbered = Entry::chapter(EntryId::new("guide"), "Two Page Guide");
        unnumbered.numbered = false;
        let mut manual = Manual::new("Test Manual", "Testshire");
        manual.notes.push("Please note: something".into());
        manual.updates.push(Update {
            label: "June 2024".into(),
            date: "2024-06".into(),
            published: true,
            ..Default::default()
        });
        manual.entries = vec![Entry::section(
            EntryId::new("part-1"),
            "All Children",
            vec![chapter, unnumbered],
        )];
        manual
    }

    #[test]
    fn a_file_that_is_not_a_manual_is_never_quoted() {
        let error = from_str(
            "root:$6$secret:19000:0:99999:7:::\n",
            Path::new("/etc/shadow"),
        )
        .unwrap_err()
        .to_string();
        assert!(!error.contains("root"), "{error}");
        assert!(error.contains("not a manual-editor file"), "{error}");
        // A manual with a mistake still says what was found, and where.
        let error = from_str("(\n  title: 5,\n)", Path::new("m.ron"))
            .unwrap_err()
            .to_string();
        assert!(error.starts_with("m.ron:2:"), "{error}");
    }

    #[test]
    fn canonical_text_round_trips_to_identical_bytes() {
        let text = to_canonical_string(&sample()).unwrap();
        let loaded = from_str(&text, Path::new("t.ron")).unwrap();
        assert_eq!(loaded, sample());
        assert_eq!(to_canonical_string(&loaded).unwrap(), text);
    }

    #[test]
    fn canonical_text_is_line_oriented_and_omits_defaults() {
        let text = to_canonical_string(&sample()).unwrap();
        assert!(
            text.starts_with("#![enable(implicit_some)]") || text.starts_with("#![enable("),
            "{text}"
        );
        assert!(text.contains("title: \"Young Carers\",\n"), "{text}");
        assert!(text.contains("numbered: false"), "{text}");
        assert!(!text.contains("numbered: true"), "{text}");
        assert!(!text.contains("applies_to"), "{text}");
        assert!(text.contains("source: \"GOV.UK\""), "{text}");
        // Bodies keep real line breaks, so one changed body line is one diff line.
        assert!(text.contains("# Heading\n\nA"), "{text}");
    }

    #[test]
    fn a_syntax_error_names_file_line_and_column() {
        let text = to_canonical_string(&sample()).unwrap();
        let broken = text.replacen(
            "title: \"Young Carers\",",
            "title: \"Young Carers\" oops,",
            1,
        );
        let error = from_str(&broken, Path::new("manual.ron")).unwrap_err();
        let (line, column) = error.position().unwrap();
        let expected_line = broken.lines().position(|l| l.contains("oops")).unwrap() + 1;
        assert_eq!(line, expected_line);
        assert!(column > 1);
        assert!(
            error
                .to_string()
                .starts_with(&format!("manual.ron:{line}:{column}: ")),
            "{error}"
        );
    }

    #[test]
    fn a_misspelt_field_is_named_with_the_nearest_known_one() {
        let text = to_canonical_string(&sample()).unwrap();
        let broken = text.replacen("title: \"Young Carers\",", "titel: \"Young Carers\",", 1);
        let error = from_str(&broken, Path::new("m.ron"))
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("unknown field `titel` in an entry: did you mean `title`?"),
            "{error}"
        );
        let broken = text.replacen("review_due:", "reveiw_due:", 1);
        if broken != text {
            let error = from_str(&broken, Path::new("m.ron"))
                .unwrap_err()
                .to_string();
            assert!(error.contains("did you mean `review_due`?"), "{error}");
        }
        // Nothing near: no guess, just the fields there are.
        let broken = text.replacen("title: \"Young Carers\",", "colour: \"red\",", 1);
        let error = from_str(&broken, Path::new("m.ron"))
            .unwrap_err()
            .to_string();
        assert!(!error.contains("did you mean"), "{error}");
        assert!(
            error.contains("(the fields there are `id`, `title`"),
            "{error}"
        );
    }

    #[test]
    fn a_truncated_file_is_a_syntax_error() {
        let text = to_canonical_string(&sample()).unwrap();
        let error = from_str(&text[..text.len() / 2], Path::new("m.ron")).unwrap_err();
        assert!(matches!(error, LoadError::Syntax { .. }), "{error}");
    }

    #[test]
    fn wrong_types_are_reported_with_their_position() {
        let text = to_canonical_string(&sample()).unwrap().replacen(
            "numbered: false",
            "numbered: \"no\"",
            1,
        );
        let error = from_str(&text, Path::new("m.ron")).unwrap_err();
        let message = error.to_string();
        assert!(message.contains("m.ron:"), "{message}");
        assert!(message.to_lowercase().contains("bool"), "{message}");
    }

    #[test]
    fn an_unknown_field_is_refused() {
        let text = to_canonical_string(&sample()).unwrap().replacen(
            "title: \"Young Carers\"",
            "tittle: \"Young Carers\"",
            1,
        );
        let message = from_str(&text, Path::new("m.ron")).unwrap_err().to_string();
        assert!(message.contains("tittle"), "{message}");
    }

    #[test]
    fn a_newer_format_version_is_refused_clearly() {
        let text = to_canonical_string(&sample()).unwrap().replacen(
            "format: 2",
            "format: 7, future_field: 3",
            1,
        );
        let error = from_str(&text, Path::new("m.ron")).unwrap_err();
        assert!(
            matches!(
                error,
                LoadError::NewerFormat {
                    found: 7,
                    supported: 2,
                    ..
                }
            ),
            "{error}"
        );
        assert!(error.to_string().contains("newer manual-editor"));
    }

    #[test]
    fn a_hand_written_file_without_extensions_header_loads() {
        let text = r#"(format: 1, title: "M", entries: [(id: "a", title: "A", kind: Chapter(badge: New))])"#;
        let manual = from_str(text, Path::new("m.ron")).unwrap();
        assert_eq!(manual.badge_of(&manual.entries[0]), Badge::New);
        assert_eq!(manual.format, FORMAT_VERSION, "read as the current format");
    }

    #[test]
    fn save_replaces_the_file_and_keeps_a_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.ron");
        fs::write(&path, "old").unwrap();
        save(&sample(), &path).unwrap();
        assert_eq!(load(&path).unwrap(), sample());
        assert_eq!(fs::read_to_string(backup_path(&path)).unwrap(), "old");
        // A second save backs up the first one, not the original.
        let first = fs::read_to_string(&path).unwrap();
        let mut changed = sample();
        changed.title = "Changed".into();
        save(&changed, &path).unwrap();
        assert_eq!(fs::read_to_string(backup_path(&path)).unwrap(), first);
        assert_eq!(load(&path).unwrap().title, "Changed");
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_failed_save_into_a_read_only_folder_leaves_the_old_file_intact() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.ron");
        fs::write(&path, "old content").unwrap();
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
        // Root ignores folder permissions; the test then has nothing to show.
        let is_enforced = fs::write(dir.path().join("probe"), "x").is_err();
        let result = is_enforced.then(|| save(&sample(), &path));
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
        if let Some(result) = result {
            let error = result.unwrap_err();
            assert!(
                error.to_string().contains("previous file is unchanged"),
                "{error}"
            );
        }
        assert_eq!(fs::read_to_string(&path).unwrap(), "old content");
    }

    #[test]
    fn a_failed_save_leaves_the_old_file_intact_and_says_why() {
        // The target's folder is a file, so no temporary file can be made
        // beside it: this fails for root too.
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("not-a-folder");
        fs::write(&blocker, "old content").unwrap();
        let error = save(&sample(), &blocker.join("m.ron")).unwrap_err();
        assert!(error.to_string().contains("m.ron"), "{error}");
        assert!(
            error.to_string().contains("previous file is unchanged"),
            "{error}"
        );
        assert_eq!(fs::read_to_string(&blocker).unwrap(), "old content");
    }

    /// A part holding `levels - 1` nested sections, the last holding a chapter.
    fn nested(levels: usize) -> Manual {
        let mut entry = Entry::chapter(EntryId::new("leaf"), "Leaf");
        for level in (1..levels).rev() {
            entry = Entry::section(EntryId(format!("s{level}")), "S", vec![entry]);
        }
        let mut manual = Manual::new("Deep", "T");
        manual.entries = vec![entry];
        manual
    }

    #[test]
    fn a_manual_as_deep_as_allowed_is_written_and_read_back() {
        let manual = nested(MAX_DEPTH);
        assert_eq!(manual.depth(), MAX_DEPTH);
        let text = to_canonical_string(&manual).unwrap();
        assert_eq!(from_str(&text, Path::new("deep.ron")).unwrap(), manual);
    }

    #[test]
    fn a_file_nested_too_deep_is_refused_in_our_own_words() {
        for levels in [MAX_DEPTH + 1, 40] {
            // Written by hand (or another program): this one refuses to.
            let text = nested_text(levels);
            let error = from_str(&text, Path::new("deep.ron")).unwrap_err();
            let message = error.to_string();
            assert!(matches!(error, LoadError::TooDeep { .. }), "{message}");
            assert!(message.starts_with("deep.ron:"), "{message}");
            assert!(message.contains("more than 12 levels"), "{message}");
            assert!(!message.to_lowercase().contains("recursion"), "{message}");
            assert!(!message.contains("serde"), "{message}");
        }
    }

    /// A manual whose one chapter is `levels` deep, as text.
    fn nested_text(levels: usize) -> String {
        let mut text = String::from("(format: 1, title: \"Deep\", entries: [");
        for level in 1..levels {
            text.push_str(&format!(
                "(id: \"s{level}\", title: \"S\", kind: Section(children: ["
            ));
        }
        text.push_str("(id: \"leaf\", title: \"L\", kind: Chapter())");
        text.push_str(&"]))".repeat(levels - 1));
        text.push_str("])");
        text
    }

    #[test]
    fn hostile_sizes_are_refused_or_read_without_harm() {
        // 10,000 levels deep: refused in our words, no stack overflow.
        let text = nested_text(10_000);
        let error = from_str(&text, Path::new("deep.ron")).unwrap_err();
        assert!(matches!(error, LoadError::TooDeep { .. }), "{error}");

        // A 1 MB title and 100,000 see-also items load and validate.
        let mut manual = Manual::new("x".repeat(1 << 20), "");
        let mut chapter = crate::model::Entry::chapter(crate::model::EntryId::new("c"), "C");
        chapter.see_also = (0..100_000)
            .map(|i| crate::model::SeeAlso::external(format!("Doc {i}"), None, None))
            .collect();
        manual.entries.push(crate::model::Entry::section(
            crate::model::EntryId::new("p"),
            "P",
            vec![chapter],
        ));
        let text = to_canonical_string(&manual).unwrap();
        let loaded = from_str(&text, Path::new("big.ron")).unwrap();
        assert_eq!(loaded.title.len(), 1 << 20);
        let warnings = loaded.validate();
        assert_eq!(
            warnings.len(),
            100_000,
            "each item has no URL, none is a duplicate"
        );

        // A 100 MB file is refused before it is read.
        let dir = tempfile::tempdir().unwrap();
        let huge = dir.path().join("huge.ron");
        fs::File::create(&huge)
            .unwrap()
            .set_len(100 * 1024 * 1024)
            .unwrap();
        let error = load(&huge).unwrap_err();
        assert!(
            matches!(error, LoadError::TooLarge { size_mb: 100, .. }),
            "{error}"
        );
        assert!(
            error.to_string().contains("larger than the 64 MB"),
            "{error}"
        );
    }

    #[test]
    fn load_of_a_missing_file_is_an_io_error_naming_it() {
        let error = load(Path::new("/nonexistent/x.ron")).unwrap_err();
        assert!(matches!(error, LoadError::Io { .. }));
        assert!(error.to_string().contains("x.ron"));
    }
}
