//! Review reminders where people look: every chapter's review date as an
//! iCalendar file (one all-day event each, with its number, title and
//! responsible manager) that Outlook and other calendars import.

use icalendar::{Calendar, Component, EventLike};

use crate::model::Manual;

/// The day a `review_due` of `YYYY-MM` (the first of the month) or
/// `YYYY-MM-DD` means, when it is a real date.
fn review_day(due: &str) -> Option<chrono::NaiveDate> {
    let mut parts = due.trim().split('-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u32 = parts.next()?.parse().ok()?;
    let day: u32 = match parts.next() {
        Some(day) => day.parse().ok()?,
        None => 1,
    };
    if parts.next().is_some() {
        return None;
    }
    chrono::NaiveDate::from_ymd_opt(year, month, day)
}

/// The calendar, and how many chapters' review dates could not be read
/// (left out).
pub fn review_calendar(manual: &Manual) -> (String, usize) {
    let mut calendar = Calendar::new();
    calendar.name(&format!("Reviews – {}", manual.title));
    let slug = crate::model::slugify(&manual.title);
    let mut unreadable = 0;
    for row in manual.outline() {
        let Some(entry) = manual.entry(&row.path) else {
            continue;
        };
        let Some(due) = entry
            .chapter_details()
            .and_then(|c| c.review_due.as_deref())
        else {
            continue;
        };
        let Some(day) = review_day(due) else {
            unreadable += 1;
            continue;
        };
        let label = crate::model::label(row.number.as_ref(), &entry.title);
        let mut description = format!("{label}\n{}", manual.title);
        if let Some(manager) = entry.chapter_details().and_then(|c| c.manager.as_deref()) {
            description.push_str(&format!("\nResponsible manager: {manager}"));
        }
        calendar.push(
            icalendar::Event::new()
                .uid(&format!("review-{}@{slug}.manual-editor", entry.id))
                .summary(&format!("Review due: {label}"))
                .description(&description)
                .all_day(day)
                .done(),
        );
    }
    (calendar.done().to_string(), unreadable)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entry, EntryId};

    #[test]
    fn each_review_date_is_an_all_day_event_a_calendar_reads() {
        let mut manual = Manual::new("Smalltown Procedures", "Smalltown");
        let mut carers = Entry::chapter(EntryId::new("young-carers"), "Young Carers");
        let chapter = carers.chapter_details_mut().unwrap();
        chapter.review_due = Some("2027-03".into());
        chapter.manager = Some("Early Help; Service Manager".into());
        let mut fostering = Entry::chapter(EntryId::new("fostering"), "Fostering");
        fostering.chapter_details_mut().unwrap().review_due = Some("2027-02-29".into());
        manual.entries = vec![Entry::section(
            EntryId::new("part"),
            "All Children",
            vec![
                carers,
                fostering,
                Entry::chapter(EntryId::new("x"), "No date"),
            ],
        )];
        let (text, unreadable) = review_calendar(&manual);
        assert_eq!(unreadable, 1, "29 February 2027 does not exist");
        let unfolded = icalendar::parser::unfold(&text);
        let parsed = icalendar::parser::read_calendar(&unfolded).unwrap();
        let events: Vec<_> = parsed
            .components
            .iter()
            .filter(|c| c.name == "VEVENT")
            .collect();
        assert_eq!(events.len(), 1);
        let property = |name: &str| {
            events[0]
                .properties
                .iter()
                .find(|p| p.name == name)
                .map(|p| p.val.to_string())
                .unwrap()
        };
        assert_eq!(property("SUMMARY"), "Review due: 1.1 Young Carers");
        assert_eq!(property("DTSTART"), "20270301");
        assert_eq!(
            property("UID"),
            "review-young-carers@smalltown-procedures.manual-editor"
        );
        assert!(property("DESCRIPTION").contains("Service Manager"));
    }
}
