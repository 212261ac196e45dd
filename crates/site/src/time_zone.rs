//! Hugo's `timeZone`: the UTC offset a zone-less front matter date takes, from the IANA time
//! zone database, so a date in summer and one in winter get their own offsets.

use chrono::{NaiveDate, Offset, TimeZone};
use chrono_tz::Tz;

use blogreader_content::date::Date;

/// Looks up an IANA zone name (`Europe/Oslo`); `None` for a name the database lacks.
pub fn zone_named(name: &str) -> Option<Tz> {
    name.parse().ok()
}

/// Minutes east of UTC in `zone` at the local date and time of `date`. A local time that
/// occurs twice (the hour clocks go back) takes the earlier offset, as Go does; one that
/// never occurs (the hour clocks skip) takes the offset in force just before.
pub fn offset_minutes(zone: Tz, date: &Date) -> i32 {
    let local = NaiveDate::from_ymd_opt(date.year, u32::from(date.month), u32::from(date.day))
        .and_then(|day| {
            day.and_hms_opt(
                u32::from(date.hour),
                u32::from(date.minute),
                u32::from(date.second),
            )
        });
    let Some(local) = local else {
        return 0;
    };
    let offset = match zone.offset_from_local_datetime(&local) {
        chrono::LocalResult::Single(offset) | chrono::LocalResult::Ambiguous(offset, _) => offset,
        chrono::LocalResult::None => {
            zone.offset_from_utc_datetime(&(local - chrono::Duration::hours(3)))
        }
    };
    offset.fix().local_minus_utc() / 60
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        crate::date_parse::parse_date(text, 0).unwrap_or_else(|error| panic!("{error}"))
    }

    #[test]
    fn a_zone_gives_winter_and_summer_their_own_offsets() {
        let oslo = zone_named("Europe/Oslo").expect("a known zone");
        assert_eq!(offset_minutes(oslo, &date("2025-01-15T12:00:00")), 60);
        assert_eq!(offset_minutes(oslo, &date("2025-07-15T12:00:00")), 120);
        let kolkata = zone_named("Asia/Kolkata").expect("a known zone");
        assert_eq!(offset_minutes(kolkata, &date("2025-07-15")), 330);
    }

    #[test]
    fn skipped_and_repeated_hours_take_the_offset_before() {
        let oslo = zone_named("Europe/Oslo").expect("a known zone");
        // 2025-03-30 02:30 never happens in Oslo; 2025-10-26 02:30 happens twice.
        assert_eq!(offset_minutes(oslo, &date("2025-03-30T02:30:00")), 60);
        assert_eq!(offset_minutes(oslo, &date("2025-10-26T02:30:00")), 120);
    }

    #[test]
    fn an_unknown_zone_name_is_none() {
        assert!(zone_named("Mars/Olympus_Mons").is_none());
    }
}
