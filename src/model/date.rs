//! Dates: today as YYYY-MM-DD, times for people, month names.

use std::time::SystemTime;

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

/// The number (1 for January) of a month named in full or short, in any
/// case, as published pages write them: "September", "Sep", "Sept".
/// Full and three-letter names are `jiff`'s; "Sept" is the British habit.
pub fn month_number(word: &str) -> Option<i8> {
    use jiff::fmt::strtime::BrokenDownTime;
    let word = word.trim();
    if word.eq_ignore_ascii_case("sept") {
        return Some(9);
    }
    ["%B", "%b"]
        .iter()
        .find_map(|format| BrokenDownTime::parse(format, word).ok()?.month())
}

/// `YYYY-MM` for a month of a year, when the year is one a manual can
/// mean (1900 to 2199).
pub fn iso_month(year: i16, month: i8) -> Option<String> {
    iso_day(year, month, 1).map(|day| day[..7].to_string())
}

/// `YYYY-MM-DD` for a day that exists (`jiff` refuses 31 February), in a
/// year a manual can mean (1900 to 2199).
pub fn iso_day(year: i16, month: i8, day: i8) -> Option<String> {
    if !(1900..2200).contains(&year) {
        return None;
    }
    let date = jiff::civil::Date::new(year, month, day).ok()?;
    Some(date.strftime("%Y-%m-%d").to_string())
}

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

/// A moment as "14:05 UTC on 2026-11-22" (a lock's time, read on other
/// computers: UTC says the same to all of them).
pub fn format_time(time: SystemTime) -> String {
    jiff::Timestamp::try_from(time).map_or_else(
        |_| "an unknown time".into(),
        |moment| moment.strftime("%H:%M UTC on %Y-%m-%d").to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_read_in_full_short_and_any_case() {
        for (word, number) in [
            ("September", 9),
            ("sept", 9),
            ("Sep", 9),
            ("SEPTEMBER", 9),
            ("may", 5),
            ("Jun", 6),
        ] {
            assert_eq!(month_number(word), Some(number), "{word}");
        }
        for word in ["Mayor", "Septic", "", "13"] {
            assert_eq!(month_number(word), None, "{word}");
        }
    }

    #[test]
    fn only_real_days_and_plausible_years_are_dates() {
        assert_eq!(iso_day(2024, 2, 29).as_deref(), Some("2024-02-29"));
        assert_eq!(iso_day(2023, 2, 29), None);
        assert_eq!(iso_day(2024, 2, 31), None);
        assert_eq!(iso_month(2024, 9).as_deref(), Some("2024-09"));
        assert_eq!(iso_month(2024, 13), None);
        assert_eq!(iso_month(1066, 10), None);
    }

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
    fn times_are_written_in_utc() {
        let time = std::time::UNIX_EPOCH
            + std::time::Duration::from_secs(20_414 * 86_400 + 14 * 3600 + 5 * 60);
        assert_eq!(format_time(time), "14:05 UTC on 2025-11-22");
    }

    #[test]
    fn today_is_an_iso_date() {
        assert!(crate::model::is_iso_date(&today_iso()));
    }
}
