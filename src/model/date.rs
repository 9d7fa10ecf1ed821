//! Dates: today as YYYY-MM-DD, times for people, month names.

use std::time::{SystemTime, UNIX_EPOCH};

/// The months' names, January first.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Today's date where the user is (the system's time zone, as `jiff`
/// reads it; UTC when none is set) as `YYYY-MM-DD`: an amendment made at
/// 00:30 in British Summer Time is dated today, not yesterday.
pub fn today_iso() -> String {
    date_of(&jiff::Zoned::now())
}

/// The calendar date of a moment where it happens, as `YYYY-MM-DD`.
fn date_of(moment: &jiff::Zoned) -> String {
    moment.date().strftime("%Y-%m-%d").to_string()
}

/// A moment as "14:05 UTC on 2026-11-22".
pub fn format_time(time: SystemTime) -> String {
    let seconds = time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs()) as i64;
    let (y, m, d) = civil_from_days(seconds.div_euclid(86_400));
    let of_day = seconds.rem_euclid(86_400);
    format!(
        "{:02}:{:02} UTC on {y:04}-{m:02}-{d:02}",
        of_day / 3600,
        of_day % 3600 / 60
    )
}

/// The proleptic Gregorian date of a day count since 1970-01-01
/// (H. Hinnant's `civil_from_days`).
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_past_midnight_in_summer_time_is_already_the_next_day() {
        let moment: jiff::Timestamp = "2026-06-30T23:30:00Z".parse().unwrap();
        let summer_time = jiff::tz::TimeZone::fixed(jiff::tz::offset(1));
        assert_eq!(date_of(&moment.to_zoned(summer_time)), "2026-07-01");
        assert_eq!(
            date_of(&moment.to_zoned(jiff::tz::TimeZone::UTC)),
            "2026-06-30"
        );
        let today = today_iso();
        assert!(
            crate::model::is_iso_date(&today) && today.len() == 10,
            "{today}"
        );
    }

    #[test]
    fn day_counts_become_calendar_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(20_414), (2025, 11, 22));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
    }

    #[test]
    fn times_are_written_in_utc() {
        let time =
            UNIX_EPOCH + std::time::Duration::from_secs(20_414 * 86_400 + 14 * 3600 + 5 * 60);
        assert_eq!(format_time(time), "14:05 UTC on 2025-11-22");
    }

    #[test]
    fn today_is_an_iso_date() {
        assert!(crate::model::is_iso_date(&today_iso()));
    }
}
