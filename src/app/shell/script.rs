//! A scripted session, for tests that drive the real binary: the hidden
//! environment variable `MANUAL_EDITOR_TEST_SCRIPT` holds steps separated
//! by `;`, run one a frame once no question is showing:
//!
//! - `title ID TEXT`: retitle an entry (one undo step, as typing would);
//! - `recover`: open the first recovery copy offered at start (exits with
//!   status 3 when none was offered);
//! - `save`: save to the manual's file;
//! - `quit`: close the window (asking first if anything is unsaved).

use crate::model::EntryId;

/// The environment variable that holds a script.
pub const SCRIPT_VARIABLE: &str = "MANUAL_EDITOR_TEST_SCRIPT";

/// The exit status when a step cannot be carried out.
pub const SCRIPT_FAILED: i32 = 3;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Title { id: EntryId, title: String },
    Recover,
    Save,
    Quit,
}

/// Reads a script; an unknown step is an error naming it.
pub fn parse(text: &str) -> Result<Vec<Step>, String> {
    text.split(';')
        .map(str::trim)
        .filter(|step| !step.is_empty())
        .map(|step| {
            let mut words = step.splitn(3, ' ');
            match (words.next(), words.next(), words.next()) {
                (Some("title"), Some(id), Some(title)) => Ok(Step::Title {
                    id: EntryId::new(id),
                    title: title.to_string(),
                }),
                (Some("recover"), None, None) => Ok(Step::Recover),
                (Some("save"), None, None) => Ok(Step::Save),
                (Some("quit"), None, None) => Ok(Step::Quit),
                _ => Err(format!(
                    "{SCRIPT_VARIABLE}: cannot read the step '{step}' (expected 'title ID TEXT', \
                     'recover', 'save' or 'quit')"
                )),
            }
        })
        .collect()
}

pub(in crate::app) fn fail(why: &str) -> ! {
    eprintln!("{SCRIPT_VARIABLE}: {why}");
    std::process::exit(SCRIPT_FAILED)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_read_and_mistakes_named() {
        assert_eq!(
            parse("title young-carers-2 Young Carers (edited); save ;quit"),
            Ok(vec![
                Step::Title {
                    id: EntryId::new("young-carers-2"),
                    title: "Young Carers (edited)".into()
                },
                Step::Save,
                Step::Quit
            ])
        );
        assert_eq!(parse("recover"), Ok(vec![Step::Recover]));
        let error = parse("save; jump 3").unwrap_err();
        assert!(error.contains("'jump 3'"), "{error}");
    }
}
