//! When unsaved work is copied for recovery: a pause in editing after the
//! last change (so a burst of typing is one copy), once per revision, and
//! never for a manual with nothing unsaved. Kept apart from the window, so
//! the rule has its own tests and any front end can follow it.

/// How long after the last change the copy is written.
pub const DELAY_SECONDS: f64 = 2.0;

/// What the schedule says now.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Due {
    /// Nothing to copy (saved, or this revision is copied already).
    Nothing,
    /// Copy after this many more seconds, if nothing changes meanwhile.
    After(f64),
    /// Copy now.
    Now,
}

/// The revision last seen changing and when, and the last one copied.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct RecoverySchedule {
    last_change: Option<(u64, f64)>,
    copied: Option<u64>,
}

impl RecoverySchedule {
    /// Whether the document at `revision` (`is_dirty`: it has unsaved
    /// changes) is due a copy at `now_seconds`; `at_once` (before quitting,
    /// say) does not wait for the pause.
    pub fn due(&mut self, revision: u64, is_dirty: bool, now_seconds: f64, at_once: bool) -> Due {
        if self.last_change.is_none_or(|(seen, _)| seen != revision) {
            self.last_change = Some((revision, now_seconds));
        }
        if !is_dirty || self.copied == Some(revision) {
            return Due::Nothing;
        }
        let since = self.last_change.map_or(now_seconds, |(_, at)| at);
        let wait = since + DELAY_SECONDS - now_seconds;
        if at_once || wait <= 0.0 {
            Due::Now
        } else {
            Due::After(wait)
        }
    }

    /// The copy of `revision` was handed to the writer.
    pub fn copied(&mut self, revision: u64) {
        self.copied = Some(revision);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_waits_for_a_pause_in_editing_and_is_made_once() {
        let mut schedule = RecoverySchedule::default();
        assert_eq!(
            schedule.due(1, false, 0.0, false),
            Due::Nothing,
            "nothing unsaved"
        );
        assert_eq!(schedule.due(2, true, 10.0, false), Due::After(2.0));
        // Typing goes on: the pause starts again.
        assert_eq!(schedule.due(3, true, 11.5, false), Due::After(2.0));
        assert_eq!(schedule.due(3, true, 13.0, false), Due::After(0.5));
        assert_eq!(schedule.due(3, true, 13.5, false), Due::Now);
        schedule.copied(3);
        assert_eq!(
            schedule.due(3, true, 20.0, false),
            Due::Nothing,
            "copied once"
        );
        assert_eq!(
            schedule.due(4, true, 21.0, true),
            Due::Now,
            "at once when asked"
        );
    }
}
